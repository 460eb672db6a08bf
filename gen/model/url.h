/* url.h - link addresses: percent-encoding them, and resolving those inside
 * the site. */
#ifndef PLANPRESS_URL_H
#define PLANPRESS_URL_H

#include "util.h"

#include <stdbool.h>

/* s with what a URL may not hold percent-encoded (space, '"', '<', '>',
 * '\\', '^', '`', '{', '|', '}', controls, a '%' not starting %XX, brackets
 * outside an IPv6 host, a second '#'); what is already encoded stays.
 * Non-ASCII bytes stay too (an HTML href may hold them) unless ascii_only:
 * a PDF URI action must be 7-bit ASCII (ISO 32000-1, 12.6.4.7). */
void url_encode(const char *s, bool ascii_only, struct strbuf *out);

/* The site path a link inside the site leads to, resolved from the folder of
 * the linking page ("plans"; "" for the site's root): "../meetings/m.html#x"
 * is "meetings/m.html", "/plans/p.csv" (from the root) "plans/p.csv"; without
 * its query and fragment. NULL when it climbs above the root. Free it. */
char *url_site_path(const char *folder, const char *target);

#endif
