/* fuzz_frontmatter.c — libFuzzer harness for the front-matter reader.
 *
 * The input is a whole post file: fm_split finds the front matter (YAML
 * between `---`, TOML between `+++`, or a JSON object), and the matching
 * parser reads it the way the site layer does (YAML aliases are errors);
 * the tree is walked with the lookups the site layer uses. The same bytes
 * are then read as config files (mkdocs.yml: YAML with aliases warned
 * about; hugo.toml / config.toml: TOML) and as a JSON object. Oracle: no
 * crash, no sanitizer report, no leak, and the invariants frontmatter.h
 * promises (offsets inside the input, 1-based positions, a diagnostic for
 * every failure, a tree only on success, unique keys).
 *
 * Built with -fsanitize=fuzzer for libFuzzer, or with driver.c as a plain
 * program that runs the files it is given (the regression test). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "input/frontmatter.h"
#include "base/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			fprintf(stderr, "fuzz_frontmatter: invariant failed: %s (%s:%d)\n", \
				#cond, __FILE__, __LINE__);                            \
			abort();                                                       \
		}                                                                      \
	} while (0)

static FILE *S_null;

/* Visits every node: positions, shapes, and the lookups of the site layer. */
static size_t S_walk(const struct fm_node *n, int first_line, int depth)
{
	size_t count = 1;
	CHECK(depth <= 200); /* frontmatter.c refuses more than 64 levels */
	CHECK(n->line >= first_line);
	CHECK(n->col >= 1);
	switch (n->kind) {
	case FM_SCALAR:
		CHECK(n->value != NULL);
		CHECK(n->n == 0);
		(void)fm_str(n);
		bool b;
		(void)fm_bool(n, &b);
		break;
	case FM_LIST:
	case FM_MAP:
		CHECK(n->n == 0 || n->items != NULL);
		CHECK(n->kind == FM_LIST || n->n == 0 || n->keys != NULL);
		for (size_t i = 0; i < n->n; i++) {
			CHECK(n->items[i] != NULL);
			if (n->kind == FM_MAP) {
				CHECK(n->keys[i] != NULL);
				/* "The last one wins": keys of a mapping are unique. */
				CHECK(fm_get(n, n->keys[i]) == n->items[i]);
			}
			count += S_walk(n->items[i], first_line, depth + 1);
		}
		break;
	default:
		CHECK(!"unknown node kind");
	}
	return count;
}

static void S_fields(const struct fm_node *root)
{
	static const char *const keys[] = {"title", "date", "updated", "draft", "tags",
					   "categories", "authors", "author", "description",
					   "slug", "site_name", "theme", "plugins", "nav", ""};
	struct strvec sv = STRVEC_INIT;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		const struct fm_node *v = fm_get(root, keys[i]);
		const char *s = fm_str(v);
		CHECK(!s || v->kind == FM_SCALAR);
		bool b;
		(void)fm_bool(v, &b);
		size_t before = sv.n;
		size_t added = fm_strings(v, &sv);
		CHECK(sv.n == before + added);
		for (size_t j = before; j < sv.n; j++)
			CHECK(sv.v[j] && *sv.v[j]);
	}
	(void)fm_str(fm_get_path(root, "date", "created", NULL));
	(void)fm_str(fm_get_path(root, "theme", "language", NULL));
	(void)fm_get_path(root, "plugins", "blog", "blog_dir", NULL);
	sv_free(&sv);
}

static void S_check_diags(const struct diag_list *dl, size_t from)
{
	for (size_t i = from; i < dl->n; i++) {
		CHECK(dl->v[i].message != NULL);
		CHECK(dl->v[i].line >= 0 && dl->v[i].col >= 0);
	}
}

enum S_lang { S_YAML_POST, S_YAML_CONFIG, S_TOML, S_JSON };

static void S_parse(enum S_lang lang, const char *buf, size_t len, const char *file,
		    int first_line, struct diag_list *dl)
{
	struct fm_node *root = (struct fm_node *)1; /* must be reset */
	size_t errors = diag_count(dl, DIAG_ERROR);
	size_t before = dl->n;
	int rc = -2;
	switch (lang) {
	case S_YAML_POST:
		rc = fm_parse_yaml(&root, buf, len, file, first_line, DIAG_ERROR, dl);
		break;
	case S_YAML_CONFIG:
		rc = fm_parse_yaml(&root, buf, len, file, first_line, DIAG_WARNING, dl);
		break;
	case S_TOML:
		rc = fm_parse_toml(&root, buf, len, file, first_line, dl);
		break;
	case S_JSON:
		rc = fm_parse_json(&root, buf, len, file, first_line, dl);
		break;
	}
	S_check_diags(dl, before);
	if (rc < 0) {
		CHECK(rc == -1);
		CHECK(root == NULL);
		CHECK(diag_count(dl, DIAG_ERROR) > errors);
		return;
	}
	CHECK(rc == 0);
	if (root) {
		S_walk(root, first_line, 0);
		S_fields(root);
	}
	fm_node_free(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!S_null)
		S_null = fopen("/dev/null", "w");
	/* An exact-size copy, so reading past the end is caught. */
	char *text = xmalloc(size ? size : 1);
	if (size)
		memcpy(text, data, size);
	struct diag_list dl = DIAG_LIST_INIT;

	/* As a post. */
	struct fm_split sp;
	int rc = fm_split(&sp, text, size, "posts/fuzz.md", &dl);
	if (rc < 0) {
		CHECK(rc == -1);
		CHECK(diag_count(&dl, DIAG_ERROR) == 1);
	} else {
		CHECK(rc == 0);
		CHECK(sp.body_off <= size);
		CHECK(sp.body_line >= 1);
		if (sp.format == FM_NONE) {
			CHECK(sp.body_off == 0 || sp.body_off == 3);
			CHECK(sp.body_line == 1);
		} else {
			CHECK(sp.format == FM_YAML || sp.format == FM_TOML || sp.format == FM_JSON);
			CHECK(sp.fm_line == (sp.format == FM_JSON ? 1 : 2));
			CHECK(sp.fm_off <= size && sp.fm_len <= size - sp.fm_off);
			CHECK(sp.fm_off + sp.fm_len <= sp.body_off);
			CHECK(sp.body_line >= sp.fm_line);
			enum S_lang lang = sp.format == FM_YAML   ? S_YAML_POST
					   : sp.format == FM_TOML ? S_TOML
								  : S_JSON;
			S_parse(lang, text + sp.fm_off, sp.fm_len, "posts/fuzz.md", sp.fm_line, &dl);
		}
	}

	/* As config files: mkdocs.yml, hugo.toml; and as a JSON object. */
	S_parse(S_YAML_CONFIG, text, size, "mkdocs.yml", 1, &dl);
	S_parse(S_TOML, text, size, "hugo.toml", 1, &dl);
	S_parse(S_JSON, text, size, "post.json", 1, &dl);

	diag_sort(&dl);
	if (S_null)
		diag_print(&dl, S_null, false, true);
	diag_list_free(&dl);
	free(text);
	return 0;
}
