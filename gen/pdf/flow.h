/* flow.h - a document as the PDF renderer sees it before pages exist: a flow of
 * blocks (paragraphs with rich text, tables, figures, page breaks). pdf.c makes
 * the flow from the model, layout.c breaks it into pages. */
#ifndef PLANPRESS_FLOW_H
#define PLANPRESS_FLOW_H

#include "markdown.h"
#include "pdf_style.h"
#include "util.h"

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>

/* A link inside a paragraph's text (byte range). */
struct rich_link {
	int start, end;
	char *target;		/* "https://..." or "#dest" for a place in the document */
};

/* A part of a paragraph's text in another language than the document's: a
 * text kept in the original's for want of a translation (model.h's
 * text_foreign_lang), its element says so (byte range). */
struct rich_lang {
	int start, end;
	const char *lang;	/* "en" */
};

/* Text with Pango attributes: never a markup string, so content cannot change
 * its own formatting beyond what markdown allows. */
struct rich {
	struct strbuf text;
	PangoAttrList *attrs;
	struct rich_link *links;
	size_t n_links, cap_links;
	size_t n_attrs;		/* attributes added: 0 means plain text */
	struct rich_lang *langs;	/* in order, none overlapping */
	size_t n_langs;
};

enum para_role { ROLE_P, ROLE_H1, ROLE_H2, ROLE_H3, ROLE_H4, ROLE_H5, ROLE_H6, ROLE_LI,
		 ROLE_TITLE, ROLE_CAPTION };

/* An arrow drawn (with cairo, not a glyph) before a paragraph's first line,
 * in its indent: a direction beside the word that says it, never alone. */
enum para_marker { MARKER_NONE, MARKER_UP, MARKER_DOWN, MARKER_SAME };

struct paragraph {
	struct rich rich;
	enum para_role role;	/* the PDF structure tag: P, H1, LI ... */
	const char *font;	/* family */
	double size;		/* points */
	bool bold;
	struct rgb colour;
	PangoAlignment align;
	double indent;		/* left indent, points */
	char *label;		/* bullet or number shown in the indent */
	double space_before, space_after;
	bool keep_with_next;	/* headings: never alone at a page foot, nor at
				 * the foot of a table cell's fragment */
	char *dest;		/* a named destination here (for links) */
	char *page_of;		/* contents entries: a destination whose printed page
				 * number is set at the right of the last line */
	char *bookmark;		/* outline entry text */
	int bookmark_level;	/* 1 = top */
	bool has_fill;
	struct rgb fill;	/* background (RAG cells) */
	bool whole_words;	/* break only between words, never inside one
				 * (figures; the caller leaves room for them) */
	enum para_marker marker;	/* drawn in the indent, beside the first line */
	int band;		/* in a banded cell: the line of its row it is on */
};

struct cell {
	struct paragraph **paras;
	size_t n;
	bool has_fill;
	struct rgb fill;
	bool header;		/* TH rather than TD: the header row's, a column's */
	bool row_header;	/* a TH of the body: its row's (an action's ref) */
	struct paragraph **repeat;	/* shown at the top of the cell on every
					 * later page its row runs on to (the ref
					 * and "(cont.)", a RAG word), so that the
					 * row can be told there, in print too */
	size_t n_repeat;
	/* A row of several lines (an action and its steps): a banded cell holds
	 * a part for each line (its paragraphs' `band`), and every banded cell
	 * of the row starts each line at the same height, a rule between, so
	 * that the lines read across; the row's other cells span them all. */
	int n_bands;		/* 0: not banded */
	struct rgb *band_fill;	/* each line's background (a rating's colour), */
	bool *band_has_fill;	/* where it has one; n_bands each, or NULL */
};
/* Makes c a banded cell of n lines; line `band` gets fill as background. */
void cell_band_fill(struct cell *c, int n_bands, int band, struct rgb fill);

/* Points of padding inside each side of a table cell: a column must be this
 * much wider than the text it holds. */
#define TABLE_CELL_PAD 3.0

/* A heading over several columns (the rating history's reviews): a header
 * row above the table's own, which the other columns' header cells reach up
 * through. */
struct header_group {
	size_t first, count;	/* the columns it heads */
	struct cell cell;
};

struct table;

/* Fills row r's n_cols cells (zeroed) from data: a table of rows made only
 * when the layout comes to them, and freed once placed, so that a plan of
 * 10,000 actions never holds its cells all at once. It is called again for
 * the same row (a long document is laid out once to count its pages, then
 * again as it is painted) and from several threads at once (each laying out
 * another part of the flow), so it reads data and the model, and writes
 * nothing but the cells. */
typedef void (*row_maker)(const struct table *t, size_t r, struct cell *cells, const void *data);

struct table {
	size_t n_cols;
	double *widths;		/* points */
	struct cell *header;	/* n_cols cells, repeated on every page */
	/* header is another table's, earlier in the flow (table_share_header):
	 * freed and changed (links, destinations) with that one */
	bool header_shared;
	struct header_group *groups;	/* in column order; at most one a column */
	size_t n_groups;
	struct cell **rows;	/* each n_cols cells; NULL when make_row makes them */
	size_t n_rows, cap_rows;
	double font_size;
	bool fit_width;		/* widths are in characters, made points (at most
				 * the frame's width) when first laid out */
	row_maker make_row;	/* rows made when needed (table_made_rows) */
	const void *row_data;
	size_t row_weight;	/* made rows: roughly their text, for cutting the
				 * flow into runs of like size */
	/* what flow_absolute_links and flow_prefix_destinations do to the
	 * rows they could not reach, done to each row as it is made */
	char *link_base;	/* "https://x.gov.uk/plans/", or NULL */
	size_t link_site_len;
	char *dest_prefix;	/* "paper-2-", or NULL */
};

