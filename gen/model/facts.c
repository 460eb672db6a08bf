/* facts.c - a document's checked facts written for the next build, and read
 * back as a stub (facts.h). The writer and the reader go through the same
 * fields in the same order: a field added to one is added to the other. */
#include "facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FACTS_VERSION 2

/* ---------- writing ---------- */

struct writer {
	struct strbuf *out;
	const struct document *foreign;	/* whose list marks texts foreign */
};

/* A text: "-" for none, else "=" (or "~" when the document keeps it in its
 * original's language, document_text_foreign) and the text escaped. */
static void put_text(struct writer *b, const char *s)
{
	if (!s) {
		strbuf_adds(b->out, "-\t");
		return;
	}
	strbuf_addc(b->out, document_text_foreign(b->foreign, s) ? '~' : '=');
	for (; *s; s++)
		if (*s == '\\')
			strbuf_adds(b->out, "\\\\");
		else if (*s == '\t')
			strbuf_adds(b->out, "\\t");
		else if (*s == '\n')
			strbuf_adds(b->out, "\\n");
		else
			strbuf_addc(b->out, *s);
	strbuf_addc(b->out, '\t');
}

static void put_int(struct writer *b, long long v)
{
	if (v < 0)
		strbuf_addc(b->out, '-');
	strbuf_add_uint(b->out, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v);
	strbuf_addc(b->out, '\t');
}

static void put_real(struct writer *b, double v)
{
	strbuf_printf(b->out, "%a\t", v);	/* exact */
}

/* A position in the document's own file ("."), in another, or none. */
static void put_pos(struct writer *b, struct pos pos, const char *self)
{
	if (pos.file && self && strcmp(pos.file, self) == 0)
		strbuf_adds(b->out, ".\t");
	else
		put_text(b, pos.file);
	put_int(b, pos.line);
	put_int(b, pos.col);
}

static void put_date(struct writer *b, struct date d)
{
	put_int(b, d.year);
	put_int(b, d.month);
	put_int(b, d.day);
}

static void put_period(struct writer *b, const struct period *p)
{
	put_int(b, p->kind);
	put_date(b, p->first);
	put_date(b, p->last);
	put_text(b, p->text);
}

static void put_located(struct writer *b, struct located_text t, const char *self)
{
	put_text(b, t.text);
	put_pos(b, t.pos, self);
}

static void put_ratings(struct writer *b, const rating_list *l, const char *self)
{
	put_int(b, (long long)l->n);
	for (size_t i = 0; i < l->n; i++) {
		const struct rating *r = &l->at[i];
		put_pos(b, r->pos, self);
		put_text(b, r->word);
		put_int(b, r->rag);
		put_real(b, r->colour.r);
		put_real(b, r->colour.g);
		put_real(b, r->colour.b);
		put_int(b, r->has_colour);
		put_text(b, r->key);
		put_text(b, r->source);
	}
}

static void put_plan(struct writer *b, const struct plan *p, const char *self)
{
	put_text(b, p->title);
	put_text(b, p->subtitle);
	put_text(b, p->organisation);
	put_text(b, p->period);
	put_int(b, p->status);
	put_date(b, p->published);
	put_period(b, &p->as_at);
	put_int(b, (long long)p->kpis.n);
	put_int(b, (long long)p->n_actions);
	put_int(b, p->ratings_given);
	put_ratings(b, &p->ratings, self);
	/* the scale in force, and so the order counts are counted by (derive) */
	put_int(b, !p->scale ? 0 : p->scale == &p->ratings ? 1 : 2);
	for (size_t i = 0; i <= p->n_rating_order; i++)
		put_int(b, (long long)p->ratings_count.counts[i]);
	put_int(b, (long long)p->ratings_count.actions);
	put_int(b, (long long)p->ratings_count.steps);
	put_int(b, (long long)p->ratings_count.unrated);
}

static void put_report(struct writer *b, const struct report *r, const char *self)
{
	put_text(b, r->title);
	put_text(b, r->committee);
	put_date(b, r->date);
	put_text(b, r->item);
	put_int(b, r->classification);
	put_text(b, r->exempt_reason);
	put_int(b, (long long)r->appendices.n);
	for (size_t i = 0; i < r->appendices.n; i++) {
		const struct appendix *a = &r->appendices.at[i];
		put_pos(b, a->pos, self);
		put_text(b, a->title);
		put_text(b, a->label);
		put_located(b, a->paper, self);
	}
}

