/* test_amend.c - the PDF amendments (gen/pdf/pdf_amend.c) on PDFs cairo writes
 * with the painter's marks, and the structure trees given with them. */
#include "../../gen/pdf/pdf_amend.c"
#include "tagtree.h"
#include "unit.h"

#include <cairo-pdf.h>

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A PDF of pages, each with paragraphs and figures tagged as the painter
 * tags them (tagtree.h), into tree; returns the number of figures. */
static size_t write_pdf(FILE *f, int pages, int figures_a_page, int padding, struct tagger *g)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_file, f, 595, 842);
	cairo_t *cr = cairo_create(s);
	tagger_begin(g, "Document", NULL);
	size_t n = 0;
	for (int p = 0; p < pages; p++) {
		tagger_mark(cr, g, -1);	/* the running header */
		cairo_rectangle(cr, 10, 5, 500, 1);
		cairo_fill(cr);
		for (int k = 0; k < figures_a_page; k++) {
			for (int q = 0; q < padding; q++) {
				tagger_begin(g, "P", NULL);
				tagger_content_follows(cr, g);
				cairo_rectangle(cr, 10, 10 + q, 5, 1);
				cairo_fill(cr);
				tagger_end(g, "P");
			}
			tagger_begin(g, "Figure", NULL);
			tagger_content_follows(cr, g);
			cairo_rectangle(cr, 50, 50 + 20 * k, 100, 10);
			cairo_fill(cr);
			tagger_end(g, "Figure");
			n++;
		}
		cairo_show_page(cr);
	}
	tagger_end(g, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return n;
}

static size_t count(const char *data, size_t len, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	for (const char *p = data; (p = memmem(p, len - (size_t)(p - data), needle, k)); p++)
		n++;
	return n;
}

static void test_figures(int pages, int figures_a_page, int padding)
{
	FILE *f = tmpfile();
	struct tagger g = { 0 };
	size_t n = write_pdf(f, pages, figures_a_page, padding, &g);
	char **alts = calloc(n, sizeof *alts);
	for (size_t i = 0; i < n; i++) {
		alts[i] = malloc(32);
		snprintf(alts[i], 32, "figure %zu", i + 1);
	}
	int numbers[64];
	for (int i = 0; i < pages; i++)
		numbers[i] = i + 1;
	struct pdf_amendments a = { .lang = "en-GB", .tree = tagger_tree(&g), .figure_alts = alts,
				    .n_figures = n, .numbers = numbers, .n_pages = (size_t)pages };
	CHECK(pdf_amend(f, &a));
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	char *data = malloc((size_t)len);
	fseek(f, 0, SEEK_SET);
	CHECK(fread(data, 1, (size_t)len, f) == (size_t)len);
	CHECK(count(data, (size_t)len, "/Alt <FEFF") == n);
	CHECK(count(data, (size_t)len, "/MarkInfo << /Marked true >>") >= 1);
	CHECK(count(data, (size_t)len, "/PageLabels") == 1);
	/* PDF/UA: every page's tab order, the XMP packet claiming it, the title
	 * shown; the pages' unmarked content (none here) left as it was */
	CHECK(count(data, (size_t)len, "/Tabs /S") == (size_t)pages);
	CHECK(count(data, (size_t)len, "<pdfuaid:part>1</pdfuaid:part>") == 1);
	CHECK(count(data, (size_t)len, "/Type /Metadata") == 1);
	CHECK(count(data, (size_t)len, "/DisplayDocTitle true") == 1);
	/* "figure": each text as UTF-16 */
	CHECK(count(data, (size_t)len, "<FEFF006600690067007500720065") == n);
	/* the tree: its root, its parent tree, an element each */
	CHECK(count(data, (size_t)len, "/Type /StructTreeRoot") == 1);
	CHECK(count(data, (size_t)len, "   /StructTreeRoot ") == 1);	/* the catalog's */
	CHECK(count(data, (size_t)len, "/Type /StructElem") ==
	      1 + n + (size_t)pages * (size_t)figures_a_page * (size_t)padding);
	CHECK(count(data, (size_t)len, "/StructParents ") == (size_t)pages);
	tagger_free(&g);
	free(data);
	for (size_t i = 0; i < n; i++)
		free(alts[i]);
	free(alts);
	fclose(f);
}

/* The alternative texts go to the figures in reading order: page by page,
 * and on a page in the order painted. */
