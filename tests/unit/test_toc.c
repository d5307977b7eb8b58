/* Unit tests of toc.h: the outline of headings, nav.xhtml and toc.ncx.
 * Chapters are made by hand: only href, post title and headings matter. */
#include <libxml/parser.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "convert/chapter.h"
#include "fixture.h"
#include "input/post.h"
#include "tap.h"
#include "book/toc.h"

/* A chapter with headings of the given levels, named h0, h1, … */
static void S_chapter(struct chapter *ch, struct post *p, const char *href, const int *levels, size_t n)
{
	memset(ch, 0, sizeof *ch);
	ch->post = p;
	ch->href = xstrdup(href);
	ch->headings = xcalloc(n, sizeof *ch->headings);
	ch->nheadings = n;
	for (size_t i = 0; i < n; i++) {
		ch->headings[i].level = levels[i];
		ch->headings[i].id = xasprintf("h%zu", i);
		ch->headings[i].text = xasprintf("Heading %zu", i);
	}
}

static void test_outline(void)
{
	struct post p = {0};
	struct chapter ch;
	static const int levels[] = {2, 3, 3, 2, 4};
	S_chapter(&ch, &p, "text/001-a.xhtml", levels, 5);
	size_t *idx;
	long *parent;

	size_t n = toc_outline(&ch, 2, &idx, &parent);
	is_int(n, 4, "depth 2: the ## and ### headings (not ####)");
	if (n == 4)
		ok(idx[0] == 0 && idx[1] == 1 && idx[2] == 2 && idx[3] == 3 && parent[0] == -1 &&
			   parent[1] == 0 && parent[2] == 0 && parent[3] == -1,
		   "depth 2: ### under the first ##, second ## at top level");
	free(idx);
	free(parent);

	n = toc_outline(&ch, 1, &idx, &parent);
	is_int(n, 2, "depth 1: only the ## headings");
	if (n == 2)
		ok(idx[0] == 0 && idx[1] == 3 && parent[0] == -1 && parent[1] == -1, "depth 1: both at top level");
	free(idx);
	free(parent);

	n = toc_outline(&ch, 3, &idx, &parent);
	is_int(n, 5, "depth 3: all five");
	if (n == 5)
		ok(idx[4] == 4 && parent[4] == 3, "depth 3: #### under the second ## (a skipped level)");
	free(idx);
	free(parent);

	n = toc_outline(&ch, 0, &idx, &parent);
	is_int(n, 0, "depth 0: no headings");
	free(idx);
	free(parent);
	chapter_free(&ch);

	static const int with_h1[] = {1, 3, 2};
	S_chapter(&ch, &p, "text/002-b.xhtml", with_h1, 3);
	n = toc_outline(&ch, 2, &idx, &parent);
	ok(n == 2 && idx[0] == 1 && parent[0] == -1 && idx[1] == 2 && parent[1] == -1,
	   "a level-1 heading is never listed; a ### before any ## is top level");
	free(idx);
	free(parent);
	chapter_free(&ch);
}

