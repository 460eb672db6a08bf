/* pdf_style.c - reading templates/pdf/style.yaml with the content loader. */
#include "pdf_style.h"
#include "load.h"
#include "values.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM 2.8346456692913385	/* points per millimetre */

struct rgb rating_fill(const struct pdf_style *s, const struct rating *r)
{
	return r->has_colour ? r->colour : s->rag_fill[r->rag];
}

struct rgb rating_ink(const struct pdf_style *s, const struct rating *r)
{
	struct rgb ink;
	if (!r->has_colour)
		return s->rag_text[r->rag];
	parse_colour(text_colour_on(r->colour), &ink);
	return ink;
}

static struct rgb hex(const char *t)
{
	struct rgb c = { 0, 0, 0 };
	parse_colour(t, &c);
	return c;
}

void pdf_style_defaults(struct pdf_style *s)
{
	memset(s, 0, sizeof *s);
	snprintf(s->body_font, sizeof s->body_font, "Liberation Sans");
	snprintf(s->heading_font, sizeof s->heading_font, "Liberation Sans");
	s->size_body = 10.5, s->size_small = 8.5, s->size_table = 8.5;
	s->size_title = 28, s->size_h1 = 20, s->size_h2 = 15, s->size_h3 = 12;
	s->margin_top = 18 * MM, s->margin_bottom = 16 * MM;
	s->margin_left = 18 * MM, s->margin_right = 18 * MM;
	s->header_gap = 6 * MM, s->footer_gap = 6 * MM;
	s->logo_height = 16 * MM;
	s->text = hex("#0b0c0c"), s->muted = hex("#505a5f"), s->rule = hex("#8a9095");
	s->brand = hex("#1d4f91"), s->table_header = hex("#dee0e2"), s->draft = hex("#a01c0e");
	/* printed in black and white, red is the darkest grey, amber the
	 * lightest, green between (blue between red and green): told apart
	 * before their words are read, each word at least 4.5:1 on its fill */
	s->rag_fill[RAG_RED] = hex("#9c2418"), s->rag_text[RAG_RED] = hex("#ffffff");
	s->rag_fill[RAG_AMBER] = hex("#f6b26b"), s->rag_text[RAG_AMBER] = hex("#0b0c0c");
	s->rag_fill[RAG_GREEN] = hex("#4aa564"), s->rag_text[RAG_GREEN] = hex("#0b0c0c");
	s->rag_fill[RAG_BLUE] = hex("#1d70b8"), s->rag_text[RAG_BLUE] = hex("#ffffff");
	s->rag_fill[RAG_NONE] = hex("#ffffff"), s->rag_text[RAG_NONE] = hex("#0b0c0c");
	/* history: each review's column */
	static const double weights[COL_COUNT] = { 6, 16, 24, 20, 11, 11, 9, 28, 8, 8, 9, 6, 8 };
	memcpy(s->column_weight, weights, sizeof weights);
}

enum kind { K_FONT, K_SIZE, K_MM, K_COLOUR, K_WEIGHT };

struct setting {
	const char *section, *key;
	enum kind kind;
	size_t offset;
};

#define S(sec, key, kind, member) { sec, key, kind, offsetof(struct pdf_style, member) }

