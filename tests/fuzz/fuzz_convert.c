/* fuzz_convert.c — libFuzzer harness for post → XHTML chapter.
 *
 * The input is a whole post file, read the way the site layer reads one
 * (site/common.c): decoded to clean UTF-8 (text.h), then front matter gives the title, description, dates, tags
 * and authors that the chapter template shows; the rest is the Markdown
 * body. (When the front matter is unusable the whole input is the body:
 * the site layer would refuse such a post, but its bytes still make a fine
 * Markdown input.) The post goes through chapter_convert with the built-in
 * chapter template, and the chapter is serialized.
 *
 * Oracle, whatever the input:
 *   - oracle.h's rules, with code and lists of its own (not the
 *     sanitizer's): well-formed XML, no banned or foreign element, no
 *     handler, no script URL, no remote URL but a link's, no CSS that
 *     loads or runs (after unescaping), no animation of href or on*;
 *   - under <body>, a style attribute only as a table cell's alignment;
 *   - ids are unique and hold no white space, and the chapter's file name
 *     is text/NNN-<ascii slug>.xhtml (epubcheck refuses the rest);
 *   - no crash, no sanitizer report, no leak;
 *   - a reStructuredText post (the input's last byte 0x7F or 0xFF: the
 *     body read as posts/post.rst through Pelican's passes, dialect_rst
 *     first) keeps its words:
 *     each run of three or more letters of the body reaches the chapter
 *     (its text or an attribute), except in posts with explicit markup (`..`, `__`: targets,
 *     comments and directive names show nothing) and the words of role
 *     names, <embedded URIs> and [footnote labels].
 * A violation prints what was wrong and aborts (a libFuzzer finding).
 *
 * chapter_convert returns -1 only when the template cannot be used or
 * cmark-gfm fails: with the built-in template that means a value filled
 * into the template (title, description, tags…) made it ill-formed, which
 * is a bug too, so it is a finding as well.
 *
 * Built with -fsanitize=fuzzer for libFuzzer, or with driver.c as a plain
 * program that runs the files it is given (the regression test). */
#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/chapter.h"
#include "convert/dialect.h"
#include "input/site.h"
#include "input/sitedata.h"
#include "base/date.h"
#include "base/diag.h"
#include "input/frontmatter.h"
#include "convert/markdown.h"
#include "input/post.h"
#include "base/template.h"
#include "base/text.h"
#include "base/util.h"
#include "oracle.h"

/* A list of dialect passes chosen by the bits of b (v holds 20). */
static void S_passes(unsigned char b, const struct dialect **v)
{
	static const struct dialect *const each[] = {&dialect_mkdocs,  &dialect_hugo,        &dialect_liquid,
						     &dialect_nunjucks, &dialect_math,        &dialect_heading_ids,
						     &dialect_zola};
	size_t n = 0;
	if (b & 1)
		v[n++] = &dialect_snippets;
	for (size_t k = 0; k < sizeof each / sizeof *each; k++)
		if (b & (1u << k))
			v[n++] = each[k];
	if (b & 4)
		v[n++] = &dialect_kramdown;
	if (b & 5)
		v[n++] = &dialect_emoji;
	/* The passes that read the site's config or data (S_config, S_data). */
	if ((b & 0x81) == 0x81)
		v[n++] = &dialect_pymdownx;
	if ((b & 0x82) == 0x82)
		v[n++] = &dialect_site_emoji;
	if ((b & 0x84) == 0x84)
		v[n++] = &dialect_hexo;
	/* MDX and ::: directives (Docusaurus, Astro), the post then a .mdx. */
	if ((b & 0x88) == 0x88)
		v[n++] = &dialect_mdx, v[n++] = &dialect_directives;
	if ((b & 0x90) == 0x90)
		v[n++] = &dialect_pelican;
	/* Markdoc's tags (Astro), the post then a .mdoc unless it is a .mdx. */
	if ((b & 0xA0) == 0xA0)
		v[n++] = &dialect_markdoc;
	v[n] = NULL;
}

