/* plan.c - tables of cells (table.h) into a plan in YAML. For each table: the
 * heading row (the first of its first rows that names at least two of the
 * format's columns; a row of sub-headings under merged heading cells joins
 * them: "RAG" over "Progress" and "Impact"), each heading matched to a column
 * (heading.h, or --map), then each row below it: a row holding one text is a
 * theme's heading ("RECOMMENDATION 1: Ensure ..."); a row repeating the
 * headings is skipped (a table broken over pages), its first cell a theme when
 * it differs; every other row is an action. A Word table's theme is named by
 * the paragraphs before it; a column such as "Priority" names the theme of
 * each row. Unmatched columns are kept, as comments under each action. */
#include "import.h"
#include "load.h"
#include "model.h"
#include "table.h"
#include "values.h"
#include "yaml_out.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* How many rows from a table's top may hold its headings. */
enum { HEADING_SEARCH_ROWS = 10 };

struct column_map {
	enum import_column column;
	char *heading;		/* the source's own, on one line */
	char why[128];		/* which rule matched */
};

struct comment {
	char *heading;
	char *text;
};

struct row_step {
	char *field[IC_COUNT];	/* by IC_STEP_* column */
};

struct row_action {
	char *field[IC_COUNT];	/* the cell's text by column */
	struct row_step *steps;	/* the CSV of build: a line a step */
	size_t n_steps;
	char *rag_fill[2];	/* "amber (fill #FFC000)" when read from a fill */
	struct comment *comments;
	size_t n_comments;
	bool ref_made;
	char *place;		/* "Sheet1!A5", for messages */
};

struct row_theme {
	char *ref, *title, *label;
	char *key;		/* the CSV of build: its theme_path, ref or title */
	bool ref_made, title_made;
	bool no_ref;		/* the CSV of build: a theme the source numbers not */
	struct row_action *actions;
	size_t n_actions;
};

struct builder {
	const struct import_options *o;
	struct import_source *s;
	struct row_theme *themes;
	size_t n_themes;
	/* the first table's columns, for `columns` and `labels` */
	struct column_map *columns;
	size_t n_columns;
	bool planpress_csv;	/* the CSV `build` writes: its own column names */
	bool refs_in_theme_column;	/* "1.1. Developing ..." under "Priority" */
	char *theme_label;	/* the word before every theme's ref, when one */
	char *title_row;	/* a one-cell row above the first headings */
	size_t fills_read, comments_kept;
	struct strbuf notes;	/* which column became what, for the YAML's head */
};

/* ---------- small text helpers ---------- */

static char *xstrndup_n(const char *s, size_t n);

static char *one_line(const char *s)
{
	char *out = xstrdup(s);
	for (char *p = out; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return out;
}

/* "1", "1.2", "P6", "2a", "1.1." - what a ref looks like. */
static size_t ref_length(const char *s)
{
	const char *p = s;
	if (isalpha((unsigned char)*p) && isdigit((unsigned char)p[1]))
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1])))
		p++;
	if (isalpha((unsigned char)*p) && !isalpha((unsigned char)p[1]))
		p++;
	return (size_t)(p - s);
}

static bool is_only_ref(const char *s)
{
	size_t n = ref_length(s);
	return n && (s[n] == '\0' || (s[n] == '.' && s[n + 1] == '\0'));
}

/* Words councils put before a theme's number. */
static const char *const label_words[] = {
	"recommendation", "priority", "pillar", "theme", "objective", "outcome", "strand",
	"workstream", "aim", "goal", "section", "area", NULL,
};

/* "RECOMMENDATION 1: Ensure ...", "Priority 2 – To improve ...", "1. Corporate
 * Parenting", "Pillar 6": its label word, ref and title (each may be NULL). */
static void parse_theme_heading(const char *text, char **label, char **ref, char **title)
{
	*label = *ref = *title = NULL;
	const char *p = text;
	for (size_t i = 0; label_words[i]; i++) {
		size_t n = strlen(label_words[i]);
		if (strncasecmp(p, label_words[i], n) == 0 && (p[n] == ' ' || p[n] == '\t')) {
			*label = xstrdup(label_words[i]);
			(*label)[0] = (char)toupper((unsigned char)(*label)[0]);
			p += n;
			while (*p == ' ' || *p == '\t')
				p++;
			break;
		}
	}
	size_t n = ref_length(p);
	/* after a label any ref; without one, "1." or "1:" or "1 -", not a year
	 * ("2017 - 2019") nor a number starting a sentence */
	const char *after = p + n;
	while (n && *after == ' ')
		after++;
	bool separated = n && (p[n] == '\0' || strchr(".:)", p[n]) || *after == '-' ||
			       strncmp(after, "\xE2\x80\x93", 3) == 0 ||
			       strncmp(after, "\xE2\x80\x94", 3) == 0);
	bool year = n == 4 && isdigit((unsigned char)p[0]) && !*label;
	if (n && !year && (*label ? (p[n] == '\0' || strchr(" .:)-\t\n", p[n]) ||
				     strncmp(p + n, "\xE2\x80", 2) == 0) : separated)) {
		*ref = xstrndup_n(p, n);
		p += n;
		/* separators: ". ", ":", "-", "–", "—", ")" */
		for (;;) {
			if (*p && strchr(" .:)-\t\n", *p))
				p++;
			else if (strncmp(p, "\xE2\x80\x93", 3) == 0 || strncmp(p, "\xE2\x80\x94", 3) == 0)
				p += 3;
			else
				break;
		}
		if (*p)
			*title = one_line(p);
	} else if (*label) {
		/* "Priority: Housing": a label without a number is the title's */
		free(*label);
		*label = NULL;
		*title = one_line(text);
	} else {
		*title = one_line(text);
	}
}

