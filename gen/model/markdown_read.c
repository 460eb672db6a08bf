/* markdown_read.c - a markdown field read by md4c once, its events kept for
 * the renderers to walk (markdown.h). */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

struct recorder {
	struct arena *arena;
	struct markdown_event *events;
	size_t n, cap;
};

static struct markdown_event *add(struct recorder *r, enum markdown_event_kind kind, int type)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->events = xrealloc(r->events, r->cap * sizeof *r->events);
	}
	struct markdown_event *e = &r->events[r->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->type = type;
	return e;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct markdown_event *e = add(data, MARKDOWN_ENTER_BLOCK, (int)type);
	if (type == MD_BLOCK_H)
		e->number = ((MD_BLOCK_H_DETAIL *)detail)->level;
	else if (type == MD_BLOCK_OL)
		e->number = ((MD_BLOCK_OL_DETAIL *)detail)->start;
	else if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
		e->align = ((MD_BLOCK_TD_DETAIL *)detail)->align;
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	(void)detail;
	add(data, MARKDOWN_LEAVE_BLOCK, (int)type);
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct recorder *r = data;
	struct markdown_event *e = add(r, MARKDOWN_ENTER_SPAN, (int)type);
	if (type == MD_SPAN_A) {
		const MD_SPAN_A_DETAIL *a = detail;
		/* the very address that was checked, decoded once */
		char *href = markdown_allowed_address(&a->href);
		if (href) {
			e->text = arena_strdup(r->arena, href);
			e->len = strlen(href);
			free(href);
			if (a->title.size) {
				char *title = markdown_attribute_text(&a->title);
				e->title = arena_strdup(r->arena, title);
				free(title);
			}
		}
	}
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *data)
{
	(void)detail;
	add(data, MARKDOWN_LEAVE_SPAN, (int)type);
	return 0;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *data)
{
	struct recorder *r = data;
	struct markdown_event *e = add(r, MARKDOWN_TEXT, (int)type);
	e->text = arena_strndup(r->arena, s, n);
	e->len = n;
	return 0;
}

const struct markdown *markdown_read(struct arena *a, const char *text_in, size_t len)
{
	struct strbuf src = { 0 };
	markdown_normalise(text_in, len, &src);
	struct recorder r = { a, NULL, 0, 0 };
	MD_PARSER parser = {
		.flags = MARKDOWN_FLAGS,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = text,
	};
	md_parse(src.data, (MD_SIZE)src.len, &parser, &r);
	strbuf_free(&src);
	struct markdown *md = arena_alloc(a, sizeof *md);
	md->text = text_in;
	md->n = r.n;
	md->events = arena_alloc(a, (r.n ? r.n : 1) * sizeof *md->events);
	if (r.n)
		memcpy(md->events, r.events, r.n * sizeof *r.events);
	free(r.events);
	return md;
}

void markdown_walk(const struct markdown *md,
		   void (*event)(const struct markdown_event *e, void *data), void *data)
{
	for (size_t i = 0; md && i < md->n; i++)
		event(&md->events[i], data);
}
