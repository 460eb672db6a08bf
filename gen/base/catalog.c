/* catalog.c - GNU gettext PO files read without a system locale (libc's
 * gettext needs the language's locale installed and compiled .mo files), and
 * the message functions every renderer prints its fixed words with. */
#include "catalog.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PLURAL_FORMS_MAX 8

struct message {
	const char *ctxt, *id, *plural;
	const char *str[PLURAL_FORMS_MAX];
	size_t n_str;
	int line;
};

struct catalog {
	struct arena arena;
	const char *lang;
	const char *plural_expr;	/* "n != 1" */
	long nplurals;
	struct message *messages;	/* sorted by context, then msgid */
	struct message *in_order;	/* as in the file */
	size_t n;
};

/* ---------- the plural expression: C's operators on n ---------- */

struct expr {
	const char *p;
	unsigned long n;
	bool bad;
	int depth;
};

static unsigned long ternary(struct expr *e);

static void skip_space(struct expr *e)
{
	while (*e->p == ' ' || *e->p == '\t' || *e->p == '\n')
		e->p++;
}

static bool take(struct expr *e, const char *op)
{
	skip_space(e);
	size_t len = strlen(op);
	if (strncmp(e->p, op, len) != 0)
		return false;
	/* "<" is not the start of "<=", "=" never stands alone */
	if (len == 1 && (op[0] == '<' || op[0] == '>' || op[0] == '!') && e->p[1] == '=')
		return false;
	if (len == 1 && (op[0] == '|' || op[0] == '&') && e->p[1] == op[0])
		return false;
	e->p += len;
	return true;
}

static unsigned long primary(struct expr *e)
{
	skip_space(e);
	if (++e->depth > 64) {
		e->bad = true;
		return 0;
	}
	unsigned long v = 0;
	if (take(e, "(")) {
		v = ternary(e);
		if (!take(e, ")"))
			e->bad = true;
	} else if (take(e, "!")) {
		v = !primary(e);
	} else if (take(e, "-")) {
		v = -primary(e);
	} else if (*e->p == 'n') {
		e->p++;
		v = e->n;
	} else if (isdigit((unsigned char)*e->p)) {
		while (isdigit((unsigned char)*e->p))
			v = v * 10 + (unsigned long)(*e->p++ - '0');
	} else {
		e->bad = true;
	}
	e->depth--;
	return v;
}

static unsigned long product(struct expr *e)
{
	unsigned long v = primary(e);
	for (;;) {
		if (take(e, "*")) {
			v *= primary(e);
		} else if (take(e, "/") || take(e, "%")) {
			char op = e->p[-1];
			unsigned long d = primary(e);
			if (!d) {
				e->bad = true;
				return 0;
			}
			v = op == '/' ? v / d : v % d;
		} else {
			return v;
		}
	}
}

static unsigned long sum(struct expr *e)
{
	unsigned long v = product(e);
	for (;;) {
		if (take(e, "+"))
			v += product(e);
		else if (take(e, "-"))
			v -= product(e);
		else
			return v;
	}
}

static unsigned long compare(struct expr *e)
{
	unsigned long v = sum(e);
	for (;;) {
		if (take(e, "<="))
			v = v <= sum(e);
		else if (take(e, ">="))
			v = v >= sum(e);
		else if (take(e, "<"))
			v = v < sum(e);
		else if (take(e, ">"))
			v = v > sum(e);
		else
			return v;
	}
}

static unsigned long equality(struct expr *e)
{
	unsigned long v = compare(e);
	for (;;) {
		if (take(e, "=="))
			v = v == compare(e);
		else if (take(e, "!="))
			v = v != compare(e);
		else
			return v;
	}
}

static unsigned long conjunction(struct expr *e)
{
	unsigned long v = equality(e);
	while (take(e, "&&")) {
		unsigned long w = equality(e);
		v = v && w;
	}
	return v;
}

static unsigned long disjunction(struct expr *e)
{
	unsigned long v = conjunction(e);
	while (take(e, "||")) {
		unsigned long w = conjunction(e);
		v = v || w;
	}
	return v;
}

/* both branches are read, so that a mistake in either is found for every n */
static unsigned long ternary(struct expr *e)
{
	unsigned long v = disjunction(e);
	if (!take(e, "?"))
		return v;
	unsigned long yes = ternary(e);
	if (!take(e, ":")) {
		e->bad = true;
		return 0;
	}
	unsigned long no = ternary(e);
	return v ? yes : no;
}

