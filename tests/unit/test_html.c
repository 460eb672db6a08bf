/* Golden tests of the HTML side: the serialiser (void elements, escaping, raw
 * text), markdown into nodes (hostile input stays inert), and the template
 * engine (content only as text; errors with the template's line). */
#include "html.h"
#include "html_markdown.h"
#include "html_write.h"
#include "markdown.h"
#include "pdf_style.h"
#include "template.h"
#include "unit.h"
#include "view.h"

#include <libxml/parser.h>
#include <math.h>

static const char *serialise(xmlNodePtr n)
{
	static struct strbuf out;
	strbuf_free(&out);
	html_write_node(n, &out);
	return out.data ? out.data : "";
}

static void test_serialiser(void)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr p = xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL);
	xmlDocSetRootElement(doc, p);
	xmlSetProp(p, BAD_CAST "title", BAD_CAST "a \"quoted\" & <b>");
	xmlAddChild(p, xmlNewText(BAD_CAST "1 < 2 && 3 > 2 </script>"));
	xmlNewChild(p, NULL, BAD_CAST "br", NULL);
	xmlNodePtr img = xmlNewChild(p, NULL, BAD_CAST "img", NULL);
	xmlSetProp(img, BAD_CAST "alt", BAD_CAST "");
	xmlNewChild(p, NULL, BAD_CAST "span", NULL);
	CHECK_STR(serialise(p),
		  "<p title=\"a &quot;quoted&quot; &amp; <b>\">1 &lt; 2 &amp;&amp; 3 &gt; 2 "
		  "&lt;/script&gt;<br><img alt=\"\"><span></span></p>");
	/* runs of blank lines (a template's lines around what it left out) are
	 * one line break; white space inside <pre> is kept as written */
	xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlAddChild(div, xmlNewText(BAD_CAST "\n\n\n"));
	xmlNewChild(div, NULL, BAD_CAST "p", BAD_CAST "a \n b\n\n  \n c");
	xmlAddChild(div, xmlNewText(BAD_CAST "\n \n"));
	xmlNewChild(div, NULL, BAD_CAST "pre", BAD_CAST "x\n\n\ny");
	CHECK_STR(serialise(div), "<div>\n<p>a \n b\nc</p>\n<pre>x\n\n\ny</pre></div>");
	xmlFreeNode(div);
	xmlNodePtr style = xmlNewDocNode(doc, NULL, BAD_CAST "style", NULL);
	xmlAddChild(style, xmlNewText(BAD_CAST "a > b { color: red }"));
	struct strbuf out = { 0 };
	CHECK(html_write_document(style, &out));
	CHECK_STR(out.data, "<!DOCTYPE html>\n<style>a > b { color: red }</style>\n");
	strbuf_free(&out);
	xmlNodeSetContent(style, BAD_CAST "x</STYLE><script>alert(1)</script>");
	CHECK(!html_write_document(style, &out));	/* refused, not written */
	strbuf_free(&out);
	xmlFreeNode(style);
	xmlFreeDoc(doc);
}

static const char *md(const char *text, int inline_only)
{
	static xmlDocPtr doc;
	if (doc)
		xmlFreeDoc(doc);
	doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlDocSetRootElement(doc, div);
	struct arena a;
	arena_init(&a);
	markdown_to_nodes(markdown_read(&a, text, strlen(text)), div, 2, inline_only);
	arena_free(&a);
	return serialise(div);
}

