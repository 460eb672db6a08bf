/* Unit tests of the words both renderers use: numbers with units, change,
 * the trend sentence (chart alt text) for rising, falling, flat, gappy and
 * single-point series, RAG summaries, numbered paragraphs. */
#include "derive.h"
#include "unit.h"
#include "words.h"

static struct arena arena;

static struct kpi kpi(const char *title, enum kpi_unit unit, enum kpi_better better,
		      const char **periods, struct number *values, size_t n)
{
	struct kpi k = { 0 };
	k.title = title;
	k.unit = unit;
	k.better = better;
	k.periods.at = periods;
	k.periods.n = n;
	k.values.at = values;
	k.values.n = n;
	return k;
}

#define V(x) ((struct number){ true, (x), 0 })
#define VP(x, p) ((struct number){ true, (x), (p) })
#define NK ((struct number){ false, 0, -1 })

static void test_numbers(void)
{
	CHECK_STR(format_number(&arena, 1204, 0), "1,204");
	CHECK_STR(format_number(&arena, 1234567.891, 2), "1,234,567.89");
	CHECK_STR(format_number(&arena, -1500, 0), "-1,500");
	CHECK_STR(format_number(&arena, -0.001, 1), "0.0");
	CHECK_STR(format_number(&arena, 38, 0), "38");
	struct kpi k = { 0 };
	k.unit = UNIT_PERCENT;
	CHECK_STR(kpi_format_value(&arena, &k, V(38)), "38%");
	k.unit = UNIT_RATE;
	k.per = V(10000);
	CHECK_STR(kpi_format_value(&arena, &k, V(92)), "92 per 10,000");
	k.unit = UNIT_CURRENCY;
	CHECK_STR(kpi_format_value(&arena, &k, V(1500)), "£1,500");
	k.unit = UNIT_DAYS;
	CHECK_STR(kpi_format_value(&arena, &k, V(1)), "1 day");
	CHECK_STR(kpi_format_value(&arena, &k, V(12)), "12 days");
	CHECK_STR(kpi_format_value(&arena, &k, NK), "not known");
	/* the plan's own series: its organisation, else a generic name */
	CHECK_STR(kpi_series_name("Herefordshire Council"), "Herefordshire Council");
	CHECK_STR(kpi_series_name(NULL), "This council");
	CHECK_STR(kpi_series_name(""), "This council");
}

