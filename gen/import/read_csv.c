/* read_csv.c - a CSV file (RFC 4180, as spreadsheets and `build` write it) as
 * one table. Commas, semicolons or tabs, whichever the first line uses; UTF-8,
 * or Windows-1252 (Excel's plain "CSV") with a warning. */
#include "office.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether data is UTF-8 throughout. */
static bool is_utf8(const char *data, size_t len)
{
	bool dropped;
	char *copy = clean_text(data, len, &dropped);
	free(copy);
	if (!dropped)
		return true;
	/* clean_text also drops control characters: only bytes >= 0x80 that
	 * are not UTF-8 mean another encoding */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		if (c < 0x80)
			continue;
		size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
		if (!n || i + n > len)
			return false;
		for (size_t k = 1; k < n; k++)
			if (((unsigned char)data[i + k] & 0xC0) != 0x80)
				return false;
		i += n - 1;
	}
	return true;
}

static char sniff_delimiter(const char *p, const char *end)
{
	size_t comma = 0, semicolon = 0, tab = 0;
	bool quoted = false;
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == ';')
			semicolon++;
		else if (!quoted && *p == '\t')
			tab++;
	}
	if (semicolon > comma && semicolon >= tab)
		return ';';
	if (tab > comma && tab > semicolon)
		return '\t';
	return ',';
}

bool read_csv(struct import_source *s)
{
	size_t len;
	char *data = office_read_file(s, &len);
	if (!data)
		return false;
	const char *what = office_sniff(data, len);
	if (what) {
		import_error(s, NULL, 0, 0, "this is %s, not CSV text: give the file the "
			     "extension of what it is, or save it again as CSV UTF-8", what);
		free(data);
		return false;
	}
	char *text = data;
	size_t n = len;
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;	/* Excel's "CSV UTF-8" starts with a byte order mark */
		n -= 3;
	}
	char *converted = NULL;
	if (!is_utf8(text, n)) {
		import_warning(s, NULL, 0, 0, "the file is not UTF-8: it is read as "
			       "Windows-1252, as Excel's plain \"CSV\" writes it (save as \"CSV "
			       "UTF-8\" to be sure of every letter)");
		converted = cp1252_to_utf8(text, n);
		text = converted;
		n = strlen(converted);
	}
	struct import_table *t = source_add_table(s, "CSV");
	bool ok = t != NULL;
	const char *p = text, *end = text + n;
	char delimiter = sniff_delimiter(p, end);
	unsigned line = 1;
	struct strbuf field = { 0 };
	while (ok && p < end) {
		/* one record */
		if (!import_add_row(s, t, line)) {
			ok = false;
			break;
		}
		size_t col = 0;
		for (;;) {
			unsigned field_line = line;
			field.len = 0;
			if (field.data)
				field.data[0] = '\0';
			if (p < end && *p == '"') {
				p++;
				for (;;) {
					if (p >= end) {
						import_error(s, t, field_line, col + 1, "a quoted field "
							     "starts here and is never closed (a \" is "
							     "missing)");
						ok = false;
						break;
					}
					if (*p == '"' && p + 1 < end && p[1] == '"') {
						strbuf_addc(&field, '"');
						p += 2;
					} else if (*p == '"') {
						p++;
						break;
					} else {
						if (*p == '\n')
							line++;
						strbuf_addc(&field, *p++);
					}
				}
				/* text after the closing quote, up to the delimiter, is
				 * kept as spreadsheets keep it */
				while (ok && p < end && *p != delimiter && *p != '\n' && *p != '\r')
					strbuf_addc(&field, *p++);
			} else {
				while (p < end && *p != delimiter && *p != '\n' && *p != '\r')
					strbuf_addc(&field, *p++);
			}
			if (!ok)
				break;
			/* a formula-like text kept from running by a leading ' (as
			 * `build` writes it, after OWASP): the quote is not the text's */
			const char *f = field.data ? field.data : "";
			size_t flen = field.len;
			if (flen >= 2 && f[0] == '\'' && strchr("=+-@\t\r", f[1]))
				f++, flen--;
			struct import_cell *c = table_cell(s, t, col);
			if (c && !cell_set_text(s, t, c, field_line, col, f, flen))
				ok = false;
			col++;
			if (p < end && *p == delimiter) {
				p++;
				continue;
			}
			break;
		}
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		line++;
	}
	strbuf_free(&field);
	if (t)
		table_finish(t);
	free(converted);
	free(data);
	return ok;
}