static char *xstrndup_n(const char *s, size_t n)
{
	char *out = xmalloc(n + 1);
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

static char *title_from_file(const char *path);

/* ---------- themes and actions ---------- */

static struct row_theme *theme_find(struct builder *b, const char *ref)
{
	for (size_t i = 0; ref && i < b->n_themes; i++)
		if (b->themes[i].ref && strcmp(b->themes[i].ref, ref) == 0)
			return &b->themes[i];
	return NULL;
}

static struct row_theme *theme_add_made(struct builder *b, char *ref, char *title, char *label,
					 bool title_made)
{
	struct row_theme *t = theme_find(b, ref);
	if (t) {
		if (t->title_made && title && !title_made) {
			free(t->title);
			t->title = title;
			t->title_made = false;
		} else {
			free(title);
		}
		free(ref);
		free(label);
		return t;
	}
	b->themes = xrealloc(b->themes, (b->n_themes + 1) * sizeof *b->themes);
	t = &b->themes[b->n_themes++];
	memset(t, 0, sizeof *t);
	t->ref = ref;
	t->title = title;
	t->label = label;
	t->title_made = title_made;
	return t;
}

static struct row_theme *theme_add(struct builder *b, char *ref, char *title, char *label)
{
	return theme_add_made(b, ref, title, label, false);
}

/* The CSV of build: a theme by its path ("2 > 2.1", when themes nest), its
 * ref, or its title when it has no ref. */
static struct row_theme *theme_of_key(struct builder *b, const char *path, const char *ref,
				      const char *title)
{
	const char *key = path[0] ? path : ref[0] ? ref : title;
	for (size_t i = 0; i < b->n_themes; i++)
		if (b->themes[i].key && strcmp(b->themes[i].key, key) == 0)
			return &b->themes[i];
	b->themes = xrealloc(b->themes, (b->n_themes + 1) * sizeof *b->themes);
	struct row_theme *t = &b->themes[b->n_themes++];
	memset(t, 0, sizeof *t);
	t->key = xstrdup(key);
	t->ref = ref[0] ? one_line(ref) : NULL;
	t->title = title[0] ? one_line(title) : NULL;
	t->no_ref = !ref[0];
	return t;
}

static struct row_action *action_add(struct row_theme *t)
{
	t->actions = xrealloc(t->actions, (t->n_actions + 1) * sizeof *t->actions);
	struct row_action *a = &t->actions[t->n_actions++];
	memset(a, 0, sizeof *a);
	return a;
}

/* ---------- the heading row ---------- */

static enum import_column column_of(struct builder *b, const char *heading, char *why,
				    size_t why_size)
{
	char normal[512], mapped[512];
	heading_normalise(heading, normal, sizeof normal);
	for (size_t i = 0; i < b->o->n_maps; i++) {
		heading_normalise(b->o->maps[i].heading, mapped, sizeof mapped);
		if (normal[0] && strcmp(normal, mapped) == 0) {
			snprintf(why, why_size, "--map %s=%s",
				 import_column_name(b->o->maps[i].column), b->o->maps[i].heading);
			return b->o->maps[i].column;
		}
	}
	return heading_match(heading, why, why_size);
}

/* The number of cells of row r that name a column. */
static size_t heading_score(struct builder *b, const struct import_table *t, size_t r,
			    size_t *nonempty)
{
	size_t matched = 0;
	*nonempty = 0;
	char why[128];
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct import_cell *cell = &t->rows[r].cells[c];
		if (cell->covered || !cell->text[0])
			continue;
		(*nonempty)++;
		if (column_of(b, cell->text, why, sizeof why) != IC_NONE)
			matched++;
	}
	return matched;
}

/* The heading row's index, or -1. */
static long find_heading_row(struct builder *b, const struct import_table *t)
{
	size_t seen = 0;
	for (size_t r = 0; r < t->n_rows && seen < HEADING_SEARCH_ROWS; r++) {
		if (row_is_empty(t, &t->rows[r]))
			continue;
		seen++;
		size_t nonempty;
		size_t matched = heading_score(b, t, r, &nonempty);
		if (matched >= 2 || (matched == 1 && nonempty == 1 && t->n_cols == 1))
			return (long)r;
	}
	return -1;
}

/* Headings of each column: the heading row's cells, joined with the row of
 * sub-headings under cells merged across, when there is one. Returns the
 * index of the first row of the body. */
static size_t read_headings(const struct import_table *t, size_t h, char **headings)
{
	const struct import_row *row = &t->rows[h];
	bool merged_across = false;
	for (size_t c = 0; c < t->n_cols; c++)
		merged_across |= row->cells[c].span > 1 && !row->cells[c].covered;
	/* the text over each column, a merged heading over all it spans */
	const char *over[IMPORT_MAX_COLUMNS] = { NULL };
	const char *last = "";
	for (size_t c = 0; c < t->n_cols; c++) {
		if (!row->cells[c].covered)
			last = row->cells[c].text;
		over[c] = row->cells[c].covered ? last : row->cells[c].text;
	}
	size_t body = h + 1;
	bool sub = false;
	if (merged_across && h + 1 < t->n_rows) {
		/* sub-headings: text only under merged headings; elsewhere empty or
		 * the heading merged down */
		const struct import_row *next = &t->rows[h + 1];
		bool under_merge_only = true, any = false;
		for (size_t c = 0; c < t->n_cols; c++) {
			const struct import_cell *nc = &next->cells[c];
			bool in_merge = row->cells[c].covered || row->cells[c].span > 1;
			if (!nc->text[0] || nc->merged_down)
				continue;
			if (in_merge)
				any = true;
			else
				under_merge_only = false;
		}
		sub = under_merge_only && any;
	}
	for (size_t c = 0; c < t->n_cols; c++) {
		const struct import_cell *top = &row->cells[c];
		bool in_merge = top->covered || top->span > 1;
		const char *below = sub ? t->rows[h + 1].cells[c].text : "";
		if (sub && in_merge && below[0]) {
			size_t n = strlen(over[c]) + strlen(below) + 2;
			headings[c] = xmalloc(n);
			snprintf(headings[c], n, "%s %s", over[c], below);
		} else {
			headings[c] = one_line(top->covered ? "" : top->text);
		}
		for (char *p = headings[c]; *p; p++)
			if (*p == '\n')
				*p = ' ';
	}
	if (sub)
		body++;
	return body;
}

/* ---------- one table ---------- */

static void free_headings(char **headings, size_t n)
{
	for (size_t i = 0; headings && i < n; i++)
		free(headings[i]);
	free(headings);
}

static bool row_repeats_headings(const struct import_table *t, const struct import_row *r,
				 char **headings, bool *first_differs)
{
	size_t same = 0, other = 0;
	char a[512], h[512];
	*first_differs = false;
	for (size_t c = 0; c < t->n_cols; c++) {
		if (r->cells[c].covered || !r->cells[c].text[0])
			continue;
		heading_normalise(r->cells[c].text, a, sizeof a);
		heading_normalise(headings[c], h, sizeof h);
		if (strcmp(a, h) == 0)
			same++;
		else if (c == 0)
			*first_differs = true;
		else
			other++;
	}
	return same >= 2 && other == 0;
}

/* A row of one text, not a ref alone, in the first column, the theme
 * column or across columns: a theme's heading; the column of its text, or
 * SIZE_MAX when the row is no such row. */
static size_t theme_row_at(const struct builder *b, const struct import_table *t,
			   const struct import_row *row, const struct column_map *cols,
			   size_t theme_col)
{
	size_t fresh = 0, at = 0;
	for (size_t c = 0; c < t->n_cols; c++)
		if (!row->cells[c].covered && !row->cells[c].merged_down && row->cells[c].text[0]) {
			fresh++;
			at = c;
		}
	if (fresh != 1 || t->n_cols < 2 || b->planpress_csv || is_only_ref(row->cells[at].text))
		return SIZE_MAX;
	if (at != 0 && at != theme_col && row->cells[at].span < 2)
		return SIZE_MAX;
	if (cols[at].column == IC_PROGRESS_RAG || cols[at].column == IC_IMPACT_RAG)
		return SIZE_MAX;
	return at;
}

/* The column's text of an action, NULL when the cell is empty. */
static void set_field(struct row_action *a, enum import_column col, const char *text)
{
	if (!text[0] || a->field[col])
		return;
	a->field[col] = xstrdup(text);
}

/* "Steve Ladd\nElaine Storey 01/05/2018": the names, then the date or month
 * the cell ends with (the lead and the timescale of one cell). */
static void split_leads_and_due(const char *text, char **leads, char **due)
{
	*leads = *due = NULL;
	size_t n = strlen(text);
	/* the longest tail of whole words that reads as a date or a month */
	for (size_t i = 0; i < n; i++) {
		if (i && !isspace((unsigned char)text[i - 1]))
			continue;
		struct date d;
		const char *tail = text + i;
		if (parse_date(tail, &d) == PARSE_OK || parse_month(tail, &d) == PARSE_OK) {
			*due = xstrdup(tail);
			size_t k = i;
			while (k && isspace((unsigned char)text[k - 1]))
				k--;
			if (k)
				*leads = xstrndup_n(text, k);
			return;
		}
	}
	*leads = xstrdup(text);
}