/* What a site hands its passes, fixed for the whole run: an MkDocs config
 * turning on every Python-Markdown and PyMdown Extension sheaf reads, and the params and
 * shortcode templates of a Hugo or Zola site (an image, a link, a body). */
static struct fm_node *S_config;
static struct site_data *S_data;

static void S_site_init(void)
{
	static const char cfg[] = "markdown_extensions:\n"
				  "  - admonition\n  - pymdownx.details\n  - pymdownx.tabbed\n  - attr_list\n  - md_in_html\n"
				  "  - pymdownx.blocks.admonition\n  - pymdownx.blocks.details\n"
				  "  - pymdownx.blocks.tab\n  - pymdownx.blocks.html\n"
				  "  - pymdownx.blocks.caption\n  - pymdownx.blocks.definition\n"
				  "  - pymdownx.mark\n  - pymdownx.caret\n  - pymdownx.tilde\n  - abbr\n"
				  "  - pymdownx.keys: {camel_case: true, separator: '<+>', key_map: {hyper: Hyper}}\n"
				  "  - pymdownx.snippets:\n      base_path: [docs, .]\n"
				  "  - pymdownx.superfences:\n      custom_fences:\n"
				  "        - {name: mermaid, class: mermaid}\n"
				  "params:\n  author: {name: Fuzz}\n  version: '1.0'\n";
	struct diag_list dl = DIAG_LIST_INIT;
	if (fm_parse_yaml(&S_config, cfg, sizeof cfg - 1, "mkdocs.yml", 1, DIAG_WARNING, &dl) < 0) {
		diag_print(&dl, stderr, false, true);
		abort();
	}
	diag_list_free(&dl);
	S_data = site_data_new(NULL);
	S_data->params[S_data->nparams++] = fm_get(S_config, "params");
	S_data->emoji = true;
	static const char *const tmpl[][2] = {
		{"fig", "<figure><img src=\"{{ .Get \"src\" }}\" alt=\"{{ .Get \"alt\" }}\">"
			"<figcaption>{{ .Get \"caption\" }}</figcaption></figure>"},
		{"ln", "<a href=\"{{ .Get 0 }}\">{{ .Inner }}</a>"},
		{"box", "<div class=\"box\">{{ .Inner | markdownify }}</div>"},
		{"plate", "{% set p = src %}<img src=\"{{ p }}\" alt=\"{{ alt }}\">{{ body }}"},
	};
	S_data->ntmpl = sizeof tmpl / sizeof *tmpl;
	S_data->tmpl = xcalloc(S_data->ntmpl, sizeof *S_data->tmpl);
	for (size_t i = 0; i < S_data->ntmpl; i++) {
		S_data->tmpl[i].name = xstrdup(tmpl[i][0]);
		S_data->tmpl[i].path = xasprintf("layouts/shortcodes/%s.html", tmpl[i][0]);
		S_data->tmpl[i].text = xstrdup(tmpl[i][1]);
		strmap_put(&S_data->by_name, tmpl[i][0], i);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *S_template, *S_origin;
static const uint8_t *S_input;
static size_t S_input_len;

static void S_dump_input(void)
{
	fprintf(stderr, "---- input (%zu bytes) ----\n", S_input_len);
	fwrite(S_input, 1, S_input_len > 2000 ? 2000 : S_input_len, stderr);
	fprintf(stderr, "\n---- end of input ----\n");
}

static void S_fail(const char *what, const char *detail, const xmlChar *doc, int len)
{
	/* Control characters shown as \xNN: they are often the point. */
	fprintf(stderr, "fuzz_convert: ORACLE FAILURE: %s%s", what, detail ? ": " : "");
	for (const unsigned char *d = (const unsigned char *)detail; d && *d; d++)
		if (*d < 0x20 || *d == 0x7F)
			fprintf(stderr, "\\x%02X", *d);
		else
			fputc(*d, stderr);
	fputc('\n', stderr);
	S_dump_input();
	if (doc) {
		fprintf(stderr, "---- chapter (%d bytes) ----\n", len);
		fwrite(doc, 1, (size_t)len, stderr);
		fprintf(stderr, "\n---- end of chapter ----\n");
	}
	abort();
}

static void S_init(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	xmlInitParser();
	markdown_init(); /* once per process: cmark-gfm aborts on a second call */
	if (template_load(&S_template, &S_origin, "chapter.xhtml", NULL, &dl) < 0) {
		diag_print(&dl, stderr, false, true);
		fprintf(stderr, "fuzz_convert: no built-in chapter template\n");
		abort();
	}
	diag_list_free(&dl);
	S_site_init();
}

static bool S_cell_style_ok(const char *el, const char *v)
{
	static const char *const ok[] = {"text-align: left", "text-align: right",
					 "text-align: center", "text-align: justify", NULL};
	bool listed = false;
	for (size_t i = 0; ok[i] && !listed; i++)
		listed = strcmp(v, ok[i]) == 0;
	return (strcmp(el, "td") == 0 || strcmp(el, "th") == 0) && listed;
}

struct S_check {
	const xmlChar *doc;
	int len;
	struct strvec ids;
};

static void S_check_ids(struct S_check *c, xmlNodePtr el)
{
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, "id") != 0 || a->ns)
			continue;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		const char *id = v ? (const char *)v : "";
		char msg[200];
		snprintf(msg, sizeof msg, "<%s id=\"%.100s\">", (const char *)el->name, id);
		if (!*id || strpbrk(id, " \t\n\r\f"))
			S_fail("id empty or with white space", msg, c->doc, c->len);
		for (size_t i = 0; i < c->ids.n; i++)
			if (strcmp(c->ids.v[i], id) == 0)
				S_fail("duplicate id", msg, c->doc, c->len);
		sv_push(&c->ids, id);
		xmlFree(v);
	}
}

