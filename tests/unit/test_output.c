/* Unit tests of output.h's default name: a title's slug, its dashes read
 * as separators. */
#include <stdlib.h>

#include "app/output.h"
#include "tap.h"

static void S_name(const char *title, const char *expected, const char *what)
{
	char *got = output_default_name(title);
	is_str(got, expected, what);
	free(got);
}

int main(void)
{
	S_name("Notes from the Workbench", "notes-from-the-workbench.epub", "a title: its slug");
	S_name("Notes from the Workbench \xE2\x80\x94 Career", "notes-from-the-workbench-career.epub",
	       "an em dash between words: one hyphen");
	S_name("Notes \xE2\x80\x94 2019\xE2\x80\x93" "2021", "notes-2019-2021.epub",
	       "an en dash between years: a hyphen, not '20192021'");
	S_name("Notes \xE2\x80\x94 Career \xC2\xB7 by Bruno Fern\xC3\xA1ndez", "notes-career-by-bruno-fernandez.epub",
	       "a middle dot: a separator; an accent: its letter");
	S_name("\xE6\x9B\xB8 \xE2\x80\x94 \xE6\x9C\xAC", "\xE6\x9B\xB8-\xE6\x9C\xAC.epub",
	       "letters a slug drops: kept, the dash a separator");
	S_name("\xE2\x80\x94", "section.epub", "a title of a dash alone: slugify's name for nothing, not an empty one");
	return done_testing();
}
