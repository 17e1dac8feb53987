/*
 * typeset_flow.h -- the typesetter's blocks laid out as boxes
 * (typeset_flow.c). Include only from generator/typeset*.c and tests.
 */
#ifndef LANTIAN_TYPESET_FLOW_H
#define LANTIAN_TYPESET_FLOW_H

#include "typeset_int.h"

struct ts_flow {
	PangoContext *pc;         /* not owned */
	struct diag_list *dl;     /* not owned */
	struct ts_boxes boxes;
	struct ts_text **texts;   /* owned layouts the boxes point into */
	size_t ntexts, tcap;
	struct ts_tlay *tlays;    /* one per table, owned */
	size_t ntlays;
};

/* Lay out every block of d into fl->boxes (fl->pc and fl->dl set by the
 * caller, the rest zero). */
void ts_flow_build(struct ts_flow *fl, const struct ts_doc *d);
void ts_flow_free(struct ts_flow *fl);

#endif
