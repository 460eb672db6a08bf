/* Unit tests of the charts: the value scale, the geometry (every point inside
 * the plot area, every period given a slot inside the chart), the key that
 * explains a bar chart's "n/k", and SVG output that parses, is the same bytes
 * on every run and draws the key where the geometry puts it. */
#include "chart.h"
#include "derive.h"
#include "unit.h"
#include "words.h"

#include <libxml/parser.h>
#include <math.h>
#include <stdlib.h>

#define V(x) ((struct number){ true, (x) })
#define NK ((struct number){ false, 0 })

static void test_scale(void)
{
	double min, max, step;
	int ticks;
	chart_scale(29, 51, 0, &min, &max, &step, &ticks);
	CHECK(min == 0 && max >= 51 && max <= 60 && (step == 10 || step == 20) && ticks >= 3 && ticks <= 7);
	chart_scale(84, 92, 0, &min, &max, &step, &ticks);
	CHECK(min == 0 && max >= 92 && max <= 100);
	chart_scale(-5, 12, 0, &min, &max, &step, &ticks);
	CHECK(min <= -5 && max >= 12);
	chart_scale(0, 0, 0, &min, &max, &step, &ticks);
	CHECK(max > min && ticks >= 2);
	chart_scale(0.2, 0.7, 1, &min, &max, &step, &ticks);
	CHECK(min == 0 && max >= 0.7 && step < 1);
	/* whole numbers get whole steps: 0 to 12 days in fives, not 2.5s */
	chart_scale(0, 12, 0, &min, &max, &step, &ticks);
	CHECK(step == 5 && min == 0 && max == 15 && ticks == 4);
	chart_scale(0, 12, 1, &min, &max, &step, &ticks);
	CHECK(step == 2.5 && max == 12.5);
	/* nothing finer than the unit, however small the range */
	chart_scale(0, 2, 0, &min, &max, &step, &ticks);
	CHECK(step == 1 && max == 2 && ticks == 3);
	chart_scale(0.2, 0.7, 0, &min, &max, &step, &ticks);
	CHECK(step == 1 && max == 1);
	/* an all-zero count: 0 to 5 in ones */
	chart_scale(0, 0, 0, &min, &max, &step, &ticks);
	CHECK(min == 0 && max == 5 && step == 1 && ticks == 6);
	chart_scale(0, 0, 2, &min, &max, &step, &ticks);
	CHECK(min == 0 && max == 1 && step == 0.2);
}

static struct kpi sample(struct number *values, struct number *england, size_t n,
			 const char **periods)
{
	struct kpi k = { 0 };
	k.id = "eet";
	k.title = "Care leavers in education, employment or training";
	k.unit = UNIT_PERCENT;
	k.better = BETTER_HIGHER;
	k.periods.at = periods;
	k.periods.n = n;
	k.values.at = values;
	k.values.n = n;
	static struct comparator c;
	c = (struct comparator){ { 0 }, "England", { england, n, { 0 } } };
	k.comparators.at = &c;
	k.comparators.n = 1;
	derive_kpi(&k);
	return k;
}

