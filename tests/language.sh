#!/usr/bin/env bash
# The book's language (issue 15): its fixed words and dates come from the
# translation table (src/base/words.c). The sample blog exported with
# --language ja and fr: nav.xhtml's heading and landmarks, the title page's
# count of posts, a byline's dates, the footnotes' labels; the site's own
# language when no --language is given; English books keep English words.
# Then the other words sheaf adds: the cover's alternative text, the
# accessibility summary, embedded players' labels, a missing image's
# placeholder, a heading without text in the contents, reST's "See also"
# (a Pelican fixture).
# Prints TAP.
# Usage: language.sh SHEAF_BINARY SOURCE_ROOT
set -u
SHEAF=$(realpath "$1")
SAMPLE=$(realpath "$2")/samples/blog
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME=$T/cache
export SOURCE_DATE_EPOCH=1700000000
# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"
cd "$T" || exit 1

entry() { unzip -p "$1" "$2"; }
# has NAME FILE TEXT: the file holds TEXT (fixed string)
has() { check "$1" grep -qF -- "$3" "$2"; }
# shellcheck disable=SC2016 # the inner shell expands its own "$1"
hasnt() { check "$1" bash -c '! grep -qF -- "$2" "$1"' _ "$2" "$3"; }

# The post with an update and two authors, and the one with footnotes.
UPDATED=005-laying-out-a-workshop-in-nine-square-metres.xhtml
NOTES=001-sharpening-by-hand-slowly.xhtml

for lang in ja fr en; do
	if "$SHEAF" "$SAMPLE" -q --language "$lang" -o "$lang.epub" 2>"$lang.err"; then
		ok "--language $lang: exported"
	else
		not_ok "--language $lang: exported" "$(cat "$lang.err")"
	fi
	entry "$lang.epub" EPUB/nav.xhtml >"$lang.nav"
	entry "$lang.epub" EPUB/toc.ncx >"$lang.ncx"
	entry "$lang.epub" EPUB/titlepage.xhtml >"$lang.title"
	entry "$lang.epub" "EPUB/text/$UPDATED" >"$lang.updated"
	entry "$lang.epub" "EPUB/text/$NOTES" >"$lang.notes"
done

# Japanese: CLDR's long date (y年M月d日), no plural, Japanese landmarks.
has "ja: nav heading" ja.nav "<h1>目次</h1>"
has "ja: nav's title" ja.nav "<title>目次</title>"
has "ja: landmark of the title page" ja.nav ">扉</a>"
has "ja: landmark of the start" ja.nav ">本文の始まり</a>"
has "ja: NCX's entry of the contents" ja.ncx "<text>目次</text>"
has "ja: the title page's count, no plural" ja.title "9件の記事、sheaf で製本。"
has "ja: byline date" ja.updated '<time datetime="2024-03-02">2024年3月2日</time>'
has "ja: byline's update" ja.updated '更新日 <time datetime="2024-05-10">2024年5月10日</time>'
has "ja: names joined" ja.updated "Ada Quill、Bruno Fernández"
has "ja: the footnotes' label" ja.notes 'aria-label="注"'
hasnt "ja: no English heading left" ja.nav "Contents"
hasnt "ja: no English date left" ja.updated "March"

# French: "2 mars 2024", 0 and 1 singular, "mis à jour le".
has "fr: nav heading" fr.nav "<h1>Table des matières</h1>"
has "fr: landmark of the cover" fr.nav ">Couverture</a>"
has "fr: the title page's count" fr.title "9 billets, reliés avec sheaf."
has "fr: the title page's source" fr.title "D’après <a"
has "fr: byline date" fr.updated '<time datetime="2024-03-02">2 mars 2024</time>'
has "fr: byline's update" fr.updated ', mis à jour le <time datetime="2024-05-10">10 mai 2024</time>'
has "fr: names joined" fr.updated "Ada Quill et Bruno Fernández"
has "fr: the footnotes' back links" fr.notes 'aria-label="Retour au texte"'
has "fr: the tags' label" fr.notes 'aria-label="Étiquettes"'

# A one-post French book says "1 billet"; 0 and 1 are singular in French.
"$SHEAF" "$SAMPLE" -q --language fr-CA --since 2024-08-01 --until 2024-08-31 -o one.epub 2>/dev/null
has "fr-CA: one post is singular (primary subtag fr)" <(entry one.epub EPUB/titlepage.xhtml) "1 billet, reliés"

# English, the site's own language: the words as they always were.
has "en: nav heading" en.nav "<h1>Contents</h1>"
has "en: the title page's count" en.title "9 posts, bound with sheaf."
has "en: byline" en.updated '2 March 2024</time><span class="updated">, updated <time datetime="2024-05-10">10 May 2024</time>'

