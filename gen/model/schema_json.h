/* schema_json.h - the content format as a JSON Schema (draft-07) for editors
 * (VS Code's YAML extension), generated from the checker's tables. */
#ifndef PLANPRESS_SCHEMA_JSON_H
#define PLANPRESS_SCHEMA_JSON_H

#include "util.h"

#include <stdbool.h>
#include <stddef.h>

/* Appends the whole schema; false if some field had no schema (a bug). */
bool schema_json_write(struct strbuf *out);

/* For the tests: keys of the tables without a description, and descriptions
 * naming a key the tables lack; each is reported, and counted. */
size_t schema_json_missing_notes(void (*report)(const char *record, const char *key));
size_t schema_json_stale_notes(void (*report)(const char *record, const char *key));

/* The spellings of a RAG the schema accepts, NULL-ended (each must parse). */
const char *const *schema_json_rag_spellings(void);

#endif
