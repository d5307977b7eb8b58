/* pyext.c — which Python-Markdown extensions a site turns on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "convert/dialect/pyext.h"

bool pyext_listed(const struct fm_node *exts, const char *name)
{
	if (!exts)
		return false;
	if (exts->kind == FM_LIST) {
		for (size_t i = 0; i < exts->n; i++) {
			const struct fm_node *it = exts->items[i];
			if ((it->kind == FM_SCALAR && strcmp(it->value, name) == 0) ||
			    (it->kind == FM_MAP && fm_get(it, name)))
				return true;
		}
		return false;
	}
	if (exts->kind != FM_MAP)
		return false;
	if (fm_get(exts, name))
		return true;
	const char *dot = strchr(name, '.');
	if (!dot)
		return false;
	char *head = xstrndup(name, (size_t)(dot - name));
	bool found = pyext_listed(fm_get(exts, head), dot + 1);
	free(head);
	return found;
}

bool pyext_builtin(const struct fm_node *exts, const char *name, bool extra)
{
	/* Python-Markdown loads its own extensions by either name. */
	char full[64];
	snprintf(full, sizeof full, "markdown.extensions.%s", name);
	if (pyext_listed(exts, name) || pyext_listed(exts, full))
		return true;
	return extra && strcmp(name, "extra") != 0 && pyext_builtin(exts, "extra", false);
}
