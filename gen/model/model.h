/* model.h - the typed model every renderer walks: site, plan (themes, actions,
 * KPIs), report, minutes and meeting. Built only by schema.c from a valid file,
 * completed by derive.c with the facts computed once (overdue, RAG counts, KPI
 * trend), so renderers present and never re-check (a document with errors is
 * checked across files but never rendered: see document.invalid). Every record starts with its
 * position in the source, for diagnostics found after loading. */
#ifndef PLANPRESS_MODEL_H
#define PLANPRESS_MODEL_H

#include "colour.h"
#include "diag.h"
#include "markdown.h"
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

/* A timescale: a period (a date, month, quarter, financial year or year),
 * or words ("Six monthly"). Only a period can be overdue. */
struct due {
	struct period period;	/* PERIOD_NONE: words only, or nothing */
	const char *text;	/* as written, whatever it is; NULL: no due */
	struct pos pos;
};

struct person {
	struct pos pos;
	const char *name, *title, *email, *phone;
};
/* Revision 2: an officer may be several persons. */
typedef LIST_OF(struct person) person_list;

struct section {
	struct pos pos;
	const char *title;
	const struct markdown *text;	/* markdown */
	/* its paragraphs, each read apart, for a report numbering them (split
	 * as markdown_split_paragraphs says) */
	const struct markdown **paragraphs;
	size_t n_paragraphs;
};
typedef LIST_OF(struct section) section_list;

/* ---- site ---- */

/* ---- ratings ---- */

/* A word a rating may take: one of the council's scale (`ratings:`), or one
 * of revision 1's (Red, Amber, Green, Blue, Not rated: rating_builtin). */
struct rating {
	struct pos pos;
	const char *word;	/* as printed: "Started but delayed", "Red" */
	enum rag rag;		/* what it counts as: blue is complete */
	struct rgb colour;	/* its own colour (`colour:`), when has_colour */
	bool has_colour;
	const char *key;	/* names its colour in a style sheet: "red", "r2" */
	/* in a translation: the original's word, which the documents' ratings
	 * (never translated) are written in */
	const char *source;
};
typedef LIST_OF(struct rating) rating_list;

/* A rating as the source gives it: the word written, found in the scale in
 * force once every file is read (the site's scale is another file's). */
struct rated {
	const struct rating *rating;	/* NULL: no rating given */
	const char *text;		/* as written */
	const char *key;		/* the key it is under, for messages: "rag" */
	struct pos pos;
};

/* Revision 1's words: rating_builtin(RAG_RED) is "Red" ... RAG_NONE "Not rated". */
const struct rating *rating_builtin(enum rag r);

/* ---- site ---- */

struct site {
	struct pos pos;
	const char *organisation, *title, *base_url, *logo, *colour;
	struct rgb brand;	/* colour, read; has_brand when it is given and valid */
	bool has_brand;
	struct pos logo_pos;	/* where `logo:` names the file, for its checks */
	text_list address;
	const struct markdown *footer;	/* markdown */
	rating_list ratings;	/* the council's scale, worst first; n 0: none */
	bool ratings_given;
	/* revision 2, Languages: the site's languages, its main one first
	 * ("en", "cy"); n 0: English alone */
	text_list languages;
};

/* ---- plan ---- */

enum plan_status {
	PLAN_STATUS_NONE,	/* none given: none shown (revision 2) */
	PLAN_DRAFT, PLAN_CONSULTATION, PLAN_APPROVED, PLAN_FINAL, PLAN_SUPERSEDED,
};

enum action_status {
	ACTION_STATUS_NONE, ACTION_NOT_STARTED, ACTION_IN_PROGRESS,
	ACTION_COMPLETE, ACTION_CANCELLED,
};

/* Columns of action tables, in their default order. What each shows is
 * decided once, in plan_cell(); how it is named, in column_info(). */
enum column {
	COL_REF,
	COL_TITLE,	/* addition: the action's title in a column of its own */
	COL_ACTION, COL_OUTCOME, COL_MEASURE, COL_LEADS, COL_DUE,
	COL_PROGRESS, COL_PROGRESS_RAG, COL_IMPACT_RAG, COL_STATUS,
	COL_HISTORY,	/* revision 2: the rating at each of the plan's reviews */
	COL_CHANGE,	/* revision 2: the change since the previous review */
	COL_COUNT
};

