/* record.c - what each output was made from; see record.h. */
#define _GNU_SOURCE	/* O_TMPFILE */
#include "record.h"
#include "facts.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { MAX_DEPTH = 32, MADE_FROM_DEPTH = 8 };
/* Above this, a file that is not YAML is not read to be hashed: a logo is
 * far smaller (a template or asset may be up to INPUT_MAX_BYTES). */
#define INPUT_HASHED_MAX (INPUT_MAX_BYTES + 1ull)
#define RECORD_MAX_BYTES (256u * 1024 * 1024)
#define RECORD_HEADER "planpress-record 1\n"
#define STAT_HEADER "planpress-stat 1\n"

/* ---------- hashing ---------- */

static void hash_finish(GChecksum *h, unsigned char out[RECORD_KEY_SIZE])
{
	gsize len = RECORD_KEY_SIZE;
	g_checksum_get_digest(h, out, &len);
	g_checksum_free(h);
}

/* A string into h with its length, so that no two lists hash alike. */
static void hash_str(GChecksum *h, const char *s)
{
	size_t n = s ? strlen(s) : (size_t)-1;
	g_checksum_update(h, (const guchar *)&n, sizeof n);
	if (s)
		g_checksum_update(h, (const guchar *)s, n);
}

static void hash_bytes(GChecksum *h, const unsigned char *p, size_t n)
{
	g_checksum_update(h, p, n);
}

static void stamp_of(const struct stat *st, struct file_stamp *s)
{
	*s = (struct file_stamp){ .dev = (unsigned long long)st->st_dev,
				  .ino = (unsigned long long)st->st_ino,
				  .size = (unsigned long long)st->st_size,
				  .mtime = st->st_mtim, .ctime = st->st_ctim };
}

/* The bytes of the file at fd (closed), or of a note that it could not be
 * read: a build of such content fails anyway, and says why. A large file
 * that is no content file (a video left in the folder, never read by a
 * build) is known by its identity and times instead of read every build.
 * True, with *stamp its identity, when the hash is of a file read whole (or
 * of its identity). */
static bool hash_fd(int fd, bool content_file, unsigned char out[RECORD_KEY_SIZE],
		    struct file_stamp *stamp)
{
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	static unsigned char buf[1 << 16];
	ssize_t got = 0;
	struct stat st;
	bool whole = false;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		hash_str(h, "unreadable");
	} else if (!content_file && (unsigned long long)st.st_size > INPUT_HASHED_MAX) {
		unsigned long long id[] = { st.st_dev, st.st_ino, (unsigned long long)st.st_size,
					    (unsigned long long)st.st_mtim.tv_sec,
					    (unsigned long long)st.st_mtim.tv_nsec };
		hash_str(h, "identity");
		g_checksum_update(h, (const guchar *)id, sizeof id);
		whole = true;
	} else {
		while ((got = read(fd, buf, sizeof buf)) > 0)
			g_checksum_update(h, buf, (gsize)got);
		if (got < 0)
			hash_str(h, "unreadable");
		whole = got == 0;
	}
	if (whole)
		stamp_of(&st, stamp);
	if (fd >= 0)
		close(fd);
	hash_finish(h, out);
	return whole;
}

static void to_hex(const unsigned char key[RECORD_KEY_SIZE], char hex[2 * RECORD_KEY_SIZE + 1])
{
	static const char digit[] = "0123456789abcdef";
	for (size_t i = 0; i < RECORD_KEY_SIZE; i++) {
		hex[2 * i] = digit[key[i] >> 4];
		hex[2 * i + 1] = digit[key[i] & 15];
	}
	hex[2 * RECORD_KEY_SIZE] = '\0';
}

static bool before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* ---------- the stat file ---------- */

/* What out/.planpress-stat vouches for: an input's hash, while the input's
 * identity is this one. */
struct stamped {
	char *rel;		/* NULL: the program */
	struct file_stamp stamp;
	unsigned char hash[RECORD_KEY_SIZE];
};

struct stamps {
	struct stamped *files;	/* sorted by rel */
	size_t n;
	bool have_program;
	struct stamped program;
};

static bool same_stamp(const struct file_stamp *a, const struct file_stamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec &&
	       a->ctime.tv_sec == b->ctime.tv_sec && a->ctime.tv_nsec == b->ctime.tv_nsec;
}

/* Whether a file of this identity, seen after now was taken, cannot have
 * changed since without changing its identity: it lies on now's file system
 * (the same clock and granularity) and was last changed before now's tick. */
static bool settled(const struct file_stamp *s, bool have_now, const struct file_stamp *now)
{
	return have_now && s->dev == now->dev && before(&s->ctime, &now->ctime);
}

static void stamp_text(struct strbuf *b, const struct file_stamp *s)
{
	strbuf_printf(b, "%llu %llu %llu %lld %ld %lld %ld", s->dev, s->ino, s->size,
		      (long long)s->mtime.tv_sec, (long)s->mtime.tv_nsec,
		      (long long)s->ctime.tv_sec, (long)s->ctime.tv_nsec);
}

/* A number ended by sep. */
static bool read_ull(const char **p, const char *end, unsigned long long *v, char sep)
{
	char *stop;
	if (*p >= end || **p < '0' || **p > '9')
		return false;
	errno = 0;
	*v = strtoull(*p, &stop, 10);
	if (errno || stop >= end || *stop != sep)
		return false;
	*p = stop + 1;
	return true;
}

