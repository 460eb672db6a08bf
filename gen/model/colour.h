/* colour.h - the colour value type: "#rrggbb" read once into red, green and
 * blue, and WCAG 2.1's contrast rules, so that the site's colour, a rating's
 * colour and the print style's colours are read and judged in one place. */
#ifndef PLANPRESS_COLOUR_H
#define PLANPRESS_COLOUR_H

#include <stdbool.h>
#include <stddef.h>

struct rgb {
	double r, g, b;		/* 0 to 1 */
};

/* "#1d4f91" (any case); false for anything else. */
bool parse_colour(const char *text, struct rgb *out);
/* "#1d4f91", into buf (8 bytes at least). */
const char *colour_hex(struct rgb c, char *buf, size_t size);
/* WCAG 2.1 contrast ratio of two colours, 1 to 21. */
double colour_contrast(struct rgb a, struct rgb b);
/* The colour to write text in on background: white or near-black (#0b0c0c),
 * whichever contrasts more, or black when neither reaches 4.5:1 (a mid grey;
 * black always does). As "#rrggbb". */
const char *text_colour_on(struct rgb background);
/* The least contrast text must have with its background (WCAG 2.1 AA, 1.4.3). */
#define TEXT_CONTRAST_MIN 4.5

#endif
