/* derive.c - the facts computed once from a valid model, so that every
 * output says the same: overdue actions and steps, rating counts, the rating
 * at each review and the change since the last, KPI trend and rating,
 * default columns and headings. */
#include "derive.h"
#include "catalog.h"
#include "anchor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- tasks: actions and steps ---------- */

bool task_is_complete(const struct task *t)
{
	return t->status == ACTION_COMPLETE || t->status == ACTION_CANCELLED ||
	       (t->rating.rating && t->rating.rating->rag == RAG_BLUE);
}

bool task_is_overdue(const struct task *t, const struct period *as_at)
{
	if (!period_is_set(as_at) || !period_is_set(&t->due.period))
		return false;
	if (task_is_complete(t) || t->done_unknown)
		return false;
	/* "due October 2018" is met by the end of October; overdue once the
	 * day progress is reported at begins after that */
	return date_compare(t->due.period.last, as_at->first) < 0;
}

bool task_overdue_known(const struct task *t, const struct period *as_at)
{
	if (!period_is_set(as_at) || t->done_unknown)
		return false;
	return task_is_complete(t) || !t->due.text || period_is_set(&t->due.period);
}

bool action_is_overdue(const struct action *a, const struct period *as_at)
{
	return task_is_overdue(&a->task, as_at);
}

/* The task's rating at the end of `end`: its last rated update starting on
 * or before it; its own rating counts as one at as_at. NULL: not rated then. */
const struct rating *task_rating_at(const struct task *t, const struct period *as_at,
				    struct date end)
{
	const struct rating *r = NULL;
	struct date when = { 0, 0, 0 };
	for (size_t i = 0; i < t->updates.n; i++) {
		const struct update *u = &t->updates.at[i];
		if (!u->rating.rating || !period_is_set(&u->when) ||
		    date_compare(u->when.first, end) > 0)
			continue;
		r = u->rating.rating;
		when = u->when.first;
	}
	if (t->rating.rating && period_is_set(as_at) && date_compare(as_at->first, end) <= 0 &&
	    (!date_is_set(when) || date_compare(when, as_at->first) <= 0))
		r = t->rating.rating;
	return r;
}

/* Where a rating stands, better being higher: its place in the scale for a
 * council's word (worst first), else its colour; -1 when it says nothing of
 * how far (Not rated). Two ratings compare only within one of these. */
static int rank(const rating_list *scale, const struct rating *r, bool *in_scale)
{
	*in_scale = false;
	if (!r)
		return -1;
	if (scale && r >= scale->at && r < scale->at + scale->n) {
		*in_scale = true;
		return (int)(r - scale->at);
	}
	switch (r->rag) {
	case RAG_RED: return 0;
	case RAG_AMBER: return 1;
	case RAG_GREEN: return 2;
	case RAG_BLUE: return 3;
	default: return -1;
	}
}

static enum change task_change(const struct plan *p, const struct task *t)
{
	struct date since = p->previous_review.last;
	if (t->updates.n && period_is_set(&t->updates.at[0].when) &&
	    date_compare(t->updates.at[0].when.first, since) > 0)
		return CHANGE_NEW;
	const struct rating *before = t->rating_before;
	const struct rating *now = task_rating_at(t, &p->as_at,
						  period_is_set(&p->as_at) ? p->as_at.last :
						  (struct date){ 9999, 12, 31 });
	if (!now)
		now = t->rating.rating;
	bool done_before = before && before->rag == RAG_BLUE;
	/* completed: its status says so, or its rating now counts as blue
	 * (its own, or its last update's); a cancelled task is not completed */
	bool done_now = t->status == ACTION_COMPLETE || (now && now->rag == RAG_BLUE);
	if (done_now && !done_before && (before || t->updates.n))
		return CHANGE_COMPLETED;
	bool scale_a, scale_b;
	int ra = rank(p->scale, before, &scale_a), rb = rank(p->scale, now, &scale_b);
	if (ra < 0 || rb < 0)
		return CHANGE_NONE;
	if (scale_a != scale_b) {	/* a council's word and revision 1's: by colour */
		ra = rank(NULL, before, &scale_a);
		rb = rank(NULL, now, &scale_b);
		if (ra < 0 || rb < 0)
			return CHANGE_NONE;
	}
	return rb > ra ? CHANGE_UP : rb < ra ? CHANGE_DOWN : CHANGE_SAME;
}

