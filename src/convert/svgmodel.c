#include "convert/svgmodel.h"

#include <string.h>

#include "base/util.h"
#include "convert/svg.h"

/* What an element is, for the content models that name it (the classes
 * of SVG 1.1's modules, split where a model takes part of a class). */
enum {
	K_DESC = 1 << 0,      /* title, desc (SVG.Description.class) */
	K_ANIMSET = 1 << 1,   /* animate, set */
	K_ANIMTF = 1 << 2,    /* animateTransform */
	K_ANIMMO = 1 << 3,    /* animateMotion */
	K_CONT = 1 << 4,      /* svg, g, defs, symbol */
	K_USE = 1 << 5,
	K_STYLE = 1 << 6,
	K_SHAPE = 1 << 7,     /* path, rect, circle, line, ellipse, poly* */
	K_TEXT = 1 << 8,
	K_TSPAN = 1 << 9,
	K_TEXTPATH = 1 << 10,
	K_MARKER = 1 << 11,
	K_GRADIENT = 1 << 12, /* linearGradient, radialGradient */
	K_PATTERN = 1 << 13,
	K_CLIP = 1 << 14,
	K_MASK = 1 << 15,
	K_FILTER = 1 << 16,
	K_STOP = 1 << 17,
	K_PRIM = 1 << 18,     /* filter primitives */
	K_LIGHT = 1 << 19,    /* feDistantLight, fePointLight, feSpotLight */
	K_FUNC = 1 << 20,     /* feFuncR, G, B, A */
	K_MERGENODE = 1 << 21,
	K_MPATH = 1 << 22,
	K_ANIM = K_ANIMSET | K_ANIMTF | K_ANIMMO,
	/* What svg, g, defs, symbol, marker, mask and pattern hold (less the
	 * classes the policy takes out: image, view, cursor, script, font,
	 * color-profile, foreignObject, switch and a). */
	K_ANY = K_DESC | K_ANIM | K_CONT | K_USE | K_STYLE | K_SHAPE | K_TEXT | K_MARKER | K_GRADIENT |
		K_PATTERN | K_CLIP | K_MASK | K_FILTER
};

enum {
	M_FLAT = 1,      /* character data only: elements give up their text */
	M_DESC_FIRST = 2 /* SVG.Description.class*, then the rest */
};

struct S_model {
	const char *name;
	unsigned kind;  /* K_ */
	unsigned holds; /* the kinds its children may be */
	unsigned flags; /* M_ */
};

/* The content models of svg-basic-structure, -structure, -shape, -text,
 * -basic-text, -gradient, -basic-filter, -filter, -basic-clip, -clip,
 * -mask, -marker, -pattern, -animation and -style, for the elements svg.c
 * keeps. */