static void test_sentences(void)
{
	const char *years[] = { "2016", "2017", "2018", "2019" };
	struct number rising[] = { V(44), V(47), V(50), V(52) };
	struct number target[] = { V(60), V(60), V(60), V(60) };
	struct number england[] = { V(55), V(56), V(57), V(58) };
	struct kpi k = kpi("New EHC plans issued within 20 weeks", UNIT_PERCENT, BETTER_HIGHER,
			   years, rising, 4);
	k.targets.at = target;
	k.targets.n = 4;
	struct comparator c = { { 0 }, "England", { england, 4, { 0 } } };
	k.comparators.at = &c;
	k.comparators.n = 1;
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "New EHC plans issued within 20 weeks rose from 44% for 2016 to 52% for 2019, "
		  "an improvement. Target 60% (not met). England 58% for 2019.");
	CHECK_STR(kpi_change_text(&arena, &k), "up 2 percentage points");

	const char *march[] = { "31 March 2017", "31 March 2018", "31 March 2019" };
	struct number eet[] = { V(29), V(43), V(38) };
	k = kpi("Care leavers in EET", UNIT_PERCENT, BETTER_HIGHER, march, eet, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Care leavers in EET rose from 29% for 31 March 2017 to 38% for 31 March 2019, "
		  "down from 43% for 31 March 2018, a worsening.");
	CHECK_STR(kpi_change_text(&arena, &k), "down 5 percentage points");

	struct number flat[] = { V(7), V(7), V(7) };
	k = kpi("Placements", UNIT_NUMBER, BETTER_NEITHER, march, flat, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Placements stayed at 7 from 31 March 2017 to 31 March 2019.");
	CHECK_STR(kpi_change_text(&arena, &k), "no change");

	/* flat from the first known value, not from the one before the latest
	 * (once "stayed at 0 from 31 March 2018" of three zeros) */
	const char *four[] = { "31 March 2016", "31 March 2017", "31 March 2018", "31 March 2019" };
	struct number zeros[] = { NK, V(0), V(0), V(0) };
	k = kpi("Number of adoption disruptions", UNIT_NUMBER, BETTER_LOWER, four, zeros, 4);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Number of adoption disruptions stayed at 0 from 31 March 2017 to 31 March 2019.");
	/* flat at the precision shown: 38.2% and 37.9% both read 38% */
	struct number nearly[] = { V(38.2), V(37.9), V(38.1) };
	k = kpi("Care leavers in EET", UNIT_PERCENT, BETTER_HIGHER, march, nearly, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Care leavers in EET stayed at 38% from 31 March 2017 to 31 March 2019.");

	/* falling overall and at the last step: the run says it all */
	struct number dip[] = { V(60), V(40), V(50), V(45) };
	k = kpi("Care leavers in EET", UNIT_PERCENT, BETTER_HIGHER, four, dip, 4);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Care leavers in EET fell from 60% for 31 March 2016 to 45% for 31 March 2019, "
		  "a worsening.");
	/* falling overall, the latest step up */
	dip[3] = V(55);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Care leavers in EET fell from 60% for 31 March 2016 to 55% for 31 March 2019, "
		  "up from 50% for 31 March 2018, an improvement.");
	/* rising overall, the latest step level */
	struct number level[] = { V(2), V(3), V(3) };
	k = kpi("Apprenticeships", UNIT_NUMBER, BETTER_HIGHER, march, level, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Apprenticeships rose from 2 for 31 March 2017 to 3 for 31 March 2019, "
		  "unchanged from 31 March 2018.");
	/* back where it started */
	struct number back[] = { V(5), V(7), V(5) };
	k = kpi("Placements", UNIT_NUMBER, BETTER_LOWER, march, back, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Placements was 5 for 31 March 2017 and 5 again for 31 March 2019, "
		  "down from 7 for 31 March 2018, an improvement.");

	struct number gappy[] = { V(84), NK, V(92) };
	k = kpi("Looked after children", UNIT_RATE, BETTER_LOWER, march, gappy, 3);
	k.per = V(10000);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Looked after children rose from 84 per 10,000 for 31 March 2017 to "
		  "92 per 10,000 for 31 March 2019, a worsening.");

	struct number single[] = { NK, NK, V(12) };
	k = kpi("Days to place", UNIT_DAYS, BETTER_LOWER, march, single, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k), "Days to place was 12 days for 31 March 2019.");
	CHECK(kpi_change_text(&arena, &k) == NULL);

	/* one preposition for every kind of label, a date with words after it
	 * included (once "from 1 in 31 March 2017 (...) to 2 at 31 March 2019") */
	const char *mixed[] = { "31 March 2017 (provisional)", "2017/18", "31 March 2019" };
	struct number up[] = { V(1), NK, V(2) };
	k = kpi("Adoptions", UNIT_NUMBER, BETTER_HIGHER, mixed, up, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Adoptions rose from 1 for 31 March 2017 (provisional) to 2 for 31 March 2019, "
		  "an improvement.");

	struct number none[] = { NK, NK, NK };
	k = kpi("Unknown", UNIT_NUMBER, BETTER_LOWER, march, none, 3);
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k), "Unknown: no values are known yet.");
	k.chart = CHART_BAR;
	CHECK_STR(kpi_sentence(&arena, &k), "Unknown: no values are known yet.");
}

/* A bar chart marks each period not known "n/k"; its sentence (the chart's
 * alt text) says which, so a reader who cannot see the mark is told too. A
 * line chart leaves a gap and its sentence is as before. */
static void test_not_known_sentences(void)
{
	const char *years[] = { "2015", "2016", "2017", "2018", "2019", "2020", "2021" };
	struct number gap[] = { V(0), NK, V(44), V(47), V(52) };
	struct number england[] = { V(41), V(43), V(46), V(49), V(53) };
	struct kpi k = kpi("New EHC plans issued within 20 weeks", UNIT_PERCENT, BETTER_HIGHER,
			   years, gap, 5);
	struct comparator c = { { 0 }, "England", { england, 5, { 0 } } };
	k.comparators.at = &c;
	k.comparators.n = 1;
	k.chart = CHART_BAR;
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "New EHC plans issued within 20 weeks rose from 0% for 2015 to 52% for 2019, "
		  "an improvement. The figure for 2016 is not known. England 53% for 2019.");
	k.chart = CHART_LINE;
	CHECK_STR(kpi_sentence(&arena, &k),
		  "New EHC plans issued within 20 weeks rose from 0% for 2015 to 52% for 2019, "
		  "an improvement. England 53% for 2019.");
	/* at the start, between and at the end; every one named up to four */
	struct number three[] = { NK, V(40), NK, V(47), NK };
	k = kpi("Placements", UNIT_NUMBER, BETTER_HIGHER, years, three, 5);
	k.chart = CHART_BAR;
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Placements rose from 40 for 2016 to 47 for 2018, an improvement. "
		  "The figures for 2015, 2017 and 2019 are not known.");
	struct number two[] = { V(40), NK, V(47), NK, V(50) };
	k = kpi("Placements", UNIT_NUMBER, BETTER_NEITHER, years, two, 5);
	k.chart = CHART_BAR;
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Placements rose from 40 for 2015 to 50 for 2019. "
		  "The figures for 2016 and 2018 are not known.");
	/* past four, how many of how many (the figures table names them) */
	struct number five[] = { NK, NK, NK, NK, NK, V(3), V(4) };
	k = kpi("Placements", UNIT_NUMBER, BETTER_NEITHER, years, five, 7);
	k.chart = CHART_BAR;
	derive_kpi(&k);
	CHECK_STR(kpi_sentence(&arena, &k),
		  "Placements rose from 3 for 2020 to 4 for 2021. "
		  "The figures for 5 of the 7 periods are not known.");
}

