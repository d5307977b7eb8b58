/* oracle.c — see oracle.h. Deliberately self-contained: libxml2 and libc
 * only, so a rule the sanitizers get wrong is not got wrong here the same
 * way. */
#define _POSIX_C_SOURCE 200809L
#include "oracle.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
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

/* The validity rules, by the name each sentence starts with. A rule that
 * today's sheaf still breaks on a seed of tests/fuzz/ is pending: the
 * oracle does not report it, so that fuzz-regressions stays green on main
 * while the branch that fixes the class is under way. Delete its line when
 * the fix lands. SHEAF_ORACLE_ALL=1 in the environment reports pending
 * rules too (for fuzzing the classes being fixed). */
static const char *const O_pending[] = {
	NULL};

struct O_state {
	enum oracle_kind kind;
	bool all;  /* SHEAF_ORACLE_ALL: pending rules reported too */
	char *why; /* the first violation */
};

/* Whether a complaint is pending: its sentence starts with an entry, or
 * holds one of the '|'-separated strings of SHEAF_ORACLE_IGNORE (what a
 * long fuzzing run has found already, so that it looks for more), or does
 * not hold SHEAF_ORACLE_ONLY (to minimize a finding without drifting to
 * another). */
static bool O_is_pending(const struct O_state *st, const char *sentence)
{
	const char *only = getenv("SHEAF_ORACLE_ONLY");
	if (only && *only && !strstr(sentence, only))
		return true;
	const char *ignore = getenv("SHEAF_ORACLE_IGNORE");
	while (ignore && *ignore) {
		size_t n = strcspn(ignore, "|");
		char *what = strndup(ignore, n);
		if (!what)
			abort();
		bool hit = n && strstr(sentence, what);
		free(what);
		if (hit)
			return true;
		ignore += n + (ignore[n] == '|');
	}
	if (st->all)
		return false;
	for (size_t i = 0; O_pending[i]; i++)
		if (strncmp(sentence, O_pending[i], strlen(O_pending[i])) == 0)
			return true;
	return false;
}

static void O_vcomplain(struct O_state *st, const char *rule, const char *fmt, va_list ap)
{
	if (st->why)
		return;
	char buf[600];
	int n = rule ? snprintf(buf, sizeof buf, "%s: ", rule) : 0;
	vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
	if (rule && O_is_pending(st, buf))
		return;
	st->why = strdup(buf);
	if (!st->why)
		abort();
}

static void O_complain(struct O_state *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	O_vcomplain(st, NULL, fmt, ap);
	va_end(ap);
}

