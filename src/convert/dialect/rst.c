/* rst.c — reStructuredText (Pelican's `.rst` posts) read into the
 * CommonMark and HTML the rest of sheaf reads.
 *
 * A `pre` pass (pass 0 of dialect_rewrite) that acts only on a post whose
 * path ends in `.rst`: the whole body is parsed as reST (the subset README
 * names under "Generator syntax") and written again as Markdown, every line
 * written down with the body line it came from (ds_state.snip), so warnings
 * and cmark-gfm's lines point at the .rst line. Later passes see Markdown,
 * so a generator lists this pass first (Pelican: input/gen/pelican.c, which
 * hands over the body after the title and the docinfo field list).
 *
 * How: the body is cut into lines (tabs to 8 columns, as docutils does);
 * a first walk collects what reST lets a post name from anywhere — link
 * targets, anonymous targets, substitution definitions, section titles,
 * the footnote labels referenced — then the block parser reads the lines
 * recursively (an indented block is its own document), each construct
 * written as an output line list (S_out) that its container prefixes (a
 * list item's indentation, a quote's `>`), and inline markup is read with
 * docutils' recognition rules (a start-string after white space or
 * opening punctuation, an end-string before white space or closing
 * punctuation) and written as HTML tags or Markdown around text whose
 * Markdown and HTML characters are backslash-escaped: reST text never
 * becomes markup or HTML.
 *
 * Containers Markdown has no syntax for (definition lists, admonitions,
 * figures, tables) are HTML elements each on its own line with their
 * content between blank lines: CommonMark ends the HTML block at the blank
 * line and reads the content as Markdown again.
 *
 * Every word is kept: what is not known (a directive, a role, a reference
 * with no target) is written as text with one warning per construct and
 * post. Files are never read (include, csv-table :file:).
 *
 * Linear: searches for an end-string are cached per paragraph (their
 * answers only move forward), recursion is bounded (S_MAX_DEPTH), grid
 * tables are bounded in size. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/words.h"
#include "base/url.h"
#include "base/utf8.h"
#include "convert/dialect/rstchars.h"
#include "convert/dialect/scan.h"

#define S_MAX_DEPTH 24      /* blocks nested in blocks */
/* What substitutions may write into one post, all together: a definition
 * may use others, each several times, so without a bound a short post
 * expands exponentially (a fuzz finding: 1.7 kB, three minutes in
 * cmark-gfm). No real post comes near it. */
#define S_MAX_SUB_BYTES (1024 * 1024)
#define S_MAX_SUB_DEPTH 64 /* substitutions inside substitutions: the stack */
#define S_MAX_GRID_LINES 400
#define S_MAX_GRID_COLS 400
#define S_MAX_STYLES 16

/* ------------------------------------------------------------------ */
/* Lines in, lines out                                                  */
/* ------------------------------------------------------------------ */

struct S_ln {
	const char *s;
	size_t n;
	size_t src; /* body line, from 1 */
};

struct S_oline {
	char *s;
	size_t src;
};

struct S_out {
	struct S_oline *v;
	size_t n, cap;
};

struct S_sub {
	int kind; /* 'r' replace, 'i' image, '?' other */
	char *text, *alt, *target, *directive;
	size_t src;
	bool open; /* being written: a use of it now is circular */
};

struct S_rst {
	struct ds_state *st;
	struct strmap targets; /* normalized name → index in turls ("" internal, "=name" indirect) */
	struct strvec turls;
	struct strvec anon; /* anonymous targets, in order */
	size_t anon_next;
	struct strmap subs; /* normalized name → index in subv */
	struct S_sub *subv;
	size_t nsub, csub;
	/* Footnote and citation labels referenced, and defined: in lower case,
	 * as docutils matches them (and cmark-gfm its footnotes). */
	struct strmap fnrefs, fndefs;
	struct strmap roles;  /* roles the post defines (`.. role::`) → index in role_bases */
	struct strvec role_bases; /* the role each is made from ("" none, "raw" raw HTML) */
	char *default_role;       /* `.. default-role::` (the post's first), or NULL */
	size_t auto_refs, auto_ref_next, auto_def_next, sym_ref_next, sym_def_next;
	size_t auto_defs, sym_defs; /* footnotes `.. [#]` and `.. [*]` */
	size_t sub_bytes; /* written by substitutions so far (S_MAX_SUB_BYTES) */
	size_t sub_start; /* where the outermost one being written began */
	int sub_depth;    /* substitutions being written, one in another */
	int styles[S_MAX_STYLES];
	size_t nstyles;
	struct strvec owned; /* text made here that lines point into */
};

static void S_push(struct S_out *o, char *owned, size_t src)
{
	if (o->n == o->cap)
		o->v = xrealloc(o->v, (o->cap = o->cap ? o->cap * 2 : 16) * sizeof *o->v);
	o->v[o->n++] = (struct S_oline){owned, src};
}

static void S_puts(struct S_out *o, const char *s, size_t src)
{
	S_push(o, xstrdup(s), src);
}

/* Text of several lines: line k from src + k. */
static void S_put_lines(struct S_out *o, const char *s, size_t n, size_t src)
{
	size_t b = 0;
	for (size_t k = 0; k <= n; k++)
		if (k == n || s[k] == '\n') {
			S_push(o, xstrndup(s + b, k - b), src++);
			b = k + 1;
		}
}

/* A blank line, unless the output is empty or ends with one. */
static void S_gap(struct S_out *o, size_t src)
{
	if (o->n && o->v[o->n - 1].s[0])
		S_puts(o, "", src);
}

static void S_out_free(struct S_out *o)
{
	for (size_t i = 0; i < o->n; i++)
		free(o->v[i].s);
	free(o->v);
	o->v = NULL;
	o->n = o->cap = 0;
}

/* Moves child's lines into o, the first prefixed by first, the others by
 * rest (blank lines by rest with its trailing spaces cut); leading and
 * trailing blank lines dropped. */
static void S_nest(struct S_out *o, struct S_out *child, const char *first, const char *rest)
{
	size_t b = 0, e = child->n;
	while (b < e && !child->v[b].s[0])
		b++;
	while (e > b && !child->v[e - 1].s[0])
		e--;
	size_t rl = strlen(rest), bl = rl;
	while (bl && rest[bl - 1] == ' ')
		bl--;
	for (size_t k = b; k < e; k++) {
		const char *p = k == b ? first : rest;
		const char *s = child->v[k].s;
		if (!s[0] && k != b)
			S_push(o, xstrndup(rest, bl), child->v[k].src);
		else
			S_push(o, xasprintf("%s%s", p, s), child->v[k].src);
	}
	if (b == e && first[0]) {
		size_t fl = strlen(first);
		while (fl && first[fl - 1] == ' ')
			fl--;
		S_push(o, xstrndup(first, fl), child->n ? child->v[0].src : (o->n ? o->v[o->n - 1].src : 1));
	}
	S_out_free(child);
}

/* An HTML container: its opening line, the content between blank lines,
 * its closing line. */
static void S_wrap(struct S_out *o, char *open, struct S_out *child, const char *close, size_t src)
{
	S_gap(o, src);
	S_push(o, open, src);
	if (child && child->n) {
		S_puts(o, "", src);
		size_t last = child->v[child->n - 1].src;
		S_nest(o, child, "", "");
		S_gap(o, last);
		S_puts(o, close, last);
	} else {
		S_puts(o, close, src);
	}
	if (child)
		S_out_free(child);
	S_puts(o, "", src);
}

static void S_warn(struct S_rst *r, size_t src, const char *key, const char *fmt, ...) SHEAF_PRINTF(4, 5);
static void S_warn(struct S_rst *r, size_t src, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	ds_warn(r->st, ds_line_of_text(r->st, src), key, "%s", msg);
	free(msg);
}

/* ------------------------------------------------------------------ */
/* Characters                                                           */
/* ------------------------------------------------------------------ */

static size_t S_ind(const struct S_ln *l)
{
	size_t k = 0;
	while (k < l->n && l->s[k] == ' ')
		k++;
	return k;
}

/* The code point at s[k] and its length (1 for a byte that starts no
 * valid sequence: U+FFFD, a letter). */
static unsigned S_cp_at(const char *s, size_t n, size_t k, size_t *len)
{
	unsigned cp = 0;
	size_t l = utf8_decode((const unsigned char *)s + k, n - k, &cp);
	*len = l ? l : 1;
	return l ? cp : 0xFFFD;
}

/* The code point that ends right before s[i] (i > 0). */
static unsigned S_cp_before(const char *s, size_t i)
{
	size_t b = i - 1, len;
	while (b > 0 && i - b < 4 && ((unsigned char)s[b] & 0xC0) == 0x80)
		b--;
	unsigned cp = S_cp_at(s, i, b, &len);
	return b + len == i ? cp : 0xFFFD;
}

/* The length of the word character at s[k] (a letter or digit: Python's
 * \w but '_'), or 0. Non-ASCII white space and punctuation are none: a
 * name ends at a no-break space or a curly quote, as docutils ends it. */
static size_t S_wordc(const char *s, size_t n, size_t k)
{
	if ((unsigned char)s[k] < 0x80)
		return ds_alnum(s[k]) ? 1 : 0;
	size_t len;
	unsigned cp = S_cp_at(s, n, k, &len);
	return utf8_is_space(cp) || utf8_is_punct(cp) ? 0 : len;
}

/* Columns of a line (UTF-8 characters). */
static size_t S_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t k = 0; k < n; k++)
		w += ((unsigned char)s[k] & 0xC0) != 0x80;
	return w;
}

/* A character of reST text, written so cmark-gfm shows it as it is. */
static void S_tc(struct strbuf *o, char c)
{
	if (c == '\n') {
		/* A continuation line indented 4 columns: no block starts there
		 * (a paragraph's lines lose their indentation when read). */
		sb_adds(o, "\n    ");
		return;
	}
	/* '!' before a link's '[' would make it an image. */
	if (c && strchr("\\`*_[]<>&|$^{}#~:!", c))
		sb_addc(o, '\\');
	sb_addc(o, c);
}

static void S_text(struct strbuf *o, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		S_tc(o, s[k]);
}

/* Text with reST's backslash escapes read: `\x` is x, `\ ` nothing. */
static void S_text_esc(struct strbuf *o, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (s[k] == '\\' && k + 1 < n) {
			k++;
			if (s[k] == ' ')
				continue;
		}
		S_tc(o, s[k]);
	}
}

/* A code span that keeps its line breaks (continuation lines indented:
 * cmark-gfm strips that, and a line break in a span is a space). */
static size_t S_max_run(const char *s, size_t n, size_t maxrun)
{
	for (size_t k = 0, run = 0; k < n; k++) {
		run = s[k] == '`' ? run + 1 : 0;
		if (run > maxrun)
			maxrun = run;
	}
	return maxrun;
}

/* A literal holding two backticks in a row is a <code> element, its text
 * escaped, rather than a code span: the span's backtick string would be
 * three or more, which at the start of a line (a paragraph's first, a list
 * item's) opens a fenced code block whose info string swallows the
 * literal's words; and cmark-gfm reads no code span whose backtick string
 * is longer than 80 (MAXBACKTICKS in its inlines.c). */
static void S_code(struct strbuf *o, const char *s, size_t n)
{
	size_t maxrun = S_max_run(s, n, 0);
	if (maxrun >= 2) {
		sb_adds(o, "<code>");
		for (size_t k = 0; k < n; k++)
			if (s[k] != '\r')
				S_tc(o, s[k]);
		sb_adds(o, "</code>");
		return;
	}
	for (size_t k = 0; k <= maxrun; k++)
		sb_addc(o, '`');
	sb_addc(o, ' ');
	for (size_t k = 0; k < n; k++) {
		if (s[k] == '\n')
			sb_adds(o, "\n    ");
		else if (s[k] != '\r')
			sb_addc(o, s[k]);
	}
	sb_addc(o, ' ');
	for (size_t k = 0; k <= maxrun; k++)
		sb_addc(o, '`');
}

/* A name docutils matches in any case (a role, a footnote or citation
 * label): its ASCII letters lower-cased, in a string the caller frees. */
