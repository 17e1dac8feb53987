/*
 * datadir.c -- finding lantian's own data (see datadir.h).
 */
#include "datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A data folder has both the site templates and the pinned fonts. */
static int
is_datadir(const char *dir)
{
	char p[PATH_MAX];
	struct stat st;
	if (snprintf(p, sizeof p, "%s/templates/site/layout.xsl", dir) >=
	    (int)sizeof p || stat(p, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if (snprintf(p, sizeof p, "%s/fonts/fonts.lock", dir) >= (int)sizeof p ||
	    stat(p, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	return 1;
}

const char *
datadir_find(void)
{
	static char found[PATH_MAX];
	const char *env = getenv("LANTIAN_DATADIR");
	if (env && *env)
		return is_datadir(env) &&
		    snprintf(found, sizeof found, "%s", env) < (int)sizeof found ?
		    found : NULL;
	char bindir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", bindir, sizeof bindir - 1);
	if (n <= 0)
		return NULL;
	bindir[n] = '\0';
	char *slash = strrchr(bindir, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	/* Installed: PREFIX/bin/lantian, data in PREFIX/share/lantian;
	 * uninstalled: <repo>/build/<variant>/lantian. */
	static const char *const rel[] = { "/../share/lantian", "/../.." };
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		char cand[PATH_MAX];
		if (snprintf(cand, sizeof cand, "%s%s", bindir, rel[i]) <
		    (int)sizeof cand && is_datadir(cand) &&
		    realpath(cand, found))
			return found;
	}
	return NULL;
}