static const struct S_model S_models[] = {
	{"animate", K_ANIMSET, K_DESC, 0},
	{"animateMotion", K_ANIMMO, K_DESC | K_MPATH, M_DESC_FIRST},
	{"animateTransform", K_ANIMTF, K_DESC, 0},
	{"circle", K_SHAPE, K_DESC | K_ANIM, M_DESC_FIRST},
	{"clipPath", K_CLIP, K_DESC | K_ANIM | K_USE | K_SHAPE | K_TEXT, M_DESC_FIRST},
	{"defs", K_CONT, K_ANY, 0},
	{"desc", K_DESC, 0, M_FLAT},
	{"ellipse", K_SHAPE, K_DESC | K_ANIM, M_DESC_FIRST},
	{"feBlend", K_PRIM, K_ANIMSET, 0},
	{"feColorMatrix", K_PRIM, K_ANIMSET, 0},
	{"feComponentTransfer", K_PRIM, K_FUNC, 0},
	{"feComposite", K_PRIM, K_ANIMSET, 0},
	{"feConvolveMatrix", K_PRIM, K_ANIMSET, 0},
	{"feDiffuseLighting", K_PRIM, K_LIGHT | K_ANIMSET, 0},
	{"feDisplacementMap", K_PRIM, K_ANIMSET, 0},
	{"feDistantLight", K_LIGHT, K_ANIMSET, 0},
	{"feFlood", K_PRIM, K_ANIMSET, 0},
	{"feFuncA", K_FUNC, K_ANIMSET, 0},
	{"feFuncB", K_FUNC, K_ANIMSET, 0},
	{"feFuncG", K_FUNC, K_ANIMSET, 0},
	{"feFuncR", K_FUNC, K_ANIMSET, 0},
	{"feGaussianBlur", K_PRIM, K_ANIMSET, 0},
	{"feMerge", K_PRIM, K_MERGENODE, 0},
	{"feMergeNode", K_MERGENODE, K_ANIMSET, 0},
	{"feMorphology", K_PRIM, K_ANIMSET, 0},
	{"feOffset", K_PRIM, K_ANIMSET, 0},
	{"fePointLight", K_LIGHT, K_ANIMSET, 0},
	{"feSpecularLighting", K_PRIM, K_LIGHT | K_ANIMSET, 0},
	{"feSpotLight", K_LIGHT, K_ANIMSET, 0},
	{"feTile", K_PRIM, K_ANIMSET, 0},
	{"feTurbulence", K_PRIM, K_ANIMSET, 0},
	{"filter", K_FILTER, K_DESC | K_ANIMSET | K_PRIM, M_DESC_FIRST},
	{"g", K_CONT, K_ANY, 0},
	{"line", K_SHAPE, K_DESC | K_ANIM, M_DESC_FIRST},
	{"linearGradient", K_GRADIENT, K_DESC | K_STOP | K_ANIMSET | K_ANIMTF, M_DESC_FIRST},
	{"marker", K_MARKER, K_ANY, 0},
	{"mask", K_MASK, K_ANY, 0},
	{"mpath", K_MPATH, K_DESC, 0},
	{"path", K_SHAPE, K_DESC | K_ANIM, M_DESC_FIRST},
	{"pattern", K_PATTERN, K_ANY, 0},
	{"polygon", K_SHAPE, K_DESC | K_ANIM, M_DESC_FIRST},
	{"polyline", K_SHAPE, K_DESC | K_ANIM, M_DESC_FIRST},
	{"radialGradient", K_GRADIENT, K_DESC | K_STOP | K_ANIMSET | K_ANIMTF, M_DESC_FIRST},
	{"rect", K_SHAPE, K_DESC | K_ANIM, M_DESC_FIRST},
	{"set", K_ANIMSET, K_DESC, 0},
	{"stop", K_STOP, K_ANIMSET, 0},
	{"style", K_STYLE, 0, M_FLAT},
	{"svg", K_CONT, K_ANY, 0},
	{"symbol", K_CONT, K_ANY, 0},
	{"text", K_TEXT, K_DESC | K_ANIM | K_TSPAN | K_TEXTPATH, 0},
	/* tspan and textPath: animate and set, not animateMotion or
	 * animateTransform; a textPath holds no textPath. */
	{"textPath", K_TEXTPATH, K_DESC | K_ANIMSET | K_TSPAN, 0},
	{"title", K_DESC, 0, M_FLAT},
	{"tspan", K_TSPAN, K_DESC | K_ANIMSET | K_TSPAN, 0},
	{"use", K_USE, K_DESC | K_ANIM, M_DESC_FIRST},
};

static bool S_is_svg(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
	       xmlStrEqual(n->ns->href, (const xmlChar *)SVG_NS);
}

static const struct S_model *S_model(xmlNodePtr n)
{
	if (!S_is_svg(n))
		return NULL;
	for (size_t i = 0; i < sizeof S_models / sizeof *S_models; i++)
		if (strcmp(S_models[i].name, (const char *)n->name) == 0)
			return &S_models[i];
	return NULL;
}

