<?xml version="1.0" encoding="UTF-8"?>
<!--
  units.xsl: units/index.html, the responsible units (issue 16). Input
  (site_units.c): <lt:units-index> with <lt:plan id xml/> per plan and
  <lt:unit id name tasks lead done? overdue?> per unit of the registry,
  each with <lt:in plan tasks lead done? overdue?> per plan it has tasks
  in. done/overdue are absent when no plan of the unit has a ledger yet.
  Units with overdue tasks come first, then by name.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    exclude-result-prefixes="lt p">

  <xsl:import href="layout.xsl"/>

  <xsl:template match="/" mode="title">责任单位</xsl:template>

  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here"><xsl:with-param name="text">责任单位</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1>责任单位</h1>
    <p class="lead">各责任单位承担的任务：任务数（牵头和配合）、牵头任务数、已完成和逾期任务数，取各方案最新月度台账。有逾期任务的单位排在前面。</p>
    <section aria-labelledby="all-h">
      <h2 id="all-h">全部方案合计（<xsl:value-of select="count(/lt:units-index/lt:unit)"/>个单位）</h2>
      <xsl:call-template name="table">
        <xsl:with-param name="rows" select="/lt:units-index/lt:unit"/>
        <xsl:with-param name="h" select="'all-h'"/>
      </xsl:call-template>
    </section>
    <xsl:for-each select="/lt:units-index/lt:plan">
      <xsl:variable name="id" select="@id"/>
      <xsl:variable name="rows" select="/lt:units-index/lt:unit/lt:in[@plan = $id]"/>
      <xsl:if test="$rows">
        <section aria-labelledby="u-{@id}">
          <h2 id="u-{@id}"><a href="{$root}plans/{@id}/index.html"><xsl:value-of select="lt:doc(@xml)/p:plan/p:meta/p:title"/></a>（<xsl:value-of select="count($rows)"/>个单位）</h2>
          <xsl:call-template name="table">
            <xsl:with-param name="rows" select="$rows"/>
            <xsl:with-param name="h" select="concat('u-', @id)"/>
          </xsl:call-template>
        </section>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- $rows: lt:unit (across plans) or lt:in (one plan, the unit is the
       parent). -->
  <xsl:template name="table">
    <xsl:param name="rows"/>
    <xsl:param name="h"/>
    <section class="table-wrap" tabindex="0" aria-labelledby="{$h} c-{$h}">
      <table class="data units">
        <caption id="c-{$h}" class="vh">单位任务统计</caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col" class="num">任务</th>
            <th scope="col" class="num">牵头</th>
            <th scope="col" class="num">已完成</th>
            <th scope="col" class="num">逾期</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rows">
            <xsl:sort select="number(@overdue)" data-type="number" order="descending"/>
            <xsl:sort select="(ancestor-or-self::lt:unit)/@name"/>
            <xsl:variable name="u" select="ancestor-or-self::lt:unit"/>
            <tr>
              <th scope="row"><a href="{$u/@id}.html"><xsl:value-of select="$u/@name"/></a></th>
              <td class="num"><xsl:value-of select="@tasks"/></td>
              <td class="num"><xsl:value-of select="@lead"/></td>
              <td class="num"><xsl:call-template name="or-dash"><xsl:with-param name="v" select="@done"/></xsl:call-template></td>
              <td class="num">
                <xsl:if test="@overdue &gt; 0"><xsl:attribute name="class">num overdue-count</xsl:attribute></xsl:if>
                <xsl:call-template name="or-dash"><xsl:with-param name="v" select="@overdue"/></xsl:call-template>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <xsl:template name="or-dash">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="string($v) != ''"><xsl:value-of select="$v"/></xsl:when>
      <xsl:otherwise>—<span class="vh">（尚无台账）</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
