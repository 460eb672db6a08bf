/* jobs.c - a build's PDFs rendered by worker processes (`build -j N`).
 *
 * Processes, not threads: each worker is a fork of the build once the
 * content is checked and the renderer made, so it shares nothing it could
 * race on (the renderer's arena, Pango's and fontconfig's caches). The
 * layout's counting threads are joined before a document ends; Pango's
 * fontconfig thread is not in the fork, so each worker makes a font map of
 * its own (pdf_new_context). A worker takes the next PDF from a counter
 * the workers share, renders it into a spool file, appends that to the
 * build's store (write.h), and writes how it went (its index, status, place
 * in the store and the diagnostics it added) to its report file.
 * Meanwhile the build renders the web pages. It then takes the results in
 * the order -j 1 renders them, stopping where -j 1 would stop, so the files,
 * the diagnostics and their order are those of -j 1. */
#include "jobs.h"
#include "layout.h"
#include "pack.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_CONTENT = 1, EXIT_WRITE = 3 };

/* A test hook: PLANPRESS_TEST_PDF_JOB=how:PATH, PATH a PDF's path in the
 * output tree. fail: its render fails as a content problem would (in a
 * worker or not); die: the worker given it is killed before it reports;
 * full: the worker finds its temporary file could not be written. The cli
 * suite checks with it that a build at -j N whose worker fails says and
 * leaves what -j 1 does. */
enum test_hook { HOOK_NONE, HOOK_FAIL, HOOK_DIE, HOOK_FULL };

static enum test_hook test_hook(const struct pdf_job *job)
{
	static const char *const names[] = { NULL, "fail:", "die:", "full:" };
	const char *h = getenv("PLANPRESS_TEST_PDF_JOB");
	for (int i = HOOK_FAIL; h && i <= HOOK_FULL; i++) {
		size_t n = strlen(names[i]);
		if (strncmp(h, names[i], n) == 0 && strcmp(h + n, job->path) == 0)
			return (enum test_hook)i;
	}
	return HOOK_NONE;
}

static bool render(struct pdf_renderer *pdf, const struct pdf_job *job)
{
	if (test_hook(job) == HOOK_FAIL) {
		diag_error(pdf_diags_of(pdf), (struct pos){ job->doc->file, 0, 0 },
			   "could not make the PDF: made to fail by PLANPRESS_TEST_PDF_JOB");
		return false;
	}
	return job->doc->kind == DOC_MEETING ? pack_render(pdf, job->doc, false, job->spool, NULL) :
	       pdf_render_document(pdf, job->doc, job->spool);
}

int pdf_job_output(struct pdf_renderer *pdf, struct pdf_job *job, struct output *out)
{
	job->spool = spool_open();
	if (!job->spool)
		return EXIT_WRITE;	/* spool_open said why */
	int status = render(pdf, job) ? EXIT_OK :
		     /* a full temporary folder is a write failure, said with its
		      * folder, not a problem in the content */
		     spool_failed(job->spool) ? EXIT_WRITE : EXIT_CONTENT;
	if (status == EXIT_OK)
		output_add_spool(out, job->path, job->spool);
	else
		fclose(job->spool);
	job->spool = NULL;
	return status;
}

/* In a worker: rendered as pdf_job_output renders, but a spool that could
 * not be written is left for the build to render again (so that it says
 * why, as -j 1 does). */
static int render_quietly(struct pdf_renderer *pdf, const struct pdf_job *job)
{
	enum test_hook hook = test_hook(job);
	if (hook == HOOK_DIE)
		raise(SIGKILL);
	bool ok = render(pdf, job);
	if (fflush(job->spool) != 0 || ferror(job->spool) || hook == HOOK_FULL)
		return EXIT_WRITE;
	return ok ? EXIT_OK : EXIT_CONTENT;
}

/* ---------- the worker ---------- */

static void put_size(FILE *f, size_t n)
{
	uint64_t v = n;
	fwrite(&v, sizeof v, 1, f);
}

static bool get_size(FILE *f, size_t *n)
{
	uint64_t v;
	if (fread(&v, sizeof v, 1, f) != 1)
		return false;
	*n = (size_t)v;
	return true;
}

static void put_text(FILE *f, const char *s)
{
	size_t len = s ? strlen(s) : 0;
	put_size(f, s ? len + 1 : 0);
	if (s)
		fwrite(s, 1, len, f);
}

/* NULL stays NULL: a size of 0 */
static char *get_text(FILE *f, bool *ok)
{
	size_t n;
	if (!get_size(f, &n) || n > ((size_t)1 << 30)) {
		*ok = false;
		return NULL;
	}
	if (n == 0)
		return NULL;
	char *s = xmalloc(n);
	if (fread(s, 1, n - 1, f) != n - 1)
		*ok = false;
	s[n - 1] = '\0';
	return s;
}

