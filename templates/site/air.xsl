<?xml version="1.0" encoding="UTF-8"?>
<!--
  air.xsl: air quality per area. Input (site_air.c), one of
    <lt:air-list>  <lt:area index/>*                     air/index.html
    <lt:air-area slug index month?>                       air/<slug>/index.html
        <lt:chart kind="calendar|trend"><svg/></lt:chart>*
        <lt:trend year prev-year><lt:m n pm25? pm25-prev? good? good-prev?/>{12}
    <lt:air-month month> <lt:chart kind="calendar"/>?    air/<slug>/<YYYY-MM>.html
  The area documents (area.rng) are read with lt:doc(). Every chart is
  followed by a table of the numbers it draws, for screen readers and for
  anyone who wants the figures.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:a="urn:lantian:air:1"
    xmlns:svg="http://www.w3.org/2000/svg"
    exclude-result-prefixes="lt a svg">

  <xsl:import href="layout.xsl"/>

  <!-- ==== the frame's modes ==== -->

  <xsl:template match="/" mode="title">
    <xsl:apply-templates select="*" mode="title"/>
  </xsl:template>
  <xsl:template match="lt:air-list" mode="title">各地区空气质量</xsl:template>
  <xsl:template match="lt:air-area" mode="title">
    <xsl:value-of select="lt:doc(@index)/a:area-index/@area"/>空气质量</xsl:template>
  <xsl:template match="lt:air-month" mode="title">
    <xsl:variable name="m" select="lt:doc(@month)/a:area-month"/>
    <xsl:value-of select="$m/@area"/>
    <xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月空气质量</xsl:template>

  <xsl:template match="/" mode="crumbs">
    <xsl:apply-templates select="*" mode="crumbs"/>
  </xsl:template>
  <xsl:template match="lt:air-list" mode="crumbs">
    <xsl:call-template name="crumb-here"><xsl:with-param name="text">空气质量</xsl:with-param></xsl:call-template>
  </xsl:template>
  <xsl:template match="lt:air-area" mode="crumbs">
    <li><a href="{$root}air/index.html">空气质量</a></li>
    <xsl:call-template name="crumb-here">
      <xsl:with-param name="text" select="lt:doc(@index)/a:area-index/@area"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="lt:air-month" mode="crumbs">
    <xsl:variable name="m" select="lt:doc(@month)/a:area-month"/>
    <li><a href="{$root}air/index.html">空气质量</a></li>
    <li><a href="index.html"><xsl:value-of select="$m/@area"/></a></li>
    <xsl:call-template name="crumb-here">
      <xsl:with-param name="text" select="concat($m/@year, '年', $m/@month, '月')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="provenance">
    <xsl:apply-templates select="*" mode="provenance"/>
  </xsl:template>
  <xsl:template match="lt:air-list" mode="provenance">
    <xsl:for-each select="lt:area">
      <xsl:apply-templates select="lt:doc(@index)/a:area-index/a:provenance" mode="footer"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="lt:air-area" mode="provenance">
    <xsl:apply-templates select="lt:doc(@index)/a:area-index/a:provenance" mode="footer"/>
  </xsl:template>
  <xsl:template match="lt:air-month" mode="provenance">
    <xsl:apply-templates select="lt:doc(@month)/a:area-month/a:provenance" mode="footer"/>
  </xsl:template>
  <xsl:template match="a:provenance" mode="footer">
    <li class="label-{@data}">
      <xsl:value-of select="../@area"/>
      <xsl:text>：</xsl:text>
      <xsl:call-template name="provenance-text"><xsl:with-param name="p" select="."/></xsl:call-template>
    </li>
  </xsl:template>

  <!-- The provenance in words: the labels the data carries, or 实测数据. -->
  <xsl:template name="provenance-text">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="$p/a:label">
        <xsl:for-each select="$p/a:label">
          <xsl:if test="position() &gt; 1">；</xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$p/@data = 'real'">实测数据（国控站点监测数据）</xsl:when>
      <xsl:otherwise><xsl:value-of select="$p/@data"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The banner at the top of every air page: simulated data says so
       before any number. -->
  <xsl:template name="provenance-banner">
    <xsl:param name="p"/>
    <xsl:if test="$p/a:label[@kind = 'simulated'] or $p/@data = 'simulated'">
      <p class="notice notice-simulated" role="note">
        <strong>
          <xsl:choose>
            <xsl:when test="$p/a:label[@kind = 'simulated']"><xsl:value-of select="$p/a:label[@kind = 'simulated']"/></xsl:when>
            <xsl:otherwise>模拟数据，仅供演示</xsl:otherwise>
          </xsl:choose>
        </strong>
        <xsl:text>：本页数字由模拟程序生成，不是实际监测结果，不能用于评价或考核。</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <xsl:apply-templates select="*" mode="main"/>
  </xsl:template>

  <!-- ==== air/index.html ==== -->

  <xsl:template match="lt:air-list" mode="main">
    <h1>各地区空气质量</h1>
    <p>按监测区域公开逐月环境空气质量：综合指数、细颗粒物（PM2.5）浓度和优良天数比例，以及逐日空气质量指数（AQI）。</p>
    <section class="table-wrap" tabindex="0" aria-labelledby="t-areas">
      <table class="data">
        <caption id="t-areas">各地区最新月份空气质量</caption>
        <thead>
          <tr>
            <th scope="col">地区</th>
            <th scope="col">最新月份</th>
            <th scope="col" class="num">综合指数</th>
            <th scope="col" class="num">PM2.5（微克/立方米）</th>
            <th scope="col" class="num">优良天数比例</th>
            <th scope="col">数据性质</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="lt:area">
            <xsl:variable name="ix" select="lt:doc(@index)/a:area-index"/>
            <xsl:variable name="last" select="$ix/a:months/a:month[last()]"/>
            <tr>
              <th scope="row"><a href="{$ix/@slug}/index.html"><xsl:value-of select="$ix/@area"/></a></th>
              <td><xsl:if test="$last"><xsl:call-template name="date"><xsl:with-param name="d" select="$last/@ym"/></xsl:call-template></xsl:if></td>
              <td class="num"><xsl:value-of select="$last/@composite"/></td>
              <td class="num"><xsl:value-of select="$last/@pm25"/></td>
              <td class="num"><xsl:if test="$last/@good-ratio"><xsl:value-of select="$last/@good-ratio"/>%</xsl:if></td>
              <td><xsl:call-template name="provenance-text"><xsl:with-param name="p" select="$ix/a:provenance"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
    <xsl:apply-templates select="lt:ranking"/>
  </xsl:template>

  <!-- The latest month's rankings across areas (issue 16), each area's
       place and reported value per ranking, for the month and the year to
       date, with the method and the tie rule the build states. -->
  <xsl:template match="lt:ranking">
    <xsl:variable name="r" select="lt:doc(@month)/a:ranking-month"/>
    <section aria-labelledby="rank-h">
      <h2 id="rank-h"><xsl:value-of select="$r/@year"/>年<xsl:value-of select="$r/@month"/>月各地区排名</h2>
      <xsl:call-template name="provenance-banner"><xsl:with-param name="p" select="$r/a:provenance"/></xsl:call-template>
      <xsl:for-each select="$r/a:ranking[not(@period = preceding-sibling::a:ranking/@period)]">
        <xsl:variable name="period" select="@period"/>
        <xsl:variable name="set" select="$r/a:ranking[@period = $period]"/>
        <section class="table-wrap" tabindex="0">
          <xsl:attribute name="aria-label">
            <xsl:text>排名（</xsl:text>
            <xsl:choose><xsl:when test="$period = 'month'">本月</xsl:when><xsl:otherwise>年累计</xsl:otherwise></xsl:choose>
            <xsl:text>）</xsl:text>
          </xsl:attribute>
          <table class="data ranking">
            <caption>
              <xsl:value-of select="$r/@year"/><xsl:text>年</xsl:text>
              <xsl:choose>
                <xsl:when test="$period = 'month'"><xsl:value-of select="$r/@month"/>月</xsl:when>
                <xsl:when test="$r/@month = 1">1月</xsl:when>
                <xsl:otherwise>1—<xsl:value-of select="$r/@month"/>月累计</xsl:otherwise>
              </xsl:choose>
              <xsl:text>各地区排名（名次，括号内为排名所依据的数值）</xsl:text>
            </caption>
            <thead>
              <tr>
                <th scope="col">地区</th>
                <xsl:for-each select="$set">
                  <th scope="col"><xsl:value-of select="substring-before(concat(@title, '（'), '（')"/></th>
                </xsl:for-each>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$r/a:areas/a:area">
                <xsl:variable name="slug" select="@slug"/>
                <tr>
                  <th scope="row"><a href="{$slug}/index.html"><xsl:value-of select="@name"/></a></th>
                  <xsl:for-each select="$set">
                    <xsl:variable name="row" select="a:row[@slug = $slug]"/>
                    <td>
                      <xsl:choose>
                        <xsl:when test="$row/@place">
                          <xsl:value-of select="$row/@place"/>
                          <xsl:text>（</xsl:text><xsl:value-of select="$row/@key"/>
                          <xsl:if test="contains(@by, 'change')">%</xsl:if>
                          <xsl:if test="@by = 'good-ratio'">%</xsl:if>
                          <xsl:text>）</xsl:text>
                        </xsl:when>
                        <xsl:otherwise>不参加排名</xsl:otherwise>
                      </xsl:choose>
                    </td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </xsl:for-each>
      <h3>排名方法</h3>
      <xsl:for-each select="$r/a:note">
        <p class="note"><xsl:value-of select="."/></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- ==== air/<slug>/index.html ==== -->

  <xsl:template match="lt:air-area" mode="main">
    <xsl:variable name="ix" select="lt:doc(@index)/a:area-index"/>
    <h1><xsl:value-of select="$ix/@area"/>空气质量</h1>
    <xsl:call-template name="provenance-banner"><xsl:with-param name="p" select="$ix/a:provenance"/></xsl:call-template>
    <xsl:if test="@month">
      <xsl:call-template name="lead-sentence"><xsl:with-param name="m" select="lt:doc(@month)/a:area-month"/></xsl:call-template>
    </xsl:if>
    <p>
      <xsl:text>评价点位</xsl:text><xsl:value-of select="$ix/a:stations/@evaluation"/><xsl:text>个</xsl:text>
      <xsl:if test="$ix/a:stations/@background != 0">，对照点<xsl:value-of select="$ix/a:stations/@background"/>个（不参与评价）</xsl:if>
      <xsl:text>；共</xsl:text><xsl:value-of select="$ix/a:months/@count"/><xsl:text>个月的数据。</xsl:text>
      <a href="{$root}data/air/{@slug}/monthly.csv">下载逐月数据（CSV）</a>
    </p>
    <xsl:if test="@month">
      <xsl:variable name="m" select="lt:doc(@month)/a:area-month"/>
      <section aria-labelledby="latest-h">
        <h2 id="latest-h">最新月份：<xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月</h2>
        <p><a href="{$m/@year}-{format-number($m/@month, '00')}.html">查看本月逐日数据</a></p>
        <xsl:call-template name="figures"><xsl:with-param name="m" select="$m"/></xsl:call-template>
        <xsl:call-template name="calendar"><xsl:with-param name="m" select="$m"/></xsl:call-template>
      </section>
      <xsl:apply-templates select="lt:trend"/>
      <xsl:if test="count(lt:year) &gt; 1">
        <xsl:call-template name="years"/>
      </xsl:if>
      <xsl:call-template name="quality"><xsl:with-param name="m" select="$m"/></xsl:call-template>
    </xsl:if>
    <section aria-labelledby="months-h">
      <h2 id="months-h">逐月数据</h2>
      <section class="table-wrap" tabindex="0" aria-labelledby="t-months">
        <table class="data">
          <caption id="t-months"><xsl:value-of select="$ix/@area"/>逐月空气质量（新月份在前）</caption>
          <thead>
            <tr>
              <th scope="col">月份</th>
              <th scope="col" class="num">综合指数</th>
              <th scope="col" class="num">PM2.5（微克/立方米）</th>
              <th scope="col" class="num">优良天数比例</th>
              <th scope="col" class="num">有效天数</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$ix/a:months/a:month">
              <xsl:sort select="@ym" order="descending"/>
              <tr>
                <th scope="row"><a href="{@ym}.html"><xsl:call-template name="date"><xsl:with-param name="d" select="@ym"/></xsl:call-template></a></th>
                <td class="num"><xsl:value-of select="@composite"/></td>
                <td class="num"><xsl:value-of select="@pm25"/></td>
                <td class="num"><xsl:if test="@good-ratio"><xsl:value-of select="@good-ratio"/>%</xsl:if></td>
                <td class="num"><xsl:value-of select="@valid-days"/>/<xsl:value-of select="@days-data"/></td>
                <td><xsl:if test="@valid != 'yes'">有效天数不足，不作评价</xsl:if></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
      <p class="note">有效天数：有有效空气质量指数（AQI）的天数 / 有监测数据的天数。综合指数、PM2.5 和优良天数比例按《环境空气质量评价技术规范（试行）》（HJ 663）和《环境空气质量指数（AQI）技术规定（试行）》（HJ 633）计算。</p>
    </section>
  </xsl:template>

  <!-- The trend chart and its table. -->
  <xsl:template match="lt:trend">
    <xsl:variable name="y" select="@year"/>
    <section aria-labelledby="trend-h">
      <h2 id="trend-h"><xsl:value-of select="$y"/>年与<xsl:value-of select="@prev-year"/>年逐月对比</h2>
      <div class="chart-pair">
        <xsl:if test="../lt:chart[@kind = 'trend']">
          <figure class="chart">
            <xsl:apply-templates select="../lt:chart[@kind = 'trend']/svg:svg" mode="svg"/>
            <figcaption>图2 PM2.5 月均浓度（折线，实线为<xsl:value-of select="$y"/>年，虚线为<xsl:value-of select="@prev-year"/>年）和优良天数（柱）。数据见右表。</figcaption>
          </figure>
        </xsl:if>
        <section class="table-wrap" tabindex="0" aria-labelledby="t-trend">
          <table class="data">
            <caption id="t-trend"><xsl:value-of select="$y"/>年与<xsl:value-of select="@prev-year"/>年逐月 PM2.5 和优良天数</caption>
            <thead>
              <tr>
                <th scope="col" rowspan="2">月份</th>
                <th scope="colgroup" colspan="2">PM2.5（微克/立方米）</th>
                <th scope="colgroup" colspan="2">优良天数（天）</th>
              </tr>
              <tr>
                <th scope="col" class="num"><xsl:value-of select="$y"/>年</th>
                <th scope="col" class="num"><xsl:value-of select="@prev-year"/>年</th>
                <th scope="col" class="num"><xsl:value-of select="$y"/>年</th>
                <th scope="col" class="num"><xsl:value-of select="@prev-year"/>年</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="lt:m">
                <tr>
                  <th scope="row"><xsl:value-of select="@n"/>月</th>
                  <td class="num"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@pm25"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@pm25-prev"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@good"/></xsl:call-template></td>
                  <td class="num"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@good-prev"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </div>
      <p class="note">“—”表示无数据或有效天数不足。</p>
    </section>
  </xsl:template>

  <xsl:template name="or-dash">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v) != ''"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise><span aria-hidden="true">—</span><span class="vh">无数据</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== air/<slug>/<YYYY-MM>.html ==== -->

  <xsl:template match="lt:air-month" mode="main">
    <xsl:variable name="m" select="lt:doc(@month)/a:area-month"/>
    <h1><xsl:value-of select="$m/@area"/><xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月空气质量</h1>
    <xsl:call-template name="provenance-banner"><xsl:with-param name="p" select="$m/a:provenance"/></xsl:call-template>
    <p>
      <a href="index.html">全部月份和年度趋势</a>
      <xsl:text> · </xsl:text>
      <a href="{$root}data/air/{$m/@slug}/daily-{$m/@year}.csv"><xsl:value-of select="$m/@year"/>年逐日数据（CSV）</a>
    </p>
    <xsl:call-template name="figures"><xsl:with-param name="m" select="$m"/></xsl:call-template>
    <xsl:call-template name="calendar"><xsl:with-param name="m" select="$m"/><xsl:with-param name="full" select="true()"/></xsl:call-template>
    <xsl:call-template name="levels"><xsl:with-param name="m" select="$m"/></xsl:call-template>
    <xsl:call-template name="quality"><xsl:with-param name="m" select="$m"/></xsl:call-template>
  </xsl:template>

  <!-- ==== shared pieces ==== -->

  <xsl:template name="pollutant-name">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'so2'">二氧化硫（SO<sub>2</sub>）</xsl:when>
      <xsl:when test="$code = 'no2'">二氧化氮（NO<sub>2</sub>）</xsl:when>
      <xsl:when test="$code = 'pm10'">可吸入颗粒物（PM10）</xsl:when>
      <xsl:when test="$code = 'pm25'">细颗粒物（PM2.5）</xsl:when>
      <xsl:when test="$code = 'co'">一氧化碳（CO）日均值第95百分位数</xsl:when>
      <xsl:when test="$code = 'o3_8h'">臭氧（O<sub>3</sub>）日最大8小时平均第90百分位数</xsl:when>
      <xsl:when test="$code = 'o3_1h'">臭氧（O<sub>3</sub>）1小时</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "pm10 pm25" as PM10、PM2.5 -->
  <xsl:template name="primary">
    <xsl:param name="codes"/>
    <xsl:variable name="c" select="normalize-space($codes)"/>
    <xsl:variable name="first" select="substring-before(concat($c, ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="$first = 'pm25'">PM2.5</xsl:when>
      <xsl:when test="$first = 'pm10'">PM10</xsl:when>
      <xsl:when test="$first = 'o3_8h'">O₃（8小时）</xsl:when>
      <xsl:when test="$first = 'o3_1h'">O₃（1小时）</xsl:when>
      <xsl:when test="$first = 'no2'">NO₂</xsl:when>
      <xsl:when test="$first = 'so2'">SO₂</xsl:when>
      <xsl:when test="$first = 'co'">CO</xsl:when>
      <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="contains($c, ' ')">
      <xsl:text>、</xsl:text>
      <xsl:call-template name="primary"><xsl:with-param name="codes" select="substring-after($c, ' ')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- 同比 of a concentration or the composite: lower is better. -->
  <xsl:template name="change">
    <xsl:param name="v"/>
    <xsl:call-template name="trend"><xsl:with-param name="v" select="$v"/></xsl:call-template>
  </xsl:template>

  <!-- The sentence an area page opens with (issue 16): the year to date
       of the latest month, PM2.5 and 优良天数比例, each with its 同比 read
       as 改善/持平/变差. -->
  <xsl:template name="lead-sentence">
    <xsl:param name="m"/>
    <xsl:variable name="yt" select="$m/a:period[@kind = 'ytd']"/>
    <xsl:variable name="pm" select="$yt/a:figure[@code = 'pm25']"/>
    <p class="lead air-lead">
      <xsl:value-of select="$m/@year"/>
      <xsl:text>年</xsl:text>
      <xsl:if test="$m/@month != 1">1—</xsl:if>
      <xsl:value-of select="$m/@month"/>
      <xsl:text>月</xsl:text>
      <xsl:choose>
        <xsl:when test="$yt/@valid != 'yes' or not($pm/@value)">有效监测天数不足，不作评价。</xsl:when>
        <xsl:otherwise>
          <xsl:text>PM2.5平均浓度</xsl:text>
          <xsl:value-of select="$pm/@value"/>
          <xsl:text>微克/立方米</xsl:text>
          <xsl:if test="string($pm/@change) != ''">
            <xsl:text>，同比</xsl:text>
            <xsl:call-template name="change"><xsl:with-param name="v" select="$pm/@change"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="$yt/a:days/@good-ratio">
            <xsl:text>；优良天数比例</xsl:text>
            <xsl:value-of select="$yt/a:days/@good-ratio"/>
            <xsl:text>%</xsl:text>
            <xsl:if test="string($yt/a:days/@good-points) != ''">
              <xsl:text>，同比</xsl:text>
              <xsl:call-template name="points"><xsl:with-param name="v" select="$yt/a:days/@good-points"/></xsl:call-template>
            </xsl:if>
          </xsl:if>
          <xsl:text>。</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- Each year's figures (its last month's year to date, newest first)
       with 同比, and a bar chart of PM2.5 by year drawn here (text as
       SVG text, so it scales with the page and the reader's zoom). -->
  <xsl:template name="years">
    <section aria-labelledby="years-h">
      <h2 id="years-h">逐年空气质量</h2>
      <div class="chart-pair">
        <xsl:call-template name="years-chart"/>
        <section class="table-wrap" tabindex="0" aria-labelledby="t-years">
          <table class="data">
            <caption id="t-years">各年环境空气质量（新年份在前；未满一年的为年初至最后有数据的月份）</caption>
            <thead>
              <tr>
                <th scope="col">年份</th>
                <th scope="col" class="num">PM2.5（微克/立方米）</th>
                <th scope="col">同比</th>
                <th scope="col" class="num">综合指数</th>
                <th scope="col" class="num">优良天数比例</th>
                <th scope="col">同比</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="lt:year">
                <xsl:variable name="ym" select="lt:doc(@month)/a:area-month"/>
                <xsl:variable name="yt" select="$ym/a:period[@kind = 'ytd']"/>
                <tr>
                  <th scope="row" class="year">
                    <xsl:value-of select="$ym/@year"/><xsl:text>年</xsl:text>
                    <xsl:if test="$ym/@month != 12"><span class="part">（1<xsl:if test="$ym/@month != 1">—<xsl:value-of select="$ym/@month"/></xsl:if>月）</span></xsl:if>
                  </th>
                  <xsl:choose>
                    <xsl:when test="$yt/@valid = 'yes'">
                      <td class="num"><xsl:value-of select="$yt/a:figure[@code = 'pm25']/@value"/></td>
                      <td><xsl:call-template name="change"><xsl:with-param name="v" select="$yt/a:figure[@code = 'pm25']/@change"/></xsl:call-template></td>
                      <td class="num"><xsl:value-of select="$yt/a:composite/@value"/></td>
                      <td class="num"><xsl:if test="$yt/a:days/@good-ratio"><xsl:value-of select="$yt/a:days/@good-ratio"/>%</xsl:if></td>
                      <td><xsl:call-template name="points"><xsl:with-param name="v" select="$yt/a:days/@good-points"/></xsl:call-template></td>
                    </xsl:when>
                    <xsl:otherwise><td colspan="5">有效监测天数不足，不作评价</td></xsl:otherwise>
                  </xsl:choose>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </div>
    </section>
  </xsl:template>

  <!-- Bars of PM2.5 by year, oldest on the left; a year without a valid
       figure has no bar and says 无数据. -->
  <xsl:template name="years-chart">
    <xsl:variable name="n" select="count(lt:year)"/>
    <xsl:variable name="max">
      <xsl:for-each select="lt:year">
        <xsl:sort select="lt:doc(@month)/a:area-month/a:period[@kind = 'ytd'][@valid = 'yes']/a:figure[@code = 'pm25']/@value" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="lt:doc(@month)/a:area-month/a:period[@kind = 'ytd'][@valid = 'yes']/a:figure[@code = 'pm25']/@value"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="number($max) &gt; 0 and not(@charts = 'no')">
      <figure class="chart">
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {20 + $n * 70} 230" width="{20 + $n * 70}" height="230" role="img" aria-labelledby="years-cap" class="years-chart">
          <xsl:for-each select="lt:year">
            <xsl:sort select="@month"/>
            <xsl:variable name="ym" select="lt:doc(@month)/a:area-month"/>
            <xsl:variable name="v" select="$ym/a:period[@kind = 'ytd'][@valid = 'yes']/a:figure[@code = 'pm25']/@value"/>
            <xsl:variable name="x" select="10 + (position() - 1) * 70"/>
            <xsl:choose>
              <xsl:when test="number($v) &gt;= 0">
                <xsl:variable name="h" select="round(number($v) div number($max) * 160)"/>
                <rect x="{$x + 12}" y="{190 - $h}" width="46" height="{$h}" fill="#0b5394"/>
                <text x="{$x + 35}" y="{184 - $h}" text-anchor="middle" font-size="15"><xsl:value-of select="$v"/></text>
              </xsl:when>
              <xsl:otherwise>
                <text x="{$x + 35}" y="184" text-anchor="middle" font-size="13">无数据</text>
              </xsl:otherwise>
            </xsl:choose>
            <text x="{$x + 35}" y="212" text-anchor="middle" font-size="15"><xsl:value-of select="$ym/@year"/></text>
          </xsl:for-each>
          <line x1="10" y1="190.5" x2="{10 + $n * 70}" y2="190.5" stroke="#555"/>
        </svg>
        <figcaption id="years-cap">图3 各年PM2.5平均浓度（微克/立方米，柱上为数值；未满一年的为年初至最后有数据的月份）。数据见旁表。</figcaption>
      </figure>
    </xsl:if>
  </xsl:template>

  <!-- The month's and the year-to-date figures with 同比. -->
  <xsl:template name="figures">
    <xsl:param name="m"/>
    <xsl:variable name="mo" select="$m/a:period[@kind = 'month']"/>
    <xsl:variable name="yt" select="$m/a:period[@kind = 'ytd']"/>
    <section class="table-wrap" tabindex="0" aria-labelledby="t-figures">
      <table class="data">
        <caption id="t-figures"><xsl:value-of select="$m/@area"/><xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月<xsl:if test="$m/@month != 1">及1—<xsl:value-of select="$m/@month"/>月累计</xsl:if>环境空气质量</caption>
        <thead>
          <tr>
            <th scope="col" rowspan="2">指标</th>
            <th scope="colgroup" colspan="3">本月</th>
            <th scope="colgroup" colspan="3">年累计</th>
          </tr>
          <tr>
            <th scope="col" class="num">数值</th><th scope="col" class="num">去年同期</th><th scope="col">同比</th>
            <th scope="col" class="num">数值</th><th scope="col" class="num">去年同期</th><th scope="col">同比</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">综合指数</th>
            <td class="num"><xsl:value-of select="$mo/a:composite/@value"/></td>
            <td class="num"><xsl:value-of select="$mo/a:composite/@prev"/></td>
            <td><xsl:call-template name="change"><xsl:with-param name="v" select="$mo/a:composite/@change"/></xsl:call-template></td>
            <td class="num"><xsl:value-of select="$yt/a:composite/@value"/></td>
            <td class="num"><xsl:value-of select="$yt/a:composite/@prev"/></td>
            <td><xsl:call-template name="change"><xsl:with-param name="v" select="$yt/a:composite/@change"/></xsl:call-template></td>
          </tr>
          <xsl:for-each select="$mo/a:figure">
            <xsl:variable name="code" select="@code"/>
            <xsl:variable name="y" select="$yt/a:figure[@code = $code]"/>
            <tr>
              <th scope="row">
                <xsl:call-template name="pollutant-name"><xsl:with-param name="code" select="@code"/></xsl:call-template>
                <xsl:choose>
                  <xsl:when test="@code = 'co'">（毫克/立方米）</xsl:when>
                  <xsl:otherwise>（微克/立方米）</xsl:otherwise>
                </xsl:choose>
              </th>
              <td class="num"><xsl:value-of select="@value"/></td>
              <td class="num"><xsl:value-of select="@prev"/></td>
              <td><xsl:call-template name="change"><xsl:with-param name="v" select="@change"/></xsl:call-template></td>
              <td class="num"><xsl:value-of select="$y/@value"/></td>
              <td class="num"><xsl:value-of select="$y/@prev"/></td>
              <td><xsl:call-template name="change"><xsl:with-param name="v" select="$y/@change"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
          <tr>
            <th scope="row">优良天数比例</th>
            <td class="num"><xsl:if test="$mo/a:days/@good-ratio"><xsl:value-of select="$mo/a:days/@good-ratio"/>%（<xsl:value-of select="$mo/a:days/@good"/>/<xsl:value-of select="$mo/a:days/@valid"/>天）</xsl:if></td>
            <td class="num"><xsl:if test="$mo/a:days/@prev-good-ratio"><xsl:value-of select="$mo/a:days/@prev-good-ratio"/>%</xsl:if></td>
            <td><xsl:call-template name="points"><xsl:with-param name="v" select="$mo/a:days/@good-points"/></xsl:call-template></td>
            <td class="num"><xsl:if test="$yt/a:days/@good-ratio"><xsl:value-of select="$yt/a:days/@good-ratio"/>%（<xsl:value-of select="$yt/a:days/@good"/>/<xsl:value-of select="$yt/a:days/@valid"/>天）</xsl:if></td>
            <td class="num"><xsl:if test="$yt/a:days/@prev-good-ratio"><xsl:value-of select="$yt/a:days/@prev-good-ratio"/>%</xsl:if></td>
            <td><xsl:call-template name="points"><xsl:with-param name="v" select="$yt/a:days/@good-points"/></xsl:call-template></td>
          </tr>
          <tr>
            <th scope="row">重度及以上污染天数</th>
            <td class="num"><xsl:value-of select="$mo/a:days/@heavy"/></td>
            <td class="num"><xsl:value-of select="$mo/a:days/@prev-heavy"/></td>
            <td/>
            <td class="num"><xsl:value-of select="$yt/a:days/@heavy"/></td>
            <td class="num"><xsl:value-of select="$yt/a:days/@prev-heavy"/></td>
            <td/>
          </tr>
        </tbody>
      </table>
    </section>
    <xsl:if test="$mo/@valid != 'yes'">
      <p class="notice">本月有效监测天数不足（<xsl:value-of select="$mo/@days-data"/>天有数据，至少需要<xsl:value-of select="$mo/@min-days"/>天），月度统计不作评价。</p>
    </xsl:if>
  </xsl:template>

  <!-- A change of 优良天数比例 in percentage points: higher is better. -->
  <xsl:template name="points">
    <xsl:param name="v"/>
    <xsl:call-template name="trend">
      <xsl:with-param name="v" select="$v"/>
      <xsl:with-param name="unit" select="'个百分点'"/>
      <xsl:with-param name="higher-better" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The AQI calendar: the SVG chart (when drawn) beside the same grid
       as a table; on a month page also a table of every day. -->
  <xsl:template name="calendar">
    <xsl:param name="m"/>
    <xsl:param name="full" select="false()"/>
    <section aria-labelledby="cal-h">
      <h2 id="cal-h"><xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月逐日空气质量指数（AQI）</h2>
      <div class="chart-pair">
        <xsl:if test="lt:chart[@kind = 'calendar']">
          <figure class="chart">
            <xsl:apply-templates select="lt:chart[@kind = 'calendar']/svg:svg" mode="svg"/>
            <figcaption>图1 AQI 日历：每格为一天，颜色为空气质量级别，格中数字为日期和 AQI；灰色为无有效数据。数据见旁表。</figcaption>
          </figure>
        </xsl:if>
        <section class="table-wrap" tabindex="0" aria-labelledby="t-calendar">
          <table class="aqi-grid">
            <caption id="t-calendar"><xsl:value-of select="$m/@area"/><xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月 AQI 日历（每格：日期、AQI、类别）</caption>
            <thead>
              <tr>
                <th scope="col">周一</th><th scope="col">周二</th><th scope="col">周三</th><th scope="col">周四</th>
                <th scope="col">周五</th><th scope="col">周六</th><th scope="col">周日</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="lt:grid/lt:week">
                <tr>
                  <xsl:for-each select="lt:d">
                    <xsl:choose>
                      <xsl:when test="not(@n)"><td class="blank"></td></xsl:when>
                      <xsl:when test="@valid = 'yes'">
                        <td class="lv-{@level}">
                          <span class="d"><xsl:value-of select="@n"/>日</span>
                          <span class="v"><xsl:value-of select="@aqi"/></span>
                          <span class="c"><xsl:value-of select="@category"/></span>
                        </td>
                      </xsl:when>
                      <xsl:otherwise>
                        <td class="nodata">
                          <span class="d"><xsl:value-of select="@n"/>日</span>
                          <span class="v">—</span>
                          <span class="c"><xsl:choose><xsl:when test="@data = 'yes'">数据不足</xsl:when><xsl:otherwise>无数据</xsl:otherwise></xsl:choose></span>
                        </td>
                      </xsl:otherwise>
                    </xsl:choose>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </div>
      <xsl:if test="$full">
        <section class="table-wrap" tabindex="0" aria-labelledby="t-days">
          <table class="data days">
            <caption id="t-days"><xsl:value-of select="$m/@area"/><xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月逐日数据</caption>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col" class="num">AQI</th>
                <th scope="col">类别</th>
                <th scope="col">首要污染物</th>
                <th scope="col" class="num">PM2.5</th>
                <th scope="col" class="num">PM10</th>
                <th scope="col" class="num">O₃（8小时）</th>
                <th scope="col" class="num">NO₂</th>
                <th scope="col" class="num">SO₂</th>
                <th scope="col" class="num">CO</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$m/a:calendar/a:day">
                <tr>
                  <th scope="row"><xsl:value-of select="number(substring(@date, 9, 2))"/>日</th>
                  <xsl:choose>
                    <xsl:when test="@valid = 'yes'">
                      <td class="num"><xsl:value-of select="@aqi"/></td>
                      <td>
                        <span class="swatch lv-{@level}" aria-hidden="true"></span>
                        <xsl:value-of select="@category"/>
                      </td>
                      <td><xsl:if test="@primary"><xsl:call-template name="primary"><xsl:with-param name="codes" select="@primary"/></xsl:call-template></xsl:if></td>
                    </xsl:when>
                    <xsl:otherwise>
                      <td class="num">—</td>
                      <td colspan="2">
                        <xsl:choose>
                          <xsl:when test="@data = 'yes'">数据不足，无有效 AQI</xsl:when>
                          <xsl:otherwise>无监测数据</xsl:otherwise>
                        </xsl:choose>
                      </td>
                    </xsl:otherwise>
                  </xsl:choose>
                  <td class="num"><xsl:value-of select="@pm25"/></td>
                  <td class="num"><xsl:value-of select="@pm10"/></td>
                  <td class="num"><xsl:value-of select="@o3_8h"/></td>
                  <td class="num"><xsl:value-of select="@no2"/></td>
                  <td class="num"><xsl:value-of select="@so2"/></td>
                  <td class="num"><xsl:value-of select="@co"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
        <p class="note">浓度单位：微克/立方米，CO 为毫克/立方米（日均值）。AQI 按《环境空气质量指数（AQI）技术规定（试行）》（HJ 633—2012）计算。</p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- Days per AQI level, this month. -->
  <xsl:template name="levels">
    <xsl:param name="m"/>
    <xsl:variable name="mo" select="$m/a:period[@kind = 'month']"/>
    <section aria-labelledby="levels-h">
      <h2 id="levels-h">各级别天数</h2>
      <section class="table-wrap" tabindex="0" aria-labelledby="t-levels">
        <table class="data">
          <caption id="t-levels"><xsl:value-of select="$m/@year"/>年<xsl:value-of select="$m/@month"/>月各空气质量级别天数</caption>
          <thead><tr><th scope="col">级别</th><th scope="col" class="num">天数</th></tr></thead>
          <tbody>
            <xsl:for-each select="$mo/a:level">
              <tr>
                <th scope="row">
                  <span class="swatch lv-{@n}" aria-hidden="true"></span>
                  <xsl:choose>
                    <xsl:when test="@n = 1">一级（优）</xsl:when>
                    <xsl:when test="@n = 2">二级（良）</xsl:when>
                    <xsl:when test="@n = 3">三级（轻度污染）</xsl:when>
                    <xsl:when test="@n = 4">四级（中度污染）</xsl:when>
                    <xsl:when test="@n = 5">五级（重度污染）</xsl:when>
                    <xsl:otherwise>六级（严重污染）</xsl:otherwise>
                  </xsl:choose>
                </th>
                <td class="num"><xsl:value-of select="@days"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </section>
  </xsl:template>

  <!-- The data-quality notes, one line each. -->
  <xsl:template name="quality">
    <xsl:param name="m"/>
    <section aria-labelledby="quality-h">
      <h2 id="quality-h">数据质量说明</h2>
      <xsl:call-template name="provenance-banner"><xsl:with-param name="p" select="$m/a:provenance"/></xsl:call-template>
      <ul class="quality">
        <xsl:call-template name="lines"><xsl:with-param name="t" select="string($m/a:quality-text)"/></xsl:call-template>
      </ul>
    </section>
  </xsl:template>

  <xsl:template name="lines">
    <xsl:param name="t"/>
    <xsl:variable name="line" select="substring-before(concat($t, '&#10;'), '&#10;')"/>
    <xsl:if test="normalize-space($line) != ''"><li><xsl:value-of select="$line"/></li></xsl:if>
    <xsl:if test="contains($t, '&#10;')">
      <xsl:call-template name="lines"><xsl:with-param name="t" select="substring-after($t, '&#10;')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- SVG copied element by element: only the SVG and XLink namespaces
       reach the page (a plain copy would carry the lt: declaration). -->
  <xsl:template match="svg:*" mode="svg">
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/2000/svg">
      <xsl:copy-of select="@*"/>
      <xsl:apply-templates mode="svg"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="text()" mode="svg"><xsl:value-of select="."/></xsl:template>

</xsl:stylesheet>
