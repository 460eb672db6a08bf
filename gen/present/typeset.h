/* typeset.h - how every stage that sets text for print sets it: 72 units an
 * inch and outlines unhinted, so the layout engine, the painter and the
 * charts measure the same text alike on every machine and surface. */
#ifndef PLANPRESS_TYPESET_H
#define PLANPRESS_TYPESET_H

#include <pango/pangocairo.h>
#include <stdbool.h>

/* Points as units, metrics and outlines unhinted. */
void typeset_context_setup(PangoContext *context);

/* The font of family at size points, bold or regular. */
void typeset_set_font(PangoLayout *layout, const char *family, double size, bool bold);

/* A layout that draws on cr, set up as above, holding text. */
PangoLayout *typeset_layout_for(cairo_t *cr, const char *family, double size, bool bold,
				const char *text);

/* Pango shapes an item of text (a run of one font, script and attributes)
 * whole, and shapes again what is left of an item it breaks, for every line:
 * a word with nowhere to break of n letters costs n * n / (letters a line),
 * and an item wider than 2^31 Pango units (some 350,000 letters of body
 * text) overflows its width, which sets the rest of the paragraph on one
 * line, past the page's edge. Pango ends an
 * item wherever an attribute begins or ends, so text is cut into pieces:
 * - a run with nowhere to break (between two of Pango's line break
 *   opportunities) longer than TYPESET_LONG_RUN bytes, every
 *   TYPESET_RUN_PIECE bytes or so, between two characters (never inside a
 *   grapheme: a letter and its accents); such a run breaks across lines
 *   without hyphens (see typeset_pieces);
 * - any text, at a line break opportunity, so that no piece is longer than
 *   about TYPESET_MAX_PIECE bytes.
 * Text with no such run and no longer than TYPESET_MAX_PIECE is never cut,
 * so it is set as it always was; a cut changes at most the kerning of the
 * two letters either side of it. Cuts add no characters: the text read out
 * of the PDF is the same. */
enum { TYPESET_LONG_RUN = 256, TYPESET_RUN_PIECE = 256, TYPESET_MAX_PIECE = 8192 };

/* The byte offsets at which the len bytes of text are cut, in order, in a
 * new array *cuts; returns their count, 0 when none. The long runs cut are
 * *n_runs [start, end) pairs of offsets in the new array *runs. Both arrays
 * are to be freed. */
size_t typeset_piece_cuts(const char *text, size_t len, size_t **cuts, size_t **runs,
			  size_t *n_runs);

/* attrs (or no attributes) with the pieces of text as above marked, as a new
 * list; NULL, and attrs left as they are, when text is not cut. */
PangoAttrList *typeset_pieces(const char *text, PangoAttrList *attrs);

#endif
