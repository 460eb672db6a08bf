/* Unit tests of the derived facts: KPI trend and rating (revision 2's rules
 * at their edges), overdue actions and steps, the rating at a date, the
 * change since the previous review, rating counts. */
#include "derive.h"
#include "load.h"
#include "schema.h"
#include "unit.h"
#include "words.h"

#include <stdlib.h>

static struct arena arena;

static struct number v(double x)
{
	return (struct number){ true, x, 0 };
}

/* A figure as written, with its digits after the point. */
static struct number vp(double x, int precision)
{
	return (struct number){ true, x, precision };
}

static const struct number unknown = { false, 0, -1 };

static struct kpi make_kpi(enum kpi_better better, struct number *values, size_t n,
			   struct number *targets)
{
	struct kpi k = { 0 };
	k.better = better;
	k.values.at = values;
	k.values.n = n;
	if (targets) {
		k.targets.at = targets;
		k.targets.n = n;
	}
	derive_kpi(&k);
	return k;
}

/* A document read from YAML text as planpress reads a file, with the
 * content root's site when given; its diagnostics in *d. */
static struct document *read_doc(const char *yaml, const struct site *site, struct diags *d)
{
	struct node *root = load_buffer(yaml, strlen(yaml), "test.yaml", &arena, &arena, d);
	if (!root)
		return NULL;
	struct document *doc = schema_check_document(root, "plans/test.yaml", "test.yaml", site,
						     &arena, d);
	if (doc)
		derive_document(doc, site, &arena, d);
	return doc;
}

static struct plan *read_plan(const char *yaml, struct diags *d)
{
	struct document *doc = read_doc(yaml, NULL, d);
	return doc && doc->kind == DOC_PLAN ? doc->as.plan : NULL;
}

static void test_trend(void)
{
	/* EET 29% / 43% / 38%, higher is better: worsening, down 5 */
	struct number eet[] = { v(29), v(43), v(38) };
	struct kpi k = make_kpi(BETTER_HIGHER, eet, 3, NULL);
	CHECK(k.latest == 2 && k.previous == 1);
	CHECK(k.change == -5);
	CHECK(k.trend == TREND_WORSENING);
	CHECK(k.rag == RAG_NONE);	/* no target */

	/* rate of looked-after children 84 / 87 / 92, lower is better */
	struct number lac[] = { v(84), v(87), v(92) };
	k = make_kpi(BETTER_LOWER, lac, 3, NULL);
	CHECK(k.trend == TREND_WORSENING && k.change == 5);
	k = make_kpi(BETTER_HIGHER, lac, 3, NULL);
	CHECK(k.trend == TREND_IMPROVING);
	k = make_kpi(BETTER_NEITHER, lac, 3, NULL);
	CHECK(k.trend == TREND_UP);

	/* gaps: the latest known value and the one known before it */
	struct number gappy[] = { v(10), unknown, v(12), unknown };
	k = make_kpi(BETTER_HIGHER, gappy, 4, NULL);
	CHECK(k.latest == 2 && k.previous == 0 && k.change == 2);

	struct number single[] = { unknown, v(5) };
	k = make_kpi(BETTER_HIGHER, single, 2, NULL);
	CHECK(k.latest == 1 && k.previous == -1 && k.trend == TREND_NOT_KNOWN);

	struct number none[] = { unknown, unknown };
	k = make_kpi(BETTER_HIGHER, none, 2, NULL);
	CHECK(k.latest == -1 && k.trend == TREND_NOT_KNOWN && k.rag == RAG_NONE);

	/* no change at the precision shown: decimals 0 */
	struct number flat[] = { v(38.2), v(37.9) };
	k = make_kpi(BETTER_HIGHER, flat, 2, NULL);
	CHECK(k.trend == TREND_NO_CHANGE);
	/* figures as written: 15.9 then 16 is a change of 0.1, shown so */
	struct number written[] = { vp(15.9, 1), vp(16, 0) };
	k = make_kpi(BETTER_HIGHER, written, 2, NULL);
	CHECK(k.trend == TREND_IMPROVING && k.change_precision == 1);
	CHECK(k.change > 0.099 && k.change < 0.101);
	/* decimals given still fixes the precision */
	k.decimals = 0, k.decimals_given = true;
	derive_kpi(&k);
	CHECK(k.trend == TREND_NO_CHANGE && k.change_precision == 0);
}