static void put_meeting(struct writer *b, const struct meeting *m, const char *self)
{
	put_text(b, m->committee);
	put_date(b, m->date);
	put_int(b, (long long)m->items.n);
	for (size_t i = 0; i < m->items.n; i++) {
		const struct agenda_item *it = &m->items.at[i];
		put_pos(b, it->pos, self);
		put_int(b, it->number);
		put_text(b, it->exempt);
		put_int(b, (long long)it->papers.n);
		for (size_t j = 0; j < it->papers.n; j++)
			put_located(b, it->papers.at[j].path, self);
	}
}

void facts_write(const struct document *d, const struct document *foreign, struct strbuf *to)
{
	const char *self = d->file;
	struct writer w = { to, foreign }, *out = &w;
	put_int(out, FACTS_VERSION);
	put_int(out, d->untranslated);
	put_int(out, d->kind);
	put_text(out, d->id);
	put_pos(out, d->id_pos, self);
	put_int(out, (long long)d->n_site_links);
	for (size_t i = 0; i < d->n_site_links; i++) {
		put_text(out, d->site_links[i].target);
		put_pos(out, d->site_links[i].pos, self);
	}
	put_int(out, (long long)d->n_said_load);
	put_int(out, (long long)d->n_said_check);
	put_int(out, (long long)d->n_said_derive);
	for (size_t i = 0; i < d->n_said_load + d->n_said_check + d->n_said_derive; i++) {
		put_int(out, d->said[i].level);
		put_pos(out, d->said[i].pos, self);
		put_text(out, d->said[i].message);
	}
	switch (d->kind) {
	case DOC_PLAN: put_plan(out, d->as.plan, self); break;
	case DOC_REPORT: put_report(out, d->as.report, self); break;
	case DOC_MINUTES:
		put_text(out, d->as.minutes->committee);
		put_date(out, d->as.minutes->date);
		break;
	case DOC_MEETING: put_meeting(out, d->as.meeting, self); break;
	default: break;
	}
	strbuf_adds(to, "end\n");
}

/* ---------- reading ---------- */

struct reader {
	const char *p, *end;
	const char *self;	/* the file's name, for "." */
	struct arena *a;
	bool ok;
	const void **foreign;	/* the texts read marked "~" */
	size_t n_foreign;
};

/* The next field, up to its tab; "" (and not ok) past the end. */
static const char *field(struct reader *r, size_t *len)
{
	const char *tab = r->ok ? memchr(r->p, '\t', (size_t)(r->end - r->p)) : NULL;
	if (!tab) {
		r->ok = false;
		*len = 0;
		return "";
	}
	const char *f = r->p;
	*len = (size_t)(tab - f);
	r->p = tab + 1;
	return f;
}

static const char *get_text(struct reader *r)
{
	size_t n;
	const char *f = field(r, &n);
	if (n == 1 && f[0] == '-')
		return NULL;
	if (n == 0 || (f[0] != '=' && f[0] != '~')) {
		r->ok = false;
		return NULL;
	}
	char *s = arena_alloc(r->a, n), *o = s;
	if (f[0] == '~') {
		r->foreign = xgrow(r->foreign, r->n_foreign, sizeof *r->foreign);
		r->foreign[r->n_foreign++] = s;
	}
	for (size_t i = 1; i < n; i++) {
		if (f[i] != '\\') {
			*o++ = f[i];
			continue;
		}
		char e = ++i < n ? f[i] : '\0';
		*o++ = e == 't' ? '\t' : e == 'n' ? '\n' : e == '\\' ? '\\' : (r->ok = false, '\0');
	}
	*o = '\0';
	return s;
}

/* The next field as a string in buf (of size), for strtoll and strtod;
 * false (and not ok) when it is empty or longer. */
static bool field_in(struct reader *r, char *buf, size_t size)
{
	size_t n;
	const char *f = field(r, &n);
	if (n == 0 || n >= size) {
		r->ok = false;
		return false;
	}
	memcpy(buf, f, n);
	buf[n] = '\0';
	return true;
}

static long long get_int_in(struct reader *r, long long lo, long long hi)
{
	char buf[32], *stop;
	if (!field_in(r, buf, sizeof buf))
		return lo;
	long long v = strtoll(buf, &stop, 10);
	if (*stop || v < lo || v > hi) {
		r->ok = false;
		return lo;
	}
	return v;
}

/* A count of what follows, each taking some bytes of the text at least:
 * never more than the text could hold. */
static size_t get_count(struct reader *r)
{
	return (size_t)get_int_in(r, 0, r->end - r->p);
}

/* A number counted (actions, ratings), not a list's length. */
static size_t get_number(struct reader *r)
{
	return (size_t)get_int_in(r, 0, 1LL << 40);
}

static int get_small(struct reader *r, int lo, int hi)
{
	return (int)get_int_in(r, lo, hi);
}

