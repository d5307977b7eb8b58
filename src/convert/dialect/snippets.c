/* snippets.c — MkDocs' `--8<--` snippets (pymdownx.snippets): files from
 * inside the site are pasted in, indented like the line that named them,
 * before any other Markdown processing (in code blocks too), as the
 * extension does: looked up in each of its base_path in order (default
 * the site's root), a line range (`file:3:5`, several with commas,
 * counted from the end when negative) or a named section (`file:name`,
 * between `--8<-- [start:name]` and `[end:name]` lines, which never show)
 * of it; the marker is any run of dashes around `8<`. A snippet that
 * cannot be pasted (missing, outside the site, on the web: sheaf fetches
 * none, as url_download is off by default) is left out, as the extension
 * leaves it out, with a warning (check_paths: MkDocs would stop).
 * auto_append's files are pasted after every post (hidden paths refused);
 * dedent_subsections dedents line ranges and sections as textwrap does.
 * Pass 0: the whole text is replaced, and each of its lines mapped to the
 * body line it came from (a snippet's lines all to the line that named
 * it). */
#define _DEFAULT_SOURCE /* realpath */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/path.h"
#include "base/text.h"
#include "base/url.h"
#include "convert/dialect/scan.h"

#define S_MAX_SNIPPET_DEPTH 4 /* snippets including snippets */
#define S_MAX_SNIPPET_FILE ((size_t)8 << 20)
#define S_MAX_SNIPPET_TOTAL ((size_t)16 << 20)

struct S_snippets {
	char *root_real; /* realpath of the site root, once looked up */
	bool root_done;
	bool opts_done;
	struct strvec bases;   /* base_path, normalized, relative to the root */
	bool check_paths;      /* a missing snippet stops MkDocs' build */
	bool url_download;     /* the site fetches snippets from the web */
	bool unrestricted;     /* restrict_base_path: false */
	bool dedent;           /* dedent_subsections: line ranges and sections dedented */
	struct strvec append;  /* auto_append: files pasted after every post */
};

struct S_snip {
	struct ds_state *st;
	struct S_snippets *self;
	struct strbuf out;
	size_t lines;  /* lines written to out */
	size_t budget; /* bytes snippets may still add */
	bool any;      /* a snippet was pasted */
	const char *what; /* how warnings name a snippet: "snippet", or auto_append's */
};

static void S_snip_add(struct S_snip *sn, const char *s, size_t n)
{
	sb_add(&sn->out, s, n);
	for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		sn->lines++;
}

/* pymdownx.snippets' options in the site's markdown_extensions (a list
 * item mapping the name to them, or zensical.toml's nested tables), or
 * NULL. */
static const struct fm_node *S_options(const struct fm_node *config)
{
	const struct fm_node *exts = fm_get(config, "markdown_extensions");
	if (exts && exts->kind == FM_LIST) {
		for (size_t i = 0; i < exts->n; i++)
			if (exts->items[i]->kind == FM_MAP && fm_get(exts->items[i], "pymdownx.snippets"))
				return fm_get(exts->items[i], "pymdownx.snippets");
		return NULL;
	}
	const struct fm_node *o = fm_get(exts, "pymdownx.snippets");
	return o ? o : fm_get_path(exts, "pymdownx", "snippets", NULL);
}

/* Reads the options once: each base path is kept when it lies inside the
 * site (a warning otherwise, at the line that first needs one). */
static void S_read_options(struct S_snip *sn, int line)
{
	struct S_snippets *sp = sn->self;
	if (sp->opts_done)
		return;
	sp->opts_done = true;
	const struct fm_node *o = S_options(sn->st->ctx ? sn->st->ctx->config : NULL);
	fm_bool(fm_get(o, "check_paths"), &sp->check_paths);
	fm_bool(fm_get(o, "url_download"), &sp->url_download);
	bool restrict_ = true;
	fm_bool(fm_get(o, "restrict_base_path"), &restrict_);
	sp->unrestricted = !restrict_;
	fm_bool(fm_get(o, "dedent_subsections"), &sp->dedent);
	fm_strings(fm_get(o, "auto_append"), &sp->append);
	struct strvec named = STRVEC_INIT;
	fm_strings(fm_get(o, "base_path"), &named);
	if (!named.n)
		sv_push(&named, ".");
	for (size_t i = 0; i < named.n; i++) {
		char *norm = path_normalize(named.v[i]);
		if (norm[0] == '/' || norm[0] == '~' || strcmp(norm, "..") == 0 || str_starts_with(norm, "../")) {
			char *q = ds_quote(named.v[i], strlen(named.v[i]));
			char *key = xasprintf("snippet-base:%s", q);
			ds_warn(sn->st, line, key, "snippets' base_path '%s' lies outside the site: not searched", q);
			free(key);
			free(q);
		} else {
			sv_push(&sp->bases, norm);
		}
		free(norm);
	}
	sv_free(&named);
}

