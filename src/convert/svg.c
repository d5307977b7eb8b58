#include "convert/svg.h"
#include "convert/svgmodel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/slug.h"
#include "base/util.h"
#include "base/words.h"

#define S_ANIM_ATTRS                                                                              \
	"attributeName attributeType begin dur end min max restart repeatCount repeatDur fill " \
	"calcMode values keyTimes keySplines from to by additive accumulate href"
#define S_FE "x y width height result "

/* The presentation attribute groups (S_groups) an element takes. */
enum {
	P_COLOR = 1 << 0,
	P_PAINT = 1 << 1,
	P_OPACITY = 1 << 2,
	P_GRAPHICS = 1 << 3,
	P_CLIP = 1 << 4,
	P_MASK = 1 << 5,
	P_FILTER = 1 << 6,
	P_MARKER = 1 << 7,
	P_FONT = 1 << 8,
	P_TEXTCONTENT = 1 << 9,
	P_TEXT = 1 << 10,
	P_VIEWPORT = 1 << 11,
	P_GRADIENT = 1 << 12,
	P_FILTERCOLOR = 1 << 13,
	P_FLOOD = 1 << 14,
	P_LIGHTING = 1 << 15,
	P_ALL = (1 << 16) - 1,
	/* Basic shapes: painted, not text; markers only on path, line, poly*. */
	S_SHAPE = P_COLOR | P_PAINT | P_OPACITY | P_GRAPHICS | P_CLIP | P_MASK | P_FILTER,
	/* Text and clipPath: all but what viewports, filters, gradients and
	 * markers alone read. */
	S_TEXTS = P_ALL & ~(P_VIEWPORT | P_FILTERCOLOR | P_FLOOD | P_LIGHTING | P_MARKER | P_GRADIENT)
};

/* SVG 1.1 without scripting, foreign content, external images (image,
 * feImage), fonts, cursors and views. Anything not listed goes with its
 * content: outside <text>, SVG shows no text anyway. */
