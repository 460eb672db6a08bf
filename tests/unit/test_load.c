/* Unit tests of the loader: positions, limits at and just past the edge,
 * duplicate keys, aliases, UTF-8, and loading on after the problems that
 * leave the rest of a file readable. */
#include "load.h"
#include "unit.h"

#include <stdlib.h>

static struct node *load(const char *text, struct arena *a, struct diags *d)
{
	return load_buffer(text, strlen(text), "t.yaml", a, a, d);
}

static char *nested(int depth)
{
	/* depth counts collections: a mapping and then depth-1 lists */
	size_t n = (size_t)depth * 2 + 16;
	char *s = malloc(n);
	strcpy(s, "k: ");
	for (int i = 1; i < depth; i++)
		strcat(s, "[");
	strcat(s, "x");
	for (int i = 1; i < depth; i++)
		strcat(s, "]");
	return s;
}

static void test_positions(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	struct node *root = load("kind: plan\ntitle: \"No\"\nref: 1.10\nlist:\n  - a\n  - ~\n", &a, &d);
	CHECK(root && root->type == NODE_MAPPING && root->count == 4);
	struct node *title = node_get(root, "title");
	CHECK(title && title->pos.line == 2 && title->pos.col == 8);
	CHECK_STR(title->text, "No");	/* text, never the boolean false */
	CHECK(!title->plain);
	CHECK_STR(node_get(root, "ref")->text, "1.10");	/* never the number 1.1 */
	struct node *list = node_get(root, "list");
	CHECK(list->type == NODE_SEQUENCE && list->count == 2);
	CHECK(list->items[1]->pos.line == 6 && list->items[1]->pos.col == 5);
	CHECK(node_is_null(list->items[1]));
	CHECK(d.errors == 0);
	arena_free(&a);
	diags_free(&d);
}

static void test_depth_limit(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	char *ok = nested(LOAD_MAX_DEPTH), *deep = nested(LOAD_MAX_DEPTH + 1);
	CHECK(load(ok, &a, &d) != NULL && d.errors == 0);
	CHECK(load(deep, &a, &d) == NULL && d.errors == 1);
	CHECK(d.n == 1 && strstr(d.list[0].message, "deeper than 64"));
	free(ok);
	free(deep);
	arena_free(&a);
	diags_free(&d);
}

/* A list of n aliases to a one-node anchor expands to exactly n nodes. */
static char *aliases(int n)
{
	char *s = malloc((size_t)n * 4 + 32);
	strcpy(s, "a: &x v\nb: [");
	for (int i = 0; i < n; i++)
		strcat(s, i ? ",*x" : "*x");
	strcat(s, "]\n");
	return s;
}

static void test_alias_limit(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	char *ok = aliases(LOAD_MAX_ALIAS_NODES), *over = aliases(LOAD_MAX_ALIAS_NODES + 1);
	struct node *root = load(ok, &a, &d);
	CHECK(root && d.errors == 0);
	CHECK(root && node_get(root, "b")->count == LOAD_MAX_ALIAS_NODES);
	CHECK(load(over, &a, &d) == NULL && d.errors == 1);
	free(ok);
	free(over);
	/* an alias to a collection that is still open is a cycle */
	CHECK(load("a: &x [1, *x]\n", &a, &d) == NULL && d.errors == 2);
	CHECK(strstr(d.list[1].message, "cycle") != NULL);
	arena_free(&a);
	diags_free(&d);
}

static void test_text_limit(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	size_t n = LOAD_MAX_TEXT_BYTES;
	char *s = malloc(n + 32);
	strcpy(s, "k: ");
	memset(s + 3, 'x', n);
	s[3 + n] = '\0';
	CHECK(load(s, &a, &d) != NULL && d.errors == 0);
	strcpy(s + 3 + n, "y");
	/* one byte over: reported, kept as a broken value, and the file read on */
	struct node *root = load(s, &a, &d);
	CHECK(root && d.errors == 1 && strstr(d.list[0].message, "1048577 bytes"));
	struct node *k = node_get(root, "k");
	CHECK(k && k->broken && k->type == NODE_SCALAR && k->len == 0 && !node_is_null(k));
	CHECK(k && k->pos.line == 1 && k->pos.col == 4);
	free(s);
	/* two values over the limit, a key over it, and a value after them */
	s = malloc(3 * (n + 16) + 64);
	char *p = s;
	p += sprintf(p, "a: ");
	memset(p, 'x', n + 1), p += n + 1;
	p += sprintf(p, "\nb: \"");
	memset(p, 'y', n + 2), p += n + 2;
	p += sprintf(p, "\"\n");
	p += sprintf(p, "? ");	/* an implicit key is at most 1024 characters */
	memset(p, 'z', n + 1), p += n + 1;
	p += sprintf(p, "\n: 1\nc: &c ok\nd: *c\n");
	root = load(s, &a, &d);
	CHECK(root && d.errors == 4 && d.list[1].pos.line == 1 && d.list[2].pos.line == 2 &&
	      d.list[2].pos.col == 4 && d.list[3].pos.line == 3 && d.list[3].pos.col == 3);
	/* the key over the limit: its pair left out, the mapping incomplete */
	CHECK(root && root->count == 4 && root->incomplete);
	CHECK(root && node_get(root, "a")->broken && node_get(root, "b")->broken);
	CHECK_STR(root ? node_get(root, "d")->text : NULL, "ok");
	free(s);
	arena_free(&a);
	diags_free(&d);
}

