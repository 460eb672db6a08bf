/* pack.c - agenda packs. The papers are laid out first, so that the agenda,
 * laid out after them, can print the real "(Pages a - b)" of each item; the
 * summons and agenda go in front, unnumbered, as clerks number packs. */
#include "pack.h"
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct paragraph *text(struct pdf_renderer *r, enum para_role role, const char *t)
{
	return paragraph_text(pdf_style_of(r), role, t ? t : "");
}

static struct paragraph *labelled(struct pdf_renderer *r, const char *label, const char *value)
{
	struct paragraph *p = paragraph_new(pdf_style_of(r), ROLE_P);
	PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
	char *l = arena_printf(pdf_arena_of(r), "%s ", label);
	rich_add(&p->rich, l, strlen(l), &bold, 1);
	rich_add(&p->rich, value, strlen(value), NULL, 0);
	p->space_after = pdf_style_of(r)->size_body * 0.3;
	return p;
}

static bool withheld(const struct agenda_item *it, const struct document *paper, bool full)
{
	if (full)
		return false;
	/* what the site withholds (an exempt report, a paper of an exempt item
	 * anywhere, an exempt report's appendices) the public pack does too */
	return it->exempt || (paper && paper->withheld);
}

static void member_lines(struct pdf_renderer *r, struct flow *f, const char *heading,
			 const member_list *members)
{
	if (!members->n)
		return;
	struct paragraph *h = text(r, ROLE_H3, heading);
	flow_add_paragraph(f, h);
	for (size_t i = 0; i < members->n; i++) {
		const struct member *m = &members->at[i];
		const char *line = m->role ? arena_printf(pdf_arena_of(r), "%s (%s)", m->name, m->role) :
				   m->name;
		struct paragraph *p = text(r, ROLE_P, line);
		p->space_after = 1;
		flow_add_paragraph(f, p);
	}
}

static void summons_flow(struct pdf_renderer *r, const struct content *c,
			 const struct meeting *m, struct flow *f)
{
	const struct pdf_style *s = pdf_style_of(r);
	struct arena *a = pdf_arena_of(r);
	char buf[64];
	f->first_orientation = PORTRAIT;
	const struct site *site = c->site;
	struct paragraph *org = text(r, ROLE_P, site && site->organisation ? site->organisation : "");
	org->bold = true, org->size = s->size_h3, org->colour = s->brand, org->align = PANGO_ALIGN_RIGHT;
	org->bookmark = xstrdup("Summons");
	org->bookmark_level = 1;
	flow_add_paragraph(f, org);
	for (size_t i = 0; site && i < site->address.n; i++) {
		struct paragraph *p = text(r, ROLE_P, site->address.at[i]);
		p->align = PANGO_ALIGN_RIGHT, p->space_after = 0;
		flow_add_paragraph(f, p);
	}
	flow_add_space(f, s->size_body * 1.5);
	if (date_is_set(m->issued))
		flow_add_paragraph(f, labelled(r, "Date:", date_format_weekday(m->issued, buf, sizeof buf)));
	flow_add_space(f, s->size_body);
	flow_add_paragraph(f, labelled(r, "Committee:", m->committee));
	flow_add_paragraph(f, labelled(r, "Date:", date_format_weekday(m->date, buf, sizeof buf)));
	if (m->time)
		flow_add_paragraph(f, labelled(r, "Time:", m->time));
	if (m->venue)
		flow_add_paragraph(f, labelled(r, "Venue:", m->venue));
	flow_add_space(f, s->size_body);
	struct paragraph *req = text(r, ROLE_P, "You are requested to attend the above meeting.");
	req->bold = true;
	flow_add_paragraph(f, req);
	flow_add_paragraph(f, text(r, ROLE_P, "The Agenda is attached."));
	if (m->summoned_by.name) {
		flow_add_space(f, s->size_body);
		flow_add_paragraph(f, text(r, ROLE_P, m->summoned_by.name));
		if (m->summoned_by.title)
			flow_add_paragraph(f, text(r, ROLE_P, m->summoned_by.title));
	}
	member_lines(r, f, "Members of the Committee", &m->members);
	member_lines(r, f, "Co-opted Members (Voting)", &m->co_opted_voting);
	member_lines(r, f, "Co-opted Members (Non-Voting)", &m->co_opted_non_voting);
	if (m->substitutes.n) {
		flow_add_paragraph(f, text(r, ROLE_H3, "Substitute Members"));
		struct strbuf names = { 0 };
		for (size_t i = 0; i < m->substitutes.n; i++)
			strbuf_printf(&names, "%s%s", i ? ", " : "", m->substitutes.at[i]);
		flow_add_paragraph(f, text(r, ROLE_P, names.data));
		strbuf_free(&names);
	}
	if (m->officer.name) {
		flow_add_paragraph(f, text(r, ROLE_H3, "Your Committee Officer is:"));
		const char *who = m->officer.title ? arena_printf(a, "%s, %s", m->officer.name,
								  m->officer.title) : m->officer.name;
		flow_add_paragraph(f, text(r, ROLE_P, who));
		if (m->officer.phone)
			flow_add_paragraph(f, labelled(r, "Tel:", m->officer.phone));
		if (m->officer.email)
			flow_add_paragraph(f, labelled(r, "Email:", m->officer.email));
	}
}

