/* build.c - `planpress build` and `planpress render`. Nothing is written until
 * every page has rendered, so a build with any error leaves the output folder
 * as it was. */
#include "build.h"
#include "content.h"
#include "csv.h"
#include "html.h"
#include "jobs.h"
#include "layout.h"
#include "pack.h"
#include "pdf.h"
#include "record.h"
#include "spill.h"
#include "write.h"
#include "catalog.h"
#include "view.h"

#include <fcntl.h>
#include <unistd.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_OK = 0, EXIT_CONTENT = 1, EXIT_USAGE = 2, EXIT_WRITE = 3 };

/* An incremental build (record.h): what the last build recorded, and the
 * record this one makes. */
struct rebuild {
	struct inputs *in;
	const struct record *last;
	int out_fd;		/* out/, to find the last build's files; -1: none */
	unsigned char site[RECORD_KEY_SIZE];
	struct record_text *record;
	size_t kept;		/* documents (in each language) */
};

/* What rendering one language decides of each document: its unit key, and
 * the files kept (NULL: rendered). */
struct unit_plan {
	unsigned char key[RECORD_KEY_SIZE];
	char *const *kept;
	size_t n_kept;
};

static void add_plan_csv(const struct document *doc, struct output *out, const char *path,
			 enum output_kind kind)
{
	struct strbuf csv = { 0 };
	if (kind == OUTPUT_KPIS_CSV)
		csv_render_kpis(doc->as.plan, &csv);
	else
		csv_render_plan(doc->as.plan, &csv);
	output_add(out, path, csv.data, csv.len);
}

/* The path in the output tree of one of a document's outputs. */
static const char *output_path(struct arena *a, const struct document *doc,
			       const struct document_output *o)
{
	return arena_printf(a, "%s/%s%s", doc_kind_folder(doc->kind), doc->id, o->suffix);
}

/* A language's files into the whole output, under its folder ("cy/"). */
static void move_outputs(struct output *into, struct output *from, const char *folder)
{
	for (size_t i = 0; i < from->n; i++) {
		struct output_file *f = &from->files[i];
		char *path = xmalloc(strlen(folder) + strlen(f->path) + 1);
		sprintf(path, "%s%s", folder, f->path);
		output_move(into, path, f);
		free(path);
	}
	output_free(from);	/* its files' paths: their contents are into's */
}

/* Loads and checks the content; prints diagnostics; false on errors. */
static bool load_checked(const struct build_options *o, struct content *c, struct diags *d)
{
	char *messages = xmalloc(strlen(o->templates) + 16);
	sprintf(messages, "%s/messages", o->templates);
	content_use_messages(messages);
	content_load_all(c, o->content, d);
	content_use_messages(NULL);
	free(messages);
	return diags_error_count(d, o->strict) == 0;
}

/* Every document's PDF, in the order they are made (document_outputs: none
 * of an exempt one, which is in the members' pack only); none of a document
 * whose files are kept. Document i's outputs are unit i + 1's. */
static struct pdf_job *pdf_jobs(const struct content *content, const struct unit_plan *plans,
				struct arena *a, size_t *n)
{
	struct pdf_job *jobs = xcalloc(content->n_docs * DOCUMENT_OUTPUTS_MAX + 1, sizeof *jobs);
	*n = 0;
	for (size_t i = 0; i < content->n_docs; i++) {
		const struct document *doc = content->docs[i];
		if (plans[i].kept)
			continue;
		struct document_output outputs[DOCUMENT_OUTPUTS_MAX];
		size_t k = document_outputs(doc, outputs);
		for (size_t j = 0; j < k; j++)
			if (outputs[j].kind == OUTPUT_PDF)
				jobs[(*n)++] = (struct pdf_job){ doc, output_path(a, doc, &outputs[j]),
								 NULL, (unsigned)i + 1 };
	}
	return jobs;
}

/* The paths of the jobs' PDFs, for the pages (html_set_pdfs). */
static const char **pdf_paths(const struct pdf_job *jobs, size_t n)
{
	const char **paths = xcalloc(n + 1, sizeof *paths);
	for (size_t i = 0; i < n; i++)
		paths[i] = jobs[i].path;
	return paths;
}

/* Each document's key and, when the last build's files for that key are
 * all still in out/, those files, kept (their paths in the language's
 * folder). Without a rebuild, every document is rendered. */
