/* words.c — the translation table (words.h).
 *
 * The dates follow CLDR's "long" date format of each language (the
 * Gregorian calendar's dateFormatLength type="long") with the month names
 * of its format context: Finnish says "11. syyskuuta 2015", partitive, not
 * the stand-alone "syyskuu". English keeps the day-first form sheaf has
 * always written (CLDR's en-GB), so English books do not change.
 */
#include "base/words.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct words S_rows[] = {
	{
		.lang = "en",
		.contents = "Contents",
		.cover = "Cover",
		.title_page = "Title page",
		.start = "Start of content",
		.landmarks = "Landmarks",
		.notes = "Notes",
		.backlink = "Back to the text",
		.tags = "Tags",
		.updated = "updated",
		.source = "From",
		.list_sep = ", ",
		.list_last = " and ",
		.count_one = "%s post",
		.count_other = "%s posts",
		.plural = WORDS_PLURAL_ONE,
		.colophon = "%s, bound with sheaf.",
		.date_long = "%d %B %Y",
		.months = { "January", "February", "March", "April", "May", "June", "July", "August",
			    "September", "October", "November", "December" },
		.by = "by %s",
		.cover_of = "Cover of %s",
		.colon = ": ",
		.video = "Video",
		.audio = "Audio",
		.embedded = "Embedded content",
		.video_poster = "Video poster",
		.video_on = "Video on %s",
		.post_on = "Post on %s",
		.gist_on = "Gist on %s",
		.embedded_page = "Embedded page",
		.image = "image",
		.section = "Section",
		.see_also = "See also",
		.a11y_images = "Blog posts as chapters with headings, a navigable table of contents and footnotes as linked notes."
			" Images carry the alternative text their authors gave.",
		.a11y_text = "Blog posts as chapters with headings, a navigable table of contents and footnotes as linked notes."
			" The text is fully readable without vision.",
	},
	{
		.lang = "zh",
		.contents = "目录",
		.cover = "封面",
		.title_page = "扉页",
		.start = "正文开始",
		.landmarks = "地标",
		.notes = "注释",
		.backlink = "返回正文",
		.tags = "标签",
		.updated = "更新于",
		.source = "来源：",
		.list_sep = "、",
		.list_last = "和",
		.count_one = "%s篇文章",
		.count_other = "%s篇文章",
		.plural = WORDS_PLURAL_NONE,
		.colophon = "%s，由 sheaf 装订。",
		.date_long = "%Y年%m月%d日",
		.by = "%s 著",
		.cover_of = "《%s》封面",
		.colon = "：",
		.video = "视频",
		.audio = "音频",
		.embedded = "嵌入内容",
		.video_poster = "视频封面",
		.video_on = "%s 上的视频",
		.post_on = "%s 上的帖子",
		.gist_on = "%s 上的 Gist",
		.embedded_page = "嵌入的网页",
		.image = "图片",
		.section = "小节",
		.see_also = "参见",
		.a11y_images = "博客文章按章节编排，带有标题、可导航的目录和链接到正文的脚注。"
			"图片附有作者提供的替代文本。",
		.a11y_text = "博客文章按章节编排，带有标题、可导航的目录和链接到正文的脚注。"
			"全部文字无需视觉即可阅读。",
	},
	{
		.lang = "zh-Hant",
		.contents = "目錄",
		.cover = "封面",
		.title_page = "扉頁",
		.start = "正文開始",
		.landmarks = "地標",
		.notes = "註釋",
		.backlink = "返回正文",
		.tags = "標籤",
		.updated = "更新於",
		.source = "來源：",
		.list_sep = "、",
		.list_last = "和",
		.count_one = "%s篇文章",
		.count_other = "%s篇文章",
		.plural = WORDS_PLURAL_NONE,
		.colophon = "%s，由 sheaf 裝訂。",
		.date_long = "%Y年%m月%d日",
		.by = "%s 著",
		.cover_of = "《%s》封面",
		.colon = "：",
		.video = "影片",
		.audio = "音訊",
		.embedded = "嵌入內容",
		.video_poster = "影片封面",
		.video_on = "%s 上的影片",
		.post_on = "%s 上的貼文",
		.gist_on = "%s 上的 Gist",
		.embedded_page = "嵌入的網頁",
		.image = "圖片",
		.section = "小節",
		.see_also = "請參閱",
		.a11y_images = "部落格文章按章節編排，附有標題、可導覽的目錄和連結至正文的註腳。"
			"圖片附有作者提供的替代文字。",
		.a11y_text = "部落格文章按章節編排，附有標題、可導覽的目錄和連結至正文的註腳。"
			"全部文字無需視覺即可閱讀。",
	},
	{
		.lang = "ja",
		.contents = "目次",
		.cover = "表紙",
		.title_page = "扉",
		.start = "本文の始まり",
		.landmarks = "ランドマーク",
		.notes = "注",
		.backlink = "本文に戻る",
		.tags = "タグ",
		.updated = "更新日",
		.source = "出典：",
		.list_sep = "、",
		.list_last = "、",
		.count_one = "%s件の記事",
		.count_other = "%s件の記事",
		.plural = WORDS_PLURAL_NONE,
		.colophon = "%s、sheaf で製本。",
		.date_long = "%Y年%m月%d日",
		.by = "%s 著",
		.cover_of = "『%s』の表紙",
		.colon = "：",
		.video = "動画",
		.audio = "音声",
		.embedded = "埋め込みコンテンツ",
		.video_poster = "動画のポスター画像",
		.video_on = "%s の動画",
		.post_on = "%s の投稿",
		.gist_on = "%s の Gist",
		.embedded_page = "埋め込みページ",
		.image = "画像",
		.section = "節",
		.see_also = "参考",
		.a11y_images = "ブログ記事を章として収め、見出し、移動できる目次、本文とリンクした脚注を備えています。"
			"画像には作者が付けた代替テキストがあります。",
		.a11y_text = "ブログ記事を章として収め、見出し、移動できる目次、本文とリンクした脚注を備えています。"
			"本文はすべて視覚に頼らずに読めます。",
	},
	{
		.lang = "ko",
		.contents = "목차",
		.cover = "표지",
		.title_page = "속표지",
		.start = "본문 시작",
		.landmarks = "랜드마크",
		.notes = "주석",
		.backlink = "본문으로 돌아가기",
		.tags = "태그",
		.updated = "수정일",
		.source = "출처:",
		.list_sep = ", ",
		.list_last = ", ",
		.count_one = "글 %s편",
		.count_other = "글 %s편",
		.plural = WORDS_PLURAL_NONE,
		.colophon = "%s, sheaf로 엮음.",
		.date_long = "%Y년 %B %d일",
		.months = { "1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월" },
		.by = "%s 지음",
		.cover_of = "《%s》 표지",
		.colon = ": ",
		.video = "동영상",
		.audio = "오디오",
		.embedded = "삽입된 콘텐츠",
		.video_poster = "동영상 포스터",
		.video_on = "%s 동영상",
		.post_on = "%s 게시물",
		.gist_on = "%s Gist",
		.embedded_page = "삽입된 페이지",
		.image = "이미지",
		.section = "절",
		.see_also = "더 보기",
		.a11y_images = "블로그 글을 장으로 엮고 제목, 탐색할 수 있는 목차, 본문과 연결된 각주를 갖추었습니다."
			" 이미지에는 작성자가 붙인 대체 텍스트가 있습니다.",
		.a11y_text = "블로그 글을 장으로 엮고 제목, 탐색할 수 있는 목차, 본문과 연결된 각주를 갖추었습니다."
			" 모든 텍스트는 시각 없이도 읽을 수 있습니다.",
	},
	{
		.lang = "fr",
		.contents = "Table des matières",
		.cover = "Couverture",
		.title_page = "Page de titre",
		.start = "Début du contenu",
		.landmarks = "Repères",
		.notes = "Notes",
		.backlink = "Retour au texte",
		.tags = "Étiquettes",
		.updated = "mis à jour le",
		.source = "D’après",
		.list_sep = ", ",
		.list_last = " et ",
		.count_one = "%s billet",
		.count_other = "%s billets",
		.plural = WORDS_PLURAL_ZERO_ONE,
		.colophon = "%s, reliés avec sheaf.",
		.date_long = "%d %B %Y",
		.months = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
			    "septembre", "octobre", "novembre", "décembre" },
		.by = "par %s",
		.cover_of = "Couverture de %s",
		.colon = " : ",
		.video = "Vidéo",
		.audio = "Audio",
		.embedded = "Contenu intégré",
		.video_poster = "Affiche de la vidéo",
		.video_on = "Vidéo sur %s",
		.post_on = "Publication sur %s",
		.gist_on = "Gist sur %s",
		.embedded_page = "Page intégrée",
		.image = "image",
		.section = "Section",
		.see_also = "Voir aussi",
		.a11y_images = "Des billets de blog en chapitres, avec des titres, une table des matières navigable et des notes liées au texte."
			" Les images portent le texte alternatif que leurs auteurs ont donné.",
		.a11y_text = "Des billets de blog en chapitres, avec des titres, une table des matières navigable et des notes liées au texte."
			" Le texte se lit entièrement sans la vue.",
	},
	{
		.lang = "de",
		.contents = "Inhalt",
		.cover = "Umschlag",
		.title_page = "Titelseite",
		.start = "Beginn des Inhalts",
		.landmarks = "Orientierungspunkte",
		.notes = "Anmerkungen",
		.backlink = "Zurück zum Text",
		.tags = "Schlagwörter",
		.updated = "aktualisiert am",
		.source = "Aus",
		.list_sep = ", ",
		.list_last = " und ",
		.count_one = "%s Beitrag",
		.count_other = "%s Beiträge",
		.plural = WORDS_PLURAL_ONE,
		.colophon = "%s, gebunden mit sheaf.",
		.date_long = "%d. %B %Y",
		.months = { "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
			    "September", "Oktober", "November", "Dezember" },
		.by = "von %s",
		.cover_of = "Umschlag von %s",
		.colon = ": ",
		.video = "Video",
		.audio = "Audio",
		.embedded = "Eingebetteter Inhalt",
		.video_poster = "Vorschaubild des Videos",
		.video_on = "Video auf %s",
		.post_on = "Beitrag auf %s",
		.gist_on = "Gist auf %s",
		.embedded_page = "Eingebettete Seite",
		.image = "Bild",
		.section = "Abschnitt",
		.see_also = "Siehe auch",
		.a11y_images = "Blogbeiträge als Kapitel mit Überschriften, einem navigierbaren Inhaltsverzeichnis und verlinkten Fußnoten."
			" Bilder tragen den Alternativtext, den ihre Autoren angegeben haben.",
		.a11y_text = "Blogbeiträge als Kapitel mit Überschriften, einem navigierbaren Inhaltsverzeichnis und verlinkten Fußnoten."
			" Der Text ist ohne Sehvermögen vollständig lesbar.",
	},
	{
		.lang = "es",
		.contents = "Índice",
		.cover = "Cubierta",
		.title_page = "Portada",
		.start = "Inicio del contenido",
		.landmarks = "Puntos de referencia",
		.notes = "Notas",
		.backlink = "Volver al texto",
		.tags = "Etiquetas",
		.updated = "actualizado el",
		.source = "De",
		.list_sep = ", ",
		.list_last = " y ",
		.count_one = "%s entrada",
		.count_other = "%s entradas",
		.plural = WORDS_PLURAL_ONE,
		.colophon = "%s, encuadernadas con sheaf.",
		.date_long = "%d de %B de %Y",
		.months = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
			    "septiembre", "octubre", "noviembre", "diciembre" },
		.by = "por %s",
		.cover_of = "Cubierta de %s",
		.colon = ": ",
		.video = "Vídeo",
		.audio = "Audio",
		.embedded = "Contenido incrustado",
		.video_poster = "Imagen de portada del vídeo",
		.video_on = "Vídeo en %s",
		.post_on = "Publicación en %s",
		.gist_on = "Gist en %s",
		.embedded_page = "Página incrustada",
		.image = "imagen",
		.section = "Sección",
		.see_also = "Ver también",
		.a11y_images = "Entradas de blog como capítulos con encabezados, un índice navegable y notas al pie enlazadas."
			" Las imágenes llevan el texto alternativo que les dieron sus autores.",
		.a11y_text = "Entradas de blog como capítulos con encabezados, un índice navegable y notas al pie enlazadas."
			" El texto se puede leer por completo sin la vista.",
	},
	{
		.lang = "pt",
		.contents = "Sumário",
		.cover = "Capa",
		.title_page = "Folha de rosto",
		.start = "Início do conteúdo",
		.landmarks = "Pontos de referência",
		.notes = "Notas",
		.backlink = "Voltar ao texto",
		.tags = "Etiquetas",
		.updated = "atualizado em",
		.source = "De",
		.list_sep = ", ",
		.list_last = " e ",
		.count_one = "%s publicação",
		.count_other = "%s publicações",
		.plural = WORDS_PLURAL_ZERO_ONE,
		.colophon = "%s, encadernadas com sheaf.",
		.date_long = "%d de %B de %Y",
		.months = { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
			    "setembro", "outubro", "novembro", "dezembro" },
		.by = "por %s",
		.cover_of = "Capa de %s",
		.colon = ": ",
		.video = "Vídeo",
		.audio = "Áudio",
		.embedded = "Conteúdo incorporado",
		.video_poster = "Imagem de capa do vídeo",
		.video_on = "Vídeo no %s",
		.post_on = "Publicação no %s",
		.gist_on = "Gist no %s",
		.embedded_page = "Página incorporada",
		.image = "imagem",
		.section = "Seção",
		.see_also = "Ver também",
		.a11y_images = "Publicações de blog como capítulos com títulos, um sumário navegável e notas de rodapé com links."
			" As imagens trazem o texto alternativo que seus autores deram.",
		.a11y_text = "Publicações de blog como capítulos com títulos, um sumário navegável e notas de rodapé com links."
			" O texto pode ser lido por inteiro sem a visão.",
	},
	{
		.lang = "fi",
		.contents = "Sisällys",
		.cover = "Kansi",
		.title_page = "Nimiölehti",
		.start = "Sisällön alku",
		.landmarks = "Maamerkit",
		.notes = "Huomautukset",
		.backlink = "Takaisin tekstiin",
		.tags = "Tunnisteet",
		.updated = "päivitetty",
		.source = "Lähde:",
		.list_sep = ", ",
		.list_last = " ja ",
		.count_one = "%s kirjoitus",
		.count_other = "%s kirjoitusta",
		.plural = WORDS_PLURAL_ONE,
		.colophon = "%s, sidottu sheafilla.",
		.date_long = "%d. %B %Y",
		.months = { "tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta",
			    "kesäkuuta", "heinäkuuta", "elokuuta", "syyskuuta", "lokakuuta",
			    "marraskuuta", "joulukuuta" },
		.by = "kirjoittanut %s",
		.cover_of = "Kansi: %s",
		.colon = ": ",
		.video = "Video",
		.audio = "Äänite",
		.embedded = "Upotettu sisältö",
		.video_poster = "Videon esikatselukuva",
		.video_on = "Video palvelussa %s",
		.post_on = "Julkaisu palvelussa %s",
		.gist_on = "Gist palvelussa %s",
		.embedded_page = "Upotettu sivu",
		.image = "kuva",
		.section = "Osio",
		.see_also = "Katso myös",
		.a11y_images = "Blogikirjoitukset lukuina, joissa on otsikot, selattava sisällysluettelo ja tekstiin linkitetyt alaviitteet."
			" Kuvissa on niiden tekijöiden antama vaihtoehtoinen teksti.",
		.a11y_text = "Blogikirjoitukset lukuina, joissa on otsikot, selattava sisällysluettelo ja tekstiin linkitetyt alaviitteet."
			" Tekstin voi lukea kokonaan ilman näköä.",
	},
};

