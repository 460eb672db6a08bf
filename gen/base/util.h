/* util.h - memory arenas, growable strings and small helpers shared by every stage.
 * An arena owns everything one run allocates for the model, so the model can be
 * freed in one call and no stage has to track ownership of shared nodes. */
#ifndef PLANPRESS_UTIL_H
#define PLANPRESS_UTIL_H

#include <stddef.h>
#include <stdbool.h>

struct arena_block;
struct arena {
	struct arena_block *head;
	size_t used_bytes;	/* total handed out, for limits and tests */
	struct arena_block *spare;	/* emptied by arena_reset, used again first */
	/* the size of its blocks (0: 64 KiB); blocks of 1 MiB or more are
	 * mapped apart (main.c's M_MMAP_THRESHOLD), out of the heap, and given
	 * back to the system when freed */
	size_t block;
	/* 0, or texts (arena_strndup's) of this many bytes or more are kept
	 * apart, in the spill file (spill.h) while it can be had: long
	 * texts written once and read seldom, away from the short ones read
	 * over and over (a ref, a date), whose pages would bring theirs */
	size_t spill_texts_from;
	struct arena_block *texts;	/* where those are */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
/* Everything handed out is given back, but the memory is kept for what is
 * allocated next: loading file after file into one arena touches the same
 * pages, not fresh ones (each a page fault, then zeroed). */
void arena_reset(struct arena *a);
/* What from has handed out now belongs to into (freed with it); from is
 * left empty, its spare memory still its own. */
void arena_move(struct arena *into, struct arena *from);
void *arena_alloc(struct arena *a, size_t size);	/* zeroed, never NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Growable byte buffer, always NUL-terminated. */
struct strbuf {
	char *data;
	size_t len, cap;
};
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addc(struct strbuf *b, char c);
void strbuf_printf(struct strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* v in decimal, as printf's %llu writes it, without its cost */
void strbuf_add_uint(struct strbuf *b, unsigned long long v);
void strbuf_free(struct strbuf *b);
/* Appends a whole file (the web assets, the logo); false if it cannot be read
 * (read_input_file's rules). */
bool strbuf_add_file(struct strbuf *b, const char *path);

/* Every file planpress reads is opened this way: without waiting (a pipe's
 * open would wait for a writer for ever), then read only when it is a
 * regular file of at most max bytes; never a pipe, socket, device or folder.
 * The bytes are appended to b. NULL when read, else why not, in words for a
 * diagnostic ("it is not a file but a folder, pipe, socket or device"); the
 * file's size is set in *size_out when it is too large. */
const char *read_input_file(const char *path, size_t max, struct strbuf *b,
			    unsigned long long *size_out);
#define INPUT_MAX_BYTES (64u * 1024 * 1024)	/* a template's or an asset's */

/* Where temporary files are made: $TMPDIR, else /tmp. */
const char *temp_folder(void);
/* A new temporary file there, with no name (made, then unlinked): its
 * descriptor (close-on-exec), or -1 with errno set. */
int temp_file(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* p, an array of n items of size bytes, made room for one more: its capacity
 * doubles (the smallest power of two not below n, so no field holds it), so
 * that adding items one at a time stays linear even where realloc copies. */
void *xgrow(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
_Noreturn void out_of_memory(void);

/* Edit distance (with transpositions) used for "did you mean" suggestions. */
size_t edit_distance(const char *a, const char *b);
/* The candidate closest to word, or NULL when none is close enough to suggest. */
const char *closest_word(const char *word, const char *const *candidates, size_t n);

bool str_ieq(const char *a, const char *b);

/* Where at falls among n ascending starts (starts[0] <= at): the last i
 * with starts[i] <= at; 0 when n is 0. A byte's line from its lines'
 * starts, a run's page from its pages' first runs. */
size_t starts_index(const size_t *starts, size_t n, size_t at);

#endif
