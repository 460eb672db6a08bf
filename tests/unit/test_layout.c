/* Unit tests of the layout of flows too long to hold (layout_flow_bounded,
 * layout_flow_from): whatever the page budget, and however the flow is
 * parted between threads, the pages counted, their destinations and outline,
 * the pages kept and those laid out again are those of one whole layout. */
#include "content.h"
#include "layout.h"
#include "pdf.h"
#include "unit.h"

#include <stdlib.h>

static bool same_items(const struct page *a, const struct page *b)
{
	if (a->n != b->n || a->orientation != b->orientation)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];
		if (x->type != y->type || x->x != y->x || x->y != y->y || x->w != y->w ||
		    x->h != y->h || x->first != y->first || x->count != y->count ||
		    (x->layout == NULL) != (y->layout == NULL) ||
		    (x->text == NULL) != (y->text == NULL) || (x->text && strcmp(x->text, y->text)) ||
		    (x->layout && strcmp(pango_layout_get_text(x->layout),
					 pango_layout_get_text(y->layout))))
			return false;
	}
	return true;
}

/* The flow laid out with at most keep pages held, against whole. */
static void check_bounded(const char *name, const struct flow *f, const struct pdf_style *s,
			  PangoContext *context, const struct layout_result *whole, size_t keep)
{
	struct layout_result r = { 0 };
	struct layout_resume resume;
	layout_flow_bounded(f, s, context, keep, &r, &resume);
	bool ok = r.n_pages == whole->n_pages && r.n_dests == whole->n_dests &&
		  r.n_outline == whole->n_outline;
	for (size_t i = 0; ok && i < r.n_pages; i++)
		ok = r.pages[i].orientation == whole->pages[i].orientation;
	for (size_t i = 0; ok && i < r.n_dests; i++)
		ok = strcmp(r.dests[i].name, whole->dests[i].name) == 0 &&
		     r.dests[i].page == whole->dests[i].page;
	for (size_t i = 0; ok && i < r.n_outline; i++)
		ok = strcmp(r.outline[i].title, whole->outline[i].title) == 0 &&
		     r.outline[i].level == whole->outline[i].level &&
		     r.outline[i].page == whole->outline[i].page &&
		     r.outline[i].y == whole->outline[i].y;
	if (!ok)
		fprintf(stderr, "%s, keep %zu: %zu pages counted of %zu\n", name, keep, r.n_pages,
			whole->n_pages);
	CHECK(ok);
	/* held whole when short enough; else what is held is within the budget */
	CHECK((resume.block == f->n) == (whole->n_pages <= keep));
	CHECK(resume.block == f->n ? resume.page == whole->n_pages : resume.page <= keep);
	bool kept = true;
	for (size_t i = 0; i < resume.page && i < r.n_pages; i++)
		kept &= same_items(&r.pages[i], &whole->pages[i]);
	for (size_t i = resume.page; i < r.n_pages; i++)
		kept &= r.pages[i].n == 0;
	CHECK(kept);
	if (resume.block < f->n) {
		struct layout_result rest = { 0 };
		layout_flow_from(f, resume, s, context, &rest);
		bool again = rest.n_pages + resume.page == whole->n_pages;
		for (size_t i = 0; again && i < rest.n_pages; i++)
			again = same_items(&rest.pages[i], &whole->pages[resume.page + i]);
		if (!again)
			fprintf(stderr, "%s, keep %zu: laid out again from page %zu, not alike\n",
				name, keep, resume.page);
		CHECK(again);
		layout_free(&rest);
	}
	layout_free(&r);
}

static void check_flow(const char *name, const struct flow *f, const struct pdf_style *s,
		       PangoContext *context)
{
	struct layout_result whole = { 0 };
	layout_flow(f, s, context, &whole);
	size_t keeps[] = { 0, 1, 2, 3, 5, 8, whole.n_pages / 2, whole.n_pages - 1, whole.n_pages };
	for (size_t k = 0; k < sizeof keeps / sizeof *keeps; k++)
		check_bounded(name, f, s, context, &whole, keeps[k]);
	layout_free(&whole);
}

/* Breaks of both orientations, pages left blank before a break, a table with
 * no rows before breaks, and tables long enough to be parted. */
static void synthetic_flow(const struct pdf_style *s, struct flow *f)
{
	char text[200];
	f->first_orientation = PORTRAIT;
	for (int part = 0; part < 24; part++) {
		flow_add_page_break(f, part % 3 ? PORTRAIT : LANDSCAPE);
		snprintf(text, sizeof text, "Part %d", part);
		struct paragraph *h = paragraph_text(s, ROLE_H1, text);
		h->dest = xstrdup(text);
		h->bookmark = xstrdup(text);
		flow_add_paragraph(f, h);
		if (part % 4 == 1) {
			/* past the page foot: the next page starts blank */
			flow_add_space(f, 2000);
			continue;
		}
		if (part % 5 == 2) {
			/* on a page of its own, which then holds only its tags */
			double w[2] = { 100, 100 };
			flow_add_space(f, 2000);
			flow_add_table(f, table_new(2, w, 8));	/* no rows */
			flow_add_space(f, 10);
			continue;
		}
		double w[3] = { 60, 120, 200 };
		struct table *t = table_new(3, w, 8);
		for (int k = 0; k < 3; k++)
			cell_add(&t->header[k], paragraph_text(s, ROLE_P, "Head"));
		for (int r = 0; r < 12 + part * 3; r++) {
			struct cell *row = table_add_row(t);
			for (int k = 0; k < 3; k++) {
				snprintf(text, sizeof text, "Row %d cell %d of part %d, with words "
					 "enough to wrap over a line or two in a narrow column", r, k,
					 part);
				cell_add(&row[k], paragraph_text(s, ROLE_P, text));
			}
		}
		flow_add_table(f, t);
	}
}

int main(void)
{
	struct diags d = { 0 };
	struct content c;
	CHECK(content_load_all(&c, "content", &d));
	struct pdf_renderer *r = pdf_new(&c, "templates", &d);
	const struct pdf_style *s = pdf_style_of(r);
	for (size_t i = 0; i < c.n_docs; i++) {
		const struct document *doc = c.docs[i];
		if (!pdf_supports(doc))
			continue;
		struct flow f;
		struct pdf_meta meta;
		if (!pdf_document_flow(r, doc, &f, &meta))
			continue;
		check_flow(doc->file, &f, s, pdf_context_of(r));
		flow_free(&f);
	}
	struct flow f = { 0 };
	synthetic_flow(s, &f);
	check_flow("synthetic", &f, s, pdf_context_of(r));
	flow_free(&f);
	pdf_free(r);
	content_free(&c);
	diags_free(&d);
	return unit_summary();
}
