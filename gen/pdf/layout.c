/* layout.c - the flow broken into pages of positioned items. */
#define _GNU_SOURCE	/* memmem */
#include "layout.h"
#include "spill.h"
#include "typeset.h"

#include <pango/pangocairo.h>
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdatomic.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A row shorter than this share of the page body moves whole to the next page
 * rather than splitting. */
#define SHORT_ROW_SHARE 0.3
/* pages laid out between page-outs: a few actions' texts, a few pages of
 * memory read again each time */
#define PAGES_PER_PAGE_OUT 16
#define CELL_PAD TABLE_CELL_PAD
/* What is repeated at the head of every page a table runs over (its header
 * row, a split row's ref "(cont.)") takes at most this share of the page, so
 * that each page has room for what the table carries on with and a table ends
 * in pages in proportion to its text. A repeat taller than that (a ref of
 * 4,400 digits, each page repeating it whole and adding one line, took
 * gigabytes) is cut to the lines that fit; a header row taller than that is
 * placed once, split like a row, and not repeated. */
#define REPEAT_MAX_SHARE 0.25

struct line_slot {
	int para;		/* paragraph index in its cell (or 0 for body text) */
	int line;
	double top, height;	/* within the paragraph's layout */
	double offset;		/* top of the slot in the cell's content */
};

struct laid_para {
	struct paragraph *p;
	PangoLayout *layout;
	PangoLayout *label;
	int n_lines;
	double *tops, *heights;
	double height;		/* all lines */
	double indent;		/* the paragraph's, or wider: its label whole */
};

/* Plain short texts repeat in every table ("Green", "Complete", a lead's
 * name): each is shaped once per flow and its layout shared. Only texts
 * short enough to be such words: a plan's sentences (an action, an
 * outcome) seldom repeat, and 4,096 of them held 14 MB of shaped lines
 * that were never used again. */
enum { LAYOUT_CACHE_SIZE = 1024, LAYOUT_CACHE_TEXT_MAX = 64 };

struct cached_layout {
	char *key;
	PangoLayout *layout;
	int n_lines;
	double *tops, *heights;
};

struct laid_row;

/* The first rows of a table laid out before it is placed, to see whether it
 * is short or can begin under a caption kept with it: place_table takes them
 * from here rather than shaping them again (the look-ahead was a tenth of a
 * plan's layout). A row's layout does not depend on where it is placed. */
struct row_memo {
	const struct table *table;	/* whose rows [0, n) these are, or NULL */
	struct laid_row *rows;
	size_t n, cap;
};

struct cursor {
	struct cached_layout *cache;	/* LAYOUT_CACHE_SIZE slots, or NULL */
	size_t cached;
	struct row_memo memo;
	const struct pdf_style *style;
	PangoContext *context;
	struct layout_result *r;
	struct page *page;
	enum orientation orientation;
	double x0, y0, width, height;	/* body box */
	double y;			/* next free position */
	bool fresh;			/* nothing placed on this page yet */
	/* structure: a list (L) open around the list items placed; a Table
	 * opened for the caption before it; a caption placed inside one */
	bool in_list, table_open, caption_in_table;
	/* pages begun, shared by the threads counting one flow (NULL: this
	 * result's own count), and past how many the layout stops */
	atomic_size_t *pages_begun;
	size_t stop_after;
	bool stopped;			/* the flow has too many pages: placing stops */
};

/* ---------- bookkeeping ---------- */

static char *keep_string(struct layout_result *r, const char *s)
{
	if (r->n_strings == r->cap_strings) {
		r->cap_strings = r->cap_strings ? r->cap_strings * 2 : 64;
		r->strings = xrealloc(r->strings, r->cap_strings * sizeof *r->strings);
	}
	return r->strings[r->n_strings++] = xstrdup(s);
}


static struct item *add_item(struct cursor *c, enum item_type type)
{
	struct page *p = c->page;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = xrealloc(p->items, p->cap * sizeof *p->items);
	}
	struct item *it = &p->items[p->n++];
	memset(it, 0, sizeof *it);
	it->type = type;
	return it;
}

/* name is a constant ("P", "TR"): items do not own it */
static struct item *tag(struct cursor *c, enum item_type type, const char *name)
{
	struct item *it = add_item(c, type);
	it->text = name;
	return it;
}

static void own_text(struct item *it, const char *text)
{
	it->text = xstrdup(text);
	it->owns_text = true;
}

/* A header cell's TH, with the attributes cairo cannot write ("Column",
 * "Row", "Column ColSpan 3"), which pdf_amend gives it. */
static void tag_header(struct cursor *c, const char *attrs)
{
	struct item *it = add_item(c, ITEM_TAG_BEGIN);
	it->text = "TH";
	it->alt = g_strdup(attrs);
}

void layout_body_box(const struct pdf_style *s, enum orientation o, double *x, double *y,
		     double *w, double *h)
{
	double pw = o == PORTRAIT ? A4_SHORT : A4_LONG;
	double ph = o == PORTRAIT ? A4_LONG : A4_SHORT;
	double header = s->size_small * 1.3 + s->header_gap;
	double footer = s->size_small * 1.3 + s->footer_gap;
	*x = s->margin_left;
	*y = s->margin_top + header;
	*w = pw - s->margin_left - s->margin_right;
	*h = ph - s->margin_top - s->margin_bottom - header - footer;
}

/* Hands every complete page not yet handed over to page_done; the texts
 * read for the pages since the last page-out leave memory (spill.h). */
static void finish_pages(struct layout_result *r, size_t upto)
{
	for (; r->pages_done < upto; r->pages_done++) {
		if (r->page_done)
			r->page_done(r, r->pages_done, r->page_done_ctx);
		if ((r->pages_done + 1) % PAGES_PER_PAGE_OUT == 0)
			spill_page_out();
	}
}

static void new_page(struct cursor *c)
{
	struct layout_result *r = c->r;
	finish_pages(r, r->n_pages);
	if (r->n_pages == r->cap_pages) {
		r->cap_pages = r->cap_pages ? r->cap_pages * 2 : 16;
		r->pages = xrealloc(r->pages, r->cap_pages * sizeof *r->pages);
	}
	struct page *p = &r->pages[r->n_pages++];
	memset(p, 0, sizeof *p);
	p->orientation = c->orientation;
	p->width = c->orientation == PORTRAIT ? A4_SHORT : A4_LONG;
	p->height = c->orientation == PORTRAIT ? A4_LONG : A4_SHORT;
	c->page = p;
	layout_body_box(c->style, c->orientation, &c->x0, &c->y0, &c->width, &c->height);
	c->y = c->y0;
	c->fresh = true;
	size_t begun = c->pages_begun ? atomic_fetch_add(c->pages_begun, 1) + 1 : r->n_pages;
	if (begun > c->stop_after) {
		c->stopped = true;
		r->too_many_pages = true;
	}
}

/* The empty page last begun is taken back (a page break turns it instead). */
static void drop_blank_page(struct cursor *c)
{
	layout_release_page(c->page);
	c->r->n_pages--;
	if (c->pages_begun)
		atomic_fetch_sub(c->pages_begun, 1);
}

static double space_left(const struct cursor *c)
{
	return c->y0 + c->height - c->y;
}

/* ---------- paragraphs ---------- */

PangoContext *layout_context_new(void)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
	PangoContext *context = pango_font_map_create_context(map);
	g_object_unref(map);
	typeset_context_setup(context);
	pango_context_set_round_glyph_positions(context, FALSE);
	return context;
}

/* A web or e-mail address broken across lines must not gain a hyphen that a
 * reader would type: Pango hyphenates words it breaks, so the tokens that
 * look like addresses are marked not to. Returns a new list (attrs is shared
 * and left alone), or NULL when the text has no such token. */
static PangoAttrList *no_hyphens_in_addresses(const char *text, PangoAttrList *attrs)
{
	if (!strstr(text, "://") && !strchr(text, '@') && !strstr(text, "www."))
		return NULL;
	PangoAttrList *list = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
	for (const char *t = text; *t;) {
		size_t n = strcspn(t, " \n\t");
		if (n && (memmem(t, n, "://", 3) || memchr(t, '@', n) || memmem(t, n, "www.", 4))) {
			PangoAttribute *a = pango_attr_insert_hyphens_new(FALSE);
			a->start_index = (guint)(t - text);
			a->end_index = (guint)(t - text + n);
			pango_attr_list_insert(list, a);
		}
		t += n;
		t += strspn(t, " \n\t");
	}
	return list;
}

