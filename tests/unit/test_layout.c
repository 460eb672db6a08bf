/* Unit tests of the layout of flows too long to hold (layout_flow_bounded,
 * layout_flow_from): whatever the page budget, and however the flow is
 * parted between threads, the pages counted, their destinations and outline,
 * the pages kept and those laid out again are those of one whole layout. */
#include "content.h"
#include "layout.h"
#include "pdf.h"
#include "unit.h"

#include <math.h>
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

/* Row r of a synthetic table: three cells of wrapping words, the first with
 * a link to a place of its own name and a repeat; the same held or made. */
struct synthetic_rows {
	const struct pdf_style *s;
	int part;
};

static void synthetic_row(const struct table *t, size_t r, struct cell *row, const void *data)
{
	(void)t;
	const struct synthetic_rows *sr = data;
	char text[200];
	for (int k = 0; k < 3; k++) {
		snprintf(text, sizeof text, "Row %zu cell %d of part %d, with words "
			 "enough to wrap over a line or two in a narrow column", r, k, sr->part);
		struct paragraph *p = paragraph_text(sr->s, ROLE_P, text);
		if (k == 0) {
			char target[40];
			int len = snprintf(target, sizeof target, "#row-%d-%zu", sr->part, r);
			rich_add_link(&p->rich, 0, 3, target, (size_t)len);
			cell_add_repeat(&row[k], paragraph_text(sr->s, ROLE_P, "(cont.)"));
		}
		cell_add(&row[k], p);
	}
}

/* Breaks of both orientations, pages left blank before a break, a table with
 * no rows before breaks, and tables long enough to be parted; their rows held,
 * or made as the layout comes to them (rows, 24 of them, when made). */
static void synthetic_flow(const struct pdf_style *s, struct flow *f, struct synthetic_rows *rows)
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
		struct synthetic_rows *sr = rows ? &rows[part] : &(struct synthetic_rows){ 0 };
		*sr = (struct synthetic_rows){ s, part };
		size_t n_rows = 12 + (size_t)part * 3;
		if (rows)
			table_made_rows(t, n_rows, synthetic_row, sr, n_rows * 300);
		for (size_t r = 0; !rows && r < n_rows; r++)
			synthetic_row(t, r, table_add_row(t), sr);
		flow_add_table(f, t);
	}
}

/* Rows made as the layout comes to them lay out as the same rows held, in
 * one piece or bounded on several threads, their destinations and links
 * prefixed as a pack prefixes a paper's (twice: a prefix on a prefix). */
static void check_made_rows(const struct pdf_style *s, PangoContext *context, struct flow *held)
{
	struct synthetic_rows rows[24];
	struct flow made = { 0 };
	synthetic_flow(s, &made, rows);
	check_flow("made rows", &made, s, context);
	flow_prefix_destinations(held, "a-");
	flow_prefix_destinations(held, "b-");
	flow_prefix_destinations(&made, "a-");
	flow_prefix_destinations(&made, "b-");
	struct layout_result x = { 0 }, y = { 0 };
	layout_flow(held, s, context, &x);
	layout_flow(&made, s, context, &y);
	bool same = x.n_pages == y.n_pages && x.n_dests == y.n_dests;
	for (size_t i = 0; same && i < x.n_pages; i++)
		same = same_items(&x.pages[i], &y.pages[i]);
	for (size_t i = 0; same && i < x.n_dests; i++)
		same = strcmp(x.dests[i].name, y.dests[i].name) == 0;
	CHECK(same);
	bool prefixed = false;	/* made, then prefixed */
	for (size_t i = 0; i < y.n_pages; i++)
		for (size_t k = 0; k < y.pages[i].n; k++)
			prefixed |= y.pages[i].items[k].type == ITEM_LINK &&
				    strcmp(y.pages[i].items[k].text, "#b-a-row-8-20") == 0;
	CHECK(prefixed);
	layout_free(&x);
	layout_free(&y);
	flow_free(&made);
}

/* A paragraph of n narrow words, one a line in a column 60 points wide. */
static struct paragraph *lines_para(const struct pdf_style *s, const char *first, int n)
{
	char text[4096];
	size_t len = (size_t)snprintf(text, sizeof text, "%s", first);
	for (int i = 0; i < n && len + 10 < sizeof text; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, " wwwwwwww");
	struct paragraph *p = paragraph_text(s, ROLE_P, text);
	p->size = 8;
	p->space_after = 0;
	return p;
}

