/* oracle.c — see oracle.h. Deliberately self-contained: libxml2 and libc
 * only, so a rule the sanitizers get wrong is not got wrong here the same
 * way. */
#define _POSIX_C_SOURCE 200809L
#include "oracle.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define O_XHTML "http://www.w3.org/1999/xhtml"
#define O_SVG "http://www.w3.org/2000/svg"
#define O_MATHML "http://www.w3.org/1998/Math/MathML"

static const char *const O_banned[] = {
	"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
	"button", "select", "textarea", "option", "base", "meta", "link", "noscript", "template",
	"foreignObject", "image", "feImage", "handler", "listener", "portal", "style", NULL};
static const char *const O_url_attrs[] = {
	"href", "src", "poster", "cite", "action", "formaction", "data", "background", "srcset",
	"longdesc", "usemap", "icon", "manifest", "codebase", "lowsrc", "dynsrc", NULL};
static const char *const O_animations[] = {"set", "animate", "animateMotion", "animateTransform",
					   "animateColor", NULL};

struct O_state {
	enum oracle_kind kind;
	char *why; /* the first violation */
};

static void O_complain(struct O_state *st, const char *fmt, ...)
{
	if (st->why)
		return;
	va_list ap;
	va_start(ap, fmt);
	char buf[600];
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	st->why = strdup(buf);
	if (!st->why)
		abort();
}

static bool O_listed(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(name, *list) == 0)
			return true;
	return false;
}

static bool O_ns_is(xmlNodePtr n, const char *href)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

/* A growable string, enough for the readings below. */
struct O_buf {
	char *s;
	size_t n, cap;
};

static void O_put(struct O_buf *b, char c)
{
	if (b->n + 2 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	b->s[b->n++] = c;
	b->s[b->n] = '\0';
}

/* CSS after its escapes, lower-cased; with squeeze, comments and white
 * space are left out too. Non-ASCII characters read as '~': no rule
 * below is spelt with them. */
static char *O_css_reading(const char *css, bool squeeze)
{
	struct O_buf b = {NULL, 0, 0};
	O_put(&b, ' ');
	b.n = 0;
	b.s[0] = '\0';
	size_t i = 0, n = strlen(css);
	while (i < n) {
		unsigned char c = (unsigned char)css[i];
		if (squeeze && c == '/' && css[i + 1] == '*') {
			const char *end = strstr(css + i + 2, "*/");
			i = end ? (size_t)(end - css) + 2 : n;
			continue;
		}
		if (c == '\\' && i + 1 < n) {
			size_t j = i + 1, digits = 0;
			unsigned long cp = 0;
			while (j < n && digits < 6 && strchr("0123456789abcdefABCDEF", css[j])) {
				char h = css[j];
				cp = cp * 16 + (unsigned long)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
				j++;
				digits++;
			}
			if (digits) {
				if (j < n && strchr(" \t\n\r\f", css[j]))
					j++;
				c = cp && cp < 0x80 ? (unsigned char)cp : (unsigned char)'~';
				i = j;
			} else if (strchr("\n\r\f", css[i + 1])) {
				i += 2;
				continue;
			} else {
				c = (unsigned char)css[i + 1];
				i += 2;
			}
		} else {
			i++;
		}
		if (squeeze && strchr(" \t\n\r\f", c))
			continue;
		O_put(&b, c >= 0x80 ? '~' : (char)((c >= 'A' && c <= 'Z') ? c | 0x20 : c));
	}
	return b.s;
}

/* What CSS text does wrong, or NULL. */
static const char *O_css_fault(const char *css)
{
	static const char *const never[] = {"@import", "expression(", "javascript:", "vbscript:",
					    "image-set(", NULL};
	const char *fault = NULL;
	for (int squeeze = 0; squeeze < 2 && !fault; squeeze++) {
		char *r = O_css_reading(css, squeeze);
		for (size_t k = 0; never[k] && !fault; k++)
			if (strstr(r, never[k]))
				fault = never[k];
		for (char *u = strstr(r, "url("); u && !fault; u = strstr(u + 1, "url(")) {
			char *arg = u + 4;
			arg += strspn(arg, " \t\n\r\f\"'");
			if (*arg != '#')
				fault = "url() to something other than #id";
		}
		free(r);
	}
	return fault;
}

/* The URL as a browser reads its start: white space and control
 * characters left out, lower-cased. malloc'd. */
static char *O_url_reading(const char *v)
{
	struct O_buf b = {NULL, 0, 0};
	O_put(&b, ' ');
	b.n = 0;
	b.s[0] = '\0';
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p > ' ' && *p != 0x7F)
			O_put(&b, (char)((*p >= 'A' && *p <= 'Z') ? *p | 0x20 : *p));
	return b.s;
}

/* Whether a URL leaves the book: a scheme, or "//host". */
static bool O_remote(const char *r)
{
	if (r[0] == '/' && r[1] == '/')
		return true;
	size_t i = 0;
	while ((r[i] >= 'a' && r[i] <= 'z') || (r[i] >= '0' && r[i] <= '9') || r[i] == '+' ||
	       r[i] == '-' || r[i] == '.')
		i++;
	return i > 0 && r[0] >= 'a' && r[0] <= 'z' && r[i] == ':';
}

