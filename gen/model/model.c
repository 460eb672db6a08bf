/* model.c - names of the model's kinds and columns, and what each column of
 * an action table shows: decided here once for every output. */
#include "model.h"
#include "catalog.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *doc_kind_name(enum doc_kind kind)
{
	static const char *const names[] = { "site", "plan", "report", "minutes", "meeting" };
	return kind < DOC_KIND_COUNT ? names[kind] : "document";
}

const char *doc_kind_folder(enum doc_kind kind)
{
	static const char *const names[] = { "", "plans", "reports", "minutes", "meetings" };
	return kind < DOC_KIND_COUNT ? names[kind] : "";
}

size_t document_outputs(const struct document *d, struct document_output *out)
{
	size_t n = 0;
	if (d->kind == DOC_SITE || d->withheld)
		return 0;
	out[n++] = (struct document_output){ OUTPUT_PAGE, ".html" };
	if (d->kind == DOC_PLAN || d->kind == DOC_MEETING)
		out[n++] = (struct document_output){ OUTPUT_PDF, ".pdf" };
	if (d->kind == DOC_PLAN)
		out[n++] = (struct document_output){ OUTPUT_CSV, ".csv" };
	if (d->kind == DOC_PLAN && d->as.plan->kpis.n)
		out[n++] = (struct document_output){ OUTPUT_KPIS_CSV, "-kpis.csv" };
	return n;
}

const struct rating *rating_builtin(enum rag r)
{
	static const struct rating builtin[RAG_COUNT] = {
		[RAG_NONE] = { .word = N_("Not rated"), .rag = RAG_NONE, .key = "none" },
		[RAG_RED] = { .word = N_("Red"), .rag = RAG_RED, .key = "red" },
		[RAG_AMBER] = { .word = N_("Amber"), .rag = RAG_AMBER, .key = "amber" },
		[RAG_GREEN] = { .word = N_("Green"), .rag = RAG_GREEN, .key = "green" },
		[RAG_BLUE] = { .word = N_("Blue"), .rag = RAG_BLUE, .key = "blue" },
	};
	return &builtin[r < RAG_COUNT ? r : RAG_NONE];
}

static const struct column_info columns[COL_COUNT] = {
	[COL_REF] = { "ref", N_("Ref"), false },
	[COL_TITLE] = { "title", N_("Title"), false },
	[COL_ACTION] = { "action", N_("Action"), true },
	[COL_OUTCOME] = { "outcome", N_("Expected outcome"), false },
	[COL_MEASURE] = { "measure", N_("Impact measure"), false },
	[COL_LEADS] = { "leads", N_("Lead"), true },
	[COL_DUE] = { "due", N_("Due"), true },
	[COL_PROGRESS] = { "progress", N_("Progress to date"), true },
	[COL_PROGRESS_RAG] = { "progress_rag", N_("Progress RAG"), true },
	[COL_IMPACT_RAG] = { "impact_rag", N_("Impact RAG"), false },
	[COL_STATUS] = { "status", N_("Status"), true },
	[COL_HISTORY] = { "history", N_("Rating history"), true },
	[COL_CHANGE] = { "change", N_("Change"), true },
};

const struct column_info *column_info(enum column c)
{
	static const struct column_info none = { "", "", false };
	return c < COL_COUNT ? &columns[c] : &none;
}

const char *column_name(enum column c)
{
	return column_info(c)->name;
}

const char *column_default_label(enum column c)
{
	return msg(column_info(c)->default_label);
}

bool plan_shows(const struct plan *p, enum column c)
{
	for (size_t i = 0; i < p->n_columns; i++)
		if (p->columns[i] == c)
			return true;
	return false;
}

enum column plan_history_column(const struct plan *p)
{
	static const enum column order[] = { COL_PROGRESS, COL_ACTION, COL_REF };
	for (size_t k = 0; k < sizeof order / sizeof *order; k++)
		if (plan_shows(p, order[k]))
			return order[k];
	return p->n_columns ? p->columns[0] : COL_REF;
}

const struct task *line_task(const struct action *a, const struct step *step)
{
	return step ? &step->task : &a->task;
}

