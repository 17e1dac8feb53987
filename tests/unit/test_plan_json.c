/*
 * test_plan_json.c -- the JSON export: exact output for a small plan,
 * decimal formatting of target values, escaping, the field names of the
 * hand-checked truth files, determinism.
 */
#include "lt_test.h"

#include <string.h>

#include <jansson.h>

#include "fixtures_plan.h"
#include "plan.h"
#include "plan_json.h"
#include "plan_meta.h"
#include "plan_parse.h"
#include "util.h"

/* A town plan shaped like xiaye-2023, with one task. */
static struct plan *
small_plan(void)
{
	struct plan *p = xcalloc(1, sizeof *p);
	p->source = xstrdup("plans/xiaye-2023/plan.txt");
	p->id = xstrdup("xiaye-2023");
	p->format = PLAN_FORMAT_TEXT;
	p->encoding = xstrdup("UTF-8");
	p->title = xstrdup("下冶镇2023年蓝天保卫战实施方案");
	p->place = xstrdup("下冶镇");
	p->level = xstrdup("镇");
	p->plan_year = 2023;
	p->issue_date = xstrdup("2023-06-25");
	p->n_sections = 2;
	p->sections = xcalloc(2, sizeof *p->sections);
	p->sections[0] = (struct section){ .numeral = xstrdup("一"), .title = xstrdup("总体要求"),
		.kind = SECTION_GENERAL, .line = 10 };
	p->sections[1] = (struct section){ .numeral = xstrdup("二"), .title = xstrdup("工作任务"),
		.kind = SECTION_TASKS, .line = 20 };
	p->sections[1].n_subs = 1;
	p->sections[1].subs = xcalloc(1, sizeof *p->sections[1].subs);
	p->sections[1].subs[0] = (struct subsection){ xstrdup("（五）"),
		xstrdup("推进工业企业综合治理"), 21 };
	p->n_tasks = 1;
	p->tasks = xcalloc(1, sizeof *p->tasks);
	struct task *t = &p->tasks[0];
	t->number = xstrdup("10");
	t->ordinal = 10;
	t->section = 1;
	t->subsection = 0;
	t->title = xstrdup("实施工业污染排放深度治理");
	t->text = xstrdup("10.实施工业污染排放深度治理。\n（经济发展办公室牵头）");
	strvec_push(&t->lead, "经济发展办公室");
	t->lead_mode = xstrdup("牵头");
	t->n_assignments = 1;
	t->assignments = xcalloc(1, sizeof *t->assignments);
	t->assignments[0].raw = xstrdup("（经济发展办公室牵头）");
	strvec_push(&t->assignments[0].lead, "经济发展办公室");
	t->assignments[0].lead_mode = xstrdup("牵头");
	t->assignments[0].line = 23;
	t->n_deadlines = 2;
	t->deadlines = xcalloc(2, sizeof *t->deadlines);
	t->deadlines[0] = (struct deadline){ .raw = xstrdup("2023年6月底前"), .date = "2023-06-30", .line = 22 };
	t->deadlines[1] = (struct deadline){ .raw = xstrdup("年月底前"), .date = "", .line = 22 };
	t->n_targets = 1;
	t->targets = xcalloc(1, sizeof *t->targets);
	t->targets[0] = fx_target("重度及以上污染天数比率", "<=", "0.3", NULL, "%", 0,
	    "重度及以上污染天数比率控制在0.3%以内", 0);
	t->line_start = 22;
	t->line_end = 23;
	return p;
}

static char *
json_of(const struct plan *p)
{
	struct buf b = {0};
	plan_write_json(p, &b);
	return buf_detach(&b);
}

