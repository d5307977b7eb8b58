/* tmpl.c — what a site's shortcode shows, read from its template (see
 * tmpl.h). */
#include "convert/dialect/tmpl.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/url.h"

#define S_MAX_VARS 32
#define S_MAX_DEPTH 32

/* ------------------------------------------------------------------ */
/* Reading a template                                                   */
/* ------------------------------------------------------------------ */

struct S_var {
	char name[TMPL_KEY];
	struct tmpl_param p;
};

enum S_md { MD_NONE, MD_ALT, MD_SRC, MD_TEXT, MD_HREF };

struct S_reader {
	bool tera;
	struct tmpl_use *u;
	struct S_var vars[S_MAX_VARS];
	size_t nvars;
	struct tmpl_param dot[S_MAX_DEPTH]; /* Go: what `.` is inside each open block */
	size_t depth;
	/* Where the next action lands in the HTML or Markdown around it. */
	char tag[16];  /* the tag being written (lower case), "" outside one */
	char attr[16]; /* the attribute whose quoted value is open, "" when none */
	char quote;
	bool in_cap, in_a;
	enum S_md md;
};

static bool S_set(const struct tmpl_param *p)
{
	return p->pos >= 0 || p->key[0];
}

static void S_key(struct tmpl_param *p, const char *s, size_t n)
{
	if (n >= TMPL_KEY)
		n = TMPL_KEY - 1;
	memcpy(p->key, s, n);
	p->key[n] = '\0';
	p->pos = -1;
}

static const struct tmpl_param *S_var(const struct S_reader *r, const char *s, size_t n)
{
	for (size_t i = r->nvars; i-- > 0;)
		if (ds_eq(s, n, r->vars[i].name))
			return &r->vars[i].p;
	return NULL;
}

static void S_setvar(struct S_reader *r, const char *s, size_t n, const struct tmpl_param *p)
{
	if (n >= TMPL_KEY || r->nvars == S_MAX_VARS)
		return;
	struct S_var *v = &r->vars[r->nvars++];
	memcpy(v->name, s, n);
	v->name[n] = '\0';
	v->p = *p;
}

static bool S_idc(char c)
{
	return ds_alnum(c) || c == '_';
}

/* Go: the first parameter expression e[0..n) reads: `.Get "x"`, `.Get 0`,
 * `.Params.x`, `index .Params "x"`, a variable holding one, or `.` inside
 * a `with` of one. */
static bool S_go_param(const struct S_reader *r, const char *e, size_t n, struct tmpl_param *p)
{
	p->key[0] = '\0';
	p->pos = -1;
	for (size_t k = 0; k < n; k++) {
		if (e[k] == '"' || e[k] == '`') {
			char q = e[k];
			while (++k < n && e[k] != q)
				if (q == '"' && e[k] == '\\')
					k++;
			continue;
		}
		size_t a = DS_NONE;
		if (ds_at(e, n, k, ".Get") && (k + 4 >= n || !S_idc(e[k + 4])))
			a = k + 4;
		else if (ds_at(e, n, k, ".Params") && (k + 7 >= n || !S_idc(e[k + 7]))) {
			if (k + 8 < n && e[k + 7] == '.' && S_idc(e[k + 8])) {
				size_t b = k + 8, z = b;
				while (z < n && S_idc(e[z]))
					z++;
				S_key(p, e + b, z - b);
				return true;
			}
			if (k >= 6 && ds_at(e, n, k - 6, "index "))
				a = k + 7;
		}
		if (a != DS_NONE) {
			while (a < n && ds_sp(e[a]))
				a++;
			if (a < n && (e[a] == '"' || e[a] == '`' || e[a] == '\'')) {
				char q = e[a];
				size_t b = a + 1, z = b;
				while (z < n && e[z] != q)
					z++;
				if (z < n && z > b) {
					S_key(p, e + b, z - b);
					return true;
				}
			} else if (a < n && e[a] >= '0' && e[a] <= '9') {
				p->pos = atoi(e + a);
				return true;
			}
			continue;
		}
		if (e[k] == '$' && k + 1 < n && S_idc(e[k + 1])) {
			size_t z = k + 1;
			while (z < n && S_idc(e[z]))
				z++;
			const struct tmpl_param *v = S_var(r, e + k, z - k);
			if (v && S_set(v)) {
				*p = *v;
				return true;
			}
			k = z - 1;
			continue;
		}
		/* `.` alone: the value a `with` holds. */
		if (e[k] == '.' && (k + 1 >= n || !S_idc(e[k + 1])) && (k == 0 || !S_idc(e[k - 1])) && r->depth &&
		    S_set(&r->dot[r->depth - 1])) {
			*p = r->dot[r->depth - 1];
			return true;
		}
	}
	return false;
}

