/* pdf_amend.h - what cairo 1.16 cannot write into a PDF, added after it has
 * finished by an incremental update (new objects, an xref section for them,
 * /Prev to cairo's), so not a byte of what cairo wrote moves: the catalog's
 * /MarkInfo (readers then see the PDF as tagged), /Lang and page labels, and
 * the alternative text of every figure's structure element. */
#ifndef PLANPRESS_PDF_AMEND_H
#define PLANPRESS_PDF_AMEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pdf_amendments {
	const char *lang;		/* "en-GB" */
	/* the alternative text of each /Figure structure element, in reading
	 * order (page by page, in the order painted) */
	char *const *figure_alts;
	size_t n_figures;
	/* the printed number of each page (0: not numbered): the page labels
	 * viewers show */
	const int *numbers;
	size_t n_pages;
};

/* Amends the PDF cairo finished writing to pdf (open for reading and
 * writing). False when the file cannot be read back as cairo writes it or
 * the update cannot be written. */
bool pdf_amend(FILE *pdf, const struct pdf_amendments *amend);

#endif