static void test_kpi_rag(void)
{
	struct number vals[] = { v(40), v(58) };
	struct number targets[] = { v(50), v(60) };
	struct kpi k = make_kpi(BETTER_HIGHER, vals, 2, targets);
	CHECK(k.rag == RAG_RED);
	CHECK(k.previous_rag == RAG_RED);
	k.tolerance = (struct distance){ v(2), false };
	derive_kpi(&k);
	CHECK(k.rag == RAG_AMBER);	/* within 2 of 60 */
	struct number met[] = { v(40), v(60) };
	k = make_kpi(BETTER_HIGHER, met, 2, targets);
	CHECK(k.rag == RAG_GREEN);	/* met exactly */
	struct number low[] = { v(20), v(15) };
	struct number low_t[] = { v(18), v(18) };
	k = make_kpi(BETTER_LOWER, low, 2, low_t);
	CHECK(k.rag == RAG_GREEN);
	struct number high[] = { v(20), v(19) };
	k = make_kpi(BETTER_LOWER, high, 2, low_t);
	CHECK(k.rag == RAG_RED);
	struct number gap_t[] = { v(18), unknown };
	k = make_kpi(BETTER_LOWER, high, 2, gap_t);
	CHECK(k.rag == RAG_NONE);	/* no target for the latest period */
}

/* The council's rule: green within 5% of the target, amber within 10%. */
static void test_rating_rule(void)
{
	struct kpi k = { 0 };
	k.better = BETTER_HIGHER;
	k.rating_given = true;
	k.rating.green = (struct distance){ v(5), true };
	k.rating.amber = (struct distance){ v(10), true };
	struct number target = v(50);
	CHECK(kpi_rate(&k, v(50), target) == RAG_GREEN);	/* met */
	CHECK(kpi_rate(&k, v(60), target) == RAG_GREEN);	/* beaten */
	CHECK(kpi_rate(&k, vp(47.5, 1), target) == RAG_GREEN);	/* exactly 5% short */
	CHECK(kpi_rate(&k, vp(47.49, 2), target) == RAG_AMBER);	/* 5.02% short */
	CHECK(kpi_rate(&k, vp(47.4995, 4), target) == RAG_AMBER);	/* 5.001% short */
	CHECK(kpi_rate(&k, v(45), target) == RAG_AMBER);	/* exactly 10% short */
	CHECK(kpi_rate(&k, vp(44.99, 2), target) == RAG_RED);
	/* lower is better: short is above the target */
	k.better = BETTER_LOWER;
	CHECK(kpi_rate(&k, vp(52.5, 1), target) == RAG_GREEN);
	CHECK(kpi_rate(&k, vp(52.6, 1), target) == RAG_AMBER);
	CHECK(kpi_rate(&k, v(40), target) == RAG_GREEN);
	CHECK(kpi_rate(&k, v(56), target) == RAG_RED);
	/* target 0: a percentage of nothing is nothing */
	CHECK(kpi_rate(&k, v(0), v(0)) == RAG_GREEN);
	CHECK(kpi_rate(&k, v(1), v(0)) == RAG_RED);
	/* no target, or a figure not known: no rating */
	CHECK(kpi_rate(&k, v(1), unknown) == RAG_NONE);
	CHECK(kpi_rate(&k, unknown, v(1)) == RAG_NONE);
	/* contextual: monitored without a target */
	k.contextual = true;
	CHECK(kpi_rate(&k, v(50), target) == RAG_NONE);
	k.contextual = false;
	/* absolute distances, and tolerance as the default amber */
	struct kpi t = { 0 };
	t.better = BETTER_HIGHER;
	t.tolerance = (struct distance){ v(2), false };
	CHECK(kpi_rate(&t, v(48), target) == RAG_AMBER);
	CHECK(kpi_rate(&t, v(47), target) == RAG_RED);
	t.tolerance = (struct distance){ v(5), true };	/* 5% of 50 */
	CHECK(kpi_rate(&t, vp(47.5, 1), target) == RAG_AMBER);
	CHECK(kpi_rate(&t, vp(47.4, 1), target) == RAG_RED);
	/* judged at the precision shown when decimals fixes it */
	t.decimals = 0, t.decimals_given = true;
	CHECK(kpi_rate(&t, vp(47.4, 1), target) == RAG_RED);	/* shown 47 */
	CHECK(kpi_rate(&t, vp(47.6, 1), target) == RAG_AMBER);	/* shown 48 */
}

