/* pdf.h - the printable reports: a document of the model becomes a flow of
 * blocks (pdf.c), the flow becomes pages (layout.c), the pages become a PDF
 * (paint.c). */
#ifndef PLANPRESS_PDF_H
#define PLANPRESS_PDF_H

#include "content.h"
#include "diag.h"
#include "flow.h"
#include "layout.h"
#include "paint.h"
#include "pdf_style.h"

struct pdf_renderer;
struct chart_style;
struct kpi;

struct pdf_renderer *pdf_new(const struct content *content, const char *templates_dir,
			     struct diags *diags);
void pdf_free(struct pdf_renderer *r);

/* Whether this kind of document has a PDF of its own. */
bool pdf_supports(const struct document *doc);

/* The whole PDF of one document written to out (see paint_pdf); false (with a diagnostic) if cairo
 * failed. */
bool pdf_render_document(struct pdf_renderer *r, const struct document *doc, FILE *out);

/* For tests and previews: lay the document out and keep its pages. Free the
 * pages, then the flow (figures are painted from it). */
bool pdf_layout_document(struct pdf_renderer *r, const struct document *doc, struct flow *flow,
			 struct layout_result *pages, struct pdf_meta *meta);
const struct pdf_style *pdf_style_of(const struct pdf_renderer *r);
PangoContext *pdf_context_of(const struct pdf_renderer *r);
/* A Pango context (and font map) of its own for a forked process: the
 * font map's fontconfig thread is not in the fork, which a font map whose
 * matches are found on that thread would wait on for ever. */
void pdf_new_context(struct pdf_renderer *r);
struct arena *pdf_arena_of(struct pdf_renderer *r);
const struct content *pdf_content_of(const struct pdf_renderer *r);
struct diags *pdf_diags_of(struct pdf_renderer *r);
/* The error for a document whose layout ran past LAYOUT_MAX_PAGES, at its
 * file. */
void pdf_refuse_long(struct pdf_renderer *r, const struct document *doc);

/* The KPI a laid-out figure charts, and the style it is drawn in (the figure
 * is drawn with chart_draw_kpi in its item's box); NULL when the figure is not
 * a KPI's chart. For the tests that read a chart back from the PDF
 * (tests/chart/). */
const struct kpi *pdf_figure_kpi(const struct figure *fig, struct chart_style *style);

/* The site's logo as a figure (nothing when the site has none), at most
 * width wide: on covers and summonses. */
void pdf_add_logo(struct pdf_renderer *r, struct flow *f, double width);

/* A document of up to this many pages is laid out once and kept whole while
 * it is painted; a longer one is laid out first to count its pages (on every
 * core), keeping only its first pages, and then the rest a second time,
 * each page painted and freed as soon as it is complete, so memory stays
 * bounded. A held page costs about 115 KB (its shaped lines): 64 of them
 * cover most reports and plans in one pass, and a 273-page plan peaks at
 * 46 MB rather than 77, for a fifth more CPU time. An agenda pack holds
 * this many of its papers' pages in all. */
#define PDF_PAGES_IN_MEMORY 64

/* Paints the pages of flow, counted by layout_flow_bounded into counted
 * from index first on, and numbered there: those it held as they are, the
 * rest laid out again from resume, each given what was set on the page
 * counted in its place (layout_restore_page). Each page is released once
 * painted. */
void pdf_paint_flow(struct pdf_renderer *r, struct pdf_painter *painter, const struct flow *flow,
		    struct layout_resume resume, struct layout_result *counted, size_t first);

/* The flow and metadata of one document (plan, report or minutes), for a
 * document of its own or as a paper in an agenda pack. */
bool pdf_document_flow(struct pdf_renderer *r, const struct document *doc, struct flow *flow,
		       struct pdf_meta *meta);

#endif
