/* snippets.c — MkDocs' `--8<--` snippets (pymdownx.snippets): files from
 * inside the site are pasted in, indented like the line that named them,
 * before any other Markdown processing (in code blocks too), as the
 * extension does. Pass 0: the whole text is replaced, and each of its lines
 * mapped to the body line it came from (a snippet's lines all to the line
 * that named it). */
#define _DEFAULT_SOURCE /* realpath */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/text.h"
#include "base/url.h"
#include "convert/dialect/scan.h"

#define S_MAX_SNIPPET_DEPTH 4 /* snippets including snippets */
#define S_MAX_SNIPPET_FILE ((size_t)8 << 20)
#define S_MAX_SNIPPET_TOTAL ((size_t)16 << 20)

struct S_snippets {
	char *root_real; /* realpath of the site root, once looked up */
	bool root_done;
};

struct S_snip {
	struct ds_state *st;
	struct S_snippets *self;
	struct strbuf out;
	size_t lines;  /* lines written to out */
	size_t budget; /* bytes snippets may still add */
	bool any;      /* a snippet was pasted */
};

static void S_snip_add(struct S_snip *sn, const char *s, size_t n)
{
	sb_add(&sn->out, s, n);
	for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		sn->lines++;
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

/* `--8<-- [start:name]` / `[end:name]` lines of a snippet file. */
static bool S_section_marker(const char *l, size_t n, bool *start, const char **name, size_t *nlen)
{
	size_t f;
	ds_indent(l, n, &f);
	if (!ds_at(l, n, f, "--8<--"))
		return false;
	size_t k = f + 6;
	while (k < n && ds_sp(l[k]))
		k++;
	if (ds_at(l, n, k, "[start:"))
		*start = true, k += 7;
	else if (ds_at(l, n, k, "[end:"))
		*start = false, k += 5;
	else
		return false;
	size_t b = k;
	while (k < n && l[k] != ']')
		k++;
	if (k >= n)
		return false;
	*name = l + b;
	*nlen = k - b;
	return ds_is_blank(l + k + 1, n - k - 1);
}

/* The part of a snippet file a spec asks for: lines a..b (1-based,
 * inclusive, 0 = open), or the lines between a named section's markers;
 * marker lines themselves never show. Ends with a newline. */
static char *S_snippet_part(const char *text, size_t len, size_t a, size_t b, const char *sect,
			    size_t sectlen, size_t *out_len)
{
	struct strbuf sb = STRBUF_INIT;
	bool in_sect = sect == NULL;
	size_t i = 0, line = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - text) + 1 : len;
		size_t le = nl ? next - 1 : len;
		if (le > i && text[le - 1] == '\r')
			le--;
		line++;
		bool start;
		const char *name;
		size_t nlen;
		if (S_section_marker(text + i, le - i, &start, &name, &nlen)) {
			if (sect && nlen == sectlen && memcmp(name, sect, nlen) == 0)
				in_sect = start;
		} else if (in_sect && (!a || line >= a) && (!b || line <= b)) {
			sb_add(&sb, text + i, le - i);
			sb_addc(&sb, '\n');
		}
		i = next;
	}
	if (!sb.s)
		sb_adds(&sb, "");
	*out_len = sb.len;
	return sb_detach(&sb);
}

/* Reads the snippet a spec names, from inside the site only. NULL (with
 * a warning) when it cannot or may not be read. */
