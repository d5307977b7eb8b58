/* Unit tests of src/convert/dialect/mdx.c: MDX as Docusaurus and Astro read
 * it, checked as text and through cmark-gfm (dialect_fixture.h). The post
 * is posts/p.mdx unless a test says otherwise. */
#include "dialect/dialect_fixture.h"

static char *S_mdx_in(const char *relpath, const struct site_data *data, const char *in, struct diag_list *dl)
{
	struct dialect_context ctx = dt_ctx;
	ctx.post_relpath = relpath;
	ctx.data = data;
	return dt_rewrite(DIALECTS(&dialect_mdx, &dialect_directives), &ctx, in, dl);
}

static char *S_mdx(const char *in, struct diag_list *dl)
{
	return S_mdx_in("posts/p.mdx", NULL, in, dl);
}

#define MX(in, want, name)                     \
	do {                                   \
		char *o_ = S_mdx((in), NULL);  \
		is_str(o_, (want), (name));    \
		free(o_);                      \
	} while (0)

static char *S_html(const char *in)
{
	char *md = S_mdx(in, NULL);
	char *html = H(md);
	free(md);
	return html;
}

#define MXH(in, want, name)                    \
	do {                                   \
		char *o_ = S_html(in);         \
		like(o_, (want), (name));      \
		free(o_);                      \
	} while (0)
#define MXHN(in, want, name)                   \
	do {                                   \
		char *o_ = S_html(in);         \
		unlike(o_, (want), (name));    \
		free(o_);                      \
	} while (0)

/* An XPath count on the HTML cmark-gfm makes of the rewrite. */
static void S_xcount(const char *in, const char *expr, double want, const char *name)
{
	dt_xcount_html(S_html(in), expr, want, name);
}

static void test_scope(void)
{
	const char *in = "import Box from '@theme/Box';\n\nText {/* hidden */} here.\n";
	char *o = S_mdx_in("posts/p.md", NULL, in, NULL);
	is_str(o, in, "a .md post of a site whose .md is not MDX is left alone");
	free(o);
	struct site_data *sd = site_data_new(NULL);
	sd->mdx_md = true;
	o = S_mdx_in("posts/p.md", sd, in, NULL);
	is_str(o, "\nText  here.\n", "a .md post when the site reads .md as MDX");
	free(o);
	site_data_free(sd);
	o = S_mdx_in("posts/P.MDX", NULL, in, NULL);
	is_str(o, "\nText  here.\n", ".mdx in any case");
	free(o);
}

static void test_esm(void)
{
	MX("import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Title\n",
	   "\n# Title\n", "imports go");
	MX("---\n\nimport {\n  a,\n  b,\n} from './c';\n\nText\n", "---\n\n\nText\n", "an import over lines");
	MX("export const meta = {\n  title: 'x',\n\n  tags: ['a'],\n};\n\nText\n", "\nText\n",
	   "an export whose object holds a blank line");
	MX("import X from 'x'\nexport default function Layout({children}) {\n  return <div>{children}</div>;\n}\n\nText\n",
	   "\nText\n", "import and export default together");
	MX("import './style.css';\nText right after\n", "Text right after\n",
	   "a statement ends at its line when the next is no continuation");
	MX("Text\nimport this\n", "Text\nimport this\n", "not after a paragraph line (no ESM inside a paragraph)");
	MX("Import the module.\n\nimportant\n", "Import the module.\n\nimportant\n", "words that begin alike are text");
	MX("```js\nimport X from 'y';\n```\n", "```js\nimport X from 'y';\n```\n", "ESM in code stays");
	MX("- item\n\n  import X from 'y'\n", "- item\n\n  import X from 'y'\n", "not in a list");
	MX("import {a,\n\nnever closed\n\nText\n", "\nnever closed\n\nText\n",
	   "a statement never whole ends at a blank line");
	MX("## Title {#my-id}\n", "## Title {#my-id}\n", "a heading id is left for its pass");
}

static void test_comments(void)
{
	MX("Intro.\n\n{/* truncate */}\n\nMore.\n", "Intro.\n\n\n\nMore.\n", "the truncate marker goes");
	MX("Intro.\n\n{/*\nA long\n\ncomment\n*/}\n\nMore.\n", "Intro.\n\n\nMore.\n",
	   "a comment over lines and a blank line goes");
	MX("Intro.\n\n<!-- truncate -->\n\nMore.\n", "Intro.\n\n\n\nMore.\n", "an HTML comment goes");
	MX("a {/* note */} b\n", "a  b\n", "a comment inside text goes");
	MX("`{/* kept */}` and\n\n    {/* kept */}\n", "`{/* kept */}` and\n\n    {/* kept */}\n", "comments in code stay");
}

