/* build.h - the build and render commands: check everything, render every
 * output in memory, and only then write the output tree. */
#ifndef PLANPRESS_BUILD_H
#define PLANPRESS_BUILD_H

#include "content.h"
#include "write.h"

#include <stdbool.h>

struct build_options {
	const char *content, *templates, *out;
	bool strict, quiet;
	bool exempt;		/* render: the members' agenda pack, exempt papers included */
	long jobs;		/* build: PDFs rendered at once; 0: one a core */
};

/* Renders every output of checked content into out (PDFs spooled to
 * temporary files), as build does before writing anything: 0, 1 when a
 * renderer refused (diags says why) or 3 when a temporary file could not be
 * written. The fuzz target tests/fuzz/fuzz_render.c calls it too. */
int build_render(const struct content *content, const char *templates, struct output *out,
		 struct diags *diags);
/* The same with the PDFs rendered by `jobs` processes at once: the same
 * files, diagnostics and status. */
int build_render_jobs(const struct content *content, const char *templates, long jobs,
		      struct output *out, struct diags *diags);

/* Both return the exit status of spec/cli.md: 0, 1 content errors, 3 write. */
int build_site(const struct build_options *o);
int render_one(const struct build_options *o, const char *file, const char *output);

#endif