long plural_eval(const char *expr, unsigned long n)
{
	struct expr e = { expr, n, false, 0 };
	unsigned long v = ternary(&e);
	skip_space(&e);
	if (*e.p == ';')
		e.p++;
	skip_space(&e);
	if (e.bad || *e.p)
		return -1;
	return v > PLURAL_FORMS_MAX ? PLURAL_FORMS_MAX : (long)v;
}

/* ---------- placeholders ---------- */

int msg_arg_count(const char *fmt)
{
	int next = 0, highest = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		int which = 0;
		if (isdigit((unsigned char)*p) && *p != '0') {
			while (isdigit((unsigned char)*p) && which < 100)
				which = which * 10 + (*p++ - '0');
			if (*p++ != '$')
				return -1;
		}
		if (*p == 'm')	/* %ms: the argument soft-mutated */
			p++;
		if (*p != 's')
			return -1;
		if (!which)
			which = ++next;
		if (which > highest)
			highest = which;
	}
	return highest;
}

/* Welsh soft mutation (treiglad meddal) of a word's first letter: c > g,
 * p > b, t > d, g > (none), b > f, d > dd, ll > l, m > f, rh > r; other
 * words as they are. "Coch" > "Goch", "Gwyrdd" > "Wyrdd"; a phrase of
 * several words as it is written. */
static void add_soft(struct strbuf *s, const char *word)
{
	static const struct {
		const char *from, *to;
	} soft[] = {
		{ "Ll", "L" }, { "ll", "l" }, { "LL", "L" }, { "Rh", "R" }, { "rh", "r" },
		{ "RH", "R" }, { "C", "G" }, { "c", "g" }, { "P", "B" }, { "p", "b" },
		{ "T", "D" }, { "t", "d" }, { "B", "F" }, { "b", "f" }, { "D", "Dd" },
		{ "d", "dd" }, { "M", "F" }, { "m", "f" }, { "G", "" }, { "g", "" },
	};
	/* a phrase is left as written: a council's "Mewn perygl" would read
	 * "o fewn perygl" (within danger) */
	if (strchr(word, ' ')) {
		strbuf_adds(s, word);
		return;
	}
	/* "ch", "ph", "th" and "ng" are letters of their own: not mutated so */
	bool digraph = word[0] && word[1] && strchr("hH", word[1]) && strchr("cCpPtT", word[0]);
	digraph = digraph || ((word[0] == 'n' || word[0] == 'N') && (word[1] == 'g'));
	for (size_t i = 0; !digraph && i < sizeof soft / sizeof *soft; i++) {
		size_t n = strlen(soft[i].from);
		if (strncmp(word, soft[i].from, n) != 0)
			continue;
		const char *rest = word + n;
		if (soft[i].to[0] == '\0' && isupper((unsigned char)word[0]) && *rest) {
			/* "Gwyrdd" > "Wyrdd": the next letter takes the capital */
			strbuf_addc(s, (char)toupper((unsigned char)*rest));
			strbuf_adds(s, rest + 1);
		} else {
			strbuf_adds(s, soft[i].to);
			strbuf_adds(s, rest);
		}
		return;
	}
	strbuf_adds(s, word);
}

char *msg_printf(struct arena *a, const char *fmt, ...)
{
	const char *args[16];
	int n = msg_arg_count(fmt);
	va_list ap;
	va_start(ap, fmt);
	for (int i = 0; i < n && i < 16; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);
	struct strbuf s = { 0 };
	strbuf_adds(&s, "");
	int next = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			const char *end = strchr(p, '%');
			size_t len = end ? (size_t)(end - p) : strlen(p);
			strbuf_add(&s, p, len);
			p += len - 1;
			continue;
		}
		p++;
		if (*p == '%') {
			strbuf_addc(&s, '%');
			continue;
		}
		int which = 0;
		while (isdigit((unsigned char)*p))
			which = which * 10 + (*p++ - '0');
		if (*p == '$')
			p++;
		bool soft = *p == 'm';
		if (soft)
			p++;
		if (!which)
			which = ++next;
		if (which >= 1 && which <= n && which <= 16 && args[which - 1]) {
			if (soft)
				add_soft(&s, args[which - 1]);
			else
				strbuf_adds(&s, args[which - 1]);
		}
	}
	char *out = arena_strdup(a, s.data);
	strbuf_free(&s);
	return out;
}

/* ---------- reading a PO file ---------- */

