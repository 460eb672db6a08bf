/* view.c - the value tree templates read. */
#include "view.h"
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static struct view *make(struct arena *a, enum view_type type)
{
	struct view *v = arena_alloc(a, sizeof *v);
	v->type = type;
	return v;
}

static struct view null_view = { .type = VIEW_NULL };
static struct view flag_views[2] = { { .type = VIEW_FLAG }, { .type = VIEW_FLAG, .flag = true } };

struct view *view_null(struct arena *a)
{
	(void)a;
	return &null_view;
}

struct view *view_text(struct arena *a, const char *text)
{
	if (!text)
		return view_null(a);
	struct view *v = make(a, VIEW_TEXT);
	v->text = text;
	v->lang = text_foreign_lang(text);
	return v;
}

struct view *view_markdown(struct arena *a, const struct markdown *md)
{
	if (!md)
		return view_null(a);
	struct view *v = make(a, VIEW_MARKDOWN);
	v->md = md;
	v->text = md->text;
	v->lang = text_foreign_lang(md);
	return v;
}

struct view *view_text_of(struct arena *a, const char *text, ...)
{
	struct view *v = view_text(a, text);
	if (!text || v->lang)
		return v;
	const char *parts[VIEW_PARTS_MAX];
	size_t n = 0;
	va_list ap;
	va_start(ap, text);
	for (const char *part; (part = va_arg(ap, const char *));) {
		if (n == VIEW_PARTS_MAX || !*part || !strstr(text, part))
			continue;
		parts[n++] = part;
		if (text_foreign_lang(part))
			v->lang = text_foreign_lang(part);
	}
	va_end(ap);
	/* the whole text itself: marked as a whole */
	if (n == 1 && strcmp(parts[0], text) == 0)
		n = 0;
	if (n && v->lang) {
		v->parts = arena_alloc(a, n * sizeof *v->parts);
		memcpy(v->parts, parts, n * sizeof *parts);
		v->n_parts = (unsigned char)n;
	}
	return v;
}

void view_set_text_of(struct arena *a, struct view *map, const char *key, const char *text,
		      const char *part, const char *part2)
{
	view_set(a, map, key, view_text_of(a, text, part, part2, (const char *)NULL));
}

struct view *view_flag(struct arena *a, bool flag)
{
	(void)a;
	return &flag_views[flag];
}

struct view *view_list(struct arena *a)
{
	return make(a, VIEW_LIST);
}

struct view *view_map(struct arena *a)
{
	return make(a, VIEW_MAP);
}

struct view *view_lazy(struct arena *a, view_maker maker, const void *what)
{
	struct view *v = make(a, VIEW_LAZY);
	v->make = maker;
	v->what = what;
	return v;
}

struct view *view_made(struct arena *a, struct view *v)
{
	return v && v->type == VIEW_LAZY ? v->make(a, v->what) : v;
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
	case VIEW_LAZY:
		return true;	/* a map of what it stands for */
	}
	return false;
}

/* A text with its length first: never mistaken for what follows. */
static void write_text(struct strbuf *out, char type, const char *text)
{
	strbuf_addc(out, type);
	strbuf_add_uint(out, text ? strlen(text) : 0);
	strbuf_addc(out, ':');
	if (text)
		strbuf_adds(out, text);
}

bool view_write(const struct view *v, struct strbuf *out)
{
	if (!v) {
		strbuf_addc(out, '~');
		return true;
	}
	switch (v->type) {
	case VIEW_NULL: strbuf_addc(out, 'n'); return true;
	case VIEW_FLAG: strbuf_addc(out, v->flag ? 't' : 'f'); return true;
	case VIEW_LAZY: return false;
	case VIEW_TEXT:
	case VIEW_MARKDOWN:
		write_text(out, v->type == VIEW_TEXT ? 's' : 'm', v->text);
		write_text(out, 'g', v->lang);
		strbuf_add_uint(out, v->n_parts);
		for (unsigned i = 0; i < v->n_parts; i++)
			write_text(out, 'o', v->parts[i]);
		return true;
	case VIEW_LIST:
	case VIEW_MAP:
		strbuf_addc(out, v->type == VIEW_LIST ? 'l' : 'p');
		strbuf_add_uint(out, v->count);
		strbuf_addc(out, '[');
		for (const struct view_entry *e = v->first; e; e = e->next) {
			if (v->type == VIEW_MAP)
				write_text(out, 'k', e->key);
			if (!view_write(e->value, out))
				return false;
		}
		strbuf_addc(out, ']');
		return true;
	}
	return false;
}
