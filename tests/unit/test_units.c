/*
 * test_units.c -- the unit registry: canonical names (each rule of units.c
 * on the shipped plans' units), ids (SHA-256 computed independently with
 * sha256sum), and the registry XML/JSON (sorted, order-independent, valid
 * against the embedded units.rng).
 */
#include "lt_test.h"

#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "plan.h"
#include "plan_meta.h"
#include "plan_parse.h"
#include "units.h"
#include "util.h"

extern const unsigned char embed_units[];
extern const unsigned long embed_units_len;

static struct plan *
mk_plan(const char *id, const char *place, const char *level, const char *parent)
{
	struct plan *p = xcalloc(1, sizeof *p);
	p->id = id ? xstrdup(id) : NULL;
	p->place = place ? xstrdup(place) : NULL;
	p->level = level ? xstrdup(level) : NULL;
	p->parent = parent ? xstrdup(parent) : NULL;
	return p;
}

static void
canon_is(const struct plan *p, const char *printed, const char *want)
{
	char *got = unit_canonical(p, printed);
	ck_assert_msg(!strcmp(got, want), "%s in %s plan of %s: got %s, want %s",
	    printed, p->level ? p->level : "?", p->place ? p->place : "?", got, want);
	free(got);
}

START_TEST(test_county_plan)
{
	struct plan *p = mk_plan("nanzhao-2024", "南召县", "县", "南阳市");
	canon_is(p, "县生态环境局", "南召县生态环境局");
	canon_is(p, "县城管局", "南召县城管局");            /* 县 + 城管局 */
	canon_is(p, "县市场监管局", "南召县市场监管局");
	canon_is(p, "南召县生态环境局", "南召县生态环境局"); /* already full */
	canon_is(p, "市生态环境局", "南阳市生态环境局");     /* the parent city */
	canon_is(p, "市市场监管局", "南阳市市场监管局");
	canon_is(p, "各乡镇人民政府", "南召县各乡镇人民政府");
	canon_is(p, "各街道办事处", "南召县各街道办事处");
	canon_is(p, "南召供电公司", "南召供电公司");
	canon_is(p, "国网西平县供电公司", "国网西平县供电公司");
	canon_is(p, "武汉铁路局驻马店车务段西平火车站", "武汉铁路局驻马店车务段西平火车站");
	canon_is(p, "中国铁路郑州局集团有限公司", "中国铁路郑州局集团有限公司");
	canon_is(p, "南阳市生态环境局", "南阳市生态环境局");
	/* no prefix in a county plan: not a town office, left alone */
	canon_is(p, "市场监管局", "市场监管局");
	canon_is(p, "县", "县");
	canon_is(p, "", "");
	plan_free(p);

	/* a county plan without a parent cannot resolve 市 */
	p = mk_plan("xiping-2025", "西平县", "县", NULL);
	canon_is(p, "市生态环境局", "市生态环境局");
	canon_is(p, "县生态环境分局", "西平县生态环境分局");
	plan_free(p);
}
END_TEST

START_TEST(test_city_plan)
{
	struct plan *p = mk_plan("nanyang-2024-2025", "南阳市", "市", NULL);
	canon_is(p, "市市场监管局", "南阳市市场监管局");    /* 市 + 市场监管局 */
	canon_is(p, "市场监管局", "市场监管局");            /* 市场 is a word */
	canon_is(p, "市工业和信息化局", "南阳市工业和信息化局");
	canon_is(p, "市政府办公室", "南阳市政府办公室");
	canon_is(p, "市政工程管理处", "市政工程管理处");
	canon_is(p, "各县〔市、区〕政府〔管委会〕", "南阳市各县〔市、区〕政府〔管委会〕");
	canon_is(p, "县生态环境局", "县生态环境局");
	plan_free(p);
}
END_TEST

START_TEST(test_town_plan)
{
	struct plan *p = mk_plan("xiaye-2023", "下冶镇", "镇", "济源市");
	canon_is(p, "经济发展办公室", "下冶镇经济发展办公室");
	canon_is(p, "财政所", "下冶镇财政所");
	canon_is(p, "市场监管所", "下冶镇市场监管所");      /* 市场 is no prefix */
	canon_is(p, "镇财政所", "下冶镇财政所");            /* same unit */
	canon_is(p, "市生态环境局", "济源市生态环境局");
	canon_is(p, "各村", "下冶镇各村");
	canon_is(p, "垣曲县公安局", "垣曲县公安局");        /* another place */
	canon_is(p, "国网济源供电公司", "国网济源供电公司");
	canon_is(p, "县公安局", "县公安局");                /* unknown county */
	plan_free(p);

	p = mk_plan("x", NULL, NULL, NULL);
	canon_is(p, "县生态环境局", "县生态环境局");
	plan_free(p);
}
END_TEST

