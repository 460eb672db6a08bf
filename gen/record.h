/* record.h - what each output of a build was made from, so that the next
 * build renders again only what changed (issue 20).
 *
 * A build knows every file under the content and templates folders by its
 * hash (SHA-256), read again only when it may have changed (the stat file,
 * below); a file too large for a build to read that is not YAML (a video
 * left in the folder) is known by its identity and times. Each document's
 * outputs in each language (a "unit": its page, PDF, CSVs and charts) get a
 * key: the hash of
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
 * Inputs are not read again when they cannot have changed, as git's index
 * does: out/.planpress-stat keeps each input's hash (and the program's,
 * /proc/self/exe) with its stat identity (device, inode, size, modification
 * and change times to the nanosecond), and "now": the change time of a file
 * the build made in out/ before it looked at any input (unnamed, O_TMPFILE,
 * so nothing is left). The next build takes the recorded hash of a file
 * whose identity is exactly the recorded one, when it lies on now's file
 * system and its change time was strictly before now; any other file is
 * read and hashed. Any change after now sets a change time at or after it
 * (never one set back), so the identity differs; a file changed within the
 * clock tick now was taken in could keep its identity, and so is "racy": not
 * vouched for, read by every build until one notes it a tick later. The
 * stat file is written just before the record, and again by a build that
 * found nothing changed but had to read inputs. Unlike the record it holds
 * where and when, so it is the one file of out/ that differs from a clean
 * build's; missing, cut or unreadable, it only makes the build read every
 * input, and without now (out/ not there yet, or no O_TMPFILE on its file
 * system) it vouches for nothing.
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
#include <time.h>

#define RECORD_FILE ".planpress-record"
#define RECORD_STAT_FILE ".planpress-stat"
#define RECORD_KEY_SIZE 32

/* A file's stat identity. */
struct file_stamp {
	unsigned long long dev, ino, size;
	struct timespec mtime, ctime;
};

struct input_file {
	char *rel;		/* "c/plans/x.yaml" (content) or "t/page.html" (templates) */
	unsigned char hash[RECORD_KEY_SIZE];
	bool belongs;		/* to a document (set by record_site_key) */
	bool stamped;		/* stamp is the identity of the file hashed */
	struct file_stamp stamp;
};

struct inputs {
	struct input_file *files;	/* sorted by rel */
	size_t n;
	unsigned char program[RECORD_KEY_SIZE];
	unsigned char digest[RECORD_KEY_SIZE];	/* of everything above, and the options */
	bool program_stamped;
	struct file_stamp program_stamp;
	bool have_now;		/* now: a file made in out/ before any input was looked at */
	struct file_stamp now;
	size_t hashed;		/* files read and hashed, the program included (the rest taken
				 * from out/.planpress-stat) */
};

/* Every file under the content and templates folders (hidden entries
 * skipped, as the loader skips them; the output folder skipped when it lies
 * inside), with the options that change what a build says; hashes taken
 * from out/.planpress-stat where it vouches for them. */
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
/* The size the record has of one of those files (0 for any other path). */
unsigned long long record_kept_size(const struct record *r, const char *path);

/* The facts of the document files the recorded build checked (facts.h):
 * those whose bytes are as then, when everything else their check read is
 * too (the program, the templates, the site file, the content root as
 * named); sorted by rel, the record's to keep. NULL (*n 0) when none. */
struct file_facts *record_facts(const struct record *r, const struct inputs *in,
				const char *content, size_t *n);

/* The new record, made as the build decides each unit, and the stat file
 * (made by record_begin). */
struct record_text {
	struct strbuf text;
	struct strbuf stat;
};
void record_begin(struct record_text *t, const struct inputs *in, const char *said);
void record_add_unit(struct record_text *t, const unsigned char key[RECORD_KEY_SIZE],
		     char *const *files, size_t n);
/* Writes it into out/ (out_fd, its lock held), with the size of every file
 * of o (a kept file's as o has it: it was checked against the record) and
 * of the manifest, the stat file first; a record that cannot be
 * written is removed (the next build then renders everything), and so is a
 * stat file (the next build then reads every input). */
void record_commit(struct record_text *t, int out_fd, const struct output *o);
/* The facts of every valid document of c (one language's) into it. */
void record_add_facts(struct record_text *t, const struct inputs *in, const char *content,
		      const struct content *c);
void record_text_free(struct record_text *t);

/* After a build that found nothing changed: the stat file written again
 * when this build had to read inputs it did not vouch for (written under the
 * output folder's lock, and not at all while another build holds it). */
void record_stat_refresh(const struct inputs *in, const char *out_dir);

#endif
