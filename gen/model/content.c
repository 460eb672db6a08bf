/* content.c - finding, loading and cross-checking the documents of a content root. */
#include "content.h"
#include "catalog.h"
#include "derive.h"
#include "facts.h"
#include "load.h"
#include "png.h"
#include "schema.h"
#include "spill.h"
#include "url.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_FOLDER_DEPTH = 32 };

/* A file looked at, valid or not: papers naming an unreadable file are not
 * reported again as missing. */
struct seen_file {
	char *path;		/* relative to the root */
	char *real;		/* its real path, NULL if none: a paper may name a link to it */
	struct document *doc;	/* NULL when it is no document (YAML errors, no kind) */
	bool reported;		/* its own problems are shown in this run */
};

struct seen {
	struct seen_file *files;
	size_t n, cap;
	/* check of named files: only problems in these (as diagnostics name
	 * them) are shown; NULL: every file's */
	const char *const *named;
	size_t n_named;
};

static bool file_reported(const struct seen *seen, const char *file)
{
	if (!seen->named)
		return true;
	for (size_t i = 0; i < seen->n_named; i++)
		if (strcmp(seen->named[i], file) == 0)
			return true;
	return false;
}

static bool has_yaml_extension(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static char *join_path(const char *a, const char *b)
{
	size_t na = strlen(a);
	while (na > 1 && a[na - 1] == '/')
		na--;
	size_t nb = strlen(b);
	char *p = xmalloc(na + nb + 2);
	memcpy(p, a, na);
	p[na] = '/';
	memcpy(p + na + 1, b, nb + 1);
	return p;
}

/* Whether full (an existing file) lies inside the root, whose real path is
 * root_real (NULL: none), once links are followed; real: full's real path
 * when known (a file the walk found), else NULL to resolve it. A site's
 * papers are thousands of names: resolving each again was most of the
 * readlink calls of a rebuild. */
static bool inside_root(const char *root_real, const char *full, const char *real)
{
	char file_real[PATH_MAX];
	if (!root_real || (!real && !(real = realpath(full, file_real))))
		return false;
	size_t n = strlen(root_real);
	return strncmp(root_real, real, n) == 0 && real[n] == '/';
}

/* A .yaml file the walker found: its path relative to the root, and its real
 * path, by which two names of one file (a link beside its target) are told
 * apart from two files. Entries it will not read carry the reason, reported
 * under the name the file is known by (the command line's, when named). */
struct found {
	char *rel;
	char *real;		/* NULL when it cannot be resolved */
	bool link;
	bool dropped;		/* another name of a file kept under its own */
	const char *problem;	/* not read, and why; NULL: a file to check */
	bool warning;		/* the problem is only a warning */
};

struct walk {
	const char *root;
	const char *root_real;
	struct found *files;
	size_t n, cap;
};

/* real: the file's real path when known (a file, not a link, in a folder
 * whose real path is known: no need to resolve each name again), else NULL
 * to resolve full. */
static void add_found(struct walk *w, char *rel, const char *full, char *real, bool link,
		      const char *problem, bool warning)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->files = xrealloc(w->files, w->cap * sizeof *w->files);
	}
	w->files[w->n++] = (struct found){ rel, real ? real : realpath(full, NULL), link, false,
					   problem, warning };
}

/* Collect .yaml files under root/rel, relative to root. Hidden entries are
 * skipped. Nothing is opened here: lstat tells folders, links and files apart,
 * so a link back up the tree cannot loop, a link cannot bring in a file from
 * outside the root, and a pipe named .yaml cannot hang the run. */
static void find_files(struct walk *w, const char *rel, int depth)
{
	char *dir_path = *rel ? join_path(w->root, rel) : xstrdup(w->root);
	DIR *dir = opendir(dir_path);
	char *dir_real = dir ? realpath(dir_path, NULL) : NULL;
	free(dir_path);
	if (!dir || depth > MAX_FOLDER_DEPTH) {
		if (dir)
			closedir(dir);
		free(dir_real);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		char *child = *rel ? join_path(rel, e->d_name) : xstrdup(e->d_name);
		char *full = join_path(w->root, child);
		bool yaml = has_yaml_extension(e->d_name);
		struct stat st, target;
		if (lstat(full, &st) != 0) {
			free(child);
		} else if (S_ISDIR(st.st_mode)) {
			find_files(w, child, depth + 1);
			free(child);
		} else if (S_ISLNK(st.st_mode)) {
			bool resolved = stat(full, &target) == 0;
			if (resolved && S_ISDIR(target.st_mode))
				add_found(w, child, full, NULL, true, "this is a link to a folder; links to "
					  "folders are not followed, so nothing in it is checked", true);
			else if (!yaml)
				free(child);
			else if (!resolved)
				add_found(w, child, full, NULL, true,
					  "this is a link to a file that does not exist", false);
			else if (!inside_root(w->root_real, full, NULL))
				add_found(w, child, full, NULL, true, "this is a link to a file outside "
					  "the content folder; it is not read", false);
			else if (!S_ISREG(target.st_mode))
				add_found(w, child, full, NULL, true, "this is a link to something that is "
					  "not a file (a pipe, socket or device); it is not read", false);
			else
				add_found(w, child, full, NULL, true, NULL, false);
		} else if (!yaml) {
			free(child);
		} else if (!S_ISREG(st.st_mode)) {
			add_found(w, child, full, NULL, false, "this is not a file but a pipe, socket or "
				  "device; it is not read", false);
		} else {
			bool known = dir_real && dir_real[1];	/* not "/" */
			add_found(w, child, full, known ? join_path(dir_real, e->d_name) : NULL,
				  false, NULL, false);
		}
		free(full);
	}
	free(dir_real);
	closedir(dir);
}

static int found_by_path(const void *a, const void *b)
{
	return strcmp(((const struct found *)a)->rel, ((const struct found *)b)->rel);
}

/* by real path; of one file's names its own first, then links in path order */
static int found_by_real(const void *pa, const void *pb)
{
	const struct found *a = *(struct found *const *)pa, *b = *(struct found *const *)pb;
	int c = strcmp(a->real ? a->real : "", b->real ? b->real : "");
	if (c)
		return c;
	if (a->link != b->link)
		return a->link ? 1 : -1;
	return strcmp(a->rel, b->rel);
}

/* A link inside the root to a file also found under its own name is that
 * file, not a second document with the same id: keep one name of each file. */
static void drop_second_names(struct walk *w)
{
	struct found **order = xmalloc((w->n ? w->n : 1) * sizeof *order);
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		if (!w->files[i].problem && w->files[i].real)
			order[n++] = &w->files[i];
	qsort(order, n, sizeof *order, found_by_real);
	for (size_t i = 1; i < n; i++)
		if (strcmp(order[i]->real, order[i - 1]->real) == 0)
			order[i]->dropped = true;
	free(order);
}

/* A file loaded, waiting to be checked. Its names live in the content's
 * arena: diagnostics and the model point at them. */
struct loaded {
	const char *rel, *display, *full;
	const char *real;	/* its real path, NULL if none */
	struct node *root;
	size_t errors;		/* the loader's */
};

static struct loaded load_one(const char *full, const char *rel, const char *display,
			      const char *real, struct arena *trees, struct arena *values,
			      struct diags *diags)
{
	struct loaded l = { rel, display, full, real, NULL, diags->errors };
	l.root = load_file(full, display, trees, values, diags);
	l.errors = diags->errors - l.errors;
	return l;
}

static bool is_site(const struct node *root)
{
	const struct node *kind = root && root->type == NODE_MAPPING ? node_get(root, "kind") : NULL;
	return kind && kind->type == NODE_SCALAR && !kind->broken && strcmp(kind->text, "site") == 0;
}

