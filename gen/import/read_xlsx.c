/* read_xlsx.c - an Excel workbook (.xlsx, Office Open XML) as one table per
 * visible sheet: the cells' text (shared strings, inline strings, numbers,
 * dates by their number format, TRUE/FALSE), each cell's solid fill colour
 * (by RGB, theme with tint, or the legacy palette) and the merged cells. */
#include "office.h"
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The legacy palette of indexed colours (0-63). */
static const uint32_t indexed_colours[64] = {
	0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
	0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
	0x800000, 0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080,
	0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF,
	0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF,
	0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99,
	0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
	0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333,
};

struct style {
	bool filled;
	uint32_t fill;
	bool date;	/* its number format shows a date */
};

struct workbook {
	struct office office;
	struct import_source *s;
	char **strings;		/* shared strings */
	size_t n_strings;
	struct style *styles;	/* cellXfs, by index */
	size_t n_styles;
	struct theme_colours theme;
	bool date1904;
};

/* An element's colour: rgb="FF..", theme="4" tint="0.39", indexed="10". */
static bool element_colour(struct workbook *w, xmlTextReaderPtr r, uint32_t *rgb)
{
	char *v;
	bool ok = false;
	if ((v = office_attr(r, "rgb"))) {
		ok = parse_hex_colour(v, rgb);
	} else if ((v = office_attr(r, "theme"))) {
		/* Excel numbers the scheme lt1, dk1, lt2, dk2, accent1 ... */
		static const int order[12] = { 1, 0, 3, 2, 4, 5, 6, 7, 8, 9, 10, 11 };
		int i = atoi(v);
		if (w->theme.known && i >= 0 && i < 12) {
			*rgb = w->theme.rgb[order[i]];
			ok = true;
		}
	} else if ((v = office_attr(r, "indexed"))) {
		int i = atoi(v);
		if (i >= 0 && i < 64) {
			*rgb = indexed_colours[i];
			ok = true;
		}
	}
	free(v);
	if (ok && (v = office_attr(r, "tint"))) {
		*rgb = colour_tint(*rgb, strtod(v, NULL));
		free(v);
	}
	return ok;
}

/* Whether a number format code shows a date: d, m or y outside quotes,
 * brackets and escapes ([Red], "days", \d are not). */
static bool format_is_date(const char *code)
{
	bool quoted = false;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\\' && p[1])
			p++;
		else if (*p == '[') {
			while (*p && *p != ']')
				p++;
			if (!*p)
				break;
		} else if (strchr("dmyDMY", *p))
			return true;
	}
	return false;
}

static bool builtin_date_format(int id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
	       (id >= 50 && id <= 58);
}

