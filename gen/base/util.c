/* util.c - arenas, string buffers and suggestions. */
#define _GNU_SOURCE	/* mkostemp */
#include "util.h"
#include "spill.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ARENA_BLOCK_MIN = 64 * 1024 };

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	/* 0: its bytes follow it (own); else the bytes spill_map gave,
	 * there, while the block itself stays in the heap: walking a chain
	 * of blocks reads none of the file */
	size_t spilled;
	void *data;
	max_align_t own[];
};

_Noreturn void out_of_memory(void)
{
	fputs("planpress: out of memory\n", stderr);
	exit(3);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xgrow(void *p, size_t n, size_t size)
{
	if (n && (n & (n - 1)) != 0)
		return p;	/* below a power of two: room already */
	size_t cap = n ? n * 2 : 1;
	if (cap < n || cap > (size_t)-1 / size)
		out_of_memory();
	return xrealloc(p, cap * size);
}

const char *temp_folder(void)
{
	const char *dir = getenv("TMPDIR");
	return dir && *dir ? dir : "/tmp";
}

int temp_file(void)
{
	char *name = xmalloc(strlen(temp_folder()) + 32);
	sprintf(name, "%s/planpress-XXXXXX", temp_folder());
	int fd = mkostemp(name, O_CLOEXEC);
	if (fd >= 0)
		unlink(name);	/* gone when closed, whatever happens */
	free(name);
	return fd;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used_bytes = 0;
	a->spare = NULL;
	a->block = 0;
	a->texts = NULL;
	a->spill_texts_from = 0;
}

static void free_blocks(struct arena_block *b)
{
	while (b) {
		struct arena_block *next = b->next;
		if (b->spilled)
			spill_unmap(b->data, b->spilled);
		free(b);
		b = next;
	}
}

void arena_free(struct arena *a)
{
	size_t spill_texts_from = a->spill_texts_from;
	free_blocks(a->head);
	free_blocks(a->texts);
	free_blocks(a->spare);
	arena_init(a);
	a->spill_texts_from = spill_texts_from;
}

/* Under AddressSanitizer a reset frees its blocks, so that whatever still
 * points into them is caught when it is read, as it would not be in memory
 * handed out again. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_RESET_FREES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_RESET_FREES 1
#endif
#endif

static void reset_blocks(struct arena *a, struct arena_block **head)
{
#ifdef ARENA_RESET_FREES
	free_blocks(*head);
#else
	struct arena_block *b = *head;
	while (b) {
		struct arena_block *next = b->next;
		b->used = 0;
		b->next = a->spare;
		a->spare = b;
		b = next;
	}
#endif
	*head = NULL;
}

void arena_reset(struct arena *a)
{
	reset_blocks(a, &a->head);
	reset_blocks(a, &a->texts);
	a->used_bytes = 0;
}

/* The blocks from *from behind *into's current block, whose room is still
 * used. */
static void move_blocks(struct arena_block **into, struct arena_block **from)
{
	if (!*from)
		return;
	struct arena_block *last = *from;
	while (last->next)
		last = last->next;
	if (*into) {
		last->next = (*into)->next;
		(*into)->next = *from;
	} else {
		*into = *from;
	}
	*from = NULL;
}

void arena_move(struct arena *into, struct arena *from)
{
	move_blocks(&into->head, &from->head);
	move_blocks(&into->texts, &from->texts);
	into->used_bytes += from->used_bytes;
	from->used_bytes = 0;
}

/* A block of at least cap bytes, in the spill file or not: a spare one if
 * one is big enough. */
static struct arena_block *new_block(struct arena *a, size_t cap, bool spill)
{
	for (struct arena_block **p = &a->spare; *p; p = &(*p)->next)
		if ((*p)->size >= cap && !(*p)->spilled == !spill &&
		    (!(*p)->spilled || spill_reusable())) {
			struct arena_block *b = *p;
			*p = b->next;
			return b;
		}
	size_t spilled = 0;
	void *data = spill ? spill_map(cap, &spilled) : NULL;
	struct arena_block *b = xmalloc(sizeof *b + (data ? 0 : cap));
	b->data = data ? data : b->own;
	b->size = data ? spilled : cap;
	b->spilled = spilled;
	b->used = 0;
	return b;
}

/* size bytes of the arena at a multiple of align, as they are: for what is
 * written over at once. Aligned as their type needs, not more: rounding
 * every allocation up to sizeof(max_align_t) (32 bytes on x86-64) cost a
 * 10,000-action plan's YAML tree 6 MB, its texts taking 32 bytes or more
 * each. A long text (spill_texts_from) goes among the others in the spill
 * file. */
static void *arena_take(struct arena *a, size_t size, size_t align, bool long_text)
{
	struct arena_block **head = long_text ? &a->texts : &a->head;
	struct arena_block *b = *head;
	size_t at = b ? (b->used + align - 1) / align * align : 0;
	/* a worker writes nothing where the build reads (spill.h) */
	if (!b || at > b->size || b->size - at < size || (b->spilled && !spill_writable())) {
		size_t least = a->block ? a->block : ARENA_BLOCK_MIN;
		b = new_block(a, size > least ? size : least, long_text);
		/* A large one-off allocation goes behind the current block so the
		 * remaining space of the current block is not wasted. */
		if (*head && size > least) {
			b->next = (*head)->next;
			(*head)->next = b;
		} else {
			b->next = *head;
			*head = b;
		}
		at = b->used;	/* a block's data is aligned for anything */
	}
	void *p = (char *)b->data + at;
	b->used = at + size;
	a->used_bytes += size;
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_take(a, size, _Alignof(max_align_t), false);
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_take(a, n + 1, 1, a->spill_texts_from && n >= a->spill_texts_from);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static void strbuf_grow(struct strbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
	strbuf_grow(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void strbuf_adds(struct strbuf *b, const char *s)
{
	strbuf_add(b, s, strlen(s));
}

void strbuf_addc(struct strbuf *b, char c)
{
	strbuf_add(b, &c, 1);
}

void strbuf_printf(struct strbuf *b, const char *fmt, ...)
{
	/* formatted straight into the room there is; again only when it
	 * did not fit (formatting twice was a tenth of a rebuild) */
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->cap ? b->data + b->len : NULL, room, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	if ((size_t)n >= room) {
		strbuf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void strbuf_add_uint(struct strbuf *b, unsigned long long v)
{
	char digits[24];
	size_t i = sizeof digits;
	do
		digits[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	strbuf_add(b, digits + i, sizeof digits - i);
}

void strbuf_free(struct strbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

const char *read_input_file(const char *path, size_t max, struct strbuf *b,
			    unsigned long long *size_out)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return strerror(errno);
	struct stat st;
	const char *why = NULL;
	if (fstat(fd, &st) != 0)
		why = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		why = "it is not a file but a folder, pipe, socket or device";
	else if ((unsigned long long)st.st_size > max) {
		why = "it is too large";
		if (size_out)
			*size_out = (unsigned long long)st.st_size;
	}
	char chunk[65536];
	size_t total = 0;
	while (!why) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			why = strerror(errno);
		else if (n == 0)
			break;
		else if ((total += (size_t)n) > max)
			why = "it is too large";	/* it grew while read */
		else
			strbuf_add(b, chunk, (size_t)n);
	}
	close(fd);
	if (!b->data)
		strbuf_add(b, "", 0);
	return why;
}

bool strbuf_add_file(struct strbuf *b, const char *path)
{
	return read_input_file(path, INPUT_MAX_BYTES, b, NULL) == NULL;
}

size_t starts_index(const size_t *starts, size_t n, size_t at)
{
	size_t lo = 0, hi = n;	/* starts[lo] <= at < starts[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (starts[mid] <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t edit_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 64 || m > 64)
		return (size_t)-1;
	size_t d[65][65];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m];
}

const char *closest_word(const char *word, const char *const *candidates, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	size_t len = strlen(word);
	/* Short words tolerate one edit, longer ones a third of their length. */
	size_t limit = len <= 4 ? 1 : len / 3 < 3 ? len / 3 : 3;
	if (limit < 1)
		limit = 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, candidates[i]);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	/* A prefix ("lead" for "leads", "progres" for "progress") is always close. */
	if (best && best_d > limit) {
		for (size_t i = 0; i < n; i++)
			if (len >= 3 && strncmp(candidates[i], word, len) == 0)
				return candidates[i];
		return NULL;
	}
	return best;
}

bool str_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}
