/* words.c - numbers, units, trends and labels in the words people read. */
#include "words.h"
#include "derive.h"
#include "catalog.h"

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
		return msg("days");
	default:
		return "";
	}
}

const char *report_classification_label(const struct report *r)
{
	if (r->classification == CLASS_EXEMPT)
		return msg("Exempt");
	return r->classification_given ? msg("Public") : NULL;
}

const char *kpi_series_name(const char *organisation)
{
	return organisation && *organisation ? organisation : msg("This council");
}

const char *kpi_format_value(struct arena *a, const struct kpi *k, struct number n)
{
	if (!n.known)
		return msg("not known");
	const char *num = format_number(a, n.value, kpi_precision(k, n));
	switch (k->unit) {
	case UNIT_PERCENT:
		return arena_printf(a, "%s%%", num);
	case UNIT_RATE:
		return msg_printf(a, msg("%s per %s"), num,
				  format_number(a, k->per.known ? k->per.value : 1, 0));
	case UNIT_CURRENCY:
		return num[0] == '-' ? arena_printf(a, "-£%s", num + 1) : arena_printf(a, "£%s", num);
	case UNIT_DAYS:
		/* "1 day", "2 days"; a fraction takes the plural */
		return msg_printf(a, msg_n("%s day", "%s days", fabs(n.value) == 1 ? 1 :
					   fabs(n.value) < 1 || n.value != floor(n.value) ? 5 :
					   (unsigned long)fabs(n.value)), num);
	default:
		return num;
	}
}

const char *kpi_change_text(struct arena *a, const struct kpi *k)
{
	if (k->latest < 0 || k->previous < 0)
		return NULL;
	if (k->change == 0)
		return msg("no change");
	/* with the larger precision of its two figures */
	struct number size = { true, fabs(k->change), k->change_precision };
	struct kpi as_written = *k;
	as_written.decimals_given = false;
	if (k->unit == UNIT_PERCENT) {
		const char *num = format_number(a, size.value, k->change_precision);
		unsigned long count = size.value == 1 ? 1 : size.value != floor(size.value) ? 5 :
				      (unsigned long)size.value;
		return msg_printf(a, k->change > 0 ?
				  msg_n("up %s percentage point", "up %s percentage points", count) :
				  msg_n("down %s percentage point", "down %s percentage points", count),
				  num);
	}
	return msg_printf(a, k->change > 0 ? msg("up %s") : msg("down %s"),
			  kpi_format_value(a, &as_written, size));
}