/* What has changed since the previous review (plan `previous_review`). */
enum change {
	CHANGE_NONE,		/* no previous review, or nothing to judge */
	CHANGE_UP, CHANGE_DOWN, CHANGE_COMPLETED, CHANGE_NEW, CHANGE_SAME,
};

struct update {
	struct pos pos;
	struct period when;	/* the update's `date`: a date, month, quarter ... */
	struct rated rating;
	const struct markdown *note;	/* markdown */
};
typedef LIST_OF(struct update) update_list;

struct kpi;

/* What an action and each of its steps have alike: who does it, by when,
 * how far it has got, and how it is rated, now and at each review. */
struct task {
	text_list leads;
	struct due due;
	const struct markdown *progress;	/* markdown */
	enum action_status status;
	struct rated rating;	/* an action's progress rating; a step's rating */
	update_list updates;
	/* its status or rating is a value the loader could not keep (too
	 * long, a control character): whether it is complete is not known */
	bool done_unknown;
	/* derived */
	bool overdue;
	const struct rating **history;	/* the rating at the end of each review */
	enum change change;
	const struct rating *rating_before;	/* at the previous review (change) */
};

struct step {
	struct pos pos;
	const struct markdown *text;	/* markdown */
	struct task task;
	size_t number;		/* 1, 2 ... within its action (derived) */
};

struct action {
	struct pos pos;
	const char *ref;
	const char *suffix;	/* revision 2: "(A)", telling apart refs the source repeats */
	const char *title;	/* addition: short name shown with the ref */
	const struct markdown *action;	/* markdown */
	const struct markdown *outcome;	/* markdown */
	const char *measure;
	struct task task;	/* leads, due, progress, status, progress rating, updates */
	struct rated impact;	/* impact rating */
	located_list kpi_ids;
	LIST_OF(struct step) steps;
	/* derived */
	const char *shown_ref;	/* ref and suffix: "2.1 (A)" */
	struct kpi **kpis;	/* kpi_ids resolved, same order */
	const char *anchor;	/* fragment id, unique on the page (anchor.h) */
	struct theme *theme;
};

struct review {
	struct pos pos;
	const struct markdown *progress, *challenges, *next_steps;	/* markdown */
};

/* How many ratings of each word a part of a plan has: counts[i] of the
 * plan's rating_order[i]; rated, the ratings counted (actions, and the steps
 * of actions not rated themselves); unrated, actions with no rating at all. */
struct rating_counts {
	size_t *counts;
	size_t actions, steps;	/* counted: rated actions, rated steps */
	size_t unrated;		/* actions with no rating, nor rated steps */
};

