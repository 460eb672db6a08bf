/* words.c - numbers, units, trends and labels in the words people read. */
#include "words.h"
#include "derive.h"

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
	const char *num = format_number(a, n.value, kpi_precision(k, n));
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
	/* with the larger precision of its two figures */
	struct number size = { true, fabs(k->change), k->change_precision };
	struct kpi as_written = *k;
	as_written.decimals_given = false;
	if (k->unit == UNIT_PERCENT) {
		const char *num = format_number(a, size.value, k->change_precision);
		return arena_printf(a, "%s %s percentage point%s", dir, num,
				    size.value == 1 ? "" : "s");
	}
	return arena_printf(a, "%s %s", dir, kpi_format_value(a, &as_written, size));
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

/* -1, 0 or 1: how b compares with a at the precision the KPI shows them, as
 * the derived change is judged (so "38% to 38%" is no change). */
static int shown_direction(const struct kpi *k, struct number a, struct number b)
{
	int pa = kpi_precision(k, a), pb = kpi_precision(k, b), p = pa > pb ? pa : pb;
	double va = round(a.value * pow(10.0, pa)) / pow(10.0, pa);
	double vb = round(b.value * pow(10.0, pb)) / pow(10.0, pb);
	double d = (vb - va) * pow(10.0, p);
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
		struct number v_first = k->values.at[first], v_last = k->values.at[k->latest];
		struct number v_prev = k->values.at[k->previous];
		const char *from = kpi_format_value(a, k, k->values.at[first]);
		const char *to = kpi_format_value(a, k, k->values.at[k->latest]);
		bool flat = true;
		for (long i = first; i <= k->latest; i++)
			if (k->values.at[i].known &&
			    shown_direction(k, v_first, k->values.at[i]) != 0)
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
	if (k->latest >= 0 && (size_t)k->latest < k->targets.n && k->targets.at[k->latest].known) {
		if (k->rag == RAG_NONE)	/* contextual: shown, not rated against */
			strbuf_printf(&s, " Target %s.",
				      kpi_format_value(a, k, k->targets.at[k->latest]));
		else
			strbuf_printf(&s, " Target %s (%s).",
				      kpi_format_value(a, k, k->targets.at[k->latest]),
				      kpi_target_met(k) ? "met" : k->rag == RAG_GREEN ?
				      "not met, but within the margin rated green" :
				      k->rag == RAG_AMBER ? "nearly met" : "not met");
	}
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
	case PLAN_APPROVED: return "Approved";
	case PLAN_FINAL: return "Final";
	case PLAN_SUPERSEDED: return "Superseded";
	default: return NULL;	/* none given: none shown */
	}
}

const char *change_label(enum change c)
{
	switch (c) {
	case CHANGE_UP: return "Up";
	case CHANGE_DOWN: return "Down";
	case CHANGE_COMPLETED: return "Completed";
	case CHANGE_NEW: return "New";
	case CHANGE_SAME: return "No change";
	default: return NULL;
	}
}

const char *change_word(enum change c)
{
	switch (c) {
	case CHANGE_UP: return "up";
	case CHANGE_DOWN: return "down";
	case CHANGE_COMPLETED: return "completed";
	case CHANGE_NEW: return "new";
	case CHANGE_SAME: return "same";
	default: return "none";
	}
}

const char *rating_count_word(const struct rating *r)
{
	/* revision 1's words as its summaries always read; a council's as it
	 * writes them */
	static const char *const builtin[RAG_COUNT] = {
		[RAG_NONE] = "not rated", [RAG_RED] = "red", [RAG_AMBER] = "amber",
		[RAG_GREEN] = "green", [RAG_BLUE] = "blue (complete)",
	};
	return r == rating_builtin(r->rag) ? builtin[r->rag] : r->word;
}

bool rating_counts_any(const struct rating_counts *rc)
{
	return rc->actions + rc->steps > 0;
}

const char *rating_counts_text(struct arena *a, const struct plan *p,
			       const struct rating_counts *rc)
{
	struct strbuf s = { 0 };
	if (rc->actions || !rc->steps)
		strbuf_printf(&s, "%zu action%s", rc->actions, rc->actions == 1 ? "" : "s");
	if (rc->steps)
		strbuf_printf(&s, "%s%zu step%s", rc->actions ? " and " : "", rc->steps,
			      rc->steps == 1 ? "" : "s");
	const char *sep = ": ";
	for (size_t i = 0; i < p->n_rating_order; i++) {
		if (!rc->counts[i])
			continue;
		strbuf_printf(&s, "%s%zu %s", sep, rc->counts[i],
			      rating_count_word(p->rating_order[i]));
		sep = ", ";
	}
	if (rc->unrated)
		strbuf_printf(&s, "; %zu other action%s %s no rating", rc->unrated,
			      rc->unrated == 1 ? "" : "s", rc->unrated == 1 ? "has" : "have");
	const char *out = arena_strdup(a, s.data);
	strbuf_free(&s);
	return out;
}

const char *theme_empty_text(struct arena *a, const struct theme *t)
{
	if (t->actions.n || t->themes.n || t->summary || t->review.progress ||
	    t->review.challenges || t->review.next_steps || t->kpi_ids.n)
		return NULL;
	return arena_printf(a, "This plan lists no actions for %s.", t->name);
}