/* "SEC NSEC", ended by sep. */
static bool read_time(const char **p, const char *end, struct timespec *t, char sep)
{
	char *stop;
	if (*p >= end || !((**p >= '0' && **p <= '9') || **p == '-'))
		return false;
	errno = 0;
	long long sec = strtoll(*p, &stop, 10);
	unsigned long long ns;
	if (errno || stop >= end || *stop != ' ')
		return false;
	*p = stop + 1;
	if (!read_ull(p, end, &ns, sep) || ns > 999999999)
		return false;
	t->tv_sec = (time_t)sec;
	t->tv_nsec = (long)ns;
	return t->tv_sec == sec;
}

/* "DEV INO SIZE MSEC MNSEC CSEC CNSEC " */
static bool read_stamp(const char **p, const char *end, struct file_stamp *s)
{
	return read_ull(p, end, &s->dev, ' ') && read_ull(p, end, &s->ino, ' ') &&
	       read_ull(p, end, &s->size, ' ') && read_time(p, end, &s->mtime, ' ') &&
	       read_time(p, end, &s->ctime, ' ');
}

static bool read_hash(const char *p, unsigned char hash[RECORD_KEY_SIZE])
{
	for (size_t i = 0; i < RECORD_KEY_SIZE; i++) {
		unsigned v = 0;
		for (int k = 0; k < 2; k++) {
			char c = p[2 * i + (size_t)k];
			if (c >= '0' && c <= '9')
				v = v * 16 + (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v = v * 16 + (unsigned)(c - 'a' + 10);
			else
				return false;
		}
		hash[i] = (unsigned char)v;
	}
	return true;
}

static int compare_stamped(const void *a, const void *b)
{
	return strcmp(((const struct stamped *)a)->rel, ((const struct stamped *)b)->rel);
}

static void stamps_free(struct stamps *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->files[i].rel);
	free(st->files);
	memset(st, 0, sizeof *st);
}

/* A text of the record's kind read a line at a time: its header, then lines
 * up to "end", which must be the text's last (a file cut short is refused). */
struct line_reader {
	const char *p, *end;
	bool ended;		/* "end" was read, and closed the text */
};

static bool lines_begin(struct line_reader *l, const char *text, size_t len, const char *header)
{
	size_t hl = strlen(header);
	if (len < hl || memcmp(text, header, hl) != 0)
		return false;
	*l = (struct line_reader){ text + hl, text + len, false };
	return true;
}

/* The next line, *n its length without its newline (at l->p once it is
 * read: what follows a line, such as a length-counted text, is taken by
 * moving l->p on); NULL at "end", at the text's end or a line cut short. */
static const char *next_line(struct line_reader *l, size_t *n)
{
	const char *nl = l->p < l->end && !l->ended ? memchr(l->p, '\n', (size_t)(l->end - l->p)) :
						      NULL;
	if (!nl)
		return NULL;
	const char *line = l->p;
	*n = (size_t)(nl - line);
	l->p = nl + 1;
	if (*n == 3 && memcmp(line, "end", 3) == 0) {
		l->ended = l->p == l->end;
		return NULL;
	}
	return line;
}

/* The file name in the folder at dir_fd, a file of at most RECORD_MAX_BYTES,
 * read whole into text, its identity into *st; false when it is not there
 * or cannot be read so. */
static bool read_whole(int dir_fd, const char *name, struct strbuf *text, struct stat *st)
{
	int fd = dir_fd >= 0 ? openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) :
			       -1;
	if (fd < 0)
		return false;
	bool ok = fstat(fd, st) == 0 && S_ISREG(st->st_mode) &&
		  (unsigned long long)st->st_size <= RECORD_MAX_BYTES;
	char buf[1 << 16];
	ssize_t got = 0;
	while (ok && (got = read(fd, buf, sizeof buf)) > 0 && text->len <= RECORD_MAX_BYTES)
		strbuf_add(text, buf, (size_t)got);
	close(fd);
	return ok && got == 0;
}

/* The stat file's text into st, keeping only the hashes it vouches for;
 * anything unexpected and none is kept. */
static void parse_stamps(struct stamps *st, const char *text, size_t len)
{
	struct line_reader l;
	if (!lines_begin(&l, text, len, STAT_HEADER))
		return;
	bool ok = true, have_now = false, entries = false;
	struct file_stamp now = { 0 };
	const char *p;
	size_t n;
	while (ok && (p = next_line(&l, &n))) {
		const char *nl = p + n;
		struct stamped e = { 0 };
		const char *q;
		if (n > 4 && memcmp(p, "now ", 4) == 0 && !have_now && !entries) {
			q = p + 4;
			ok = read_ull(&q, nl + 1, &now.dev, ' ') &&
			     read_time(&q, nl + 1, &now.ctime, '\n') && q == nl + 1;
			have_now = ok;
		} else if ((n > 8 && memcmp(p, "program ", 8) == 0 && !st->have_program) ||
			   (n > 5 && memcmp(p, "file ", 5) == 0)) {
			bool program = p[0] == 'p';
			entries = true;
			q = p + (program ? 8 : 5);
			ok = read_stamp(&q, nl, &e.stamp) && nl - q >= 2 * RECORD_KEY_SIZE &&
			     read_hash(q, e.hash);
			q += 2 * RECORD_KEY_SIZE;
			if (ok && program) {
				ok = q == nl;
				st->program = e;
				st->have_program = ok && settled(&e.stamp, have_now, &now);
			} else if (ok) {
				ok = q < nl && *q == ' ' && q + 1 < nl;
				if (ok && settled(&e.stamp, have_now, &now)) {
					e.rel = xmalloc((size_t)(nl - q));
					memcpy(e.rel, q + 1, (size_t)(nl - q - 1));
					e.rel[nl - q - 1] = '\0';
					st->files = xgrow(st->files, st->n, sizeof *st->files);
					st->files[st->n++] = e;
				}
			}
		} else {
			ok = false;
		}
	}
	if (!ok || !l.ended) {
		stamps_free(st);
		return;
	}
	if (st->n > 1)
		qsort(st->files, st->n, sizeof *st->files, compare_stamped);
}

