<?xml version="1.0" encoding="UTF-8"?>
<!--
  search.xsl - search.html: the offline search page (generator/site_search.c).
  Input: <search/>; parameters $plans, $tasks, $units (how many of each
  the index holds), plus $root and $path from site_xslt_page().
  The form works without a server: assets/search-index.js sets the index
  as a global (file:// refuses fetch()), assets/search.js runs the query,
  fills #search-results with textContent only, and reads ?q= from the
  address. Without JavaScript the form still submits ?q= and the page says
  that the search needs JavaScript.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    exclude-result-prefixes="">
  <xsl:import href="layout.xsl"/>
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="plans" select="'0'"/>
  <xsl:param name="tasks" select="'0'"/>
  <xsl:param name="units" select="'0'"/>

  <xsl:template match="/search">
    <xsl:call-template name="layout">
      <xsl:with-param name="title" select="'站内检索'"/>
      <xsl:with-param name="current" select="'search'"/>
      <xsl:with-param name="head-extra">
        <script src="{$root}assets/search-index.js" defer="defer"></script>
        <script src="{$root}assets/search.js" defer="defer"></script>
      </xsl:with-param>
      <xsl:with-param name="body">
        <h1>站内检索</h1>
        <p class="lead">
          <xsl:text>检索全部 </xsl:text><xsl:value-of select="$plans"/>
          <xsl:text> 个方案、</xsl:text><xsl:value-of select="$tasks"/>
          <xsl:text> 项任务和 </xsl:text><xsl:value-of select="$units"/>
          <xsl:text> 个责任单位。可输入责任单位名称（如“县生态环境局”）、任务关键词或污染物名称（如“PM2.5”）；多个词用空格隔开时，结果须同时包含各词。检索在本机浏览器中进行，无需联网。</xsl:text>
        </p>
        <form id="search-form" class="search-form" role="search" action="search.html" method="get">
          <label for="search-q">检索词</label>
          <input id="search-q" name="q" type="search" autocomplete="off"
              spellcheck="false" aria-describedby="search-status"/>
          <button type="submit">检索</button>
        </form>
        <p id="search-status" class="search-status" role="status" aria-live="polite">
          <xsl:text>检索需要浏览器启用 JavaScript。</xsl:text>
        </p>
        <ol id="search-results" class="search-results"></ol>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
