/* pdf_amend.h - what cairo 1.16 cannot write into a PDF, added after it has
 * finished by an incremental update (new objects and new versions of some of
 * cairo's, an xref section for them, /Prev to cairo's), so not a byte of what
 * cairo wrote moves. It is what makes the PDF one of PDF/UA-1 (ISO 14289-1):
 *
 * - the catalog's /MarkInfo, /Lang, /ViewerPreferences /DisplayDocTitle,
 *   page labels and /Metadata, an XMP packet naming the title, language and
 *   pdfuaid:part 1;
 * - every page's /Tabs /S, and its content stream with whatever cairo painted
 *   outside the structure tree (running headers and footers, stamps, rules,
 *   cell boxes, fills, arrows: whatever is drawn outside a leaf structure
 *   element) marked as an /Artifact;
 * - the alternative text of every /Figure structure element;
 * - table header cells' attributes, /A << /O /Table /Scope ... >> and their
 *   spans (cairo writes no attributes);
 * - each link annotation's /Contents, its words. */
#ifndef PLANPRESS_PDF_AMEND_H
#define PLANPRESS_PDF_AMEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct strbuf;

struct pdf_amendments {
	const char *lang;		/* "en-GB" */
	/* the document's metadata, for the XMP packet (the Info dictionary
	 * cairo writes says the same) */
	const char *title, *author, *subject, *keywords;
	const char *date_iso;		/* "2019-01-31" */
	/* the alternative text of each /Figure structure element, in the
	 * order painted */
	char *const *figure_alts;
	size_t n_figures;
	/* the words of each link, in the order painted */
	char *const *link_texts;
	size_t n_links;
	/* the attributes of each TH, in the order painted: its scope, and a
	 * span when it has one ("Column", "Row", "Column ColSpan 3") */
	char *const *header_attrs;
	size_t n_headers;
	/* the printed number of each page (0: not numbered): the page labels
	 * viewers show */
	const int *numbers;
	size_t n_pages;
};

/* Amends the PDF cairo finished writing to pdf (open for reading and
 * writing). False when the file cannot be read back as cairo writes it, it
 * holds figures or links the caller did not say, or the update cannot be
 * written. */
bool pdf_amend(FILE *pdf, const struct pdf_amendments *amend);

/* The content stream in (n bytes, uncompressed) with every painting operator
 * outside marked content that has an MCID wrapped in "/Artifact BMC ... EMC",
 * each run of them at once, appended to out. Exposed for the unit tests. */
void pdf_mark_artifacts(const unsigned char *in, size_t n, struct strbuf *out);

#endif
