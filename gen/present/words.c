/* words.c - numbers, units, trends and labels in the words people read. */
#include "words.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

const char *format_number(struct arena *a, double v, long decimals)
{
	char digits[64];
	if (decimals < 0)
		decimals = 0;
	snprintf(digits, sizeof digits, "%.*f", (int)decimals, fabs(v));
	if (strtod(digits, NULL) == 0)
		v = 0;	/* no "-0" */
	char *dot = strchr(digits, '.');
	size_t int_len = dot ? (size_t)(dot - digits) : strlen(digits);
	char out[96];
	size_t o = 0;
	if (v < 0)
		out[o++] = '-';
	for (size_t i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	if (dot)
		strcat(out, dot);
	return arena_strdup(a, out);
}

const char *kpi_unit_label(const struct kpi *k)
{
	switch (k->unit) {
	case UNIT_PERCENT:
		return "%";
	case UNIT_RATE:
		return "per";
	case UNIT_CURRENCY:
		return "£";
	case UNIT_DAYS:
		return "days";
	default:
		return "";
	}
}

const char *kpi_series_name(const char *organisation)
{
	return organisation && *organisation ? organisation : "This council";
}

const char *kpi_format_value(struct arena *a, const struct kpi *k, struct number n)
{
	if (!n.known)
		return "not known";
	const char *num = format_number(a, n.value, k->decimals);
	switch (k->unit) {
	case UNIT_PERCENT:
		return arena_printf(a, "%s%%", num);
	case UNIT_RATE:
		return arena_printf(a, "%s per %s", num,
				    format_number(a, k->per.known ? k->per.value : 1, 0));
	case UNIT_CURRENCY:
		return num[0] == '-' ? arena_printf(a, "-£%s", num + 1) : arena_printf(a, "£%s", num);
	case UNIT_DAYS:
		return arena_printf(a, "%s day%s", num, fabs(n.value) == 1 ? "" : "s");
	default:
		return num;
	}
}

const char *kpi_change_text(struct arena *a, const struct kpi *k)
{
	if (k->latest < 0 || k->previous < 0)
		return NULL;
	if (k->change == 0)
		return "no change";
	const char *dir = k->change > 0 ? "up" : "down";
	struct number size = { true, fabs(k->change) };
	if (k->unit == UNIT_PERCENT) {
		const char *num = format_number(a, size.value, k->decimals);
		return arena_printf(a, "%s %s percentage point%s", dir, num,
				    size.value == 1 ? "" : "s");
	}
	return arena_printf(a, "%s %s", dir, kpi_format_value(a, k, size));
}

const char *kpi_trend_label(enum kpi_trend t)
{
	switch (t) {
	case TREND_IMPROVING: return "Improving";
	case TREND_WORSENING: return "Worsening";
	case TREND_NO_CHANGE: return "No change";
	case TREND_UP: return "Up";
	case TREND_DOWN: return "Down";
	default: return "Not known";
	}
}

const char *kpi_trend_word(enum kpi_trend t)
{
	switch (t) {
	case TREND_IMPROVING: return "improving";
	case TREND_WORSENING: return "worsening";
	case TREND_NO_CHANGE: return "no-change";
	case TREND_UP: return "up";
	case TREND_DOWN: return "down";
	default: return "not-known";
	}
}

/* "for 2017/18", "for 31 March 2018", "for Q1 2019/20": one preposition
 * that reads right for every kind of period label ("in" and "at" each read
 * wrong for one kind, and a label may be a date followed by more words). */
static const char *period_phrase(struct arena *a, const char *period)
{
	return arena_printf(a, "for %s", period);
}

/* -1, 0 or 1: how b compares with a at the precision the KPI shows, as the
 * derived change is judged (so "38% to 38%" is no change). */
static int shown_direction(const struct kpi *k, double a, double b)
{
	double scale = pow(10.0, (double)(k->decimals < 0 ? 0 : k->decimals));
	double d = round(b * scale) - round(a * scale);
	return d > 0.5 ? 1 : d < -0.5 ? -1 : 0;
}

/* The periods a bar chart marks "n/k", in words: " The figure for 2016 is
 * not known.", "... for 2015, 2016 and 2018 are ...", or past four of them
 * how many ("The figures for 6 of the 45 periods ..."; the table lists them). */
static void not_known_periods(const struct kpi *k, struct strbuf *s)
{
	size_t n = k->values.n < k->periods.n ? k->values.n : k->periods.n, unknown = 0;
	for (size_t i = 0; i < n; i++)
		unknown += !k->values.at[i].known;
	if (!unknown)
		return;
	strbuf_printf(s, " The figure%s for ", unknown == 1 ? "" : "s");
	if (unknown > 4) {
		strbuf_printf(s, "%zu of the %zu periods", unknown, n);
	} else {
		for (size_t i = 0, said = 0; i < n; i++) {
			if (k->values.at[i].known)
				continue;
			said++;
			strbuf_printf(s, "%s%s", said == 1 ? "" : said == unknown ? " and " : ", ",
				      k->periods.at[i]);
		}
	}
	strbuf_printf(s, " %s not known.", unknown == 1 ? "is" : "are");
}

/* The whole run first (first known value to latest, with its direction),
 * then the latest change when it goes another way than the run, so that a
 * reader hears the trend and the last step without seeing the chart:
 * "rose from 29% for 2017 to 38% for 2019, down from 43% for 2018". */
const char *kpi_sentence(struct arena *a, const struct kpi *k)
{
	struct strbuf s = { 0 };
	long first = -1;
	for (size_t i = 0; i < k->values.n && first < 0; i++)
		if (k->values.at[i].known)
			first = (long)i;
	if (k->latest < 0) {
		strbuf_printf(&s, "%s: no values are known yet.", k->title);
	} else if (k->previous < 0) {
		strbuf_printf(&s, "%s was %s %s.", k->title,
			      kpi_format_value(a, k, k->values.at[k->latest]),
			      period_phrase(a, k->periods.at[k->latest]));
	} else {
		double v_first = k->values.at[first].value, v_last = k->values.at[k->latest].value;
		double v_prev = k->values.at[k->previous].value;
		const char *from = kpi_format_value(a, k, k->values.at[first]);
		const char *to = kpi_format_value(a, k, k->values.at[k->latest]);
		bool flat = true;
		for (long i = first; i <= k->latest; i++)
			if (k->values.at[i].known &&
			    shown_direction(k, v_first, k->values.at[i].value) != 0)
				flat = false;
		int overall = shown_direction(k, v_first, v_last);
		int step = shown_direction(k, v_prev, v_last);
		if (flat) {
			strbuf_printf(&s, "%s stayed at %s from %s to %s", k->title, to,
				      k->periods.at[first], k->periods.at[k->latest]);
		} else if (overall == 0) {
			/* back where it started, after a change between */
			strbuf_printf(&s, "%s was %s %s and %s again %s", k->title, from,
				      period_phrase(a, k->periods.at[first]), to,
				      period_phrase(a, k->periods.at[k->latest]));
		} else {
			strbuf_printf(&s, "%s %s from %s %s to %s %s", k->title,
				      overall > 0 ? "rose" : "fell", from,
				      period_phrase(a, k->periods.at[first]), to,
				      period_phrase(a, k->periods.at[k->latest]));
		}
		/* the latest step, unless the run already says it */
		if (!flat && k->previous != first && step != overall) {
			const char *prev = kpi_format_value(a, k, k->values.at[k->previous]);
			if (step == 0)
				strbuf_printf(&s, ", unchanged from %s", k->periods.at[k->previous]);
			else
				strbuf_printf(&s, ", %s from %s %s", step > 0 ? "up" : "down", prev,
					      period_phrase(a, k->periods.at[k->previous]));
		}
		/* the judgement is of the latest change, as "Direction of travel" */
		if (k->trend == TREND_IMPROVING || k->trend == TREND_WORSENING)
			strbuf_printf(&s, ", %s", k->trend == TREND_IMPROVING ? "an improvement" :
				      "a worsening");
		strbuf_adds(&s, ".");
	}
	if (k->latest >= 0 && k->chart == CHART_BAR)
		not_known_periods(k, &s);
	if (k->latest >= 0 && (size_t)k->latest < k->targets.n && k->targets.at[k->latest].known)
		strbuf_printf(&s, " Target %s (%s).",
			      kpi_format_value(a, k, k->targets.at[k->latest]),
			      k->rag == RAG_GREEN ? "met" : k->rag == RAG_AMBER ? "nearly met" :
			      "not met");
	for (size_t i = 0; i < k->comparators.n; i++) {
		const struct comparator *c = &k->comparators.at[i];
		/* the comparator's latest known value, with its period */
		for (size_t j = c->values.n; j-- > 0;)
			if (c->values.at[j].known) {
				strbuf_printf(&s, " %s %s %s.", c->name,
					      kpi_format_value(a, k, c->values.at[j]),
					      period_phrase(a, k->periods.at[j]));
				break;
			}
	}
	const char *out = arena_strdup(a, s.data ? s.data : "");
	strbuf_free(&s);
	return out;
}

const char *action_status_label(enum action_status s)
{
	switch (s) {
	case ACTION_NOT_STARTED: return "Not started";
	case ACTION_IN_PROGRESS: return "In progress";
	case ACTION_COMPLETE: return "Complete";
	case ACTION_CANCELLED: return "Cancelled";
	default: return "";
	}
}

const char *action_status_word(enum action_status s)
{
	switch (s) {
	case ACTION_NOT_STARTED: return "not-started";
	case ACTION_IN_PROGRESS: return "in-progress";
	case ACTION_COMPLETE: return "complete";
	case ACTION_CANCELLED: return "cancelled";
	default: return "none";
	}
}

const char *plan_status_label(enum plan_status s)
{
	switch (s) {
	case PLAN_DRAFT: return "Draft";
	case PLAN_CONSULTATION: return "Consultation draft";
	case PLAN_FINAL: return "Final";
	case PLAN_SUPERSEDED: return "Superseded";
	default: return "Approved";
	}
}

const char *rag_counts_text(struct arena *a, const size_t counts[RAG_COUNT])
{
	static const enum rag order[] = { RAG_RED, RAG_AMBER, RAG_GREEN, RAG_BLUE, RAG_NONE };
	static const char *const words[] = { "red", "amber", "green", "blue (complete)",
					     "not rated" };
	size_t total = 0;
	for (int r = 0; r < RAG_COUNT; r++)
		total += counts[r];
	struct strbuf s = { 0 };
	strbuf_printf(&s, "%zu action%s", total, total == 1 ? "" : "s");
	const char *sep = ": ";
	for (size_t i = 0; i < 5; i++) {
		if (!counts[order[i]])
			continue;
		strbuf_printf(&s, "%s%zu %s", sep, counts[order[i]], words[i]);
		sep = ", ";
	}
	const char *out = arena_strdup(a, s.data);
	strbuf_free(&s);
	return out;
}

static bool starts_list(const char *line, size_t n)
{
	size_t i = 0;
	while (i < n && line[i] == ' ')
		i++;
	if (i + 1 < n && (line[i] == '-' || line[i] == '*' || line[i] == '+') && line[i + 1] == ' ')
		return true;
	if (i + 3 <= n && memcmp(line + i, "\xE2\x80\xA2", 3) == 0)
		return true;
	size_t d = i;
	while (d < n && line[d] >= '0' && line[d] <= '9')
		d++;
	return d > i && d + 1 < n && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ';
}

/* A line of three or more "-", "*" or "_" (spaces between allowed), which
 * markdown draws as a rule. */
static bool thematic_break(const char *p, size_t n)
{
	char mark = 0;
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == ' ' || p[i] == '\t')
			continue;
		if ((p[i] != '-' && p[i] != '*' && p[i] != '_') || (mark && p[i] != mark))
			return false;
		mark = p[i];
		count++;
	}
	return count >= 3;
}

