/* csv.c - plan actions as CSV. Markdown fields keep the text as written, which
 * reads well in a spreadsheet; dates come as ISO 8601 beside the text. */
#include "csv.h"
#include "words.h"

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

static void row(struct strbuf *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addc(out, ',');
		csv_field(fields[i], out);
	}
	strbuf_adds(out, "\r\n");
}

void csv_render_plan(const struct plan *p, struct strbuf *out)
{
	static const char *const header[] = {
		"theme_ref", "theme", "ref", "title", "action", "outcome", "measure", "leads",
		"due", "due_date", "progress", "progress_rag", "impact_rag", "status", "overdue",
		"kpis", "updates",
	};
	enum { N = sizeof header / sizeof *header };
	/* the format's own words, so the CSV reads back into the format */
	static const char *const status_words[] = {
		[ACTION_STATUS_NONE] = "", [ACTION_NOT_STARTED] = "not_started",
		[ACTION_IN_PROGRESS] = "in_progress", [ACTION_COMPLETE] = "complete",
		[ACTION_CANCELLED] = "cancelled",
	};
	row(out, header, N);
	for (size_t i = 0; i < p->themes.n; i++) {
		const struct theme *t = &p->themes.at[i];
		for (size_t j = 0; j < t->actions.n; j++) {
			const struct action *a = &t->actions.at[j];
			struct strbuf leads = { 0 };
			for (size_t k = 0; k < a->leads.n; k++) {
				if (k)
					strbuf_adds(&leads, "; ");
				strbuf_adds(&leads, a->leads.at[k]);
			}
			struct strbuf kpis = { 0 }, updates = { 0 };
			for (size_t k = 0; k < a->kpi_ids.n; k++)
				strbuf_printf(&kpis, "%s%s", k ? "; " : "", a->kpis[k]->id);
			/* one line per update: "2018-06-30 amber: note" */
			for (size_t k = 0; k < a->updates.n; k++) {
				const struct update *u = &a->updates.at[k];
				char day[16];
				strbuf_printf(&updates, "%s%s", k ? "\n" : "",
					      date_format_iso(u->date, day, sizeof day));
				if (u->rag != RAG_NONE)
					strbuf_printf(&updates, " %s", rag_word(u->rag));
				if (u->note)
					strbuf_printf(&updates, ": %s", u->note);
			}
			char due_iso[16] = "";
			if (a->due.kind == DUE_DATE || a->due.kind == DUE_MONTH)
				date_format_iso(a->due.date, due_iso, sizeof due_iso);
			const char *fields[N] = {
				t->ref, t->title, a->ref, a->title, a->action, a->outcome, a->measure,
				leads.data, a->due.text, due_iso, a->progress,
				a->progress_rag ? rag_word(a->progress_rag) : "",
				a->impact_rag ? rag_word(a->impact_rag) : "",
				status_words[a->status],
				a->overdue ? "yes" : "no",
				kpis.data, updates.data,
			};
			row(out, fields, N);
			strbuf_free(&leads);
			strbuf_free(&kpis);
			strbuf_free(&updates);
		}
	}
}