/* What the book's own rules add to oracle.h's: a style attribute only as
 * the text alignment cmark-gfm gives a table cell. */
static void S_check_element(struct S_check *c, xmlNodePtr el, bool in_body)
{
	const char *name = (const char *)el->name;
	S_check_ids(c, el);
	for (xmlAttrPtr a = el->properties; a && in_body; a = a->next) {
		if (!str_ieq((const char *)a->name, "style"))
			continue;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		char msg[300];
		snprintf(msg, sizeof msg, "<%s style=\"%.200s\">", name, v ? (const char *)v : "");
		if (!S_cell_style_ok(name, v ? (const char *)v : ""))
			S_fail("style attribute", msg, c->doc, c->len);
		if (v)
			xmlFree(v);
	}
	for (xmlNodePtr ch = el->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			S_check_element(c, ch, in_body || strcmp(name, "body") == 0);
}

static void S_oracle(const struct chapter *ch, const xmlChar *out, int len)
{
	/* The file name becomes a zip entry and a manifest href. */
	const char *h = ch->href;
	if (!h || !str_starts_with(h, "text/001-") || !str_ends_with(h, ".xhtml") ||
	    strspn(h + 9, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(h + 9) - 6 ||
	    strlen(h) <= 9 + 6)
		S_fail("chapter file name", h ? h : "(null)", out, len);

	xmlDocPtr doc = xmlReadMemory((const char *)out, len, "chapter.xhtml", "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		char msg[400];
		snprintf(msg, sizeof msg, "line %d col %d: %s", e ? e->line : 0, e ? e->int2 : 0,
			 e && e->message ? e->message : "?");
		S_fail("the chapter is not well-formed XML", msg, out, len);
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "html") != 0)
		S_fail("the chapter has no <html> root", NULL, out, len);
	bool has_body = false;
	for (xmlNodePtr c = root->children; c; c = c->next)
		has_body |= c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "body") == 0;
	if (!has_body)
		S_fail("the chapter has no <body>", NULL, out, len);
	char *why = oracle_check((const char *)out, (size_t)len, ORACLE_CHAPTER);
	if (why)
		S_fail(why, NULL, out, len);
	struct S_check c = {out, len, STRVEC_INIT};
	S_check_element(&c, root, false);
	sv_free(&c.ids);
	xmlFreeDoc(doc);
}

/* Whether a line of docutils ends right before body[k]: at every line
 * end of Python's splitlines (docutils' string2lines), written out here
 * apart from rst.c's: LF, CR, 0x1C-0x1E, NEL, U+2028, U+2029. */
