<?xml version="1.0" encoding="UTF-8"?>
<!--
  source.xsl: a plan's source text, line by line, each line with its
  anchor (#L<n>) so task pages can link to the lines they come from.
  Input (site_core.c): <source plan xml file encoding> with <line n
  task?> per line (task: the ordinal of a task starting on that line).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    exclude-result-prefixes="lt p">

  <xsl:import href="layout.xsl"/>

  <xsl:variable name="pd" select="lt:doc(/source/@xml)/p:plan"/>

  <xsl:template match="/" mode="title"><xsl:value-of select="$pd/p:meta/p:title"/>（原文）</xsl:template>
  <xsl:template match="/" mode="crumbs">
    <li><a href="index.html"><xsl:value-of select="$pd/p:meta/p:title"/></a></li>
    <xsl:call-template name="crumb-here"><xsl:with-param name="text">方案原文</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1><xsl:value-of select="$pd/p:meta/p:title"/>（原文）</h1>
    <p class="note">以下为方案文本原文（<xsl:value-of select="source/@file"/>，<xsl:value-of select="count(source/line)"/>行，原编码<xsl:value-of select="source/@encoding"/>），行号可作链接引用。</p>
    <div class="source">
      <xsl:for-each select="source/line">
        <div class="ln" id="L{@n}">
          <a class="n" href="#L{@n}" aria-label="第{@n}行"><xsl:value-of select="@n"/></a>
          <span class="t"><xsl:value-of select="."/></span>
          <xsl:if test="@task"><a class="tl" href="tasks/{@task}.html">任务页</a></xsl:if>
        </div>
      </xsl:for-each>
    </div>
  </xsl:template>

</xsl:stylesheet>
