/* pdf.c - the model as a flow of blocks for the printable reports: covers,
 * narrative, landscape action tables with RAG cells, KPI figures. What each
 * report shows is decided here; how it breaks into pages is layout.c's job. */
#include "pdf.h"
#include "chart.h"
#include "typeset.h"
#include "words.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pdf_renderer {
	const struct content *content;
	struct diags *diags;
	struct pdf_style style;
	struct chart_style chart_style;
	const char *series_name;	/* the plan's own figures: kpi_series_name() */
	PangoContext *context;
	struct arena arena;
	cairo_surface_t *logo;	/* the site's logo, read once; NULL when none */
};

/* ---------- paragraphs ---------- */

static struct paragraph *para(struct pdf_renderer *r, enum para_role role, const char *text)
{
	return paragraph_text(&r->style, role, text ? text : "");
}

/* "Label: value" with the label in bold. */
static struct paragraph *fact(struct pdf_renderer *r, const char *label, const char *value)
{
	struct paragraph *p = paragraph_new(&r->style, ROLE_P);
	PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	char *l = arena_printf(&r->arena, "%s: ", label);
	rich_add(&p->rich, l, strlen(l), &bold, 1);
	rich_add(&p->rich, value, strlen(value), NULL, 0);
	p->space_after = r->style.size_body * 0.25;
	return p;
}

/* Another "Label: value" on the same line, after a wide space. */
static void add_fact(struct pdf_renderer *r, struct paragraph *p, const char *label,
		     const char *value)
{
	PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	char *l = arena_printf(&r->arena, "\u2003 %s: ", label);
	rich_add(&p->rich, l, strlen(l), &bold, 1);
	rich_add(&p->rich, value, strlen(value), NULL, 0);
}

static void add_markdown(struct pdf_renderer *r, struct flow *f, const char *md, double size)
{
	if (md)
		markdown_to_flow(md, &r->style, size, f);
}

static struct paragraph *heading(struct pdf_renderer *r, struct flow *f, enum para_role role,
				 const char *text, const char *dest, int bookmark_level)
{
	struct paragraph *p = para(r, role, text);
	if (role == ROLE_H1)
		p->colour = r->style.brand;
	if (dest)
		p->dest = xstrdup(dest);
	if (bookmark_level) {
		p->bookmark = xstrdup(text);
		p->bookmark_level = bookmark_level;
	}
	flow_add_paragraph(f, p);
	return p;
}

/* A heading one level under an h1 (a theme's parts, its indicators), tagged
 * H2 so the structure skips no level, but set as small as an h3. */
static void subheading(struct pdf_renderer *r, struct flow *f, const char *text)
{
	heading(r, f, ROLE_H2, text, NULL, 0)->size = r->style.size_h3;
}

static void add_sections(struct pdf_renderer *r, struct flow *f, const section_list *sections,
			 const char *prefix)
{
	for (size_t i = 0; i < sections->n; i++) {
		heading(r, f, ROLE_H1, sections->at[i].title,
			arena_printf(&r->arena, "%s-%zu", prefix, i + 1), 1);
		add_markdown(r, f, sections->at[i].text, r->style.size_body);
	}
}