static void test_geometry(void)
{
	const char *periods[] = { "31 March 2017", "31 March 2018", "31 March 2019", "2019/20" };
	struct number values[] = { V(29), V(43), NK, V(38) };
	struct number england[] = { V(50), V(51), NK, NK };
	struct kpi k = sample(values, england, 4, periods);
	struct chart_geometry g;
	struct pdf_style ps;
	pdf_style_defaults(&ps);
	struct chart_style st;
	chart_style_from_pdf(&ps, &st);
	st.font_size = 8.5;
	CHECK(chart_geometry(&k, &st, 10, 20, 420, 210, &g));
	CHECK(g.n_periods == 4 && g.n_series == 2);
	CHECK(g.plot_x > 10 && g.plot_y >= 20 && g.plot_x + g.plot_w <= 430 &&
	      g.plot_y + g.plot_h <= 230);
	for (size_t s = 0; s < g.n_series; s++)
		for (size_t i = 0; i < g.series[s].values->n; i++) {
			if (!g.series[s].values->at[i].known)
				continue;
			double x = chart_period_x(&g, i);
			double y = chart_value_y(&g, g.series[s].values->at[i].value);
			CHECK(x >= g.plot_x && x <= g.plot_x + g.plot_w);
			CHECK(y >= g.plot_y - 0.01 && y <= g.plot_y + g.plot_h + 0.01);
		}
	/* every period label has a slot of its own inside the chart */
	for (size_t i = 0; i < g.n_periods; i++) {
		CHECK(chart_period_x(&g, i) - g.slot_w / 2 >= g.x);
		CHECK(chart_period_x(&g, i) + g.slot_w / 2 <= g.x + g.w);
		CHECK(chart_period_labelled(&g, i));
		if (i)
			CHECK(chart_period_x(&g, i) - chart_period_x(&g, i - 1) >= g.slot_w - 0.01);
	}
	CHECK(g.label_y > g.plot_y + g.plot_h && g.legend_y > g.label_y && g.legend_y < 230);
	/* higher values sit higher on the page */
	CHECK(chart_value_y(&g, 43) < chart_value_y(&g, 29));
	/* the axis starts at zero for positive data */
	CHECK(g.min == 0);
	/* the legend names the council's series as the figures table does */
	CHECK_STR(g.series[0].name, "This council");
	chart_geometry_free(&g);
	st.series_name = "Herefordshire Council";
	CHECK(chart_geometry(&k, &st, 10, 20, 420, 210, &g));
	CHECK_STR(g.series[0].name, kpi_series_name("Herefordshire Council"));
	CHECK_STR(g.series[0].name, "Herefordshire Council");
	chart_geometry_free(&g);
	st.series_name = NULL;
	struct kpi none = { 0 };
	CHECK(!chart_geometry(&none, &st, 0, 0, 100, 100, &g));
}

static void test_svg(void)
{
	const char *periods[] = { "2016", "2017", "2018", "2019" };
	struct number values[] = { V(44), V(47), V(50), V(52) };
	struct number england[] = { V(55), V(56), V(57), V(58) };
	struct kpi k = sample(values, england, 4, periods);
	struct pdf_style ps;
	pdf_style_defaults(&ps);
	struct chart_style st;
	chart_style_from_pdf(&ps, &st);
	struct strbuf a = { 0 }, b = { 0 };
	CHECK(chart_svg(&k, &st, 560, 280, "plan-eet", &a));
	CHECK(chart_svg(&k, &st, 560, 280, "plan-eet", &b));
	CHECK(a.len > 1000 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	xmlDocPtr doc = xmlReadMemory(a.data, (int)a.len, "chart.svg", NULL, XML_PARSE_NONET);
	CHECK(doc != NULL);
	if (doc) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		CHECK(root && strcmp((const char *)root->name, "svg") == 0);
		xmlFreeDoc(doc);
	}
	strbuf_free(&a);
	strbuf_free(&b);
	/* a bar chart and a single-point KPI draw too */
	k.chart = CHART_BAR;
	CHECK(chart_svg(&k, &st, 560, 280, "plan-eet", &a));
	strbuf_free(&a);
	struct number one[] = { NK, NK, NK, V(5) };
	k = sample(one, england, 4, periods);
	CHECK(chart_svg(&k, &st, 560, 280, "plan-eet", &a));
	strbuf_free(&a);
}

/* Every id of the document into ids (a list of xmlChar * to free), and
 * whether every reference (url(#x), href="#x") names one of them. */
static size_t collect_ids(xmlNodePtr n, xmlChar **ids, size_t n_ids, size_t max)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
		if (id && n_ids < max)
			ids[n_ids++] = id;
		else
			xmlFree(id);
		n_ids = collect_ids(n->children, ids, n_ids, max);
	}
	return n_ids;
}

static bool has_id(xmlChar **ids, size_t n, const char *id, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen((const char *)ids[i]) == len && memcmp(ids[i], id, len) == 0)
			return true;
	return false;
}

/* Two charts' SVGs: each id starts with its own prefix, no id is in both,
 * and every reference in each resolves inside that SVG. */
