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

static int write_node(xmlNodePtr node, struct strbuf *out, const char *raw_parent, int pre)
{
	int ok = 1;
	switch (node->type) {
	case XML_TEXT_NODE:
	case XML_CDATA_SECTION_NODE:
		if (!node->content)
			break;
		if (raw_parent) {
			if (!raw_text_safe((const char *)node->content, raw_parent))
				return 0;
			strbuf_adds(out, (const char *)node->content);
		} else if (pre) {
			html_escape_text((const char *)node->content, out);
		} else {
			escape_text_collapsed((const char *)node->content, out);
		}
		break;
	case XML_ELEMENT_NODE: {
		const char *name = (const char *)node->name;
		strbuf_addc(out, '<');
		strbuf_adds(out, name);
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
		if (is_void(name))
			break;
		const char *raw = (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) ?
				  name : NULL;
		int keep = pre || is_preformatted(name);
		for (xmlNodePtr c = node->children; c; c = c->next)
			ok &= write_node(c, out, raw, keep);
		strbuf_adds(out, "</");
		strbuf_adds(out, name);
		strbuf_addc(out, '>');
		break;
	}
	default:	/* comments, processing instructions, DTD nodes */
		break;
	}
	return ok;
}

void html_write_node(xmlNodePtr node, struct strbuf *out)
{
	write_node(node, out, NULL, 0);
}

int html_write_document(xmlNodePtr root, struct strbuf *out)
{
	strbuf_adds(out, "<!DOCTYPE html>\n");
	int ok = write_node(root, out, NULL, 0);
	strbuf_addc(out, '\n');
	return ok;
}