/* A validity rule's complaint: "RULE: sentence", unless RULE is pending. */
static void O_invalid(struct O_state *st, const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	O_vcomplain(st, rule, fmt, ap);
	va_end(ap);
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

/* ---- validity: epubcheck's schemas ---- */

/* The schemas tests/schema/make-rng.sh made at build time, compiled once
 * per process (the fuzzers call oracle_check millions of times). */
struct O_schemas {
	xmlRelaxNGPtr body, svg;
	char skipped[600]; /* why validity is not checked, or "" */
};

static struct O_schemas O_rng;
static pthread_once_t O_rng_once = PTHREAD_ONCE_INIT;

/* libxml2's RELAX NG code prints "Unimplemented block at relaxng.c" through
 * the generic error handler; it is noise, not a finding. */
static void O_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The errors of one compilation or validation: the first, and the first
 * that names what is wrong (libxml2 also reports each alternative it
 * tried: "Expecting element link, got ul"). */
struct O_errors {
	char first[400], best[400];
	int count;
};

static void O_error_text(char *out, size_t cap, const xmlError *e)
{
	const xmlNode *n = e->node;
	const char *el = n && n->type == XML_ELEMENT_NODE ? (const char *)n->name : NULL;
	char msg[300];
	snprintf(msg, sizeof msg, "%s", e->message ? e->message : "?");
	size_t m = strlen(msg);
	while (m && (msg[m - 1] == '\n' || msg[m - 1] == ' '))
		msg[--m] = '\0';
	if (el)
		snprintf(out, cap, "<%s> (line %d): %s", el, e->line, msg);
	else
		snprintf(out, cap, "%s", msg);
}

static void O_collect(void *ctx, xmlErrorPtr e)
{
	struct O_errors *errs = ctx;
	if (!e || (e->message && strstr(e->message, "Unimplemented")))
		return;
	static const char *const telling[] = {"Did not expect", "Invalid attribute", "Extra element",
					      "Element %s has extra content", "Expecting no namespace",
					      "Datatype", "Type ", "Error validating value", NULL};
	if (errs->count++ == 0)
		O_error_text(errs->first, sizeof errs->first, e);
	if (!errs->best[0] && e->message)
		for (size_t k = 0; telling[k]; k++)
			if (strstr(e->message, telling[k]))
				O_error_text(errs->best, sizeof errs->best, e);
}

static xmlRelaxNGPtr O_compile(const char *dir, const char *file, char *skipped, size_t cap)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	struct O_errors errs = {{0}, {0}, 0};
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(path);
	if (!pc)
		abort();
	xmlRelaxNGSetParserStructuredErrors(pc, O_collect, &errs);
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, O_quiet);
	xmlRelaxNGPtr rng = xmlRelaxNGParse(pc);
	xmlSetGenericErrorFunc(saved_ctx, saved);
	xmlRelaxNGFreeParserCtxt(pc);
	if (!rng && !skipped[0])
		snprintf(skipped, cap, "libxml2 cannot compile %.300s: %.200s", path,
			 errs.first[0] ? errs.first : "no such file?");
	return rng;
}

static void O_rng_load(void)
{
	const char *dir = getenv("SHEAF_ORACLE_SCHEMA");
#ifdef ORACLE_SCHEMA_DIR
	if (!dir || !*dir)
		dir = ORACLE_SCHEMA_DIR;
#endif
	if (!dir || !*dir) {
		snprintf(O_rng.skipped, sizeof O_rng.skipped,
			 "built without a schema directory (ORACLE_SCHEMA_DIR; or set SHEAF_ORACLE_SCHEMA)");
	} else {
		char path[4096];
		snprintf(path, sizeof path, "%s/SKIPPED", dir);
		FILE *f = fopen(path, "r");
		if (f) {
			if (!fgets(O_rng.skipped, sizeof O_rng.skipped, f) || !O_rng.skipped[0])
				snprintf(O_rng.skipped, sizeof O_rng.skipped, "see %.300s", path);
			O_rng.skipped[strcspn(O_rng.skipped, "\n")] = '\0';
			fclose(f);
		} else {
			O_rng.body = O_compile(dir, "body/body.rng", O_rng.skipped, sizeof O_rng.skipped);
			O_rng.svg = O_compile(dir, "svg/svg.rng", O_rng.skipped, sizeof O_rng.skipped);
		}
	}
	if (O_rng.skipped[0])
		fprintf(stderr, "note: the fuzz oracle does not check validity against epubcheck's schemas: %s\n",
			O_rng.skipped);
}

const char *oracle_schema_skipped(void)
{
	pthread_once(&O_rng_once, O_rng_load);
	return O_rng.skipped[0] ? O_rng.skipped : NULL;
}

static int O_rng_run(xmlDocPtr doc, xmlRelaxNGPtr rng, struct O_errors *errs)
{
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(rng);
	if (!vc)
		abort();
	xmlRelaxNGSetValidStructuredErrors(vc, O_collect, errs);
	xmlGenericErrorFunc saved = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, O_quiet);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlSetGenericErrorFunc(saved_ctx, saved);
	xmlRelaxNGFreeValidCtxt(vc);
	return rc;
}

/* Whether the document is still invalid with everything after n (its
 * following siblings; its ancestors' following siblings are cut by the
 * callers) left out for the while. */
