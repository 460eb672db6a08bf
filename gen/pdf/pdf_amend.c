/* pdf_amend.c - the incremental update of pdf_amend.h. The PDF is read back
 * only where needed (trailer, cairo's cross-reference table, the catalog, the
 * page tree, each page and its content stream in turn, and one pass for the
 * structure elements it amends), never held whole, and the update is written
 * object by object as it is made, so a document of thousands of pages costs
 * little memory. */
#define _GNU_SOURCE	/* memmem */
#include "pdf_amend.h"
#include "util.h"

#include <glib.h>
#include <zlib.h>

#ifndef AMEND_CHUNK
#define AMEND_CHUNK (1 << 20)	/* bytes read at a time; tests make it small */
#endif
#include <stdlib.h>
#include <string.h>

/* Reads up to size - 1 bytes at offset into buf (NUL-terminated); the count. */
static size_t read_at(FILE *f, long offset, char *buf, size_t size)
{
	if (offset < 0 || fseek(f, offset, SEEK_SET) != 0)
		return 0;
	size_t n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	return n;
}

/* The last occurrence of needle in the n bytes at data. */
static const char *last_of(const char *data, size_t n, const char *needle)
{
	const char *hit = NULL;
	size_t k = strlen(needle);
	for (const char *p = data; (p = memmem(p, n - (size_t)(p - data), needle, k)); p++)
		hit = p;
	return hit;
}

struct pdf_file {
	FILE *f;
	long len;		/* what cairo wrote */
	long xref;		/* its cross-reference table */
	int xref_head;		/* the length of "xref 0 N" */
	long n_objects;		/* /Size */
	long root, info;	/* object numbers; info -1 when none */
};

/* The offset of object obj, from cairo's table: one section from object 0,
 * 20 bytes an entry. */
static long object_offset(const struct pdf_file *p, long obj)
{
	char entry[24];
	if (obj <= 0 || obj >= p->n_objects ||
	    read_at(p->f, p->xref + p->xref_head + 1 + 20 * obj, entry, 21) != 20)
		return -1;
	return strtol(entry, NULL, 10);
}

/* Object obj's text from "N 0 obj" to its "endobj" (malloc'd), or NULL. */
static char *read_object(const struct pdf_file *p, long obj, size_t *len)
{
	long at = object_offset(p, obj);
	if (at < 0)
		return NULL;
	char head[48];
	snprintf(head, sizeof head, "%ld 0 obj", obj);
	for (size_t size = 4096; size <= (size_t)1 << 26; size *= 4) {
		char *buf = xmalloc(size);
		size_t n = read_at(p->f, at, buf, size);
		const char *end = memmem(buf, n, "endobj", 6);
		if (strncmp(buf, head, strlen(head)) != 0 || (!end && n < size - 1)) {
			free(buf);
			return NULL;
		}
		if (end) {
			*len = (size_t)(end - buf);
			return buf;
		}
		free(buf);
	}
	return NULL;
}

static bool open_pdf(struct pdf_file *p, FILE *f)
{
	char tail[1024], head[64];
	p->f = f;
	if (fflush(f) != 0 || fseek(f, 0, SEEK_END) != 0 || (p->len = ftell(f)) < 0)
		return false;
	size_t n = read_at(f, p->len > 1000 ? p->len - 1000 : 0, tail, sizeof tail);
	const char *trailer = last_of(tail, n, "trailer");
	const char *startxref = last_of(tail, n, "startxref");
	if (!trailer || !startxref || startxref < trailer)
		return false;
	p->xref = strtol(startxref + 9, NULL, 10);
	const char *root = strstr(trailer, "/Root ");
	const char *size = strstr(trailer, "/Size ");
	const char *info = strstr(trailer, "/Info ");
	if (!root || !size)
		return false;
	p->root = strtol(root + 6, NULL, 10);
	p->n_objects = strtol(size + 6, NULL, 10);
	p->info = info ? strtol(info + 6, NULL, 10) : -1;
	long first, count;
	return read_at(f, p->xref, head, sizeof head) &&
	       sscanf(head, "xref %ld %ld%n", &first, &count, &p->xref_head) == 2 && first == 0 &&
	       count == p->n_objects && p->root > 0 && p->root < count;
}