static const char *S_root_real(struct S_snip *sn)
{
	struct S_snippets *sp = sn->self;
	if (!sp->root_done) {
		sp->root_done = true;
		const char *root = ds_site_root(sn->st);
		sp->root_real = root && *root ? realpath(root, NULL) : NULL;
	}
	return sp->root_real;
}

/* The marker at l[i]: one or more dashes, `8<`, one or more dashes. Its
 * length, or 0. */
static size_t S_marker(const char *l, size_t n, size_t i)
{
	size_t k = i;
	while (k < n && l[k] == '-')
		k++;
	if (k == i || !ds_at(l, n, k, "8<"))
		return 0;
	size_t e = k + 2;
	while (e < n && l[e] == '-')
		e++;
	return e > k + 2 ? e - i : 0;
}

/* `--8<-- [start:name]` / `[end:name]` lines (in a snippet file or the
 * post itself: they never show), anywhere on their line as pymdownx's
 * RE_SNIPPET_SECTION finds them (`# --8<-- [start:x]` in a code file). */
static bool S_section_marker(const char *l, size_t n, bool *start, const char **name, size_t *nlen)
{
	for (size_t f = 0; f < n; f++) {
		if (l[f] != '-' || (f && l[f - 1] == '-'))
			continue;
		size_t m = S_marker(l, n, f);
		if (!m || f + m >= n || !ds_sp(l[f + m]))
			continue;
		size_t k = f + m;
		while (k < n && ds_sp(l[k]))
			k++;
		if (k >= n || l[k] != '[')
			continue;
		k++;
		while (k < n && ds_sp(l[k]))
			k++;
		bool st;
		if (k + 5 <= n && strncasecmp(l + k, "start", 5) == 0)
			st = true, k += 5;
		else if (k + 3 <= n && strncasecmp(l + k, "end", 3) == 0)
			st = false, k += 3;
		else
			continue;
		while (k < n && ds_sp(l[k]))
			k++;
		if (k >= n || l[k] != ':')
			continue;
		k++;
		while (k < n && ds_sp(l[k]))
			k++;
		size_t b = k;
		if (k >= n || !isalpha((unsigned char)l[k]))
			continue;
		while (k < n && (isalnum((unsigned char)l[k]) || l[k] == '-' || l[k] == '_'))
			k++;
		size_t e = k;
		while (k < n && ds_sp(l[k]))
			k++;
		if (k >= n || l[k] != ']')
			continue;
		*start = st;
		*name = l + b;
		*nlen = e - b;
		return true;
	}
	return false;
}

#define S_MAX_RANGES 16
#define S_OPEN LONG_MIN /* a range's open side (Python's None) */

/* `:3:5,-2:` — line ranges as pymdownx reads them (its RE_SNIPPET_FILE):
 * one or two numbers after a colon, more ranges after commas. False when
 * suf is not one. */
static bool S_ranges(const char *suf, size_t n, long (*r)[2], size_t *nr)
{
	size_t i = 0;
	*nr = 0;
	while (i < n) {
		if (*nr == S_MAX_RANGES || suf[i] != (*nr ? ',' : ':'))
			return false;
		i++;
		if (*nr && !(i < n && (suf[i] == '-' || suf[i] == ':' || isdigit((unsigned char)suf[i]))))
			return false;
		long v[2] = {S_OPEN, S_OPEN};
		for (int side = 0; side < 2; side++) {
			if (side) {
				if (i >= n || suf[i] != ':')
					break;
				i++;
			}
			bool neg = i < n && suf[i] == '-';
			size_t d = i += neg;
			long x = 0;
			while (i < n && isdigit((unsigned char)suf[i]) && x < 100000000)
				x = x * 10 + (suf[i++] - '0');
			if (i == d && neg)
				return false;
			if (i > d)
				v[side] = neg ? -x : x;
		}
		r[*nr][0] = v[0];
		r[*nr][1] = v[1];
		(*nr)++;
	}
	return *nr > 0;
}

