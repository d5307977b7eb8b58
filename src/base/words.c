/* words.c — the translation table (words.h).
 *
 * The dates follow CLDR's "long" date format of each language (the
 * Gregorian calendar's dateFormatLength type="long") with the month names
 * of its format context: Finnish says "11. syyskuuta 2015", partitive, not
 * the stand-alone "syyskuu". English keeps the day-first form sheaf has
 * always written (CLDR's en-GB), so English books do not change.
 */
#include "base/words.h"

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

/* fmt with its one %s replaced by arg: the table's formats are not
 * literals at the call, which -Wformat-nonliteral would rightly flag. */
static char *S_fill(const char *fmt, const char *arg)
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
	return S_fill(one ? w->count_one : w->count_other, num);
}

char *words_colophon(const struct words *w, size_t n)
{
	char *count = words_count(w, n);
	char *line = S_fill(w->colophon, count);
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
