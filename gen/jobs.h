/* jobs.h - a build's PDFs rendered by worker processes (`build -j N`), with
 * the files, diagnostics and exit status of rendering them one by one. */
#ifndef PLANPRESS_JOBS_H
#define PLANPRESS_JOBS_H

#include "diag.h"
#include "model.h"
#include "pdf.h"
#include "write.h"

#include <stdio.h>

struct pdf_job {
	const struct document *doc;	/* a meeting: its public agenda pack */
	const char *path;		/* in the output tree */
	FILE *spool;			/* its bytes, while it renders */
	unsigned unit;			/* whose output it is (write.h) */
};

/* The job rendered into a spool of its own and added to out: 0, 1 (diags
 * says why) or 3 when the spool could not be had or written (said on
 * stderr). */
int pdf_job_output(struct pdf_renderer *pdf, struct pdf_job *job, struct output *out);

/* The n jobs being rendered: pdf_jobs_start forks their workers (up to
 * `workers`; none when it is 0, or when they cannot be had) and returns at
 * once, so that the build renders its pages meanwhile; pdf_jobs_finish
 * waits for the workers and adds the jobs to out in order, up to the first
 * that fails, as rendering them in order would (a job no worker finished or
 * could write rendered here): 0, 1 or 3. pdf's diagnostics go to diags,
 * which pdf_new was given. jobs, pdf and diags must last until then, and
 * nothing rendered between is in the workers. */
struct pdf_batch;
struct pdf_batch *pdf_jobs_start(struct pdf_renderer *pdf, struct pdf_job *jobs, size_t n,
				 size_t workers, struct diags *diags);
int pdf_jobs_finish(struct pdf_batch *batch, struct output *out);

#endif
