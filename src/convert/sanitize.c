#include "convert/sanitize.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlregexp.h>

#include "base/util.h"
#include "convert/contentmodel.h"
#include "convert/svgmodel.h"

/* What to do with an element. */
enum S_action { S_KEEP, S_RENAME, S_UNWRAP, S_DROP, S_EMBED, S_SPECIAL };

struct S_rule {
	const char *name;
	enum S_action action;
	const char *to;    /* S_RENAME: the new name */
	const char *attrs; /* attributes kept besides the global ones, space-separated */
};

/* Elements of HTML that are valid in EPUB 3 XHTML, and what becomes of the
 * rest. Anything not listed is unwrapped: its tag goes, its text stays. */
static const struct S_rule S_rules[] = {
	{"a", S_KEEP, NULL, "href hreflang"},
	{"abbr", S_KEEP, NULL, ""},
	{"acronym", S_RENAME, "abbr", ""},
	{"address", S_KEEP, NULL, ""},
	{"article", S_KEEP, NULL, ""},
	{"aside", S_KEEP, NULL, ""},
	{"audio", S_EMBED, NULL, ""},
	{"b", S_KEEP, NULL, ""},
	{"base", S_DROP, NULL, ""},
	{"bdi", S_KEEP, NULL, ""},
	{"bdo", S_KEEP, NULL, ""},
	{"big", S_RENAME, "span", ""},
	{"blockquote", S_KEEP, NULL, "cite"},
	{"br", S_KEEP, NULL, ""},
	{"button", S_RENAME, "span", ""},
	{"caption", S_KEEP, NULL, ""},
	{"center", S_RENAME, "div", ""},
	{"cite", S_KEEP, NULL, ""},
	{"code", S_KEEP, NULL, ""},
	{"col", S_KEEP, NULL, "span"},
	{"colgroup", S_KEEP, NULL, "span"},
	{"dd", S_KEEP, NULL, ""},
	{"del", S_KEEP, NULL, "cite datetime"},
	{"details", S_RENAME, "div", ""},
	{"dfn", S_KEEP, NULL, ""},
	{"dir", S_RENAME, "ul", ""},
	{"div", S_KEEP, NULL, ""},
	{"dl", S_KEEP, NULL, ""},
	{"dt", S_KEEP, NULL, ""},
	{"em", S_KEEP, NULL, ""},
	{"embed", S_DROP, NULL, ""},
	{"figcaption", S_KEEP, NULL, ""},
	{"figure", S_KEEP, NULL, ""},
	{"font", S_RENAME, "span", ""},
	{"footer", S_KEEP, NULL, ""},
	{"form", S_RENAME, "div", ""},
	{"frame", S_DROP, NULL, ""},
	{"frameset", S_DROP, NULL, ""},
	{"h1", S_KEEP, NULL, ""},
	{"h2", S_KEEP, NULL, ""},
	{"h3", S_KEEP, NULL, ""},
	{"h4", S_KEEP, NULL, ""},
	{"h5", S_KEEP, NULL, ""},
	{"h6", S_KEEP, NULL, ""},
	{"head", S_DROP, NULL, ""},
	{"header", S_KEEP, NULL, ""},
	{"hr", S_KEEP, NULL, ""},
	{"i", S_KEEP, NULL, ""},
	{"iframe", S_EMBED, NULL, ""},
	{"img", S_KEEP, NULL, "src alt width height"},
	{"input", S_SPECIAL, NULL, ""},
	{"ins", S_KEEP, NULL, "cite datetime"},
	{"kbd", S_KEEP, NULL, ""},
	{"label", S_RENAME, "span", ""},
	{"li", S_KEEP, NULL, "value"},
	{"link", S_DROP, NULL, ""},
	{"main", S_RENAME, "div", ""},
	{"mark", S_KEEP, NULL, ""},
	{"meta", S_DROP, NULL, ""},
	{"nav", S_RENAME, "div", ""},
	{"noscript", S_UNWRAP, NULL, ""},
	{"object", S_UNWRAP, NULL, ""}, /* its children are the fallback for readers without it */
	{"ol", S_KEEP, NULL, "start reversed type"},
	{"option", S_RENAME, "span", ""},
	{"p", S_KEEP, NULL, ""},
	{"param", S_DROP, NULL, ""},
	{"picture", S_SPECIAL, NULL, ""},
	{"pre", S_KEEP, NULL, ""},
	{"q", S_KEEP, NULL, "cite"},
	{"rp", S_KEEP, NULL, ""},
	{"rt", S_KEEP, NULL, ""},
	{"ruby", S_KEEP, NULL, ""},
	{"s", S_KEEP, NULL, ""},
	{"samp", S_KEEP, NULL, ""},
	{"script", S_DROP, NULL, ""},
	{"section", S_KEEP, NULL, ""},
	{"select", S_UNWRAP, NULL, ""},
	{"small", S_KEEP, NULL, ""},
	/* libxml2 does not know these are void: what follows them in their
	 * parent (a video's fallback text) ends up inside them, so it is kept. */
	{"source", S_UNWRAP, NULL, ""},
	{"span", S_KEEP, NULL, ""},
	{"strike", S_RENAME, "s", ""},
	{"strong", S_KEEP, NULL, ""},
	{"style", S_DROP, NULL, ""},
	{"sub", S_KEEP, NULL, ""},
	{"summary", S_SPECIAL, NULL, ""},
	{"sup", S_KEEP, NULL, ""},
	{"svg", S_SPECIAL, NULL, ""},
	{"table", S_KEEP, NULL, ""},
	{"tbody", S_KEEP, NULL, ""},
	{"td", S_KEEP, NULL, "colspan rowspan"},
	{"template", S_DROP, NULL, ""},
	{"textarea", S_RENAME, "pre", ""},
	{"tfoot", S_KEEP, NULL, ""},
	{"th", S_KEEP, NULL, "colspan rowspan scope"},
	{"thead", S_KEEP, NULL, ""},
	{"time", S_KEEP, NULL, "datetime"},
	{"title", S_DROP, NULL, ""},
	{"tr", S_KEEP, NULL, ""},
	{"track", S_UNWRAP, NULL, ""},
	{"tt", S_RENAME, "code", ""},
	{"u", S_KEEP, NULL, ""},
	{"ul", S_KEEP, NULL, ""},
	{"var", S_KEEP, NULL, ""},
	{"video", S_EMBED, NULL, ""},
	{"wbr", S_KEEP, NULL, ""},
};

