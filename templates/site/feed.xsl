<?xml version="1.0" encoding="UTF-8"?>
<!--
  feed.xsl: the Atom 1.0 feed (RFC 4287) of the work bulletins, newest
  first. Input (site_meta.c): <lt:feed base?> with
    <lt:entry plan ym merged plan-xml/>   the newest bulletins
  Written with XSLT like every page, so the wording is in a template
  staff can edit and all text is escaped by the serialiser.

  Ids are tag: URIs (RFC 4151), absolute as Atom requires and independent
  of where the site is served: tag:lantian,<as-of>:<plan>/<YYYY-MM> for an
  entry (as-of, the month's last day, never changes for a month) and
  tag:lantian,2023:bulletins for the feed. Dates come from the data (the
  merged documents' as-of, China Standard Time), never from the clock.
  Links are relative to the feed (bulletins/…), resolved against the
  feed's own address (RFC 4287 §5.2 and RFC 3986); with a base URL in
  templates/site/site.conf the feed also carries xml:base.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:m="urn:lantian:merged:1"
    xmlns:p="urn:lantian:plan:1"
    xmlns="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="lt m p">

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="root"/>
  <xsl:param name="path"/>

  <xsl:template name="time">
    <xsl:param name="d"/>
    <xsl:value-of select="concat($d, 'T00:00:00+08:00')"/>
  </xsl:template>

  <xsl:template match="/lt:feed">
    <feed xml:lang="zh-CN">
      <xsl:if test="@base">
        <xsl:attribute name="xml:base"><xsl:value-of select="@base"/></xsl:attribute>
      </xsl:if>
      <id>tag:lantian,2023:bulletins</id>
      <title>蓝天信息公开 · 工作通报</title>
      <subtitle>大气污染防治实施方案月度工作通报：空气质量、任务进展、逾期和即将到期任务</subtitle>
      <link rel="self" type="application/atom+xml" href="feed.xml"/>
      <link rel="alternate" type="text/html" href="bulletins/index.html"/>
      <updated>
        <xsl:for-each select="lt:entry">
          <xsl:sort select="lt:doc(@merged)/m:merged/@as-of" order="descending"/>
          <xsl:if test="position() = 1">
            <xsl:call-template name="time"><xsl:with-param name="d" select="lt:doc(@merged)/m:merged/@as-of"/></xsl:call-template>
          </xsl:if>
        </xsl:for-each>
        <xsl:if test="not(lt:entry)">2023-01-01T00:00:00+08:00</xsl:if>
      </updated>
      <author><name>蓝天信息公开</name></author>
      <generator>lantian</generator>
      <xsl:apply-templates select="lt:entry"/>
    </feed>
  </xsl:template>

  <xsl:template match="lt:entry">
    <xsl:variable name="md" select="lt:doc(@merged)/m:merged"/>
    <xsl:variable name="meta" select="lt:doc(@plan-xml)/p:plan/p:meta"/>
    <xsl:variable name="place">
      <xsl:choose>
        <xsl:when test="$md/m:plan/m:place"><xsl:value-of select="$md/m:plan/m:place"/></xsl:when>
        <xsl:when test="$meta/p:place"><xsl:value-of select="$meta/p:place"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$md/m:plan/m:title"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="c" select="$md/m:tasks/m:counts"/>
    <xsl:variable name="pm" select="$md/m:air/m:period[@kind = 'month']/m:figure[@code = 'pm25']"/>
    <entry>
      <id>tag:lantian,<xsl:value-of select="$md/@as-of"/>:<xsl:value-of select="@plan"/>/<xsl:value-of select="@ym"/></id>
      <title>《<xsl:value-of select="$place"/>大气污染防治攻坚战<xsl:value-of select="$md/@year"/>年<xsl:value-of select="$md/@month"/>月工作通报》</title>
      <updated><xsl:call-template name="time"><xsl:with-param name="d" select="$md/@as-of"/></xsl:call-template></updated>
      <link rel="alternate" type="text/html" href="bulletins/{@plan}/{@ym}.html"/>
      <summary type="text">
        <xsl:for-each select="$md/m:provenance/m:label">【<xsl:value-of select="."/>】</xsl:for-each>
        <xsl:if test="$pm/@value">PM2.5 <xsl:value-of select="$pm/@value"/>微克/立方米；</xsl:if>
        <xsl:text>任务</xsl:text><xsl:value-of select="$md/m:tasks/@total"/>
        <xsl:text>项，已完成</xsl:text><xsl:value-of select="$c/@done"/>
        <xsl:text>项，逾期</xsl:text><xsl:value-of select="$c/@overdue"/>
        <xsl:text>项，即将到期</xsl:text><xsl:value-of select="$c/@due-soon"/>
        <xsl:text>项。</xsl:text>
      </summary>
    </entry>
  </xsl:template>

</xsl:stylesheet>
