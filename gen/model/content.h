/* content.h - the whole content set: find the documents under the content root,
 * load and check each, then run the checks that span files (unique ids, papers
 * that exist and are of the right kind, the site's defaults) and derive. */
#ifndef PLANPRESS_CONTENT_H
#define PLANPRESS_CONTENT_H

#include "diag.h"
#include "model.h"
#include "util.h"

struct content {
	struct arena arena;
	struct arena trees;		/* the files' YAML trees: freed once every
					 * file is checked, since the model holds
					 * copies of what it needs (a plan of 10,000
					 * actions would hold both) */
	const char *root;		/* as given: "content" */
	struct site *site;		/* NULL when there is no site.yaml */
	struct document **docs;		/* valid documents, in path order */
	size_t n_docs;
	size_t n_files;			/* files looked at, valid or not */
	size_t n_asked;			/* the files check was asked about: those
					 * named (each once), or every file found */
	bool whole;			/* every file under root was loaded */
	/* the site's logo as read and checked (a PNG that decodes), or NULL:
	 * renderers use these bytes, never the file again */
	char *logo_png;
	size_t logo_png_size;
};

/* Every .yaml/.yml file under root. Returns false when root cannot be read. */
bool content_load_all(struct content *c, const char *root, struct diags *diags);

/* The named files, checked with every document under root beside them (ids
 * compared, papers found, as content_load_all would); only diagnostics in the
 * named files are added to diags. */
bool content_load_files(struct content *c, const char *root, char *const *paths,
			size_t n, struct diags *diags);

/* The whole root and path (which may lie outside it), as for `render` of
 * path: every diagnostic is added to diags, for the caller to pick those of
 * the files the document is made from. */
void content_load_one(struct content *c, const char *root, const char *path,
		      struct diags *diags);

struct document *content_find(const struct content *c, const char *path);
void content_free(struct content *c);

#endif
