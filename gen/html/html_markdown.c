/* html_markdown.c - md4c callbacks that build libxml2 nodes. */
#include "html_markdown.h"
#include "html_write.h"
#include "markdown.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_NESTING = 128 };

struct builder {
	xmlNodePtr stack[MAX_NESTING];
	int depth;
	int skipped;		/* elements not opened because nesting was too deep */
	int heading_offset;	/* the enclosing level when no heading precedes */
	int in_thead;
	xmlNodePtr parent;	/* where the nodes go, already in the page */
	int base;		/* level of this text's top headings; 0 until needed */
	int levels[6];		/* markdown levels of the open headings */
	int n_levels;
};

static xmlNodePtr top(struct builder *b)
{
	return b->stack[b->depth - 1];
}

static void push(struct builder *b, const char *name)
{
	if (b->depth >= MAX_NESTING) {
		b->skipped++;
		return;
	}
	xmlNodePtr n = xmlNewChild(top(b), NULL, BAD_CAST name, NULL);
	b->stack[b->depth++] = n;
}

/* Never below the holder: md4c 0.4.8 can leave a span twice on malformed
 * input (found by fuzzing). */
static void pop(struct builder *b)
{
	if (b->skipped) {
		b->skipped--;
		return;
	}
	if (b->depth > 1)
		b->depth--;
}

/* The level of the heading before node in the page (what a screen reader
 * takes the text to sit under); fallback when there is none. Looked up only
 * for texts that hold headings. */
static int enclosing_level(xmlNodePtr node, int fallback)
{
	for (xmlNodePtr cur = node; cur; cur = cur->parent) {
		if (cur->type != XML_ELEMENT_NODE)
			break;
		for (xmlNodePtr sib = cur->prev; sib; sib = sib->prev) {
			int level = html_last_heading_in(sib);
			if (level)
				return level;
		}
	}
	return fallback;
}

static void enter_block(const struct markdown_event *e, struct builder *b)
{
	MD_BLOCKTYPE type = (MD_BLOCKTYPE)e->type;
	char name[16];
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		push(b, "blockquote");
		break;
	case MD_BLOCK_UL:
		push(b, "ul");
		break;
	case MD_BLOCK_OL: {
		push(b, "ol");
		unsigned start = e->number;
		if (start != 1 && !b->skipped) {
			snprintf(name, sizeof name, "%u", start % 100000);
			xmlSetProp(top(b), BAD_CAST "start", BAD_CAST name);
		}
		break;
	}
	case MD_BLOCK_LI:
		push(b, "li");
		break;
	case MD_BLOCK_HR:
		push(b, "hr");
		break;
	case MD_BLOCK_H: {
		/* nested directly under the heading the text sits under, never
		 * skipping a level: "### a" then "##### b" are h4, h5 below an h3 */
		int level = (int)e->number;
		if (!b->base)
			b->base = enclosing_level(b->parent, b->heading_offset) + 1;
		while (b->n_levels && b->levels[b->n_levels - 1] >= level)
			b->n_levels--;
		if (b->n_levels < 6)
			b->levels[b->n_levels++] = level;
		int out = b->base + b->n_levels - 1;
		snprintf(name, sizeof name, "h%d", out > 6 ? 6 : out);
		push(b, name);
		break;
	}
	case MD_BLOCK_CODE:
		push(b, "pre");
		push(b, "code");
		break;
	case MD_BLOCK_HTML:	/* off by MARKDOWN_FLAGS; shown as text if ever here */
		push(b, "p");
		break;
	case MD_BLOCK_P:
		push(b, "p");
		break;
	case MD_BLOCK_TABLE:
		/* in a labelled region that scrolls, as the action tables are, so a
		 * wide table never widens the page; a keyboard can reach it */
		push(b, "div");
		if (!b->skipped) {
			xmlSetProp(top(b), BAD_CAST "class", BAD_CAST "table-scroll");
			xmlSetProp(top(b), BAD_CAST "role", BAD_CAST "region");
			xmlSetProp(top(b), BAD_CAST "tabindex", BAD_CAST "0");
		}
		push(b, "table");
		break;
	case MD_BLOCK_THEAD:
		b->in_thead = 1;
		push(b, "thead");
		break;
	case MD_BLOCK_TBODY:
		push(b, "tbody");
		break;
	case MD_BLOCK_TR:
		push(b, "tr");
		break;
	case MD_BLOCK_TH:
		push(b, "th");
		if (!b->skipped)
			xmlSetProp(top(b), BAD_CAST "scope", BAD_CAST "col");
		break;
	case MD_BLOCK_TD:
		push(b, "td");
		break;
	}
}

