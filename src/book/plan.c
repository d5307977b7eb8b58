#define _POSIX_C_SOURCE 200809L
#include "book/plan.h"

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "convert/sanitize.h"

/* A URL path made comparable: decoded, query and fragment gone, no
 * trailing slash or index.html, always starting with '/'. */
static char *S_norm_urlpath(const char *path, const char *baseurl)
{
	char *copy = xstrdup(path);
	copy[strcspn(copy, "?#")] = '\0';
	char *dec = url_decode(copy);
	free(copy);
	const char *p = dec;
	if (baseurl && *baseurl && strcmp(baseurl, "/") != 0) {
		size_t lb = strlen(baseurl);
		while (lb && baseurl[lb - 1] == '/')
			lb--;
		const char *bp = baseurl[0] == '/' ? baseurl : NULL;
		if (bp && strncmp(p, bp, lb) == 0 && (p[lb] == '/' || !p[lb]))
			p += lb;
	}
	struct strbuf sb = STRBUF_INIT;
	if (*p != '/')
		sb_addc(&sb, '/');
	sb_adds(&sb, p);
	free(dec);
	char *s = sb_detach(&sb);
	size_t n = strlen(s);
	if (n >= 11 && strcmp(s + n - 11, "/index.html") == 0)
		s[(n -= 10)] = '\0';
	while (n > 1 && s[n - 1] == '/')
		s[--n] = '\0';
	return s;
}

static void S_index_url(struct plan *pl, const char *url, size_t post)
{
	if (!url || !*url)
		return;
	const char *path = url;
	if (url_classify(url) == URL_ABSOLUTE) {
		path = url_path_under(url, pl->site->url);
		if (!path)
			return;
	}
	char *key = S_norm_urlpath(path, pl->site->baseurl);
	if (!strmap_get(&pl->by_urlpath, key, NULL))
		strmap_put(&pl->by_urlpath, key, post);
	free(key);
}

void plan_build(struct plan *pl, const struct site *site, const struct post_list *book,
		const struct post_list *site_posts)
{
	memset(pl, 0, sizeof *pl);
	pl->site = site;
	pl->book = book;
	pl->site_posts = site_posts ? site_posts : book;
	refs_init(&pl->refs, site, pl->site_posts);
	pl->hrefs = xcalloc(book->n ? book->n : 1, sizeof *pl->hrefs);
	for (size_t i = 0; i < book->n; i++) {
		pl->hrefs[i] = chapter_href(book->v[i], i + 1);
		strmap_put(&pl->chapter_of, book->v[i]->relpath, i);
	}
	for (size_t i = 0; i < pl->site_posts->n; i++) {
		const struct post *p = pl->site_posts->v[i];
		S_index_url(pl, p->live_url, i);
		S_index_url(pl, p->url, i);
		for (size_t k = 0; k < p->aliases.n; k++)
			S_index_url(pl, p->aliases.v[k], i);
	}
}

void plan_free(struct plan *pl)
{
	for (size_t i = 0; pl->hrefs && i < pl->book->n; i++)
		free(pl->hrefs[i]);
	free(pl->hrefs);
	refs_free(&pl->refs);
	strmap_free(&pl->by_urlpath);
	strmap_free(&pl->chapter_of);
	memset(pl, 0, sizeof *pl);
}

static const struct post *S_post_by_url(const struct plan *pl, const char *path)
{
	char *key = S_norm_urlpath(path, pl->site->baseurl);
	size_t i;
	bool found = strmap_get(&pl->by_urlpath, key, &i);
	free(key);
	return found ? pl->site_posts->v[i] : NULL;
}

/* Sets a's href to href: a file of the book escaped, a live address
 * made valid by url_normalize. False (a's href untouched) when the address
 * cannot be made valid (a site URL with a host no URL may hold). */
static bool S_set_href(xmlNodePtr a, const char *href)
{
	char *esc = NULL;
	if (url_classify(href) != URL_ABSOLUTE)
		esc = url_escape(href);
	else if (url_normalize(&esc, href) != 0)
		return false;
	xmlSetProp(a, (const xmlChar *)"href", (const xmlChar *)esc);
	free(esc);
	return true;
}

/* Points l at a post: inside the book when the post is in it (at the
 * heading its fragment names), else at the post's live URL. Returns false
 * when neither is possible. */