static const struct setting settings[] = {
	S("fonts", "body", K_FONT, body_font), S("fonts", "heading", K_FONT, heading_font),
	S("sizes", "body", K_SIZE, size_body), S("sizes", "small", K_SIZE, size_small),
	S("sizes", "table", K_SIZE, size_table), S("sizes", "title", K_SIZE, size_title),
	S("sizes", "h1", K_SIZE, size_h1), S("sizes", "h2", K_SIZE, size_h2),
	S("sizes", "h3", K_SIZE, size_h3),
	S("page", "margin_top", K_MM, margin_top), S("page", "margin_bottom", K_MM, margin_bottom),
	S("page", "margin_left", K_MM, margin_left), S("page", "margin_right", K_MM, margin_right),
	S("page", "header_gap", K_MM, header_gap), S("page", "footer_gap", K_MM, footer_gap),
	S("page", "logo_height", K_MM, logo_height),
	S("colours", "text", K_COLOUR, text), S("colours", "muted", K_COLOUR, muted),
	S("colours", "rule", K_COLOUR, rule), S("colours", "brand", K_COLOUR, brand),
	S("colours", "table_header", K_COLOUR, table_header), S("colours", "draft", K_COLOUR, draft),
	S("colours", "red", K_COLOUR, rag_fill[RAG_RED]),
	S("colours", "red_text", K_COLOUR, rag_text[RAG_RED]),
	S("colours", "amber", K_COLOUR, rag_fill[RAG_AMBER]),
	S("colours", "amber_text", K_COLOUR, rag_text[RAG_AMBER]),
	S("colours", "green", K_COLOUR, rag_fill[RAG_GREEN]),
	S("colours", "green_text", K_COLOUR, rag_text[RAG_GREEN]),
	S("colours", "blue", K_COLOUR, rag_fill[RAG_BLUE]),
	S("colours", "blue_text", K_COLOUR, rag_text[RAG_BLUE]),
	S("colours", "none", K_COLOUR, rag_fill[RAG_NONE]),
	S("colours", "none_text", K_COLOUR, rag_text[RAG_NONE]),
};

static void apply(struct pdf_style *s, const struct setting *set, const struct node *v,
		  struct diags *diags)
{
	void *dst = (char *)s + set->offset;
	struct number n;
	if (v->type != NODE_SCALAR) {
		diag_error(diags, v->pos, "%s.%s must be a single value", set->section, set->key);
		return;
	}
	switch (set->kind) {
	case K_FONT:
		if (v->len == 0 || v->len >= 64)
			diag_error(diags, v->pos, "%s.%s must name a font", set->section, set->key);
		else
			snprintf(dst, 64, "%s", v->text);
		break;
	case K_SIZE:
	case K_MM:
	case K_WEIGHT:
		if (!parse_number(v->text, &n) || !n.known || n.value < 0 ||
		    n.value > (set->kind == K_MM ? 100 : 200)) {
			diag_error(diags, v->pos, "%s.%s must be a number from 0 to %d, not '%s'",
				   set->section, set->key, set->kind == K_MM ? 100 : 200, v->text);
			break;
		}
		*(double *)dst = set->kind == K_MM ? n.value * MM : n.value;
		break;
	case K_COLOUR:
		if (!parse_colour(v->text, dst))
			diag_error(diags, v->pos, "%s.%s must be a colour written #rrggbb, not '%s'",
				   set->section, set->key, v->text);
		break;
	}
}

/* The setting that sets member, by its offset. */
static size_t setting_of(size_t offset)
{
	size_t k = 0;
	while (k < sizeof settings / sizeof *settings && settings[k].offset != offset)
		k++;
	return k;
}

/* Text on paper and RAG words on their fills must stay readable, printed or on
 * screen (WCAG 2.1 AA: 4.5:1). The error stands at the text colour the file
 * gives, or at the fill, or at the file's start. */
