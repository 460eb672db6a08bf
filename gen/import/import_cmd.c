/* import_cmd.c - the command line of `planpress import FILE [-o OUT.yaml]
 * [--map COLUMN=HEADING ...] [--plan PLAN.yaml] [-q]`. */
#include "import.h"
#include "write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: planpress import FILE [-o OUT.yaml] [--map COLUMN=HEADING ...] [--plan PLAN.yaml] [-q]\n"
	"\n"
	"A plan's actions from a spreadsheet or a Word file (.csv, .xlsx, .docx), written\n"
	"as a plan in YAML (to standard output, or OUT.yaml) ready for 'planpress check'.\n"
	"\n"
	"  -o OUT.yaml             write the plan there (replaced whole) instead\n"
	"  --map COLUMN=HEADING    read the column headed HEADING as COLUMN: ref, title,\n"
	"                          action, outcome, measure, leads, due, progress,\n"
	"                          progress_rag, impact_rag, status, leads_and_due, theme,\n"
	"                          or comment (kept as comments)\n"
	"  --plan PLAN.yaml        keep every key of PLAN but its actions, which the file's\n"
	"                          rows replace (themes matched by ref): the CSV that\n"
	"                          'build' writes, edited, back into its plan\n"
	"  -q, --quiet             print nothing but errors\n"
	"\n"
	"exit status: 0 imported, 1 the file could not be imported, 2 bad usage,\n"
	"3 could not write\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("planpress: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n(run 'planpress import --help' for usage)\n", stderr);
	return 2;
}

int import_main(int argc, char **argv)
{
	struct import_options o = { 0 };
	const char *out_path = NULL;
	o.maps = calloc((size_t)argc + 1, sizeof *o.maps);
	if (!o.maps)
		out_of_memory();
	int status = 0;
	for (int i = 0; i < argc && !status; i++) {
		const char *a = argv[i];
		const char *value = NULL;
		bool takes = strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
			     strcmp(a, "--map") == 0 || strcmp(a, "--plan") == 0;
		if (takes) {
			if (i + 1 >= argc) {
				status = usage_error("%s needs a value", a);
				break;
			}
			value = argv[++i];
		} else if (strncmp(a, "--map=", 6) == 0 || strncmp(a, "--plan=", 7) == 0) {
			value = strchr(a, '=') + 1;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			free(o.maps);
			return 0;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o.quiet = true;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			out_path = value;
		} else if (strncmp(a, "--plan", 6) == 0 && value) {
			o.plan = value;
		} else if (strncmp(a, "--map", 5) == 0 && value) {
			const char *eq = strchr(value, '=');
			char name[32];
			size_t n = eq ? (size_t)(eq - value) : 0;
			if (!eq || n == 0 || n >= sizeof name || !eq[1]) {
				status = usage_error("--map needs COLUMN=HEADING, such as "
						     "'due=Target date', not '%s'", value);
				break;
			}
			memcpy(name, value, n);
			name[n] = '\0';
			enum import_column c = import_column_from_name(name);
			if (c == IC_COUNT || c == IC_DERIVED || c == IC_STEP) {
				status = usage_error("--map: '%s' is not a column: ref, title, action, "
						     "outcome, measure, leads, due, progress, "
						     "progress_rag, impact_rag, status, leads_and_due, "
						     "theme or comment", name);
				break;
			}
			o.maps[o.n_maps++] = (struct import_map){ eq + 1, c };
		} else if (a[0] == '-' && a[1]) {
			status = usage_error("unknown option '%s'", a);
		} else if (o.file) {
			status = usage_error("import reads one file, not also '%s'", a);
		} else if (!*a) {
			status = usage_error("'%s' is not a file name", a);
		} else {
			o.file = a;
		}
	}
	if (!status && !o.file)
		status = usage_error("import needs a FILE (.csv, .xlsx or .docx)%s", "");
	if (!status && out_path && !*out_path)
		status = usage_error("-o needs a file name, not '%s'", out_path);
	if (status) {
		free(o.maps);
		return status;
	}
	struct strbuf yaml = { 0 };
	status = import_to_yaml(&o, &yaml);
	if (status == 0) {
		if (out_path) {
			struct output_file f = { (char *)out_path, yaml.data, yaml.len, NULL };
			if (!output_write_one(out_path, &f))
				status = 3;
		} else {
			fwrite(yaml.data, 1, yaml.len, stdout);
			if (fflush(stdout) != 0 || ferror(stdout)) {
				fputs("planpress: could not write the plan to standard output\n",
				      stderr);
				status = 3;
			}
		}
	}
	strbuf_free(&yaml);
	free(o.maps);
	return status;
}
