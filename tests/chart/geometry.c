/* geometry.c - where every KPI chart of a content folder is drawn, as the
 * renderers draw it, for the checks that read the drawing back
 * (tests/chart/check_drawn.py).
 *
 *     tests/chart/geometry CONTENT TEMPLATES > charts.json
 *
 * One JSON object per line, one per chart drawn: each plan's charts in its
 * PDF (the page and box layout gives the figure) and as SVG files of the site
 * (at 0, 0 in the file). Each says what chart.h decided (the plot box, the
 * value axis, the marker offsets, the box of the latest value's label) and
 * what the chart shows (every series' values, known or not); the checker
 * works out from these alone where each point must be drawn. */
#include "chart.h"
#include "content.h"
#include "html.h"
#include "layout.h"
#include "pdf.h"
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_string(const char *s)
{
	putchar('"');
	for (const unsigned char *c = (const unsigned char *)(s ? s : ""); *c; c++) {
		if (*c == '"' || *c == '\\')
			printf("\\%c", *c);
		else if (*c < 0x20)
			printf("\\u%04x", *c);
		else
			putchar(*c);
	}
	putchar('"');
}

static void json_box(const char *key, double x, double y, double w, double h)
{
	printf(", \"%s\": [%.4f, %.4f, %.4f, %.4f]", key, x, y, w, h);
}

static const char *kind_name(enum series_kind kind)
{
	return kind == SERIES_VALUE ? "value" : kind == SERIES_TARGET ? "target" : "comparator";
}

/* One chart: the KPI drawn with the style in the box. */
static void dump(const struct document *doc, const struct kpi *k, const struct chart_style *st,
		 const char *output, const char *file, size_t page, double x, double y, double w,
		 double h, const char *alt)
{
	struct chart_geometry g;
	if (!chart_geometry(k, st, x, y, w, h, &g))
		return;
	struct arena a;
	arena_init(&a);
	printf("{\"output\": \"%s\", \"file\": ", output);
	json_string(file);
	printf(", \"plan\": ");
	json_string(doc->as.plan->id);
	printf(", \"kpi\": ");
	json_string(k->id);
	printf(", \"title\": ");
	json_string(k->title);
	printf(", \"page\": %zu, \"alt\": ", page);
	json_string(alt);
	json_box("box", g.x, g.y, g.w, g.h);
	json_box("plot", g.plot_x, g.plot_y, g.plot_w, g.plot_h);
	printf(", \"font_size\": %.4f, \"min\": %.9g, \"max\": %.9g, \"step\": %.9g", g.font_size,
	       g.min, g.max, g.step);
	printf(", \"ticks\": [");
	for (int t = 0; t < g.n_ticks; t++) {
		printf(t ? ", " : "");
		json_string(chart_tick_label(&a, k, &g, g.min + g.step * t));
	}
	printf("], \"label_y\": %.4f, \"legend_y\": %.4f", g.label_y, g.legend_y);
	printf(", \"bars\": %s, \"single_target\": %s", g.bars ? "true" : "false",
	       k->single_target ? "true" : "false");
	printf(", \"periods\": [");
	for (size_t i = 0; i < g.n_periods; i++) {
		printf(i ? ", " : "");
		json_string(k->periods.at[i]);
	}
	printf("], \"series\": [");
	for (size_t s = 0; s < g.n_series; s++) {
		const struct chart_series *se = &g.series[s];
		printf(s ? ", {\"name\": " : "{\"name\": ");
		json_string(se->name);
		printf(", \"kind\": \"%s\", \"style\": %zu, \"values\": [", kind_name(se->kind),
		       se->style);
		for (size_t i = 0; i < g.n_periods; i++) {
			printf(i ? ", " : "");
			if (i < se->values->n && se->values->at[i].known)
				printf("%.9g", se->values->at[i].value);
			else
				printf("null");
		}
		printf("], \"dx\": [");
		for (size_t i = 0; i < g.n_periods; i++)
			printf("%s%.4f", i ? ", " : "", chart_marker_x(&g, s, i) - chart_period_x(&g, i));
		printf("], \"r\": %.4f}", se->kind == SERIES_VALUE ? g.r_value : g.r_other);
	}
	printf("], \"not_known\": [");
	for (size_t i = 0, n = 0; i < g.n_periods; i++) {
		double box[4];
		if (chart_not_known_box(&g, i, box))
			printf("%s[%.4f, %.4f, %.4f, %.4f]", n++ ? ", " : "", box[0], box[1],
			       box[2] - box[0], box[3] - box[1]);
	}
	printf("], \"latest\": %ld, \"value_label\": ", k->latest);
	if (k->latest >= 0 && g.value_w > 0)
		json_string(kpi_format_value(&a, k, k->values.at[k->latest]));
	else
		printf("null");
	json_box("value_box", g.value_x, g.value_y, g.value_w, g.value_h);
	printf("}\n");
	chart_geometry_free(&g);
	arena_free(&a);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s CONTENT TEMPLATES\n", argv[0]);
		return 2;
	}
	struct diags diags = { 0 };
	struct content content;
	content_load_all(&content, argv[1], &diags);
	struct pdf_renderer *pdf = pdf_new(&content, argv[2], &diags);
	struct html_renderer *html = html_new(&content, argv[2], &diags);
	if (diags_error_count(&diags, false)) {
		diags_print(&diags, stderr, false);
		return 1;
	}
	struct arena a;
	arena_init(&a);
	for (size_t d = 0; d < content.n_docs; d++) {
		const struct document *doc = content.docs[d];
		if (doc->kind != DOC_PLAN || doc->withheld)
			continue;
		const struct plan *p = doc->as.plan;
		/* in print: each figure that charts a KPI, where layout put it */
		struct flow flow = { 0 };
		struct layout_result pages;
		struct pdf_meta meta = { 0 };
		if (pdf_layout_document(pdf, doc, &flow, &pages, &meta)) {
			const char *file = html_page_path(&a, doc, "pdf");
			for (size_t n = 0; n < pages.n_pages; n++)
				for (size_t i = 0; i < pages.pages[n].n; i++) {
					const struct item *it = &pages.pages[n].items[i];
					struct chart_style st;
					const struct kpi *k = it->type == ITEM_FIGURE ?
						pdf_figure_kpi(it->figure, &st) : NULL;
					if (k)
						dump(doc, k, &st, "pdf", file, n + 1, it->x, it->y,
						     it->w, it->h, it->figure->alt);
				}
			layout_free(&pages);
		}
		flow_free(&flow);
		/* on the web: an SVG file for each KPI charted */
		for (size_t i = 0; i < p->kpis.n; i++) {
			const struct kpi *k = &p->kpis.at[i];
			if (k->chart == CHART_NONE || !k->periods.n)
				continue;
			struct chart_style st;
			double w, h;
			html_chart_style(html, p, k, &st, &w, &h);
			dump(doc, k, &st, "svg", arena_printf(&a, "assets/charts/%s-%s.svg", p->id, k->id),
			     0, 0, 0, w, h, NULL);
		}
	}
	arena_free(&a);
	html_free(html);
	pdf_free(pdf);
	content_free(&content);
	diags_free(&diags);
	return 0;
}
