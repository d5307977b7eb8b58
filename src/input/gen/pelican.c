/* Pelican: a folder with pelicanconf.py.
 *
 * As Pelican reads a site (pelican/settings.py DEFAULT_CONFIG,
 * readers.py, contents.py, generators.py, utils.py):
 * - Settings are Python: only literal assignments are read
 *   (base/pyliteral), pelicanconf.py's then publishconf.py's over them
 *   (`make publish` builds the live site with it); a setting sheaf reads
 *   that is computed is reported once, naming its file and line, and
 *   Pelican's default is used.
 * - PATH (default: the folder `pelican` runs in; `pelican content`, what
 *   the quickstart's Makefile and tasks run, makes it content/): the
 *   setting when literal, else content/ when present, else the root.
 *   Articles are the files under ARTICLE_PATHS (default: all of PATH)
 *   but not under ARTICLE_EXCLUDES nor PAGE_PATHS (default pages/: pages
 *   are no posts), nor matched by IGNORE_FILES, hidden ones left out;
 *   Markdown (.md .markdown .mkd .mdown), reST (.rst) and HTML (.html
 *   .htm: the head's <title> and <meta> tags, the body's HTML as it is).
 * - Metadata: Markdown's `Key: value` header (Python-Markdown's meta
 *   extension: continuation lines indented by 4 spaces, ends at the first
 *   blank line or other line; keys without case), or a `---` YAML block;
 *   reST's document title and the field list after it. Tags and authors
 *   are split on `;` when the value has one, else on `,`; tags, date,
 *   modified, status, category, author, authors and slug take their first
 *   value only. Before them (the file's metadata wins): DEFAULT_METADATA,
 *   DEFAULT_DATE, then FILENAME_METADATA (matched against the file name
 *   without extension; default: a leading YYYY-MM-DD is the date) and
 *   PATH_METADATA (against the path under PATH), then the folder's name as
 *   the category (USE_FOLDER_AS_CATEGORY), else DEFAULT_CATEGORY (misc).
 * - `Status:` published (default), draft (a draft; so is a future article
 *   with WITH_FUTURE_DATES = False), hidden and skip (left out); another
 *   status is left out, as Pelican skips it. An article without a title or
 *   a date is skipped by Pelican: left out. Of the articles of one slug in
 *   several languages the original is kept (process_translations).
 * - Dates as dateutil reads the forms blogs write (`2015-06-12 10:20`,
 *   `2015/06/12`, `12/06/2015`, `12 June 2015`, `June 12, 2015`), `_` read
 *   as a space, in TIMEZONE when they give no zone.
 * - The slug: `Slug:`, else the file name's, else slugify(title) (or the
 *   file's base name with SLUGIFY_SOURCE = 'basename'), with
 *   SLUG_REGEX_SUBSTITUTIONS and SLUGIFY_PRESERVE_CASE.
 * - The URL: `URL:` metadata, else ARTICLE_URL (ARTICLE_LANG_URL for an
 *   article in another language than DEFAULT_LANG) with {slug}, {lang},
 *   {category} and {author} (slugs), {date:FORMAT} (strftime), {date},
 *   and any metadata field, under SITEURL.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <fnmatch.h>
#include <libxml/HTMLparser.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "base/date.h"
#include "base/pyliteral.h"
#include "base/tz.h"
#include "base/url.h"
#include "convert/dialect.h"
#include "convert/dialect/pelican.h"
#include "input/site.h"

#define S_CONFIG "pelicanconf.py"
#define S_PUBLISHCONF "publishconf.py"
#define S_MAX_GROUPS 10

static const char *const S_exts[] = {".md", ".markdown", ".mkd", ".mdown", ".rst", NULL};
static const char *const S_html_exts[] = {".html", ".htm", NULL};

/* A Python regular expression translated to POSIX: the names of its
 * groups by number (NULL for an unnamed one). */
struct S_regex {
	bool ok;
	regex_t re;
	char *names[S_MAX_GROUPS];
};

struct S_state {
	struct py_module mod;
	char *path; /* PATH, relative to the root ("." for the root) */
	struct strvec article_paths, excludes, ignores; /* ignores: IGNORE_FILES */
	bool future_drafts; /* WITH_FUTURE_DATES = False */
	char *article_url, *article_lang_url, *page_url, *default_lang, *timezone, *default_category;
	size_t npages; /* excludes.v[npages…] are PAGE_PATHS */
	bool folder_category, slug_basename, preserve_case;
	struct S_regex *subs; /* SLUG_REGEX_SUBSTITUTIONS when set: patterns */
	char **repl;          /* and their replacements */
	size_t nsubs;
	struct S_regex fname_re, path_re;
	bool date_fs;             /* DEFAULT_DATE = 'fs' */
	bool translations;        /* ARTICLE_TRANSLATION_ID: 'slug' (the default), not falsy */
	struct date default_date; /* DEFAULT_DATE as a date or tuple */
	struct fm_node *default_meta; /* DEFAULT_METADATA, lower-case keys */
	char *files[2];               /* pelicanconf.py, publishconf.py (NULL when none) */
};

/* The settings file that gave name its value. */
static const char *S_where(const struct S_state *st, const char *name)
{
	const struct py_assign *a = py_module_get(&st->mod, name);
	return a && a->source < 2 && st->files[a->source] ? st->files[a->source] : st->files[0];
}

/* ---- Settings ---- */

/* The setting name when it is a literal, else NULL; a computed one is
 * reported once (configure calls this once per setting). */
static const struct py_value *S_setting(const struct S_state *st, const char *name,
					struct diag_list *dl)
{
	const struct py_assign *a = py_module_get(&st->mod, name);
	if (!a)
		return NULL;
	if (a->value->kind == PY_COMPUTED) {
		/* The expression, its first 80 bytes (whole characters). */
		const char *t = a->value->text;
		size_t n = strlen(t), k = n > 80 ? 80 : n;
		while (k < n && k && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		diag_warning(dl, S_where(st, name), a->line, 1,
			     "%s is computed (`%.*s%s`): sheaf runs no Python, so Pelican's default is used", name,
			     (int)k, t, k < n ? "…" : "");
		return NULL;
	}
	return a->value;
}

static const char *S_str_setting(const struct S_state *st, const char *name,
				 struct diag_list *dl)
{
	const struct py_value *v = S_setting(st, name, dl);
	if (v && v->kind != PY_STR) {
		diag_warning(dl, S_where(st, name), v->line, 1, "%s is not a string: Pelican's default is used", name);
		return NULL;
	}
	return v ? v->text : NULL;
}

static void S_str_list(const struct S_state *st, const char *name, struct diag_list *dl,
		       struct strvec *out, const char *dflt)
{
	const struct py_value *v = S_setting(st, name, dl);
	if (!v || (v->kind != PY_LIST && v->kind != PY_TUPLE)) {
		if (dflt)
			sv_push(out, dflt);
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i]->kind == PY_STR)
			sv_push(out, v->items[i]->text);
		else
			diag_warning(dl, S_where(st, name), v->items[i]->line, 1, "%s: an item is not a string, left out",
				     name);
}

/* A literal as a front-matter tree (what site->config and the dialect
 * pass read); computed members left out. */
static struct fm_node *S_fm(const struct py_value *v)
{
	if (v->kind == PY_COMPUTED)
		return NULL;
	struct fm_node *n = xcalloc(1, sizeof *n);
	n->line = v->line;
	n->col = 1;
	switch (v->kind) {
	case PY_STR:
		n->value = xstrdup(v->text);
		break;
	case PY_NUMBER:
		n->value = xstrdup(v->text);
		n->plain = true;
		break;
	case PY_TRUE:
	case PY_FALSE:
		n->value = xstrdup(v->kind == PY_TRUE ? "true" : "false");
		n->plain = true;
		break;
	case PY_NONE:
		n->value = xstrdup("null");
		n->plain = true;
		break;
	case PY_LIST:
	case PY_TUPLE:
	case PY_DICT:
		n->kind = v->kind == PY_DICT ? FM_MAP : FM_LIST;
		n->items = xcalloc(v->n + 1, sizeof *n->items);
		if (v->kind == PY_DICT)
			n->keys = xcalloc(v->n + 1, sizeof *n->keys);
		for (size_t i = 0; i < v->n; i++) {
			struct fm_node *item = S_fm(v->items[i]);
			if (!item)
				continue;
			if (v->kind == PY_DICT)
				n->keys[n->n] = xstrdup(v->keys[i]);
			n->items[n->n++] = item;
		}
		break;
	case PY_COMPUTED:
		break;
	}
	return n;
}

