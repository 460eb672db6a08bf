/* Unit tests of an arena reset and used again, one arena's memory moved to
 * another, and diagnostics gathered apart and added to a list with a limit:
 * what the content's check of file after file is built on. */
#include "diag.h"
#include "unit.h"
#include "util.h"

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void test_reset(void)
{
	struct arena a;
	arena_init(&a);
	unsigned char *first = arena_alloc(&a, 100);
	memset(first, 0xAB, 100);
	for (int i = 0; i < 100; i++)	/* several blocks, and a large one */
		memset(arena_alloc(&a, 5000), 0xCD, 5000);
	memset(arena_alloc(&a, 300000), 0xEF, 300000);
	arena_reset(&a);
	CHECK(a.used_bytes == 0);
	/* what is handed out again is zeroed, as new memory is */
	unsigned char *again = arena_alloc(&a, 100);
	CHECK(all_zero(again, 100));
	bool zeroed = true;
	for (int i = 0; i < 100; i++)
		zeroed = zeroed && all_zero(arena_alloc(&a, 5000), 5000);
	CHECK(zeroed);
	CHECK(all_zero(arena_alloc(&a, 300000), 300000));
	CHECK(a.used_bytes >= 100 + 100 * 5000 + 300000);
	CHECK_STR(arena_strdup(&a, "kept"), "kept");
	arena_free(&a);
	CHECK(a.head == NULL && a.spare == NULL && a.used_bytes == 0);
}

static void test_move(void)
{
	struct arena into, from;
	arena_init(&into);
	arena_init(&from);
	char *mine = arena_strdup(&into, "into's own");
	char *tree = arena_strdup(&from, "a tree kept");
	for (int i = 0; i < 50; i++)
		arena_alloc(&from, 4000);
	size_t moved = from.used_bytes;
	size_t had = into.used_bytes;
	arena_move(&into, &from);
	CHECK(into.used_bytes == had + moved);
	CHECK(from.used_bytes == 0 && from.head == NULL);
	/* what from handed out is into's now: from goes on, reset or freed */
	arena_reset(&from);
	CHECK_STR(arena_strdup(&from, "the next file"), "the next file");
	arena_free(&from);
	CHECK_STR(tree, "a tree kept");
	CHECK_STR(mine, "into's own");
	/* into's current block still takes what comes next */
	CHECK_STR(arena_strdup(&into, "more"), "more");
	size_t now = into.used_bytes;
	arena_move(&into, &from);	/* nothing to move */
	CHECK(into.used_bytes == now);
	arena_free(&into);
}

static void test_append(void)
{
	struct diags all = { .max = 3 }, part = { .max = (size_t)-1 };
	diag_error(&all, ((struct pos){ "a.yaml", 1, 1 }), "one");
	diag_warning(&part, ((struct pos){ "b.yaml", 2, 1 }), "two");
	diag_error(&part, ((struct pos){ NULL, 0, 0 }), "three");
	diag_error(&part, ((struct pos){ "c.yaml", 3, 1 }), "four");
	diags_append(&all, &part);
	CHECK(part.n == 0 && part.list == NULL && part.errors == 0);
	/* as diag_add would: kept up to the limit, every one counted */
	CHECK(all.n == 3 && all.truncated);
	CHECK(all.errors == 3 && all.warnings == 1);
	CHECK_STR(all.list[1].message, "two");
	CHECK_STR(all.list[1].pos.file, "b.yaml");
	CHECK_STR(all.list[2].message, "three");
	CHECK(all.list[2].pos.file == NULL);
	diags_free(&all);
}

int main(void)
{
	test_reset();
	test_move();
	test_append();
	return unit_summary();
}