/* Tera: the first variable of e[0..n) that is a parameter (not a filter,
 * function, attribute, keyword argument or global), through `set`. */
static bool S_tera_param(const struct S_reader *r, const char *e, size_t n, struct tmpl_param *p)
{
	static const char *const globals[] = {"config", "page", "section", "nth", "lang", "current_url",
					      "current_path", "true", "false", "True", "False", "and", "or",
					      "not", "in", "is", "loop", "body", "if", "else", "none", NULL};
	p->key[0] = '\0';
	p->pos = -1;
	char prev = ' ';
	for (size_t k = 0; k < n; k++) {
		if (e[k] == '"' || e[k] == '\'' || e[k] == '`') {
			char q = e[k];
			while (++k < n && e[k] != q)
				;
			prev = q;
			continue;
		}
		if (!S_idc(e[k]) || (e[k] >= '0' && e[k] <= '9')) {
			if (!ds_sp(e[k]))
				prev = e[k];
			continue;
		}
		size_t b = k;
		while (k < n && S_idc(e[k]))
			k++;
		size_t z = k;
		while (z < n && ds_sp(e[z]))
			z++;
		bool skip = prev == '|' || prev == '.' || (z < n && e[z] == '(') ||
			    (z < n && e[z] == '=' && !(z + 1 < n && e[z + 1] == '='));
		for (const char *const *g = globals; *g && !skip; g++)
			skip = ds_eq(e + b, k - b, *g);
		prev = 'a';
		k--;
		if (skip)
			continue;
		const struct tmpl_param *v = S_var(r, e + b, k + 1 - b);
		if (v) {
			if (!S_set(v))
				continue;
			*p = *v;
		} else {
			S_key(p, e + b, k + 1 - b);
		}
		return true;
	}
	return false;
}

static bool S_param(const struct S_reader *r, const char *e, size_t n, struct tmpl_param *p)
{
	return r->tera ? S_tera_param(r, e, n, p) : S_go_param(r, e, n, p);
}

static void S_role(struct S_reader *r, enum tmpl_role role, const struct tmpl_param *p)
{
	if (!S_set(&r->u->roles[role]))
		r->u->roles[role] = *p;
	if (role == TR_SRC)
		r->u->figure = true;
	if (role == TR_HREF)
		r->u->link = true;
}

/* An action that writes e[0..n) where the reader is. */
static void S_output(struct S_reader *r, const char *e, size_t n)
{
	struct tmpl_param p;
	if (r->tera ? ds_find(e, n, 0, "body", 4) != DS_NONE : ds_find(e, n, 0, ".Inner", 6) != DS_NONE)
		r->u->inner = true;
	if (!S_param(r, e, n, &p))
		return;
	const char *t = r->tag, *a = r->attr;
	if (a[0] && (!strcmp(t, "img") || !strcmp(t, "source"))) {
		if (!strcmp(a, "src") || !strcmp(a, "data-src") || !strcmp(a, "srcset"))
			S_role(r, TR_SRC, &p);
		else if (!strcmp(a, "alt"))
			S_role(r, TR_ALT, &p);
		else if (!strcmp(a, "title"))
			S_role(r, TR_TITLE, &p);
	} else if (a[0] && !strcmp(t, "a") && !strcmp(a, "href")) {
		S_role(r, TR_HREF, &p);
	} else if (a[0] || t[0]) {
		/* another attribute: presentation */
	} else if (r->md == MD_SRC) {
		S_role(r, TR_SRC, &p);
	} else if (r->md == MD_ALT) {
		S_role(r, TR_ALT, &p);
	} else if (r->md == MD_HREF) {
		S_role(r, TR_HREF, &p);
	} else if (r->md == MD_TEXT || r->in_a) {
		S_role(r, TR_TEXT, &p);
	} else if (!strcmp(p.key, "title")) {
		S_role(r, TR_TITLE, &p);
	} else if (r->in_cap || !strcmp(p.key, "caption")) {
		S_role(r, TR_CAPTION, &p);
	} else {
		r->u->other = true;
	}
}

