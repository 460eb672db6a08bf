/* schema.c - the content format as tables, and the generic checker.
 *
 * Each record of the format (plan, theme, action, kpi, ...) is a table of fields:
 * key, type, required flag and where the value goes in the model struct. One
 * checker walks any record's table, so a rule about "a date" or "an unknown key"
 * is written once. Rules that relate several fields (list lengths, unique refs)
 * are a record's hook, run after its fields are read. */
#include "schema.h"
#include "catalog.h"
#include "schema_table.h"
#include "markdown.h"
#include "spill.h"

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The layout every LIST_OF(T) shares. */
struct raw_list {
	void *at;
	size_t n;
	struct pos pos;
};

/* An anchored node read one way (as a record, or as a field): a set of these
 * tells when an alias repeats what was already read, and checked, that way. */
struct reading {
	const struct node *node;
	const void *how;	/* the struct record or struct field */
};

/* records checked between page-outs: a few dozen actions' texts */
#define RECORDS_PER_PAGE_OUT 64

struct checker {
	struct arena *arena;
	struct diags *diags;
	const char *file;
	const struct site *site;	/* the content root's, for its rating scale */
	struct rated **rated;		/* every rating read, resolved at the end */
	size_t n_rated, cap_rated;
	struct site_link *links;	/* markdown's paths inside the site */
	size_t n_links, cap_links;
	struct reading *readings;	/* open-addressing hash set */
	size_t readings_cap, readings_n;
	/* inside an alias: where the repeated part is used, the position of
	 * every record read from it (so a ref repeated by alias is reported at
	 * the alias, not twice at the anchor) */
	const struct pos *use_pos;
	/* texts read from nodes a translation keeps in the original's
	 * language (node.foreign), for document.foreign */
	const void **foreign;
	size_t n_foreign, cap_foreign;
	size_t records_checked;	/* for spill_page_out: the texts read, left */
};

static void note_foreign(struct checker *c, const struct node *n, const void *text)
{
	if (!n->foreign)
		return;
	if (c->n_foreign == c->cap_foreign) {
		c->cap_foreign = c->cap_foreign ? c->cap_foreign * 2 : 64;
		c->foreign = xrealloc(c->foreign, c->cap_foreign * sizeof *c->foreign);
	}
	c->foreign[c->n_foreign++] = text;
}

#define FIELDS_END { NULL, 0, false, 0, NULL, NULL, NULL, 0 }
#define FIELD(k, t, req, type, member) { k, t, req, offsetof(type, member), NULL, NULL, NULL, 0 }
#define RECORD_FIELD(k, t, req, type, member, rec) \
	{ k, t, req, offsetof(type, member), &rec, NULL, NULL, 0 }
#define ENUM_FIELD(k, type, member, words, values) \
	{ k, F_ENUM, false, offsetof(type, member), NULL, words, values, 0 }

static void check_record(struct checker *c, const struct record *rec,
			 const struct node *node, void *obj);

static size_t reading_hash(const struct node *node, const void *how)
{
	return ((size_t)(uintptr_t)node * 31 + (size_t)(uintptr_t)how) * 2654435761u;
}

/* Adds (node, how) to the set; false when it was there already. */
static bool reading_add(struct checker *c, const struct node *node, const void *how)
{
	if ((c->readings_n + 1) * 2 > c->readings_cap) {
		struct reading *old = c->readings;
		size_t old_cap = c->readings_cap;
		c->readings_cap = old_cap ? old_cap * 2 : 64;
		c->readings = xcalloc(c->readings_cap, sizeof *c->readings);
		c->readings_n = 0;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].node)
				reading_add(c, old[i].node, old[i].how);
		free(old);
	}
	size_t mask = c->readings_cap - 1;
	for (size_t i = reading_hash(node, how) & mask;; i = (i + 1) & mask) {
		if (!c->readings[i].node) {
			c->readings[i] = (struct reading){ node, how };
			c->readings_n++;
			return true;
		}
		if (c->readings[i].node == node && c->readings[i].how == how)
			return false;
	}
}

/* Reading an alias: the model needs what it repeats, but when its anchored
 * node was already read the same way, every problem in it has been reported
 * at the anchor's lines, and reading it again would only print each twice. */
struct repeat {
	bool muted;
	struct diags *diags;
	struct diags scratch;
	size_t n_links;
	const struct pos *use_pos;
};

static void repeat_begin(struct checker *c, const struct node *n, const void *how,
			 struct repeat *r)
{
	*r = (struct repeat){ false, c->diags, { 0 }, c->n_links, c->use_pos };
	const struct node *origin = node_origin(n);
	const struct node *anchored = origin ? origin : n;
	if (!anchored->anchored)
		return;
	if (origin && !c->use_pos)
		c->use_pos = &n->pos;	/* the outermost alias: where it is used */
	if (!reading_add(c, anchored, how) && origin) {
		r->muted = true;
		c->diags = &r->scratch;
	}
}

static void repeat_end(struct checker *c, struct repeat *r)
{
	c->use_pos = r->use_pos;
	if (!r->muted)
		return;
	c->diags = r->diags;
	diags_free(&r->scratch);
	/* its links inside the site were collected from the anchor already */
	c->n_links = r->n_links;
}

/* ---------- small helpers ---------- */

static void *at(void *obj, size_t offset)
{
	return (char *)obj + offset;
}

/* "a, b, c or d" from a word list, for messages. */
static void list_words(const char *const *words, struct strbuf *out)
{
	size_t n = 0;
	while (words[n])
		n++;
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_adds(out, i + 1 == n ? " or " : ", ");
		strbuf_adds(out, words[i]);
	}
}

/* A text as an officer wrote it, shortened for a message. */
static const char *quote_value(const struct node *n, char *buf, size_t size)
{
	size_t len = n->len < size - 4 ? n->len : size - 4;
	/* do not cut a UTF-8 sequence */
	while (len < n->len && len > 0 && ((unsigned char)n->text[len] & 0xC0) == 0x80)
		len--;
	memcpy(buf, n->text, len);
	if (len < n->len)
		memcpy(buf + len, "...", 4);
	else
		buf[len] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return buf;
}

static bool is_text_type(enum field_type t)
{
	return t == F_TEXT || t == F_MARKDOWN || t == F_ID || t == F_PATH || t == F_DATE ||
	       t == F_DATE_OR_MONTH || t == F_DUE || t == F_PERIOD;
}

/* `title: ""` or `ref: " "` says nothing, as `title:` does. */
static bool is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* A value the loader reported and kept as broken (too long, or holding a
 * control character) is read as nothing, without a word: its one problem is
 * said already. So is a key that may be left out of an incomplete mapping. */
static bool value_unread(const struct node *map, const char *key)
{
	const struct node *v = node_get(map, key);
	return v ? v->broken : map->incomplete;
}

/* Whether a list holds an item the loader kept as broken (a list of texts
 * leaves it out, so its length is not what the author wrote). */
static bool has_broken_item(const struct node *list)
{
	for (size_t i = 0; list && list->type == NODE_SEQUENCE && i < list->count; i++)
		if (list->items[i]->broken)
			return true;
	return false;
}

static bool expect_scalar(struct checker *c, const struct node *n, const char *key,
			  const char *what)
{
	if (n->broken)
		return false;
	if (n->type == NODE_SCALAR)
		return true;
	diag_error(c->diags, n->pos, "%s must be %s, not a %s", key, what, node_type_name(n));
	return false;
}

/* A node's text as the model keeps it: the tree's own when it lasts as long
 * as the model and is kept whole, else a copy of its first len bytes. */
static const char *kept_text(struct checker *c, const struct node *n, size_t len)
{
	return n->lasting && len == n->len ? n->text : arena_strndup(c->arena, n->text, len);
}

/* Folded and literal scalars end in a newline; one-line texts lose it and any
 * line breaks inside become spaces. */
