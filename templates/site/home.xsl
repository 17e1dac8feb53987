<?xml version="1.0" encoding="UTF-8"?>
<!--
  home.xsl: every plan at a glance. Input (site_core.c): <home> with
  <plan id xml merged ym/> per plan (merged absent: no ledger yet),
  <area slug index/> per monitoring area and <label kind> per distinct
  provenance label. Each plan's figures come from its latest merged
  document (lt:doc(@merged)).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    xmlns:m="urn:lantian:merged:1"
    xmlns:a="urn:lantian:air:1"
    exclude-result-prefixes="lt p m a">

  <xsl:import href="layout.xsl"/>

  <xsl:template match="/" mode="title">蓝天信息公开</xsl:template>

  <xsl:template match="/" mode="provenance">
    <xsl:for-each select="home/label">
      <li class="label-{@kind}"><xsl:value-of select="."/></li>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1>蓝天信息公开</h1>
    <p class="lead">大气污染防治实施方案的任务、责任单位、完成时限、进展情况和空气质量，按月公开。</p>
    <section aria-labelledby="plans-h">
      <h2 id="plans-h">实施方案</h2>
      <div class="cards">
        <xsl:apply-templates select="home/plan"/>
      </div>
    </section>
    <section aria-labelledby="bulletins-h">
      <h2 id="bulletins-h">最新工作通报</h2>
      <ul class="links">
        <xsl:for-each select="home/plan[@merged]">
          <xsl:variable name="md" select="lt:doc(@merged)/m:merged"/>
          <li>
            <a href="{$root}bulletins/{@id}/{@ym}.html">
              <xsl:value-of select="$md/m:plan/m:title"/>
              <xsl:text> · </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="d" select="@ym"/></xsl:call-template>
              <xsl:text>通报</xsl:text>
            </a>
          </li>
        </xsl:for-each>
      </ul>
      <p><a href="{$root}bulletins/index.html">全部通报</a></p>
    </section>
    <xsl:if test="home/area">
      <section aria-labelledby="air-h">
        <h2 id="air-h">各地区空气质量</h2>
        <ul class="links">
          <xsl:for-each select="home/area">
            <li><a href="{$root}air/{@slug}/index.html"><xsl:value-of select="lt:doc(@index)/a:area-index/@area"/></a></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One plan's card. -->
  <xsl:template match="plan">
    <article class="card" aria-labelledby="p-{@id}">
      <xsl:choose>
        <xsl:when test="@merged">
          <xsl:variable name="md" select="lt:doc(@merged)/m:merged"/>
          <h3 id="p-{@id}"><a href="{$root}plans/{@id}/index.html"><xsl:value-of select="$md/m:plan/m:title"/></a></h3>
          <p class="asof">截至<xsl:call-template name="date"><xsl:with-param name="d" select="$md/@as-of"/></xsl:call-template></p>
          <xsl:call-template name="counts">
            <xsl:with-param name="c" select="$md/m:tasks/m:counts"/>
            <xsl:with-param name="total" select="$md/m:tasks/@total"/>
          </xsl:call-template>
          <xsl:apply-templates select="$md/m:air | $md/m:air-none" mode="home"/>
          <xsl:variable name="targets" select="$md/m:targets/m:target[@scope = 'plan']"/>
          <xsl:if test="$targets">
            <h4>年度目标</h4>
            <ul class="targets">
              <xsl:for-each select="$targets">
                <li>
                  <xsl:value-of select="m:metric"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="verdict"><xsl:with-param name="t" select="."/></xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="pd" select="lt:doc(@xml)/p:plan"/>
          <h3 id="p-{@id}"><a href="{$root}plans/{@id}/index.html"><xsl:value-of select="$pd/p:meta/p:title"/></a></h3>
          <p>尚无月度台账。</p>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>

  <!-- The latest month's air quality, with the same month last year. -->
  <xsl:template match="m:air" mode="home">
    <xsl:variable name="mo" select="m:period[@kind = 'month']"/>
    <h4><xsl:value-of select="@area"/>本月空气质量</h4>
    <xsl:choose>
      <xsl:when test="$mo/@valid = 'yes'">
        <table class="mini">
          <caption class="vh">本月与去年同月对比</caption>
          <thead><tr><th scope="col">指标</th><th scope="col">本月</th><th scope="col">去年同月</th><th scope="col">同比</th></tr></thead>
          <tbody>
            <tr><th scope="row">PM2.5（微克/立方米）</th>
              <td><xsl:value-of select="$mo/m:figure[@code = 'pm25']/@value"/></td>
              <td><xsl:value-of select="$mo/m:figure[@code = 'pm25']/@prev"/></td>
              <td><xsl:call-template name="trend"><xsl:with-param name="v" select="$mo/m:figure[@code = 'pm25']/@change"/><xsl:with-param name="short" select="true()"/></xsl:call-template></td></tr>
            <tr><th scope="row">优良天数比率</th>
              <td><xsl:value-of select="$mo/m:days/@good-ratio"/>%</td>
              <td><xsl:if test="$mo/m:days/@prev-good-ratio"><xsl:value-of select="$mo/m:days/@prev-good-ratio"/>%</xsl:if></td>
              <td><xsl:call-template name="trend"><xsl:with-param name="v" select="$mo/m:days/@good-points"/><xsl:with-param name="unit" select="'个百分点'"/><xsl:with-param name="higher-better" select="true()"/><xsl:with-param name="short" select="true()"/></xsl:call-template></td></tr>
            <tr><th scope="row">综合指数</th>
              <td><xsl:value-of select="$mo/m:composite/@value"/></td>
              <td><xsl:value-of select="$mo/m:composite/@prev"/></td>
              <td><xsl:call-template name="trend"><xsl:with-param name="v" select="$mo/m:composite/@change"/><xsl:with-param name="short" select="true()"/></xsl:call-template></td></tr>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>本月监测数据不足，不作评价。</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="m:air-none" mode="home">
    <p class="note"><xsl:value-of select="."/></p>
  </xsl:template>

</xsl:stylesheet>
