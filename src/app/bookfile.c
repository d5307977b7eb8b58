#include "app/bookfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/editdist.h"
#include "base/slug.h"
#include "base/util.h"

/* Where key lies on its value's line (the tree keeps the value's place
 * only): the column of the first occurrence of it as a whole word before
 * the value (`title` is not found inside `subtitle`), else the value's
 * column. */
static int S_key_col(const struct bookfile *bf, const struct fm_node *v, const char *key)
{
	const char *line = bf->text;
	for (int l = 1; l < v->line && line; l++) {
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	if (!line)
		return v->col;
	size_t kl = strlen(key);
	for (const char *at = line; (at = strstr(at, key)) && at - line + 1 < v->col; at++) {
		bool starts = at == line || !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", at[-1]);
		bool ends = !at[kl] || !strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", at[kl]);
		if (starts && ends)
			return (int)(at - line) + 1;
	}
	return v->col;
}

/* The nearest of a book's keys to a misspelt one, or NULL. */
static const char *S_near_key(const char *key)
{
	const char *near = cli_key_near(key, true);
	return near ? near : edit_distance(key, "name", 2) <= 2 ? "name" : NULL;
}

static bool S_is_bool(const struct fm_node *v)
{
	return v->kind == FM_SCALAR && v->plain && (strcmp(v->value, "true") == 0 || strcmp(v->value, "false") == 0);
}

static bool S_is_int(const struct fm_node *v)
{
	const char *s = v->value;
	if (v->kind != FM_SCALAR || !v->plain)
		return false;
	s += *s == '-' || *s == '+';
	return *s && strspn(s, "0123456789") == strlen(s);
}

static bool S_is_string(const struct fm_node *v)
{
	return v->kind == FM_SCALAR && !v->plain;
}

/* Whether v has the type key k takes in a book file; else an error at v
 * saying which. */
static bool S_type_ok(const struct bookfile *bf, const struct cli_key *k, const struct fm_node *v,
		      struct diag_list *dl)
{
	const char *want = NULL;
	if (k->type == CLI_FLAG && !S_is_bool(v)) {
		want = "true or false";
	} else if (k->type == CLI_LIST) {
		bool good = S_is_string(v) || v->kind == FM_LIST;
		for (size_t i = 0; good && v->kind == FM_LIST && i < v->n; i++)
			good = S_is_string(v->items[i]);
		if (!good)
			want = "a string or an array of strings";
	} else if (k->type == CLI_VALUE && k->number && !S_is_int(v)) {
		want = "a whole number";
	} else if (k->type == CLI_VALUE && k->date && !(S_is_string(v) || (v->kind == FM_SCALAR && !S_is_bool(v)))) {
		want = "a date (a string or a TOML date)";
	} else if (k->type == CLI_VALUE && !k->number && !k->date && !S_is_string(v)) {
		want = "a string (in quotes)";
	}
	if (want)
		diag_error(dl, bf->path, v->line, v->col, "%s: %s is expected", k->name, want);
	return !want;
}

/* One key's value into o, paths made relative to the file's folder. */
static void S_set(struct options *o, struct bookfile *bf, const struct cli_key *k, const struct fm_node *v,
		  struct diag_list *dl)
{
	if (k->type == CLI_LIST) {
		cli_clear(o, k);
		if (v->kind == FM_SCALAR)
			cli_set(o, k, v->value, bf->path, v->line, v->col, dl);
		for (size_t i = 0; v->kind == FM_LIST && i < v->n; i++)
			cli_set(o, k, v->items[i]->value, bf->path, v->items[i]->line, v->items[i]->col, dl);
		return;
	}
	const char *value = v->value;
	if (k->path && *value && *value != '/' && strcmp(value, "-") != 0 && strcmp(bf->dir, ".") != 0) {
		char *joined = path_join(bf->dir, value);
		sv_push_owned(&bf->kept, joined);
		value = joined;
	}
	cli_set(o, k, value, bf->path, v->line, v->col, dl);
}

/* The keys of one table applied to o: the defaults (top: the file's root,
 * whose `book` is the list of books) or a book's. A key that is not a
 * book's or a value of the wrong type is reported and left out. cli, when
 * not NULL, holds the keys the command line gave: those are left as they
 * are. */
static void S_apply(struct options *o, struct bookfile *bf, const struct fm_node *table, bool top,
		    const struct options *cli, struct diag_list *dl)
{
	for (size_t i = 0; i < table->n; i++) {
		const char *key = table->keys[i];
		const struct fm_node *v = table->items[i];
		if (strcmp(key, "name") == 0 || (top && strcmp(key, "book") == 0))
			continue;
		const struct cli_key *k = cli_key_find(key);
		int col = S_key_col(bf, v, key);
		if (!k || !k->book) {
			const char *near = S_near_key(key);
			if (k)
				diag_error(dl, bf->path, v->line, col,
					   "'%s' is an option of the command line, not of a book (--%s)", key, key);
			else if (v->kind == FM_MAP)
				diag_error(dl, bf->path, v->line, col, "unknown table '%s'%s%s%s", key,
					   near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
			else
				diag_error(dl, bf->path, v->line, col, "unknown key '%s'%s%s%s", key,
					   near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
			continue;
		}
		if (cli && cli->given[k - cli_keys()])
			continue;
		if (S_type_ok(bf, k, v, dl))
			S_set(o, bf, k, v, dl);
	}
}

/* The output of book i as the file names it (the book's, else the
 * defaults'), or NULL. */
static const struct fm_node *S_output(const struct bookfile *bf, size_t i)
{
	const struct fm_node *v = fm_get(bf->books[i].keys, "output");
	if (!v)
		v = fm_get(bf->root, "output");
	return v && S_is_string(v) ? v : NULL;
}

/* The checks of the whole file: names, outputs, and every value as its
 * option reads it. */
static void S_check(struct bookfile *bf, const struct fm_node *list, struct diag_list *dl)
{
	struct options scratch;
	struct diag_list quiet = DIAG_LIST_INIT;
	options_init(&scratch);
	S_apply(&scratch, bf, bf->root, true, NULL, dl);
	options_free(&scratch);
	if (fm_get(bf->root, "name")) {
		const struct fm_node *v = fm_get(bf->root, "name");
		diag_error(dl, bf->path, v->line, S_key_col(bf, v, "name"),
			   "'name' names one book: put it in a [[book]] table");
	}
	if (!list) {
		diag_error(dl, bf->path, 1, 1, "no [[book]] table: the file defines no book");
		return;
	}
	if (list->kind != FM_LIST) {
		diag_error(dl, bf->path, list->line, list->col, "'book' is a table of its own: write each as [[book]]");
		return;
	}
	bf->books = xcalloc(list->n ? list->n : 1, sizeof *bf->books);
	for (size_t i = 0; i < list->n; i++) {
		const struct fm_node *t = list->items[i];
		if (t->kind != FM_MAP) {
			diag_error(dl, bf->path, t->line, t->col, "each book is a table: write it as [[book]]");
			continue;
		}
		struct bookfile_book *b = &bf->books[bf->n++];
		b->keys = t;
		const struct fm_node *name = fm_get(t, "name");
		if (!name)
			diag_error(dl, bf->path, t->line, t->col, "this book has no name (name = \"…\", for --book)");
		else if (!S_is_string(name) || !*name->value)
			diag_error(dl, bf->path, name->line, name->col, "name: a string that is not empty is expected");
		else
			b->name = name->value;
		options_init(&scratch);
		/* The defaults were checked above: said once. */
		S_apply(&scratch, bf, bf->root, true, NULL, &quiet);
		S_apply(&scratch, bf, t, false, NULL, dl);
		options_free(&scratch);
	}
	char **outs = xcalloc(bf->n + 1, sizeof *outs);
	for (size_t i = 0; i < bf->n; i++) {
		const struct fm_node *o = S_output(bf, i);
		outs[i] = o ? path_normalize(o->value) : NULL;
	}
	for (size_t i = 0; i < bf->n; i++) {
		for (size_t j = 0; j < i; j++) {
			const struct bookfile_book *a = &bf->books[j], *b = &bf->books[i];
			if (a->name && b->name && str_ieq_utf8(a->name, b->name)) {
				const struct fm_node *v = fm_get(b->keys, "name");
				diag_error(dl, bf->path, v->line, v->col, "a second book named '%s' (the first is at line %d)",
					   b->name, fm_get(a->keys, "name")->line);
			}
			if (outs[i] && outs[j] && strcmp(outs[i], outs[j]) == 0) {
				const struct fm_node *oa = S_output(bf, j), *ob = S_output(bf, i);
				char *ba = a->name ? xasprintf("'%s'", a->name) : xasprintf("%zu", j + 1);
				char *bb = b->name ? xasprintf("'%s'", b->name) : xasprintf("%zu", i + 1);
				diag_error(dl, bf->path, ob->line, ob->col,
					   "book %s writes '%s', as book %s does (line %d): give each its own output", bb,
					   ob->value, ba, oa->line);
				free(ba);
				free(bb);
			}
		}
	}
	for (size_t i = 0; i < bf->n; i++)
		free(outs[i]);
	free(outs);
	diag_list_free(&quiet);
}

int bookfile_read(struct bookfile **out, const char *path, struct diag_list *dl)
{
	*out = NULL;
	char *text;
	size_t len;
	int r = read_file(path, &text, &len);
	if (r < 0) {
		diag_error(dl, path, 0, 0, "cannot read the book file: %s", strerror(-r));
		return -1;
	}
	struct bookfile *bf = xcalloc(1, sizeof *bf);
	bf->path = xstrdup(path);
	bf->dir = path_dirname(path);
	bf->text = text;
	size_t errors = diag_count(dl, DIAG_ERROR);
	if (fm_parse_toml(&bf->root, text, len, path, 1, dl) == 0)
		S_check(bf, fm_get(bf->root, "book"), dl);
	if (diag_count(dl, DIAG_ERROR) > errors) {
		bookfile_free(bf);
		return -1;
	}
	*out = bf;
	return 0;
}

int bookfile_find(const struct bookfile *bf, const char *name, struct diag_list *dl)
{
	for (size_t i = 0; i < bf->n; i++)
		if (str_ieq_utf8(bf->books[i].name, name))
			return (int)i;
	struct strbuf all = STRBUF_INIT;
	const char *near = NULL;
	size_t near_d = 3;
	char *want = slug_key(name);
	for (size_t i = 0; i < bf->n; i++) {
		sb_addf(&all, "%s%s", i ? ", " : "", bf->books[i].name);
		char *have = slug_key(bf->books[i].name);
		size_t d = edit_distance(want, have, 2);
		free(have);
		if (d < near_d) {
			near_d = d;
			near = bf->books[i].name;
		}
	}
	free(want);
	if (near)
		diag_error(dl, bf->path, 0, 0, "no book named '%s'; did you mean '%s'? (the books: %s)", name, near,
			   all.s);
	else
		diag_error(dl, bf->path, 0, 0, "no book named '%s' (the books: %s)", name, all.s);
	sb_release(&all);
	return -1;
}

int bookfile_options(struct options *out, struct bookfile *bf, size_t i, const struct options *cli,
		     struct diag_list *dl)
{
	options_copy(out, cli);
	/* The values were checked when the file was read: nothing new is
	 * said of them here. */
	struct diag_list quiet = DIAG_LIST_INIT;
	S_apply(out, bf, bf->root, true, cli, &quiet);
	S_apply(out, bf, bf->books[i].keys, false, cli, &quiet);
	diag_list_free(&quiet);
	const struct fm_node *t = bf->books[i].keys;
	if (cli_check(out, bf->path, t->line, t->col, dl) < 0) {
		options_free(out);
		return -1;
	}
	return 0;
}

void bookfile_free(struct bookfile *bf)
{
	if (!bf)
		return;
	free(bf->path);
	free(bf->dir);
	free(bf->text);
	fm_node_free(bf->root);
	free(bf->books);
	sv_free(&bf->kept);
	free(bf);
}
