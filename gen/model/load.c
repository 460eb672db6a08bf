/* load.c - libyaml events into positioned nodes, enforcing the format's limits.
 * An alias is one node that shares the anchored node's children instead of
 * copying them (it only carries the alias's position); the expansion a deep
 * copy would have cost is still counted, so a "billion laughs" file is stopped
 * at the alias that crosses the limit. A problem that leaves the rest of the
 * file readable (a duplicate key, a key that is not text, a value too long or
 * holding a control character) is reported and the file read on, the value
 * left out or kept as broken; the rest stop it (fail). */
#include "load.h"
#include "spill.h"

#include <yaml.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct frame {
	struct node *node;
	struct node **children;	/* sequence items, or key, value, key, value ... */
	size_t n, cap;
};

struct anchor {
	char *name;
	struct node *node;
};

/* A short value's text, shared by every value the same (value_text). */
struct shared_text {
	const char *text;	/* NULL: a free slot */
	size_t len;
};
#define SHARED_TEXT_MAX 64	/* longer values are rarely the same */
/* bytes parsed between page-outs (spill.h): the file's, and the texts made */
#define PARSED_BYTES_PER_PAGE_OUT (1024u * 1024)

struct loader {
	struct arena *arena;	/* nodes, keys, anchors' names, texts as written */
	struct arena *values;	/* the values' texts, which the model may keep */
	struct shared_text *shared;	/* open-addressing hash table */
	size_t shared_cap, shared_n;
	struct diags *diags;
	const char *file;
	const char *data;
	size_t size;
	struct frame *stack;
	size_t depth, stack_cap;
	struct anchor *anchors;	/* open-addressing hash table */
	size_t anchors_cap, anchors_n;
	size_t alias_nodes;
	struct node *root;
	int documents;
	bool failed;
	size_t cursor_line, cursor_byte;	/* a line's start, for mark_offset */
};

static struct pos mark_pos(const struct loader *l, yaml_mark_t m)
{
	return (struct pos){ l->file, (int)m.line + 1, (int)m.column + 1 };
}

/* Line and column of a byte offset (for libyaml's reader errors, which give only
 * an offset); columns count characters, as libyaml's marks do. */
static struct pos offset_pos(const struct loader *l, size_t offset)
{
	int line = 1, col = 1;
	for (size_t i = 0; i < offset && i < l->size; i++) {
		unsigned char c = (unsigned char)l->data[i];
		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xC0) != 0x80) {
			col++;
		}
	}
	return (struct pos){ l->file, line, col };
}

bool utf8_valid(const char *data, size_t size, int *line, int *col)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0;
	while (i < size) {
		/* every byte of every file comes through here, and content is
		 * mostly ASCII: eight bytes at a time while it is */
		uint64_t eight;
		if (size - i >= 8 && (memcpy(&eight, s + i, 8), !(eight & 0x8080808080808080u))) {
			i += 8;
			continue;
		}
		unsigned char c = s[i];
		size_t need;
		unsigned int cp, min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			need = 1, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			need = 2, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			goto bad;
		}
		if (size - i <= need)
			goto bad;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	/* where, counted only now: lines, and characters on the last (the
	 * bytes before i are valid, so each that is not a continuation byte
	 * starts one) */
	*line = 1;
	*col = 1;
	for (size_t k = 0; k < i; k++) {
		if (s[k] == '\n')
			++*line, *col = 1;
		else if ((s[k] & 0xC0) != 0x80)
			++*col;
	}
	return false;
}

/* A problem after which the file cannot be read on: reported (the first
 * only), and the parser stops. Problems that leave the rest readable are
 * diag_error's, and loading goes on. */
static void fail(struct loader *l, struct pos pos, const char *fmt, const char *arg)
{
	if (!l->failed)
		diag_error(l->diags, pos, fmt, arg);
	l->failed = true;
}

static size_t text_hash(const char *s, size_t len)
{
	size_t h = 5381;
	for (size_t i = 0; i < len; i++)
		h = h * 33 ^ (unsigned char)s[i];
	return h;
}

static size_t anchor_hash(const char *s)
{
	return text_hash(s, strlen(s));
}

static void anchor_put(struct loader *l, const char *name, struct node *node)
{
	if (l->anchors_n * 2 >= l->anchors_cap) {
		size_t old_cap = l->anchors_cap;
		struct anchor *old = l->anchors;
		l->anchors_cap = old_cap ? old_cap * 2 : 64;
		l->anchors = xcalloc(l->anchors_cap, sizeof *l->anchors);
		l->anchors_n = 0;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].name)
				anchor_put(l, old[i].name, old[i].node);
		free(old);
	}
	size_t i = anchor_hash(name) & (l->anchors_cap - 1);
	while (l->anchors[i].name) {
		/* YAML lets a later anchor of the same name replace an earlier one. */
		if (strcmp(l->anchors[i].name, name) == 0) {
			l->anchors[i].node = node;
			return;
		}
		i = (i + 1) & (l->anchors_cap - 1);
	}
	l->anchors[i].name = arena_strdup(l->arena, name);
	l->anchors[i].node = node;
	l->anchors_n++;
}