/* The job's index and status, where its PDF is in the store, and the
 * diagnostics added since `from` (and the counts of those past the list's
 * limit). */
static void report(FILE *f, uint32_t job, int status, long long at, size_t size,
		   const struct diags *d, size_t from, size_t errors, size_t warnings)
{
	put_size(f, job);
	put_size(f, (size_t)status);
	put_size(f, (size_t)at);
	put_size(f, size);
	put_size(f, d->errors - errors);
	put_size(f, d->warnings - warnings);
	put_size(f, d->n - from);
	for (size_t i = from; i < d->n; i++) {
		const struct diag *g = &d->list[i];
		put_size(f, (size_t)g->level);
		put_text(f, g->pos.file);
		put_size(f, (size_t)g->pos.line);
		put_size(f, (size_t)g->pos.col);
		put_text(f, g->message);
	}
	fflush(f);
}

/* The next job no worker has taken, from the counter they share (shared
 * memory: the build hands nothing out, so it is free to render its pages). */
static bool next_job(atomic_uint_least32_t *next, size_t n, uint32_t *i)
{
	*i = atomic_fetch_add(next, 1);
	return *i < n;
}

/* Job i rendered into a spool of its own, then appended to the store: how
 * it went, and where in the store. */
static int work_on(struct pdf_renderer *pdf, struct pdf_job *job, long long *at, size_t *size)
{
	job->spool = spool_open();
	if (!job->spool)
		return EXIT_WRITE;
	int status = render_quietly(pdf, job);
	if (status == EXIT_OK && !store_put_spool(job->spool, at, size))
		status = EXIT_WRITE;
	fclose(job->spool);
	job->spool = NULL;
	return status;
}

static void work(struct pdf_renderer *pdf, struct diags *diags, struct pdf_job *jobs, size_t n,
		 atomic_uint_least32_t *next, FILE *reports)
{
	/* every core is a worker's already */
	layout_limit_threads(0);
	pdf_new_context(pdf);
	uint32_t i;
	while (next_job(next, n, &i)) {
		size_t from = diags->n, errors = diags->errors, warnings = diags->warnings;
		long long at = 0;
		size_t size = 0;
		int status = work_on(pdf, &jobs[i], &at, &size);
		report(reports, i, status, at, size, diags, from, errors, warnings);
	}
	_exit(0);	/* the build's, not the worker's, to free and flush */
}

/* ---------- the build ---------- */

/* The head of a job's report, as report() writes it. */
struct report_head {
	size_t job, status, at, size, errors, warnings, count;
};

static bool get_head(FILE *f, struct report_head *h)
{
	return get_size(f, &h->job) && get_size(f, &h->status) && get_size(f, &h->at) &&
	       get_size(f, &h->size) && get_size(f, &h->errors) && get_size(f, &h->warnings) &&
	       get_size(f, &h->count);
}

/* One of a report's diagnostics; false when the report is cut short. */
static bool get_diag(FILE *f, size_t *level, char **file, size_t *line, size_t *col,
		     char **message)
{
	bool ok = get_size(f, level);
	*file = get_text(f, &ok);
	ok = ok && get_size(f, line) && get_size(f, col);
	*message = get_text(f, &ok);
	return ok;
}

/* Where each job's report begins in its worker's file: found[i], or NULL
 * when no worker finished job i (its worker died). */
static void index_reports(FILE **reports, size_t workers, FILE **found, long *at, size_t n)
{
	for (size_t w = 0; w < workers; w++) {
		FILE *f = reports[w];
		if (fseek(f, 0, SEEK_SET) != 0)
			continue;
		for (;;) {
			long here = ftell(f);
			struct report_head h;
			if (!get_head(f, &h) || h.job >= n)
				break;
			bool ok = true;
			for (size_t k = 0; ok && k < h.count; k++) {
				size_t level = 0, line = 0, col = 0;
				char *file, *message;
				ok = get_diag(f, &level, &file, &line, &col, &message);
				free(file);
				free(message);
			}
			if (!ok)
				break;	/* cut short: the worker died writing it */
			found[h.job] = f, at[h.job] = here;
		}
	}
}

/* The report at `at` read: its status, or -1, and where its PDF is in the
 * store; its diagnostics added to diags when `take`. */