static struct paragraph *cell_heading(const struct pdf_style *s, const char *text)
{
	struct paragraph *h = paragraph_text(s, ROLE_P, text);
	h->size = 8, h->bold = true, h->space_after = 0;
	h->keep_with_next = true;
	return h;
}

/* Rows taller than a page whose second cell has a heading (or two kept
 * together) after a paragraph of 40 to 99 lines, so that the page turns at
 * every line around it, the row beginning at the top of a page or under a
 * space; and a heading whose text can never begin on a page under it. */
static void heading_flow(const struct pdf_style *s, struct flow *f, double giant)
{
	char text[40];
	double w[2] = { 60, 60 };
	f->first_orientation = PORTRAIT;
	for (int n = 40; n < 100; n++) {
		flow_add_page_break(f, PORTRAIT);
		if (n % 3)
			flow_add_space(f, 90 * (n % 3));
		struct table *t = table_new(2, w, 8);
		cell_add(&t->header[0], paragraph_text(s, ROLE_P, "Ref"));
		cell_add(&t->header[1], paragraph_text(s, ROLE_P, "Text"));
		struct cell *row = table_add_row(t);
		snprintf(text, sizeof text, "Row %d", n);
		cell_add(&row[0], paragraph_text(s, ROLE_P, text));
		cell_add_repeat(&row[0], paragraph_text(s, ROLE_P, "(cont.)"));
		cell_add(&row[1], lines_para(s, "before", n));
		cell_add(&row[1], cell_heading(s, "Head"));
		if (n % 2)
			cell_add(&row[1], cell_heading(s, "Sub"));
		cell_add(&row[1], lines_para(s, "after", 6));
		cell_add(&row[1], lines_para(s, "more", 30));
		flow_add_table(f, t);
	}
	/* one line taller than a page's body, after a heading */
	flow_add_page_break(f, PORTRAIT);
	struct table *t = table_new(2, w, 8);
	struct cell *row = table_add_row(t);
	cell_add(&row[0], paragraph_text(s, ROLE_P, "Giant"));
	cell_add(&row[1], lines_para(s, "before", 50));
	cell_add(&row[1], cell_heading(s, "Head"));
	struct paragraph *big = paragraph_text(s, ROLE_P, "X");
	big->size = giant;
	cell_add(&row[1], big);
	flow_add_table(f, t);
}

static bool text_is(const struct item *it, const char *prefix)
{
	return it->type == ITEM_LINES && it->layout &&
	       strncmp(pango_layout_get_text(it->layout), prefix, strlen(prefix)) == 0;
}

/* No page holds a cell's heading without the first lines of what it heads
 * (but where they are taller than a page), and every line is placed once. */
static void check_headings(const struct pdf_style *s, PangoContext *context)
{
	double x, y, w, h;
	layout_body_box(s, PORTRAIT, &x, &y, &w, &h);
	struct flow f = { 0 };
	heading_flow(s, &f, h);
	struct layout_result r = { 0 };
	layout_flow(&f, s, context, &r);
	int heads = 0, alone = 0, lines = 0, giant = 0, at_top = 0;
	for (size_t p = 0; p < r.n_pages; p++) {
		const struct page *pg = &r.pages[p];
		bool cont = false;
		for (size_t i = 0; i < pg->n; i++) {
			const struct item *it = &pg->items[i];
			if (text_is(it, "X"))
				giant++;
			if (text_is(it, "(cont.)"))
				cont = true;
			if (it->type == ITEM_LINES && (text_is(it, "before") || text_is(it, "after") ||
						       text_is(it, "more")))
				lines += it->count;
			if (!text_is(it, "Head") && !text_is(it, "Sub"))
				continue;
			heads++;
			/* the heading first in the cell on a continuation page */
			at_top += cont && i > 0 && !text_is(&pg->items[i - 1], "before") &&
				  !text_is(&pg->items[i - 1], "Head");
			bool followed = false;
			for (size_t k = i + 1; k < pg->n && !followed; k++)
				followed = text_is(&pg->items[k], "after") || text_is(&pg->items[k], "X");
			alone += !followed;
		}
	}
	int want_lines = 0, want_heads = 1;
	for (int n = 40; n < 100; n++)
		want_lines += (n + 1) + 7 + 31, want_heads += 1 + n % 2;
	want_lines += 51;
	if (alone != 1 || at_top == 0)
		fprintf(stderr, "headings: %d of %d at a fragment's foot (want 1: the giant's), "
			"%d moved to the top of a page\n", alone, heads, at_top);
	CHECK(heads == want_heads);
	CHECK(alone == 1);	/* the giant's heading, whose text never fits under it */
	CHECK(at_top > 0);	/* the page turned before a heading at least once */
	CHECK(giant == 1);
	CHECK(lines == want_lines);
	layout_free(&r);
	check_flow("headings", &f, s, context);
	flow_free(&f);
}

