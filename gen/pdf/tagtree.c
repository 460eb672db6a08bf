/* tagtree.c - the structure tree as the painter makes it (tagtree.h). */
#include "tagtree.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* What the painter said, in order: a byte each, and after an element the
 * number of its name (names[], each kept once), after a run of an element
 * neither open nor an artifact the element's index. */
enum said {
	SAID_BEGIN,		/* an element begun, a kid of the open one */
	SAID_ELEMENT,		/* an element not opened (a Link), the same */
	SAID_END,		/* the open element ended */
	SAID_RUN_OF_OPEN,	/* a run of the open element's (none: an artifact's) */
	SAID_RUN_ARTIFACT, SAID_RUN_HEADER, SAID_RUN_FOOTER,	/* PDF_RUN_* */
	SAID_RUN_OF,		/* a run of the element whose index follows */
};

/* A number said in 7-bit parts, the last without the top bit. */
static void say_number(struct strbuf *b, size_t n)
{
	for (; n >= 0x80; n >>= 7)
		strbuf_addc(b, (char)((n & 0x7f) | 0x80));
	strbuf_addc(b, (char)n);
}

/* Where the next thing said goes: what was said so far kept apart once it
 * is a piece's worth, so that what is said of a long document's runs (0.6
 * MB for 10,000 actions) is not held while it is painted. A thing said is
 * never cut between pieces. */
#define SAID_PIECE_BYTES (64 * 1024)
static struct strbuf *said(struct tagger *g)
{
	struct strbuf *b = &g->said;
	if (b->len < SAID_PIECE_BYTES)
		return b;
	g->said_kept.spill_texts_from = 1;
	g->pieces = xgrow(g->pieces, g->n_pieces, sizeof *g->pieces);
	g->pieces[g->n_pieces++] = (struct said_piece){
		arena_strndup(&g->said_kept, b->data, b->len), b->len };
	b->len = 0;
	return b;
}

static size_t read_number(const unsigned char **at)
{
	size_t n = 0;
	for (unsigned shift = 0;; shift += 7) {
		unsigned char c = *(*at)++;
		n |= (size_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return n;
	}
}

static int open_element(const struct tagger *g)
{
	return g->depth ? g->open[g->depth - 1].elem : -1;
}

/* An element said, with its name: names are constants, told apart by
 * address (a name kept twice makes the same tree). */
static void say_element(struct tagger *g, enum said what, const char *name)
{
	size_t k = 0;
	while (k < g->n_names && g->names[k] != name)
		k++;
	if (k == g->n_names) {
		/* a byte an element says which (pdf_tree.name_of): the
		 * painter's names are the few of PDF's standard structure
		 * types, so more than 256 is a painter gone wrong */
		if (k > UCHAR_MAX) {
			g->unbalanced = true;
			k = 0;
		}
		g->names = xgrow(g->names, g->n_names, sizeof *g->names);
		g->names[g->n_names++] = name;
	}
	struct strbuf *b = said(g);
	strbuf_addc(b, (char)what);
	say_number(b, k);
}

int tagger_element(struct tagger *g, const char *name)
{
	say_element(g, SAID_ELEMENT, name);
	return (int)g->n_elems++;
}

void tagger_begin(struct tagger *g, const char *name, const char *lang)
{
	say_element(g, SAID_BEGIN, name);
	int i = (int)g->n_elems++;
	if (lang) {
		struct pdf_tree *t = &g->tree;
		t->langs = xgrow(t->langs, t->n_langs, sizeof *t->langs);
		t->langs[t->n_langs++] = (struct pdf_elem_lang){ i, lang };
	}
	g->open = xgrow(g->open, g->depth, sizeof *g->open);
	g->open[g->depth++] = (struct tagger_open){ i, name };
	if (g->depth > g->most_depth)
		g->most_depth = g->depth;
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
	if (!g->depth || strcmp(g->open[g->depth - 1].name, name) != 0) {
		g->unbalanced = true;
		return;
	}
	strbuf_addc(said(g), SAID_END);
	g->depth--;
}

void tagger_mark(cairo_t *cr, struct tagger *g, int element)
{
	struct strbuf *b = said(g);
	if (element == open_element(g)) {
		strbuf_addc(b, SAID_RUN_OF_OPEN);
	} else if (element < 0 && element >= PDF_RUN_FOOTER) {
		strbuf_addc(b, (char)(SAID_RUN_ARTIFACT + (PDF_RUN_ARTIFACT - element)));
	} else {
		strbuf_addc(b, SAID_RUN_OF);
		say_number(b, (size_t)element);
	}
	g->n_runs++;
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

/* The elements open as what was said is done again (tagger_tree). */
struct replay {
	int *open;
	size_t depth;
};

/* One piece of what was said done again on t. */
static void replay_piece(struct pdf_tree *t, struct replay *r, const char *bytes, size_t len)
{
	const unsigned char *at = (const unsigned char *)bytes;
	const unsigned char *end = at + len;
	int *open = r->open;
	size_t depth = r->depth;
	while (at < end) {
		enum said what = *at++;
		int top = depth ? open[depth - 1] : -1;
		if (what == SAID_BEGIN || what == SAID_ELEMENT) {
			int i = (int)t->n_elems++;
			int runs = (int)t->n_runs;
			t->name_of[i] = (unsigned char)read_number(&at);
			t->elems[i] = (struct pdf_elem){ .parent = top, .end_elem = i + 1,
							 .first_run = runs, .end_run = runs };
			if (what == SAID_BEGIN)
				open[depth++] = i;
		} else if (what == SAID_END) {
			t->elems[top].end_elem = (int)t->n_elems;
			t->elems[top].end_run = (int)t->n_runs;
			depth--;
		} else {
			t->runs[t->n_runs++] = what == SAID_RUN_OF_OPEN ? top :
					       what == SAID_RUN_OF ? (int)read_number(&at) :
					       PDF_RUN_ARTIFACT - (int)(what - SAID_RUN_ARTIFACT);
		}
	}
	r->depth = depth;
}

static void free_said(struct tagger *g)
{
	strbuf_free(&g->said);
	arena_free(&g->said_kept);
	free(g->pieces);
	g->pieces = NULL;
	g->n_pieces = 0;
}

/* What was said done again, on the tree: each element's parent and the
 * runs marked while it was open, each run's element. */
const struct pdf_tree *tagger_tree(struct tagger *g)
{
	struct pdf_tree *t = &g->tree;
	if (t->elems)
		return t;	/* made already */
	t->elems = xcalloc(g->n_elems + 1, sizeof *t->elems);
	t->name_of = xcalloc(g->n_elems + 1, 1);
	t->names = g->names;
	t->runs = xcalloc(g->n_runs + 1, sizeof *t->runs);
	struct replay r = { xcalloc(g->most_depth + 1, sizeof *r.open), 0 };
	for (size_t i = 0; i < g->n_pieces; i++)
		replay_piece(t, &r, g->pieces[i].bytes, g->pieces[i].len);
	replay_piece(t, &r, g->said.data, g->said.len);
	free(r.open);
	free_said(g);
	return t;
}

void tagger_free(struct tagger *g)
{
	free_said(g);
	free(g->names);
	free(g->tree.elems);
	free(g->tree.name_of);
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
