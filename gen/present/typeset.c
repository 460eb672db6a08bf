/* typeset.c - the print settings every PangoContext and layout of the PDF
 * and the charts shares (see typeset.h). */
#include "catalog.h"
#include "typeset.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

void typeset_context_setup(PangoContext *context)
{
	pango_cairo_context_set_resolution(context, 72.0);
	cairo_font_options_t *options = cairo_font_options_create();
	/* outlines as designed: the same line breaks on every machine and surface */
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(context, options);
	cairo_font_options_destroy(options);
	/* the page's language, for line breaking and hyphenation that suit it
	 * (Welsh: "cy"); English text is set as it always was */
	if (strcmp(messages_lang(), "en") != 0)
		pango_context_set_language(context, pango_language_from_string(messages_lang()));
}

void typeset_set_font(PangoLayout *layout, const char *family, double size, bool bold)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(layout, fd);
	pango_font_description_free(fd);
}

PangoLayout *typeset_layout_for(cairo_t *cr, const char *family, double size, bool bold,
				const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	typeset_context_setup(pango_layout_get_context(l));
	pango_layout_context_changed(l);
	typeset_set_font(l, family, size, bold);
	pango_layout_set_text(l, text, -1);
	return l;
}

struct cuts {
	size_t *at, n, cap;
	size_t *runs, n_runs, cap_runs;	/* [start, end) pairs */
	size_t last;			/* the last cut, or 0 */
};

static void push(size_t **v, size_t *n, size_t *cap, size_t x)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = x;
}

/* Cuts [s, e), a run with nowhere to break, every TYPESET_RUN_PIECE bytes
 * from the last cut, at a grapheme's edge, and notes the run when cut;
 * attrs[k] is of the character at s. */
static void cut_run(const char *text, size_t s, size_t e, const PangoLogAttr *attrs, size_t k,
		    struct cuts *c)
{
	size_t before = c->n;
	for (size_t b = s; b < e; k++) {
		size_t from = c->last > s ? c->last : s;
		if (b > s && b - from >= TYPESET_RUN_PIECE && attrs[k].is_cursor_position)
			push(&c->at, &c->n, &c->cap, c->last = b);
		b = (size_t)(g_utf8_next_char(text + b) - text);
	}
	if (c->n > before) {	/* not one grapheme, which Pango never breaks */
		push(&c->runs, &c->n_runs, &c->cap_runs, s);
		push(&c->runs, &c->n_runs, &c->cap_runs, e);
	}
}

static bool ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether the text is short and the runs between the places where a line is
 * sure to be free to break (a space between two ASCII letters or digits, by
 * rule 18 of UAX #14) are short: then no run with nowhere to break can be
 * long, nor the text, and the pieces are known without Pango's analysis of
 * the text (most paragraphs; the analysis is a few per cent of a plan's
 * time). */
static bool surely_uncut(const char *text, size_t len)
{
	if (len > TYPESET_MAX_PIECE)
		return false;
	size_t from = 0;	/* the last sure place */
	for (size_t i = 1; i + 1 < len; i++) {
		if (text[i] != ' ' || !ascii_alnum(text[i - 1]) || !ascii_alnum(text[i + 1]))
			continue;
		if (i + 1 - from > TYPESET_LONG_RUN)
			return false;
		from = i + 1;
	}
	return len - from <= TYPESET_LONG_RUN;
}

size_t typeset_piece_cuts(const char *text, size_t len, size_t **cuts, size_t **runs,
			  size_t *n_runs)
{
	*cuts = *runs = NULL;
	*n_runs = 0;
	if (surely_uncut(text, len))
		return 0;
	glong chars = g_utf8_strlen(text, (gssize)len);
	PangoLogAttr *attrs = xmalloc(((size_t)chars + 1) * sizeof *attrs);
	/* a fixed language, so that the cuts are the same on every machine */
	pango_get_log_attrs(text, (int)len, -1, pango_language_from_string("en"), attrs,
			    (int)chars + 1);
	struct cuts c = { 0 };
	size_t s = 0, s_char = 0;	/* the run's start: 0 or an opportunity */
	size_t b = 0;
	for (size_t k = 0; k <= (size_t)chars; k++) {
		if (k == (size_t)chars ||
		    (k && (attrs[k].is_line_break || attrs[k].is_mandatory_break))) {
			/* a run [s, b) ends: cut inside it when long, or at its
			 * start when the piece would otherwise be too long */
			if (b - s > TYPESET_LONG_RUN)
				cut_run(text, s, b, attrs, s_char, &c);
			else if (b - c.last > TYPESET_MAX_PIECE && s > c.last)
				push(&c.at, &c.n, &c.cap, c.last = s);
			s = b, s_char = k;
		}
		if (k < (size_t)chars)
			b = (size_t)(g_utf8_next_char(text + b) - text);
	}
	free(attrs);
	*cuts = c.at;
	*runs = c.runs;
	*n_runs = c.n_runs / 2;
	return c.n;
}

PangoAttrList *typeset_pieces(const char *text, PangoAttrList *attrs)
{
	size_t len = strlen(text), *cuts, *runs, n_runs;
	size_t n = typeset_piece_cuts(text, len, &cuts, &runs, &n_runs);
	PangoAttrList *list = NULL;
	if (n) {
		list = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
		/* an attribute that changes nothing (font fallback is on
		 * already), one for each piece: their edges are the cuts */
		for (size_t i = 0; i <= n; i++) {
			PangoAttribute *a = pango_attr_fallback_new(TRUE);
			a->start_index = (guint)(i ? cuts[i - 1] : 0);
			a->end_index = (guint)(i < n ? cuts[i] : len);
			pango_attr_list_insert(list, a);
		}
		/* Pango measures a line that ends where a piece ends without
		 * the hyphen it then sets there, past the line's width: so a
		 * run cut in pieces breaks without hyphens, as an address does
		 * (its text read out of the PDF never had them) */
		for (size_t i = 0; i < n_runs; i++) {
			PangoAttribute *a = pango_attr_insert_hyphens_new(FALSE);
			a->start_index = (guint)runs[2 * i];
			a->end_index = (guint)runs[2 * i + 1];
			pango_attr_list_insert(list, a);
		}
	}
	free(cuts);
	free(runs);
	return list;
}