const char *period_text(struct arena *a, const struct period *p)
{
	char buf[80];
	if (!period_is_set(p))
		return NULL;
	return arena_strdup(a, period_format(p, buf, sizeof buf));
}

size_t plan_facts(struct arena *a, const struct plan *p, struct fact *out)
{
	size_t n = 0;
	char buf[64];
	const char *published = date_is_set(p->published) ?
		arena_strdup(a, date_format_long(p->published, buf, sizeof buf)) : NULL;
	const struct fact all[] = {
		{ "Organisation", p->organisation },
		{ "Service", p->service },
		{ "Version", p->version },
		{ "Status", plan_status_label(p->status) },
		{ "Period", p->period },
		{ "Published", published },
		{ "Progress as at", period_text(a, &p->as_at) },
		{ "Owner", p->owner },
	};
	for (size_t i = 0; i < sizeof all / sizeof *all && n < PLAN_FACTS_MAX; i++)
		if (all[i].value && *all[i].value)
			out[n++] = all[i];
	return n;
}

const char *plan_counts_text(struct arena *a, const struct plan *p)
{
	const char *actions = p->n_actions ? arena_printf(a, "%zu action%s", p->n_actions,
							   p->n_actions == 1 ? "" : "s") : NULL;
	const char *kpis = p->kpis.n ? arena_printf(a, "%zu indicator%s", p->kpis.n,
						     p->kpis.n == 1 ? "" : "s") : NULL;
	if (actions && kpis)
		return arena_printf(a, "%s, %s", actions, kpis);
	return actions ? actions : kpis;
}

const char *overdue_text(struct arena *a, size_t actions, size_t steps)
{
	const char *steps_of = arena_printf(a, "%zu step%s", steps, steps == 1 ? "" : "s");
	if (!steps)
		return arena_printf(a, "%zu action%s past %s due date and not complete.", actions,
				    actions == 1 ? " is" : "s are", actions == 1 ? "its" : "their");
	if (!actions)
		return arena_printf(a, "%s %s past %s due date and not complete.", steps_of,
				    steps == 1 ? "is" : "are", steps == 1 ? "its" : "their");
	return arena_printf(a, "%zu action%s and %s are past their due dates and not complete.",
			    actions, actions == 1 ? "" : "s", steps_of);
}

const char *changes_title(struct arena *a, const struct plan *p)
{
	return arena_printf(a, "Changes since %s", period_text(a, &p->previous_review));
}

const char *changed_heading(enum changed kind)
{
	switch (kind) {
	case CHANGED_UP: return "Ratings that went up";
	case CHANGED_DOWN: return "Ratings that went down";
	case CHANGED_COMPLETED: return "Completed";
	case CHANGED_NEW: return "New";
	case CHANGED_OVERDUE: return "Overdue";
	case CHANGED_KPI: return "Indicators whose rating changed";
	default: return "";
	}
}

const char *change_subject(struct arena *a, const struct plan_change *c)
{
	if (c->kpi)
		return c->kpi->ref ? arena_printf(a, "%s %s", c->kpi->ref, c->kpi->title) : c->kpi->title;
	const char *who = arena_printf(a, "Action %s", c->action->shown_ref ? c->action->shown_ref : "");
	if (c->step)
		who = arena_printf(a, "%s, step %zu", who, c->step->number);
	return who;
}

const char *change_text(struct arena *a, const struct plan_change *c)
{
	const char *subject = change_subject(a, c);
	if (!c->kpi && !c->step && c->action->title)
		subject = arena_printf(a, "%s (%s)", subject, c->action->title);
	if (c->from && c->to && c->kind != CHANGED_COMPLETED && c->kind != CHANGED_NEW &&
	    c->kind != CHANGED_OVERDUE)
		return arena_printf(a, "%s: from %s to %s", subject, c->from->word, c->to->word);
	return subject;
}

const struct rating *kpi_shown_rating(const struct kpi *k)
{
	if (k->latest >= 0 && (size_t)k->latest < k->status.n && k->status.at[k->latest].rating)
		return k->status.at[k->latest].rating;
	return k->rag != RAG_NONE ? rating_builtin(k->rag) : NULL;
}

const char *kpi_status_text(const struct kpi *k, size_t i)
{
	return i < k->status.n && k->status.at[i].rating ? k->status.at[i].rating->word :
	       "none given";
}

const char *kpi_trend_text(const struct kpi *k, size_t i)
{
	return i < k->trend_words.n && k->trend_words.at[i] ? k->trend_words.at[i] : "none given";
}

const char *kpi_shown_trend(const struct kpi *k)
{
	if (k->latest >= 0 && (size_t)k->latest < k->trend_words.n && k->trend_words.at[k->latest])
		return k->trend_words.at[k->latest];
	return kpi_trend_label(k->trend);
}

const char *names_in_line(struct arena *a, const text_list *names)
{
	const char *sep = ", ";
	for (size_t i = 0; i < names->n; i++)
		if (strchr(names->at[i], ','))
			sep = "; ";
	struct strbuf line = { 0 };
	for (size_t i = 0; i < names->n; i++)
		strbuf_printf(&line, "%s%s", i ? sep : "", names->at[i]);
	const char *out = arena_strdup(a, line.data ? line.data : "");
	strbuf_free(&line);
	return out;
}
