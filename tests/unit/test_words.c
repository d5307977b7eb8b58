/* Unit tests of words.h: each language's long date (as CLDR writes
 * 2015-09-11), its count of posts for 0, 1, 2 and 5, the choice of row by
 * primary subtag and the fallback to English, and the labels of the cover,
 * embedded players, reST's seealso and the accessibility summary. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/words.h"
#include "tap.h"

static const struct {
	const char *lang, *date, *c0, *c1, *c2, *c5;
} S_cases[] = {
	{"en", "11 September 2015", "0 posts", "1 post", "2 posts", "5 posts"},
	{"zh", "2015年9月11日", "0篇文章", "1篇文章", "2篇文章", "5篇文章"},
	{"zh-Hant", "2015年9月11日", "0篇文章", "1篇文章", "2篇文章", "5篇文章"},
	{"ja", "2015年9月11日", "0件の記事", "1件の記事", "2件の記事", "5件の記事"},
	{"ko", "2015년 9월 11일", "글 0편", "글 1편", "글 2편", "글 5편"},
	{"fr", "11 septembre 2015", "0 billet", "1 billet", "2 billets", "5 billets"},
	{"de", "11. September 2015", "0 Beiträge", "1 Beitrag", "2 Beiträge", "5 Beiträge"},
	{"es", "11 de septiembre de 2015", "0 entradas", "1 entrada", "2 entradas", "5 entradas"},
	{"pt", "11 de setembro de 2015", "0 publicação", "1 publicação", "2 publicações", "5 publicações"},
	{"fi", "11. syyskuuta 2015", "0 kirjoitusta", "1 kirjoitus", "2 kirjoitusta", "5 kirjoitusta"},
};

static void S_is_owned(char *got, const char *want, const char *name, const char *lang)
{
	char label[96];
	snprintf(label, sizeof label, "%s: %s", lang, name);
	is_str(got, want, label);
	free(got);
}

static void test_rows(void)
{
	struct date d;
	date_parse(&d, "2015-09-11");
	for (size_t i = 0; i < sizeof S_cases / sizeof *S_cases; i++) {
		const struct words *w = words_for(S_cases[i].lang);
		ok(strcmp(w->lang, S_cases[i].lang) == 0, "%s has a row", S_cases[i].lang);
		S_is_owned(words_date(w, &d), S_cases[i].date, "2015-09-11", w->lang);
		S_is_owned(words_count(w, 0), S_cases[i].c0, "0 posts", w->lang);
		S_is_owned(words_count(w, 1), S_cases[i].c1, "1 post", w->lang);
		S_is_owned(words_count(w, 2), S_cases[i].c2, "2 posts", w->lang);
		S_is_owned(words_count(w, 5), S_cases[i].c5, "5 posts", w->lang);
		/* Every word is there: a missing one would print "(null)" or crash. */
		ok(w->contents && w->landmarks && w->cover && w->title_page && w->start && w->notes && w->backlink &&
			   w->tags && w->updated && w->source && w->list_sep && w->list_last &&
			   strstr(w->colophon, "%s"),
		   "%s: every word", w->lang);
		bool named = true;
		for (int m = 0; m < 12; m++)
			named = named && (!strstr(w->date_long, "%B") || w->months[m]);
		ok(named, "%s: every month has a name where the date says it", w->lang);
	}
}

static void test_choice(void)
{
	is_str(words_for("pt-BR")->lang, "pt", "pt-BR: the primary subtag");
	is_str(words_for("ZH-hans")->lang, "zh", "ZH-hans: case-insensitive, simplified");
	is_str(words_for("zh-CN")->lang, "zh", "zh-CN: simplified");
	is_str(words_for("zh-Hant-TW")->lang, "zh-Hant", "zh-Hant-TW: traditional");
	is_str(words_for("zh-TW")->lang, "zh-Hant", "zh-TW: traditional (CLDR's likely script)");
	is_str(words_for("zh_hk")->lang, "zh-Hant", "zh_hk: traditional");
	is_str(words_for("zh-Hans-HK")->lang, "zh", "zh-Hans-HK: the script wins over the region");
	is_str(words_for("zh-Hant")->contents, "目錄", "zh-Hant: its own words");
	is_str(words_for("ja_JP")->lang, "ja", "ja_JP: an underscore separates too");
	is_str(words_for("nl")->lang, "en", "nl: no row, English");
	is_str(words_for("english")->lang, "en", "a long first subtag: English");
	is_str(words_for("")->lang, "en", "empty: English");
	is_str(words_for(NULL)->lang, "en", "NULL: English");
	is_str(words_for("fil")->lang, "en", "fil is not fi");

	struct date bad = {0};
	S_is_owned(words_date(words_for("en"), &bad), "", "an invalid date is empty", "en");
	S_is_owned(words_colophon(words_for("en"), 1), "1 post, bound with sheaf.", "colophon", "en");
	S_is_owned(words_colophon(words_for("ja"), 9), "9件の記事、sheaf で製本。", "colophon", "ja");

	struct strvec names = STRVEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	sv_push(&names, "Ann");
	sv_push(&names, "Bo");
	sv_push(&names, "Cy");
	words_join(words_for("en"), &sb, &names);
	is_str(sb.s, "Ann, Bo and Cy", "en joins names");
	sb_release(&sb);
	words_join(words_for("fr"), &sb, &names);
	is_str(sb.s, "Ann, Bo et Cy", "fr joins names");
	sb_release(&sb);
	sv_free(&names);
}

