/* heading.c - a table's headings matched to the format's columns. The phrases
 * are the headings of the seed documents, the labels of content/ and the
 * names the CSV of `build` writes; the rules of key words catch the rest
 * ("Lead Officer(s)", "RAG status at Q2"). */
#include "heading.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const column_names[IC_COUNT] = {
	[IC_NONE] = "comment", [IC_REF] = "ref", [IC_TITLE] = "title", [IC_ACTION] = "action",
	[IC_OUTCOME] = "outcome", [IC_MEASURE] = "measure", [IC_LEADS] = "leads",
	[IC_DUE] = "due", [IC_PROGRESS] = "progress", [IC_PROGRESS_RAG] = "progress_rag",
	[IC_IMPACT_RAG] = "impact_rag", [IC_STATUS] = "status",
	[IC_LEADS_AND_DUE] = "leads_and_due", [IC_THEME] = "theme",
	[IC_THEME_REF] = "theme_ref", [IC_KPIS] = "kpis", [IC_UPDATES] = "updates",
	[IC_STEP] = "step", [IC_STEP_TEXT] = "step_text", [IC_STEP_LEADS] = "step_leads",
	[IC_STEP_DUE] = "step_due", [IC_STEP_PROGRESS] = "step_progress",
	[IC_STEP_RAG] = "step_rag", [IC_STEP_STATUS] = "step_status",
	[IC_STEP_UPDATES] = "step_updates", [IC_SUFFIX] = "suffix",
	[IC_THEME_PATH] = "theme_path", [IC_DERIVED] = "derived",
};

const char *import_column_name(enum import_column c)
{
	return c < IC_COUNT ? column_names[c] : "";
}

enum import_column import_column_from_name(const char *name)
{
	for (int c = 0; c < IC_COUNT; c++)
		if (strcmp(name, column_names[c]) == 0)
			return (enum import_column)c;
	if (strcmp(name, "rag") == 0)
		return IC_PROGRESS_RAG;
	if (strcmp(name, "lead") == 0)
		return IC_LEADS;
	return IC_COUNT;
}