static char *S_lower(const char *s, size_t n)
{
	char *k = xstrndup(s, n);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

/* The label of a footnote or citation: "[label]" at s, then a space or
 * the line's end, with no space inside; its text in *lab, *ll. */
static bool S_fn_label(const char *s, size_t l, const char **lab, size_t *ll)
{
	if (l <= 2 || s[0] != '[')
		return false;
	const char *rb = memchr(s, ']', l);
	size_t k = rb ? (size_t)(rb - s) : 0;
	if (k <= 1 || (k + 1 != l && s[k + 1] != ' ') || memchr(s, ' ', k))
		return false;
	*lab = s + 1;
	*ll = k - 1;
	return true;
}

/* A reference name: lower case, white space runs one space, escapes read. */
static char *S_norm(const char *s, size_t n)
{
	struct strbuf b = STRBUF_INIT;
	bool sp = false;
	for (size_t k = 0; k < n; k++) {
		char c = s[k];
		if (c == '\\' && k + 1 < n)
			c = s[++k];
		else if (ds_wsnl(c)) {
			sp = b.len > 0;
			continue;
		}
		if (sp)
			sb_addc(&b, ' ');
		sp = false;
		sb_addc(&b, (char)tolower((unsigned char)c));
	}
	sb_add(&b, "", 0);
	return sb_detach(&b);
}

/* A URI written over lines: white space removed, escapes read. */
static char *S_uri(const char *s, size_t n)
{
	struct strbuf b = STRBUF_INIT;
	for (size_t k = 0; k < n; k++) {
		if (ds_wsnl(s[k]))
			continue;
		if (s[k] == '\\' && k + 1 < n)
			k++;
		sb_addc(&b, s[k]);
	}
	sb_add(&b, "", 0);
	return sb_detach(&b);
}

/* Whether s[i] is escaped: an odd number of backslashes before it. */
static bool S_escaped(const char *s, size_t i)
{
	size_t k = i;
	while (k > 0 && s[k - 1] == '\\')
		k--;
	return (i - k) % 2 == 1;
}

/* Where the embedded URI or alias of a phrase reference's text c[0..cl)
 * starts, just after its '<', or 0 when it has none. docutils' rule
 * (embedded_link in parsers/rst/states.py): the text ends in <…> with the
 * '<' first or after white space, something and no unescaped bracket
 * inside, no white space just inside either bracket, the '>' not escaped
 * ("`a <>`_" is a reference named "a <>"). Anything else,
 * "`a <\nb_>`_" among them, is the reference's own text. */
static size_t S_embedded(const char *c, size_t cl)
{
	if (cl < 3 || c[cl - 1] != '>' || S_escaped(c, cl - 1) || ds_wsnl(c[cl - 2]))
		return 0;
	for (size_t k = cl - 1; k-- > 0;) {
		if ((c[k] != '<' && c[k] != '>') || S_escaped(c, k))
			continue;
		if (c[k] == '>' || k + 2 == cl || ds_wsnl(c[k + 1]) || (k && !ds_wsnl(c[k - 1])))
			return 0;
		return k + 1;
	}
	return 0;
}

/* Whether u[0..ul) is an email address as docutils' email pattern has it
 * (an embedded "<me@mail.example>" is a mailto: link). */
static bool S_email(const char *u, size_t ul)
{
	size_t k = 0, at = 0;
	for (; k < ul && (ds_alnum(u[k]) || (u[k] && strchr("-_!~*'{|}/#?^`&=+$%.@\\", u[k]))); k++)
		if (u[k] == '@' && (at || !k))
			break;
		else if (u[k] == '@')
			at = k;
	return k == ul && at && at + 1 < ul && u[0] != '.' && u[at - 1] != '.' && u[at + 1] != '.' &&
	       (ds_alnum(u[ul - 1]) || (u[ul - 1] && strchr("_~*/=+", u[ul - 1])));
}

/* Whether an embedded u[0..ul) is an alias (`text <name_>`_): it ends in an
 * unescaped '_' and, as docutils asks, does not read as a URI (a scheme
 * and a colon, "https://x.example/a_") or an email address. */
static bool S_alias(const char *u, size_t ul)
{
	if (!ul || u[ul - 1] != '_' || S_escaped(u, ul - 1) || S_email(u, ul))
		return false;
	size_t k = 0;
	if (isalpha((unsigned char)u[0]))
		while (k < ul && (ds_alnum(u[k]) || (u[k] && strchr("+-.", u[k]))))
			k++;
	return !(k && k + 1 < ul && u[k] == ':');
}

/* The URI an embedded u[0..ul) (not an alias) links to: white space gone,
 * escapes read, an email address made a mailto: URI (docutils'
 * adjust_uri). */
static char *S_embedded_uri(const char *u, size_t ul)
{
	char *uri = S_uri(u, ul);
	if (!S_email(uri, strlen(uri)))
		return uri;
	char *m = xasprintf("mailto:%s", uri);
	free(uri);
	return m;
}

/* An adornment line: one punctuation character repeated. */
static char S_adorn(const struct S_ln *l)
{
	if (l->n < 2 || l->s[0] == ' ')
		return 0;
	char c = l->s[0];
	if (!ispunct((unsigned char)c) || (unsigned char)c >= 0x80)
		return 0;
	for (size_t k = 1; k < l->n; k++)
		if (l->s[k] != c)
			return 0;
	return c;
}

/* ------------------------------------------------------------------ */
/* Inline markup                                                        */
/* ------------------------------------------------------------------ */

enum { K_EM, K_STRONG, K_LIT, K_INT, K_SUB, K_N };

struct S_inl {
	struct S_rst *r;
	const char *s;
	size_t n;
	size_t src;
	bool role_made; /* in a role another role is made from */
	struct ds_cache c[K_N];
	size_t noname_until, nomail_until, nouri_until;
	/* The end of the last inline markup: markup may start there, as
	 * docutils matches its start-string from the rest of the text on; the
	 * end of the last standalone URI or email address, where another may
	 * start (docutils reads the rest of the text for more). */
	size_t after, implicit_after;
	/* A standalone URI of a scheme docutils does not know makes the rest
	 * of its text, up to the next inline markup, text (docutils'
	 * implicit_inline gives up on the whole run at that first match). */
	bool nolink;
};

/* Inline markup starts after white space, an opener or a delimiter, and
 * ends before white space, a closer or a delimiter (docutils'
 * start_string_prefix and end_string_suffix; rstchars.h beyond ASCII). */
static bool S_start_ok(const char *s, size_t i)
{
	if (!i)
		return true;
	char p = s[i - 1];
	if ((unsigned char)p < 0x80)
		return ds_wsnl(p) || strchr("-:/'\"<([{", p);
	unsigned cp = S_cp_before(s, i);
	return utf8_is_space(cp) || (rstchars_class(cp) & RSTC_BEFORE);
}

static bool S_end_ok(const char *s, size_t n, size_t e)
{
	if (e >= n)
		return true;
	if ((unsigned char)s[e] < 0x80)
		return ds_wsnl(s[e]) || strchr("-.,:;!?\\/'\")]}>", s[e]);
	size_t len;
	unsigned cp = S_cp_at(s, n, e, &len);
	return utf8_is_space(cp) || (rstchars_class(cp) & RSTC_AFTER);
}

/* White space at s[k], or right before s[k] (k > 0), Unicode's too. */
static bool S_space_at(const char *s, size_t n, size_t k)
{
	size_t len;
	return (unsigned char)s[k] < 0x80 ? ds_wsnl(s[k]) : utf8_is_space(S_cp_at(s, n, k, &len));
}

static bool S_space_before(const char *s, size_t k)
{
	return (unsigned char)s[k - 1] < 0x80 ? ds_wsnl(s[k - 1]) : utf8_is_space(S_cp_before(s, k));
}

/* The start-string s[i..i+len) is followed by text, not by white space
 * nor by the closer of an opener before it. */
static bool S_open_ok(const char *s, size_t n, size_t i, size_t len)
{
	if (i + len >= n || S_space_at(s, n, i + len))
		return false;
	if (i && (unsigned char)s[i - 1] >= 0x80) {
		size_t l;
		return !rstchars_pair(S_cp_before(s, i), S_cp_at(s, n, i + len, &l));
	}
	if (i) {
		static const char op[] = "'\"<([{", cl[] = "'\">)]}";
		const char *p = strchr(op, s[i - 1]);
		if (p && s[i - 1] && s[i + len] == cl[p - op])
			return false;
	}
	return true;
}

/* The end of a role's name at s[k], or k: a simple reference name (words
 * joined by single - . _ + :), as docutils' pattern has it, in ASCII: no
 * role sheaf knows has another letter, and S_wordc takes symbols too
 * (a fuzz finding: "sub\uFFFD" made an unknown role, and its name went). */
static size_t S_role_name(const char *s, size_t n, size_t k)
{
	size_t e = k;
	while (e < n) {
		if (ds_alnum(s[e]))
			e++;
		else if (e > k && s[e] && strchr("-._+:", s[e]) && e + 1 < n && ds_alnum(s[e + 1]))
			e++;
		else
			break;
	}
	return e;
}

/* The bytes an end-string of kind at s[j] takes with its suffix, or 0. */
static size_t S_end_len(const char *s, size_t n, size_t j, int kind)
{
	if (!j || S_space_before(s, j))
		return 0;
	size_t e = j;
	/* "\\\\`" is an escaped backslash, then an end-string. */
	bool esc = S_escaped(s, j);
	switch (kind) {
	case K_EM:
		if (s[j] != '*' || esc)
			return 0;
		e = j + 1;
		break;
	case K_STRONG:
		if (s[j] != '*' || j + 1 >= n || s[j + 1] != '*' || esc)
			return 0;
		e = j + 2;
		break;
	case K_LIT:
		if (s[j] != '`' || j + 1 >= n || s[j + 1] != '`')
			return 0;
		e = j + 2;
		break;
	default: /* K_INT, K_SUB */
		if (s[j] != (kind == K_INT ? '`' : '|') || esc)
			return 0;
		e = j + 1;
		if (kind == K_INT && e < n && s[e] == ':') {
			/* A role suffix only where the text may end after it;
			 * else the backquote ends it alone (the ':' after it
			 * may follow an end-string), as docutils' pattern
			 * falls back. */
			size_t r = S_role_name(s, n, e + 1);
			if (r > e + 1 && r < n && s[r] == ':' && S_end_ok(s, n, r + 1))
				e = r + 1;
		} else if (e + 1 < n && s[e] == '_' && s[e + 1] == '_') {
			e += 2;
		} else if (e < n && s[e] == '_') {
			e++;
		}
		break;
	}
	return S_end_ok(s, n, e) ? e - j : 0;
}

struct S_kind_arg {
	int kind;
};

static size_t S_find_end(const char *s, size_t n, size_t from, const void *arg)
{
	int kind = ((const struct S_kind_arg *)arg)->kind;
	char c = kind == K_EM || kind == K_STRONG ? '*' : kind == K_SUB ? '|' : '`';
	for (size_t j = from; j < n;) {
		const char *p = memchr(s + j, c, n - j);
		if (!p)
			return DS_NONE;
		j = (size_t)(p - s);
		if (S_end_len(s, n, j, kind))
			return j;
		j++;
	}
	return DS_NONE;
}

static size_t S_end(struct S_inl *x, int kind, size_t from)
{
	struct S_kind_arg a = {kind};
	return ds_cached(&x->c[kind], x->s, x->n, from, S_find_end, &a);
}

static void S_inline(struct S_rst *r, const char *s, size_t n, size_t src, struct strbuf *o);

static void S_add_target(struct S_rst *r, const char *name, size_t nl, char *url);

static const char *S_target(struct S_rst *r, const char *name)
{
	size_t idx;
	for (int hop = 0; hop < 8; hop++) {
		if (!strmap_get(&r->targets, name, &idx))
			return NULL;
		const char *u = r->turls.v[idx];
		if (u[0] != '=')
			return u;
		name = u + 1;
	}
	return NULL;
}

static void S_link(struct strbuf *o, const char *text, size_t tl, const char *url, bool esc)
{
	sb_addc(o, '[');
	if (esc)
		S_text_esc(o, text, tl);
	else
		S_text(o, text, tl);
	sb_adds(o, "](");
	ds_url(o, url, strlen(url));
	sb_addc(o, ')');
}

/* A reference: text linked to its target's URL, or the text alone. */
static void S_ref(struct S_inl *x, const char *text, size_t tl, const char *name, size_t nl, bool anon,
		  struct strbuf *o)
{
	struct S_rst *r = x->r;
	const char *url = NULL;
	char *key = NULL;
	if (anon) {
		url = r->anon_next < r->anon.n ? r->anon.v[r->anon_next++] : NULL;
	} else {
		key = S_norm(name, nl);
		url = S_target(r, key);
	}
	if (url && url[0]) {
		S_link(o, text, tl, url, true);
	} else {
		S_text_esc(o, text, tl);
		if (!url) {
			char *q = ds_quote(name, nl);
			char *k = xasprintf("rst-ref:%s", key ? key : "__");
			S_warn(r, x->src, k, "reStructuredText reference '%s' has no target in %s: its text kept", q,
			       ds_post_relpath(r->st) ? ds_post_relpath(r->st) : "this post");
			free(k);
			free(q);
		}
	}
	free(key);
}

static void S_tag(struct strbuf *o, const char *tag, const char *s, size_t n)
{
	sb_addf(o, "<%s>", tag);
	S_text_esc(o, s, n);
	sb_addf(o, "</%s>", tag);
}

/* A role's text, as the role says. */
static void S_role(struct S_inl *x, const char *role, size_t rl, const char *s, size_t n, struct strbuf *o)
{
	if (!rl && x->r->default_role && !x->role_made) {
		x->role_made = true;
		S_role(x, x->r->default_role, strlen(x->r->default_role), s, n, o);
		x->role_made = false;
		return;
	}
	char *name = S_lower(rl ? role : "", rl);
	size_t ri;
	if (rl && strmap_get(&x->r->roles, name, &ri)) {
		/* A role of the post's own: its base role's, else a span with
		 * its name as class; one made from raw (format html) is HTML. */
		const char *base = x->r->role_bases.v[ri];
		if (!strcmp(base, "raw")) {
			for (size_t k = 0; k < n; k++)
				if (s[k] == '\n')
					sb_adds(o, "\n    "); /* no block starts in it */
				else
					sb_addc(o, s[k]);
		} else if (base[0] && !x->role_made) {
			x->role_made = true; /* no role made from a role made from… */
			S_role(x, base, strlen(base), s, n, o);
			x->role_made = false;
		} else {
			sb_adds(o, "<span class=\"");
			ds_esc(o, name, strlen(name));
			sb_adds(o, "\">");
			S_text_esc(o, s, n);
			sb_adds(o, "</span>");
		}
		free(name);
		return;
	}
	if (!rl || !strcmp(name, "title-reference") || !strcmp(name, "title") || !strcmp(name, "t")) {
		S_tag(o, "cite", s, n);
	} else if (!strcmp(name, "emphasis")) {
		S_tag(o, "em", s, n);
	} else if (!strcmp(name, "strong")) {
		S_tag(o, "strong", s, n);
	} else if (!strcmp(name, "literal")) {
		/* Its escapes read, as docutils' literal role reads them (the
		 * code role keeps them). */
		struct strbuf u = STRBUF_INIT;
		for (size_t k = 0; k < n; k++)
			if (s[k] != '\\' || k + 1 >= n)
				sb_addc(&u, s[k]);
			else if (!ds_wsnl(s[++k]))
				sb_addc(&u, s[k]);
		S_code(o, u.s ? u.s : "", u.len);
		sb_release(&u);
	} else if (!strcmp(name, "code") || !strcmp(name, "kbd") || !strcmp(name, "samp") || !strcmp(name, "file") ||
		   !strcmp(name, "command")) {
		S_code(o, s, n);
	} else if (!strcmp(name, "sub") || !strcmp(name, "subscript")) {
		S_tag(o, "sub", s, n);
	} else if (!strcmp(name, "sup") || !strcmp(name, "superscript")) {
		S_tag(o, "sup", s, n);
	} else if (!strcmp(name, "abbr") || !strcmp(name, "abbreviation") || !strcmp(name, "acronym")) {
		/* Sphinx's `term (explanation)`. */
		size_t e = n, b = n;
		if (n > 2 && s[n - 1] == ')')
			for (size_t k = n - 1; k > 0; k--)
				if (s[k] == '(') {
					b = k;
					break;
				}
		if (b < n) {
			e = b;
			while (e && ds_wsnl(s[e - 1]))
				e--;
			sb_adds(o, "<abbr title=\"");
			char *t = xstrndup(s + b + 1, n - b - 2);
			for (char *p = t; *p; p++)
				if (*p == '\n')
					*p = ' ';
			ds_esc(o, t, strlen(t));
			free(t);
			sb_adds(o, "\">");
		} else {
			sb_adds(o, "<abbr>");
		}
		S_text_esc(o, s, e);
		sb_adds(o, "</abbr>");
	} else if (!strcmp(name, "math")) {
		sb_adds(o, "<span class=\"math\">");
		ds_tex(o, s, n);
		sb_adds(o, "</span>");
	} else if (!strcmp(name, "pep-reference") || !strcmp(name, "pep") || !strcmp(name, "rfc-reference") ||
		   !strcmp(name, "rfc")) {
		bool pep = name[0] == 'p';
		char *num = xstrndup(s, n);
		char *url = pep ? xasprintf("https://peps.python.org/pep-%04ld/", strtol(num, NULL, 10))
				: xasprintf("https://datatracker.ietf.org/doc/html/rfc%ld", strtol(num, NULL, 10));
		char *text = xasprintf("%s %s", pep ? "PEP" : "RFC", num);
		S_link(o, text, strlen(text), url, false);
		free(text);
		free(url);
		free(num);
	} else {
		S_text_esc(o, s, n);
		char *q = ds_quote(role, rl);
		char *k = xasprintf("rst-role:%s", name);
		S_warn(x->r, x->src, k, "reStructuredText role ':%s:' is not supported: its text kept", q);
		free(k);
		free(q);
	}
	free(name);
}

/* Interpreted text at s[i] ('`'), its role named by a prefix (or none);
 * b: where the construct started. Returns the bytes taken from b, or 0. */
static size_t S_interp(struct S_inl *x, size_t b, size_t i, const char *role, size_t rl, struct strbuf *o)
{
	const char *s = x->s;
	size_t n = x->n;
	if (!S_open_ok(s, n, i, 1))
		return 0;
	size_t j = S_end(x, K_INT, i + 2);
	if (j == DS_NONE)
		return 0;
	size_t e = j + S_end_len(s, n, j, K_INT);
	const char *c = s + i + 1;
	size_t cl = j - i - 1;
	size_t suf = j + 1;
	if (e > suf && s[suf] == '_') {
		if (rl)
			return 0; /* a role and a reference at once: text */
		bool anon = e - suf == 2;
		/* An embedded URI or alias: `text <uri>`_ */
		size_t lt = S_embedded(c, cl);
		if (lt) {
			const char *u = c + lt;
			size_t ul = cl - 1 - lt;
			const char *t = c;
			size_t tl = lt - 1;
			ds_trim(&t, &tl);
			if (!tl)
				t = u, tl = ul;
			if (S_alias(u, ul)) {
				S_ref(x, t, tl, u, ul - 1, false, o);
			} else {
				char *uri = S_embedded_uri(u, ul);
				S_link(o, t, tl, uri, true);
				/* `name <uri>`_ names a target too (S_collect
				 * found those on one line). */
				if (!anon)
					S_add_target(x->r, t, tl, uri);
				else
					free(uri);
			}
			return e - b;
		}
		S_ref(x, c, cl, c, cl, anon, o);
		return e - b;
	}
	if (e > suf && s[suf] == ':') {
		if (rl)
			return 0;
		S_role(x, s + suf + 1, e - suf - 2, c, cl, o);
		return e - b;
	}
	S_role(x, role, rl, c, cl, o);
	return e - b;
}

/* A substitution's definition written in place of |name|. As docutils
 * does, a definition that uses itself (through others or not) is an error
 * there, and the name stays. */
static void S_subst(struct S_inl *x, const char *name, size_t nl, const char *link, struct strbuf *o)
{
	struct S_rst *r = x->r;
	char *key = S_norm(name, nl);
	size_t idx;
	bool known = strmap_get(&r->subs, key, &idx);
	/* Those being written all write into o. */
	size_t written = r->sub_bytes + (r->sub_depth ? o->len - r->sub_start : 0);
	/* Why the name stays instead of its definition, if it does. */
	enum { KEEP_NONE, KEEP_UNDEFINED, KEEP_DIRECTIVE, KEEP_OWN, KEEP_DEEP, KEEP_BYTES } keep = KEEP_NONE;
	if (!known)
		keep = KEEP_UNDEFINED;
	else if (r->subv[idx].kind == '?')
		keep = KEEP_DIRECTIVE;
	else if (r->subv[idx].open)
		keep = KEEP_OWN;
	else if (r->sub_depth >= S_MAX_SUB_DEPTH)
		keep = KEEP_DEEP;
	else if (written > S_MAX_SUB_BYTES)
		keep = KEEP_BYTES;
	if (keep != KEEP_NONE) {
		char *q = ds_quote(name, nl), *k;
		S_tc(o, '|');
		S_text_esc(o, name, nl);
		S_tc(o, '|');
		/* One warning per name, but one for the post when the bytes run out. */
		k = keep == KEEP_BYTES ? xstrdup("rst-sub-bytes") : xasprintf("rst-sub:%s", key);
		if (keep == KEEP_UNDEFINED)
			S_warn(r, x->src, k, "reStructuredText substitution '|%s|' is not defined: its name kept", q);
		else if (keep == KEEP_DIRECTIVE)
			S_warn(r, x->src, k,
			       "reStructuredText substitution '|%s|' uses the directive '%s', which is not supported: "
			       "its name kept",
			       q, r->subv[idx].directive);
		else if (keep == KEEP_OWN)
			S_warn(r, x->src, k,
			       "reStructuredText substitution '|%s|' is used in its own definition: its name kept there",
			       q);
		else if (keep == KEEP_DEEP)
			S_warn(r, x->src, k,
			       "reStructuredText substitution '|%s|' is used %d substitutions deep: its name kept there",
			       q, S_MAX_SUB_DEPTH);
		else
			S_warn(r, x->src, k,
			       "reStructuredText substitutions write more than %d MiB in this post: '|%s|' and those "
			       "after it keep their names",
			       S_MAX_SUB_BYTES >> 20, q);
		free(k);
		free(q);
		free(key);
		return;
	}
	size_t before = o->len;
	if (!r->sub_depth)
		r->sub_start = before;
	const struct S_sub *d = &r->subv[idx];
	const char *url = link ? S_target(r, link) : NULL;
	if (d->kind == 'i' && !url && d->target)
		url = d->target;
	if (url && url[0])
		sb_addc(o, '[');
	if (d->kind == 'r') {
		r->subv[idx].open = true;
		r->sub_depth++;
		S_inline(r, d->text, strlen(d->text), x->src, o);
		r->sub_depth--;
		r->subv[idx].open = false;
	} else if (d->kind == 'h') {
		sb_adds(o, d->text);
	} else {
		sb_adds(o, "![");
		const char *alt = d->alt ? d->alt : name;
		S_text(o, alt, d->alt ? strlen(alt) : nl);
		sb_adds(o, "](");
		ds_url(o, d->text, strlen(d->text));
		sb_addc(o, ')');
	}
	if (url && url[0]) {
		sb_adds(o, "](");
		ds_url(o, url, strlen(url));
		sb_addc(o, ')');
	}
	if (!r->sub_depth)
		r->sub_bytes += o->len - before;
	free(key);
}

/* The schemes docutils links a standalone URI of (docutils.utils.
 * urischemes, 0.19); another scheme's URI stays text. */
static const char *const S_schemes[] = {
	"about", "acap", "addbook", "afp", "afs", "aim", "callto", "castanet", "chttp", "cid", "crid",
	"data", "dav", "dict", "dns", "eid", "fax", "feed", "file", "finger", "freenet", "ftp", "go",
	"gopher", "gsm-sms", "h323", "h324", "hdl", "hnews", "http", "https", "hydra", "iioploc", "ilu",
	"im", "imap", "info", "ior", "ipp", "irc", "iris.beep", "iseek", "jar", "javascript", "jdbc",
	"ldap", "lifn", "livescript", "lrq", "mailbox", "mailserver", "mailto", "md5", "mid", "mocha",
	"modem", "mtqp", "mupdate", "news", "nfs", "nntp", "opaquelocktoken", "phone", "pop", "pop3",
	"pres", "printer", "prospero", "rdar", "res", "rtsp", "rvp", "rwhois", "rx", "sdp", "service",
	"shttp", "sip", "sips", "smb", "snews", "snmp", "soap.beep", "soap.beeps", "ssh", "t120", "tag",
	"tcp", "tel", "telephone", "telnet", "tftp", "tip", "tn3270", "tv", "urn", "uuid", "vemmi",
	"videotex", "view-source", "wais", "whodp", "whois++", "x-man-page", "xmlrpc.beep",
	"xmlrpc.beeps", "z39.50r", "z39.50s", NULL};

/* docutils' uri pattern (states.py, Inliner.init_customizations) reads
 * ASCII only: uric is a URI's character, urilast one that may end it. A
 * backslash inside is an escape's mark (docutils' \x00): a URI character
 * that cannot end it; an escaped backslash is none. */
static bool S_uric(char c)
{
	return ds_alnum(c) || (c && strchr("-_.!~*'()[];/:@&=+$,%\\", c));
}

static bool S_urilast(char c)
{
	return ds_alnum(c) || (c && strchr("_~*/=+", c));
}

/* The end of the run of URI characters (and also of more) at s[k]. */
static size_t S_uri_run(const char *s, size_t lim, size_t k, const char *more)
{
	while (k < lim && (S_uric(s[k]) || (more && s[k] && strchr(more, s[k])))) {
		if (s[k] == '\\' && k + 1 < lim && s[k + 1] == '\\')
			break; /* an escaped backslash */
		k += s[k] == '\\' && k + 1 < lim && s[k + 1] != '\\' &&
				     (S_uric(s[k + 1]) || (more && s[k + 1] && strchr(more, s[k + 1])))
			     ? 2
			     : 1;
	}
	return k;
}

/* A reference `name_` or `name__` at s[i]: its length, or 0; the
 * name's in *nl. */
static size_t S_refname_len(struct S_inl *x, size_t i, size_t *nl)
{
	const char *s = x->s;
	size_t n = x->n, k = i;
	if (i < x->noname_until)
		return 0;
	/* A simple reference name: words joined by single - _ . : + */
	while (k < n) {
		size_t w = S_wordc(s, n, k);
		if (w)
			k += w;
		else if (s[k] && strchr("-_.:+", s[k]) && k + 1 < n && S_wordc(s, n, k + 1) && k > i)
			k++;
		else
			break;
	}
	if (k < n && s[k] == '_' && k > i) {
		size_t e = k + 1 < n && s[k + 1] == '_' ? k + 2 : k + 1;
		if (S_end_ok(s, n, e)) {
			*nl = k - i;
			return e - i;
		}
	}
	x->noname_until = k;
	return 0;
}

/* The end of a footnote or citation reference's label at s[i] ("[label]"
 * then '_', where inline markup may end), or 0. */
static size_t S_fnref_end(const char *s, size_t n, size_t i)
{
	size_t k = i + 1;
	while (k < n && k - i < 80 && s[k] != ']' && !ds_wsnl(s[k]) && s[k] != '[' && s[k] != '`')
		k++;
	if (k >= n || s[k] != ']' || k == i + 1 || k + 1 >= n || s[k + 1] != '_' || !S_end_ok(s, n, k + 2))
		return 0;
	return k;
}

/* Whether inline markup starts at s[p] (start-string rules met), whole
 * or with no end: docutils reads a standalone URI in the text between. */
static bool S_markup_at(struct S_inl *x, size_t p)
{
	const char *s = x->s;
	size_t n = x->n;
	char c = s[p];
	if (c == '*')
		return S_open_ok(s, n, p, p + 1 < n && s[p + 1] == '*' ? 2 : 1);
	if (c == '`')
		return S_open_ok(s, n, p, p + 1 < n && s[p + 1] == '`' ? 2 : 1);
	if (c == '_')
		return p + 1 < n && s[p + 1] == '`' && S_open_ok(s, n, p, 2);
	if (c == '|')
		return !(p + 1 < n && s[p + 1] == '|') && S_open_ok(s, n, p, 1);
	if (c == '[')
		return S_fnref_end(s, n, p) != 0;
	if (c == ':') {
		size_t e = S_role_name(s, n, p + 1);
		return e > p + 1 && e + 1 < n && s[e] == ':' && s[e + 1] == '`' && !(e + 2 < n && s[e + 2] == '`') &&
		       S_open_ok(s, n, e + 1, 1);
	}
	size_t nl;
	return S_wordc(s, n, p) && S_refname_len(x, p, &nl);
}

/* A URI's part s[b..e) may end at e: on a character that may end it, or
 * on one before '>' (an escape's mark too: "\\>"). */
static bool S_uri_last(const char *s, size_t b, size_t e, size_t lim)
{
	if (e <= b)
		return false;
	return S_urilast(s[e - 1]) || (S_uric(s[e - 1]) && e < lim && s[e] == '>');
}

/* ... and the URI may end there: where inline markup may end, or at lim,
 * where the text docutils reads it in ends. */
static bool S_uri_end_ok(const char *s, size_t n, size_t b, size_t e, size_t lim)
{
	return S_uri_last(s, b, e, lim) && (e == lim || S_end_ok(s, n, e));
}

/* The end of a URI's part at s[b..run), then a query '?' and a fragment
 * '#' where allowed: the longest that may end, as docutils' pattern
 * backtracks; 0 if none. */
static size_t S_uri_part(const char *s, size_t n, size_t b, size_t lim, int part)
{
	size_t run = S_uri_run(s, lim, b, NULL);
	for (size_t e = run; e > b; e--) {
		if (e == run && part < 2 && S_uri_last(s, b, e, lim)) {
			/* The query and the fragment follow the whole run only:
			 * '?' and '#' are no URI characters. */
			if (part < 1 && run < lim && s[run] == '?') {
				size_t q = S_uri_part(s, n, run + 1, lim, 1);
				if (q)
					return q;
			}
			if (run < lim && s[run] == '#') {
				size_t f = S_uri_part(s, n, run + 1, lim, 2);
				if (f)
					return f;
			}
		}
		if (S_uri_end_ok(s, n, b, e, lim))
			return e;
	}
	return 0;
}

/* Where the text docutils reads a standalone URI or email address at
 * s[i] in ends, as far as one that would end by s[reach] can tell: at the
 * next inline markup, which docutils finds first. Looking no further
 * keeps a run of addresses that are none linear. */
static size_t S_implicit_end(struct S_inl *x, size_t i, size_t reach)
{
	for (size_t p = i + 1; p <= reach && p < x->n; p++)
		if (S_start_ok(x->s, p) && S_markup_at(x, p))
			return p;
	return x->n;
}

/* A standalone URI at s[i] as docutils reads one: its length, or 0;
 * *known says whether docutils links its scheme. */
static size_t S_uri_at(struct S_inl *x, size_t i, size_t *lim, bool *known)
{
	const char *s = x->s;
	size_t n = x->n, k = i;
	if (i < x->nouri_until || !isalpha((unsigned char)s[i]))
		return 0;
	while (k < n && (ds_alnum(s[k]) || s[k] == '+' || s[k] == '-' || s[k] == '.'))
		k++;
	if (k >= n || s[k] != ':') {
		x->nouri_until = k;
		return 0;
	}
	if (*lim == DS_NONE)
		*lim = S_implicit_end(x, i, S_uri_run(s, n, k + 1, "?#"));
	size_t e = k + 1 < *lim ? S_uri_part(s, n, k + 1, *lim, 0) : 0;
	if (!e) {
		x->nouri_until = k < *lim ? k : *lim;
		return 0;
	}
	*known = false;
	for (const char *const *p = S_schemes; *p && !*known; p++)
		*known = ds_ieq(s + i, k - i, *p);
	return e - i;
}

/* docutils' emailc: a character of an email address's name and host. */
static bool S_emailc(char c)
{
	return ds_alnum(c) || (c && strchr("-_!~*'{|}/#?^`&=+$%", c));
}

/* An email address at s[i] as docutils' uri pattern reads one (a name of
 * parts joined by single dots, '@', a host, a character that may end a
 * URI): its length, or 0. */
static size_t S_email_at(struct S_inl *x, size_t i, size_t *lim)
{
	const char *s = x->s;
	size_t n = x->n, k = i;
	bool part = false;
	if (i < x->nomail_until)
		return 0;
	/* The name, to '@'; an escape's mark counts as a character. */
	for (;; k++) {
		char c = k < n ? s[k] : 0;
		if (c == '@' && part && !(k > i && s[k - 1] == '\\'))
			break;
		if (c == '.' && part) {
			part = false;
			continue;
		}
		if (c == '\\' && k + 1 < n && s[k + 1] != '\\' && s[k + 1] != '@') {
			part = true;
			continue;
		}
		if (!S_emailc(c)) {
			x->nomail_until = k;
			return 0;
		}
		part = true;
	}
	size_t h = k + 1, run = h;
	while (run < n && (S_emailc(s[run]) || (s[run] == '.' && run > h) ||
			   (s[run] == '\\' && run + 1 < n && s[run + 1] != '\\')))
		run++;
	if (*lim == DS_NONE || *lim > run + 1) {
		/* The URI's own look may have stopped short of this reach. */
		size_t l = S_implicit_end(x, i, run + 1);
		*lim = *lim == DS_NONE || l < *lim ? l : *lim;
	}
	/* The host, then its last character: the longest that may end. */
	for (size_t e = run + 1; e > h + 1; e--)
		if (e - 1 < *lim && S_uri_end_ok(s, n, e - 2, e, *lim))
			return e - i;
	x->nomail_until = h < *lim ? h : *lim;
	return 0;
}

/* A link to a standalone URI or email address s[0..n): escapes read
 * (docutils' unescape). */
static void S_implicit_link(struct strbuf *o, const char *pre, const char *s, size_t n)
{
	struct strbuf url = STRBUF_INIT;
	sb_adds(&url, pre);
	for (size_t k = 0; k < n; k++)
		sb_addc(&url, s[k] == '\\' && k + 1 < n ? s[++k] : s[k]);
	sb_add(&url, "", 0);
	S_link(o, s, n, url.s, true);
	sb_release(&url);
}

/* A standalone URI or email address at s[i] (start-string rules met).
 * Bytes taken, or 0. */
static size_t S_implicit(struct S_inl *x, size_t i, struct strbuf *o)
{
	size_t lim = DS_NONE;
	bool known = false, uri = true;
	size_t u = S_uri_at(x, i, &lim, &known);
	if (!u) {
		uri = false;
		u = S_email_at(x, i, &lim);
		known = true;
	}
	if (!u)
		return 0;
	x->implicit_after = i + u;
	/* It may end with an escape's mark (before an escaped '>'), which
	 * shows nothing. */
	size_t shown = u - (x->s[i + u - 1] == '\\');
	if (!known || x->nolink) {
		x->nolink = x->nolink || uri;
		S_text_esc(o, x->s + i, shown);
	} else {
		S_implicit_link(o, uri ? "" : "mailto:", x->s + i, shown);
	}
	return u;
}

/* A word at s[i] (start-string rules met): a reference `name_`, a
 * standalone URI or email address. Bytes taken, or 0. */
static size_t S_word(struct S_inl *x, size_t i, struct strbuf *o)
{
	size_t nl, e = S_refname_len(x, i, &nl);
	if (e) {
		S_ref(x, x->s + i, nl, x->s + i, nl, e - nl == 2, o);
		x->nolink = false;
		x->after = i + e;
		return e;
	}
	return S_implicit(x, i, o);
}

/* Footnote or citation reference `[label]_` at s[i]. */
static size_t S_fnref(struct S_inl *x, size_t i, struct strbuf *o)
{
	const char *s = x->s;
	size_t k = S_fnref_end(s, x->n, i);
	if (!k)
		return 0;
	struct S_rst *r = x->r;
	const char *l = s + i + 1;
	size_t ll = k - i - 1;
	/* With no footnote or citation for it, docutils keeps "[1]_" and
	 * reports it; cmark-gfm would show "[^1]". */
	char *key = S_lower(l, ll);
	bool defined = !strcmp(key, "#")   ? r->auto_ref_next < r->auto_defs
		       : !strcmp(key, "*") ? r->sym_ref_next < r->sym_defs
					   : strmap_get(&r->fndefs, key, NULL);
	if (!defined) {
		char *q = ds_quote(s + i, k + 1 - i);
		char *wk = xasprintf("rst-fn:%s", key);
		S_warn(r, x->src, wk, "reStructuredText footnote reference %s has no footnote or citation: its text kept",
		       q);
		free(wk);
		free(q);
		free(key);
		S_text(o, s + i, k + 2 - i);
		return k + 2 - i;
	}
	free(key);
	sb_adds(o, "[^");
	if (ll == 1 && l[0] == '#')
		sb_addf(o, "auto-%zu", ++r->auto_ref_next);
	else if (ll == 1 && l[0] == '*')
		sb_addf(o, "sym-%zu", ++r->sym_ref_next);
	else
		for (size_t j = l[0] == '#' ? 1 : 0; j < ll; j++)
			sb_addc(o, ds_alnum(l[j]) || strchr("-_.", l[j]) ? l[j] : '-');
	sb_addc(o, ']');
	return k + 2 - i;
}

/* The end of inline markup whose start-string s[i..i+len) opens it, or
 * DS_NONE (the start-string not followed by text, or no end-string). */
static size_t S_span(struct S_inl *x, size_t i, size_t len, int kind)
{
	if (!S_open_ok(x->s, x->n, i, len))
		return DS_NONE;
	return S_end(x, kind, i + len + 1);
}

/* Inline markup but a word at s[i]: bytes taken, or 0. */
static size_t S_span_markup(struct S_inl *x, size_t i, struct strbuf *o)
{
	const char *s = x->s;
	size_t n = x->n;
	char c = s[i];
	if (c == '*' || (c == '`' && i + 1 < n && s[i + 1] == '`')) {
		size_t len = i + 1 < n && s[i + 1] == c ? 2 : 1;
		int kind = c == '`' ? K_LIT : len == 2 ? K_STRONG : K_EM;
		size_t j = S_span(x, i, len, kind);
		if (j == DS_NONE)
			return 0;
		if (kind == K_LIT)
			S_code(o, s + i + 2, j - i - 2);
		else
			S_tag(o, len == 2 ? "strong" : "em", s + i + len, j - i - len);
		return j + len - i;
	}
	if (c == '`')
		return S_interp(x, i, i, NULL, 0, o);
	if (c == ':') {
		size_t e = S_role_name(s, n, i + 1);
		/* The role's backquote is not followed by another: ":r:``x``"
		 * is text and a literal (docutils). */
		if (e > i + 1 && e + 1 < n && s[e] == ':' && s[e + 1] == '`' && !(e + 2 < n && s[e + 2] == '`'))
			return S_interp(x, i, e + 1, s + i + 1, e - i - 1, o);
		return 0;
	}
	if (c == '_' && i + 1 < n && s[i + 1] == '`') {
		/* An inline target: its text. */
		size_t j = S_span(x, i + 1, 1, K_INT);
		if (j == DS_NONE || S_end_len(s, n, j, K_INT) != 1)
			return 0;
		S_text_esc(o, s + i + 2, j - i - 2);
		return j + 1 - i;
	}
	if (c == '|') {
		size_t j = S_span(x, i, 1, K_SUB);
		if (j == DS_NONE)
			return 0;
		size_t e = j + S_end_len(s, n, j, K_SUB);
		char *link = e > j + 1 && e - j == 2 ? S_norm(s + i + 1, j - i - 1) : NULL;
		S_subst(x, s + i + 1, j - i - 1, link, o);
		free(link);
		return e - i;
	}
	if (c == '[')
		return S_fnref(x, i, o);
	return 0;
}

/* Inline markup at s[i] (its start-string rules met): bytes taken, or 0.
 * An email address may also start with punctuation ("-a@b.org"). */
static size_t S_markup(struct S_inl *x, size_t i, struct strbuf *o)
{
	if (S_wordc(x->s, x->n, i))
		return S_word(x, i, o);
	size_t used = S_span_markup(x, i, o);
	if (used) {
		x->nolink = false;
		x->after = i + used;
	} else if (S_emailc(x->s[i]))
		used = S_implicit(x, i, o);
	return used;
}

static void S_inline(struct S_rst *r, const char *s, size_t n, size_t src, struct strbuf *o)
{
	struct S_inl x = {.r = r, .s = s, .n = n, .src = src, .after = DS_NONE, .implicit_after = DS_NONE};
	for (size_t i = 0; i < n;) {
		char c = s[i];
		bool start = S_start_ok(s, i) || i == x.after, istart = start || i == x.implicit_after;
		if (c == '\n')
			x.src++;
		if (c == '\\' && i + 1 < n) {
			/* An escape's mark is a character of an email address. */
			size_t used = istart ? S_implicit(&x, i, o) : 0;
			if (used) {
				i += used;
				continue;
			}
			if ((unsigned char)s[i + 1] >= 0x80) {
				/* A character escaped whole: a no-break space escaped is
				 * white space before what follows. */
				size_t len;
				(void)S_cp_at(s, n, i + 1, &len);
				sb_add(o, s + i + 1, len);
				i += 1 + len;
				continue;
			}
			if (s[i + 1] == '\n') {
				S_tc(o, '\n');
				x.src++;
			} else if (s[i + 1] != ' ') {
				S_tc(o, s[i + 1]);
			}
			i += 2;
			continue;
		}
		if ((unsigned char)c >= 0x80 && !S_wordc(s, n, i)) {
			/* White space or punctuation: as it is, whole. */
			size_t len;
			(void)S_cp_at(s, n, i, &len);
			sb_add(o, s + i, len);
			i += len;
			continue;
		}
		if (start && strchr("*`:_|[", c) == NULL && !S_wordc(s, n, i) && !S_emailc(c)) {
			S_tc(o, c);
			i++;
			continue;
		}
		if (istart && c) {
			size_t before = o->len;
			size_t used = start ? S_markup(&x, i, o) : S_emailc(c) ? S_implicit(&x, i, o) : 0;
			if (used) {
				for (size_t k = i; k < i + used; k++)
					x.src += s[k] == '\n';
				i += used;
				continue;
			}
			o->len = before;
		}
		if (S_wordc(s, n, i)) {
			size_t k = i, w;
			while (k < n && (w = S_wordc(s, n, k)))
				k += w;
			sb_add(o, s + i, k - i);
			i = k;
			continue;
		}
		S_tc(o, c);
		i++;
	}
}

/* A paragraph's Markdown: its first line may not start a block. */
static void S_line_start(struct strbuf *b)
{
	if (!b->len)
		return;
	size_t at = DS_NONE;
	if (strchr("+-=", b->s[0])) {
		at = 0;
	} else {
		size_t k = 0;
		while (k < b->len && k < 10 && isdigit((unsigned char)b->s[k]))
			k++;
		if (k && k < b->len && (b->s[k] == '.' || b->s[k] == ')'))
			at = k;
	}
	if (at == DS_NONE)
		return;
	sb_addc(b, 0);
	memmove(b->s + at + 1, b->s + at, b->len - at - 1);
	b->s[at] = '\\';
}

/* Lines L[0..n) as one text, each trimmed. */
static void S_join(struct strbuf *t, const struct S_ln *L, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const char *s = L[k].s;
		size_t l = L[k].n;
		ds_trim(&s, &l);
		if (k)
			sb_addc(t, '\n');
		sb_add(t, s, l);
	}
}