/* A Go action: control words, assignments, or output. */
static void S_go_action(struct S_reader *r, const char *e, size_t n)
{
	ds_trim(&e, &n);
	if (n >= 2 && e[0] == '/' && e[1] == '*')
		return;
	struct tmpl_param p = {"", -1};
	const char *w = e;
	size_t wl = 0;
	while (wl < n && S_idc(w[wl]))
		wl++;
	bool with = ds_eq(w, wl, "with"), opens = with || ds_eq(w, wl, "if") || ds_eq(w, wl, "range") ||
					      ds_eq(w, wl, "block") || ds_eq(w, wl, "define");
	if (ds_eq(w, wl, "end")) {
		if (r->depth)
			r->depth--;
		return;
	}
	if (ds_eq(w, wl, "else") || ds_eq(w, wl, "template") || ds_eq(w, wl, "return"))
		return;
	const char *x = opens ? e + wl : e;
	size_t xl = opens ? n - wl : n;
	ds_trim(&x, &xl);
	/* `$v := expr` / `$v = expr` */
	if (xl && x[0] == '$') {
		size_t z = 1;
		while (z < xl && S_idc(x[z]))
			z++;
		size_t q = z;
		while (q < xl && ds_sp(x[q]))
			q++;
		if (q < xl && (x[q] == '=' || ds_at(x, xl, q, ":="))) {
			size_t v = q + (x[q] == '=' ? 1 : 2);
			S_param(r, x + v, xl - v, &p);
			S_setvar(r, x, z, &p);
			if (opens && r->depth < S_MAX_DEPTH)
				r->dot[r->depth++] = with ? p : (struct tmpl_param){"", -1};
			return;
		}
	}
	if (opens) {
		if (with)
			S_param(r, x, xl, &p);
		else if (ds_eq(w, wl, "if") && r->depth)
			p = r->dot[r->depth - 1];
		if (r->depth < S_MAX_DEPTH)
			r->dot[r->depth++] = p;
		return;
	}
	S_output(r, e, n);
}

/* A Tera statement `{% … %}`: set and for name variables. */
static void S_tera_stmt(struct S_reader *r, const char *e, size_t n)
{
	ds_trim(&e, &n);
	struct tmpl_param p = {"", -1};
	size_t wl = 0;
	while (wl < n && S_idc(e[wl]))
		wl++;
	bool set = ds_eq(e, wl, "set") || ds_eq(e, wl, "set_global"), loop = ds_eq(e, wl, "for");
	if (!set && !loop)
		return;
	size_t b = wl;
	while (b < n && ds_sp(e[b]))
		b++;
	size_t z = b;
	while (z < n && S_idc(e[z]))
		z++;
	if (z == b)
		return;
	size_t v = z;
	if (set) {
		while (v < n && e[v] != '=')
			v++;
		v++;
	} else {
		v = ds_find(e, n, z, " in ", 4);
		if (v == DS_NONE)
			return;
		v += 4;
	}
	if (v < n)
		S_param(r, e + v, n - v, &p);
	S_setvar(r, e + b, z - b, &p);
}

/* Literal text between actions: follows the HTML tags and Markdown
 * images and links the actions land in. */