static void read_rag_cell(struct builder *b, struct row_action *a, enum import_column col,
			  const struct import_cell *cell)
{
	if (cell->text[0]) {
		enum rag r;
		/* "GREEN", "Green", "G": the format's own word */
		a->field[col] = xstrdup(parse_rag(cell->text, &r) ? rag_word(r) : cell->text);
		return;
	}
	if (!cell->filled)
		return;
	const char *rag = rag_of_fill(cell->fill);
	if (!rag)
		return;
	a->field[col] = xstrdup(rag);
	char note[96];
	snprintf(note, sizeof note, "from the cell's fill #%06X (the cell is empty)",
		 (unsigned)cell->fill);
	a->rag_fill[col == IC_IMPACT_RAG] = xstrdup(note);
	b->fills_read++;
}

/* A line of the CSV of build that is a step of its action. */
static void add_step(struct row_action *a, const struct import_table *t,
		     const struct import_row *row, const struct column_map *cols)
{
	a->steps = xrealloc(a->steps, (a->n_steps + 1) * sizeof *a->steps);
	struct row_step *st = &a->steps[a->n_steps++];
	memset(st, 0, sizeof *st);
	for (size_t c = 0; c < t->n_cols; c++) {
		enum import_column col = cols[c].column;
		bool step_field = col == IC_STEP_TEXT || col == IC_STEP_LEADS || col == IC_STEP_DUE ||
				  col == IC_STEP_PROGRESS || col == IC_STEP_RAG ||
				  col == IC_STEP_STATUS || col == IC_STEP_UPDATES;
		if (step_field && row->cells[c].text[0] && !st->field[col])
			st->field[col] = xstrdup(row->cells[c].text);
	}
}

