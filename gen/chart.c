/* chart.c - KPI line and bar charts and RAG bars on cairo. Series are told
 * apart by line style and marker shape as well as colour, so they survive
 * black-and-white printing and colour blindness. */
#include "chart.h"
#include "words.h"

#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void chart_style_from_pdf(const struct pdf_style *s, struct chart_style *out)
{
	out->font = s->body_font;
	out->font_size = s->size_small;
	out->text = s->text;
	out->muted = s->muted;
	out->grid = (struct rgb){ 0.85, 0.86, 0.87 };
	out->brand = s->brand;
}

void chart_scale(double lo, double hi, double *min, double *max, double *step, int *n_ticks)
{
	/* start at zero unless the data goes below it */
	if (lo > 0)
		lo = 0;
	if (hi < 0)
		hi = 0;
	if (hi - lo < 1e-9)
		hi = lo + 1;
	double raw = (hi - lo) / 5;
	double mag = pow(10, floor(log10(raw)));
	double nice = raw / mag <= 1 ? 1 : raw / mag <= 2 ? 2 : raw / mag <= 2.5 ? 2.5 :
		      raw / mag <= 5 ? 5 : 10;
	*step = nice * mag;
	*min = floor(lo / *step) * *step;
	*max = ceil(hi / *step) * *step;
	if (*max - hi < *step * 0.05 && hi > 0)
		*max += 0;	/* the top tick may equal the largest value */
	*n_ticks = (int)llround((*max - *min) / *step) + 1;
}

static void collect_series(const struct kpi *k, struct chart_geometry *g)
{
	g->n_series = 0;
	g->series[g->n_series++] = (struct chart_series){ .name = k->title, .kind = SERIES_VALUE,
							   .values = &k->values };
	if (k->targets.n)
		g->series[g->n_series++] = (struct chart_series){ .name = "Target",
								   .kind = SERIES_TARGET,
								   .values = &k->targets };
	for (size_t i = 0; i < k->comparators.n && g->n_series < CHART_MAX_SERIES; i++)
		g->series[g->n_series++] = (struct chart_series){
			.name = k->comparators.at[i].name, .kind = SERIES_COMPARATOR,
			.values = &k->comparators.at[i].values };
}

bool chart_geometry(const struct kpi *k, double x, double y, double w, double h, double fs,
		    struct chart_geometry *g)
{
	memset(g, 0, sizeof *g);
	g->x = x, g->y = y, g->w = w, g->h = h;
	g->n_periods = k->periods.n < CHART_MAX_PERIODS ? k->periods.n : CHART_MAX_PERIODS;
	if (!g->n_periods)
		return false;
	g->bars = k->chart == CHART_BAR;
	collect_series(k, g);
	double lo = INFINITY, hi = -INFINITY;
	for (size_t s = 0; s < g->n_series; s++)
		for (size_t i = 0; i < g->series[s].values->n && i < g->n_periods; i++) {
			struct number v = g->series[s].values->at[i];
			if (!v.known)
				continue;
			lo = fmin(lo, v.value);
			hi = fmax(hi, v.value);
		}
	if (!isfinite(lo))
		lo = 0, hi = 1;
	if (k->unit == UNIT_PERCENT && hi <= 100 && hi > 60)
		hi = 100;
	chart_scale(lo, hi, &g->min, &g->max, &g->step, &g->n_ticks);
	/* room for the axis labels on the left, period labels and legend below */
	double axis_w = fs * 5.2;
	double legend_rows = (double)((g->n_series + 2) / 3);
	g->plot_x = x + axis_w;
	g->plot_y = y + fs * 1.5;
	g->plot_w = w - axis_w - fs * 4.5;	/* and room for the last point's label */
	g->legend_y = y + h - legend_rows * fs * 1.7;
	g->label_y = g->legend_y - fs * 3.2;
	g->plot_h = g->label_y - fs * 0.6 - g->plot_y;
	g->slot_w = g->plot_w / (double)g->n_periods;
	for (size_t i = 0; i < g->n_periods; i++)
		g->period_x[i] = g->plot_x + g->slot_w * ((double)i + 0.5);
	for (size_t s = 0; s < g->n_series; s++) {
		struct chart_series *cs = &g->series[s];
		for (size_t i = 0; i < cs->values->n && i < g->n_periods; i++) {
			double v = cs->values->at[i].value;
			cs->px[i] = g->period_x[i];
			cs->py[i] = g->plot_y + g->plot_h * (1 - (v - g->min) / (g->max - g->min));
		}
	}
	return true;
}

