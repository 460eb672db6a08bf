/* fuzz_markdown.c - libFuzzer harness for what renders text fields: markdown
 * into HTML element nodes and the serialiser, and into PDF paragraphs. Any
 * bytes in, never a crash or an out-of-bounds access out. */
#include "flow.h"
#include "html_markdown.h"
#include "html_write.h"
#include "pdf_style.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr div = xmlNewDocNode(doc, NULL, BAD_CAST "div", NULL);
	xmlDocSetRootElement(doc, div);
	struct arena a;
	arena_init(&a);
	const struct markdown *md = markdown_read(&a, text, size);
	markdown_to_nodes(md, div, 2, size % 2);
	struct strbuf out = { 0 };
	html_write_node(div, &out);
	strbuf_free(&out);
	xmlFreeDoc(doc);
	static struct pdf_style style;
	static int ready;
	if (!ready) {
		pdf_style_defaults(&style);
		ready = 1;
	}
	struct paragraph **ps = NULL;
	size_t n = 0;
	markdown_to_paragraphs(md, &style, 10, &ps, &n);
	for (size_t i = 0; i < n; i++)
		paragraph_free(ps[i]);
	free(ps);
	arena_free(&a);
	free(text);
	return 0;
}