struct cell_value plan_cell(const struct plan *p, const struct action *a,
			    const struct step *step, enum column c)
{
	struct cell_value v = { CELL_EMPTY };
	if (column_info(c)->per_step == false)
		step = NULL;	/* the action's own, spanning its steps */
	const struct task *t = line_task(a, step);
	switch (c) {
	case COL_REF:
		v.kind = CELL_REF;
		v.text = a->shown_ref;
		v.title = plan_shows(p, COL_TITLE) ? NULL : a->title;
		break;
	case COL_TITLE:
		v.kind = a->title ? CELL_TEXT : CELL_EMPTY;
		v.text = a->title;
		break;
	case COL_ACTION:
		v.kind = CELL_MARKDOWN;
		v.md = step ? step->text : a->action;
		break;
	case COL_OUTCOME:
		v.kind = a->outcome ? CELL_MARKDOWN : CELL_EMPTY;
		v.md = a->outcome;
		break;
	case COL_MEASURE:
		v.kind = a->measure ? CELL_TEXT : CELL_EMPTY;
		v.text = a->measure;
		break;
	case COL_LEADS:
		v.kind = t->leads.n ? CELL_NAMES : CELL_EMPTY;
		v.names = &t->leads;
		break;
	case COL_DUE:
		v.kind = t->due.text && *t->due.text ? CELL_DUE : CELL_EMPTY;
		v.text = t->due.text;
		v.overdue = t->overdue;
		if (t->overdue)
			v.kind = CELL_DUE;
		break;
	case COL_PROGRESS:
		v.kind = t->progress ? CELL_MARKDOWN : CELL_EMPTY;
		v.md = t->progress;
		break;
	case COL_PROGRESS_RAG:
		v.kind = t->rating.rating ? CELL_RATING : CELL_EMPTY;
		v.rating = t->rating.rating;
		break;
	case COL_IMPACT_RAG:
		v.kind = a->impact.rating ? CELL_RATING : CELL_EMPTY;
		v.rating = a->impact.rating;
		break;
	case COL_STATUS:
		v.kind = t->status != ACTION_STATUS_NONE ? CELL_STATUS : CELL_EMPTY;
		v.status = t->status;
		break;
	case COL_HISTORY:
		v.kind = CELL_HISTORY;
		v.history = t->history;
		v.n_history = p->reviews.n;
		break;
	case COL_CHANGE:
		v.kind = t->change != CHANGE_NONE ? CELL_CHANGE : CELL_EMPTY;
		v.change = t->change;
		break;
	case COL_COUNT:
		break;
	}
	return v;
}

static int pointer_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(const void *const *)a, y = (uintptr_t)*(const void *const *)b;
	return x < y ? -1 : x > y;
}

void document_keep_foreign(struct document *d, const void *const *texts, size_t n,
			   struct arena *a)
{
	d->foreign = NULL;
	d->n_foreign = n;
	if (!n)
		return;
	d->foreign = arena_alloc(a, n * sizeof *d->foreign);
	memcpy(d->foreign, texts, n * sizeof *d->foreign);
	qsort(d->foreign, n, sizeof *d->foreign, pointer_cmp);
}

void documents_foreign(struct document *into, struct document *const *docs, size_t n,
			struct arena *a)
{
	size_t all = 0;
	for (size_t i = 0; i < n; i++)
		all += docs[i]->n_foreign;
	const void **texts = xmalloc((all + 1) * sizeof *texts);
	all = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < docs[i]->n_foreign; k++)
			texts[all++] = docs[i]->foreign[k];
	document_keep_foreign(into, texts, all, a);
	free(texts);
}

bool document_text_foreign(const struct document *d, const void *text)
{
	return d && text && d->n_foreign &&
	       bsearch(&text, d->foreign, d->n_foreign, sizeof *d->foreign, pointer_cmp);
}

/* Set for the outputs of one language in turn, read while each is made. */
static struct {
	struct document texts;	/* every document's foreign texts */
	struct arena arena;	/* theirs */
	const char *lang;
} foreign;

void foreign_texts_use(struct document *const *docs, size_t n, const char *lang)
{
	if (foreign.lang)
		arena_free(&foreign.arena);
	memset(&foreign, 0, sizeof foreign);
	if (!docs)
		return;
	arena_init(&foreign.arena);
	documents_foreign(&foreign.texts, docs, n, &foreign.arena);
	foreign.lang = lang;
}

const char *text_foreign_lang(const void *text)
{
	return foreign.lang && document_text_foreign(&foreign.texts, text) ? foreign.lang : NULL;
}

const char *texts_foreign_lang(const char *const *parts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!text_foreign_lang(parts[i]))
			return NULL;
	return n ? foreign.lang : NULL;
}

const char *text_next_foreign_part(const char *at, const char *const *parts, size_t n,
				   size_t *part)
{
	for (;;) {
		const char *next = NULL;
		size_t len = 0, which = 0;
		for (size_t i = 0; i < n; i++) {
			const char *hit = parts[i] && *parts[i] ? strstr(at, parts[i]) : NULL;
			size_t l = hit ? strlen(parts[i]) : 0;
			if (hit && (!next || hit < next || (hit == next && l > len)))
				next = hit, len = l, which = i;
		}
		if (!next)
			return NULL;
		if (text_foreign_lang(parts[which])) {
			*part = which;
			return next;
		}
		at = next + len;	/* a part in the page's language, passed */
	}
}