/* Files checked, kept apart until they join the content (its documents, the
 * files seen, the diagnostics) in the order a check of them all at once
 * gives: the site's settings first, then the rest, each in path order. */
struct checked {
	struct seen_file *files;
	size_t n_files;
	struct document **docs;
	size_t n_docs;
	struct diags diags;	/* every one: the caller's limit applies on joining */
};

static void checked_init(struct checked *k)
{
	*k = (struct checked){ .diags = { .max = (size_t)-1 } };
}

static void checked_free(struct checked *k)
{
	free(k->files);
	free(k->docs);
	diags_free(&k->diags);
}

/* A file checked (its document doc, or none) into the files and documents
 * that join the content. */
static void join_file(struct checked *into, const struct seen *seen, const char *rel,
		      const char *real, const char *display, struct document *doc)
{
	into->files = xgrow(into->files, into->n_files, sizeof *into->files);
	into->files[into->n_files++] = (struct seen_file){ (char *)rel, (char *)real, doc,
							   file_reported(seen, display) };
	if (!doc)
		return;
	into->docs = xgrow(into->docs, into->n_docs, sizeof *into->docs);
	into->docs[into->n_docs++] = doc;
}

static struct document *check_loaded(struct content *c, const struct seen *seen,
				     const struct loaded *l, struct checked *into)
{
	struct diags *diags = &into->diags;
	size_t errors_before = diags->errors;
	struct document *doc = NULL;
	/* a file the loader read on after an error (a duplicate key, a value
	 * too long) is checked too, so one run reports all its problems */
	if (l->root)
		doc = schema_check_document(l->root, l->rel, l->display, c->site, &c->arena, diags);
	if (doc && (diags->errors != errors_before || l->errors))
		doc->invalid = true;
	if (doc && doc->kind == DOC_SITE && !c->site)
		c->site = doc->as.site;	/* the first: cross_check says of any other */
	if (doc)
		doc->tree = l->root;
	join_file(into, seen, l->rel, l->real, l->display, doc);
	return doc;
}

/* ---------- the facts of files checked by the last build (facts.h) ---------- */

static const struct file_facts *facts;
static size_t n_facts;

void content_use_facts(const struct file_facts *f, size_t n)
{
	facts = f;
	n_facts = n;
}

static int facts_by_rel(const void *key, const void *item)
{
	return strcmp(key, ((const struct file_facts *)item)->rel);
}

/* The diagnostics from[first...] (those checking doc's file just gave) kept
 * with doc, after those it has, counted in *count. */
static void keep_said(struct arena *a, struct document *doc, const struct diags *from,
		      size_t first, size_t *count)
{
	size_t n = from->n - first;
	if (!n)
		return;
	size_t had = doc->n_said_load + doc->n_said_check + doc->n_said_derive;
	struct diag *all = arena_alloc(a, (had + n) * sizeof *all);
	if (had)
		memcpy(all, doc->said, had * sizeof *all);
	for (size_t i = 0; i < n; i++) {
		const struct diag *g = &from->list[first + i];
		all[had + i] = (struct diag){ g->level, g->pos, arena_strdup(a, g->message) };
		if (g->pos.file)
			all[had + i].pos.file = arena_strdup(a, g->pos.file);
	}
	doc->said = all;
	*count += n;
}

/* What a stub's file said when it was checked, said again. */
static void say_again(struct diags *into, const struct diag *said, size_t n)
{
	for (size_t i = 0; i < n; i++)
		diag_add(into, said[i].level, said[i].pos, "%s", said[i].message);
}


static void join_checked(struct content *c, struct seen *seen, struct checked *k,
			 struct diags *diags)
{
	for (size_t i = 0; i < k->n_files; i++) {
		if (seen->n == seen->cap) {
			seen->cap = seen->cap ? seen->cap * 2 : 32;
			seen->files = xrealloc(seen->files, seen->cap * sizeof *seen->files);
		}
		seen->files[seen->n++] = k->files[i];
	}
	for (size_t i = 0; i < k->n_docs; i++) {
		c->docs = xgrow(c->docs, c->n_docs, sizeof *c->docs);
		c->docs[c->n_docs++] = k->docs[i];
	}
	diags_append(diags, &k->diags);
	checked_free(k);
}

/* A file named outside the root's walk, checked after it: its tree is kept
 * with the others' until every file is checked. */
static void check_one(struct content *c, struct seen *seen, const char *full,
		      const char *rel, const char *display, struct diags *diags)
{
	char *real = realpath(full, NULL);
	struct loaded l = load_one(arena_strdup(&c->arena, full), arena_strdup(&c->arena, rel),
				   arena_strdup(&c->arena, display),
				   real ? arena_strdup(&c->arena, real) : NULL, &c->trees,
				   &c->arena, diags);
	free(real);
	c->n_files++;
	struct checked k;
	checked_init(&k);
	check_loaded(c, seen, &l, &k);
	join_checked(c, seen, &k, diags);
}

/* The file checked under the name rel, or under another name of the same
 * file (full, resolved): a paper naming a link gets the document checked, so
 * withholding an exempt paper withholds the one that would be published. */
static const struct seen_file *seen_find(const struct seen *seen, const char *rel,
					 const char *full)
{
	for (size_t i = 0; i < seen->n; i++)
		if (strcmp(seen->files[i].path, rel) == 0)
			return &seen->files[i];
	char *real = realpath(full, NULL);
	const struct seen_file *found = NULL;
	for (size_t i = 0; real && !found && i < seen->n; i++)
		if (seen->files[i].real && strcmp(seen->files[i].real, real) == 0)
			found = &seen->files[i];
	free(real);
	return found;
}

/* A paper named by a meeting or report, outside the checked set: load it on its
 * own to learn its kind (it may have errors); its own problems are reported
 * when it is checked. */
static struct document *load_paper(struct content *c, const char *full, const char *rel)
{
	struct diags quiet = { 0 };
	struct node *root = load_file(full, rel, &c->trees, &c->arena, &quiet);
	struct document *doc = root ? schema_check_document(root, rel, rel, c->site, &c->arena,
							     &quiet) : NULL;
	if (doc && quiet.errors)
		doc->invalid = true;
	diags_free(&quiet);
	return doc;
}

/* "a meeting", "an appendix", and "minutes" (a plural noun takes none) */
static const char *with_article(const char *noun)
{
	static char buf[2][64];
	static int which;
	char *out = buf[which ^= 1];
	if (strcmp(noun, "minutes") == 0)
		snprintf(out, sizeof buf[0], "%s", noun);
	else
		snprintf(out, sizeof buf[0], "%s %s", strchr("aeiou", noun[0]) ? "an" : "a", noun);
	return out;
}

static struct document *resolve_paper(struct content *c, struct seen *seen,
				      const struct located_text *path, unsigned kinds,
				      const char *what, struct diags *diags)
{
	/* only content documents are papers: a PDF or notes file would be read
	 * as YAML and fail, and nothing would say why it is left out */
	if (!has_yaml_extension(path->text)) {
		diag_error(diags, path->pos, "%s '%s' must be a .yaml or .yml content document",
			   what, path->text);
		return NULL;
	}
	char *full = join_path(c->root, path->text);
	const struct seen_file *f = seen_find(seen, path->text, full);
	if (f && !f->doc) {
		/* it is not a document at all: said already, unless its own
		 * problems are not shown in this run (check of other files) */
		if (!f->reported)
			diag_error(diags, path->pos, "%s '%s' is not a content document: it has "
				   "errors of its own (check it with planpress check)", what,
				   path->text);
		free(full);
		return NULL;
	}
	struct stat st;
	struct document *doc = f ? f->doc : NULL;
	if (!doc) {
		if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
			diag_error(diags, path->pos, "%s '%s' does not exist in the content folder %s",
				   what, path->text, c->root);
			free(full);
			return NULL;
		}
	}
	if (!inside_root(c->root_real, full, f ? f->real : NULL)) {
		diag_error(diags, path->pos, "%s '%s' leads outside the content folder %s",
			   what, path->text, c->root);
		free(full);
		return NULL;
	}
	if (!doc) {
		doc = load_paper(c, full, path->text);
		/* not among the files checked (a hidden folder, or check of other
		 * files), so nothing else would report that it is unusable */
		if (!doc)
			diag_error(diags, path->pos, "%s '%s' is not a content document: it has "
				   "errors of its own (check it with planpress check)", what,
				   path->text);
	}
	free(full);
	if (!doc)
		return NULL;
	if (!(kinds & (1u << doc->kind))) {
		diag_error(diags, path->pos, "%s '%s' is %s, which cannot be %s here",
			   what, path->text, with_article(doc_kind_name(doc->kind)),
			   with_article(what));
		return NULL;
	}
	return doc;
}

