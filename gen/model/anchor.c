/* anchor.c - unique, stable fragment ids for a plan's parts (see anchor.h). */
#include "anchor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One code point of UTF-8 at s (valid UTF-8: the loader checked); its length
 * in *n. */
static unsigned long utf8_next(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
	unsigned long cp = s[0] & (0x3F >> (len - 1));
	size_t i = 1;
	for (; i < len && (s[i] & 0xC0) == 0x80; i++)
		cp = (cp << 6) | (s[i] & 0x3F);
	*n = i;
	return cp;
}

const char *anchor_slug(struct arena *a, const char *prefix, const char *text, size_t position)
{
	struct strbuf s = { 0 };
	strbuf_adds(&s, prefix);
	size_t start = s.len;
	bool sep = false;	/* a '-' is owed before the next kept character */
	/* no text (a ref left out of a file with errors): the position alone */
	for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p;) {
		size_t n;
		unsigned long cp = utf8_next(p, &n);
		p += n;
		char buf[24];
		const char *keep = NULL;
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			buf[0] = (char)cp, buf[1] = '\0';
			keep = buf;
		} else if (cp >= 'A' && cp <= 'Z') {
			buf[0] = (char)(cp - 'A' + 'a'), buf[1] = '\0';
			keep = buf;
		} else if (cp >= 0x80) {
			snprintf(buf, sizeof buf, "u%lx", cp);
			keep = buf;
			sep = true;	/* its own part: "caf-ue9", not "cafue9" */
		} else {
			sep = true;
			continue;
		}
		if (sep && s.len > start)
			strbuf_addc(&s, '-');
		strbuf_adds(&s, keep);
		sep = cp >= 0x80;
	}
	if (s.len == start)
		strbuf_printf(&s, "%zu", position);
	const char *out = arena_strdup(a, s.data);
	strbuf_free(&s);
	return out;
}

/* The ids given so far on one page: an open-addressing hash set. */
struct idset {
	const char **slots;
	size_t cap, n;
};

static size_t hash(const char *s)
{
	size_t h = 5381;
	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static bool idset_has(const struct idset *set, const char *id)
{
	if (!set->cap)
		return false;
	for (size_t i = hash(id) & (set->cap - 1); set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slots[i], id) == 0)
			return true;
	return false;
}

static void idset_put(struct idset *set, const char *id)
{
	if ((set->n + 1) * 2 > set->cap) {
		struct idset bigger = { xcalloc(set->cap ? set->cap * 2 : 64, sizeof *set->slots),
					set->cap ? set->cap * 2 : 64, 0 };
		for (size_t i = 0; i < set->cap; i++)
			if (set->slots[i])
				idset_put(&bigger, set->slots[i]);
		free(set->slots);
		*set = bigger;
	}
	size_t i = hash(id) & (set->cap - 1);
	while (set->slots[i])
		i = (i + 1) & (set->cap - 1);
	set->slots[i] = id;
	set->n++;
}

/* base, or base--2, base--3 ... whichever is not yet taken; then taken. */
static const char *unique(struct arena *a, struct idset *set, const char *base)
{
	const char *id = base;
	for (unsigned long k = 2; idset_has(set, id); k++)
		id = arena_printf(a, "%s--%lu", base, k);
	idset_put(set, id);
	return id;
}

/* Themes in document order, each before its sub-themes; position counts
 * every theme so far, for one without a ref. */
static void anchor_themes(struct arena *a, struct idset *set, struct theme *themes, size_t n,
			  size_t *theme_position, size_t *action_position)
{
	for (size_t i = 0; i < n; i++) {
		struct theme *t = &themes[i];
		t->anchor = unique(a, set, anchor_slug(a, "theme-", t->ref, ++*theme_position));
		t->kpi_anchors = arena_alloc(a, (t->kpi_ids.n ? t->kpi_ids.n : 1) *
					     sizeof *t->kpi_anchors);
		for (size_t j = 0; j < t->kpi_ids.n; j++)
			if (t->kpis[j])
				t->kpi_anchors[j] = unique(a, set, arena_printf(a, "%s--%s",
					t->anchor, anchor_slug(a, "kpi-", t->kpis[j]->id, j + 1)));
		for (size_t j = 0; j < t->actions.n; j++) {
			struct action *act = &t->actions.at[j];
			act->anchor = unique(a, set, anchor_slug(a, "action-", act->shown_ref ?
						act->shown_ref : act->ref, ++*action_position));
		}
		anchor_themes(a, set, t->themes.at, t->themes.n, theme_position, action_position);
	}
}

void anchor_plan(struct arena *a, struct plan *p)
{
	struct idset set = { 0 };
	for (size_t i = 0; i < p->kpis.n; i++) {
		struct kpi *k = &p->kpis.at[i];
		k->anchor = unique(a, &set, anchor_slug(a, "kpi-", k->id, i + 1));
	}
	size_t themes = 0, actions = 0;
	anchor_themes(a, &set, p->themes.at, p->themes.n, &themes, &actions);
	free(set.slots);
}