static bool table_import(struct builder *b, struct import_table *t, struct row_theme **current,
			 char ***previous_headings, size_t *previous_cols, bool some_table)
{
	struct import_source *s = b->s;
	long h = find_heading_row(b, t);
	char **headings = NULL;
	size_t body;
	bool reused = false;
	if (h < 0) {
		/* a Word table broken in two by a paragraph mark: the same columns
		 * with no heading row go on under the last table's headings */
		if (*previous_headings && *previous_cols == t->n_cols && s->kind == SOURCE_DOCX &&
		    (!t->before || !t->before[0])) {
			headings = *previous_headings;
			reused = true;
			body = 0;
		} else {
			bool empty = true;
			for (size_t r = 0; r < t->n_rows && empty; r++)
				empty = row_is_empty(t, &t->rows[r]);
			if (empty)
				return true;	/* an empty sheet says nothing */
			if (some_table) {
				import_warning(s, t, 1, 1, "no heading row: none of its first rows "
					       "names the columns (Ref, Action, Lead, Timescale, "
					       "Progress, RAG ...): not imported");
				return true;
			}
			import_error(s, t, t->n_rows ? t->rows[0].source_row : 1, 1,
				     "no heading row: none of the first rows names the columns "
				     "(Ref, Action, Lead, Timescale, Progress, RAG ...); add one, or "
				     "name the columns with --map COLUMN=HEADING");
			return false;
		}
	} else {
		headings = xcalloc(t->n_cols ? t->n_cols : 1, sizeof *headings);
		body = read_headings(t, (size_t)h, headings);
		/* a one-cell row above the headings: the table's title */
		for (long r = 0; r < h && !b->title_row; r++) {
			size_t cells = 0;
			const char *text = NULL;
			for (size_t c = 0; c < t->n_cols; c++)
				if (!t->rows[r].cells[c].covered && t->rows[r].cells[c].text[0]) {
					cells++;
					text = t->rows[r].cells[c].text;
				}
			if (cells == 1)
				b->title_row = one_line(text);
		}
	}

	/* columns */
	struct column_map *map = xcalloc(t->n_cols ? t->n_cols : 1, sizeof *map);
	bool used[IC_COUNT] = { false };
	bool has_theme_ref = false;
	for (size_t c = 0; c < t->n_cols; c++) {
		map[c].heading = xstrdup(headings[c]);
		map[c].column = headings[c][0] ? column_of(b, headings[c], map[c].why,
							    sizeof map[c].why) : IC_NONE;
		has_theme_ref |= map[c].column == IC_THEME_REF;
	}
	for (size_t c = 0; c < t->n_cols; c++) {
		/* the CSV of build: "change" and "rating May 2020" are made from
		 * the updates, not read */
		char normal[128];
		heading_normalise(headings[c], normal, sizeof normal);
		if (has_theme_ref && (strcmp(normal, "change") == 0 || strncmp(normal, "rating ", 7) == 0))
			map[c].column = IC_DERIVED;
		enum import_column col = map[c].column;
		/* "Updates" is the CSV of build's history only beside its theme_ref */
		if (col == IC_UPDATES && !has_theme_ref)
			col = map[c].column = used[IC_PROGRESS] ? IC_NONE : IC_PROGRESS;
		if (col == IC_NONE || col == IC_DERIVED)
			continue;
		if (used[col]) {
			char letters[16];
			import_warning(s, t, h >= 0 ? t->rows[h].source_row : 1, c + 1,
				       "'%s' also reads as %s, as an earlier column does: it is "
				       "kept as comments (name the one meant with --map %s=HEADING)",
				       headings[c], import_column_name(col), import_column_name(col));
			(void)letters;
			map[c].column = IC_NONE;
			continue;
		}
		used[col] = true;
	}
	if (has_theme_ref)
		b->planpress_csv = true;
	if (!b->columns) {
		b->columns = map;
		b->n_columns = t->n_cols;
		map = NULL;
	}
	const struct column_map *cols = map ? map : b->columns;
	if (!reused) {
		char letters[16];
		strbuf_printf(&b->notes, "%s:\n", s->kind == SOURCE_CSV ? "columns" : t->name);
		for (size_t c = 0; c < t->n_cols; c++) {
			if (!headings[c][0])
				continue;
			if (cols[c].column == IC_NONE)
				strbuf_printf(&b->notes, "  %s '%s': kept as comments\n",
					      column_letters(c + 1, letters, sizeof letters), headings[c]);
			else if (cols[c].column == IC_DERIVED)
				strbuf_printf(&b->notes, "  %s '%s': made by build, not read\n",
					      column_letters(c + 1, letters, sizeof letters), headings[c]);
			else
				strbuf_printf(&b->notes, "  %s '%s': %s (%s)\n",
					      column_letters(c + 1, letters, sizeof letters), headings[c],
					      cols[c].column == IC_LEADS_AND_DUE ? "leads and due, the "
					      "date it ends with as due" : import_column_name(cols[c].column),
					      cols[c].why);
		}
		for (size_t c = 0; c < t->n_cols; c++)
			if (cols[c].column == IC_NONE && headings[c][0]) {
				char letters2[16];
				import_warning(s, t, h >= 0 ? t->rows[h].source_row : 1, c + 1,
					       "column %s '%s' is not a column of the format: its "
					       "cells are kept as comments (name its column with --map "
					       "COLUMN=HEADING)",
					       column_letters(c + 1, letters2, sizeof letters2), headings[c]);
			}
	}

	/* the table's theme, from the paragraphs before it */
	size_t theme_col = SIZE_MAX, theme_ref_col = SIZE_MAX, ref_col = SIZE_MAX;
	size_t theme_path_col = SIZE_MAX, step_col = SIZE_MAX, suffix_col = SIZE_MAX;
	for (size_t c = 0; c < t->n_cols; c++) {
		if (cols[c].column == IC_THEME_PATH)
			theme_path_col = c;
		else if (cols[c].column == IC_STEP)
			step_col = c;
		else if (cols[c].column == IC_SUFFIX)
			suffix_col = c;
		if (cols[c].column == IC_THEME)
			theme_col = c;
		else if (cols[c].column == IC_THEME_REF)
			theme_ref_col = c;
		else if (cols[c].column == IC_REF)
			ref_col = c;
	}
	bool names_themes = theme_col != SIZE_MAX || theme_ref_col != SIZE_MAX;
	for (size_t r = body; r < t->n_rows && !names_themes; r++) {
		if (row_is_empty(t, &t->rows[r]))
			continue;
		names_themes = theme_row_at(b, t, &t->rows[r], cols, theme_col) != SIZE_MAX;
		break;
	}
	if (t->before && t->before[0] && !names_themes) {
		/* "RECOMMENDATION 1:" then "Ensure that ...", or one line of both */
		char *lines[8];
		size_t n = 0;
		for (char *p = t->before; *p && n < 8;) {
			char *e = strchr(p, '\n');
			lines[n++] = e ? xstrndup_n(p, (size_t)(e - p)) : xstrdup(p);
			if (!e)
				break;
			p = e + 1;
		}
		char *label = NULL, *ref = NULL, *title = NULL;
		if (n >= 2) {
			parse_theme_heading(lines[n - 2], &label, &ref, &title);
			if (ref && !title) {
				title = one_line(lines[n - 1]);
			} else {
				free(label);
				free(ref);
				free(title);
				label = ref = title = NULL;
			}
		}
		if (!title && n >= 1)
			parse_theme_heading(lines[n - 1], &label, &ref, &title);
		if (!title && ref && label) {
			size_t len = strlen(label) + strlen(ref) + 2;
			title = xmalloc(len);
			snprintf(title, len, "%s %s", label, ref);
		}
		if (title && strlen(title) <= 1000) {
			*current = theme_add(b, ref, title, label);
		} else {
			free(label);
			free(ref);
			free(title);
		}
		for (size_t i = 0; i < n; i++)
			free(lines[i]);
	} else if (!reused && theme_col == SIZE_MAX && theme_ref_col == SIZE_MAX &&
		   s->kind != SOURCE_CSV && b->n_themes) {
		*current = NULL;	/* a new sheet or table: a theme of its own */
	}

	/* the rows */
	for (size_t r = body; r < t->n_rows; r++) {
		const struct import_row *row = &t->rows[r];
		if (row_is_empty(t, row))
			continue;
		bool first_differs;
		if (!reused && row_repeats_headings(t, row, headings, &first_differs)) {
			if (first_differs) {
				char *label, *ref, *title;
				parse_theme_heading(row->cells[0].text, &label, &ref, &title);
				*current = theme_add(b, ref, title, label);
			}
			continue;
		}
		/* a row of one text, not a ref alone: a theme's heading */
		bool fresh = false;
		for (size_t c = 0; c < t->n_cols && !fresh; c++)
			fresh = !row->cells[c].covered && !row->cells[c].merged_down &&
				row->cells[c].text[0];
		if (!fresh)
			continue;	/* only what merged cells above repeat */
		size_t at = theme_row_at(b, t, row, cols, theme_col);
		if (at != SIZE_MAX) {
			char *label, *ref, *title;
			parse_theme_heading(row->cells[at].text, &label, &ref, &title);
			*current = theme_add(b, ref, title, label);
			continue;
		}
		/* an action */
		struct row_theme *theme = *current;
		char *action_ref = NULL, *action_title = NULL;
		if (theme_ref_col != SIZE_MAX) {
			const char *ref = row->cells[theme_ref_col].text;
			const char *title = theme_col != SIZE_MAX ? row->cells[theme_col].text : "";
			const char *path = theme_path_col != SIZE_MAX ?
					   row->cells[theme_path_col].text : "";
			if (ref[0] || title[0] || path[0])
				theme = theme_of_key(b, path, ref, title);
			/* a step's line: the action of the line before, same ref and
			 * suffix, gains it */
			const char *step = step_col != SIZE_MAX ? row->cells[step_col].text : "";
			if (theme && step[0] && strcmp(step, "1") != 0 && theme->n_actions) {
				struct row_action *last = &theme->actions[theme->n_actions - 1];
				const char *own = ref_col != SIZE_MAX ? row->cells[ref_col].text : "";
				const char *sfx = suffix_col != SIZE_MAX ? row->cells[suffix_col].text : "";
				if (strcmp(last->field[IC_REF] ? last->field[IC_REF] : "", own) == 0 &&
				    strcmp(last->field[IC_SUFFIX] ? last->field[IC_SUFFIX] : "", sfx) == 0) {
					add_step(last, t, row, cols);
					*current = theme;
					continue;
				}
			}
		} else if (theme_col != SIZE_MAX && row->cells[theme_col].text[0]) {
			char *label, *ref, *title;
			parse_theme_heading(row->cells[theme_col].text, &label, &ref, &title);
			size_t n = theme && theme->ref ? strlen(theme->ref) : 0;
			bool child = ref && n && strncmp(ref, theme->ref, n) == 0 && ref[n] == '.';
			bool ref_cell = ref_col != SIZE_MAX && row->cells[ref_col].text[0];
			if (child && !ref_cell) {
				/* Worcestershire: "1.1. Developing the Care Leavers Contract"
				 * under the theme "1. Corporate Parenting" */
				action_ref = ref;
				action_title = title;
				free(label);
				b->refs_in_theme_column = true;
			} else {
				if (!label && cols[theme_col].heading[0]) {
					char normal[128];
					heading_normalise(cols[theme_col].heading, normal, sizeof normal);
					for (size_t i = 0; label_words[i]; i++)
						if (strcmp(normal, label_words[i]) == 0) {
							label = one_line(cols[theme_col].heading);
							break;
						}
				}
				if (!title && ref && label) {
					size_t len = strlen(label) + strlen(ref) + 2;
					title = xmalloc(len);
					snprintf(title, len, "%s %s", label, ref);
					theme = theme_add_made(b, ref, title, label, true);
				} else {
					theme = theme_add(b, ref, title, label);
				}
			}
		}
		if (!theme) {
			/* no theme named yet: one for the table, named by the sheet,
			 * the document or the file */
			char *title = NULL;
			if (s->kind == SOURCE_XLSX)
				title = xstrdup(t->name);
			else if (s->title)
				title = one_line(s->title);
			else if (b->title_row)
				title = xstrdup(b->title_row);
			else
				title = title_from_file(s->path);
			theme = theme_add_made(b, NULL, title, NULL, true);
		}
		*current = theme;
		struct row_action *a = action_add(theme);
		char place[256];
		a->place = xstrdup(import_place(s, t, row->source_row, 1, place, sizeof place));
		if (action_ref)
			a->field[IC_REF] = action_ref;
		if (action_title)
			a->field[IC_TITLE] = action_title;
		for (size_t c = 0; c < t->n_cols; c++) {
			const struct import_cell *cell = &row->cells[c];
			if (cell->covered)
				continue;
			enum import_column col = cols[c].column;
			switch (col) {
			case IC_NONE:
				if (cell->text[0] && headings[c][0]) {
					a->comments = xrealloc(a->comments,
							       (a->n_comments + 1) * sizeof *a->comments);
					a->comments[a->n_comments].heading = xstrdup(headings[c]);
					a->comments[a->n_comments++].text = xstrdup(cell->text);
					b->comments_kept++;
				}
				break;
			case IC_PROGRESS_RAG:
			case IC_IMPACT_RAG:
				read_rag_cell(b, a, col, cell);
				break;
			case IC_LEADS_AND_DUE: {
				char *leads, *due;
				split_leads_and_due(cell->text, &leads, &due);
				if (leads && !a->field[IC_LEADS])
					a->field[IC_LEADS] = leads;
				else
					free(leads);
				if (due && !a->field[IC_DUE])
					a->field[IC_DUE] = due;
				else
					free(due);
				break;
			}
			case IC_THEME:
			case IC_THEME_REF:
			case IC_THEME_PATH:
			case IC_DERIVED:
			case IC_COUNT:
			case IC_STEP:
			case IC_STEP_TEXT:
			case IC_STEP_LEADS:
			case IC_STEP_DUE:
			case IC_STEP_PROGRESS:
			case IC_STEP_RAG:
			case IC_STEP_STATUS:
			case IC_STEP_UPDATES:
				break;	/* steps: below */
			case IC_REF:
			case IC_TITLE:
			case IC_MEASURE:
			case IC_DUE:
			case IC_STATUS:
			case IC_SUFFIX:
				if (cell->text[0] && !a->field[col])
					a->field[col] = one_line(cell->text);
				break;
			case IC_ACTION:
			case IC_OUTCOME:
			case IC_LEADS:
			case IC_PROGRESS:
			case IC_KPIS:
			case IC_UPDATES:
				set_field(a, col, cell->text);
				break;
			}
		}
		if (step_col != SIZE_MAX && row->cells[step_col].text[0])
			add_step(a, t, row, cols);
	}
	if (!reused) {
		free_headings(*previous_headings, *previous_cols);
		*previous_headings = headings;
		*previous_cols = t->n_cols;
	}
	if (map) {
		for (size_t c = 0; c < t->n_cols; c++)
			free(map[c].heading);
		free(map);
	}
	return true;
}

