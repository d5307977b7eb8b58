/* Unit tests of src/convert/dialect/liquid.c: Jekyll's Liquid. Checked as
 * text and, end to end, through cmark-gfm and libxml2's HTML parser
 * (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static void test_liquid(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o, *html;

	IS(LIQ, "{% raw %}\n```liquid\n{{ page.title }} {% if x %}\n```\n{% endraw %}\n",
	   "\n```liquid\n{{ page.title }} {% if x %}\n```\n\n", "raw: the inside kept literally");
	IS(LIQ, "Stop {% raw %}`{{ site.url }}`{% endraw %} and [`{% raw %}{% raw %}{% endraw %}`](x).\n",
	   "Stop `{{ site.url }}` and [`{% raw %}`](x).\n", "raw inline, and a raw tag inside raw");
	IS(LIQ, "`{% raw %}{{ a }}{% endraw %}`\n", "`{{ a }}`\n", "raw tags in code go");
	IS(LIQ, "{% raw %}\n\n## {{ not.liquid }} {#x}\n\n{% endraw %}\n", "\n\n## {{ not.liquid }} {#x}\n\n\n",
	   "raw over paragraphs: nothing inside read");
	IS(LIQ, "{% highlight ruby linenos %}\ndef foo\n  '{{ x }}'\nend\n{% endhighlight %}\n",
	   "```ruby\ndef foo\n  '{{ x }}'\nend\n```\n", "highlight: a fenced code block");
	IS(LIQ, "[p]({% post_url 2010-07-21-name %}) [l]({% link _posts/2020-01-01-a.md %}) [u]({% post_url unknown %})\n",
	   "[p](2010-07-21-name.md) [l](../a/index.md) [u](unknown)\n", "post_url and link: resolved, else as written");
	IS(LIQ, "[l]({% link _docs/x y.md %})\n", "[l](/_docs/x%20y.md)\n", "link unresolved: a path from the site's root");
	IS(LIQ, "[l]({% link\n  _posts/2020-01-01-a.md %})\n", "[l](../a/index.md)\n", "a tag over two lines");
	IS(LIQ, "{{ site.baseurl }}/x {{ site.url }} {{ \"/a.png\" | relative_url }} {{ 'b' | absolute_url }} {{site.baseurl | append: \"/c\"}}\n",
	   "/blog/x https://example.com/ /blog/a.png https://example.com/blog/b /blog/c\n",
	   "site.baseurl, site.url and the URL filters");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ,
	      "{% include footer.html %}\n"
	      "{% if page.x %}\n"
	      "Conditional *text*.\n"
	      "{% endif %}\n"
	      "{% if page.y %}y{% else %}z{% endif %}\n"
	      "{{ page.excerpt }} and {{ site.repository }}/issues\n"
	      "{% assign a = 1 %}\n",
	      &dl);
	is_str(o, "\n\nConditional *text*.\n\nyz\n and https://git.example/r/issues\n\n",
	       "tags go, what they enclose stays; a variable the site has is its value");
	ok(dt_has_warning(&dl, 10, "include footer.html"), "include: warned");
	ok(dt_has_warning(&dl, 11, "'{% if %}'") && dt_has_warning(&dl, 11, "2 times"), "if: one warning, counted");
	ok(dt_has_warning(&dl, 15, "{{ page.excerpt }}"), "an unknown value: warned");
	is_int(dl.n, 3, "no warning for else, endif, assign");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	IS(LIQ, "{{ page.title }}: {{ site.nothing }}{{ site.nothing | default: 'none' }} {{site.repository|upcase}}\n",
	   "Title of posts/p.md: none HTTPS://GIT.EXAMPLE/R\n",
	   "page and site variables the generator knows, an empty one, default and upcase");
	IS(LIQ, "{{ '2021-03-04 09:05:00 -0700' | date_to_string }}; {{ \"2021-03-04\" | date_to_long_string }}; "
		"{{ '2021-03-04 09:05:00 -0700' | date: '%A %-d %B %Y, %I:%M %p %z (%j)' }}; "
		"{{ '2021-03-04 09:05:00 +0530' | date_to_xmlschema }}\n",
	   "04 Mar 2021; 04 March 2021; Thursday 4 March 2021, 09:05 AM -0700 (063); 2021-03-04T09:05:00+05:30\n",
	   "Jekyll's date filters");
	IS(LIQ, "{{ page.title | downcase | prepend: '<' | append: \">\" }} {{ site.nothing | capitalize }}.\n",
	   "<title of posts/p.md> .\n", "filters in a chain");
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{{ site.repository | no_such_filter }} {{ site.repository | truncate: 5 }}\n", &dl);
	is_str(o, " \n", "an unknown filter: the value is left out");
	ok(dl.n == 1 && strstr(dl.v[0].message, "site.repository"), "with a warning naming the value");
	free(o);
	diag_list_free(&dl);

	HLIKE(LIQ, "{% gist octo/0123abc %} and {% gist 42 hello_world.rb %}\n",
	      ">Gist: https://gist.github.com/octo/0123abc</a> and <a href=\"https://gist.github.com/42#file-hello-world-rb\">",
	      "jekyll-gist: a link to the gist (and its file)");
	IS(LIQ, "{% comment %}\nHidden words.\n{% endcomment %}\nShown.\n", "Shown.\n", "comment: dropped");
	IS(LIQ, "A{% comment %} hidden {% endcomment %}B\n", "AB\n", "comment inside a line");
	IS(LIQ, "Braces {a: 1} stay.\n", "Braces {a: 1} stay.\n", "prose with braces stays");
	/* `{%}` is no tag: its `%}` shares the opening's `%` (fuzz_convert). */
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{% capture x %}a{%}b{% endcapture -%}\n{{ x }} {%}\n", &dl);
	ok(o != NULL, "a {%%} inside a capture: no crash");
	free(o);
	diag_list_free(&dl);

	const char *all = "{% raw %}{{ a }}{% endraw %} {% if x %}y{% endif %} {{ site.url }}\n{: .x}\n\n"
			  "```\n{% keep %}\n```\n";
	html = RH(LIQ, all);
	char *text = dt_outside_code(html);
	unlike(text, "{%", "no {% outside code");
	unlike(text, "{:", "no {: outside code");
	like(html, "{% keep %}", "code untouched");
	free(text);
	free(html);
}

