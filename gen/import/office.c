/* office.c - the zip of XML parts that .xlsx and .docx files are, read with
 * libzip and libxml2 inside the IMPORT_MAX_* bounds. A part's declared size
 * is never trusted: bytes are counted as they are unpacked, so a zip bomb
 * stops at the bound. */
#include "office.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

char *office_read_file(struct import_source *s, size_t *len)
{
	if (s->data) {
		if (s->data_len > IMPORT_MAX_FILE_BYTES) {
			import_error(s, NULL, 0, 0, "is more than %u MiB", IMPORT_MAX_FILE_BYTES >> 20);
			return NULL;
		}
		char *copy = xmalloc(s->data_len + 1);
		memcpy(copy, s->data, s->data_len);
		copy[s->data_len] = '\0';
		*len = s->data_len;
		return copy;
	}
	FILE *f = fopen(s->path, "rb");
	if (!f) {
		import_error(s, NULL, 0, 0, "cannot be read: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		import_error(s, NULL, 0, 0, "is not a file");
		fclose(f);
		return NULL;
	}
	if ((unsigned long long)st.st_size > IMPORT_MAX_FILE_BYTES) {
		import_error(s, NULL, 0, 0, "is %lld bytes, more than the %u MiB planpress "
			     "imports (IMPORT_MAX_FILE_BYTES)", (long long)st.st_size,
			     IMPORT_MAX_FILE_BYTES >> 20);
		fclose(f);
		return NULL;
	}
	char *data = xmalloc((size_t)st.st_size + 1);
	size_t n = fread(data, 1, (size_t)st.st_size + 1, f);
	bool bad = ferror(f) || n > (size_t)st.st_size;
	fclose(f);
	if (bad) {
		import_error(s, NULL, 0, 0, "cannot be read whole (did it change while read?)");
		free(data);
		return NULL;
	}
	data[n] = '\0';
	*len = n;
	return data;
}

/* Whether the UTF-16 little-endian form of word is in data (the names of
 * the streams of an OLE compound file are written so). */
static bool has_utf16(const char *data, size_t len, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i + 2 * n <= len; i++) {
		size_t k = 0;
		while (k < n && data[i + 2 * k] == word[k] && data[i + 2 * k + 1] == 0)
			k++;
		if (k == n)
			return true;
	}
	return false;
}

const char *office_sniff(const char *data, size_t len)
{
	if (len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
		return "a zip file (such as a .xlsx workbook or a .docx document)";
	if (len >= 4 && memcmp(data, "PK\x05\x06", 4) == 0)
		return "an empty zip file";
	if (len >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		if (has_utf16(data, len, "EncryptionInfo") || has_utf16(data, len, "EncryptedPackage"))
			return "an encrypted (password-protected) Office file: open it, remove the "
			       "password (File, Info, Protect) and save it again";
		return "an Excel 97-2003 or Word 97-2003 file (.xls, .doc): open it and save it "
		       "as .xlsx or .docx";
	}
	if (len >= 5 && memcmp(data, "%PDF-", 5) == 0)
		return "a PDF: planpress imports the spreadsheet or Word file the PDF was made from";
	if (len >= 5 && memcmp(data, "{\\rtf", 5) == 0)
		return "an RTF document: save it from Word as .docx";
	if (len >= 2 && ((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE))
		return "UTF-16 text (Excel's \"Unicode Text\"): save it as \"CSV UTF-8\"";
	if (len >= 2 && ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))
		return "UTF-16 text: save it as \"CSV UTF-8\"";
	size_t head = len < 4096 ? len : 4096;
	if (memchr(data, '\0', head))
		return "a binary file (it holds NUL bytes)";
	return NULL;
}

static const char *zip_problem(int code)
{
	switch (code) {
	case ZIP_ER_NOZIP:
		return "it is not a zip file, as a .xlsx or .docx is";
	case ZIP_ER_INCONS:
	case ZIP_ER_CRC:
	case ZIP_ER_COMPNOTSUPP:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
	case ZIP_ER_EOF:
	case ZIP_ER_ZLIB:
	case ZIP_ER_COMPRESSED_DATA:
		return "it is damaged (its zip is inconsistent, cut short or its data corrupt)";
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
		return "it is encrypted (password-protected): save it again without a password";
	case ZIP_ER_MEMORY:
		return "it needs more memory than there is";
	default:
		return "it cannot be opened as a zip file";
	}
}

bool office_open(struct office *o, struct import_source *s, const char *main,
		 const char *what)
{
	memset(o, 0, sizeof *o);
	o->s = s;
	o->data = office_read_file(s, &o->len);
	if (!o->data)
		return false;
	if (o->len < 4 || (memcmp(o->data, "PK\x03\x04", 4) != 0 &&
			   memcmp(o->data, "PK\x05\x06", 4) != 0)) {
		const char *is = office_sniff(o->data, o->len);
		import_error(s, NULL, 0, 0, "is not %s: it is %s", what,
			     is ? is : "text (if it is CSV, name it .csv)");
		return false;
	}
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(o->data, o->len, 0, &err);
	if (src)
		o->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!o->zip) {
		import_error(s, NULL, 0, 0, "cannot be read as %s: %s", what,
			     zip_problem(zip_error_code_zip(&err)));
		if (src)
			zip_source_free(src);
		zip_error_fini(&err);
		return false;
	}
	zip_error_fini(&err);
	zip_int64_t entries = zip_get_num_entries(o->zip, 0);
	if (entries > IMPORT_MAX_ZIP_ENTRIES) {
		import_error(s, NULL, 0, 0, "holds %lld files, more than the %d an Office file "
			     "may hold here (IMPORT_MAX_ZIP_ENTRIES)", (long long)entries,
			     IMPORT_MAX_ZIP_ENTRIES);
		return false;
	}
	if (!office_has(o, main)) {
		const char *is = office_has(o, "word/document.xml") ? "a Word document (.docx)" :
				 office_has(o, "xl/workbook.xml") ? "an Excel workbook (.xlsx)" :
				 office_has(o, "ppt/presentation.xml") ? "a PowerPoint file (.pptx)" :
				 office_has(o, "content.xml") ? "an OpenDocument file: save it as "
								"Office Open XML (.xlsx, .docx)" :
				 "a zip file of something else";
		import_error(s, NULL, 0, 0, "is not %s: it is %s", what, is);
		return false;
	}
	return true;
}

