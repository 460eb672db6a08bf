/* html_markdown.h - markdown fields into libxml2 element nodes (never into a
 * string that is parsed again), so content cannot smuggle markup into a page. */
#ifndef PLANPRESS_HTML_MARKDOWN_H
#define PLANPRESS_HTML_MARKDOWN_H

#include "markdown.h"

#include <libxml/tree.h>

/* Appends the nodes of md (read once when checked) to parent. Markdown headings are renumbered to
 * nest directly under the heading before parent in its document (under
 * h(heading_offset) when there is none, or none is left in the tree: a page
 * written as it is made gives the level of the last heading taken out): the text's top level one below it,
 * each deeper level one more, never skipping, capped at h6.
 * When inline_only and the text is one paragraph, its content is added without
 * the <p> (for table cells and short fields). */
void markdown_to_nodes(const struct markdown *md, xmlNodePtr parent, int heading_offset,
		       int inline_only);


#endif
