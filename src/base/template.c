#include "base/template.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <libxml/parser.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/editdist.h"

/* Generated at build time from templates/ by tools/embed.c. */
struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct embedded_file sheaf_templates[];
extern const size_t sheaf_templates_count;

/* The variables each template gets: the one place the filling code
 * (convert/chapter.c, book/book.c, book/cover.c), the check below and
 * README's Templates section (tests/template-vars.py; what each holds is
 * said there) follow. */
static const struct template_var S_chapter_vars[] = {
	{"title", TVAR_VALUE},
	{"language", TVAR_VALUE},
	{"description", TVAR_VALUE},
	{"date_iso", TVAR_VALUE},
	{"date_human", TVAR_VALUE},
	{"updated_iso", TVAR_VALUE},
	{"updated_human", TVAR_VALUE},
	{"updated_word", TVAR_VALUE},
	{"authors", TVAR_LIST},
	{"authors_text", TVAR_VALUE},
	{"tags", TVAR_LIST},
	{"has_tags", TVAR_VALUE},
	{"tags_word", TVAR_VALUE},
	{"categories", TVAR_LIST},
	{"has_categories", TVAR_VALUE},
	{"url", TVAR_VALUE},
	{NULL, TVAR_VALUE},
};

static const struct template_var S_titlepage_vars[] = {
	{"title", TVAR_VALUE},
	{"subtitle", TVAR_VALUE},
	{"language", TVAR_VALUE},
	{"description", TVAR_VALUE},
	{"creators", TVAR_LIST},
	{"creators_text", TVAR_VALUE},
	{"date_range", TVAR_VALUE},
	{"post_count", TVAR_VALUE},
	{"post_count_text", TVAR_VALUE},
	{"colophon_text", TVAR_VALUE},
	{"site_url", TVAR_VALUE},
	{"source_word", TVAR_VALUE},
	{NULL, TVAR_VALUE},
};

static const struct template_var S_cover_vars[] = {
	{"title", TVAR_VALUE},
	{"subtitle", TVAR_VALUE},
	{"language", TVAR_VALUE},
	{"creators_text", TVAR_VALUE},
	{"date_range", TVAR_VALUE},
	{"image", TVAR_VALUE},
	{"alt", TVAR_VALUE},
	{"generated", TVAR_VALUE},
	{NULL, TVAR_VALUE},
};

static const struct template_info S_infos[] = {
	{"chapter.xhtml", true, S_chapter_vars},
	{"titlepage.xhtml", true, S_titlepage_vars},
	{"cover.xhtml", true, S_cover_vars},
	{"style.css", false, NULL},
};
#define S_NINFOS (sizeof S_infos / sizeof S_infos[0])

const struct template_info *template_info(const char *name)
{
	for (size_t i = 0; i < S_NINFOS; i++)
		if (strcmp(S_infos[i].name, name) == 0)
			return &S_infos[i];
	return NULL;
}

static const struct template_var *S_var(const struct template_info *ti, const char *name, size_t len)
{
	for (const struct template_var *v = ti->vars; v && v->name; v++)
		if (strlen(v->name) == len && memcmp(v->name, name, len) == 0)
			return v;
	return NULL;
}

static struct tvar *S_slot(struct tvars *tv, const char *name)
{
	for (size_t i = 0; i < tv->n; i++) {
		if (strcmp(tv->v[i].name, name) == 0) {
			free(tv->v[i].value);
			sv_free(&tv->v[i].list);
			tv->v[i].value = NULL;
			return &tv->v[i];
		}
	}
	if (tv->n == tv->cap) {
		tv->cap = tv->cap ? tv->cap * 2 : 16;
		tv->v = xrealloc(tv->v, tv->cap * sizeof *tv->v);
	}
	struct tvar *t = &tv->v[tv->n++];
	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	return t;
}

void tvars_set(struct tvars *tv, const char *name, const char *value)
{
	S_slot(tv, name)->value = xstrdup(value ? value : "");
}

void tvars_set_list(struct tvars *tv, const char *name, const struct strvec *list)
{
	struct tvar *t = S_slot(tv, name);
	for (size_t i = 0; i < list->n; i++)
		sv_push(&t->list, list->v[i]);
}

void tvars_free(struct tvars *tv)
{
	for (size_t i = 0; i < tv->n; i++) {
		free(tv->v[i].name);
		free(tv->v[i].value);
		sv_free(&tv->v[i].list);
	}
	free(tv->v);
	tv->v = NULL;
	tv->n = tv->cap = 0;
}

const char *const *template_names(void)
{
	static const char *names[16];
	size_t n = sheaf_templates_count < 15 ? sheaf_templates_count : 15;
	for (size_t i = 0; i < n; i++)
		names[i] = sheaf_templates[i].name;
	names[n] = NULL;
	return names;
}

