/* html.c - the website: a view per page from the model, expanded through the
 * templates in templates/html/, serialised as HTML5. What each page shows is
 * decided here; how it looks is the templates' and the style sheet's. */
#include "catalog.h"
#include "html.h"
#include "chart.h"
#include "html_write.h"
#include "template.h"
#include "url.h"
#include "view.h"
#include "words.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct html_renderer {
	const struct content *content;
	struct diags *diags;
	struct pdf_style chart_defaults;	/* the PDF's defaults in the site's colour */
	struct chart_style chart_style;
	struct output *charts;		/* where chart SVGs go while a page renders */
	bool standalone;		/* `render`: CSS, charts, logo inline */
	const char *site_path;		/* the page's path in the site, "plans/x.html" */
	size_t lang;			/* which of content->langs its pages are in */
	const char *chart_prefix;	/* plan id, for chart file names */
	struct arena arena;		/* a page's views; freed after each page */
	struct template_set *templates;
	char *html_dir;			/* templates/html */
	char *stylesheet;		/* the CSS, for standalone pages */
	const char **pdfs;		/* the PDFs the build makes, sorted (html_set_pdfs) */
	size_t n_pdfs;
	bool spool_failed;		/* a page's temporary file could not be written */
};

/* ---------- small view helpers ---------- */

/* path on the published site (site.yaml's base_url), NULL without one. */
static const char *published_url(const struct content *c, struct arena *a, const char *path)
{
	const char *base = c->site ? c->site->base_url : NULL;
	if (!base || !*base)
		return NULL;
	return arena_printf(a, "%s%s%s", base, base[strlen(base) - 1] == '/' ? "" : "/", path);
}

/* A link to another file of the site: `built` as a built page writes it
 * (relative), `path` from the site's root. A page made by `render` stands
 * alone, so that file will not be beside it: it links to the published site
 * when site.yaml gives base_url, else not at all. */
static const char *site_href(const struct html_renderer *r, struct arena *a, const char *built,
			     const char *path)
{
	return r->standalone ? published_url(r->content, a, path) : built;
}

static const char *date_long(struct arena *a, struct date d)
{
	char buf[40];
	return date_is_set(d) ? arena_strdup(a, date_format_long(d, buf, sizeof buf)) : NULL;
}

static const char *date_iso(struct arena *a, struct date d)
{
	char buf[40];
	return date_is_set(d) ? arena_strdup(a, date_format_iso(d, buf, sizeof buf)) : NULL;
}

const char *html_page_path(struct arena *a, const struct document *doc, const char *ext)
{
	return arena_printf(a, "%s/%s.%s", doc_kind_folder(doc->kind), doc->id, ext);
}

static struct view *fact(struct arena *a, const char *label, const char *value)
{
	struct view *f = view_map(a);
	view_set_text(a, f, "label", label);
	view_set_text(a, f, "value", value);
	return f;
}

static void add_fact(struct arena *a, struct view *list, const char *label, const char *value)
{
	if (value && *value)
		view_append(a, list, fact(a, label, value));
}

static struct view *person_view(struct arena *a, const struct person *p);

/* An officer who may be several persons: `officers` lists them all, and
 * `officer` is the first, as templates written for one person read it. */
static void persons_view(struct arena *a, struct view *v, const char *one, const char *all,
			 const person_list *people)
{
	struct view *list = view_list(a);
	for (size_t i = 0; i < people->n; i++)
		view_append(a, list, person_view(a, &people->at[i]));
	view_set(a, v, all, list);
	view_set(a, v, one, people->n ? person_view(a, &people->at[0]) : view_null(a));
}

static struct view *person_view(struct arena *a, const struct person *p)
{
	if (!p->name)
		return view_null(a);
	struct view *v = view_map(a);
	view_set_text(a, v, "name", p->name);
	view_set_text(a, v, "title", p->title);
	view_set_text(a, v, "email", p->email);
	view_set_text(a, v, "email_href", p->email ? arena_printf(a, "mailto:%s", p->email) : NULL);
	view_set_text(a, v, "phone", p->phone);
	return v;
}

/* A rating as a tag: the word (the council's, or revision 1's) and the key
 * its colour goes by in the style sheet. */
static struct view *rating_view(struct arena *a, const struct rating *r)
{
	if (!r)
		return view_null(a);
	struct view *v = view_map(a);
	view_set_text(a, v, "word", r->key);
	view_set_text(a, v, "label", msg(r->word));
	return v;
}

/* Rating counts as a list the templates draw as a bar and say in words;
 * null when nothing in their scope is rated (revision 2: no "Not rated"
 * bar for a document that rates nothing). */
static struct view *rating_summary(struct arena *a, const struct plan *p,
				   const struct rating_counts *rc)
{
	if (!rating_counts_any(rc))
		return view_null(a);
	struct view *v = view_map(a);
	struct view *items = view_list(a);
	size_t total = 0;
	for (size_t i = 0; i < p->n_rating_order; i++)
		total += rc->counts[i];
	for (size_t i = 0; i < p->n_rating_order; i++) {
		size_t n = rc->counts[i];
		if (!n)
			continue;
		struct view *item = rating_view(a, p->rating_order[i]);
		view_set_number(a, item, "count", (long)n);
		/* share of the bar, in whole per cent, at least 1 so it shows */
		long pct = total ? (long)((n * 100 + total / 2) / total) : 0;
		view_set_number(a, item, "percent", pct < 1 ? 1 : pct);
		view_append(a, items, item);
	}
	view_set(a, v, "items", items);
	view_set_number(a, v, "total", (long)total);
	view_set_text(a, v, "text", rating_counts_text(a, p, rc));
	return v;
}

/* ---------- plans ---------- */

/* id is the KPI's fragment id where it is shown: under a theme, or in the
 * indicators section (anchor.h). */
static const char *chart_href(struct html_renderer *r, const struct kpi *k, bool narrow);

/* Each chart is drawn twice: 560 pixels wide, and for a narrow screen (a
 * phone's 320 to 600) 264 wide in a layout of its own (fewer ticks, the
 * legend one entry a row), its text the same 12 pixels: the page shows the
 * one that fits, scaled to its container but never below its own size where
 * a phone is 320 wide, so no label is under 12 pixels and none is cut off. */
#define CHART_WIDE 560
#define CHART_NARROW 264

/* 280 pixels (240 narrow), and more when a long legend or turned labels need
 * them, so the plot keeps its height (the page's img says the same height as
 * the file). */
static double chart_svg_height(struct html_renderer *r, const struct kpi *k, bool narrow)
{
	if (!narrow)
		return round(chart_height(k, &r->chart_style, CHART_WIDE, 280));
	struct chart_style st = r->chart_style;
	st.narrow = true;
	return round(chart_height(k, &st, CHART_NARROW, 240));
}

/* A table cell's text with the heading of its column ("2019/20: 52%"),
 * which a narrow screen shows beside it when the table's rows are stacked. */
static struct view *labelled_cell(struct arena *a, const char *text, const char *label)
{
	struct view *c = view_map(a);
	view_set_text(a, c, "text", text);
	view_set_text(a, c, "label", label);
	return c;
}

void html_chart_style(const struct html_renderer *r, const struct plan *p, const struct kpi *k,
		      bool narrow, struct chart_style *style, double *w, double *h)
{
	*style = r->chart_style;
	style->series_name = p->organisation;	/* as plan_view sets it */
	style->narrow = narrow;
	*w = narrow ? CHART_NARROW : CHART_WIDE;
	*h = round(chart_height(k, style, *w, narrow ? 240 : 280));	/* chart_svg_height's */
}

static const char *kpi_target(struct arena *a, const struct kpi *k)
{
	if (k->latest >= 0 && (size_t)k->latest < k->targets.n && k->targets.at[k->latest].known)
		return kpi_format_value(a, k, k->targets.at[k->latest]);
	return NULL;
}

