/* markdown_read.c - a markdown field read by md4c once: its events kept for
 * the renderers to walk, and its links judged by the link rules in the same
 * pass (markdown.h). */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

/* Where each line starts, in the text as written and in the normalised
 * source (markdown_normalise keeps every line, so line i is line i in both):
 * found once, so that each link's place is a binary search, not a walk from
 * the start (80,000 links in one value took 47 s). */
struct line_starts {
	size_t *at;
	size_t n;
};

struct link_check {
	void (*bad_link)(void *ctx, enum markdown_link_problem problem, const char *href,
			 size_t len, size_t offset);
	void *ctx;
	const char *text;	/* as written */
	size_t text_len;
	const struct strbuf *src;	/* normalised, what md4c parses */
	int in_link;		/* inside an <a>: counts its visible characters */
	size_t link_chars, link_offset;
	char link_href[80];
	size_t link_href_len;
	size_t search_from;	/* in src: where the last link found ended */
	struct line_starts text_lines, src_lines;
};

static void find_line_starts(const char *s, size_t len, struct line_starts *out)
{
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	out->at = xmalloc(n * sizeof *out->at);
	out->n = 0;
	out->at[out->n++] = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\n')
			out->at[out->n++] = i + 1;
}

/* The offset in the text as written of offset in the normalised source: they
 * differ only where a line's "•" became "- " (see markdown_normalise). */
static size_t written_offset(const struct link_check *lc, size_t offset)
{
	size_t line = starts_index(lc->src_lines.at, lc->src_lines.n, offset);
	if (line >= lc->text_lines.n)
		return (size_t)-1;
	size_t line_start = lc->src_lines.at[line], t = lc->text_lines.at[line];
	size_t src_eol = line + 1 < lc->src_lines.n ? lc->src_lines.at[line + 1] - 1 : lc->src->len;
	size_t eol = line + 1 < lc->text_lines.n ? lc->text_lines.at[line + 1] - 1 : lc->text_len;
	/* what the line grew by (or shrank) sits before any link on it */
	size_t col = offset - line_start, grown = src_eol - line_start, was = eol - t;
	if (grown > was && col >= grown - was)
		col -= grown - was;
	else if (grown < was)
		col += was - grown;
	return t + col <= lc->text_len ? t + col : (size_t)-1;
}

/* Where the link whose address is at p starts: its '[' or '<'. */
static size_t link_start(struct link_check *lc, const char *p, size_t n)
{
	const char *src = lc->src->data;
	if (p < src || p >= src + lc->src->len) {
		/* an address md4c rebuilt in a buffer of its own (it holds character
		 * references): found again as written, after the last link found, in
		 * brackets or parentheses; not found when it had backslash escapes */
		const char *hit = NULL;
		for (size_t i = lc->search_from ? lc->search_from : 1;
		     n && i + n <= lc->src->len; i++) {
			char before = src[i - 1];
			if ((before == '(' || before == '<' || before == ' ') &&
			    memcmp(src + i, p, n) == 0) {
				hit = src + i;
				break;
			}
		}
		if (!hit)
			return (size_t)-1;
		p = hit;
	}
	size_t off = (size_t)(p - src);
	lc->search_from = off + n;
	if (off && src[off - 1] == '<')
		return off - 1;
	size_t i = off;
	while (i && (src[i - 1] == ' ' || src[i - 1] == '\n' || src[i - 1] == '<'))
		i--;
	if (i >= 2 && src[i - 1] == '(' && src[i - 2] == ']') {
		int depth = 0;
		for (size_t j = i - 2; j-- > 0 && off - j < 4096;) {
			if (src[j] == ']' && (!j || src[j - 1] != '\\'))
				depth++;
			else if (src[j] == '[' && (!j || src[j - 1] != '\\')) {
				if (depth == 0)
					return j;
				depth--;
			}
		}
	}
	return off;
}

