/* Unit tests of the derived facts: KPI trend and RAG, overdue actions. */
#include "derive.h"
#include "unit.h"

static struct number v(double x)
{
	return (struct number){ true, x };
}

static const struct number unknown = { false, 0 };

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

	/* no change at the precision shown */
	struct number flat[] = { v(38.2), v(37.9) };
	k = make_kpi(BETTER_HIGHER, flat, 2, NULL);
	CHECK(k.trend == TREND_NO_CHANGE);
}

static void test_kpi_rag(void)
{
	struct number vals[] = { v(40), v(58) };
	struct number targets[] = { v(50), v(60) };
	struct kpi k = make_kpi(BETTER_HIGHER, vals, 2, targets);
	CHECK(k.rag == RAG_RED);
	k.tolerance = v(2);
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

static void test_overdue(void)
{
	struct date as_at = { 2019, 1, 31 };
	struct action a = { 0 };
	a.due = (struct due){ DUE_DATE, { 2018, 2, 1 }, "01/02/2018", { 0 } };
	CHECK(action_is_overdue(&a, as_at));
	a.status = ACTION_COMPLETE;
	CHECK(!action_is_overdue(&a, as_at));
	a.status = ACTION_IN_PROGRESS;
	a.progress_rag = RAG_BLUE;	/* blue means complete */
	CHECK(!action_is_overdue(&a, as_at));
	a.progress_rag = RAG_GREEN;
	CHECK(!action_is_overdue(&a, (struct date){ 0, 0, 0 }));	/* no as_at */
	a.due = (struct due){ DUE_MONTH, { 2019, 1, 0 }, "January 2019", { 0 } };
	CHECK(!action_is_overdue(&a, as_at));	/* due by the end of January */
	a.due = (struct due){ DUE_MONTH, { 2018, 12, 0 }, "December 2018", { 0 } };
	CHECK(action_is_overdue(&a, as_at));
	a.due = (struct due){ DUE_TEXT, { 0, 0, 0 }, "Six monthly", { 0 } };
	CHECK(!action_is_overdue(&a, as_at));
	a.due = (struct due){ DUE_DATE, { 2019, 1, 31 }, "31/01/2019", { 0 } };
	CHECK(!action_is_overdue(&a, as_at));	/* due today is not late */
}

int main(void)
{
	test_trend();
	test_kpi_rag();
	test_overdue();
	return unit_summary();
}
