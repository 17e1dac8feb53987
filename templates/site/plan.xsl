<?xml version="1.0" encoding="UTF-8"?>
<!--
  plan.xsl: one plan. Input: the plan model (output/xml/<id>.xml);
  $merged: its latest merged document ('' when there is no ledger yet),
  read for each task's state and for the targets' verdicts.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    xmlns:m="urn:lantian:merged:1"
    exclude-result-prefixes="lt p m">

  <xsl:import href="layout.xsl"/>

  <xsl:param name="merged"/>
  <xsl:variable name="md" select="lt:doc($merged)/m:merged"/>
  <xsl:variable name="plan" select="/p:plan"/>

  <xsl:template match="/" mode="title"><xsl:value-of select="p:plan/p:meta/p:title"/></xsl:template>
  <xsl:template match="/" mode="crumbs">
    <xsl:call-template name="crumb-here"><xsl:with-param name="text" select="p:plan/p:meta/p:title"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="/" mode="provenance">
    <xsl:call-template name="labels"><xsl:with-param name="labels" select="$md/m:provenance/m:label"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <xsl:variable name="meta" select="p:plan/p:meta"/>
    <h1><xsl:value-of select="$meta/p:title"/></h1>
    <dl class="facts">
      <xsl:if test="$meta/p:place"><div><dt>地区</dt><dd><xsl:value-of select="$meta/p:place"/><xsl:if test="$meta/p:parent">（<xsl:value-of select="$meta/p:parent"/>）</xsl:if></dd></div></xsl:if>
      <xsl:if test="$meta/p:issuer"><div><dt>印发机关</dt><dd><xsl:value-of select="$meta/p:issuer"/></dd></div></xsl:if>
      <xsl:if test="$meta/p:doc-number"><div><dt>文号</dt><dd><xsl:value-of select="$meta/p:doc-number"/></dd></div></xsl:if>
      <xsl:if test="$meta/p:issue-date"><div><dt>印发日期</dt><dd><xsl:call-template name="date"><xsl:with-param name="d" select="$meta/p:issue-date"/></xsl:call-template></dd></div></xsl:if>
      <xsl:if test="$meta/p:period"><div><dt>实施期限</dt><dd><xsl:value-of select="$meta/p:period"/></dd></div></xsl:if>
      <xsl:if test="$md"><div><dt>进展截至</dt><dd><xsl:call-template name="date"><xsl:with-param name="d" select="$md/@as-of"/></xsl:call-template></dd></div></xsl:if>
    </dl>
    <p class="actions">
      <a href="source.html">方案原文</a>
      <xsl:if test="$md"> · <a href="{$root}bulletins/{p:plan/@id}/{substring($md/@as-of, 1, 7)}.html">本月工作通报</a></xsl:if>
    </p>

    <xsl:choose>
      <xsl:when test="$md">
        <section aria-labelledby="summary-h">
          <h2 id="summary-h">任务进展</h2>
          <xsl:call-template name="counts">
            <xsl:with-param name="c" select="$md/m:tasks/m:counts"/>
            <xsl:with-param name="total" select="$md/m:tasks/@total"/>
          </xsl:call-template>
        </section>
      </xsl:when>
      <xsl:otherwise><p class="note">尚无月度台账，任务状态暂缺。</p></xsl:otherwise>
    </xsl:choose>

    <xsl:if test="$md/m:targets/m:target">
      <section aria-labelledby="targets-h">
        <h2 id="targets-h">目标完成情况</h2>
        <section class="scroll" tabindex="0" aria-labelledby="tbl-plan-1">
          <table class="tasks">
            <caption id="tbl-plan-1" class="vh">目标及评估结论</caption>
            <thead><tr><th scope="col">目标</th><th scope="col">年度</th><th scope="col">当前</th><th scope="col">结论</th></tr></thead>
            <tbody>
              <xsl:for-each select="$md/m:targets/m:target">
                <tr>
                  <td>
                    <xsl:value-of select="m:raw"/>
                    <xsl:if test="@scope = 'task'">（<a href="tasks/{@task}.html">任务<xsl:value-of select="@task-number"/></a>）</xsl:if>
                    <details><summary>评估方法</summary><p><xsl:value-of select="m:method"/></p></details>
                  </td>
                  <td><xsl:value-of select="@year"/></td>
                  <td><xsl:value-of select="m:figures/@current"/></td>
                  <td><xsl:call-template name="verdict"><xsl:with-param name="t" select="."/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </section>
    </xsl:if>

    <xsl:apply-templates select="p:plan/p:section"/>
  </xsl:template>

  <xsl:template match="p:section">
    <section aria-labelledby="s{@line}">
      <h2 id="s{@line}"><xsl:value-of select="@n"/><xsl:text> </xsl:text><xsl:value-of select="p:title"/></h2>
      <xsl:if test="p:task"><xsl:call-template name="tasks"><xsl:with-param name="ts" select="p:task"/></xsl:call-template></xsl:if>
      <xsl:for-each select="p:subsection">
        <h3 id="s{@line}"><xsl:value-of select="@n"/><xsl:value-of select="p:title"/></h3>
        <xsl:call-template name="tasks"><xsl:with-param name="ts" select="p:task"/></xsl:call-template>
      </xsl:for-each>
      <xsl:if test="not(p:task | p:subsection/p:task)">
        <p><a href="source.html#L{@line}">见方案原文第<xsl:value-of select="@line"/>行起</a></p>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- A table of tasks: number, title, state, lead units, deadline. -->
  <xsl:template name="tasks">
    <xsl:param name="ts"/>
    <xsl:if test="$ts">
      <section class="scroll" tabindex="0" aria-labelledby="s{@line} c-s{@line}">
        <table class="tasks"><caption id="c-s{@line}" class="vh">任务列表</caption>
          <thead><tr><th scope="col">编号</th><th scope="col">任务</th><th scope="col">状态</th><th scope="col">牵头单位</th><th scope="col">完成时限</th></tr></thead>
          <tbody>
            <xsl:for-each select="$ts">
              <xsl:variable name="o" select="@ordinal"/>
              <xsl:variable name="mt" select="$md/m:tasks/m:task[@ref = $o]"/>
              <tr>
                <td><xsl:value-of select="@number"/></td>
                <th scope="row"><a href="tasks/{@ordinal}.html"><xsl:value-of select="p:title"/></a></th>
                <td>
                  <xsl:call-template name="light"><xsl:with-param name="t" select="$mt"/></xsl:call-template>
                  <xsl:if test="$mt/@percent"><span class="pct"><xsl:value-of select="$mt/@percent"/>%</span></xsl:if>
                </td>
                <td>
                  <xsl:for-each select="p:units/p:unit[@role = 'lead' or (@role = 'responsible' and not(../p:unit[@role = 'lead']))]">
                    <xsl:if test="position() &gt; 1">、</xsl:if>
                    <xsl:call-template name="unit-link"><xsl:with-param name="u" select="."/></xsl:call-template>
                  </xsl:for-each>
                </td>
                <td>
                  <xsl:for-each select="p:deadline">
                    <xsl:if test="position() &gt; 1"><br/></xsl:if>
                    <xsl:value-of select="."/>
                  </xsl:for-each>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
