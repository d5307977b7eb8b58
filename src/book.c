#define _POSIX_C_SOURCE 200809L
#include "book.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chapter.h"
#include "cover.h"
#include "epub.h"
#include "fetch.h"
#include "hash.h"
#include "opf.h"
#include "imagefile.h"
#include "resources.h"
#include "sanitize.h"
#include "slug.h"
#include "template.h"
#include "toc.h"

#define PKG "EPUB/"

/* Where the posts of the site and of the book can be found by the names
 * links use: their paths in the site, and the URL paths they have on the
 * live site (permalink, `url`, `aliases`). */
struct S_index {
	struct strmap by_relpath; /* relpath → index in site_posts */
	struct strmap by_urlpath; /* normalized URL path → index in site_posts */
	struct strmap chapter_of; /* relpath → index in chapters */
	const struct post_list *site_posts;
	const char *site_url;
	const char *baseurl;
};

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

static void S_index_url(struct S_index *ix, const char *url, size_t post)
{
	if (!url || !*url)
		return;
	const char *path = url;
	if (url_classify(url) == URL_ABSOLUTE) {
		path = site_url_path(url, ix->site_url);
		if (!path)
			return;
	}
	char *key = S_norm_urlpath(path, ix->baseurl);
	if (!strmap_get(&ix->by_urlpath, key, NULL))
		strmap_put(&ix->by_urlpath, key, post);
	free(key);
}

static void S_index_build(struct S_index *ix, const struct post_list *site_posts,
			  const struct chapter *chs, size_t n, const struct site *site)
{
	memset(ix, 0, sizeof *ix);
	ix->site_posts = site_posts;
	ix->site_url = site->url;
	ix->baseurl = site->baseurl;
	for (size_t i = 0; i < n; i++)
		strmap_put(&ix->chapter_of, chs[i].post->relpath, i);
	for (size_t i = 0; i < site_posts->n; i++) {
		const struct post *p = site_posts->v[i];
		strmap_put(&ix->by_relpath, p->relpath, i);
		S_index_url(ix, p->live_url, i);
		S_index_url(ix, p->url, i);
		for (size_t k = 0; k < p->aliases.n; k++)
			S_index_url(ix, p->aliases.v[k], i);
	}
}

static void S_index_free(struct S_index *ix)
{
	strmap_free(&ix->by_relpath);
	strmap_free(&ix->by_urlpath);
	strmap_free(&ix->chapter_of);
}

/* The post a site path names: as written, as Markdown source of a folder
 * or page URL (`x/` → x.md, x/index.md, x/_index.md). */
static const struct post *S_post_by_path(const struct S_index *ix, const char *target)
{
	size_t i;
	if (strmap_get(&ix->by_relpath, target, &i))
		return ix->site_posts->v[i];
	static const char *const forms[] = {"%s.md", "%s/index.md", "%s/_index.md", "%s.markdown"};
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
		char *cand = xasprintf(forms[k], target);
		bool found = strmap_get(&ix->by_relpath, cand, &i);
		free(cand);
		if (found)
			return ix->site_posts->v[i];
	}
	return NULL;
}

static const struct post *S_post_by_url(const struct S_index *ix, const char *path)
{
	char *key = S_norm_urlpath(path, ix->baseurl);
	size_t i;
	bool found = strmap_get(&ix->by_urlpath, key, &i);
	free(key);
	return found ? ix->site_posts->v[i] : NULL;
}

static void S_set_href(xmlNodePtr a, const char *href)
{
	char *esc = url_escape(href);
	xmlSetProp(a, (const xmlChar *)"href", (const xmlChar *)esc);
	free(esc);
}

/* Points l at a post: inside the book when the post is in it (at the
 * heading its fragment names), else at the post's live URL. Returns false
 * when neither is possible. */
static bool S_link_to_post(struct chapter *chs, struct chapter *from, const struct S_index *ix,
			   const struct post *p, struct chapter_link *l, struct diag_list *dl)
{
	size_t c;
	if (strmap_get(&ix->chapter_of, p->relpath, &c)) {
		struct chapter *to = &chs[c];
		const char *id = l->fragment ? chapter_find_id(&to->names, l->fragment) : NULL;
		if (l->fragment && !id)
			diag_warning(dl, from->post->path, l->line, 0,
				     "link to '#%s' in '%s': no such heading there; the link goes to the "
				     "start of the post",
				     l->fragment, to->post->title);
		char *href = id ? xasprintf("%s#%s", to == from ? "" : path_basename(to->href), id)
				: xstrdup(path_basename(to->href));
		S_set_href(l->a, href);
		free(href);
		return true;
	}
	if (p->live_url) {
		char *href = l->fragment ? xasprintf("%s#%s", p->live_url, l->fragment) : xstrdup(p->live_url);
		S_set_href(l->a, href);
		free(href);
		return true;
	}
	return false;
}

