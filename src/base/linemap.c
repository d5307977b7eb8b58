#include "base/linemap.h"

#include <stdlib.h>

int linemap_get(const struct linemap *m, int line)
{
	if (!m || !m->line || !m->n || line < 1)
		return line;
	if ((size_t)line > m->n)
		return m->line[m->n - 1];
	return m->line[line - 1];
}

void linemap_free(struct linemap *m)
{
	free(m->line);
	m->line = NULL;
	m->n = 0;
}
