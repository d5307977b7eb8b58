/* Placeholder until TOML support (toml++, issue 3) lands: every TOML
 * document is refused with a clear error. */
#include "frontmatter.h"

int fm_parse_toml(struct fm_node **out, const char *buf, size_t len, const char *file,
		  int first_line, struct diag_list *dl)
{
	(void)buf;
	(void)len;
	*out = NULL;
	diag_error(dl, file, first_line, 1, "TOML is not supported yet");
	return -1;
}
