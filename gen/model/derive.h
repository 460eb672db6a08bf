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
/* How a figure rates against a target by the KPI's rule (`rating`, else
 * `tolerance`): none when contextual or either is not known. */
enum rag kpi_rate(const struct kpi *k, struct number value, struct number target);
/* Whether the latest figure meets its period's target. */
bool kpi_target_met(const struct kpi *k);
/* Digits a figure of the KPI is shown with: `decimals`, or as written. */
int kpi_precision(const struct kpi *k, struct number n);
/* The most digits any of its figures is shown with (a chart's scale). */
int kpi_figures_precision(const struct kpi *k);

/* Whether an action or step is done (complete, cancelled, rated blue). */
bool task_is_complete(const struct task *t);
/* Whether it is overdue at as_at: its due period ended before as_at began. */
bool task_is_overdue(const struct task *t, const struct period *as_at);
bool action_is_overdue(const struct action *a, const struct period *as_at);
/* Whether the source lets one say if it is overdue: there is an as_at, and
 * it is done, has no due, or a due read as a period (not "March 2-21"). */
bool task_overdue_known(const struct task *t, const struct period *as_at);
/* Its rating at the end of a day: the last rated update starting by then
 * (its own rating counting as one at as_at); NULL: not rated then. */
const struct rating *task_rating_at(const struct task *t, const struct period *as_at,
				    struct date end);

void derive_document(struct document *doc, const struct site *site, struct arena *arena,
		     struct diags *diags);

#endif
