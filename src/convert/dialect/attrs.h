/* attrs.h — attribute lists (`{#id .class key=value}`), which three
 * dialects read, each in its own way (private to src/convert/dialect/):
 * MkDocs' attr_list, kramdown's `{: …}` and plain heading ids. A dialect
 * passes its syntax; nothing here asks which dialect is on. */
#ifndef SHEAF_DIALECT_ATTRS_H
#define SHEAF_DIALECT_ATTRS_H

#include "convert/dialect/scan.h"

struct attrs_syntax {
	bool colon;     /* `{: …}` (kramdown, attr_list) */
	bool ext;       /* kramdown extensions `{::name}`, `{:/}` are dropped */
	bool attr_list; /* attr_list: bare words after an inline element, lists after any
			   inline element, `{ .class }` lines, lenient headings */
	bool tight;     /* a heading's list may follow its text without a space
			   (`## Title{#id}`: Goldmark, pulldown-cmark) */
};

/* `## Title {#id .class}`: a heading with its id. */
bool attrs_heading(struct ds_blk *b, const struct ds_line *l, const struct attrs_syntax *syn);
/* A line that is only an attribute list, or a list item followed by
 * `{:toc}`: dropped. */
bool attrs_drop_line(struct ds_blk *b, const struct ds_line *l, const struct attrs_syntax *syn);
/* An attribute list at x->s[i] ('{'); kd: the cache for `{::comment}`'s
 * end (with ext). */
size_t attrs_inline(struct ds_inl *x, size_t i, const struct attrs_syntax *syn, struct ds_cache *kd);

#endif
