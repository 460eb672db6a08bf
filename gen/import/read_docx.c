/* read_docx.c - a Word document (.docx) as its tables: each top-level table
 * with the paragraphs before it (the theme's title: "RECOMMENDATION 1:",
 * "Ensure that ..."), cells merged across (gridSpan) and down (vMerge), cell
 * shading (the fill a RAG may be given by), bullets as markdown list items,
 * paragraphs of a cell as markdown paragraphs. Text inside a table in a cell
 * is kept as the outer cell's lines. */
#include "office.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Paragraphs before a table kept for its title: the last few. */
enum { BEFORE_KEPT = 4 };

struct paragraph {
	struct strbuf text;
	char *style;
	bool list;
};

struct docx {
	struct office office;
	struct import_source *s;
	struct theme_colours theme;
	/* body paragraphs since the last table */
	char *before[BEFORE_KEPT];
	bool before_heading[BEFORE_KEPT];
	size_t n_before;
	char *first_title;	/* the first paragraph styled Title (or Heading 1) */
	bool first_title_is_title;
	size_t n_tables;
};

static bool style_is_heading(const char *style)
{
	return style && (strncmp(style, "Heading", 7) == 0 || strcmp(style, "Title") == 0 ||
			 strcmp(style, "Subtitle") == 0);
}

static void keep_before(struct docx *d, struct paragraph *p)
{
	char *text = p->text.data ? p->text.data : "";
	while (*text == ' ' || *text == '\t')
		text++;
	if (!*text)
		return;
	if (p->style && !d->first_title_is_title &&
	    (strcmp(p->style, "Title") == 0 || (!d->first_title && strcmp(p->style, "Heading1") == 0))) {
		free(d->first_title);
		d->first_title = xstrdup(text);
		d->first_title_is_title = strcmp(p->style, "Title") == 0;
	}
	if (d->n_before == BEFORE_KEPT) {
		free(d->before[0]);
		memmove(d->before, d->before + 1, (BEFORE_KEPT - 1) * sizeof *d->before);
		memmove(d->before_heading, d->before_heading + 1,
			(BEFORE_KEPT - 1) * sizeof *d->before_heading);
		d->n_before--;
	}
	d->before_heading[d->n_before] = style_is_heading(p->style);
	d->before[d->n_before++] = xstrdup(text);
}

static void forget_before(struct docx *d)
{
	for (size_t i = 0; i < d->n_before; i++)
		free(d->before[i]);
	d->n_before = 0;
}

/* The fill of <w:shd>: w:fill="FFC000", or w:themeFill="accent2" with a tint
 * or shade (a byte, in hex). */
static bool shading(struct docx *d, xmlTextReaderPtr r, uint32_t *rgb)
{
	char *fill = office_attr(r, "fill"), *theme = office_attr(r, "themeFill");
	bool ok = false;
	if (theme && d->theme.known && theme_index_of_name(theme) >= 0) {
		*rgb = d->theme.rgb[theme_index_of_name(theme)];
		ok = true;
		char *tint = office_attr(r, "themeFillTint"), *shade = office_attr(r, "themeFillShade");
		if (tint)
			*rgb = colour_tint(*rgb, 1 - strtol(tint, NULL, 16) / 255.0);
		else if (shade)
			*rgb = colour_tint(*rgb, strtol(shade, NULL, 16) / 255.0 - 1);
		free(tint);
		free(shade);
	} else if (fill && strcmp(fill, "auto") != 0) {
		ok = parse_hex_colour(fill, rgb);
	}
	free(fill);
	free(theme);
	return ok;
}

static char *core_title(struct docx *d)
{
	size_t len;
	const char *name = "docProps/core.xml";
	char *data = office_part(&d->office, name, &len, true);
	if (!data)
		return NULL;
	xmlTextReaderPtr r = office_xml(&d->office, name, data, len);
	char *title = NULL;
	bool in_title = false;
	while (r && office_xml_next(&d->office, r, name) == 1) {
		int nt = xmlTextReaderNodeType(r);
		const char *n = (const char *)xmlTextReaderConstLocalName(r);
		if (nt == XML_READER_TYPE_ELEMENT && strcmp(n, "title") == 0)
			in_title = !xmlTextReaderIsEmptyElement(r);
		else if (nt == XML_READER_TYPE_END_ELEMENT)
			in_title = false;
		else if (in_title && nt == XML_READER_TYPE_TEXT && !title)
			title = xstrdup((const char *)xmlTextReaderConstValue(r));
	}
	if (r)
		xmlFreeTextReader(r);
	free(data);
	return title;
}

