/* flow.c - building the flow: rich text, paragraphs, tables, and markdown into
 * paragraphs through md4c (attributes by byte range, never markup strings). */
#include "flow.h"
#include "markdown.h"
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void rich_add_lang(struct rich *r, int start, int end, const char *lang);

void rich_add(struct rich *r, const char *text, size_t len, PangoAttribute **attrs, size_t n)
{
	size_t start = r->text.len;
	strbuf_add(&r->text, text, len);
	if (!r->attrs)
		r->attrs = pango_attr_list_new();
	for (size_t i = 0; i < n; i++) {
		attrs[i]->start_index = (guint)start;
		attrs[i]->end_index = (guint)(start + len);
		pango_attr_list_insert(r->attrs, attrs[i]);
	}
	r->n_attrs += n;
	/* a text of the model is whole (its NUL after len), never a piece */
	const char *lang = len ? text_foreign_lang(text) : NULL;
	if (lang && strnlen(text, len + 1) == len)
		rich_add_lang(r, (int)start, (int)(start + len), lang);
}

/* A range in lang put at k of the ranges, which stay in order; joined to
 * the one before when it ends where this starts. */
static void rich_insert_lang(struct rich *r, size_t k, int start, int end, const char *lang)
{
	struct rich_lang *before = k ? &r->langs[k - 1] : NULL;
	if (before && before->end == start && before->lang == lang) {
		before->end = end;	/* two texts kept, side by side */
		return;
	}
	r->langs = xgrow(r->langs, r->n_langs, sizeof *r->langs);
	memmove(&r->langs[k + 1], &r->langs[k], (r->n_langs - k) * sizeof *r->langs);
	r->langs[k] = (struct rich_lang){ start, end, lang };
	r->n_langs++;
}

static void rich_add_lang(struct rich *r, int start, int end, const char *lang)
{
	rich_insert_lang(r, r->n_langs, start, end, lang);
}

void rich_mark_parts(struct rich *r, const char *const *parts, size_t n)
{
	size_t i;
	for (const char *at = r->text.data; at && (at = text_next_foreign_part(at, parts, n, &i));) {
		int start = (int)(at - r->text.data), end = start + (int)strlen(parts[i]);
		at += end - start;
		/* within a text marked whole as it was added, it is marked
		 * already; ranges stay in order */
		size_t k = 0;
		while (k < r->n_langs && r->langs[k].end <= start)
			k++;
		if (k == r->n_langs || r->langs[k].start >= end)
			rich_insert_lang(r, k, start, end, text_foreign_lang(parts[i]));
	}
}

void rich_mark_all(struct rich *r, const char *lang)
{
	r->n_langs = 0;
	if (lang && r->text.len)
		rich_add_lang(r, 0, (int)r->text.len, lang);
}

void rich_free(struct rich *r)
{
	strbuf_free(&r->text);
	if (r->attrs)
		pango_attr_list_unref(r->attrs);
	for (size_t i = 0; i < r->n_links; i++)
		free(r->links[i].target);
	free(r->links);
	free(r->langs);
	memset(r, 0, sizeof *r);
}

void rich_add_link(struct rich *r, int start, int end, const char *target, size_t len)
{
	if (r->n_links == r->cap_links) {
		r->cap_links = r->cap_links ? r->cap_links * 2 : 4;
		r->links = xrealloc(r->links, r->cap_links * sizeof *r->links);
	}
	char *t = xmalloc(len + 1);
	memcpy(t, target, len);
	t[len] = '\0';
	r->links[r->n_links++] = (struct rich_link){ start, end, t };
}

