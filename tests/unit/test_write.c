/* test_write.c - the files a build collects (gen/write.c): those given to
 * output_add wait in the store, a temporary file, or in memory when no
 * temporary file can be made; either way out/ gets their bytes, a file
 * added again at a path replaces the first, and moving a language's files
 * into the whole output keeps what each is. */
#include "write.h"
#include "unit.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/planpress-test-write-XXXXXX";

static char *copy_of(const char *text, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, text, n);
	return p;
}

static bool holds(const char *rel, const char *want, size_t n)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	struct strbuf b = { 0 };
	if (!strbuf_add_file(&b, path)) {
		strbuf_free(&b);
		return false;
	}
	bool same = b.len == n && (n == 0 || memcmp(b.data, want, n) == 0);
	strbuf_free(&b);
	return same;
}

static const struct output_file *file_at(const struct output *o, const char *path)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->files[i].path, path) == 0)
			return &o->files[i];
	return NULL;
}

/* A site of a few files, some replaced, one larger than the writer's
 * chunks, moved under cy/ as build.c moves a language's; written twice. */
static void collect_and_write(bool stored)
{
	size_t big_n = 200000 + 17;
	char *big = xmalloc(big_n);
	for (size_t i = 0; i < big_n; i++)
		big[i] = (char)('a' + i * 7 % 26);
	struct output lang = { 0 }, out = { 0 };
	output_add(&lang, "plans/x.html", copy_of("first", 5), 5);
	output_add(&lang, "plans/x.html", copy_of("second page", 11), 11);
	output_add(&lang, "plans/x.csv", copy_of("a,b\n", 4), 4);
	output_add(&lang, "assets/charts/big.svg", copy_of(big, big_n), big_n);
	output_add(&lang, "empty.csv", NULL, 0);
	output_keep(&lang, "plans/x.html", 7);	/* what was made wins */
	const struct output_file *x = file_at(&lang, "plans/x.html");
	CHECK(x && x->stored == stored && !x->keep && x->size == 11);
	CHECK(x && (x->data == NULL) == stored);
	output_add(&out, "index.html", copy_of("<p>home</p>", 11), 11);
	for (size_t i = 0; i < lang.n; i++) {
		char path[256];
		snprintf(path, sizeof path, "cy/%s", lang.files[i].path);
		output_move(&out, path, &lang.files[i]);
		free(lang.files[i].path);
	}
	free(lang.files);
	free(lang.made);
	free(lang.slots);
	CHECK(out.n == 5);
	x = file_at(&out, "cy/plans/x.html");
	CHECK(x && x->stored == stored && x->size == 11);
	for (int round = 0; round < 2; round++) {	/* the second: all unchanged */
		CHECK(output_write(&out, dir, true));
		CHECK(holds("index.html", "<p>home</p>", 11));
		CHECK(holds("cy/plans/x.html", "second page", 11));
		CHECK(holds("cy/plans/x.csv", "a,b\n", 4));
		CHECK(holds("cy/assets/charts/big.svg", big, big_n));
		CHECK(holds("cy/empty.csv", "", 0));
	}
	output_free(&out);
	free(big);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	collect_and_write(true);
	/* nowhere for the store: the files wait in memory, as they did */
	char *tmpdir = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/proc/planpress-nowhere", 1);
	collect_and_write(false);
	if (tmpdir)
		setenv("TMPDIR", tmpdir, 1);
	else
		unsetenv("TMPDIR");
	free(tmpdir);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_write: could not remove %s\n", dir);
	return unit_summary();
}
