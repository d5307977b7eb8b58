/* pyliteral.c — Python literals of a module's top-level assignments. */
#include "base/pyliteral.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

#define S_MAX_DEPTH 16

struct S_parser {
	const char *s;
	size_t n, i;
	int depth; /* brackets open: newlines and comments are space inside */
	int nest;  /* containers being read, bounded by S_MAX_DEPTH */
	size_t copied; /* values copied for NAMEs, bounded by PY_MAX_COPIED */
	/* The line of position line_pos, moved forward as the reader goes. */
	size_t line_pos;
	int line;
	const struct py_module *mod; /* what earlier assignments gave */
};

static int S_line(struct S_parser *p, size_t pos)
{
	if (pos < p->line_pos) {
		p->line_pos = 0;
		p->line = 1;
	}
	for (; p->line_pos < pos && p->line_pos < p->n; p->line_pos++)
		if (p->s[p->line_pos] == '\n')
			p->line++;
	return p->line;
}

static struct py_value *S_new(enum py_kind kind, int line)
{
	struct py_value *v = xcalloc(1, sizeof *v);
	v->kind = kind;
	v->line = line;
	v->values = 1;
	v->height = kind == PY_LIST || kind == PY_TUPLE || kind == PY_DICT;
	return v;
}

void py_value_free(struct py_value *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->keys)
			free(v->keys[i]);
		py_value_free(v->items[i]);
	}
	free(v->keys);
	free(v->items);
	free(v->text);
	free(v);
}

static struct py_value *S_copy(const struct py_value *v)
{
	struct py_value *c = S_new(v->kind, v->line);
	c->text = v->text ? xstrdup(v->text) : NULL;
	c->n = c->cap = v->n;
	c->values = v->values;
	c->height = v->height;
	if (v->n) {
		c->items = xmalloc(v->n * sizeof *c->items);
		if (v->keys)
			c->keys = xmalloc(v->n * sizeof *c->keys);
		for (size_t i = 0; i < v->n; i++) {
			c->items[i] = S_copy(v->items[i]);
			if (v->keys)
				c->keys[i] = xstrdup(v->keys[i]);
		}
	}
	return c;
}

/* Grows by doubling: one element per realloc is quadratic under ASan. */
static void S_push(struct py_value *v, char *key, struct py_value *item)
{
	size_t cap = v->cap, kcap = v->cap;
	v->items = xgrow(v->items, v->n, &cap, sizeof *v->items);
	if (v->kind == PY_DICT)
		v->keys = xgrow(v->keys, v->n, &kcap, sizeof *v->keys);
	v->cap = cap;
	if (v->kind == PY_DICT)
		v->keys[v->n] = key;
	v->items[v->n++] = item;
	v->values += item->values;
	if (item->height + 1 > v->height)
		v->height = item->height + 1;
}

int py_truth(const struct py_value *v)
{
	switch (v->kind) {
	case PY_FALSE:
	case PY_NONE:
		return 0;
	case PY_TRUE:
		return 1;
	case PY_STR:
		return v->text[0] != '\0';
	case PY_NUMBER: {
		/* Zero in any spelling: 0, 0.0, 0x0, 0_0, -0, 0e5. */
		const char *t = v->text;
		if (*t == '-' || *t == '+')
			t++;
		if (t[0] == '0' && t[1] && strchr("xXoObB", t[1]))
			t += 2;
		for (; *t && *t != 'e' && *t != 'E'; t++)
			if (*t != '0' && *t != '.' && *t != '_')
				return *t == 'j' || *t == 'J' ? 0 : 1;
		return 0;
	}
	case PY_LIST:
	case PY_TUPLE:
	case PY_DICT:
		return v->n != 0;
	case PY_COMPUTED:
		break;
	}
	return -1;
}

/* ---- Lexical ---- */