static void test_svg_ids(void)
{
	const char *periods[] = { "2016", "2017", "2018", "2019" };
	struct number values[] = { V(44), V(47), V(50), V(52) };
	struct number england[] = { V(55), V(56), V(57), V(58) };
	struct kpi k = sample(values, england, 4, periods);
	struct pdf_style ps;
	pdf_style_defaults(&ps);
	struct chart_style st;
	chart_style_from_pdf(&ps, &st);
	enum { MAX = 4096 };
	static xmlChar *ids[2][MAX];
	size_t n[2] = { 0, 0 };
	const char *prefixes[2] = { "plan-a-eet", "2019-plan-eet" };
	const char *want[2] = { "plan-a-eet-", "chart-2019-plan-eet-" };
	struct strbuf svg[2] = { { 0 }, { 0 } };
	for (int c = 0; c < 2; c++) {
		CHECK(chart_svg(&k, &st, 560, 280, prefixes[c], &svg[c]));
		xmlDocPtr doc = xmlReadMemory(svg[c].data, (int)svg[c].len, "chart.svg", NULL,
					      XML_PARSE_NONET);
		CHECK(doc != NULL);
		if (!doc)
			continue;
		n[c] = collect_ids(xmlDocGetRootElement(doc), ids[c], 0, MAX);
		xmlFreeDoc(doc);
		CHECK(n[c] > 5);	/* the surface, glyphs, clips */
		bool prefixed = true;
		for (size_t i = 0; i < n[c]; i++)
			prefixed &= strncmp((const char *)ids[c][i], want[c], strlen(want[c])) == 0;
		CHECK(prefixed);
		/* every reference resolves here */
		size_t refs = 0, resolved = 0;
		for (const char *p = svg[c].data; (p = strstr(p, "#")) != NULL; p++) {
			bool url = p >= svg[c].data + 4 && memcmp(p - 4, "url(", 4) == 0;
			bool href = p >= svg[c].data + 6 && memcmp(p - 6, "href=\"", 6) == 0;
			if (!url && !href)
				continue;
			size_t len = strcspn(p + 1, url ? ")" : "\"");
			refs++;
			resolved += has_id(ids[c], n[c], p + 1, len);
		}
		CHECK(refs > 5 && resolved == refs);
	}
	size_t shared = 0;
	for (size_t i = 0; i < n[0]; i++)
		shared += has_id(ids[1], n[1], (const char *)ids[0][i], strlen((const char *)ids[0][i]));
	CHECK(shared == 0);
	for (int c = 0; c < 2; c++) {
		for (size_t i = 0; i < n[c]; i++)
			xmlFree(ids[c][i]);
		strbuf_free(&svg[c]);
	}
}

static void default_style(struct chart_style *st)
{
	static struct pdf_style ps;	/* st->font points into it */
	pdf_style_defaults(&ps);
	chart_style_from_pdf(&ps, st);
}

/* The period labels of a chart of n periods named by fmt ("M%02zu"): the
 * first and the last always labelled, none overlapping its neighbour, the
 * steps between them even (equal when an equal step fits from first to
 * last), and some left out only when even upright labels cannot all fit.
 * Returns how many are labelled. */
static size_t check_period_labels(size_t n, const char *fmt, double w, double font_size)
{
	static const char *periods[64];
	static struct number values[64], england[64];
	static char names[64][24];
	for (size_t i = 0; i < n; i++) {
		snprintf(names[i], sizeof names[i], fmt, i + 1, i % 4 + 1);
		periods[i] = names[i];
		values[i] = V((double)i + 1);
		england[i] = V(20);
	}
	struct kpi k = sample(values, england, n, periods);
	struct chart_style st;
	default_style(&st);
	st.font_size = font_size;
	struct chart_geometry g;
	double h = chart_height(&k, &st, w, w / 2);
	CHECK(chart_geometry(&k, &st, 0, 0, w, h, &g));
	CHECK(g.n_periods == n);
	CHECK(chart_period_x(&g, n - 1) < g.plot_x + g.plot_w);
	CHECK(chart_period_labelled(&g, 0) && chart_period_labelled(&g, n - 1));
	/* what one label needs from the next: its wrapped width level, its
	 * line's height upright */
	double apart = g.label_angle ? g.label_line_h : g.label_w;
	size_t last = 0, labelled = 1, least = n, most = 0;
	for (size_t i = 1; i < n; i++) {
		if (!chart_period_labelled(&g, i))
			continue;
		CHECK(chart_period_x(&g, i) - chart_period_x(&g, last) >= apart - 1e-9);
		least = i - last < least ? i - last : least;
		most = i - last > most ? i - last : most;
		last = i, labelled++;
	}
	CHECK(labelled == g.n_labels);
	CHECK(most - least <= 1);
	if ((n - 1) % g.label_every == 0 && most <= 2 * g.label_every)
		CHECK(most == least);
	if (labelled < n)	/* thinned: upright labels, and no room for every one */
		CHECK(g.label_angle == 90 && g.slot_w < g.label_line_h + st.font_size * 0.3);
	/* upright labels are as deep as the longest, and the plot keeps its height */
	CHECK(g.label_y + g.label_h <= g.legend_y + 0.01);
	if (g.label_h > st.font_size * 3.2 + 0.01)
		CHECK(h > w / 2);
	chart_geometry_free(&g);
	/* and the series draws */
	struct strbuf svg = { 0 };
	CHECK(chart_svg(&k, &st, w, h, "plan-eet", &svg));
	strbuf_free(&svg);
	return labelled;
}