/* A flow of n pages: each a page break and a word. */
static void pages_flow(const struct pdf_style *s, struct flow *f, size_t n)
{
	f->first_orientation = PORTRAIT;
	for (size_t i = 0; i < n; i++) {
		flow_add_page_break(f, i % 2 ? LANDSCAPE : PORTRAIT);
		flow_add_paragraph(f, paragraph_text(s, ROLE_P, "x"));
	}
}

/* LAYOUT_MAX_PAGES pages are laid out; one more is refused, laid out whole
 * or counted on several threads. */
static void check_page_limit(const struct pdf_style *s, PangoContext *context)
{
	for (size_t extra = 0; extra <= 1; extra++) {
		struct flow f = { 0 };
		pages_flow(s, &f, LAYOUT_MAX_PAGES + extra);
		struct layout_result r = { 0 };
		layout_flow(&f, s, context, &r);
		CHECK(r.too_many_pages == (extra == 1));
		CHECK(extra ? r.n_pages == LAYOUT_MAX_PAGES + 1 : r.n_pages == LAYOUT_MAX_PAGES);
		layout_free(&r);
		struct layout_resume resume;
		layout_flow_bounded(&f, s, context, 400, &r, &resume);
		CHECK(r.too_many_pages == (extra == 1));
		if (!extra)
			CHECK(r.n_pages == LAYOUT_MAX_PAGES);
		layout_free(&r);
		flow_free(&f);
	}
	/* one table past the limit stops, however long it is */
	struct flow f = { 0 };
	double w[1] = { 200 };
	struct table *t = table_new(1, w, 8);
	for (size_t r = 0; r < LAYOUT_MAX_PAGES; r++) {	/* a page and more each */
		struct cell *row = table_add_row(t);
		for (int k = 0; k < 80; k++)
			cell_add(&row[0], paragraph_text(s, ROLE_P, "row"));
	}
	flow_add_table(&f, t);
	struct layout_result r = { 0 };
	layout_flow(&f, s, context, &r);
	CHECK(r.too_many_pages && r.n_pages == LAYOUT_MAX_PAGES + 1);
	layout_free(&r);
	flow_free(&f);
}

/* What a table repeats on every page (its header row, a split row's ref and
 * "(cont.)") takes a bounded share of each page: a ref and a heading taller
 * than a page end in pages in proportion to their text, each line of the
 * row's own text placed once (a ref of 4,400 digits took gigabytes). */
static void check_repeats(const struct pdf_style *s, PangoContext *context)
{
	double x, y, w, h;
	layout_body_box(s, LANDSCAPE, &x, &y, &w, &h);
	char *digits = xmalloc(20001);
	memset(digits, '1', 20000);
	digits[20000] = '\0';
	double widths[2] = { 40, 400 };
	for (int header_too = 0; header_too <= 1; header_too++) {
		struct flow f = { 0 };
		f.first_orientation = LANDSCAPE;
		struct table *t = table_new(2, widths, 8);
		cell_add(&t->header[0], paragraph_text(s, ROLE_P, header_too ? digits : "Ref"));
		cell_add(&t->header[1], paragraph_text(s, ROLE_P, "Action"));
		struct cell *row = table_add_row(t);
		cell_add(&row[0], paragraph_text(s, ROLE_P, digits));
		cell_add_repeat(&row[0], paragraph_text(s, ROLE_P, digits));
		cell_add(&row[1], lines_para(s, "text", 20));
		flow_add_table(&f, t);
		struct layout_result r = { 0 };
		layout_flow(&f, s, context, &r);
		/* the ref's lines, and at most a quarter of each page repeated */
		size_t repeated_lines = 0;
		for (size_t p = 0; p < r.n_pages; p++)
			for (size_t i = 0; i < r.pages[p].n; i++) {
				const struct item *it = &r.pages[p].items[i];
				if (it->type != ITEM_LINES || !text_is(it, "1111"))
					continue;
				repeated_lines += (size_t)it->count;
			}
		CHECK(!r.too_many_pages);
		CHECK(r.n_pages > 5 && r.n_pages < 400);
		CHECK(repeated_lines > 0);
		if (r.n_pages >= 400)
			fprintf(stderr, "repeats (header too: %d): %zu pages\n", header_too, r.n_pages);
		layout_free(&r);
		flow_free(&f);
	}
	free(digits);
}

