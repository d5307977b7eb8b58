/* frontmatter.h — bytes of a post or config file → a small value tree.
 *
 * No generator knowledge lives here: it only finds the front-matter block
 * and turns YAML, TOML or JSON into fm_node trees with line and column
 * numbers, so the site layer can read fields and report problems where
 * they are. All three give the same model.
 *
 * Ownership: fm_parse_yaml, fm_parse_toml and fm_parse_json give the caller
 * a tree freed with fm_node_free. The libyaml parser and toml++'s tables
 * are created and deleted inside; nothing of either library (nor of C++:
 * TOML is read in frontmatter_toml.cpp) escapes this module.
 */
#ifndef SHEAF_FRONTMATTER_H
#define SHEAF_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "base/jsliteral.h"
#include "base/util.h"

enum fm_kind { FM_SCALAR, FM_LIST, FM_MAP };

struct fm_node {
	enum fm_kind kind;
	int line, col;          /* 1-based, in the file */
	char *value;            /* FM_SCALAR: the text */
	bool plain;             /* FM_SCALAR: unquoted, so may be a bool or null */
	char *tag;              /* YAML: the node's tag as libyaml resolves it
				   ("!ENV", "tag:yaml.org,2002:python/name:x"),
				   or NULL when untagged; other formats: NULL */
	size_t n;               /* FM_LIST / FM_MAP: number of items */
	size_t cap;             /* slots allocated in keys and items (fm_node_push's) */
	char **keys;            /* FM_MAP: keys */
	struct fm_node **items; /* FM_LIST items, FM_MAP values */
};

enum fm_format { FM_NONE, FM_YAML, FM_TOML, FM_JSON };

/* Where the front matter and the body of a post's text lie. */
struct fm_split {
	enum fm_format format;
	size_t fm_off, fm_len; /* the block between the fences */
	int fm_line;           /* file line of the block's first line */
	size_t body_off;       /* where the body starts */
	int body_line;         /* file line of the body's first line */
};

/* Finds a front-matter block at the very start of text (after an optional
 * UTF-8 BOM): YAML between `---` and `---` or `...`, TOML between `+++`
 * lines, or a JSON object (the first line starts with `{` and a string key
 * or `}` follows): the block is the object up to its matching `}`, braces
 * inside strings not counted (fm_line 1, the body after the brace's line).
 * CRLF tolerated. Returns 0 (format FM_NONE when there is no block), or -1
 * with a diagnostic when the block is opened but never closed. */
int fm_split(struct fm_split *out, const char *text, size_t len,
	     const char *file, struct diag_list *dl);

/* Parses YAML into a tree. first_line is the file line where buf starts.
 * Aliases are never followed (that is how a "billion laughs" document
 * expands): with alias_severity DIAG_ERROR the first one fails the parse;
 * with DIAG_WARNING (config files) one warning is given and aliases become
 * empty scalars.
 * Duplicate keys are warned about; the last one wins.
 * Returns 0 and *out (NULL for an empty document), or -1 after adding an
 * error to dl. */
int fm_parse_yaml(struct fm_node **out, const char *buf, size_t len,
		  const char *file, int first_line,
		  enum diag_severity alias_severity, struct diag_list *dl);
/* The same, with quiet_duplicates: the last of duplicate keys wins without
 * a word, as Ruby's Psych (Jekyll) reads YAML. */
int fm_parse_yaml_quiet(struct fm_node **out, const char *buf, size_t len, const char *file, int first_line,
			enum diag_severity alias_severity, bool quiet_duplicates, struct diag_list *dl);

/* Parses TOML (Hugo's and Zola's `+++` front matter, hugo.toml,
 * config.toml) into the same tree: tables are FM_MAP (keys in the
 * document's order), arrays FM_LIST, strings FM_SCALAR with plain false,
 * other values FM_SCALAR with plain true: booleans `true`/`false`,
 * integers in decimal, floats, dates as YYYY-MM-DD[Thh:mm:ss[.frac]
 * [Z|±hh:mm]] (an offset of zero is Z), times as hh:mm:ss. The root is
 * always a mapping (empty for an empty document). TOML forbids duplicate
 * keys: one is an error. Nesting deeper than 64 levels is refused.
 * Returns 0 and *out, or -1 after adding an error at the right line. */
int fm_parse_toml(struct fm_node **out, const char *buf, size_t len, const char *file,
		  int first_line, struct diag_list *dl);

/* Parses a JSON object (Hugo's `{` front matter) into the same tree, through
 * libyaml (JSON is YAML for the shapes front matter has); tabs outside
 * strings are read as spaces; aliases are errors. Returns 0 and *out, or
 * -1 after adding an error. */
int fm_parse_json(struct fm_node **out, const char *buf, size_t len, const char *file,
		  int first_line, struct diag_list *dl);

void fm_node_free(struct fm_node *node);
/* Appends child (owned by parent from now on) to a FM_LIST or FM_MAP, with
 * key (owned too) when it is a map. The readers build trees with it. */
void fm_node_push(struct fm_node *parent, char *key, struct fm_node *child);

/* A JavaScript literal (base/jsliteral) as a tree: strings are quoted
 * scalars, numbers, true, false and null plain ones (as written), arrays
 * lists, objects mappings; members that are not literals are left out.
 * NULL for NULL or a value that is not a literal. Column 1 throughout. */
struct fm_node *fm_from_js(const struct js_value *v);

/* Lookups: return NULL when map is not a mapping or has no such key. */
const struct fm_node *fm_get(const struct fm_node *map, const char *key);
/* Follows a path of keys: fm_get_path(root, "theme", "language", NULL). */
const struct fm_node *fm_get_path(const struct fm_node *map, ...);
/* A scalar's text, or NULL for non-scalars and YAML nulls. */
const char *fm_str(const struct fm_node *node);
/* A plain true/false/yes/no/on/off scalar; returns false when node is not one. */
bool fm_bool(const struct fm_node *node, bool *out);
/* A string, or a list of strings, appended to sv (a single string where a
 * list is expected is a list of one). Returns the number appended. */
size_t fm_strings(const struct fm_node *node, struct strvec *sv);
/* A person as sites write one: a string, or a mapping with `name`.
 * NULL for anything else. */
const char *fm_person(const struct fm_node *node);
/* People (authors): a person or a list of them (nested lists flattened),
 * each name appended to sv unless empty or already there (compared without
 * ASCII case). */
void fm_people(const struct fm_node *node, struct strvec *sv);

/* A size as people read it: "512 bytes", "12.5 KiB", "8.0 MiB". */
void fm_size_text(char *buf, size_t cap, size_t n);
/* Whether a front matter block of len bytes (of any format: YAML, TOML,
 * JSON, Eleventy's ---js) is within limit; when not, an error at
 * file:line that says both sizes. */
bool fm_size_ok(size_t len, size_t limit, const char *file, int line, struct diag_list *dl);

#endif