static const struct S_rule *S_rule(const char *name)
{
	size_t lo = 0, hi = sizeof S_rules / sizeof *S_rules;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, S_rules[mid].name);
		if (!c)
			return &S_rules[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static bool S_in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && memcmp(p, name, n) == 0)
			return true;
		p += len;
		if (*p == ' ')
			p++;
	}
	return false;
}

/* Text safe for XML 1.0: libxml2's HTML parser passes on what character
 * references and bytes it was given, XML-forbidden or not UTF-8 at all. */
static char *S_xml_text(const xmlChar *s)
{
	return str_xml_chars((const char *)s);
}

static void S_set(xmlNodePtr node, const char *name, const char *value)
{
	char *clean = str_xml_clean(value) ? NULL : S_xml_text((const xmlChar *)value);
	xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)(clean ? clean : value));
	free(clean);
}

/* cmark-gfm writes data-sourcepos on every block element, and the copy
 * drops it: as a libxml2 attribute it weighed about what its element did
 * (the attribute, its text node, the value), a third of the parse of a
 * table or of a post of headings. sanitize_parse keeps the line on the
 * element (_private, which nothing else sets on the parse) instead of
 * making the attribute. */
static void S_start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	xmlParserCtxtPtr ctxt = ctx;
	const xmlChar *few[32], **kept = few;
	size_t n = 0, k = 0;
	int line = 0;
	while (atts && atts[n])
		n += 2;
	if (n + 1 > sizeof few / sizeof *few)
		kept = xmalloc((n + 1) * sizeof *kept);
	for (size_t i = 0; i < n; i += 2) {
		if (xmlStrEqual(atts[i], (const xmlChar *)"data-sourcepos")) {
			if (!line && atts[i + 1])
				line = atoi((const char *)atts[i + 1]); /* the first, as xmlGetProp read it */
			continue;
		}
		kept[k++] = atts[i];
		kept[k++] = atts[i + 1];
	}
	kept[k] = NULL;
	xmlSAX2StartElement(ctx, name, atts ? kept : NULL);
	if (line > 0 && ctxt->node && xmlStrEqual(ctxt->node->name, name))
		ctxt->node->_private = (void *)(intptr_t)line;
	if (kept != few)
		free(kept);
}

htmlDocPtr sanitize_parse(const char *html, size_t len, const char *url)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt)
		return NULL;
	ctxt->sax->startElement = S_start_element;
	/* Read as the UTF-8 it is: given the encoding, as htmlReadMemory
	 * is, libxml2 "converts" the text from UTF-8 to UTF-8 into a second
	 * buffer, beside its own copy and the parse (the two copies were a
	 * third of the peak for a long table). The parser's charset says
	 * UTF-8, as its push parser sets it, and HTML_PARSE_IGNORE_ENC keeps
	 * a post's <meta charset> from switching it, as the encoding given
	 * did. (libxml2 2.9's static input buffer, which would spare the
	 * copy too, reads its text twice.) */
	xmlParserInputBufferPtr buf = xmlParserInputBufferCreateMem(html, (int)len, XML_CHAR_ENCODING_NONE);
	xmlParserInputPtr in = buf ? xmlNewIOInputStream(ctxt, buf, XML_CHAR_ENCODING_NONE) : NULL;
	if (!in) {
		if (buf)
			xmlFreeParserInputBuffer(buf);
		htmlFreeParserCtxt(ctxt);
		return NULL;
	}
	if (url)
		in->filename = (char *)xmlStrdup((const xmlChar *)url);
	inputPush(ctxt, in);
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					 HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE);
	ctxt->charset = XML_CHAR_ENCODING_UTF8;
	htmlParseDocument(ctxt);
	htmlDocPtr doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

static int S_sourcepos_line(xmlNodePtr src)
{
	if (src->_private)
		return (int)(intptr_t)src->_private; /* sanitize_parse's */
	xmlChar *pos = xmlGetProp(src, (const xmlChar *)"data-sourcepos");
	int line = 0;
	if (pos) {
		line = atoi((const char *)pos);
		xmlFree(pos);
	}
	return line;
}

static bool S_numeric(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* Keeps only text-align from a style attribute: the alignment cmark-gfm
 * gives table cells. Anything else could hide or move content. */
static void S_copy_style(xmlNodePtr dst, const char *style)
{
	static const char *const aligns[] = {"left", "right", "center", "justify"};
	/* Read the value of the text-align declaration itself, not any word
	 * elsewhere in the style ("border-left" is not an alignment). */
	for (const char *p = strstr(style, "text-align"); p; p = strstr(p + 1, "text-align")) {
		const char *v = p + strlen("text-align");
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != ':')
			continue;
		v++;
		while (*v == ' ' || *v == '\t')
			v++;
		for (size_t i = 0; i < 4; i++) {
			size_t n = strlen(aligns[i]);
			if (strncmp(v, aligns[i], n) == 0 && !isalnum((unsigned char)v[n]) && v[n] != '-') {
				char *decl = xasprintf("text-align: %s", aligns[i]);
				xmlSetProp(dst, (const xmlChar *)"style", (const xmlChar *)decl);
				free(decl);
				return;
			}
		}
	}
}