struct theme {
	struct pos pos;
	const char *ref;	/* NULL: the source numbers nothing */
	const char *title, *label, *summary_title;
	bool label_given;	/* `label` set (`none` too) */
	const struct markdown *summary;	/* markdown */
	struct review review;
	LIST_OF(struct action) actions;
	LIST_OF(struct theme) themes;	/* revision 2: sub-themes, to a depth of 4 */
	located_list kpi_ids;
	/* derived */
	int depth;		/* 1 for the plan's own themes */
	struct theme *parent;
	const char *heading;	/* "Recommendation 1: Title", "1. Title", "Title" */
	const char *numbering;	/* the heading's part before the title: "Recommendation
				 * 1", "1.", "1.1"; NULL when it has none */
	const char *name;	/* "Recommendation 1", "1", or the title: what it is called */
	struct rating_counts ratings;	/* everything below it */
	struct rating_counts own;	/* its own actions (its table's) */
	size_t n_actions;	/* below it */
	size_t overdue, overdue_steps;
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

/* A distance from a target: in the KPI's unit, or a percentage of the
 * target ("5%"). */
struct distance {
	struct number value;	/* not known: not given */
	bool percent;
};

struct kpi {
	struct pos pos;
	const char *id, *title;
	const char *ref;		/* revision 2: the council's own, "1.1.2.PI" */
	const struct markdown *description;	/* markdown */
	enum kpi_unit unit;
	struct number per;
	long decimals;
	bool decimals_given;
	enum kpi_better better;
	text_list periods;
	number_list values;
	number_list targets;	/* one per period; a single target is repeated */
	bool single_target;
	struct distance tolerance;
	struct kpi_rating {		/* revision 2 `rating:` */
		struct pos pos;
		struct distance green, amber;
	} rating;
	bool rating_given;
	LIST_OF(struct rated) status;	/* the council's own rating per period */
	text_list trend_words;		/* the council's own direction per period (NULL: ~) */
	struct number baseline;
	bool contextual;
	LIST_OF(struct comparator) comparators;
	enum kpi_chart chart;
	const char *source;
	const struct markdown *notes;	/* markdown */
	/* derived */
	long latest;		/* index of the latest known value, -1 if none */
	long previous;		/* index of the known value before it, -1 if none */
	double change;		/* latest - previous, when both exist */
	int change_precision;	/* digits the change is shown with */
	enum kpi_trend trend;
	enum rag rag;		/* latest value against its period's target */
	enum rag previous_rag;	/* the value before it against its target */
	const char *anchor;	/* fragment id in the indicators section (anchor.h) */
};

enum scorecard_place { SCORECARD_END, SCORECARD_START, SCORECARD_NONE };

/* What moved since the previous review, for the "Changes since" section. */
enum changed {
	CHANGED_UP, CHANGED_DOWN, CHANGED_COMPLETED, CHANGED_NEW, CHANGED_OVERDUE,
	CHANGED_KPI, CHANGED_COUNT
};
struct plan_change {
	enum changed kind;
	const struct action *action;	/* NULL for an indicator */
	const struct step *step;	/* one of its steps, or NULL */
	const struct kpi *kpi;		/* CHANGED_KPI */
	const struct rating *from, *to;	/* UP, DOWN, KPI */
};

struct plan {
	struct pos pos;
	const char *id, *title, *subtitle, *organisation, *service;
	const struct markdown *vision;	/* markdown */
	const char *version;
	enum plan_status status;
	const char *period;
	struct date published;
	struct period as_at;
	const char *owner, *theme_label;	/* theme_label NULL: `none` */
	const char *labels[COL_COUNT];	/* headings; defaults filled by derive */
	enum column columns[COL_COUNT];
	size_t n_columns;		/* from `columns`, or derived */
	bool columns_given;
	const struct markdown *intro;		/* markdown */
	section_list sections;
	LIST_OF(struct theme) themes;
	LIST_OF(struct kpi) kpis;
	section_list closing;
	rating_list ratings;		/* revision 2: its own scale (else the site's) */
	bool ratings_given;
	LIST_OF(struct period) reviews;	/* revision 2: the plan's review dates */
	struct period previous_review;	/* revision 2: "Changes since ..." */
	enum scorecard_place scorecard;
	/* derived */
	const rating_list *scale;	/* the scale in force: its own or the site's; NULL */
	const struct rating **rating_order;	/* what counts are counted by, in order */
	size_t n_rating_order;
	struct rating_counts ratings_count;
	size_t n_actions, overdue, overdue_steps;
	struct theme **all_themes;	/* every theme, sub-themes too, in document order */
	size_t n_all_themes;
	struct action **all_actions;	/* every action, in document order */
	size_t n_all_actions;
	struct plan_change *changes;	/* since previous_review, in document order */
	size_t n_changes;
	bool has_steps;
};

/* What the cell of an action table shows, decided once for the web page,
 * the PDF and the CSV: for the action's own line (step NULL) or one of its
 * steps'. */
enum cell_kind {
	CELL_EMPTY, CELL_REF, CELL_TEXT, CELL_MARKDOWN, CELL_NAMES, CELL_DUE,
	CELL_RATING, CELL_STATUS, CELL_HISTORY, CELL_CHANGE,
};
struct cell_value {
	enum cell_kind kind;
	const char *text;		/* REF (with the title under it, title), TEXT, DUE */
	const struct markdown *md;	/* MARKDOWN */
	const char *title;		/* REF: the action's title, shown under it */
	const text_list *names;		/* NAMES */
	const struct rating *rating;	/* RATING */
	const struct rating **history;	/* HISTORY: one per review (NULL: not rated) */
	size_t n_history;
	enum action_status status;	/* STATUS */
	enum change change;		/* CHANGE */
	bool overdue;			/* DUE */
};

/* Where a column sits in a row with steps: spanning them all (the action's
 * own), or in a line for each step. */
struct column_info {
	const char *name;		/* "progress_rag", as `columns` and `labels` name it */
	const char *default_label;	/* "Progress RAG" */
	bool per_step;			/* a step has its own */
};
const struct column_info *column_info(enum column c);
struct cell_value plan_cell(const struct plan *p, const struct action *a,
			    const struct step *step, enum column c);
/* The task a line of a row shows: the action's own, or a step's. */
const struct task *line_task(const struct action *a, const struct step *step);

/* ---- report ---- */

struct document;

struct appendix {
	struct pos pos;
	const char *title;
	const char *label;	/* addition: "A" for "Appendix A"; default 1, 2 ... */
	struct located_text paper;
	struct document *doc;	/* resolved by the cross-file checks */
};

/* How a report's paragraphs are numbered (revision 2 `numbering`). */
enum numbering {
	NUMBERING_SECTIONS,	/* 1, 1.1, 1.2 ... */
	NUMBERING_PARAGRAPHS,	/* 1, 2, 3 ... straight through; titles unnumbered */
	NUMBERING_NONE,
};

struct report {
	struct pos pos;
	const char *id, *title, *committee;
	const char *organisation;	/* addition; default from the site */
	struct date date;
	const char *time, *item;	/* additions: "10.00am", the agenda item "6" */
	enum classification { CLASS_PUBLIC, CLASS_EXEMPT } classification;
	bool classification_given;	/* public by default, but not said so */
	const char *exempt_reason;
	person_list responsible_officer;
	enum numbering numbering;
	section_list sections;
	const struct markdown *background_papers;	/* markdown */
	const char *cabinet_member, *local_member;
	LIST_OF(struct appendix) appendices;
};

/* ---- minutes ---- */

/* A paragraph of a minute: its number as the record prints it ("17.3"),
 * or NULL to number it in turn (11.1, 11.2 ...). */
struct numbered {
	struct pos pos;
	const char *number;
	const struct markdown *text;	/* markdown */
};

struct minute {
	struct pos pos;
	long number;
	const char *number_text;	/* as written: printed so */
	const char *title;
	LIST_OF(struct numbered) paragraphs;
	struct numbered resolved;	/* text NULL: none */
	/* derived: the numbers printed, given or in turn */
	const char **paragraph_numbers;
	const char *resolved_number;
	const char *anchor;
};

/* addition: a list of those at a meeting under the minutes' own heading
 * ("In Attendance", "Officers in Attendance", "External Attendees") */
struct attendance {
	struct pos pos;
	const char *heading;
	text_list names;
};

/* addition: whether paragraphs a minute does not number are numbered in
 * turn (11.1, 11.2 ...: revision 1) or left unnumbered, as the record is */
enum minutes_numbering { MINUTES_PARAGRAPHS, MINUTES_NONE };

struct minutes {
	struct pos pos;
	const char *id, *committee;
	enum minutes_numbering numbering;
	/* addition: who signs them as the record prints it ("Chairman");
	 * NULL: no signature lines, which would name a title not given */
	const char *signature;
	const char *organisation;	/* addition: default from the site */
	struct date date;
	const char *time, *venue;
	person_list officer;
	text_list present;
	text_list apologies;		/* addition: apologies for absence */
	LIST_OF(struct attendance) attendance;	/* addition */
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
	const char *number_text;	/* as written, or the default's digits */
	bool number_given;
	const char *title;
	const struct markdown *text;	/* markdown */
	LIST_OF(struct paper) papers;
	const char *exempt;	/* the reason, or NULL */
};

struct meeting {
	struct pos pos;
	const char *id, *committee;
	const char *organisation;	/* revision 2; default from the site */
	struct date date;
	const char *time, *venue;
	struct date issued;
	person_list summoned_by, officer;
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

struct node;

struct document {
	enum doc_kind kind;
	const struct node *tree;	/* as loaded, for its translations; NULL
					 * when none are made (content.h) */
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
	/* In a translation (content.h's versions): the texts kept in the
	 * original's language for want of a translation, by address, sorted
	 * (document_text_foreign); the original document; and whether there
	 * was no translation file at all. */
	const void **foreign;
	size_t n_foreign;
	const struct document *original;
	bool untranslated;
	/* What checking its file alone said, kept for the build's record of
	 * checked files (facts.h): the loader's diagnostics, the schema's,
	 * then derive's, each with its message and file its own. */
	struct diag *said;
	size_t n_said_load, n_said_check, n_said_derive;
	/* made from that record, not from its file: only what a document not
	 * rendered is read for (facts.h) */
	bool stub;
	union {
		struct site *site;
		struct plan *plan;
		struct report *report;
		struct minutes *minutes;
		struct meeting *meeting;
		void *any;
	} as;
};

/* The files the build makes of a document, decided here once for the build,
 * the link checks and the pages that link them: each a suffix to the
 * document's folder and id ("plans/x" + ".pdf"). */
enum output_kind { OUTPUT_PAGE, OUTPUT_PDF, OUTPUT_CSV, OUTPUT_KPIS_CSV };
struct document_output {
	enum output_kind kind;
	const char *suffix;	/* ".html", ".pdf", ".csv", "-kpis.csv" */
};
#define DOCUMENT_OUTPUTS_MAX 4
/* Its page, and its PDF (a plan's report, a meeting's agenda pack), a plan's
 * actions as CSV and, when it has indicators, theirs. None for the site's
 * settings, nor for a document withheld from the site (exempt). */
size_t document_outputs(const struct document *d, struct document_output *out);

/* d's foreign texts (above): the n pointers of texts, copied into a. */
void document_keep_foreign(struct document *d, const void *const *texts, size_t n,
			   struct arena *a);

/* into's foreign texts: every text any of the n docs keeps so. A page in
 * a language marks a text foreign when any of its documents does (a plan's
 * organisation may be the site's text); one list asked, not n. */
void documents_foreign(struct document *into, struct document *const *docs, size_t n,
		       struct arena *a);

/* Whether text (a pointer into the model of d) is one d keeps in its
 * original's language, for want of a translation. */
bool document_text_foreign(const struct document *d, const void *text);

/* While the pages and PDFs of a translation are made: the texts of its
 * documents (docs, n of them) kept in the language lang (the original's,
 * "en") for want of a translation, which every output marks so; NULL docs:
 * none is, as in the original's language. Decided here once for the web
 * page and the PDF alike. */
void foreign_texts_use(struct document *const *docs, size_t n, const char *lang);
/* The language text (a pointer into the model) is kept in, when it is one
 * of those; else NULL. */
const char *text_foreign_lang(const void *text);
/* The same of a text made of the n parts with only punctuation between
 * ("Name (Role)", "A, B, C"): the language when every part is kept in it. */
const char *texts_foreign_lang(const char *const *parts, size_t n);
/* In a text made of the n parts (texts of the model, NULL or empty passed
 * over) and words of the page's language ("Camau gweithredu ar gyfer
 * Priority 1"): where the next part kept in another language stands, from
 * at on. The parts are found left to right, of those at one place the
 * longest (a member's name before the role it begins with, "Chair of
 * Finance (Chair)"), each after the last, whatever its language; NULL when
 * no more kept in another language follow, else *part its index. The web
 * page and the PDF mark the parts of a text so, one after another. */
const char *text_next_foreign_part(const char *at, const char *const *parts, size_t n,
				   size_t *part);

const char *doc_kind_name(enum doc_kind kind);		/* "plan" */
const char *doc_kind_folder(enum doc_kind kind);	/* "plans" */

const char *column_name(enum column c);		/* "progress_rag" */
const char *column_default_label(enum column c);	/* "Progress RAG" */
/* The column whose cell also carries an action's dated updates and the
 * indicators it moves: progress if shown, else the action, else the ref. */
enum column plan_history_column(const struct plan *p);
/* Whether the plan shows column c. */
bool plan_shows(const struct plan *p, enum column c);

#endif