static struct unit_plan *plan_units(const struct content *all, const struct content *c,
				    size_t lang, struct rebuild *rb, struct output *out)
{
	struct unit_plan *plans = xcalloc(c->n_docs + 1, sizeof *plans);
	const char *folder = language_folder(all, lang);
	size_t fl = strlen(folder);
	for (size_t i = 0; rb && i < c->n_docs; i++) {
		const struct document *doc = c->docs[i];
		struct document_output outputs[DOCUMENT_OUTPUTS_MAX];
		if (document_outputs(doc, outputs) == 0)
			continue;
		record_unit_key(rb->in, rb->site, all, lang, doc->original ? doc->original : doc,
				plans[i].key);
		size_t n = 0;
		char *const *files = record_reusable(rb->last, plans[i].key, rb->out_fd, &n);
		bool ours = files != NULL;
		for (size_t k = 0; ours && k < n; k++)
			ours = strncmp(files[k], folder, fl) == 0;
		if (!ours)
			continue;
		plans[i].kept = files;
		plans[i].n_kept = n;
		for (size_t k = 0; k < n; k++)
			output_keep(out, files[k] + fl, record_kept_size(rb->last, files[k]));
	}
	return plans;
}

/* Each document's files into the new record, as they are in the whole
 * output tree (under the language's folder). */
static void record_units(const struct content *all, const struct content *c, size_t lang,
			 const struct unit_plan *plans, struct rebuild *rb, const struct output *out)
{
	const char *folder = language_folder(all, lang);
	char **files = xcalloc(out->n_made + 1, sizeof *files);
	bool *taken = xcalloc(out->n + 1, sizeof *taken);
	for (size_t i = 0; i < c->n_docs; i++) {
		struct document_output outputs[DOCUMENT_OUTPUTS_MAX];
		if (document_outputs(c->docs[i], outputs) == 0)
			continue;
		if (plans[i].kept) {
			record_add_unit(rb->record, plans[i].key, plans[i].kept, plans[i].n_kept);
			rb->kept++;
			continue;
		}
		size_t n = 0;
		for (size_t k = 0; k < out->n_made; k++) {
			const struct output_made *m = &out->made[k];
			if (m->unit != i + 1 || taken[m->file])
				continue;
			taken[m->file] = true;
			files[n] = xmalloc(strlen(folder) + strlen(out->files[m->file].path) + 1);
			sprintf(files[n++], "%s%s", folder, out->files[m->file].path);
		}
		record_add_unit(rb->record, plans[i].key, files, n);
		for (size_t k = 0; k < n; k++)
			free(files[k]);
		/* a file is another unit's too only when both made it */
		for (size_t k = 0; k < out->n_made; k++)
			if (out->made[k].unit == i + 1)
				taken[out->made[k].file] = false;
	}
	free(taken);
	free(files);
}

/* The exit of a web page not made: 3 when it was for want of a temporary
 * file, else its content's. */
static int page_failure(const struct html_renderer *html)
{
	return html_spool_failed(html) ? EXIT_WRITE : EXIT_CONTENT;
}

/* The language's documents' web pages and CSVs into out, each logged as
 * its document's unit's. */
static int render_pages(const struct content *content, const struct unit_plan *plans,
			struct html_renderer *html, struct arena *a, struct output *out)
{
	int status = EXIT_OK;
	for (size_t i = 0; status == EXIT_OK && i < content->n_docs; i++) {
		const struct document *doc = content->docs[i];
		if (plans[i].kept)
			continue;
		out->unit = (unsigned)i + 1;
		struct document_output outputs[DOCUMENT_OUTPUTS_MAX];
		size_t n = document_outputs(doc, outputs);
		for (size_t k = 0; status == EXIT_OK && k < n; k++) {
			const struct document_output *made = &outputs[k];
			if (made->kind == OUTPUT_PAGE) {
				if (!html_render_document(html, doc, out))
					status = page_failure(html);
			} else if (made->kind != OUTPUT_PDF) {
				add_plan_csv(doc, out, output_path(a, doc, made), made->kind);
			}
		}
		out->unit = 0;
		spill_page_out();	/* the texts it read */
	}
	return status;
}

/* The front page (made again when what it lists changed: *listed, its key
 * index_key, when a rebuild can tell), the style sheet and assets into out. */
