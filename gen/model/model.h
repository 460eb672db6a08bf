/* model.h - the typed model every renderer walks: site, plan (themes, actions,
 * KPIs), report, minutes and meeting. Built only by schema.c from a valid file,
 * completed by derive.c with the facts computed once (overdue, RAG counts, KPI
 * trend), so renderers present and never re-check (a document with errors is
 * checked across files but never rendered: see document.invalid). Every record starts with its
 * position in the source, for diagnostics found after loading. */
#ifndef PLANPRESS_MODEL_H
#define PLANPRESS_MODEL_H

#include "diag.h"
#include "values.h"

#include <stdbool.h>
#include <stddef.h>

/* Every list in the model has this shape, so the schema's generic checker can
 * fill any of them (see struct raw_list in schema.c). */
#define LIST_OF(T) struct { T *at; size_t n; struct pos pos; }

/* A text together with where it was written (ids and paths named elsewhere). */
struct located_text {
	const char *text;
	struct pos pos;
};

typedef LIST_OF(const char *) text_list;
typedef LIST_OF(struct located_text) located_list;
typedef LIST_OF(struct number) number_list;

enum due_kind { DUE_NONE, DUE_DATE, DUE_MONTH, DUE_TEXT };

/* A timescale: a date, a month, or words ("Six monthly"). Only the first two
 * can be overdue. */
struct due {
	enum due_kind kind;
	struct date date;	/* DUE_DATE, DUE_MONTH (day 0) */
	const char *text;	/* as written, for every kind */
	struct pos pos;
};

struct person {
	struct pos pos;
	const char *name, *title, *email, *phone;
};

struct section {
	struct pos pos;
	const char *title;
	const char *text;	/* markdown */
};
typedef LIST_OF(struct section) section_list;

/* ---- site ---- */

struct site {
	struct pos pos;
	const char *organisation, *title, *base_url, *logo, *colour;
	struct pos logo_pos;	/* where `logo:` names the file, for its checks */
	text_list address;
	const char *footer;	/* markdown */
};

/* ---- plan ---- */

enum plan_status {
	PLAN_APPROVED,		/* the default */
	PLAN_DRAFT, PLAN_CONSULTATION, PLAN_FINAL, PLAN_SUPERSEDED,
};

enum action_status {
	ACTION_STATUS_NONE, ACTION_NOT_STARTED, ACTION_IN_PROGRESS,
	ACTION_COMPLETE, ACTION_CANCELLED,
};

/* Columns of action tables, in their default order. */
enum column {
	COL_REF,
	COL_TITLE,	/* addition: the action's title in a column of its own */
	COL_ACTION, COL_OUTCOME, COL_MEASURE, COL_LEADS, COL_DUE,
	COL_PROGRESS, COL_PROGRESS_RAG, COL_IMPACT_RAG, COL_STATUS, COL_COUNT
};

struct update {
	struct pos pos;
	struct date date;
	enum rag rag;
	const char *note;	/* markdown */
};

struct kpi;

struct action {
	struct pos pos;
	const char *ref;
	const char *title;	/* addition: short name shown with the ref */
	const char *action;	/* markdown */
	const char *outcome;	/* markdown */
	const char *measure;
	text_list leads;
	struct due due;
	const char *progress;	/* markdown */
	enum action_status status;
	enum rag progress_rag, impact_rag;
	located_list kpi_ids;
	LIST_OF(struct update) updates;
	/* its status or progress RAG is a value the loader could not keep (too
	 * long, a control character): whether it is complete is not known */
	bool done_unknown;
	/* derived */
	bool overdue;
	struct kpi **kpis;	/* kpi_ids resolved, same order */
	const char *anchor;	/* fragment id, unique on the page (anchor.h) */
};

struct review {
	struct pos pos;
	const char *progress, *challenges, *next_steps;	/* markdown */
};

struct theme {
	struct pos pos;
	const char *ref, *title, *label, *summary_title;
	const char *summary;	/* markdown */
	struct review review;
	LIST_OF(struct action) actions;
	located_list kpi_ids;
	/* derived */
	size_t rag_counts[RAG_COUNT];	/* actions by progress RAG */
	size_t overdue;
	struct kpi **kpis;
	const char *anchor;		/* fragment ids (anchor.h) */
	const char **kpi_anchors;	/* of each kpi shown with the theme */
};

enum kpi_unit { UNIT_NUMBER, UNIT_PERCENT, UNIT_RATE, UNIT_CURRENCY, UNIT_DAYS };
enum kpi_better { BETTER_NEITHER, BETTER_HIGHER, BETTER_LOWER };
enum kpi_chart { CHART_LINE, CHART_BAR, CHART_NONE };
/* Direction of travel, judged by `better`; for `neither` only up/down/same. */
enum kpi_trend {
	TREND_NOT_KNOWN,	/* fewer than two known values */
	TREND_IMPROVING, TREND_WORSENING, TREND_NO_CHANGE,
	TREND_UP, TREND_DOWN,	/* polarity neither */
};

struct comparator {
	struct pos pos;
	const char *name;
	number_list values;
};