static void agenda_flow(struct pdf_renderer *r, const struct meeting *m,
			const struct pack_item_pages *ranges, struct flow *f)
{
	const struct pdf_style *s = pdf_style_of(r);
	struct arena *a = pdf_arena_of(r);
	flow_add_page_break(f, PORTRAIT);
	struct paragraph *h = text(r, ROLE_H1, "AGENDA");
	h->bookmark = xstrdup("Agenda");
	h->bookmark_level = 1;
	flow_add_paragraph(f, h);
	double indent = s->size_body * 3.2;
	for (size_t i = 0; i < m->items.n; i++) {
		const struct agenda_item *it = &m->items.at[i];
		struct paragraph *p = paragraph_new(s, ROLE_H3);
		p->label = xstrdup(arena_printf(a, "%ld", it->number));
		p->indent = indent;
		p->keep_with_next = it->text != NULL;
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		rich_add(&p->rich, it->title, strlen(it->title), &bold, 1);
		p->bold = false;
		if (ranges[i].first > 0) {
			/* no-break spaces, and a word joiner after the hyphen (a break
			 * after a hyphen is allowed even before a no-break space):
			 * "(Pages 5 - 11)" never splits over lines */
			const char *pages = ranges[i].first == ranges[i].last ?
					    arena_printf(a, " (Page\u00a0%d)", ranges[i].first) :
					    arena_printf(a, " (Pages\u00a0%d\u00a0-\u2060\u00a0%d)",
							 ranges[i].first, ranges[i].last);
			rich_add(&p->rich, pages, strlen(pages), NULL, 0);
			/* the whole entry links to the item's first page */
			p->rich.links = xmalloc(sizeof *p->rich.links);
			p->rich.links[0].start = 0;
			p->rich.links[0].end = (int)p->rich.text.len;
			p->rich.links[0].target = xstrdup(arena_printf(a, "#item-%ld", it->number));
			p->rich.n_links = p->rich.cap_links = 1;
		}
		flow_add_paragraph(f, p);
		if (it->text) {
			struct paragraph **ps = NULL;
			size_t n = 0;
			markdown_to_paragraphs(it->text, s, s->size_body, &ps, &n);
			for (size_t k = 0; k < n; k++) {
				ps[k]->indent += indent;
				flow_add_paragraph(f, ps[k]);
			}
			free(ps);
		}
		if (it->exempt) {
			struct paragraph *e = labelled(r, "Exempt:", arena_printf(a, "%s. The public and "
						       "press may be excluded for this item.", it->exempt));
			e->indent = indent;
			flow_add_paragraph(f, e);
		}
	}
}

