/* write.c - atomic writing of the output tree. */
#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void file_release(struct output_file *f)
{
	free(f->data);
	if (f->spool)
		fclose(f->spool);
}

static void add(struct output *o, const char *path, char *data, size_t size, FILE *spool)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->files[i].path, path) == 0) {
			file_release(&o->files[i]);
			o->files[i].data = data;
			o->files[i].size = size;
			o->files[i].spool = spool;
			return;
		}
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 32;
		o->files = xrealloc(o->files, o->cap * sizeof *o->files);
	}
	o->files[o->n++] = (struct output_file){ xstrdup(path), data, size, spool };
}

void output_add(struct output *o, const char *path, char *data, size_t size)
{
	add(o, path, data, size, NULL);
}

FILE *spool_open(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	char *name = xmalloc(strlen(dir) + 32);
	sprintf(name, "%s/planpress-XXXXXX", dir);
	int fd = mkstemp(name);
	FILE *f = NULL;
	if (fd >= 0) {
		unlink(name);	/* gone when closed, whatever happens */
		f = fdopen(fd, "w+b");
		if (!f)
			close(fd);
	}
	if (!f)
		fprintf(stderr, "planpress: cannot make a temporary file in %s: %s\n", dir,
			strerror(errno));
	free(name);
	return f;
}

void output_add_spool(struct output *o, const char *path, FILE *spool)
{
	fseek(spool, 0, SEEK_END);
	long size = ftell(spool);
	add(o, path, NULL, size > 0 ? (size_t)size : 0, spool);
}

void output_add_copy(struct output *o, const char *path, const void *data, size_t size)
{
	char *copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	output_add(o, path, copy, size);
}

bool output_add_file(struct output *o, const char *path, const char *source)
{
	struct strbuf b = { 0 };
	if (!strbuf_add_file(&b, source)) {
		strbuf_free(&b);
		return false;
	}
	output_add(o, path, b.data, b.len);
	return true;
}

static bool make_parents(const char *path)
{
	char *copy = xstrdup(path);
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
			free(copy);
			return false;
		}
		*p = '/';
	}
	free(copy);
	return true;
}

/* Reads the file's bytes in order, a chunk at a time, into each(); false if
 * the spool cannot be read or each() says stop. */
static bool each_chunk(const struct output_file *f, bool (*each)(const char *, size_t, void *),
		       void *ctx)
{
	if (!f->spool)
		return each(f->data, f->size, ctx);
	char chunk[65536];
	size_t n;
	if (fseek(f->spool, 0, SEEK_SET) != 0)
		return false;
	while ((n = fread(chunk, 1, sizeof chunk, f->spool)) > 0)
		if (!each(chunk, n, ctx))
			return false;
	return !ferror(f->spool);
}

static bool same_chunk(const char *data, size_t n, void *old)
{
	char buf[65536];
	for (size_t done = 0; done < n;) {
		size_t k = n - done < sizeof buf ? n - done : sizeof buf;
		if (fread(buf, 1, k, old) != k || memcmp(buf, data + done, k) != 0)
			return false;
		done += k;
	}
	return true;
}

static bool same_content(const char *path, const struct output_file *file)
{
	struct stat st;
	if (stat(path, &st) != 0 || (size_t)st.st_size != file->size)
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool same = each_chunk(file, same_chunk, f);
	fclose(f);
	return same;
}

