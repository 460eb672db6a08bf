/* write.h - the output tree. Files are collected while a build runs (in one
 * unnamed temporary file, the store, or in memory or spool files of their
 * own when it cannot be had) and written only when every page rendered.
 * Then, in out/ and nowhere else:
 *
 * - each changed file is written to a staging folder inside out/
 *   (out/.planpress-staging-PID, private to the build, never published),
 *   created there with O_EXCL, so nothing planted can be written through;
 * - every path is checked before anything is replaced: each folder on the way
 *   is opened from out/'s own descriptor with O_NOFOLLOW (a link inside out/
 *   is never followed, to write or to remove), and a folder where a file must
 *   go, or a file where a folder must, is refused (exit 3) with out/ as it was;
 * - then the new tree is committed by renames (an existing file swapped with
 *   its new version, so that it can be put back), and a failure at any step
 *   puts every step back: a failed build leaves out/ exactly as it was, and no
 *   new empty folder;
 * - the files the last build wrote and this one does not (out/.planpress-files
 *   lists them, checked line by line when read) are removed, only when they
 *   are regular files reached without following a link;
 * - a staging folder left by a build that was killed is removed at the next
 *   build's start (builds into one out/ take turns: a lock on the folder).
 */
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
	FILE *spool;		/* or, when data is NULL, a spool file holding them, */
	bool stored;		/* or the store's bytes from stored_at (write.c) */
	long long stored_at;
	bool keep;		/* or none: the file out/ has is kept (record.h);
				 * size: its size as the record has it */
};

struct output {
	struct output_file *files;
	size_t n, cap;
	/* While unit is not 0, each file added is logged as that unit's
	 * (record.h: a document's outputs), even when another unit adds the
	 * same file again (a plan's charts in a report's appendix). */
	unsigned unit;
	struct output_made { unsigned unit; size_t file; } *made;
	size_t n_made;
	size_t *slots, n_slots;	/* files by path: index + 1, 0 free */
};

/* Takes ownership of data (malloc'd), which goes into the store and is freed.
 * A second file at the same path replaces the first. */
void output_add(struct output *o, const char *path, char *data, size_t size);
void output_add_copy(struct output *o, const char *path, const void *data, size_t size);
/* An unnamed temporary file (in $TMPDIR, else /tmp) for reading and writing,
 * gone when closed; NULL after saying why. */
FILE *spool_open(void);
/* Whether writing to a spool failed (a full disk, a file size limit): then
 * says so, naming the temporary folder, for exit 3. */
bool spool_failed(FILE *spool);
/* Takes ownership of spool (from spool_open), its whole content the file's
 * (copied into the store and closed, when the store can be had). */
void output_add_spool(struct output *o, const char *path, FILE *spool);
/* The store made now (if it is not yet), so that processes forked after
 * share it; false when it cannot be had. */
bool store_ready(void);
/* The store made now if it is not yet, and held open (even with no file in
 * it) until store_let_go: for processes forked after, that append to it
 * while this one adds and replaces files of its own. false when it cannot
 * be had (then nothing is held). */
bool store_hold(void);
void store_let_go(void);
/* The spool's whole content appended to the store (by any process forked
 * after store_ready): where, and how long; false when it cannot be. */
bool store_put_spool(FILE *spool, long long *at, size_t *size);
/* A file that store_put_spool put in the store, at and size as it said. */
void output_add_stored(struct output *o, const char *path, long long at, size_t size);
/* The file at path in the output folder is kept as it is: an incremental
 * build's output of a document whose inputs did not change. A file rendered
 * at the same path in this build wins. */
void output_keep(struct output *o, const char *path, size_t size);
/* Moves file (of another output, which forgets it) into o at path, as it is:
 * its bytes, spool, place in the store or keeping. */
void output_move(struct output *o, const char *path, struct output_file *file);
/* from's files moved into o, in from's order, as if each had been added to
 * o as it was to from: a file of o at the same path replaced (a kept one
 * too), and each logged as the unit that from logged it as; from is left
 * empty. */
void output_append(struct output *o, struct output *from);

/* The list, in the output folder, of the files the last build wrote there;
 * and the staging folder's name, before ".PID". */
#define OUTPUT_MANIFEST ".planpress-files"
#define OUTPUT_STAGING ".planpress-staging"

/* Writes every file under dir as the header says; on failure prints why
 * (with the path) and returns false, dir as it was. Files whose content is
 * unchanged are left alone (their times too). */
bool output_write(const struct output *o, const char *dir, bool quiet);
/* The same, calling committed (when not NULL) once the new tree is in place,
 * with the output folder open and its lock still held. */
bool output_write_then(const struct output *o, const char *dir, bool quiet,
		       void (*committed)(int out_fd, const struct output *o, void *arg),
		       void *arg);
/* Writes one file (`render -o`): to a temporary file in its folder, created
 * anew (never through a link), then renamed over path. The folder must exist:
 * it is not made. On failure prints why and returns false. */
bool output_write_one(const char *path, const struct output_file *file);

void output_free(struct output *o);

#endif
