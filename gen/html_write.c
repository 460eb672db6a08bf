/* html_write.c - HTML5 serialisation and escaping. */
#include "html_write.h"

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

static int write_node(xmlNodePtr node, struct strbuf *out, const char *raw_parent)
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
		} else {
			html_escape_text((const char *)node->content, out);
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
			html_escape_attribute(value ? (const char *)value : "", out);
			strbuf_addc(out, '"');
			xmlFree(value);
		}
		strbuf_addc(out, '>');
		if (is_void(name))
			break;
		const char *raw = (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) ?
				  name : NULL;
		for (xmlNodePtr c = node->children; c; c = c->next)
			ok &= write_node(c, out, raw);
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
	write_node(node, out, NULL);
}

int html_write_document(xmlNodePtr root, struct strbuf *out)
{
	strbuf_adds(out, "<!DOCTYPE html>\n");
	int ok = write_node(root, out, NULL);
	strbuf_addc(out, '\n');
	return ok;
}
