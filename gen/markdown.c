/* markdown.c - md4c set up the one way planpress uses it, and the link rules. */
#include "markdown.h"

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

bool markdown_link_allowed(const char *href, size_t len)
{
	while (len && (*href == ' ' || *href == '\t'))
		href++, len--;
	if (len == 0)
		return false;
	if (has_prefix_ci(href, len, "http://") || has_prefix_ci(href, len, "https://"))
		return len > 8;
	if (has_prefix_ci(href, len, "mailto:"))
		return len > 7;
	if (len >= 2 && (href[0] == '/' || href[0] == '\\') &&
	    (href[1] == '/' || href[1] == '\\'))
		return false;	/* //host: another site, scheme left out */
	/* a path or fragment: no scheme, i.e. no ':' before the first / ? or # */
	for (size_t i = 0; i < len; i++) {
		char c = href[i];
		if (c == '/' || c == '?' || c == '#')
			break;
		if (c == ':' || c == '\\' || (unsigned char)c < 0x20)
			return false;
	}
	return true;
}

struct link_check {
	void (*bad_link)(void *ctx, const char *href, size_t len);
	void *ctx;
};

static void check_attribute(struct link_check *lc, const MD_ATTRIBUTE *a)
{
	if (!markdown_link_allowed(a->text, a->size))
		lc->bad_link(lc->ctx, a->text, a->size);
}

static int on_enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	struct link_check *lc = userdata;
	if (type == MD_SPAN_A)
		check_attribute(lc, &((MD_SPAN_A_DETAIL *)detail)->href);
	else if (type == MD_SPAN_IMG)
		check_attribute(lc, &((MD_SPAN_IMG_DETAIL *)detail)->src);
	return 0;
}

static int ignore_block(MD_BLOCKTYPE t, void *d, void *u)
{
	(void)t, (void)d, (void)u;
	return 0;
}

static int ignore_span(MD_SPANTYPE t, void *d, void *u)
{
	(void)t, (void)d, (void)u;
	return 0;
}

static int ignore_text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *u)
{
	(void)t, (void)s, (void)n, (void)u;
	return 0;
}

bool markdown_check_links(const char *text, size_t len,
			  void (*bad_link)(void *ctx, const char *href, size_t len),
			  void *ctx)
{
	struct strbuf src = { 0 };
	markdown_normalise(text, len, &src);
	struct link_check lc = { bad_link, ctx };
	MD_PARSER parser = {
		.flags = MARKDOWN_FLAGS,
		.enter_block = ignore_block,
		.leave_block = ignore_block,
		.enter_span = on_enter_span,
		.leave_span = ignore_span,
		.text = ignore_text,
	};
	int rc = md_parse(src.data, (MD_SIZE)src.len, &parser, &lc);
	strbuf_free(&src);
	return rc == 0;
}