const char *kpi_trend_label(enum kpi_trend t)
{
	switch (t) {
	case TREND_IMPROVING: return msg("Improving");
	case TREND_WORSENING: return msg("Worsening");
	case TREND_NO_CHANGE: return msg("No change");
	case TREND_UP: return msg("Up");
	case TREND_DOWN: return msg("Down");
	default: return msg("Not known");
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
	return msg_printf(a, msg("for %s"), period);
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
	struct arena a;
	arena_init(&a);
	struct strbuf which = { 0 };
	if (unknown > 4) {
		strbuf_adds(&which, msg_printf(&a, msg("%s of the %s periods"),
					       arena_printf(&a, "%zu", unknown),
					       arena_printf(&a, "%zu", n)));
	} else {
		for (size_t i = 0, said = 0; i < n; i++) {
			if (k->values.at[i].known)
				continue;
			said++;
			strbuf_printf(&which, "%s%s", said == 1 ? "" : said == unknown ? msg(" and ") :
				      ", ", k->periods.at[i]);
		}
	}
	strbuf_adds(s, " ");
	strbuf_adds(s, msg_printf(&a, msg_n("The figure for %s is not known.",
					    "The figures for %s are not known.", unknown), which.data));
	strbuf_free(&which);
	arena_free(&a);
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
		strbuf_adds(&s, msg_printf(a, msg("%s: no values are known yet."), k->title));
	} else if (k->previous < 0) {
		strbuf_adds(&s, msg_printf(a, msg("%s was %s %s."), k->title,
					   kpi_format_value(a, k, k->values.at[k->latest]),
					   period_phrase(a, k->periods.at[k->latest])));
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
			strbuf_adds(&s, msg_printf(a, msg("%s stayed at %s from %s to %s"), k->title,
						   to, k->periods.at[first],
						   k->periods.at[k->latest]));
		} else if (overall == 0) {
			/* back where it started, after a change between */
			strbuf_adds(&s, msg_printf(a, msg("%s was %s %s and %s again %s"), k->title,
						   from, period_phrase(a, k->periods.at[first]), to,
						   period_phrase(a, k->periods.at[k->latest])));
		} else {
			strbuf_adds(&s, msg_printf(a, overall > 0 ? msg("%s rose from %s %s to %s %s") :
						   msg("%s fell from %s %s to %s %s"), k->title, from,
						   period_phrase(a, k->periods.at[first]), to,
						   period_phrase(a, k->periods.at[k->latest])));
		}
		/* the latest step, unless the run already says it */
		if (!flat && k->previous != first && step != overall) {
			const char *prev = kpi_format_value(a, k, k->values.at[k->previous]);
			if (step == 0)
				strbuf_adds(&s, msg_printf(a, msg(", unchanged from %s"),
							   k->periods.at[k->previous]));
			else
				strbuf_adds(&s, msg_printf(a, step > 0 ? msg(", up from %s %s") :
							   msg(", down from %s %s"), prev,
							   period_phrase(a, k->periods.at[k->previous])));
		}
		/* the judgement is of the latest change, as "Direction of travel" */
		if (k->trend == TREND_IMPROVING || k->trend == TREND_WORSENING)
			strbuf_adds(&s, k->trend == TREND_IMPROVING ? msg(", an improvement") :
				    msg(", a worsening"));
		strbuf_adds(&s, ".");
	}
	if (k->latest >= 0 && k->chart == CHART_BAR)
		not_known_periods(k, &s);
	if (k->latest >= 0 && (size_t)k->latest < k->targets.n && k->targets.at[k->latest].known) {
		if (k->rag == RAG_NONE)	/* contextual: shown, not rated against */
			strbuf_adds(&s, msg_printf(a, msg(" Target %s."),
						   kpi_format_value(a, k, k->targets.at[k->latest])));
		else
			strbuf_adds(&s, msg_printf(a, msg(" Target %s (%s)."),
						   kpi_format_value(a, k, k->targets.at[k->latest]),
						   kpi_target_met(k) ? msg("met") : k->rag == RAG_GREEN ?
						   msg("not met, but within the margin rated green") :
						   k->rag == RAG_AMBER ? msg("nearly met") :
						   msg("not met")));
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
	case ACTION_NOT_STARTED: return msg("Not started");
	case ACTION_IN_PROGRESS: return msg("In progress");
	case ACTION_COMPLETE: return msg("Complete");
	case ACTION_CANCELLED: return msg("Cancelled");
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
	case PLAN_DRAFT: return msg("Draft");
	case PLAN_CONSULTATION: return msg("Consultation draft");
	case PLAN_APPROVED: return msg("Approved");
	case PLAN_FINAL: return msg("Final");
	case PLAN_SUPERSEDED: return msg("Superseded");
	default: return NULL;	/* none given: none shown */
	}
}

const char *change_label(enum change c)
{
	switch (c) {
	case CHANGE_UP: return msg("Up");
	case CHANGE_DOWN: return msg("Down");
	case CHANGE_COMPLETED: return msg("Completed");
	case CHANGE_NEW: return msg("New");
	case CHANGE_SAME: return msg("No change");
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
		[RAG_NONE] = NC_("counted", "not rated"), [RAG_RED] = NC_("counted", "red"),
		[RAG_AMBER] = NC_("counted", "amber"), [RAG_GREEN] = NC_("counted", "green"),
		[RAG_BLUE] = NC_("counted", "blue (complete)"),
	};
	return r == rating_builtin(r->rag) ? msg_c("counted", builtin[r->rag]) : r->word;
}

/* "12 actions", "2 gam gweithredu": a count in the plural form its number
 * takes (Welsh mutates the noun after some numbers). */
static const char *count_of(struct arena *a, const char *one, const char *many, size_t n)
{
	return msg_printf(a, msg_n(one, many, n), arena_printf(a, "%zu", n));
}

bool rating_counts_any(const struct rating_counts *rc)
{
	return rc->actions + rc->steps > 0;
}

const char *rating_counts_text(struct arena *a, const struct plan *p,
			       const struct rating_counts *rc)
{
	struct strbuf s = { 0 };
	const char *actions = count_of(a, NN_("%s action", "%s actions"), rc->actions);
	const char *steps = count_of(a, NN_("%s step", "%s steps"), rc->steps);
	if (rc->actions && rc->steps)
		strbuf_adds(&s, msg_printf(a, msg("%s and %s"), actions, steps));
	else
		strbuf_adds(&s, rc->steps && !rc->actions ? steps : actions);
	const char *sep = ": ";
	for (size_t i = 0; i < p->n_rating_order; i++) {
		if (!rc->counts[i])
			continue;
		strbuf_printf(&s, "%s%zu %s", sep, rc->counts[i],
			      rating_count_word(p->rating_order[i]));
		sep = ", ";
	}
	if (rc->unrated)
		strbuf_adds(&s, msg_printf(a, msg_n("; %s other action has no rating",
						    "; %s other actions have no rating", rc->unrated),
					   arena_printf(a, "%zu", rc->unrated)));
	const char *out = arena_strdup(a, s.data);
	strbuf_free(&s);
	return out;
}

