/* Unit tests of the charts: the value scale, the geometry (every point inside
 * the plot area, every period given a slot inside the chart), and SVG output
 * that parses and is the same bytes on every run. */
#include "chart.h"
#include "derive.h"
#include "unit.h"

#include <libxml/parser.h>
#include <math.h>

#define V(x) ((struct number){ true, (x) })
#define NK ((struct number){ false, 0 })

static void test_scale(void)
{
	double min, max, step;
	int ticks;
	chart_scale(29, 51, &min, &max, &step, &ticks);
	CHECK(min == 0 && max >= 51 && max <= 60 && (step == 10 || step == 20) && ticks >= 3 && ticks <= 7);
	chart_scale(84, 92, &min, &max, &step, &ticks);
	CHECK(min == 0 && max >= 92 && max <= 100);
	chart_scale(-5, 12, &min, &max, &step, &ticks);
	CHECK(min <= -5 && max >= 12);
	chart_scale(0, 0, &min, &max, &step, &ticks);
	CHECK(max > min && ticks >= 2);
	chart_scale(0.2, 0.7, &min, &max, &step, &ticks);
	CHECK(min == 0 && max >= 0.7 && step < 1);
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
	CHECK(chart_geometry(&k, 10, 20, 420, 210, 8.5, &g));
	CHECK(g.n_periods == 4 && g.n_series == 2);
	CHECK(g.plot_x > 10 && g.plot_y >= 20 && g.plot_x + g.plot_w <= 430 &&
	      g.plot_y + g.plot_h <= 230);
	for (size_t s = 0; s < g.n_series; s++)
		for (size_t i = 0; i < g.series[s].values->n; i++) {
			if (!g.series[s].values->at[i].known)
				continue;
			double x = g.series[s].px[i], y = g.series[s].py[i];
			CHECK(x >= g.plot_x && x <= g.plot_x + g.plot_w);
			CHECK(y >= g.plot_y - 0.01 && y <= g.plot_y + g.plot_h + 0.01);
		}
	/* every period label has a slot of its own inside the chart */
	for (size_t i = 0; i < g.n_periods; i++) {
		CHECK(g.period_x[i] - g.slot_w / 2 >= g.x);
		CHECK(g.period_x[i] + g.slot_w / 2 <= g.x + g.w);
		if (i)
			CHECK(g.period_x[i] - g.period_x[i - 1] >= g.slot_w - 0.01);
	}
	CHECK(g.label_y > g.plot_y + g.plot_h && g.legend_y > g.label_y && g.legend_y < 230);
	/* higher values sit higher on the page */
	CHECK(g.series[0].py[1] < g.series[0].py[0]);
	/* the axis starts at zero for positive data */
	CHECK(g.min == 0);
	struct kpi none = { 0 };
	CHECK(!chart_geometry(&none, 0, 0, 100, 100, 8.5, &g));
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
	CHECK(chart_svg(&k, &st, 560, 280, &a));
	CHECK(chart_svg(&k, &st, 560, 280, &b));
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
	CHECK(chart_svg(&k, &st, 560, 280, &a));
	strbuf_free(&a);
	struct number one[] = { NK, NK, NK, V(5) };
	k = sample(one, england, 4, periods);
	CHECK(chart_svg(&k, &st, 560, 280, &a));
	strbuf_free(&a);
}

int main(void)
{
	test_scale();
	test_geometry();
	test_svg();
	xmlCleanupParser();
	return unit_summary();
}