static struct view *kpi_view(struct html_renderer *r, const struct kpi *k, const char *id,
			     bool with_chart, int level)
{
	struct arena *a = &r->arena;
	struct view *v = view_map(a);
	bool charted = with_chart && k->chart != CHART_NONE;
	view_set_text(a, v, "chart_href", charted ? chart_href(r, k, false) : NULL);
	view_set_text(a, v, "chart_narrow_href", charted ? chart_href(r, k, true) : NULL);
	view_set_text(a, v, "chart_height", arena_printf(a, "%.0f", chart_svg_height(r, k, false)));
	view_set_number(a, v, "level", level);
	view_set_text(a, v, "id", k->id);
	view_set_text(a, v, "ref", k->ref);
	view_set_text(a, v, "anchor", id);
	view_set_text(a, v, "title", k->title);
	view_set_markdown(a, v, "description", k->description);
	view_set_text(a, v, "latest", k->latest >= 0 ?
		      kpi_format_value(a, k, k->values.at[k->latest]) : msg("Not known"));
	view_set_text(a, v, "latest_period", k->latest >= 0 ? k->periods.at[k->latest] : NULL);
	view_set_text(a, v, "previous", k->previous >= 0 ?
		      kpi_format_value(a, k, k->values.at[k->previous]) : NULL);
	view_set_text(a, v, "previous_period", k->previous >= 0 ? k->periods.at[k->previous] : NULL);
	view_set_text(a, v, "baseline", k->baseline.known ? kpi_format_value(a, k, k->baseline) : NULL);
	view_set_text(a, v, "change", kpi_change_text(a, k));
	view_set_text(a, v, "trend", kpi_trend_word(k->trend));
	view_set_text(a, v, "trend_label", kpi_shown_trend(k));
	const struct rating *shown = kpi_shown_rating(k);
	view_set(a, v, "rag", rating_view(a, shown));
	view_set_flag(a, v, "has_rag", shown != NULL);
	/* the council's own status is its rating; one derived is the figure
	 * against its target */
	view_set_text(a, v, "rating_label", shown && shown != rating_builtin(shown->rag) ?
		      msg("Rating") : k->latest >= 0 && (size_t)k->latest < k->status.n &&
		      k->status.at[k->latest].rating ? msg("Rating") : msg("Against target"));
	view_set_text(a, v, "arrow", k->trend == TREND_NOT_KNOWN ? "none" : k->change > 0 ? "up" :
		      k->change < 0 ? "down" : "same");
	view_set_flag(a, v, "contextual", k->contextual);
	view_set_text(a, v, "target", kpi_target(a, k));
	view_set_text_of(a, v, "summary", kpi_sentence(a, k), k->title, NULL);
	view_set_text(a, v, "source", k->source);
	view_set_markdown(a, v, "notes", k->notes);
	const char *better = k->better == BETTER_HIGHER ? msg("Higher is better") :
			     k->better == BETTER_LOWER ? msg("Lower is better") : NULL;
	view_set_text(a, v, "better", better);

	/* the numbers as a table: periods across, series down */
	struct view *periods = view_list(a);
	for (size_t i = 0; i < k->periods.n; i++)
		view_append(a, periods, view_text(a, k->periods.at[i]));
	view_set(a, v, "periods", periods);
	struct view *rows = view_list(a);
	struct series {
		const char *name;
		const number_list *values;
	} series[66];
	size_t n_series = 0;
	series[n_series++] = (struct series){ kpi_series_name(r->chart_style.series_name),
					      &k->values };
	if (k->targets.n)
		series[n_series++] = (struct series){ msg("Target"), &k->targets };
	for (size_t i = 0; i < k->comparators.n && n_series < 66; i++)
		series[n_series++] = (struct series){ k->comparators.at[i].name,
							   &k->comparators.at[i].values };
	for (size_t s = 0; s < n_series; s++) {
		struct view *row = view_map(a);
		view_set_text(a, row, "name", series[s].name);
		struct view *cells = view_list(a);
		/* a figure not known in words ("not known"), not a dash that a
		 * screen reader reads as "dash" or not at all */
		for (size_t i = 0; i < series[s].values->n; i++)
			view_append(a, cells, labelled_cell(a, kpi_format_value(a, k,
							    series[s].values->at[i]), k->periods.at[i]));
		view_set(a, row, "cells", cells);
		view_append(a, rows, row);
	}
	/* the council's own status and direction per period, as given */
	for (int extra = 0; extra < 2; extra++) {
		if (!(extra ? k->trend_words.n : k->status.n))
			continue;
		struct view *row = view_map(a);
		view_set_text(a, row, "name", extra ? msg("Direction of travel") : msg("Status"));
		struct view *cells = view_list(a);
		for (size_t i = 0; i < k->periods.n; i++)
			view_append(a, cells, labelled_cell(a, extra ? kpi_trend_text(k, i) :
							    kpi_status_text(k, i), k->periods.at[i]));
		view_set(a, row, "cells", cells);
		view_append(a, rows, row);
	}
	view_set(a, v, "rows", rows);
	view_set_text_of(a, v, "table_caption", msg_printf(a, msg("%s: figures by period"), k->title),
			 k->title, NULL);
	return v;
}

/* Where a plan's page shows a KPI in full: under the first theme that names
 * it, else in the indicators section. */
static const char *kpi_href(struct arena *a, const struct plan *p, const struct kpi *k)
{
	for (size_t t = 0; t < p->n_all_themes; t++)
		for (size_t j = 0; j < p->all_themes[t]->kpi_ids.n; j++)
			if (p->all_themes[t]->kpis[j] == k)
				return arena_printf(a, "#%s", p->all_themes[t]->kpi_anchors[j]);
	return arena_printf(a, "#%s", k->anchor);
}

/* A line's dated updates, and on the action's own line the indicators it
 * moves, for the cell of plan_history_column. */
static void history_view(struct arena *a, const struct plan *p, const struct action *act,
			 const struct step *step, struct view *c)
{
	const struct task *t = line_task(act, step);
	struct view *updates = view_list(a);
	for (size_t i = 0; i < t->updates.n; i++) {
		const struct update *u = &t->updates.at[i];
		struct view *uv = view_map(a);
		view_set_text(a, uv, "date", period_text(a, &u->when));
		view_set(a, uv, "rag", u->rating.rating ? rating_view(a, u->rating.rating) : NULL);
		view_set_markdown(a, uv, "note", u->note);
		view_append(a, updates, uv);
	}
	view_set(a, c, "updates", updates);
	struct view *kpis = view_list(a);
	for (size_t i = 0; !step && i < act->kpi_ids.n; i++) {
		struct view *kv = view_map(a);
		view_set_text(a, kv, "title", act->kpis[i]->title);
		view_set_text(a, kv, "href", kpi_href(a, p, act->kpis[i]));
		view_append(a, kpis, kv);
	}
	view_set(a, c, "kpis", kpis);
	view_set_flag(a, c, "has_history", t->updates.n || (!step && act->kpi_ids.n));
}

/* One cell of an action table, from plan_cell: what the column shows of the
 * action's own line or a step's. */
static struct view *cell_view(struct arena *a, const struct plan *p, const struct action *act,
			      const struct step *step, enum column col)
{
	struct view *c = view_map(a);
	struct cell_value v = plan_cell(p, act, step, col);
	bool with_history = col == plan_history_column(p);
	view_set_flag(a, c, "is_ref", v.kind == CELL_REF);
	view_set_flag(a, c, "is_text", v.kind == CELL_TEXT || v.kind == CELL_EMPTY);
	view_set_flag(a, c, "is_leads", v.kind == CELL_NAMES);
	view_set_flag(a, c, "is_due", v.kind == CELL_DUE);
	view_set_flag(a, c, "is_rag", v.kind == CELL_RATING);
	view_set_flag(a, c, "is_status", v.kind == CELL_STATUS);
	view_set_flag(a, c, "is_history", v.kind == CELL_HISTORY);
	view_set_flag(a, c, "is_change", v.kind == CELL_CHANGE);
	view_set_text(a, c, "column", column_name(col));
	view_set_text(a, c, "label", p->labels[col]);
	view_set_text(a, c, "text", v.kind != CELL_MARKDOWN && v.text && *v.text ? v.text : NULL);
	view_set_markdown(a, c, "markdown", v.kind == CELL_MARKDOWN ? v.md : NULL);
	view_set(a, c, "rag", v.kind == CELL_RATING ? rating_view(a, v.rating) : NULL);
	view_set_text(a, c, "status_word", action_status_word(v.status));
	if (v.kind == CELL_STATUS)
		view_set_text(a, c, "text", action_status_label(v.status));
	view_set_text(a, c, "change_word", change_word(v.change));
	if (v.kind == CELL_CHANGE)
		view_set_text(a, c, "text", change_label(v.change));
	struct view *leads = view_list(a);
	for (size_t i = 0; v.kind == CELL_NAMES && i < v.names->n; i++)
		view_append(a, leads, view_text(a, v.names->at[i]));
	view_set(a, c, "leads", leads);
	struct view *grid = view_list(a);
	for (size_t i = 0; v.kind == CELL_HISTORY && i < v.n_history; i++) {
		struct view *g = view_map(a);
		view_set(a, g, "rag", rating_view(a, v.history ? v.history[i] : NULL));
		view_set_text(a, g, "label", i < p->reviews.n ? arena_printf(a, "%s, %s",
			      p->labels[COL_HISTORY], period_text(a, &p->reviews.at[i])) : NULL);
		view_append(a, grid, g);
	}
	view_set(a, c, "history", grid);
	view_set_text(a, c, "title", v.kind == CELL_REF ? v.title : NULL);
	view_set_flag(a, c, "overdue", v.overdue);
	if (with_history)
		history_view(a, p, act, step, c);
	else
		view_set_flag(a, c, "has_history", false);
	/* a markdown cell with history holds two blocks, so not inline */
	bool markdown = v.kind == CELL_MARKDOWN;
	bool two = markdown && with_history && view_truthy(view_get(c, "has_history"));
	view_set_flag(a, c, "is_markdown", markdown && !two);
	view_set_flag(a, c, "is_markdown_with_history", two);
	return c;
}