/* printf '%s' NAME | sha256sum | cut -c1-12 */
START_TEST(test_ids)
{
	char *id = unit_id("南召县生态环境局");
	ck_assert_str_eq(id, "ude3d3bf39832");
	free(id);
	id = unit_id("南阳市市场监管局");
	ck_assert_str_eq(id, "ub8a2391af89a");
	free(id);
	id = unit_id("");
	ck_assert_str_eq(id, "ue3b0c44298fc");
	free(id);

	/* the same unit printed two ways has one id */
	struct plan *p = mk_plan("nanzhao-2024", "南召县", "县", "南阳市");
	char *a = unit_canonical(p, "县生态环境局");
	char *b = unit_canonical(p, "南召县生态环境局");
	char *ia = unit_id(a), *ib = unit_id(b);
	ck_assert_str_eq(ia, ib);
	free(a);
	free(b);
	free(ia);
	free(ib);
	plan_free(p);
}
END_TEST

static void
add_task(struct plan *p, const char *number, const char *title,
    const char *lead, const char *coop, const char *resp, const char *part)
{
	p->tasks = xrealloc(p->tasks, (p->n_tasks + 1) * sizeof *p->tasks);
	struct task *t = &p->tasks[p->n_tasks++];
	memset(t, 0, sizeof *t);
	t->number = xstrdup(number);
	t->ordinal = (int)p->n_tasks;
	t->title = xstrdup(title);
	t->subsection = -1;
	if (lead)
		strvec_push(&t->lead, lead);
	if (coop)
		strvec_push(&t->cooperating, coop);
	if (resp)
		strvec_push(&t->responsible, resp);
	if (part)
		strvec_push(&t->participating, part);
}

static struct plan *
county(void)
{
	struct plan *p = mk_plan("nanzhao-2024", "南召县", "县", "南阳市");
	add_task(p, "1", "依法依规淘汰落后产能", "县工业和信息化局", "县生态环境局",
	    "各乡镇人民政府", NULL);
	add_task(p, "11", "开展低效失效设施排查整治", "南召县生态环境局", NULL, NULL, NULL);
	add_task(p, "29", "强化污染源监控能力", "县生态环境局", "南召供电公司", NULL, "市生态环境局");
	strvec_push(&p->responsible_inherited, "各乡镇人民政府");
	return p;
}

static struct plan *
city(void)
{
	struct plan *p = mk_plan("nanyang-2024-2025", "南阳市", "市", NULL);
	add_task(p, "1", "加快淘汰落后低效产能", "市工业和信息化局", "市生态环境局",
	    NULL, NULL);
	add_task(p, "24", "严格烟花爆竹污染管控", "市应急管理局", "市市场监管局", NULL, NULL);
	return p;
}

static char *
registry_json(int city_first)
{
	struct plan *a = county(), *b = city();
	struct unit_registry *r = units_new();
	units_add_plan(r, city_first ? b : a);
	units_add_plan(r, city_first ? a : b);
	units_add_plan(r, a);   /* adding a plan again changes nothing */
	struct buf out = {0};
	units_write_json(r, &out);
	units_free(r);
	plan_free(a);
	plan_free(b);
	return buf_detach(&out);
}

static char *
registry_xml(int city_first)
{
	struct plan *a = county(), *b = city();
	struct unit_registry *r = units_new();
	units_add_plan(r, city_first ? b : a);
	units_add_plan(r, city_first ? a : b);
	struct buf out = {0};
	units_write_xml(r, &out);
	units_free(r);
	plan_free(a);
	plan_free(b);
	return buf_detach(&out);
}

static json_t *
unit_named(json_t *units, const char *name)
{
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u)
		if (!strcmp(json_string_value(json_object_get(u, "name")), name))
			return u;
	return NULL;
}