static bool O_prefix_invalid(xmlDocPtr doc, xmlRelaxNGPtr rng, xmlNodePtr parent, xmlNodePtr n)
{
	xmlNodePtr rest = n ? n->next : parent->children, last = parent->last;
	if (n) {
		n->next = NULL;
		parent->last = n;
	} else {
		parent->children = parent->last = NULL;
	}
	struct O_errors errs = {{0}, {0}, 0};
	bool bad = O_rng_run(doc, rng, &errs) != 0;
	if (n) {
		n->next = rest;
	} else {
		parent->children = rest;
	}
	parent->last = last;
	return bad;
}

/* Which attribute of el makes the document invalid, or NULL. */
static xmlAttrPtr O_bad_attr(xmlDocPtr doc, xmlRelaxNGPtr rng, xmlNodePtr el)
{
	xmlAttrPtr *link = &el->properties;
	for (xmlAttrPtr a = el->properties; a; link = &a->next, a = a->next) {
		*link = a->next;
		struct O_errors errs = {{0}, {0}, 0};
		bool fixed = O_rng_run(doc, rng, &errs) == 0;
		*link = a;
		if (fixed)
			return a;
	}
	return NULL;
}

/* libxml2 reports an error inside an interleave or a choice at the
 * element that holds it ("Extra element section in interleave"); the
 * oracle finds the first element in document order that makes the
 * document invalid: the shortest prefix of the document that is invalid
 * ends in it (or the root); and, in that prefix, the attribute of it at
 * fault (*attr, or NULL). */
static xmlNodePtr O_culprit(xmlDocPtr doc, xmlRelaxNGPtr rng, xmlAttrPtr *attr)
{
	xmlNodePtr node = xmlDocGetRootElement(doc), culprit = NULL;
	*attr = NULL;
	/* Cut each level after the child that is found, restored at the end. */
	struct {
		xmlNodePtr parent, at, rest, last;
	} cut[256];
	size_t depth = 0;
	while (node && depth < sizeof cut / sizeof *cut) {
		if (!O_prefix_invalid(doc, rng, node, NULL)) {
			xmlNodePtr found = NULL;
			for (xmlNodePtr c = node->children; c && !found; c = c->next)
				if (O_prefix_invalid(doc, rng, node, c))
					found = c;
			if (!found || found->type != XML_ELEMENT_NODE) {
				culprit = node; /* its text, or the order of its children */
				break;
			}
			cut[depth].parent = node;
			cut[depth].at = found;
			cut[depth].rest = found->next;
			cut[depth].last = node->last;
			found->next = NULL;
			node->last = found;
			depth++;
			node = found;
			continue;
		}
		culprit = node; /* wrong even empty: its attributes, or where it is */
		xmlNodePtr children = node->children, last = node->last;
		node->children = node->last = NULL;
		*attr = O_bad_attr(doc, rng, node);
		node->children = children;
		node->last = last;
		break;
	}
	if (culprit && culprit != node)
		*attr = NULL;
	else if (culprit && !*attr)
		*attr = O_bad_attr(doc, rng, culprit);
	while (depth--) {
		cut[depth].at->next = cut[depth].rest;
		cut[depth].parent->last = cut[depth].last;
	}
	return culprit;
}