static void S_resolve_links(struct chapter *chs, size_t n, const struct site *site,
			    const struct post_list *site_posts, struct diag_list *dl)
{
	struct S_index ix;
	S_index_build(&ix, site_posts, chs, n, site);
	for (size_t c = 0; c < n; c++) {
		struct chapter *ch = &chs[c];
		for (size_t i = 0; i < ch->nlinks; i++) {
			struct chapter_link *l = &ch->links[i];
			if (!l->target) {
				/* An absolute URL: the site's own URL of a post becomes a
				 * link inside the book; anything else stays as written. */
				const char *path = site_url_path(l->raw, site->url);
				const struct post *p = path ? S_post_by_url(&ix, path) : NULL;
				size_t k;
				if (p && strmap_get(&ix.chapter_of, p->relpath, &k))
					S_link_to_post(chs, ch, &ix, p, l, dl);
				continue;
			}
			const struct post *p = S_post_by_path(&ix, l->target);
			if (!p && l->raw[0] == '/')
				p = S_post_by_url(&ix, l->raw);
			if (!p && str_starts_with(l->raw, "@/")) {
				/* Zola's internal links name a file under content/. */
				char *rest = xstrndup(l->raw + 2, strcspn(l->raw + 2, "?#"));
				char *dec = url_decode(rest);
				char *joined = path_join(site->content_dir, dec);
				char *norm = path_normalize(joined);
				p = S_post_by_path(&ix, norm);
				free(norm);
				free(joined);
				free(dec);
				free(rest);
			}
			if (p && S_link_to_post(chs, ch, &ix, p, l, dl))
				continue;
			char *url = NULL;
			if (!str_starts_with(l->target, "..") && l->target[0] != '/')
				url = site_page_url(site, l->target);
			if (!url && l->raw[0] == '/' && l->raw[1] != '/' && site->url) {
				/* site->url may already end in the base path the link
				 * starts with (Hugo's baseURL https://h/sub/, Jekyll's
				 * baseurl /sub): do not say it twice. */
				const char *rest = l->raw;
				const char *host = strstr(site->url, "://");
				const char *upath = host ? strchr(host + 3, '/') : NULL;
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
				S_set_href(l->a, full);
				free(full);
				free(url);
				continue;
			}
			diag_warning(dl, ch->post->path, l->line, 0,
				     "link to '%s' leads outside the book%s; its text is kept without the link",
				     l->raw, site->url ? "" : " and the site's URL is unknown");
			xmlUnsetProp(l->a, (const xmlChar *)"href");
		}
	}
	S_index_free(&ix);
}

/* The path from the folder `from_dir` to the file `to` (both relative to
 * the site root and normalized; "." is the root). */
static char *S_relative(const char *from_dir, const char *to)
{
	struct strvec from = STRVEC_INIT, dest = STRVEC_INIT;
	const char *parts[2] = {strcmp(from_dir, ".") ? from_dir : "", to};
	struct strvec *vs[2] = {&from, &dest};
	for (int k = 0; k < 2; k++) {
		for (const char *p = parts[k]; *p;) {
			const char *slash = strchr(p, '/');
			size_t n = slash ? (size_t)(slash - p) : strlen(p);
			sv_push_owned(vs[k], xstrndup(p, n));
			p += n + (slash ? 1 : 0);
		}
	}
	size_t common = 0;
	while (common < from.n && common + 1 < dest.n && strcmp(from.v[common], dest.v[common]) == 0)
		common++;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = common; i < from.n; i++)
		sb_adds(&sb, "../");
	for (size_t i = common; i < dest.n; i++) {
		sb_adds(&sb, dest.v[i]);
		if (i + 1 < dest.n)
			sb_addc(&sb, '/');
	}
	sv_free(&from);
	sv_free(&dest);
	return sb_detach(&sb);
}

