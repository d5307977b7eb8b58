/* Unit tests of the chapter stage's links (chapter.c's S_refs): every
 * address a chapter keeps is valid, what cannot be is text, and no word
 * of the post is lost. argv[1] is the source root, for
 * templates/chapter.xhtml. Fixtures are our own posts. */
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "base/util.h"
#include "convert/chapter.h"
#include "convert/markdown.h"
#include "chapter_fixture.h"
#include "fixture.h"
#include "input/post.h"
#include "tap.h"

static char *S_template;

/* The post converted and serialized; *doc the chapter parsed back
 * strictly (NULL when it is not well-formed). */
static char *S_chapter(const char *body, struct diag_list *dl, xmlDocPtr *doc, struct chapter *ch)
{
	struct post *p = cfx_post("l.md", "Links", body, 1);
	struct convert_options o = cfx_options(S_template, 1);
	*doc = NULL;
	char *text = NULL;
	if (chapter_convert(ch, p, &o, dl) == 0) {
		xmlChar *out;
		int len;
		if (chapter_serialize(&out, &len, ch->doc) == 0) {
			text = xstrndup((const char *)out, (size_t)len);
			*doc = fx_parse_strict((const char *)out, (size_t)len);
			xmlFree(out);
		}
	}
	/* chapter_convert keeps a pointer to the post: freed with it. */
	ch->post = NULL;
	post_free(p);
	return text ? text : xstrdup("");
}

/* Every href and cite left in doc is valid: a relative reference, a
 * fragment, or an http(s)/mailto URL that url_normalize leaves as it is. */
static void S_all_valid(xmlDocPtr doc, const char *name)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"h", (const xmlChar *)"http://www.w3.org/1999/xhtml");
	xmlXPathObjectPtr r = xmlXPathEvalExpression((const xmlChar *)"//@href|//@cite|//h:img/@src", ctx);
	size_t bad = 0, n = r && r->nodesetval ? (size_t)r->nodesetval->nodeNr : 0;
	for (size_t i = 0; i < n; i++) {
		xmlChar *v = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
		const char *s = (const char *)v;
		if (url_classify(s) == URL_ABSOLUTE) {
			char scheme[16], *norm = NULL;
			url_scheme(s, scheme, sizeof scheme);
			bool okay = (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0 ||
				     strcmp(scheme, "mailto") == 0) &&
				    url_normalize(&norm, s) == 0 && strcmp(norm, s) == 0;
			if (!okay) {
				diag("not a valid address: '%s'", s);
				bad++;
			}
			free(norm);
		}
		xmlFree(v);
	}
	ok(bad == 0, "%s: every address in the chapter is valid (%zu checked)", name, n);
	xmlXPathFreeObject(r);
	xmlXPathFreeContext(ctx);
}

/* Every word of words ('|'-separated) is in the chapter's text. */
static void S_all_words(xmlDocPtr doc, const char *words, const char *name)
{
	char *text = fx_xpath_str(doc, "string(//h:body)");
	size_t lost = 0;
	for (const char *w = words; *w;) {
		size_t n = strcspn(w, "|");
		char *word = xstrndup(w, n);
		if (!strstr(text, word)) {
			diag("lost: '%s'", word);
			lost++;
		}
		free(word);
		w += n + (w[n] == '|');
	}
	ok(lost == 0, "%s: every word of the post is still there", name);
	free(text);
}

/* Each XPath count in checks (NULL-terminated by expr) is as expected. */
struct S_check {
	const char *expr;
	int n;
	const char *name;
};

static void S_counts(xmlDocPtr doc, const struct S_check *checks)
{
	for (; checks->expr; checks++)
		is_int(fx_xpath_num(doc, checks->expr), checks->n, checks->name);
}

static void test_invalid_hosts(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct chapter ch;
	xmlDocPtr doc;
	char *text = S_chapter("Hosts: <a href=\"https://.../x\">dots</a>, "
			       "<a href=\"https:/`example.com\">tick</a>, "
			       "<a href=\"https://exa&#x200B;mple.com/p\">zwsp</a>, "
			       "<a href=\"https://%F0%9F%98%80.example/\">emoji</a>, "
			       "<a href=\"https://b&#xFC;cher.de/a b\">books</a>, "
			       "<a href=\"https://-bad.com/\">hyphen</a>, "
			       "<a href=\"https://example.com:99999/\">port</a>, "
			       "again <a href=\"https://.../x\">dots two</a>.\n",
			       &dl, &doc, &ch);
	if (ok(doc != NULL, "invalid hosts: well-formed")) {
		S_all_valid(doc, "invalid hosts");
		S_all_words(doc, "Hosts:|dots|tick|zwsp|emoji|books|hyphen|port|again|dots two|"
				 "https://.../x|https:/`example.com|https://-bad.com/|https://example.com:99999/",
			    "invalid hosts");
		static const struct S_check checks[] = {
			{"count(//h:a[@href='https://example.com/p'])", 1, "a zero-width space in a host is removed"},
			{"count(//h:a[@href='https://xn--e28h.example/'])", 1, "a percent-encoded emoji host becomes IDNA"},
			{"count(//h:a[@href='https://xn--bcher-kva.de/a%20b'])", 1,
			 "a non-ASCII host becomes IDNA, a space in the path is encoded"},
			{"count(//h:a[not(@href)])", 5, "five links lost their link"},
			{"count(//h:a[.='dots (https://.../x)'])", 1, "the address joins the text of a link that lost it"},
			{NULL, 0, NULL}};
		S_counts(doc, checks);
	}
	is_int(fx_count_diag(&dl, DIAG_WARNING, "l.md", "https://.../x", 1), 1,
	       "one warning for a URL, however often the post links it");
	ok(fx_has_diag(&dl, DIAG_WARNING, "l.md", "empty label"), "the warning says why");
	is_int(diag_count(&dl, DIAG_WARNING), 4, "a warning for each URL that cannot be made valid");
	xmlFreeDoc(doc);
	free(text);
	chapter_free(&ch);
	diag_list_free(&dl);
}

