/*
 * main.c -- the lantian command line: dispatch to a subcommand.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <locale.h>

#include "commands.h"
#include "generator_id.h"

static const struct command {
	const char *name;
	int (*run)(int, char **);
	const char *summary;
} commands[] = {
	{ "build", cmd_build, "build the publication: plans/ -> output/ (only what changed)" },
	{ "check", cmd_check, "validate every input of the publication, report file:line problems" },
	{ "parse", cmd_parse, "parse one plan text and print its task XML (or --json)" },
	{ "aqi",   cmd_aqi,   "compute AQI for CSV rows of concentrations on stdin" },
	{ "simulate", cmd_simulate, "regenerate the simulated monitoring data of plans/stations.csv" },
	{ "bulletin", cmd_bulletin, "typeset one PDF bulletin from a merged document" },
	{ "site",  cmd_site,  "render the whole site from output/ into output/site/ (no incremental check)" },
};

static void
usage(FILE *fp)
{
	fputs("用法 (usage): lantian [-C DIR] COMMAND [OPTIONS]\n"
	    "\n"
	    "lantian (蓝天) turns air-quality action plans into task XML, bulletins\n"
	    "and a disclosure site, rebuilding only what changed.\n"
	    "\n"
	    "Commands:\n", fp);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-7s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	    "Options:\n"
	    "  -C DIR      run in the publication tree DIR (default: .)\n"
	    "  -h, --help  this help; 'lantian COMMAND --help' for a command\n"
	    "  --version   print the version\n"
	    "\n"
	    "See lantian(1).\n", fp);
}

int
main(int argc, char **argv)
{
	/* Output never depends on the user's locale. */
	setlocale(LC_ALL, "C");
	int i = 1;
	const char *dir = NULL;
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			printf("lantian %s (generator %s)\n", LANTIAN_VERSION,
			    LANTIAN_GENERATOR_ID);
			return 0;
		} else if (!strcmp(argv[i], "-C") && i + 1 < argc) {
			dir = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "-C", 2) && argv[i][2]) {
			dir = argv[i] + 2;
			i++;
		} else {
			fprintf(stderr, "lantian: 未知选项 '%s' (unknown option)\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (dir && chdir(dir) != 0) {
		fprintf(stderr, "lantian: %s: 无法进入目录 (cannot enter directory): %s\n",
		    dir, strerror(errno));
		return 1;
	}
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (!strcmp(argv[i], commands[k].name))
			return commands[k].run(argc - i, argv + i);
	fprintf(stderr, "lantian: 未知命令 '%s' (unknown command); see 'lantian --help'\n", argv[i]);
	return 2;
}