/* ---------- refs the source did not give ---------- */

static bool ref_taken(struct builder *b, const char *ref)
{
	for (size_t i = 0; i < b->n_themes; i++)
		for (size_t j = 0; j < b->themes[i].n_actions; j++) {
			const char *r = b->themes[i].actions[j].field[IC_REF];
			if (r && strcmp(r, ref) == 0)
				return true;
		}
	return false;
}

static void make_refs(struct builder *b)
{
	size_t next = 1;
	for (size_t i = 0; i < b->n_themes; i++) {
		struct row_theme *t = &b->themes[i];
		if (!t->ref && !t->no_ref) {
			char buf[32];
			do
				snprintf(buf, sizeof buf, "%zu", next++);
			while (theme_find(b, buf));
			t->ref = xstrdup(buf);
			t->ref_made = true;
		}
		if (!t->title) {
			t->title = xstrdup(t->ref ? t->ref : "Actions");
			t->title_made = true;
		}
		for (size_t j = 0; j < t->n_actions; j++) {
			struct row_action *a = &t->actions[j];
			if (a->field[IC_REF])
				continue;
			char buf[64];
			size_t k = j + 1;
			do
				snprintf(buf, sizeof buf, "%s%s%zu", t->ref ? t->ref : "",
					 t->ref ? "." : "", k++);
			while (ref_taken(b, buf));
			a->field[IC_REF] = xstrdup(buf);
			a->ref_made = true;
		}
	}
}

/* ---------- writing ---------- */

static const struct {
	enum import_column column;
	const char *key;
} action_keys[] = {
	{ IC_REF, "ref" }, { IC_SUFFIX, "suffix" }, { IC_TITLE, "title" }, { IC_ACTION, "action" },
	{ IC_OUTCOME, "outcome" }, { IC_MEASURE, "measure" }, { IC_LEADS, "leads" },
	{ IC_DUE, "due" }, { IC_PROGRESS, "progress" }, { IC_STATUS, "status" },
};

/* Lines apart, or "; " apart: the names of a leads cell. */
static void write_leads(struct strbuf *out, int indent, const char *text)
{
	char *copy = xstrdup(text);
	char *names[256];
	size_t n = 0;
	for (char *p = copy; p && n < 256;) {
		char *e = strpbrk(p, "\n;");
		if (e)
			*e = '\0';
		while (*p == ' ' || *p == '\t' || *p == '-' || (*p == '\xE2' && p[1] == '\x80'))
			p += *p == '\xE2' ? 3 : 1;	/* bullets: "- ", "• " */
		size_t len = strlen(p);
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			p[--len] = '\0';
		if (*p)
			names[n++] = p;
		p = e ? e + 1 : NULL;
	}
	if (n <= 1) {
		yaml_text(out, n ? names[0] : text);
	} else {
		strbuf_addc(out, '\n');
		for (size_t i = 0; i < n; i++) {
			strbuf_printf(out, "%*s- ", indent + 2, "");
			yaml_scalar(out, names[i]);
			strbuf_addc(out, '\n');
		}
	}
	free(copy);
}

/* "2018-06-30 amber: note" lines, as the CSV of build writes an action's
 * updates; a line that starts no update goes on the note before it. */
/* Where a line of the updates begins an update: its date or period (the
 * longest run of its first words that reads as one) and the rating after it,
 * up to ": ". False for a line that goes on the note before it. */
static bool update_head(const char *line, char **when, char **rating, const char **note)
{
	const char *colon = line;
	while ((colon = strchr(colon, ':')) && colon[1] && colon[1] != ' ')
		colon++;
	size_t head = colon ? (size_t)(colon - line) : strlen(line);
	char *h = xstrndup_n(line, head);
	bool found = false;
	/* from the whole head down to its first word */
	for (size_t end = head; end > 0 && !found; end--) {
		if (end < head && h[end] != ' ')
			continue;
		char *prefix = xstrndup_n(h, end);
		struct period period;
		if (parse_period(prefix, &period) == PARSE_OK) {
			found = true;
			*when = prefix;
			const char *r = h + end;
			while (*r == ' ')
				r++;
			*rating = *r ? xstrdup(r) : NULL;
			*note = colon ? colon + 1 + (colon[1] == ' ') : "";
		} else {
			free(prefix);
		}
	}
	free(h);
	return found;
}

/* "2018-06-30 amber: note", "May 2020 Completed: note" lines, as the CSV of
 * build writes updates; a line that starts no update goes on the note before
 * it. */
static void write_updates(struct strbuf *out, int indent, const char *text)
{
	strbuf_addc(out, '\n');
	const char *p = text;
	struct strbuf note = { 0 };
	bool open = false;
	for (;;) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *line = xstrndup_n(p, n);
		char *when = NULL, *rating = NULL;
		const char *rest = line;
		bool starts = update_head(line, &when, &rating, &rest);
		if (starts || !open) {
			if (open && note.len) {
				yaml_key(out, indent + 4, "note");
				yaml_lines(out, indent + 4, note.data);
			}
			note.len = 0;
			if (note.data)
				note.data[0] = '\0';
			strbuf_printf(out, "%*s- date:", indent + 2, "");
			if (when)
				yaml_text(out, when);
			else
				strbuf_adds(out, " ~\n");
			open = true;
			if (rating) {
				enum rag rag;
				yaml_key(out, indent + 4, "rag");
				yaml_text(out, parse_rag(rating, &rag) ? rag_word(rag) : rating);
			}
			strbuf_adds(&note, rest);
		} else {
			strbuf_addc(&note, '\n');
			strbuf_adds(&note, line);
		}
		free(when);
		free(rating);
		free(line);
		if (!e)
			break;
		p = e + 1;
	}
	if (open && note.len) {
		yaml_key(out, indent + 4, "note");
		yaml_lines(out, indent + 4, note.data);
	}
	strbuf_free(&note);
}

