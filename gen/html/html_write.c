/* html_write.c - HTML5 serialisation and escaping. */
#include "html_write.h"
#include "url.h"

#include <stdbool.h>
#include <string.h>

static const char *const void_elements[] = {
	"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
	"source", "track", "wbr", NULL,
};

static int is_void(const char *name)
{
	for (size_t i = 0; void_elements[i]; i++)
		if (strcmp(name, void_elements[i]) == 0)
			return 1;
	return 0;
}

void html_escape_text(const char *s, struct strbuf *out)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep = NULL;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '\xC2':	/* U+00A0 as an entity, so it is visible in source */
			if ((unsigned char)s[1] == 0xA0) {
				strbuf_add(out, run, (size_t)(s - run));
				strbuf_adds(out, "&nbsp;");
				s++;
				run = s + 1;
			}
			continue;
		default: continue;
		}
		strbuf_add(out, run, (size_t)(s - run));
		strbuf_adds(out, rep);
		run = s + 1;
	}
	strbuf_add(out, run, (size_t)(s - run));
}

void html_escape_attribute(const char *s, struct strbuf *out)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		if (*s == '&')
			rep = "&amp;";
		else if (*s == '"')
			rep = "&quot;";
		else
			continue;
		strbuf_add(out, run, (size_t)(s - run));
		strbuf_adds(out, rep);
		run = s + 1;
	}
	strbuf_add(out, run, (size_t)(s - run));
}

/* Attributes that hold one URL. */
static bool is_url_attribute(const char *name)
{
	return strcmp(name, "href") == 0 || strcmp(name, "src") == 0 ||
	       strcmp(name, "action") == 0 || strcmp(name, "cite") == 0;
}

/* Text of script and style is raw in HTML: it cannot be escaped, only refused
 * when it would close its element early. Only templates put text there. */
static int raw_text_safe(const char *text, const char *element)
{
	size_t n = strlen(element);
	for (const char *p = strstr(text, "</"); p; p = strstr(p + 2, "</"))
		if (strncasecmp(p + 2, element, n) == 0)
			return 0;
	return 1;
}

/* Text with each run of white space that holds two or more line breaks made
 * one line break. A template's lines around what it leaves out (a pp:if that
 * is false, a cell of a column not shown) would otherwise pile up as blank
 * lines, most of a page's source; outside <pre> a browser shows any run of
 * white space as one space, so the page looks the same. */
static void escape_text_collapsed(const char *s, struct strbuf *out)
{
	struct strbuf t = { 0 };
	for (const char *p = s; *p;) {
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') {
			strbuf_addc(&t, *p++);
			continue;
		}
		const char *start = p;
		int breaks = 0;
		for (; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++)
			breaks += *p == '\n';
		if (breaks >= 2)
			strbuf_addc(&t, '\n');
		else
			strbuf_add(&t, start, (size_t)(p - start));
	}
	html_escape_text(t.data ? t.data : "", out);
	strbuf_free(&t);
}

/* Elements whose white space is shown as written. */
static int is_preformatted(const char *name)
{
	return strcmp(name, "pre") == 0 || strcmp(name, "textarea") == 0 ||
	       strcmp(name, "listing") == 0;
}

int html_heading_level(xmlNodePtr n)
{
	const char *name = (const char *)n->name;
	if (n->type != XML_ELEMENT_NODE || name[0] != 'h' || name[1] < '1' || name[1] > '6' ||
	    name[2])
		return 0;
	return name[1] - '0';
}

int html_last_heading_in(xmlNodePtr n)
{
	int level = html_heading_level(n);
	if (level)
		return level;
	for (xmlNodePtr c = n->last; c; c = c->prev)
		if ((level = html_last_heading_in(c)))
			return level;
	return 0;
}

/* Where a page is being written, and what is done to each element first. */
struct writer {
	struct strbuf *out;
	void (*rewrite)(void *ctx, xmlNodePtr element);
	void *ctx;
	int ok;		/* 0 once a style or script holds its own end tag */
};

