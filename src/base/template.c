#include "base/template.h"

#include <errno.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

/* Generated at build time from templates/ by tools/embed.c. */
struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t len;
};
extern const struct embedded_file sheaf_templates[];
extern const size_t sheaf_templates_count;

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
			return 0;
		}
		free(path);
	}
	for (size_t i = 0; i < sheaf_templates_count; i++) {
		if (strcmp(sheaf_templates[i].name, name) == 0) {
			*out = xstrndup((const char *)sheaf_templates[i].data, sheaf_templates[i].len);
			*origin = xasprintf("<built-in>/%s", name);
			return 0;
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

struct S_render {
	const char *tmpl;
	const struct tvars *tv;
	const char *origin;
	struct diag_list *dl;
	struct strbuf out;
	int errors;
};

static int S_line_of(const char *tmpl, const char *p)
{
	int line = 1;
	for (; tmpl < p; tmpl++)
		line += *tmpl == '\n';
	return line;
}

/* Finds the {{/name}} closing the section whose body starts at p,
 * counting nested sections of the same name. */
static const char *S_close(const char *p, const char *end, const char *name, size_t len,
			   const char **after)
{
	int depth = 1;
	while (p < end) {
		const char *open = strstr(p, "{{");
		if (!open || open >= end)
			return NULL;
		const char *close = strstr(open, "}}");
		if (!close)
			return NULL;
		char kind = open[2];
		const char *n = open + 3;
		size_t nl = (size_t)(close - n);
		if ((kind == '#' || kind == '^') && nl == len && memcmp(n, name, len) == 0)
			depth++;
		if (kind == '/' && nl == len && memcmp(n, name, len) == 0 && --depth == 0) {
			*after = close + 2;
			return open;
		}
		p = close + 2;
	}
	return NULL;
}

static void S_render(struct S_render *r, const char *p, const char *end, const char *item)
{
	while (p < end) {
		const char *open = strstr(p, "{{");
		if (!open || open >= end) {
			sb_add(&r->out, p, (size_t)(end - p));
			return;
		}
		sb_add(&r->out, p, (size_t)(open - p));
		const char *close = strstr(open + 2, "}}");
		if (!close || close > end) {
			diag_error(r->dl, r->origin, S_line_of(r->tmpl, open), 0, "'{{' is never closed");
			r->errors++;
			return;
		}
		char kind = open[2];
		const char *name = open + 2;
		if (kind == '#' || kind == '^' || kind == '/')
			name++;
		while (*name == ' ')
			name++;
		size_t len = (size_t)(close - name);
		while (len && name[len - 1] == ' ')
			len--;
		p = close + 2;

		if (kind == '/') {
			diag_error(r->dl, r->origin, S_line_of(r->tmpl, open), 0,
				   "'{{/%.*s}}' closes no open section", (int)len, name);
			r->errors++;
			continue;
		}
		if (len == 1 && name[0] == '.' && kind != '#' && kind != '^') {
			if (item)
				sb_add_xml_escaped(&r->out, item);
			continue;
		}
		const struct tvar *var = S_find(r->tv, name, len);
		if (kind != '#' && kind != '^') {
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
			diag_error(r->dl, r->origin, S_line_of(r->tmpl, open), 0,
				   "section '%.*s' is never closed with {{/%.*s}}", (int)len, name, (int)len,
				   name);
			r->errors++;
			return;
		}
		bool empty = !var || (var->value ? var->value[0] == '\0' : var->list.n == 0);
		if (kind == '^') {
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

int template_render(char **out, const char *tmpl, const struct tvars *tv, const char *origin,
		    struct diag_list *dl)
{
	struct S_render r = {tmpl, tv, origin, dl, STRBUF_INIT, 0};
	*out = NULL;
	S_render(&r, tmpl, tmpl + strlen(tmpl), NULL);
	if (r.errors) {
		sb_release(&r.out);
		return -1;
	}
	*out = sb_detach(&r.out);
	return 0;
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