struct paragraph *paragraph_new(const struct pdf_style *s, enum para_role role)
{
	struct paragraph *p = xcalloc(1, sizeof *p);
	p->role = role;
	p->font = s->body_font;
	p->size = s->size_body;
	p->colour = s->text;
	p->align = PANGO_ALIGN_LEFT;
	p->space_after = s->size_body * 0.6;
	p->rich.attrs = pango_attr_list_new();
	switch (role) {
	case ROLE_TITLE:
		p->font = s->heading_font, p->size = s->size_title, p->bold = true;
		p->space_after = s->size_title * 0.4;
		break;
	case ROLE_H1:
		p->font = s->heading_font, p->size = s->size_h1, p->bold = true;
		p->space_before = s->size_h1 * 0.6, p->space_after = s->size_h1 * 0.5;
		p->keep_with_next = true;
		break;
	case ROLE_H2:
		p->font = s->heading_font, p->size = s->size_h2, p->bold = true;
		p->space_before = s->size_h2 * 0.8, p->space_after = s->size_h2 * 0.45;
		p->keep_with_next = true;
		break;
	case ROLE_H3:
	case ROLE_H4:	/* deeper headings (sub-themes' parts) are set as h3 */
	case ROLE_H5:
	case ROLE_H6:
		p->font = s->heading_font, p->size = s->size_h3, p->bold = true;
		p->space_before = s->size_h3 * 0.7, p->space_after = s->size_h3 * 0.35;
		p->keep_with_next = true;
		break;
	case ROLE_CAPTION:
		p->size = s->size_small, p->colour = s->muted;
		break;
	default:
		break;
	}
	return p;
}

struct paragraph *paragraph_text(const struct pdf_style *s, enum para_role role,
				 const char *text)
{
	struct paragraph *p = paragraph_new(s, role);
	rich_add(&p->rich, text, strlen(text), NULL, 0);
	return p;
}

struct paragraph *paragraph_mark_parts(struct paragraph *p, ...)
{
	const char *parts[PARAGRAPH_PARTS_MAX];
	size_t n = 0;
	va_list ap;
	va_start(ap, p);
	for (const char *part; (part = va_arg(ap, const char *)) && n < PARAGRAPH_PARTS_MAX;)
		parts[n++] = part;
	va_end(ap);
	rich_mark_parts(&p->rich, parts, n);
	return p;
}

const char *paragraph_lang(const struct paragraph *p)
{
	const struct rich *r = &p->rich;
	if (r->n_langs == 1 && r->langs[0].start == 0 && (size_t)r->langs[0].end == r->text.len)
		return r->langs[0].lang;
	return NULL;
}

void paragraph_free(struct paragraph *p)
{
	if (!p)
		return;
	rich_free(&p->rich);
	free(p->label);
	free(p->dest);
	free(p->page_of);
	free(p->bookmark);
	free(p);
}

static void prefix_string(char **s, const char *prefix, const char *after)
{
	if (!*s)
		return;
	size_t n = strlen(prefix) + strlen(*s) + 1;
	char *out = xmalloc(n);
	size_t skip = strlen(after);
	snprintf(out, n, "%s%s%s", after, prefix, *s + skip);
	free(*s);
	*s = out;
}

static void prefix_paragraph(struct paragraph *p, const char *prefix)
{
	prefix_string(&p->dest, prefix, "");
	prefix_string(&p->page_of, prefix, "");
	for (size_t i = 0; i < p->rich.n_links; i++)
		if (p->rich.links[i].target && p->rich.links[i].target[0] == '#')
			prefix_string(&p->rich.links[i].target, prefix, "#");
}

static void prefix_cell(struct cell *c, const char *prefix)
{
	for (size_t i = 0; i < c->n; i++)
		prefix_paragraph(c->paras[i], prefix);
	for (size_t i = 0; i < c->n_repeat; i++)
		prefix_paragraph(c->repeat[i], prefix);
}

void flow_prefix_destinations(struct flow *f, const char *prefix)
{
	for (size_t i = 0; i < f->n; i++) {
		struct block *b = &f->blocks[i];
		if (b->type == BLOCK_PARAGRAPH) {
			prefix_paragraph(b->para, prefix);
		} else if (b->type == BLOCK_TABLE) {
			if (b->table->make_row) {
				/* a prefix on a prefix, as on held rows */
				char *p = b->table->dest_prefix;
				b->table->dest_prefix = xmalloc(strlen(prefix) + (p ? strlen(p) : 0) + 1);
				strcpy(b->table->dest_prefix, prefix);
				if (p)
					strcat(b->table->dest_prefix, p);
				free(p);
			}
			for (size_t c = 0; c < b->table->n_cols; c++) {
				if (!b->table->header_shared)
					prefix_cell(&b->table->header[c], prefix);
				for (size_t r = 0; b->table->rows && r < b->table->n_rows; r++)
					prefix_cell(&b->table->rows[r][c], prefix);
			}
		}
	}
}

/* target resolved against folder_url ("https://x.gov.uk/plans/"): "../"
 * climbs a folder (never above the site, whose address ends at site_len),
 * "/" starts from the site. */
