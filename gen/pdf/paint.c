/* paint.c - the display list onto cairo. Only here do pages become ink. */
#define _GNU_SOURCE	/* memmem */
#include "catalog.h"
#include "paint.h"
#include "pdf_amend.h"
#include "tagtree.h"
#include "typeset.h"
#include "url.h"

#include <cairo-pdf.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_rgb(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* cairo's attribute strings quote with ' and escape ' and \ with \. */
static void quote_attr(struct strbuf *b, const char *s)
{
	strbuf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			strbuf_addc(b, '\\');
		strbuf_addc(b, *s);
	}
	strbuf_addc(b, '\'');
}

/* Where each line of a layout is set (its line, x and baseline, as a layout
 * iterator gives them), found once per layout: a paragraph running over
 * many pages is shown by an item on each, and an iterator walked from the
 * first line for each (Pango measures every line when it makes one) took
 * time growing with the square of the paragraph's lines (a title of one
 * word of 1 MiB, 1,700 pages: 21 s). */
struct line_places {
	int n;
	PangoLayoutLine **lines;
	int *x, *baseline;
};

static void free_line_places(gpointer data)
{
	struct line_places *p = data;
	free(p->lines);
	free(p->x);
	free(p->baseline);
	free(p);
}

static const struct line_places *line_places(PangoLayout *layout)
{
	static const char key[] = "planpress-line-places";
	struct line_places *p = g_object_get_data(G_OBJECT(layout), key);
	if (p)
		return p;
	p = xcalloc(1, sizeof *p);
	int n = pango_layout_get_line_count(layout);
	size_t slots = (size_t)(n > 0 ? n : 1);
	p->lines = xmalloc(slots * sizeof *p->lines);
	p->x = xmalloc(slots * sizeof *p->x);
	p->baseline = xmalloc(slots * sizeof *p->baseline);
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	int i = 0;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		p->x[i] = logical.x;
		p->baseline[i] = pango_layout_iter_get_baseline(iter);
		p->lines[i] = pango_layout_iter_get_line_readonly(iter);
		i++;
	} while (i < n && pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	p->n = i;
	g_object_set_data_full(G_OBJECT(layout), key, p, free_line_places);
	return p;
}

static void show_lines(cairo_t *cr, const struct item *it)
{
	const struct line_places *p = line_places(it->layout);
	set_rgb(cr, it->colour);
	for (int i = it->first; i < it->first + it->count && i < p->n; i++) {
		cairo_move_to(cr, it->x + (double)p->x[i] / PANGO_SCALE,
			      it->y + (double)p->baseline[i] / PANGO_SCALE);
		pango_cairo_show_layout_line(cr, p->lines[i]);
	}
}

static PangoLayout *furniture_layout(cairo_t *cr, const struct pdf_style *s, const char *text,
				     double size, bool bold);

/* A link, kept for pdf_amend: its rectangle in the PDF's coordinates, from
 * the page's foot. */
static void add_link(struct tagger *g, const struct item *it, size_t page, double height)
{
	struct strbuf uri = { 0 };
	const char *target = it->text;
	if (target[0] != '#') {
		url_encode(it->text, true, &uri);
		target = uri.data ? uri.data : "";
	}
	tagger_link(g, page, it->x, height - it->y - it->h, it->x + it->w, height - it->y, target,
		    it->alt ? it->alt : it->text);
	strbuf_free(&uri);
}

/* A language as the PDF names it (/Lang): English is British English;
 * NULL stays NULL (the document's language). */
static const char *pdf_lang(const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? "en-GB" : lang;
}

/* numbers: where page references find the page a destination is on;
 * tags: the structure tree (NULL: painting without tags), index: the page's */