/* Read by eye against the truth files' layout (json.dump indent=1). */
static const char expected_small[] =
"{\n"
" \"file\": \"plan.txt\",\n"
" \"id\": \"xiaye-2023\",\n"
" \"title\": \"下冶镇2023年蓝天保卫战实施方案\",\n"
" \"place\": \"下冶镇\",\n"
" \"level\": \"town\",\n"
" \"plan_year\": 2023,\n"
" \"plan_period\": null,\n"
" \"doc_number\": null,\n"
" \"issue_date\": \"2023-06-25\",\n"
" \"issuer\": null,\n"
" \"draft\": null,\n"
" \"format\": \"text\",\n"
" \"encoding\": \"UTF-8\",\n"
" \"top_level_sections\": {\n"
"  \"count\": 2,\n"
"  \"titles\": [\n"
"   \"总体要求\",\n"
"   \"工作任务\"\n"
"  ]\n"
" },\n"
" \"subsections_in_tasks\": {\n"
"  \"count\": 1,\n"
"  \"titles\": [\n"
"   \"推进工业企业综合治理\"\n"
"  ]\n"
" },\n"
" \"task_count\": 1,\n"
" \"responsible_inherited\": null,\n"
" \"responsible_inherited_raw\": null,\n"
" \"plan_targets\": [],\n"
" \"deadlines_outside_tasks\": [],\n"
" \"attachments\": [],\n"
" \"tasks\": [\n"
"  {\n"
"   \"number\": \"10\",\n"
"   \"ordinal\": 10,\n"
"   \"path\": [\n"
"    \"二\",\n"
"    \"（五）\"\n"
"   ],\n"
"   \"title\": \"实施工业污染排放深度治理\",\n"
"   \"lead\": [\n"
"    \"经济发展办公室\"\n"
"   ],\n"
"   \"lead_mode\": \"牵头\",\n"
"   \"cooperating\": [],\n"
"   \"responsible\": [],\n"
"   \"participating\": [],\n"
"   \"deadlines\": [\n"
"    {\n"
"     \"raw\": \"2023年6月底前\",\n"
"     \"date\": \"2023-06-30\"\n"
"    },\n"
"    {\n"
"     \"raw\": \"年月底前\",\n"
"     \"date\": null\n"
"    }\n"
"   ],\n"
"   \"periods\": [],\n"
"   \"starts\": [],\n"
"   \"targets\": [\n"
"    {\n"
"     \"metric\": \"重度及以上污染天数比率\",\n"
"     \"op\": \"<=\",\n"
"     \"value\": 0.3,\n"
"     \"unit\": \"%\",\n"
"     \"year\": null,\n"
"     \"raw\": \"重度及以上污染天数比率控制在0.3%以内\"\n"
"    }\n"
"   ],\n"
"   \"raw_parenthetical\": \"（经济发展办公室牵头）\",\n"
"   \"assignments\": [\n"
"    {\n"
"     \"raw\": \"（经济发展办公室牵头）\",\n"
"     \"lead\": [\n"
"      \"经济发展办公室\"\n"
"     ],\n"
"     \"cooperating\": [],\n"
"     \"responsible\": [],\n"
"     \"participating\": [],\n"
"     \"lead_mode\": \"牵头\",\n"
"     \"line\": 23\n"
"    }\n"
"   ],\n"
"   \"lines\": {\n"
"    \"start\": 22,\n"
"    \"end\": 23\n"
"   },\n"
"   \"text\": \"10.实施工业污染排放深度治理。\\n（经济发展办公室牵头）\"\n"
"  }\n"
" ]\n"
"}\n";

START_TEST(test_exact_output)
{
	struct plan *p = small_plan();
	char *s = json_of(p);
	ck_assert_str_eq(s, expected_small);
	free(s);
	plan_free(p);
}
END_TEST

/* The "value" of the only task target when the model holds v (and v2). */
static char *
value_json(const char *op, const char *v, const char *v2)
{
	struct plan *p = small_plan();
	struct target *t = &p->tasks[0].targets[0];
	free(t->op);
	free(t->value);
	t->op = xstrdup(op);
	t->value = xstrdup(v);
	t->value2 = v2 ? xstrdup(v2) : NULL;
	char *s = json_of(p);
	plan_free(p);
	char *at = strstr(s, "\"value\": ");
	ck_assert_ptr_nonnull(at);
	at += strlen("\"value\": ");
	char *end = strstr(at, ",\n     \"unit\"");
	ck_assert_ptr_nonnull(end);
	char *r = xstrndup(at, (size_t)(end - at));
	free(s);
	return r;
}

