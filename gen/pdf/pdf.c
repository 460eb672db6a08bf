/* pdf.c - the model as a flow of blocks for the printable reports: covers,
 * narrative, landscape action tables with RAG cells, KPI figures. What each
 * report shows is decided here; how it breaks into pages is layout.c's job. */
#include "catalog.h"
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

static void add_markdown(struct pdf_renderer *r, struct flow *f, const struct markdown *md,
			 double size)
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
#define CONTINUED_MARK msg("(cont.)")

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

static void cell_markdown(struct pdf_renderer *r, struct cell *c, const struct markdown *md)
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

/* A rating's word on its colour, and the word again on every later page a
 * split row runs on to, so that a black-and-white print can still read it
 * there. In a banded cell (an action's line and its steps' lines, each its
 * own rating) the colour is the word's paragraph's, not the cell's. */
static void cell_rating(struct pdf_renderer *r, struct cell *c, const struct rating *rating,
			int n_bands, int band)
{
	struct rgb fill = rating_fill(&r->style, rating), ink = rating_ink(&r->style, rating);
	for (int repeat = 0; repeat < (n_bands ? 1 : 2); repeat++) {
		struct paragraph *p = table_text(r, msg(rating->word), rating->rag != RAG_NONE);
		p->colour = ink;
		if (repeat)
			cell_add_repeat(c, p);
		else
			cell_add(c, p);
	}
	if (n_bands) {
		cell_band_fill(c, n_bands, band, fill);
	} else {
		c->has_fill = true;
		c->fill = fill;
	}
}

/* A column of the printed table: a column of the plan, or for the rating
 * history one column a review. */
struct print_column {
	enum column col;
	size_t review;
};

/* Which columns a printed table has: the plan's, with the rating history
 * as one column a review (GRID_IN); the plan's without it (GRID_APART); or
 * the ref and the history alone (GRID_ALONE), a table of its own when the
 * grid and the other columns cannot share a page's width. */
enum grid_place { GRID_IN, GRID_APART, GRID_ALONE };

static size_t print_columns(struct pdf_renderer *r, const struct plan *p, enum grid_place grid,
			    struct print_column **out)
{
	size_t n = 0;
	*out = arena_alloc(&r->arena, (p->n_columns + p->reviews.n + 2) * sizeof **out);
	if (grid == GRID_ALONE)
		(*out)[n++] = (struct print_column){ COL_REF, 0 };
	for (size_t i = 0; i < p->n_columns; i++) {
		if (p->columns[i] == COL_HISTORY) {
			for (size_t k = 0; grid != GRID_APART && k < p->reviews.n; k++)
				(*out)[n++] = (struct print_column){ COL_HISTORY, k };
		} else if (grid != GRID_ALONE) {
			(*out)[n++] = (struct print_column){ p->columns[i], 0 };
		}
	}
	return n;
}

/* The longest run of text that should not break, in characters. */
static double longest_run(const char *text)
{
	double longest = 0;
	size_t run = 0;
	for (const char *c = text;; c++) {
		if (!*c || *c == ' ' || *c == '\n') {
			if ((double)run > longest)
				longest = (double)run;
			run = 0;
			if (!*c)
				break;
		} else if (((unsigned char)*c & 0xC0) != 0x80) {
			run++;
		}
	}
	return longest;
}

/* How much a column holds over the whole plan: its characters, and the
 * longest run that should not break (a word; for leads, a whole name). */
static void column_content(const struct plan *p, enum column col, double *chars,
			   double *longest)
{
	*chars = 0, *longest = 0;
	for (size_t j = 0; j < p->n_all_actions; j++) {
		const struct action *a = p->all_actions[j];
		for (size_t line = 0; line <= a->steps.n; line++) {
			const struct step *step = line ? &a->steps.at[line - 1] : NULL;
			if (step && !column_info(col)->per_step)
				break;
			struct cell_value v = plan_cell(p, a, step, col);
			const char *texts[10] = { 0 };
			size_t n = 0;
			if (v.text)
				texts[n++] = v.text;
			if (v.md)
				texts[n++] = v.md->text;	/* measured as written */
			if (v.title)
				texts[n++] = v.title;	/* shown under the ref */
			for (size_t k = 0; v.kind == CELL_NAMES && k < v.names->n && n < 10; k++)
				texts[n++] = v.names->at[k];
			for (size_t k = 0; k < n; k++) {
				size_t len = strlen(texts[k]);
				*chars += (double)len;
				if (col == COL_LEADS && len <= 20) {
					if ((double)len > *longest)
						*longest = (double)len;
					continue;
				}
				double run = longest_run(texts[k]);
				if (run > *longest)
					*longest = run;
			}
		}
	}
}

/* The longest word a rating cell of the plan may hold. */
static double longest_rating(const struct plan *p)
{
	double longest = 5;	/* "Amber", "rated" */
	for (size_t i = 0; i < p->n_rating_order; i++) {
		double run = longest_run(p->rating_order[i]->word);
		if (run > longest)
			longest = run;
	}
	return longest;
}

/* Column widths for every action table of a plan (the same in each theme):
 * half from the style's proportions, half from how much each column holds,
 * so an empty "Progress" column gives way to a full "Outcome"; never so
 * narrow that a word or a lead's name must break. */
static double action_column_widths(struct pdf_renderer *r, const struct plan *p,
				   const struct print_column *cols, size_t n_cols, double width,
				   double *widths)
{
	const double char_w = r->style.size_table * 0.55, pad = 8;
	double weights = 0, total_chars = 0;
	double *chars = arena_alloc(&r->arena, (n_cols + 1) * sizeof *chars);
	double *longest = arena_alloc(&r->arena, (n_cols + 1) * sizeof *longest);
	double *least = arena_alloc(&r->arena, (n_cols + 1) * sizeof *least);
	char buf[80];
	for (size_t i = 0; i < n_cols; i++) {
		enum column col = cols[i].col;
		weights += r->style.column_weight[col];
		column_content(p, col, &chars[i], &longest[i]);
		const char *heading = col == COL_HISTORY ?
			period_format(&p->reviews.at[cols[i].review], buf, sizeof buf) : p->labels[col];
		if (col == COL_PROGRESS_RAG || col == COL_IMPACT_RAG || col == COL_HISTORY)
			chars[i] = 0, longest[i] = longest_rating(p);
		else if (col == COL_STATUS)
			chars[i] = 0, longest[i] = 9;	/* "Cancelled" */
		else if (col == COL_CHANGE)
			chars[i] = 0, longest[i] = 11;	/* "Completed", and its arrow */
		/* and the heading's words, which wrap too but should not break */
		if (longest_run(heading) > longest[i])
			longest[i] = longest_run(heading);
		total_chars += chars[i];
	}
	/* a column's least width: its longest unbreakable run, where runs beyond
	 * RUN_CAP characters (web addresses, e-mails) break anyway; all the
	 * least widths together never more than the table */
	enum { RUN_CAP = 24 };
	double least_sum = 0;
	for (size_t i = 0; i < n_cols; i++) {
		enum column col = cols[i].col;
		least[i] = (longest[i] < RUN_CAP ? longest[i] : RUN_CAP) * char_w + pad;
		/* a heading's words measured, as its bold letters are wider than
		 * the estimate: "Impact measure" breaks at the space, never "measur-e" */
		const char *heading = col == COL_HISTORY ?
			period_format(&p->reviews.at[cols[i].review], buf, sizeof buf) : p->labels[col];
		double h = widest_word(r, heading, true) + pad;
		if (least[i] < h)
			least[i] = h;
		if (col == COL_REF)	/* and the mark of a split row's continuation */
			least[i] = fmax(least[i], text_width(r, CONTINUED_MARK, SIZE_MAX, false) +
					2 * TABLE_CELL_PAD + 1);
		if (least[i] > width * 0.3)
			least[i] = width * 0.3;
		least_sum += least[i];
	}
	double needed = least_sum;
	for (size_t i = 0; least_sum > width && i < n_cols; i++)
		least[i] *= width / least_sum;
	double sum = 0;
	for (size_t i = 0; i < n_cols; i++) {
		double style_share = r->style.column_weight[cols[i].col] / (weights > 0 ? weights : 1);
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
		for (size_t i = 0; i < n_cols; i++)
			spare += widths[i] - least[i];
		double cut = sum - width;
		for (size_t i = 0; i < n_cols && spare > 0; i++)
			widths[i] -= cut * (widths[i] - least[i]) / spare;
		sum = 0;
		for (size_t i = 0; i < n_cols; i++)
			sum += widths[i];
	}
	for (size_t i = 0; i < n_cols; i++)
		widths[i] *= width / sum;
	return needed;	/* what the columns need to break no word */
}

