/* pdf_style.h - the PDF reports' look (fonts, sizes, margins, colours, column
 * widths) read from templates/pdf/style.yaml, so a council changes it without
 * recompiling. Lengths are held in points. */
#ifndef PLANPRESS_PDF_STYLE_H
#define PLANPRESS_PDF_STYLE_H

#include "diag.h"
#include "model.h"

struct rgb {
	double r, g, b;
};

struct pdf_style {
	char body_font[64], heading_font[64];
	double size_body, size_small, size_table, size_title, size_h1, size_h2, size_h3;
	double margin_top, margin_bottom, margin_left, margin_right, header_gap, footer_gap;
	double logo_height;	/* the site's logo on covers and summonses */
	struct rgb text, muted, rule, brand, table_header, draft;
	struct rgb rag_fill[RAG_COUNT], rag_text[RAG_COUNT];
	double column_weight[COL_COUNT];
};

/* Defaults, then the file's values; false (with diagnostics) on a bad file. */
bool pdf_style_load(struct pdf_style *s, const char *path, struct diags *diags);
void pdf_style_defaults(struct pdf_style *s);
bool parse_colour(const char *text, struct rgb *out);
/* WCAG 2.1 contrast ratio of two colours, 1 to 21. */
double colour_contrast(struct rgb a, struct rgb b);
/* The colour to write text in on background: white or near-black (#0b0c0c),
 * whichever contrasts more, or black when neither reaches 4.5:1 (a mid grey;
 * black always does). As "#rrggbb". */
const char *text_colour_on(struct rgb background);

#endif