static struct node *anchor_get(struct loader *l, const char *name)
{
	if (!l->anchors_cap)
		return NULL;
	size_t i = anchor_hash(name) & (l->anchors_cap - 1);
	while (l->anchors[i].name) {
		if (strcmp(l->anchors[i].name, name) == 0)
			return l->anchors[i].node;
		i = (i + 1) & (l->anchors_cap - 1);
	}
	return NULL;
}

/* Counts of nodes stop at UINT32_MAX (a node's weight is 32 bits). */
static size_t add_weight(size_t a, size_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* Attach a finished node to the collection being built, or make it the root. */
static void attach(struct loader *l, struct node *child)
{
	if (l->depth == 0) {
		l->root = child;
		return;
	}
	struct frame *f = &l->stack[l->depth - 1];
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->children = xrealloc(f->children, f->cap * sizeof *f->children);
	}
	f->children[f->n++] = child;
	f->node->weight = (uint32_t)add_weight(f->node->weight, child->weight);
}

struct node_rare *node_rare_own(struct node *n, struct arena *arena)
{
	struct node_rare *r = arena_alloc(arena, sizeof *r);
	if (n->rare)
		*r = *n->rare;
	n->rare = r;
	return r;
}

static struct node *new_node(struct loader *l, enum node_type type, yaml_mark_t m)
{
	struct node *n = arena_alloc(l->arena, sizeof *n);
	n->type = type;
	n->pos = mark_pos(l, m);
	n->weight = 1;
	return n;
}

static void open_collection(struct loader *l, enum node_type type,
			    const yaml_event_t *ev, const yaml_char_t *anchor)
{
	if (l->depth >= LOAD_MAX_DEPTH) {
		char limit[32];
		snprintf(limit, sizeof limit, "%d", LOAD_MAX_DEPTH);
		fail(l, mark_pos(l, ev->start_mark),
		     "nesting is deeper than %s levels; flatten this part of the file", limit);
		return;
	}
	struct node *n = new_node(l, type, ev->start_mark);
	n->open = true;
	if (anchor) {
		n->anchored = true;
		anchor_put(l, (const char *)anchor, n);
	}
	if (l->depth == l->stack_cap) {
		l->stack_cap = l->stack_cap ? l->stack_cap * 2 : 16;
		l->stack = xrealloc(l->stack, l->stack_cap * sizeof *l->stack);
	}
	l->stack[l->depth++] = (struct frame){ n, NULL, 0, 0 };
}

static int pair_key_order(const void *pa, const void *pb)
{
	const struct node_pair *a = *(const struct node_pair *const *)pa,
			       *b = *(const struct node_pair *const *)pb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->text, b->key->text, n);
	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	/* equal keys: the earlier in the file first */
	if (a->key->pos.line != b->key->pos.line)
		return a->key->pos.line < b->key->pos.line ? -1 : 1;
	if (a->key->pos.col != b->key->pos.col)
		return a->key->pos.col - b->key->pos.col;
	return a < b ? -1 : a > b;
}

/* Duplicate keys are errors (libyaml accepts them silently), each at the
 * later key, naming the first. The first value is kept and the later ones
 * are left out, so the rest of the mapping is checked as if they were not
 * written. Sorting pointers keeps this O(n log n) for a mapping of any
 * size. */
static void drop_duplicate_keys(struct loader *l, struct node *map)
{
	if (map->count < 2)
		return;
	struct node_pair **sorted = xmalloc(map->count * sizeof *sorted);
	bool *dropped = xcalloc(map->count, sizeof *dropped);
	for (size_t i = 0; i < map->count; i++)
		sorted[i] = &map->pairs[i];
	qsort(sorted, map->count, sizeof *sorted, pair_key_order);
	const struct node *first = sorted[0]->key;
	bool any = false;
	for (size_t i = 1; i < map->count; i++) {
		const struct node *b = sorted[i]->key;
		if (first->len != b->len || memcmp(first->text, b->text, b->len) != 0) {
			first = b;
			continue;
		}
		diag_error(l->diags, b->pos,
			   "key '%s' appears twice in this mapping; the first is at line %d",
			   b->text, first->pos.line);
		dropped[sorted[i] - map->pairs] = true;
		any = true;
	}
	if (any) {
		size_t kept = 0;
		for (size_t i = 0; i < map->count; i++)
			if (!dropped[i])
				map->pairs[kept++] = map->pairs[i];
		map->count = kept;
	}
	free(dropped);
	free(sorted);
}