static char *S_snippet_file(struct S_snip *sn, const char *spec, size_t sl, size_t *out_len, int line)
{
	struct ds_state *st = sn->st;
	char *quoted = ds_quote(spec, sl);
	char *key = xasprintf("snippet:%s", quoted);
	char *result = NULL;
	char *spec_text = xstrndup(spec, sl);
	bool remote = url_is_http(spec_text);
	free(spec_text);
	if (remote) {
		ds_warn(st, line, key, "snippet '%s' is on the web and is not fetched: the line is kept as written", quoted);
		goto out;
	}
	/* file[:a[:b]] or file:section, the suffix after the last '/'. */
	size_t slash = 0;
	for (size_t i = 0; i < sl; i++)
		if (spec[i] == '/')
			slash = i + 1;
	size_t colon = sl;
	for (size_t i = slash; i < sl; i++)
		if (spec[i] == ':') {
			colon = i;
			break;
		}
	size_t a = 0, b = 0;
	const char *sect = NULL;
	size_t sectlen = 0;
	if (colon < sl) {
		const char *suf = spec + colon + 1;
		size_t sufl = sl - colon - 1;
		bool digits = true, ident = sufl > 0;
		for (size_t i = 0; i < sufl; i++) {
			digits &= isdigit((unsigned char)suf[i]) || suf[i] == ':';
			ident &= ds_ident(suf[i]);
		}
		if (digits) {
			size_t i = 0;
			while (i < sufl && isdigit((unsigned char)suf[i]) && a < 100000000)
				a = a * 10 + (size_t)(suf[i++] - '0');
			if (i < sufl && suf[i] == ':')
				for (i++; i < sufl && isdigit((unsigned char)suf[i]) && b < 100000000; i++)
					b = b * 10 + (size_t)(suf[i] - '0');
		} else if (ident) {
			sect = suf;
			sectlen = sufl;
		} else {
			colon = sl;
		}
	}
	char *path = xstrndup(spec, colon);
	char *norm = path_normalize(path);
	const char *root = ds_site_root(st);
	const char *real_root = S_root_real(sn);
	if (!*path || memchr(spec, '\0', colon) || path[0] == '/' || path[0] == '~' ||
	    strcmp(norm, "..") == 0 || str_starts_with(norm, "../")) {
		ds_warn(st, line, key, "snippet '%s' is outside the site: refused, the line is kept as written", quoted);
		goto out_path;
	}
	if (!root || !real_root) {
		ds_warn(st, line, key, "snippet '%s' cannot be looked up (no site folder): the line is kept as written", quoted);
		goto out_path;
	}
	const char *post = ds_post_relpath(st);
	char *dir = post ? path_dirname(post) : xstrdup(".");
	char *cands[2];
	cands[0] = path_join(root, norm);
	char *beside = path_join(dir, norm);
	char *beside_norm = path_normalize(beside);
	cands[1] = str_starts_with(beside_norm, "../") || strcmp(beside_norm, "..") == 0
			   ? NULL
			   : path_join(root, beside_norm);
	free(beside);
	free(beside_norm);
	free(dir);
	bool found = false;
	for (size_t c = 0; c < 2 && !found; c++) {
		if (!cands[c])
			continue;
		char *real = realpath(cands[c], NULL);
		if (!real)
			continue;
		found = true;
		struct stat sb;
		if (!path_under(real, real_root)) {
			ds_warn(st, line, key, "snippet '%s' leads outside the site: refused, the line is kept as written", quoted);
		} else if (stat(real, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			ds_warn(st, line, key, "snippet '%s' is not a file: the line is kept as written", quoted);
		} else if ((size_t)sb.st_size > S_MAX_SNIPPET_FILE) {
			ds_warn(st, line, key, "snippet '%s' is larger than 8 MiB: the line is kept as written", quoted);
		} else {
			char *data;
			size_t len;
			if (read_file(real, &data, &len) != 0) {
				ds_warn(st, line, key, "snippet '%s' cannot be read: the line is kept as written", quoted);
			} else {
				char *clean;
				size_t clen;
				text_to_utf8(&clean, &clen, data, len, cands[c], st->dl);
				free(data);
				result = S_snippet_part(clean, clen, a, b, sect, sectlen, out_len);
				free(clean);
			}
		}
		free(real);
	}
	if (!found)
		ds_warn(st, line, key,
		       "snippet '%s' was not found in the site folder or beside the post: the line is kept as written",
		       quoted);
	free(cands[0]);
	free(cands[1]);
out_path:
	free(norm);
	free(path);
out:
	free(key);
	free(quoted);
	return result;
}

static void S_snip_text(struct S_snip *sn, const char *md, size_t len, int depth, size_t fixed,
			const char *prefix, size_t plen);

/* Pastes a snippet, each line indented like the line that named it. */
static bool S_snip_include(struct S_snip *sn, const char *spec, size_t sl, int depth, size_t srcline,
			   const char *prefix, size_t plen, const char *ind, size_t il)
{
	struct ds_state *st = sn->st;
	ds_trim(&spec, &sl);
	if (!sl)
		return false;
	size_t tlen;
	char *text = S_snippet_file(sn, spec, sl, &tlen, ds_line_of_text(st, srcline));
	if (!text)
		return false;
	if (tlen > sn->budget) {
		char *q = ds_quote(spec, sl);
		char *key = xasprintf("snippet:%s", q);
		ds_warn(st, ds_line_of_text(st, srcline), key,
		       "snippet '%s' left out: the snippets of this post add more than 16 MiB", q);
		free(key);
		free(q);
		free(text);
		return false;
	}
	sn->budget -= tlen;
	sn->any = true;
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
		if (depth < S_MAX_SNIPPET_DEPTH && ds_at(l, ln, f, ";--8<--")) {
			sn->any = true;
			S_snip_add(sn, prefix, plen);
			S_snip_add(sn, l, f);
			S_snip_add(sn, l + f + 1, next - at - f - 1);
			continue;
		}
		if (depth < S_MAX_SNIPPET_DEPTH && ds_at(l, ln, f, "--8<--")) {
			size_t k = f + 6;
			while (k < ln && ds_sp(l[k]))
				k++;
			if (k < ln && (l[k] == '"' || l[k] == '\'')) {
				size_t e = ln;
				while (e > k + 1 && l[e - 1] != l[k])
					e--;
				if (e > k + 1 && ds_is_blank(l + e, ln - e) &&
				    S_snip_include(sn, l + k + 1, e - k - 2, depth, srcline, prefix, plen, l, f))
					continue;
			} else if (k == ln && (no_close_from == DS_NONE || at < no_close_from)) {
				/* Block form: file names on the lines up to a closing --8<-- line. */
				size_t j = next, close = DS_NONE;
				while (j < len) {
					const char *nl2 = memchr(md + j, '\n', len - j);
					size_t nx = nl2 ? (size_t)(nl2 - md) + 1 : len;
					size_t f2;
					ds_indent(md + j, nx - j, &f2);
					if (ds_at(md, nx, j + f2, "--8<--") && ds_is_blank(md + j + f2 + 6, nx - j - f2 - 6)) {
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
						if (sl && spec[0] != ';')
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

static bool S_pre(struct ds_state *st, const char *md, size_t len, struct strbuf *out, void *self)
{
	if (ds_find(md, len, 0, "--8<--", 6) == DS_NONE)
		return false;
	struct S_snip sn = {.st = st, .self = self, .budget = S_MAX_SNIPPET_TOTAL};
	S_snip_text(&sn, md, len, 0, 0, "", 0);
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
}

const struct dialect dialect_snippets = {
	.name = "snippets",
	.state_size = sizeof(struct S_snippets),
	.fini = S_fini,
	.pre = S_pre,
};
