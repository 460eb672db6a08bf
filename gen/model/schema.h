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

/* A content path in its plain form ("plans/./a/../x.yaml": "plans/x.yaml"),
 * or NULL when it does not stay inside the root (it starts with '/', or a
 * ".." climbs above it) or names nothing. */
char *content_path_normal(const char *path, struct arena *a);
bool content_path_valid(const char *path);

#endif
