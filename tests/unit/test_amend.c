/* test_amend.c - the PDF amendments (gen/pdf/pdf_amend.c) on PDFs cairo writes,
 * read back in chunks of a few hundred bytes, so that figures' structure
 * elements fall at every place across a chunk's edge. */
#define AMEND_CHUNK 300
#include "../../gen/pdf/pdf_amend.c"
#include "unit.h"

#include <cairo-pdf.h>

static cairo_status_t write_file(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A PDF of pages, each with paragraphs and figures tagged as planpress tags
 * them; returns the number of figures. */
static size_t write_pdf(FILE *f, int pages, int figures_a_page, int padding)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_file, f, 595, 842);
	cairo_t *cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", NULL);
	size_t n = 0;
	for (int p = 0; p < pages; p++) {
		for (int k = 0; k < figures_a_page; k++) {
			for (int q = 0; q < padding; q++) {
				cairo_tag_begin(cr, "P", NULL);
				cairo_rectangle(cr, 10, 10 + q, 5, 1);
				cairo_fill(cr);
				cairo_tag_end(cr, "P");
			}
			cairo_tag_begin(cr, "Figure", NULL);
			cairo_rectangle(cr, 50, 50 + 20 * k, 100, 10);
			cairo_fill(cr);
			cairo_tag_end(cr, "Figure");
			n++;
		}
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
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
	size_t n = write_pdf(f, pages, figures_a_page, padding);
	char **alts = calloc(n, sizeof *alts);
	for (size_t i = 0; i < n; i++) {
		alts[i] = malloc(32);
		snprintf(alts[i], 32, "figure %zu", i + 1);
	}
	int numbers[64];
	for (int i = 0; i < pages; i++)
		numbers[i] = i + 1;
	struct pdf_amendments a = { .lang = "en-GB", .figure_alts = alts, .n_figures = n,
				    .numbers = numbers, .n_pages = (size_t)pages };
	CHECK(pdf_amend(f, &a));
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	char *data = malloc((size_t)len);
	fseek(f, 0, SEEK_SET);
	CHECK(fread(data, 1, (size_t)len, f) == (size_t)len);
	CHECK(count(data, (size_t)len, "/Alt <FEFF") == n);
	CHECK(count(data, (size_t)len, "/MarkInfo << /Marked true >>") >= 1);
	CHECK(count(data, (size_t)len, "/PageLabels") == 1);
	/* "figure": each text as UTF-16 */
	CHECK(count(data, (size_t)len, "<FEFF006600690067007500720065") == n);
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
	size_t n = write_pdf(f, 3, 2, 5);
	long start = ftell(f);
	char *alts[6] = { "A1", "A2", "B1", "B2", "C1", "C2" };
	int numbers[3] = { 1, 2, 3 };
	struct pdf_amendments a = { .figure_alts = alts, .n_figures = n, .numbers = numbers,
				    .n_pages = 3 };
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
	for (const char *o = update; found < 6 && (o = strstr(o, "/S /Figure")); o++) {
		const char *g = strstr(o, "/Pg "), *k = strstr(o, "/K "), *t = strstr(o, "/Alt <FEFF");
		if (!g || !k || !t)
			break;
		pg[found] = strtol(g + 4, NULL, 10);
		mcid[found] = strtol(k + 3, NULL, 10);
		/* "A1" is 0041 0031 */
		text[found][0] = (char)strtol((char[]){ t[12], t[13], 0 }, NULL, 16);
		text[found][1] = (char)strtol((char[]){ t[16], t[17], 0 }, NULL, 16);
		text[found][2] = 0;
		found++;
	}
	CHECK(found == 6);
	for (size_t i = 0; i < found; i++)
		for (size_t j = 0; j < found; j++) {
			bool earlier = pg[i] < pg[j] || (pg[i] == pg[j] && mcid[i] < mcid[j]);
			if (earlier)
				CHECK(strcmp(text[i], text[j]) < 0);
		}
	free(update);
	fclose(f);
}

/* Figures the caller does not know of are refused, not given others' text. */
static void test_mismatch(void)
{
	FILE *f = tmpfile();
	size_t n = write_pdf(f, 2, 2, 1);
	char *alts[3] = { "one", "two", "three" };
	struct pdf_amendments a = { .figure_alts = alts, .n_figures = n - 1 };
	CHECK(!pdf_amend(f, &a));
	fclose(f);
}

int main(void)
{
	/* many sizes of what stands between figures, so their elements fall at
	 * every offset from the edge of a 300-byte chunk */
	for (int padding = 0; padding < 24; padding++)
		test_figures(4, 3, padding);
	test_order();
	test_mismatch();
	return unit_summary();
}