/* The logo is read once, here, and checked as the PDF will use it: a
 * regular file (a pipe would hang the run), inside the content folder, a PNG
 * of a bounded size that decodes. The renderers take its bytes from the
 * content, so what they draw is what was checked. */
static void check_site_logo(struct content *c, struct diags *diags)
{
	if (!c->site || !c->site->logo)
		return;
	const char *logo = c->site->logo;
	struct pos at = c->site->logo_pos;
	if (!content_path_valid(logo)) {
		diag_error(diags, at, "logo '%s' must be a path inside the content folder", logo);
		return;
	}
	char *full = join_path(c->root, logo);
	struct strbuf png = { 0 };
	unsigned long long size = 0;
	struct stat st;
	const char *why = NULL;
	if (stat(full, &st) != 0)
		diag_error(diags, at, "logo '%s' does not exist in the content folder", logo);
	else if (!inside_root(c->root_real, full, NULL))
		diag_error(diags, at, "logo '%s' leads outside the content folder", logo);
	else if ((why = read_input_file(full, LOGO_MAX_BYTES, &png, &size)) && size)
		diag_error(diags, at, "logo '%s' is %.1f MiB; a logo may be at most %u MiB", logo,
			   (double)size / (1024.0 * 1024.0), LOGO_MAX_BYTES / (1024 * 1024));
	else if (why)
		diag_error(diags, at, "logo '%s' cannot be read: %s", logo, why);
	if (why || !png.data) {
		strbuf_free(&png);
		free(full);
		return;
	}
	unsigned long width, height;
	switch (png_check((const unsigned char *)png.data, png.len, &width, &height, &why)) {
	case PNG_OK:
		c->logo_png = png.data;
		c->logo_png_size = png.len;
		png.data = NULL;
		break;
	case PNG_NOT_PNG:
		diag_error(diags, at, "logo '%s' is not a PNG image", logo);
		break;
	case PNG_TOO_LARGE:
		diag_error(diags, at, "logo '%s' declares %lu by %lu pixels; a logo may be at most "
			   "%d pixels wide and %d high", logo, width, height, LOGO_MAX_SIDE,
			   LOGO_MAX_SIDE);
		break;
	case PNG_UNDECODABLE:
		diag_error(diags, at, "logo '%s' cannot be read as a PNG image: %s", logo, why);
		break;
	}
	strbuf_free(&png);
	free(full);
}

static void withhold(struct document *d, const char *reason)
{
	if (!d->withheld)
		d->withheld_reason = reason;
	d->withheld = true;
}

/* Whether the build makes path; *why says when it is a page the build
 * leaves out (an exempt paper). */
static bool site_has(const struct content *c, const char *path, const char **why)
{
	*why = NULL;
	if (!*path || strcmp(path, "index.html") == 0 || strncmp(path, "assets/", 7) == 0)
		return true;
	for (size_t i = 0; i < c->n_docs; i++) {
		const struct document *d = c->docs[i];
		if (d->kind == DOC_SITE)
			continue;
		const char *folder = doc_kind_folder(d->kind);
		size_t fl = strlen(folder), il = strlen(d->id);
		if (strncmp(path, folder, fl) != 0 || path[fl] != '/' ||
		    strncmp(path + fl + 1, d->id, il) != 0)
			continue;
		const char *suffix = path + fl + 1 + il;
		struct document_output outputs[DOCUMENT_OUTPUTS_MAX];
		/* as if published, to tell a page withheld from one never made */
		struct document shown = *d;
		shown.withheld = false;
		size_t n = document_outputs(&shown, outputs);
		for (size_t k = 0; k < n; k++)
			if (strcmp(suffix, outputs[k].suffix) == 0) {
				if (d->withheld) {
					*why = "an exempt paper, which is not published";
					return false;
				}
				return true;
			}
	}
	return false;
}

/* Links in markdown to pages of the site that the build will not make: a
 * warning (the web team may publish other files beside the site), an error
 * with --strict. */
static void check_site_links(const struct content *c, struct diags *diags)
{
	for (size_t i = 0; i < c->n_docs; i++) {
		const struct document *d = c->docs[i];
		if (d->kind == DOC_SITE)
			continue;	/* the footer is on pages of every folder */
		for (size_t j = 0; j < d->n_site_links; j++) {
			const struct site_link *l = &d->site_links[j];
			char *path = url_site_path(doc_kind_folder(d->kind), l->target);
			const char *why;
			if (path && !site_has(c, path, &why))
				diag_warning(diags, l->pos, "the link to '%s' leads to %s, %s",
					     l->target, *path ? path : "the site's front page",
					     why ? why : "which the build does not make");
			free(path);
		}
	}
}

/* A paper says which meeting it is for (a report's committee, date and item;
 * minutes, an earlier meeting): a warning, at the paper in the agenda, where
 * the agenda says otherwise, since the pack would print both. */
static void check_papers_fit_meeting(const struct content *c, struct diags *diags)
{
	char want[64], have[64];
	for (size_t i = 0; i < c->n_docs; i++) {
		const struct document *d = c->docs[i];
		if (d->kind != DOC_MEETING)
			continue;
		const struct meeting *m = d->as.meeting;
		date_format_long(m->date, want, sizeof want);
		for (size_t j = 0; j < m->items.n; j++) {
			const struct agenda_item *it = &m->items.at[j];
			for (size_t k = 0; k < it->papers.n; k++) {
				const struct document *p = it->papers.at[k].doc;
				struct pos at = it->papers.at[k].path.pos;
				if (p && p->kind == DOC_REPORT) {
					const struct report *r = p->as.report;
					char item[32];
					snprintf(item, sizeof item, "%ld", it->number);
					/* a meeting's committee or date may be missing
					 * or unreadable (its error is given): not compared */
					if (date_is_set(r->date) && date_is_set(m->date) &&
					    date_compare(r->date, m->date) != 0)
						diag_warning(diags, at, "the report %s is for the meeting "
							     "of %s, but this meeting is on %s", p->path,
							     date_format_long(r->date, have, sizeof have),
							     want);
					if (r->committee && m->committee &&
					    strcasecmp(r->committee, m->committee) != 0)
						diag_warning(diags, at, "the report %s is for the %s, "
							     "but this meeting is of the %s", p->path,
							     r->committee, m->committee);
					if (r->item && strcmp(r->item, item) != 0)
						diag_warning(diags, at, "the report %s says it is item "
							     "%s, but here it is item %s", p->path,
							     r->item, item);
				} else if (p && p->kind == DOC_MINUTES && date_is_set(m->date) &&
					   date_is_set(p->as.minutes->date) &&
					   date_compare(p->as.minutes->date, m->date) >= 0) {
					diag_warning(diags, at, "the minutes %s are of a meeting on %s, "
						     "not one before this meeting on %s", p->path,
						     date_format_long(p->as.minutes->date, have,
								      sizeof have), want);
				}
			}
		}
	}
}