/* The dictionary of an object's text: from its "<<" to before its last ">>". */
static bool dictionary_body(const char *obj, size_t len, const char **body, size_t *body_len)
{
	const char *dict = memmem(obj, len, "<<", 2);
	if (!dict)
		return false;
	const char *close = last_of(dict, len - (size_t)(dict - obj), ">>");
	if (!close)
		return false;
	*body = dict;
	*body_len = (size_t)(close - dict);
	return true;
}

/* The integer after key in the dictionary text ("/Pg 12 0 R" -> 12; for
 * "/K [3 ..." the first), or -1. */
static long value_of(const char *dict, size_t len, const char *key)
{
	char *copy = xmalloc(len + 1);
	memcpy(copy, dict, len);
	copy[len] = '\0';
	long v = -1;
	const char *k = strstr(copy, key);
	if (k) {
		const char *s = k + strlen(key);
		s += strspn(s, " \n\r[");
		if (*s >= '0' && *s <= '9')
			v = strtol(s, NULL, 10);
	}
	free(copy);
	return v;
}

/* The page objects in order, from the page tree (cairo writes one flat
 * /Pages); NULL when it is not so. */
static long *page_list(const struct pdf_file *p, long pages_obj, size_t *n_pages)
{
	size_t len;
	char *obj = read_object(p, pages_obj, &len);
	if (!obj)
		return NULL;
	const char *kids = memmem(obj, len, "/Kids", 5);
	const char *s = kids ? memchr(kids, '[', len - (size_t)(kids - obj)) : NULL;
	if (!s) {
		free(obj);
		return NULL;
	}
	long *pages = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		s++;
		s += strspn(s, " \n\r");
		if (*s < '0' || *s > '9')
			break;
		char *end;
		long ref = strtol(s, &end, 10);
		if (ref <= 0 || ref >= p->n_objects)
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			pages = xrealloc(pages, cap * sizeof *pages);
		}
		pages[n++] = ref;
		s = strchr(end, 'R');	/* past "0 R" */
		if (!s)
			break;
	}
	free(obj);
	*n_pages = n;
	return pages;
}

/* ---------- content streams: what is painted outside the tree ---------- */

