/* layout.h - breaks a flow into pages: a display list of positioned items per
 * page, made entirely before anything is painted, so that "Page N of M",
 * bookmarks, links and agenda page ranges are known when painting starts.
 *
 * Tables repeat their header row on every page they span, and place it only
 * with a row (or a row's first lines) under it; a short table, and a row that
 * does not fit, move whole when short, and a tall row splits between lines of
 * text, never just after a heading inside a cell where it can turn before it;
 * headings and captions never stand alone at a page foot: they go to the
 * next page unless what they are kept with can begin under them; paragraphs
 * leave no single line behind or ahead (orphans and widows) where they can. */
#ifndef PLANPRESS_LAYOUT_H
#define PLANPRESS_LAYOUT_H

#include "flow.h"
#include "pdf_style.h"

#include <pango/pango.h>

#define A4_SHORT 595.2755905511812	/* 210 mm in points */
#define A4_LONG 841.8897637795276	/* 297 mm */

enum item_type {
	ITEM_LINES,		/* lines [first, first + count) of a laid-out paragraph */
	ITEM_RECT,		/* a filled and/or stroked rectangle */
	ITEM_LINK,		/* a clickable area */
	ITEM_DEST,		/* a named place that links point at */
	ITEM_TAG_BEGIN,		/* structure tags for tagged PDF: P, H1, Table ... */
	ITEM_TAG_END,
	ITEM_FIGURE,
	ITEM_PAGE_REF,		/* the printed number of the page a destination is on,
				 * right-aligned at x; line_width holds the font size */
	ITEM_MARKER,		/* an arrow in the box: first holds its para_marker */
};

struct item {
	enum item_type type;
	double x, y, w, h;	/* ITEM_LINES: x, y of the layout's origin */
	PangoLayout *layout;
	int first, count;
	struct rgb colour, fill;
	bool has_fill, has_stroke;
	double line_width;
	const char *text;	/* link target, destination name, tag name */
	const char *lang;	/* a Span's: its words' language, when not the
				 * document's (the paragraph's rich_lang) */
	bool owns_text;		/* text is the item's own copy */
	char *alt;		/* owned: a link's words, said for it in the PDF; a
				 * TH's attributes ("Column", "Row", "Column
				 * ColSpan 3"), which cairo cannot write */
	struct figure *figure;
};

struct page {
	enum orientation orientation;
	double width, height;
	struct item *items;
	size_t n, cap;
	char *stamp;		/* e.g. "Agenda Item 6", on the page's top right */
	bool draft;		/* marked DRAFT though the whole document is not (a draft
				 * plan inside an agenda pack) */
	int number;		/* printed page number; 0: not numbered */
	int number_last;	/* a public pack's notice stands for the pages the
				 * withheld papers take in the members' pack, so both
				 * packs number alike: its last number, or 0 */
	/* an exempt paper's page in the members' pack: why it is exempt
	 * ("Paragraph 3 of Schedule 12A"), printed in its header; else NULL */
	const char *not_for_publication;
};

struct outline_entry {
	char *title;
	int level;		/* 1 = top */
	size_t page;		/* index into pages */
	double y;
};

struct dest_entry {
	const char *name;	/* in the result's strings */
	size_t page;		/* index into pages */
};

/* A document may have at most this many pages in print (a plan of 10,000
 * actions has 2,775; an agenda pack a few hundred): past it, layout stops
 * and the document is refused. A guard against content that runs away, not
 * a length councils meet. */
#define LAYOUT_MAX_PAGES 10000

struct layout_result;

/* Called when a page is complete: it may paint it and release it, so that a
 * document of thousands of pages never holds them all. */
typedef void (*page_done_fn)(struct layout_result *r, size_t page, void *ctx);

struct layout_result {
	struct page *pages;
	size_t n_pages, cap_pages;
	page_done_fn page_done;
	void *page_done_ctx;
	size_t pages_done;	/* pages already handed to page_done */
	struct outline_entry *outline;
	size_t n_outline, cap_outline;
	char **strings;		/* owned: outline titles, stamps */
	size_t n_strings, cap_strings;
	struct dest_entry *dests;	/* every named destination, for page references */
	size_t n_dests, cap_dests;
	bool too_many_pages;	/* past LAYOUT_MAX_PAGES: laid out no further, and
				 * not to be painted */
};

/* The last printed number a page stands for: its own, or a notice's last. */
int layout_page_last_number(const struct page *page);

/* The printed number of the page the destination is on; 0 when there is none
 * (no such destination, or an unnumbered page). */
int layout_page_number_of(const struct layout_result *r, const char *dest);

/* The body box of a page of this orientation (inside margins, header, footer). */
void layout_body_box(const struct pdf_style *s, enum orientation o, double *x, double *y,
		     double *w, double *h);

/* Appends the flow's pages to result (a pack lays out several documents into
 * one result). context must use 72 dpi so that one unit is one point. */
void layout_flow(const struct flow *flow, const struct pdf_style *style, PangoContext *context,
		 struct layout_result *result);

/* Where a second layout of a flow too long to hold begins: at block `block`
 * (a forced page break, or 0), which starts page index `page`. */
struct layout_resume {
	size_t block, page;
};

/* Lays out a flow holding at most `keep` pages at a time, into an empty
 * result. A flow of up to `keep` pages is laid out whole (resume->block is
 * flow->n). A longer one keeps its pages up to the last forced page break
 * within the first `keep` pages (pages [0, resume->page)); every later page
 * is released as it completes, keeping only its size, and the outline and
 * destinations of every page: enough to number pages and print "of M" and
 * the contents. The flow's forced page breaks part the rest into runs that
 * lay out alike wherever laid out, so runs are counted at once on the other
 * cores, each thread with a Pango context of its own; the caller's context
 * is used on the calling thread only. Tables' widths in characters are made
 * points here, as by layout_flow. */
void layout_flow_bounded(const struct flow *flow, const struct pdf_style *style,
			 PangoContext *context, size_t keep, struct layout_result *result,
			 struct layout_resume *resume);

/* The pages of the flow from a resume point on, laid out into an empty result
 * (index 0 being page resume.page of the whole flow) as layout_flow lays them
 * out in the whole flow. */
void layout_flow_from(const struct flow *flow, struct layout_resume resume,
		      const struct pdf_style *style, PangoContext *context,
		      struct layout_result *result);

/* The cores the process may run on (as taskset or a container allows). */
size_t layout_cores(void);
/* At most n threads besides the calling one count a long flow's pages (a
 * build's worker processes take every core already). */
void layout_limit_threads(size_t n);

/* A Pango context with metrics that do not depend on the screen. */
PangoContext *layout_context_new(void);

/* For packs: an outline entry, a named destination at the top of a page, and
 * a stamp ("Agenda Item 6") on a page laid out already. */
void layout_add_outline(struct layout_result *r, const char *title, int level, size_t page,
			double y);
void layout_add_dest(struct layout_result *r, size_t page, const char *name);
void layout_set_stamp(struct layout_result *r, size_t page, const char *stamp);

/* Frees a page's items (and the layouts only they held); the page itself
 * stays, with its size, number and stamp. */
void layout_release_page(struct page *page);

/* Gives a page laid out again (layout_flow_from) what was set on the page
 * counted in its place after that was released: its number, stamp and
 * marks, and the destinations put at its top (layout_add_dest), which move
 * from counted to again. */
void layout_restore_page(struct page *again, struct page *counted);

/* Moves every page, outline entry and owned object of from to the end of
 * into; from is left empty. */
void layout_merge(struct layout_result *into, struct layout_result *from);

void layout_free(struct layout_result *r);

#endif