static const char *one_line_text(struct checker *c, const struct node *n)
{
	size_t len = n->len;
	const char *s = n->text;
	while (len && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	while (len && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++, len--;
	const char *out;
	if (s == n->text && !memchr(s, '\n', len) && !memchr(s, '\r', len) &&
	    !memchr(s, '\t', len)) {
		out = kept_text(c, n, len);	/* nothing in it to change */
	} else {
		char *copy = arena_strndup(c->arena, s, len);
		for (char *p = copy; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		out = copy;
	}
	note_foreign(c, n, out);
	return out;
}

static const char *markdown_text(struct checker *c, const struct node *n)
{
	size_t len = n->len;
	while (len && (n->text[len - 1] == '\n' || n->text[len - 1] == ' '))
		len--;
	const char *out = kept_text(c, n, len);
	note_foreign(c, n, out);
	return out;
}

struct bad_link_ctx {
	struct checker *c;
	const struct node *node;
	struct text_cursor cursor;	/* links come in order: found in one walk */
};

static void report_bad_link(void *ctx, enum markdown_link_problem problem, const char *href,
			    size_t len, size_t offset)
{
	struct bad_link_ctx *b = ctx;
	char shown[80];
	size_t n = len < sizeof shown - 4 ? len : sizeof shown - 4;
	if (n)
		memcpy(shown, href, n);
	strcpy(shown + n, len > n ? "..." : "");
	/* at the link itself, however far into the text it is */
	struct pos at = offset == (size_t)-1 ? b->node->pos : node_text_pos_from(b->node, offset,
												&b->cursor);
	if (problem == LINK_IN_SITE) {
		struct checker *c = b->c;
		if (c->n_links == c->cap_links) {	/* doubling: one per link was quadratic */
			c->cap_links = c->cap_links ? c->cap_links * 2 : 16;
			c->links = xrealloc(c->links, c->cap_links * sizeof *c->links);
		}
		c->links[c->n_links++] = (struct site_link){ arena_strndup(c->arena, href, len), at };
		return;
	}
	if (problem == LINK_NO_TEXT)
		diag_error(b->c->diags, at, "the link to '%s' has no text: write the words a "
			   "reader follows between [ and ]", shown);
	else if (problem == LINK_LEAVES_SITE)
		diag_error(b->c->diags, at, "the link to '%s' leads outside the site: a path may "
			   "climb one folder ('../plans/x.html'), and one from the site's root "
			   "starts with a folder of the site ('/plans/x.html')", shown);
	else
		diag_error(b->c->diags, at,
			   "link '%s' is not allowed: links must start with http:, https: or "
			   "mailto:, or be a path inside the site", shown);
}

char *content_path_normal(const char *path, struct arena *a)
{
	if (!*path || path[0] == '/' || strchr(path, '\\'))
		return NULL;
	/* segments kept so far are out[0 .. len); "." and "" add nothing, ".."
	 * takes the last one back, and may not climb above the root */
	char *out = arena_strndup(a, path, strlen(path));
	size_t len = 0;
	for (const char *seg = path;;) {
		const char *end = strchr(seg, '/');
		size_t n = end ? (size_t)(end - seg) : strlen(seg);
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			if (len == 0)
				return NULL;
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;	/* the '/' before the segment taken back */
		} else if (n && !(n == 1 && seg[0] == '.')) {
			if (len)
				out[len++] = '/';
			memmove(out + len, seg, n);
			len += n;
		}
		if (!end)
			break;
		seg = end + 1;
	}
	if (len == 0)
		return NULL;
	out[len] = '\0';
	return out;
}

bool content_path_valid(const char *path)
{
	struct arena a;
	arena_init(&a);
	bool ok = content_path_normal(path, &a) != NULL;
	arena_free(&a);
	return ok;
}

/* ---------- scalar fields ---------- */

static bool read_text(struct checker *c, const struct node *n, const char *key,
		      const char **out)
{
	if (!expect_scalar(c, n, key, "text"))
		return false;
	*out = one_line_text(c, n);
	return true;
}

/* A markdown field: read once into the events the renderers walk, its links
 * judged in that same pass (markdown_read_checked). */
static bool read_markdown(struct checker *c, const struct node *n, const char *key,
			  const struct markdown **out)
{
	if (!expect_scalar(c, n, key, "text (markdown)"))
		return false;
	const char *text = markdown_text(c, n);
	struct bad_link_ctx ctx = { c, n, { 0 } };
	bool ok;
	*out = markdown_read_checked(c->arena, text, strlen(text), report_bad_link, &ctx, &ok);
	if (!ok)
		out_of_memory();
	note_foreign(c, n, *out);
	return true;
}

static void read_id(struct checker *c, const struct node *n, const char *key,
		    struct located_text *out)
{
	const char *text;
	if (!read_text(c, n, key, &text))
		return;
	if (!id_valid(text)) {
		char buf[80];
		diag_error(c->diags, n->pos,
			   strlen(text) > ID_MAX ? "%s '%s' is too long: an id may be at most %d "
			   "characters" : "%s '%s' is not a valid id: use lower-case letters, "
			   "digits and hyphens, starting with a letter or digit", key,
			   quote_value(n, buf, sizeof buf), ID_MAX);
		return;
	}
	*out = (struct located_text){ text, n->pos };
}

static void read_path(struct checker *c, const struct node *n, const char *key,
		      struct located_text *out)
{
	const char *text;
	if (!read_text(c, n, key, &text))
		return;
	/* "plans/../plans/x.yaml" is plans/x.yaml: compared and found as one */
	const char *normal = content_path_normal(text, c->arena);
	if (!normal) {
		char buf[80];
		diag_error(c->diags, n->pos,
			   "%s '%s' must be a path inside the content folder, such as "
			   "'reports/item-6.yaml' (not starting with '/', and no '..' above "
			   "the folder)", key, quote_value(n, buf, sizeof buf));
		return;
	}
	*out = (struct located_text){ normal, n->pos };
}

static void read_date(struct checker *c, const struct node *n, const char *key,
		      struct date *out)
{
	if (!expect_scalar(c, n, key, "a date"))
		return;
	char buf[80];
	switch (parse_date(n->text, out)) {
	case PARSE_OK:
		return;
	case PARSE_INVALID:
		diag_error(c->diags, n->pos, "%s '%s' is not a real date", key,
			   quote_value(n, buf, sizeof buf));
		return;
	case PARSE_NO_MATCH:
		diag_error(c->diags, n->pos,
			   "%s must be a date such as 2018-05-01, 01/05/2018 or 1 May 2018, "
			   "not '%s'", key, quote_value(n, buf, sizeof buf));
		return;
	}
}

/* A date, or a month ("February 2018", as plans' covers are dated); a month
 * has day 0, and is shown as the month. */
static void read_date_or_month(struct checker *c, const struct node *n, const char *key,
			       struct date *out)
{
	if (!expect_scalar(c, n, key, "a date or a month"))
		return;
	char buf[80];
	enum parse_result r = parse_date(n->text, out);
	const char *what = "date";
	if (r == PARSE_NO_MATCH) {
		r = parse_month(n->text, out);
		what = "month";
	}
	switch (r) {
	case PARSE_OK:
		return;
	case PARSE_INVALID:
		*out = (struct date){ 0, 0, 0 };
		diag_error(c->diags, n->pos, "%s '%s' is not a real %s", key,
			   quote_value(n, buf, sizeof buf), what);
		return;
	case PARSE_NO_MATCH:
		*out = (struct date){ 0, 0, 0 };
		diag_error(c->diags, n->pos,
			   "%s must be a date such as 2018-05-01 or 01/05/2018, or a month such "
			   "as February 2018, not '%s'", key, quote_value(n, buf, sizeof buf));
		return;
	}
}

/* What a text that has a period's shape but names none was meant to be:
 * "date" (31/02/2018), "month" (2018-13) or "period" (Q5 2025/26). */
static const char *impossible_period(const char *text)
{
	struct date d;
	if (parse_date(text, &d) == PARSE_INVALID)
		return "date";
	if (parse_month(text, &d) == PARSE_INVALID && !strchr(text, '/'))
		return "month";
	return "period";
}

static void read_period(struct checker *c, const struct node *n, const char *key,
			struct period *out)
{
	if (!expect_scalar(c, n, key, "a date or a period"))
		return;
	char buf[80];
	const char *text = one_line_text(c, n);
	switch (parse_period(text, out)) {
	case PARSE_OK:
		out->text = text;
		return;
	case PARSE_INVALID:
		diag_error(c->diags, n->pos, "%s '%s' is not a real %s", key,
			   quote_value(n, buf, sizeof buf), impossible_period(text));
		break;
	case PARSE_NO_MATCH:
		diag_error(c->diags, n->pos,
			   "%s must be a date such as 2018-05-01 or 01/05/2018, or a period such as "
			   "May 2020, Q2 2025/26, 2025/26 or 2021, not '%s'", key,
			   quote_value(n, buf, sizeof buf));
		break;
	}
	memset(out, 0, sizeof *out);
}

static void read_due(struct checker *c, const struct node *n, const char *key,
		     struct due *out)
{
	if (!expect_scalar(c, n, key, "a date, a period or text"))
		return;
	char buf[80];
	out->pos = n->pos;
	out->text = one_line_text(c, n);
	enum parse_result r = parse_period(out->text, &out->period);
	if (r == PARSE_OK) {
		out->period.text = out->text;
		return;
	}
	memset(&out->period, 0, sizeof out->period);
	if (r == PARSE_INVALID)
		diag_error(c->diags, n->pos, "%s '%s' is not a real %s", key,
			   quote_value(n, buf, sizeof buf), impossible_period(out->text));
	if (!*out->text)
		out->text = NULL;
}

static const char *const rag_words[] = { "red", "amber", "green", "blue", "none", NULL };

/* A rating is kept as written and found in the scale in force when the
 * whole document is read (resolve_ratings): a plan's own scale may come
 * after its actions, and the site's is another file. */
static void read_rated(struct checker *c, const struct node *n, const char *key,
		       struct rated *out)
{
	out->key = key;
	out->pos = n->pos;
	if (node_is_null(n)) {
		out->text = "";
		out->rating = rating_builtin(RAG_NONE);
		return;
	}
	if (!expect_scalar(c, n, key, "a rating such as red, amber, green, blue or none"))
		return;
	out->text = one_line_text(c, n);
	if (c->n_rated == c->cap_rated) {
		c->cap_rated = c->cap_rated ? c->cap_rated * 2 : 64;
		c->rated = xrealloc(c->rated, c->cap_rated * sizeof *c->rated);
	}
	c->rated[c->n_rated++] = out;
}

/* The entry of scale whose word is text, in any case and spacing. */
static const struct rating *scale_find(const rating_list *scale, const char *text)
{
	char want[128], have[128];
	normalise_word(text, want, sizeof want);
	for (size_t i = 0; scale && i < scale->n; i++) {
		if (!scale->at[i].word)
			continue;
		normalise_word(scale->at[i].word, have, sizeof have);
		if (strcmp(want, have) == 0)
			return &scale->at[i];
		/* a translation's scale: the documents' ratings are the original's */
		if (!scale->at[i].source)
			continue;
		normalise_word(scale->at[i].source, have, sizeof have);
		if (strcmp(want, have) == 0)
			return &scale->at[i];
	}
	return NULL;
}

static void unknown_rating(struct checker *c, const struct rated *r, const rating_list *scale)
{
	char buf[80];
	size_t n = strlen(r->text) < sizeof buf - 4 ? strlen(r->text) : sizeof buf - 4;
	memcpy(buf, r->text, n);
	strcpy(buf + n, strlen(r->text) > n ? "..." : "");
	char lower[128];
	normalise_word(r->text, lower, sizeof lower);
	if (!scale || !scale->n) {
		const char *close = closest_word(lower, rag_words, 5);
		if (close)
			diag_error(c->diags, r->pos, "%s must be red, amber, green, blue or none, not "
				   "'%s' (did you mean '%s'?)", r->key, buf, close);
		else
			diag_error(c->diags, r->pos, "%s must be red, amber, green, blue or none, not "
				   "'%s'", r->key, buf);
		return;
	}
	/* the council's words first, then revision 1's, each as it is written */
	const char **words = xmalloc((scale->n + 6) * sizeof *words);
	char (*lowered)[128] = xmalloc((scale->n + 6) * sizeof *lowered);
	struct strbuf list = { 0 };
	size_t k = 0;
	for (size_t i = 0; i < scale->n; i++) {
		if (!scale->at[i].word)
			continue;
		normalise_word(scale->at[i].word, lowered[k], sizeof lowered[k]);
		words[k] = lowered[k];
		strbuf_printf(&list, "%s%s", k ? (i + 1 == scale->n ? " or " : ", ") : "",
			      scale->at[i].word);
		k++;
	}
	for (size_t i = 0; rag_words[i]; i++)
		words[k++] = rag_words[i];
	const char *close = closest_word(lower, words, k);
	const char *shown = close;
	for (size_t i = 0, j = 0; close && i < scale->n; i++)
		if (scale->at[i].word && words[j++] == close)
			shown = scale->at[i].word;
	if (shown)
		diag_error(c->diags, r->pos, "%s must be one of the ratings %s (or red, amber, green, "
			   "blue or none), not '%s' (did you mean '%s'?)", r->key, list.data, buf,
			   shown);
	else
		diag_error(c->diags, r->pos, "%s must be one of the ratings %s (or red, amber, green, "
			   "blue or none), not '%s'", r->key, list.data, buf);
	strbuf_free(&list);
	free(lowered);
	free(words);
}

/* Every rating of the document found in scale (its own, or the site's), or
 * among revision 1's words. */
static void resolve_ratings(struct checker *c, const rating_list *scale)
{
	for (size_t i = 0; i < c->n_rated; i++) {
		struct rated *r = c->rated[i];
		enum rag rag;
		r->rating = scale_find(scale, r->text);
		if (!r->rating && parse_rag(r->text, &rag))
			r->rating = rating_builtin(rag);
		if (!r->rating)
			unknown_rating(c, r, scale);
	}
}

static void read_distance(struct checker *c, const struct node *n, const char *key,
			  struct distance *out)
{
	if (!expect_scalar(c, n, key, "a number, or a percentage of the target such as 5%"))
		return;
	const char *text = one_line_text(c, n);
	size_t len = strlen(text);
	out->percent = len && text[len - 1] == '%';
	char *number = arena_strndup(c->arena, text, out->percent ? len - 1 : len);
	char buf[80];
	if (!parse_number(number, &out->value) || !out->value.known) {
		diag_error(c->diags, n->pos, "%s must be a number in the indicator's unit, or a "
			   "percentage of the target such as 5%%, not '%s'", key,
			   quote_value(n, buf, sizeof buf));
		out->value.known = false;
		return;
	}
	if (out->value.value < 0) {
		diag_error(c->diags, n->pos, "%s must not be negative, not '%s'", key,
			   quote_value(n, buf, sizeof buf));
		out->value.known = false;
	}
}

static void read_colour(struct checker *c, const struct node *n, const char *key,
			struct rgb *out, bool *given)
{
	if (!expect_scalar(c, n, key, "a colour such as #1d4f91"))
		return;
	char buf[80];
	if (parse_colour(one_line_text(c, n), out))
		*given = true;
	else
		diag_error(c->diags, n->pos, "%s must be written #rrggbb, such as #00703c, not '%s'",
			   key, quote_value(n, buf, sizeof buf));
}

static void read_bool(struct checker *c, const struct node *n, const char *key, bool *out)
{
	if (!expect_scalar(c, n, key, "true or false"))
		return;
	char word[16], buf[80];
	normalise_word(n->text, word, sizeof word);
	if (strcmp(word, "true") == 0 || strcmp(word, "yes") == 0)
		*out = true;
	else if (strcmp(word, "false") == 0 || strcmp(word, "no") == 0)
		*out = false;
	else
		diag_error(c->diags, n->pos, "%s must be true or false, not '%s'", key,
			   quote_value(n, buf, sizeof buf));
}

static void read_number(struct checker *c, const struct node *n, const char *key,
			struct number *out)
{
	if (node_is_null(n)) {
		*out = (struct number){ false, 0, -1 };
		return;
	}
	if (!expect_scalar(c, n, key, "a number"))
		return;
	if (parse_number(n->text, out))
		return;
	char buf[80];
	quote_value(n, buf, sizeof buf);
	const char *hint = "";
	if (strchr(n->text, '%'))
		hint = " (leave out the %: the KPI's unit says it is a percentage)";
	else if (strchr(n->text, ','))
		hint = " (leave out the thousands separator)";
	else if (strchr(n->text, '\xC2'))	/* the first byte of £ */
		hint = " (leave out the £: the KPI's unit says it is money)";
	diag_error(c->diags, n->pos, "%s must be a number, or ~ when not known, not '%s'%s",
		   key, buf, hint);
}

static void read_integer(struct checker *c, const struct node *n, const char *key,
			 long *out)
{
	if (!expect_scalar(c, n, key, "a whole number"))
		return;
	char buf[80];
	if (!parse_integer(n->text, out))
		diag_error(c->diags, n->pos, "%s must be a whole number, not '%s'", key,
			   quote_value(n, buf, sizeof buf));
}

static void read_enum(struct checker *c, const struct field *f, const struct node *n,
		      int *out)
{
	if (!expect_scalar(c, n, f->key, "one word"))
		return;
	char word[80];
	normalise_word(n->text, word, sizeof word);
	size_t count = 0;
	for (; f->words[count]; count++) {
		if (strcmp(word, f->words[count]) == 0) {
			*out = f->values[count];
			return;
		}
	}
	struct strbuf allowed = { 0 };
	list_words(f->words, &allowed);
	char buf[80];
	quote_value(n, buf, sizeof buf);
	const char *close = closest_word(word, f->words, count);
	if (close)
		diag_error(c->diags, n->pos, "%s must be %s, not '%s' (did you mean '%s'?)",
			   f->key, allowed.data, buf, close);
	else
		diag_error(c->diags, n->pos, "%s must be %s, not '%s'", f->key, allowed.data,
			   buf);
	strbuf_free(&allowed);
}

/* ---------- list fields ---------- */

/* A list field's node as items: a sequence's items; for `names`, a lone scalar
 * counts as a list of one. Returns false (after a diagnostic) otherwise. */
static bool list_items(struct checker *c, const struct node *n, const char *key,
		       const char *what, bool scalar_is_one, struct node *const **items,
		       size_t *count)
{
	static struct node *one[1];
	if (n->broken)
		return false;
	if (n->type == NODE_SEQUENCE) {
		*items = n->items;
		*count = n->count;
		return true;
	}
	if (scalar_is_one && n->type == NODE_SCALAR) {
		one[0] = (struct node *)n;
		*items = (struct node *const *)one;
		*count = 1;
		return true;
	}
	diag_error(c->diags, n->pos, "%s must be a list of %s, not %s", key, what,
		   n->type == NODE_SCALAR ? "a single text" : "a mapping");
	return false;
}

static void *list_alloc(struct checker *c, struct raw_list *list, const struct node *n,
			size_t count, size_t elem)
{
	list->at = arena_alloc(c->arena, (count ? count : 1) * elem);
	list->n = 0;
	list->pos = n->pos;
	return list->at;
}

static void read_text_list(struct checker *c, const struct node *n, const char *key,
			   bool scalar_is_one, struct raw_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, "texts", scalar_is_one, &items, &count))
		return;
	const char **texts = list_alloc(c, out, n, count, sizeof *texts);
	for (size_t i = 0; i < count; i++) {
		const char *t = NULL;
		if (node_is_null(items[i]))
			continue;	/* an empty entry in a list of names */
		if (read_text(c, items[i], key, &t))
			texts[out->n++] = t;
	}
}