static void test_other_schemes(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct chapter ch;
	xmlDocPtr doc;
	char *text = S_chapter("Chat on <a href=\"irc://irc.example.org/rust\">IRC</a> or "
			       "<a href=\"irc://irc.example.org/c\">irc.example.org/c</a>, call "
			       "<a href=\"tel:+15551234\">us</a>, get <a href=\"ftp://ftp.example.org/f.pdf\">the "
			       "paper</a>, <a href=\"magnet:?xt=urn:btih:abc\">torrent</a>; write to "
			       "<a href=\"mailto:a b@example.com\">me</a> or <a href=\"HTTPS://Example.COM\">web</a>."
			       "\n\n<blockquote cite=\"https://b&#xFC;cher.de/q\">Quoted</blockquote>\n"
			       "<blockquote cite=\"ftp://x.org/q\">Other</blockquote>\n"
			       "<blockquote cite=\"/quotes/q\">Third</blockquote>\n"
			       "<a href=\":~x(1)\">colon</a> <a href=\"b[1].md\">brackets</a>\n"
			       "<a href=\"x-app:open?id=7\">app</a> <a href=\"java&#9;script:alert(1)\">js</a>\n",
			       &dl, &doc, &ch);
	if (ok(doc != NULL, "other schemes: well-formed")) {
		S_all_valid(doc, "other schemes");
		S_all_words(doc, "Chat on|IRC|irc://irc.example.org/rust|irc.example.org/c|call|us|tel:+15551234|"
				 "the paper|ftp://ftp.example.org/f.pdf|torrent|magnet:?xt=urn:btih:abc|"
				 "write to|me|web|Quoted|Other|Third|colon|brackets|app (x-app:open?id=7)|js",
			    "other schemes");
		static const struct S_check checks[] = {
			{"count(//h:a[.='irc.example.org/c'])", 1, "text that shows the address already is left as it is"},
			{"count(//h:a[@href='mailto:a%20b@example.com'])", 1, "mailto stays a link, its space encoded"},
			{"count(//h:a[@href='https://example.com'])", 1, "scheme and host lower-cased"},
			{"count(//h:blockquote[@cite='https://xn--bcher-kva.de/q'])", 1, "cite normalized"},
			{"count(//h:blockquote[@cite])", 1, "a cite no book may hold goes (another scheme, a page of the site)"},
			{"count(//h:a[@href='./:~x(1)'])", 1, "a relative path with ':' in its first segment stays a path"},
			{"count(//h:a[@href='b%5B1%5D.md'])", 1, "brackets in a path encoded"},
			{"count(//h:a[.='js'][not(@href)])", 1, "a script link keeps its text, never its address"},
			{NULL, 0, NULL}};
		S_counts(doc, checks);
	}
	is_int(fx_count_diag(&dl, DIAG_WARNING, "l.md", "not irc:", 1), 1, "one warning per scheme and post");
	is_int(diag_count(&dl, DIAG_WARNING), 5, "irc, tel, ftp, magnet and x-app warned about");
	unlike(text, "alert", "a javascript: address is nowhere in the chapter");
	xmlFreeDoc(doc);
	free(text);
	chapter_free(&ch);
	diag_list_free(&dl);
}

static void test_remote_image_hosts(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct chapter ch;
	xmlDocPtr doc;
	char *text = S_chapter("![a chart](https://a..b/c.png) ![logo](https://EXAMPLE.com/l.png)\n", &dl, &doc,
			       &ch);
	if (ok(ch.nimages == 1, "one image to fetch (%zu)", ch.nimages))
		is_str(ch.images[0].url, "https://example.com/l.png", "its URL normalized");
	ok(fx_has_diag(&dl, DIAG_WARNING, "l.md", "https://a..b/c.png"), "the other one warned about");
	if (ok(doc != NULL, "remote images: well-formed"))
		S_all_words(doc, "a chart", "remote images");
	xmlFreeDoc(doc);
	free(text);
	chapter_free(&ch);
	diag_list_free(&dl);
}

int main(int argc, char **argv)
{
	if (!(S_template = cfx_template(argc, argv)))
		return 1;
	markdown_init();
	test_invalid_hosts();
	test_other_schemes();
	test_remote_image_hosts();
	free(S_template);
	xmlCleanupParser();
	return done_testing();
}
