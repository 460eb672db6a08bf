/* chart.c - KPI line and bar charts and RAG bars on cairo. Series are told
 * apart by line style and marker shape as well as colour, so they survive
 * black-and-white printing and colour blindness. */
#include "catalog.h"
#include "chart.h"
#include "derive.h"
#include "typeset.h"
#include "words.h"

#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void chart_style_from_pdf(const struct pdf_style *s, struct chart_style *out)
{
	/* every field known (narrow false, no series name) before the print
	 * style's are set */
	*out = (struct chart_style){ 0 };
	out->font = s->body_font;
	out->font_size = s->size_small;
	out->text = s->text;
	out->muted = s->muted;
	out->grid = (struct rgb){ 0.85, 0.86, 0.87 };
	/* the council's series must stand out from white paper (WCAG's 3:1 for
	 * graphics): a site colour too light for that draws in the text colour */
	static const struct rgb white = { 1, 1, 1 };
	out->brand = colour_contrast(s->brand, white) >= 3 ? s->brand : s->text;
	out->series_name = NULL;
}

/* Whether step is a whole number of the KPI's smallest unit (10^-decimals),
 * so that every tick is a figure the KPI could have: no "2.5 days" on an
 * axis of whole days. */
static bool step_fits_decimals(double step, int decimals)
{
	double units = step * pow(10, decimals);
	return units >= 1 - 1e-9 && fabs(units - round(units)) < 1e-6 * fmax(1, units);
}

static void scale_in(double lo, double hi, int decimals, double divisions, double *min,
		     double *max, double *step, int *n_ticks);

void chart_scale(double lo, double hi, int decimals, double *min, double *max, double *step,
		 int *n_ticks)
{
	scale_in(lo, hi, decimals, 5, min, max, step, n_ticks);
}

/* The scale in about `divisions` steps. */
static void scale_in(double lo, double hi, int decimals, double divisions, double *min,
		     double *max, double *step, int *n_ticks)
{
	if (decimals < 0)
		decimals = 0;
	/* start at zero unless the data goes below it */
	if (lo > 0)
		lo = 0;
	if (hi < 0)
		hi = 0;
	/* a flat series (all zero, say) still needs an axis: five of the
	 * smallest whole steps for counts, 0 to 1 in tenths or finer otherwise */
	if (hi - lo < 1e-9)
		hi = lo + (decimals == 0 ? 5 : 1);
	double raw = (hi - lo) / divisions;
	double mag = pow(10, floor(log10(raw)));
	static const double nice[] = { 1, 2, 2.5, 5 };
	*step = 0;
	/* the smallest nice step that covers the range in about five ticks and
	 * is a multiple of the KPI's unit; a power of ten always is, from
	 * 10^-decimals upward, so the search ends */
	for (double m = mag; !*step; m *= 10)
		for (size_t i = 0; i < sizeof nice / sizeof *nice && !*step; i++) {
			double s = nice[i] * m;
			if (s >= raw * (1 - 1e-9) && step_fits_decimals(s, decimals))
				*step = s;
		}
	*min = floor(lo / *step + 1e-9) * *step;
	*max = ceil(hi / *step - 1e-9) * *step;
	*n_ticks = (int)llround((*max - *min) / *step) + 1;
}

static void collect_series(const struct kpi *k, const struct chart_style *st,
			   struct chart_geometry *g)
{
	g->series = xcalloc(2 + k->comparators.n, sizeof *g->series);
	g->n_series = 0;
	g->series[g->n_series++] = (struct chart_series){ .name = kpi_series_name(st->series_name),
							   .kind = SERIES_VALUE,
							   .values = &k->values };
	if (k->targets.n)
		g->series[g->n_series++] = (struct chart_series){ .name = msg("Target"),
								   .kind = SERIES_TARGET,
								   .values = &k->targets };
	for (size_t i = 0; i < k->comparators.n; i++)
		g->series[g->n_series++] = (struct chart_series){
			.name = k->comparators.at[i].name, .kind = SERIES_COMPARATOR,
			.values = &k->comparators.at[i].values, .style = i };
}

/* Digits after the point that write every multiple of step exactly. */
static int step_decimals(double step)
{
	for (int d = 0; d < 8; d++) {
		double s = step * pow(10, d);
		if (fabs(s - round(s)) < 1e-6 * fmax(1, fabs(s)))
			return d;
	}
	return 8;
}

const char *chart_tick_label(struct arena *a, const struct kpi *k, const struct chart_geometry *g,
			     double v)
{
	const char *suffix = g->tick_scale >= 1e9 ? "bn" : g->tick_scale >= 1e6 ? "m" : "";
	if (fabs(v) < g->step * 1e-6)
		v = 0;
	/* zero on a scaled axis is plain "£0", not "£0.0bn" */
	const char *num = v == 0 && *suffix ? "0" : format_number(a, v / g->tick_scale,
								   g->tick_decimals);
	if (v == 0)
		suffix = "";
	bool negative = num[0] == '-';
	if (negative)
		num++;
	/* the sign before the unit, as in the text: "-£2.50" */
	switch (k->unit) {
	case UNIT_PERCENT:
		return arena_printf(a, "%s%s%s%%", negative ? "-" : "", num, suffix);
	case UNIT_CURRENCY:
		return arena_printf(a, "%s£%s%s", negative ? "-" : "", num, suffix);
	default:
		return arena_printf(a, "%s%s%s", negative ? "-" : "", num, suffix);
	}
}

/* Text measured as the drawing will set it: 72 dpi, metrics unhinted. */
static PangoContext *measure_context(void)
{
	PangoContext *c = pango_font_map_create_context(pango_cairo_font_map_get_default());
	typeset_context_setup(c);
	return c;
}

static PangoLayout *measure_layout(PangoContext *c, const struct chart_style *st, double size,
				   bool bold)
{
	PangoLayout *l = pango_layout_new(c);
	typeset_set_font(l, st->font, size, bold);
	return l;
}

