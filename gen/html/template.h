/* template.h - the HTML template engine. Templates are well-formed XHTML files
 * parsed by libxml2's XML parser (no network, no entities, no DTD) carrying a
 * small attribute language in the namespace urn:planpress:template (prefix pp):
 *
 *   pp:repeat="item in path"   repeat the element for each item of a list
 *   pp:if="path" / pp:if="not path" / pp:unless="path"
 *   pp:text="path"             the element's content becomes the text
 *   pp:markdown="path"         ... becomes the markdown's elements
 *   pp:inline="path"           ... the same, without a lone paragraph's <p>
 *   pp:attr-NAME="path"        set attribute NAME when the value is not empty
 *   pp:include="file.html"     replace the element by a partial
 *   pp:with="name path"        bind a name for the element and its children
 *   <pp:block>                 an element that leaves only its children
 *   <pp:page layout="f.html">  a page's root: rendered into the layout's pp:slot
 *   attr="x {path} y"          attribute values interpolate paths
 *
 * Content enters the output only as text nodes and attribute values, so it can
 * never become markup. Errors read "templates/html/x.html:12: error: ...". */
#ifndef PLANPRESS_TEMPLATE_H
#define PLANPRESS_TEMPLATE_H

#include "diag.h"
#include "view.h"

#include <libxml/tree.h>

#define TEMPLATE_NS "urn:planpress:template"

struct template_set;

/* Opens the folder of templates; nothing is read until a template is used. */
struct template_set *template_set_open(const char *dir, struct arena *arena,
				       struct diags *diags);
void template_set_close(struct template_set *ts);
/* What its templates say goes to diags from now on. */
void template_set_diags(struct template_set *ts, struct diags *diags);

/* Told, as the expansion goes, of the element being filled once each item a
 * pp:repeat repeats is expanded: what it holds by then, and all before it, is
 * finished (bar a text at its end, which more text may join), and may be
 * taken out of the tree (html_stream_flush). */
struct template_sink {
	void (*finished)(void *ctx, xmlNodePtr filling);
	/* the level of the last heading it took out, 0 if none: where the
	 * tree has no heading before a markdown text, its headings go under it */
	int (*heading_taken)(void *ctx);
	void *ctx;
};

/* Renders template name (a file in the folder) with the given view, whose
 * top-level keys are the names templates start paths from, telling sink (if
 * any) what is finished. Returns a new document, or NULL after adding
 * diagnostics. */
xmlDocPtr template_render(struct template_set *ts, const char *name, struct view *root,
			  const struct template_sink *sink);

#endif