static void derive_task(struct plan *p, struct task *t, struct arena *arena)
{
	/* a month is shown as written, in the words of the language the
	 * document is made in ("December 2024", "Rhagfyr 2024") */
	if (t->due.period.kind == PERIOD_MONTH && strcmp(messages_lang(), "en") != 0) {
		char buf[64];
		t->due.text = arena_strdup(arena, period_format(&t->due.period, buf, sizeof buf));
	}
	t->overdue = task_is_overdue(t, &p->as_at);
	if (p->reviews.n) {
		t->history = arena_alloc(arena, p->reviews.n * sizeof *t->history);
		for (size_t i = 0; i < p->reviews.n; i++)
			t->history[i] = task_rating_at(t, &p->as_at, p->reviews.at[i].last);
	}
	t->change = CHANGE_NONE;
	if (period_is_set(&p->previous_review)) {
		t->rating_before = task_rating_at(t, &p->as_at, p->previous_review.last);
		t->change = task_change(p, t);
	}
}

/* ---------- KPIs ---------- */

static double round_to(double v, long decimals)
{
	double scale = pow(10.0, (double)decimals);
	return round(v * scale) / scale;
}

/* Digits a figure of the KPI is shown with: `decimals`, or as written. */
int kpi_precision(const struct kpi *k, struct number n)
{
	if (k->decimals_given)
		return (int)k->decimals;
	return n.precision > 0 ? n.precision : 0;
}

int kpi_figures_precision(const struct kpi *k)
{
	if (k->decimals_given)
		return (int)k->decimals;
	int p = 0;
	const number_list *lists[] = { &k->values, &k->targets };
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++)
			if (lists[l]->at[i].precision > p)
				p = lists[l]->at[i].precision;
	for (size_t c = 0; c < k->comparators.n; c++)
		for (size_t i = 0; i < k->comparators.at[c].values.n; i++)
			if (k->comparators.at[c].values.at[i].precision > p)
				p = k->comparators.at[c].values.at[i].precision;
	return p;
}

/* A distance from target in the KPI's unit: a percentage is of the target. */
static double distance_of(struct distance d, double target, double otherwise)
{
	if (!d.value.known)
		return otherwise;
	return d.percent ? fabs(target) * d.value.value / 100 : d.value.value;
}

/* How far a figure falls short of its target (0 or less: met), judged at
 * the precision it is shown with, by `better`. */
static double shortfall_of(const struct kpi *k, struct number value, double t)
{
	double v = round_to(value.value, kpi_precision(k, value));
	switch (k->better) {
	case BETTER_HIGHER: return t - v;
	case BETTER_LOWER: return v - t;
	default: return fabs(v - t);
	}
}

bool kpi_target_met(const struct kpi *k)
{
	if (k->latest < 0 || (size_t)k->latest >= k->targets.n || !k->targets.at[k->latest].known)
		return false;
	double t = k->targets.at[k->latest].value;
	return shortfall_of(k, k->values.at[k->latest], t) <= 1e-9 * (fabs(t) > 1 ? fabs(t) : 1);
}

enum rag kpi_rate(const struct kpi *k, struct number value, struct number target)
{
	if (k->contextual || !value.known || !target.known)
		return RAG_NONE;
	double t = target.value;
	double shortfall = shortfall_of(k, value, t);
	double amber = distance_of(k->tolerance, t, 0);
	if (k->rating_given) {
		amber = distance_of(k->rating.amber, t, amber);
	}
	double green = k->rating_given ? distance_of(k->rating.green, t, 0) : 0;
	/* figures as written are exact; what floating point makes of 5% of 50 is not */
	double eps = 1e-9 * (fabs(t) > 1 ? fabs(t) : 1);
	if (shortfall <= green + eps)
		return RAG_GREEN;
	if (shortfall <= amber + eps)
		return RAG_AMBER;
	return RAG_RED;
}