static const struct svg_element S_elements[] = {
	{"a", SVG_UNWRAP | SVG_STYLED, P_ALL, ""}, /* shown as an image or in a book, a link in a drawing cannot be followed */
	{"animate", SVG_ANIM, 0, S_ANIM_ATTRS},
	{"animateMotion", SVG_ANIM, 0, S_ANIM_ATTRS " path keyPoints rotate origin"},
	{"animateTransform", SVG_ANIM, 0, S_ANIM_ATTRS " type"},
	{"circle", SVG_STYLED, S_SHAPE, "cx cy r transform"},
	{"clipPath", SVG_STYLED, S_TEXTS, "clipPathUnits transform"},
	{"defs", SVG_STYLED, P_ALL, "transform"},
	{"desc", SVG_TEXT | SVG_STYLED, 0, ""},
	{"ellipse", SVG_STYLED, S_SHAPE, "cx cy rx ry transform"},
	{"feBlend", 0, P_FILTERCOLOR, S_FE "in in2 mode"},
	{"feColorMatrix", 0, P_FILTERCOLOR, S_FE "in type values"},
	{"feComponentTransfer", 0, P_FILTERCOLOR, S_FE "in"},
	{"feComposite", 0, P_FILTERCOLOR, S_FE "in in2 operator k1 k2 k3 k4"},
	{"feConvolveMatrix", 0, P_FILTERCOLOR,
	 S_FE "in order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha"},
	{"feDiffuseLighting", SVG_STYLED, P_COLOR | P_FILTERCOLOR | P_LIGHTING, S_FE "in surfaceScale diffuseConstant kernelUnitLength"},
	{"feDisplacementMap", 0, P_FILTERCOLOR, S_FE "in in2 scale xChannelSelector yChannelSelector"},
	{"feDistantLight", 0, 0, "azimuth elevation"},
	{"feFlood", SVG_STYLED, P_COLOR | P_FILTERCOLOR | P_FLOOD, S_FE},
	{"feFuncA", 0, 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feFuncB", 0, 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feFuncG", 0, 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feFuncR", 0, 0, "type tableValues slope intercept amplitude exponent offset"},
	{"feGaussianBlur", 0, P_FILTERCOLOR, S_FE "in stdDeviation"},
	{"feMerge", 0, P_FILTERCOLOR, S_FE},
	{"feMergeNode", 0, 0, "in"},
	{"feMorphology", 0, P_FILTERCOLOR, S_FE "in operator radius"},
	{"feOffset", 0, P_FILTERCOLOR, S_FE "in dx dy"},
	{"fePointLight", 0, 0, "x y z"},
	{"feSpecularLighting", SVG_STYLED, P_COLOR | P_FILTERCOLOR | P_LIGHTING,
	 S_FE "in surfaceScale specularConstant specularExponent kernelUnitLength"},
	{"feSpotLight", 0, 0, "x y z pointsAtX pointsAtY pointsAtZ specularExponent limitingConeAngle"},
	{"feTile", 0, P_FILTERCOLOR, S_FE "in"},
	{"feTurbulence", 0, P_FILTERCOLOR, S_FE "baseFrequency numOctaves seed stitchTiles type"},
	{"filter", SVG_STYLED, P_ALL, "x y width height filterUnits primitiveUnits href"},
	{"g", SVG_STYLED, P_ALL, "transform"},
	{"line", SVG_STYLED, S_SHAPE | P_MARKER, "x1 y1 x2 y2 transform"},
	{"linearGradient", SVG_STYLED, P_COLOR | P_GRADIENT, "x1 y1 x2 y2 gradientUnits gradientTransform spreadMethod href"},
	{"marker", SVG_STYLED, P_ALL,
	 "refX refY markerUnits markerWidth markerHeight orient viewBox preserveAspectRatio"},
	{"mask", SVG_STYLED, P_ALL, "x y width height maskUnits maskContentUnits"},
	{"mpath", SVG_LINK, 0, "href"},
	{"path", SVG_STYLED, S_SHAPE | P_MARKER, "d pathLength transform"},
	{"pattern", SVG_STYLED, P_ALL,
	 "x y width height patternUnits patternContentUnits patternTransform viewBox "
	 "preserveAspectRatio href"},
	{"polygon", SVG_STYLED, S_SHAPE | P_MARKER, "points transform"},
	{"polyline", SVG_STYLED, S_SHAPE | P_MARKER, "points transform"},
	{"radialGradient", SVG_STYLED, P_COLOR | P_GRADIENT, "cx cy r fx fy gradientUnits gradientTransform spreadMethod href"},
	{"rect", SVG_STYLED, S_SHAPE, "x y width height rx ry transform"},
	{"set", SVG_ANIM, 0, "attributeName attributeType begin dur end min max restart repeatCount "
			  "repeatDur fill to href"},
	{"stop", SVG_STYLED, P_COLOR | P_GRADIENT, "offset"},
	{"style", SVG_SHEET, 0, "type media"},
	{"svg", SVG_STYLED, P_ALL, "x y width height viewBox preserveAspectRatio version baseProfile"},
	{"switch", SVG_UNWRAP | SVG_STYLED, P_ALL, ""}, /* every branch shown: foreignObject ones are gone */
	{"symbol", SVG_STYLED, P_ALL, "viewBox preserveAspectRatio"},
	{"text", SVG_TEXT | SVG_STYLED, S_TEXTS, "x y dx dy rotate textLength lengthAdjust transform"},
	{"textPath", SVG_TEXT | SVG_LINK | SVG_STYLED, S_TEXTS & ~P_TEXT, "startOffset method spacing textLength lengthAdjust href"},
	{"title", SVG_TEXT | SVG_STYLED, 0, ""},
	{"tspan", SVG_TEXT | SVG_STYLED, S_TEXTS & ~P_TEXT, "x y dx dy rotate textLength lengthAdjust"},
	{"use", SVG_LINK | SVG_STYLED, P_ALL, "x y width height transform href"},
};

/* SVG 1.1's presentation attributes, less those that load files (cursor,
 * color-profile) or are obsolete (enable-background, kerning, glyph-*), in
 * the groups of SVG 1.1's attribute modules: EPUB 3's SVG schema
 * (the modules under epubcheck's mod/svg11/) gives each element only some groups. */
#define S_COLOR "color color-interpolation color-rendering"
#define S_PAINT                                                                                  \
	"fill fill-rule stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin " \
	"stroke-miterlimit stroke-width"
#define S_OPACITY "opacity fill-opacity stroke-opacity"
#define S_GRAPHICS "display image-rendering pointer-events shape-rendering text-rendering visibility"
#define S_FONT "font-family font-size font-size-adjust font-stretch font-style font-variant font-weight"
#define S_TEXTCONTENT                                                                             \
	"alignment-baseline baseline-shift direction dominant-baseline letter-spacing text-anchor " \
	"text-decoration unicode-bidi word-spacing"

static const struct {
	unsigned bit;
	const char *attrs;
} S_groups[] = {
	{P_COLOR, S_COLOR},
	{P_PAINT, S_PAINT},
	{P_OPACITY, S_OPACITY},
	{P_GRAPHICS, S_GRAPHICS},
	{P_CLIP, "clip-path clip-rule"},
	{P_MASK, "mask"},
	{P_FILTER, "filter"},
	{P_MARKER, "marker-start marker-mid marker-end"},
	{P_FONT, S_FONT},
	{P_TEXTCONTENT, S_TEXTCONTENT},
	{P_TEXT, "writing-mode"},
	{P_VIEWPORT, "clip overflow"},
	{P_GRADIENT, "stop-color stop-opacity"},
	{P_FILTERCOLOR, "color-interpolation-filters"},
	{P_FLOOD, "flood-color flood-opacity"},
	{P_LIGHTING, "lighting-color"},
};

/* Every presentation attribute: what a style attribute may set on any
 * element (CSS properties that do not apply are ignored, not invalid). */
static const char S_presentation[] =
	S_COLOR " " S_PAINT " " S_OPACITY " " S_GRAPHICS " clip-path clip-rule mask filter marker-start "
	"marker-mid marker-end " S_FONT " " S_TEXTCONTENT " writing-mode clip overflow stop-color "
	"stop-opacity color-interpolation-filters flood-color flood-opacity lighting-color";

/* Attributes whose values EPUB 3's SVG schema enumerates (the modules
 * under epubcheck's mod/svg11/), for element (NULL: any that takes the attribute). A
 * value off the list goes: the reader then uses the default, as it does
 * with a value it cannot read. */
#define S_UNITS "userSpaceOnUse objectBoundingBox"
#define S_COLOR_SPACE "auto sRGB linearRGB inherit"
#define S_QUALITY "auto optimizeSpeed optimizeQuality inherit"
static const struct {
	const char *element, *attr, *values;
} S_enums[] = {
	{NULL, "accumulate", "none sum"},
	{NULL, "additive", "replace sum"},
	{NULL, "alignment-baseline",
	 "auto baseline before-edge text-before-edge middle central after-edge text-after-edge ideographic "
	 "alphabetic hanging mathematical inherit"},
	{NULL, "calcMode", "discrete linear paced spline"},
	{NULL, "clipPathUnits", S_UNITS},
	{NULL, "color-interpolation", S_COLOR_SPACE},
	{NULL, "color-interpolation-filters", S_COLOR_SPACE},
	{NULL, "color-rendering", S_QUALITY},
	{NULL, "direction", "ltr rtl inherit"},
	{NULL, "display",
	 "inline block list-item run-in compact marker table inline-table table-row-group table-header-group "
	 "table-footer-group table-row table-column-group table-column table-cell table-caption none inherit"},
	{NULL, "dominant-baseline",
	 "auto use-script no-change reset-size ideographic alphabetic hanging mathematical central middle "
	 "text-after-edge text-before-edge inherit"},
	{NULL, "edgeMode", "duplicate wrap none"},
	{"animate", "fill", "remove freeze"},
	{"animateMotion", "fill", "remove freeze"},
	{"animateTransform", "fill", "remove freeze"},
	{"set", "fill", "remove freeze"},
	{NULL, "filterUnits", S_UNITS},
	{NULL, "font-stretch",
	 "normal wider narrower ultra-condensed extra-condensed condensed semi-condensed semi-expanded expanded "
	 "extra-expanded ultra-expanded inherit"},
	{NULL, "font-style", "normal italic oblique inherit"},
	{NULL, "font-variant", "normal small-caps inherit"},
	{NULL, "font-weight", "normal bold bolder lighter 100 200 300 400 500 600 700 800 900 inherit"},
	{NULL, "gradientUnits", S_UNITS},
	{NULL, "image-rendering", S_QUALITY},
	{NULL, "lengthAdjust", "spacing spacingAndGlyphs"},
	{NULL, "markerUnits", "strokeWidth userSpaceOnUse"},
	{NULL, "maskContentUnits", S_UNITS},
	{NULL, "maskUnits", S_UNITS},
	{NULL, "method", "align stretch"},
	{NULL, "mode",
	 "normal multiply screen overlay darken lighten color-dodge color-burn hard-light soft-light difference "
	 "exclusion hue saturation color luminosity"},
	{"feMorphology", "operator", "erode dilate"},
	{"feComposite", "operator", "over in out atop xor lighter arithmetic"},
	{NULL, "overflow", "visible hidden scroll auto inherit"},
	{NULL, "patternContentUnits", S_UNITS},
	{NULL, "patternUnits", S_UNITS},
	{NULL, "pointer-events", "visiblePainted visibleFill visibleStroke visible painted fill stroke all none inherit"},
	{NULL, "primitiveUnits", S_UNITS},
	{NULL, "restart", "always never whenNotActive"},
	{NULL, "shape-rendering", "auto optimizeSpeed crispEdges geometricPrecision inherit"},
	{NULL, "spacing", "auto exact"},
	{NULL, "spreadMethod", "pad reflect repeat"},
	{NULL, "stitchTiles", "stitch noStitch"},
	{NULL, "stroke-linecap", "butt round square inherit"},
	{NULL, "stroke-linejoin", "miter round bevel inherit"},
	{NULL, "text-anchor", "start middle end inherit"},
	{NULL, "text-rendering", "auto optimizeSpeed optimizeLegibility geometricPrecision inherit"},
	{"feTurbulence", "type", "fractalNoise turbulence"},
	{"feFuncA", "type", "identity table discrete linear gamma"},
	{"feFuncB", "type", "identity table discrete linear gamma"},
	{"feFuncG", "type", "identity table discrete linear gamma"},
	{"feFuncR", "type", "identity table discrete linear gamma"},
	{"feColorMatrix", "type", "matrix saturate hueRotate luminanceToAlpha"},
	{"animateTransform", "type", "translate scale rotate skewX skewY"},
	{NULL, "unicode-bidi", "normal embed bidi-override inherit"},
	{"svg", "version", "1.0 1.1 1.2"},
	{NULL, "visibility", "visible hidden collapse inherit"},
	{NULL, "writing-mode", "lr-tb rl-tb tb-rl lr rl tb inherit"},
	{NULL, "xChannelSelector", "R G B A"},
	{NULL, "yChannelSelector", "R G B A"},
};

/* Whether value is one the schema takes for attribute attr (spelt as SVG
 * does) of element (NULL: a style property, on any element). */
static bool S_enum_ok(const char *element, const char *attr, const char *value)
{
	for (size_t i = 0; i < sizeof S_enums / sizeof *S_enums; i++) {
		if (strcmp(S_enums[i].attr, attr) != 0 ||
		    (S_enums[i].element && (!element || strcmp(S_enums[i].element, element) != 0)))
			continue;
		size_t n = strlen(value);
		for (const char *p = S_enums[i].values; *p;) {
			size_t len = strcspn(p, " ");
			if (len == n && n && strncmp(p, value, n) == 0)
				return true;
			p += len;
			p += *p == ' ';
		}
		return false;
	}
	return true; /* not enumerated */
}

const struct svg_element *svg_element(const char *name)
{
	for (size_t i = 0; i < sizeof S_elements / sizeof *S_elements; i++)
		if (str_ieq(name, S_elements[i].name))
			return &S_elements[i];
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

static enum svg_attr_kind S_keep(const char *name, char *canon, size_t cap)
{
	if (strlen(name) >= cap)
		return SVG_ATTR_DROP;
	strcpy(canon, name);
	return SVG_ATTR_KEEP;
}

/* Whether an ARIA attribute's value is one EPUB 3's SVG schema takes
 * whatever else the element holds: a role of a drawing that asks for no
 * state of its own (a checkbox wants aria-checked, a heading aria-level),
 * aria-hidden true or false, a label with words, id references that are
 * XML names. */
static bool S_aria_ok(const char *canon, const char *value)
{
	if (strcmp(canon, "role") == 0) {
		char role[32];
		return strspn(value, "abcdefghijklmnopqrstuvwxyz-") == strlen(value) &&
		       S_list_find("img presentation none group figure list listitem note document "
				   "graphics-document graphics-object graphics-symbol",
				   value, role, sizeof role);
	}
	if (strcmp(canon, "aria-hidden") == 0)
		return strcmp(value, "true") == 0 || strcmp(value, "false") == 0;
	if (strcmp(canon, "aria-label") == 0)
		return value[strspn(value, " \t\n\r\f")] != '\0';
	/* aria-labelledby, aria-describedby */
	bool any = false;
	for (const char *p = value; *p;) {
		p += strspn(p, " \t\n\r\f");
		size_t len = strcspn(p, " \t\n\r\f");
		if (!len)
			break;
		char *tok = xstrndup(p, len);
		bool good = xmlValidateNCName((const xmlChar *)tok, 0) == 0;
		free(tok);
		if (!good)
			return false;
		any = true;
		p += len;
	}
	return any;
}

enum svg_attr_kind svg_attr(const struct svg_element *el, const char *name, const char *value,
			    char *canon, size_t cap)
{
	if (tolower((unsigned char)name[0]) == 'o' && tolower((unsigned char)name[1]) == 'n')
		return SVG_ATTR_DROP; /* an event handler, whatever the lists say */
	if (str_ieq(name, "id"))
		return *value ? S_keep("id", canon, cap) : SVG_ATTR_DROP;
	if (str_ieq(name, "class"))
		return *value && (el->flags & SVG_STYLED) ? S_keep("class", canon, cap) : SVG_ATTR_DROP;
	if (str_ieq(name, "xml:lang"))
		return lang_tag_valid(value) ? S_keep("xml:lang", canon, cap) : SVG_ATTR_DROP;
	if (S_list_find("role aria-label aria-labelledby aria-describedby aria-hidden", name, canon, cap))
		return S_aria_ok(canon, value) ? SVG_ATTR_ARIA : SVG_ATTR_DROP;
	if (str_ieq(name, "xml:space"))
		return strcmp(value, "preserve") == 0 || strcmp(value, "default") == 0
			       ? S_keep("xml:space", canon, cap)
			       : SVG_ATTR_DROP;
	if (str_ieq(name, "href") || str_ieq(name, "xlink:href")) {
		char dummy[8];
		return S_list_find(el->attrs, "href", dummy, sizeof dummy) && svg_href_target(value)
			       ? SVG_ATTR_HREF
			       : SVG_ATTR_DROP;
	}
	if (str_ieq(name, "style"))
		return el->flags & SVG_STYLED ? SVG_ATTR_STYLE : SVG_ATTR_DROP;
	bool found = S_list_find(el->attrs, name, canon, cap);
	for (size_t i = 0; i < sizeof S_groups / sizeof *S_groups && !found; i++)
		found = (el->pres & S_groups[i].bit) && S_list_find(S_groups[i].attrs, name, canon, cap);
	/* A presentation attribute the element does not take is dropped, not
	 * moved: it would style nothing there (on a container it is taken). */
	return found && svg_css_safe(value) && S_enum_ok(el->name, canon, value) ? SVG_ATTR_KEEP : SVG_ATTR_DROP;
}

const char *svg_href_target(const char *v)
{
	while (isspace((unsigned char)*v))
		v++;
	if (v[0] != '#' || !v[1])
		return NULL;
	/* An id: letters, digits, `_.:-`, or any non-ASCII character. */
	for (const unsigned char *p = (const unsigned char *)v + 1; *p; p++)
		if (!(isalnum(*p) || *p >= 0x80 || strchr("_.:-", *p)))
			return NULL;
	return v;
}

bool svg_anim_target_ok(const char *target)
{
	char *t = str_collapse_ws(target);
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
	bool ok = name_ok && !strstr(t, "href") && !str_starts_with(local, "on") && strcmp(local, "style") != 0;
	free(t);
	return ok;
}

/* ---- CSS ---- */

static int S_hex(int c)
{
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* css as CSS reads it after its escapes (CSS Syntax 3, "consume an escaped
 * code point"), lower-cased. Characters outside ASCII become '?': only
 * ASCII spells what svg_css_safe looks for. */
static char *S_css_unescape(const char *css)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	for (const unsigned char *p = (const unsigned char *)css; *p; p++) {
		unsigned c = *p;
		if (c == '\\') {
			p++;
			if (!*p) {
				sb_addc(&sb, '?');
				break;
			}
			if (*p == '\n' || *p == '\r' || *p == '\f')
				continue; /* a line continuation, in strings */
			if (isxdigit(*p)) {
				c = 0;
				for (int i = 0; i < 6 && isxdigit(*p); i++, p++)
					c = c * 16 + (unsigned)S_hex(*p);
				if (!(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'))
					p--; /* one white space after the digits belongs to the escape */
			} else {
				c = *p;
			}
		}
		sb_addc(&sb, c > 0 && c < 0x80 ? (char)tolower((int)c) : '?');
	}
	return sb_detach(&sb);
}

/* s without comments (drop_ws: and without white space). */
static char *S_css_squeeze(const char *s, bool drop_ws)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	while (*s) {
		if (s[0] == '/' && s[1] == '*') {
			const char *end = strstr(s + 2, "*/");
			s = end ? end + 2 : s + strlen(s);
			continue;
		}
		if (!(drop_ws && isspace((unsigned char)*s)))
			sb_addc(&sb, *s);
		s++;
	}
	return sb_detach(&sb);
}

/* The check of svg_css_safe on one reading (lower-case, unescaped). */
static bool S_css_reading_safe(const char *s)
{
	/* (behavior and -moz-binding load through url().) */
	static const char *const never[] = {"@import", "expression(", "javascript:", "vbscript:",
					    "image(", "image-set(", "cross-fade(", "element(", "src("};
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		if (strstr(s, never[i]))
			return false;
	for (const char *p = strstr(s, "url("); p; p = strstr(p + 4, "url(")) {
		const char *q = p + 4;
		while (isspace((unsigned char)*q) || *q == '"' || *q == '\'')
			q++;
		if (*q != '#')
			return false;
	}
	return true;
}

bool svg_css_safe(const char *css)
{
	if (!strpbrk(css, "(:@\\"))
		return true; /* nothing above can be spelt: the common "1.5", "#fff" */
	char *plain = S_css_unescape(css);
	char *nocomment = S_css_squeeze(plain, false);
	char *tight = S_css_squeeze(plain, true);
	/* Every reading must be safe: each is how some reader could see it. */
	bool safe = S_css_reading_safe(plain) && S_css_reading_safe(nocomment) && S_css_reading_safe(tight);
	free(plain);
	free(nocomment);
	free(tight);
	return safe;
}

size_t svg_style_decls(const char *style, void (*each)(void *ctx, const char *prop, const char *value),
		       void *ctx)
{
	size_t dropped = 0;
	char *copy = xstrdup(style);
	char *save = NULL;
	for (char *decl = copy; decl; decl = save) {
		save = strchr(decl, ';');
		if (save)
			*save++ = '\0';
		char *colon = strchr(decl, ':');
		if (!colon) {
			dropped += decl[strspn(decl, " \t\r\n\f")] != '\0';
			continue;
		}
		*colon = '\0';
		char *prop = str_collapse_ws(decl);
		char *value = str_collapse_ws(colon + 1);
		char name[64];
		if (*value && svg_css_safe(value) && S_list_find(S_presentation, prop, name, sizeof name))
			each(ctx, name, value);
		else
			dropped++;
		free(prop);
		free(value);
	}
	free(copy);
	return dropped;
}

char *svg_css_sheet(const char *css)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "");
	const char *p = css;
	while (*p) {
		if (strncasecmp(p, "@import", 7) == 0) {
			const char *semi = strchr(p, ';');
			p = semi ? semi + 1 : p + strlen(p);
			continue;
		}
		if (strncasecmp(p, "url(", 4) == 0) {
			const char *close = strchr(p + 4, ')');
			const char *arg = p + 4;
			while (*arg == ' ' || *arg == '\t' || *arg == '"' || *arg == '\'')
				arg++;
			if (*arg != '#') {
				/* Unclosed, it runs to the end, as CSS reads it. */
				sb_adds(&sb, "none");
				p = close ? close + 1 : p + strlen(p);
				continue;
			}
		}
		sb_addc(&sb, *p++);
	}
	char *out = sb_detach(&sb);
	if (!svg_css_safe(out)) {
		free(out);
		return NULL;
	}
	return out;
}

/* ---- Nodes (an SVG file's tree, or the HTML parser's inline SVG) ---- */

/* The attribute's name as written: "xlink:href" for one in the XLink
 * namespace (whatever its prefix), "xml:space"; NULL in any other
 * namespace (an editor's own: inkscape:, sodipodi:…). */
static char *S_qualified(xmlAttrPtr a)
{
	if (!a->ns)
		return xstrdup((const char *)a->name);
	if (a->ns->href && xmlStrEqual(a->ns->href, (const xmlChar *)XLINK_NS))
		return xasprintf("xlink:%s", (const char *)a->name);
	if (a->ns->href && xmlStrEqual(a->ns->href, XML_XML_NAMESPACE))
		return xasprintf("xml:%s", (const char *)a->name);
	return NULL;
}

/* An attribute's value as it will be written: libxml2's HTML parser
 * passes on characters XML cannot hold. malloc'd. */
static char *S_value(xmlAttrPtr a)
{
	xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
	char *clean = str_xml_chars(v ? (const char *)v : "");
	if (v)
		xmlFree(v);
	return clean;
}

bool svg_anim_ok(xmlNodePtr n)
{
	/* The HTML parser lower-cases names; in an SVG file (XML) an
	 * "attribUteName" is no attributeName, and goes with the others. */
	bool html = n->doc && n->doc->type == XML_HTML_DOCUMENT_NODE;
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		const char *an = (const char *)a->name;
		if (a->ns || !(html ? str_ieq(an, "attributeName") : strcmp(an, "attributeName") == 0))
			continue;
		char *v = S_value(a);
		/* svg_attr keeps the name only if it is safe as CSS too (no
		 * "vbscript:"): an animation whose name goes would name none. */
		bool ok = svg_anim_target_ok(v) && svg_css_safe(v);
		free(v);
		return ok;
	}
	/* One that names no attribute animates nothing, and the schema wants
	 * the name (but on animateMotion, which moves the element). */
	return str_ieq((const char *)n->name, "animateMotion");
}

/* Attributes SVG 1.1's schema requires, and the value that means what a
 * reader makes of their absence (SVG 2's initial values: a rect of no
 * width is not drawn, a transfer function without type is the identity). */
static const struct {
	const char *element, *attr, *value;
} S_required[] = {
	{"rect", "width", "0"},
	{"rect", "height", "0"},
	{"circle", "r", "0"},
	{"ellipse", "rx", NULL}, /* NULL: ry's value (auto), else 0 */
	{"ellipse", "ry", NULL}, /* rx's */
	{"path", "d", ""},
	{"polygon", "points", ""},
	{"polyline", "points", ""},
	{"stop", "offset", "0"},
	{"feBlend", "in2", "SourceGraphic"},
	{"feComposite", "in2", "SourceGraphic"},
	{"feDisplacementMap", "in2", "SourceGraphic"},
	{"feConvolveMatrix", "order", "3"},
	{"feFuncA", "type", "identity"},
	{"feFuncB", "type", "identity"},
	{"feFuncG", "type", "identity"},
	{"feFuncR", "type", "identity"},
};

bool svg_required(xmlNodePtr n, const struct svg_element *el)
{
	if (strcmp(el->name, "feConvolveMatrix") == 0 && !xmlHasNsProp(n, (const xmlChar *)"kernelMatrix", NULL))
		return false; /* no kernel, no filter: in error, nothing to fill in */
	for (size_t i = 0; i < sizeof S_required / sizeof *S_required; i++) {
		if (strcmp(el->name, S_required[i].element) != 0 ||
		    xmlHasNsProp(n, (const xmlChar *)S_required[i].attr, NULL))
			continue;
		xmlChar *other = NULL;
		if (!S_required[i].value)
			other = xmlGetNoNsProp(n, (const xmlChar *)(S_required[i].attr[1] == 'x' ? "ry" : "rx"));
		xmlSetProp(n, (const xmlChar *)S_required[i].attr,
			   other ? other : (const xmlChar *)(S_required[i].value ? S_required[i].value : "0"));
		if (other)
			xmlFree(other);
	}
	return true;
}

bool svg_has_href(xmlNodePtr n)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		char *q = S_qualified(a);
		bool href = q && (str_ieq(q, "href") || str_ieq(q, "xlink:href"));
		free(q);
		if (!href)
			continue;
		char *v = S_value(a);
		bool ok = svg_href_target(v) != NULL;
		free(v);
		if (ok)
			return true;
	}
	return false;
}

