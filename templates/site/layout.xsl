<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl: the frame every page of the site shares (imported by each
  page's stylesheet, which overrides the modes below): header with the
  site name and navigation, breadcrumbs, main, footer with the data's
  provenance labels. Also the small shared pieces: status lights, unit
  roles, dates in Chinese.

  Parameters from site_xslt_page(): $root ("../" per level, so links work
  from a sub-path and from file://) and $path (the page's own path).
  Modes a page defines: title (text of <title> and <h1>), crumbs (<li>s
  after 首页), main (the content), provenance (<li>s of data labels).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    xmlns:m="urn:lantian:merged:1"
    xmlns:u="urn:lantian:units:1"
    xmlns:a="urn:lantian:air:1"
    exclude-result-prefixes="lt p m u a">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:param name="root"/>
  <xsl:param name="path"/>

  <xsl:variable name="site-name">蓝天信息公开</xsl:variable>

  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="." mode="title"/>
          <xsl:if test="$path != 'index.html'"> - <xsl:value-of select="$site-name"/></xsl:if>
        </title>
        <link rel="stylesheet" href="{$root}assets/style.css"/>
        <link rel="stylesheet" href="{$root}assets/pages.css"/>
        <link rel="alternate" type="application/atom+xml" title="工作通报订阅（Atom）" href="{$root}feed.xml"/>
      </head>
      <body>
        <a class="skip" href="#main">跳到正文</a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href="{$root}index.html"><xsl:value-of select="$site-name"/></a>
            <nav aria-label="网站导航">
              <ul>
                <li><a href="{$root}index.html">首页</a></li>
                <li><a href="{$root}deadlines.html">完成时限</a></li>
                <li><a href="{$root}units/index.html">责任单位</a></li>
                <li><a href="{$root}air/index.html">空气质量</a></li>
                <li><a href="{$root}bulletins/index.html">工作通报</a></li>
                <li><a href="{$root}search.html">搜索</a></li>
                <li><a href="{$root}data/index.html">数据下载</a></li>
                <li><a href="{$root}about.html">关于</a></li>
              </ul>
            </nav>
          </div>
        </header>
        <xsl:if test="$path != 'index.html'">
          <nav class="crumbs wrap" aria-label="当前位置">
            <ol>
              <li><a href="{$root}index.html">首页</a></li>
              <xsl:apply-templates select="." mode="crumbs"/>
            </ol>
          </nav>
        </xsl:if>
        <main id="main" class="wrap" tabindex="-1">
          <xsl:apply-templates select="." mode="main"/>
        </main>
        <footer class="site">
          <div class="wrap">
            <ul class="provenance">
              <xsl:apply-templates select="." mode="provenance"/>
            </ul>
            <p>本站由 lantian 根据实施方案原文、各责任单位月度台账和环境空气质量监测数据自动生成；任务状态以台账填报为准。</p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Defaults for the modes a page overrides. -->
  <xsl:template match="/" mode="title"><xsl:value-of select="$site-name"/></xsl:template>
  <xsl:template match="/" mode="crumbs"/>
  <xsl:template match="/" mode="main"/>
  <xsl:template match="/" mode="provenance"/>

  <!-- The last breadcrumb: the page itself. -->
  <xsl:template name="crumb-here">
    <xsl:param name="text"/>
    <li aria-current="page"><xsl:value-of select="$text"/></li>
  </xsl:template>

  <!-- Provenance labels of merged documents, one <li> per distinct text. -->
  <xsl:template name="labels">
    <xsl:param name="labels"/>
    <xsl:for-each select="$labels">
      <xsl:if test="generate-id(.) = generate-id($labels[string(.) = string(current())][1])">
        <li class="label-{@kind}"><xsl:value-of select="."/></li>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- The status light of a merged task ($t; empty: no ledger yet). The
       colour is never alone: the state is written out. -->
  <xsl:template name="light">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="not($t)"><span class="light l-none">无台账</span></xsl:when>
      <xsl:when test="$t/m:status/@overdue = 'yes'"><span class="light l-overdue">逾期</span></xsl:when>
      <xsl:otherwise>
        <span class="light l-{$t/@state}"><xsl:value-of select="$t/@state-name"/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The Chinese name of a state code (history months carry only the code). -->
  <xsl:template name="state-name">
    <xsl:param name="state"/>
    <xsl:choose>
      <xsl:when test="$state = 'done'">已完成</xsl:when>
      <xsl:when test="$state = 'in-progress'">推进中</xsl:when>
      <xsl:when test="$state = 'not-started'">未启动</xsl:when>
      <xsl:when test="$state = 'late'">滞后</xsl:when>
      <xsl:otherwise>未填报</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="role-name">
    <xsl:param name="role"/>
    <xsl:choose>
      <xsl:when test="$role = 'lead'">牵头</xsl:when>
      <xsl:when test="$role = 'cooperating'">配合</xsl:when>
      <xsl:when test="$role = 'responsible'">负责落实</xsl:when>
      <xsl:when test="$role = 'participating'">参与</xsl:when>
      <xsl:otherwise><xsl:value-of select="$role"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "2024-05-31" as 2024年5月31日; "2024-05" as 2024年5月. -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:value-of select="substring($d, 1, 4)"/>年<xsl:value-of select="number(substring($d, 6, 2))"/>月<xsl:if test="string-length($d) &gt;= 10"><xsl:value-of select="number(substring($d, 9, 2))"/>日</xsl:if>
  </xsl:template>

  <!-- Unit links: <a> to the unit page, with the role after it. -->
  <xsl:template name="unit-link">
    <xsl:param name="u"/>
    <a href="{$root}units/{$u/@ref}.html"><xsl:value-of select="$u"/></a>
  </xsl:template>

  <!-- Counts of a merged <counts> element (issue 16): the tiles are one
       partition of the tasks by state (已完成 + 推进中 + 未启动 + 滞后 +
       未填报 = 任务), then the overlays 逾期 and 即将到期, which cut across
       the states, on their own line labelled 其中; red only when a task
       is overdue. -->
  <xsl:template name="counts">
    <xsl:param name="c"/>
    <xsl:param name="total"/>
    <dl class="counts">
      <div><dt>任务</dt><dd><xsl:value-of select="$total"/></dd></div>
      <div class="c-done"><dt>已完成</dt><dd><xsl:value-of select="$c/@done"/></dd></div>
      <div class="c-in-progress"><dt>推进中</dt><dd><xsl:value-of select="$c/@in-progress"/></dd></div>
      <div class="c-not-started"><dt>未启动</dt><dd><xsl:value-of select="$c/@not-started"/></dd></div>
      <xsl:if test="$c/@late != 0"><div class="c-late"><dt>滞后</dt><dd><xsl:value-of select="$c/@late"/></dd></div></xsl:if>
      <xsl:if test="$c/@unreported != 0"><div class="c-unreported"><dt>未填报</dt><dd><xsl:value-of select="$c/@unreported"/></dd></div></xsl:if>
    </dl>
    <p class="counts-of">
      <xsl:text>其中：</xsl:text>
      <span>
        <xsl:if test="$c/@overdue != 0"><xsl:attribute name="class">overdue-count</xsl:attribute></xsl:if>
        <xsl:text>逾期 </xsl:text><xsl:value-of select="$c/@overdue"/><xsl:text> 项</xsl:text>
      </span>
      <xsl:text>，即将到期 </xsl:text><xsl:value-of select="$c/@due-soon"/><xsl:text> 项。</xsl:text>
    </p>
  </xsl:template>

  <!-- A target's verdict as a labelled badge. -->
  <xsl:template name="verdict">
    <xsl:param name="t"/>
    <span class="verdict v-{$t/@verdict}"><xsl:value-of select="$t/@verdict-name"/></span>
  </xsl:template>

  <!-- A year-on-year change read as better or worse (issue 16): an arrow
       and the direction in words, then 改善/持平/变差 in words and colour,
       so neither colour nor arrow is needed to read it. For a
       concentration or the composite index lower is better; for 优良天数
       比例 higher ($higher-better). $unit follows the number ('%' or
       '个百分点'); a change that rounds to 0 is 持平. $short leaves out
       上升/下降 (the arrow says it) for the home page's small cards. -->
  <xsl:template name="trend">
    <xsl:param name="v"/>
    <xsl:param name="unit" select="'%'"/>
    <xsl:param name="higher-better" select="false()"/>
    <xsl:param name="short" select="false()"/>
    <xsl:choose>
      <xsl:when test="string($v) = '' or string(number($v)) = 'NaN'">—</xsl:when>
      <xsl:when test="number($v) = 0"><span class="trend t-same"><span aria-hidden="true">→ </span>持平</span></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="up" select="number($v) &gt; 0"/>
        <xsl:variable name="better" select="$up = $higher-better"/>
        <span>
          <xsl:attribute name="class">
            <xsl:text>trend </xsl:text>
            <xsl:choose><xsl:when test="$better">t-better</xsl:when><xsl:otherwise>t-worse</xsl:otherwise></xsl:choose>
          </xsl:attribute>
          <span aria-hidden="true"><xsl:choose><xsl:when test="$up">↑</xsl:when><xsl:otherwise>↓</xsl:otherwise></xsl:choose><xsl:text> </xsl:text></span>
          <xsl:if test="not($short)">
            <xsl:choose><xsl:when test="$up">上升</xsl:when><xsl:otherwise>下降</xsl:otherwise></xsl:choose>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="$up"><xsl:value-of select="$v"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="substring($v, 2)"/></xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="$unit"/>
          <xsl:text>，</xsl:text>
          <strong><xsl:choose><xsl:when test="$better">改善</xsl:when><xsl:otherwise>变差</xsl:otherwise></xsl:choose></strong>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