static void test_overdue(void)
{
	struct period as_at;
	parse_period("31/01/2019", &as_at);
	struct action a = { 0 };
	parse_period("01/02/2018", &a.task.due.period);
	CHECK(action_is_overdue(&a, &as_at));
	a.task.status = ACTION_COMPLETE;
	CHECK(!action_is_overdue(&a, &as_at));
	a.task.status = ACTION_IN_PROGRESS;
	a.task.rating.rating = rating_builtin(RAG_BLUE);	/* blue means complete */
	CHECK(!action_is_overdue(&a, &as_at));
	a.task.rating.rating = rating_builtin(RAG_GREEN);
	struct period none = { 0 };
	CHECK(!action_is_overdue(&a, &none));	/* no as_at */
	parse_period("January 2019", &a.task.due.period);
	CHECK(!action_is_overdue(&a, &as_at));	/* due by the end of January */
	parse_period("December 2018", &a.task.due.period);
	CHECK(action_is_overdue(&a, &as_at));
	a.task.due.period = none;		/* words: "Six monthly" */
	CHECK(!action_is_overdue(&a, &as_at));
	parse_period("31/01/2019", &a.task.due.period);
	CHECK(!action_is_overdue(&a, &as_at));	/* due today is not late */
	/* periods: overdue once as_at's first day is after the due's last */
	parse_period("Q3 2018/19", &a.task.due.period);	/* October to December 2018 */
	CHECK(action_is_overdue(&a, &as_at));
	parse_period("Q4 2018/19", &a.task.due.period);
	CHECK(!action_is_overdue(&a, &as_at));
	parse_period("2018/19", &a.task.due.period);	/* to 31 March 2019 */
	CHECK(!action_is_overdue(&a, &as_at));
	parse_period("2018", &a.task.due.period);
	CHECK(action_is_overdue(&a, &as_at));
	parse_period("January 2019", &as_at);	/* as_at a month: from its first day */
	parse_period("31/12/2018", &a.task.due.period);
	CHECK(action_is_overdue(&a, &as_at));
	parse_period("15/01/2019", &a.task.due.period);
	CHECK(!action_is_overdue(&a, &as_at));
}

static const char scale_plan[] =
	"kind: plan\n"
	"title: SEND written statement of action\n"
	"as_at: August 2021\n"
	"reviews: [May 2020, Nov 2020, May 2021, August 2021]\n"
	"previous_review: May 2021\n"
	"ratings:\n"
	"  - {word: Started but delayed, rag: amber}\n"
	"  - {word: Progressing and on track, rag: green}\n"
	"  - {word: Completed, rag: blue}\n"
	"  - {word: Embedded, rag: blue, colour: \"#1d4f91\"}\n"
	"themes:\n"
	"  - ref: \"1\"\n"
	"    title: Identification\n"
	"    actions:\n"
	"      - ref: \"1.1\"\n"
	"        action: Improve the quality of EHC plans\n"
	"        updates:\n"
	"          - {date: May 2020, rag: Started but delayed}\n"
	"          - {date: Nov 2020, rag: Progressing and on track}\n"
	"          - {date: 15/11/2020, rag: started but DELAYED}\n"
	"          - {date: August 2021, rag: Completed}\n"
	"        rag: Completed\n"
	"      - ref: \"1.2\"\n"
	"        action: Publish the local offer\n"
	"        updates:\n"
	"          - {date: May 2021, rag: Progressing and on track}\n"
	"          - {date: August 2021, rag: Started but delayed}\n"
	"      - ref: \"1.3\"\n"
	"        action: Train SENCOs\n"
	"        updates:\n"
	"          - {date: June 2021, rag: Progressing and on track}\n"
	"      - ref: \"1.4\"\n"
	"        action: Not yet rated\n"
	"      - ref: \"1.5\"\n"
	"        action: Steps\n"
	"        steps:\n"
	"          - {text: One, rag: Embedded}\n"
	"          - {text: Two, rag: red, due: Q1 2021/22}\n"
	"          - {text: Three}\n";

