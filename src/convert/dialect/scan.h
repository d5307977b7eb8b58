/* scan.h — the scanner every dialect pass runs over (private to
 * src/convert/dialect/; see convert/dialect.h for the public side).
 *
 * dialect_rewrite reads a post in three passes, each linear in its length
 * (posts reach 8 MiB and are fuzzed: no search ever rescans what an
 * earlier search already covered, see ds_cached):
 *
 *  0. text: a dialect's `pre` hook may replace the whole text (MkDocs
 *     snippets paste files in), mapping its lines back to the body's
 *     (ds_state.snip);
 *  1. blocks, line by line (ds_blk): fenced and indented code, lists and
 *     blockquotes are tracked here, once, for every dialect; boxes (a
 *     dialect's containers whose content is indented, e.g. MkDocs
 *     admonitions) are a stack here too, their lines dedented. For each
 *     other line, the dialects' `block` hooks are asked in list order; the
 *     first that takes it writes what it makes. The result is split into
 *     ranges: text, code, and HTML made here (left alone by pass 2);
 *  2. inline, over each paragraph of text (ds_inl): code spans, HTML
 *     comments, <script>, <style>, <pre> and <code> are found here; at each
 *     character a dialect registered as a trigger, its handlers are asked
 *     in list order. In code only the dialects' `code` hooks act.
 *
 * Line numbers: a warning names the body's line. ds_state keeps three
 * maps, each exact because it is written where the lines move: pass-0
 * text line → body line (snip), pass-1 output line → text line (blk), and
 * pass-2 output line → pass-1 output line (track). ds_line_of_text and
 * ds_line_of_block compose the first two for the dialects' own warnings;
 * dialect_rewrite composes all three into the map it returns, which the
 * later stages read lines of cmark-gfm's input through (dialect.h).
 *
 * State: everything of one rewrite is in ds_state and the dialects' own
 * state structs (allocated zeroed here, `state_size` bytes, one per pass);
 * nothing is global, so posts convert on worker threads.
 *
 * Ownership: strings passed in are borrowed; what a hook writes goes into
 * the strbuf it is given. */
#ifndef SHEAF_DIALECT_SCAN_H
#define SHEAF_DIALECT_SCAN_H

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"
#include "base/words.h"
#include "convert/dialect.h"

#define DS_NONE SIZE_MAX
#define DS_MAX_BOXES 64 /* boxes nested in each other */
#define DS_MAX_LISTS 32 /* list levels tracked for code detection */
#define DS_MAX_ARGS 32  /* arguments of one shortcode call */

struct ds_state;
struct ds_blk;
struct ds_inl;
struct ds_line;

/* ------------------------------------------------------------------ */
/* A dialect: its hooks, each optional (NULL)                           */
/* ------------------------------------------------------------------ */

/* An inline trigger: at each c outside code, fn is asked; it returns how
 * many bytes of x->s from i it consumed (having written their rewrite to
 * x->out), or 0 to leave the character to the next handler. */
struct ds_trigger {
	char c;
	size_t (*fn)(struct ds_inl *x, size_t i, void *self);
};

