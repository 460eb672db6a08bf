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

enum view_type { VIEW_NULL, VIEW_TEXT, VIEW_MARKDOWN, VIEW_FLAG, VIEW_LIST, VIEW_MAP };

struct view_entry;

struct view {
	enum view_type type;
	const char *text;		/* VIEW_TEXT; VIEW_MARKDOWN: as written */
	const struct markdown *md;	/* VIEW_MARKDOWN: as read when checked */
	bool flag;			/* VIEW_FLAG */
	struct view_entry *first, *last;	/* VIEW_LIST, VIEW_MAP */
	size_t count;
};

struct view_entry {
	const char *key;		/* maps only */
	struct view *value;
	struct view_entry *next;
};

struct view *view_null(struct arena *a);
struct view *view_text(struct arena *a, const char *text);	/* NULL text: null */
struct view *view_markdown(struct arena *a, const struct markdown *md);	/* NULL: null */
struct view *view_flag(struct arena *a, bool flag);
struct view *view_list(struct arena *a);
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

#endif
