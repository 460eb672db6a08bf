/* typeset.c - the print settings every PangoContext and layout of the PDF
 * and the charts shares (see typeset.h). */
#include "typeset.h"

void typeset_context_setup(PangoContext *context)
{
	pango_cairo_context_set_resolution(context, 72.0);
	cairo_font_options_t *options = cairo_font_options_create();
	/* outlines as designed: the same line breaks on every machine and surface */
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(context, options);
	cairo_font_options_destroy(options);
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