/* ---------- drawing helpers ---------- */

static void rgb(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static PangoLayout *text_layout(cairo_t *cr, const struct chart_style *st, const char *text,
				double size, bool bold)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(l), 72.0);
	cairo_font_options_t *o = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pango_layout_get_context(l), o);
	cairo_font_options_destroy(o);
	pango_layout_context_changed(l);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, st->font);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* align: 0 left, 1 centre, 2 right of x; y is the top. */
static void draw_text(cairo_t *cr, const struct chart_style *st, const char *text, double x,
		      double y, double size, int align, double max_w, bool bold, struct rgb c)
{
	PangoLayout *l = text_layout(cr, st, text, size, bold);
	if (max_w > 0) {
		pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, align == 1 ? PANGO_ALIGN_CENTER :
					   align == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		pango_layout_set_height(l, (int)(-2));	/* at most two lines */
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	int lw, lh;
	pango_layout_get_size(l, &lw, &lh);
	double tw = max_w > 0 ? max_w : (double)lw / PANGO_SCALE;
	double left = align == 1 ? x - tw / 2 : align == 2 ? x - tw : x;
	rgb(cr, c);
	cairo_move_to(cr, left, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

static struct rgb series_colour(const struct chart_style *st, const struct chart_series *s,
				size_t index)
{
	static const struct rgb others[] = {
		{ 0.31, 0.35, 0.37 }, { 0.50, 0.24, 0.00 }, { 0.30, 0.17, 0.57 },
		{ 0.00, 0.44, 0.24 }, { 0.54, 0.11, 0.28 },
	};
	if (s->kind == SERIES_VALUE)
		return st->brand;
	if (s->kind == SERIES_TARGET)
		return (struct rgb){ 0.05, 0.05, 0.05 };
	return others[index % 5];
}

static void set_dash(cairo_t *cr, const struct chart_series *s, size_t index)
{
	static const double dashed[] = { 5, 3 }, dotted[] = { 1.5, 2.5 }, dashdot[] = { 6, 2, 1.5, 2 };
	if (s->kind == SERIES_VALUE)
		cairo_set_dash(cr, NULL, 0, 0);
	else if (s->kind == SERIES_TARGET)
		cairo_set_dash(cr, dotted, 2, 0);
	else if (index % 2)
		cairo_set_dash(cr, dashdot, 4, 0);
	else
		cairo_set_dash(cr, dashed, 2, 0);
}

/* circle, square, triangle, diamond: one per series */
static void marker(cairo_t *cr, double x, double y, double r, size_t shape, bool filled)
{
	cairo_new_sub_path(cr);
	switch (shape % 4) {
	case 0:
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case 1:
		cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
		break;
	case 2:
		cairo_move_to(cr, x, y - r * 1.15);
		cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
		cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
		cairo_close_path(cr);
		break;
	default:
		cairo_move_to(cr, x, y - r * 1.2);
		cairo_line_to(cr, x + r * 1.2, y);
		cairo_line_to(cr, x, y + r * 1.2);
		cairo_line_to(cr, x - r * 1.2, y);
		cairo_close_path(cr);
		break;
	}
	if (filled) {
		cairo_fill_preserve(cr);
	} else {
		cairo_save(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		cairo_restore(cr);
	}
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_stroke(cr);
}

static const char *axis_label(struct arena *a, const struct kpi *k, double v, double step)
{
	long decimals = step < 1 ? (step < 0.1 ? 2 : 1) : 0;
	const char *num = format_number(a, v, decimals);
	switch (k->unit) {
	case UNIT_PERCENT:
		return arena_printf(a, "%s%%", num);
	case UNIT_CURRENCY:
		return arena_printf(a, "£%s", num);
	default:
		return num;
	}
}

static void draw_series_line(cairo_t *cr, const struct chart_geometry *g,
			     const struct chart_series *s, const struct kpi *k)
{
	bool pen_down = false;
	bool single_target = s->kind == SERIES_TARGET && k->single_target;
	for (size_t i = 0; i < s->values->n && i < g->n_periods; i++) {
		if (!s->values->at[i].known) {
			pen_down = false;	/* a gap where the value is not known */
			continue;
		}
		double x = s->px[i], y = s->py[i];
		if (s->kind == SERIES_TARGET) {
			/* targets are steps: level across each period's slot */
			double x0 = single_target ? g->plot_x : x - g->slot_w / 2;
			double x1 = single_target ? g->plot_x + g->plot_w : x + g->slot_w / 2;
			if (pen_down)
				cairo_line_to(cr, x0, y);
			else
				cairo_move_to(cr, x0, y);
			cairo_line_to(cr, x1, y);
			pen_down = !single_target;
			if (single_target)
				break;
			continue;
		}
		if (pen_down)
			cairo_line_to(cr, x, y);
		else
			cairo_move_to(cr, x, y);
		pen_down = true;
	}
	cairo_stroke(cr);
}

void chart_draw_kpi(cairo_t *cr, const struct kpi *k, const struct chart_style *st, double x,
		    double y, double w, double h)
{
	struct chart_geometry g;
	double fs = st->font_size;
	if (!chart_geometry(k, x, y, w, h, fs, &g))
		return;
	struct arena a;
	arena_init(&a);
	cairo_save(cr);
	/* grid and value axis */
	cairo_set_line_width(cr, 0.5);
	for (int t = 0; t < g.n_ticks; t++) {
		double v = g.min + g.step * t;
		double ty = g.plot_y + g.plot_h * (1 - (v - g.min) / (g.max - g.min));
		rgb(cr, fabs(v) < 1e-9 ? st->muted : st->grid);
		cairo_move_to(cr, g.plot_x, ty);
		cairo_line_to(cr, g.plot_x + g.plot_w, ty);
		cairo_stroke(cr);
		draw_text(cr, st, axis_label(&a, k, v, g.step), g.plot_x - fs * 0.5, ty - fs * 0.6,
			  fs, 2, 0, false, st->muted);
	}
	if (k->unit == UNIT_RATE && k->per.known)
		draw_text(cr, st, arena_printf(&a, "per %s", format_number(&a, k->per.value, 0)),
			  x, y, fs, 0, 0, false, st->muted);
	else if (k->unit == UNIT_DAYS)
		draw_text(cr, st, "days", x, y, fs, 0, 0, false, st->muted);
	/* period labels: every one drawn, wrapped to its slot */
	for (size_t i = 0; i < g.n_periods; i++)
		draw_text(cr, st, k->periods.at[i], g.period_x[i], g.label_y, fs, 1,
			  g.slot_w - 2, false, st->text);
	/* bars for the KPI itself when asked, lines for the rest */
	if (g.bars) {
		const struct chart_series *s = &g.series[0];
		double zero = g.plot_y + g.plot_h * (1 - (0 - g.min) / (g.max - g.min));
		for (size_t i = 0; i < s->values->n && i < g.n_periods; i++) {
			if (!s->values->at[i].known)
				continue;
			double bw = g.slot_w * 0.5;
			cairo_rectangle(cr, s->px[i] - bw / 2, fmin(s->py[i], zero), bw,
					fabs(zero - s->py[i]));
			rgb(cr, st->brand);
			cairo_fill(cr);
		}
	}
	for (size_t si = g.bars ? 1 : 0; si < g.n_series; si++) {
		const struct chart_series *s = &g.series[si];
		struct rgb c = series_colour(st, s, si);
		rgb(cr, c);
		cairo_set_line_width(cr, s->kind == SERIES_VALUE ? 2.2 : 1.4);
		set_dash(cr, s, si);
		draw_series_line(cr, &g, s, k);
		if (s->kind == SERIES_TARGET)
			continue;
		cairo_set_line_width(cr, 1.2);
		for (size_t i = 0; i < s->values->n && i < g.n_periods; i++)
			if (s->values->at[i].known) {
				rgb(cr, c);
				marker(cr, s->px[i], s->py[i], s->kind == SERIES_VALUE ? 3.2 : 2.6, si,
				       s->kind == SERIES_VALUE);
			}
	}
	cairo_set_dash(cr, NULL, 0, 0);
	/* the latest value written beside its point */
	if (k->latest >= 0 && (size_t)k->latest < g.n_periods) {
		const struct chart_series *s = &g.series[0];
		const char *label = kpi_format_value(&a, k, k->values.at[k->latest]);
		draw_text(cr, st, label, s->px[k->latest] + 5, s->py[k->latest] - fs * 1.5, fs,
			  0, 0, true, st->text);
	}
	/* legend: a sample of each line and marker */
	double lx = x + 4, ly = g.legend_y + fs * 0.2;
	double col_w = (w - 8) / 3;
	for (size_t si = 0; si < g.n_series; si++) {
		const struct chart_series *s = &g.series[si];
		double cx = lx + col_w * (double)(si % 3), cy = ly + fs * 1.7 * (double)(si / 3);
		struct rgb c = series_colour(st, s, si);
		rgb(cr, c);
		if (g.bars && si == 0) {
			cairo_rectangle(cr, cx, cy + fs * 0.1, 18, fs * 0.8);
			cairo_fill(cr);
		} else {
			cairo_set_line_width(cr, s->kind == SERIES_VALUE ? 2.2 : 1.4);
			set_dash(cr, s, si);
			cairo_move_to(cr, cx, cy + fs * 0.5);
			cairo_line_to(cr, cx + 18, cy + fs * 0.5);
			cairo_stroke(cr);
			if (s->kind != SERIES_TARGET) {
				cairo_set_line_width(cr, 1.2);
				marker(cr, cx + 9, cy + fs * 0.5, 2.6, si, s->kind == SERIES_VALUE);
			}
		}
		draw_text(cr, st, s->kind == SERIES_VALUE ? "This council" : s->name, cx + 24,
			  cy - fs * 0.15, fs, 0, col_w - 28, false, st->text);
	}
	cairo_restore(cr);
	arena_free(&a);
}

static cairo_status_t write_svg(void *closure, const unsigned char *data, unsigned int n)
{
	strbuf_add(closure, (const char *)data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* cairo numbers its SVG surfaces with a counter that runs across the process
 * ("surface6" for the sixth chart drawn), so the same chart would differ by
 * the order of drawing. Renumbering from 1 in order of appearance makes each
 * file depend on its chart alone. */
static void renumber_surfaces(struct strbuf *svg)
{
	struct strbuf out = { 0 };
	long seen[256];
	size_t n_seen = 0;
	const char *p = svg->data, *end = svg->data + svg->len;
	while (p < end) {
		const char *hit = strstr(p, "surface");
		if (!hit || hit >= end) {
			strbuf_add(&out, p, (size_t)(end - p));
			break;
		}
		hit += 7;
		strbuf_add(&out, p, (size_t)(hit - p));
		if (*hit < '0' || *hit > '9') {
			p = hit;
			continue;
		}
		char *after;
		long id = strtol(hit, &after, 10);
		size_t k = 0;
		while (k < n_seen && seen[k] != id)
			k++;
		if (k == n_seen && n_seen < 256)
			seen[n_seen++] = id;
		strbuf_printf(&out, "%zu", k + 1);
		p = after;
	}
	strbuf_free(svg);
	*svg = out;
}

bool chart_svg(const struct kpi *k, const struct chart_style *st, double w, double h,
	       struct strbuf *out)
{
	struct strbuf raw = { 0 };
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_svg, &raw, w, h);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	chart_draw_kpi(cr, k, st, 0, 0, w, h);
	cairo_status_t status = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (status != CAIRO_STATUS_SUCCESS || !raw.data) {
		strbuf_free(&raw);
		return false;
	}
	renumber_surfaces(&raw);
	strbuf_add(out, raw.data, raw.len);
	strbuf_free(&raw);
	return true;
}

void chart_draw_rag_bar(cairo_t *cr, const size_t counts[RAG_COUNT], const struct pdf_style *s,
			double x, double y, double w, double h)
{
	static const enum rag order[] = { RAG_RED, RAG_AMBER, RAG_GREEN, RAG_BLUE, RAG_NONE };
	size_t total = 0;
	for (int r = 0; r < RAG_COUNT; r++)
		total += counts[r];
	if (!total)
		return;
	struct chart_style st;
	chart_style_from_pdf(s, &st);
	double cx = x;
	for (size_t i = 0; i < 5; i++) {
		size_t n = counts[order[i]];
		if (!n)
			continue;
		double seg = w * (double)n / (double)total;
		cairo_rectangle(cr, cx, y, seg, h);
		struct rgb fill = order[i] == RAG_NONE ? (struct rgb){ 0.85, 0.86, 0.87 } :
				  s->rag_fill[order[i]];
		rgb(cr, fill);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
		char num[32];
		snprintf(num, sizeof num, "%zu", n);
		if (seg > h * 0.9)
			draw_text(cr, &st, num, cx + seg / 2, y + h / 2 - s->size_small * 0.62,
				  s->size_small, 1, 0, true,
				  order[i] == RAG_NONE ? s->text : s->rag_text[order[i]]);
		cx += seg;
	}
	cairo_rectangle(cr, x, y, w, h);
	rgb(cr, s->text);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
}