struct dialect {
	const char *name;
	size_t state_size; /* bytes of the pass's own state, zeroed; `self` in the hooks */
	/* A title (of a box, a heading) is rendered on its own, in the middle
	 * of the post: the first title_size bytes of the state are saved
	 * before and restored after. Put there what a title must not change:
	 * the per-paragraph caches of inline hooks (a title is a paragraph of
	 * its own) and what a title's constructs would otherwise open or close.
	 * 0: the title shares the post's state (Zola's bodies run on). */
	size_t title_size;
	void (*init)(struct ds_state *st, void *self);
	void (*fini)(void *self); /* frees what the state owns */
	/* Pass 0: may replace the whole text (true: *out is the new text). */
	bool (*pre)(struct ds_state *st, const char *md, size_t len, struct strbuf *out, void *self);
	/* Pass 1: a line that no code, list or box rule took. true: taken
	 * (written, b->i and b->tline moved past what it consumed). */
	bool (*block)(struct ds_blk *b, const struct ds_line *l, void *self);
	/* A fence opening at l->l[ff] (flen fence characters, its info string
	 * from info): true when the hook wrote the line. */
	bool (*fence)(struct ds_blk *b, const struct ds_line *l, size_t ff, size_t flen, size_t info, void *self);
	/* A line written as it is (text, or fenced code). */
	void (*line)(void *self, const char *l, size_t ln);
	/* Pass 2. */
	const struct ds_trigger *triggers; /* ended by {0, NULL} */
	/* Asked before anything else at each step of the inline walk: a
	 * non-zero answer consumes text the dialect holds (Liquid's raw). */
	size_t (*hold)(struct ds_inl *x, size_t i, void *self);
	/* Code (blocks, spans, <pre> and <code>) copied from s to out. */
	void (*code)(void *self, struct strbuf *out, const char *s, size_t n);
	void (*run_begin)(void *self);   /* a paragraph starts: per-paragraph caches reset */
	void (*title_begin)(void *self); /* a title starts: what the post holds open does not reach it */
	void (*finish)(void *self, struct strbuf *out); /* after the last paragraph */
	/* A reader of another format (reST): whether it reads this post into
	 * Markdown (in its pre hook). The passes marked markdown_only then do
	 * not run on the post: a reST post's "++ctrl++" or "!!! note" is
	 * text, as the generator's own reader (docutils) leaves it. */
	bool (*reads)(const struct dialect_context *ctx);
	bool markdown_only; /* Markdown syntax (an extension's): for Markdown posts only */
};

/* ------------------------------------------------------------------ */
/* Small string helpers                                                 */
/* ------------------------------------------------------------------ */

bool ds_ieq(const char *s, size_t n, const char *lit);
/* Small enough to inline everywhere (each is called per character). */
static inline bool ds_sp(char c)
{
	return c == ' ' || c == '\t';
}

static inline bool ds_wsnl(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline bool ds_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!ds_wsnl(s[i]))
			return false;
	return true;
}

static inline bool ds_alnum(char c)
{
	return isalnum((unsigned char)c) != 0;
}

static inline bool ds_ident(char c)
{
	return ds_alnum(c) || c == '_' || c == '-';
}

static inline bool ds_at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	return i <= n && n - i >= l && memcmp(s + i, lit, l) == 0;
}