static PangoLayout *make_layout(struct cursor *c, const char *text, PangoAttrList *attrs,
				const char *font, double size, bool bold, double width,
				PangoAlignment align, bool whole_words)
{
	PangoLayout *l = pango_layout_new(c->context);
	typeset_set_font(l, font, size, bold);
	/* width < 0: one line, never broken (a label, an agenda item's number) */
	pango_layout_set_width(l, width < 0 ? -1 : width > 1 ? (int)(width * PANGO_SCALE) :
				  PANGO_SCALE);
	pango_layout_set_wrap(l, whole_words ? PANGO_WRAP_WORD : PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	PangoAttrList *own = no_hyphens_in_addresses(text, attrs);
	/* long runs and long texts in pieces Pango shapes apart (typeset.h) */
	PangoAttrList *pieces = typeset_pieces(text, own ? own : attrs);
	if (pieces) {
		if (own)
			pango_attr_list_unref(own);
		own = pieces;
	}
	if (own) {
		pango_layout_set_attributes(l, own);
		pango_attr_list_unref(own);
	} else if (attrs) {
		pango_layout_set_attributes(l, attrs);
	}
	return l;	/* held by the laid_para; items that show it take refs */
}

static size_t hash_key(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 ^ (unsigned char)*s++;
	return h;
}

/* The cache slot for a plain paragraph of this font, width and text, or NULL
 * when it has formatting of its own or is too long to be worth sharing. */
static struct cached_layout *cache_slot(struct cursor *c, const struct paragraph *p,
					double width, const char *text, char **key_out)
{
	*key_out = NULL;
	if (!c->cache || p->rich.n_attrs || p->rich.n_links || p->rich.text.len > LAYOUT_CACHE_TEXT_MAX)
		return NULL;
	char *key = xmalloc(strlen(text) + strlen(p->font) + 64);
	sprintf(key, "%s|%.3f|%d|%.3f|%d|%d|%s", p->font, p->size, p->bold, width - p->indent,
		(int)p->align, p->whole_words, text);
	size_t i = hash_key(key) & (LAYOUT_CACHE_SIZE - 1);
	for (size_t probes = 0; probes < LAYOUT_CACHE_SIZE; probes++) {
		struct cached_layout *e = &c->cache[i];
		if (!e->key || strcmp(e->key, key) == 0) {
			*key_out = key;
			return e;
		}
		i = (i + 1) & (LAYOUT_CACHE_SIZE - 1);
	}
	free(key);
	return NULL;
}

static void lay_out_paragraph(struct cursor *c, struct paragraph *p, double width,
			      struct laid_para *out)
{
	memset(out, 0, sizeof *out);
	out->p = p;
	const char *text = p->rich.text.data ? p->rich.text.data : "";
	/* a label (a list's "1.", an agenda item's number) is printed whole, on
	 * one line: when it is wider than the indent, the indent widens to it
	 * (agenda item 123456 read "12345" when its last digit wrapped away) */
	out->indent = p->indent;
	if (p->label) {
		out->label = make_layout(c, p->label, NULL, p->font, p->size, p->bold, -1,
					 PANGO_ALIGN_LEFT, false);
		int label_w, label_h;
		pango_layout_get_size(out->label, &label_w, &label_h);
		double need = (double)label_w / PANGO_SCALE + p->size * 0.45;
		if (need > out->indent && need < width / 2)
			out->indent = need;
	}
	char *key;
	struct cached_layout *slot = cache_slot(c, p, width - (out->indent - p->indent), text,
						&key);
	if (slot && slot->key) {
		free(key);
		out->layout = g_object_ref(slot->layout);
		out->n_lines = slot->n_lines;
		size_t n = (size_t)(out->n_lines ? out->n_lines : 1);
		out->tops = xmalloc(n * sizeof(double));
		out->heights = xmalloc(n * sizeof(double));
		memcpy(out->tops, slot->tops, n * sizeof(double));
		memcpy(out->heights, slot->heights, n * sizeof(double));
		out->height = out->n_lines ? out->tops[out->n_lines - 1] +
					     out->heights[out->n_lines - 1] - out->tops[0] : 0;
		return;
	}
	out->layout = make_layout(c, text, p->rich.attrs, p->font, p->size, p->bold,
				  width - out->indent, p->align, p->whole_words);
	out->n_lines = pango_layout_get_line_count(out->layout);
	out->tops = xmalloc((size_t)(out->n_lines ? out->n_lines : 1) * sizeof(double));
	out->heights = xmalloc((size_t)(out->n_lines ? out->n_lines : 1) * sizeof(double));
	PangoLayoutIter *it = pango_layout_get_iter(out->layout);
	int i = 0;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		out->tops[i] = (double)logical.y / PANGO_SCALE;
		out->heights[i] = (double)logical.height / PANGO_SCALE;
		i++;
	} while (i < out->n_lines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	out->height = out->n_lines ? out->tops[out->n_lines - 1] + out->heights[out->n_lines - 1] -
				     out->tops[0] : 0;
	if (slot && c->cached < LAYOUT_CACHE_SIZE / 2) {
		size_t n = (size_t)(out->n_lines ? out->n_lines : 1);
		slot->key = key;
		slot->layout = g_object_ref(out->layout);
		slot->n_lines = out->n_lines;
		slot->tops = xmalloc(n * sizeof(double));
		slot->heights = xmalloc(n * sizeof(double));
		memcpy(slot->tops, out->tops, n * sizeof(double));
		memcpy(slot->heights, out->heights, n * sizeof(double));
		c->cached++;
	} else {
		free(key);
	}
}

static void free_laid(struct laid_para *lp)
{
	free(lp->tops);
	free(lp->heights);
	if (lp->layout)
		g_object_unref(lp->layout);
	if (lp->label)
		g_object_unref(lp->label);
}

/* Links of a paragraph on the lines [first, first + count), as rectangles. */
static void add_links(struct cursor *c, const struct laid_para *lp, double x, double origin_y,
		      int first, int count)
{
	const struct rich *rich = &lp->p->rich;
	if (!rich->n_links)
		return;
	for (int i = first; i < first + count; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(lp->layout, i);
		int ls = line->start_index, le = line->start_index + line->length;
		PangoRectangle logical;
		pango_layout_line_get_extents(line, NULL, &logical);
		for (size_t k = 0; k < rich->n_links; k++) {
			const struct rich_link *link = &rich->links[k];
			int s = link->start > ls ? link->start : ls;
			int e = link->end < le ? link->end : le;
			if (s >= e)
				continue;
			int x1, x2;
			if (s == ls && e == le) {
				/* the whole line: its extents, without index_to_x, which
				 * counts characters from the start of the text each time */
				x1 = logical.x;
				x2 = logical.x + logical.width;
			} else {
				pango_layout_line_index_to_x(line, s, 0, &x1);
				pango_layout_line_index_to_x(line, e, 0, &x2);
			}
			if (x2 < x1) {
				int t = x1;
				x1 = x2, x2 = t;
			}
			struct item *it = add_item(c, ITEM_LINK);
			it->x = x + (double)x1 / PANGO_SCALE;
			it->y = origin_y + lp->tops[i];
			it->w = (double)(x2 - x1) / PANGO_SCALE;
			it->h = lp->heights[i];
			own_text(it, link->target);
			/* what the link says, for its annotation's /Contents */
			size_t len = rich->text.len;
			int a = link->start < 0 ? 0 : link->start;
			int b = (size_t)link->end > len ? (int)len : link->end;
			it->alt = b > a ? g_strstrip(g_strndup(rich->text.data + a, (size_t)(b - a)))
				       : NULL;
			if (it->alt && !*it->alt) {
				g_free(it->alt);
				it->alt = NULL;
			}
		}
	}
}

static const char *role_tag(enum para_role role)
{
	switch (role) {
	case ROLE_H1: return "H1";
	case ROLE_H2: return "H2";
	case ROLE_H3: return "H3";
	case ROLE_H4: return "H4";
	case ROLE_H5: return "H5";
	case ROLE_H6: return "H6";
	case ROLE_TITLE: return "H1";
	case ROLE_LI: return "LI";
	case ROLE_CAPTION: return "Caption";
	default: return "P";
	}
}

/* The structure tag of a paragraph: a caption is one only inside the table
 * it captions (c->caption_in_table), a P elsewhere. */
static const char *para_tag(const struct cursor *c, const struct paragraph *p)
{
	if (p->role == ROLE_CAPTION && !c->caption_in_table)
		return "P";
	return role_tag(p->role);
}

/* Whether any of the paragraph's links is on lines [first, first + count). */
static bool links_on(const struct laid_para *lp, int first, int count)
{
	const struct rich *rich = &lp->p->rich;
	if (!rich->n_links || count <= 0)
		return false;
	PangoLayoutLine *a = pango_layout_get_line_readonly(lp->layout, first);
	PangoLayoutLine *b = pango_layout_get_line_readonly(lp->layout, first + count - 1);
	int ls = a->start_index, le = b->start_index + b->length;
	for (size_t k = 0; k < rich->n_links; k++)
		if (rich->links[k].start < le && rich->links[k].end > ls)
			return true;
	return false;
}

/* A paragraph's label (a bullet, a number) on its first line's baseline, in
 * the indent. */
static void place_label(struct cursor *c, const struct laid_para *lp, double text_x,
			double origin_y)
{
	const struct paragraph *p = lp->p;
	int label_w, label_h;
	pango_layout_get_size(lp->label, &label_w, &label_h);
	double shift = (double)(pango_layout_get_baseline(lp->layout) -
			       pango_layout_get_baseline(lp->label)) / PANGO_SCALE;
	struct item *it = add_item(c, ITEM_LINES);
	it->layout = g_object_ref(lp->label);
	it->first = 0, it->count = 1;
	it->x = text_x - (double)label_w / PANGO_SCALE - p->size * 0.45;
	it->y = origin_y + shift;
	it->colour = p->colour;
}

/* The language of the part of p's text from byte at on: a rich_lang's, or
 * NULL (the document's); *end is where that part ends (at most line_end). */
static const char *lang_at(const struct rich *r, int at, int line_end, int *end)
{
	*end = line_end;
	for (size_t k = 0; k < r->n_langs; k++) {
		const struct rich_lang *l = &r->langs[k];
		if (l->start <= at && at < l->end) {
			*end = l->end < line_end ? l->end : line_end;
			return l->lang;
		}
		if (l->start > at) {
			*end = l->start < line_end ? l->start : line_end;
			break;
		}
	}
	return NULL;
}

/* A layout of one line: the bytes [start, end) of whole's text, set as in
 * whole. The part that ends a line is laid out with what follows, as wide as
 * the line leaves it, so that Pango breaks it where it broke the line and
 * sets the hyphen it set there; NULL when it does not. */
static PangoLayout *line_part(PangoLayout *whole, int start, int end, bool ends_line,
			      int width_left)
{
	const char *text = pango_layout_get_text(whole);
	int text_len = (int)strlen(text);
	PangoLayout *l = pango_layout_copy(whole);
	pango_layout_set_indent(l, 0);
	pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
	int stop = end;
	if (ends_line && end < text_len) {
		/* the next line's words decide the break: up to its end */
		int n = pango_layout_get_line_count(whole);
		for (int i = 0; i < n; i++) {
			PangoLayoutLine *line = pango_layout_get_line_readonly(whole, i);
			if (line->start_index == end) {
				stop = end + line->length;
				break;
			}
		}
		pango_layout_set_width(l, width_left < 0 ? -1 : width_left > 0 ? width_left : 1);
	} else {
		pango_layout_set_width(l, -1);
	}
	PangoAttrList *attrs = pango_layout_get_attributes(whole);
	if (attrs) {
		PangoAttrList *shifted = pango_attr_list_copy(attrs);
		pango_attr_list_update(shifted, 0, start, 0);
		pango_layout_set_attributes(l, shifted);
		pango_attr_list_unref(shifted);
	}
	pango_layout_set_text(l, text + start, stop - start);
	PangoLayoutLine *first = pango_layout_get_line_readonly(l, 0);
	if (!first || first->length != end - start) {
		g_object_unref(l);
		return NULL;
	}
	return l;
}

/* Lines [first, first + count) of a paragraph some of whose words are in
 * another language than the document's (rich_lang): each line in parts,
 * each part a Span, one in another language saying so (the paragraph's
 * element has Spans, so all its words are in them: the tree keeps a
 * parent's own content as an artifact). A line laid out again in
 * parts sits where it sat whole: each part at its x in the line, on the
 * line's baseline. A line Pango would break otherwise in parts is set
 * whole, in the document's language: never a word marked wrongly. */
enum { LINE_PARTS_MAX = 16 };

static void place_lines_in_parts(struct cursor *c, const struct laid_para *lp, double text_x,
				 double origin_y, int first, int count)
{
	const struct paragraph *p = lp->p;
	int width = pango_layout_get_width(lp->layout);
	PangoLayoutIter *iter = pango_layout_get_iter(lp->layout);
	for (int i = 0; i < first && pango_layout_iter_next_line(iter); i++)
		;
	for (int i = first; i < first + count; i++, pango_layout_iter_next_line(iter)) {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		int baseline = pango_layout_iter_get_baseline(iter);
		int ls = line->start_index, le = line->start_index + line->length;
		struct { const char *lang; PangoLayout *layout; int x; } part[LINE_PARTS_MAX];
		int n = 0;
		bool whole = false;
		for (int at = ls, end; at < le && !whole; at = end) {
			part[n].lang = lang_at(&p->rich, at, le, &end);
			part[n].layout = NULL;
			part[n].x = 0;
			if (at > ls || end < le) {
				pango_layout_line_index_to_x(line, at, 0, &part[n].x);
				part[n].layout = line_part(lp->layout, at, end, end == le,
							   width < 0 ? -1 : width - part[n].x);
				whole = !part[n].layout || n + 1 == LINE_PARTS_MAX;
			}
			n++;
		}
		if (whole || n <= 1) {	/* the line whole */
			for (int k = 0; k < n; k++)
				if (part[k].layout)
					g_object_unref(part[k].layout);
			if (whole || n == 0)
				part[0].lang = NULL;
			part[0].layout = NULL;
			n = 1;
		}
		for (int k = 0; k < n; k++) {
			tag(c, ITEM_TAG_BEGIN, "Span")->lang = part[k].lang;
			struct item *it = add_item(c, ITEM_LINES);
			it->colour = p->colour;
			it->h = lp->heights[i];
			if (part[k].layout) {
				it->layout = part[k].layout;	/* the item's own */
				it->first = 0, it->count = 1;
				it->x = text_x + (double)(logical.x + part[k].x) / PANGO_SCALE;
				it->y = origin_y + (double)(baseline -
							    pango_layout_get_baseline(part[k].layout)) /
						   PANGO_SCALE;
			} else {
				it->layout = g_object_ref(lp->layout);
				it->first = i, it->count = 1;
				it->x = text_x, it->y = origin_y;
			}
			tag(c, ITEM_TAG_END, "Span");
		}
	}
	pango_layout_iter_free(iter);
}

/* Places lines [first, first + count) with their top at c->y. Tagged, the
 * lines are one structure element (a P, H1, LI ...) whose text is marked
 * content of its own: cairo marks the content of elements without children
 * only, so a paragraph with links keeps its text in a Span beside them, and
 * a list item its label in a Lbl and its text in an LBody. What is drawn
 * around the words (a fill behind them, an arrow beside them) is drawn
 * before the element opens: an artifact. The number of the page a contents
 * entry names is set with its last line, inside its element.
 *
 * The one plain paragraph of a table cell is no element of its own: its
 * TD or TH holds its text, as HTML's <td>text</td> does. That is half the
 * elements of an action table, and cairo holds every element until the
 * document ends (a 10,000-action plan: some 15 MB). */
enum line_tags {
	LINES_UNTAGGED,		/* an artifact: a header row repeated */
	LINES_TAGGED,		/* in an element of its own */
	LINES_IN_CELL,		/* a cell's only paragraph: a P is the cell's */
};

/* A new item, put before the element just opened when before_open (and
 * the last item is its opening). */
static struct item *add_decoration(struct cursor *c, enum item_type type, bool before_open)
{
	struct item *it = add_item(c, type);
	struct page *p = c->page;
	if (!before_open || p->n < 2 || p->items[p->n - 2].type != ITEM_TAG_BEGIN)
		return it;
	struct item open = p->items[p->n - 2];
	p->items[p->n - 2] = *it;
	p->items[p->n - 1] = open;
	return &p->items[p->n - 2];
}

static void place_lines(struct cursor *c, const struct laid_para *lp, double x, int first,
			int count, enum line_tags tags)
{
	bool tagged = tags != LINES_UNTAGGED;
	if (count <= 0)
		return;
	const struct paragraph *p = lp->p;
	double origin_y = c->y - lp->tops[first];
	double text_x = x + lp->indent;
	double h = lp->tops[first + count - 1] + lp->heights[first + count - 1] - lp->tops[first];
	const char *name = para_tag(c, p);
	bool own = tagged && !(tags == LINES_IN_CELL && strcmp(name, "P") == 0);
	/* a cell holding its text itself has just opened: what is drawn
	 * around the words goes before it, an artifact still */
	bool before_cell = tagged && !own;
	if (p->has_fill) {
		struct item *bg = add_decoration(c, ITEM_RECT, before_cell);
		bg->x = x, bg->y = c->y;
		bg->w = pango_layout_get_width(lp->layout) / PANGO_SCALE + lp->indent;
		bg->h = h, bg->has_fill = true, bg->fill = p->fill;
	}
	if (first == 0 && p->marker != MARKER_NONE) {
		/* the arrow stands on the first line, its height the x-height's */
		double size = p->size * 0.62;
		double baseline = (double)pango_layout_get_baseline(lp->layout) / PANGO_SCALE;
		struct item *mark = add_decoration(c, ITEM_MARKER, before_cell);
		mark->first = (int)p->marker;
		mark->x = text_x - size - p->size * 0.3;
		mark->y = origin_y + baseline - size;
		mark->w = mark->h = size;
		mark->colour = p->colour;
	}
	bool item = tagged && p->role == ROLE_LI;
	/* links, and words in another language than the document's (a text
	 * left untranslated), are a Span's: all of them, or some (in parts) */
	const char *lang = paragraph_lang(p);
	bool parts = tagged && !lang && p->rich.n_langs;
	bool span = tagged && !parts && (links_on(lp, first, count) || lang);
	bool last = first + count == lp->n_lines;
	if (own)
		tag(c, ITEM_TAG_BEGIN, name);
	/* a list item's label is its Lbl; another's (a paragraph's number) is
	 * part of its text */
	if (first == 0 && lp->label && item) {
		tag(c, ITEM_TAG_BEGIN, "Lbl");
		place_label(c, lp, text_x, origin_y);
		tag(c, ITEM_TAG_END, "Lbl");
	}
	if (item)
		tag(c, ITEM_TAG_BEGIN, "LBody");
	if (span)
		tag(c, ITEM_TAG_BEGIN, "Span")->lang = lang;
	if (first == 0 && lp->label && !item) {
		if (parts)
			tag(c, ITEM_TAG_BEGIN, "Span");
		place_label(c, lp, text_x, origin_y);
		if (parts)
			tag(c, ITEM_TAG_END, "Span");
	}
	if (parts) {
		place_lines_in_parts(c, lp, text_x, origin_y, first, count);
	} else {
		struct item *it = add_item(c, ITEM_LINES);
		it->layout = g_object_ref(lp->layout);
		it->first = first, it->count = count;
		it->x = text_x, it->y = origin_y;
		it->w = pango_layout_get_width(lp->layout) / PANGO_SCALE;
		it->h = h;
		it->colour = p->colour;
	}
	if (last && p->page_of) {
		if (parts)
			tag(c, ITEM_TAG_BEGIN, "Span");
		struct item *ref = add_item(c, ITEM_PAGE_REF);
		ref->x = c->x0 + c->width;
		ref->y = c->y + h - lp->heights[first + count - 1];
		ref->line_width = p->size;
		ref->colour = p->colour;
		own_text(ref, p->page_of);
		if (parts)
			tag(c, ITEM_TAG_END, "Span");
	}
	if (span)
		tag(c, ITEM_TAG_END, "Span");
	if (tagged)
		add_links(c, lp, text_x, origin_y, first, count);
	if (item)
		tag(c, ITEM_TAG_END, "LBody");
	if (own)
		tag(c, ITEM_TAG_END, name);
	c->y += h;
	c->fresh = false;
}

static void add_outline(struct cursor *c, const struct paragraph *p)
{
	struct layout_result *r = c->r;
	if (r->n_outline == r->cap_outline) {
		r->cap_outline = r->cap_outline ? r->cap_outline * 2 : 32;
		r->outline = xrealloc(r->outline, r->cap_outline * sizeof *r->outline);
	}
	r->outline[r->n_outline++] = (struct outline_entry){
		keep_string(r, p->bookmark), p->bookmark_level ? p->bookmark_level : 1,
		r->n_pages - 1, c->y };
}

static void record_dest(struct layout_result *r, const char *name, size_t page)
{
	if (r->n_dests == r->cap_dests) {
		r->cap_dests = r->cap_dests ? r->cap_dests * 2 : 32;
		r->dests = xrealloc(r->dests, r->cap_dests * sizeof *r->dests);
	}
	r->dests[r->n_dests++] = (struct dest_entry){ keep_string(r, name), page };
}

int layout_page_number_of(const struct layout_result *r, const char *dest)
{
	for (size_t i = 0; i < r->n_dests; i++)
		if (strcmp(r->dests[i].name, dest) == 0)
			return r->dests[i].page < r->n_pages ? r->pages[r->dests[i].page].number : 0;
	return 0;
}

/* room kept at the right of a contents entry for its page number */
#define PAGE_REF_WIDTH 36.0

static bool starts_in(struct cursor *c, const struct flow *f, size_t i, double space);

static void place_paragraph(struct cursor *c, const struct flow *f, size_t i)
{
	struct paragraph *p = f->blocks[i].para;
	struct laid_para lp;
	lay_out_paragraph(c, p, p->page_of ? c->width - PAGE_REF_WIDTH : c->width, &lp);
	if (!c->fresh)
		c->y += p->space_before;
	/* a paragraph that fits on a page is not split; one kept with the next
	 * block goes to the next page unless that block can begin under it here
	 * (and can begin under it there) */
	double below = lp.height + p->space_after;
	if (!c->fresh && ((lp.height > space_left(c) && lp.height <= c->height) ||
			  (p->keep_with_next && !starts_in(c, f, i + 1, space_left(c) - below) &&
			   starts_in(c, f, i + 1, c->height - below))))
		new_page(c);
	int line = 0;
	while (line < lp.n_lines && !c->stopped) {
		/* how many of the remaining lines fit here */
		int fit = 0;
		double base = lp.tops[line];
		while (line + fit < lp.n_lines &&
		       lp.tops[line + fit] + lp.heights[line + fit] - base <= space_left(c) + 0.01)
			fit++;
		int left = lp.n_lines - line;
		if (fit < left) {
			/* no single line alone at the foot or the head of a page */
			if (left >= 4 && fit >= left - 1)
				fit = left - 2;
			if (fit < 2 && !c->fresh)
				fit = 0;
			if (fit == 0 && c->fresh)
				fit = 1;	/* a line taller than the page: place it anyway */
		}
		if (fit == 0) {
			new_page(c);
			continue;
		}
		if (line == 0 && p->dest) {	/* where the first line lands */
			struct item *d = add_item(c, ITEM_DEST);
			d->x = c->x0, d->y = c->y;
			own_text(d, p->dest);
			record_dest(c->r, p->dest, c->r->n_pages - 1);
		}
		if (line == 0 && p->bookmark)
			add_outline(c, p);
		place_lines(c, &lp, c->x0, line, fit, LINES_TAGGED);
		line += fit;
		if (line < lp.n_lines)
			new_page(c);
	}
	c->y += p->space_after;
	free_laid(&lp);
}

/* ---------- tables ---------- */

struct laid_cell {
	struct laid_para *paras;
	size_t n;
	struct line_slot *slots;
	int n_slots;
	double height;		/* content, without padding */
	/* a banded cell: where each of its row's lines starts, the same in
	 * every banded cell of the row (align_bands) */
	double *band_tops;
	int n_bands;
};

/* Space between the lines of a banded row, a rule in its middle. */
#define BAND_GAP (2 * CELL_PAD)

static void lay_out_cell(struct cursor *c, struct cell *cell, double width, struct laid_cell *out)
{
	memset(out, 0, sizeof *out);
	out->n = cell->n;
	out->paras = xcalloc(cell->n ? cell->n : 1, sizeof *out->paras);
	int total = 0;
	for (size_t i = 0; i < cell->n; i++) {
		lay_out_paragraph(c, cell->paras[i], width - 2 * CELL_PAD, &out->paras[i]);
		total += out->paras[i].n_lines;
	}
	out->slots = xmalloc((size_t)(total ? total : 1) * sizeof *out->slots);
	double y = 0;
	for (size_t i = 0; i < cell->n; i++) {
		const struct laid_para *lp = &out->paras[i];
		if (i)
			y += cell->paras[i]->space_before + cell->paras[i - 1]->space_after * 0.6;
		for (int l = 0; l < lp->n_lines; l++) {
			out->slots[out->n_slots++] = (struct line_slot){
				(int)i, l, lp->tops[l], lp->heights[l], y + lp->tops[l] - lp->tops[0] };
		}
		y += lp->height;
	}
	out->height = y;
}

static void free_cell(struct laid_cell *lc)
{
	for (size_t i = 0; i < lc->n; i++)
		free_laid(&lc->paras[i]);
	free(lc->paras);
	free(lc->slots);
	free(lc->band_tops);
}

static double slots_height(const struct laid_cell *lc, int from, int to);

/* The line of a banded row a slot is on. */
static int slot_band(const struct laid_cell *lc, int slot)
{
	return lc->paras[lc->slots[slot].para].p->band;
}

/* Lines up the banded cells of a row: each line (band) starts where the
 * tallest of the cells' parts before it ends, with BAND_GAP between. */
static void align_bands(const struct cell *cells, struct laid_cell *lc, size_t n)
{
	int n_bands = 0;
	for (size_t i = 0; i < n; i++)
		if (cells[i].n_bands > n_bands)
			n_bands = cells[i].n_bands;
	if (!n_bands)
		return;
	double *tallest = xcalloc((size_t)n_bands, sizeof *tallest);
	for (size_t i = 0; i < n; i++) {
		if (!cells[i].n_bands)
			continue;
		for (int s = 0; s < lc[i].n_slots;) {
			int b = slot_band(&lc[i], s), e = s;
			while (e < lc[i].n_slots && slot_band(&lc[i], e) == b)
				e++;
			double h = slots_height(&lc[i], s, e);
			if (b >= 0 && b < n_bands && h > tallest[b])
				tallest[b] = h;
			s = e;
		}
	}
	double *tops = xmalloc((size_t)n_bands * sizeof *tops);
	for (int b = 0; b < n_bands; b++)
		tops[b] = b ? tops[b - 1] + tallest[b - 1] + BAND_GAP : 0;
	for (size_t i = 0; i < n; i++) {
		if (!cells[i].n_bands)
			continue;
		for (int s = 0; s < lc[i].n_slots;) {
			int b = slot_band(&lc[i], s), e = s;
			double start = lc[i].slots[s].offset;
			while (e < lc[i].n_slots && slot_band(&lc[i], e) == b)
				e++;
			for (int k = s; k < e; k++)
				lc[i].slots[k].offset = tops[b] + lc[i].slots[k].offset - start;
			s = e;
		}
		lc[i].height = tops[n_bands - 1] + tallest[n_bands - 1];
		lc[i].band_tops = xmalloc((size_t)n_bands * sizeof *tops);
		memcpy(lc[i].band_tops, tops, (size_t)n_bands * sizeof *tops);
		lc[i].n_bands = n_bands;
	}
	free(tops);
	free(tallest);
}

/* Content height of slots [from, to) of a cell. */
static double slots_height(const struct laid_cell *lc, int from, int to)
{
	if (to <= from)
		return 0;
	return lc->slots[to - 1].offset + lc->slots[to - 1].height - lc->slots[from].offset;
}

/* Places the slots [from, to) of a cell with the content at `origin` (the
 * first slot's offset, or a banded row's shared one) at `top`. alone: they
 * are all the cell holds on this page (no lead repeated above them). */
static void place_slots(struct cursor *c, struct laid_cell *lc, int from, int to, double x,
			double top, double origin, bool tagged, bool alone)
{
	enum line_tags tags = !tagged ? LINES_UNTAGGED :
			      alone && lc->n == 1 ? LINES_IN_CELL : LINES_TAGGED;
	/* each paragraph's share of the slots; list items in a list (L) */
	bool in_list = false;
	int s = from;
	while (s < to) {
		int para = lc->slots[s].para, e = s;
		while (e < to && lc->slots[e].para == para)
			e++;
		bool li = lc->paras[para].p->role == ROLE_LI;
		if (tagged && li != in_list) {
			tag(c, li ? ITEM_TAG_BEGIN : ITEM_TAG_END, "L");
			in_list = li;
		}
		c->y = top + lc->slots[s].offset - origin;
		place_lines(c, &lc->paras[para], x, lc->slots[s].line, e - s, tags);
		s = e;
	}
	if (in_list)
		tag(c, ITEM_TAG_END, "L");
}

/* Where the content of cell i placed from slot from[i] on starts: its
 * first slot's offset, or for a banded cell the row's shared origin (the
 * first of the banded cells' remaining slots), so lines stay level. */
static double origin_of(const struct laid_cell *lc, int from, double band_origin)
{
	if (lc->n_bands)
		return band_origin;
	return from < lc->n_slots ? lc->slots[from].offset : 0;
}

/* Height of slots [from, to) of a cell placed from its origin. */
static double part_height(const struct laid_cell *lc, int from, int to, double band_origin)
{
	if (to <= from)
		return 0;
	return lc->slots[to - 1].offset + lc->slots[to - 1].height -
	       origin_of(lc, from, band_origin);
}

/* The shared origin of a banded row's cells placed from from[]: the least
 * offset among their remaining slots (or where a band they start at
 * begins, which is no later). */
static double band_origin_of(const struct laid_cell *lc, size_t n, const int *from)
{
	double origin = -1;
	for (size_t i = 0; i < n; i++) {
		if (!lc[i].n_bands || from[i] >= lc[i].n_slots)
			continue;
		double o = lc[i].slots[from[i]].offset;
		if (origin < 0 || o < origin)
			origin = o;
	}
	return origin < 0 ? 0 : origin;
}

/* A cell's structure tag: TD, or a TH of its column or its row. */
static void cell_tag(struct cursor *c, const struct cell *cell, enum item_type type)
{
	if (!cell->header && !cell->row_header)
		tag(c, type, "TD");
	else if (type == ITEM_TAG_END)
		tag(c, type, "TH");
	else
		tag_header(c, cell->header ? "Column" : "Row");
}

/* Places slots [from, to) of each cell as one row fragment at c->y, under
 * each cell's lead (its repeat on a continuation page) when lead is given.
 * Untagged (a header row repeated on a later page) it is an artifact. */
static void place_row(struct cursor *c, const struct table *t, struct cell *cells,
		      struct laid_cell *lc, struct laid_cell *lead, const int *from, const int *to,
		      double height, bool tagged)
{
	double band_origin = band_origin_of(lc, t->n_cols < 64 ? t->n_cols : 64, from);
	if (tagged)
		tag(c, ITEM_TAG_BEGIN, "TR");
	double x = c->x0;
	for (size_t i = 0; i < t->n_cols; i++) {
		const struct cell *cell = &cells[i];
		struct item *box = add_item(c, ITEM_RECT);
		box->x = x, box->y = c->y, box->w = t->widths[i], box->h = height;
		box->has_stroke = true, box->colour = c->style->rule, box->line_width = 0.5;
		if (cell->has_fill || cell->header) {
			box->has_fill = true;
			box->fill = cell->has_fill ? cell->fill : c->style->table_header;
		}
		double y_save = c->y, top = c->y + CELL_PAD;
		/* a banded cell's lines, each on its own background where it has
		 * one (a step's rating), from rule to rule */
		for (int b = 0; cell->band_has_fill && b < lc[i].n_bands; b++) {
			if (!cell->band_has_fill[b])
				continue;
			double y0 = b ? top + lc[i].band_tops[b] - BAND_GAP / 2 - band_origin : y_save;
			double y1 = b + 1 < lc[i].n_bands ?
				    top + lc[i].band_tops[b + 1] - BAND_GAP / 2 - band_origin :
				    y_save + height;
			y0 = y0 > y_save ? y0 : y_save;
			y1 = y1 < y_save + height ? y1 : y_save + height;
			if (y1 <= y0 + 0.01)
				continue;
			struct item *bg = add_item(c, ITEM_RECT);
			bg->x = x, bg->y = y0, bg->w = t->widths[i], bg->h = y1 - y0;
			bg->has_fill = true, bg->fill = cell->band_fill[b];
			bg->has_stroke = true, bg->colour = c->style->rule, bg->line_width = 0.5;
		}
		if (tagged)
			cell_tag(c, cell, ITEM_TAG_BEGIN);
		bool led = lead && lead[i].n_slots;
		if (led) {
			place_slots(c, &lead[i], 0, lead[i].n_slots, x + CELL_PAD, top,
				    lead[i].slots[0].offset, tagged, from[i] >= to[i]);
			top += lead[i].height;
		}
		place_slots(c, &lc[i], from[i], to[i], x + CELL_PAD, top,
			    origin_of(&lc[i], from[i], band_origin), tagged, !led);
		/* the cell's element ends before its rules are drawn: a cell
		 * holding its text itself would take them in */
		if (tagged)
			cell_tag(c, cell, ITEM_TAG_END);
		/* between the lines of a banded row, a rule */
		for (int b = 1; b < lc[i].n_bands; b++) {
			double rule = top + lc[i].band_tops[b] - BAND_GAP / 2 - band_origin;
			if (rule <= top + 0.01 || rule >= y_save + height - 0.01)
				continue;
			struct item *line = add_item(c, ITEM_RECT);
			line->x = x, line->y = rule, line->w = t->widths[i], line->h = 0;
			line->has_stroke = true, line->colour = c->style->rule;
			line->line_width = 0.35;
		}
		c->y = y_save;
		x += t->widths[i];
	}
	if (tagged)
		tag(c, ITEM_TAG_END, "TR");
	c->y += height;
	c->fresh = false;
}

/* Widths in characters (a markdown table's) made points: as wide as the
 * columns ask, at most the frame. */
static void fix_widths(struct cursor *c, struct table *t)
{
	if (!t->fit_width)
		return;
	double sum = 0;
	for (size_t i = 0; i < t->n_cols; i++) {
		t->widths[i] = t->widths[i] * t->font_size * 0.55 + 2 * CELL_PAD + 6;
		sum += t->widths[i];
	}
	double target = sum * 1.15 < c->width ? sum * 1.15 : c->width;
	for (size_t i = 0; i < t->n_cols && sum > 0; i++)
		t->widths[i] *= target / sum;
	t->fit_width = false;	/* points from now on, as on a second pass */
}

/* A table row being placed: its cells laid out, and the slots of each cell
 * placed on earlier pages (from) and going on this one (to). */
struct row_work {
	size_t n;
	struct cell *row;	/* the table's row (table_row) */
	struct laid_cell cells[64];
	struct laid_cell leads[64];	/* the cells' repeats, once started */
	int from[64], to[64];
	double height;		/* the whole row, padding included */
	double line;		/* its tallest first line */
	bool started;		/* a fragment is on an earlier page */
	bool borrowed;		/* cells belong to the cursor's memo */
};

struct laid_row {
	struct cell *row;		/* the table's row (table_row) */
	struct laid_cell *cells;	/* the table's columns (at most 64) */
	double height, line;		/* as in row_work */
	bool taken;			/* handed to place_table, which frees it */
};

static void memo_clear(struct row_memo *m)
{
	for (size_t r = 0; r < m->n; r++) {
		struct laid_row *row = &m->rows[r];
		if (!row->taken) {
			for (size_t i = 0; i < m->table->n_cols && i < 64; i++)
				free_cell(&row->cells[i]);
			table_row_done(m->table, row->row);
		}
		free(row->cells);
	}
	free(m->rows);
	memset(m, 0, sizeof *m);
}

/* Height of the repeat over cell i on this page. */
static double lead_height(const struct row_work *w, size_t i)
{
	return w->started ? w->leads[i].height : 0;
}

/* Lays out row r of the table, or takes it from the memo. A look-ahead
 * (ahead) leaves the rows it lays out in the memo, in order from the first,
 * and only borrows them; placing takes a memo's row for its own. */
static void row_begin(struct cursor *c, const struct table *t, size_t r, struct row_work *w,
		      bool ahead)
{
	w->n = t->n_cols < 64 ? t->n_cols : 64;
	w->started = false;
	w->borrowed = false;
	for (size_t i = 0; i < w->n; i++)
		w->from[i] = 0;
	struct row_memo *m = &c->memo;
	if (m->table == t && r < m->n && !m->rows[r].taken) {
		struct laid_row *row = &m->rows[r];
		w->row = row->row;
		memcpy(w->cells, row->cells, w->n * sizeof *w->cells);
		w->height = row->height, w->line = row->line;
		if (ahead)
			w->borrowed = true;
		else
			row->taken = true;
		return;
	}
	w->height = w->line = 0;
	struct cell *cells = w->row = table_row(t, r);
	for (size_t i = 0; i < w->n; i++)
		lay_out_cell(c, &cells[i], t->widths[i], &w->cells[i]);
	align_bands(cells, w->cells, w->n);
	for (size_t i = 0; i < w->n; i++) {
		if (w->cells[i].height > w->height)
			w->height = w->cells[i].height;
		if (w->cells[i].n_slots && w->cells[i].slots[0].height > w->line)
			w->line = w->cells[i].slots[0].height;
	}
	w->height += 2 * CELL_PAD;
	if (!ahead || r != (m->table == t ? m->n : 0))
		return;
	if (m->table != t) {
		memo_clear(m);
		m->table = t;
	}
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 8;
		m->rows = xrealloc(m->rows, m->cap * sizeof *m->rows);
	}
	struct laid_row *row = &m->rows[m->n++];
	row->row = w->row;
	row->cells = xmalloc(w->n * sizeof *row->cells);
	memcpy(row->cells, w->cells, w->n * sizeof *row->cells);
	row->height = w->height, row->line = w->line;
	row->taken = false;
	w->borrowed = true;
}

