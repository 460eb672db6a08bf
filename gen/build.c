/* build.c - `planpress build` and `planpress render`. Nothing is written until
 * every page has rendered, so a build with any error leaves the output folder
 * as it was. */
#include "build.h"
#include "content.h"
#include "csv.h"
#include "html.h"
#include "pack.h"
#include "pdf.h"
#include "write.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_OK = 0, EXIT_CONTENT = 1, EXIT_USAGE = 2, EXIT_WRITE = 3 };

static void add_plan_csv(const struct document *doc, struct output *out, const char *path)
{
	struct strbuf csv = { 0 };
	csv_render_plan(doc->as.plan, &csv);
	output_add(out, path, csv.data, csv.len);
}

/* Loads and checks the content; prints diagnostics; false on errors. */
static bool load_checked(const struct build_options *o, struct content *c, struct diags *d)
{
	content_load_all(c, o->content, d);
	return diags_error_count(d, o->strict) == 0;
}

int build_render(const struct content *content, const char *templates, struct output *out,
		 struct diags *diags)
{
	struct html_renderer *html = html_new(content, templates, diags);
	struct pdf_renderer *pdf = pdf_new(content, templates, diags);
	int status = diags->errors == 0 ? EXIT_OK : EXIT_CONTENT;
	struct arena a;
	arena_init(&a);
	/* PDFs first: the web pages link to those that exist */
	for (size_t i = 0; status == EXIT_OK && i < content->n_docs; i++) {
		const struct document *doc = content->docs[i];
		/* the output tree has PDFs of plans, and of meetings: agenda packs */
		if ((doc->kind != DOC_PLAN && doc->kind != DOC_MEETING) || doc->withheld)
			continue;
		FILE *spool = spool_open();
		if (!spool) {
			status = EXIT_WRITE;
			break;
		}
		bool ok = doc->kind == DOC_MEETING ? pack_render(pdf, doc, false, spool, NULL) :
			  pdf_render_document(pdf, doc, spool);
		if (ok) {
			output_add_spool(out, html_page_path(&a, doc, "pdf"), spool);
			continue;
		}
		/* a full temporary folder is a write failure, said with its
		 * folder, not a problem in the content */
		status = spool_failed(spool) ? EXIT_WRITE : EXIT_CONTENT;
		fclose(spool);
	}
	for (size_t i = 0; status == EXIT_OK && i < content->n_docs; i++) {
		const struct document *doc = content->docs[i];
		if (doc->withheld)
			continue;	/* exempt: in the members' pack only */
		if (doc->kind == DOC_PLAN)
			add_plan_csv(doc, out, html_page_path(&a, doc, "csv"));
		if (!html_render_document(html, doc, out))
			status = EXIT_CONTENT;
	}
	if (status == EXIT_OK && !html_render_site(html, out))
		status = EXIT_CONTENT;
	arena_free(&a);
	pdf_free(pdf);
	html_free(html);
	return status;
}