/* {% include %} from _includes, {% include_relative %} beside the post. */
static void test_include(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o;
	fx_writes(dt_root, "_includes/note.md", "> **Note:** {{ include.text }} by {{ include.who | upcase }}\n");
	fx_writes(dt_root, "_includes/box.html", "<div class=\"box\">{{ include.x }}{{ include.missing }}</div>\n");
	fx_writes(dt_root, "_includes/outer.md", "Outer {% include note.md text=include.t who=\"bo\" %}");
	fx_writes(dt_root, "_includes/data.json", "{\"a\": 1}\n");
	fx_writes(dt_root, "_includes/.hidden.md", "hidden\n");
	fx_writes(dt_root, "secret.md", "secret words\n");
	fx_writes(dt_root, "posts/side.md", "Beside the post.\n");
	fx_writes(dt_root, "posts/_drafts/x.md", "x\n");
	/* A folder beside the post that is a link out of the site. */
	char *outside = xasprintf("%s-outside", dt_root);
	fx_writes(outside, "secret.md", "secret words\n");
	char *away = xasprintf("%s/posts/away", dt_root);
	symlink(outside, away);
	free(away);
	char *link = xasprintf("%s/_includes/escape.md", dt_root);
	char *target = xasprintf("%s/secret.md", dt_root);
	symlink(target, link);
	free(link);
	free(target);
	/* Secrets in the site's own hidden files (issue 16), reached through
	 * symlinks that stay inside the site. */
	fx_writes(dt_root, ".git/config", "url = https://u:SECRET-TOKEN-123@example.com/r\n");
	fx_writes(dt_root, ".env", "API_KEY=SECRET-TOKEN-123\n");
	link = xasprintf("%s/_includes/gitcfg.md", dt_root);
	symlink("../.git/config", link);
	free(link);
	link = xasprintf("%s/posts/env.md", dt_root);
	symlink("../.env", link);
	free(link);

	IS(LIQ, "Before\n{% include note.md text=\"Mind the gap\" who='ann' %}\nAfter\n",
	   "Before\n> **Note:** Mind the gap by ANN\n\nAfter\n", "include: the file pasted, its include.x filled in");
	IS(LIQ, "{% include note.md text=page.title who=site.repository %}",
	   "> **Note:** Title of posts/p.md by HTTPS://GIT.EXAMPLE/R\n", "include: parameters from variables");
	IS(LIQ, "A {%- include box.html x=\"in a box\" -%} B\n", "A<div class=\"box\">in a box</div>\nB\n",
	   "include of HTML inside a line, white space around it stripped; a parameter not given is nothing");
	IS(LIQ, "{% include outer.md t=\"nested\" %}\n", "Outer > **Note:** nested by BO\n\n",
	   "an include inside an include, with the outer one's parameter");
	IS(LIQ, "{% include {{ site.nothing | append: 'note.md' }} text=\"x\" who=\"y\" %}",
	   "> **Note:** x by Y\n", "include: a name made of a variable");
	IS(LIQ, "{% include_relative side.md %}", "Beside the post.\n", "include_relative: beside the post");
	IS(LIQ, "```\n{% include note.md %}\n```\n{% raw %}{% include note.md %}{% endraw %}\n",
	   "```\n{% include note.md %}\n```\n{% include note.md %}\n", "not in code, not in raw");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{% include outer.md t=\"a\" %}\n\n{% unknown_tag %}\n{% include nowhere.md %}\n", &dl);
	ok(dt_has_warning(&dl, 12, "unknown_tag") && dt_has_warning(&dl, 13, "nowhere.md"),
	   "lines after an include keep their numbers");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	static const char *const refused[][2] = {
		{"{% include ../secret.md %}\n", "refused"},
		{"{% include .hidden.md %}\n", "refused"},
		{"{% include sub/../../secret.md %}\n", "refused"},
		{"{% include /etc/passwd %}\n", "refused"},
		{"{% include escape.md %}\n", "leads outside its folder"},
		{"{% include_relative away/secret.md %}\n", "leads outside its folder"},
		{"{% include data.json %}\n", "neither Markdown nor HTML"},
		{"{% include nowhere.md %}\n", "no such file"},
		{"{% include_relative ../secret.md %}\n", "refused"},
		{"{% include gitcfg.md %}\n", "'.git/config' is a hidden path"},
		{"{% include_relative env.md %}\n", "'.env' is a hidden path"},
		{"{% include {{ page.unknown_thing | no_filter }} %}\n", "not known to sheaf"},
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		dl = (struct diag_list)DIAG_LIST_INIT;
		o = R(LIQ, refused[i][0], &dl);
		ok(!strstr(o, "secret") && !strstr(o, "SECRET") && !strstr(o, "{%") && !strstr(o, "hidden"), "left out: %s",
		   refused[i][0]);
		ok(dl.n == 1 && strstr(dl.v[0].message, refused[i][1]), "warned (%s)", refused[i][1]);
		free(o);
		diag_list_free(&dl);
	}
	fx_rm_rf(outside);
	free(outside);
}