static void test_nav_ncx(void)
{
	struct post p1 = {0}, p2 = {0}, p3 = {0};
	p1.title = "First & <best>";
	p2.title = "Second";
	p3.title = "Third";
	struct chapter ch[3];
	static const int l1[] = {2, 3, 3, 2, 4};
	static const int l2[] = {2};
	S_chapter(&ch[0], &p1, "text/001-first.xhtml", l1, 5);
	S_chapter(&ch[1], &p2, "text/002-second.xhtml", l2, 1);
	S_chapter(&ch[2], &p3, "text/003-third.xhtml", NULL, 0);
	free(ch[0].headings[1].text);
	ch[0].headings[1].text = xstrdup("Q&A <tips>");
	struct toc_input in = {
		.title = "My \"Book\" & more",
		.language = "en",
		.uid = "urn:uuid:0a300ee9-f9e4-5697-a51a-efc7fafaba67",
		.titlepage_href = "titlepage.xhtml",
		.nav_href = "nav.xhtml",
		.stylesheet_href = "style.css",
		.chapters = ch,
		.nchapters = 3,
		.depth = 2,
	};

	char *nav;
	size_t len;
	is_int(toc_nav(&nav, &len, &in), 0, "toc_nav succeeds");
	is_int(len, strlen(nav), "toc_nav: length matches");
	xmlDocPtr doc = fx_parse_strict(nav, len);
	if (ok(doc != NULL, "nav.xhtml is well-formed (strict parse)")) {
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='toc'])"), 1, "one nav epub:type=\"toc\"");
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='toc']/h:ol/h:li)"), 3, "one top entry per chapter");
		fx_is_xstr(doc, "string(//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:a)", "First & <best>",
			"chapter title escaped and read back");
		fx_is_xstr(doc, "string(//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:a/@href)", "text/001-first.xhtml",
			"chapter entry links to the chapter");
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:ol/h:li)"), 2,
		       "first chapter: two ## entries nested");
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:ol/h:li[1]/h:ol/h:li)"), 2,
		       "first ##: two ### entries nested a level deeper");
		fx_is_xstr(doc, "string(//h:nav[@epub:type='toc']/h:ol/h:li[1]/h:ol/h:li[1]/h:ol/h:li[1]/h:a/@href)",
			"text/001-first.xhtml#h1", "nested entry links to chapter#id");
		fx_is_xstr(doc, "string(//h:a[@href='text/001-first.xhtml#h1'])", "Q&A <tips>",
			"heading text escaped and read back");
		is_int(fx_xpath_num(doc, "count(//h:a[@href='text/001-first.xhtml#h4'])"), 0, "#### left out at depth 2");
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='toc']/h:ol/h:li[3]/h:ol)"), 0,
		       "a chapter without headings has no empty <ol>");
		is_int(fx_xpath_num(doc, "count(//h:ol[not(h:li)])"), 0, "no empty <ol> anywhere");
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='landmarks'])"), 1, "landmarks nav");
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='landmarks']//h:a[@epub:type='bodymatter'][@href='text/001-first.xhtml'])"),
		       1, "landmarks: bodymatter is the first chapter");
		is_int(fx_xpath_num(doc, "count(//h:nav[@epub:type='landmarks']//h:a[@epub:type='toc'][@href='nav.xhtml#toc'])"),
		       1, "landmarks: toc points at nav.xhtml#toc");
		is_int(fx_xpath_num(doc, "count(//h:nav[@id='toc'])"), 1, "the toc nav has id toc");
		fx_is_xstr(doc, "string(/h:html/@xml:lang)", "en", "nav xml:lang");
	}
	xmlFreeDoc(doc);
	free(nav);

	char *ncx;
	is_int(toc_ncx(&ncx, &len, &in), 0, "toc_ncx succeeds");
	doc = fx_parse_strict(ncx, len);
	if (ok(doc != NULL, "toc.ncx is well-formed (strict parse)")) {
		fx_is_xstr(doc, "string(//n:meta[@name='dtb:uid']/@content)", in.uid, "NCX dtb:uid is the book's uid");
		fx_is_xstr(doc, "string(//n:docTitle/n:text)", "My \"Book\" & more", "NCX docTitle escaped");
		/* title page + contents + 3 chapters + 4 headings of ch 1 + 1 of ch 2 */
		int count = (int)fx_xpath_num(doc, "count(//n:navPoint)");
		is_int(count, 10, "ten navPoints");
		bool seq = true;
		for (int i = 1; i <= count; i++) {
			char expr[96];
			snprintf(expr, sizeof expr, "number((//n:navPoint)[%d]/@playOrder)", i);
			if ((int)fx_xpath_num(doc, expr) != i) {
				diag("navPoint %d has playOrder %g", i, fx_xpath_num(doc, expr));
				seq = false;
			}
		}
		ok(seq, "playOrder is 1..N in document order");
		is_int(fx_xpath_num(doc, "count(//n:navPoint[@id = following::n:navPoint/@id])"), 0, "navPoint ids unique");
		fx_is_xstr(doc, "string(//n:meta[@name='dtb:depth']/@content)", "3", "dtb:depth counts nesting (chapter, ##, ###)");
		is_int(fx_xpath_num(doc, "count(/n:ncx/n:navMap/n:navPoint[3]/n:navPoint)"), 2,
		       "first chapter's navPoint holds its two ## points");
		fx_is_xstr(doc, "string(/n:ncx/n:navMap/n:navPoint[3]/n:navPoint[1]/n:navPoint[2]/n:content/@src)",
			"text/001-first.xhtml#h2", "nested navPoint src is chapter#id");
	}
	xmlFreeDoc(doc);
	free(ncx);

	in.depth = 1;
	toc_ncx(&ncx, &len, &in);
	doc = fx_parse_strict(ncx, len);
	is_int(doc ? fx_xpath_num(doc, "count(//n:navPoint)") : -1, 8, "depth 1: eight navPoints");
	char *depth = doc ? fx_xpath_str(doc, "string(//n:meta[@name='dtb:depth']/@content)") : NULL;
	is_str(depth, "2", "depth 1: dtb:depth 2");
	free(depth);
	xmlFreeDoc(doc);
	free(ncx);

	in.nchapters = 0;
	toc_nav(&nav, &len, &in);
	doc = fx_parse_strict(nav, len);
	ok(doc != NULL, "nav of a book without chapters is well-formed");
	is_int(doc ? fx_xpath_num(doc, "count(//h:nav[@epub:type='toc']/h:ol/h:li)") : -1, 0, "and lists no chapter");
	xmlFreeDoc(doc);
	free(nav);

	for (size_t i = 0; i < 3; i++)
		chapter_free(&ch[i]);
}