/* Whether value is a datetime EPUB 3's XHTML schema accepts: on <time>
 * any "date or time" (a year, a date, a time, a week, a duration…), on
 * <del> and <ins> a date or a global date and time. The patterns are the
 * schema's own (epubcheck's mod/datatypes.rnc), XML Schema regular
 * expressions, matched by libxml2 on the value as an xsd:token reads it. */
static bool S_datetime_ok(const char *value, bool time_element)
{
#define S_DATE "([0-9]{4,})-([0-9]{2})-([0-9]{2})"
#define S_GLOBAL S_DATE "([T ])([0-9]{2}):([0-9]{2})(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|((\\+|-)([0-9]{2}):?([0-9]{2})))?"
	static const char *const edit[] = {S_DATE, S_GLOBAL, NULL};
	static const char *const any[] = {
		"[0-9]{4}",
		"(--)?(0[0-9]|1[0-2])-(0[0-9]|[1-2][0-9]|3[0-1])",
		"([0-9]{4,})-W([0-9]{2})",
		S_DATE,
		"([0-9]{4,})-([0-9]{2})",
		"([0-9]{2}):([0-9]{2})(:[0-9]{2}(\\.[0-9]{1,3})?)?",
		S_GLOBAL,
		"(((P[0-9]+D)|(P([0-9]+D)?T((([0-9]+H)([0-9]+M)?([0-9]+(\\.[0-9]{1,3})?S)?)|(([0-9]+H)?([0-9]+M)"
		"([0-9]+(\\.[0-9]{1,3})?S)?)|(([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]{1,3})?S)))))|( *(([0-9]+ *[WDHM])|"
		"([0-9]+(\\.[0-9]{1,3})? *S)) *)+)",
		NULL};
#undef S_DATE
#undef S_GLOBAL
	char *token = str_collapse_ws(value);
	bool ok = false;
	for (const char *const *p = time_element ? any : edit; *p && !ok && *token; p++) {
		xmlRegexpPtr re = xmlRegexpCompile((const xmlChar *)*p);
		ok = re && xmlRegexpExec(re, (const xmlChar *)token) == 1;
		if (re)
			xmlRegFreeRegexp(re);
	}
	free(token);
	return ok;
}

/* Whether S_copy_attrs may keep an attribute of this name. */
static bool S_attr_wanted(const char *an, const struct S_rule *rule, bool cell)
{
	static const char *const any[] = {"data-footnote-ref", "data-footnote-backref", "data-footnotes", "id",
					  "class", "title", "aria-label", "dir", "lang", NULL};
	for (size_t i = 0; any[i]; i++)
		if (any[i][0] == an[0] && strcmp(an, any[i]) == 0)
			return true;
	return (cell && strcmp(an, "style") == 0) || (rule && S_in_list(rule->attrs, an));
}

/* Elements whose role forbids an author's name (ARIA 1.2: generic,
 * paragraph, code, emphasis, strong, deletion, insertion, subscript,
 * superscript, caption): an aria-label there is an accessibility
 * violation (DAISY Ace, aria-prohibited-attr), so its words become the
 * element's title, which every reader may show. */
static bool S_naming_prohibited(const char *name)
{
	static const char *const prohibited[] = {"b", "bdi", "bdo", "caption", "code", "del", "div", "em",
						 "figcaption", "i", "ins", "kbd", "p", "pre", "q", "s", "samp",
						 "small", "span", "strong", "sub", "sup", "u", "var", NULL};
	for (size_t i = 0; prohibited[i]; i++)
		if (strcmp(name, prohibited[i]) == 0)
			return true;
	return false;
}

