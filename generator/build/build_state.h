/*
 * build_state.h -- what the last build recorded (output/.lantian/state):
 * for every output, the hash of its content, the generator that wrote it
 * and the hashes of the inputs it was built from; and the stat cache of
 * every file hashed (hash.h). The format is documented at the top of
 * build_state.c.
 *
 * A struct build_state is owned by the caller: build_state_new() /
 * build_state_free(). Strings passed in are copied.
 */
#ifndef LANTIAN_BUILD_STATE_H
#define LANTIAN_BUILD_STATE_H

#include <stddef.h>

#include "hash.h"

#define BUILD_STATE_VERSION 2

struct state_input {
	char *path;
	char hex[HASH_HEX_LEN + 1];
};

struct state_output {
	char *path;
	char hex[HASH_HEX_LEN + 1];   /* content written */
	char *generator;              /* LANTIAN_GENERATOR_ID that wrote it */
	struct state_input *in;       /* in the order the build lists them */
	size_t n_in;
};

enum state_load {
	STATE_LOADED,
	STATE_MISSING,   /* no state file: a first build */
	STATE_BAD,       /* corrupt, truncated or another version */
};

struct build_state;

struct build_state *build_state_new(void);
void build_state_free(struct build_state *st);

/* The stat cache inside st (owned by st). */
struct hash_cache *build_state_cache(struct build_state *st);

/* Read path into st (which must be new). On STATE_BAD, st is left empty
 * and *why (caller frees) says what was wrong; it is NULL otherwise.
 * Never fails on content: anything unexpected is STATE_BAD. */
enum state_load build_state_load(struct build_state *st, const char *path,
    char **why);
/* The same from the bytes of a state file (never STATE_MISSING). */
enum state_load build_state_parse(struct build_state *st, const char *data,
    size_t len, char **why);

/* Write st to path atomically, creating its directory. Saves the stat
 * entries used this run and every output record. Returns 0, or -1 with
 * errno. */
int build_state_save(struct build_state *st, const char *path);

/* The record of output path; NULL if none. */
const struct state_output *build_state_output(const struct build_state *st,
    const char *path);
/* Record (or replace) what output path was built from. */
void build_state_set_output(struct build_state *st, const char *path,
    const char *hex, const char *generator, const struct state_input *in,
    size_t n_in);
void build_state_remove_output(struct build_state *st, const char *path);

/* Every output record, sorted by path; array owned by st, valid until st
 * changes. */
const struct state_output *const *build_state_outputs(struct build_state *st,
    size_t *n);

/* 1 if saving now would write something other than what was loaded. */
int build_state_changed(const struct build_state *st);

#endif