static double get_real(struct reader *r)
{
	char buf[64], *stop;
	if (!field_in(r, buf, sizeof buf))
		return 0;
	double v = strtod(buf, &stop);
	if (*stop)
		r->ok = false;
	return v;
}

static struct pos get_pos(struct reader *r)
{
	struct pos pos;
	size_t n;
	const char *save = r->p;
	const char *f = field(r, &n);
	if (n == 1 && f[0] == '.') {
		pos.file = r->self;
	} else {
		r->p = r->ok ? save : r->p;
		pos.file = get_text(r);
	}
	pos.line = get_small(r, 0, 1 << 30);
	pos.col = get_small(r, 0, 1 << 30);
	return pos;
}

static struct date get_date(struct reader *r)
{
	struct date d;
	d.year = get_small(r, 0, 1 << 30);
	d.month = get_small(r, 0, 12);
	d.day = get_small(r, 0, 31);
	return d;
}

static void get_period(struct reader *r, struct period *p)
{
	p->kind = (enum period_kind)get_small(r, PERIOD_NONE, PERIOD_YEAR);
	p->first = get_date(r);
	p->last = get_date(r);
	p->text = get_text(r);
}

static struct located_text get_located(struct reader *r)
{
	struct located_text t;
	t.text = get_text(r);
	t.pos = get_pos(r);
	return t;
}

static void get_ratings(struct reader *r, rating_list *l)
{
	l->n = get_count(r);
	l->at = arena_alloc(r->a, (l->n + 1) * sizeof *l->at);
	for (size_t i = 0; r->ok && i < l->n; i++) {
		struct rating *g = &l->at[i];
		g->pos = get_pos(r);
		g->word = get_text(r);
		g->rag = (enum rag)get_small(r, RAG_NONE, RAG_COUNT - 1);
		g->colour.r = get_real(r);
		g->colour.g = get_real(r);
		g->colour.b = get_real(r);
		g->has_colour = get_small(r, 0, 1);
		g->key = get_text(r);
		g->source = get_text(r);
	}
}

static struct plan *get_plan(struct reader *r, const struct site *site)
{
	struct plan *p = arena_alloc(r->a, sizeof *p);
	memset(p, 0, sizeof *p);
	p->title = get_text(r);
	p->subtitle = get_text(r);
	p->organisation = get_text(r);
	p->period = get_text(r);
	p->status = (enum plan_status)get_small(r, PLAN_STATUS_NONE, PLAN_SUPERSEDED);
	p->published = get_date(r);
	get_period(r, &p->as_at);
	p->kpis.n = get_number(r);	/* how many; their contents are not kept */
	p->n_actions = get_number(r);
	p->ratings_given = get_small(r, 0, 1);
	get_ratings(r, &p->ratings);
	int scale = get_small(r, 0, 2);
	p->scale = scale == 0 ? NULL : scale == 1 ? &p->ratings : site ? &site->ratings : NULL;
	if (scale == 2 && !site)
		r->ok = false;
	if (!r->ok)
		return p;
	/* as derive_plan orders them */
	static const enum rag builtin_order[] = { RAG_RED, RAG_AMBER, RAG_GREEN, RAG_BLUE, RAG_NONE };
	size_t n_scale = p->scale ? p->scale->n : 0;
	p->rating_order = arena_alloc(r->a, (n_scale + 5) * sizeof *p->rating_order);
	for (size_t i = 0; i < n_scale; i++)
		p->rating_order[p->n_rating_order++] = &p->scale->at[i];
	for (size_t i = 0; i < 5; i++)
		p->rating_order[p->n_rating_order++] = rating_builtin(builtin_order[i]);
	p->ratings_count.counts = arena_alloc(r->a, (p->n_rating_order + 1) *
					      sizeof *p->ratings_count.counts);
	for (size_t i = 0; i <= p->n_rating_order; i++)
		p->ratings_count.counts[i] = get_number(r);
	p->ratings_count.actions = get_number(r);
	p->ratings_count.steps = get_number(r);
	p->ratings_count.unrated = get_number(r);
	return p;
}

static struct report *get_report(struct reader *r)
{
	struct report *rep = arena_alloc(r->a, sizeof *rep);
	memset(rep, 0, sizeof *rep);
	rep->title = get_text(r);
	rep->committee = get_text(r);
	rep->date = get_date(r);
	rep->item = get_text(r);
	rep->classification = (enum classification)get_small(r, CLASS_PUBLIC, CLASS_EXEMPT);
	rep->exempt_reason = get_text(r);
	rep->appendices.n = get_count(r);
	rep->appendices.at = arena_alloc(r->a, (rep->appendices.n + 1) * sizeof *rep->appendices.at);
	for (size_t i = 0; r->ok && i < rep->appendices.n; i++) {
		struct appendix *a = &rep->appendices.at[i];
		memset(a, 0, sizeof *a);
		a->pos = get_pos(r);
		a->title = get_text(r);
		a->label = get_text(r);
		a->paper = get_located(r);
	}
	return rep;
}

