<?xml version="1.0" encoding="UTF-8"?>
<!--
  deadlines.xsl: upcoming deadlines by month and the overdue tasks, over
  every plan. Input (site_core.c): <deadlines> with <plan id xml merged
  ym/> per plan shown, <upcoming><month ym><item plan date> (a copy of
  the merged task: title, units, the deadline, status)</month></upcoming>
  and <overdue><item plan date>…</item></overdue>, sorted by date.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:m="urn:lantian:merged:1"
    exclude-result-prefixes="lt m">

  <xsl:import href="layout.xsl"/>

  <xsl:template match="/" mode="title">完成时限</xsl:template>
  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here"><xsl:with-param name="text">完成时限</xsl:with-param></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1>完成时限</h1>
    <p class="note">各方案进展截至：<xsl:for-each select="deadlines/plan">
        <xsl:if test="position() &gt; 1">；</xsl:if>
        <xsl:value-of select="lt:doc(@merged)/m:merged/m:plan/m:title"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="lt:doc(@merged)/m:merged/@as-of"/></xsl:call-template>
      </xsl:for-each>。</p>
    <section aria-labelledby="od-h">
      <h2 id="od-h">逾期任务（<xsl:value-of select="count(deadlines/overdue/item)"/>项）</h2>
      <xsl:choose>
        <xsl:when test="deadlines/overdue/item">
          <xsl:call-template name="items"><xsl:with-param name="items" select="deadlines/overdue/item"/><xsl:with-param name="overdue" select="1"/><xsl:with-param name="h" select="'od-h'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><p>目前没有逾期任务。</p></xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="up-h">
      <h2 id="up-h">即将到来的时限</h2>
      <xsl:if test="not(deadlines/upcoming/month)"><p>没有尚未到期的时限。</p></xsl:if>
      <xsl:for-each select="deadlines/upcoming/month">
        <h3 id="m{@ym}"><xsl:call-template name="date"><xsl:with-param name="d" select="@ym"/></xsl:call-template></h3>
        <xsl:call-template name="items"><xsl:with-param name="items" select="item"/><xsl:with-param name="h" select="concat('m', @ym)"/></xsl:call-template>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template name="items">
    <xsl:param name="items"/>
    <xsl:param name="overdue" select="0"/>
    <!-- the id of the heading above: it names the scrolling region -->
    <xsl:param name="h"/>
    <section class="scroll" tabindex="0" aria-labelledby="{$h} c-{$h}">
      <table class="tasks"><caption id="c-{$h}" class="vh">任务列表</caption>
        <thead><tr><th scope="col">时限</th><th scope="col">任务</th><th scope="col">方案</th><th scope="col">牵头单位</th><th scope="col">状态</th></tr></thead>
        <tbody>
          <xsl:for-each select="$items">
            <xsl:variable name="plan" select="@plan"/>
            <xsl:variable name="t" select="m:task"/>
            <tr>
              <td>
                <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                <xsl:if test="$overdue and $t/m:status/@days-overdue">（逾期<xsl:value-of select="$t/m:status/@days-overdue"/>天）</xsl:if>
                <xsl:if test="$t/m:deadline/@kind = 'stage'">（阶段）</xsl:if>
              </td>
              <th scope="row"><a href="plans/{@plan}/tasks/{$t/@ref}.html">任务<xsl:value-of select="$t/@number"/><xsl:text> </xsl:text><xsl:value-of select="$t/m:title"/></a></th>
              <td><a href="plans/{@plan}/index.html"><xsl:value-of select="lt:doc(/deadlines/plan[@id = $plan]/@merged)/m:merged/m:plan/m:place"/></a></td>
              <td>
                <xsl:for-each select="$t/m:units/m:unit[@role = 'lead' or (@role = 'responsible' and not(../m:unit[@role = 'lead']))]">
                  <xsl:if test="position() &gt; 1">、</xsl:if>
                  <a href="units/{@ref}.html"><xsl:value-of select="."/></a>
                </xsl:for-each>
              </td>
              <td><xsl:call-template name="light"><xsl:with-param name="t" select="$t"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

</xsl:stylesheet>
