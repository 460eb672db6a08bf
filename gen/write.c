/* write.c - the output tree, written so that nothing outside the output
 * folder is ever touched and the folder is never half updated (write.h says
 * how). Every path inside out/ is reached from out/'s descriptor, one folder
 * at a time, with O_NOFOLLOW; nothing here follows a link inside out/. */
#define _GNU_SOURCE	/* renameat2 */
#include "write.h"
#include "diag.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------- collecting ---------- */

/* The store: an unnamed temporary file holding, end to end, the bytes of the
 * files output_add is given, so that a site's pages, charts and CSVs are not
 * all in memory until written (the 57 MB of them of a site of 1,000 documents
 * took 110 MB, buffers and all), and each PDF once rendered, so that a site
 * of thousands of PDFs does not hold a spool file open for each. Written and
 * read at offsets (pwrite, pread): a forked worker sharing it moves nothing.
 * The build's workers append their PDFs to it too, each at its end as found
 * under a lock (fcntl's, held by one process at a time). Gone when no file
 * is in it. */
static struct {
	int fd;			/* -1: none */
	size_t files;		/* files in it, of any output */
} store = { -1, 0 };

bool store_ready(void)
{
	if (store.fd >= 0)
		return true;
	store.fd = temp_file();
	return store.fd >= 0;
}

static void store_lock(int type)
{
	struct flock l = { .l_type = (short)type, .l_whence = SEEK_SET };
	while (fcntl(store.fd, F_SETLKW, &l) != 0 && errno == EINTR)
		;
}