/* s holds one %s and no other conversion: words_fill replaces it. */
static bool S_one_slot(const char *s)
{
	const char *at = s ? strstr(s, "%s") : NULL;
	return at && !strchr(at + 2, '%') && (size_t)(strchr(s, '%') - s) == (size_t)(at - s);
}

static bool S_set(const char *s)
{
	return s && *s;
}

/* The labels sheaf adds to a book beyond headings and dates (issue 15):
 * the cover's alternative text, an embedded player's label, reST's "See
 * also", the package's accessibility summary. */
static void test_labels(void)
{
	for (size_t i = 0; i < sizeof S_cases / sizeof *S_cases; i++) {
		const struct words *w = words_for(S_cases[i].lang);
		ok(S_one_slot(w->by) && S_one_slot(w->cover_of), "%s: the cover's formats take one name", w->lang);
		ok(S_one_slot(w->video_on) && S_one_slot(w->post_on) && S_one_slot(w->gist_on) && S_set(w->embedded_page),
		   "%s: an embed's label takes the service's name", w->lang);
		ok(S_set(w->image) && S_set(w->section) && S_set(w->colon) && S_set(w->video) && S_set(w->audio) && S_set(w->embedded) &&
			   S_set(w->video_poster) && S_set(w->see_also),
		   "%s: every label", w->lang);
		ok(S_set(w->a11y_images) && S_set(w->a11y_text) && strcmp(w->a11y_images, w->a11y_text) != 0 &&
			   !strchr(w->a11y_images, '%') && !strchr(w->a11y_text, '%'),
		   "%s: both accessibility summaries", w->lang);
		/* Only English may be English. */
		if (strcmp(w->lang, "en") != 0)
			ok(strcmp(w->see_also, "See also") != 0 && strcmp(w->embedded, "Embedded content") != 0 &&
				   strcmp(w->cover_of, "Cover of %s") != 0 && strcmp(w->video_poster, "Video poster") != 0 &&
				   !strstr(w->a11y_text, "Blog posts"),
			   "%s: translated", w->lang);
	}
	static const struct {
		const char *lang, *by, *cover_of, *see_also, *video;
	} want[] = {
		{"en", "by Ada", "Cover of T", "See also", "Video"},
		{"ja", "Ada 著", "『T』の表紙", "参考", "動画"},
		{"zh-CN", "Ada 著", "《T》封面", "参见", "视频"},
		{"zh-TW", "Ada 著", "《T》封面", "請參閱", "影片"},
		{"ko", "Ada 지음", "《T》 표지", "더 보기", "동영상"},
		{"fr", "par Ada", "Couverture de T", "Voir aussi", "Vidéo"},
		{"de", "von Ada", "Umschlag von T", "Siehe auch", "Video"},
		{"es", "por Ada", "Cubierta de T", "Ver también", "Vídeo"},
		{"pt-BR", "por Ada", "Capa de T", "Ver também", "Vídeo"},
		{"fi", "kirjoittanut Ada", "Kansi: T", "Katso myös", "Video"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const struct words *w = words_for(want[i].lang);
		S_is_owned(words_fill(w->by, "Ada"), want[i].by, "by", want[i].lang);
		S_is_owned(words_fill(w->cover_of, "T"), want[i].cover_of, "cover of", want[i].lang);
		is_str(w->see_also, want[i].see_also, "see also");
		is_str(w->video, want[i].video, "video");
	}
	S_is_owned(words_fill(words_for("en")->video_on, "YouTube"), "Video on YouTube", "an embed, as it always was",
		   "en");
	S_is_owned(words_fill(words_for("es")->post_on, "Instagram"), "Publicación en Instagram", "an embed", "es");
	is_str(words_for("ja")->image, "画像", "ja: an image");
	is_str(words_for("de")->image, "Bild", "de: an image");
	is_str(words_for("en")->image, "image", "en: an image, as it always was");
	is_str(words_for("de")->section, "Abschnitt", "de: a heading without text");
	is_str(words_for("en")->section, "Section", "en: a heading without text, as it always was");
	is_str(words_for("fr")->colon, "\xC2\xA0: ", "fr: a no-break space before the colon");
	is_str(words_for("ja")->colon, "\xEF\xBC\x9A", "ja: a full-width colon");
	is_str(words_for("en")->a11y_images,
	       "Blog posts as chapters with headings, a navigable table of contents and footnotes as linked notes. "
	       "Images carry the alternative text their authors gave.",
	       "en: the summary English books always had");
}

/* Language tags (lang_tag_valid), which lang and xml:lang must be. */
static void test_lang(void)
{
	static const char *const good[] = {"en", "pt-BR", "zh-Hant-TW", "de-CH-1996", "fil"};
	static const char *const bad[] = {"C", "en_US", "", "e", "en-", "-en", "en--US",
					  "abcdefghi", "en US", "en-toolongsubtag", "C.UTF-8"};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ok(lang_tag_valid(good[i]), "lang_tag_valid(\"%s\")", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ok(!lang_tag_valid(bad[i]), "!lang_tag_valid(\"%s\")", bad[i]);
	/* RFC 5646 private-use tags are well-formed too. */
	ok(lang_tag_valid("x-klingon"), "lang_tag_valid(\"x-klingon\")");
}

int main(void)
{
	test_lang();
	test_rows();
	test_choice();
	test_labels();
	return done_testing();
}