static struct fm_node *S_config_tree(const struct py_module *m)
{
	struct fm_node *root = xcalloc(1, sizeof *root);
	root->kind = FM_MAP;
	root->line = root->col = 1;
	root->items = xcalloc(m->n + 1, sizeof *root->items);
	root->keys = xcalloc(m->n + 1, sizeof *root->keys);
	for (size_t i = 0; i < m->n; i++) {
		struct fm_node *item = S_fm(m->v[i].value);
		if (!item)
			continue;
		root->keys[root->n] = xstrdup(m->v[i].name);
		root->items[root->n++] = item;
	}
	return root;
}

/* Python's re syntax as POSIX extended: named groups recorded, \d \w \s
 * and their negations as classes, lazy quantifiers as greedy ones (the
 * anchored matches FILENAME_METADATA makes rarely tell them apart), \A
 * and \Z as anchors; re.match anchors at the start. False for what has no
 * POSIX form (look-arounds, back references). */
static bool S_regex_compile(struct S_regex *r, const char *py, bool anchored, int cflags)
{
	memset(r, 0, sizeof *r);
	struct strbuf sb = STRBUF_INIT;
	if (anchored)
		sb_addc(&sb, '^');
	int group = 0;
	bool in_class = false, ok = true, class_dash = false;
	for (const char *c = py; *c && ok; c++) {
		if (in_class) {
			if (*c == '\\' && c[1]) {
				c++;
				if (*c == 'd')
					sb_adds(&sb, "0-9");
				else if (*c == 'w')
					sb_adds(&sb, "[:alnum:]_");
				else if (*c == 's')
					sb_adds(&sb, "[:space:]");
				else if (*c == '-')
					class_dash = true;
				else if (strchr("DWS", *c))
					ok = false;
				else
					sb_addc(&sb, *c);
			} else if (*c == ']') {
				if (class_dash)
					sb_addc(&sb, '-');
				sb_addc(&sb, ']');
				in_class = false;
			} else {
				sb_addc(&sb, *c);
			}
			continue;
		}
		switch (*c) {
		case '[':
			in_class = true;
			class_dash = false;
			sb_addc(&sb, '[');
			if (c[1] == '^')
				sb_addc(&sb, *++c);
			if (c[1] == ']')
				sb_addc(&sb, *++c);
			break;
		case '(':
			if (c[1] == '?' && c[2] && strchr("aiLmsux", c[2])) {
				/* Inline flags, (?u): Python 3's strings are Unicode
				 * already; the others have no POSIX form. */
				const char *e = c + 2;
				while (*e && strchr("aiLmsux", *e))
					e++;
				if (*e != ')' || strspn(c + 2, "u") != (size_t)(e - c - 2)) {
					ok = false;
					break;
				}
				c = e;
				continue;
			}
			if (c[1] == '?') {
				if (c[2] == 'P' && c[3] == '<') {
					const char *e = strchr(c + 4, '>');
					if (!e) {
						ok = false;
						break;
					}
					if (group < S_MAX_GROUPS - 1) {
						r->names[group + 1] = xstrndup(c + 4, (size_t)(e - c - 4));
						for (char *k = r->names[group + 1]; *k; k++)
							*k = (char)tolower((unsigned char)*k);
					}
					c = e;
				} else if (c[2] == ':') {
					c += 2;
				} else {
					ok = false;
					break;
				}
			}
			group++;
			sb_addc(&sb, '(');
			break;
		case '\\':
			c++;
			switch (*c) {
			case 'd': sb_adds(&sb, "[0-9]"); break;
			case 'D': sb_adds(&sb, "[^0-9]"); break;
			case 'w': sb_adds(&sb, "[[:alnum:]_]"); break;
			case 'W': sb_adds(&sb, "[^[:alnum:]_]"); break;
			case 's': sb_adds(&sb, "[[:space:]]"); break;
			case 'S': sb_adds(&sb, "[^[:space:]]"); break;
			case 'A': sb_addc(&sb, '^'); break;
			case 'Z': sb_addc(&sb, '$'); break;
			case '\0': ok = false; c--; break;
			default:
				if (isdigit((unsigned char)*c) || *c == 'b' || *c == 'B')
					ok = false;
				else {
					sb_addc(&sb, '\\');
					sb_addc(&sb, *c);
				}
			}
			break;
		case '*':
		case '+':
		case '?':
		case '}':
			sb_addc(&sb, *c);
			if (c[1] == '?')
				c++; /* lazy */
			break;
		default:
			sb_addc(&sb, *c);
		}
	}
	if (ok && !in_class && group < S_MAX_GROUPS && regcomp(&r->re, sb.s, REG_EXTENDED | cflags) == 0)
		r->ok = true;
	sb_release(&sb);
	if (!r->ok)
		for (int i = 0; i < S_MAX_GROUPS; i++) {
			free(r->names[i]);
			r->names[i] = NULL;
		}
	return r->ok;
}

static void S_regex_free(struct S_regex *r)
{
	if (r->ok)
		regfree(&r->re);
	for (int i = 0; i < S_MAX_GROUPS; i++)
		free(r->names[i]);
}

static void S_regex_setting(struct S_regex *r, const struct S_state *st, const char *name, const char *dflt, struct diag_list *dl)
{
	const char *py = S_str_setting(st, name, dl);
	if (!py)
		py = dflt;
	if (!*py) {
		memset(r, 0, sizeof *r);
		return;
	}
	if (!S_regex_compile(r, py, true, 0)) {
		const struct py_assign *a = py_module_get(&st->mod, name);
		diag_warning(dl, S_where(st, name), a ? a->line : 0, 1,
			     "%s: the regular expression '%s' has no POSIX form sheaf can match: not applied", name,
			     py);
	}
}

static void S_free_state(void *p)
{
	struct S_state *st = p;
	if (!st)
		return;
	py_module_free(&st->mod);
	free(st->path);
	sv_free(&st->article_paths);
	sv_free(&st->excludes);
	sv_free(&st->ignores);
	free(st->article_url);
	free(st->article_lang_url);
	free(st->page_url);
	free(st->default_lang);
	free(st->timezone);
	free(st->default_category);
	for (size_t i = 0; i < st->nsubs; i++) {
		S_regex_free(&st->subs[i]);
		free(st->repl[i]);
	}
	free(st->subs);
	free(st->repl);
	S_regex_free(&st->fname_re);
	S_regex_free(&st->path_re);
	fm_node_free(st->default_meta);
	free(st->files[0]);
	free(st->files[1]);
	free(st);
}

/* SLUG_REGEX_SUBSTITUTIONS: a list of (pattern, replacement) pairs
 * applied as re.sub with IGNORECASE. Left at Pelican's default (what
 * pelican_slugify does) when unset, or when a pattern has no POSIX form
 * (reported). */
static void S_subs(struct S_state *st, struct diag_list *dl)
{
	const struct py_value *v = S_setting(st, "SLUG_REGEX_SUBSTITUTIONS", dl);
	if (!v)
		return;
	bool ok = v->kind == PY_LIST || v->kind == PY_TUPLE;
	st->subs = xcalloc(v->n + 1, sizeof *st->subs);
	st->repl = xcalloc(v->n + 1, sizeof *st->repl);
	for (size_t i = 0; ok && i < v->n; i++) {
		const struct py_value *pair = v->items[i];
		ok = (pair->kind == PY_TUPLE || pair->kind == PY_LIST) && pair->n == 2 &&
		     pair->items[0]->kind == PY_STR && pair->items[1]->kind == PY_STR &&
		     S_regex_compile(&st->subs[i], pair->items[0]->text, false, REG_ICASE);
		if (ok) {
			st->repl[i] = xstrdup(pair->items[1]->text);
			st->nsubs++;
		}
	}
	if (!ok) {
		diag_warning(dl, S_where(st, "SLUG_REGEX_SUBSTITUTIONS"), v->line, 1,
			     "SLUG_REGEX_SUBSTITUTIONS: a pattern sheaf cannot match (not a (pattern, "
			     "replacement) pair of strings, or no POSIX form): Pelican's default rules are used");
		for (size_t i = 0; i < st->nsubs; i++) {
			S_regex_free(&st->subs[i]);
			free(st->repl[i]);
		}
		free(st->subs);
		free(st->repl);
		st->subs = NULL;
		st->repl = NULL;
		st->nsubs = 0;
	}
}

/* re.sub(pattern, repl, s) for every match, left to right (an empty one
 * moves on a character); \1…\9 in repl are the groups. Malloc'd. */