static int S_loaded(char **out, char **origin, const char *name, struct diag_list *dl)
{
	if (template_check(*out, name, *origin, dl) == 0)
		return 0;
	free(*out);
	free(*origin);
	*out = *origin = NULL;
	return -1;
}

int template_load(char **out, char **origin, const char *name, const char *dir,
		  struct diag_list *dl)
{
	*out = NULL;
	*origin = NULL;
	if (dir) {
		char *path = path_join(dir, name);
		if (path_is_file(path)) {
			int rc = read_file(path, out, NULL);
			if (rc < 0) {
				diag_error(dl, path, 0, 0, "cannot read template: %s", strerror(-rc));
				free(path);
				return -1;
			}
			*origin = path;
			return S_loaded(out, origin, name, dl);
		}
		free(path);
	}
	for (size_t i = 0; i < sheaf_templates_count; i++) {
		if (strcmp(sheaf_templates[i].name, name) == 0) {
			*out = xstrndup((const char *)sheaf_templates[i].data, sheaf_templates[i].len);
			*origin = xasprintf("<built-in>/%s", name);
			return S_loaded(out, origin, name, dl);
		}
	}
	diag_error(dl, NULL, 0, 0, "no template named '%s'", name);
	return -1;
}

static const struct tvar *S_find(const struct tvars *tv, const char *name, size_t len)
{
	for (size_t i = 0; i < tv->n; i++)
		if (strlen(tv->v[i].name) == len && memcmp(tv->v[i].name, name, len) == 0)
			return &tv->v[i];
	return NULL;
}

/* One {{…}} tag: the renderer and the check read tags the same way. */
struct S_tag {
	const char *open;  /* its "{{" */
	const char *after; /* past its "}}" */
	char kind;         /* '#', '^', '/', or 0 for a value */
	const char *name;  /* spaces around the name left out */
	size_t len;
};

/* The next tag in [p, end): 1 and *t; 0 when there is none; -1 when a
 * "{{" is never closed (t->open is set). */
static int S_next_tag(const char *p, const char *end, struct S_tag *t)
{
	const char *open = strstr(p, "{{");
	if (!open || open >= end)
		return 0;
	t->open = open;
	const char *close = strstr(open + 2, "}}");
	if (!close || close + 2 > end)
		return -1;
	t->after = close + 2;
	t->kind = strchr("#^/", open[2]) && open[2] ? open[2] : 0;
	const char *name = open + 2 + (t->kind != 0);
	while (*name == ' ')
		name++;
	size_t len = name < close ? (size_t)(close - name) : 0;
	while (len && name[len - 1] == ' ')
		len--;
	t->name = name;
	t->len = len;
	return 1;
}

static bool S_same(const struct S_tag *a, const char *name, size_t len)
{
	return a->len == len && memcmp(a->name, name, len) == 0;
}

/* The line and column (in characters, from 1) of p in text. */
static void S_pos(const char *text, const char *p, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (; text < p; text++) {
		if (*text == '\n')
			++*line, *col = 1;
		else if (((unsigned char)*text & 0xC0) != 0x80)
			++*col;
	}
}

struct S_render {
	const char *tmpl;
	const struct tvars *tv;
	const char *origin;
	struct diag_list *dl;
	struct strbuf out;
	int errors;
};

/* Reports an error in origin at p's line and column of text. */
static void S_error_at(struct diag_list *dl, const char *origin, const char *text, const char *p,
		       const char *fmt, ...) SHEAF_PRINTF(5, 6);