/* Whether doc appends target, itself or through its appendices' own. */
static bool appends(const struct document *doc, const struct document *target, int depth)
{
	if (!doc || doc->kind != DOC_REPORT || depth > 16)
		return false;
	for (size_t i = 0; i < doc->as.report->appendices.n; i++) {
		const struct document *ap = doc->as.report->appendices.at[i].doc;
		if (ap == target || (ap && appends(ap, target, depth + 1)))
			return true;
	}
	return false;
}

/* A report appended to itself, or to a report it appends, would be printed
 * inside itself without end: an error at the appendix, which is then left
 * out. */
static void check_appendix_loops(struct content *c, struct diags *diags)
{
	for (size_t i = 0; i < c->n_docs; i++) {
		struct document *d = c->docs[i];
		if (d->kind != DOC_REPORT)
			continue;
		for (size_t j = 0; j < d->as.report->appendices.n; j++) {
			struct appendix *a = &d->as.report->appendices.at[j];
			if (a->doc == d)
				diag_error(diags, a->paper.pos, "appendix '%s' is this report itself; a "
					   "report cannot be its own appendix", a->paper.text);
			else if (a->doc && appends(a->doc, d, 0))
				diag_error(diags, a->paper.pos, "appendix '%s' appends this report in "
					   "turn; a report cannot be inside its own appendix",
					   a->paper.text);
			else
				continue;
			a->doc = NULL;	/* one error breaks the loop for what follows */
		}
	}
}

static void cross_check(struct content *c, struct seen *seen, struct diags *diags)
{
	/* ids unique by kind; at most one site */
	const struct document *first_site = NULL;
	for (size_t i = 0; i < c->n_docs; i++) {
		struct document *d = c->docs[i];
		if (d->kind == DOC_SITE) {
			if (first_site && (file_reported(seen, d->file) ||
					   !file_reported(seen, first_site->file))) {
				diag_error(diags, d->as.site->pos, "a second site document; the first "
					   "is %s", first_site->file);
			} else if (first_site) {
				diag_error(diags, first_site->as.site->pos, "%s is a second site "
					   "document; a content folder has one", d->file);
			} else {
				first_site = d;
				c->site = d->as.site;	/* as check_loaded chose it */
			}
			continue;
		}
		for (size_t j = 0; j < i; j++) {
			struct document *e = c->docs[j];
			if (e->kind != d->kind || strcmp(e->id, d->id) != 0)
				continue;
			/* at the later file; at the earlier when only its problems
			 * are shown (check of that file alone) */
			struct document *at = file_reported(seen, d->file) ||
					      !file_reported(seen, e->file) ? d : e;
			diag_error(diags, at->id_pos,
				   "%s id '%s' is also the id of %s; ids must be unique",
				   doc_kind_name(d->kind), d->id, (at == d ? e : d)->file);
			break;
		}
	}
	/* a plan's indicators are plans/ID-kpis.csv: a plan whose id is that
	 * would have its actions written to the same file */
	for (size_t i = 0; i < c->n_docs; i++) {
		const struct document *d = c->docs[i];
		if (d->kind != DOC_PLAN || !d->as.plan->kpis.n)
			continue;
		for (size_t j = 0; j < c->n_docs; j++) {
			const struct document *e = c->docs[j];
			size_t n = strlen(d->id);
			if (e->kind == DOC_PLAN && strncmp(e->id, d->id, n) == 0 &&
			    strcmp(e->id + n, "-kpis") == 0)
				diag_error(diags, e->id_pos, "plan id '%s' would write plans/%s.csv, "
					   "where the plan %s writes its indicators; choose another id",
					   e->id, e->id, d->file);
		}
	}
	check_site_logo(c, diags);
	for (size_t i = 0; i < c->n_docs; i++) {
		struct document *d = c->docs[i];
		if (d->kind == DOC_MEETING) {
			struct meeting *m = d->as.meeting;
			for (size_t j = 0; j < m->items.n; j++) {
				struct agenda_item *it = &m->items.at[j];
				for (size_t k = 0; k < it->papers.n; k++)
					it->papers.at[k].doc = resolve_paper(
						c, seen, &it->papers.at[k].path,
						1u << DOC_REPORT | 1u << DOC_MINUTES | 1u << DOC_PLAN,
						"paper", diags);
			}
		} else if (d->kind == DOC_REPORT) {
			struct report *r = d->as.report;
			for (size_t j = 0; j < r->appendices.n; j++) {
				struct appendix *a = &r->appendices.at[j];
				if (a->paper.text)
					a->doc = resolve_paper(c, seen, &a->paper,
							       1u << DOC_REPORT | 1u << DOC_PLAN,
							       "appendix", diags);
				/* without a title of its own, an appendix is called
				 * by its paper's */
				if (!a->title && a->doc)
					a->title = a->doc->kind == DOC_PLAN ? a->doc->as.plan->title :
						   a->doc->as.report->title;
				else if (!a->title && !a->paper.text)
					diag_error(diags, a->pos, "an appendix needs a 'title', or a "
						   "'paper' whose title it takes");
			}
		}
	}
	check_appendix_loops(c, diags);
	/* exempt reports, and every paper of an exempt agenda item, stay off the
	 * published site */
	for (size_t i = 0; i < c->n_docs; i++) {
		struct document *d = c->docs[i];
		if (d->kind == DOC_REPORT && d->as.report->classification == CLASS_EXEMPT)
			withhold(d, d->as.report->exempt_reason);
		if (d->kind != DOC_MEETING)
			continue;
		for (size_t j = 0; j < d->as.meeting->items.n; j++) {
			struct agenda_item *it = &d->as.meeting->items.at[j];
			for (size_t k = 0; it->exempt && k < it->papers.n; k++)
				if (it->papers.at[k].doc)
					withhold(it->papers.at[k].doc, it->exempt);
		}
	}
	/* and what a withheld report appends, however deep: an exempt report's
	 * appendix is exempt with it */
	for (bool more = true; more;) {
		more = false;
		for (size_t i = 0; i < c->n_docs; i++) {
			struct document *d = c->docs[i];
			if (!d->withheld || d->kind != DOC_REPORT)
				continue;
			for (size_t j = 0; j < d->as.report->appendices.n; j++) {
				struct document *ap = d->as.report->appendices.at[j].doc;
				if (ap && !ap->withheld) {
					withhold(ap, d->withheld_reason);
					more = true;
				}
			}
		}
	}
	check_papers_fit_meeting(c, diags);
	for (size_t i = 0; i < c->n_docs; i++) {
		struct document *d = c->docs[i];
		if (d->stub) {	/* derived when its file was checked */
			say_again(diags, d->said + d->n_said_load + d->n_said_check,
				  d->n_said_derive);
			continue;
		}
		struct diags own = { .max = (size_t)-1 };
		derive_document(d, c->site, &c->arena, &own);
		keep_said(&c->arena, d, &own, 0, &d->n_said_derive);
		diags_append(diags, &own);
	}
	if (c->whole)
		check_site_links(c, diags);
}

/* ---------- translations (revision 2, Languages) ---------- */

/* A translation found under the root: NAME.LANG.yaml beside NAME.yaml. */
struct translation_file {
	const char *rel, *display, *full;
	const char *lang;		/* "cy" */
	const char *original;		/* "plans/x.yaml", relative to the root */
	bool read;			/* loaded: tree, or NULL when unreadable */
	const struct node *tree;
};

/* A document's versions, made as soon as it was checked (translate_early). */
struct early_versions {
	const struct document *doc;
	struct document *in[CONTENT_LANGUAGES_MAX];	/* [0] unused; NULL: none */
};