static char *S_sub(const struct S_regex *r, const char *repl, const char *s)
{
	struct strbuf out = STRBUF_INIT;
	sb_adds(&out, "");
	size_t pos = 0, n = strlen(s);
	while (pos <= n) {
		regmatch_t m[S_MAX_GROUPS];
		if (regexec(&r->re, s + pos, S_MAX_GROUPS, m, pos ? REG_NOTBOL : 0) != 0) {
			sb_adds(&out, s + pos);
			break;
		}
		sb_add(&out, s + pos, (size_t)m[0].rm_so);
		for (const char *c = repl; *c; c++) {
			if (c[0] == '\\' && c[1] >= '1' && c[1] <= '9') {
				int g = c[1] - '0';
				if (m[g].rm_so >= 0)
					sb_add(&out, s + pos + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so));
				c++;
			} else {
				sb_addc(&out, *c);
			}
		}
		if (m[0].rm_eo == m[0].rm_so) {
			if (pos + (size_t)m[0].rm_eo < n)
				sb_addc(&out, s[pos + (size_t)m[0].rm_eo]);
			pos += (size_t)m[0].rm_eo + 1;
		} else {
			pos += (size_t)m[0].rm_eo;
		}
	}
	return sb_detach(&out);
}

/* Pelican's slugify with the site's settings. */
static char *S_slugify(const struct S_state *st, const char *s)
{
	if (!st->nsubs)
		return pelican_slugify(s, st->preserve_case);
	char *cur = pelican_ascii(s);
	for (size_t i = 0; i < st->nsubs; i++) {
		char *next = S_sub(&st->subs[i], st->repl[i], cur);
		free(cur);
		cur = next;
	}
	for (char *c = cur; !st->preserve_case && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	char *b = cur, *e = cur + strlen(cur);
	while (b < e && isspace((unsigned char)*b))
		b++;
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	char *out = xstrndup(b, (size_t)(e - b));
	free(cur);
	return out;
}

static bool S_detect(const char *root)
{
	char *cfg = path_join(root, S_CONFIG);
	bool found = path_is_file(cfg);
	free(cfg);
	return found;
}

static bool S_parse_date(struct date *d, const char *s);

/* A site-relative folder from a setting: normalized, "." for the root;
 * NULL when it leads out of the site or is absolute. */
static char *S_rel_dir(const char *base, const char *p)
{
	if (p[0] == '/')
		return NULL;
	char *j = strcmp(base, ".") == 0 ? xstrdup(*p ? p : ".") : path_join(base, p);
	char *n = path_normalize(j);
	free(j);
	if (str_starts_with(n, "..")) {
		free(n);
		return NULL;
	}
	return n;
}

static void S_markdown_extensions(struct fm_node *config);

static int S_configure(struct site *site, struct diag_list *dl)
{
	site->config_file = xstrdup(S_CONFIG);
	char *text = NULL;
	size_t len = 0;
	if (site_read_text(&text, &len, site, S_CONFIG, dl) < 0)
		return -1;
	struct S_state *st = xcalloc(1, sizeof *st);
	site->state = st;
	py_read_module(&st->mod, text, len);
	free(text);
	st->files[0] = path_join(site->root, S_CONFIG);
	/* publishconf.py (`from pelicanconf import *`, then SITEURL and the
	 * like): what the live site is built with (`make publish`); one that
	 * cannot be read is left out, as it always was. */
	struct diag_list quiet = DIAG_LIST_INIT;
	if (site_read_text(&text, &len, site, S_PUBLISHCONF, &quiet) == 0) {
		py_read_more(&st->mod, text, len);
		free(text);
		st->files[1] = path_join(site->root, S_PUBLISHCONF);
	}
	diag_list_free(&quiet);
	site->config = S_config_tree(&st->mod);
	S_markdown_extensions(site->config);

	site->title = str_dup_nonempty(S_str_setting(st, "SITENAME", dl));
	site->author = str_dup_nonempty(S_str_setting(st, "AUTHOR", dl));
	site->description = str_dup_nonempty(S_str_setting(st, "SITESUBTITLE", dl));
	const char *lang = S_str_setting(st, "DEFAULT_LANG", dl);
	st->default_lang = xstrdup(lang && *lang ? lang : "en");
	site->language = xstrdup(st->default_lang);
	const char *url = S_str_setting(st, "SITEURL", dl);
	if (url && url_is_http(url)) {
		size_t n = strlen(url);
		while (n && url[n - 1] == '/')
			n--;
		site->url = xstrndup(url, n);
		const char *up = url_path(site->url);
		if (up && *up && strcmp(up, "/") != 0)
			site->baseurl = xstrdup(up);
	}

	/* PATH: the setting, else content/ (what `pelican content` reads). */
	const char *path = S_str_setting(st, "PATH", dl);
	const struct py_assign *pa = py_module_get(&st->mod, "PATH");
	char *pdir = path && *path ? site_config_path(site->root, ".", path, S_where(st, "PATH"), pa ? pa->line : 0, 1,
						      "PATH", "content/ is read", dl)
		     : path ? xstrdup(".")
			    : NULL;
	if (!pdir) {
		char *content = path_join(site->root, "content");
		pdir = xstrdup(path_is_dir(content) ? "content" : ".");
		free(content);
	}
	st->path = pdir;
	site->content_dir = xstrdup(pdir);
	site->posts_dir = xstrdup(pdir);
	/* STATIC_PATHS are copied to the output as they lie under PATH:
	 * content/images/x.png is /images/x.png. */
	site->static_dir = xstrdup(pdir);

	const char *au;
	const struct py_value *v;
	S_str_list(st, "ARTICLE_PATHS", dl, &st->article_paths, "");
	/* Each folder stays inside the site, else it is not read. */
	const struct py_assign *ap = py_module_get(&st->mod, "ARTICLE_PATHS");
	for (size_t i = 0; i < st->article_paths.n;) {
		const char *named = st->article_paths.v[i];
		char *in = *named ? site_config_path(site->root, st->path, named, S_where(st, "ARTICLE_PATHS"),
						     ap ? ap->line : 0, 1, "ARTICLE_PATHS", "ignored", dl)
				  : xstrdup(".");
		if (in) {
			i++;
		} else {
			free(st->article_paths.v[i]);
			memmove(st->article_paths.v + i, st->article_paths.v + i + 1,
				(--st->article_paths.n - i) * sizeof *st->article_paths.v);
		}
		free(in);
	}
	S_str_list(st, "ARTICLE_EXCLUDES", dl, &st->excludes, NULL);
	S_str_list(st, "IGNORE_FILES", dl, &st->ignores, NULL);
	v = S_setting(st, "WITH_FUTURE_DATES", dl);
	st->future_drafts = v && py_truth(v) == 0;
	st->npages = st->excludes.n;
	S_str_list(st, "PAGE_PATHS", dl, &st->excludes, "pages");
	au = S_str_setting(st, "PAGE_URL", dl);
	st->page_url = xstrdup(au ? au : "pages/{slug}.html");

	au = S_str_setting(st, "ARTICLE_URL", dl);
	st->article_url = xstrdup(au ? au : "{slug}.html");
	au = S_str_setting(st, "ARTICLE_LANG_URL", dl);
	st->article_lang_url = xstrdup(au ? au : "{slug}-{lang}.html");
	const char *tz = S_str_setting(st, "TIMEZONE", dl);
	st->timezone = tz && *tz ? xstrdup(tz) : NULL;
	const char *dc = S_str_setting(st, "DEFAULT_CATEGORY", dl);
	st->default_category = xstrdup(dc ? dc : "misc");
	v = S_setting(st, "USE_FOLDER_AS_CATEGORY", dl);
	st->folder_category = !v || py_truth(v) != 0;
	const char *ss = S_str_setting(st, "SLUGIFY_SOURCE", dl);
	st->slug_basename = ss && strcmp(ss, "basename") == 0;
	v = S_setting(st, "SLUGIFY_PRESERVE_CASE", dl);
	st->preserve_case = v && py_truth(v) == 1;
	S_subs(st, dl);
	/* Read by the dialect pass from site->config: reported here, once. */
	static const char *const page_urls[] = {"TAG_URL", "CATEGORY_URL", "AUTHOR_URL", "INDEX_SAVE_AS",
						"STATIC_PATHS", NULL};
	for (const char *const *k = page_urls; *k; k++)
		S_setting(st, *k, dl);
	S_regex_setting(&st->fname_re, st, "FILENAME_METADATA", "(?P<date>\\d{4}-\\d{2}-\\d{2}).*", dl);
	S_regex_setting(&st->path_re, st, "PATH_METADATA", "", dl);

	v = S_setting(st, "ARTICLE_TRANSLATION_ID", dl);
	st->translations = !v || (v->kind == PY_STR && strcmp(v->text, "slug") == 0);
	if (v && py_truth(v) && !st->translations)
		diag_warning(dl, S_where(st, "ARTICLE_TRANSLATION_ID"), v->line, 1,
			     "ARTICLE_TRANSLATION_ID other than 'slug' is not followed: no article is taken as "
			     "another's translation");
	v = S_setting(st, "DEFAULT_DATE", dl);
	if (v && v->kind == PY_STR && strcmp(v->text, "fs") == 0) {
		st->date_fs = true;
	} else if (v && v->kind == PY_STR) {
		if (!S_parse_date(&st->default_date, v->text))
			diag_warning(dl, S_where(st, "DEFAULT_DATE"), v->line, 1, "DEFAULT_DATE is not a date: '%s'", v->text);
	} else if (v && v->kind == PY_TUPLE && v->n >= 3) {
		int f[6] = {0};
		for (size_t i = 0; i < v->n && i < 6; i++)
			f[i] = v->items[i]->kind == PY_NUMBER ? atoi(v->items[i]->text) : 0;
		char *s = xasprintf("%04d-%02d-%02d %02d:%02d:%02d", f[0], f[1], f[2], f[3], f[4], f[5]);
		date_parse(&st->default_date, s);
		free(s);
	}
	v = S_setting(st, "DEFAULT_METADATA", dl);
	if (v && v->kind == PY_DICT) {
		st->default_meta = S_fm(v);
		for (size_t i = 0; i < st->default_meta->n; i++)
			for (char *k = st->default_meta->keys[i]; *k; k++)
				*k = (char)tolower((unsigned char)*k);
	}
	return 0;
}

/* ---- Posts ---- */

static int S_list_posts(const struct site *site, struct strvec *files, struct diag_list *dl)
{
	const struct S_state *st = site->state;
	for (size_t a = 0; a < st->article_paths.n; a++) {
		char *dir = S_rel_dir(st->path, st->article_paths.v[a]);
		if (!dir)
			continue;
		struct strvec all = STRVEC_INIT;
		site_walk_report(site->root, dir, S_exts, &all, dl); /* a folder it cannot read is said once */
		site_walk(site->root, dir, S_html_exts, &all);
		for (size_t i = 0; i < all.n; i++) {
			const char *in = strcmp(st->path, ".") == 0 ? all.v[i] : path_under(all.v[i], st->path);
			bool excluded = false;
			for (size_t e = 0; in && !excluded && e < st->excludes.n; e++) {
				const char *ex = st->excludes.v[e];
				size_t el = strlen(ex);
				while (el && ex[el - 1] == '/')
					el--;
				excluded = el && strncmp(in, ex, el) == 0 && in[el] == '/';
			}
			/* IGNORE_FILES: fnmatch against each folder's and the file's name. */
			for (const char *c = in; in && !excluded && c; c = strchr(c, '/')) {
				if (*c == '/')
					c++;
				char *part = xstrndup(c, strcspn(c, "/"));
				for (size_t g = 0; g < st->ignores.n && !excluded; g++)
					excluded = fnmatch(st->ignores.v[g], part, 0) == 0;
				free(part);
			}
			bool dup = false;
			for (size_t k = 0; k < files->n && !dup; k++)
				dup = strcmp(files->v[k], all.v[i]) == 0;
			if (in && !excluded && !dup)
				sv_push(files, all.v[i]);
		}
		sv_free(&all);
		free(dir);
	}
	return 0;
}

/* ---- Metadata: Markdown's header, reST's docinfo ---- */

static struct fm_node *S_scalar(const char *s, size_t n, int line)
{
	struct fm_node *v = xcalloc(1, sizeof *v);
	v->value = xstrndup(s, n);
	v->line = line;
	v->col = 1;
	return v;
}

static void S_map_put(struct fm_node *map, const char *key, struct fm_node *v)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0) {
			fm_node_free(map->items[i]);
			map->items[i] = v;
			return;
		}
	fm_node_push(map, xstrdup(key), v);
}