static void test_order(void)
{
	FILE *f = tmpfile();
	struct tagger tags = { 0 };
	size_t n = write_pdf(f, 3, 2, 5, &tags);
	long start = ftell(f);
	char *alts[6] = { "A1", "A2", "B1", "B2", "C1", "C2" };
	int numbers[3] = { 1, 2, 3 };
	struct pdf_amendments a = { .tree = tagger_tree(&tags), .figure_alts = alts, .n_figures = n,
				    .numbers = numbers, .n_pages = 3 };
	CHECK(n == 6 && pdf_amend(f, &a));
	/* the update's figure objects: their page, their MCID, their text */
	fseek(f, 0, SEEK_END);
	long end = ftell(f);
	char *update = calloc(1, (size_t)(end - start) + 1);
	fseek(f, start, SEEK_SET);
	CHECK(fread(update, 1, (size_t)(end - start), f) == (size_t)(end - start));
	long pg[6], mcid[6];
	char text[6][3];
	size_t found = 0;
	/* the update holds compressed content streams: the figures follow them */
	size_t size = (size_t)(end - start);
	const char *figures = memmem(update, size, "/S /Figure", 10);
	CHECK(figures != NULL);
	if (!figures)
		figures = update + size;
	for (const char *o = figures; found < 6 && (o = strstr(o, "/S /Figure")); o++) {
		const char *g = strstr(o, "/Pg "), *k = strstr(o, "/K "), *t = strstr(o, "/Alt <FEFF");
		if (!g || !k || !t)
			break;
		pg[found] = strtol(g + 4, NULL, 10);
		mcid[found] = strtol(k + 5, NULL, 10);	/* "/K [ 3 ]" */
		/* "A1" is 0041 0031 */
		text[found][0] = (char)strtol((char[]){ t[12], t[13], 0 }, NULL, 16);
		text[found][1] = (char)strtol((char[]){ t[16], t[17], 0 }, NULL, 16);
		text[found][2] = 0;
		found++;
	}
	CHECK(found == 6);
	tagger_free(&tags);
	for (size_t i = 0; i < found; i++)
		for (size_t j = 0; j < found; j++) {
			bool earlier = pg[i] < pg[j] || (pg[i] == pg[j] && mcid[i] < mcid[j]);
			if (earlier)
				CHECK(strcmp(text[i], text[j]) < 0);
		}
	free(update);
	fclose(f);
}

/* What is painted outside marked content with an MCID becomes an artifact,
 * each run of it at once, from the start of its first graphics object to the
 * end of its last; what is inside stays as it is. */
static void test_artifacts(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		/* nothing painted: unchanged */
		{ "q 1 0 0 1 0 0 cm Q", "q 1 0 0 1 0 0 cm Q" },
		/* a header, then tagged text, then a rule */
		{ "q 0 g BT /F1 9 Tf (Head) Tj ET\n/P << /MCID 0 >> BDC\nBT (Body) Tj ET\nEMC\n"
		  "0 0 m 10 0 l S Q",
		  "q 0 g /Artifact BMC\nBT /F1 9 Tf (Head) Tj ET\nEMC\n\n/P << /MCID 0 >> BDC\n"
		  "BT (Body) Tj ET\nEMC\n/Artifact BMC\n0 0 m 10 0 l S\nEMC\n Q" },
		/* operators inside strings are words, not operators */
		{ "BT (a BDC \\) EMC \\( \\\\) Tj ET",
		  "/Artifact BMC\nBT (a BDC \\) EMC \\( \\\\) Tj ET\nEMC\n" },
		/* cairo's ActualText spans are not structure: inside the artifact */
		{ "BT /Span << /ActualText <FEFF0020> >> BDC (x) Tj EMC ET",
		  "/Artifact BMC\nBT /Span << /ActualText <FEFF0020> >> BDC (x) Tj EMC ET\nEMC\n" },
		/* an artifact already marked, and a clipping path, stay as they are */
		{ "/Artifact BMC 0 0 m 1 1 l S EMC 0 0 5 5 re W n",
		  "/Artifact BMC 0 0 m 1 1 l S EMC 0 0 5 5 re W n" },
		/* a rectangle filled, an image, and an inline image */
		{ "1 0 0 rg 0 0 5 5 re f /Im1 Do BI /W 1 /H 1 ID \x01EI  EI",
		  "1 0 0 rg /Artifact BMC\n0 0 5 5 re f /Im1 Do BI /W 1 /H 1 ID \x01EI  EI\nEMC\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct strbuf out = { 0 };
		tag_content((const unsigned char *)cases[i].in, strlen(cases[i].in), &out, NULL);
		CHECK(out.data && strcmp(out.data, cases[i].out) == 0);
		if (!out.data || strcmp(out.data, cases[i].out) != 0)
			fprintf(stderr, "case %zu:\n%s\n", i, out.data ? out.data : "");
		strbuf_free(&out);
	}
}

