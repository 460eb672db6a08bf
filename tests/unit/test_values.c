/* Unit tests of the scalar types: dates, months, RAG words, numbers, ids,
 * and the suggestions behind "did you mean". */
#include "unit.h"
#include "util.h"
#include "values.h"

static struct date d(const char *s, enum parse_result want)
{
	struct date out = { 0, 0, 0 };
	enum parse_result got = parse_date(s, &out);
	if (got != want)
		fprintf(stderr, "parse_date(\"%s\") = %d, want %d\n", s, got, want);
	CHECK(got == want);
	return out;
}

static void test_dates(void)
{
	struct date x = d("2018-05-01", PARSE_OK);
	CHECK(x.year == 2018 && x.month == 5 && x.day == 1);
	x = d("01/05/2018", PARSE_OK);	/* UK order: day first */
	CHECK(x.year == 2018 && x.month == 5 && x.day == 1);
	x = d("1/5/18", PARSE_OK);	/* two-digit years are 20xx */
	CHECK(x.year == 2018 && x.month == 5 && x.day == 1);
	x = d("1 May 2018", PARSE_OK);
	CHECK(x.year == 2018 && x.month == 5 && x.day == 1);
	x = d("3rd November 2018", PARSE_OK);
	CHECK(x.month == 11 && x.day == 3);
	x = d("29/02/2020", PARSE_OK);	/* leap year */
	CHECK(x.day == 29);
	d("29/02/2019", PARSE_INVALID);
	d("31/02/2018", PARSE_INVALID);
	d("29/02/1900", PARSE_INVALID);	/* century, not leap */
	d("29/02/2000", PARSE_OK);	/* 400-year leap */
	d("2018-13-01", PARSE_INVALID);
	d("00/01/2018", PARSE_INVALID);
	d("31/04/2018", PARSE_INVALID);
	d("Summer 2018", PARSE_NO_MATCH);
	d("Immediate", PARSE_NO_MATCH);
	d("01/05/2018 and later", PARSE_NO_MATCH);
	d("1/5/218", PARSE_NO_MATCH);
	d("", PARSE_NO_MATCH);
	d("2018-05", PARSE_NO_MATCH);	/* that is a month */
}

static void test_months(void)
{
	struct date m;
	CHECK(parse_month("2018-10", &m) == PARSE_OK && m.year == 2018 && m.month == 10 && m.day == 0);
	CHECK(parse_month("October 2018", &m) == PARSE_OK && m.month == 10);
	CHECK(parse_month("Oct 2018", &m) == PARSE_OK && m.month == 10);
	CHECK(parse_month("sept 2018", &m) == PARSE_OK && m.month == 9);
	CHECK(parse_month("Octo 2018", &m) == PARSE_NO_MATCH);
	CHECK(parse_month("2018-13", &m) == PARSE_INVALID);
	CHECK(parse_month("Summer 2018", &m) == PARSE_NO_MATCH);
	struct date end = date_end_of_period((struct date){ 2019, 2, 0 });
	CHECK(end.day == 28);
	end = date_end_of_period((struct date){ 2020, 2, 0 });
	CHECK(end.day == 29);
}

static void test_formats(void)
{
	char buf[40];
	CHECK_STR(date_format_uk((struct date){ 2018, 5, 1 }, buf, sizeof buf), "01/05/2018");
	CHECK_STR(date_format_uk((struct date){ 2018, 10, 0 }, buf, sizeof buf), "October 2018");
	CHECK_STR(date_format_long((struct date){ 2018, 3, 1 }, buf, sizeof buf), "1 March 2018");
	CHECK_STR(date_format_iso((struct date){ 2018, 3, 1 }, buf, sizeof buf), "2018-03-01");
	CHECK_STR(date_format_iso((struct date){ 0, 0, 0 }, buf, sizeof buf), "");
	CHECK(date_compare((struct date){ 2018, 1, 2 }, (struct date){ 2018, 1, 3 }) < 0);
	CHECK(date_compare((struct date){ 2019, 1, 1 }, (struct date){ 2018, 12, 31 }) > 0);
}

static void test_rag(void)
{
	enum rag r;
	CHECK(parse_rag("green", &r) && r == RAG_GREEN);
	CHECK(parse_rag("GREEN", &r) && r == RAG_GREEN);
	CHECK(parse_rag("Green", &r) && r == RAG_GREEN);
	CHECK(parse_rag("G", &r) && r == RAG_GREEN);
	CHECK(parse_rag("a", &r) && r == RAG_AMBER);
	CHECK(parse_rag("Red", &r) && r == RAG_RED);
	CHECK(parse_rag("B", &r) && r == RAG_BLUE);
	CHECK(parse_rag("none", &r) && r == RAG_NONE);
	CHECK(parse_rag("", &r) && r == RAG_NONE);
	CHECK(!parse_rag("Gren", &r));
	CHECK(!parse_rag("green-ish", &r));
	CHECK_STR(rag_label(RAG_NONE), "Not rated");
	CHECK_STR(rag_word(RAG_AMBER), "amber");
}