static int render_front(const struct content *all, size_t lang, struct html_renderer *html,
			struct rebuild *rb, const char *index_path, struct output *out,
			unsigned char index_key[RECORD_KEY_SIZE], char **listed)
{
	*listed = rb ? html_index_text(html) : NULL;
	size_t n_kept = 0;
	char *const *kept = NULL;
	if (*listed) {
		record_index_key(rb->site, all->langs[lang], *listed, index_key);
		kept = record_reusable(rb->last, index_key, rb->out_fd, &n_kept);
		if (kept && (n_kept != 1 || strcmp(kept[0], index_path) != 0))
			kept = NULL;
	}
	if (kept)
		output_keep(out, "index.html", record_kept_size(rb->last, kept[0]));
	return html_render_site(html, out, !kept) ? EXIT_OK : page_failure(html);
}

/* One language's site (its pages, PDFs and CSVs) into out, at the paths it
 * has within its own folder; its PDFs rendered by `workers` processes while
 * this one renders the pages (or, at -j 1, here after them). The files, the
 * diagnostics and their order are those of rendering the PDFs first: the
 * pages go into an output and diagnostics of their own, added after the
 * PDFs', and are dropped when a PDF fails, as they would not have been
 * rendered. */
static int render_language(const struct content *all, const struct content *content,
			   const char *templates, size_t lang, long workers, struct rebuild *rb,
			   struct output *out, struct diags *diags)
{
	struct html_renderer *html = html_new(content, templates, diags);
	struct pdf_renderer *pdf = pdf_new(content, templates, diags);
	html_set_language(html, lang);
	int status = diags->errors == 0 ? EXIT_OK : EXIT_CONTENT;
	struct arena a;
	arena_init(&a);
	struct unit_plan *plans = plan_units(all, content, lang, rb, out);
	unsigned char index_key[RECORD_KEY_SIZE];
	char *listed = NULL;
	char *index_path = xmalloc(strlen(language_folder(all, lang)) + sizeof "index.html");
	sprintf(index_path, "%sindex.html", language_folder(all, lang));
	if (status == EXIT_OK) {
		size_t n;
		struct pdf_job *jobs = pdf_jobs(content, plans, &a, &n);
		const char **paths = pdf_paths(jobs, n);
		html_set_pdfs(html, paths, n);
		/* forked before any page is begun, so that none is in a worker.
		 * One PDF alone (a rebuild of one changed plan) is made here after
		 * the pages: a worker starts its fonts cold and lays out on one
		 * thread, and took longer than the pages it overlapped */
		struct pdf_batch *batch = pdf_jobs_start(pdf, jobs, n, workers > 1 && n > 1 ?
							 ((size_t)workers < n ? (size_t)workers : n) : 0,
							 diags);
		struct output pages = { 0 };
		struct diags said = { .max = (size_t)-1 };	/* every one, for diags_append */
		html_set_diags(html, &said);
		int pages_status = render_pages(content, plans, html, &a, &pages);
		if (pages_status == EXIT_OK)
			pages_status = render_front(all, lang, html, rb, index_path, &pages,
						    index_key, &listed);
		html_set_diags(html, diags);
		status = pdf_jobs_finish(batch, out);
		if (status == EXIT_OK) {
			diags_append(diags, &said);
			output_append(out, &pages);
			status = pages_status;
		}
		diags_free(&said);
		output_free(&pages);
		free(paths);
		free(jobs);
	}
	if (status == EXIT_OK && rb)
		record_units(all, content, lang, plans, rb, out);
	if (status == EXIT_OK && listed)
		record_add_unit(rb->record, index_key, &index_path, 1);
	free(index_path);
	free(listed);
	free(plans);
	arena_free(&a);
	pdf_free(pdf);
	html_free(html);
	return status;
}

static int render_all(const struct content *content, const char *templates, long workers,
		      struct rebuild *rb, struct output *out, struct diags *diags)
{
	int status = EXIT_OK;
	/* the main language at the root, each other in its folder (cy/) */
	for (size_t lang = 0; status == EXIT_OK && lang < content->n_langs; lang++) {
		struct output in_lang = { 0 };
		struct content c = content_in_language(content, lang);
		messages_use(content->catalogs[lang]);
		foreign_texts_use(lang ? c.docs : NULL, c.n_docs, content->langs[0]);
		status = render_language(content, &c, templates, lang, workers, rb, &in_lang, diags);
		foreign_texts_use(NULL, 0, NULL);
		messages_use(NULL);
		move_outputs(out, &in_lang, language_folder(content, lang));
	}
	return status;
}

int build_render_jobs(const struct content *content, const char *templates, long workers,
		      struct output *out, struct diags *diags)
{
	return render_all(content, templates, workers, NULL, out, diags);
}

int build_render(const struct content *content, const char *templates, struct output *out,
		 struct diags *diags)
{
	return build_render_jobs(content, templates, 1, out, diags);
}