static bool S_idstart(char c)
{
	return isalpha((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80;
}

static bool S_idchar(char c)
{
	return S_idstart(c) || isdigit((unsigned char)c);
}

/* Past spaces, line continuations and (inside brackets) newlines and
 * comments. */
static void S_space(struct S_parser *p)
{
	while (p->i < p->n) {
		char c = p->s[p->i];
		if (c == ' ' || c == '\t' || c == '\f' || c == '\r')
			p->i++;
		else if (c == '\\' && p->i + 1 < p->n && p->s[p->i + 1] == '\n')
			p->i += 2;
		else if (c == '\\' && p->i + 2 < p->n && p->s[p->i + 1] == '\r' && p->s[p->i + 2] == '\n')
			p->i += 3;
		else if (p->depth && c == '\n')
			p->i++;
		else if (p->depth && c == '#')
			while (p->i < p->n && p->s[p->i] != '\n')
				p->i++;
		else
			break;
	}
}

/* The length of the identifier at s[i], 0 when none starts there. */
static size_t S_ident(const char *s, size_t n, size_t i)
{
	if (i >= n || !S_idstart(s[i]))
		return 0;
	size_t k = i + 1;
	while (k < n && S_idchar(s[k]))
		k++;
	return k - i;
}

static bool S_word(struct S_parser *p, const char *w)
{
	size_t l = strlen(w);
	return S_ident(p->s, p->n, p->i) == l && memcmp(p->s + p->i, w, l) == 0;
}

/* The length of a string prefix at s[i] followed by a quote (0 for a bare
 * quote), or -1 when no string starts there. *raw, *fmt get what it says. */
static int S_prefix(const char *s, size_t n, size_t i, bool *raw, bool *fmt)
{
	*raw = *fmt = false;
	size_t k = i;
	while (k < n && k - i < 2 && strchr("rRuUbBfF", s[k]) && s[k]) {
		if (s[k] == 'r' || s[k] == 'R')
			*raw = true;
		if (s[k] == 'f' || s[k] == 'F')
			*fmt = true;
		k++;
	}
	if (k < n && (s[k] == '\'' || s[k] == '"'))
		return (int)(k - i);
	return -1;
}

/* Past the string whose quote is at s[q] (triple or single), or n when it
 * never closes on a line it may span. */
/* The length of the escape at s[k] (a backslash): two, or three for a
 * backslash before CR LF, which Python reads as one LF. S_string and the
 * skippers must agree on it: where they did not, a member the parser
 * took for a string running on was skipped as one ending at the line,
 * the container around it read again from inside it, and so at every
 * level (a 3 KB file of such lines read its brackets 178 times each). */
static size_t S_escape_len(const char *s, size_t n, size_t k)
{
	return k + 2 < n && s[k + 1] == '\r' && s[k + 2] == '\n' ? 3 : 2;
}

static size_t S_skip_string(const char *s, size_t n, size_t q)
{
	char c = s[q];
	bool triple = q + 2 < n && s[q + 1] == c && s[q + 2] == c;
	size_t k = q + (triple ? 3 : 1);
	while (k < n) {
		if (s[k] == '\\') {
			k += S_escape_len(s, n, k);
			continue;
		}
		if (!triple && s[k] == '\n')
			return k;
		if (s[k] == c && (!triple || (k + 2 < n && s[k + 1] == c && s[k + 2] == c)))
			return k + (triple ? 3 : 1);
		k++;
	}
	return n;
}

static void S_add_cp(struct strbuf *sb, unsigned cp)
{
	char enc[4];
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	sb_add(sb, enc, utf8_encode(enc, cp));
}

static bool S_hex(const char *s, size_t n, size_t i, size_t digits, unsigned *cp)
{
	*cp = 0;
	for (size_t k = 0; k < digits; k++) {
		if (i + k >= n || !isxdigit((unsigned char)s[i + k]))
			return false;
		char c = s[i + k];
		*cp = *cp * 16 + (unsigned)(isdigit((unsigned char)c) ? c - '0' : (tolower((unsigned char)c) - 'a' + 10));
	}
	return true;
}

/* One string token at p->i appended (decoded) to sb. False when none is
 * there, it never closes, or it is an f-string. */
static bool S_string(struct S_parser *p, struct strbuf *sb)
{
	bool raw, fmt;
	int pl = S_prefix(p->s, p->n, p->i, &raw, &fmt);
	if (pl < 0 || fmt)
		return false;
	const char *s = p->s;
	size_t n = p->n, q = p->i + (size_t)pl;
	char c = s[q];
	bool triple = q + 2 < n && s[q + 1] == c && s[q + 2] == c;
	size_t k = q + (triple ? 3 : 1);
	for (;;) {
		if (k >= n || (!triple && s[k] == '\n'))
			return false;
		if (s[k] == c && (!triple || (k + 2 < n && s[k + 1] == c && s[k + 2] == c)))
			break;
		if (s[k] == '\r' && k + 1 < n && s[k + 1] == '\n') {
			k++; /* Python reads CR LF in the source as LF */
			continue;
		}
		if (s[k] != '\\' || k + 1 >= n) {
			if (s[k] == '\0')
				S_add_cp(sb, 0);
			else
				sb_addc(sb, s[k]);
			k++;
			continue;
		}
		char e = s[k + 1];
		if (raw) {
			/* A raw string keeps the backslash; it still escapes a quote
			 * (and a line end, CR LF read as LF). */
			size_t el = S_escape_len(s, n, k);
			sb_addc(sb, '\\');
			sb_addc(sb, el == 3 ? '\n' : e);
			k += el;
			continue;
		}
		unsigned cp;
		k += 2;
		switch (e) {
		case '\n':
			break;
		case '\r':
			if (k < n && s[k] == '\n')
				k++;
			break;
		case 'n': sb_addc(sb, '\n'); break;
		case 't': sb_addc(sb, '\t'); break;
		case 'r': sb_addc(sb, '\r'); break;
		case 'a': sb_addc(sb, '\a'); break;
		case 'b': sb_addc(sb, '\b'); break;
		case 'f': sb_addc(sb, '\f'); break;
		case 'v': sb_addc(sb, '\v'); break;
		case '\\': case '\'': case '"': sb_addc(sb, e); break;
		case 'x':
		case 'u':
		case 'U': {
			size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
			if (!S_hex(s, n, k, digits, &cp))
				return false; /* a SyntaxError in Python */
			S_add_cp(sb, cp);
			k += digits;
			break;
		}
		default:
			if (e >= '0' && e <= '7') {
				cp = (unsigned)(e - '0');
				for (int d = 0; d < 2 && k < n && s[k] >= '0' && s[k] <= '7'; d++)
					cp = cp * 8 + (unsigned)(s[k++] - '0');
				S_add_cp(sb, cp);
			} else {
				/* \N{…} and unknown escapes stay as written. */
				sb_addc(sb, '\\');
				sb_addc(sb, e);
			}
		}
	}
	p->i = k + (triple ? 3 : 1);
	return true;
}

/* ---- Values ---- */

static struct py_value *S_expr(struct S_parser *p);

/* The source text s[from..to) with white space at the ends trimmed. */
static struct py_value *S_computed(struct S_parser *p, size_t from, size_t to)
{
	while (from < to && isspace((unsigned char)p->s[from]))
		from++;
	while (to > from && isspace((unsigned char)p->s[to - 1]))
		to--;
	struct py_value *v = S_new(PY_COMPUTED, S_line(p, from));
	v->text = xstrndup(p->s + from, to - from);
	return v;
}

/* Past the string (a prefix not ending a name) or the comment at p->i:
 * true when one is there. */
static bool S_skip_string_or_comment(struct S_parser *p)
{
	bool raw, fmt;
	int pl = S_prefix(p->s, p->n, p->i, &raw, &fmt);
	if (pl >= 0 && (pl == 0 || !p->i || !S_idchar(p->s[p->i - 1]))) {
		p->i = S_skip_string(p->s, p->n, p->i + (size_t)pl);
		return true;
	}
	if (p->s[p->i] != '#')
		return false;
	while (p->i < p->n && p->s[p->i] != '\n')
		p->i++;
	return true;
}

/* Past the member of a container at p->i: up to a `,`, `:` (when colon)
 * or closing bracket at its own depth. */
static void S_skip_member(struct S_parser *p, bool colon)
{
	int depth = 0;
	while (p->i < p->n) {
		if (S_skip_string_or_comment(p))
			continue;
		char c = p->s[p->i];
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}') {
			if (!depth)
				return;
			depth--;
		} else if (!depth && (c == ',' || (colon && c == ':')))
			return;
		p->i++;
	}
}