const struct svg_element *svg_stand_in(xmlNodePtr n, bool in_text)
{
	const struct svg_element *in = svg_element(in_text ? "tspan" : "g");
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		char *q = S_qualified(a);
		char *v = S_value(a);
		char canon[64];
		enum svg_attr_kind kind = q && !str_ieq(q, "id") ? svg_attr(in, q, v, canon, sizeof canon) : SVG_ATTR_DROP;
		free(q);
		free(v);
		if (kind == SVG_ATTR_KEEP || kind == SVG_ATTR_STYLE)
			return in;
	}
	return NULL;
}

static bool S_in_text(xmlNodePtr n)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
		const struct svg_element *el = svg_element((const char *)n->name);
		if (el && (el->flags & SVG_TEXT))
			return true;
	}
	return false;
}

/* ---- An SVG file's tree ---- */

static void S_style_add(void *ctx, const char *prop, const char *value)
{
	struct strbuf *sb = ctx;
	sb_addf(sb, "%s%s: %s", sb->len ? "; " : "", prop, value);
}

/* The attributes of a file's element el allows; a style attribute keeps
 * the declarations svg_style_decls keeps (written anew only when some
 * went: the sheet's rules and the style's keep their precedence). */
static void S_file_attrs(xmlNodePtr n, const struct svg_element *el)
{
	xmlAttrPtr a = n->properties;
	while (a) {
		xmlAttrPtr next = a->next;
		char *q = S_qualified(a);
		char *v = S_value(a);
		char canon[64];
		enum svg_attr_kind kind = q ? svg_attr(el, q, v, canon, sizeof canon) : SVG_ATTR_DROP;
		/* XML names are what they are: a "viewbox" is not a viewBox, a
		 * "stylE" or "HREF" is no style or href (svg_attr ignores case
		 * for the HTML parser's sake). */
		bool keep = (kind == SVG_ATTR_HREF && (strcmp(q, "href") == 0 || strcmp(q, "xlink:href") == 0)) ||
			    ((kind == SVG_ATTR_KEEP || kind == SVG_ATTR_ARIA) && strcmp(canon, q) == 0);
		if (kind == SVG_ATTR_STYLE && strcmp(q, "style") == 0) {
			struct strbuf sb = STRBUF_INIT;
			if (svg_style_decls(v, S_style_add, &sb) == 0) {
				keep = true;
			} else if (sb.len) {
				xmlSetProp(n, a->name, (const xmlChar *)sb.s);
				keep = true;
			}
			sb_release(&sb);
		}
		if (!keep)
			xmlRemoveProp(a);
		free(q);
		free(v);
		a = next;
	}
}