/* The row runs on to another page: from there on, each cell shows its
 * repeat above what it has left. */
static void row_continue(struct cursor *c, const struct table *t, struct cell *row,
			 struct row_work *w)
{
	double most = c->height * REPEAT_MAX_SHARE;
	for (size_t i = 0; i < w->n; i++) {
		struct cell repeat = { .paras = row[i].repeat, .n = row[i].n_repeat };
		struct laid_cell *lead = &w->leads[i];
		lay_out_cell(c, &repeat, t->widths[i], lead);
		if (lead->height > most) {	/* its first lines only */
			int k = 0;
			while (k < lead->n_slots && slots_height(lead, 0, k + 1) <= most)
				k++;
			lead->n_slots = k;
			lead->height = slots_height(lead, 0, k);
		}
	}
	w->started = true;
}

static void row_end(const struct table *t, struct row_work *w)
{
	for (size_t i = 0; i < w->n; i++) {
		if (!w->borrowed)
			free_cell(&w->cells[i]);
		if (w->started)
			free_cell(&w->leads[i]);
	}
	if (!w->borrowed)
		table_row_done(t, w->row);
}

/* Where a cell's content split at avail points of height ends on this page:
 * the first slot not placed. As many lines as fit, but no paragraph leaves a
 * single line at the foot or carries one alone to the next page: two lines
 * or more a side, and a paragraph of two or three lines moves whole. */