int build_site(const struct build_options *o)
{
	struct diags diags = { 0 };
	struct content content;
	struct output out = { 0 };
	int status = EXIT_OK;
	if (!load_checked(o, &content, &diags))
		status = EXIT_CONTENT;
	else
		status = build_render(&content, o->templates, &out, &diags);
	if (status == EXIT_OK && !output_write(&out, o->out, o->quiet))
		status = EXIT_WRITE;
	diags_print(&diags, stderr, o->strict);
	diags_free(&diags);
	output_free(&out);
	content_free(&content);
	return status;
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *dot = strrchr(path, '.');
	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

static bool same_file(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	return strcmp(a, b) == 0 || (realpath(a, ra) && realpath(b, rb) && strcmp(ra, rb) == 0);
}

/* Whether file is doc's own or one doc is made from (a meeting's papers and
 * their appendices, a report's appendices). */
static bool made_from(const struct document *doc, const char *file, int depth)
{
	if (strcmp(file, doc->file) == 0)
		return true;
	if (depth > 4)	/* papers are not nested deeper; a cycle stops here */
		return false;
	if (doc->kind == DOC_REPORT)
		for (size_t k = 0; k < doc->as.report->appendices.n; k++) {
			const struct document *ap = doc->as.report->appendices.at[k].doc;
			if (ap && made_from(ap, file, depth + 1))
				return true;
		}
	if (doc->kind == DOC_MEETING)
		for (size_t i = 0; i < doc->as.meeting->items.n; i++)
			for (size_t j = 0; j < doc->as.meeting->items.at[i].papers.n; j++) {
				const struct document *d = doc->as.meeting->items.at[i].papers.at[j].doc;
				if (d && d->kind != DOC_MEETING && made_from(d, file, depth + 1))
					return true;
			}
	return false;
}

/* Whether a problem at file matters to rendering doc: it has no file, or is
 * in the site's settings or a file doc is made from. Problems elsewhere in
 * the root are check's business: they do not stop `render` of this document. */
static bool matters_to(const struct content *c, const struct document *doc, const char *file)
{
	if (!file)
		return true;
	for (size_t i = 0; i < c->n_docs; i++)
		if (c->docs[i]->kind == DOC_SITE && strcmp(c->docs[i]->file, file) == 0)
			return true;
	return made_from(doc, file, 0);
}

int render_one(const struct build_options *o, const char *file, const char *output)
{
	const char *ext = extension(output);
	if (strcmp(ext, "html") != 0 && strcmp(ext, "csv") != 0 && strcmp(ext, "pdf") != 0) {
		char *shown = diag_escape(output);
		fprintf(stderr, "planpress: the output must end in .html, .pdf or .csv, not '%s'\n",
			shown);
		free(shown);
		return EXIT_USAGE;
	}
	struct diags diags = { 0 }, all = { .max = (size_t)-1 };
	struct content content;
	struct output out = { 0 };
	int status = EXIT_OK;
	/* the whole root beside FILE (which may lie outside it), for its ids,
	 * papers and site */
	content_load_one(&content, o->content, file, &all);
	/* the document whose file is FILE, matched by its real path */
	char want[PATH_MAX];
	const struct document *doc = NULL;
	if (realpath(file, want)) {
		for (size_t i = 0; i < content.n_docs && !doc; i++) {
			char have[PATH_MAX];
			if (realpath(content.docs[i]->file, have) && strcmp(have, want) == 0)
				doc = content.docs[i];
		}
	}
	for (size_t i = 0; i < all.n; i++) {
		const struct diag *g = &all.list[i];
		/* without the document (a syntax error), its own file's problems */
		if (doc ? matters_to(&content, doc, g->pos.file) :
			  !g->pos.file || same_file(g->pos.file, file))
			diag_add(&diags, g->level, g->pos, "%s", g->message);
	}
	diags_free(&all);
	if (diags_error_count(&diags, o->strict)) {
		status = EXIT_CONTENT;
		goto done;
	}
	if (!doc) {
		char *shown = diag_escape(file);
		fprintf(stderr, "planpress: %s cannot be read as a document\n", shown);
		free(shown);
		status = EXIT_USAGE;
		goto done;
	}
	if (doc->kind == DOC_SITE) {
		char *shown = diag_escape(file);
		fprintf(stderr, "planpress: %s is the site's settings, which have no page of their "
			"own ('planpress build' makes the site)\n", shown);
		free(shown);
		status = EXIT_USAGE;
		goto done;
	}
	if (strcmp(ext, "csv") == 0) {
		if (doc->kind != DOC_PLAN) {
			fprintf(stderr, "planpress: only a plan can be rendered as CSV\n");
			status = EXIT_USAGE;
			goto done;
		}
		add_plan_csv(doc, &out, "file");
	} else if (strcmp(ext, "pdf") == 0) {
		struct pdf_renderer *pdf = pdf_new(&content, o->templates, &diags);
		FILE *spool = diags.errors == 0 ? spool_open() : NULL;
		bool ok = spool != NULL;
		if (ok && doc->kind == DOC_MEETING)
			ok = pack_render(pdf, doc, o->exempt, spool, NULL);
		else if (ok && pdf_supports(doc))
			ok = pdf_render_document(pdf, doc, spool);
		else if (ok)
			ok = false;
		status = ok ? EXIT_OK : spool ? (spool_failed(spool) ? EXIT_WRITE : EXIT_CONTENT) :
			 diags.errors == 0 ? EXIT_WRITE : EXIT_CONTENT;
		if (ok)
			output_add_spool(&out, "file", spool);
		else if (spool)
			fclose(spool);
		pdf_free(pdf);
		if (status != EXIT_OK)
			goto done;
	} else {
		struct html_renderer *html = html_new(&content, o->templates, &diags);
		bool ok = diags.errors == 0 && html_render_document_to(html, doc, "file", &out);
		html_free(html);
		if (!ok) {
			status = EXIT_CONTENT;
			goto done;
		}
	}
	if (out.n != 1 || !output_write_one(output, &out.files[0])) {
		status = EXIT_WRITE;
	} else if (!o->quiet) {
		fputs("wrote ", stderr);
		diag_write_escaped(stderr, output);
		fputc('\n', stderr);
	}
done:
	diags_print(&diags, stderr, o->strict);
	diags_free(&diags);
	output_free(&out);
	content_free(&content);
	return status;
}