/* Whether a member's text is a comprehension's (`x for x in y`): the
 * whole container is then computed. */
static bool S_comprehension(const char *t)
{
	for (const char *c = strstr(t, "for"); c; c = strstr(c + 1, "for"))
		if (c > t && (c[-1] == ' ' || c[-1] == '\t' || c[-1] == '\n') && (c[3] == ' ' || c[3] == '\t'))
			return true;
	return false;
}

/* Members up to the closing bracket close: list and tuple items, or dict
 * entries. Returns false when the container is malformed. */
static bool S_members(struct S_parser *p, struct py_value *v, char close, bool *comma)
{
	*comma = false;
	for (;;) {
		S_space(p);
		if (p->i >= p->n)
			return false;
		if (p->s[p->i] == close) {
			p->i++;
			return true;
		}
		char *key = NULL;
		if (v->kind == PY_DICT) {
			size_t kb = p->i;
			struct py_value *k = S_expr(p);
			S_space(p);
			if (!k || k->kind == PY_COMPUTED || k->n || p->i >= p->n || p->s[p->i] != ':') {
				/* A key sheaf cannot read (or `**spread`): the entry
				 * is left out. */
				py_value_free(k);
				p->i = kb;
				S_skip_member(p, true);
				if (p->i < p->n && p->s[p->i] == ':') {
					p->i++;
					S_skip_member(p, false);
				}
				goto next;
			}
			key = k->text ? xstrdup(k->text)
				      : xstrdup(k->kind == PY_TRUE ? "True" : k->kind == PY_FALSE ? "False" : "None");
			py_value_free(k);
			p->i++;
			S_space(p);
		}
		size_t vb = p->i;
		struct py_value *item = S_expr(p);
		S_space(p);
		if (!item || (p->i < p->n && p->s[p->i] != ',' && p->s[p->i] != close)) {
			py_value_free(item);
			p->i = vb;
			S_skip_member(p, false);
			item = S_computed(p, vb, p->i);
			if (S_comprehension(item->text)) {
				py_value_free(item);
				free(key);
				return false;
			}
		}
		S_push(v, key, item);
	next:
		S_space(p);
		if (p->i >= p->n)
			return false;
		if (p->s[p->i] == ',') {
			*comma = true;
			p->i++;
			continue;
		}
		if (p->s[p->i] != close)
			return false;
	}
}