static void S_error_at(struct diag_list *dl, const char *origin, const char *text, const char *p,
		       const char *fmt, ...)
{
	int line, col;
	S_pos(text, p, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_error(dl, origin, line, col, "%s", msg);
	free(msg);
}

/* Finds the {{/name}} closing the section whose body starts at p,
 * counting nested sections of the same name. */
static const char *S_close(const char *p, const char *end, const char *name, size_t len,
			   const char **after)
{
	int depth = 1;
	struct S_tag t;
	while (S_next_tag(p, end, &t) > 0) {
		if ((t.kind == '#' || t.kind == '^') && S_same(&t, name, len))
			depth++;
		if (t.kind == '/' && S_same(&t, name, len) && --depth == 0) {
			*after = t.after;
			return t.open;
		}
		p = t.after;
	}
	return NULL;
}

static void S_render(struct S_render *r, const char *p, const char *end, const char *item)
{
	while (p < end) {
		struct S_tag t;
		int found = S_next_tag(p, end, &t);
		if (found == 0) {
			sb_add(&r->out, p, (size_t)(end - p));
			return;
		}
		sb_add(&r->out, p, (size_t)(t.open - p));
		if (found < 0) {
			S_error_at(r->dl, r->origin, r->tmpl, t.open, "'{{' is never closed with '}}'");
			r->errors++;
			return;
		}
		const char *name = t.name;
		size_t len = t.len;
		p = t.after;

		if (t.kind == '/') {
			S_error_at(r->dl, r->origin, r->tmpl, t.open, "'{{/%.*s}}' closes no open section",
				   (int)len, name);
			r->errors++;
			continue;
		}
		if (len == 1 && name[0] == '.' && !t.kind) {
			if (item)
				sb_add_xml_escaped(&r->out, item);
			continue;
		}
		const struct tvar *var = S_find(r->tv, name, len);
		if (!t.kind) {
			if (var && var->value)
				sb_add_xml_escaped(&r->out, var->value);
			else if (var)
				for (size_t i = 0; i < var->list.n; i++)
					sb_add_xml_escaped(&r->out, var->list.v[i]), sb_adds(&r->out, i + 1 < var->list.n ? ", " : "");
			continue;
		}
		const char *after;
		const char *body_end = S_close(p, end, name, len, &after);
		if (!body_end) {
			S_error_at(r->dl, r->origin, r->tmpl, t.open, "section '%.*s' is never closed with {{/%.*s}}",
				   (int)len, name, (int)len, name);
			r->errors++;
			return;
		}
		bool empty = !var || (var->value ? var->value[0] == '\0' : var->list.n == 0);
		if (t.kind == '^') {
			if (empty)
				S_render(r, p, body_end, item);
		} else if (var && !var->value) {
			for (size_t i = 0; i < var->list.n; i++)
				S_render(r, p, body_end, var->list.v[i]);
		} else if (!empty) {
			S_render(r, p, body_end, var->value);
		}
		p = after;
	}
}

/* The code that fills a template sets only the variables the table gives
 * it: a name set here and missing there is a variable README does not
 * document and the check refuses in a user's template. */
static void S_assert_declared(const struct tvars *tv, const char *origin)
{
	const char *slash = origin ? strrchr(origin, '/') : NULL;
	const struct template_info *ti = origin ? template_info(slash ? slash + 1 : origin) : NULL;
	for (size_t i = 0; ti && ti->filled && i < tv->n; i++)
		assert(S_var(ti, tv->v[i].name, strlen(tv->v[i].name)) && "a variable missing from template.c's table");
}

int template_render(char **out, const char *tmpl, const struct tvars *tv, const char *origin,
		    struct diag_list *dl)
{
	struct S_render r = {tmpl, tv, origin, dl, STRBUF_INIT, 0};
	*out = NULL;
	S_assert_declared(tv, origin);
	S_render(&r, tmpl, tmpl + strlen(tmpl), NULL);
	if (r.errors) {
		sb_release(&r.out);
		return -1;
	}
	*out = sb_detach(&r.out);
	return 0;
}

/* ---- The check at load time ---- */

struct S_open {
	const char *name;
	size_t len;
	const char *at;
};

struct S_check {
	const char *tmpl;
	const char *origin;
	const struct template_info *ti;
	struct diag_list *dl;
	struct strvec reported; /* unknown names already reported */
	int errors;
};

#define S_check_error(c, at, ...) \
	(S_error_at((c)->dl, (c)->origin, (c)->tmpl, at, __VA_ARGS__), (c)->errors++)

/* The closest of names to word within a small distance, or NULL. */
static const char *S_nearest(const char *word, const char *const *names, size_t n, size_t max)
{
	const char *best = NULL;
	size_t best_d = max + 1;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(word, names[i], max);
		if (d < best_d)
			best = names[i], best_d = d;
	}
	return best;
}

static void S_unknown(struct S_check *c, const struct S_tag *t)
{
	char *name = xstrndup(t->name, t->len);
	for (size_t i = 0; i < c->reported.n; i++) {
		if (strcmp(c->reported.v[i], name) == 0) {
			free(name);
			return;
		}
	}
	const char *names[64];
	size_t n = 0;
	struct strbuf all = STRBUF_INIT;
	for (const struct template_var *v = c->ti->vars; v->name && n < 64; v++) {
		names[n++] = v->name;
		sb_addf(&all, "%s%s", all.len ? ", " : "", v->name);
	}
	const char *near = S_nearest(name, names, n, t->len > 4 ? 2 : 1);
	if (!t->len)
		S_check_error(c, t->open, "a tag without a name");
	else if (near)
		S_check_error(c, t->open, "unknown variable '%s'; did you mean '%s'?", name, near);
	else
		S_check_error(c, t->open, "unknown variable '%s'; %s has %s", name, c->ti->name, all.s);
	sb_release(&all);
	sv_push_owned(&c->reported, name);
}

