/* table.h - what `planpress import` reads from a spreadsheet or a Word file,
 * before it knows what any column means: tables of cells, each with its text,
 * its fill colour and where it was in the source (for messages that name the
 * sheet and cell, `plan.xlsx:Sheet1!C14:`). One reader per format fills it
 * (read_csv.c, read_xlsx.c, read_docx.c); plan.c turns it into a plan. */
#ifndef PLANPRESS_IMPORT_TABLE_H
#define PLANPRESS_IMPORT_TABLE_H

#include "util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bounds of what import reads, so no input can make it run out of memory
 * or time: past them, an error naming the place (or, for columns, a warning
 * and the rest of the row left out). */
#define IMPORT_MAX_FILE_BYTES (32u * 1024 * 1024)	/* the file as it is on disk */
#define IMPORT_MAX_PART_BYTES (64u * 1024 * 1024)	/* one part of a zip, unpacked */
#define IMPORT_MAX_UNPACKED_BYTES (128u * 1024 * 1024)	/* every part read, unpacked */
#define IMPORT_MAX_ZIP_ENTRIES 10000			/* files inside a .xlsx/.docx */
#define IMPORT_MAX_ROWS 10000				/* rows of all tables together */
#define IMPORT_MAX_COLUMNS 64				/* columns of a table */
#define IMPORT_MAX_TABLES 1000				/* sheets, or Word tables */
#define IMPORT_MAX_CELL_BYTES (1u * 1024 * 1024)	/* the loader's limit on a value */
#define IMPORT_MAX_XML_DEPTH 256			/* elements inside elements */

enum source_kind { SOURCE_CSV, SOURCE_XLSX, SOURCE_DOCX };

struct import_cell {
	char *text;		/* UTF-8, lines joined by '\n', trimmed; never NULL */
	bool filled;		/* a solid background colour */
	uint32_t fill;		/* 0xRRGGBB */
	unsigned span;		/* columns it spans when merged across (1 if not) */
	bool covered;		/* inside a merge, to the right of its first cell */
	bool merged_down;	/* its text is the merged cell's above */
};

struct import_row {
	struct import_cell *cells;	/* n_cols of them */
	unsigned source_row;		/* 1-based row (xlsx, docx) or line (csv) */
};

struct import_table {
	char *name;		/* "Sheet1", "Table 2" */
	/* docx: the paragraphs between the previous table and this one, '\n'
	 * between them (at most the last few), for the theme's title */
	char *before;
	bool before_heading;	/* one of them has a heading style */
	struct import_row *rows;
	size_t n_rows, cap_rows, n_cols;
	bool wide_warned;	/* past IMPORT_MAX_COLUMNS, said once */
};

struct import_source {
	const char *path;	/* as given */
	const char *name;	/* as messages call it: the path */
	enum source_kind kind;
	char *title;		/* the document's own title, or NULL */
	struct import_table *tables;
	size_t n_tables;
	size_t rows_read;	/* across tables, against IMPORT_MAX_ROWS */
	size_t unpacked;	/* bytes unpacked from the zip, all parts */
	unsigned errors, warnings;
	bool quiet_warnings;
	bool silent;		/* nothing said at all (the fuzzer) */
	const char *data;	/* the file's bytes, when read from memory */
	size_t data_len;
};

/* "plan.xlsx:Sheet1!C14: error: ..." on standard error; table may be NULL
 * (the file as a whole), row or col 0 (the table, or a row). */
void import_error(struct import_source *s, const struct import_table *t, unsigned row,
		  size_t col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void import_warning(struct import_source *s, const struct import_table *t, unsigned row,
		    size_t col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The place as messages write it, into buf: "Sheet1!C14", "line 14, field 3". */
const char *import_place(const struct import_source *s, const struct import_table *t,
			 unsigned row, size_t col, char *buf, size_t size);
/* "A", "B" ... "Z", "AA" for a 1-based column. */
const char *column_letters(size_t col, char *buf, size_t size);

/* Building tables, for the readers. */
struct import_table *source_add_table(struct import_source *s, const char *name);
/* A new row at the end; false (an error said) past IMPORT_MAX_ROWS. */
bool import_add_row(struct import_source *s, struct import_table *t, unsigned source_row);
/* The cell at 0-based col of the last row, widening the table as needed;
 * NULL (a warning said, once a table) past IMPORT_MAX_COLUMNS. */
struct import_cell *table_cell(struct import_source *s, struct import_table *t, size_t col);
/* Sets a cell's text (trimmed); false (an error said) past the cell limit. */
bool cell_set_text(struct import_source *s, struct import_table *t, struct import_cell *c,
		   unsigned row, size_t col, const char *text, size_t len);
/* Every cell given a text ("" if none); called once a reader is done with a
 * table, before anything reads it. */
void table_finish(struct import_table *t);
/* A row whose every cell is empty (or only a fill). */
bool row_is_empty(const struct import_table *t, const struct import_row *r);
void source_free(struct import_source *s);

/* UTF-8 text, checked, with control characters (but tab and line break) left
 * out; "\r\n" and "\r" become "\n"; *dropped says whether any was. */
char *clean_text(const char *s, size_t len, bool *dropped);
/* Windows-1252 (what Excel's plain "CSV" writes) as UTF-8. */
char *cp1252_to_utf8(const char *s, size_t len);

/* The RAG a fill colour stands for, by nearest hue: red, amber, green, blue;
 * NULL for white, greys, black and pale tints (no colour to read). */
const char *rag_of_fill(uint32_t rgb);

/* The readers: false when the file could not be read at all (an error said). */
bool read_csv(struct import_source *s);
bool read_xlsx(struct import_source *s);
bool read_docx(struct import_source *s);

#endif