static void paint_items(cairo_t *cr, const struct page *page, size_t index, struct tagger *tags,
			const struct pdf_style *s, const struct layout_result *numbers)
{
	for (size_t i = 0; i < page->n; i++) {
		const struct item *it = &page->items[i];
		switch (it->type) {
		case ITEM_LINES:
			tagger_content_follows(cr, tags);
			show_lines(cr, it);
			break;
		case ITEM_RECT:
			tagger_content_follows(cr, tags);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			if (it->has_fill) {
				set_rgb(cr, it->fill);
				if (it->has_stroke)
					cairo_fill_preserve(cr);
				else
					cairo_fill(cr);
			}
			if (it->has_stroke) {
				set_rgb(cr, it->colour);
				cairo_set_line_width(cr, it->line_width);
				cairo_stroke(cr);
			}
			cairo_new_path(cr);
			break;
		case ITEM_MARKER:
			/* up and down: a triangle pointing so; the same: one pointing on */
			tagger_content_follows(cr, tags);
			set_rgb(cr, it->colour);
			if (it->first == MARKER_UP) {
				cairo_move_to(cr, it->x, it->y + it->h);
				cairo_line_to(cr, it->x + it->w / 2, it->y);
				cairo_line_to(cr, it->x + it->w, it->y + it->h);
			} else if (it->first == MARKER_DOWN) {
				cairo_move_to(cr, it->x, it->y);
				cairo_line_to(cr, it->x + it->w / 2, it->y + it->h);
				cairo_line_to(cr, it->x + it->w, it->y);
			} else {
				cairo_move_to(cr, it->x, it->y);
				cairo_line_to(cr, it->x + it->w, it->y + it->h / 2);
				cairo_line_to(cr, it->x, it->y + it->h);
			}
			cairo_close_path(cr);
			cairo_fill(cr);
			break;
		case ITEM_LINK:
			if (tags)
				add_link(tags, it, index, page->height);
			break;
		case ITEM_DEST: {
			if (!tags)
				break;
			struct strbuf a = { 0 };
			strbuf_adds(&a, "name=");
			quote_attr(&a, it->text);
			strbuf_printf(&a, " x=%.2f y=%.2f", it->x, it->y);
			cairo_tag_begin(cr, CAIRO_TAG_DEST, a.data);
			cairo_tag_end(cr, CAIRO_TAG_DEST);
			strbuf_free(&a);
			break;
		}
		case ITEM_TAG_BEGIN:
			if (tags && strcmp(it->text, "TH") == 0)
				tagger_begin_header(tags, it->alt ? it->alt : "Column");
			else if (tags)
				tagger_begin(tags, it->text, pdf_lang(it->lang));
			break;
		case ITEM_TAG_END:
			if (tags)
				tagger_end(tags, it->text);
			break;
		case ITEM_FIGURE:
			if (tags)
				tagger_figure_alt(tags, it->figure->alt);
			tagger_content_follows(cr, tags);
			cairo_save(cr);
			it->figure->draw(cr, it->x, it->y, it->w, it->h, it->figure->data);
			cairo_restore(cr);
			break;
		case ITEM_PAGE_REF: {
			int number = numbers ? layout_page_number_of(numbers, it->text) : 0;
			if (number <= 0)
				break;
			tagger_content_follows(cr, tags);
			char text[24];
			snprintf(text, sizeof text, "%d", number);
			PangoLayout *l = furniture_layout(cr, s, text, it->line_width, false);
			int w, h;
			pango_layout_get_size(l, &w, &h);
			set_rgb(cr, it->colour);
			cairo_move_to(cr, it->x - (double)w / PANGO_SCALE, it->y);
			pango_cairo_show_layout(cr, l);
			g_object_unref(l);
			break;
		}
		}
	}
}

static PangoLayout *furniture_layout(cairo_t *cr, const struct pdf_style *s, const char *text,
				     double size, bool bold)
{
	return typeset_layout_for(cr, s->body_font, size, bold, text);
}

/* The most of a running header's or footer's text that is set: the line is
 * cut short with an ellipsis far sooner (a few hundred letters at most), and
 * the whole of a long title or organisation set on every page took time
 * growing with the square of its length (1 MiB of organisation, five
 * minutes). */