static int cut_lines(const struct laid_cell *lc, int from, double avail)
{
	int k = from;
	while (k < lc->n_slots && slots_height(lc, from, k + 1) <= avail + 0.01)
		k++;
	if (k == lc->n_slots || lc->slots[k].line == 0)
		return k;	/* all of it, or the page turns between paragraphs */
	const struct line_slot *next = &lc->slots[k];
	int lines = lc->paras[next->para].n_lines;
	int start = k - next->line;	/* the paragraph's first slot */
	int first = start > from ? start : from;	/* its first slot on this page */
	if (lines < 4)
		return first;
	if (lines - next->line < 2)
		k = start + lines - 2;
	return k - first < 2 ? first : k;
}

/* cut_lines, but a heading in the cell (a paragraph kept with the next) does
 * not end the cell's fragment with what it heads on the next page: the page
 * turns before it, and before a heading kept with it in turn. When that
 * leaves nothing of the cell on a fresh page, no later page has more room
 * (each repeats the header row and the cell's lead), so the heading goes
 * where cut_lines put it rather than never. */
static int cut_cell(const struct laid_cell *lc, int from, double avail, bool fresh)
{
	int k = cut_lines(lc, from, avail), cut = k;
	while (cut > from && cut < lc->n_slots && lc->slots[cut].line == 0 &&
	       lc->paras[lc->slots[cut - 1].para].p->keep_with_next) {
		int start = cut - 1 - lc->slots[cut - 1].line;	/* the heading's first slot */
		cut = start > from ? start : from;
	}
	return cut == from && fresh ? k : cut;
}

