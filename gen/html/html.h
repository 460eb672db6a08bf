/* html.h - the website renderer: builds a view of each page from the model,
 * expands the page's template and serialises it as HTML5. */
#ifndef PLANPRESS_HTML_H
#define PLANPRESS_HTML_H

#include "content.h"
#include "diag.h"
#include "write.h"

struct html_renderer;
struct chart_style;

/* templates_dir holds html/ (pages, partials, assets/). */
struct html_renderer *html_new(const struct content *content, const char *templates_dir,
			       struct diags *diags);
/* Its pages are in the lang-th of the content's languages (content.h's
 * langs; 0, the main one, unless said), and link the same page in the
 * others. */
void html_set_language(struct html_renderer *r, size_t lang);
/* What its pages say goes to diags from now on (a build says its pages'
 * problems after its PDFs', which are rendered meanwhile). */
void html_set_diags(struct html_renderer *r, struct diags *diags);
/* The PDFs the build makes, by their paths in the output tree
 * ("plans/x.pdf"): a page links its document's PDF (a meeting's, its agenda
 * pack) only when it is one of them. A build fails whole when any PDF fails,
 * so the pages can be rendered while the PDFs still are. The strings (not
 * the list) must last while r renders; without them (`render`), no page
 * links a PDF. */
void html_set_pdfs(struct html_renderer *r, const char *const *paths, size_t n);
/* Renders the page of one document into out (at plans/ID.html ...). */
bool html_render_document(struct html_renderer *r, const struct document *doc,
			  struct output *out);
/* The same page as a standalone file at path (for `render -o X.html`). */
bool html_render_document_to(struct html_renderer *r, const struct document *doc,
			     const char *path, struct output *out);
/* out/index.html and out/assets/ */
/* What the front page lists of every document, as text (view_write's):
 * with the site's key, what decides whether it is made again. NULL when
 * it cannot be told. The caller frees it. */
char *html_index_text(struct html_renderer *r);
/* The front page (unless index is false: the last build's is kept), the
 * style sheet and assets, the logo. */
bool html_render_site(struct html_renderer *r, struct output *out, bool index);
/* Whether a page was not made for want of a temporary file (a long page is
 * written on to one), not for its content: the build's exit is then 3. */
bool html_spool_failed(const struct html_renderer *r);
void html_free(struct html_renderer *r);

/* The style and size in which a plan's KPI is charted as SVG (its file,
 * assets/charts/PLAN-KPI.svg, or PLAN-KPI_narrow.svg for a narrow screen): for
 * the tests that read a chart back from its drawing (tests/chart/). */
void html_chart_style(const struct html_renderer *r, const struct plan *p, const struct kpi *k,
		      bool narrow, struct chart_style *style, double *w, double *h);

/* Where a document's page lives in the output tree: "plans/x.html". */
const char *html_page_path(struct arena *a, const struct document *doc, const char *ext);

/* The site path a relative link on the page at page ("plans/x.html") leads
 * to: "../reports/y.html#b" gives "reports/y.html#b", "/a.csv" (from the
 * site's root, as the content checks read it) "a.csv"; NULL when it is not
 * such a link (it has a scheme or a host, is only a #fragment, or climbs
 * above the site's root). */
const char *html_site_path(struct arena *a, const char *page, const char *href);

#endif