static void S_remove(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* n's children take its place; n goes. */
static void S_unwrap(xmlNodePtr n)
{
	while (n->children) {
		xmlNodePtr c = n->children;
		xmlUnlinkNode(c);
		xmlAddPrevSibling(n, c);
		/* Its names may use a namespace n declares, which goes with it:
		 * declared again where the content now stands, or the content
		 * would point at freed memory. (A text node may have been merged
		 * and freed; an element never is.) */
		if (c->type == XML_ELEMENT_NODE)
			xmlReconciliateNs(n->doc, c);
	}
	S_remove(n);
}

/* A <style> element's sheet made local, or the element gone. The sheet
 * checked is the text of all it holds, and it is written back as that one
 * text: elements left inside would later give up their words with a
 * blank between (svgmodel flattens them), and a blank after a backslash
 * ends an escape, so "\<svg/>expression(" checked as \e… would have been
 * written as "\ expression(" (a fuzz finding). */
static void S_file_sheet(xmlNodePtr n)
{
	xmlChar *css = xmlNodeGetContent(n);
	char *local = svg_css_sheet(css ? (const char *)css : "");
	if (!local) {
		S_remove(n);
	} else if (!css || strcmp(local, (const char *)css) != 0 || !n->children || n->children->next ||
		   (n->children->type != XML_TEXT_NODE && n->children->type != XML_CDATA_SECTION_NODE)) {
		xmlNodeSetContent(n, NULL);
		if (*local)
			xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)local));
	}
	free(local);
	if (css)
		xmlFree(css);
}

