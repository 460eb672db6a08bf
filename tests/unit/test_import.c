/* Unit tests of import's pure parts: headings matched by the words of the
 * seed documents, fill colours read as RAG by nearest hue, cell text made
 * safe, and YAML written so the loader reads back every text as written. */
#include "heading.h"
#include "load.h"
#include "table.h"
#include "unit.h"
#include "yaml_out.h"

#include <stdlib.h>

static void heading(const char *text, enum import_column want)
{
	char why[128];
	enum import_column got = heading_match(text, why, sizeof why);
	if (got != want)
		fprintf(stderr, "heading '%s': %s (%s), want %s\n", text, import_column_name(got),
			why, import_column_name(want));
	CHECK(got == want);
}

static void test_headings(void)
{
	/* Shropshire, Ofsted action plan */
	heading("Ref", IC_REF);
	heading("Actions", IC_ACTION);
	heading("Expected Impact/Outcome", IC_OUTCOME);
	heading("Impact Measure", IC_MEASURE);
	heading("Lead and Timescale", IC_LEADS_AND_DUE);
	heading("Progress to date", IC_PROGRESS);
	heading("Progress RAG", IC_PROGRESS_RAG);
	heading("Impact RAG", IC_IMPACT_RAG);
	heading("Impac t RAG", IC_PROGRESS_RAG);	/* a PDF's broken word still says RAG */
	/* Worcestershire */
	heading("Priority", IC_THEME);
	heading("What needs to be done?", IC_ACTION);
	heading("What does success look like?", IC_OUTCOME);
	heading("When does this need to be done by?", IC_DUE);
	heading("Who is the lead for this?", IC_LEADS);
	/* Herefordshire */
	heading("What will we do?", IC_TITLE);
	heading("How will we do it?", IC_ACTION);
	heading("Who will do it?", IC_LEADS);
	heading("How will we measure success? What difference will have been made?", IC_OUTCOME);
	heading("Performance indicators", IC_NONE);
	/* others councils write */
	heading("Lead Officer", IC_LEADS);
	heading("Lead Officer(s)", IC_LEADS);
	heading("Timescale", IC_DUE);
	heading("Target Date", IC_DUE);
	heading("RAG", IC_PROGRESS_RAG);
	heading("RAG Status", IC_PROGRESS_RAG);
	heading("Status", IC_STATUS);
	heading("RECOMMENDATION", IC_THEME);
	heading("Notes", IC_NONE);
	heading("", IC_NONE);
	/* the CSV build writes */
	heading("theme_ref", IC_THEME_REF);
	heading("progress_rag", IC_PROGRESS_RAG);
	heading("due_date", IC_DERIVED);
	heading("overdue", IC_DERIVED);
	heading("kpis", IC_KPIS);
	heading("updates", IC_UPDATES);
	char n[64];
	heading_normalise("  Lead & Timescale: ", n, sizeof n);
	CHECK_STR(n, "lead and timescale");
	CHECK(import_column_from_name("due") == IC_DUE);
	CHECK(import_column_from_name("leads_and_due") == IC_LEADS_AND_DUE);
	CHECK(import_column_from_name("nonsense") == IC_COUNT);
}

static void fill(uint32_t rgb, const char *want)
{
	const char *got = rag_of_fill(rgb);
	if (!(got == want || (got && want && strcmp(got, want) == 0)))
		fprintf(stderr, "fill #%06X: %s, want %s\n", rgb, got ? got : "none",
			want ? want : "none");
	CHECK(got == want || (got && want && strcmp(got, want) == 0));
}

static void test_fills(void)
{
	fill(0xFF0000, "red");
	fill(0xC00000, "red");
	fill(0xFFC7CE, "red");		/* Excel's "Bad" */
	fill(0xFFC000, "amber");	/* Excel's standard amber */
	fill(0xFF9900, "amber");
	fill(0xFFFF00, "amber");	/* yellow is how many councils colour amber */
	fill(0xFFEB9C, "amber");	/* Excel's "Neutral" */
	fill(0x00B050, "green");
	fill(0x92D050, "green");
	fill(0xC6EFCE, "green");	/* Excel's "Good" */
	fill(0x0070C0, "blue");
	fill(0x00B0F0, "blue");
	fill(0xFFFFFF, NULL);
	fill(0xD9D9D9, NULL);		/* grey */
	fill(0x000000, NULL);
	fill(0xDDEBF7, NULL);		/* a table style's pale band */
}

static void test_text(void)
{
	bool dropped;
	char *t = clean_text("a\r\nb\x01" "c\xC2\x85" "d\xFF" "e", 12, &dropped);
	CHECK_STR(t, "a\nbcde");
	CHECK(dropped);
	free(t);
	t = cp1252_to_utf8("\x93" "caf\xE9\x94 \x80" "5", 9);
	CHECK_STR(t, "\xE2\x80\x9C" "caf\xC3\xA9\xE2\x80\x9D \xE2\x82\xAC" "5");
	free(t);
	char buf[16];
	CHECK_STR(column_letters(1, buf, sizeof buf), "A");
	CHECK_STR(column_letters(26, buf, sizeof buf), "Z");
	CHECK_STR(column_letters(27, buf, sizeof buf), "AA");
	CHECK_STR(column_letters(16384, buf, sizeof buf), "XFD");
}

/* Each text written as a value and read back by the loader is the same. */
static void round_trip(const char *text, bool lines)
{
	struct strbuf y = { 0 };
	strbuf_adds(&y, "list:\n  - ");
	yaml_key(&y, 0, "v");
	if (lines)
		yaml_lines(&y, 4, text);
	else
		yaml_text(&y, text);
	struct arena a;
	arena_init(&a);
	struct diags d = { 0 };
	struct node *root = load_buffer(y.data, y.len, "t.yaml", &a, &a, &d);
	const struct node *v = root ? node_get(node_get(root, "list")->items[0], "v") : NULL;
	bool same = v && v->type == NODE_SCALAR && d.errors == 0;
	if (same) {
		/* markdown keeps line breaks, a one-line text had none */
		size_t n = v->len;
		while (n && v->text[n - 1] == '\n')
			n--;
		same = n == strlen(text) && memcmp(v->text, text, n) == 0;
	}
	if (!same)
		fprintf(stderr, "round trip of '%s' gave:\n%s\n", text, y.data);
	CHECK(same);
	diags_free(&d);
	arena_free(&a);
	strbuf_free(&y);
}

static void test_yaml(void)
{
	static const char *const texts[] = {
		"plain words", "No", "yes", "~", "null", "1.10", "01/05/2018", "- a bullet",
		"key: value", "a # not a comment", "#hash", "'quoted'", "\"double\"", "*star",
		"&amp", "!tag", "%percent", "@at", "`tick`", "[list]", "{map}", "|pipe", ">fold",
		"trailing space ", " leading", "tab\there", "back\\slash", "£1,500 – “quotes”",
		"=1+1", "?", ":", "-", "a:b", "line\xE2\x80\xA8separator",
	};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		round_trip(texts[i], false);
		round_trip(texts[i], true);
	}
	round_trip("para one\n\npara two", true);
	round_trip("- item\n- item two\n  indented", true);
	round_trip("first\n second with space\n\n\nlast", true);
	round_trip("ends with a colon:\n# hash line\n---\n...", true);
}

int main(void)
{
	test_headings();
	test_fills();
	test_text();
	test_yaml();
	return unit_summary();
}