/* Figures the caller does not know of are refused, not given others' text;
 * so are marks the tree has no run for. */
static void test_mismatch(void)
{
	FILE *f = tmpfile();
	struct tagger g = { 0 };
	size_t n = write_pdf(f, 2, 2, 1, &g);
	char *alts[4] = { "one", "two", "three", "four" };
	struct pdf_amendments a = { .tree = tagger_tree(&g), .figure_alts = alts, .n_figures = n - 1 };
	CHECK(!pdf_amend(f, &a));
	fclose(f);
	tagger_free(&g);

	f = tmpfile();
	g = (struct tagger){ 0 };
	n = write_pdf(f, 2, 2, 1, &g);
	a = (struct pdf_amendments){ .tree = tagger_tree(&g), .figure_alts = alts, .n_figures = n };
	g.tree.n_runs--;
	CHECK(!pdf_amend(f, &a));
	fclose(f);
	tagger_free(&g);
}

/* Each mark is taken out and begins a run: a leaf's content is marked with
 * its MCID, the rest (a run of no element's, a parent's) are artifacts. */
static void test_runs(void)
{
	struct pdf_elem elems[3] = {
		{ .parent = -1, .end_elem = 3 },	/* Document */
		{ .parent = 0, .end_elem = 3 },	/* TR */
		{ .parent = 1, .end_elem = 3 },	/* TD, a leaf */
	};
	const char *const names[] = { "Document", "TR", "TD" };
	unsigned char name_of[3] = { 0, 1, 2 };
	int runs[4] = { -1, 1, 2, 2 };
	struct pdf_tree t = { .elems = elems, .n_elems = 3, .names = names, .name_of = name_of,
			      .runs = runs, .n_runs = 4 };
	uint64_t has_mcid[1] = { 0 };
	size_t page_first[2] = { 0, 4 };	/* one page, its runs 0 to 3 */
	struct runs r = { .tree = &t, .has_mcid = has_mcid, .page_first = page_first, .n_pages = 1 };
	const char *in = "1 1 1 rg /a1 gs\n1 1 1 1 re f\n0 g BT (Head) Tj ET\n"
			 "/a1 gs 1 1 1 1 re f\n/a0 gs 0 0 5 5 re f\n"
			 "1 1 1 1 re f\nq BT (Cell) Tj ET Q 1 1 1 1 re\nf 2 2 4 4 re f";
	struct strbuf out = { 0 };
	tag_content((const unsigned char *)in, strlen(in), &out, &r);
	const char *want = "1 1 1 rg /a1 gs\n\n0 g /Artifact BMC\nBT (Head) Tj ET\nEMC\n\n"
			   "/a1 gs \n/a0 gs /Artifact BMC\n0 0 5 5 re f\nEMC\n\n\n"
			   "q /TD << /MCID 0 >> BDC\nBT (Cell) Tj ET\nEMC\n Q  /TD << /MCID 1 >> BDC\n"
			   "2 2 4 4 re f\nEMC\n";
	CHECK(out.data && strcmp(out.data, want) == 0);
	if (!out.data || strcmp(out.data, want) != 0)
		fprintf(stderr, "runs:\n%s\n", out.data ? out.data : "");
	CHECK(r.next == 4 && !r.stray && run_mcid(&r, 0, 0) < 0 && run_mcid(&r, 1, 0) < 0 &&
	      run_mcid(&r, 2, 0) == 0 && run_mcid(&r, 3, 0) == 1 && run_page(&r, 3) == 0 &&
	      r.n_mcids == 2 && r.elems[0] == 2 && r.elems[1] == 2);
	free(r.elems);
	strbuf_free(&out);

	/* three pages, the second with no run: each run's page and its MCID
	 * there, counted from the page's first run */
	uint64_t bits[1] = { 1u << 1 | 1u << 3 | 1u << 5 | 1u << 6 };
	size_t firsts[4] = { 0, 3, 3, 7 };
	struct runs pages = { .has_mcid = bits, .page_first = firsts, .n_pages = 3 };
	CHECK(run_page(&pages, 0) == 0 && run_page(&pages, 2) == 0 && run_page(&pages, 3) == 2 &&
	      run_page(&pages, 6) == 2);
	CHECK(run_mcid(&pages, 0, 0) < 0 && run_mcid(&pages, 1, 0) == 0 &&
	      run_mcid(&pages, 3, 2) == 0 && run_mcid(&pages, 4, 2) < 0 &&
	      run_mcid(&pages, 5, 2) == 1 && run_mcid(&pages, 6, 2) == 2);
}