/* A line's dated updates, and on the action's own line the indicators it
 * moves, under the content of its plan_history_column cell, as on the web
 * page. */
static void cell_history(struct pdf_renderer *r, struct cell *c, const struct action *a,
			 const struct step *step)
{
	const struct task *t = line_task(a, step);
	char buf[80];
	if (t->updates.n) {
		struct paragraph *h = para(r, ROLE_P, msg("Updates"));
		h->size = r->style.size_table;
		h->bold = true;
		h->space_before = c->n ? r->style.size_table * 0.6 : 0;
		h->space_after = 0;
		h->keep_with_next = true;	/* a row split between pages turns before it */
		cell_add(c, h);
	}
	for (size_t i = 0; i < t->updates.n; i++) {
		const struct update *u = &t->updates.at[i];
		/* no arena here: rows are made on several threads (action_row) */
		struct strbuf date = { 0 };
		strbuf_adds(&date, period_format(&u->when, buf, sizeof buf));
		if (u->rating.rating)
			strbuf_printf(&date, ": %s", msg(u->rating.rating->word));
		struct paragraph *when = table_text(r, date.data, false);
		if (u->rating.rating)
			paragraph_mark_parts(when, msg(u->rating.rating->word), NULL);
		strbuf_free(&date);
		when->keep_with_next = u->note != NULL;	/* the date heads its note */
		cell_add(c, when);
		cell_markdown(r, c, u->note);
	}
	if (!step && a->kpi_ids.n) {
		struct strbuf b = { 0 };
		strbuf_adds(&b, msg("Indicators: "));
		for (size_t i = 0; i < a->kpi_ids.n; i++)
			strbuf_printf(&b, "%s%s", i ? "; " : "", a->kpis[i]->title);
		struct paragraph *k = para(r, ROLE_P, b.data);
		const char **titles = xmalloc(a->kpi_ids.n * sizeof *titles);
		for (size_t i = 0; i < a->kpi_ids.n; i++)
			titles[i] = a->kpis[i]->title;
		rich_mark_parts(&k->rich, titles, a->kpi_ids.n);
		free(titles);
		k->size = r->style.size_table;
		k->space_before = c->n ? r->style.size_table * 0.6 : 0;
		k->space_after = 0;
		cell_add(c, k);
		strbuf_free(&b);
	}
}

static enum para_marker change_marker(enum change ch)
{
	return ch == CHANGE_UP ? MARKER_UP : ch == CHANGE_DOWN ? MARKER_DOWN :
	       ch == CHANGE_SAME ? MARKER_SAME : MARKER_NONE;
}

/* What a cell shows of one line (the action's own, or a step's): what
 * plan_cell says the column holds there. */
static void cell_line(struct pdf_renderer *r, const struct plan *p, struct cell *c,
		      const struct action *a, const struct step *step,
		      const struct print_column *pc, int n_bands, int band)
{
	struct cell_value v = plan_cell(p, a, step, pc->col);
	switch (v.kind) {
	case CELL_EMPTY:
		break;
	case CELL_REF:
		cell_text(r, c, v.text, true);
		if (v.title)
			cell_text(r, c, v.title, false);
		break;
	case CELL_TEXT:
		cell_text(r, c, v.text, pc->col == COL_TITLE);
		break;
	case CELL_MARKDOWN:
		cell_markdown(r, c, v.md);
		break;
	case CELL_NAMES:
		for (size_t k = 0; k < v.names->n; k++)
			cell_text(r, c, v.names->at[k], false);
		break;
	case CELL_DUE:
		if (v.text && *v.text)
			cell_text(r, c, v.text, false);
		if (v.overdue) {
			struct paragraph *o = table_text(r, msg("Overdue"), true);
			o->colour = r->style.draft;
			cell_add(c, o);
		}
		break;
	case CELL_RATING:
		cell_rating(r, c, v.rating, n_bands, band);
		break;
	case CELL_STATUS:
		cell_text(r, c, action_status_label(v.status), false);
		break;
	case CELL_HISTORY:
		if (v.history && v.history[pc->review])
			cell_rating(r, c, v.history[pc->review], n_bands, band);
		break;
	case CELL_CHANGE: {
		struct paragraph *w = table_text(r, change_label(v.change), false);
		w->marker = change_marker(v.change);
		w->indent = w->marker != MARKER_NONE ? r->style.size_table * 1.1 : 0;
		cell_add(c, w);
		break;
	}
	}
	if (pc->col == plan_history_column(p) && (pc->col != COL_HISTORY || pc->review == 0))
		cell_history(r, c, a, step);
}

/* What a theme's table of actions makes its rows from. */
struct action_rows {
	const struct pdf_renderer *r;
	const struct plan *p;
	const struct theme *t;
	const struct print_column *cols;
	size_t n_cols;
};

/* Row j: the theme's action j, its steps as lines of the row. Made when the
 * layout comes to it (table_made_rows), on whichever thread lays it out:
 * it reads the model and the style, and writes nothing but the cells. */
static void action_row(const struct table *table, size_t j, struct cell *row, const void *data)
{
	(void)table;
	const struct action_rows *ar = data;
	struct pdf_renderer *r = (struct pdf_renderer *)ar->r;
	const struct print_column *cols = ar->cols;
	const struct action *a = &ar->t->actions.at[j];
	size_t n_lines = 1 + a->steps.n;
	for (size_t i = 0; i < ar->n_cols; i++) {
		struct cell *c = &row[i];
		bool banded = a->steps.n && column_info(cols[i].col)->per_step;
		if (banded)
			c->n_bands = (int)n_lines;
		for (size_t line = 0; line < (banded ? n_lines : 1); line++) {
			size_t before = c->n;
			cell_line(r, ar->p, c, a, line ? &a->steps.at[line - 1] : NULL, &cols[i],
				  banded ? (int)n_lines : 0, (int)line);
			for (size_t k = before; k < c->n; k++)
				c->paras[k]->band = (int)line;
		}
		if (cols[i].col == COL_REF) {
			c->row_header = true;	/* as the web page's th scope=row */
			/* the row's ref on the pages it runs on to */
			cell_add_repeat(c, table_text(r, a->shown_ref, true));
			cell_add_repeat(c, table_text(r, CONTINUED_MARK, false));
		}
	}
}

/* widths: from action_column_widths, once per plan; like: an earlier table
 * of the same columns, whose header this one shares (NULL: none) */