/* The start tag of an element, once whatever rewrites elements has seen it. */
static void write_start_tag(struct writer *w, xmlNodePtr node)
{
	if (w->rewrite)
		w->rewrite(w->ctx, node);
	struct strbuf *out = w->out;
	strbuf_addc(out, '<');
	strbuf_adds(out, (const char *)node->name);
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		if (a->ns)	/* template directives and xmlns:* never reach the page */
			continue;
		xmlChar *value = xmlNodeListGetString(node->doc, a->children, 1);
		strbuf_addc(out, ' ');
		strbuf_adds(out, (const char *)a->name);
		strbuf_adds(out, "=\"");
		const char *text = value ? (const char *)value : "";
		if (is_url_attribute((const char *)a->name)) {
			/* a URL may not hold '"', space, '<' ...: vnu rejects
			 * "&quot;" in an href, so they are percent-encoded */
			struct strbuf url = { 0 };
			url_encode(text, false, &url);
			html_escape_attribute(url.data ? url.data : "", out);
			strbuf_free(&url);
		} else {
			html_escape_attribute(text, out);
		}
		strbuf_addc(out, '"');
		xmlFree(value);
	}
	strbuf_addc(out, '>');
}

/* What an element's children are written as: raw text in script and style,
 * white space as written inside pre (and all it holds). */
static const char *raw_of(const char *name)
{
	return strcmp(name, "script") == 0 || strcmp(name, "style") == 0 ? name : NULL;
}

static void write_end_tag(struct writer *w, xmlNodePtr node)
{
	strbuf_adds(w->out, "</");
	strbuf_adds(w->out, (const char *)node->name);
	strbuf_addc(w->out, '>');
}

static void write_node(struct writer *w, xmlNodePtr node, const char *raw_parent, int pre)
{
	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (!node->content)
			break;
		if (raw_parent) {
			if (!raw_text_safe((const char *)node->content, raw_parent))
				w->ok = 0;
			else
				strbuf_adds(w->out, (const char *)node->content);
		} else if (pre) {
			html_escape_text((const char *)node->content, w->out);
		} else {
			escape_text_collapsed((const char *)node->content, w->out);
		}
		break;
	case XML_ELEMENT_NODE: {
		write_start_tag(w, node);
		const char *name = (const char *)node->name;
		if (is_void(name))
			break;
		const char *raw = raw_of(name);
		int keep = pre || is_preformatted(name);
		for (xmlNodePtr c = node->children; c; c = c->next)
			write_node(w, c, raw, keep);
		write_end_tag(w, node);
		break;
	}
	default:	/* comments, processing instructions, DTD nodes */
		break;
	}
}

void html_write_node(xmlNodePtr node, struct strbuf *out)
{
	struct writer w = { .out = out, .ok = 1 };
	write_node(&w, node, NULL, 0);
}

int html_write_document(xmlNodePtr root, struct strbuf *out)
{
	struct writer w = { .out = out, .ok = 1 };
	strbuf_adds(out, "<!DOCTYPE html>\n");
	write_node(&w, root, NULL, 0);
	strbuf_addc(out, '\n');
	return w.ok;
}

/* ---------- a page written as it is made ---------- */

/* An element whose start tag is written and whose end tag is not: the tree
 * still holds it, with only what of its children is not yet written. */
struct open_element {
	xmlNodePtr node;
	const char *raw;	/* its children's raw_of */
	int pre;		/* white space kept inside it */
	int is_void;		/* what it holds is not written */
};

struct html_stream {
	struct writer w;
	struct open_element *open;	/* from the page's root down */
	size_t depth, cap;
	xmlNodePtr *chain;		/* html_stream_flush's, kept to reuse */
	size_t chain_cap;
	int begun;			/* the doctype and the root's start tag are written */
	int last_heading;		/* html_last_heading_in what is taken out, or 0 */
};

struct html_stream *html_stream_new(struct strbuf *out,
				    void (*rewrite)(void *ctx, xmlNodePtr element), void *ctx)
{
	struct html_stream *s = xcalloc(1, sizeof *s);
	s->w = (struct writer){ .out = out, .rewrite = rewrite, .ctx = ctx, .ok = 1 };
	return s;
}

