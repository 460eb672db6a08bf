/* pack.h - a meeting's agenda pack: the summons, the agenda with page ranges
 * taken from this very pack, then each item's papers, first pages stamped
 * "Agenda Item N", numbered "Page 1, 2 ..." from the first paper on. */
#ifndef PLANPRESS_PACK_H
#define PLANPRESS_PACK_H

#include "pdf.h"

struct pack_item_pages {
	long number;
	int first, last;	/* printed page numbers; 0 when the item has no pages */
};

/* full: the members' pack with exempt papers; otherwise the public pack, where
 * an exempt item carries a notice in place of its papers. ranges (may be NULL)
 * receives each item's pages, in agenda order. */
bool pack_render(struct pdf_renderer *r, const struct document *meeting, bool full,
		 FILE *out, struct pack_item_pages *ranges);

#endif