/* The Python-Markdown extensions MARKDOWN turns on (Pelican's default
 * when it is not set or computed: codehilite, extra, meta), listed as an
 * MkDocs site lists its markdown_extensions, which the passes shared with
 * MkDocs read (pymdownx: abbr, which extra brings, and any pymdownx
 * extension the site names; mkdocs: admonition, and extra's attr_list and
 * md_in_html). */
static void S_markdown_extensions(struct fm_node *config)
{
	struct strvec names = STRVEC_INIT;
	const struct fm_node *md = fm_get(config, "MARKDOWN");
	if (!md) {
		sv_push(&names, "markdown.extensions.codehilite");
		sv_push(&names, "markdown.extensions.extra");
		sv_push(&names, "markdown.extensions.meta");
	}
	const struct fm_node *ec = fm_get(md, "extension_configs");
	for (size_t i = 0; ec && ec->kind == FM_MAP && i < ec->n; i++)
		sv_push(&names, ec->keys[i]);
	const struct fm_node *ex = fm_get(md, "extensions");
	for (size_t i = 0; ex && ex->kind == FM_LIST && i < ex->n; i++)
		if (fm_str(ex->items[i]))
			sv_push(&names, fm_str(ex->items[i]));
	struct fm_node *list = xcalloc(1, sizeof *list);
	list->kind = FM_LIST;
	list->line = list->col = 1;
	for (size_t i = 0; i < names.n; i++) {
		/* `module:Class` names the same extension. */
		const char *n = names.v[i];
		size_t len = strcspn(n, ":");
		const char *add[2] = {NULL, NULL};
		char *name = xstrndup(n, len);
		add[0] = name;
		if (strcmp(name, "extra") == 0 || strcmp(name, "markdown.extensions.extra") == 0)
			add[1] = "abbr";
		for (int k = 0; k < 2 && add[k]; k++) {
			fm_node_push(list, NULL, S_scalar(add[k], strlen(add[k]), 1));
		}
		free(name);
	}
	sv_free(&names);
	S_map_put(config, "markdown_extensions", list);
}

/* Pelican's ensure_metadata_list: split on `;` when there is one, else
 * on `,`; items stripped, empty and repeated ones left out. */
static struct fm_node *S_list(const char *s, int line)
{
	struct fm_node *l = xcalloc(1, sizeof *l);
	l->kind = FM_LIST;
	l->line = line;
	l->col = 1;
	char sep = strchr(s, ';') ? ';' : ',';
	for (const char *c = s; *c;) {
		size_t n = strcspn(c, sep == ';' ? ";" : ",");
		const char *b = c, *e = c + n;
		while (b < e && isspace((unsigned char)*b))
			b++;
		while (e > b && isspace((unsigned char)e[-1]))
			e--;
		bool dup = false;
		for (size_t i = 0; i < l->n && !dup; i++)
			dup = strlen(l->items[i]->value) == (size_t)(e - b) && !memcmp(l->items[i]->value, b, (size_t)(e - b));
		if (e > b && !dup) {
			fm_node_push(l, NULL, S_scalar(b, (size_t)(e - b), line));
		}
		c += n;
		if (*c)
			c++;
	}
	return l;
}

/* The keys Pelican takes the first value of (DUPLICATES_DEFINITIONS_ALLOWED). */
static bool S_single(const char *key)
{
	static const char *const keys[] = {"tags", "date", "modified", "status", "category", "author",
					   "save_as", "url", "authors", "slug", NULL};
	for (const char *const *k = keys; *k; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

/* One metadata field into map: its values (a key's lines) as Pelican's
 * reader makes them. */
static void S_field(struct fm_node *map, const char *key, const struct strvec *vals, int line,
		    const char *path, struct diag_list *dl)
{
	if (!vals->n)
		return;
	if (vals->n > 1 && S_single(key))
		diag_warning(dl, path, line, 1, "'%s' is given %zu values: Pelican uses the first", key, vals->n);
	struct fm_node *v;
	if (strcmp(key, "tags") == 0 || strcmp(key, "authors") == 0) {
		v = S_list(vals->v[0], line);
	} else if (vals->n == 1 || S_single(key)) {
		v = S_scalar(vals->v[0], strlen(vals->v[0]), line);
	} else {
		/* The summary (a formatted field) and the title are one text;
		 * another key of several lines is a list. */
		bool text = strcmp(key, "summary") == 0 || strcmp(key, "title") == 0;
		struct strbuf sb = STRBUF_INIT;
		v = xcalloc(1, sizeof *v);
		v->line = line;
		v->col = 1;
		if (!text)
			v->kind = FM_LIST;
		for (size_t i = 0; i < vals->n; i++) {
			if (text) {
				if (i)
					sb_addc(&sb, strcmp(key, "title") == 0 ? ' ' : '\n');
				sb_adds(&sb, vals->v[i]);
			} else {
				fm_node_push(v, NULL, S_scalar(vals->v[i], strlen(vals->v[i]), line));
			}
		}
		if (text)
			v->value = sb_detach(&sb);
	}
	S_map_put(map, key, v);
}

struct S_lines {
	const char *t;
	size_t n, i; /* the next line starts at t[i] */
	int line;    /* the number of the last line read (the one before t[i]) */
};

/* The next line (without its newline, CR dropped) in *l, *ll; false at
 * the end. */
static bool S_next_line(struct S_lines *r, const char **l, size_t *ll)
{
	if (r->i >= r->n)
		return false;
	const char *s = r->t + r->i;
	const char *nl = memchr(s, '\n', r->n - r->i);
	size_t len = nl ? (size_t)(nl - s) : r->n - r->i;
	r->i += len + (nl ? 1 : 0);
	r->line++;
	*l = s;
	*ll = len && s[len - 1] == '\r' ? len - 1 : len;
	return true;
}

static bool S_blank(const char *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)l[i]))
			return false;
	return true;
}