struct S_ref_ctx {
	const struct site *site;
	const struct post_list *posts;
	const struct post *from;
};

static const struct post *S_post_named(const struct post_list *posts, const char *path)
{
	static const char *const forms[] = {"%s", "%s.md", "%s/index.md", "%s/_index.md", "%s.markdown"};
	for (size_t k = 0; k < sizeof forms / sizeof *forms; k++) {
		char *cand = xasprintf(forms[k], path);
		char *norm = path_normalize(cand);
		free(cand);
		for (size_t i = 0; i < posts->n; i++) {
			if (strcmp(posts->v[i]->relpath, norm) == 0) {
				free(norm);
				return posts->v[i];
			}
		}
		free(norm);
	}
	return NULL;
}

/* A generator's reference to a page (Hugo ref/relref, Jekyll post_url and
 * link, Zola @/path) → a path from the referring post's folder to that
 * post's source, which the link stage then resolves like any link. */
static char *S_resolve_ref(void *data, const char *ref)
{
	const struct S_ref_ctx *c = data;
	const char *content = c->site->content_dir ? c->site->content_dir : ".";
	char *dir = path_dirname(c->from->relpath);
	const struct post *p = NULL;
	if (str_starts_with(ref, "@/"))
		ref += 2;
	char *bases[3] = {NULL, NULL, NULL};
	if (ref[0] == '/') {
		bases[0] = path_join(content, ref + 1);
		bases[1] = xstrdup(ref + 1);
	} else {
		bases[0] = path_join(dir, ref);
		bases[1] = path_join(content, ref);
		bases[2] = xstrdup(ref);
	}
	for (size_t i = 0; i < 3 && !p; i++)
		if (bases[i])
			p = S_post_named(c->posts, bases[i]);
	/* Jekyll's post_url names a post by its file name, without folder or
	 * extension ("2010-07-21-name", or "cat/2010-07-21-name"). */
	const char *last = path_basename(ref);
	for (size_t i = 0; !p && i < c->posts->n; i++) {
		const char *base = path_basename(c->posts->v[i]->relpath);
		const char *dot = strrchr(base, '.');
		size_t stem = dot ? (size_t)(dot - base) : strlen(base);
		if (strlen(last) == stem && strncmp(base, last, stem) == 0)
			p = c->posts->v[i];
	}
	char *out = NULL;
	if (p)
		out = S_relative(dir, p->relpath);
	for (size_t i = 0; i < 3; i++)
		free(bases[i]);
	free(dir);
	return out;
}

static void S_fetch_progress(void *data, size_t done, size_t total)
{
	(void)data;
	fprintf(stderr, "\rsheaf: fetching image %zu of %zu", done, total);
}

/* Only images stay in the cache: an error page served with status 200
 * is asked for again next time. */
static bool S_cacheable(const unsigned char *data, size_t len)
{
	const char *other;
	return media_type_sniff(data, len, &other) || other;
}

/* Downloads the remote images of every chapter (each URL once, many at a
 * time, or from the cache) and leaves in each image its bytes or why it
 * has none. */
static void S_fetch_images(struct chapter *chs, size_t n, const struct book_options *o)
{
	struct strmap index = STRMAP_INIT; /* URL → index in urls */
	struct strvec urls = STRVEC_INIT;
	for (size_t c = 0; c < n; c++)
		for (size_t i = 0; i < chs[c].nimages; i++) {
			const char *url = chs[c].images[i].url;
			if (url && !strmap_get(&index, url, NULL)) {
				strmap_put(&index, url, urls.n);
				sv_push(&urls, url);
			}
		}
	if (urls.n) {
		struct fetch_result *rs = xcalloc(urls.n, sizeof *rs);
		struct fetch_options fo = {.offline = o->offline, .cacheable = S_cacheable};
		if (o->progress)
			fo.progress = S_fetch_progress;
		fetch_all((const char *const *)urls.v, urls.n, rs, &fo);
		if (o->progress)
			fprintf(stderr, "\r\033[K");
		for (size_t c = 0; c < n; c++)
			for (size_t i = 0; i < chs[c].nimages; i++) {
				struct chapter_image *im = &chs[c].images[i];
				size_t k;
				if (!im->url || !strmap_get(&index, im->url, &k))
					continue;
				if (rs[k].data) {
					im->data = xmalloc(rs[k].len + 1);
					memcpy(im->data, rs[k].data, rs[k].len + 1);
					im->len = rs[k].len;
				} else {
					im->why = xstrdup(rs[k].not_cached ? "--offline, and not in the cache"
									   : rs[k].error);
				}
			}
		for (size_t k = 0; k < urls.n; k++)
			fetch_result_free(&rs[k]);
		free(rs);
	}
	strmap_free(&index);
	sv_free(&urls);
}

