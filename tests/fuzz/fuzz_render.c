/* fuzz_render.c - the differential fuzz target: `check` and `build` must
 * agree. Load + validate a content folder made from the input, and when that
 * finds no error, render every output as `build` does (HTML, CSV, PDFs and
 * agenda packs, to memory and unnamed temporary files: nothing is written to
 * an output folder). A renderer that refuses what validation passed aborts,
 * with the diagnostics, as a crash does; so do a hang (libFuzzer's -timeout)
 * and runaway memory (-rss_limit_mb).
 *
 * The input is one file, content/plans/fuzz.yaml; or, when it starts with a
 * line "#@ NAME", several: each such line starts the file NAME (a path of
 * letters, digits, '.', '_', '-' and '/', no '..'), so that sites with logos,
 * meetings with their papers and reports with appendices are reached:
 *
 *   #@ site.yaml
 *   kind: site
 *   logo: logo.png
 *   #@ logo.png
 *   <the PNG's bytes>
 *
 * Build and run with `make fuzz`; tests/fuzz/render/ holds its seeds and every
 * input that once failed, replayed by `make check`. */
#define _XOPEN_SOURCE 700	/* nftw */
#include "build.h"
#include "content.h"

#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool name_ok(const char *name, size_t n)
{
	if (n == 0 || n > 80 || name[0] == '/')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-' || c == '/'))
			return false;
		if (c == '.' && (i == 0 || name[i - 1] == '/'))
			return false;	/* no "..", no hidden names */
		if (c == '/' && (i + 1 == n || name[i + 1] == '/'))
			return false;
	}
	return true;
}

static void put_file(const char *root, const char *name, size_t n, const uint8_t *data,
		     size_t size)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%.*s", root, (int)n, name);
	for (char *p = path + strlen(root) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0777);	/* may exist: then fine, or a file: fopen fails */
			*p = '/';
		}
	FILE *f = fopen(path, "wb");
	if (!f)
		return;
	if (size)
		fwrite(data, 1, size, f);
	fclose(f);
}

static void make_files(const char *root, const uint8_t *data, size_t size)
{
	static const char mark[] = "#@ ";
	if (size < 3 || memcmp(data, mark, 3) != 0) {
		put_file(root, "plans/fuzz.yaml", 15, data, size);
		return;
	}
	size_t i = 0;
	while (i < size) {
		/* data[i] starts a "#@ NAME" line */
		size_t name = i + 3, eol = name;
		while (eol < size && data[eol] != '\n')
			eol++;
		size_t body = eol < size ? eol + 1 : size, end = body;
		while (end < size && !(data[end - 1] == '\n' && size - end >= 3 &&
				       memcmp(data + end, mark, 3) == 0))
			end++;
		if (name_ok((const char *)data + name, eol - name))
			put_file(root, (const char *)data + name, eol - name, data + body, end - body);
		i = end;
	}
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static const char *templates(void)
{
	const char *t = getenv("PLANPRESS_TEMPLATES");
	return t && *t ? t : "templates";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *tmp = getenv("TMPDIR");
	char root[512];
	snprintf(root, sizeof root, "%s/planpress-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		perror("fuzz_render: mkdtemp");
		abort();
	}
	make_files(root, data, size);
	struct diags diags = { 0 };
	struct content content;
	content_load_all(&content, root, &diags);
	if (diags.errors == 0) {
		struct output out = { 0 };
		int status = build_render(&content, templates(), &out, &diags);
		if (status != 0 || diags.errors != 0) {
			fprintf(stderr, "fuzz_render: check passed but build refused (status %d):\n",
				status);
			diags_print(&diags, stderr, false);
			abort();
		}
		output_free(&out);
	}
	diags_free(&diags);
	content_free(&content);
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
