/* Unit tests of the pieces long text is cut into before Pango sets it
 * (typeset_piece_cuts, typeset_pieces): ordinary text is never cut; a run
 * with nowhere to break is cut every TYPESET_RUN_PIECE bytes, never inside a
 * grapheme; a long text of words is cut only between words; and text cut
 * in pieces is set within its width, every character kept. */
#include "layout.h"
#include "typeset.h"
#include "unit.h"
#include "util.h"

#include <stdlib.h>

static char *repeat(const char *unit, size_t times)
{
	struct strbuf b = { 0 };
	for (size_t i = 0; i < times; i++)
		strbuf_adds(&b, unit);
	return b.data;
}

static size_t cuts_of(const char *text, size_t **cuts, size_t **runs, size_t *n_runs)
{
	return typeset_piece_cuts(text, strlen(text), cuts, runs, n_runs);
}

static void check_not_cut(const char *name, const char *text)
{
	size_t *cuts, *runs, n_runs;
	size_t n = cuts_of(text, &cuts, &runs, &n_runs);
	if (n || n_runs)
		fprintf(stderr, "%s: cut %zu times\n", name, n);
	CHECK(n == 0 && n_runs == 0 && !cuts && !runs);
	CHECK(typeset_pieces(text, NULL) == NULL);
	free(cuts);
	free(runs);
}

static void check_ordinary(void)
{
	check_not_cut("empty", "");
	/* sentences longer than a run, a long address, long words and
	 * Chinese (breakable between any two characters): all under the
	 * length of a piece of text */
	char *t = repeat("The care leavers' local offer is published and easy to find. ", 120);
	check_not_cut("sentences", t);
	free(t);
	t = repeat("https://www.example.gov.uk/children/care-leavers/local-offer?x=1 ", 60);
	check_not_cut("addresses", t);
	free(t);
	t = repeat("a", TYPESET_LONG_RUN);
	check_not_cut("a run as long as may be", t);
	free(t);
	t = repeat("\xE4\xB8\xAD", 2000);	/* 6,000 bytes of 中 */
	check_not_cut("Chinese", t);
	free(t);
}

static void check_word(void)
{
	size_t len = 100000;
	char *t = repeat("a", len);
	size_t *cuts, *runs, n_runs;
	size_t n = cuts_of(t, &cuts, &runs, &n_runs);
	CHECK(n == (len - 1) / TYPESET_RUN_PIECE);
	bool even = true;
	for (size_t i = 0; i < n; i++)
		even = even && cuts[i] == (i + 1) * TYPESET_RUN_PIECE;
	CHECK(even);
	CHECK(n_runs == 1 && runs[0] == 0 && runs[1] == len);
	free(cuts);
	free(runs);
	free(t);

	/* between words, a long word is one run of its own */
	struct strbuf b = { 0 };
	strbuf_adds(&b, "Before the word ");
	size_t start = b.len;
	for (int i = 0; i < 1000; i++)
		strbuf_adds(&b, "xyz");
	size_t end = b.len;
	strbuf_adds(&b, " and after it.");
	n = cuts_of(b.data, &cuts, &runs, &n_runs);
	CHECK(n_runs == 1 && runs[0] == start && runs[1] == end + 1);
	bool inside = n > 0;
	for (size_t i = 0; i < n; i++)
		inside = inside && cuts[i] > start && cuts[i] < end;
	CHECK(inside);
	free(cuts);
	free(runs);
	strbuf_free(&b);

	/* spaces where a line may not break all the same (UAX #14: none
	 * before ")", none after "(" and its spaces) */
	const char *spaced[] = { " )", "( a" };
	for (size_t i = 0; i < 2; i++) {
		char *s = repeat(spaced[i], 1000);
		n = cuts_of(s, &cuts, &runs, &n_runs);
		CHECK(n > 0 && n_runs == 1);
		free(cuts);
		free(runs);
		free(s);
	}
}