/* A name for the image's file in the book: the URL's last path segment. */
static char *S_url_name(const char *url)
{
	char *copy = xstrdup(url);
	copy[strcspn(copy, "?#")] = '\0';
	const char *host = strstr(copy, "://");
	const char *slash = strrchr(host ? host + 3 : copy, '/');
	char *name = url_decode(slash && slash[1] ? slash + 1 : "remote-image");
	free(copy);
	return name;
}

/* A remote image the fetch stage filled: stored in the book, or its alt
 * text shown as a link to its URL. */
static void S_remote_image(const struct chapter *ch, struct chapter_image *im,
			   struct resources *res, struct diag_list *dl)
{
	static const char data_url[] = "the data: URL";
	char *why = NULL;
	const char *other;
	if (!im->data) {
		why = xasprintf("remote image %s not fetched (%s)", im->url, im->why ? im->why : "?");
	} else if (!media_type_sniff(im->data, im->len, &other) && !other) {
		why = xasprintf("remote image %s left out: the server sent no image (PNG, JPEG, GIF, "
				"WebP or SVG) but something else, such as an error page", im->url);
	} else {
		const char *href;
		char *reason = NULL;
		char *name = S_url_name(im->url);
		if (resources_add_data(res, &href, im->data, im->len, name, &reason) == 0) {
			char *src = xasprintf("../%s", href);
			xmlSetProp(im->img, (const xmlChar *)"src", (const xmlChar *)src);
			free(src);
			if (!xmlHasProp(im->img, (const xmlChar *)"alt"))
				xmlSetProp(im->img, (const xmlChar *)"alt", (const xmlChar *)"");
		} else if (str_starts_with(reason, data_url)) {
			/* resources names the bytes after a data: URL; name the URL. */
			why = xasprintf("remote image %s%s", im->url, reason + strlen(data_url));
		} else {
			why = xasprintf("remote image %s: %s", im->url, reason);
		}
		free(reason);
		free(name);
	}
	if (why) {
		diag_warning(dl, ch->post->path, im->line, 0,
			     "%s; its alt text is shown instead, with the URL as a link", why);
		chapter_image_to_link(im->img, im->url);
		free(why);
	}
	im->img = NULL;
}

static void S_resolve_images(struct chapter *chs, size_t n, const struct site *site,
			     struct resources *res, struct diag_list *dl)
{
	for (size_t c = 0; c < n; c++) {
		struct chapter *ch = &chs[c];
		for (size_t i = 0; i < ch->nimages; i++) {
			struct chapter_image *im = &ch->images[i];
			const char *href;
			char *why;
			char *name = NULL;
			int rc;
			if (im->url) {
				S_remote_image(ch, im, res, dl);
				continue;
			}
			if (im->target) {
				char *file = image_file(site, ch->post, im->target, im->raw);
				rc = resources_add_image(res, &href, site->root, file, &why);
				free(file);
			} else {
				const char *base = path_basename(ch->href);
				name = xasprintf("%.*s-image-%zu.img", (int)(strlen(base) - strlen(".xhtml")), base, i + 1);
				rc = resources_add_data(res, &href, im->data, im->len, name, &why);
			}
			free(name);
			if (rc == 0) {
				char *src = xasprintf("../%s", href);
				xmlSetProp(im->img, (const xmlChar *)"src", (const xmlChar *)src);
				free(src);
				if (!xmlHasProp(im->img, (const xmlChar *)"alt"))
					xmlSetProp(im->img, (const xmlChar *)"alt", (const xmlChar *)"");
			} else {
				diag_warning(dl, ch->post->path, im->line, 0, "%s; the image's alt text is shown instead",
					     why);
				free(why);
				chapter_image_to_alt(im->img);
			}
			im->img = NULL;
		}
	}
}

