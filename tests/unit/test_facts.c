/* Unit tests of a document's facts (facts.h): what facts_write keeps,
 * facts_read gives back, so that a stub writes the same facts again (the
 * next build's record is the same whether a document was read whole or
 * from its facts); the stub holds what the checks across files and the
 * front page read; anything but facts as written is refused, never read
 * as something else. Over the golden content and content/. */
#include "content.h"
#include "facts.h"
#include "unit.h"

#include <stdlib.h>

static void round_trip(const char *root)
{
	struct content c;
	struct diags d = { 0 };
	CHECK(content_load_all(&c, root, &d));
	size_t tried = 0;
	for (size_t i = 0; i < c.n_docs; i++) {
		const struct document *doc = c.docs[i];
		if (doc->kind == DOC_SITE)
			continue;
		struct strbuf once = { 0 }, again = { 0 };
		facts_write(doc, NULL, &once);
		CHECK(once.len > 4 && once.data[once.len - 1] == '\n');
		struct document *stub = facts_read(once.data, once.len - 1, doc->path, doc->file,
						   c.site, &c.arena);
		CHECK(stub != NULL);
		if (!stub) {
			fprintf(stderr, "%s: facts not read back: %s", doc->file, once.data);
			strbuf_free(&once);
			continue;
		}
		tried++;
		CHECK(stub->stub && stub->kind == doc->kind);
		CHECK_STR(stub->id, doc->id);
		CHECK(stub->id_pos.line == doc->id_pos.line && stub->id_pos.col == doc->id_pos.col);
		CHECK(stub->n_site_links == doc->n_site_links);
		CHECK(stub->n_said_load == doc->n_said_load && stub->n_said_check == doc->n_said_check &&
		      stub->n_said_derive == doc->n_said_derive);
		/* the stub's withheld is decided again by the meetings */
		stub->withheld = doc->withheld;
		facts_write(stub, NULL, &again);
		CHECK(again.len == once.len && memcmp(again.data, once.data, once.len) == 0);
		if (doc->kind == DOC_PLAN) {
			const struct plan *p = doc->as.plan, *s = stub->as.plan;
			CHECK(s->n_rating_order == p->n_rating_order);
			for (size_t k = 0; k < p->n_rating_order && k < s->n_rating_order; k++)
				CHECK_STR(s->rating_order[k]->word, p->rating_order[k]->word);
			CHECK(s->n_actions == p->n_actions && s->kpis.n == p->kpis.n);
		}
		/* cut short anywhere, or with a field spoiled: refused */
		for (size_t cut = 0; cut + 1 < once.len; cut += 7)
			CHECK(!facts_read(once.data, cut, doc->path, doc->file, c.site, &c.arena));
		char *spoiled = strdup(once.data);
		spoiled[0] = '9';	/* another version */
		CHECK(!facts_read(spoiled, once.len - 1, doc->path, doc->file, c.site, &c.arena));
		free(spoiled);
		strbuf_free(&once);
		strbuf_free(&again);
	}
	CHECK(tried > 3);
	diags_free(&d);
	content_free(&c);
}

/* A document's version in another language: whether it had a translation,
 * and which of its texts it keeps in the original's language (the minutes
 * have no translation; the plan's indicator source is left in English). */
static void round_trip_versions(const char *root)
{
	struct content c;
	struct diags d = { 0 };
	CHECK(content_load_all(&c, root, &d));
	CHECK(c.n_langs == 2);
	size_t tried = 0, foreign = 0, untranslated = 0;
	for (size_t i = 0; c.n_langs == 2 && i < c.n_docs; i++) {
		const struct document *v = c.versions[1][i];
		if (v->kind == DOC_SITE || v == c.docs[i])
			continue;
		struct strbuf once = { 0 }, again = { 0 };
		facts_write(v, v, &once);
		struct document *stub = facts_read(once.data, once.len - 1, v->path, v->file,
						   c.sites[1], &c.arena);
		CHECK(stub != NULL);
		if (stub) {
			tried++;
			CHECK(stub->untranslated == v->untranslated);
			untranslated += stub->untranslated;
			foreign += stub->n_foreign;
			const char *title = v->kind == DOC_PLAN ? v->as.plan->title :
					    v->kind == DOC_REPORT ? v->as.report->title : NULL;
			const char *stub_title = v->kind == DOC_PLAN ? stub->as.plan->title :
						 v->kind == DOC_REPORT ? stub->as.report->title : NULL;
			CHECK(document_text_foreign(v, title) == document_text_foreign(stub, stub_title));
			facts_write(stub, stub, &again);
			CHECK(again.len == once.len && memcmp(again.data, once.data, once.len) == 0);
		}
		strbuf_free(&once);
		strbuf_free(&again);
	}
	CHECK(tried >= 3 && untranslated >= 1 && foreign >= 1);
	diags_free(&d);
	content_free(&c);
}

int main(void)
{
	round_trip_versions("tests/golden/welsh");
	round_trip("tests/golden/content");
	round_trip("content");
	return unit_summary();
}