struct reader {
	struct catalog *c;
	const char *file;
	struct diags *diags;
	int line;
	bool failed;
};

static void po_error(struct reader *r, int line, const char *fmt, const char *what)
{
	diag_error(r->diags, ((struct pos){ r->file, line, 1 }), fmt, what);
	r->failed = true;
}

/* A quoted string at s (after spaces), its escapes read, appended to out;
 * false when it is not one. */
static bool read_quoted(struct reader *r, const char *s, struct strbuf *out)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '"')
		return false;
	for (s++; *s && *s != '"'; s++) {
		if (*s != '\\') {
			strbuf_addc(out, *s);
			continue;
		}
		switch (*++s) {
		case 'n': strbuf_addc(out, '\n'); break;
		case 't': strbuf_addc(out, '\t'); break;
		case '"': strbuf_addc(out, '"'); break;
		case '\\': strbuf_addc(out, '\\'); break;
		default:
			po_error(r, r->line, "%s", "an escape that PO files do not have; write \\n, "
				 "\\t, \\\" or \\\\");
			return true;
		}
	}
	if (*s != '"') {
		po_error(r, r->line, "%s", "a string with no closing quote");
		return true;
	}
	for (s++; *s == ' ' || *s == '\t' || *s == '\r'; s++)
		;
	if (*s && *s != '#')
		po_error(r, r->line, "%s", "something after the closing quote");
	return true;
}

enum field { F_NONE, F_CTXT, F_ID, F_PLURAL, F_STR };

struct entry {
	struct strbuf ctxt, id, plural, str[PLURAL_FORMS_MAX];
	bool has_ctxt, has_id, has_plural, fuzzy;
	size_t n_str;
	int line;
};

static void entry_clear(struct entry *e)
{
	strbuf_free(&e->ctxt);
	strbuf_free(&e->id);
	strbuf_free(&e->plural);
	for (size_t i = 0; i < PLURAL_FORMS_MAX; i++)
		strbuf_free(&e->str[i]);
	memset(e, 0, sizeof *e);
}

static const char *held(struct arena *a, const struct strbuf *b)
{
	return arena_strndup(a, b->data ? b->data : "", b->len);
}

/* "Plural-Forms: nplurals=6; plural=(n==0) ? 0 : ...;" and "Language: cy" */
static void read_header(struct reader *r, const char *text, int line)
{
	const char *forms = strstr(text, "Plural-Forms:");
	if (forms) {
		const char *np = strstr(forms, "nplurals=");
		const char *pl = strstr(forms, "plural=");
		if (pl == np + 2)	/* "nplurals=" holds "plural=" */
			pl = strstr(np + 9, "plural=");
		const char *end = pl ? strchr(pl, '\n') : NULL;
		if (!np || !pl) {
			po_error(r, line, "%s", "Plural-Forms must give nplurals= and plural=");
			return;
		}
		r->c->nplurals = strtol(np + 9, NULL, 10);
		r->c->plural_expr = arena_strndup(&r->c->arena, pl + 7,
						  end ? (size_t)(end - pl - 7) : strlen(pl + 7));
		if (r->c->nplurals < 1 || r->c->nplurals > PLURAL_FORMS_MAX)
			po_error(r, line, "%s", "nplurals must be from 1 to 8");
		for (unsigned long n = 0; !r->failed && n < 1000; n++) {
			long form = plural_eval(r->c->plural_expr, n);
			if (form < 0 || form >= r->c->nplurals)
				po_error(r, line, "the plural expression '%s' cannot be read, or "
					 "picks a form past nplurals", r->c->plural_expr);
		}
	}
	const char *lang = strstr(text, "Language:");
	if (lang) {
		lang += 9;
		while (*lang == ' ')
			lang++;
		size_t len = strcspn(lang, "\n _-");
		if (strlen(r->c->lang) != len || strncmp(lang, r->c->lang, len) != 0)
			po_error(r, line, "this file's Language is not '%s', the language of its name",
				 r->c->lang);
	}
}