/* ---------- documents taken from the last build's facts (facts.h) ---------- */

/* Drops from facts those of doc and of every document it is made from
 * (a report's appendices, a meeting's papers and theirs) that are stubs;
 * counts them in *dropped. */
static void drop_stubs(const struct document *doc, struct file_facts *facts, size_t n,
		       bool *drop, size_t *dropped, int depth)
{
	if (!doc || depth > 8)	/* as deep as record.c's keys look */
		return;
	if (doc->stub)
		for (size_t i = 0; i < n; i++)
			if (!drop[i] && strcmp(facts[i].rel, doc->path) == 0) {
				drop[i] = true;
				(*dropped)++;
			}
	if (doc->kind == DOC_REPORT)
		for (size_t k = 0; k < doc->as.report->appendices.n; k++)
			drop_stubs(doc->as.report->appendices.at[k].doc, facts, n, drop, dropped,
				   depth + 1);
	if (doc->kind == DOC_MEETING)
		for (size_t i = 0; i < doc->as.meeting->items.n; i++)
			for (size_t j = 0; j < doc->as.meeting->items.at[i].papers.n; j++)
				drop_stubs(doc->as.meeting->items.at[i].papers.at[j].doc, facts, n,
					   drop, dropped, depth + 1);
}

/* Whether every document this build renders (its outputs not kept from the
 * last) was read whole, with every document it is made from: a stub is
 * never rendered. Else the facts of those that were not are dropped, to be
 * read whole when the content is loaded again. */
static bool stubs_unrendered(const struct content *c, struct rebuild *rb,
			     struct file_facts *facts, size_t *n)
{
	bool *drop = xcalloc(*n + 1, sizeof *drop);
	size_t dropped = 0;
	record_site_key(rb->in, c, rb->site);
	for (size_t i = 0; i < c->n_docs; i++) {
		const struct document *doc = c->docs[i];
		struct document_output outputs[DOCUMENT_OUTPUTS_MAX];
		if (document_outputs(doc, outputs) == 0)
			continue;
		/* its outputs in every language, as plan_units keys them */
		bool reusable = true;
		for (size_t lang = 0; reusable && lang < c->n_langs; lang++) {
			unsigned char key[RECORD_KEY_SIZE];
			size_t kept;
			record_unit_key(rb->in, rb->site, c, lang, doc, key);
			reusable = record_reusable(rb->last, key, rb->out_fd, &kept) != NULL;
		}
		if (!reusable)
			drop_stubs(doc, facts, *n, drop, &dropped, 0);
	}
	size_t left = 0;
	for (size_t i = 0; i < *n; i++)
		if (!drop[i])
			facts[left++] = facts[i];
	*n = left;
	free(drop);
	return dropped == 0;
}

/* The content loaded and checked, every document that is not rendered
 * taken from the last build's facts where they hold. */
static bool load_for_build(const struct build_options *o, struct rebuild *rb,
			   struct content *c, struct diags *d)
{
	size_t n = 0;
	struct file_facts *facts = record_facts(rb->last, rb->in, o->content, &n);
	bool ok;
	for (int round = 0;; round++) {
		content_use_facts(facts, n);
		ok = load_checked(o, c, d);
		content_use_facts(NULL, 0);
		/* a document read whole may name another still a stub: read
		 * that whole too (and, rarely, at the third time, all) */
		if (!ok || !n || stubs_unrendered(c, rb, facts, &n))
			break;
		if (round == 2)
			n = 0;
		content_free(c);
		diags_free(d);
		*d = (struct diags){ 0 };
	}
	free(facts);
	return ok;
}

/* Writes the new record into out/, under the lock the commit holds. */
static void commit_record(int out_fd, const struct output *out, void *record)
{
	record_commit(record, out_fd, out);
}

/* What diagnostics print, as text: said again by a build that finds
 * nothing changed. */
static char *diagnostics_text(struct diags *d, bool strict)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		out_of_memory();
	diags_print(d, f, strict);
	if (fclose(f) != 0)
		out_of_memory();
	return text;
}

/* After the "wrote" lines: the documents an incremental build kept, or that
 * nothing changed at all (kept == (size_t)-1). */
static void say_kept(const char *dir, size_t kept)
{
	char *shown = diag_escape(dir);
	if (kept == (size_t)-1)
		fprintf(stderr, "nothing changed: %s is as the last build left it\n", shown);
	else if (kept)
		fprintf(stderr, "kept %zu unchanged %s in %s\n", kept,
			kept == 1 ? "document" : "documents", shown);
	free(shown);
}

