/* words.h - how the model is put into words and figures for people, shared by
 * the HTML and PDF renderers so both say exactly the same: KPI values with
 * their units, change and direction of travel, RAG and status labels, the
 * sentence that describes a KPI's trend (chart alt text), RAG summaries. */
#ifndef PLANPRESS_WORDS_H
#define PLANPRESS_WORDS_H

#include "model.h"
#include "util.h"

/* "38%", "92 per 10,000", "£1,500", "12 days", "1,204"; "not known". */
const char *kpi_format_value(struct arena *a, const struct kpi *k, struct number n);
/* "down 5 percentage points", "up 3 per 10,000", "no change"; NULL if unknown. */
const char *kpi_change_text(struct arena *a, const struct kpi *k);
const char *kpi_trend_label(enum kpi_trend t);	/* "Improving", ... "Not known" */
const char *kpi_trend_word(enum kpi_trend t);	/* "improving" (CSS class) */
const char *kpi_unit_label(const struct kpi *k);	/* "per 10,000", "%", "" */
/* The name of a plan's own figures beside its comparators, the same in the
 * chart's legend and the figures table: the organisation ("Herefordshire
 * Council"), or "This council" when the plan names none. */
const char *kpi_series_name(const char *organisation);
/* "Care leavers in EET rose from 29% for 2017 to 38% for 2019, down from 43%
 * for 2018, a worsening. Target 50% (not met). England 51% for 2019." — the
 * trend in words, first value to latest, then the latest change when it goes
 * the other way; for alt text and summaries. A bar chart, which marks a
 * period not known "n/k", says which: "The figure for 2018 is not known." */
const char *kpi_sentence(struct arena *a, const struct kpi *k);

/* "Exempt", "Public", or NULL: a report is public unless it says otherwise,
 * but "Public" is printed only where it says so (revision 2: no defaults). */
const char *report_classification_label(const struct report *r);

const char *action_status_label(enum action_status s);	/* "In progress" */
const char *action_status_word(enum action_status s);	/* "in-progress" */
/* "Draft"; NULL for a plan that gives no status (none is shown). */
const char *plan_status_label(enum plan_status s);
/* Names in one line: "A, B", or "A, Head of X; B" where a name holds a comma,
 * so that no name reads as two. */
const char *names_in_line(struct arena *a, const text_list *names);
/* "Up", "Down", "Completed", "New", "No change"; NULL when none is judged. */
const char *change_label(enum change c);
const char *change_word(enum change c);		/* "up" (CSS class) */

/* A rating as summaries count it: "red", "blue (complete)", "not rated",
 * or the council's word as written. */
const char *rating_count_word(const struct rating *r);
/* Whether anything in the scope of the counts is rated: summaries of
 * ratings appear only then (revision 2). */
bool rating_counts_any(const struct rating_counts *rc);
/* "12 actions: 10 green, 1 amber, 1 not rated"; "4 actions and 6 steps:
 * 3 Completed, ..."; "...; 2 other actions have no rating". */
const char *rating_counts_text(struct arena *a, const struct plan *p,
			       const struct rating_counts *rc);
/* For a theme with nothing in it (no actions, summary, review or
 * indicators), a sentence saying so, so its page is not a bare heading;
 * otherwise NULL. */
const char *theme_empty_text(struct arena *a, const struct theme *t);

/* A label and its value, as a cover or a page's facts list them. */
struct fact {
	const char *label, *value;
};
#define PLAN_FACTS_MAX 12
/* The plan's facts in the order every output shows them (only those it
 * gives): Organisation, Service, Version, Status, Period, Published,
 * Progress as at, Owner. Returns how many. */
size_t plan_facts(struct arena *a, const struct plan *p, struct fact *out);
/* What a plan holds, for the index: "12 actions, 4 indicators"; NULL when
 * it holds neither. */
const char *plan_counts_text(struct arena *a, const struct plan *p);
/* "2 actions are past their due date and not complete."; with steps, "1
 * action and 2 steps are past their due dates and not complete." */
const char *overdue_text(struct arena *a, size_t actions, size_t steps);

/* "Changes since May 2020" */
const char *changes_title(struct arena *a, const struct plan *p);
/* The heading of a kind of change: "Ratings gone up", "Completed" ... */
const char *changed_heading(enum changed kind);
/* "Action 1.2, step 2: from Amber to Green"; "Care leavers in EET: from
 * Amber to Red". */
const char *change_text(struct arena *a, const struct plan_change *c);
/* What is named when a change is linked: "Action 1.2, step 2". */
const char *change_subject(struct arena *a, const struct plan_change *c);

/* A period as people read it: "30 June 2018", or as written ("Q2 2025/26"). */
const char *period_text(struct arena *a, const struct period *p);

/* The indicator's rating shown: the council's own status for its latest
 * figure, else the one its rule derives; NULL when neither. */
const struct rating *kpi_shown_rating(const struct kpi *k);
/* The council's own status and direction for period i, as the figures
 * tables show them: the word given, or "none given". */
const char *kpi_status_text(const struct kpi *k, size_t i);
const char *kpi_trend_text(const struct kpi *k, size_t i);
/* Its direction shown: the council's own word for the latest period, else
 * the derived label ("Improving"). */
const char *kpi_shown_trend(const struct kpi *k);

/* 1204 -> "1,204"; decimals digits after the point. */
const char *format_number(struct arena *a, double v, long decimals);



#endif