/* The part of a snippet file a spec asks for: its lines in each range
 * (1-based, inclusive, as Python slices them: negative from the end,
 * where a file ending in a newline has one more, empty, line), or the
 * lines between a named section's markers; marker lines never show.
 * Ends with a newline. */
/* Python's textwrap.dedent over sb's lines: the whitespace all its
 * non-blank lines start with (the same characters) is taken off, and
 * lines of whitespace alone become empty. */
static void S_dedent(struct strbuf *sb)
{
	const char *margin = NULL;
	size_t mlen = 0;
	for (size_t i = 0; i < sb->len;) {
		const char *l = sb->s + i, *nl = memchr(l, '\n', sb->len - i);
		size_t n = nl ? (size_t)(nl - l) : sb->len - i, w = 0;
		while (w < n && (l[w] == ' ' || l[w] == '\t'))
			w++;
		if (w < n) {
			if (!margin) {
				margin = l, mlen = w;
			} else {
				size_t k = 0;
				while (k < mlen && k < w && margin[k] == l[k])
					k++;
				mlen = k;
			}
		}
		i += n + (nl != NULL);
	}
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < sb->len;) {
		const char *l = sb->s + i, *nl = memchr(l, '\n', sb->len - i);
		size_t n = nl ? (size_t)(nl - l) : sb->len - i;
		if (!ds_is_blank(l, n))
			sb_add(&out, l + mlen, n - mlen);
		if (nl)
			sb_addc(&out, '\n');
		i += n + (nl != NULL);
	}
	sb_release(sb);
	*sb = out;
}

static char *S_snippet_part(const char *text, size_t len, long (*r)[2], size_t nr, const char *sect,
			    size_t sectlen, bool dedent, size_t *out_len)
{
	struct { size_t at, len; } *lines = NULL;
	size_t total = 0, cap = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - text) + 1 : len;
		size_t le = nl ? next - 1 : len;
		if (le > i && text[le - 1] == '\r')
			le--;
		if (total == cap)
			lines = xrealloc(lines, (cap = cap ? cap * 2 : 64) * sizeof *lines);
		lines[total].at = i;
		lines[total++].len = le - i;
		i = next;
	}
	bool phantom = len && text[len - 1] == '\n'; /* Python's last, empty line */
	long all = (long)total + phantom;
	long whole[1][2] = {{S_OPEN, S_OPEN}};
	bool nr_asked = nr > 0;
	if (!nr) {
		r = whole;
		nr = 1;
	}
	struct strbuf sb = STRBUF_INIT;
	for (size_t k = 0; k < nr; k++) {
		long a = r[k][0], b = r[k][1];
		a = a == S_OPEN ? 0 : a < 0 ? (all + a < 0 ? 0 : all + a) : (a > 0 ? a - 1 : 0);
		b = b == S_OPEN ? all : b < 0 ? (all + 1 + b < 0 ? 0 : all + 1 + b > all ? all : all + 1 + b) : b;
		if (b > (long)total)
			b = (long)total;
		bool in_sect = sect == NULL;
		for (long x = a; x < b; x++) {
			const char *l = text + lines[x].at, *name;
			size_t ll = lines[x].len, nlen;
			bool start;
			if (S_section_marker(l, ll, &start, &name, &nlen)) {
				if (sect && nlen == sectlen && memcmp(name, sect, nlen) == 0)
					in_sect = start;
			} else if (in_sect) {
				sb_add(&sb, l, ll);
				sb_addc(&sb, '\n');
			}
		}
	}
	free(lines);
	if (dedent && (nr_asked || sect))
		S_dedent(&sb);
	if (!sb.s)
		sb_adds(&sb, "");
	*out_len = sb.len;
	return sb_detach(&sb);
}

/* Where the snippet at norm (normalized, inside the site) lies: the first
 * base path holding it (pymdownx's order; with restrict_base_path, only
 * below the base; a base naming a file holds that file alone). Malloc'd,
 * relative to the root, or NULL. */