static char *absolute_link(const char *folder_url, size_t site_len, const char *target)
{
	struct strbuf b = { 0 };
	if (target[0] == '/') {
		strbuf_add(&b, folder_url, site_len);
		target++;
	} else {
		strbuf_adds(&b, folder_url);
		while (strncmp(target, "../", 3) == 0 || strncmp(target, "./", 2) == 0) {
			if (target[1] == '/') {
				target += 2;
				continue;
			}
			target += 3;
			/* drop the last folder: "…/plans/" becomes "…/" */
			size_t end = b.len - 1;
			while (end > site_len && b.data[end - 1] != '/')
				end--;
			if (end >= site_len)
				b.len = end, b.data[end] = '\0';
		}
	}
	strbuf_adds(&b, target);
	return b.data;
}

static void absolute_paragraph(struct paragraph *p, const char *folder_url, size_t site_len)
{
	for (size_t i = 0; i < p->rich.n_links; i++) {
		char **t = &p->rich.links[i].target;
		if (!*t || (*t)[0] == '#' || strchr(*t, ':'))
			continue;	/* in-document, or a web or mail address already */
		char *abs = absolute_link(folder_url, site_len, *t);
		free(*t);
		*t = abs;
	}
}

void flow_absolute_links(struct flow *f, const char *site_url, const char *folder)
{
	struct strbuf base = { 0 };
	strbuf_adds(&base, site_url);
	if (!base.len || base.data[base.len - 1] != '/')
		strbuf_addc(&base, '/');
	size_t site_len = base.len;
	strbuf_printf(&base, "%s/", folder);
	for (size_t i = 0; i < f->n; i++) {
		struct block *b = &f->blocks[i];
		if (b->type == BLOCK_PARAGRAPH) {
			absolute_paragraph(b->para, base.data, site_len);
		} else if (b->type == BLOCK_TABLE) {
			/* once: a second call would find every link absolute already */
			if (b->table->make_row && !b->table->link_base) {
				b->table->link_base = xstrdup(base.data);
				b->table->link_site_len = site_len;
			}
			for (size_t c = 0; c < b->table->n_cols; c++) {
				for (size_t k = 0; !b->table->header_shared && k < b->table->header[c].n; k++)
					absolute_paragraph(b->table->header[c].paras[k], base.data, site_len);
				for (size_t r = 0; b->table->rows && r < b->table->n_rows; r++) {
					struct cell *cell = &b->table->rows[r][c];
					for (size_t k = 0; k < cell->n; k++)
						absolute_paragraph(cell->paras[k], base.data, site_len);
					for (size_t k = 0; k < cell->n_repeat; k++)
						absolute_paragraph(cell->repeat[k], base.data, site_len);
				}
			}
		}
	}
	strbuf_free(&base);
}

static struct block *flow_push(struct flow *f, enum block_type type)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 64;
		f->blocks = xrealloc(f->blocks, f->cap * sizeof *f->blocks);
	}
	struct block *b = &f->blocks[f->n++];
	memset(b, 0, sizeof *b);
	b->type = type;
	return b;
}

void flow_add_paragraph(struct flow *f, struct paragraph *p)
{
	flow_push(f, BLOCK_PARAGRAPH)->para = p;
}

void flow_insert_paragraph(struct flow *f, size_t at, struct paragraph *p)
{
	flow_push(f, BLOCK_PARAGRAPH);
	if (at > f->n - 1)
		at = f->n - 1;
	memmove(&f->blocks[at + 1], &f->blocks[at], (f->n - 1 - at) * sizeof *f->blocks);
	memset(&f->blocks[at], 0, sizeof *f->blocks);
	f->blocks[at].type = BLOCK_PARAGRAPH;
	f->blocks[at].para = p;
}

void flow_add_table(struct flow *f, struct table *t)
{
	flow_push(f, BLOCK_TABLE)->table = t;
}

void flow_add_figure(struct flow *f, struct figure *fig)
{
	flow_push(f, BLOCK_FIGURE)->figure = fig;
}

void flow_add_page_break(struct flow *f, enum orientation next)
{
	flow_push(f, BLOCK_PAGE_BREAK)->orientation = next;
}

void flow_add_space(struct flow *f, double points)
{
	flow_push(f, BLOCK_SPACE)->space = points;
}

void flow_add_need(struct flow *f, double points)
{
	flow_push(f, BLOCK_NEED)->space = points;
}