/* The translation t loaded, once. */
static const struct node *translation_tree(struct content *c, struct translation_file *t,
					   struct diags *diags)
{
	if (!t->read)
		t->tree = load_file(t->full, t->display, &c->arena, &c->arena, diags);
	t->read = true;
	return t->tree;
}

const char *language_name(const char *tag)
{
	return strcmp(tag, "cy") == 0 ? "Welsh" : strcmp(tag, "en") == 0 ? "English" : tag;
}

const char *language_folder(const struct content *c, size_t i)
{
	return i == 0 ? "" : arena_printf((struct arena *)&c->arena, "%s/", c->langs[i]);
}

/* Whether rel names a translation ("plans/x.cy.yaml": a language tag of two
 * or three small letters between the name and .yaml), which is then kept
 * to be read against its original once every document is checked. */
static bool add_translation(struct content *c, const char *full, const char *rel,
			    const char *display)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	const char *ext = strrchr(base, '.');
	if (!ext || ext == base)
		return false;
	const char *tag = ext - 1;
	while (tag > base && *tag != '.')
		tag--;
	size_t len = (size_t)(ext - tag - 1);
	if (tag == base || len < 2 || len > 3)
		return false;
	for (const char *p = tag + 1; p < ext; p++)
		if (*p < 'a' || *p > 'z')
			return false;
	c->translations = xrealloc(c->translations, (c->n_translations + 1) *
				   sizeof *c->translations);
	struct translation_file *t = &c->translations[c->n_translations++];
	memset(t, 0, sizeof *t);
	t->rel = arena_strdup(&c->arena, rel);
	t->display = arena_strdup(&c->arena, display);
	t->full = arena_strdup(&c->arena, full);
	t->lang = arena_strndup(&c->arena, tag + 1, len);
	t->original = arena_printf(&c->arena, "%.*s%s", (int)(tag - rel), rel, ext);
	c->n_files++;
	return true;
}

/* A diagnostic of a translation's check worth showing: in the translation's
 * own file (its texts), never the original's problems said again. */
static void keep_diags_in(struct diags *into, const struct diags *from, const char *file)
{
	for (size_t i = 0; i < from->n; i++) {
		const struct diag *g = &from->list[i];
		if (file && g->pos.file && strcmp(g->pos.file, file) == 0)
			diag_add(into, g->level, g->pos, "%s", g->message);
	}
}

static struct document *version_of(const struct content *c, size_t lang,
				   const struct document *original)
{
	for (size_t i = 0; original && i < c->n_docs; i++)
		if (c->docs[i] == original)
			return c->versions[lang][i];
	return (struct document *)original;
}

/* The facts of the file rel (facts.h), or NULL. With more than one
 * language they are lines: the document's, then each version's in the
 * site's order of languages (record.c). */
static const struct file_facts *facts_of(const char *rel)
{
	return n_facts ? bsearch(rel, facts, n_facts, sizeof *facts, facts_by_rel) : NULL;
}

/* Line i of ff's facts, in *len; NULL past the last. */
static const char *facts_line(const struct file_facts *ff, size_t i, size_t *len)
{
	const char *p = ff->text, *end = ff->text + ff->len;
	for (; i; i--) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	return p;
}

/* The stub d (taken from facts) in language lang, from the facts its
 * translation gave when read whole, its diagnostics said again; NULL when
 * there are none (take_facts made sure there are). */
static struct document *version_stub(struct content *c, size_t lang, const struct document *d,
				     struct diags *diags)
{
	const struct file_facts *ff = facts_of(d->path);
	size_t len;
	const char *line = ff ? facts_line(ff, lang, &len) : NULL;
	struct document *v = line ? facts_read(line, len, d->path, d->file, c->sites[lang],
					       &c->arena) : NULL;
	if (!v)
		return NULL;
	say_again(diags, v->said, v->n_said_load + v->n_said_check + v->n_said_derive);
	v->original = d;
	v->withheld = d->withheld;
	v->withheld_reason = d->withheld_reason;
	return v;
}

/* One document in language lang: its translation read against it. The
 * tree the two make goes in scratch: the version's model points only to
 * their texts (which the content keeps), so it is let go once checked. */
static struct document *translate_document(struct content *c, size_t lang,
					   const struct document *d, struct arena *scratch,
					   struct diags *diags)
{
	struct translation_file *t = NULL;
	for (size_t i = 0; i < c->n_translations && !t; i++)
		if (strcmp(c->translations[i].lang, c->langs[lang]) == 0 &&
		    strcmp(c->translations[i].original, d->path) == 0)
			t = &c->translations[i];
	const char *language = language_name(c->langs[lang]);
	if (t && !translation_tree(c, t, diags))
		return NULL;	/* unreadable: the loader said why */
	size_t untranslated = 0;
	struct node *tree = schema_translate(d->tree, t ? t->tree : NULL, language, scratch,
					     diags, &untranslated);
	/* one warning for a document with texts and no translation file (the
	 * site's settings may hold no text at all) */
	if (!t && untranslated)
		diag_warning(diags, ((struct pos){ d->file, 1, 1 }), "no %s translation (%s)",
			     language, arena_printf(&c->arena, "%.*s.%s%s",
						    (int)(strrchr(d->path, '.') - d->path), d->path,
						    c->langs[lang], strrchr(d->path, '.')));
	if (!tree)
		return NULL;
	struct diags quiet = { .max = (size_t)-1 };
	struct document *v = schema_check_document(tree, d->path, d->file, c->sites[lang],
						   &c->arena, &quiet);
	keep_diags_in(diags, &quiet, t ? t->display : NULL);
	if (v && quiet.errors)
		v->invalid = true;
	diags_free(&quiet);
	if (!v)
		return NULL;
	v->original = d;
	v->untranslated = !t;
	v->withheld = d->withheld;
	v->withheld_reason = d->withheld_reason;
	v->invalid = v->invalid || d->invalid;
	return v;
}

static const char *messages_dir;

void content_use_messages(const char *dir)
{
	messages_dir = dir;
}

/* The site's languages, each one's catalogue read, the main one's in force. */
static void open_languages(struct content *c, struct diags *diags)
{
	if (c->n_langs)
		return;
	const struct site *site = c->site;
	for (size_t i = 0; site && i < site->languages.n && i < CONTENT_LANGUAGES_MAX; i++)
		c->langs[c->n_langs++] = site->languages.at[i];
	if (!c->n_langs)
		c->langs[c->n_langs++] = "en";
	for (size_t i = 0; messages_dir && i < c->n_langs; i++) {
		char *path = arena_printf(&c->arena, "%s/%s.po", messages_dir, c->langs[i]);
		struct stat st;
		/* English is the words written in the code: its file may be left out */
		if (strcmp(c->langs[i], "en") == 0 && stat(path, &st) != 0)
			continue;
		c->catalogs[i] = catalog_load(path, c->langs[i], diags);
	}
	messages_use(c->catalogs[0]);
}

/* translate_document, what it said kept with the version (for the facts)
 * and added to diags; scratch reset after. */
static struct document *translate_keeping_said(struct content *c, size_t lang,
					       const struct document *d, struct arena *scratch,
					       struct diags *diags)
{
	struct diags own = { .max = (size_t)-1 };
	struct document *v = translate_document(c, lang, d, scratch, &own);
	if (v)
		keep_said(&c->arena, v, &own, 0, &v->n_said_check);
	diags_append(diags, &own);
	arena_reset(scratch);
	return v;
}

static int early_by_doc(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct early_versions *)a)->doc;
	uintptr_t y = (uintptr_t)((const struct early_versions *)b)->doc;
	return x < y ? -1 : x > y;
}