static void S_literal(struct S_reader *r, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char c = s[k];
		if (r->tag[0]) {
			if (r->quote) {
				if (c == r->quote)
					r->quote = '\0', r->attr[0] = '\0';
			} else if (c == '>') {
				if (!strcmp(r->tag, "a"))
					r->in_a = true;
				else if (!strcmp(r->tag, "figcaption"))
					r->in_cap = true;
				r->tag[0] = '\0';
			} else if (c == '"' || c == '\'') {
				r->quote = c;
			} else if (S_idc(c) || c == '-') {
				size_t b = k;
				while (k < n && (S_idc(s[k]) || s[k] == '-'))
					k++;
				size_t z = k;
				while (z < n && ds_wsnl(s[z]))
					z++;
				if (z < n && s[z] == '=') {
					size_t l = k - b < sizeof r->attr - 1 ? k - b : sizeof r->attr - 1;
					for (size_t j = 0; j < l; j++)
						r->attr[j] = (char)tolower((unsigned char)s[b + j]);
					r->attr[l] = '\0';
					k = z;
				} else {
					k--;
				}
			}
			continue;
		}
		if (c == '<') {
			bool close = k + 1 < n && s[k + 1] == '/';
			size_t b = k + 1 + close, z = b;
			while (z < n && ds_alnum(s[z]))
				z++;
			if (z == b)
				continue;
			char name[16];
			size_t l = z - b < sizeof name - 1 ? z - b : sizeof name - 1;
			for (size_t j = 0; j < l; j++)
				name[j] = (char)tolower((unsigned char)s[b + j]);
			name[l] = '\0';
			if (close) {
				if (!strcmp(name, "a"))
					r->in_a = false;
				else if (!strcmp(name, "figcaption"))
					r->in_cap = false;
			} else {
				memcpy(r->tag, name, l + 1);
				r->attr[0] = '\0';
				r->quote = '\0';
			}
			k = z - 1;
		} else if (c == '!' && k + 1 < n && s[k + 1] == '[' && r->md == MD_NONE) {
			r->md = MD_ALT;
			k++;
		} else if (c == '[' && r->md == MD_NONE) {
			r->md = MD_TEXT;
		} else if (c == ']' && k + 1 < n && s[k + 1] == '(' && (r->md == MD_ALT || r->md == MD_TEXT)) {
			r->md = r->md == MD_ALT ? MD_SRC : MD_HREF;
			k++;
		} else if (c == ')' || c == '\n') {
			if (r->md == MD_SRC || r->md == MD_HREF || c == '\n')
				r->md = MD_NONE;
		}
	}
}

void tmpl_read(struct tmpl_use *u, const char *text, size_t len, bool tera)
{
	memset(u, 0, sizeof *u);
	for (size_t i = 0; i < TR_NROLES; i++)
		u->roles[i].pos = -1;
	struct S_reader *r = xcalloc(1, sizeof *r);
	r->tera = tera;
	r->u = u;
	size_t i = 0;
	while (i < len) {
		size_t o = ds_find(text, len, i, "{", 1);
		while (o != DS_NONE && !(o + 1 < len && (text[o + 1] == '{' || (tera && (text[o + 1] == '%' || text[o + 1] == '#')))))
			o = ds_find(text, len, o + 1, "{", 1);
		if (o == DS_NONE) {
			S_literal(r, text + i, len - i);
			break;
		}
		S_literal(r, text + i, o - i);
		char kind = text[o + 1];
		const char *close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
		size_t e = ds_find(text, len, o + 2, close, 2);
		if (e == DS_NONE)
			break;
		size_t b = o + 2, z = e;
		if (b < z && text[b] == '-')
			b++;
		if (z > b && text[z - 1] == '-')
			z--;
		if (kind == '%')
			S_tera_stmt(r, text + b, z - b);
		else if (kind == '{' && tera)
			S_output(r, text + b, z - b);
		else if (kind == '{')
			S_go_action(r, text + b, z - b);
		i = e + 2;
	}
	free(r);
}

/* ------------------------------------------------------------------ */
/* Writing a call                                                       */
/* ------------------------------------------------------------------ */

