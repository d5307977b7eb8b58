/* sitedata.c — the site data a generator hands its dialect passes (see
 * sitedata.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/path.h"
#include "input/site.h"
#include "input/sitedata.h"

/* A template larger than this is not one a post's call is read from. */
#define S_MAX_TEMPLATE ((size_t)256 << 10)

struct site_data *site_data_new(const struct site *site)
{
	struct site_data *sd = xcalloc(1, sizeof *sd);
	sd->site = site;
	return sd;
}

void site_data_free(struct site_data *sd)
{
	if (!sd)
		return;
	for (size_t i = 0; i < sd->ntmpl; i++) {
		free(sd->tmpl[i].name);
		free(sd->tmpl[i].path);
		free(sd->tmpl[i].text);
	}
	free(sd->tmpl);
	strmap_free(&sd->by_name);
	sv_free(&sd->admonitions);
	free(sd);
}

/* Adds a template unless its name is known; takes name. */
static void S_put(struct site_data *sd, char *name, const char *relpath)
{
	if (strmap_get(&sd->by_name, name, NULL)) {
		free(name);
		return;
	}
	char *text = NULL;
	size_t len = 0;
	/* path.h's rule: a theme folder symlinked out of the site shows
	 * nothing of what lies there. */
	if (path_read_confined(sd->site->root, NULL, relpath, S_MAX_TEMPLATE, &text, &len, NULL) != PATH_OK ||
	    memchr(text, '\0', len)) {
		free(text);
		text = NULL;
	}
	sd->tmpl = xrealloc(sd->tmpl, (sd->ntmpl + 1) * sizeof *sd->tmpl);
	sd->tmpl[sd->ntmpl] = (struct site_template){name, xstrdup(relpath), text};
	strmap_put(&sd->by_name, name, sd->ntmpl);
	sd->ntmpl++;
}

void site_data_add_templates(struct site_data *sd, const char *dir, const char *const *exts)
{
	if (!sd->site)
		return;
	struct strvec files = STRVEC_INIT;
	site_walk(sd->site->root, dir, exts, &files);
	size_t dl = strlen(dir);
	/* Plain names first, then those with a language or output format. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < files.n; i++) {
			const char *rel = files.v[i];
			if (strncmp(rel, dir, dl) != 0 || rel[dl] != '/')
				continue;
			const char *under = rel + dl + 1;
			const char *base = strrchr(under, '/');
			base = base ? base + 1 : under;
			const char *dot = strchr(base, '.');
			const char *last = strrchr(base, '.');
			if (!dot || dot == base || (pass == 0) != (dot == last))
				continue;
			char *name = xstrndup(under, (size_t)(dot - under));
			S_put(sd, name, rel);
		}
	}
	sv_free(&files);
}

const struct site_template *site_data_template(const struct site_data *sd, const char *name, size_t nl)
{
	if (!sd || !sd->ntmpl)
		return NULL;
	char *key = xstrndup(name, nl);
	size_t at;
	bool found = strmap_get(&sd->by_name, key, &at);
	free(key);
	return found ? &sd->tmpl[at] : NULL;
}

const struct fm_node *site_data_lookup(const struct fm_node *tree, const char *key, size_t kl)
{
	const struct fm_node *n = tree;
	size_t i = 0;
	while (n && i <= kl) {
		size_t e = i;
		while (e < kl && key[e] != '.')
			e++;
		if (e == i || n->kind != FM_MAP)
			return NULL;
		const struct fm_node *next = NULL;
		for (size_t k = 0; k < n->n && !next; k++)
			if (n->keys[k] && strlen(n->keys[k]) == e - i && strncasecmp(n->keys[k], key + i, e - i) == 0)
				next = n->items[k];
		n = next;
		i = e + 1;
	}
	return n;
}
