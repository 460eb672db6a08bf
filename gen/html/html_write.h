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

/* Escaping, exposed for tests: text escapes & < >; attributes & and ". */
void html_escape_text(const char *s, struct strbuf *out);
void html_escape_attribute(const char *s, struct strbuf *out);

#endif
