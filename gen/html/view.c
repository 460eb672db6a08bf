/* view.c - the value tree templates read. */
#include "view.h"

#include <stdio.h>
#include <string.h>

static struct view *make(struct arena *a, enum view_type type)
{
	struct view *v = arena_alloc(a, sizeof *v);
	v->type = type;
	return v;
}

struct view *view_null(struct arena *a)
{
	return make(a, VIEW_NULL);
}

struct view *view_text(struct arena *a, const char *text)
{
	if (!text)
		return view_null(a);
	struct view *v = make(a, VIEW_TEXT);
	v->text = text;
	return v;
}

struct view *view_markdown(struct arena *a, const struct markdown *md)
{
	if (!md)
		return view_null(a);
	struct view *v = make(a, VIEW_MARKDOWN);
	v->md = md;
	v->text = md->text;
	return v;
}

struct view *view_flag(struct arena *a, bool flag)
{
	struct view *v = make(a, VIEW_FLAG);
	v->flag = flag;
	return v;
}

struct view *view_list(struct arena *a)
{
	return make(a, VIEW_LIST);
}

struct view *view_map(struct arena *a)
{
	return make(a, VIEW_MAP);
}

static void add_entry(struct arena *a, struct view *v, const char *key, struct view *value)
{
	struct view_entry *e = arena_alloc(a, sizeof *e);
	e->key = key;
	e->value = value ? value : view_null(a);
	if (v->last)
		v->last->next = e;
	else
		v->first = e;
	v->last = e;
	v->count++;
}

void view_append(struct arena *a, struct view *list, struct view *item)
{
	add_entry(a, list, NULL, item);
}

void view_set(struct arena *a, struct view *map, const char *key, struct view *value)
{
	for (struct view_entry *e = map->first; e; e = e->next)
		if (strcmp(e->key, key) == 0) {
			e->value = value ? value : view_null(a);
			return;
		}
	add_entry(a, map, key, value);
}

void view_set_text(struct arena *a, struct view *map, const char *key, const char *text)
{
	view_set(a, map, key, view_text(a, text));
}

void view_set_markdown(struct arena *a, struct view *map, const char *key,
		       const struct markdown *md)
{
	view_set(a, map, key, view_markdown(a, md));
}

void view_set_flag(struct arena *a, struct view *map, const char *key, bool flag)
{
	view_set(a, map, key, view_flag(a, flag));
}

void view_set_number(struct arena *a, struct view *map, const char *key, long n)
{
	view_set(a, map, key, view_text(a, arena_printf(a, "%ld", n)));
}

struct view *view_get(const struct view *map, const char *key)
{
	if (!map || map->type != VIEW_MAP)
		return NULL;
	for (struct view_entry *e = map->first; e; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e->value;
	return NULL;
}

bool view_truthy(const struct view *v)
{
	if (!v)
		return false;
	switch (v->type) {
	case VIEW_NULL:
		return false;
	case VIEW_TEXT:
	case VIEW_MARKDOWN:
		return v->text && *v->text;
	case VIEW_FLAG:
		return v->flag;
	case VIEW_LIST:
	case VIEW_MAP:
		return v->count > 0;
	}
	return false;
}
