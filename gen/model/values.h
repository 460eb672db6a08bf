/* values.h - the format's scalar types (date, month, due, RAG, number, id) parsed
 * from the text an officer wrote, and formatted back for people. Pure functions:
 * no diagnostics here, so they are easy to unit-test; the schema adds positions. */
#ifndef PLANPRESS_VALUES_H
#define PLANPRESS_VALUES_H

#include <stdbool.h>
#include <stddef.h>

struct date {
	int year, month, day;	/* all 0: no date */
};

enum rag { RAG_NONE, RAG_RED, RAG_AMBER, RAG_GREEN, RAG_BLUE, RAG_COUNT };

enum parse_result { PARSE_OK, PARSE_NO_MATCH, PARSE_INVALID };

/* 2018-05-01, 01/05/2018 (UK, day first), 1/5/18 (20xx), 1 May 2018, 1st May 2018.
 * PARSE_INVALID: it has a date's shape but names no real day (31/02/2018). */
enum parse_result parse_date(const char *s, struct date *out);
/* 2018-10, October 2018, Oct 2018 (day is 0). */
enum parse_result parse_month(const char *s, struct date *out);
bool date_is_set(struct date d);
int date_compare(struct date a, struct date b);
/* Last day of a month-only date; a full date unchanged. */
struct date date_end_of_period(struct date d);
int days_in_month(int year, int month);
/* "01/05/2018", or "May 2018" for a month, into buf. */
const char *date_format_uk(struct date d, char *buf, size_t size);
/* "1 May 2018" / "May 2018" for people. */
const char *date_format_long(struct date d, char *buf, size_t size);
/* "Thursday, 1 March 2018", as summonses date meetings. */
const char *date_format_weekday(struct date d, char *buf, size_t size);
/* "2018-05-01" for machines (CSV, metadata). */
const char *date_format_iso(struct date d, char *buf, size_t size);
const char *month_name(int month);

/* A span of time as precise as the source gives it (revision 2): a day, a
 * month ("May 2020", "2020-05"), a quarter ("Q2 2025/26", financial, April
 * to June being Q1; "Q3 2023", calendar), a financial year ("2025/26",
 * "2025-26": 1 April to 31 March) or a year ("2021"). It starts on its
 * first day and ends on its last; text is what was written, for showing. */
enum period_kind {
	PERIOD_NONE, PERIOD_DAY, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_FINANCIAL_YEAR,
	PERIOD_YEAR,
};
struct period {
	enum period_kind kind;
	struct date first, last;
	const char *text;	/* as written (set by the caller), for people */
};
/* PARSE_INVALID: the shape of a period that does not exist ("Q5 2025/26",
 * "2025/27", 31/02/2018). text is left NULL. */
enum parse_result parse_period(const char *s, struct period *out);
bool period_is_set(const struct period *p);
/* "30 June 2018" for a day; any other period as written. */
const char *period_format(const struct period *p, char *buf, size_t size);

/* red, amber, green, blue, none in any case; R, A, G, B; "" means none. */
bool parse_rag(const char *s, enum rag *out);
const char *rag_word(enum rag r);	/* "red" ... "none" */
const char *rag_label(enum rag r);	/* "Red" ... "Not rated" */

struct number {
	bool known;
	double value;
	int precision;	/* digits written after the point: "0.50" 2, "17" 0 */
};
/* Integer or decimal; ~, null, n/k, -, "" are a known-unknown. */
bool parse_number(const char *s, struct number *out);
bool parse_integer(const char *s, long *out);

/* [a-z0-9][a-z0-9-]*, at most ID_MAX characters: ids name output files, and a
 * chart's file joins two (plan-kpi.svg) within a file system's 255 bytes. */
#define ID_MAX 100
bool id_valid(const char *s);

/* A theme's or action's ref: at most this many characters. */
#define REF_MAX 100

/* An e-mail address as RFC 5322's addr-spec writes one, held to what a
 * mailto: link carries faithfully: a dot-atom local part (letters, digits,
 * ! # ... but no '?', '#' or '%', which a mailto: address would read as its
 * query, fragment or an escape), '@', and a domain of at least two labels
 * (letters, digits, hyphens; UTF-8 letters too). No spaces, no quoted local
 * part, no "mailto:". At most EMAIL_MAX bytes, 64 before the '@'. */
#define EMAIL_MAX 254
bool email_valid(const char *s);

/* Lower-case and turn spaces and hyphens into '_': "In progress" -> "in_progress". */
void normalise_word(const char *s, char *buf, size_t size);

#endif
