/* Unit tests of src/convert/dialect/directives.c: container directives as
 * Docusaurus admonitions and Starlight asides write them, checked as text
 * and through cmark-gfm (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static char *S_dir(const char *in, struct diag_list *dl)
{
	return dt_rewrite(DIALECTS(&dialect_directives), &dt_ctx, in, dl);
}

#define DI(in, want, name)                     \
	do {                                   \
		char *o_ = S_dir((in), NULL);  \
		is_str(o_, (want), (name));    \
		free(o_);                      \
	} while (0)

/* An XPath count on the HTML cmark-gfm makes of the rewrite. */
static void S_xcount(const char *in, const char *expr, double want, const char *name)
{
	char *md = S_dir(in, NULL);
	dt_xcount_html(H(md), expr, want, name);
	free(md);
}

static void test_types(void)
{
	DI(":::note\n\nThe tide is *high*.\n\n:::\n",
	   "<div class=\"admonition note\"><p class=\"admonition-title\">Note</p>\n\nThe tide is *high*.\n\n</div>\n\n",
	   "note: a box titled by its type, content Markdown");
	DI(":::caution\nNo blank lines.\n:::\nAfter.\n",
	   "<div class=\"admonition caution\"><p class=\"admonition-title\">Caution</p>\n\nNo blank lines.\n\n</div>\n\n"
	   "After.\n",
	   "caution (Starlight): content right under the fence, text right after the closing");
	static const char *const types[] = {"tip", "info", "warning", "danger", "important", "success", "secondary"};
	for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
		char *in = xasprintf(":::%s\nx\n:::\n", types[i]);
		char *want = xasprintf("count(//div[@class='admonition %s']/p[.='x'])", types[i]);
		S_xcount(in, want, 1, types[i]);
		free(in);
		free(want);
	}
}

static void test_titles(void)
{
	S_xcount(":::note[Low *water* mark]\nx\n:::\n", "count(//p[@class='admonition-title']/em[.='water'])", 1,
		 "[label]: a Markdown title");
	S_xcount(":::tip Slack tide\nx\n:::\n", "count(//p[@class='admonition-title'][.='Slack tide'])", 1,
		 "legacy title after a space (Docusaurus)");
	S_xcount(":::info{title=\"Spring tide\" #id}\nx\n:::\n",
		 "count(//p[@class='admonition-title'][.='Spring tide'])", 1, "{title=\"…\"} attribute");
	S_xcount(":::danger[a [nested] label]\nx\n:::\n",
		 "count(//p[@class='admonition-title'][.='a [nested] label'])", 1, "brackets nest in a label");
	S_xcount(":::warning[]\nx\n:::\n", "count(//p[@class='admonition-title'][.='Warning'])", 1,
		 "an empty label: the type");
}

static void test_nesting(void)
{
	const char *in = "::::note[Outer]\n\nA\n\n:::tip[Inner]\n\nB\n\n:::\n\nC\n\n::::\n\nD\n";
	S_xcount(in, "count(//div[@class='admonition note']/div[@class='admonition tip']/p[.='B'])", 1,
		 "a box inside a box with a longer outer fence");
	S_xcount(in, "count(//div[@class='admonition note']/p[.='C'])", 1, "the shorter closing ends the inner box only");
	S_xcount(in, "count(/html/body/p[.='D'])", 1, "the longer closing ends the outer box");
	S_xcount(":::note\nA\n:::tip\nB\n:::\nC\n:::\n",
		 "count(//div[@class='admonition note']/div[@class='admonition tip'])", 1,
		 "equal fences nest too: the closing ends the innermost");
	S_xcount("::::note\nA\n:::\nstill in\n::::\n", "count(//div[@class='admonition note']/p[.='A\n:::\nstill in'])", 1,
		 "a closing shorter than the opening is text");
	S_xcount(":::note\n- a list\n\n  ```js\n  code\n  ```\n:::\n",
		 "count(//div[@class='admonition note']/ul/li/pre/code)", 1, "lists and code inside a box");
	S_xcount("- item\n\n  :::tip\n  in the item\n  :::\n", "count(//li/div[@class='admonition tip']/p[.='in the item'])",
		 1, "a box inside a list item");
	S_xcount(":::note\nnever closed\n", "count(//div[@class='admonition note']/p[.='never closed'])", 1,
		 "a box left open ends with the post");
}

static void test_code_and_text(void)
{
	DI("```md\n:::note\nin code\n:::\n```\n", "```md\n:::note\nin code\n:::\n```\n", "fences in code stay");
	DI("    :::note\n", "    :::note\n", "indented code stays");
	DI("a `:::note` span\n", "a `:::note` span\n", "a code span stays");
	DI(":::\n", ":::\n", "a closing with nothing open is text");
	DI("::: note\n", "::: note\n", "a space before the name is not a directive (micromark)");
	DI(":: note\n", ":: note\n", "two colons are not a fence");
	DI("> :::note\n", "> :::note\n", "not in a blockquote");
}

static void test_unknown(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = S_dir(":::spoiler\nhidden\n:::\n:::spoiler[Again]\nx\n:::\n", &dl);
	like(o, "<div class=\"admonition spoiler\"><p class=\"admonition-title\">Spoiler</p>", "unknown: titled by its name");
	like(o, "<p class=\"admonition-title\">Again</p>", "unknown: its label when it has one");
	ok(dt_has_warning(&dl, 10, "unknown directive ':::spoiler'"), "unknown: a warning naming it");
	ok(dl.n == 1, "unknown: one warning per name and post");
	free(o);
	diag_list_free(&dl);

	/* A name the site adds (Docusaurus' admonitions.keywords) is known. */
	struct site_data *sd = site_data_new(NULL);
	sv_push(&sd->admonitions, "spoiler");
	struct dialect_context ctx = dt_ctx;
	ctx.data = sd;
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = dt_rewrite(DIALECTS(&dialect_directives), &ctx, ":::spoiler\nhidden\n:::\n", &dl);
	like(o, "<div class=\"admonition spoiler\"><p class=\"admonition-title\">Spoiler</p>", "a site's name: a box");
	ok(dl.n == 0, "  without a warning");
	free(o);
	diag_list_free(&dl);

	/* The site's words for a box given no title (Docusaurus' zh-Hans);
	 * a title given, or a name they lack, as before. */
	static const char *const titles[] = {"note", "备注", "caution", "précaution", NULL};
	sd->box_titles = titles;
	o = dt_rewrite(DIALECTS(&dialect_directives), &ctx,
		       ":::note\na\n:::\n\n:::caution\nb\n:::\n\n:::note[Mine]\nc\n:::\n\n:::tip\nd\n:::\n", NULL);
	like(o, "<div class=\"admonition note\"><p class=\"admonition-title\">备注</p>", "the site's title for note");
	like(o, "<p class=\"admonition-title\">Précaution</p>", "capitalized, as the English name is");
	like(o, "<p class=\"admonition-title\">Mine</p>", "a title given wins");
	like(o, "<p class=\"admonition-title\">Tip</p>", "a name without the site's title: capitalized");
	free(o);
	site_data_free(sd);
}

int main(void)
{
	static void (*const tests[])(void) = {test_types, test_titles, test_nesting, test_code_and_text, test_unknown,
					       NULL};
	return dt_run(tests);
}