/* The inline Markdown of lines L[0..n) (their text from column 0). */
static void S_inline_lines(struct S_rst *r, const struct S_ln *L, size_t n, struct strbuf *o)
{
	struct strbuf t = STRBUF_INIT;
	S_join(&t, L, n);
	S_inline(r, t.s ? t.s : "", t.len, n ? L[0].src : 1, o);
	sb_release(&t);
}

/* Inline Markdown of one line as HTML (a term, a title). The passes after
 * this one read what it writes as their own syntax: the HTML, already
 * through them, must not be read twice. So each character of its text
 * (outside tags) that one of them acts on is written as a character
 * reference: a field name "[[] \\]" had become math, "\[</span> \]",
 * read once more as a span holding "</span>". (A backquote stays: it
 * changes nothing the passes write.) */
static char *S_inline_html(struct S_rst *r, const char *s, size_t n, size_t src)
{
	struct strbuf md = STRBUF_INIT, h = STRBUF_INIT, o = STRBUF_INIT;
	S_inline(r, s, n, src, &md);
	for (size_t k = 0; k < md.len; k++)
		if (md.s[k] == '\n')
			md.s[k] = ' ';
	ds_title_html(r->st, &h, md.s ? md.s : "", md.len, ds_line_of_text(r->st, src));
	sb_release(&md);
	bool tag = false;
	for (size_t k = 0; k < h.len; k++) {
		unsigned char c = (unsigned char)h.s[k];
		if (c == '<')
			tag = true;
		else if (c == '>')
			tag = false;
		if (!tag && c < 0x80 && ispunct(c) && r->st->special[c] && !strchr("<>&#;`", c))
			sb_addf(&o, "&#%u;", c);
		else
			sb_addc(&o, (char)c);
	}
	sb_release(&h);
	sb_add(&o, "", 0);
	return sb_detach(&o);
}

