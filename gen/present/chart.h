/* chart.h - KPI trend charts and RAG summary bars, drawn once with cairo for
 * every output: vector figures in the PDF, SVG files on the website. The
 * geometry (plot area, scale, where each point and label goes) is computed
 * apart from the drawing, so tests can check it without reading pixels. */
#ifndef PLANPRESS_CHART_H
#define PLANPRESS_CHART_H

#include "model.h"
#include "pdf_style.h"
#include "util.h"

#include <cairo.h>

enum series_kind { SERIES_VALUE, SERIES_TARGET, SERIES_COMPARATOR };

struct chart_series {
	const char *name;
	enum series_kind kind;
	const number_list *values;
	size_t style;		/* comparators: which colour, dash and marker */
	double legend_h;	/* height of its wrapped legend label */
};

/* Every period and every series is charted, however many there are. Every
 * period is labelled too: level (wrapped at spaces to two lines) when the
 * labels fit, else upright; only when even upright labels would overlap are
 * some left out, at a step as even as the count allows, the first and the
 * last always kept. */
struct chart_geometry {
	double x, y, w, h;		/* the whole chart */
	double font_size;		/* the style's, which the text was measured in */
	double plot_x, plot_y, plot_w, plot_h;
	double min, max, step;		/* the value axis */
	int n_ticks;
	int tick_decimals;		/* from the step, so each tick reads exactly */
	double tick_scale;		/* 1, or 1e6 / 1e9 for "£2.5m" / "£2.5bn" */
	double axis_w;			/* the widest tick label and its gap */
	size_t n_periods;
	double slot_w;
	size_t label_every;		/* the least step between labelled periods */
	size_t n_labels;		/* how many are labelled (n_periods: all) */
	double label_angle;		/* 0 (level) or 90 degrees (upright) */
	double label_w;			/* width a level label may wrap to */
	double label_line_h;		/* one line of a label */
	double label_y;			/* top of the period labels */
	double label_h;			/* from label_y to the legend */
	double legend_y;
	size_t legend_cols;
	struct chart_series *series;	/* n_series, allocated */
	size_t n_series;
	bool bars;
	/* a bar chart marks each period whose figure is not known "n/k" on its
	 * baseline (so that it never looks like a zero), and then its legend
	 * ends with a key that says what "n/k" means: the mark ("n/k") and
	 * "Not known", an entry after the series'. not_known_w and _h are the
	 * mark's size; key_* the key's box (sample and words), key_w 0 when
	 * the chart marks no period "n/k" and so has no key */
	bool not_known_key;
	double not_known_w, not_known_h;
	double key_x, key_y, key_w, key_h;
	double key_row_h;		/* the height of the key's legend row */
	double r_value, r_other;	/* marker radii: the council's, the comparators' */
	/* [series * n_periods + period]: how far a marker (and its line) is moved
	 * sideways from its period's centre so that it is not hidden under
	 * another series' marker of the same value (allocated) */
	double *marker_dx;
	/* the box of the latest value's label ("52%"), placed clear of every
	 * marker, bar and the plot's edges; w 0 when there is no latest value */
	double value_x, value_y, value_w, value_h;
};

struct chart_style {
	const char *font;
	double font_size;
	struct rgb text, muted, grid, brand;
	/* the council's own series in the legend, as its figures table names
	 * it (kpi_series_name()); NULL reads "This council" */
	const char *series_name;
	/* the layout for a narrow screen: fewer ticks (about three steps), the
	 * legend one entry a row; the text stays the size it is */
	bool narrow;
};

void chart_style_from_pdf(const struct pdf_style *s, struct chart_style *out);

/* Where everything goes for a KPI chart in the box, with the style's text
 * (measured); false when the KPI has no periods. chart_geometry_free() after. */
bool chart_geometry(const struct kpi *k, const struct chart_style *st, double x, double y,
		    double w, double h, struct chart_geometry *g);
void chart_geometry_free(struct chart_geometry *g);
double chart_period_x(const struct chart_geometry *g, size_t i);	/* slot centre */
double chart_value_y(const struct chart_geometry *g, double v);
/* Where series s's marker for period i is drawn: the period's centre, moved
 * aside when another series' marker would hide it. */
double chart_marker_x(const struct chart_geometry *g, size_t s, size_t i);
/* The box around series s's marker for period i (false if not drawn). */
bool chart_marker_box(const struct chart_geometry *g, size_t s, size_t i, double box[4]);
bool chart_period_labelled(const struct chart_geometry *g, size_t i);
/* The box of the "n/k" mark of period i in a bar chart (false if there is
 * none: a line chart, or a known figure). */
bool chart_not_known_box(const struct chart_geometry *g, size_t i, double box[4]);
/* The legend's entries: each series', then the key (see not_known_key). */
size_t chart_legend_entries(const struct chart_geometry *g);
/* A value-axis label: "-£2.50", "0.25%", "£2.5bn". */
const char *chart_tick_label(struct arena *a, const struct kpi *k, const struct chart_geometry *g,
			     double v);
/* The height a chart w wide needs to keep a plot as tall as in a chart of
 * base_h with a one-row legend: taller when its legend has more rows. */
double chart_height(const struct kpi *k, const struct chart_style *st, double w, double base_h);

/* Draws the KPI's chart in the box. */
void chart_draw_kpi(cairo_t *cr, const struct kpi *k, const struct chart_style *style,
		    double x, double y, double w, double h);

/* The chart as an SVG document (deterministic: the same KPI, the same bytes),
 * every id in it (and every reference to one) starting "<id_prefix>-", so
 * that no two charts share an id; the prefix is the file's stem. */
bool chart_svg(const struct kpi *k, const struct chart_style *style, double w, double h,
	       const char *id_prefix, struct strbuf *out);

/* A stacked bar of RAG counts with the counts written in it. */
void chart_draw_rag_bar(cairo_t *cr, const struct plan *p, const struct rating_counts *rc,
			const struct pdf_style *s,
			double x, double y, double w, double h);

/* The value-axis scale for data from lo to hi: a "nice" step and bounds,
 * the step never finer than the KPI's decimals allow (whole numbers for 0). */
void chart_scale(double lo, double hi, int decimals, double *min, double *max, double *step,
		 int *n_ticks);

#endif
