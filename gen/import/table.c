/* table.c - the tables import reads into: building them within the limits,
 * messages that name the sheet and cell, text made safe for YAML, and the RAG
 * a cell's fill colour stands for. */
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *column_letters(size_t col, char *buf, size_t size)
{
	char rev[16];
	size_t n = 0;
	while (col > 0 && n < sizeof rev) {
		col--;
		rev[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	size_t i = 0;
	for (; i < n && i + 1 < size; i++)
		buf[i] = rev[n - 1 - i];
	buf[i] = '\0';
	return buf;
}

const char *import_place(const struct import_source *s, const struct import_table *t,
			 unsigned row, size_t col, char *buf, size_t size)
{
	char letters[16];
	if (!t)
		snprintf(buf, size, "%s", s->name);
	else if (s->kind == SOURCE_CSV && row && col)
		snprintf(buf, size, "%s:%u:%zu", s->name, row, col);
	else if (s->kind == SOURCE_CSV && row)
		snprintf(buf, size, "%s:%u", s->name, row);
	else if (s->kind == SOURCE_CSV)
		snprintf(buf, size, "%s", s->name);
	else if (row && col)
		snprintf(buf, size, "%s:%s!%s%u", s->name, t->name,
			 column_letters(col, letters, sizeof letters), row);
	else if (row)
		snprintf(buf, size, "%s:%s!%u:%u", s->name, t->name, row, row);
	else
		snprintf(buf, size, "%s:%s", s->name, t->name);
	return buf;
}

static void say(struct import_source *s, const char *level, const struct import_table *t,
		unsigned row, size_t col, const char *fmt, va_list ap)
{
	char place[512];
	fprintf(stderr, "%s: %s: ", import_place(s, t, row, col, place, sizeof place), level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void import_error(struct import_source *s, const struct import_table *t, unsigned row,
		  size_t col, const char *fmt, ...)
{
	s->errors++;
	if (s->silent)
		return;
	va_list ap;
	va_start(ap, fmt);
	say(s, "error", t, row, col, fmt, ap);
	va_end(ap);
}

void import_warning(struct import_source *s, const struct import_table *t, unsigned row,
		    size_t col, const char *fmt, ...)
{
	s->warnings++;
	if (s->quiet_warnings || s->silent)
		return;
	va_list ap;
	va_start(ap, fmt);
	say(s, "warning", t, row, col, fmt, ap);
	va_end(ap);
}

struct import_table *source_add_table(struct import_source *s, const char *name)
{
	if (s->n_tables == IMPORT_MAX_TABLES) {
		import_error(s, NULL, 0, 0, "more than %d tables: planpress imports at most %d "
			     "(IMPORT_MAX_TABLES)", IMPORT_MAX_TABLES, IMPORT_MAX_TABLES);
		return NULL;
	}
	s->tables = xrealloc(s->tables, (s->n_tables + 1) * sizeof *s->tables);
	struct import_table *t = &s->tables[s->n_tables++];
	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	return t;
}

bool import_add_row(struct import_source *s, struct import_table *t, unsigned source_row)
{
	if (s->rows_read >= IMPORT_MAX_ROWS) {
		import_error(s, t, source_row, 1, "more than %d rows: planpress imports at most "
			     "%d rows from one file (IMPORT_MAX_ROWS); split it into several plans",
			     IMPORT_MAX_ROWS, IMPORT_MAX_ROWS);
		return false;
	}
	if (t->n_rows == t->cap_rows) {
		t->cap_rows = t->cap_rows ? t->cap_rows * 2 : 16;
		t->rows = xrealloc(t->rows, t->cap_rows * sizeof *t->rows);
	}
	struct import_row *r = &t->rows[t->n_rows++];
	r->cells = xcalloc(t->n_cols ? t->n_cols : 1, sizeof *r->cells);
	/* cells past the table's width so far are added by table_cell */
	for (size_t i = 0; i < t->n_cols; i++)
		r->cells[i] = (struct import_cell){ .span = 1 };
	r->source_row = source_row;
	s->rows_read++;
	return true;
}

/* Rows keep n_cols cells each; widening the table widens every row. */
static void widen(struct import_table *t, size_t n_cols)
{
	for (size_t i = 0; i < t->n_rows; i++) {
		struct import_row *r = &t->rows[i];
		r->cells = xrealloc(r->cells, n_cols * sizeof *r->cells);
		for (size_t c = t->n_cols; c < n_cols; c++)
			r->cells[c] = (struct import_cell){ .span = 1 };
	}
	t->n_cols = n_cols;
}

struct import_cell *table_cell(struct import_source *s, struct import_table *t, size_t col)
{
	if (!t->n_rows)
		return NULL;
	if (col >= IMPORT_MAX_COLUMNS) {
		struct import_row *r = &t->rows[t->n_rows - 1];
		/* said once a table, at the first cell past the limit */
		if (!t->wide_warned) {
			char letters[16];
			t->wide_warned = true;
			import_warning(s, t, r->source_row, col + 1, "a table may have %d columns "
				       "(IMPORT_MAX_COLUMNS): what is in column %s and after is "
				       "not read", IMPORT_MAX_COLUMNS,
				       column_letters(IMPORT_MAX_COLUMNS + 1, letters, sizeof letters));
		}
		return NULL;
	}
	if (col >= t->n_cols)
		widen(t, col + 1);
	return &t->rows[t->n_rows - 1].cells[col];
}

void table_finish(struct import_table *t)
{
	/* rows are kept as wide as the table as they are made; a cell no
	 * reader wrote is empty */
	for (size_t r = 0; r < t->n_rows; r++)
		for (size_t c = 0; c < t->n_cols; c++)
			if (!t->rows[r].cells[c].text)
				t->rows[r].cells[c].text = xstrdup("");
}

bool row_is_empty(const struct import_table *t, const struct import_row *r)
{
	for (size_t c = 0; c < t->n_cols; c++)
		if (r->cells[c].text && r->cells[c].text[0])
			return false;
	return true;
}

/* Length of the UTF-8 sequence at p (of at most n bytes), 0 if invalid. */
static size_t utf8_length(const unsigned char *p, size_t n)
{
	if (p[0] < 0x80)
		return 1;
	size_t len = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 &&
		     p[0] < 0xE0 ? 2 : 0;
	if (!len || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if (len == 3 && p[0] == 0xE0 && p[1] < 0xA0)
		return 0;	/* overlong */
	if (len == 3 && p[0] == 0xED && p[1] >= 0xA0)
		return 0;	/* surrogate */
	if (len == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90)))
		return 0;
	return len;
}

char *clean_text(const char *text, size_t len, bool *dropped)
{
	const unsigned char *s = (const unsigned char *)text;
	char *out = xmalloc(len + 1);
	size_t o = 0;
	bool lost = false;
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		if (c == '\r') {
			out[o++] = '\n';
			i += i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		if (c < 0x20 && c != '\n' && c != '\t') {
			lost = true;
			i++;
			continue;
		}
		if (c == 0x7F) {
			lost = true;
			i++;
			continue;
		}
		size_t n = utf8_length(s + i, len - i);
		if (!n) {
			lost = true;
			i++;
			continue;
		}
		/* C1 controls (U+0080 - U+009F) and the BOM inside a text */
		if ((n == 2 && c == 0xC2 && s[i + 1] < 0xA0) ||
		    (n == 3 && c == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF)) {
			lost = true;
			i += n;
			continue;
		}
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	out[o] = '\0';
	if (dropped)
		*dropped = lost;
	return out;
}

char *cp1252_to_utf8(const char *text, size_t len)
{
	/* 0x80 - 0x9F; 0 where Windows-1252 has no character */
	static const unsigned short high[32] = {
		0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
		0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
		0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
		0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
	};
	char *out = xmalloc(len * 3 + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned c = (unsigned char)text[i];
		if (c >= 0x80 && c < 0xA0)
			c = high[c - 0x80];
		if (c == 0)
			continue;
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xC0 | (c >> 6));
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | (c >> 12));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[o] = '\0';
	return out;
}

bool cell_set_text(struct import_source *s, struct import_table *t, struct import_cell *c,
		   unsigned row, size_t col, const char *text, size_t len)
{
	if (len > IMPORT_MAX_CELL_BYTES) {
		import_error(s, t, row, col + 1, "the cell holds %zu bytes of text, more than the "
			     "1 MiB a value may hold", len);
		return false;
	}
	bool dropped;
	char *clean = clean_text(text, len, &dropped);
	if (dropped)
		import_warning(s, t, row, col + 1, "control characters or bytes that are not "
			       "UTF-8 are left out of the cell's text");
	/* trimmed of spaces and blank lines at both ends */
	char *start = clean;
	while (*start == ' ' || *start == '\t' || *start == '\n')
		start++;
	size_t n = strlen(start);
	while (n && (start[n - 1] == ' ' || start[n - 1] == '\t' || start[n - 1] == '\n'))
		n--;
	free(c->text);
	c->text = xmalloc(n + 1);
	memcpy(c->text, start, n);
	c->text[n] = '\0';
	free(clean);
	return true;
}

void source_free(struct import_source *s)
{
	for (size_t i = 0; i < s->n_tables; i++) {
		struct import_table *t = &s->tables[i];
		for (size_t r = 0; r < t->n_rows; r++) {
			for (size_t c = 0; c < t->n_cols; c++)
				free(t->rows[r].cells[c].text);
			free(t->rows[r].cells);
		}
		free(t->rows);
		free(t->name);
		free(t->before);
	}
	free(s->tables);
	free(s->title);
	s->tables = NULL;
	s->n_tables = 0;
	s->title = NULL;
}

/* Hue anchors of the four ratings, in degrees; a fill goes to the nearest. */
static const struct {
	const char *rag;
	double hue;
} rag_hues[] = {
	{ "red", 0 }, { "amber", 40 }, { "green", 120 }, { "blue", 220 }, { "red", 360 },
};

const char *rag_of_fill(uint32_t rgb)
{
	double r = ((rgb >> 16) & 0xFF) / 255.0, g = ((rgb >> 8) & 0xFF) / 255.0,
	       b = (rgb & 0xFF) / 255.0;
	double max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	double min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	double chroma = max - min;
	/* white, greys, black, and tints too pale to be a rating */
	if (max < 0.25 || chroma / max < 0.15)
		return NULL;
	double hue;
	if (max == r)
		hue = 60 * ((g - b) / chroma);
	else if (max == g)
		hue = 60 * ((b - r) / chroma + 2);
	else
		hue = 60 * ((r - g) / chroma + 4);
	if (hue < 0)
		hue += 360;
	const char *best = NULL;
	double best_d = 1e9;
	for (size_t i = 0; i < sizeof rag_hues / sizeof *rag_hues; i++) {
		double d = hue > rag_hues[i].hue ? hue - rag_hues[i].hue : rag_hues[i].hue - hue;
		if (d < best_d) {
			best_d = d;
			best = rag_hues[i].rag;
		}
	}
	return best;
}