static bool is_space(unsigned char c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool is_delimiter(unsigned char c)
{
	return strchr("()<>[]{}/%", c) != NULL && c != 0;
}

static bool op_is(const unsigned char *op, size_t n, const char *name)
{
	return n == strlen(name) && memcmp(op, name, n) == 0;
}

/* Operators that paint (text, paths, shadings, images, forms) and those that
 * begin a graphics object: an artifact is wrapped from the beginning of its
 * first object to the end of its last, never splitting one. */
static bool paints(const unsigned char *op, size_t n)
{
	static const char *const ops[] = { "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*",
					   "B", "B*", "b", "b*", "sh", "Do", "EI", NULL };
	for (size_t i = 0; ops[i]; i++)
		if (op_is(op, n, ops[i]))
			return true;
	return false;
}

static bool begins_path(const unsigned char *op, size_t n)
{
	return op_is(op, n, "m") || op_is(op, n, "re");
}

/* The gap being read: content outside any marked content with an MCID (or
 * an artifact's), where the artifact opens (-1: nothing painted yet) and
 * where it closes. */
struct gap {
	long open, close;
};

static void close_gap(const unsigned char *in, size_t *copied, struct gap *g, struct strbuf *out)
{
	if (g->open >= 0) {
		strbuf_add(out, (const char *)in + *copied, (size_t)g->open - *copied);
		strbuf_adds(out, "/Artifact BMC\n");
		strbuf_add(out, (const char *)in + g->open, (size_t)(g->close - g->open));
		strbuf_adds(out, "\nEMC\n");
		*copied = (size_t)g->close;
	}
	g->open = g->close = -1;
}

void pdf_mark_artifacts(const unsigned char *in, size_t n, struct strbuf *out)
{
	/* the marked-content stack: whether each sequence is structure (it has
	 * an MCID, or is an artifact already) or not (cairo's ActualText spans) */
	bool *structure = NULL;
	size_t depth = 0, cap = 0, structural = 0;
	struct gap gap = { -1, -1 };
	size_t copied = 0, i = 0;
	long operands = -1;		/* where the pending operands start */
	long object = -1;		/* where the graphics object being built began */
	bool in_text = false, text_painted = false;
	while (i < n) {
		unsigned char c = in[i];
		if (is_space(c)) {
			i++;
			continue;
		}
		size_t start = i;
		if (c == '%') {
			while (i < n && in[i] != '\n' && in[i] != '\r')
				i++;
			continue;
		}
		if (c == '(') {	/* a literal string: nested parentheses, escapes */
			int level = 0;
			for (; i < n; i++) {
				if (in[i] == '\\') {
					i++;
					continue;
				}
				if (in[i] == '(')
					level++;
				else if (in[i] == ')' && --level == 0) {
					i++;
					break;
				}
			}
		} else if (c == '<' && i + 1 < n && in[i + 1] == '<') {
			i += 2;
		} else if (c == '>' && i + 1 < n && in[i + 1] == '>') {
			i += 2;
		} else if (c == '<') {
			while (i < n && in[i] != '>')
				i++;
			i++;
		} else if (c == '[' || c == ']' || c == '{' || c == '}') {
			i++;
		} else if (c == '/') {
			i++;
			while (i < n && !is_space(in[i]) && !is_delimiter(in[i]))
				i++;
		} else {
			while (i < n && !is_space(in[i]) && !is_delimiter(in[i]))
				i++;
			if (i == start)
				i++;	/* a stray delimiter: step over it */
			bool operand = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' ||
				       op_is(in + start, i - start, "true") ||
				       op_is(in + start, i - start, "false") ||
				       op_is(in + start, i - start, "null");
			if (!operand) {
				const unsigned char *op = in + start;
				size_t len = i - start;
				long op_start = operands >= 0 ? operands : (long)start;
				operands = -1;
				if (op_is(op, len, "ID")) {
					/* inline image data: to "EI" between white space */
					i++;
					while (i + 2 <= n && !(is_space(in[i - 1]) && in[i] == 'E' &&
							      in[i + 1] == 'I' &&
							      (i + 2 == n || is_space(in[i + 2]))))
						i++;
					continue;	/* EI is read next, as an operator */
				}
				if (op_is(op, len, "BMC") || op_is(op, len, "BDC")) {
					bool s = op_is(op, len, "BDC") &&
						 memmem(in + op_start, start - (size_t)op_start, "/MCID", 5);
					s = s || memmem(in + op_start, start - (size_t)op_start,
							"/Artifact", 9) != NULL;
					if (s && structural == 0)
						close_gap(in, &copied, &gap, out);
					if (depth == cap) {
						cap = cap ? cap * 2 : 16;
						structure = xrealloc(structure, cap * sizeof *structure);
					}
					structure[depth++] = s;
					structural += s;
					continue;
				}
				if (op_is(op, len, "EMC")) {
					if (depth)
						structural -= structure[--depth];
					continue;
				}
				if (op_is(op, len, "BT")) {
					in_text = true, text_painted = false;
					object = op_start;
					continue;
				}
				if (op_is(op, len, "ET")) {
					if (structural == 0 && text_painted) {
						if (gap.open < 0)
							gap.open = object;
						gap.close = (long)i;
					}
					in_text = false;
					object = -1;
					continue;
				}
				if (op_is(op, len, "BI") || op_is(op, len, "Do") || op_is(op, len, "sh") ||
				    (!in_text && begins_path(op, len) && object < 0))
					object = op_start;
				if (paints(op, len)) {
					if (in_text) {
						text_painted = true;
					} else if (structural == 0) {
						if (gap.open < 0)
							gap.open = object >= 0 ? object : op_start;
						gap.close = (long)i;
					}
					if (!in_text)
						object = -1;
				} else if (op_is(op, len, "n")) {
					object = -1;	/* a clip's path, painting nothing */
				}
				continue;
			}
		}
		if (operands < 0)
			operands = (long)start;
	}
	close_gap(in, &copied, &gap, out);
	strbuf_add(out, (const char *)in + copied, n - copied);
	free(structure);
}

/* A stream object's dictionary (malloc'd, NUL-terminated) and its data,
 * decoded when Flate-compressed (malloc'd); false when it is not one cairo
 * would write. */
static bool read_stream(const struct pdf_file *p, long obj, char **dict, unsigned char **data,
			size_t *len)
{
	long at = object_offset(p, obj);
	char head[2048];
	size_t n = read_at(p->f, at, head, sizeof head);
	char name[48];
	snprintf(name, sizeof name, "%ld 0 obj", obj);
	const char *open = strstr(head, "<<");
	const char *keyword = open ? strstr(open, ">>\nstream") : NULL;
	if (at < 0 || strncmp(head, name, strlen(name)) != 0 || !keyword)
		return false;
	size_t dict_len = (size_t)(keyword + 2 - open);
	long length = value_of(open, dict_len, "/Length ");
	const char *l = strstr(open, "/Length ");
	if (l && strtol(l + 8, NULL, 10) == length && strstr(l + 8, " 0 R") &&
	    strstr(l + 8, " 0 R") < keyword && strchr(l + 8, 'R') < keyword) {
		/* an indirect length, as cairo writes it */
		size_t olen;
		char *lobj = read_object(p, length, &olen);
		if (!lobj)
			return false;
		const char *v = strstr(lobj, "obj");
		length = v ? strtol(v + 3, NULL, 10) : -1;
		free(lobj);
	}
	size_t data_at = (size_t)(keyword + 9 - head);
	if (data_at < n && head[data_at] == '\r')
		data_at++;
	if (data_at < n && head[data_at] == '\n')
		data_at++;
	if (length < 0 || data_at >= n)
		return false;
	unsigned char *raw = xmalloc((size_t)length + 1);
	if (fseek(p->f, at + (long)data_at, SEEK_SET) != 0 ||
	    fread(raw, 1, (size_t)length, p->f) != (size_t)length) {
		free(raw);
		return false;
	}
	*dict = xmalloc(dict_len + 1);
	memcpy(*dict, open, dict_len);
	(*dict)[dict_len] = '\0';
	if (!strstr(*dict, "/Filter")) {
		*data = raw, *len = (size_t)length;
		return true;
	}
	if (!strstr(*dict, "/FlateDecode") || strstr(*dict, "/DecodeParms")) {
		free(raw);
		free(*dict);
		return false;
	}
	z_stream z = { 0 };
	size_t cap = (size_t)length * 4 + 1024, got = 0;
	unsigned char *out = xmalloc(cap);
	bool ok = inflateInit(&z) == Z_OK;
	z.next_in = raw, z.avail_in = (uInt)length;
	int status = Z_OK;
	while (ok && status != Z_STREAM_END) {
		if (got == cap) {
			cap *= 2;
			out = xrealloc(out, cap);
		}
		z.next_out = out + got, z.avail_out = (uInt)(cap - got);
		status = inflate(&z, Z_NO_FLUSH);
		got = cap - z.avail_out;
		ok = status == Z_OK || status == Z_STREAM_END;
		if (status == Z_OK && z.avail_in == 0 && z.avail_out > 0)
			break;	/* all read, no end marker: take what there is */
	}
	inflateEnd(&z);
	free(raw);
	if (!ok) {
		free(out);
		free(*dict);
		return false;
	}
	*data = out, *len = got;
	return true;
}

/* ---------- the update, written as it is made ---------- */

struct xref_entry {
	long obj;
	long offset;
};

struct update {
	FILE *f;
	long end;		/* where the next object goes */
	struct xref_entry *xref;
	size_t n_xref, cap_xref;
	long next_obj;		/* the next new object's number */
	bool ok;
};

/* Appends object obj (its text from "N 0 obj" to "endobj\n"). */
static void put_object(struct update *u, long obj, const char *text, size_t len)
{
	if (!u->ok)
		return;
	if (u->n_xref == u->cap_xref) {
		u->cap_xref = u->cap_xref ? u->cap_xref * 2 : 64;
		u->xref = xrealloc(u->xref, u->cap_xref * sizeof *u->xref);
	}
	u->xref[u->n_xref++] = (struct xref_entry){ obj, u->end };
	u->ok = fseek(u->f, u->end, SEEK_SET) == 0 && fwrite(text, 1, len, u->f) == len;
	u->end += (long)len;
}

/* A PDF text string: UTF-16BE with its byte order mark, in hex. */
static void add_text_string(struct strbuf *b, const char *utf8)
{
	glong n = 0;
	gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
	strbuf_adds(b, "<FEFF");
	for (glong i = 0; u && i < n; i++)
		strbuf_printf(b, "%04X", (unsigned)u[i]);
	strbuf_addc(b, '>');
	g_free(u);
}

static void add_xml_text(struct strbuf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': strbuf_adds(b, "&amp;"); break;
		case '<': strbuf_adds(b, "&lt;"); break;
		case '>': strbuf_adds(b, "&gt;"); break;
		case '"': strbuf_adds(b, "&quot;"); break;
		default: strbuf_addc(b, *s);
		}
	}
}