/* A label (an agenda item's number) is printed whole on one line, inside the
 * margin: the indent widens to it. */
static void check_labels(const struct pdf_style *s, PangoContext *context)
{
	double x, y, w, h;
	layout_body_box(s, PORTRAIT, &x, &y, &w, &h);
	struct flow f = { 0 };
	f.first_orientation = PORTRAIT;
	struct paragraph *p = paragraph_text(s, ROLE_H3, "An item with a long number");
	p->label = xstrdup("9223372036854775807");
	p->indent = s->size_body * 3.2;
	flow_add_paragraph(&f, p);
	struct layout_result r = { 0 };
	layout_flow(&f, s, context, &r);
	bool whole = false, inside = true;
	for (size_t i = 0; r.n_pages && i < r.pages[0].n; i++) {
		const struct item *it = &r.pages[0].items[i];
		if (!text_is(it, "9223372036854775807"))
			continue;
		whole = pango_layout_get_line_count(it->layout) == 1;
		inside = it->x >= x - 0.01;
	}
	CHECK(whole);
	CHECK(inside);
	layout_free(&r);
	flow_free(&f);
}

/* The words an item of lines paints: its lines of its layout. */
static void add_painted(struct strbuf *out, const struct item *it)
{
	const char *text = pango_layout_get_text(it->layout);
	for (int i = it->first; i < it->first + it->count; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(it->layout, i);
		strbuf_add(out, text + line->start_index, (size_t)line->length);
	}
}

/* Parts kept in English are each marked where they stand: a role its
 * member's name holds ("Chair of Finance (Chair)") is not looked for inside
 * the name, whether the name is kept in English or (a person's name) is
 * not marked; parts named in another order than the text's are marked too.
 * The web page marks them alike (text_next_foreign_part). */
static void check_repeated_part(const struct pdf_style *s)
{
	static const char name[] = "Chair of Finance", role[] = "Chair";
	struct arena a;
	arena_init(&a);
	const char *line = arena_printf(&a, "%s (%s)", name, role);
	for (int name_kept = 0; name_kept < 2; name_kept++) {
		struct document doc = { 0 };
		const void *kept[] = { role, name };
		document_keep_foreign(&doc, kept, 1 + (size_t)name_kept, &a);
		struct document *docs[] = { &doc };
		foreign_texts_use(docs, 1, "en");
		struct paragraph *p = paragraph_mark_parts(paragraph_text(s, ROLE_P, line), name,
							   role, NULL);
		const struct rich_lang *l = p->rich.langs;
		size_t n = p->rich.n_langs;
		CHECK(n == 1 + (size_t)name_kept);
		if (name_kept)
			CHECK(n == 2 && l[0].start == 0 && l[0].end == 16);
		CHECK(n && l[n - 1].start == 18 && l[n - 1].end == 23);
		paragraph_free(p);
	}
	/* parts named in another order than the text's (a translation's
	 * words may put them so): each marked, the ranges in order */
	struct paragraph *q = paragraph_mark_parts(paragraph_text(s, ROLE_P,
		arena_printf(&a, "%s, %s", role, name)), name, role, NULL);
	CHECK(q->rich.n_langs == 2);
	CHECK(q->rich.n_langs == 2 && q->rich.langs[0].start == 0 && q->rich.langs[0].end == 5);
	CHECK(q->rich.n_langs == 2 && q->rich.langs[1].start == 7 && q->rich.langs[1].end == 23);
	paragraph_free(q);
	foreign_texts_use(NULL, 0, NULL);
	arena_free(&a);
}

/* A text kept in English in a Welsh document: all of a paragraph, a Span
 * in English around its lines; part of one ("Ffynhonnell: ..."), over two
 * lines, each line's English words a Span of their own, every word painted
 * once, where the line whole puts it. In the document's language: no Span. */