static bool S_line_ends_at(const char *body, size_t k)
{
	const unsigned char *u = (const unsigned char *)body;
	if (k >= 1 && (u[k - 1] == '\n' || u[k - 1] == '\r' || (u[k - 1] >= 0x1C && u[k - 1] <= 0x1E)))
		return true;
	if (k >= 2 && u[k - 2] == 0xC2 && u[k - 1] == 0x85)
		return true;
	return k >= 3 && u[k - 3] == 0xE2 && u[k - 2] == 0x80 && (u[k - 1] == 0xA8 || u[k - 1] == 0xA9);
}

/* Whether only white space, as Python's rstrip() cuts it, stands between
 * body[i] and the end of its line or text: docutils has cut it. */
static bool S_blank_to_eol(const char *body, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)body;
	for (;;) {
		if (i == n || u[i] == '\n' || u[i] == '\r' || (u[i] >= 0x1C && u[i] <= 0x1E) ||
		    (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0x85) ||
		    (i + 2 < n && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)))
			return true;
		if (u[i] == ' ' || (u[i] >= 0x09 && u[i] <= 0x0D) || u[i] == 0x1F) /* \v, \f: spaces */
			i++;
		else if (i + 1 < n && u[i] == 0xC2 && u[i + 1] == 0xA0)
			i += 2;
		else if (i + 2 < n && ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) ||
				       (u[i] == 0xE1 && u[i + 1] == 0x9A && u[i + 2] == 0x80) ||
				       (u[i] == 0xE2 && u[i + 1] == 0x81 && u[i + 2] == 0x9F) ||
				       (u[i] == 0xE2 && u[i + 1] == 0x80 && ((u[i + 2] >= 0x80 && u[i + 2] <= 0x8A) || u[i + 2] == 0xAF))))
			i += 3;
		else
			return false;
	}
}

static bool S_markers_before(const char *body, size_t at);

/* Whether body[..k) ends an option group that starts a block (at its
 * line's start, or after list, field or option markers) and the blanks
 * from k to blank take two columns or more (tabs to the next multiple of
 * 8, as docutils expands them): an option list item whose description
 * starts at blank. docutils' option_marker pattern, written out here for
 * regcomp, apart from rst.c's reading. Of the places where a group could
 * start, the leftmost is tried (no other starts a block in practice); and
 * only the 256 bytes before k are read, so that a long line costs each of
 * its words no more: a longer group is not seen (a finding to look at, not
 * a bug missed). */
static bool S_option_group_before(const char *body, size_t k, size_t blank)
{
	static regex_t re; /* compiled once: the harness runs one input at a time */
	static int ready;
	if (!ready) {
#define OPTARG "([a-zA-Z][a-zA-Z0-9_-]*|<[^<>]+>)"
#define OPTION "([-+][a-zA-Z0-9]( ?" OPTARG ")?|(--|/)[a-zA-Z0-9][a-zA-Z0-9_-]*([ =]" OPTARG ")?)"
		if (regcomp(&re, "(^|[ \t])(" OPTION "(, " OPTION ")*)$", REG_EXTENDED))
			abort();
#undef OPTION
#undef OPTARG
		ready = 1;
	}
	size_t ls = k;
	while (ls && !S_line_ends_at(body, ls))
		ls--;
	size_t col = 0, at_k = 0;
	for (size_t j = ls; j < blank; j++) {
		if (j == k)
			at_k = col;
		if (body[j] == '\t')
			col = (col / 8 + 1) * 8;
		else if (((unsigned char)body[j] & 0xC0) != 0x80)
			col++;
	}
	if (col - at_k < 2)
		return false;
	size_t from = k - ls > 256 ? k - 256 : ls;
	char text[257];
	for (size_t j = from; j < k; j++)
		text[j - from] = body[j] ? body[j] : '\x01';
	text[k - from] = '\0';
	regmatch_t m[3];
	if (regexec(&re, text, 3, m, from > ls ? REG_NOTBOL : 0))
		return false;
	return S_markers_before(body, from + (size_t)m[2].rm_so);
}