static void cell_free(struct cell *c)
{
	for (size_t i = 0; i < c->n; i++)
		paragraph_free(c->paras[i]);
	free(c->paras);
	for (size_t i = 0; i < c->n_repeat; i++)
		paragraph_free(c->repeat[i]);
	free(c->repeat);
	free(c->band_fill);
	free(c->band_has_fill);
}

void cell_add(struct cell *c, struct paragraph *p)
{
	c->paras = xgrow(c->paras, c->n, sizeof *c->paras);
	c->paras[c->n++] = p;
}

void cell_add_repeat(struct cell *c, struct paragraph *p)
{
	c->repeat = xgrow(c->repeat, c->n_repeat, sizeof *c->repeat);
	c->repeat[c->n_repeat++] = p;
}

struct table *table_new(size_t n_cols, const double *widths, double font_size)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->n_cols = n_cols;
	t->widths = xmalloc(n_cols * sizeof *t->widths);
	memcpy(t->widths, widths, n_cols * sizeof *t->widths);
	t->header = xcalloc(n_cols, sizeof *t->header);
	for (size_t i = 0; i < n_cols; i++)
		t->header[i].header = true;
	t->font_size = font_size;
	return t;
}

void table_share_header(struct table *t, const struct table *from)
{
	free(t->header);
	t->header = from->header;
	t->header_shared = true;
}

struct cell *table_add_row(struct table *t)
{
	if (t->n_rows == t->cap_rows) {
		t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 16;
		t->rows = xrealloc(t->rows, t->cap_rows * sizeof *t->rows);
	}
	struct cell *row = xcalloc(t->n_cols, sizeof *row);
	t->rows[t->n_rows++] = row;
	return row;
}

void table_made_rows(struct table *t, size_t n_rows, row_maker make_row, const void *data,
		     size_t weight)
{
	t->n_rows = n_rows;
	t->make_row = make_row;
	t->row_data = data;
	t->row_weight = weight;
}

struct cell *table_row(const struct table *t, size_t r)
{
	if (!t->make_row)
		return t->rows[r];
	struct cell *row = xcalloc(t->n_cols ? t->n_cols : 1, sizeof *row);
	t->make_row(t, r, row, t->row_data);
	for (size_t c = 0; c < t->n_cols; c++) {
		struct cell *cell = &row[c];
		for (int pass = 0; pass < 2; pass++) {
			struct paragraph **ps = pass ? cell->repeat : cell->paras;
			size_t n = pass ? cell->n_repeat : cell->n;
			for (size_t k = 0; k < n; k++) {
				if (t->link_base)
					absolute_paragraph(ps[k], t->link_base, t->link_site_len);
				if (t->dest_prefix)
					prefix_paragraph(ps[k], t->dest_prefix);
			}
		}
	}
	return row;
}

void table_row_done(const struct table *t, struct cell *row)
{
	if (!t->make_row || !row)
		return;
	for (size_t i = 0; i < t->n_cols; i++)
		cell_free(&row[i]);
	free(row);
}

void cell_band_fill(struct cell *c, int n_bands, int band, struct rgb fill)
{
	c->n_bands = n_bands;
	if (!c->band_fill) {
		c->band_fill = xcalloc((size_t)n_bands, sizeof *c->band_fill);
		c->band_has_fill = xcalloc((size_t)n_bands, sizeof *c->band_has_fill);
	}
	if (band >= 0 && band < n_bands) {
		c->band_fill[band] = fill;
		c->band_has_fill[band] = true;
	}
}

struct cell *table_add_group(struct table *t, size_t first, size_t count)
{
	t->groups = xrealloc(t->groups, (t->n_groups + 1) * sizeof *t->groups);
	struct header_group *g = &t->groups[t->n_groups++];
	memset(g, 0, sizeof *g);
	g->first = first, g->count = count;
	g->cell.header = true;
	return &g->cell;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n_groups; i++)
		cell_free(&t->groups[i].cell);
	free(t->groups);
	for (size_t i = 0; !t->header_shared && i < t->n_cols; i++)
		cell_free(&t->header[i]);
	for (size_t r = 0; t->rows && r < t->n_rows; r++) {
		for (size_t i = 0; i < t->n_cols; i++)
			cell_free(&t->rows[r][i]);
		free(t->rows[r]);
	}
	free(t->rows);
	if (!t->header_shared)
		free(t->header);
	free(t->widths);
	free(t->link_base);
	free(t->dest_prefix);
	free(t);
}

