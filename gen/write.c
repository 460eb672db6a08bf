/* write.c - atomic writing of the output tree. */
#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void output_add(struct output *o, const char *path, char *data, size_t size)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->files[i].path, path) == 0) {
			free(o->files[i].data);
			o->files[i].data = data;
			o->files[i].size = size;
			return;
		}
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 32;
		o->files = xrealloc(o->files, o->cap * sizeof *o->files);
	}
	o->files[o->n++] = (struct output_file){ xstrdup(path), data, size };
}

void output_add_copy(struct output *o, const char *path, const void *data, size_t size)
{
	char *copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	output_add(o, path, copy, size);
}

bool output_add_file(struct output *o, const char *path, const char *source)
{
	FILE *f = fopen(source, "rb");
	if (!f)
		return false;
	struct strbuf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&b, chunk, n);
	bool ok = !ferror(f);
	fclose(f);
	if (!ok) {
		strbuf_free(&b);
		return false;
	}
	if (!b.data)
		strbuf_add(&b, "", 0);
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

static bool same_content(const char *path, const void *data, size_t size)
{
	struct stat st;
	if (stat(path, &st) != 0 || (size_t)st.st_size != size)
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char *old = xmalloc(size + 1);
	bool same = fread(old, 1, size, f) == size && memcmp(old, data, size) == 0;
	free(old);
	fclose(f);
	return same;
}

bool write_file_atomic(const char *path, const void *data, size_t size)
{
	if (!make_parents(path)) {
		fprintf(stderr, "planpress: cannot make the folder for %s: %s\n", path,
			strerror(errno));
		return false;
	}
	char *tmp = xmalloc(strlen(path) + 32);
	sprintf(tmp, "%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		fprintf(stderr, "planpress: cannot write %s: %s\n", path, strerror(errno));
		free(tmp);
		return false;
	}
	const char *p = data;
	size_t left = size;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		p += w;
		left -= (size_t)w;
	}
	int saved = errno;
	if (left || fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		if (!left)
			saved = errno;
		fprintf(stderr, "planpress: cannot write %s: %s\n", path, strerror(saved));
		unlink(tmp);
		free(tmp);
		return false;
	}
	free(tmp);
	return true;
}

bool output_write(const struct output *o, const char *dir, bool quiet)
{
	for (size_t i = 0; i < o->n; i++) {
		const struct output_file *f = &o->files[i];
		char *full = xmalloc(strlen(dir) + strlen(f->path) + 2);
		sprintf(full, "%s/%s", dir, f->path);
		if (!same_content(full, f->data, f->size)) {
			if (!write_file_atomic(full, f->data, f->size)) {
				free(full);
				return false;
			}
		}
		if (!quiet && (strstr(f->path, ".html") || strstr(f->path, ".pdf") ||
			       strstr(f->path, ".csv")))
			fprintf(stderr, "wrote %s\n", full);
		free(full);
	}
	return true;
}

void output_free(struct output *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->files[i].path);
		free(o->files[i].data);
	}
	free(o->files);
	memset(o, 0, sizeof *o);
}