static void S_copy_attrs(xmlNodePtr dst, xmlNodePtr src, const struct S_rule *rule)
{
	const char *name = (const char *)dst->name;
	bool cell = strcmp(name, "td") == 0 || strcmp(name, "th") == 0;
	for (xmlAttrPtr a = src->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		/* Most attributes go (cmark-gfm's data-sourcepos is on every
		 * block): decided by the name alone, before reading the value. */
		if (!S_attr_wanted(an, rule, cell))
			continue;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		/* Judged as it will be written: S_set drops characters XML cannot
		 * hold, and "vbsc\uFFFFript:" judged before that was relative. */
		char *clean = S_xml_text(v ? v : (const xmlChar *)"");
		const char *val = clean;
		if (strcmp(an, "data-footnote-ref") == 0) {
			S_set(dst, "data-sheaf-fnref", "1");
		} else if (strcmp(an, "data-footnote-backref") == 0) {
			S_set(dst, "data-sheaf-fnback", "1");
		} else if (strcmp(an, "data-footnotes") == 0) {
			S_set(dst, "data-sheaf-footnotes", "1");
		} else if (strcmp(an, "aria-label") == 0 && S_naming_prohibited(name)) {
			if (*val && !xmlHasProp(src, (const xmlChar *)"title") &&
			    !xmlHasProp(dst, (const xmlChar *)"title"))
				S_set(dst, "title", val);
		} else if (strcmp(an, "id") == 0 || strcmp(an, "class") == 0 ||
			   strcmp(an, "title") == 0 || strcmp(an, "aria-label") == 0) {
			if (*val)
				S_set(dst, an, val);
		} else if (strcmp(an, "dir") == 0) {
			if (strcmp(val, "ltr") == 0 || strcmp(val, "rtl") == 0 || strcmp(val, "auto") == 0)
				S_set(dst, an, val);
		} else if (strcmp(an, "lang") == 0) {
			if (lang_tag_valid(val)) {
				S_set(dst, "lang", val);
				xmlSetNsProp(dst, xmlSearchNs(dst->doc, dst, (const xmlChar *)"xml"),
					     (const xmlChar *)"lang", (const xmlChar *)val);
			}
		} else if (strcmp(an, "style") == 0 && cell) {
			S_copy_style(dst, val);
		} else if (rule && S_in_list(rule->attrs, an)) {
			if (strcmp(an, "href") == 0 || strcmp(an, "cite") == 0 || strcmp(an, "src") == 0) {
				/* Script URLs never reach the book; the rest are
				 * judged again by the chapter stage (a link of an
				 * unknown scheme shows its address as text there). */
				if (url_classify(val) != URL_DANGEROUS ||
				    (strcmp(an, "href") == 0 && !url_is_script(val)) ||
				    (strcmp(an, "src") == 0 && str_starts_with(val, "data:")))
					S_set(dst, an, val);
			} else if (strcmp(an, "width") == 0 || strcmp(an, "height") == 0 ||
				   strcmp(an, "colspan") == 0 || strcmp(an, "rowspan") == 0 ||
				   strcmp(an, "span") == 0) {
				if (S_numeric(val) && atoi(val) > 0)
					S_set(dst, an, val);
			} else if (strcmp(an, "start") == 0 || strcmp(an, "value") == 0) {
				/* Any integer: a Markdown list may count from "0." */
				if (S_numeric(val + (val[0] == '-')))
					S_set(dst, an, val);
			} else if (strcmp(an, "datetime") == 0) {
				/* One the schema refuses goes; the words say the date. */
				if (S_datetime_ok(val, strcmp(name, "time") == 0))
					S_set(dst, an, val);
			} else if (strcmp(an, "hreflang") == 0) {
				if (lang_tag_valid(val))
					S_set(dst, an, val);
			} else if (strcmp(an, "reversed") == 0) {
				S_set(dst, an, "reversed");
			} else if (strcmp(an, "type") == 0) {
				/* An <ol>'s numbering (reStructuredText's Roman and
				 * letter lists): one of HTML's five, case and all. */
				if (val[0] && !val[1] && strchr("1aAiI", val[0]))
					S_set(dst, an, val);
			} else if (strcmp(an, "scope") == 0) {
				if (strcmp(val, "row") == 0 || strcmp(val, "col") == 0 ||
				    strcmp(val, "rowgroup") == 0 || strcmp(val, "colgroup") == 0)
					S_set(dst, an, val);
			} else {
				S_set(dst, an, val);
			}
		}
		/* Everything else (on*, style, align, data-*, …) is dropped. */
		free(clean);
		if (v)
			xmlFree(v);
	}
}

static xmlNodePtr S_new(xmlNodePtr parent, xmlNsPtr ns, const char *name, int line)
{
	xmlNodePtr n = xmlNewDocNode(parent->doc, ns, (const xmlChar *)name, NULL);
	n->line = (unsigned short)(line > 65535 ? 65535 : line);
	xmlAddChild(parent, n);
	return n;
}

static void S_text(xmlNodePtr parent, const char *text)
{
	/* Most text is clean already: copied once, by libxml2. */
	char *clean = str_xml_clean(text) ? NULL : S_xml_text((const xmlChar *)text);
	xmlAddChild(parent, xmlNewDocText(parent->doc, (const xmlChar *)(clean ? clean : text)));
	free(clean);
}

/* Next node after n in document order, staying inside root. */
static xmlNodePtr S_walk(xmlNodePtr n, xmlNodePtr root)
{
	if (n->children && n->type == XML_ELEMENT_NODE)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

static bool S_is_el(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && str_ieq((const char *)n->name, name);
}

/* A URL an <img> can load: what S_copy_attrs keeps for src. */
static bool S_src_usable(const char *url)
{
	enum url_kind k = url_classify(url);
	return k != URL_EMPTY && (k != URL_DANGEROUS || str_starts_with(url, "data:"));
}

/* AVIF and JPEG XL: no EPUB reading system is required to show them. */
static bool S_unsupported_ext(const char *url)
{
	static const char *const exts[] = {".avif", ".jxl"};
	size_t end = strcspn(url, "?#");
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t n = strlen(exts[i]);
		if (end < n)
			continue;
		bool same = true;
		for (size_t j = 0; j < n && same; j++)
			same = tolower((unsigned char)url[end - n + j]) == exts[i][j];
		if (same)
			return true;
	}
	return false;
}

/* A srcset descriptor's number ("640" of "640w", "1.5" of "1.5x"). */
static bool S_descriptor(const char *d, size_t len, double *out)
{
	double v = 0, scale = 1;
	bool digits = false, dot = false;
	for (size_t i = 0; i < len; i++) {
		if (d[i] == '.' && !dot) {
			dot = true;
		} else if (isdigit((unsigned char)d[i])) {
			digits = true;
			if (dot)
				v += (d[i] - '0') * (scale /= 10);
			else if (v < 1e9)
				v = v * 10 + (d[i] - '0');
		} else {
			return false;
		}
	}
	*out = v;
	return digits && v > 0;
}

/* The candidate of a srcset the book holds: the widest (largest w
 * descriptor), else the densest (largest x; a bare URL is 1x). A book
 * holds one file per image, so it takes the best the site offers.
 * Candidates readers cannot show or with unsafe URLs are skipped.
 * malloc'd, or NULL. */