static void test_history_and_change(void)
{
	struct diags d = { 0 };
	struct plan *p = read_plan(scale_plan, &d);
	CHECK(p && d.errors == 0);
	if (!p || d.errors) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.list[i].message);
		diags_free(&d);
		return;
	}
	const struct rating *delayed = &p->ratings.at[0], *on_track = &p->ratings.at[1],
			    *completed = &p->ratings.at[2], *embedded = &p->ratings.at[3];
	const struct action *a1 = &p->themes.at[0].actions.at[0];
	/* the rating at each review: the last rated update starting by its end;
	 * two updates in one month, the later counts (any case matches) */
	CHECK(a1->task.history[0] == delayed);
	CHECK(a1->task.history[1] == delayed);	/* 15/11/2020, after "Nov 2020" */
	CHECK(a1->task.history[2] == delayed);
	CHECK(a1->task.history[3] == completed);
	CHECK(a1->task.change == CHANGE_COMPLETED);
	const struct action *a2 = &p->themes.at[0].actions.at[1];
	CHECK(a2->task.history[0] == NULL);	/* not rated yet */
	CHECK(a2->task.history[2] == on_track);
	CHECK(a2->task.change == CHANGE_DOWN);	/* on track to delayed */
	const struct action *a3 = &p->themes.at[0].actions.at[2];
	CHECK(a3->task.change == CHANGE_NEW);	/* first rated after May 2021 */
	const struct action *a4 = &p->themes.at[0].actions.at[3];
	CHECK(a4->task.change == CHANGE_NONE && a4->task.history[3] == NULL);
	const struct action *a5 = &p->themes.at[0].actions.at[4];
	CHECK(a5->steps.n == 3 && a5->steps.at[0].task.rating.rating == embedded);
	CHECK(a5->steps.at[1].task.overdue);	/* due June 2021, as_at August 2021 */
	CHECK(!a5->steps.at[0].task.overdue && a5->steps.at[1].number == 2);
	/* counts by word, in the scale's order: actions by their own rating,
	 * the unrated action 1.5 by its rated steps; 1.2, 1.3 and 1.4 have none */
	const struct rating_counts *rc = &p->ratings_count;
	CHECK(rc->actions == 1 && rc->steps == 2 && rc->unrated == 3);
	CHECK(p->rating_order[2] == completed && rc->counts[2] == 1);
	CHECK(p->rating_order[3] == embedded && rc->counts[3] == 1);
	CHECK(p->rating_order[4] == rating_builtin(RAG_RED) && rc->counts[4] == 1);
	CHECK_STR(rating_counts_text(&arena, p, rc), "1 action and 2 steps: 1 Completed, "
		  "1 Embedded, 1 red; 3 other actions have no rating");
	/* the changes since May 2021, in document order */
	size_t kinds[CHANGED_COUNT] = { 0 };
	for (size_t i = 0; i < p->n_changes; i++)
		kinds[p->changes[i].kind]++;
	CHECK(kinds[CHANGED_COMPLETED] == 1 && kinds[CHANGED_DOWN] == 1 && kinds[CHANGED_NEW] == 1);
	CHECK(kinds[CHANGED_OVERDUE] == 1 && kinds[CHANGED_UP] == 0);
	/* the overdue step, named so */
	bool step_warned = false;
	for (size_t i = 0; i < d.n; i++)
		step_warned |= strstr(d.list[i].message, "step 2 of action 1.5 is due Q1 2021/22") != NULL;
	CHECK(step_warned);
	(void)on_track;
	diags_free(&d);
}