static void check_languages(const struct pdf_style *s, PangoContext *context)
{
	static const char source[] = "Annual school census and the pupil level annual school "
				     "census returns, as published by the Welsh Government each "
				     "spring for the previous January";
	struct arena a;
	arena_init(&a);
	struct document doc = { 0 };
	const void *kept[] = { source };
	document_keep_foreign(&doc, kept, 1, &a);
	struct document *docs[] = { &doc };
	for (int welsh = 0; welsh < 2; welsh++) {
		foreign_texts_use(welsh ? docs : NULL, 1, "en");
		char *composed = arena_printf(&a, "Ffynhonnell: %s.", source);
		struct flow f = { 0 };
		f.first_orientation = PORTRAIT;
		flow_add_paragraph(&f, paragraph_text(s, ROLE_P, source));
		struct paragraph *mixed = paragraph_text(s, ROLE_P, composed);
		mixed->label = xstrdup("3.");	/* a number, a Span's too */
		mixed->indent = s->size_body * 2;
		flow_add_paragraph(&f, paragraph_mark_parts(mixed, source, NULL));
		struct layout_result r = { 0 };
		layout_flow(&f, s, context, &r);
		struct strbuf painted = { 0 }, english = { 0 };
		int spans = 0, all_spans = 0, parts = 0;
		bool in_span = false, in_order = true, any_span = false, all_in_spans = true;
		double text_x = -1, last_x = 0, last_y = -1;
		for (size_t i = 0; r.n_pages && i < r.pages[0].n; i++) {
			const struct item *it = &r.pages[0].items[i];
			if (it->type == ITEM_TAG_BEGIN && strcmp(it->text, "Span") == 0) {
				CHECK(!it->lang || strcmp(it->lang, "en") == 0);
				spans += it->lang != NULL;
				all_spans++;
				in_span = it->lang != NULL;
				any_span = true;
			} else if (it->type == ITEM_TAG_END && strcmp(it->text, "Span") == 0) {
				in_span = any_span = false;
			} else if (it->type == ITEM_LINES) {
				/* a paragraph with Spans has all its words in them */
				all_in_spans &= any_span || !welsh;
				add_painted(&painted, it);
				if (in_span)
					add_painted(&english, it);
				if (text_x < 0)
					text_x = it->x + s->size_body * 2;	/* the first
							 * paragraph's, whole; the second's indent */
				bool part = pango_layout_get_line_count(it->layout) == 1 &&
					    strlen(pango_layout_get_text(it->layout)) < sizeof source - 1 &&
					    strcmp(pango_layout_get_text(it->layout), "3.") != 0;
				if (!part)
					continue;
				/* parts of a line: its first where the line starts,
				 * each after the last; all on the line's baseline */
				parts++;
				double baseline = it->y + pango_layout_get_baseline(it->layout) /
						  (double)PANGO_SCALE;
				if (fabs(baseline - last_y) > 0.01)
					in_order &= fabs(it->x - text_x) < 0.01;
				else
					in_order &= it->x > last_x;
				last_x = it->x, last_y = baseline;
			}
		}
		CHECK(in_order);
		CHECK(all_in_spans);
		struct strbuf want = { 0 };
		strbuf_printf(&want, "%s3.%s", source, composed);
		CHECK_STR(painted.data, want.data);
		if (welsh) {
			/* the paragraph's Span, then its two lines' English parts */
			CHECK(spans == 3);
			strbuf_free(&want);
			strbuf_printf(&want, "%s%s", source, source);
			CHECK_STR(english.data, want.data);
			CHECK(parts >= 3);	/* "Ffynhonnell: ", English; English, "." */
		} else {
			CHECK(all_spans == 0 && parts == 0 && !english.data);
		}
		strbuf_free(&want);
		strbuf_free(&painted);
		strbuf_free(&english);
		layout_free(&r);
		flow_free(&f);
	}
	foreign_texts_use(NULL, 0, NULL);
	arena_free(&a);
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
	synthetic_flow(s, &f, NULL);
	check_flow("synthetic", &f, s, pdf_context_of(r));
	check_made_rows(s, pdf_context_of(r), &f);
	flow_free(&f);
	check_headings(s, pdf_context_of(r));
	check_page_limit(s, pdf_context_of(r));
	check_repeats(s, pdf_context_of(r));
	check_labels(s, pdf_context_of(r));
	check_languages(s, pdf_context_of(r));
	check_repeated_part(s);
	pdf_free(r);
	content_free(&c);
	diags_free(&d);
	return unit_summary();
}