static void O_validate(struct O_state *st, xmlDocPtr doc, xmlRelaxNGPtr rng)
{
	struct O_errors errs = {{0}, {0}, 0};
	if (O_rng_run(doc, rng, &errs) == 0)
		return;
	const char *said = errs.best[0] ? errs.best : errs.first[0] ? errs.first : "invalid";
	if (O_is_pending(st, "schema: "))
		return; /* the search below costs validations */
	xmlAttrPtr a = NULL;
	xmlNodePtr el = O_culprit(doc, rng, &a);
	if (!el) {
		O_invalid(st, "schema", "%s (libxml2, %d errors)", said, errs.count);
		return;
	}
	char where[200] = "";
	if (el->parent && el->parent->type == XML_ELEMENT_NODE)
		snprintf(where, sizeof where, ", in <%.100s>", (const char *)el->parent->name);
	if (a) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		O_invalid(st, "schema", "<%s %s%s%s=\"%.100s\"> (line %ld%s): an attribute it may not have, or a bad value",
			  (const char *)el->name, a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
			  a->ns && a->ns->prefix ? ":" : "", (const char *)a->name, v ? (const char *)v : "",
			  xmlGetLineNo(el), where);
		if (v)
			xmlFree(v);
		return;
	}
	O_invalid(st, "schema", "<%s> (line %ld%s): not allowed there, or missing a required attribute or child, or "
		  "text or children it may not hold [libxml2: %s]",
		  (const char *)el->name, xmlGetLineNo(el), where, said);
}

/* A chapter's <body> is validated as the root of the document (see
 * tests/schema/make-rng.sh); the <html> is put back after. */
static void O_schema(struct O_state *st, xmlDocPtr doc)
{
	if (oracle_schema_skipped())
		return;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (st->kind == ORACLE_SVG) {
		O_validate(st, doc, O_rng.svg);
		return;
	}
	xmlNodePtr body = root ? root->children : NULL;
	while (body && !(body->type == XML_ELEMENT_NODE && strcmp((const char *)body->name, "body") == 0))
		body = body->next;
	if (!body) {
		O_invalid(st, "schema", "no <body> under the root");
		return;
	}
	xmlNodePtr after = body->next;
	xmlUnlinkNode(body);
	xmlDocSetRootElement(doc, body);
	O_validate(st, doc, O_rng.body);
	xmlUnlinkNode(body);
	xmlDocSetRootElement(doc, root);
	if (after)
		xmlAddPrevSibling(after, body);
	else
		xmlAddChild(root, body);
}

/* ---- validity: what epubcheck and Ace check outside the schemas ---- */

struct O_ids {
	xmlHashTablePtr ids;
};

static bool O_html(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && O_ns_is(n, O_XHTML) && strcmp((const char *)n->name, name) == 0;
}

/* An attribute by local name in no namespace. malloc'd (xmlFree). */
static xmlChar *O_get(xmlNodePtr n, const char *name)
{
	return xmlGetNoNsProp(n, (const xmlChar *)name);
}

static bool O_is_id_attr(xmlAttrPtr a)
{
	if (strcmp((const char *)a->name, "id") != 0)
		return false;
	return !a->ns || (a->ns->href && strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE) == 0);
}

/* Every id is an XML NCName, and no two are the same (epubcheck: the
 * schema's ID datatype, and id-unique.sch). */
static void O_collect_ids(struct O_state *st, xmlNodePtr n, xmlHashTablePtr ids)
{
	for (; n && !st->why; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (!O_is_id_attr(a))
				continue;
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			const char *id = v ? (const char *)v : "";
			if (xmlValidateNCName((const xmlChar *)id, 0) != 0)
				O_invalid(st, "id-ncname", "<%s id=\"%.200s\"> is not an XML name", (const char *)n->name, id);
			else if (xmlHashAddEntry(ids, (const xmlChar *)id, (void *)1) != 0)
				O_invalid(st, "id-unique", "id \"%.200s\" twice (<%s>)", id, (const char *)n->name);
			if (v)
				xmlFree(v);
		}
		O_collect_ids(st, n->children, ids);
	}
}

/* A reference to a fragment of this chapter names one of its ids
 * (epubcheck RSC-012). "#" alone names the top. */
static void O_fragment(struct O_state *st, xmlHashTablePtr ids, xmlNodePtr el, const char *frag, size_t n,
		       const char *how)
{
	if (n == 0)
		return;
	char *raw = strndup(frag, n);
	if (!raw)
		abort();
	char *id = xmlURIUnescapeString(raw, 0, NULL);
	if (!id || !xmlHashLookup(ids, (const xmlChar *)id))
		O_invalid(st, "fragment", "<%s %s#%.200s>: no such id in the chapter", (const char *)el->name, how, raw);
	free(raw);
	if (id)
		xmlFree(id);
}