/* assign and for, run where their values are known. */
static void test_loops(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o;
	IS(LIQ,
	   "{% assign nums = \"1|2|3\" | split: \"|\" %}\n{% for n in nums %}\n[#{{ n }}]: {{ site.repository }}/{{ n }}\n"
	   "{% endfor %}\nSee [#2][].\n",
	   "\n\n[#1]: https://git.example/r/1\n\n[#2]: https://git.example/r/2\n\n[#3]: https://git.example/r/3\n\n"
	   "See [#2][].\n",
	   "assign with split, a for loop making link definitions");
	HLIKE(LIQ, "{% assign ids = '7 8' | split: ' ' %}{% for i in ids %}\n[#{{ i }}]: /issues/{{ i }}\n{% endfor %}\n[#8][]\n",
	      "href=\"/issues/8\"", "the definitions made by the loop are links");
	IS(LIQ, "{% for t in page.list %}<{{ t | upcase }}>{% endfor %} {{ page.list | join: ', ' }} {{ page.list }}\n",
	   "<A><B C> a, b c ab c\n", "a list the generator gives: looped, joined, printed");
	IS(LIQ, "{% for w in page.list %}{% assign s = w | slugify %}{{ s }};{% endfor %} {{ 'Hello, World!' | slugify }}\n",
	   "a;b-c; hello-world\n", "assign inside a loop, slugify");
	IS(LIQ, "{% for a in page.list %}{% for b in page.list %}{{ a }}{{ b }} {% endfor %}{% endfor %}\n",
	   "aa ab c b ca b cb c \n", "nested loops");
	IS(LIQ, "```\n{% for a in page.list %}x{% endfor %}\n```\n", "```\n{% for a in page.list %}x{% endfor %}\n```\n",
	   "not in code");
	IS(LIQ, "{% highlight ruby %}\n{% assign a = 'x' %}\n\nputs 1\n{%\n  endhighlight\n%}\n",
	   "```ruby\n{% assign a = 'x' %}\n\nputs 1\n```\n", "not in a highlight block (its end tag over lines)");
	IS(LIQ, "{% raw\n%}{% assign a = 'x' %}{{ a }}{% endraw %} {% comment %}{% for a in page.list %}{% endcomment %}.\n",
	   "{% assign a = 'x' %}{{ a }} .\n", "not in raw or comment");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{% for x in site.posts %}\nBody\n{% endfor %}\n{% for y in page.list limit: 1 %}Y{% endfor %}\n"
		   "{% unknown_tag %}\n", &dl);
	is_str(o, "\nBody\n\nY\n\n", "a loop sheaf cannot run keeps its body once");
	ok(dt_has_warning(&dl, 10, "for") && dt_has_warning(&dl, 14, "unknown_tag"), "warned, at their lines");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{% for a in page.list %}\n{{ a }}\n{% endfor %} after\n\n{% unknown_tag %}\n", &dl);
	is_str(o, "\na\n\nb c\n after\n\n\n", "text after endfor on its line");
	ok(dt_has_warning(&dl, 14, "unknown_tag"), "lines after a loop keep their numbers");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
}