/* The XMP packet: what the Info dictionary says, the language, and that the
 * file claims PDF/UA-1. Uncompressed, as XMP is meant to be found. */
static void put_metadata(struct update *u, long obj, const struct pdf_amendments *a)
{
	const char *lang = a->lang ? a->lang : "en-GB";
	const char *date = a->date_iso && *a->date_iso ? a->date_iso : "2000-01-01";
	struct strbuf x = { 0 };
	strbuf_adds(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		    "<rdf:Description rdf:about=\"\"\n"
		    "  xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		    "  xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		    "  xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		    "  xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		    "<pdfuaid:part>1</pdfuaid:part>\n"
		    "<dc:format>application/pdf</dc:format>\n");
	strbuf_adds(&x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	add_xml_text(&x, a->title && *a->title ? a->title : "Untitled");
	strbuf_adds(&x, "</rdf:li></rdf:Alt></dc:title>\n<dc:language><rdf:Bag><rdf:li>");
	add_xml_text(&x, lang);
	strbuf_adds(&x, "</rdf:li></rdf:Bag></dc:language>\n");
	if (a->author && *a->author) {
		strbuf_adds(&x, "<dc:creator><rdf:Seq><rdf:li>");
		add_xml_text(&x, a->author);
		strbuf_adds(&x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (a->subject && *a->subject) {
		strbuf_adds(&x, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		add_xml_text(&x, a->subject);
		strbuf_adds(&x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	if (a->keywords && *a->keywords) {
		strbuf_adds(&x, "<pdf:Keywords>");
		add_xml_text(&x, a->keywords);
		strbuf_adds(&x, "</pdf:Keywords>\n");
	}
	strbuf_adds(&x, "<xmp:CreatorTool>planpress</xmp:CreatorTool>\n<xmp:CreateDate>");
	add_xml_text(&x, date);
	strbuf_adds(&x, "T00:00:00Z</xmp:CreateDate>\n<xmp:ModifyDate>");
	add_xml_text(&x, date);
	strbuf_adds(&x, "T00:00:00Z</xmp:ModifyDate>\n</rdf:Description>\n</rdf:RDF>\n"
		    "</x:xmpmeta>\n<?xpacket end=\"r\"?>");
	struct strbuf o = { 0 };
	strbuf_printf(&o, "%ld 0 obj\n<< /Type /Metadata\n   /Subtype /XML\n   /Length %zu\n>>\n"
		      "stream\n", obj, x.len);
	strbuf_add(&o, x.data, x.len);
	strbuf_adds(&o, "\nendstream\nendobj\n");
	put_object(u, obj, o.data, o.len);
	strbuf_free(&o);
	strbuf_free(&x);
}

/* /PageLabels: the papers' printed numbers, the front matter (a pack's
 * summons and agenda) in small roman numerals. */
static void add_page_labels(struct strbuf *b, const struct pdf_amendments *a)
{
	strbuf_adds(b, "   /PageLabels << /Nums [");
	/* the label the next page takes without a new range: 0 in roman */
	int next = -1, roman = 0;
	for (size_t i = 0; i < a->n_pages; i++) {
		int number = a->numbers[i];
		if (number <= 0) {
			if (next != 0)
				strbuf_printf(b, " %zu << /S /r /St %d >>", i, roman + 1);
			roman++;
			next = 0;
			continue;
		}
		/* after a page standing for several, the numbers jump: a new range */
		if (number != next)
			strbuf_printf(b, " %zu << /S /D /St %d >>", i, number);
		next = number + 1;
	}
	strbuf_adds(b, " ] >>\n");
}

/* A content stream anew, its artifacts marked, Flate-compressed. */
static bool put_content(struct update *u, const struct pdf_file *p, long obj)
{
	char *dict;
	unsigned char *data;
	size_t len;
	if (!read_stream(p, obj, &dict, &data, &len))
		return false;
	struct strbuf marked = { 0 };
	pdf_mark_artifacts(data, len, &marked);
	free(data);
	uLongf zlen = compressBound((uLong)marked.len);
	unsigned char *z = xmalloc(zlen);
	bool ok = compress2(z, &zlen, (const Bytef *)(marked.data ? marked.data : ""),
			    (uLong)marked.len, Z_DEFAULT_COMPRESSION) == Z_OK;
	if (ok) {
		struct strbuf o = { 0 };
		strbuf_printf(&o, "%ld 0 obj\n<< /Length %lu\n   /Filter /FlateDecode\n>>\nstream\n",
			      obj, (unsigned long)zlen);
		strbuf_add(&o, (const char *)z, zlen);
		strbuf_adds(&o, "\nendstream\nendobj\n");
		put_object(u, obj, o.data, o.len);
		strbuf_free(&o);
	}
	free(z);
	free(dict);
	strbuf_free(&marked);
	return ok;
}

/* Each page with /Tabs /S, and its content with its artifacts marked. */
static bool put_pages(struct update *u, const struct pdf_file *p, const long *pages,
		      size_t n_pages)
{
	for (size_t i = 0; i < n_pages && u->ok; i++) {
		size_t len;
		char *page = read_object(p, pages[i], &len);
		const char *body;
		size_t body_len;
		if (!page || !dictionary_body(page, len, &body, &body_len)) {
			free(page);
			return false;
		}
		long contents = value_of(body, body_len, "/Contents ");
		bool one = contents > 0 && !memmem(body, body_len, "/Contents [", 11);
		if (!one || !put_content(u, p, contents)) {
			free(page);
			return false;
		}
		struct strbuf o = { 0 };
		strbuf_printf(&o, "%ld 0 obj\n", pages[i]);
		strbuf_add(&o, body, body_len);
		if (!memmem(body, body_len, "/Tabs", 5))
			strbuf_adds(&o, "\n   /Tabs /S");
		strbuf_adds(&o, "\n>>\nendobj\n");
		put_object(u, pages[i], o.data, o.len);
		strbuf_free(&o);
		free(page);
	}
	return u->ok;
}

/* ---------- structure elements ---------- */

enum elem_kind { ELEM_FIGURE, ELEM_LINK, ELEM_TH };

struct struct_elem {
	long obj;
	enum elem_kind kind;
	char *text;		/* the object's text to its "endobj" */
	size_t len;
};

static int by_object_number(const void *a, const void *b)
{
	const struct struct_elem *x = a, *y = b;
	return x->obj < y->obj ? -1 : x->obj > y->obj;
}

/* The structure elements this update amends, in the order painted (cairo
 * numbers each element's object when its tag begins), found in one pass over
 * the file: cairo writes each as "N 0 obj\n<< /Type /StructElem\n   /S /Name".
 * Content streams are compressed, so the words appear nowhere else; each find
 * is confirmed against the cross-reference table all the same. */
static struct struct_elem *find_elems(const struct pdf_file *p, size_t *count)
{
	static const char pattern[] = "<< /Type /StructElem\n   /S /";
	/* chunks overlap by more than a header ("N 0 obj\n", at most 16 bytes
	 * before a find) and the pattern and a name after it, so each find is
	 * whole in one */
	const size_t chunk = AMEND_CHUNK, overlap = 128, header = 16;
	char *buf = xmalloc(chunk + 1);
	struct struct_elem *found = NULL;
	size_t n_found = 0, cap = 0;
	for (long at = 0; at < p->len; at += (long)(chunk - overlap)) {
		size_t n = read_at(p->f, at, buf, chunk + 1);
		for (const char *hit = buf; (hit = memmem(hit, n - (size_t)(hit - buf), pattern,
							  sizeof pattern - 1)); hit++) {
			/* the header "N 0 obj\n" ends just before: a find too near
			 * the chunk's start was taken in the chunk before, where it
			 * stood after the overlap's start; one further in than that
			 * is taken in the next */
			size_t off = (size_t)(hit - buf);
			if ((at > 0 && off < header) ||
			    (at + (long)chunk < p->len && off >= chunk - overlap + header))
				continue;
			const char *name = hit + sizeof pattern - 1;
			size_t name_len = strcspn(name, " \n\r/<>[]");
			enum elem_kind kind;
			if (name_len == 6 && memcmp(name, "Figure", 6) == 0)
				kind = ELEM_FIGURE;
			else if (name_len == 4 && memcmp(name, "Link", 4) == 0)
				kind = ELEM_LINK;
			else if (name_len == 2 && memcmp(name, "TH", 2) == 0)
				kind = ELEM_TH;
			else
				continue;
			const char *line = hit - 1;
			while (line > buf && line[-1] != '\n')
				line--;
			long obj = strtol(line, NULL, 10);
			if (object_offset(p, obj) != at + (line - buf))
				continue;
			struct struct_elem e = { .obj = obj, .kind = kind };
			e.text = read_object(p, obj, &e.len);
			if (!e.text)
				continue;
			/* kept till all are found: their own length, not the 4 KiB
			 * read (a plan of 10,000 actions has 16,000 of them), and
			 * copied, not shrunk: realloc leaves each block's tail a
			 * hole too small for the next 4 KiB read, 60 MB of them */
			char *own = xmalloc(e.len + 1);
			memcpy(own, e.text, e.len);
			own[e.len] = '\0';
			free(e.text);
			e.text = own;
			if (n_found == cap) {
				cap = cap ? cap * 2 : 16;
				found = xrealloc(found, cap * sizeof *found);
			}
			found[n_found++] = e;
		}
	}
	free(buf);
	if (n_found)	/* found is NULL when none: qsort may not be given it */
		qsort(found, n_found, sizeof *found, by_object_number);
	*count = n_found;
	return found;
}

/* A TH with its attributes ("Column", "Row", "Column ColSpan 3"). */
static bool put_header_cell(struct update *u, const struct struct_elem *e, const char *spec)
{
	const char *body;
	size_t body_len;
	if (!dictionary_body(e->text, e->len, &body, &body_len))
		return false;
	char scope[16] = "", span_key[16] = "";
	int span = 0;
	if (sscanf(spec, "%15s %15s %d", scope, span_key, &span) < 1 ||
	    (strcmp(scope, "Column") != 0 && strcmp(scope, "Row") != 0 &&
	     strcmp(scope, "Both") != 0))
		return false;
	struct strbuf o = { 0 };
	strbuf_printf(&o, "%ld 0 obj\n", e->obj);
	strbuf_add(&o, body, body_len);
	strbuf_printf(&o, "   /A << /O /Table /Scope /%s", scope);
	if (span > 1 && (strcmp(span_key, "ColSpan") == 0 || strcmp(span_key, "RowSpan") == 0))
		strbuf_printf(&o, " /%s %d", span_key, span);
	strbuf_adds(&o, " >>\n>>\nendobj\n");
	put_object(u, e->obj, o.data, o.len);
	strbuf_free(&o);
	return true;
}

/* The element's text with key and value added before its end. */
static bool put_with(struct update *u, long obj, const char *text, size_t len, const char *key,
		     const char *value)
{
	const char *body;
	size_t body_len;
	if (!dictionary_body(text, len, &body, &body_len))
		return false;
	struct strbuf o = { 0 };
	strbuf_printf(&o, "%ld 0 obj\n", obj);
	strbuf_add(&o, body, body_len);
	strbuf_printf(&o, "\n   %s ", key);
	add_text_string(&o, value);
	strbuf_adds(&o, "\n>>\nendobj\n");
	put_object(u, obj, o.data, o.len);
	strbuf_free(&o);
	return true;
}

/* A link's annotation (the OBJR of its Link element) with its words. */
static bool put_link(struct update *u, const struct pdf_file *p, const struct struct_elem *e,
		     const char *words)
{
	const char *objr = memmem(e->text, e->len, "/Obj ", 5);
	long annot = objr ? strtol(objr + 5, NULL, 10) : -1;
	size_t len;
	char *text = annot > 0 ? read_object(p, annot, &len) : NULL;
	if (!text || !memmem(text, len, "/Subtype /Link", 14)) {
		free(text);
		return false;
	}
	bool ok = put_with(u, annot, text, len, "/Contents", words && *words ? words : "Link");
	free(text);
	return ok;
}

static bool put_elems(struct update *u, const struct pdf_file *p, const struct pdf_amendments *a)
{
	size_t n;
	struct struct_elem *elems = find_elems(p, &n);
	size_t figures = 0, links = 0, headers = 0;
	for (size_t i = 0; i < n; i++) {
		figures += elems[i].kind == ELEM_FIGURE;
		links += elems[i].kind == ELEM_LINK;
		headers += elems[i].kind == ELEM_TH;
	}
	/* else cairo wrote what we do not know */
	bool ok = figures == a->n_figures && links == a->n_links && headers == a->n_headers;
	figures = links = headers = 0;
	for (size_t i = 0; ok && i < n; i++) {
		const struct struct_elem *e = &elems[i];
		switch (e->kind) {
		case ELEM_FIGURE: {
			const char *alt = a->figure_alts[figures++];
			if (alt)
				ok = put_with(u, e->obj, e->text, e->len, "/Alt", alt);
			break;
		}
		case ELEM_LINK:
			ok = put_link(u, p, e, a->link_texts[links++]);
			break;
		case ELEM_TH:
			ok = put_header_cell(u, e, a->header_attrs[headers++]);
			break;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(elems[i].text);
	free(elems);
	return ok && u->ok;
}

static int by_object(const void *a, const void *b)
{
	const struct xref_entry *x = a, *y = b;
	return x->obj < y->obj ? -1 : x->obj > y->obj;
}

/* The cross-reference section of the update, a subsection a run of
 * consecutive objects, and the trailer. */
static void put_xref(struct update *u, const struct pdf_file *p)
{
	qsort(u->xref, u->n_xref, sizeof *u->xref, by_object);
	struct strbuf b = { 0 };
	long xref_at = u->end;
	strbuf_adds(&b, "xref\n0 1\n0000000000 65535 f \n");
	for (size_t i = 0; i < u->n_xref;) {
		size_t k = i + 1;
		while (k < u->n_xref && u->xref[k].obj == u->xref[k - 1].obj + 1)
			k++;
		strbuf_printf(&b, "%ld %zu\n", u->xref[i].obj, k - i);
		for (; i < k; i++)
			strbuf_printf(&b, "%010ld 00000 n \n", u->xref[i].offset);
	}
	strbuf_printf(&b, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", u->next_obj, p->root);
	if (p->info >= 0)
		strbuf_printf(&b, "   /Info %ld 0 R\n", p->info);
	strbuf_printf(&b, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", p->xref, xref_at);
	u->ok = u->ok && fseek(u->f, u->end, SEEK_SET) == 0 &&
		fwrite(b.data, 1, b.len, u->f) == b.len && fflush(u->f) == 0;
	strbuf_free(&b);
}

bool pdf_amend(FILE *f, const struct pdf_amendments *a)
{
	struct pdf_file p;
	if (!open_pdf(&p, f))
		return false;
	size_t len;
	char *catalog = read_object(&p, p.root, &len);
	const char *dict;
	size_t dict_len;
	if (!catalog || !dictionary_body(catalog, len, &dict, &dict_len)) {
		free(catalog);
		return false;
	}
	size_t n_pages = 0;
	long *pages = page_list(&p, value_of(dict, dict_len, "/Pages "), &n_pages);
	if (!pages) {
		free(catalog);
		return false;
	}
	struct update u = { .f = f, .end = p.len, .next_obj = p.n_objects, .ok = true };
	long metadata = u.next_obj++;
	struct strbuf c = { 0 };
	strbuf_printf(&c, "\n%ld 0 obj\n", p.root);
	strbuf_add(&c, dict, dict_len);
	/* what cairo wrote itself (some versions mark the PDF) stays as it is */
	if (!memmem(dict, dict_len, "/MarkInfo", 9))
		strbuf_adds(&c, "   /MarkInfo << /Marked true >>\n");
	if (!memmem(dict, dict_len, "/Lang", 5))
		strbuf_printf(&c, "   /Lang (%s)\n", a->lang ? a->lang : "en-GB");
	if (!memmem(dict, dict_len, "/ViewerPreferences", 18))
		strbuf_adds(&c, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
	if (a->n_pages && !memmem(dict, dict_len, "/PageLabels", 11))
		add_page_labels(&c, a);
	strbuf_printf(&c, "   /Metadata %ld 0 R\n>>\nendobj\n", metadata);
	/* the catalog's entry points past the blank line that parts the update */
	u.end += 1;
	put_object(&u, p.root, c.data + 1, c.len - 1);
	u.ok = u.ok && fseek(f, p.len, SEEK_SET) == 0 && fputc('\n', f) == '\n';
	strbuf_free(&c);
	put_metadata(&u, metadata, a);
	bool ok = put_pages(&u, &p, pages, n_pages) && put_elems(&u, &p, a);
	if (ok)
		put_xref(&u, &p);
	free(u.xref);
	free(pages);
	free(catalog);
	return ok && u.ok;
}