/* a letter and its accent, or a flag, are never parted */
static void check_graphemes(void)
{
	const char *units[] = { "a\xCC\x81", "e\xCC\x81\xCC\xA7",
				"\xF0\x9F\x87\xAC\xF0\x9F\x87\xA7" /* flag GB */,
				"\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB" /* woman technologist */ };
	for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
		size_t unit = strlen(units[u]);
		char *t = repeat(units[u], 3000);
		size_t *cuts, *runs, n_runs;
		size_t n = cuts_of(t, &cuts, &runs, &n_runs);
		bool whole = n > 0;
		for (size_t i = 0; i < n; i++)
			whole = whole && cuts[i] % unit == 0;
		if (!whole)
			fprintf(stderr, "grapheme %zu parted\n", u);
		CHECK(whole);
		free(cuts);
		free(runs);
		free(t);
	}
}

/* A text of words longer than TYPESET_MAX_PIECE: cut only where a line may
 * break, between words, in pieces no longer than a piece may be. */
static void check_long_text(void)
{
	char *t = repeat("lorem ipsum dolor sit amet ", 2000);
	size_t *cuts, *runs, n_runs;
	size_t n = cuts_of(t, &cuts, &runs, &n_runs);
	CHECK(n > 0 && n_runs == 0);
	bool between = true, short_enough = true;
	for (size_t i = 0; i < n; i++) {
		between = between && t[cuts[i] - 1] == ' ' && t[cuts[i]] != ' ';
		size_t from = i ? cuts[i - 1] : 0;
		short_enough = short_enough &&
			       cuts[i] - from <= TYPESET_MAX_PIECE + TYPESET_LONG_RUN;
	}
	CHECK(between);
	CHECK(short_enough);
	CHECK(strlen(t) - cuts[n - 1] <= TYPESET_MAX_PIECE + TYPESET_LONG_RUN);
	free(cuts);
	free(runs);
	free(t);
}

/* Set at each width in pieces: no line's ink wider than the width (Pango
 * fits a line that ends where a piece ends without the hyphen it then
 * sets), the lines holding the whole text in order. */
static void check_set(PangoContext *context, const char *name, const char *text, double size,
		      double narrowest, double widest)
{
	PangoAttrList *pieces = typeset_pieces(text, NULL);
	CHECK(pieces != NULL);
	for (double width = narrowest; width <= widest; width += 25) {
		PangoLayout *l = pango_layout_new(context);
		typeset_set_font(l, "Liberation Sans", size, false);
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_text(l, text, -1);
		pango_layout_set_attributes(l, pieces);
		int n = pango_layout_get_line_count(l), over = 0, next = 0;
		bool in_order = true;
		for (int i = 0; i < n; i++) {
			PangoLayoutLine *line = pango_layout_get_line_readonly(l, i);
			PangoRectangle ink;	/* a space may hang past the width */
			pango_layout_line_get_extents(line, &ink, NULL);
			if (ink.x + ink.width > pango_layout_get_width(l))
				over++;
			in_order = in_order && line->start_index == next;
			next = line->start_index + line->length;
		}
		if (over)
			fprintf(stderr, "%s at %.0f pt: %d of %d lines too wide\n", name, width, over, n);
		CHECK(over == 0);
		CHECK(in_order && next == (int)strlen(text));
		g_object_unref(l);
	}
	pango_attr_list_unref(pieces);
}

int main(void)
{
	check_ordinary();
	check_word();
	check_graphemes();
	check_long_text();
	PangoContext *context = layout_context_new();
	char *t = repeat("a", 20000);
	check_set(context, "a word", t, 10.5, 20, 520);
	free(t);
	t = repeat("Wikipedia", 2000);
	check_set(context, "a kerned word", t, 9, 20, 520);
	free(t);
	t = repeat("( a", 2000);
	check_set(context, "spaces with nowhere to break", t, 9, 20, 520);
	free(t);
	t = repeat("lorem ipsum dolor sit amet ", 800);
	check_set(context, "words", t, 10.5, 20, 520);
	free(t);
	/* wider than 2^31 Pango units in one piece, the rest of the text
	 * would be set on one line */
	t = repeat("lorem ipsum dolor sit amet ", 20000);
	check_set(context, "540,000 bytes of words", t, 10.5, 480, 480);
	free(t);
	g_object_unref(context);
	return unit_summary();
}
