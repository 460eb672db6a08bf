/* spill.h - bulky data written once and read seldom (a content file's bytes
 * while it is parsed, the texts of its values the model keeps) held in an
 * unnamed temporary file mapped into memory, not in the heap. It is read and
 * written as memory, at addresses that never move; spill_page_out tells the
 * system the program has done with it for now, so it leaves the program's
 * memory and is read again from the file (the page cache) when next touched.
 * A 10,000-action plan's texts are 7 MB; the program touches a page's worth
 * at a time.
 *
 * The file is made in the temporary folder, as the output store is (write.c),
 * on first use. Where it cannot be had (no room, no folder), spill_map says
 * so and the caller uses the heap: what is spilled is never more than memory
 * would hold. A forked worker reads what was spilled before the fork and
 * spills nothing itself: the file is shared. */
#ifndef PLANPRESS_SPILL_H
#define PLANPRESS_SPILL_H

#include <stdbool.h>
#include <stddef.h>

/* At least n bytes of the file, zeroed, mapped; NULL when none can be had
 * (the caller takes the heap's). Its room on disk is reserved first, so
 * writing to it never fails later. */
void *spill_map(size_t n, size_t *mapped);
/* What spill_map gave (mapped: its *mapped), given back. */
void spill_unmap(void *p, size_t mapped);
/* False in a forked worker: what was spilled before the fork is read
 * there, and written only by the process that spilled it (the file is
 * shared, so the build would see the worker's bytes). */
bool spill_writable(void);
/* False once a worker is forked, here and there: what was spilled may be
 * read by another process, so none of it is written over (an arena's
 * spilled block reused) or given back to the disk. */
bool spill_reusable(void);
/* Every spilled page out of the program's memory, to be read again when
 * touched: at points where what was touched is done with (each parsed
 * megabyte, each checked file, each page laid out or painted). */
void spill_page_out(void);

#endif
