<?xml version="1.0" encoding="UTF-8"?>
<!--
  unit.xsl: one responsible unit (责任单位) and every task of every plan
  where it leads, cooperates, is responsible or takes part. Input
  (site_core.c): <unit-page> holding a copy of the unit from units.xml
  and <plan id xml merged ym/> for each plan it appears in; each task's
  state comes from that plan's latest merged document.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:lt="urn:lantian:site:1"
    xmlns:p="urn:lantian:plan:1"
    xmlns:m="urn:lantian:merged:1"
    xmlns:u="urn:lantian:units:1"
    exclude-result-prefixes="lt p m u">

  <xsl:import href="layout.xsl"/>

  <xsl:variable name="unit" select="/unit-page/u:unit"/>

  <xsl:template match="/" mode="title"><xsl:value-of select="$unit/u:name"/></xsl:template>
  <xsl:template match="/" mode="crumbs">
    <li><a href="index.html">责任单位</a></li>
    <xsl:call-template name="crumb-here"><xsl:with-param name="text" select="$unit/u:name"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/" mode="main">
    <h1><xsl:value-of select="$unit/u:name"/></h1>
    <xsl:if test="$unit/u:printed != $unit/u:name">
      <p class="note">方案中写作“<xsl:value-of select="$unit/u:printed"/>”。</p>
    </xsl:if>
    <xsl:variable name="c" select="$unit/u:counts"/>
    <dl class="counts">
      <div><dt>任务</dt><dd><xsl:value-of select="count($unit/u:ref[@ordinal])"/></dd></div>
      <div><dt>牵头</dt><dd><xsl:value-of select="$c/@lead"/></dd></div>
      <div><dt>配合</dt><dd><xsl:value-of select="$c/@cooperating"/></dd></div>
      <xsl:if test="$c/@responsible != 0"><div><dt>负责落实</dt><dd><xsl:value-of select="$c/@responsible"/></dd></div></xsl:if>
      <xsl:if test="$c/@participating != 0"><div><dt>参与</dt><dd><xsl:value-of select="$c/@participating"/></dd></div></xsl:if>
      <xsl:variable name="od"><xsl:call-template name="overdue-sum"><xsl:with-param name="plans" select="/unit-page/plan"/></xsl:call-template></xsl:variable>
      <div><xsl:if test="$od != 0"><xsl:attribute name="class">c-overdue</xsl:attribute></xsl:if><dt>逾期</dt><dd><xsl:value-of select="$od"/></dd></div>
    </dl>
    <xsl:call-template name="attention"/>
    <xsl:apply-templates select="/unit-page/plan"/>
  </xsl:template>

  <!-- What the unit must act on first (issue 16): its overdue tasks over
       all its plans, then those due soon, before the per-plan lists. -->
  <xsl:template name="attention">
    <section aria-labelledby="att-h">
      <h2 id="att-h">逾期和即将到期的任务</h2>
      <xsl:variable name="rows">
        <xsl:call-template name="attention-rows"><xsl:with-param name="which" select="'overdue'"/></xsl:call-template>
        <xsl:call-template name="attention-rows"><xsl:with-param name="which" select="'due-soon'"/></xsl:call-template>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="string($rows) = ''">
          <p>本单位目前没有逾期或即将到期的任务。</p>
        </xsl:when>
        <xsl:otherwise>
          <section class="scroll" tabindex="0" aria-labelledby="att-h c-att">
            <table class="tasks">
              <caption id="c-att" class="vh">逾期和即将到期的任务列表</caption>
              <thead><tr><th scope="col">情况</th><th scope="col">任务</th><th scope="col">方案</th><th scope="col">职责</th></tr></thead>
              <tbody>
                <xsl:call-template name="attention-rows"><xsl:with-param name="which" select="'overdue'"/></xsl:call-template>
                <xsl:call-template name="attention-rows"><xsl:with-param name="which" select="'due-soon'"/></xsl:call-template>
              </tbody>
            </table>
          </section>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="attention-rows">
    <xsl:param name="which"/>
    <xsl:for-each select="/unit-page/plan">
      <xsl:variable name="id" select="@id"/>
      <xsl:variable name="md" select="lt:doc(@merged)/m:merged"/>
      <xsl:for-each select="$unit/u:ref[@plan = $id][@ordinal]">
        <xsl:variable name="o" select="@ordinal"/>
        <xsl:variable name="st" select="$md/m:tasks/m:task[@ref = $o]/m:status"/>
        <xsl:if test="($which = 'overdue' and $st/@overdue = 'yes') or ($which = 'due-soon' and $st/@due-soon = 'yes' and not($st/@overdue = 'yes'))">
          <tr>
            <td>
              <xsl:choose>
                <xsl:when test="$which = 'overdue'"><span class="od">已逾期<xsl:value-of select="$st/@days-overdue"/>天</span></xsl:when>
                <xsl:otherwise>即将到期（<xsl:call-template name="date"><xsl:with-param name="d" select="$st/@deadline"/></xsl:call-template>）</xsl:otherwise>
              </xsl:choose>
            </td>
            <th scope="row"><a href="{$root}plans/{$id}/tasks/{@ordinal}.html"><xsl:value-of select="."/></a></th>
            <td><xsl:value-of select="$md/m:plan/m:title"/></td>
            <td><xsl:call-template name="role-name"><xsl:with-param name="role" select="@role"/></xsl:call-template></td>
          </tr>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- Overdue tasks of the unit over all its plans: each plan's merged
       document counts them for the unit (m:units/m:unit/@overdue). -->
  <xsl:template name="overdue-sum">
    <xsl:param name="plans"/>
    <xsl:param name="acc" select="0"/>
    <xsl:choose>
      <xsl:when test="$plans">
        <xsl:variable name="mu" select="lt:doc($plans[1]/@merged)/m:merged/m:units/m:unit[@ref = $unit/@id]"/>
        <xsl:call-template name="overdue-sum">
          <xsl:with-param name="plans" select="$plans[position() &gt; 1]"/>
          <xsl:with-param name="acc" select="$acc + sum($mu/@overdue)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$acc"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="plan">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="md" select="lt:doc(@merged)/m:merged"/>
    <section aria-labelledby="p-{@id}">
      <h2 id="p-{@id}">
        <a href="{$root}plans/{@id}/index.html">
          <xsl:choose>
            <xsl:when test="$md"><xsl:value-of select="$md/m:plan/m:title"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="lt:doc(@xml)/p:plan/p:meta/p:title"/></xsl:otherwise>
          </xsl:choose>
        </a>
      </h2>
      <xsl:if test="$unit/u:ref[@plan = $id][@role = 'inherited']">
        <p class="note">方案规定由本单位负责落实全部任务（总体要求中的属地责任）。</p>
      </xsl:if>
      <section class="scroll" tabindex="0" aria-labelledby="p-{@id} c-p-{@id}">
        <table class="tasks"><caption id="c-p-{@id}" class="vh">任务列表</caption>
          <thead><tr><th scope="col">编号</th><th scope="col">任务</th><th scope="col">职责</th><th scope="col">状态</th><th scope="col">完成时限</th><th scope="col">本单位最新报告</th></tr></thead>
          <tbody>
            <xsl:for-each select="$unit/u:ref[@plan = $id][@ordinal]">
              <xsl:variable name="o" select="@ordinal"/>
              <xsl:variable name="mt" select="$md/m:tasks/m:task[@ref = $o]"/>
              <tr>
                <td><xsl:value-of select="@task"/></td>
                <th scope="row"><a href="{$root}plans/{$id}/tasks/{@ordinal}.html"><xsl:value-of select="."/></a></th>
                <td><xsl:call-template name="role-name"><xsl:with-param name="role" select="@role"/></xsl:call-template></td>
                <td><xsl:call-template name="light"><xsl:with-param name="t" select="$mt"/></xsl:call-template></td>
                <td>
                  <xsl:for-each select="$mt/m:deadline[@date]">
                    <xsl:if test="position() &gt; 1"><br/></xsl:if>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
                  </xsl:for-each>
                </td>
                <!-- The unit's own report of the latest ledger month: the
                     ledger names it as the task's unit list does. -->
                <xsl:variable name="me" select="string($mt/m:units/m:unit[@ref = $unit/@id])"/>
                <xsl:variable name="rep" select="$mt/m:reports/m:report[$me != ''][@unit = $me][1]"/>
                <td class="unit-report">
                  <xsl:choose>
                    <xsl:when test="$rep">
                      <xsl:call-template name="date"><xsl:with-param name="d" select="$rep/@date"/></xsl:call-template>
                      <xsl:text>：</xsl:text><xsl:value-of select="$rep/m:text"/>
                    </xsl:when>
                    <xsl:when test="$mt">本月无本单位报告</xsl:when>
                    <xsl:otherwise>—</xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </section>
    </section>
  </xsl:template>

</xsl:stylesheet>