enum row_fit { ROW_WHOLE, ROW_PART, ROW_NEXT_PAGE };

/* What of the rest of the row goes in avail points of content height (the
 * space left less any header row still to be placed and the padding), with
 * w->to[] and *used (content height) set for it: all of it; part, split
 * between lines; or nothing, the page to be turned first. A short row moves
 * whole, and so does a split that would leave only a sliver here; on a fresh
 * page something is always placed, so that layout ends. */
static enum row_fit fit_row(const struct cursor *c, struct row_work *w, double avail,
			    double *used)
{
	double origin = band_origin_of(w->cells, w->n, w->from);
	double remaining = 0;
	for (size_t i = 0; i < w->n; i++) {
		double h = lead_height(w, i) +
			   part_height(&w->cells[i], w->from[i], w->cells[i].n_slots, origin);
		if (h > remaining)
			remaining = h;
	}
	if (remaining <= avail + 0.01) {
		for (size_t i = 0; i < w->n; i++)
			w->to[i] = w->cells[i].n_slots;
		*used = remaining;
		return ROW_WHOLE;
	}
	if (!c->fresh && !w->started && w->height <= c->height * SHORT_ROW_SHARE)
		return ROW_NEXT_PAGE;	/* a short row moves whole */
	/* a banded row turns between its lines where it can: at the last line
	 * whose start the space reaches */
	const double *tops = NULL;
	int n_bands = 0, cut_band = 0;
	for (size_t i = 0; i < w->n && !tops; i++)
		if (w->cells[i].n_bands)
			tops = w->cells[i].band_tops, n_bands = w->cells[i].n_bands;
	for (int b = n_bands - 1; b > 0 && !cut_band; b--)
		if (tops[b] > origin + 0.01 && tops[b] - BAND_GAP - origin <= avail + 0.01)
			cut_band = b;
	/* split: each cell gives the lines that fit under its repeat */
	bool any = false;
	double body = 0;	/* the cells' own lines */
	*used = 0;
	for (size_t i = 0; i < w->n; i++) {
		const struct laid_cell *lc = &w->cells[i];
		int k;
		if (lc->n_bands && cut_band) {
			k = w->from[i];
			while (k < lc->n_slots && lc->slots[k].offset < tops[cut_band] - 0.01)
				k++;
		} else {
			/* a banded cell's content starts lower by as much as it
			 * is below the row's shared origin */
			double below = lc->n_bands && w->from[i] < lc->n_slots ?
				       lc->slots[w->from[i]].offset - origin : 0;
			k = cut_cell(lc, w->from[i], avail - lead_height(w, i) - below, c->fresh);
		}
		w->to[i] = k;
		any |= k > w->from[i];
		double h = part_height(lc, w->from[i], k, origin);
		if (h > body)
			body = h;
		if (lead_height(w, i) + h > *used)
			*used = lead_height(w, i) + h;
	}
	/* a sliver: less than two lines, or than a share of the space */
	if (any && body >= avail * 0.15 && body >= 2 * w->line - 0.01)
		return ROW_PART;
	if (!c->fresh)
		return ROW_NEXT_PAGE;
	if (!any) {
		/* not one line fits on an empty page: place one anyway */
		for (size_t i = 0; i < w->n; i++)
			w->to[i] = w->from[i] < w->cells[i].n_slots ? w->from[i] + 1 : w->from[i];
		*used = 0;
		for (size_t i = 0; i < w->n; i++) {
			double h = lead_height(w, i) +
				   part_height(&w->cells[i], w->from[i], w->to[i], origin);
			if (h > *used)
				*used = h;
		}
	}
	return ROW_PART;
}

