/* Unit tests of src/convert/dialect/hugo.c: Hugo shortcodes. Checked as
 * text and, end to end, through cmark-gfm and libxml2's HTML parser
 * (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static void test_hugo(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o, *html;

	o = R(HUGO, "{{< figure src=\"/img/a.png\" alt=\"An A\" title=\"Tee\" caption=\"The *A* caption\" link=\"https://x.org\" >}}\n", NULL);
	like(o, "<figure>\n<a href=\"https://x.org\"><img src=\"/img/a.png\" alt=\"An A\" /></a>\n<figcaption>\n<p><strong>Tee</strong></p>\n\nThe *A* caption\n\n</figcaption>\n</figure>",
	     "figure: <figure>, <img>, a Markdown caption");
	free(o);
	dt_xcount(HUGO, "Text before\n{{< figure src=\"b.png\" caption=\"Cap **b**\" >}}\nText after.\n",
		 "count(//figure/img[@src='b.png']) + count(//figure/figcaption/p/strong) + count(/html/body/p)", 4,
		 "figure end to end, between lines of text");
	LIKE(HUGO, "Inline {{< figure src=\"c.png\" >}} here.\n", "Inline <img src=\"c.png\" alt=\"\" /> here.",
	     "figure inside a line: the image");

	o = R(HUGO, "{{< youtube w7Ft2ymGmfc >}}\n\n{{< youtube id=\"abc\" title=\"T\" >}}\n", NULL);
	like(o, "[Video on YouTube\\: https\\://www\\.youtube\\.com/watch?v\\=w7Ft2ymGmfc](https://www.youtube.com/watch?v=w7Ft2ymGmfc)",
	     "youtube: a link with a label");
	free(o);
	html = RH(HUGO, "{{< youtube w7Ft2ymGmfc >}}\n{{< vimeo 146022717 >}}\n{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n"
			"{{< gist spf13 7896402 >}}\n{{< instagram BWNjjyYFxVx >}}\n{{< youtube_simple xyz >}}\n");
	ok(str_starts_with(html, "<p data-sourcepos=\"1:1-1:") &&
	       strstr(html, "\"><a href=\"https://www.youtube.com/watch?v=w7Ft2ymGmfc\">Video on YouTube: https://www.youtube.com/watch?v=w7Ft2ymGmfc</a></p>\n<p"),
	   "youtube: a paragraph of its own");
	like(html, ">Video on Vimeo: https://vimeo.com/146022717</a>", "vimeo");
	like(html, ">Post on X (Twitter): https://twitter.com/SanDiegoZoo/status/1453110110599868418</a>", "tweet");
	like(html, ">Gist on GitHub: https://gist.github.com/spf13/7896402</a>", "gist");
	like(html, ">Post on Instagram: https://www.instagram.com/p/BWNjjyYFxVx/</a>", "instagram");
	like(html, ">Video on YouTube: https://www.youtube.com/watch?v=xyz</a>", "the _simple variants");
	free(html);

	/* The labels in the book's language (the context's). */
	static const struct {
		const char *lang, *video, *post, *gist;
	} langs[] = {
		{"ja", ">YouTube の動画：https://www.youtube.com/watch?v=w7Ft2ymGmfc</a>",
		 ">X (Twitter) の投稿：https://twitter.com/SanDiegoZoo/status/1</a>", ">GitHub の Gist：https://gist.github.com/spf13/7896402</a>"},
		{"de", ">Video auf YouTube: https://www.youtube.com/watch?v=w7Ft2ymGmfc</a>",
		 ">Beitrag auf X (Twitter): https://twitter.com/SanDiegoZoo/status/1</a>",
		 ">Gist auf GitHub: https://gist.github.com/spf13/7896402</a>"},
		{"fr", ">Vidéo sur YouTube\xC2\xA0: https://www.youtube.com/watch?v=w7Ft2ymGmfc</a>",
		 ">Publication sur X (Twitter)\xC2\xA0: https://twitter.com/SanDiegoZoo/status/1</a>",
		 ">Gist sur GitHub\xC2\xA0: https://gist.github.com/spf13/7896402</a>"},
	};
	for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
		dt_ctx.language = langs[i].lang;
		html = RH(HUGO, "{{< youtube w7Ft2ymGmfc >}}\n\n{{< tweet user=\"SanDiegoZoo\" id=\"1\" >}}\n\n"
				"{{< gist spf13 7896402 >}}\n");
		like(html, langs[i].video, langs[i].lang);
		like(html, langs[i].post, langs[i].lang);
		like(html, langs[i].gist, langs[i].lang);
		free(html);
	}
	dt_ctx.language = NULL;

	IS(HUGO, "[a]({{< relref \"a.md#sec\" >}}) [b]({{<ref other.md >}}) [c]({{< relref path=\"with space.md\" >}})\n",
	   "[a](../a/index.md#sec) [b](other.md) [c](with%20space%20%281%29.md)\n",
	   "ref/relref: the resolver's path, else as written; the fragment kept; made safe for a link");
	IS(HUGO, "[ga]: {{< relref a.md >}}\n", "[ga]: ../a/index.md\n", "relref in a link definition");

	IS(HUGO, "{{< highlight go \"linenos=table\" >}}\nfunc() {{< notme >}}\n  `x`\n{{< /highlight >}}\nNext.\n",
	   "```go\nfunc() {{< notme >}}\n  `x`\n```\nNext.\n", "highlight: a fenced code block, untouched");
	IS(HUGO, "Inline {{< highlight sh >}}ls -l{{< /highlight >}}.\n", "Inline ` ls -l `.\n",
	   "highlight inside a line: inline code");

	o = R(HUGO, "{{% alert title=\"Note\" color=\"info\" %}}\n  Alert **content**.\n{{% /alert %}}\nAfter.\n", NULL);
	like(o, "<div class=\"admonition info\">\n<p class=\"admonition-title\">Note</p>", "callout: a box with its title");
	free(o);
	dt_xcount(HUGO, "{{% alert title=\"Note\" color=\"info\" %}}\nAlert **content**.\n{{% /alert %}}\nAfter.\n",
		 "count(//div[@class='admonition info']/p/strong) + count(/html/body/p[.='After.'])", 2,
		 "callout end to end: its Markdown inside, what follows outside");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(HUGO,
	      "Line one\n"
	      "{{< mything arg=\"1\" >}}inner *text*{{< /mything >}}\n"
	      "\n"
	      "{{% other %}}\n"
	      "Markdown **inside**.\n"
	      "{{% /other %}}\n"
	      "{{< mything />}}\n",
	      &dl);
	is_str(o, "Line one\ninner *text*\n\n\nMarkdown **inside**.\n\n\n", "unknown shortcodes: tags go, the inside stays");
	ok(dt_has_warning(&dl, 11, "unknown Hugo shortcode 'mything'") && dt_has_warning(&dl, 11, "2 times"),
	   "unknown shortcode: one warning naming it, its first line and the count");
	ok(dt_has_warning(&dl, 13, "'other'"), "unknown shortcode: the %% form");
	is_int(dl.n, 2, "unknown shortcode: no warning for closing tags");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	o = R(HUGO, "Shown: {{</* figure src=\"x\" */>}} and {{%/* note */%}}.\n", NULL);
	html = H(o);
	like(html, "Shown: {{&lt; figure src=&quot;x&quot; &gt;}} and {{% note %}}.", "escaped shortcodes shown as plain ones");
	free(html);
	free(o);
	dl = (struct diag_list)DIAG_LIST_INIT;
	free(R(HUGO, "{{</* unknownthing */>}}\n", &dl));
	is_int(dl.n, 0, "an escaped shortcode is not read again (no warning)");
	diag_list_free(&dl);
	IS(HUGO, "```\n{{</* gist a b */>}}\n```\n", "```\n{{< gist a b >}}\n```\n",
	   "escaped shortcodes in code lose the escape, as Hugo shows them");
	IS(HUGO, "`{{< x >}}` and\n\n```\n{{< youtube x >}}\n```\n", "`{{< x >}}` and\n\n```\n{{< youtube x >}}\n```\n",
	   "shortcodes in code are left alone");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(HUGO, "Version {{< param \"version\" >}}.\n", &dl);
	is_str(o, "Version .\n", "param: left out");
	ok(dt_has_warning(&dl, 10, "param"), "param: warned");
	free(o);
	diag_list_free(&dl);

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(HUGO | MATH, "{{< math.inline >}}\n{{ if .Page.Params.math }}<p>Inline \\(x\\)</p>{{ end }}\n{{< /math.inline >}}\n",
	      &dl);
	unlike(o, "{{", "inline shortcode: template actions go");
	like(o, "<p>Inline <span class=\"math\">x</span></p>", "inline shortcode: its text stays");
	ok(dt_has_warning(&dl, 10, "math.inline"), "inline shortcode: warned");
	free(o);
	diag_list_free(&dl);

	IS(HUGO, "Not one: {{< >}} {{<}} {{< a \"unclosed >}}\n", "Not one: {{< >}} {{<}} {{< a \"unclosed >}}\n",
	   "broken shortcodes are text");

	const char *all = "{{< figure src=\"a.png\" >}}\n\n{{% alert %}}\nx\n{{% /alert %}}\n\n"
			  "[r]({{< relref \"a.md\" >}}) {{< unknown >}}y{{< /unknown >}} {{< youtube a >}}\n\n"
			  "```\n{{< keep >}}\n```\n";
	html = RH(HUGO, all);
	char *text = dt_outside_code(html);
	unlike(text, "{{&lt;", "no {{< outside code");
	unlike(text, "{{%", "no {{% outside code");
	like(html, "{{&lt; keep &gt;}}", "code untouched");
	free(text);
	free(html);
}