START_TEST(test_decimals)
{
	static const char *const cases[][2] = {
		{ "0.3", "0.3" }, { "82.5", "82.5" }, { "95", "95" }, { "0.1", "0.1" },
		{ "35", "35" }, { "0.30", "0.3" }, { "95.0", "95" }, { "-1.5", "-1.5" },
		{ "99.99", "99.99" }, { "1234567.891", "1234567.891" }, { "0.007", "0.007" },
		{ "3000", "3000" }, { "2.675", "2.675" }, { "1.1", "1.1" }, { "+5", "5" },
		{ "123456789012.345", "123456789012.345" }, { "9007199254740993", "9007199254740993" },
		{ "abc", "null" }, { "", "null" }, { "1e3", "null" }, { "1,000", "null" },
		{ "９５", "null" }, { ".", "null" }, { "-", "null" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = value_json("<=", cases[i][0], NULL);
		ck_assert_msg(!strcmp(got, cases[i][1]), "value \"%s\": got %s, want %s",
		    cases[i][0], got, cases[i][1]);
		free(got);
	}
	char *got = value_json("between", "5", "10.5");
	ck_assert_str_eq(got, "[\n      5,\n      10.5\n     ]");
	free(got);
}
END_TEST

/*
 * 5000 pseudo-random decimals of 1..15 significant digits, 0..8 of them
 * after the point, in their shortest form: each comes out digit for digit
 * (the claim at the top of plan_json.c), including the many whose nearest
 * double is not the decimal itself.
 */
START_TEST(test_decimal_sweep)
{
	enum { N = 5000 };
	struct plan *p = small_plan();
	struct task *t = &p->tasks[0];
	free(t->targets[0].metric);
	free(t->targets[0].op);
	free(t->targets[0].value);
	free(t->targets[0].unit);
	free(t->targets[0].raw);
	free(t->targets);
	t->targets = xcalloc(N, sizeof *t->targets);
	t->n_targets = N;
	char **want = xcalloc(N, sizeof *want);
	unsigned long long x = 88172645463325252ULL;
	for (size_t i = 0; i < N; i++) {
		char digits[16];
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		int n = 1 + (int)(x % 15), frac = (int)((x >> 8) % 9);
		if (frac > n)
			frac = n;
		for (int k = 0; k < n; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			digits[k] = (char)('0' + x % 10);
		}
		if (n - frac > 0 && digits[0] == '0')
			digits[0] = '7';              /* no leading zero */
		if (frac > 0 && digits[n - 1] == '0')
			digits[n - 1] = '3';          /* no trailing zero */
		digits[n] = '\0';
		if (frac == 0)
			want[i] = xstrdup(digits);
		else if (frac == n)
			want[i] = xasprintf("0.%s", digits);
		else
			want[i] = xasprintf("%.*s.%s", n - frac, digits, digits + n - frac);
		t->targets[i] = fx_target("m", ">=", want[i], NULL, "", 0, "r", 0);
	}
	char *s = json_of(p);
	const char *q = s;
	for (size_t i = 0; i < N; i++) {
		q = strstr(q, "\"value\": ");
		ck_assert_ptr_nonnull(q);
		q += strlen("\"value\": ");
		size_t len = strcspn(q, ",\n");
		ck_assert_msg(len == strlen(want[i]) && !strncmp(q, want[i], len),
		    "value %s written as %.*s", want[i], (int)len, q);
		free(want[i]);
	}
	free(want);
	free(s);
	plan_free(p);
}
END_TEST

START_TEST(test_escaping)
{
	struct plan *p = small_plan();
	struct task *t = &p->tasks[0];
	free(t->title);
	t->title = xstrdup("\"quoted\" \\ back</script>\x01\t\x7f\xe2\x80\xa8");
	free(p->place);
	p->place = xstrdup("bad\xff" "utf8");
	char *s = json_of(p);
	ck_assert_ptr_nonnull(strstr(s, "\"title\": \"\\\"quoted\\\" \\\\ back</script>\\u0001\\t\x7f\xe2\x80\xa8\""));
	json_error_t err;
	json_t *root = json_loads(s, 0, &err);
	ck_assert_msg(root != NULL, "%s", err.text);
	json_t *task = json_array_get(json_object_get(root, "tasks"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(task, "title")), t->title);
	ck_assert_str_eq(json_string_value(json_object_get(root, "place")), "bad\xef\xbf\xbdutf8");
	json_decref(root);
	free(s);
	plan_free(p);
}
END_TEST

START_TEST(test_paths_and_nulls)
{
	struct plan *p = small_plan();
	p->tasks[0].subsection = -1;
	p->tasks[0].n_assignments = 0;   /* keep the array for plan_free */
	free(p->tasks[0].lead_mode);
	p->tasks[0].lead_mode = NULL;
	strvec_push(&p->responsible_inherited, "各县〔市、区〕政府〔管委会〕");
	p->responsible_inherited_raw = xstrdup("以下各项任务均需各县〔市、区〕政府〔管委会〕负责落实，不再逐一列出");
	char *s = json_of(p);
	json_error_t err;
	json_t *root = json_loads(s, 0, &err);
	ck_assert_msg(root != NULL, "%s", err.text);
	json_t *task = json_array_get(json_object_get(root, "tasks"), 0);
	json_t *path = json_object_get(task, "path");
	ck_assert_uint_eq(json_array_size(path), 1);
	ck_assert_str_eq(json_string_value(json_array_get(path, 0)), "二");
	ck_assert(json_is_null(json_object_get(task, "raw_parenthetical")));
	ck_assert(json_is_null(json_object_get(task, "lead_mode")));
	ck_assert_uint_eq(json_array_size(json_object_get(task, "assignments")), 0);
	json_t *ri = json_object_get(root, "responsible_inherited");
	ck_assert_uint_eq(json_array_size(ri), 1);
	ck_assert_str_eq(json_string_value(json_array_get(ri, 0)), "各县〔市、区〕政府〔管委会〕");
	json_decref(root);
	free(s);
	p->tasks[0].n_assignments = 1;
	plan_free(p);
}
END_TEST

/* Every field the truth files state (other than their annotations) is a
 * field of our export, at the top level and in each task. */
START_TEST(test_truth_field_names)
{
	static const char *const annotations[] = {
		"not_tasks", "note_on_count", "plan_year_source", "task_count_by_section",
		"task_numbering", "notes", "top_level_sections_visible",
	};
	static const char *const files[] = {
		"boai-2023", "nanyang-2024-2025", "nanzhao-2024", "xiaye-2023", "xiping-2025",
	};
	struct plan *p = small_plan();
	char *s = json_of(p);
	json_t *ours = json_loads(s, 0, NULL);
	ck_assert_ptr_nonnull(ours);
	json_t *our_task = json_array_get(json_object_get(ours, "tasks"), 0);
	json_t *our_target = json_array_get(json_object_get(our_task, "targets"), 0);
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		char *path = xasprintf("%s/tests/truth/%s.truth.json", lt_srcdir(), files[f]);
		json_error_t err;
		json_t *truth = json_load_file(path, 0, &err);
		ck_assert_msg(truth != NULL, "%s: %s", path, err.text);
		const char *key;
		json_t *v;
		json_object_foreach(truth, key, v) {
			int skip = 0;
			for (size_t a = 0; a < sizeof annotations / sizeof annotations[0]; a++)
				skip |= !strcmp(key, annotations[a]);
			ck_assert_msg(skip || json_object_get(ours, key), "%s: field %s", path, key);
		}
		size_t i;
		json_t *t;
		json_array_foreach(json_object_get(truth, "tasks"), i, t) {
			json_object_foreach(t, key, v) {
				if (strcmp(key, "notes"))
					ck_assert_msg(json_object_get(our_task, key),
					    "%s: task field %s", path, key);
			}
			size_t j;
			json_t *tg;
			json_array_foreach(json_object_get(t, "targets"), j, tg)
				json_object_foreach(tg, key, v)
					ck_assert_msg(json_object_get(our_target, key),
					    "%s: target field %s", path, key);
		}
		json_decref(truth);
		free(path);
	}
	json_decref(ours);
	free(s);
	plan_free(p);
}
END_TEST

