/* png.h - the site's logo, a PNG, checked when the content is read: its
 * signature, the size it declares, and that it decodes (as cairo decodes it
 * for the PDF), so that `check` finds whatever `build` would refuse. */
#ifndef PLANPRESS_PNG_H
#define PLANPRESS_PNG_H

#include <stddef.h>

/* A logo file may be at most this large, and declare at most this many
 * pixels a side: a logo is drawn a few centimetres wide, and one declaring
 * 2^31 - 1 pixels a side would ask for exabytes when decoded. */
#define LOGO_MAX_BYTES (16u * 1024 * 1024)
#define LOGO_MAX_SIDE 4096

enum png_problem {
	PNG_OK,
	PNG_NOT_PNG,		/* no PNG signature, or no IHDR chunk first */
	PNG_TOO_LARGE,		/* *width or *height past LOGO_MAX_SIDE */
	PNG_UNDECODABLE,	/* truncated, corrupt: *why says how */
};

/* Judges a PNG's bytes; width and height are set from its IHDR when it has
 * one. */
enum png_problem png_check(const unsigned char *data, size_t size, unsigned long *width,
			   unsigned long *height, const char **why);

#endif
