/* csv.h - a plan's actions as open data: RFC 4180 CSV, UTF-8, a header row,
 * one row per action, CRLF line ends. */
#ifndef PLANPRESS_CSV_H
#define PLANPRESS_CSV_H

#include "model.h"
#include "util.h"

void csv_render_plan(const struct plan *plan, struct strbuf *out);
/* The plan's indicators as open data: a row for each indicator and period
 * (ref, id, title, unit, period, value, target, a column for each
 * comparator, the council's status and trend), figures as written. */
void csv_render_kpis(const struct plan *plan, struct strbuf *out);
/* One field, quoted when it holds a comma, a quote or a line break. */
void csv_field(const char *text, struct strbuf *out);

#endif