/* Revision 2: figures keep the precision they are written with. */
static void test_precision(void)
{
	struct kpi k = { 0 };
	k.unit = UNIT_PERCENT;
	/* "17" is 17%, never "17.00%" because another figure has decimals */
	CHECK_STR(kpi_format_value(&arena, &k, VP(17, 0)), "17%");
	CHECK_STR(kpi_format_value(&arena, &k, VP(15.9, 1)), "15.9%");
	CHECK_STR(kpi_format_value(&arena, &k, VP(69, 0)), "69%");
	k.unit = UNIT_NUMBER;
	CHECK_STR(kpi_format_value(&arena, &k, VP(0.5, 2)), "0.50");
	CHECK_STR(kpi_format_value(&arena, &k, VP(1204.25, 2)), "1,204.25");
	/* decimals still fixes it */
	k.decimals = 1, k.decimals_given = true;
	CHECK_STR(kpi_format_value(&arena, &k, VP(17, 0)), "17.0");
	CHECK_STR(kpi_format_value(&arena, &k, VP(0.55, 2)), "0.6");
	/* a change with the larger precision of its two figures */
	const char *periods[] = { "2018", "2019" };
	struct number values[] = { VP(17, 0), VP(15.9, 1) };
	struct kpi c = kpi("EET", UNIT_PERCENT, BETTER_HIGHER, periods, values, 2);
	derive_kpi(&c);
	CHECK_STR(kpi_change_text(&arena, &c), "down 1.1 percentage points");
	struct number whole[] = { VP(17, 0), VP(20, 0) };
	c = kpi("EET", UNIT_NUMBER, BETTER_HIGHER, periods, whole, 2);
	derive_kpi(&c);
	CHECK_STR(kpi_change_text(&arena, &c), "up 3");
}

/* markdown_split_paragraphs, as a text_list (its texts, how many) */
static text_list split_paragraphs(struct arena *a, const char *md)
{
	text_list out = { 0 };
	out.n = markdown_split_paragraphs(a, md, &out.at);
	return out;
}

static void test_paragraphs(void)
{
	text_list p = split_paragraphs(&arena, "One.\n\nTwo\ncontinued.\n\n- a list\n- that belongs\n\nThree.\n");
	CHECK(p.n == 3);
	if (p.n == 3) {
		CHECK_STR(p.at[0], "One.\n");
		CHECK_STR(p.at[1], "Two\ncontinued.\n\n- a list\n- that belongs\n");
		CHECK_STR(p.at[2], "Three.\n");
	}
	/* a rule alone is no paragraph; under a line of text it makes a heading */
	p = split_paragraphs(&arena, "One.\n\n---\n\nTwo.\n\n* * *\n\nHeading\n---\n");
	CHECK(p.n == 3);
	if (p.n == 3) {
		CHECK_STR(p.at[0], "One.\n");
		CHECK_STR(p.at[1], "Two.\n");
		CHECK_STR(p.at[2], "Heading\n---\n");
	}
	p = split_paragraphs(&arena, "Only one");
	CHECK(p.n == 1);
	p = split_paragraphs(&arena, "```\ncode\n\nstill code\n```\n\nAfter");
	CHECK(p.n == 2);
}

static void test_empty_theme(void)
{
	struct theme t = { 0 };
	t.label = "Priority";
	t.ref = "P6";
	t.name = "Priority P6";
	CHECK_STR(theme_empty_text(&arena, &t), "This plan lists no actions for Priority P6.");
	t.review.next_steps = markdown_read(&arena, "More.", 5);
	CHECK(theme_empty_text(&arena, &t) == NULL);
}

static void test_names_in_line(void)
{
	const char *plain[] = { "Cllr Ames (Chair)", "Cllr Ode" };
	const char *posts[] = { "Tom Reed, Head of Transport", "Ann Lim" };
	text_list one = { plain, 1, { 0 } }, two = { plain, 2, { 0 } },
		  with_posts = { posts, 2, { 0 } }, none = { 0 };
	CHECK_STR(names_in_line(&arena, &one), "Cllr Ames (Chair)");
	CHECK_STR(names_in_line(&arena, &two), "Cllr Ames (Chair), Cllr Ode");
	CHECK_STR(names_in_line(&arena, &with_posts), "Tom Reed, Head of Transport; Ann Lim");
	CHECK_STR(names_in_line(&arena, &none), "");
}

int main(void)
{
	arena_init(&arena);
	test_numbers();
	test_sentences();
	test_not_known_sentences();
	test_precision();
	test_paragraphs();
	test_empty_theme();
	test_names_in_line();
	arena_free(&arena);
	return unit_summary();
}
