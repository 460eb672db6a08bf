/* derive.c - overdue actions, RAG counts, KPI trends and defaults, computed once. */
#include "derive.h"
#include "anchor.h"

#include <math.h>
#include <stdio.h>

bool action_is_overdue(const struct action *a, struct date as_at)
{
	if (!date_is_set(as_at))
		return false;
	if (a->due.kind != DUE_DATE && a->due.kind != DUE_MONTH)
		return false;
	if (a->status == ACTION_COMPLETE || a->status == ACTION_CANCELLED ||
	    a->progress_rag == RAG_BLUE || a->done_unknown)
		return false;
	/* "due October 2018" is met by the end of October */
	return date_compare(date_end_of_period(a->due.date), as_at) < 0;
}

static double round_to(double v, long decimals)
{
	double scale = pow(10.0, (double)decimals);
	return round(v * scale) / scale;
}

void derive_kpi(struct kpi *k)
{
	k->latest = k->previous = -1;
	k->change = 0;
	k->trend = TREND_NOT_KNOWN;
	k->rag = RAG_NONE;
	for (size_t i = k->values.n; i-- > 0;) {
		if (!k->values.at[i].known)
			continue;
		if (k->latest < 0) {
			k->latest = (long)i;
		} else {
			k->previous = (long)i;
			break;
		}
	}
	if (k->latest < 0)
		return;
	double latest = k->values.at[k->latest].value;
	if (k->previous >= 0) {
		/* judged at the precision shown, so "38% to 38%" is no change */
		double prev = k->values.at[k->previous].value;
		k->change = round_to(latest, k->decimals) - round_to(prev, k->decimals);
		if (fabs(k->change) < 1e-9) {
			k->change = 0;
			k->trend = TREND_NO_CHANGE;
		} else if (k->better == BETTER_NEITHER) {
			k->trend = k->change > 0 ? TREND_UP : TREND_DOWN;
		} else {
			bool up_is_good = k->better == BETTER_HIGHER;
			k->trend = (k->change > 0) == up_is_good ? TREND_IMPROVING : TREND_WORSENING;
		}
	}
	if ((size_t)k->latest >= k->targets.n || !k->targets.at[k->latest].known)
		return;
	double target = k->targets.at[k->latest].value;
	double tolerance = k->tolerance.known ? k->tolerance.value : 0;
	double v = round_to(latest, k->decimals);
	/* shortfall: how far the value is on the wrong side of the target */
	double shortfall;
	switch (k->better) {
	case BETTER_HIGHER:
		shortfall = target - v;
		break;
	case BETTER_LOWER:
		shortfall = v - target;
		break;
	default:
		shortfall = fabs(v - target);
		break;
	}
	if (shortfall <= 1e-9)
		k->rag = RAG_GREEN;
	else if (shortfall <= tolerance + 1e-9)
		k->rag = RAG_AMBER;
	else
		k->rag = RAG_RED;
}

static bool column_has_value(const struct plan *p, enum column col)
{
	for (size_t i = 0; i < p->themes.n; i++) {
		const struct theme *t = &p->themes.at[i];
		for (size_t j = 0; j < t->actions.n; j++) {
			const struct action *a = &t->actions.at[j];
			switch (col) {
			case COL_REF:
			case COL_ACTION:
				return true;
			case COL_TITLE:	/* shown with the ref unless asked for */
				return false;
			case COL_OUTCOME:
				if (a->outcome) return true;
				break;
			case COL_MEASURE:
				if (a->measure) return true;
				break;
			case COL_LEADS:
				if (a->leads.n) return true;
				break;
			case COL_DUE:
				if (a->due.kind != DUE_NONE) return true;
				break;
			case COL_PROGRESS:
				if (a->progress) return true;
				break;
			case COL_PROGRESS_RAG:
				if (a->progress_rag != RAG_NONE) return true;
				break;
			case COL_IMPACT_RAG:
				if (a->impact_rag != RAG_NONE) return true;
				break;
			case COL_STATUS:
				if (a->status != ACTION_STATUS_NONE) return true;
				break;
			case COL_COUNT:
				break;
			}
		}
	}
	return false;
}

void derive_plan(struct plan *p, struct arena *arena, struct diags *diags)
{
	for (int col = 0; col < COL_COUNT; col++)
		if (!p->labels[col])
			p->labels[col] = column_default_label((enum column)col);
	if (!p->columns_given) {
		p->n_columns = 0;
		for (int col = 0; col < COL_COUNT; col++)
			if (column_has_value(p, (enum column)col))
				p->columns[p->n_columns++] = (enum column)col;
	}
	for (int r = 0; r < RAG_COUNT; r++)
		p->rag_counts[r] = 0;
	p->n_actions = p->overdue = 0;
	for (size_t i = 0; i < p->themes.n; i++) {
		struct theme *t = &p->themes.at[i];
		if (!t->label)
			t->label = p->theme_label;
		for (int r = 0; r < RAG_COUNT; r++)
			t->rag_counts[r] = 0;
		t->overdue = 0;
		for (size_t j = 0; j < t->actions.n; j++) {
			struct action *a = &t->actions.at[j];
			t->rag_counts[a->progress_rag]++;
			p->rag_counts[a->progress_rag]++;
			p->n_actions++;
			a->overdue = action_is_overdue(a, p->as_at);
			if (a->overdue) {
				char due[32], as_at[32];
				t->overdue++;
				p->overdue++;
				/* an action without a ref has its error already; this
				 * warning still says what is overdue */
				diag_warning(diags, a->due.pos,
					     "%s%s is due %s, before as_at %s, and is not complete",
					     a->ref ? "action " : "this action", a->ref ? a->ref : "",
					     date_format_uk(a->due.date, due, sizeof due),
					     date_format_uk(p->as_at, as_at, sizeof as_at));
			}
		}
	}
	for (size_t i = 0; i < p->kpis.n; i++)
		derive_kpi(&p->kpis.at[i]);
	anchor_plan(arena, p);
}

void derive_document(struct document *doc, const struct site *site, struct arena *arena,
		     struct diags *diags)
{
	switch (doc->kind) {
	case DOC_PLAN:
		if (!doc->as.plan->organisation && site)
			doc->as.plan->organisation = site->organisation;
		derive_plan(doc->as.plan, arena, diags);
		break;
	case DOC_REPORT:
		if (!doc->as.report->organisation && site)
			doc->as.report->organisation = site->organisation;
		break;
	default:
		break;
	}
}
