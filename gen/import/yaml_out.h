/* yaml_out.h - writing YAML that the loader reads back as written: each text
 * plain when nothing in it could be taken for YAML, a literal block when it has
 * lines, double-quoted otherwise; and a loaded tree written out again (the
 * plan `import --plan` keeps). */
#ifndef PLANPRESS_IMPORT_YAML_OUT_H
#define PLANPRESS_IMPORT_YAML_OUT_H

#include "load.h"
#include "util.h"

/* "key:" at indent; the value's writers follow it. */
void yaml_key(struct strbuf *out, int indent, const char *key);
/* After yaml_key: a one-line text (line breaks become spaces). */
void yaml_text(struct strbuf *out, const char *text);
/* After yaml_key: a text of lines (markdown): a literal block when it can
 * be one, at indent + 2. */
void yaml_lines(struct strbuf *out, int indent, const char *text);
/* A scalar on its own, as a list item or in a flow: plain or quoted. */
void yaml_scalar(struct strbuf *out, const char *text);
/* A scalar always double-quoted (refs: "1.10" stays text to every reader). */
void yaml_quoted(struct strbuf *out, const char *text);
/* "# text" at indent, one comment line per line of text. */
void yaml_comment(struct strbuf *out, int indent, const char *text);
/* After yaml_key: a loaded node (any shape) written out again. */
void yaml_node(struct strbuf *out, int indent, const struct node *n);

#endif
