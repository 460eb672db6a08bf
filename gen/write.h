/* write.h - the output tree. Files are collected while a build runs (in memory,
 * or spooled to unnamed temporary files when long, as PDFs are) and written
 * only when every page rendered: each to a temporary file in its own folder,
 * then renamed into place, so a reader never sees half a file and a failed
 * build changes nothing. */
#ifndef PLANPRESS_WRITE_H
#define PLANPRESS_WRITE_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct output_file {
	char *path;		/* relative to the output folder: plans/x.html */
	char *data;		/* the bytes, */
	size_t size;
	FILE *spool;		/* or, when data is NULL, a spool file holding them */
};

struct output {
	struct output_file *files;
	size_t n, cap;
};

/* Takes ownership of data (malloc'd). A second file at the same path replaces
 * the first. */
void output_add(struct output *o, const char *path, char *data, size_t size);
void output_add_copy(struct output *o, const char *path, const void *data, size_t size);
/* An unnamed temporary file (in $TMPDIR, else /tmp) for reading and writing,
 * gone when closed; NULL after saying why. */
FILE *spool_open(void);
/* Takes ownership of spool (from spool_open), its whole content the file's. */
void output_add_spool(struct output *o, const char *path, FILE *spool);
/* Reads a file from disk into the output; false if it cannot be read. */
bool output_add_file(struct output *o, const char *path, const char *source);

/* The list, in the output folder, of the files the last build wrote there. */
#define OUTPUT_MANIFEST ".planpress-files"

/* Writes every file under dir; on failure prints why and returns false. Files
 * whose content is unchanged are left alone (their times too). Files the
 * folder's manifest lists and o does not are removed (and folders they leave
 * empty); files planpress did not write are never touched. */
bool output_write(const struct output *o, const char *dir, bool quiet);
/* Writes one file atomically. */
bool write_file_atomic(const char *path, const struct output_file *file);

void output_free(struct output *o);

#endif
