/* Unit tests of the JSON Schema writer: every key of the checker's tables has
 * its description, no description names a key the tables lack, every field
 * type has a schema (a new type is a compile error in schema_json.c), every
 * RAG spelling the schema offers is one the checker reads, and the schema is
 * one JSON document. */
#include "schema_json.h"
#include "unit.h"
#include "values.h"

#include <stdlib.h>

static void missing(const char *record, const char *key)
{
	fprintf(stderr, "%s.%s has no description in schema_json.c's field_notes\n", record, key);
}

static void stale(const char *record, const char *key)
{
	fprintf(stderr, "field_notes describes %s.%s, which the tables lack\n", record, key);
}

int main(void)
{
	CHECK(schema_json_missing_notes(missing) == 0);
	CHECK(schema_json_stale_notes(stale) == 0);
	for (const char *const *w = schema_json_rag_spellings(); *w; w++) {
		enum rag r;
		CHECK(parse_rag(*w, &r));
	}
	struct strbuf out = { 0 };
	CHECK(schema_json_write(&out));
	CHECK(out.len > 1000 && out.data[0] == '{' && out.data[out.len - 2] == '}');
	/* brackets balance outside strings */
	int depth = 0;
	bool in_string = false, never_negative = true;
	for (size_t i = 0; i < out.len; i++) {
		char c = out.data[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			never_negative &= --depth >= 0;
		}
	}
	CHECK(depth == 0 && never_negative && !in_string);
	CHECK(strstr(out.data, "\"$schema\": \"http://json-schema.org/draft-07/schema#\""));
	CHECK(strstr(out.data, "\"Progress RAG"));	/* descriptions of labels */
	strbuf_free(&out);
	return unit_summary();
}