static struct table *action_table(struct pdf_renderer *r, const struct plan *p,
				  const struct theme *t, const struct print_column *cols,
				  size_t n_cols, const double *widths, const struct table *like)
{
	struct table *table = table_new(n_cols, widths, r->style.size_table);
	if (like)
		table_share_header(table, like);
	char buf[80];
	for (size_t i = 0; i < n_cols; i++) {
		enum column col = cols[i].col;
		if (col == COL_HISTORY && cols[i].review == 0)
			cell_text(r, table_add_group(table, i, p->reviews.n), p->labels[col], true);
		if (like)
			continue;
		cell_text(r, &table->header[i], col == COL_HISTORY ?
			  period_format(&p->reviews.at[cols[i].review], buf, sizeof buf) :
			  p->labels[col], true);
	}
	struct action_rows *ar = arena_alloc(&r->arena, sizeof *ar);
	*ar = (struct action_rows){ r, p, t, cols, n_cols };
	/* roughly a row's text, for cutting a long plan into runs of like size */
	size_t weight = t->actions.n * (16 + n_cols * 120);
	for (size_t j = 0; j < t->actions.n; j++)
		weight += t->actions.at[j].steps.n * n_cols * 60;
	table_made_rows(table, t->actions.n, action_row, ar, weight);
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

/* One row per theme (and one for the plan): label, rating bar, counts in
 * words; only the themes that have anything rated below them. */
struct rag_figure {
	const struct plan *plan;
	const struct pdf_style *style;
	const struct theme **themes;	/* rows: NULL is the whole plan */
	size_t count;
	double *row_h;	/* each row as tall as its counts in words wrap to */
};

static const struct rating_counts *figure_counts(const struct rag_figure *f, size_t row)
{
	return f->themes[row] ? &f->themes[row]->ratings : &f->plan->ratings_count;
}

/* Where the bars go in a figure at x of width w, l set in the small font:
 * the counts in words are never cut short: the bars give way to the widest
 * of them, down to a quarter of the width, and past that the words wrap.
 * Returns the width the words have. */
static double rag_columns(const struct rag_figure *f, PangoLayout *l, struct arena *a,
			  double x, double w, double *bar_x, double *bar_w)
{
	double widest = 0;
	pango_layout_set_width(l, -1);
	for (size_t row = 0; row < f->count; row++) {
		pango_layout_set_text(l, rating_counts_text(a, f->plan, figure_counts(f, row)), -1);
		int tw, th;
		pango_layout_get_size(l, &tw, &th);
		if ((double)tw / PANGO_SCALE > widest)
			widest = (double)tw / PANGO_SCALE;
	}
	*bar_x = x + w * 0.22, *bar_w = w * 0.34;
	if (*bar_x + *bar_w + 8 + widest > x + w)
		*bar_w = x + w - 8 - widest - *bar_x > w * 0.25 ? x + w - 8 - widest - *bar_x :
								 w * 0.25;
	return x + w - *bar_x - *bar_w - 8;
}

static void draw_rag_figure(cairo_t *cr, double x, double y, double w, double h, void *data)
{
	const struct rag_figure *f = data;
	const struct plan *p = f->plan;
	const struct pdf_style *s = f->style;
	size_t rows = f->count;
	(void)h;	/* the rows' own heights add up to it */
	struct arena a;
	arena_init(&a);
	PangoLayout *l = typeset_layout_for(cr, s->body_font, s->size_small, false, "");
	double bar_x, bar_w;
	rag_columns(f, l, &a, x, w, &bar_x, &bar_w);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	double ry = y;
	for (size_t row = 0; row < rows; ry += f->row_h[row], row++) {
		const struct rating_counts *counts = figure_counts(f, row);
		const char *label = f->themes[row] ? f->themes[row]->name : msg("Whole plan");
		double bar_h = 20 * 0.62;	/* as tall whatever the row's height */
		double indent = f->themes[row] ? 8.0 * (f->themes[row]->depth - 1) : 0;
		pango_layout_set_width(l, (int)((bar_x - x - 6 - indent) * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);	/* a theme's label */
		pango_layout_set_text(l, label, -1);
		cairo_set_source_rgb(cr, s->text.r, s->text.g, s->text.b);
		cairo_move_to(cr, x + indent, ry + (bar_h - s->size_small * 1.2) / 2);
		pango_cairo_show_layout(cr, l);
		chart_draw_rag_bar(cr, p, counts, s, bar_x, ry, bar_w, bar_h);
		pango_layout_set_width(l, (int)((x + w - bar_x - bar_w - 8) * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
		pango_layout_set_text(l, rating_counts_text(&a, p, counts), -1);
		cairo_set_source_rgb(cr, s->text.r, s->text.g, s->text.b);
		cairo_move_to(cr, bar_x + bar_w + 8, ry + (bar_h - s->size_small * 1.2) / 2);
		pango_cairo_show_layout(cr, l);
	}
	g_object_unref(l);
	arena_free(&a);
}

/* Each row 20 points, or taller where its counts in words wrap to more
 * lines than that holds (a long scale's words); the figure's height. */
static double rag_row_heights(struct pdf_renderer *r, struct rag_figure *data, double width)
{
	PangoLayout *l = pango_layout_new(r->context);
	typeset_set_font(l, r->style.body_font, r->style.size_small, false);
	double bar_x, bar_w;
	double text_w = rag_columns(data, l, &r->arena, 0, width, &bar_x, &bar_w);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_width(l, (int)(text_w * PANGO_SCALE));
	data->row_h = arena_alloc(&r->arena, data->count * sizeof *data->row_h);
	double total = 0;
	for (size_t row = 0; row < data->count; row++) {
		pango_layout_set_text(l, rating_counts_text(&r->arena, data->plan,
							    figure_counts(data, row)), -1);
		int tw, th;
		pango_layout_get_size(l, &tw, &th);
		/* the words start a little above the bar's middle: room below */
		data->row_h[row] = fmax(20, (double)th / PANGO_SCALE + 8);
		total += data->row_h[row];
	}
	g_object_unref(l);
	return total;
}

static void add_rag_figure(struct pdf_renderer *r, struct flow *f, const struct plan *p,
			   double width)
{
	/* the whole plan, then each theme with anything rated below it */
	const struct theme **rows = arena_alloc(&r->arena, (p->n_all_themes + 1) * sizeof *rows);
	size_t n = 0;
	rows[n++] = NULL;
	for (size_t i = 0; i < p->n_all_themes; i++)
		if (rating_counts_any(&p->all_themes[i]->ratings))
			rows[n++] = p->all_themes[i];
	/* in pieces a page can hold, for plans of very many themes */
	const size_t rows_per_figure = 30;
	for (size_t first = 0; first < n; first += rows_per_figure) {
		struct rag_figure *data = arena_alloc(&r->arena, sizeof *data);
		data->plan = p;
		data->style = &r->style;
		data->themes = rows + first;
		data->count = n - first < rows_per_figure ? n - first : rows_per_figure;
		struct figure *fig = xcalloc(1, sizeof *fig);
		fig->width = width;
		fig->height = rag_row_heights(r, data, width);
		fig->draw = draw_rag_figure;
		fig->data = data;
		fig->alt = xstrdup(first == 0 ? rating_counts_text(&r->arena, p, &p->ratings_count) :
			msg_printf(&r->arena, msg("Ratings of %s to %s, as in the tables of each"),
				     data->themes[0]->name, data->themes[data->count - 1]->name));
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
		series[n] = &k->targets, names[n++] = msg("Target");
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
				min_col = fmax(min_col, widest_word(r, msg("not known"), false));
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
		cell_text(r, &t->header[0], msg("Series"), true);
		for (size_t i = 1; i < cols; i++) {
			cell_text(r, &t->header[i], k->periods.at[from + i - 1], true);
			t->header[i].paras[0]->whole_words = true;
		}
		for (size_t s = 0; s < n; s++) {
			struct cell *row = table_add_row(t);
			cell_text(r, &row[0], names[s], true);
			row[0].row_header = true;
			for (size_t i = 1; i < cols && from + i - 1 < series[s]->n; i++) {
				struct number v = series[s]->at[from + i - 1];
				/* "not known" in words, as on the web: a tagged PDF's
				 * dash is read out as "dash" or not at all */
				cell_text(r, &row[i], kpi_format_value(a, k, v), false);
				row[i].paras[0]->whole_words = true;
			}
		}
		/* the council's own status and direction per period, as given */
		for (int extra = 0; extra < 2; extra++) {
			size_t have = extra ? k->trend_words.n : k->status.n;
			if (!have)
				continue;
			struct cell *row = table_add_row(t);
			cell_text(r, &row[0], extra ? msg("Direction of travel") : msg("Status"), true);
			row[0].row_header = true;
			for (size_t i = 1; i < cols && from + i - 1 < have; i++)
				cell_text(r, &row[i], extra ? kpi_trend_text(k, from + i - 1) :
					  kpi_status_text(k, from + i - 1), false);
		}
		if (n_tables > 1) {
			struct paragraph *cap = para(r, ROLE_CAPTION,
				msg_printf(a, msg("%s to %s"), k->periods.at[from],
					     k->periods.at[from + count - 1]));
			cap->keep_with_next = true;
			flow_add_paragraph(f, cap);
		}
		flow_add_table(f, t);
	}
}

/* The heading level a theme's parts take: one under the theme's. */
static enum para_role part_role(int depth)
{
	static const enum para_role roles[] = { ROLE_H2, ROLE_H3, ROLE_H4, ROLE_H5, ROLE_H6 };
	return roles[depth >= 1 && depth <= 5 ? depth - 1 : 4];
}

/* dest: where the indicator's chart is, for references to it; role: its
 * heading's level */
static void add_kpi(struct pdf_renderer *r, struct flow *f, const struct kpi *k, double width,
		    const char *dest, enum para_role role)
{
	struct arena *a = &r->arena;
	/* the KPI's words and its chart on one page, two to a portrait page */
	flow_add_need(f, k->chart != CHART_NONE ? 320 : 150);
	struct paragraph *h = heading(r, f, role, k->ref ? arena_printf(a, "%s %s", k->ref,
							  k->title) : k->title, dest, 0);
	paragraph_mark_parts(h, k->title, NULL);
	h->size = r->style.size_h3;
	add_markdown(r, f, k->description, r->style.size_body);
	/* the facts on one line, each label in bold: as on the web page */
	struct paragraph *facts = NULL;
	if (k->baseline.known)
		facts = fact(r, msg("Baseline"), kpi_format_value(a, k, k->baseline));
	const char *latest = k->latest >= 0 ?
		arena_printf(a, "%s (%s)", kpi_format_value(a, k, k->values.at[k->latest]),
			     k->periods.at[k->latest]) : msg("Not known");
	if (facts)
		add_fact(r, facts, msg("Latest"), latest);
	else
		facts = fact(r, msg("Latest"), latest);
	const char *change = kpi_change_text(a, k);
	if (change)
		add_fact(r, facts, msg("Change"), change);
	add_fact(r, facts, msg("Direction of travel"), kpi_shown_trend(k));
	const struct rating *shown = kpi_shown_rating(k);
	if (shown)
		add_fact(r, facts, shown != rating_builtin(shown->rag) ||
			 (k->latest >= 0 && (size_t)k->latest < k->status.n &&
			  k->status.at[k->latest].rating) ? msg("Rating") : msg("Against target"), msg(shown->word));
	else if (k->contextual)
		add_fact(r, facts, msg("Rating"), msg("Contextual: monitored without a target"));
	flow_add_paragraph(f, facts);
	struct paragraph *sentence = paragraph_mark_parts(para(r, ROLE_P, kpi_sentence(a, k)),
							  k->title, NULL);
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
		flow_add_paragraph(f, paragraph_mark_parts(para(r, ROLE_CAPTION,
			msg_printf(a, msg("Source: %s"), k->source)), k->source, NULL));
	/* notes qualify the figures (a gap, a changed definition): under them,
	 * as on the web page */
	if (k->notes) {
		struct paragraph *label = para(r, ROLE_P, msg("Notes"));
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
	struct paragraph *h = heading(r, f, part_role(t->depth),
				      msg_printf(a, msg("Indicators for %s"), t->name), NULL, 0);
	paragraph_mark_parts(h, t->name, NULL)->size = r->style.size_h3;
	for (size_t j = 0; j < t->kpi_ids.n; j++) {
		const struct kpi *k = t->kpis[j];
		if (!k)
			continue;
		size_t index = (size_t)(k - p->kpis.at);
		const char *dest = arena_printf(a, "kpi-%zu", index + 1);
		if (!charted_under[index]) {
			charted_under[index] = t;
			add_kpi(r, f, k, width, dest, part_role(t->depth + 1));
			continue;
		}
		const struct theme *first = charted_under[index];
		struct paragraph *e = para(r, ROLE_P, "");
		rich_add(&e->rich, k->title, strlen(k->title), NULL, 0);
		const char *where = msg_printf(a, msg(": charted under %s"), first->name);
		rich_add(&e->rich, where, strlen(where), NULL, 0);
		const char *target = arena_printf(a, "#%s", dest);
		rich_add_link(&e->rich, 0, (int)strlen(k->title), target, strlen(target));
		e->page_of = xstrdup(dest);
		flow_add_paragraph(f, e);
	}
}

static bool kpi_named_by_theme(const struct plan *p, const struct kpi *k)
{
	for (size_t i = 0; i < p->n_all_themes; i++)
		for (size_t j = 0; j < p->all_themes[i]->kpi_ids.n; j++)
			if (p->all_themes[i]->kpis[j] == k)
				return true;
	return false;
}

/* Every indicator on one table, in the columns councils use: Ref,
 * Indicator, Baseline, Previous, Latest, Target, Change, Direction of
 * travel, Rating (those no indicator has left out), so a committee reads the whole picture
 * before the charts. */
static void add_kpi_scorecard(struct pdf_renderer *r, struct flow *f, const struct plan *p,
			      double width)
{
	struct arena *a = &r->arena;
	bool any_ref = false, any_previous = false, any_target = false, any_rating = false;
	bool any_baseline = false;
	for (size_t i = 0; i < p->kpis.n; i++) {
		const struct kpi *k = &p->kpis.at[i];
		any_ref |= k->ref != NULL;
		any_baseline |= k->baseline.known;
		any_previous |= k->previous >= 0;
		any_target |= k->latest >= 0 && (size_t)k->latest < k->targets.n &&
			      k->targets.at[k->latest].known;
		any_rating |= kpi_shown_rating(k) != NULL || k->contextual;
	}
	enum { REF, INDICATOR, BASELINE, PREVIOUS, LATEST, TARGET, CHANGE, TREND, RATING, N };
	const char *const head[N] = { msg("Ref"), msg("Indicator"), msg("Baseline"), msg("Previous"),
				      msg("Latest"), msg("Target"), msg("Change"),
				      msg("Direction of travel"), msg("Rating") };
	static const double weight[N] = { 0, 0.30, 0.09, 0.12, 0.12, 0.09, 0.13, 0.14, 0.10 };
	bool shown[N] = { any_ref, true, any_baseline, any_previous, true, any_target, true, true,
			  any_rating };
	/* the refs whole ("1.1.3.KR"); the other columns share the rest */
	double ref = 0;
	for (size_t i = 0; any_ref && i < p->kpis.n; i++)
		if (p->kpis.at[i].ref)
			ref = fmax(ref, widest_word(r, p->kpis.at[i].ref, false));
	ref = any_ref ? fmin(fmax(ref, widest_word(r, head[REF], true)) + 2 * TABLE_CELL_PAD + 4,
			     width * 0.2) : 0;
	/* the rating and direction columns as wide as their widest word */
	double least[N] = { 0 };
	least[BASELINE] = any_baseline ? widest_word(r, head[BASELINE], true) : 0;
	for (size_t i = 0; i < p->kpis.n; i++) {
		const struct kpi *k = &p->kpis.at[i];
		const struct rating *shown_rating = kpi_shown_rating(k);
		least[RATING] = fmax(least[RATING], widest_word(r, shown_rating ? msg(shown_rating->word) :
						       k->contextual ? msg("Contextual") : "", true));
		least[TREND] = fmax(least[TREND], widest_word(r, kpi_shown_trend(k), false) +
				   r->style.size_table * 1.1);
	}
	/* a column whose share would be narrower than its word takes its
	 * word's width; the others share what is left by their weights */
	double total = 0, w[N], fixed = 0;
	bool at_least[N] = { false };
	for (size_t i = 0; i < N; i++)
		total += shown[i] && i != REF ? weight[i] : 0;
	for (size_t i = 0; i < N; i++) {
		least[i] += least[i] > 0 ? 2 * TABLE_CELL_PAD + 4 : 0;
		if (shown[i] && i != REF && (width - ref) * weight[i] / total < least[i]) {
			at_least[i] = true;
			fixed += least[i];
			total -= weight[i];
		}
	}
	size_t n = 0;
	for (size_t i = 0; i < N; i++)
		if (shown[i])
			w[n++] = i == REF ? ref : at_least[i] ? least[i] :
				 (width - ref - fixed) * weight[i] / (total > 0 ? total : 1);
	struct table *t = table_new(n, w, r->style.size_table);
	for (size_t i = 0, c = 0; i < N; i++)
		if (shown[i])
			cell_text(r, &t->header[c++], head[i], true);
	for (size_t i = 0; i < p->kpis.n; i++) {
		const struct kpi *k = &p->kpis.at[i];
		struct cell *row = table_add_row(t);
		size_t c = 0;
		if (any_ref && k->ref)
			cell_text(r, &row[c], k->ref, false);
		c += any_ref;
		row[c].row_header = true;
		cell_text(r, &row[c++], k->title, true);
		if (any_baseline && k->baseline.known)
			cell_text(r, &row[c], kpi_format_value(a, k, k->baseline), false);
		c += any_baseline;
		if (any_previous && k->previous >= 0)
			cell_text(r, &row[c], arena_printf(a, "%s (%s)", kpi_format_value(a, k,
				  k->values.at[k->previous]), k->periods.at[k->previous]), false);
		c += any_previous;
		cell_text(r, &row[c++], k->latest >= 0 ?
			  arena_printf(a, "%s (%s)", kpi_format_value(a, k, k->values.at[k->latest]),
				       k->periods.at[k->latest]) : msg("Not known"), false);
		if (any_target && k->latest >= 0 && (size_t)k->latest < k->targets.n &&
		    k->targets.at[k->latest].known)
			cell_text(r, &row[c], kpi_format_value(a, k, k->targets.at[k->latest]), false);
		c += any_target;
		const char *change = kpi_change_text(a, k);
		cell_text(r, &row[c++], change ? change : msg("not known"), false);
		struct paragraph *trend = table_text(r, kpi_shown_trend(k), false);
		trend->marker = k->trend == TREND_NOT_KNOWN ? MARKER_NONE : k->change > 0 ?
				MARKER_UP : k->change < 0 ? MARKER_DOWN : MARKER_SAME;
		trend->indent = trend->marker != MARKER_NONE ? r->style.size_table * 1.1 : 0;
		cell_add(&row[c++], trend);
		const struct rating *rating = kpi_shown_rating(k);
		if (any_rating && rating)
			cell_rating(r, &row[c], rating, 0, 0);
		else if (any_rating && k->contextual)
			cell_text(r, &row[c], msg("Contextual"), false);
	}
	const char *label = p->themes.n && p->themes.at[0].label ? p->themes.at[0].label : msg("theme");
	char *lower = arena_strdup(a, label);
	if (lower[0] >= 'A' && lower[0] <= 'Z')
		lower[0] = (char)(lower[0] - 'A' + 'a');
	struct paragraph *cap = para(r, ROLE_CAPTION,
		msg_printf(a, msg_n("%s indicator. It is charted under the %s that names it, or "
				    "after this table.", "%s indicators. Each is charted under the %s "
				    "that names it, or after this table.", p->kpis.n),
			   arena_printf(a, "%zu", p->kpis.n), lower));
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
			   msg_printf(&r->arena, msg("%s logo"), site->organisation) : msg("Logo"));
	flow_add_figure(f, fig);
}

/* ---------- plans ---------- */

/* "Changes since PERIOD": what moved since the previous review, as on the
 * web page. */
static void add_changes(struct pdf_renderer *r, struct flow *f, const struct plan *p)
{
	struct arena *a = &r->arena;
	heading(r, f, ROLE_H1, changes_title(a, p), "changes", 1);
	bool any = false;
	for (int kind = 0; kind < CHANGED_COUNT; kind++) {
		bool headed = false;
		for (size_t i = 0; i < p->n_changes; i++) {
			const struct plan_change *c = &p->changes[i];
			if (c->kind != (enum changed)kind)
				continue;
			if (!headed) {
				heading(r, f, ROLE_H2, changed_heading(c->kind), NULL, 0)->size =
					r->style.size_h3;
				headed = any = true;
			}
			struct paragraph *e = para(r, ROLE_LI, "");
			const char *text = change_text(a, c);
			rich_add(&e->rich, text, strlen(text), NULL, 0);
			paragraph_mark_parts(e, c->kpi ? c->kpi->title : c->action->title, NULL);
			const char *dest = c->kpi ? c->kpi->anchor : c->action->anchor;
			const char *target = arena_printf(a, "#%s", dest);
			rich_add_link(&e->rich, 0, (int)strlen(text), target, strlen(target));
			e->marker = c->kind == CHANGED_UP ? MARKER_UP : c->kind == CHANGED_DOWN ?
				    MARKER_DOWN : MARKER_NONE;
			e->indent = r->style.size_body * 1.4;
			if (e->marker == MARKER_NONE)
				e->label = xstrdup("•");
			e->space_after = r->style.size_body * 0.25;
			flow_add_paragraph(f, e);
		}
	}
	if (!any)
		flow_add_paragraph(f, para(r, ROLE_P, msg_printf(a, msg("No rating, completion or due "
			"date has changed since %s."), period_text(a, &p->previous_review))));
}

/* A theme's heading and parts, its actions' table, its indicators; then its
 * sub-themes, each a level deeper. A theme of the plan's own starts a
 * landscape page. */
/* The columns of a plan's printed action tables and their widths; when the
 * rating history's grid does not fit beside the other columns, a second
 * table of its own (grid_cols, n 0 when none). */
struct print_tables {
	struct print_column *cols, *grid_cols;
	size_t n_cols, n_grid_cols;
	double *widths, *grid_widths;
	/* the first table of each, whose header the others share */
	const struct table *first, *first_grid;
};

static void add_theme(struct pdf_renderer *r, struct flow *f, const struct plan *p,
		      const struct theme *t, struct print_tables *pt,
		      const struct theme **charted_under, double pw)
{
	struct arena *a = &r->arena;
	const struct pdf_style *s = &r->style;
	static const enum para_role levels[] = { ROLE_H1, ROLE_H2, ROLE_H3, ROLE_H4, ROLE_H5 };
	/* a theme of the plan's own starts a page: landscape for its tables of
	 * actions, portrait for one that has only narrative and indicators */
	if (t->depth == 1)
		flow_add_page_break(f, t->n_actions ? LANDSCAPE : PORTRAIT);
	struct paragraph *h = heading(r, f, levels[t->depth >= 1 && t->depth <= 4 ? t->depth - 1 : 4],
				      t->heading, t->anchor, t->depth);
	paragraph_mark_parts(h, t->label, t->title, NULL);
	if (t->depth > 1)	/* its bookmark is at its depth too (heading) */
		h->size = t->depth == 2 ? s->size_h2 : s->size_h3;
	enum para_role part = part_role(t->depth);
	if (t->summary) {
		heading(r, f, part, t->summary_title, NULL, 0)->size = s->size_h3;
		add_markdown(r, f, t->summary, s->size_body);
	}
	const char *const review_titles[] = { msg("Progress"), msg("Key challenges"),
					      msg("Next steps") };
	const struct markdown *review[] = { t->review.progress, t->review.challenges,
					    t->review.next_steps };
	for (size_t i = 0; i < 3; i++)
		if (review[i]) {
			heading(r, f, part, review_titles[i], NULL, 0)->size = s->size_h3;
			add_markdown(r, f, review[i], s->size_body);
		}
	if (t->actions.n) {
		const char *caption = rating_counts_any(&t->own) ?
			msg_printf(a, msg("Actions for %s (%s)"), t->name,
				     rating_counts_text(a, p, &t->own)) :
			msg_printf(a, msg("Actions for %s"), t->name);
		struct paragraph *cap = paragraph_mark_parts(para(r, ROLE_CAPTION, caption), t->name,
							     NULL);
		cap->keep_with_next = true;
		flow_add_paragraph(f, cap);
		struct table *actions = action_table(r, p, t, pt->cols, pt->n_cols, pt->widths,
						     pt->first);
		pt->first = pt->first ? pt->first : actions;
		flow_add_table(f, actions);
		if (pt->n_grid_cols) {
			struct paragraph *gcap = para(r, ROLE_CAPTION, arena_printf(a,
				"%s for %s", msg(p->labels[COL_HISTORY]), t->name));
			paragraph_mark_parts(gcap, t->name, NULL);
			gcap->keep_with_next = true;
			flow_add_paragraph(f, gcap);
			struct table *grid = action_table(r, p, t, pt->grid_cols, pt->n_grid_cols,
							  pt->grid_widths, pt->first_grid);
			pt->first_grid = pt->first_grid ? pt->first_grid : grid;
			flow_add_table(f, grid);
		}
	}
	const char *empty = theme_empty_text(a, t);
	if (empty)
		flow_add_paragraph(f, para(r, ROLE_P, empty));
	if (t->kpi_ids.n)
		add_theme_kpis(r, f, p, t, charted_under, pw);
	for (size_t i = 0; i < t->themes.n; i++) {
		if (t->kpi_ids.n && t->themes.at[i].n_actions)	/* back to landscape pages */
			flow_add_page_break(f, LANDSCAPE);
		add_theme(r, f, p, &t->themes.at[i], pt, charted_under, pw);
	}
}

static void add_indicators(struct pdf_renderer *r, struct flow *f, const struct plan *p,
			   double pw)
{
	flow_add_page_break(f, PORTRAIT);
	heading(r, f, ROLE_H1, msg("Performance indicators"), "indicators", 1);
	if (p->scorecard != SCORECARD_NONE)
		add_kpi_scorecard(r, f, p, pw);
	/* an indicator a theme names is charted there, once */
	for (size_t i = 0; i < p->kpis.n; i++)
		if (!kpi_named_by_theme(p, &p->kpis.at[i]))
			add_kpi(r, f, &p->kpis.at[i], pw, NULL, ROLE_H2);
}

static void plan_flow(struct pdf_renderer *r, const struct plan *p, struct flow *f)
{
	struct arena *a = &r->arena;
	const struct pdf_style *s = &r->style;
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
		org->bookmark = xstrdup(msg("Cover"));
		org->bookmark_level = 1;
		flow_add_paragraph(f, org);
	}
	if (p->service)
		flow_add_paragraph(f, para(r, ROLE_P, p->service));
	struct paragraph *title = para(r, ROLE_TITLE, p->title);
	title->space_before = s->size_title * 2;
	if (!p->organisation) {
		title->bookmark = xstrdup(msg("Cover"));
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
	/* the plan's facts, as the web page lists them; its organisation and
	 * service head the cover already */
	struct fact facts[PLAN_FACTS_MAX];
	size_t n_facts = plan_facts(a, p, facts);
	for (size_t i = 0; i < n_facts; i++)
		if (facts[i].value != p->organisation && facts[i].value != p->service)
			flow_add_paragraph(f, fact(r, facts[i].label, facts[i].value));
	if (rating_counts_any(&p->ratings_count) || p->overdue || p->overdue_steps) {
		flow_add_space(f, s->size_body);
		struct paragraph *h = para(r, ROLE_H3, msg("Progress at a glance"));
		h->role = ROLE_H2;	/* set as an h3, under the title: no level skipped */
		flow_add_paragraph(f, h);
		if (rating_counts_any(&p->ratings_count)) {
			add_rag_figure(r, f, p, pw);
			flow_add_paragraph(f, fact(r, msg("Progress"), rating_counts_text(a, p,
							&p->ratings_count)));
		}
		if (p->overdue || p->overdue_steps)
			flow_add_paragraph(f, fact(r, msg("Overdue"), overdue_text(a, p->overdue,
									    p->overdue_steps)));
	}

	/* contents, linking to each part */
	flow_add_page_break(f, PORTRAIT);
	heading(r, f, ROLE_H1, msg("Contents"), "contents", 1);
	struct entry {
		const char *label, *dest;
		int depth;
		const struct theme *theme;	/* a theme's: its heading's parts */
	};
	size_t cap = 8 + p->sections.n + p->closing.n + p->n_all_themes;
	struct entry *entries = arena_alloc(a, cap * sizeof *entries);
	size_t n_entries = 0;
	bool start = p->kpis.n && p->scorecard == SCORECARD_START;
	/* without a scorecard, the indicators no theme names still have their
	 * part, at the end, charted there */
	bool unnamed = false;
	for (size_t i = 0; i < p->kpis.n; i++)
		unnamed |= !kpi_named_by_theme(p, &p->kpis.at[i]);
	bool end = p->kpis.n && (p->scorecard == SCORECARD_END ||
				 (p->scorecard == SCORECARD_NONE && unnamed));
	if (period_is_set(&p->previous_review))
		entries[n_entries++] = (struct entry){ changes_title(a, p), "changes", 1 };
	if (p->intro)
		entries[n_entries++] = (struct entry){ msg("Introduction"), "introduction", 1 };
	for (size_t i = 0; i < p->sections.n; i++)
		entries[n_entries++] = (struct entry){ p->sections.at[i].title,
			arena_printf(a, "section-%zu", i + 1), 1 };
	if (start)
		entries[n_entries++] = (struct entry){ msg("Performance indicators"), "indicators", 1 };
	for (size_t i = 0; i < p->n_all_themes; i++)
		entries[n_entries++] = (struct entry){ p->all_themes[i]->heading,
			p->all_themes[i]->anchor, p->all_themes[i]->depth,	/* the web page's ids too */
			p->all_themes[i] };
	if (end)
		entries[n_entries++] = (struct entry){ msg("Performance indicators"), "indicators", 1 };
	for (size_t i = 0; i < p->closing.n; i++)
		entries[n_entries++] = (struct entry){ p->closing.at[i].title,
			arena_printf(a, "closing-%zu", i + 1), 1 };
	for (size_t i = 0; i < n_entries; i++) {
		struct paragraph *e = para(r, ROLE_P, entries[i].label);
		if (entries[i].theme)
			paragraph_mark_parts(e, entries[i].theme->label, entries[i].theme->title, NULL);
		struct rich *rich = &e->rich;
		PangoAttribute *u = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
		u->start_index = 0, u->end_index = (guint)rich->text.len;
		pango_attr_list_insert(rich->attrs, u);
		rich->n_attrs++;
		const char *target = arena_printf(a, "#%s", entries[i].dest);
		rich_add_link(rich, 0, (int)rich->text.len, target, strlen(target));
		e->page_of = xstrdup(entries[i].dest);
		e->indent = s->size_body * 1.5 * (entries[i].depth - 1);
		e->space_after = s->size_body * 0.35;
		flow_add_paragraph(f, e);
	}

	if (period_is_set(&p->previous_review)) {
		flow_add_page_break(f, PORTRAIT);
		add_changes(r, f, p);
	}
	if (p->intro || p->sections.n) {
		flow_add_page_break(f, PORTRAIT);
		if (p->intro) {
			heading(r, f, ROLE_H1, msg("Introduction"), "introduction", 1);
			add_markdown(r, f, p->intro, s->size_body);
		}
		add_sections(r, f, &p->sections, "section");
	}
	if (start)
		add_indicators(r, f, p, pw);

	struct print_tables pt = { 0 };
	pt.n_cols = print_columns(r, p, GRID_IN, &pt.cols);
	pt.widths = arena_alloc(a, (pt.n_cols + 1) * sizeof *pt.widths);
	if (action_column_widths(r, p, pt.cols, pt.n_cols, lw, pt.widths) > lw &&
	    plan_shows(p, COL_HISTORY) && p->reviews.n) {
		/* the grid beside the other columns would break their words: a
		 * table of its own under each table of actions */
		pt.n_cols = print_columns(r, p, GRID_APART, &pt.cols);
		action_column_widths(r, p, pt.cols, pt.n_cols, lw, pt.widths);
		pt.n_grid_cols = print_columns(r, p, GRID_ALONE, &pt.grid_cols);
		pt.grid_widths = arena_alloc(a, (pt.n_grid_cols + 1) * sizeof *pt.grid_widths);
		/* the ref as wide as its longest, the reviews sharing the rest */
		double ref = fmax(text_width(r, CONTINUED_MARK, SIZE_MAX, false),
				  widest_word(r, p->labels[COL_REF], true));
		for (size_t i = 0; i < p->n_all_actions; i++)
			ref = fmax(ref, text_width(r, p->all_actions[i]->shown_ref ?
						   p->all_actions[i]->shown_ref : "", SIZE_MAX, true));
		ref = fmin(ref + 2 * TABLE_CELL_PAD + 4, lw * 0.2);
		pt.grid_widths[0] = ref;
		for (size_t i = 1; i < pt.n_grid_cols; i++)
			pt.grid_widths[i] = (lw - ref) / (double)(pt.n_grid_cols - 1);
	}
	/* the theme under which each indicator is charted, once */
	const struct theme **charted_under = arena_alloc(a, (p->kpis.n + 1) * sizeof *charted_under);
	for (size_t i = 0; i < p->themes.n; i++)
		add_theme(r, f, p, &p->themes.at[i], &pt, charted_under, pw);
	if (end)
		add_indicators(r, f, p, pw);
	if (p->closing.n) {
		flow_add_page_break(f, PORTRAIT);
		add_sections(r, f, &p->closing, "closing");
	}
}

/* ---------- reports and minutes ---------- */

/* A numbered paragraph ("1.1") of markdown: the number in the margin, any
 * list inside it indented beneath; number NULL: unnumbered, in line. */
static void numbered_markdown(struct pdf_renderer *r, struct flow *f, const char *number,
			      const struct markdown *md)
{
	struct flow blocks = { 0 };
	markdown_to_flow(md, &r->style, r->style.size_body, &blocks);
	double indent = r->style.size_body * 3.2;
	for (size_t i = 0; i < blocks.n; i++) {
		struct paragraph *p = blocks.blocks[i].para;
		if (!p) {	/* a table, across the full width */
			if (i == 0 && number) {
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
		if (i == 0 && !number) {
			/* unnumbered (minutes with numbering: none): indented alike */
		} else if (i == 0 && !p->label) {
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
			 const person_list *people)
{
	for (size_t i = 0; i < people->n; i++) {
		const struct person *p = &people->at[i];
		if (!p->name)
			continue;
		const char *who = p->title ? arena_printf(&r->arena, "%s, %s", p->name, p->title) :
			p->name;
		flow_add_paragraph(f, paragraph_mark_parts(fact(r, role, who), p->name, p->title, NULL));
		if (p->email)
			flow_add_paragraph(f, fact(r, msg("Email"), p->email));
		if (p->phone)
			flow_add_paragraph(f, fact(r, msg("Tel"), p->phone));
	}
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
		flow_add_paragraph(f, paragraph_mark_parts(para(r, ROLE_P, rep->time ?
			arena_printf(a, "%s%s%s", date, *date ? ", " : "", rep->time) : date),
			rep->time, NULL));
	}
	if (rep->item)
		flow_add_paragraph(f, fact(r, msg("Item"), rep->item));
	struct paragraph *title = para(r, ROLE_H1, rep->title);
	title->bookmark = xstrdup(rep->title);
	title->bookmark_level = 1;
	flow_add_paragraph(f, title);
	const char *classification = report_classification_label(rep);
	if (classification)
		flow_add_paragraph(f, paragraph_mark_parts(fact(r, msg("Classification"),
			rep->classification == CLASS_EXEMPT ?
			msg_printf(a, msg("Exempt: %s"), rep->exempt_reason) : classification),
			rep->exempt_reason, NULL));
	person_facts(r, f, msg("Responsible officer"), &rep->responsible_officer);
	/* numbered as the report says: 1, 1.1 ...; 1, 2 ... straight through
	 * under unnumbered titles; or not at all */
	size_t paragraph = 0;
	for (size_t i = 0; i < rep->sections.n; i++) {
		bool sections = rep->numbering == NUMBERING_SECTIONS;
		struct paragraph *h = para(r, ROLE_H2, rep->sections.at[i].title);
		if (sections) {
			h->label = xstrdup(arena_printf(a, "%zu.", i + 1));
			h->indent = s->size_body * 3.2;
		}
		h->bookmark = xstrdup(sections ? arena_printf(a, "%zu. %s", i + 1,
							      rep->sections.at[i].title) :
				      rep->sections.at[i].title);
		h->bookmark_level = 2;
		flow_add_paragraph(f, h);
		const struct section *sec = &rep->sections.at[i];
		for (size_t j = 0; j < sec->n_paragraphs; j++) {
			paragraph++;
			if (rep->numbering == NUMBERING_NONE)
				add_markdown(r, f, sec->paragraphs[j], s->size_body);
			else
				numbered_markdown(r, f, sections ? arena_printf(a, "%zu.%zu", i + 1, j + 1) :
						  arena_printf(a, "%zu", paragraph), sec->paragraphs[j]);
		}
	}
	if (rep->appendices.n) {
		heading(r, f, ROLE_H2, msg("Appendices"), NULL, 0);
		for (size_t i = 0; i < rep->appendices.n; i++)
			flow_add_paragraph(f, fact(r, msg_printf(a, msg("Appendix %s"),
				rep->appendices.at[i].label ? rep->appendices.at[i].label :
				arena_printf(a, "%zu", i + 1)), rep->appendices.at[i].title));
	}
	if (rep->background_papers) {
		heading(r, f, ROLE_H2, msg("Background papers"), NULL, 0);
		add_markdown(r, f, rep->background_papers, s->size_body);
	}
	if (rep->cabinet_member)
		flow_add_paragraph(f, fact(r, msg("Cabinet Member (Portfolio Holder)"), rep->cabinet_member));
	if (rep->local_member)
		flow_add_paragraph(f, fact(r, msg("Local Member"), rep->local_member));
}

/* A list of those at a meeting: its heading, then the names in one line. */
static void names_under(struct pdf_renderer *r, struct flow *f, const char *title,
			const text_list *list)
{
	if (!list->n)
		return;
	/* set as an h3, tagged H2: the minutes' second level */
	heading(r, f, ROLE_H3, title, NULL, 0)->role = ROLE_H2;
	struct paragraph *names = para(r, ROLE_P, names_in_line(&r->arena, list));
	/* the line is in the language all its names are in; else each name
	 * kept untranslated is marked */
	const char *lang = texts_foreign_lang((const char *const *)list->at, list->n);
	if (lang)
		rich_mark_all(&names->rich, lang);
	else
		rich_mark_parts(&names->rich, (const char *const *)list->at, list->n);
	flow_add_paragraph(f, names);
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
	strbuf_adds(&t, msg_printf(a, msg("Minutes of the meeting held on %s"),
				   date_format_long(m->date, buf, sizeof buf)));
	if (m->time)
		strbuf_printf(&t, " %s", m->time);
	if (m->venue)
		strbuf_adds(&t, msg_printf(a, msg(" in %s"), m->venue));
	struct paragraph *title = paragraph_mark_parts(para(r, ROLE_H1, t.data), m->time, m->venue,
						       NULL);
	title->size = s->size_h2;
	title->bookmark = xstrdup(msg_printf(a, msg("Minutes, %s"),
					      date_format_long(m->date, buf, sizeof buf)));
	title->bookmark_level = 1;
	flow_add_paragraph(f, title);
	strbuf_free(&t);
	person_facts(r, f, msg("Responsible officer"), &m->officer);
	names_under(r, f, msg("Present"), &m->present);
	names_under(r, f, msg("Apologies"), &m->apologies);
	for (size_t i = 0; i < m->attendance.n; i++)
		names_under(r, f, m->attendance.at[i].heading, &m->attendance.at[i].names);
	for (size_t i = 0; i < m->items.n; i++) {
		const struct minute *it = &m->items.at[i];
		struct paragraph *h = para(r, ROLE_H2, it->title);
		h->label = xstrdup(it->number_text ? it->number_text : arena_printf(a, "%ld", it->number));
		h->indent = s->size_body * 3.2;
		h->size = s->size_h3;
		flow_add_paragraph(f, h);
		for (size_t j = 0; j < it->paragraphs.n; j++)
			numbered_markdown(r, f, it->paragraph_numbers[j], it->paragraphs.at[j].text);
		if (it->resolved.text) {
			/* the resolution is the minute's next numbered paragraph */
			struct paragraph *res = para(r, ROLE_P, msg("RESOLVED:"));
			res->bold = true;
			res->indent = s->size_body * 3.2;
			res->label = it->resolved_number ? xstrdup(it->resolved_number) : NULL;
			res->keep_with_next = true;
			flow_add_paragraph(f, res);
			struct paragraph **ps = NULL;
			size_t n = 0;
			markdown_to_paragraphs(it->resolved.text, s, s->size_body, &ps, &n);
			for (size_t k = 0; k < n; k++) {
				ps[k]->indent += s->size_body * 3.2;
				flow_add_paragraph(f, ps[k]);
			}
			free(ps);
		}
	}
	if (!m->signature)
		return;	/* a signatory's title no source gives */
	flow_add_space(f, s->size_body * 3);
	flow_add_paragraph(f, paragraph_mark_parts(para(r, ROLE_P,
		msg_printf(a, msg("Signed ………………………………………… (%s)"), m->signature)),
		m->signature, NULL));
	flow_add_space(f, s->size_body);
	flow_add_paragraph(f, para(r, ROLE_P, msg("Date:")));
}

/* ---------- the renderer ---------- */

struct logo_bytes {
	const char *data;
	size_t size, at;
};

static cairo_status_t read_logo(void *closure, unsigned char *out, unsigned int length)
{
	struct logo_bytes *b = closure;
	if (length > b->size - b->at)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, b->data + b->at, length);
	b->at += length;
	return CAIRO_STATUS_SUCCESS;
}

struct pdf_renderer *pdf_new(const struct content *content, const char *templates_dir,
			     struct diags *diags)
{
	struct pdf_renderer *r = xcalloc(1, sizeof *r);
	r->content = content;
	r->diags = diags;
	arena_init(&r->arena);
	const char *path = arena_printf(&r->arena, "%s/pdf/style.yaml", templates_dir);
	pdf_style_load(&r->style, path, diags);
	if (content->site && content->site->has_brand)
		r->style.brand = content->site->brand;
	chart_style_from_pdf(&r->style, &r->chart_style);
	/* headings and the organisation's name are set in the brand colour: one
	 * too light to read on white (a yellow) gives way to the text colour */
	static const struct rgb white = { 1, 1, 1 };
	if (colour_contrast(r->style.brand, white) < 4.5)
		r->style.brand = r->style.text;
	r->context = layout_context_new();
	if (content->logo_png) {
		/* the bytes checked, and decoded, when the content was read */
		struct logo_bytes bytes = { content->logo_png, content->logo_png_size, 0 };
		r->logo = cairo_image_surface_create_from_png_stream(read_logo, &bytes);
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

void pdf_new_context(struct pdf_renderer *r)
{
	/* the parent's is left as it is: freeing it would ask its thread */
	r->context = layout_context_new();
}

struct arena *pdf_arena_of(struct pdf_renderer *r)
{
	return &r->arena;
}

struct diags *pdf_diags_of(struct pdf_renderer *r)
{
	return r->diags;
}

void pdf_refuse_long(struct pdf_renderer *r, const struct document *doc)
{
	diag_error(r->diags, (struct pos){ doc->file, 1, 1 }, "this %s runs past %d pages in "
		   "print; a PDF may have at most %d pages", doc->kind == DOC_MEETING ?
		   "meeting's agenda pack" : doc_kind_name(doc->kind), LAYOUT_MAX_PAGES,
		   LAYOUT_MAX_PAGES);
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
		/* the day progress is reported at: an as_at period's last */
		d = period_is_set(&p->as_at) ? p->as_at.last : p->published;
		meta->header_left = p->organisation;
		meta->header_right = p->title;
		meta->draft = p->status == PLAN_DRAFT;
		/* only what the plan says of itself: no status when it gives none */
		const char *status = plan_status_label(p->status);
		meta->footer_left = p->version && status ? arena_printf(a, "%s · %s", p->version, status) :
				    p->version ? p->version : status;
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
		meta->footer_left = report_classification_label(rep);
		break;
	}
	case DOC_MINUTES: {
		const struct minutes *m = doc->as.minutes;
		minutes_flow(r, m, flow);
		meta->title = msg_printf(a, msg("Minutes: %s, %s"), m->committee,
					   date_format_long(m->date, buf, sizeof buf));
		meta->author = m->organisation;
		meta->subject = m->committee;
		d = m->date;
		meta->header_left = m->organisation;
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

/* Where the pages of a flow counted earlier are painted from. */
struct repaint {
	struct pdf_painter *painter;
	struct layout_result *counted;
	size_t first;		/* index in counted of the first page laid out again */
};

static void paint_again(struct layout_result *pages, size_t index, void *ctx)
{
	struct repaint *rp = ctx;
	struct page *page = &pages->pages[index];
	layout_restore_page(page, &rp->counted->pages[rp->first + index]);
	pdf_painter_page(rp->painter, page);
	layout_release_page(page);
}

void pdf_paint_flow(struct pdf_renderer *r, struct pdf_painter *painter, const struct flow *flow,
		    struct layout_resume resume, struct layout_result *counted, size_t first)
{
	for (size_t i = first; i < first + resume.page; i++) {
		pdf_painter_page(painter, &counted->pages[i]);
		layout_release_page(&counted->pages[i]);
	}
	if (resume.block == flow->n)
		return;	/* held whole */
	struct repaint rp = { painter, counted, first + resume.page };
	struct layout_result rest = { .page_done = paint_again, .page_done_ctx = &rp };
	layout_flow_from(flow, resume, &r->style, r->context, &rest);
	layout_free(&rest);
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
	if (pages.too_many_pages) {
		pdf_refuse_long(r, doc);
		layout_free(&pages);
		flow_free(&flow);
		return false;
	}
	for (size_t i = 0; i < pages.n_pages; i++)
		pages.pages[i].number = (int)i + 1;
	/* the counted pages, released but for the first, give the total, the
	 * contents' page numbers and the outline */
	const char *error = NULL;
	struct pdf_painter *painter = pdf_painter_begin(&r->style, &meta, &pages, out);
	pdf_paint_flow(r, painter, &flow, resume, &pages, 0);
	pdf_painter_close(painter, &pages);
	/* painted (figures from the flow): let go before the tree is made */
	layout_free(&pages);
	flow_free(&flow);
	bool ok = pdf_painter_finish(painter, &error);
	/* a temporary file that could not be written is the caller's to say
	 * (exit 3, with its folder); anything else is cairo's refusal */
	if (!ok && !ferror(out))
		diag_error(r->diags, (struct pos){ doc->file, 0, 0 }, "could not make the PDF: %s",
			   error);
	return ok;
}