/* ---- what the site tells (input/sitedata.h through Hugo's hook) ---- */

static void test_param(void)
{
	fx_writes(dt_root, "params/hugo.toml",
		  "baseURL = 'https://p.example/'\ntitle = 'P'\n[params]\nRelease = '2.5'\nshared = 'site'\n"
		  "[params.versions]\ncore = 'v1.9'\n");
	fx_writes(dt_root, "params/config/_default/params.yaml", "fromdir: folder value\n");
	fx_writes(dt_root, "params/content/posts/p.md",
		  "---\ntitle: P\nmirror: https://m.example/p\nshared: page\nparams:\n  nested: inside params\n---\nbody\n");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = dt_in_site("hugo", "params", HUGO, "content/posts/p.md",
			    "A {{< param \"release\" >}} B {{% param versions.core %}} C {{< param mirror >}} "
			    "D {{< param nested >}} E {{< param shared >}} F {{< param fromdir >}} G {{< param nope >}}.\n",
			    &dl);
	like(o, "A 2\\.5 B", "param: a site param, keys in any case, escaped as text in {{< >}}");
	like(o, "B v1.9 C", "param: a dotted key walks the site's mappings, {{% %}} as Markdown");
	like(o, "C https\\://m\\.example/p D", "param: a page's own front-matter key");
	like(o, "D inside params E", "param: the page's params mapping");
	like(o, "E page F", "param: the page's value before the site's");
	like(o, "F folder value G", "param: config/_default/params.yaml");
	like(o, "G .\n", "param: an unknown key is left out");
	if (!ok(dt_has_warning(&dl, 10, "'param' (nope)") && dl.n == 1, "param: one warning, for the unknown key"))
		dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
}

