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
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
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
void strbuf_free(struct strbuf *b);
/* Appends a whole file (the web assets, the logo); false if it cannot be read. */
bool strbuf_add_file(struct strbuf *b, const char *path);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
_Noreturn void out_of_memory(void);

/* Edit distance (with transpositions) used for "did you mean" suggestions. */
size_t edit_distance(const char *a, const char *b);
/* The candidate closest to word, or NULL when none is close enough to suggest. */
const char *closest_word(const char *word, const char *const *candidates, size_t n);

bool str_ieq(const char *a, const char *b);

#endif