const char *theme_empty_text(struct arena *a, const struct theme *t)
{
	if (t->actions.n || t->themes.n || t->summary || t->review.progress ||
	    t->review.challenges || t->review.next_steps || t->kpi_ids.n)
		return NULL;
	/* a title that ends a sentence of its own gets no second full stop */
	const char *text = msg_printf(a, msg("This plan lists no actions for %s."), t->name);
	size_t n = strlen(t->name), len = strlen(text);
	if (n && strchr(".!?", t->name[n - 1]) && len > n && text[len - 1] == '.' &&
	    strncmp(text + len - 1 - n, t->name, n) == 0)
		return arena_strndup(a, text, len - 1);
	return text;
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
		{ msg("Organisation"), p->organisation },
		{ msg("Service"), p->service },
		{ msg("Version"), p->version },
		{ msg("Status"), plan_status_label(p->status) },
		{ msg("Period"), p->period },
		{ msg("Published"), published },
		{ msg("Progress as at"), period_text(a, &p->as_at) },
		{ msg("Owner"), p->owner },
	};
	for (size_t i = 0; i < sizeof all / sizeof *all && n < PLAN_FACTS_MAX; i++)
		if (all[i].value && *all[i].value)
			out[n++] = all[i];
	return n;
}

const char *plan_counts_text(struct arena *a, const struct plan *p)
{
	const char *actions = p->n_actions ? count_of(a, NN_("%s action", "%s actions"), p->n_actions) :
			      NULL;
	const char *kpis = p->kpis.n ? count_of(a, NN_("%s indicator", "%s indicators"), p->kpis.n) :
			   NULL;
	if (actions && kpis)
		return arena_printf(a, "%s, %s", actions, kpis);
	return actions ? actions : kpis;
}

const char *overdue_text(struct arena *a, size_t actions, size_t steps)
{
	const char *n_actions = arena_printf(a, "%zu", actions), *n_steps = arena_printf(a, "%zu", steps);
	if (!steps)
		return msg_printf(a, msg_n("%s action is past its due date and not complete.",
					   "%s actions are past their due date and not complete.",
					   actions), n_actions);
	if (!actions)
		return msg_printf(a, msg_n("%s step is past its due date and not complete.",
					   "%s steps are past their due date and not complete.", steps),
				  n_steps);
	return msg_printf(a, msg("%s and %s are past their due dates and not complete."),
			  count_of(a, NN_("%s action", "%s actions"), actions),
			  count_of(a, NN_("%s step", "%s steps"), steps));
}

const char *changes_title(struct arena *a, const struct plan *p)
{
	return msg_printf(a, msg("Changes since %s"), period_text(a, &p->previous_review));
}

const char *changed_heading(enum changed kind)
{
	switch (kind) {
	case CHANGED_UP: return msg("Ratings that went up");
	case CHANGED_DOWN: return msg("Ratings that went down");
	case CHANGED_COMPLETED: return msg("Completed");
	case CHANGED_NEW: return msg("New");
	case CHANGED_OVERDUE: return msg("Overdue");
	case CHANGED_KPI: return msg("Indicators whose rating changed");
	default: return "";
	}
}

const char *change_subject(struct arena *a, const struct plan_change *c)
{
	if (c->kpi)
		return c->kpi->ref ? arena_printf(a, "%s %s", c->kpi->ref, c->kpi->title) : c->kpi->title;
	const char *who = msg_printf(a, msg("Action %s"), c->action->shown_ref ? c->action->shown_ref : "");
	if (c->step)
		who = msg_printf(a, msg("%s, step %s"), who, arena_printf(a, "%zu", c->step->number));
	return who;
}

const char *change_text(struct arena *a, const struct plan_change *c)
{
	const char *subject = change_subject(a, c);
	if (!c->kpi && !c->step && c->action->title)
		subject = arena_printf(a, "%s (%s)", subject, c->action->title);
	if (c->from && c->to && c->kind != CHANGED_COMPLETED && c->kind != CHANGED_NEW &&
	    c->kind != CHANGED_OVERDUE)
		return msg_printf(a, msg("%s: from %s to %s"), subject, msg(c->from->word),
				  msg(c->to->word));
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
	return i < k->status.n && k->status.at[i].rating ? msg(k->status.at[i].rating->word) :
	       msg("none given");
}

const char *kpi_trend_text(const struct kpi *k, size_t i)
{
	return i < k->trend_words.n && k->trend_words.at[i] ? k->trend_words.at[i] : msg("none given");
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