/* 45 monthly periods (once labelled M01 ... M40, then M45 alone), thirty
 * quarters, thirteen: every one charted, the labels upright when level ones
 * would not fit, and thinned evenly only past that. */
static void test_many_periods(void)
{
	/* 45 months at 420 points: upright, every other one (M01, M03 ... M45) */
	CHECK(check_period_labels(45, "M%02zu", 420, 8.5) == 23);
	/* thirty quarters: every one, upright */
	CHECK(check_period_labels(30, "Q%2$zu 20%1$02zu/19", 420, 8.5) == 30);
	CHECK(check_period_labels(13, "Q%2$zu 20%1$02zu/19", 420, 8.5) == 13);
	/* on the web, 560 pixels and 12-pixel text */
	CHECK(check_period_labels(45, "M%02zu", 560, 12) >= 12);
	/* 38 periods: no even step from first to last, so as even as may be */
	check_period_labels(38, "M%02zu", 420, 8.5);
	check_period_labels(60, "M%02zu", 300, 8.5);
	/* few periods: level, every one */
	CHECK(check_period_labels(4, "31 March 20%02zu", 420, 8.5) == 4);
}

/* Eight comparators: all ten series kept and told apart; the legend grows
 * with its wrapped labels and stays inside the chart. */
static void test_many_series(void)
{
	const char *periods[] = { "2015/16", "2016/17", "2017/18", "2018/19" };
	struct number values[] = { V(50), V(55), NK, V(61) };
	struct number targets[] = { V(50), V(50), V(55), V(55) };
	static struct number cv[8][4];
	static struct comparator c[8];
	const char *names[8] = { "England", "West Midlands region",
				 "Statistical neighbours (CIPFA nearest neighbours group, 2018 update)",
				 "Shropshire Council target set by the Corporate Parenting Panel",
				 "Telford and Wrekin", "Herefordshire", "Worcestershire",
				 "Ofsted outstanding authorities average" };
	for (size_t i = 0; i < 8; i++) {
		for (size_t j = 0; j < 4; j++)
			cv[i][j] = V((double)(10 + i + j));
		c[i] = (struct comparator){ { 0 }, names[i], { cv[i], 4, { 0 } } };
	}
	struct kpi k = { 0 };
	k.id = "cla";
	k.title = "Children looked after per 10,000";
	k.unit = UNIT_RATE;
	k.per = V(10000);
	k.decimals = 1, k.decimals_given = true;
	k.periods = (text_list){ periods, 4, { 0 } };
	k.values = (number_list){ values, 4, { 0 } };
	k.targets = (number_list){ targets, 4, { 0 } };
	k.comparators.at = c;
	k.comparators.n = 8;
	derive_kpi(&k);
	struct chart_style st;
	default_style(&st);
	struct chart_geometry g;
	double h = chart_height(&k, &st, 420, 210);
	CHECK(h > 210);
	CHECK(chart_geometry(&k, &st, 0, 0, 420, h, &g));
	CHECK(g.n_series == 10);
	/* rows as tall as their tallest label, all inside the chart */
	double bottom = g.legend_y;
	for (size_t s = 0; s < g.n_series; s += g.legend_cols) {
		CHECK(g.series[s].legend_h >= st.font_size * 1.7);
		bottom += g.series[s].legend_h;
	}
	CHECK(bottom <= g.y + g.h + 0.01);
	CHECK(g.series[4].legend_h > st.font_size * 2.5);	/* a wrapped label's row */
	/* a plot no shorter than a one-row legend leaves */
	CHECK(g.plot_h > 100);
	/* the unit label ("per 10,000") above the top tick's label */
	CHECK(g.plot_y - st.font_size * 0.6 >= g.y + st.font_size * 1.2);
	/* every comparator has its own look among the first thirty */
	for (size_t i = 2; i < g.n_series; i++)
		for (size_t j = 2; j < i; j++)
			CHECK(g.series[i].style != g.series[j].style);
	chart_geometry_free(&g);
}