/* An action's steps, from the lines of the CSV of build. */
static void write_steps(struct strbuf *out, int indent, const struct row_action *a)
{
	static const struct {
		enum import_column column;
		const char *key;
	} keys[] = {
		{ IC_STEP_TEXT, "text" }, { IC_STEP_LEADS, "leads" }, { IC_STEP_DUE, "due" },
		{ IC_STEP_STATUS, "status" }, { IC_STEP_RAG, "rag" },
		{ IC_STEP_PROGRESS, "progress" }, { IC_STEP_UPDATES, "updates" },
	};
	yaml_key(out, indent, "steps");
	strbuf_addc(out, '\n');
	for (size_t i = 0; i < a->n_steps; i++) {
		const struct row_step *st = &a->steps[i];
		bool first = true;
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
			const char *v = st->field[keys[k].column];
			if (!v)
				continue;
			if (first)
				strbuf_printf(out, "%*s- %s:", indent + 2, "", keys[k].key);
			else
				yaml_key(out, indent + 4, keys[k].key);
			first = false;
			switch (keys[k].column) {
			case IC_STEP_LEADS:
				write_leads(out, indent + 4, v);
				break;
			case IC_STEP_TEXT:
			case IC_STEP_PROGRESS:
				yaml_lines(out, indent + 4, v);
				break;
			case IC_STEP_UPDATES:
				write_updates(out, indent + 4, v);
				break;
			default:
				yaml_text(out, v);
			}
		}
		if (first)	/* a step with nothing: its text is required */
			strbuf_printf(out, "%*s- text: \"\"\n", indent + 2, "");
	}
}

static bool kpi_known(const struct node *plan, const char *id)
{
	const struct node *kpis = plan ? node_get(plan, "kpis") : NULL;
	for (size_t i = 0; kpis && kpis->type == NODE_SEQUENCE && i < kpis->count; i++) {
		const struct node *k = kpis->items[i];
		const struct node *kid = k->type == NODE_MAPPING ? node_get(k, "id") : NULL;
		if (kid && kid->type == NODE_SCALAR && strcmp(kid->text, id) == 0)
			return true;
	}
	return false;
}

static void write_action(struct builder *b, struct strbuf *out, int indent,
			 const struct row_action *a, const struct node *plan)
{
	bool first = true;
	for (size_t k = 0; k < sizeof action_keys / sizeof *action_keys; k++) {
		enum import_column col = action_keys[k].column;
		const char *v = a->field[col];
		if (!v)
			continue;
		if (first)
			strbuf_printf(out, "%*s- %s:", indent, "", action_keys[k].key);
		else
			yaml_key(out, indent + 2, action_keys[k].key);
		first = false;
		if (col == IC_LEADS)
			write_leads(out, indent + 2, v);
		else if (col == IC_ACTION || col == IC_OUTCOME || col == IC_PROGRESS)
			yaml_lines(out, indent + 2, v);
		else if (col == IC_REF)
			strbuf_adds(out, " "), yaml_quoted(out, v), strbuf_addc(out, '\n');
		else
			yaml_text(out, v);
		if (col == IC_REF && a->ref_made)
			yaml_comment(out, indent + 2, "ref made by import: the row has none");
	}
	const char *pr = a->field[IC_PROGRESS_RAG], *ir = a->field[IC_IMPACT_RAG];
	if (pr || ir) {
		if (pr && !ir) {
			yaml_key(out, indent + 2, "rag");
			yaml_text(out, pr);
		} else {
			yaml_key(out, indent + 2, "rag");
			strbuf_addc(out, '\n');
			if (pr) {
				yaml_key(out, indent + 4, "progress");
				yaml_text(out, pr);
			}
			yaml_key(out, indent + 4, "impact");
			yaml_text(out, ir);
		}
		for (int i = 0; i < 2; i++)
			if (a->rag_fill[i]) {
				char note[160];
				snprintf(note, sizeof note, "%s RAG %s", i ? "impact" : "progress",
					 a->rag_fill[i]);
				yaml_comment(out, indent + 2, note);
			}
	}
	if (a->field[IC_KPIS]) {
		/* ids of the plan's kpis: named only when the plan defines them */
		char *copy = xstrdup(a->field[IC_KPIS]);
		struct strbuf known = { 0 }, unknown = { 0 };
		for (char *p = strtok(copy, "; \n"); p; p = strtok(NULL, "; \n")) {
			struct strbuf *to = kpi_known(plan, p) ? &known : &unknown;
			strbuf_printf(to, "%s%s", to->len ? ", " : "", p);
		}
		if (known.len) {
			yaml_key(out, indent + 2, "kpis");
			strbuf_printf(out, " [%s]\n", known.data);
		}
		if (unknown.len) {
			char note[320];
			snprintf(note, sizeof note, "kpis: [%.180s] (the file defines no such "
				 "indicators: add them under kpis:, or import with --plan)", unknown.data);
			yaml_comment(out, indent + 2, note);
			import_warning(b->s, NULL, 0, 0, "action %s names indicators (%s) this file "
				       "does not define: kept as a comment", a->field[IC_REF],
				       unknown.data);
		}
		strbuf_free(&known);
		strbuf_free(&unknown);
		free(copy);
	}
	if (a->field[IC_UPDATES]) {
		yaml_key(out, indent + 2, "updates");
		write_updates(out, indent + 2, a->field[IC_UPDATES]);
	}
	if (a->n_steps)
		write_steps(out, indent + 2, a);
	for (size_t i = 0; i < a->n_comments; i++) {
		char *line = one_line(a->comments[i].heading);
		struct strbuf c = { 0 };
		strbuf_printf(&c, "%s: %s", line, a->comments[i].text);
		yaml_comment(out, indent + 2, c.data);
		strbuf_free(&c);
		free(line);
	}
}

static void write_actions(struct builder *b, struct strbuf *out, int indent,
			  const struct row_theme *t, const struct node *plan)
{
	if (!t || !t->n_actions) {
		strbuf_adds(out, " []\n");
		return;
	}
	strbuf_addc(out, '\n');
	for (size_t j = 0; j < t->n_actions; j++)
		write_action(b, out, indent, &t->actions[j], plan);
}

static void write_theme(struct builder *b, struct strbuf *out, const struct row_theme *t,
			bool label_differs)
{
	if (t->ref) {
		strbuf_adds(out, "  - ref: ");
		yaml_quoted(out, t->ref);
		strbuf_addc(out, '\n');
		if (t->ref_made)
			yaml_comment(out, 4, "ref made by import: the source numbers no theme here");
		yaml_key(out, 4, "title");
	} else {
		strbuf_adds(out, "  - title:");
	}
	yaml_text(out, t->title);
	if (t->title_made)
		yaml_comment(out, 4, "title made by import: write the theme's own");
	if (label_differs && t->label) {
		yaml_key(out, 4, "label");
		yaml_text(out, t->label);
	}
	yaml_key(out, 4, "actions");
	write_actions(b, out, 4, t, NULL);
}