static void read_styles(struct workbook *w)
{
	size_t len;
	const char *name = "xl/styles.xml";
	char *data = office_part(&w->office, name, &len, true);
	if (!data)
		return;
	xmlTextReaderPtr r = office_xml(&w->office, name, data, len);
	struct { bool filled; uint32_t rgb; } *fills = NULL;
	size_t n_fills = 0;
	struct { int id; bool date; } *formats = NULL;
	size_t n_formats = 0;
	enum { NOWHERE, FILLS, CELL_XFS } where = NOWHERE;
	bool solid = false;
	while (r && office_xml_next(&w->office, r, name) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *n = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "fills") == 0 || strcmp(n, "cellXfs") == 0)
				where = NOWHERE;
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		if (strcmp(n, "numFmt") == 0) {
			char *id = office_attr(r, "numFmtId"), *code = office_attr(r, "formatCode");
			if (id && code && n_formats < 4096) {
				formats = xrealloc(formats, (n_formats + 1) * sizeof *formats);
				formats[n_formats].id = atoi(id);
				formats[n_formats++].date = format_is_date(code);
			}
			free(id);
			free(code);
		} else if (strcmp(n, "fills") == 0) {
			where = FILLS;
		} else if (strcmp(n, "cellXfs") == 0) {
			where = CELL_XFS;
		} else if (where == FILLS && strcmp(n, "fill") == 0) {
			if (n_fills >= 65536)
				continue;
			fills = xrealloc(fills, (n_fills + 1) * sizeof *fills);
			fills[n_fills].filled = false;
			fills[n_fills++].rgb = 0;
			solid = false;
		} else if (where == FILLS && strcmp(n, "patternFill") == 0 && n_fills) {
			char *pattern = office_attr(r, "patternType");
			solid = pattern && strcmp(pattern, "none") != 0 && strcmp(pattern, "gray125") != 0;
			free(pattern);
		} else if (where == FILLS && strcmp(n, "fgColor") == 0 && n_fills && solid) {
			uint32_t rgb;
			if (element_colour(w, r, &rgb)) {
				fills[n_fills - 1].filled = true;
				fills[n_fills - 1].rgb = rgb;
			}
		} else if (where == FILLS && strcmp(n, "stop") == 0 && n_fills) {
			solid = true;	/* a gradient: its stops' colour */
		} else if (where == FILLS && strcmp(n, "color") == 0 && n_fills && solid &&
			   !fills[n_fills - 1].filled) {
			uint32_t rgb;
			if (element_colour(w, r, &rgb)) {
				fills[n_fills - 1].filled = true;
				fills[n_fills - 1].rgb = rgb;
			}
		} else if (where == CELL_XFS && strcmp(n, "xf") == 0 && w->n_styles < 65536) {
			w->styles = xrealloc(w->styles, (w->n_styles + 1) * sizeof *w->styles);
			struct style *st = &w->styles[w->n_styles++];
			memset(st, 0, sizeof *st);
			char *fill = office_attr(r, "fillId"), *fmt = office_attr(r, "numFmtId");
			if (fill) {
				long i = atol(fill);
				if (i >= 0 && (size_t)i < n_fills && fills[i].filled) {
					st->filled = true;
					st->fill = fills[i].rgb;
				}
			}
			if (fmt) {
				int id = atoi(fmt);
				st->date = builtin_date_format(id);
				for (size_t i = 0; i < n_formats; i++)
					if (formats[i].id == id)
						st->date = formats[i].date;
			}
			free(fill);
			free(fmt);
		}
	}
	if (r)
		xmlFreeTextReader(r);
	free(fills);
	free(formats);
	free(data);
}

/* The text of <si> or <is>: its <t> elements, leaving out phonetic runs. */
static bool read_rich_text(struct workbook *w, xmlTextReaderPtr r, const char *name,
			   const char *end, struct strbuf *out)
{
	bool in_t = false;
	int skip = 0;	/* inside <rPh> */
	int ret;
	while ((ret = office_xml_next(&w->office, r, name)) == 1) {
		int type = xmlTextReaderNodeType(r);
		const char *n = (const char *)xmlTextReaderConstLocalName(r);
		if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement(r)) {
			if (strcmp(n, "rPh") == 0)
				skip++;
			else if (strcmp(n, "t") == 0)
				in_t = true;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "rPh") == 0)
				skip--;
			else if (strcmp(n, "t") == 0)
				in_t = false;
			else if (strcmp(n, end) == 0)
				return true;
		} else if (in_t && !skip && (type == XML_READER_TYPE_TEXT ||
					     type == XML_READER_TYPE_CDATA ||
					     type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
					     type == XML_READER_TYPE_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			if (out->len + strlen(v) > IMPORT_MAX_CELL_BYTES + 1)
				continue;	/* too long: the cell says so when it is used */
			strbuf_adds(out, v);
		}
	}
	return ret == 0;
}

static bool read_shared_strings(struct workbook *w)
{
	size_t len;
	const char *name = "xl/sharedStrings.xml";
	char *data = office_part(&w->office, name, &len, true);
	if (!data)
		return w->s->errors == 0;
	xmlTextReaderPtr r = office_xml(&w->office, name, data, len);
	bool ok = r != NULL;
	size_t cap = 0;
	int ret;
	while (ok && (ret = office_xml_next(&w->office, r, name)) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "si") != 0)
			continue;
		struct strbuf text = { 0 };
		if (!xmlTextReaderIsEmptyElement(r) && !read_rich_text(w, r, name, "si", &text)) {
			strbuf_free(&text);
			ok = false;
			break;
		}
		if (w->n_strings == cap) {
			cap = cap ? cap * 2 : 256;
			w->strings = xrealloc(w->strings, cap * sizeof *w->strings);
		}
		w->strings[w->n_strings++] = text.data ? text.data : xstrdup("");
	}
	if (ok && ret < 0)
		ok = false;
	if (r)
		xmlFreeTextReader(r);
	free(data);
	return ok;
}

