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
 * Each template gets a fixed set of variables, declared once in
 * template.c's table (template_info): the code that fills a template
 * sets only those, the check at load time refuses any other name, and
 * README's Templates section lists them (tests/template-vars.py keeps it
 * so). A template that names a variable it does not get is an error when
 * it is loaded, before any post converts, not an empty value in every
 * chapter.
 *
 * Ownership: strings returned are malloc'd; tvars_free releases the set.
 */
#ifndef SHEAF_TEMPLATE_H
#define SHEAF_TEMPLATE_H

#include <stdbool.h>
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

enum tvar_kind { TVAR_VALUE, TVAR_LIST };

/* One variable a template gets (README's Templates section says what it
 * holds). */
struct template_var {
	const char *name;
	enum tvar_kind kind;
};

/* One template: its variables (ending with a NULL name), or none when
 * the file is used as it is (style.css is not filled in). Static data. */
struct template_info {
	const char *name;
	bool filled;
	const struct template_var *vars;
};

/* The names of the built-in templates, NULL-terminated. */
const char *const *template_names(void);
/* The table entry of template `name`, or NULL when there is none. */
const struct template_info *template_info(const char *name);
/* Checks tmpl, the text of template `name`, without filling it in: each
 * {{name}} must be one of the variables the template gets, each section
 * closed by its own {{/name}}, {{.}} inside a section. Reports each
 * problem once (an unknown name once however often it is used) in origin
 * at its line and column. Returns 0, or -1 when it reported an error. */
int template_check(const char *tmpl, const char *name, const char *origin, struct diag_list *dl);
/* Checks a --templates folder before anything is built: a file there
 * that replaces no template is a warning ("did you mean …?"), and each
 * template it holds is loaded and checked. Returns 0, or -1 after
 * reporting an error (an unreadable or faulty template). */
int template_check_dir(const char *dir, struct diag_list *dl);
/* Loads template `name` from dir when dir has it, else the built-in one,
 * and checks it (template_check). Returns 0 and *out (with *origin, a
 * display name for diagnostics, owned by the caller), or -1 after
 * reporting an error. */
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