/* YAML 1.1's merge key, an addition to the format: `<<: *defaults` or
 * `<<: [*a, *b]` in a mapping brings in the keys of the mapping (or
 * mappings) it names that the mapping does not set itself; of several, the
 * first that sets a key wins. libyaml leaves this to its caller. The pairs
 * brought in are the named mapping's own nodes, so a value's position is
 * where it is written, at its anchor; what they cost is counted by the
 * aliases that name them, as any alias is. */
static bool is_merge_key(const struct node *key)
{
	return key->plain && key->len == 2 && memcmp(key->text, "<<", 2) == 0;
}

struct merged {
	struct node_pair pair;
	size_t rank;	/* 0: the mapping's own; 1, 2 ...: the mappings merged */
	size_t order;	/* where it goes in the mapping */
	bool dropped;
};

static int merged_key_order(const void *pa, const void *pb)
{
	const struct merged *a = *(const struct merged *const *)pa,
			    *b = *(const struct merged *const *)pb;
	size_t n = a->pair.key->len < b->pair.key->len ? a->pair.key->len : b->pair.key->len;
	int c = memcmp(a->pair.key->text, b->pair.key->text, n);
	if (c)
		return c;
	if (a->pair.key->len != b->pair.key->len)
		return a->pair.key->len < b->pair.key->len ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The mappings a merge key's value brings in: itself, or a list's items
 * (those that are not mappings are said and passed over). False when it is
 * neither a mapping nor a list (said, unless the loader has said why). Any
 * of these leaves the mapping incomplete: a key it lacks may be one meant. */
static bool merge_sources(struct loader *l, struct node *map, const struct node *v,
			  const struct node *const **sources, size_t *n)
{
	static const struct node *one[1];
	if (v->broken) {		/* said where it is written */
		map->incomplete = true;
		return false;
	}
	if (v->type == NODE_MAPPING) {
		one[0] = v;
		*sources = one;
		*n = 1;
		return true;
	}
	if (v->type == NODE_SEQUENCE) {
		for (size_t i = 0; i < v->count; i++) {
			const struct node *item = v->items[i];
			if (item->type == NODE_MAPPING || item->broken)
				continue;
			/* at the alias when the list is one: the list's own
			 * items may be right where they are written */
			diag_error(l->diags, node_origin(v) ? v->pos : item->pos,
				   "a merge key '<<' takes mappings, such as "
				   "<<: [*defaults, *more], not a %s", node_type_name(item));
			map->incomplete = true;
		}
		*sources = (const struct node *const *)v->items;
		*n = v->count;
		return true;
	}
	diag_error(l->diags, v->pos, "a merge key '<<' takes a mapping, such as "
		   "<<: *defaults, or a list of them, not a %s", node_type_name(v));
	map->incomplete = true;
	return false;
}

static void merge_keys(struct loader *l, struct node *map)
{
	size_t merge = map->count, total = 0;
	for (size_t i = 0; i < map->count && merge == map->count; i++)
		if (is_merge_key(map->pairs[i].key))
			merge = i;	/* one at most: a second is a duplicate key */
	if (merge == map->count)
		return;
	const struct node *const *sources = NULL;
	size_t n_sources = 0;
	bool ok = merge_sources(l, map, map->pairs[merge].value, &sources, &n_sources);
	total = map->count - 1;
	for (size_t s = 0; ok && s < n_sources; s++)
		if (sources[s]->type == NODE_MAPPING)
			total += sources[s]->count;
	struct merged *all = xmalloc((total ? total : 1) * sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < map->count; i++) {
		if (i != merge) {
			all[n] = (struct merged){ map->pairs[i], 0, n, false };
			n++;
			continue;
		}
		for (size_t s = 0; ok && s < n_sources; s++) {
			const struct node *src = sources[s];
			if (src->type != NODE_MAPPING)
				continue;
			if (src->incomplete)
				map->incomplete = true;
			for (size_t k = 0; k < src->count; k++, n++)
				all[n] = (struct merged){ src->pairs[k], s + 1, n, false };
		}
	}
	struct merged **sorted = xmalloc((n ? n : 1) * sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = &all[i];
	qsort(sorted, n, sizeof *sorted, merged_key_order);
	for (size_t i = 1; i < n; i++) {
		const struct node *a = sorted[i - 1]->pair.key, *b = sorted[i]->pair.key;
		sorted[i]->dropped = a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
	}
	free(sorted);
	map->pairs = arena_alloc(l->arena, (n ? n : 1) * sizeof *map->pairs);
	map->count = 0;
	for (size_t i = 0; i < n; i++)
		if (!all[i].dropped)
			map->pairs[map->count++] = all[i].pair;
	free(all);
}

static void close_collection(struct loader *l)
{
	struct frame f = l->stack[--l->depth];
	struct node *n = f.node;
	if (n->type == NODE_MAPPING) {
		n->pairs = arena_alloc(l->arena, f.n / 2 * sizeof *n->pairs);
		n->count = 0;
		for (size_t i = 0; i + 1 < f.n; i += 2) {
			struct node *key = f.children[i];
			/* a key that cannot be read: the pair is left out, and
			 * the mapping may lack any key because of it */
			if (key->type != NODE_SCALAR) {
				diag_error(l->diags, key->pos, "a key must be plain text, not a %s",
					   node_type_name(key));
				n->incomplete = true;
				continue;
			}
			if (key->broken) {	/* reported where it is written */
				n->incomplete = true;
				continue;
			}
			n->pairs[n->count++] = (struct node_pair){ key, f.children[i + 1] };
		}
		drop_duplicate_keys(l, n);
		merge_keys(l, n);
	} else {
		n->count = f.n;
		n->items = arena_alloc(l->arena, n->count * sizeof *n->items);
		if (n->count)
			memcpy(n->items, f.children, n->count * sizeof *n->items);
	}
	free(f.children);
	n->open = false;
	attach(l, n);
}

/* The byte offset of a libyaml mark, from its line and column (libyaml's own
 * index counts characters, not bytes). Marks mostly move forward, so a
 * cursor keeps this linear over a file. */
static size_t mark_offset(struct loader *l, yaml_mark_t m)
{
	if (m.line < l->cursor_line)
		l->cursor_line = l->cursor_byte = 0;
	size_t i = l->cursor_byte;
	for (; l->cursor_line < m.line && i < l->size; i++)
		if (l->data[i] == '\n') {
			l->cursor_line++;
			l->cursor_byte = i + 1;
		}
	i = l->cursor_byte;
	for (size_t col = 0; col < m.column && i < l->size; i++)
		if (((unsigned char)l->data[i] & 0xC0) != 0x80)
			col++;
	while (i < l->size && ((unsigned char)l->data[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* A control character, as libyaml's reader refuses it raw in a file: C0 but
 * tab and line feed, DEL, and C1. Written as an escape in a double-quoted
 * scalar ("\0", "\x01", "\e") it would otherwise reach the model, where a NUL
 * silently cuts "green\0junk" to "green". */
static bool is_control(unsigned long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F);
}

/* The first control character in a scalar's UTF-8 text, or NULL. */
static const char *find_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80 && is_control(c))	/* not a UTF-8 sequence's byte */
			return s + i;
		/* U+0080-U+009F are C2 80 - C2 9F */
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
			return s + i;
	}
	return NULL;
}

/* The code point a double-quoted scalar's escape stands for (s follows the
 * backslash); a printable stand-in for escapes that write no control. */
static unsigned long escape_value(const char *s, size_t n)
{
	int digits = 0;
	if (n == 0)
		return ' ';
	switch (s[0]) {
	case '0': return 0x00;
	case 'a': return 0x07;
	case 'b': return 0x08;
	case 't': return 0x09;
	case 'n': return 0x0A;
	case 'v': return 0x0B;
	case 'f': return 0x0C;
	case 'r': return 0x0D;
	case 'e': return 0x1B;
	case 'N': return 0x85;
	case 'x': digits = 2; break;
	case 'u': digits = 4; break;
	case 'U': digits = 8; break;
	default: return ' ';
	}
	unsigned long cp = 0;
	for (int k = 1; k <= digits; k++) {
		char h = (size_t)k < n ? s[k] : 0;
		int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 :
			h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
		if (v < 0)
			return ' ';
		cp = cp << 4 | (unsigned long)v;
	}
	return cp;
}

/* A Unicode noncharacter (U+FDD0..U+FDEF, and the last two code points of
 * every plane, U+FFFE, U+FFFF, U+1FFFE ...): meant for a program's own use,
 * never for interchange. libyaml reads most of them, raw or as "\uFDD0", but
 * cairo refuses them in a PDF's text, so text may not hold them at all. */
static bool is_noncharacter(unsigned long cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* The code point of the UTF-8 sequence at s (valid: libyaml checked it, or
 * wrote it); *n is set to its length. */
static unsigned long utf8_at(const unsigned char *s, size_t left, size_t *n)
{
	unsigned char c = s[0];
	size_t need = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : 3;
	if (need >= left)
		need = 0;
	unsigned long cp = need == 0 ? c : need == 1 ? c & 0x1F : need == 2 ? c & 0x0F : c & 0x07;
	for (size_t k = 1; k <= need; k++)
		cp = cp << 6 | (s[k] & 0x3F);
	*n = need + 1;
	return cp;
}

/* The first noncharacter in a scalar's UTF-8 text, or 0. Every scalar is
 * read through here, so bytes below 0xEF are passed over one by one: no
 * noncharacter starts with one (U+FDD0 is EF B7 90), and in valid UTF-8 no
 * byte of 0xEF or more is inside a sequence. */
static unsigned long find_noncharacter(const char *s, size_t len)
{
	for (size_t i = 0, n; i < len; i += n) {
		if ((unsigned char)s[i] < 0xEF) {
			n = 1;
			continue;
		}
		unsigned long cp = utf8_at((const unsigned char *)s + i, len - i, &n);
		if (is_noncharacter(cp))
			return cp;
	}
	return 0;
}

/* Where the first character that bad() refuses is written in a scalar: raw,
 * or in a double-quoted scalar as an escape (the backslash's line and
 * column). The scalar's start when it cannot be told. */
static struct pos bad_char_pos(struct loader *l, const yaml_event_t *ev,
			       bool (*bad)(unsigned long))
{
	struct pos start = mark_pos(l, ev->start_mark), at = start;
	bool quoted = ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	size_t from = mark_offset(l, ev->start_mark), to = mark_offset(l, ev->end_mark);
	for (size_t i = from, n; i < to; i += n) {
		unsigned char c = (unsigned char)l->data[i];
		unsigned long cp = utf8_at((const unsigned char *)l->data + i, to - i, &n);
		if (c == '\n') {
			at.line++, at.col = 1;
		} else if (quoted && c == '\\' && i + 1 < to) {
			if (bad(escape_value(l->data + i + 1, to - i - 1)))
				return at;
			if (l->data[i + 1] != '\n')
				n = 2, at.col += 2;	/* the escape's letter is no break */
			else
				at.col++;
		} else if (bad(cp)) {
			return at;
		} else {
			at.col++;
		}
	}
	return start;
}

/* Values are typed by the format, never by YAML: a tag (`!!binary`, `!!str`,
 * `!local`) would say otherwise, so it is an error at the tag, and the value
 * is read as if it had none. */
static void refuse_tag(struct loader *l, const yaml_char_t *tag, yaml_mark_t at)
{
	if (!tag)
		return;
	/* libyaml gives the tag resolved: "!!binary" by its full name */
	static const char yaml_prefix[] = "tag:yaml.org,2002:";
	const char *name = (const char *)tag;
	bool standard = strncmp(name, yaml_prefix, sizeof yaml_prefix - 1) == 0;
	if (standard)
		name += sizeof yaml_prefix - 1;
	diag_error(l->diags, mark_pos(l, at), "tags are not part of the format: remove "
		   "'%s%.40s%s'; every value is read as the format says", standard ? "!!" : "",
		   name, strlen(name) > 40 ? "..." : "");
}

static bool share_values;

void load_share_values(bool share)
{
	share_values = share;
}

/* A value's text, kept in values: when share_values, a short one the file
 * has given before is the same text, not a copy (a plan's leads, dates,
 * statuses and ratings repeat on every action). Texts are never written
 * once made. */
static const char *value_text(struct loader *l, const char *s, size_t len)
{
	if (!share_values || len > SHARED_TEXT_MAX)
		return arena_strndup(l->values, s, len);
	if ((l->shared_n + 1) * 2 > l->shared_cap) {
		struct shared_text *old = l->shared;
		size_t old_cap = l->shared_cap;
		l->shared_cap = old_cap ? old_cap * 2 : 256;
		l->shared = xcalloc(l->shared_cap, sizeof *l->shared);
		for (size_t i = 0; i < old_cap; i++) {
			if (!old[i].text)
				continue;
			size_t k = text_hash(old[i].text, old[i].len) & (l->shared_cap - 1);
			while (l->shared[k].text)
				k = (k + 1) & (l->shared_cap - 1);
			l->shared[k] = old[i];
		}
		free(old);
	}
	size_t k = text_hash(s, len) & (l->shared_cap - 1);
	for (; l->shared[k].text; k = (k + 1) & (l->shared_cap - 1))
		if (l->shared[k].len == len && memcmp(l->shared[k].text, s, len) == 0)
			return l->shared[k].text;
	l->shared[k] = (struct shared_text){ arena_strndup(l->values, s, len), len };
	l->shared_n++;
	return l->shared[k].text;
}

static void on_scalar(struct loader *l, const yaml_event_t *ev)
{
	refuse_tag(l, ev->data.scalar.tag, ev->start_mark);
	size_t len = ev->data.scalar.length;
	/* Both errors leave the rest of the file readable: the value is kept
	 * as a broken node, and every such value is reported. */
	bool broken = true;
	unsigned long nonchar;
	if (len > LOAD_MAX_TEXT_BYTES) {
		char size[32];
		snprintf(size, sizeof size, "%zu", len);
		diag_error(l->diags, mark_pos(l, ev->start_mark),
			   "this value is %s bytes long; a value may be at most 1 MiB", size);
	} else if (find_control((const char *)ev->data.scalar.value, len)) {
		diag_error(l->diags, bad_char_pos(l, ev, is_control),
			   "YAML syntax error: control characters are not allowed");
	} else if ((nonchar = find_noncharacter((const char *)ev->data.scalar.value, len))) {
		diag_error(l->diags, bad_char_pos(l, ev, is_noncharacter),
			   "U+%04lX is a Unicode noncharacter, which text may not hold", nonchar);
	} else {
		broken = false;
	}
	struct node *n = new_node(l, NODE_SCALAR, ev->start_mark);
	const char *text = (const char *)ev->data.scalar.value;
	if (broken) {
		n->text = "";
		n->broken = true;
	} else {
		/* a key's text is the tree's; a value's may be the model's */
		const struct frame *f = l->depth ? &l->stack[l->depth - 1] : NULL;
		bool key = f && f->node->type == NODE_MAPPING && f->n % 2 == 0;
		n->text = key ? arena_strndup(l->arena, text, len) : value_text(l, text, len);
		n->lasting = !key;
		n->len = len;
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	}
	size_t from, to;
	if ((memchr(n->text, '[', n->len) || memchr(n->text, '<', n->len)) &&
	    (from = mark_offset(l, ev->start_mark)) < (to = mark_offset(l, ev->end_mark))) {
		struct node_rare *r = node_rare_own(n, l->arena);
		r->raw = arena_strndup(l->arena, l->data + from, to - from);
		r->raw_len = (uint32_t)(to - from);
	}
	if (ev->data.scalar.anchor) {
		n->anchored = true;
		anchor_put(l, (const char *)ev->data.scalar.anchor, n);
	}
	attach(l, n);
}

static void on_alias(struct loader *l, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct pos pos = mark_pos(l, ev->start_mark);
	struct node *target = anchor_get(l, name);
	if (!target) {
		fail(l, pos, "alias *%s names no anchor defined before it", name);
		return;
	}
	if (target->open) {
		fail(l, pos, "alias *%s refers to a mapping or list that contains it (a cycle)",
		     name);
		return;
	}
	l->alias_nodes = add_weight(l->alias_nodes, target->weight);
	if (l->alias_nodes > LOAD_MAX_ALIAS_NODES) {
		fail(l, pos, "aliases expand to more than 100000 nodes; alias *%s crosses the limit",
		     name);
		return;
	}
	/* at the alias's position: a record made from it (an action repeated
	 * by alias) is reported where it is used, not where it was written */
	struct node *copy = arena_alloc(l->arena, sizeof *copy);
	*copy = *target;
	copy->pos = pos;
	node_rare_own(copy, l->arena)->origin = target;
	copy->anchored = false;
	attach(l, copy);
}

/* The byte at a libyaml mark, found by line and column (columns count
 * characters); -1 past the end. */
static int byte_at_mark(const struct loader *l, yaml_mark_t m)
{
	size_t i = 0;
	for (size_t line = 0; line < m.line && i < l->size; i++)
		if (l->data[i] == '\n')
			line++;
	for (size_t col = 0; col < m.column && i < l->size; i++)
		if (((unsigned char)l->data[i] & 0xC0) != 0x80)
			col++;
	while (i < l->size && ((unsigned char)l->data[i] & 0xC0) == 0x80)
		i++;
	return i < l->size ? (unsigned char)l->data[i] : -1;
}

/* The first line from first to last (0-based) where a value opens a quote
 * (after ': ' or '- ') that the line does not close. */
static bool find_unclosed_quote(const struct loader *l, size_t first, size_t last,
				struct pos *at)
{
	size_t i = 0, line = 0;
	while (line < first && i < l->size)
		if (l->data[i++] == '\n')
			line++;
	for (; line < last && i < l->size; line++) {
		size_t start = i;
		while (i < l->size && l->data[i] != '\n')
			i++;
		size_t end = i++;
		for (size_t j = start; j + 2 < end; j++) {
			char q = l->data[j + 2];
			if ((l->data[j] != ':' && l->data[j] != '-') || l->data[j + 1] != ' ' ||
			    (q != '"' && q != '\''))
				continue;
			bool closed = false;
			for (size_t k = j + 3; k < end && !closed; k++) {
				if (q == '"' && l->data[k] == '\\')
					k++;
				else if (l->data[k] == q)
					closed = true;
			}
			if (closed)
				break;	/* a later ': ' is inside this text */
			int col = 1;
			for (size_t k = start; k < j + 2; k++)
				col += ((unsigned char)l->data[k] & 0xC0) != 0x80;
			*at = (struct pos){ l->file, (int)line + 1, col };
			return true;
		}
	}
	return false;
}

static void syntax_error(struct loader *l, const yaml_parser_t *p)
{
	struct pos pos;
	if (p->error == YAML_READER_ERROR)
		pos = offset_pos(l, p->problem_offset);
	else
		pos = mark_pos(l, p->problem_mark);
	/* libyaml's words for the two commonest slips say little to an officer */
	if (p->error == YAML_SCANNER_ERROR && p->context &&
	    strcmp(p->context, "while scanning a quoted scalar") == 0) {
		fail(l, mark_pos(l, p->context_mark), "YAML syntax error: %s",
		     "the quoted text that starts here is never closed; add the closing quote mark");
		return;
	}
	/* A quote left open swallows the lines after it until the next quote
	 * mark, and the parser trips over what follows; point at the opening. */
	if (p->error == YAML_PARSER_ERROR && p->problem_mark.line > p->context_mark.line) {
		struct pos open_quote;
		if (find_unclosed_quote(l, p->context_mark.line, p->problem_mark.line, &open_quote)) {
			fail(l, open_quote, "YAML syntax error: %s", "the quoted text that starts "
			     "here is not closed on its line; is its closing quote mark missing?");
			return;
		}
	}
	if (p->error == YAML_SCANNER_ERROR && byte_at_mark(l, p->problem_mark) == '\t') {
		fail(l, pos, "YAML syntax error: %s",
		     "a tab character here; YAML is indented with spaces, never tabs");
		return;
	}
	char msg[512];
	if (p->context)
		snprintf(msg, sizeof msg, "%s %s (line %d)", p->problem ? p->problem : "error",
			 p->context, (int)p->context_mark.line + 1);
	else
		snprintf(msg, sizeof msg, "%s", p->problem ? p->problem : "unreadable YAML");
	fail(l, pos, "YAML syntax error: %s", msg);
}

static void run_parser(struct loader *l)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		out_of_memory();
	yaml_parser_set_input_string(&parser, (const unsigned char *)l->data, l->size);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	bool done = false;
	size_t paged_out = 0;	/* where the parser was at the last page-out */
	while (!done && !l->failed) {
		yaml_event_t ev;
		if (parser.mark.index - paged_out >= PARSED_BYTES_PER_PAGE_OUT) {
			spill_page_out();
			paged_out = parser.mark.index;
		}
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR)
				out_of_memory();
			syntax_error(l, &parser);
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (++l->documents > 1)
				fail(l, mark_pos(l, ev.start_mark),
				     "a file holds one document; this is a second one (%s)",
				     "remove the '---' or split the file");
			break;
		case YAML_SCALAR_EVENT:
			on_scalar(l, &ev);
			break;
		case YAML_ALIAS_EVENT:
			on_alias(l, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			refuse_tag(l, ev.data.sequence_start.tag, ev.start_mark);
			open_collection(l, NODE_SEQUENCE, &ev, ev.data.sequence_start.anchor);
			break;
		case YAML_MAPPING_START_EVENT:
			refuse_tag(l, ev.data.mapping_start.tag, ev.start_mark);
			open_collection(l, NODE_MAPPING, &ev, ev.data.mapping_start.anchor);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			close_collection(l);
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (size_t i = 0; i < l->depth; i++)
		free(l->stack[i].children);
	free(l->stack);
	free(l->anchors);
	free(l->shared);
}

struct node *load_buffer(const char *data, size_t size, const char *display_path,
			 struct arena *arena, struct arena *values, struct diags *diags)
{
	struct pos start = { display_path, 1, 1 };
	/* Notepad starts UTF-8 files with a byte order mark, which the parser,
	 * held to UTF-8, would take for text. It is skipped before anything else
	 * looks at the file, so columns on line 1 count from the first character
	 * an editor shows. */
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		data += 3, size -= 3;
	struct loader l = { .arena = arena, .values = values, .diags = diags, .file = display_path,
			    .data = data, .size = size };
	if (size > LOAD_MAX_FILE_BYTES) {
		char mib[32];
		snprintf(mib, sizeof mib, "%.1f", (double)size / (1024.0 * 1024.0));
		diag_error(diags, start, "the file is %s MiB; a content file may be at most 16 MiB",
			   mib);
		return NULL;
	}
	int line, col;
	if (!utf8_valid(data, size, &line, &col)) {
		diag_error(diags, (struct pos){ display_path, line, col },
			   "the file is not valid UTF-8 here; save it as UTF-8");
		return NULL;
	}
	run_parser(&l);
	if (l.failed)
		return NULL;
	if (!l.root) {
		diag_error(diags, start, "the file is empty; it should hold one document "
			   "starting with 'kind:'");
		return NULL;
	}
	return l.root;
}

struct node *load_file(const char *path, const char *display_path,
		       struct arena *arena, struct arena *values, struct diags *diags)
{
	struct pos start = { display_path, 1, 1 };
	/* O_NONBLOCK: opening a pipe named .yaml would wait for a writer for
	 * ever; this way it opens at once and fstat turns it away unread. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
	if (!f) {
		diag_error(diags, start, "cannot read the file: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag_error(diags, start, "not a regular file (a folder, pipe, socket or device)");
		fclose(f);
		return NULL;
	}
	if ((unsigned long long)st.st_size > LOAD_MAX_FILE_BYTES) {
		char mib[32];
		snprintf(mib, sizeof mib, "%.1f", (double)st.st_size / (1024.0 * 1024.0));
		diag_error(diags, start, "the file is %s MiB; a content file may be at most 16 MiB",
			   mib);
		fclose(f);
		return NULL;
	}
	size_t size = (size_t)st.st_size, spilled = 0;
	/* read once, as the parser goes; in the spill file, so that what the
	 * parser has passed leaves memory (a 10,000-action plan is 9 MB) */
	char *data = spill_map(size + 1, &spilled);
	if (!data)
		data = xmalloc(size + 1);
	size_t got = fread(data, 1, size, f);
	fclose(f);
	struct node *root = NULL;
	if (got != size) {
		diag_error(diags, start, "cannot read the whole file");
	} else {
		data[size] = '\0';
		root = load_buffer(data, size, display_path, arena, values, diags);
	}
	if (spilled)
		spill_unmap(data, spilled);
	else
		free(data);
	return root;
}

bool node_is_null(const struct node *n)
{
	if (!n)
		return true;
	if (n->type != NODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 || str_ieq(n->text, "null");
}

struct node *node_get(const struct node *mapping, const char *key)
{
	if (!mapping || mapping->type != NODE_MAPPING)
		return NULL;
	for (size_t i = 0; i < mapping->count; i++)
		if (strcmp(mapping->pairs[i].key->text, key) == 0)
			return mapping->pairs[i].value;
	return NULL;
}

const char *node_type_name(const struct node *n)
{
	switch (n->type) {
	case NODE_SCALAR:
		return "text";
	case NODE_MAPPING:
		return "mapping";
	case NODE_SEQUENCE:
		return "list";
	}
	return "value";
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct pos node_text_pos_from(const struct node *n, size_t offset, struct text_cursor *cur)
{
	if (n && node_origin(n))
		n = node_origin(n);	/* the text is written at the anchor */
	if (!n || n->type != NODE_SCALAR || !n->rare || !n->rare->raw || offset >= n->len)
		return n ? n->pos : (struct pos){ 0 };
	const char *r = n->rare->raw, *end = r + n->rare->raw_len;
	struct pos at = n->pos;
	char quote = 0;
	/* the value starts after a block scalar's header line or a quote */
	if (*r == '|' || *r == '>') {
		while (r < end && *r != '\n')
			r++;
	} else if (*r == '"' || *r == '\'') {
		quote = *r++;
		at.col++;
	}
	size_t v = 0;
	/* the walk up to a character is the same whatever comes after it: a
	 * later offset in the same text goes on from where the last stopped,
	 * so that finding every link of a long text stays linear */
	if (cur && cur->node == n && cur->value <= offset) {
		v = cur->value;
		r = cur->raw;
		at = cur->at;
	}
	/* every character of the value that is not white space is written in the
	 * raw text, in order, with only white space (indentation, folded line
	 * breaks) or a quote's escape before it */
	for (;; v++) {
		char ch = n->text[v];
		if (v == offset && cur)
			*cur = (struct text_cursor){ n, v, r, at };
		if (v < offset && is_space(ch))
			continue;
		for (;;) {
			while (r < end && is_space(*r)) {
				if (*r == '\n')
					at.line++, at.col = 1;
				else
					at.col++;
				r++;
			}
			if (r >= end)
				return n->pos;
			if (v == offset && (*r == ch || is_space(ch)))
				return at;
			if (*r == ch) {
				if (quote == '\'' && ch == '\'' && r + 1 < end && r[1] == '\'')
					r++, at.col++;	/* '' is one ' */
				break;
			}
			if (quote == '"' && *r == '\\') {
				r++, at.col++;	/* the escape's first character */
				if (r < end && *r == ch)
					break;
			}
			return n->pos;	/* an escape that changes the text: not told */
		}
		r++;
		if (((unsigned char)ch & 0xC0) != 0x80)
			at.col++;
		if (v == offset)
			return at;
	}
}

struct pos node_text_pos(const struct node *n, size_t offset)
{
	return node_text_pos_from(n, offset, NULL);
}
