/* test_catalog.c - the PO reader, plural forms and message placeholders. */
#include "catalog.h"
#include "unit.h"

int main(void)
{
	/* plural expressions as gettext writes them */
	const char *welsh = "(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;";
	long want[] = { 0, 1, 2, 3, 5, 5, 4, 5, 5, 5, 5 };
	for (unsigned long n = 0; n <= 10; n++)
		CHECK(plural_eval(welsh, n) == want[n]);
	CHECK(plural_eval("n != 1", 1) == 0);
	CHECK(plural_eval("n != 1", 2) == 1);
	CHECK(plural_eval("n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2", 21) == 0);
	CHECK(plural_eval("n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2", 0) == 2);
	CHECK(plural_eval("n >= 2 && n <= 4", 3) == 1);
	CHECK(plural_eval("n / 0", 3) == -1);
	CHECK(plural_eval("n ==", 3) == -1);
	CHECK(plural_eval("m", 3) == -1);
	CHECK(plural_eval("((((n", 3) == -1);

	CHECK(msg_arg_count("Page %s of %s") == 2);
	CHECK(msg_arg_count("%2$s only") == 2);
	CHECK(msg_arg_count("100%%") == 0);
	CHECK(msg_arg_count("%d") == -1);
	CHECK(msg_arg_count("%n") == -1);
	CHECK(msg_arg_count("%0$s") == -1);

	struct arena a;
	arena_init(&a);
	CHECK_STR(msg_printf(&a, "Page %s of %s", "1", "3"), "Page 1 of 3");
	CHECK_STR(msg_printf(&a, "%2$s: %1$s", "a", "b"), "b: a");
	CHECK_STR(msg_printf(&a, "100%% %s", "x"), "100% x");
	/* the soft mutation a Welsh phrase may ask of a word */
	CHECK(msg_arg_count("o %ms i %2$ms") == 2);
	CHECK_STR(msg_printf(&a, "o %ms i %ms", "Coch", "Gwyrdd"), "o Goch i Wyrdd");
	CHECK_STR(msg_printf(&a, "%2$ms, %1$ms", "Ambr", "Glas"), "Las, Ambr");
	CHECK_STR(msg_printf(&a, "%ms %ms %ms %ms", "Llwyddiant", "Rhagorol", "Da", "Mewn perygl"),
		  "Lwyddiant Ragorol Dda Mewn perygl");
	CHECK_STR(msg_printf(&a, "%ms %ms %ms", "Chwarter", "Tasg", "Pell"), "Chwarter Dasg Bell");
	CHECK_STR(msg_printf(&a, "%ms %ms", "Heb sgôr", "2025"), "Heb sgôr 2025");

	struct diags d = { 0 };
	struct catalog *c = catalog_load("tests/unit/catalog/cy.po", "cy", &d);
	CHECK(c != NULL);
	CHECK(d.errors == 0);
	if (c) {
		CHECK_STR(catalog_get(c, NULL, "Page %s of %s"), "Tudalen %s o %s");
		CHECK_STR(catalog_get(c, "month", "May"), "Mai");
		CHECK(catalog_get(c, NULL, "May") == NULL);
		CHECK(catalog_get(c, NULL, "Draft") == NULL);	/* fuzzy: left out */
		CHECK_STR(catalog_get(c, NULL, "Quote \"this\""), "Dyfynnu \"hyn\"\n");
		CHECK_STR(catalog_get_plural(c, NULL, "%s step", 2), "%s gam");
		CHECK_STR(catalog_get_plural(c, NULL, "%s step", 3), "%s cham");
		CHECK_STR(catalog_get_plural(c, NULL, "%s step", 6), "%s cham");
		CHECK_STR(catalog_get_plural(c, NULL, "%s step", 4), "%s cam");
		messages_use(c);
		CHECK_STR(messages_lang(), "cy");
		CHECK_STR(msg_printf(&a, msg_n("%s step", "%s steps", 3), "3"), "3 cham");
		CHECK_STR(msg_c("month", "May"), "Mai");
		CHECK_STR(msg("Not in it"), "Not in it");
		messages_use(NULL);
		CHECK_STR(msg_c("month", "May"), "May");
		CHECK_STR(msg_n("%s step", "%s steps", 2), "%s steps");
		CHECK_STR(messages_lang(), "en");
		catalog_free(c);
	}
	diags_free(&d);

	struct diags bad = { .max = 100 };
	CHECK(catalog_load("tests/unit/catalog/bad.po", "cy", &bad) == NULL);
	CHECK(bad.errors == 2);	/* a placeholder too many; "Agenda" twice */
	CHECK(bad.n == 2 && bad.list[0].pos.line == 4 && bad.list[1].pos.line == 10);
	diags_free(&bad);
	arena_free(&a);
	return unit_summary();
}