/* The element of the allow-list n is: in the SVG namespace, with the
 * case SVG gives the name. */
static const struct svg_element *S_file_element(xmlNodePtr n)
{
	if (!n->ns || !n->ns->href || !xmlStrEqual(n->ns->href, (const xmlChar *)SVG_NS))
		return NULL;
	const struct svg_element *el = svg_element((const char *)n->name);
	return el && strcmp(el->name, (const char *)n->name) == 0 ? el : NULL;
}

/* Whether the element holds character data: text, title, desc, a sheet. */
static bool S_holds_text(xmlNodePtr n)
{
	const struct svg_element *el = S_file_element(n);
	return el && (el->flags & (SVG_TEXT | SVG_SHEET));
}

/* The parser's depth limit bounds the recursion. */
static void S_file_clean(xmlNodePtr n)
{
	while (n) {
		xmlNodePtr next = n->next;
		if (n->type == XML_PI_NODE) {
			S_remove(n); /* <?xml-stylesheet?> loads CSS from anywhere */
		} else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->parent &&
			   n->parent->type == XML_ELEMENT_NODE && !S_holds_text(n->parent) && n->content &&
			   n->content[strspn((const char *)n->content, " \t\r\n")]) {
			/* Characters outside text show nothing, and the schema takes
			 * none there (inline SVG drops them the same way). */
			S_remove(n);
		} else if (n->type == XML_ELEMENT_NODE) {
			const struct svg_element *el = S_file_element(n);
			if (!el || ((el->flags & SVG_ANIM) && !svg_anim_ok(n))) {
				S_remove(n);
				n = next;
				continue;
			}
			if (el->flags & SVG_UNWRAP) {
				/* Its tag goes; what it gives what it holds (a fill, a
				 * transform, a class) stays on a stand-in. */
				const struct svg_element *in = svg_stand_in(n, S_in_text(n));
				if (in) {
					xmlNodeSetName(n, (const xmlChar *)in->name);
					el = in;
				}
			}
			S_file_attrs(n, el);
			if (!svg_required(n, el)) {
				S_remove(n);
				n = next;
				continue;
			}
			if ((el->flags & SVG_LINK) && !svg_has_href(n)) {
				if (el->flags & SVG_TEXT) {
					S_file_clean(n->children);
					S_unwrap(n);
				} else {
					S_remove(n);
				}
				n = next;
				continue;
			}
			S_file_clean(n->children);
			if (el->flags & SVG_SHEET)
				S_file_sheet(n);
			else if (el->flags & SVG_UNWRAP)
				S_unwrap(n);
		}
		n = next;
	}
}