/* if, unless, case and capture, run where every value they read is
 * known; whitespace control. */
static void test_conditions(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o;
	IS(LIQ, "{% if site.repository %}Code at {{ site.repository }}.{% endif %}{% if site.nothing %}Gone.{% endif %}\n",
	   "Code at https://git.example/r.\n", "if: a value the site has is true, one it lacks (nil) false");
	IS(LIQ, "{% assign n = 'b' %}{% if n == 'a' %}A{% elsif n == \"b\" %}B{% else %}C{% endif %}"
		"{% if 'x' != 'x' %}1{% else %}2{% endif %}\n",
	   "B2\n", "elsif and else: the first branch whose condition holds");
	IS(LIQ, "{% unless site.nothing %}shown{% else %}hidden{% endunless %} {% unless true %}no{% endunless %}\n",
	   "shown \n", "unless: the negation");
	IS(LIQ, "{% if 3 > 20 %}a{% endif %}{% if 'abc' < 'b' %}b{% endif %}{% if 2.5 >= 2 and 1 <= 1 %}c{% endif %}"
		"{% if nil < 1 %}d{% endif %}{% if 10 == 10.0 %}e{% endif %}\n",
	   "bce\n", "comparisons: numbers by value, strings in order, nil against a number false");
	IS(LIQ, "{% if page.list contains 'b c' %}1{% endif %}{% if page.list contains 'b' %}2{% endif %}"
		"{% if site.repository contains 'git.' %}3{% endif %}{% if site.nothing contains 'x' %}4{% endif %}\n",
	   "13\n", "contains: an item of a list, a part of a string, never in nil");
	IS(LIQ, "{% if false or true and false %}a{% else %}b{% endif %}{% if true or false and false %}c{% endif %}\n",
	   "bc\n", "and/or: read from the right");
	IS(LIQ, "{% if site.nothing == blank %}a{% endif %}{% if '' == empty %}b{% endif %}{% if ' ' == blank %}c{% endif %}"
		"{% if 'x' == empty %}d{% endif %}{% if 0 %}e{% endif %}{% if '' %}f{% endif %}\n",
	   "abcef\n", "blank and empty; 0 and '' are true");
	IS(LIQ, "{% case site.repository %}{% when 'x', 'https://git.example/r' %}repo{% when 'y' or 'z' %}y"
		"{% else %}other{% endcase %}|{% case 2 %}{% when 1 %}one{% else %}none{% endcase %}\n",
	   "repo|none\n", "case: a matching when, else the else");
	IS(LIQ, "{% if site.repository %}{% if 1 == 2 %}in{% else %}{% case 'a' %}{% when 'a' %}deep{% endcase %}"
		"{% endif %}{% endif %}\n",
	   "deep\n", "nested blocks");
	IS(LIQ, "{% if true %}{% if true %}{% if true %}{% if true %}{% if true %}{% if true %}"
		"{% include note.md text='six deep' who='x' %}{% endif %}{% endif %}{% endif %}{% endif %}{% endif %}{% endif %}\n",
	   "> **Note:** six deep by X\n\n", "an include inside blocks nested deep");
	IS(LIQ, "```\n{% if true %}x{% endif %}\n```\n{% raw %}{% if true %}y{% endif %}{% endraw %} `{% if false %}`\n",
	   "```\n{% if true %}x{% endif %}\n```\n{% if true %}y{% endif %} `{% if false %}`\n", "not in code or raw");
	IS(LIQ, "`{% if false %}x{% endif %}` ``{% assign a = 'b' %}{{ a }}``\n",
	   "`{% if false %}x{% endif %}` ``{% assign a = 'b' %}{{ a }}``\n", "not in inline code");

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{% if page.x %}\nX\n{% else %}\nY\n{% endif %}\n{% if true or page.y %}Z{% endif %}"
		   "{% if false and page.y %}W{% endif %}\n{% unknown_tag %}\n", &dl);
	is_str(o, "\nX\n\nY\n\nZ\n\n", "a value not known: every branch kept; one that cannot change the result read");
	ok(dt_has_warning(&dl, 10, "'{% if %}'") && dt_has_warning(&dl, 16, "unknown_tag"), "warned, lines kept");
	is_int(dl.n, 2, "no other warning");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);

	IS(LIQ, "{% assign m = 'a' %}{% if page.x %}{% assign m = 'b' %}{% endif %}{% if m == 'a' %}A{% else %}B{% endif %}"
		"{% assign k = 'c' %}{% assign k = page.y %}{% if k %}K{% endif %}"
		"{% for x in site.posts %}{% capture c %}c{% endcapture %}{% endfor %}{% if c %}C{% endif %}\n",
	   "AB" "K" "cC\n", "a variable set in a block kept whole, or to a value not known, is not known after");
	IS(LIQ, "a\n  {%- if true -%}\n  b\n  {%- endif -%}\n  c {%- assign x = 1 -%} d\n",
	   "abcd\n", "whitespace control of if: newlines stripped on that side");
	IS(LIQ, "{% assign n = 12 %}{% if n > 9 %}{{ n }} is two digits{% endif %}\n", "12 is two digits\n",
	   "an integer assigned and compared");
	IS(LIQ, "a  {%- assign s = 'x' -%}\n\n b {{ s }}\n", "ab x\n", "whitespace control of assign");
	IS(LIQ, "<{{- site.repository -}}>\n{{ 'x' }}  \n  {{- site.repository | upcase -}}\n\n|\n",
	   "<https://git.example/r>\nxHTTPS://GIT.EXAMPLE/R|\n", "whitespace control of outputs");
	IS(LIQ, "[p](\n{%- post_url 2010-07-21-name -%}\n) a\n\n{%- unknown_tag -%}\n\nb `{{- x -}}`\n",
	   "[p](2010-07-21-name.md) ab `{{- x -}}`\n", "whitespace control of tags pass 2 reads; not in code");
	IS(LIQ, "a\n {%- raw %} {{ x }} {% endraw -%}\n\nb\n", "a {{ x }} b\n", "whitespace control around raw");
	IS(LIQ, "{% capture greeting %}Hello, {{ site.repository | upcase }}!{% endcapture %}[{{ greeting }}]\n",
	   "[Hello, HTTPS://GIT.EXAMPLE/R!]\n", "capture: the text is the value");
	IS(LIQ, "{% capture c -%}\n  {% if true %}yes{% endif %}\n{%- endcapture %}<{{ c }}>\n", "<yes>\n",
	   "capture with blocks and whitespace control");
}

int main(void)
{
	static void (*const tests[])(void) = {test_liquid, test_include, test_loops, test_conditions, NULL};
	return dt_run(tests);
}
