/*
 * site_bulletins.c -- the bulletins (工作通报) on the site:
 *   bulletins/index.html              the archive by month, newest first
 *   bulletins/<plan>/<YYYY-MM>.html   the HTML edition of one bulletin,
 *                                     from the merged document of that
 *                                     plan and month (+ the staff's
 *                                     commentary in Markdown, when there
 *                                     is plans/<plan>/commentary/<ym>.md)
 *   bulletins/<plan>/<YYYY-MM>.pdf    a verbatim copy of the PDF the build
 *                                     wrote to output/bulletin/ (and the
 *                                     year-to-date <YYYY-MM>-ytd.pdf)
 * Every merged month has an HTML edition; a PDF link appears only when
 * the PDF exists, so the site works before and without the PDFs.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fsutil.h"
#include "issue_record.h"
#include "site.h"
#include "site_data.h"
#include "site_kinds.h"
#include "util.h"
#include "userfile.h"

/* The PDF of plan and ym from site_bulletin_at, or NULL. */
static const char *
bulletin_pdf(const struct site *s, const char *plan, const char *ym)
{
	for (size_t i = 0; i < site_bulletin_count(s); i++) {
		const struct site_bulletin *b = site_bulletin_at(s, i);
		if (!strcmp(b->plan, plan) && !strcmp(b->ym, ym))
			return b->pdf;
	}
	return NULL;
}

/* output/bulletin/<plan>/<ym>-ytd.pdf: the year-to-date edition. */
static char *
site_bulletin_ytd_rel(const char *plan, const char *ym)
{
	return xasprintf("output/bulletin/%s/%s-ytd.pdf", plan, ym);
}

/* The page path of a dep "output/bulletin/<plan>/<name>.pdf". */
static char *
pdf_page_path(const char *dep)
{
	return xasprintf("bulletins/%s", dep + strlen("output/bulletin/"));
}

/* ---- issued editions (lantian issue) --------------------------------- */

/* plans/<plan>/issued/<name>.record of a dep output/bulletin/<plan>/
 * <name>.pdf: the record that says the PDF is an issued edition. */
static char *
issued_record_rel(const char *pdf_dep)
{
	const char *plan = pdf_dep + strlen("output/bulletin/");
	const char *slash = strchr(plan, '/');
	if (!slash || !str_ends(slash, ".pdf"))
		return NULL;
	return xasprintf("plans/%.*s/issued/%.*s.record", (int)(slash - plan),
	    plan, (int)(strlen(slash + 1) - 4), slash + 1);
}

/* Mark element e for the PDF dep: issued="2024年第3期" date="…"
 * (correction="k" for a 更正) when its record exists and reads, else
 * draft="1" (a 征求意见稿 badge). 0 on an unreadable record (in dl). */
static int
issue_attrs(struct site *s, const char *pdf_dep, xmlNode *e,
    struct diag_list *dl)
{
	char *rel = issued_record_rel(pdf_dep);
	if (!rel || !sd_exists(s, rel)) {
		xmlSetProp(e, BAD_CAST "draft", BAD_CAST "1");
		free(rel);
		return 1;
	}
	char *path = xasprintf("%s/%s", site_root(s), rel);
	struct buf text = { 0 };
	struct issue_record r;
	int ok = userfile_read(path, USERFILE_TREE, ISSUE_RECORD_MAX_BYTES,
	    &text, dl) && issue_record_parse(rel, text.data ? text.data : "",
	    text.len, NULL, &r, dl);
	if (ok) {
		char *no = issue_number_text(&r), *date = issue_date_text(&r);
		xmlSetProp(e, BAD_CAST "issued", BAD_CAST no);
		xmlSetProp(e, BAD_CAST "date", BAD_CAST date);
		if (r.correction) {
			char k[16];
			snprintf(k, sizeof k, "%d", r.correction);
			xmlSetProp(e, BAD_CAST "correction", BAD_CAST k);
		}
		free(no);
		free(date);
		issue_record_free(&r);
	}
	buf_free(&text);
	free(path);
	free(rel);
	return ok;
}

/* The 更正 editions of <plan>/<ym>[-ytd] present in output/bulletin/:
 * <ym>[-ytd]-c1.pdf, -c2.pdf, ... as long as they run. */