/* Tick labels: exact, signed like the text, compact for big numbers. */
static void test_ticks(void)
{
	const char *periods[] = { "2016", "2017", "2018", "2019" };
	struct chart_style st;
	default_style(&st);
	struct chart_geometry g;
	struct arena a;
	arena_init(&a);

	struct number money[] = { V(-11.5), V(-2.25), V(-7.75), V(-1.5) };
	struct kpi k = sample(money, money, 4, periods);
	k.unit = UNIT_CURRENCY;
	k.decimals = 2, k.decimals_given = true;
	CHECK(chart_geometry(&k, &st, 0, 0, 420, 210, &g));
	CHECK(g.step == 2.5);
	CHECK_STR(chart_tick_label(&a, &k, &g, -2.5), "-£2.50");
	CHECK_STR(chart_tick_label(&a, &k, &g, -7.5), "-£7.50");
	CHECK_STR(chart_tick_label(&a, &k, &g, 0), "£0.00");
	chart_geometry_free(&g);

	/* decimals: 4 and tiny values: the ticks still differ */
	struct number tiny[] = { V(0.0012), V(0.0034), V(0.0021), V(0.0042) };
	k = sample(tiny, tiny, 4, periods);
	k.decimals = 4, k.decimals_given = true;
	CHECK(chart_geometry(&k, &st, 0, 0, 420, 210, &g));
	const char *prev = NULL;
	for (int t = 0; t < g.n_ticks; t++) {
		const char *label = chart_tick_label(&a, &k, &g, g.min + g.step * t);
		CHECK(!prev || strcmp(prev, label) != 0);
		prev = label;
	}
	CHECK_STR(chart_tick_label(&a, &k, &g, g.step), g.step == 0.001 ? "0.001%" : "?");
	chart_geometry_free(&g);

	/* billions: short forms, and room for the widest of them */
	struct number huge[] = { V(1.2e9), V(2.4e9), V(1.9e9), V(2.2e9) };
	k = sample(huge, huge, 4, periods);
	k.unit = UNIT_CURRENCY;
	k.decimals = 2, k.decimals_given = true;
	CHECK(chart_geometry(&k, &st, 0, 0, 420, 210, &g));
	CHECK_STR(chart_tick_label(&a, &k, &g, 2.5e9), "£2.5bn");
	CHECK_STR(chart_tick_label(&a, &k, &g, 1e9), "£1.0bn");
	CHECK(g.axis_w < 60 && g.plot_x - g.x >= g.axis_w - 0.01);
	chart_geometry_free(&g);

	/* whole-number KPIs never get fractional ticks: a single 12 days, and
	 * an all-zero count (Herefordshire's adoption disruptions) */
	struct number days[] = { NK, NK, NK, V(12) };
	struct number zeros[] = { V(0), V(0), V(0), V(0) };
	struct number *cases[] = { days, zeros };
	for (size_t c = 0; c < 2; c++) {
		k = sample(cases[c], zeros, 4, periods);
		k.unit = c == 0 ? UNIT_DAYS : UNIT_NUMBER;
		k.decimals = 0, k.decimals_given = true;
		k.comparators.n = 0;
		CHECK(chart_geometry(&k, &st, 0, 0, 420, 210, &g));
		CHECK(g.n_ticks >= 3 && g.tick_decimals == 0);
		for (int t = 0; t < g.n_ticks; t++) {
			const char *label = chart_tick_label(&a, &k, &g, g.min + g.step * t);
			CHECK(strchr(label, '.') == NULL);
		}
		chart_geometry_free(&g);
	}
	/* one decimal: ticks of at most one */
	struct number tenths[] = { V(0.3), V(0.5), V(0.2), V(0.4) };
	k = sample(tenths, tenths, 4, periods);
	k.decimals = 1, k.decimals_given = true;
	CHECK(chart_geometry(&k, &st, 0, 0, 420, 210, &g));
	CHECK(g.tick_decimals <= 1 && g.step >= 0.1 - 1e-12);
	chart_geometry_free(&g);
	arena_free(&a);
}

