/* template.c - expanding XHTML templates over a view into a new libxml2 tree. */
#include "template.h"
#include "catalog.h"
#include "html_markdown.h"
#include "model.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <glib.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_INCLUDE_DEPTH = 16, MAX_TEMPLATES = 64 };

struct loaded_template {
	char *name;
	char *path;
	xmlDocPtr doc;		/* NULL when it failed to parse */
};

struct template_set {
	char *dir;
	struct arena *arena;
	struct diags *diags;
	struct loaded_template loaded[MAX_TEMPLATES];
	size_t n_loaded;
};

struct scope {
	const char *name;	/* NULL: the root view's keys */
	struct view *value;
	const struct scope *parent;
};

/* The page's content, waiting for the layout's pp:slot. */
struct slot {
	xmlNodePtr page;
	const struct scope *scope;
	const char *file;
};

struct engine {
	struct template_set *ts;
	struct arena *arena;
	xmlDocPtr out;
	const struct template_sink *sink;	/* NULL: the tree is kept whole */
	const struct slot *slot;
	int include_depth;
	int failed;
};

/* ---------- loading ---------- */

struct parse_errors {
	struct diags *diags;
	const char *path;
};

static void on_parse_error(void *ctx, xmlErrorPtr e)
{
	struct parse_errors *pe = ctx;
	char msg[512];
	snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "unreadable template");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	diag_error(pe->diags, (struct pos){ pe->path, e && e->line > 0 ? e->line : 1, 0 },
		   "%s", msg);
}

static int is_pp(xmlNsPtr ns)
{
	return ns && ns->href && strcmp((const char *)ns->href, TEMPLATE_NS) == 0;
}

static int is_xhtml(xmlNsPtr ns)
{
	return ns && ns->href && strcmp((const char *)ns->href, "http://www.w3.org/1999/xhtml") == 0;
}

static struct pos node_pos(const xmlNode *n);

/* A template holds HTML and pp: directives only. An element of another
 * namespace (<xi:include href="/etc/passwd"/>, which libxml2 leaves alone)
 * would reach the page as an element HTML does not have, and an attribute of
 * one would be dropped without a word: both are errors, found when the
 * template is read, whatever the data. */
static bool check_namespaces(struct template_set *ts, xmlNodePtr node, bool root)
{
	bool ok = true;
	for (; node; node = node->next) {
		if (node->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)node->name;
		if (node->ns && !is_pp(node->ns) && !is_xhtml(node->ns)) {
			diag_error(ts->diags, node_pos(node), "<%s%s%s> is an element of the namespace "
				   "'%s': a template holds only HTML elements and pp: directives",
				   node->ns->prefix ? (const char *)node->ns->prefix : "",
				   node->ns->prefix ? ":" : "", name, (const char *)node->ns->href);
			ok = false;
			continue;
		}
		if (is_pp(node->ns) && strcmp(name, "page") == 0 && !(root && !node->prev && !node->next)) {
			diag_error(ts->diags, node_pos(node), "pp:page must be the template's only "
				   "root element");
			ok = false;
		}
		for (xmlAttrPtr a = node->properties; a; a = a->next)
			if (a->ns && !is_pp(a->ns)) {
				diag_error(ts->diags, node_pos(node), "attribute %s%s%s is of the namespace "
					   "'%s': a template's attributes are HTML's or pp: directives",
					   a->ns->prefix ? (const char *)a->ns->prefix : "",
					   a->ns->prefix ? ":" : "", (const char *)a->name,
					   (const char *)a->ns->href);
				ok = false;
			}
		ok &= check_namespaces(ts, node->children, false);
	}
	return ok;
}

