/* diag.c - collecting and printing diagnostics in the compiler-like form
 * "file:line:col: error: message" that editors and CI logs understand. */
#include "diag.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DIAG_DEFAULT_MAX = 1000 };

/* A diagnostic of level counted in d, and the place for it in d's list;
 * NULL past the list's limit (it is counted, not kept). */
static struct diag *room_for(struct diags *d, enum diag_level level)
{
	size_t max = d->max ? d->max : DIAG_DEFAULT_MAX;
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	if (d->n >= max) {
		d->truncated = true;
		return NULL;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->list = xrealloc(d->list, d->cap * sizeof *d->list);
	}
	return &d->list[d->n++];
}

void diag_add(struct diags *d, enum diag_level level, struct pos pos,
	      const char *fmt, ...)
{
	struct diag *room = room_for(d, level);
	if (!room)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *msg = xmalloc((size_t)(n < 0 ? 0 : n) + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	va_end(ap);
	/* the name is copied: diagnostics outlive the stage (and arena) that
	 * found them, and are printed at the very end */
	if (pos.file)
		pos.file = xstrdup(pos.file);
	*room = (struct diag){ level, pos, msg };
}

/* The length of the UTF-8 sequence at s that is a printable character, or 0
 * for a control character or a byte that starts no valid sequence. */
static size_t printable_at(const unsigned char *s)
{
	unsigned char c = s[0];
	if (c < 0x20 || c == 0x7F)
		return 0;
	if (c < 0x80)
		return 1;
	size_t need = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
	if (!need)
		return 0;
	unsigned long cp = need == 1 ? c & 0x1F : need == 2 ? c & 0x0F : c & 0x07;
	for (size_t k = 1; k <= need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3F);
	}
	static const unsigned long least[] = { 0, 0x80, 0x800, 0x10000 };
	if (cp < least[need] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
	    (cp >= 0x80 && cp <= 0x9F))
		return 0;
	return need + 1;
}

static void add_escaped(struct strbuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = printable_at(p);
		if (n) {
			strbuf_add(b, (const char *)p, n);
			p += n;
			continue;
		}
		char esc[5] = { '\\', 'x', hex[*p >> 4], hex[*p & 15], '\0' };
		if (*p == '\n' || *p == '\t' || *p == '\r')
			esc[1] = *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r', esc[2] = '\0';
		strbuf_adds(b, esc);
		p++;
	}
	if (!b->data)
		strbuf_add(b, "", 0);
}

char *diag_escape(const char *s)
{
	struct strbuf b = { 0 };
	add_escaped(&b, s ? s : "");
	return b.data;
}

void diag_write_escaped(void *stream, const char *s)
{
	char *e = diag_escape(s);
	fputs(e, stream);
	free(e);
}

void diags_print(struct diags *d, void *stream, bool strict)
{
	diags_print_counted(d, stream, strict, NULL, NULL);
}

void diags_print_counted(struct diags *d, void *stream, bool strict, size_t *errors,
			 size_t *warnings)
{
	size_t n_errors = 0, n_warnings = 0;
	FILE *out = stream;
	size_t n = d->n;
	struct diag *sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	if (n)
		memcpy(sorted, d->list, n * sizeof *sorted);
	/* A stable insertion sort: problems at one place keep the order found. */
	for (size_t i = 1; i < n; i++) {
		struct diag key = sorted[i];
		size_t j = i;
		while (j > 0) {
			struct diag *prev = &sorted[j - 1];
			int c = strcmp(prev->pos.file ? prev->pos.file : "",
				       key.pos.file ? key.pos.file : "");
			if (c < 0 || (c == 0 && (prev->pos.line < key.pos.line ||
				   (prev->pos.line == key.pos.line &&
				    prev->pos.col <= key.pos.col))))
				break;
			sorted[j] = sorted[j - 1];
			j--;
		}
		sorted[j] = key;
	}
	for (size_t i = 0; i < n; i++) {
		const struct diag *g = &sorted[i];
		/* one problem found twice (an overdue action repeated by an alias
		 * is derived twice) is printed once: the same words at the same
		 * place sort together */
		bool again = false;
		for (size_t j = i; j-- > 0 && !again;) {
			const struct diag *p = &sorted[j];
			if (p->pos.line != g->pos.line || p->pos.col != g->pos.col ||
			    strcmp(p->pos.file ? p->pos.file : "", g->pos.file ? g->pos.file : ""))
				break;
			again = p->level == g->level && strcmp(p->message, g->message) == 0;
		}
		if (again)
			continue;
		const char *word = g->level == DIAG_ERROR ? "error" :
				   strict ? "error" : "warning";
		if (word[0] == 'e')
			n_errors++;
		else
			n_warnings++;
		/* one line each, whatever a file is called or a message quotes */
		char *file = g->pos.file ? diag_escape(g->pos.file) : NULL;
		char *message = diag_escape(g->message);
		if (file && g->pos.line > 0 && g->pos.col > 0)
			fprintf(out, "%s:%d:%d: %s: %s\n", file, g->pos.line, g->pos.col, word,
				message);
		else if (file && g->pos.line > 0)	/* templates: no column */
			fprintf(out, "%s:%d: %s: %s\n", file, g->pos.line, word, message);
		else if (file)
			fprintf(out, "%s: %s: %s\n", file, word, message);
		else
			fprintf(out, "planpress: %s: %s\n", word, message);
		free(file);
		free(message);
	}
	if (d->truncated)
		fprintf(out, "planpress: too many problems; only the first %zu are shown\n", n);
	free(sorted);
	if (errors)
		*errors = n_errors;
	if (warnings)
		*warnings = n_warnings;
}

void diags_print_summary(void *stream, size_t errors, size_t warnings, size_t files)
{
	FILE *out = stream;
	const char *of = files == 1 ? "file" : "files";
	if (!errors && !warnings)
		fprintf(out, "no problems in %zu %s\n", files, of);
	else if (!warnings)
		fprintf(out, "%zu error%s in %zu %s\n", errors, errors == 1 ? "" : "s", files, of);
	else if (!errors)
		fprintf(out, "%zu warning%s in %zu %s\n", warnings, warnings == 1 ? "" : "s", files,
			of);
	else
		fprintf(out, "%zu error%s and %zu warning%s in %zu %s\n", errors,
			errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s", files, of);
}

size_t diags_error_count(const struct diags *d, bool strict)
{
	return d->errors + (strict ? d->warnings : 0);
}

void diags_append(struct diags *into, struct diags *from)
{
	for (size_t i = 0; i < from->n; i++) {
		struct diag *g = &from->list[i];
		struct diag *room = room_for(into, g->level);
		if (room) {
			*room = *g;
		} else {
			free(g->message);
			free((char *)g->pos.file);
		}
	}
	from->n = 0;
	diags_free(from);
}

void diags_free(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->list[i].message);
		free((char *)d->list[i].pos.file);
	}
	free(d->list);
	memset(d, 0, sizeof *d);
}