static struct meeting *get_meeting(struct reader *r)
{
	struct meeting *m = arena_alloc(r->a, sizeof *m);
	memset(m, 0, sizeof *m);
	m->committee = get_text(r);
	m->date = get_date(r);
	m->items.n = get_count(r);
	m->items.at = arena_alloc(r->a, (m->items.n + 1) * sizeof *m->items.at);
	for (size_t i = 0; r->ok && i < m->items.n; i++) {
		struct agenda_item *it = &m->items.at[i];
		memset(it, 0, sizeof *it);
		it->pos = get_pos(r);
		it->number = (long)get_int_in(r, -(1LL << 62), 1LL << 62);
		it->exempt = get_text(r);
		it->papers.n = get_count(r);
		it->papers.at = arena_alloc(r->a, (it->papers.n + 1) * sizeof *it->papers.at);
		for (size_t j = 0; r->ok && j < it->papers.n; j++)
			it->papers.at[j] = (struct paper){ get_located(r), NULL };
	}
	return m;
}

static struct document *read_stub(struct reader *r, size_t len, const char *path,
				  const char *display, const struct site *site, struct arena *a)
{
	if (get_small(r, 0, 1 << 30) != FACTS_VERSION)
		return NULL;
	struct document *d = arena_alloc(a, sizeof *d);
	memset(d, 0, sizeof *d);
	d->stub = true;
	d->untranslated = get_small(r, 0, 1);
	d->path = path;
	d->file = display;
	d->kind = (enum doc_kind)get_small(r, DOC_PLAN, DOC_MEETING);
	d->id = get_text(r);
	d->id_pos = get_pos(r);
	d->n_site_links = get_count(r);
	d->site_links = arena_alloc(a, (d->n_site_links + 1) * sizeof *d->site_links);
	for (size_t i = 0; r->ok && i < d->n_site_links; i++) {
		d->site_links[i].target = get_text(r);
		d->site_links[i].pos = get_pos(r);
	}
	d->n_said_load = get_count(r);
	d->n_said_check = get_count(r);
	d->n_said_derive = get_count(r);
	size_t n_said = d->n_said_load + d->n_said_check + d->n_said_derive;
	if (!r->ok || n_said > len)
		return NULL;
	d->said = arena_alloc(a, (n_said + 1) * sizeof *d->said);
	for (size_t i = 0; r->ok && i < n_said; i++) {
		d->said[i].level = (enum diag_level)get_small(r, DIAG_WARNING, DIAG_ERROR);
		d->said[i].pos = get_pos(r);
		d->said[i].message = (char *)get_text(r);
		if (!d->said[i].message)
			r->ok = false;
	}
	if (!r->ok || !d->id)
		return NULL;
	switch (d->kind) {
	case DOC_PLAN: d->as.plan = get_plan(r, site); break;
	case DOC_REPORT: d->as.report = get_report(r); break;
	case DOC_MINUTES:
		d->as.minutes = arena_alloc(a, sizeof *d->as.minutes);
		memset(d->as.minutes, 0, sizeof *d->as.minutes);
		d->as.minutes->committee = get_text(r);
		d->as.minutes->date = get_date(r);
		break;
	case DOC_MEETING: d->as.meeting = get_meeting(r); break;
	default: r->ok = false; break;
	}
	if (r->ok && d->kind == DOC_PLAN)
		d->as.plan->id = d->id;
	else if (r->ok && d->kind == DOC_REPORT)
		d->as.report->id = d->id;
	else if (r->ok && d->kind == DOC_MINUTES)
		d->as.minutes->id = d->id;
	else if (r->ok && d->kind == DOC_MEETING)
		d->as.meeting->id = d->id;
	if (!r->ok || (size_t)(r->end - r->p) != 3 || memcmp(r->p, "end", 3) != 0)
		return NULL;
	return d;
}

struct document *facts_read(const char *text, size_t len, const char *path,
			    const char *display, const struct site *site, struct arena *a)
{
	struct reader r = { text, text + len, display, a, true, NULL, 0 };
	struct document *d = read_stub(&r, len, path, display, site, a);
	if (d)
		document_keep_foreign(d, r.foreign, r.n_foreign, a);
	free(r.foreign);
	return d;
}
