/* schema_table.h - the shape of the format's tables (struct field, struct
 * record), shared by the checker (schema.c) and by the writers that walk the
 * same tables: the JSON Schema for editors (schema_json.c). The tables
 * themselves stay in schema.c, read-only; schema_document() hands them out. */
#ifndef PLANPRESS_SCHEMA_TABLE_H
#define PLANPRESS_SCHEMA_TABLE_H

#include "model.h"

#include <stdbool.h>
#include <stddef.h>

enum field_type {
	F_KIND,			/* the `kind` key, read before the record */
	F_TEXT, F_MARKDOWN, F_ID, F_PATH, F_DATE,
	F_DATE_OR_MONTH,	/* addition: a cover's date may be a month (day 0) */
	F_DUE, F_ACTION_RAG,
	F_PERIOD,		/* revision 2: a date, month, quarter, financial year or year */
	F_PERIOD_LIST,
	F_RATED,		/* a rating: revision 1's words or the council's scale */
	F_RATED_LIST,		/* one rating per period, ~ where none */
	F_DISTANCE,		/* a number in the KPI's unit, or a percentage: "5%" */
	F_COLOUR,		/* "#rrggbb", read into a colour (flag_offset: given) */
	F_BOOL,			/* true or false */
	F_PERSONS,		/* a person, or a list of persons */
	F_NUMBERED,		/* markdown, or {number, text}: a number as written */
	F_NUMBERED_LIST,
	F_OPTIONAL_TEXT_LIST,	/* texts, ~ where none */
	F_NAMES, F_NUMBER, F_INTEGER, F_ENUM,
	F_RECORD,		/* a mapping embedded in the parent struct */
	F_RECORD_LIST,		/* a list of mappings */
	F_MEMBER_LIST,		/* a list of members: text, or {name, role} */
	F_TEXT_LIST, F_ID_LIST, F_PATH_LIST, F_NUMBER_LIST,
	F_NUMBER_OR_LIST,	/* target: one number, or one per period */
	F_LABELS, F_COLUMNS, F_COMPARATORS,
};

struct checker;
struct node;
struct record;

struct field {
	const char *key;
	enum field_type type;
	bool required;
	size_t offset;
	const struct record *record;	/* F_RECORD, F_RECORD_LIST */
	const char *const *words;	/* F_ENUM: accepted words, NULL-ended */
	const int *values;		/* F_ENUM: the model value of each word */
	size_t flag_offset;		/* F_NUMBER_OR_LIST: bool "single" */
};

struct record {
	const char *name;		/* as messages call it: "action" */
	size_t size;
	const struct field *fields;
	void (*hook)(struct checker *c, void *obj, const struct node *map);
};

/* The records some field types read without naming them in the field:
 * F_MEMBER_LIST's mappings, F_PERSONS' and F_NUMBERED's. */
extern const struct record member_record, person_record, numbered_record;

/* The record of each kind of document, in the order of enum doc_kind's
 * words ("site", "plan" ...): i from 0 until it returns NULL. */
const struct record *schema_document(size_t i, const char **kind_word);

#endif