static char *S_date_range(const struct post_list *posts)
{
	int lo = 0, hi = 0;
	for (size_t i = 0; i < posts->n; i++) {
		const struct date *d = &posts->v[i]->date;
		if (!d->valid)
			continue;
		if (!lo || d->year < lo)
			lo = d->year;
		if (d->year > hi)
			hi = d->year;
	}
	if (!lo)
		return xstrdup("");
	return lo == hi ? xasprintf("%d", lo) : xasprintf("%d\xE2\x80\x93%d", lo, hi);
}

static int S_titlepage(char **out, size_t *len, const struct book_options *o,
		       const struct post_list *posts, struct diag_list *dl)
{
	int ret = -1;
	char *tmpl = NULL, *origin = NULL, *text = NULL;
	struct tvars tv = TVARS_INIT;
	if (template_load(&tmpl, &origin, "titlepage.xhtml", o->templates_dir, dl) < 0)
		goto out;
	tvars_set(&tv, "title", o->title);
	tvars_set(&tv, "subtitle", o->subtitle);
	tvars_set(&tv, "language", o->language);
	tvars_set(&tv, "description", o->description);
	tvars_set(&tv, "site_url", o->source_url);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < o->creators.n; i++) {
		if (i)
			sb_adds(&sb, i + 1 == o->creators.n ? " and " : ", ");
		sb_adds(&sb, o->creators.v[i]);
	}
	tvars_set(&tv, "creators_text", sb.s);
	sb_release(&sb);
	tvars_set_list(&tv, "creators", &o->creators);
	char *range = S_date_range(posts);
	tvars_set(&tv, "date_range", range);
	free(range);
	char count[32];
	snprintf(count, sizeof count, "%zu", posts->n);
	tvars_set(&tv, "post_count", count);
	if (template_render(&text, tmpl, &tv, origin, dl) < 0)
		goto out;
	xmlDocPtr doc = xmlReadMemory(text, (int)strlen(text), origin, "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *err = xmlGetLastError();
		diag_error(dl, origin, err ? err->line : 0, 0,
			   "the title page is not well-formed XML after filling in: %s",
			   err && err->message ? err->message : "parse error");
		goto out;
	}
	xmlFreeDoc(doc);
	*len = strlen(text);
	*out = text;
	text = NULL;
	ret = 0;
out:
	tvars_free(&tv);
	free(tmpl);
	free(origin);
	free(text);
	return ret;
}

static int64_t S_modified(const struct book_options *o, const struct post_list *posts)
{
	if (o->have_epoch)
		return o->epoch;
	int64_t newest = 0;
	bool any = false;
	for (size_t i = 0; i < posts->n; i++) {
		const struct post *p = posts->v[i];
		const struct date *ds[2] = {&p->date, &p->updated};
		for (int k = 0; k < 2; k++) {
			if (!ds[k]->valid)
				continue;
			int64_t t = date_epoch(ds[k]);
			if (!any || t > newest)
				newest = t;
			any = true;
		}
	}
	/* Never the clock: the same posts must give the same bytes. */
	return any ? newest : 315532800; /* 1980-01-01, the first date a zip can hold */
}

struct S_items {
	struct opf_item *v;
	size_t n, cap;
};

static void S_item(struct S_items *it, const char *id, const char *href, const char *type,
		   const char *props, bool spine)
{
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 32;
		it->v = xrealloc(it->v, it->cap * sizeof *it->v);
	}
	it->v[it->n++] = (struct opf_item){id, href, type, props, spine};
}

/* The entries of the book, in their order, kept until all are built: the
 * package document comes third but depends on everything else. */
struct S_part {
	char *name;
	void *data; /* malloc'd */
	size_t len;
	bool store; /* compressed already: stored as is */
};

struct S_parts {
	struct S_part *v;
	size_t n, cap;
};

static void S_add(struct S_parts *b, const char *name, void *data, size_t len, bool store)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->v = xrealloc(b->v, b->cap * sizeof *b->v);
	}
	b->v[b->n++] = (struct S_part){xstrdup(name), data, len, store};
}

static void S_parts_free(struct S_parts *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].name);
		free(b->v[i].data);
	}
	free(b->v);
}

/* PNG, JPEG and GIF are deflated or better already: deflating them again
 * costs time for a few bytes at best. */
static bool S_compressed_media(const char *media_type)
{
	return strcmp(media_type, "image/png") == 0 || strcmp(media_type, "image/jpeg") == 0 ||
	       strcmp(media_type, "image/gif") == 0;
}

