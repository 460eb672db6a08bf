/* unit.h - a minimal unit-test harness: CHECK records a result, and
 * unit_summary() prints the "N passed, N failed" line tests/run adds up. */
#ifndef PLANPRESS_UNIT_H
#define PLANPRESS_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_passed, unit_failed;

#define CHECK(cond) do { \
	if (cond) { unit_passed++; } \
	else { unit_failed++; fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *got_ = (got), *want_ = (want); \
	if (got_ && want_ && strcmp(got_, want_) == 0) { unit_passed++; } \
	else { unit_failed++; fprintf(stderr, "%s:%d: got '%s', want '%s'\n", __FILE__, __LINE__, \
		got_ ? got_ : "(null)", want_ ? want_ : "(null)"); } \
} while (0)

static inline int unit_summary(void)
{
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}

#endif