enum { FURNITURE_MAX = 1024 };

/* x is the left edge, or the right edge when right_align. Returns the width
 * the text took. */
static double furniture_text(cairo_t *cr, const struct pdf_style *s, const char *text, double x,
			     double y, double max_w, bool right_align, bool bold, struct rgb colour)
{
	if (!text || !*text)
		return 0;
	char cut[FURNITURE_MAX + 1];
	size_t n = strnlen(text, FURNITURE_MAX + 1);
	if (n > FURNITURE_MAX) {
		n = FURNITURE_MAX;
		while (n && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;	/* never inside a character */
		memcpy(cut, text, n);
		cut[n] = '\0';
		text = cut;
	}
	PangoLayout *l = furniture_layout(cr, s, text, s->size_small, bold);
	pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	set_rgb(cr, colour);
	double width = (double)w / PANGO_SCALE;
	if (width > max_w)
		width = max_w;
	cairo_move_to(cr, right_align ? x - width : x, y);
	pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return width;
}

/* Running header and footer: artefacts of the page, outside the structure,
 * each marked a Pagination artifact of its own (tags NULL: no tags). */
static void paint_furniture(cairo_t *cr, const struct page *page, const struct pdf_style *s,
			    const struct pdf_meta *m, int total, struct tagger *tags)
{
	if (tags)
		tagger_mark(cr, tags, PDF_RUN_HEADER);
	double left = s->margin_left, right = page->width - s->margin_right;
	double top = s->margin_top;
	double width = right - left;
	double left_w = furniture_text(cr, s, m->header_left, left, top, width * 0.45, false, false,
				       s->muted);
	double right_end = right;
	if (page->stamp) {
		/* "Agenda Item 6" in a box at the top right, as clerks stamp it */
		PangoLayout *l = furniture_layout(cr, s, page->stamp, s->size_body, true);
		int w, h;
		pango_layout_get_size(l, &w, &h);
		double bw = (double)w / PANGO_SCALE + 8, bh = (double)h / PANGO_SCALE + 4;
		cairo_rectangle(cr, right - bw, top - 4, bw, bh);
		set_rgb(cr, s->text);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
		cairo_move_to(cr, right - bw + 4, top - 2);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		right_end = right - bw - 8;
	}
	if (m->draft || page->draft) {
		furniture_text(cr, s, msg("DRAFT"), right_end, top, 60, true, true, s->draft);
		right_end -= 48;
	}
	if (page->not_for_publication) {
		/* as councils head exempt reports, with the paragraph that makes
		 * them so, in black bold: red prints a pale grey */
		char nfp[FURNITURE_MAX + 32];
		snprintf(nfp, sizeof nfp, "%s: %.*s", msg("NOT FOR PUBLICATION"), FURNITURE_MAX,
			 page->not_for_publication);
		right_end -= furniture_text(cr, s, nfp, right_end, top, width * 0.5, true, true,
					    s->text) + 8;
	}
	/* the title in what room is left, never over the organisation */
	double room = right_end - (left + left_w + 12);
	if (room > width * 0.45)
		room = width * 0.45;
	if (room > 12)
		furniture_text(cr, s, m->header_right, right_end, top, room, true, false, s->muted);
	double rule_y = top + s->size_small * 1.3 + 2;
	set_rgb(cr, s->rule);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, left, rule_y);
	cairo_line_to(cr, right, rule_y);
	cairo_stroke(cr);

	double foot = page->height - s->margin_bottom - s->size_small * 1.3;
	if (tags)
		tagger_mark(cr, tags, PDF_RUN_FOOTER);
	cairo_move_to(cr, left, foot - 3);
	cairo_line_to(cr, right, foot - 3);
	cairo_stroke(cr);
	furniture_text(cr, s, m->footer_left, left, foot, width * 0.5, false, false, s->muted);
	if (page->number > 0) {
		char number[64];
		char first[16], last[16];
		const char *said;
		snprintf(first, sizeof first, "%d", page->number);
		snprintf(last, sizeof last, "%d", page->number_last > page->number ?
			 page->number_last : total);
		struct arena words;
		arena_init(&words);
		if (page->number_last > page->number)
			said = msg_printf(&words, msg("Pages %s - %s"), first, last);
		else if (total > 0)
			said = msg_printf(&words, msg("Page %s of %s"), first, last);
		else
			said = msg_printf(&words, msg("Page %s"), first);
		snprintf(number, sizeof number, "%s", said);
		arena_free(&words);
		furniture_text(cr, s, number, right, foot, width * 0.4, true, false, s->text);
	}
}