bool read_docx(struct import_source *s)
{
	struct docx d = { .s = s };
	if (!office_open(&d.office, s, "word/document.xml", "a Word document (.docx)")) {
		office_close(&d.office);
		return false;
	}
	office_theme(&d.office, "word/theme/theme1.xml", &d.theme);
	s->title = core_title(&d);
	size_t len;
	const char *name = "word/document.xml";
	char *data = s->errors ? NULL : office_part(&d.office, name, &len, false);
	xmlTextReaderPtr r = data ? office_xml(&d.office, name, data, len) : NULL;
	bool ok = r != NULL;
	int tables = 0;			/* tables open: 1 is a top-level table */
	struct import_table *t = NULL;
	unsigned row = 0;		/* the current row of t, 1-based */
	size_t col = 0;			/* the grid column of the current cell */
	bool in_cell = false, in_text = false, in_row = false;
	struct strbuf cell = { 0 };	/* the current cell's text */
	bool cell_last_list = false;
	unsigned span = 1;
	enum { MERGE_NONE, MERGE_RESTART, MERGE_CONTINUE } vmerge = MERGE_NONE;
	bool cell_filled = false;
	uint32_t cell_fill = 0;
	struct paragraph para = { { 0 }, NULL, false };
	bool in_para = false;
	int ret = 0;
	while (ok && (ret = office_xml_next(&d.office, r, name)) == 1) {
		int nt = xmlTextReaderNodeType(r);
		const char *n = (const char *)xmlTextReaderConstLocalName(r);
		bool start = nt == XML_READER_TYPE_ELEMENT;
		bool empty = start && xmlTextReaderIsEmptyElement(r);
		bool end = nt == XML_READER_TYPE_END_ELEMENT;
		if (start && strcmp(n, "tbl") == 0) {
			if (++tables == 1) {
				char tname[32];
				snprintf(tname, sizeof tname, "Table %zu", ++d.n_tables);
				t = source_add_table(s, tname);
				if (!t) {
					ok = false;
					break;
				}
				struct strbuf before = { 0 };
				for (size_t i = 0; i < d.n_before; i++) {
					strbuf_printf(&before, "%s%s", i ? "\n" : "", d.before[i]);
					t->before_heading |= d.before_heading[i];
				}
				t->before = before.data;
				forget_before(&d);
				row = 0;
			}
			continue;
		}
		if (end && strcmp(n, "tbl") == 0) {
			if (--tables == 0 && t)
				table_finish(t);
			continue;
		}
		if (tables == 1 && start && strcmp(n, "tr") == 0) {
			if (!import_add_row(s, t, ++row)) {
				ok = false;
				break;
			}
			in_row = true;
			col = 0;
			continue;
		}
		if (tables == 1 && end && strcmp(n, "tr") == 0) {
			in_row = false;
			continue;
		}
		if (tables == 1 && in_row && start && strcmp(n, "gridBefore") == 0) {
			char *v = office_attr(r, "val");
			long k = v ? strtol(v, NULL, 10) : 0;
			if (k > 0 && k < IMPORT_MAX_COLUMNS * 2)
				col += (size_t)k;
			free(v);
			continue;
		}
		if (tables == 1 && start && strcmp(n, "tc") == 0) {
			in_cell = !empty;
			cell.len = 0;
			if (cell.data)
				cell.data[0] = '\0';
			cell_last_list = false;
			span = 1;
			vmerge = MERGE_NONE;
			cell_filled = false;
			if (empty)
				col++;
			continue;
		}
		if (tables == 1 && in_cell && start && strcmp(n, "gridSpan") == 0) {
			char *v = office_attr(r, "val");
			long k = v ? strtol(v, NULL, 10) : 1;
			span = k >= 1 && k <= IMPORT_MAX_COLUMNS ? (unsigned)k : 1;
			free(v);
			continue;
		}
		if (tables == 1 && in_cell && start && strcmp(n, "vMerge") == 0) {
			char *v = office_attr(r, "val");
			vmerge = v && strcmp(v, "restart") == 0 ? MERGE_RESTART : MERGE_CONTINUE;
			free(v);
			continue;
		}
		if (tables == 1 && in_cell && start && strcmp(n, "shd") == 0) {
			cell_filled = shading(&d, r, &cell_fill);
			continue;
		}
		if (tables == 1 && end && strcmp(n, "tc") == 0 && in_cell) {
			in_cell = false;
			struct import_cell *c = table_cell(s, t, col);
			if (c) {
				const char *above = NULL;
				struct import_cell *up = NULL;
				if (vmerge == MERGE_CONTINUE && t->n_rows >= 2 && col < t->n_cols) {
					up = &t->rows[t->n_rows - 2].cells[col];
					above = up->text;
				}
				if (above) {
					c->text = xstrdup(above);
					c->filled = up->filled;
					c->fill = up->fill;
					c->merged_down = true;
				} else if (!cell_set_text(s, t, c, row, col, cell.data ? cell.data : "",
							  cell.len)) {
					ok = false;
					break;
				} else {
					c->filled = cell_filled;
					c->fill = cell_fill;
				}
				c->span = span;
			}
			for (unsigned k = 1; k < span; k++) {
				struct import_cell *covered = table_cell(s, t, col + k);
				if (covered)
					covered->covered = true;
			}
			col += span;
			continue;
		}
		/* paragraphs, in the body or in a cell */
		if (start && strcmp(n, "p") == 0) {
			para.text.len = 0;
			if (para.text.data)
				para.text.data[0] = '\0';
			free(para.style);
			para.style = NULL;
			para.list = false;
			in_para = !empty;
			if (!empty)
				continue;
		}
		if (in_para && start && strcmp(n, "pStyle") == 0) {
			free(para.style);
			para.style = office_attr(r, "val");
			/* "List Bullet", "List Number": a list by its style */
			if (para.style && strncmp(para.style, "List", 4) == 0 &&
			    strcmp(para.style, "ListParagraph") != 0)
				para.list = true;
			continue;
		}
		if (in_para && start && strcmp(n, "numPr") == 0) {
			para.list = true;
			continue;
		}
		if (in_para && start && strcmp(n, "t") == 0) {
			in_text = !empty;
			continue;
		}
		if (end && strcmp(n, "t") == 0) {
			in_text = false;
			continue;
		}
		if (in_para && start && (strcmp(n, "tab") == 0 || strcmp(n, "ptab") == 0)) {
			strbuf_addc(&para.text, ' ');
			continue;
		}
		if (in_para && start && (strcmp(n, "br") == 0 || strcmp(n, "cr") == 0)) {
			strbuf_addc(&para.text, '\n');
			continue;
		}
		if (in_text && (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_CDATA ||
				nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
				nt == XML_READER_TYPE_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			if (para.text.len + strlen(v) <= IMPORT_MAX_CELL_BYTES + 1)
				strbuf_adds(&para.text, v);
			continue;
		}
		if ((end && strcmp(n, "p") == 0) || (start && empty && strcmp(n, "p") == 0)) {
			in_para = false;
			const char *text = para.text.data ? para.text.data : "";
			if (tables == 0) {
				keep_before(&d, &para);
			} else if (in_cell && *text) {
				/* paragraphs apart by a blank line, list items by a line
				 * break, as markdown reads them */
				if (cell.len)
					strbuf_adds(&cell, para.list && cell_last_list ? "\n" : "\n\n");
				if (para.list)
					strbuf_adds(&cell, "- ");
				if (cell.len + strlen(text) <= IMPORT_MAX_CELL_BYTES + 1)
					strbuf_adds(&cell, text);
				cell_last_list = para.list;
			}
		}
	}
	if (ret < 0)
		ok = false;
	if (r)
		xmlFreeTextReader(r);
	free(data);
	strbuf_free(&cell);
	strbuf_free(&para.text);
	free(para.style);
	if (ok && !s->title && d.first_title)
		s->title = xstrdup(d.first_title);
	free(d.first_title);
	forget_before(&d);
	for (size_t i = 0; i < s->n_tables; i++)
		table_finish(&s->tables[i]);	/* also a table the end of the file cut */
	if (ok && s->n_tables == 0 && s->errors == 0) {
		import_error(s, NULL, 0, 0, "has no table: planpress imports the rows of a "
			     "plan's tables");
		ok = false;
	}
	office_close(&d.office);
	return ok && s->errors == 0;
}