static void entry_finish(struct reader *r, struct entry *e, size_t *cap)
{
	if (!e->has_id) {
		if (e->has_ctxt || e->n_str)
			po_error(r, e->line, "%s", "an entry without a msgid");
		entry_clear(e);
		return;
	}
	const char *id = held(&r->c->arena, &e->id);
	if (!*id && !e->has_ctxt) {
		read_header(r, e->str[0].data ? e->str[0].data : "", e->line);
		entry_clear(e);
		return;
	}
	if (e->fuzzy) {
		entry_clear(e);
		return;
	}
	struct message m = { e->has_ctxt ? held(&r->c->arena, &e->ctxt) : NULL, id,
			     e->has_plural ? held(&r->c->arena, &e->plural) : NULL, { 0 }, e->n_str,
			     e->line };
	int args = msg_arg_count(id);
	if (m.plural && msg_arg_count(m.plural) > args)
		args = msg_arg_count(m.plural);
	if (args < 0)
		po_error(r, e->line, "the msgid '%s' has a placeholder other than %%s, %%N$s and %%%%",
			 id);
	for (size_t i = 0; i < e->n_str; i++) {
		m.str[i] = held(&r->c->arena, &e->str[i]);
		int used = msg_arg_count(m.str[i]);
		if (used < 0 || used > args)
			po_error(r, e->line, "the translation of '%s' has a placeholder its msgid has "
				 "not (only %%s, %%N$s up to the msgid's count, and %%%%)", id);
	}
	if (*cap == r->c->n) {
		*cap = *cap ? *cap * 2 : 256;
		r->c->in_order = xrealloc(r->c->in_order, *cap * sizeof *r->c->in_order);
	}
	r->c->in_order[r->c->n++] = m;
	entry_clear(e);
}

static int message_cmp(const void *pa, const void *pb)
{
	const struct message *a = pa, *b = pb;
	int c = strcmp(a->ctxt ? a->ctxt : "", b->ctxt ? b->ctxt : "");
	if (c || (!a->ctxt) == (!b->ctxt))
		return c ? c : strcmp(a->id, b->id);
	return a->ctxt ? 1 : -1;
}

struct catalog *catalog_load(const char *path, const char *lang, struct diags *diags)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		diag_error(diags, ((struct pos){ path, 0, 0 }), "the message catalogue cannot be "
			   "read");
		return NULL;
	}
	struct catalog *c = xcalloc(1, sizeof *c);
	arena_init(&c->arena);
	c->lang = arena_strdup(&c->arena, lang);
	c->plural_expr = "n != 1";
	c->nplurals = 2;
	struct reader r = { c, arena_strdup(&c->arena, path), diags, 0, false };
	struct entry e = { 0 };
	enum field last = F_NONE;
	size_t cap = 0, len_cap = 0;
	char *line = NULL;
	ssize_t len;
	while ((len = getline(&line, &len_cap, f)) >= 0) {
		r.line++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		const char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			continue;
		if (*s == '#') {
			if (s[1] == ',' && strstr(s, "fuzzy")) {
				if (e.has_id)
					entry_finish(&r, &e, &cap);
				e.fuzzy = true;
			}
			continue;
		}
		struct strbuf *into = NULL;
		const char *rest = NULL;
		enum field field = F_NONE;
		if (strncmp(s, "msgctxt", 7) == 0 && (s[7] == ' ' || s[7] == '"')) {
			if (e.has_id || e.has_ctxt)	/* the entry before ends */
				entry_finish(&r, &e, &cap);
			e.has_ctxt = true;
			into = &e.ctxt, rest = s + 7, field = F_CTXT;
		} else if (strncmp(s, "msgid_plural", 12) == 0) {
			e.has_plural = true;
			into = &e.plural, rest = s + 12, field = F_PLURAL;
		} else if (strncmp(s, "msgid", 5) == 0 && (s[5] == ' ' || s[5] == '"')) {
			if (e.has_id)	/* the entry before ends */
				entry_finish(&r, &e, &cap);
			if (!e.line)
				e.line = r.line;
			e.has_id = true;
			into = &e.id, rest = s + 5, field = F_ID;
		} else if (strncmp(s, "msgstr[", 7) == 0) {
			char *end;
			long i = strtol(s + 7, &end, 10);
			if (end == s + 7 || *end != ']' || i < 0 || i >= PLURAL_FORMS_MAX ||
			    (size_t)i != e.n_str) {
				po_error(&r, r.line, "%s", "msgstr[N] must count from 0, in order, "
					 "to at most 7");
				continue;
			}
			into = &e.str[e.n_str++], rest = end + 1, field = F_STR;
		} else if (strncmp(s, "msgstr", 6) == 0 && (s[6] == ' ' || s[6] == '"')) {
			if (e.n_str)
				po_error(&r, r.line, "%s", "a second msgstr");
			else
				into = &e.str[e.n_str++];
			rest = s + 6, field = F_STR;
		} else if (*s == '"' && last != F_NONE) {
			/* a continuation of the string before */
			into = last == F_CTXT ? &e.ctxt : last == F_ID ? &e.id :
			       last == F_PLURAL ? &e.plural : &e.str[e.n_str - 1];
			rest = s;
			field = last;
		} else {
			po_error(&r, r.line, "%s", "a line that is not a comment, msgctxt, msgid, "
				 "msgid_plural, msgstr or a quoted string");
			continue;
		}
		if (!e.line)
			e.line = r.line;
		last = field;
		strbuf_adds(into, "");
		if (!read_quoted(&r, rest, into))
			po_error(&r, r.line, "%s", "a quoted string was expected here");
	}
	free(line);
	fclose(f);
	entry_finish(&r, &e, &cap);
	/* a message with a plural has one form for each the language has */
	for (size_t i = 0; i < c->n; i++) {
		const struct message *m = &c->in_order[i];
		if (m->plural && m->n_str != (size_t)c->nplurals)
			po_error(&r, m->line, "'%s' needs one msgstr[N] for each of the language's "
				 "plural forms (nplurals)", m->id);
		if (!m->plural && m->n_str != 1)
			po_error(&r, m->line, "'%s' needs one msgstr", m->id);
	}
	c->messages = xmalloc((c->n ? c->n : 1) * sizeof *c->messages);
	if (c->n)
		memcpy(c->messages, c->in_order, c->n * sizeof *c->messages);
	qsort(c->messages, c->n, sizeof *c->messages, message_cmp);
	for (size_t i = 1; i < c->n; i++)
		if (message_cmp(&c->messages[i - 1], &c->messages[i]) == 0) {
			const struct message *m = &c->messages[i];
			po_error(&r, m->line > c->messages[i - 1].line ? m->line :
				 c->messages[i - 1].line, "'%s' is in the catalogue twice", m->id);
		}
	if (r.failed) {
		catalog_free(c);
		return NULL;
	}
	return c;
}