/* out/.planpress-stat, at out_fd; none when it cannot be read. */
static void read_stamps(struct stamps *st, int out_fd)
{
	memset(st, 0, sizeof *st);
	struct strbuf text = { 0 };
	struct stat sb;
	if (read_whole(out_fd, RECORD_STAT_FILE, &text, &sb))
		parse_stamps(st, text.data ? text.data : "", text.len);
	strbuf_free(&text);
}

/* The recorded hash of rel, when the file of identity s is the one the stat
 * file vouches for. */
static bool take_stamped(const struct stamps *st, const char *rel, const struct file_stamp *s,
			 unsigned char hash[RECORD_KEY_SIZE])
{
	struct stamped want = { .rel = (char *)rel };
	const struct stamped *had = st->n ? bsearch(&want, st->files, st->n, sizeof *st->files,
						   compare_stamped) : NULL;
	if (!had || !same_stamp(&had->stamp, s))
		return false;
	memcpy(hash, had->hash, RECORD_KEY_SIZE);
	return true;
}

/* now: the identity of a file made in out/ (unnamed, so gone when closed),
 * before any input is looked at. */
static bool take_now(int out_fd, struct file_stamp *now)
{
	int fd = out_fd >= 0 ? openat(out_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600) : -1;
	struct stat sb;
	bool ok = fd >= 0 && fstat(fd, &sb) == 0;
	if (ok)
		stamp_of(&sb, now);
	if (fd >= 0)
		close(fd);
	return ok;
}

/* ---------- the inputs ---------- */

static bool is_yaml(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

struct walk {
	struct inputs *in;
	size_t cap;
	const struct stat *skip;	/* the output folder, or NULL */
	const struct stamps *last;
};

/* The file name in the folder dir, as rel; st: what lstat said of it. */
static void add_input(struct walk *w, char *rel, int dir, const char *name,
		      const struct stat *st)
{
	struct inputs *in = w->in;
	if (in->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		in->files = xrealloc(in->files, w->cap * sizeof *in->files);
	}
	struct input_file *f = &in->files[in->n++];
	*f = (struct input_file){ .rel = rel };
	/* a link is known by the file it leads to */
	struct stat target;
	if (S_ISLNK(st->st_mode) && fstatat(dir, name, &target, 0) == 0)
		st = &target;
	if (S_ISREG(st->st_mode)) {
		stamp_of(st, &f->stamp);
		f->stamped = take_stamped(w->last, rel, &f->stamp, f->hash);
		if (f->stamped)
			return;
	}
	/* O_NONBLOCK: a pipe is not waited on (hash_fd reads files only) */
	f->stamped = hash_fd(openat(dir, name, O_RDONLY | O_NONBLOCK | O_CLOEXEC), is_yaml(rel),
			     f->hash, &f->stamp);
	in->hashed++;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int compare_file_paths(const void *a, const void *b)
{
	return strcmp((*(const struct output_file *const *)a)->path,
		      (*(const struct output_file *const *)b)->path);
}

/* Every file below the folder at fd (closed), as prefix/name. Folders are
 * entered without following links (as the loader walks); a link to a file
 * is read through, as the loader reads it. */
static void walk(struct walk *w, int fd, const char *prefix, int depth)
{
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	/* in name order, so the walk is the same on every file system */
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		names = xgrow(names, n, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	if (n > 1)
		qsort(names, n, sizeof *names, compare_names);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		char *rel = xmalloc(strlen(prefix) + strlen(names[i]) + 2);
		sprintf(rel, "%s/%s", prefix, names[i]);
		if (fstatat(dirfd(dir), names[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
			free(rel);
		} else if (S_ISDIR(st.st_mode)) {
			bool is_out = w->skip && st.st_dev == w->skip->st_dev &&
				      st.st_ino == w->skip->st_ino;
			if (!is_out && depth < MAX_DEPTH)
				walk(w, openat(dirfd(dir), names[i], O_RDONLY | O_DIRECTORY |
					       O_NOFOLLOW | O_CLOEXEC), rel, depth + 1);
			free(rel);
		} else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
			add_input(w, rel, dirfd(dir), names[i], &st);
		} else {
			free(rel);
		}
		free(names[i]);
	}
	free(names);
	closedir(dir);
}

static int compare_inputs(const void *a, const void *b)
{
	return strcmp(((const struct input_file *)a)->rel, ((const struct input_file *)b)->rel);
}

/* The program's own hash: /proc/self/exe is the file this process runs,
 * even when its path now names another. */
static void program_read(struct inputs *in, const struct stamps *last)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd >= 0 && last->have_program && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		stamp_of(&st, &in->program_stamp);
		if (same_stamp(&last->program.stamp, &in->program_stamp)) {
			memcpy(in->program, last->program.hash, sizeof in->program);
			in->program_stamped = true;
			close(fd);
			return;
		}
	}
	in->program_stamped = hash_fd(fd, true, in->program, &in->program_stamp);
	in->hashed++;
}

void inputs_read(struct inputs *in, const char *content, const char *templates,
		 const char *out, bool strict)
{
	memset(in, 0, sizeof *in);
	struct stat out_st;
	bool have_out = stat(out, &out_st) == 0;
	/* now, before any input is looked at; then the last build's hashes */
	int out_fd = have_out ? open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	in->have_now = take_now(out_fd, &in->now);
	struct stamps last;
	read_stamps(&last, out_fd);
	if (out_fd >= 0)
		close(out_fd);
	struct walk w = { .in = in, .skip = have_out ? &out_st : NULL, .last = &last };
	walk(&w, open(content, O_RDONLY | O_DIRECTORY | O_CLOEXEC), "c", 0);
	walk(&w, open(templates, O_RDONLY | O_DIRECTORY | O_CLOEXEC), "t", 0);
	if (in->n > 1)
		qsort(in->files, in->n, sizeof *in->files, compare_inputs);
	program_read(in, &last);
	stamps_free(&last);
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	hash_bytes(h, in->program, sizeof in->program);
	/* what the build prints names the folders as given */
	hash_str(h, content);
	hash_str(h, templates);
	hash_str(h, strict ? "strict" : "");
	for (size_t i = 0; i < in->n; i++) {
		hash_str(h, in->files[i].rel);
		hash_bytes(h, in->files[i].hash, sizeof in->files[i].hash);
	}
	hash_finish(h, in->digest);
}

void inputs_free(struct inputs *in)
{
	for (size_t i = 0; i < in->n; i++)
		free(in->files[i].rel);
	free(in->files);
	memset(in, 0, sizeof *in);
}

/* ---------- the keys ---------- */

static struct input_file *find_input(const struct inputs *in, const char *rel)
{
	struct input_file want = { .rel = (char *)rel };
	return bsearch(&want, in->files, in->n, sizeof *in->files, compare_inputs);
}

/* Calls each(file) for the document's own file and its translations
 * ("c/plans/x.yaml", "c/plans/x.cy.yaml"). */
static void document_files(const struct inputs *in, const struct document *d,
			   void (*each)(struct input_file *, void *), void *arg)
{
	if (!d->path)
		return;
	size_t len = strlen(d->path);
	char *rel = xmalloc(len + 3);
	sprintf(rel, "c/%s", d->path);
	/* the stem "c/plans/x." and every file after it in order that starts
	 * so, ends as the document's file does (.yaml, .yml) and has no
	 * further folder or dot: x.LANG.yaml, its translations */
	const char *ext = strrchr(d->path, '.');
	struct input_file *own = find_input(in, rel);
	if (own)
		each(own, arg);
	if (!ext || (strcmp(ext, ".yaml") != 0 && strcmp(ext, ".yml") != 0)) {
		free(rel);
		return;
	}
	size_t el = strlen(ext), stem = strlen(rel) - (el - 1);
	/* the first file at or after the stem, in the sorted list */
	size_t lo = 0, hi = in->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(in->files[mid].rel, rel, stem) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < in->n && strncmp(in->files[i].rel, rel, stem) == 0; i++) {
		const char *r = in->files[i].rel;
		if (&in->files[i] == own)
			continue;
		const char *rest = r + stem;
		size_t rl = strlen(rest);
		if (rl > el && strcmp(rest + rl - el, ext) == 0 &&
		    !memchr(rest, '/', rl) && memchr(rest, '.', rl) == rest + rl - el)
			each(&in->files[i], arg);
	}
	free(rel);
}