/* Writes n bytes of data to the store at `at`. */
static bool store_write_at(const char *data, size_t n, long long at)
{
	for (size_t done = 0; done < n;) {
		ssize_t w = pwrite(store.fd, data + done, n - done, (off_t)(at + (long long)done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		done += (size_t)w;
	}
	return true;
}

/* Copies size bytes from fd (from offset 0) to the store at `at`. */
static bool copy_in(int fd, size_t size, long long at)
{
	loff_t in = 0, to = at;
	while ((size_t)in < size) {
		ssize_t n = copy_file_range(fd, &in, store.fd, &to, size - (size_t)in, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* not there, or not between these files: by hand */
	}
	char chunk[65536];
	while ((size_t)in < size) {
		size_t want = size - (size_t)in < sizeof chunk ? size - (size_t)in : sizeof chunk;
		ssize_t got = pread(fd, chunk, want, in);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || !store_write_at(chunk, (size_t)got, to))
			return false;
		in += got, to += got;
	}
	return true;
}

/* Appends size bytes, of data or else of the file fd, at the store's end;
 * false when the store cannot be had or written (what was written past the
 * end is never read). */
static bool store_append(const char *data, int fd, size_t size, long long *at)
{
	if (!store_ready())
		return false;
	store_lock(F_WRLCK);
	struct stat st;
	bool ok = fstat(store.fd, &st) == 0;
	*at = ok ? st.st_size : 0;
	if (ok)
		ok = data ? store_write_at(data, size, *at) : copy_in(fd, size, *at);
	store_lock(F_UNLCK);
	return ok;
}

static bool store_put(const char *data, size_t size, long long *at)
{
	if (!store_append(data, -1, size, at))
		return false;
	store.files++;
	return true;
}

bool store_put_spool(FILE *spool, long long *at, size_t *size)
{
	struct stat st;
	if (fflush(spool) != 0 || fstat(fileno(spool), &st) != 0)
		return false;
	*size = (size_t)st.st_size;
	return store_append(NULL, fileno(spool), *size, at);
}

static void store_release(void)
{
	if (--store.files == 0) {
		close(store.fd);
		store.fd = -1;
	}
}

/* The hold is counted as a file: the store is not closed (and another made
 * that the workers do not share) while they may still be appending to it. */
bool store_hold(void)
{
	if (!store_ready())
		return false;
	store.files++;
	return true;
}

void store_let_go(void)
{
	store_release();
}

static void file_release(struct output_file *f)
{
	free(f->data);
	if (f->spool)
		fclose(f->spool);
	if (f->stored)
		store_release();
}

static size_t path_hash(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot of path in o's index: its file's, or the free one it would take
 * (a site has thousands of files: no search through all of them a file). */
static size_t *slot_of(struct output *o, const char *path)
{
	if (o->n_slots < 2 * (o->n + 1)) {
		free(o->slots);
		o->n_slots = o->n_slots ? o->n_slots * 4 : 64;
		o->slots = xcalloc(o->n_slots, sizeof *o->slots);
		for (size_t i = 0; i < o->n; i++) {
			size_t k = path_hash(o->files[i].path) & (o->n_slots - 1);
			while (o->slots[k])
				k = (k + 1) & (o->n_slots - 1);
			o->slots[k] = i + 1;
		}
	}
	size_t k = path_hash(path) & (o->n_slots - 1);
	while (o->slots[k] && strcmp(o->files[o->slots[k] - 1].path, path) != 0)
		k = (k + 1) & (o->n_slots - 1);
	return &o->slots[k];
}

/* Adds made (its content: path is set here) at path; its index. */
static size_t add(struct output *o, const char *path, struct output_file made)
{
	size_t *slot = slot_of(o, path);
	size_t i = *slot ? *slot - 1 : o->n;
	if (!*slot)
		*slot = o->n + 1;
	if (i < o->n && !(made.keep && !o->files[i].keep)) {
		file_release(&o->files[i]);
		made.path = o->files[i].path;
		o->files[i] = made;
	} else if (i == o->n) {
		if (o->n == o->cap) {
			o->cap = o->cap ? o->cap * 2 : 32;
			o->files = xrealloc(o->files, o->cap * sizeof *o->files);
		}
		made.path = xstrdup(path);
		o->files[o->n++] = made;
	}
	if (o->unit) {
		o->made = xgrow(o->made, o->n_made, sizeof *o->made);
		o->made[o->n_made++] = (struct output_made){ o->unit, i };
	}
	return i;
}

void output_add(struct output *o, const char *path, char *data, size_t size)
{
	struct output_file made = { .data = data, .size = size };
	if (size && store_put(data, size, &made.stored_at)) {
		free(data);
		made.data = NULL;
		made.stored = true;
	}
	add(o, path, made);
}

void output_keep(struct output *o, const char *path, size_t size)
{
	add(o, path, (struct output_file){ .size = size, .keep = true });
}

void output_move(struct output *o, const char *path, struct output_file *file)
{
	add(o, path, *file);
	*file = (struct output_file){ .path = file->path };
}

void output_append(struct output *o, struct output *from)
{
	size_t *at = xcalloc(from->n + 1, sizeof *at);
	unsigned unit = o->unit;
	o->unit = 0;	/* from's log says whose each file is */
	for (size_t i = 0; i < from->n; i++) {
		at[i] = add(o, from->files[i].path, from->files[i]);
		from->files[i] = (struct output_file){ .path = from->files[i].path };
	}
	o->unit = unit;
	for (size_t k = 0; k < from->n_made; k++) {
		o->made = xgrow(o->made, o->n_made, sizeof *o->made);
		o->made[o->n_made++] = (struct output_made){ from->made[k].unit,
							     at[from->made[k].file] };
	}
	free(at);
	output_free(from);
}

/* "planpress: cannot write PATH: why", the path escaped (it may hold a line
 * break); path is dir/rel, rel may be NULL. */
static void say_cannot(const char *verb, const char *dir, const char *rel, const char *why)
{
	char *d = diag_escape(dir), *r = rel ? diag_escape(rel) : NULL;
	fprintf(stderr, "planpress: cannot %s %s%s%s: %s\n", verb, d, r ? "/" : "", r ? r : "",
		why);
	free(d);
	free(r);
}

FILE *spool_open(void)
{
	int fd = temp_file();
	FILE *f = NULL;
	if (fd >= 0) {
		f = fdopen(fd, "w+b");
		if (!f)
			close(fd);
	}
	if (!f) {
		int err = errno;
		char *shown = diag_escape(temp_folder());
		fprintf(stderr, "planpress: cannot make a temporary file in %s: %s\n", shown,
			strerror(err));
		free(shown);
	}
	return f;
}

bool spool_failed(FILE *spool)
{
	if (!ferror(spool))
		return false;
	/* the writer stopped at the first failure; writing once more tells why
	 * (a full disk, a file size limit say so again) */
	clearerr(spool);
	errno = 0;
	int err = fputc(0, spool) == EOF || fflush(spool) != 0 ? errno : 0;
	char *shown = diag_escape(temp_folder());
	fprintf(stderr, "planpress: cannot write a temporary file in %s: %s\n", shown,
		strerror(err ? err : EIO));
	free(shown);
	return true;
}

void output_add_spool(struct output *o, const char *path, FILE *spool)
{
	long long at;
	size_t size;
	if (store_put_spool(spool, &at, &size)) {
		fclose(spool);
		output_add_stored(o, path, at, size);
		return;
	}
	fseek(spool, 0, SEEK_END);
	long end = ftell(spool);
	add(o, path, (struct output_file){ .size = end > 0 ? (size_t)end : 0, .spool = spool });
}

void output_add_stored(struct output *o, const char *path, long long at, size_t size)
{
	store.files++;
	add(o, path, (struct output_file){ .size = size, .stored = true, .stored_at = at });
}

void output_add_copy(struct output *o, const char *path, const void *data, size_t size)
{
	char *copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	output_add(o, path, copy, size);
}

void output_free(struct output *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->files[i].path);
		file_release(&o->files[i]);
	}
	free(o->files);
	free(o->made);
	free(o->slots);
	memset(o, 0, sizeof *o);
}

/* ---------- a file's bytes ---------- */

/* Reads the file's bytes in order, a chunk at a time, into each(); false if
 * the spool cannot be read or each() says stop. */
static bool each_chunk(const struct output_file *f, bool (*each)(const char *, size_t, void *),
		       void *ctx)
{
	char chunk[65536];
	for (size_t done = 0; f->stored && done < f->size;) {
		size_t want = f->size - done < sizeof chunk ? f->size - done : sizeof chunk;
		ssize_t got = pread(store.fd, chunk, want, (off_t)(f->stored_at + (long long)done));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || !each(chunk, (size_t)got, ctx))
			return false;
		done += (size_t)got;
	}
	if (f->stored)
		return true;
	if (!f->spool)
		return each(f->data, f->size, ctx);
	size_t n;
	if (fseek(f->spool, 0, SEEK_SET) != 0)
		return false;
	while ((n = fread(chunk, 1, sizeof chunk, f->spool)) > 0)
		if (!each(chunk, n, ctx))
			return false;
	return !ferror(f->spool);
}