static void check_contrast(const struct pdf_style *s, const struct pos *given, struct pos file,
			   struct diags *diags)
{
	static const struct rgb paper = { 1, 1, 1 };
	struct pair {
		struct rgb fg, bg;
		size_t fg_offset, bg_offset;
	} pairs[3 + RAG_COUNT];
	size_t n = 0;
	pairs[n++] = (struct pair){ s->text, paper, offsetof(struct pdf_style, text), SIZE_MAX };
	pairs[n++] = (struct pair){ s->muted, paper, offsetof(struct pdf_style, muted), SIZE_MAX };
	pairs[n++] = (struct pair){ s->draft, paper, offsetof(struct pdf_style, draft), SIZE_MAX };
	for (int rag = 0; rag < RAG_COUNT; rag++)
		pairs[n++] = (struct pair){ s->rag_text[rag], s->rag_fill[rag],
			offsetof(struct pdf_style, rag_text) + (size_t)rag * sizeof(struct rgb),
			offsetof(struct pdf_style, rag_fill) + (size_t)rag * sizeof(struct rgb) };
	for (size_t i = 0; i < n; i++) {
		double ratio = colour_contrast(pairs[i].fg, pairs[i].bg);
		if (ratio >= 4.5)
			continue;
		size_t fg = setting_of(pairs[i].fg_offset);
		size_t bg = pairs[i].bg_offset == SIZE_MAX ? SIZE_MAX : setting_of(pairs[i].bg_offset);
		struct pos at = given[fg].line ? given[fg] : bg != SIZE_MAX && given[bg].line ?
				given[bg] : file;
		if (bg == SIZE_MAX)
			diag_error(diags, at, "colours.%s on white paper has a contrast of %.1f:1; "
				   "text needs at least 4.5:1", settings[fg].key, ratio);
		else
			diag_error(diags, at, "colours.%s on colours.%s has a contrast of %.1f:1; "
				   "a RAG word needs at least 4.5:1", settings[fg].key,
				   settings[bg].key, ratio);
	}
}

bool pdf_style_load(struct pdf_style *s, const char *path, struct diags *diags)
{
	pdf_style_defaults(s);
	struct arena arena;
	arena_init(&arena);
	size_t before = diags->errors;
	struct pos given[sizeof settings / sizeof *settings] = { 0 };
	struct node *root = load_file(path, path, &arena, &arena, diags);
	/* A value the loader reported (too long, a control character) is
	 * passed over without a word; contrasts are not judged without it. */
	bool unread = root && (root->broken || root->incomplete);
	if (root && root->broken)
		root = NULL;
	if (root && root->type != NODE_MAPPING)
		diag_error(diags, root->pos, "the style must be a mapping of sections");
	for (size_t i = 0; root && root->type == NODE_MAPPING && i < root->count; i++) {
		const struct node *sec = root->pairs[i].key, *body = root->pairs[i].value;
		bool columns = strcmp(sec->text, "columns") == 0;
		bool known_section = columns;
		for (size_t k = 0; k < sizeof settings / sizeof *settings; k++)
			known_section |= strcmp(settings[k].section, sec->text) == 0;
		if (!known_section) {
			diag_error(diags, sec->pos, "unknown section '%s' in the style (fonts, sizes, "
				   "page, colours, columns)", sec->text);
			continue;
		}
		unread |= body->broken || body->incomplete;
		if (body->broken)
			continue;
		if (body->type != NODE_MAPPING) {
			diag_error(diags, body->pos, "%s must be a mapping", sec->text);
			continue;
		}
		for (size_t j = 0; j < body->count; j++) {
			const struct node *key = body->pairs[j].key, *v = body->pairs[j].value;
			if (columns) {
				int col = 0;
				while (col < COL_COUNT && strcmp(column_name((enum column)col), key->text))
					col++;
				if (col == COL_COUNT) {
					diag_error(diags, key->pos, "unknown column '%s' in the style", key->text);
					continue;
				}
				if (v->broken)
					continue;
				struct setting w = { "columns", key->text, K_WEIGHT,
						     offsetof(struct pdf_style, column_weight) +
						     (size_t)col * sizeof(double) };
				apply(s, &w, v, diags);
				continue;
			}
			size_t k = 0, n = sizeof settings / sizeof *settings;
			while (k < n && (strcmp(settings[k].section, sec->text) ||
					 strcmp(settings[k].key, key->text)))
				k++;
			if (k == n) {
				diag_error(diags, key->pos, "unknown key '%s' in %s", key->text, sec->text);
			} else if (v->broken) {
				unread = true;
			} else {
				apply(s, &settings[k], v, diags);
				given[k] = v->pos;
			}
		}
	}
	if (root && !unread)
		check_contrast(s, given, root->pos, diags);
	arena_free(&arena);
	return diags->errors == before;
}