/* ---- References to ids ---- */

static bool S_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The id of n bytes at id, mapped, added to sb; whether it changed. */
static bool S_map_one(struct strbuf *sb, const char *id, size_t n, xmlNodePtr at, svg_id_map map, void *ctx)
{
	char *was = xstrndup(id, n);
	const char *to = map(ctx, at, was);
	bool changed = to && strcmp(to, was) != 0;
	sb_adds(sb, changed ? to : was);
	free(was);
	return changed;
}

/* v with each url(#id) (quoted or not) mapped; NULL when nothing changed. */
static char *S_map_urls(const char *v, xmlNodePtr at, svg_id_map map, void *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	bool changed = false;
	const char *p = v;
	for (const char *u = strstr(p, "url("); u; u = strstr(p, "url(")) {
		const char *q = u + 4;
		while (S_space(*q) || *q == '"' || *q == '\'')
			q++;
		if (*q != '#') {
			sb_add(&sb, p, (size_t)(q - p));
			p = q;
			continue;
		}
		q++;
		size_t n = strcspn(q, "\"') \t\r\n\f");
		sb_add(&sb, p, (size_t)(q - p));
		changed |= S_map_one(&sb, q, n, at, map, ctx);
		p = q + n;
	}
	if (!changed) {
		sb_release(&sb);
		return NULL;
	}
	sb_adds(&sb, p);
	return sb_detach(&sb);
}