/* d's versions made as it was checked, or NULL (c->early sorted). */
static const struct early_versions *early_of(const struct content *c, const struct document *d)
{
	struct early_versions key = { .doc = d };
	return c->n_early ? bsearch(&key, c->early, c->n_early, sizeof *c->early, early_by_doc) :
	       NULL;
}

/* d, just checked, made in each of the site's other languages while its
 * tree is still there, so that the tree need not be kept until every file
 * is: the site's settings first (the others are checked against their
 * version), then each document as it comes. What translating it says goes
 * into diags. */
static void translate_early(struct content *c, struct document *d, struct diags *diags)
{
	if (c->n_langs < 2 || !d || d->invalid || !d->tree)
		return;
	struct early_versions e = { .doc = d };
	struct arena scratch;
	arena_init(&scratch);
	for (size_t lang = 1; lang < c->n_langs; lang++) {
		messages_use(c->catalogs[lang]);
		if (!c->sites[lang])
			c->sites[lang] = c->site;
		struct document *v = translate_keeping_said(c, lang, d, &scratch, diags);
		e.in[lang] = v;
		if (v && d->kind == DOC_SITE && d->as.site == c->site)
			c->sites[lang] = v->as.site;
	}
	arena_free(&scratch);
	messages_use(c->catalogs[0]);
	c->early = xgrow(c->early, c->n_early, sizeof *c->early);
	c->early[c->n_early++] = e;
}

static void make_versions(struct content *c, struct diags *diags)
{
	open_languages(c, diags);
	c->versions[0] = c->docs;
	c->sites[0] = c->site;
	if (c->n_early > 1)
		qsort(c->early, c->n_early, sizeof *c->early, early_by_doc);
	/* each translation names a language of the site, other than its main
	 * one, and an original beside it */
	for (size_t i = 0; i < c->n_translations; i++) {
		struct translation_file *t = &c->translations[i];
		struct pos at = { t->display, 1, 1 };
		size_t lang = 0;
		while (lang < c->n_langs && strcmp(c->langs[lang], t->lang) != 0)
			lang++;
		bool original = false, stub = false;
		for (size_t j = 0; j < c->n_docs; j++)
			if (strcmp(c->docs[j]->path, t->original) == 0) {
				original = true;
				stub = c->docs[j]->stub;
			}
		if (lang == c->n_langs)
			diag_warning(diags, at, "a translation into '%s', which the site's languages "
				     "(site.yaml's languages:) do not list; it is not read", t->lang);
		else if (lang == 0)
			diag_error(diags, at, "a translation into '%s', the site's main language, "
				   "which its original %s is written in", t->lang, t->original);
		else if (!original)
			diag_error(diags, at, "a translation of %s, which is not there (or is no "
				   "document)", t->original);
		else if (!stub)	/* a stub's versions are facts too */
			translation_tree(c, t, diags);
	}
	struct arena scratch;
	arena_init(&scratch);
	for (size_t lang = 1; lang < c->n_langs; lang++) {
		messages_use(c->catalogs[lang]);
		c->versions[lang] = arena_alloc(&c->arena, (c->n_docs ? c->n_docs : 1) *
						sizeof *c->versions[lang]);
		/* the site's settings first: the others take its scale */
		c->sites[lang] = c->site;
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < c->n_docs; i++) {
				struct document *d = c->docs[i];
				if ((d->kind == DOC_SITE) != (pass == 0))
					continue;
				struct document *v = NULL;
				const struct early_versions *e = early_of(c, d);
				if (d->stub) {
					v = version_stub(c, lang, d, diags);
				} else if (e) {
					v = d->invalid ? NULL : e->in[lang];
				} else if (!d->invalid && d->tree) {
					v = translate_keeping_said(c, lang, d, &scratch, diags);
				}
				if (v && !d->stub) {	/* as cross_check left d */
					v->withheld = d->withheld;
					v->withheld_reason = d->withheld_reason;
					v->invalid = v->invalid || d->invalid;
				}
				c->versions[lang][i] = v ? v : d;
				if (v && d->kind == DOC_SITE && d->as.site == c->site)
					c->sites[lang] = v->as.site;
			}
		/* papers and appendices are the documents in the same language */
		for (size_t i = 0; i < c->n_docs; i++) {
			struct document *v = c->versions[lang][i];
			if (v == c->docs[i])
				continue;
			if (v->kind == DOC_MEETING) {
				const struct meeting *om = c->docs[i]->as.meeting;
				struct meeting *m = v->as.meeting;
				for (size_t j = 0; j < m->items.n && j < om->items.n; j++)
					for (size_t k = 0; k < m->items.at[j].papers.n; k++)
						m->items.at[j].papers.at[k].doc = version_of(
							c, lang, om->items.at[j].papers.at[k].doc);
			} else if (v->kind == DOC_REPORT) {
				const struct report *orep = c->docs[i]->as.report;
				struct report *r = v->as.report;
				for (size_t j = 0; j < r->appendices.n; j++) {
					struct appendix *a = &r->appendices.at[j];
					a->doc = version_of(c, lang, orep->appendices.at[j].doc);
					if (!a->title && a->doc)
						a->title = a->doc->kind == DOC_PLAN ?
							   a->doc->as.plan->title :
							   a->doc->as.report->title;
				}
			}
		}
		struct diags quiet = { .max = (size_t)-1 };
		for (size_t i = 0; i < c->n_docs; i++)
			if (c->versions[lang][i] != c->docs[i] && !c->versions[lang][i]->stub)
				derive_document(c->versions[lang][i], c->sites[lang], &c->arena,
						&quiet);
		diags_free(&quiet);
	}
	arena_free(&scratch);
	messages_use(NULL);
}

bool content_translation_at(const struct content *c, const char *path, size_t *lang,
			    struct document **doc)
{
	char *want = realpath(path, NULL);
	bool found = false;
	for (size_t i = 0; want && !found && i < c->n_translations; i++) {
		const struct translation_file *t = &c->translations[i];
		char *have = realpath(t->full, NULL);
		if (have && strcmp(have, want) == 0)
			for (size_t l = 1; l < c->n_langs && !found; l++)
				for (size_t j = 0; j < c->n_docs && !found; j++)
					if (strcmp(c->langs[l], t->lang) == 0 &&
					    strcmp(c->docs[j]->path, t->original) == 0) {
						*lang = l;
						*doc = c->versions[l][j];
						found = true;
					}
		free(have);
	}
	free(want);
	return found;
}

/* The coloured ratings of scale whose keys are not among the n in keys,
 * given to each and added there. */
static void colours_of(const rating_list *scale, const char ***keys, size_t *n,
		       void (*each)(const struct rating *, void *), void *arg)
{
	for (size_t i = 0; i < scale->n; i++) {
		const struct rating *r = &scale->at[i];
		size_t k = 0;
		while (k < *n && strcmp((*keys)[k], r->key) != 0)
			k++;
		if (!r->has_colour || k < *n)
			continue;
		*keys = xgrow(*keys, *n, sizeof **keys);
		(*keys)[(*n)++] = r->key;
		each(r, arg);
	}
}

void content_rating_colours(const struct content *c,
			    void (*each)(const struct rating *, void *), void *arg)
{
	const char **keys = NULL;
	size_t n = 0;
	if (c->site)
		colours_of(&c->site->ratings, &keys, &n, each, arg);
	for (size_t i = 0; i < c->n_docs; i++)
		if (c->docs[i]->kind == DOC_PLAN && c->docs[i]->as.plan->ratings_given)
			colours_of(&c->docs[i]->as.plan->ratings, &keys, &n, each, arg);
	free(keys);
}

struct content content_in_language(const struct content *c, size_t i)
{
	struct content in = *c;
	if (i < c->n_langs && c->versions[i]) {
		in.docs = c->versions[i];
		in.site = c->sites[i];
	}
	return in;
}

