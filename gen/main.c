/* main.c - the command line: parses arguments and runs a command. The stages
 * themselves live in their own modules; this file only wires them together. */
#include "build.h"
#include "content.h"
#include "diag.h"
#include "import.h"
#include "init.h"
#include "schema_json.h"
#include "watch.h"

#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PLANPRESS_VERSION
#define PLANPRESS_VERSION "0.1.0"
#endif
/* Where `make install` puts the templates (PREFIX/share/planpress). */
#ifndef PLANPRESS_DATADIR
#define PLANPRESS_DATADIR "/usr/local/share/planpress"
#endif

enum exit_status { EXIT_OK = 0, EXIT_CONTENT = 1, EXIT_USAGE = 2, EXIT_WRITE = 3 };
enum { WANTS_HELP = -1 };	/* parse_options saw --help: not an exit status */

static const char usage_text[] =
	"usage: planpress check [--content DIR] [--strict] [PATH ...]\n"
	"       planpress build [--content DIR] [--templates DIR] [--out DIR] [--strict] [-j N]\n"
	"       planpress watch [--content DIR] [--templates DIR] [--out DIR] [--strict] [-j N]\n"
	"       planpress render [--content DIR] [--templates DIR] [--exempt] FILE -o OUTPUT\n"
	"       planpress import FILE [-o OUT.yaml] [--map COLUMN=HEADING ...] [--plan PLAN.yaml]\n"
	"       planpress schema\n"
	"       planpress init DIR\n"
	"       planpress [COMMAND] --help | --version\n"
	"\n"
	"  check   validate the named files, or every document under the content root,\n"
	"          and report every problem as file:line:col: error|warning: message\n"
	"  build   validate everything, then render the site into the output folder\n"
	"  watch   build, then build again on every change to the content or templates\n"
	"  render  render one document; the format follows OUTPUT's extension\n"
	"  import  a plan from a spreadsheet or Word table (.csv, .xlsx, .docx) as YAML\n"
	"  schema  print the content format as a JSON Schema, for editors\n"
	"  init    make a content folder to start from: a site, plan, report and meeting\n"
	"\n"
	"options:\n"
	"  --content DIR    content root (default: content)\n"
	"  --templates DIR  templates folder (default: ./templates, else the installed ones)\n"
	"  --out DIR        output folder (default: out)\n"
	"  --strict         treat warnings as errors\n"
	"  --exempt         render: the members' agenda pack, with exempt papers\n"
	"  -q, --quiet      print nothing but diagnostics\n"
	"\n"
	"exit status: 0 success, 1 content errors, 2 bad usage, 3 could not write\n";

struct options {
	const char *content, *templates, *out, *output;
	bool strict, quiet, exempt;
	bool content_given;	/* --content was on the command line */
	bool templates_given;	/* --templates was */
	long jobs;
	char **paths;
	size_t n_paths;
};

/* Why path cannot be a folder the command reads, or NULL when it can. */
static const char *not_a_folder(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return "does not exist";
	return S_ISDIR(st.st_mode) ? NULL : "is not a folder";
}

static int usage_error(const char *fmt, const char *arg)
{
	char *shown = diag_escape(arg);	/* a name, which may hold a line break */
	fputs("planpress: ", stderr);
	fprintf(stderr, fmt, shown);
	free(shown);
	fputs("\n(run 'planpress --help' for usage)\n", stderr);
	return EXIT_USAGE;
}

static int folder_error(const char *what, const char *path)
{
	char fmt[80];
	snprintf(fmt, sizeof fmt, "the %s folder '%%s' %s", what, not_a_folder(path));
	return usage_error(fmt, path);
}

/* An empty name ('' from an unset shell variable) names no file. */
static bool add_path(struct options *o, char *path)
{
	if (!*path) {
		usage_error("'%s' is not a file name: a PATH may not be empty", path);
		return false;
	}
	o->paths[o->n_paths++] = path;
	return true;
}