/* The page that stands in for withheld papers in the public pack. */
static void notice_flow(struct pdf_renderer *r, const struct agenda_item *it, const char *reason,
			struct flow *f)
{
	struct arena *a = pdf_arena_of(r);
	f->first_orientation = PORTRAIT;
	flow_add_paragraph(f, text(r, ROLE_H1, arena_printf(a, "Agenda Item %ld: %s", it->number,
							    it->title)));
	flow_add_paragraph(f, text(r, ROLE_P, arena_printf(a, "This item is exempt: %s.", reason)));
	flow_add_paragraph(f, text(r, ROLE_P, "Its papers are not included in the public agenda "
				   "pack. They have been sent to members of the committee."));
}

/* The page that stands in for an exempt appendix of a public report. */
static void appendix_notice_flow(struct pdf_renderer *r, const struct appendix *ap, size_t index,
				 const char *reason, struct flow *f)
{
	struct arena *a = pdf_arena_of(r);
	f->first_orientation = PORTRAIT;
	const char *label = ap->label ? ap->label : arena_printf(a, "%zu", index + 1);
	flow_add_paragraph(f, text(r, ROLE_H1, arena_printf(a, "Appendix %s: %s", label, ap->title)));
	flow_add_paragraph(f, text(r, ROLE_P, arena_printf(a, "This appendix is exempt: %s.",
							    reason ? reason : "exempt")));
	flow_add_paragraph(f, text(r, ROLE_P, "It is not included in the public agenda pack. It "
				   "has been sent to members of the committee."));
}

/* Lays one document out at the end of papers, its bookmarks nested under the
 * item's (levels shifted by two). */
static void add_paper(struct pdf_renderer *r, const struct document *doc,
		      struct layout_result *papers, struct flow **flows, size_t *n_flows)
{
	struct flow *f = xcalloc(1, sizeof *f);
	struct pdf_meta meta;
	if (!pdf_document_flow(r, doc, f, &meta)) {
		free(f);
		return;
	}
	/* each paper's own "#contents", "#theme-1" ... apart from the others' */
	char prefix[32];
	snprintf(prefix, sizeof prefix, "paper-%zu-", *n_flows + 1);
	flow_prefix_destinations(f, prefix);
	size_t first_page = papers->n_pages, first_entry = papers->n_outline;
	const char *title = meta.title ? meta.title : doc->id;
	layout_add_outline(papers, title, 2, first_page, 0);
	first_entry++;
	layout_flow(f, pdf_style_of(r), pdf_context_of(r), papers);
	for (size_t i = first_page; meta.draft && i < papers->n_pages; i++)
		papers->pages[i].draft = true;
	for (size_t i = first_entry; i < papers->n_outline; i++) {
		int level = papers->outline[i].level + 2;
		papers->outline[i].level = level > 7 ? 7 : level;
	}
	flows[(*n_flows)++] = f;	/* figures are painted from their flow */
}