/* The group of column i, or NULL. */
static const struct header_group *group_of(const struct table *t, size_t i)
{
	for (size_t g = 0; g < t->n_groups; g++)
		if (i >= t->groups[g].first && i < t->groups[g].first + t->groups[g].count)
			return &t->groups[g];
	return NULL;
}

static double group_width(const struct table *t, const struct header_group *g)
{
	double w = 0;
	for (size_t i = g->first; i < g->first + g->count && i < t->n_cols; i++)
		w += t->widths[i];
	return w;
}

/* The header's height: its row, and the row of groups above it. The
 * height of the groups' row in *group_h (0 without groups). */
static double lay_out_header(struct cursor *c, const struct table *t, struct laid_cell *hc,
			     struct laid_cell *gc, double *group_h)
{
	double h = 0, gh = 0;
	for (size_t g = 0; g < t->n_groups && g < 64; g++) {
		lay_out_cell(c, &t->groups[g].cell, group_width(t, &t->groups[g]), &gc[g]);
		if (gc[g].height + 2 * CELL_PAD > gh)
			gh = gc[g].height + 2 * CELL_PAD;
	}
	for (size_t i = 0; i < t->n_cols && i < 64; i++) {
		lay_out_cell(c, &t->header[i], t->widths[i], &hc[i]);
		/* a column without a group has both rows for its heading */
		double own = hc[i].height + 2 * CELL_PAD - (group_of(t, i) ? 0 : gh);
		if (own > h)
			h = own;
	}
	*group_h = gh;
	return h + gh;
}

/* One header cell's box and content at (x, y); tagged, a TH of its column
 * and its span (span_key "ColSpan" or "RowSpan", span > 1). */
static void place_header_cell(struct cursor *c, const struct cell *cell, struct laid_cell *lc,
			      double x, double y, double w, double h, const char *span_key,
			      size_t span, bool tagged)
{
	struct item *box = add_item(c, ITEM_RECT);
	box->x = x, box->y = y, box->w = w, box->h = h;
	box->has_stroke = true, box->colour = c->style->rule, box->line_width = 0.5;
	box->has_fill = true;
	box->fill = cell->has_fill ? cell->fill : c->style->table_header;
	char attrs[48] = "Column";
	if (span > 1)
		snprintf(attrs, sizeof attrs, "Column %s %zu", span_key, span);
	if (tagged)
		tag_header(c, attrs);
	double y_save = c->y;
	if (lc->n_slots)
		place_slots(c, lc, 0, lc->n_slots, x + CELL_PAD, y + CELL_PAD, lc->slots[0].offset,
			    tagged, true);
	c->y = y_save;
	if (tagged)
		tag(c, ITEM_TAG_END, "TH");
}

/* The header row (or two, with groups). Tagged the first time only: on the
 * later pages a table runs on to, its repeat is an artifact. */
static void place_header(struct cursor *c, const struct table *t, struct laid_cell *hc,
			 struct laid_cell *gc, double height, double group_h, bool tagged)
{
	if (!t->n_groups) {
		int from[64] = { 0 }, to[64];
		for (size_t i = 0; i < t->n_cols && i < 64; i++)
			to[i] = hc[i].n_slots;
		place_row(c, t, t->header, hc, NULL, from, to, height, tagged);
		return;
	}
	/* the groups' row, with the headings of the columns outside a group,
	 * which reach down through both rows (a row span of 2); then the
	 * grouped columns' own */
	double top = c->y, x = c->x0;
	if (tagged)
		tag(c, ITEM_TAG_BEGIN, "TR");
	for (size_t i = 0; i < t->n_cols && i < 64; i++) {
		const struct header_group *g = group_of(t, i);
		if (!g)
			place_header_cell(c, &t->header[i], &hc[i], x, top, t->widths[i], height,
					  "RowSpan", 2, tagged);
		else if (g->first == i)
			place_header_cell(c, &g->cell, &gc[g - t->groups], x, top, group_width(t, g),
					  group_h, "ColSpan", g->count, tagged);
		x += t->widths[i];
	}
	if (tagged) {
		tag(c, ITEM_TAG_END, "TR");
		tag(c, ITEM_TAG_BEGIN, "TR");
	}
	x = c->x0;
	for (size_t i = 0; i < t->n_cols && i < 64; i++) {
		if (group_of(t, i))
			place_header_cell(c, &t->header[i], &hc[i], x, top + group_h, t->widths[i],
					  height - group_h, NULL, 1, tagged);
		x += t->widths[i];
	}
	if (tagged)
		tag(c, ITEM_TAG_END, "TR");
	c->y = top + height;
	c->fresh = false;
}

/* The header as place_table lays it out: its cells, its groups' cells and
 * its height; freed by free_header. */
struct laid_header {
	struct laid_cell cells[64], groups[64];
	double height, group_h;
};

static void lay_out_whole_header(struct cursor *c, const struct table *t, struct laid_header *h)
{
	h->height = lay_out_header(c, t, h->cells, h->groups, &h->group_h);
}

static void free_header(const struct table *t, struct laid_header *h)
{
	for (size_t i = 0; i < t->n_cols && i < 64; i++)
		free_cell(&h->cells[i]);
	for (size_t g = 0; g < t->n_groups && g < 64; g++)
		free_cell(&h->groups[g]);
}

/* The height of the whole table when it is short (no more than a short row's
 * share of the page), which moves whole, as a short row does: a few figures
 * under their caption are read together. 0 for a longer table. */
static double short_table_height(struct cursor *c, const struct table *t, double header_h)
{
	double limit = c->height * SHORT_ROW_SHARE, h = header_h;
	for (size_t r = 0; r < t->n_rows && h <= limit; r++) {
		struct row_work w;
		row_begin(c, t, r, &w, true);
		h += w.height;
		row_end(t, &w);
	}
	return h <= limit ? h : 0;
}

/* Whether the table can begin in `space` points at the foot of a page that
 * has something on it already: its header row and the first fragment of its
 * first row, as place_table would place them. A caption or heading kept with
 * the table asks this, so as never to stand alone at a page foot. */
static bool table_starts_in(struct cursor *c, struct table *t, double space)
{
	if (!t->n_rows)
		return true;
	fix_widths(c, t);
	struct laid_header header;
	lay_out_whole_header(c, t, &header);
	double header_h = header.height;
	double whole = short_table_height(c, t, header_h);
	if (whole) {
		free_header(t, &header);
		return whole <= space + 0.01;
	}
	struct row_work w;
	row_begin(c, t, 0, &w, true);
	bool fresh = c->fresh;
	c->fresh = false;	/* what precedes the table will be on the page */
	double used;
	bool fits = fit_row(c, &w, space - header_h - 2 * CELL_PAD, &used) != ROW_NEXT_PAGE;
	c->fresh = fresh;
	row_end(t, &w);
	free_header(t, &header);
	return fits;
}

/* The table's header opens THead; the rows after it go in TBody, closed
 * with the Table. */
static void thead_begin(struct cursor *c, bool *header_tagged)
{
	tag(c, ITEM_TAG_BEGIN, "THead");
	*header_tagged = true;
}

static void thead_end(struct cursor *c)
{
	tag(c, ITEM_TAG_END, "THead");
	tag(c, ITEM_TAG_BEGIN, "TBody");
}

/* The rest of one row (or of a header row placed once) at the cursor, page
 * after page, in fragments split between lines; under the header row on each
 * page it begins, when header is given. */
static void place_fragments(struct cursor *c, const struct table *t, struct cell *row,
			    struct row_work *w, struct laid_header *header, bool *header_on_page,
			    bool *header_tagged)
{
	while (!c->stopped) {
		double head = header && !*header_on_page ? header->height : 0;
		double used;
		enum row_fit fit = fit_row(c, w, space_left(c) - head - 2 * CELL_PAD, &used);
		if (fit == ROW_NEXT_PAGE) {
			new_page(c);
			*header_on_page = false;
			continue;
		}
		if (header && !*header_on_page) {
			/* THead the first time; its repeats artifacts */
			bool first = !*header_tagged;
			if (first)
				thead_begin(c, header_tagged);
			place_header(c, t, header->cells, header->groups, header->height,
				     header->group_h, first);
			if (first)
				thead_end(c);
		}
		*header_on_page = true;
		place_row(c, t, row, w->cells, w->started ? w->leads : NULL, w->from, w->to,
			  used + 2 * CELL_PAD, true);
		if (fit == ROW_WHOLE)
			break;
		for (size_t i = 0; i < w->n; i++)
			w->from[i] = w->to[i];
		if (!w->started)
			row_continue(c, t, row, w);
		new_page(c);
		*header_on_page = false;
	}
}

/* Rows in order, each whole or in fragments; the header row is placed on a
 * page only with a fragment of a row under it, never alone at its foot. */
