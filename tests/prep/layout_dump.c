/*
 * layout_dump.c -- test tool: build a publication tree with the
 * typesetter's layout observer on, and write the layout of every document
 * it sets (every bulletin) to OUTDIR/NNN.layout, in the records of
 * generator/typeset_dump.c, for tests/typeset_scan.py. Not part of
 * lantian.
 *
 *   layout_dump TREE OUTDIR
 *
 * Exit status 0 when the build succeeded and at least one document was
 * set, 1 otherwise.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "typeset.h"
#include "util.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int ndocs;
static int failed;

static void
observe(const char *dump, void *ctx)
{
	const char *outdir = ctx;

	pthread_mutex_lock(&lock);
	char *path = xasprintf("%s/%03d.layout", outdir, ++ndocs);
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(dump, f) == EOF || fclose(f) != 0) {
		fprintf(stderr, "layout_dump: cannot write %s\n", path);
		failed = 1;
	}
	free(path);
	pthread_mutex_unlock(&lock);
}

int
main(int argc, char **argv)
{
	struct build_opts o = { 1, 1, 0, "layout-dump" };
	struct build_report r;
	char *outdir;
	int status;

	if (argc != 3) {
		fprintf(stderr, "usage: layout_dump TREE OUTDIR\n");
		return 2;
	}
	outdir = realpath(argv[2], NULL);
	if (outdir == NULL || chdir(argv[1]) != 0) {
		perror("layout_dump");
		return 1;
	}
	ts_set_layout_observer(observe, outdir);
	status = build_run(&o, &r);
	for (size_t i = 0; i < r.dl.n; i++)
		if (r.dl.v[i].level >= DIAG_ERROR)
			fprintf(stderr, "layout_dump: %s\n", r.dl.v[i].msg);
	build_report_free(&r);
	free(outdir);
	printf("layout_dump: %d documents\n", ndocs);
	return status != 0 || failed || ndocs == 0;
}