static char *S_lookup(struct S_snip *sn, const char *norm, bool *outside)
{
	struct S_snippets *sp = sn->self;
	const char *root = ds_site_root(sn->st);
	for (size_t i = 0; i < sp->bases.n; i++) {
		const char *base = sp->bases.v[i];
		char *base_path = path_join(root, base);
		char *rel = NULL;
		if (path_is_dir(base_path)) {
			char *joined = strcmp(base, ".") == 0 ? xstrdup(norm) : path_join(base, norm);
			rel = path_normalize(joined);
			free(joined);
			bool in_site = strcmp(rel, "..") != 0 && !str_starts_with(rel, "../");
			*outside |= !in_site;
			bool inside = in_site && (sp->unrestricted || strcmp(base, ".") == 0 || path_under(rel, base));
			char *cand = path_join(root, rel);
			if (!inside || (!path_is_file(cand) && !path_is_dir(cand))) {
				free(rel);
				rel = NULL;
			}
			free(cand);
		} else if (path_is_file(base_path)) {
			char *dir = path_dirname(base);
			char *joined = path_join(dir, norm);
			rel = path_normalize(joined);
			if (strcmp(rel, base) != 0) {
				free(rel);
				rel = NULL;
			}
			free(joined);
			free(dir);
		}
		free(base_path);
		if (rel)
			return rel;
	}
	return NULL;
}

/* Reads the snippet a spec names, from inside the site only. NULL (with
 * a warning) when it cannot or may not be read: the line naming it is
 * then left out, as pymdownx leaves out a snippet it cannot find. */
static char *S_snippet_file(struct S_snip *sn, const char *spec, size_t sl, size_t *out_len, int line)
{
	struct ds_state *st = sn->st;
	struct S_snippets *sp = sn->self;
	S_read_options(sn, line);
	char *quoted = ds_quote(spec, sl);
	char *key = xasprintf("snippet:%s", quoted);
	char *result = NULL, *path = NULL, *norm = NULL, *rel = NULL;
	const char *stop = sp->check_paths ? " (MkDocs stops the build here: check_paths)" : "";
	char *spec_text = xstrndup(spec, sl);
	bool remote = url_is_http(spec_text);
	free(spec_text);
	if (remote) {
		ds_warn(st, line, key, "%s '%s' is on the web and %s: left out", sn->what, quoted,
			sp->url_download ? "sheaf fetches no snippets" : "the site does not download snippets (url_download)");
		goto out;
	}
	/* file, file:ranges or file:section (pymdownx's RE_SNIPPET_FILE:
	 * the shortest name after which the rest is one). */
	size_t colon = sl, nr = 0, sectlen = 0;
	long ranges[S_MAX_RANGES][2];
	const char *sect = NULL;
	for (size_t i = 0; i < sl && colon == sl; i++) {
		if (spec[i] != ':')
			continue;
		bool ident = i + 1 < sl && isalpha((unsigned char)spec[i + 1]);
		for (size_t k = i + 2; k < sl && ident; k++)
			ident = ds_ident(spec[k]);
		if (ident) {
			colon = i;
			sect = spec + i + 1;
			sectlen = sl - i - 1;
		} else if (S_ranges(spec + i, sl - i, ranges, &nr)) {
			colon = i;
		}
	}
	path = xstrndup(spec, colon);
	norm = path_normalize(path);
	const char *root = ds_site_root(st);
	const char *real_root = S_root_real(sn);
	bool outside = !*path || memchr(spec, '\0', colon) || path[0] == '/' || path[0] == '~';
	if (!outside && root && real_root)
		rel = S_lookup(sn, norm, &outside);
	if (!rel && outside) {
		ds_warn(st, line, key, "%s '%s' is outside the site: refused, left out%s", sn->what, quoted, stop);
		goto out;
	}
	if (!root || !real_root) {
		ds_warn(st, line, key, "%s '%s' cannot be looked up (no site folder): left out", sn->what, quoted);
		goto out;
	}
	if (!rel) {
		ds_warn(st, line, key, "%s '%s' was not found in the snippets' base_path: left out%s", sn->what, quoted,
			stop);
		goto out;
	}
	char *cand = path_join(root, rel);
	char real[PATH_MAX];
	struct stat sb;
	enum path_refusal why = path_confine(real, root, real_root, rel, false);
	if (why == PATH_OUTSIDE) {
		ds_warn(st, line, key, "%s '%s' leads outside the site: refused, left out", sn->what, quoted);
	} else if (why == PATH_HIDDEN || why == PATH_VCS) {
		/* Named as what it resolved to: a symlink names its target. */
		const char *below = *real ? path_under(real, real_root) : NULL;
		ds_warn(st, line, key, "%s '%s' refused: '%s' %s, left out", sn->what, quoted, below ? below : rel,
			path_refusal_why(why));
	} else if (why != PATH_OK || stat(real, &sb) != 0) {
		ds_warn(st, line, key, "%s '%s' is not a file: left out", sn->what, quoted);
	} else if ((size_t)sb.st_size > S_MAX_SNIPPET_FILE) {
		ds_warn(st, line, key, "%s '%s' is larger than 8 MiB: left out", sn->what, quoted);
	} else {
		char *data;
		size_t len;
		if (read_file(real, &data, &len) != 0) {
			ds_warn(st, line, key, "%s '%s' cannot be read: left out", sn->what, quoted);
		} else {
			char *clean;
			size_t clen;
			text_to_utf8(&clean, &clen, data, len, cand, st->dl);
			free(data);
			result = S_snippet_part(clean, clen, ranges, nr, sect, sectlen, sp->dedent, out_len);
			free(clean);
		}
	}
	free(cand);
out:
	free(rel);
	free(norm);
	free(path);
	free(key);
	free(quoted);
	return result;
}

