/* csv.c - plan actions as CSV. Markdown fields keep the text as written, which
 * reads well in a spreadsheet; dates come as ISO 8601 beside the text. The
 * columns revision 2 adds (suffix, theme_path, steps, change, the rating at
 * each review) are there only for a plan that uses them. */
#include "csv.h"
#include "derive.h"
#include "words.h"

#include <stdio.h>
#include <string.h>

/* A spreadsheet runs a cell that starts with = + - @ (or a tab or CR, which
 * it skips before looking) as a formula: "=HYPERLINK(...)" typed into an
 * action would run on the reader's machine. OWASP's defence: a single quote
 * before it, which spreadsheets show as text and do not display. */
static bool formula_like(const char *text)
{
	return text[0] && strchr("=+-@\t\r", text[0]);
}

void csv_field(const char *text, struct strbuf *out)
{
	if (!text)
		text = "";
	bool formula = formula_like(text);
	if (!strpbrk(text, ",\"\r\n")) {
		if (formula)
			strbuf_addc(out, '\'');
		strbuf_adds(out, text);
		return;
	}
	strbuf_addc(out, '"');
	if (formula)
		strbuf_addc(out, '\'');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			strbuf_addc(out, '"');
		/* line breaks inside a field are CRLF too, as RFC 4180 writes them */
		if (*p == '\n' && (p == text || p[-1] != '\r'))
			strbuf_addc(out, '\r');
		strbuf_addc(out, *p);
	}
	strbuf_addc(out, '"');
}

/* A line of fields being made. */
struct line {
	struct arena *arena;
	const char **fields;
	size_t n, cap;
};

static void put(struct line *l, const char *text)
{
	if (l->n == l->cap) {
		const char **bigger = arena_alloc(l->arena, (l->cap * 2 + 32) * sizeof *bigger);
		if (l->n)	/* fields is NULL at first: memcpy may not be given it */
			memcpy(bigger, l->fields, l->n * sizeof *bigger);
		l->fields = bigger;
		l->cap = l->cap * 2 + 32;
	}
	l->fields[l->n++] = text;
}

static void end_line(struct line *l, struct strbuf *out)
{
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strbuf_addc(out, ',');
		csv_field(l->fields[i], out);
	}
	strbuf_adds(out, "\r\n");
	l->n = 0;
}

/* The format's own words, so the CSV reads back into the format: "green"
 * for revision 1's, the council's own word for its scale's. */
static const char *rating_text(const struct rating *r)
{
	if (!r)
		return "";
	return r == rating_builtin(r->rag) ? rag_word(r->rag) : r->word;
}

static const char *names(struct arena *a, const text_list *list)
{
	struct strbuf b = { 0 };
	for (size_t k = 0; k < list->n; k++)
		strbuf_printf(&b, "%s%s", k ? "; " : "", list->at[k]);
	const char *out = arena_strdup(a, b.data ? b.data : "");
	strbuf_free(&b);
	return out;
}

/* One line per update: "2018-06-30 amber: note", "May 2020 Completed: note". */
static const char *updates(struct arena *a, const update_list *list)
{
	struct strbuf b = { 0 };
	for (size_t k = 0; k < list->n; k++) {
		const struct update *u = &list->at[k];
		char day[16];
		strbuf_printf(&b, "%s%s", k ? "\n" : "", u->when.kind == PERIOD_DAY ?
			      date_format_iso(u->when.first, day, sizeof day) : u->when.text);
		if (u->rating.rating)	/* "none" too: the PDF's and page's "Not rated" */
			strbuf_printf(&b, " %s", rating_text(u->rating.rating));
		if (u->note)
			strbuf_printf(&b, ": %s", u->note->text);
	}
	const char *out = arena_strdup(a, b.data ? b.data : "");
	strbuf_free(&b);
	return out;
}

/* A due period as ISO 8601: a day, a month "2019-03", else the first and
 * last days "2025-07-01/2025-09-30". */
static const char *due_iso(struct arena *a, const struct due *d)
{
	char first[16], last[16];
	switch (d->period.kind) {
	case PERIOD_NONE:
		return "";
	case PERIOD_DAY:
		return arena_strdup(a, date_format_iso(d->period.first, first, sizeof first));
	case PERIOD_MONTH: {
		struct date m = d->period.first;
		m.day = 0;
		return arena_strdup(a, date_format_iso(m, first, sizeof first));
	}
	default:
		return arena_printf(a, "%s/%s", date_format_iso(d->period.first, first, sizeof first),
				    date_format_iso(d->period.last, last, sizeof last));
	}
}

/* the format's own words, so the CSV reads back into the format */
static const char *status_text(enum action_status s)
{
	static const char *const words[] = {
		[ACTION_STATUS_NONE] = "", [ACTION_NOT_STARTED] = "not_started",
		[ACTION_IN_PROGRESS] = "in_progress", [ACTION_COMPLETE] = "complete",
		[ACTION_CANCELLED] = "cancelled",
	};
	return words[s];
}

