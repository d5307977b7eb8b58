#include "base/jsliteral.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

#define S_MAX_DEPTH 16

/* Identifier characters: ASCII letters, digits, `_`, `$`, and every byte
 * of a non-ASCII character (JS identifiers may hold most of Unicode). */
static bool S_ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Length of a JS white-space or line-terminator character at t[i] that is
 * not ASCII (NBSP, BOM, LS, PS), else 0. */
static size_t S_wide_space(const char *t, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)t + i;
	if (i + 1 < len && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (i + 2 < len && ((u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) ||
			    (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))))
		return 3;
	return 0;
}

/* Past a comment starting at t[i], or i when there is none. */
static size_t S_skip_comment(const char *t, size_t len, size_t i)
{
	if (i + 1 >= len || t[i] != '/')
		return i;
	if (t[i + 1] == '/') {
		while (i < len && t[i] != '\n')
			i++;
		return i;
	}
	if (t[i + 1] == '*') {
		for (i += 2; i + 1 < len; i++)
			if (t[i] == '*' && t[i + 1] == '/')
				return i + 2;
		return len;
	}
	return i;
}

size_t js_skip_space(const char *t, size_t len, size_t i)
{
	for (;;) {
		size_t w;
		while (i < len && (isspace((unsigned char)t[i]) || (w = S_wide_space(t, len, i)) != 0))
			i += isspace((unsigned char)t[i]) ? 1 : w;
		size_t j = S_skip_comment(t, len, i);
		if (j == i)
			return i;
		i = j;
	}
}

static size_t S_skip_string(const char *t, size_t len, size_t i);

/* Past the bracketed code starting at t[i] ('{', '[' or '('): to its
 * matching close. */
static size_t S_skip_brackets(const char *t, size_t len, size_t i)
{
	int depth = 0;
	while (i < len) {
		size_t j = S_skip_comment(t, len, i);
		if (j != i) {
			i = j;
			continue;
		}
		char c = t[i];
		if (c == '"' || c == '\'' || c == '`') {
			i = S_skip_string(t, len, i);
			continue;
		}
		if (c == '{' || c == '[' || c == '(')
			depth++;
		else if ((c == '}' || c == ']' || c == ')') && --depth == 0)
			return i + 1;
		i++;
	}
	return len;
}

/* Past the string or template literal starting at t[i]; a template's
 * ${…} are skipped whole. An unterminated '…' or "…" ends at the line's end. */
static size_t S_skip_string(const char *t, size_t len, size_t i)
{
	char q = t[i++];
	while (i < len && t[i] != q) {
		if (t[i] == '\\') {
			i += 2;
			continue;
		}
		if (q != '`' && (t[i] == '\n' || t[i] == '\r'))
			return i;
		if (q == '`' && t[i] == '$' && i + 1 < len && t[i + 1] == '{') {
			i = S_skip_brackets(t, len, i + 1);
			continue;
		}
		i++;
	}
	return i < len ? i + 1 : len;
}

size_t js_skip_value(const char *t, size_t len, size_t i)
{
	int depth = 0;
	while (i < len) {
		char c = t[i];
		size_t j = S_skip_comment(t, len, i);
		if (j != i) {
			i = j;
			continue;
		}
		if (c == '"' || c == '\'' || c == '`') {
			i = S_skip_string(t, len, i);
			continue;
		}
		if (c == '{' || c == '[' || c == '(') {
			depth++;
		} else if (c == '}' || c == ']' || c == ')') {
			if (depth == 0)
				return i;
			depth--;
		} else if ((c == ',' || c == ';') && depth == 0) {
			return i;
		}
		i++;
	}
	return len;
}

/* ---- Strings ---- */

static int S_hex(char c)
{
	if (isdigit((unsigned char)c))
		return c - '0';
	if (isxdigit((unsigned char)c))
		return tolower((unsigned char)c) - 'a' + 10;
	return -1;
}

/* Appends a UTF-16 code unit or a code point; a high surrogate waits in
 * *high for its low half. */