static void place_table(struct cursor *c, struct table *t)
{
	fix_widths(c, t);
	size_t n = t->n_cols < 64 ? t->n_cols : 64;
	struct laid_header header;
	lay_out_whole_header(c, t, &header);
	double header_h = header.height;
	if (!c->fresh) {
		double whole = short_table_height(c, t, header_h);
		if (whole && whole > space_left(c) + 0.01)
			new_page(c);
	}
	/* Table > (Caption) THead TBody: the caption's paragraph opened the
	 * Table when it captions this one */
	bool repeat_header = header_h <= c->height * REPEAT_MAX_SHARE;
	/* a header placed once is placed even over no rows */
	bool tagged = t->n_rows > 0 || !repeat_header;
	if (tagged && !c->table_open)
		tag(c, ITEM_TAG_BEGIN, "Table");
	c->table_open = false;
	bool header_on_page = false, header_tagged = false;
	if (!repeat_header && !t->n_groups) {
		/* too tall to repeat: once, as the first row, split as rows are */
		struct row_work w = { .n = n, .height = header_h, .borrowed = true };
		for (size_t i = 0; i < n; i++) {
			w.cells[i] = header.cells[i];
			w.from[i] = 0;
			if (header.cells[i].n_slots && header.cells[i].slots[0].height > w.line)
				w.line = header.cells[i].slots[0].height;
		}
		thead_begin(c, &header_tagged);
		place_fragments(c, t, t->header, &w, NULL, &header_on_page, NULL);
		thead_end(c);
		row_end(t, &w);
	} else if (!repeat_header) {
		/* in two rows under group headings: once, whole, on a page of its
		 * own when it cannot begin here */
		if (!c->fresh && header_h > space_left(c))
			new_page(c);
		thead_begin(c, &header_tagged);
		place_header(c, t, header.cells, header.groups, header_h, header.group_h, true);
		thead_end(c);
		header_on_page = true;
	}
	for (size_t r = 0; r < t->n_rows && !c->stopped; r++) {
		struct row_work w;
		row_begin(c, t, r, &w, false);
		place_fragments(c, t, w.row, &w, repeat_header ? &header : NULL,
				&header_on_page, &header_tagged);
		row_end(t, &w);
	}
	if (header_tagged)
		tag(c, ITEM_TAG_END, "TBody");
	if (tagged)
		tag(c, ITEM_TAG_END, "Table");
	free_header(t, &header);
	if (c->memo.table == t)
		memo_clear(&c->memo);	/* every row is taken by now: the memo itself */
	c->y += c->style->size_body * 0.8;
}

/* ---------- the flow ---------- */

/* Whether block i can begin in `space` points at the foot of a page that has
 * something on it already, as it would be placed there: a paragraph whole
 * (one taller than a page by two lines), a kept paragraph with what it is
 * kept with, a table by its header and first fragment. */
static bool starts_in(struct cursor *c, const struct flow *f, size_t i, double space)
{
	if (i >= f->n)
		return true;
	const struct block *b = &f->blocks[i];
	switch (b->type) {
	case BLOCK_PARAGRAPH: {
		const struct paragraph *p = b->para;
		struct laid_para lp;
		lay_out_paragraph(c, b->para, p->page_of ? c->width - PAGE_REF_WIDTH : c->width, &lp);
		int lines = lp.height <= c->height || lp.n_lines < 2 ? lp.n_lines : 2;
		double h = p->space_before +
			   (lines ? lp.tops[lines - 1] + lp.heights[lines - 1] - lp.tops[0] : 0);
		bool fits = h <= space + 0.01;
		if (fits && p->keep_with_next)
			fits = starts_in(c, f, i + 1, space - h - p->space_after);
		free_laid(&lp);
		return fits;
	}
	case BLOCK_TABLE:
		return table_starts_in(c, b->table, space);
	case BLOCK_FIGURE:
		return b->figure->height <= space + 0.01;
	default:
		return true;
	}
}

static void cursor_begin(struct cursor *c, const struct pdf_style *style, PangoContext *context,
			 struct layout_result *r, enum orientation first)
{
	*c = (struct cursor){ .style = style, .context = context, .r = r, .orientation = first,
			      .stop_after = LAYOUT_MAX_PAGES };
	c->cache = xcalloc(LAYOUT_CACHE_SIZE, sizeof *c->cache);
	new_page(c);
}

static void cursor_end(struct cursor *c)
{
	if (c->in_list) {
		tag(c, ITEM_TAG_END, "L");
		c->in_list = false;
	}
	finish_pages(c->r, c->r->n_pages);
	memo_clear(&c->memo);
	for (size_t k = 0; k < LAYOUT_CACHE_SIZE; k++) {
		struct cached_layout *e = &c->cache[k];
		if (!e->key)
			continue;
		free(e->key);
		g_object_unref(e->layout);
		free(e->tops);
		free(e->heights);
	}
	free(c->cache);
}

/* Whether block i is a caption of the table after it. */
static bool captions_table(const struct flow *f, size_t i)
{
	const struct block *b = &f->blocks[i];
	return b->type == BLOCK_PARAGRAPH && b->para->role == ROLE_CAPTION && i + 1 < f->n &&
	       f->blocks[i + 1].type == BLOCK_TABLE && f->blocks[i + 1].table->n_rows > 0;
}

static void place_block(struct cursor *c, const struct flow *f, size_t i)
{
	const struct block *b = &f->blocks[i];
	/* list items in a list (L), closed by whatever is not one */
	bool li = b->type == BLOCK_PARAGRAPH && b->para->role == ROLE_LI;
	if (li != c->in_list && (li || b->type != BLOCK_SPACE)) {
		tag(c, li ? ITEM_TAG_BEGIN : ITEM_TAG_END, "L");
		c->in_list = li;
	}
	switch (b->type) {
	case BLOCK_PARAGRAPH:
		if (captions_table(f, i)) {
			/* a table's caption is its first child */
			tag(c, ITEM_TAG_BEGIN, "Table");
			c->table_open = c->caption_in_table = true;
		}
		place_paragraph(c, f, i);
		c->caption_in_table = false;
		break;
	case BLOCK_TABLE:
		place_table(c, b->table);
		break;
	case BLOCK_FIGURE: {
		struct figure *fig = b->figure;
		if (fig->height > space_left(c) && !c->fresh)
			new_page(c);
		tag(c, ITEM_TAG_BEGIN, "Figure");
		struct item *it = add_item(c, ITEM_FIGURE);
		it->x = c->x0, it->y = c->y;
		it->w = fig->width < c->width ? fig->width : c->width;
		it->h = fig->height;
		it->figure = fig;
		tag(c, ITEM_TAG_END, "Figure");
		c->y += fig->height + c->style->size_body * 0.6;
		c->fresh = false;
		break;
	}
	case BLOCK_PAGE_BREAK:
		c->orientation = b->orientation;
		if (!c->fresh || c->page->orientation != c->orientation) {
			if (c->fresh)	/* reuse the empty page, turned */
				drop_blank_page(c);
			new_page(c);
		}
		break;
	case BLOCK_SPACE:
		if (!c->fresh)
			c->y += b->space;
		if (c->y > c->y0 + c->height)
			new_page(c);
		break;
	case BLOCK_NEED:
		if (!c->fresh && space_left(c) < b->space && b->space <= c->height)
			new_page(c);
		break;
	}
}

void layout_flow(const struct flow *f, const struct pdf_style *style, PangoContext *context,
		 struct layout_result *r)
{
	struct cursor c;
	cursor_begin(&c, style, context, r, f->first_orientation);
	for (size_t i = 0; i < f->n && !c.stopped; i++)
		place_block(&c, f, i);
	cursor_end(&c);
}

/* ---------- flows too long to hold ---------- */

/* Whether the forced page break at block i starts pages that lay out alike
 * however, and on whichever thread, what comes before it was laid out. It
 * does when the page it leaves has something placed on it (the break turns
 * it) or nothing at all (the break reuses or replaces it). Only a table with
 * no rows can leave a page with nothing placed on it but its tags, which a
 * break of the same orientation carries on: a break after one is not a
 * boundary. */
static bool is_boundary(const struct flow *f, size_t i)
{
	if (i == 0 || f->blocks[i].type != BLOCK_PAGE_BREAK)
		return false;
	for (size_t k = i; k-- > 0;) {
		const struct block *b = &f->blocks[k];
		if (b->type == BLOCK_TABLE)
			return b->table->n_rows > 0;
		if (b->type == BLOCK_PARAGRAPH || b->type == BLOCK_FIGURE)
			return true;
	}
	return true;	/* only space and breaks before it: the first page, blank */
}

enum page_state { PAGE_USED, PAGE_BLANK, PAGE_OTHER };

/* The page being filled: something placed on it; nothing at all on it (a
 * break after it makes it the next page); or neither, which is_boundary
 * rules out and which is checked for all the same. */
static enum page_state open_page(const struct cursor *c)
{
	if (!c->fresh)
		return PAGE_USED;
	return c->page->n == 0 && c->y == c->y0 ? PAGE_BLANK : PAGE_OTHER;
}

/* Roughly how long a block takes to lay out: its text. Only to cut the flow
 * into runs of like size. */
static size_t para_weight(const struct paragraph *p)
{
	return p->rich.text.len + 16;
}

static size_t block_weight(const struct block *b)
{
	size_t w = 16;
	if (b->type == BLOCK_PARAGRAPH)
		w += para_weight(b->para);
	if (b->type != BLOCK_TABLE)
		return w;
	const struct table *t = b->table;
	if (t->make_row)
		return w + t->row_weight;
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t i = 0; i < t->n_cols; i++)
			for (size_t k = 0; k < t->rows[r][i].n; k++)
				w += para_weight(t->rows[r][i].paras[k]);
	return w;
}

struct run {
	size_t from, to;		/* blocks: from is a boundary */
	struct layout_result result;	/* pages released, counted */
	enum page_state end;
};

/* Runs of the flow from its end backwards go to the other threads; the
 * calling thread goes on from the front and stops at the first run taken. */
struct counting {
	const struct flow *f;
	const struct pdf_style *style;
	pthread_mutex_t lock;
	struct run *runs;
	size_t n_runs;
	size_t front, back;	/* under lock: the calling thread has runs
				 * [0, front), the others [back, n_runs) */
	pthread_t threads[7];
	size_t n_threads;
	/* every page begun on any thread, and past how many all stop: the
	 * limit, and a page a run for the blank page a run may end on, which
	 * the next run's first page replaces (counted exactly once merged) */
	atomic_size_t pages_begun;
	size_t stop_after;
};

static void release_done(struct layout_result *r, size_t page, void *ctx)
{
	(void)ctx;
	layout_release_page(&r->pages[page]);
}

static void lay_out_run(struct counting *k, struct run *run, PangoContext *context)
{
	run->result = (struct layout_result){ .page_done = release_done };
	struct cursor c;
	cursor_begin(&c, k->style, context, &run->result, k->f->blocks[run->from].orientation);
	c.pages_begun = &k->pages_begun;
	c.stop_after = k->stop_after;
	for (size_t i = run->from; i < run->to && !c.stopped; i++)
		place_block(&c, k->f, i);
	run->end = open_page(&c);
	cursor_end(&c);
	run->result.page_done = NULL;
}

static void *count_runs(void *arg)
{
	struct counting *k = arg;
	/* Pango objects are not to be shared between threads: a font map and
	 * context of its own (as Pango gives each thread its default font map) */
	PangoContext *context = layout_context_new();
	for (;;) {
		pthread_mutex_lock(&k->lock);
		struct run *run = k->back > k->front ? &k->runs[--k->back] : NULL;
		pthread_mutex_unlock(&k->lock);
		if (!run)
			break;
		lay_out_run(k, run, context);
	}
	g_object_unref(context);
	return NULL;
}