static double text_width(PangoLayout *l, const char *text, int len)
{
	int w, h;
	pango_layout_set_width(l, -1);
	pango_layout_set_text(l, text, len);
	pango_layout_get_size(l, &w, &h);
	return (double)w / PANGO_SCALE;
}

/* The narrowest width a period label fits in on at most two lines, broken
 * only at a space (never inside a word or a number). */
static double label_need(PangoLayout *l, const char *text)
{
	double best = text_width(l, text, -1);
	for (const char *sp = strchr(text, ' '); sp; sp = strchr(sp + 1, ' ')) {
		double left = text_width(l, text, (int)(sp - text));
		double right = text_width(l, sp + 1, -1);
		best = fmin(best, fmax(left, right));
	}
	return best;
}

/* How many periods are labelled when at least every k0-th must be skipped
 * to: an exact step from first to last if one is near (45 periods in 4s),
 * else as many as fit, spread as evenly as the count allows. */
static size_t label_count(size_t n, size_t k0)
{
	if (n <= 2 || k0 <= 1)
		return n;
	for (size_t k = k0; k <= 2 * k0 && k <= n - 1; k++)
		if ((n - 1) % k == 0)
			return (n - 1) / k + 1;
	size_t intervals = (n - 1) / k0;
	return intervals < 1 ? 2 : intervals + 1;
}

/* The j-th of m labelled periods of n: rounded from an even spread, so the
 * first and last are always among them. */
static size_t labelled_period(size_t n, size_t m, size_t j)
{
	return m < 2 ? 0 : (2 * j * (n - 1) + (m - 1)) / (2 * (m - 1));
}

/* Chooses how the period labels go (see chart.h) and the band they take.
 * Turned labels stand upright: text at 45 degrees reads back from the PDF
 * (copying, pdftotext) as broken fragments, upright text as words. */
static void layout_period_labels(struct chart_geometry *g, const struct kpi *k,
				 const struct chart_style *st, PangoLayout *l)
{
	double fs = st->font_size;
	size_t n = g->n_periods;
	int lw, lh;
	pango_layout_set_width(l, -1);
	pango_layout_set_text(l, "0", -1);
	pango_layout_get_size(l, &lw, &lh);
	g->label_line_h = (double)lh / PANGO_SCALE;
	/* level labels need their two-line width and a gap between neighbours;
	 * upright ones, their line's height and a gap */
	double level = 0, widest = 0;
	for (size_t i = 0; i < n; i++) {
		level = fmax(level, label_need(l, k->periods.at[i]));
		widest = fmax(widest, text_width(l, k->periods.at[i], -1));
	}
	level += fs * 0.6;
	double upright = g->label_line_h + fs * 0.3;
	g->slot_w = g->plot_w / (double)n;
	size_t k_level = (size_t)ceil(level / g->slot_w - 1e-9);
	size_t k_upright = (size_t)ceil(upright / g->slot_w - 1e-9);
	/* level when that leaves none out (or no fewer than upright would) */
	g->label_angle = k_upright < k_level ? 90 : 0;
	g->label_every = g->label_angle ? k_upright : k_level;
	if (g->label_every < 1)
		g->label_every = 1;
	g->n_labels = label_count(n, g->label_every);
	if (g->n_labels >= 2 && g->n_labels < n)
		g->label_every = (n - 1) / (g->n_labels - 1);
	if (g->label_angle == 0) {
		g->label_w = (double)g->label_every * g->slot_w - fs * 0.6;
		if (g->n_labels == 2 && n > 2)
			/* too few slots for even two labels: the first and last share them */
			g->label_w = fmax(g->slot_w * (double)(n - 1) - fs * 0.6, g->slot_w);
		g->label_h = fs * 3.2;
	} else {
		/* as deep as the longest label, and a gap to the legend */
		g->label_w = widest;
		g->label_h = widest + fs * 0.9;
	}
}

enum { LEGEND_MAX_LINES = 3 };
static const double legend_sample_w = 28;	/* line sample and its gap */

static double legend_col_w(const struct chart_geometry *g)
{
	return (g->w - 8) / (double)g->legend_cols;
}

/* The mark of a bar not known, and its key's words in the legend. */
/* the mark a bar chart draws for a figure not known, and the words its key
 * gives it, in the language of the page */
#define not_known_mark msg("n/k")
#define not_known_words msg("Not known")
static const double not_known_size = 0.85;	/* the mark's size, of the text's */

size_t chart_legend_entries(const struct chart_geometry *g)
{
	return g->n_series + (g->not_known_key ? 1 : 0);
}

static const char *legend_label(const struct chart_geometry *g, size_t j)
{
	return j < g->n_series ? g->series[j].name : not_known_words;
}

/* The height of the legend row that entry j is in. */
static double legend_row_h(const struct chart_geometry *g, size_t j)
{
	return j < g->n_series ? g->series[j].legend_h : g->key_row_h;
}

/* Where entry j's sample starts: (x, y) the top left of its row's cell. */
static void legend_entry_at(const struct chart_geometry *g, double fs, size_t j, double *x,
			    double *y)
{
	*x = g->x + 4 + legend_col_w(g) * (double)(j % g->legend_cols);
	*y = g->legend_y + fs * 0.2;
	for (size_t r = g->legend_cols; r <= j; r += g->legend_cols)
		*y += legend_row_h(g, r - 1);
}

/* Lays the legend out in the geometry's width: each label wrapped to its
 * column, each row as tall as its tallest label. Returns the height. */