static void S_put(struct strbuf *sb, unsigned *high, unsigned cp)
{
	char b[4];
	if (*high) {
		if (cp >= 0xDC00 && cp <= 0xDFFF) {
			cp = 0x10000 + ((*high - 0xD800) << 10) + (cp - 0xDC00);
			*high = 0;
			sb_add(sb, b, utf8_encode(b, cp));
			return;
		}
		*high = 0;
		sb_add(sb, b, utf8_encode(b, 0xFFFD));
	}
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		*high = cp;
		return;
	}
	if (cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
		cp = 0xFFFD;
	sb_add(sb, b, utf8_encode(b, cp));
}

/* A lone high surrogate before anything that is not an escape. */
static void S_flush(struct strbuf *sb, unsigned *high)
{
	if (*high) {
		char b[4];
		*high = 0;
		sb_add(sb, b, utf8_encode(b, 0xFFFD));
	}
}

/* Reads the escape after the backslash at t[*i] (*i past it on return).
 * Returns the code unit, -2 for a line continuation, or -1 when malformed. */
static long S_escape(const char *t, size_t len, size_t *i, char q)
{
	if (*i >= len)
		return -1;
	char c = t[(*i)++];
	switch (c) {
	case 'b': return 8;
	case 'f': return 12;
	case 'n': return 10;
	case 'r': return 13;
	case 't': return 9;
	case 'v': return 11;
	case '\r':
		if (*i < len && t[*i] == '\n')
			(*i)++;
		return -2;
	case '\n': return -2;
	case 'x': {
		int a = *i + 1 < len ? S_hex(t[*i]) : -1, b = a >= 0 ? S_hex(t[*i + 1]) : -1;
		if (b < 0)
			return -1;
		*i += 2;
		return a * 16 + b;
	}
	case 'u': {
		long v = 0;
		if (*i < len && t[*i] == '{') {
			size_t k = *i + 1, n = 0;
			for (; k < len && S_hex(t[k]) >= 0; k++, n++) {
				v = v * 16 + S_hex(t[k]);
				if (v > 0x10FFFF)
					return -1;
			}
			if (!n || k >= len || t[k] != '}')
				return -1;
			*i = k + 1;
			return v;
		}
		for (int n = 0; n < 4; n++) {
			int h = *i < len ? S_hex(t[*i]) : -1;
			if (h < 0)
				return -1;
			v = v * 16 + h;
			(*i)++;
		}
		return v;
	}
	default: break;
	}
	if (c >= '0' && c <= '9') {
		bool next_digit = *i < len && isdigit((unsigned char)t[*i]);
		if (c == '0' && !next_digit)
			return 0;
		if (q == '`')
			return -1; /* templates allow no octal escapes */
		if (c >= '8')
			return c;
		long v = c - '0';
		for (int n = 0; n < 2 && *i < len && t[*i] >= '0' && t[*i] <= '7' && v * 8 + (t[*i] - '0') <= 0377; n++)
			v = v * 8 + (t[(*i)++] - '0');
		return v;
	}
	/* LS and PS after a backslash continue the line too. */
	if ((unsigned char)c == 0xE2 && *i + 1 < len && (unsigned char)t[*i] == 0x80 &&
	    ((unsigned char)t[*i + 1] == 0xA8 || (unsigned char)t[*i + 1] == 0xA9)) {
		*i += 2;
		return -2;
	}
	(*i)--; /* any other character stands for itself, bytes copied as they are */
	return -3;
}

/* The string or template literal at t[i], decoded; -1 when it is
 * malformed, unterminated, or a template with ${…}. */