bool office_has(struct office *o, const char *name)
{
	return zip_name_locate(o->zip, name, 0) >= 0;
}

char *office_part(struct office *o, const char *name, size_t *len, bool optional)
{
	zip_int64_t index = zip_name_locate(o->zip, name, 0);
	if (index < 0) {
		if (!optional)
			import_error(o->s, NULL, 0, 0, "is damaged: it has no part %s", name);
		return NULL;
	}
	zip_stat_t st;
	if (zip_stat_index(o->zip, (zip_uint64_t)index, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		import_error(o->s, NULL, 0, 0, "is encrypted (password-protected): open it, "
			     "remove the password and save it again");
		return NULL;
	}
	zip_file_t *f = zip_fopen_index(o->zip, (zip_uint64_t)index, 0);
	if (!f) {
		import_error(o->s, NULL, 0, 0, "cannot be read: part %s: %s", name,
			     zip_problem(zip_error_code_zip(zip_get_error(o->zip))));
		return NULL;
	}
	struct strbuf b = { 0 };
	char chunk[65536];
	bool ok = true;
	for (;;) {
		zip_int64_t n = zip_fread(f, chunk, sizeof chunk);
		if (n < 0) {
			import_error(o->s, NULL, 0, 0, "cannot be read: part %s: %s", name,
				     zip_problem(zip_error_code_zip(zip_file_get_error(f))));
			ok = false;
			break;
		}
		if (n == 0)
			break;
		/* counted as unpacked, whatever the zip declares */
		if (b.len + (size_t)n > IMPORT_MAX_PART_BYTES ||
		    o->s->unpacked + (size_t)n > IMPORT_MAX_UNPACKED_BYTES) {
			import_error(o->s, NULL, 0, 0, "part %s unpacks to more than %u MiB "
				     "(IMPORT_MAX_PART_BYTES, IMPORT_MAX_UNPACKED_BYTES): it is not "
				     "read (a zip bomb, or a damaged file)", name,
				     (b.len + (size_t)n > IMPORT_MAX_PART_BYTES ?
				      IMPORT_MAX_PART_BYTES : IMPORT_MAX_UNPACKED_BYTES) >> 20);
			ok = false;
			break;
		}
		o->s->unpacked += (size_t)n;
		strbuf_add(&b, chunk, (size_t)n);
	}
	zip_fclose(f);
	if (!ok) {
		strbuf_free(&b);
		return NULL;
	}
	if (!b.data)
		strbuf_adds(&b, "");
	*len = b.len;
	return b.data;
}

void office_close(struct office *o)
{
	if (o->zip)
		zip_discard(o->zip);	/* also frees the source, which does not own data */
	free(o->data);
	memset(o, 0, sizeof *o);
}

xmlTextReaderPtr office_xml(struct office *o, const char *name, const char *data, size_t len)
{
	if (len > (size_t)0x7FFFFFFF)
		return NULL;
	xmlTextReaderPtr r = xmlReaderForMemory(data, (int)len, name, NULL,
						XML_PARSE_NONET | XML_PARSE_NOERROR |
						XML_PARSE_NOWARNING);
	if (!r)
		import_error(o->s, NULL, 0, 0, "cannot be read: part %s is not XML", name);
	return r;
}

int office_xml_next(struct office *o, xmlTextReaderPtr r, const char *name)
{
	int ret = xmlTextReaderRead(r);
	if (ret < 0) {
		import_error(o->s, NULL, 0, 0, "is damaged: part %s is not well-formed XML "
			     "(line %d)", name, xmlTextReaderGetParserLineNumber(r));
		return -1;
	}
	if (ret == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
		import_error(o->s, NULL, 0, 0, "is not an Office file: part %s declares a DTD, "
			     "which Office files never do", name);
		return -1;
	}
	if (ret == 1 && xmlTextReaderDepth(r) > IMPORT_MAX_XML_DEPTH) {
		import_error(o->s, NULL, 0, 0, "is damaged: part %s nests elements more than "
			     "%d deep (IMPORT_MAX_XML_DEPTH)", name, IMPORT_MAX_XML_DEPTH);
		return -1;
	}
	return ret;
}

char *office_attr(xmlTextReaderPtr r, const char *local)
{
	if (!xmlTextReaderHasAttributes(r))
		return NULL;
	char *value = NULL;
	if (xmlTextReaderMoveToFirstAttribute(r) == 1) {
		do {
			const xmlChar *n = xmlTextReaderConstLocalName(r);
			if (n && strcmp((const char *)n, local) == 0) {
				const xmlChar *v = xmlTextReaderConstValue(r);
				value = xstrdup(v ? (const char *)v : "");
				break;
			}
		} while (xmlTextReaderMoveToNextAttribute(r) == 1);
		xmlTextReaderMoveToElement(r);
	}
	return value;
}

bool parse_hex_colour(const char *s, uint32_t *rgb)
{
	size_t n = strlen(s);
	if (n != 6 && n != 8)
		return false;
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return false;
		v = v * 16 + (uint32_t)d;
	}
	*rgb = v & 0xFFFFFF;	/* ARGB: the alpha byte is not a colour */
	return true;
}