static void mark_belongs(struct input_file *f, void *arg)
{
	(void)arg;
	f->belongs = true;
}

/* A rating colour, as every page's style sheet gives it. */
static void hash_colour(const struct rating *r, void *h)
{
	char colour[96];
	snprintf(colour, sizeof colour, "%a %a %a", r->colour.r, r->colour.g, r->colour.b);
	hash_str(h, r->key);
	hash_str(h, colour);
}

void record_site_key(struct inputs *in, const struct content *c,
		     unsigned char key[RECORD_KEY_SIZE])
{
	for (size_t i = 0; i < c->n_docs; i++)
		if (c->docs[i]->kind != DOC_SITE)
			document_files(in, c->docs[i], mark_belongs, NULL);
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	hash_bytes(h, in->program, sizeof in->program);
	/* the templates, the site file, the logo: everything no document owns */
	for (size_t i = 0; i < in->n; i++)
		if (!in->files[i].belongs) {
			hash_str(h, in->files[i].rel);
			hash_bytes(h, in->files[i].hash, sizeof in->files[i].hash);
		}
	for (size_t i = 0; i < c->n_langs; i++)
		hash_str(h, c->langs[i]);
	/* every page's style sheet gives every plan's own rating colours */
	content_rating_colours(c, hash_colour, h);
	hash_finish(h, key);
}

static void hash_input(struct input_file *f, void *h)
{
	hash_str(h, f->rel);
	hash_bytes(h, f->hash, sizeof f->hash);
}

/* The files of doc and of every document it is made from. */
static void hash_made_from(GChecksum *h, const struct inputs *in, const struct document *doc,
			   int depth)
{
	if (!doc || depth > MADE_FROM_DEPTH)
		return;
	document_files(in, doc, hash_input, h);
	/* published or not: decided by the meetings that take it */
	hash_str(h, doc->withheld ? "withheld" : "published");
	hash_str(h, doc->withheld_reason);
	if (doc->kind == DOC_REPORT)
		for (size_t k = 0; k < doc->as.report->appendices.n; k++)
			hash_made_from(h, in, doc->as.report->appendices.at[k].doc, depth + 1);
	if (doc->kind == DOC_MEETING)
		for (size_t i = 0; i < doc->as.meeting->items.n; i++)
			for (size_t j = 0; j < doc->as.meeting->items.at[i].papers.n; j++)
				hash_made_from(h, in, doc->as.meeting->items.at[i].papers.at[j].doc,
					       depth + 1);
}

