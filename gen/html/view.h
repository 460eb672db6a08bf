/* view.h - what a page shows, as a small tree of values (text, markdown, flag,
 * list, map) that templates read by dotted paths. The HTML renderer builds one
 * view per page from the model (view_*.c), so templates never see C structs and
 * wording such as "Not rated" or "1 March 2018" is decided in one place. */
#ifndef PLANPRESS_VIEW_H
#define PLANPRESS_VIEW_H

#include "markdown.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

#define VIEW_PARTS_MAX 8

enum view_type { VIEW_NULL, VIEW_TEXT, VIEW_MARKDOWN, VIEW_FLAG, VIEW_LIST, VIEW_MAP, VIEW_LAZY };

struct view;
/* Makes, in a, the view that a lazy one stands for (view_lazy). */
typedef struct view *(*view_maker)(struct arena *a, const void *what);

struct view_entry;

/* A page of 10,000 actions holds millions of these until it is written:
 * kept small, and the leaves that hold nothing of their own (null, true,
 * false) shared, never changed. */
struct view {
	enum view_type type;
	bool flag;			/* VIEW_FLAG */
	unsigned char n_parts;
	const char *text;		/* VIEW_TEXT; VIEW_MARKDOWN: as written */
	const struct markdown *md;	/* VIEW_MARKDOWN: as read when checked */
	/* the language of text when it is not the page's (a text a
	 * translation left in the original's language): "en"; NULL: the page's */
	const char *lang;
	/* a text made of others (a caption naming a theme, "Name (Role)"),
	 * one of them at least kept in lang: all of those it holds (n_parts,
	 * at most VIEW_PARTS_MAX), those in lang each marked where it stands
	 * in text (text_next_foreign_part) */
	const char **parts;
	union {
		struct {
			struct view_entry *first, *last;	/* VIEW_LIST, VIEW_MAP */
		};
		struct {
			view_maker make;			/* VIEW_LAZY */
			const void *what;
		};
	};
	size_t count;
};

struct view_entry {
	const char *key;		/* maps only */
	struct view *value;
	struct view_entry *next;
};

/* view_text and view_markdown mark a text kept in the original's language
 * (model.h's text_foreign_lang) with its language. */
struct view *view_null(struct arena *a);
struct view *view_text(struct arena *a, const char *text);	/* NULL text: null */
struct view *view_markdown(struct arena *a, const struct markdown *md);	/* NULL: null */
/* A text made from model texts (parts, NULL-ended, as many as 4): those
 * kept in the original's language are marked where they stand in it. */
struct view *view_text_of(struct arena *a, const char *text, ...);
void view_set_text_of(struct arena *a, struct view *map, const char *key, const char *text,
		      const char *part, const char *part2);
struct view *view_flag(struct arena *a, bool flag);
struct view *view_list(struct arena *a);
/* A map made only when a template comes to it, by make(a, what): each item
 * of a long list (a plan's actions) is made as pp:repeat reaches it and let
 * go once expanded, so a page of 10,000 actions never holds all their
 * views at once. */
struct view *view_lazy(struct arena *a, view_maker make, const void *what);
/* v, or the view it stands for when it is lazy, made in a. */
struct view *view_made(struct arena *a, struct view *v);
struct view *view_map(struct arena *a);
void view_append(struct arena *a, struct view *list, struct view *item);
/* Sets key in a map; value NULL stores a null (templates may test it). */
void view_set(struct arena *a, struct view *map, const char *key, struct view *value);
void view_set_text(struct arena *a, struct view *map, const char *key, const char *text);
void view_set_markdown(struct arena *a, struct view *map, const char *key,
		       const struct markdown *md);
void view_set_flag(struct arena *a, struct view *map, const char *key, bool flag);
void view_set_number(struct arena *a, struct view *map, const char *key, long n);

/* The value at key, or NULL when the map has no such key (not the same as a
 * stored null: a template naming a key that no view sets is a typo). */
struct view *view_get(const struct view *map, const char *key);
/* Truth for pp:if: non-empty text, true flag, non-empty list or map. */
bool view_truthy(const struct view *v);

/* v written out whole, every value and mark a template can read, so that
 * two views write the same text exactly when they are the same (the
 * front page's, for whether it is made again: build.c). False, with
 * nothing meant, for a lazy view, which is not made here. */
bool view_write(const struct view *v, struct strbuf *out);

#endif