/* Whether body[i] is escaped: an odd number of backslashes before it on
 * its line, which starts at ls. */
static bool S_escaped(const char *body, size_t ls, size_t i)
{
	size_t e = 0;
	while (i - e > ls && body[i - 1 - e] == '\\')
		e++;
	return e % 2;
}

/* Whether w is a Roman numeral as docutils' roman.fromRoman takes it
 * (1 to 4999, in its one canonical spelling): its value summed the usual
 * way, then spelled again and compared, apart from rst.c's reading. */
static bool S_canonical_roman(const char *w, size_t n)
{
	static const char letters[] = "ivxlcdm";
	static const int val[] = {1, 5, 10, 50, 100, 500, 1000};
	long v = 0;
	for (size_t k = 0; k < n; k++) {
		const char *a = strchr(letters, tolower((unsigned char)w[k]));
		const char *b = k + 1 < n ? strchr(letters, tolower((unsigned char)w[k + 1])) : NULL;
		if (!a || !*a || (k + 1 < n && (!b || !*b)))
			return false;
		v += b && val[b - letters] > val[a - letters] ? -val[a - letters] : val[a - letters];
	}
	if (v < 1 || v > 4999)
		return false;
	static const struct {
		int v;
		const char *s;
	} spell[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		     {40, "xl"},  {10, "x"},  {9, "ix"},  {5, "v"},   {4, "iv"},  {1, "i"}};
	char again[16]; /* the longest, 4888: mmmmdccclxxxviii */
	size_t m = 0;
	for (size_t t = 0; v; t++)
		while (v >= spell[t].v) {
			for (const char *c = spell[t].s; *c; c++)
				again[m++] = *c;
			v -= spell[t].v;
		}
	if (m != n)
		return false;
	for (size_t k = 0; k < n; k++)
		if (tolower((unsigned char)w[k]) != again[k])
			return false;
	return true;
}

/* Whether body[..k) ends a field marker (":name:" then a blank) that
 * starts a block: at its line's start, or after blanks and list or field
 * markers ("1. :name: ", "- :a: :b: "), whose item or field body is a
 * block of its own. docutils' field_marker pattern, written out here: a
 * name that does not start with ':' or a blank nor end with a blank, with
 * escapes, and no colon before a blank or '`' in it. The field body begins
 * after it, and may begin with list markers.
 * Linear in the line: the marker starts after the last colon that would
 * end a name, and only the first candidate there can follow a field marker
 * (the others follow a word), so the recursion through S_markers_before
 * goes left once. */
static bool S_field_marker_before(const char *body, size_t k)
{
	size_t ls = k;
	while (ls && !S_line_ends_at(body, ls))
		ls--;
	if (k < ls + 3 || body[k - 1] != ':' || body[k - 2] == ' ' || body[k - 2] == '\t')
		return false;
	if (S_escaped(body, ls, k - 1)) /* the closing colon */
		return false;
	/* The last unescaped colon before a blank or '`' inside: the name
	 * starts at it or after it. */
	size_t from = ls;
	for (size_t j = k - 2; j > ls; j--) {
		size_t i = j - 1;
		if (body[i] != ':' || (body[j] != ' ' && body[j] != '\t' && body[j] != '`'))
			continue;
		if (!S_escaped(body, ls, i)) {
			from = i;
			break;
		}
	}
	for (size_t s = from; s + 3 <= k; s++) {
		if (body[s] != ':' || body[s + 1] == ':' || body[s + 1] == ' ' || body[s + 1] == '\t')
			continue;
		if (s > ls && body[s - 1] != ' ' && body[s - 1] != '\t')
			continue;
		if (S_markers_before(body, s))
			return true;
	}
	return false;
}

/* Whether only list markers stand between the start of the line and at
 * ("", "- ", "3. ", "(b) ", "iv. #. "), each followed by a blank, or field
 * markers (":a: ") or option groups ("-o FILE  ") that a block follows. */