static const enum column format_column[IC_COUNT] = {
	[IC_REF] = COL_REF, [IC_TITLE] = COL_TITLE, [IC_ACTION] = COL_ACTION,
	[IC_OUTCOME] = COL_OUTCOME, [IC_MEASURE] = COL_MEASURE, [IC_LEADS] = COL_LEADS,
	[IC_DUE] = COL_DUE, [IC_PROGRESS] = COL_PROGRESS, [IC_PROGRESS_RAG] = COL_PROGRESS_RAG,
	[IC_IMPACT_RAG] = COL_IMPACT_RAG, [IC_STATUS] = COL_STATUS,
};

static bool is_format_column(enum import_column c)
{
	return c == IC_REF || c == IC_TITLE || c == IC_ACTION || c == IC_OUTCOME ||
	       c == IC_MEASURE || c == IC_LEADS || c == IC_DUE || c == IC_PROGRESS ||
	       c == IC_PROGRESS_RAG || c == IC_IMPACT_RAG || c == IC_STATUS;
}

/* `columns` in the source's order and `labels` its headings. */
static void write_columns(struct builder *b, struct strbuf *out)
{
	if (b->planpress_csv || !b->columns)
		return;
	struct strbuf cols = { 0 }, labels = { 0 };
	for (size_t c = 0; c < b->n_columns; c++) {
		const struct column_map *m = &b->columns[c];
		const char *heading = m->heading;
		if (m->column == IC_LEADS_AND_DUE) {
			/* "Lead and Timescale": "Lead" over leads, "Timescale" over due */
			char *copy = xstrdup(heading);
			char *split = strstr(copy, " and ");
			size_t skip = 5;
			if (!split && (split = strstr(copy, " & ")))
				skip = 3;
			if (!split && (split = strchr(copy, '/')))
				skip = 1;
			strbuf_printf(&cols, "%sleads, due", cols.len ? ", " : "");
			if (split) {
				*split = '\0';
				char *second = split + skip;
				while (*second == ' ')
					second++;
				if (*second)
					second[0] = (char)toupper((unsigned char)second[0]);
				strbuf_adds(&labels, "  leads:");
				yaml_text(&labels, copy);
				strbuf_adds(&labels, "  due:");
				yaml_text(&labels, second);
			}
			free(copy);
			continue;
		}
		if (m->column == IC_THEME && b->refs_in_theme_column) {
			/* the column holds the actions' refs and titles: the title is
			 * shown under the ref, as in the source's one cell */
			strbuf_printf(&cols, "%sref", cols.len ? ", " : "");
			strbuf_adds(&labels, "  ref:");
			yaml_text(&labels, heading);
			continue;
		}
		if (!is_format_column(m->column))
			continue;
		bool ref_made = false;
		if (m->column == IC_REF)
			for (size_t i = 0; i < b->n_themes; i++)
				for (size_t j = 0; j < b->themes[i].n_actions; j++)
					ref_made |= b->themes[i].actions[j].ref_made;
		const char *name = column_name(format_column[m->column]);
		strbuf_printf(&cols, "%s%s", cols.len ? ", " : "", name);
		(void)ref_made;
		if (strcmp(heading, name) != 0) {
			strbuf_printf(&labels, "  %s:", name);
			yaml_text(&labels, heading);
		}
	}
	if (cols.len)
		strbuf_printf(out, "columns: [%s]\n", cols.data);
	if (labels.len)
		strbuf_printf(out, "labels:\n%s", labels.data);
	strbuf_free(&cols);
	strbuf_free(&labels);
}

