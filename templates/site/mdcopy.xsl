<?xml version="1.0" encoding="UTF-8"?>
<!--
  mdcopy.xsl: HTML made by cmark (staff pages, bulletin commentary) copied
  into a page element by element (mode "html"). xsl:copy-of would carry
  the page document's xmlns:lt declaration onto every element; rebuilding
  each element keeps the output plain HTML. Included by mdpage.xsl,
  data.xsl and bulletin.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="*" mode="html">
    <xsl:element name="{local-name()}">
      <xsl:for-each select="@*">
        <xsl:attribute name="{local-name()}"><xsl:value-of select="."/></xsl:attribute>
      </xsl:for-each>
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="text()" mode="html"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="comment() | processing-instruction()" mode="html"/>

</xsl:stylesheet>