static void test_expressions(void)
{
	MX("Say {'hello'} and {\"there\"} and {`again`}.\n", "Say hello and there and again.\n",
	   "string literals are their text");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = S_mdx("Year {new Date().getFullYear()} and {1 + 1}.\n", &dl);
	is_str(o, "Year ` {new Date().getFullYear()} ` and ` {1 + 1} `.\n", "other expressions are code");
	ok(dt_has_warning(&dl, 10, "MDX {expression}"), "expression: a warning");
	ok(dl.n == 1, "expression: one warning per post");
	free(o);
	diag_list_free(&dl);
	MX("Braces \\{like this\\}.\n", "Braces \\{like this\\}.\n", "escaped braces are text");
	MXH("Braces \\{like this}.\n", "Braces {like this}.", "an escaped brace shows");
	MX("A `{code}` span.\n", "A `{code}` span.\n", "braces in a code span stay");
	MX("{`template with ${x}`}\n", "`` {`template with ${x}`} ``\n", "a template with a substitution is code");
	S_xcount("{\n  [1, 2].map((n) => (\n    n * 2\n  ))\n}\n\nAfter\n", "count(//pre/code)", 1,
		 "an expression over lines alone is a code block");
	MX("An unclosed { brace stays.\n", "An unclosed { brace stays.\n", "an unclosed brace is text");
}

static void test_tabs(void)
{
	const char *in = "<Tabs>\n  <TabItem value=\"npm\" label=\"Using *npm*\">\n\n"
			 "```sh\nnpm i\n```\n\n  </TabItem>\n  <TabItem value=\"yarn\">\n\nWith **yarn**.\n\n"
			 "  </TabItem>\n</Tabs>\n";
	S_xcount(in, "count(//div[@class='tab'])", 2, "each TabItem is a tab box");
	S_xcount(in, "count(//div[@class='tab'][1]/p[@class='tab-title']/em[.='npm'])", 1, "titled by its label");
	S_xcount(in, "count(//div[@class='tab'][2]/p[@class='tab-title'][.='yarn'])", 1, "else by its value");
	S_xcount(in, "count(//div[@class='tab'][1]/pre/code)", 1, "code inside a tab");
	S_xcount(in, "count(//div[@class='tab'][2]/p/strong)", 1, "Markdown inside a tab");
	MXHN(in, "Tabs", "no tag left");
	S_xcount("<Tabs groupId=\"os\" values={[{label: 'A', value: 'a'}]}>\n<TabItem\n  value=\"a\"\n  label=\"Alpha\"\n>\n"
		 "Text\n</TabItem>\n</Tabs>\n",
		 "count(//div[@class='tab']/p[@class='tab-title'][.='Alpha'])", 1, "a tag over lines, object props");
}

static void test_elements(void)
{
	S_xcount("<Admonition type=\"warning\" title=\"Mind the gap\">\n\nText\n\n</Admonition>\n",
		 "count(//div[@class='admonition warning']/p[@class='admonition-title'][.='Mind the gap'])", 1,
		 "Admonition: the :::warning box");
	S_xcount("<figure>\n  <img src={require('./f.png').default} alt=\"F\" />\n  <figcaption>A *fig*</figcaption>\n</figure>\n",
		 "count(//figure/img[@src='./f.png'])", 1, "figure and img");
	MXH("<a href={useBaseUrl('/docs/x')} target=\"_blank\">doc</a> here\n", "<a href=\"/docs/x\" target=\"_blank\">doc</a>",
	    "a with a prop in braces");
	S_xcount("<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n",
		 "count(//details/summary[.='More'])", 1, "details and summary stay HTML");
	S_xcount("<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n", "count(//details//em)", 1,
		 "what details holds is Markdown");
	S_xcount("<div className=\"box\" style={{color: 'red'}}>\nInside *md*\n</div>\n",
		 "count(//div[@class='box'][not(@style)]/p/em)", 1,
		 "className is class, object props go, the content is Markdown");
	MXH("<img src={require('./pic.png').default} alt=\"A pic\" />\n", "<img src=\"./pic.png\" alt=\"A pic\" />",
	    "require(…).default is the path");
	MXH("<img src={useBaseUrl('/img/x.png')} />\n", "<img src=\"/img/x.png\" />", "useBaseUrl(…) is the path");
	MXH("import Pic from '@site/static/img/pic.png';\n\n<img src={Pic} width={300} />\n",
	    "<img src=\"/img/pic.png\" width=\"300\" />", "an imported image is its path");
	MXH("Text with <img src={require('@site/static/a.png').default} /> inline.\n",
	    "<img src=\"/a.png\" /> inline.", "an inline element too");
	MXH("A<br/>B\n", "<br/>B", "a self-closing br stays");
	MXH("<p>\n  <span>x</span>\n</p>\n", "<span>x</span>", "plain HTML stays");
	S_xcount("<>\nIn a fragment\n</>\n", "count(//p[.='In a fragment'])", 1, "fragments go, their content stays");
	MX("```jsx\n<View style={{flex: 1}}>\n  <Text>Hi</Text>\n</View>\n```\n",
	   "```jsx\n<View style={{flex: 1}}>\n  <Text>Hi</Text>\n</View>\n```\n", "JSX in code is code");
	MX("Use `<View>` here.\n", "Use `<View>` here.\n", "JSX in a code span is code");
	MXH("See <https://example.com>.\n", "<a href=\"https://example.com\">", "an autolink is a link");
}