static void test_numbers(void)
{
	struct number n;
	CHECK(parse_number("29", &n) && n.known && n.value == 29);
	CHECK(parse_number("-1.5", &n) && n.known && n.value == -1.5);
	CHECK(parse_number("0.25", &n) && n.known && n.value == 0.25);
	CHECK(parse_number("~", &n) && !n.known);
	CHECK(parse_number("n/k", &n) && !n.known);
	CHECK(parse_number("N/K", &n) && !n.known);
	CHECK(parse_number("-", &n) && !n.known);
	CHECK(parse_number("", &n) && !n.known);
	CHECK(parse_number("null", &n) && !n.known);
	CHECK(!parse_number("29%", &n));
	CHECK(!parse_number("1,500", &n));
	CHECK(!parse_number("0x10", &n));
	CHECK(!parse_number("inf", &n));
	CHECK(!parse_number("nan", &n));
	CHECK(!parse_number("1e5", &n));
	CHECK(!parse_number(".", &n));
	long l;
	CHECK(parse_integer("11", &l) && l == 11);
	CHECK(!parse_integer("11.5", &l));
	CHECK(!parse_integer("eleven", &l));
	CHECK(!parse_integer("99999999999999999999999", &l));
}

static void test_ids_and_words(void)
{
	CHECK(id_valid("care-leavers"));
	CHECK(id_valid("2018-plan"));
	CHECK(!id_valid("Care-Leavers"));
	CHECK(!id_valid("-plan"));
	CHECK(!id_valid("care_leavers"));
	CHECK(!id_valid(""));
	char buf[32];
	normalise_word("In progress", buf, sizeof buf);
	CHECK_STR(buf, "in_progress");
	normalise_word("Not-Started", buf, sizeof buf);
	CHECK_STR(buf, "not_started");
	const char *const keys[] = { "ref", "action", "outcome", "leads", "due", "progress" };
	CHECK_STR(closest_word("lead", keys, 6), "leads");
	CHECK_STR(closest_word("progres", keys, 6), "progress");
	CHECK_STR(closest_word("outcom", keys, 6), "outcome");
	CHECK(closest_word("xyzzy", keys, 6) == NULL);
	CHECK(edit_distance("gren", "green") == 1);
	CHECK(edit_distance("ambre", "amber") == 1);	/* a transposition */
}