void flow_free(struct flow *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct block *b = &f->blocks[i];
		paragraph_free(b->para);
		table_free(b->table);
		if (b->figure) {
			free(b->figure->alt);
			free(b->figure);
		}
	}
	free(f->blocks);
	memset(f, 0, sizeof *f);
}

/* ---------- markdown into paragraphs ---------- */

enum { MAX_SPANS = 32, MAX_LISTS = 16 };

struct md_builder {
	const struct pdf_style *style;
	double size;
	struct paragraph ***out;
	size_t *n;
	struct paragraph *cur;
	/* each open span: where it began, and a link's address */
	struct { MD_SPANTYPE type; size_t start; const char *href; } spans[MAX_SPANS];
	int n_spans;
	struct { bool ordered; unsigned next; } lists[MAX_LISTS];
	int n_lists;
	bool item_label_pending;	/* the next paragraph opens a list item */
	int heading;			/* level of the heading being read, 0 if none */
	int table_cells;		/* cells so far in the table row */
	/* with a flow, paragraphs go to it and tables become tables */
	struct flow *flow;
	struct md_row { struct cell *cells; size_t n; } *rows;
	size_t n_rows;
	bool in_table;
	struct cell *cell;		/* the table cell being read */
	PangoAlignment cell_align;
	bool cell_header;
	bool in_code;			/* a fenced or indented code block */
	const char *lang;		/* the text's, when kept untranslated */
};

static void start_paragraph(struct md_builder *b)
{
	struct paragraph *p = paragraph_new(b->style, b->n_lists ? ROLE_LI : ROLE_P);
	p->size = b->size;
	p->space_after = b->size * 0.5;
	if (b->heading) {
		p->bold = true;
		p->size = b->size * 1.15;
		p->keep_with_next = true;
	}
	if (b->in_code) {
		p->font = "DejaVu Sans Mono";	/* as inline code */
		p->size = b->size * 0.9;
	}
	if (b->cell) {
		p->size = b->style->size_table;
		p->space_after = p->size * 0.3;
		p->align = b->cell_align;
		p->bold = b->cell_header;
	}
	if (b->n_lists) {
		int level = b->n_lists < MAX_LISTS ? b->n_lists : MAX_LISTS;
		p->indent = b->size * 1.4 * level;
		p->space_after = b->size * 0.25;
		if (b->item_label_pending) {
			if (b->lists[level - 1].ordered) {
				char num[16];
				snprintf(num, sizeof num, "%u.", b->lists[level - 1].next++);
				p->label = xstrdup(num);
			} else {
				p->label = xstrdup(level % 2 ? "\xE2\x80\xA2" : "\xE2\x80\x93");
			}
			b->item_label_pending = false;
		}
	}
	b->cur = p;
}

static void end_paragraph(struct md_builder *b)
{
	if (!b->cur)
		return;
	/* trailing newlines from hard breaks would make an empty last line */
	while (b->cur->rich.text.len && b->cur->rich.text.data[b->cur->rich.text.len - 1] == '\n')
		b->cur->rich.text.data[--b->cur->rich.text.len] = '\0';
	if (b->lang)
		rich_mark_all(&b->cur->rich, b->lang);
	if (b->cell) {
		b->cur->space_after = 0;
		cell_add(b->cell, b->cur);
	} else if (b->flow) {
		flow_add_paragraph(b->flow, b->cur);
	} else {
		*b->out = xgrow(*b->out, *b->n, sizeof **b->out);
		(*b->out)[(*b->n)++] = b->cur;
	}
	b->cur = NULL;
}

/* The rows read become a table of the flow, each column as wide as its
 * longest text asks (within limits), scaled to the frame when laid out. */
