/* markdown.c - md4c set up the one way planpress uses it, and the link rules. */
#include "markdown.h"

#include <stdlib.h>
#include <string.h>

void markdown_normalise(const char *text, size_t len, struct strbuf *out)
{
	static const char bullet[] = "\xE2\x80\xA2";	/* U+2022 */
	size_t i = 0;
	while (i < len) {
		size_t eol = i;
		while (eol < len && text[eol] != '\n')
			eol++;
		size_t p = i;
		while (p < eol && (text[p] == ' ' || text[p] == '\t'))
			p++;
		if (eol - p >= 3 && memcmp(text + p, bullet, 3) == 0) {
			strbuf_add(out, text + i, p - i);
			strbuf_addc(out, '-');
			p += 3;
			if (p < eol && text[p] != ' ' && text[p] != '\t')
				strbuf_addc(out, ' ');
			strbuf_add(out, text + p, eol - p);
		} else {
			strbuf_add(out, text + i, eol - i);
		}
		if (eol < len)
			strbuf_addc(out, '\n');
		i = eol + 1;
	}
	if (!out->data)
		strbuf_add(out, "", 0);
}

static bool has_prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && strncasecmp(s, prefix, n) == 0;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The byte at *i of a path, its percent-escape decoded (%2e is '.'), and *i
 * moved past it; *encoded says it was written as an escape. */
static unsigned char path_byte(const char *s, size_t len, size_t *i, bool *encoded)
{
	if (s[*i] == '%' && *i + 2 < len && hex_value(s[*i + 1]) >= 0 &&
	    hex_value(s[*i + 2]) >= 0) {
		unsigned char c = (unsigned char)(hex_value(s[*i + 1]) << 4 | hex_value(s[*i + 2]));
		*i += 3;
		*encoded = true;
		return c;
	}
	*encoded = false;
	return (unsigned char)s[(*i)++];
}

/* The folders and files a link from the site's root may start with: what the
 * build makes there. "/etc/passwd" names a file on a computer, not the site. */
static bool site_top(const char *seg, size_t n)
{
	static const char *const tops[] = { "plans", "reports", "minutes", "meetings", "assets",
					    "index.html" };
	for (size_t i = 0; i < sizeof tops / sizeof *tops; i++)
		if (n == strlen(tops[i]) && memcmp(seg, tops[i], n) == 0)
			return true;
	return false;
}

enum markdown_link_problem markdown_link_judge(const char *href, size_t len)
{
	while (len && (*href == ' ' || *href == '\t'))
		href++, len--;
	if (len == 0)
		return LINK_NOT_ALLOWED;
	if (has_prefix_ci(href, len, "http://") || has_prefix_ci(href, len, "https://"))
		return len > 8 ? LINK_OK : LINK_NOT_ALLOWED;
	if (has_prefix_ci(href, len, "mailto:"))
		return len > 7 ? LINK_OK : LINK_NOT_ALLOWED;
	if (len >= 2 && (href[0] == '/' || href[0] == '\\') &&
	    (href[1] == '/' || href[1] == '\\'))
		return LINK_NOT_ALLOWED;	/* //host: another site, scheme left out */
	/* a path or fragment: no scheme, i.e. no ':' before the first / ? or # */
	for (size_t i = 0; i < len; i++) {
		char c = href[i];
		if (c == '/' || c == '?' || c == '#')
			break;
		if (c == ':' || c == '\\' || (unsigned char)c < 0x20)
			return LINK_NOT_ALLOWED;
	}
	/* and it stays inside the site: every page is at most one folder down
	 * (plans/x.html), so a relative path may climb one level, no more. It
	 * is judged as the browser reads it, escapes decoded ("%2e%2e" is "..");
	 * a backslash (which browsers read as '/'), an escaped '/' (which some
	 * servers do) and control characters have no place in a path. */
	bool from_root = href[0] == '/';
	int depth = from_root ? 0 : 1;
	size_t i = from_root ? 1 : 0;
	while (i < len && href[i] != '?' && href[i] != '#') {
		size_t n = 0, start = i;
		bool dots_only = true;
		while (i < len && href[i] != '/' && href[i] != '?' && href[i] != '#') {
			bool encoded;
			unsigned char c = path_byte(href, len, &i, &encoded);
			if (c == '\\' || c < 0x20 || c == 0x7F || (encoded && c == '/'))
				return LINK_NOT_ALLOWED;
			n++;
			dots_only &= c == '.';
		}
		if (dots_only && n == 2) {
			if (--depth < 0)
				return LINK_LEAVES_SITE;
		} else if (!(dots_only && n == 1) && n) {
			/* from the root, the site's own folders only */
			if (from_root && depth == 0 && !site_top(href + start, i - start))
				return LINK_LEAVES_SITE;
			depth++;
		}
		if (i < len && href[i] == '/')
			i++;
	}
	return LINK_OK;
}

bool markdown_link_allowed(const char *href, size_t len)
{
	return markdown_link_judge(href, len) == LINK_OK;
}