static void O_attr(struct O_state *st, xmlNodePtr el, xmlAttrPtr a, bool svg_el)
{
	const char *en = (const char *)el->name, *an = (const char *)a->name;
	xmlChar *raw = xmlNodeGetContent((xmlNodePtr)a);
	const char *v = raw ? (const char *)raw : "";
	if (strncasecmp(an, "on", 2) == 0)
		O_complain(st, "event handler <%s %s=\"%.200s\">", en, an, v);
	if (O_listed(an, O_url_attrs)) {
		char *r = O_url_reading(v);
		static const char *const schemes[] = {"javascript:", "vbscript:", "data:", "file:", NULL};
		for (size_t k = 0; schemes[k]; k++)
			if (strncmp(r, schemes[k], strlen(schemes[k])) == 0)
				O_complain(st, "script or data URL <%s %s=\"%.200s\">", en, an, v);
		bool link = O_ns_is(el, O_XHTML) && ((strcasecmp(en, "a") == 0 && strcasecmp(an, "href") == 0) ||
						     strcasecmp(an, "cite") == 0);
		if (!link && O_remote(r))
			O_complain(st, "remote URL <%s %s=\"%.200s\">", en, an, v);
		if (svg_el && strcasecmp(an, "href") == 0 && r[0] != '#')
			O_complain(st, "SVG href not to #id <%s %s=\"%.200s\">", en, an, v);
		free(r);
	}
	/* CSS: a style attribute anywhere; any SVG value but names and words */
	static const char *const words[] = {"id", "class", "role", "lang", "title", "space", NULL};
	bool css = strcasecmp(an, "style") == 0 ||
		   (svg_el && !O_listed(an, words) && strncasecmp(an, "aria-", 5) != 0 &&
		    !O_listed(an, O_url_attrs));
	const char *fault = css ? O_css_fault(v) : NULL;
	if (fault)
		O_complain(st, "CSS with %s <%s %s=\"%.200s\">", fault, en, an, v);
	if (O_listed(en, O_animations) && strcasecmp(an, "attributeName") == 0) {
		char *r = O_url_reading(v);
		const char *last = strrchr(r, ':');
		last = last ? last + 1 : r;
		if (strstr(r, "href") || strncmp(last, "on", 2) == 0 || strcmp(last, "style") == 0)
			O_complain(st, "animation of %.200s", v);
		free(r);
	}
	if (raw)
		xmlFree(raw);
}

static void O_walk(struct O_state *st, xmlNodePtr n, bool in_body)
{
	for (; n && !st->why; n = n->next) {
		if (n->type == XML_PI_NODE)
			O_complain(st, "processing instruction <?%s?>", (const char *)n->name);
		if (n->type == XML_ENTITY_REF_NODE || n->type == XML_ENTITY_DECL)
			O_complain(st, "entity &%s;", (const char *)n->name);
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		bool svg_el = O_ns_is(n, O_SVG);
		bool checked = st->kind == ORACLE_SVG || in_body;
		if (checked) {
			bool sheet_ok = st->kind == ORACLE_SVG && svg_el && strcmp(name, "style") == 0;
			if (O_listed(name, O_banned) && !sheet_ok)
				O_complain(st, "element <%s>", name);
			bool foreign = st->kind == ORACLE_SVG ? !svg_el
							      : !(O_ns_is(n, O_XHTML) || svg_el || O_ns_is(n, O_MATHML));
			if (foreign)
				O_complain(st, "foreign element <%s> (%s)", name,
					   n->ns && n->ns->href ? (const char *)n->ns->href : "no namespace");
			if (sheet_ok) {
				xmlChar *text = xmlNodeGetContent(n);
				const char *fault = O_css_fault(text ? (const char *)text : "");
				if (fault)
					O_complain(st, "style sheet with %s", fault);
				if (text)
					xmlFree(text);
			}
		}
		/* Attributes everywhere: the head's links and the template too. */
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			O_attr(st, n, a, svg_el);
		O_walk(st, n->children, in_body || strcmp(name, "body") == 0);
	}
}

char *oracle_check(const char *data, size_t len, enum oracle_kind kind)
{
	struct O_state st = {kind, NULL};
	xmlDocPtr doc = xmlReadMemory(data, (int)len, kind == ORACLE_SVG ? "o.svg" : "o.xhtml", NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		O_complain(&st, "not well-formed XML: line %d: %s", e ? e->line : 0,
			   e && e->message ? e->message : "?");
		return st.why;
	}
	xmlDtdPtr dtd = doc->intSubset;
	if (dtd && (kind == ORACLE_SVG || dtd->entities || dtd->children))
		O_complain(&st, "a DOCTYPE with declarations (or any, in an SVG file)");
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (!root)
		O_complain(&st, "no root element");
	else if (kind == ORACLE_SVG && !(strcmp((const char *)root->name, "svg") == 0 && O_ns_is(root, O_SVG)))
		O_complain(&st, "the root is not <svg> in the SVG namespace");
	O_walk(&st, doc->children, false);
	xmlFreeDoc(doc);
	return st.why;
}