/* A write that fails is kept by the stream (ferror), later writes dropped,
 * and said when the document is finished. cairo is not told: cairo 1.16,
 * told after it has been given destinations on the page it was writing,
 * asserts on them when the surface is finished (a full disk aborted a
 * render). */
static cairo_status_t write_to_file(void *closure, const unsigned char *data,
				    unsigned int length)
{
	FILE *f = closure;
	if (!ferror(f))
		fwrite(data, 1, length, f);
	return CAIRO_STATUS_SUCCESS;
}

static int count_total(const struct layout_result *r, const struct pdf_meta *m)
{
	if (m->total_pages > 0)
		return m->total_pages;
	if (m->total_pages < 0)
		return 0;	/* "Page N" alone, as agenda packs are numbered */
	int total = 0;
	for (size_t i = 0; i < r->n_pages; i++)
		if (layout_page_last_number(&r->pages[i]) > total)
			total = layout_page_last_number(&r->pages[i]);
	return total;
}

struct pdf_painter {
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct pdf_style *style;
	const struct pdf_meta *meta;
	FILE *out;
	int total;
	const struct layout_result *numbers;	/* for page references */
	bool page_open;		/* a page painted, not yet shown */
	cairo_status_t status;	/* cairo's, once closed */
	/* for the amendments: the tags (tree, links, figures' words, header
	 * cells' attributes) and each page's printed number */
	struct tagger tags;
	int *page_numbers;
	size_t n_pages, cap_pages;
};

struct pdf_painter *pdf_painter_begin(const struct pdf_style *s, const struct pdf_meta *m,
				      const struct layout_result *numbers, FILE *out)
{
	struct pdf_painter *p = xcalloc(1, sizeof *p);
	p->style = s, p->meta = m, p->out = out;
	p->total = count_total(numbers, m);
	p->numbers = numbers;
	p->surface = cairo_pdf_surface_create_for_stream(write_to_file, out, A4_SHORT, A4_LONG);
	cairo_pdf_surface_restrict_to_version(p->surface, CAIRO_PDF_VERSION_1_5);
	if (m->title)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, m->title);
	if (m->author)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, m->author);
	if (m->subject)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT, m->subject);
	if (m->keywords)
		cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "planpress");
	char date[40];
	snprintf(date, sizeof date, "%sT00:00:00Z", m->date_iso && *m->date_iso ? m->date_iso :
		 "2000-01-01");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	p->cr = cairo_create(p->surface);
	return p;
}

void pdf_painter_page(struct pdf_painter *p, const struct page *page)
{
	/* a page is shown when the next begins, or at the end; its size is
	 * set before anything is drawn on it (setting a page's size drops what
	 * was drawn before it) */
	if (p->page_open)
		cairo_show_page(p->cr);
	cairo_pdf_surface_set_size(p->surface, page->width, page->height);
	if (!p->page_open && p->n_pages == 0)
		tagger_begin(&p->tags, "Document", NULL);
	p->page_open = true;
	paint_furniture(p->cr, page, p->style, p->meta, p->total, &p->tags);
	paint_items(p->cr, page, p->n_pages, &p->tags, p->style, p->numbers);
	if (p->n_pages == p->cap_pages) {
		p->cap_pages = p->cap_pages ? p->cap_pages * 2 : 64;
		p->page_numbers = xrealloc(p->page_numbers, p->cap_pages * sizeof *p->page_numbers);
	}
	p->page_numbers[p->n_pages++] = page->number;
#ifdef __GLIBC__
	/* glibc keeps what is freed for the process (main.c's
	 * M_TRIM_THRESHOLD), and painting frees about as much as it takes, a
	 * page at a time, at ever other places of the heap: every 64 pages
	 * what is free is given back (10,000 actions: RSS grew 13 MB over the
	 * painting, now 4) */
	if (p->n_pages % 64 == 0)
		malloc_trim(0);
#endif
}