static struct py_value *S_container(struct S_parser *p, enum py_kind kind, char close)
{
	if (p->nest >= S_MAX_DEPTH)
		return NULL;
	struct py_value *v = S_new(kind, S_line(p, p->i));
	p->i++;
	p->depth++;
	p->nest++;
	bool comma;
	bool ok = S_members(p, v, close, &comma);
	p->depth--;
	p->nest--;
	if (!ok) {
		py_value_free(v);
		return NULL;
	}
	if (kind == PY_TUPLE && v->n == 1 && !comma) {
		/* (x) is x. */
		struct py_value *only = v->items[0];
		v->n = 0;
		py_value_free(v);
		return only->kind == PY_COMPUTED ? (py_value_free(only), NULL) : only;
	}
	return v;
}

static struct py_value *S_atom(struct S_parser *p)
{
	S_space(p);
	if (p->i >= p->n)
		return NULL;
	const char *s = p->s;
	char c = s[p->i];
	int line = S_line(p, p->i);
	bool raw, fmt;
	if (S_prefix(s, p->n, p->i, &raw, &fmt) >= 0) {
		struct strbuf sb = STRBUF_INIT;
		sb_adds(&sb, ""); /* "" is a value, not NULL */
		do {
			if (!S_string(p, &sb)) {
				sb_release(&sb);
				return NULL;
			}
			S_space(p);
		} while (S_prefix(s, p->n, p->i, &raw, &fmt) >= 0);
		struct py_value *v = S_new(PY_STR, line);
		v->text = sb_detach(&sb);
		return v;
	}
	if (c == '-' || c == '+' || isdigit((unsigned char)c) ||
	    (c == '.' && p->i + 1 < p->n && isdigit((unsigned char)s[p->i + 1]))) {
		size_t k = p->i;
		if (c == '-' || c == '+') {
			k++;
			while (k < p->n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (k >= p->n || !(isdigit((unsigned char)s[k]) || s[k] == '.'))
				return NULL;
		}
		size_t digits = k;
		bool hex = s[k] == '0' && k + 1 < p->n && (s[k + 1] == 'x' || s[k + 1] == 'X');
		while (k < p->n && (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '.' ||
				    (!hex && (s[k] == '+' || s[k] == '-') && (s[k - 1] == 'e' || s[k - 1] == 'E'))))
			k++;
		p->i = k;
		struct py_value *v = S_new(PY_NUMBER, line);
		struct strbuf sb = STRBUF_INIT;
		if (c == '-')
			sb_addc(&sb, '-');
		sb_add(&sb, s + digits, k - digits);
		v->text = sb_detach(&sb);
		return v;
	}
	if (c == '[')
		return S_container(p, PY_LIST, ']');
	if (c == '(')
		return S_container(p, PY_TUPLE, ')');
	if (c == '{')
		return S_container(p, PY_DICT, '}');
	size_t il = S_ident(s, p->n, p->i);
	if (!il)
		return NULL;
	char *name = xstrndup(s + p->i, il);
	p->i += il;
	struct py_value *v = NULL;
	if (strcmp(name, "True") == 0)
		v = S_new(PY_TRUE, line);
	else if (strcmp(name, "False") == 0)
		v = S_new(PY_FALSE, line);
	else if (strcmp(name, "None") == 0)
		v = S_new(PY_NONE, line);
	else {
		/* A name an earlier assignment gave a literal: unless an
		 * attribute, call or subscript follows. */
		const struct py_assign *a = py_module_get(p->mod, name);
		S_space(p);
		bool more = p->i < p->n && strchr(".([", s[p->i]);
		if (a && a->value->kind != PY_COMPUTED && !more && p->nest + a->value->height <= S_MAX_DEPTH &&
		    a->value->values <= PY_MAX_COPIED - p->copied) {
			p->copied += a->value->values;
			v = S_copy(a->value);
			v->line = line;
		}
	}
	free(name);
	return v;
}

/* A condition: `not` C, or an atom. Its truth, or -1. */
static int S_cond(struct S_parser *p)
{
	S_space(p);
	if (S_word(p, "not")) {
		p->i += 3;
		int t = S_cond(p);
		return t < 0 ? -1 : !t;
	}
	struct py_value *v = S_atom(p);
	int t = v ? py_truth(v) : -1;
	py_value_free(v);
	return t;
}

/* An atom, or `A if C else B`. NULL when not a literal. */
static struct py_value *S_expr(struct S_parser *p)
{
	struct py_value *a = S_atom(p);
	if (!a)
		return NULL;
	S_space(p);
	if (!S_word(p, "if"))
		return a;
	p->i += 2;
	int t = S_cond(p);
	S_space(p);
	if (t < 0 || !S_word(p, "else")) {
		py_value_free(a);
		return NULL;
	}
	p->i += 4;
	struct py_value *b = S_expr(p);
	if (!b) {
		py_value_free(a);
		return NULL;
	}
	if (t) {
		py_value_free(b);
		return a;
	}
	py_value_free(a);
	return b;
}

/* Whether the statement ends at p->i (after spaces): a newline, `;`, a
 * comment or the end. */
static bool S_at_end(struct S_parser *p)
{
	S_space(p);
	return p->i >= p->n || strchr("\n;#", p->s[p->i]);
}

/* A statement's value: an expression, or a bare tuple `1, 2`. */
static struct py_value *S_value(struct S_parser *p)
{
	struct py_value *v = S_expr(p);
	S_space(p);
	if (!v || p->i >= p->n || p->s[p->i] != ',')
		return v;
	struct py_value *t = S_new(PY_TUPLE, v->line);
	S_push(t, NULL, v);
	while (p->i < p->n && p->s[p->i] == ',') {
		p->i++;
		if (S_at_end(p))
			break;
		struct py_value *item = S_expr(p);
		if (!item) {
			py_value_free(t);
			return NULL;
		}
		S_push(t, NULL, item);
		S_space(p);
	}
	return t;
}

/* ---- Statements ---- */

static void S_set(struct py_module *m, const char *name, int line, unsigned source, struct py_value *v)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0) {
			py_value_free(m->v[i].value);
			m->v[i].value = v;
			m->v[i].line = line;
			m->v[i].source = source;
			return;
		}
	m->v = xrealloc(m->v, (m->n + 1) * sizeof *m->v);
	m->v[m->n++] = (struct py_assign){xstrdup(name), line, source, v};
}

