/* facts.h - what checking one document's file found, kept by a build for
 * the next, which takes it in place of reading and checking the file again
 * when the file's bytes and everything its check reads besides (the
 * program, the templates, the site file) are as they were (issue 20: one
 * plan changed in a site of 1,000 documents need not check the other 999).
 *
 * The facts of a file are the diagnostics its own check gave (the loader's,
 * the schema's, derive's) and its document's "stub": only what is read of a
 * document that is not rendered, by the checks across files (ids, papers and
 * appendices, exemptions, the meeting a paper is for, links to pages of the
 * site), the front page (titles, dates, status, rating counts) and the
 * style sheet (a plan's own rating colours). A stub is never rendered: the
 * build takes the files of every document it renders, and of every document
 * that one is made from, whole (build.c).
 *
 * In a site of more than one language, a file's facts are also those of
 * its document's version in each other language (record.c writes them one
 * line each after the document's, keyed by the bytes of the file and of its
 * translations): whether it had a translation, and which of its texts are
 * kept in the original's language (written "~", not "="), so that its
 * page in that language marks them as a version read whole would.
 *
 * The text is one line of tab-separated fields, each string escaped, read
 * back in the order written; anything unexpected and the file is read
 * whole instead. */
#ifndef PLANPRESS_FACTS_H
#define PLANPRESS_FACTS_H

#include "model.h"
#include "util.h"

/* The facts of d (a document of a valid file, checked whole, or a stub, in
 * any of the site's languages) appended to out, ending in a newline; its
 * texts that foreign's list holds (document_text_foreign) marked so, to be
 * the stub's foreign texts. */
void facts_write(const struct document *d, const struct document *foreign,
		 struct strbuf *out);

/* The stub the facts text (without its newline) gives for the file rel
 * (path) named display in diagnostics, checked against site; NULL when the
 * text is not facts as facts_write writes them. */
struct document *facts_read(const char *text, size_t len, const char *path,
			    const char *display, const struct site *site, struct arena *a);

#endif
