/* heading.h - which of the format's columns a table's heading names, by the
 * words councils use ("Timescale", "Lead Officer", "Progress to date", "RAG",
 * "What will we do?"): an exact list of phrases first, then rules of key
 * words, both data (heading.c). */
#ifndef PLANPRESS_IMPORT_HEADING_H
#define PLANPRESS_IMPORT_HEADING_H

#include <stdbool.h>
#include <stddef.h>

enum import_column {
	IC_NONE,		/* not a column of the format: kept as a comment */
	IC_REF, IC_TITLE, IC_ACTION, IC_OUTCOME, IC_MEASURE, IC_LEADS, IC_DUE,
	IC_PROGRESS, IC_PROGRESS_RAG, IC_IMPACT_RAG, IC_STATUS,
	IC_LEADS_AND_DUE,	/* "Lead and Timescale": names, then a date */
	IC_THEME,		/* "Priority", "Recommendation": the theme (ref and title) */
	IC_THEME_REF,		/* the CSV build writes: theme_ref */
	IC_KPIS, IC_UPDATES,	/* the CSV build writes: kpis, updates */
	IC_STEP,		/* the CSV build writes (revision 2): the step's number, */
	IC_STEP_TEXT, IC_STEP_LEADS, IC_STEP_DUE, IC_STEP_PROGRESS, IC_STEP_RAG,
	IC_STEP_STATUS, IC_STEP_UPDATES,	/* its fields, */
	IC_SUFFIX,		/* an action's suffix, */
	IC_THEME_PATH,		/* the refs of the themes an action is in: "2 > 2.1" */
	IC_DERIVED,		/* the CSV build writes: due_date, overdue (made, not read) */
	IC_COUNT
};

/* "due", "leads_and_due", "theme" ... as --map names them. */
const char *import_column_name(enum import_column c);
/* From a --map name; IC_COUNT when it names none. */
enum import_column import_column_from_name(const char *name);
/* The column a heading names, and which rule said so ("the phrase
 * 'lead officer'", "the word 'rag'"), into why. */
enum import_column heading_match(const char *heading, char *why, size_t why_size);
/* A heading in the form matching compares: lower case, words of letters and
 * digits apart by one space ("Lead & Timescale:" is "lead and timescale"). */
void heading_normalise(const char *heading, char *out, size_t size);

#endif