static void test_unknown_rating(void)
{
	struct diags d = { 0 };
	char yaml[4096];
	snprintf(yaml, sizeof yaml, "%s", scale_plan);
	char *at = strstr(yaml, "rag: Completed\n");
	memcpy(at, "rag: Complete \n", 15);
	read_plan(yaml, &d);
	CHECK(d.errors == 1);
	CHECK(d.n && strstr(d.list[0].message, "rag must be one of the ratings Started but "
			    "delayed, Progressing and on track, Completed or Embedded (or red, amber, "
			    "green, blue or none), not 'Complete' (did you mean 'Completed'?)"));
	diags_free(&d);
	/* the site's scale, for a plan without its own */
	memset(&d, 0, sizeof d);
	struct document *site = read_doc("kind: site\nratings:\n  - {word: Embedded, rag: blue}\n",
					 NULL, &d);
	struct plan *p = read_plan("kind: plan\ntitle: T\nthemes:\n  - ref: '1'\n    title: A\n"
				   "    actions:\n      - {ref: '1.1', action: X, rag: embedded}\n", &d);
	CHECK(d.errors == 1);	/* without the site, "embedded" is no rating */
	diags_free(&d);
	memset(&d, 0, sizeof d);
	struct document *doc = read_doc("kind: plan\ntitle: T\nthemes:\n  - ref: '1'\n    title: A\n"
					"    actions:\n      - {ref: '1.1', action: X, rag: embedded}\n",
					site->as.site, &d);
	CHECK(d.errors == 0 && doc && doc->as.plan->all_actions[0]->task.rating.rating ==
	      &site->as.site->ratings.at[0]);
	(void)p;
	diags_free(&d);
}

/* Revision 2: nothing the source does not say. */
static void test_nothing_invented(void)
{
	struct diags d = { 0 };
	struct plan *p = read_plan("kind: plan\ntitle: T\nthemes:\n  - ref: '1'\n    title: A\n"
				   "    actions:\n      - {ref: '1.1', action: X}\n"
				   "      - {ref: '1.2', action: Y, rag: ~}\n", &d);
	CHECK(p && p->status == PLAN_STATUS_NONE && plan_status_label(p->status) == NULL);
	/* no rating: left out of counts; rated none: "Not rated" */
	CHECK(p->ratings_count.actions == 1 && p->ratings_count.unrated == 1);
	CHECK_STR(rating_counts_text(&arena, p, &p->ratings_count),
		  "1 action: 1 not rated; 1 other action has no rating");
	CHECK(plan_cell(p, p->all_actions[0], NULL, COL_PROGRESS_RAG).kind == CELL_EMPTY);
	CHECK(plan_cell(p, p->all_actions[1], NULL, COL_PROGRESS_RAG).kind == CELL_RATING);
	diags_free(&d);
	memset(&d, 0, sizeof d);
	p = read_plan("kind: plan\ntitle: T\nthemes:\n  - ref: '1'\n    title: A\n"
		      "    actions:\n      - {ref: '1.1', action: X}\n", &d);
	CHECK(!rating_counts_any(&p->ratings_count));	/* no summary at all */
	CHECK(!plan_shows(p, COL_PROGRESS_RAG));
	diags_free(&d);
}

int main(void)
{
	arena_init(&arena);
	test_trend();
	test_kpi_rag();
	test_rating_rule();
	test_overdue();
	test_history_and_change();
	test_unknown_rating();
	test_nothing_invented();
	arena_free(&arena);
	return unit_summary();
}
