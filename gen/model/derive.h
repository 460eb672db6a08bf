/* derive.h - facts computed once from a valid model, so that every renderer
 * shows the same numbers: overdue actions, RAG counts, KPI trend and RAG,
 * default columns and labels. */
#ifndef PLANPRESS_DERIVE_H
#define PLANPRESS_DERIVE_H

#include "diag.h"
#include "model.h"
#include "util.h"

/* Fills the derived fields of a plan (fragment ids in arena); warns about
 * overdue actions. */
void derive_plan(struct plan *plan, struct arena *arena, struct diags *diags);

/* One KPI's latest value, change, trend and RAG (exposed for unit tests). */
void derive_kpi(struct kpi *kpi);

/* Whether an action is overdue at as_at (exposed for unit tests). */
bool action_is_overdue(const struct action *a, struct date as_at);

void derive_document(struct document *doc, const struct site *site, struct arena *arena,
		     struct diags *diags);

#endif