int template_check(const char *tmpl, const char *name, const char *origin, struct diag_list *dl)
{
	const struct template_info *ti = template_info(name);
	if (!ti || !ti->filled)
		return 0;
	struct S_check c = {tmpl, origin, ti, dl, STRVEC_INIT, 0};
	struct S_open *open = NULL;
	size_t depth = 0, cap = 0;
	const char *p = tmpl, *end = tmpl + strlen(tmpl);
	struct S_tag t;
	int found;
	while ((found = S_next_tag(p, end, &t)) > 0) {
		p = t.after;
		if (t.kind == '/') {
			size_t k = depth;
			while (k && !S_same(&t, open[k - 1].name, open[k - 1].len))
				k--;
			if (!depth) {
				S_check_error(&c, t.open, "'{{/%.*s}}' closes no open section", (int)t.len, t.name);
				continue;
			}
			if (k != depth) {
				const struct S_open *top = &open[depth - 1];
				int line, col;
				S_pos(tmpl, top->at, &line, &col);
				S_check_error(&c, t.open, "'{{/%.*s}}' does not match section '%.*s' opened at %d:%d (its end is {{/%.*s}})",
					      (int)t.len, t.name, (int)top->len, top->name, line, col, (int)top->len,
					      top->name);
			}
			/* Closes its own section and those opened inside it, or,
			 * matching none, the innermost (a misspelt end): each
			 * problem is reported once. */
			depth = k ? k - 1 : depth - 1;
			continue;
		}
		if (t.len == 1 && t.name[0] == '.' && !t.kind) {
			if (!depth)
				S_check_error(&c, t.open, "'{{.}}' outside a section: it stands for a section's item");
			continue;
		}
		if (!S_var(ti, t.name, t.len))
			S_unknown(&c, &t);
		if (t.kind) {
			if (depth == cap) {
				cap = cap ? cap * 2 : 8;
				open = xrealloc(open, cap * sizeof *open);
			}
			open[depth++] = (struct S_open){t.name, t.len, t.open};
		}
	}
	if (found < 0)
		S_check_error(&c, t.open, "'{{' is never closed with '}}'");
	for (size_t k = 0; k < depth; k++)
		S_check_error(&c, open[k].at, "section '%.*s' is never closed with {{/%.*s}}", (int)open[k].len,
			      open[k].name, (int)open[k].len, open[k].name);
	free(open);
	sv_free(&c.reported);
	return c.errors ? -1 : 0;
}

int template_check_dir(const char *dir, struct diag_list *dl)
{
	if (!dir)
		return 0;
	struct strvec files = STRVEC_INIT;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			sv_push(&files, e->d_name);
	if (d)
		closedir(d);
	sv_sort(&files);

	const char *names[S_NINFOS];
	struct strbuf all = STRBUF_INIT;
	for (size_t i = 0; i < S_NINFOS; i++) {
		names[i] = S_infos[i].name;
		sb_addf(&all, "%s%s", i ? ", " : "", names[i]);
	}
	int ret = 0;
	for (size_t i = 0; i < files.n; i++) {
		char *path = path_join(dir, files.v[i]);
		if (!path_is_file(path)) {
			free(path);
			continue;
		}
		const struct template_info *ti = template_info(files.v[i]);
		if (!ti) {
			/* Case apart: Chapter.xhtml is chapter.xhtml misspelt. */
			char *folded = xstrdup(files.v[i]);
			for (char *q = folded; *q; q++)
				if (*q >= 'A' && *q <= 'Z')
					*q = (char)(*q - 'A' + 'a');
			const char *near = S_nearest(folded, names, S_NINFOS, 3);
			if (near)
				diag_warning(dl, path, 0, 0, "replaces no template; did you mean %s?", near);
			else
				diag_warning(dl, path, 0, 0, "replaces no template (the templates are %s)", all.s);
			free(folded);
		} else if (ti->filled) {
			char *text, *origin;
			if (template_load(&text, &origin, ti->name, dir, dl) < 0)
				ret = -1;
			else
				free(text), free(origin);
		}
		free(path);
	}
	sb_release(&all);
	sv_free(&files);
	return ret;
}

int template_render_xml(char **out, const char *tmpl, const struct tvars *tv, const char *origin,
			const char *what, struct diag_list *dl)
{
	char *text = NULL;
	*out = NULL;
	if (template_render(&text, tmpl, tv, origin, dl) < 0)
		return -1;
	xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), origin, "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *err = xmlGetLastError();
		diag_error(dl, origin, err ? err->line : 0, 0, "%s is not well-formed XML after filling in: %s",
			   what, err && err->message ? err->message : "parse error");
		free(text);
		return -1;
	}
	xmlFreeDoc(doc);
	*out = text;
	return 0;
}