static bool read_all(int fd, char *buf, size_t n)
{
	while (n) {
		ssize_t got = read(fd, buf, n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		buf += got;
		n -= (size_t)got;
	}
	return true;
}

static bool same_chunk(const char *data, size_t n, void *fd)
{
	char buf[65536];
	for (size_t done = 0; done < n;) {
		size_t k = n - done < sizeof buf ? n - done : sizeof buf;
		if (!read_all(*(int *)fd, buf, k) || memcmp(buf, data + done, k) != 0)
			return false;
		done += k;
	}
	return true;
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

/* Whether name in folder is a regular file (reached without following a
 * link) holding exactly file's bytes. */
static bool same_content(int folder, const char *name, const struct output_file *file)
{
	int fd = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (size_t)st.st_size == file->size && each_chunk(file, same_chunk, &fd);
	close(fd);
	return same;
}

/* Writes file into a new file fd; 0, or the errno that stopped it. */
static int write_whole(int fd, const struct output_file *file)
{
	errno = 0;
	if (!each_chunk(file, write_chunk, &fd))
		return errno ? errno : EIO;	/* from write(), or reading the spool */
	if (fsync(fd) != 0)
		return errno;
	return 0;
}

/* ---------- the manifest ---------- */

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A path the manifest may name: relative, inside the folder, no "." or ".."
 * segment, no empty one, no control character, not planpress's own
 * bookkeeping (".planpress-..."). */
static bool manifest_path_ok(const char *p)
{
	if (!*p || *p == '/' || strncmp(p, ".planpress", 10) == 0)
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

/* A problem with the output folder's contents that does not stop the build:
 * "out/.planpress-files:3: warning: ...", as diagnostics are printed. */
static void warn(const char *dir, const char *rel, int line, const char *fmt, const char *arg)
{
	char *d = diag_escape(dir), *r = diag_escape(rel), *a = diag_escape(arg);
	fprintf(stderr, "%s/%s", d, r);
	if (line)
		fprintf(stderr, ":%d", line);
	fputs(": warning: ", stderr);
	fprintf(stderr, fmt, a);
	fputc('\n', stderr);
	free(d);
	free(r);
	free(a);
}

/* The manifest's bytes: a comment, then the paths sorted, one a line, so
 * that two builds give the same bytes. */
static void manifest_text(char **paths, size_t n, struct strbuf *out)
{
	strbuf_adds(out, "# " OUTPUT_MANIFEST ": the files planpress wrote here; the next build "
		    "removes those it no longer makes\n");
	qsort(paths, n, sizeof *paths, compare_paths);
	for (size_t i = 0; i < n; i++)
		if ((i == 0 || strcmp(paths[i], paths[i - 1]) != 0) && manifest_path_ok(paths[i]))
			strbuf_printf(out, "%s\n", paths[i]);
}

/* ---------- the writer ---------- */

/* A folder inside out/, opened from out/'s descriptor one name at a time. */
struct folder {
	char *rel;		/* "" for out/ itself, "plans", "assets/charts" */
	int fd;			/* -1 while missing (or unusable) */
	int parent;		/* index, -1 for out/ */
	const char *bad;	/* why it cannot be written into, or NULL */
	int bad_at;		/* the folder on the way that is the reason */
};

/* One step of the commit, to be undone if a later one fails. */
enum step_kind {
	STEP_FOLDER,		/* a folder made (in folder, named name) */
	STEP_EXCHANGED,		/* the new file swapped with the old, now in staging */
	STEP_REPLACED,		/* renamed over the old (a hard link to it kept) */
	STEP_CREATED,		/* renamed to a name that was free */
	STEP_MOVED_AWAY,	/* a stale file moved into staging */
};

struct step {
	enum step_kind kind;
	int folder;		/* where name is */
	const char *name;
	char staged[32];	/* its name in staging */
	char backup[32];	/* STEP_REPLACED: the old file's link in staging, or "" */
};

struct writer {
	const char *dir;
	int out_fd, stage_fd;
	char stage_name[64];
	dev_t dev;		/* out/'s file system: renames stay on it */
	struct folder *folders;
	size_t n_folders, cap_folders;
	int *folder_slots;	/* open addressing over folders' rel: index + 1 */
	size_t n_slots;
	char **made_above;	/* out/ itself and folders above it made for it */
	size_t n_made_above;
	struct step *steps;
	size_t n_steps, cap_steps;
	unsigned long staged;	/* names handed out in staging */
	/* a test hook: PLANPRESS_TEST_WRITE_STEP=kill:N or fail:N kills the
	 * process, or fails as an I/O error would, at the Nth step that changes
	 * the disk (a file staged, a folder made, a rename); kill:0 kills it as
	 * its writing begins, all rendered and nothing written (hook_at -1);
	 * =count says how many steps a build took. tests/cli/hardening stops
	 * builds at points of their writing with it */
	long hook_at, hook_step;
	bool hook_kill, hook_count;
};

/* Counts a step that changes the disk; false (errno set) when the test hook
 * fails it. */
static bool step_allowed(struct writer *w)
{
	w->hook_step++;
	if (!w->hook_at || w->hook_step != w->hook_at)
		return true;
	if (w->hook_kill)
		raise(SIGKILL);
	errno = EIO;
	return false;
}

static void read_hook(struct writer *w)
{
	const char *h = getenv("PLANPRESS_TEST_WRITE_STEP");
	w->hook_count = h && strcmp(h, "count") == 0;
	if (!h || (strncmp(h, "kill:", 5) != 0 && strncmp(h, "fail:", 5) != 0))
		return;
	char *end;
	long at = strtol(h + 5, &end, 10);
	if (!*end && at > 0) {
		w->hook_at = at;
		w->hook_kill = h[0] == 'k';
	} else if (!*end && at == 0 && h[0] == 'k') {
		w->hook_at = -1;
		w->hook_kill = true;
	}
}

static void next_staged_name(struct writer *w, char *name, size_t size)
{
	snprintf(name, size, "f%lu", ++w->staged);
}

static const char *base_name(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	return slash ? slash + 1 : rel;
}

static char *parent_of(const char *rel)
{
	const char *slash = strrchr(rel, '/');
	size_t n = slash ? (size_t)(slash - rel) : 0;
	char *up = xmalloc(n + 1);
	memcpy(up, rel, n);
	up[n] = '\0';
	return up;
}

static void add_step(struct writer *w, struct step s)
{
	if (w->n_steps == w->cap_steps) {
		w->cap_steps = w->cap_steps ? w->cap_steps * 2 : 64;
		w->steps = xrealloc(w->steps, w->cap_steps * sizeof *w->steps);
	}
	w->steps[w->n_steps++] = s;
}

/* "plans/x.html" from the folder "plans" and a name in it. */
static char *joined(const struct writer *w, int folder, const char *name)
{
	const char *rel = folder >= 0 ? w->folders[folder].rel : "";
	char *p = xmalloc(strlen(rel) + strlen(name) + 2);
	sprintf(p, "%s%s%s", rel, *rel ? "/" : "", name);
	return p;
}

static size_t rel_hash(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 ^ (unsigned char)*s++;
	return h;
}

/* The folder's index, added (unopened) when new: hashed, as a list of a
 * hundred thousand paths may name as many folders. */
static int folder_index(struct writer *w, const char *rel)
{
	if ((w->n_folders + 1) * 2 > w->n_slots) {
		free(w->folder_slots);
		w->n_slots = w->n_slots ? w->n_slots * 2 : 64;
		w->folder_slots = xcalloc(w->n_slots, sizeof *w->folder_slots);
		for (size_t i = 0; i < w->n_folders; i++) {
			size_t k = rel_hash(w->folders[i].rel) & (w->n_slots - 1);
			while (w->folder_slots[k])
				k = (k + 1) & (w->n_slots - 1);
			w->folder_slots[k] = (int)i + 1;
		}
	}
	size_t k = rel_hash(rel) & (w->n_slots - 1);
	for (; w->folder_slots[k]; k = (k + 1) & (w->n_slots - 1))
		if (strcmp(w->folders[w->folder_slots[k] - 1].rel, rel) == 0)
			return w->folder_slots[k] - 1;
	if (w->n_folders == w->cap_folders) {
		w->cap_folders = w->cap_folders ? w->cap_folders * 2 : 16;
		w->folders = xrealloc(w->folders, w->cap_folders * sizeof *w->folders);
	}
	w->folders[w->n_folders] = (struct folder){ xstrdup(rel), -1, -1, NULL, -1 };
	w->folder_slots[k] = (int)w->n_folders + 1;
	return (int)w->n_folders++;
}

/* The folder rel ("" for out/), opened without following a link; its index.
 * A folder that is missing keeps fd -1, and is made when make is set (a step,
 * undone if the build fails); one that cannot be written into (a link, a
 * file, another file system on the way) keeps why in bad. -1 only when make
 * fails (errno set). */
static int find_folder(struct writer *w, const char *rel, bool make)
{
	int i = folder_index(w, rel);
	if (w->folders[i].fd >= 0 || w->folders[i].bad)
		return i;
	if (!*rel) {
		w->folders[i].fd = w->out_fd;
		return i;
	}
	char *up = parent_of(rel);
	int p = find_folder(w, up, make);
	free(up);
	if (p < 0)
		return -1;
	struct folder *f = &w->folders[i];
	const struct folder *parent = &w->folders[p];
	f->parent = p;
	if (parent->bad) {
		f->bad = parent->bad;
		f->bad_at = parent->bad_at;
		return i;
	}
	if (parent->fd < 0)
		return i;	/* below a folder still to be made */
	const char *name = base_name(f->rel);
	int fd = openat(parent->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		if (!make)
			return i;
		if (!step_allowed(w) || mkdirat(parent->fd, name, 0777) != 0)
			return -1;
		add_step(w, (struct step){ STEP_FOLDER, p, name, "", "" });
		fd = openat(parent->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return -1;
	}
	struct stat st;
	if (fd < 0) {
		int err = errno;
		if (fstatat(parent->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode))
			f->bad = "it is a link; planpress writes only into folders inside the output "
				 "folder, never through a link";
		else if (err == ENOTDIR)
			f->bad = "it is a file where a folder must be";
		else
			f->bad = strerror(err);
		f->bad_at = i;
		return i;
	}
	if (fstat(fd, &st) != 0 || st.st_dev != w->dev) {
		close(fd);
		f->bad = "it is another file system mounted inside the output folder";
		f->bad_at = i;
		return i;
	}
	f->fd = fd;
	return i;
}

/* "planpress: cannot write out/plans/x.html: out/plans: it is a link ..." */
static void say_bad_folder(const struct writer *w, const char *rel, int folder)
{
	const struct folder *f = &w->folders[folder];
	char *d = diag_escape(w->dir), *r = diag_escape(rel);
	char *at = diag_escape(w->folders[f->bad_at].rel);
	fprintf(stderr, "planpress: cannot write %s/%s: %s/%s: %s\n", d, r, d, at, f->bad);
	free(d);
	free(r);
	free(at);
}

/* Removes the entry name in parent: a folder with all it holds, anything
 * else by its name alone (unlinkat never follows a link, so a link planted in
 * a staging folder removes only itself). */
static void remove_tree(int parent, const char *name, int depth)
{
	int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR)
			unlinkat(parent, name, 0);
		return;
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		struct stat st;
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode) &&
		    depth < 16)
			remove_tree(fd, e->d_name, depth + 1);
		else
			unlinkat(fd, e->d_name, 0);
	}
	closedir(d);
	unlinkat(parent, name, AT_REMOVEDIR);
}