static void end_table(struct md_builder *b)
{
	size_t n_cols = 0;
	for (size_t r = 0; r < b->n_rows; r++)
		if (b->rows[r].n > n_cols)
			n_cols = b->rows[r].n;
	if (n_cols && b->n_rows) {
		double *widths = xcalloc(n_cols, sizeof *widths);
		for (size_t r = 0; r < b->n_rows; r++)
			for (size_t i = 0; i < b->rows[r].n; i++) {
				double chars = 0;
				for (size_t k = 0; k < b->rows[r].cells[i].n; k++)
					chars += (double)b->rows[r].cells[i].paras[k]->rich.text.len;
				if (chars > widths[i])
					widths[i] = chars;
			}
		for (size_t i = 0; i < n_cols; i++)
			widths[i] = widths[i] < 6 ? 6 : widths[i] > 40 ? 40 : widths[i];
		struct table *t = table_new(n_cols, widths, b->style->size_table);
		t->fit_width = true;
		free(widths);
		for (size_t r = 0; r < b->n_rows; r++) {
			struct cell *row = r ? table_add_row(t) : t->header;
			for (size_t i = 0; i < b->rows[r].n; i++) {
				row[i].paras = b->rows[r].cells[i].paras;
				row[i].n = b->rows[r].cells[i].n;
			}
		}
		flow_add_table(b->flow, t);
	}
	for (size_t r = 0; r < b->n_rows; r++)
		free(b->rows[r].cells);
	free(b->rows);
	b->rows = NULL;
	b->n_rows = 0;
	b->in_table = false;
}

static void add_text(struct md_builder *b, const char *s, size_t n)
{
	if (!b->cur)
		start_paragraph(b);
	rich_add(&b->cur->rich, s, n, NULL, 0);
}

static void md_enter_block(const struct markdown_event *e, struct md_builder *b)
{
	MD_BLOCKTYPE type = (MD_BLOCKTYPE)e->type;
	switch (type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		if (b->n_lists < MAX_LISTS) {
			b->lists[b->n_lists].ordered = type == MD_BLOCK_OL;
			b->lists[b->n_lists].next = type == MD_BLOCK_OL ? e->number : 1;
		}
		b->n_lists++;
		break;
	case MD_BLOCK_LI:
		end_paragraph(b);
		b->item_label_pending = true;
		break;
	case MD_BLOCK_H:
		end_paragraph(b);
		b->heading = (int)e->number;
		break;
	case MD_BLOCK_CODE:
		end_paragraph(b);
		b->in_code = true;
		break;
	case MD_BLOCK_P:
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_HTML:
		end_paragraph(b);
		break;
	case MD_BLOCK_TABLE:
		end_paragraph(b);
		b->in_table = b->flow != NULL && !b->n_lists;
		break;
	case MD_BLOCK_TR:
		end_paragraph(b);
		b->table_cells = 0;
		if (b->in_table) {
			b->rows = xgrow(b->rows, b->n_rows, sizeof *b->rows);
			b->rows[b->n_rows++] = (struct md_row){ NULL, 0 };
		}
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (b->in_table && b->n_rows) {
			struct md_row *row = &b->rows[b->n_rows - 1];
			row->cells = xgrow(row->cells, row->n, sizeof *row->cells);
			memset(&row->cells[row->n], 0, sizeof *row->cells);
			row->cells[row->n].header = type == MD_BLOCK_TH;
			b->cell = &row->cells[row->n++];
			MD_ALIGN align = e->align;
			b->cell_align = align == MD_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
					align == MD_ALIGN_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
			b->cell_header = type == MD_BLOCK_TH;
			break;
		}
		/* in a list or a table cell of its own: the table reads row by
		 * row, cells separated by a wide gap */
		if (b->table_cells++)
			add_text(b, "   |   ", 7);
		break;
	default:
		break;
	}
}

static void md_leave_block(const struct markdown_event *e, struct md_builder *b)
{
	switch ((MD_BLOCKTYPE)e->type) {
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		end_paragraph(b);
		if (b->n_lists)
			b->n_lists--;
		break;
	case MD_BLOCK_H:
		if (b->cur) {
			b->cur->bold = true;
			b->cur->keep_with_next = true;
		}
		end_paragraph(b);
		b->heading = 0;
		break;
	case MD_BLOCK_CODE:
		end_paragraph(b);
		b->in_code = false;
		break;
	case MD_BLOCK_P:
	case MD_BLOCK_TR:
	case MD_BLOCK_LI:
		end_paragraph(b);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (b->cell) {
			end_paragraph(b);
			b->cell = NULL;
		}
		break;
	case MD_BLOCK_TABLE:
		end_paragraph(b);
		if (b->in_table)
			end_table(b);
		break;
	default:
		break;
	}
}