/* An action as rows of its table: its own line, then a line for each step,
 * the action's own cells (ref, outcome ...) spanning them all. */
static struct view *action_view(struct arena *a, const struct plan *p, const struct theme *t,
				const struct action *act)
{
	struct view *v = view_map(a);
	view_set_text(a, v, "ref", act->shown_ref);
	view_set_text(a, v, "anchor", act->anchor);
	view_set_flag(a, v, "overdue", act->task.overdue);
	size_t n_lines = 1 + act->steps.n;
	struct view *lines = view_list(a);
	const char *ref_id = arena_printf(a, "%s--ref", act->anchor);
	for (size_t l = 0; l < n_lines; l++) {
		const struct step *step = l ? &act->steps.at[l - 1] : NULL;
		struct view *line = view_map(a);
		view_set_text(a, line, "id", l ? NULL : act->anchor);
		view_set_text(a, line, "class", l ? "step" : act->steps.n ? "action has-steps" :
			      "action");
		struct view *cells = view_list(a);
		for (size_t i = 0; i < p->n_columns; i++) {
			enum column col = p->columns[i];
			bool spans = !column_info(col)->per_step;
			if (spans && l)
				continue;	/* on the action's line, spanning its steps */
			struct view *c = cell_view(a, p, act, step, col);
			view_set_text(a, c, "rowspan", spans && act->steps.n ?
				      arena_printf(a, "%zu", n_lines) : NULL);
			view_set_text(a, c, "id", col == COL_REF ? ref_id : NULL);
			/* in a row of steps, each cell names its headers: the
			 * column's and the action's ref */
			view_set_text(a, c, "headers", act->steps.n && col != COL_REF ?
				      arena_printf(a, "%s--col-%s %s", t->anchor, column_name(col),
						   ref_id) : NULL);
			view_append(a, cells, c);
		}
		view_set(a, line, "cells", cells);
		view_append(a, lines, line);
	}
	view_set(a, v, "lines", lines);
	return v;
}

/* An action's view, made when the page's template comes to it. */
struct action_of {
	const struct plan *plan;
	const struct theme *theme;
	const struct action *action;
};

static struct view *made_action_view(struct arena *a, const void *what)
{
	const struct action_of *of = what;
	return action_view(a, of->plan, of->theme, of->action);
}

static struct view *sections_view(struct arena *a, const section_list *sections,
				  const char *prefix)
{
	struct view *list = view_list(a);
	for (size_t i = 0; i < sections->n; i++) {
		struct view *s = view_map(a);
		view_set_text(a, s, "title", sections->at[i].title);
		view_set_markdown(a, s, "text", sections->at[i].text);
		view_set_text(a, s, "anchor", arena_printf(a, "%s-%zu", prefix, i + 1));
		view_append(a, list, s);
	}
	return list;
}

/* "Changes since PERIOD": each kind of change that has any, with what moved. */
static struct view *changes_view(struct arena *a, const struct plan *p)
{
	if (!period_is_set(&p->previous_review))
		return view_null(a);
	struct view *v = view_map(a);
	view_set_text(a, v, "title", changes_title(a, p));
	struct view *groups = view_list(a);
	for (int kind = 0; kind < CHANGED_COUNT; kind++) {
		struct view *items = view_list(a);
		for (size_t i = 0; i < p->n_changes; i++) {
			const struct plan_change *c = &p->changes[i];
			if (c->kind != (enum changed)kind)
				continue;
			struct view *item = view_map(a);
			view_set(a, item, "text", view_text_of(a, change_text(a, c),
							       c->kpi ? c->kpi->title : NULL,
							       !c->kpi && c->action ? c->action->title : NULL,
							       (const char *)NULL));
			view_set_text(a, item, "href", c->kpi ? kpi_href(a, p, c->kpi) :
				      arena_printf(a, "#%s", c->action->anchor));
			view_set_text(a, item, "change", kind == CHANGED_UP ? "up" :
				      kind == CHANGED_DOWN ? "down" : NULL);
			view_append(a, items, item);
		}
		if (!items->count)
			continue;
		struct view *g = view_map(a);
		view_set_text(a, g, "heading", changed_heading((enum changed)kind));
		view_set(a, g, "items", items);
		view_append(a, groups, g);
	}
	view_set(a, v, "groups", groups);
	view_set_text(a, v, "nothing", groups->count ? NULL :
		      msg_printf(a, msg("No rating, completion or due date has changed since %s."),
				   period_text(a, &p->previous_review)));
	return v;
}

/* The header cells of an action table: one row, or two when the rating
 * history's grid puts each review under one heading. */
static void columns_view(struct arena *a, const struct plan *p, struct view *v)
{
	bool grid = plan_shows(p, COL_HISTORY) && p->reviews.n;
	struct view *columns = view_list(a);
	for (size_t i = 0; i < p->n_columns; i++) {
		struct view *c = view_map(a);
		enum column col = p->columns[i];
		view_set_text(a, c, "name", column_name(col));
		view_set_text(a, c, "label", p->labels[col]);
		bool history = col == COL_HISTORY && p->reviews.n;
		view_set_text(a, c, "rowspan", grid && !history ? "2" : NULL);
		view_set_text(a, c, "colspan", history ? arena_printf(a, "%zu", p->reviews.n) : NULL);
		view_set_text(a, c, "scope", history ? "colgroup" : "col");
		view_append(a, columns, c);
	}
	view_set(a, v, "columns", columns);
	struct view *reviews = view_list(a);
	for (size_t i = 0; grid && i < p->reviews.n; i++)
		view_append(a, reviews, view_text(a, period_text(a, &p->reviews.at[i])));
	view_set(a, v, "review_columns", reviews);
}