void html_stream_free(struct html_stream *s)
{
	if (!s)
		return;
	free(s->open);
	free(s->chain);
	free(s);
}

/* Writes a finished child of the innermost open element and frees it. */
static void write_child(struct html_stream *s, xmlNodePtr child)
{
	const struct open_element *in = &s->open[s->depth - 1];
	if (!in->is_void)
		write_node(&s->w, child, in->raw, in->pre);
	int level = html_last_heading_in(child);
	if (level)
		s->last_heading = level;
	xmlUnlinkNode(child);
	xmlFreeNode(child);
}

static void open_element(struct html_stream *s, xmlNodePtr node)
{
	const struct open_element *in = s->depth ? &s->open[s->depth - 1] : NULL;
	if (in && in->is_void) {	/* written as nothing, as write_node does */
		s->open[s->depth++] = (struct open_element){ node, NULL, 0, 1 };
		return;
	}
	write_start_tag(&s->w, node);
	const char *name = (const char *)node->name;
	s->open[s->depth++] = (struct open_element){
		node, raw_of(name), (in && in->pre) || is_preformatted(name), is_void(name) };
}

/* The innermost open element's children and end tag; the element itself is
 * freed unless it is the page's root, which its document frees. */
static void close_element(struct html_stream *s)
{
	const struct open_element *top = &s->open[s->depth - 1];
	xmlNodePtr node = top->node;
	while (node->children)
		write_child(s, node->children);
	if (!top->is_void)
		write_end_tag(&s->w, node);
	if (html_heading_level(node))	/* a heading before those inside it */
		s->last_heading = html_heading_level(node);
	s->depth--;
	if (s->depth) {
		xmlUnlinkNode(node);
		xmlFreeNode(node);
	}
}

void html_stream_flush(struct html_stream *s, xmlNodePtr filling)
{
	/* the elements from the page's root down to filling; above the root is
	 * the element the template is expanded into, then the document */
	size_t n = 0;
	for (xmlNodePtr p = filling; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		n++;
	if (n < 2)	/* filling the document itself: nothing of the page yet */
		return;
	n--;
	if (n > s->chain_cap) {
		s->chain_cap = n * 2;
		s->chain = xrealloc(s->chain, s->chain_cap * sizeof *s->chain);
	}
	size_t i = n;
	for (xmlNodePtr p = filling; i; p = p->parent)
		s->chain[--i] = p;
	/* the page is the first element made (html_write_document's root) */
	xmlNodePtr first = s->chain[0]->parent->children;
	while (first && first->type != XML_ELEMENT_NODE)
		first = first->next;
	if (first != s->chain[0])
		return;
	if (n > s->cap) {
		s->cap = n * 2;
		s->open = xrealloc(s->open, s->cap * sizeof *s->open);
	}
	size_t same = 0;
	while (same < s->depth && same < n && s->open[same].node == s->chain[same])
		same++;
	while (s->depth > same)
		close_element(s);
	if (!s->begun) {
		strbuf_adds(s->w.out, "<!DOCTYPE html>\n");
		s->begun = 1;
	}
	for (size_t j = s->depth; j < n; j++) {
		/* what comes before it in its parent is finished */
		while (j > 0 && s->open[j - 1].node->children != s->chain[j])
			write_child(s, s->open[j - 1].node->children);
		open_element(s, s->chain[j]);
	}
	/* filling's children are finished, bar a text at the end that more text
	 * may join (a run of white space is collapsed whole) */
	xmlNodePtr last = filling->last;
	while (filling->children && !(filling->children == last && last->type == XML_TEXT_NODE))
		write_child(s, filling->children);
}

int html_stream_last_heading(const struct html_stream *s)
{
	return s->last_heading;
}

int html_stream_end(struct html_stream *s, xmlNodePtr root)
{
	if (!s->begun) {	/* nothing was finished before the end */
		strbuf_adds(s->w.out, "<!DOCTYPE html>\n");
		write_node(&s->w, root, NULL, 0);
	}
	while (s->depth)
		close_element(s);
	strbuf_addc(s->w.out, '\n');
	return s->w.ok;
}