/* a person's email becomes a mailto: link: one address, nothing else */
static void test_email(void)
{
	static const char *const good[] = {
		"ann.lee@council.gov.uk", "a@b.uk", "first+tag@sub.example.org",
		"o'brien@council.gov.uk", "ün@例え.jp",
	};
	static const char *const bad[] = {
		"", "@council.gov.uk", "ann@", "ann", "ann@localhost", "ann@@x.uk",
		"mailto:ann@x.uk", "mailto:javascript:alert(1)", "ann@x.uk?cc=b@y.uk",
		"ann@x.uk?subject=hi", "ann lee@x.uk", "ann@x.uk b@y.uk", "\"ann\"@x.uk",
		"ann..lee@x.uk", ".ann@x.uk", "ann.@x.uk", "ann@-x.uk", "ann@x-.uk", "ann@x..uk",
		"a#b@x.uk", "a%3Fb@x.uk", "ann@x.uk/", "<ann@x.uk>", "ann@x_y.uk",
	};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		CHECK(email_valid(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK(!email_valid(bad[i]));
		if (email_valid(bad[i]))
			fprintf(stderr, "  taken: %s\n", bad[i]);
	}
	char local[70] = { 0 }, address[300];
	memset(local, 'a', 64);
	snprintf(address, sizeof address, "%s@x.uk", local);
	CHECK(email_valid(address));	/* 64 before the '@': the most */
	local[64] = 'a';
	snprintf(address, sizeof address, "%s@x.uk", local);
	CHECK(!email_valid(address));
}

/* Revision 2's periods: each starts on its first day and ends on its last. */
static void check_period(const char *text, enum period_kind kind, struct date first,
			 struct date last)
{
	struct period p;
	enum parse_result r = parse_period(text, &p);
	CHECK(r == PARSE_OK);
	CHECK(p.kind == kind);
	CHECK(date_compare(p.first, first) == 0 && date_compare(p.last, last) == 0);
	if (r != PARSE_OK || p.kind != kind || date_compare(p.first, first) ||
	    date_compare(p.last, last))
		fprintf(stderr, "  period '%s'\n", text);
}

static void test_periods(void)
{
	check_period("2018-05-01", PERIOD_DAY, (struct date){ 2018, 5, 1 }, (struct date){ 2018, 5, 1 });
	check_period("1/5/18", PERIOD_DAY, (struct date){ 2018, 5, 1 }, (struct date){ 2018, 5, 1 });
	check_period("May 2020", PERIOD_MONTH, (struct date){ 2020, 5, 1 }, (struct date){ 2020, 5, 31 });
	check_period("2020-05", PERIOD_MONTH, (struct date){ 2020, 5, 1 }, (struct date){ 2020, 5, 31 });
	check_period("Feb 2024", PERIOD_MONTH, (struct date){ 2024, 2, 1 }, (struct date){ 2024, 2, 29 });
	/* financial quarters: April to June is Q1 */
	check_period("Q1 2025/26", PERIOD_QUARTER, (struct date){ 2025, 4, 1 }, (struct date){ 2025, 6, 30 });
	check_period("Q2 2025/26", PERIOD_QUARTER, (struct date){ 2025, 7, 1 }, (struct date){ 2025, 9, 30 });
	check_period("Q3 2025-26", PERIOD_QUARTER, (struct date){ 2025, 10, 1 }, (struct date){ 2025, 12, 31 });
	check_period("Q4 2025/26", PERIOD_QUARTER, (struct date){ 2026, 1, 1 }, (struct date){ 2026, 3, 31 });
	check_period("q4 2025/2026", PERIOD_QUARTER, (struct date){ 2026, 1, 1 }, (struct date){ 2026, 3, 31 });
	/* calendar quarters */
	check_period("Q3 2023", PERIOD_QUARTER, (struct date){ 2023, 7, 1 }, (struct date){ 2023, 9, 30 });
	check_period("Q1 2024", PERIOD_QUARTER, (struct date){ 2024, 1, 1 }, (struct date){ 2024, 3, 31 });
	check_period("2025/26", PERIOD_FINANCIAL_YEAR, (struct date){ 2025, 4, 1 }, (struct date){ 2026, 3, 31 });
	check_period("2025-26", PERIOD_FINANCIAL_YEAR, (struct date){ 2025, 4, 1 }, (struct date){ 2026, 3, 31 });
	check_period("2099/00", PERIOD_FINANCIAL_YEAR, (struct date){ 2099, 4, 1 }, (struct date){ 2100, 3, 31 });
	check_period("2021", PERIOD_YEAR, (struct date){ 2021, 1, 1 }, (struct date){ 2021, 12, 31 });
	/* "2011-12" is December 2011, as revision 1 read it */
	check_period("2011-12", PERIOD_MONTH, (struct date){ 2011, 12, 1 }, (struct date){ 2011, 12, 31 });
	struct period p;
	CHECK(parse_period("Q5 2025/26", &p) == PARSE_INVALID);
	CHECK(parse_period("Q0 2025", &p) == PARSE_INVALID);
	CHECK(parse_period("2025/27", &p) == PARSE_INVALID);
	CHECK(parse_period("2025-27", &p) == PARSE_INVALID);
	CHECK(parse_period("31/02/2018", &p) == PARSE_INVALID);
	CHECK(parse_period("2018-13", &p) == PARSE_INVALID);
	CHECK(parse_period("Six monthly", &p) == PARSE_NO_MATCH);
	CHECK(parse_period("Q2", &p) == PARSE_NO_MATCH);
	CHECK(parse_period("Summer 2018", &p) == PARSE_NO_MATCH);
	CHECK(parse_period("20215", &p) == PARSE_NO_MATCH);
	CHECK(parse_period("", &p) == PARSE_NO_MATCH);
	char buf[40];
	parse_period("30/06/2018", &p);
	CHECK_STR(period_format(&p, buf, sizeof buf), "30 June 2018");
	parse_period("Q2 2025/26", &p);
	p.text = "Q2 2025/26";
	CHECK_STR(period_format(&p, buf, sizeof buf), "Q2 2025/26");
}

/* Numbers keep the digits written after their point. */
static void test_precision(void)
{
	struct number n;
	CHECK(parse_number("17", &n) && n.precision == 0);
	CHECK(parse_number("15.9", &n) && n.precision == 1);
	CHECK(parse_number("0.50", &n) && n.precision == 2 && n.value == 0.5);
	CHECK(parse_number("-1.250", &n) && n.precision == 3);
	CHECK(parse_number("~", &n) && !n.known);
}

int main(void)
{
	test_email();
	test_periods();
	test_precision();
	test_dates();
	test_months();
	test_formats();
	test_rag();
	test_numbers();
	test_ids_and_words();
	return unit_summary();
}