int build_site(const struct build_options *o)
{
	struct diags diags = { 0 };
	struct content content;
	struct output out = { 0 };
	struct inputs in;
	struct record_text record = { 0 };
	inputs_read(&in, o->content, o->templates, o->out, o->strict);
	struct record *last = record_read(o->out);
	const char *said;
	if (record_unchanged(last, &in, o->out, &said)) {
		if (!o->quiet)
			say_kept(o->out, (size_t)-1);
		fputs(said, stderr);
		record_stat_refresh(&in, o->out);
		record_free(last);
		inputs_free(&in);
		return EXIT_OK;
	}
	struct rebuild rb = { .in = &in, .last = last, .record = &record,
			      .out_fd = open(o->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC) };
	int status = EXIT_OK;
	char *text = NULL;
	if (!load_for_build(o, &rb, &content, &diags)) {
		status = EXIT_CONTENT;
	} else {
		record_site_key(&in, &content, rb.site);
		status = render_all(&content, o->templates, o->jobs ? o->jobs : (long)layout_cores(),
				    &rb, &out, &diags);
	}
	text = diagnostics_text(&diags, o->strict);
	if (status == EXIT_OK) {
		/* the record opens with what this build says, for the next */
		struct record_text full;
		record_begin(&full, &in, text);
		strbuf_add(&full.text, record.text.data ? record.text.data : "", record.text.len);
		record_add_facts(&full, &in, o->content, &content);
		if (!output_write_then(&out, o->out, o->quiet, commit_record, &full))
			status = EXIT_WRITE;
		else if (!o->quiet)
			say_kept(o->out, rb.kept);
		record_text_free(&full);
	}
	fputs(text, stderr);
	free(text);
	if (rb.out_fd >= 0)
		close(rb.out_fd);
	record_text_free(&record);
	record_free(last);
	inputs_free(&in);
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
	char *messages = xmalloc(strlen(o->templates) + 16);
	sprintf(messages, "%s/messages", o->templates);
	content_use_messages(messages);
	content_load_one(&content, o->content, file, &all);
	content_use_messages(NULL);
	free(messages);
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
	/* a translation (x.cy.yaml): the document in its language */
	size_t lang = 0;
	struct document *translated = NULL;
	if (!doc && content_translation_at(&content, file, &lang, &translated))
		doc = translated;
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
	struct content in_lang = content_in_language(&content, lang);
	messages_use(content.catalogs[lang]);
	foreign_texts_use(lang ? in_lang.docs : NULL, in_lang.n_docs, content.langs[0]);
	if (strcmp(ext, "csv") == 0) {
		if (doc->kind != DOC_PLAN) {
			fprintf(stderr, "planpress: only a plan can be rendered as CSV\n");
			status = EXIT_USAGE;
			goto done;
		}
		/* "x-kpis.csv": the plan's indicators, as build names theirs;
		 * but "ID.csv" is the actions' even when the id ends in -kpis */
		size_t len = strlen(output);
		const char *base = strrchr(output, '/') ? strrchr(output, '/') + 1 : output;
		const char *id = doc->as.plan->id;
		bool own_name = strncmp(base, id, strlen(id)) == 0 &&
				strcmp(base + strlen(id), ".csv") == 0;
		bool kpis = !own_name && len >= 9 && strcmp(output + len - 9, "-kpis.csv") == 0;
		add_plan_csv(doc, &out, "file", kpis ? OUTPUT_KPIS_CSV : OUTPUT_CSV);
	} else if (strcmp(ext, "pdf") == 0) {
		struct pdf_renderer *pdf = pdf_new(&in_lang, o->templates, &diags);
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
		struct html_renderer *html = html_new(&in_lang, o->templates, &diags);
		html_set_language(html, lang);
		bool ok = diags.errors == 0 && html_render_document_to(html, doc, "file", &out);
		if (!ok)
			status = page_failure(html);
		html_free(html);
		if (!ok)
			goto done;
	}
	if (out.n != 1 || !output_write_one(output, &out.files[0])) {
		status = EXIT_WRITE;
	} else if (!o->quiet) {
		fputs("wrote ", stderr);
		diag_write_escaped(stderr, output);
		fputc('\n', stderr);
	}
done:
	messages_use(NULL);
	foreign_texts_use(NULL, 0, NULL);
	diags_print(&diags, stderr, o->strict);
	diags_free(&diags);
	output_free(&out);
	content_free(&content);
	return status;
}