text_list split_paragraphs(struct arena *a, const char *md)
{
	text_list out = { 0 };
	size_t cap = 8;
	out.at = arena_alloc(a, cap * sizeof *out.at);
	struct strbuf cur = { 0 };
	const char *p = md;
	bool in_fence = false, blank_before = false;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		bool blank = true;
		for (size_t i = 0; i < n; i++)
			if (p[i] != ' ' && p[i] != '\t')
				blank = false;
		if (n >= 3 && (strncmp(p, "```", 3) == 0 || strncmp(p, "~~~", 3) == 0))
			in_fence = !in_fence;
		/* a rule standing alone separates paragraphs and is not one: it
		 * would be a numbered paragraph with nothing in it ("Text\n---"
		 * with no blank line between is a heading, and stays) */
		if (!in_fence && !blank && thematic_break(p, n) && (blank_before || !cur.len))
			blank = true;
		if (blank && !in_fence) {
			blank_before = true;
		} else {
			/* a new block after a blank line starts a new paragraph, unless it
			 * is a list continuing the paragraph it follows */
			if (blank_before && cur.len && !starts_list(p, n) && p[0] != ' ') {
				if (out.n == cap) {
					cap *= 2;
					const char **bigger = arena_alloc(a, cap * sizeof *bigger);
					memcpy(bigger, out.at, out.n * sizeof *bigger);
					out.at = bigger;
				}
				out.at[out.n++] = arena_strdup(a, cur.data);
				cur.len = 0;
				cur.data[0] = '\0';
			} else if (blank_before && cur.len) {
				strbuf_adds(&cur, "\n");
			}
			strbuf_add(&cur, p, n);
			strbuf_addc(&cur, '\n');
			blank_before = false;
		}
		p += n + (eol ? 1 : 0);
	}
	if (cur.len) {
		if (out.n == cap) {
			const char **bigger = arena_alloc(a, (cap + 1) * sizeof *bigger);
			memcpy(bigger, out.at, out.n * sizeof *bigger);
			out.at = bigger;
		}
		out.at[out.n++] = arena_strdup(a, cur.data);
	}
	strbuf_free(&cur);
	return out;
}

const char *theme_empty_text(struct arena *a, const struct theme *t)
{
	if (t->actions.n || t->summary || t->review.progress || t->review.challenges ||
	    t->review.next_steps || t->kpi_ids.n)
		return NULL;
	return arena_printf(a, "No actions have been set for %s %s yet.", t->label, t->ref);
}