static void content_init(struct content *c, const char *root)
{
	memset(c, 0, sizeof *c);
	arena_init(&c->arena);
	arena_init(&c->trees);
	c->root = arena_strdup(&c->arena, root);
	char *real = realpath(root, NULL);
	c->root_real = real ? arena_strdup(&c->arena, real) : NULL;
	free(real);
}

static void finish(struct content *c, struct seen *seen, struct diags *diags)
{
	cross_check(c, seen, diags);
	make_versions(c, diags);
	free(seen->files);
	arena_free(&c->trees);
}

/* A file the walk found, as check_root goes through them in path order. Its
 * names live in the content's arena. */
struct todo {
	const char *rel, *display, *full, *real;
	const char *problem;	/* not read, and why: said at the file */
	bool warning;		/* the problem is only a warning */
	bool load;		/* a document to load and check */
};

/* What one way through the files makes, in the order it joins the content. */
struct way {
	struct diags loading;	/* the walk's problems and the loader's, in path order */
	struct checked sites;	/* the site's settings (and any second site's) */
	struct diags languages;	/* the site's languages' catalogues */
	struct checked rest;
};

static void way_init(struct way *w)
{
	w->loading = w->languages = (struct diags){ .max = (size_t)-1 };
	checked_init(&w->sites);
	checked_init(&w->rest);
}

/* Whether doc's tree is read again once every file is checked: a site's,
 * as it is checked before its languages are known (and any other site
 * file's, for cross_check to refuse). Every other document is made in the
 * site's other languages as it is checked (translate_early). */
static bool tree_needed(const struct document *doc)
{
	return doc && !doc->invalid && doc->kind == DOC_SITE;
}

/* The file just checked (doc, or none) done with: its tree, in scratch,
 * kept with the content's when needed, else its memory used for the next;
 * its values' texts, in values, kept with the model, which points to them
 * (a 10,000-action plan's 8 MB of text held once, not twice, as it is
 * checked). */
static void let_go(struct content *c, struct document *doc, struct arena *scratch,
		   struct arena *values)
{
	spill_page_out();	/* its texts, as the model keeps them */
	if (doc)
		arena_move(&c->arena, values);
	else
		arena_reset(values);
	if (tree_needed(doc)) {
		arena_move(&c->trees, scratch);
		return;
	}
	if (doc)
		doc->tree = NULL;
	arena_reset(scratch);
}

/* Whether ff holds a version of its document in each language but the
 * first, each readable: a stub's versions are made from them, as its
 * translations are not read (make_versions). */
static bool versions_in_facts(const struct content *c, const struct file_facts *ff)
{
	struct arena trial;
	arena_init(&trial);
	bool ok = true;
	size_t len;
	for (size_t lang = 1; ok && lang < c->n_langs; lang++) {
		const char *line = facts_line(ff, lang, &len);
		ok = line && facts_read(line, len, "", "", c->site, &trial);
	}
	ok = ok && !facts_line(ff, c->n_langs, &len);
	arena_free(&trial);
	return ok;
}

/* The stub of the file rel from the last build's facts, its diagnostics said
 * where checking the file would say them; NULL when there are none to take. */
static struct document *take_facts(struct content *c, const struct seen *seen,
				   const char *rel, const char *real, const char *display,
				   struct way *w)
{
	const struct file_facts *ff = facts_of(rel);
	size_t len;
	const char *line = ff ? facts_line(ff, 0, &len) : NULL;
	struct document *doc = line ? facts_read(line, len, rel, display, c->site, &c->arena) :
			       NULL;
	if (!doc || !versions_in_facts(c, ff))
		return NULL;
	say_again(&w->loading, doc->said, doc->n_said_load);
	size_t errors = w->rest.diags.errors;
	say_again(&w->rest.diags, doc->said + doc->n_said_load, doc->n_said_check);
	doc->invalid = w->rest.diags.errors != errors;	/* as check_loaded decides */
	for (size_t i = 0; i < doc->n_said_load; i++)
		doc->invalid |= doc->said[i].level == DIAG_ERROR;
	join_file(&w->rest, seen, rel, real, display, doc);
	return doc;
}

/* The files loaded and checked one by one, each tree let go (its memory
 * used for the next) unless it is needed again. The site's settings are
 * checked before every other document, which may take its ratings and
 * words, but site.yaml sorts after the folders: so files[first], the file
 * taken to be the site, is loaded and checked before the rest. Returns n,
 * or (when may_restart) the index of a site found before files[first] in
 * path order, which is the one every document is to be checked against. */
static size_t check_in_order(struct content *c, const struct seen *seen,
			     const struct todo *files, size_t n, size_t first,
			     bool may_restart, struct way *w)
{
	const struct catalog *words = messages_current();	/* a site's, as in force */
	struct arena scratch, values;
	arena_init(&scratch);
	/* the nodes out of the heap, where the model's values stay: freed,
	 * they leave no holes between them that a page's memory cannot use */
	scratch.block = 1 << 20;
	arena_init(&values);
	/* an action's paragraphs, in the spill file: read as each page is
	 * made, and gone from memory after (a ref, a date, a name stays) */
	values.spill_texts_from = 64;
	struct diags first_loading = { .max = (size_t)-1 };
	struct loaded l;
	struct document *site = NULL;
	if (first < n) {
		const struct todo *f = &files[first];
		l = load_one(f->full, f->rel, f->display, f->real, &scratch, &values,
			     &first_loading);
		if (is_site(l.root)) {
			site = check_loaded(c, seen, &l, &w->sites);
			let_go(c, site, &scratch, &values);
		} else {	/* read again in its place */
			first = n;
			diags_free(&first_loading);
			first_loading.max = (size_t)-1;
			arena_reset(&scratch);
			arena_reset(&values);
		}
	}
	open_languages(c, &w->languages);
	load_share_values(c->n_langs == 1);
	translate_early(c, site, &w->sites.diags);
	/* the facts of a file are those checked against this site file */
	bool stubs = n_facts && first < n && c->site &&
		     (strcmp(files[first].rel, "site.yaml") == 0 ||
		      strcmp(files[first].rel, "site.yml") == 0);
	size_t found = n;
	for (size_t i = 0; i < n && found == n; i++) {
		const struct todo *f = &files[i];
		if (f->problem)
			diag_add(&w->loading, f->warning ? DIAG_WARNING : DIAG_ERROR,
				 (struct pos){ f->display, 1, 1 }, "%s", f->problem);
		if (!f->load)
			continue;
		if (i == first) {
			diags_append(&w->loading, &first_loading);
			continue;
		}
		if (stubs && take_facts(c, seen, f->rel, f->real, f->display, w))
			continue;
		size_t load_from = w->loading.n;
		l = load_one(f->full, f->rel, f->display, f->real, &scratch, &values,
			     &w->loading);
		struct document *doc;
		if (!is_site(l.root)) {
			size_t check_from = w->rest.diags.n;
			doc = check_loaded(c, seen, &l, &w->rest);
			if (doc) {
				keep_said(&c->arena, doc, &w->loading, load_from, &doc->n_said_load);
				keep_said(&c->arena, doc, &w->rest.diags, check_from,
					  &doc->n_said_check);
			}
			translate_early(c, doc, &w->rest.diags);
		} else if (i < first && may_restart) {
			found = i;
			doc = NULL;
		} else {
			messages_use(words);
			doc = check_loaded(c, seen, &l, &w->sites);
			messages_use(c->catalogs[0]);
			translate_early(c, doc, &w->sites.diags);
		}
		let_go(c, doc, &scratch, &values);
	}
	diags_free(&first_loading);
	arena_free(&scratch);
	arena_free(&values);
	load_share_values(false);
	return found;
}

