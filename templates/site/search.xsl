<?xml version="1.0" encoding="UTF-8"?>
<!--
  search.xsl: search.html, the offline search page (site_search.c).
  Input: <search/>; parameters $plans, $tasks, $units (how many of each
  the index holds), with $root and $path from site_xslt_page().
  The form works without a server: assets/search-index.js sets the index
  as a global (file:// refuses fetch()), assets/search.js runs the query,
  fills #search-results using textContent only, and reads ?q= from the
  address. The status line is a live region (role="status"), so a screen
  reader hears how many results there are without the whole list being
  read out; the results are an ordered list of links. Without JavaScript
  the form still submits ?q= and the status says that search needs it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <xsl:param name="plans" select="'0'"/>
  <xsl:param name="tasks" select="'0'"/>
  <xsl:param name="units" select="'0'"/>

  <xsl:template match="/" mode="title">站内搜索</xsl:template>

  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here">
      <xsl:with-param name="text">站内搜索</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1>站内搜索</h1>
    <p class="lead">
      <xsl:text>在</xsl:text><xsl:value-of select="$plans"/>
      <xsl:text>个实施方案、</xsl:text><xsl:value-of select="$tasks"/>
      <xsl:text>项任务和</xsl:text><xsl:value-of select="$units"/>
      <xsl:text>个责任单位中查找。可输入责任单位名称（如“县生态环境局”）、任务关键词或污染物（如“PM2.5”）；用空格隔开的几个词须同时出现。搜索在您的浏览器中进行，无需联网。</xsl:text>
    </p>
    <form id="search-form" class="search-form" role="search" action="search.html" method="get">
      <label for="search-q">搜索词</label>
      <input id="search-q" name="q" type="search" autocomplete="off"
          spellcheck="false" aria-describedby="search-status"/>
      <button type="submit">搜索</button>
    </form>
    <p id="search-status" class="search-status" role="status" aria-live="polite">
      <xsl:text>搜索需要浏览器启用 JavaScript。</xsl:text>
    </p>
    <ol id="search-results" class="search-results"></ol>
    <script src="{$root}assets/search-index.js"></script>
    <script src="{$root}assets/search.js"></script>
  </xsl:template>

</xsl:stylesheet>