static void test_duplicates_and_documents(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	/* the first value kept, the later left out, the file read on */
	struct node *root = load("a: 1\nb: 2\na: 3\n", &a, &d);
	CHECK(d.n == 1 && d.list[0].pos.line == 3 && d.list[0].pos.col == 1 &&
	      strstr(d.list[0].message, "first is at line 1"));
	CHECK(root && root->count == 2 && !root->incomplete);
	CHECK_STR(root ? node_get(root, "a")->text : NULL, "1");
	CHECK_STR(root ? root->pairs[1].key->text : NULL, "b");
	CHECK(load("a: 1\n---\nb: 2\n", &a, &d) == NULL && d.n == 2);
	CHECK(d.list[1].pos.line == 2);
	CHECK(load("", &a, &d) == NULL && d.n == 3);
	CHECK(strstr(d.list[2].message, "empty") != NULL);
	CHECK(load("# only a comment\n", &a, &d) == NULL && d.n == 4);
	/* a key three times: both repeats name the first; nested mappings too */
	root = load("x:\n  k: 1\n  k: 2\n  j: 0\n  k: 3\ny: 4\n", &a, &d);
	CHECK(root && d.n == 6 && d.list[4].pos.line == 3 && d.list[5].pos.line == 5 &&
	      strstr(d.list[4].message, "first is at line 2") &&
	      strstr(d.list[5].message, "first is at line 2"));
	struct node *x = root ? node_get(root, "x") : NULL;
	CHECK(x && x->count == 2 && strcmp(node_get(x, "k")->text, "1") == 0 &&
	      strcmp(x->pairs[1].key->text, "j") == 0);
	CHECK(root && node_get(root, "y") != NULL);
	/* a duplicate key before a syntax error: both said, nothing returned */
	CHECK(load("m: {a: 1, a: 2}\nn: [\n", &a, &d) == NULL && d.n == 8 &&
	      strstr(d.list[6].message, "appears twice") &&
	      strstr(d.list[7].message, "YAML syntax error"));
	arena_free(&a);
	diags_free(&d);
}

/* A key that is a list or a mapping: reported, its pair left out, the
 * mapping marked incomplete (any key may be the one it meant), the rest read. */
static void test_key_not_text(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	struct node *root = load("? [a, b]\n: 1\nc: 2\n? {d: 1}\n: 3\ne: [x, y]\n", &a, &d);
	CHECK(root && root->count == 2 && root->incomplete);
	CHECK(d.n == 2 && d.list[0].pos.line == 1 && d.list[0].pos.col == 3 &&
	      strstr(d.list[0].message, "not a list") && d.list[1].pos.line == 4 &&
	      strstr(d.list[1].message, "not a mapping"));
	CHECK(root && node_get(root, "c") && node_get(root, "e") &&
	      node_get(root, "e")->count == 2);
	/* an alias of a list as key is no better */
	root = load("l: &l [1]\n*l : 2\nm: {k: v}\n", &a, &d);
	CHECK(root && d.n == 3 && d.list[2].pos.line == 2 && root->incomplete &&
	      root->count == 2 && !node_get(root, "m")->incomplete);
	arena_free(&a);
	diags_free(&d);
}

static void test_utf8(void)
{
	int line, col;
	CHECK(utf8_valid("caf\xC3\xA9 \xE2\x80\x99 \xC5\xB5", 12, &line, &col));
	CHECK(!utf8_valid("ab\ncd\xFF", 6, &line, &col) && line == 2 && col == 3);
	CHECK(!utf8_valid("\xC0\xAF", 2, &line, &col));		/* overlong */
	CHECK(!utf8_valid("\xED\xA0\x80", 3, &line, &col));	/* surrogate */
	CHECK(!utf8_valid("\xE2\x80", 2, &line, &col));		/* cut short */
	CHECK(!utf8_valid("\xF4\x90\x80\x80", 4, &line, &col));	/* past U+10FFFF */
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	CHECK(load("title: ok\nnote: \"bad \xFE\"\n", &a, &d) == NULL);
	CHECK(d.n == 1 && d.list[0].pos.line == 2 && d.list[0].pos.col == 12);
	arena_free(&a);
	diags_free(&d);
}

