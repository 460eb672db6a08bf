/* pack.c - agenda packs. The papers are laid out first, so that the agenda,
 * laid out after them, can print the real "(Pages a - b)" of each item; the
 * summons and agenda go in front, unnumbered, as clerks number packs. As a
 * long document's are (pdf_render_document), the papers' pages are held
 * only while the pack's budget lasts: the rest are counted, released, and
 * laid out again a page at a time as they are painted. */
#include "catalog.h"
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
	/* set as h3, the summons' second level */
	struct paragraph *h = text(r, ROLE_H3, heading);
	h->role = ROLE_H2;
	flow_add_paragraph(f, h);
	for (size_t i = 0; i < members->n; i++) {
		const struct member *m = &members->at[i];
		const char *line = m->role ? arena_printf(pdf_arena_of(r), "%s (%s)", m->name, m->role) :
				   m->name;
		struct paragraph *p = paragraph_mark_parts(text(r, ROLE_P, line), m->name, m->role,
							   NULL);
		p->space_after = 1;
		flow_add_paragraph(f, p);
	}
}

/* A line in black bold, as exempt papers are marked: red prints pale. */
static struct paragraph *marking(struct pdf_renderer *r, const char *t, double size)
{
	struct paragraph *p = text(r, ROLE_P, t);
	p->bold = true;
	p->size = size;
	p->colour = pdf_style_of(r)->text;
	p->space_after = size * 0.4;
	return p;
}

/* members_copy: the members' pack, holding exempt papers: its cover says so */
static void summons_flow(struct pdf_renderer *r, const struct content *c,
			 const struct meeting *m, bool members_copy, struct flow *f)
{
	const struct pdf_style *s = pdf_style_of(r);
	struct arena *a = pdf_arena_of(r);
	char buf[64];
	f->first_orientation = PORTRAIT;
	double x, y, width, height;
	layout_body_box(s, PORTRAIT, &x, &y, &width, &height);
	pdf_add_logo(r, f, width);
	if (members_copy)
		flow_add_paragraph(f, marking(r, msg("Members' copy - contains exempt information"),
					      s->size_h2));
	const struct site *site = c->site;
	/* the meeting's council: its own organisation, else the site's */
	struct paragraph *org = text(r, ROLE_P, m->organisation ? m->organisation : "");
	org->bold = true, org->size = s->size_h3, org->colour = s->brand, org->align = PANGO_ALIGN_RIGHT;
	org->bookmark = xstrdup(msg("Summons"));
	org->bookmark_level = 1;
	flow_add_paragraph(f, org);
	/* the site's postal address is its own council's: not printed under
	 * another council's name */
	bool own = site && (!m->organisation || !site->organisation ||
			    strcmp(m->organisation, site->organisation) == 0);
	for (size_t i = 0; own && i < site->address.n; i++) {
		struct paragraph *p = text(r, ROLE_P, site->address.at[i]);
		p->align = PANGO_ALIGN_RIGHT, p->space_after = 0;
		flow_add_paragraph(f, p);
	}
	flow_add_space(f, s->size_body * 1.5);
	if (date_is_set(m->issued))
		flow_add_paragraph(f, labelled(r, msg("Date:"), date_format_weekday(m->issued, buf, sizeof buf)));
	flow_add_space(f, s->size_body);
	/* the summons' heading, for a reader of its structure: the meeting */
	struct paragraph *committee = labelled(r, msg("Committee:"), m->committee);
	committee->role = ROLE_H1;
	flow_add_paragraph(f, committee);
	flow_add_paragraph(f, labelled(r, msg("Date:"), date_format_weekday(m->date, buf, sizeof buf)));
	if (m->time)
		flow_add_paragraph(f, labelled(r, msg("Time:"), m->time));
	if (m->venue)
		flow_add_paragraph(f, labelled(r, msg("Venue:"), m->venue));
	flow_add_space(f, s->size_body);
	struct paragraph *req = text(r, ROLE_P, msg("You are requested to attend the above meeting."));
	req->bold = true;
	flow_add_paragraph(f, req);
	flow_add_paragraph(f, text(r, ROLE_P, msg("The Agenda is attached.")));
	for (size_t i = 0; i < m->summoned_by.n; i++) {
		const struct person *p = &m->summoned_by.at[i];
		flow_add_space(f, s->size_body);
		flow_add_paragraph(f, text(r, ROLE_P, p->name));
		if (p->title)
			flow_add_paragraph(f, text(r, ROLE_P, p->title));
	}
	member_lines(r, f, msg("Members of the Committee"), &m->members);
	member_lines(r, f, msg("Co-opted Members (Voting)"), &m->co_opted_voting);
	member_lines(r, f, msg("Co-opted Members (Non-Voting)"), &m->co_opted_non_voting);
	if (m->substitutes.n) {
		struct paragraph *h = text(r, ROLE_H3, msg("Substitute Members"));
		h->role = ROLE_H2;
		flow_add_paragraph(f, h);
		flow_add_paragraph(f, text(r, ROLE_P, names_in_line(pdf_arena_of(r), &m->substitutes)));
	}
	if (m->officer.n) {
		struct paragraph *h = text(r, ROLE_H3, m->officer.n == 1 ?
					   msg("Your Committee Officer is:") :
					   msg("Your Committee Officers are:"));
		h->role = ROLE_H2;
		flow_add_paragraph(f, h);
	}
	for (size_t i = 0; i < m->officer.n; i++) {
		const struct person *p = &m->officer.at[i];
		const char *who = p->title ? arena_printf(a, "%s, %s", p->name, p->title) : p->name;
		flow_add_paragraph(f, paragraph_mark_parts(text(r, ROLE_P, who), p->name, p->title, NULL));
		if (p->phone)
			flow_add_paragraph(f, labelled(r, msg("Tel:"), p->phone));
		if (p->email)
			flow_add_paragraph(f, labelled(r, msg("Email:"), p->email));
	}
}