void record_unit_key(const struct inputs *in, const unsigned char site[RECORD_KEY_SIZE],
		     const struct content *c, size_t lang, const struct document *doc,
		     unsigned char key[RECORD_KEY_SIZE])
{
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	hash_bytes(h, site, RECORD_KEY_SIZE);
	hash_str(h, c->langs[lang]);
	hash_str(h, doc->path);
	hash_made_from(h, in, doc, 0);
	hash_finish(h, key);
}

void record_index_key(const unsigned char site[RECORD_KEY_SIZE], const char *lang,
		      const char *listed, unsigned char key[RECORD_KEY_SIZE])
{
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	hash_bytes(h, site, RECORD_KEY_SIZE);
	hash_str(h, "the front page");
	hash_str(h, lang);
	hash_str(h, listed);
	hash_finish(h, key);
}

/* ---------- the record ---------- */

/* A file the recorded build left in out/: its size. It is the file that
 * build made while no one has changed it since: its change time (which any
 * write, rename or copy sets to the time it happens, and nothing sets back)
 * is before the record's. */
struct identity {
	char *path;
	unsigned long long size;
	/* whether it is still there, once looked at (0: not yet, 1 yes,
	 * -1 no): a build asks of each file more than once (which documents
	 * to read whole, then which to render) before it writes any */
	signed char there;
};

struct unit {
	char key[2 * RECORD_KEY_SIZE + 1];
	char **files;
	size_t n;
};

/* A document file's facts as the recorded build checked it (facts.h). */
struct recorded_facts {
	char *rel;		/* "plans/x.yaml" */
	char hash[2 * RECORD_KEY_SIZE + 1];	/* of its bytes then */
	char *text;		/* without its newline */
	size_t len;
};

struct record {
	char inputs[2 * RECORD_KEY_SIZE + 1];
	char context[2 * RECORD_KEY_SIZE + 1];	/* what the facts were checked in */
	struct recorded_facts *facts;
	size_t n_facts;
	char *said;
	struct unit *units;	/* sorted by key */
	size_t n_units;
	struct identity *files;	/* sorted by path */
	size_t n_files;
	struct timespec written;	/* the record's change time */
};

static int compare_units(const void *a, const void *b)
{
	return strcmp(((const struct unit *)a)->key, ((const struct unit *)b)->key);
}

static int compare_identities(const void *a, const void *b)
{
	return strcmp(((const struct identity *)a)->path, ((const struct identity *)b)->path);
}

void record_free(struct record *r)
{
	if (!r)
		return;
	free(r->said);
	for (size_t i = 0; i < r->n_units; i++) {
		for (size_t j = 0; j < r->units[i].n; j++)
			free(r->units[i].files[j]);
		free(r->units[i].files);
	}
	free(r->units);
	for (size_t i = 0; i < r->n_files; i++)
		free(r->files[i].path);
	free(r->files);
	for (size_t i = 0; i < r->n_facts; i++) {
		free(r->facts[i].rel);
		free(r->facts[i].text);
	}
	free(r->facts);
	free(r);
}