/* A drawing (a chart) with its own size; draw() paints it into the box. */
struct figure {
	double width, height;
	void (*draw)(cairo_t *cr, double x, double y, double w, double h, void *data);
	void *data;
	char *alt;
};

/* BLOCK_NEED: start a new page unless `space` points are left, to keep a
 * group (a KPI's words and chart) together. */
enum block_type { BLOCK_PARAGRAPH, BLOCK_TABLE, BLOCK_FIGURE, BLOCK_PAGE_BREAK, BLOCK_SPACE,
		  BLOCK_NEED };
enum orientation { PORTRAIT, LANDSCAPE };

struct block {
	enum block_type type;
	struct paragraph *para;
	struct table *table;
	struct figure *figure;
	enum orientation orientation;	/* page break: the pages that follow */
	double space;
};

struct flow {
	struct block *blocks;
	size_t n, cap;
	enum orientation first_orientation;
};

/* Appends len bytes of text; a text of the model kept untranslated (all of
 * it) is marked in its language. */
void rich_add(struct rich *r, const char *text, size_t len, PangoAttribute **attrs, size_t n);
/* Marks where each of the n parts (texts of the model) kept untranslated
 * stands in the text ("Source: %s" made of its source), as the web page
 * marks them (text_next_foreign_part). */
void rich_mark_parts(struct rich *r, const char *const *parts, size_t n);
/* Marks all of the text as in lang (markdown kept untranslated, a line of
 * names all kept), whatever parts were marked. */
void rich_mark_all(struct rich *r, const char *lang);
void rich_free(struct rich *r);
/* Links the text from start to end (byte offsets) to the len bytes of target
 * ("https://...", or "#dest" for a place in the document). */
void rich_add_link(struct rich *r, int start, int end, const char *target, size_t len);

struct paragraph *paragraph_new(const struct pdf_style *s, enum para_role role);
void paragraph_free(struct paragraph *p);
/* Marks where each of the parts (texts of the model, NULL-ended, at most
 * PARAGRAPH_PARTS_MAX) stands in p's text, when it is kept untranslated (a
 * text made of them, "Source: %s"); p. */
#define PARAGRAPH_PARTS_MAX 8
struct paragraph *paragraph_mark_parts(struct paragraph *p, ...);
/* The language all of p's text is in, when not the document's: that of a
 * part (rich_lang) that is the whole text; else NULL. */
const char *paragraph_lang(const struct paragraph *p);
/* Plain text with no formatting of its own. */
struct paragraph *paragraph_text(const struct pdf_style *s, enum para_role role,
				 const char *text);

void flow_add_paragraph(struct flow *f, struct paragraph *p);
void flow_add_table(struct flow *f, struct table *t);
void flow_add_figure(struct flow *f, struct figure *fig);
void flow_add_page_break(struct flow *f, enum orientation next);
void flow_add_space(struct flow *f, double points);
void flow_add_need(struct flow *f, double points);
/* Puts p before block `at` (blocks from `at` on move one along). */
void flow_insert_paragraph(struct flow *f, size_t at, struct paragraph *p);
void flow_free(struct flow *f);
/* Puts prefix before every destination the flow names and every "#..." link
 * and page reference to one, so that several documents (the papers of an
 * agenda pack) can share one PDF without their "#contents" meeting. */
void flow_prefix_destinations(struct flow *f, const char *prefix);
/* Links that are paths inside the web site ("../meetings/x.html") made
 * absolute under the site's address and the folder of the document's page
 * ("plans"), so they work in a PDF read anywhere, not only beside the site. */
void flow_absolute_links(struct flow *f, const char *site_url, const char *folder);

/* Markdown into paragraphs (lists become indented paragraphs with labels),
 * appended to out; each takes the given role's font and size. */
void markdown_to_paragraphs(const struct markdown *md, const struct pdf_style *s, double size,
			    struct paragraph ***out, size_t *n);
/* The same appended to a flow, where a markdown table becomes a table. */
void markdown_to_flow(const struct markdown *md, const struct pdf_style *s, double size,
		      struct flow *flow);

struct table *table_new(size_t n_cols, const double *widths, double font_size);
/* t's header (its cells empty) made from's, which is earlier in the same
 * flow, has as many columns and outlives it: a plan's 500 tables of actions
 * head their columns alike, 3.7 KB a table. */
void table_share_header(struct table *t, const struct table *from);
struct cell *table_add_row(struct table *t);
/* The table's n_rows rows made by make_row from data when they are needed. */
void table_made_rows(struct table *t, size_t n_rows, row_maker make_row, const void *data,
		     size_t weight);
/* Row r's cells: held, or made now (then freed by table_row_done). */
struct cell *table_row(const struct table *t, size_t r);
void table_row_done(const struct table *t, struct cell *row);
/* A heading over columns [first, first + count), and its cell to fill. */
struct cell *table_add_group(struct table *t, size_t first, size_t count);
void table_free(struct table *t);
void cell_add(struct cell *c, struct paragraph *p);
void cell_add_repeat(struct cell *c, struct paragraph *p);

#endif
