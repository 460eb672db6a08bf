/* yaml_out.c - YAML written so the loader reads each value back exactly. */
#include "yaml_out.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* U+2028 and U+2029, which YAML counts as line breaks. */
static bool has_unicode_break(const char *s)
{
	return strstr(s, "\xE2\x80\xA8") || strstr(s, "\xE2\x80\xA9");
}

/* Whether text can be written plain and read back as the same text, by
 * planpress and by an editor alike (so numbers, dates and YAML's words for
 * true, false and null are quoted, though planpress would read them as text). */
static bool plain_ok(const char *s, bool allow_numbers)
{
	size_t n = strlen(s);
	if (!n || s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return false;
	if (strchr("-?:,[]{}#&*!|>'\"%@`~", s[0]))
		return !(s[0] != '-' || n == 1 || s[1] == ' ') && allow_numbers &&
		       isdigit((unsigned char)s[1]);	/* -1.5 as written */
	if (!allow_numbers && (isdigit((unsigned char)s[0]) || s[0] == '.' || s[0] == '+'))
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7F)
			return false;
		if (c == ':' && (p[1] == ' ' || p[1] == '\0'))
			return false;
		if (c == '#' && p > s && p[-1] == ' ')
			return false;
	}
	if (has_unicode_break(s))
		return false;
	static const char *const words[] = { "null", "true", "false", "yes", "no", "on", "off",
					     "y", "n" };
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(s, words[i]) == 0)
			return false;
	return true;
}

static void quoted(struct strbuf *out, const char *s, bool one_line)
{
	strbuf_addc(out, '"');
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			strbuf_addc(out, '\\');
			strbuf_addc(out, *p);
		} else if (*p == '\n') {
			strbuf_adds(out, one_line ? " " : "\\n");
		} else if (*p == '\t') {
			strbuf_adds(out, "\\t");
		} else if (*p == '\r') {
			strbuf_adds(out, one_line ? " " : "\\r");
		} else if (strncmp(p, "\xE2\x80\xA8", 3) == 0) {
			strbuf_adds(out, "\\L");
			p += 2;
		} else if (strncmp(p, "\xE2\x80\xA9", 3) == 0) {
			strbuf_adds(out, "\\P");
			p += 2;
		} else {
			strbuf_addc(out, *p);
		}
	}
	strbuf_addc(out, '"');
}

void yaml_quoted(struct strbuf *out, const char *text)
{
	quoted(out, text, true);
}

void yaml_key(struct strbuf *out, int indent, const char *key)
{
	strbuf_printf(out, "%*s", indent, "");
	if (plain_ok(key, false))
		strbuf_adds(out, key);
	else
		quoted(out, key, false);
	strbuf_addc(out, ':');
}

void yaml_scalar(struct strbuf *out, const char *text)
{
	if (plain_ok(text, false))
		strbuf_adds(out, text);
	else
		quoted(out, text, false);
}

void yaml_text(struct strbuf *out, const char *text)
{
	strbuf_addc(out, ' ');
	if (strchr(text, '\n')) {
		quoted(out, text, true);
	} else {
		yaml_scalar(out, text);
	}
	strbuf_addc(out, '\n');
}

/* Whether a literal block keeps text as it is: it has lines, its first line
 * sets the indentation (no leading space), and no character YAML would turn
 * or refuse. */
static bool block_ok(const char *s)
{
	if (!strchr(s, '\n') || s[0] == ' ' || s[0] == '\t' || s[0] == '\n')
		return false;
	for (const char *p = s; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F)
			return false;
	return !has_unicode_break(s);
}

void yaml_lines(struct strbuf *out, int indent, const char *text)
{
	if (!block_ok(text)) {
		strbuf_addc(out, ' ');
		if (plain_ok(text, false))
			strbuf_adds(out, text);
		else
			quoted(out, text, false);
		strbuf_addc(out, '\n');
		return;
	}
	/* |- when the text ends with no line break, as the loader's text does;
	 * | otherwise (the loader trims what follows) */
	strbuf_adds(out, " |\n");
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		if (n)
			strbuf_printf(out, "%*s%.*s", indent + 2, "", (int)n, line);
		strbuf_addc(out, '\n');
		if (!end)
			break;
		line = end + 1;
	}
}

void yaml_comment(struct strbuf *out, int indent, const char *text)
{
	for (const char *line = text;;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		strbuf_printf(out, "%*s#%s%.*s\n", indent, "", n ? " " : "", (int)n, line);
		if (!end)
			break;
		line = end + 1;
	}
}

/* A scalar node as written: plain if it was plain and still reads so. */
static void node_scalar(struct strbuf *out, const struct node *n)
{
	if (node_is_null(n))
		strbuf_adds(out, "~");
	else if (n->plain && plain_ok(n->text, true))
		strbuf_adds(out, n->text);
	else
		quoted(out, n->text, false);
}

/* A list of short scalars fits a line: [a, b, c]. */
static bool flow_ok(const struct node *n)
{
	size_t len = 0;
	for (size_t i = 0; i < n->count; i++) {
		const struct node *item = n->items[i];
		if (item->type != NODE_SCALAR || strpbrk(item->text, ",[]{}\n"))
			return false;
		len += item->len + 2;
	}
	return len < 72;
}

void yaml_node(struct strbuf *out, int indent, const struct node *n)
{
	if (n->type == NODE_SCALAR) {
		if (!node_is_null(n) && strchr(n->text, '\n')) {
			yaml_lines(out, indent, n->text);
			return;
		}
		strbuf_addc(out, ' ');
		node_scalar(out, n);
		strbuf_addc(out, '\n');
		return;
	}
	if (n->count == 0) {
		strbuf_adds(out, n->type == NODE_MAPPING ? " {}\n" : " []\n");
		return;
	}
	if (n->type == NODE_SEQUENCE && flow_ok(n)) {
		strbuf_adds(out, " [");
		for (size_t i = 0; i < n->count; i++) {
			if (i)
				strbuf_adds(out, ", ");
			node_scalar(out, n->items[i]);
		}
		strbuf_adds(out, "]\n");
		return;
	}
	strbuf_addc(out, '\n');
	if (n->type == NODE_MAPPING) {
		for (size_t i = 0; i < n->count; i++) {
			yaml_key(out, indent + 2, n->pairs[i].key->text);
			yaml_node(out, indent + 2, n->pairs[i].value);
		}
		return;
	}
	for (size_t i = 0; i < n->count; i++) {
		const struct node *item = n->items[i];
		strbuf_printf(out, "%*s-", indent + 2, "");
		if (item->type == NODE_MAPPING && item->count) {
			/* the first key on the dash's line, the rest under it */
			for (size_t k = 0; k < item->count; k++) {
				if (k == 0) {
					struct strbuf key = { 0 };
					yaml_key(&key, 1, item->pairs[k].key->text);
					strbuf_adds(out, key.data);
					strbuf_free(&key);
				} else {
					yaml_key(out, indent + 4, item->pairs[k].key->text);
				}
				yaml_node(out, indent + 4, item->pairs[k].value);
			}
		} else {
			yaml_node(out, indent + 2, item);
		}
	}
}
