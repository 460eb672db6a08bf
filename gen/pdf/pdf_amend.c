/* pdf_amend.c - the incremental update of pdf_amend.h. The PDF is read back
 * only where needed (trailer, cairo's cross-reference table, the catalog, the
 * page tree, and one pass for the figures' structure elements), never held
 * whole, so a document of thousands of pages costs little memory. */
#define _GNU_SOURCE	/* memmem */
#include "pdf_amend.h"
#include "util.h"

#include <glib.h>

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

/* For every object number a page's index in the page tree (cairo writes one
 * flat /Pages), -1 for others. */
static long *page_indexes(const struct pdf_file *p, long pages_obj)
{
	size_t len;
	char *obj = read_object(p, pages_obj, &len);
	if (!obj)
		return NULL;
	const char *kids = memmem(obj, len, "/Kids", 5);
	if (!kids) {
		free(obj);
		return NULL;
	}
	long *index = xmalloc((size_t)p->n_objects * sizeof *index);
	for (long i = 0; i < p->n_objects; i++)
		index[i] = -1;
	const char *s = memchr(kids, '[', len - (size_t)(kids - obj));
	for (long page = 0; s && *s != ']';) {
		s++;
		s += strspn(s, " \n\r");
		if (*s < '0' || *s > '9')
			break;
		char *end;
		long ref = strtol(s, &end, 10);
		if (ref > 0 && ref < p->n_objects)
			index[ref] = page++;
		s = strchr(end, 'R');	/* past "0 R" */
	}
	free(obj);
	return index;
}

struct figure_elem {
	long obj, page, mcid;
	char *text;		/* the object's text to its "endobj" */
	size_t len;
};

static int by_reading_order(const void *a, const void *b)
{
	const struct figure_elem *x = a, *y = b;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->mcid < y->mcid ? -1 : x->mcid > y->mcid;
}

/* Every /Figure structure element, found in one pass over the file: cairo
 * writes each as "N 0 obj\n<< /Type /StructElem\n   /S /Figure ...". Content
 * streams are compressed, so the words appear nowhere else; each find is
 * confirmed against the cross-reference table all the same. */
static struct figure_elem *find_figures(const struct pdf_file *p, const long *page_index,
					size_t *count)
{
	static const char pattern[] = "<< /Type /StructElem\n   /S /Figure\n";
	/* chunks overlap by more than a header ("N 0 obj\n", at most 16 bytes
	 * before a find) and the pattern after it, so each find is whole in one */
	const size_t chunk = AMEND_CHUNK, overlap = 128, header = 16;
	char *buf = xmalloc(chunk + 1);
	struct figure_elem *found = NULL;
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
			const char *line = hit - 1;
			while (line > buf && line[-1] != '\n')
				line--;
			long obj = strtol(line, NULL, 10);
			if (object_offset(p, obj) != at + (line - buf))
				continue;
			struct figure_elem e = { .obj = obj };
			e.text = read_object(p, obj, &e.len);
			if (!e.text)
				continue;
			long pg = value_of(e.text, e.len, "/Pg ");
			e.page = pg > 0 && pg < p->n_objects ? page_index[pg] : -1;
			e.mcid = value_of(e.text, e.len, "/K ");
			if (n_found == cap) {
				cap = cap ? cap * 2 : 16;
				found = xrealloc(found, cap * sizeof *found);
			}
			found[n_found++] = e;
		}
	}
	free(buf);
	qsort(found, n_found, sizeof *found, by_reading_order);
	*count = n_found;
	return found;
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

struct xref_entry {
	long obj;
	size_t offset;
};

static int by_object(const void *a, const void *b)
{
	const struct xref_entry *x = a, *y = b;
	return x->obj < y->obj ? -1 : x->obj > y->obj;
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
	struct figure_elem *figures = NULL;
	size_t n_figures = 0;
	if (a->n_figures) {
		long *pages = page_indexes(&p, value_of(dict, dict_len, "/Pages "));
		if (!pages) {
			free(catalog);
			return false;
		}
		figures = find_figures(&p, pages, &n_figures);
		free(pages);
	}
	bool ok = n_figures == a->n_figures;	/* else cairo wrote what we do not know */

	struct strbuf add = { 0 };
	struct xref_entry *xref = xcalloc(n_figures + 1, sizeof *xref);
	size_t n_xref = 0;
	xref[n_xref++] = (struct xref_entry){ p.root, (size_t)p.len + 1 };
	strbuf_printf(&add, "\n%ld 0 obj\n", p.root);
	strbuf_add(&add, dict, dict_len);
	/* what cairo wrote itself (some versions mark the PDF) stays as it is */
	if (!memmem(dict, dict_len, "/MarkInfo", 9))
		strbuf_adds(&add, "   /MarkInfo << /Marked true >>\n");
	if (!memmem(dict, dict_len, "/Lang", 5))
		strbuf_printf(&add, "   /Lang (%s)\n", a->lang ? a->lang : "en-GB");
	if (!memmem(dict, dict_len, "/ViewerPreferences", 18))
		strbuf_adds(&add, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
	if (a->n_pages && !memmem(dict, dict_len, "/PageLabels", 11))
		add_page_labels(&add, a);
	strbuf_adds(&add, ">>\nendobj\n");
	for (size_t i = 0; ok && i < n_figures; i++) {
		const char *body;
		size_t body_len;
		if (!a->figure_alts[i] || !dictionary_body(figures[i].text, figures[i].len, &body,
							   &body_len))
			continue;
		xref[n_xref++] = (struct xref_entry){ figures[i].obj, (size_t)p.len + add.len };
		strbuf_printf(&add, "%ld 0 obj\n", figures[i].obj);
		strbuf_add(&add, body, body_len);
		strbuf_adds(&add, "   /Alt ");
		add_text_string(&add, a->figure_alts[i]);
		strbuf_adds(&add, "\n>>\nendobj\n");
	}
	qsort(xref, n_xref, sizeof *xref, by_object);
	size_t xref_at = (size_t)p.len + add.len;
	strbuf_adds(&add, "xref\n0 1\n0000000000 65535 f \n");
	for (size_t i = 0; i < n_xref; i++)
		strbuf_printf(&add, "%ld 1\n%010zu 00000 n \n", xref[i].obj, xref[i].offset);
	strbuf_printf(&add, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", p.n_objects, p.root);
	if (p.info >= 0)
		strbuf_printf(&add, "   /Info %ld 0 R\n", p.info);
	strbuf_printf(&add, "   /Prev %ld\n>>\nstartxref\n%zu\n%%%%EOF\n", p.xref, xref_at);
	ok = ok && fseek(f, 0, SEEK_END) == 0 && fwrite(add.data, 1, add.len, f) == add.len &&
	     fflush(f) == 0;
	strbuf_free(&add);
	free(xref);
	for (size_t i = 0; i < n_figures; i++)
		free(figures[i].text);
	free(figures);
	free(catalog);
	return ok;
}
