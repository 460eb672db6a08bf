/* import.h - `planpress import`: a plan's actions from a spreadsheet or a Word
 * file (.csv, .xlsx, .docx) as a plan in YAML, ready for `planpress check`.
 * The readers (table.h) give tables of cells; plan.c finds each table's
 * heading row, matches the headings to the format's columns (heading.h) and
 * writes the rows as themes and actions. */
#ifndef PLANPRESS_IMPORT_H
#define PLANPRESS_IMPORT_H

#include "heading.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

struct import_map {
	const char *heading;		/* as written on the command line */
	enum import_column column;
};

struct import_options {
	const char *file;		/* .csv, .xlsx or .docx */
	const char *plan;		/* --plan: a plan whose every key but the
					 * actions is kept (the CSV round trip) */
	struct import_map *maps;	/* --map COLUMN=HEADING */
	size_t n_maps;
	bool quiet;			/* no summary, no warnings */
	bool silent;			/* nothing said, errors neither (the fuzzer) */
	const char *data;		/* the file's bytes, read from memory when set */
	size_t data_len;
};

/* Reads the file and appends the plan's YAML to out. Returns the exit status
 * of spec/cli.md: 0 (warnings allowed), 1 the file could not be imported
 * (every reason said on standard error, naming the sheet or table and cell). */
int import_to_yaml(const struct import_options *o, struct strbuf *out);

/* The command line of `planpress import`; returns its exit status. */
int import_main(int argc, char **argv);

#endif