/* Traditional Chinese: written zh-Hant, or zh with the region of Taiwan,
 * Hong Kong or Macao and no script (CLDR's likely subtags: zh-TW is
 * zh-Hant-TW). */
static bool S_traditional(const char *tag)
{
	bool hant = false, hans = false, region = false;
	for (const char *p = tag + strcspn(tag, "-_"); *p;) {
		p++;
		size_t n = strcspn(p, "-_");
		char sub[9] = "";
		if (n < sizeof sub)
			memcpy(sub, p, n);
		hant = hant || str_ieq(sub, "Hant");
		hans = hans || str_ieq(sub, "Hans");
		region = region || str_ieq(sub, "TW") || str_ieq(sub, "HK") || str_ieq(sub, "MO");
		p += n;
	}
	return hant || (region && !hans);
}

bool lang_tag_valid(const char *s)
{
	/* language (2-8 letters), or a private-use "x-" / grandfathered "i-"
	 * tag; then subtags of 1-8 letters or digits. */
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	bool singleton = n == 1 && (s[0] == 'x' || s[0] == 'X' || s[0] == 'i' || s[0] == 'I') && s[1] == '-';
	if (!singleton && (n < 2 || n > 8 || (s[n] && s[n] != '-')))
		return false;
	const char *p = s + n;
	while (*p == '-') {
		p++;
		size_t m = 0;
		while (isalnum((unsigned char)p[m]))
			m++;
		if (m < 1 || m > 8)
			return false;
		p += m;
	}
	return *p == '\0';
}