bool pack_render(struct pdf_renderer *r, const struct document *meeting_doc, bool full,
		 FILE *out, struct pack_item_pages *ranges_out)
{
	const struct meeting *m = meeting_doc->as.meeting;
	struct arena *a = pdf_arena_of(r);
	struct layout_result papers = { 0 }, pack = { 0 };
	size_t max_flows = 1;
	for (size_t i = 0; i < m->items.n; i++) {
		max_flows += 1 + m->items.at[i].papers.n;
		for (size_t j = 0; j < m->items.at[i].papers.n; j++) {
			const struct document *d = m->items.at[i].papers.at[j].doc;
			if (d && d->kind == DOC_REPORT)
				max_flows += d->as.report->appendices.n;
		}
	}
	struct flow **flows = xcalloc(max_flows + 2, sizeof *flows);
	size_t n_flows = 0;
	struct pack_item_pages *ranges = xcalloc(m->items.n ? m->items.n : 1, sizeof *ranges);

	for (size_t i = 0; i < m->items.n; i++) {
		const struct agenda_item *it = &m->items.at[i];
		ranges[i].number = it->number;
		if (!it->papers.n)
			continue;
		size_t first = papers.n_pages;
		layout_add_outline(&papers, arena_printf(a, "Item %ld: %s", it->number, it->title), 1,
				   first, 0);
		const char *reason = it->exempt;
		for (size_t j = 0; !reason && j < it->papers.n; j++) {
			const struct document *d = it->papers.at[j].doc;
			if (withheld(it, d, full))
				reason = d->withheld_reason ? d->withheld_reason : "exempt";
		}
		if (reason && !full) {
			struct flow *f = xcalloc(1, sizeof *f);
			notice_flow(r, it, reason, f);
			layout_flow(f, pdf_style_of(r), pdf_context_of(r), &papers);
			flows[n_flows++] = f;
		} else {
			for (size_t j = 0; j < it->papers.n; j++) {
				const struct document *d = it->papers.at[j].doc;
				if (!d)
					continue;
				add_paper(r, d, &papers, flows, &n_flows);
				if (d->kind != DOC_REPORT)
					continue;
				for (size_t k = 0; k < d->as.report->appendices.n; k++) {
					const struct document *ap = d->as.report->appendices.at[k].doc;
					if (!ap)
						continue;
					if (ap->withheld && !full) {
						struct flow *nf = xcalloc(1, sizeof *nf);
						appendix_notice_flow(r, &d->as.report->appendices.at[k], k,
								     ap->withheld_reason, nf);
						layout_flow(nf, pdf_style_of(r), pdf_context_of(r), &papers);
						flows[n_flows++] = nf;
					} else {
						add_paper(r, ap, &papers, flows, &n_flows);
					}
				}
			}
		}
		if (papers.n_pages > first) {
			ranges[i].first = (int)first + 1;
			ranges[i].last = (int)papers.n_pages;
			layout_set_stamp(&papers, first, arena_printf(a, "Agenda Item %ld", it->number));
			layout_add_dest(&papers, first, arena_printf(a, "item-%ld", it->number));
		}
	}
	for (size_t i = 0; i < papers.n_pages; i++)
		papers.pages[i].number = (int)i + 1;

	struct flow *front = xcalloc(1, sizeof *front);
	summons_flow(r, pdf_content_of(r), m, front);
	agenda_flow(r, m, ranges, front);
	layout_flow(front, pdf_style_of(r), pdf_context_of(r), &pack);
	flows[n_flows++] = front;
	layout_merge(&pack, &papers);

	char buf[64];
	struct pdf_meta meta = { 0 };
	meta.title = arena_printf(a, "%s, %s: agenda pack%s", m->committee,
				  date_format_long(m->date, buf, sizeof buf), full ? " (members)" : "");
	meta.subject = "Agenda pack";
	meta.author = pdf_content_of(r)->site ? pdf_content_of(r)->site->organisation : NULL;
	meta.date_iso = date_is_set(m->issued) ? arena_strdup(a, date_format_iso(m->issued, buf, sizeof buf)) :
			arena_strdup(a, date_format_iso(m->date, buf, sizeof buf));
	meta.header_left = m->committee;
	meta.header_right = arena_strdup(a, date_format_long(m->date, buf, sizeof buf));
	meta.total_pages = -1;
	const char *error = NULL;
	bool ok = paint_pdf(&pack, pdf_style_of(r), &meta, out, &error);
	layout_free(&pack);
	for (size_t i = 0; i < n_flows; i++) {
		flow_free(flows[i]);
		free(flows[i]);
	}
	free(flows);
	if (ranges_out)
		memcpy(ranges_out, ranges, m->items.n * sizeof *ranges);
	free(ranges);
	return ok;
}