/* Byte for byte what xmlTextWriter wrote before the contents were written
 * directly (the expected strings come from its output): escaping in text
 * and attributes, UTF-8 kept, an empty list, the streaming writer. */
static void test_exact_bytes(void)
{
	struct post p1 = {0}, p2 = {0};
	p1.title = "A \"q\" & <b> 'x'";
	p2.title = "tab\there\r\nnew caf\xC3\xA9";
	struct chapter ch[2];
	static const int l1[] = {2};
	S_chapter(&ch[0], &p1, "text/001-b&c\"d.xhtml", l1, 1);
	S_chapter(&ch[1], &p2, "text/002-\xC3\xA9\tx.xhtml", NULL, 0);
	struct toc_input in = {.title = "T & <t>", .language = "fr", .uid = "urn:uuid:&",
			       .titlepage_href = "titlepage.xhtml", .nav_href = "nav.xhtml",
			       .stylesheet_href = "style.css", .depth = 2};
	struct toc_writer *t = toc_begin(&in);
	toc_add(t, &ch[0]);
	toc_add(t, &ch[1]);
	char *nav, *ncx;
	size_t nav_len, ncx_len;
	toc_finish(t, &nav, &nav_len, &ncx, &ncx_len);
	like(nav, "\n        <li>\n          <a href=\"text/001-b&amp;c&quot;d.xhtml\">A &quot;q&quot; &amp; "
		  "&lt;b&gt; 'x'</a>\n          <ol>\n            <li>\n              <a href=\"text/001-b&amp;"
		  "c&quot;d.xhtml#h0\">Heading 0</a>\n            </li>\n          </ol>\n        </li>\n",
	     "nav: a chapter and its heading, escaped and indented as before");
	like(nav, "<a href=\"text/002-\xC3\xA9&#9;x.xhtml\">tab\there&#13;\nnew caf\xC3\xA9</a>",
	     "nav: a tab in an attribute is a reference, in text it stays; CR is a reference; UTF-8 stays");
	like(ncx, "<meta name=\"dtb:uid\" content=\"urn:uuid:&amp;\"/>\n    <meta name=\"dtb:depth\" content=\"2\"/>",
	     "ncx: the head says the depth the entries reached");
	like(ncx, "<docTitle>\n    <text>T &amp; &lt;t&gt;</text>\n  </docTitle>", "ncx: the title escaped");
	like(ncx, "      <navPoint id=\"np-4\" playOrder=\"4\">\n        <navLabel>\n          <text>Heading 0</text>\n"
		  "        </navLabel>\n        <content src=\"text/001-b&amp;c&quot;d.xhtml#h0\"/>\n      </navPoint>\n",
	     "ncx: a heading's navPoint inside its chapter's");
	is_int(nav_len, strlen(nav), "nav: length");
	is_int(ncx_len, strlen(ncx), "ncx: length");
	free(nav);
	free(ncx);
	in.nchapters = 0;
	toc_nav(&nav, &nav_len, &in);
	/* The book is French (words.h): its heading and landmarks say so. */
	like(nav, "<h1>Table des matières</h1>\n      <ol/>\n    </nav>", "nav: no chapter gives an empty <ol/>");
	like(nav, ">Page de titre</a>", "nav: the title page's landmark in the book's language");
	unlike(nav, "Contents", "nav: no English heading in a French book");
	free(nav);
	for (int i = 0; i < 2; i++) {
		free(ch[i].href);
		for (size_t k = 0; k < ch[i].nheadings; k++) {
			free(ch[i].headings[k].id);
			free(ch[i].headings[k].text);
		}
		free(ch[i].headings);
	}
}

