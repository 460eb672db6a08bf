/* load.h - YAML text into a small tree of positioned nodes (libyaml's event API).
 * Nothing here knows the schema: every scalar stays the text the author wrote, so
 * the schema, not YAML 1.1's guesses, decides what "No" or "1.10" means. The
 * format's limits (file size, nesting, alias expansion, text length) live here,
 * and YAML 1.1's merge key (`<<: *defaults`), which libyaml leaves to us. */
#ifndef PLANPRESS_LOAD_H
#define PLANPRESS_LOAD_H

#include "diag.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The limits of spec/content-format.md, named so tests can sit at the edge. */
#define LOAD_MAX_FILE_BYTES (16u * 1024 * 1024)
#define LOAD_MAX_DEPTH 64
#define LOAD_MAX_ALIAS_NODES 100000
#define LOAD_MAX_TEXT_BYTES (1u * 1024 * 1024)

enum node_type { NODE_SCALAR, NODE_MAPPING, NODE_SEQUENCE };

struct node_pair;

/* What few nodes have: an alias's anchored node, a translated text's
 * original, the text as written of a scalar that may hold a link. */
struct node_rare {
	/* An alias is a copy of the anchored node (sharing its text and
	 * children) at the alias's own position, so what is made of it is told
	 * apart from the original: origin is the anchored node, NULL if none. */
	const struct node *origin;
	const char *source;	/* a translated text's original (foreign below) */
	/* the scalar as written in the file (quotes, indentation, block header),
	 * kept only when it may hold a markdown link, so that a diagnostic can
	 * point inside it (node_text_pos) */
	const char *raw;
	uint32_t raw_len;
};

struct node {
	/* its flags (a bit each) and counts first, beside type, lengths and
	 * counts in 32 bits (a file is at most 16 MiB), a mapping's pairs
	 * sharing room with a sequence's items, and what few nodes have apart
	 * (rare), so that a node takes 56 bytes, not 128 (the 213,000 of a
	 * 10,000-action plan are held while it is checked into the model, the
	 * peak of loading it) */
	enum node_type type : 8;
	bool plain : 1;		/* scalar, unquoted: only then do ~, null and "" mean nothing */
	bool anchored : 1;		/* an anchor names it: aliases may repeat it */
	/* The loader has reported this scalar (longer than the 1 MiB limit, or
	 * holding a control character written as an escape) and goes on with
	 * the file: its text is empty, and whoever reads the tree passes over
	 * it without a word, so the one problem is not reported again as a
	 * wrong, empty or missing value. An alias of it is broken too. */
	bool broken : 1;
	/* mapping: the loader left out a pair whose key it could not read (a
	 * list or mapping as key, a broken key), so any key may be the one
	 * meant: whoever reads it says nothing of keys missing from it */
	bool incomplete : 1;
	/* A translation's tree (schema_translate): a text kept in the
	 * original's language, for want of a translation (shown marked so);
	 * and, for a translated text, the original's text it stands for (a
	 * rating word is found by either, source below). */
	bool foreign : 1;
	bool open : 1;		/* loader's own: still being built, an alias to it is a cycle */
	/* a value's text, in the arena of values given to the loader, which
	 * lives as long as whatever is made of the tree: that may point to
	 * it rather than keep a copy (a key's text is the tree's own) */
	bool lasting : 1;
	/* loader's own: nodes in this subtree, aliases expanded (at most
	 * UINT32_MAX: far past LOAD_MAX_ALIAS_NODES) */
	uint32_t weight;
	uint32_t len;		/* scalar */
	uint32_t count;		/* pairs or items */
	struct pos pos;
	const char *text;	/* NUL-terminated; may hold NULs only if len says so */
	union {
		struct node_pair *pairs;	/* mapping */
		struct node **items;		/* sequence */
	};
	const struct node_rare *rare;	/* NULL: none of it */
};

/* The rare parts of n, NULL when it has none. */
static inline const struct node *node_origin(const struct node *n)
{
	return n->rare ? n->rare->origin : NULL;
}

static inline const char *node_source(const struct node *n)
{
	return n->rare ? n->rare->source : NULL;
}

/* n's rare parts, its own to change (a copy of any it shared, in arena). */
struct node_rare *node_rare_own(struct node *n, struct arena *arena);

struct node_pair {
	struct node *key;	/* always a scalar, never broken */
	struct node *value;
};

/* Load one file. Returns the document's root node, allocated in arena, or NULL
 * after adding an error to diags when the file cannot be read on (unreadable
 * or too big, not UTF-8, a YAML syntax error, nesting too deep, an alias that
 * is undefined, a cycle or past the expansion limit, no document or a second
 * one). Problems that leave the rest readable are reported and loading goes
 * on, so that the rest of the file is checked in the same run: a duplicate
 * key (the first value is kept, the later ones left out), a key that is not
 * text (its pair left out, the mapping marked incomplete), a value over the
 * text limit or holding an escaped control character (kept as a broken
 * node). So a root is no promise of a clean file: diags->errors says.
 * display_path is what diagnostics call the file. The values' texts are
 * taken from values (node.lasting), which may be arena itself: what is made
 * of the tree may keep them for as long as values lives. */
struct node *load_file(const char *path, const char *display_path,
		       struct arena *arena, struct arena *values, struct diags *diags);

/* Whether the loads that follow give every short value written the same
 * way one text, not a copy each (off until said): not where a translation
 * may keep some of them in the original's language, as document.foreign
 * tells texts apart by address, and a person's name is never marked so
 * while a lead of the same words may be. */
void load_share_values(bool share);

/* The same from memory (used by the fuzzer and tests). */
struct node *load_buffer(const char *data, size_t size, const char *display_path,
			 struct arena *arena, struct arena *values, struct diags *diags);

/* Whether a scalar stands for "no value": plain empty, ~, null (any case). */
bool node_is_null(const struct node *n);

/* The value of key in a mapping, or NULL. */
struct node *node_get(const struct node *mapping, const char *key);

const char *node_type_name(const struct node *n);

/* Where the byte at offset in a scalar's text was written in the file: its
 * line and column, found through the quotes, folding and indentation of the
 * YAML. The scalar's own position when that cannot be told (an escape such as
 * \t before it, or no raw text kept). */
struct pos node_text_pos(const struct node *n, size_t offset);
/* The same for offsets in increasing order, each call going on from where the
 * last one stopped (cur zeroed before the first): linear in the text, not in
 * the text times the offsets asked. */
struct text_cursor {
	const struct node *node;
	size_t value;
	const char *raw;
	struct pos at;
};
struct pos node_text_pos_from(const struct node *n, size_t offset, struct text_cursor *cur);

/* Checks that data is valid UTF-8; on failure sets *line, *col (1-based) of the
 * first bad byte. Exposed for unit tests. */
bool utf8_valid(const char *data, size_t size, int *line, int *col);

#endif
