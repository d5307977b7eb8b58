/* jsliteral.h — the literals of JavaScript source, read without running it.
 *
 * Blog configurations and data files are JavaScript (eleventy.config.js,
 * .11tydata.js, `---js` front matter; Docusaurus and Astro configs too).
 * sheaf runs none of it: it reads the values that are written as literals
 * and reports everything else as "not a literal", never guessing.
 *
 * A literal is: a string ('…' or "…", with every JS escape: \n \r \t \b
 * \f \v \0, legacy octal, \xHH, \uHHHH, \u{H…}, surrogate pairs, line
 * continuations), a template literal without ${…} (CR LF read as LF), a
 * number (decimal, fraction, exponent, 0x/0o/0b, `_` separators, BigInt
 * `n`, an optional sign), true, false, null, and arrays and objects of
 * those (keys: identifiers, strings, numbers; trailing commas; comments
 * anywhere). A literal must stand alone: `"a" + b`, `[1].map(f)` and
 * `1 + 2` are not literals; a line break ends a value unless the next line
 * continues the expression (an operator, `.`, `(`, `[`).
 * Inside an array or object, a member that is not a literal is kept as
 * JS_COMPUTED with its source text; members without `key: value` shape
 * (methods, shorthand `{a}`, spreads, computed `[k]: v` keys) and array
 * holes are left out. Arrays and objects nest at most 16 deep; deeper is
 * not a literal. Regular-expression literals are not recognized by the
 * scanners (a `/` in one may read as a comment).
 *
 * Strings are UTF-8; U+0000 and lone surrogates become U+FFFD (C strings
 * cannot hold NUL). Numbers keep the text as written.
 *
 * Ownership: js_read gives a tree freed with js_value_free; js_call_string
 * returns a malloc'd string. Nothing is global.
 */
#ifndef SHEAF_JSLITERAL_H
#define SHEAF_JSLITERAL_H

#include <stdbool.h>
#include <stddef.h>

enum js_kind { JS_STRING, JS_NUMBER, JS_TRUE, JS_FALSE, JS_NULL, JS_ARRAY, JS_OBJECT, JS_COMPUTED };

struct js_value {
	enum js_kind kind;
	int line;                /* line of the value's first character */
	char *text;              /* STRING: the value, decoded; NUMBER, TRUE, FALSE, NULL:
				    as written; COMPUTED: its source text; NULL otherwise */
	size_t n;                /* ARRAY, OBJECT: number of members */
	size_t cap;              /* slots allocated in keys and items (the reader's) */
	char **keys;             /* OBJECT: keys, decoded */
	struct js_value **items; /* ARRAY items, OBJECT values */
};

/* Reads the literal starting at text[at] (after white space and comments)
 * up to len. first_line is the line number of text[0]. Returns 0 with *out
 * and *end (just past the literal), or -1 when the value there is not a
 * literal (computed, or malformed): *out NULL and *end past the expression
 * as js_skip_value finds it. */
int js_read(struct js_value **out, size_t *end, const char *text, size_t len, size_t at,
	    int first_line);
void js_value_free(struct js_value *v);

/* Past white space and comments from text[i]. */
size_t js_skip_space(const char *text, size_t len, size_t i);
/* Past the value or expression starting at text[i]: up to the next `,` or
 * `;`, or the closing bracket, at its own depth (strings, templates and
 * comments skipped). */
size_t js_skip_value(const char *text, size_t len, size_t i);

/* Where key is given a value in text[from..to): as an object property
 * (`key:`, `"key":`) or a declaration or assignment (`const key =`,
 * `key =`), the least nested occurrence winning (the first among equals).
 * Returns the position just past the `:` or `=`, or (size_t)-1. */
size_t js_find(const char *text, size_t from, size_t to, const char *key);

/* Where the arguments of the first call of fn in text start (just past
 * its `(`; `fn(` or `x.fn(`, comments and strings skipped), or (size_t)-1
 * when there is none. */
size_t js_call(const char *text, size_t len, const char *fn);
/* The string literal given as the first argument of the first call of
 * fn in text (`setInputDirectory("src")`; comments and strings skipped),
 * or NULL when there is no such call or its argument is not a string
 * literal. */
char *js_call_string(const char *text, size_t len, const char *fn);
/* The name text binds a module's default export to (malloc'd): `import X
 * from 'm'` (`import X, {…} from`, `import * as X from`), `X =
 * require('m')` (`require('m').default`); NULL when it imports module
 * under no name (comments skipped). */
char *js_import_name(const char *text, size_t len, const char *module);
/* Whether text[from..to) names module: name (what js_import_name gave;
 * may be NULL) as a whole identifier outside strings and comments, or a
 * string literal that is module itself (an inline `require('m')`). */
bool js_mentions(const char *text, size_t from, size_t to, const char *name, const char *module);
/* Whether the value at text[at] (a plugin list, `[remarkMath, [x, {…}]]`,
 * or a variable text gives one: `const plugins = […]`) names module, by
 * the name text imports it as or inline (js_mentions). */
bool js_value_mentions(const char *text, size_t len, size_t at, const char *module);

#endif
