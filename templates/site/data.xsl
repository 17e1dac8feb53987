<?xml version="1.0" encoding="UTF-8"?>
<!--
  data.xsl: data/index.html, the open data for download. Input
  (site_meta.c): <lt:data> with
    <lt:notes>HTML of pages/data-notes.md</lt:notes>
    <lt:file kind="json|xml|schema" name href/>*     copies of the exports
    <lt:plan id plan-xml><lt:csv ym href/>*</lt:plan>*  task CSVs per month
    <lt:area slug index monthly><lt:daily year href/>*</lt:area>*
  Plan titles and area names come from lt:doc().
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    xmlns:a="urn:lantian:air:1"
    exclude-result-prefixes="lt p a">

  <xsl:import href="layout.xsl"/>
  <xsl:include href="mdcopy.xsl"/>

  <xsl:template match="/" mode="title">数据下载</xsl:template>

  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here"><xsl:with-param name="text">数据下载</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <xsl:variable name="d" select="lt:data"/>
    <h1>数据下载</h1>
    <p class="lead">本站的全部数据均可下载，可自由使用；使用时请注明来源，并保留数据中的“模拟数据”“示例数据”等标注。</p>
    <div class="prose notes">
      <xsl:apply-templates select="$d/lt:notes/node()" mode="html"/>
    </div>

    <section aria-labelledby="d-tasks">
      <h2 id="d-tasks">任务进展（CSV，每月一份）</h2>
      <p>每行一项任务：编号、任务、状态、进度、牵头单位、配合单位、完成时限、是否逾期。文件为 UTF-8 编码并带字节顺序标记（BOM），用 Excel 直接打开即可正确显示中文。</p>
      <xsl:for-each select="$d/lt:plan">
        <xsl:variable name="meta" select="lt:doc(@plan-xml)/p:plan/p:meta"/>
        <h3><xsl:value-of select="$meta/p:title"/></h3>
        <ul class="links inline">
          <xsl:for-each select="lt:csv">
            <xsl:sort select="@ym" order="descending"/>
            <li><a href="{@href}" type="text/csv"><xsl:call-template name="date"><xsl:with-param name="d" select="@ym"/></xsl:call-template><span class="vh">（<xsl:value-of select="$meta/p:place"/>任务进展）</span></a></li>
          </xsl:for-each>
        </ul>
      </xsl:for-each>
    </section>

    <xsl:if test="$d/lt:area">
      <section aria-labelledby="d-air">
        <h2 id="d-air">环境空气质量（CSV）</h2>
        <section class="table-wrap" tabindex="0" aria-labelledby="t-data1">
          <table class="data">
            <caption id="t-data1">各地区空气质量数据文件</caption>
            <thead><tr><th scope="col">地区</th><th scope="col">逐月</th><th scope="col">逐日（按年）</th><th scope="col">数据性质</th></tr></thead>
            <tbody>
              <xsl:for-each select="$d/lt:area">
                <xsl:variable name="ix" select="lt:doc(@index)/a:area-index"/>
                <tr>
                  <th scope="row"><a href="{$root}air/{@slug}/index.html"><xsl:value-of select="$ix/@area"/></a></th>
                  <td><a href="{@monthly}" type="text/csv">逐月数据<span class="vh">（<xsl:value-of select="$ix/@area"/>）</span></a></td>
                  <td>
                    <xsl:for-each select="lt:daily">
                      <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
                      <a href="{@href}" type="text/csv"><xsl:value-of select="@year"/><span class="vh">年（<xsl:value-of select="$ix/@area"/>逐日）</span></a>
                    </xsl:for-each>
                  </td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="$ix/a:provenance/a:label"><strong><xsl:value-of select="$ix/a:provenance/a:label"/></strong></xsl:when>
                      <xsl:otherwise>实测数据</xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </section>
    </xsl:if>

    <section aria-labelledby="d-model">
      <h2 id="d-model">实施方案与责任单位（JSON、XML）</h2>
      <p>实施方案全文的结构化数据（章节、任务、责任单位、完成时限、原文行号）和责任单位名录。XML 文件可用下方的 RELAX NG 模式校验。</p>
      <section class="table-wrap" tabindex="0" aria-labelledby="t-data2">
        <table class="data">
          <caption id="t-data2">结构化数据文件</caption>
          <thead><tr><th scope="col">内容</th><th scope="col">JSON</th><th scope="col">XML</th></tr></thead>
          <tbody>
            <xsl:for-each select="$d/lt:file[@kind = 'json']">
              <xsl:variable name="base" select="substring-before(@name, '.json')"/>
              <xsl:variable name="x" select="$d/lt:file[@kind = 'xml'][@name = concat($base, '.xml')]"/>
              <tr>
                <th scope="row">
                  <xsl:choose>
                    <xsl:when test="$base = 'index'">方案目录</xsl:when>
                    <xsl:when test="$base = 'units'">责任单位名录</xsl:when>
                    <xsl:when test="$x and lt:doc(concat('output/xml/', $x/@name))/p:plan">
                      <xsl:value-of select="lt:doc(concat('output/xml/', $x/@name))/p:plan/p:meta/p:title"/>
                    </xsl:when>
                    <xsl:otherwise><xsl:value-of select="$base"/></xsl:otherwise>
                  </xsl:choose>
                </th>
                <td><a href="{@href}" type="application/json"><xsl:value-of select="@name"/></a></td>
                <td><xsl:if test="$x"><a href="{$x/@href}" type="application/xml"><xsl:value-of select="$x/@name"/></a></xsl:if></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
      <xsl:if test="$d/lt:file[@kind = 'schema']">
        <h3>数据模式（RELAX NG）</h3>
        <ul class="links inline">
          <xsl:for-each select="$d/lt:file[@kind = 'schema']">
            <li><a href="{@href}"><xsl:value-of select="@name"/></a></li>
          </xsl:for-each>
        </ul>
      </xsl:if>
    </section>
  </xsl:template>

</xsl:stylesheet>
