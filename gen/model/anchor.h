/* anchor.h - the fragment ids of a plan's parts (themes, actions, KPIs), made
 * once so the web page's ids, its links, and the PDF's destinations agree.
 *
 * An id is a prefix and a slug of the ref: lower-case letters and digits as
 * written, capitals lowered, any other run of ASCII as one '-', and each
 * character beyond ASCII as 'u' and its code point in hex ("Ⅳ" -> "u2163").
 * A slug never starts or ends with '-' nor holds "--", so "--" can join parts
 * without ambiguity: a theme's KPI is "theme-1--kpi-k1", and templates add
 * "--title" and "--caption". Refs that slug alike ("1.1" and "1-1", "P6" and
 * "p6") are told apart in document order: the first keeps the plain id, the
 * next gets "--2", then "--3". A ref with nothing to slug ("...") uses its
 * position. So ids are unique on a page, never empty after the prefix, and
 * the same on every build of the same content. */
#ifndef PLANPRESS_ANCHOR_H
#define PLANPRESS_ANCHOR_H

#include "model.h"
#include "util.h"

/* prefix followed by the slug of text; position (1-based) when the slug is
 * empty. Exposed for unit tests. */
const char *anchor_slug(struct arena *a, const char *prefix, const char *text, size_t position);

/* Fills theme->anchor, theme->kpi_anchors, action->anchor and kpi->anchor. */
void anchor_plan(struct arena *a, struct plan *p);

#endif