static void S_snip_text(struct S_snip *sn, const char *md, size_t len, int depth, size_t fixed,
			const char *prefix, size_t plen);

/* The file line of a body line: this pass reads the body itself (its
 * own map, from its output, is still being written). */
static int S_file_line(const struct ds_state *st, size_t body_line)
{
	return st->first_line + (int)(body_line > (size_t)INT32_MAX / 2 ? 0 : body_line) - 1;
}

/* Pastes a snippet, each line indented like the line that named it.
 * False when spec is empty; true when the line is taken (the snippet
 * pasted, or left out with a warning). */
static bool S_snip_include(struct S_snip *sn, const char *spec, size_t sl, int depth, size_t srcline,
			   const char *prefix, size_t plen, const char *ind, size_t il)
{
	struct ds_state *st = sn->st;
	ds_trim(&spec, &sl);
	if (!sl)
		return false;
	size_t tlen;
	sn->any = true;
	char *text = S_snippet_file(sn, spec, sl, &tlen, S_file_line(st, srcline));
	if (!text)
		return true;
	if (tlen > sn->budget) {
		char *q = ds_quote(spec, sl);
		char *key = xasprintf("snippet:%s", q);
		ds_warn(st, S_file_line(st, srcline), key,
		       "snippet '%s' left out: the snippets of this post add more than 16 MiB", q);
		free(key);
		free(q);
		free(text);
		return true;
	}
	sn->budget -= tlen;
	if (!depth)
		ds_map_add(&st->snip, sn->lines + 1, srcline, true);
	char *np = xmalloc(plen + il + 1);
	memcpy(np, prefix, plen);
	memcpy(np + plen, ind, il);
	S_snip_text(sn, text, tlen, depth + 1, srcline, np, plen + il);
	free(np);
	free(text);
	return true;
}

