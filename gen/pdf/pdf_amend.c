/* pdf_amend.c - the incremental update of pdf_amend.h. The PDF is read back
 * only where needed (trailer, cairo's cross-reference table, the catalog, the
 * page tree, each page and its content stream in turn), never held whole,
 * and the update is written object by object as it is made, so a document of
 * thousands of pages costs little memory. */
#define _GNU_SOURCE	/* memmem */
#include "pdf_amend.h"
#include "util.h"

#include <glib.h>
#include <zlib.h>

#include <stdint.h>
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

/* What the content pass knows of the runs: the tree, the next mark's run,
 * and what it gives each run and page. With no tree, the whole stream is one
 * run of no element's. A page's runs follow the last page's, and those
 * given an MCID are given it in order, from 0 on each page: so a bit a run
 * and each page's first run say a run's page and MCID (run_page, run_mcid),
 * not 8 bytes a run (a 10,000-action plan's 213,000). */
struct runs {
	const struct pdf_tree *tree;
	size_t next;		/* the next mark's run */
	uint64_t *has_mcid;	/* a bit a run: it has an MCID */
	size_t *page_first;	/* each page's first run, and after the last */
	size_t n_pages;
	int *elems;		/* this page's MCIDs' elements */
	size_t n_mcids, cap_mcids;
	bool stray;		/* a mark with no run left */
};

/* The gap being read: content outside any marked content with an MCID (or
 * an artifact's), where it opens (-1: nothing painted yet) and where it
 * closes, and the run it is of (-1: no element's). */
struct gap {
	long open, close;
	long run;
};

static int run_element(const struct runs *r, long run)
{
	return r && r->tree && run >= 0 ? r->tree->runs[run] : -1;
}

static bool run_has_mcid(const struct runs *r, size_t run)
{
	return r->has_mcid[run / 64] >> (run % 64) & 1;
}

/* The page of a run, once every page's content is tagged. */
static size_t run_page(const struct runs *r, size_t run)
{
	return starts_index(r->page_first, r->n_pages, run);
}

/* A run's MCID on its page: the runs before it there with one. -1: none. */
static int run_mcid(const struct runs *r, size_t run, size_t page)
{
	if (!run_has_mcid(r, run))
		return -1;
	int mcid = 0;
	for (size_t k = r->page_first[page]; k < run; k++)
		mcid += run_has_mcid(r, k);
	return mcid;
}

static void close_gap(const unsigned char *in, size_t *copied, struct gap *g, struct strbuf *out,
		      struct runs *r)
{
	if (g->open >= 0) {
		strbuf_add(out, (const char *)in + *copied, (size_t)g->open - *copied);
		int e = run_element(r, g->run);
		if (e >= 0 && pdf_elem_leaf(r->tree, e) && !run_has_mcid(r, (size_t)g->run)) {
			if (r->n_mcids == r->cap_mcids) {
				r->cap_mcids = r->cap_mcids ? r->cap_mcids * 2 : 64;
				r->elems = xrealloc(r->elems, r->cap_mcids * sizeof *r->elems);
			}
			r->has_mcid[g->run / 64] |= (uint64_t)1 << (g->run % 64);
			r->elems[r->n_mcids] = e;
			strbuf_printf(out, "/%s << /MCID %zu >> BDC\n", pdf_elem_name(r->tree, e),
				      r->n_mcids++);
		} else if (e == PDF_RUN_HEADER || e == PDF_RUN_FOOTER) {
			strbuf_printf(out, "/Artifact << /Type /Pagination /Subtype /%s >> BDC\n",
				      e == PDF_RUN_HEADER ? "Header" : "Footer");
		} else {
			strbuf_adds(out, "/Artifact BMC\n");
		}
		strbuf_add(out, (const char *)in + g->open, (size_t)(g->close - g->open));
		strbuf_adds(out, "\nEMC\n");
		*copied = (size_t)g->close;
	}
	g->open = g->close = -1;
}

/* Whether the "re" at op (its operands from op_start) is a mark followed by
 * its "f"; *end is then past the "f". */
