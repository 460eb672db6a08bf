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

const char *action_status_label(enum action_status s);	/* "In progress" */
const char *action_status_word(enum action_status s);	/* "in-progress" */
const char *plan_status_label(enum plan_status s);	/* "Draft" */

/* "12 actions: 10 green, 1 amber, 1 not rated" */
const char *rag_counts_text(struct arena *a, const size_t counts[RAG_COUNT]);
/* For a theme with nothing in it (no actions, summary, review or
 * indicators), a sentence saying so, so its page is not a bare heading;
 * otherwise NULL. */
const char *theme_empty_text(struct arena *a, const struct theme *t);

/* 1204 -> "1,204"; decimals digits after the point. */
const char *format_number(struct arena *a, double v, long decimals);

/* Splits markdown into numbered paragraphs: blocks separated by blank lines, a
 * list staying with the paragraph before it. */
text_list split_paragraphs(struct arena *a, const char *markdown);

#endif