static inline bool ds_eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static inline void ds_trim(const char **s, size_t *n)
{
	while (*n && ds_wsnl(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && ds_wsnl((*s)[*n - 1]))
		(*n)--;
}

/* First occurrence of needle in s[from..n), or DS_NONE. */
size_t ds_find(const char *s, size_t n, size_t from, const char *needle, size_t nl);
size_t ds_find_lit(const char *s, size_t n, size_t from, const void *arg);
/* Case-insensitive search of a lower-case ASCII needle. */
size_t ds_find_ci(const char *s, size_t n, size_t from, const void *arg);

/* A search whose answer is remembered: "the first match at or after q is
 * at pos". Each call site queries at positions that only grow, so a later
 * query is answered without rescanning, and a failed search is never
 * repeated: many openers without a closer stay linear. One cache per call
 * site and text. */
typedef size_t (*ds_finder)(const char *s, size_t n, size_t from, const void *arg);
struct ds_cache {
	size_t q, pos;
	bool valid;
};
size_t ds_cached(struct ds_cache *c, const char *s, size_t n, size_t from, ds_finder f, const void *arg);

/* Columns of leading white space (tabs to the next multiple of 4);
 * *first gets the offset of the first other character. */
int ds_indent(const char *s, size_t n, size_t *first);
size_t ds_count_nl(const char *s, size_t n);
void ds_spaces(struct strbuf *sb, int n);
/* Text for an HTML attribute value or element content. */
void ds_esc(struct strbuf *sb, const char *s, size_t n);
/* Text that cmark-gfm must show as it is (punctuation backslash-escaped). */
void ds_md_literal(struct strbuf *sb, const char *s, size_t n);
/* A URL for a Markdown link destination (what would end it encoded). */
void ds_url(struct strbuf *sb, const char *s, size_t n);
/* TeX for a math span or block, safe from Markdown. */
void ds_tex(struct strbuf *sb, const char *s, size_t n);
/* A language name for a fence's info string. */
void ds_lang(struct strbuf *sb, const char *s, size_t n);
/* A short, printable form of user text for a message (malloc'd). */
char *ds_quote(const char *s, size_t n);
/* s as a code span (backticks enough to hold it). */
void ds_code_span(struct strbuf *o, const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* Shortcode calls (Hugo, Zola) and what several dialects make          */
/* ------------------------------------------------------------------ */

/* A call: `{{< name args >}}` (Hugo), `{{ name(k=v) }}` (Zola). Arguments
 * point into the text. */
struct ds_arg {
	const char *key, *val;
	size_t kl, vl;
	char q; /* '"', '`' or 0 */
};

struct ds_call {
	char kind; /* Hugo: '<' or '%'; Zola: '{' or '%' */
	bool closing, selfclose;
	const char *name;
	size_t nl;
	struct ds_arg a[DS_MAX_ARGS];
	size_t na;
	size_t end;
};

/* The argument named key, else the pos-th positional one (pos < 0: none);
 * malloc'd, or NULL. */
char *ds_call_arg(const struct ds_call *sc, const char *key, int pos);
/* The book's fixed words (base/words.h: its language's), for the labels
 * a pass writes itself. */
const struct words *ds_words(const struct ds_state *st);
/* youtube, vimeo, tweet/twitter/x, gist, instagram (the call's name is
 * base[0..bl)): a Markdown link to what the site embeds, labelled in w's
 * language ("Video on YouTube: url"). */
bool ds_embed_link(const struct ds_call *sc, const struct words *w, const char *base, size_t bl, struct strbuf *o);
/* `[What: url](url)`, the colon w's. */
void ds_embed_md_link(struct strbuf *o, const struct words *w, const char *what, const char *url);
/* A reference to another page (Hugo ref/relref, Jekyll post_url/link):
 * the resolver's answer, else the path as written (site-absolute when
 * root); the fragment kept. */
void ds_ref(struct ds_state *st, struct strbuf *o, const char *ref, size_t rl, bool root);
/* The length of `:name:`'s name at s[i] (':'), or 0. */
size_t ds_colon_name(const char *s, size_t n, size_t i);

/* ------------------------------------------------------------------ */
/* The state of one rewrite                                             */
/* ------------------------------------------------------------------ */

/* Where the lines of one text come from in another: from line `from` on,
 * line x is line to + (x - from), or `to` itself when fixed (the lines of
 * a snippet all come from the line that named it). */
struct ds_anchor {
	size_t from, to;
	bool fixed;
};

struct ds_linemap {
	struct ds_anchor *v;
	size_t n, cap;
};

void ds_map_add(struct ds_linemap *m, size_t from, size_t to, bool fixed);

/* Pass 2's output lines: where each starts in the output and the pass-1
 * output line it came from, recorded as the inline walk writes them (a
 * hook that takes output back takes its lines back too). */
struct ds_track {
	size_t *start, *from;
	size_t n, cap;
	size_t scan; /* output bytes looked at so far */
	bool on;     /* the caller asked for the map */
};

struct ds_warning {
	int line;
	size_t count;
	char *msg;
};

struct ds_pass {
	const struct dialect *d;
	void *self;
};

struct ds_handler {
	size_t (*fn)(struct ds_inl *x, size_t i, void *self);
	void *self;
};

struct ds_state {
	const struct dialect_context *ctx;
	const char *file;
	int first_line;
	struct diag_list *dl;
	struct ds_pass *pass; /* the dialects, in order */
	size_t npass;
	struct ds_handler *hv; /* inline handlers, by character: hv[hstart[c] .. hstart[c + 1]) */
	size_t hstart[257];
	bool special[256]; /* characters the inline walk stops at */
	struct ds_pass **holds; /* the passes with a hold hook */
	size_t nholds;
	size_t title_total; /* sum of the passes' title_size */
	struct strmap warn_keys; /* what a warning is about → index in warns */
	struct ds_warning *warns;
	size_t nwarns, cwarns;
	struct ds_linemap snip; /* pass-0 text line → body line */
	struct ds_linemap blk;  /* pass-1 output line → pass-0 text line */
	struct ds_track track;  /* pass-2 output line → pass-1 output line */
	size_t renders;         /* titles rendered by cmark-gfm */
	const char *text;       /* the pass-0 text, for link definitions */
	size_t tlen;
	bool defs_done;
	struct strmap defs; /* link label (folded) → index in deflines */
	struct strvec deflines;
};

/* The context's strings (may be NULL). */
const char *ds_site_root(const struct ds_state *st);
const char *ds_post_relpath(const struct ds_state *st);
const char *ds_site_url(const struct ds_state *st);
const char *ds_baseurl(const struct ds_state *st);

int ds_line_of_text(const struct ds_state *st, size_t tline);
int ds_line_of_block(const struct ds_state *st, size_t oline);

/* One warning per distinct key and post; repeats are counted. */
SHEAF_PRINTF(4, 5)
void ds_warn(struct ds_state *st, int line, const char *key, const char *fmt, ...);

/* The title of a box or a heading (Markdown, one line) as HTML: dialect
 * constructs first, then cmark-gfm's inline rendering. */
void ds_title_html(struct ds_state *st, struct strbuf *out, const char *s, size_t n, int line);

/* Code copied through the dialects' `code` hooks. */
void ds_code_copy(struct ds_state *st, struct strbuf *out, const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* Pass 1: blocks                                                       */
/* ------------------------------------------------------------------ */

enum ds_kind { DS_TEXT, DS_CODE, DS_GEN };

struct ds_range {
	size_t start, end;
	enum ds_kind kind;
};

struct ds_box;
typedef void (*ds_box_close)(struct ds_blk *b, const struct ds_box *x, void *self);

struct ds_box {
	int col;      /* content column: a non-blank line indented less closes the box */
	int rel;      /* the column its opening was written at */
	size_t nlist; /* list levels open when it opened */
	ds_box_close close; /* writes its end */
	void *self;
};

struct ds_fence {
	bool open;
	char ch;
	size_t len;
	int indent; /* of the opening fence */
	int quotes; /* blockquote markers before it */
	int base;   /* list content column it belongs to */
	size_t nbox;
};

/* The line a block hook is asked about. */
struct ds_line {
	const char *l;     /* the line, dedented out of its boxes; no newline */
	size_t ln, lf;     /* its length; where its first non-blank character is */
	int rel;           /* that character's column (in l) */
	int indent;        /* and in the text */
	const char *orig;  /* the line in the text, with its newline */
	size_t olen;
	bool stripped;     /* l is a dedented copy */
	size_t ls, f;      /* where it starts in the text; its first non-blank byte from there */
	size_t next;       /* where the next line starts */
	size_t at, end;    /* in the text: its first non-blank byte (ls + f), its newline (or n) */
	int quotes;        /* blockquote markers */
	int item;          /* a list item's content column, or -1 */
	bool opens;        /* no blockquote and less than 4 columns into the list: a block may open here */
};

struct ds_blk {
	struct ds_state *st;
	const char *t;
	size_t n;
	size_t i, tline; /* the next line's start in t, and the current line's number (from 1) */
	struct strbuf o;
	size_t olines;
	bool line_empty; /* only white space written on the current output line */
	bool last_blank; /* the last finished output line was blank */
	struct ds_range *r;
	size_t nr, cr;
	struct ds_box box[DS_MAX_BOXES];
	size_t nbox;
	int list[DS_MAX_LISTS];
	size_t nlist;
	struct ds_fence f;
	bool icode;
	int icode_base;
	bool prev_blank; /* the previous line was blank, or a block just started */
	bool ins_blank;  /* the last line written is a blank line added here */
	struct strbuf line; /* the current line, dedented out of its boxes */
};

void ds_emit(struct ds_blk *b, enum ds_kind k, const char *s, size_t n);
void ds_emit_sb(struct ds_blk *b, enum ds_kind k, struct strbuf *sb); /* and releases sb */
/* Ends the current output line. */
void ds_end_line(struct ds_blk *b);
/* Ends the current output line and adds a blank line unless the last one
 * is blank (a blank source line right after it is then skipped). */
void ds_blank_line(struct ds_blk *b);
/* Writes the current line as it is (or dedented, inside boxes). */
void ds_put(struct ds_blk *b, enum ds_kind k, const struct ds_line *l);
/* Writes text as code lines, each dedented by cols columns. */
void ds_code_lines(struct ds_blk *b, const char *s, size_t n, int cols);
/* A code block made of the text between an opening tag (ending at oe, on
 * the line the hook was asked about) and a closing tag t[cp..ce): fenced,
 * with lang; what follows the closing tag on its line is kept. */
void ds_tag_code_block(struct ds_blk *b, const struct ds_line *l, size_t oe, size_t cp, size_t ce,
		       const char *lang, size_t langl);
/* The lines from the one asked about to the one holding t[ce - 1] go
 * (what follows ce on its line is kept). */
void ds_drop_lines(struct ds_blk *b, const struct ds_line *l, size_t ce);
/* Opens a box whose content is indented to col; false when too deep (then
 * nothing is pushed and the caller closes what it wrote). */
bool ds_box_push(struct ds_blk *b, int col, int rel, ds_box_close close, void *self);

/* ------------------------------------------------------------------ */
/* Pass 2: inline                                                       */
/* ------------------------------------------------------------------ */

struct ds_run {
	size_t pos, len, match; /* match: index of the closing run, or DS_NONE */
};

enum { DS_C_HCOMMENT, DS_C_SCRIPT, DS_C_STYLE, DS_C_PRE, DS_C_CODE, DS_NCACHE };

struct ds_inl {
	struct ds_state *st;
	const char *s;
	size_t n;
	struct strbuf *out;
	int fixed_line;          /* > 0: every position is on this body line */
	size_t oline0;           /* else: the pass-1 output line of s[0] */
	bool tracked;            /* writes the rewrite's output: its lines go to st->track */
	size_t lc_pos, lc_lines; /* line counting cursor */
	size_t barrier;          /* image look-back for attribute lists stops here (in out) */
	bool in_tag;             /* inside an HTML tag: no math, emoji or attribute lists */
	struct ds_run *runs;
	size_t nruns, run_at;
	bool runs_done;
	struct ds_cache c[DS_NCACHE];
};

/* The body line of s[pos]. */
int ds_inl_line(struct ds_inl *x, size_t pos);
/* s[b..e) stands alone on its line(s)? *ls: where that line starts,
 * *after: where the next one does. */
bool ds_alone(const struct ds_inl *x, size_t b, size_t e, size_t *ls, size_t *after);
/* Writes a block made in place of s[b..e) on lines of its own; returns
 * what was consumed from b. para: it is a Markdown paragraph. */
size_t ds_put_block(struct ds_inl *x, size_t b, size_t e, const char *blk, size_t bl, bool para);
/* Text as inline Markdown through the dialects, all on one body line. */
void ds_inline_text(struct ds_state *st, const char *s, size_t n, struct strbuf *out, int line);

#endif