/* Whole headings, normalised. */
static const struct {
	const char *phrase;
	enum import_column column;
} phrases[] = {
	/* the CSV `build` writes */
	{ "theme ref", IC_THEME_REF }, { "theme", IC_THEME }, { "progress rag", IC_PROGRESS_RAG },
	{ "impact rag", IC_IMPACT_RAG }, { "due date", IC_DERIVED }, { "overdue", IC_DERIVED },
	{ "kpis", IC_KPIS }, { "updates", IC_UPDATES }, { "step", IC_STEP },
	{ "step text", IC_STEP_TEXT }, { "step leads", IC_STEP_LEADS }, { "step due", IC_STEP_DUE },
	{ "step due date", IC_DERIVED }, { "step progress", IC_STEP_PROGRESS },
	{ "step rag", IC_STEP_RAG }, { "step status", IC_STEP_STATUS },
	{ "step overdue", IC_DERIVED }, { "step updates", IC_STEP_UPDATES },
	{ "suffix", IC_SUFFIX }, { "theme path", IC_THEME_PATH },
	/* ref */
	{ "ref", IC_REF }, { "ref no", IC_REF }, { "reference", IC_REF }, { "no", IC_REF },
	{ "number", IC_REF }, { "action ref", IC_REF }, { "action no", IC_REF },
	{ "action number", IC_REF }, { "action reference", IC_REF }, { "id", IC_REF },
	/* title (Herefordshire's "What will we do?" names the row) */
	{ "title", IC_TITLE }, { "action title", IC_TITLE }, { "what will we do", IC_TITLE },
	{ "sub priority", IC_TITLE },
	/* action */
	{ "action", IC_ACTION }, { "actions", IC_ACTION }, { "action required", IC_ACTION },
	{ "actions required", IC_ACTION }, { "what needs to be done", IC_ACTION },
	{ "how will we do it", IC_ACTION }, { "what we will do", IC_ACTION },
	{ "what are we going to do", IC_ACTION }, { "key actions", IC_ACTION },
	{ "activity", IC_ACTION }, { "activities", IC_ACTION }, { "task", IC_ACTION },
	{ "tasks", IC_ACTION }, { "description", IC_ACTION }, { "action description", IC_ACTION },
	{ "actions to be taken", IC_ACTION }, { "what", IC_ACTION },
	/* outcome */
	{ "outcome", IC_OUTCOME }, { "outcomes", IC_OUTCOME }, { "expected outcome", IC_OUTCOME },
	{ "expected impact outcome", IC_OUTCOME }, { "expected impact", IC_OUTCOME },
	{ "impact", IC_OUTCOME }, { "what does success look like", IC_OUTCOME },
	{ "success criteria", IC_OUTCOME }, { "how will we measure success", IC_OUTCOME },
	{ "how will we measure success what difference will have been made", IC_OUTCOME },
	{ "what difference will it make", IC_OUTCOME }, { "intended outcome", IC_OUTCOME },
	{ "desired outcome", IC_OUTCOME }, { "impact outcome", IC_OUTCOME },
	{ "expected outcomes", IC_OUTCOME },
	/* measure */
	{ "impact measure", IC_MEASURE }, { "measure", IC_MEASURE }, { "measures", IC_MEASURE },
	{ "measure of success", IC_MEASURE }, { "how will we know", IC_MEASURE },
	{ "evidence", IC_MEASURE }, { "performance measure", IC_MEASURE },
	{ "impact measures", IC_MEASURE },
	/* leads */
	{ "lead", IC_LEADS }, { "leads", IC_LEADS }, { "lead officer", IC_LEADS },
	{ "lead officers", IC_LEADS }, { "responsible officer", IC_LEADS }, { "owner", IC_LEADS },
	{ "who", IC_LEADS }, { "who will do it", IC_LEADS }, { "who is the lead for this", IC_LEADS },
	{ "responsibility", IC_LEADS }, { "responsible", IC_LEADS }, { "by whom", IC_LEADS },
	{ "accountable officer", IC_LEADS }, { "lead person", IC_LEADS },
	{ "lead agency", IC_LEADS }, { "action owner", IC_LEADS },
	/* due */
	{ "timescale", IC_DUE }, { "timescales", IC_DUE }, { "due", IC_DUE },
	{ "deadline", IC_DUE }, { "target date", IC_DUE }, { "by when", IC_DUE },
	{ "when", IC_DUE }, { "completion date", IC_DUE },
	{ "when does this need to be done by", IC_DUE }, { "date", IC_DUE },
	{ "timeframe", IC_DUE }, { "time frame", IC_DUE }, { "target completion date", IC_DUE },
	{ "due by", IC_DUE },
	/* lead and date in one cell */
	{ "lead and timescale", IC_LEADS_AND_DUE }, { "lead timescale", IC_LEADS_AND_DUE },
	{ "lead and date", IC_LEADS_AND_DUE }, { "lead and due date", IC_LEADS_AND_DUE },
	{ "who and when", IC_LEADS_AND_DUE }, { "lead officer and timescale", IC_LEADS_AND_DUE },
	/* progress */
	{ "progress", IC_PROGRESS }, { "progress to date", IC_PROGRESS },
	{ "update", IC_PROGRESS }, { "progress update", IC_PROGRESS },
	{ "latest update", IC_PROGRESS }, { "commentary", IC_PROGRESS },
	{ "comments", IC_PROGRESS }, { "current position", IC_PROGRESS },
	{ "progress made", IC_PROGRESS }, { "position statement", IC_PROGRESS },
	{ "progress commentary", IC_PROGRESS },
	/* ratings */
	{ "rag", IC_PROGRESS_RAG }, { "rag status", IC_PROGRESS_RAG },
	{ "rag rating", IC_PROGRESS_RAG }, { "rating", IC_PROGRESS_RAG },
	{ "red amber green", IC_PROGRESS_RAG }, { "progress rating", IC_PROGRESS_RAG },
	{ "rag progress", IC_PROGRESS_RAG }, { "rag impact", IC_IMPACT_RAG },
	{ "impact rating", IC_IMPACT_RAG }, { "outcome rag", IC_IMPACT_RAG },
	/* status */
	{ "status", IC_STATUS }, { "action status", IC_STATUS }, { "completed", IC_STATUS },
	/* the theme a row belongs to */
	{ "priority", IC_THEME }, { "recommendation", IC_THEME }, { "pillar", IC_THEME },
	{ "strategic priority", IC_THEME }, { "priority area", IC_THEME },
	{ "workstream", IC_THEME }, { "work stream", IC_THEME }, { "strand", IC_THEME },
	{ "objective", IC_THEME }, { "theme", IC_THEME }, { "area", IC_THEME },
	{ "area for improvement", IC_THEME }, { "recommendations", IC_THEME },
	{ "priorities", IC_THEME },
};

