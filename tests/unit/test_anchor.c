/* Unit tests of fragment ids: slugs, and ids unique on a page however alike
 * the refs (anchor.h). */
#include "anchor.h"
#include "unit.h"

static void test_slug(void)
{
	struct arena a;
	arena_init(&a);
	CHECK_STR(anchor_slug(&a, "theme-", "1", 1), "theme-1");
	CHECK_STR(anchor_slug(&a, "action-", "1.1", 1), "action-1-1");
	CHECK_STR(anchor_slug(&a, "action-", "2(a)", 1), "action-2-a");
	CHECK_STR(anchor_slug(&a, "theme-", "P6", 1), "theme-p6");
	CHECK_STR(anchor_slug(&a, "theme-", " -1.-", 1), "theme-1");	/* never -- nor an end - */
	CHECK_STR(anchor_slug(&a, "theme-", "a -- b", 1), "theme-a-b");
	CHECK_STR(anchor_slug(&a, "theme-", "\xE2\x85\xA3", 1), "theme-u2163");	/* Ⅳ */
	CHECK_STR(anchor_slug(&a, "theme-", "caf\xC3\xA9 1", 1), "theme-caf-ue9-1");
	CHECK_STR(anchor_slug(&a, "theme-", "...", 7), "theme-7");	/* never empty */
	CHECK_STR(anchor_slug(&a, "theme-", "", 3), "theme-3");
	arena_free(&a);
}

static void test_plan(void)
{
	struct arena a;
	arena_init(&a);
	struct action acts1[] = { { .ref = "a" }, { .ref = "A" } };
	struct action acts2[] = { { .ref = "1 1" }, { .ref = "1_1" }, { .ref = "1-1" } };
	struct kpi kpis[] = { { .id = "k1" }, { .id = "k--1" } };
	struct kpi *tk[] = { &kpis[0], &kpis[0] };
	located_list two = { 0 };
	struct located_text ids[] = { { "k1", { 0 } }, { "k1", { 0 } } };
	two.at = ids, two.n = 2;
	struct theme themes[] = {
		{ .ref = "1.1", .actions = { acts1, 2, { 0 } }, .kpi_ids = two, .kpis = tk },
		{ .ref = "1-1", .actions = { acts2, 3, { 0 } } },
		{ .ref = "P6" }, { .ref = "p6" }, { .ref = "\xC3\xA9" }, { .ref = "!" }, { .ref = "6" },
	};
	struct plan p = { .themes = { themes, 7, { 0 } }, .kpis = { kpis, 2, { 0 } } };
	anchor_plan(&a, &p);
	CHECK_STR(themes[0].anchor, "theme-1-1");
	CHECK_STR(themes[1].anchor, "theme-1-1--2");
	CHECK_STR(themes[2].anchor, "theme-p6");
	CHECK_STR(themes[3].anchor, "theme-p6--2");
	CHECK_STR(themes[4].anchor, "theme-ue9");
	CHECK_STR(themes[5].anchor, "theme-6");
	CHECK_STR(themes[6].anchor, "theme-6--2");
	CHECK_STR(themes[0].kpi_anchors[0], "theme-1-1--kpi-k1");
	CHECK_STR(themes[0].kpi_anchors[1], "theme-1-1--kpi-k1--2");
	CHECK_STR(acts1[0].anchor, "action-a");
	CHECK_STR(acts1[1].anchor, "action-a--2");
	CHECK_STR(acts2[0].anchor, "action-1-1");
	CHECK_STR(acts2[1].anchor, "action-1-1--2");
	CHECK_STR(acts2[2].anchor, "action-1-1--3");
	CHECK_STR(kpis[0].anchor, "kpi-k1");
	CHECK_STR(kpis[1].anchor, "kpi-k-1");
	/* the same content, the same ids */
	anchor_plan(&a, &p);
	CHECK_STR(themes[3].anchor, "theme-p6--2");
	CHECK_STR(acts2[2].anchor, "action-1-1--3");
	arena_free(&a);
}

int main(void)
{
	test_slug();
	test_plan();
	return unit_summary();
}
