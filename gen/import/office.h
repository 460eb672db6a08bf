/* office.h - what .xlsx and .docx share: a zip (libzip) of XML parts (libxml2),
 * read within IMPORT_MAX_* bounds, so a zip bomb, a damaged or encrypted file
 * or a file that is not what its name says is an error, never a crash or a
 * hang; and the theme colours a fill may be given by. */
#ifndef PLANPRESS_IMPORT_OFFICE_H
#define PLANPRESS_IMPORT_OFFICE_H

#include "table.h"

#include <libxml/xmlreader.h>
#include <stdint.h>

/* The whole file, at most IMPORT_MAX_FILE_BYTES; NULL after an error. */
char *office_read_file(struct import_source *s, size_t *len);
/* What the bytes are when they are not text ("a zip file ...", "an encrypted
 * Office file ..."), or NULL when they may be text. */
const char *office_sniff(const char *data, size_t len);

struct office {
	struct import_source *s;
	char *data;
	size_t len;
	struct zip *zip;
};

/* Opens the file as a zip holding main (xl/workbook.xml, word/document.xml);
 * false after an error saying what the file is instead. */
bool office_open(struct office *o, struct import_source *s, const char *main,
		 const char *what);
bool office_has(struct office *o, const char *name);
/* A part unpacked, NUL-ended; NULL after an error (damaged, encrypted, past
 * the bounds), or quietly when the part is not there and optional. */
char *office_part(struct office *o, const char *name, size_t *len, bool optional);
void office_close(struct office *o);

/* An XML reader over a part's text: no network, no DTD, no entity expansion. */
xmlTextReaderPtr office_xml(struct office *o, const char *name, const char *data, size_t len);
/* Reads the next node; 1 a node, 0 the end, -1 an error (said, naming the part). */
int office_xml_next(struct office *o, xmlTextReaderPtr r, const char *name);
/* The attribute's value by local name, whatever its namespace prefix; NULL if none. */
char *office_attr(xmlTextReaderPtr r, const char *local);

/* The colour scheme of a theme part, in its order: dk1, lt1, dk2, lt2,
 * accent1-6, hlink, folHlink. */
struct theme_colours {
	uint32_t rgb[12];
	bool known;
};
void office_theme(struct office *o, const char *name, struct theme_colours *t);
/* By the names Word gives them (accent1, background1, text1 ...); -1 if unknown. */
int theme_index_of_name(const char *name);
/* Lightened (tint > 0) or darkened (< 0), as Excel applies a tint. */
uint32_t colour_tint(uint32_t rgb, double tint);
/* "FFC000", "FF00B050" (ARGB) into 0xRRGGBB; false if not hex. */
bool parse_hex_colour(const char *s, uint32_t *rgb);

#endif
