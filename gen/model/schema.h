/* schema.h - the content format held as data (tables of keys, types and required
 * flags per record) and the one generic checker that walks a loaded tree against
 * it, producing the typed model and a diagnostic for every problem. */
#ifndef PLANPRESS_SCHEMA_H
#define PLANPRESS_SCHEMA_H

#include "diag.h"
#include "load.h"
#include "model.h"
#include "util.h"

/* Check one loaded file. path is relative to the content root (plans/x.yaml) and
 * gives the default id; file is the name diagnostics use; site, the content
 * root's settings (its rating scale), or NULL. Returns the document
 * (marked invalid, holding what was valid, when the file had errors), or NULL
 * when it is not a document of a known kind at all (diagnostics added). */
struct document *schema_check_document(const struct node *root, const char *path,
					const char *file, const struct site *site,
					struct arena *arena, struct diags *diags);

/* A translation's tree: original (a valid document's tree) with the texts
 * of translation (NAME.cy.yaml's tree, or NULL when there is no such file) in
 * place, ready for schema_check_document. Errors where the translation
 * changes what only texts may change (refs, ids, numbers, dates, ratings,
 * paths, lists' lengths) or holds what the original has not, at the
 * translation's value; a warning at each text it leaves out (none without a
 * file), which is kept in the original's language and marked foreign.
 * language names it in messages ("Welsh"); *untranslated (when not NULL)
 * counts the texts kept so. NULL when the kinds differ. */
struct node *schema_translate(const struct node *original, const struct node *translation,
			      const char *language, struct arena *arena, struct diags *diags,
			      size_t *untranslated);

/* A content path in its plain form ("plans/./a/../x.yaml": "plans/x.yaml"),
 * or NULL when it does not stay inside the root (it starts with '/', or a
 * ".." climbs above it) or names nothing. */
char *content_path_normal(const char *path, struct arena *a);
bool content_path_valid(const char *path);

#endif