static size_t thread_limit = (size_t)-1;

void layout_limit_threads(size_t n)
{
	thread_limit = n;
}

size_t layout_cores(void)
{
	cpu_set_t set;
	long cores = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) :
		     sysconf(_SC_NPROCESSORS_ONLN);
	return cores > 1 ? (size_t)cores : 1;
}

/* Threads besides the calling one: one a core the process may run on, at
 * most the array's size and the limit. */
static size_t helper_threads(void)
{
	size_t n = layout_cores() - 1;
	n = n < 7 ? n : 7;
	return n < thread_limit ? n : thread_limit;
}

/* Cuts blocks (after, n) into runs at boundaries and starts the threads
 * that count them from the end. */
static void start_counting(struct counting *k, size_t after)
{
	const struct flow *f = k->f;
	size_t helpers = helper_threads();
	if (!helpers)
		return;
	size_t total = 0;
	for (size_t i = after + 1; i < f->n; i++)
		total += block_weight(&f->blocks[i]);
	/* several runs a thread, so that where the calling thread and the
	 * others meet, neither waits long for the other */
	size_t target = total / (8 * (helpers + 1)) + 1, since = 0;
	k->runs = xcalloc(f->n, sizeof *k->runs);
	for (size_t i = after + 1; i < f->n; i++) {
		if (is_boundary(f, i) && (!k->n_runs || since >= target)) {
			if (k->n_runs)
				k->runs[k->n_runs - 1].to = i;
			k->runs[k->n_runs++].from = i;
			since = 0;
		}
		since += block_weight(&f->blocks[i]);
	}
	if (k->n_runs)
		k->runs[k->n_runs - 1].to = f->n;
	k->front = 0;
	k->back = k->n_runs;
	for (size_t t = 0; t < helpers && k->n_runs; t++)
		if (pthread_create(&k->threads[k->n_threads], NULL, count_runs, k) == 0)
			k->n_threads++;
}

/* The calling thread's part. */
struct bounded {
	struct counting *k;
	size_t keep;
	bool keeping;			/* every page so far is held */
	size_t block;			/* the block being placed */
	struct layout_resume resume;	/* the last boundary while keeping */
};

static void bounded_done(struct layout_result *r, size_t page, void *ctx)
{
	struct bounded *b = ctx;
	if (!b->keeping) {
		layout_release_page(&r->pages[page]);
	} else if (page + 1 > b->keep) {
		/* one page too many: hold only those before the last boundary,
		 * and count the rest */
		b->keeping = false;
		for (size_t i = b->resume.page; i <= page; i++)
			layout_release_page(&r->pages[i]);
		start_counting(b->k, b->block);
	}
}

/* Every page counted on the calling thread alone, none held: for the flow
 * that is_boundary and open_page disagree on, which should not be. */
static void count_alone(const struct flow *f, const struct pdf_style *style,
			PangoContext *context, struct layout_result *r, struct layout_resume *resume)
{
	layout_free(r);
	r->page_done = release_done;
	layout_flow(f, style, context, r);
	r->page_done = NULL;
	*resume = (struct layout_resume){ 0, 0 };
}

void layout_flow_bounded(const struct flow *f, const struct pdf_style *style,
			 PangoContext *context, size_t keep, struct layout_result *r,
			 struct layout_resume *resume)
{
	struct counting k = { .f = f, .style = style };
	pthread_mutex_init(&k.lock, NULL);
	struct bounded b = { .k = &k, .keep = keep, .keeping = true };
	r->page_done = bounded_done;
	r->page_done_ctx = &b;
	bool agree = true;	/* is_boundary and open_page, at every boundary met */
	size_t next_run = 0;
	struct cursor c;
	cursor_begin(&c, style, context, r, f->first_orientation);
	/* every thread counts its pages into one count, to stop them all when
	 * the flow has too many: the limit, and room for the blank page each
	 * run may end on (at most 8 a thread, and 8 threads), which the next
	 * run's first page replaces; the exact count is taken once merged */
	k.stop_after = LAYOUT_MAX_PAGES + 128;
	atomic_init(&k.pages_begun, r->n_pages);
	c.pages_begun = &k.pages_begun;
	c.stop_after = k.stop_after;
	for (size_t i = 0; i < f->n && !c.stopped; i++) {
		if (is_boundary(f, i)) {
			enum page_state st = open_page(&c);
			agree &= st != PAGE_OTHER;
			size_t before = r->n_pages - (st == PAGE_BLANK);
			if (b.keeping && before <= keep)
				b.resume = (struct layout_resume){ i, before };
			if (next_run < k.n_runs && k.runs[next_run].from == i) {
				pthread_mutex_lock(&k.lock);
				bool mine = k.front < k.back;
				if (mine)
					k.front++;
				pthread_mutex_unlock(&k.lock);
				if (!mine) {
					/* the rest is counted: the page left blank
					 * is the next run's first */
					if (st == PAGE_BLANK)
						drop_blank_page(&c);
					break;
				}
				next_run++;
			}
		}
		b.block = i;
		place_block(&c, f, i);
	}
	b.block = f->n;
	cursor_end(&c);
	r->page_done = NULL;
	r->page_done_ctx = NULL;
	for (size_t t = 0; t < k.n_threads; t++)
		pthread_join(k.threads[t], NULL);
	for (size_t j = k.front; j < k.n_runs; j++) {
		struct run *run = &k.runs[j];
		if (j + 1 < k.n_runs && run->end == PAGE_BLANK)
			run->result.n_pages--;	/* the next run's first page */
		agree &= j + 1 == k.n_runs || run->end != PAGE_OTHER;
		layout_merge(r, &run->result);
	}
	free(k.runs);
	pthread_mutex_destroy(&k.lock);
#ifdef __GLIBC__
	/* what the threads freed is theirs (glibc gives each thread its own
	 * heap), which the painting on this thread cannot reuse: given back
	 * (a 10,000-action plan held some 20 MB of it till the end) */
	if (k.n_threads)
		malloc_trim(0);
#endif
	if (b.keeping)
		*resume = (struct layout_resume){ f->n, r->n_pages };
	else
		*resume = b.resume;
	/* a flow held whole was laid out in one piece: it stands whatever */
	if (!agree && !b.keeping)
		count_alone(f, style, context, r, resume);
}

void layout_flow_from(const struct flow *f, struct layout_resume resume,
		      const struct pdf_style *style, PangoContext *context,
		      struct layout_result *r)
{
	struct cursor c;
	cursor_begin(&c, style, context, r, resume.block ? f->blocks[resume.block].orientation :
				      f->first_orientation);
	for (size_t i = resume.block; i < f->n && !c.stopped; i++)
		place_block(&c, f, i);
	cursor_end(&c);
}

int layout_page_last_number(const struct page *page)
{
	return page->number_last > page->number ? page->number_last : page->number;
}

void layout_add_outline(struct layout_result *r, const char *title, int level, size_t page,
			double y)
{
	if (r->n_outline == r->cap_outline) {
		r->cap_outline = r->cap_outline ? r->cap_outline * 2 : 32;
		r->outline = xrealloc(r->outline, r->cap_outline * sizeof *r->outline);
	}
	r->outline[r->n_outline++] = (struct outline_entry){ keep_string(r, title), level, page, y };
}

void layout_add_dest(struct layout_result *r, size_t index, const char *name)
{
	struct page *p = &r->pages[index];
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = xrealloc(p->items, p->cap * sizeof *p->items);
	}
	memmove(p->items + 1, p->items, p->n * sizeof *p->items);
	p->n++;
	memset(p->items, 0, sizeof *p->items);
	p->items[0].type = ITEM_DEST;
	p->items[0].x = 0;
	p->items[0].y = 0;
	own_text(&p->items[0], name);
	record_dest(r, name, index);
}

void layout_set_stamp(struct layout_result *r, size_t page, const char *stamp)
{
	r->pages[page].stamp = keep_string(r, stamp);
}

#define APPEND(into, from, field, n, cap) do { \
	if ((into)->n + (from)->n > (into)->cap) { \
		(into)->cap = (into)->n + (from)->n; \
		(into)->field = xrealloc((into)->field, (into)->cap * sizeof *(into)->field); \
	} \
	if ((from)->n) \
		memcpy((into)->field + (into)->n, (from)->field, (from)->n * sizeof *(from)->field); \
	(into)->n += (from)->n; \
} while (0)

void layout_merge(struct layout_result *into, struct layout_result *from)
{
	size_t offset = into->n_pages;
	for (size_t i = 0; i < from->n_outline; i++)
		from->outline[i].page += offset;
	for (size_t i = 0; i < from->n_dests; i++)
		from->dests[i].page += offset;
	APPEND(into, from, dests, n_dests, cap_dests);
	free(from->dests);
	APPEND(into, from, pages, n_pages, cap_pages);
	APPEND(into, from, outline, n_outline, cap_outline);
	APPEND(into, from, strings, n_strings, cap_strings);
	into->too_many_pages |= from->too_many_pages || into->n_pages > LAYOUT_MAX_PAGES;
	free(from->pages);
	free(from->outline);
	free(from->strings);
	memset(from, 0, sizeof *from);
}

void layout_release_page(struct page *page)
{
	for (size_t i = 0; i < page->n; i++) {
		struct item *it = &page->items[i];
		if (it->layout)
			g_object_unref(it->layout);
		if (it->owns_text)
			free((char *)it->text);
		g_free(it->alt);
	}
	free(page->items);
	page->items = NULL;
	page->n = page->cap = 0;
}

void layout_restore_page(struct page *again, struct page *counted)
{
	again->stamp = counted->stamp;
	again->draft = counted->draft;
	again->number = counted->number;
	again->number_last = counted->number_last;
	again->not_for_publication = counted->not_for_publication;
	if (!counted->n)
		return;
	/* in front, as layout_add_dest puts them */
	again->items = xrealloc(again->items, (again->n + counted->n) * sizeof *again->items);
	memmove(again->items + counted->n, again->items, again->n * sizeof *again->items);
	memcpy(again->items, counted->items, counted->n * sizeof *again->items);
	again->n += counted->n;
	again->cap = again->n;
	free(counted->items);
	counted->items = NULL;
	counted->n = counted->cap = 0;
}

void layout_free(struct layout_result *r)
{
	for (size_t i = 0; i < r->n_pages; i++)
		layout_release_page(&r->pages[i]);
	free(r->pages);
	free(r->outline);
	free(r->dests);
	for (size_t i = 0; i < r->n_strings; i++)
		free(r->strings[i]);
	free(r->strings);
	memset(r, 0, sizeof *r);
}