/* A markdown table has no caption: its region is named by its column
 * headings ("Table: Question, Agree, Disagree"). */
static void label_table_region(xmlNodePtr region, xmlNodePtr table)
{
	struct strbuf label = { 0 };
	strbuf_adds(&label, "Table");
	for (xmlNodePtr part = table->children; part; part = part->next) {
		if (part->type != XML_ELEMENT_NODE || strcmp((const char *)part->name, "thead") != 0)
			continue;
		const char *sep = ": ";
		for (xmlNodePtr tr = part->children; tr; tr = tr->next)
			for (xmlNodePtr th = tr->children; th; th = th->next) {
				xmlChar *text = xmlNodeGetContent(th);
				if (text && *text && label.len < 200) {
					strbuf_adds(&label, sep);
					strbuf_adds(&label, (const char *)text);
					sep = ", ";
				}
				xmlFree(text);
			}
	}
	xmlSetProp(region, BAD_CAST "aria-label", BAD_CAST label.data);
	strbuf_free(&label);
}

static bool is_element(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Each body cell gets its column's heading as data-label, which a narrow
 * screen shows beside it when the table's rows are stacked. */
static void label_cells(xmlNodePtr table)
{
	xmlChar *heads[64] = { 0 };
	size_t n = 0;
	for (xmlNodePtr part = table->children; part; part = part->next)
		for (xmlNodePtr tr = part->children; is_element(part, "thead") && tr; tr = tr->next)
			for (xmlNodePtr th = tr->children; th && n < 64; th = th->next)
				if (is_element(th, "th"))
					heads[n++] = xmlNodeGetContent(th);
	for (xmlNodePtr part = table->children; part; part = part->next)
		for (xmlNodePtr tr = part->children; is_element(part, "tbody") && tr; tr = tr->next) {
			size_t i = 0;
			for (xmlNodePtr td = tr->children; td; td = td->next) {
				if (td->type != XML_ELEMENT_NODE)
					continue;
				if (i < n && heads[i] && *heads[i])
					xmlSetProp(td, BAD_CAST "data-label", heads[i]);
				i++;
			}
		}
	for (size_t i = 0; i < n; i++)
		xmlFree(heads[i]);
}

static void leave_block(const struct markdown_event *e, struct builder *b)
{
	MD_BLOCKTYPE type = (MD_BLOCKTYPE)e->type;
	if (type == MD_BLOCK_DOC)
		return;
	if (type == MD_BLOCK_THEAD)
		b->in_thead = 0;
	if (type == MD_BLOCK_TABLE && !b->skipped && b->depth > 2) {
		label_table_region(b->stack[b->depth - 2], top(b));
		label_cells(top(b));
	}
	if (type == MD_BLOCK_CODE || type == MD_BLOCK_TABLE)
		pop(b);
	pop(b);
}

static void enter_span(const struct markdown_event *e, struct builder *b)
{
	switch ((MD_SPANTYPE)e->type) {
	case MD_SPAN_EM:
		push(b, "em");
		break;
	case MD_SPAN_STRONG:
		push(b, "strong");
		break;
	case MD_SPAN_A:
		/* a link not allowed (refused by check) keeps its text in a <span>,
		 * without the link: every span pushes exactly one element */
		if (!e->text) {
			push(b, "span");
			return;
		}
		push(b, "a");
		if (!b->skipped) {
			/* the very address that was checked, decoded once when read */
			xmlSetProp(top(b), BAD_CAST "href", BAD_CAST e->text);
			if (e->title && *e->title)
				xmlSetProp(top(b), BAD_CAST "title", BAD_CAST e->title);
		}
		break;
	case MD_SPAN_IMG:
		/* pictures are not published from text fields: their alt text is */
		push(b, "span");
		break;
	case MD_SPAN_CODE:
		push(b, "code");
		break;
	case MD_SPAN_DEL:
		push(b, "del");
		break;
	default:
		push(b, "span");
		break;
	}
}

static void add_text(struct builder *b, const char *s, size_t n)
{
	xmlNodePtr parent = top(b);
	xmlNodePtr last = parent->last;
	if (last && last->type == XML_TEXT_NODE)
		xmlTextConcat(last, BAD_CAST s, (int)n);
	else
		xmlAddChild(parent, xmlNewTextLen(BAD_CAST s, (int)n));
}

/* A web or e-mail address: "https://...", "www....", "name@host.tld". */
static bool is_address(const char *s, size_t n)
{
	if (n >= 4 && strncmp(s, "www.", 4) == 0)
		return true;
	for (size_t i = 0; i + 2 < n; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return true;
	const char *at = memchr(s, '@', n);
	return at && at > s && memchr(at, '.', n - (size_t)(at - s)) != NULL;
}

/* Text, with each address in it in a <span class="address">, which the style
 * sheet lets break anywhere: a long address in a table cell would otherwise
 * widen its column (or the page) to its own length. */
static void add_text_marking_addresses(struct builder *b, const char *s, size_t n)
{
	size_t run = 0, i = 0;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			i++;
			continue;
		}
		size_t start = i;
		while (i < n && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
			i++;
		size_t end = i;	/* the sentence's punctuation is not the address's */
		while (end > start && strchr(".,;:!?)", s[end - 1]))
			end--;
		if (!is_address(s + start, end - start) || b->skipped)
			continue;
		if (start > run)
			add_text(b, s + run, start - run);
		xmlNodePtr span = xmlNewChild(top(b), NULL, BAD_CAST "span", NULL);
		xmlSetProp(span, BAD_CAST "class", BAD_CAST "address");
		xmlAddChild(span, xmlNewTextLen(BAD_CAST s + start, (int)(end - start)));
		run = end;
	}
	if (n > run)
		add_text(b, s + run, n - run);
}

static void text(const struct markdown_event *e, struct builder *b)
{
	const char *s = e->text;
	size_t n = e->len;
	char buf[8];
	switch ((MD_TEXTTYPE)e->type) {
	case MD_TEXT_BR:
		xmlNewChild(top(b), NULL, BAD_CAST "br", NULL);
		break;
	case MD_TEXT_SOFTBR:
		add_text(b, "\n", 1);
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
	case MD_TEXT_NORMAL:
		add_text_marking_addresses(b, s, n);
		break;
	default:	/* code, and raw HTML, which is shown as text */
		add_text(b, s, n);
		break;
	}
}

static void event(const struct markdown_event *e, void *data)
{
	struct builder *b = data;
	switch (e->kind) {
	case MARKDOWN_ENTER_BLOCK: enter_block(e, b); break;
	case MARKDOWN_LEAVE_BLOCK: leave_block(e, b); break;
	case MARKDOWN_ENTER_SPAN: enter_span(e, b); break;
	case MARKDOWN_LEAVE_SPAN: pop(b); break;
	case MARKDOWN_TEXT: text(e, b); break;
	}
}

void markdown_to_nodes(const struct markdown *md, xmlNodePtr parent, int heading_offset,
		       int inline_only)
{
	xmlNodePtr holder = xmlNewNode(NULL, BAD_CAST "div");
	struct builder b = { .depth = 1, .heading_offset = heading_offset, .parent = parent };
	b.stack[0] = holder;
	markdown_walk(md, event, &b);
	xmlNodePtr first = holder->children;
	/* one paragraph in a table cell reads better without its <p> */
	if (inline_only && first && !first->next && first->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)first->name, "p") == 0) {
		holder = first;
	}
	xmlNodePtr child = holder->children;
	while (child) {
		xmlNodePtr next = child->next;
		xmlUnlinkNode(child);
		xmlAddChild(parent, child);
		child = next;
	}
	/* free whichever holder is left (the div, possibly with the unwrapped p) */
	xmlNodePtr root = holder->parent ? holder->parent : holder;
	xmlFreeNode(root);
}
