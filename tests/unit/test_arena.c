/* Unit tests of an arena reset and used again, one arena's memory moved to
 * another, and diagnostics gathered apart and added to a list with a limit:
 * what the content's check of file after file is built on. And an arena's
 * long texts in the spill file: out of memory when paged out, read again
 * whole, and never written by a forked worker. */
#include "diag.h"
#include "spill.h"
#include "unit.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* The resident kilobytes of the mapping p is in, when it is the spill
 * file's (a deleted "planpress-" file); -1 when p is in no such mapping. */
static long spill_resident_kb(const void *p)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	if (!f)
		return -1;
	char line[512];
	bool in = false;
	long rss = -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long from, to;
		char path[256] = "";
		if (sscanf(line, "%lx-%lx %*s %*s %*s %*s %255s", &from, &to, path) >= 2 &&
		    strchr(line, '-') < strchr(line, ' ')) {
			in = (uintptr_t)p >= from && (uintptr_t)p < to && strstr(path, "planpress-");
			continue;
		}
		if (in && sscanf(line, "Rss: %ld kB", &rss) == 1)
			break;
	}
	fclose(f);
	return in ? rss : -1;
}

static char *long_text(struct arena *a, char fill, size_t n)
{
	char *buf = xmalloc(n + 1);
	memset(buf, fill, n);
	buf[n] = '\0';
	char *kept = arena_strdup(a, buf);
	free(buf);
	return kept;
}

static bool all_of(const char *s, char fill, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != fill)
			return false;
	return s[n] == '\0';
}

static void test_spilled_texts(void)
{
	struct arena a, model;
	arena_init(&a);
	arena_init(&model);
	a.spill_texts_from = 64;
	char *ref = arena_strdup(&a, "1.1");
	char *texts[64];
	for (int i = 0; i < 64; i++)	/* 640 KB: blocks of their own */
		texts[i] = long_text(&a, (char)('a' + i % 26), 10000);
	/* the long ones in the spill file, the short one not */
	CHECK(spill_resident_kb(texts[0]) > 0);
	CHECK(spill_resident_kb(ref) == -1);
	CHECK(a.texts != NULL && a.head != NULL);
	spill_page_out();
	CHECK(spill_resident_kb(texts[0]) == 0);
	/* read again whole, from the file */
	bool same = true;
	for (int i = 0; i < 64; i++)
		same = same && all_of(texts[i], (char)('a' + i % 26), 10000);
	CHECK(same);
	CHECK(spill_resident_kb(texts[0]) > 0);
	CHECK_STR(ref, "1.1");
	/* moved with the rest to the model, which frees them */
	arena_move(&model, &a);
	CHECK(a.texts == NULL && model.texts != NULL);
	arena_reset(&a);
	CHECK(a.spill_texts_from == 64);
	char *next = long_text(&a, 'z', 200);	/* the next file's, zeroed room */
	CHECK(all_of(next, 'z', 200));
	CHECK(all_of(texts[63], (char)('a' + 63 % 26), 10000));
	arena_free(&a);
	CHECK(a.spill_texts_from == 64);	/* as set, for the next use */
	arena_free(&model);
}

/* A forked worker reads what was spilled and spills nothing: what it writes
 * is its own, and the build's texts stay as they were. */
static void test_spill_in_worker(void)
{
	struct arena a;
	arena_init(&a);
	a.spill_texts_from = 64;
	char *before = long_text(&a, 'b', 3000);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		char *mine = long_text(&a, 'w', 3000);
		bool ok = all_of(before, 'b', 3000) && all_of(mine, 'w', 3000) &&
			  spill_resident_kb(mine) == -1 && !spill_writable();
		_exit(ok ? 0 : 1);
	}
	int status = -1;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(spill_writable());
	char *after = long_text(&a, 'p', 3000);	/* where the worker's went */
	CHECK(all_of(after, 'p', 3000) && all_of(before, 'b', 3000));
	/* once a worker may read it, what was spilled is not written over:
	 * the arena reset takes new room for the next file */
	CHECK(!spill_reusable());
	arena_reset(&a);
	char *next = long_text(&a, 'n', 3000);
	CHECK(next != before && all_of(next, 'n', 3000));
	arena_free(&a);
}

/* No temporary folder to spill into: the heap's memory, as before. */
static void test_no_spill_file(void)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("TMPDIR", "/nonexistent/planpress-test", 1);
		struct arena a;
		arena_init(&a);
		a.spill_texts_from = 64;
		char *text = long_text(&a, 'h', 5000);
		size_t mapped = 0;
		bool ok = all_of(text, 'h', 5000) && spill_resident_kb(text) == -1 &&
			  spill_map(100, &mapped) == NULL;
		spill_page_out();	/* nothing to do */
		ok = ok && all_of(text, 'h', 5000);
		arena_free(&a);
		_exit(ok ? 0 : 1);
	}
	int status = -1;
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	test_reset();
	test_move();
	test_append();
	test_no_spill_file();	/* first: the spill file is made once */
	test_spilled_texts();
	test_spill_in_worker();
	return unit_summary();
}
