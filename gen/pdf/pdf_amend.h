/* pdf_amend.h - what cairo 1.16 cannot write into a PDF, or not without
 * holding it all until the document ends, added after it has finished by an
 * incremental update (new objects and new versions of some of cairo's, an
 * xref section for them, /Prev to cairo's), so not a byte of what cairo
 * wrote moves. It is what makes the PDF one of PDF/UA-1 (ISO 14289-1):
 *
 * - the catalog's /MarkInfo, /Lang, /ViewerPreferences /DisplayDocTitle,
 *   page labels and /Metadata, an XMP packet naming the title, language and
 *   pdfuaid:part 1;
 * - the structure tree, from the compact one the painter keeps (struct
 *   pdf_tree): cairo keeps every element it is given until the document
 *   ends, about 215 bytes each, 28 MB for a plan of 10,000 actions. The
 *   painter gives cairo no structure tags; before each run of content it
 *   paints a mark (PDF_MARK: a 1 pt square, all but transparent, where no
 *   page has content) and notes whose content follows. Here each page's
 *   content stream is rewritten: each mark is taken out, what follows it is
 *   wrapped in "/TD << /MCID n >> BDC ... EMC" when its element is a leaf,
 *   and everything else painted (stamps, rules, cell boxes, fills, arrows)
 *   in "/Artifact BMC ... EMC", the running header and footer in
 *   "/Artifact << /Type /Pagination /Subtype /Header >> BDC ... EMC";
 * - the StructTreeRoot, its ParentTree, each page's /StructParents, each
 *   /Figure's alternative text and each TH's attributes,
 *   /A << /O /Table /Scope ... >> and their spans;
 * - the link annotations, each with its words as /Contents and a /Link
 *   element holding it (cairo would put an empty marked content in each). */
#ifndef PLANPRESS_PDF_AMEND_H
#define PLANPRESS_PDF_AMEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* An element of the structure tree, as the painter keeps it, in 16 bytes
 * (its name apart, a byte: struct pdf_tree).
 * Its kids are not listed: they are the elements whose parent it is, which
 * follow it before end_elem, and the runs that are its, from first_run to
 * end_run, an element coming before the runs marked after it began
 * (pdf_amend.c). A list of kids cost a 10,000-action plan 4 MB. An element
 * with no element among its kids (end_elem is the next) is a leaf: its
 * content is tagged. */
struct pdf_elem {
	int parent;		/* -1: a child of the StructTreeRoot */
	int end_elem;		/* after its last descendant */
	int first_run, end_run;	/* the runs marked while it was open */
};

/* An element whose language is not the document's (a Span of English in a
 * Welsh document): kept beside the tree, few as they are. */
struct pdf_elem_lang {
	int elem;
	const char *lang;	/* its /Lang: "en-GB" */
};

/* The structure tree in the order painted. Each run of content (the content
 * after a mark up to the next) belongs to the element open when its mark was
 * painted, or to none: an artifact (PDF_RUN_ARTIFACT), the page's running
 * header or footer (a Pagination artifact, PDF 1.7's 14.8.2.2). */
enum { PDF_RUN_ARTIFACT = -1, PDF_RUN_HEADER = -2, PDF_RUN_FOOTER = -3 };

struct pdf_tree {
	struct pdf_elem *elems;
	size_t n_elems;
	/* each element's name ("P", "TD"), as the number of one of names;
	 * a name in each element was a third of the tree */
	const char *const *names;
	unsigned char *name_of;
	int *runs;		/* each run's element */
	size_t n_runs;
	struct pdf_elem_lang *langs;	/* in the order of their elements */
	size_t n_langs;
};

static inline const char *pdf_elem_name(const struct pdf_tree *t, int e)
{
	return t->names[t->name_of[e]];
}

/* Whether element e is a leaf (struct pdf_elem). */
static inline bool pdf_elem_leaf(const struct pdf_tree *t, int e)
{
	return t->elems[e].end_elem == e + 1;
}

/* The mark painted before each run: a rectangle no content of planpress's
 * has (its pages have margins), filled at alpha 1/255. */
#define PDF_MARK_X 1.0
#define PDF_MARK_Y 1.0
#define PDF_MARK_SIZE 1.0

/* A link, its rectangle in the PDF's own coordinates (from the page's foot). */
struct pdf_link {
	int elem;		/* its Link element in the tree */
	size_t page;		/* its page's index */
	double x1, y1, x2, y2;
	char *target;		/* "#name" of a destination, or a URI as written */
	char *words;		/* what it says, for its /Contents; NULL: "Link" */
};

struct pdf_amendments {
	const char *lang;		/* "en-GB" */
	/* the document's metadata, for the XMP packet (the Info dictionary
	 * cairo writes says the same) */
	const char *title, *author, *subject, *keywords;
	const char *date_iso;		/* "2019-01-31" */
	/* the structure tree; NULL: none (a PDF cairo tagged itself) */
	const struct pdf_tree *tree;
	/* the alternative text of each /Figure element, in the tree's order */
	char *const *figure_alts;
	size_t n_figures;
	/* each link, in the order of the tree's /Link elements */
	const struct pdf_link *links;
	size_t n_links;
	/* the attributes of each TH, in the tree's order: its scope, and a
	 * span when it has one ("Column", "Row", "Column ColSpan 3") */
	char *const *header_attrs;
	size_t n_headers;
	/* the printed number of each page (0: not numbered): the page labels
	 * viewers show */
	const int *numbers;
	size_t n_pages;
};

/* Amends the PDF cairo finished writing to pdf (open for reading and
 * writing). False when the file cannot be read back as cairo writes it, its
 * marks are not the tree's runs, the tree's figures, links or header cells
 * are not those given, or the update cannot be written. */
bool pdf_amend(FILE *pdf, const struct pdf_amendments *amend);

#endif
