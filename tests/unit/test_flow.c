/* Unit tests of the flow: links that are paths inside the web site made
 * absolute for the PDF, so they work wherever the PDF is read. */
#include "flow.h"
#include "pdf_style.h"
#include "unit.h"

#include <stdlib.h>

/* The targets of the links in md, after flow_absolute_links, joined by " ". */
static char *links_after(const char *md, const char *site, const char *folder)
{
	static struct pdf_style style;
	pdf_style_defaults(&style);
	struct paragraph **ps = NULL;
	size_t n = 0;
	struct arena a;
	arena_init(&a);
	markdown_to_paragraphs(markdown_read(&a, md, strlen(md)), &style, 10, &ps, &n);
	arena_free(&a);
	struct flow f = { 0 };
	for (size_t i = 0; i < n; i++)
		flow_add_paragraph(&f, ps[i]);
	free(ps);
	flow_absolute_links(&f, site, folder);
	struct strbuf out = { 0 };
	for (size_t i = 0; i < f.n; i++)
		for (size_t k = 0; k < f.blocks[i].para->rich.n_links; k++)
			strbuf_printf(&out, "%s%s", out.len ? " " : "",
				      f.blocks[i].para->rich.links[k].target);
	flow_free(&f);
	return out.data;
}

/* Tables sharing a header (a plan's tables of actions): its links made
 * absolute and prefixed once, with the table that owns it, and it is freed
 * once (valgrind and ASan say so). */
static void check_shared_header(void)
{
	static struct pdf_style style;
	pdf_style_defaults(&style);
	const double widths[] = { 100, 100 };
	struct flow f = { 0 };
	struct table *first = table_new(2, widths, 9);
	struct paragraph *h = paragraph_text(&style, ROLE_P, "Ref");
	rich_add_link(&h->rich, 0, 3, "#ref", 4);
	h->dest = xstrdup("refs");
	cell_add(&first->header[0], h);
	cell_add(&first->header[1], paragraph_text(&style, ROLE_P, "Action"));
	flow_add_table(&f, first);
	for (int i = 0; i < 3; i++) {
		struct table *t = table_new(2, widths, 9);
		table_share_header(t, first);
		CHECK(t->header == first->header && t->header_shared);
		flow_add_table(&f, t);
	}
	flow_prefix_destinations(&f, "paper-2-");
	flow_absolute_links(&f, "https://plans.example.gov.uk", "plans");
	CHECK_STR(h->dest, "paper-2-refs");
	CHECK_STR(h->rich.links[0].target, "#paper-2-ref");
	flow_free(&f);
}

int main(void)
{
	char *got = links_after("[a](../meetings/m.html) [b](demo.pdf#theme-1) [c](/index.html) "
				"[d](./x.html)",
				"https://plans.example.gov.uk", "plans");
	CHECK_STR(got, "https://plans.example.gov.uk/meetings/m.html "
		       "https://plans.example.gov.uk/plans/demo.pdf#theme-1 "
		       "https://plans.example.gov.uk/index.html "
		       "https://plans.example.gov.uk/plans/x.html");
	free(got);
	/* web and mail addresses, and links within the document, stay */
	got = links_after("[w](https://www.gov.uk/x) [m](mailto:a@b.gov.uk) [s](#section-2)",
			  "https://plans.example.gov.uk/council/", "reports");
	CHECK_STR(got, "https://www.gov.uk/x mailto:a@b.gov.uk #section-2");
	free(got);
	/* a site published in a folder of its own keeps it */
	got = links_after("[a](../plans/p.html) [b](/index.html)",
			  "https://www.example.gov.uk/plans-site/", "reports");
	CHECK_STR(got, "https://www.example.gov.uk/plans-site/plans/p.html "
		       "https://www.example.gov.uk/plans-site/index.html");
	free(got);
	/* the PDF's links are checked decoded too: these are javascript: and data: */
	got = links_after("[a](java&#x73;cript:alert(1)) [b](&#106;avascript:x) [c](data&#58;text/html,hi) "
			  "[d](https&#58;//www.gov.uk/)", "https://plans.example.gov.uk", "plans");
	CHECK_STR(got, "https://www.gov.uk/");
	free(got);
	check_shared_header();
	return unit_summary();
}