static void read_located_list(struct checker *c, const struct node *n, const char *key,
			      bool paths, size_t elem, struct raw_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, paths ? "paths" : "ids", false, &items, &count))
		return;
	char *base = list_alloc(c, out, n, count, elem);
	for (size_t i = 0; i < count; i++) {
		struct located_text t = { NULL, items[i]->pos };
		if (paths)
			read_path(c, items[i], key, &t);
		else
			read_id(c, items[i], key, &t);
		if (t.text)
			*(struct located_text *)(base + elem * out->n++) = t;
	}
}

static void read_number_list(struct checker *c, const struct node *n, const char *key,
			     number_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, "numbers", false, &items, &count))
		return;
	struct number *nums = list_alloc(c, (struct raw_list *)out, n, count, sizeof *nums);
	for (size_t i = 0; i < count; i++)
		read_number(c, items[i], key, &nums[out->n++]);
}

static void read_record_list(struct checker *c, const struct field *f,
			     const struct node *n, struct raw_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, f->key, f->record->name, false, &items, &count))
		return;
	char *base = list_alloc(c, out, n, count, f->record->size);
	for (size_t i = 0; i < count; i++)
		check_record(c, f->record, items[i], base + f->record->size * out->n++);
}

extern const struct record member_record;
extern const struct record person_record;

static void read_rated_list(struct checker *c, const struct node *n, const char *key,
			    struct raw_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, "ratings", false, &items, &count))
		return;
	struct rated *r = list_alloc(c, out, n, count, sizeof *r);
	for (size_t i = 0; i < count; i++) {
		struct rated *one = &r[out->n++];
		if (node_is_null(items[i]))	/* none given for this period */
			*one = (struct rated){ NULL, NULL, key, items[i]->pos };
		else
			read_rated(c, items[i], key, one);
	}
}

/* Texts with ~ for "none here": each kept in place, as NULL. */
static void read_optional_text_list(struct checker *c, const struct node *n, const char *key,
				    text_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, "texts", false, &items, &count))
		return;
	const char **texts = list_alloc(c, (struct raw_list *)out, n, count, sizeof *texts);
	for (size_t i = 0; i < count; i++) {
		const char *t = NULL;
		if (!node_is_null(items[i]))
			read_text(c, items[i], key, &t);
		texts[out->n++] = t;
	}
}

static void read_period_list(struct checker *c, const struct node *n, const char *key,
			     struct raw_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, "dates or periods", false, &items, &count))
		return;
	struct period *p = list_alloc(c, out, n, count, sizeof *p);
	for (size_t i = 0; i < count; i++) {
		struct period one = { 0 };
		read_period(c, items[i], key, &one);
		if (period_is_set(&one))
			p[out->n++] = one;
	}
}

/* One person, or a list of them (revision 2: an officer may be several). */
static void read_persons(struct checker *c, const struct field *f, const struct node *n,
			 person_list *out)
{
	if (n->type == NODE_MAPPING) {
		struct person *p = list_alloc(c, (struct raw_list *)out, n, 1, sizeof *p);
		check_record(c, &person_record, n, p);
		out->n = 1;
		return;
	}
	struct node *const *items;
	size_t count;
	if (n->type == NODE_SCALAR) {
		diag_error(c->diags, n->pos, "%s must be a person (a mapping with 'name:') or a "
			   "list of persons, not a text", f->key);
		return;
	}
	if (!list_items(c, n, f->key, "persons", false, &items, &count))
		return;
	struct person *p = list_alloc(c, (struct raw_list *)out, n, count, sizeof *p);
	for (size_t i = 0; i < count; i++)
		check_record(c, &person_record, items[i], &p[out->n++]);
}

extern const struct record numbered_record;

/* Markdown, or {number, text} whose number is printed as given. */
static void read_numbered(struct checker *c, const struct node *n, const char *key,
			  struct numbered *out)
{
	if (n->type == NODE_MAPPING) {
		check_record(c, &numbered_record, n, out);
		return;
	}
	out->pos = n->pos;
	read_markdown(c, n, key, &out->text);
}

static void read_numbered_list(struct checker *c, const struct node *n, const char *key,
			       struct raw_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, "paragraphs", false, &items, &count))
		return;
	struct numbered *p = list_alloc(c, out, n, count, sizeof *p);
	for (size_t i = 0; i < count; i++) {
		if (node_is_null(items[i]) || items[i]->broken)
			continue;
		struct numbered one = { 0 };
		read_numbered(c, items[i], key, &one);
		if (one.text)
			p[out->n++] = one;
	}
}

static void read_member_list(struct checker *c, const struct field *f,
			     const struct node *n, member_list *out)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, f->key, "members", false, &items, &count))
		return;
	struct member *m = list_alloc(c, (struct raw_list *)out, n, count, sizeof *m);
	for (size_t i = 0; i < count; i++) {
		if (items[i]->broken)
			continue;
		struct member *one = &m[out->n++];
		if (items[i]->type == NODE_SCALAR) {
			one->pos = items[i]->pos;
			read_text(c, items[i], f->key, &one->name);
		} else {
			check_record(c, &member_record, items[i], one);
		}
	}
}

/* ---------- plan-specific mappings ---------- */

static enum column column_from_word(const char *word)
{
	for (int col = 0; col < COL_COUNT; col++)
		if (strcmp(word, column_name((enum column)col)) == 0)
			return (enum column)col;
	return COL_COUNT;
}

static void unknown_column(struct checker *c, const struct node *n, const char *key)
{
	const char *names[COL_COUNT];
	for (int col = 0; col < COL_COUNT; col++)
		names[col] = column_name((enum column)col);
	char buf[80];
	quote_value(n, buf, sizeof buf);
	const char *close = closest_word(n->text, names, COL_COUNT);
	if (close)
		diag_error(c->diags, n->pos, "%s: '%s' is not a column (did you mean '%s'?)",
			   key, buf, close);
	else
		diag_error(c->diags, n->pos,
			   "%s: '%s' is not a column; the columns are ref, title, action, outcome, "
			   "measure, leads, due, progress, progress_rag, impact_rag and status",
			   key, buf);
}

static void read_labels(struct checker *c, const struct node *n, const char *key,
			const char **labels)
{
	if (n->type != NODE_MAPPING) {
		diag_error(c->diags, n->pos, "%s must be a mapping of column to heading, "
			   "such as 'due: Timescale'", key);
		return;
	}
	for (size_t i = 0; i < n->count; i++) {
		const struct node *k = n->pairs[i].key;
		enum column col = column_from_word(k->text);
		if (col == COL_COUNT) {
			unknown_column(c, k, key);
			continue;
		}
		read_text(c, n->pairs[i].value, k->text, &labels[col]);
	}
}

static void read_columns(struct checker *c, const struct node *n, const char *key,
			 struct plan *plan)
{
	struct node *const *items;
	size_t count;
	if (!list_items(c, n, key, "column names", false, &items, &count))
		return;
	bool seen[COL_COUNT] = { false };
	plan->columns_given = true;
	for (size_t i = 0; i < count; i++) {
		const struct node *item = items[i];
		if (!expect_scalar(c, item, key, "a column name"))
			continue;
		enum column col = column_from_word(item->text);
		if (col == COL_COUNT) {
			unknown_column(c, item, key);
			continue;
		}
		if (seen[col]) {
			diag_error(c->diags, item->pos, "%s: column '%s' is listed twice", key,
				   item->text);
			continue;
		}
		seen[col] = true;
		plan->columns[plan->n_columns++] = col;
	}
}

static void read_comparators(struct checker *c, const struct node *n, const char *key,
			     struct raw_list *out)
{
	if (n->type != NODE_MAPPING) {
		diag_error(c->diags, n->pos, "%s must be a mapping of name to values, such as "
			   "'England: [50, 51, ~]'", key);
		return;
	}
	struct comparator *cmp = list_alloc(c, out, n, n->count, sizeof *cmp);
	for (size_t i = 0; i < n->count; i++) {
		struct comparator *one = &cmp[out->n++];
		one->pos = n->pairs[i].key->pos;
		one->name = one_line_text(c, n->pairs[i].key);
		read_number_list(c, n->pairs[i].value, one->name, &one->values);
	}
}

static void read_action_rag(struct checker *c, const struct node *n, const char *key,
			    struct action *a)
{
	if (n->type != NODE_MAPPING) {
		read_rated(c, n, key, &a->task.rating);
		return;
	}
	static const char *const keys[] = { "progress", "impact", NULL };
	for (size_t i = 0; i < n->count; i++) {
		const struct node *k = n->pairs[i].key;
		if (strcmp(k->text, "progress") == 0) {
			read_rated(c, n->pairs[i].value, "rag progress", &a->task.rating);
		} else if (strcmp(k->text, "impact") == 0) {
			read_rated(c, n->pairs[i].value, "rag impact", &a->impact);
		} else {
			const char *close = closest_word(k->text, keys, 2);
			if (close)
				diag_error(c->diags, k->pos, "rag has progress and impact, not '%s' "
					   "(did you mean '%s'?)", k->text, close);
			else
				diag_error(c->diags, k->pos, "rag has progress and impact, not '%s'",
					   k->text);
		}
	}
}

/* ---------- the generic record checker ---------- */

static void read_field_once(struct checker *c, const struct field *f, const struct node *n,
			    void *obj);

static void read_field(struct checker *c, const struct field *f, const struct node *n,
		       void *obj)
{
	struct repeat r;
	repeat_begin(c, n, f, &r);
	read_field_once(c, f, n, obj);
	repeat_end(c, &r);
}

static void read_field_once(struct checker *c, const struct field *f, const struct node *n,
			    void *obj)
{
	void *dst = at(obj, f->offset);
	switch (f->type) {
	case F_KIND:
		break;
	case F_TEXT:
		read_text(c, n, f->key, dst);
		break;
	case F_MARKDOWN:
		read_markdown(c, n, f->key, dst);
		break;
	case F_ID: {
		struct located_text t = { NULL, n->pos };
		read_id(c, n, f->key, &t);
		*(const char **)dst = t.text;
		break;
	}
	case F_PATH:
		read_path(c, n, f->key, dst);
		break;
	case F_DATE:
		read_date(c, n, f->key, dst);
		break;
	case F_DATE_OR_MONTH:
		read_date_or_month(c, n, f->key, dst);
		break;
	case F_DUE:
		read_due(c, n, f->key, dst);
		break;
	case F_PERIOD:
		read_period(c, n, f->key, dst);
		break;
	case F_PERIOD_LIST:
		read_period_list(c, n, f->key, dst);
		break;
	case F_RATED:
		read_rated(c, n, f->key, dst);
		break;
	case F_RATED_LIST:
		read_rated_list(c, n, f->key, dst);
		break;
	case F_DISTANCE:
		read_distance(c, n, f->key, dst);
		break;
	case F_COLOUR:
		read_colour(c, n, f->key, dst, at(obj, f->flag_offset));
		break;
	case F_BOOL:
		read_bool(c, n, f->key, dst);
		break;
	case F_PERSONS:
		read_persons(c, f, n, dst);
		break;
	case F_NUMBERED:
		read_numbered(c, n, f->key, dst);
		break;
	case F_NUMBERED_LIST:
		read_numbered_list(c, n, f->key, dst);
		break;
	case F_OPTIONAL_TEXT_LIST:
		read_optional_text_list(c, n, f->key, dst);
		break;
	case F_ACTION_RAG:
		read_action_rag(c, n, f->key, obj);
		break;
	case F_NAMES:
		read_text_list(c, n, f->key, true, dst);
		break;
	case F_NUMBER:
		read_number(c, n, f->key, dst);
		break;
	case F_INTEGER:
		read_integer(c, n, f->key, dst);
		break;
	case F_ENUM:
		read_enum(c, f, n, dst);
		break;
	case F_RECORD:
		check_record(c, f->record, n, dst);
		break;
	case F_RECORD_LIST:
		read_record_list(c, f, n, dst);
		break;
	case F_MEMBER_LIST:
		read_member_list(c, f, n, dst);
		break;
	case F_TEXT_LIST:
		read_text_list(c, n, f->key, false, dst);
		break;
	case F_ID_LIST:
		read_located_list(c, n, f->key, false, sizeof(struct located_text), dst);
		break;
	case F_PATH_LIST:
		read_located_list(c, n, f->key, true, sizeof(struct paper), dst);
		break;
	case F_NUMBER_LIST:
		read_number_list(c, n, f->key, dst);
		break;
	case F_NUMBER_OR_LIST:
		if (n->type == NODE_SEQUENCE) {
			read_number_list(c, n, f->key, dst);
		} else {
			number_list *list = dst;
			list->at = arena_alloc(c->arena, sizeof *list->at);
			list->n = 1;
			list->pos = n->pos;
			read_number(c, n, f->key, &list->at[0]);
			*(bool *)at(obj, f->flag_offset) = true;
		}
		break;
	case F_LABELS:
		read_labels(c, n, f->key, dst);
		break;
	case F_COLUMNS:
		read_columns(c, n, f->key, obj);
		break;
	case F_COMPARATORS:
		read_comparators(c, n, f->key, dst);
		break;
	}
}

static bool is_list_type(enum field_type t)
{
	return t == F_RECORD_LIST || t == F_MEMBER_LIST || t == F_TEXT_LIST ||
	       t == F_ID_LIST || t == F_PATH_LIST ||
	       t == F_NUMBER_LIST || t == F_COLUMNS || t == F_PERIOD_LIST ||
	       t == F_RATED_LIST || t == F_NUMBERED_LIST || t == F_OPTIONAL_TEXT_LIST;
}