/* Writes the parts to output in their order; each one's bytes are freed
 * once written. Returns 0, or -1 after reporting an error (output
 * untouched). */
static int S_write_book(struct S_parts *b, const char *output, int64_t mtime,
			struct diag_list *dl)
{
	int ret = -1;
	struct epub_writer *w = NULL;
	struct epub_deflater *d = epub_deflater_new();
	if (epub_open(&w, output, mtime, dl) < 0)
		goto out;
	for (size_t i = 0; i < b->n; i++) {
		struct S_part *p = &b->v[i];
		struct epub_entry e;
		if (p->store) {
			epub_entry_store(&e, p->data, p->len);
		} else {
			epub_entry_deflate(&e, d, p->data, p->len);
			free(p->data);
		}
		p->data = NULL;
		int r = epub_write_entry(w, p->name, &e, dl);
		epub_entry_free(&e);
		if (r < 0)
			goto out;
	}
	ret = epub_commit(w, dl);
	w = NULL;
out:
	epub_abort(w);
	epub_deflater_free(d);
	return ret;
}

int book_build(const struct book_options *o, const struct site *site,
	       const struct post_list *posts, const char *output, struct diag_list *dl)
{
	int ret = -1;
	char *chapter_tmpl = NULL, *chapter_origin = NULL, *css = NULL, *css_origin = NULL;
	struct chapter *chs = xcalloc(posts->n ? posts->n : 1, sizeof *chs);
	size_t nchs = 0;
	struct resources res = RESOURCES_INIT;
	struct S_parts book = {NULL, 0, 0};
	struct strvec ids = STRVEC_INIT;
	struct S_items items = {NULL, 0, 0};
	struct cover cover;
	char *cover_range = S_date_range(posts);
	struct cover_text cover_text = {o->title, o->subtitle, &o->creators, cover_range, o->language};

	if (template_load(&chapter_tmpl, &chapter_origin, "chapter.xhtml", o->templates_dir, dl) < 0 ||
	    template_load(&css, &css_origin, "style.css", o->templates_dir, dl) < 0)
		goto out;
	/* First, so a --cover that cannot be used stops the run early, and the
	 * cover keeps its name (images/cover.*) whatever the posts hold. */
	struct fetch_options cover_fetch = {.offline = o->offline};
	if (cover_add(&cover, &res, o->cover, site, posts, &cover_text, &cover_fetch, dl) < 0)
		goto out;

	for (size_t i = 0; i < posts->n; i++) {
		struct S_ref_ctx rc = {site, o->site_posts ? o->site_posts : posts, posts->v[i]};
		struct dialect_context dc = {site->root, posts->v[i]->relpath, site->url, site->baseurl,
					     S_resolve_ref, &rc};
		/* Site-absolute paths (`/img/x.png`) start where the generator serves
		 * static files from: Hugo's static/, Jekyll's root, MkDocs' docs/. */
		struct convert_options co = {o->language, chapter_tmpl, chapter_origin,
					     site->static_dir ? site->static_dir : site->content_dir, i + 1,
					     site->gen->dialects, &dc};
		struct diag_list local = DIAG_LIST_INIT;
		if (o->progress)
			fprintf(stderr, "\rsheaf: converting post %zu of %zu", i + 1, posts->n);
		chapter_convert(&chs[i], posts->v[i], &co, &local);
		nchs = i + 1;
		diag_merge(dl, &local);
	}
	if (o->progress)
		fprintf(stderr, "\r\033[K");
	if (diag_count(dl, DIAG_ERROR))
		goto out;

	S_resolve_links(chs, nchs, site, o->site_posts ? o->site_posts : posts, dl);
	S_fetch_images(chs, nchs, o);
	S_resolve_images(chs, nchs, site, &res, dl);

	char uuid[37];
	uuid_v5_url(o->id_seed, uuid);
	char *uid = xasprintf("urn:uuid:%s", uuid);
	sv_push_owned(&ids, uid);

	size_t len;
	char *container = opf_container(PKG "content.opf", &len);
	/* First and stored, as OCF asks: readers find "application/epub+zip"
	 * at offset 38. */
	S_add(&book, "mimetype", xstrdup("application/epub+zip"), strlen("application/epub+zip"), true);
	S_add(&book, "META-INF/container.xml", container, len, false);

	/* The package document comes third but depends on everything else:
	 * reserve its place. */
	size_t opf_slot = book.n;
	S_add(&book, PKG "content.opf", NULL, 0, false);

	struct toc_input ti = {o->title, o->language, uid, "titlepage.xhtml", "nav.xhtml", "style.css",
			       chs, nchs, o->toc_depth, "cover.xhtml"};
	char *nav, *ncx, *title, *cover_xhtml;
	toc_nav(&nav, &len, &ti);
	S_add(&book, PKG "nav.xhtml", nav, len, false);
	toc_ncx(&ncx, &len, &ti);
	S_add(&book, PKG "toc.ncx", ncx, len, false);
	S_add(&book, PKG "style.css", css, strlen(css), false);
	css = NULL;
	if (cover_page(&cover_xhtml, &len, &cover, &cover_text, o->templates_dir, dl) < 0)
		goto out;
	S_add(&book, PKG "cover.xhtml", cover_xhtml, len, false);
	if (S_titlepage(&title, &len, o, posts, dl) < 0)
		goto out;
	S_add(&book, PKG "titlepage.xhtml", title, len, false);

	S_item(&items, "cover", "cover.xhtml", "application/xhtml+xml", NULL, true);
	S_item(&items, "titlepage", "titlepage.xhtml", "application/xhtml+xml", NULL, true);
	S_item(&items, "nav", "nav.xhtml", "application/xhtml+xml", "nav", true);
	S_item(&items, "ncx", "toc.ncx", "application/x-dtbncx+xml", NULL, false);
	S_item(&items, "css", "style.css", "text/css", NULL, false);
	for (size_t i = 0; i < nchs; i++) {
		xmlChar *xml;
		int xlen;
		if (chapter_serialize(&xml, &xlen, chs[i].doc) < 0) {
			diag_error(dl, posts->v[i]->path, 0, 0, "cannot serialize the chapter");
			goto out;
		}
		char *copy = xstrndup((const char *)xml, (size_t)xlen);
		xmlFree(xml);
		char *name = xasprintf(PKG "%s", chs[i].href);
		S_add(&book, name, copy, (size_t)xlen, false);
		free(name);
		char *id = xasprintf("ch-%03zu", i + 1);
		sv_push_owned(&ids, id);
		S_item(&items, id, chs[i].href, "application/xhtml+xml", chs[i].has_svg ? "svg" : NULL, true);
	}
	for (size_t i = 0; i < res.n; i++) {
		char *name = xasprintf(PKG "%s", res.v[i].href);
		S_add(&book, name, res.v[i].data, res.v[i].len, S_compressed_media(res.v[i].media_type));
		res.v[i].data = NULL;
		free(name);
		S_item(&items, res.v[i].id, res.v[i].href, res.v[i].media_type,
		       strcmp(res.v[i].href, cover.href) == 0 ? "cover-image" : NULL, false);
	}

	int64_t modified = S_modified(o, posts);
	char modified_iso[21], date_ymd[11];
	date_format_iso_utc(modified, modified_iso);
	const char *date = NULL;
	struct date newest = {0};
	for (size_t i = 0; i < posts->n; i++)
		if (posts->v[i]->date.valid && (!newest.valid || date_cmp(&posts->v[i]->date, &newest) > 0))
			newest = posts->v[i]->date;
	if (newest.valid) {
		date_format_ymd(&newest, date_ymd);
		date = date_ymd;
	}
	/* A generated cover repeats the title page's text: no visual content. */
	struct opf_input oi = {uid, o->title, o->subtitle, o->description, o->source_url,
			       &o->creators, &o->subjects, o->language, date, modified_iso,
			       res.n > (cover.generated ? 1u : 0u), o->series, o->series_position,
			       items.v, items.n, cover.id};
	char *opf;
	opf_package(&opf, &len, &oi);
	book.v[opf_slot].data = opf;
	book.v[opf_slot].len = len;

	if (diag_count(dl, DIAG_ERROR))
		goto out;
	if (S_write_book(&book, output, modified, dl) < 0)
		goto out;
	ret = 0;
out:
	for (size_t i = 0; i < nchs; i++)
		chapter_free(&chs[i]);
	free(chs);
	free(chapter_tmpl);
	free(chapter_origin);
	free(css);
	free(css_origin);
	resources_free(&res);
	S_parts_free(&book);
	sv_free(&ids);
	free(items.v);
	free(cover_range);
	return ret;
}
