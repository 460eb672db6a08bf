/* record.h - what each output of a build was made from, so that the next
 * build renders again only what changed (issue 20).
 *
 * A build reads every file under the content and templates folders and
 * hashes it (SHA-256); a file too large for a build to read that is not
 * YAML (a video left in the folder) is known by its identity and times. Each document's outputs in each language (a "unit":
 * its page, PDF, CSVs and charts) get a key: the hash of
 *
 * - the program itself (its executable's bytes, so a new planpress renders
 *   everything again),
 * - every template, and every content file that belongs to no document (the
 *   site file, the logo),
 * - the site's languages,
 * - the files of the document and of every document it is made from (a
 *   report's appendices, a meeting's papers and theirs), translations
 *   included, and whether each is withheld (which the meetings that take it
 *   decide): all a renderer reads of another document.
 *
 * After a build commits its files, out/.planpress-record keeps each unit's
 * key and files, the size of every file the build left in out/, and what
 * the build said. A unit whose key is recorded, and whose files are all
 * still there as recorded, is not rendered again: its files are kept. The
 * site's own pages (the index, the style sheet) are always made, as they
 * list every document. When no input changed at all and out/ is as
 * recorded, the build neither checks nor renders: it says again what the
 * recorded build said.
 *
 * A file is as recorded when it has the recorded size and its change time
 * (set to the time by every write, rename or copy, and by nothing set back)
 * is before the record's. So the record holds nothing of when or where it
 * was written: two builds of the same content write the same bytes.
 *
 * The record also keeps the facts of every document file it checked
 * (facts.h): the next build takes them in place of reading and checking a
 * file whose bytes are as then, when everything else its check read is too
 * (the program, the templates, the site file, the content root as named),
 * for every document it does not render (build.c).
 *
 * The record is written after the commit, under the output folder's lock, so
 * it never vouches for a file another build wrote; a build killed before
 * writing it leaves the last record, older than the files this build
 * changed, so those are made again. */
#ifndef PLANPRESS_RECORD_H
#define PLANPRESS_RECORD_H

#include "content.h"
#include "util.h"
#include "write.h"

#include <stdbool.h>
#include <stddef.h>

#define RECORD_FILE ".planpress-record"
#define RECORD_KEY_SIZE 32

struct input_file {
	char *rel;		/* "c/plans/x.yaml" (content) or "t/page.html" (templates) */
	unsigned char hash[RECORD_KEY_SIZE];
	bool belongs;		/* to a document (set by record_site_key) */
};

struct inputs {
	struct input_file *files;	/* sorted by rel */
	size_t n;
	unsigned char program[RECORD_KEY_SIZE];
	unsigned char digest[RECORD_KEY_SIZE];	/* of everything above, and the options */
};

/* Every file under the content and templates folders (hidden entries
 * skipped, as the loader skips them; the output folder skipped when it lies
 * inside), with the options that change what a build says. */
void inputs_read(struct inputs *in, const char *content, const char *templates,
		 const char *out, bool strict);
void inputs_free(struct inputs *in);

struct record;

/* The record in out/, or NULL when there is none that can be read. */
struct record *record_read(const char *out_dir);
void record_free(struct record *r);

/* Whether nothing changed since the recorded build: the same inputs, and
 * every file it left in out/ still there as it left it (and no staging
 * folder of a killed build). Then *said is what that build printed. */
bool record_unchanged(const struct record *r, const struct inputs *in, const char *out_dir,
		      const char **said);

/* The key of what every document shares (the program, the templates, the
 * site file); marks the files that belong to a document. */
void record_site_key(struct inputs *in, const struct content *c,
		     unsigned char key[RECORD_KEY_SIZE]);
/* The key of doc's outputs in language lang. */
void record_unit_key(const struct inputs *in, const unsigned char site[RECORD_KEY_SIZE],
		     const struct content *c, size_t lang, const struct document *doc,
		     unsigned char key[RECORD_KEY_SIZE]);

/* The key of the front page in language lang: the site's key with what it
 * lists (html_index_text). */
void record_index_key(const unsigned char site[RECORD_KEY_SIZE], const char *lang,
		      const char *listed, unsigned char key[RECORD_KEY_SIZE]);

/* The files the unit of this key made, when they are all in out/ as the
 * recorded build left them; NULL otherwise (it is rendered). */
char *const *record_reusable(const struct record *r, const unsigned char key[RECORD_KEY_SIZE],
			     int out_fd, size_t *n);

/* The facts of the document files the recorded build checked (facts.h):
 * those whose bytes are as then, when everything else their check read is
 * too (the program, the templates, the site file, the content root as
 * named); sorted by rel, the record's to keep. NULL (*n 0) when none. */
struct file_facts *record_facts(const struct record *r, const struct inputs *in,
				const char *content, size_t *n);

/* The new record, made as the build decides each unit. */
struct record_text {
	struct strbuf text;
};
void record_begin(struct record_text *t, const struct inputs *in, const char *said);
void record_add_unit(struct record_text *t, const unsigned char key[RECORD_KEY_SIZE],
		     char *const *files, size_t n);
/* Writes it into out/ (out_fd, its lock held), with the size of every file
 * of o and of the manifest; a record that cannot be written is removed (the
 * next build then renders everything). */
void record_commit(struct record_text *t, int out_fd, const struct output *o);
/* The facts of every valid document of c (one language's) into it. */
void record_add_facts(struct record_text *t, const struct inputs *in, const char *content,
		      const struct content *c);
void record_text_free(struct record_text *t);

#endif