static void check_record_once(struct checker *c, const struct record *rec,
			      const struct node *node, void *obj);

static void check_record(struct checker *c, const struct record *rec,
			 const struct node *node, void *obj)
{
	struct repeat r;
	repeat_begin(c, node, rec, &r);
	check_record_once(c, rec, node, obj);
	repeat_end(c, &r);
}

static void check_record_once(struct checker *c, const struct record *rec,
			      const struct node *node, void *obj)
{
	/* every record starts with its position: where it is used, for one
	 * repeated by an alias */
	*(struct pos *)obj = c->use_pos ? *c->use_pos : node->pos;
	if (node->broken)
		return;
	if (node->type != NODE_MAPPING) {
		char buf[80];
		if (node->type == NODE_SCALAR)
			diag_error(c->diags, node->pos,
				   "expected a %s (a mapping of keys such as '%s: ...'), not the text '%s'",
				   rec->name, rec->fields[0].type == F_KIND ? rec->fields[1].key :
				   rec->fields[0].key, quote_value(node, buf, sizeof buf));
		else
			diag_error(c->diags, node->pos, "expected a %s (a mapping of keys), not a %s",
				   rec->name, node_type_name(node));
		return;
	}
	size_t n_fields = 0;
	while (rec->fields[n_fields].key)
		n_fields++;
	const char *keys[64];
	for (size_t i = 0; i < n_fields && i < 64; i++)
		keys[i] = rec->fields[i].key;
	bool present[64] = { false };

	for (size_t i = 0; i < node->count; i++) {
		const struct node *k = node->pairs[i].key, *v = node->pairs[i].value;
		size_t fi = 0;
		while (fi < n_fields && strcmp(rec->fields[fi].key, k->text) != 0)
			fi++;
		if (fi == n_fields) {
			const char *close = closest_word(k->text, keys, n_fields);
			char buf[80];
			quote_value(k, buf, sizeof buf);
			if (close)
				diag_error(c->diags, k->pos, "unknown key '%s' in %s (did you mean '%s'?)",
					   buf, rec->name, close);
			else
				diag_error(c->diags, k->pos, "unknown key '%s' in %s", buf, rec->name);
			continue;
		}
		const struct field *f = &rec->fields[fi];
		present[fi] = true;
		if (v->broken)
			continue;
		/* An empty value is the same as leaving the key out, so `rag: ~` is
		 * "not rated" and `summary:` is no summary; required keys say so. */
		if (node_is_null(v) && f->type != F_RATED && f->type != F_ACTION_RAG &&
		    f->type != F_NUMBER) {
			if (f->required)
				diag_error(c->diags, v->pos, "%s must not be empty", f->key);
			continue;
		}
		if (f->required && is_text_type(f->type) && v->type == NODE_SCALAR &&
		    is_blank(v->text, v->len)) {
			diag_error(c->diags, v->pos, "%s must not be empty", f->key);
			continue;
		}
		read_field(c, f, v, obj);
		if (f->required && is_list_type(f->type) && v->type == NODE_SEQUENCE &&
		    v->count == 0)
			diag_error(c->diags, v->pos, "%s needs at least one entry", f->key);
	}
	for (size_t fi = 0; fi < n_fields && !node->incomplete; fi++)
		if (rec->fields[fi].required && !present[fi])
			diag_error(c->diags, node->pos, "%s is missing '%s'", rec->name,
				   rec->fields[fi].key);
	if (rec->hook)
		rec->hook(c, obj, node);
	if (++c->records_checked % RECORDS_PER_PAGE_OUT == 0)
		spill_page_out();
}

/* ---------- record hooks: rules across fields ---------- */

static void check_lengths(struct checker *c, const char *what, size_t n, struct pos pos,
			  size_t periods)
{
	if (n != periods)
		diag_error(c->diags, pos,
			   "%s has %zu entr%s but periods has %zu; give one per period (~ when not known)",
			   what, n, n == 1 ? "y" : "ies", periods);
}

static void kpi_hook(struct checker *c, void *obj, const struct node *map)
{
	struct kpi *k = obj;
	const struct node *n;
	k->decimals_given = node_get(map, "decimals") != NULL;
	k->rating_given = node_get(map, "rating") != NULL;
	if ((n = node_get(map, "contextual")) && k->contextual && node_get(map, "target"))
		diag_warning(c->diags, n->pos, "kpi %s is contextual, monitored without a "
			     "target, but has a target; its target is shown but not rated against",
			     k->id ? k->id : "");
	/* a period the loader could not keep is left out of periods: the other
	 * lists' lengths cannot be judged against it */
	if (k->periods.n && !has_broken_item(node_get(map, "periods"))) {
		if (k->values.at)
			check_lengths(c, "values", k->values.n, k->values.pos, k->periods.n);
		if (k->targets.at && !k->single_target)
			check_lengths(c, "target", k->targets.n, k->targets.pos, k->periods.n);
		for (size_t i = 0; i < k->comparators.n; i++) {
			struct comparator *cmp = &k->comparators.at[i];
			if (cmp->values.at)
				check_lengths(c, cmp->name, cmp->values.n, cmp->values.pos,
					      k->periods.n);
		}
		if (k->status.at && !has_broken_item(node_get(map, "status")))
			check_lengths(c, "status", k->status.n, k->status.pos, k->periods.n);
		if (k->trend_words.at && !has_broken_item(node_get(map, "trend")))
			check_lengths(c, "trend", k->trend_words.n, k->trend_words.pos, k->periods.n);
		/* statuses that do not line up with the periods say nothing of them */
		if (k->status.n != k->periods.n)
			k->status.n = 0;
	}
	if (k->single_target && k->targets.n == 1 && k->periods.n) {
		/* one target for every period, so renderers see one shape */
		struct number t = k->targets.at[0];
		k->targets.at = arena_alloc(c->arena, k->periods.n * sizeof *k->targets.at);
		for (size_t i = 0; i < k->periods.n; i++)
			k->targets.at[i] = t;
		k->targets.n = k->periods.n;
	}
	if (k->unit == UNIT_RATE && !k->per.known && !value_unread(map, "per"))
		diag_error(c->diags, k->pos, "kpi %s is a rate, so it needs 'per' "
			   "(such as per: 10000 for \"per 10,000 children\")", k->id ? k->id : "");
	/* at the value itself, which the hook is only called after reading */
	if (k->per.known && k->per.value <= 0 && (n = node_get(map, "per")))
		diag_error(c->diags, n->pos, "per must be more than 0, not '%s' (such as "
			   "per: 10000 for \"per 10,000 children\")", n->text);
	if ((k->decimals < 0 || k->decimals > 4) && (n = node_get(map, "decimals")))
		diag_error(c->diags, n->pos, "decimals must be from 0 to 4, not %ld", k->decimals);
}

/* A period as messages quote it: a day as 01/05/2018, others as written. */
static const char *period_as_written(const struct period *p, char *buf, size_t size)
{
	if (p->kind == PERIOD_DAY)
		return date_format_uk(p->first, buf, size);
	return period_format(p, buf, size);
}

/* Updates may not go backwards: each ends on or after the day the one before
 * it starts (revision 2: two may share a period, "May 2020" then 15/05/2020). */
static void check_updates(struct checker *c, const update_list *updates)
{
	for (size_t i = 1; i < updates->n; i++) {
		const struct update *prev = &updates->at[i - 1], *u = &updates->at[i];
		if (period_is_set(&prev->when) && period_is_set(&u->when) &&
		    date_compare(u->when.last, prev->when.first) < 0) {
			char d1[80], d2[80];
			diag_error(c->diags, u->pos,
				   "updates must be oldest first: %s comes after %s (line %d)",
				   period_as_written(&u->when, d1, sizeof d1),
				   period_as_written(&prev->when, d2, sizeof d2), prev->pos.line);
		}
	}
}

/* Whether a task's status or rating is a value the loader could not keep. */
static bool done_unknown(const struct node *map)
{
	const struct node *rag = node_get(map, "rag");
	return value_unread(map, "status") || value_unread(map, "rag") ||
	       (rag && rag->type == NODE_MAPPING && value_unread(rag, "progress"));
}

/* A ref names a row or a heading and is repeated on every page a split row
 * runs over: at most REF_MAX characters (one of 4,400 digits is a paste gone
 * wrong, and its repeat could not be set). */
static void check_ref_length(struct checker *c, const char *ref, const struct node *map)
{
	size_t chars = 0;
	for (const char *p = ref; p && *p; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	const struct node *n = node_get(map, "ref");
	if (chars > REF_MAX && n)
		diag_error(c->diags, n->pos, "this ref is %zu characters long; a ref may be at most "
			   "%d", chars, REF_MAX);
}

static void action_hook(struct checker *c, void *obj, const struct node *map)
{
	struct action *a = obj;
	check_ref_length(c, a->ref, map);
	a->task.done_unknown = done_unknown(map);
	check_updates(c, &a->task.updates);
	const struct node *n = node_get(map, "suffix");
	if (a->suffix && !*a->suffix && n)
		a->suffix = NULL;
}

static void step_hook(struct checker *c, void *obj, const struct node *map)
{
	struct step *s = obj;
	s->task.done_unknown = done_unknown(map);
	check_updates(c, &s->task.updates);
}

/* An e-mail address becomes a mailto: link on the web page: it must be one
 * address, so that the link goes where the page says (no "?cc=" added, no
 * "mailto:javascript:"). */
static void person_hook(struct checker *c, void *obj, const struct node *map)
{
	struct person *p = obj;
	const struct node *n = node_get(map, "email");
	if (p->email && n && !email_valid(p->email)) {
		char buf[80];
		diag_error(c->diags, n->pos, "email '%s' is not an e-mail address: write one "
			   "address such as name@council.gov.uk, with no spaces, no '?' and no "
			   "'mailto:'", quote_value(n, buf, sizeof buf));
		p->email = NULL;
	}
}

static void theme_hook(struct checker *c, void *obj, const struct node *map)
{
	struct theme *t = obj;
	check_ref_length(c, t->ref, map);
	if (!t->summary_title)
		t->summary_title = msg("Summary");
	t->label_given = node_get(map, "label") != NULL;
	/* a ref may be left out where the source numbers nothing; an empty one
	 * is a ref forgotten */
	const struct node *ref = node_get(map, "ref");
	if (t->ref && is_blank(t->ref, strlen(t->ref)) && ref) {
		diag_error(c->diags, ref->pos, "ref must not be empty; leave it out where the "
			   "source numbers nothing");
		t->ref = NULL;
	}
	if (t->label && str_ieq(t->label, "none"))
		t->label = NULL;	/* no label word */
}

static struct kpi *find_kpi(struct plan *p, const char *id)
{
	for (size_t i = 0; i < p->kpis.n; i++)
		if (p->kpis.at[i].id && strcmp(p->kpis.at[i].id, id) == 0)
			return &p->kpis.at[i];
	return NULL;
}

/* ids_unknown: a kpi's id could not be read (a value the loader could not
 * keep), so an id not found may be that one's: not reported */
static struct kpi **resolve_kpis(struct checker *c, struct plan *p, located_list *ids,
				 const char *owner, bool ids_unknown)
{
	struct kpi **out = arena_alloc(c->arena, (ids->n ? ids->n : 1) * sizeof *out);
	for (size_t i = 0; i < ids->n; i++) {
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids->at[i].text, ids->at[j].text) == 0) {
				if (ids->at[j].pos.line == ids->at[i].pos.line)
					diag_error(c->diags, ids->at[i].pos,
						   "%s names kpi '%s' twice; the first is earlier on "
						   "this line", owner, ids->at[i].text);
				else
					diag_error(c->diags, ids->at[i].pos,
						   "%s names kpi '%s' twice; the first is at line %d",
						   owner, ids->at[i].text, ids->at[j].pos.line);
				break;
			}
		out[i] = find_kpi(p, ids->at[i].text);
		if (!out[i] && !ids_unknown) {
			if (p->kpis.n)
				diag_error(c->diags, ids->at[i].pos,
					   "%s names kpi '%s', which is not among the plan's kpis",
					   owner, ids->at[i].text);
			else
				diag_error(c->diags, ids->at[i].pos,
					   "%s names kpi '%s', but the plan has no kpis", owner,
					   ids->at[i].text);
		}
	}
	return out;
}

/* The ref an action is printed with: "2.1", or "2.1 (A)" with its suffix. */
static const char *shown_ref(struct arena *a, const struct action *act)
{
	if (!act->ref)
		return NULL;
	return act->suffix ? arena_printf(a, "%s %s", act->ref, act->suffix) : act->ref;
}

static int action_ref_order(const void *pa, const void *pb)
{
	const struct action *a = *(struct action *const *)pa, *b = *(struct action *const *)pb;
	int c = strcmp(a->shown_ref ? a->shown_ref : "", b->shown_ref ? b->shown_ref : "");
	if (c)
		return c;
	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	return a->pos.col - b->pos.col;
}

/* Themes to a depth of 4: refs unique among siblings, every theme's kpis
 * found, every action collected (all, when given) for the plan's checks. */
