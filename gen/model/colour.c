/* colour.c - colours read from "#rrggbb", and how well text reads on them. */
#include "colour.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool parse_colour(const char *t, struct rgb *out)
{
	if (!t || t[0] != '#' || strlen(t) != 7)
		return false;
	int v[3];
	for (int i = 0; i < 3; i++) {
		int hi = hex_digit(t[1 + 2 * i]), lo = hex_digit(t[2 + 2 * i]);
		if (hi < 0 || lo < 0)
			return false;
		v[i] = hi * 16 + lo;
	}
	*out = (struct rgb){ v[0] / 255.0, v[1] / 255.0, v[2] / 255.0 };
	return true;
}

const char *colour_hex(struct rgb c, char *buf, size_t size)
{
	snprintf(buf, size, "#%02x%02x%02x", (unsigned)lround(c.r * 255),
		 (unsigned)lround(c.g * 255), (unsigned)lround(c.b * 255));
	return buf;
}

/* WCAG 2.1's relative luminance of an sRGB channel. */
static double linear(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double luminance(struct rgb c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double colour_contrast(struct rgb a, struct rgb b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

const char *text_colour_on(struct rgb background)
{
	static const struct rgb white = { 1, 1, 1 };
	static const struct rgb near_black = { 11 / 255.0, 12 / 255.0, 12 / 255.0 };
	double on_white = colour_contrast(background, white);
	double on_dark = colour_contrast(background, near_black);
	if (on_white < TEXT_CONTRAST_MIN && on_dark < TEXT_CONTRAST_MIN)
		return "#000000";
	return on_white >= on_dark ? "#ffffff" : "#0b0c0c";
}