struct kpi {
	struct pos pos;
	const char *id, *title;
	const char *description;	/* markdown */
	enum kpi_unit unit;
	struct number per;
	long decimals;
	enum kpi_better better;
	text_list periods;
	number_list values;
	number_list targets;	/* one per period; a single target is repeated */
	bool single_target;
	struct number tolerance;
	LIST_OF(struct comparator) comparators;
	enum kpi_chart chart;
	const char *source;
	const char *notes;	/* markdown */
	/* derived */
	long latest;		/* index of the latest known value, -1 if none */
	long previous;		/* index of the known value before it, -1 if none */
	double change;		/* latest - previous, when both exist */
	enum kpi_trend trend;
	enum rag rag;		/* latest value against its period's target */
	const char *anchor;	/* fragment id in the indicators section (anchor.h) */
};

struct plan {
	struct pos pos;
	const char *id, *title, *subtitle, *organisation, *service;
	const char *vision;	/* markdown */
	const char *version;
	enum plan_status status;
	const char *period;
	struct date published, as_at;
	const char *owner, *theme_label;
	const char *labels[COL_COUNT];	/* headings; defaults filled by derive */
	enum column columns[COL_COUNT];
	size_t n_columns;		/* from `columns`, or derived */
	bool columns_given;
	const char *intro;		/* markdown */
	section_list sections;
	LIST_OF(struct theme) themes;
	LIST_OF(struct kpi) kpis;
	section_list closing;
	/* derived */
	size_t rag_counts[RAG_COUNT];
	size_t n_actions, overdue;
};

/* ---- report ---- */

struct document;

struct appendix {
	struct pos pos;
	const char *title;
	const char *label;	/* addition: "A" for "Appendix A"; default 1, 2 ... */
	struct located_text paper;
	struct document *doc;	/* resolved by the cross-file checks */
};

struct report {
	struct pos pos;
	const char *id, *title, *committee;
	const char *organisation;	/* addition; default from the site */
	struct date date;
	const char *time, *item;	/* additions: "10.00am", the agenda item "6" */
	enum classification { CLASS_PUBLIC, CLASS_EXEMPT } classification;
	const char *exempt_reason;
	struct person responsible_officer;
	section_list sections;
	const char *background_papers;	/* markdown */
	const char *cabinet_member, *local_member;
	LIST_OF(struct appendix) appendices;
};

/* ---- minutes ---- */

struct minute {
	struct pos pos;
	long number;
	const char *title;
	text_list paragraphs;	/* markdown each */
	const char *resolved;	/* markdown */
};

struct minutes {
	struct pos pos;
	const char *id, *committee;
	struct date date;
	const char *time, *venue;
	struct person officer;
	text_list present;
	LIST_OF(struct minute) items;
};

/* ---- meeting ---- */

struct member {
	struct pos pos;
	const char *name, *role;
};
typedef LIST_OF(struct member) member_list;

struct paper {
	struct located_text path;
	struct document *doc;	/* resolved by the cross-file checks */
};

struct agenda_item {
	struct pos pos;
	long number;		/* default: position from 1 */
	bool number_given;
	const char *title;
	const char *text;	/* markdown */
	LIST_OF(struct paper) papers;
	const char *exempt;	/* the reason, or NULL */
};

struct meeting {
	struct pos pos;
	const char *id, *committee;
	struct date date;
	const char *time, *venue;
	struct date issued;
	struct person summoned_by, officer;
	member_list members, co_opted_voting, co_opted_non_voting;
	text_list substitutes;
	LIST_OF(struct agenda_item) items;
};

/* ---- documents ---- */

enum doc_kind { DOC_SITE, DOC_PLAN, DOC_REPORT, DOC_MINUTES, DOC_MEETING, DOC_KIND_COUNT };

/* A markdown link to a page of the site ("../plans/x.html"), checked once
 * every document is known. */
struct site_link {
	const char *target;
	struct pos pos;
};

struct document {
	enum doc_kind kind;
	const char *id;
	struct pos id_pos;	/* its `id:` value, or the document's start */
	const char *path;	/* relative to the content root: plans/x.yaml */
	const char *file;	/* as diagnostics name it: content/plans/x.yaml */
	/* it had errors of its own: kept, as far as it was read, for the checks
	 * that span files (ids, papers, overdue), so one run reports every
	 * problem; never rendered, since any error stops a build */
	bool invalid;
	bool withheld;		/* exempt: never published on the site (derived) */
	const char *withheld_reason;	/* why: the exemption paragraph it falls under */
	struct site_link *site_links;	/* in its markdown */
	size_t n_site_links;
	union {
		struct site *site;
		struct plan *plan;
		struct report *report;
		struct minutes *minutes;
		struct meeting *meeting;
		void *any;
	} as;
};

const char *doc_kind_name(enum doc_kind kind);		/* "plan" */
const char *doc_kind_folder(enum doc_kind kind);	/* "plans" */

const char *column_name(enum column c);		/* "progress_rag" */
const char *column_default_label(enum column c);	/* "Progress RAG" */
/* The column whose cell also carries an action's dated updates and the
 * indicators it moves: progress if shown, else the action, else the ref. */
enum column plan_history_column(const struct plan *p);

#endif