static size_t utf8_encode(unsigned long cp, char *out)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int markdown_decode_entity(const char *e, size_t len, char *buf, size_t size)
{
	static const struct {
		const char *name;
		unsigned long cp;
	} named[] = {
		{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
		{ "apos", '\'' }, { "nbsp", 0xA0 }, { "pound", 0xA3 }, { "euro", 0x20AC },
		{ "copy", 0xA9 }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
		{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C },
		{ "rdquo", 0x201D }, { "hellip", 0x2026 }, { "bull", 0x2022 },
		{ "middot", 0xB7 }, { "frac12", 0xBD }, { "deg", 0xB0 },
	};
	if (size < 5 || len < 3 || e[0] != '&' || e[len - 1] != ';')
		return 0;
	unsigned long cp = 0;
	if (e[1] == '#') {
		const char *p = e + 2, *end = e + len - 1;
		int hex = (*p == 'x' || *p == 'X');
		if (hex)
			p++;
		if (p == end || end - p > 8)
			return 0;
		for (; p < end; p++) {
			int digit;
			if (*p >= '0' && *p <= '9')
				digit = *p - '0';
			else if (hex && *p >= 'a' && *p <= 'f')
				digit = *p - 'a' + 10;
			else if (hex && *p >= 'A' && *p <= 'F')
				digit = *p - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)digit;
		}
	} else {
		size_t i = 0, n = sizeof named / sizeof *named;
		for (; i < n; i++)
			if (strlen(named[i].name) == len - 2 &&
			    strncmp(named[i].name, e + 1, len - 2) == 0)
				break;
		if (i == n)
			return 0;
		cp = named[i].cp;
	}
	size_t k = utf8_encode(cp, buf);
	buf[k] = '\0';
	return 1;
}


char *markdown_attribute_text(const MD_ATTRIBUTE *a)
{
	struct strbuf out = { 0 };
	for (int i = 0; a->substr_offsets && a->substr_offsets[i] < a->size; i++) {
		const char *s = a->text + a->substr_offsets[i];
		size_t n = (size_t)(a->substr_offsets[i + 1] - a->substr_offsets[i]);
		char buf[8];
		if (a->substr_types[i] == MD_TEXT_ENTITY && markdown_decode_entity(s, n, buf, sizeof buf))
			strbuf_adds(&out, buf);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			strbuf_adds(&out, "\xEF\xBF\xBD");
		else
			strbuf_add(&out, s, n);
	}
	if (!out.data)
		strbuf_add(&out, "", 0);
	return out.data;
}

static bool starts_list(const char *line, size_t n)
{
	size_t i = 0;
	while (i < n && line[i] == ' ')
		i++;
	if (i + 1 < n && (line[i] == '-' || line[i] == '*' || line[i] == '+') && line[i + 1] == ' ')
		return true;
	if (i + 3 <= n && memcmp(line + i, "\xE2\x80\xA2", 3) == 0)
		return true;
	size_t d = i;
	while (d < n && line[d] >= '0' && line[d] <= '9')
		d++;
	return d > i && d + 1 < n && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ';
}

/* A line of three or more "-", "*" or "_" (spaces between allowed), which
 * markdown draws as a rule. */
static bool thematic_break(const char *p, size_t n)
{
	char mark = 0;
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] == ' ' || p[i] == '\t')
			continue;
		if ((p[i] != '-' && p[i] != '*' && p[i] != '_') || (mark && p[i] != mark))
			return false;
		mark = p[i];
		count++;
	}
	return count >= 3;
}

size_t markdown_split_paragraphs(struct arena *a, const char *md, const char ***paragraphs)
{
	struct { const char **at; size_t n; } out = { NULL, 0 };
	size_t cap = 8;
	out.at = arena_alloc(a, cap * sizeof *out.at);
	struct strbuf cur = { 0 };
	const char *p = md;
	bool in_fence = false, blank_before = false;
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		bool blank = true;
		for (size_t i = 0; i < n; i++)
			if (p[i] != ' ' && p[i] != '\t')
				blank = false;
		if (n >= 3 && (strncmp(p, "```", 3) == 0 || strncmp(p, "~~~", 3) == 0))
			in_fence = !in_fence;
		/* a rule standing alone separates paragraphs and is not one: it
		 * would be a numbered paragraph with nothing in it ("Text\n---"
		 * with no blank line between is a heading, and stays) */
		if (!in_fence && !blank && thematic_break(p, n) && (blank_before || !cur.len))
			blank = true;
		if (blank && !in_fence) {
			blank_before = true;
		} else {
			/* a new block after a blank line starts a new paragraph, unless it
			 * is a list continuing the paragraph it follows */
			if (blank_before && cur.len && !starts_list(p, n) && p[0] != ' ') {
				if (out.n == cap) {
					cap *= 2;
					const char **bigger = arena_alloc(a, cap * sizeof *bigger);
					memcpy(bigger, out.at, out.n * sizeof *bigger);
					out.at = bigger;
				}
				out.at[out.n++] = arena_strdup(a, cur.data);
				cur.len = 0;
				cur.data[0] = '\0';
			} else if (blank_before && cur.len) {
				strbuf_adds(&cur, "\n");
			}
			strbuf_add(&cur, p, n);
			strbuf_addc(&cur, '\n');
			blank_before = false;
		}
		p += n + (eol ? 1 : 0);
	}
	if (cur.len) {
		if (out.n == cap) {
			const char **bigger = arena_alloc(a, (cap + 1) * sizeof *bigger);
			memcpy(bigger, out.at, out.n * sizeof *bigger);
			out.at = bigger;
		}
		out.at[out.n++] = arena_strdup(a, cur.data);
	}
	strbuf_free(&cur);
	*paragraphs = out.at;
	return out.n;
}