static bool S_markers_before(const char *body, size_t at)
{
	size_t k = at;
	for (;;) {
		size_t blank = k;
		while (k && (body[k - 1] == ' ' || body[k - 1] == '\t'))
			k--;
		if (!k || S_line_ends_at(body, k))
			return true;
		if (k != blank && body[k - 1] == ':' && S_field_marker_before(body, k))
			return true; /* a field body starts with them */
		if (k != blank && S_option_group_before(body, k, blank))
			return true; /* an option's description starts with them */
		if (k == blank && k != at)
			return false; /* a marker must be followed by a blank */
		if (k == at)
			return false; /* text right before the enumerator */
		size_t t = k;
		while (t && !isspace((unsigned char)body[t - 1]))
			t--;
		const char *m = body + t;
		size_t len = k - t;
		if (len == 1 && strchr("-*+", m[0])) {
			k = t;
			continue;
		}
		if (len < 2 || (m[len - 1] != '.' && m[len - 1] != ')'))
			return false;
		size_t b = m[0] == '(' ? 1 : 0, inner = len - 1 - b;
		if ((b && m[len - 1] != ')') || !inner)
			return false;
		bool digits = strspn(m + b, "0123456789") == inner,
		     roman = strspn(m + b, "ivxlcdmIVXLCDM") == inner;
		if (!digits && !roman && !(inner == 1 && (isalpha((unsigned char)m[b]) || m[b] == '#')))
			return false;
		k = t;
	}
}

/* A reStructuredText post keeps its words (see the oracle above). Small
 * posts only: each word is searched in the whole text. */