/* Options may come before or after the paths, as with most tools. */
static int parse_options(int argc, char **argv, struct options *o)
{
	o->content = "content";
	o->templates = "templates";
	o->out = "out";
	o->paths = calloc((size_t)argc + 1, sizeof *o->paths);
	if (!o->paths)
		return EXIT_USAGE;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char **value = NULL;
		if (strcmp(a, "--content") == 0)
			value = &o->content;
		else if (strcmp(a, "--templates") == 0)
			value = &o->templates;
		else if (strcmp(a, "--out") == 0)
			value = &o->out;
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
			value = &o->output;
		if (value) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", a);
			*value = argv[++i];
		} else if (strncmp(a, "--content=", 10) == 0) {
			value = &o->content;
			*value = a + 10;
		} else if (strncmp(a, "--templates=", 12) == 0) {
			value = &o->templates;
			*value = a + 12;
		} else if (strncmp(a, "--out=", 6) == 0) {
			value = &o->out;
			*value = a + 6;
		}
		if (value) {
			o->content_given |= value == &o->content;
			o->templates_given |= value == &o->templates;
			/* '' would quietly mean the current folder, or nothing */
			if (!**value) {
				char name[32];	/* the option without its '=' */
				snprintf(name, sizeof name, "%.*s", (int)strcspn(a, "="), a);
				return usage_error("%s needs a name, not ''", name);
			}
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			return WANTS_HELP;
		} else if (strcmp(a, "--strict") == 0) {
			o->strict = true;
		} else if (strcmp(a, "--exempt") == 0) {
			o->exempt = true;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o->quiet = true;
		} else if (strcmp(a, "-j") == 0 || strncmp(a, "-j", 2) == 0) {
			const char *n = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
			char *end;
			if (!n)
				return usage_error("%s needs a number", a);
			o->jobs = strtol(n, &end, 10);
			if (*end || o->jobs < 1)
				return usage_error("-j needs a whole number of 1 or more, not '%s'", n);
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				if (!add_path(o, argv[i]))
					return EXIT_USAGE;
		} else if (a[0] == '-' && a[1]) {
			return usage_error("unknown option '%s'", a);
		} else if (!add_path(o, argv[i])) {
			return EXIT_USAGE;
		}
	}
	return EXIT_OK;
}

/* A folder of templates: it has html/ in it. */
static bool has_templates(const char *dir)
{
	char path[PATH_MAX + 8];
	struct stat st;
	snprintf(path, sizeof path, "%s/html", dir);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The templates when --templates does not name them, first found of:
 * ./templates (the spec's default: a site's own templates win); beside the
 * program, ../share/planpress (an installed program, wherever its PREFIX)
 * and ../templates (gen/planpress in the source tree); the folder it was
 * installed to (PLANPRESS_DATADIR). NULL when none has them. */
static const char *find_templates(char *buf, size_t size, struct strbuf *looked)
{
	strbuf_adds(looked, "templates");
	if (has_templates("templates"))
		return "templates";
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		static const char *const beside[] = { "../share/planpress", "../templates" };
		for (size_t i = 0; i < 2; i++) {
			snprintf(buf, size, "%s/%s", exe, beside[i]);
			strbuf_printf(looked, ", %s", buf);
			if (has_templates(buf))
				return buf;
		}
	}
	strbuf_printf(looked, ", %s", PLANPRESS_DATADIR);
	return has_templates(PLANPRESS_DATADIR) ? PLANPRESS_DATADIR : NULL;
}

static int command_check(struct options *o)
{
	struct diags diags = { 0 };
	struct content content;
	if (o->n_paths)
		content_load_files(&content, o->content, o->paths, o->n_paths, &diags);
	else
		content_load_all(&content, o->content, &diags);
	size_t errors, warnings;
	diags_print_counted(&diags, stderr, o->strict, &errors, &warnings);
	/* the files asked about: those named, or every one under the root */
	diags_print_summary(stderr, errors, warnings, content.n_asked);
	int status = diags_error_count(&diags, o->strict) ? EXIT_CONTENT : EXIT_OK;
	content_free(&content);
	diags_free(&diags);
	return status;
}

/* The JSON Schema, on standard output (standard output is for data). */
static int command_schema(int argc, char **argv)
{
	if (argc && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs("usage: planpress schema > planpress.schema.json\n", stdout);
		return EXIT_OK;
	}
	if (argc)
		return usage_error("schema takes nothing after it, not '%s'", argv[0]);
	struct strbuf out = { 0 };
	bool ok = schema_json_write(&out);
	fwrite(out.data, 1, out.len, stdout);
	strbuf_free(&out);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("planpress: could not write the schema to standard output\n", stderr);
		return EXIT_WRITE;
	}
	return ok ? EXIT_OK : EXIT_CONTENT;
}

