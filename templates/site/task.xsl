<?xml version="1.0" encoding="UTF-8"?>
<!--
  task.xsl: one task. Input: the plan model; $ordinal: the task's ordinal
  (= ref in the merged document); $merged: the plan's latest merged
  document ('' when none) for the state, history and reports.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    xmlns:m="urn:lantian:merged:1"
    exclude-result-prefixes="lt p m">

  <xsl:import href="layout.xsl"/>

  <xsl:param name="ordinal"/>
  <xsl:param name="merged"/>
  <xsl:variable name="md" select="lt:doc($merged)/m:merged"/>
  <!-- A path, not a key: a key would index the whole model on every page. -->
  <xsl:variable name="t" select="/p:plan/p:section/p:task[@ordinal = $ordinal] | /p:plan/p:section/p:subsection/p:task[@ordinal = $ordinal]"/>
  <xsl:variable name="mt" select="$md/m:tasks/m:task[@ref = $ordinal]"/>

  <xsl:template match="/" mode="title">
    <xsl:text>任务</xsl:text><xsl:value-of select="$t/@number"/><xsl:text> </xsl:text><xsl:value-of select="$t/p:title"/>
  </xsl:template>
  <xsl:template match="/" mode="crumbs">
    <li><a href="../index.html"><xsl:value-of select="p:plan/p:meta/p:title"/></a></li>
    <xsl:call-template name="crumb-here">
      <xsl:with-param name="text" select="concat('任务', $t/@number)"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="/" mode="provenance">
    <xsl:call-template name="labels"><xsl:with-param name="labels" select="$md/m:provenance/m:label"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1><span class="num">任务<xsl:value-of select="$t/@number"/></span><xsl:text> </xsl:text><xsl:value-of select="$t/p:title"/></h1>
    <p class="status">
      <!-- The state in the same word as the monthly table below (滞后 stays
           滞后); being overdue is said apart, with its days (issue 16). -->
      <xsl:choose>
        <xsl:when test="$mt"><span class="light l-{$mt/@state}"><xsl:value-of select="$mt/@state-name"/></span></xsl:when>
        <xsl:otherwise><xsl:call-template name="light"><xsl:with-param name="t" select="$mt"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$mt/@percent"><span class="pct">完成约<xsl:value-of select="$mt/@percent"/>%</span></xsl:if>
      <xsl:if test="$mt/m:status/@days-overdue"><span class="od">已逾期<xsl:value-of select="$mt/m:status/@days-overdue"/>天</span></xsl:if>
      <xsl:if test="$md"><span class="asof">截至<xsl:call-template name="date"><xsl:with-param name="d" select="$md/@as-of"/></xsl:call-template></span></xsl:if>
    </p>

    <section aria-labelledby="text-h">
      <h2 id="text-h">任务内容</h2>
      <blockquote class="plantext">
        <xsl:for-each select="$t/p:text/p:p"><p><xsl:value-of select="."/></p></xsl:for-each>
      </blockquote>
      <p><a href="../source.html#L{$t/@line-start}">方案原文第<xsl:value-of select="$t/@line-start"/><xsl:if test="$t/@line-end != $t/@line-start">–<xsl:value-of select="$t/@line-end"/></xsl:if>行</a></p>
    </section>

    <xsl:if test="$t/p:units/p:unit">
      <section aria-labelledby="units-h">
        <h2 id="units-h">责任单位</h2>
        <dl class="roles">
          <xsl:for-each select="$t/p:units/p:unit[not(@role = preceding-sibling::p:unit/@role)]">
            <xsl:variable name="role" select="@role"/>
            <div>
              <dt><xsl:call-template name="role-name"><xsl:with-param name="role" select="$role"/></xsl:call-template></dt>
              <dd>
                <xsl:for-each select="../p:unit[@role = $role]">
                  <xsl:if test="position() &gt; 1">、</xsl:if>
                  <xsl:call-template name="unit-link"><xsl:with-param name="u" select="."/></xsl:call-template>
                </xsl:for-each>
              </dd>
            </div>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>

    <section aria-labelledby="dl-h">
      <h2 id="dl-h">完成时限</h2>
      <xsl:choose>
        <xsl:when test="$mt/m:deadline">
          <ul>
            <xsl:for-each select="$mt/m:deadline">
              <li>
                <xsl:value-of select="."/>
                <xsl:if test="@date">（<xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>，<xsl:choose><xsl:when test="@kind = 'stage'">阶段时限</xsl:when><xsl:otherwise>最终时限</xsl:otherwise></xsl:choose><xsl:if test="@passed = 'yes'">，已到期</xsl:if>）</xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:when test="$t/p:deadline">
          <ul><xsl:for-each select="$t/p:deadline"><li><xsl:value-of select="."/></li></xsl:for-each></ul>
        </xsl:when>
        <xsl:otherwise><p>方案未规定具体时限（长期坚持）。</p></xsl:otherwise>
      </xsl:choose>
    </section>

    <xsl:variable name="targets" select="$md/m:targets/m:target[@scope = 'task' and @task = $ordinal]"/>
    <xsl:if test="$targets">
      <section aria-labelledby="tg-h">
        <h2 id="tg-h">目标</h2>
        <ul>
          <xsl:for-each select="$targets">
            <li><xsl:value-of select="m:raw"/><xsl:text> </xsl:text><xsl:call-template name="verdict"><xsl:with-param name="t" select="."/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>

    <xsl:if test="$mt/m:history/m:month">
      <section aria-labelledby="hist-h">
        <h2 id="hist-h">逐月进展</h2>
        <section class="scroll" tabindex="0" aria-labelledby="hist-h c-hist">
          <table><caption id="c-hist" class="vh">逐月进展表</caption>
            <thead><tr><th scope="col">月份</th><th scope="col">状态</th><th scope="col">完成比例</th><th scope="col">报告数</th></tr></thead>
            <tbody>
              <xsl:for-each select="$mt/m:history/m:month">
                <tr>
                  <th scope="row"><xsl:call-template name="date"><xsl:with-param name="d" select="@ym"/></xsl:call-template></th>
                  <td><span class="light l-{@state}"><xsl:call-template name="state-name"><xsl:with-param name="state" select="@state"/></xsl:call-template></span></td>
                  <td><xsl:if test="@percent"><xsl:value-of select="@percent"/>%</xsl:if></td>
                  <td><xsl:value-of select="@reports"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </section>
    </xsl:if>

    <xsl:if test="$mt/m:reports">
      <section aria-labelledby="rep-h">
        <h2 id="rep-h"><xsl:call-template name="date"><xsl:with-param name="d" select="$mt/m:reports/@ym"/></xsl:call-template>各单位报告</h2>
        <xsl:for-each select="$mt/m:reports/m:report">
          <article class="report">
            <h3><xsl:value-of select="@unit"/></h3>
            <p class="meta">
              <span class="light l-{@state}"><xsl:value-of select="@state-raw"/></span>
              <xsl:if test="@percent"><span class="pct"><xsl:value-of select="@percent"/>%</span></xsl:if>
              <xsl:if test="@date"><span>报送于<xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></span></xsl:if>
            </p>
            <xsl:if test="m:text"><p><xsl:value-of select="m:text"/></p></xsl:if>
            <xsl:if test="m:note"><p class="note"><xsl:value-of select="m:note"/></p></xsl:if>
          </article>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