static void painter_free(struct pdf_painter *p)
{
	tagger_free(&p->tags);
	free(p->page_numbers);
	free(p);
}

void pdf_painter_close(struct pdf_painter *p, const struct layout_result *r)
{
	if (p->page_open) {
		tagger_end(&p->tags, "Document");
		cairo_show_page(p->cr);
	}
	/* bookmarks: a parent per level, so entries nest under the one before */
	int parents[8] = { CAIRO_PDF_OUTLINE_ROOT };
	for (size_t i = 0; i < r->n_outline; i++) {
		const struct outline_entry *e = &r->outline[i];
		int level = e->level < 1 ? 1 : e->level > 7 ? 7 : e->level;
		char attrs[96];
		snprintf(attrs, sizeof attrs, "page=%zu pos=[0 %.2f]", e->page + 1, e->y);
		int id = cairo_pdf_surface_add_outline(p->surface, parents[level - 1], e->title, attrs,
						       level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		parents[level] = id;
		for (int k = level + 1; k < 8; k++)
			parents[k] = id;
	}
	cairo_status_t status = cairo_status(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	p->status = status;
	p->numbers = NULL;
}

bool pdf_painter_finish(struct pdf_painter *p, const char **error)
{
#ifdef __GLIBC__
	/* what the caller freed (the pages, the flow) given back before the
	 * tree is made */
	malloc_trim(0);
#endif
	FILE *out = p->out;
	bool ok = false;
	if (p->status != CAIRO_STATUS_SUCCESS) {
		*error = cairo_status_to_string(p->status);
	} else if (p->tags.unbalanced || p->tags.depth) {
		*error = "the structure elements painted do not nest";
	} else if (ferror(out)) {
		*error = "the temporary file could not be written";
	} else {
		const struct pdf_meta *m = p->meta;
		struct pdf_amendments amend = {
			.lang = pdf_lang(messages_lang()),
			.title = m->title, .author = m->author, .subject = m->subject,
			.keywords = m->keywords, .date_iso = m->date_iso,
			.tree = tagger_tree(&p->tags),
			.figure_alts = p->tags.figure_alts, .n_figures = p->tags.n_figure_alts,
			.links = p->tags.links, .n_links = p->tags.n_links,
			.header_attrs = p->tags.header_attrs, .n_headers = p->tags.n_header_attrs,
			.numbers = p->page_numbers, .n_pages = p->n_pages,
		};
		ok = pdf_amend(out, &amend);
		if (!ok)
			*error = ferror(out) ? "the temporary file could not be written" :
				 "the PDF cairo wrote is not laid out as expected (catalog, page "
				 "tree, content streams, marks, figures or links)";
	}
	painter_free(p);
	return ok;
}

bool paint_png(const struct layout_result *r, size_t index, const struct pdf_style *s,
	       const struct pdf_meta *m, double dpi, const char *path)
{
	if (index >= r->n_pages)
		return false;
	const struct page *page = &r->pages[index];
	double scale = dpi / 72.0;
	cairo_surface_t *surface = cairo_image_surface_create(
		CAIRO_FORMAT_RGB24, (int)(page->width * scale), (int)(page->height * scale));
	cairo_t *cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	paint_furniture(cr, page, s, m, count_total(r, m), NULL);
	paint_items(cr, page, index, NULL, s, r);
	cairo_destroy(cr);
	bool ok = cairo_surface_write_to_png(surface, path) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(surface);
	return ok;
}
