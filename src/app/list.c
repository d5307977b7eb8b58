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

/* One field: shown as diagnostics are on a terminal, else as data. */
static void S_add_field(struct strbuf *sb, const char *s, bool terminal)
{
	if (terminal)
		diag_escape(sb, s);
	else
		S_add_data(sb, s);
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
			S_add_field(&sb, field[k], terminal);
		}
		sb_addc(&sb, '\n');
		fputs(sb.s, f);
	}
	sb_release(&sb);
}

void list_print_values(FILE *f, const struct sel_values *vals, bool terminal)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < vals->n; i++) {
		sb.len = 0;
		S_add_field(&sb, vals->v[i].name, terminal);
		sb_addf(&sb, "\t%zu\n", vals->v[i].posts);
		fputs(sb.s, f);
	}
	sb_release(&sb);
}