/* The latest value's label inside the plot and on no marker or bar, and
 * no marker under another: a bar chart whose comparators equal its last
 * bar (once "52%" sat on the Region triangle and England square), a line
 * ending at the top of the scale (once "4" touched the plot's top), and a
 * comparator equal to the council's figure (once hidden under its point). */
static void check_clear(const struct kpi *k, const struct chart_style *st, double w, double h)
{
	struct chart_geometry g;
	CHECK(chart_geometry(k, st, 0, 0, w, h, &g));
	double b[4] = { g.value_x, g.value_y, g.value_x + g.value_w, g.value_y + g.value_h };
	CHECK(g.value_w > 0 && g.value_h > 0);
	CHECK(b[1] >= g.plot_y && b[3] <= g.plot_y + g.plot_h);
	CHECK(b[0] >= g.plot_x && b[2] <= g.x + g.w);
	for (size_t i = 0; i < g.n_periods; i++)
		for (size_t s = 0; s < g.n_series; s++) {
			double m[4];
			if (!chart_marker_box(&g, s, i, m))
				continue;
			bool on_label = m[0] < b[2] && b[0] < m[2] && m[1] < b[3] && b[1] < m[3];
			CHECK(!on_label);
			for (size_t o = 0; o < s; o++) {
				double n[4];
				if (!chart_marker_box(&g, o, i, n))
					continue;
				bool hidden = m[0] < n[2] && n[0] < m[2] && m[1] < n[3] && n[1] < m[3];
				CHECK(!hidden);
			}
			/* moved aside within its slot at most */
			CHECK(fabs(chart_marker_x(&g, s, i) - chart_period_x(&g, i)) <= g.slot_w / 2);
		}
	/* nor on an "n/k" mark, which stands inside the plot on its baseline */
	for (size_t i = 0; i < g.n_periods; i++) {
		double nk[4];
		if (!chart_not_known_box(&g, i, nk))
			continue;
		CHECK(!(nk[0] < b[2] && b[0] < nk[2] && nk[1] < b[3] && b[1] < nk[3]));
		CHECK(nk[1] >= g.plot_y && nk[3] <= chart_value_y(&g, 0) + 0.01);
		CHECK(nk[0] >= chart_period_x(&g, i) - g.slot_w / 2 &&
		      nk[2] <= chart_period_x(&g, i) + g.slot_w / 2);
	}
	if (g.bars) {
		/* and not on a bar */
		for (size_t i = 0; i < g.n_periods; i++) {
			if (!k->values.at[i].known)
				continue;
			double top = chart_value_y(&g, k->values.at[i].value), zero = chart_value_y(&g, 0);
			double bw = g.slot_w * 0.5, x = chart_period_x(&g, i);
			CHECK(!(b[0] < x + bw / 2 && x - bw / 2 < b[2] && b[1] < zero && top < b[3]));
		}
	}
	chart_geometry_free(&g);
}

