/* values.c - parsing and formatting of the format's scalar types. */
#include "values.h"
#include "catalog.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const month_names[] = {
	NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
	NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
	NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December"),
};

const char *month_name(int month)
{
	return month >= 1 && month <= 12 ? msg_c("month", month_names[month - 1]) : "";
}

int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

/* Reads 1 to max digits; returns how many were read. */
static int read_digits(const char **p, int max, int *value)
{
	int n = 0, v = 0;
	while (n < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*value = v;
	return n;
}

static void skip_space(const char **p)
{
	while (**p == ' ' || **p == '\t')
		(*p)++;
}

/* A month name or its abbreviation (Jan, Sept); returns 1-12 or 0. */
static int read_month_name(const char **p)
{
	const char *s = *p;
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++) {
		const char *name = month_names[m];
		size_t full = strlen(name);
		if (n > full)
			continue;
		bool match = true;
		for (size_t i = 0; i < n; i++)
			if (tolower((unsigned char)s[i]) != tolower((unsigned char)name[i]))
				match = false;
		/* "Oct", "October" and "Sept" are accepted; "Octo" is not */
		if (match && (n == full || n == 3 || (m == 8 && n == 4))) {
			*p = s + n;
			return m + 1;
		}
	}
	return 0;
}

static enum parse_result make_date(int y, int m, int d, struct date *out)
{
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return PARSE_INVALID;
	*out = (struct date){ y, m, d };
	return PARSE_OK;
}

enum parse_result parse_date(const char *s, struct date *out)
{
	const char *p = s;
	int a, b, c, na, nb, nc;
	skip_space(&p);
	na = read_digits(&p, 4, &a);
	if (na == 0)
		return PARSE_NO_MATCH;
	if (na == 4 && *p == '-') {		/* 2018-05-01 */
		p++;
		nb = read_digits(&p, 2, &b);
		if (nb == 0 || *p != '-')
			return PARSE_NO_MATCH;
		p++;
		nc = read_digits(&p, 2, &c);
		skip_space(&p);
		if (nc == 0 || *p)
			return PARSE_NO_MATCH;
		return make_date(a, b, c, out);
	}
	if (na <= 2 && *p == '/') {		/* 01/05/2018, 1/5/18 */
		p++;
		nb = read_digits(&p, 2, &b);
		if (nb == 0 || *p != '/')
			return PARSE_NO_MATCH;
		p++;
		nc = read_digits(&p, 4, &c);
		skip_space(&p);
		if ((nc != 2 && nc != 4) || *p)
			return PARSE_NO_MATCH;
		return make_date(nc == 2 ? 2000 + c : c, b, a, out);
	}
	if (na <= 2) {				/* 1 May 2018, 1st May 2018 */
		const char *suffixes[] = { "st", "nd", "rd", "th" };
		for (size_t i = 0; i < 4; i++)
			if (strncasecmp(p, suffixes[i], 2) == 0 && !isalpha((unsigned char)p[2])) {
				p += 2;
				break;
			}
		if (*p != ' ')
			return PARSE_NO_MATCH;
		skip_space(&p);
		int month = read_month_name(&p);
		if (!month || *p != ' ')
			return PARSE_NO_MATCH;
		skip_space(&p);
		nc = read_digits(&p, 4, &c);
		skip_space(&p);
		if (nc != 4 || *p)
			return PARSE_NO_MATCH;
		return make_date(c, month, a, out);
	}
	return PARSE_NO_MATCH;
}

enum parse_result parse_month(const char *s, struct date *out)
{
	const char *p = s;
	int y, m;
	skip_space(&p);
	if (isdigit((unsigned char)*p)) {	/* 2018-10 */
		if (read_digits(&p, 4, &y) != 4 || *p != '-')
			return PARSE_NO_MATCH;
		p++;
		if (read_digits(&p, 2, &m) == 0)
			return PARSE_NO_MATCH;
		skip_space(&p);
		if (*p)
			return PARSE_NO_MATCH;
	} else {				/* October 2018, Oct 2018 */
		m = read_month_name(&p);
		if (!m || *p != ' ')
			return PARSE_NO_MATCH;
		skip_space(&p);
		if (read_digits(&p, 4, &y) != 4)
			return PARSE_NO_MATCH;
		skip_space(&p);
		if (*p)
			return PARSE_NO_MATCH;
	}
	if (y < 1900 || y > 2199 || m < 1 || m > 12)
		return PARSE_INVALID;
	*out = (struct date){ y, m, 0 };
	return PARSE_OK;
}

bool date_is_set(struct date d)
{
	return d.year != 0;
}

