/* catalog.h - the words planpress itself prints ("Page 1 of 3", "Agenda Item
 * 4", "Improving", month names), one message catalogue per language read from
 * a GNU gettext PO file in templates/messages/, so a council corrects a phrase
 * without recompiling. Read here, without a system locale: msgctxt, msgid,
 * msgid_plural, msgstr[N], and the header's Plural-Forms expression, which
 * is what lets Welsh say "2 gam", "3 cham" and "4 cam" (see docs/templates.md). */
#ifndef PLANPRESS_CATALOG_H
#define PLANPRESS_CATALOG_H

#include "diag.h"
#include "util.h"

#include <stdbool.h>
#include <stddef.h>

struct catalog;

/* Reads a PO file; NULL after adding an error at its line to diags when it
 * cannot be read or holds a mistake (a bad escape, a plural expression that
 * cannot be read, a translation using a placeholder its msgid has not). A
 * fuzzy entry is left out, as msgfmt leaves it. lang is the language it is
 * for ("cy"), which the file's Language header must match when it has one. */
struct catalog *catalog_load(const char *path, const char *lang, struct diags *diags);
void catalog_free(struct catalog *c);
const char *catalog_lang(const struct catalog *c);		/* "cy" */
/* Its translation of msgid (in context ctxt, NULL for none), NULL when it
 * has none. */
const char *catalog_get(const struct catalog *c, const char *ctxt, const char *msgid);
/* The form for n of a message with a plural, NULL when it has none. */
const char *catalog_get_plural(const struct catalog *c, const char *ctxt, const char *msgid,
			       unsigned long n);
/* Every message it holds, for the checks that none is missing or unused:
 * calls each(ctx, ctxt, msgid) in file order. */
void catalog_each(const struct catalog *c, void (*each)(void *, const char *, const char *),
		  void *ctx);
/* Which form a plural expression picks for n ("n != 1" and the like);
 * -1 when it cannot be read. Exposed for unit tests. */
long plural_eval(const char *expr, unsigned long n);

/* The catalogue the words of the page being made are taken from: set by the
 * build for each language in turn (NULL: the English written in the code,
 * as unit tests and `check` use). Read-only while a page renders. */
void messages_use(const struct catalog *c);
const struct catalog *messages_current(void);
/* The language of the words in force: "en" without a catalogue. */
const char *messages_lang(void);

/* A fixed phrase in the language in force: its translation, or msgid as
 * written (English) when the catalogue has none. */
const char *msg(const char *msgid);
/* The same in a context: msg_c("month", "May"). */
const char *msg_c(const char *ctxt, const char *msgid);
/* The form for n: msg_n("%s action", "%s actions", n). */
const char *msg_n(const char *msgid, const char *plural, unsigned long n);
const char *msg_nc(const char *ctxt, const char *msgid, const char *plural, unsigned long n);
/* Marks a message that reaches msg() through a variable (a table of
 * column headings, month names), so that tools/messages finds it: the
 * text is left as it is. */
#define N_(msgid) msgid
#define NC_(ctxt, msgid) msgid
#define NN_(msgid, plural) msgid, plural

/* A message's placeholders filled: "%s" takes the next argument, "%2$s" the
 * second (so a translation may change their order), "%%" is "%"; "%ms" (or
 * "%2$ms") the argument with the Welsh soft mutation of its first letter,
 * for a word that mutates after the one before it: "o %ms i %ms" makes
 * "o Goch i Wyrdd" of "Coch" and "Gwyrdd" (a phrase of several words is
 * left as written). Every
 * argument is a string; format_msg checks nothing, since catalog_load has
 * refused translations that name an argument their msgid has not. */
char *msg_printf(struct arena *a, const char *fmt, ...);
/* How many arguments a message takes (its highest placeholder); -1 when it
 * has a placeholder other than those. */
int msg_arg_count(const char *fmt);

#endif