/* A post of language L reads languages.L.params, then the custom keys of
 * [languages.L] (Hugo's older params), before the site's params. */
static void test_language_params(void)
{
	fx_writes(dt_root, "lp/hugo.toml",
		  "baseURL = 'https://l.example/'\ndefaultContentLanguage = 'fr'\n"
		  "[params]\nmotto = 'site motto'\nharbour = 'site harbour'\nonly = 'site only'\n"
		  "[languages.en]\nweight = 2\nmotto = 'English motto'\n"
		  "[languages.fr]\nweight = 1\ntitle = 'Le titre'\nharbour = 'le port'\n"
		  "[languages.fr.params]\nmotto = 'devise'\n");
	fx_writes(dt_root, "lp/content/posts/p.md", "---\ntitle: P\n---\n");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = dt_in_site("hugo", "lp", HUGO, "content/posts/p.md",
			     "A {{< param motto >}} B {{< param harbour >}} C {{< param only >}} D "
			     "{{< param weight >}} E\n",
			     &dl);
	like(o, "A devise B", "param: the language's params first");
	like(o, "B le port C", "param: then the custom keys of the language's block");
	like(o, "C site only D", "param: then the site's");
	like(o, "D  E", "param: a language setting (weight) is no param");
	if (!ok(dl.n == 1 && dt_has_warning(&dl, 10, "'param' (weight)"), "one warning, for weight"))
		dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
}