static void md_enter_span(const struct markdown_event *e, struct md_builder *b)
{
	if (!b->cur)
		start_paragraph(b);
	if (b->n_spans >= MAX_SPANS) {
		b->n_spans++;
		return;
	}
	b->spans[b->n_spans].type = (MD_SPANTYPE)e->type;
	b->spans[b->n_spans].start = b->cur->rich.text.len;
	/* the address allowed when the text was read, or none */
	b->spans[b->n_spans].href = e->type == MD_SPAN_A ? e->text : NULL;
	b->n_spans++;
}

static void md_leave_span(const struct markdown_event *e, struct md_builder *b)
{
	MD_SPANTYPE type = (MD_SPANTYPE)e->type;
	/* md4c 0.4.8 can leave a span twice on malformed input (found by fuzzing) */
	if (b->n_spans <= 0)
		return;
	if (--b->n_spans >= MAX_SPANS)
		return;
	const char *href = b->spans[b->n_spans].href;
	b->spans[b->n_spans].href = NULL;
	/* the paragraph the span began in may already have ended (malformed input) */
	if (!b->cur)
		return;
	size_t start = b->spans[b->n_spans].start, end = b->cur->rich.text.len;
	if (end == start)
		return;
	PangoAttribute *a = NULL, *a2 = NULL;
	switch (type) {
	case MD_SPAN_EM:
		a = pango_attr_style_new(PANGO_STYLE_ITALIC);
		break;
	case MD_SPAN_STRONG:
		a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		break;
	case MD_SPAN_CODE:
		a = pango_attr_family_new("DejaVu Sans Mono");
		break;
	case MD_SPAN_DEL:
		a = pango_attr_strikethrough_new(TRUE);
		break;
	case MD_SPAN_A:
		if (href) {
			a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
			a2 = pango_attr_foreground_new(0x1a1a, 0x4444, 0x8080);
			rich_add_link(&b->cur->rich, (int)start, (int)end, href, strlen(href));
		}
		break;
	default:
		break;
	}
	PangoAttribute *list[2] = { a, a2 };
	for (int i = 0; i < 2; i++) {
		if (!list[i])
			continue;
		list[i]->start_index = (guint)start;
		list[i]->end_index = (guint)end;
		pango_attr_list_insert(b->cur->rich.attrs, list[i]);
		b->cur->rich.n_attrs++;
	}
}

static void md_text(const struct markdown_event *e, struct md_builder *b)
{
	const char *s = e->text;
	size_t n = e->len;
	char buf[8];
	switch ((MD_TEXTTYPE)e->type) {
	case MD_TEXT_BR:
		add_text(b, "\n", 1);
		break;
	case MD_TEXT_SOFTBR:
		add_text(b, " ", 1);
		break;
	case MD_TEXT_NULLCHAR:
		add_text(b, "\xEF\xBF\xBD", 3);
		break;
	case MD_TEXT_ENTITY:
		if (markdown_decode_entity(s, n, buf, sizeof buf))
			add_text(b, buf, strlen(buf));
		else
			add_text(b, s, n);
		break;
	default:
		add_text(b, s, n);
		break;
	}
}

static void md_event(const struct markdown_event *e, void *data)
{
	struct md_builder *b = data;
	switch (e->kind) {
	case MARKDOWN_ENTER_BLOCK: md_enter_block(e, b); break;
	case MARKDOWN_LEAVE_BLOCK: md_leave_block(e, b); break;
	case MARKDOWN_ENTER_SPAN: md_enter_span(e, b); break;
	case MARKDOWN_LEAVE_SPAN: md_leave_span(e, b); break;
	case MARKDOWN_TEXT: md_text(e, b); break;
	}
}

static void markdown_run(const struct markdown *md, const struct pdf_style *s, double size,
			 struct paragraph ***out, size_t *n, struct flow *flow)
{
	struct md_builder b = { .style = s, .size = size, .out = out, .n = n, .flow = flow,
				.lang = text_foreign_lang(md) };
	markdown_walk(md, md_event, &b);
	b.cell = NULL;
	end_paragraph(&b);
	if (b.in_table)
		end_table(&b);	/* md4c stopped inside the table */
}

void markdown_to_paragraphs(const struct markdown *md, const struct pdf_style *s, double size,
			    struct paragraph ***out, size_t *n)
{
	markdown_run(md, s, size, out, n, NULL);
}

void markdown_to_flow(const struct markdown *md, const struct pdf_style *s, double size,
		      struct flow *flow)
{
	markdown_run(md, s, size, NULL, NULL, flow);
}