/* Each url(#id) in CSS or an SVG value. */
static void O_url_fragments(struct O_state *st, xmlHashTablePtr ids, xmlNodePtr el, const char *v)
{
	for (const char *u = strstr(v, "url("); u && !st->why; u = strstr(u + 1, "url(")) {
		const char *p = u + 4;
		p += strspn(p, " \t\n\r\f\"'");
		if (*p != '#')
			continue;
		p++;
		size_t n = strcspn(p, " \t\n\r\f\"')");
		O_fragment(st, ids, el, p, n, "url(");
	}
}

/* Why an <a href> is not a URL epubcheck and reading systems take, or
 * NULL. WHATWG URL's code points and RFC 3986's syntax: schemes http,
 * https and mailto only; for http(s) a host of LDH labels or an IP
 * literal; no space, control or excluded character; %XX escapes; one #. */
static const char *O_href_fault(const char *v)
{
	while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f')
		v++;
	size_t len = strlen(v);
	while (len && strchr(" \t\n\r\f", v[len - 1]))
		len--;
	int hashes = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c <= ' ' || c == 0x7F)
			return "a space or control character";
		if (c == '%' && !(i + 2 < len && isxdigit((unsigned char)v[i + 1]) &&
				  isxdigit((unsigned char)v[i + 2])))
			return "a % that is not an escape %XX";
		if (c == '#' && ++hashes > 1)
			return "a second #";
		if (c < 0x80 && !isalnum(c) && !strchr("!$&'()*+,-./:;=?@_~%#[]", c))
			return "a character URLs do not hold";
	}
	size_t s = 0;
	while (s < len && (isalnum((unsigned char)v[s]) || v[s] == '+' || v[s] == '-' || v[s] == '.'))
		s++;
	bool scheme = s > 0 && s < len && v[s] == ':' && isalpha((unsigned char)v[0]);
	if (!scheme) {
		if (len >= 2 && v[0] == '/' && v[1] == '/')
			return "a scheme-relative URL";
		size_t seg = strcspn(v, "/?#");
		if (memchr(v, ':', seg < len ? seg : len))
			return "a : in the first segment of a relative URL";
		size_t end = strcspn(v, "#");
		if (memchr(v, '[', end < len ? end : len) || memchr(v, ']', end < len ? end : len))
			return "[ or ] outside a host";
		return NULL;
	}
	if (s == 6 && strncasecmp(v, "mailto", 6) == 0)
		return NULL;
	bool web = (s == 4 && strncasecmp(v, "http", 4) == 0) || (s == 5 && strncasecmp(v, "https", 5) == 0);
	if (!web)
		return "a scheme other than http, https and mailto";
	const char *a = v + s + 1, *end = v + len;
	if (end - a < 2 || a[0] != '/' || a[1] != '/')
		return "http(s) without //";
	a += 2;
	const char *auth_end = a;
	while (auth_end < end && !strchr("/?#", *auth_end))
		auth_end++;
	const char *host = a;
	for (const char *p = a; p < auth_end; p++)
		if (*p == '@')
			host = p + 1;
	const char *host_end;
	if (host < auth_end && *host == '[') {
		host_end = memchr(host, ']', (size_t)(auth_end - host));
		if (!host_end)
			return "an IP literal without ]";
		char ip[64];
		size_t n = (size_t)(host_end - host - 1);
		if (n == 0 || n >= sizeof ip)
			return "a bad IPv6 address";
		memcpy(ip, host + 1, n);
		ip[n] = '\0';
		unsigned char bin[16];
		if (inet_pton(AF_INET6, ip, bin) != 1)
			return "a bad IPv6 address";
		host_end++;
	} else {
		host_end = host;
		while (host_end < auth_end && *host_end != ':')
			host_end++;
		if (host_end == host)
			return "an empty host";
		const char *label = host;
		for (const char *p = host; p <= host_end; p++) {
			if (p < host_end && *p != '.') {
				if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
					return "a host that is not letters, digits, hyphens, underscores and dots";
				continue;
			}
			size_t n = (size_t)(p - label);
			bool last = p == host_end;
			if (n == 0 && !(last && p > host))
				return "an empty label in the host";
			if (n > 63)
				return "a host label longer than 63";
			if (n && (label[0] == '-' || p[-1] == '-'))
				return "a host label that starts or ends with -";
			label = p + 1;
		}
	}
	if (host_end < auth_end) {
		if (*host_end != ':')
			return "something after the host";
		const char *port = host_end + 1;
		unsigned long num = 0;
		for (const char *p = port; p < auth_end; p++) {
			if (!isdigit((unsigned char)*p))
				return "a port that is not a number";
			num = num * 10 + (unsigned long)(*p - '0');
			if (num > 65535)
				return "a port above 65535";
		}
	}
	const char *rest_end = memchr(auth_end, '#', (size_t)(end - auth_end));
	rest_end = rest_end ? rest_end : end;
	if (memchr(auth_end, '[', (size_t)(rest_end - auth_end)) || memchr(auth_end, ']', (size_t)(rest_end - auth_end)))
		return "[ or ] outside a host";
	return NULL;
}

