/*
 * replay.c -- run a libFuzzer target without libFuzzer: feed every file
 * named on the command line (directories are walked recursively, entries in
 * sorted order) to LLVMFuzzerTestOneInput(), once each. Linked with a
 * fuzz_*.c target and built with gcc's ASan/UBSan, this is how `make check`
 * replays the seed corpus and every saved crash reproducer.
 *
 * Exit status: 0 when every input ran (a crash aborts the process), 1 when a
 * path cannot be read or no input was found, 2 on a usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static size_t n_inputs;

static int
replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 0;
	}
	size_t cap = 4096, len = 0;
	uint8_t *data = malloc(cap);
	size_t n;
	while (data && (n = fread(data + len, 1, cap - len, fp)) > 0) {
		len += n;
		if (len == cap) {
			uint8_t *bigger = realloc(data, cap *= 2);
			if (!bigger)
				free(data);
			data = bigger;
		}
	}
	int ok = data && !ferror(fp);
	fclose(fp);
	if (!ok) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(data);
		return 0;
	}
	/* An exact-size copy, so ASan sees reads past the end of the input. */
	uint8_t *exact = malloc(len ? len : 1);
	if (!exact) {
		free(data);
		return 0;
	}
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	n_inputs++;
	return 1;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_path(const char *path);

static int
replay_dir(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **bigger = realloc(names, cap * sizeof *names);
			if (!bigger)
				abort();
			names = bigger;
		}
		size_t l = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(l);
		if (!names[n])
			abort();
		snprintf(names[n++], l, "%s/%s", path, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	int ok = 1;
	for (size_t i = 0; i < n; i++) {
		ok &= replay_path(names[i]);
		free(names[i]);
	}
	free(names);
	return ok;
}

static int
replay_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return replay_dir(path);
	return replay_file(path);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	int ok = 1;
	for (int i = 1; i < argc; i++)
		ok &= replay_path(argv[i]);
	fprintf(stderr, "replay: %zu inputs\n", n_inputs);
	if (!n_inputs) {
		fprintf(stderr, "replay: no input found\n");
		return 1;
	}
	return ok ? 0 : 1;
}