int date_compare(struct date a, struct date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

struct date date_end_of_period(struct date d)
{
	if (d.year && d.day == 0)
		d.day = days_in_month(d.year, d.month);
	return d;
}

const char *date_format_uk(struct date d, char *buf, size_t size)
{
	if (!date_is_set(d))
		snprintf(buf, size, "%s", "");
	else if (d.day == 0)
		snprintf(buf, size, "%s %d", month_name(d.month), d.year);
	else
		snprintf(buf, size, "%02d/%02d/%04d", d.day, d.month, d.year);
	return buf;
}

const char *date_format_long(struct date d, char *buf, size_t size)
{
	if (!date_is_set(d))
		snprintf(buf, size, "%s", "");
	else if (d.day == 0)
		snprintf(buf, size, "%s %d", month_name(d.month), d.year);
	else
		snprintf(buf, size, "%d %s %d", d.day, month_name(d.month), d.year);
	return buf;
}

const char *date_format_iso(struct date d, char *buf, size_t size)
{
	if (!date_is_set(d))
		snprintf(buf, size, "%s", "");
	else if (d.day == 0)
		snprintf(buf, size, "%04d-%02d", d.year, d.month);
	else
		snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
	return buf;
}

/* "2025/26", "2025-26", "2025/2026": the year it starts in, or 0 when s is
 * not that shape; *bad when it is, but the years do not follow on. */
static int read_financial_year(const char **p, bool *bad)
{
	const char *s = *p;
	int y, next, n;
	if (read_digits(&s, 4, &y) != 4 || (*s != '/' && *s != '-'))
		return 0;
	s++;
	n = read_digits(&s, 4, &next);
	if (n != 2 && n != 4)
		return 0;
	if (isdigit((unsigned char)*s))
		return 0;
	*bad = n == 2 ? next != (y + 1) % 100 : next != y + 1;
	*p = s;
	return y;
}

static void whole_months(struct period *out, enum period_kind kind, int y1, int m1, int y2,
			 int m2)
{
	out->kind = kind;
	out->first = (struct date){ y1, m1, 1 };
	out->last = (struct date){ y2, m2, days_in_month(y2, m2) };
}

enum parse_result parse_period(const char *s, struct period *out)
{
	struct date d;
	memset(out, 0, sizeof *out);
	enum parse_result r = parse_date(s, &d);
	if (r == PARSE_OK) {
		*out = (struct period){ PERIOD_DAY, d, d, NULL };
		return PARSE_OK;
	}
	if (r == PARSE_INVALID)
		return r;
	/* "2018-10" is October 2018; "2025-26" a month that does not exist,
	 * so the financial year (and "2011-12" December 2011, as revision 1
	 * read it) */
	enum parse_result month = parse_month(s, &d);
	if (month == PARSE_OK) {
		whole_months(out, PERIOD_MONTH, d.year, d.month, d.year, d.month);
		return PARSE_OK;
	}
	const char *p = s;
	skip_space(&p);
	bool bad = false;
	if (*p == 'Q' || *p == 'q') {		/* Q2 2025/26, Q3 2023 */
		int q;
		p++;
		if (read_digits(&p, 1, &q) != 1 || *p != ' ')
			return PARSE_NO_MATCH;
		skip_space(&p);
		int fy = read_financial_year(&p, &bad);
		int y = 0;
		if (!fy && read_digits(&p, 4, &y) != 4)
			return PARSE_NO_MATCH;
		skip_space(&p);
		if (*p)
			return PARSE_NO_MATCH;
		if (bad || q < 1 || q > 4 || (fy ? fy : y) < 1900 || (fy ? fy : y) > 2198)
			return PARSE_INVALID;
		if (fy) {	/* Q1 is April to June of the year it starts in */
			int m = 4 + 3 * (q - 1), year = fy + (m > 12);
			m = (m - 1) % 12 + 1;
			whole_months(out, PERIOD_QUARTER, year, m, year, m + 2);
		} else {
			whole_months(out, PERIOD_QUARTER, y, 3 * q - 2, y, 3 * q);
		}
		return PARSE_OK;
	}
	if (!isdigit((unsigned char)*p))
		return month;
	int fy = read_financial_year(&p, &bad);
	if (fy && bad && month == PARSE_INVALID)
		return PARSE_INVALID;
	if (fy) {
		skip_space(&p);
		if (*p)
			return PARSE_NO_MATCH;
		if (bad || fy < 1900 || fy > 2198)
			return PARSE_INVALID;
		whole_months(out, PERIOD_FINANCIAL_YEAR, fy, 4, fy + 1, 3);
		return PARSE_OK;
	}
	int y;
	if (read_digits(&p, 4, &y) != 4)
		return month;
	skip_space(&p);
	if (*p)
		return month;
	if (y < 1900 || y > 2199)
		return PARSE_INVALID;
	whole_months(out, PERIOD_YEAR, y, 1, y, 12);
	return PARSE_OK;
}

bool period_is_set(const struct period *p)
{
	return p->kind != PERIOD_NONE;
}

const char *period_format(const struct period *p, char *buf, size_t size)
{
	if (p->kind == PERIOD_DAY)
		return date_format_long(p->first, buf, size);
	/* a month as written, but in the words of the page's language */
	if (p->kind == PERIOD_MONTH && strcmp(messages_lang(), "en") != 0)
		snprintf(buf, size, "%s %d", month_name(p->first.month), p->first.year);
	else
		snprintf(buf, size, "%s", p->kind != PERIOD_NONE && p->text ? p->text : "");
	return buf;
}

bool parse_rag(const char *s, enum rag *out)
{
	static const struct {
		const char *word;
		enum rag rag;
	} words[] = {
		{ "red", RAG_RED }, { "r", RAG_RED },
		{ "amber", RAG_AMBER }, { "a", RAG_AMBER },
		{ "green", RAG_GREEN }, { "g", RAG_GREEN },
		{ "blue", RAG_BLUE }, { "b", RAG_BLUE },
		{ "none", RAG_NONE }, { "", RAG_NONE },
	};
	char buf[16];
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	if (n >= sizeof buf)
		return false;
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[n] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(buf, words[i].word) == 0) {
			*out = words[i].rag;
			return true;
		}
	return false;
}