static bool is_hex_key(const char *s, size_t n)
{
	if (n != 2 * RECORD_KEY_SIZE)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* The record's text read line by line; anything unexpected and the whole
 * record is not used (the build renders everything, as with none). */
static struct record *parse(const char *text, size_t len)
{
	struct line_reader l;
	if (!lines_begin(&l, text, len, RECORD_HEADER))
		return NULL;
	struct record *r = xcalloc(1, sizeof *r);
	const char *end = text + len, *p;
	size_t n;
	bool ok = true;
	while (ok && (p = next_line(&l, &n))) {
		const char *nl = p + n;
		struct identity id = { 0 };
		char *stop;
		if (n > 7 && memcmp(p, "inputs ", 7) == 0 && is_hex_key(p + 7, n - 7)) {
			memcpy(r->inputs, p + 7, n - 7);
		} else if (n > 5 && memcmp(p, "said ", 5) == 0 && !r->said) {
			unsigned long long bytes = strtoull(p + 5, &stop, 10);
			ok = stop == nl && bytes <= (unsigned long long)(end - nl - 1);
			if (ok) {
				r->said = xmalloc(bytes + 1);
				memcpy(r->said, nl + 1, bytes);
				r->said[bytes] = '\0';
				l.p += bytes;
			}
		} else if (n > 8 && memcmp(p, "context ", 8) == 0 && is_hex_key(p + 8, n - 8)) {
			memcpy(r->context, p + 8, n - 8);
		} else if (n > 5 + 2 * RECORD_KEY_SIZE + 1 && memcmp(p, "fact ", 5) == 0 &&
			   is_hex_key(p + 5, 2 * RECORD_KEY_SIZE) &&
			   p[5 + 2 * RECORD_KEY_SIZE] == ' ') {
			/* fact HASH BYTES REL, then the facts' text and its newline */
			const char *num = p + 6 + 2 * RECORD_KEY_SIZE;
			unsigned long long bytes = strtoull(num, &stop, 10);
			ok = stop > num && stop < nl && *stop == ' ' && stop + 1 < nl && bytes > 0 &&
			     bytes <= (unsigned long long)(end - nl - 1) && nl[bytes] == '\n';
			if (ok) {
				r->facts = xgrow(r->facts, r->n_facts, sizeof *r->facts);
				struct recorded_facts *f = &r->facts[r->n_facts++];
				memcpy(f->hash, p + 5, 2 * RECORD_KEY_SIZE);
				f->hash[2 * RECORD_KEY_SIZE] = '\0';
				f->rel = xmalloc((size_t)(nl - stop));
				memcpy(f->rel, stop + 1, (size_t)(nl - stop - 1));
				f->rel[nl - stop - 1] = '\0';
				f->len = bytes - 1;
				f->text = xmalloc(bytes);
				memcpy(f->text, nl + 1, f->len);
				f->text[f->len] = '\0';
				l.p += bytes;
			}
		} else if (n > 5 && memcmp(p, "unit ", 5) == 0 && is_hex_key(p + 5, n - 5)) {
			r->units = xgrow(r->units, r->n_units, sizeof *r->units);
			struct unit *u = &r->units[r->n_units++];
			memset(u, 0, sizeof *u);
			memcpy(u->key, p + 5, n - 5);
		} else if (n > 5 && memcmp(p, "file ", 5) == 0 && r->n_units) {
			struct unit *u = &r->units[r->n_units - 1];
			u->files = xgrow(u->files, u->n, sizeof *u->files);
			u->files[u->n] = xmalloc(n - 4);
			memcpy(u->files[u->n], p + 5, n - 5);
			u->files[u->n++][n - 5] = '\0';
		} else if (n > 4 && memcmp(p, "out ", 4) == 0 &&
			   (id.size = strtoull(p + 4, &stop, 10), stop[0] == ' ') && stop + 1 < nl) {
			size_t pl = (size_t)(nl - (stop + 1));
			id.path = xmalloc(pl + 1);
			memcpy(id.path, stop + 1, pl);
			id.path[pl] = '\0';
			r->files = xgrow(r->files, r->n_files, sizeof *r->files);
			r->files[r->n_files++] = id;
		} else {
			ok = false;
		}
	}
	if (!ok || !l.ended || !r->inputs[0] || !r->said) {
		record_free(r);
		return NULL;
	}
	if (r->n_units > 1)
		qsort(r->units, r->n_units, sizeof *r->units, compare_units);
	if (r->n_files > 1)
		qsort(r->files, r->n_files, sizeof *r->files, compare_identities);
	return r;
}

struct record *record_read(const char *out_dir)
{
	int dir = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return NULL;
	struct strbuf text = { 0 };
	struct stat st;
	bool whole = read_whole(dir, RECORD_FILE, &text, &st);
	close(dir);
	struct record *r = whole ? parse(text.data ? text.data : "", text.len) : NULL;
	strbuf_free(&text);
	if (r)
		r->written = st.st_ctim;
	return r;
}

/* Whether the file at path in out/ is the one the record names. */
static bool still_there(const struct record *r, int out_fd, const char *path)
{
	struct identity want = { .path = (char *)path };
	/* not const: the answer is kept (there) */
	struct identity *had = bsearch(&want, r->files, r->n_files, sizeof *r->files,
				       compare_identities);
	struct stat st;
	if (had && !had->there)
		had->there = fstatat(out_fd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			     S_ISREG(st.st_mode) && (unsigned long long)st.st_size == had->size &&
			     before(&st.st_ctim, &r->written) ? 1 : -1;
	return had && had->there == 1;
}

bool record_unchanged(const struct record *r, const struct inputs *in, const char *out_dir,
		      const char **said)
{
	char hex[2 * RECORD_KEY_SIZE + 1];
	to_hex(in->digest, hex);
	if (!r || strcmp(hex, r->inputs) != 0)
		return false;
	int fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool same = true;
	for (size_t i = 0; same && i < r->n_files; i++)
		same = still_there(r, fd, r->files[i].path);
	/* a killed build's staging folder: the next build clears it */
	DIR *dir = same ? fdopendir(dup(fd)) : NULL;
	struct dirent *e;
	while (dir && same && (e = readdir(dir)))
		if (strncmp(e->d_name, OUTPUT_STAGING, strlen(OUTPUT_STAGING)) == 0)
			same = false;
	if (dir)
		closedir(dir);
	close(fd);
	if (same)
		*said = r->said;
	return same;
}

char *const *record_reusable(const struct record *r, const unsigned char key[RECORD_KEY_SIZE],
			     int out_fd, size_t *n)
{
	if (!r || out_fd < 0)
		return NULL;
	struct unit want;
	to_hex(key, want.key);
	const struct unit *u = bsearch(&want, r->units, r->n_units, sizeof *r->units,
				       compare_units);
	if (!u)
		return NULL;
	for (size_t i = 0; i < u->n; i++)
		if (!still_there(r, out_fd, u->files[i]))
			return NULL;
	*n = u->n;
	return u->files;
}

unsigned long long record_kept_size(const struct record *r, const char *path)
{
	struct identity want = { .path = (char *)path };
	const struct identity *had = r ? bsearch(&want, r->files, r->n_files, sizeof *r->files,
						 compare_identities) : NULL;
	return had && had->there == 1 ? had->size : 0;
}

/* ---------- the new record ---------- */

/* The stat file: now, and each input's hash with its identity, where it
 * will vouch for it (see settled). */
static void stat_text(struct strbuf *b, const struct inputs *in)
{
	char hex[2 * RECORD_KEY_SIZE + 1];
	strbuf_adds(b, STAT_HEADER);
	if (in->have_now) {
		strbuf_printf(b, "now %llu %lld %ld\n", in->now.dev, (long long)in->now.ctime.tv_sec,
			      (long)in->now.ctime.tv_nsec);
		if (in->program_stamped && settled(&in->program_stamp, true, &in->now)) {
			strbuf_adds(b, "program ");
			stamp_text(b, &in->program_stamp);
			to_hex(in->program, hex);
			strbuf_printf(b, " %s\n", hex);
		}
		for (size_t i = 0; i < in->n; i++) {
			const struct input_file *f = &in->files[i];
			if (!f->stamped || !settled(&f->stamp, true, &in->now) || strchr(f->rel, '\n'))
				continue;
			strbuf_adds(b, "file ");
			stamp_text(b, &f->stamp);
			to_hex(f->hash, hex);
			strbuf_printf(b, " %s %s\n", hex, f->rel);
		}
	}
	strbuf_adds(b, "end\n");
}

void record_begin(struct record_text *t, const struct inputs *in, const char *said)
{
	char hex[2 * RECORD_KEY_SIZE + 1];
	to_hex(in->digest, hex);
	memset(t, 0, sizeof *t);
	strbuf_adds(&t->text, RECORD_HEADER);
	strbuf_printf(&t->text, "inputs %s\nsaid %zu\n", hex, strlen(said));
	strbuf_adds(&t->text, said);
	stat_text(&t->stat, in);
}

void record_add_unit(struct record_text *t, const unsigned char key[RECORD_KEY_SIZE],
		     char *const *files, size_t n)
{
	char hex[2 * RECORD_KEY_SIZE + 1];
	to_hex(key, hex);
	strbuf_printf(&t->text, "unit %s\n", hex);
	char **sorted = xcalloc(n + 1, sizeof *sorted);
	memcpy(sorted, files, n * sizeof *files);
	if (n > 1)
		qsort(sorted, n, sizeof *sorted, compare_names);
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&t->text, "file %s\n", sorted[i]);
	free(sorted);
}

/* The file's size into the record; its change time into *latest. A kept
 * file is not looked at again: still_there found it as the last record
 * says, changed before that record was written, which is before this one. */
static bool add_identity(struct strbuf *b, int out_fd, const struct output_file *f,
			 const char *path, struct timespec *latest)
{
	unsigned long long size = f ? f->size : 0;
	struct stat st;
	if (!f || !f->keep) {
		if (fstatat(out_fd, path, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
			return false;
		size = (unsigned long long)st.st_size;
		if (!before(&st.st_ctim, latest))
			*latest = st.st_ctim;
	}
	strbuf_adds(b, "out ");
	strbuf_add_uint(b, size);
	strbuf_addc(b, ' ');
	strbuf_adds(b, path);
	strbuf_addc(b, '\n');
	return true;
}

/* b written to out/staged, then renamed to out/name; the file left open,
 * or -1 when it could not be written (nothing left at staged). A file left
 * at staged by a killed build is replaced: this build holds the lock. */
static int write_renamed(int out_fd, const char *staged, const char *name, const struct strbuf *b)
{
	unlinkat(out_fd, staged, 0);
	int fd = openat(out_fd, staged, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	size_t done = 0;
	while (fd >= 0 && done < b->len) {
		ssize_t n = write(fd, b->data + done, b->len - done);
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (fd >= 0 && (done != b->len || renameat(out_fd, staged, out_fd, name) != 0)) {
		close(fd);
		unlinkat(out_fd, staged, 0);
		fd = -1;
	}
	return fd;
}

void record_commit(struct record_text *t, int out_fd, const struct output *o)
{
	/* the stat file first: a build killed after it leaves the last record,
	 * so the next build commits again, and clears what it left */
	int sfd = t->stat.len ? write_renamed(out_fd, RECORD_STAT_FILE "-new", RECORD_STAT_FILE,
					      &t->stat) : -1;
	if (sfd < 0 || close(sfd) != 0)
		unlinkat(out_fd, RECORD_STAT_FILE, 0);	/* then every input is read */
	struct timespec latest = { 0, 0 };
	bool ok = true;
	/* in path order, as two builds of the same content write it */
	const struct output_file **files = xcalloc(o->n + 1, sizeof *files);
	for (size_t i = 0; i < o->n; i++)
		files[i] = &o->files[i];
	if (o->n > 1)
		qsort(files, o->n, sizeof *files, compare_file_paths);
	for (size_t i = 0; ok && i < o->n; i++)
		ok = add_identity(&t->text, out_fd, files[i], files[i]->path, &latest);
	free(files);
	if (ok)
		ok = add_identity(&t->text, out_fd, NULL, OUTPUT_MANIFEST, &latest);
	strbuf_adds(&t->text, "end\n");	/* a record cut short is no record */
	int fd = ok ? write_renamed(out_fd, RECORD_FILE "-new", RECORD_FILE, &t->text) : -1;
	ok = fd >= 0;
	/* the record's change time after every file's: the clock ticks
	 * coarsely, so it is touched again until it is (a few milliseconds) */
	struct stat st;
	for (int tries = 0; ok && tries < 1000; tries++) {
		ok = fstat(fd, &st) == 0;
		if (ok && before(&latest, &st.st_ctim))
			break;
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
		ok = ok && futimens(fd, NULL) == 0;
	}
	ok = ok && before(&latest, &st.st_ctim);
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (!ok) {
		/* without a record, the next build renders everything */
		unlinkat(out_fd, RECORD_FILE "-new", 0);
		unlinkat(out_fd, RECORD_FILE, 0);
	}
}

void record_stat_refresh(const struct inputs *in, const char *out_dir)
{
	if (!in->hashed || !in->have_now)
		return;
	int out_fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* the lock a commit holds; taken by another build, this one writes nothing */
	if (out_fd >= 0 && flock(out_fd, LOCK_EX | LOCK_NB) == 0) {
		struct strbuf b = { 0 };
		stat_text(&b, in);
		int fd = write_renamed(out_fd, RECORD_STAT_FILE "-new", RECORD_STAT_FILE, &b);
		if (fd < 0 || close(fd) != 0)
			unlinkat(out_fd, RECORD_STAT_FILE, 0);
		strbuf_free(&b);
	}
	if (out_fd >= 0)
		close(out_fd);
}

void record_text_free(struct record_text *t)
{
	strbuf_free(&t->text);
	strbuf_free(&t->stat);
}

/* ---------- the facts of checked files ---------- */

/* What a file's facts depend on besides its own bytes: the program, the
 * templates (their messages give the model's words), the site file and
 * every other content file that is not a document's, and the content root
 * as named (which diagnostics print). */
static void facts_context(const struct inputs *in, const char *content,
			  char hex[2 * RECORD_KEY_SIZE + 1])
{
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	hash_str(h, "facts 1");
	hash_bytes(h, in->program, sizeof in->program);
	hash_str(h, content);
	for (size_t i = 0; i < in->n; i++) {
		const char *rel = in->files[i].rel;
		/* the site file and its translations (the words of a version's
		 * scale) are, the documents' own are not */
		if (strncmp(rel, "c/", 2) == 0 && is_yaml(rel) &&
		    (strncmp(rel, "c/site.", 7) != 0 || strchr(rel + 2, '/')))
			continue;
		hash_str(h, rel);
		hash_bytes(h, in->files[i].hash, sizeof in->files[i].hash);
	}
	unsigned char key[RECORD_KEY_SIZE];
	hash_finish(h, key);
	to_hex(key, hex);
}

/* What a document's facts are made from: the bytes of its file and of its
 * translations (document_files), as hex; false when its file is not an
 * input. */
static bool facts_hash(const struct inputs *in, const char *path,
		       char hex[2 * RECORD_KEY_SIZE + 1])
{
	char *rel = xmalloc(strlen(path) + 3);
	sprintf(rel, "c/%s", path);
	bool there = find_input(in, rel) != NULL;
	free(rel);
	if (!there)
		return false;
	const struct document d = { .path = path };
	GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
	document_files(in, &d, hash_input, h);
	unsigned char key[RECORD_KEY_SIZE];
	hash_finish(h, key);
	to_hex(key, hex);
	return true;
}

static int compare_facts(const void *a, const void *b)
{
	return strcmp(((const struct file_facts *)a)->rel, ((const struct file_facts *)b)->rel);
}

struct file_facts *record_facts(const struct record *r, const struct inputs *in,
				const char *content, size_t *n)
{
	*n = 0;
	char context[2 * RECORD_KEY_SIZE + 1];
	facts_context(in, content, context);
	if (!r || !r->n_facts || strcmp(context, r->context) != 0)
		return NULL;
	struct file_facts *out = xcalloc(r->n_facts, sizeof *out);
	for (size_t i = 0; i < r->n_facts; i++) {
		const struct recorded_facts *f = &r->facts[i];
		char hex[2 * RECORD_KEY_SIZE + 1];
		if (facts_hash(in, f->rel, hex) && strcmp(hex, f->hash) == 0)
			out[(*n)++] = (struct file_facts){ f->rel, f->text, f->len };
	}
	if (*n > 1)
		qsort(out, *n, sizeof *out, compare_facts);
	return out;
}

/* Whether d is withheld from the site, or names a paper or appendix that
 * is: its facts would hold what is not published (an exempt report's
 * title), and out/ is. Such a document is read whole by every build. */
static bool touches_withheld(const struct document *d)
{
	if (d->withheld)
		return true;
	if (d->kind == DOC_REPORT)
		for (size_t k = 0; k < d->as.report->appendices.n; k++) {
			const struct document *ap = d->as.report->appendices.at[k].doc;
			if (ap && ap->withheld)
				return true;
		}
	if (d->kind == DOC_MEETING)
		for (size_t i = 0; i < d->as.meeting->items.n; i++) {
			const struct agenda_item *it = &d->as.meeting->items.at[i];
			if (it->exempt)
				return true;
			for (size_t j = 0; j < it->papers.n; j++)
				if (it->papers.at[j].doc && it->papers.at[j].doc->withheld)
					return true;
		}
	return false;
}

void record_add_facts(struct record_text *t, const struct inputs *in, const char *content,
		      const struct content *c)
{
	char context[2 * RECORD_KEY_SIZE + 1];
	facts_context(in, content, context);
	strbuf_printf(&t->text, "context %s\n", context);
	/* a version's page marks a text foreign when any document of its
	 * language keeps it so (a plan's organisation may be the site's) */
	struct arena a;
	arena_init(&a);
	struct document *kept_foreign = arena_alloc(&a, c->n_langs * sizeof *kept_foreign);
	memset(kept_foreign, 0, c->n_langs * sizeof *kept_foreign);
	for (size_t lang = 1; lang < c->n_langs; lang++)
		if (c->versions[lang])
			documents_foreign(&kept_foreign[lang], c->versions[lang], c->n_docs, &a);
	struct strbuf text = { 0 };
	for (size_t i = 0; i < c->n_docs; i++) {
		const struct document *d = c->docs[i];
		char hex[2 * RECORD_KEY_SIZE + 1];
		if (d->kind == DOC_SITE || d->invalid || !d->path || strchr(d->path, '\n') ||
		    touches_withheld(d) || !facts_hash(in, d->path, hex))
			continue;
		text.len = 0;
		facts_write(d, NULL, &text);
		/* then its version in each other language, made from its
		 * translation (or from itself, marked untranslated) */
		bool versions = true;
		for (size_t lang = 1; versions && lang < c->n_langs; lang++) {
			const struct document *v = c->versions[lang] ? c->versions[lang][i] : d;
			versions = v != d && !v->invalid;
			if (versions)
				facts_write(v, &kept_foreign[lang], &text);
		}
		if (!versions)
			continue;
		strbuf_printf(&t->text, "fact %s %zu %s\n", hex, text.len, d->path);
		strbuf_add(&t->text, text.data, text.len);
	}
	strbuf_free(&text);
	arena_free(&a);
}