static int S_string(char **out, size_t *end, const char *t, size_t len, size_t i)
{
	char q = t[i++];
	struct strbuf sb = STRBUF_INIT;
	unsigned high = 0;
	while (i < len && t[i] != q) {
		char c = t[i];
		if (q == '`' && c == '$' && i + 1 < len && t[i + 1] == '{')
			goto fail;
		if (c == '\n' || c == '\r') {
			if (q != '`')
				goto fail;
			S_flush(&sb, &high);
			sb_addc(&sb, '\n');
			i += c == '\r' && i + 1 < len && t[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		if (c != '\\') {
			S_flush(&sb, &high);
			sb_addc(&sb, c);
			i++;
			continue;
		}
		i++;
		long v = S_escape(t, len, &i, q);
		if (v == -1)
			goto fail;
		if (v == -2) {
			S_flush(&sb, &high);
		} else if (v == -3) {
			S_flush(&sb, &high);
			sb_addc(&sb, t[i++]);
		} else {
			S_put(&sb, &high, (unsigned)v);
		}
	}
	if (i >= len)
		goto fail;
	S_flush(&sb, &high);
	*out = sb_detach(&sb);
	*end = i + 1;
	return 0;
fail:
	sb_release(&sb);
	return -1;
}

/* ---- Values ---- */

struct S_reader {
	const char *t;
	size_t len;
	int first_line;
	size_t line_pos; /* lines counted up to here */
	int line;
	int depth;
};

static int S_line(struct S_reader *r, size_t pos)
{
	if (pos < r->line_pos) {
		r->line_pos = 0;
		r->line = r->first_line;
	}
	for (; r->line_pos < pos; r->line_pos++)
		r->line += r->t[r->line_pos] == '\n';
	return r->line;
}

static struct js_value *S_new(enum js_kind kind, int line)
{
	struct js_value *v = xcalloc(1, sizeof *v);
	v->kind = kind;
	v->line = line;
	return v;
}

/* Grows by doubling: one element per realloc is quadratic under ASan. */
static void S_push(struct js_value *parent, char *key, struct js_value *item)
{
	size_t cap = parent->cap, kcap = parent->cap;
	parent->items = xgrow(parent->items, parent->n, &cap, sizeof *parent->items);
	if (parent->kind == JS_OBJECT)
		parent->keys = xgrow(parent->keys, parent->n, &kcap, sizeof *parent->keys);
	parent->cap = cap;
	if (parent->kind == JS_OBJECT)
		parent->keys[parent->n] = key;
	parent->items[parent->n++] = item;
}

/* Past the numeric literal at t[i], or i when there is none. */
static size_t S_number(const char *t, size_t len, size_t i)
{
	size_t k = i;
	if (k < len && (t[k] == '-' || t[k] == '+'))
		k++;
	if (k + 1 < len && t[k] == '0' && t[k + 1] && strchr("xXoObB", t[k + 1])) {
		const char *digits = strchr("xX", t[k + 1]) ? "0123456789abcdefABCDEF_"
				     : strchr("oO", t[k + 1]) ? "01234567_"
							      : "01_";
		size_t start = k += 2;
		while (k < len && t[k] && strchr(digits, t[k]))
			k++;
		if (k == start)
			return i;
		if (k < len && t[k] == 'n')
			k++;
	} else {
		size_t digits = 0;
		bool integer = true;
		for (; k < len && (isdigit((unsigned char)t[k]) || t[k] == '_'); k++)
			digits++;
		if (k < len && t[k] == '.') {
			integer = false;
			for (k++; k < len && (isdigit((unsigned char)t[k]) || t[k] == '_'); k++)
				digits++;
		}
		if (!digits)
			return i;
		if (k < len && (t[k] == 'e' || t[k] == 'E')) {
			size_t e = k + 1;
			if (e < len && (t[e] == '+' || t[e] == '-'))
				e++;
			size_t s = e;
			while (e < len && isdigit((unsigned char)t[e]))
				e++;
			if (e == s)
				return i;
			k = e;
			integer = false;
		}
		if (integer && k < len && t[k] == 'n')
			k++;
	}
	return k < len && S_ident_char(t[k]) ? i : k;
}

/* Whether a value ending at t[i] stands alone: a separator, a closing
 * bracket or the end follows, or a line break and then something that
 * does not continue an expression (automatic semicolon insertion). */
static bool S_stands_alone(const char *t, size_t len, size_t i)
{
	size_t j = js_skip_space(t, len, i);
	if (j >= len || (t[j] && strchr(",;}])", t[j])))
		return true;
	bool newline = memchr(t + i, '\n', j - i) || memchr(t + i, '\r', j - i);
	return newline && !(t[j] && strchr("+-*/%.?&|=<>[(`^,:", t[j]));
}

static int S_value(struct S_reader *r, size_t i, struct js_value **out, size_t *end);

static int S_container(struct S_reader *r, size_t i, struct js_value **out, size_t *end)
{
	const char *t = r->t;
	size_t len = r->len;
	bool object = t[i] == '{';
	char close = object ? '}' : ']';
	struct js_value *v = S_new(object ? JS_OBJECT : JS_ARRAY, S_line(r, i));
	i++;
	for (;;) {
		i = js_skip_space(t, len, i);
		if (i >= len)
			break;
		if (t[i] == close) {
			*out = v;
			*end = i + 1;
			return 0;
		}
		if (t[i] == ',') {
			i++;
			continue;
		}
		if (strchr("}]);", t[i]))
			break; /* a bracket that does not match */
		char *key = NULL;
		if (object) {
			if (t[i] == '"' || t[i] == '\'') {
				if (S_string(&key, &i, t, len, i) < 0)
					key = NULL;
			} else if (S_ident_char(t[i])) {
				size_t k = i;
				while (k < len && S_ident_char(t[k]))
					k++;
				key = xstrndup(t + i, k - i);
				i = k;
			}
			i = js_skip_space(t, len, i);
			if (!key || i >= len || t[i] != ':') {
				/* a method, a shorthand, a spread, a computed key */
				free(key);
				i = js_skip_value(t, len, i);
				continue;
			}
			i = js_skip_space(t, len, i + 1);
		}
		struct js_value *item = NULL;
		size_t after;
		if (S_value(r, i, &item, &after) < 0) {
			after = js_skip_value(t, len, i);
			if (after == i) {
				free(key);
				break; /* no value at all: `{a: }` */
			}
			size_t e = after;
			while (e > i && isspace((unsigned char)t[e - 1]))
				e--;
			item = S_new(JS_COMPUTED, S_line(r, i));
			item->text = xstrndup(t + i, e - i);
		}
		S_push(v, key, item);
		i = after;
	}
	js_value_free(v);
	return -1;
}

static int S_value(struct S_reader *r, size_t i, struct js_value **out, size_t *end)
{
	const char *t = r->t;
	size_t len = r->len, k;
	i = js_skip_space(t, len, i);
	if (i >= len)
		return -1;
	char c = t[i];
	struct js_value *v = NULL;
	if (c == '"' || c == '\'' || c == '`') {
		char *s;
		if (S_string(&s, &k, t, len, i) < 0)
			return -1;
		v = S_new(JS_STRING, S_line(r, i));
		v->text = s;
	} else if (c == '[' || c == '{') {
		if (r->depth >= S_MAX_DEPTH)
			return -1;
		r->depth++;
		int rc = S_container(r, i, &v, &k);
		r->depth--;
		if (rc < 0)
			return -1;
	} else if ((k = S_number(t, len, i)) > i) {
		v = S_new(JS_NUMBER, S_line(r, i));
		v->text = xstrndup(t + i, k - i);
	} else {
		static const char *const words[] = {"true", "false", "null"};
		static const enum js_kind kinds[] = {JS_TRUE, JS_FALSE, JS_NULL};
		for (k = i; k < len && S_ident_char(t[k]); k++)
			;
		for (size_t w = 0; w < 3 && !v; w++)
			if (k - i == strlen(words[w]) && memcmp(t + i, words[w], k - i) == 0) {
				v = S_new(kinds[w], S_line(r, i));
				v->text = xstrdup(words[w]);
			}
		if (!v)
			return -1;
	}
	if (!S_stands_alone(t, len, k)) {
		js_value_free(v);
		return -1;
	}
	*out = v;
	*end = k;
	return 0;
}

int js_read(struct js_value **out, size_t *end, const char *text, size_t len, size_t at, int first_line)
{
	struct S_reader r = {text, len, first_line, 0, first_line, 0};
	*out = NULL;
	if (S_value(&r, at, out, end) == 0)
		return 0;
	*out = NULL;
	*end = js_skip_value(text, len, js_skip_space(text, len, at));
	return -1;
}

void js_value_free(struct js_value *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		js_value_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->text);
	free(v);
}

/* ---- Finding values ---- */

size_t js_find(const char *t, size_t from, size_t to, const char *key)
{
	size_t best = (size_t)-1;
	int best_depth = 1 << 20, depth = 0;
	size_t klen = strlen(key);
	for (size_t i = from; i < to;) {
		size_t j = S_skip_comment(t, to, i);
		if (j != i) {
			i = j;
			continue;
		}
		char c = t[i];
		size_t name_end = 0;
		bool quoted = false;
		if (c == '"' || c == '\'' || c == '`') {
			size_t e = S_skip_string(t, to, i);
			if (e - i == klen + 2 && memcmp(t + i + 1, key, klen) == 0) {
				name_end = e;
				quoted = true;
			}
			if (!name_end) {
				i = e;
				continue;
			}
		} else if (S_ident_char(c) && (i == 0 || (!S_ident_char(t[i - 1]) && t[i - 1] != '.'))) {
			size_t e = i;
			while (e < to && S_ident_char(t[e]))
				e++;
			if (e - i == klen && memcmp(t + i, key, klen) == 0) {
				name_end = e;
			} else {
				i = e;
				continue;
			}
		}
		if (name_end) {
			size_t k = js_skip_space(t, to, name_end);
			bool prop = k < to && t[k] == ':';
			bool assign = !quoted && k + 1 < to && t[k] == '=' && t[k + 1] != '=' && t[k + 1] != '>';
			if ((prop || assign) && depth < best_depth) {
				best = k + 1;
				best_depth = depth;
			}
			i = name_end;
			continue;
		}
		if (c == '{' || c == '[' || c == '(')
			depth++;
		else if ((c == '}' || c == ']' || c == ')') && depth > 0)
			depth--;
		i++;
	}
	return best;
}

/* Calls fn for each identifier and string literal of text[from..to)
 * outside comments (a string with its quotes) until it returns true;
 * returns what it last returned. */
static bool S_tokens(const char *text, size_t from, size_t to, bool (*fn)(const char *, size_t, size_t, bool, void *),
		     void *arg)
{
	for (size_t i = from; i < to;) {
		size_t j = S_skip_comment(text, to, i);
		if (j != i) {
			i = j;
			continue;
		}
		char c = text[i];
		if (c == '"' || c == '\'' || c == '`') {
			j = S_skip_string(text, to, i);
			if (j > i + 1 && fn(text, i, j, true, arg))
				return true;
			i = j > i ? j : i + 1;
			continue;
		}
		if (!S_ident_char(c)) {
			i++;
			continue;
		}
		for (j = i; j < to && S_ident_char(text[j]);)
			j++;
		if (fn(text, i, j, false, arg))
			return true;
		i = j;
	}
	return false;
}

struct S_call_find {
	const char *fn;
	size_t len, at;
};

static bool S_call_at(const char *text, size_t i, size_t j, bool string, void *arg)
{
	struct S_call_find *f = arg;
	size_t k = js_skip_space(text, f->len, j);
	if (string || j - i != strlen(f->fn) || memcmp(text + i, f->fn, j - i) != 0 || k >= f->len || text[k] != '(')
		return false;
	f->at = k + 1;
	return true;
}

size_t js_call(const char *text, size_t len, const char *fn)
{
	struct S_call_find f = {fn, len, (size_t)-1};
	S_tokens(text, 0, len, S_call_at, &f);
	return f.at;
}

char *js_call_string(const char *text, size_t len, const char *fn)
{
	size_t at = js_call(text, len, fn);
	if (at == (size_t)-1)
		return NULL;
	struct js_value *v = NULL;
	size_t end;
	char *s = NULL;
	if (js_read(&v, &end, text, len, at, 1) == 0 && v->kind == JS_STRING)
		s = xstrdup(v->text);
	js_value_free(v);
	return s;
}

/* Where the identifier ending just before text[end] starts (end when
 * there is none). */
static size_t S_ident_before(const char *text, size_t end)
{
	size_t i = end;
	while (i > 0 && S_ident_char(text[i - 1]))
		i--;
	return i;
}

/* Back past white space from text[i] (exclusive). */
static size_t S_space_before(const char *text, size_t i)
{
	while (i > 0 && isspace((unsigned char)text[i - 1]))
		i--;
	return i;
}

static bool S_word_is(const char *text, size_t from, size_t to, const char *w)
{
	return to - from == strlen(w) && memcmp(text + from, w, to - from) == 0;
}

/* The name bound by the import whose module string starts at text[q], or
 * NULL. */
static char *S_bound_name(const char *text, size_t len, size_t q)
{
	size_t b = S_space_before(text, q);
	size_t w = S_ident_before(text, b);
	if (S_word_is(text, w, b, "from")) {
		/* Back to this statement's `import`. */
		size_t k = w;
		bool found = false;
		while (!found && k > 0 && text[k - 1] != ';') {
			k--;
			found = k + 6 <= w && memcmp(text + k, "import", 6) == 0 &&
				(k == 0 || !S_ident_char(text[k - 1])) && !S_ident_char(text[k + 6]);
		}
		if (!found)
			return NULL;
		size_t i = js_skip_space(text, len, k + 6);
		if (i < len && text[i] == '*') {
			i = js_skip_space(text, len, i + 1);
			if (i + 2 > len || memcmp(text + i, "as", 2) != 0)
				return NULL;
			i = js_skip_space(text, len, i + 2);
		}
		size_t e = i;
		while (e < len && S_ident_char(text[e]))
			e++;
		if (S_word_is(text, i, e, "type")) {
			i = js_skip_space(text, len, e);
			for (e = i; e < len && S_ident_char(text[e]);)
				e++;
		}
		return e > i && !S_word_is(text, i, e, "from") ? xstrndup(text + i, e - i) : NULL;
	}
	if (b == 0 || text[b - 1] != '(')
		return NULL;
	b = S_space_before(text, b - 1);
	w = S_ident_before(text, b);
	if (!S_word_is(text, w, b, "require"))
		return NULL;
	b = S_space_before(text, w);
	if (b == 0 || text[b - 1] != '=' || (b >= 2 && strchr("=!<>", text[b - 2])))
		return NULL;
	b = S_space_before(text, b - 1);
	w = S_ident_before(text, b);
	return w < b && !isdigit((unsigned char)text[w]) ? xstrndup(text + w, b - w) : NULL;
}

struct S_import_find {
	const char *module;
	size_t len;
	char *name;
};

static bool S_is_module(const char *text, size_t i, size_t j, const char *module)
{
	size_t ml = strlen(module);
	return j - i == ml + 2 && text[i] != '`' && memcmp(text + i + 1, module, ml) == 0;
}

static bool S_import_at(const char *text, size_t i, size_t j, bool string, void *arg)
{
	struct S_import_find *f = arg;
	if (string && S_is_module(text, i, j, f->module))
		f->name = S_bound_name(text, f->len, i);
	return f->name != NULL;
}

char *js_import_name(const char *text, size_t len, const char *module)
{
	struct S_import_find f = {module, len, NULL};
	S_tokens(text, 0, len, S_import_at, &f);
	return f.name;
}

struct S_mention {
	const char *name, *module;
};

static bool S_mention_at(const char *text, size_t i, size_t j, bool string, void *arg)
{
	const struct S_mention *m = arg;
	if (string)
		return S_is_module(text, i, j, m->module);
	/* Not a property `x.name`. */
	return m->name && (i == 0 || text[i - 1] != '.') && S_word_is(text, i, j, m->name);
}

bool js_mentions(const char *text, size_t from, size_t to, const char *name, const char *module)
{
	struct S_mention m = {name, module};
	return S_tokens(text, from, to, S_mention_at, &m);
}

bool js_value_mentions(const char *text, size_t len, size_t at, const char *module)
{
	at = js_skip_space(text, len, at);
	size_t e = at;
	while (e < len && S_ident_char(text[e]))
		e++;
	if (e > at && !isdigit((unsigned char)text[at])) {
		/* A variable: the value it is given (one step, no further). */
		char *var = xstrndup(text + at, e - at);
		at = js_find(text, 0, len, var);
		free(var);
		if (at == (size_t)-1)
			return false;
		at = js_skip_space(text, len, at);
	}
	char *name = js_import_name(text, len, module);
	bool yes = js_mentions(text, at, js_skip_value(text, len, at), name, module);
	free(name);
	return yes;
}