/* Control characters written as escapes are refused as raw ones are, at the
 * escape; tab, line feed and other escapes pass. */
static void test_control_escapes(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	CHECK(load("a: \"tab\\tline\\nend \\u00e9 \\\\0 \\x41\"\n", &a, &d) != NULL && d.n == 0);
	/* reported, and kept as a broken value: never "green" cut at the NUL */
	struct node *root = load("rag: \"green\\0junk\"\nnext: 1\n", &a, &d);
	CHECK(root && d.n == 1 && node_get(root, "rag")->broken &&
	      node_get(root, "rag")->len == 0 && node_get(root, "next") != NULL);
	CHECK(d.list[0].pos.line == 1 && d.list[0].pos.col == 12 &&
	      strstr(d.list[0].message, "control characters are not allowed"));
	/* DEL and C1 (\x85 is NEL), and a key: each scalar once; the broken
	 * key's pair is left out */
	root = load("a: \"\\x7f\"\nb: \"x \\N\"\n\"k\\U00000001\": 1\n", &a, &d);
	CHECK(root && root->count == 2 && root->incomplete);
	CHECK(d.n == 4 && d.list[1].pos.col == 5 && d.list[2].pos.line == 2 &&
	      d.list[2].pos.col == 7 && d.list[3].pos.line == 3 && d.list[3].pos.col == 3);
	/* the escape found through an escaped quote and a folded line */
	CHECK(load("t: \"say \\\"hi\\\"\n  and \\a\"\n", &a, &d) != NULL && d.n == 5);
	CHECK(d.list[4].pos.line == 2 && d.list[4].pos.col == 7);
	/* an alias of a broken value is broken, and said once, at the anchor */
	root = load("a: &x \"\\e\"\nb: *x\n", &a, &d);
	CHECK(root && d.n == 6 && node_get(root, "b")->broken &&
	      node_get(root, "b")->pos.line == 2);
	arena_free(&a);
	diags_free(&d);
}

/* A UTF-8 byte order mark (Notepad) is skipped; columns of line 1 count
 * from the first character after it. */
static void test_byte_order_mark(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	struct node *root = load("\xEF\xBB\xBFkind: plan\ntitle: x\n", &a, &d);
	CHECK(root && d.n == 0 && root->pos.line == 1 && root->pos.col == 1);
	CHECK(root && node_get(root, "kind")->pos.col == 7);
	CHECK_STR(root ? root->pairs[0].key->text : NULL, "kind");
	CHECK(load("\xEF\xBB\xBF" "a: 1\na: 2\n", &a, &d) != NULL && d.n == 1 &&
	      d.list[0].pos.line == 2 && d.list[0].pos.col == 1);
	CHECK(load("\xEF\xBB\xBF" "a: \"\\x01\"\n", &a, &d) != NULL && d.n == 2 &&
	      d.list[1].pos.line == 1 && d.list[1].pos.col == 5);
	arena_free(&a);
	diags_free(&d);
}

/* YAML 1.1 merge keys: the keys of the mapping(s) named that the mapping
 * does not set, at the positions they are written; the first of several
 * mappings wins; errors in the merge key's value read on. */
