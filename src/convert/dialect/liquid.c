/* liquid.c — Jekyll's Liquid: {% raw %}, {% highlight %}, {% comment %},
 * {% post_url %} and {% link %} (references to other pages),
 * {{ site.baseurl }} and {{ site.url }} with the relative_url,
 * absolute_url, prepend and append filters; other tags and values are left
 * out with a warning. kramdown's syntax is its own pass (kramdown.c). */
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "convert/dialect/tags.h"

/* Jekyll's relative_url: the site's baseurl before a site path. */
static char *S_relative_url(const char *baseurl, const char *path)
{
	if (url_has_authority(path) || str_starts_with(path, "//"))
		return xstrdup(path);
	const char *b = baseurl ? baseurl : "";
	size_t bl = strlen(b);
	while (bl && b[bl - 1] == '/')
		bl--;
	return xasprintf("%.*s%s%s", (int)bl, b, path[0] == '/' ? "" : "/", path);
}

/* The value of a Liquid expression sheaf knows, or NULL. */
static char *S_liquid_value(struct ds_state *st, const char *e, size_t el)
{
	char *val = NULL;
	size_t i = 0;
	bool first = true;
	while (i <= el) {
		/* One part between '|' (outside quotes). */
		size_t b = i;
		char q = 0;
		while (i < el && (q || e[i] != '|')) {
			if (q && e[i] == q)
				q = 0;
			else if (!q && (e[i] == '"' || e[i] == '\''))
				q = e[i];
			i++;
		}
		const char *p = e + b;
		size_t pl = i - b;
		ds_trim(&p, &pl);
		i++;
		const char *arg = NULL;
		size_t al = 0;
		if (!first) {
			const char *colon = memchr(p, ':', pl);
			if (colon) {
				arg = colon + 1;
				al = pl - (size_t)(arg - p);
				pl = (size_t)(colon - p);
				ds_trim(&p, &pl);
				ds_trim(&arg, &al);
			}
		}
		const char *v = first ? p : arg;
		size_t vl = first ? pl : al;
		char *lit = NULL;
		if (v && vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0])
			lit = xstrndup(v + 1, vl - 2);
		else if (v && ds_eq(v, vl, "site.baseurl"))
			lit = xstrdup(ds_baseurl(st) ? ds_baseurl(st) : "");
		else if (v && ds_eq(v, vl, "site.url"))
			lit = xstrdup(ds_site_url(st) ? ds_site_url(st) : "");
		char *nv = NULL;
		if (first) {
			nv = lit;
			lit = NULL;
		} else if (ds_eq(p, pl, "relative_url") && !arg) {
			nv = S_relative_url(ds_baseurl(st), val);
		} else if (ds_eq(p, pl, "absolute_url") && !arg) {
			char *rel = S_relative_url(ds_baseurl(st), val);
			const char *u = ds_site_url(st) ? ds_site_url(st) : "";
			size_t ul = strlen(u);
			while (ul && u[ul - 1] == '/')
				ul--;
			nv = strstr(rel, "://") ? xstrdup(rel) : xasprintf("%.*s%s", (int)ul, u, rel);
			free(rel);
		} else if (ds_eq(p, pl, "prepend") && lit) {
			nv = xasprintf("%s%s", lit, val);
		} else if (ds_eq(p, pl, "append") && lit) {
			nv = xasprintf("%s%s", val, lit);
		}
		free(lit);
		free(val);
		val = nv;
		if (!val)
			return NULL;
		first = false;
		if (i > el)
			break;
	}
	return val;
}


static const struct tags_syntax S_liquid = {"Liquid", S_liquid_value, true};

static void S_init(struct ds_state *st, void *self)
{
	(void)st;
	struct tags *t = self;
	t->syn = &S_liquid;
}

static const struct ds_trigger S_triggers[] = {{'{', tags_brace}, {0, NULL}};

const struct dialect dialect_liquid = {
	.name = "liquid",
	.state_size = sizeof(struct tags),
	.title_size = sizeof(struct tags),
	.init = S_init,
	.block = tags_block,
	.line = tags_line,
	.triggers = S_triggers,
	.hold = tags_hold,
	.code = tags_code,
	.run_begin = tags_run_begin,
	.title_begin = tags_title_begin,
};