static char *S_strip(const char *l, size_t n)
{
	while (n && isspace((unsigned char)*l))
		l++, n--;
	while (n && isspace((unsigned char)l[n - 1]))
		n--;
	return xstrndup(l, n);
}

/* `---` (and `...` to end): Python-Markdown's BEGIN_RE and END_RE. */
static bool S_dashes(const char *l, size_t n, bool end)
{
	if (n >= 3 && (memcmp(l, "---", 3) == 0 || (end && memcmp(l, "...", 3) == 0)))
		return n == 3 || isspace((unsigned char)l[3]);
	return false;
}

/* Python-Markdown's meta extension: `Key: value` lines (at most 3 spaces
 * before the key, a word of letters, digits, `_` and `-`), continuation
 * lines indented 4 spaces or more; the header ends at a blank line (or
 * `---`/`...`), which it takes, or at any other line, which it leaves. */
static struct fm_node *S_md_meta(struct S_lines *r, const char *path, struct diag_list *dl)
{
	struct fm_node *map = xcalloc(1, sizeof *map);
	map->kind = FM_MAP;
	map->line = r->line + 1;
	map->col = 1;
	char *key = NULL;
	int key_line = 0;
	struct strvec vals = STRVEC_INIT;
	const char *l;
	size_t ll;
	struct S_lines save = *r;
	bool first = true;
	while (S_next_line(r, &l, &ll)) {
		if (first && S_dashes(l, ll, false)) {
			first = false;
			save = *r;
			continue;
		}
		first = false;
		if (S_blank(l, ll) || S_dashes(l, ll, true))
			break;
		size_t k = 0;
		while (k < ll && k < 4 && l[k] == ' ')
			k++;
		size_t kb = k;
		while (k < ll && (isalnum((unsigned char)l[k]) || l[k] == '_' || l[k] == '-'))
			k++;
		if (kb < 4 && k > kb && k < ll && l[k] == ':') {
			if (key) {
				S_field(map, key, &vals, key_line, path, dl);
				free(key);
				sv_free(&vals);
			}
			key = xstrndup(l + kb, k - kb);
			for (char *c = key; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			key_line = r->line;
			sv_push_owned(&vals, S_strip(l + k + 1, ll - k - 1));
		} else if (key && kb >= 4) {
			sv_push_owned(&vals, S_strip(l, ll));
		} else {
			*r = save; /* not metadata: the line is the body's */
			break;
		}
		save = *r;
	}
	if (key) {
		S_field(map, key, &vals, key_line, path, dl);
		free(key);
		sv_free(&vals);
	}
	if (!map->n) {
		fm_node_free(map);
		return NULL;
	}
	return map;
}

/* A reST section adornment: a line of one punctuation character repeated. */
static char S_adornment(const char *l, size_t n)
{
	while (n && isspace((unsigned char)l[n - 1]))
		n--;
	if (n < 2 || !ispunct((unsigned char)l[0]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (l[i] != l[0])
			return 0;
	return l[0];
}

/* Whether the lines from r on hold a section title of the adornment ch
 * (over: with an overline too): the first is then one of several
 * sections, not the document's title (docutils' DocTitle promotes a lone
 * top-level section only). */
static bool S_rst_another(struct S_lines r, char ch, bool over)
{
	const char *a = NULL, *b = NULL, *l;
	size_t an = 0, bn = 0, ll;
	while (S_next_line(&r, &l, &ll)) {
		/* b is a title when l underlines it; a then overlines it or not. */
		if (b && S_adornment(l, ll) == ch && !S_blank(b, bn) && !S_adornment(b, bn) &&
		    (a && S_adornment(a, an) == ch) == over)
			return true;
		a = b;
		an = bn;
		b = l;
		bn = ll;
	}
	return false;
}

/* reST: the document title (a section title alone at the top, with its
 * underline and optional overline) and the field list after it. */
static struct fm_node *S_rst_meta(struct S_lines *r, const char *path, struct diag_list *dl)
{
	struct fm_node *map = xcalloc(1, sizeof *map);
	map->kind = FM_MAP;
	map->line = 1;
	map->col = 1;
	const char *l;
	size_t ll;
	/* Blank lines and comments (`.. text`, with its indented lines) may
	 * come before the title: docutils passes over them. */
	struct S_lines save = *r;
	bool comment = false;
	while (S_next_line(r, &l, &ll)) {
		bool directive = false; /* `.. name::` */
		for (size_t k = 0; k + 1 < ll && !directive; k++)
			directive = l[k] == ':' && l[k + 1] == ':';
		if (S_blank(l, ll) || (comment && isspace((unsigned char)l[0]))) {
			save = *r;
			continue;
		}
		comment = ll >= 2 && l[0] == '.' && l[1] == '.' && (ll == 2 || l[2] == ' ') &&
			  !directive && !(ll > 3 && (l[3] == '_' || l[3] == '|' || l[3] == '['));
		if (!comment)
			break;
		save = *r;
	}
	*r = save;
	const char *l1, *l2, *l3;
	size_t n1, n2, n3;
	struct S_lines t = *r;
	if (S_next_line(&t, &l1, &n1) && S_next_line(&t, &l2, &n2)) {
		char o = S_adornment(l1, n1);
		struct S_lines t3 = t;
		bool over = o && !S_blank(l2, n2) && S_next_line(&t3, &l3, &n3) && S_adornment(l3, n3) == o;
		const char *title = over ? l2 : l1;
		size_t tl = over ? n2 : n1;
		char u = over ? o : S_adornment(l2, n2);
		if (over)
			t = t3;
		if (u && !S_blank(title, tl) && !S_adornment(title, tl) && !S_rst_another(t, u, over)) {
			char *v = S_strip(title, tl);
			S_map_put(map, "title", S_scalar(v, strlen(v), r->line + (over ? 2 : 1)));
			free(v);
			*r = t;
		}
	}
	/* Blank lines, then the field list. */
	save = *r;
	while (S_next_line(r, &l, &ll) && S_blank(l, ll))
		save = *r;
	*r = save;
	char *key = NULL;
	int key_line = 0;
	struct strvec vals = STRVEC_INIT;
	struct strbuf cont = STRBUF_INIT;
	while (S_next_line(r, &l, &ll)) {
		if (ll > 1 && l[0] == ':') {
			const char *e = memchr(l + 1, ':', ll - 1);
			if (e && e > l + 1) {
				if (key) {
					sv_push_owned(&vals, sb_detach(&cont));
					S_field(map, key, &vals, key_line, path, dl);
					free(key);
					sv_free(&vals);
				}
				key = xstrndup(l + 1, (size_t)(e - l - 1));
				for (char *c = key; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				key_line = r->line;
				char *v = S_strip(e + 1, ll - (size_t)(e + 1 - l));
				sb_adds(&cont, v);
				free(v);
				save = *r;
				continue;
			}
		}
		if (key && ll && isspace((unsigned char)l[0]) && !S_blank(l, ll)) {
			char *v = S_strip(l, ll);
			if (cont.len)
				sb_addc(&cont, ' ');
			sb_adds(&cont, v);
			free(v);
			save = *r;
			continue;
		}
		break;
	}
	*r = save;
	if (key) {
		sv_push_owned(&vals, sb_detach(&cont));
		S_field(map, key, &vals, key_line, path, dl);
		free(key);
		sv_free(&vals);
	}
	sb_release(&cont);
	if (!map->n) {
		fm_node_free(map);
		return NULL;
	}
	return map;
}

static bool S_is_html(const char *path)
{
	for (const char *const *e = S_html_exts; *e; e++)
		if (str_ends_with(path, *e))
			return true;
	return false;
}

/* Pelican's HTMLReader: the <title> and every <meta name content> of the
 * head (`keywords` is `tags`; a name given twice gives both values); the
 * body is what <body> holds. */
static struct fm_node *S_html_meta(struct S_lines *r, const char *path, struct diag_list *dl)
{
	htmlDocPtr doc = htmlReadMemory(r->t, (int)r->n, path, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
						HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
	struct fm_node *map = xcalloc(1, sizeof *map);
	map->kind = FM_MAP;
	map->line = map->col = 1;
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr head = NULL;
	for (xmlNodePtr c = root ? root->children : NULL; c && !head; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrcasecmp(c->name, (const xmlChar *)"head") == 0)
			head = c;
	struct strvec keys = STRVEC_INIT;
	struct strvec *vals = NULL;
	int *lines = NULL;
	for (xmlNodePtr c = head ? head->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		char *name = NULL, *content = NULL;
		if (xmlStrcasecmp(c->name, (const xmlChar *)"title") == 0) {
			xmlChar *t = xmlNodeGetContent(c);
			name = xstrdup("title");
			content = xstrdup(t ? (const char *)t : "");
			xmlFree(t);
		} else if (xmlStrcasecmp(c->name, (const xmlChar *)"meta") == 0) {
			xmlChar *n = xmlGetProp(c, (const xmlChar *)"name");
			xmlChar *v = xmlGetProp(c, (const xmlChar *)"content");
			if (!v || !*v) {
				xmlFree(v);
				v = xmlGetProp(c, (const xmlChar *)"contents");
			}
			if (n) {
				name = xstrdup((const char *)n);
				for (char *k = name; *k; k++)
					*k = (char)tolower((unsigned char)*k);
				if (strcmp(name, "keywords") == 0) {
					free(name);
					name = xstrdup("tags");
				}
				content = xstrdup(v ? (const char *)v : "");
			}
			xmlFree(n);
			xmlFree(v);
		}
		if (!name) {
			free(content);
			continue;
		}
		size_t k = 0;
		while (k < keys.n && strcmp(keys.v[k], name) != 0)
			k++;
		if (k == keys.n) {
			sv_push(&keys, name);
			vals = xrealloc(vals, keys.n * sizeof *vals);
			lines = xrealloc(lines, keys.n * sizeof *lines);
			vals[k] = (struct strvec)STRVEC_INIT;
			lines[k] = c->line > 0 ? (int)c->line : 1;
		}
		sv_push_owned(&vals[k], content);
		free(name);
	}
	for (size_t k = 0; k < keys.n; k++) {
		S_field(map, keys.v[k], &vals[k], lines[k], path, dl);
		sv_free(&vals[k]);
	}
	free(vals);
	free(lines);
	sv_free(&keys);
	if (doc)
		xmlFreeDoc(doc);
	/* The body: after <body …>, else nothing. */
	size_t at = r->n;
	for (size_t i = 0; i + 5 < r->n; i++)
		if (r->t[i] == '<' && strncasecmp(r->t + i + 1, "body", 4) == 0 &&
		    (r->t[i + 5] == '>' || isspace((unsigned char)r->t[i + 5]))) {
			const char *gt = memchr(r->t + i, '>', r->n - i);
			at = gt ? (size_t)(gt - r->t) + 1 : r->n;
			break;
		}
	for (size_t i = r->i; i < at; i++)
		r->line += r->t[i] == '\n';
	r->i = at;
	if (!map->n) {
		map->line = 1; /* still a mapping: the body starts after <body> */
	}
	return map;
}

static int S_read_metadata(struct fm_node **fm, size_t *body_off, int *body_line, const struct site *site,
			   const char *relpath, const char *text, size_t len, struct diag_list *dl)
{
	struct S_lines r = {text, len, *body_off, *body_line - 1};
	char *path = path_join(site->root, relpath);
	*fm = str_ends_with(relpath, ".rst") ? S_rst_meta(&r, path, dl)
	      : S_is_html(relpath)	     ? S_html_meta(&r, path, dl)
					     : S_md_meta(&r, path, dl);
	free(path);
	if (*fm) {
		*body_off = r.i;
		*body_line = r.line + 1;
	}
	return 0;
}

/* ---- Dates ---- */

static int S_month(const char *s, size_t n)
{
	static const char *const names[] = {"january", "february", "march",     "april",   "may",      "june",
					    "july",    "august",   "september", "october", "november", "december"};
	if (n < 3)
		return 0;
	for (int m = 0; m < 12; m++)
		if (strncasecmp(names[m], s, n) == 0 && (n == strlen(names[m]) || n == 3 || (m == 8 && n == 4)))
			return m + 1;
	return 0;
}

/* dateutil's parse for the forms blogs write: ISO dates and times (with
 * `/` or `.` between the date's parts too), `12 June 2015`, `June 12,
 * 2015`, `Friday, June 12 2015`, each with an optional time after. */
static bool S_parse_date(struct date *d, const char *in)
{
	char *s = str_collapse_ws(in);
	bool ok = date_parse(d, s) == 0;
	if (!ok && isdigit((unsigned char)s[0])) {
		/* Three numbers joined by `-`, `/` or `.`: year first, else
		 * (dateutil's default) month, day, year — the day first when the
		 * first cannot be a month. */
		int f[3] = {0}, w[3] = {0}, nf = 0;
		const char *c = s;
		while (nf < 3 && isdigit((unsigned char)*c)) {
			const char *b = c;
			while (isdigit((unsigned char)*c))
				f[nf] = f[nf] * 10 + (*c++ - '0');
			w[nf++] = (int)(c - b);
			if (nf < 3 && (*c == '-' || *c == '/' || *c == '.'))
				c++;
			else
				break;
		}
		if (nf == 3 && (*c == '\0' || *c == ' ' || *c == 'T')) {
			int y = f[0], m = f[1], dd = f[2];
			if (w[0] != 4) {
				y = f[2];
				m = f[0] > 12 ? f[1] : f[0];
				dd = f[0] > 12 ? f[0] : f[1];
				if (w[2] == 2)
					y += y < 50 ? 2000 : 1900; /* dateutil's century for two digits */
			}
			char *iso = xasprintf("%04d-%02d-%02d%s", y, m, dd, c);
			ok = date_parse(d, iso) == 0;
			free(iso);
		}
	}
	if (!ok) {
		/* Words: a day, a month name, a year, then a time. */
		int day = 0, month = 0, year = 0;
		const char *c = s, *time = NULL;
		while (*c && !time) {
			while (*c == ' ' || *c == ',')
				c++;
			size_t n = 0;
			while (c[n] && c[n] != ' ' && c[n] != ',')
				n++;
			if (!n)
				break;
			bool digits = true;
			for (size_t i = 0; i < n; i++)
				digits &= isdigit((unsigned char)c[i]) != 0;
			size_t dn = n;
			if (!digits && n > 2 && isdigit((unsigned char)c[0]) &&
			    (strncasecmp(c + n - 2, "st", 2) == 0 || strncasecmp(c + n - 2, "nd", 2) == 0 ||
			     strncasecmp(c + n - 2, "rd", 2) == 0 || strncasecmp(c + n - 2, "th", 2) == 0)) {
				digits = true;
				dn = n - 2;
			}
			if (digits && dn == 4 && !year)
				year = atoi(c);
			else if (digits && dn <= 2 && !day)
				day = atoi(c);
			else if (!digits && !month && S_month(c, c[n - 1] == '.' ? n - 1 : n))
				month = S_month(c, c[n - 1] == '.' ? n - 1 : n);
			else if (strchr(c, ':') && strchr(c, ':') < c + n)
				time = c;
			else if (!digits && n >= 3 && day + month + year == 0)
				; /* a weekday */
			else
				break;
			c += n;
		}
		if (day && month && year) {
			char *iso = xasprintf("%04d-%02d-%02d%s%s", year, month, day, time ? " " : "", time ? time : "");
			ok = date_parse(d, iso) == 0;
			free(iso);
		}
	}
	free(s);
	return ok;
}

/* ---- Post fields ---- */

#define S_IN_LANG 1u     /* the post is in the book's language */
#define S_TRANSLATION 2u /* its `Translation:` says it is one */

/* The named groups of a match of r against s, into meta (not replacing
 * what is there). */
static void S_match_meta(struct fm_node *meta, const struct S_regex *r, const char *s)
{
	regmatch_t m[S_MAX_GROUPS];
	if (!r->ok || regexec(&r->re, s, S_MAX_GROUPS, m, 0) != 0)
		return;
	for (int g = 1; g < S_MAX_GROUPS; g++)
		if (r->names[g] && m[g].rm_so >= 0 && !fm_get(meta, r->names[g]))
			S_map_put(meta, r->names[g], S_scalar(s + m[g].rm_so, (size_t)(m[g].rm_eo - m[g].rm_so), 0));
}

/* str.format of an URL pattern: {name} and {name:spec} (date with a
 * strftime spec), {{ and }}. NULL when a field is unknown. */
static char *S_format(const char *pat, const struct post *p, const char *slug, const char *lang,
		      const char *category, const char *author, const struct fm_node *fm)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *c = pat; *c; c++) {
		if ((c[0] == '{' && c[1] == '{') || (c[0] == '}' && c[1] == '}')) {
			sb_addc(&sb, *c++);
			continue;
		}
		if (*c != '{') {
			sb_addc(&sb, *c);
			continue;
		}
		const char *e = strchr(c, '}');
		if (!e) {
			sb_release(&sb);
			return NULL;
		}
		size_t nl = strcspn(c + 1, ":}");
		char *name = xstrndup(c + 1, nl);
		char *spec = c[1 + nl] == ':' ? xstrndup(c + 2 + nl, (size_t)(e - c - 2 - nl)) : NULL;
		bool ok = true;
		if (strcmp(name, "slug") == 0)
			sb_adds(&sb, slug);
		else if (strcmp(name, "lang") == 0)
			sb_adds(&sb, lang);
		else if (strcmp(name, "category") == 0)
			sb_adds(&sb, category);
		else if (strcmp(name, "author") == 0)
			sb_adds(&sb, author);
		else if (strcmp(name, "date") == 0 && p->date.valid) {
			char *f = date_strftime(&p->date, spec ? spec : "%Y-%m-%d %H:%M:%S");
			sb_adds(&sb, f);
			free(f);
		} else if (fm_str(fm_get(fm, name)))
			sb_adds(&sb, fm_str(fm_get(fm, name)));
		else
			ok = false;
		free(name);
		free(spec);
		if (!ok) {
			sb_release(&sb);
			return NULL;
		}
		c = e;
	}
	return sb_detach(&sb);
}

static bool S_post_fields(const struct site *site, struct post *p, const struct fm_node *fm,
			  enum fm_format format, struct diag_list *dl)
{
	(void)format;
	const struct S_state *st = site->state;
	const char *in = strcmp(st->path, ".") == 0 ? p->relpath : path_under(p->relpath, st->path);
	if (!in)
		in = p->relpath;

	/* What the path says, under what the file says. */
	struct fm_node *pm = xcalloc(1, sizeof *pm);
	pm->kind = FM_MAP;
	const char *base = path_basename(in);
	const char *dot = strrchr(base, '.');
	char *stem = xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	S_match_meta(pm, &st->fname_re, stem);
	S_match_meta(pm, &st->path_re, in);
	char *dir = path_dirname(in);
	if (st->folder_category && strcmp(dir, ".") != 0 && !fm_get(pm, "category"))
		S_map_put(pm, "category", S_scalar(path_basename(dir), strlen(path_basename(dir)), 0));
	free(dir);
#define S_GET(key) (fm_get(fm, key) ? fm_get(fm, key) : fm_get(pm, key) ? fm_get(pm, key) : fm_get(st->default_meta, key))
	bool keep = true;

	const char *status = fm_str(S_GET("status"));
	if (status && *status) {
		if (strcasecmp(status, "draft") == 0)
			p->draft = true;
		/* hidden: published at its URL, only not listed; kept, as
		 * Docusaurus' unlisted posts are (a book is the archive). */
		else if (strcasecmp(status, "skip") == 0)
			keep = false;
		else if (strcasecmp(status, "hidden") == 0)
			;
		else if (strcasecmp(status, "published") != 0) {
			diag_warning(dl, p->path, S_GET("status")->line, 1,
				     "unknown status '%s': Pelican skips the article (published, hidden, draft or skip)",
				     status);
			keep = false;
		}
	}

	/* The date: the file's, the path's, DEFAULT_DATE. */
	const struct fm_node *fd = fm_get(fm, "date");
	bool zoned = false;
	if (fd && fm_str(fd)) {
		char *s = xstrdup(fm_str(fd));
		for (char *c = s; *c; c++)
			if (*c == '_')
				*c = ' ';
		if (S_parse_date(&p->date, s))
			zoned = date_written_with_zone(s, &p->date);
		else {
			p->date.valid = false;
			diag_warning(dl, p->path, fd->line, 1, "'date' is not a date Pelican reads: '%s'", fm_str(fd));
		}
		free(s);
	}
	if (!p->date.valid && fm_str(fm_get(pm, "date")))
		S_parse_date(&p->date, fm_str(fm_get(pm, "date")));
	if (!p->date.valid && fm_str(fm_get(st->default_meta, "date")))
		S_parse_date(&p->date, fm_str(fm_get(st->default_meta, "date")));
	if (!p->date.valid && st->default_date.valid)
		p->date = st->default_date;
	if (!p->date.valid && st->date_fs) {
		struct stat sb;
		if (stat(p->path, &sb) == 0) {
			p->date = date_from_epoch((int64_t)sb.st_mtime);
			zoned = true;
		}
	}
	if (st->timezone && p->date.valid)
		tz_localize(&p->date, st->timezone, zoned);
	if (st->future_drafts && p->date.valid && date_epoch(&p->date) > (int64_t)time(NULL))
		p->draft = true; /* WITH_FUTURE_DATES = False: a draft until its date */
	const struct fm_node *fmod = fm_get(fm, "modified");
	if (fm_str(fmod)) {
		if (S_parse_date(&p->updated, fm_str(fmod))) {
			if (st->timezone)
				tz_localize(&p->updated, st->timezone, date_written_with_zone(fm_str(fmod), &p->updated));
		} else
			diag_warning(dl, p->path, fmod->line, 1, "'modified' is not a date Pelican reads: '%s'",
				     fm_str(fmod));
	}
	/* Pelican skips an article without a title or a date (a draft may
	 * lack the date). */
	const char *title = fm_str(S_GET("title"));
	if (keep && (!title || !*title || (!p->date.valid && !p->draft))) {
		diag_warning(dl, p->path, 1, 1, "left out: Pelican skips an article without a %s",
			     !title || !*title ? "'Title:'" : "date (no 'Date:', and none from its name or DEFAULT_DATE)");
		keep = false;
	}
	if (title && *title && !p->title)
		p->title = str_collapse_ws(title);

	const char *cat = fm_str(S_GET("category"));
	sv_free(&p->categories);
	sv_push(&p->categories, cat && *cat ? cat : st->default_category);
	/* Tags and authors as Pelican's processors make them: a string is
	 * split (ensure_metadata_list; YAML front matter gives one), `author`
	 * is one name; no author is AUTHOR. */
	const struct fm_node *tn = fm_get(fm, "tags");
	if (tn && tn->kind == FM_SCALAR && fm_str(tn)) {
		struct fm_node *l = S_list(fm_str(tn), tn->line);
		sv_free(&p->tags);
		fm_strings(l, &p->tags);
		fm_node_free(l);
	}
	const struct fm_node *an = S_GET("authors");
	sv_free(&p->authors);
	if (an && an->kind == FM_SCALAR && fm_str(an)) {
		struct fm_node *l = S_list(fm_str(an), an->line);
		fm_strings(l, &p->authors);
		fm_node_free(l);
	} else if (an) {
		fm_strings(an, &p->authors);
	}
	if (!p->authors.n)
		fm_strings(S_GET("author"), &p->authors);
	if (!p->authors.n && site->author)
		sv_push(&p->authors, site->author);
	const char *summary = fm_str(S_GET("summary"));
	if (summary && *summary && !p->description)
		p->description = str_collapse_ws(summary);
	const char *lang = fm_str(S_GET("lang"));
	if (!lang || !*lang)
		lang = st->default_lang;

	/* For collected: the language the book is in, and a translation. */
	const char *want = site->want_language ? site->want_language : st->default_lang;
	if (str_ieq(lang, want))
		p->gen_marks |= S_IN_LANG;
	const char *tr = fm_str(S_GET("translation"));
	if (tr && strcasecmp(tr, "false") != 0)
		p->gen_marks |= S_TRANSLATION;

	const char *slug = fm_str(S_GET("slug"));
	free(p->slug);
	if (slug && *slug)
		p->slug = xstrdup(slug);
	else if (st->slug_basename)
		p->slug = S_slugify(st, stem);
	else
		p->slug = S_slugify(st, title ? title : stem);

	const char *url = fm_str(fm_get(fm, "url"));
	char *path = NULL;
	if (url && *url) {
		path = xstrdup(url);
	} else {
		char *cs = S_slugify(st, p->categories.v[0]);
		char *as = S_slugify(st, p->authors.n ? p->authors.v[0] : "");
		path = S_format(strcmp(lang, st->default_lang) == 0 ? st->article_url : st->article_lang_url, p,
				p->slug, lang, cs, as, fm);
		free(cs);
		free(as);
	}
	if (path) {
		free(p->url);
		p->url = path[0] == '/' ? xstrdup(path) : xasprintf("/%s", path);
		if (site->url && !p->draft) {
			free(p->live_url);
			p->live_url = xasprintf("%s%s", site->url, p->url);
		}
		free(path);
	}
	/* A picture named with Pelican's link prefix ({static}/x.png) is
	 * that path. */
	if (p->cover_image) {
		static const char *const prefixes[] = {"{static}", "{attach}", "{filename}", "|static|",
						       "|filename|", NULL};
		for (const char *const *pre = prefixes; *pre; pre++)
			if (str_starts_with(p->cover_image, *pre)) {
				char *rest = xstrdup(p->cover_image + strlen(*pre));
				free(p->cover_image);
				p->cover_image = rest;
				break;
			}
	}
#undef S_GET
	fm_node_free(pm);
	free(stem);
	return keep;
}

/* Pelican's process_translations: articles of one slug (the default
 * ARTICLE_TRANSLATION_ID) are one article in several languages; the book
 * keeps the original, the one in its language (--language, else
 * DEFAULT_LANG) among those `Translation:` does not mark, else all of
 * them (Pelican warns of several originals and keeps them). Drafts are
 * grouped apart, as Pelican processes them apart. */
static void S_collected(const struct site *site, const struct strvec *files, struct post *const *posts,
			bool *keep)
{
	const struct S_state *st = site->state;
	if (!st->translations)
		return;
	struct strmap groups = STRMAP_INIT;
	size_t n = files->n;
	size_t *next = xmalloc((n ? n : 1) * sizeof *next); /* the next post of the group */
	size_t *first = xmalloc((n ? n : 1) * sizeof *first);
	size_t ngroups = 0;
	for (size_t i = 0; i < n; i++) {
		next[i] = (size_t)-1;
		if (!posts[i] || !keep[i] || !posts[i]->slug)
			continue;
		char *key = xasprintf("%c%s", posts[i]->draft ? 'd' : 'p', posts[i]->slug);
		size_t g;
		if (strmap_get(&groups, key, &g)) {
			size_t k = first[g];
			while (next[k] != (size_t)-1)
				k = next[k];
			next[k] = i;
		} else {
			first[ngroups] = i;
			strmap_put(&groups, key, ngroups++);
		}
		free(key);
	}
	for (size_t g = 0; g < ngroups; g++) {
		unsigned need = S_IN_LANG;
		bool any_candidate = false, any_original = false;
		for (size_t k = first[g]; k != (size_t)-1; k = next[k])
			any_candidate |= !(posts[k]->gen_marks & S_TRANSLATION);
		for (size_t k = first[g]; k != (size_t)-1; k = next[k])
			any_original |= (!any_candidate || !(posts[k]->gen_marks & S_TRANSLATION)) &&
					(posts[k]->gen_marks & S_IN_LANG);
		if (!any_original)
			need = 0;
		for (size_t k = first[g]; k != (size_t)-1; k = next[k]) {
			bool candidate = !any_candidate || !(posts[k]->gen_marks & S_TRANSLATION);
			keep[k] = candidate && (posts[k]->gen_marks & need) == need;
		}
	}
	free(next);
	free(first);
	strmap_free(&groups);
}

/* The live URL of a file under PATH: an article's (as read), a page's
 * (PAGE_PATHS: `URL:`, else PAGE_URL with its slug), a static file's
 * (STATIC_URL: its path). */
static char *S_page_url(const struct site *site, const char *relpath)
{
	const struct S_state *st = site->state;
	const char *in = strcmp(st->path, ".") == 0 ? relpath : path_under(relpath, st->path);
	if (!in)
		return NULL;
	bool content = false;
	for (const char *const *e = S_exts; *e; e++)
		content |= str_ends_with(in, *e);
	if (!content) {
		char *abs = path_join(site->root, relpath);
		bool there = path_is_file(abs);
		free(abs);
		return there ? xasprintf("%s/%s", site->url, in) : NULL; /* no such file: no page */
	}
	bool page = false;
	for (size_t e = st->npages; e < st->excludes.n && !page; e++) {
		const char *pp = st->excludes.v[e];
		size_t pl = strlen(pp);
		while (pl && pp[pl - 1] == '/')
			pl--;
		page = pl && strncmp(in, pp, pl) == 0 && in[pl] == '/';
	}
	struct diag_list quiet = DIAG_LIST_INIT;
	char *url = NULL;
	if (!page) {
		struct post *p = NULL;
		if (site_read_post(&p, site, relpath, &quiet) == 0 && p->live_url)
			url = xstrdup(p->live_url);
		post_free(p);
		diag_list_free(&quiet);
		return url;
	}
	char *text = NULL;
	size_t len = 0;
	if (site_read_text(&text, &len, site, relpath, &quiet) == 0) {
		struct S_lines r = {text, len, 0, 0};
		struct fm_node *fm = str_ends_with(in, ".rst") ? S_rst_meta(&r, relpath, &quiet)
							       : S_md_meta(&r, relpath, &quiet);
		const char *base = path_basename(in);
		const char *dot = strrchr(base, '.');
		char *stem = xstrndup(base, dot ? (size_t)(dot - base) : strlen(base));
		const char *title = fm_str(fm_get(fm, "title"));
		const char *fixed = fm_str(fm_get(fm, "url"));
		char *slug = fm_str(fm_get(fm, "slug")) ? xstrdup(fm_str(fm_get(fm, "slug")))
			     : S_slugify(st, st->slug_basename || !title ? stem : title);
		const char *lang = fm_str(fm_get(fm, "lang"));
		struct post none;
		memset(&none, 0, sizeof none);
		char *path = fixed ? xstrdup(fixed)
				   : S_format(st->page_url, &none, slug, lang ? lang : st->default_lang, "", "", fm);
		if (path)
			url = xasprintf("%s/%s", site->url, path[0] == '/' ? path + 1 : path);
		free(path);
		free(slug);
		free(stem);
		fm_node_free(fm);
	}
	free(text);
	diag_list_free(&quiet);
	return url;
}

/* A link's address that still carries Pelican's prefix (one another pass
 * wrote: a reST link, say; percent-encoded or not) names the file after
 * it: relative to the post, or to PATH with a leading `/`. Pelican has no
 * other reference syntax. */
static void S_ref_targets(const struct site *site, const struct post_list *posts, const char *from,
			  const char *ref, bool link, struct strvec *out)
{
	(void)posts;
	if (!link)
		return;
	static const char *const prefixes[] = {"{filename}", "{static}", "{attach}", "|filename|", "|static|",
					       "%7Bfilename%7D", "%7Bstatic%7D", "%7Battach%7D", NULL};
	for (const char *const *pre = prefixes; *pre; pre++) {
		size_t pl = strlen(*pre);
		if (strncasecmp(ref, *pre, pl) != 0)
			continue;
		char *rest = xstrndup(ref + pl, strcspn(ref + pl, "?#"));
		char *dec = url_decode(rest);
		if (dec[0] == '/') {
			sv_push_owned(out, path_join(site->content_dir, dec + 1));
		} else {
			char *dir = path_dirname(from);
			sv_push_owned(out, path_join(dir, dec));
			free(dir);
		}
		free(dec);
		free(rest);
		return;
	}
}

/* Themes' metadata for an article's picture (Flex, Attila, Elegant,
 * pelican-bootstrap3's og_image…). */
static const char *const S_cover_keys[] = {"cover", "image", "featured_image", "og_image", "header_cover",
					   "thumbnail", "banner", NULL};

/* pymdownx then mkdocs, as MkDocs orders them: Python-Markdown's
 * admonition, attr_list and md_in_html (extra's, Pelican's default) read
 * when MARKDOWN turns them on (S_markdown_extensions).
 * No math pass: Python-Markdown reads none without a plugin, and
 * `#\[attr\]` written for it is text. */
const struct site_generator site_pelican = {
	.name = "pelican",
	.lenient_dates = true,
	.detect = S_detect,
	.configure = S_configure,
	.free_state = S_free_state,
	.list_posts = S_list_posts,
	.post_fields = S_post_fields,
	.dialects = DIALECTS(&dialect_rst, &dialect_pelican, &dialect_pymdownx, &dialect_mkdocs),
	.post_exts = S_exts,
	.read_metadata = S_read_metadata,
	.page_url = S_page_url,
	.collected = S_collected,
	.ref_targets = S_ref_targets,
	.cover_keys = S_cover_keys,
};