static void test_collisions(void)
{
	const char *years[] = { "2015", "2016", "2017", "2018", "2019" };
	struct number values[] = { V(0), NK, V(44), V(47), V(52) };
	struct number region[] = { V(40), V(42), V(45), V(50), V(52) };
	struct number england[] = { V(41), V(43), V(46), V(49), V(53) };
	struct comparator c[2] = { { { 0 }, "Region", { region, 5, { 0 } } },
				   { { 0 }, "England", { england, 5, { 0 } } } };
	struct kpi k = sample(values, england, 5, years);
	k.comparators.at = c;
	k.comparators.n = 2;
	k.chart = CHART_BAR;
	derive_kpi(&k);
	struct chart_style st;
	default_style(&st);
	check_clear(&k, &st, 420, 210);
	st.font_size = 12;	/* the web's */
	check_clear(&k, &st, 560, 280);
	k.chart = CHART_LINE;
	check_clear(&k, &st, 560, 280);
	default_style(&st);
	check_clear(&k, &st, 420, 210);

	/* the latest value at the top of the scale */
	const char *march[] = { "31 March 2017", "31 March 2018", "31 March 2019" };
	struct number top[] = { NK, V(3), V(4) };
	k = sample(top, top, 3, march);
	k.unit = UNIT_NUMBER;
	k.comparators.n = 0;
	derive_kpi(&k);
	check_clear(&k, &st, 420, 210);
	struct chart_geometry g;
	CHECK(chart_geometry(&k, &st, 0, 0, 420, 210, &g));
	CHECK(g.max == 4);	/* the case is the one it means to be */
	chart_geometry_free(&g);

	/* comparators equal to the council's figures, all or some */
	struct number turnover[] = { V(17.65), V(17.60), V(14.25) };
	struct number national[] = { V(17.65), V(17.00), V(14.25) };
	struct number wm[] = { NK, V(15.90), V(14.25) };
	struct comparator cc[2] = { { { 0 }, "National", { national, 3, { 0 } } },
				    { { 0 }, "West Midlands", { wm, 3, { 0 } } } };
	k = sample(turnover, national, 3, march);
	k.decimals = 2, k.decimals_given = true;
	k.comparators.at = cc;
	k.comparators.n = 2;
	derive_kpi(&k);
	check_clear(&k, &st, 420, 210);
	CHECK(chart_geometry(&k, &st, 0, 0, 420, 210, &g));
	CHECK(chart_marker_x(&g, 1, 0) != chart_period_x(&g, 0));	/* National moved */
	CHECK(chart_marker_x(&g, 0, 0) == chart_period_x(&g, 0));	/* the council's not */
	chart_geometry_free(&g);
}

/* How many glyphs the SVG draws with their origin inside the box: cairo
 * writes text as <use> of glyph symbols at x, y (the baseline), in the
 * chart's own coordinates for level text (turned labels, in a transformed
 * group, are not counted). */
static size_t glyphs_in(xmlNodePtr n, const double box[4])
{
	size_t count = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *tr = xmlGetProp(n, (const xmlChar *)"transform");
		if (tr) {
			xmlFree(tr);
			continue;
		}
		if (strcmp((const char *)n->name, "use") == 0) {
			xmlChar *href = xmlGetNsProp(n, (const xmlChar *)"href",
						     (const xmlChar *)"http://www.w3.org/1999/xlink");
			xmlChar *xs = xmlGetProp(n, (const xmlChar *)"x");
			xmlChar *ys = xmlGetProp(n, (const xmlChar *)"y");
			if (href && xs && ys && strstr((const char *)href, "glyph")) {
				double x = atof((const char *)xs), y = atof((const char *)ys);
				count += x >= box[0] - 0.01 && x <= box[2] && y >= box[1] &&
					 y <= box[3] + 0.01;
			}
			xmlFree(href);
			xmlFree(xs);
			xmlFree(ys);
		}
		count += glyphs_in(n->children, box);
	}
	return count;
}

static size_t svg_glyphs_in(const struct kpi *k, const struct chart_style *st, double w,
			    double h, const double box[4])
{
	struct strbuf svg = { 0 };
	size_t count = 0;
	CHECK(chart_svg(k, st, w, h, "plan-bars", &svg));
	xmlDocPtr doc = xmlReadMemory(svg.data, (int)svg.len, "chart.svg", NULL, XML_PARSE_NONET);
	CHECK(doc != NULL);
	if (doc) {
		count = glyphs_in(xmlDocGetRootElement(doc), box);
		xmlFreeDoc(doc);
	}
	strbuf_free(&svg);
	return count;
}

/* A bar chart with a period not known marks it "n/k" and explains the mark
 * in a key after the legend's series ("n/k  Not known"), inside the chart
 * (so it prints, and shows in the SVG), on no other entry; a bar chart with
 * every figure known, and a line chart (a gap, no mark), have no key. */