/* ------------------------------------------------------------------ */
/* Blocks                                                               */
/* ------------------------------------------------------------------ */

static void S_body(struct S_rst *r, const struct S_ln *L, size_t n, struct S_out *o, int depth);

/* The block starting at L[i]: with first, the rest of L[i] from column
 * off and the lines after it that are blank or indented; else the lines
 * from L[i] that are blank or indented. Dedented by their least
 * indentation, trailing blank lines left out; *end: the line after. The
 * caller frees the array. */
static struct S_ln *S_indented(const struct S_ln *L, size_t n, size_t i, size_t off, bool first, size_t *cnt,
			       size_t *end)
{
	size_t j = first ? i + 1 : i, last = j, min = SIZE_MAX;
	while (j < n) {
		if (!L[j].n) {
			j++;
			continue;
		}
		size_t ind = S_ind(&L[j]);
		if (!ind)
			break;
		if (ind < min)
			min = ind;
		last = ++j;
	}
	*end = last;
	*cnt = last - i;
	struct S_ln *v = xcalloc(*cnt ? *cnt : 1, sizeof *v);
	for (size_t k = i; k < last; k++) {
		struct S_ln *d = &v[k - i];
		*d = L[k];
		if (k == i && first) {
			size_t f = off < L[k].n ? off : L[k].n;
			while (f < L[k].n && L[k].s[f] == ' ')
				f++;
			d->s += f;
			d->n -= f;
		} else if (d->n) {
			d->s += min;
			d->n -= min;
		}
	}
	return v;
}

/* A fenced code block of lines L[0..n) (as they are, blank ends cut). */
static void S_fence(struct S_out *o, const struct S_ln *L, size_t n, const char *lang, size_t ll, size_t src)
{
	size_t b = 0, e = n;
	while (b < e && !L[b].n)
		b++;
	while (e > b && !L[e - 1].n)
		e--;
	size_t maxrun = 2;
	for (size_t k = b; k < e; k++)
		maxrun = S_max_run(L[k].s, L[k].n, maxrun);
	struct strbuf f = STRBUF_INIT;
	for (size_t k = 0; k <= maxrun; k++)
		sb_addc(&f, '`');
	sb_add(&f, "", 0);
	S_gap(o, src);
	struct strbuf h = STRBUF_INIT;
	sb_adds(&h, f.s);
	if (lang)
		ds_lang(&h, lang, ll);
	sb_add(&h, "", 0);
	S_push(o, sb_detach(&h), src);
	for (size_t k = b; k < e; k++)
		S_push(o, xstrndup(L[k].s, L[k].n), L[k].src);
	S_puts(o, f.s, e > b ? L[e - 1].src : src);
	S_puts(o, "", e > b ? L[e - 1].src : src);
	sb_release(&f);
}

/* A paragraph of lines L[0..n); a trailing `::` read (*literal: a literal
 * block follows). */
static void S_para(struct S_rst *r, const struct S_ln *L, size_t n, struct S_out *o, bool *literal)
{
	struct strbuf t = STRBUF_INIT, md = STRBUF_INIT;
	S_join(&t, L, n);
	*literal = false;
	if (t.len >= 2 && t.s[t.len - 1] == ':' && t.s[t.len - 2] == ':' && !S_escaped(t.s, t.len - 2)) {
		*literal = true;
		if (t.len == 2 || ds_wsnl(t.s[t.len - 3])) {
			t.len -= 2;
			while (t.len && ds_wsnl(t.s[t.len - 1]))
				t.len--;
		} else {
			t.len--;
		}
	}
	if (t.len) {
		S_inline(r, t.s, t.len, L[0].src, &md);
		S_line_start(&md);
		S_gap(o, L[0].src);
		S_put_lines(o, md.s, md.len, L[0].src);
		S_puts(o, "", L[n - 1].src);
	}
	sb_release(&t);
	sb_release(&md);
}

/* A block quote (lines already dedented), its attribution split off. */
static void S_quote(struct S_rst *r, const struct S_ln *L, size_t n, struct S_out *o, int depth)
{
	size_t e = n;
	while (e && !L[e - 1].n)
		e--;
	size_t p = e;
	while (p && L[p - 1].n)
		p--;
	size_t an = 0;
	if (p > 0 && p < e) {
		const char *s = L[p].s;
		size_t l = L[p].n;
		if (ds_at(s, l, 0, "-- ") || ds_at(s, l, 0, "--- "))
			an = s[2] == ' ' ? 3 : 4;
		else if (ds_at(s, l, 0, "\xE2\x80\x94 ") || ds_at(s, l, 0, "\xE2\x80\x95 "))
			an = 4;
	}
	struct S_out child = {0};
	S_body(r, L, an ? p : n, &child, depth + 1);
	if (an) {
		struct S_ln *a = xcalloc(e - p, sizeof *a);
		memcpy(a, L + p, (e - p) * sizeof *a);
		a[0].s += an;
		a[0].n -= an;
		struct strbuf md = STRBUF_INIT;
		sb_adds(&md, "\xE2\x80\x94 ");
		S_inline_lines(r, a, e - p, &md);
		S_gap(&child, a[0].src);
		S_put_lines(&child, md.s, md.len, a[0].src);
		sb_release(&md);
		free(a);
	}
	S_gap(o, n ? L[0].src : 1);
	S_nest(o, &child, "> ", "> ");
	S_puts(o, "", n ? L[n - 1].src : 1);
}

/* ------------------------------------------------------------------ */
/* Tables                                                               */
/* ------------------------------------------------------------------ */

struct S_cell {
	size_t row, col, rows, cols;
	struct S_ln *v; /* its lines (own array; the text lives in r->owned) */
	size_t n;
	bool head;
};

struct S_table {
	struct S_cell *c;
	size_t n, cap;
	size_t head_rows;
};

static struct S_cell *S_cell_add(struct S_table *t)
{
	if (t->n == t->cap)
		t->c = xrealloc(t->c, (t->cap = t->cap ? t->cap * 2 : 16) * sizeof *t->c);
	memset(&t->c[t->n], 0, sizeof t->c[t->n]);
	return &t->c[t->n++];
}

static void S_table_free(struct S_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->c[i].v);
	free(t->c);
}

/* Text owned by the rewrite (cells cut out of a table). */
static const char *S_own(struct S_rst *r, char *s)
{
	sv_push_owned(&r->owned, s);
	return s;
}

/* Writes the cells (ordered by row, then column) as an HTML table. */
static void S_table_out(struct S_rst *r, struct S_table *t, struct S_out *o, size_t src, const char *caption,
			int depth)
{
	S_gap(o, src);
	S_puts(o, "<table>", src);
	if (caption && caption[0])
		S_push(o, xasprintf("<caption>%s</caption>", caption), src);
	size_t row = SIZE_MAX;
	bool in_head = false, in_body = false;
	for (size_t i = 0; i < t->n; i++) {
		struct S_cell *c = &t->c[i];
		size_t csrc = c->n ? c->v[0].src : src;
		if (c->row != row) {
			if (row != SIZE_MAX)
				S_puts(o, "</tr>", csrc);
			bool head = c->row < t->head_rows;
			if (head && !in_head) {
				S_puts(o, "<thead>", csrc);
				in_head = true;
			}
			if (!head && !in_body) {
				if (in_head)
					S_puts(o, "</thead>", csrc);
				S_puts(o, "<tbody>", csrc);
				in_body = true;
			}
			S_puts(o, "<tr>", csrc);
			row = c->row;
		}
		const char *tag = c->row < t->head_rows ? "th" : "td";
		struct strbuf open = STRBUF_INIT;
		sb_addf(&open, "<%s", tag);
		if (c->cols > 1)
			sb_addf(&open, " colspan=\"%zu\"", c->cols);
		if (c->rows > 1)
			sb_addf(&open, " rowspan=\"%zu\"", c->rows);
		sb_addc(&open, '>');
		struct S_out child = {0};
		S_body(r, c->v, c->n, &child, depth + 1);
		/* One paragraph: its text inline, tight, as docutils writes it. */
		size_t nonblank = 0;
		for (size_t k = 0; k < child.n; k++)
			nonblank += child.v[k].s[0] != 0;
		if (!nonblank) {
			sb_addf(&open, "</%s>", tag);
			S_push(o, sb_detach(&open), csrc);
			S_out_free(&child);
			continue;
		}
		sb_add(&open, "", 0);
		char *close = xasprintf("</%s>", tag);
		S_push(o, sb_detach(&open), csrc);
		S_puts(o, "", csrc);
		size_t last = child.v[child.n - 1].src;
		S_nest(o, &child, "", "");
		S_gap(o, last);
		S_push(o, close, last);
	}
	if (row != SIZE_MAX)
		S_puts(o, "</tr>", src);
	if (in_head && !in_body)
		S_puts(o, "</thead>", src);
	if (in_body)
		S_puts(o, "</tbody>", src);
	S_puts(o, "</table>", src);
	S_puts(o, "", src);
}

/* A line as characters (code points), for tables laid out by column. */
struct S_cps {
	uint32_t *c;
	size_t *at; /* byte offset of each character */
	size_t n;
};

static void S_cps_of(struct S_cps *p, const char *s, size_t n)
{
	p->c = xcalloc(n + 1, sizeof *p->c);
	p->at = xcalloc(n + 1, sizeof *p->at);
	p->n = 0;
	for (size_t k = 0; k < n;) {
		p->at[p->n] = k;
		unsigned char b = (unsigned char)s[k];
		size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		if (k + len > n)
			len = n - k;
		p->c[p->n++] = b < 0x80 ? b : 0x80 + b; /* only ASCII is compared */
		k += len;
	}
	p->at[p->n] = n;
}

/* Characters [a, b) of line l (as bytes; past its end: nothing). */
static void S_slice(const struct S_ln *l, const struct S_cps *p, size_t a, size_t b, const char **s, size_t *len)
{
	if (a > p->n)
		a = p->n;
	if (b > p->n)
		b = p->n;
	if (b < a)
		b = a;
	*s = l->s + p->at[a];
	*len = p->at[b] - p->at[a];
}

/* Lines of a cell (text copies, trailing space cut, dedented) as S_ln. */
static void S_cell_lines(struct S_rst *r, struct S_cell *c, struct strvec *lines, const size_t *srcs)
{
	size_t min = SIZE_MAX;
	for (size_t k = 0; k < lines->n; k++) {
		char *s = lines->v[k];
		size_t l = strlen(s);
		while (l && ds_wsnl(s[l - 1]))
			s[--l] = 0;
		struct S_ln t = {s, l, 0};
		if (l && S_ind(&t) < min)
			min = S_ind(&t);
	}
	c->v = xcalloc(lines->n ? lines->n : 1, sizeof *c->v);
	c->n = lines->n;
	for (size_t k = 0; k < lines->n; k++) {
		const char *s = S_own(r, lines->v[k]);
		size_t l = strlen(s);
		c->v[k] = (struct S_ln){l ? s + min : s, l ? l - min : 0, srcs[k]};
		lines->v[k] = NULL;
	}
	lines->n = 0;
}