static size_t where(struct link_check *lc, const char *p, size_t n)
{
	size_t off = link_start(lc, p, n);
	return off == (size_t)-1 ? off : written_offset(lc, off);
}

static bool has_scheme(const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++)
		if (s[i] == ':')
			return true;
	return false;
}

/* An event as kept. A text's bytes are found in the text as written where
 * they stand there (nearly always: md4c reads a copy that differs only where
 * a "•" became "-"), else in the markdown's strings, each NUL-terminated
 * there, as are links' addresses and titles. md4c's types, levels, numbers
 * and lengths fit (its sizes are 32-bit). */
struct markdown_code {
	uint8_t kind;		/* enum markdown_event_kind */
	uint8_t type;		/* MD_BLOCKTYPE, MD_SPANTYPE or MD_TEXTTYPE: under 32 */
	uint8_t align;		/* MD_ALIGN */
	uint8_t written;	/* TEXT: its bytes are in the text as written */
	uint32_t a;		/* TEXT: where its bytes start; ENTER_BLOCK: the
				 * event's number; a link: its address in strings */
	uint32_t b;		/* TEXT: its length; a link: its title in strings */
};

#define NO_STRING UINT32_MAX	/* a link's address or title it has not */

/* The events md4c reports for one paragraph of plain text (most fields),
 * which is kept as its text alone: the third event is that text. */
static const struct { uint8_t kind, type; } plain_shape[] = {
	{ MARKDOWN_ENTER_BLOCK, MD_BLOCK_DOC }, { MARKDOWN_ENTER_BLOCK, MD_BLOCK_P },
	{ MARKDOWN_TEXT, MD_TEXT_NORMAL }, { MARKDOWN_LEAVE_BLOCK, MD_BLOCK_P },
	{ MARKDOWN_LEAVE_BLOCK, MD_BLOCK_DOC },
};
enum { PLAIN_EVENTS = sizeof plain_shape / sizeof *plain_shape, PLAIN_TEXT = 2 };

static bool is_plain(const struct markdown_code *c, size_t n)
{
	for (size_t i = 0; n == PLAIN_EVENTS && i < n; i++)
		if (c[i].kind != plain_shape[i].kind || c[i].type != plain_shape[i].type)
			return false;
	return n == PLAIN_EVENTS;
}

/* One reading of a markdown field: md4c's events recorded for the renderers,
 * and, in the same pass, each link and image judged once by the link rules. */
struct reader {
	struct arena *arena;
	struct markdown_code *codes;
	size_t n, cap;
	struct strbuf strings;
	bool too_big;		/* strings past 32-bit offsets: reading stopped */
	struct link_check lc;	/* lc.bad_link NULL: judged, not reported */
};

static struct markdown_code *add(struct reader *r, enum markdown_event_kind kind, int type)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->codes = xrealloc(r->codes, r->cap * sizeof *r->codes);
	}
	struct markdown_code *c = &r->codes[r->n++];
	memset(c, 0, sizeof *c);
	c->kind = (uint8_t)kind;
	c->type = (uint8_t)type;
	return c;
}

/* n bytes kept in the strings, NUL-terminated; their offset, or NO_STRING
 * when the strings would outgrow 32-bit offsets (never for a file the loader
 * takes: it reads at most 16 MiB). */
static uint32_t keep(struct reader *r, const char *s, size_t n)
{
	if (r->strings.len + n + 1 >= NO_STRING) {
		r->too_big = true;
		return NO_STRING;
	}
	uint32_t at = (uint32_t)r->strings.len;
	if (n)
		strbuf_add(&r->strings, s, n);
	strbuf_addc(&r->strings, '\0');
	return at;
}

/* The address as the page will carry it (character references decoded, as
 * the browser reads it), judged on that; reported when not allowed (as
 * written, so the writer can find it), or as a path inside the site for the
 * caller to look for its page. Returns it when allowed, else NULL; malloc'd. */
