/* markdoc.c — Markdoc's tags in `.mdoc` files (Astro's Markdoc
 * integration; markdoc.dev/docs/syntax), for a post's text to read without
 * them. Markdoc renders a tag through a component the site configures
 * (markdoc.config.mjs), which sheaf does not run:
 * - `{% name attrs %}` … `{% /name %}`: the tags go, what they enclose
 *   stays; a string attribute a reader sees (`title`, `label`, `caption`,
 *   `alt`, or the primary one, `{% callout "Note" %}`) stays as text; one
 *   warning per tag name and post. A self-closing `{% name /%}` goes, with
 *   its readable strings kept, warned about likewise.
 * - `{% $variable %}` and `{% functions() %}` are values sheaf cannot
 *   know: kept verbatim as code, with a warning.
 * - Annotations (`{% .class #id key=value %}` after a block) go silently,
 *   like attribute lists elsewhere.
 * Only files ending in `.mdoc` are read so; code is never rewritten. */
#include <stdlib.h>
#include <string.h>

#include "convert/dialect/scan.h"

struct S_mdoc {
	struct ds_cache c_close; /* pass 2, per paragraph: `%}` */
};

static bool S_is_mdoc(const struct ds_state *st)
{
	const char *p = ds_post_relpath(st);
	return p && str_ends_with(p, ".mdoc");
}

/* The readable string attributes of a tag's text t[0..n) (after its
 * name), appended to out as text. */
static void S_strings(struct strbuf *out, const char *t, size_t n)
{
	static const char *const keys[] = {"title", "label", "caption", "alt", NULL};
	for (size_t i = 0; i < n;) {
		while (i < n && ds_wsnl(t[i]))
			i++;
		size_t k = i;
		while (k < n && ds_ident(t[k]))
			k++;
		const char *key = t + i;
		size_t kl = k - i;
		if (k < n && t[k] == '=')
			k++;
		else
			kl = 0; /* a primary value: `"…"` right after the name */
		if (k < n && t[k] == '"') {
			size_t e = k + 1;
			while (e < n && t[e] != '"')
				e += t[e] == '\\' ? 2 : 1;
			bool readable = !kl && i == k;
			for (const char *const *w = keys; *w && !readable; w++)
				readable = ds_eq(key, kl, *w);
			if (readable && e > k + 1 && e <= n) {
				if (out->len && !ds_wsnl(out->s[out->len - 1]))
					sb_addc(out, ' ');
				ds_md_literal(out, t + k + 1, e - k - 1);
				sb_addc(out, ' ');
			}
			i = e + 1;
			continue;
		}
		/* Any other value: up to the next white space. */
		while (k < n && !ds_wsnl(t[k]))
			k++;
		i = k > i ? k : i + 1;
	}
}

static size_t S_brace(struct ds_inl *x, size_t i, void *self)
{
	struct S_mdoc *m = self;
	if (i + 1 >= x->n || x->s[i + 1] != '%' || !S_is_mdoc(x->st))
		return 0;
	size_t close = ds_cached(&m->c_close, x->s, x->n, i + 2, ds_find_lit, "%}");
	if (close == DS_NONE)
		return 0;
	const char *t = x->s + i + 2;
	size_t n = close - (i + 2);
	ds_trim(&t, &n);
	size_t len = close + 2 - i;
	int line = ds_inl_line(x, i);
	if (!n || t[0] == '/')
		return len; /* a closing tag */
	if (t[0] == '.' || t[0] == '#' || (n > 1 && ds_ident(t[0]) && memchr(t, '=', n) &&
					    !memchr(t, ' ', (size_t)((const char *)memchr(t, '=', n) - t))))
		return len; /* an annotation: attributes of the block before it */
	size_t nl = 0;
	while (nl < n && (ds_ident(t[nl]) || t[nl] == '-'))
		nl++;
	if (t[0] == '$' || !nl || (nl < n && t[nl] == '(')) {
		char *what = ds_quote(x->s + i, len);
		char *key = xasprintf("markdoc-value:%s", what);
		ds_warn(x->st, line, key, "Markdoc value %s is not computed: kept as code", what);
		free(key);
		free(what);
		ds_code_span(x->out, x->s + i, len);
		return len;
	}
	const char *body = t + nl;
	size_t bl = n - nl;
	if (bl && body[bl - 1] == '/')
		bl--;
	char *name = xstrndup(t, nl);
	char *key = xasprintf("markdoc:%s", name);
	ds_warn(x->st, line, key, "Markdoc tag {%% %s %%} is not rendered (its component is the site's): the tag is "
		"left out, its text kept", name);
	free(key);
	free(name);
	S_strings(x->out, body, bl);
	return len;
}

static void S_run_begin(void *self)
{
	struct S_mdoc *m = self;
	memset(&m->c_close, 0, sizeof m->c_close);
}

static const struct ds_trigger S_triggers[] = {{'{', S_brace}, {0, NULL}};

const struct dialect dialect_markdoc = {
	.name = "markdoc",
	.state_size = sizeof(struct S_mdoc),
	.title_size = sizeof(struct S_mdoc),
	.triggers = S_triggers,
	.run_begin = S_run_begin,
};
