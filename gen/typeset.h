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

#endif