static int S_cell_cmp(const void *a, const void *b)
{
	const struct S_cell *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* docutils' grid table parser: each cell found from its top-left corner by
 * following its borders right, down, left and up. */
struct S_grid {
	struct S_cps *g;
	size_t h, w;
	size_t *done;
	bool *rowsep, *colsep;
};

static uint32_t S_g(const struct S_grid *G, size_t y, size_t x)
{
	return x < G->g[y].n ? G->g[y].c[x] : ' ';
}

static bool S_scan_up(const struct S_grid *G, size_t top, size_t left, size_t bottom)
{
	for (size_t i = bottom - 1; i > top; i--)
		if (S_g(G, i, left) != '+' && S_g(G, i, left) != '|')
			return false;
	return true;
}

static bool S_scan_left(const struct S_grid *G, size_t top, size_t left, size_t bottom, size_t right)
{
	for (size_t i = right - 1; i > left; i--)
		if (S_g(G, bottom, i) != '+' && S_g(G, bottom, i) != '-')
			return false;
	return S_g(G, bottom, left) == '+' && S_scan_up(G, top, left, bottom);
}

static bool S_scan_cell(const struct S_grid *G, size_t top, size_t left, size_t *bottom, size_t *right)
{
	for (size_t i = left + 1; i < G->w; i++) {
		uint32_t c = S_g(G, top, i);
		if (c == '+') {
			for (size_t j = top + 1; j < G->h; j++) {
				uint32_t d = S_g(G, j, i);
				if (d == '+') {
					if (S_scan_left(G, top, left, j, i)) {
						*bottom = j;
						*right = i;
						return true;
					}
				} else if (d != '|') {
					break;
				}
			}
		} else if (c != '-') {
			return false;
		}
	}
	return false;
}

static bool S_grid_parse(struct S_rst *r, const struct S_ln *L, size_t n, struct S_table *t)
{
	struct S_grid G = {0};
	G.h = n;
	G.g = xcalloc(n, sizeof *G.g);
	size_t head = 0;
	for (size_t k = 0; k < n; k++) {
		S_cps_of(&G.g[k], L[k].s, L[k].n);
		if (G.g[k].n > G.w)
			G.w = G.g[k].n;
		if (k && ds_at(L[k].s, L[k].n, 0, "+=")) {
			if (!head)
				head = k;
			for (size_t x = 0; x < G.g[k].n; x++)
				if (G.g[k].c[x] == '=')
					G.g[k].c[x] = '-';
		}
	}
	G.done = xcalloc(G.w + 1, sizeof *G.done);
	G.rowsep = xcalloc(G.h + 1, sizeof *G.rowsep);
	G.colsep = xcalloc(G.w + 1, sizeof *G.colsep);
	size_t *cy = xmalloc((G.h * 2 + G.w * 2 + 4) * sizeof *cy), *cx = NULL;
	size_t cap = G.h * 2 + G.w * 2 + 4, nc = 0;
	cx = xmalloc(cap * sizeof *cx);
	cy[nc] = 0, cx[nc++] = 0;
	bool ok = true;
	/* done[x]: the last row line finished above column x, plus one. */
	struct S_tmp {
		size_t top, left, bottom, right;
	} *cells = NULL;
	size_t ncells = 0, ccells = 0;
	while (nc && ok) {
		/* The corner with the least (top, left). */
		size_t best = 0;
		for (size_t k = 1; k < nc; k++)
			if (cy[k] < cy[best] || (cy[k] == cy[best] && cx[k] < cx[best]))
				best = k;
		size_t top = cy[best], left = cx[best];
		cy[best] = cy[nc - 1], cx[best] = cx[nc - 1], nc--;
		if (top + 1 >= G.h || left + 1 >= G.w || top + 1 <= G.done[left])
			continue;
		size_t bottom, right;
		if (!S_scan_cell(&G, top, left, &bottom, &right))
			continue;
		for (size_t x = left; x < right; x++) {
			if (G.done[x] != top) {
				ok = false;
				break;
			}
			G.done[x] = bottom;
		}
		G.rowsep[top] = G.rowsep[bottom] = true;
		G.colsep[left] = G.colsep[right] = true;
		if (ncells == ccells)
			cells = xrealloc(cells, (ccells = ccells ? ccells * 2 : 16) * sizeof *cells);
		cells[ncells++] = (struct S_tmp){top, left, bottom, right};
		if (nc + 2 > cap) {
			cap *= 2;
			cy = xrealloc(cy, cap * sizeof *cy);
			cx = xrealloc(cx, cap * sizeof *cx);
		}
		cy[nc] = top, cx[nc++] = right;
		cy[nc] = bottom, cx[nc++] = left;
	}
	for (size_t x = 0; ok && x + 1 < G.w; x++)
		if (G.done[x] != G.h - 1)
			ok = false;
	ok = ok && ncells;
	if (ok) {
		size_t *rowi = xcalloc(G.h + 1, sizeof *rowi), *coli = xcalloc(G.w + 1, sizeof *coli);
		for (size_t y = 0, k = 0; y < G.h; y++)
			if (G.rowsep[y])
				rowi[y] = k++;
		for (size_t x = 0, k = 0; x < G.w; x++)
			if (G.colsep[x])
				coli[x] = k++;
		t->head_rows = head ? rowi[head] : 0;
		for (size_t i = 0; i < ncells; i++) {
			struct S_cell *c = S_cell_add(t);
			c->row = rowi[cells[i].top];
			c->col = coli[cells[i].left];
			c->rows = rowi[cells[i].bottom] - c->row;
			c->cols = coli[cells[i].right] - c->col;
			struct strvec lines = STRVEC_INIT;
			size_t *srcs = xcalloc(cells[i].bottom - cells[i].top + 1, sizeof *srcs);
			for (size_t y = cells[i].top + 1; y < cells[i].bottom; y++) {
				const char *s;
				size_t len;
				S_slice(&L[y], &G.g[y], cells[i].left + 1, cells[i].right, &s, &len);
				srcs[lines.n] = L[y].src;
				sv_push_owned(&lines, xstrndup(s, len));
			}
			S_cell_lines(r, c, &lines, srcs);
			sv_free(&lines);
			free(srcs);
		}
		if (t->n)
			qsort(t->c, t->n, sizeof *t->c, S_cell_cmp);
		free(rowi);
		free(coli);
	}
	free(cells);
	free(cy);
	free(cx);
	for (size_t k = 0; k < n; k++) {
		free(G.g[k].c);
		free(G.g[k].at);
	}
	free(G.g);
	free(G.done);
	free(G.rowsep);
	free(G.colsep);
	return ok;
}

/* Lines that cannot be read as the table they look like: kept as code. */
static void S_table_failed(struct S_rst *r, const struct S_ln *L, size_t n, struct S_out *o, const char *what)
{
	char *k = xasprintf("rst-table:%s", what);
	S_warn(r, L[0].src, k, "reStructuredText %s could not be read: its text kept as it is", what);
	free(k);
	S_fence(o, L, n, NULL, 0, L[0].src);
}

static size_t S_grid_table(struct S_rst *r, const struct S_ln *L, size_t n, size_t i, struct S_out *o, int depth)
{
	size_t e = i;
	while (e < n && L[e].n && (L[e].s[0] == '+' || L[e].s[0] == '|'))
		e++;
	struct S_table t = {0};
	if (e - i < 3 || e - i > S_MAX_GRID_LINES || L[i].n > S_MAX_GRID_COLS * 4 || L[e - 1].s[0] != '+' ||
	    !S_grid_parse(r, L + i, e - i, &t))
		S_table_failed(r, L + i, e - i, o, "grid table");
	else
		S_table_out(r, &t, o, L[i].src, NULL, depth);
	S_table_free(&t);
	return e;
}

/* A simple table's border: runs of '=' between spaces, at least two. */
static size_t S_border_cols(const struct S_ln *l, size_t *starts, size_t max)
{
	if (!l->n || l->s[0] != '=')
		return 0;
	size_t nc = 0;
	struct S_cps p;
	S_cps_of(&p, l->s, l->n);
	for (size_t k = 0; k < p.n;) {
		if (p.c[k] == ' ') {
			k++;
			continue;
		}
		if (p.c[k] != '=') {
			nc = 0;
			break;
		}
		if (nc < max)
			starts[nc] = k;
		nc++;
		while (k < p.n && p.c[k] == '=')
			k++;
	}
	free(p.c);
	free(p.at);
	return nc;
}

#define S_MAX_SIMPLE_COLS 64

/* A column-span line under a simple table's row: dashes grouping columns. */
static bool S_span_line(const struct S_ln *l)
{
	if (!l->n || l->s[0] != '-')
		return false;
	for (size_t k = 0; k < l->n; k++)
		if (l->s[k] != '-' && l->s[k] != ' ')
			return false;
	return true;
}

/* One row of a simple table: lines L[b..e) cut into cells, columns
 * grouped as the span line under it says (span: NULL, one each). False
 * when text lies in the margin between two cells. */
static bool S_simple_row(struct S_rst *r, const struct S_ln *L, size_t b, size_t e, const struct S_ln *span,
			 const size_t *starts, size_t nc, size_t row, struct S_table *t)
{
	size_t group[S_MAX_SIMPLE_COLS + 1]; /* first column of each cell */
	size_t ng = 0;
	struct S_cps sp = {0};
	if (span)
		S_cps_of(&sp, span->s, span->n);
	for (size_t c = 0; c < nc; c++) {
		/* A column starts a new cell unless the dashes run on over
		 * the margin before it. */
		bool joined = span && c && starts[c] - 1 < sp.n && sp.c[starts[c] - 1] == '-';
		if (!joined)
			group[ng++] = c;
	}
	group[ng] = nc;
	free(sp.c);
	free(sp.at);
	for (size_t k = b; k < e; k++) {
		struct S_cps p;
		S_cps_of(&p, L[k].s, L[k].n);
		bool bad = false;
		for (size_t g = 1; g < ng && !bad; g++)
			bad = starts[group[g]] - 1 < p.n && p.c[starts[group[g]] - 1] != ' ';
		free(p.c);
		free(p.at);
		if (bad)
			return false;
	}
	for (size_t g = 0; g < ng; g++) {
		struct S_cell *cell = S_cell_add(t);
		cell->row = row;
		cell->col = group[g];
		cell->rows = 1;
		cell->cols = group[g + 1] - group[g];
		struct strvec lines = STRVEC_INIT;
		size_t *srcs = xcalloc(e - b + 1, sizeof *srcs);
		for (size_t k = b; k < e; k++) {
			struct S_cps p;
			S_cps_of(&p, L[k].s, L[k].n);
			const char *s;
			size_t len;
			S_slice(&L[k], &p, starts[group[g]], group[g + 1] < nc ? starts[group[g + 1]] : p.n, &s, &len);
			srcs[lines.n] = L[k].src;
			sv_push_owned(&lines, xstrndup(s, len));
			free(p.c);
			free(p.at);
		}
		S_cell_lines(r, cell, &lines, srcs);
		sv_free(&lines);
		free(srcs);
	}
	return true;
}

static size_t S_simple_table(struct S_rst *r, const struct S_ln *L, size_t n, size_t i, size_t *fail_from,
			     struct S_out *o, int depth)
{
	size_t starts[S_MAX_SIMPLE_COLS];
	size_t nc = S_border_cols(&L[i], starts, S_MAX_SIMPLE_COLS);
	if (nc > S_MAX_SIMPLE_COLS)
		nc = S_MAX_SIMPLE_COLS;
	if (i >= *fail_from)
		return i;
	/* Its end: a border followed by a blank line or the end. */
	size_t end = SIZE_MAX, tmp[S_MAX_SIMPLE_COLS];
	for (size_t k = i + 1; k < n; k++)
		if (S_border_cols(&L[k], tmp, S_MAX_SIMPLE_COLS) && (k + 1 == n || !L[k + 1].n)) {
			end = k;
			break;
		}
	if (end == SIZE_MAX) {
		*fail_from = i;
		return i;
	}
	struct S_table t = {0};
	size_t row = 0, rb = SIZE_MAX; /* the open row's first line */
	bool ok = true;
	for (size_t k = i + 1; k <= end && ok; k++) {
		bool border = k == end || S_border_cols(&L[k], tmp, S_MAX_SIMPLE_COLS);
		bool span = !border && S_span_line(&L[k]);
		/* Text in the first column (up to where the second starts). */
		bool first_blank = true;
		size_t w = nc > 1 ? starts[1] : SIZE_MAX;
		for (size_t x = 0, col = 0; x < L[k].n && col < w; x++) {
			if (L[k].s[x] != ' ')
				first_blank = false;
			if (x + 1 < L[k].n && ((unsigned char)L[k].s[x + 1] & 0xC0) != 0x80)
				col++;
		}
		/* A row ends at a border, a span line, or a line whose first
		 * column has text (a new row). */
		if (rb != SIZE_MAX && (border || span || (L[k].n && !first_blank))) {
			size_t e = k;
			while (e > rb && !L[e - 1].n)
				e--;
			ok = S_simple_row(r, L, rb, e, span ? &L[k] : NULL, starts, nc, row++, &t);
			rb = SIZE_MAX;
		}
		if (border && k < end && !t.head_rows)
			t.head_rows = row;
		if (!border && !span && L[k].n && rb == SIZE_MAX)
			rb = k;
	}
	if (ok)
		S_table_out(r, &t, o, L[i].src, NULL, depth);
	else
		/* Text in a column's margin (docutils' error): the table as it is. */
		S_table_failed(r, L + i, end + 1 - i, o, "simple table");
	S_table_free(&t);
	return end + 1;
}

/* ------------------------------------------------------------------ */
/* Lists                                                                */
/* ------------------------------------------------------------------ */

/* A bullet at the line's start: the bytes of the bullet, or 0. */
static size_t S_bullet(const struct S_ln *l)
{
	size_t b = 0;
	if (l->n && strchr("*+-", l->s[0]))
		b = 1;
	else if (ds_at(l->s, l->n, 0, "\xE2\x80\xA2") || ds_at(l->s, l->n, 0, "\xE2\x80\xA3") ||
		 ds_at(l->s, l->n, 0, "\xE2\x81\x83"))
		b = 3;
	if (!b || !l->s[0] || (b < l->n && l->s[b] != ' '))
		return 0;
	return b;
}

enum { E_ARABIC, E_LALPHA, E_UALPHA, E_LROMAN, E_UROMAN, E_AUTO };

struct S_enum {
	int seq, fmt; /* fmt: 0 "1.", 1 "1)", 2 "(1)" */
	long val;
	size_t off;
};

/* The value of a Roman enumerator as docutils' roman.fromRoman reads it:
 * only numerals of the form M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})
 * (IX|IV|V?I{0,3}), 1 to 4999; any other run of these letters ("mlm",
 * "dim", "vivid") is no enumerator, and its line is text. Read left to
 * right, one decimal digit at a time: the pattern never needs to go back,
 * since no letter of a digit can appear in a lower one. */
static long S_roman(const char *s, size_t n)
{
	static const char digit[3][4] = {"cdm", "xlc", "ivx"}; /* one, five, ten */
	long unit = 100;
	size_t k = 0;
	while (k < n && k < 4 && tolower((unsigned char)s[k]) == 'm')
		k++;
	long v = 1000 * (long)k;
	for (int d = 0; d < 3; d++, unit /= 10) {
		char one = digit[d][0], five = digit[d][1], ten = digit[d][2];
		int c0 = k < n ? tolower((unsigned char)s[k]) : 0, c1 = k + 1 < n ? tolower((unsigned char)s[k + 1]) : 0;
		if (c0 == one && (c1 == ten || c1 == five)) {
			v += (c1 == ten ? 9 : 4) * unit;
			k += 2;
			continue;
		}
		if (c0 == five) {
			v += 5 * unit;
			k++;
		}
		for (int r = 0; r < 3 && k < n && tolower((unsigned char)s[k]) == one; r++, k++)
			v += unit;
	}
	return k == n && v > 0 ? v : -1;
}

static bool S_enumerator(const struct S_ln *l, struct S_enum *e)
{
	const char *s = l->s;
	size_t n = l->n, k = 0;
	bool paren = n && s[0] == '(';
	k = paren;
	size_t b = k;
	if (k < n && s[k] == '#') {
		e->seq = E_AUTO;
		e->val = 1;
		k++;
	} else if (k < n && isdigit((unsigned char)s[k])) {
		while (k < n && isdigit((unsigned char)s[k]) && k - b < 9)
			k++;
		e->seq = E_ARABIC;
		e->val = strtol(s + b, NULL, 10);
	} else if (k < n && isalpha((unsigned char)s[k])) {
		while (k < n && isalpha((unsigned char)s[k]) && k - b < 16) /* MMMMDCCCLXXXVIII */
			k++;
		bool upper = isupper((unsigned char)s[b]);
		if (k - b == 1 && !strchr("iI", s[b])) {
			e->seq = upper ? E_UALPHA : E_LALPHA;
			e->val = tolower((unsigned char)s[b]) - 'a' + 1;
		} else {
			long v = S_roman(s + b, k - b);
			if (v < 0)
				return false;
			for (size_t j = b; j < k; j++)
				if ((bool)isupper((unsigned char)s[j]) != upper)
					return false;
			e->seq = upper ? E_UROMAN : E_LROMAN;
			e->val = v;
		}
	} else {
		return false;
	}
	if (k >= n)
		return false;
	if (paren) {
		if (s[k] != ')')
			return false;
		e->fmt = 2;
	} else if (s[k] == '.' || s[k] == ')') {
		e->fmt = s[k] == ')';
	} else {
		return false;
	}
	k++;
	if (k < n && s[k] != ' ')
		return false;
	e->off = k;
	return true;
}

static size_t S_bullet_list(struct S_rst *r, const struct S_ln *L, size_t n, size_t i, struct S_out *o, int depth,
			    bool alt)
{
	size_t b = S_bullet(&L[i]);
	char bc[4] = {0};
	memcpy(bc, L[i].s, b);
	S_gap(o, L[i].src);
	while (i < n) {
		size_t cnt, end;
		struct S_ln *v = S_indented(L, n, i, b, true, &cnt, &end);
		struct S_out child = {0};
		S_body(r, v, cnt, &child, depth + 1);
		free(v);
		if (!child.n)
			S_puts(&child, "", L[i].src);
		S_nest(o, &child, alt ? "+ " : "- ", "  ");
		size_t k = end;
		while (k < n && !L[k].n)
			k++;
		if (k < n && S_bullet(&L[k]) == b && !memcmp(L[k].s, bc, b)) {
			i = k;
			continue;
		}
		i = end;
		break;
	}
	S_puts(o, "", L[i ? i - 1 : 0].src);
	return i;
}

static size_t S_enum_list(struct S_rst *r, const struct S_ln *L, size_t n, size_t i, struct S_out *o, int depth,
			  bool alt)
{
	struct S_enum e0, e;
	S_enumerator(&L[i], &e0);
	bool md = e0.seq == E_ARABIC || e0.seq == E_AUTO;
	static const char *const types[] = {"1", "a", "A", "i", "I", "1"};
	S_gap(o, L[i].src);
	if (!md)
		S_push(o, xasprintf("<ol type=\"%s\"%s>", types[e0.seq], ""), L[i].src);
	if (!md && e0.val != 1)
		o->v[o->n - 1].s = (free(o->v[o->n - 1].s), xasprintf("<ol type=\"%s\" start=\"%ld\">", types[e0.seq], e0.val));
	long num = e0.val;
	while (i < n) {
		S_enumerator(&L[i], &e);
		size_t cnt, end;
		struct S_ln *v = S_indented(L, n, i, e.off, true, &cnt, &end);
		struct S_out child = {0};
		S_body(r, v, cnt, &child, depth + 1);
		free(v);
		if (md) {
			if (!child.n)
				S_puts(&child, "", L[i].src);
			char *m = xasprintf("%ld%c ", num, alt ? ')' : '.');
			char *pad = xasprintf("%*s", (int)strlen(m), "");
			S_nest(o, &child, m, pad);
			free(m);
			free(pad);
		} else {
			S_wrap(o, xstrdup("<li>"), &child, "</li>", L[i].src);
		}
		num++;
		size_t k = end;
		while (k < n && !L[k].n)
			k++;
		if (k < n && S_enumerator(&L[k], &e) && e.seq == (e0.seq == E_AUTO ? e.seq : e0.seq) &&
		    (e.seq == E_AUTO) == (e0.seq == E_AUTO) && e.fmt == e0.fmt) {
			i = k;
			continue;
		}
		i = end;
		break;
	}
	if (!md)
		S_puts(o, "</ol>", L[i - 1].src);
	S_puts(o, "", L[i - 1].src);
	return i;
}

/* `:name: body` at the line's start: the name's end (the closing ':'), or
 * 0. docutils' field_marker: the name starts with neither ':' nor a blank;
 * any character, escaped ones too, stands in it ("a`b", "a:b", "a\\: b"),
 * but a colon before a blank, '`' or the line's end: the first such colon
 * closes the name if no blank comes before it, and else (or before '`')
 * there is no field (":a : b: c", ":ref:`x` is" are text). */
static size_t S_field(const struct S_ln *l)
{
	const char *s = l->s;
	size_t n = l->n;
	if (n < 3 || s[0] != ':' || s[1] == ' ' || s[1] == ':')
		return 0;
	for (size_t k = 1; k < n; k++) {
		if (s[k] == '\\') {
			k++;
			continue;
		}
		if (s[k] != ':')
			continue;
		if (k + 1 == n || s[k + 1] == ' ')
			return s[k - 1] != ' ' ? k : 0;
		if (s[k + 1] == '`')
			return 0;
	}
	return 0;
}

/* An option's argument at s[k..n) as docutils' optarg pattern has it: a
 * letter then letters, digits, '_' or '-', or "<…>" holding no '<' or
 * '>'. Its end, or 0. */
static size_t S_optarg(const char *s, size_t n, size_t k)
{
	if (k < n && isalpha((unsigned char)s[k])) {
		while (++k < n && ds_ident(s[k]))
			;
		return k;
	}
	if (k + 2 < n && s[k] == '<' && s[k + 1] != '>') {
		size_t e = k + 1;
		while (e < n && s[e] != '<' && s[e] != '>')
			e++;
		return e < n && s[e] == '>' ? e + 1 : 0;
	}
	return 0;
}

/* One option at s[k..n): "-a", "+a", "-a ARG", "-aARG", "--name",
 * "/name", "--name=ARG", "--name ARG". Its end, or 0. Read left to right
 * without going back: docutils' regular expression can match no other way,
 * since what a shorter name or argument would leave next (a letter, digit,
 * '_' or '-') can neither end an option group nor start ", ". */
static size_t S_option1(const char *s, size_t n, size_t k)
{
	size_t e, a;
	if (k + 1 < n && (s[k] == '-' || s[k] == '+') && ds_alnum(s[k + 1])) {
		e = k + 2;
		if ((a = S_optarg(s, n, e)) || (e < n && s[e] == ' ' && (a = S_optarg(s, n, e + 1))))
			return a;
		return e;
	}
	if (ds_at(s, n, k, "--"))
		e = k + 2;
	else if (k < n && s[k] == '/')
		e = k + 1;
	else
		return 0;
	if (e >= n || !ds_alnum(s[e]))
		return 0;
	while (++e < n && ds_ident(s[e]))
		;
	if (e < n && (s[e] == ' ' || s[e] == '=') && (a = S_optarg(s, n, e + 1)))
		return a;
	return e;
}

/* An option list item at L[i]: the option group's length, or 0. docutils'
 * option_marker: options joined by ", ", then two blanks or more and the
 * description, or the line's end and the description indented on the
 * lines after it (blank lines between are allowed); without a description
 * the line is text. docutils reports a group it cannot split into options
 * and arguments ("-o <a b, c>") as an error and drops it; here it stays an
 * option list item, its words kept. */
static size_t S_option(const struct S_ln *L, size_t n, size_t i)
{
	const char *s = L[i].s;
	size_t ln = L[i].n, e = S_option1(s, ln, 0);
	while (e && ds_at(s, ln, e, ", ")) {
		size_t f = S_option1(s, ln, e + 2);
		if (!f)
			break;
		e = f;
	}
	if (!e)
		return 0;
	if (ds_at(s, ln, e, "  "))
		return e;
	if (e != ln && !(e + 1 == ln && s[e] == ' '))
		return 0;
	size_t k = i + 1;
	while (k < n && !L[k].n)
		k++;
	return k < n && S_ind(&L[k]) > 0 ? ln : 0;
}

/* A list of terms and what they mean (definition, field, option lists):
 * <dl>. */
static void S_dl_item(struct S_rst *r, struct S_out *o, char *dt_html, struct S_ln *v, size_t cnt, size_t src,
		      int depth)
{
	S_push(o, xasprintf("<dt>%s</dt>", dt_html), src);
	free(dt_html);
	struct S_out child = {0};
	S_body(r, v, cnt, &child, depth + 1);
	if (child.n) {
		S_puts(o, "<dd>", src);
		S_puts(o, "", src);
		size_t last = child.v[child.n - 1].src;
		S_nest(o, &child, "", "");
		S_gap(o, last);
		S_puts(o, "</dd>", last);
	} else {
		S_puts(o, "<dd></dd>", src);
		S_out_free(&child);
	}
}

static size_t S_deflist(struct S_rst *r, const struct S_ln *L, size_t n, size_t i, struct S_out *o, int depth,
			int kind)
{
	S_gap(o, L[i].src);
	S_puts(o, kind == 'f' ? "<dl class=\"field-list\">" : kind == 'o' ? "<dl class=\"option-list\">" : "<dl>",
	       L[i].src);
	while (i < n) {
		size_t cnt, end, src = L[i].src;
		struct S_ln *v;
		char *dt;
		if (kind == 'f') {
			size_t c = S_field(&L[i]);
			dt = S_inline_html(r, L[i].s + 1, c - 1, src);
			v = S_indented(L, n, i, c + 1, true, &cnt, &end);
		} else if (kind == 'o') {
			size_t c = S_option(L, n, i);
			struct strbuf h = STRBUF_INIT;
			sb_adds(&h, "<kbd>");
			ds_esc(&h, L[i].s, c);
			sb_adds(&h, "</kbd>");
			sb_add(&h, "", 0);
			dt = sb_detach(&h);
			v = S_indented(L, n, i, c, true, &cnt, &end);
		} else {
			/* term : classifier */
			const char *s = L[i].s;
			size_t tl = L[i].n;
			size_t c = ds_find(s, tl, 0, " : ", 3);
			struct strbuf h = STRBUF_INIT;
			char *term = S_inline_html(r, s, c == DS_NONE ? tl : c, src);
			sb_adds(&h, term);
			free(term);
			while (c != DS_NONE) {
				size_t b = c + 3, nx = ds_find(s, tl, b, " : ", 3);
				char *cls = S_inline_html(r, s + b, (nx == DS_NONE ? tl : nx) - b, src);
				sb_addf(&h, " <span class=\"classifier\">%s</span>", cls);
				free(cls);
				c = nx;
			}
			sb_add(&h, "", 0);
			dt = sb_detach(&h);
			v = S_indented(L, n, i + 1, 0, false, &cnt, &end);
		}
		S_dl_item(r, o, dt, v, cnt, src, depth);
		free(v);
		size_t k = end;
		while (k < n && !L[k].n)
			k++;
		bool more = false;
		if (k < n && kind == 'f')
			more = S_field(&L[k]) > 0;
		else if (k < n && kind == 'o')
			more = S_option(L, n, k) > 0;
		else if (k + 1 < n && !kind)
			more = L[k].n && !S_ind(&L[k]) && L[k + 1].n && S_ind(&L[k + 1]) > 0 && !S_bullet(&L[k]) &&
			       !ds_at(L[k].s, L[k].n, 0, "..");
		i = more ? k : end;
		if (!more)
			break;
	}
	S_puts(o, "</dl>", L[i - 1].src);
	S_puts(o, "", L[i - 1].src);
	return i;
}

/* Line blocks: `| text` lines, their breaks kept. */
static size_t S_line_block(struct S_rst *r, const struct S_ln *L, size_t n, size_t i, struct S_out *o)
{
	S_gap(o, L[i].src);
	bool first = true;
	while (i < n && L[i].n && L[i].s[0] == '|' && (L[i].n == 1 || L[i].s[1] == ' ')) {
		size_t e = i + 1;
		while (e < n && L[e].n && S_ind(&L[e]) > 0)
			e++;
		if (L[i].n <= 2 && e == i + 1) {
			S_gap(o, L[i].src);
			first = true;
			i = e;
			continue;
		}
		struct strbuf t = STRBUF_INIT, md = STRBUF_INIT;
		if (!first)
			sb_adds(&md, "    ");
		size_t k = 2;
		while (k < L[i].n && L[i].s[k] == ' ') {
			sb_adds(&md, "&#160;");
			k++;
		}
		sb_add(&t, L[i].s + k, L[i].n > k ? L[i].n - k : 0);
		for (size_t j = i + 1; j < e; j++) {
			const char *s = L[j].s;
			size_t l = L[j].n;
			ds_trim(&s, &l);
			sb_addc(&t, '\n');
			sb_add(&t, s, l);
		}
		S_inline(r, t.s ? t.s : "", t.len, L[i].src, &md);
		if (first) {
			S_line_start(&md);
		} else {
			/* A hard break ends the line before. */
			char *prev = o->v[o->n - 1].s;
			o->v[o->n - 1].s = xasprintf("%s\\", prev);
			free(prev);
		}
		S_put_lines(o, md.s ? md.s : "", md.len, L[i].src);
		sb_release(&t);
		sb_release(&md);
		first = false;
		i = e;
	}
	S_puts(o, "", L[i - 1].src);
	return i;
}

/* ------------------------------------------------------------------ */
/* Directives                                                           */
/* ------------------------------------------------------------------ */

#define S_MAX_OPTS 16

struct S_dir {
	const char *name;
	size_t nl;
	size_t src;
	char *arg; /* the arguments, lines joined by a space (NULL: none) */
	const char *on[S_MAX_OPTS];
	size_t onl[S_MAX_OPTS];
	char *ov[S_MAX_OPTS];
	size_t nopt;
	const struct S_ln *c; /* content */
	size_t nc;
};

static const char *S_opt(const struct S_dir *d, const char *name)
{
	for (size_t k = 0; k < d->nopt; k++)
		if (ds_eq(d->on[k], d->onl[k], name))
			return d->ov[k];
	return NULL;
}

static void S_dir_free(struct S_dir *d)
{
	free(d->arg);
	for (size_t k = 0; k < d->nopt; k++)
		free(d->ov[k]);
}

/* Splits a directive's block (v[0]: what follows `::`) into arguments
 * (when it takes some), options and content. */
static void S_dir_parts(struct S_dir *d, const struct S_ln *v, size_t cnt, bool takes_arg)
{
	size_t k = 0;
	if (takes_arg) {
		struct strbuf a = STRBUF_INIT;
		if (k < cnt && !v[k].n)
			k++;
		while (k < cnt && v[k].n && !(k && S_field(&v[k]))) {
			const char *s = v[k].s;
			size_t l = v[k].n;
			ds_trim(&s, &l);
			if (a.len)
				sb_addc(&a, ' ');
			sb_add(&a, s, l);
			k++;
		}
		if (a.len) {
			sb_add(&a, "", 0);
			d->arg = sb_detach(&a);
		}
		sb_release(&a);
	} else if (cnt && v[0].n && !S_field(&v[0])) {
		d->c = v;
		d->nc = cnt;
		return;
	} else if (cnt && !v[0].n) {
		k = 1;
	}
	while (k < cnt && v[k].n && S_field(&v[k])) {
		size_t c = S_field(&v[k]);
		struct strbuf val = STRBUF_INIT;
		const char *s = v[k].s + c + 1;
		size_t l = v[k].n - c - 1;
		ds_trim(&s, &l);
		sb_add(&val, s, l);
		size_t j = k + 1;
		while (j < cnt && v[j].n && S_ind(&v[j]) > 0) {
			const char *t = v[j].s;
			size_t tl = v[j].n;
			ds_trim(&t, &tl);
			sb_addc(&val, ' ');
			sb_add(&val, t, tl);
			j++;
		}
		sb_add(&val, "", 0);
		if (d->nopt < S_MAX_OPTS) {
			d->on[d->nopt] = v[k].s + 1;
			d->onl[d->nopt] = c - 1;
			d->ov[d->nopt++] = sb_detach(&val);
		}
		sb_release(&val);
		k = j;
	}
	while (k < cnt && !v[k].n)
		k++;
	d->c = v + k;
	d->nc = cnt - k;
}

static bool S_is(const struct S_dir *d, const char *name)
{
	return ds_eq(d->name, d->nl, name);
}

static bool S_in(const struct S_dir *d, const char *const *names)
{
	for (; *names; names++)
		if (S_is(d, *names))
			return true;
	return false;
}

static const char *const S_admonitions[] = {"note",    "tip",   "warning", "important", "attention",
					    "caution", "danger", "error",  "hint",      "seealso", NULL};

/* docutils' titles of its admonitions (docutils.languages.<lang>.labels,
 * 0.19), which Pelican renders in the site's DEFAULT_LANG, for the book's
 * languages but English (the name capitalized): without the exclamation
 * marks some wear ("注目!", "!DANGER!"), danger's not in capitals, as the
 * English box has always been written. Pairs {name, title, …, NULL}. */
static const struct {
	const char *lang; /* the words.h row */
	const char *const titles[19];
} S_admonition_titles[] = {
	{"zh", {"attention", "注意", "caution", "小心", "danger", "危险", "error", "错误", "hint", "提示", "important",
		"重要", "note", "注解", "tip", "技巧", "warning", "警告", NULL}},
	{"zh-Hant", {"attention", "注意", "caution", "小心", "danger", "危險", "error", "錯誤", "hint", "提示", "important",
		     "重要", "note", "註釋", "tip", "秘訣", "warning", "警告", NULL}},
	{"ja", {"attention", "注目", "caution", "注意", "danger", "危険", "error", "エラー", "hint", "ヒント", "important",
		"重要", "note", "備考", "tip", "通報", "warning", "警告", NULL}},
	{"ko", {"attention", "집중", "caution", "주의", "danger", "위험", "error", "오류", "hint", "실마리", "important",
		"중요한", "note", "비고", "tip", "팁", "warning", "경고", NULL}},
	{"fr", {"attention", "Attention", "caution", "Avertissement", "danger", "Danger", "error", "Erreur", "hint",
		"Indication", "important", "Important", "note", "Note", "tip", "Astuce", "warning", "Avis", NULL}},
	{"de", {"attention", "Achtung", "caution", "Vorsicht", "danger", "Gefahr", "error", "Fehler", "hint", "Hinweis",
		"important", "Wichtig", "note", "Bemerkung", "tip", "Tipp", "warning", "Warnung", NULL}},
	{"es", {"attention", "Atención", "caution", "Precaución", "danger", "Peligro", "error", "Error", "hint",
		"Sugerencia", "important", "Importante", "note", "Nota", "tip", "Consejo", "warning", "Advertencia", NULL}},
	{"pt", {"attention", "Atenção", "caution", "Cuidado", "danger", "Perigo", "error", "Erro", "hint", "Sugestão",
		"important", "Importante", "note", "Nota", "tip", "Dica", "warning", "Aviso", NULL}},
	{"fi", {"attention", "Huomio", "caution", "Varo", "danger", "Vaara", "error", "Virhe", "hint", "Vihje",
		"important", "Tärkeää", "note", "Huomautus", "tip", "Neuvo", "warning", "Varoitus", NULL}},
};

/* The title of the admonition name[0..nl) in the book's language: docutils'
 * (above), else the name capitalized. Malloc'd. */
static char *S_admonition_title(const struct S_rst *r, const char *name, size_t nl)
{
	const struct words *w = words_for(r->st->ctx ? r->st->ctx->language : NULL);
	if (ds_eq(name, nl, "seealso"))
		return xstrdup(w->see_also); /* Sphinx's box, as Sphinx translates it */
	for (size_t i = 0; i < sizeof S_admonition_titles / sizeof *S_admonition_titles; i++) {
		if (strcmp(S_admonition_titles[i].lang, w->lang) != 0)
			continue;
		for (const char *const *t = S_admonition_titles[i].titles; *t; t += 2)
			if (ds_eq(name, nl, t[0]))
				return xstrdup(t[1]);
	}
	char *title = xstrndup(name, nl);
	title[0] = (char)toupper((unsigned char)title[0]);
	return title;
}

/* An image's Markdown: ![alt](uri), linked to its target. */
static void S_image_md(struct S_rst *r, struct strbuf *h, const struct S_dir *d)
{
	char *uri = S_uri(d->arg ? d->arg : "", d->arg ? strlen(d->arg) : 0);
	const char *alt = S_opt(d, "alt");
	const char *target = S_opt(d, "target");
	char *turl = NULL;
	if (target) {
		size_t tl = strlen(target);
		if (tl > 1 && target[tl - 1] == '_') {
			char *key = S_norm(target, tl - 1);
			const char *u = S_target(r, key);
			turl = u && u[0] ? xstrdup(u) : NULL;
			free(key);
		} else {
			turl = S_uri(target, tl);
		}
	}
	if (turl)
		sb_addc(h, '[');
	sb_adds(h, "![");
	if (alt)
		S_text(h, alt, strlen(alt));
	sb_adds(h, "](");
	ds_url(h, uri, strlen(uri));
	sb_addc(h, ')');
	if (turl) {
		sb_adds(h, "](");
		ds_url(h, turl, strlen(turl));
		sb_addc(h, ')');
	}
	free(turl);
	free(uri);
}

/* A titled box, as MkDocs admonitions are written (mkdocs.c). */
static void S_box(struct S_rst *r, struct S_out *o, const char *cls, const char *title_cls, const char *title_html,
		  const struct S_ln *c, size_t nc, size_t src, int depth)
{
	struct strbuf h = STRBUF_INIT;
	sb_addf(&h, "<div class=\"%s\">", cls);
	if (title_html && title_html[0])
		sb_addf(&h, "<p class=\"%s\">%s</p>", title_cls, title_html);
	sb_add(&h, "", 0);
	struct S_out child = {0};
	S_body(r, c, nc, &child, depth + 1);
	S_wrap(o, sb_detach(&h), &child, "</div>", src);
}

static void S_items_free(struct S_ln **items, size_t *counts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	free(counts);
}

/* The items of a bullet list that fills L[0..n): each item's lines (own
 * arrays) and their counts. False (nothing to free) when a line is not
 * an item's. */
static bool S_bullet_items(const struct S_ln *L, size_t n, struct S_ln ***items, size_t **counts, size_t *nitems)
{
	size_t cap = 8, k = 0;
	*items = xcalloc(cap, sizeof **items);
	*counts = xcalloc(cap, sizeof **counts);
	for (size_t i = 0; i < n;) {
		if (!L[i].n) {
			i++;
			continue;
		}
		size_t b = S_bullet(&L[i]);
		if (!b || S_ind(&L[i])) {
			S_items_free(*items, *counts, k);
			*items = NULL;
			*counts = NULL;
			*nitems = 0;
			return false;
		}
		if (k == cap) {
			*items = xrealloc(*items, (cap *= 2) * sizeof **items);
			*counts = xrealloc(*counts, cap * sizeof **counts);
		}
		size_t end;
		(*items)[k] = S_indented(L, n, i, b, true, &(*counts)[k], &end);
		k++;
		i = end;
	}
	*nitems = k;
	return true;
}

/* A table's cells from a list-table's nested bullet lists. */
static void S_list_table(struct S_rst *r, const struct S_dir *d, struct S_out *o, int depth)
{
	struct S_table t = {0};
	const char *hr = S_opt(d, "header-rows");
	t.head_rows = hr ? (size_t)strtoul(hr, NULL, 10) : 0;
	struct S_ln **rows, **cells;
	size_t *rn, *cn, nrows, ncells;
	bool ok = S_bullet_items(d->c, d->nc, &rows, &rn, &nrows);
	for (size_t i = 0; ok && i < nrows; i++) {
		if (!S_bullet_items(rows[i], rn[i], &cells, &cn, &ncells)) {
			ok = false;
			break;
		}
		for (size_t j = 0; j < ncells; j++) {
			struct S_cell *c = S_cell_add(&t);
			c->row = i;
			c->col = j;
			c->rows = c->cols = 1;
			c->v = cells[j];
			c->n = cn[j];
		}
		free(cells);
		free(cn);
	}
	S_items_free(rows, rn, nrows);
	if (!ok) {
		S_table_failed(r, d->c, d->nc, o, "list-table");
	} else {
		char *cap = d->arg ? S_inline_html(r, d->arg, strlen(d->arg), d->src) : NULL;
		S_table_out(r, &t, o, d->src, cap, depth);
		free(cap);
	}
	S_table_free(&t);
}

/* CSV rows (docutils reads them with Python's csv: quotes, doubled
 * quotes, white space after a delimiter skipped). */
static void S_csv_rows(struct S_rst *r, struct S_table *t, const char *s, size_t n, char delim, size_t *row,
		       size_t src)
{
	size_t i = 0, col = 0;
	struct strbuf f = STRBUF_INIT;
	while (i <= n) {
		while (i < n && s[i] == ' ')
			i++;
		sb_release(&f);
		sb_add(&f, "", 0);
		f.len = 0;
		if (i < n && s[i] == '"') {
			i++;
			while (i < n) {
				if (s[i] == '"' && i + 1 < n && s[i + 1] == '"') {
					sb_addc(&f, '"');
					i += 2;
				} else if (s[i] == '"') {
					i++;
					break;
				} else {
					sb_addc(&f, s[i++]);
				}
			}
		}
		while (i < n && s[i] != delim && s[i] != '\n')
			sb_addc(&f, s[i++]);
		struct S_cell *c = S_cell_add(t);
		c->row = *row;
		c->col = col++;
		c->rows = c->cols = 1;
		sb_add(&f, "", 0);
		const char *text = S_own(r, sb_detach(&f));
		/* A cell's lines: its text cut at line breaks. */
		size_t nl = 1;
		for (const char *p = text; *p; p++)
			nl += *p == '\n';
		c->v = xcalloc(nl, sizeof *c->v);
		const char *p = text;
		for (size_t k = 0; k < nl; k++) {
			const char *e = strchr(p, '\n');
			size_t l = e ? (size_t)(e - p) : strlen(p);
			const char *q = p;
			ds_trim(&q, &l);
			c->v[k] = (struct S_ln){q, l, src};
			p = e ? e + 1 : p + l;
		}
		c->n = nl;
		if (i >= n || s[i] == '\n') {
			(*row)++;
			col = 0;
			i++;
			if (i > n)
				break;
			continue;
		}
		i++; /* the delimiter */
	}
	sb_release(&f);
}

static void S_csv_table(struct S_rst *r, const struct S_dir *d, struct S_out *o, int depth)
{
	if (S_opt(d, "file") || S_opt(d, "url")) {
		S_warn(r, d->src, "rst-csv-file",
		       "reStructuredText csv-table reads a file or URL: refused (sheaf reads no files a post names)");
		return;
	}
	const char *dl = S_opt(d, "delim");
	char delim = dl && dl[0] ? (strcmp(dl, "tab") == 0 ? '\t' : strcmp(dl, "space") == 0 ? ' ' : dl[0]) : ',';
	struct S_table t = {0};
	size_t row = 0;
	const char *hdr = S_opt(d, "header");
	if (hdr) {
		S_csv_rows(r, &t, hdr, strlen(hdr), delim, &row, d->src);
		t.head_rows = row;
	}
	const char *hr = S_opt(d, "header-rows");
	if (hr)
		t.head_rows += (size_t)strtoul(hr, NULL, 10);
	struct strbuf all = STRBUF_INIT;
	for (size_t k = 0; k < d->nc; k++) {
		if (!d->c[k].n)
			continue;
		sb_add(&all, d->c[k].s, d->c[k].n);
		sb_addc(&all, '\n');
	}
	if (all.len)
		all.len--;
	if (all.len)
		S_csv_rows(r, &t, all.s, all.len, delim, &row, d->nc ? d->c[0].src : d->src);
	sb_release(&all);
	char *cap = d->arg ? S_inline_html(r, d->arg, strlen(d->arg), d->src) : NULL;
	S_table_out(r, &t, o, d->src, cap, depth);
	free(cap);
	S_table_free(&t);
}

/* The directives that take arguments. */
static const char *const S_with_arg[] = {
    "code",     "code-block", "sourcecode", "image",   "figure", "admonition", "topic",  "sidebar", "rubric",
    "raw",      "container",  "class",      "include", "math",   "youtube",    "vimeo",  "list-table",
    "csv-table", "table",     "role",       "default-role", "highlight", "title", "parsed-literal",
    "literalinclude", "sectnum", "contents", NULL};

/* Directives that show nothing in an HTML page of the post. */
static const char *const S_silent[] = {"contents", "sectnum", "section-numbering", "header", "footer", "meta",
				       "title", "default-role", "role", "highlight", "target-notes", NULL};

static void S_directive(struct S_rst *r, const char *name, size_t nl, const struct S_ln *v, size_t cnt, size_t src,
			struct S_out *o, int depth)
{
	struct S_dir d = {0};
	d.name = name;
	d.nl = nl;
	d.src = src;
	S_dir_parts(&d, v, cnt, S_in(&d, S_with_arg) && !S_in(&d, S_admonitions));
	if (S_is(&d, "code") || S_is(&d, "code-block") || S_is(&d, "sourcecode") || S_is(&d, "parsed-literal")) {
		const char *lang = d.arg ? d.arg : "";
		size_t ll = strcspn(lang, " ");
		S_fence(o, d.c, d.nc, lang, ll, src);
	} else if (S_in(&d, S_admonitions)) {
		char *cls = xasprintf("admonition %.*s", (int)nl, name);
		char *title = S_admonition_title(r, name, nl);
		S_box(r, o, cls, "admonition-title", title, d.c, d.nc, src, depth);
		free(cls);
		free(title);
	} else if (S_is(&d, "admonition") || S_is(&d, "topic") || S_is(&d, "sidebar")) {
		char *title = d.arg ? S_inline_html(r, d.arg, strlen(d.arg), src) : xstrdup("");
		const char *cls = S_is(&d, "admonition") ? "admonition" : S_is(&d, "topic") ? "topic" : "sidebar";
		char *tcls = xasprintf("%s-title", cls);
		const char *sub = S_opt(&d, "subtitle");
		if (sub && S_is(&d, "sidebar")) {
			char *sh = S_inline_html(r, sub, strlen(sub), src);
			char *t2 = xasprintf("%s</p><p class=\"sidebar-subtitle\">%s", title, sh);
			free(title);
			free(sh);
			title = t2;
		}
		S_box(r, o, cls, tcls, title, d.c, d.nc, src, depth);
		free(tcls);
		free(title);
	} else if (S_is(&d, "rubric")) {
		char *t = d.arg ? S_inline_html(r, d.arg, strlen(d.arg), src) : xstrdup("");
		S_gap(o, src);
		S_push(o, xasprintf("<p class=\"rubric\">%s</p>", t), src);
		S_puts(o, "", src);
		free(t);
	} else if (S_is(&d, "image")) {
		struct strbuf h = STRBUF_INIT;
		S_image_md(r, &h, &d);
		sb_add(&h, "", 0);
		S_gap(o, src);
		S_push(o, sb_detach(&h), src);
		S_puts(o, "", src);
	} else if (S_is(&d, "figure")) {
		struct strbuf h = STRBUF_INIT;
		S_image_md(r, &h, &d);
		sb_add(&h, "", 0);
		S_gap(o, src);
		S_puts(o, "<figure>", src);
		S_puts(o, "", src);
		S_push(o, sb_detach(&h), src);
		S_puts(o, "", src);
		if (d.nc) {
			struct S_out child = {0};
			S_body(r, d.c, d.nc, &child, depth + 1);
			S_wrap(o, xstrdup("<figcaption>"), &child, "</figcaption>", d.c[0].src);
		}
		S_puts(o, "</figure>", d.nc ? d.c[d.nc - 1].src : src);
		S_puts(o, "", src);
	} else if (S_is(&d, "epigraph") || S_is(&d, "highlights") || S_is(&d, "pull-quote")) {
		S_quote(r, d.c, d.nc, o, depth);
	} else if (S_is(&d, "compound") || S_is(&d, "class") || S_is(&d, "line-block")) {
		S_body(r, d.c, d.nc, o, depth + 1);
	} else if (S_is(&d, "container")) {
		struct strbuf h = STRBUF_INIT;
		sb_adds(&h, "<div class=\"container");
		if (d.arg) {
			sb_addc(&h, ' ');
			ds_esc(&h, d.arg, strlen(d.arg));
		}
		sb_adds(&h, "\">");
		sb_add(&h, "", 0);
		struct S_out child = {0};
		S_body(r, d.c, d.nc, &child, depth + 1);
		S_wrap(o, sb_detach(&h), &child, "</div>", src);
	} else if (S_is(&d, "raw")) {
		if (d.arg && str_ieq(d.arg, "html") && !S_opt(&d, "file") && !S_opt(&d, "url")) {
			/* One HTML block: no blank line inside ends it early. */
			S_gap(o, src);
			S_puts(o, "<div class=\"raw\">", src);
			for (size_t k = 0; k < d.nc; k++)
				if (d.c[k].n)
					S_push(o, xstrndup(d.c[k].s, d.c[k].n), d.c[k].src);
			S_puts(o, "</div>", d.nc ? d.c[d.nc - 1].src : src);
			S_puts(o, "", src);
		} else if (d.arg && (S_opt(&d, "file") || S_opt(&d, "url"))) {
			S_warn(r, src, "rst-raw-file",
			       "reStructuredText raw directive reads a file or URL: refused (sheaf reads no files a post "
			       "names)");
		}
		/* raw:: latex and the like: not part of an HTML page. */
	} else if (S_is(&d, "include") || S_is(&d, "literalinclude")) {
		char *q = ds_quote(d.arg ? d.arg : "", d.arg ? strlen(d.arg) : 0);
		S_warn(r, src, "rst-include", "reStructuredText %.*s of '%s' refused: sheaf reads no files a post names",
		       (int)nl, name, q);
		free(q);
	} else if (S_is(&d, "math")) {
		struct strbuf tex = STRBUF_INIT;
		if (d.arg)
			sb_adds(&tex, d.arg);
		for (size_t k = 0; k < d.nc; k++) {
			if (tex.len)
				sb_addc(&tex, '\n');
			sb_add(&tex, d.c[k].s, d.c[k].n);
		}
		struct strbuf h = STRBUF_INIT;
		sb_adds(&h, "<div class=\"math\">");
		ds_tex(&h, tex.s ? tex.s : "", tex.len);
		sb_adds(&h, "</div>");
		sb_add(&h, "", 0);
		S_gap(o, src);
		S_push(o, sb_detach(&h), src);
		S_puts(o, "", src);
		sb_release(&tex);
	} else if (S_is(&d, "youtube") || S_is(&d, "vimeo")) {
		bool yt = S_is(&d, "youtube");
		char *id = S_uri(d.arg ? d.arg : "", d.arg ? strlen(d.arg) : 0);
		char *url = xasprintf(yt ? "https://www.youtube.com/watch?v=%s" : "https://vimeo.com/%s", id);
		struct strbuf h = STRBUF_INIT;
		ds_embed_md_link(&h, ds_words(r->st), yt ? "YouTube" : "Vimeo", url);
		sb_add(&h, "", 0);
		S_gap(o, src);
		S_push(o, sb_detach(&h), src);
		S_puts(o, "", src);
		free(url);
		free(id);
	} else if (S_is(&d, "list-table")) {
		S_list_table(r, &d, o, depth);
	} else if (S_is(&d, "csv-table")) {
		S_csv_table(r, &d, o, depth);
	} else if (S_is(&d, "table")) {
		if (d.arg) {
			char *t = S_inline_html(r, d.arg, strlen(d.arg), src);
			S_gap(o, src);
			S_push(o, xasprintf("<p class=\"caption\">%s</p>", t), src);
			S_puts(o, "", src);
			free(t);
		}
		S_body(r, d.c, d.nc, o, depth + 1);
	} else if (S_in(&d, S_silent)) {
		/* Nothing shows: the book has its own table of contents. */
	} else {
		char *q = ds_quote(name, nl);
		char *k = xasprintf("rst-directive:%s", q);
		S_warn(r, src, k, "reStructuredText directive '%s' is not supported: its text kept", q);
		free(k);
		free(q);
		/* Its whole block as text: arguments, options and content. */
		S_body(r, v, cnt, o, depth + 1);
	}
	S_dir_free(&d);
}

/* ------------------------------------------------------------------ */
/* Explicit markup: `.. ` blocks                                        */
/* ------------------------------------------------------------------ */

/* The directive name at s (after ".. "): its length when `name::`
 * follows, else 0. */
static size_t S_dir_name(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && (ds_alnum(s[k]) || strchr("-_+.", s[k])))
		k++;
	if (!k || k + 1 >= n || s[k] != ':' || s[k + 1] != ':' || (k + 2 < n && s[k + 2] != ' '))
		return 0;
	return k;
}