static char *judge(struct reader *r, const MD_ATTRIBUTE *a)
{
	struct link_check *lc = &r->lc;
	char *href = markdown_attribute_text(a);
	size_t n = strlen(href);
	enum markdown_link_problem problem = markdown_link_judge(href, n);
	if (lc->bad_link) {
		size_t at = where(lc, a->text, a->size);
		if (problem != LINK_OK)
			lc->bad_link(lc->ctx, problem, a->text, a->size, at);
		else if (n && href[0] != '#' && !has_scheme(href, n))
			lc->bad_link(lc->ctx, LINK_IN_SITE, href, n, at);
		if (r->lc.in_link == 0) {
			lc->link_offset = at;
			lc->link_href_len = a->size;
			size_t k = a->size < sizeof lc->link_href ? a->size : sizeof lc->link_href;
			if (k)	/* an empty href may have no text at all */
				memcpy(lc->link_href, a->text, k);
		}
	}
	if (problem == LINK_OK)
		return href;
	free(href);
	return NULL;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	struct markdown_code *c = add(data, MARKDOWN_ENTER_BLOCK, (int)type);
	if (type == MD_BLOCK_H)
		c->a = ((MD_BLOCK_H_DETAIL *)detail)->level;
	else if (type == MD_BLOCK_OL)
		c->a = ((MD_BLOCK_OL_DETAIL *)detail)->start;
	else if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
		c->align = (uint8_t)((MD_BLOCK_TD_DETAIL *)detail)->align;
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
	struct reader *r = data;
	struct markdown_code *c = add(r, MARKDOWN_ENTER_SPAN, (int)type);
	if (type == MD_SPAN_A) {
		const MD_SPAN_A_DETAIL *a = detail;
		char *href = judge(r, &a->href);
		if (!r->lc.in_link++)
			r->lc.link_chars = 0;
		c->a = c->b = NO_STRING;
		if (href) {
			c->a = keep(r, href, strlen(href));
			free(href);
			if (a->title.size) {
				char *title = markdown_attribute_text(&a->title);
				c->b = keep(r, title, strlen(title));
				free(title);
			}
		}
	} else if (type == MD_SPAN_IMG) {
		free(judge(r, &((MD_SPAN_IMG_DETAIL *)detail)->src));
	}
	return r->too_big ? -1 : 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *data)
{
	struct reader *r = data;
	struct link_check *lc = &r->lc;
	(void)detail;
	add(data, MARKDOWN_LEAVE_SPAN, (int)type);
	/* a link with nothing a reader can see names nothing */
	if (type == MD_SPAN_A && lc->in_link && !--lc->in_link && !lc->link_chars &&
	    lc->bad_link) {
		size_t n = lc->link_href_len < sizeof lc->link_href ? lc->link_href_len :
			   sizeof lc->link_href;
		lc->bad_link(lc->ctx, LINK_NO_TEXT, lc->link_href, n, lc->link_offset);
	}
	return 0;
}

/* A link's text: anything but white space names it for a reader. */
static void count_link_text(struct link_check *lc, MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n)
{
	if (!lc->in_link)
		return;
	if (type != MD_TEXT_NORMAL && type != MD_TEXT_CODE && type != MD_TEXT_ENTITY &&
	    type != MD_TEXT_NULLCHAR)
		return;
	for (MD_SIZE i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			lc->link_chars++;
}

static int text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *data)
{
	struct reader *r = data;
	struct markdown_code *c = add(r, MARKDOWN_TEXT, (int)type);
	const struct strbuf *src = r->lc.src;
	c->b = n;
	/* md4c's text is mostly in the source it parses, the normalised copy,
	 * which is freed: kept as where the same bytes stand as written */
	size_t off = s && s >= src->data && s <= src->data + src->len ? (size_t)(s - src->data) :
		     (size_t)-1;
	if (off != (size_t)-1 && off + n <= r->lc.text_len && memcmp(r->lc.text + off, s, n) == 0) {
		c->written = 1;
		c->a = (uint32_t)off;
	} else if ((c->a = keep(r, s, n)) == NO_STRING) {
		r->n--;
		return -1;
	}
	count_link_text(&r->lc, type, s, n);
	return 0;
}

