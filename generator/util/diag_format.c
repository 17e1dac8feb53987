/*
 * diag_format.c -- diagnostics as JSON, GitHub workflow commands and a
 * GitLab Code Quality report (see diag_format.h).
 *
 * GitHub: https://docs.github.com/actions/reference/workflow-commands
 * ("::error file=…,line=…,col=…,title=…::message"; in the message %, CR
 * and LF are escaped as %25, %0D, %0A, in property values also : and ,).
 * GitLab Code Quality: an array of issues, each with description,
 * check_name, fingerprint (unique per finding), severity
 * (info|minor|major|critical|blocker) and location.path/lines.begin.
 */
#include "diag_format.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

int
diag_format_parse(const char *s, enum diag_format *fmt)
{
	static const struct {
		const char *name;
		enum diag_format fmt;
	} names[] = {
		{ "text", DIAG_FORMAT_TEXT }, { "json", DIAG_FORMAT_JSON },
		{ "github", DIAG_FORMAT_GITHUB }, { "gitlab", DIAG_FORMAT_GITLAB },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i].name)) {
			*fmt = names[i].fmt;
			return 0;
		}
	return -1;
}

static const char *
level_word(enum diag_level lv)
{
	return lv == DIAG_ERROR ? "error" : lv == DIAG_WARNING ? "warning" :
	    "note";
}

/* GitHub's escaping of a message (prop = 0) or a property value. */
static void
github_escaped(FILE *fp, const char *s, int prop)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", fp);
		else if (*s == '\r')
			fputs("%0D", fp);
		else if (*s == '\n')
			fputs("%0A", fp);
		else if (prop && *s == ':')
			fputs("%3A", fp);
		else if (prop && *s == ',')
			fputs("%2C", fp);
		else
			fputc(*s, fp);
	}
}

static void
print_github(const struct diag_list *dl, FILE *fp)
{
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		/* GitHub has no "note" command; a note is a notice. */
		fprintf(fp, "::%s ", d->level == DIAG_ERROR ? "error" :
		    d->level == DIAG_WARNING ? "warning" : "notice");
		if (d->file) {
			fputs("file=", fp);
			github_escaped(fp, d->file, 1);
			fputc(',', fp);
		}
		if (d->line)
			fprintf(fp, "line=%zu,", d->line);
		if (d->line && d->col)
			fprintf(fp, "col=%zu,", d->col);
		fputs("title=lantian::", fp);
		github_escaped(fp, d->msg ? d->msg : "", 0);
		fputc('\n', fp);
	}
	if (dl->dropped)
		fprintf(fp, "::warning title=lantian::另有 %zu 条诊断信息未显示\n",
		    dl->dropped);
}

static void
dump(json_t *root, FILE *fp)
{
	char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	fputs(s ? s : "null", fp);
	fputc('\n', fp);
	free(s);
	json_decref(root);
}

static json_t *
jstr_or_null(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;
	return v ? v : json_null();
}

static void
print_json(const struct diag_list *dl, FILE *fp)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		json_t *o = json_object();
		json_object_set_new(o, "file", jstr_or_null(d->file));
		json_object_set_new(o, "line", json_integer((json_int_t)d->line));
		json_object_set_new(o, "col", json_integer((json_int_t)d->col));
		json_object_set_new(o, "level", json_string(level_word(d->level)));
		json_object_set_new(o, "message", jstr_or_null(d->msg));
		json_array_append_new(arr, o);
	}
	json_t *root = json_object();
	json_object_set_new(root, "diagnostics", arr);
	json_object_set_new(root, "dropped",
	    json_integer((json_int_t)dl->dropped));
	dump(root, fp);
}

/* A finding's identity across runs: the same file, line, level and
 * message give the same fingerprint, so GitLab can tell new from fixed. */
static void
fingerprint(const struct diag *d, size_t nth, char *hex)
{
	struct buf b = { 0 };
	buf_printf(&b, "%d\t%s\t%zu\t%zu\t%s\t%zu", (int)d->level,
	    d->file ? d->file : "", d->line, d->col, d->msg ? d->msg : "", nth);
	hash_bytes(b.data, b.len, hex);
	buf_free(&b);
}

static void
print_gitlab(const struct diag_list *dl, FILE *fp)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		/* Equal findings in one run still need distinct fingerprints. */
		size_t nth = 0;
		for (size_t j = 0; j < i; j++)
			nth += dl->v[j].level == d->level &&
			    dl->v[j].line == d->line && dl->v[j].col == d->col &&
			    !strcmp(dl->v[j].file ? dl->v[j].file : "",
			        d->file ? d->file : "") &&
			    !strcmp(dl->v[j].msg ? dl->v[j].msg : "",
			        d->msg ? d->msg : "");
		char hex[HASH_HEX_LEN + 1];
		fingerprint(d, nth, hex);
		json_t *lines = json_object();
		json_object_set_new(lines, "begin",
		    json_integer((json_int_t)(d->line ? d->line : 1)));
		json_t *loc = json_object();
		json_object_set_new(loc, "path",
		    json_string(d->file ? d->file : "."));
		json_object_set_new(loc, "lines", lines);
		json_t *o = json_object();
		json_object_set_new(o, "description", jstr_or_null(d->msg));
		json_object_set_new(o, "check_name",
		    json_string(d->level == DIAG_ERROR ? "lantian-error" :
		    d->level == DIAG_WARNING ? "lantian-warning" : "lantian-note"));
		json_object_set_new(o, "fingerprint", json_string(hex));
		json_object_set_new(o, "severity",
		    json_string(d->level == DIAG_ERROR ? "major" :
		    d->level == DIAG_WARNING ? "minor" : "info"));
		json_object_set_new(o, "location", loc);
		json_array_append_new(arr, o);
	}
	dump(arr, fp);
}

void
diag_print_as(const struct diag_list *dl, enum diag_format fmt, FILE *fp)
{
	switch (fmt) {
	case DIAG_FORMAT_JSON:
		print_json(dl, fp);
		break;
	case DIAG_FORMAT_GITHUB:
		print_github(dl, fp);
		break;
	case DIAG_FORMAT_GITLAB:
		print_gitlab(dl, fp);
		break;
	default:
		diag_print(dl, fp);
	}
}