static char *S_srcset_best(const char *srcset)
{
	char *best = NULL;
	double best_w = -1, best_x = -1;
	const char *p = srcset;
	for (;;) {
		while (*p && (isspace((unsigned char)*p) || *p == ','))
			p++;
		if (!*p)
			break;
		const char *u = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		size_t ulen = (size_t)(p - u);
		bool bare = false;
		/* "a.png,b.png 2x": a URL that ends with commas has no descriptor */
		while (ulen && u[ulen - 1] == ',') {
			ulen--;
			bare = true;
		}
		double w = -1, x = 1;
		int paren = 0;
		while (!bare && *p && (paren || *p != ',')) {
			while (isspace((unsigned char)*p))
				p++;
			const char *d = p;
			while (*p && !isspace((unsigned char)*p) && (paren || *p != ',')) {
				if (*p == '(')
					paren++;
				else if (*p == ')' && paren)
					paren--;
				p++;
			}
			size_t dlen = (size_t)(p - d);
			double v;
			if (dlen > 1 && S_descriptor(d, dlen - 1, &v)) {
				if (d[dlen - 1] == 'w')
					w = v;
				else if (d[dlen - 1] == 'x')
					x = v;
			}
		}
		if (!ulen)
			continue;
		char *url = xstrndup(u, ulen);
		bool better = w >= 0 ? best_w < w : best_w < 0 && best_x < x;
		if (better && S_src_usable(url) && !S_unsupported_ext(url)) {
			free(best);
			best = url;
			best_w = w;
			best_x = x;
		} else {
			free(url);
		}
	}
	return best;
}

/* An <img> without a usable src takes the best of its srcset. */
static void S_img_srcset(xmlNodePtr dst, xmlNodePtr src)
{
	if (xmlHasProp(dst, (const xmlChar *)"src"))
		return;
	xmlChar *srcset = xmlGetProp(src, (const xmlChar *)"srcset");
	char *best = srcset ? S_srcset_best((const char *)srcset) : NULL;
	if (best)
		S_set(dst, "src", best);
	free(best);
	if (srcset)
		xmlFree(srcset);
}

static bool S_core_image_type(const char *type)
{
	static const char *const core[] = {"image/png", "image/jpeg", "image/gif", "image/webp",
					   "image/svg+xml"};
	char *t = xstrndup(type, strcspn(type, ";"));
	char *clean = str_collapse_ws(t);
	bool ok = false;
	for (size_t i = 0; i < sizeof core / sizeof *core && !ok; i++)
		ok = str_ieq(clean, core[i]);
	free(clean);
	free(t);
	return ok;
}

/* <picture> becomes its own <img> (its alt, and its src when it has
 * one: what the site shows by default), else an <img> of the first source
 * in a format readers show. libxml2 does not know <source> is void: the
 * <img> may be nested in the sources. */
static void S_picture(xmlNodePtr dst, xmlNodePtr src, xmlNsPtr ns, int line)
{
	xmlNodePtr img = NULL;
	for (xmlNodePtr n = src->children; n && !img; n = S_walk(n, src))
		if (S_is_el(n, "img"))
			img = n;
	xmlNodePtr out = S_new(dst, ns, "img", line);
	if (img) {
		S_copy_attrs(out, img, S_rule("img"));
		S_img_srcset(out, img);
	}
	for (xmlNodePtr n = src->children; n && !xmlHasProp(out, (const xmlChar *)"src"); n = S_walk(n, src)) {
		if (!S_is_el(n, "source"))
			continue;
		xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
		xmlChar *srcset = !type || S_core_image_type((const char *)type)
					  ? xmlGetProp(n, (const xmlChar *)"srcset")
					  : NULL;
		char *best = srcset ? S_srcset_best((const char *)srcset) : NULL;
		if (best) {
			S_set(out, "src", best);
			/* another crop, maybe: the img's size does not apply */
			xmlUnsetProp(out, (const xmlChar *)"width");
			xmlUnsetProp(out, (const xmlChar *)"height");
		}
		free(best);
		if (srcset)
			xmlFree(srcset);
		if (type)
			xmlFree(type);
	}
	if (!img && !xmlHasProp(out, (const xmlChar *)"src")) {
		xmlUnlinkNode(out);
		xmlFreeNode(out);
	}
}

/* Inline SVG. libxml2's HTML parser knows nothing of SVG: it lower-cases
 * every name and leaves the elements in no namespace. They are copied
 * into the SVG namespace through the SVG policy (svg.h), which gives the
 * names their case back. What is particular to a chapter is here: style
 * properties become presentation attributes (a chapter allows no style
 * attribute), the outermost <svg> gets an accessible name. */

static xmlNsPtr S_xlink_ns(xmlNodePtr svg_root)
{
	for (xmlNsPtr n = svg_root->nsDef; n; n = n->next)
		if (n->href && xmlStrEqual(n->href, (const xmlChar *)XLINK_NS))
			return n;
	return xmlNewNs(svg_root, (const xmlChar *)XLINK_NS, (const xmlChar *)"xlink");
}

/* A declaration svg_style_decls keeps becomes the attribute it stands for
 * (the style sheet rule it would be); "!important" means nothing there. */
struct S_svg_style {
	xmlNodePtr dst;
	const struct svg_element *rule;
};

/* (Only as an attribute the element takes, with a value the schema does:
 * "fill" from a stop's style styles nothing.) */
static void S_svg_style_decl(void *ctx, const char *prop, const char *value)
{
	const struct S_svg_style *st = ctx;
	char canon[64];
	if (!strchr(value, '!') && svg_attr(st->rule, prop, value, canon, sizeof canon) == SVG_ATTR_KEEP)
		S_set(st->dst, canon, value);
}

/* href and xlink:href (svg_href_target): written as xlink:href, which
 * SVG 1.1 readers know. */
static void S_svg_href(xmlNodePtr dst, const char *val, xmlNodePtr svg_root)
{
	const char *target = svg_href_target(val);
	if (target)
		xmlSetNsProp(dst, S_xlink_ns(svg_root), (const xmlChar *)"href", (const xmlChar *)target);
}