static bool process_alive(long pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno != ESRCH);
}

/* The process number after the first prefix in name ("x.html.tmp-123" after
 * ".tmp-"), when the name ends with it; else 0. */
static long pid_suffix(const char *name, const char *prefix)
{
	const char *at = strstr(name, prefix);
	if (!at)
		return 0;
	at += strlen(prefix);
	char *end;
	long pid = strtol(at, &end, 10);
	return *at >= '0' && *at <= '9' && !*end && pid > 0 ? pid : 0;
}

/* Opens (making it, and the folders above it, when missing) the output
 * folder itself. It is named by the user and followed as any path given on
 * the command line is; everything inside it is reached without links. */
static bool open_out(struct writer *w)
{
	w->out_fd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (w->out_fd < 0 && errno == ENOENT) {
		char *path = xstrdup(w->dir);
		for (char *p = path + 1;; p++) {
			if (*p && *p != '/')
				continue;
			char c = *p;
			*p = '\0';
			bool made = mkdir(path, 0777) == 0;
			if (made) {
				w->made_above = xrealloc(w->made_above,
							 (w->n_made_above + 1) * sizeof *w->made_above);
				w->made_above[w->n_made_above++] = xstrdup(path);
			}
			*p = c;
			if (!c || (!made && errno != EEXIST))
				break;
		}
		free(path);
		w->out_fd = open(w->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	}
	if (w->out_fd < 0) {
		say_cannot("write into", w->dir, NULL, strerror(errno));
		return false;
	}
	struct stat st;
	fstat(w->out_fd, &st);
	w->dev = st.st_dev;
	find_folder(w, "", false);	/* index 0: out/ itself */
	return true;
}

/* The staging folders of builds that are over (killed, or the machine
 * stopped): with the output folder's lock held, every one; without a lock (a
 * file system that has none), those whose process has ended. And the
 * temporary files older versions of planpress left beside the files they
 * wrote ("x.pdf.tmp-PID"), named after a file planpress writes (known,
 * sorted), whose process has ended. */
static void clear_stale(struct writer *w, bool locked, char **known, size_t n_known)
{
	int fd = dup(w->out_fd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (!d && fd >= 0)
		close(fd);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		long pid = pid_suffix(e->d_name, OUTPUT_STAGING ".");
		if (pid && strncmp(e->d_name, OUTPUT_STAGING ".", sizeof OUTPUT_STAGING) == 0 &&
		    (locked || !process_alive(pid)))
			remove_tree(w->out_fd, e->d_name, 0);
	}
	if (d)
		closedir(d);
	for (size_t i = 0; i < w->n_folders; i++) {
		if (w->folders[i].fd < 0 || (fd = dup(w->folders[i].fd)) < 0)
			continue;
		if (!(d = fdopendir(fd))) {
			close(fd);
			continue;
		}
		while ((e = readdir(d))) {
			long pid = pid_suffix(e->d_name, ".tmp-");
			struct stat st;
			if (!pid || process_alive(pid) ||
			    fstatat(w->folders[i].fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISREG(st.st_mode))
				continue;
			char *key = joined(w, (int)i, e->d_name);
			*strstr(key + strlen(w->folders[i].rel), ".tmp-") = '\0';
			if (bsearch(&key, known, n_known, sizeof *known, compare_paths))
				unlinkat(w->folders[i].fd, e->d_name, 0);
			free(key);
		}
		closedir(d);
	}
}

static bool make_staging(struct writer *w)
{
	snprintf(w->stage_name, sizeof w->stage_name, "%s.%ld", OUTPUT_STAGING, (long)getpid());
	remove_tree(w->out_fd, w->stage_name, 0);	/* a process of this number, gone */
	if (mkdirat(w->out_fd, w->stage_name, 0700) != 0 ||
	    (w->stage_fd = openat(w->out_fd, w->stage_name,
				  O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
		say_cannot("write into", w->dir, NULL, strerror(errno));
		if (w->stage_fd < 0)
			unlinkat(w->out_fd, w->stage_name, AT_REMOVEDIR);
		w->stage_name[0] = '\0';
		return false;
	}
	return true;
}

/* The paths the last build's manifest lists, each checked: one that is not a
 * path planpress writes inside the folder is warned of and left out, never
 * followed. None when there is no manifest. */
static char **read_manifest(struct writer *w, size_t *n)
{
	*n = 0;
	int fd = openat(w->out_fd, OUTPUT_MANIFEST, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			warn(w->dir, OUTPUT_MANIFEST, 0, "it cannot be read (%s), so no file an "
			     "earlier build wrote is removed", errno == ELOOP ? "it is a link" :
			     strerror(errno));
		return NULL;
	}
	struct stat st;
	struct strbuf text = { 0 };
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < 64 * 1024 * 1024;
	char chunk[65536];
	ssize_t got;
	while (ok && (got = read(fd, chunk, sizeof chunk)) > 0)
		strbuf_add(&text, chunk, (size_t)got);
	close(fd);
	if (!ok) {
		warn(w->dir, OUTPUT_MANIFEST, 0, "it cannot be read (%s), so no file an earlier "
		     "build wrote is removed", "not a file planpress wrote");
		strbuf_free(&text);
		return NULL;
	}
	char **list = NULL;
	size_t cap = 0;
	int line = 0;
	for (const char *p = text.data, *end = text.data + text.len; p && p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);
		char *entry = xmalloc(len + 1);
		memcpy(entry, p, len);
		entry[len] = '\0';
		line++;
		p += len + 1;
		if (!*entry || entry[0] == '#') {
			free(entry);
			continue;
		}
		if (strlen(entry) != len || !manifest_path_ok(entry)) {
			warn(w->dir, OUTPUT_MANIFEST, line, "'%s' is not a path inside the output "
			     "folder that planpress writes; ignored", entry);
			free(entry);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			list = xrealloc(list, cap * sizeof *list);
		}
		list[(*n)++] = entry;
	}
	strbuf_free(&text);
	return list;
}

/* A file of the new tree: where it goes, and its bytes in staging when they
 * differ from what is there. */
struct planned {
	const char *rel;
	int folder;		/* in w->folders */
	char staged[32];	/* "" when unchanged */
};

/* Writes file into staging under a new name (O_EXCL, in a folder only this
 * build writes: nothing planted can be written through). */
static bool stage(struct writer *w, const char *rel, const struct output_file *file,
		  struct planned *p)
{
	next_staged_name(w, p->staged, sizeof p->staged);
	int fd = -1, err = 0;
	if (!step_allowed(w))
		err = errno;
	else if ((fd = openat(w->stage_fd, p->staged, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			      O_CLOEXEC, 0666)) < 0)
		err = errno;
	else
		err = write_whole(fd, file);
	if (fd >= 0 && close(fd) != 0 && !err)
		err = errno;
	if (err) {
		say_cannot("write", w->dir, rel, strerror(err));
		p->staged[0] = '\0';
		return false;
	}
	return true;
}

/* Plans one file of the new tree: its folder found without links (refused,
 * with why, when a link or a file stands on the way, or a folder stands at
 * its name), its bytes staged when they changed. */
static bool plan_file(struct writer *w, const struct output_file *file, const char *rel,
		      struct planned *p)
{
	*p = (struct planned){ rel, -1, "" };
	char *up = parent_of(rel);
	p->folder = find_folder(w, up, false);
	free(up);
	if (w->folders[p->folder].bad) {
		say_bad_folder(w, rel, p->folder);
		return false;
	}
	int fd = w->folders[p->folder].fd;
	struct stat st;
	if (file->keep) {
		/* record.h found it as the last build left it; still a file? */
		if (fd >= 0 && fstatat(fd, base_name(rel), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode))
			return true;
		say_cannot("keep", w->dir, rel, "it was changed or removed while the build ran; "
			   "build again");
		return false;
	}
	if (fd >= 0 && fstatat(fd, base_name(rel), &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode)) {
			say_cannot("write", w->dir, rel, "it is a folder where a file must be");
			return false;
		}
		if (S_ISREG(st.st_mode) && same_content(fd, base_name(rel), file))
			return true;	/* unchanged: left alone, its times too */
	}
	return stage(w, rel, file, p);
}

/* Puts the new file staged at name in folder: swapped with what is there (so
 * that it can be swapped back; what was there is never written to, a link
 * there is replaced, not followed), or renamed to a free name. */
static bool commit_file(struct writer *w, int folder, const char *name, const char *staged)
{
	int fd = w->folders[folder].fd;
	struct stat st;
	bool exists = fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
	struct step s = { STEP_CREATED, folder, name, "", "" };
	snprintf(s.staged, sizeof s.staged, "%s", staged);
	if (exists && S_ISDIR(st.st_mode)) {
		errno = EISDIR;	/* made since it was checked */
		return false;
	}
	if (!step_allowed(w))
		return false;
	if (exists) {
		if (renameat2(w->stage_fd, staged, fd, name, RENAME_EXCHANGE) == 0) {
			s.kind = STEP_EXCHANGED;
			add_step(w, s);
			return true;
		}
		if (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
			return false;
		/* no exchange on this file system: a link to the old file is
		 * kept in staging, to put back */
		s.kind = STEP_REPLACED;
		next_staged_name(w, s.backup, sizeof s.backup);
		if (linkat(fd, name, w->stage_fd, s.backup, 0) != 0)
			s.backup[0] = '\0';
		if (renameat(w->stage_fd, staged, fd, name) != 0) {
			int err = errno;
			if (s.backup[0])
				unlinkat(w->stage_fd, s.backup, 0);
			errno = err;
			return false;
		}
		add_step(w, s);
		return true;
	}
	if (renameat2(w->stage_fd, staged, fd, name, RENAME_NOREPLACE) != 0) {
		if (errno == EEXIST || (errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP))
			return false;
		if (renameat(w->stage_fd, staged, fd, name) != 0)
			return false;
	}
	add_step(w, s);
	return true;
}

/* A stale file moved into staging, to be put back if the build fails: only a
 * regular file (a link, a folder or a pipe at its name is not planpress's). */
static bool move_away(struct writer *w, int folder, const char *name)
{
	int fd = w->folders[folder].fd;
	struct stat st;
	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
		return true;	/* gone, or replaced since: nothing of ours to remove */
	struct step s = { STEP_MOVED_AWAY, folder, name, "", "" };
	next_staged_name(w, s.staged, sizeof s.staged);
	if (!step_allowed(w) || renameat(fd, name, w->stage_fd, s.staged) != 0)
		return false;
	add_step(w, s);
	return true;
}

/* Every step of the commit undone, the last first: the output folder as it
 * was. What cannot be put back is said. */
static void roll_back(struct writer *w)
{
	for (size_t i = w->n_steps; i-- > 0;) {
		const struct step *s = &w->steps[i];
		int fd = w->folders[s->folder].fd;
		bool ok = false;
		switch (s->kind) {
		case STEP_FOLDER:
			ok = unlinkat(fd, s->name, AT_REMOVEDIR) == 0;
			break;
		case STEP_EXCHANGED:
			ok = renameat2(w->stage_fd, s->staged, fd, s->name, RENAME_EXCHANGE) == 0;
			break;
		case STEP_REPLACED:
			ok = s->backup[0] && renameat(w->stage_fd, s->backup, fd, s->name) == 0;
			if (!s->backup[0])
				errno = ENOTSUP;	/* no copy of the old file could be kept */
			break;
		case STEP_CREATED:
			ok = renameat(fd, s->name, w->stage_fd, s->staged) == 0;
			break;
		case STEP_MOVED_AWAY:
			ok = renameat(w->stage_fd, s->staged, fd, s->name) == 0;
			break;
		}
		if (!ok) {
			char *rel = joined(w, s->folder, s->name);
			say_cannot("put back", w->dir, rel, strerror(errno));
			free(rel);
		}
	}
	w->n_steps = 0;
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
		if (o->files[i].keep)
			continue;	/* not written: as the last build made it */
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
	char *shown = diag_escape(dir);
	for (size_t k = 0; k < n; k++) {
		const char *sep = "wrote ";
		for (size_t e = 0; e < N_EXTS; e++)
			if (docs[k].by_ext[e]) {
				char *p = diag_escape(docs[k].by_ext[e]);
				fprintf(stderr, "%s%s/%s", sep, shown, p);
				free(p);
				sep = ", ";
			}
		fputc('\n', stderr);
	}
	free(shown);
	free(docs);
}

/* The folders a removal left empty, below the output folder, removed
 * (unlinkat fails, harmlessly, on one that still holds anything). */
static void remove_empty_folders(struct writer *w, int folder)
{
	while (folder > 0 && w->folders[folder].fd >= 0) {
		const struct folder *f = &w->folders[folder];
		if (unlinkat(w->folders[f->parent].fd, base_name(f->rel), AT_REMOVEDIR) != 0)
			return;
		folder = f->parent;
	}
}

static int compare_planned(const void *a, const void *b)
{
	return strcmp(((const struct planned *)a)->rel, ((const struct planned *)b)->rel);
}

static void free_writer(struct writer *w, bool ok)
{
	/* the staging folder goes, with the old versions of what was replaced */
	if (w->stage_name[0])
		remove_tree(w->out_fd, w->stage_name, 0);
	if (w->stage_fd >= 0)
		close(w->stage_fd);
	for (size_t i = 0; i < w->n_folders; i++) {
		if (w->folders[i].fd >= 0 && w->folders[i].fd != w->out_fd)
			close(w->folders[i].fd);
		free(w->folders[i].rel);
	}
	free(w->folders);
	free(w->folder_slots);
	if (w->out_fd >= 0)
		close(w->out_fd);	/* and with it, the lock */
	/* a failed build leaves no folder of its own: out/ (and those above it)
	 * made for it go again, when they are empty */
	for (size_t i = w->n_made_above; i-- > 0;) {
		if (!ok)
			rmdir(w->made_above[i]);
		free(w->made_above[i]);
	}
	free(w->made_above);
	free(w->steps);
}

/* The order of the commit: a manifest naming every file this build may leave
 * behind (the last build's and this one's) first, so that a build killed
 * halfway leaves no file the next build does not know to remove; the files,
 * each folder made as it is needed; the stale files moved away; and the
 * manifest of this build's files last. Until the last step, every step can be
 * undone; a failure undoes them all. */
bool output_write(const struct output *o, const char *dir, bool quiet)
{
	return output_write_then(o, dir, quiet, NULL, NULL);
}

bool output_write_then(const struct output *o, const char *dir, bool quiet,
		       void (*committed)(int out_fd, const struct output *o, void *arg),
		       void *arg)
{
	struct writer w = { .dir = dir, .out_fd = -1, .stage_fd = -1 };
	read_hook(&w);
	if (w.hook_at < 0)
		raise(SIGKILL);
	size_t n_old = 0, n_stale = 0;
	char **old = NULL, **known = NULL, **paths = xcalloc(o->n + 1, sizeof *paths);
	struct planned *plan = xcalloc(o->n + 1, sizeof *plan), *stale = NULL;
	struct planned union_plan = { 0 }, final_plan = { 0 };
	struct strbuf final_list = { 0 }, union_list = { 0 };
	bool ok = open_out(&w);
	/* builds into one folder take turns; with the turn, any staging
	 * folder found is one a build left when it was stopped */
	bool locked = ok && flock(w.out_fd, LOCK_EX) == 0;
	if (ok) {
		old = read_manifest(&w, &n_old);
		/* sorted, each path once, as two builds write it */
		if (n_old > 1)
			qsort(old, n_old, sizeof *old, compare_paths);
		size_t kept = 0;
		for (size_t i = 0; i < n_old; i++) {
			if (kept && strcmp(old[kept - 1], old[i]) == 0)
				free(old[i]);
			else
				old[kept++] = old[i];
		}
		n_old = kept;
		known = xcalloc(n_old + o->n + 1, sizeof *known);
		for (size_t i = 0; i < o->n; i++)
			known[i] = o->files[i].path;
		for (size_t i = 0; i < n_old; i++)
			known[o->n + i] = old[i];
		qsort(known, n_old + o->n, sizeof *known, compare_paths);
		for (size_t i = 0; i < o->n + n_old; i++) {
			char *up = parent_of(known[i]);
			find_folder(&w, up, false);
			free(up);
		}
		clear_stale(&w, locked, known, n_old + o->n);
		ok = make_staging(&w);
	}
	/* the new tree checked and staged: nothing in out/ changed yet */
	for (size_t i = 0; ok && i < o->n; i++) {
		paths[i] = o->files[i].path;
		if (!manifest_path_ok(paths[i])) {	/* the renderers never make one */
			say_cannot("write", dir, paths[i], "not a path inside the output folder");
			ok = false;
		} else {
			ok = plan_file(&w, &o->files[i], paths[i], &plan[i]);
		}
	}
	if (ok) {
		qsort(paths, o->n, sizeof *paths, compare_paths);
		/* what the last build wrote and this one does not: removed when a
		 * regular file reached without a link */
		stale = xcalloc(n_old + 1, sizeof *stale);
		for (size_t i = 0; i < n_old; i++) {
			if (bsearch(&old[i], paths, o->n, sizeof *paths, compare_paths))
				continue;
			char *up = parent_of(old[i]);
			int folder = find_folder(&w, up, false);
			free(up);
			const struct folder *f = &w.folders[folder];
			struct stat st;
			if (f->bad) {
				warn(dir, OUTPUT_MANIFEST, 0, "'%s' is not removed: the way to it is "
				     "not a folder of the output folder (a link, or a file)", old[i]);
			} else if (f->fd < 0 || fstatat(f->fd, base_name(old[i]), &st,
							AT_SYMLINK_NOFOLLOW) != 0) {
				;	/* gone already */
			} else if (!S_ISREG(st.st_mode)) {
				warn(dir, OUTPUT_MANIFEST, 0, "'%s' is not removed: it is not a file "
				     "(a folder or a link), so not one planpress wrote", old[i]);
			} else {
				stale[n_stale++] = (struct planned){ old[i], folder, "" };
			}
		}
		char **both = xcalloc(o->n + n_old + 1, sizeof *both);
		memcpy(both, paths, o->n * sizeof *paths);
		if (n_old)
			memcpy(both + o->n, old, n_old * sizeof *old);
		manifest_text(paths, o->n, &final_list);
		manifest_text(both, o->n + n_old, &union_list);
		free(both);
		struct output_file final = { .data = final_list.data, .size = final_list.len };
		struct output_file with_old = { .data = union_list.data, .size = union_list.len };
		ok = plan_file(&w, &final, OUTPUT_MANIFEST, &final_plan);
		if (ok && strcmp(union_list.data, final_list.data) != 0) {
			ok = plan_file(&w, &with_old, OUTPUT_MANIFEST, &union_plan);
			if (ok && union_plan.staged[0] && !final_plan.staged[0])
				ok = stage(&w, OUTPUT_MANIFEST, &final, &final_plan);
		}
	}
	/* the commit: folders before what they hold, in path order */
	if (ok)
		qsort(plan, o->n, sizeof *plan, compare_planned);
	const char *failed = NULL;
	int err = 0;
	if (ok && union_plan.staged[0] && !commit_file(&w, 0, OUTPUT_MANIFEST, union_plan.staged))
		failed = OUTPUT_MANIFEST, err = errno;
	for (size_t i = 0; ok && !failed && i < o->n; i++) {
		if (!plan[i].staged[0])
			continue;
		char *up = parent_of(plan[i].rel);
		int folder = find_folder(&w, up, true);
		free(up);
		if (folder < 0 || w.folders[folder].fd < 0 ||
		    !commit_file(&w, folder, base_name(plan[i].rel), plan[i].staged))
			failed = plan[i].rel, err = errno;
	}
	for (size_t i = 0; ok && !failed && i < n_stale; i++)
		if (!move_away(&w, stale[i].folder, base_name(stale[i].rel)))
			failed = stale[i].rel, err = errno;
	if (ok && !failed && final_plan.staged[0] &&
	    !commit_file(&w, 0, OUTPUT_MANIFEST, final_plan.staged))
		failed = OUTPUT_MANIFEST, err = errno;
	if (failed) {
		say_cannot("write", dir, failed, strerror(err ? err : EIO));
		roll_back(&w);
		ok = false;
	}
	if (ok && committed)
		committed(w.out_fd, o, arg);
	if (ok && !quiet)
		report_written(o, dir);
	for (size_t i = 0; ok && i < n_stale; i++) {
		if (!quiet) {
			char *d = diag_escape(dir), *r = diag_escape(stale[i].rel);
			fprintf(stderr, "removed %s/%s\n", d, r);
			free(d);
			free(r);
		}
		remove_empty_folders(&w, stale[i].folder);
	}
	if (w.hook_count)
		fprintf(stderr, "planpress: test: %ld steps\n", w.hook_step);
	free_writer(&w, ok);
	for (size_t i = 0; i < n_old; i++)
		free(old[i]);
	free(old);
	free(known);
	free(stale);
	free(plan);
	free(paths);
	strbuf_free(&final_list);
	strbuf_free(&union_list);
	return ok;
}

/* ---------- one file: render -o ---------- */

bool output_write_one(const char *path, const struct output_file *file)
{
	char *folder = parent_of(path);
	struct stat st;
	/* the folder must be there: render makes no folders (a mistyped -o
	 * would otherwise make a tree of them anywhere) */
	bool there = !*folder || stat(folder, &st) == 0;
	if (!there || (*folder && !S_ISDIR(st.st_mode))) {
		char reason[160];
		snprintf(reason, sizeof reason, "the folder it goes in %s; render makes no folders",
			 there ? "is not a folder" : "does not exist");
		say_cannot("write", path, NULL, reason);
		free(folder);
		return false;
	}
	free(folder);
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		say_cannot("write", path, NULL, "it is a folder");
		return false;
	}
	/* a temporary file beside it, made anew (mkstemp's O_EXCL: a link
	 * planted at a guessed name is never written through), then renamed */
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 32);
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	if (n - dir < 200)
		sprintf(tmp, "%.*s.%s.planpress-XXXXXX", (int)dir, path, path + dir);
	else
		sprintf(tmp, "%.*s.planpress-XXXXXX", (int)dir, path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	int err = fd < 0 ? errno : 0;
	if (fd >= 0) {
		/* mkstemp makes it private: published as any new file is */
		mode_t mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0)
			err = errno;
		if (!err)
			err = write_whole(fd, file);
		if (close(fd) != 0 && !err)
			err = errno;
		if (!err && rename(tmp, path) != 0)
			err = errno;
		if (err)
			unlink(tmp);
	}
	free(tmp);
	if (err) {
		say_cannot("write", path, NULL, strerror(err));
		return false;
	}
	return true;
}
