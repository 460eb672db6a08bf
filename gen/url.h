/* url.h - percent-encoding link addresses. */
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

#endif