#define THEME_DEPTH_MAX 4
static void walk_themes(struct checker *c, struct plan *p, struct theme *themes, size_t n,
			int depth, bool ids_unknown, struct action **all, size_t *n_all)
{
	for (size_t i = 0; i < n; i++) {
		struct theme *t = &themes[i];
		if (depth > THEME_DEPTH_MAX) {
			diag_error(c->diags, t->pos, "themes may hold themes to a depth of %d; this "
				   "theme is at depth %d", THEME_DEPTH_MAX, depth);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (t->ref && themes[j].ref && strcmp(t->ref, themes[j].ref) == 0)
				diag_error(c->diags, t->pos,
					   "theme ref '%s' is used twice; the first is at line %d",
					   t->ref, themes[j].pos.line);
		char owner[96];
		snprintf(owner, sizeof owner, t->ref ? "theme %s" : "this theme", t->ref);
		t->kpis = resolve_kpis(c, p, &t->kpi_ids, owner, ids_unknown);
		for (size_t j = 0; j < t->actions.n; j++) {
			struct action *act = &t->actions.at[j];
			act->shown_ref = shown_ref(c->arena, act);
			if (all)
				all[*n_all] = act;
			(*n_all)++;
		}
		walk_themes(c, p, t->themes.at, t->themes.n, depth + 1, ids_unknown, all, n_all);
	}
}

/* A rating scale (`ratings:`): one entry a word; each a key for its colour
 * in a style sheet; a colour of its own must take a word on it readably. */
static void check_scale(struct checker *c, rating_list *scale)
{
	for (size_t i = 0; i < scale->n; i++) {
		struct rating *r = &scale->at[i];
		/* a word without a colour of its own takes its rag's; one with
		 * its colour is named by it, so the style sheet of a page showing
		 * several scales has one rule a colour */
		char hex[8];
		r->key = r->has_colour ? arena_printf(c->arena, "c%s",
						       colour_hex(r->colour, hex, sizeof hex) + 1) :
			 rag_word(r->rag);
		for (size_t j = 0; r->word && j < i; j++)
			if (scale->at[j].word && str_ieq(scale->at[j].word, r->word))
				diag_error(c->diags, r->pos, "the rating '%s' is in the scale twice; "
					   "the first is at line %d", r->word, scale->at[j].pos.line);
		if (r->has_colour) {
			struct rgb text;
			parse_colour(text_colour_on(r->colour), &text);
			double ratio = colour_contrast(r->colour, text);
			if (ratio < TEXT_CONTRAST_MIN)
				diag_error(c->diags, r->pos, "the rating '%s' is coloured so that its "
					   "word, printed on it, has a contrast of %.1f:1, less than "
					   "%.1f:1; choose a darker or lighter colour", r->word, ratio,
					   TEXT_CONTRAST_MIN);
		}
	}
}

static void plan_hook(struct checker *c, void *obj, const struct node *map)
{
	struct plan *p = obj;
	const struct node *kpis = node_get(map, "kpis");
	bool ids_unknown = value_unread(map, "kpis") || has_broken_item(kpis);
	for (size_t i = 0; kpis && kpis->type == NODE_SEQUENCE && i < kpis->count; i++)
		ids_unknown |= kpis->items[i]->type == NODE_MAPPING &&
			       value_unread(kpis->items[i], "id");
	if (!node_get(map, "theme_label"))
		p->theme_label = msg("Priority");
	else if (p->theme_label && str_ieq(p->theme_label, "none"))
		p->theme_label = NULL;
	p->ratings_given = node_get(map, "ratings") != NULL;
	check_scale(c, &p->ratings);
	for (size_t i = 1; i < p->reviews.n; i++)
		if (date_compare(p->reviews.at[i].first, p->reviews.at[i - 1].first) <= 0) {
			const struct node *list = node_get(map, "reviews");
			struct pos at = list && list->type == NODE_SEQUENCE && i < list->count ?
					list->items[i]->pos : p->pos;
			diag_error(c->diags, at, "reviews must be oldest first: %s comes after %s",
				   p->reviews.at[i].text, p->reviews.at[i - 1].text);
		}
	for (size_t i = 0; i < p->kpis.n; i++)
		for (size_t j = 0; j < i; j++)
			if (p->kpis.at[i].id && p->kpis.at[j].id &&
			    strcmp(p->kpis.at[i].id, p->kpis.at[j].id) == 0)
				diag_error(c->diags, p->kpis.at[i].pos,
					   "kpi id '%s' is used twice; the first is at line %d",
					   p->kpis.at[i].id, p->kpis.at[j].pos.line);
	/* Action refs (with their suffixes) are unique across the whole plan.
	 * Sorting (stable, by ref then position) keeps this O(n log n) for
	 * plans of thousands of actions and puts each repeat right after the
	 * first use it names. */
	size_t n = 0;
	walk_themes(c, p, p->themes.at, p->themes.n, 1, ids_unknown, NULL, &n);
	struct action **all = xmalloc((n ? n : 1) * sizeof *all);
	struct diags quiet = { 0 }, *loud = c->diags;
	c->diags = &quiet;	/* said on the first walk */
	n = 0;
	walk_themes(c, p, p->themes.at, p->themes.n, 1, ids_unknown, all, &n);
	c->diags = loud;
	diags_free(&quiet);
	p->n_actions = n;
	for (size_t i = 0; i < n; i++) {
		char owner[96];
		snprintf(owner, sizeof owner, all[i]->ref ? "action %s" : "this action",
			 all[i]->shown_ref);
		all[i]->kpis = resolve_kpis(c, p, &all[i]->kpi_ids, owner, ids_unknown);
	}
	qsort(all, n, sizeof *all, action_ref_order);
	for (size_t i = 1; i < n; i++) {
		struct action *a = all[i];
		if (!a->shown_ref || !all[i - 1]->shown_ref ||
		    strcmp(all[i - 1]->shown_ref, a->shown_ref) != 0)
			continue;
		size_t first = i - 1;
		while (first > 0 && all[first - 1]->shown_ref &&
		       strcmp(all[first - 1]->shown_ref, a->shown_ref) == 0)
			first--;
		/* the one action twice at one place: a theme that merges
		 * another (<<) takes its actions too, written where they are */
		if (a->pos.line == all[first]->pos.line && a->pos.col == all[first]->pos.col)
			diag_error(c->diags, a->pos, "action ref '%s' is used twice: a theme that "
				   "merges this one with '<<' repeats its actions; give that "
				   "theme actions of its own", a->shown_ref);
		else
			diag_error(c->diags, a->pos, "action ref '%s' is used twice; the first is "
				   "at line %d", a->shown_ref, all[first]->pos.line);
	}
	free(all);
}

/* A section's paragraphs, each read on its own, for a report that numbers
 * them (1.1, 1.2 ... or 1, 2 ...): split once here, as the text was read. */
static void section_hook(struct checker *c, void *obj, const struct node *map)
{
	struct section *s = obj;
	if (!s->text)
		return;
	const char **texts;
	s->n_paragraphs = markdown_split_paragraphs(c->arena, s->text->text, &texts);
	s->paragraphs = arena_alloc(c->arena, (s->n_paragraphs + 1) * sizeof *s->paragraphs);
	/* a text left in the original's language: each of its paragraphs too */
	const struct node *text = node_get(map, "text");
	for (size_t i = 0; i < s->n_paragraphs; i++) {
		s->paragraphs[i] = markdown_read(c->arena, texts[i], strlen(texts[i]));
		if (text)
			note_foreign(c, text, s->paragraphs[i]);
	}
}

static void report_hook(struct checker *c, void *obj, const struct node *map)
{
	struct report *r = obj;
	r->classification_given = node_get(map, "classification") != NULL;
	if (r->classification == CLASS_EXEMPT && !r->exempt_reason &&
	    !value_unread(map, "exempt_reason"))
		diag_error(c->diags, map->pos, "an exempt report needs 'exempt_reason', such as "
			   "'Paragraph 3 of Schedule 12A'");
	if (r->classification != CLASS_EXEMPT && r->exempt_reason &&
	    !value_unread(map, "classification"))
		diag_error(c->diags, map->pos, "exempt_reason is given but classification is "
			   "not exempt");
}

/* Whether the record's key holds a whole number: when it does not, the
 * error is already given, and checks of its value would only add noise. */
static bool integer_given(const struct node *record, const char *key)
{
	const struct node *n = record && record->type == NODE_MAPPING ? node_get(record, key) : NULL;
	long v;
	return n && n->type == NODE_SCALAR && parse_integer(n->text, &v);
}

/* A number as the source writes it, for printing: its text, trimmed. */
static const char *number_as_written(struct checker *c, const struct node *record,
				     const char *key)
{
	const struct node *n = node_get(record, key);
	return n && n->type == NODE_SCALAR ? one_line_text(c, n) : NULL;
}

/* "17.3" as 17 and 3, to tell whether numbers run in order; false when it is
 * not numbers and dots ("17a"), which are then not compared. */
static bool dotted(const char *s, long *parts, size_t *n)
{
	*n = 0;
	while (*s && *n < 8) {
		char *end;
		if (*s < '0' || *s > '9')
			return false;
		parts[(*n)++] = strtol(s, &end, 10);
		s = end;
		if (*s == '.')
			s++;
		else if (*s)
			return false;
	}
	return *n > 0 && !*s;
}

/* -1, 0 or 1: a before, as or after b, as dotted numbers. */
static int dotted_compare(const long *a, size_t na, const long *b, size_t nb)
{
	for (size_t i = 0; i < na && i < nb; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return na == nb ? 0 : na < nb ? -1 : 1;
}

/* Numbers as the record prints them (revision 2): one out of sequence (or
 * the same twice) is a warning, and printed as written all the same. */
static void check_sequence(struct checker *c, const char *what, const char *prev,
			   const char *number, struct pos at)
{
	long a[8], b[8];
	size_t na, nb;
	if (!prev || !number || !dotted(prev, a, &na) || !dotted(number, b, &nb))
		return;
	int order = dotted_compare(b, nb, a, na);
	if (order == 0)
		diag_warning(c->diags, at, "%s %s comes twice in a row; it is printed as written",
			     what, number);
	else if (order < 0)
		diag_warning(c->diags, at, "%s %s comes after %s, out of sequence; it is printed "
			     "as written", what, number, prev);
}

static void minute_hook(struct checker *c, void *obj, const struct node *map)
{
	struct minute *m = obj;
	m->number_text = integer_given(map, "number") ? number_as_written(c, map, "number") : NULL;
	const char *prev = NULL;
	for (size_t i = 0; i < m->paragraphs.n; i++) {
		const char *number = m->paragraphs.at[i].number;
		check_sequence(c, "paragraph", prev, number, m->paragraphs.at[i].pos);
		if (number)
			prev = number;
	}
	if (m->resolved.text && m->resolved.number)
		check_sequence(c, "paragraph", prev, m->resolved.number, m->resolved.pos);
}

static void minutes_hook(struct checker *c, void *obj, const struct node *map)
{
	struct minutes *m = obj;
	(void)map;
	const char *prev = NULL;
	for (size_t i = 0; i < m->items.n; i++) {
		const char *number = m->items.at[i].number_text;
		check_sequence(c, "minute", prev, number, m->items.at[i].pos);
		if (number)
			prev = number;
	}
}

static void item_hook(struct checker *c, void *obj, const struct node *map)
{
	struct agenda_item *it = obj;
	const struct node *n = node_get(map, "number");
	it->number_given = n != NULL;
	if (n && !integer_given(map, "number"))
		it->number = -1;	/* its error is given: no further checks */
	else if (n && it->number < 1)
		diag_error(c->diags, n->pos, "number must be 1 or more, not %ld", it->number);
	else if (n)
		it->number_text = number_as_written(c, map, "number");
}

static void meeting_hook(struct checker *c, void *obj, const struct node *map)
{
	struct meeting *m = obj;
	(void)map;
	const char *prev = NULL;
	for (size_t i = 0; i < m->items.n; i++) {
		struct agenda_item *it = &m->items.at[i];
		if (!it->number_given) {
			it->number = (long)i + 1;
			it->number_text = arena_printf(c->arena, "%ld", it->number);
		}
		bool twice = false;
		for (size_t j = 0; j < i && it->number >= 0; j++)
			if (m->items.at[j].number == it->number) {
				diag_error(c->diags, it->pos,
					   "agenda item number %ld is used twice; the first is at line %d",
					   it->number, m->items.at[j].pos.line);
				twice = true;
			}
		if (!twice && it->number >= 0)
			check_sequence(c, "agenda item", prev, it->number_text, it->pos);
		if (it->number >= 0)
			prev = it->number_text;
	}
}

static bool language_known(const char *tag)
{
	return strcmp(tag, "en") == 0 || strcmp(tag, "cy") == 0;
}

static void site_hook(struct checker *c, void *obj, const struct node *map)
{
	struct site *s = obj;
	const struct node *logo = node_get(map, "logo");
	s->logo_pos = logo ? logo->pos : s->pos;
	if (s->colour) {
		if (parse_colour(s->colour, &s->brand))
			s->has_brand = true;
		else
			diag_error(c->diags, node_get(map, "colour")->pos,
				   "colour must be written #rrggbb, such as #00703c, not '%s'", s->colour);
	}
	if (s->base_url && strncmp(s->base_url, "https://", 8) != 0 &&
	    strncmp(s->base_url, "http://", 7) != 0)
		diag_error(c->diags, node_get(map, "base_url")->pos,
			   "base_url must be an absolute address starting with https://");
	s->ratings_given = node_get(map, "ratings") != NULL;
	check_scale(c, &s->ratings);
	const struct node *langs = node_get(map, "languages");
	for (size_t i = 0; langs && i < s->languages.n; i++) {
		const char *tag = s->languages.at[i];
		const struct node *at = langs->type == NODE_SEQUENCE && i < langs->count ?
					langs->items[i] : langs;
		if (!language_known(tag))
			diag_error(c->diags, at->pos, "languages holds 'en' (English) and 'cy' "
				   "(Welsh), the languages planpress has words for, not '%s'", tag);
		for (size_t j = 0; j < i; j++)
			if (strcmp(s->languages.at[j], tag) == 0)
				diag_error(c->diags, at->pos, "'%s' is in languages twice", tag);
	}
}

/* ---------- the tables ---------- */

static const char *const plan_status_words[] = {
	"draft", "consultation", "approved", "final", "superseded", NULL };
static const int plan_status_values[] = {
	PLAN_DRAFT, PLAN_CONSULTATION, PLAN_APPROVED, PLAN_FINAL, PLAN_SUPERSEDED };
static const char *const action_status_words[] = {
	"not_started", "in_progress", "complete", "cancelled", NULL };
static const int action_status_values[] = {
	ACTION_NOT_STARTED, ACTION_IN_PROGRESS, ACTION_COMPLETE, ACTION_CANCELLED };
static const char *const unit_words[] = {
	"number", "percent", "rate", "currency", "days", NULL };
static const int unit_values[] = {
	UNIT_NUMBER, UNIT_PERCENT, UNIT_RATE, UNIT_CURRENCY, UNIT_DAYS };
static const char *const better_words[] = { "higher", "lower", "neither", NULL };
static const int better_values[] = { BETTER_HIGHER, BETTER_LOWER, BETTER_NEITHER };
static const char *const chart_words[] = { "line", "bar", "none", NULL };
static const int chart_values[] = { CHART_LINE, CHART_BAR, CHART_NONE };
static const char *const classification_words[] = { "public", "exempt", NULL };
static const int classification_values[] = { CLASS_PUBLIC, CLASS_EXEMPT };
static const char *const counts_as_words[] = { "red", "amber", "green", "blue", "none", NULL };
static const int counts_as_values[] = { RAG_RED, RAG_AMBER, RAG_GREEN, RAG_BLUE, RAG_NONE };
static const char *const scorecard_words[] = { "start", "end", "none", NULL };
static const int scorecard_values[] = { SCORECARD_START, SCORECARD_END, SCORECARD_NONE };
static const char *const minutes_numbering_words[] = { "paragraphs", "none", NULL };
static const int minutes_numbering_values[] = { MINUTES_PARAGRAPHS, MINUTES_NONE };
static const char *const numbering_words[] = { "sections", "paragraphs", "none", NULL };
static const int numbering_values[] = { NUMBERING_SECTIONS, NUMBERING_PARAGRAPHS,
					NUMBERING_NONE };

#define FLAGGED_FIELD(k, t, type, member, flag) \
	{ k, t, false, offsetof(type, member), NULL, NULL, NULL, offsetof(type, flag) }

static const struct field section_fields[] = {
	FIELD("title", F_TEXT, true, struct section, title),
	FIELD("text", F_MARKDOWN, true, struct section, text),
	FIELDS_END,
};
static const struct record section_record = { "section", sizeof(struct section),
					       section_fields, section_hook };

static const struct field person_fields[] = {
	FIELD("name", F_TEXT, true, struct person, name),
	FIELD("title", F_TEXT, false, struct person, title),
	FIELD("email", F_TEXT, false, struct person, email),
	FIELD("phone", F_TEXT, false, struct person, phone),
	FIELDS_END,
};
const struct record person_record = { "person", sizeof(struct person), person_fields,
				       person_hook };

static const struct field member_fields[] = {
	FIELD("name", F_TEXT, true, struct member, name),
	FIELD("role", F_TEXT, false, struct member, role),
	FIELDS_END,
};
const struct record member_record = { "member", sizeof(struct member), member_fields, NULL };

static const struct field rating_fields[] = {
	FIELD("word", F_TEXT, true, struct rating, word),
	{ "rag", F_ENUM, true, offsetof(struct rating, rag), NULL, counts_as_words,
	  counts_as_values, 0 },
	FLAGGED_FIELD("colour", F_COLOUR, struct rating, colour, has_colour),
	FIELDS_END,
};
static void rating_hook(struct checker *c, void *obj, const struct node *map)
{
	(void)c;
	const struct node *word = node_get(map, "word");
	((struct rating *)obj)->source = word ? node_source(word) : NULL;
}
static const struct record rating_record = { "rating", sizeof(struct rating),
					      rating_fields, rating_hook };

static const struct field update_fields[] = {
	FIELD("date", F_PERIOD, true, struct update, when),
	FIELD("rag", F_RATED, false, struct update, rating),
	FIELD("note", F_MARKDOWN, false, struct update, note),
	FIELDS_END,
};
static const struct record update_record = { "update", sizeof(struct update),
					      update_fields, NULL };

static const struct field step_fields[] = {
	FIELD("text", F_MARKDOWN, true, struct step, text),
	FIELD("leads", F_NAMES, false, struct step, task.leads),
	FIELD("due", F_DUE, false, struct step, task.due),
	ENUM_FIELD("status", struct step, task.status, action_status_words, action_status_values),
	FIELD("rag", F_RATED, false, struct step, task.rating),
	FIELD("progress", F_MARKDOWN, false, struct step, task.progress),
	RECORD_FIELD("updates", F_RECORD_LIST, false, struct step, task.updates, update_record),
	FIELDS_END,
};
static const struct record step_record = { "step", sizeof(struct step), step_fields, step_hook };

static const struct field action_fields[] = {
	FIELD("ref", F_TEXT, true, struct action, ref),
	FIELD("suffix", F_TEXT, false, struct action, suffix),
	FIELD("title", F_TEXT, false, struct action, title),
	FIELD("action", F_MARKDOWN, true, struct action, action),
	FIELD("outcome", F_MARKDOWN, false, struct action, outcome),
	FIELD("measure", F_TEXT, false, struct action, measure),
	FIELD("leads", F_NAMES, false, struct action, task.leads),
	FIELD("due", F_DUE, false, struct action, task.due),
	FIELD("progress", F_MARKDOWN, false, struct action, task.progress),
	ENUM_FIELD("status", struct action, task.status, action_status_words, action_status_values),
	FIELD("rag", F_ACTION_RAG, false, struct action, task.rating),
	FIELD("kpis", F_ID_LIST, false, struct action, kpi_ids),
	RECORD_FIELD("updates", F_RECORD_LIST, false, struct action, task.updates, update_record),
	RECORD_FIELD("steps", F_RECORD_LIST, false, struct action, steps, step_record),
	FIELDS_END,
};
static const struct record action_record = { "action", sizeof(struct action),
					      action_fields, action_hook };

static const struct field review_fields[] = {
	FIELD("progress", F_MARKDOWN, false, struct review, progress),
	FIELD("challenges", F_MARKDOWN, false, struct review, challenges),
	FIELD("next_steps", F_MARKDOWN, false, struct review, next_steps),
	FIELDS_END,
};
static const struct record review_record = { "review", sizeof(struct review),
					      review_fields, NULL };

static const struct record theme_record;	/* a theme holds themes */
static const struct field theme_fields[] = {
	FIELD("ref", F_TEXT, false, struct theme, ref),
	FIELD("title", F_TEXT, true, struct theme, title),
	FIELD("label", F_TEXT, false, struct theme, label),
	FIELD("summary_title", F_TEXT, false, struct theme, summary_title),
	FIELD("summary", F_MARKDOWN, false, struct theme, summary),
	RECORD_FIELD("review", F_RECORD, false, struct theme, review, review_record),
	RECORD_FIELD("actions", F_RECORD_LIST, false, struct theme, actions, action_record),
	RECORD_FIELD("themes", F_RECORD_LIST, false, struct theme, themes, theme_record),
	FIELD("kpis", F_ID_LIST, false, struct theme, kpi_ids),
	FIELDS_END,
};
static const struct record theme_record = { "theme", sizeof(struct theme),
					     theme_fields, theme_hook };

static const struct field kpi_rating_fields[] = {
	FIELD("green", F_DISTANCE, false, struct kpi_rating, green),
	FIELD("amber", F_DISTANCE, false, struct kpi_rating, amber),
	FIELDS_END,
};
static const struct record kpi_rating_record = { "rating rule", sizeof(struct kpi_rating),
						  kpi_rating_fields, NULL };

static const struct field kpi_fields[] = {
	FIELD("id", F_ID, true, struct kpi, id),
	FIELD("ref", F_TEXT, false, struct kpi, ref),
	FIELD("title", F_TEXT, true, struct kpi, title),
	FIELD("description", F_MARKDOWN, false, struct kpi, description),
	ENUM_FIELD("unit", struct kpi, unit, unit_words, unit_values),
	FIELD("per", F_NUMBER, false, struct kpi, per),
	FIELD("decimals", F_INTEGER, false, struct kpi, decimals),
	ENUM_FIELD("better", struct kpi, better, better_words, better_values),
	FIELD("periods", F_TEXT_LIST, true, struct kpi, periods),
	FIELD("values", F_NUMBER_LIST, true, struct kpi, values),
	{ "target", F_NUMBER_OR_LIST, false, offsetof(struct kpi, targets), NULL, NULL, NULL,
	  offsetof(struct kpi, single_target) },
	FIELD("tolerance", F_DISTANCE, false, struct kpi, tolerance),
	RECORD_FIELD("rating", F_RECORD, false, struct kpi, rating, kpi_rating_record),
	FIELD("status", F_RATED_LIST, false, struct kpi, status),
	FIELD("trend", F_OPTIONAL_TEXT_LIST, false, struct kpi, trend_words),
	FIELD("baseline", F_NUMBER, false, struct kpi, baseline),
	FIELD("contextual", F_BOOL, false, struct kpi, contextual),
	FIELD("comparators", F_COMPARATORS, false, struct kpi, comparators),
	ENUM_FIELD("chart", struct kpi, chart, chart_words, chart_values),
	FIELD("source", F_TEXT, false, struct kpi, source),
	FIELD("notes", F_MARKDOWN, false, struct kpi, notes),
	FIELDS_END,
};
static const struct record kpi_record = { "kpi", sizeof(struct kpi), kpi_fields, kpi_hook };

static const struct field plan_fields[] = {
	FIELD("kind", F_KIND, true, struct plan, pos),
	FIELD("id", F_ID, false, struct plan, id),
	FIELD("title", F_TEXT, true, struct plan, title),
	FIELD("subtitle", F_TEXT, false, struct plan, subtitle),
	FIELD("organisation", F_TEXT, false, struct plan, organisation),
	FIELD("service", F_TEXT, false, struct plan, service),
	FIELD("vision", F_MARKDOWN, false, struct plan, vision),
	FIELD("version", F_TEXT, false, struct plan, version),
	ENUM_FIELD("status", struct plan, status, plan_status_words, plan_status_values),
	FIELD("period", F_TEXT, false, struct plan, period),
	FIELD("published", F_DATE_OR_MONTH, false, struct plan, published),
	FIELD("as_at", F_PERIOD, false, struct plan, as_at),
	FIELD("owner", F_TEXT, false, struct plan, owner),
	FIELD("theme_label", F_TEXT, false, struct plan, theme_label),
	FIELD("labels", F_LABELS, false, struct plan, labels),
	FIELD("columns", F_COLUMNS, false, struct plan, columns),
	FIELD("intro", F_MARKDOWN, false, struct plan, intro),
	RECORD_FIELD("sections", F_RECORD_LIST, false, struct plan, sections, section_record),
	RECORD_FIELD("ratings", F_RECORD_LIST, false, struct plan, ratings, rating_record),
	FIELD("reviews", F_PERIOD_LIST, false, struct plan, reviews),
	FIELD("previous_review", F_PERIOD, false, struct plan, previous_review),
	RECORD_FIELD("themes", F_RECORD_LIST, true, struct plan, themes, theme_record),
	RECORD_FIELD("kpis", F_RECORD_LIST, false, struct plan, kpis, kpi_record),
	ENUM_FIELD("scorecard", struct plan, scorecard, scorecard_words, scorecard_values),
	RECORD_FIELD("closing", F_RECORD_LIST, false, struct plan, closing, section_record),
	FIELDS_END,
};
static const struct record plan_record = { "plan", sizeof(struct plan), plan_fields,
					    plan_hook };

static const struct field appendix_fields[] = {
	FIELD("title", F_TEXT, false, struct appendix, title),	/* default: its paper's */
	FIELD("label", F_TEXT, false, struct appendix, label),
	FIELD("paper", F_PATH, false, struct appendix, paper),
	FIELDS_END,
};
static const struct record appendix_record = { "appendix", sizeof(struct appendix),
						appendix_fields, NULL };

static const struct field report_fields[] = {
	FIELD("kind", F_KIND, true, struct report, pos),
	FIELD("id", F_ID, false, struct report, id),
	FIELD("title", F_TEXT, true, struct report, title),
	FIELD("committee", F_TEXT, false, struct report, committee),
	FIELD("organisation", F_TEXT, false, struct report, organisation),
	FIELD("date", F_DATE, false, struct report, date),
	FIELD("time", F_TEXT, false, struct report, time),
	FIELD("item", F_TEXT, false, struct report, item),
	ENUM_FIELD("classification", struct report, classification, classification_words,
		   classification_values),
	FIELD("exempt_reason", F_TEXT, false, struct report, exempt_reason),
	FIELD("responsible_officer", F_PERSONS, false, struct report, responsible_officer),
	ENUM_FIELD("numbering", struct report, numbering, numbering_words, numbering_values),
	RECORD_FIELD("sections", F_RECORD_LIST, true, struct report, sections, section_record),
	FIELD("background_papers", F_MARKDOWN, false, struct report, background_papers),
	FIELD("cabinet_member", F_TEXT, false, struct report, cabinet_member),
	FIELD("local_member", F_TEXT, false, struct report, local_member),
	RECORD_FIELD("appendices", F_RECORD_LIST, false, struct report, appendices,
		     appendix_record),
	FIELDS_END,
};
static const struct record report_record = { "report", sizeof(struct report),
					      report_fields, report_hook };

static const struct field numbered_fields[] = {
	FIELD("number", F_TEXT, false, struct numbered, number),
	FIELD("text", F_MARKDOWN, true, struct numbered, text),
	FIELDS_END,
};
const struct record numbered_record = { "paragraph", sizeof(struct numbered),
					numbered_fields, NULL };

static const struct field minute_fields[] = {
	FIELD("number", F_INTEGER, true, struct minute, number),
	FIELD("title", F_TEXT, true, struct minute, title),
	FIELD("paragraphs", F_NUMBERED_LIST, false, struct minute, paragraphs),
	FIELD("resolved", F_NUMBERED, false, struct minute, resolved),
	FIELDS_END,
};
static const struct record minute_record = { "minute", sizeof(struct minute),
					      minute_fields, minute_hook };

static const struct field attendance_fields[] = {
	FIELD("heading", F_TEXT, true, struct attendance, heading),
	FIELD("names", F_NAMES, true, struct attendance, names),
	FIELDS_END,
};
static const struct record attendance_record = { "attendance", sizeof(struct attendance),
						  attendance_fields, NULL };

static const struct field minutes_fields[] = {
	FIELD("kind", F_KIND, true, struct minutes, pos),
	FIELD("id", F_ID, false, struct minutes, id),
	FIELD("committee", F_TEXT, true, struct minutes, committee),
	FIELD("organisation", F_TEXT, false, struct minutes, organisation),
	FIELD("date", F_DATE, true, struct minutes, date),
	FIELD("time", F_TEXT, false, struct minutes, time),
	FIELD("venue", F_TEXT, false, struct minutes, venue),
	FIELD("officer", F_PERSONS, false, struct minutes, officer),
	FIELD("present", F_NAMES, false, struct minutes, present),
	ENUM_FIELD("numbering", struct minutes, numbering, minutes_numbering_words,
		   minutes_numbering_values),
	FIELD("signature", F_TEXT, false, struct minutes, signature),
	FIELD("apologies", F_NAMES, false, struct minutes, apologies),
	RECORD_FIELD("attendance", F_RECORD_LIST, false, struct minutes, attendance,
		     attendance_record),
	RECORD_FIELD("items", F_RECORD_LIST, true, struct minutes, items, minute_record),
	FIELDS_END,
};
static const struct record minutes_record = { "minutes", sizeof(struct minutes),
					       minutes_fields, minutes_hook };

static const struct field item_fields[] = {
	FIELD("number", F_INTEGER, false, struct agenda_item, number),
	FIELD("title", F_TEXT, true, struct agenda_item, title),
	FIELD("text", F_MARKDOWN, false, struct agenda_item, text),
	FIELD("papers", F_PATH_LIST, false, struct agenda_item, papers),
	FIELD("exempt", F_TEXT, false, struct agenda_item, exempt),
	FIELDS_END,
};
static const struct record item_record = { "agenda item", sizeof(struct agenda_item),
					    item_fields, item_hook };

static const struct field meeting_fields[] = {
	FIELD("kind", F_KIND, true, struct meeting, pos),
	FIELD("id", F_ID, false, struct meeting, id),
	FIELD("committee", F_TEXT, true, struct meeting, committee),
	FIELD("organisation", F_TEXT, false, struct meeting, organisation),
	FIELD("date", F_DATE, true, struct meeting, date),
	FIELD("time", F_TEXT, false, struct meeting, time),
	FIELD("venue", F_TEXT, false, struct meeting, venue),
	FIELD("issued", F_DATE, false, struct meeting, issued),
	FIELD("summoned_by", F_PERSONS, false, struct meeting, summoned_by),
	FIELD("officer", F_PERSONS, false, struct meeting, officer),
	{ "members", F_MEMBER_LIST, false, offsetof(struct meeting, members), NULL, NULL, NULL, 0 },
	{ "co_opted_voting", F_MEMBER_LIST, false, offsetof(struct meeting, co_opted_voting),
	  NULL, NULL, NULL, 0 },
	{ "co_opted_non_voting", F_MEMBER_LIST, false,
	  offsetof(struct meeting, co_opted_non_voting), NULL, NULL, NULL, 0 },
	FIELD("substitutes", F_NAMES, false, struct meeting, substitutes),
	RECORD_FIELD("items", F_RECORD_LIST, true, struct meeting, items, item_record),
	FIELDS_END,
};
static const struct record meeting_record = { "meeting", sizeof(struct meeting),
					       meeting_fields, meeting_hook };

static const struct field site_fields[] = {
	FIELD("kind", F_KIND, true, struct site, pos),
	FIELD("organisation", F_TEXT, false, struct site, organisation),
	FIELD("title", F_TEXT, false, struct site, title),
	FIELD("base_url", F_TEXT, false, struct site, base_url),
	FIELD("logo", F_TEXT, false, struct site, logo),
	FIELD("colour", F_TEXT, false, struct site, colour),
	FIELD("address", F_TEXT_LIST, false, struct site, address),
	FIELD("footer", F_MARKDOWN, false, struct site, footer),
	RECORD_FIELD("ratings", F_RECORD_LIST, false, struct site, ratings, rating_record),
	FIELD("languages", F_TEXT_LIST, false, struct site, languages),
	FIELDS_END,
};
static const struct record site_record = { "site", sizeof(struct site), site_fields,
					    site_hook };

static const struct {
	const char *word;
	enum doc_kind kind;
	const struct record *record;
	size_t id_offset;	/* where the record keeps its id; 0: none */
} kinds[] = {
	{ "site", DOC_SITE, &site_record, 0 },
	{ "plan", DOC_PLAN, &plan_record, offsetof(struct plan, id) },
	{ "report", DOC_REPORT, &report_record, offsetof(struct report, id) },
	{ "minutes", DOC_MINUTES, &minutes_record, offsetof(struct minutes, id) },
	{ "meeting", DOC_MEETING, &meeting_record, offsetof(struct meeting, id) },
};
enum { N_KINDS = sizeof kinds / sizeof *kinds };

/* ---------- documents ---------- */

static const char *default_id(struct arena *arena, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(base + n - 4, ".yml") == 0)
		n -= 4;
	return arena_strndup(arena, base, n);
}

struct document *schema_check_document(const struct node *root, const char *path,
					const char *file, const struct site *site,
					struct arena *arena, struct diags *diags)
{
	struct checker c = { arena, diags, file, site };
	size_t errors_before = diags->errors;
	if (root->broken)
		return NULL;	/* a document of one value, reported by the loader */
	if (root->type != NODE_MAPPING) {
		diag_error(diags, root->pos, "a content file must be a mapping of keys starting "
			   "with 'kind:', not a %s", node_type_name(root));
		return NULL;
	}
	const struct node *kind_node = node_get(root, "kind");
	if (value_unread(root, "kind"))
		return NULL;	/* its kind cannot be told: nothing more to check */
	if (!kind_node) {
		diag_error(diags, root->pos, "the document has no 'kind:' (site, plan, report, "
			   "minutes or meeting)");
		return NULL;
	}
	const char *words[N_KINDS];
	size_t k = 0;
	for (size_t i = 0; i < N_KINDS; i++)
		words[i] = kinds[i].word;
	if (kind_node->type == NODE_SCALAR)
		while (k < N_KINDS && strcmp(kinds[k].word, kind_node->text) != 0)
			k++;
	if (kind_node->type != NODE_SCALAR || k == N_KINDS) {
		char buf[80];
		const char *shown = kind_node->type == NODE_SCALAR ?
				    quote_value(kind_node, buf, sizeof buf) : node_type_name(kind_node);
		const char *close = kind_node->type == NODE_SCALAR ?
				    closest_word(kind_node->text, words, N_KINDS) : NULL;
		if (close)
			diag_error(diags, kind_node->pos, "kind must be site, plan, report, minutes "
				   "or meeting, not '%s' (did you mean '%s'?)", shown, close);
		else
			diag_error(diags, kind_node->pos, "kind must be site, plan, report, minutes "
				   "or meeting, not '%s'", shown);
		return NULL;
	}
	void *obj = arena_alloc(arena, kinds[k].record->size);
	check_record(&c, kinds[k].record, root, obj);
	/* ratings in the scale in force: a plan's own, else the site's */
	if (kinds[k].kind == DOC_PLAN) {
		struct plan *p = obj;
		p->scale = p->ratings_given ? &p->ratings : site && site->ratings_given ?
			   &site->ratings : NULL;
		resolve_ratings(&c, p->scale);
	} else {
		resolve_ratings(&c, NULL);
	}
	free(c.rated);

	struct document *doc = arena_alloc(arena, sizeof *doc);
	if (c.n_links) {
		doc->site_links = arena_alloc(arena, c.n_links * sizeof *c.links);
		memcpy(doc->site_links, c.links, c.n_links * sizeof *c.links);
		doc->n_site_links = c.n_links;
	}
	free(c.links);
	free(c.readings);
	document_keep_foreign(doc, c.foreign, c.n_foreign, arena);
	free(c.foreign);
	doc->kind = kinds[k].kind;
	doc->path = arena_strdup(arena, path);
	doc->file = arena_strdup(arena, file);
	doc->as.any = obj;
	if (kinds[k].id_offset) {
		const char **id = (const char **)at(obj, kinds[k].id_offset);
		if (!*id) {
			*id = default_id(arena, path);
			if (!id_valid(*id) && !value_unread(root, "id"))
				diag_error(diags, root->pos,
					   "the file name gives the id '%s', which is not a valid id; "
					   "rename the file (lower-case letters, digits and hyphens, "
					   "at most %d) or set 'id:'", *id, ID_MAX);
		}
		doc->id = *id;
		const struct node *given = node_get(root, "id");
		doc->id_pos = given ? given->pos : root->pos;
	} else {
		doc->id = "site";
	}
	doc->invalid = diags->errors != errors_before;
	return doc;
}

/* ---------- translations ---------- */

/* A translation (NAME.cy.yaml) is read against its original's tree, by the
 * original's schema: a text or markdown value may differ (it is the
 * translation), anything else must be the original's (refs, ids, numbers,
 * dates, ratings, paths, lists' lengths), and a text the translation leaves
 * out is kept in the original's language, marked foreign, with a warning.
 * The result is a tree of the original's shape that schema_check_document
 * reads as any other. */
struct translating {
	struct arena *arena;
	struct diags *diags;
	const char *language;	/* "Welsh", for messages */
	bool warn;		/* a translation file is there: say what it leaves out */
	size_t untranslated;	/* texts kept in the original's language */
};

/* Text keys whose values never differ by language. */
static bool fixed_text_key(const char *key)
{
	static const char *const fixed[] = { "ref", "suffix", "number", "email", "phone",
					     "base_url", "logo", "colour", "languages", NULL };
	for (size_t i = 0; fixed[i]; i++)
		if (strcmp(key, fixed[i]) == 0)
			return true;
	return false;
}

/* Whether text holds a word: two letters together. */
static bool has_word(const char *text)
{
	size_t run = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		run = isalpha(*p) || *p >= 0x80 ? run + 1 : 0;
		if (run >= 2)
			return true;
	}
	return false;
}