static size_t S_explicit(struct S_rst *r, const struct S_ln *L, size_t n, size_t i, struct S_out *o, int depth)
{
	const char *s = L[i].s + 3;
	size_t l = L[i].n > 3 ? L[i].n - 3 : 0;
	size_t cnt, end, ll;
	const char *lab;
	if (L[i].n == 2 && (i + 1 == n || !L[i + 1].n))
		return i + 1; /* an empty comment */
	size_t dn = S_dir_name(s, l);
	if (dn) {
		struct S_ln *v = S_indented(L, n, i, 3 + dn + 2, true, &cnt, &end);
		S_directive(r, s, dn, v, cnt, L[i].src, o, depth);
		free(v);
		return end;
	}
	if (S_fn_label(s, l, &lab, &ll)) {
		struct S_ln *v = S_indented(L, n, i, 3 + ll + 2, true, &cnt, &end);
		struct strbuf h = STRBUF_INIT;
		bool refd;
		if (ll == 1 && lab[0] == '#') {
			sb_addf(&h, "[^auto-%zu]: ", ++r->auto_def_next);
			refd = r->auto_def_next <= r->auto_refs;
		} else if (ll == 1 && lab[0] == '*') {
			sb_addf(&h, "[^sym-%zu]: ", ++r->sym_def_next);
			refd = true;
		} else {
			char *key = S_lower(lab, ll);
			refd = strmap_get(&r->fnrefs, key, NULL);
			free(key);
			sb_adds(&h, "[^");
			for (size_t j = lab[0] == '#' ? 1 : 0; j < ll; j++)
				sb_addc(&h, ds_alnum(lab[j]) || strchr("-_.", lab[j]) ? lab[j] : '-');
			sb_adds(&h, "]: ");
			/* A citation's label is how the text names it: kept
			 * (the note's number replaces it at the reference). */
			bool digits = true;
			for (size_t j = 0; j < ll; j++)
				digits = digits && isdigit((unsigned char)lab[j]);
			if (!digits && lab[0] != '#') {
				sb_adds(&h, "\\[");
				S_text(&h, lab, ll);
				sb_adds(&h, "\\] ");
			}
		}
		if (!refd) {
			/* Not referenced: GFM would drop it; its text stays. */
			h.len = 0;
			sb_adds(&h, "\\[");
			S_text(&h, lab, ll);
			sb_adds(&h, "\\] ");
		}
		sb_add(&h, "", 0);
		struct S_out child = {0};
		S_body(r, v, cnt, &child, depth + 1);
		S_gap(o, L[i].src);
		S_nest(o, &child, h.s, refd ? "    " : "");
		S_puts(o, "", L[end - 1].src);
		sb_release(&h);
		free(v);
		return end;
	}
	/* Targets, substitution definitions (collected before) and
	 * comments: nothing shows. */
	struct S_ln *v = S_indented(L, n, i, 2, true, &cnt, &end);
	free(v);
	return end;
}