static void test_merge_keys(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	struct node *root = load("base: &b {x: 1, y: 2}\n"
				 "more: &m {y: 3, z: 4}\n"
				 "one:\n  w: 0\n  <<: *b\n  x: 9\n"
				 "two: {<<: [*m, *b], q: 5}\n"
				 "three: {<<: {x: 7}, <<: *b}\n", &a, &d);
	CHECK(root && d.n == 1 && strstr(d.list[0].message, "'<<' appears twice") &&
	      d.list[0].pos.line == 8);
	struct node *one = root ? node_get(root, "one") : NULL;
	/* its own x wins wherever it is written; y is merged where << stood */
	CHECK(one && one->count == 3 && !node_get(one, "<<"));
	CHECK_STR(one ? one->pairs[0].key->text : NULL, "w");
	CHECK_STR(one ? one->pairs[1].key->text : NULL, "y");
	CHECK_STR(one ? one->pairs[2].key->text : NULL, "x");
	CHECK_STR(one ? node_get(one, "x")->text : NULL, "9");
	CHECK(one && node_get(one, "y")->pos.line == 1 && node_get(one, "y")->pos.col == 20);
	/* of two, the first sets y */
	struct node *two = root ? node_get(root, "two") : NULL;
	CHECK(two && two->count == 4);
	CHECK_STR(two ? node_get(two, "y")->text : NULL, "3");
	CHECK_STR(two ? node_get(two, "x")->text : NULL, "1");
	CHECK_STR(two ? node_get(two, "q")->text : NULL, "5");
	/* a second << is a duplicate key: the first is kept */
	struct node *three = root ? node_get(root, "three") : NULL;
	CHECK(three && three->count == 1);
	CHECK_STR(three ? node_get(three, "x")->text : NULL, "7");
	/* merged mappings merge on; a quoted "<<" is a key like any other */
	root = load("a: &a {k: 1}\nb: &b {<<: *a, l: 2}\nc: {<<: *b}\nd: {\"<<\": *a}\n", &a, &d);
	CHECK(root && d.n == 1 && node_get(node_get(root, "c"), "k") &&
	      node_get(node_get(root, "c"), "l") && node_get(node_get(root, "d"), "<<"));
	/* not a mapping: said, the pair left out, the mapping incomplete */
	root = load("a: {<<: text, k: 1}\nb: {<<: [{x: 1}, [y]], k: 2}\nc: &c [1]\n"
		    "e: {<<: *c}\n", &a, &d);
	CHECK(root && d.n == 4 && d.list[1].pos.line == 1 && d.list[1].pos.col == 9 &&
	      strstr(d.list[1].message, "not a text") && d.list[2].pos.line == 2 &&
	      d.list[2].pos.col == 18 && strstr(d.list[2].message, "not a list") &&
	      d.list[3].pos.line == 4);
	CHECK(root && node_get(root, "a")->incomplete && node_get(root, "a")->count == 1);
	CHECK(root && node_get(root, "b")->count == 2 && node_get(node_get(root, "b"), "x"));
	CHECK(root && node_get(root, "e")->incomplete && node_get(root, "e")->count == 0);
	/* merging counts toward the alias limit as any alias does */
	char *s = malloc(32 + 12 * 10);
	strcpy(s, "a: &a {");
	for (int i = 0; i < 10; i++)
		sprintf(s + strlen(s), "%sk%d: v", i ? ", " : "", i);
	strcat(s, "}\nb: {<<: *a}\n");
	root = load(s, &a, &d);
	CHECK(root && d.n == 4 && node_get(root, "b")->count == 10);
	free(s);
	arena_free(&a);
	diags_free(&d);
}

/* A short value given again is the same text (a plan's leads and dates on
 * every action), a key or a long value a text of its own; each as written. */
static void test_shared_values(void)
{
	struct arena a;
	struct diags d = { 0 };
	arena_init(&a);
	load_share_values(true);
	char *text = xmalloc(1024);
	snprintf(text, 1024, "a:\n  - {lead: Jo Bloggs, due: 2025, note: %s}\n"
		 "  - {lead: Jo Bloggs, due: '2025', note: %s}\n  - {Jo Bloggs: x}\n",
		 "A sentence long enough that it is kept as it is in every place given.",
		 "A sentence long enough that it is kept as it is in every place given.");
	struct node *root = load(text, &a, &d);
	struct node *list = node_get(root, "a");
	CHECK(d.errors == 0 && list && list->count == 3);
	if (list && list->count == 3) {
		const struct node *one = list->items[0], *two = list->items[1];
		CHECK(node_get(one, "lead")->text == node_get(two, "lead")->text);
		CHECK_STR(node_get(two, "lead")->text, "Jo Bloggs");
		/* the same text, each its own style as written */
		CHECK(node_get(one, "due")->text == node_get(two, "due")->text);
		CHECK(node_get(one, "due")->plain && !node_get(two, "due")->plain);
		CHECK(node_get(one, "note")->text != node_get(two, "note")->text);
		CHECK_STR(node_get(one, "note")->text, node_get(two, "note")->text);
		const struct node *third = list->items[2];
		CHECK(third->type == NODE_MAPPING && third->count == 1 &&
		      third->pairs[0].key->text != node_get(one, "lead")->text);
	}
	free(text);
	diags_free(&d);
	arena_free(&a);
	/* off: a copy each */
	load_share_values(false);
	root = load("a: [Jo, Jo]\n", &a, &d);
	list = node_get(root, "a");
	CHECK(list && list->count == 2 && list->items[0]->text != list->items[1]->text);
	arena_free(&a);
}

int main(void)
{
	test_shared_values();
	test_positions();
	test_depth_limit();
	test_alias_limit();
	test_text_limit();
	test_duplicates_and_documents();
	test_key_not_text();
	test_merge_keys();
	test_utf8();
	test_control_escapes();
	test_byte_order_mark();
	return unit_summary();
}