/* The site's and its theme's shortcode templates: what they do with
 * their parameters decides what a call shows (tmpl.h). */
static void test_site_shortcodes(void)
{
	fx_writes(dt_root, "sc/hugo.toml", "baseURL = 'https://s.example/'\ntitle = 'S'\ntheme = ['harbour']\n");
	fx_writes(dt_root, "sc/content/posts/p/index.md", "---\ntitle: P\n---\n");
	fx_writes(dt_root, "sc/content/posts/p/boat.png", "not read here");
	fx_writes(dt_root, "sc/static/img/quay.jpg", "not read here");
	/* The site's own figure, with other parameter names than Hugo's. */
	fx_writes(dt_root, "sc/layouts/shortcodes/figure.html",
		  "{{ $r := .Page.Resources.GetMatch (.Get \"picture\") }}\n<figure>\n"
		  "<img src=\"{{ $r.RelPermalink }}\" alt=\"{{ .Get \"words\" }}\">\n"
		  "{{ with .Get \"note\" }}<figcaption>{{ . }}</figcaption>{{ end }}\n</figure>\n");
	fx_writes(dt_root, "sc/layouts/_shortcodes/out.html", "<a href=\"{{ .Get 0 }}\" rel=\"ext\">{{ .Inner }}</a>\n");
	fx_writes(dt_root, "sc/layouts/shortcodes/visits.html", "<span>{{ .Get \"n\" }} visits</span>\n");
	fx_writes(dt_root, "sc/layouts/shortcodes/box.html", "<div class=\"box\">{{ .Inner | markdownify }}</div>\n");
	fx_writes(dt_root, "sc/themes/harbour/layouts/shortcodes/shot.html",
		  "{{- $p := .Get \"path\" -}}<img src=\"{{ $p | relURL }}\" title=\"{{ .Get \"title\" }}\">\n");
	fx_writes(dt_root, "sc/themes/harbour/layouts/_shortcodes/out.html", "the theme's, not used\n");
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = dt_in_site("hugo", "sc", HUGO, "content/posts/p/index.md",
			     "{{< figure picture=\"boat.png\" words=\"A boat\" note=\"At the quay\" >}}\n\n"
			     "Go {{< out \"https://x.example/\" >}}to *the* site{{< /out >}} now.\n\n"
			     "{{< shot path=\"/img/quay.jpg\" title=\"The quay\" >}}\n\n"
			     "{{< visits n=\"5\" >}}\n\n"
			     "{{< box >}}\nInside the box.\n{{< /box >}}\n\n"
			     "{{< gallery src=\"boat.png\" caption=\"By name\" >}}\n\n"
			     "{{< gallery src=\"gone.png\" title=\"Only text\" >}}\n",
			     &dl);
	like(o, "<img src=\"boat.png\" alt=\"A boat\" />", "site figure: the picture from its own parameter");
	like(o, "<figcaption>\n\nAt the quay\n\n</figcaption>", "site figure: the caption through with/.");
	like(o, "Go [to *the* site](https://x.example/) now.", "a link shortcode: the enclosed text linked");
	like(o, "<img src=\"/img/quay.jpg\" alt=\"The quay\" />", "a theme's shortcode, through a variable");
	like(o, "Inside the box.", "inner content kept");
	like(o, "<img src=\"boat.png\" alt=\"By name\" />", "no template: an image of the site by its name");
	like(o, "\nOnly text\n", "no template, no image: the text parameters");
	unlike(o, "{{", "no shortcode left");
	ok(dt_has_warning(&dl, 16, "'visits' (layouts/shortcodes/visits.html) is a template"),
	   "a template showing an unknown parameter: warned");
	ok(dt_has_warning(&dl, 24, "unknown Hugo shortcode 'gallery'"), "no template, no picture: warned");
	if (!is_int((long)dl.n, 2, "nothing else warned (box keeps all it shows)"))
		dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
}

int main(void)
{
	static void (*const tests[])(void) = {test_hugo, test_param, test_language_params, test_site_shortcodes, NULL};
	return dt_run(tests);
}
