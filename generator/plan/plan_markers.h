/*
 * plan_markers.h -- the numbering marks that structure a plan text:
 * 一、 (top-level section), （一） (sub-heading or item), 1. (task),
 * （1） (point inside a task), 附表1 / 附件： (attachments).
 * Full- and half-width forms are equal: （一） (一) ( 一 ), 1. 1． 1、.
 */
#ifndef LANTIAN_PLAN_MARKERS_H
#define LANTIAN_PLAN_MARKERS_H

#include <stddef.h>

enum marker_kind {
	MARKER_NONE,
	MARKER_TOP,          /* 一、 */
	MARKER_SUB,          /* （一） */
	MARKER_ARABIC,       /* 1. */
	MARKER_PAREN_ARABIC, /* （1） */
	MARKER_ATTACH,       /* 附表 / 附件 */
};

/*
 * Recognise the marker at the start of s (leading spaces, '#' and '*' are
 * skipped). *len (may be NULL) gets the bytes up to the marker's text
 * (marker and the spaces after it); *value (may be NULL) its number
 * (一 = 1), 0 for attachments.
 */
enum marker_kind marker_at(const char *s, size_t *len, int *value);

/* Printed form of a sub-heading number in full-width brackets: "（三）". */
char *marker_sub_label(int value);
/* Chinese numeral of a value 1..99: "三", "十二"; caller frees. */
char *marker_numeral(int value);

#endif
