/* html_write.h - our own HTML5 serialiser for a libxml2 tree. libxml2's HTML
 * output is HTML4 (wrong void elements, a second charset meta, unescaped raw
 * text); escaping lives here and nowhere else. */
#ifndef PLANPRESS_HTML_WRITE_H
#define PLANPRESS_HTML_WRITE_H

#include "util.h"

#include <libxml/tree.h>

/* <!DOCTYPE html> then root, as UTF-8. Namespaced attributes and comments of
 * the template are not written; outside <pre> and <textarea>, a run of white
 * space holding two or more line breaks is written as one line break. Returns false if the tree cannot be HTML
 * (a "</style" inside a style element). */
int html_write_document(xmlNodePtr root, struct strbuf *out);
void html_write_node(xmlNodePtr node, struct strbuf *out);

/* 1 to 6 for h1 to h6, else 0. */
int html_heading_level(xmlNodePtr n);
/* The level of the last heading in n's subtree (n itself first), or 0. */
int html_last_heading_in(xmlNodePtr n);

/* A page written as its tree is made, so that a long page is never held
 * whole: the same bytes as html_write_document. rewrite (if any) is given
 * each element before its start tag is written, and may change its name and
 * attributes. */
struct html_stream;
struct html_stream *html_stream_new(struct strbuf *out,
				    void (*rewrite)(void *ctx, xmlNodePtr element), void *ctx);
/* filling is the element being filled: what it holds by now is finished,
 * bar a text at its end, as is all that comes before it in the document. It
 * is written and freed (the page is the first element of the tree filling is
 * in, below the element its template is expanded into). */
void html_stream_flush(struct html_stream *s, xmlNodePtr filling);
/* The level (1 to 6) of the last heading taken out of the tree, as
 * html_last_heading_in finds it, or 0: the heading before what is left, which
 * markdown's headings nest under. */
int html_stream_last_heading(const struct html_stream *s);
/* The rest of the page, root and all (root is left to its document). As
 * html_write_document, false if it cannot be HTML. */
int html_stream_end(struct html_stream *s, xmlNodePtr root);
void html_stream_free(struct html_stream *s);

/* Escaping, exposed for tests: text escapes & < >; attributes & and ". */
void html_escape_text(const char *s, struct strbuf *out);
void html_escape_attribute(const char *s, struct strbuf *out);

#endif