/* Rules of key words, in order: every word of `all` must begin a word of the
 * heading (so "lead" finds "Leads" and "Lead Officer(s)"). */
static const struct {
	const char *all[3];
	enum import_column column;
} rules[] = {
	{ { "rag", "impact" }, IC_IMPACT_RAG },
	{ { "impact", "rating" }, IC_IMPACT_RAG },
	{ { "rag" }, IC_PROGRESS_RAG },
	{ { "rating" }, IC_PROGRESS_RAG },
	{ { "lead", "timescale" }, IC_LEADS_AND_DUE },
	{ { "lead", "date" }, IC_LEADS_AND_DUE },
	{ { "lead", "when" }, IC_LEADS_AND_DUE },
	{ { "progress" }, IC_PROGRESS },
	{ { "update" }, IC_PROGRESS },
	{ { "lead" }, IC_LEADS },
	{ { "owner" }, IC_LEADS },
	{ { "responsib" }, IC_LEADS },
	{ { "who" }, IC_LEADS },
	{ { "timescale" }, IC_DUE },
	{ { "deadline" }, IC_DUE },
	{ { "due" }, IC_DUE },
	{ { "when" }, IC_DUE },
	{ { "date" }, IC_DUE },
	{ { "measure" }, IC_MEASURE },
	{ { "outcome" }, IC_OUTCOME },
	{ { "success" }, IC_OUTCOME },
	{ { "impact" }, IC_OUTCOME },
	{ { "ref" }, IC_REF },
	{ { "action" }, IC_ACTION },
	{ { "what" }, IC_ACTION },
	{ { "status" }, IC_STATUS },
	{ { "recommendation" }, IC_THEME },
	{ { "priorit" }, IC_THEME },
	{ { "pillar" }, IC_THEME },
	{ { "theme" }, IC_THEME },
};

void heading_normalise(const char *heading, char *out, size_t size)
{
	size_t o = 0;
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)heading; *p && o + 5 < size; p++) {
		if (*p == '&') {
			if (o)
				out[o++] = ' ';
			memcpy(out + o, "and", 3);
			o += 3;
			space = true;
		} else if (isalnum(*p) || *p >= 0x80) {
			if (space && o)
				out[o++] = ' ';
			out[o++] = (char)tolower(*p);
			space = false;
		} else if (*p == '\'') {
			/* "Who's" is one word */
		} else {
			space = true;
		}
	}
	out[o] = '\0';
	/* "16 th" and "31 st" of PDF extractions need nothing here: words are kept */
}

static bool has_word_starting(const char *normal, const char *prefix)
{
	size_t n = strlen(prefix);
	for (const char *p = normal; *p;) {
		if (strncmp(p, prefix, n) == 0)
			return true;
		p = strchr(p, ' ');
		if (!p)
			break;
		p++;
	}
	return false;
}

enum import_column heading_match(const char *heading, char *why, size_t why_size)
{
	char normal[512];
	heading_normalise(heading, normal, sizeof normal);
	if (why_size)
		why[0] = '\0';
	if (!normal[0])
		return IC_NONE;
	for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
		if (strcmp(normal, phrases[i].phrase) == 0) {
			snprintf(why, why_size, "the heading '%s'", phrases[i].phrase);
			return phrases[i].column;
		}
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
		bool all = true;
		for (size_t k = 0; k < 3 && rules[i].all[k]; k++)
			all &= has_word_starting(normal, rules[i].all[k]);
		if (!all)
			continue;
		if (rules[i].all[1])
			snprintf(why, why_size, "the words '%s' and '%s'", rules[i].all[0],
				 rules[i].all[1]);
		else
			snprintf(why, why_size, "the word '%s'", rules[i].all[0]);
		return rules[i].column;
	}
	return IC_NONE;
}
