<?xml version="1.0" encoding="UTF-8"?>
<!--
  bulletin.xsl: the HTML edition of one work bulletin (工作通报), from the
  merged document of a plan and month. Input (site_bulletins.c):
    <lt:bulletin merged>
      <lt:pdf kind="month|ytd" href/>*      PDFs beside this page, when built;
        issued="2024年第3期" date (correction="k" for a 更正) when issued
        with lantian issue, else draft="1" (a 征求意见稿)
      <lt:commentary>HTML from cmark</lt:commentary>?   staff's 存在问题/下步工作
  Title: 《<place>大气污染防治攻坚战<YYYY>年<M>月工作通报》.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:m="urn:lantian:merged:1"
    exclude-result-prefixes="lt m">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="mdcopy.xsl"/>

  <xsl:variable name="md" select="lt:doc(/lt:bulletin/@merged)/m:merged"/>
  <xsl:variable name="place">
    <xsl:choose>
      <xsl:when test="$md/m:plan/m:place"><xsl:value-of select="$md/m:plan/m:place"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$md/m:plan/m:title"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="title" select="concat($place, '大气污染防治攻坚战', $md/@year, '年', $md/@month, '月工作通报')"/>
  <xsl:variable name="ym" select="concat($md/@year, '-', format-number($md/@month, '00'))"/>

  <xsl:template match="/" mode="title"><xsl:value-of select="$title"/></xsl:template>

  <xsl:template match="/" mode="crumbs">
    <li><a href="{$root}bulletins/index.html">工作通报</a></li>
    <xsl:call-template name="crumb-here">
      <xsl:with-param name="text" select="concat($place, $md/@year, '年', $md/@month, '月')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="provenance">
    <xsl:call-template name="labels"><xsl:with-param name="labels" select="$md/m:provenance/m:label"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <article class="bulletin">
      <h1>《<xsl:value-of select="$title"/>》</h1>
      <p class="asof">
        <xsl:text>数据截至</xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$md/@as-of"/></xsl:call-template>
        <xsl:text> · 依据《</xsl:text>
        <a href="{$root}plans/{$md/@plan}/index.html"><xsl:value-of select="$md/m:plan/m:title"/></a>
        <xsl:text>》</xsl:text>
      </p>
      <xsl:variable name="demo" select="$md/m:provenance/m:label[@kind = 'simulated' or @kind = 'sample']"/>
      <xsl:if test="$demo">
        <p class="notice" role="note">
          <strong>
            <xsl:for-each select="$demo">
              <xsl:if test="position() &gt; 1">；</xsl:if>
              <xsl:value-of select="."/>
            </xsl:for-each>
          </strong>
          <xsl:text>：本通报中标注的数据为演示数据，不是实际工作情况或监测结果。</xsl:text>
        </p>
      </xsl:if>
      <xsl:for-each select="$md/m:provenance/m:label[not(@kind = 'simulated' or @kind = 'sample')]">
        <p class="asof"><xsl:value-of select="."/></p>
      </xsl:for-each>
      <xsl:if test="/lt:bulletin/lt:pdf[@kind = 'month' and @draft]">
        <p class="notice draft" role="note"><strong class="badge draft">征求意见稿</strong>本期通报尚未签发，PDF 版为征求意见稿，不是正式通报。</p>
      </xsl:if>
      <xsl:if test="/lt:bulletin/lt:pdf[@issued]">
        <p class="asof">正式通报以已签发的 PDF 版为准；网页版按最新数据生成。</p>
      </xsl:if>
      <ul class="links downloads">
        <xsl:for-each select="/lt:bulletin/lt:pdf">
          <li>
            <a href="{@href}">
              <xsl:choose>
                <xsl:when test="@kind = 'ytd'">年度累计版（PDF）</xsl:when>
                <xsl:otherwise>PDF 版</xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@correction">（更正）</xsl:if>
            </a>
            <xsl:choose>
              <xsl:when test="@issued">
                <span class="badge issued">已签发 <xsl:value-of select="@issued"/>，<xsl:value-of select="@date"/></span>
              </xsl:when>
              <xsl:otherwise>
                <span class="badge draft">征求意见稿（未签发）</span>
              </xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
        <li><a href="{$root}data/{$md/@plan}/tasks-{$ym}.csv">任务进展数据（CSV）</a></li>
      </ul>

      <xsl:apply-templates select="$md/m:air | $md/m:air-none"/>
      <xsl:call-template name="tasks"/>
      <xsl:call-template name="overdue"/>
      <xsl:call-template name="due-soon"/>
      <xsl:call-template name="targets"/>
      <xsl:if test="/lt:bulletin/lt:commentary">
        <section class="commentary" aria-labelledby="b-comm">
          <h2 id="b-comm">存在问题和下步工作</h2>
          <xsl:apply-templates select="/lt:bulletin/lt:commentary/node()" mode="html"/>
        </section>
      </xsl:if>
    </article>
  </xsl:template>

  <!-- ==== 一、空气质量 ==== -->

  <xsl:template match="m:air-none">
    <section aria-labelledby="b-air">
      <h2 id="b-air">一、环境空气质量</h2>
      <p><xsl:value-of select="."/></p>
    </section>
  </xsl:template>

  <xsl:template match="m:air">
    <xsl:variable name="mo" select="m:period[@kind = 'month']"/>
    <xsl:variable name="yt" select="m:period[@kind = 'ytd']"/>
    <section aria-labelledby="b-air">
      <h2 id="b-air">一、环境空气质量</h2>
      <xsl:choose>
        <xsl:when test="m:no-data">
          <p><xsl:value-of select="m:no-data"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:value-of select="$md/@month"/>
            <xsl:text>月，</xsl:text><xsl:value-of select="@area"/>
            <xsl:text>细颗粒物（PM2.5）平均浓度为</xsl:text>
            <xsl:value-of select="$mo/m:figure[@code = 'pm25']/@value"/>
            <xsl:text>微克/立方米</xsl:text>
            <xsl:if test="$mo/m:figure[@code = 'pm25']/@change">
              <xsl:text>，同比</xsl:text>
              <xsl:call-template name="change"><xsl:with-param name="v" select="$mo/m:figure[@code = 'pm25']/@change"/></xsl:call-template>
            </xsl:if>
            <xsl:text>；优良天数比例为</xsl:text>
            <xsl:value-of select="$mo/m:days/@good-ratio"/>
            <xsl:text>%。</xsl:text>
          </p>
          <section class="table-wrap" tabindex="0" aria-labelledby="t-b1">
            <table class="data">
              <caption id="t-b1">表1 <xsl:value-of select="$md/@year"/>年<xsl:value-of select="$md/@month"/>月<xsl:value-of select="@area"/>环境空气质量情况</caption>
              <thead>
                <tr>
                  <th scope="col" rowspan="2">指标</th>
                  <th scope="colgroup" colspan="3">本月</th>
                  <th scope="colgroup" colspan="3">1—<xsl:value-of select="$md/@month"/>月累计</th>
                </tr>
                <tr>
                  <th scope="col" class="num">数值</th><th scope="col" class="num">去年同期</th><th scope="col">同比</th>
                  <th scope="col" class="num">数值</th><th scope="col" class="num">去年同期</th><th scope="col">同比</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">综合指数</th>
                  <xsl:call-template name="cells3"><xsl:with-param name="f" select="$mo/m:composite"/></xsl:call-template>
                  <xsl:call-template name="cells3"><xsl:with-param name="f" select="$yt/m:composite"/></xsl:call-template>
                </tr>
                <xsl:for-each select="$mo/m:figure">
                  <xsl:variable name="code" select="@code"/>
                  <tr>
                    <th scope="row">
                      <xsl:call-template name="pollutant"><xsl:with-param name="code" select="@code"/></xsl:call-template>
                    </th>
                    <xsl:call-template name="cells3"><xsl:with-param name="f" select="."/></xsl:call-template>
                    <xsl:call-template name="cells3"><xsl:with-param name="f" select="$yt/m:figure[@code = $code]"/></xsl:call-template>
                  </tr>
                </xsl:for-each>
                <tr>
                  <th scope="row">优良天数比例（%）</th>
                  <xsl:call-template name="days3"><xsl:with-param name="d" select="$mo/m:days"/></xsl:call-template>
                  <xsl:call-template name="days3"><xsl:with-param name="d" select="$yt/m:days"/></xsl:call-template>
                </tr>
                <tr>
                  <th scope="row">重度及以上污染天数</th>
                  <td class="num"><xsl:value-of select="$mo/m:days/@heavy"/></td>
                  <td class="num"><xsl:value-of select="$mo/m:days/@prev-heavy"/></td>
                  <td/>
                  <td class="num"><xsl:value-of select="$yt/m:days/@heavy"/></td>
                  <td class="num"><xsl:value-of select="$yt/m:days/@prev-heavy"/></td>
                  <td/>
                </tr>
              </tbody>
            </table>
          </section>
          <p class="note">备注：浓度单位为微克/立方米，一氧化碳为毫克/立方米；一氧化碳为日均值第95百分位数，臭氧为日最大8小时平均第90百分位数。“—”表示无数据。</p>
          <xsl:if test="$mo/@valid != 'yes'">
            <p class="notice">本月有效监测天数不足，月度统计仅供参考。</p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="pollutant">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'so2'">二氧化硫（SO<sub>2</sub>）</xsl:when>
      <xsl:when test="$code = 'no2'">二氧化氮（NO<sub>2</sub>）</xsl:when>
      <xsl:when test="$code = 'pm10'">可吸入颗粒物（PM10）</xsl:when>
      <xsl:when test="$code = 'pm25'">细颗粒物（PM2.5）</xsl:when>
      <xsl:when test="$code = 'co'">一氧化碳（CO）</xsl:when>
      <xsl:when test="$code = 'o3_8h'">臭氧（O<sub>3</sub>，8小时）</xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="dash">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v) != ''"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- value, prev, 同比 of a figure or composite -->
  <xsl:template name="cells3">
    <xsl:param name="f"/>
    <td class="num"><xsl:call-template name="dash"><xsl:with-param name="v" select="$f/@value"/></xsl:call-template></td>
    <td class="num"><xsl:call-template name="dash"><xsl:with-param name="v" select="$f/@prev"/></xsl:call-template></td>
    <td><xsl:call-template name="trend"><xsl:with-param name="v" select="$f/@change"/></xsl:call-template></td>
  </xsl:template>

  <xsl:template name="days3">
    <xsl:param name="d"/>
    <td class="num"><xsl:call-template name="dash"><xsl:with-param name="v" select="$d/@good-ratio"/></xsl:call-template></td>
    <td class="num"><xsl:call-template name="dash"><xsl:with-param name="v" select="$d/@prev-good-ratio"/></xsl:call-template></td>
    <td>
      <xsl:call-template name="trend">
        <xsl:with-param name="v" select="$d/@good-points"/>
        <xsl:with-param name="unit" select="'个百分点'"/>
        <xsl:with-param name="higher-better" select="true()"/>
      </xsl:call-template>
    </td>
  </xsl:template>

  <xsl:template name="change">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v) = ''">—</xsl:when>
      <xsl:when test="number($v) &lt; 0">下降<xsl:value-of select="substring($v, 2)"/>%</xsl:when>
      <xsl:when test="number($v) &gt; 0">上升<xsl:value-of select="$v"/>%</xsl:when>
      <xsl:otherwise>持平</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ==== 二、任务进展 ==== -->

  <xsl:template name="tasks">
    <xsl:variable name="t" select="$md/m:tasks"/>
    <xsl:variable name="c" select="$t/m:counts"/>
    <section aria-labelledby="b-tasks">
      <h2 id="b-tasks">二、重点任务进展</h2>
      <p>
        <xsl:text>《</xsl:text><xsl:value-of select="$md/m:plan/m:title"/><xsl:text>》共</xsl:text>
        <xsl:value-of select="$t/@total"/>
        <xsl:text>项任务。截至</xsl:text>
        <xsl:value-of select="$md/@month"/>
        <xsl:text>月底，已完成</xsl:text><xsl:value-of select="$c/@done"/>
        <xsl:text>项，推进中</xsl:text><xsl:value-of select="$c/@in-progress"/>
        <xsl:text>项，未启动</xsl:text><xsl:value-of select="$c/@not-started"/>
        <xsl:text>项</xsl:text>
        <xsl:if test="$c/@late != 0">，进度滞后<xsl:value-of select="$c/@late"/>项</xsl:if>
        <xsl:if test="$c/@unreported != 0">，未填报<xsl:value-of select="$c/@unreported"/>项</xsl:if>
        <xsl:text>；逾期未完成</xsl:text><xsl:value-of select="$c/@overdue"/>
        <xsl:text>项，30 日内到期</xsl:text><xsl:value-of select="$c/@due-soon"/>
        <xsl:text>项。</xsl:text>
        <xsl:if test="$t/@ledger-this-month != 'yes'">本月未收到台账，状态沿用此前填报。</xsl:if>
      </p>
      <section class="table-wrap" tabindex="0" aria-labelledby="t-b2">
        <table class="data counts-table">
          <caption id="t-b2">表2　任务进展情况（项）</caption>
          <thead>
            <tr>
              <th scope="col" class="num">任务总数</th>
              <th scope="col" class="num">已完成</th>
              <th scope="col" class="num">推进中</th>
              <th scope="col" class="num">未启动</th>
              <th scope="col" class="num">滞后</th>
              <th scope="col" class="num">未填报</th>
              <th scope="col" class="num">逾期</th>
              <th scope="col" class="num">即将到期</th>
              <th scope="col" class="num">逾期后完成</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td class="num"><xsl:value-of select="$t/@total"/></td>
              <td class="num"><xsl:value-of select="$c/@done"/></td>
              <td class="num"><xsl:value-of select="$c/@in-progress"/></td>
              <td class="num"><xsl:value-of select="$c/@not-started"/></td>
              <td class="num"><xsl:value-of select="$c/@late"/></td>
              <td class="num"><xsl:value-of select="$c/@unreported"/></td>
              <td class="num overdue-count"><xsl:value-of select="$c/@overdue"/></td>
              <td class="num"><xsl:value-of select="$c/@due-soon"/></td>
              <td class="num"><xsl:value-of select="$c/@done-late"/></td>
            </tr>
          </tbody>
        </table>
      </section>
    </section>
  </xsl:template>

  <!-- A task row: number (linked), title, lead units, deadline. -->
  <xsl:template name="task-cells">
    <xsl:param name="k"/>
    <th scope="row"><a href="{$root}plans/{$md/@plan}/tasks/{$k/@ref}.html"><xsl:value-of select="$k/@number"/></a></th>
    <td><xsl:value-of select="$k/m:title"/></td>
    <td>
      <xsl:for-each select="$k/m:units/m:unit[@role = 'lead']">
        <xsl:if test="position() &gt; 1">、</xsl:if>
        <xsl:call-template name="unit-link"><xsl:with-param name="u" select="."/></xsl:call-template>
      </xsl:for-each>
      <xsl:if test="not($k/m:units/m:unit[@role = 'lead'])">
        <xsl:for-each select="$k/m:units/m:unit">
          <xsl:if test="position() &gt; 1">、</xsl:if>
          <xsl:call-template name="unit-link"><xsl:with-param name="u" select="."/></xsl:call-template>
        </xsl:for-each>
      </xsl:if>
    </td>
  </xsl:template>

  <xsl:template name="overdue">
    <xsl:variable name="late" select="$md/m:tasks/m:task[m:status/@overdue = 'yes']"/>
    <section aria-labelledby="b-overdue">
      <h2 id="b-overdue">三、逾期未完成任务</h2>
      <xsl:choose>
        <xsl:when test="$late">
          <section class="table-wrap" tabindex="0" aria-labelledby="t-b3">
            <table class="data">
              <caption id="t-b3">表3　逾期未完成任务（<xsl:value-of select="count($late)"/>项）</caption>
              <thead>
                <tr>
                  <th scope="col">编号</th><th scope="col">任务</th><th scope="col">牵头单位</th>
                  <th scope="col">完成时限</th><th scope="col" class="num">逾期天数</th><th scope="col">进度</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$late">
                  <tr>
                    <xsl:call-template name="task-cells"><xsl:with-param name="k" select="."/></xsl:call-template>
                    <td><xsl:call-template name="date"><xsl:with-param name="d" select="m:status/@deadline"/></xsl:call-template></td>
                    <td class="num"><xsl:value-of select="m:status/@days-overdue"/></td>
                    <td><xsl:value-of select="@state-name"/><xsl:if test="@percent">（<xsl:value-of select="@percent"/>%）</xsl:if></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </section>
        </xsl:when>
        <xsl:otherwise><p>本月无逾期未完成任务。</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="due-soon">
    <xsl:variable name="soon" select="$md/m:tasks/m:task[m:status/@due-soon = 'yes']"/>
    <section aria-labelledby="b-soon">
      <h2 id="b-soon">四、即将到期任务</h2>
      <xsl:choose>
        <xsl:when test="$soon">
          <section class="table-wrap" tabindex="0" aria-labelledby="t-b4">
            <table class="data">
              <caption id="t-b4">表4　即将到期任务（<xsl:value-of select="count($soon)"/>项）</caption>
              <thead>
                <tr>
                  <th scope="col">编号</th><th scope="col">任务</th><th scope="col">牵头单位</th>
                  <th scope="col">到期日</th><th scope="col">进度</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="$soon">
                  <tr>
                    <xsl:call-template name="task-cells"><xsl:with-param name="k" select="."/></xsl:call-template>
                    <td>
                      <xsl:call-template name="date">
                        <xsl:with-param name="d">
                          <xsl:choose>
                            <xsl:when test="m:status/@due-soon-date"><xsl:value-of select="m:status/@due-soon-date"/></xsl:when>
                            <xsl:otherwise><xsl:value-of select="m:status/@deadline"/></xsl:otherwise>
                          </xsl:choose>
                        </xsl:with-param>
                      </xsl:call-template>
                    </td>
                    <td><xsl:value-of select="@state-name"/><xsl:if test="@percent">（<xsl:value-of select="@percent"/>%）</xsl:if></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </section>
        </xsl:when>
        <xsl:otherwise><p>近期无即将到期任务。</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ==== 五、目标 ==== -->

  <xsl:template name="targets">
    <xsl:variable name="tg" select="$md/m:targets/m:target"/>
    <xsl:if test="$tg">
      <section aria-labelledby="b-targets">
        <h2 id="b-targets">五、目标指标</h2>
        <section class="table-wrap" tabindex="0" aria-labelledby="t-b5">
          <table class="data">
            <caption id="t-b5">表5　目标指标评估</caption>
            <thead>
              <tr><th scope="col">指标</th><th scope="col">目标</th><th scope="col">评估</th><th scope="col">说明</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$tg">
                <tr>
                  <th scope="row"><xsl:value-of select="m:metric"/></th>
                  <td><xsl:value-of select="m:raw"/></td>
                  <td><xsl:call-template name="verdict"><xsl:with-param name="t" select="."/></xsl:call-template></td>
                  <td><xsl:value-of select="m:method"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
