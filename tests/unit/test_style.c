/* test_style.c - the print style's RAG colours (gen/present/pdf_style.c and
 * templates/pdf/style.yaml): printed in black and white, each rating is a
 * grey of its own, red the darkest, amber the lightest, green between, and
 * each word reads on its fill (4.5:1 at least). */
#include "colour.h"
#include "diag.h"
#include "pdf_style.h"
#include "unit.h"

#include <math.h>

/* CIE L*, the lightness a printer's grey follows. */
static double lightness(struct rgb c)
{
	struct rgb white = { 1, 1, 1 };
	double y = 1.05 / colour_contrast(c, white) - 0.05;	/* relative luminance */
	return y > 0.008856 ? 116 * cbrt(y) - 16 : 903.3 * y;
}

static void check_greys(const struct pdf_style *s, const char *which)
{
	double red = lightness(s->rag_fill[RAG_RED]), amber = lightness(s->rag_fill[RAG_AMBER]);
	double green = lightness(s->rag_fill[RAG_GREEN]), blue = lightness(s->rag_fill[RAG_BLUE]);
	/* told apart at a glance: ten points of L* at least between each */
	CHECK(red + 10 <= green);
	CHECK(green + 10 <= amber);
	CHECK(fabs(blue - red) >= 10 && fabs(blue - green) >= 10 && fabs(blue - amber) >= 10);
	for (int rag = 0; rag < RAG_COUNT; rag++)
		CHECK(colour_contrast(s->rag_fill[rag], s->rag_text[rag]) >= TEXT_CONTRAST_MIN);
	if (!(red + 10 <= green && green + 10 <= amber))
		fprintf(stderr, "%s: red L* %.1f, green %.1f, amber %.1f, blue %.1f\n", which, red,
			green, amber, blue);
}

int main(void)
{
	struct pdf_style defaults, file;
	pdf_style_defaults(&defaults);
	check_greys(&defaults, "defaults");
	struct diags diags = { 0 };
	pdf_style_defaults(&file);
	CHECK(pdf_style_load(&file, "templates/pdf/style.yaml", &diags));
	CHECK(diags_error_count(&diags, true) == 0);
	check_greys(&file, "templates/pdf/style.yaml");
	/* the file says what the program does without it */
	for (int rag = 0; rag < RAG_COUNT; rag++) {
		CHECK(colour_contrast(file.rag_fill[rag], defaults.rag_fill[rag]) < 1.001);
		CHECK(colour_contrast(file.rag_text[rag], defaults.rag_text[rag]) < 1.001);
	}
	diags_free(&diags);
	return unit_summary();
}
