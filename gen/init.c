/* init.c - `planpress init DIR`: a folder to start from. DIR/content holds a
 * site.yaml and a short plan, report and meeting, each commented to say what
 * its keys are for, that check and build with no problem; and the JSON Schema
 * their first lines name, so an editor completes keys and flags mistakes.
 * `cd DIR && planpress build` then makes DIR/out. */
#include "init.h"
#include "schema_json.h"
#include "util.h"
#include "write.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char site_yaml[] =
	"# yaml-language-server: $schema=planpress.schema.json\n"
	"# The site: what every page shares. Change these to your council's.\n"
	"kind: site\n"
	"organisation: Example Council\n"
	"title: Plans and reports of Example Council\n"
	"colour: \"#00703c\"          # the brand colour of headings and charts, #rrggbb\n"
	"# base_url: https://www.example.gov.uk/plans    # where out/ is published\n"
	"# logo: logo.png                                # a PNG beside this file\n"
	"address:\n"
	"  - Example Council\n"
	"  - Council House\n"
	"  - Example Town EX1 1AA\n"
	"footer: Published by Example Council.\n";

static const char plan_yaml[] =
	"# yaml-language-server: $schema=../planpress.schema.json\n"
	"# An action plan. Its id is the file's name: out/plans/care-leavers.html,\n"
	"# .pdf and .csv are made from it. `planpress check` reports every mistake\n"
	"# with its line; `planpress import FILE.xlsx` makes a plan like this from a\n"
	"# spreadsheet or a Word table.\n"
	"kind: plan\n"
	"title: Care Leavers Action Plan\n"
	"service: Children's Services\n"
	"status: draft                # draft marks every page DRAFT; approved, final ...\n"
	"published: 2025-04-01\n"
	"owner: Corporate Parenting Panel\n"
	"theme_label: Recommendation  # the word before each theme's number\n"
	"labels:                      # your own headings for the table's columns\n"
	"  due: Timescale\n"
	"  progress: Progress to date\n"
	"intro: |\n"
	"  What the plan is for, in **markdown**: paragraphs, lists, links.\n"
	"themes:\n"
	"  - ref: \"1\"                 # refs are text: write them in quotes\n"
	"    title: Every care leaver has a pathway plan\n"
	"    actions:\n"
	"      - ref: \"1.1\"\n"
	"        action: Review every pathway plan with the young person\n"
	"        outcome: Plans set out clear objectives and timely actions\n"
	"        leads: [Team Manager, Personal Advisers]\n"
	"        due: March 2026        # a date, a month, or words (Six monthly)\n"
	"        progress: Reviews have started.\n"
	"        status: in_progress\n"
	"        rag: green             # red, amber, green, blue (complete) or none\n"
	"      - ref: \"1.2\"\n"
	"        action: Train personal advisers in outcome-focused planning\n"
	"        leads: Principal Social Worker\n"
	"        due: Summer 2026\n"
	"        rag:\n"
	"          progress: amber\n"
	"          impact: none\n"
	"        kpis: [pathway-plans]  # the indicators this action moves\n"
	"kpis:\n"
	"  - id: pathway-plans\n"
	"    title: Care leavers with an up to date pathway plan\n"
	"    unit: percent\n"
	"    better: higher\n"
	"    periods: [2023/24, 2024/25]\n"
	"    values: [78, 93]\n"
	"    target: 95\n"
	"    tolerance: 5\n";

static const char report_yaml[] =
	"# yaml-language-server: $schema=../planpress.schema.json\n"
	"# An officer's report to a committee: a web page, and a paper of the\n"
	"# meeting's agenda pack (meetings/people-committee.yaml).\n"
	"kind: report\n"
	"title: Care Leavers Action Plan - progress\n"
	"committee: People Overview Committee\n"
	"date: 2026-03-05\n"
	"classification: public       # or exempt, with exempt_reason\n"
	"responsible_officer:\n"
	"  name: A. Officer\n"
	"  title: Head of Service\n"
	"  email: a.officer@example.gov.uk\n"
	"sections:                    # numbered 1, 2 ...; each paragraph 1.1, 1.2 ...\n"
	"  - title: Summary\n"
	"    text: |\n"
	"      This report sets out the progress of the Care Leavers Action Plan.\n"
	"\n"
	"      Most actions are on track.\n"
	"  - title: Recommendation\n"
	"    text: That the committee notes the progress made.\n"
	"appendices:\n"
	"  - label: A\n"
	"    paper: plans/care-leavers.yaml\n";