START_TEST(test_registry_json)
{
	char *s = registry_json(0);
	json_error_t err;
	json_t *root = json_loads(s, 0, &err);
	ck_assert_msg(root != NULL, "%s", err.text);
	json_t *units = json_object_get(root, "units");
	/* 南召县工业和信息化局, 南召县生态环境局, 南召县各乡镇人民政府, 南召供电公司,
	 * 南阳市生态环境局 (both plans), 南阳市工业和信息化局, 南阳市应急管理局,
	 * 南阳市市场监管局 */
	ck_assert_uint_eq(json_array_size(units), 8);
	ck_assert_int_eq(json_integer_value(json_object_get(root, "count")), 8);
	/* sorted by id */
	for (size_t i = 1; i < json_array_size(units); i++)
		ck_assert(strcmp(json_string_value(json_object_get(json_array_get(units, i - 1), "id")),
		    json_string_value(json_object_get(json_array_get(units, i), "id"))) < 0);

	json_t *u = unit_named(units, "南召县生态环境局");
	ck_assert_ptr_nonnull(u);
	ck_assert_str_eq(json_string_value(json_object_get(u, "id")), "ude3d3bf39832");
	json_t *printed = json_object_get(u, "printed");
	ck_assert_uint_eq(json_array_size(printed), 2);
	/* byte order: 南 is U+5357, 县 U+53BF */
	ck_assert_str_eq(json_string_value(json_array_get(printed, 0)), "南召县生态环境局");
	ck_assert_str_eq(json_string_value(json_array_get(printed, 1)), "县生态环境局");
	json_t *counts = json_object_get(u, "counts");
	ck_assert_int_eq(json_integer_value(json_object_get(counts, "lead")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(counts, "cooperating")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(counts, "responsible")), 0);
	json_t *refs = json_object_get(u, "refs");
	ck_assert_uint_eq(json_array_size(refs), 3);
	json_t *r0 = json_array_get(refs, 0);
	ck_assert_str_eq(json_string_value(json_object_get(r0, "plan")), "nanzhao-2024");
	ck_assert_str_eq(json_string_value(json_object_get(r0, "task")), "1");
	ck_assert_int_eq(json_integer_value(json_object_get(r0, "ordinal")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(r0, "title")), "依法依规淘汰落后产能");
	ck_assert_str_eq(json_string_value(json_object_get(r0, "role")), "cooperating");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(refs, 2), "task")), "29");

	/* named by two plans under two spellings */
	u = unit_named(units, "南阳市生态环境局");
	ck_assert_ptr_nonnull(u);
	refs = json_object_get(u, "refs");
	ck_assert_uint_eq(json_array_size(refs), 2);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(refs, 0), "plan")),
	    "nanyang-2024-2025");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(refs, 1), "role")),
	    "participating");

	/* inherited responsibility: a plan-level ref without a task */
	u = unit_named(units, "南召县各乡镇人民政府");
	ck_assert_ptr_nonnull(u);
	counts = json_object_get(u, "counts");
	ck_assert_int_eq(json_integer_value(json_object_get(counts, "responsible")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(counts, "inherited")), 1);
	refs = json_object_get(u, "refs");
	ck_assert_uint_eq(json_array_size(refs), 2);
	json_t *first = json_array_get(refs, 0);   /* plan level sorts first */
	ck_assert_str_eq(json_string_value(json_object_get(first, "role")), "inherited");
	ck_assert(json_is_null(json_object_get(first, "task")));
	ck_assert(json_is_null(json_object_get(first, "ordinal")));
	ck_assert(json_is_null(json_object_get(first, "title")));

	ck_assert_ptr_nonnull(unit_named(units, "南召供电公司"));
	json_decref(root);
	free(s);
}
END_TEST

START_TEST(test_order_independent)
{
	char *a = registry_json(0), *b = registry_json(1);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	a = registry_xml(0);
	b = registry_xml(1);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

static int
valid_units_xml(const char *xml)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt((const char *)embed_units,
	    (int)embed_units_len);
	xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	ck_assert_ptr_nonnull(schema);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "units.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
	int ok = xmlRelaxNGValidateDoc(vc, doc) == 0;
	xmlRelaxNGFreeValidCtxt(vc);
	xmlFreeDoc(doc);
	xmlRelaxNGFree(schema);
	return ok;
}

START_TEST(test_registry_xml)
{
	char *xml = registry_xml(0);
	ck_assert(str_starts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<units xmlns=\"urn:lantian:units:1\" count=\"8\">\n <unit id=\"u"));
	ck_assert_ptr_nonnull(strstr(xml,
	    "  <name>南召县生态环境局</name>\n"
	    "  <printed>南召县生态环境局</printed>\n"
	    "  <printed>县生态环境局</printed>\n"
	    "  <counts lead=\"2\" cooperating=\"1\" responsible=\"0\" participating=\"0\" inherited=\"0\"/>\n"
	    "  <ref plan=\"nanzhao-2024\" task=\"1\" ordinal=\"1\" role=\"cooperating\">依法依规淘汰落后产能</ref>\n"));
	ck_assert_ptr_nonnull(strstr(xml, "<ref plan=\"nanzhao-2024\" role=\"inherited\"/>"));
	ck_assert(valid_units_xml(xml));
	free(xml);

	/* an empty registry */
	struct unit_registry *r = units_new();
	struct buf out = {0};
	units_write_xml(r, &out);
	ck_assert_str_eq(out.data, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<units xmlns=\"urn:lantian:units:1\" count=\"0\"/>\n");
	ck_assert(valid_units_xml(out.data));
	buf_truncate(&out, 0);
	units_write_json(r, &out);
	ck_assert_str_eq(out.data, "{\n \"count\": 0,\n \"units\": []\n}\n");
	buf_free(&out);
	units_free(r);
}
END_TEST