static struct node *node_copy(struct translating *t, const struct node *n)
{
	struct node *copy = arena_alloc(t->arena, sizeof *copy);
	*copy = *n;
	return copy;
}

static bool same_tree(const struct node *a, const struct node *b)
{
	if (a->type != b->type)
		return a->type == NODE_SCALAR && b->type == NODE_SCALAR;
	if (a->type == NODE_SCALAR)
		return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++) {
		if (a->type == NODE_SEQUENCE && !same_tree(a->items[i], b->items[i]))
			return false;
		if (a->type == NODE_MAPPING) {
			const struct node *bv = node_get(b, a->pairs[i].key->text);
			if (!bv || !same_tree(a->pairs[i].value, bv))
				return false;
		}
	}
	return true;
}

/* The first node of tr that differs from o, for the error's position, and
 * (*was) the original's node it stands for. */
static const struct node *first_difference(const struct node *o, const struct node *tr,
					   const struct node **was)
{
	*was = o;
	if (o->type != tr->type || o->type == NODE_SCALAR)
		return tr;
	if (o->type == NODE_SEQUENCE && o->count == tr->count) {
		for (size_t i = 0; i < o->count; i++)
			if (!same_tree(o->items[i], tr->items[i]))
				return first_difference(o->items[i], tr->items[i], was);
	}
	if (o->type == NODE_MAPPING)
		for (size_t i = 0; i < tr->count; i++) {
			const struct node *ov = node_get(o, tr->pairs[i].key->text);
			if (!ov)
				return tr->pairs[i].key;
			if (!same_tree(ov, tr->pairs[i].value))
				return first_difference(ov, tr->pairs[i].value, was);
		}
	return tr;
}

