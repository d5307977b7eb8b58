/* liquid.c — Jekyll's Liquid: {% raw %}, {% highlight %}, {% comment %},
 * {% post_url %} and {% link %} (references to other pages),
 * {{ site.baseurl }}, {{ site.url }} and the variables the generator knows
 * (`site.x` from _config.yml, `page.x` of the post: its template_value
 * hook), with the relative_url, absolute_url, prepend, append, default and
 * case filters; other tags and values are left out with a warning. kramdown's syntax is its own pass (kramdown.c). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/url.h"
#include "input/site.h"
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

/* A variable (`site.repository`, `page.title`): the generator's value,
 * or NULL when it has none or the name is no plain variable. */
static char *S_variable(struct ds_state *st, const char *v, size_t vl)
{
	const struct dialect_context *ctx = st->ctx;
	if (!ctx || !ctx->refs || !ctx->refs->site || !ctx->refs->site->gen->template_value || !vl)
		return NULL;
	for (size_t i = 0; i < vl; i++)
		if (!isalnum((unsigned char)v[i]) && !strchr("_-.", v[i]))
			return NULL;
	const struct site *site = ctx->refs->site;
	const struct post *p = ctx->post_relpath ? refs_post_by_path(ctx->refs, ctx->post_relpath) : NULL;
	char *name = xstrndup(v, vl);
	char *val = site->gen->template_value(site, p, name);
	free(name);
	return val;
}

/* Liquid's filters of one string that take no argument, or NULL. */
static char *S_plain_filter(const char *f, size_t fl, const char *val)
{
	if (ds_eq(f, fl, "downcase") || ds_eq(f, fl, "upcase") || ds_eq(f, fl, "capitalize")) {
		char *out = xstrdup(val);
		for (char *c = out; *c; c++) {
			bool up = ds_eq(f, fl, "upcase") || (ds_eq(f, fl, "capitalize") && c == out);
			*c = (char)(up ? toupper((unsigned char)*c) : tolower((unsigned char)*c));
		}
		return out;
	}
	if (ds_eq(f, fl, "strip")) {
		const char *b = val;
		size_t n = strlen(val);
		ds_trim(&b, &n);
		return xstrndup(b, n);
	}
	/* The value goes into Markdown, which escapes what HTML needs. */
	if (ds_eq(f, fl, "escape") || ds_eq(f, fl, "xml_escape") || ds_eq(f, fl, "escape_once"))
		return xstrdup(val);
	return NULL;
}

/* Ruby's strftime for the directives dates are written with (a `-` flag
 * drops padding); NULL when fmt has another. */
static char *S_strftime(const struct date *d, const char *fmt, size_t fl)
{
	struct strbuf sb = STRBUF_INIT;
	int off = d->tz_minutes < 0 ? -d->tz_minutes : d->tz_minutes;
	int hour12 = d->hour % 12 ? d->hour % 12 : 12;
	for (size_t i = 0; i < fl; i++) {
		if (fmt[i] != '%' || i + 1 >= fl) {
			sb_addc(&sb, fmt[i]);
			continue;
		}
		bool bare = fmt[i + 1] == '-';
		char c = fmt[i + 1 + bare];
		i += 1 + bare;
		int num = -1, width = 2;
		const char *word = NULL;
		switch (c) {
		case 'Y': num = d->year, width = 4; break;
		case 'y': num = d->year % 100; break;
		case 'm': num = d->month; break;
		case 'd': num = d->day; break;
		case 'e': /* space-padded */
			if (!bare && d->day < 10)
				sb_addc(&sb, ' ');
			num = d->day, bare = true;
			break;
		case 'j': num = date_yearday(d), width = 3; break;
		case 'H': num = d->hour; break;
		case 'I': num = hour12; break;
		case 'l': num = hour12, bare = true; break;
		case 'M': num = d->minute; break;
		case 'S': num = d->second; break;
		case 'B': word = date_month_name(d->month); break;
		case 'A': word = date_weekday_name(date_weekday(d)); break;
		case 'p': word = d->hour < 12 ? "AM" : "PM"; break;
		case 'P': word = d->hour < 12 ? "am" : "pm"; break;
		case '%': word = "%"; break;
		case 'b':
		case 'a':
			sb_add(&sb, c == 'b' ? date_month_name(d->month) : date_weekday_name(date_weekday(d)), 3);
			continue;
		case 'z':
			sb_addf(&sb, "%c%02d%02d", d->tz_minutes < 0 ? '-' : '+', off / 60, off % 60);
			continue;
		default:
			sb_release(&sb);
			return NULL;
		}
		if (word)
			sb_adds(&sb, word);
		else
			sb_addf(&sb, "%0*d", bare ? 1 : width, num);
	}
	return sb_detach(&sb);
}

/* Jekyll's date filters of a value that is a date, or NULL. */
static char *S_date_filter(const char *f, size_t fl, const char *val, const char *arg, size_t al)
{
	static const struct {
		const char *name, *fmt;
	} named[] = {{"date_to_string", "%d %b %Y"},
		     {"date_to_long_string", "%d %B %Y"},
		     {"date_to_xmlschema", "%Y-%m-%dT%H:%M:%S%z"},
		     {"date_to_rfc822", "%a, %d %b %Y %H:%M:%S %z"}};
	const char *fmt = NULL;
	size_t fmtl = 0;
	if (ds_eq(f, fl, "date") && arg && al >= 2 && (arg[0] == '"' || arg[0] == '\'') && arg[al - 1] == arg[0]) {
		fmt = arg + 1;
		fmtl = al - 2;
	}
	for (size_t i = 0; i < sizeof named / sizeof *named && !fmt && !arg; i++)
		if (ds_eq(f, fl, named[i].name))
			fmt = named[i].fmt, fmtl = strlen(fmt);
	struct date d;
	if (!fmt || date_parse(&d, val) < 0)
		return NULL;
	char *out = S_strftime(&d, fmt, fmtl);
	if (out && ds_eq(f, fl, "date_to_xmlschema") && strlen(out) >= 5) {
		/* %:z: the offset with a colon */
		size_t n = strlen(out);
		char *c = xasprintf("%.*s:%s", (int)(n - 2), out, out + n - 2);
		free(out);
		out = c;
	}
	return out;
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
		else if (v)
			lit = S_variable(st, v, vl);
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
		} else if (ds_eq(p, pl, "default") && lit) {
			nv = xstrdup(*val ? val : lit);
		} else if (str_starts_with(p, "date")) {
			nv = S_date_filter(p, pl, val, arg, al);
		} else if (!arg) {
			nv = S_plain_filter(p, pl, val);
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