static const char *const scheme_names[12] = {
	"dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
	"accent6", "hlink", "folHlink",
};

int theme_index_of_name(const char *name)
{
	static const struct {
		const char *word;
		int index;
	} words[] = {
		{ "dark1", 0 }, { "text1", 0 }, { "light1", 1 }, { "background1", 1 },
		{ "dark2", 2 }, { "text2", 2 }, { "light2", 3 }, { "background2", 3 },
		{ "accent1", 4 }, { "accent2", 5 }, { "accent3", 6 }, { "accent4", 7 },
		{ "accent5", 8 }, { "accent6", 9 }, { "hyperlink", 10 },
		{ "followedHyperlink", 11 },
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(words[i].word, name) == 0)
			return words[i].index;
	return -1;
}

void office_theme(struct office *o, const char *name, struct theme_colours *t)
{
	memset(t, 0, sizeof *t);
	size_t len;
	char *data = office_part(o, name, &len, true);
	if (!data)
		return;
	xmlTextReaderPtr r = office_xml(o, name, data, len);
	int slot = -1;
	bool in_scheme = false;
	while (r && office_xml_next(o, r, name) == 1) {
		if (xmlTextReaderNodeType(r) == XML_READER_TYPE_END_ELEMENT) {
			const char *n = (const char *)xmlTextReaderConstLocalName(r);
			if (strcmp(n, "clrScheme") == 0)
				break;
			continue;
		}
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT)
			continue;
		const char *n = (const char *)xmlTextReaderConstLocalName(r);
		if (strcmp(n, "clrScheme") == 0) {
			in_scheme = true;
			continue;
		}
		if (!in_scheme)
			continue;
		for (int i = 0; i < 12; i++)
			if (strcmp(n, scheme_names[i]) == 0)
				slot = i;
		if (slot >= 0 && (strcmp(n, "srgbClr") == 0 || strcmp(n, "sysClr") == 0)) {
			char *v = office_attr(r, strcmp(n, "srgbClr") == 0 ? "val" : "lastClr");
			if (v && parse_hex_colour(v, &t->rgb[slot]))
				t->known = true;
			free(v);
			slot = -1;
		}
	}
	if (r)
		xmlFreeTextReader(r);
	free(data);
}

uint32_t colour_tint(uint32_t rgb, double tint)
{
	if (tint == 0)
		return rgb;
	uint32_t out = 0;
	for (int shift = 16; shift >= 0; shift -= 8) {
		double c = ((rgb >> shift) & 0xFF) / 255.0;
		c = tint < 0 ? c * (1 + tint) : c * (1 - tint) + tint;
		int v = (int)(c * 255 + 0.5);
		out |= (uint32_t)(v < 0 ? 0 : v > 255 ? 255 : v) << shift;
	}
	return out;
}