/* A link: its annotation on its page, its words, its /Link element holding
 * it, and the ParentTree leading back to that. */
static void test_link(void)
{
	FILE *f = tmpfile();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_file, f, 595, 842);
	cairo_t *cr = cairo_create(s);
	struct tagger g = { 0 };
	tagger_begin(&g, "Document", NULL);
	tagger_begin(&g, "P", NULL);
	tagger_content_follows(cr, &g);
	cairo_rectangle(cr, 10, 10, 5, 5);
	cairo_fill(cr);
	tagger_link(&g, 0, 10, 827, 15, 832, "#kpi-(1)", "the first");
	tagger_end(&g, "P");
	tagger_end(&g, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	long start = ftell(f);
	struct pdf_amendments a = { .tree = tagger_tree(&g), .links = g.links, .n_links = 1 };
	CHECK(pdf_amend(f, &a));
	fseek(f, 0, SEEK_END);
	long end = ftell(f);
	char *update = calloc(1, (size_t)(end - start) + 1);
	fseek(f, start, SEEK_SET);
	CHECK(fread(update, 1, (size_t)(end - start), f) == (size_t)(end - start));
	size_t n = (size_t)(end - start);
	CHECK(count(update, n, "/Subtype /Link") == 1);
	CHECK(count(update, n, "/Dest (kpi-\\(1\\))") == 1);
	CHECK(count(update, n, "/StructParent 1") == 1);	/* after the one page */
	CHECK(count(update, n, "/S /Link") == 1 && count(update, n, "/Type /OBJR") == 1);
	CHECK(count(update, n, "/Annots [") == 1);
	CHECK(count(update, n, "/ParentTreeNextKey 2") == 1);
	free(update);
	fclose(f);
	tagger_free(&g);
}

/* What the painter said of a long document is kept in pieces as it goes
 * (tagtree.c): the tree made of them is the tree said, numbers of several
 * bytes and all, wherever a piece ends. */
static void test_said_in_pieces(void)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 4, 4);
	cairo_t *cr = cairo_create(s);
	struct tagger g = { 0 };
	tagger_begin(&g, "Document", NULL);
	enum { PARAGRAPHS = 40000 };
	for (int i = 0; i < PARAGRAPHS; i++) {
		tagger_begin(&g, i % 2 ? "P" : "TD", NULL);
		tagger_content_follows(cr, &g);
		tagger_end(&g, i % 2 ? "P" : "TD");
		tagger_mark(cr, &g, i + 1);	/* its own again, from outside it */
	}
	tagger_end(&g, "Document");
	CHECK(g.n_pieces >= 2);
	const struct pdf_tree *t = tagger_tree(&g);
	CHECK(t->n_elems == PARAGRAPHS + 1 && t->n_runs == 2 * PARAGRAPHS);
	bool same = t->elems[0].parent == -1 && t->elems[0].end_elem == PARAGRAPHS + 1;
	for (int i = 1; i <= PARAGRAPHS; i++) {
		const struct pdf_elem *e = &t->elems[i];
		same = same && e->parent == 0 && e->end_elem == i + 1 &&
		       e->first_run == 2 * (i - 1) && e->end_run == 2 * (i - 1) + 1 &&
		       t->runs[2 * (i - 1)] == i && t->runs[2 * (i - 1) + 1] == i &&
		       strcmp(pdf_elem_name(t, i), i % 2 ? "TD" : "P") == 0;
	}
	CHECK(same);
	CHECK(g.n_pieces == 0 && g.said.len == 0);	/* let go once made */
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	tagger_free(&g);
}

int main(void)
{
	test_said_in_pieces();
	/* many sizes of what stands between figures */
	for (int padding = 0; padding < 24; padding++)
		test_figures(4, 3, padding);
	test_order();
	test_artifacts();
	test_mismatch();
	test_runs();
	test_link();
	return unit_summary();
}
