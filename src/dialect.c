#include "dialect.h"

#include "util.h"

char *dialect_rewrite(unsigned dialects, const struct dialect_context *ctx, const char *md,
		      size_t len, size_t *out_len, const char *file, int first_line,
		      struct diag_list *dl)
{
	(void)dialects;
	(void)ctx;
	(void)file;
	(void)first_line;
	(void)dl;
	*out_len = len;
	return xstrndup(md, len);
}