static void
add_corrections(struct site *s, struct site_page *pg, const char *id,
    const char *ym, const char *ytd, struct strvec *arch, struct strvec *pdfs)
{
	for (int k = 1; k <= ISSUE_MAX_CORRECTION; k++) {
		char *pdf = xasprintf("output/bulletin/%s/%s%s-c%d.pdf", id, ym,
		    ytd, k);
		int there = sd_exists(s, pdf);
		if (there) {
			site_page_add_dep(pg, pdf);
			strvec_push_unique(arch, pdf);
			strvec_push_unique(pdfs, pdf);
		}
		free(pdf);
		if (!there)
			break;
	}
}

/* The records of the PDFs of a page, as its deps (their appearing
 * changes the page). */
static void
add_records(struct site *s, struct site_page *pg, const struct strvec *pdfs,
    size_t from)
{
	for (size_t i = from; i < pdfs->n; i++) {
		char *rel = issued_record_rel(pdfs->v[i]);
		if (rel && sd_exists(s, rel))
			site_page_add_dep(pg, rel);
		free(rel);
	}
}

/* ---- the HTML edition ---------------------------------------------- */

/* deps: [0] the merged document, then the PDFs and the commentary when
 * they exist (so their appearing changes the page). */
static int
render_bulletin(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	if (!pg->n_deps || !site_doc(s, pg->deps[0], dl))
		return 0;
	xmlNode *root;
	xmlDoc *in = sd_page_doc("bulletin", &root);
	xmlSetProp(root, BAD_CAST "merged", BAD_CAST pg->deps[0]);
	int ok = 1;
	for (size_t j = 1; j < pg->n_deps && ok; j++) {
		const char *d = pg->deps[j];
		if (str_ends(d, ".pdf")) {
			xmlNode *p = xmlNewChild(root, root->ns, BAD_CAST "pdf",
			    NULL);
			char *href = pdf_page_path(d);
			/* Relative to this page, which sits beside the copy. */
			xmlSetProp(p, BAD_CAST "href",
			    BAD_CAST (strrchr(href, '/') + 1));
			xmlSetProp(p, BAD_CAST "kind",
			    BAD_CAST (strstr(d, "-ytd") ? "ytd" : "month"));
			free(href);
			ok = issue_attrs(s, d, p, dl);
		} else if (str_ends(d, ".md")) {
			char *path = xasprintf("%s/%s", site_root(s), d);
			struct buf md = { 0 };
			if (!userfile_read(path, USERFILE_TREE, 0, &md, dl)) {
				ok = 0;
			} else {
				xmlNode *c = xmlNewChild(root, root->ns,
				    BAD_CAST "commentary", NULL);
				ok = sd_markdown(md.data ? md.data : "", md.len,
				    2, c, dl);
			}
			buf_free(&md);
			free(path);
		}
	}
	if (ok)
		ok = site_xslt_page(s, "bulletin.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

/* ---- the archive --------------------------------------------------- */

/* deps: every plan model (the place names), every merged document (one
 * entry each, with its task and overdue counts) and every PDF. */
static int
render_archive(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlNode *root;
	xmlDoc *in = sd_page_doc("bulletins", &root);
	for (size_t j = 0; j < pg->n_deps; j++) {
		const char *d = pg->deps[j];
		if (!str_starts(d, "output/merged/"))
			continue;
		/* output/merged/<plan>/<ym>.xml */
		const char *plan = d + strlen("output/merged/");
		const char *slash = strchr(plan, '/');
		if (!slash)
			continue;
		char *id = xstrndup(plan, (size_t)(slash - plan));
		char *ym = xstrndup(slash + 1, 7);
		xmlNode *b = xmlNewChild(root, root->ns, BAD_CAST "entry", NULL);
		xmlSetProp(b, BAD_CAST "plan", BAD_CAST id);
		xmlSetProp(b, BAD_CAST "ym", BAD_CAST ym);
		xmlSetProp(b, BAD_CAST "merged", BAD_CAST d);
		char *plan_xml = xasprintf("output/xml/%s.xml", id);
		xmlSetProp(b, BAD_CAST "plan-xml", BAD_CAST plan_xml);
		free(plan_xml);
		const char *pdf = bulletin_pdf(s, id, ym);
		if (pdf) {
			xmlSetProp(b, BAD_CAST "pdf", BAD_CAST (pdf +
			    strlen("output/bulletin/")));
			xmlNode *st = xmlNewChild(b, root->ns, BAD_CAST "status",
			    NULL);
			if (!issue_attrs(s, pdf, st, dl)) {
				free(id);
				free(ym);
				xmlFreeDoc(in);
				return 0;
			}
		}
		char *ytd = site_bulletin_ytd_rel(id, ym);
		if (sd_exists(s, ytd))
			xmlSetProp(b, BAD_CAST "ytd", BAD_CAST (ytd +
			    strlen("output/bulletin/")));
		free(ytd);
		free(id);
		free(ym);
	}
	int ok = site_xslt_page(s, "bulletins.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

/* ---- the page list ------------------------------------------------- */

static void
add_pdf_copy(struct site_pages *ps, const char *dep)
{
	char *path = pdf_page_path(dep);
	if (site_path_ok(path)) {
		struct site_page *pg = site_pages_add(ps, path, NULL, NULL,
		    NULL);
		pg->copy = 1;
		site_page_add_dep(pg, dep);
	}
	free(path);
}

/* The HTML edition of plan id and month ym; its inputs go to arch too. */
static void
add_edition(struct site *s, struct site_pages *ps, const char *id,
    const char *ym, struct strvec *arch, struct strvec *pdfs)
{
	char *path = xasprintf("bulletins/%s/%s.html", id, ym);
	if (!site_path_ok(path)) {
		free(path);
		return;
	}
	char *merged = xasprintf("output/merged/%s/%s.xml", id, ym);
	struct site_page *pg = site_pages_add(ps, path, id, render_bulletin,
	    NULL);
	site_page_add_dep(pg, merged);
	strvec_push_unique(arch, merged);
	size_t from = pdfs->n;
	const char *pdf = bulletin_pdf(s, id, ym);
	if (pdf) {
		site_page_add_dep(pg, pdf);
		strvec_push_unique(arch, pdf);
		strvec_push_unique(pdfs, pdf);
	}
	add_corrections(s, pg, id, ym, "", arch, pdfs);
	char *ytd = site_bulletin_ytd_rel(id, ym);
	if (sd_exists(s, ytd)) {
		site_page_add_dep(pg, ytd);
		strvec_push_unique(arch, ytd);
		strvec_push_unique(pdfs, ytd);
		add_corrections(s, pg, id, ym, "-ytd", arch, pdfs);
	}
	/* The records behind this page's PDFs (issued or draft). */
	add_records(s, pg, pdfs, from);
	struct strvec recs = { 0 };
	for (size_t i = from; i < pdfs->n; i++) {
		char *rel = issued_record_rel(pdfs->v[i]);
		if (rel && sd_exists(s, rel))
			strvec_push_unique(&recs, rel);
		free(rel);
	}
	for (size_t i = 0; i < recs.n; i++)
		strvec_push_unique(arch, recs.v[i]);
	strvec_free(&recs);
	char *md = xasprintf("plans/%s/commentary/%s.md", id, ym);
	if (sd_exists(s, md))
		site_page_add_dep(pg, md);
	free(md);
	free(ytd);
	free(merged);
	free(path);
}

void
site_bulletin_pages(struct site *s, struct site_pages *ps)
{
	struct strvec arch = { 0 }, pdfs = { 0 };
	for (size_t i = 0; i < site_plan_count(s); i++) {
		const char *id = site_plan_id(s, i);
		if (site_plan_month_count(s, i))
			strvec_push(&arch, site_plan_xml(s, i));
		for (size_t j = 0; j < site_plan_month_count(s, i); j++)
			add_edition(s, ps, id, site_plan_month(s, i, j), &arch,
			    &pdfs);
	}
	/* PDFs of months without a merged document are published too. */
	for (size_t i = 0; i < site_bulletin_count(s); i++)
		strvec_push_unique(&pdfs, site_bulletin_at(s, i)->pdf);
	for (size_t i = 0; i < pdfs.n; i++)
		add_pdf_copy(ps, pdfs.v[i]);
	if (arch.n) {
		struct site_page *pg = site_pages_add(ps, "bulletins/index.html",
		    NULL, render_archive, NULL);
		for (size_t i = 0; i < arch.n; i++)
			site_page_add_dep(pg, arch.v[i]);
	}
	strvec_free(&arch);
	strvec_free(&pdfs);
}
