/* build.h - the build and render commands: check everything, render every
 * output in memory, and only then write the output tree. */
#ifndef PLANPRESS_BUILD_H
#define PLANPRESS_BUILD_H

#include <stdbool.h>

struct build_options {
	const char *content, *templates, *out;
	bool strict, quiet;
	bool exempt;		/* render: the members' agenda pack, exempt papers included */
};

/* Both return the exit status of spec/cli.md: 0, 1 content errors, 3 write. */
int build_site(const struct build_options *o);
int render_one(const struct build_options *o, const char *file, const char *output);

#endif