static void S_svg_attrs(xmlNodePtr dst, xmlNodePtr src, const struct svg_element *rule,
			xmlNodePtr svg_root)
{
	xmlChar *style = NULL;
	for (xmlAttrPtr a = src->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		char *clean = S_xml_text(v ? v : (const xmlChar *)""); /* judged as written */
		char name[64];
		switch (svg_attr(rule, an, clean, name, sizeof name)) {
		case SVG_ATTR_KEEP:
			if (str_starts_with(name, "xml:"))
				xmlSetNsProp(dst, xmlSearchNs(dst->doc, dst, (const xmlChar *)"xml"),
					     (const xmlChar *)name + 4, (const xmlChar *)clean);
			else
				S_set(dst, name, clean);
			break;
		case SVG_ATTR_HREF:
			S_svg_href(dst, clean, svg_root);
			break;
		case SVG_ATTR_STYLE:
			if (!style)
				style = xmlStrdup((const xmlChar *)clean);
			break;
		case SVG_ATTR_ARIA: /* S_svg_root names the drawing */
		case SVG_ATTR_DROP:
			break;
		}
		free(clean);
		if (v)
			xmlFree(v);
	}
	/* After the attributes: a style property overrides them, as CSS does. */
	if (style) {
		struct S_svg_style st = {dst, rule};
		svg_style_decls((const char *)style, S_svg_style_decl, &st);
		xmlFree(style);
	}
}
/* The text of the <text> elements under n, each followed by a space (a
 * drawing's words, not its <style> or <title>). */
static void S_svg_words(struct strbuf *sb, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (S_is_el(c, "text")) {
			xmlChar *t = xmlNodeGetContent(c);
			if (t) {
				sb_adds(sb, (const char *)t);
				sb_addc(sb, ' ');
				xmlFree(t);
			}
		} else if (!S_is_el(c, "style") && !S_is_el(c, "script") && !S_is_el(c, "title") &&
			   !S_is_el(c, "desc")) {
			S_svg_words(sb, c);
		}
	}
}

/* The outermost <svg>: in its namespace, with an accessible name — its
 * own aria-label, or else its <title>, or else the words it shows — and
 * then role="img", so screen
 * readers announce one image instead of a list of shapes. One the author
 * marks decorative is hidden from them (EPUB's schema allows no other
 * role on svg than img, document and application). */
static xmlNodePtr S_svg_root(xmlNodePtr dst, xmlNodePtr src, int line)
{
	xmlNodePtr svg = S_new(dst, NULL, "svg", line);
	xmlSetNs(svg, xmlNewNs(svg, (const xmlChar *)SVG_NS, NULL));
	S_svg_attrs(svg, src, svg_element("svg"), svg);
	char *label = NULL;
	bool hidden = false;
	for (xmlAttrPtr a = src->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		char *val = str_collapse_ws(v ? (const char *)v : "");
		if (str_ieq(an, "aria-label") && *val && !label) {
			label = val;
			val = NULL;
		} else if ((str_ieq(an, "role") && (str_ieq(val, "presentation") || str_ieq(val, "none"))) ||
			   (str_ieq(an, "aria-hidden") && str_ieq(val, "true"))) {
			hidden = true;
		}
		free(val);
		if (v)
			xmlFree(v);
	}
	for (xmlNodePtr c = src->children; c && !label; c = c->next) {
		if (!S_is_el(c, "title"))
			continue;
		xmlChar *t = xmlNodeGetContent(c);
		label = str_collapse_ws(t ? (const char *)t : "");
		if (t)
			xmlFree(t);
		if (!*label) {
			free(label);
			label = NULL;
		}
	}
	if (!label && !hidden) {
		/* No name given: the words the drawing shows (its <text>) name
		 * it, so a link holding only the drawing has a name too (DAISY
		 * Ace, link-name). */
		struct strbuf sb = STRBUF_INIT;
		S_svg_words(&sb, src);
		label = str_collapse_ws(sb.s ? sb.s : "");
		sb_release(&sb);
		if (!*label) {
			free(label);
			label = NULL;
		}
	}
	if (hidden) {
		S_set(svg, "aria-hidden", "true");
	} else if (label) {
		S_set(svg, "role", "img");
		S_set(svg, "aria-label", label);
	}
	free(label);
	return svg;
}

const struct words *sanitize_words(xmlNodePtr node)
{
	xmlNodePtr root = node->doc ? xmlDocGetRootElement(node->doc) : NULL;
	xmlChar *lang = root ? xmlNodeGetLang(root) : NULL;
	const struct words *w = words_for((const char *)lang);
	if (lang)
		xmlFree(lang);
	return w;
}

/* An embedded player (iframe, video, audio) becomes a visible link: an
 * e-reader cannot play it, but the reader must see something was there.
 * A video's poster comes first, as an image the book holds. Its fallback
 * content is copied by the caller. */