/* A post of N headings: the outline's parents and the nested lists were
 * once found by rescanning every earlier or every entry (100,000
 * headings: minutes, past this test's timeout). Levels 2, 3, 4 in turn,
 * then a run of equal ## headings. The time is only reported: speed is
 * checked by tests/pathological.sh (its headings case, under a limit
 * that allows for sanitizers), never by a clock in a unit test, which a
 * loaded machine or ThreadSanitizer makes fail. */
static void test_many_headings(void)
{
	enum { N = 100000 };
	int *levels = xmalloc(N * sizeof *levels);
	for (size_t i = 0; i < N; i++)
		levels[i] = i < N / 2 ? 2 + (int)(i % 3) : 2;
	struct post p = {.title = "Many"};
	struct chapter ch;
	S_chapter(&ch, &p, "text/001-many.xhtml", levels, N);
	clock_t start = clock();
	size_t *idx;
	long *parent;
	size_t n = toc_outline(&ch, 3, &idx, &parent);
	bool right = n == N;
	for (size_t k = 0; right && k < n; k++) {
		long want = levels[k] == 2 ? -1 : (long)k - 1;
		right = idx[k] == k && parent[k] == want;
	}
	ok(right, "100,000 headings: each ### under the ## before it, each #### under its ###");
	free(idx);
	free(parent);
	struct toc_input in = {.title = "T", .language = "en", .uid = "urn:uuid:x", .titlepage_href = "t.xhtml",
			       .nav_href = "nav.xhtml", .stylesheet_href = "style.css", .chapters = &ch,
			       .nchapters = 1, .depth = 3};
	char *nav, *ncx;
	size_t nav_len, ncx_len;
	toc_nav(&nav, &nav_len, &in);
	toc_ncx(&ncx, &ncx_len, &in);
	double secs = (double)(clock() - start) / CLOCKS_PER_SEC;
	diag("outline, nav and NCX of 100,000 headings: %.2f s", secs);
	xmlDocPtr doc = fx_parse_strict(nav, nav_len);
	is_int(doc ? fx_xpath_num(doc, "count(//h:nav[@epub:type='toc']/h:ol/h:li/h:ol/h:li)") : -1,
	       N / 6 + 1 + N / 2, "every ## is a child of the chapter's entry");
	xmlFreeDoc(doc);
	free(nav);
	free(ncx);
	free(levels);
	chapter_free(&ch);
}

int main(void)
{
	test_outline();
	test_nav_ncx();
	test_exact_bytes();
	test_many_headings();
	xmlCleanupParser();
	return done_testing();
}