static struct view *theme_view(struct html_renderer *r, const struct plan *p,
			       const struct theme *t)
{
	struct arena *a = &r->arena;
	struct view *tv = view_map(a);
	int level = t->depth + 1 < 6 ? t->depth + 1 : 6;	/* the plan's title is h1 */
	view_set_number(a, tv, "level", level);
	view_set_number(a, tv, "part_level", level + 1 < 6 ? level + 1 : 6);
	view_set_number(a, tv, "depth", t->depth);
	view_set_text(a, tv, "ref", t->ref);
	view_set_text_of(a, tv, "heading", t->numbering, t->label, NULL);
	view_set_text(a, tv, "title", t->title);
	view_set_text(a, tv, "anchor", t->anchor);
	view_set_text(a, tv, "summary_title", t->summary_title);
	view_set_markdown(a, tv, "summary", t->summary);
	struct view *review = view_map(a);
	view_set_markdown(a, review, "progress", t->review.progress);
	view_set_markdown(a, review, "challenges", t->review.challenges);
	view_set_markdown(a, review, "next_steps", t->review.next_steps);
	view_set(a, tv, "review", review);
	view_set_flag(a, tv, "has_review", t->review.progress || t->review.challenges ||
		      t->review.next_steps);
	struct view *actions = view_list(a);
	for (size_t j = 0; j < t->actions.n; j++) {
		struct action_of *of = arena_alloc(a, sizeof *of);
		*of = (struct action_of){ p, t, &t->actions.at[j] };
		view_append(a, actions, view_lazy(a, made_action_view, of));
	}
	view_set(a, tv, "actions", actions);
	view_set_text_of(a, tv, "caption", msg_printf(a, msg("Actions for %s"), t->name), t->label,
			 t->title);
	view_set_text(a, tv, "empty", theme_empty_text(a, t));
	view_set(a, tv, "rag_summary", rating_summary(a, p, &t->own));
	view_set_number(a, tv, "overdue", (long)t->overdue);
	struct view *kpis = view_list(a);
	for (size_t j = 0; j < t->kpi_ids.n; j++)
		if (t->kpis[j])
			view_append(a, kpis, kpi_view(r, t->kpis[j], t->kpi_anchors[j], true,
						      level + 1 < 6 ? level + 1 : 6));
	view_set(a, tv, "kpis", kpis);
	return tv;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void html_set_pdfs(struct html_renderer *r, const char *const *paths, size_t n)
{
	free(r->pdfs);
	r->pdfs = xcalloc(n + 1, sizeof *r->pdfs);
	memcpy(r->pdfs, paths, n * sizeof *paths);
	r->n_pdfs = n;
	if (n > 1)
		qsort(r->pdfs, n, sizeof *r->pdfs, compare_paths);
}

/* Whether doc's page links its PDF (a plan's, a meeting's agenda pack): only
 * when this build makes it, and never from a standalone page. */
static bool pdf_linked(struct html_renderer *r, const struct document *doc)
{
	const char *path = html_page_path(&r->arena, doc, "pdf");
	return !r->standalone && r->n_pdfs &&
	       bsearch(&path, r->pdfs, r->n_pdfs, sizeof *r->pdfs, compare_paths);
}

static struct view *plan_view(struct html_renderer *r, const struct document *doc)
{
	struct arena *a = &r->arena;
	const struct plan *p = doc->as.plan;
	r->chart_prefix = p->id;
	r->chart_style.series_name = p->organisation;	/* legend and table name it alike */
	struct view *v = view_map(a);
	view_set_text(a, v, "id", p->id);
	view_set_text(a, v, "title", p->title);
	view_set_text(a, v, "subtitle", p->subtitle);
	view_set_text(a, v, "organisation", p->organisation);
	view_set_text(a, v, "service", p->service);
	view_set_markdown(a, v, "vision", p->vision);
	view_set_flag(a, v, "is_draft", p->status == PLAN_DRAFT);
	view_set_text(a, v, "status_label", plan_status_label(p->status));
	struct view *facts = view_list(a);
	struct fact list[PLAN_FACTS_MAX];
	size_t n_facts = plan_facts(a, p, list);
	for (size_t i = 0; i < n_facts; i++)
		add_fact(a, facts, list[i].label, list[i].value);
	view_set(a, v, "facts", facts);
	view_set_markdown(a, v, "intro", p->intro);
	view_set(a, v, "sections", sections_view(a, &p->sections, "section"));
	view_set(a, v, "closing", sections_view(a, &p->closing, "closing"));
	view_set(a, v, "rag_summary", rating_summary(a, p, &p->ratings_count));
	view_set_text(a, v, "overdue", p->overdue || p->overdue_steps ?
		      overdue_text(a, p->overdue, p->overdue_steps) : NULL);
	view_set_flag(a, v, "has_actions", p->n_actions > 0);
	view_set_flag(a, v, "has_summary", rating_counts_any(&p->ratings_count) || p->overdue ||
		      p->overdue_steps);
	view_set_text(a, v, "csv_href", site_href(r, a, arena_printf(a, "%s.csv", p->id),
						 html_page_path(a, doc, "csv")));
	view_set_text(a, v, "kpis_csv_href", p->kpis.n ?
		      site_href(r, a, arena_printf(a, "%s-kpis.csv", p->id),
				arena_printf(a, "%s/%s-kpis.csv", doc_kind_folder(doc->kind),
					     p->id)) : NULL);
	view_set_text(a, v, "theme_label", p->theme_label ? p->theme_label : msg("Theme"));
	view_set_text(a, v, "pdf_href", pdf_linked(r, doc) ? arena_printf(a, "%s.pdf", p->id) : NULL);
	columns_view(a, p, v);
	view_set(a, v, "changes", changes_view(a, p));

	struct view *themes = view_list(a);
	struct view *contents = view_list(a);
	for (size_t i = 0; i < p->n_all_themes; i++) {
		const struct theme *t = p->all_themes[i];
		struct view *tv = theme_view(r, p, t);
		/* each table's header cells, with ids its steps' cells name */
		struct view *cols = view_list(a);
		for (struct view_entry *e = view_get(v, "columns")->first; e; e = e->next) {
			struct view *c = view_map(a);
			for (struct view_entry *f = e->value->first; f; f = f->next)
				view_set(a, c, f->key, f->value);
			view_set_text(a, c, "id", arena_printf(a, "%s--col-%s", t->anchor,
							       view_get(e->value, "name")->text));
			view_append(a, cols, c);
		}
		view_set(a, tv, "columns", cols);
		view_append(a, themes, tv);
		struct view *entry = view_map(a);
		view_set_text(a, entry, "href", arena_printf(a, "#%s", t->anchor));
		view_set_text_of(a, entry, "label", t->heading, t->label, t->title);
		view_set_text(a, entry, "class", arena_printf(a, "depth-%d", t->depth));
		view_append(a, contents, entry);
	}
	view_set(a, v, "themes", themes);
	view_set(a, v, "contents", contents);
	/* rating counts by theme, as a table the summary shows: a column for
	 * each word counted anywhere in the plan */
	struct view *rating_columns = view_list(a);
	bool used[64] = { false };
	for (size_t k = 0; k < p->n_rating_order && k < 64; k++) {
		used[k] = p->ratings_count.counts[k] > 0;
		if (used[k])
			view_append(a, rating_columns, view_text(a, msg(p->rating_order[k]->word)));
	}
	view_set(a, v, "rating_columns", rating_columns);
	struct view *by_theme = view_list(a);
	for (size_t i = 0; rating_counts_any(&p->ratings_count) && i < p->n_all_themes; i++) {
		const struct theme *t = p->all_themes[i];
		if (!rating_counts_any(&t->ratings))
			continue;	/* a summary only where something is rated */
		struct view *row = view_map(a);
		view_set_text_of(a, row, "label", t->name, t->label, t->title);
		view_set_text(a, row, "class", arena_printf(a, "depth-%d", t->depth));
		view_set_text(a, row, "href", arena_printf(a, "#%s", t->anchor));
		struct view *counts = view_list(a);
		size_t total = 0;
		for (size_t k = 0; k < p->n_rating_order && k < 64; k++) {
			if (!used[k])
				continue;
			view_append(a, counts, labelled_cell(a, arena_printf(a, "%zu",
				    t->ratings.counts[k]), p->rating_order[k]->word));
			total += t->ratings.counts[k];
		}
		view_set(a, row, "counts", counts);
		view_set_number(a, row, "total", (long)total);
		view_append(a, by_theme, row);
	}
	view_set(a, v, "by_theme", by_theme);
	/* every indicator on the scorecard; the full block (chart, table) only
	 * for those no theme names, since a theme shows its own */
	struct view *kpis = view_list(a);
	bool any_ref = false, any_target = false, any_rating = false, any_previous = false;
	bool any_baseline = false;
	for (size_t i = 0; i < p->kpis.n; i++) {
		const struct kpi *k = &p->kpis.at[i];
		struct view *kv = kpi_view(r, k, k->anchor, true, 3);
		const char *href = kpi_href(a, p, k);
		view_set_flag(a, kv, "shown_here", strcmp(href + 1, k->anchor) == 0);
		view_set_text(a, kv, "href", href);
		view_append(a, kpis, kv);
		any_ref |= k->ref != NULL;
		any_baseline |= k->baseline.known;
		any_target |= kpi_target(a, k) != NULL;
		any_rating |= kpi_shown_rating(k) != NULL || k->contextual;
		any_previous |= k->previous >= 0;
	}
	view_set(a, v, "kpis", kpis);
	struct view *sc = view_map(a);
	view_set_flag(a, sc, "ref", any_ref);
	view_set_flag(a, sc, "previous", any_previous);
	view_set_flag(a, sc, "baseline", any_baseline);
	view_set_flag(a, sc, "target", any_target);
	view_set_flag(a, sc, "rating", any_rating);
	/* without a scorecard, the indicators no theme names still have their
	 * part, at the end */
	bool unnamed = false;
	for (size_t i = 0; i < p->kpis.n; i++)
		unnamed |= strcmp(kpi_href(a, p, &p->kpis.at[i]) + 1, p->kpis.at[i].anchor) == 0;
	view_set_flag(a, sc, "table", p->scorecard != SCORECARD_NONE);
	view_set_flag(a, sc, "start", p->scorecard == SCORECARD_START && p->kpis.n);
	view_set_flag(a, sc, "end", p->kpis.n && (p->scorecard == SCORECARD_END ||
						  (p->scorecard == SCORECARD_NONE && unnamed)));
	view_set(a, v, "scorecard", sc);
	return v;
}

/* ---------- reports, minutes, meetings ---------- */

/* The model's text a document is named by, in what document_title makes. */
static const char *document_name(const struct document *d)
{
	switch (d->kind) {
	case DOC_PLAN: return d->as.plan->title;
	case DOC_REPORT: return d->as.report->title;
	case DOC_MINUTES: return d->as.minutes->committee;
	case DOC_MEETING: return d->as.meeting->committee;
	default: return NULL;
	}
}

static const char *document_title(struct arena *a, const struct document *d)
{
	switch (d->kind) {
	case DOC_PLAN: return d->as.plan->title;
	case DOC_REPORT: return d->as.report->title;
	case DOC_MINUTES: return arena_printf(a, "%s, %s", d->as.minutes->committee,
					      date_long(a, d->as.minutes->date));
	case DOC_MEETING: return d->as.meeting->committee;
	default: return d->id;
	}
}

/* A report's sections and paragraphs, numbered as the report says:
 * 1, 1.1, 1.2 ... (sections); 1, 2, 3 ... straight through, titles
 * unnumbered (paragraphs); or not at all (none). */
static struct view *numbered_sections(struct arena *a, const section_list *sections,
				      enum numbering numbering)
{
	struct view *list = view_list(a);
	size_t paragraph = 0;
	for (size_t i = 0; i < sections->n; i++) {
		struct view *s = view_map(a);
		view_set_text(a, s, "number", numbering == NUMBERING_SECTIONS ?
			      arena_printf(a, "%zu", i + 1) : NULL);
		view_set_text(a, s, "title", sections->at[i].title);
		view_set_text(a, s, "anchor", arena_printf(a, "section-%zu", i + 1));
		struct view *paras = view_list(a);
		const struct section *sec = &sections->at[i];
		for (size_t j = 0; j < sec->n_paragraphs; j++) {
			struct view *pv = view_map(a);
			paragraph++;
			view_set_text(a, pv, "number", numbering == NUMBERING_SECTIONS ?
				      arena_printf(a, "%zu.%zu", i + 1, j + 1) :
				      numbering == NUMBERING_PARAGRAPHS ?
				      arena_printf(a, "%zu", paragraph) : NULL);
			view_set_markdown(a, pv, "text", sec->paragraphs[j]);
			view_append(a, paras, pv);
		}
		view_set(a, s, "paragraphs", paras);
		view_append(a, list, s);
	}
	return list;
}

static struct view *report_view(const struct html_renderer *html, struct arena *a,
				const struct document *doc)
{
	const struct report *r = doc->as.report;
	struct view *v = view_map(a);
	view_set_text(a, v, "title", r->title);
	view_set_text(a, v, "committee", r->committee);
	view_set_text(a, v, "organisation", r->organisation);
	view_set_text(a, v, "date", date_long(a, r->date));
	view_set_text(a, v, "time", r->time);
	view_set_text(a, v, "item", r->item);
	view_set_flag(a, v, "is_exempt", r->classification == CLASS_EXEMPT);
	view_set_text(a, v, "classification", report_classification_label(r));
	view_set_text(a, v, "exempt_reason", r->exempt_reason);
	persons_view(a, v, "officer", "officers", &r->responsible_officer);
	view_set(a, v, "sections", numbered_sections(a, &r->sections, r->numbering));
	view_set_markdown(a, v, "background_papers", r->background_papers);
	view_set_text(a, v, "cabinet_member", r->cabinet_member);
	view_set_text(a, v, "local_member", r->local_member);
	struct view *apps = view_list(a);
	for (size_t i = 0; i < r->appendices.n; i++) {
		const struct appendix *ap = &r->appendices.at[i];
		struct view *av = view_map(a);
		view_set_text(a, av, "title", ap->title);
		view_set_text(a, av, "letter", ap->label ? ap->label : arena_printf(a, "%zu", i + 1));
		const char *path = ap->doc && !ap->doc->withheld ?
				   html_page_path(a, ap->doc, "html") : NULL;
		view_set_text(a, av, "href", path ? site_href(html, a, arena_printf(a, "../%s", path),
							      path) : NULL);
		view_append(a, apps, av);
	}
	view_set(a, v, "appendices", apps);
	return v;
}

static struct view *names_view(struct arena *a, const text_list *names)
{
	struct view *list = view_list(a);
	for (size_t i = 0; i < names->n; i++)
		view_append(a, list, view_text(a, names->at[i]));
	return list;
}

static struct view *minutes_view(struct arena *a, const struct document *doc)
{
	const struct minutes *m = doc->as.minutes;
	struct view *v = view_map(a);
	view_set_text(a, v, "committee", m->committee);
	view_set_text(a, v, "organisation", m->organisation);
	view_set_text(a, v, "date", date_long(a, m->date));
	view_set_text(a, v, "time", m->time);
	view_set_text(a, v, "venue", m->venue);
	persons_view(a, v, "officer", "officers", &m->officer);
	view_set(a, v, "present", names_view(a, &m->present));
	view_set(a, v, "apologies", names_view(a, &m->apologies));
	view_set_text(a, v, "signature", m->signature);
	struct view *attendance = view_list(a);
	for (size_t i = 0; i < m->attendance.n; i++) {
		struct view *av = view_map(a);
		view_set_text(a, av, "heading", m->attendance.at[i].heading);
		view_set_text(a, av, "anchor", arena_printf(a, "attendance-%zu", i + 1));
		view_set(a, av, "names", names_view(a, &m->attendance.at[i].names));
		view_append(a, attendance, av);
	}
	view_set(a, v, "attendance", attendance);
	struct view *items = view_list(a);
	for (size_t i = 0; i < m->items.n; i++) {
		const struct minute *it = &m->items.at[i];
		struct view *iv = view_map(a);
		view_set_text(a, iv, "number", it->number_text ? it->number_text :
			      arena_printf(a, "%ld", it->number));
		view_set_text(a, iv, "title", it->title);
		view_set_text(a, iv, "anchor", it->anchor);
		struct view *paras = view_list(a);
		for (size_t j = 0; j < it->paragraphs.n; j++) {
			struct view *pv = view_map(a);
			view_set_text(a, pv, "number", it->paragraph_numbers[j]);
			view_set_markdown(a, pv, "text", it->paragraphs.at[j].text);
			view_append(a, paras, pv);
		}
		view_set(a, iv, "paragraphs", paras);
		view_set_markdown(a, iv, "resolved", it->resolved.text);
		view_set_text(a, iv, "resolved_number", it->resolved_number);
		view_append(a, items, iv);
	}
	view_set(a, v, "items", items);
	return v;
}

static struct view *members_view(struct arena *a, const member_list *members)
{
	struct view *list = view_list(a);
	for (size_t i = 0; i < members->n; i++) {
		struct view *mv = view_map(a);
		view_set_text(a, mv, "name", members->at[i].name);
		view_set_text(a, mv, "role", members->at[i].role);
		view_append(a, list, mv);
	}
	return list;
}

static struct view *meeting_view(const struct html_renderer *r, struct arena *a,
				 const struct document *doc, bool pack_exists)
{
	const struct meeting *m = doc->as.meeting;
	struct view *v = view_map(a);
	view_set_text(a, v, "committee", m->committee);
	view_set_text(a, v, "date", date_long(a, m->date));
	view_set_text(a, v, "time", m->time);
	view_set_text(a, v, "venue", m->venue);
	view_set_text(a, v, "issued", date_long(a, m->issued));
	view_set_text(a, v, "organisation", m->organisation);
	persons_view(a, v, "summoned_by", "summoned_by_all", &m->summoned_by);
	persons_view(a, v, "officer", "officers", &m->officer);
	view_set(a, v, "members", members_view(a, &m->members));
	view_set(a, v, "co_opted_voting", members_view(a, &m->co_opted_voting));
	view_set(a, v, "co_opted_non_voting", members_view(a, &m->co_opted_non_voting));
	struct view *subs = view_list(a);
	for (size_t i = 0; i < m->substitutes.n; i++)
		view_append(a, subs, view_text(a, m->substitutes.at[i]));
	view_set(a, v, "substitutes", subs);
	view_set_text(a, v, "pack_href", pack_exists ? arena_printf(a, "%s.pdf", doc->id) : NULL);
	struct view *items = view_list(a);
	for (size_t i = 0; i < m->items.n; i++) {
		const struct agenda_item *it = &m->items.at[i];
		struct view *iv = view_map(a);
		view_set_text(a, iv, "number", it->number_text);
		view_set_text(a, iv, "title", it->title);
		view_set_text(a, iv, "anchor", arena_printf(a, "item-%ld", it->number));
		view_set_markdown(a, iv, "text", it->text);
		/* a paper withheld on its own (a report classed exempt) makes the
		 * item exempt on this page as in the public pack, so the agenda never
		 * says a paper is attached with nothing there */
		const char *exempt = it->exempt;
		bool some_withheld = false;
		struct view *papers = view_list(a);
		for (size_t j = 0; !it->exempt && j < it->papers.n; j++) {
			const struct document *pd = it->papers.at[j].doc;
			if (pd && pd->withheld && !some_withheld) {
				some_withheld = true;
				exempt = pd->withheld_reason ? pd->withheld_reason : msg("Exempt");
			}
			if (!pd || pd->withheld)
				continue;
			struct view *pv = view_map(a);
			view_set_text_of(a, pv, "title", document_title(a, pd), document_name(pd), NULL);
			view_set_text(a, pv, "kind", pd->kind == DOC_MINUTES ? msg("Minutes") :
				      pd->kind == DOC_REPORT ? msg("Report") : msg("Plan"));
			const char *path = html_page_path(a, pd, "html");
			view_set_text(a, pv, "href", site_href(r, a, arena_printf(a, "../%s", path), path));
			view_append(a, papers, pv);
		}
		view_set(a, iv, "papers", papers);
		view_set_text(a, iv, "exempt", exempt);
		view_append(a, items, iv);
	}
	view_set(a, v, "items", items);
	return v;
}

/* ---------- the index ---------- */

struct index_entry {
	const struct document *doc;
	struct date date;
};

static int newest_first(const void *pa, const void *pb)
{
	const struct index_entry *a = pa, *b = pb;
	int c = date_compare(b->date, a->date);
	return c ? c : strcmp(a->doc->path, b->doc->path);
}

static struct date document_date(const struct document *d)
{
	switch (d->kind) {
	case DOC_PLAN:
		return period_is_set(&d->as.plan->as_at) ? d->as.plan->as_at.last : d->as.plan->published;
	case DOC_REPORT: return d->as.report->date;
	case DOC_MINUTES: return d->as.minutes->date;
	case DOC_MEETING: return d->as.meeting->date;
	default: return (struct date){ 0, 0, 0 };
	}
}

static struct view *index_view(struct arena *a, const struct content *c)
{
	struct index_entry *entries = arena_alloc(a, (c->n_docs + 1) * sizeof *entries);
	size_t n = 0;
	for (size_t i = 0; i < c->n_docs; i++)
		if ((c->docs[i]->kind == DOC_PLAN || c->docs[i]->kind == DOC_MEETING) &&
		    !c->docs[i]->withheld)
			entries[n++] = (struct index_entry){ c->docs[i], document_date(c->docs[i]) };
	qsort(entries, n, sizeof *entries, newest_first);
	struct view *plans = view_list(a), *meetings = view_list(a), *papers = view_list(a);
	for (size_t i = 0; i < n; i++) {
		const struct document *d = entries[i].doc;
		struct view *e = view_map(a);
		view_set_text_of(a, e, "title", document_title(a, d), document_name(d), NULL);
		view_set_text(a, e, "href", html_page_path(a, d, "html"));
		view_set_text(a, e, "date", date_long(a, entries[i].date));
		view_set_text(a, e, "date_iso", date_iso(a, entries[i].date));
		if (d->kind == DOC_PLAN) {
			const struct plan *p = d->as.plan;
			view_set_text(a, e, "subtitle", p->subtitle);
			view_set_text(a, e, "organisation", p->organisation);
			view_set_text(a, e, "period", p->period);
			view_set(a, e, "rag_summary", rating_summary(a, p, &p->ratings_count));
			view_set_text(a, e, "status_label", plan_status_label(p->status));
			view_set_text(a, e, "date", period_is_set(&p->as_at) ?
				      period_text(a, &p->as_at) : date_long(a, p->published));
			view_set_text(a, e, "counts", plan_counts_text(a, p));
			view_append(a, plans, e);
		} else {
			view_append(a, meetings, e);
		}
	}
	/* reports and minutes newest first too, like the meetings they went to;
	 * undated reports last, in path order */
	n = 0;
	for (size_t i = 0; i < c->n_docs; i++)
		if ((c->docs[i]->kind == DOC_REPORT || c->docs[i]->kind == DOC_MINUTES) &&
		    !c->docs[i]->withheld)
			entries[n++] = (struct index_entry){ c->docs[i], document_date(c->docs[i]) };
	qsort(entries, n, sizeof *entries, newest_first);
	for (size_t i = 0; i < n; i++) {
		const struct document *d = entries[i].doc;
		struct view *e = view_map(a);
		view_set_text_of(a, e, "title", d->kind == DOC_MINUTES ?
				 msg_printf(a, msg("Minutes: %s"), d->as.minutes->committee) :
				 document_title(a, d), document_name(d), NULL);
		view_set_text(a, e, "href", html_page_path(a, d, "html"));
		view_set_text(a, e, "date", date_long(a, entries[i].date));
		view_set_text(a, e, "date_iso", date_iso(a, entries[i].date));
		view_append(a, papers, e);
	}
	struct view *v = view_map(a);
	view_set(a, v, "plans", plans);
	view_set(a, v, "meetings", meetings);
	view_set(a, v, "papers", papers);
	return v;
}

/* ---------- charts ---------- */

static const char *base64(struct arena *a, const char *data, size_t n)
{
	static const char abc[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = arena_alloc(a, (n + 2) / 3 * 4 + 1), *o = out;
	const unsigned char *s = (const unsigned char *)data;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
			     (i + 2 < n ? s[i + 2] : 0);
		*o++ = abc[v >> 18 & 63];
		*o++ = abc[v >> 12 & 63];
		*o++ = i + 1 < n ? abc[v >> 6 & 63] : '=';
		*o++ = i + 2 < n ? abc[v & 63] : '=';
	}
	*o = '\0';
	return out;
}

/* Draws the KPI's chart as SVG: a file in assets/charts/ for the site, or a
 * data: URI inside a standalone page. */
static const char *chart_href(struct html_renderer *r, const struct kpi *k, bool narrow)
{
	struct strbuf svg = { 0 };
	/* the file's stem, which also starts every id inside it */
	/* "_narrow": ids have no "_", so no other chart's file or ids are these */
	const char *stem = arena_printf(&r->arena, "%s-%s%s", r->chart_prefix, k->id,
					narrow ? "_narrow" : "");
	struct chart_style st = r->chart_style;
	st.narrow = narrow;
	if (!chart_svg(k, &st, narrow ? CHART_NARROW : CHART_WIDE, chart_svg_height(r, k, narrow),
		       stem, &svg)) {
		strbuf_free(&svg);
		return NULL;
	}
	const char *href;
	if (r->standalone || !r->charts) {
		href = arena_printf(&r->arena, "data:image/svg+xml;base64,%s",
				    base64(&r->arena, svg.data, svg.len));
		strbuf_free(&svg);
	} else {
		const char *name = arena_printf(&r->arena, "assets/charts/%s.svg", stem);
		output_add(r->charts, name, svg.data, svg.len);
		href = arena_printf(&r->arena, "../%s", name);
	}
	return href;
}

/* ---------- pages ---------- */

/* The logo as a data: URI, for a standalone page; NULL if it cannot be read. */
static const char *logo_data_uri(struct html_renderer *r)
{
	const struct content *c = r->content;
	if (!c->logo_png)
		return NULL;
	return arena_printf(&r->arena, "data:image/png;base64,%s",
			    base64(&r->arena, c->logo_png, c->logo_png_size));
}

static struct view *site_view(struct html_renderer *r, const char *root)
{
	struct arena *a = &r->arena;
	const struct site *s = r->content->site;
	struct view *v = view_map(a);
	const char *org = s && s->organisation ? s->organisation : NULL;
	view_set_text(a, v, "title", s && s->title ? s->title : org ? org : msg("Plans and papers"));
	view_set_text(a, v, "organisation", org);
	view_set_markdown(a, v, "footer", s ? s->footer : NULL);
	view_set_text(a, v, "logo_href", !s || !s->logo ? NULL : r->standalone ? logo_data_uri(r) :
		      arena_printf(a, "%sassets/logo.png", root));
	view_set_text(a, v, "home_href", site_href(r, a, arena_printf(a, "%sindex.html", root), ""));
	return v;
}

/* The header's text is set on the brand colour: white on a dark brand, near-
 * black on a light one (#ffdd00), so any colour a council picks passes WCAG's
 * 4.5:1. */
static void rating_rule(const struct rating *r, void *arg)
{
	struct strbuf *css = arg;
	char hex[8];
	colour_hex(r->colour, hex, sizeof hex);
	strbuf_printf(css, ".tag-%s{background:%s;color:%s}.rag-bar .rag-%s{background:%s}", r->key,
		      hex, text_colour_on(r->colour), r->key, hex);
}

static const char *brand_css(struct arena *a, const struct content *c)
{
	struct strbuf css = { 0 };
	char hex[8];
	if (c->site && c->site->has_brand)
		strbuf_printf(&css, ":root{--brand:%s;--on-brand:%s}",
			      colour_hex(c->site->brand, hex, sizeof hex), text_colour_on(c->site->brand));
	/* the councils' own rating colours, with the text colour that reads on
	 * each (checked at 4.5:1 when the content was read) */
	content_rating_colours(c, rating_rule, &css);
	const char *out = css.data ? arena_strdup(a, css.data) : NULL;
	strbuf_free(&css);
	return out;
}

/* declared in html.h */
const char *html_site_path(struct arena *a, const char *page, const char *href)
{
	if (!*href || *href == '#' || strncmp(href, "//", 2) == 0 ||
	    strcspn(href, ":/?#") < strcspn(href, "/?#"))
		return NULL;
	if (*href == '?')	/* this page, with a query */
		return arena_printf(a, "%s%s", page, href);
	const char *slash = strrchr(page, '/');
	char *folder = arena_strndup(a, page, slash ? (size_t)(slash - page) : 0);
	/* resolved as the content checks resolve the links they warn of */
	char *path = url_site_path(folder, href);
	if (!path)
		return NULL;
	const char *site = arena_printf(a, "%s%s", path, href + strcspn(href, "?#"));
	free(path);
	return site;
}

/* A standalone page's links into the site, markdown's "../plans/x.html" as
 * much as the views': absolute on the published site, or, with no base_url,
 * no link at all (the text stays), since the file will not be beside it.
 * Each element as it is written (html_stream_new's rewrite). */
static void standalone_link(void *ctx, xmlNodePtr node)
{
	struct html_renderer *r = ctx;
	xmlChar *href = xmlStrEqual(node->name, BAD_CAST "a") ?
			xmlGetProp(node, BAD_CAST "href") : NULL;
	const char *path = href ? html_site_path(&r->arena, r->site_path, (const char *)href) :
			   NULL;
	if (path) {
		const char *absolute = site_href(r, &r->arena, NULL, path);
		if (absolute) {
			xmlSetProp(node, BAD_CAST "href", BAD_CAST absolute);
		} else {	/* a span: an <a> without href would still look a link */
			xmlUnsetProp(node, BAD_CAST "href");
			xmlNodeSetName(node, BAD_CAST "span");
		}
	}
	xmlFree(href);
}

/* A page as it is written: held while short (most are), past PAGE_HELD
 * bytes written on to a temporary file, so that a long page (a plan of
 * 10,000 actions: 15 MB) is not held whole, as its PDF is not. */
enum { PAGE_HELD = 1024 * 1024 };

struct page_out {
	struct html_stream *stream;
	struct strbuf html;
	FILE *spool;		/* NULL while the page is held */
	bool failed;		/* the spool could not be made or written */
};

/* What is written so far on to the spool, made if it is not yet. */
static void page_spill(struct page_out *po)
{
	if (po->failed || !po->html.len)
		return;
	if (!po->spool && !(po->spool = spool_open())) {
		po->failed = true;
		return;
	}
	po->failed = fwrite(po->html.data, 1, po->html.len, po->spool) != po->html.len;
	po->html.len = 0;
}

static void page_finished(void *ctx, xmlNodePtr filling)
{
	struct page_out *po = ctx;
	html_stream_flush(po->stream, filling);
	if (po->html.len >= PAGE_HELD)
		page_spill(po);
}

static int page_heading_taken(void *ctx)
{
	const struct page_out *po = ctx;
	return html_stream_last_heading(po->stream);
}

/* The page of r->site_path into out at path (its own for the site, any name
 * for a standalone page: r->standalone). */
static bool render_page(struct html_renderer *r, const char *template_name, struct view *root,
			const char *title, const char *root_prefix, const char *path,
			struct output *out)
{
	struct arena *a = &r->arena;
	bool standalone = r->standalone;
	struct view *page = view_map(a);
	view_set_text(a, page, "title", title);
	/* the front page's <title> is the site's alone; every other page's is
	 * "Page – Site", as GOV.UK writes them (see layout.html) */
	view_set_flag(a, page, "is_home", !standalone && strcmp(template_name, "index.html") == 0);
	view_set_text(a, page, "css_href", standalone ? NULL :
		      arena_printf(a, "%sassets/planpress.css", root_prefix));
	view_set_text(a, page, "inline_css", standalone ? r->stylesheet : NULL);
	view_set_text(a, page, "brand_css", brand_css(a, r->content));
	/* a standalone page names its published page as canonical too */
	view_set_text(a, page, "canonical", published_url(r->content, a, r->site_path));
	/* its language, and the same page in the site's others (revision 2,
	 * Languages): <link rel=alternate hreflang> and a link a reader sees */
	const char *tag = r->content->n_langs ? r->content->langs[r->lang] : "en";
	view_set_text(a, page, "lang", strcmp(tag, "en") == 0 ? "en-GB" : tag);
	struct view *alternates = view_list(a), *others = view_list(a);
	for (size_t i = 0; !standalone && r->content->n_langs > 1 && i < r->content->n_langs; i++) {
		const char *other = r->content->langs[i];
		struct view *alt = view_map(a);
		/* up to the root of the whole site, then into that language's folder */
		const char *up = arena_printf(a, "%s%s", root_prefix, r->lang ? "../" : "");
		view_set_text(a, alt, "href", arena_printf(a, "%s%s%s", up,
							   language_folder(r->content, i),
							   r->site_path));
		view_set_text(a, alt, "hreflang", other);
		view_set_text(a, alt, "name", strcmp(other, "cy") == 0 ? "Cymraeg" :
			      strcmp(other, "en") == 0 ? "English" : other);
		view_append(a, alternates, alt);
		if (i != r->lang)
			view_append(a, others, alt);
	}
	view_set(a, page, "alternates", alternates);
	view_set(a, page, "other_languages", others);
	view_set(a, root, "page", page);
	view_set(a, root, "site", site_view(r, root_prefix));
	/* written as the template expands, each finished part freed: a plan
	 * of 10,000 actions held whole took 200 MB */
	struct page_out po = { 0 };
	po.stream = html_stream_new(&po.html, standalone ? standalone_link : NULL, r);
	struct template_sink sink = { page_finished, page_heading_taken, &po };
	xmlDocPtr doc = template_render(r->templates, template_name, root, &sink);
	bool ok = doc && html_stream_end(po.stream, xmlDocGetRootElement(doc));
	html_stream_free(po.stream);
	xmlFreeDoc(doc);
	if (ok && po.spool) {	/* the rest of a page past PAGE_HELD */
		page_spill(&po);
		fflush(po.spool);	/* so that spool_failed sees all of it */
	}
	if (doc && !ok)
		diag_error(r->diags, (struct pos){ template_name, 1, 0 },
			   "a style or script element holds its own end tag");
	/* spool_open said why it failed; spool_failed says why writing did */
	if (ok && (po.spool ? spool_failed(po.spool) : po.failed)) {
		r->spool_failed = true;
		ok = false;
	}
	if (!ok) {
		if (po.spool)
			fclose(po.spool);
		strbuf_free(&po.html);
		return false;
	}
	if (po.spool) {
		strbuf_free(&po.html);
		output_add_spool(out, path, po.spool);
	} else {
		output_add(out, path, po.html.data, po.html.len);
	}
	return true;
}

struct html_renderer *html_new(const struct content *content, const char *templates_dir,
			       struct diags *diags)
{
	struct html_renderer *r = xcalloc(1, sizeof *r);
	r->content = content;
	r->diags = diags;
	arena_init(&r->arena);
	r->html_dir = xmalloc(strlen(templates_dir) + 8);
	sprintf(r->html_dir, "%s/html", templates_dir);
	r->templates = template_set_open(r->html_dir, &r->arena, diags);
	pdf_style_defaults(&r->chart_defaults);
	if (content->site && content->site->has_brand)
		r->chart_defaults.brand = content->site->brand;
	chart_style_from_pdf(&r->chart_defaults, &r->chart_style);
	r->chart_style.font_size = 12;	/* pixels on the web, at 560 wide */
	char *css_path = arena_printf(&r->arena, "%s/assets/planpress.css", r->html_dir);
	struct strbuf css = { 0 };
	const char *why = read_input_file(css_path, INPUT_MAX_BYTES, &css, NULL);
	if (!why)
		r->stylesheet = css.data;
	else
		strbuf_free(&css);
	if (!r->stylesheet)
		diag_error(diags, (struct pos){ css_path, 0, 0 }, "cannot read the style sheet: %s",
			   why);
	return r;
}

void html_set_language(struct html_renderer *r, size_t lang)
{
	r->lang = lang;
}

void html_set_diags(struct html_renderer *r, struct diags *diags)
{
	r->diags = diags;
	template_set_diags(r->templates, diags);
}

bool html_spool_failed(const struct html_renderer *r)
{
	return r->spool_failed;
}

void html_free(struct html_renderer *r)
{
	if (!r)
		return;
	template_set_close(r->templates);
	arena_free(&r->arena);
	free(r->html_dir);
	free(r->stylesheet);
	free(r->pdfs);
	free(r);
}

static bool render_doc(struct html_renderer *r, const struct document *doc, const char *path,
		       bool standalone, struct output *out)
{
	struct arena *a = &r->arena;
	r->standalone = standalone;
	r->site_path = html_page_path(a, doc, "html");
	r->charts = out;
	struct view *root = view_map(a);
	switch (doc->kind) {
	case DOC_PLAN:
		view_set(a, root, "plan", plan_view(r, doc));
		return render_page(r, "plan.html", root, doc->as.plan->title, "../", path, out);
	case DOC_REPORT:
		view_set(a, root, "report", report_view(r, a, doc));
		return render_page(r, "report.html", root, doc->as.report->title, "../", path,
				   out);
	case DOC_MINUTES: {
		char buf[40];
		view_set(a, root, "minutes", minutes_view(a, doc));
		const char *title = msg_printf(a, msg("Minutes: %s, %s"), doc->as.minutes->committee,
						 date_format_long(doc->as.minutes->date, buf, sizeof buf));
		return render_page(r, "minutes.html", root, title, "../", path, out);
	}
	case DOC_MEETING: {
		char buf[40];
		view_set(a, root, "meeting", meeting_view(r, a, doc, pdf_linked(r, doc)));
		const char *title = arena_printf(a, "%s, %s", doc->as.meeting->committee,
						 date_format_long(doc->as.meeting->date, buf, sizeof buf));
		return render_page(r, "meeting.html", root, title, "../", path, out);
	}
	default:
		return true;
	}
}

/* A page's views, texts and charts are of no use once it is in out: a site
 * of 1,000 documents kept them all (1.5 MB a document) until the end. */
static void forget_page(struct html_renderer *r)
{
	arena_free(&r->arena);
	r->site_path = NULL;
}

bool html_render_document(struct html_renderer *r, const struct document *doc,
			  struct output *out)
{
	if (doc->kind == DOC_SITE)
		return true;
	bool ok = render_doc(r, doc, html_page_path(&r->arena, doc, "html"), false, out);
	forget_page(r);
	return ok;
}

bool html_render_document_to(struct html_renderer *r, const struct document *doc,
			     const char *path, struct output *out)
{
	bool ok = render_doc(r, doc, path, true, out);
	forget_page(r);
	return ok;
}

/* The files of templates/html/assets, copied into the site's assets/. Each is
 * read as a regular file (a pipe there would hang the build); a link is
 * followed only to a file inside the templates folder, so a link planted there
 * cannot publish /etc/passwd. Folders inside assets/ are not copied. */
static bool copy_assets(struct html_renderer *r, struct output *out)
{
	struct arena *a = &r->arena;
	char *assets = arena_printf(a, "%s/assets", r->html_dir);
	char *templates_real = realpath(r->html_dir, NULL);
	DIR *dir = opendir(assets);
	bool ok = true;
	struct dirent *e;
	while (dir && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = arena_printf(a, "%s/%s", assets, e->d_name);
		struct stat st;
		if (lstat(path, &st) != 0 || S_ISDIR(st.st_mode))
			continue;
		struct pos at = { path, 0, 0 };
		if (S_ISLNK(st.st_mode)) {
			char *real = realpath(path, NULL);
			size_t n = templates_real ? strlen(templates_real) : 0;
			bool inside = real && templates_real && strncmp(real, templates_real, n) == 0 &&
				      real[n] == '/';
			free(real);
			if (!inside) {
				diag_error(r->diags, at, "this asset is a link to a file outside the "
					   "templates folder; it is not copied into the site");
				ok = false;
				continue;
			}
		}
		struct strbuf b = { 0 };
		const char *why = read_input_file(path, INPUT_MAX_BYTES, &b, NULL);
		if (why) {
			diag_error(r->diags, at, "cannot copy this asset into the site: %s", why);
			strbuf_free(&b);
			ok = false;
			continue;
		}
		output_add(out, arena_printf(a, "assets/%s", e->d_name), b.data, b.len);
	}
	if (dir)
		closedir(dir);
	free(templates_real);
	return ok;
}

char *html_index_text(struct html_renderer *r)
{
	struct arena a;
	arena_init(&a);
	struct strbuf text = { 0 };
	bool ok = view_write(index_view(&a, r->content), &text);
	arena_free(&a);
	if (!ok || !text.data) {
		strbuf_free(&text);
		return NULL;
	}
	return text.data;
}

bool html_render_site(struct html_renderer *r, struct output *out, bool index)
{
	struct arena *a = &r->arena;
	struct view *root = view_map(a);
	r->standalone = false;
	r->site_path = "index.html";
	if (index) {
		view_set(a, root, "index", index_view(a, r->content));
		const char *title = r->content->site && r->content->site->title ?
				    r->content->site->title : msg("Plans and papers");
		if (!render_page(r, "index.html", root, title, "", "index.html", out))
			return false;
	}
	/* every file in templates/html/assets, and the site's logo */
	if (!copy_assets(r, out))
		return false;
	/* the bytes checked when the content was read */
	if (r->content->logo_png)
		output_add_copy(out, "assets/logo.png", r->content->logo_png,
				r->content->logo_png_size);
	return true;
}
