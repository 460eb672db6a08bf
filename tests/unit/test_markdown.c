/* test_markdown.c - a markdown field as kept (markdown_read) walks as exactly
 * the events md4c reports for it, read here directly, for a set of inputs and
 * the fuzz corpus: the compact form changes nothing a renderer sees. */
#include "markdown.h"
#include "unit.h"

#include <dirent.h>
#include <stdlib.h>

/* One line an event, every field the renderers read. */
static void describe(struct strbuf *out, int kind, int type, unsigned number, int align,
		     const char *text, size_t len, const char *title)
{
	strbuf_printf(out, "%d %d %u %d ", kind, type, number, align);
	if (text) {
		strbuf_addc(out, '[');
		for (size_t i = 0; i < len; i++) {
			unsigned char c = (unsigned char)text[i];
			if (c < 0x20 || c == '[' || c == ']' || c == '\\')
				strbuf_printf(out, "\\%02x", c);
			else
				strbuf_addc(out, (char)c);
		}
		strbuf_printf(out, "] %zu", len);
	} else {
		strbuf_adds(out, "-");
	}
	strbuf_printf(out, " %s\n", title ? title : "-");
}

static void walked(const struct markdown_event *e, void *data)
{
	describe(data, e->kind, e->type, e->number, e->align, e->text, e->len, e->title);
}

/* md4c's reading, as the renderers are to see it: a link's address when the
 * link rules allow it, decoded, and its title. */
static int enter_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	unsigned number = 0;
	int align = 0;
	if (type == MD_BLOCK_H)
		number = ((MD_BLOCK_H_DETAIL *)detail)->level;
	else if (type == MD_BLOCK_OL)
		number = ((MD_BLOCK_OL_DETAIL *)detail)->start;
	else if (type == MD_BLOCK_TH || type == MD_BLOCK_TD)
		align = ((MD_BLOCK_TD_DETAIL *)detail)->align;
	describe(data, MARKDOWN_ENTER_BLOCK, type, number, align, NULL, 0, NULL);
	return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *data)
{
	(void)detail;
	describe(data, MARKDOWN_LEAVE_BLOCK, type, 0, 0, NULL, 0, NULL);
	return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *data)
{
	char *href = NULL, *title = NULL;
	if (type == MD_SPAN_A) {
		const MD_SPAN_A_DETAIL *a = detail;
		href = markdown_attribute_text(&a->href);
		if (!markdown_link_allowed(href, strlen(href))) {
			free(href);
			href = NULL;
		} else if (a->title.size) {
			title = markdown_attribute_text(&a->title);
		}
	}
	describe(data, MARKDOWN_ENTER_SPAN, type, 0, 0, href, href ? strlen(href) : 0, title);
	free(href);
	free(title);
	return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *data)
{
	(void)detail;
	describe(data, MARKDOWN_LEAVE_SPAN, type, 0, 0, NULL, 0, NULL);
	return 0;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *data)
{
	describe(data, MARKDOWN_TEXT, type, 0, 0, s, n, NULL);
	return 0;
}

static void check_same(const char *text, size_t len, const char *name)
{
	struct strbuf src = { 0 }, want = { 0 }, got = { 0 };
	markdown_normalise(text, len, &src);
	MD_PARSER parser = {
		.flags = MARKDOWN_FLAGS,
		.enter_block = enter_block,
		.leave_block = leave_block,
		.enter_span = enter_span,
		.leave_span = leave_span,
		.text = on_text,
	};
	md_parse(src.data, (MD_SIZE)src.len, &parser, &want);
	struct arena a;
	arena_init(&a);
	markdown_walk(markdown_read(&a, text, len), walked, &got);
	bool same = want.len == got.len && (!want.len || memcmp(want.data, got.data, want.len) == 0);
	CHECK(same);
	if (!same)
		fprintf(stderr, "%s:\nmd4c:\n%s\nwalked:\n%s\n", name, want.data ? want.data : "",
			got.data ? got.data : "");
	arena_free(&a);
	strbuf_free(&src);
	strbuf_free(&want);
	strbuf_free(&got);
}

static const char *const inputs[] = {
	"",
	"Plain words.",
	"Plain words.\n",
	"  Indented words, trailing spaces   \n\n",
	"Two lines\nof one paragraph.",
	"A hard  \nbreak, and a\\\nbackslash one.",
	"# Heading\n\nText *em* **strong** `code` and ~~tilde~~ &amp; &copy; &bogus; &#8217;.",
	"Setext\n======\n\n### Three",
	"[site](https://example.gov.uk \"The title &amp; more\") and [bad](javascript:alert(1)) "
	"and [empty]() and <https://auto.example> and [in](plans/x.html) [up](../../x.html).",
	"[a &amp; b](https://x.example/?a=1&amp;b=2)",
	"![alt text](https://img.example/x.png) ![bad](data:x)",
	"3. three\n4. four\n\n- a\n- b\n  - nested\n\n> quoted\n> text",
	"\xE2\x80\xA2 first bullet\n\xE2\x80\xA2 second with [a link](https://x.example)\n\n"
	"After the bullets, words that stand where they were written.",
	"  \xE2\x80\xA2second\n\n\xE2\x80\xA2\tthird",
	"| Left | Centre | Right | None |\n|:-----|:------:|------:|------|\n| a | b | c | d |\n",
	"```\nfenced code\n  kept\n```\n\n    indented code\n\n---\n\nAfter a rule.",
	"<b>raw html</b> shown as text",
	"Plain words that happen to be the whole value ",
};

static void check_corpus(const char *dir)
{
	DIR *d = opendir(dir);
	CHECK(d != NULL);
	if (!d)
		return;
	size_t files = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		struct strbuf b = { 0 };
		if (!strbuf_add_file(&b, path))
			continue;
		check_same(b.data ? b.data : "", b.len, path);
		/* and each line alone, as a field is mostly one paragraph */
		for (const char *p = b.data; p && p < b.data + b.len;) {
			const char *eol = memchr(p, '\n', (size_t)(b.data + b.len - p));
			size_t n = eol ? (size_t)(eol - p) : (size_t)(b.data + b.len - p);
			char *line = xmalloc(n + 1);	/* not strndup: a line may hold a NUL */
			memcpy(line, p, n);
			line[n] = '\0';
			check_same(line, n, path);
			free(line);
			p += n + 1;
		}
		strbuf_free(&b);
		files++;
	}
	closedir(d);
	CHECK(files >= 4);
}

int main(void)
{
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
		check_same(inputs[i], strlen(inputs[i]), inputs[i]);
	static const char nul[] = "Nul \0 char in text.";
	check_same(nul, sizeof nul - 1, "a NUL");
	check_corpus("tests/fuzz/markdown");

	/* a plain paragraph keeps no events, its text where it was written */
	struct arena a;
	arena_init(&a);
	const char *plain = "Words and more words.";
	const struct markdown *md = markdown_read(&a, plain, strlen(plain));
	CHECK(md->codes == NULL && md->strings == plain && md->n == strlen(plain));
	/* bullets: md4c reads "-" where "\u2022" was written, and the text after
	 * the first bullet line stands elsewhere in the normalised source */
	const char *bullets = "\xE2\x80\xA2 one\n\xE2\x80\xA2 two";
	md = markdown_read(&a, bullets, strlen(bullets));
	CHECK(md->codes != NULL && md->strings != NULL);
	arena_free(&a);
	return unit_summary();
}
