/* content.h - the whole content set: find the documents under the content root,
 * load and check each, then run the checks that span files (unique ids, papers
 * that exist and are of the right kind, the site's defaults) and derive. */
#ifndef PLANPRESS_CONTENT_H
#define PLANPRESS_CONTENT_H

#include "diag.h"
#include "model.h"
#include "util.h"

struct catalog;

#define CONTENT_LANGUAGES_MAX 4

struct translation_file;
struct early_versions;

struct content {
	struct arena arena;		/* the model, and the values' texts it
					 * points to (load_file) */
	struct arena trees;		/* the YAML trees' nodes read again once
					 * every file is checked (a site's; every
					 * valid document's read whole when the
					 * site has more than one language, for its
					 * translations), freed then. The
					 * model needs only the values' texts, so
					 * the other trees' nodes go as each file
					 * is checked (a plan of 10,000 actions
					 * would hold them all) */
	const char *root;		/* as given: "content" */
	const char *root_real;		/* with links followed, once; NULL if none */
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
	/* revision 2, Languages: the site's languages, its main one first
	 * (["en"] when it names none), and the documents in each: versions[0]
	 * is docs itself, versions[i][j] is docs[j] in langs[i] (made from
	 * its translation NAME.LANG.yaml, or from docs[j] alone, marked
	 * untranslated, when it has none); sites[i] the site's settings so. */
	size_t n_langs;
	const char *langs[CONTENT_LANGUAGES_MAX];
	struct document **versions[CONTENT_LANGUAGES_MAX];
	struct site *sites[CONTENT_LANGUAGES_MAX];
	/* each language's message catalogue (templates/messages/LANG.po,
	 * when content_use_messages named the folder; NULL for English
	 * without one), in force while that language's documents are made,
	 * as their default words ("Priority", column headings) are its */
	struct catalog *catalogs[CONTENT_LANGUAGES_MAX];
	struct translation_file *translations;	/* found under root */
	size_t n_translations;
	/* documents' versions made as each file is checked, its tree then let
	 * go (content.c); versions takes them once every file is */
	struct early_versions *early;
	size_t n_early;
};

/* The folder of the message catalogues (templates/messages) the next load
 * reads the site's languages' words from; NULL (as `check` leaves it): none,
 * words in English. */
void content_use_messages(const char *dir);

/* What the last build's check found of a file (facts.h), taken by the next
 * content_load_all in place of reading the file again: rel as the walk names
 * it ("plans/x.yaml"); given only for a file whose bytes are those checked,
 * when the program, templates and content root are as they were. */
struct file_facts {
	const char *rel;
	const char *text;	/* facts_write's, without its newline */
	size_t len;
};
/* The facts the next content_load_all may take (sorted by rel; n 0: none).
 * They are taken only with the site's settings in the root's site.yaml
 * (its bytes among those checked, as build.c sees to) and one language:
 * with more, every document's tree is read again. */
void content_use_facts(const struct file_facts *facts, size_t n);

/* Calls each(rating) for every rating colour every web page's style sheet
 * gives: the site scale's, then each plan's own, in document order, the
 * first of each key (a style sheet has one rule a key). Decided here once
 * for the pages (html.c) and for what a change to them makes again
 * (record.c): every page. */
void content_rating_colours(const struct content *c,
			    void (*each)(const struct rating *, void *), void *arg);

/* The content as in its i-th language: docs and site that language's. */
struct content content_in_language(const struct content *c, size_t i);
/* When path names a translation (plans/x.cy.yaml) of a document of c: the
 * document in that language and the language's index in langs. */
bool content_translation_at(const struct content *c, const char *path, size_t *lang,
			    struct document **doc);
/* "Welsh", "English" */
const char *language_name(const char *tag);
/* Where the pages of langs[i] go in the output tree: "" for the main
 * language, "cy/" for another. */
const char *language_folder(const struct content *c, size_t i);

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