/* Whether an element is interactive content (WHATWG HTML 3.2.5.2.7),
 * which an <a> must not hold. */
static bool O_interactive(xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE)
		return false;
	if (xmlHasProp(n, (const xmlChar *)"tabindex"))
		return true;
	if (!O_ns_is(n, O_XHTML))
		return O_ns_is(n, O_SVG) && strcmp((const char *)n->name, "a") == 0;
	static const char *const always[] = {"a", "button", "details", "embed", "iframe", "label",
					     "select", "textarea", "keygen", NULL};
	const char *name = (const char *)n->name;
	for (size_t k = 0; always[k]; k++)
		if (strcmp(name, always[k]) == 0)
			return true;
	if ((strcmp(name, "audio") == 0 || strcmp(name, "video") == 0) && xmlHasProp(n, (const xmlChar *)"controls"))
		return true;
	if ((strcmp(name, "img") == 0 || strcmp(name, "object") == 0) && xmlHasProp(n, (const xmlChar *)"usemap"))
		return true;
	if (strcmp(name, "input") == 0) {
		xmlChar *type = O_get(n, "type");
		bool hidden = type && strcasecmp((const char *)type, "hidden") == 0;
		if (type)
			xmlFree(type);
		return !hidden;
	}
	return false;
}

static bool O_nonblank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (!strchr(" \t\n\r\f", *s))
			return true;
	return false;
}

static bool O_attr_nonblank(xmlNodePtr n, const char *name)
{
	xmlChar *v = O_get(n, name);
	bool yes = O_nonblank(v);
	if (v)
		xmlFree(v);
	return yes;
}

/* Whether a link's content gives it an accessible name (Ace's
 * link-name): text, an image with a non-empty alt, an SVG with an
 * aria-label or a <title>, an element with an aria-label. */
static bool O_named(xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (O_nonblank(n->content))
				return true;
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (O_attr_nonblank(n, "aria-label") || O_attr_nonblank(n, "aria-labelledby"))
			return true;
		if (O_html(n, "img")) {
			if (O_attr_nonblank(n, "alt"))
				return true;
			continue;
		}
		if (O_ns_is(n, O_SVG)) {
			for (xmlNodePtr c = n->children; c; c = c->next)
				if (c->type == XML_ELEMENT_NODE && O_ns_is(c, O_SVG) &&
				    strcmp((const char *)c->name, "title") == 0) {
					xmlChar *t = xmlNodeGetContent(c);
					bool yes = O_nonblank(t);
					if (t)
						xmlFree(t);
					if (yes)
						return true;
				}
			continue; /* an SVG's drawn text is no name */
		}
		if (O_named(n->children))
			return true;
	}
	return false;
}