static void test_not_known_key(void)
{
	const char *years[] = { "2015", "2016", "2017", "2018", "2019" };
	struct number values[] = { V(0), NK, V(44), V(47), V(52) };
	struct number known[] = { V(0), V(40), V(44), V(47), V(52) };
	struct number region[] = { V(40), V(42), V(45), V(50), V(52) };
	struct number england[] = { V(41), V(43), V(46), V(49), V(53) };
	struct comparator c[2] = { { { 0 }, "Region", { region, 5, { 0 } } },
				   { { 0 }, "England", { england, 5, { 0 } } } };
	struct kpi k = sample(values, england, 5, years);
	k.comparators.at = c;
	k.comparators.n = 2;
	k.chart = CHART_BAR;
	derive_kpi(&k);
	struct chart_style st;
	const double sizes[][3] = { { 8.5, 420, 180 }, { 12, 560, 280 } };	/* PDF, web */
	for (size_t z = 0; z < 2; z++) {
		default_style(&st);
		st.font_size = sizes[z][0];
		double w = sizes[z][1], h = chart_height(&k, &st, w, sizes[z][2]);
		struct chart_geometry g;
		CHECK(chart_geometry(&k, &st, 0, 0, w, h, &g));
		CHECK(g.not_known_key && chart_legend_entries(&g) == g.n_series + 1);
		double key[4] = { g.key_x, g.key_y, g.key_x + g.key_w, g.key_y + g.key_h };
		CHECK(g.key_w > 0 && g.key_h > 0);
		/* in the legend, under the period labels, inside the chart */
		CHECK(key[1] >= g.label_y + g.label_h - 0.01 && key[1] >= g.legend_y);
		CHECK(key[0] >= g.x && key[2] <= g.x + g.w && key[3] <= g.y + g.h + 0.01);
		/* clear of every series' entry: its column, or a row of its own */
		size_t cols = g.legend_cols, kj = g.n_series;
		for (size_t j = 0; j < g.n_series; j++) {
			double col_l = g.x + 4 + (g.w - 8) / (double)cols * (double)(j % cols);
			bool same_row = j / cols == kj / cols;
			if (same_row)
				CHECK(key[0] >= col_l + (g.w - 8) / (double)cols - 0.01 || key[2] <= col_l);
			else
				CHECK(j / cols < kj / cols);
		}
		/* three series fill a row of three: the key starts the next, and the
		 * chart is taller by it, so its plot is no shorter */
		if (cols == 3) {
			CHECK(kj % cols == 0);
			CHECK(h > sizes[z][2] + st.font_size);
		}
		/* the one "n/k" mark, for 2016 */
		double nk[4];
		for (size_t i = 0; i < g.n_periods; i++)
			CHECK(chart_not_known_box(&g, i, nk) == (i == 1));
		/* drawn in the SVG, and nothing else in its box: a glyph for each
		 * character of "n/k" and of "Not known" (cairo writes the space too) */
		if (z == 1)
			CHECK(svg_glyphs_in(&k, &st, w, h, key) == 3 + 9);
		chart_geometry_free(&g);
		check_clear(&k, &st, w, h);

		/* every figure known: no key */
		struct kpi all = k;
		all.values.at = known;
		derive_kpi(&all);
		CHECK(chart_geometry(&all, &st, 0, 0, w, h, &g));
		CHECK(!g.not_known_key && g.key_w == 0 && chart_legend_entries(&g) == g.n_series);
		CHECK(!chart_not_known_box(&g, 1, nk));
		chart_geometry_free(&g);
		if (cols == 3)
			CHECK(chart_height(&all, &st, w, sizes[z][2]) < h);
		/* a line chart shows a gap: no mark, no key */
		struct kpi line = k;
		line.chart = CHART_LINE;
		CHECK(chart_geometry(&line, &st, 0, 0, w, h, &g));
		CHECK(!g.not_known_key && g.key_w == 0 && !chart_not_known_box(&g, 1, nk));
		chart_geometry_free(&g);
	}
	/* a key in the first row when the series leave room in it */
	k.comparators.n = 1;
	default_style(&st);
	struct chart_geometry g;
	CHECK(chart_geometry(&k, &st, 0, 0, 420, chart_height(&k, &st, 420, 180), &g));
	CHECK(g.not_known_key && g.legend_cols == 3 && g.key_y < g.legend_y + st.font_size);
	CHECK(chart_height(&k, &st, 420, 180) == 180);
	chart_geometry_free(&g);
}

int main(void)
{
	test_scale();
	test_geometry();
	test_svg();
	test_svg_ids();
	test_many_periods();
	test_many_series();
	test_ticks();
	test_collisions();
	test_not_known_key();
	xmlCleanupParser();
	return unit_summary();
}