size_t tmpl_figure(struct ds_inl *x, size_t i, size_t end, const struct tmpl_fig *f)
{
	const char *src = f->src, *alt = f->alt, *caption = f->caption, *title = f->title, *link = f->link;
	struct strbuf img = STRBUF_INIT, blk = STRBUF_INIT;
	if (src) {
		if (link) {
			sb_adds(&img, "<a href=\"");
			ds_esc(&img, link, strlen(link));
			sb_adds(&img, "\">");
		}
		sb_adds(&img, "<img src=\"");
		ds_esc(&img, src, strlen(src));
		sb_adds(&img, "\" alt=\"");
		const char *a = alt ? alt : caption ? caption : title ? title : "";
		ds_esc(&img, a, strlen(a));
		sb_addc(&img, '"');
		if (f->width && *f->width && strspn(f->width, "0123456789") == strlen(f->width))
			sb_addf(&img, " width=\"%s\"", f->width);
		if (f->height && *f->height && strspn(f->height, "0123456789") == strlen(f->height))
			sb_addf(&img, " height=\"%s\"", f->height);
		sb_adds(&img, " />");
		if (link)
			sb_adds(&img, "</a>");
	}
	size_t ls, after, used;
	if (ds_alone(x, i, end, &ls, &after)) {
		sb_adds(&blk, "<figure>\n");
		if (img.len) {
			sb_add(&blk, img.s, img.len);
			sb_addc(&blk, '\n');
		}
		if (title || caption || f->attr) {
			sb_adds(&blk, "<figcaption>\n");
			if (title) {
				sb_adds(&blk, "<p><strong>");
				ds_esc(&blk, title, strlen(title));
				sb_adds(&blk, "</strong></p>\n");
			}
			if (caption || f->attr) {
				sb_addc(&blk, '\n');
				for (const char *c = caption; c && *c; c++)
					sb_addc(&blk, *c == '\n' || *c == '\r' ? ' ' : *c);
				if (f->attr) {
					if (caption)
						sb_addc(&blk, ' ');
					if (f->attrlink)
						sb_addc(&blk, '[');
					ds_md_literal(&blk, f->attr, strlen(f->attr));
					if (f->attrlink) {
						sb_adds(&blk, "](");
						ds_url(&blk, f->attrlink, strlen(f->attrlink));
						sb_addc(&blk, ')');
					}
				}
				sb_adds(&blk, "\n\n");
			}
			sb_adds(&blk, "</figcaption>\n");
		}
		sb_adds(&blk, "</figure>");
		used = ds_put_block(x, i, end, blk.s, blk.len, false);
	} else {
		if (img.len)
			sb_add(x->out, img.s, img.len);
		if (caption) {
			sb_addc(x->out, ' ');
			for (const char *c = caption; *c; c++)
				sb_addc(x->out, *c == '\n' || *c == '\r' ? ' ' : *c);
		}
		used = end - i;
	}
	sb_release(&img);
	sb_release(&blk);
	return used;
}

static char *S_arg(const struct ds_call *sc, const struct tmpl_param *p)
{
	if (!S_set(p))
		return NULL;
	return p->key[0] ? ds_call_arg(sc, p->key, -1) : ds_call_arg(sc, NULL, p->pos);
}

static bool S_image_ext(const char *v, size_t n)
{
	static const char *const exts[] = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", NULL};
	for (const char *const *e = exts; *e; e++) {
		size_t el = strlen(*e);
		if (n >= el && ds_ieq(v + n - el, el, *e))
			return true;
	}
	return false;
}

/* A value naming an image file of the site: beside the post, or under
 * static/, assets/ or content/ (a site path, or a page resource's). */
static bool S_site_image(const struct ds_state *st, const char *v)
{
	const char *root = ds_site_root(st), *post = ds_post_relpath(st);
	size_t n = strcspn(v, "?#");
	struct url_parts up;
	url_split(&up, v);
	if (!root || !n || up.scheme.p || strstr(v, "..") || !S_image_ext(v, n))
		return false;
	char *rel = xstrndup(v[0] == '/' ? v + 1 : v, n - (v[0] == '/'));
	char *dir = post && v[0] != '/' ? path_dirname(post) : NULL;
	const char *bases[] = {dir, "static", "assets", "content", "."};
	bool found = false;
	for (size_t k = 0; k < sizeof bases / sizeof *bases && !found; k++) {
		if (!bases[k])
			continue;
		char *a = path_join(root, bases[k]), *b = path_join(a, rel);
		struct stat sb;
		found = stat(b, &sb) == 0 && S_ISREG(sb.st_mode);
		free(a);
		free(b);
	}
	free(dir);
	free(rel);
	return found;
}

static bool S_in(const char *k, size_t kl, const char *const *names)
{
	for (; *names; names++)
		if (ds_eq(k, kl, *names))
			return true;
	return false;
}

/* Shown by its parameters alone: an image of the site under an image's
 * name becomes the figure, text parameters stay as text. known: the
 * caller read the template (else, no figure made, something is lost). */