static void shown_text(const struct node *n, char *buf, size_t size)
{
	if (n->type != NODE_SCALAR) {
		snprintf(buf, size, "a %s", node_type_name(n));
		return;
	}
	size_t len = strcspn(n->text, "\n");
	if (len > 60)
		len = 60;
	snprintf(buf, size, "'%.*s'", (int)len, n->text);
}

/* A value that may not differ: the original's, after saying where the
 * translation changed it. */
static struct node *keep_fixed(struct translating *t, const char *key, const struct node *o,
			       const struct node *tr)
{
	if (tr && !same_tree(o, tr)) {
		const struct node *orig;
		const struct node *at = first_difference(o, tr, &orig);
		char was[80], now[80];
		if (o->type == NODE_SEQUENCE && tr->type == NODE_SEQUENCE && o->count != tr->count) {
			diag_error(t->diags, tr->pos, "%s has %zu items in the original and %zu in "
				   "this translation: a translation changes only texts", key,
				   (size_t)o->count, (size_t)tr->count);
		} else if (at->type == NODE_SCALAR && orig->type == NODE_SCALAR) {
			shown_text(orig, was, sizeof was);
			shown_text(at, now, sizeof now);
			diag_error(t->diags, at->pos, "%s may not change in a translation: the "
				   "original has %s, not %s", key, was, now);
		} else {
			shown_text(at, now, sizeof now);
			diag_error(t->diags, at->pos, "%s may not change in a translation: %s differs "
				   "from the original", key, now);
		}
	}
	return (struct node *)o;
}

