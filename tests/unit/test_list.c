/* Unit tests of list.h: --list's lines, as data and on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/list.h"
#include "tap.h"

static char *S_listed(const struct post_list *pl, bool terminal)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	list_print(f, pl, terminal);
	fclose(f);
	return buf;
}

int main(void)
{
	struct post_list pl = POST_LIST_INIT;
	struct post *a = post_new("posts/a\tb\nc\\d.md", "a.md");
	a->title = xstrdup("Caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\x1b[2J\r");
	date_parse(&a->date, "2024-01-02");
	post_list_push(&pl, a);
	struct post *b = post_new("posts/b.md", "b.md");
	b->title = xstrdup("\xe2\x80\xae" "gnp.exe\xff");
	post_list_push(&pl, b);

	char *out = S_listed(&pl, false);
	is_str(out,
	       "2024-01-02\tCaf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\x1b[2J\\r\tposts/a\\tb\\nc\\\\d.md\n"
	       "\t\xe2\x80\xae" "gnp.exe\xff\tposts/b.md\n",
	       "data: tab, newline, CR and backslash in a field escaped, the rest as it is");
	free(out);
	out = S_listed(&pl, true);
	is_str(out,
	       "2024-01-02\tCaf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\\x1b[2J\\r\tposts/a\\tb\\nc\\d.md\n"
	       "\t\\u202egnp.exe\\xff\tposts/b.md\n",
	       "terminal: controls, bidi overrides and invalid UTF-8 escaped as in diagnostics");
	free(out);

	/* --list-tags and the like: name and count, the name escaped alike. */
	struct sel_value v[] = {{"Tab\there\\", "x", 12}, {"\x1b[2Jnew\nline", "y", 1}};
	struct sel_values vals = {v, 2, 2};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	list_print_values(f, &vals, false);
	fclose(f);
	is_str(buf, "Tab\\there\\\\\t12\n\x1b[2Jnew\\nline\t1\n", "values as data: name TAB count");
	free(buf);
	f = open_memstream(&buf, &len);
	list_print_values(f, &vals, true);
	fclose(f);
	is_str(buf, "Tab\\there\\\t12\n\\x1b[2Jnew\\nline\t1\n", "values on a terminal: escaped as diagnostics");
	free(buf);
	post_list_free(&pl, true);
	return done_testing();
}