/* The width of text set in the table's font (one line). */
static double text_width(struct pdf_renderer *r, const char *text, size_t len, bool bold)
{
	PangoLayout *l = pango_layout_new(r->context);
	typeset_set_font(l, r->style.body_font, r->style.size_table, bold);
	pango_layout_set_text(l, text, len == SIZE_MAX ? -1 : (int)len);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* The widest word of text: what a cell broken only at spaces must hold. */
static double widest_word(struct pdf_renderer *r, const char *text, bool bold)
{
	double widest = 0;
	for (const char *p = text;;) {
		size_t n = strcspn(p, " ");
		if (n)
			widest = fmax(widest, text_width(r, p, n, bold));
		if (!p[n])
			break;
		p += n + 1;
	}
	return widest;
}

/* ---------- action tables ---------- */

/* Under the ref on every later page a split row runs on to: short enough
 * for a narrow ref column, which is made wide enough for it. */
#define CONTINUED_MARK "(cont.)"

static struct paragraph *table_text(struct pdf_renderer *r, const char *text, bool bold)
{
	struct paragraph *p = para(r, ROLE_P, text);
	p->size = r->style.size_table;
	p->bold = bold;
	p->space_after = 0;
	return p;
}

static void cell_text(struct pdf_renderer *r, struct cell *c, const char *text, bool bold)
{
	cell_add(c, table_text(r, text, bold));
}

static void cell_markdown(struct pdf_renderer *r, struct cell *c, const char *md)
{
	if (!md)
		return;
	struct paragraph **ps = NULL;
	size_t n = 0;
	markdown_to_paragraphs(md, &r->style, r->style.size_table, &ps, &n);
	for (size_t i = 0; i < n; i++)
		cell_add(c, ps[i]);
	free(ps);
}

/* The RAG word on its fill, and the word again on every later page a split
 * row runs on to, so that a black-and-white print can still read it there. */
static void cell_rag(struct pdf_renderer *r, struct cell *c, enum rag rag)
{
	for (int repeat = 0; repeat < 2; repeat++) {
		struct paragraph *p = table_text(r, rag_label(rag), rag != RAG_NONE);
		p->colour = r->style.rag_text[rag];
		if (repeat)
			cell_add_repeat(c, p);
		else
			cell_add(c, p);
	}
	c->has_fill = true;
	c->fill = r->style.rag_fill[rag];
}

/* How much a column holds over the whole plan: its characters, and the
 * longest run that should not break (a word; for leads, a whole name). */
static void column_content(const struct plan *p, enum column col, double *chars,
			   double *longest)
{
	*chars = 0, *longest = 0;
	bool title_column = false;
	for (size_t i = 0; i < p->n_columns; i++)
		title_column |= p->columns[i] == COL_TITLE;
	for (size_t t = 0; t < p->themes.n; t++)
		for (size_t j = 0; j < p->themes.at[t].actions.n; j++) {
			const struct action *a = &p->themes.at[t].actions.at[j];
			const char *texts[8] = { 0 };
			size_t n = 0;
			switch (col) {
			case COL_REF:
				texts[n++] = a->ref;
				if (!title_column)
					texts[n++] = a->title;	/* shown under the ref */
				break;
			case COL_TITLE: texts[n++] = a->title; break;
			case COL_ACTION: texts[n++] = a->action; break;
			case COL_OUTCOME: texts[n++] = a->outcome; break;
			case COL_MEASURE: texts[n++] = a->measure; break;
			case COL_DUE: texts[n++] = a->due.text; break;
			case COL_PROGRESS: texts[n++] = a->progress; break;
			case COL_LEADS:
				for (size_t k = 0; k < a->leads.n && n < 8; k++)
					texts[n++] = a->leads.at[k];
				break;
			default: break;
			}
			for (size_t k = 0; k < n; k++) {
				if (!texts[k])
					continue;
				size_t len = strlen(texts[k]);
				*chars += (double)len;
				if (col == COL_LEADS && len <= 20) {
					if ((double)len > *longest)
						*longest = (double)len;
					continue;
				}
				size_t run = 0;
				for (const char *c = texts[k];; c++) {
					if (!*c || *c == ' ' || *c == '\n') {
						if ((double)run > *longest)
							*longest = (double)run;
						run = 0;
						if (!*c)
							break;
					} else if (((unsigned char)*c & 0xC0) != 0x80) {
						run++;
					}
				}
			}
		}
}

/* Column widths for every action table of a plan (the same in each theme):
 * half from the style's proportions, half from how much each column holds,
 * so an empty "Progress" column gives way to a full "Outcome"; never so
 * narrow that a word or a lead's name must break. */
static void action_column_widths(struct pdf_renderer *r, const struct plan *p, double width,
				 double *widths)
{
	const double char_w = r->style.size_table * 0.55, pad = 8;
	double weights = 0, chars[COL_COUNT], longest[COL_COUNT], total_chars = 0;
	for (size_t i = 0; i < p->n_columns; i++) {
		weights += r->style.column_weight[p->columns[i]];
		column_content(p, p->columns[i], &chars[i], &longest[i]);
		if (p->columns[i] == COL_PROGRESS_RAG || p->columns[i] == COL_IMPACT_RAG)
			chars[i] = 0, longest[i] = 5;	/* "Amber", "rated" */
		else if (p->columns[i] == COL_STATUS)
			chars[i] = 0, longest[i] = 9;	/* "Cancelled" */
		/* and the heading's words, which wrap too but should not break */
		size_t run = 0;
		for (const char *c = p->labels[p->columns[i]];; c++) {
			if (!*c || *c == ' ') {
				if ((double)run > longest[i])
					longest[i] = (double)run;
				run = 0;
				if (!*c)
					break;
			} else if (((unsigned char)*c & 0xC0) != 0x80) {
				run++;
			}
		}
		total_chars += chars[i];
	}
	/* a column's least width: its longest unbreakable run, where runs beyond
	 * RUN_CAP characters (web addresses, e-mails) break anyway; all the
	 * least widths together never more than the table */
	enum { RUN_CAP = 24 };
	double least[COL_COUNT], least_sum = 0;
	for (size_t i = 0; i < p->n_columns; i++) {
		least[i] = (longest[i] < RUN_CAP ? longest[i] : RUN_CAP) * char_w + pad;
		/* a heading's words measured, as its bold letters are wider than
		 * the estimate: "Impact measure" breaks at the space, never "measur-e" */
		double heading = widest_word(r, p->labels[p->columns[i]], true) + pad;
		if (least[i] < heading)
			least[i] = heading;
		if (p->columns[i] == COL_REF)	/* and the mark of a split row's continuation */
			least[i] = fmax(least[i], text_width(r, CONTINUED_MARK, SIZE_MAX, false) +
					2 * TABLE_CELL_PAD + 1);
		if (least[i] > width * 0.3)
			least[i] = width * 0.3;
		least_sum += least[i];
	}
	for (size_t i = 0; least_sum > width && i < p->n_columns; i++)
		least[i] *= width / least_sum;
	double sum = 0;
	for (size_t i = 0; i < p->n_columns; i++) {
		double style_share = r->style.column_weight[p->columns[i]] / (weights > 0 ? weights : 1);
		double content_share = total_chars > 0 ? chars[i] / total_chars : style_share;
		widths[i] = width * (0.5 * style_share + 0.5 * content_share);
		if (widths[i] < least[i])
			widths[i] = least[i];
		sum += widths[i];
	}
	/* the minimums may overfill the width: take the excess from the columns
	 * above their minimum, in proportion (there is enough, as the least
	 * widths fit) */
	if (sum > width) {
		double spare = 0;
		for (size_t i = 0; i < p->n_columns; i++)
			spare += widths[i] - least[i];
		double cut = sum - width;
		for (size_t i = 0; i < p->n_columns && spare > 0; i++)
			widths[i] -= cut * (widths[i] - least[i]) / spare;
		sum = 0;
		for (size_t i = 0; i < p->n_columns; i++)
			sum += widths[i];
	}
	for (size_t i = 0; i < p->n_columns; i++)
		widths[i] *= width / sum;
}

/* An action's dated updates and the indicators it moves, under the content
 * of its plan_history_column cell, as on the web page. */
static void cell_history(struct pdf_renderer *r, struct cell *c, const struct action *a)
{
	char buf[40];
	if (a->updates.n) {
		struct paragraph *h = para(r, ROLE_P, "Updates");
		h->size = r->style.size_table;
		h->bold = true;
		h->space_before = c->n ? r->style.size_table * 0.6 : 0;
		h->space_after = 0;
		h->keep_with_next = true;	/* a row split between pages turns before it */
		cell_add(c, h);
	}
	for (size_t i = 0; i < a->updates.n; i++) {
		const struct update *u = &a->updates.at[i];
		const char *date = date_format_long(u->date, buf, sizeof buf);
		struct paragraph *when = table_text(r, u->rag != RAG_NONE ?
			arena_printf(&r->arena, "%s: %s", date, rag_label(u->rag)) : date, false);
		when->keep_with_next = u->note != NULL;	/* the date heads its note */
		cell_add(c, when);
		cell_markdown(r, c, u->note);
	}
	if (a->kpi_ids.n) {
		struct strbuf b = { 0 };
		strbuf_adds(&b, "Indicators: ");
		for (size_t i = 0; i < a->kpi_ids.n; i++)
			strbuf_printf(&b, "%s%s", i ? "; " : "", a->kpis[i]->title);
		struct paragraph *k = para(r, ROLE_P, b.data);
		k->size = r->style.size_table;
		k->space_before = c->n ? r->style.size_table * 0.6 : 0;
		k->space_after = 0;
		cell_add(c, k);
		strbuf_free(&b);
	}
}

/* widths: from action_column_widths, once per plan */
static struct table *action_table(struct pdf_renderer *r, const struct plan *p,
				  const struct theme *t, const double *widths)
{
	struct table *table = table_new(p->n_columns, widths, r->style.size_table);
	bool title_column = false;
	for (size_t i = 0; i < p->n_columns; i++)
		title_column |= p->columns[i] == COL_TITLE;
	for (size_t i = 0; i < p->n_columns; i++)
		cell_text(r, &table->header[i], p->labels[p->columns[i]], true);
	enum column history = plan_history_column(p);
	for (size_t j = 0; j < t->actions.n; j++) {
		const struct action *a = &t->actions.at[j];
		struct cell *row = table_add_row(table);
		for (size_t i = 0; i < p->n_columns; i++) {
			struct cell *c = &row[i];
			switch (p->columns[i]) {
			case COL_REF:
				cell_text(r, c, a->ref, true);
				if (a->title && !title_column)
					cell_text(r, c, a->title, false);
				/* the row's ref on the pages it runs on to */
				cell_add_repeat(c, table_text(r, a->ref, true));
				cell_add_repeat(c, table_text(r, CONTINUED_MARK, false));
				break;
			case COL_TITLE:
				if (a->title)
					cell_text(r, c, a->title, true);
				break;
			case COL_ACTION:
				cell_markdown(r, c, a->action);
				break;
			case COL_OUTCOME:
				cell_markdown(r, c, a->outcome);
				break;
			case COL_MEASURE:
				if (a->measure)
					cell_text(r, c, a->measure, false);
				break;
			case COL_LEADS:
				for (size_t k = 0; k < a->leads.n; k++)
					cell_text(r, c, a->leads.at[k], false);
				break;
			case COL_DUE:
				if (a->due.text && *a->due.text)
					cell_text(r, c, a->due.text, false);
				if (a->overdue) {
					struct paragraph *o = para(r, ROLE_P, "Overdue");
					o->size = r->style.size_table;
					o->bold = true;
					o->colour = r->style.draft;
					cell_add(c, o);
				}
				break;
			case COL_PROGRESS:
				cell_markdown(r, c, a->progress);
				break;
			case COL_PROGRESS_RAG:
				cell_rag(r, c, a->progress_rag);
				break;
			case COL_IMPACT_RAG:
				cell_rag(r, c, a->impact_rag);
				break;
			case COL_STATUS:
				if (a->status != ACTION_STATUS_NONE)
					cell_text(r, c, action_status_label(a->status), false);
				break;
			case COL_COUNT:
				break;
			}
			if (p->columns[i] == history)
				cell_history(r, c, a);
		}
	}
	return table;
}

/* ---------- figures ---------- */

/* The style by value: figures are drawn after every plan of a pack is laid
 * out, and each names its own council in the legend. */
struct kpi_figure {
	const struct kpi *kpi;
	struct chart_style style;
};

static void draw_kpi_figure(cairo_t *cr, double x, double y, double w, double h, void *data)
{
	const struct kpi_figure *f = data;
	chart_draw_kpi(cr, f->kpi, &f->style, x, y, w, h);
}

const struct kpi *pdf_figure_kpi(const struct figure *fig, struct chart_style *style)
{
	if (!fig || fig->draw != draw_kpi_figure)
		return NULL;
	const struct kpi_figure *f = fig->data;
	*style = f->style;
	return f->kpi;
}

/* One row per theme (and one for the plan): label, RAG bar, counts in words. */
struct rag_figure {
	const struct plan *plan;
	const struct pdf_style *style;
	size_t first, count;	/* rows: 0 is the whole plan, then each theme */
};

static void draw_rag_figure(cairo_t *cr, double x, double y, double w, double h, void *data)
{
	const struct rag_figure *f = data;
	const struct plan *p = f->plan;
	const struct pdf_style *s = f->style;
	size_t rows = f->count;
	double row_h = h / (double)rows;
	struct arena a;
	arena_init(&a);
	PangoLayout *l = typeset_layout_for(cr, s->body_font, s->size_small, false, "");
	/* the counts in words are never cut short: the bars give way to the
	 * widest of them, down to a quarter of the width, and past that the
	 * words wrap */
	double widest = 0;
	for (size_t row = 0; row < rows; row++) {
		size_t i = f->first + row;
		pango_layout_set_text(l, rag_counts_text(&a, i == 0 ? p->rag_counts :
						 p->themes.at[i - 1].rag_counts), -1);
		int tw, th;
		pango_layout_get_size(l, &tw, &th);
		if ((double)tw / PANGO_SCALE > widest)
			widest = (double)tw / PANGO_SCALE;
	}
	double bar_x = x + w * 0.22, bar_w = w * 0.34;
	if (bar_x + bar_w + 8 + widest > x + w)
		bar_w = x + w - 8 - widest - bar_x > w * 0.25 ? x + w - 8 - widest - bar_x : w * 0.25;
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	for (size_t row = 0; row < rows; row++) {
		size_t i = f->first + row;	/* 0 is the whole plan, then each theme */
		const size_t *counts = i == 0 ? p->rag_counts : p->themes.at[i - 1].rag_counts;
		const char *label = i == 0 ? "Whole plan" :
				    arena_printf(&a, "%s %s", p->themes.at[i - 1].label,
						 p->themes.at[i - 1].ref);
		double ry = y + row_h * (double)row;
		double bar_h = row_h * 0.62 < 14 ? row_h * 0.62 : 14;
		pango_layout_set_width(l, (int)((bar_x - x - 6) * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);	/* a theme's label */
		pango_layout_set_text(l, label, -1);
		cairo_set_source_rgb(cr, s->text.r, s->text.g, s->text.b);
		cairo_move_to(cr, x, ry + (bar_h - s->size_small * 1.2) / 2);
		pango_cairo_show_layout(cr, l);
		chart_draw_rag_bar(cr, counts, s, bar_x, ry, bar_w, bar_h);
		pango_layout_set_width(l, (int)((x + w - bar_x - bar_w - 8) * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
		pango_layout_set_text(l, rag_counts_text(&a, counts), -1);
		cairo_set_source_rgb(cr, s->text.r, s->text.g, s->text.b);
		cairo_move_to(cr, bar_x + bar_w + 8, ry + (bar_h - s->size_small * 1.2) / 2);
		pango_cairo_show_layout(cr, l);
	}
	g_object_unref(l);
	arena_free(&a);
}

static void add_rag_figure(struct pdf_renderer *r, struct flow *f, const struct plan *p,
			   double width)
{
	/* in pieces a page can hold, for plans of very many themes */
	const size_t rows_per_figure = 30;
	for (size_t first = 0; first < p->themes.n + 1; first += rows_per_figure) {
		struct rag_figure *data = arena_alloc(&r->arena, sizeof *data);
		data->plan = p;
		data->style = &r->style;
		data->first = first;
		data->count = p->themes.n + 1 - first < rows_per_figure ?
			      p->themes.n + 1 - first : rows_per_figure;
		struct figure *fig = xcalloc(1, sizeof *fig);
		fig->width = width;
		fig->height = (double)data->count * 20;
		fig->draw = draw_rag_figure;
		fig->data = data;
		fig->alt = xstrdup(first == 0 ? rag_counts_text(&r->arena, p->rag_counts) :
			arena_printf(&r->arena, "Progress of %s %s to %s %s by RAG, as in the "
				     "tables of each", p->themes.at[first - 1].label,
				     p->themes.at[first - 1].ref,
				     p->themes.at[first + data->count - 2].label,
				     p->themes.at[first + data->count - 2].ref));
		flow_add_figure(f, fig);
	}
}

/* ---------- KPIs ---------- */

/* A KPI's figures as tables: a column per period, split into as many tables
 * as it takes so that every value is printed whole, each table repeating the
 * series' names. Figures never break; period labels break only at spaces. */
static void add_kpi_tables(struct pdf_renderer *r, struct flow *f, const struct kpi *k,
			   double width)
{
	struct arena *a = &r->arena;
	size_t n_series = 1 + (k->targets.n ? 1 : 0) + k->comparators.n;
	const number_list **series = arena_alloc(a, n_series * sizeof *series);
	const char **names = arena_alloc(a, n_series * sizeof *names);
	size_t n = 0;
	series[n] = &k->values, names[n++] = kpi_series_name(r->series_name);
	if (k->targets.n)
		series[n] = &k->targets, names[n++] = "Target";
	for (size_t i = 0; i < k->comparators.n; i++)
		series[n] = &k->comparators.at[i].values, names[n++] = k->comparators.at[i].name;
	/* the narrowest a period's column may be: its widest figure or word */
	const double pad = 6 + 2;	/* the cell's padding, and a little to spare */
	double min_col = 0;
	for (size_t i = 0; i < k->periods.n; i++) {
		min_col = fmax(min_col, widest_word(r, k->periods.at[i], true));
		for (size_t s = 0; s < n; s++)
			if (i < series[s]->n && series[s]->at[i].known)
				min_col = fmax(min_col, text_width(r, kpi_format_value(a, k,
							series[s]->at[i]), SIZE_MAX, false));
			else if (i < series[s]->n)	/* "not known" on two lines at most */
				min_col = fmax(min_col, widest_word(r, "not known", false));
	}
	min_col += pad;
	double first = width * 0.28;
	size_t per_table = (size_t)floor((width - first) / min_col);
	if (per_table < 1)
		per_table = 1;
	/* never more columns than the layout takes, and as even a split as may be */
	if (per_table > 40)
		per_table = 40;
	size_t n_tables = (k->periods.n + per_table - 1) / per_table;
	per_table = (k->periods.n + n_tables - 1) / n_tables;
	for (size_t from = 0; from < k->periods.n; from += per_table) {
		size_t count = k->periods.n - from < per_table ? k->periods.n - from : per_table;
		size_t cols = count + 1;
		double *w = arena_alloc(a, cols * sizeof *w);
		/* columns as wide as a whole table's would be, so split tables line up */
		for (size_t i = 0; i < cols; i++)
			w[i] = i == 0 ? first : (width - first) / (double)per_table;
		struct table *t = table_new(cols, w, r->style.size_table);
		cell_text(r, &t->header[0], "Series", true);
		for (size_t i = 1; i < cols; i++) {
			cell_text(r, &t->header[i], k->periods.at[from + i - 1], true);
			t->header[i].paras[0]->whole_words = true;
		}
		for (size_t s = 0; s < n; s++) {
			struct cell *row = table_add_row(t);
			cell_text(r, &row[0], names[s], true);
			for (size_t i = 1; i < cols && from + i - 1 < series[s]->n; i++) {
				struct number v = series[s]->at[from + i - 1];
				/* "not known" in words, as on the web: a tagged PDF's
				 * dash is read out as "dash" or not at all */
				cell_text(r, &row[i], kpi_format_value(a, k, v), false);
				row[i].paras[0]->whole_words = true;
			}
		}
		if (n_tables > 1) {
			struct paragraph *cap = para(r, ROLE_CAPTION,
				arena_printf(a, "%s to %s", k->periods.at[from],
					     k->periods.at[from + count - 1]));
			cap->keep_with_next = true;
			flow_add_paragraph(f, cap);
		}
		flow_add_table(f, t);
	}
}

/* dest: where the indicator's chart is, for references to it */
static void add_kpi(struct pdf_renderer *r, struct flow *f, const struct kpi *k, double width,
		    const char *dest)
{
	struct arena *a = &r->arena;
	/* the KPI's words and its chart on one page, two to a portrait page */
	flow_add_need(f, k->chart != CHART_NONE ? 320 : 150);
	heading(r, f, ROLE_H3, k->title, dest, 0);
	add_markdown(r, f, k->description, r->style.size_body);
	/* the derived facts on one line, each label in bold */
	struct paragraph *facts = fact(r, "Latest", k->latest >= 0 ?
		arena_printf(a, "%s (%s)", kpi_format_value(a, k, k->values.at[k->latest]),
			     k->periods.at[k->latest]) : "Not known");
	const char *change = kpi_change_text(a, k);
	if (change)
		add_fact(r, facts, "Change", change);
	add_fact(r, facts, "Direction of travel", kpi_trend_label(k->trend));
	if (k->rag != RAG_NONE)
		add_fact(r, facts, "Against target", rag_label(k->rag));
	flow_add_paragraph(f, facts);
	struct paragraph *sentence = para(r, ROLE_P, kpi_sentence(a, k));
	sentence->space_before = r->style.size_body * 0.3;
	flow_add_paragraph(f, sentence);
	if (k->chart != CHART_NONE && k->periods.n) {
		struct kpi_figure *data = arena_alloc(a, sizeof *data);
		data->kpi = k;
		data->style = r->chart_style;
		data->style.series_name = r->series_name;
		struct figure *fig = xcalloc(1, sizeof *fig);
		fig->width = width < 420 ? width : 420;
		fig->height = chart_height(k, &data->style, fig->width, 180);
		fig->draw = draw_kpi_figure;
		fig->data = data;
		fig->alt = xstrdup(kpi_sentence(a, k));
		flow_add_figure(f, fig);
	}

	add_kpi_tables(r, f, k, width);
	if (k->source)
		flow_add_paragraph(f, para(r, ROLE_CAPTION, arena_printf(a, "Source: %s", k->source)));
	/* notes qualify the figures (a gap, a changed definition): under them,
	 * as on the web page */
	if (k->notes) {
		struct paragraph *label = para(r, ROLE_P, "Notes");
		label->bold = true;
		label->space_before = r->style.size_body * 0.3;
		label->space_after = r->style.size_body * 0.15;
		label->keep_with_next = true;
		flow_add_paragraph(f, label);
		add_markdown(r, f, k->notes, r->style.size_body);
	}
}

/* A theme's indicators on portrait pages after its actions, two charts a
 * page rather than one on each landscape page; one charted under an earlier
 * theme is named with a link to its chart, not drawn again. */
static void add_theme_kpis(struct pdf_renderer *r, struct flow *f, const struct plan *p,
			   const struct theme *t, const struct theme **charted_under, double width)
{
	struct arena *a = &r->arena;
	flow_add_page_break(f, PORTRAIT);
	subheading(r, f, arena_printf(a, "Indicators for %s %s", t->label, t->ref));
	for (size_t j = 0; j < t->kpi_ids.n; j++) {
		const struct kpi *k = t->kpis[j];
		if (!k)
			continue;
		size_t index = (size_t)(k - p->kpis.at);
		const char *dest = arena_printf(a, "kpi-%zu", index + 1);
		if (!charted_under[index]) {
			charted_under[index] = t;
			add_kpi(r, f, k, width, dest);
			continue;
		}
		const struct theme *first = charted_under[index];
		struct paragraph *e = para(r, ROLE_P, "");
		rich_add(&e->rich, k->title, strlen(k->title), NULL, 0);
		const char *where = arena_printf(a, ": charted under %s %s", first->label,
						 first->ref);
		rich_add(&e->rich, where, strlen(where), NULL, 0);
		const char *target = arena_printf(a, "#%s", dest);
		rich_add_link(&e->rich, 0, (int)strlen(k->title), target, strlen(target));
		e->page_of = xstrdup(dest);
		flow_add_paragraph(f, e);
	}
}

static bool kpi_named_by_theme(const struct plan *p, const struct kpi *k)
{
	for (size_t i = 0; i < p->themes.n; i++)
		for (size_t j = 0; j < p->themes.at[i].kpi_ids.n; j++)
			if (p->themes.at[i].kpis[j] == k)
				return true;
	return false;
}

/* Every indicator on one table: latest value, change, direction and RAG, so a
 * committee reads the whole picture before the charts. */
static void add_kpi_scorecard(struct pdf_renderer *r, struct flow *f, const struct plan *p,
			      double width)
{
	struct arena *a = &r->arena;
	double w[5] = { width * 0.40, width * 0.17, width * 0.17, width * 0.13, width * 0.13 };
	struct table *t = table_new(5, w, r->style.size_table);
	const char *head[5] = { "Indicator", "Latest", "Change", "Direction of travel",
				"Against target" };
	for (size_t i = 0; i < 5; i++)
		cell_text(r, &t->header[i], head[i], true);
	for (size_t i = 0; i < p->kpis.n; i++) {
		const struct kpi *k = &p->kpis.at[i];
		struct cell *row = table_add_row(t);
		cell_text(r, &row[0], k->title, true);
		cell_text(r, &row[1], k->latest >= 0 ?
			  arena_printf(a, "%s (%s)", kpi_format_value(a, k, k->values.at[k->latest]),
				       k->periods.at[k->latest]) : "Not known", false);
		const char *change = kpi_change_text(a, k);
		cell_text(r, &row[2], change ? change : "not known", false);
		cell_text(r, &row[3], kpi_trend_label(k->trend), false);
		cell_rag(r, &row[4], k->rag);
	}
	char *label = arena_strdup(a, p->themes.n ? p->themes.at[0].label : "theme");
	if (label[0] >= 'A' && label[0] <= 'Z')
		label[0] = (char)(label[0] - 'A' + 'a');
	struct paragraph *cap = para(r, ROLE_CAPTION,
		arena_printf(a, "%zu indicator%s. %s charted under the %s that names it, "
			     "or after this table.", p->kpis.n, p->kpis.n == 1 ? "" : "s",
			     p->kpis.n == 1 ? "It is" : "Each is", label));
	cap->keep_with_next = true;
	flow_add_paragraph(f, cap);
	flow_add_table(f, t);
}

/* ---------- the logo ---------- */

static void draw_logo(cairo_t *cr, double x, double y, double w, double h, void *data)
{
	cairo_surface_t *image = data;
	double iw = cairo_image_surface_get_width(image), ih = cairo_image_surface_get_height(image);
	double scale = w / iw < h / ih ? w / iw : h / ih;
	cairo_translate(cr, x, y);
	cairo_scale(cr, scale, scale);
	cairo_set_source_surface(cr, image, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_BEST);
	cairo_paint(cr);
}

void pdf_add_logo(struct pdf_renderer *r, struct flow *f, double width)
{
	if (!r->logo)
		return;
	double iw = cairo_image_surface_get_width(r->logo);
	double ih = cairo_image_surface_get_height(r->logo);
	struct figure *fig = xcalloc(1, sizeof *fig);
	fig->height = r->style.logo_height;
	fig->width = fig->height * iw / ih;
	if (fig->width > width) {	/* a very wide logo keeps its shape */
		fig->width = width;
		fig->height = width * ih / iw;
	}
	fig->draw = draw_logo;
	fig->data = r->logo;
	const struct site *site = r->content->site;
	fig->alt = xstrdup(site && site->organisation ?
			   arena_printf(&r->arena, "%s logo", site->organisation) : "Logo");
	flow_add_figure(f, fig);
}

/* ---------- plans ---------- */

static void plan_flow(struct pdf_renderer *r, const struct plan *p, struct flow *f)
{
	struct arena *a = &r->arena;
	const struct pdf_style *s = &r->style;
	char buf[64];
	r->series_name = p->organisation;
	f->first_orientation = PORTRAIT;
	double px, py, pw, ph, lw;
	layout_body_box(s, PORTRAIT, &px, &py, &pw, &ph);
	layout_body_box(s, LANDSCAPE, &px, &py, &lw, &ph);

	/* cover */
	flow_add_space(f, 0);
	pdf_add_logo(r, f, pw);
	if (p->organisation) {
		struct paragraph *org = para(r, ROLE_P, p->organisation);
		org->size = s->size_h3, org->bold = true, org->colour = s->brand;
		org->bookmark = xstrdup("Cover");
		org->bookmark_level = 1;
		flow_add_paragraph(f, org);
	}
	if (p->service)
		flow_add_paragraph(f, para(r, ROLE_P, p->service));
	struct paragraph *title = para(r, ROLE_TITLE, p->title);
	title->space_before = s->size_title * 2;
	if (!p->organisation) {
		title->bookmark = xstrdup("Cover");
		title->bookmark_level = 1;
	}
	flow_add_paragraph(f, title);
	if (p->subtitle) {
		struct paragraph *sub = para(r, ROLE_P, p->subtitle);
		sub->size = s->size_h2, sub->colour = s->muted;
		flow_add_paragraph(f, sub);
	}
	if (p->vision) {
		struct paragraph **ps = NULL;
		size_t n = 0;
		markdown_to_paragraphs(p->vision, s, s->size_h3, &ps, &n);
		for (size_t i = 0; i < n; i++) {
			ps[i]->indent = 12;
			ps[i]->colour = s->brand;
			ps[i]->space_before = i ? 0 : s->size_h3;
			flow_add_paragraph(f, ps[i]);
		}
		free(ps);
	}
	flow_add_space(f, s->size_body * 2);
	if (p->version)
		flow_add_paragraph(f, fact(r, "Version", p->version));
	flow_add_paragraph(f, fact(r, "Status", plan_status_label(p->status)));
	if (p->period)
		flow_add_paragraph(f, fact(r, "Period", p->period));
	if (date_is_set(p->published))
		flow_add_paragraph(f, fact(r, "Published", date_format_long(p->published, buf, sizeof buf)));
	if (date_is_set(p->as_at))
		flow_add_paragraph(f, fact(r, "Progress as at", date_format_long(p->as_at, buf, sizeof buf)));
	if (p->owner)
		flow_add_paragraph(f, fact(r, "Owner", p->owner));
	if (p->n_actions) {
		flow_add_space(f, s->size_body);
		struct paragraph *h = para(r, ROLE_H3, "Progress at a glance");
		flow_add_paragraph(f, h);
		add_rag_figure(r, f, p, pw);
		flow_add_paragraph(f, fact(r, "Progress", rag_counts_text(a, p->rag_counts)));
		if (p->overdue)
			flow_add_paragraph(f, fact(r, "Overdue", arena_printf(a, "%zu action%s past "
						   "their due date and not complete", p->overdue,
						   p->overdue == 1 ? " is" : "s are")));
	}

	/* contents, linking to each part */
	flow_add_page_break(f, PORTRAIT);
	heading(r, f, ROLE_H1, "Contents", "contents", 1);
	struct entry {
		const char *label, *dest;
	} entries[512];
	size_t n_entries = 0;
	if (p->intro)
		entries[n_entries++] = (struct entry){ "Introduction", "introduction" };
	for (size_t i = 0; i < p->sections.n && n_entries < 500; i++)
		entries[n_entries++] = (struct entry){ p->sections.at[i].title,
			arena_printf(a, "section-%zu", i + 1) };
	for (size_t i = 0; i < p->themes.n && n_entries < 500; i++)
		entries[n_entries++] = (struct entry){
			arena_printf(a, "%s %s: %s", p->themes.at[i].label, p->themes.at[i].ref,
				     p->themes.at[i].title),
			p->themes.at[i].anchor };	/* the web page's ids too */
	if (p->kpis.n && n_entries < 510)
		entries[n_entries++] = (struct entry){ "Performance indicators", "indicators" };
	for (size_t i = 0; i < p->closing.n && n_entries < 510; i++)
		entries[n_entries++] = (struct entry){ p->closing.at[i].title,
			arena_printf(a, "closing-%zu", i + 1) };
	for (size_t i = 0; i < n_entries; i++) {
		struct paragraph *e = para(r, ROLE_P, entries[i].label);
		struct rich *rich = &e->rich;
		PangoAttribute *u = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
		u->start_index = 0, u->end_index = (guint)rich->text.len;
		pango_attr_list_insert(rich->attrs, u);
		rich->n_attrs++;
		const char *target = arena_printf(a, "#%s", entries[i].dest);
		rich_add_link(rich, 0, (int)rich->text.len, target, strlen(target));
		e->page_of = xstrdup(entries[i].dest);
		e->space_after = s->size_body * 0.35;
		flow_add_paragraph(f, e);
	}

	if (p->intro || p->sections.n) {
		flow_add_page_break(f, PORTRAIT);
		if (p->intro) {
			heading(r, f, ROLE_H1, "Introduction", "introduction", 1);
			add_markdown(r, f, p->intro, s->size_body);
		}
		add_sections(r, f, &p->sections, "section");
	}

	double widths[COL_COUNT];
	action_column_widths(r, p, lw, widths);
	/* the theme under which each indicator is charted, once */
	const struct theme **charted_under = arena_alloc(a, (p->kpis.n + 1) * sizeof *charted_under);
	for (size_t i = 0; i < p->themes.n; i++) {
		const struct theme *t = &p->themes.at[i];
		flow_add_page_break(f, LANDSCAPE);
		const char *label = arena_printf(a, "%s %s: %s", t->label, t->ref, t->title);
		heading(r, f, ROLE_H1, label, t->anchor, 1);
		if (t->summary) {
			subheading(r, f, t->summary_title);
			add_markdown(r, f, t->summary, s->size_body);
		}
		if (t->review.progress) {
			subheading(r, f, "Progress");
			add_markdown(r, f, t->review.progress, s->size_body);
		}
		if (t->review.challenges) {
			subheading(r, f, "Key challenges");
			add_markdown(r, f, t->review.challenges, s->size_body);
		}
		if (t->review.next_steps) {
			subheading(r, f, "Next steps");
			add_markdown(r, f, t->review.next_steps, s->size_body);
		}
		if (t->actions.n) {
			struct paragraph *cap = para(r, ROLE_CAPTION,
				arena_printf(a, "Actions for %s %s (%s)", t->label, t->ref,
					     rag_counts_text(a, t->rag_counts)));
			cap->keep_with_next = true;
			flow_add_paragraph(f, cap);
			flow_add_table(f, action_table(r, p, t, widths));
		}
		const char *empty = theme_empty_text(a, t);
		if (empty)
			flow_add_paragraph(f, para(r, ROLE_P, empty));
		if (t->kpi_ids.n)
			add_theme_kpis(r, f, p, t, charted_under, pw);
	}
	if (p->kpis.n) {
		flow_add_page_break(f, PORTRAIT);
		heading(r, f, ROLE_H1, "Performance indicators", "indicators", 1);
		add_kpi_scorecard(r, f, p, pw);
		/* an indicator a theme names is charted there, once */
		for (size_t i = 0; i < p->kpis.n; i++)
			if (!kpi_named_by_theme(p, &p->kpis.at[i]))
				add_kpi(r, f, &p->kpis.at[i], pw, NULL);
	}
	if (p->closing.n) {
		flow_add_page_break(f, PORTRAIT);
		add_sections(r, f, &p->closing, "closing");
	}
}

/* ---------- reports and minutes ---------- */

/* A numbered paragraph ("1.1") of markdown: the number in the margin, any
 * list inside it indented beneath. */
static void numbered_markdown(struct pdf_renderer *r, struct flow *f, const char *number,
			      const char *md)
{
	struct flow blocks = { 0 };
	markdown_to_flow(md, &r->style, r->style.size_body, &blocks);
	double indent = r->style.size_body * 3.2;
	for (size_t i = 0; i < blocks.n; i++) {
		struct paragraph *p = blocks.blocks[i].para;
		if (!p) {	/* a table, across the full width */
			if (i == 0) {
				struct paragraph *num = para(r, ROLE_P, "");
				num->label = xstrdup(number);
				num->indent = indent;
				num->keep_with_next = true;
				flow_add_paragraph(f, num);
			}
			flow_add_table(f, blocks.blocks[i].table);
			continue;
		}
		p->indent += indent;
		if (i == 0 && !p->label) {
			p->label = xstrdup(number);
		} else if (i == 0) {
			/* the paragraph opens with a list: the number goes on its own,
			 * kept with the list (and so the heading above it too) */
			struct paragraph *num = para(r, ROLE_P, "");
			num->label = xstrdup(number);
			num->indent = indent;
			num->keep_with_next = true;
			flow_add_paragraph(f, num);
		}
		flow_add_paragraph(f, p);
	}
	free(blocks.blocks);	/* what they held now belongs to f */
}

static void person_facts(struct pdf_renderer *r, struct flow *f, const char *role,
			 const struct person *p)
{
	if (!p->name)
		return;
	const char *who = p->title ? arena_printf(&r->arena, "%s, %s", p->name, p->title) : p->name;
	flow_add_paragraph(f, fact(r, role, who));
	if (p->email)
		flow_add_paragraph(f, fact(r, "Email", p->email));
	if (p->phone)
		flow_add_paragraph(f, fact(r, "Tel", p->phone));
}

static void report_flow(struct pdf_renderer *r, const struct report *rep, struct flow *f)
{
	struct arena *a = &r->arena;
	const struct pdf_style *s = &r->style;
	char buf[64];
	f->first_orientation = PORTRAIT;
	if (rep->committee) {
		struct paragraph *c = para(r, ROLE_P, rep->committee);
		c->size = s->size_h3, c->bold = true, c->colour = s->brand;
		flow_add_paragraph(f, c);
	}
	if (date_is_set(rep->date) || rep->time) {
		const char *date = date_is_set(rep->date) ? date_format_long(rep->date, buf, sizeof buf) : "";
		flow_add_paragraph(f, para(r, ROLE_P, rep->time ? arena_printf(a, "%s%s%s", date,
			*date ? ", " : "", rep->time) : date));
	}
	if (rep->item)
		flow_add_paragraph(f, fact(r, "Item", rep->item));
	struct paragraph *title = para(r, ROLE_H1, rep->title);
	title->bookmark = xstrdup(rep->title);
	title->bookmark_level = 1;
	flow_add_paragraph(f, title);
	flow_add_paragraph(f, fact(r, "Classification", rep->classification == CLASS_EXEMPT ?
				   arena_printf(a, "Exempt: %s", rep->exempt_reason) : "Public"));
	person_facts(r, f, "Responsible officer", &rep->responsible_officer);
	for (size_t i = 0; i < rep->sections.n; i++) {
		const char *number = arena_printf(a, "%zu.", i + 1);
		struct paragraph *h = para(r, ROLE_H2, rep->sections.at[i].title);
		h->label = xstrdup(number);
		h->indent = s->size_body * 3.2;
		h->bookmark = xstrdup(arena_printf(a, "%zu. %s", i + 1, rep->sections.at[i].title));
		h->bookmark_level = 2;
		flow_add_paragraph(f, h);
		text_list paras = split_paragraphs(a, rep->sections.at[i].text);
		for (size_t j = 0; j < paras.n; j++)
			numbered_markdown(r, f, arena_printf(a, "%zu.%zu", i + 1, j + 1), paras.at[j]);
	}
	if (rep->appendices.n) {
		heading(r, f, ROLE_H2, "Appendices", NULL, 0);
		for (size_t i = 0; i < rep->appendices.n; i++)
			flow_add_paragraph(f, fact(r, rep->appendices.at[i].label ?
				arena_printf(a, "Appendix %s", rep->appendices.at[i].label) :
				arena_printf(a, "Appendix %zu", i + 1), rep->appendices.at[i].title));
	}
	if (rep->background_papers) {
		heading(r, f, ROLE_H2, "Background papers", NULL, 0);
		add_markdown(r, f, rep->background_papers, s->size_body);
	}
	if (rep->cabinet_member)
		flow_add_paragraph(f, fact(r, "Cabinet Member (Portfolio Holder)", rep->cabinet_member));
	if (rep->local_member)
		flow_add_paragraph(f, fact(r, "Local Member", rep->local_member));
}

static void minutes_flow(struct pdf_renderer *r, const struct minutes *m, struct flow *f)
{
	struct arena *a = &r->arena;
	const struct pdf_style *s = &r->style;
	char buf[64];
	f->first_orientation = PORTRAIT;
	struct paragraph *c = para(r, ROLE_P, m->committee);
	c->size = s->size_h3, c->bold = true, c->colour = s->brand;
	flow_add_paragraph(f, c);
	struct strbuf t = { 0 };
	strbuf_printf(&t, "Minutes of the meeting held on %s", date_format_long(m->date, buf, sizeof buf));
	if (m->time)
		strbuf_printf(&t, " %s", m->time);
	if (m->venue)
		strbuf_printf(&t, " in %s", m->venue);
	struct paragraph *title = para(r, ROLE_H1, t.data);
	title->size = s->size_h2;
	title->bookmark = xstrdup(arena_printf(a, "Minutes, %s",
					      date_format_long(m->date, buf, sizeof buf)));
	title->bookmark_level = 1;
	flow_add_paragraph(f, title);
	strbuf_free(&t);
	person_facts(r, f, "Responsible officer", &m->officer);
	if (m->present.n) {
		heading(r, f, ROLE_H3, "Present", NULL, 0);
		struct strbuf names = { 0 };
		for (size_t i = 0; i < m->present.n; i++)
			strbuf_printf(&names, "%s%s", i ? ", " : "", m->present.at[i]);
		flow_add_paragraph(f, para(r, ROLE_P, names.data));
		strbuf_free(&names);
	}
	for (size_t i = 0; i < m->items.n; i++) {
		const struct minute *it = &m->items.at[i];
		struct paragraph *h = para(r, ROLE_H2, it->title);
		h->label = xstrdup(arena_printf(a, "%ld", it->number));
		h->indent = s->size_body * 3.2;
		h->size = s->size_h3;
		flow_add_paragraph(f, h);
		for (size_t j = 0; j < it->paragraphs.n; j++)
			numbered_markdown(r, f, arena_printf(a, "%ld.%zu", it->number, j + 1),
					  it->paragraphs.at[j]);
		if (it->resolved) {
			/* the resolution is the minute's next numbered paragraph */
			struct paragraph *res = para(r, ROLE_P, "RESOLVED:");
			res->bold = true;
			res->indent = s->size_body * 3.2;
			res->label = xstrdup(arena_printf(a, "%ld.%zu", it->number,
							  it->paragraphs.n + 1));
			res->keep_with_next = true;
			flow_add_paragraph(f, res);
			struct paragraph **ps = NULL;
			size_t n = 0;
			markdown_to_paragraphs(it->resolved, s, s->size_body, &ps, &n);
			for (size_t k = 0; k < n; k++) {
				ps[k]->indent += s->size_body * 3.2;
				flow_add_paragraph(f, ps[k]);
			}
			free(ps);
		}
	}
	flow_add_space(f, s->size_body * 3);
	flow_add_paragraph(f, para(r, ROLE_P, "Signed ………………………………………… (Chairman)"));
	flow_add_space(f, s->size_body);
	flow_add_paragraph(f, para(r, ROLE_P, "Date:"));
}

/* ---------- the renderer ---------- */

struct pdf_renderer *pdf_new(const struct content *content, const char *templates_dir,
			     struct diags *diags)
{
	struct pdf_renderer *r = xcalloc(1, sizeof *r);
	r->content = content;
	r->diags = diags;
	arena_init(&r->arena);
	const char *path = arena_printf(&r->arena, "%s/pdf/style.yaml", templates_dir);
	pdf_style_load(&r->style, path, diags);
	if (content->site && content->site->colour)
		parse_colour(content->site->colour, &r->style.brand);
	chart_style_from_pdf(&r->style, &r->chart_style);
	/* headings and the organisation's name are set in the brand colour: one
	 * too light to read on white (a yellow) gives way to the text colour */
	static const struct rgb white = { 1, 1, 1 };
	if (colour_contrast(r->style.brand, white) < 4.5)
		r->style.brand = r->style.text;
	r->context = layout_context_new();
	if (content->site && content->site->logo) {
		/* checked a PNG inside the content folder when the content was read */
		const char *logo = arena_printf(&r->arena, "%s/%s", content->root, content->site->logo);
		r->logo = cairo_image_surface_create_from_png(logo);
		if (cairo_surface_status(r->logo) != CAIRO_STATUS_SUCCESS) {
			diag_error(diags, content->site->logo_pos, "logo '%s' could not be read as a "
				   "PNG image: %s", content->site->logo,
				   cairo_status_to_string(cairo_surface_status(r->logo)));
			cairo_surface_destroy(r->logo);
			r->logo = NULL;
		}
	}
	return r;
}

void pdf_free(struct pdf_renderer *r)
{
	if (!r)
		return;
	g_object_unref(r->context);
	if (r->logo)
		cairo_surface_destroy(r->logo);
	arena_free(&r->arena);
	free(r);
}

const struct pdf_style *pdf_style_of(const struct pdf_renderer *r)
{
	return &r->style;
}

bool pdf_supports(const struct document *doc)
{
	return doc->kind == DOC_PLAN || doc->kind == DOC_REPORT || doc->kind == DOC_MINUTES;
}

PangoContext *pdf_context_of(const struct pdf_renderer *r)
{
	return r->context;
}

struct arena *pdf_arena_of(struct pdf_renderer *r)
{
	return &r->arena;
}

const struct content *pdf_content_of(const struct pdf_renderer *r)
{
	return r->content;
}

bool pdf_document_flow(struct pdf_renderer *r, const struct document *doc, struct flow *flow,
		       struct pdf_meta *meta)
{
	memset(flow, 0, sizeof *flow);
	memset(meta, 0, sizeof *meta);
	struct arena *a = &r->arena;
	char buf[40];
	const char *organisation = r->content->site ? r->content->site->organisation : NULL;
	struct date d = { 0, 0, 0 };
	switch (doc->kind) {
	case DOC_PLAN: {
		const struct plan *p = doc->as.plan;
		plan_flow(r, p, flow);
		meta->title = p->title;
		meta->author = p->organisation;
		meta->subject = p->subtitle ? p->subtitle : p->service;
		d = date_is_set(p->as_at) ? p->as_at : p->published;
		meta->header_left = p->organisation;
		meta->header_right = p->title;
		meta->draft = p->status == PLAN_DRAFT;
		meta->footer_left = p->version ? arena_printf(a, "%s · %s", p->version,
							      plan_status_label(p->status)) :
				    plan_status_label(p->status);
		break;
	}
	case DOC_REPORT: {
		const struct report *rep = doc->as.report;
		report_flow(r, rep, flow);
		meta->title = rep->title;
		meta->author = rep->organisation ? rep->organisation : organisation;
		meta->subject = rep->committee;
		d = rep->date;
		meta->header_left = meta->author;
		meta->header_right = rep->committee;
		meta->footer_left = rep->classification == CLASS_EXEMPT ? "Exempt" : "Public";
		break;
	}
	case DOC_MINUTES: {
		const struct minutes *m = doc->as.minutes;
		minutes_flow(r, m, flow);
		meta->title = arena_printf(a, "Minutes: %s, %s", m->committee,
					   date_format_long(m->date, buf, sizeof buf));
		meta->author = organisation;
		meta->subject = m->committee;
		d = m->date;
		meta->header_left = organisation;
		meta->header_right = m->committee;
		break;
	}
	default:
		return false;
	}
	/* a creation date is a day: a plan dated by its month was made by its first */
	if (date_is_set(d) && d.day == 0)
		d.day = 1;
	meta->date_iso = date_is_set(d) ? arena_strdup(a, date_format_iso(d, buf, sizeof buf)) : NULL;
	if (r->content->site && r->content->site->base_url)
		flow_absolute_links(flow, r->content->site->base_url, doc_kind_folder(doc->kind));
	return true;
}

bool pdf_layout_document(struct pdf_renderer *r, const struct document *doc, struct flow *flow,
			 struct layout_result *pages, struct pdf_meta *meta)
{
	if (!pdf_document_flow(r, doc, flow, meta))
		return false;
	memset(pages, 0, sizeof *pages);
	layout_flow(flow, &r->style, r->context, pages);
	for (size_t i = 0; i < pages->n_pages; i++)
		pages->pages[i].number = (int)i + 1;
	return true;
}

/* A document of up to this many pages is laid out once and kept whole while
 * it is painted; a longer one is laid out first to count its pages (on every
 * core), keeping only its first pages, and then the rest a second time,
 * each page painted and freed as soon as it is complete, so memory stays
 * bounded. */
#define PDF_PAGES_IN_MEMORY 400

struct streaming {
	struct pdf_painter *painter;
	size_t first;		/* index in the whole document of the pages' first */
};

static void paint_done(struct layout_result *pages, size_t index, void *ctx)
{
	struct streaming *st = ctx;
	struct page *page = &pages->pages[index];
	page->number = (int)(st->first + index) + 1;
	pdf_painter_page(st->painter, page);
	layout_release_page(page);
}

bool pdf_render_document(struct pdf_renderer *r, const struct document *doc, FILE *out)
{
	struct pdf_meta meta;
	struct flow flow;
	if (!pdf_document_flow(r, doc, &flow, &meta))
		return false;
	struct layout_result pages = { 0 };
	struct layout_resume resume;
	layout_flow_bounded(&flow, &r->style, r->context, PDF_PAGES_IN_MEMORY, &pages, &resume);
	for (size_t i = 0; i < pages.n_pages; i++)
		pages.pages[i].number = (int)i + 1;
	const char *error = NULL;
	bool ok;
	if (resume.block == flow.n) {
		ok = paint_pdf(&pages, &r->style, &meta, out, &error);
	} else {
		/* the counted pages, released but for the first, give the total,
		 * the contents' page numbers and the outline */
		struct pdf_painter *painter = pdf_painter_begin(&r->style, &meta, (int)pages.n_pages,
								out);
		pdf_painter_use_numbers(painter, &pages);
		for (size_t i = 0; i < resume.page; i++) {
			pdf_painter_page(painter, &pages.pages[i]);
			layout_release_page(&pages.pages[i]);
		}
		struct streaming st = { painter, resume.page };
		struct layout_result rest = { .page_done = paint_done, .page_done_ctx = &st };
		layout_flow_from(&flow, resume, &r->style, r->context, &rest);
		layout_free(&rest);
		ok = pdf_painter_finish(painter, &pages, &error);
	}
	if (!ok)
		diag_error(r->diags, (struct pos){ doc->file, 0, 0 }, "could not make the PDF: %s",
			   error);
	layout_free(&pages);
	flow_free(&flow);	/* figures are painted from the flow */
	return ok;
}
