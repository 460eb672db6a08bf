/* tagtree.c - the structure tree as the painter makes it (tagtree.h). */
#include "tagtree.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static int open_element(const struct tagger *g)
{
	return g->depth ? g->open[g->depth - 1] : -1;
}

int tagger_element(struct tagger *g, const char *name)
{
	struct pdf_tree *t = &g->tree;
	t->elems = xgrow(t->elems, t->n_elems, sizeof *t->elems);
	int i = (int)t->n_elems++;
	int parent = open_element(g);
	int runs = (int)t->n_runs;
	t->elems[i] = (struct pdf_elem){ .name = name, .parent = parent, .end_elem = i + 1,
					 .first_run = runs, .end_run = runs };
	return i;
}

void tagger_begin(struct tagger *g, const char *name, const char *lang)
{
	int i = tagger_element(g, name);
	if (lang) {
		struct pdf_tree *t = &g->tree;
		t->langs = xgrow(t->langs, t->n_langs, sizeof *t->langs);
		t->langs[t->n_langs++] = (struct pdf_elem_lang){ i, lang };
	}
	g->open = xgrow(g->open, g->depth, sizeof *g->open);
	g->open[g->depth++] = i;
}

static void keep_text(char ***list, size_t *n, const char *text)
{
	*list = xgrow(*list, *n, sizeof **list);
	(*list)[(*n)++] = text ? xstrdup(text) : NULL;
}

static void free_texts(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

void tagger_figure_alt(struct tagger *g, const char *alt)
{
	keep_text(&g->figure_alts, &g->n_figure_alts, alt);
}

void tagger_begin_header(struct tagger *g, const char *attrs)
{
	tagger_begin(g, "TH", NULL);
	keep_text(&g->header_attrs, &g->n_header_attrs, attrs);
}

void tagger_end(struct tagger *g, const char *name)
{
	int i = open_element(g);
	if (i < 0 || strcmp(g->tree.elems[i].name, name) != 0) {
		g->unbalanced = true;
		return;
	}
	g->tree.elems[i].end_elem = (int)g->tree.n_elems;
	g->tree.elems[i].end_run = (int)g->tree.n_runs;
	g->depth--;
}

void tagger_mark(cairo_t *cr, struct tagger *g, int element)
{
	struct pdf_tree *t = &g->tree;
	t->runs = xgrow(t->runs, t->n_runs, sizeof *t->runs);
	int run = (int)t->n_runs++;
	t->runs[run] = element;
	g->marked = element;
	/* cairo drops a drawing it judges empty, and would then join the texts
	 * either side into one text object: the mark is a real square */
	cairo_save(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 1 / 255.0);
	cairo_rectangle(cr, PDF_MARK_X, PDF_MARK_Y, PDF_MARK_SIZE, PDF_MARK_SIZE);
	cairo_fill(cr);
	cairo_restore(cr);
}

void tagger_content_follows(cairo_t *cr, struct tagger *g)
{
	if (g && g->marked != open_element(g))
		tagger_mark(cr, g, open_element(g));
}

void tagger_link(struct tagger *g, size_t page, double x1, double y1, double x2, double y2,
		 const char *target, const char *words)
{
	int elem = tagger_element(g, "Link");
	g->links = xgrow(g->links, g->n_links, sizeof *g->links);
	g->links[g->n_links++] = (struct pdf_link){
		.elem = elem, .page = page, .x1 = x1, .y1 = y1, .x2 = x2, .y2 = y2,
		.target = xstrdup(target), .words = words ? xstrdup(words) : NULL,
	};
}

void tagger_free(struct tagger *g)
{
	free(g->tree.elems);
	free(g->tree.runs);
	free(g->tree.langs);
	free(g->open);
	for (size_t i = 0; i < g->n_links; i++) {
		free(g->links[i].target);
		free(g->links[i].words);
	}
	free(g->links);
	free_texts(g->figure_alts, g->n_figure_alts);
	free_texts(g->header_attrs, g->n_header_attrs);
}
