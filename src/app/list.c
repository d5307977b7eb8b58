#include "app/list.h"

#include <string.h>

#include "base/diag.h"

/* A field of a data line: nothing in it can split a line or a field, and
 * the escapes read back unambiguously since a backslash is escaped too. */
static void S_add_data(struct strbuf *sb, const char *s)
{
	for (const char *run = s;; s++) {
		const char *esc = NULL;
		switch (*s) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\0': break;
		default: continue;
		}
		sb_add(sb, run, (size_t)(s - run));
		if (!esc)
			return;
		sb_adds(sb, esc);
		run = s + 1;
	}
}

void list_print(FILE *f, const struct post_list *posts, bool terminal)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < posts->n; i++) {
		const struct post *p = posts->v[i];
		char ymd[11] = "";
		if (p->date.valid)
			date_format_ymd(&p->date, ymd);
		const char *field[] = {ymd, p->title, p->path};
		sb.len = 0;
		for (size_t k = 0; k < sizeof field / sizeof *field; k++) {
			if (k)
				sb_addc(&sb, '\t');
			if (terminal)
				diag_escape(&sb, field[k]);
			else
				S_add_data(&sb, field[k]);
		}
		sb_addc(&sb, '\n');
		fputs(sb.s, f);
	}
	sb_release(&sb);
}