static void S_rst_words(const char *body, size_t n, const xmlChar *out, int len)
{
	if (n > 16384)
		return;
	for (size_t i = 0; i < n; i++)
		if ((body[i] == '.' && i + 1 < n && body[i + 1] == '.') || (body[i] == '_' && i + 1 < n && body[i + 1] == '_'))
			return;
	/* The chapter as written: words in an attribute count too (an
	 * abbreviation's explanation, an image's alt). */
	char *t = xstrndup((const char *)out, (size_t)len);
	size_t checked = 0;
	for (size_t i = 0; i < n && checked < 400;) {
		if (!isalpha((unsigned char)body[i])) {
			i++;
			continue;
		}
		size_t e = i;
		while (e < n && isalpha((unsigned char)body[e]))
			e++;
		/* Not a role's name, nor inside <…> or […] on its line. */
		size_t rb = i, re = e; /* a role's name: `:name-x:` */
		while (rb > 0 && (isalnum((unsigned char)body[rb - 1]) || strchr("-_.+", body[rb - 1])))
			rb--;
		while (re < n && (isalnum((unsigned char)body[re]) || strchr("-_.+", body[re])))
			re++;
		bool skip = e - i < 3 || (rb && body[rb - 1] == ':' && re < n && body[re] == ':') ||
			    (e - i == 6 && !strncmp(body + i, "mailto", 6));
		/* Nor a list's Roman enumerator ("mmm. ", "(xii) " at a line's
		 * start, or after other list markers on it: "mmm. mmm. x" is an
		 * item whose body is a list): markup, as the number of the item.
		 * Only a numeral docutils takes: "mlm. " is a word of the text. */
		size_t ls = i;
		if (ls && body[ls - 1] == '(')
			ls--;
		if (!skip && e < n && S_canonical_roman(body + i, e - i) && (body[e] == '.' || body[e] == ')') &&
		    (e + 1 == n || isspace((unsigned char)body[e + 1]) || S_blank_to_eol(body, n, e + 1)) &&
		    S_markers_before(body, ls))
			skip = true;
		/* A '>' escaped by a backslash does not end an embedded URI or
		 * alias (docutils: "`t <a\\>b_>`_" refers to "a>b"). */
		size_t k = i;
		for (; k > 0 && !skip && body[k - 1] != '\n'; k--)
			if (body[k - 1] == '<' || body[k - 1] == '[')
				skip = true;
			else if ((body[k - 1] == '>' && !S_escaped(body, 0, k - 1)) || body[k - 1] == ']')
				break;
		/* Nor in an embedded URI or alias begun on an earlier line of
		 * its paragraph ("`text <al\nias_>`_"), whose '<' follows white
		 * space and comes before a non-blank (docutils' embedded_link;
		 * backquotes inside do not end it: "`t <a```b\nc_>`_"). */
		for (; k > 0 && !skip && (body[k - 1] != '>' || S_escaped(body, 0, k - 1)); k--) {
			if (body[k - 1] == '\n' && k > 1 && body[k - 2] == '\n')
				break;
			if (body[k - 1] == '<' && !isspace((unsigned char)body[k]) &&
			    (k == 1 || isspace((unsigned char)body[k - 2])))
				skip = true;
		}
		if (!skip) {
			char *w = xstrndup(body + i, e - i);
			if (!strstr(t, w))
				S_fail("a word of the reStructuredText post is missing", w, out, len);
			free(w);
			checked++;
		}
		i = e;
	}
	free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	if (!ready) {
		S_init();
		ready = true;
	}
	S_input = data;
	S_input_len = size;
	struct diag_list dl = DIAG_LIST_INIT;
	char *text = NULL;
	size_t len = 0;
	/* As site/common.c reads a post: bytes to clean UTF-8 first. */
	text_to_utf8(&text, &len, (const char *)data, size, "docs/posts/fuzz.md", &dl);

	struct fm_split sp;
	struct fm_node *fm = NULL;
	size_t body_off = 0;
	int body_line = 1;
	if (fm_split(&sp, text, len, "docs/posts/fuzz.md", &dl) == 0) {
		body_off = sp.body_off;
		body_line = sp.body_line;
		const char *fm_text = text + sp.fm_off;
		int frc = 0;
		if (sp.format == FM_YAML)
			frc = fm_parse_yaml(&fm, fm_text, sp.fm_len, "docs/posts/fuzz.md", sp.fm_line,
					    DIAG_ERROR, &dl);
		else if (sp.format == FM_TOML)
			frc = fm_parse_toml(&fm, fm_text, sp.fm_len, "docs/posts/fuzz.md", sp.fm_line, &dl);
		else if (sp.format == FM_JSON)
			frc = fm_parse_json(&fm, fm_text, sp.fm_len, "docs/posts/fuzz.md", sp.fm_line, &dl);
		if (frc < 0)
			fm = NULL;
	}
	struct post *p = post_new("docs/posts/fuzz.md", "posts/fuzz.md");
	p->body_len = len - body_off;
	p->body = xstrndup(text + body_off, p->body_len);
	p->body_len = strlen(p->body); /* a NUL ends the body, as xstrndup ends it */
	p->body_line = body_line;
	if (fm && fm->kind == FM_MAP) {
		const char *title = fm_str(fm_get(fm, "title"));
		if (title && *title)
			p->title = str_collapse_ws(title);
		const struct fm_node *date = fm_get(fm, "date");
		if (date && date->kind == FM_MAP) {
			(void)date_parse(&p->date, fm_str(fm_get(date, "created")) ? fm_str(fm_get(date, "created")) : "");
			(void)date_parse(&p->updated, fm_str(fm_get(date, "updated")) ? fm_str(fm_get(date, "updated")) : "");
		} else if (fm_str(date)) {
			(void)date_parse(&p->date, fm_str(date));
		}
		if (!p->updated.valid && fm_str(fm_get(fm, "updated")))
			(void)date_parse(&p->updated, fm_str(fm_get(fm, "updated")));
		fm_strings(fm_get(fm, "tags"), &p->tags);
		fm_strings(fm_get(fm, "categories"), &p->categories);
		if (!fm_strings(fm_get(fm, "authors"), &p->authors))
			fm_strings(fm_get(fm, "author"), &p->authors);
		for (size_t i = 0; i < p->authors.n; i++)
			sv_push(&p->author_names, p->authors.v[i]);
		const char *desc = fm_str(fm_get(fm, "description"));
		if (desc)
			p->description = str_collapse_ws(desc);
	}
	if (!p->title)
		p->title = markdown_first_h1(p->body, p->body_len);
	if (!p->title)
		p->title = xstrdup("Fuzz");
	fm_node_free(fm);

	/* The generators' dialect passes too, chosen by the input's last byte
	 * (so every seed stays a meaningful post); snippets read from a folder
	 * that does not exist, so no file of the fuzzing machine gets in. */
	const struct dialect *passes[20];
	unsigned char last = size ? data[size - 1] : 0;
	S_passes(last, passes);
	struct dialect_context dctx = {"/nonexistent/sheaf-fuzz-site",
				       (last & 0x88) == 0x88   ? "posts/post.mdx"
				       : (last & 0xA0) == 0xA0 ? "posts/post.mdoc"
							       : "posts/post.md",
				       "https://fuzz.example/", "/base", NULL, S_config, S_data, NULL, NULL};
	/* reStructuredText: a post named .rst, read by dialect_rst and then
	 * by the passes after it in Pelican's list, the only generator that
	 * reads .rst (taken from it, so the two cannot drift apart: a list of
	 * its own here kept math after Pelican dropped it, so rst's escaped
	 * brackets "\\[x\\]" were read as TeX, which no book does). */
	bool rst = size && (data[size - 1] & 0x7F) == 0x7F;
	if (rst) {
		size_t k = 0;
		for (; site_pelican.dialects[k] && k + 1 < sizeof passes / sizeof *passes; k++)
			passes[k] = site_pelican.dialects[k];
		passes[k] = NULL;
		dctx.post_relpath = "posts/post.rst";
	}
	struct convert_options o = {
		.language = "en",
		.template_text = S_template,
		.template_origin = S_origin,
		.content_dir = "docs",
		.index = 1,
		.dialects = passes,
		.dialect = &dctx,
	};
	struct chapter ch;
	struct diag_list cdl = DIAG_LIST_INIT;
	if (chapter_convert(&ch, p, &o, &cdl) < 0) {
		fprintf(stderr, "fuzz_convert: chapter_convert failed with the built-in template:\n");
		diag_print(&cdl, stderr, false, true);
		S_fail("chapter_convert returned -1", p->title, NULL, 0);
	}
	/* As the book stage does offline (book.c): a remote image, never in a
	 * book, becomes a link to it, a data: image is stored, a file that is
	 * not there is its alt text; the oracle then judges the book's page. */
	for (size_t i = 0; i < ch.nimages; i++)
		if (ch.images[i].url && ch.images[i].img) {
			chapter_image_to_link(ch.images[i].img, ch.images[i].url);
			ch.images[i].img = NULL;
		} else if (ch.images[i].data && ch.images[i].img) {
			/* A data: image (its src taken out) gets its file's. */
			xmlSetProp(ch.images[i].img, (const xmlChar *)"src", (const xmlChar *)"../images/data.png");
			ch.images[i].img = NULL;
		} else if (ch.images[i].img) {
			/* A file of the site: there is no site, so none is found. */
			chapter_image_to_alt(ch.images[i].img);
			ch.images[i].img = NULL;
		}
	/* A link to a place in the chapter lands where the book stage's
	 * plan_resolve_links puts it: on the id the fragment names, else on
	 * the chapter's start. */
	for (size_t i = 0; i < ch.nlinks; i++) {
		const struct chapter_link *l = &ch.links[i];
		if (!l->raw || l->raw[0] != '#')
			continue;
		const char *id = l->fragment ? chapter_find_id(&ch.names, l->fragment) : NULL;
		char *href = id ? xasprintf("#%s", id) : xstrdup(path_basename(ch.href));
		xmlSetProp(l->a, (const xmlChar *)"href", (const xmlChar *)href);
		free(href);
	}
	chapter_names(xmlDocGetRootElement(ch.doc)); /* last, as the book stage calls it */
	xmlChar *out = NULL;
	int out_len = 0;
	if (chapter_serialize(&out, &out_len, ch.doc) < 0 || !out)
		S_fail("chapter_serialize failed", NULL, NULL, 0);
	S_oracle(&ch, out, out_len);
	if (rst)
		S_rst_words(p->body, p->body_len, out, out_len);

	xmlFree(out);
	chapter_free(&ch);
	diag_list_free(&cdl);
	diag_list_free(&dl);
	post_free(p);
	free(text);
	return 0;
}