/* A list of ids (aria-labelledby) mapped; NULL when nothing changed. */
static char *S_map_list(const char *v, xmlNodePtr at, svg_id_map map, void *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	bool changed = false;
	for (const char *p = v; *p;) {
		size_t n = 0;
		while (p[n] && !S_space(p[n]))
			n++;
		if (!n) {
			sb_addc(&sb, *p++);
			continue;
		}
		changed |= S_map_one(&sb, p, n, at, map, ctx);
		p += n;
	}
	if (!changed) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

static bool S_in_svg(xmlNodePtr n)
{
	return n->ns && n->ns->href && xmlStrEqual(n->ns->href, (const xmlChar *)SVG_NS);
}

/* The elements under root (root included) in document order, with the
 * first element of each id in ids (its index in the vector). */
static xmlNodePtr *S_walk(xmlNodePtr root, size_t *count, struct strmap *ids)
{
	size_t n = 0, cap = 64;
	xmlNodePtr *v = xmalloc(cap * sizeof *v);
	for (xmlNodePtr c = root; c;) {
		if (c->type == XML_ELEMENT_NODE) {
			if (n == cap)
				v = xrealloc(v, (cap *= 2) * sizeof *v);
			xmlChar *id = ids ? xmlGetNoNsProp(c, (const xmlChar *)"id") : NULL;
			if (id && !strmap_get(ids, (const char *)id, NULL))
				strmap_put(ids, (const char *)id, n);
			if (id)
				xmlFree(id);
			v[n++] = c;
		}
		if (c->children && c->type == XML_ELEMENT_NODE) {
			c = c->children;
			continue;
		}
		while (c && c != root && !c->next)
			c = c->parent;
		c = c && c != root ? c->next : NULL;
	}
	*count = n;
	return v;
}

void svg_rewrite_refs(xmlNodePtr root, svg_id_map map, void *ctx)
{
	size_t count;
	xmlNodePtr *els = S_walk(root, &count, NULL);
	for (size_t i = 0; i < count; i++) {
		xmlNodePtr n = els[i];
		bool svg = S_in_svg(n);
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			if (!v)
				continue;
			const char *val = (const char *)v;
			const char *name = (const char *)a->name;
			char *to = NULL;
			bool xlink = a->ns && a->ns->href && xmlStrEqual(a->ns->href, (const xmlChar *)XLINK_NS);
			if (strcmp(name, "href") == 0 && (svg || xlink)) {
				const char *target = svg_href_target(val);
				const char *id = target ? map(ctx, n, target + 1) : NULL;
				if (id && strcmp(id, target + 1) != 0)
					to = xasprintf("#%s", id);
			} else if (!a->ns && (strcmp(name, "aria-labelledby") == 0 ||
					      strcmp(name, "aria-describedby") == 0 || strcmp(name, "headers") == 0)) {
				to = S_map_list(val, n, map, ctx);
			} else if (svg && strstr(val, "url(")) {
				to = S_map_urls(val, n, map, ctx);
			}
			if (to)
				xmlSetNsProp(n, a->ns, a->name, (const xmlChar *)to);
			free(to);
			xmlFree(v);
		}
		if (svg && xmlStrEqual(n->name, (const xmlChar *)"style")) {
			xmlChar *css = xmlNodeGetContent(n);
			char *to = css ? S_map_urls((const char *)css, n, map, ctx) : NULL;
			if (to) {
				xmlNodeSetContent(n, NULL);
				xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)to));
			}
			free(to);
			if (css)
				xmlFree(css);
		}
	}
	free(els);
}

static bool S_named(xmlNodePtr n, const char *const *names)
{
	for (; *names; names++)
		if (S_in_svg(n) && xmlStrEqual(n->name, (const xmlChar *)*names))
			return true;
	return false;
}

/* The id a url(…) at u names (u points at "url("), its end in *after;
 * NULL when it names no element of the document ("#id"). malloc'd. */
static char *S_url_id(const char *u, const char **after)
{
	const char *q = u + 4;
	const char *close = strchr(q, ')');
	*after = close ? close + 1 : q + strlen(q);
	while (S_space(*q) || *q == '"' || *q == '\'')
		q++;
	if (*q != '#')
		return NULL;
	q++;
	size_t n = strcspn(q, "\"') \t\r\n\f");
	return n ? xstrndup(q, n) : NULL;
}

/* v with each url(#id) that names nothing in ids made none; NULL when
 * nothing changed. A url( kept is searched on inside: a reader that ends
 * its token elsewhere (a quote, a space, a bad url) could read a url(#id)
 * in it (a fuzz finding: "url(#a url(#gone)" kept #gone). */
static char *S_drop_urls(const char *v, const struct strmap *ids)
{
	struct strbuf sb = STRBUF_INIT;
	bool changed = false;
	const char *p = v;
	for (const char *u = strstr(p, "url("); u; u = strstr(p, "url(")) {
		const char *after;
		char *id = S_url_id(u, &after);
		sb_add(&sb, p, (size_t)(u - p));
		if (id && !strmap_get(ids, id, NULL)) {
			sb_adds(&sb, "none");
			changed = true;
			p = after;
		} else {
			sb_adds(&sb, "url(");
			p = u + 4;
		}
		free(id);
	}
	if (!changed) {
		sb_release(&sb);
		return NULL;
	}
	sb_adds(&sb, p);
	return sb_detach(&sb);
}

/* A paint (fill, stroke) as it must be written: url(#id) as epubcheck
 * reads it (the whole value) naming a paint server, else what a reader
 * paints instead (the fallback after it, or none); NULL: as it is. */
static char *S_paint(const char *v, const struct strmap *ids, xmlNodePtr *els)
{
	static const char *const paint_servers[] = {"linearGradient", "radialGradient", "pattern", NULL};
	const char *u = strstr(v, "url(");
	if (!u)
		return NULL;
	const char *after;
	char *id = S_url_id(u, &after);
	size_t k;
	bool ok = id && strmap_get(ids, id, &k) && S_named(els[k], paint_servers);
	/* The fallback is none or a colour: one holding a url( makes the
	 * paint invalid, and its url(#id) is not looked at here (a fuzz
	 * finding: "url(#)url(#gone)" kept #gone). */
	char *fallback = str_collapse_ws(after);
	if (strstr(fallback, "url(")) {
		fallback[0] = '\0';
		after = "";
	}
	char *to;
	if (ok)
		to = xasprintf("%.*surl(#%s)%s", (int)(u - v), v, id, after);
	else
		to = xstrdup(*fallback ? fallback : "none");
	free(fallback);
	free(id);
	if (strcmp(to, v) == 0) {
		free(to);
		return NULL;
	}
	return to;
}

