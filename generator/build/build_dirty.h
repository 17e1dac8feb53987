/*
 * build_dirty.h -- why an output is out of date: the one function that
 * states every reason (build_isdirty, samurai's isdirty) and its message
 * for --explain. Knows no output kind; the kinds of input are told from
 * their paths by the layout of a publication. Used by the engine
 * (build.c), the stages and, through build.h, the tests.
 */
#ifndef LANTIAN_BUILD_DIRTY_H
#define LANTIAN_BUILD_DIRTY_H

#include <stddef.h>

#include "build_state.h"

/* Every reason an output is out of date, in the order they are tested. */
enum dirty_reason {
	DIRTY_CLEAN = 0,
	DIRTY_FORCED,          /* --force */
	DIRTY_NO_STATE,        /* no (usable) state file */
	DIRTY_MISSING_OUTPUT,  /* the output file does not exist */
	DIRTY_NO_RECORD,       /* the state has no record of this output */
	DIRTY_GENERATOR,       /* written by another generator */
	DIRTY_INPUT_ADDED,     /* an input the record does not list */
	DIRTY_INPUT_REMOVED,   /* a recorded input no longer used */
	DIRTY_INPUT_CHANGED,   /* an input's content hash changed */
	DIRTY_OUTPUT_CHANGED,  /* the output differs from what was written */
};

/* What an input is, for messages: told from its path by the layout of a
 * publication (build_input_kind). */
enum input_kind {
	INPUT_OTHER,
	INPUT_PLAN_CONF,       /* plans/<dir>/plan.conf */
	INPUT_PLAN_TEXT,       /* any other file of a plan folder */
	INPUT_LEDGER,          /* plans/<dir>/ledgers/YYYY-MM.csv|.xlsx */
	INPUT_STATIONS,        /* plans/stations.csv */
	INPUT_LAYOUT,          /* templates/layouts/<name>.layout */
	INPUT_DATA,            /* .csv / .csv.gz under plans/, not a ledger */
	INPUT_AREA_OUTPUT,     /* output/air/<slug>/...: an area's output */
	INPUT_OUTPUT,          /* output/...: another edge's output */
};
enum input_kind build_input_kind(const char *path);

/* What build_isdirty() looks at for one output. */
struct dirty_check {
	int force;
	int have_state;                 /* a state file was loaded */
	const struct state_output *rec; /* its record; NULL if none */
	const char *generator;
	const struct state_input *in;   /* current inputs with their hashes */
	size_t n_in;
	const char *out_hex;            /* current output hash; NULL: missing */
};

/* The first reason the output is dirty, or DIRTY_CLEAN. For the input
 * reasons *what (may be NULL) is set to the path concerned. */
enum dirty_reason build_isdirty(const struct dirty_check *c,
    const char **what);
/* The reason as a message for --explain (Chinese, with the English term;
 * for the input reasons also the kind of input: "台账 plans/a/ledgers/
 * 2024-05.csv 已改变 (input changed: ledger)"); caller frees. */
char *build_reason_text(enum dirty_reason r, const char *what);

#endif