static void S_snip_text(struct S_snip *sn, const char *md, size_t len, int depth, size_t fixed,
			const char *prefix, size_t plen)
{
	struct ds_state *st = sn->st;
	size_t i = 0, line = 0, no_close_from = DS_NONE;
	while (i < len) {
		const char *nl = memchr(md + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - md) + 1 : len;
		size_t le = nl ? next - 1 : len;
		if (le > i && md[le - 1] == '\r')
			le--;
		line++;
		size_t srcline = depth ? fixed : line;
		if (!depth)
			ds_map_add(&st->snip, sn->lines + 1, line, false);
		const char *l = md + i;
		size_t ln = le - i, f;
		ds_indent(l, ln, &f);
		size_t at = i;
		i = next;
		size_t semis = 0;
		while (f + semis < ln && l[f + semis] == ';')
			semis++;
		if (depth < S_MAX_SNIPPET_DEPTH && semis && S_marker(l, ln, f + semis)) {
			/* Escaped: one ';' less, the line as it is. */
			sn->any = true;
			S_snip_add(sn, prefix, plen);
			S_snip_add(sn, l, f);
			S_snip_add(sn, l + f + 1, next - at - f - 1);
			continue;
		}
		bool sect_start;
		const char *sect_name;
		size_t sect_len;
		if (S_section_marker(l, ln, &sect_start, &sect_name, &sect_len)) {
			/* A section's bounds show nowhere, the post's own too. */
			sn->any = true;
			continue;
		}
		size_t mark = S_marker(l, ln, f);
		if (depth < S_MAX_SNIPPET_DEPTH && mark) {
			size_t k = f + mark;
			while (k < ln && ds_sp(l[k]))
				k++;
			if (k < ln && (l[k] == '"' || l[k] == '\'')) {
				size_t e = ln;
				while (e > k + 1 && l[e - 1] != l[k])
					e--;
				if (k > f + mark && e > k + 1 && ds_is_blank(l + e, ln - e) &&
				    S_snip_include(sn, l + k + 1, e - k - 2, depth, srcline, prefix, plen, l, f))
					continue;
			} else if (k == ln && (no_close_from == DS_NONE || at < no_close_from)) {
				/* Block form: file names on the lines up to a closing --8<-- line. */
				size_t j = next, close = DS_NONE;
				while (j < len) {
					const char *nl2 = memchr(md + j, '\n', len - j);
					size_t nx = nl2 ? (size_t)(nl2 - md) + 1 : len;
					size_t f2, m2;
					ds_indent(md + j, nx - j, &f2);
					if ((m2 = S_marker(md, nx, j + f2)) && ds_is_blank(md + j + f2 + m2, nx - j - f2 - m2)) {
						close = j;
						break;
					}
					j = nx;
				}
				if (close == DS_NONE) {
					no_close_from = at;
				} else {
					size_t j2 = next, extra = 0;
					while (j2 < close) {
						const char *nl2 = memchr(md + j2, '\n', close - j2);
						size_t nx = nl2 ? (size_t)(nl2 - md) + 1 : close;
						const char *spec = md + j2;
						size_t sl = nx - j2;
						ds_trim(&spec, &sl);
						extra++;
						if (!sl) /* pymdownx: an empty line stays one */
							S_snip_add(sn, "\n", 1);
						else if (spec[0] != ';')
							S_snip_include(sn, spec, sl, depth, depth ? fixed : line + extra,
								       prefix, plen, l, f);
						j2 = nx;
					}
					/* The closing line. */
					const char *nl3 = memchr(md + close, '\n', len - close);
					i = nl3 ? (size_t)(nl3 - md) + 1 : len;
					line += extra + 1;
					continue;
				}
			}
		}
		S_snip_add(sn, prefix, plen);
		S_snip_add(sn, l, next - at);
		if (next == len && (!ln || md[len - 1] != '\n') && depth)
			S_snip_add(sn, "\n", 1);
	}
}

/* auto_append: pymdownx adds a block `--8<--` naming each file (a blank
 * line between them) after two blank lines at the end of every post; their
 * lines map to the post's last line. */
static void S_auto_append(struct S_snip *sn, size_t last)
{
	struct S_snippets *sp = sn->self;
	for (size_t i = 0; i < sp->append.n; i++) {
		const char *f = sp->append.v[i];
		/* Named for every post: a hidden file is refused here, once. */
		enum path_refusal why = path_check_rel(f);
		if (why == PATH_HIDDEN || why == PATH_VCS) {
			char *q = ds_quote(f, strlen(f));
			char *key = xasprintf("snippet-hidden:%s", q);
			ds_warn(sn->st, S_file_line(sn->st, last), key,
				"auto_append names '%s', which %s: refused, not appended", q, path_refusal_why(why));
			free(key);
			free(q);
			continue;
		}
		if (sn->out.len && sn->out.s[sn->out.len - 1] != '\n')
			S_snip_add(sn, "\n", 1);
		ds_map_add(&sn->st->snip, sn->lines + 1, last, true);
		S_snip_add(sn, "\n", 1);
		sn->what = "auto_append's snippet";
		S_snip_include(sn, f, strlen(f), 0, last, "", 0, "", 0);
		sn->what = "snippet";
	}
}

static bool S_pre(struct ds_state *st, const char *md, size_t len, struct strbuf *out, void *self)
{
	struct S_snippets *sp = self;
	struct S_snip sn = {.st = st, .self = self, .budget = S_MAX_SNIPPET_TOTAL, .what = "snippet"};
	S_read_options(&sn, st->first_line);
	if (!sp->append.n && ds_find(md, len, 0, "8<-", 3) == DS_NONE)
		return false;
	S_snip_text(&sn, md, len, 0, 0, "", 0);
	size_t last = ds_count_nl(md, len) + (len && md[len - 1] != '\n');
	S_auto_append(&sn, last ? last : 1);
	if (!sn.any) {
		st->snip.n = 0;
		sb_release(&sn.out);
		return false;
	}
	*out = sn.out;
	return true;
}

static void S_fini(void *self)
{
	struct S_snippets *sp = self;
	free(sp->root_real);
	sv_free(&sp->bases);
	sv_free(&sp->append);
}

const struct dialect dialect_snippets = {
	.name = "snippets",
	.state_size = sizeof(struct S_snippets),
	.fini = S_fini,
	.pre = S_pre,
};