/* A translatable scalar: the translation's text, or the original's marked
 * foreign. */
static struct node *translate_text(struct translating *t, const char *key, const struct node *o,
				   const struct node *tr)
{
	if (o->type != NODE_SCALAR)
		return keep_fixed(t, key, o, tr);
	if (tr && tr->type == NODE_SCALAR && !node_is_null(tr)) {
		struct node *n = node_copy(t, tr);
		node_rare_own(n, t->arena)->source = o->text;
		return n;
	}
	if (tr && !node_is_null(tr)) {
		diag_error(t->diags, tr->pos, "%s must be a text, as in the original, not a %s",
			   key, node_type_name(tr));
		return (struct node *)o;
	}
	/* what has no word in it ("2024 - 2029", "2021/22", "V2", "A") reads
	 * alike in every language, and a person's name is theirs in each: kept
	 * as it is, unmarked and unremarked */
	if (node_is_null(o) || !has_word(o->text) || strcmp(key, "name") == 0)
		return (struct node *)o;
	struct node *n = node_copy(t, o);
	n->foreign = true;
	t->untranslated++;
	if (t->warn)
		diag_warning(t->diags, o->pos, "%s is not translated into %s", key, t->language);
	return n;
}

static struct node *translate_record(struct translating *t, const struct record *rec,
				     const struct node *o, const struct node *tr);

/* A list translated item by item (each item translated by each()), or a
 * single value as the list's one item. */
static struct node *translate_items(struct translating *t, const char *key, const struct node *o,
				    const struct node *tr,
				    struct node *(*each)(struct translating *, const char *,
							 const struct node *, const struct node *,
							 const void *), const void *how)
{
	if (o->type != NODE_SEQUENCE)
		return each(t, key, o, tr && tr->type != NODE_SEQUENCE ? tr : NULL, how);
	if (tr && tr->type != NODE_SEQUENCE) {
		diag_error(t->diags, tr->pos, "%s must be a list of %zu items, as in the original, "
			   "not a %s", key, (size_t)o->count, node_type_name(tr));
		tr = NULL;
	} else if (tr && tr->count != o->count) {
		diag_error(t->diags, tr->pos, "%s has %zu items in the original and %zu in this "
			   "translation: a translation changes only texts", key, (size_t)o->count,
			   (size_t)tr->count);
		tr = NULL;
	}
	struct node *n = node_copy(t, o);
	n->items = arena_alloc(t->arena, (o->count ? o->count : 1) * sizeof *n->items);
	for (size_t i = 0; i < o->count; i++)
		n->items[i] = each(t, key, o->items[i], tr ? tr->items[i] : NULL, how);
	return n;
}

static struct node *each_text(struct translating *t, const char *key, const struct node *o,
			      const struct node *tr, const void *how)
{
	(void)how;
	return translate_text(t, key, o, tr);
}

/* A mapping of the record, or (F_NUMBERED, F_MEMBER_LIST) a plain text. */
static struct node *each_record(struct translating *t, const char *key, const struct node *o,
				const struct node *tr, const void *how)
{
	if (o->type == NODE_SCALAR)
		return translate_text(t, key, o, tr);
	return translate_record(t, how, o, tr);
}

/* A list of records, each matched to the original's by its ref or id
 * where it gives one, else by position. */
static struct node *translate_record_list(struct translating *t, const struct field *f,
					  const struct node *o, const struct node *tr)
{
	if (o->type != NODE_SEQUENCE)
		return keep_fixed(t, f->key, o, tr);
	if (tr && tr->type != NODE_SEQUENCE) {
		diag_error(t->diags, tr->pos, "%s must be a list, as in the original, not a %s",
			   f->key, node_type_name(tr));
		tr = NULL;
	} else if (tr && tr->count != o->count) {
		diag_error(t->diags, tr->pos, "%s has %zu items in the original and %zu in this "
			   "translation: a translation changes only texts", f->key, (size_t)o->count,
			   (size_t)tr->count);
		tr = NULL;
	}
	const struct node **match = arena_alloc(t->arena, (o->count ? o->count : 1) *
						sizeof *match);
	for (size_t i = 0; tr && i < tr->count; i++) {
		const struct node *item = tr->items[i];
		const char *by = NULL;
		const struct node *name = NULL;
		if (item->type == NODE_MAPPING) {
			name = node_get(item, "ref");
			by = "ref";
			if (!name) {
				name = node_get(item, "id");
				by = "id";
			}
		}
		if (!name || name->type != NODE_SCALAR)
			continue;	/* by position, below */
		const struct node *suffix = node_get(item, "suffix");
		size_t found = o->count;
		for (size_t j = 0; j < o->count && found == o->count; j++) {
			const struct node *oi = o->items[j];
			const struct node *oname = oi->type == NODE_MAPPING ? node_get(oi, by) : NULL;
			const struct node *osuffix = oi->type == NODE_MAPPING ?
						     node_get(oi, "suffix") : NULL;
			if (oname && same_tree(oname, name) &&
			    (!suffix || (osuffix && same_tree(osuffix, suffix))))
				found = j;
		}
		if (found == o->count) {
			char buf[80];
			shown_text(name, buf, sizeof buf);
			diag_error(t->diags, name->pos, "the original's %s has no %s with %s %s",
				   f->key, f->record->name, by, buf);
		} else if (match[found]) {
			diag_error(t->diags, name->pos, "a second translation of the %s %s",
				   f->record->name, name->text);
		} else {
			match[found] = item;
		}
	}
	/* an item without ref or id stands for the original's at its place */
	for (size_t i = 0; tr && i < tr->count; i++) {
		const struct node *item = tr->items[i];
		if (item->type == NODE_MAPPING && (node_get(item, "ref") || node_get(item, "id")))
			continue;
		if (!match[i])
			match[i] = item;
		else
			diag_error(t->diags, item->pos, "this %s gives no ref or id, so it "
				   "translates the original's %s number %zu, as its place in the "
				   "list; but another item translates that one by its ref or id",
				   f->record->name, f->record->name, i + 1);
	}
	struct node *n = node_copy(t, o);
	n->items = arena_alloc(t->arena, (o->count ? o->count : 1) * sizeof *n->items);
	for (size_t i = 0; i < o->count; i++)
		n->items[i] = each_record(t, f->key, o->items[i], match[i], f->record);
	return n;
}

/* A mapping whose keys are data (labels: column -> heading; comparators:
 * name -> figures): labels' headings translated by key, comparators'
 * names by position with their figures fixed. */
static struct node *translate_keyed(struct translating *t, const struct field *f,
				    const struct node *o, const struct node *tr)
{
	if (o->type != NODE_MAPPING)
		return keep_fixed(t, f->key, o, tr);
	if (tr && tr->type != NODE_MAPPING) {
		diag_error(t->diags, tr->pos, "%s must be a mapping, as in the original, not a %s",
			   f->key, node_type_name(tr));
		tr = NULL;
	}
	bool by_position = f->type == F_COMPARATORS;
	if (tr && by_position && tr->count != o->count) {
		diag_error(t->diags, tr->pos, "%s has %zu entries in the original and %zu in this "
			   "translation: a translation changes only texts", f->key, (size_t)o->count,
			   (size_t)tr->count);
		tr = NULL;
	}
	struct node *n = node_copy(t, o);
	n->pairs = arena_alloc(t->arena, (o->count ? o->count : 1) * sizeof *n->pairs);
	for (size_t i = 0; i < o->count; i++) {
		const struct node_pair *op = &o->pairs[i];
		if (by_position) {
			const struct node_pair *tp = tr ? &tr->pairs[i] : NULL;
			n->pairs[i].key = translate_text(t, "a comparator's name", op->key,
							 tp ? tp->key : NULL);
			n->pairs[i].value = keep_fixed(t, op->key->text, op->value,
						       tp ? tp->value : NULL);
		} else {
			n->pairs[i].key = op->key;
			n->pairs[i].value = translate_text(t, op->key->text, op->value,
							   tr ? node_get(tr, op->key->text) : NULL);
		}
	}
	for (size_t i = 0; tr && !by_position && i < tr->count; i++)
		if (!node_get(o, tr->pairs[i].key->text))
			diag_error(t->diags, tr->pairs[i].key->pos, "the original's %s has no '%s' to "
				   "translate", f->key, tr->pairs[i].key->text);
	return n;
}

static struct node *translate_field(struct translating *t, const struct field *f,
				    const struct node *o, const struct node *tr)
{
	if (fixed_text_key(f->key))
		return keep_fixed(t, f->key, o, tr);
	switch (f->type) {
	case F_TEXT:
		/* "theme_label: none" says there is no label word: no text */
		if (fixed_text_key(f->key) || (o->type == NODE_SCALAR && str_ieq(o->text, "none") &&
					       (strcmp(f->key, "theme_label") == 0 ||
						strcmp(f->key, "label") == 0)))
			return keep_fixed(t, f->key, o, tr);
		return translate_text(t, f->key, o, tr);
	case F_MARKDOWN:
		return translate_text(t, f->key, o, tr);
	case F_DUE: {
		struct period p;
		/* words are text; a date, month, quarter or year is not */
		if (o->type == NODE_SCALAR && parse_period(o->text, &p) != PARSE_OK)
			return translate_text(t, f->key, o, tr);
		return keep_fixed(t, f->key, o, tr);
	}
	case F_TEXT_LIST: case F_NAMES:
		return translate_items(t, f->key, o, tr, each_text, NULL);
	case F_OPTIONAL_TEXT_LIST:
		return translate_items(t, f->key, o, tr, each_text, NULL);
	case F_NUMBERED:
		return each_record(t, f->key, o, tr, &numbered_record);
	case F_NUMBERED_LIST:
		return translate_items(t, f->key, o, tr, each_record, &numbered_record);
	case F_PERSONS:
		return translate_items(t, f->key, o, tr, each_record, &person_record);
	case F_MEMBER_LIST:
		return translate_items(t, f->key, o, tr, each_record, &member_record);
	case F_RECORD:
		return o->type == NODE_MAPPING ? translate_record(t, f->record, o, tr) :
		       keep_fixed(t, f->key, o, tr);
	case F_RECORD_LIST:
		return translate_record_list(t, f, o, tr);
	case F_LABELS: case F_COMPARATORS:
		return translate_keyed(t, f, o, tr);
	default:
		return keep_fixed(t, f->key, o, tr);
	}
}

static const struct field *record_field(const struct record *rec, const char *key)
{
	for (const struct field *f = rec->fields; f->key; f++)
		if (strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

static struct node *translate_record(struct translating *t, const struct record *rec,
				     const struct node *o, const struct node *tr)
{
	if (tr && tr->type != NODE_MAPPING) {
		if (!node_is_null(tr))
			diag_error(t->diags, tr->pos, "a %s must be a mapping, as in the original, "
				   "not a %s", rec->name, node_type_name(tr));
		tr = NULL;
	}
	struct node *n = node_copy(t, o);
	n->pairs = arena_alloc(t->arena, (o->count ? o->count : 1) * sizeof *n->pairs);
	for (size_t i = 0; i < o->count; i++) {
		const struct node_pair *op = &o->pairs[i];
		const struct field *f = record_field(rec, op->key->text);
		const struct node *tv = tr ? node_get(tr, op->key->text) : NULL;
		n->pairs[i].key = op->key;
		n->pairs[i].value = f ? translate_field(t, f, op->value, tv) : op->value;
	}
	for (size_t i = 0; tr && i < tr->count; i++) {
		const char *key = tr->pairs[i].key->text;
		if (node_get(o, key))
			continue;
		if (!record_field(rec, key)) {
			const char *names[64];
			size_t k = 0;
			for (const struct field *f = rec->fields; f->key && k < 64; f++)
				names[k++] = f->key;
			const char *close = closest_word(key, names, k);
			if (close)
				diag_error(t->diags, tr->pairs[i].key->pos, "unknown key '%s' in %s "
					   "(did you mean '%s'?)", key, rec->name, close);
			else
				diag_error(t->diags, tr->pairs[i].key->pos, "unknown key '%s' in %s",
					   key, rec->name);
		} else {
			diag_error(t->diags, tr->pairs[i].key->pos, "the original has no '%s' here "
				   "to translate: a translation holds only what its original has", key);
		}
	}
	return n;
}

struct node *schema_translate(const struct node *original, const struct node *translation,
			      const char *language, struct arena *arena, struct diags *diags,
			      size_t *untranslated)
{
	struct translating t = { arena, diags, language, translation != NULL, 0 };
	const struct node *kind = node_get(original, "kind");
	size_t k = 0;
	while (k < N_KINDS && kind && strcmp(kinds[k].word, kind->text) != 0)
		k++;
	if (k == N_KINDS)
		return NULL;
	if (translation && translation->type != NODE_MAPPING) {
		diag_error(diags, translation->pos, "a translation must be a mapping of keys, as "
			   "its original is, not a %s", node_type_name(translation));
		return NULL;
	}
	const struct node *tkind = translation ? node_get(translation, "kind") : NULL;
	if (tkind && !same_tree(kind, tkind)) {
		char buf[80];
		shown_text(tkind, buf, sizeof buf);
		diag_error(diags, tkind->pos, "kind must be the original's, '%s', not %s",
			   kind->text, buf);
		return NULL;
	}
	struct node *tree = translate_record(&t, kinds[k].record, original, translation);
	if (untranslated)
		*untranslated = t.untranslated;
	return tree;
}

const struct record *schema_document(size_t i, const char **kind_word)
{
	if (i >= N_KINDS)
		return NULL;
	*kind_word = kinds[i].word;
	return kinds[i].record;
}