static xmlDocPtr parse_template(struct template_set *ts, const char *path,
				 const struct strbuf *text)
{
	struct parse_errors pe = { ts->diags, path };
	size_t before = ts->diags->errors;
	xmlSetStructuredErrorFunc(&pe, on_parse_error);
	/* No XML_PARSE_NOENT (entities are not substituted), no DTDLOAD, no
	 * network; the bytes read as any input is (read_input_file), never
	 * opened by libxml2, which would wait on a pipe. */
	xmlDocPtr doc = text->len > (size_t)INT_MAX ? NULL :
			xmlReadMemory(text->data, (int)text->len, path, "UTF-8", XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc) {
		if (ts->diags->errors == before)
			diag_error(ts->diags, (struct pos){ path, 1, 0 }, "cannot read the template");
		return NULL;
	}
	xmlDtdPtr dtd = doc->intSubset;
	if (dtd && (!dtd->name || strcmp((const char *)dtd->name, "html") != 0 ||
		    dtd->ExternalID || dtd->SystemID || dtd->children)) {
		diag_error(ts->diags, (struct pos){ path, 1, 0 },
			   "the only DOCTYPE a template may have is <!DOCTYPE html>");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (ts->diags->errors != before || !check_namespaces(ts, doc->children, true)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static struct loaded_template *get_template(struct template_set *ts, const char *name,
					    struct pos from)
{
	for (size_t i = 0; i < ts->n_loaded; i++)
		if (strcmp(ts->loaded[i].name, name) == 0)
			return ts->loaded[i].doc ? &ts->loaded[i] : NULL;
	if (strstr(name, "..") || name[0] == '/' || ts->n_loaded == MAX_TEMPLATES) {
		diag_error(ts->diags, from, "template '%s' must be a file in %s", name, ts->dir);
		return NULL;
	}
	struct loaded_template *t = &ts->loaded[ts->n_loaded++];
	t->name = xstrdup(name);
	t->path = xmalloc(strlen(ts->dir) + strlen(name) + 2);
	sprintf(t->path, "%s/%s", ts->dir, name);
	/* a template that is not there is the including template's mistake (a
	 * typo in pp:include or layout=): said there, not as libxml2's "failed
	 * to load external entity" at line 1 of a file that does not exist */
	struct strbuf text = { 0 };
	const char *why = read_input_file(t->path, INPUT_MAX_BYTES, &text, NULL);
	if (why) {
		struct pos at = from.line > 0 ? from : (struct pos){ t->path, 0, 0 };
		diag_error(ts->diags, at, "there is no template '%s' in %s (%s)", name, ts->dir,
			   why);
		strbuf_free(&text);
		t->doc = NULL;
		return NULL;
	}
	t->doc = parse_template(ts, t->path, &text);
	strbuf_free(&text);
	return t->doc ? t : NULL;
}

struct template_set *template_set_open(const char *dir, struct arena *arena,
				       struct diags *diags)
{
	struct template_set *ts = xcalloc(1, sizeof *ts);
	ts->dir = xstrdup(dir);
	ts->arena = arena;
	ts->diags = diags;
	return ts;
}

void template_set_diags(struct template_set *ts, struct diags *diags)
{
	ts->diags = diags;
}

void template_set_close(struct template_set *ts)
{
	if (!ts)
		return;
	for (size_t i = 0; i < ts->n_loaded; i++) {
		free(ts->loaded[i].name);
		free(ts->loaded[i].path);
		if (ts->loaded[i].doc)
			xmlFreeDoc(ts->loaded[i].doc);
	}
	free(ts->dir);
	free(ts);
}

/* ---------- paths ---------- */

static struct pos node_pos(const xmlNode *n)
{
	const char *file = n->doc && n->doc->URL ? (const char *)n->doc->URL : "template";
	long line = xmlGetLineNo(n);
	return (struct pos){ file, line > 0 ? (int)line : 1, 0 };
}

static void fail(struct engine *e, const xmlNode *at, const char *fmt, const char *a,
		 const char *b)
{
	e->failed = 1;
	diag_error(e->ts->diags, node_pos(at), fmt, a, b);
}

/* Resolves "plan.themes" against the scope; NULL (after an error) for a name
 * or key that no view sets. A null part way along yields null. */
static struct view *lookup(struct engine *e, const struct scope *scope, const char *path,
			   const xmlNode *at)
{
	char buf[256];
	if (strlen(path) >= sizeof buf) {
		fail(e, at, "path '%s' is too long%s", path, "");
		return NULL;
	}
	strcpy(buf, path);
	char *save = NULL;
	char *part = strtok_r(buf, ".", &save);
	if (!part) {
		fail(e, at, "empty path%s%s", "", "");
		return NULL;
	}
	struct view *v = NULL;
	for (const struct scope *s = scope; s; s = s->parent) {
		if (s->name && strcmp(s->name, part) == 0) {
			v = s->value;
			break;
		}
		if (!s->name && (v = view_get(s->value, part)))
			break;
	}
	if (!v) {
		fail(e, at, "unknown name '%s' in '%s'", part, path);
		return NULL;
	}
	while ((part = strtok_r(NULL, ".", &save))) {
		if (v->type == VIEW_NULL)
			return v;
		if (v->type == VIEW_LIST && strcmp(part, "count") == 0)
			return view_text(e->arena, arena_printf(e->arena, "%zu", v->count));
		struct view *next = view_get(view_made(e->arena, v), part);
		if (!next) {
			fail(e, at, "'%s' has no '%s'", path, part);
			return NULL;
		}
		v = next;
	}
	return v;
}

static const char *view_as_text(const struct view *v)
{
	if (!v)
		return "";
	switch (v->type) {
	case VIEW_TEXT:
	case VIEW_MARKDOWN:
		return v->text;
	case VIEW_FLAG:
		return v->flag ? "true" : "";
	default:
		return "";
	}
}

/* "not path" or "path" */
static int condition(struct engine *e, const struct scope *scope, const char *expr,
		     const xmlNode *at)
{
	int negate = 0;
	while (*expr == ' ')
		expr++;
	if (strncmp(expr, "not ", 4) == 0) {
		negate = 1;
		expr += 4;
		while (*expr == ' ')
			expr++;
	}
	struct view *v = lookup(e, scope, expr, at);
	return view_truthy(v) != negate;
}

/* "x {path} y" with each {path} replaced by its text. */
static char *interpolate(struct engine *e, const struct scope *scope, const char *value,
			 const xmlNode *at)
{
	struct strbuf out = { 0 };
	const char *p = value;
	for (;;) {
		const char *open = strchr(p, '{');
		const char *close = open ? strchr(open, '}') : NULL;
		if (!open || !close) {
			strbuf_adds(&out, p);
			break;
		}
		strbuf_add(&out, p, (size_t)(open - p));
		char *path = xmalloc((size_t)(close - open));
		memcpy(path, open + 1, (size_t)(close - open - 1));
		path[close - open - 1] = '\0';
		strbuf_adds(&out, view_as_text(lookup(e, scope, path, at)));
		free(path);
		p = close + 1;
	}
	if (!out.data)
		strbuf_adds(&out, "");
	return out.data;
}

/* ---------- expansion ---------- */

static void expand_children(struct engine *e, xmlNodePtr first, const struct scope *scope,
			    xmlNodePtr parent);
static void expand_node(struct engine *e, xmlNodePtr node, const struct scope *scope,
			xmlNodePtr parent);

static char *pp_attr(xmlNodePtr node, const char *name)
{
	for (xmlAttrPtr a = node->properties; a; a = a->next)
		if (is_pp(a->ns) && strcmp((const char *)a->name, name) == 0)
			return (char *)xmlNodeListGetString(node->doc, a->children, 1);
	return NULL;
}

static const char *const known_directives[] = {
	"repeat", "if", "unless", "text", "markdown", "inline", "include", "with", "slot",
	"heading", NULL,
};

static int check_directives(struct engine *e, xmlNodePtr node)
{
	for (xmlAttrPtr a = node->properties; a; a = a->next) {
		if (!is_pp(a->ns))
			continue;
		const char *name = (const char *)a->name;
		if (strncmp(name, "attr-", 5) == 0 && name[5])
			continue;
		int known = 0;
		for (size_t i = 0; known_directives[i]; i++)
			known |= strcmp(name, known_directives[i]) == 0;
		if (!known) {
			fail(e, node, "unknown directive pp:%s%s", name, "");
			return 0;
		}
	}
	return 1;
}

static void add_text(xmlNodePtr parent, const char *text)
{
	if (!text || !*text)
		return;
	xmlAddChild(parent, xmlNewText(BAD_CAST text));
}

/* A text made of others, those in another language than the page's each
 * in a span marked with it: "Camau gweithredu ar gyfer <span lang="en">
 * Priority 1</span>". */
static void add_text_marked(struct engine *e, xmlNodePtr out, const struct view *v)
{
	const char *at = v->text;
	while (*at) {
		size_t i;
		const char *next = text_next_foreign_part(at, v->parts, v->n_parts, &i);
		if (!next) {
			add_text(out, at);
			return;
		}
		const char *part = v->parts[i];
		char *before = arena_strndup(e->arena, at, (size_t)(next - at));
		add_text(out, before);
		xmlNodePtr span = xmlNewDocNode(e->out, NULL, BAD_CAST "span", NULL);
		xmlSetProp(span, BAD_CAST "lang", BAD_CAST v->lang);
		xmlAddChild(out, span);
		add_text(span, part);
		at = next + strlen(part);
	}
}

/* A value's text in an element, marked with its language where that is not
 * the page's: on the element itself, or on a span when it is a pp:block. */
static xmlNodePtr marked(struct engine *e, const struct view *v, xmlNodePtr out, bool is_block)
{
	if (!v || !v->lang || v->n_parts)
		return out;
	if (is_block) {
		xmlNodePtr span = xmlNewDocNode(e->out, NULL, BAD_CAST "span", NULL);
		xmlAddChild(out, span);
		out = span;
	}
	if (!xmlHasProp(out, BAD_CAST "lang"))
		xmlSetProp(out, BAD_CAST "lang", BAD_CAST v->lang);
	return out;
}

static bool has_letters(const char *s)
{
	if (!g_utf8_validate(s, -1, NULL))
		return false;
	for (; *s; s = g_utf8_next_char(s))
		if (g_unichar_isalpha(g_utf8_get_char(s)))
			return true;
	return false;
}

/* A template's own words in the language of the page: the text without its
 * surrounding space is a message of the catalogue in force (templates/
 * messages/LANG.po); a text with letters the catalogue lacks is kept as
 * written, with a warning, so no page is lost for a phrase. */
static const char *template_words(struct engine *e, const xmlNode *at, const char *text)
{
	if (!text || !messages_current() || !has_letters(text))
		return text;
	size_t lead = strspn(text, " \t\n\r"), len = strlen(text);
	while (len > lead && strchr(" \t\n\r", text[len - 1]))
		len--;
	char *core = arena_strndup(e->arena, text + lead, len - lead);
	const char *said = catalog_get(messages_current(), NULL, core);
	if (!said) {
		diag_warning(e->ts->diags, node_pos(at), "'%s' is not in the %s message catalogue "
			     "(templates/messages/%s.po): it is printed as written", core,
			     messages_lang(), messages_lang());
		return text;
	}
	return arena_printf(e->arena, "%.*s%s%s", (int)lead, text, said, text + len);
}

/* Attributes whose literal words are read out or shown: translated too. */
static bool worded_attribute(const char *name)
{
	return strcmp(name, "aria-label") == 0 || strcmp(name, "alt") == 0 ||
	       strcmp(name, "title") == 0;
}

static void include_partial(struct engine *e, xmlNodePtr node, const char *name,
			    const struct scope *scope, xmlNodePtr parent)
{
	if (e->include_depth >= MAX_INCLUDE_DEPTH) {
		fail(e, node, "includes nest deeper than 16 (does '%s' include itself?)%s", name, "");
		return;
	}
	struct loaded_template *t = get_template(e->ts, name, node_pos(node));
	if (!t) {
		e->failed = 1;
		return;
	}
	xmlNodePtr root = xmlDocGetRootElement(t->doc);
	if (is_pp(root->ns) && strcmp((const char *)root->name, "page") == 0) {
		fail(e, node, "'%s' is a page (its root is pp:page), which cannot be included: "
		     "pp:include takes a partial, a template of one element%s", name, "");
		return;
	}
	e->include_depth++;
	expand_node(e, root, scope, parent);
	e->include_depth--;
}

/* The heading markdown's headings go under when none is before them in the
 * tree: the last the sink took out of it, else an h2 (a page's sections). */
static int heading_before(struct engine *e)
{
	int taken = e->sink ? e->sink->heading_taken(e->sink->ctx) : 0;
	return taken ? taken : 2;
}

/* One element, once (repeat is handled by the caller). */
static void expand_element(struct engine *e, xmlNodePtr node, const struct scope *scope,
			   xmlNodePtr parent)
{
	char *with = pp_attr(node, "with");
	struct scope bound;
	if (with) {
		char name[64], path[192];
		if (sscanf(with, "%63s %191s", name, path) != 2) {
			fail(e, node, "pp:with needs a name and a path, not '%s'%s", with, "");
			xmlFree(with);
			return;
		}
		bound = (struct scope){ arena_strdup(e->arena, name), lookup(e, scope, path, node),
					scope };
		scope = &bound;
		xmlFree(with);
	}
	char *cond = pp_attr(node, "if");
	if (cond) {
		int yes = condition(e, scope, cond, node);
		xmlFree(cond);
		if (!yes)
			return;
	}
	cond = pp_attr(node, "unless");
	if (cond) {
		int yes = condition(e, scope, cond, node);
		xmlFree(cond);
		if (yes)
			return;
	}
	char *include = pp_attr(node, "include");
	if (include) {
		include_partial(e, node, include, scope, parent);
		xmlFree(include);
		return;
	}
	int is_block = is_pp(node->ns) && strcmp((const char *)node->name, "block") == 0;
	xmlNodePtr out = parent;
	if (!is_block) {
		if (node->ns && is_pp(node->ns)) {
			fail(e, node, "unknown element pp:%s%s", (const char *)node->name, "");
			return;
		}
		out = xmlNewDocNode(e->out, NULL, node->name, NULL);
		xmlAddChild(parent, out);
		for (xmlAttrPtr a = node->properties; a; a = a->next) {
			xmlChar *raw = xmlNodeListGetString(node->doc, a->children, 1);
			const char *name = (const char *)a->name;
			if (!a->ns) {
				char *value = interpolate(e, scope, raw ? (char *)raw : "", node);
				const char *words = value;
				if (worded_attribute(name) && raw && !strchr((char *)raw, '{'))
					words = template_words(e, node, value);
				xmlSetProp(out, a->name, BAD_CAST words);
				free(value);
			} else if (is_pp(a->ns) && strncmp(name, "attr-", 5) == 0) {
				const char *value = view_as_text(lookup(e, scope, (char *)raw, node));
				if (*value)
					xmlSetProp(out, BAD_CAST name + 5, BAD_CAST value);
			}
			xmlFree(raw);
		}
		/* pp:heading="path": a heading whose level the view gives (a
		 * theme's h2 to h5, by how deep it sits), h1 to h6 only */
		char *level = pp_attr(node, "heading");
		if (level) {
			const char *value = view_as_text(lookup(e, scope, level, node));
			if (value[0] >= '1' && value[0] <= '6' && !value[1]) {
				char name[3] = { 'h', value[0], '\0' };
				xmlNodeSetName(out, BAD_CAST name);
			} else {
				fail(e, node, "pp:heading needs a level from 1 to 6, not '%s' (from "
				     "'%s')", value, level);
			}
			xmlFree(level);
			if (e->failed)
				return;
		}
	}
	char *path;
	if ((path = pp_attr(node, "text"))) {
		struct view *v = lookup(e, scope, path, node);
		if (v && v->type == VIEW_TEXT && v->n_parts)
			add_text_marked(e, out, v);
		else
			add_text(marked(e, v, out, is_block), view_as_text(v));
		xmlFree(path);
	} else if ((path = pp_attr(node, "markdown")) || (path = pp_attr(node, "inline"))) {
		xmlChar *block = xmlGetNsProp(node, BAD_CAST "markdown", BAD_CAST TEMPLATE_NS);
		int inline_only = block == NULL;
		xmlFree(block);
		struct view *v = lookup(e, scope, path, node);
		if (v && v->type == VIEW_MARKDOWN && v->md)
			markdown_to_nodes(v->md, marked(e, v, out, is_block), heading_before(e),
					  inline_only);
		else if (v && v->type == VIEW_TEXT && v->text && v->n_parts)
			add_text_marked(e, out, v);
		else if (v && v->type == VIEW_TEXT && v->text)	/* words, not markdown */
			add_text(marked(e, v, out, is_block), v->text);
		xmlFree(path);
	} else if ((path = pp_attr(node, "slot"))) {
		xmlFree(path);
		if (e->slot) {
			const struct slot *slot = e->slot;
			e->slot = NULL;	/* a page fills one slot, once */
			expand_children(e, slot->page->children, slot->scope, out);
		}
	} else {
		expand_children(e, node->children, scope, out);
	}
}

static void expand_node(struct engine *e, xmlNodePtr node, const struct scope *scope,
			xmlNodePtr parent)
{
	if (e->failed)
		return;
	switch (node->type) {
	case XML_TEXT_NODE:
		add_text(parent, template_words(e, node, (const char *)node->content));
		return;
	case XML_CDATA_SECTION_NODE:
		add_text(parent, (const char *)node->content);
		return;
	case XML_ELEMENT_NODE:
		break;
	default:
		return;	/* comments and processing instructions stay in the template */
	}
	if (!check_directives(e, node))
		return;
	char *repeat = pp_attr(node, "repeat");
	if (!repeat) {
		expand_element(e, node, scope, parent);
		return;
	}
	char name[64], in[8], path[192];
	if (sscanf(repeat, "%63s %7s %191s", name, in, path) != 3 || strcmp(in, "in") != 0) {
		fail(e, node, "pp:repeat must read 'name in path', not '%s'%s", repeat, "");
		xmlFree(repeat);
		return;
	}
	xmlFree(repeat);
	struct view *list = lookup(e, scope, path, node);
	if (!list || list->type == VIEW_NULL)
		return;
	if (list->type != VIEW_LIST) {
		fail(e, node, "pp:repeat over '%s', which is not a list%s", path, "");
		return;
	}
	const char *bound_name = arena_strdup(e->arena, name);
	/* a lazy item is made here and let go once expanded: what the
	 * expansion keeps (the page's nodes) is copied out of it */
	struct arena item;
	arena_init(&item);
	for (struct view_entry *it = list->first; it && !e->failed; it = it->next) {
		struct scope s = { bound_name, view_made(&item, it->value), scope };
		expand_element(e, node, &s, parent);
		if (it->value->type == VIEW_LAZY)
			arena_reset(&item);
		/* an item is where a long page is long: what is made of it can go */
		if (e->sink && !e->failed)
			e->sink->finished(e->sink->ctx, parent);
	}
	arena_free(&item);
}

static void expand_children(struct engine *e, xmlNodePtr first, const struct scope *scope,
			    xmlNodePtr parent)
{
	for (xmlNodePtr c = first; c && !e->failed; c = c->next)
		expand_node(e, c, scope, parent);
}

xmlDocPtr template_render(struct template_set *ts, const char *name, struct view *root,
			  const struct template_sink *sink)
{
	struct pos from = { name, 0, 0 };
	struct loaded_template *t = get_template(ts, name, from);
	if (!t)
		return NULL;
	struct engine e = { .ts = ts, .arena = ts->arena, .sink = sink };
	e.out = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr holder = xmlNewDocNode(e.out, NULL, BAD_CAST "holder", NULL);
	xmlDocSetRootElement(e.out, holder);
	struct scope scope = { NULL, root, NULL };
	xmlNodePtr page = xmlDocGetRootElement(t->doc);
	struct slot slot;
	if (is_pp(page->ns) && strcmp((const char *)page->name, "page") == 0) {
		char *layout = (char *)xmlGetProp(page, BAD_CAST "layout");
		if (!layout) {
			fail(&e, page, "pp:page needs layout=\"...\"%s%s", "", "");
		} else {
			struct loaded_template *l = get_template(ts, layout, node_pos(page));
			if (!l) {
				e.failed = 1;
			} else {
				slot = (struct slot){ page, &scope, t->path };
				e.slot = &slot;
				expand_node(&e, xmlDocGetRootElement(l->doc), &scope, holder);
				if (e.slot && !e.failed)
					fail(&e, xmlDocGetRootElement(l->doc),
					     "the layout %s has no pp:slot for the page%s", layout, "");
			}
			xmlFree(layout);
		}
	} else {
		expand_node(&e, page, &scope, holder);
	}
	if (e.failed) {
		xmlFreeDoc(e.out);
		return NULL;
	}
	/* the single element the template made becomes the root */
	xmlNodePtr result = holder->children;
	while (result && result->type != XML_ELEMENT_NODE)
		result = result->next;
	if (!result) {
		xmlFreeDoc(e.out);
		diag_error(ts->diags, (struct pos){ t->path, 1, 0 }, "the template made no element");
		return NULL;
	}
	xmlUnlinkNode(result);
	xmlDocSetRootElement(e.out, result);
	xmlFreeNode(holder);
	return e.out;
}
