/*
 * bulletin_sections.h -- the sections of the bulletin, one file each,
 * registered as rows of bulletin_sections[] (bulletin_sections.c). Include
 * from bulletin_sections.c and the sections' own files, never from
 * bulletin.c.
 */
#ifndef LANTIAN_BULLETIN_SECTIONS_H
#define LANTIAN_BULLETIN_SECTIONS_H

#include "bulletin_doc.h"

/* bulletin_air.c: air quality (二 sections). */
void bulletin_air(struct bulletin_ctx *c);
/* bulletin_tasks.c: task progress. */
void bulletin_tasks(struct bulletin_ctx *c);
/* bulletin_tasks.c: the attachment (附件) after the signature: every task
 * with its lead units, deadline, state and this month's report. */
void bulletin_appendix(struct bulletin_ctx *c);

#endif