int main(int argc, char **argv)
{
	/* Numbers are written and read with '.' whatever the user's locale. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	/* Checking frees and takes again the memory of each file, as laying
	 * out does each page's: kept by the process, not given back to the
	 * system to be faulted in again (on a site of 1,000 documents, that
	 * was a third of check's time). Peak memory is the same. What is as
	 * big as 1 MiB (a long file's text, the YAML nodes' blocks, a long web
	 * page) is mapped apart, grown by mremap and given back when freed,
	 * so it leaves no hole in the heap (a 10,000-action web page, 61 MB
	 * -> 48 MB). */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		if (argc > 2)
			return usage_error("--version takes nothing after it, not '%s'", argv[2]);
		printf("planpress %s\n", PLANPRESS_VERSION);
		return EXIT_OK;
	}
	const char *command = argv[1];
	if (strcmp(command, "import") == 0)
		return import_main(argc - 2, argv + 2);
	if (strcmp(command, "init") == 0)
		return init_main(argc - 2, argv + 2);
	if (strcmp(command, "schema") == 0)
		return command_schema(argc - 2, argv + 2);
	/* watch takes build's options: it is build, again on every change */
	bool builds = strcmp(command, "build") == 0 || strcmp(command, "watch") == 0;
	if (strcmp(command, "check") != 0 && !builds && strcmp(command, "render") != 0)
		return usage_error("unknown command '%s'", command);
	struct options o = { 0 };
	int status = parse_options(argc - 2, argv + 2, &o);
	char templates_buf[PATH_MAX + 32];
	struct strbuf looked = { 0 };
	bool templates_missing = false;
	if (status == EXIT_OK && !o.templates_given) {
		const char *found = find_templates(templates_buf, sizeof templates_buf, &looked);
		if (found)
			o.templates = found;
		templates_missing = !found;
	}
	if (status == WANTS_HELP) {
		fputs(usage_text, stdout);
		status = EXIT_OK;
	} else if (status == EXIT_OK && not_a_folder(o.content) &&
		   (o.content_given || !o.n_paths || builds)) {
		/* a mistyped --content is a usage slip, not a content error; named
		 * files with no content folder where they are run are read alone */
		status = folder_error("content", o.content);
	} else if (status == EXIT_OK && strcmp(command, "check") != 0 && templates_missing) {
		status = usage_error("no templates folder found (looked in %s): install planpress "
				     "with 'make install', or name one with --templates DIR",
				     looked.data);
	} else if (status == EXIT_OK && strcmp(command, "check") != 0 && not_a_folder(o.templates)) {
		status = folder_error("templates", o.templates);
	} else if (status == EXIT_OK) {
		if (strcmp(command, "check") == 0 && o.output) {
			status = usage_error("-o names the one file 'render' writes; %s writes "
					     "no file", command);
		} else if (strcmp(command, "check") == 0) {
			status = command_check(&o);
		} else if (builds) {
			struct build_options b = { o.content, o.templates, o.out, o.strict, o.quiet,
						   false, o.jobs };
			char no_names[48];
			snprintf(no_names, sizeof no_names, "%s takes no file names (%%s)",
				 command);
			/* exempt papers never go into the published output folder */
			if (o.exempt)
				status = usage_error("--exempt is for 'render' of one meeting's pack, "
						     "never for the published site%s", "");
			else if (o.output)	/* else the site would go to out/ unasked */
				status = usage_error("-o names the one file 'render' writes; %s writes "
						     "the site into --out DIR (default: out)", command);
			else if (o.n_paths)
				status = usage_error(no_names, o.paths[0]);
			else
				status = strcmp(command, "watch") == 0 ? watch_site(&b)
								       : build_site(&b);
		} else if (strcmp(command, "render") == 0) {
			struct build_options b = { o.content, o.templates, o.out, o.strict, o.quiet,
						   o.exempt, 1 };
			if (o.n_paths != 1 || !o.output)
				status = usage_error("render needs one FILE and -o OUTPUT%s", "");
			else
				status = render_one(&b, o.paths[0], o.output);
		}
	}
	free(o.paths);
	strbuf_free(&looked);
	return status;
}
