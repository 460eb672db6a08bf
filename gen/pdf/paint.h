/* paint.h - pages of positioned items painted onto cairo surfaces: the PDF (with
 * running header and footer, bookmarks, links, metadata and structure tags),
 * and PNG pages for previews and visual tests. */
#ifndef PLANPRESS_PAINT_H
#define PLANPRESS_PAINT_H

#include "layout.h"
#include "pdf_style.h"

#include <stdio.h>

struct pdf_meta {
	const char *title, *author, *subject, *keywords;
	const char *date_iso;		/* "2019-01-31": creation date, never the clock */
	const char *header_left;	/* organisation */
	const char *header_right;	/* title */
	bool draft;			/* DRAFT on every page */
	const char *footer_left;	/* version, status */
	int total_pages;		/* printed "of M"; 0: count the numbered pages;
				 * -1: no "of M" at all */
};

/* A PDF painted a page at a time, as its pages are laid out, and written to
 * out, a file opened for reading and writing (the tagging is added by
 * reading back cairo's cross-reference table): begin with every page of the
 * document numbered, paint each page when complete, close with the outline,
 * finish. numbers may be an earlier layout of the document, its pages
 * released but for their numbers: it gives the total ("of M", as meta says)
 * and the numbers page references (contents) print, and is read until the
 * painter closes. */
struct pdf_painter;
struct pdf_painter *pdf_painter_begin(const struct pdf_style *style, const struct pdf_meta *meta,
				      const struct layout_result *numbers, FILE *out);
void pdf_painter_page(struct pdf_painter *p, const struct page *page);
/* The last page shown, the outline (pages') added and cairo's PDF written.
 * The pages, and the flows painted, may be freed now: the structure tree
 * the finish makes is kept meanwhile in a sixth of its room (tagtree.h). */
void pdf_painter_close(struct pdf_painter *p, const struct layout_result *pages);
/* The closed PDF amended (pdf_amend.h) and the painter freed. Returns false
 * with a message in error (static text) when cairo or a write failed. */
bool pdf_painter_finish(struct pdf_painter *p, const char **error);

/* One page as a PNG file at the given resolution (dpi). */
bool paint_png(const struct layout_result *pages, size_t page, const struct pdf_style *style,
	       const struct pdf_meta *meta, double dpi, const char *path);

#endif