static void S_embed(xmlNodePtr dst, xmlNodePtr src, xmlNsPtr ns, int line)
{
	const struct words *w = sanitize_words(dst);
	xmlChar *url = xmlGetProp(src, (const xmlChar *)"src");
	if (!url) {
		for (xmlNodePtr c = src->children; c && !url; c = c->next)
			if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "source") == 0)
				url = xmlGetProp(c, (const xmlChar *)"src");
	}
	xmlChar *title = xmlGetProp(src, (const xmlChar *)"title");
	const char *kind = (const char *)src->name;
	const char *what = strcmp(kind, "video") == 0   ? w->video
			   : strcmp(kind, "audio") == 0 ? w->audio
							: w->embedded;
	xmlChar *raw_poster = strcmp(kind, "video") == 0 ? xmlGetProp(src, (const xmlChar *)"poster") : NULL;
	/* Judged as it will be written (see S_copy_attrs). */
	xmlChar *poster = raw_poster ? (xmlChar *)S_xml_text(raw_poster) : NULL;
	if (raw_poster)
		xmlFree(raw_poster);
	if (poster && S_src_usable((const char *)poster)) {
		xmlNodePtr img = S_new(dst, ns, "img", line);
		S_set(img, "src", (const char *)poster);
		char *alt = title ? str_collapse_ws((const char *)title) : NULL;
		S_set(img, "alt", alt && *alt ? alt : w->video_poster);
		free(alt);
	}
	if (poster)
		free(poster);
	enum url_kind kind_of_url = url ? url_classify((const char *)url) : URL_EMPTY;
	if (kind_of_url == URL_ABSOLUTE || kind_of_url == URL_RELATIVE) {
		/* A relative one is a file of the site: the book stage makes it
		 * the file's address on the live site, like any link. */
		xmlNodePtr a = S_new(dst, ns, "a", line);
		char *esc = url_escape((const char *)url);
		S_set(a, "href", esc);
		S_set(a, "class", "embed");
		char *label = xasprintf("%s%s%s", what, w->colon, title ? (const char *)title : (const char *)url);
		S_text(a, label);
		free(label);
		free(esc);
	} else {
		/* No address to give: still say something was there. */
		xmlNodePtr span = S_new(dst, ns, "span", line);
		S_set(span, "class", "embed");
		char *label = title ? xasprintf("%s%s%s", what, w->colon, (const char *)title) : xstrdup(what);
		S_text(span, label);
		free(label);
	}
	S_text(dst, " "); /* before the fallback text, if any */
	if (url)
		xmlFree(url);
	if (title)
		xmlFree(title);
}

/* A task-list checkbox is a form control; the book shows its state as a
 * character a reader can see and hear. Other inputs leave their value. */
static void S_input(xmlNodePtr dst, xmlNodePtr src, xmlNsPtr ns, int line)
{
	xmlChar *type = xmlGetProp(src, (const xmlChar *)"type");
	if (type && str_ieq((const char *)type, "checkbox")) {
		xmlChar *checked = xmlGetProp(src, (const xmlChar *)"checked");
		xmlNodePtr span = S_new(dst, ns, "span", line);
		S_set(span, "class", checked ? "task task-done" : "task task-todo");
		S_text(span, checked ? "\xE2\x98\x91" : "\xE2\x98\x90"); /* ☑ ☐ */
		if (checked)
			xmlFree(checked);
	} else {
		xmlChar *value = xmlGetProp(src, (const xmlChar *)"value");
		if (value && *value)
			S_text(dst, (const char *)value);
		if (value)
			xmlFree(value);
	}
	if (type)
		xmlFree(type);
}

/* One level of the walk: the source children still to copy, and where. */
struct S_frame {
	xmlNodePtr src;  /* the source element whose children these are */
	xmlNodePtr next; /* next source node to copy */
	xmlNodePtr dst;  /* the element copies go into */
	int line;        /* body line of the nearest source block */
	int depth;       /* elements created above dst in this walk */
	xmlNodePtr svg;  /* inside inline SVG: the copy of its outermost <svg> */
	bool text;       /* dst may hold text (in SVG, only text elements do) */
	bool block;      /* the content of a block flattened into dst */
};

/* The text node the walk last wrote and is still writing: text that
 * follows it in the same element is appended to buf, and the node gets
 * its content once, at S_run_end. libxml2 merges adjacent text by
 * xmlStrncat, which measures the whole node each time: the words of
 * thousands of flattened blocks (a line of 600,000 list markers) then
 * took quadratic time. The node's content is stale until S_run_end:
 * only elements may be added after it meanwhile (what adds text to an
 * element other than through the run ends it first). */
struct S_run {
	xmlNodePtr node;
	struct strbuf buf;
};

static void S_run_end(struct S_run *run)
{
	if (!run->node)
		return;
	xmlNodeSetContentLen(run->node, (const xmlChar *)(run->buf.s ? run->buf.s : ""), (int)run->buf.len);
	run->node = NULL;
	run->buf.len = 0;
}

static void S_run_text(struct S_run *run, xmlNodePtr dst, const char *text)
{
	if (!run->node || dst->last != run->node) {
		S_run_end(run);
		if (dst->last && dst->last->type == XML_TEXT_NODE) {
			/* Written by another way: the run goes on from it. */
			run->node = dst->last;
			sb_adds(&run->buf, run->node->content ? (const char *)run->node->content : "");
		} else {
			run->node = xmlNewDocText(dst->doc, NULL);
			xmlAddChild(dst, run->node);
		}
	}
	if (str_xml_clean(text)) {
		sb_adds(&run->buf, text);
	} else {
		char *clean = S_xml_text((const xmlChar *)text);
		sb_adds(&run->buf, clean);
		free(clean);
	}
}

/* Before text goes where a flattened block began or ended (pend): what
 * kept the words apart was the block, so a space does, or in <pre> a line
 * break; only where the words would otherwise run together. */
static void S_separate(struct S_run *run, xmlNodePtr dst, const char *text)
{
	const char *ws = " \t\r\n";
	xmlNodePtr last = dst->last;
	if (!last || last->type != XML_TEXT_NODE || !*text || strchr(ws, text[0]))
		return;
	const char *s = last == run->node ? run->buf.s : (const char *)last->content;
	size_t len = last == run->node ? run->buf.len : s ? strlen(s) : 0;
	if (!len || strchr(ws, s[len - 1]))
		return;
	bool pre = false;
	for (xmlNodePtr a = dst; a && a->type == XML_ELEMENT_NODE && !pre; a = a->parent)
		pre = xmlStrEqual(a->name, (const xmlChar *)"pre");
	S_run_text(run, dst, pre ? "\n" : " ");
}

static void S_drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Copies a tree without recursion: posts nest blockquotes, lists and
 * <div>s thousands deep. Deeper than SANITIZE_MAX_DEPTH, elements give up
 * their tags and their content goes into the deepest element kept, so
 * every word stays, and the words of blocks (cells, items, paragraphs)
 * stay apart. */