/* What a way through the files left that another does again. */
static void forget_way(struct content *c, struct way *w, const struct catalog *words)
{
	diags_free(&w->loading);
	diags_free(&w->languages);
	checked_free(&w->sites);
	checked_free(&w->rest);
	c->site = NULL;
	for (size_t i = 0; i < c->n_langs; i++) {
		catalog_free(c->catalogs[i]);
		c->catalogs[i] = NULL;
	}
	c->n_langs = 0;
	messages_use(words);
	arena_free(&c->trees);
	/* what the way read of translations and made of them, made again */
	c->n_early = 0;
	memset(c->sites, 0, sizeof c->sites);
	for (size_t i = 0; i < c->n_translations; i++) {
		c->translations[i].read = false;
		c->translations[i].tree = NULL;
	}
}

/* Every .yaml file under the root, in path order, one name of each checked
 * once. A file that is one of named is known by the name given there;
 * matched[i] says that named[i] was found (or refused) in the walk. */
static void check_root(struct content *c, struct seen *seen, char *const *named,
		       size_t n_named, bool *matched, struct diags *diags)
{
	struct walk w = { c->root, c->root_real, NULL, 0, 0 };
	find_files(&w, "", 0);
	drop_second_names(&w);
	if (w.n)
		qsort(w.files, w.n, sizeof *w.files, found_by_path);
	struct todo *files = xcalloc(w.n ? w.n : 1, sizeof *files);
	size_t first = w.n;	/* site.yaml at the root, taken to be the site */
	for (size_t i = 0; i < w.n; i++) {
		struct found *f = &w.files[i];
		char *full = join_path(c->root, f->rel);
		const char *display = full;
		for (size_t k = 0; k < n_named && !f->dropped; k++) {
			char *real = realpath(named[k], NULL);
			if ((f->real && real && strcmp(f->real, real) == 0) ||
			    strcmp(full, named[k]) == 0) {
				display = named[k];
				matched[k] = true;
			}
			free(real);
		}
		struct todo *t = &files[i];
		if (f->dropped)
			;	/* the same file is checked under its own name */
		else if (f->problem && f->warning)
			*t = (struct todo){ .problem = f->problem, .warning = true };
		else if (f->problem && ++c->n_files)	/* looked at, and refused */
			*t = (struct todo){ .problem = f->problem };
		else if (!add_translation(c, full, f->rel, display) && ++c->n_files)	/* a document */
			*t = (struct todo){ .load = true };
		if (t->problem || t->load) {
			t->rel = arena_strdup(&c->arena, f->rel);
			t->display = arena_strdup(&c->arena, display);
			t->full = arena_strdup(&c->arena, full);
			t->real = f->real ? arena_strdup(&c->arena, f->real) : NULL;
		}
		if (t->load && first == w.n &&
		    (strcmp(f->rel, "site.yaml") == 0 || strcmp(f->rel, "site.yml") == 0))
			first = i;
		free(full);
		free(f->rel);
		free(f->real);
	}
	const struct catalog *words = messages_current();
	struct way way;
	way_init(&way);
	size_t found = check_in_order(c, seen, files, w.n, first, true, &way);
	if (found < w.n) {	/* the site is another file: once more, with it first */
		forget_way(c, &way, words);
		way_init(&way);
		check_in_order(c, seen, files, w.n, found, false, &way);
	}
	diags_append(diags, &way.loading);
	join_checked(c, seen, &way.sites, diags);
	diags_append(diags, &way.languages);
	join_checked(c, seen, &way.rest, diags);
	free(files);
	free(w.files);
	if (w.n == 0)
		diag_warning(diags, (struct pos){ NULL, 0, 0 },
			     "the content folder '%s' holds no .yaml files", c->root);
}

static bool root_exists(const char *root)
{
	struct stat st;
	return stat(root, &st) == 0 && S_ISDIR(st.st_mode);
}

bool content_load_all(struct content *c, const char *root, struct diags *diags)
{
	content_init(c, root);
	if (!root_exists(root)) {
		diag_error(diags, (struct pos){ NULL, 0, 0 },
			   "the content folder '%s' does not exist", root);
		return false;
	}
	struct seen seen = { 0 };
	c->whole = true;
	check_root(c, &seen, NULL, 0, NULL, diags);
	finish(c, &seen, diags);
	c->n_asked = c->n_files;
	return true;
}

/* The path of file relative to root, when it lies inside it; else file itself. */
static char *relative_to_root(const char *root, const char *file)
{
	char root_real[PATH_MAX], file_real[PATH_MAX];
	if (realpath(root, root_real) && realpath(file, file_real)) {
		size_t n = strlen(root_real);
		if (strncmp(root_real, file_real, n) == 0 && file_real[n] == '/')
			return xstrdup(file_real + n + 1);
	}
	return xstrdup(file);
}

/* The named files are checked with the whole root loaded beside them, so
 * that their ids are compared with every other document's and their papers
 * found as a full check finds them; only problems in the named files are
 * shown, since the others were not asked about. */
static void load_named(struct content *c, const char *root, char *const *paths, size_t n,
		       bool only_named, struct diags *diags)
{
	content_init(c, root);
	char **named = xcalloc(n ? n : 1, sizeof *named);
	size_t n_named = 0;
	for (size_t i = 0; i < n; i++) {
		/* a file named twice (content/x.yaml ./content/x.yaml) is one file,
		 * not two documents with the same id */
		bool again = false;
		char *real = realpath(paths[i], NULL);
		for (size_t j = 0; j < n_named && !again; j++) {
			char *other = real ? realpath(named[j], NULL) : NULL;
			again = other ? strcmp(real, other) == 0 : strcmp(paths[i], named[j]) == 0;
			free(other);
		}
		free(real);
		if (!again)
			named[n_named++] = paths[i];
	}
	bool *matched = xcalloc(n_named ? n_named : 1, sizeof *matched);
	/* everything found, unbounded, so the named files' problems are not
	 * crowded out by others' before they are picked */
	struct diags all = { .max = (size_t)-1 };
	struct seen seen = { .named = (const char *const *)named, .n_named = n_named };
	c->whole = true;
	if (root_exists(root))
		check_root(c, &seen, named, n_named, matched, &all);
	/* named files the walk did not find: outside the root, or hidden */
	for (size_t i = 0; i < n_named; i++) {
		if (matched[i])
			continue;
		char *rel = relative_to_root(root, named[i]);
		check_one(c, &seen, named[i], rel, named[i], &all);
		free(rel);
	}
	finish(c, &seen, &all);
	c->n_asked = n_named;
	for (size_t i = 0; i < all.n; i++) {
		const struct diag *g = &all.list[i];
		if (!only_named || (g->pos.file && file_reported(&seen, g->pos.file)))
			diag_add(diags, g->level, g->pos, "%s", g->message);
	}
	diags_free(&all);
	free(matched);
	free(named);
}

bool content_load_files(struct content *c, const char *root, char *const *paths,
			size_t n, struct diags *diags)
{
	load_named(c, root, paths, n, true, diags);
	return true;
}

void content_load_one(struct content *c, const char *root, const char *path,
		      struct diags *diags)
{
	char *paths[1] = { (char *)path };
	load_named(c, root, paths, 1, false, diags);
}

struct document *content_find(const struct content *c, const char *path)
{
	for (size_t i = 0; i < c->n_docs; i++)
		if (strcmp(c->docs[i]->path, path) == 0)
			return c->docs[i];
	return NULL;
}

void content_free(struct content *c)
{
	for (size_t i = 0; i < CONTENT_LANGUAGES_MAX; i++)
		catalog_free(c->catalogs[i]);
	free(c->translations);
	free(c->early);
	free(c->docs);
	free(c->logo_png);
	arena_free(&c->trees);
	arena_free(&c->arena);
	memset(c, 0, sizeof *c);
}
