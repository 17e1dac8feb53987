<?xml version="1.0" encoding="UTF-8"?>
<!--
  notfound.xsl: 404.html, the page a web server shows for a path that does
  not exist. Input (site_meta.c): <lt:notfound base?/>. A server shows
  this page at any depth, where relative links would point elsewhere: with
  a base URL (templates/site/site.conf) the links are absolute.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    exclude-result-prefixes="lt">

  <xsl:import href="layout.xsl"/>

  <xsl:variable name="home">
    <xsl:choose>
      <xsl:when test="/lt:notfound/@base"><xsl:value-of select="/lt:notfound/@base"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$root"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/" mode="title">找不到页面</xsl:template>

  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here"><xsl:with-param name="text">找不到页面</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1>找不到页面（404）</h1>
    <p>您访问的页面不存在，可能已经移动、改名或从未发布。</p>
    <p>您可以：</p>
    <ul class="links">
      <li><a href="{$home}index.html">回到首页</a>，查看各实施方案的任务和进展；</li>
      <li><a href="{$home}search.html">搜索</a>任务、责任单位或实施方案；</li>
      <li>查看<a href="{$home}bulletins/index.html">工作通报</a>或<a href="{$home}air/index.html">各地区空气质量</a>；</li>
      <li>下载<a href="{$home}data/index.html">公开数据</a>。</li>
    </ul>
  </xsl:template>

</xsl:stylesheet>