const struct markdown *markdown_read_checked(struct arena *a, const char *text_in, size_t len,
					     markdown_bad_link_fn bad_link, void *ctx, bool *ok)
{
	struct strbuf src = { 0 };
	markdown_normalise(text_in, len, &src);
	struct reader r = { a, NULL, 0, 0, { 0 }, false,
			    { .bad_link = bad_link, .ctx = ctx, .text = text_in, .text_len = len,
			      .src = &src } };
	if (bad_link) {	/* where each link stands is only wanted to report it */
		find_line_starts(text_in, len, &r.lc.text_lines);
		find_line_starts(src.data, src.len, &r.lc.src_lines);
	}
	MD_PARSER parser = {
		.flags = MARKDOWN_FLAGS,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = text,
	};
	int rc = md_parse(src.data, (MD_SIZE)src.len, &parser, &r);
	if (ok)
		*ok = rc == 0;
	free(r.lc.text_lines.at);
	free(r.lc.src_lines.at);
	strbuf_free(&src);
	struct markdown *md = arena_alloc(a, sizeof *md);
	md->text = text_in;
	const struct markdown_code *c = r.codes;
	if (is_plain(c, r.n)) {
		const struct markdown_code *t = &c[PLAIN_TEXT];
		md->n = t->b;
		md->strings = t->written ? text_in + t->a :
			      arena_strndup(a, r.strings.data + t->a, t->b);
	} else {
		md->n = (uint32_t)r.n;
		struct markdown_code *codes = arena_alloc(a, (r.n ? r.n : 1) * sizeof *codes);
		if (r.n)
			memcpy(codes, r.codes, r.n * sizeof *codes);
		md->codes = codes;
		if (r.strings.len)
			md->strings = arena_strndup(a, r.strings.data, r.strings.len);
	}
	free(r.codes);
	strbuf_free(&r.strings);
	return md;
}

const struct markdown *markdown_read(struct arena *a, const char *text, size_t len)
{
	return markdown_read_checked(a, text, len, NULL, NULL, NULL);
}

bool markdown_check_links(const char *text, size_t len, markdown_bad_link_fn bad_link, void *ctx)
{
	struct arena scratch;
	arena_init(&scratch);
	bool ok;
	markdown_read_checked(&scratch, text, len, bad_link, ctx, &ok);
	arena_free(&scratch);
	return ok;
}

void markdown_walk(const struct markdown *md,
		   void (*event)(const struct markdown_event *e, void *data), void *data)
{
	if (!md)
		return;
	if (!md->codes) {	/* as md4c reported a plain paragraph */
		for (size_t i = 0; i < PLAIN_EVENTS; i++) {
			struct markdown_event e = { .kind = plain_shape[i].kind,
						    .type = plain_shape[i].type };
			if (i == PLAIN_TEXT)
				e.text = md->strings, e.len = md->n;
			event(&e, data);
		}
		return;
	}
	for (size_t i = 0; i < md->n; i++) {
		const struct markdown_code *c = &md->codes[i];
		struct markdown_event e = { .kind = c->kind, .type = c->type, .align = c->align };
		if (c->kind == MARKDOWN_ENTER_BLOCK) {
			e.number = c->a;
		} else if (c->kind == MARKDOWN_TEXT) {
			e.text = (c->written ? md->text : md->strings) + c->a;
			e.len = c->b;
		} else if (c->kind == MARKDOWN_ENTER_SPAN && c->type == MD_SPAN_A) {
			if (c->a != NO_STRING) {
				e.text = md->strings + c->a;
				e.len = strlen(e.text);
			}
			if (c->b != NO_STRING)
				e.title = md->strings + c->b;
		}
		event(&e, data);
	}
}