# No --language: the site's configuration says it (theme.language).
cp -r "$SAMPLE" site
sed -i 's/^\(  *\)language: en$/\1language: de/' site/mkdocs.yml
if grep -q 'language: de' site/mkdocs.yml; then
	"$SHEAF" site -q -o de.epub 2>/dev/null
	has "site language de: nav heading" <(entry de.epub EPUB/nav.xhtml) "<h1>Inhalt</h1>"
	has "site language de: byline date" <(entry de.epub "EPUB/text/$UPDATED") ">2. März 2024</time>"
	"$SHEAF" site -q --language "fi" -o fi.epub 2>/dev/null
	has "--language fi overrides the site's de" <(entry fi.epub "EPUB/text/$UPDATED") ">2. maaliskuuta 2024</time>"
else
	not_ok "the sample's mkdocs.yml names its language as 'language: en'"
fi

# The other words sheaf adds (issue 15): the cover's alternative text, the
# package's accessibility summary, an embedded player's label and a video
# poster's alternative text, reST's seealso box.
for lang in ja fr; do
	entry "$lang.epub" EPUB/cover.xhtml >"$lang.cover"
	entry "$lang.epub" EPUB/content.opf >"$lang.opf"
done
has "ja: the cover's alternative text" ja.cover 'alt="Notes from the Workbench、Ada Quill、Bruno Fernández 著、'
has "ja: the accessibility summary" ja.opf '<meta property="schema:accessibilitySummary">ブログ記事を章として収め'
hasnt "ja: no English summary" ja.opf "Blog posts as chapters"
has "fr: the cover's alternative text" fr.cover 'alt="Notes from the Workbench, par Ada Quill et Bruno Fernández, '
has "fr: the accessibility summary" fr.opf '<meta property="schema:accessibilitySummary">Des billets de blog en chapitres'
entry en.epub EPUB/cover.xhtml >en.cover
has "en: the cover's alternative text as it always was" en.cover 'alt="Notes from the Workbench, by Ada Quill and Bruno Fernández, '

mkdir -p pel/content
printf "SITENAME = 'Pel'\nAUTHOR = 'Ann'\nPATH = 'content'\n" >pel/pelicanconf.py
cat >pel/content/seen.rst <<'RST'
Seen
####

:date: 2024-01-02

Words.

.. image:: nope.png

.. seealso:: Other posts.

.. note:: A note.

.. youtube:: w7Ft2ymGmfc

.. raw:: html

   <video src="https://v.example/clip.mp4" poster="https://v.example/p.png"></video>

   <iframe src="https://maps.example/x" title="Map"></iframe>

   <audio src="https://e.example/a.ogg"></audio>

.. raw:: html

   <h2><img src="https://v.example/h.png" alt=""></h2>

After a heading that is a picture without alternative text.
RST
for lang in ja fr en; do
	"$SHEAF" pel -q --offline --language "$lang" -o "pel-$lang.epub" 2>/dev/null
	entry "pel-$lang.epub" EPUB/text/001-seen.xhtml >"pel-$lang.text"
	entry "pel-$lang.epub" EPUB/nav.xhtml >"pel-$lang.nav"
done
has "ja: reST's seealso box" pel-ja.text '<p class="admonition-title">参考</p>'
has "ja: reST's note, as docutils titles it" pel-ja.text '<div class="admonition note"><p class="admonition-title">備考</p>'
has "ja: a video's label" pel-ja.text '>動画：https://v.example/clip.mp4</a>'
has "ja: a frame's label" pel-ja.text '>埋め込みコンテンツ：Map</a>'
has "ja: an audio's label" pel-ja.text '>音声：https://e.example/a.ogg</a>'
has "ja: a poster's alternative text" pel-ja.text '[動画のポスター画像]'
has "ja: a missing image without alternative text" pel-ja.text '[画像：nope.png]'
has "ja: a heading without text in the contents" pel-ja.nav '>節</a>'
has "ja: an embedded video's link" pel-ja.text '>YouTube：https://www.youtube.com/watch?v=w7Ft2ymGmfc</a>'
has "fr: reST's seealso box" pel-fr.text '<p class="admonition-title">Voir aussi</p>'
has "fr: reST's note, as docutils titles it" pel-fr.text '<div class="admonition note"><p class="admonition-title">Note</p>'
has "fr: a video's label" pel-fr.text $'>Vidéo\xc2\xa0: https://v.example/clip.mp4</a>'
has "fr: a frame's label" pel-fr.text $'>Contenu intégré\xc2\xa0: Map</a>'
has "fr: a poster's alternative text" pel-fr.text '[Affiche de la vidéo]'
has "fr: a missing image without alternative text" pel-fr.text $'[image\xc2\xa0: nope.png]'
has "en: as they always were" pel-en.text '<p class="admonition-title">See also</p>'
has "en: a frame's label as it always was" pel-en.text '>Embedded content: Map</a>'
has "en: a missing image as it always was" pel-en.text '[image: nope.png]'
has "en: a heading without text as it always was" pel-en.nav '>Section</a>'

for b in ja fr pel-ja pel-fr; do
	epubcheck_clean "epubcheck: $b.epub has no error or warning" "$b.epub"
done
tap_done