static void test_markdown(void)
{
	CHECK_STR(md("**bold** and *it*", 0), "<div><p><strong>bold</strong> and <em>it</em></p></div>");
	CHECK_STR(md("one paragraph", 1), "<div>one paragraph</div>");
	CHECK_STR(md("- a\n- b", 0), "<div><ul><li>a</li><li>b</li></ul></div>");
	CHECK_STR(md("• a\n• b", 0), "<div><ul><li>a</li><li>b</li></ul></div>");
	CHECK_STR(md("3. c\n4. d", 0), "<div><ol start=\"3\"><li>c</li><li>d</li></ol></div>");
	CHECK_STR(md("# Title", 0), "<div><h3>Title</h3></div>");
	CHECK_STR(md("line  \nbreak", 1), "<div>line<br>break</div>");
	CHECK_STR(md("&pound;5 &amp; &#8217;", 1), "<div>£5 &amp; ’</div>");
	/* tildes are text: no strikethrough in the format */
	CHECK_STR(md("aged 16~18 and 19~21, ~~not~~ struck", 1),
		  "<div>aged 16~18 and 19~21, ~~not~~ struck</div>");
	/* raw HTML is text */
	CHECK_STR(md("<script>alert(1)</script>", 0),
		  "<div><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></div>");
	CHECK_STR(md("<img src=x onerror=alert(1)>", 1),
		  "<div>&lt;img src=x onerror=alert(1)&gt;</div>");
	/* links: allowed ones survive, others lose the link and keep the text */
	CHECK_STR(md("[a](https://example.org/?a=1&b=\"2\")", 1),
		  "<div><a href=\"https://example.org/?a=1&amp;b=%222%22\">a</a></div>");
	/* what a URL may not hold is percent-encoded, what is encoded stays */
	CHECK_STR(md("[a](<https://example.org/a b?q=\"x\"&r=\\<1\\>#f#g>)", 1),
		  "<div><a href=\"https://example.org/a%20b?q=%22x%22&amp;r=%3C1%3E#f%23g\">a</a></div>");
	CHECK_STR(md("[a](https://example.org/caf%C3%A9/100%/{x}|^`)", 1),
		  "<div><a href=\"https://example.org/caf%C3%A9/100%25/%7Bx%7D%7C%5E%60\">a</a></div>");
	CHECK_STR(md("[a](http://[::1]:8080/[x])", 1),
		  "<div><a href=\"http://[::1]:8080/%5Bx%5D\">a</a></div>");
	CHECK_STR(md("[a](https://example.org/café)", 1),
		  "<div><a href=\"https://example.org/café\">a</a></div>");
	CHECK_STR(md("[x](javascript:alert(1))", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](JaVaScRiPt:alert(1))", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](data:text/html,hi)", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](//evil.example)", 1), "<div><span>x</span></div>");
	/* character references are decoded before the check, as they are for
	 * the href: these are javascript: and data: to a browser */
	CHECK_STR(md("[x](java&#x73;cript:alert(1))", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](&#106;avascript:alert(1))", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](data&#58;text/html,hi)", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](&#x2F;&#x2F;evil.example)", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](java&#9;script:alert(1))", 1), "<div><span>x</span></div>");
	CHECK_STR(md("[x](https&#58;//example.org/)", 1),
		  "<div><a href=\"https://example.org/\">x</a></div>");
	/* an entity in the href: md4c builds it in a buffer of its own */
	CHECK_STR(md("[x](https://example.org/&amp;a)", 1),
		  "<div><a href=\"https://example.org/&amp;a\">x</a></div>");
	CHECK_STR(md("[x](https://example.org/?q=caf%C3%A9&#38;b \"T &amp; C\")", 1),
		  "<div><a href=\"https://example.org/?q=caf%C3%A9&amp;b\" title=\"T &amp; C\">x</a></div>");
	CHECK_STR(md("[x](mailto:a@b.org)", 1), "<div><a href=\"mailto:a@b.org\">x</a></div>");
	CHECK_STR(md("[x](../plans/p.html#a)", 1), "<div><a href=\"../plans/p.html#a\">x</a></div>");
	/* web and e-mail addresses are marked, so a long one can break anywhere */
	CHECK_STR(md("see https://example.org/a/b and mail a.b@c.gov.uk or www.x.org, not a @ b", 1),
		  "<div>see <span class=\"address\">https://example.org/a/b</span> and mail "
		  "<span class=\"address\">a.b@c.gov.uk</span> or <span class=\"address\">www.x.org</span>, "
		  "not a @ b</div>");
	CHECK_STR(md("[https://example.org/long](https://example.org/long)", 1),
		  "<div><a href=\"https://example.org/long\"><span class=\"address\">https://example.org/long</span></a></div>");
	CHECK_STR(md("`https://example.org/` in code", 1),
		  "<div><code>https://example.org/</code> in code</div>");
	/* a table scrolls in a region of its own, named by its headings; each
	 * cell carries its heading, shown beside it on a narrow screen */
	CHECK_STR(md("| a | b |\n|---|---|\n| 1 | 2 |", 0),
		  "<div><div class=\"table-scroll\" role=\"region\" tabindex=\"0\" "
		  "aria-label=\"Table: a, b\"><table><thead><tr><th scope=\"col\">a</th>"
		  "<th scope=\"col\">b</th></tr></thead><tbody><tr><td data-label=\"a\">1</td><td data-label=\"b\">2</td></tr>"
		  "</tbody></table></div></div>");
	/* headings never skip a level */
	CHECK_STR(md("### a\n\n##### b\n\n# c\n\n## d\n\n#### e", 0),
		  "<div><h3>a</h3><h4>b</h4><h3>c</h3><h4>d</h4><h5>e</h5></div>");
}

struct link_problems {
	int not_allowed, in_site;
	size_t offset;
	char site[64];
};

static void on_bad_link(void *ctx, enum markdown_link_problem problem, const char *href,
			size_t len, size_t offset)
{
	struct link_problems *lp = ctx;
	if (problem == LINK_NOT_ALLOWED) {
		lp->not_allowed++;
		lp->offset = offset;
	} else if (problem == LINK_IN_SITE && len < sizeof lp->site) {
		lp->in_site++;
		memcpy(lp->site, href, len);
		lp->site[len] = '\0';
	}
}

static struct link_problems check_links(const char *text)
{
	struct link_problems lp = { 0 };
	CHECK(markdown_check_links(text, strlen(text), on_bad_link, &lp));
	return lp;
}

/* validation sees the address the page will carry: character references
 * decoded; the problem is placed at the link as written */
static void test_link_check(void)
{
	struct link_problems lp = check_links("See [a](java&#x73;cript:alert(1)).");
	CHECK(lp.not_allowed == 1 && lp.offset == 4);
	lp = check_links("x [b](&#106;avascript:alert(1)) and [c](data&#58;text/html,hi)");
	CHECK(lp.not_allowed == 2 && lp.offset == 36);
	lp = check_links("[d](&#x6A;avascript&colon;alert(1))");	/* &colon; stays as written */
	CHECK(lp.not_allowed == 0 && lp.in_site == 1);
	lp = check_links("[e](https&#58;//example.org/)");
	CHECK(lp.not_allowed == 0 && lp.in_site == 0);
	lp = check_links("[f](plans/p&#46;html)");	/* a path inside the site, decoded */
	CHECK(lp.in_site == 1 && strcmp(lp.site, "plans/p.html") == 0);
	CHECK(!markdown_link_allowed("javascript:x", 12));
}

/* paths are judged as the browser reads them, escapes decoded: climbing out
 * of the site is refused however it is written; from the root, only the
 * site's own folders */
static void test_link_judge(void)
{
	static const struct { const char *href; enum markdown_link_problem want; } cases[] = {
		{ "../plans/x.html", LINK_OK },
		{ "x.html#part", LINK_OK },
		{ "/plans/x.html", LINK_OK },
		{ "/", LINK_OK },
		{ "/index.html", LINK_OK },
		{ "/assets/logo.png", LINK_OK },
		{ "%2e%2e/plans/x.html", LINK_OK },
		{ "../../x.html", LINK_LEAVES_SITE },
		{ "%2e%2e/%2e%2e/x.html", LINK_LEAVES_SITE },
		{ ".%2E/.%2e/x.html", LINK_LEAVES_SITE },
		{ "%2E./%2e./x.html", LINK_LEAVES_SITE },
		{ "/etc/passwd", LINK_LEAVES_SITE },
		{ "/plans/../etc/passwd", LINK_LEAVES_SITE },
		{ "/%2e%2e/x.html", LINK_LEAVES_SITE },
		{ "/home/officer/report.docx", LINK_LEAVES_SITE },
		{ "..\\..\\x.html", LINK_NOT_ALLOWED },
		{ "plans/..\\..\\..\\x.html", LINK_NOT_ALLOWED },
		{ "..%5C..%5Cx.html", LINK_NOT_ALLOWED },
		{ "a%2f..%2f..%2fx.html", LINK_NOT_ALLOWED },
		{ "a%00.html", LINK_NOT_ALLOWED },
		{ "javascript:alert(1)", LINK_NOT_ALLOWED },
		{ "//example.org/x", LINK_NOT_ALLOWED },
		{ "file:///etc/passwd", LINK_NOT_ALLOWED },
		{ "https://example.org/../../x", LINK_OK },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		enum markdown_link_problem got =
			markdown_link_judge(cases[i].href, strlen(cases[i].href));
		CHECK(got == cases[i].want);
		if (got != cases[i].want)
			fprintf(stderr, "  %s: got %d, want %d\n", cases[i].href, (int)got,
				(int)cases[i].want);
	}
}

/* a standalone page's links into the site, as paths from the site's root */
static void test_site_path(void)
{
	struct arena a;
	arena_init(&a);
	static const struct { const char *href, *want; } cases[] = {
		{ "../reports/y.html#b", "reports/y.html#b" },
		{ "x.csv", "plans/x.csv" },
		{ "./a/../x.pdf", "plans/x.pdf" },
		{ "/plans/p.csv", "plans/p.csv" },
		{ "../index.html", "index.html" },
		{ "sub/", "plans/sub/" },
		{ "?q=1", "plans/x.html?q=1" },
		{ "../../up.html", NULL },
		{ "%2e%2e/%2E%2E/up.html", NULL },
		{ "../plans/.%2e/index.html", "index.html" },
		{ "#theme-1", NULL },
		{ "https://example.org/a", NULL },
		{ "mailto:a@b.org", NULL },
		{ "//example.org/a", NULL },
		{ "", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = html_site_path(&a, "plans/x.html", cases[i].href);
		CHECK(cases[i].want ? got && strcmp(got, cases[i].want) == 0 : got == NULL);
		if (cases[i].want && (!got || strcmp(got, cases[i].want) != 0))
			fprintf(stderr, "  %s: got %s, want %s\n", cases[i].href,
				got ? got : "NULL", cases[i].want);
	}
	arena_free(&a);
}

/* the header's text colour follows the brand colour, by WCAG contrast */
static void test_text_colour(void)
{
	struct rgb white = { 1, 1, 1 }, black = { 0, 0, 0 }, c;
	CHECK(fabs(colour_contrast(white, black) - 21) < 1e-9);
	CHECK(fabs(colour_contrast(black, white) - 21) < 1e-9);
	CHECK(parse_colour("#ffdd00", &c) && strcmp(text_colour_on(c), "#0b0c0c") == 0);
	CHECK(parse_colour("#1d4f91", &c) && strcmp(text_colour_on(c), "#ffffff") == 0);
	CHECK(parse_colour("#767676", &c) && strcmp(text_colour_on(c), "#ffffff") == 0);
	/* a grey where neither reaches 4.5:1: black, which always does */
	CHECK(parse_colour("#777777", &c) && strcmp(text_colour_on(c), "#000000") == 0);
	static const char *const some[] = { "#ffffff", "#000000", "#ff0000", "#00ff00", "#0000ff",
					    "#808080", "#7a7a7a", "#00a0a0", "#ff8800", "#6e6e6e" };
	for (size_t i = 0; i < sizeof some / sizeof *some; i++) {
		struct rgb text;
		CHECK(parse_colour(some[i], &c) && parse_colour(text_colour_on(c), &text) &&
		      colour_contrast(c, text) >= 4.5);
	}
}

/* markdown placed after the page's own headings nests under the last one */
static const char *md_under(const char *text, const char *before)
{
	static xmlDocPtr doc;
	if (doc)
		xmlFreeDoc(doc);
	doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr body = xmlNewDocNode(doc, NULL, BAD_CAST "body", NULL);
	xmlDocSetRootElement(doc, body);
	xmlNewChild(body, NULL, BAD_CAST "h1", BAD_CAST "Page");
	xmlNodePtr section = xmlNewChild(body, NULL, BAD_CAST "section", NULL);
	xmlNodePtr header = xmlNewChild(section, NULL, BAD_CAST "div", NULL);
	xmlNewChild(header, NULL, BAD_CAST before, BAD_CAST "Before");
	xmlNodePtr div = xmlNewChild(section, NULL, BAD_CAST "div", NULL);
	struct arena a;
	arena_init(&a);
	markdown_to_nodes(markdown_read(&a, text, strlen(text)), div, 2, 0);
	arena_free(&a);
	return serialise(div);
}

static void test_heading_levels(void)
{
	CHECK_STR(md_under("### Findings\n\n#### More", "h3"),
		  "<div><h4>Findings</h4><h5>More</h5></div>");
	CHECK_STR(md_under("# One\n\n### Three", "h2"), "<div><h3>One</h3><h4>Three</h4></div>");
	CHECK_STR(md_under("# a\n\n## b\n\n### c", "h5"), "<div><h6>a</h6><h6>b</h6><h6>c</h6></div>");
	CHECK_STR(md_under("## x", "p"), "<div><h2>x</h2></div>");	/* under the h1 */
}

static void test_templates(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	struct template_set *ts = template_set_open("tests/unit/templates", &a, &d);
	struct view *root = view_map(&a), *item = view_map(&a);
	view_set_text(&a, item, "title", "\"><script>alert(1)</script>");
	{ const char *md = "<b onclick=x>hi</b> [l](javascript:x)"; view_set_markdown(&a, item, "body", markdown_read(&a, md, strlen(md))); }
	view_set_text(&a, item, "link", "https://example.org/a?b=1&c=2");
	view_set(&a, item, "missing", NULL);
	struct view *list = view_list(&a);
	view_append(&a, list, view_text(&a, "1"));
	view_append(&a, list, view_text(&a, "<2>"));
	view_set(&a, item, "list", list);
	view_set(&a, root, "item", item);
	xmlDocPtr doc = template_render(ts, "hostile.html", root, NULL);
	CHECK(doc != NULL);
	if (doc) {
		CHECK_STR(serialise(xmlDocGetRootElement(doc)),
			  "<div class=\"x\" title=\"&quot;><script>alert(1)</script>\">"
			  "<p>\"&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>"
			  "<div><p>&lt;b onclick=x&gt;hi&lt;/b&gt; <span>l</span></p></div>"
			  "<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>"
			  "<span>shown</span><i>1</i><i>&lt;2&gt;</i><b>2</b></div>");
		xmlFreeDoc(doc);
	}
	CHECK(d.errors == 0);
	CHECK(template_render(ts, "typo.html", root, NULL) == NULL);
	CHECK(d.n == 1 && d.list[0].pos.line == 2 && strstr(d.list[0].message, "titel"));
	CHECK(template_render(ts, "doctype.html", root, NULL) == NULL);
	CHECK(d.n == 2 && strstr(d.list[1].message, "DOCTYPE"));
	CHECK(template_render(ts, "entity.html", root, NULL) == NULL);
	CHECK(d.n == 3);
	CHECK(template_render(ts, "no-such.html", root, NULL) == NULL);
	/* a missing partial is reported where it is included, in plain words */
	size_t n = d.n;
	CHECK(template_render(ts, "include-missing.html", root, NULL) == NULL);
	CHECK(d.n == n + 1 && d.list[n].pos.line == 3 &&
	      strstr(d.list[n].pos.file, "include-missing.html") &&
	      strstr(d.list[n].message, "no template 'missing.html'"));
	/* a page is not a partial */
	n = d.n;
	CHECK(template_render(ts, "include-page.html", root, NULL) == NULL);
	CHECK(d.n == n + 1 && d.list[n].pos.line == 2 &&
	      strstr(d.list[n].pos.file, "include-page.html") &&
	      strstr(d.list[n].message, "'page.html' is a page"));
	/* elements and attributes of other namespaces are errors, not passed on */
	n = d.n;
	CHECK(template_render(ts, "xinclude.html", root, NULL) == NULL);
	CHECK(d.n == n + 1 && d.list[n].pos.line == 3 && strstr(d.list[n].message, "<xi:include>"));
	n = d.n;
	CHECK(template_render(ts, "foreign-attribute.html", root, NULL) == NULL);
	CHECK(d.n == n + 1 && d.list[n].pos.line == 2 && strstr(d.list[n].message, "svg:class"));
	/* XHTML's own namespace is HTML */
	n = d.n;
	doc = template_render(ts, "xhtml.html", root, NULL);
	CHECK(doc != NULL && d.n == n);
	if (doc) {
		CHECK_STR(serialise(xmlDocGetRootElement(doc)), "<div><p>xhtml</p></div>");
		xmlFreeDoc(doc);
	}
	template_set_close(ts);
	arena_free(&a);
	diags_free(&d);
}

/* A rewrite that marks each element it is given, as a standalone page's
 * links are made absolute when written. */
static void mark_element(void *ctx, xmlNodePtr element)
{
	(void)ctx;
	if (xmlStrEqual(element->name, BAD_CAST "a"))
		xmlSetProp(element, BAD_CAST "href", BAD_CAST "https://example.org/x");
}

static void stream_finished(void *s, xmlNodePtr filling)
{
	html_stream_flush(s, filling);
}

static int stream_heading(void *s)
{
	return html_stream_last_heading(s);
}

/* A page written as it is made is the page written whole: white space
 * collapsed across what was written before, pre, style, void elements,
 * rewritten links, markdown headings under a heading already written. */
static void test_streamed(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	struct template_set *ts = template_set_open("tests/unit/templates", &a, &d);
	struct view *root = view_map(&a), *sections = view_list(&a);
	for (int i = 0; i < 3; i++) {
		struct view *s = view_map(&a), *items = view_list(&a);
		view_set_text(&a, s, "title", arena_printf(&a, "Section %d", i));
		view_set(&a, s, "missing", NULL);
		for (int j = 0; j < i + 1; j++)
			view_append(&a, items, view_text(&a, arena_printf(&a, "item <%d>", j)));
		view_set(&a, s, "items", items);
		const char *md = i == 1 ? "# Top\n\n## Below\n\ntext" : "words\n\n\n\nmore";
		view_set_markdown(&a, s, "body", markdown_read(&a, md, strlen(md)));
		view_append(&a, sections, s);
	}
	view_set(&a, root, "sections", sections);
	const char *tail = "## After the sections";
	view_set_markdown(&a, root, "tail", markdown_read(&a, tail, strlen(tail)));

	struct strbuf whole = { 0 }, streamed = { 0 };
	xmlDocPtr doc = template_render(ts, "streamed.html", root, NULL);
	CHECK(doc != NULL);
	if (doc) {
		/* the same rewrite, over the whole tree, as a page held whole had */
		for (xmlNodePtr n = xmlDocGetRootElement(doc); n;) {
			if (n->type == XML_ELEMENT_NODE)
				mark_element(NULL, n);
			if (n->children) {
				n = n->children;
				continue;
			}
			while (n && !n->next)
				n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
			n = n ? n->next : NULL;
		}
		CHECK(html_write_document(xmlDocGetRootElement(doc), &whole));
		xmlFreeDoc(doc);
	}
	struct html_stream *s = html_stream_new(&streamed, mark_element, NULL);
	struct template_sink sink = { stream_finished, stream_heading, s };
	doc = template_render(ts, "streamed.html", root, &sink);
	CHECK(doc != NULL);
	if (doc) {
		CHECK(html_stream_end(s, xmlDocGetRootElement(doc)));
		xmlFreeDoc(doc);
	}
	html_stream_free(s);
	CHECK(whole.data && streamed.data && strcmp(whole.data, streamed.data) == 0);
	/* under its section's h3; and, its sections written and gone, under
	 * the last of them still */
	CHECK(whole.data && strstr(whole.data, "<div><h4>Top</h4><h5>Below</h5>"));
	CHECK(whole.data && strstr(whole.data, "<div><h4>After the sections</h4></div>"));
	CHECK(d.errors == 0);
	strbuf_free(&whole);
	strbuf_free(&streamed);
	template_set_close(ts);
	arena_free(&a);
}

int main(void)
{
	test_serialiser();
	test_markdown();
	test_link_check();
	test_link_judge();
	test_site_path();
	test_text_colour();
	test_heading_levels();
	test_templates();
	test_streamed();
	xmlCleanupParser();
	return unit_summary();
}
