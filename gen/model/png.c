/* png.c - a PNG's header read, its size bounded, then decoded with cairo, the
 * decoder the PDF painter uses. */
#include "png.h"

#include <cairo.h>
#include <string.h>

struct png_reader {
	const unsigned char *data;
	size_t size, at;
};

static cairo_status_t read_bytes(void *closure, unsigned char *out, unsigned int length)
{
	struct png_reader *r = closure;
	if (length > r->size - r->at)
		return CAIRO_STATUS_READ_ERROR;	/* truncated */
	memcpy(out, r->data + r->at, length);
	r->at += length;
	return CAIRO_STATUS_SUCCESS;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
}

enum png_problem png_check(const unsigned char *data, size_t size, unsigned long *width,
			   unsigned long *height, const char **why)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	*width = *height = 0;
	*why = NULL;
	/* the signature, then the IHDR chunk: length 13, "IHDR", width, height */
	if (size < 8 + 8 + 13 || memcmp(data, signature, 8) != 0 || be32(data + 8) != 13 ||
	    memcmp(data + 12, "IHDR", 4) != 0)
		return PNG_NOT_PNG;
	*width = be32(data + 16);
	*height = be32(data + 20);
	if (*width > LOGO_MAX_SIDE || *height > LOGO_MAX_SIDE)
		return PNG_TOO_LARGE;
	if (*width == 0 || *height == 0) {
		*why = "it declares no pixels";
		return PNG_UNDECODABLE;
	}
	struct png_reader r = { data, size, 0 };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_bytes, &r);
	cairo_status_t status = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (status == CAIRO_STATUS_SUCCESS)
		return PNG_OK;
	/* cairo names libpng's every complaint "out of memory", though the size
	 * is bounded above: what is left is a file cut short or damaged */
	*why = "it is cut short or damaged";
	return PNG_UNDECODABLE;
}