void catalog_free(struct catalog *c)
{
	if (!c)
		return;
	free(c->messages);
	free(c->in_order);
	arena_free(&c->arena);
	free(c);
}

const char *catalog_lang(const struct catalog *c)
{
	return c->lang;
}

static const struct message *find(const struct catalog *c, const char *ctxt, const char *id)
{
	if (!c)
		return NULL;
	struct message key = { .ctxt = ctxt, .id = id };
	return bsearch(&key, c->messages, c->n, sizeof *c->messages, message_cmp);
}

const char *catalog_get(const struct catalog *c, const char *ctxt, const char *msgid)
{
	const struct message *m = find(c, ctxt, msgid);
	return m && !m->plural && m->str[0][0] ? m->str[0] : NULL;
}

const char *catalog_get_plural(const struct catalog *c, const char *ctxt, const char *msgid,
			       unsigned long n)
{
	const struct message *m = find(c, ctxt, msgid);
	if (!m || !m->plural)
		return NULL;
	long form = plural_eval(c->plural_expr, n);
	return form >= 0 && (size_t)form < m->n_str && m->str[form][0] ? m->str[form] : NULL;
}

void catalog_each(const struct catalog *c, void (*each)(void *, const char *, const char *),
		  void *ctx)
{
	for (size_t i = 0; i < c->n; i++)
		each(ctx, c->in_order[i].ctxt, c->in_order[i].id);
}

/* ---------- the language in force ---------- */

/* Set between pages by the build, read while one renders: a page's words
 * are all of one language, and passing it to every function that puts the
 * model into words would thread it through each renderer's every call. */
static const struct catalog *current;

void messages_use(const struct catalog *c)
{
	current = c;
}

const struct catalog *messages_current(void)
{
	return current;
}

const char *messages_lang(void)
{
	return current ? current->lang : "en";
}

const char *msg_c(const char *ctxt, const char *msgid)
{
	const char *s = catalog_get(current, ctxt, msgid);
	return s ? s : msgid;
}

const char *msg(const char *msgid)
{
	return msg_c(NULL, msgid);
}

const char *msg_nc(const char *ctxt, const char *msgid, const char *plural, unsigned long n)
{
	const char *s = catalog_get_plural(current, ctxt, msgid, n);
	return s ? s : n == 1 ? msgid : plural;
}

const char *msg_n(const char *msgid, const char *plural, unsigned long n)
{
	return msg_nc(NULL, msgid, plural, n);
}
