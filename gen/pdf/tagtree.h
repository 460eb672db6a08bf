/* tagtree.h - the structure tree as the painter makes it (struct pdf_tree,
 * pdf_amend.h). cairo is given no structure tags: it would keep every
 * element until the document ends, about 215 bytes each (28 MB for a plan
 * of 10,000 actions). Elements begin and end as the display list says;
 * before each run of content a mark is painted and the run noted as the
 * open element's, which pdf_amend turns into marked content. While painting
 * only what was said is kept, a byte or two each (0.6 MB for that plan,
 * where the tree is 4 MB): the tree is made of it once the pages and their
 * flow are freed (tagger_tree). The links are kept here too, for pdf_amend
 * to write. */
#ifndef PLANPRESS_TAGTREE_H
#define PLANPRESS_TAGTREE_H

#include "pdf_amend.h"
#include "util.h"

#include <cairo.h>
#include <stdbool.h>

/* Some of what the painter said, kept apart (struct tagger). */
struct said_piece {
	const char *bytes;
	size_t len;
};

/* An element open: its index and name. */
struct tagger_open {
	int elem;
	const char *name;
};

struct tagger {
	/* what the painter said of elements and runs, in order (tagtree.c):
	 * the last of it in said, the rest in pieces of said_kept's, in the
	 * spill file while it can be had (spill.h: read once, at the end) */
	struct strbuf said;
	struct arena said_kept;
	struct said_piece *pieces;
	size_t n_pieces;
	const char **names;	/* the elements' names, each once */
	size_t n_names;
	size_t n_elems, n_runs;
	struct tagger_open *open;	/* innermost last */
	size_t depth, most_depth;
	int marked;		/* the element of the page's last run (-1: none) */
	bool unbalanced;	/* an end that was not the open element's */
	/* made by tagger_tree of what was said (elems set once it is), but
	 * for langs, kept as said */
	struct pdf_tree tree;
	struct pdf_link *links;
	size_t n_links;
	/* what pdf_amend writes of elements cairo cannot, in the tree's
	 * order: each Figure's alternative text, each TH's attributes */
	char **figure_alts;
	size_t n_figure_alts;
	char **header_attrs;
	size_t n_header_attrs;
};

/* A new element, a kid of the open one, not opened (a Link); its index. */
int tagger_element(struct tagger *g, const char *name);
/* An element begun, a kid of the open one; name is a constant, lang its
 * /Lang when not the document's (NULL). */
void tagger_begin(struct tagger *g, const char *name, const char *lang);
/* The Figure last begun says alt (copied; NULL: nothing). */
void tagger_figure_alt(struct tagger *g, const char *alt);
/* A TH begun, with attrs (copied): "Column", "Row", "Column ColSpan 3". */
void tagger_begin_header(struct tagger *g, const char *attrs);
/* The open element ended; unbalanced is set when it is not name. */
void tagger_end(struct tagger *g, const char *name);
/* A run of element's content begins (or of an artifact's, PDF_RUN_*): its
 * mark painted. */
void tagger_mark(cairo_t *cr, struct tagger *g, int element);
/* What cr paints next is the open element's content (g NULL: no tags). */
void tagger_content_follows(cairo_t *cr, struct tagger *g);
/* A link on page (index), its rectangle in the PDF's coordinates; target
 * and words are copied. */
void tagger_link(struct tagger *g, size_t page, double x1, double y1, double x2, double y2,
		 const char *target, const char *words);
/* The tree of all that was said (made once; what was said is then let go). */
const struct pdf_tree *tagger_tree(struct tagger *g);
void tagger_free(struct tagger *g);

#endif