START_TEST(test_hostile_names)
{
	struct plan *p = mk_plan("evil", "南召县", "县", NULL);
	add_task(p, "1", "<script>\x01</script>", "县<b>局</b>\x02", "\xff\xfe",
	    "\"&'", "");
	struct unit_registry *r = units_new();
	units_add_plan(r, p);
	struct buf out = {0};
	units_write_xml(r, &out);
	ck_assert_ptr_null(strstr(out.data, "<script>"));
	ck_assert_ptr_null(strstr(out.data, "<b>"));
	ck_assert_ptr_null(strstr(out.data, "\x01"));
	ck_assert(valid_units_xml(out.data));
	ck_assert_ptr_nonnull(strstr(out.data, "<name>南召县&lt;b&gt;局&lt;/b&gt;</name>"));
	buf_truncate(&out, 0);
	units_write_json(r, &out);
	json_error_t err;
	json_t *root = json_loads(out.data, 0, &err);
	ck_assert_msg(root != NULL, "%s", err.text);
	/* three units: the empty name is skipped */
	ck_assert_uint_eq(json_array_size(json_object_get(root, "units")), 3);
	ck_assert_ptr_nonnull(unit_named(json_object_get(root, "units"), "南召县<b>局</b>\x02"));
	ck_assert_ptr_nonnull(unit_named(json_object_get(root, "units"), "\xef\xbf\xbd\xef\xbf\xbd"));
	json_decref(root);
	buf_free(&out);
	units_free(r);
	plan_free(p);
}
END_TEST

/* The shipped plans, parsed with their plan.conf: every administrative
 * prefix is resolved to a place, and the units the truth files discuss
 * get the names the rules promise. */
START_TEST(test_real_plans)
{
	static const char *const ids[] = {
		"boai-2023", "nanyang-2024-2025", "nanzhao-2024", "xiaye-2023", "xiping-2025",
	};
	struct unit_registry *r = units_new();
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		char *conf = xasprintf("%s/plans/%s/plan.conf", lt_srcdir(), ids[i]);
		char *txt = xasprintf("%s/plans/%s/plan.txt", lt_srcdir(), ids[i]);
		struct plan_meta m = {0};
		struct diag_list dl = {0};
		ck_assert_int_eq(plan_meta_load(conf, ids[i], &m, &dl), 1);
		struct plan *p = plan_parse_file(txt, &m, &dl);
		ck_assert_ptr_nonnull(p);
		units_add_plan(r, p);
		plan_free(p);
		plan_meta_free(&m);
		diag_free(&dl);
		free(conf);
		free(txt);
	}
	struct buf out = {0};
	units_write_json(r, &out);
	units_free(r);
	json_t *root = json_loads(out.data, 0, NULL);
	ck_assert_ptr_nonnull(root);
	json_t *units = json_object_get(root, "units");
	size_t i;
	json_t *u;
	json_array_foreach(units, i, u) {
		const char *name = json_string_value(json_object_get(u, "name"));
		ck_assert_msg(!str_starts(name, "县") && !str_starts(name, "市") &&
		    !str_starts(name, "镇") && !str_starts(name, "各"), "unresolved: %s", name);
	}
	static const char *const expect[] = {
		"南召县生态环境局", "南阳市市场监管局", "博爱县市场监管局", "博爱县城管局",
		"南阳市各县〔市、区〕政府〔管委会〕", "博爱县各街道办事处", "下冶镇经济发展办公室",
		"下冶镇市场监管所", "西平县各乡镇", "南召供电公司", "国网西平县供电公司",
		"武汉铁路局驻马店车务段西平火车站",
	};
	for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++)
		ck_assert_msg(unit_named(units, expect[k]) != NULL, "missing %s", expect[k]);
	json_decref(root);
	buf_free(&out);
}
END_TEST

static Suite *
units_suite(void)
{
	Suite *s = suite_create("units");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_county_plan);
	tcase_add_test(tc, test_city_plan);
	tcase_add_test(tc, test_town_plan);
	tcase_add_test(tc, test_ids);
	tcase_add_test(tc, test_registry_json);
	tcase_add_test(tc, test_order_independent);
	tcase_add_test(tc, test_registry_xml);
	tcase_add_test(tc, test_hostile_names);
	tcase_add_test(tc, test_real_plans);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(units_suite)