/* A title from a file name: "care-leavers_plan.xlsx" is "Care leavers plan". */
static char *title_from_file(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	char *t = xstrndup_n(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	for (char *p = t; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	t[0] = (char)toupper((unsigned char)t[0]);
	return t;
}

static void write_head(struct builder *b, struct strbuf *out)
{
	struct strbuf c = { 0 };
	strbuf_printf(&c, "Imported by planpress from %s. Check it with: planpress check FILE\n",
		      b->s->name);
	strbuf_adds(&c, b->notes.data ? b->notes.data : "");
	if (b->fills_read)
		strbuf_printf(&c, "RAG read from %zu empty cells' fill colours, by nearest hue "
			      "(red 0, amber 40, green 120, blue 220 degrees)\n", b->fills_read);
	while (c.len && c.data[c.len - 1] == '\n')
		c.data[--c.len] = '\0';
	yaml_comment(out, 0, c.data);
	strbuf_free(&c);
}

/* The themes' label word when they share one, else NULL (each says its own). */
static const char *shared_label(struct builder *b)
{
	const char *label = NULL;
	for (size_t i = 0; i < b->n_themes; i++) {
		if (!b->themes[i].label)
			continue;
		if (label && strcasecmp(label, b->themes[i].label) != 0)
			return NULL;
		label = b->themes[i].label;
	}
	return label;
}

static void write_plan(struct builder *b, struct strbuf *out)
{
	write_head(b, out);
	strbuf_adds(out, "kind: plan\n");
	char *title = NULL;
	bool title_made = false;
	if (b->s->title && b->s->title[0])
		title = one_line(b->s->title);
	else if (b->title_row)
		title = xstrdup(b->title_row);
	else {
		title = title_from_file(b->s->path);
		title_made = true;
	}
	yaml_key(out, 0, "title");
	yaml_text(out, title);
	if (title_made)
		yaml_comment(out, 0, "title made from the file's name: write the plan's own");
	free(title);
	const char *label = shared_label(b);
	if (label) {
		yaml_key(out, 0, "theme_label");
		yaml_text(out, label);
	}
	write_columns(b, out);
	strbuf_adds(out, "themes:\n");
	for (size_t i = 0; i < b->n_themes; i++)
		write_theme(b, out, &b->themes[i], !label);
}

/* --plan: a theme of the plan as it is, but its actions the imported ones
 * (themes matched by the path of refs, or titles, that the CSV of build
 * writes: "2", "2 > 2.1"); its sub-themes likewise. */
static void write_plan_theme(struct builder *b, struct strbuf *out, int indent,
			     const struct node *tn, const char *up, bool *used,
			     const struct node *plan)
{
	if (tn->type != NODE_MAPPING || !tn->count) {
		strbuf_printf(out, "%*s-", indent, "");
		yaml_node(out, indent, tn);
		return;
	}
	const struct node *ref = node_get(tn, "ref"), *title = node_get(tn, "title");
	const char *name = ref && ref->type == NODE_SCALAR && !node_is_null(ref) ? ref->text :
			   title && title->type == NODE_SCALAR ? title->text : "";
	char *path = up ? xmalloc(strlen(up) + strlen(name) + 4) : xstrdup(name);
	if (up)
		sprintf(path, "%s > %s", up, name);
	struct row_theme *t = NULL;
	for (size_t i = 0; i < b->n_themes && !t; i++)
		if (b->themes[i].key && strcmp(b->themes[i].key, path) == 0)
			t = &b->themes[i];
	if (t)
		used[t - b->themes] = true;
	bool wrote_actions = false;
	for (size_t p = 0; p < tn->count; p++) {
		const char *tk = tn->pairs[p].key->text;
		const struct node *v = tn->pairs[p].value;
		if (p == 0)
			strbuf_printf(out, "%*s- %s:", indent, "", tk);
		else
			yaml_key(out, indent + 2, tk);
		if (strcmp(tk, "actions") == 0) {
			write_actions(b, out, indent + 2, t, plan);
			wrote_actions = true;
		} else if (strcmp(tk, "title") == 0 && t && t->title && !t->title_made) {
			yaml_text(out, t->title);
		} else if (strcmp(tk, "themes") == 0 && v->type == NODE_SEQUENCE && v->count) {
			strbuf_addc(out, '\n');
			for (size_t k = 0; k < v->count; k++)
				write_plan_theme(b, out, indent + 4, v->items[k], path, used, plan);
		} else {
			yaml_node(out, indent + 2, v);
		}
	}
	if (!wrote_actions && t && t->n_actions) {
		yaml_key(out, indent + 2, "actions");
		write_actions(b, out, indent + 2, t, plan);
	}
	free(path);
}

/* --plan: the plan's every key as it is, but each theme's actions the
 * imported ones; themes the plan lacks follow its own. */
static void write_into_plan(struct builder *b, struct strbuf *out, const struct node *plan)
{
	write_head(b, out);
	bool *used = xcalloc(b->n_themes + 1, sizeof *used);
	for (size_t i = 0; i < plan->count; i++) {
		const char *key = plan->pairs[i].key->text;
		const struct node *v = plan->pairs[i].value;
		yaml_key(out, 0, key);
		if (strcmp(key, "themes") != 0 || v->type != NODE_SEQUENCE) {
			yaml_node(out, 0, v);
			continue;
		}
		strbuf_addc(out, '\n');
		for (size_t k = 0; k < v->count; k++)
			write_plan_theme(b, out, 2, v->items[k], NULL, used, plan);
		for (size_t k = 0; k < b->n_themes; k++)
			if (!used[k])
				write_theme(b, out, &b->themes[k], true);
	}
	free(used);
}

static void builder_free(struct builder *b)
{
	for (size_t i = 0; i < b->n_themes; i++) {
		struct row_theme *t = &b->themes[i];
		for (size_t j = 0; j < t->n_actions; j++) {
			struct row_action *a = &t->actions[j];
			for (int c = 0; c < IC_COUNT; c++)
				free(a->field[c]);
			free(a->rag_fill[0]);
			free(a->rag_fill[1]);
			for (size_t k = 0; k < a->n_comments; k++) {
				free(a->comments[k].heading);
				free(a->comments[k].text);
			}
			free(a->comments);
			free(a->place);
			for (size_t k = 0; k < a->n_steps; k++)
				for (int c = 0; c < IC_COUNT; c++)
					free(a->steps[k].field[c]);
			free(a->steps);
		}
		free(t->actions);
		free(t->key);
		free(t->ref);
		free(t->title);
		free(t->label);
	}
	free(b->themes);
	for (size_t c = 0; c < b->n_columns; c++)
		free(b->columns[c].heading);
	free(b->columns);
	free(b->title_row);
	strbuf_free(&b->notes);
}

/* The file's kind by its extension; false if import does not read it. */
static bool source_kind_of(const char *path, enum source_kind *kind)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return false;
	if (strcasecmp(dot, ".csv") == 0 || strcasecmp(dot, ".tsv") == 0 ||
	    strcasecmp(dot, ".txt") == 0)
		*kind = SOURCE_CSV;
	else if (strcasecmp(dot, ".xlsx") == 0 || strcasecmp(dot, ".xlsm") == 0)
		*kind = SOURCE_XLSX;
	else if (strcasecmp(dot, ".docx") == 0 || strcasecmp(dot, ".docm") == 0)
		*kind = SOURCE_DOCX;
	else
		return false;
	return true;
}

int import_to_yaml(const struct import_options *o, struct strbuf *out)
{
	struct import_source s = { .path = o->file, .name = o->file,
				   .quiet_warnings = o->quiet, .silent = o->silent,
				   .data = o->data, .data_len = o->data_len };
	if (!source_kind_of(o->file, &s.kind)) {
		fprintf(stderr, "planpress: import reads .csv, .xlsx and .docx files, not '%s'\n"
			"(run 'planpress import --help' for usage)\n", o->file);
		return 2;
	}
	/* --plan: read first, so its problems stop the import before any work */
	struct arena arena;
	arena_init(&arena);
	const struct node *plan = NULL;
	if (o->plan) {
		struct diags diags = { 0 };
		plan = load_file(o->plan, o->plan, &arena, &arena, &diags);
		const struct node *kind = plan ? node_get(plan, "kind") : NULL;
		if (diags.errors || !plan || plan->type != NODE_MAPPING || !kind ||
		    kind->type != NODE_SCALAR || strcmp(kind->text, "plan") != 0) {
			diags_print(&diags, stderr, false);
			if (!diags.errors)
				fprintf(stderr, "%s: error: --plan needs a plan (a file with 'kind: "
					"plan')\n", o->plan);
			diags_free(&diags);
			arena_free(&arena);
			return 1;
		}
		diags_free(&diags);
	}
	bool read = s.kind == SOURCE_CSV ? read_csv(&s) : s.kind == SOURCE_XLSX ? read_xlsx(&s) :
		    read_docx(&s);
	struct builder b = { .o = o, .s = &s };
	char **previous = NULL;
	size_t previous_cols = 0;
	struct row_theme *current = NULL;
	bool ok = read && s.errors == 0;
	/* whether some table has a heading row: then one without is skipped */
	bool some = false;
	for (size_t i = 0; ok && i < s.n_tables && !some; i++)
		some = find_heading_row(&b, &s.tables[i]) >= 0;
	for (size_t i = 0; ok && i < s.n_tables; i++)
		ok = table_import(&b, &s.tables[i], &current, &previous, &previous_cols, some);
	free_headings(previous, previous_cols);
	/* with --plan, a CSV of no rows is a plan of no actions (the CSV of a
	 * plan of indicators alone) */
	if (ok && s.errors == 0 && b.n_themes == 0 && !plan) {
		import_error(&s, NULL, 0, 0, "has no rows to import: no table holds a row under "
			     "its headings");
		ok = false;
	}
	if (ok && s.errors == 0) {
		make_refs(&b);
		size_t start = out->len;
		if (plan)
			write_into_plan(&b, out, plan);
		else
			write_plan(&b, out);
		if (out->len - start > LOAD_MAX_FILE_BYTES) {
			import_error(&s, NULL, 0, 0, "the plan would be %zu MiB of YAML, more than "
				     "the 16 MiB a content file may be: split the source into several "
				     "plans", (out->len - start) >> 20);
			out->len = start;
			out->data[start] = '\0';
		} else if (!o->quiet && !o->silent) {
			size_t actions = 0;
			for (size_t i = 0; i < b.n_themes; i++)
				actions += b.themes[i].n_actions;
			fprintf(stderr, "%s: %zu theme%s, %zu action%s", s.name, b.n_themes,
				b.n_themes == 1 ? "" : "s", actions, actions == 1 ? "" : "s");
			if (b.fills_read)
				fprintf(stderr, ", %zu RAG%s read from cell fills", b.fills_read,
					b.fills_read == 1 ? "" : "s");
			if (b.comments_kept)
				fprintf(stderr, ", %zu cell%s kept as comments", b.comments_kept,
					b.comments_kept == 1 ? "" : "s");
			fputc('\n', stderr);
		}
	}
	int status = s.errors ? 1 : 0;
	builder_free(&b);
	source_free(&s);
	arena_free(&arena);
	return status;
}