static void S_free(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* n moved to just after at; a namespace n used that an element it left
 * declared is declared again where it now stands. */
static void S_move_after(xmlNodePtr at, xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlAddNextSibling(at, n);
	xmlReconciliateNs(n->doc, n);
}

/* n goes, nested in parent, as a parser ignores a tag it may not open
 * there: what it holds stays after it, to be judged where it now stands
 * (the caller goes on at what this returns), but for its animations,
 * which mean something for n alone. Their words (a <desc> they held)
 * and n's own, if it holds text, become a <desc> where n stood or, when
 * parent may hold none, of the nearest ancestor that may, just after the
 * level n was in; with no such ancestor they stay beside the drawing (in
 * a chapter's XHTML). */
static xmlNodePtr S_drop(xmlNodePtr parent, xmlNodePtr n)
{
	xmlNodePtr after = n;
	for (xmlNodePtr c = n->children, next; c; c = next) {
		next = c->next;
		const struct S_model *cm = S_model(c);
		if (c->type == XML_ELEMENT_NODE && !(cm && (cm->kind & K_ANIM))) {
			S_move_after(after, c);
			after = c;
		}
	}
	xmlNodePtr resume = n->next; /* a <desc> put after n is whole: past it */
	xmlChar *raw = xmlNodeGetContent(n);
	char *words = str_collapse_ws(raw ? (const char *)raw : "");
	if (raw)
		xmlFree(raw);
	if (*words) {
		xmlNodePtr at = n, holder = parent;
		const struct S_model *m = S_model(holder);
		while (m && !(m->holds & K_DESC)) {
			at = holder;
			holder = holder->parent;
			m = S_model(holder);
		}
		if (m) {
			xmlNodePtr desc = xmlNewDocNode(n->doc, n->ns, (const xmlChar *)"desc", NULL);
			xmlAddChild(desc, xmlNewDocText(n->doc, (const xmlChar *)words));
			xmlAddNextSibling(at, desc);
		} else if (holder && holder->type == XML_ELEMENT_NODE) {
			xmlAddNextSibling(at, xmlNewDocText(n->doc, (const xmlChar *)words));
		}
	}
	free(words);
	S_free(n);
	return resume;
}

/* The characters under n, an element's apart from its neighbours'. */
static void S_words(struct strbuf *sb, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			sb_adds(sb, c->content ? (const char *)c->content : "");
		} else if (c->type == XML_ELEMENT_NODE) {
			sb_adds(sb, " ");
			S_words(sb, c);
			sb_adds(sb, " ");
		}
	}
}

/* A <title> or <desc> (or a sheet) holds character data only: with
 * elements in it, it keeps their words, white space collapsed (it is
 * read, not laid out). */
static void S_flatten(xmlNodePtr n)
{
	xmlNodePtr c = n->children;
	while (c && c->type != XML_ELEMENT_NODE)
		c = c->next;
	if (!c)
		return;
	struct strbuf sb = STRBUF_INIT;
	S_words(&sb, n);
	char *words = str_collapse_ws(sb.s ? sb.s : "");
	sb_release(&sb);
	while (n->children)
		S_free(n->children);
	xmlAddChild(n, xmlNewDocText(n->doc, (const xmlChar *)words));
	free(words);
}

/* The children of n with a model of kind, first to last, moved to the
 * front of n (after those already there), keeping their order. */
static void S_to_front(xmlNodePtr n, unsigned kind)
{
	xmlNodePtr last = NULL; /* the last one placed */
	for (xmlNodePtr c = n->children, next; c; c = next) {
		next = c->next;
		const struct S_model *m = S_model(c);
		if (!m || !(m->kind & kind))
			continue;
		if (!last) {
			if (c != n->children) {
				xmlUnlinkNode(c);
				xmlAddPrevSibling(n->children, c);
			}
		} else if (last->next != c) {
			xmlUnlinkNode(c);
			xmlAddNextSibling(last, c);
		}
		last = c;
	}
}

/* The first child of n named name (keep_last: the last), the others of
 * that name gone. */