static bool S_link_to_post(const struct plan *pl, const struct chapter *from, size_t self,
			   plan_names_fn names, void *names_data, const struct post *p,
			   struct chapter_link *l, struct diag_list *dl)
{
	size_t c;
	if (strmap_get(&pl->chapter_of, p->relpath, &c)) {
		const char *id = l->fragment ? chapter_find_id(names(names_data, c), l->fragment) : NULL;
		if (l->fragment && !id)
			diag_warning(dl, from->post->path, l->line, 0,
				     "link to '#%s' in '%s': no such heading there; the link goes to the "
				     "start of the post",
				     l->fragment, pl->book->v[c]->title);
		const char *file = path_basename(pl->hrefs[c]);
		char *href = id ? xasprintf("%s#%s", c == self ? "" : file, id) : xstrdup(file);
		S_set_href(l->a, href);
		free(href);
		return true;
	}
	if (p->live_url) {
		char *href = l->fragment ? xasprintf("%s#%s", p->live_url, l->fragment) : xstrdup(p->live_url);
		bool set = S_set_href(l->a, href);
		free(href);
		return set;
	}
	return false;
}

/* Whether the link shows nothing a reader could name it by (no text, no
 * image). */
static bool S_link_empty(xmlNodePtr a)
{
	for (xmlNodePtr c = a->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			return false;
		if (c->type == XML_TEXT_NODE && c->content)
			for (const xmlChar *t = c->content; *t; t++)
				if (*t != ' ' && *t != '\t' && *t != '\n' && *t != '\r')
					return false;
	}
	return true;
}

static bool S_site_has_file(const struct site *site, const char *relpath)
{
	char *abs = path_join(site->root, relpath);
	bool has = path_is_file(abs);
	free(abs);
	return has;
}

/* A link written without text (a generator's post_link without a title
 * is the post's title in the site) reads as what it points to. */
static void S_name_empty_link(struct chapter_link *l, const char *name)
{
	if (name && *name && S_link_empty(l->a))
		xmlNodeAddContent(l->a, (const xmlChar *)name);
}

void plan_resolve_links(const struct plan *pl, struct chapter *ch, size_t self, plan_names_fn names,
			void *names_data, struct diag_list *dl)
{
	const struct site *site = pl->site;
	for (size_t i = 0; i < ch->nlinks; i++) {
		struct chapter_link *l = &ch->links[i];
		if (!l->target) {
			/* An absolute URL: the site's own URL of a post becomes a
			 * link inside the book; anything else stays as written. */
			const char *path = url_path_under(l->raw, site->url);
			const struct post *p = path ? S_post_by_url(pl, path) : NULL;
			if (p && strmap_get(&pl->chapter_of, p->relpath, NULL))
				S_link_to_post(pl, ch, self, names, names_data, p, l, dl);
			S_name_empty_link(l, p ? p->title : l->raw);
			continue;
		}
		const struct post *p = refs_post_by_path(&pl->refs, l->target);
		if (!p && l->raw[0] == '/')
			p = S_post_by_url(pl, l->raw);
		if (!p)
			p = refs_post_by_ref(&pl->refs, ch->post->relpath, l->raw, true);
		if (p && S_link_to_post(pl, ch, self, names, names_data, p, l, dl)) {
			S_name_empty_link(l, p->title);
			continue;
		}
		S_name_empty_link(l, p ? p->title : l->raw);
		char *url = NULL;
		/* A site path names its page's address as written (`/map/`
		 * stays `/map/`); only one naming a file of the site needs the
		 * generator to tell that file's address. */
		bool site_path = l->raw[0] == '/' && l->raw[1] != '/';
		if (!str_starts_with(l->target, "..") && l->target[0] != '/' &&
		    (!site_path || S_site_has_file(site, l->target)))
			url = site_page_url(site, l->target);
		if (!url && l->raw[0] == '/' && l->raw[1] != '/' && site->url) {
			/* site->url may already end in the base path the link
			 * starts with (Hugo's baseURL https://h/sub/, Jekyll's
			 * baseurl /sub): do not say it twice. */
			const char *rest = l->raw;
			const char *upath = url_path(site->url);
			size_t lp = upath ? strlen(upath) : 0;
			while (lp && upath[lp - 1] == '/')
				lp--;
			if (lp && strncmp(rest, upath, lp) == 0 && (rest[lp] == '/' || !rest[lp]))
				rest += lp;
			url = xasprintf("%.*s%s", (int)(strlen(site->url) - (str_ends_with(site->url, "/") ? 1 : 0)),
					site->url, rest);
		}
		if (url) {
			char *full = l->fragment && !strchr(url, '#') ? xasprintf("%s#%s", url, l->fragment)
								     : xstrdup(url);
			bool set = S_set_href(l->a, full);
			free(full);
			free(url);
			if (set)
				continue;
		}
		diag_warning(dl, ch->post->path, l->line, 0,
			     "link to '%s' leads outside the book%s; its text is kept without the link",
			     l->raw, site->url ? "" : " and the site's URL is unknown");
		xmlUnsetProp(l->a, (const xmlChar *)"href");
	}
}