static int read_report(FILE *f, long at, struct diags *diags, bool take, long long *stored_at,
		       size_t *size)
{
	struct report_head h;
	if (fseek(f, at, SEEK_SET) != 0 || !get_head(f, &h))
		return -1;
	*stored_at = (long long)h.at;
	*size = h.size;
	size_t errors = h.errors, warnings = h.warnings;
	bool ok = true;
	for (size_t i = 0; ok && take && i < h.count; i++) {
		size_t level = 0, line = 0, col = 0;
		char *file, *message;
		ok = get_diag(f, &level, &file, &line, &col, &message);
		if (ok) {
			struct pos pos = { file, (int)line, (int)col };
			diag_add(diags, (enum diag_level)level, pos, "%s", message ? message : "");
			if (level == DIAG_ERROR)
				errors--;
			else
				warnings--;
		}
		free(file);
		free(message);
	}
	if (take) {
		/* those a worker counted past the list's limit, counted here too */
		diags->errors += errors;
		diags->warnings += warnings;
		if (errors + warnings)
			diags->truncated = true;
	}
	return ok ? (int)h.status : -1;
}

struct pdf_batch {
	struct pdf_renderer *pdf;
	struct pdf_job *jobs;
	size_t n;
	struct diags *diags;
	FILE **reports;		/* each worker's */
	size_t n_reports;
	pid_t *pids;
	size_t started;		/* workers */
	bool held;		/* the store, for them (store_hold) */
	atomic_uint_least32_t *next;	/* the next job, shared with them */
};

/* Forks up to `workers` workers, each writing reports[w], to take the batch's
 * jobs; returns how many started. */
static size_t start_workers(struct pdf_batch *b, size_t workers)
{
	b->next = mmap(NULL, sizeof *b->next, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		       -1, 0);
	if (b->next == MAP_FAILED) {
		b->next = NULL;
		return 0;
	}
	atomic_init(b->next, 0);
	fflush(NULL);	/* nothing buffered is written twice */
	size_t started = 0;
	for (size_t w = 0; w < workers; w++) {
		pid_t pid = fork();
		if (pid == 0)
			work(b->pdf, b->diags, b->jobs, b->n, b->next, b->reports[w]);
		if (pid > 0)
			b->pids[started++] = pid;
	}
	return started;
}

/* A job as -j 1 makes it, added to out: its worker's result, or rendered
 * here when no worker finished it or could write it. */
static int finish_job(struct pdf_renderer *pdf, struct pdf_job *job, FILE *report, long at,
		      struct diags *diags, struct output *out)
{
	long long stored_at = 0;
	size_t size = 0;
	int status = report ? read_report(report, at, diags, false, &stored_at, &size) : -1;
	if (status != EXIT_OK && status != EXIT_CONTENT)
		return pdf_job_output(pdf, job, out);
	status = read_report(report, at, diags, true, &stored_at, &size);
	if (status == EXIT_OK)
		output_add_stored(out, job->path, stored_at, size);
	return status;
}

struct pdf_batch *pdf_jobs_start(struct pdf_renderer *pdf, struct pdf_job *jobs, size_t n,
				 size_t workers, struct diags *diags)
{
	struct pdf_batch *b = xcalloc(1, sizeof *b);
	*b = (struct pdf_batch){ pdf, jobs, n, diags };
	b->reports = xcalloc(workers ? workers : 1, sizeof *b->reports);
	b->pids = xcalloc(workers ? workers : 1, sizeof *b->pids);
	/* without a store, or a report file each, this build renders them all;
	 * the store is held open until the workers' PDFs are taken from it */
	b->held = workers && store_hold();
	while (b->held && b->n_reports < workers && (b->reports[b->n_reports] = spool_open()))
		b->n_reports++;
	if (b->held && b->n_reports == workers)
		b->started = start_workers(b, workers);
	return b;
}

int pdf_jobs_finish(struct pdf_batch *b, struct output *out)
{
	for (size_t w = 0; w < b->started; w++)
		while (waitpid(b->pids[w], NULL, 0) < 0 && errno == EINTR)
			;
	size_t n = b->n;
	FILE **found = xcalloc(n ? n : 1, sizeof *found);
	long *at = xcalloc(n ? n : 1, sizeof *at);
	if (b->started)
		index_reports(b->reports, b->started, found, at, n);
	int status = EXIT_OK;
	for (size_t i = 0; status == EXIT_OK && i < n; i++) {
		out->unit = b->jobs[i].unit;
		status = finish_job(b->pdf, &b->jobs[i], found[i], at[i], b->diags, out);
		out->unit = 0;
	}
	for (size_t w = 0; w < b->n_reports; w++)
		fclose(b->reports[w]);
	if (b->held)
		store_let_go();
	if (b->next)
		munmap(b->next, sizeof *b->next);
	free(b->reports);
	free(b->pids);
	free(found);
	free(at);
	free(b);
	return status;
}
