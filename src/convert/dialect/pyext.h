/* pyext.h — which Python-Markdown extensions a site turns on (its
 * markdown_extensions: mkdocs.yml's list, zensical.toml's tables, the list
 * the Pelican generator makes of MARKDOWN), for the passes that read
 * Python-Markdown syntax (private to src/convert/dialect/). */
#ifndef SHEAF_DIALECT_PYEXT_H
#define SHEAF_DIALECT_PYEXT_H

#include <stdbool.h>

#include "input/frontmatter.h"

/* Is the extension named (dotted) listed in exts, the markdown_extensions
 * node (borrowed; NULL: no)? As a list item (a name, or a mapping from
 * the name to its options), or as a key of a mapping, whole or split at
 * its dots (zensical.toml writes [project.markdown_extensions.pymdownx.mark]). */
bool pyext_listed(const struct fm_node *exts, const char *name);

/* Is Python-Markdown's own extension name (admonition, attr_list…) on in
 * exts: listed as name or as markdown.extensions.name, or, when extra is
 * true (one that `extra` brings), through extra? */
bool pyext_builtin(const struct fm_node *exts, const char *name, bool extra);

#endif