static const char meeting_yaml[] =
	"# yaml-language-server: $schema=../planpress.schema.json\n"
	"# A meeting: out/meetings/people-committee.pdf is its agenda pack, the\n"
	"# summons, the agenda with the real page numbers, and every paper.\n"
	"kind: meeting\n"
	"committee: People Overview Committee\n"
	"date: 2026-03-05\n"
	"time: 10.00 am\n"
	"venue: Council Chamber, Council House\n"
	"issued: 2026-02-25\n"
	"officer:\n"
	"  name: C. Officer\n"
	"  title: Committee Officer\n"
	"members:\n"
	"  - name: Councillor A. Member\n"
	"    role: Chair\n"
	"  - Councillor B. Member\n"
	"items:\n"
	"  - title: Apologies for absence\n"
	"  - title: Care Leavers Action Plan\n"
	"    text: To consider the report of the Head of Service.\n"
	"    papers: [reports/care-leavers-progress.yaml]\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("planpress: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(run 'planpress init --help' for usage)\n", stderr);
	return 2;
}

static bool make_folder(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return true;
	fprintf(stderr, "planpress: cannot make the folder %s: %s\n", path, strerror(errno));
	return false;
}

static bool write_one(const char *dir, const char *name, const char *text, size_t len)
{
	char path[8192];
	snprintf(path, sizeof path, "%.4096s/%.1024s", dir, name);
	struct output_file f = { path, (char *)text, len, NULL };
	return output_write_one(path, &f);
}

int init_main(int argc, char **argv)
{
	if (argc == 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs("usage: planpress init DIR\n\n"
		      "Makes DIR/content: a site.yaml and a short plan, report and meeting to\n"
		      "start from, each commented, and planpress.schema.json for editors.\n"
		      "Then: cd DIR && planpress build\n", stdout);
		return 0;
	}
	if (argc != 1 || !argv[0][0] || argv[0][0] == '-')
		return usage_error("init needs one folder to make, such as 'planpress init "
				   "our-plans'%s", "");
	const char *dir = argv[0];
	if (strlen(dir) > 3000)
		return usage_error("the folder's name is too long (%s)", "more than 3000 bytes");
	char content[4096];
	snprintf(content, sizeof content, "%s/content", dir);
	struct stat st;
	if (stat(content, &st) == 0)
		return usage_error("'%s' is there already: init makes a new content folder, and "
				   "changes no file of yours", content);
	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode))
		return usage_error("'%s' is a file, not a folder", dir);
	char sub[4200];
	if (!make_folder(dir) || !make_folder(content))
		return 3;
	static const char *const folders[] = { "plans", "reports", "meetings" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(sub, sizeof sub, "%s/%s", content, folders[i]);
		if (!make_folder(sub))
			return 3;
	}
	struct strbuf schema = { 0 };
	schema_json_write(&schema);
	bool ok = write_one(content, "site.yaml", site_yaml, sizeof site_yaml - 1) &&
		  write_one(content, "plans/care-leavers.yaml", plan_yaml, sizeof plan_yaml - 1) &&
		  write_one(content, "reports/care-leavers-progress.yaml", report_yaml,
			    sizeof report_yaml - 1) &&
		  write_one(content, "meetings/people-committee.yaml", meeting_yaml,
			    sizeof meeting_yaml - 1) &&
		  write_one(content, "planpress.schema.json", schema.data, schema.len);
	strbuf_free(&schema);
	if (!ok)
		return 3;
	fprintf(stderr, "made %s: site.yaml, a plan, a report and a meeting; to build "
		"the site into %s/out:\n  cd %s && planpress build\n", content, dir, dir);
	return 0;
}