void derive_kpi(struct kpi *k)
{
	k->latest = k->previous = -1;
	k->change = 0;
	k->change_precision = 0;
	k->trend = TREND_NOT_KNOWN;
	k->rag = k->previous_rag = RAG_NONE;
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
	struct number latest = k->values.at[k->latest];
	if (k->previous >= 0) {
		/* judged at the precision shown, so "38% to 38%" is no change; a
		 * change is shown with the larger precision of its two figures */
		struct number prev = k->values.at[k->previous];
		int pl = kpi_precision(k, latest), pp = kpi_precision(k, prev);
		k->change_precision = pl > pp ? pl : pp;
		k->change = round_to(round_to(latest.value, pl) - round_to(prev.value, pp),
				     k->change_precision);
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
	if ((size_t)k->latest < k->targets.n)
		k->rag = kpi_rate(k, latest, k->targets.at[k->latest]);
	if (k->previous >= 0 && (size_t)k->previous < k->targets.n)
		k->previous_rag = kpi_rate(k, k->values.at[k->previous],
					   k->targets.at[k->previous]);
}

/* The council's own status where it differs from what the rating rule
 * derives: a warning at the status, naming both. */
static void check_kpi_status(const struct kpi *k, struct diags *diags)
{
	for (size_t i = 0; i < k->status.n && i < k->values.n && i < k->periods.n; i++) {
		const struct rated *s = &k->status.at[i];
		if (!s->rating || i >= k->targets.n)
			continue;
		enum rag derived = kpi_rate(k, k->values.at[i], k->targets.at[i]);
		if (derived == RAG_NONE || s->rating->rag == RAG_NONE || s->rating->rag == derived)
			continue;
		diag_warning(diags, s->pos, "kpi %s: the status for %s is '%s', but its figure "
			     "against its target rates %s by the kpi's rating rule",
			     k->id ? k->id : "", k->periods.at[i], s->rating->word,
			     rating_builtin(derived)->word);
	}
}

/* ---------- what changed since the previous review ---------- */

static void add_change(struct plan *p, struct plan_change c, size_t *cap, struct arena *arena)
{
	if (p->n_changes == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		struct plan_change *bigger = arena_alloc(arena, *cap * sizeof *bigger);
		if (p->n_changes)
			memcpy(bigger, p->changes, p->n_changes * sizeof *bigger);
		p->changes = bigger;
	}
	p->changes[p->n_changes++] = c;
}

static void task_changes(struct plan *p, const struct action *a, const struct step *s,
			 size_t *cap, struct arena *arena)
{
	const struct task *t = line_task(a, s);
	struct plan_change c = { CHANGED_COUNT, a, s, NULL, t->rating_before, NULL };
	c.to = task_rating_at(t, &p->as_at, period_is_set(&p->as_at) ? p->as_at.last :
			      (struct date){ 9999, 12, 31 });
	if (!c.to)
		c.to = t->rating.rating;
	switch (t->change) {
	case CHANGE_UP: c.kind = CHANGED_UP; break;
	case CHANGE_DOWN: c.kind = CHANGED_DOWN; break;
	case CHANGE_COMPLETED: c.kind = CHANGED_COMPLETED; break;
	case CHANGE_NEW: c.kind = CHANGED_NEW; break;
	default: break;
	}
	if (c.kind != CHANGED_COUNT)
		add_change(p, c, cap, arena);
	/* overdue now, and not yet at the previous review */
	if (t->overdue && date_compare(p->previous_review.first, t->due.period.last) <= 0)
		add_change(p, (struct plan_change){ CHANGED_OVERDUE, a, s, NULL, NULL, NULL },
			   cap, arena);
}

/* An indicator's rating at the previous review: of its latest figure for a
 * period that ended by then, when its periods can be read as periods; else
 * of the figure before its latest. The council's own status wins. */
static const struct rating *kpi_rating_of(const struct kpi *k, long i)
{
	if (i < 0)
		return NULL;
	if ((size_t)i < k->status.n && k->status.at[i].rating)
		return k->status.at[i].rating;
	if ((size_t)i >= k->targets.n)
		return NULL;
	enum rag r = kpi_rate(k, k->values.at[i], k->targets.at[i]);
	return r == RAG_NONE ? NULL : rating_builtin(r);
}

static void kpi_changes(struct plan *p, const struct kpi *k, size_t *cap, struct arena *arena)
{
	long before = -1;
	bool dated = false;
	for (size_t i = 0; i < k->periods.n && i < k->values.n; i++) {
		struct period when;
		if (parse_period(k->periods.at[i], &when) != PARSE_OK)
			continue;
		dated = true;
		if (k->values.at[i].known &&
		    date_compare(when.last, p->previous_review.last) <= 0)
			before = (long)i;
	}
	if (!dated)
		before = k->previous;
	if (before == k->latest)
		return;
	const struct rating *from = kpi_rating_of(k, before), *to = kpi_rating_of(k, k->latest);
	if (from && to && from != to)
		add_change(p, (struct plan_change){ CHANGED_KPI, NULL, NULL, k, from, to }, cap,
			   arena);
}

static void derive_changes(struct plan *p, struct arena *arena)
{
	size_t cap = 0;
	p->changes = NULL;
	p->n_changes = 0;
	if (!period_is_set(&p->previous_review))
		return;
	for (size_t i = 0; i < p->n_all_actions; i++) {
		const struct action *a = p->all_actions[i];
		task_changes(p, a, NULL, &cap, arena);
		for (size_t j = 0; j < a->steps.n; j++)
			task_changes(p, a, &a->steps.at[j], &cap, arena);
	}
	for (size_t i = 0; i < p->kpis.n; i++)
		kpi_changes(p, &p->kpis.at[i], &cap, arena);
}

/* ---------- plans ---------- */

static bool any_task(const struct plan *p, bool (*has)(const struct task *))
{
	for (size_t i = 0; i < p->n_all_actions; i++) {
		const struct action *a = p->all_actions[i];
		if (has(&a->task))
			return true;
		for (size_t j = 0; j < a->steps.n; j++)
			if (has(&a->steps.at[j].task))
				return true;
	}
	return false;
}

static bool has_leads(const struct task *t) { return t->leads.n > 0; }
static bool has_due(const struct task *t) { return t->due.text != NULL; }
static bool has_progress(const struct task *t) { return t->progress != NULL; }
static bool has_rating(const struct task *t) { return t->rating.rating != NULL; }
static bool has_status(const struct task *t) { return t->status != ACTION_STATUS_NONE; }
static bool has_rated_update(const struct task *t)
{
	for (size_t i = 0; i < t->updates.n; i++)
		if (t->updates.at[i].rating.rating)
			return true;
	return t->rating.rating != NULL;
}

static bool column_has_value(const struct plan *p, enum column col)
{
	if (!p->n_all_actions)
		return false;
	switch (col) {
	case COL_REF:
	case COL_ACTION:
		return true;
	case COL_TITLE:	/* shown with the ref unless asked for */
		return false;
	case COL_OUTCOME:
	case COL_MEASURE:
	case COL_IMPACT_RAG:
		for (size_t i = 0; i < p->n_all_actions; i++) {
			const struct action *a = p->all_actions[i];
			if ((col == COL_OUTCOME && a->outcome) || (col == COL_MEASURE && a->measure) ||
			    (col == COL_IMPACT_RAG && a->impact.rating))
				return true;
		}
		return false;
	case COL_LEADS: return any_task(p, has_leads);
	case COL_DUE: return any_task(p, has_due);
	case COL_PROGRESS: return any_task(p, has_progress);
	case COL_PROGRESS_RAG: return any_task(p, has_rating);
	case COL_STATUS: return any_task(p, has_status);
	case COL_HISTORY: return p->reviews.n > 0 && any_task(p, has_rated_update);
	case COL_CHANGE: return period_is_set(&p->previous_review);
	case COL_COUNT: break;
	}
	return false;
}

/* "1." for a ref of numbers alone ("1", "2a"), as headings number them;
 * "1.1", "(i)" as they are. */
static const char *ref_number(struct arena *a, const char *ref)
{
	/* digits alone ("1. Title") or one letter ("a. Title"); "1.1", "A7",
	 * "P6" and "(a)" as written ("A7 Title") */
	bool digits = *ref != '\0';
	for (const char *c = ref; *c; c++)
		digits &= *c >= '0' && *c <= '9';
	bool letter = ref[0] && !ref[1] && ((ref[0] >= 'a' && ref[0] <= 'z') ||
					    (ref[0] >= 'A' && ref[0] <= 'Z'));
	return digits || letter ? arena_printf(a, "%s.", ref) : ref;
}

static size_t rating_index(const struct plan *p, const struct rating *r)
{
	for (size_t i = 0; i < p->n_rating_order; i++)
		if (p->rating_order[i] == r)
			return i;
	return p->n_rating_order;	/* cannot happen: every rating is in order */
}

static void counts_init(struct plan *p, struct rating_counts *rc, struct arena *arena)
{
	rc->counts = arena_alloc(arena, (p->n_rating_order + 1) * sizeof *rc->counts);
	rc->actions = rc->steps = rc->unrated = 0;
}

/* An action counts by its own rating; one not rated itself, by its rated
 * steps; one with neither is "unrated", left out of the counts. */
static void count_action(struct plan *p, const struct action *a, struct rating_counts *rc)
{
	if (a->task.rating.rating) {
		rc->counts[rating_index(p, a->task.rating.rating)]++;
		rc->actions++;
		return;
	}
	bool any = false;
	for (size_t j = 0; j < a->steps.n; j++)
		if (a->steps.at[j].task.rating.rating) {
			rc->counts[rating_index(p, a->steps.at[j].task.rating.rating)]++;
			rc->steps++;
			any = true;
		}
	if (!any)
		rc->unrated++;
}

static void counts_add(const struct plan *p, struct rating_counts *into,
		       const struct rating_counts *from)
{
	for (size_t i = 0; i <= p->n_rating_order; i++)
		into->counts[i] += from->counts[i];
	into->actions += from->actions;
	into->steps += from->steps;
	into->unrated += from->unrated;
}

/* Pre-order: the plan's themes with their sub-themes after each. */
static void collect_themes(struct plan *p, struct theme *themes, size_t n, struct theme *parent,
			   int depth, struct arena *arena)
{
	for (size_t i = 0; i < n; i++) {
		struct theme *t = &themes[i];
		t->depth = depth;
		t->parent = parent;
		/* the plan's theme_label names its own themes; a sub-theme has a
		 * label word only when it gives one */
		if (!t->label_given)
			t->label = depth == 1 ? p->theme_label : NULL;
		if (t->ref && t->label) {
			t->numbering = t->name = arena_printf(arena, "%s %s", t->label, t->ref);
			t->heading = arena_printf(arena, "%s: %s", t->name, t->title);
		} else if (t->ref) {
			t->numbering = ref_number(arena, t->ref);
			t->heading = t->name = arena_printf(arena, "%s %s", t->numbering, t->title);
		} else {
			t->numbering = NULL;
			t->heading = t->name = t->title;
		}
		p->all_themes[p->n_all_themes++] = t;
		for (size_t j = 0; j < t->actions.n; j++) {
			struct action *a = &t->actions.at[j];
			a->theme = t;
			p->all_actions[p->n_all_actions++] = a;
			for (size_t k = 0; k < a->steps.n; k++)
				a->steps.at[k].number = k + 1;
			p->has_steps |= a->steps.n > 0;
		}
		collect_themes(p, t->themes.at, t->themes.n, t, depth + 1, arena);
	}
}

static size_t count_themes(const struct theme *themes, size_t n, size_t *actions)
{
	size_t total = n;
	for (size_t i = 0; i < n; i++) {
		*actions += themes[i].actions.n;
		total += count_themes(themes[i].themes.at, themes[i].themes.n, actions);
	}
	return total;
}

static void warn_overdue(const struct plan *p, const struct action *a, const struct step *s,
			 struct diags *diags)
{
	const struct task *t = line_task(a, s);
	char due[80], as_at[80];
	period_format(&t->due.period, due, sizeof due);
	if (t->due.period.kind == PERIOD_DAY)
		date_format_uk(t->due.period.first, due, sizeof due);
	period_format(&p->as_at, as_at, sizeof as_at);
	if (p->as_at.kind == PERIOD_DAY)
		date_format_uk(p->as_at.first, as_at, sizeof as_at);
	/* an action without a ref has its error already; this warning still
	 * says what is overdue */
	if (s)
		diag_warning(diags, t->due.pos, "step %zu of action %s is due %s, before as_at %s, "
			     "and is not complete", s->number, a->shown_ref ? a->shown_ref : "",
			     due, as_at);
	else
		diag_warning(diags, t->due.pos, "%s%s is due %s, before as_at %s, and is not complete",
			     a->ref ? "action " : "this action", a->shown_ref ? a->shown_ref : "",
			     due, as_at);
}

/* Counts and overdue actions of a theme and everything below it. */
static void derive_theme(struct plan *p, struct theme *t, struct arena *arena,
			 struct diags *diags)
{
	counts_init(p, &t->ratings, arena);
	counts_init(p, &t->own, arena);
	t->overdue = t->overdue_steps = 0;
	t->n_actions = t->actions.n;
	for (size_t j = 0; j < t->actions.n; j++) {
		struct action *a = &t->actions.at[j];
		derive_task(p, &a->task, arena);
		if (a->task.overdue) {
			t->overdue++;
			warn_overdue(p, a, NULL, diags);
		}
		for (size_t k = 0; k < a->steps.n; k++) {
			struct step *s = &a->steps.at[k];
			derive_task(p, &s->task, arena);
			if (s->task.overdue) {
				t->overdue_steps++;
				warn_overdue(p, a, s, diags);
			}
		}
		count_action(p, a, &t->own);
	}
	counts_add(p, &t->ratings, &t->own);
	for (size_t i = 0; i < t->themes.n; i++) {
		struct theme *sub = &t->themes.at[i];
		derive_theme(p, sub, arena, diags);
		counts_add(p, &t->ratings, &sub->ratings);
		t->overdue += sub->overdue;
		t->overdue_steps += sub->overdue_steps;
		t->n_actions += sub->n_actions;
	}
}

void derive_plan(struct plan *p, struct arena *arena, struct diags *diags)
{
	for (int col = 0; col < COL_COUNT; col++)
		if (!p->labels[col])
			p->labels[col] = column_default_label((enum column)col);
	size_t n_actions = 0;
	size_t n_themes = count_themes(p->themes.at, p->themes.n, &n_actions);
	p->all_themes = arena_alloc(arena, (n_themes + 1) * sizeof *p->all_themes);
	p->all_actions = arena_alloc(arena, (n_actions + 1) * sizeof *p->all_actions);
	p->n_all_themes = p->n_all_actions = 0;
	p->has_steps = false;
	collect_themes(p, p->themes.at, p->themes.n, NULL, 1, arena);
	p->n_actions = p->n_all_actions;
	if (!p->columns_given) {
		p->n_columns = 0;
		for (int col = 0; col < COL_COUNT; col++)
			if (column_has_value(p, (enum column)col))
				p->columns[p->n_columns++] = (enum column)col;
	}
	/* counted by word: the council's, in its scale's order (worst first),
	 * then revision 1's */
	static const enum rag builtin_order[] = { RAG_RED, RAG_AMBER, RAG_GREEN, RAG_BLUE, RAG_NONE };
	size_t n_scale = p->scale ? p->scale->n : 0;
	p->rating_order = arena_alloc(arena, (n_scale + 5) * sizeof *p->rating_order);
	p->n_rating_order = 0;
	for (size_t i = 0; i < n_scale; i++)
		p->rating_order[p->n_rating_order++] = &p->scale->at[i];
	for (size_t i = 0; i < 5; i++)
		p->rating_order[p->n_rating_order++] = rating_builtin(builtin_order[i]);
	counts_init(p, &p->ratings_count, arena);
	p->overdue = p->overdue_steps = 0;
	for (size_t i = 0; i < p->themes.n; i++) {
		derive_theme(p, &p->themes.at[i], arena, diags);
		counts_add(p, &p->ratings_count, &p->themes.at[i].ratings);
		p->overdue += p->themes.at[i].overdue;
		p->overdue_steps += p->themes.at[i].overdue_steps;
	}
	for (size_t i = 0; i < p->kpis.n; i++) {
		derive_kpi(&p->kpis.at[i]);
		check_kpi_status(&p->kpis.at[i], diags);
	}
	derive_changes(p, arena);
	anchor_plan(arena, p);
}

/* The numbers a minute's paragraphs are printed with: as the record gives
 * them, or in turn (11.1, 11.2 ...), or (numbering: none) none: NULL. */
static void derive_minutes(struct minutes *m, struct arena *arena)
{
	for (size_t i = 0; i < m->items.n; i++) {
		struct minute *it = &m->items.at[i];
		const char *number = it->number_text ? it->number_text :
				     arena_printf(arena, "%ld", it->number);
		it->paragraph_numbers = arena_alloc(arena, (it->paragraphs.n + 1) *
						    sizeof *it->paragraph_numbers);
		bool in_turn = m->numbering == MINUTES_PARAGRAPHS;
		for (size_t j = 0; j < it->paragraphs.n; j++)
			it->paragraph_numbers[j] = it->paragraphs.at[j].number ?
				it->paragraphs.at[j].number : !in_turn ? NULL :
				arena_printf(arena, "%s.%zu", number, j + 1);
		it->resolved_number = it->resolved.number ? it->resolved.number : !in_turn ? NULL :
				      arena_printf(arena, "%s.%zu", number, it->paragraphs.n + 1);
		it->anchor = arena_printf(arena, "minute-%s", number);
		/* numbers as written may repeat: the later ones told apart */
		for (size_t j = 0, k = 2; j < i; j++)
			if (strcmp(m->items.at[j].anchor, it->anchor) == 0) {
				it->anchor = arena_printf(arena, "minute-%s--%zu", number, k++);
				j = (size_t)-1;
			}
	}
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
	case DOC_MEETING:
		if (!doc->as.meeting->organisation && site)
			doc->as.meeting->organisation = site->organisation;
		break;
	case DOC_MINUTES:
		if (!doc->as.minutes->organisation && site)
			doc->as.minutes->organisation = site->organisation;
		derive_minutes(doc->as.minutes, arena);
		break;
	default:
		break;
	}
}