const char *rag_word(enum rag r)
{
	static const char *const w[] = { "none", "red", "amber", "green", "blue" };
	return r < RAG_COUNT ? w[r] : "none";
}

const char *rag_label(enum rag r)
{
	static const char *const w[] = { "Not rated", "Red", "Amber", "Green", "Blue" };
	return r < RAG_COUNT ? w[r] : "Not rated";
}

bool parse_number(const char *s, struct number *out)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || (n == 1 && (*s == '~' || *s == '-')) ||
	    (n == 3 && strncasecmp(s, "n/k", 3) == 0) ||
	    (n == 4 && strncasecmp(s, "null", 4) == 0)) {
		*out = (struct number){ false, 0, -1 };
		return true;
	}
	/* Only plain decimal notation: strtod would also take hex, inf and nan. */
	size_t i = 0, digits = 0;
	if (s[i] == '+' || s[i] == '-')
		i++;
	while (i < n && isdigit((unsigned char)s[i]))
		i++, digits++;
	int precision = 0;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, digits++, precision++;
	}
	if (digits == 0 || i != n || n > 40)
		return false;
	char buf[48];
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	double v = strtod(buf, NULL);
	if (errno || !isfinite(v))
		return false;
	*out = (struct number){ true, v, precision };
	return true;
}

bool parse_integer(const char *s, long *out)
{
	const char *p = s;
	while (*p == ' ')
		p++;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	while (*p == ' ')
		p++;
	if (*p)
		return false;
	errno = 0;
	long v = strtol(s, NULL, 10);
	if (errno)
		return false;
	*out = v;
	return true;
}

bool id_valid(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')) || strlen(s) > ID_MAX)
		return false;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* RFC 5322's atext, less what a mailto: URL would read otherwise */
static bool email_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || (c && strchr("!$&'*+-/=^_`{|}~", c));
}

bool email_valid(const char *s)
{
	const char *at = strrchr(s, '@');
	size_t len = strlen(s);
	if (!at || at == s || len > EMAIL_MAX || (size_t)(at - s) > 64)
		return false;
	/* dot-atom: atoms of atext joined by single dots */
	for (const char *p = s; p < at; p++)
		if (!(email_atext((unsigned char)*p) ||
		      (*p == '.' && p > s && p + 1 < at && p[1] != '.')))
			return false;
	/* the domain: labels of letters, digits and hyphens (not first or last) */
	int labels = 0;
	for (const char *label = at + 1;;) {
		size_t n = strcspn(label, ".");
		if (n == 0 || n > 63 || label[0] == '-' || label[n - 1] == '-')
			return false;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)label[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || c == '-' || c >= 0x80))
				return false;
		}
		labels++;
		if (!label[n])
			break;
		label += n + 1;
	}
	return labels >= 2;
}

void normalise_word(const char *s, char *buf, size_t size)
{
	size_t j = 0;
	while (*s == ' ')
		s++;
	for (; *s && j + 1 < size; s++)
		buf[j++] = (*s == ' ' || *s == '-') ? '_' : (char)tolower((unsigned char)*s);
	while (j && buf[j - 1] == '_')
		j--;
	buf[j] = '\0';
}

const char *date_format_weekday(struct date d, char *buf, size_t size)
{
	static const char *const days[] = {
		NC_("weekday", "Sunday"), NC_("weekday", "Monday"), NC_("weekday", "Tuesday"),
		NC_("weekday", "Wednesday"), NC_("weekday", "Thursday"), NC_("weekday", "Friday"),
		NC_("weekday", "Saturday") };
	if (!date_is_set(d) || d.day == 0)
		return date_format_long(d, buf, size);
	/* Sakamoto's method; 0 is Sunday */
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y = d.month < 3 ? d.year - 1 : d.year;
	int w = (y + y / 4 - y / 100 + y / 400 + t[d.month - 1] + d.day) % 7;
	snprintf(buf, size, "%s, %d %s %d", msg_c("weekday", days[w]), d.day, month_name(d.month),
		 d.year);
	return buf;
}