static void O_valid_walk(struct O_state *st, xmlHashTablePtr ids, xmlNodePtr n, xmlNodePtr in_a)
{
	for (; n && !st->why; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *name = (const char *)n->name;
		bool svg_el = O_ns_is(n, O_SVG);
		if (in_a && O_interactive(n))
			O_invalid(st, "a-interactive", "<%s> inside <a>", name);
		if (O_html(n, "img") && !xmlHasProp(n, (const xmlChar *)"alt"))
			O_invalid(st, "img-alt", "<img> without alt");
		bool link = O_html(n, "a") && xmlHasProp(n, (const xmlChar *)"href");
		if (link && !O_attr_nonblank(n, "aria-label") && !O_attr_nonblank(n, "aria-labelledby") &&
		    !O_attr_nonblank(n, "title") && !O_named(n->children))
			O_invalid(st, "link-name", "<a href> without an accessible name");
		for (xmlAttrPtr a = n->properties; a && !st->why; a = a->next) {
			const char *an = (const char *)a->name;
			bool xlink = a->ns && a->ns->href && strcmp((const char *)a->ns->href, "http://www.w3.org/1999/xlink") == 0;
			bool href = strcmp(an, "href") == 0 && (!a->ns || xlink);
			static const char *const paints[] = {"fill", "stroke", "clip-path", "mask", "filter", "marker",
							     "marker-start", "marker-mid", "marker-end", "cursor", NULL};
			bool css = strcmp(an, "style") == 0 || (svg_el && !a->ns && O_listed(an, paints));
			if (!href && !css)
				continue;
			xmlChar *raw = xmlNodeGetContent((xmlNodePtr)a);
			const char *v = raw ? (const char *)raw : "";
			if (href && (svg_el || O_html(n, "a"))) {
				const char *t = v + strspn(v, " \t\n\r\f");
				if (*t == '#')
					O_fragment(st, ids, n, t + 1, strcspn(t + 1, " \t\n\r\f"), xlink ? "xlink:href=" : "href=");
			}
			if (href && O_html(n, "a")) {
				const char *fault = O_href_fault(v);
				if (fault)
					O_invalid(st, "href-url", "<a href=\"%.200s\">: %s", v, fault);
			}
			if (css)
				O_url_fragments(st, ids, n, v);
			if (raw)
				xmlFree(raw);
		}
		if (svg_el && strcmp(name, "style") == 0) {
			xmlChar *text = xmlNodeGetContent(n);
			O_url_fragments(st, ids, n, text ? (const char *)text : "");
			if (text)
				xmlFree(text);
		}
		O_valid_walk(st, ids, n->children, in_a ? in_a : O_html(n, "a") ? n : NULL);
	}
}

static void O_validity(struct O_state *st, xmlDocPtr doc)
{
	xmlHashTablePtr ids = xmlHashCreate(16);
	if (!ids)
		abort();
	O_collect_ids(st, doc->children, ids);
	O_valid_walk(st, ids, doc->children, NULL);
	xmlHashFree(ids, NULL);
	if (!st->why)
		O_schema(st, doc);
}

char *oracle_check(const char *data, size_t len, enum oracle_kind kind)
{
	const char *all = getenv("SHEAF_ORACLE_ALL");
	struct O_state st = {kind, all && strcmp(all, "1") == 0, NULL};
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
	if (!st.why && root)
		O_validity(&st, doc);
	xmlFreeDoc(doc);
	/* SHEAF_ORACLE_DUMP=FILE: the document that broke a rule, to read. */
	const char *dump = getenv("SHEAF_ORACLE_DUMP");
	FILE *f = st.why && dump && *dump ? fopen(dump, "wb") : NULL;
	if (f) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
	return st.why;
}