/* ------------------------------------------------------------------ */
/* The body                                                             */
/* ------------------------------------------------------------------ */

static int S_level(struct S_rst *r, char c, bool over)
{
	int key = (unsigned char)c | (over ? 256 : 0);
	size_t k = 0;
	while (k < r->nstyles && r->styles[k] != key)
		k++;
	if (k == r->nstyles && r->nstyles < S_MAX_STYLES)
		r->styles[r->nstyles++] = key;
	/* The document title is the post's: its sections start at <h2>. */
	return k + 2 > 6 ? 6 : (int)k + 2;
}

static void S_heading(struct S_rst *r, const struct S_ln *t, char c, bool over, struct S_out *o)
{
	int lv = S_level(r, c, over);
	struct strbuf h = STRBUF_INIT;
	for (int k = 0; k < lv; k++)
		sb_addc(&h, '#');
	sb_addc(&h, ' ');
	const char *s = t->s;
	size_t l = t->n;
	ds_trim(&s, &l);
	S_inline(r, s, l, t->src, &h);
	sb_add(&h, "", 0);
	S_gap(o, t->src);
	S_push(o, sb_detach(&h), t->src);
	S_puts(o, "", t->src);
}

static void S_body(struct S_rst *r, const struct S_ln *L, size_t n, struct S_out *o, int depth)
{
	if (depth > S_MAX_DEPTH) {
		/* Too deep: the lines as a code block, every word kept. */
		if (n)
			S_fence(o, L, n, NULL, 0, L[0].src);
		return;
	}
	size_t table_fail = SIZE_MAX;
	int last_list = 0; /* the block before was a list of this kind */
	for (size_t i = 0; i < n;) {
		const struct S_ln *l = &L[i];
		if (!l->n) {
			i++;
			continue;
		}
		int list = 0;
		size_t cnt, end;
		const char *s = l->s;
		size_t ln = l->n;
		char c;
		struct S_enum en;
		if (S_ind(l) > 0) {
			struct S_ln *v = S_indented(L, n, i, 0, false, &cnt, &end);
			S_quote(r, v, cnt, o, depth);
			free(v);
			i = end;
		} else if (ds_at(s, ln, 0, ".. ") || ds_eq(s, ln, "..")) {
			i = S_explicit(r, L, n, i, o, depth);
		} else if (ds_at(s, ln, 0, "__ ")) {
			struct S_ln *v = S_indented(L, n, i, 3, true, &cnt, &end);
			free(v);
			i = end;
		} else if ((ds_at(s, ln, 0, "+-") || ds_at(s, ln, 0, "+=")) && s[ln - 1] == '+') {
			i = S_grid_table(r, L, n, i, o, depth);
		} else if (ln > 2 && s[0] == '=' && memchr(s, ' ', ln) && i < table_fail &&
			   S_border_cols(l, (size_t[S_MAX_SIMPLE_COLS]){0}, S_MAX_SIMPLE_COLS) >= 2 &&
			   (end = S_simple_table(r, L, n, i, &table_fail, o, depth)) > i) {
			i = end;
		} else if ((c = S_adorn(l)) && i + 2 < n && L[i + 1].n && S_adorn(&L[i + 2]) == c &&
			   L[i + 2].n == ln) {
			S_heading(r, &L[i + 1], c, true, o);
			i += 3;
		} else if ((c = S_adorn(l)) && ln >= 4 && (i + 1 == n || !L[i + 1].n)) {
			S_gap(o, l->src);
			S_puts(o, "* * *", l->src);
			S_puts(o, "", l->src);
			i++;
		} else if (i + 1 < n && (c = S_adorn(&L[i + 1])) && !S_adorn(l) &&
			   (L[i + 1].n >= 4 || L[i + 1].n >= S_width(s, ln)) && (i + 2 == n || !L[i + 2].n || true)) {
			S_heading(r, l, c, false, o);
			i += 2;
		} else if (S_bullet(l)) {
			i = S_bullet_list(r, L, n, i, o, depth, last_list == 1);
			list = 1;
		} else if (S_enumerator(l, &en) &&
			   (i + 1 == n || !L[i + 1].n || S_ind(&L[i + 1]) > 0 || S_enumerator(&L[i + 1], &en))) {
			S_enumerator(l, &en);
			bool md = en.seq == E_ARABIC || en.seq == E_AUTO;
			i = S_enum_list(r, L, n, i, o, depth, md && last_list == 2);
			list = md ? 2 : 0;
		} else if (S_field(l)) {
			i = S_deflist(r, L, n, i, o, depth, 'f');
		} else if (S_option(L, n, i)) {
			i = S_deflist(r, L, n, i, o, depth, 'o');
		} else if (s[0] == '|' && (ln == 1 || s[1] == ' ')) {
			i = S_line_block(r, L, n, i, o);
		} else if (ds_at(s, ln, 0, ">>>") && (ln == 3 || s[3] == ' ')) { /* docutils: ">>>( +|$)" */
			size_t e = i;
			while (e < n && L[e].n)
				e++;
			S_fence(o, L + i, e - i, "pycon", 5, l->src);
			i = e;
		} else if (i + 1 < n && L[i + 1].n && S_ind(&L[i + 1]) > 0 && !(ln >= 2 && s[ln - 1] == ':' && s[ln - 2] == ':')) {
			i = S_deflist(r, L, n, i, o, depth, 0);
		} else {
			size_t e = i + 1;
			while (e < n && L[e].n && !S_ind(&L[e]))
				e++;
			bool literal;
			S_para(r, L + i, e - i, o, &literal);
			i = e;
			if (literal) {
				size_t k = i;
				while (k < n && !L[k].n)
					k++;
				if (k < n && S_ind(&L[k]) > 0) {
					struct S_ln *v = S_indented(L, n, k, 0, false, &cnt, &end);
					S_fence(o, v, cnt, NULL, 0, L[k].src);
					free(v);
					i = end;
				} else if (k < n && ispunct((unsigned char)L[k].s[0]) && k > i) {
					/* A quoted literal block: lines starting with the same
					 * punctuation. */
					size_t e2 = k;
					while (e2 < n && L[e2].n && L[e2].s[0] == L[k].s[0])
						e2++;
					S_fence(o, L + k, e2 - k, NULL, 0, L[k].src);
					i = e2;
				}
			}
		}
		last_list = list;
	}
}

/* ------------------------------------------------------------------ */
/* What a post names from anywhere: targets, substitutions              */
/* ------------------------------------------------------------------ */

/* The text of an explicit construct from s (on line i, indented ind) with
 * the lines after it indented more, up to a blank line; sep between. */