static double legend_layout(struct chart_geometry *g, const struct chart_style *st,
			    PangoContext *c)
{
	double fs = st->font_size;
	/* a narrow chart's legend is one entry a row, under the chart */
	g->legend_cols = st->narrow ? 1 : g->w < fs * 30 ? 2 : 3;
	PangoLayout *l = measure_layout(c, st, fs, false);
	pango_layout_set_width(l, (int)((legend_col_w(g) - legend_sample_w - 4) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(l, -LEGEND_MAX_LINES);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	double total = 0, key_w = 0, key_h = 0;
	size_t n = chart_legend_entries(g);
	for (size_t s = 0; s < n; s += g->legend_cols) {
		double row = fs * 1.7;
		for (size_t j = s; j < s + g->legend_cols && j < n; j++) {
			int w, h;
			pango_layout_set_text(l, legend_label(g, j), -1);
			pango_layout_get_size(l, &w, &h);
			double label_h = (double)h / PANGO_SCALE;
			if (j < g->n_series)
				g->series[j].legend_h = label_h;
			else
				key_w = (double)w / PANGO_SCALE, key_h = label_h;
			row = fmax(row, label_h + fs * 0.5);
		}
		for (size_t j = s; j < s + g->legend_cols && j < n; j++) {
			if (j < g->n_series)
				g->series[j].legend_h = row;	/* the row's height, for drawing */
			else
				g->key_row_h = row;
		}
		total += row;
	}
	g_object_unref(l);
	/* the key's box from its sample to the end of its words (placed once
	 * legend_y is known) */
	g->key_w = g->not_known_key ? legend_sample_w - 4 + key_w : 0;
	g->key_h = g->not_known_key ? key_h : 0;
	return total;
}

/* ---------- markers and the value label, kept clear of each other ---------- */

/* The target is a line only; in a bar chart the council's figures are bars. */
static bool series_has_markers(const struct chart_geometry *g, size_t s)
{
	return g->series[s].kind != SERIES_TARGET && !(g->bars && s == 0);
}

static double marker_r(const struct chart_geometry *g, size_t s)
{
	return g->series[s].kind == SERIES_VALUE ? g->r_value : g->r_other;
}

/* No marker shape reaches further than 1.2 r from its centre (the diamond). */
static const double marker_reach = 1.2;

double chart_marker_x(const struct chart_geometry *g, size_t s, size_t i)
{
	double x = chart_period_x(g, i);
	return g->marker_dx ? x + g->marker_dx[s * g->n_periods + i] : x;
}

bool chart_marker_box(const struct chart_geometry *g, size_t s, size_t i, double box[4])
{
	if (s >= g->n_series || i >= g->n_periods || !series_has_markers(g, s) ||
	    i >= g->series[s].values->n || !g->series[s].values->at[i].known)
		return false;
	double x = chart_marker_x(g, s, i), y = chart_value_y(g, g->series[s].values->at[i].value);
	double r = marker_r(g, s) * marker_reach + 0.6;	/* and half the outline */
	box[0] = x - r, box[1] = y - r, box[2] = x + r, box[3] = y + r;
	return true;
}

static bool boxes_overlap(const double a[4], const double b[4])
{
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

bool chart_not_known_box(const struct chart_geometry *g, size_t i, double box[4])
{
	const number_list *v = g->n_series ? g->series[0].values : NULL;
	if (!g->bars || !v || i >= v->n || i >= g->n_periods || v->at[i].known)
		return false;
	/* just above the baseline, where its bar would stand */
	double cx = chart_period_x(g, i), top = chart_value_y(g, 0) -
		    g->font_size * not_known_size * 1.45;
	box[0] = cx - g->not_known_w / 2, box[1] = top;
	box[2] = cx + g->not_known_w / 2, box[3] = top + g->not_known_h;
	return true;
}

/* Markers of one period that would hide each other (a comparator equal to
 * the council's figure, or to another comparator) are moved sideways; the
 * council's own stay put. Each comparator in turn takes the nearest free
 * place within its period's slot, or stays where the slot is too narrow. */
static void dodge_markers(struct chart_geometry *g, const struct kpi *k)
{
	size_t n = g->n_periods;
	g->marker_dx = xcalloc(g->n_series * n, sizeof *g->marker_dx);
	double step = marker_reach * (g->r_value + g->r_other) + 1.5;
	for (size_t i = 0; i < n; i++) {
		/* the latest value's label goes to the right of its point, so
		 * markers beside it try the left first */
		double side = (long)i == k->latest ? -1 : 1;
		for (size_t s = 0; s < g->n_series; s++) {
			double box[4];
			if (g->series[s].kind != SERIES_COMPARATOR || !chart_marker_box(g, s, i, box))
				continue;
			double room = g->slot_w / 2 - marker_r(g, s) * marker_reach;
			double *dx = &g->marker_dx[s * n + i];
			bool placed = false;
			for (int t = 0; t <= 8 && !placed; t++) {
				*dx = t == 0 ? 0 : side * (t % 2 ? 1 : -1) * step * (double)((t + 1) / 2);
				if (fabs(*dx) > room && t)
					continue;
				chart_marker_box(g, s, i, box);
				placed = true;
				for (size_t o = 0; o < s && placed; o++) {
					double other[4];
					if (chart_marker_box(g, o, i, other) && boxes_overlap(box, other))
						placed = false;
				}
			}
			if (!placed)
				*dx = 0;
		}
	}
}

/* Whether the segment from (x0, y0) to (x1, y1) crosses the box
 * (Liang-Barsky clipping). */
static bool segment_hits_box(double x0, double y0, double x1, double y1, const double b[4])
{
	double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
	double p[4] = { -dx, dx, -dy, dy };
	double q[4] = { x0 - b[0], b[2] - x0, y0 - b[1], b[3] - y0 };
	for (int e = 0; e < 4; e++) {
		if (p[e] == 0) {
			if (q[e] < 0)
				return false;
			continue;
		}
		double t = q[e] / p[e];
		if (p[e] < 0)
			t0 = fmax(t0, t);
		else
			t1 = fmin(t1, t);
		if (t0 > t1)
			return false;
	}
	return true;
}

/* How many of the series' drawn line segments cross the box. */
static int series_line_hits(const struct chart_geometry *g, const struct kpi *k, size_t s,
			    const double b[4])
{
	const struct chart_series *se = &g->series[s];
	if (g->bars && s == 0)
		return 0;
	int hits = 0;
	bool have_prev = false;
	double px = 0, py = 0;
	for (size_t i = 0; i < se->values->n && i < g->n_periods; i++) {
		if (!se->values->at[i].known) {
			have_prev = false;	/* a gap in the line */
			continue;
		}
		double y = chart_value_y(g, se->values->at[i].value);
		if (se->kind == SERIES_TARGET) {
			/* steps, level across each slot (or the plot, for one target) */
			double c = chart_period_x(g, i);
			double x0 = k->single_target ? g->plot_x : c - g->slot_w / 2;
			double x1 = k->single_target ? g->plot_x + g->plot_w : c + g->slot_w / 2;
			hits += segment_hits_box(x0, y, x1, y, b);
			if (have_prev)
				hits += segment_hits_box(x0, py, x0, y, b);
			if (k->single_target)
				break;
			have_prev = true, py = y;
			continue;
		}
		double x = chart_marker_x(g, s, i);
		if (have_prev)
			hits += segment_hits_box(px, py, x, y, b);
		have_prev = true, px = x, py = y;
	}
	return hits;
}

/* What a place for the value label would cover: outside the plot is worst,
 * then a marker or a bar (a figure hidden), then a line (still readable). */
static int label_cost(const struct chart_geometry *g, const struct kpi *k, const double b[4])
{
	int cost = 0;
	if (b[0] < g->plot_x || b[2] > g->x + g->w || b[1] < g->plot_y ||
	    b[3] > g->plot_y + g->plot_h - 1)
		cost += 1000;
	double zero = chart_value_y(g, fmax(g->min, fmin(0, g->max)));
	for (size_t i = 0; i < g->n_periods; i++) {
		for (size_t s = 0; s < g->n_series; s++) {
			double m[4];
			if (chart_marker_box(g, s, i, m) && boxes_overlap(b, m))
				cost += 100;
		}
		if (g->bars && i < k->values.n && k->values.at[i].known) {
			double y = chart_value_y(g, k->values.at[i].value), bw = g->slot_w * 0.5;
			double bar[4] = { chart_period_x(g, i) - bw / 2 - 1, fmin(y, zero) - 1,
					  chart_period_x(g, i) + bw / 2 + 1, fmax(y, zero) + 1 };
			if (boxes_overlap(b, bar))
				cost += 100;
		}
		double nk[4];
		if (chart_not_known_box(g, i, nk) && boxes_overlap(b, nk))
			cost += 100;	/* an "n/k" under a figure would read as part of it */
	}
	for (size_t s = 0; s < g->n_series; s++)
		cost += 10 * series_line_hits(g, k, s, b);
	return cost;
}

/* The latest value's label: beside its point (or above its bar) if that is
 * clear, else above or below the markers of its period, else to the left;
 * always inside the plot, never on a marker if any place allows. */
static void place_value_label(struct chart_geometry *g, const struct kpi *k, double fs,
			      double w, double h)
{
	size_t li = (size_t)k->latest;
	double px = chart_period_x(g, li), py = chart_value_y(g, k->values.at[li].value);
	double side = g->bars ? g->slot_w * 0.25 : g->r_value * marker_reach;
	/* the period's cluster of markers, the council's point or bar top in it */
	double top = py - (g->bars ? 0 : side), bottom = py + (g->bars ? 0 : side);
	for (size_t s = 0; s < g->n_series; s++) {
		double m[4];
		if (chart_marker_box(g, s, li, m))
			top = fmin(top, m[1]), bottom = fmax(bottom, m[3]);
	}
	enum { RIGHT, CENTRE, LEFT };
	enum { ABOVE, MIDDLE, BELOW, OVER_ALL, UNDER_ALL };
	static const int line_order[][2] = {
		{ RIGHT, ABOVE }, { RIGHT, MIDDLE }, { RIGHT, BELOW }, { CENTRE, ABOVE },
		{ CENTRE, BELOW }, { RIGHT, OVER_ALL }, { RIGHT, UNDER_ALL }, { CENTRE, OVER_ALL },
		{ CENTRE, UNDER_ALL }, { LEFT, ABOVE }, { LEFT, MIDDLE }, { LEFT, BELOW },
		{ LEFT, OVER_ALL }, { LEFT, UNDER_ALL },
	};
	static const int bar_order[][2] = {
		{ CENTRE, ABOVE }, { CENTRE, OVER_ALL }, { RIGHT, ABOVE }, { RIGHT, MIDDLE },
		{ RIGHT, BELOW }, { RIGHT, OVER_ALL }, { RIGHT, UNDER_ALL }, { LEFT, ABOVE },
		{ LEFT, MIDDLE }, { LEFT, BELOW }, { LEFT, OVER_ALL }, { LEFT, UNDER_ALL },
		{ CENTRE, BELOW }, { CENTRE, UNDER_ALL },
	};
	const int (*order)[2] = g->bars ? bar_order : line_order;
	size_t n_order = g->bars ? sizeof bar_order / sizeof *bar_order :
			 sizeof line_order / sizeof *line_order;
	int best = -1;
	for (size_t c = 0; c < n_order; c++) {
		double x = order[c][0] == RIGHT ? px + side + 2 :
			   order[c][0] == LEFT ? px - side - 2 - w : px - w / 2;
		double y;
		bool centred = order[c][0] == CENTRE;
		switch (order[c][1]) {
		case ABOVE:
			y = centred ? py - (g->bars ? 0 : side) - 1.5 - h : py - h - fs * 0.3;
			break;
		case MIDDLE:
			y = py - h / 2;
			break;
		case BELOW:
			y = centred ? py + (g->bars ? 0 : side) + 1.5 : py + fs * 0.3;
			break;
		case OVER_ALL:
			y = top - 1.5 - h;
			break;
		default:
			y = bottom + 1.5;
			break;
		}
		double b[4] = { x, y, x + w, y + h };
		int cost = label_cost(g, k, b);
		if (best < 0 || cost < best) {
			best = cost;
			g->value_x = x, g->value_y = y, g->value_w = w, g->value_h = h;
		}
		if (cost == 0)
			break;
	}
}

bool chart_geometry(const struct kpi *k, const struct chart_style *st, double x, double y,
		    double w, double h, struct chart_geometry *g)
{
	memset(g, 0, sizeof *g);
	g->x = x, g->y = y, g->w = w, g->h = h;
	g->n_periods = k->periods.n;
	if (!g->n_periods)
		return false;
	double fs = st->font_size;
	g->font_size = fs;
	g->bars = k->chart == CHART_BAR;
	collect_series(k, st, g);
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
	/* a narrow chart labels fewer ticks: about three steps, not five */
	scale_in(lo, hi, kpi_figures_precision(k), st->narrow ? 3 : 5, &g->min, &g->max, &g->step,
		 &g->n_ticks);
	/* millions and billions in short forms, so the axis stays narrow */
	double big = fmax(fabs(g->min), fabs(g->max));
	g->tick_scale = big >= 1e9 ? 1e9 : big >= 1e6 ? 1e6 : 1;
	/* the step is a multiple of the KPI's unit, so the ticks need no more
	 * decimals than the figures; only a short form ("£2.5bn") has more */
	g->tick_decimals = step_decimals(g->step / g->tick_scale);
	if (k->unit == UNIT_CURRENCY && g->tick_scale == 1 && g->tick_decimals &&
	    g->tick_decimals < 2 && kpi_figures_precision(k) >= 2)
		g->tick_decimals = 2;	/* pence: "£2.50", as the figures read */

	PangoContext *pc = measure_context();
	struct arena a;
	arena_init(&a);
	/* room on the left for the widest tick label, measured */
	PangoLayout *l = measure_layout(pc, st, fs, false);
	double widest = 0;
	for (int t = 0; t < g->n_ticks; t++)
		widest = fmax(widest, text_width(l, chart_tick_label(&a, k, g,
								     g->min + g->step * t), -1));
	g->axis_w = widest + fs * 0.5 + 2;
	/* and on the right for the latest value written beside its point */
	double right = fs, value_w = 0, value_h = 0;
	if (k->latest >= 0) {
		PangoLayout *b = measure_layout(pc, st, fs, true);
		int lw, lh;
		pango_layout_set_text(b, kpi_format_value(&a, k, k->values.at[k->latest]), -1);
		pango_layout_get_size(b, &lw, &lh);
		value_w = (double)lw / PANGO_SCALE, value_h = (double)lh / PANGO_SCALE;
		right = fmax(right, value_w + 6);
		g_object_unref(b);
	}
	/* a bar not known is marked "n/k", and the legend's key says what that is */
	for (size_t i = 0; g->bars && i < k->values.n && i < g->n_periods; i++)
		g->not_known_key |= !k->values.at[i].known;
	if (g->not_known_key) {
		PangoLayout *m = measure_layout(pc, st, fs * not_known_size, false);
		int lw, lh;
		pango_layout_set_text(m, not_known_mark, -1);
		pango_layout_get_size(m, &lw, &lh);
		g->not_known_w = (double)lw / PANGO_SCALE, g->not_known_h = (double)lh / PANGO_SCALE;
		g_object_unref(m);
	}
	double legend_h = legend_layout(g, st, pc);
	g->plot_x = x + g->axis_w;
	/* a unit label ("per 10,000") sits above the top tick's label */
	bool unit_label = (k->unit == UNIT_RATE && k->per.known) || k->unit == UNIT_DAYS;
	g->plot_y = y + fs * (unit_label ? 2.2 : 1.5);
	g->plot_w = w - g->axis_w - right;
	if (g->plot_w < fs)
		g->plot_w = fs;
	g->legend_y = y + h - legend_h;
	if (g->not_known_key) {
		double kx, ky;
		legend_entry_at(g, fs, g->n_series, &kx, &ky);
		/* the words' top (as every label's), or the mark's if higher */
		double top = fmin(ky - fs * 0.15, ky + fs * 0.5 - g->not_known_h / 2);
		double bottom = fmax(ky - fs * 0.15 + g->key_h, ky + fs * 0.5 + g->not_known_h / 2);
		g->key_x = fmin(kx, kx + 9 - g->not_known_w / 2);
		g->key_w += kx - g->key_x;
		g->key_y = top, g->key_h = bottom - top;
	}
	layout_period_labels(g, k, st, l);
	g->label_y = g->legend_y - g->label_h;
	g->plot_h = g->label_y - fs * 0.6 - g->plot_y;
	/* markers shrink where periods are close together */
	g->r_value = fmin(3.2, g->slot_w * 0.4), g->r_other = fmin(2.6, g->slot_w * 0.35);
	dodge_markers(g, k);
	if (k->latest >= 0 && (size_t)k->latest < g->n_periods)
		place_value_label(g, k, fs, value_w, value_h);
	g_object_unref(l);
	g_object_unref(pc);
	arena_free(&a);
	return true;
}

void chart_geometry_free(struct chart_geometry *g)
{
	free(g->series);
	g->series = NULL;
	free(g->marker_dx);
	g->marker_dx = NULL;
	g->n_series = 0;
}

double chart_period_x(const struct chart_geometry *g, size_t i)
{
	return g->plot_x + g->slot_w * ((double)i + 0.5);
}

double chart_value_y(const struct chart_geometry *g, double v)
{
	return g->plot_y + g->plot_h * (1 - (v - g->min) / (g->max - g->min));
}

bool chart_period_labelled(const struct chart_geometry *g, size_t i)
{
	size_t n = g->n_periods, m = g->n_labels;
	if (i >= n)
		return false;
	if (m >= n)
		return true;
	for (size_t j = 0; j < m; j++)
		if (labelled_period(n, m, j) == i)
			return true;
	return false;
}

double chart_height(const struct kpi *k, const struct chart_style *st, double w, double base_h)
{
	struct chart_geometry g;
	if (!chart_geometry(k, st, 0, 0, w, base_h, &g))
		return base_h;
	/* and when its period labels are turned, their depth past two lines */
	double legend_h = g.h - g.legend_y, one_row = st->font_size * 1.7;
	double labels_h = g.label_h, level = st->font_size * 3.2;
	chart_geometry_free(&g);
	return base_h + (legend_h > one_row ? legend_h - one_row : 0) +
	       (labels_h > level ? labels_h - level : 0);
}

/* ---------- drawing helpers ---------- */

static void rgb(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static PangoLayout *text_layout(cairo_t *cr, const struct chart_style *st, const char *text,
				double size, bool bold)
{
	return typeset_layout_for(cr, st->font, size, bold, text);
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

/* Comparators cycle through six colours, three dash patterns and five marker
 * shapes; the cycles' lengths make thirty series before a look repeats. */
static struct rgb series_colour(const struct chart_style *st, const struct chart_series *s)
{
	static const struct rgb others[] = {
		{ 0.31, 0.35, 0.37 }, { 0.50, 0.24, 0.00 }, { 0.30, 0.17, 0.57 },
		{ 0.00, 0.44, 0.24 }, { 0.54, 0.11, 0.28 }, { 0.00, 0.36, 0.50 },
	};
	if (s->kind == SERIES_VALUE)
		return st->brand;
	if (s->kind == SERIES_TARGET)
		return (struct rgb){ 0.05, 0.05, 0.05 };
	return others[s->style % 6];
}

static void set_dash(cairo_t *cr, const struct chart_series *s)
{
	static const double dashed[] = { 5, 3 }, dotted[] = { 1.5, 2.5 },
			    dashdot[] = { 6, 2, 1.5, 2 }, longdash[] = { 9, 3 };
	if (s->kind == SERIES_VALUE)
		cairo_set_dash(cr, NULL, 0, 0);
	else if (s->kind == SERIES_TARGET)
		cairo_set_dash(cr, dotted, 2, 0);
	else if (s->style % 3 == 1)
		cairo_set_dash(cr, dashdot, 4, 0);
	else if (s->style % 3 == 2)
		cairo_set_dash(cr, longdash, 2, 0);
	else
		cairo_set_dash(cr, dashed, 2, 0);
}

/* circle for the council's own values; square, triangle, diamond, circle
 * and inverted triangle for comparators */
static size_t marker_shape(const struct chart_series *s)
{
	return s->kind == SERIES_VALUE ? 0 : 1 + s->style % 5;
}

static void marker(cairo_t *cr, double x, double y, double r, size_t shape, bool filled)
{
	cairo_new_sub_path(cr);
	switch (shape % 6) {
	case 0:
	case 4:
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
	case 5:
		cairo_move_to(cr, x, y + r * 1.15);
		cairo_line_to(cr, x + r * 1.1, y - r * 0.8);
		cairo_line_to(cr, x - r * 1.1, y - r * 0.8);
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

static void draw_series_line(cairo_t *cr, const struct chart_geometry *g, size_t si,
			     const struct kpi *k)
{
	const struct chart_series *s = &g->series[si];
	bool pen_down = false;
	bool single_target = s->kind == SERIES_TARGET && k->single_target;
	for (size_t i = 0; i < s->values->n && i < g->n_periods; i++) {
		if (!s->values->at[i].known) {
			pen_down = false;	/* a gap where the value is not known */
			continue;
		}
		/* through its markers, where they are moved aside */
		double x = chart_marker_x(g, si, i), y = chart_value_y(g, s->values->at[i].value);
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

/* A period label wrapped only at spaces to the width the geometry allows,
 * centred on its period and kept inside the chart; or turned, on one line,
 * ending at its tick. */
static void draw_period_label(cairo_t *cr, const struct chart_style *st,
			      const struct chart_geometry *g, const char *text, double cx)
{
	PangoLayout *l = text_layout(cr, st, text, st->font_size, false);
	if (g->label_angle > 0) {
		int lw, lh;
		pango_layout_get_size(l, &lw, &lh);
		double tw = (double)lw / PANGO_SCALE, th = (double)lh / PANGO_SCALE;
		double a = g->label_angle * M_PI / 180;
		cairo_save(cr);
		/* the line's end, halfway up it, at the tick; its top corner no
		 * higher than label_y */
		cairo_translate(cr, cx, g->label_y + th / 2 * cos(a));
		cairo_rotate(cr, -a);
		rgb(cr, st->text);
		cairo_move_to(cr, -tw, -th / 2);
		pango_cairo_show_layout(cr, l);
		cairo_restore(cr);
		g_object_unref(l);
		return;
	}
	double w = g->label_w + 0.5;	/* rounding between measuring and setting */
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	double left = cx - w / 2;
	if (left + w > g->x + g->w)
		left = g->x + g->w - w;
	if (left < g->x)
		left = g->x;
	rgb(cr, st->text);
	cairo_move_to(cr, left, g->label_y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

void chart_draw_kpi(cairo_t *cr, const struct kpi *k, const struct chart_style *st, double x,
		    double y, double w, double h)
{
	struct chart_geometry g;
	double fs = st->font_size;
	if (!chart_geometry(k, st, x, y, w, h, &g))
		return;
	struct arena a;
	arena_init(&a);
	cairo_save(cr);
	/* grid and value axis */
	cairo_set_line_width(cr, 0.5);
	for (int t = 0; t < g.n_ticks; t++) {
		double v = g.min + g.step * t;
		double ty = chart_value_y(&g, v);
		rgb(cr, fabs(v) < g.step * 1e-6 ? st->muted : st->grid);
		cairo_move_to(cr, g.plot_x, ty);
		cairo_line_to(cr, g.plot_x + g.plot_w, ty);
		cairo_stroke(cr);
		draw_text(cr, st, chart_tick_label(&a, k, &g, v), g.plot_x - fs * 0.5, ty - fs * 0.6,
			  fs, 2, 0, false, st->muted);
	}
	if (k->unit == UNIT_RATE && k->per.known)
		draw_text(cr, st, msg_printf(&a, msg("per %s"), format_number(&a, k->per.value, 0)),
			  x, y, fs, 0, 0, false, st->muted);
	else if (k->unit == UNIT_DAYS)
		draw_text(cr, st, msg("days"), x, y, fs, 0, 0, false, st->muted);
	/* period labels, thinned so none overlaps, each with a tick */
	double axis_y = g.plot_y + g.plot_h;
	for (size_t i = 0; i < g.n_periods; i++) {
		if (!chart_period_labelled(&g, i))
			continue;
		double px = chart_period_x(&g, i);
		rgb(cr, st->muted);
		cairo_move_to(cr, px, axis_y);
		cairo_line_to(cr, px, axis_y + fs * 0.35);
		cairo_stroke(cr);
		draw_period_label(cr, st, &g, k->periods.at[i], px);
	}
	/* bars for the KPI itself when asked, lines for the rest; a bar of zero
	 * is a sliver on the baseline and a period not known says "n/k" there,
	 * so the two never look alike (a line shows a gap instead) */
	if (g.bars) {
		const struct chart_series *s = &g.series[0];
		double zero = chart_value_y(&g, 0);
		for (size_t i = 0; i < s->values->n && i < g.n_periods; i++) {
			double bw = g.slot_w * 0.5, cx = chart_period_x(&g, i), box[4];
			if (chart_not_known_box(&g, i, box)) {
				draw_text(cr, st, not_known_mark, box[0], box[1], fs * not_known_size,
					  0, 0, false, st->muted);
				continue;
			}
			double py = chart_value_y(&g, s->values->at[i].value);
			double top = fmin(py, zero), bh = fabs(zero - py);
			if (bh < 1.5)	/* a sliver on the side of zero the value is */
				bh = 1.5, top = py > zero ? zero : zero - bh;
			cairo_rectangle(cr, cx - bw / 2, top, bw, bh);
			rgb(cr, st->brand);
			cairo_fill(cr);
		}
	}
	/* the lines, the council's over the others; then the comparators'
	 * markers, white inside so they show over any line; the council's own
	 * markers last, with the comparators' moved aside where they coincide */
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t si = 0; si < g.n_series; si++) {
			const struct chart_series *s = &g.series[si];
			if ((s->kind == SERIES_VALUE) != (pass == 1) || (g.bars && si == 0))
				continue;
			rgb(cr, series_colour(st, s));
			cairo_set_line_width(cr, s->kind == SERIES_VALUE ? 2.2 : 1.4);
			set_dash(cr, s);
			draw_series_line(cr, &g, si, k);
		}
	cairo_set_line_width(cr, 1.2);
	for (size_t pass = 0; pass < 2; pass++)
		for (size_t si = 0; si < g.n_series; si++) {
			const struct chart_series *s = &g.series[si];
			if ((s->kind == SERIES_VALUE) != (pass == 1) || !series_has_markers(&g, si))
				continue;
			for (size_t i = 0; i < s->values->n && i < g.n_periods; i++)
				if (s->values->at[i].known) {
					rgb(cr, series_colour(st, s));
					marker(cr, chart_marker_x(&g, si, i),
					       chart_value_y(&g, s->values->at[i].value),
					       marker_r(&g, si), marker_shape(s),
					       s->kind == SERIES_VALUE);
				}
		}
	cairo_set_dash(cr, NULL, 0, 0);
	/* the latest value, where the geometry found room for it */
	if (g.value_w > 0)
		draw_text(cr, st, kpi_format_value(&a, k, k->values.at[k->latest]), g.value_x,
			  g.value_y, fs, 0, 0, true, st->text);
	/* legend: a sample of each line and marker, rows as tall as their
	 * labels; then, when a bar is marked "n/k", the mark and its meaning */
	double col_w = legend_col_w(&g);
	for (size_t si = 0; si < chart_legend_entries(&g); si++) {
		double cx, cy;
		legend_entry_at(&g, fs, si, &cx, &cy);
		if (si == g.n_series) {
			double size = fs * not_known_size;
			draw_text(cr, st, not_known_mark, cx + 9, cy + fs * 0.5 - g.not_known_h / 2,
				  size, 1, 0, false, st->muted);
		} else {
			const struct chart_series *s = &g.series[si];
			rgb(cr, series_colour(st, s));
			if (g.bars && si == 0) {
				cairo_rectangle(cr, cx, cy + fs * 0.1, 18, fs * 0.8);
				cairo_fill(cr);
			} else {
				cairo_set_line_width(cr, s->kind == SERIES_VALUE ? 2.2 : 1.4);
				set_dash(cr, s);
				cairo_move_to(cr, cx, cy + fs * 0.5);
				cairo_line_to(cr, cx + 18, cy + fs * 0.5);
				cairo_stroke(cr);
				if (s->kind != SERIES_TARGET) {
					cairo_set_line_width(cr, 1.2);
					marker(cr, cx + 9, cy + fs * 0.5, 2.6, marker_shape(s),
					       s->kind == SERIES_VALUE);
				}
			}
		}
		PangoLayout *l = text_layout(cr, st, legend_label(&g, si), fs, false);
		pango_layout_set_width(l, (int)((col_w - legend_sample_w - 4) * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_height(l, -LEGEND_MAX_LINES);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		rgb(cr, st->text);
		cairo_move_to(cr, cx + legend_sample_w - 4, cy - fs * 0.15);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
	cairo_restore(cr);
	chart_geometry_free(&g);
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

/* cairo names the same things the same in every SVG ("surface1",
 * "glyph0-1", "clip1"): put two charts in one document (inlined, or an
 * editor's page of them) and one chart's glyphs draw another's text. Each id
 * becomes the chart's own, "<prefix>-glyph0-1", and so does every reference
 * to it: url(#...) in attributes and styles, and href="#..." (xlink:href
 * included). cairo writes its text as glyph outlines, so these patterns
 * appear nowhere but in markup. A prefix that would not start an XML name
 * (a plan id may start with a digit) gets "chart-" before it. */
static void prefix_ids(struct strbuf *svg, const char *prefix)
{
	struct strbuf p = { 0 }, out = { 0 };
	if (!((*prefix >= 'a' && *prefix <= 'z') || (*prefix >= 'A' && *prefix <= 'Z') ||
	      *prefix == '_'))
		strbuf_adds(&p, "chart-");
	for (const char *c = prefix; *c; c++) {
		bool name_char = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				 (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.';
		strbuf_addc(&p, name_char ? *c : '-');
	}
	strbuf_addc(&p, '-');
	static const char *const marks[] = { " id=\"", "url(#", "href=\"#" };
	enum { N_MARKS = sizeof marks / sizeof *marks };
	const char *at = svg->data, *end = svg->data + svg->len;
	const char *next[N_MARKS] = { 0 };	/* each mark's next place, found once */
	for (size_t m = 0; m < N_MARKS; m++)
		next[m] = strstr(at, marks[m]);
	while (at < end) {
		/* the nearest mark from here on */
		const char *hit = NULL;
		size_t hit_len = 0;
		for (size_t m = 0; m < N_MARKS; m++) {
			if (next[m] && next[m] < at)
				next[m] = strstr(at, marks[m]);
			if (next[m] && next[m] < end && (!hit || next[m] < hit))
				hit = next[m], hit_len = strlen(marks[m]);
		}
		if (!hit) {
			strbuf_add(&out, at, (size_t)(end - at));
			break;
		}
		strbuf_add(&out, at, (size_t)(hit - at) + hit_len);
		strbuf_add(&out, p.data, p.len);
		at = hit + hit_len;
	}
	strbuf_free(&p);
	strbuf_free(svg);
	*svg = out;
}

/* Where the chart put what a reader must see whole, for the browser's tests:
 * a group of rectangles drawn in no colour, the box of each period's label
 * ("period-label") and of the latest value's ("latest-value"), and the text's
 * size in the chart's units (font-size), before the SVG's end. cairo writes
 * text as glyph outlines, which say nothing of where a label is. */
static void add_geometry(struct strbuf *svg, const struct kpi *k, const struct chart_style *st,
			 double w, double h)
{
	struct chart_geometry g;
	const char *end = svg->data ? strstr(svg->data, "</svg>") : NULL;
	if (!end || !chart_geometry(k, st, 0, 0, w, h, &g))
		return;
	struct strbuf boxes = { 0 };
	strbuf_printf(&boxes, "<g id=\"geometry\" fill=\"none\" stroke=\"none\" font-size=\"%g\">\n",
		      st->font_size);
	for (size_t i = 0; i < g.n_periods; i++)
		if (chart_period_labelled(&g, i))
			strbuf_printf(&boxes, "<rect class=\"period-label\" x=\"%.2f\" y=\"%.2f\" "
				      "width=\"%.2f\" height=\"%.2f\"/>\n",
				      chart_period_x(&g, i) - g.slot_w / 2, g.label_y, g.slot_w,
				      g.label_h);
	if (g.value_w > 0)
		strbuf_printf(&boxes, "<rect class=\"latest-value\" x=\"%.2f\" y=\"%.2f\" "
			      "width=\"%.2f\" height=\"%.2f\"/>\n", g.value_x, g.value_y, g.value_w,
			      g.value_h);
	strbuf_adds(&boxes, "</g>\n");
	struct strbuf out = { 0 };
	strbuf_add(&out, svg->data, (size_t)(end - svg->data));
	strbuf_add(&out, boxes.data, boxes.len);
	strbuf_adds(&out, end);
	strbuf_free(&boxes);
	strbuf_free(svg);
	*svg = out;
	chart_geometry_free(&g);
}

bool chart_svg(const struct kpi *k, const struct chart_style *st, double w, double h,
	       const char *id_prefix, struct strbuf *out)
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
	add_geometry(&raw, k, st, w, h);
	renumber_surfaces(&raw);
	if (id_prefix && *id_prefix)
		prefix_ids(&raw, id_prefix);
	strbuf_add(out, raw.data, raw.len);
	strbuf_free(&raw);
	return true;
}

void chart_draw_rag_bar(cairo_t *cr, const struct plan *p, const struct rating_counts *rc,
			const struct pdf_style *s, double x, double y, double w, double h)
{
	size_t total = 0;
	for (size_t i = 0; i < p->n_rating_order; i++)
		total += rc->counts[i];
	if (!total)
		return;
	struct chart_style st;
	chart_style_from_pdf(s, &st);
	double cx = x;
	for (size_t i = 0; i < p->n_rating_order; i++) {
		const struct rating *r = p->rating_order[i];
		size_t n = rc->counts[i];
		if (!n)
			continue;
		double seg = w * (double)n / (double)total;
		cairo_rectangle(cr, cx, y, seg, h);
		/* "Not rated" is a grey part of the bar, not the white of its cell */
		struct rgb fill = r->rag == RAG_NONE && !r->has_colour ?
				  (struct rgb){ 0.85, 0.86, 0.87 } : rating_fill(s, r);
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
				  r->rag == RAG_NONE && !r->has_colour ? s->text : rating_ink(s, r));
		cx += seg;
	}
	cairo_rectangle(cr, x, y, w, h);
	rgb(cr, s->text);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
}