static void test_no_indented_code(void)
{
	const char *in = "<Tabs>\n  <TabItem value=\"yarn\">\n\n    ```json title=\"package.json\"\n    {\n      \"a\": 1\n    }\n"
			 "    ```\n\n    Then *run* it.\n    Twice.\n\n  </TabItem>\n</Tabs>\n";
	S_xcount(in, "count(//div[@class='tab']/pre/code[@class='language-json'][.='{\n  \"a\": 1\n}\n'])", 1,
		 "a fence indented under a TabItem is a fence, its lines moved with it");
	S_xcount(in, "count(//div[@class='tab']/p[em='run'][contains(., 'Twice.')])", 1,
		 "a paragraph indented under a tag is a paragraph");
	MX("Text\n\n    indented code\n", "Text\n\n    indented code\n", "outside JSX an indented block stays code");
	S_xcount("<Note>\n\n- a\n\n    more of a\n</Note>\n", "count(//li/p[.='more of a'])", 1,
		 "inside a list, indentation is the list's");
	MX("```md\n<Tabs>\n\n    kept\n```\n", "```md\n<Tabs>\n\n    kept\n```\n", "tags in code open nothing");
	char *o = S_mdx_in("posts/p.md", NULL, "<div>\n\n    code\n</div>\n", NULL);
	like(o, "\n    code\n", "not in a post that is not MDX");
	free(o);
}

static void test_theme_components(void)
{
	S_xcount("<Aside type=\"caution\" title=\"Careful\">\nText\n</Aside>\n",
		 "count(//div[@class='admonition caution']/p[@class='admonition-title'][.='Careful'])", 1,
		 "Aside (Starlight): the :::caution box");
	S_xcount("<Aside>\nText\n</Aside>\n", "count(//div[@class='admonition note']/p[.='Text'])", 1,
		 "Aside: a note by default");
	S_xcount("<Code code=\"let a = 1;\" lang=\"js\" />\n",
		 "count(//pre/code[@class='language-js'][.='let a = 1;'])", 1, "Code: its code prop is a code block");
	S_xcount("<CodeBlock language=\"py\" title=\"a.py\">\n{`def f():\n    return 1`}\n</CodeBlock>\n",
		 "count(//pre/code[@class='language-py'][contains(., '    return 1')])", 1,
		 "CodeBlock: its string child is a code block");
	S_xcount("<LinkCard title=\"Guide\" href=\"https://x.example/g\" description=\"How to\" />\n",
		 "count(//p/a[@href='https://x.example/g'][.='Guide'])", 1, "a card with an href is a link");
	MXH("Inline <Aside title=\"Note\">x</Aside>.\n", "<strong>Note</strong> x.", "inline Aside: its title");
}

static void test_components(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = S_mdx("<Tweet id=\"123\" />\n\n<Figure caption=\"A *tide* chart\">\n\nThe chart.\n\n</Figure>\n\n"
			"Inline <Badge text=\"new\" /> and <API.User>member</API.User>.\n\n<Tweet id=\"456\" />\n",
			&dl);
	unlike(o, "Tweet", "an unknown component's tags go");
	like(o, "<p>A *tide* chart</p>", "its text props stay, as text");
	like(o, "The chart.", "what it encloses stays");
	like(o, "Inline new and member.", "inline: tags go, text stays");
	ok(dt_has_warning(&dl, 10, "<Tweet>"), "a warning naming it");
	ok(dt_has_warning(&dl, 0, "<API.User>"), "member names are components");
	size_t tweets = 0;
	for (size_t i = 0; i < dl.n; i++)
		tweets += strstr(dl.v[i].message, "<Tweet>") != NULL;
	ok(tweets == 1, "one warning per component and post");
	free(o);
	diag_list_free(&dl);
	S_xcount("<Note>\nText *inside*\n</Note>\n", "count(//p/em)", 1, "content under a flow tag is Markdown");
}

int main(void)
{
	static void (*const tests[])(void) = {test_scope,    test_esm,      test_comments, test_expressions,
					       test_tabs,     test_no_indented_code, test_elements, test_theme_components, test_components, NULL};
	return dt_run(tests);
}