/* Past the logical line at p->i, its newline included. */
static void S_skip_logical(struct S_parser *p)
{
	int depth = 0;
	while (p->i < p->n) {
		if (S_skip_string_or_comment(p))
			continue;
		char c = p->s[p->i];
		if (c == '\\' && p->i + 1 < p->n && (p->s[p->i + 1] == '\n' || p->s[p->i + 1] == '\r')) {
			p->i += S_escape_len(p->s, p->n, p->i);
			continue;
		}
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == ')' || c == ']' || c == '}') && depth)
			depth--;
		p->i++;
		if (c == '\n' && !depth)
			return;
	}
}

/* The targets of `A = B = value` at p->i: their names in names, p->i at
 * the value. False when the statement is no such assignment. *aug is set
 * for `A += value` (and the other augmented forms). */
static bool S_targets(struct S_parser *p, struct strvec *names, bool *aug)
{
	*aug = false;
	for (;;) {
		size_t save = p->i;
		size_t il = S_ident(p->s, p->n, p->i);
		if (!il)
			return names->n != 0;
		char *name = xstrndup(p->s + p->i, il);
		p->i += il;
		S_space(p);
		if (p->i < p->n && p->s[p->i] == ':' && !names->n) {
			/* NAME: annotation = value */
			while (p->i < p->n && p->s[p->i] != '=' && p->s[p->i] != '\n')
				p->i++;
		}
		if (p->i + 1 < p->n && p->s[p->i] == '=' && p->s[p->i + 1] != '=') {
			p->i++;
			sv_push_owned(names, name);
			S_space(p);
			continue;
		}
		static const char *const ops[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "|=", "&=",
						  "^=", ">>=", "<<=", "@=", NULL};
		for (const char *const *op = ops; *op && !names->n; op++)
			if (p->i + strlen(*op) <= p->n && memcmp(p->s + p->i, *op, strlen(*op)) == 0) {
				sv_push_owned(names, name);
				*aug = true;
				return true;
			}
		free(name);
		p->i = save;
		return names->n != 0;
	}
}