static bool write_chunk(const char *p, size_t left, void *fd)
{
	while (left) {
		ssize_t w = write(*(int *)fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += w;
		left -= (size_t)w;
	}
	return true;
}

/* Writes the file to a temporary file beside path; returns its name
 * (malloc'd), or NULL after saying why. */
static char *write_temp(const char *path, const struct output_file *file)
{
	if (!make_parents(path)) {
		fprintf(stderr, "planpress: cannot make the folder for %s: %s\n", path,
			strerror(errno));
		return NULL;
	}
	char *tmp = xmalloc(strlen(path) + 32);
	sprintf(tmp, "%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "planpress: cannot write %s: %s\n", path, strerror(errno));
		free(tmp);
		return NULL;
	}
	errno = 0;
	bool written = each_chunk(file, write_chunk, &fd);
	int saved = errno ? errno : EIO;	/* from a failed write() or read */
	if (written && fsync(fd) != 0)
		written = false, saved = errno;
	if (close(fd) != 0 && written)
		written = false, saved = errno;
	if (!written) {
		fprintf(stderr, "planpress: cannot write %s: %s\n", path, strerror(saved));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

bool write_file_atomic(const char *path, const struct output_file *file)
{
	char *tmp = write_temp(path, file);
	if (!tmp)
		return false;
	bool ok = rename(tmp, path) == 0;
	if (!ok) {
		fprintf(stderr, "planpress: cannot write %s: %s\n", path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return ok;
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A path the manifest may name: relative, inside the folder, no "." or ".."
 * segment, no control character. Anything else in the file was not written
 * by planpress, and is never removed. */
static bool manifest_path_ok(const char *p)
{
	if (!*p || *p == '/')
		return false;
	for (const char *c = p; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			return false;
	for (const char *seg = p;;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 0 || (n == 1 && seg[0] == '.') || (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (!end)
			return true;
		seg = end + 1;
	}
}

/* The paths the last build's manifest lists; none when there is no manifest
 * (a folder planpress never built into, or built into before it kept one). */
static char **read_manifest(const char *path, size_t *n)
{
	*n = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char **list = NULL;
	size_t cap = 0;
	struct strbuf line = { 0 };
	for (int c = 0; c != EOF;) {
		c = getc(f);
		if (c != '\n' && c != EOF) {
			strbuf_addc(&line, (char)c);
			continue;
		}
		if (line.len && line.data[0] != '#' && manifest_path_ok(line.data)) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				list = xrealloc(list, cap * sizeof *list);
			}
			list[(*n)++] = xstrdup(line.data);
		}
		strbuf_free(&line);
	}
	fclose(f);
	return list;
}

/* Removes path's folders below dir that the removal left empty (rmdir fails,
 * harmlessly, on a folder that still holds anything). */
static void remove_empty_parents(const char *dir, char *path)
{
	size_t keep = strlen(dir);
	for (char *slash = strrchr(path, '/'); slash && (size_t)(slash - path) > keep;
	     slash = strrchr(path, '/')) {
		*slash = '\0';
		if (rmdir(path) != 0)
			break;
	}
}

/* "wrote out/plans/x.html, out/plans/x.pdf, out/plans/x.csv": one line per
 * document (its page, PDF, CSVs share a name: document_outputs' suffixes),
 * as spec/cli.md asks; the charts and assets that go with the pages are not
 * listed. */
static void report_written(const struct output *o, const char *dir)
{
	static const char *const exts[] = { ".html", ".pdf", ".csv", "-kpis.csv" };
	enum { N_EXTS = sizeof exts / sizeof *exts };
	struct written { const char *path; size_t stem; const char *by_ext[N_EXTS]; } *docs =
		xcalloc(o->n ? o->n : 1, sizeof *docs);
	size_t n = 0;
	for (size_t i = 0; i < o->n; i++) {
		const char *path = o->files[i].path;
		size_t len = strlen(path), e = N_EXTS;
		/* the longest suffix it ends in: "-kpis.csv" before ".csv" */
		for (size_t k = 0; k < N_EXTS; k++)
			if (len >= strlen(exts[k]) && strcmp(path + len - strlen(exts[k]), exts[k]) == 0 &&
			    (e == N_EXTS || strlen(exts[k]) > strlen(exts[e])))
				e = k;
		if (e == N_EXTS || strncmp(path, "assets/", 7) == 0)
			continue;
		size_t stem = len - strlen(exts[e]), k = 0;
		while (k < n && !(docs[k].stem == stem && strncmp(docs[k].path, path, stem) == 0))
			k++;
		if (k == n)
			docs[n++] = (struct written){ .path = path, .stem = stem };
		docs[k].by_ext[e] = path;
	}
	for (size_t k = 0; k < n; k++) {
		const char *sep = "wrote ";
		for (size_t e = 0; e < N_EXTS; e++)
			if (docs[k].by_ext[e]) {
				fprintf(stderr, "%s%s/%s", sep, dir, docs[k].by_ext[e]);
				sep = ", ";
			}
		fputc('\n', stderr);
	}
	free(docs);
}

/* Every changed file is written to a temporary name first; only when all of
 * them are written are they renamed into place, so that a full disk or a name
 * too long leaves the output as it was. Then the files the last build wrote
 * and this one does not (a deleted plan, a report now exempt, whose old public
 * page would otherwise stay published) are removed, and last the manifest of
 * what this build wrote replaces the old one: a build stopped before the end
 * leaves the old manifest, so the next build still knows what to remove. */
bool output_write(const struct output *o, const char *dir, bool quiet)
{
	char **full = xcalloc(o->n ? o->n : 1, sizeof *full);
	char **tmp = xcalloc(o->n ? o->n : 1, sizeof *tmp);
	char **paths = xcalloc(o->n ? o->n : 1, sizeof *paths);
	bool ok = true;
	for (size_t i = 0; i < o->n; i++)
		paths[i] = o->files[i].path;
	for (size_t i = 0; ok && i < o->n; i++) {
		const struct output_file *f = &o->files[i];
		full[i] = xmalloc(strlen(dir) + strlen(f->path) + 2);
		sprintf(full[i], "%s/%s", dir, f->path);
		if (!same_content(full[i], f))
			ok = (tmp[i] = write_temp(full[i], f)) != NULL;
	}
	/* the new manifest, sorted so that two builds give the same bytes */
	qsort(paths, o->n, sizeof *paths, compare_paths);
	struct strbuf list = { 0 };
	strbuf_adds(&list, "# " OUTPUT_MANIFEST ": the files planpress wrote here; the next build "
		    "removes those it no longer makes\n");
	for (size_t i = 0; i < o->n; i++)
		if (manifest_path_ok(paths[i]))
			strbuf_printf(&list, "%s\n", paths[i]);
	struct output_file manifest = { .data = list.data, .size = list.len };
	char *manifest_path = xmalloc(strlen(dir) + sizeof OUTPUT_MANIFEST + 1);
	sprintf(manifest_path, "%s/%s", dir, OUTPUT_MANIFEST);
	char *manifest_tmp = NULL;
	if (ok && !same_content(manifest_path, &manifest))
		ok = (manifest_tmp = write_temp(manifest_path, &manifest)) != NULL;
	size_t n_old = 0;
	char **old = ok ? read_manifest(manifest_path, &n_old) : NULL;
	for (size_t i = 0; i < o->n; i++) {
		if (tmp[i] && ok && rename(tmp[i], full[i]) != 0) {
			fprintf(stderr, "planpress: cannot write %s: %s\n", full[i], strerror(errno));
			ok = false;
		}
		if (tmp[i] && !ok)
			unlink(tmp[i]);
		free(full[i]);
		free(tmp[i]);
	}
	if (ok && !quiet)
		report_written(o, dir);
	for (size_t i = 0; i < n_old; i++) {
		if (ok && !bsearch(&old[i], paths, o->n, sizeof *paths, compare_paths)) {
			char *stale = xmalloc(strlen(dir) + strlen(old[i]) + 2);
			sprintf(stale, "%s/%s", dir, old[i]);
			if (unlink(stale) == 0) {
				if (!quiet)
					fprintf(stderr, "removed %s\n", stale);
				remove_empty_parents(dir, stale);
			} else if (errno != ENOENT) {
				fprintf(stderr, "planpress: cannot remove %s: %s\n", stale,
					strerror(errno));
				ok = false;
			}
			free(stale);
		}
		free(old[i]);
	}
	free(old);
	if (manifest_tmp && ok && rename(manifest_tmp, manifest_path) != 0) {
		fprintf(stderr, "planpress: cannot write %s: %s\n", manifest_path, strerror(errno));
		ok = false;
	}
	if (manifest_tmp && !ok)
		unlink(manifest_tmp);
	free(manifest_tmp);
	free(manifest_path);
	strbuf_free(&list);
	free(paths);
	free(full);
	free(tmp);
	return ok;
}

void output_free(struct output *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->files[i].path);
		file_release(&o->files[i]);
	}
	free(o->files);
	memset(o, 0, sizeof *o);
}