static xmlNodePtr S_only_one(xmlNodePtr n, unsigned kind, const char *name, bool keep_last)
{
	xmlNodePtr kept = NULL;
	for (xmlNodePtr c = n->children, next; c; c = next) {
		next = c->next;
		const struct S_model *m = S_model(c);
		if (!m || !(m->kind & kind) || (name && strcmp(m->name, name) != 0))
			continue;
		if (!kept) {
			kept = c;
		} else if (keep_last) {
			S_drop(n, kept);
			kept = c;
		} else {
			S_drop(n, c);
		}
	}
	return kept;
}

/* The order rules of n's model, its children in place. False when n
 * cannot be made whole (a lighting filter without a light) and goes. */
static bool S_order(xmlNodePtr n, const struct S_model *m)
{
	if (m->holds & K_LIGHT) {
		/* One light source, first (SVG 1.1: the first one lights). */
		xmlNodePtr light = S_only_one(n, K_LIGHT, NULL, false);
		if (!light)
			return false;
		if (light != n->children) {
			xmlUnlinkNode(light);
			xmlAddPrevSibling(n->children, light);
		}
	} else if (m->holds & K_FUNC) {
		/* feFuncR?, feFuncG?, feFuncB?, feFuncA?: of several of a
		 * channel the last counts (Filter Effects, feComponentTransfer). */
		static const char *const funcs[] = {"feFuncR", "feFuncG", "feFuncB", "feFuncA"};
		for (size_t i = 0; i < 4; i++) {
			xmlNodePtr f = S_only_one(n, K_FUNC, funcs[i], true);
			if (f) {
				xmlUnlinkNode(f);
				xmlAddChild(n, f);
			}
		}
	} else if (m->holds & K_MPATH) {
		S_only_one(n, K_MPATH, NULL, false);
	}
	if (m->flags & M_DESC_FIRST)
		S_to_front(n, K_DESC);
	return true;
}

/* n, an element with model m, made to follow the content model, its
 * children first. top: n has no SVG parent, nowhere to move to. The
 * policy's depth bound (sanitize's, the XML parser's) bounds the
 * recursion. False when n must go. */
static bool S_fix(xmlNodePtr n, const struct S_model *m, bool top)
{
	if (m->flags & M_FLAT) {
		S_flatten(n);
		return true;
	}
	xmlNodePtr after = n; /* where the next child n may not hold goes */
	for (xmlNodePtr c = n->children, next; c; c = next) {
		next = c->next;
		/* (Characters outside text the policy took out: no browser
		 * draws them.) */
		const struct S_model *cm = S_model(c);
		if (!cm)
			continue;
		if (m->holds & cm->kind) {
			bool keep = S_fix(c, cm, false);
			next = keep ? c->next /* what c's children left behind it */ : S_drop(n, c);
		} else if ((cm->kind & (K_TSPAN | K_TEXTPATH)) && (m->holds & K_TEXT)) {
			/* Words outside text: a <text> of their own shows them. */
			xmlNodePtr text = xmlNewDocNode(n->doc, c->ns, (const xmlChar *)"text", NULL);
			xmlReplaceNode(c, text);
			xmlAddChild(text, c);
			xmlReconciliateNs(n->doc, text); /* c may declare the namespace */
			S_fix(text, S_model(text), false); /* a text is never refused */
			next = text->next;
		} else if (!top) {
			S_move_after(after, c);
			after = c;
		} else {
			next = S_drop(n, c);
		}
	}
	return S_order(n, m);
}

void svgmodel_apply(xmlNodePtr root)
{
	xmlNodePtr n = root;
	while (n) {
		const struct S_model *m = S_model(n);
		xmlNodePtr parent = n->parent;
		if (m && !S_is_svg(parent)) {
			xmlNodePtr next = n;
			/* the next node after n's subtree, before n may go */
			while (next != root && !next->next)
				next = next->parent;
			next = next == root ? NULL : next->next;
			if (!S_fix(n, m, true) && n != root)
				S_drop(parent, n);
			n = next;
			continue;
		}
		/* Pre-order, without recursion: a chapter nests deep. */
		if (n->children && n->type == XML_ELEMENT_NODE && !m) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		n = n == root ? NULL : n->next;
	}
}