static bool is_mark(const unsigned char *in, size_t n, long op_start, size_t op, size_t *end)
{
	static const char operands[] = "1 1 1 1 re";
	size_t k = sizeof operands - 1;
	if (op + 2 - (size_t)op_start != k || memcmp(in + op_start, operands, k) != 0)
		return false;
	size_t i = op + 2;
	while (i < n && is_space(in[i]))
		i++;
	if (i >= n || in[i] != 'f' || (i + 1 < n && !is_space(in[i + 1])))
		return false;
	*end = i + 1;
	return true;
}

/* The content stream in (n bytes, uncompressed) appended to out, each mark
 * taken out and the run after it tagged (r; NULL: no runs), and every other
 * painting operator outside marked content that has an MCID wrapped in
 * "/Artifact BMC ... EMC", each run of them at once. */
static void tag_content(const unsigned char *in, size_t n, struct strbuf *out, struct runs *r)
{
	/* the marked-content stack: whether each sequence is structure (it has
	 * an MCID, or is an artifact already) or not (cairo's ActualText spans) */
	bool *structure = NULL;
	size_t depth = 0, cap = 0, structural = 0;
	struct gap gap = { -1, -1, -1 };
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
				size_t mark_end;
				if (r && r->tree && !in_text && object < 0 && op_is(op, len, "re") &&
				    is_mark(in, n, op_start, start, &mark_end)) {
					/* a run ends, its mark is taken out, the next begins */
					close_gap(in, &copied, &gap, out, r);
					strbuf_add(out, (const char *)in + copied,
						   (size_t)op_start - copied);
					copied = i = mark_end;
					if (r->next < r->tree->n_runs)
						gap.run = (long)r->next++;
					else
						r->stray = true, gap.run = -1;
					continue;
				}
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
						close_gap(in, &copied, &gap, out, r);
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
	close_gap(in, &copied, &gap, out, r);
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

/* Where each object of the update starts, by its number: 4 bytes an object
 * number, 0 for one the update leaves as it is (an offset in the update is
 * never 0: the update follows the file). Sized once for every number the
 * update may give (a 10,000-action plan's 150,000), so neither growing it
 * nor sorting it ever holds a second copy, and put_object refuses a file
 * past 4 GiB, which no page limit allows. */
struct update {
	FILE *f;
	long end;		/* where the next object goes */
	uint32_t *offsets;	/* of object i, 0: not in the update */
	long n_offsets;		/* object numbers the update may use */
	long next_obj;		/* the next new object's number */
	bool ok;
};

/* Appends object obj (its text from "N 0 obj" to "endobj\n"). */
static void put_object(struct update *u, long obj, const char *text, size_t len)
{
	if (!u->ok)
		return;
	if (obj <= 0 || obj >= u->n_offsets || u->end <= 0 || u->end > UINT32_MAX) {
		u->ok = false;
		return;
	}
	u->offsets[obj] = (uint32_t)u->end;
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

/* A content stream anew, its runs tagged and its artifacts marked,
 * Flate-compressed. */
static bool put_content(struct update *u, const struct pdf_file *p, long obj, struct runs *r)
{
	char *dict;
	unsigned char *data;
	size_t len;
	if (!read_stream(p, obj, &dict, &data, &len))
		return false;
	struct strbuf marked = { 0 };
	tag_content(data, len, &marked, r);
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

/* A string as cairo writes a destination's name, so that a link's /Dest is
 * the same string as the name tree's: printable ASCII literally, anything
 * else as UTF-16. */
static void add_name_string(struct strbuf *b, const char *s)
{
	for (const unsigned char *c = (const unsigned char *)s; *c; c++)
		if (*c < 32 || *c > 126) {
			add_text_string(b, s);
			return;
		}
	strbuf_addc(b, '(');
	for (; *s; s++) {
		if (*s == '(' || *s == ')' || *s == '\\')
			strbuf_addc(b, '\\');
		strbuf_addc(b, *s);
	}
	strbuf_addc(b, ')');
}

/* The object numbers the update gives what it adds. */
struct numbering {
	long root, parent_tree;	/* the StructTreeRoot and its ParentTree */
	long elems;		/* element i is elems + i */
	long annots;		/* link k's annotation is annots + k */
	long *page_arrays;	/* each page's MCIDs' elements (0: none) */
};

/* A link's annotation: where, whither, its words, its key in the ParentTree. */
static void put_annotation(struct update *u, const struct numbering *num, size_t k,
			   const struct pdf_link *l, size_t n_pages)
{
	struct strbuf o = { 0 };
	strbuf_printf(&o, "%ld 0 obj\n<< /Type /Annot\n   /Subtype /Link\n"
		      "   /Rect [%.2f %.2f %.2f %.2f]\n   /BS << /W 0 >>\n   /StructParent %zu\n",
		      num->annots + (long)k, l->x1, l->y1, l->x2, l->y2, n_pages + k);
	strbuf_adds(&o, "   /Contents ");
	add_text_string(&o, l->words && *l->words ? l->words : "Link");
	if (l->target[0] == '#') {
		strbuf_adds(&o, "\n   /Dest ");
		add_name_string(&o, l->target + 1);
	} else {
		strbuf_adds(&o, "\n   /A << /S /URI /URI ");
		add_name_string(&o, l->target);	/* URL-encoded: ASCII */
		strbuf_adds(&o, " >>");
	}
	strbuf_adds(&o, "\n>>\nendobj\n");
	put_object(u, num->annots + (long)k, o.data, o.len);
	strbuf_free(&o);
}

/* Each page with /Tabs /S, its /StructParents and its links' annotations,
 * and its content with its runs tagged and its artifacts marked; each page's
 * array of its MCIDs' elements, for the ParentTree. */
static bool put_pages(struct update *u, const struct pdf_file *p, const long *pages,
		      size_t n_pages, const struct pdf_amendments *a, struct numbering *num,
		      struct runs *r)
{
	size_t link = 0;
	for (size_t i = 0; i < n_pages && u->ok; i++) {
		size_t len;
		char *page = read_object(p, pages[i], &len);
		const char *body;
		size_t body_len;
		if (!page || !dictionary_body(page, len, &body, &body_len) ||
		    memmem(body, body_len, "/Annots", 7) || memmem(body, body_len, "/StructParents", 14)) {
			free(page);
			return false;	/* cairo wrote what we do not know */
		}
		long contents = value_of(body, body_len, "/Contents ");
		bool one = contents > 0 && !memmem(body, body_len, "/Contents [", 11);
		r->page_first[i] = r->next;
		r->n_mcids = 0;
		if (!one || !put_content(u, p, contents, r)) {
			free(page);
			return false;
		}
		struct strbuf o = { 0 };
		strbuf_printf(&o, "%ld 0 obj\n", pages[i]);
		strbuf_add(&o, body, body_len);
		if (!memmem(body, body_len, "/Tabs", 5))
			strbuf_adds(&o, "\n   /Tabs /S");
		if (r->n_mcids)	/* its key in the ParentTree */
			strbuf_printf(&o, "\n   /StructParents %zu", i);
		size_t first = link;
		while (link < a->n_links && a->links[link].page == i)
			link++;
		if (link > first) {
			strbuf_adds(&o, "\n   /Annots [");
			for (size_t k = first; k < link; k++)
				strbuf_printf(&o, " %ld 0 R", num->annots + (long)k);
			strbuf_adds(&o, " ]");
		}
		strbuf_adds(&o, "\n>>\nendobj\n");
		put_object(u, pages[i], o.data, o.len);
		strbuf_free(&o);
		free(page);
		for (size_t k = first; k < link; k++)
			put_annotation(u, num, k, &a->links[k], n_pages);
		if (r->n_mcids) {
			num->page_arrays[i] = u->next_obj++;
			strbuf_printf(&o, "%ld 0 obj\n[", num->page_arrays[i]);
			for (size_t m = 0; m < r->n_mcids; m++)
				strbuf_printf(&o, "%s%ld 0 R", m % 8 ? " " : "\n ",
					      num->elems + r->elems[m]);
			strbuf_adds(&o, "\n]\nendobj\n");
			put_object(u, num->page_arrays[i], o.data, o.len);
			strbuf_free(&o);
		}
	}
	r->page_first[n_pages] = r->next;
	/* every link on a page, every mark a run */
	return u->ok && link == a->n_links && !r->stray && (!a->tree || r->next == a->tree->n_runs);
}

/* ---------- structure elements ---------- */

/* A TH's attributes ("Column", "Row", "Column ColSpan 3"). */
static bool add_header_attrs(struct strbuf *o, const char *spec)
{
	char scope[16] = "", span_key[16] = "";
	int span = 0;
	if (!spec || sscanf(spec, "%15s %15s %d", scope, span_key, &span) < 1 ||
	    (strcmp(scope, "Column") != 0 && strcmp(scope, "Row") != 0 &&
	     strcmp(scope, "Both") != 0))
		return false;
	strbuf_printf(o, "\n   /A << /O /Table /Scope /%s", scope);
	if (span > 1 && (strcmp(span_key, "ColSpan") == 0 || strcmp(span_key, "RowSpan") == 0))
		strbuf_printf(o, " /%s %d", span_key, span);
	strbuf_adds(o, " >>");
	return true;
}

/* A walk over one element's kids, in order (struct pdf_elem says where
 * they are). */
struct kids {
	const struct pdf_tree *tree;
	int elem;
	int child;		/* the next kid that is an element, if before end_elem */
	int run;		/* where to look for the next run of elem's */
};

static struct kids kids_of(const struct pdf_tree *t, int elem)
{
	return (struct kids){ t, elem, elem + 1, t->elems[elem].first_run };
}

/* The next kid: an element (>= 0) or run -1 - what; false after the last. */
static bool next_kid(struct kids *k, int *what)
{
	const struct pdf_elem *e = &k->tree->elems[k->elem];
	while (k->run < e->end_run && k->tree->runs[k->run] != k->elem)
		k->run++;
	bool child = k->child < e->end_elem;
	bool run = k->run < e->end_run;
	/* an element begun before a run's mark comes before the run */
	if (child && (!run || k->tree->elems[k->child].first_run <= k->run)) {
		*what = k->child;
		k->child = k->tree->elems[k->child].end_elem;	/* past its own kids */
		return true;
	}
	if (run) {
		*what = -1 - k->run++;
		return true;
	}
	return false;
}

/* How far put_elem has read what the painter said of elements, each in the
 * tree's order. */
struct said_of {
	size_t figures, links, headers, langs;
};

/* Element i: its kids, its page (that of its first MCID, or its link's), and
 * what the painter said of it (a figure's words, a header cell's scope, a
 * language not the document's). */
static bool put_elem(struct update *u, const struct pdf_amendments *a, const struct numbering *num,
		     const struct runs *r, const long *pages, size_t i, struct said_of *said)
{
	const struct pdf_tree *t = a->tree;
	const struct pdf_elem *e = &t->elems[i];
	const char *name = pdf_elem_name(t, (int)i);
	long pg = -1;
	const struct pdf_link *link = NULL;
	if (strcmp(name, "Link") == 0) {
		/* the painter's links are its Link elements, in order */
		if (said->links >= a->n_links || a->links[said->links].elem != (int)i)
			return false;
		link = &a->links[said->links++];
		pg = pages[link->page];
	}
	struct kids kids = kids_of(t, (int)i);
	int w;
	while (pg < 0 && next_kid(&kids, &w)) {
		if (w < 0 && run_has_mcid(r, (size_t)(-1 - w)))
			pg = pages[run_page(r, (size_t)(-1 - w))];
	}
	struct strbuf o = { 0 };
	strbuf_printf(&o, "%ld 0 obj\n<< /Type /StructElem\n   /S /%s\n   /P %ld 0 R", num->elems +
		      (long)i, name, e->parent >= 0 ? num->elems + e->parent : num->root);
	if (pg >= 0)
		strbuf_printf(&o, "\n   /Pg %ld 0 R", pg);
	strbuf_adds(&o, "\n   /K [");
	if (link)
		strbuf_printf(&o, " << /Type /OBJR /Obj %ld 0 R >>",
			      num->annots + (long)(link - a->links));
	kids = kids_of(t, (int)i);
	while (next_kid(&kids, &w)) {
		if (w >= 0) {
			strbuf_printf(&o, " %ld 0 R", num->elems + w);
			continue;
		}
		size_t run = (size_t)(-1 - w);
		if (!run_has_mcid(r, run))
			continue;	/* an artifact, or nothing painted */
		size_t on_page = run_page(r, run);
		int mcid = run_mcid(r, run, on_page);
		long on = pages[on_page];
		if (on == pg)
			strbuf_printf(&o, " %d", mcid);
		else
			strbuf_printf(&o, " << /Type /MCR /Pg %ld 0 R /MCID %d >>", on, mcid);
	}
	strbuf_adds(&o, " ]");
	if (said->langs < t->n_langs && t->langs[said->langs].elem == (int)i) {
		strbuf_adds(&o, "\n   /Lang ");
		add_text_string(&o, t->langs[said->langs++].lang);
	}
	bool ok = true;
	if (strcmp(name, "Figure") == 0) {
		ok = said->figures < a->n_figures;
		const char *alt = ok ? a->figure_alts[said->figures++] : NULL;
		if (alt) {
			strbuf_adds(&o, "\n   /Alt ");
			add_text_string(&o, alt);
		}
	} else if (strcmp(name, "TH") == 0) {
		ok = said->headers < a->n_headers &&
		     add_header_attrs(&o, a->header_attrs[said->headers++]);
	}
	strbuf_adds(&o, "\n>>\nendobj\n");
	if (ok)
		put_object(u, num->elems + (long)i, o.data, o.len);
	strbuf_free(&o);
	return ok;
}

/* The StructTreeRoot, its ParentTree and every element. */
static bool put_tree(struct update *u, const struct pdf_amendments *a, const struct numbering *num,
		     const struct runs *r, const long *pages, size_t n_pages)
{
	const struct pdf_tree *t = a->tree;
	struct said_of said = { 0 };
	for (size_t i = 0; i < t->n_elems && u->ok; i++)
		if (!put_elem(u, a, num, r, pages, i, &said))
			return false;
	if (said.figures != a->n_figures || said.links != a->n_links ||
	    said.headers != a->n_headers || said.langs != t->n_langs)
		return false;	/* the painter said of elements the tree has not */
	struct strbuf o = { 0 };
	strbuf_printf(&o, "%ld 0 obj\n<< /Type /StructTreeRoot\n   /K [", num->root);
	for (size_t i = 0; i < t->n_elems; i++)
		if (t->elems[i].parent < 0)
			strbuf_printf(&o, " %ld 0 R", num->elems + (long)i);
	strbuf_printf(&o, " ]\n   /ParentTree %ld 0 R\n   /ParentTreeNextKey %zu\n>>\nendobj\n",
		      num->parent_tree, n_pages + a->n_links);
	put_object(u, num->root, o.data, o.len);
	o.len = 0;
	/* the ParentTree: each page's array, then each annotation's element */
	strbuf_printf(&o, "%ld 0 obj\n<< /Nums [", num->parent_tree);
	for (size_t i = 0; i < n_pages; i++)
		if (num->page_arrays[i])
			strbuf_printf(&o, "\n %zu %ld 0 R", i, num->page_arrays[i]);
	for (size_t k = 0; k < a->n_links; k++)
		strbuf_printf(&o, "\n %zu %ld 0 R", n_pages + k, num->elems + a->links[k].elem);
	strbuf_adds(&o, "\n] >>\nendobj\n");
	put_object(u, num->parent_tree, o.data, o.len);
	strbuf_free(&o);
	return u->ok;
}

/* The cross-reference section of the update, a subsection a run of
 * consecutive objects, and the trailer: written as it is made (20 bytes an
 * object, 4 MB for a 10,000-action plan's, which as one text was the peak
 * of rendering it). */
static void put_xref(struct update *u, const struct pdf_file *p)
{
	FILE *f = u->f;
	long xref_at = u->end;
	if (!u->ok || fseek(f, xref_at, SEEK_SET) != 0) {
		u->ok = false;
		return;
	}
	fputs("xref\n0 1\n0000000000 65535 f \n", f);
	for (long i = 1; i < u->n_offsets;) {
		if (!u->offsets[i]) {
			i++;
			continue;
		}
		long k = i + 1;
		while (k < u->n_offsets && u->offsets[k])
			k++;
		fprintf(f, "%ld %ld\n", i, k - i);
		for (; i < k; i++)
			fprintf(f, "%010ld 00000 n \n", (long)u->offsets[i]);
	}
	fprintf(f, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", u->next_obj, p->root);
	if (p->info >= 0)
		fprintf(f, "   /Info %ld 0 R\n", p->info);
	fprintf(f, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", p->xref, xref_at);
	u->ok = fflush(f) == 0 && !ferror(f);
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
	if (!catalog || !dictionary_body(catalog, len, &dict, &dict_len) ||
	    (a->tree && memmem(dict, dict_len, "/StructTreeRoot", 15)) ||
	    (!a->tree && (a->n_figures || a->n_links || a->n_headers))) {
		free(catalog);
		return false;
	}
	size_t n_pages = 0;
	long *pages = page_list(&p, value_of(dict, dict_len, "/Pages "), &n_pages);
	if (!pages || (a->n_pages && a->n_pages != n_pages)) {
		free(pages);
		free(catalog);
		return false;
	}
	struct update u = { .f = f, .end = p.len, .next_obj = p.n_objects, .ok = true };
	long metadata = u.next_obj++;
	struct numbering num = { .page_arrays = xcalloc(n_pages + 1, sizeof *num.page_arrays) };
	size_t n_runs = a->tree ? a->tree->n_runs : 0;
	struct runs r = { .tree = a->tree, .has_mcid = xcalloc(n_runs / 64 + 1, sizeof *r.has_mcid),
			  .page_first = xcalloc(n_pages + 1, sizeof *r.page_first),
			  .n_pages = n_pages };
	if (a->tree) {
		num.root = u.next_obj++;
		num.parent_tree = u.next_obj++;
		num.elems = u.next_obj;
		u.next_obj += (long)a->tree->n_elems;
		num.annots = u.next_obj;
		u.next_obj += (long)a->n_links;
	}
	/* and at most one array of MCIDs' elements a page (put_pages) */
	u.n_offsets = u.next_obj + (long)n_pages;
	u.offsets = xcalloc((size_t)u.n_offsets, sizeof *u.offsets);
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
	if (a->tree)
		strbuf_printf(&c, "   /StructTreeRoot %ld 0 R\n", num.root);
	strbuf_printf(&c, "   /Metadata %ld 0 R\n>>\nendobj\n", metadata);
	/* the catalog's entry points past the blank line that parts the update */
	u.end += 1;
	put_object(&u, p.root, c.data + 1, c.len - 1);
	u.ok = u.ok && fseek(f, p.len, SEEK_SET) == 0 && fputc('\n', f) == '\n';
	strbuf_free(&c);
	put_metadata(&u, metadata, a);
	bool ok = put_pages(&u, &p, pages, n_pages, a, &num, &r) &&
		  (!a->tree || put_tree(&u, a, &num, &r, pages, n_pages));
	if (ok)
		put_xref(&u, &p);
	free(r.has_mcid);
	free(r.page_first);
	free(r.elems);
	free(num.page_arrays);
	free(u.offsets);
	free(pages);
	free(catalog);
	return ok && u.ok;
}
