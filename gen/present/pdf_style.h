/* pdf_style.h - the PDF reports' look (fonts, sizes, margins, colours, column
 * widths) read from templates/pdf/style.yaml, so a council changes it without
 * recompiling. Lengths are held in points. */
#ifndef PLANPRESS_PDF_STYLE_H
#define PLANPRESS_PDF_STYLE_H

#include "colour.h"
#include "diag.h"
#include "model.h"

struct pdf_style {
	char body_font[64], heading_font[64];
	double size_body, size_small, size_table, size_title, size_h1, size_h2, size_h3;
	double margin_top, margin_bottom, margin_left, margin_right, header_gap, footer_gap;
	double logo_height;	/* the site's logo on covers and summonses */
	struct rgb text, muted, rule, brand, table_header, draft;
	struct rgb rag_fill[RAG_COUNT], rag_text[RAG_COUNT];
	double column_weight[COL_COUNT];
};

/* A rating's cell: its own colour, else its rag's; and the colour of the
 * word printed on it. */
struct rgb rating_fill(const struct pdf_style *s, const struct rating *r);
struct rgb rating_ink(const struct pdf_style *s, const struct rating *r);

/* Defaults, then the file's values; false (with diagnostics) on a bad file. */
bool pdf_style_load(struct pdf_style *s, const char *path, struct diags *diags);
void pdf_style_defaults(struct pdf_style *s);

#endif
