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
 *   - the serialized chapter is well-formed XML: libxml2 parses it strictly
 *     (no XML_PARSE_RECOVER);
 *   - under <body> there is no forbidden element (script, style, iframe,
 *     object, embed, form controls, base, meta, link, frames, applet,
 *     noscript, template) and no forbidden attribute (on*, style other than
 *     a text alignment on a table cell, srcdoc, formaction, a URL attribute
 *     with a javascript:, vbscript:, data: or file: URL); element names are
 *     compared ignoring case and namespace (an SVG <script> is a script);
 *   - inline SVG holds only the SVG elements the sanitizer allows (no
 *     foreignObject, image, feImage), hrefs that stay in the document
 *     (#fragment), url() references to #fragments only, and no animation
 *     that sets a link or an event handler;
 *   - ids are unique and hold no white space, and the chapter's file name
 *     is text/NNN-<ascii slug>.xhtml (epubcheck refuses the rest);
 *   - no crash, no sanitizer report, no leak.
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
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert/chapter.h"
#include "convert/dialect.h"
#include "base/date.h"
#include "base/diag.h"
#include "input/frontmatter.h"
#include "convert/markdown.h"
#include "input/post.h"
#include "base/template.h"
#include "base/text.h"
#include "base/util.h"

/* A list of dialect passes chosen by the bits of b (v holds 16). */
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
	v[n] = NULL;
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
}

static const char *const S_bad_elements[] = {
	"script", "style", "iframe", "object", "embed", "form", "input", "button", "select",
	"textarea", "base", "meta", "link", "frame", "frameset", "applet", "noscript",
	"template", "foreignObject", NULL};
/* What the sanitizer lets through in the SVG namespace. */
static const char *const S_svg_elements[] = {
	"svg", "g", "defs", "desc", "title", "symbol", "use", "path", "rect", "circle", "ellipse",
	"line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient",
	"radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter", "feBlend",
	"feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
	"feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feFlood", "feFuncA", "feFuncB",
	"feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
	"fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "animate",
	"animateMotion", "animateTransform", "set", "mpath", NULL};
static const char *const S_url_attrs[] = {"href", "src", "cite", "action", "poster", NULL};
static const char *const S_bad_schemes[] = {"javascript:", "vbscript:", "data:", "file:", NULL};

static bool S_in(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static bool S_in_ci(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (str_ieq(s, *list))
			return true;
	return false;
}

/* A url( in an SVG attribute that leads out of the document. */
static bool S_external_url_ref(const char *v)
{
	for (const char *p = v; *p; p++) {
		if (tolower((unsigned char)p[0]) != 'u' || tolower((unsigned char)p[1]) != 'r' ||
		    tolower((unsigned char)p[2]) != 'l' || p[3] != '(')
			continue;
		const char *q = p + 4;
		while (isspace((unsigned char)*q) || *q == '"' || *q == '\'')
			q++;
		if (*q != '#')
			return true;
	}
	return strchr(v, '\\') != NULL; /* a CSS escape could spell url( */
}

/* The URL as a browser reads its scheme: ASCII white space and control
 * characters removed, lower-cased. */
static bool S_dangerous_url(const char *v)
{
	struct strbuf sb = STRBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p > 0x20 && *p != 0x7F)
			sb_addc(&sb, (char)tolower(*p));
	char *s = sb_detach(&sb);
	bool bad = false;
	for (const char *const *scheme = S_bad_schemes; *scheme && !bad; scheme++)
		bad = str_starts_with(s, *scheme);
	free(s);
	return bad;
}

static bool S_cell_style_ok(const char *el, const char *v)
{
	static const char *const ok[] = {"text-align: left", "text-align: right",
					 "text-align: center", "text-align: justify", NULL};
	return (strcmp(el, "td") == 0 || strcmp(el, "th") == 0) && S_in(v, ok);
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

static void S_check_element(struct S_check *c, xmlNodePtr el, bool in_body)
{
	const char *name = (const char *)el->name;
	char msg[300];
	S_check_ids(c, el);
	bool svg = el->ns && el->ns->href && strcmp((const char *)el->ns->href, "http://www.w3.org/2000/svg") == 0;
	if (in_body) {
		if (S_in_ci(name, S_bad_elements)) {
			snprintf(msg, sizeof msg, "<%s>", name);
			S_fail("forbidden element", msg, c->doc, c->len);
		}
		if (svg && !S_in(name, S_svg_elements)) {
			snprintf(msg, sizeof msg, "<%s> in the SVG namespace", name);
			S_fail("SVG element not on the allow-list", msg, c->doc, c->len);
		}
		for (xmlAttrPtr a = el->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *val = v ? (const char *)v : "";
			snprintf(msg, sizeof msg, "<%s %s%s%s=\"%.200s\">", name,
				 a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
				 a->ns && a->ns->prefix ? ":" : "", an, val);
			if ((an[0] == 'o' || an[0] == 'O') && (an[1] == 'n' || an[1] == 'N'))
				S_fail("event handler attribute", msg, c->doc, c->len);
			if (str_ieq(an, "style") && !S_cell_style_ok(name, val))
				S_fail("style attribute", msg, c->doc, c->len);
			if (str_ieq(an, "srcdoc") || str_ieq(an, "formaction"))
				S_fail("forbidden attribute", msg, c->doc, c->len);
			bool url = false;
			for (const char *const *u = S_url_attrs; *u && !url; u++)
				url = str_ieq(an, *u); /* xlink:href included: same local name */
			if (url && S_dangerous_url(val))
				S_fail("dangerous URL", msg, c->doc, c->len);
			if (svg && str_ieq(an, "href") && val[0] != '#')
				S_fail("SVG href that leaves the document", msg, c->doc, c->len);
			/* aria-label, id and class are words, not CSS values */
			if (svg && !str_ieq(an, "aria-label") && !str_ieq(an, "id") && !str_ieq(an, "class") &&
			    S_external_url_ref(val))
				S_fail("SVG url() that leaves the document", msg, c->doc, c->len);
			if (svg && str_ieq(an, "attributeName")) {
				char *t = xstrdup(val);
				for (char *q = t; *q; q++)
					*q = (char)tolower((unsigned char)*q);
				/* every reading of a prefixed name: after each colon */
				bool bad = strstr(t, "href") != NULL;
				for (const char *seg = t; seg && !bad; seg = strchr(seg, ':') ? strchr(seg, ':') + 1 : NULL)
					bad = str_starts_with(seg + strspn(seg, " \t\n\r"), "on");
				if (bad)
					S_fail("SVG animation of a link or handler", msg, c->doc, c->len);
				free(t);
			}
			if (v)
				xmlFree(v);
		}
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
	struct S_check c = {out, len, STRVEC_INIT};
	S_check_element(&c, root, false);
	sv_free(&c.ids);
	xmlFreeDoc(doc);
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
	const struct dialect *passes[16];
	S_passes(size ? data[size - 1] : 0, passes);
	struct dialect_context dctx = {"/nonexistent/sheaf-fuzz-site", "posts/post.md",
				       "https://fuzz.example/", "/base", NULL, NULL};
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
	xmlChar *out = NULL;
	int out_len = 0;
	if (chapter_serialize(&out, &out_len, ch.doc) < 0 || !out)
		S_fail("chapter_serialize failed", NULL, NULL, 0);
	S_oracle(&ch, out, out_len);

	xmlFree(out);
	chapter_free(&ch);
	diag_list_free(&cdl);
	diag_list_free(&dl);
	post_free(p);
	free(text);
	return 0;
}