struct sheet_ref {
	char *name, *part;
};

/* "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml". */
static char *part_path(const char *target)
{
	if (target[0] == '/')
		return xstrdup(target + 1);
	char *p = xmalloc(strlen(target) + 4);
	sprintf(p, "xl/%s", target);
	return p;
}

/* The visible sheets, in the workbook's order, with the part of each. */
static size_t read_workbook(struct workbook *w, struct sheet_ref **out)
{
	size_t len;
	char *rels = office_part(&w->office, "xl/_rels/workbook.xml.rels", &len, false);
	if (!rels)
		return 0;
	struct { char *id, *target; } *links = NULL;
	size_t n_links = 0;
	const char *name = "xl/_rels/workbook.xml.rels";
	xmlTextReaderPtr r = office_xml(&w->office, name, rels, len);
	while (r && office_xml_next(&w->office, r, name) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "Relationship") != 0 ||
		    n_links >= IMPORT_MAX_ZIP_ENTRIES)
			continue;
		char *id = office_attr(r, "Id"), *target = office_attr(r, "Target");
		if (id && target) {
			links = xrealloc(links, (n_links + 1) * sizeof *links);
			links[n_links].id = id;
			links[n_links++].target = target;
		} else {
			free(id);
			free(target);
		}
	}
	if (r)
		xmlFreeTextReader(r);
	free(rels);

	size_t n = 0;
	*out = NULL;
	name = "xl/workbook.xml";
	char *book = office_part(&w->office, name, &len, false);
	r = book ? office_xml(&w->office, name, book, len) : NULL;
	while (r && office_xml_next(&w->office, r, name) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		const char *el = (const char *)xmlTextReaderConstLocalName(r);
		if (strcmp(el, "workbookPr") == 0) {
			char *v = office_attr(r, "date1904");
			w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
			free(v);
			continue;
		}
		if (strcmp(el, "sheet") != 0 || n >= IMPORT_MAX_TABLES)
			continue;
		char *sheet = office_attr(r, "name"), *id = office_attr(r, "id"),
		     *state = office_attr(r, "state");
		const char *target = NULL;
		for (size_t i = 0; id && i < n_links; i++)
			if (strcmp(links[i].id, id) == 0)
				target = links[i].target;
		if (sheet && target && !(state && strcmp(state, "visible") != 0)) {
			*out = xrealloc(*out, (n + 1) * sizeof **out);
			(*out)[n].name = xstrdup(sheet);
			(*out)[n++].part = part_path(target);
		} else if (sheet && state && strcmp(state, "visible") != 0) {
			import_warning(w->s, NULL, 0, 0, "sheet '%s' is hidden: it is not imported",
				       sheet);
		}
		free(sheet);
		free(id);
		free(state);
	}
	if (r)
		xmlFreeTextReader(r);
	free(book);
	for (size_t i = 0; i < n_links; i++) {
		free(links[i].id);
		free(links[i].target);
	}
	free(links);
	return n;
}

/* "C14" into a 0-based column and a 1-based row; false if not a reference. */
static bool parse_ref(const char *ref, size_t *col, unsigned *row)
{
	size_t c = 0;
	const char *p = ref;
	while (*p >= 'A' && *p <= 'Z' && c < 100000)
		c = c * 26 + (size_t)(*p++ - 'A' + 1);
	unsigned long r = 0;
	const char *digits = p;
	while (*p >= '0' && *p <= '9' && r < 100000000)
		r = r * 10 + (unsigned long)(*p++ - '0');
	if (c == 0 || p == digits || *p || r == 0)
		return false;
	*col = c - 1;
	*row = (unsigned)r;
	return true;
}

/* An Excel serial day as a UK date: 43221 is 01/05/2018. */
static void serial_to_date(double serial, bool date1904, char *buf, size_t size)
{
	long days = (long)floor(serial);
	if (date1904)
		days += 1462;
	/* 1900 system: day 1 is 1 January 1900, and day 60 the 29 February 1900
	 * Lotus believed in; counted from 30 December 1899 for days after it */
	if (days < 61)
		days += 1;
	long z = days - 25569 + 719468;	/* days since 1970-01-01, then civil from days */
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	snprintf(buf, size, "%02ld/%02ld/%04ld", d, m, y + (m <= 2));
}

