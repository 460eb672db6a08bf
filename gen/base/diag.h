/* diag.h - diagnostics: every problem found, with file, line and column, collected
 * so that one run reports all of them and the caller decides the exit status. */
#ifndef PLANPRESS_DIAG_H
#define PLANPRESS_DIAG_H

#include <stdbool.h>
#include <stddef.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* A place in a content file; line and column are 1-based, 0 when unknown. */
struct pos {
	const char *file;
	int line, col;
};

struct diag {
	enum diag_level level;
	struct pos pos;
	char *message;
};

struct diags {
	struct diag *list;
	size_t n, cap;
	size_t errors, warnings;
	size_t max;		/* stop collecting after this many (0: 1000) */
	bool truncated;
};

void diag_add(struct diags *d, enum diag_level level, struct pos pos,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
#define diag_error(d, ...) diag_add((d), DIAG_ERROR, __VA_ARGS__)
#define diag_warning(d, ...) diag_add((d), DIAG_WARNING, __VA_ARGS__)

/* Sort by file, line, column; print to stream, the same message at the same
 * place once. When strict, warnings are printed and counted as errors. */
void diags_print(struct diags *d, void *stream, bool strict);
/* The same, and how many errors and warnings it printed (each once). */
void diags_print_counted(struct diags *d, void *stream, bool strict, size_t *errors,
			 size_t *warnings);
/* `check`'s last line: "2 errors and 1 warning in 3 files", "no problems
 * in 12 files" (spec: Diagnostics). */
void diags_print_summary(void *stream, size_t errors, size_t warnings, size_t files);
/* s with what could break a diagnostic's line written as an escape: a line
 * break as \n, a tab as \t, a carriage return as \r, any other control
 * character (C0, DEL, C1) and any byte that is not UTF-8 as \xNN. Every
 * file name and message printed goes through it, so a file named with a
 * line break can never forge a diagnostic line of its own. malloc'd. */
char *diag_escape(const char *s);
/* The same, written to stream. */
void diag_write_escaped(void *stream, const char *s);

size_t diags_error_count(const struct diags *d, bool strict);
/* from's diagnostics (from kept every one) added to into, in order, as if
 * diag_add had added them there (into's limit and counts apply); from is
 * left empty. */
void diags_append(struct diags *into, struct diags *from);
void diags_free(struct diags *d);

#endif