/* The refs of the themes an action sits in, outermost first: "2 > 2.1"; a
 * theme without a ref by its title. */
static const char *theme_path(struct arena *a, const struct theme *t)
{
	const char *path = t->ref ? t->ref : t->title;
	for (const struct theme *up = t->parent; up; up = up->parent)
		path = arena_printf(a, "%s > %s", up->ref ? up->ref : up->title, path);
	return path;
}

struct shape {
	bool suffix, nested, steps, change;
};

/* A cell of the action table (plan_cell: which field a column shows, decided
 * once for the page, the PDF and this file) in the format's own words. */
static const char *value(struct arena *a, const struct plan *p, const struct action *act,
			 const struct step *step, enum column col)
{
	struct cell_value v = plan_cell(p, act, step, col);
	switch (v.kind) {
	case CELL_TEXT:
	case CELL_DUE:
		return v.text;
	case CELL_MARKDOWN:	/* the text as written, which reads well in a spreadsheet */
		return v.md->text;
	case CELL_NAMES:
		return names(a, v.names);
	case CELL_RATING:
		return rating_text(v.rating);
	case CELL_STATUS:
		return status_text(v.status);
	case CELL_CHANGE:
		return change_label(v.change);
	default:
		return "";
	}
}

/* The fields an action's line and a step's line have alike, from its
 * columns: leads, due (as written, then ISO 8601), progress, rating. */
static void task_fields(struct line *l, const struct plan *p, const struct action *act,
			const struct step *step, struct arena *a)
{
	put(l, value(a, p, act, step, COL_LEADS));
	put(l, value(a, p, act, step, COL_DUE));
	put(l, due_iso(a, &line_task(act, step)->due));
	put(l, value(a, p, act, step, COL_PROGRESS));
	put(l, value(a, p, act, step, COL_PROGRESS_RAG));
}

/* "yes", "no", or nothing where the source cannot say (no as_at, a due
 * in words only): "no" there would be a fact it does not state. */
static const char *overdue_word(const struct task *t, const struct plan *p)
{
	if (t->overdue)
		return "yes";
	return task_overdue_known(t, &p->as_at) ? "no" : "";
}

void csv_render_plan(const struct plan *p, struct strbuf *out)
{
	struct arena arena;
	arena_init(&arena);
	struct arena *a = &arena;
	struct shape shape = { false, false, p->has_steps, period_is_set(&p->previous_review) };
	for (size_t i = 0; i < p->n_all_actions; i++)
		shape.suffix |= p->all_actions[i]->suffix != NULL;
	for (size_t i = 0; i < p->n_all_themes; i++)
		shape.nested |= p->all_themes[i]->depth > 1;

	struct line l = { a, NULL, 0, 0 };
	static const char *const header[] = {
		"theme_ref", "theme", "ref", "title", "action", "outcome", "measure", "leads",
		"due", "due_date", "progress", "progress_rag", "impact_rag", "status", "overdue",
		"kpis", "updates",
	};
	for (size_t i = 0; i < sizeof header / sizeof *header; i++)
		put(&l, header[i]);
	if (shape.suffix)
		put(&l, "suffix");
	if (shape.nested)
		put(&l, "theme_path");
	if (shape.steps) {
		static const char *const step_header[] = {
			"step", "step_text", "step_leads", "step_due", "step_due_date",
			"step_progress", "step_rag", "step_status", "step_overdue", "step_updates",
		};
		for (size_t i = 0; i < sizeof step_header / sizeof *step_header; i++)
			put(&l, step_header[i]);
	}
	if (shape.change)
		put(&l, "change");
	for (size_t r = 0; r < p->reviews.n; r++)
		put(&l, arena_printf(a, "rating %s", p->reviews.at[r].text));
	end_line(&l, out);

	for (size_t i = 0; i < p->n_all_actions; i++) {
		const struct action *act = p->all_actions[i];
		const struct theme *t = act->theme;
		struct strbuf kpis = { 0 };
		for (size_t k = 0; k < act->kpi_ids.n; k++)
			strbuf_printf(&kpis, "%s%s", k ? "; " : "", act->kpis[k]->id);
		const char *kpi_ids = arena_strdup(a, kpis.data ? kpis.data : "");
		strbuf_free(&kpis);
		/* one line for the action, or one for each of its steps, the
		 * action's own fields repeated on each */
		size_t lines = act->steps.n ? act->steps.n : 1;
		for (size_t s = 0; s < lines; s++) {
			const struct step *step = act->steps.n ? &act->steps.at[s] : NULL;
			const struct task *own = &act->task;
			put(&l, t->ref);
			put(&l, t->title);
			put(&l, act->ref);
			put(&l, value(a, p, act, NULL, COL_TITLE));
			put(&l, value(a, p, act, NULL, COL_ACTION));
			put(&l, value(a, p, act, NULL, COL_OUTCOME));
			put(&l, value(a, p, act, NULL, COL_MEASURE));
			task_fields(&l, p, act, NULL, a);
			put(&l, value(a, p, act, NULL, COL_IMPACT_RAG));
			put(&l, value(a, p, act, NULL, COL_STATUS));
			put(&l, overdue_word(own, p));
			put(&l, kpi_ids);
			put(&l, updates(a, &own->updates));
			if (shape.suffix)
				put(&l, act->suffix);
			if (shape.nested)
				put(&l, theme_path(a, t));
			if (shape.steps && step) {
				put(&l, arena_printf(a, "%zu", step->number));
				put(&l, value(a, p, act, step, COL_ACTION));
				task_fields(&l, p, act, step, a);
				put(&l, value(a, p, act, step, COL_STATUS));
				put(&l, overdue_word(&step->task, p));
				put(&l, updates(a, &step->task.updates));
			} else if (shape.steps) {
				for (int k = 0; k < 10; k++)
					put(&l, "");
			}
			if (shape.change)
				put(&l, value(a, p, act, step, COL_CHANGE));
			struct cell_value history = plan_cell(p, act, step, COL_HISTORY);
			for (size_t r = 0; r < p->reviews.n; r++)
				put(&l, rating_text(history.history ? history.history[r] : NULL));
			end_line(&l, out);
		}
	}
	arena_free(&arena);
}