/* A number as it reads: 12, 0.5, 1.25 (no exponent for ordinary figures). */
static void format_number(const char *v, char *buf, size_t size)
{
	char *end;
	double d = strtod(v, &end);
	if (*end || !isfinite(d)) {
		snprintf(buf, size, "%s", v);
		return;
	}
	snprintf(buf, size, "%.15g", d);
}

static bool read_sheet(struct workbook *w, const struct sheet_ref *ref)
{
	struct import_table *t = source_add_table(w->s, ref->name);
	if (!t)
		return false;
	size_t len;
	char *data = office_part(&w->office, ref->part, &len, false);
	if (!data)
		return false;
	const char *name = ref->part;
	xmlTextReaderPtr r = office_xml(&w->office, name, data, len);
	bool ok = r != NULL;
	unsigned row = 0;	/* the current row's number, 0 outside a row */
	bool row_added = false;
	/* the cell being read */
	size_t col = 0;
	char *type = NULL;
	struct style *style = NULL;
	struct strbuf value = { 0 };
	bool in_v = false, in_cell = false;
	size_t next_col = 0;
	struct { size_t c1, c2; unsigned r1, r2; } *merges = NULL;
	size_t n_merges = 0;
	int ret = 0;
	while (ok && (ret = office_xml_next(&w->office, r, name)) == 1) {
		int nt = xmlTextReaderNodeType(r);
		const char *n = (const char *)xmlTextReaderConstLocalName(r);
		if (nt == XML_READER_TYPE_ELEMENT) {
			bool empty = xmlTextReaderIsEmptyElement(r);
			if (strcmp(n, "row") == 0) {
				char *rv = office_attr(r, "r");
				unsigned next = rv ? (unsigned)strtoul(rv, NULL, 10) : row + 1;
				free(rv);
				if (next == 0 || next > 1048576)
					next = row + 1;
				row = next;
				row_added = false;
				next_col = 0;
			} else if (strcmp(n, "c") == 0 && row) {
				char *rv = office_attr(r, "r"), *sv = office_attr(r, "s");
				unsigned cell_row;
				if (!rv || !parse_ref(rv, &col, &cell_row))
					col = next_col;
				next_col = col + 1;
				free(type);
				type = office_attr(r, "t");
				style = NULL;
				if (sv) {
					long si = atol(sv);
					if (si >= 0 && (size_t)si < w->n_styles)
						style = &w->styles[si];
				}
				free(rv);
				free(sv);
				value.len = 0;
				if (value.data)
					value.data[0] = '\0';
				in_cell = !empty;
				/* a cell with only a fill is kept: its colour may be a RAG */
				if (empty && style && style->filled) {
					if (!row_added && !(row_added = import_add_row(w->s, t, row)))
						ok = false;
					struct import_cell *c = ok ? table_cell(w->s, t, col) : NULL;
					if (c) {
						c->filled = true;
						c->fill = style->fill;
						if (!c->text)
							c->text = xstrdup("");
					}
				}
			} else if (in_cell && (strcmp(n, "v") == 0 || strcmp(n, "f") == 0)) {
				in_v = strcmp(n, "v") == 0 && !empty;
			} else if (in_cell && strcmp(n, "is") == 0 && !empty) {
				if (!read_rich_text(w, r, name, "is", &value))
					ok = false;
			} else if (strcmp(n, "mergeCell") == 0 && n_merges < 100000) {
				char *mr = office_attr(r, "ref");
				char *colon = mr ? strchr(mr, ':') : NULL;
				size_t c1, c2;
				unsigned r1, r2;
				if (colon) {
					*colon = '\0';
					if (parse_ref(mr, &c1, &r1) && parse_ref(colon + 1, &c2, &r2) &&
					    c1 <= c2 && r1 <= r2) {
						merges = xrealloc(merges, (n_merges + 1) * sizeof *merges);
						merges[n_merges].c1 = c1;
						merges[n_merges].c2 = c2;
						merges[n_merges].r1 = r1;
						merges[n_merges++].r2 = r2;
					}
				}
				free(mr);
			}
		} else if (nt == XML_READER_TYPE_END_ELEMENT) {
			if (strcmp(n, "v") == 0) {
				in_v = false;
			} else if (strcmp(n, "c") == 0 && in_cell) {
				in_cell = false;
				/* the cell's text, by its type */
				const char *v = value.data ? value.data : "";
				char buf[64];
				const char *text = v;
				if (type && strcmp(type, "s") == 0) {
					char *end;
					unsigned long i = strtoul(v, &end, 10);
					text = *v && !*end && i < w->n_strings ? w->strings[i] : "";
				} else if (type && strcmp(type, "b") == 0) {
					text = strcmp(v, "1") == 0 ? "TRUE" : "FALSE";
				} else if (type && strcmp(type, "e") == 0) {
					text = v;	/* #N/A, #REF!: as Excel shows it */
				} else if ((!type || strcmp(type, "n") == 0) && *v) {
					if (style && style->date)
						serial_to_date(strtod(v, NULL), w->date1904, buf,
							       sizeof buf);
					else
						format_number(v, buf, sizeof buf);
					text = buf;
				}
				bool filled = style && style->filled;
				if (!*text && !filled)
					continue;
				if (!row_added && !(row_added = import_add_row(w->s, t, row))) {
					ok = false;
					break;
				}
				struct import_cell *c = table_cell(w->s, t, col);
				if (!c)
					continue;
				if (!cell_set_text(w->s, t, c, row, col, text, strlen(text)))
					ok = false;
				c->filled = filled;
				c->fill = filled ? style->fill : 0;
			}
		} else if (in_v && (nt == XML_READER_TYPE_TEXT || nt == XML_READER_TYPE_CDATA ||
				    nt == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
			const char *v = (const char *)xmlTextReaderConstValue(r);
			if (value.len + strlen(v) <= IMPORT_MAX_CELL_BYTES + 1)
				strbuf_adds(&value, v);
		}
	}
	if (ret < 0)
		ok = false;
	free(type);
	strbuf_free(&value);
	if (r)
		xmlFreeTextReader(r);
	free(data);

	/* merged cells: the first cell's text and fill; across, the others are
	 * covered; down, each row's first cell repeats it */
	for (size_t m = 0; ok && m < n_merges; m++) {
		if (merges[m].c1 >= t->n_cols)
			continue;
		size_t c2 = merges[m].c2 < t->n_cols ? merges[m].c2 : t->n_cols - 1;
		struct import_cell *first = NULL;
		for (size_t i = 0; i < t->n_rows; i++) {
			struct import_row *rw = &t->rows[i];
			if (rw->source_row < merges[m].r1 || rw->source_row > merges[m].r2)
				continue;
			struct import_cell *c = &rw->cells[merges[m].c1];
			if (!first) {
				if (rw->source_row != merges[m].r1)
					break;	/* the merge's first row has nothing in it */
				first = c;
				first->span = (unsigned)(c2 - merges[m].c1 + 1);
			} else {
				free(c->text);
				c->text = xstrdup(first->text ? first->text : "");
				c->filled = first->filled;
				c->fill = first->fill;
				c->span = first->span;
				c->merged_down = true;
			}
			for (size_t k = merges[m].c1 + 1; k <= c2; k++)
				rw->cells[k].covered = true;
		}
	}
	free(merges);
	table_finish(t);
	return ok;
}

bool read_xlsx(struct import_source *s)
{
	struct workbook w = { .s = s };
	if (!office_open(&w.office, s, "xl/workbook.xml", "an Excel workbook (.xlsx)")) {
		office_close(&w.office);
		return false;
	}
	office_theme(&w.office, "xl/theme/theme1.xml", &w.theme);
	read_styles(&w);
	bool ok = s->errors == 0 && read_shared_strings(&w);
	struct sheet_ref *sheets = NULL;
	size_t n = ok ? read_workbook(&w, &sheets) : 0;
	if (ok && n == 0 && s->errors == 0) {
		import_error(s, NULL, 0, 0, "has no visible sheet to import");
		ok = false;
	}
	for (size_t i = 0; i < n; i++) {
		if (ok && !read_sheet(&w, &sheets[i]))
			ok = false;
		free(sheets[i].name);
		free(sheets[i].part);
	}
	free(sheets);
	for (size_t i = 0; i < w.n_strings; i++)
		free(w.strings[i]);
	free(w.strings);
	free(w.styles);
	office_close(&w.office);
	return ok && s->errors == 0;
}
