/* Unit tests of src/convert/dialect/pymdownx.c: the PyMdown Extensions a
 * site lists in its markdown_extensions, and only those. */
#include "dialect/dialect_fixture.h"


static void test_off(void)
{
	struct fm_node *cfg = dt_config("markdown_extensions:\n  - admonition\n");
	IS(MK, "==x== ^y^ ++ctrl++\n", "==x== ^y^ ++ctrl++\n", "not listed: left as Python-Markdown leaves it");
	IS(MK, "/// caption\nWords\n///\n", "/// caption\nWords\n///\n", "blocks not listed: left as written");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

static void test_inline(void)
{
	struct fm_node *cfg = dt_config("markdown_extensions:\n"
				       "  - pymdownx.mark\n"
				       "  - pymdownx.caret:\n      smart_insert: true\n"
				       "  - pymdownx.tilde\n"
				       "  - pymdownx.keys\n");
	IS(MK, "A ==marked *word*== here.\n", "A <mark>marked *word*</mark> here.\n", "mark: <mark>, inside is Markdown");
	IS(MK, "a == b and c == d\n", "a == b and c == d\n", "mark: not around spaces");
	IS(MK, "H^2^O and ^^new^^\n", "H<sup>2</sup>O and <ins>new</ins>\n", "caret: sup and ins");
	IS(MK, "CH~3~ and ~~gone~~\n", "CH<sub>3</sub> and <del>gone</del>\n", "tilde: sub and del");
	IS(MK, "a ^b c^ d\n", "a ^b c^ d\n", "caret: a single ^ takes no space");
	IS(MK, "Press ++ctrl+alt+del++.\n", "Press <kbd>Ctrl</kbd>+<kbd>Alt</kbd>+<kbd>Del</kbd>.\n",
	   "keys: each key a <kbd>, named as the keymap names it");
	IS(MK, "++ctrl+\"My Key\"++\n", "<kbd>Ctrl</kbd>+<kbd>My Key</kbd>\n", "keys: a quoted key as written");
	IS(MK, "++ctrl+' a\\'b '++\n", "<kbd>Ctrl</kbd>+<kbd>a&#39;b</kbd>\n",
	   "keys: a quoted key unescaped and trimmed");
	/* Not keys in pymdownx.keys' grammar: left as written, every
	 * character kept (a lone quote once made a key of length -1). */
	IS(MK, "++a'+'++\n", "++a'+'++\n", "keys: a quote that closes nothing");
	IS(MK, "++ctrl+''++\n", "++ctrl+''++\n", "keys: an empty quoted key");
	IS(MK, "++ctrl+.++\n", "++ctrl+.++\n", "keys: a key of punctuation");
	IS(MK, "++ctrl++a++\n", "<kbd>Ctrl</kbd>a++\n", "keys: the first ++ after a key ends them");
	/* Only keys of its keymap (or aliases of them) are keys: names are
	 * case-sensitive, and keys with one unknown stay text, up to their
	 * closing ++, where Python-Markdown goes on looking. */
	IS(MK, "++pg-dn++ ++less++ ++num-plus++ ++x-button1++\n",
	   "<kbd>Page Down</kbd> <kbd>&lt;</kbd> <kbd>Num +</kbd> <kbd>X Button 1</kbd>\n",
	   "keys: aliases and labels of the keymap, escaped");
	IS(MK, "++Ctrl+Alt++ ++ctrl+foo++\n", "++Ctrl+Alt++ ++ctrl+foo++\n", "keys: an unknown key leaves them text");
	IS(MK, "++foo++ctrl++\n", "++foo++ctrl++\n", "keys: the search goes on after unknown keys");
	IS(MK, "+++ctrl++\n", "+<kbd>Ctrl</kbd>\n", "keys: a longer run of + opens with its last two");
	IS(MK, "\\++ctrl++\n", "\\++ctrl++\n", "keys: an escaped + opens none");
	IS(MK, "\\+++ctrl++ \\\\++ctrl++\n", "\\+<kbd>Ctrl</kbd> \\\\<kbd>Ctrl</kbd>\n",
	   "keys: after an escaped +, or after an escaped backslash");
	IS(MK, "`==code==`\n", "`==code==`\n", "never in code");
	dt_xcount(MK, "==one== and ^^two^^\n", "count(//p/mark) + count(//p/ins)", 2, "through cmark-gfm");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

/* pymdownx.keys' options: camel_case, key_map, separator. */
static void test_keys_options(void)
{
	struct fm_node *cfg = dt_config("markdown_extensions:\n"
				       "  - pymdownx.keys:\n"
				       "      camel_case: true\n"
				       "      separator: ''\n"
				       "      key_map: {my-key: Hyper, control: Strg, empty: ''}\n");
	IS(MK, "++PgDn++ ++PageUp++ ++Ctrl+Alt++\n", "<kbd>Page Down</kbd> <kbd>Page Up</kbd> <kbd>Strg</kbd><kbd>Alt</kbd>\n",
	   "camel_case, a key_map overriding a label, no separator");
	IS(MK, "++MyKey++ ++my-key++\n", "<kbd>Hyper</kbd> <kbd>Hyper</kbd>\n", "a key of the key_map");
	IS(MK, "++empty++\n", "++empty++\n", "an empty label is no key");
	fm_node_free(cfg);
	/* zensical.toml's form: the options in the extension's table. */
	cfg = dt_config("markdown_extensions:\n  pymdownx:\n    keys:\n      separator: ' then '\n");
	IS(MK, "++ctrl+a++\n", "<kbd>Ctrl</kbd> then <kbd>A</kbd>\n", "the options from nested tables");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

static void test_blocks(void)
{
	/* zensical.toml's form: nested tables under markdown_extensions. */
	struct fm_node *cfg = dt_config("markdown_extensions:\n"
				       "  pymdownx:\n"
				       "    blocks:\n"
				       "      caption: {}\n"
				       "      admonition: {}\n"
				       "      details: {}\n"
				       "      tab: {}\n"
				       "      html: {}\n");
	dt_xcount(MK, "![Harbour](h.png)\n\n/// caption\nThe *harbour* at dawn\n///\n\nAfter.\n",
		  "count(/html/body/figure/figcaption/p/em) + count(/html/body/figure/p/img) + "
		  "count(/html/body/p[.='After.']) + count(/html/body/figure/*[last()][self::figcaption])",
		  4, "caption: a <figure> around the block before it, its text the <figcaption> after it");
	dt_xcount(MK, "| A | B |\n|---|---|\n| 1 | 2 |\n\n/// table-caption | < 2\nTides\n///\n",
		  "count(/html/body/figure/table) + count(/html/body/figure/figcaption/p[normalize-space(.)='Table 2. Tides'])", 2,
		  "table-caption: the table into the figure");
	dt_xcount(MK, "```py title=\"boat.py\"\nsail()\n```\n/// figure-caption\nThe code\n///\n",
		  "count(/html/body/figure/pre/code) + count(/html/body/figure/p[@class='code-title']) + "
		  "count(/html/body/figure/figcaption)",
		  3, "figure-caption: a fenced code block (with its title) into the figure");
	dt_xcount(MK, "First para.\n\nSecond para.\n\n/// caption\nCap\n///\n",
		  "count(/html/body/p[.='First para.']) + count(/html/body/figure/p[.='Second para.'])", 2,
		  "caption: only the block right before it");
	dt_xcount(MK, "Text.\n\n![Gull](g.png)\n/// caption\nA gull\n///\n",
		  "count(/html/body/figure/p/img) + count(/html/body/figure/figcaption) + count(/html/body/p[.='Text.'])",
		  3, "caption: its header right under the image, no blank line between");
	dt_xcount(MK, "/// caption\nAlone\n///\n", "count(/html/body/figure/figcaption)", 1,
		  "caption with nothing before it: a figure of its own");
	UNLIKE(MK, "/// caption\nx\n///\n", "///", "caption: no slashes left");
	dt_xcount(MK, "/// warning | Mind the *tide*\nWater rises.\n///\n",
		  "count(//div[@class='admonition warning']/p[@class='admonition-title']/em) + "
		  "count(//div[@class='admonition warning']/p[.='Water rises.'])",
		  2, "admonition type: a titled box");
	dt_xcount(MK, "/// details | More\n    open: true\n\nHidden text.\n///\n",
		  "count(//div[@class='admonition']/p[.='Hidden text.']) + count(//*[contains(., 'open: true')])", 1,
		  "details: a box; its options are not text");
	dt_xcount(MK, "/// tab | First\nOne\n///\n\n/// tab | Second\nTwo\n///\n",
		  "count(//div[@class='tab']/p[@class='tab-title'])", 2, "tab: titled boxes");
	dt_xcount(MK, "//// note | Outer\nA\n\n/// tip\nB\n///\n\nC\n////\n",
		  "count(//div[@class='admonition note']/div[@class='admonition tip']/p[.='B']) + "
		  "count(//div[@class='admonition note']/p[.='C'])",
		  2, "blocks nest: a closing fence closes its own block");
	dt_xcount(MK, "/// html | section\n*in*\n///\n", "count(//section/p/em)", 1, "html: the element named");
	IS(MK, "```\n/// caption\n```\n", "```\n/// caption\n```\n", "never in code");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

/* `/// define`: a definition list, as pymdownx.blocks.definition makes
 * it: list items are definitions, other paragraphs terms. */
static void test_define(void)
{
	struct fm_node *cfg = dt_config("markdown_extensions:\n  - pymdownx.blocks.definition\n");
	const char *in = "/// define\n"
			 "Anchor *chain*\n"
			 "\n"
			 "- Holds the boat.\n"
			 "  Still holding.\n"
			 "\n"
			 "    - a nested list\n"
			 "\n"
			 "- Or a *second* meaning.\n"
			 "\n"
			 "Buoy\n"
			 "\n"
			 "1. Floats.\n"
			 "///\n"
			 "\n"
			 "After.\n";
	dt_xcount(MK, in, "count(/html/body/dl/dt)", 2, "define: each term a <dt>");
	dt_xcount(MK, in, "count(/html/body/dl/dd)", 3, "define: each item a <dd>");
	dt_xcount(MK, in, "count(/html/body/dl/dt[1]/em)", 1, "define: a term's Markdown");
	dt_xcount(MK, in, "count(/html/body/dl/dd[1]/p[contains(., 'Still holding.')]) + count(/html/body/dl/dd[1]/ul/li)",
		  2, "define: a definition's content, a nested list in it");
	dt_xcount(MK, in, "count(/html/body/dl/*[not(self::dt or self::dd)]) + count(//ul/li[contains(., 'Holds')])", 0,
		  "define: nothing else in the <dl>, no list left");
	dt_xcount(MK, in, "count(/html/body/p[.='After.'])", 1, "define: ends at ///");
	UNLIKE(MK, in, "///", "define: no slashes left");
	dt_xcount(MK, "/// define\n`knot()`\n\n```py\nknot()\n```\n\n- Ties a knot.\n///\n",
		  "count(/html/body/dl/dd/pre/code) + count(/html/body/dl/dt/code) + count(/html/body/dl/dd) + "
		  "count(/html/body/dl/*[not(self::dt or self::dd)])",
		  4, "define: a code block there is in a <dd> of its own (pymdownx: a <dt>, which holds no block in XHTML)");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

static void test_caption_numbers(void)
{
	struct fm_node *cfg = dt_config("markdown_extensions:\n  - pymdownx.blocks.caption\n");
	const char *two = "![a](a.png)\n\n/// figure-caption\nA boat\n///\n\n![b](b.png)\n\n/// figure-caption\nA gull\n///\n";
	LIKE(MK, two, "<span class=\"caption-prefix\">Figure 1.</span>\nA boat\n", "figure-caption: the prefix before the caption's text");
	LIKE(MK, two, "<span class=\"caption-prefix\">Figure 2.</span>\nA gull\n", "figure-caption: numbered in order");
	const char *mixed = "| A |\n|---|\n| 1 |\n\n/// table-caption | 1.2\nTides\n///\n\n![a](a.png)\n\n"
			    "/// figure-caption\nBoat\n///\n\n| B |\n|---|\n| 2 |\n\n/// table-caption\nMore\n///\n";
	LIKE(MK, mixed, "Table 1.2.</span>\nTides", "table-caption: a number given");
	LIKE(MK, mixed, "Figure 1.</span>\nBoat", "numbers: each type counts on its own");
	LIKE(MK, mixed, "Table 2.</span>\nMore", "numbers: a level up restarts below it, counting on from the number given");
	dt_xcount(MK, "![a](a.png)\n\n/// figure-caption |< 1.2\nA boat\n///\n\nAfter.\n",
		  "count(/html/body/figure/*[1][self::figcaption]/p[starts-with(normalize-space(.), 'Figure 1.2. A boat')]) + "
		  "count(/html/body/figure/*[2][self::p]/img) + count(/html/body/figure[count(*)=2]) + "
		  "count(/html/body/p[.='After.']) + count(//span[@class='caption-prefix'])",
		  5, "|< puts the caption first, its number before its text");
	UNLIKE(MK, "![a](a.png)\n\n/// caption | <\nFirst\n///\n", "///", "|<: no slashes left");
	UNLIKE(MK, "![a](a.png)\n\n/// caption | <\n    attrs: {class: wide}\nFirst\n///\n", "attrs", "|<: the options show nowhere");
	UNLIKE(MK, "Text\n\n/// caption\nPlain\n///\n", "caption-prefix", "caption: no prefix");
	dt_xcount(MK, "![a](a.png)\n\n/// figure-caption\nA *boat*\n///\n",
		  "count(/html/body/figure/figcaption/p[starts-with(normalize-space(.), 'Figure 1. A boat')]/span[@class='caption-prefix'])",
		  1, "figure-caption: through cmark-gfm, the prefix in the caption's paragraph");
	fm_node_free(cfg);
	cfg = dt_config("markdown_extensions:\n  - pymdownx.mark\n  - pymdownx.blocks.caption:\n      prepend: true\n");
	dt_xcount(MK, "![a](a.png)\n\n/// caption\nTop\n///\n\n![b](b.png)\n\n/// figure-caption | >\nBottom\n///\n",
		  "count(/html/body/figure[1]/*[1][self::figcaption][normalize-space(.)='Top']) + "
		  "count(/html/body/figure[2]/*[2][self::figcaption][normalize-space(.)='Figure 1. Bottom'])",
		  2, "prepend: true puts captions first, `>` last");
	fm_node_free(cfg);
	cfg = dt_config("markdown_extensions:\n  - pymdownx.blocks.caption:\n      auto: false\n"
		       "      types:\n        - caption\n        - name: figure-caption\n          prefix: 'Fig. {}:'\n");
	LIKE(MK, "![a](a.png)\n\n/// figure-caption | 3\nA\n///\n", "Fig. 3:</span>", "auto: false: a number given, a prefix of types");
	UNLIKE(MK, "![a](a.png)\n\n/// figure-caption\nA\n///\n", "caption-prefix", "auto: false: no number, no prefix");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

static void test_abbr(void)
{
	struct fm_node *cfg = dt_config("markdown_extensions:\n  - admonition\n");
	IS(MK, "The CPU.\n\n*[CPU]: Central Processing Unit\n", "The CPU.\n\n*[CPU]: Central Processing Unit\n",
	   "abbr not listed: definitions stay Markdown");
	fm_node_free(cfg);
	cfg = dt_config("markdown_extensions:\n  - abbr\n  - pymdownx.snippets:\n      auto_append: [gloss.md]\n");
	fx_writes(dt_root, "gloss.md", "*[GPU]: Graphics \"Processing\" Unit\n*[GPUs] : Graphics cards\n");
	IS(MK, "A GPU, two GPUs, no GPUx, `GPU` and [GPU](http://x/GPU).\n",
	   "A <abbr title=\"Graphics &quot;Processing&quot; Unit\">GPU</abbr>, two <abbr title=\"Graphics cards\">GPUs</abbr>, "
	   "no GPUx, `GPU` and [<abbr title=\"Graphics &quot;Processing&quot; Unit\">GPU</abbr>](http://x/GPU).\n\n",
	   "abbr: words only, the longest, never in code or a link's destination; the definitions appended never show");
	fm_node_free(cfg);
	cfg = dt_config("markdown_extensions:\n  - abbr\n");
	IS(MK, "*[RAM]: Memory\nRAM here.\n*[ROM]: \"\"\nROM\n", "<abbr title=\"Memory\">RAM</abbr> here.\nROM\n",
	   "abbr: a definition before its use works too; an empty title defines nothing");
	IS(MK, "*[RAM]: Memory\n[RAM]: http://x/RAM\n", "[RAM]: http://x/RAM\n", "abbr: a link reference definition stays as it is");
	dt_xcount(MK, "The RAM.\n\n*[RAM]: Memory\n", "count(//p/abbr[@title='Memory'])", 1, "abbr: through cmark-gfm");
	fm_node_free(cfg);
	dt_ctx.config = NULL;
}

int main(void)
{
	static void (*const tests[])(void) = {test_off, test_inline, test_keys_options, test_blocks, test_define, test_caption_numbers, test_abbr, NULL};
	return dt_run(tests);
}
