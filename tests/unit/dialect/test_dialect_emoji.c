/* Unit tests of src/convert/dialect/emoji.c: emoji shortcodes (and MkDocs
 * icons). Checked as text and, end to end, through cmark-gfm and libxml2's
 * HTML parser (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static void test_emoji(void)
{
	IS(MK, ":smile: :+1: :rocket::tada: :warning:\n",
	   "\xF0\x9F\x98\x84 \xF0\x9F\x91\x8D \xF0\x9F\x9A\x80\xF0\x9F\x8E\x89 \xE2\x9A\xA0\xEF\xB8\x8F\n",
	   "emoji shortcodes become Unicode");
	IS(MK, "Icons :material-trash-can: :octicons-heart-fill-24: :fontawesome-brands-x-twitter: :simple-github: go.\n",
	   "Icons     go.\n", "icon shortcodes go");
	IS(MK, "At 12:30:45 the :not_an_emoji: stays, http://x.org too.\n",
	   "At 12:30:45 the :not_an_emoji: stays, http://x.org too.\n", "times, unknown names and URLs stay");
	IS(MK, "`:smile:` and\n\n```\n:smile:\n```\n", "`:smile:` and\n\n```\n:smile:\n```\n", "not in code");
	IS(LIQ, "Jekyll :tada: (jemoji)\n", "Jekyll \xF0\x9F\x8E\x89 (jemoji)\n", "Jekyll posts too");
	IS(LIQ, ":material-x:\n", ":material-x:\n", "icons are MkDocs only");
	IS(HUGO, ":smile:\n", ":smile:\n", "Hugo's emoji need a setting sheaf cannot see: left");
}

/* Hugo's enableEmoji and Zola's render_emoji: off unless the site turns
 * them on (sitedata.h). */
static void test_site_emoji(void)
{
	struct site_data *sd = site_data_new(NULL);
	IS(HUGO | SEMO, "Hi :smile:\n", "Hi :smile:\n", "site emoji: no site data, no emoji");
	dt_ctx.data = sd;
	IS(HUGO | SEMO, "Hi :smile:\n", "Hi :smile:\n", "site emoji: off by default");
	sd->emoji = true;
	IS(HUGO | SEMO, "Hi :smile: at 12:30:00, `:tada:`\n", "Hi \xF0\x9F\x98\x84 at 12:30:00, `:tada:`\n",
	   "site emoji: on, outside code");
	IS(ZOLA | SEMO, "Zola :tada:\n", "Zola \xF0\x9F\x8E\x89\n", "site emoji: Zola posts too");
	IS(HUGO | SEMO, "<span title=\":smile:\">x</span>\n", "<span title=\":smile:\">x</span>\n",
	   "site emoji: not inside a tag");
	dt_ctx.data = NULL;
	site_data_free(sd);
}

int main(void)
{
	static void (*const tests[])(void) = {test_emoji, test_site_emoji, NULL};
	return dt_run(tests);
}
