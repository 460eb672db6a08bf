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

enum { CHART_MAX_SERIES = 8, CHART_MAX_PERIODS = 40 };

enum series_kind { SERIES_VALUE, SERIES_TARGET, SERIES_COMPARATOR };

struct chart_series {
	const char *name;
	enum series_kind kind;
	const number_list *values;
	/* where each value's point is (valid where the value is known) */
	double px[CHART_MAX_PERIODS], py[CHART_MAX_PERIODS];
};

struct chart_geometry {
	double x, y, w, h;		/* the whole chart */
	double plot_x, plot_y, plot_w, plot_h;
	double min, max, step;		/* the value axis */
	int n_ticks;
	size_t n_periods;
	double period_x[CHART_MAX_PERIODS];	/* centre of each period's slot */
	double slot_w;
	double label_y;			/* top of the period labels */
	double legend_y;
	struct chart_series series[CHART_MAX_SERIES];
	size_t n_series;
	bool bars;
};

struct chart_style {
	const char *font;
	double font_size;
	struct rgb text, muted, grid, brand;
};

void chart_style_from_pdf(const struct pdf_style *s, struct chart_style *out);

/* Where everything goes for a KPI chart in the box, with text of font_size;
 * false when the KPI has no periods. */
bool chart_geometry(const struct kpi *k, double x, double y, double w, double h,
		    double font_size, struct chart_geometry *g);

/* Draws the KPI's chart in the box. */
void chart_draw_kpi(cairo_t *cr, const struct kpi *k, const struct chart_style *style,
		    double x, double y, double w, double h);

/* The chart as an SVG document (deterministic: the same KPI, the same bytes). */
bool chart_svg(const struct kpi *k, const struct chart_style *style, double w, double h,
	       struct strbuf *out);

/* A stacked bar of RAG counts with the counts written in it. */
void chart_draw_rag_bar(cairo_t *cr, const size_t counts[RAG_COUNT], const struct pdf_style *s,
			double x, double y, double w, double h);

/* The value-axis scale for data from lo to hi: a "nice" step and bounds. */
void chart_scale(double lo, double hi, double *min, double *max, double *step, int *n_ticks);

#endif
