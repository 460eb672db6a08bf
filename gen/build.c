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

int build_site(const struct build_options *o)
{
	struct diags diags = { 0 };
	struct content content;
	struct output out = { 0 };
	int status = EXIT_OK;
	if (!load_checked(o, &content, &diags)) {
		status = EXIT_CONTENT;
		goto done;
	}
	struct html_renderer *html = html_new(&content, o->templates, &diags);
	struct pdf_renderer *pdf = pdf_new(&content, o->templates, &diags);
	bool ok = diags.errors == 0;
	struct arena a;
	arena_init(&a);
	/* PDFs first: the web pages link to those that exist */
	for (size_t i = 0; ok && i < content.n_docs; i++) {
		const struct document *doc = content.docs[i];
		/* the output tree has PDFs of plans, and of meetings: agenda packs */
		if ((doc->kind != DOC_PLAN && doc->kind != DOC_MEETING) || doc->withheld)
			continue;
		FILE *spool = spool_open();
		if (!spool) {
			status = EXIT_WRITE;
			break;
		}
		ok = doc->kind == DOC_MEETING ? pack_render(pdf, doc, false, spool, NULL) :
		     pdf_render_document(pdf, doc, spool);
		if (ok)
			output_add_spool(&out, html_page_path(&a, doc, "pdf"), spool);
		else
			fclose(spool);
	}
	for (size_t i = 0; ok && i < content.n_docs; i++) {
		const struct document *doc = content.docs[i];
		if (doc->withheld)
			continue;	/* exempt: in the members' pack only */
		if (doc->kind == DOC_PLAN)
			add_plan_csv(doc, &out, html_page_path(&a, doc, "csv"));
		ok = html_render_document(html, doc, &out);
	}
	ok = ok && html_render_site(html, &out);
	arena_free(&a);
	pdf_free(pdf);
	html_free(html);
	if (status != EXIT_OK)
		goto done;
	if (!ok) {
		status = EXIT_CONTENT;
		goto done;
	}
	if (!output_write(&out, o->out, o->quiet))
		status = EXIT_WRITE;
done:
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

int render_one(const struct build_options *o, const char *file, const char *output)
{
	const char *ext = extension(output);
	if (strcmp(ext, "html") != 0 && strcmp(ext, "csv") != 0 && strcmp(ext, "pdf") != 0) {
		fprintf(stderr, "planpress: the output must end in .html, .pdf or .csv, not '%s'\n",
			output);
		return EXIT_USAGE;
	}
	struct diags diags = { 0 };
	struct content content;
	struct output out = { 0 };
	int status = EXIT_OK;
	if (!load_checked(o, &content, &diags)) {
		status = EXIT_CONTENT;
		goto done;
	}
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
	if (!doc) {
		fprintf(stderr, "planpress: %s is not a document under the content folder %s\n",
			file, o->content);
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
		if (ok)
			output_add_spool(&out, "file", spool);
		else if (spool)
			fclose(spool);
		status = ok ? EXIT_OK : diags.errors == 0 && !spool ? EXIT_WRITE : EXIT_CONTENT;
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
	if (out.n != 1 || !write_file_atomic(output, &out.files[0]))
		status = EXIT_WRITE;
	else if (!o->quiet)
		fprintf(stderr, "wrote %s\n", output);
done:
	diags_print(&diags, stderr, o->strict);
	diags_free(&diags);
	output_free(&out);
	content_free(&content);
	return status;
}
