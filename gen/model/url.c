/* url.c - percent-encoding what a link address may not hold, for the web
 * pages' href/src and for the URIs of PDF link annotations; and where a link
 * inside the site leads. */
#include "url.h"

#include <string.h>

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

void url_encode(const char *s, bool ascii_only, struct strbuf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	/* brackets belong to an IPv6 host ("http://[::1]/"): left alone there */
	const char *host = strstr(s, "://"), *host_end = NULL;
	if (host && strcspn(s, "/?#") == (size_t)(host - s) + 1) {	/* "scheme:" first */
		host += 3;
		host_end = host + strcspn(host, "/?#");
	} else {
		host = NULL;
	}
	bool in_fragment = false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		bool encode = c <= 0x20 || c == 0x7F || (ascii_only && c >= 0x80) || strchr("\"<>\\^`{|}", c) ||
			      (c == '%' && !(is_hex(p[1]) && is_hex(p[2]))) ||
			      ((c == '[' || c == ']') && !(host && p >= host && p < host_end)) ||
			      (c == '#' && in_fragment);
		if (c == '#')
			in_fragment = true;
		if (encode) {
			strbuf_addc(out, '%');
			strbuf_addc(out, hex[c >> 4]);
			strbuf_addc(out, hex[c & 15]);
		} else {
			strbuf_addc(out, (char)c);
		}
	}
}

/* How many dots a segment is, read as a browser reads it ("%2e%2E" is ".."),
 * or 0 when it is anything else. */
static size_t dot_segment(const char *seg, size_t n)
{
	size_t dots = 0;
	for (size_t i = 0; i < n; dots++) {
		if (seg[i] == '.')
			i++;
		else if (seg[i] == '%' && i + 2 < n && seg[i + 1] == '2' && (seg[i + 2] == 'e' || seg[i + 2] == 'E'))
			i += 3;
		else
			return 0;
	}
	return dots <= 2 ? dots : 0;
}

char *url_site_path(const char *folder, const char *target)
{
	size_t n = strcspn(target, "?#");
	struct strbuf b = { 0 };
	strbuf_adds(&b, "");
	const char *t = target;
	if (*t == '/')
		t++;
	else if (*folder)
		strbuf_printf(&b, "%s/", folder);
	while (t < target + n) {
		size_t seg = strcspn(t, "/?#");
		if (t + seg > target + n)
			seg = (size_t)(target + n - t);
		size_t dots = dot_segment(t, seg);
		if (dots == 2) {
			if (!b.len) {
				strbuf_free(&b);
				return NULL;
			}
			b.len--;	/* the '/' */
			while (b.len && b.data[b.len - 1] != '/')
				b.len--;
			b.data[b.len] = '\0';
		} else if (dots != 1 && seg) {
			strbuf_add(&b, t, seg);
			if (t[seg] == '/')
				strbuf_addc(&b, '/');
		}
		t += seg;
		if (*t == '/')
			t++;
	}
	return b.data;
}