/* A figure as written: its digits as the source gives them, no thousands
 * separator, nothing for not known. */
static const char *figure(struct arena *a, const struct kpi *k, struct number n)
{
	if (!n.known)
		return "";
	char buf[64];
	(void)k;	/* not its decimals: those say how figures are shown */
	snprintf(buf, sizeof buf, "%.*f", n.precision > 0 ? n.precision : 0, n.value);
	return arena_strdup(a, buf);
}

void csv_render_kpis(const struct plan *p, struct strbuf *out)
{
	static const char *const unit_words[] = {
		[UNIT_NUMBER] = "number", [UNIT_PERCENT] = "percent", [UNIT_RATE] = "rate",
		[UNIT_CURRENCY] = "currency", [UNIT_DAYS] = "days",
	};
	struct arena arena;
	arena_init(&arena);
	struct arena *a = &arena;
	struct line l = { a, NULL, 0, 0 };
	/* a column for each comparator any indicator has, in the order first met */
	const char **names = arena_alloc(a, 1 * sizeof *names);
	size_t n_names = 0;
	for (size_t i = 0; i < p->kpis.n; i++)
		for (size_t c = 0; c < p->kpis.at[i].comparators.n; c++) {
			const char *name = p->kpis.at[i].comparators.at[c].name;
			bool seen = false;
			for (size_t j = 0; j < n_names && !seen; j++)
				seen = strcmp(names[j], name) == 0;
			if (seen)
				continue;
			const char **bigger = arena_alloc(a, (n_names + 1) * sizeof *bigger);
			if (n_names)
				memcpy(bigger, names, n_names * sizeof *names);
			names = bigger;
			names[n_names++] = name;
		}
	static const char *const header[] = { "ref", "id", "title", "unit", "period", "value",
					      "target" };
	for (size_t i = 0; i < sizeof header / sizeof *header; i++)
		put(&l, header[i]);
	for (size_t j = 0; j < n_names; j++)
		put(&l, names[j]);
	put(&l, "status");
	put(&l, "trend");
	/* a rate's "per" (10000 for "per 10,000") in a column of its own, so
	 * that unit is always one of the format's words */
	bool any_per = false;
	for (size_t i = 0; i < p->kpis.n; i++)
		any_per |= p->kpis.at[i].unit == UNIT_RATE && p->kpis.at[i].per.known;
	if (any_per)
		put(&l, "per");
	end_line(&l, out);
	for (size_t i = 0; i < p->kpis.n; i++) {
		const struct kpi *k = &p->kpis.at[i];
		for (size_t t = 0; t < k->periods.n; t++) {
			put(&l, k->ref);
			put(&l, k->id);
			put(&l, k->title);
			put(&l, unit_words[k->unit]);
			put(&l, k->periods.at[t]);
			put(&l, t < k->values.n ? figure(a, k, k->values.at[t]) : "");
			put(&l, t < k->targets.n ? figure(a, k, k->targets.at[t]) : "");
			for (size_t j = 0; j < n_names; j++) {
				const char *value = "";
				for (size_t c = 0; c < k->comparators.n; c++)
					if (strcmp(k->comparators.at[c].name, names[j]) == 0 &&
					    t < k->comparators.at[c].values.n)
						value = figure(a, k, k->comparators.at[c].values.at[t]);
				put(&l, value);
			}
			put(&l, t < k->status.n ? rating_text(k->status.at[t].rating) : "");
			put(&l, t < k->trend_words.n ? k->trend_words.at[t] : "");
			if (any_per)
				put(&l, k->unit == UNIT_RATE ? figure(a, k, k->per) : "");
			end_line(&l, out);
		}
	}
	arena_free(&arena);
}