static char *S_gather(const struct S_ln *L, size_t n, size_t i, const char *s, size_t l, size_t ind, const char *sep,
		      size_t *end)
{
	struct strbuf b = STRBUF_INIT;
	ds_trim(&s, &l);
	sb_add(&b, s, l);
	size_t j = i + 1;
	while (j < n && L[j].n && S_ind(&L[j]) > ind) {
		const char *t = L[j].s;
		size_t tl = L[j].n;
		ds_trim(&t, &tl);
		if (t[0] == ':')
			break; /* an option */
		if (b.len)
			sb_adds(&b, sep);
		sb_add(&b, t, tl);
		j++;
	}
	*end = j;
	sb_add(&b, "", 0);
	return sb_detach(&b);
}

/* A raw directive's argument names HTML. */
static bool S_is_html(const char *s, size_t n)
{
	ds_trim(&s, &n);
	return ds_ieq(s, n, "html");
}

/* key → val (taken) unless key has one: the first definition counts. */
static void S_define(struct strmap *m, struct strvec *vals, const char *key, char *val)
{
	if (!strmap_get(m, key, NULL)) {
		strmap_put(m, key, vals->n);
		sv_push_owned(vals, val);
	} else {
		free(val);
	}
}

static void S_add_target(struct S_rst *r, const char *name, size_t nl, char *url)
{
	char *key = S_norm(name, nl);
	S_define(&r->targets, &r->turls, key, url);
	free(key);
}

static void S_collect(struct S_rst *r, const struct S_ln *L, size_t n)
{
	struct strvec titles = STRVEC_INIT;
	for (size_t i = 0; i < n; i++) {
		const struct S_ln *ln = &L[i];
		size_t ind = S_ind(ln);
		const char *s = ln->s + ind;
		size_t l = ln->n - ind;
		/* Section titles are targets of their own (after the explicit
		 * ones, which win): a link to the heading, which the chapter
		 * finds by its text. */
		if (!ind && l && i + 1 < n && S_adorn(&L[i + 1]) && !S_adorn(ln))
			sv_push_owned(&titles, xstrndup(s, l));
		/* Footnote references, for the definitions nobody references. */
		for (const char *p = s; (p = memchr(p, ']', (size_t)(s + l - p))) != NULL; p++) {
			if (p + 1 >= s + l || p[1] != '_')
				continue;
			const char *b = p;
			while (b > s && p - b < 80 && b[-1] != '[' && !ds_wsnl(b[-1]))
				b--;
			if (b > s && b[-1] == '[' && b < p) {
				char *lab = S_lower(b, (size_t)(p - b));
				if (!strcmp(lab, "#"))
					r->auto_refs++;
				strmap_put(&r->fnrefs, lab, 0);
				free(lab);
			}
		}
		/* Footnote and citation definitions, for the references that
		 * have none. */
		const char *lab;
		size_t ll;
		if (l > 3 && !strncmp(s, ".. ", 3) && S_fn_label(s + 3, l - 3, &lab, &ll)) {
			if (ll == 1 && lab[0] == '#') {
				r->auto_defs++;
			} else if (ll == 1 && lab[0] == '*') {
				r->sym_defs++;
			} else {
				char *key = S_lower(lab, ll);
				strmap_put(&r->fndefs, key, 0);
				free(key);
			}
		}
		/* `name <uri>`_ on one line: a target for name_ elsewhere. */
		for (const char *p = s; (p = memchr(p, '>', (size_t)(s + l - p))) != NULL; p++) {
			if (p + 2 >= s + l || p[1] != '`' || p[2] != '_' || (p + 3 < s + l && p[3] == '_'))
				continue;
			const char *bq = p;
			while (bq > s && bq[-1] != '`')
				bq--;
			size_t cl = (size_t)(p + 1 - bq), lt = bq > s ? S_embedded(bq, cl) : 0;
			const char *t = bq;
			size_t tl = lt ? lt - 1 : 0;
			ds_trim(&t, &tl);
			if (!tl || S_alias(bq + lt, cl - 1 - lt))
				continue;
			char *uri = S_embedded_uri(bq + lt, cl - 1 - lt);
			if (uri[0])
				S_add_target(r, t, tl, uri);
			else
				free(uri);
		}
		if (ds_at(s, l, 0, "__ ")) {
			size_t end;
			char *u = S_gather(L, n, i, s + 3, l - 3, ind, "", &end);
			char *uri = S_uri(u, strlen(u));
			free(u);
			sv_push_owned(&r->anon, uri);
			continue;
		}
		if (!ds_at(s, l, 0, ".. "))
			continue;
		s += 3;
		l -= 3;
		if (l > 1 && s[0] == '_') {
			/* .. _name: url   .. _`name`: url   .. __: url */
			const char *nm = s + 1;
			size_t k;
			size_t nml;
			if (nm < s + l && nm[0] == '`') {
				const char *e = memchr(nm + 1, '`', (size_t)(s + l - nm - 1));
				if (!e || e + 1 >= s + l || e[1] != ':')
					continue;
				nml = (size_t)(e - nm - 1);
				nm++;
				k = (size_t)(e + 2 - s);
			} else {
				k = 1;
				while (k < l && !(s[k] == ':' && (k + 1 == l || s[k + 1] == ' ')))
					k += s[k] == '\\' ? 2 : 1;
				if (k >= l)
					continue;
				nml = k - 1;
				k++;
			}
			size_t end;
			char *u = S_gather(L, n, i, s + k, l - k, ind, "", &end);
			size_t ul = strlen(u);
			char *val;
			if (ul > 1 && u[ul - 1] == '_' && u[ul - 2] != '\\' && !url_has_authority(u)) {
				size_t b = u[0] == '`' ? 1 : 0, e = ul - 1 - (ul > 2 && u[ul - 2] == '`');
				char *key = S_norm(u + b, e > b ? e - b : 0);
				val = xasprintf("=%s", key);
				free(key);
				free(u);
			} else {
				val = S_uri(u, ul);
				free(u);
			}
			if (!val[0]) {
				/* An internal target: the section title after it (past
				 * other targets) is what it names. */
				size_t j = end;
				while (j < n && (!L[j].n || ds_at(L[j].s + S_ind(&L[j]), L[j].n - S_ind(&L[j]), 0, ".. _")))
					j++;
				const struct S_ln *t = NULL;
				if (j + 1 < n && L[j].n && S_adorn(&L[j + 1]) && !S_adorn(&L[j]))
					t = &L[j];
				else if (j + 2 < n && S_adorn(&L[j]) && L[j + 1].n && S_adorn(&L[j + 2]))
					t = &L[j + 1];
				if (t) {
					char *key = S_norm(t->s, t->n);
					free(val);
					val = xasprintf("=%s", key);
					free(key);
				}
			}
			if (nml == 1 && nm[0] == '_')
				sv_push_owned(&r->anon, val);
			else
				S_add_target(r, nm, nml, val);
			continue;
		}
		if (ds_at(s, l, 0, "default-role::") && !r->default_role) {
			const char *d = s + 14;
			size_t dl = l - 14;
			ds_trim(&d, &dl);
			if (dl)
				r->default_role = xstrndup(d, dl);
			continue;
		}
		if (ds_at(s, l, 0, "role::")) {
			/* .. role:: name(base), then :format: html for raw. */
			const char *d = s + 6;
			size_t dl = l - 6;
			ds_trim(&d, &dl);
			size_t k = 0;
			while (k < dl && (ds_alnum(d[k]) || strchr("-_.+", d[k])))
				k++;
			if (!k)
				continue;
			char *name = S_lower(d, k);
			char *base = xstrdup("");
			const char *pp = k < dl && d[k] == '(' ? memchr(d + k, ')', dl - k) : NULL;
			if (pp) {
				free(base);
				base = S_lower(d + k + 1, (size_t)(pp - d - k - 1));
			}
			if (!strcmp(base, "raw")) {
				/* Raw HTML only: another format shows nothing of it in a page. */
				bool html = false;
				for (size_t j = i + 1; j < n && L[j].n && S_ind(&L[j]) > ind; j++) {
					const char *t = L[j].s + S_ind(&L[j]);
					size_t tl = L[j].n - S_ind(&L[j]);
					if (ds_at(t, tl, 0, ":format:")) {
						const char *f = t + 8;
						size_t fl = tl - 8;
						ds_trim(&f, &fl);
						html = ds_ieq(f, fl, "html");
					}
				}
				if (!html)
					base[0] = 0;
			}
			S_define(&r->roles, &r->role_bases, name, base);
			free(name);
			continue;
		}
		if (l > 2 && s[0] == '|') {
			const char *e = memchr(s + 1, '|', l - 1);
			if (!e || e == s + 1)
				continue;
			size_t nml = (size_t)(e - s - 1);
			const char *d = e + 1;
			size_t dl = (size_t)(s + l - d);
			ds_trim(&d, &dl);
			size_t dn = S_dir_name(d, dl);
			if (!dn)
				continue;
			struct S_sub sub = {0};
			sub.src = ln->src;
			sub.directive = xstrndup(d, dn);
			size_t end;
			const char *data = d + dn + 2;
			size_t datal = dl - dn - 2;
			if (ds_eq(d, dn, "replace")) {
				sub.kind = 'r';
				sub.text = S_gather(L, n, i, data, datal, ind, " ", &end);
			} else if (ds_eq(d, dn, "image")) {
				sub.kind = 'i';
				char *u = S_gather(L, n, i, data, datal, ind, "", &end);
				sub.text = S_uri(u, strlen(u));
				free(u);
				/* Its options. */
				for (size_t j = end; j < n && L[j].n && S_ind(&L[j]) > ind; j++) {
					const char *t = L[j].s + S_ind(&L[j]);
					size_t tl = L[j].n - S_ind(&L[j]);
					if (ds_at(t, tl, 0, ":alt:")) {
						free(sub.alt);
						sub.alt = xstrndup(t + 5, tl - 5);
						char *a = sub.alt;
						size_t al = strlen(a);
						const char *at = a;
						ds_trim(&at, &al);
						memmove(a, at, al);
						a[al] = 0;
					} else if (ds_at(t, tl, 0, ":target:")) {
						const char *tt = t + 8;
						size_t ttl = tl - 8;
						ds_trim(&tt, &ttl);
						free(sub.target);
						if (ttl > 1 && tt[ttl - 1] == '_') {
							char *key = S_norm(tt, ttl - 1);
							sub.target = xasprintf("=%s", key);
							free(key);
						} else {
							sub.target = S_uri(tt, ttl);
						}
					}
				}
			} else if (ds_eq(d, dn, "raw") && S_is_html(data, datal)) {
				/* Raw HTML (`.. |br| raw:: html`): its content lines. */
				sub.kind = 'h';
				struct strbuf h = STRBUF_INIT;
				for (size_t j = i + 1; j < n && (!L[j].n || S_ind(&L[j]) > ind); j++) {
					const char *t = L[j].s + S_ind(&L[j]);
					size_t tl = L[j].n - S_ind(&L[j]);
					if (!tl || (t[0] == ':' && !h.len))
						continue;
					if (h.len)
						sb_addc(&h, ' ');
					sb_add(&h, t, tl);
				}
				sb_add(&h, "", 0);
				sub.text = sb_detach(&h);
			} else {
				sub.kind = '?';
				sub.text = xstrdup("");
			}
			char *key = S_norm(s + 1, nml);
			if (strmap_get(&r->subs, key, NULL)) {
				free(sub.text);
				free(sub.alt);
				free(sub.target);
				free(sub.directive);
			} else {
				if (r->nsub == r->csub)
					r->subv = xrealloc(r->subv, (r->csub = r->csub ? r->csub * 2 : 8) * sizeof *r->subv);
				strmap_put(&r->subs, key, r->nsub);
				r->subv[r->nsub++] = sub;
			}
			free(key);
		}
	}
	for (size_t k = 0; k < titles.n; k++) {
		/* docutils' id of the title: lower-case letters and digits,
		 * other runs one '-'. */
		char *key = S_norm(titles.v[k], strlen(titles.v[k]));
		struct strbuf id = STRBUF_INIT;
		sb_addc(&id, '#');
		for (const char *p = key; *p; p++)
			if (ds_alnum(*p) || (unsigned char)*p >= 0x80)
				sb_addc(&id, *p);
			else if (id.len > 1 && id.s[id.len - 1] != '-')
				sb_addc(&id, '-');
		while (id.len > 1 && id.s[id.len - 1] == '-')
			id.len--;
		sb_add(&id, "", 0);
		S_define(&r->targets, &r->turls, key, id.len > 1 ? sb_detach(&id) : xstrdup(""));
		sb_release(&id);
		free(key);
	}
	sv_free(&titles);
	/* An image substitution's target named by reference: its URL now. */
	for (size_t k = 0; k < r->nsub; k++)
		if (r->subv[k].target && r->subv[k].target[0] == '=') {
			const char *u = S_target(r, r->subv[k].target + 1);
			free(r->subv[k].target);
			r->subv[k].target = u && u[0] ? xstrdup(u) : NULL;
		}
}

/* ------------------------------------------------------------------ */
/* The pass                                                             */
/* ------------------------------------------------------------------ */

/* The length of the line end at md[i], 0 if none: where Python's
 * str.splitlines() splits (LF, CR, CR LF, the file, group and record
 * separators, NEL, LINE and PARAGRAPH SEPARATOR; \v and \f too, but
 * docutils has made them spaces before). */
static size_t S_line_end(const char *md, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)md + i;
	size_t left = len - i;
	if (u[0] == '\n' || (u[0] >= 0x1C && u[0] <= 0x1E))
		return 1;
	if (u[0] == '\r')
		return left > 1 && u[1] == '\n' ? 2 : 1;
	if (u[0] == 0xC2 && left > 1 && u[1] == 0x85)
		return 2;
	if (u[0] == 0xE2 && left > 2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}

/* The length of the white space character that ends s[0..l), 0 if none:
 * what Python's str.rstrip() cuts (str.isspace: ASCII blanks, the
 * separators 0x1C-0x1F, NBSP, OGHAM SPACE MARK, U+2000-U+200A, NARROW
 * NBSP, MEDIUM MATHEMATICAL SPACE, IDEOGRAPHIC SPACE; not U+200B). */
static size_t S_trailing_space(const char *s, size_t l)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!l)
		return 0;
	if (u[l - 1] == ' ' || (u[l - 1] >= 0x09 && u[l - 1] <= 0x0D) || (u[l - 1] >= 0x1C && u[l - 1] <= 0x1F))
		return 1;
	if (l >= 2 && u[l - 2] == 0xC2 && (u[l - 1] == 0xA0 || u[l - 1] == 0x85))
		return 2;
	if (l < 3)
		return 0;
	unsigned a = u[l - 3], b = u[l - 2], c = u[l - 1];
	if ((a == 0xE1 && b == 0x9A && c == 0x80) || (a == 0xE3 && b == 0x80 && c == 0x80))
		return 3;
	if (a == 0xE2 && b == 0x80 && ((c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF))
		return 3;
	if (a == 0xE2 && b == 0x81 && c == 0x9F)
		return 3;
	return 0;
}

static bool S_reads(const struct dialect_context *ctx)
{
	return ctx && ctx->post_relpath && str_ends_with(ctx->post_relpath, ".rst");
}

static bool S_pre(struct ds_state *st, const char *md, size_t len, struct strbuf *out, void *self)
{
	(void)self;
	if (!S_reads(st->ctx))
		return false;
	struct S_rst r;
	memset(&r, 0, sizeof r);
	r.st = st;
	/* The lines as docutils' string2lines makes them: split where
	 * Python's splitlines splits, tabs to 8 columns, Python's white
	 * space cut at the end. Each line keeps the number of the LF-ended
	 * line it is on, which the map of earlier passes counts. */
	struct strbuf text = STRBUF_INIT;
	size_t nlines = 1;
	for (size_t k = 0; k < len;) {
		size_t w = S_line_end(md, len, k);
		nlines += w > 0;
		k += w ? w : 1;
	}
	size_t *offs = xcalloc(nlines + 1, sizeof *offs);
	size_t *lens = xcalloc(nlines + 1, sizeof *lens);
	size_t *lnos = xcalloc(nlines + 1, sizeof *lnos);
	size_t n = 0, lno = 1;
	for (size_t i = 0;;) {
		size_t e = i, w = 0;
		while (e < len && !(w = S_line_end(md, len, e)))
			e++;
		offs[n] = text.len;
		lnos[n] = lno;
		size_t col = 0;
		for (size_t k = i; k < e; k++) {
			if (md[k] == '\t') {
				do
					sb_addc(&text, ' ');
				while (++col % 8);
			} else if (md[k] == '\f' || md[k] == '\v') {
				sb_addc(&text, ' ');
				col++;
			} else {
				sb_addc(&text, md[k]);
				col += ((unsigned char)md[k] & 0xC0) != 0x80;
			}
		}
		/* (An empty post leaves text.s NULL: no pointer sum on it.) */
		size_t l = text.len - offs[n], t;
		while (l && (t = S_trailing_space(text.s + offs[n], l)))
			l -= t;
		lens[n++] = l;
		if (!w)
			break;
		i = e + w;
		lno += md[i - 1] == '\n';
		if (i == len)
			break; /* a last line end opens no line */
	}
	struct S_ln *L = xcalloc(n ? n : 1, sizeof *L);
	for (size_t k = 0; k < n; k++)
		L[k] = (struct S_ln){text.s ? text.s + offs[k] : "", lens[k], lnos[k]};
	free(offs);
	free(lens);
	free(lnos);
	S_collect(&r, L, n);
	struct S_out o = {0};
	S_body(&r, L, n, &o, 0);
	/* The text, and the body line of each of its lines (through the map
	 * of a pass before this one that rewrote the text). */
	while (o.n && !o.v[o.n - 1].s[0])
		free(o.v[--o.n].s);
	for (size_t k = 0; k < o.n; k++) {
		int line = ds_line_of_text(st, o.v[k].src) - st->first_line + 1;
		o.v[k].src = line > 0 ? (size_t)line : 1;
	}
	st->snip.n = 0;
	for (size_t k = 0; k < o.n; k++) {
		ds_map_add(&st->snip, k + 1, o.v[k].src, true);
		sb_adds(out, o.v[k].s);
		sb_addc(out, '\n');
	}
	if (!out->s)
		sb_add(out, "", 0);
	S_out_free(&o);
	free(L);
	sb_release(&text);
	strmap_free(&r.targets);
	sv_free(&r.turls);
	sv_free(&r.anon);
	strmap_free(&r.subs);
	for (size_t k = 0; k < r.nsub; k++) {
		free(r.subv[k].text);
		free(r.subv[k].alt);
		free(r.subv[k].target);
		free(r.subv[k].directive);
	}
	free(r.subv);
	strmap_free(&r.fnrefs);
	strmap_free(&r.fndefs);
	strmap_free(&r.roles);
	free(r.default_role);
	sv_free(&r.role_bases);
	sv_free(&r.owned);
	return true;
}

const struct dialect dialect_rst = {
	.name = "rst",
	.pre = S_pre,
	.reads = S_reads,
};
