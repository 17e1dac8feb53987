<?xml version="1.0" encoding="UTF-8"?>
<!--
  mdpage.xsl: a page written by staff in Markdown (about.html from
  templates/site/pages/about.md). Input (site_meta.c): <lt:mdpage> with
  <lt:body> holding the HTML cmark made (raw HTML in the Markdown is
  dropped by cmark). The first heading of the text is the page title.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    exclude-result-prefixes="lt">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="mdcopy.xsl"/>

  <xsl:variable name="heading" select="/lt:mdpage/lt:body/h1[1]"/>

  <xsl:template match="/" mode="title">
    <xsl:choose>
      <xsl:when test="$heading"><xsl:value-of select="$heading"/></xsl:when>
      <xsl:otherwise>关于本站</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here">
      <xsl:with-param name="text"><xsl:apply-templates select="." mode="title"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <article class="prose">
      <xsl:if test="not($heading)"><h1>关于本站</h1></xsl:if>
      <xsl:apply-templates select="/lt:mdpage/lt:body/node()" mode="html"/>
    </article>
  </xsl:template>

</xsl:stylesheet>