START_TEST(test_deterministic)
{
	struct plan *p = small_plan();
	char *a = json_of(p), *b = json_of(p);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	plan_free(p);
}
END_TEST

/* Every shipped plan, as parsed, exports as JSON that loads back with as
 * many tasks as the model has. */
START_TEST(test_real_plans)
{
	for (size_t i = 0; i < FX_N_SHIPPED; i++) {
		struct plan_meta m;
		struct plan *p = fx_shipped_plan(fx_shipped[i], &m);
		char *s = json_of(p);
		json_error_t err;
		json_t *root = json_loads(s, 0, &err);
		ck_assert_msg(root != NULL, "%s: %s", fx_shipped[i], err.text);
		ck_assert_int_eq(json_integer_value(json_object_get(root, "task_count")),
		    (json_int_t)p->n_tasks);
		ck_assert_uint_eq(json_array_size(json_object_get(root, "tasks")), p->n_tasks);
		ck_assert_str_eq(json_string_value(json_object_get(root, "file")), "plan.txt");
		json_decref(root);
		free(s);
		plan_free(p);
		plan_meta_free(&m);
	}
}
END_TEST

static Suite *
plan_json_suite(void)
{
	Suite *s = suite_create("plan_json");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_exact_output);
	tcase_add_test(tc, test_decimals);
	tcase_add_test(tc, test_decimal_sweep);
	tcase_add_test(tc, test_escaping);
	tcase_add_test(tc, test_paths_and_nulls);
	tcase_add_test(tc, test_truth_field_names);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_real_plans);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(plan_json_suite)
