/* spill.c - the spill file (spill.h says what it is for). */
#define _GNU_SOURCE	/* fallocate's FALLOC_FL_PUNCH_HOLE */
#include "spill.h"
#include "util.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A stretch of the file mapped at once, which spill_map hands out in
 * pieces: a page-out is a call a stretch, not one a piece (a site of 1,000
 * documents spills a block or two of each). */
struct stretch {
	char *p;
	size_t n;
	off_t at;	/* in the file */
	size_t used;	/* handed out from the front */
	size_t live;	/* of that, not given back */
};
#define STRETCH_BYTES ((size_t)4 << 20)
#define NO_STRETCH ((size_t)-1)

static struct {
	pthread_mutex_t lock;	/* page-outs come from the layout's threads */
	bool tried;		/* the file made, or found not to be had */
	int fd;			/* -1: none */
	off_t size;
	/* a worker forked off: it maps the file too, so nothing of it is
	 * given back to the disk (it may still be read), and the worker
	 * itself spills nothing (what it would add, the build would too) */
	bool forked;
	bool in_worker;
	struct stretch *stretches;
	size_t n_stretches;
	size_t current;		/* the stretch pieces come from, or NO_STRETCH */
} spill = { .lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1, .current = NO_STRETCH };

/* held across a fork, so that no worker starts with it locked */
static void before_fork(void)
{
	pthread_mutex_lock(&spill.lock);
	spill.forked = true;
}

static void in_parent(void)
{
	pthread_mutex_unlock(&spill.lock);
}

static void in_child(void)
{
	spill.in_worker = true;
	pthread_mutex_unlock(&spill.lock);
}

static bool spill_open(void)
{
	if (spill.tried)
		return spill.fd >= 0;
	spill.tried = true;
	spill.fd = temp_file();
	if (spill.fd >= 0)
		pthread_atfork(before_fork, in_parent, in_child);
	return spill.fd >= 0;
}

/* A new stretch of n bytes (a multiple of the page size): its index, or
 * NO_STRETCH. */
static size_t new_stretch(size_t n)
{
	/* the room on disk had now: a page written later never finds none
	 * (which would kill the program with SIGBUS) */
	if (posix_fallocate(spill.fd, spill.size, (off_t)n) != 0)
		return NO_STRETCH;
	void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED, spill.fd, spill.size);
	if (p == MAP_FAILED)
		return NO_STRETCH;
	/* a text read brings back its own page, not the pages about it: a
	 * pass over a site's 1,000 titles, a page each, otherwise brought
	 * back 48 MB (Linux 6.18 reads ahead, and maps what it read) */
	madvise(p, n, MADV_RANDOM);
	spill.stretches = xgrow(spill.stretches, spill.n_stretches, sizeof *spill.stretches);
	spill.stretches[spill.n_stretches] = (struct stretch){ p, n, spill.size, 0, 0 };
	spill.size += (off_t)n;
	return spill.n_stretches++;
}

void *spill_map(size_t n, size_t *mapped)
{
	long page = sysconf(_SC_PAGESIZE);
	n = (n + (size_t)page - 1) / (size_t)page * (size_t)page;
	pthread_mutex_lock(&spill.lock);
	void *p = NULL;
	if (spill.in_worker || !spill_open())
		goto done;
	size_t i = spill.current;
	if (n > STRETCH_BYTES / 4) {	/* a file's bytes: a stretch of its own */
		i = new_stretch(n);
	} else if (i == NO_STRETCH || spill.stretches[i].n - spill.stretches[i].used < n) {
		i = spill.current = new_stretch(STRETCH_BYTES);
	}
	if (i == NO_STRETCH)
		goto done;
	struct stretch *s = &spill.stretches[i];
	p = s->p + s->used;
	s->used += n;
	s->live += n;
	*mapped = n;
done:
	pthread_mutex_unlock(&spill.lock);
	return p;
}

void spill_unmap(void *p, size_t mapped)
{
	pthread_mutex_lock(&spill.lock);
	for (size_t i = 0; i < spill.n_stretches; i++) {
		struct stretch *s = &spill.stretches[i];
		if ((char *)p < s->p || (char *)p >= s->p + s->n)
			continue;
		/* its disk room back, unless a worker may still read it */
		if (spill_reusable())
			fallocate(spill.fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				  s->at + ((char *)p - s->p), (off_t)mapped);
		madvise(p, mapped, MADV_DONTNEED);
		s->live -= mapped;
		if (s->live == 0 && i != spill.current) {
			munmap(s->p, s->n);
			*s = spill.stretches[--spill.n_stretches];
			if (spill.current == spill.n_stretches)
				spill.current = i;	/* the last, moved into i's place */
		}
		break;
	}
	pthread_mutex_unlock(&spill.lock);
}

bool spill_writable(void)
{
	return !spill.in_worker;
}

bool spill_reusable(void)
{
	return !spill.forked && !spill.in_worker;
}

void spill_page_out(void)
{
	pthread_mutex_lock(&spill.lock);
	/* a shared file mapping's pages keep their bytes in the file: they
	 * are read again, not zeroed, when touched */
	for (size_t i = 0; i < spill.n_stretches; i++)
		madvise(spill.stretches[i].p, spill.stretches[i].used, MADV_DONTNEED);
	pthread_mutex_unlock(&spill.lock);
}