static size_t S_by_names(struct ds_inl *x, size_t i, const struct ds_call *sc, bool known, bool *lost)
{
	static const char *const images[] = {"src", "image", "img", "file", NULL};
	static const char *const texts[] = {"title", "caption", "alt", "text", "label", NULL};
	static const char *const style[] = {"class", "width", "height", "style", "align", "position",
					    "id", "loading", "lang", NULL};
	char *src = NULL;
	struct strbuf text = STRBUF_INIT;
	for (size_t k = 0; k < sc->na; k++) {
		const struct ds_arg *a = &sc->a[k];
		if (!a->key)
			*lost = true; /* a positional argument says nothing of what it is */
		else if (S_in(a->key, a->kl, style))
			continue;
		else if (S_in(a->key, a->kl, images) && !src) {
			char *v = xstrndup(a->val, a->vl);
			if (S_site_image(x->st, v))
				src = v;
			else
				free(v), *lost = true;
		} else if (!S_in(a->key, a->kl, texts)) {
			*lost = true;
		}
	}
	size_t used;
	if (src) {
		struct tmpl_fig f = {0};
		char *alt = ds_call_arg(sc, "alt", -1), *cap = ds_call_arg(sc, "caption", -1);
		char *title = ds_call_arg(sc, "title", -1);
		f.src = src, f.alt = alt, f.caption = cap, f.title = title;
		used = tmpl_figure(x, i, sc->end, &f);
		free(alt);
		free(cap);
		free(title);
		char *t = ds_call_arg(sc, "text", -1), *l = ds_call_arg(sc, "label", -1);
		*lost |= t || l;
		free(t);
		free(l);
	} else {
		*lost |= !known; /* what the shortcode itself shows is not known */
		for (const char *const *t = texts; *t; t++) {
			char *v = ds_call_arg(sc, *t, -1);
			if (v && *v) {
				if (text.len)
					sb_addc(&text, ' ');
				ds_md_literal(&text, v, strlen(v));
			}
			free(v);
		}
		size_t ls, after;
		if (text.len && ds_alone(x, i, sc->end, &ls, &after))
			used = ds_put_block(x, i, sc->end, text.s, text.len, true);
		else
			sb_add(x->out, text.s, text.len), used = sc->end - i;
	}
	free(src);
	sb_release(&text);
	return used;
}

size_t tmpl_show(struct ds_inl *x, size_t i, const struct ds_call *sc, const struct tmpl_use *u, bool *lost,
		 char **open_href)
{
	*lost = false;
	*open_href = NULL;
	if (u && u->figure) {
		char *src = S_arg(sc, &u->roles[TR_SRC]);
		if (src && *src) {
			char *alt = S_arg(sc, &u->roles[TR_ALT]), *cap = S_arg(sc, &u->roles[TR_CAPTION]);
			char *title = S_arg(sc, &u->roles[TR_TITLE]), *href = u->link ? S_arg(sc, &u->roles[TR_HREF]) : NULL;
			struct tmpl_fig f = {.src = src, .alt = alt, .caption = cap, .title = title, .link = href};
			size_t used = tmpl_figure(x, i, sc->end, &f);
			free(alt);
			free(cap);
			free(title);
			free(href);
			free(src);
			return used;
		}
		free(src);
	}
	if (u && u->link) {
		char *href = S_arg(sc, &u->roles[TR_HREF]);
		if (href && *href) {
			char *text = S_arg(sc, &u->roles[TR_TEXT]);
			if (!text && u->inner && !sc->selfclose) {
				sb_addc(x->out, '[');
				*open_href = href;
				return sc->end - i;
			}
			sb_addc(x->out, '[');
			const char *t = text && *text ? text : href;
			ds_md_literal(x->out, t, strlen(t));
			sb_adds(x->out, "](");
			ds_url(x->out, href, strlen(href));
			sb_addc(x->out, ')');
			free(text);
			free(href);
			return sc->end - i;
		}
		free(href);
	}
	size_t used = S_by_names(x, i, sc, u != NULL, lost);
	if (u && (u->figure || u->link || u->other || !u->inner))
		*lost = true;
	return used;
}

const struct tmpl_use *tmpl_cached(struct tmpl_cache *c, const struct site_data *sd, const struct site_template *t,
				   bool tera)
{
	if (!t || !t->text)
		return NULL;
	size_t ti = (size_t)(t - sd->tmpl);
	if (!c->uses) {
		c->uses = xcalloc(sd->ntmpl, sizeof *c->uses);
		c->read = xcalloc(sd->ntmpl, sizeof *c->read);
	}
	if (!c->read[ti]) {
		tmpl_read(&c->uses[ti], t->text, strlen(t->text), tera);
		c->read[ti] = true;
	}
	return &c->uses[ti];
}

void tmpl_cache_free(struct tmpl_cache *c)
{
	free(c->uses);
	free(c->read);
	c->uses = NULL;
	c->read = NULL;
}
