#include "convert/sanitize.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

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
	{"ol", S_KEEP, NULL, "start reversed"},
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

bool lang_tag_valid(const char *s)
{
	/* language (2-8 letters), or a private-use "x-" / grandfathered "i-"
	 * tag; then subtags of 1-8 letters or digits. */
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	bool singleton = n == 1 && (s[0] == 'x' || s[0] == 'X' || s[0] == 'i' || s[0] == 'I') && s[1] == '-';
	if (!singleton && (n < 2 || n > 8 || (s[n] && s[n] != '-')))
		return false;
	const char *p = s + n;
	while (*p == '-') {
		p++;
		size_t m = 0;
		while (isalnum((unsigned char)p[m]))
			m++;
		if (m < 1 || m > 8)
			return false;
		p += m;
	}
	return *p == '\0';
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

static int S_sourcepos_line(xmlNodePtr src)
{
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
				/* Dangerous URLs never reach the book; the rest are
				 * judged again by the chapter stage. */
				if (url_classify(val) != URL_DANGEROUS ||
				    (strcmp(an, "src") == 0 && str_starts_with(val, "data:")))
					S_set(dst, an, val);
			} else if (strcmp(an, "width") == 0 || strcmp(an, "height") == 0 ||
				   strcmp(an, "colspan") == 0 || strcmp(an, "rowspan") == 0 ||
				   strcmp(an, "span") == 0 || strcmp(an, "start") == 0 ||
				   strcmp(an, "value") == 0) {
				if (S_numeric(val) && atoi(val) > 0)
					S_set(dst, an, val);
			} else if (strcmp(an, "reversed") == 0) {
				S_set(dst, an, "reversed");
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
 * into the SVG namespace through this allow-list, which gives the names
 * their case back. */
enum {
	SVG_TEXT = 1,  /* holds character data */
	SVG_PAINT = 2, /* takes presentation attributes (and class) */
	SVG_ANIM = 4,  /* animation: dropped when it targets a link or a handler */
	SVG_UNWRAP = 8, /* its tag goes, its children stay */
	SVG_LINK = 16   /* means nothing without its href: goes without one (its
			   text stays) */
};

struct S_svg_rule {
	const char *name;
	unsigned flags;
	const char *attrs; /* besides id and the presentation attributes */
};

#define S_ANIM_ATTRS                                                                              \
	"attributeName attributeType begin dur end min max restart repeatCount repeatDur fill " \
	"calcMode values keyTimes keySplines from to by additive accumulate href"
#define S_FE "x y width height result "

/* SVG 1.1 without scripting, foreign content, external images (image,
 * feImage), fonts, cursors and style sheets. Anything not listed goes
 * with its content: outside <text>, SVG shows no text anyway. */
static const struct S_svg_rule S_svg_rules[] = {
	{"a", SVG_UNWRAP, ""},
	{"animate", SVG_ANIM, S_ANIM_ATTRS},
	{"animateMotion", SVG_ANIM, S_ANIM_ATTRS " path keyPoints rotate origin"},
	{"animateTransform", SVG_ANIM, S_ANIM_ATTRS " type"},
	{"circle", SVG_PAINT, "cx cy r transform"},
	{"clipPath", SVG_PAINT, "clipPathUnits transform"},
	{"defs", SVG_PAINT, "transform"},
	{"desc", SVG_TEXT, ""},
	{"ellipse", SVG_PAINT, "cx cy rx ry transform"},
	{"feBlend", SVG_PAINT, S_FE "in in2 mode"},
	{"feColorMatrix", SVG_PAINT, S_FE "in type values"},
	{"feComponentTransfer", SVG_PAINT, S_FE "in"},
	{"feComposite", SVG_PAINT, S_FE "in in2 operator k1 k2 k3 k4"},
	{"feConvolveMatrix", SVG_PAINT,
	 S_FE "in order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha"},
	{"feDiffuseLighting", SVG_PAINT, S_FE "in surfaceScale diffuseConstant kernelUnitLength"},
	{"feDisplacementMap", SVG_PAINT, S_FE "in in2 scale xChannelSelector yChannelSelector"},
	{"feDistantLight", 0, "azimuth elevation"},
	{"feFlood", SVG_PAINT, S_FE},
	{"feFuncA", 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feFuncB", 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feFuncG", 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feFuncR", 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feGaussianBlur", SVG_PAINT, S_FE "in stdDeviation"},
	{"feMerge", SVG_PAINT, S_FE},
	{"feMergeNode", 0, "in"},
	{"feMorphology", SVG_PAINT, S_FE "in operator radius"},
	{"feOffset", SVG_PAINT, S_FE "in dx dy"},
	{"fePointLight", 0, "x y z"},
	{"feSpecularLighting", SVG_PAINT,
	 S_FE "in surfaceScale specularConstant specularExponent kernelUnitLength"},
	{"feSpotLight", 0, "x y z pointsAtX pointsAtY pointsAtZ specularExponent limitingConeAngle"},
	{"feTile", SVG_PAINT, S_FE "in"},
	{"feTurbulence", SVG_PAINT, S_FE "baseFrequency numOctaves seed stitchTiles type"},
	{"filter", SVG_PAINT, "x y width height filterUnits primitiveUnits href"},
	{"g", SVG_PAINT, "transform"},
	{"line", SVG_PAINT, "x1 y1 x2 y2 transform"},
	{"linearGradient", SVG_PAINT, "x1 y1 x2 y2 gradientUnits gradientTransform spreadMethod href"},
	{"marker", SVG_PAINT,
	 "refX refY markerUnits markerWidth markerHeight orient viewBox preserveAspectRatio"},
	{"mask", SVG_PAINT, "x y width height maskUnits maskContentUnits"},
	{"mpath", SVG_LINK, "href"},
	{"path", SVG_PAINT, "d pathLength transform"},
	{"pattern", SVG_PAINT,
	 "x y width height patternUnits patternContentUnits patternTransform viewBox "
	 "preserveAspectRatio href"},
	{"polygon", SVG_PAINT, "points transform"},
	{"polyline", SVG_PAINT, "points transform"},
	{"radialGradient", SVG_PAINT, "cx cy r fx fy gradientUnits gradientTransform spreadMethod href"},
	{"rect", SVG_PAINT, "x y width height rx ry transform"},
	{"set", SVG_ANIM, "attributeName attributeType begin dur end min max restart repeatCount "
			  "repeatDur fill to href"},
	{"stop", SVG_PAINT, "offset"},
	{"svg", SVG_PAINT, "x y width height viewBox preserveAspectRatio"},
	{"switch", SVG_UNWRAP, ""},
	{"symbol", SVG_PAINT, "viewBox preserveAspectRatio"},
	{"text", SVG_PAINT | SVG_TEXT, "x y dx dy rotate textLength lengthAdjust transform"},
	{"textPath", SVG_PAINT | SVG_TEXT | SVG_LINK, "startOffset method spacing textLength lengthAdjust href"},
	{"title", SVG_TEXT, ""},
	{"tspan", SVG_PAINT | SVG_TEXT, "x y dx dy rotate textLength lengthAdjust"},
	{"use", SVG_PAINT | SVG_LINK, "x y width height transform href"},
};

/* SVG 1.1's presentation attributes, less those that load files (cursor,
 * color-profile) or are obsolete (enable-background, kerning, glyph-*). */
static const char S_svg_presentation[] =
	"alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation "
	"color-interpolation-filters color-rendering direction display dominant-baseline fill "
	"fill-opacity fill-rule filter flood-color flood-opacity font-family font-size "
	"font-size-adjust font-stretch font-style font-variant font-weight image-rendering "
	"letter-spacing lighting-color marker-end marker-mid marker-start mask opacity overflow "
	"pointer-events shape-rendering stop-color stop-opacity stroke stroke-dasharray "
	"stroke-dashoffset stroke-linecap stroke-linejoin stroke-miterlimit stroke-opacity "
	"stroke-width text-anchor text-decoration text-rendering unicode-bidi visibility "
	"word-spacing writing-mode";

static const struct S_svg_rule *S_svg_rule(const char *name)
{
	for (size_t i = 0; i < sizeof S_svg_rules / sizeof *S_svg_rules; i++)
		if (str_ieq(name, S_svg_rules[i].name))
			return &S_svg_rules[i];
	return NULL;
}

/* The word of a space-separated list that is name, ignoring case, copied
 * into out as the list spells it. */
static bool S_list_find(const char *list, const char *name, char *out, size_t cap)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && len < cap) {
			bool same = true;
			for (size_t i = 0; i < n && same; i++)
				same = tolower((unsigned char)p[i]) == tolower((unsigned char)name[i]);
			if (same) {
				memcpy(out, p, n);
				out[n] = '\0';
				return true;
			}
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return false;
}

/* A value is kept when every url() in it points inside the document
 * (fill="url(#g)"): anything else would load a file or a remote resource.
 * CSS escapes could hide a url(: values with a backslash go. */
static bool S_svg_value_ok(const char *v)
{
	if (strchr(v, '\\'))
		return false;
	for (const char *p = v; *p; p++) {
		if (tolower((unsigned char)p[0]) != 'u' || tolower((unsigned char)p[1]) != 'r' ||
		    tolower((unsigned char)p[2]) != 'l' || p[3] != '(')
			continue;
		const char *q = p + 4;
		while (isspace((unsigned char)*q) || *q == '"' || *q == '\'')
			q++;
		if (*q != '#')
			return false;
	}
	return true;
}

static xmlNsPtr S_xlink_ns(xmlNodePtr svg_root)
{
	for (xmlNsPtr n = svg_root->nsDef; n; n = n->next)
		if (n->href && xmlStrEqual(n->href, (const xmlChar *)XLINK_NS))
			return n;
	return xmlNewNs(svg_root, (const xmlChar *)XLINK_NS, (const xmlChar *)"xlink");
}

/* Presentation properties of a style attribute become attributes (the
 * style sheet rule they would be); other properties go. */
static void S_svg_style(xmlNodePtr dst, const char *style)
{
	char *copy = xstrdup(style);
	char *save = NULL;
	for (char *decl = copy; decl; decl = save) {
		save = strchr(decl, ';');
		if (save)
			*save++ = '\0';
		char *colon = strchr(decl, ':');
		if (!colon)
			continue;
		*colon = '\0';
		char *prop = str_collapse_ws(decl);
		char *value = str_collapse_ws(colon + 1);
		char name[64];
		if (*value && !strchr(value, '!') && S_svg_value_ok(value) &&
		    S_list_find(S_svg_presentation, prop, name, sizeof name))
			S_set(dst, name, value);
		free(prop);
		free(value);
	}
	free(copy);
}

/* href and xlink:href: only to a place in the document (use, gradients,
 * textPath…); written as xlink:href, which SVG 1.1 readers know. */
/* A reference to an element of the drawing: '#' and an id (letters,
 * digits, `_.:-`, or any non-ASCII character), nothing a reader could take
 * for another kind of reference. */
static bool S_svg_id_ref(const char *v)
{
	if (v[0] != '#' || !v[1])
		return false;
	for (const unsigned char *p = (const unsigned char *)v + 1; *p; p++)
		if (!(isalnum(*p) || *p >= 0x80 || strchr("_.:-", *p)))
			return false;
	return true;
}

static void S_svg_href(xmlNodePtr dst, const char *val, xmlNodePtr svg_root)
{
	while (isspace((unsigned char)*val))
		val++;
	if (!S_svg_id_ref(val))
		return;
	char *clean = S_xml_text((const xmlChar *)val);
	xmlSetNsProp(dst, S_xlink_ns(svg_root), (const xmlChar *)"href", (const xmlChar *)clean);
	free(clean);
}

static void S_svg_attrs(xmlNodePtr dst, xmlNodePtr src, const struct S_svg_rule *rule,
			xmlNodePtr svg_root)
{
	xmlChar *style = NULL;
	for (xmlAttrPtr a = src->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		char *clean = S_xml_text(v ? v : (const xmlChar *)""); /* judged as written */
		const char *val = clean;
		char name[64];
		if (str_ieq(an, "id") || (str_ieq(an, "class") && (rule->flags & (SVG_PAINT | SVG_TEXT)))) {
			if (*val)
				S_set(dst, str_ieq(an, "id") ? "id" : "class", val);
		} else if (str_ieq(an, "href") || str_ieq(an, "xlink:href")) {
			if (S_in_list(rule->attrs, "href"))
				S_svg_href(dst, val, svg_root);
		} else if (str_ieq(an, "style")) {
			if ((rule->flags & SVG_PAINT) && !style)
				style = xmlStrdup((const xmlChar *)clean);
		} else if (((rule->flags & SVG_PAINT) &&
			    S_list_find(S_svg_presentation, an, name, sizeof name)) ||
			   S_list_find(rule->attrs, an, name, sizeof name)) {
			if (S_svg_value_ok(val))
				S_set(dst, name, val);
		}
		/* Everything else (on*, xmlns*, data-*, editors' own…) goes. */
		free(clean);
		if (v)
			xmlFree(v);
	}
	/* After the attributes: a style property overrides them, as CSS does. */
	if (style) {
		S_svg_style(dst, (const char *)style);
		xmlFree(style);
	}
}

/* True when src has an href (or xlink:href) the copy keeps. */
static bool S_svg_has_href(xmlNodePtr src)
{
	bool found = false;
	for (xmlAttrPtr a = src->properties; a && !found; a = a->next) {
		if (!str_ieq((const char *)a->name, "href") && !str_ieq((const char *)a->name, "xlink:href"))
			continue;
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		char *clean = S_xml_text(v ? v : (const xmlChar *)"");
		const char *t = clean;
		while (isspace((unsigned char)*t))
			t++;
		found = S_svg_id_ref(t); /* what S_svg_href keeps */
		free(clean);
		if (v)
			xmlFree(v);
	}
	return found;
}

/* An animation that sets a link or an event handler could bring back what
 * the allow-list keeps out. */
static bool S_svg_anim_unsafe(xmlNodePtr src)
{
	xmlChar *target = NULL;
	for (xmlAttrPtr a = src->properties; a && !target; a = a->next)
		if (str_ieq((const char *)a->name, "attributeName"))
			target = xmlNodeGetContent((xmlNodePtr)a);
	if (!target)
		return false;
	char *clean = S_xml_text(target); /* judged as it will be written */
	char *t = str_collapse_ws(clean);
	free(clean);
	for (char *p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	/* The name of an attribute SVG can animate: ASCII, at most one prefix.
	 * Anything else animates nothing, and a reader that reads it another
	 * way (the part after the last colon of "x:y:onclick") must not get a
	 * handler from it. */
	const char *colon = strchr(t, ':');
	bool name_ok = *t && strspn(t, "abcdefghijklmnopqrstuvwxyz0123456789-_.:") == strlen(t) &&
		       (!colon || (colon != t && colon[1] && !strchr(colon + 1, ':')));
	const char *local = colon ? colon + 1 : t;
	bool unsafe = !name_ok || strstr(t, "href") || str_starts_with(local, "on") || strcmp(local, "style") == 0;
	free(t);
	xmlFree(target);
	return unsafe;
}

/* The outermost <svg>: in its namespace, with an accessible name — its
 * own aria-label, or else its <title> — and then role="img", so screen
 * readers announce one image instead of a list of shapes. One the author
 * marks decorative is hidden from them (EPUB's schema allows no other
 * role on svg than img, document and application). */
static xmlNodePtr S_svg_root(xmlNodePtr dst, xmlNodePtr src, int line)
{
	xmlNodePtr svg = S_new(dst, NULL, "svg", line);
	xmlSetNs(svg, xmlNewNs(svg, (const xmlChar *)SVG_NS, NULL));
	S_svg_attrs(svg, src, S_svg_rule("svg"), svg);
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
	if (hidden) {
		S_set(svg, "aria-hidden", "true");
	} else if (label) {
		S_set(svg, "role", "img");
		S_set(svg, "aria-label", label);
	}
	free(label);
	return svg;
}

/* An embedded player (iframe, video, audio) becomes a visible link: an
 * e-reader cannot play it, but the reader must see something was there.
 * A video's poster comes first, as an image the book holds. Its fallback
 * content is copied by the caller. */
static void S_embed(xmlNodePtr dst, xmlNodePtr src, xmlNsPtr ns, int line)
{
	xmlChar *url = xmlGetProp(src, (const xmlChar *)"src");
	if (!url) {
		for (xmlNodePtr c = src->children; c && !url; c = c->next)
			if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "source") == 0)
				url = xmlGetProp(c, (const xmlChar *)"src");
	}
	xmlChar *title = xmlGetProp(src, (const xmlChar *)"title");
	const char *kind = (const char *)src->name;
	const char *what = strcmp(kind, "video") == 0   ? "Video"
			   : strcmp(kind, "audio") == 0 ? "Audio"
							: "Embedded content";
	xmlChar *raw_poster = strcmp(kind, "video") == 0 ? xmlGetProp(src, (const xmlChar *)"poster") : NULL;
	/* Judged as it will be written (see S_copy_attrs). */
	xmlChar *poster = raw_poster ? (xmlChar *)S_xml_text(raw_poster) : NULL;
	if (raw_poster)
		xmlFree(raw_poster);
	if (poster && S_src_usable((const char *)poster)) {
		xmlNodePtr img = S_new(dst, ns, "img", line);
		S_set(img, "src", (const char *)poster);
		char *alt = title ? str_collapse_ws((const char *)title) : NULL;
		S_set(img, "alt", alt && *alt ? alt : "Video poster");
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
		char *label = xasprintf("%s: %s", what, title ? (const char *)title : (const char *)url);
		S_text(a, label);
		free(label);
		free(esc);
	} else {
		/* No address to give: still say something was there. */
		xmlNodePtr span = S_new(dst, ns, "span", line);
		S_set(span, "class", "embed");
		char *label = title ? xasprintf("%s: %s", what, (const char *)title) : xstrdup(what);
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

static bool S_is_void(const xmlChar *name)
{
	static const char *const voids[] = {"br", "hr", "img", "col", "wbr"};
	for (size_t i = 0; i < sizeof voids / sizeof *voids; i++)
		if (voids[i][0] == name[0] && strcmp((const char *)name, voids[i]) == 0)
			return true;
	return false;
}

/* One level of the walk: the source children still to copy, and where. */
struct S_frame {
	xmlNodePtr next; /* next source node to copy */
	xmlNodePtr dst;  /* the element copies go into */
	int line;        /* body line of the nearest source block */
	int depth;       /* elements created above dst in this walk */
	xmlNodePtr svg;  /* inside inline SVG: the copy of its outermost <svg> */
	bool text;       /* dst may hold text (in SVG, only text elements do) */
};

/* Copies a tree without recursion: posts nest blockquotes, lists and
 * <div>s thousands deep. Deeper than SANITIZE_MAX_DEPTH, elements give up
 * their tags and their content goes into the deepest element kept, so
 * every word stays. */
size_t sanitize_copy_children(xmlNodePtr dst, xmlNodePtr src, xmlNsPtr ns, xmlNsPtr epub_ns)
{
	size_t flattened = 0, sp = 0, cap = 64;
	if (!src)
		return 0;
	struct S_frame *stack = xmalloc(cap * sizeof *stack);
	stack[sp++] = (struct S_frame){src->children, dst, dst->line, 0, NULL, true};
	(void)epub_ns;
	while (sp) {
		struct S_frame *top = &stack[sp - 1];
		xmlNodePtr c = top->next;
		if (!c) {
			sp--;
			continue;
		}
		top->next = c->next;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && top->text)
				S_text(top->dst, (const char *)c->content);
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
		if (svg) {
			/* In SVG, the SVG allow-list; what is not on it goes whole. */
			const struct S_svg_rule *sr = S_svg_rule(name);
			if (!sr || ((sr->flags & SVG_ANIM) && S_svg_anim_unsafe(c)))
				continue;
			bool unwrap = sr->flags & SVG_UNWRAP;
			if ((sr->flags & SVG_LINK) && !S_svg_has_href(c)) {
				if (!(sr->flags & SVG_TEXT))
					continue;
				unwrap = true;
			}
			if (!unwrap) {
				if (depth >= SANITIZE_MAX_DEPTH)
					continue;
				into = S_new(top->dst, svg->ns, sr->name, line);
				S_svg_attrs(into, c, sr, svg);
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
			S_embed(top->dst, c, ns, line);
			break; /* fallback content is kept, unwrapped */
		case S_SPECIAL:
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
			}
			break;
		case S_KEEP:
		case S_RENAME:
			if (depth >= SANITIZE_MAX_DEPTH && strcmp(name, "br") != 0 && strcmp(name, "img") != 0) {
				flattened++;
				break;
			}
			into = S_new(top->dst, ns, action == S_RENAME ? rule->to : name, line);
			S_copy_attrs(into, c, rule);
			if (strcmp(name, "img") == 0)
				S_img_srcset(into, c);
			if (action == S_RENAME && strcmp(name, "details") == 0)
				S_set(into, "class", "details");
			if (S_is_void(into->name)) {
				/* libxml2 can hang content under a void element (`<a:img><hr>`);
				 * it belongs after it. */
				into = top->dst;
				break;
			}
			depth++;
			break;
		}
		if (!c->children)
			continue;
		if (sp == cap)
			stack = xrealloc(stack, (cap *= 2) * sizeof *stack);
		stack[sp++] = (struct S_frame){c->children, into, line, depth, svg, text};
	}
	free(stack);
	return flattened;
}