const struct words *words_for(const char *tag)
{
	if (tag) {
		char primary[9] = "";
		size_t n = strcspn(tag, "-_");
		if (n < sizeof primary) {
			memcpy(primary, tag, n);
			primary[n] = 0;
		}
		const char *row = str_ieq(primary, "zh") && S_traditional(tag) ? "zh-Hant" : primary;
		for (size_t i = 0; i < sizeof S_rows / sizeof S_rows[0]; i++)
			if (str_ieq(row, S_rows[i].lang))
				return &S_rows[i];
	}
	return &S_rows[0];
}

/* The table's formats are not literals at the call, which
 * -Wformat-nonliteral would rightly flag: the one %s is replaced here. */
char *words_fill(const char *fmt, const char *arg)
{
	const char *at = strstr(fmt, "%s");
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, fmt, (size_t)(at - fmt));
	sb_adds(&sb, arg);
	sb_adds(&sb, at + 2);
	return sb_detach(&sb);
}

char *words_count(const struct words *w, size_t n)
{
	bool one = w->plural == WORDS_PLURAL_ONE ? n == 1 : w->plural == WORDS_PLURAL_ZERO_ONE && n <= 1;
	char num[24];
	snprintf(num, sizeof num, "%zu", n);
	return words_fill(one ? w->count_one : w->count_other, num);
}

char *words_colophon(const struct words *w, size_t n)
{
	char *count = words_count(w, n);
	char *line = words_fill(w->colophon, count);
	free(count);
	return line;
}

char *words_date(const struct words *w, const struct date *d)
{
	struct strbuf sb = STRBUF_INIT;
	if (!d->valid)
		return sb_detach(&sb);
	int month = (d->month - 1) % 12;
	for (const char *p = w->date_long; *p; p++) {
		if (p[0] != '%' || !p[1]) {
			sb_addc(&sb, *p);
			continue;
		}
		switch (*++p) {
		case 'd': sb_addf(&sb, "%d", d->day % 100); break;
		case 'm': sb_addf(&sb, "%d", month + 1); break;
		case 'B': sb_adds(&sb, w->months[month]); break;
		case 'Y': sb_addf(&sb, "%04d", d->year % 10000); break;
		default: sb_addc(&sb, *p); break;
		}
	}
	return sb_detach(&sb);
}

void words_join(const struct words *w, struct strbuf *sb, const struct strvec *sv)
{
	for (size_t i = 0; i < sv->n; i++) {
		if (i)
			sb_adds(sb, i + 1 == sv->n ? w->list_last : w->list_sep);
		sb_adds(sb, sv->v[i]);
	}
}