static void S_read(struct py_module *out, const char *text, size_t len, unsigned source);

void py_read_module(struct py_module *out, const char *text, size_t len)
{
	memset(out, 0, sizeof *out);
	S_read(out, text, len, 0);
}

void py_read_more(struct py_module *m, const char *text, size_t len)
{
	S_read(m, text, len, ++m->reads);
}

static void S_read(struct py_module *out, const char *text, size_t len, unsigned source)
{
	struct S_parser p = {.s = text, .n = len, .line = 1, .mod = out};
	while (p.i < p.n) {
		size_t start = p.i;
		while (p.i < p.n && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\f'))
			p.i++;
		bool indented = p.i > start;
		size_t stmt = p.i;
		struct strvec names = STRVEC_INIT;
		bool aug;
		if (p.i < p.n && p.s[p.i] != '\n' && p.s[p.i] != '#' && S_targets(&p, &names, &aug)) {
			int line = S_line(&p, stmt);
			size_t vb = p.i;
			struct py_value *v = NULL;
			if (!indented && !aug) {
				v = S_value(&p);
				if (v && !S_at_end(&p)) {
					py_value_free(v);
					v = NULL;
				}
			}
			p.i = vb;
			S_skip_logical(&p);
			size_t ve = p.i;
			if (!v)
				v = S_computed(&p, vb, ve);
			/* A comment after the value is not part of it. */
			if (v->kind == PY_COMPUTED) {
				char *hash = NULL;
				for (char *c = v->text; *c; c++) {
					if (*c == '\'' || *c == '"')
						break;
					if (*c == '#') {
						hash = c;
						break;
					}
				}
				if (hash) {
					*hash = '\0';
					size_t l = strlen(v->text);
					while (l && isspace((unsigned char)v->text[l - 1]))
						v->text[--l] = '\0';
				}
				if (indented || aug) {
					char *why = xasprintf("%s (%s)", v->text,
							      indented ? "assigned inside a block" : "augmented");
					free(v->text);
					v->text = why;
				}
			}
			for (size_t k = 0; k < names.n; k++) {
				/* `A = B = v`: a copy each, within the same budget
				 * as a NAME's (a thousand targets of a big value). */
				struct py_value *val = v;
				if (k + 1 < names.n && v->values <= PY_MAX_COPIED - p.copied) {
					p.copied += v->values;
					val = S_copy(v);
				} else if (k + 1 < names.n) {
					val = S_computed(&p, vb, ve);
				}
				S_set(out, names.v[k], line, source, val);
			}
			if (!names.n)
				py_value_free(v);
		} else {
			p.i = stmt;
			S_skip_logical(&p);
		}
		sv_free(&names);
		if (p.i == start)
			p.i++;
	}
}

const struct py_assign *py_module_get(const struct py_module *m, const char *name)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return &m->v[i];
	return NULL;
}

void py_module_free(struct py_module *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].name);
		py_value_free(m->v[i].value);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}
