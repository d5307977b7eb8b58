/* template.h — the user-editable page templates (templates/ in the source).
 *
 * Templates are built into the binary (so it works from the build folder
 * and after install) and a folder given with --templates may replace any
 * of them by name.
 *
 * The language is a small, logic-less subset of Mustache:
 *   {{name}}              the value, XML-escaped (values are never pasted raw)
 *   {{#name}}…{{/name}}   for a list: once per item, {{.}} being the item;
 *                         for a value: once when it is not empty
 *   {{^name}}…{{/name}}   once when the value or list is empty
 * The chapter template also holds <?sheaf-content?> where the post goes:
 * the post is inserted as a parsed tree, not as text.
 *
 * Ownership: strings returned are malloc'd; tvars_free releases the set.
 */
#ifndef SHEAF_TEMPLATE_H
#define SHEAF_TEMPLATE_H

#include <stddef.h>

#include "base/diag.h"
#include "base/util.h"

struct tvar {
	char *name;
	char *value;        /* NULL for lists */
	struct strvec list; /* used when value is NULL */
};

struct tvars {
	struct tvar *v;
	size_t n, cap;
};
#define TVARS_INIT {NULL, 0, 0}

void tvars_set(struct tvars *tv, const char *name, const char *value); /* NULL → "" */
void tvars_set_list(struct tvars *tv, const char *name, const struct strvec *list);
void tvars_free(struct tvars *tv);

/* The names of the built-in templates, NULL-terminated. */
const char *const *template_names(void);
/* Loads template `name` from dir when dir has it, else the built-in one.
 * Returns 0 and *out (with *origin, a display name for diagnostics, owned
 * by the caller), or -1 after reporting an error. */
int template_load(char **out, char **origin, const char *name, const char *dir,
		  struct diag_list *dl);
/* Renders tmpl. Returns 0 and *out, or -1 after reporting an error in
 * origin at its line. */
int template_render(char **out, const char *tmpl, const struct tvars *tv, const char *origin,
		    struct diag_list *dl);
/* Renders tmpl into a page that must be well-formed XML (a user's template
 * may break it with a stray '<'): returns 0 and *out, or -1 after
 * reporting an error in origin that names the page (what: "the title
 * page"). */
int template_render_xml(char **out, const char *tmpl, const struct tvars *tv, const char *origin,
			const char *what, struct diag_list *dl);

#endif
