/* markdown.h - the format's markdown fields, parsed with md4c. The same options
 * serve validation (which links are allowed) and the renderers, so what passes
 * `check` is exactly what gets rendered. */
#ifndef PLANPRESS_MARKDOWN_H
#define PLANPRESS_MARKDOWN_H

#include "util.h"

#include <md4c.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* md4c dialect: CommonMark, raw HTML off (it shows as text), GFM tables. */
/* No strikethrough: the format does not have it, and md4c's would take the
 * tildes of "aged 16~18" for it. */
#define MARKDOWN_FLAGS (MD_FLAG_NOHTML | MD_FLAG_TABLES)

/* The source with "•" bullets (common in text pasted from Word) turned into
 * "-" so CommonMark sees a list. Returned in out (caller frees with strbuf_free). */
void markdown_normalise(const char *text, size_t len, struct strbuf *out);

/* What is wrong with a link. */
enum markdown_link_problem {
	LINK_OK,		/* nothing */
	LINK_NOT_ALLOWED,	/* its address is not one markdown_link_allowed takes */
	LINK_LEAVES_SITE,	/* a path that climbs out of the site ("../../x.html",
				 * "%2e%2e/%2e%2e/x.html"), or from the site's root
				 * names no folder of the site ("/etc/passwd") */
	LINK_NO_TEXT,		/* "[](https://...)": nothing for a reader to follow */
	LINK_IN_SITE,		/* no problem: an allowed path inside the site, for
				 * the caller to check that the page it names exists */
};

/* Links only http:, https:, mailto:, or a path inside the site ("plans/x.html",
 * "/plans/x.html", "#part"). Never "javascript:", "data:", "//host". A path is
 * read as a browser reads it, escapes decoded; it may climb one folder (pages
 * are one folder down), and from the root it starts with a folder of the site
 * (plans, reports, minutes, meetings, assets) or index.html. */
enum markdown_link_problem markdown_link_judge(const char *href, size_t len);
bool markdown_link_allowed(const char *href, size_t len);

typedef void (*markdown_bad_link_fn)(void *ctx, enum markdown_link_problem problem,
				     const char *href, size_t len, size_t offset);

/* Calls bad_link for each link or image source that is not allowed, each
 * link with no text, and each path inside the site (LINK_IN_SITE); offset is
 * where the link starts in text ('[' or '<'), or (size_t)-1 when it cannot be
 * told. Returns false when md4c itself failed (out of memory). A field of the
 * content is checked by markdown_read_checked, in the pass that reads it. */
bool markdown_check_links(const char *text, size_t len, markdown_bad_link_fn bad_link,
			  void *ctx);

/* Decodes one entity as md4c reports it ("&amp;", "&#8217;") into UTF-8 in
 * buf; false when unknown (then it is shown as written). */
int markdown_decode_entity(const char *entity, size_t len, char *buf, size_t size);

/* An attribute (a link's href or title) as its text, entities decoded;
 * malloc'd. md4c's attribute lives only during its callback. */
char *markdown_attribute_text(const MD_ATTRIBUTE *a);

/* Splits markdown into numbered paragraphs (a report's): blocks separated by
 * blank lines, a list staying with the paragraph before it. Returns how many,
 * their texts in *paragraphs (in a). */
size_t markdown_split_paragraphs(struct arena *a, const char *markdown,
				 const char ***paragraphs);

/* ---------- a markdown field, read once ----------
 *
 * Each markdown field is read by md4c once, when its file is checked: what
 * md4c reports is kept as a list of events, which the web page's and the
 * PDF's renderers walk in turn, so both render the one reading that was
 * checked. A link's address is kept as it is allowed (decoded, the address
 * the page will carry), or not at all. */
enum markdown_event_kind {
	MARKDOWN_ENTER_BLOCK, MARKDOWN_LEAVE_BLOCK, MARKDOWN_ENTER_SPAN,
	MARKDOWN_LEAVE_SPAN, MARKDOWN_TEXT,
};

struct markdown_event {
	enum markdown_event_kind kind;
	int type;		/* MD_BLOCKTYPE, MD_SPANTYPE or MD_TEXTTYPE */
	unsigned number;	/* a heading's level; an ordered list's first number */
	MD_ALIGN align;		/* a table cell's */
	const char *text;	/* TEXT: its len bytes (not NUL-terminated); a link:
				 * the allowed address (NUL-terminated), or NULL */
	size_t len;
	const char *title;	/* a link's title (decoded), or NULL */
};

/* An event as kept: 12 bytes, not the 56 of a markdown_event, as a plan of
 * 10,000 actions keeps some 200,000 (markdown_read.c). */
struct markdown_code;

struct markdown {
	const char *text;	/* as written, for the CSV and for splitting */
	/* NULL: the field is one paragraph of plain text (most are), the n
	 * bytes at strings (in text, or a copy), and walking it makes the
	 * five events md4c reported */
	const struct markdown_code *codes;
	const char *strings;	/* what codes name that is not in text as written */
	uint32_t n;		/* codes, or the plain text's bytes */
};

/* Reads text (len bytes, kept as long as a: md->text is it) into a, as the
 * renderers will walk it. */
const struct markdown *markdown_read(struct arena *a, const char *text, size_t len);
/* The same, and in the same md4c pass each link judged as markdown_check_links
 * says, bad_link called (when not NULL); *ok (when not NULL) false when md4c
 * itself failed. */
const struct markdown *markdown_read_checked(struct arena *a, const char *text, size_t len,
					     markdown_bad_link_fn bad_link, void *ctx, bool *ok);

/* Calls event for each event of md in order, with data: the events md4c
 * reported when md was read. The event passed lives only during the call;
 * the strings it points at, as long as md. */
void markdown_walk(const struct markdown *md,
		   void (*event)(const struct markdown_event *e, void *data), void *data);

#endif