void svg_fix_refs(xmlNodePtr root)
{
	static const char *const not_used[] = {"linearGradient", "radialGradient", "pattern", "clipPath", NULL};
	struct strmap ids = STRMAP_INIT;
	size_t n, ngone = 0, cgone = 0;
	xmlNodePtr *els = S_walk(root, &n, &ids), *gone = NULL;
	for (size_t i = 0; i < n; i++) {
		xmlNodePtr el = els[i];
		if (!S_in_svg(el))
			continue;
		bool dropped = false;
		for (xmlAttrPtr a = el->properties, next; a; a = next) {
			next = a->next;
			xmlChar *v = a->ns ? NULL : xmlNodeGetContent((xmlNodePtr)a);
			const char *name = (const char *)a->name;
			if (v && strstr((const char *)v, "url(")) {
				bool paint = strcmp(name, "fill") == 0 || strcmp(name, "stroke") == 0;
				char *to = paint ? S_paint((const char *)v, &ids, els) : S_drop_urls((const char *)v, &ids);
				/* A clip, mask, filter or marker of nothing is none; in a
				 * style, the declaration's value is. */
				if (to && (paint || strcmp(name, "style") == 0))
					xmlSetProp(el, a->name, (const xmlChar *)to);
				else if (to) {
					xmlRemoveProp(a);
					dropped = true;
				}
				free(to);
			}
			if (v)
				xmlFree(v);
		}
		/* What went may have been an attribute the schema requires
		 * (a <rect width="url(#gone)">): it gets the value that means
		 * its absence, as the policy gives it, or the element goes. */
		const struct svg_element *sel = dropped ? svg_element((const char *)el->name) : NULL;
		if (sel && !svg_required(el, sel) && el != root) {
			gone = xrealloc(gone, (ngone + 1) * sizeof *gone);
			gone[ngone++] = el;
			continue;
		}
		if (xmlStrEqual(el->name, (const xmlChar *)"style")) {
			xmlChar *css = xmlNodeGetContent(el);
			char *to = css ? S_drop_urls((const char *)css, &ids) : NULL;
			if (to) {
				xmlNodeSetContent(el, NULL);
				xmlAddChild(el, xmlNewDocText(el->doc, (const xmlChar *)to));
			}
			free(to);
			if (css)
				xmlFree(css);
		}
		xmlAttrPtr ha = xmlHasNsProp(el, (const xmlChar *)"href", (const xmlChar *)XLINK_NS);
		if (!ha)
			ha = xmlHasNsProp(el, (const xmlChar *)"href", NULL);
		xmlChar *href = ha ? xmlNodeGetContent((xmlNodePtr)ha) : NULL;
		const char *target = href ? svg_href_target((const char *)href) : NULL;
		size_t k;
		bool there = target && strmap_get(&ids, target + 1, &k);
		bool use = xmlStrEqual(el->name, (const xmlChar *)"use");
		if (href)
			xmlFree(href);
		/* A <use> of an HTML element (outside any <svg>) shows nothing. */
		if ((use && !(there && !S_named(els[k], not_used) && S_in_svg(els[k]))) ||
		    (ha && !there && S_named(el, (const char *const[]){"textPath", "mpath", NULL}))) {
			if (el != root) {
				gone = xgrow(gone, ngone, &cgone, sizeof *gone);
				gone[ngone++] = el;
			}
		} else if (ha && !there) {
			/* A gradient, pattern or filter whose template is not there
			 * stands on its own, as a reader takes it. */
			xmlRemoveProp(ha);
		}
	}
	/* A <use>, <mpath> or <textPath> of nothing shows nothing of it: it
	 * goes with its animations; its words (title, desc, a textPath's
	 * text) stay where it was. */
	for (size_t i = 0; i < ngone; i++) {
		bool text_path = S_named(gone[i], (const char *const[]){"textPath", NULL});
		for (xmlNodePtr c = gone[i]->children, next; c; c = next) {
			next = c->next;
			if (c->type == XML_ELEMENT_NODE && !text_path &&
			    !S_named(c, (const char *const[]){"title", "desc", NULL}))
				S_remove(c);
		}
		S_unwrap(gone[i]);
	}
	free(gone);
	free(els);
	strmap_free(&ids);
}

/* An SVG file's ids made XML names (xsd:ID: no colon, no leading digit)
 * and unique; a reference goes to the first element that had its id. */
static const char *S_file_map(void *ctx, xmlNodePtr at, const char *id)
{
	(void)at;
	const struct idset *renamed = ctx;
	size_t i;
	return strmap_get(&renamed->map, id, &i) ? renamed->v[i] : NULL;
}

static void S_file_ids(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct idset ids = IDSET_INIT;
	/* renamed: ids as written → (its index in v) what the first became */
	struct idset renamed = IDSET_INIT;
	struct strmap seen = STRMAP_INIT;
	bool changed = false;
	size_t count;
	xmlNodePtr *els = S_walk(root, &count, NULL);
	for (size_t e = 0; e < count; e++) {
		xmlNodePtr n = els[e];
		xmlAttrPtr a = xmlHasNsProp(n, (const xmlChar *)"id", NULL);
		if (a) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *id = v ? (const char *)v : "";
			char *base = xmlValidateNCName(v, 0) == 0 ? xstrdup(id) : slugify(id);
			const char *unique = idset_unique(&ids, base);
			if (strcmp(unique, id) != 0) {
				xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)unique);
				changed = true;
			}
			if (!strmap_get(&seen, id, NULL)) {
				strmap_put(&seen, id, 0);
				/* v[k] is what the k-th id written became. */
				renamed.v = xgrow(renamed.v, renamed.n, &renamed.cap, sizeof *renamed.v);
				renamed.v[renamed.n] = idset_get(&ids, unique);
				strmap_put(&renamed.map, id, renamed.n++);
			}
			free(base);
			if (v)
				xmlFree(v);
		}
	}
	free(els);
	if (changed)
		svg_rewrite_refs(root, S_file_map, &renamed);
	free(renamed.v);
	strmap_free(&renamed.map);
	strmap_free(&seen);
	idset_free(&ids);
}

void svg_clean_doc(xmlDocPtr doc)
{
	S_file_clean(doc->children);
	if (xmlDocGetRootElement(doc)) {
		svgmodel_apply(xmlDocGetRootElement(doc));
		S_file_ids(doc);
		svg_fix_refs(xmlDocGetRootElement(doc));
	}
}