size_t sanitize_copy_children(xmlNodePtr dst, xmlNodePtr src, xmlNsPtr ns, xmlNsPtr epub_ns)
{
	size_t flattened = 0, sp = 0, cap = 64;
	if (!src)
		return 0;
	struct S_frame *stack = xmalloc(cap * sizeof *stack);
	stack[sp++] = (struct S_frame){src, src->children, dst, dst->line, 0, NULL, true, false};
	xmlNodePtr pend = NULL; /* where a flattened block began or ended, if no text went there since */
	struct S_run run = {NULL, STRBUF_INIT};
	bool drew = false; /* an <svg> copied: only then a walk for svgmodel_apply */
	(void)epub_ns;
	while (sp) {
		struct S_frame *top = &stack[sp - 1];
		xmlNodePtr c = top->next;
		if (!c) {
			if (top->block)
				pend = top->dst;
			/* Copied: the source goes as the copy grows, so the two
			 * are never both whole (markup-dense posts weigh
			 * kilobytes a construct as nodes). */
			while (top->src->children)
				S_drop(top->src->children);
			sp--;
			continue;
		}
		top->next = c->next;
		if (c->prev)
			S_drop(c->prev); /* copied whole, its children included */
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && top->text) {
				if (pend == top->dst)
					S_separate(&run, top->dst, (const char *)c->content);
				pend = NULL;
				S_run_text(&run, top->dst, (const char *)c->content);
			}
			continue;
		}
		if (c->type == XML_COMMENT_NODE && c->content &&
		    strncmp((const char *)c->content, "sheaf-line:", 11) == 0) {
			/* markdown.c's mark: the line of what follows it here. */
			top->line = atoi((const char *)c->content + 11);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue; /* comments, processing instructions, DTD nodes */
		int line = S_sourcepos_line(c);
		if (line <= 0)
			line = top->line;
		const char *name = (const char *)c->name;
		const struct S_rule *rule = S_rule(name);
		enum S_action action = rule ? rule->action : S_UNWRAP;
		xmlNodePtr into = top->dst; /* where c's children go */
		int depth = top->depth;
		xmlNodePtr svg = top->svg;
		bool text = top->text;
		bool block = false;
		if (svg) {
			/* In SVG, the SVG allow-list; what is not on it goes whole. */
			const struct svg_element *sr = svg_element(name);
			if (!sr || (sr->flags & SVG_SHEET) || ((sr->flags & SVG_ANIM) && !svg_anim_ok(c)))
				continue;
			bool unwrap = sr->flags & SVG_UNWRAP;
			const struct svg_element *in = unwrap ? svg_stand_in(c, text) : NULL;
			if (in) {
				unwrap = false;
				sr = in;
			}
			if ((sr->flags & SVG_LINK) && !svg_has_href(c)) {
				if (!(sr->flags & SVG_TEXT))
					continue;
				unwrap = true;
			}
			if (!unwrap) {
				if (depth >= SANITIZE_MAX_DEPTH)
					continue;
				into = S_new(top->dst, svg->ns, sr->name, line);
				S_svg_attrs(into, c, sr, svg);
				if (!svg_required(into, sr)) {
					xmlUnlinkNode(into);
					xmlFreeNode(into);
					continue;
				}
				depth++;
				text = sr->flags & SVG_TEXT;
			}
			action = S_UNWRAP; /* only the push below */
		}
		switch (action) {
		case S_DROP:
			continue;
		case S_UNWRAP:
			break;
		case S_EMBED:
			S_run_end(&run); /* S_embed writes text */
			S_embed(top->dst, c, ns, line);
			break; /* fallback content is kept, unwrapped */
		case S_SPECIAL:
			S_run_end(&run); /* S_input writes text */
			if (strcmp(name, "input") == 0) {
				S_input(top->dst, c, ns, line);
				continue;
			}
			if (strcmp(name, "picture") == 0) {
				S_picture(top->dst, c, ns, line);
				continue;
			}
			if (strcmp(name, "svg") == 0) {
				if (depth >= SANITIZE_MAX_DEPTH)
					continue; /* shapes without their tags would be nothing */
				into = svg = S_svg_root(top->dst, c, line);
				drew = true;
				depth++;
				text = false;
				break;
			}
			/* summary */
			if (depth < SANITIZE_MAX_DEPTH) {
				into = S_new(top->dst, ns, "div", line);
				S_set(into, "class", "details-summary");
				depth++;
			} else {
				flattened++;
				block = true;
			}
			break;
		case S_KEEP:
		case S_RENAME:
			if (depth >= SANITIZE_MAX_DEPTH && strcmp(name, "br") != 0 && strcmp(name, "img") != 0) {
				flattened++;
				block = !contentmodel_phrasing(action == S_RENAME ? rule->to : name);
				break;
			}
			into = S_new(top->dst, ns, action == S_RENAME ? rule->to : name, line);
			S_copy_attrs(into, c, rule);
			if (strcmp(name, "img") == 0)
				S_img_srcset(into, c);
			if (action == S_RENAME && strcmp(name, "details") == 0)
				S_set(into, "class", "details");
			if (contentmodel_void((const char *)into->name)) {
				/* libxml2 can hang content under a void element (`<a:img><hr>`);
				 * it belongs after it. */
				into = top->dst;
				break;
			}
			depth++;
			break;
		}
		if (block)
			pend = into;
		if (!c->children)
			continue;
		if (sp == cap)
			stack = xrealloc(stack, (cap *= 2) * sizeof *stack);
		stack[sp++] = (struct S_frame){c, c->children, into, line, depth, svg, text, block};
	}
	free(stack);
	S_run_end(&run);
	sb_release(&run.buf);
	if (drew)
		svgmodel_apply(dst); /* the drawings copied, as a whole */
	return flattened;
}