static void agenda_flow(struct pdf_renderer *r, const struct meeting *m,
			const struct pack_item_pages *ranges, struct flow *f)
{
	const struct pdf_style *s = pdf_style_of(r);
	struct arena *a = pdf_arena_of(r);
	flow_add_page_break(f, PORTRAIT);
	struct paragraph *h = text(r, ROLE_H1, msg("AGENDA"));
	h->bookmark = xstrdup(msg("Agenda"));
	h->bookmark_level = 1;
	flow_add_paragraph(f, h);
	double indent = s->size_body * 3.2;
	for (size_t i = 0; i < m->items.n; i++) {
		const struct agenda_item *it = &m->items.at[i];
		struct paragraph *p = paragraph_new(s, ROLE_H3);
		p->role = ROLE_H2;	/* set as an h3, under AGENDA */
		p->label = xstrdup(it->number_text);
		p->indent = indent;
		p->keep_with_next = it->text != NULL;
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		rich_add(&p->rich, it->title, strlen(it->title), &bold, 1);
		p->bold = false;
		if (ranges[i].first > 0) {
			/* no-break spaces, and a word joiner after the hyphen (a break
			 * after a hyphen is allowed even before a no-break space):
			 * "(Pages 5 - 11)" never splits over lines */
			const char *first = arena_printf(a, "%d", ranges[i].first);
			const char *pages = ranges[i].first == ranges[i].last ?
					    msg_printf(a, msg(" (Page\u00a0%s)"), first) :
					    msg_printf(a, msg(" (Pages\u00a0%s\u00a0-\u2060\u00a0%s)"),
						       first, arena_printf(a, "%d", ranges[i].last));
			rich_add(&p->rich, pages, strlen(pages), NULL, 0);
			/* the whole entry links to the item's first page */
			const char *target = arena_printf(a, "#item-%ld", it->number);
			rich_add_link(&p->rich, 0, (int)p->rich.text.len, target, strlen(target));
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
		/* an item exempt, or with a paper withheld on its own (a report
		 * classed exempt), says so and why, as the meeting's web page does */
		const char *exempt = it->exempt;
		size_t withheld_papers = 0, papers = 0;
		for (size_t j = 0; j < it->papers.n; j++) {
			const struct document *d = it->papers.at[j].doc;
			if (!d)
				continue;
			papers++;
			if (d->withheld) {
				withheld_papers++;
				if (!exempt)
					exempt = d->withheld_reason ? d->withheld_reason : msg("Exempt");
			}
		}
		if (exempt) {
			const char *why = it->exempt ? msg("The public and press may be excluded for "
				"this item.") : withheld_papers < papers ? msg("Some of the papers for "
				"this item are not published.") : msg("The papers for this item are not "
				"published.");
			struct paragraph *e = paragraph_mark_parts(labelled(r, msg("Exempt:"),
				arena_printf(a, "%s. %s", exempt, why)), exempt, NULL);
			e->indent = indent;
			flow_add_paragraph(f, e);
		}
	}
}

/* The page that stands in for withheld papers in the public pack: what is
 * withheld (an item, a paper, an appendix), its title and why. heading
 * names it by title, a text of the model. */
static void notice_flow(struct pdf_renderer *r, const char *heading, const char *title,
			const char *what, const char *reason, struct flow *f)
{
	struct arena *a = pdf_arena_of(r);
	f->first_orientation = PORTRAIT;
	flow_add_paragraph(f, paragraph_mark_parts(text(r, ROLE_H1, heading), title, NULL));
	flow_add_paragraph(f, paragraph_mark_parts(text(r, ROLE_P, msg_printf(a, msg(what),
		reason ? reason : msg("exempt"))), reason, NULL));
	/* what planpress makes, not what anyone did: the source does not say
	 * the members' pack was sent */
	flow_add_paragraph(f, text(r, ROLE_P, msg("It is not included in the public "
				   "agenda pack. The members' pack, which includes it, numbers "
				   "its pages as this pack does.")));
}

/* A paper's or notice's flow, counted: its pages are painted from it, held
 * or laid out again from resume (figures are painted from their flow). */
struct paper_flow {
	struct flow *flow;
	struct layout_resume resume;	/* its pages counted from its first */
	size_t first;			/* its first page among the papers' */
};

/* The papers of a pack as they are counted, with the printed page number
 * the next page takes. */
struct pack_papers {
	struct pdf_renderer *r;
	bool exempt_included;	/* an exempt paper is printed: the members' pack */
	struct layout_result pages;	/* held while the budget lasts; past it,
					 * released but for their numbers, stamps,
					 * marks and destinations */
	struct paper_flow *flows;
	size_t n_flows;
	size_t held;		/* pages held, of PDF_PAGES_IN_MEMORY */
	size_t numbered;	/* pages given their numbers so far */
	int next_number;
	/* withheld papers' page counts: a paper on several items is laid out once */
	struct { const struct document *doc; int pages; } *counted;
	size_t n_counted;
};

/* Numbers the pages laid out since the last call. A notice standing for more
 * pages than it takes lets its last page stand for the rest, so that every
 * later page is numbered as in the members' pack. */
static void number_pages(struct pack_papers *pp, int stands_for)
{
	size_t laid = pp->pages.n_pages - pp->numbered;
	for (; pp->numbered < pp->pages.n_pages; pp->numbered++)
		pp->pages.pages[pp->numbered].number = pp->next_number++;
	if (laid && stands_for > (int)laid) {
		struct page *last = &pp->pages.pages[pp->numbered - 1];
		last->number_last = last->number + stands_for - (int)laid;
		pp->next_number = last->number_last + 1;
	}
}

/* Counts flow f's pages at the end of the papers, holding them while the
 * budget lasts, and keeps f to paint them from. */
static void count_flow(struct pack_papers *pp, struct flow *f)
{
	struct paper_flow *c = &pp->flows[pp->n_flows++];
	c->flow = f;
	c->first = pp->pages.n_pages;
	if (pp->pages.too_many_pages)
		return;	/* the pack is refused, and never painted */
	size_t keep = pp->held < PDF_PAGES_IN_MEMORY ? PDF_PAGES_IN_MEMORY - pp->held : 0;
	struct layout_result pages = { 0 };
	layout_flow_bounded(f, pdf_style_of(pp->r), pdf_context_of(pp->r), keep, &pages,
			    &c->resume);
	pp->held += c->resume.page;
	layout_merge(&pp->pages, &pages);
}

/* Lays one document out at the end of the papers, its bookmarks nested under
 * the item's (levels shifted by two). An exempt paper (exempt: why) is marked
 * NOT FOR PUBLICATION with why on its first page and in every page's header. */
static void add_paper(struct pack_papers *pp, const struct document *doc, const char *title,
		      const char *exempt)
{
	struct pdf_renderer *r = pp->r;
	struct flow *f = xcalloc(1, sizeof *f);
	struct pdf_meta meta;
	if (!pdf_document_flow(r, doc, f, &meta)) {
		free(f);
		return;
	}
	if (exempt) {
		const struct pdf_style *s = pdf_style_of(r);
		/* at the head of its first page: after the breaks that turn it */
		size_t at = 0;
		while (at < f->n && f->blocks[at].type == BLOCK_PAGE_BREAK)
			at++;
		flow_insert_paragraph(f, at, marking(r, msg("NOT FOR PUBLICATION"), s->size_h2));
		flow_insert_paragraph(f, at + 1, marking(r, msg_printf(pdf_arena_of(r),
			msg("Exempt information: %s. Not to be published or passed on."), exempt),
			s->size_body));
		pp->exempt_included = true;
	}
	/* each paper's own "#contents", "#theme-1" ... apart from the others' */
	char prefix[32];
	snprintf(prefix, sizeof prefix, "paper-%zu-", pp->n_flows + 1);
	flow_prefix_destinations(f, prefix);
	struct layout_result *papers = &pp->pages;
	size_t first_page = papers->n_pages, first_entry = papers->n_outline;
	if (!title)
		title = meta.title ? meta.title : doc->id;
	layout_add_outline(papers, title, 2, first_page, 0);
	first_entry++;
	count_flow(pp, f);
	for (size_t i = first_page; i < papers->n_pages; i++) {
		papers->pages[i].draft = meta.draft;
		papers->pages[i].not_for_publication = exempt;
	}
	/* a report's or minutes' first bookmark is its title on its first page,
	 * which the paper's own entry already is: not repeated under it */
	int shift = 2;
	if (doc->kind != DOC_PLAN && first_entry < papers->n_outline &&
	    papers->outline[first_entry].page == first_page &&
	    papers->outline[first_entry].level == 1) {
		memmove(&papers->outline[first_entry], &papers->outline[first_entry + 1],
			(papers->n_outline - first_entry - 1) * sizeof *papers->outline);
		papers->n_outline--;
		shift = 1;
	}
	for (size_t i = first_entry; i < papers->n_outline; i++) {
		int level = papers->outline[i].level + shift;
		papers->outline[i].level = level > 7 ? 7 : level;
	}
	number_pages(pp, 0);
}

/* The pages doc takes when laid out alone, as in the members' pack. */
static int pages_of(struct pack_papers *pp, const struct document *doc)
{
	for (size_t i = 0; i < pp->n_counted; i++)
		if (pp->counted[i].doc == doc)
			return pp->counted[i].pages;
	struct flow f = { 0 };
	struct pdf_meta meta;
	int n = 0;
	if (pdf_document_flow(pp->r, doc, &f, &meta)) {
		struct layout_result scratch = { 0 };
		struct layout_resume resume;
		layout_flow_bounded(&f, pdf_style_of(pp->r), pdf_context_of(pp->r), 0, &scratch,
				    &resume);
		/* as many as a layout of the whole flow stops at, past the limit */
		n = scratch.too_many_pages ? LAYOUT_MAX_PAGES + 1 : (int)scratch.n_pages;
		layout_free(&scratch);
	}
	flow_free(&f);
	pp->counted = xgrow(pp->counted, pp->n_counted, sizeof *pp->counted);
	pp->counted[pp->n_counted].doc = doc;
	pp->counted[pp->n_counted++].pages = n;
	return n;
}

/* A paper and, for a report, its appendices: as the members' pack has them. */
static int pages_with_appendices(struct pack_papers *pp, const struct document *doc)
{
	int n = pages_of(pp, doc);
	for (size_t k = 0; doc->kind == DOC_REPORT && k < doc->as.report->appendices.n; k++)
		if (doc->as.report->appendices.at[k].doc)
			n += pages_of(pp, doc->as.report->appendices.at[k].doc);
	return n;
}

static void add_notice(struct pack_papers *pp, const char *heading, const char *title,
		       const char *what, const char *reason, int stands_for)
{
	struct flow *f = xcalloc(1, sizeof *f);
	notice_flow(pp->r, heading, title, what, reason, f);
	count_flow(pp, f);
	number_pages(pp, stands_for);
}

static const char *appendix_name(struct arena *a, const struct appendix *ap, size_t index)
{
	return msg_printf(a, msg("Appendix %s"), ap->label ? ap->label :
			  arena_printf(a, "%zu", index + 1));
}

/* Why a paper the public pack withholds is exempt, or NULL when it is not. */
static const char *exempt_reason(const struct agenda_item *it, const struct document *paper)
{
	if (!withheld(it, paper, false))
		return NULL;
	if (it->exempt)
		return it->exempt;
	return paper->withheld_reason ? paper->withheld_reason : msg("exempt");
}

/* A paper of a public item: in the public pack a withheld one becomes a
 * notice, and so does a public report's withheld appendix; in the members'
 * pack what the public cannot see is marked so. */
static void add_item_paper(struct pack_papers *pp, const struct agenda_item *it,
			   const struct document *d, bool full)
{
	struct arena *a = pdf_arena_of(pp->r);
	if (withheld(it, d, full)) {
		/* the paper's own title is withheld with it */
		add_notice(pp, msg_printf(a, msg("Agenda Item %s: %s"), it->number_text, it->title),
			   it->title, N_("This paper is exempt: %s."), d->withheld_reason,
			   pages_with_appendices(pp, d));
		return;
	}
	add_paper(pp, d, NULL, exempt_reason(it, d));
	for (size_t k = 0; d->kind == DOC_REPORT && k < d->as.report->appendices.n; k++) {
		const struct appendix *ap = &d->as.report->appendices.at[k];
		if (!ap->doc)
			continue;
		const char *name = appendix_name(a, ap, k);
		const char *title = arena_printf(a, "%s: %s", name, ap->title);
		size_t first = pp->pages.n_pages;
		if (withheld(it, ap->doc, full))
			add_notice(pp, title, ap->title, N_("This appendix is exempt: %s."),
				   ap->doc->withheld_reason, pages_of(pp, ap->doc));
		else
			add_paper(pp, ap->doc, title, exempt_reason(it, ap->doc));
		/* stamped as the item's first page is, so a reader finds it */
		if (pp->pages.n_pages > first)
			layout_set_stamp(&pp->pages, first, name);
	}
}

bool pack_render(struct pdf_renderer *r, const struct document *meeting_doc, bool full,
		 FILE *out, struct pack_item_pages *ranges_out)
{
	const struct meeting *m = meeting_doc->as.meeting;
	struct arena *a = pdf_arena_of(r);
	struct pack_papers pp = { .r = r, .next_number = 1 };
	size_t max_flows = 0;
	for (size_t i = 0; i < m->items.n; i++) {
		max_flows += 1 + m->items.at[i].papers.n;
		for (size_t j = 0; j < m->items.at[i].papers.n; j++) {
			const struct document *d = m->items.at[i].papers.at[j].doc;
			if (d && d->kind == DOC_REPORT)
				max_flows += d->as.report->appendices.n;
		}
	}
	pp.flows = xcalloc(max_flows + 1, sizeof *pp.flows);
	struct pack_item_pages *ranges = xcalloc(m->items.n ? m->items.n : 1, sizeof *ranges);

	for (size_t i = 0; i < m->items.n; i++) {
		const struct agenda_item *it = &m->items.at[i];
		ranges[i].number = it->number;
		/* past the limit the pack is refused: nothing more is counted */
		if (!it->papers.n || pp.pages.too_many_pages)
			continue;
		size_t first = pp.pages.n_pages;
		layout_add_outline(&pp.pages, msg_printf(a, msg("Item %s: %s"), it->number_text, it->title),
				   1, first, 0);
		if (it->exempt && !full) {
			/* the whole item is withheld: one notice for all its papers */
			int stands_for = 0;
			for (size_t j = 0; j < it->papers.n; j++)
				if (it->papers.at[j].doc)
					stands_for += pages_with_appendices(&pp, it->papers.at[j].doc);
			add_notice(&pp, msg_printf(a, msg("Agenda Item %s: %s"), it->number_text, it->title),
				   it->title, N_("This item is exempt: %s."), it->exempt, stands_for);
		} else {
			for (size_t j = 0; j < it->papers.n; j++)
				if (it->papers.at[j].doc)
					add_item_paper(&pp, it, it->papers.at[j].doc, full);
		}
		if (pp.pages.n_pages > first) {
			const struct page *last = &pp.pages.pages[pp.pages.n_pages - 1];
			ranges[i].first = pp.pages.pages[first].number;
			ranges[i].last = layout_page_last_number(last);
			layout_set_stamp(&pp.pages, first, msg_printf(a, msg("Agenda Item %s"), it->number_text));
			layout_add_dest(&pp.pages, first, arena_printf(a, "item-%ld", it->number));
		}
	}

	/* the front is held whole: a few pages, laid out once */
	struct flow front = { 0 };
	summons_flow(r, pdf_content_of(r), m, full && pp.exempt_included, &front);
	agenda_flow(r, m, ranges, &front);
	struct layout_result pack = { 0 };
	layout_flow(&front, pdf_style_of(r), pdf_context_of(r), &pack);
	struct layout_resume front_whole = { front.n, pack.n_pages };
	layout_merge(&pack, &pp.pages);
	bool too_long = pack.too_many_pages;
	if (too_long)
		pdf_refuse_long(r, meeting_doc);

	char buf[64];
	struct pdf_meta meta = { 0 };
	meta.title = msg_printf(a, full ? msg("%s, %s: agenda pack (members)") :
				msg("%s, %s: agenda pack"), m->committee,
				date_format_long(m->date, buf, sizeof buf));
	meta.subject = msg("Agenda pack");
	meta.author = pdf_content_of(r)->site ? pdf_content_of(r)->site->organisation : NULL;
	meta.date_iso = date_is_set(m->issued) ? arena_strdup(a, date_format_iso(m->issued, buf, sizeof buf)) :
			arena_strdup(a, date_format_iso(m->date, buf, sizeof buf));
	meta.header_left = m->committee;
	meta.header_right = arena_strdup(a, date_format_long(m->date, buf, sizeof buf));
	meta.total_pages = -1;
	const char *error = NULL;
	struct pdf_painter *painter = NULL;
	if (!too_long) {
		painter = pdf_painter_begin(pdf_style_of(r), &meta, &pack, out);
		pdf_paint_flow(r, painter, &front, front_whole, &pack, 0);
		for (size_t i = 0; i < pp.n_flows; i++)
			pdf_paint_flow(r, painter, pp.flows[i].flow, pp.flows[i].resume, &pack,
				       front_whole.page + pp.flows[i].first);
		pdf_painter_close(painter, &pack);
	}
	/* what was painted is let go before the painter finishes (its
	 * structure tree made then) */
	layout_free(&pack);
	flow_free(&front);
	for (size_t i = 0; i < pp.n_flows; i++) {
		flow_free(pp.flows[i].flow);
		free(pp.flows[i].flow);
	}
	free(pp.flows);
	free(pp.counted);
	bool ok = painter && pdf_painter_finish(painter, &error);
	/* a temporary file that could not be written is the caller's to say */
	if (!ok && !too_long && !ferror(out))
		diag_error(pdf_diags_of(r), (struct pos){ meeting_doc->file, 0, 0 },
			   "could not make the agenda pack: %s", error);
	if (ranges_out)
		memcpy(ranges_out, ranges, m->items.n * sizeof *ranges);
	free(ranges);
	return ok;
}
