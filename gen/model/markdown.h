/* markdown.h - the format's markdown fields, parsed with md4c. The same options
 * serve validation (which links are allowed) and the renderers, so what passes
 * `check` is exactly what gets rendered. */
#ifndef PLANPRESS_MARKDOWN_H
#define PLANPRESS_MARKDOWN_H

#include "util.h"

#include <md4c.h>
#include <stdbool.h>
#include <stddef.h>

/* md4c dialect: CommonMark, raw HTML off (it shows as text), GFM tables. */
/* No strikethrough: the format does not have it, and md4c's would take the
 * tildes of "aged 16~18" for it. */
#define MARKDOWN_FLAGS (MD_FLAG_NOHTML | MD_FLAG_TABLES)

/* The source with "•" bullets (common in text pasted from Word) turned into
 * "-" so CommonMark sees a list. Returned in out (caller frees with strbuf_free). */
void markdown_normalise(const char *text, size_t len, struct strbuf *out);

/* Links only http:, https:, mailto:, or a path inside the site ("plans/x.html",
 * "/plans/x.html", "#part"). Never "javascript:", "data:", "//host". */
bool markdown_link_allowed(const char *href, size_t len);

/* What is wrong with a link. */
enum markdown_link_problem {
	LINK_NOT_ALLOWED,	/* its address is not one markdown_link_allowed takes */
	LINK_NO_TEXT,		/* "[](https://...)": nothing for a reader to follow */
	LINK_IN_SITE,		/* no problem: an allowed path inside the site, for
				 * the caller to check that the page it names exists */
};

/* Calls bad_link for each link or image source that is not allowed, each
 * link with no text, and each path inside the site (LINK_IN_SITE); offset is where the link starts in text ('[' or '<'),
 * or (size_t)-1 when it cannot be told. Returns false when md4c itself failed
 * (out of memory). */
bool markdown_check_links(const char *text, size_t len,
			  void (*bad_link)(void *ctx, enum markdown_link_problem problem,
					   const char *href, size_t len, size_t offset),
			  void *ctx);

/* Decodes one entity as md4c reports it ("&amp;", "&#8217;") into UTF-8 in
 * buf; false when unknown (then it is shown as written). */
int markdown_decode_entity(const char *entity, size_t len, char *buf, size_t size);

/* An attribute (a link's href or title) as its text, entities decoded;
 * malloc'd. md4c's attribute lives only during its callback. */
char *markdown_attribute_text(const MD_ATTRIBUTE *a);

/* A link's or image's address as the page will carry it (markdown_attribute_text:
 * character references decoded), when markdown_link_allowed takes that decoded
 * address; else NULL. malloc'd. The check must see what the browser follows:
 * "java&#x73;cript:" is written out as "javascript:". */
char *markdown_allowed_address(const MD_ATTRIBUTE *a);

#endif
