/* model.c - names of the model's kinds and columns, shared by every stage. */
#include "model.h"

const char *doc_kind_name(enum doc_kind kind)
{
	static const char *const names[] = { "site", "plan", "report", "minutes", "meeting" };
	return kind < DOC_KIND_COUNT ? names[kind] : "document";
}

const char *doc_kind_folder(enum doc_kind kind)
{
	static const char *const names[] = { "", "plans", "reports", "minutes", "meetings" };
	return kind < DOC_KIND_COUNT ? names[kind] : "";
}

static const char *const column_names[COL_COUNT] = {
	"ref", "title", "action", "outcome", "measure", "leads", "due", "progress",
	"progress_rag", "impact_rag", "status",
};
static const char *const column_labels[COL_COUNT] = {
	"Ref", "Title", "Action", "Expected outcome", "Impact measure", "Lead", "Due",
	"Progress to date", "Progress RAG", "Impact RAG", "Status",
};

enum column plan_history_column(const struct plan *p)
{
	static const enum column order[] = { COL_PROGRESS, COL_ACTION, COL_REF };
	for (size_t k = 0; k < sizeof order / sizeof *order; k++)
		for (size_t i = 0; i < p->n_columns; i++)
			if (p->columns[i] == order[k])
				return order[k];
	return p->n_columns ? p->columns[0] : COL_REF;
}

const char *column_name(enum column c)
{
	return c < COL_COUNT ? column_names[c] : "";
}

const char *column_default_label(enum column c)
{
	return c < COL_COUNT ? column_labels[c] : "";
}
