<?xml version="1.0" encoding="UTF-8"?>
<!--
  bulletins.xsl: the archive of work bulletins, by month, newest first.
  Input (site_bulletins.c): <lt:bulletins> with
    <lt:entry plan ym merged plan-xml pdf? ytd?/>   one per merged month
      <lt:status issued? date? draft?/>   of the month's PDF (lantian issue)
  pdf and ytd are paths under bulletins/ of the PDF copies, present only
  when the build made the PDF. Titles come from the plan models
  (lt:doc(@plan-xml)); the merged documents are not read here.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    exclude-result-prefixes="lt p">

  <xsl:import href="layout.xsl"/>

  <xsl:key name="by-ym" match="lt:entry" use="@ym"/>

  <xsl:template match="/" mode="title">工作通报</xsl:template>

  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here"><xsl:with-param name="text">工作通报</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1>工作通报</h1>
    <p>各实施方案的月度工作通报：环境空气质量、重点任务进展、逾期和即将到期任务。每期有网页版<xsl:if test="//lt:entry[@pdf]">和 PDF 版</xsl:if>，另可订阅<a href="{$root}feed.xml">通报更新（Atom）</a>。</p>
    <xsl:for-each select="lt:bulletins/lt:entry[generate-id() = generate-id(key('by-ym', @ym)[1])]">
      <xsl:sort select="@ym" order="descending"/>
      <xsl:variable name="ym" select="@ym"/>
      <section aria-labelledby="m-{$ym}">
        <h2 id="m-{$ym}"><xsl:call-template name="date"><xsl:with-param name="d" select="$ym"/></xsl:call-template></h2>
        <ul class="links bulletins">
          <xsl:for-each select="key('by-ym', $ym)">
            <xsl:sort select="@plan"/>
            <xsl:variable name="meta" select="lt:doc(@plan-xml)/p:plan/p:meta"/>
            <xsl:variable name="place">
              <xsl:choose>
                <xsl:when test="$meta/p:place"><xsl:value-of select="$meta/p:place"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$meta/p:title"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <li>
              <a href="{@plan}/{@ym}.html">《<xsl:value-of select="$place"/>大气污染防治攻坚战<xsl:value-of select="substring(@ym, 1, 4)"/>年<xsl:value-of select="number(substring(@ym, 6, 2))"/>月工作通报》</a>
              <xsl:if test="@pdf">
                <xsl:text> · </xsl:text>
                <a href="{@pdf}" type="application/pdf">PDF<span class="vh">（<xsl:value-of select="$place"/><xsl:value-of select="@ym"/>）</span></a>
                <xsl:text> </xsl:text>
                <xsl:choose>
                  <xsl:when test="lt:status/@issued"><span class="badge issued">已签发 <xsl:value-of select="lt:status/@issued"/></span></xsl:when>
                  <xsl:otherwise><span class="badge draft">征求意见稿</span></xsl:otherwise>
                </xsl:choose>
              </xsl:if>
              <xsl:if test="@ytd">
                <xsl:text> · </xsl:text>
                <a href="{@ytd}" type="application/pdf">年度累计 PDF<span class="vh">（<xsl:value-of select="$place"/><xsl:value-of select="@ym"/>）</span></a>
              </xsl:if>
              <span class="plan-title">（<xsl:value-of select="$meta/p:title"/>）</span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
