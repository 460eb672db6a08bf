/* bare.c - the floor planpress's PDF speed is measured against: a plain
 * pango/cairo program that lays out the same texts (the nine cells of each
 * action table row, and a header row on each page) on landscape A4 pages and
 * writes a PDF, with none of planpress's work (YAML, checking, markdown,
 * borders, RAG fills, tags, links, bookmarks).
 * Usage: bare TEXTS.txt OUT.pdf */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	FILE *f = fopen(argv[1], "r");
	if (!f)
		return 1;
	double w = 841.89, h = 595.28, margin = 51, y = margin;
	enum { COLS = 9 };
	static const double widths[COLS] = { 28, 120, 100, 40, 70, 45, 200, 40, 45 };
	static const char *const heads[COLS] = { "Ref", "Action", "Expected outcome",
		"Impact measure", "Lead", "Due", "Progress to date", "Progress RAG", "Status" };
	cairo_surface_t *s = cairo_pdf_surface_create(argv[2], w, h);
	cairo_t *cr = cairo_create(s);
	PangoFontMap *map = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
	PangoContext *ctx = pango_font_map_create_context(map);
	cairo_font_options_t *o = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, o);
	PangoFontDescription *fd = pango_font_description_from_string("Liberation Sans 8.5");
	char line[65536];
	int page = 1, col = 0;
	double row_h = 0;
	PangoLayout *row[COLS] = { 0 };
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		PangoLayout *l = pango_layout_new(ctx);
		pango_layout_set_font_description(l, fd);
		pango_layout_set_width(l, (int)(widths[col] * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_text(l, line, -1);
		int lw, lh;
		pango_layout_get_size(l, &lw, &lh);
		if (lh / (double)PANGO_SCALE > row_h)
			row_h = lh / (double)PANGO_SCALE;
		row[col++] = l;
		if (col < COLS)
			continue;
		if (y + row_h > h - margin) {
			char footer[32];
			snprintf(footer, sizeof footer, "Page %d", page++);
			cairo_move_to(cr, w - 100, h - 30);
			cairo_show_text(cr, footer);
			cairo_show_page(cr);
			y = margin;
		}
		if (y == margin) {	/* the header row, on every page */
			double x = margin, head_h = 0;
			for (int i = 0; i < COLS; i++) {
				PangoLayout *hl = pango_layout_new(ctx);
				pango_layout_set_font_description(hl, fd);
				pango_layout_set_width(hl, (int)(widths[i] * PANGO_SCALE));
				pango_layout_set_text(hl, heads[i], -1);
				int hw, hh;
				pango_layout_get_size(hl, &hw, &hh);
				if (hh / (double)PANGO_SCALE > head_h)
					head_h = hh / (double)PANGO_SCALE;
				cairo_move_to(cr, x, y);
				pango_cairo_show_layout(cr, hl);
				x += widths[i] + 6;
				g_object_unref(hl);
			}
			y += head_h + 6;
		}
		double x = margin;
		for (int i = 0; i < COLS; i++) {
			cairo_move_to(cr, x, y);
			pango_cairo_show_layout(cr, row[i]);
			x += widths[i] + 6;
			g_object_unref(row[i]);
		}
		y += row_h + 6;
		row_h = 0;
		col = 0;
	}
	cairo_show_page(cr);
	fclose(f);
	pango_font_description_free(fd);
	g_object_unref(ctx);
	g_object_unref(map);
	cairo_font_options_destroy(o);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return 0;
}
