/* dialect.c — a generator's Markdown dialect → CommonMark and HTML (see dialect.h).
 *
 * Three passes over a post, each linear in its length (posts reach 8 MiB
 * and are fuzzed: no search here ever rescans what an earlier search
 * already covered, see S_cached):
 *
 *  0. snippets (MkDocs `--8<--`): files from inside the site are pasted in,
 *     indented like the line that named them, as pymdownx.snippets does
 *     before any other Markdown processing (in code blocks too);
 *  1. blocks, line by line: fenced and indented code is tracked (never
 *     rewritten); MkDocs admonitions, details and content tabs become
 *     <div>s with their indented content dedented (nesting is a stack, so
 *     nested boxes cost nothing more); `markdown` HTML blocks, fenced-code
 *     attributes, heading ids, attribute-list lines, `{% highlight %}` and
 *     comment blocks are rewritten. The result is split into ranges: text,
 *     code, and HTML made here (left alone by pass 2);
 *  2. inline, over each paragraph of text: shortcodes, Liquid and Nunjucks
 *     tags and values, math, emoji and icons, inline attribute lists.
 *     Inline code is skipped; in code only Liquid's raw tags and Hugo's
 *     escaped shortcodes are touched, as the generators do.
 *
 * HTML made here is well-formed where it can be, and everything goes
 * through the sanitizer after cmark-gfm, so odd input can at worst give odd
 * structure, never unsafe output. Titles of boxes and headings are
 * rendered with cmark-gfm's inline parser (the document-wide parse cannot
 * reach text inside an HTML tag). */
#define _DEFAULT_SOURCE /* realpath */
#include "convert/dialect.h"

#include <cmark-gfm.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/text.h"
#include "base/util.h"

#define S_NONE SIZE_MAX
#define S_MAX_BOXES 64             /* admonitions and tabs nested in each other */
#define S_MAX_LISTS 32             /* list levels tracked for code detection */
#define S_MAX_MD 32                /* `markdown` HTML elements nested */
#define S_MAX_ARGS 32              /* arguments of one shortcode */
#define S_MAX_RENDERS 4000         /* titles rendered through cmark-gfm per post */
#define S_MAX_TITLE 4096           /* longer titles are escaped, not rendered */
#define S_MAX_SNIPPET_DEPTH 4      /* snippets including snippets */
#define S_MAX_SNIPPET_FILE ((size_t)8 << 20)
#define S_MAX_SNIPPET_TOTAL ((size_t)16 << 20)

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */
/* ------------------------------------------------------------------ */

static bool S_sp(char c)
{
	return c == ' ' || c == '\t';
}

static bool S_wsnl(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool S_is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!S_wsnl(s[i]))
			return false;
	return true;
}

static bool S_alnum(char c)
{
	return isalnum((unsigned char)c) != 0;
}

static bool S_ident(char c)
{
	return S_alnum(c) || c == '_' || c == '-';
}

static bool S_at(const char *s, size_t n, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	return i <= n && n - i >= l && memcmp(s + i, lit, l) == 0;
}

static bool S_eq(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static bool S_ieq(const char *s, size_t n, const char *lit)
{
	if (strlen(lit) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)lit[i]))
			return false;
	return true;
}

static void S_trim(const char **s, size_t *n)
{
	while (*n && S_wsnl(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && S_wsnl((*s)[*n - 1]))
		(*n)--;
}

/* First occurrence of needle in s[from..n), or S_NONE. */
static size_t S_find(const char *s, size_t n, size_t from, const char *needle, size_t nl)
{
	if (!nl || from >= n || n - from < nl)
		return S_NONE;
	const char *p = s + from, *end = s + n - nl + 1;
	while (p < end) {
		const char *q = memchr(p, needle[0], (size_t)(end - p));
		if (!q)
			return S_NONE;
		if (memcmp(q, needle, nl) == 0)
			return (size_t)(q - s);
		p = q + 1;
	}
	return S_NONE;
}

static size_t S_find_lit(const char *s, size_t n, size_t from, const void *arg)
{
	const char *needle = arg;
	return S_find(s, n, from, needle, strlen(needle));
}

/* Case-insensitive search of a lower-case ASCII needle. */
static size_t S_find_ci(const char *s, size_t n, size_t from, const void *arg)
{
	const char *needle = arg;
	size_t nl = strlen(needle);
	for (size_t i = from; i + nl <= n; i++) {
		if (tolower((unsigned char)s[i]) != needle[0])
			continue;
		size_t k = 1;
		while (k < nl && tolower((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == nl)
			return i;
	}
	return S_NONE;
}

/* A search whose answer is remembered: "the first match at or after q is
 * at pos". Each call site queries at positions that only grow, so a later
 * query is answered without rescanning, and a failed search is never
 * repeated: many openers without a closer stay linear. */
typedef size_t (*S_finder)(const char *s, size_t n, size_t from, const void *arg);
struct S_cache {
	size_t q, pos;
	bool valid;
};

static size_t S_cached(struct S_cache *c, const char *s, size_t n, size_t from, S_finder f,
		       const void *arg)
{
	if (from > n)
		return S_NONE;
	if (c->valid && from >= c->q && (c->pos == S_NONE || c->pos >= from))
		return c->pos;
	size_t pos = f(s, n, from, arg);
	if (!c->valid || from >= c->q) {
		c->valid = true;
		c->q = from;
		c->pos = pos;
	}
	return pos;
}

/* Columns of leading white space (tabs to the next multiple of 4);
 * *first gets the offset of the first other character. */
static int S_indent(const char *s, size_t n, size_t *first)
{
	int col = 0;
	size_t i = 0;
	while (i < n && S_sp(s[i])) {
		col = s[i] == '\t' ? (col / 4 + 1) * 4 : col + 1;
		i++;
	}
	if (first)
		*first = i;
	return col;
}

static void S_spaces(struct strbuf *sb, int n)
{
	for (int i = 0; i < n; i++)
		sb_addc(sb, ' ');
}

/* Text for an HTML attribute value or element content. */
static void S_esc(struct strbuf *sb, const char *s, size_t n)
{
	char *c = xstrndup(s, n);
	sb_add_xml_escaped(sb, c);
	free(c);
}

/* Text that cmark-gfm must show as it is: ASCII punctuation that could
 * start Markdown syntax is backslash-escaped. */
static void S_md_literal(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r') {
			sb_addc(sb, ' ');
			continue;
		}
		if (strchr("\\`*_[]{}<>()#+-.!|~&:$\"'=^", c) && c)
			sb_addc(sb, '\\');
		sb_addc(sb, c);
	}
}

/* A URL for a Markdown link destination: characters that would end or
 * split it are percent-encoded. */
static void S_url(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '"' ||
		    c == '\\' || c == '`' || c == '[' || c == ']') {
			sb_addc(sb, '%');
			sb_addc(sb, hex[c >> 4]);
			sb_addc(sb, hex[c & 15]);
		} else {
			sb_addc(sb, (char)c);
		}
	}
}

/* TeX for a math span or block: HTML-escaped, and every character
 * Markdown could act on written as a character reference, so emphasis,
 * escapes, tables and line structure leave it alone. */
static void S_tex(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r')
			continue;
		if (c == '&')
			sb_adds(sb, "&amp;");
		else if (c == '<')
			sb_adds(sb, "&lt;");
		else if (c == '>')
			sb_adds(sb, "&gt;");
		else if (c == '"')
			sb_adds(sb, "&quot;");
		else if (c == '\n' || (c && strchr("\\`*_[]!~|$#{}:@", (int)c)))
			sb_addf(sb, "&#%d;", (int)c);
		else if (c)
			sb_addc(sb, (char)c);
	}
}

/* A language name for a fence's info string. */
static void S_lang(struct strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n && i < 40; i++)
		if (S_alnum(s[i]) || strchr("_+#.-", s[i]))
			sb_addc(sb, s[i]);
}

/* ------------------------------------------------------------------ */
/* Emoji                                                                */
/* ------------------------------------------------------------------ */

struct S_emoji {
	const char *name, *utf8;
};

/* GitHub / Twemoji short names, sorted (strcmp) for bsearch. */
static const struct S_emoji S_emojis[] = {
	{"+1", "\U0001F44D"},
	{"-1", "\U0001F44E"},
	{"100", "\U0001F4AF"},
	{"1st_place_medal", "\U0001F947"},
	{"abc", "\U0001F524"},
	{"airplane", "\u2708\uFE0F"},
	{"alarm_clock", "\u23F0"},
	{"alembic", "\u2697\uFE0F"},
	{"alien", "\U0001F47D"},
	{"angry", "\U0001F620"},
	{"apple", "\U0001F34E"},
	{"arrow_down", "\u2B07\uFE0F"},
	{"arrow_forward", "\u25B6\uFE0F"},
	{"arrow_left", "\u2B05\uFE0F"},
	{"arrow_right", "\u27A1\uFE0F"},
	{"arrow_up", "\u2B06\uFE0F"},
	{"arrows_counterclockwise", "\U0001F504"},
	{"art", "\U0001F3A8"},
	{"astonished", "\U0001F632"},
	{"baby", "\U0001F476"},
	{"back", "\U0001F519"},
	{"balloon", "\U0001F388"},
	{"ballot_box_with_check", "\u2611\uFE0F"},
	{"bangbang", "\u203C\uFE0F"},
	{"bar_chart", "\U0001F4CA"},
	{"basketball", "\U0001F3C0"},
	{"battery", "\U0001F50B"},
	{"bee", "\U0001F41D"},
	{"beer", "\U0001F37A"},
	{"beers", "\U0001F37B"},
	{"beetle", "\U0001F41E"},
	{"bell", "\U0001F514"},
	{"bike", "\U0001F6B2"},
	{"bird", "\U0001F426"},
	{"birthday", "\U0001F382"},
	{"black_circle", "\u26AB"},
	{"black_flag", "\U0001F3F4"},
	{"black_heart", "\U0001F5A4"},
	{"black_nib", "\u2712\uFE0F"},
	{"blue_book", "\U0001F4D8"},
	{"blue_heart", "\U0001F499"},
	{"blush", "\U0001F60A"},
	{"bomb", "\U0001F4A3"},
	{"book", "\U0001F4D6"},
	{"bookmark", "\U0001F516"},
	{"bookmark_tabs", "\U0001F4D1"},
	{"books", "\U0001F4DA"},
	{"boom", "\U0001F4A5"},
	{"brain", "\U0001F9E0"},
	{"broken_heart", "\U0001F494"},
	{"bug", "\U0001F41B"},
	{"bulb", "\U0001F4A1"},
	{"bus", "\U0001F68C"},
	{"butterfly", "\U0001F98B"},
	{"cactus", "\U0001F335"},
	{"cake", "\U0001F370"},
	{"calendar", "\U0001F4C6"},
	{"camera", "\U0001F4F7"},
	{"candle", "\U0001F56F\uFE0F"},
	{"car", "\U0001F697"},
	{"card_index", "\U0001F4C7"},
	{"cat", "\U0001F431"},
	{"cd", "\U0001F4BF"},
	{"chains", "\u26D3\uFE0F"},
	{"champagne", "\U0001F37E"},
	{"chart_with_downwards_trend", "\U0001F4C9"},
	{"chart_with_upwards_trend", "\U0001F4C8"},
	{"checkered_flag", "\U0001F3C1"},
	{"chicken", "\U0001F414"},
	{"christmas_tree", "\U0001F384"},
	{"clap", "\U0001F44F"},
	{"clapper", "\U0001F3AC"},
	{"clipboard", "\U0001F4CB"},
	{"closed_book", "\U0001F4D5"},
	{"closed_lock_with_key", "\U0001F510"},
	{"cloud", "\u2601\uFE0F"},
	{"clown_face", "\U0001F921"},
	{"cocktail", "\U0001F378"},
	{"coffee", "\u2615"},
	{"collision", "\U0001F4A5"},
	{"computer", "\U0001F4BB"},
	{"confetti_ball", "\U0001F38A"},
	{"confused", "\U0001F615"},
	{"construction", "\U0001F6A7"},
	{"cool", "\U0001F192"},
	{"copyright", "\u00A9\uFE0F"},
	{"cow", "\U0001F42E"},
	{"crab", "\U0001F980"},
	{"crayon", "\U0001F58D\uFE0F"},
	{"credit_card", "\U0001F4B3"},
	{"crescent_moon", "\U0001F319"},
	{"crossed_fingers", "\U0001F91E"},
	{"cry", "\U0001F622"},
	{"cupid", "\U0001F498"},
	{"dart", "\U0001F3AF"},
	{"dash", "\U0001F4A8"},
	{"date", "\U0001F4C5"},
	{"deciduous_tree", "\U0001F333"},
	{"disappointed", "\U0001F61E"},
	{"dizzy", "\U0001F4AB"},
	{"dna", "\U0001F9EC"},
	{"dog", "\U0001F436"},
	{"dollar", "\U0001F4B5"},
	{"dolphin", "\U0001F42C"},
	{"droplet", "\U0001F4A7"},
	{"e-mail", "\U0001F4E7"},
	{"earth_africa", "\U0001F30D"},
	{"earth_americas", "\U0001F30E"},
	{"earth_asia", "\U0001F30F"},
	{"electric_plug", "\U0001F50C"},
	{"email", "\U0001F4E7"},
	{"end", "\U0001F51A"},
	{"envelope", "\u2709\uFE0F"},
	{"evergreen_tree", "\U0001F332"},
	{"exclamation", "\u2757"},
	{"exploding_head", "\U0001F92F"},
	{"eye", "\U0001F441\uFE0F"},
	{"eyes", "\U0001F440"},
	{"face_with_head_bandage", "\U0001F915"},
	{"facepunch", "\U0001F44A"},
	{"file_folder", "\U0001F4C1"},
	{"fire", "\U0001F525"},
	{"fireworks", "\U0001F386"},
	{"fish", "\U0001F41F"},
	{"fist", "\u270A"},
	{"flashlight", "\U0001F526"},
	{"floppy_disk", "\U0001F4BE"},
	{"flushed", "\U0001F633"},
	{"four_leaf_clover", "\U0001F340"},
	{"free", "\U0001F193"},
	{"full_moon", "\U0001F315"},
	{"game_die", "\U0001F3B2"},
	{"gear", "\u2699\uFE0F"},
	{"gem", "\U0001F48E"},
	{"ghost", "\U0001F47B"},
	{"gift", "\U0001F381"},
	{"gift_heart", "\U0001F49D"},
	{"globe_with_meridians", "\U0001F310"},
	{"green_book", "\U0001F4D7"},
	{"green_circle", "\U0001F7E2"},
	{"green_heart", "\U0001F49A"},
	{"grey_exclamation", "\u2755"},
	{"grey_question", "\u2754"},
	{"grimacing", "\U0001F62C"},
	{"grin", "\U0001F601"},
	{"grinning", "\U0001F600"},
	{"hamburger", "\U0001F354"},
	{"hammer", "\U0001F528"},
	{"hammer_and_wrench", "\U0001F6E0\uFE0F"},
	{"hand", "\u270B"},
	{"handshake", "\U0001F91D"},
	{"hankey", "\U0001F4A9"},
	{"headphones", "\U0001F3A7"},
	{"heart", "\u2764\uFE0F"},
	{"heart_eyes", "\U0001F60D"},
	{"heartbeat", "\U0001F493"},
	{"heartpulse", "\U0001F497"},
	{"heavy_check_mark", "\u2714\uFE0F"},
	{"heavy_dollar_sign", "\U0001F4B2"},
	{"heavy_exclamation_mark", "\u2757"},
	{"heavy_minus_sign", "\u2796"},
	{"heavy_multiplication_x", "\u2716\uFE0F"},
	{"heavy_plus_sign", "\u2795"},
	{"honeybee", "\U0001F41D"},
	{"horse", "\U0001F434"},
	{"hospital", "\U0001F3E5"},
	{"hourglass", "\u231B"},
	{"hourglass_flowing_sand", "\u23F3"},
	{"house", "\U0001F3E0"},
	{"hugs", "\U0001F917"},
	{"hushed", "\U0001F62F"},
	{"inbox_tray", "\U0001F4E5"},
	{"incoming_envelope", "\U0001F4E8"},
	{"information_source", "\u2139\uFE0F"},
	{"innocent", "\U0001F607"},
	{"interrobang", "\u2049\uFE0F"},
	{"iphone", "\U0001F4F1"},
	{"jack_o_lantern", "\U0001F383"},
	{"joy", "\U0001F602"},
	{"key", "\U0001F511"},
	{"keyboard", "\u2328\uFE0F"},
	{"kiss", "\U0001F48B"},
	{"kissing_heart", "\U0001F618"},
	{"koala", "\U0001F428"},
	{"label", "\U0001F3F7\uFE0F"},
	{"lady_beetle", "\U0001F41E"},
	{"large_blue_circle", "\U0001F535"},
	{"laughing", "\U0001F606"},
	{"leaves", "\U0001F343"},
	{"ledger", "\U0001F4D2"},
	{"link", "\U0001F517"},
	{"lock", "\U0001F512"},
	{"loud_sound", "\U0001F50A"},
	{"loudspeaker", "\U0001F4E2"},
	{"mag", "\U0001F50D"},
	{"mag_right", "\U0001F50E"},
	{"magnet", "\U0001F9F2"},
	{"mailbox", "\U0001F4EB"},
	{"mailbox_with_mail", "\U0001F4EC"},
	{"mask", "\U0001F637"},
	{"medal_sports", "\U0001F3C5"},
	{"mega", "\U0001F4E3"},
	{"memo", "\U0001F4DD"},
	{"metal", "\U0001F918"},
	{"microphone", "\U0001F3A4"},
	{"microscope", "\U0001F52C"},
	{"milky_way", "\U0001F30C"},
	{"money_with_wings", "\U0001F4B8"},
	{"moneybag", "\U0001F4B0"},
	{"monkey", "\U0001F412"},
	{"monkey_face", "\U0001F435"},
	{"mountain", "\u26F0\uFE0F"},
	{"mouse", "\U0001F42D"},
	{"movie_camera", "\U0001F3A5"},
	{"muscle", "\U0001F4AA"},
	{"mushroom", "\U0001F344"},
	{"musical_note", "\U0001F3B5"},
	{"mute", "\U0001F507"},
	{"negative_squared_cross_mark", "\u274E"},
	{"nerd_face", "\U0001F913"},
	{"neutral_face", "\U0001F610"},
	{"new", "\U0001F195"},
	{"new_moon", "\U0001F311"},
	{"newspaper", "\U0001F4F0"},
	{"no_entry", "\u26D4"},
	{"no_entry_sign", "\U0001F6AB"},
	{"no_good", "\U0001F645"},
	{"notebook", "\U0001F4D3"},
	{"notes", "\U0001F3B6"},
	{"nut_and_bolt", "\U0001F529"},
	{"o", "\u2B55"},
	{"ocean", "\U0001F30A"},
	{"octopus", "\U0001F419"},
	{"office", "\U0001F3E2"},
	{"ok", "\U0001F197"},
	{"ok_hand", "\U0001F44C"},
	{"old_key", "\U0001F5DD\uFE0F"},
	{"on", "\U0001F51B"},
	{"open_file_folder", "\U0001F4C2"},
	{"open_mouth", "\U0001F62E"},
	{"orange_book", "\U0001F4D9"},
	{"orange_circle", "\U0001F7E0"},
	{"orange_heart", "\U0001F9E1"},
	{"outbox_tray", "\U0001F4E4"},
	{"owl", "\U0001F989"},
	{"package", "\U0001F4E6"},
	{"page_facing_up", "\U0001F4C4"},
	{"page_with_curl", "\U0001F4C3"},
	{"paintbrush", "\U0001F58C\uFE0F"},
	{"palm_tree", "\U0001F334"},
	{"panda_face", "\U0001F43C"},
	{"paperclip", "\U0001F4CE"},
	{"partying_face", "\U0001F973"},
	{"pencil", "\U0001F4DD"},
	{"pencil2", "\u270F\uFE0F"},
	{"penguin", "\U0001F427"},
	{"pensive", "\U0001F614"},
	{"phone", "\u260E\uFE0F"},
	{"pick", "\u26CF\uFE0F"},
	{"pig", "\U0001F437"},
	{"pill", "\U0001F48A"},
	{"pizza", "\U0001F355"},
	{"point_down", "\U0001F447"},
	{"point_left", "\U0001F448"},
	{"point_right", "\U0001F449"},
	{"point_up", "\u261D\uFE0F"},
	{"point_up_2", "\U0001F446"},
	{"poop", "\U0001F4A9"},
	{"postbox", "\U0001F4EE"},
	{"pray", "\U0001F64F"},
	{"punch", "\U0001F44A"},
	{"purple_circle", "\U0001F7E3"},
	{"purple_heart", "\U0001F49C"},
	{"pushpin", "\U0001F4CC"},
	{"question", "\u2753"},
	{"rabbit", "\U0001F430"},
	{"rage", "\U0001F621"},
	{"rainbow", "\U0001F308"},
	{"raised_hand", "\u270B"},
	{"raised_hands", "\U0001F64C"},
	{"raising_hand", "\U0001F64B"},
	{"recycle", "\u267B\uFE0F"},
	{"red_car", "\U0001F697"},
	{"red_circle", "\U0001F534"},
	{"registered", "\u00AE\uFE0F"},
	{"relaxed", "\u263A\uFE0F"},
	{"relieved", "\U0001F60C"},
	{"repeat", "\U0001F501"},
	{"revolving_hearts", "\U0001F49E"},
	{"robot", "\U0001F916"},
	{"rocket", "\U0001F680"},
	{"rofl", "\U0001F923"},
	{"rose", "\U0001F339"},
	{"rotating_light", "\U0001F6A8"},
	{"round_pushpin", "\U0001F4CD"},
	{"satellite", "\U0001F4E1"},
	{"school", "\U0001F3EB"},
	{"scissors", "\u2702\uFE0F"},
	{"scream", "\U0001F631"},
	{"scroll", "\U0001F4DC"},
	{"see_no_evil", "\U0001F648"},
	{"seedling", "\U0001F331"},
	{"shield", "\U0001F6E1\uFE0F"},
	{"ship", "\U0001F6A2"},
	{"shrug", "\U0001F937"},
	{"skull", "\U0001F480"},
	{"sleeping", "\U0001F634"},
	{"slightly_smiling_face", "\U0001F642"},
	{"smile", "\U0001F604"},
	{"smiley", "\U0001F603"},
	{"smirk", "\U0001F60F"},
	{"snail", "\U0001F40C"},
	{"snake", "\U0001F40D"},
	{"snowflake", "\u2744\uFE0F"},
	{"snowman", "\u26C4"},
	{"sob", "\U0001F62D"},
	{"soccer", "\u26BD"},
	{"soon", "\U0001F51C"},
	{"sos", "\U0001F198"},
	{"sound", "\U0001F509"},
	{"sparkle", "\u2747\uFE0F"},
	{"sparkles", "\u2728"},
	{"sparkling_heart", "\U0001F496"},
	{"speaker", "\U0001F508"},
	{"speech_balloon", "\U0001F4AC"},
	{"spiral_calendar", "\U0001F5D3\uFE0F"},
	{"spiral_notepad", "\U0001F5D2\uFE0F"},
	{"star", "\u2B50"},
	{"star2", "\U0001F31F"},
	{"star_struck", "\U0001F929"},
	{"stars", "\U0001F320"},
	{"stopwatch", "\u23F1\uFE0F"},
	{"straight_ruler", "\U0001F4CF"},
	{"stuck_out_tongue", "\U0001F61B"},
	{"stuck_out_tongue_winking_eye", "\U0001F61C"},
	{"sun_with_face", "\U0001F31E"},
	{"sunflower", "\U0001F33B"},
	{"sunglasses", "\U0001F60E"},
	{"sunny", "\u2600\uFE0F"},
	{"sunrise", "\U0001F305"},
	{"sweat", "\U0001F613"},
	{"sweat_drops", "\U0001F4A6"},
	{"sweat_smile", "\U0001F605"},
	{"tada", "\U0001F389"},
	{"tea", "\U0001F375"},
	{"telephone", "\u260E\uFE0F"},
	{"telescope", "\U0001F52D"},
	{"tent", "\u26FA"},
	{"test_tube", "\U0001F9EA"},
	{"thinking", "\U0001F914"},
	{"thought_balloon", "\U0001F4AD"},
	{"thumbsdown", "\U0001F44E"},
	{"thumbsup", "\U0001F44D"},
	{"timer_clock", "\u23F2\uFE0F"},
	{"tired_face", "\U0001F62B"},
	{"tm", "\u2122\uFE0F"},
	{"toolbox", "\U0001F9F0"},
	{"top", "\U0001F51D"},
	{"train", "\U0001F68B"},
	{"triangular_flag_on_post", "\U0001F6A9"},
	{"trophy", "\U0001F3C6"},
	{"truck", "\U0001F69A"},
	{"turtle", "\U0001F422"},
	{"tv", "\U0001F4FA"},
	{"twisted_rightwards_arrows", "\U0001F500"},
	{"two_hearts", "\U0001F495"},
	{"umbrella", "\u2614"},
	{"unamused", "\U0001F612"},
	{"unicorn", "\U0001F984"},
	{"unlock", "\U0001F513"},
	{"up", "\U0001F199"},
	{"upside_down_face", "\U0001F643"},
	{"v", "\u270C\uFE0F"},
	{"video_game", "\U0001F3AE"},
	{"volcano", "\U0001F30B"},
	{"vs", "\U0001F19A"},
	{"warning", "\u26A0\uFE0F"},
	{"wastebasket", "\U0001F5D1\uFE0F"},
	{"watch", "\u231A"},
	{"wave", "\U0001F44B"},
	{"weary", "\U0001F629"},
	{"whale", "\U0001F433"},
	{"white_check_mark", "\u2705"},
	{"white_circle", "\u26AA"},
	{"white_flag", "\U0001F3F3\uFE0F"},
	{"white_heart", "\U0001F90D"},
	{"wine_glass", "\U0001F377"},
	{"wink", "\U0001F609"},
	{"world_map", "\U0001F5FA\uFE0F"},
	{"worried", "\U0001F61F"},
	{"wrench", "\U0001F527"},
	{"writing_hand", "\u270D\uFE0F"},
	{"x", "\u274C"},
	{"yellow_circle", "\U0001F7E1"},
	{"yellow_heart", "\U0001F49B"},
	{"yum", "\U0001F60B"},
	{"zap", "\u26A1"},
	{"zipper_mouth_face", "\U0001F910"},
	{"zzz", "\U0001F4A4"},
};

static const char *S_emoji(const char *name, size_t n)
{
	size_t lo = 0, hi = sizeof S_emojis / sizeof *S_emojis;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *m = S_emojis[mid].name;
		size_t ml = strlen(m);
		int c = memcmp(name, m, n < ml ? n : ml);
		if (!c)
			c = n < ml ? -1 : n > ml ? 1 : 0;
		if (!c)
			return S_emojis[mid].utf8;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static bool S_icon(const char *name, size_t n)
{
	static const char *const prefixes[] = {"material-", "octicons-", "fontawesome-", "simple-"};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
		size_t l = strlen(prefixes[i]);
		if (n > l && memcmp(name, prefixes[i], l) == 0)
			return true;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* State shared by the passes                                           */
/* ------------------------------------------------------------------ */

/* Where the lines of one text come from in another: from line `from` on,
 * line x is line to + (x - from), or `to` itself when fixed (the lines of
 * a snippet all come from the line that named it). */
struct S_anchor {
	size_t from, to;
	bool fixed;
};

struct S_linemap {
	struct S_anchor *v;
	size_t n, cap;
};

static void S_map_add(struct S_linemap *m, size_t from, size_t to, bool fixed)
{
	if (m->n) {
		struct S_anchor *a = &m->v[m->n - 1];
		if (from < a->from)
			return;
		if (!fixed && !a->fixed && a->to + (from - a->from) == to)
			return;
		if (fixed && a->fixed && a->to == to)
			return;
		if (a->from == from) {
			a->to = to;
			a->fixed = fixed;
			return;
		}
	}
	if (m->n == m->cap)
		m->v = xrealloc(m->v, (m->cap = m->cap ? m->cap * 2 : 16) * sizeof *m->v);
	m->v[m->n++] = (struct S_anchor){from, to, fixed};
}

static size_t S_map(const struct S_linemap *m, size_t x)
{
	if (!m->n || x < m->v[0].from)
		return x;
	size_t lo = 0, hi = m->n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m->v[mid].from <= x)
			lo = mid;
		else
			hi = mid;
	}
	const struct S_anchor *a = &m->v[lo];
	return a->fixed ? a->to : a->to + (x - a->from);
}

struct S_warning {
	int line;
	size_t count;
	char *msg;
};

struct S_state {
	unsigned d;
	const struct dialect_context *ctx;
	const char *file;
	int first_line;
	struct diag_list *dl;
	struct strmap warn_keys; /* what a warning is about → index in warns */
	struct S_warning *warns;
	size_t nwarns, cwarns;
	struct S_linemap snip; /* pass-0 text line → body line */
	struct S_linemap blk;  /* pass-1 output line → pass-0 text line */
	bool raw;              /* inside Liquid's {% raw %} */
	int hugo_tmpl;         /* inside Hugo inline shortcodes (templates) */
	int callouts;          /* Hugo callout <div>s left open */
	int zola_blocks;       /* Zola {% shortcode() %} bodies left open */
	size_t renders;        /* titles rendered by cmark-gfm */
	char *root_real;       /* realpath of the site root, once looked up */
	bool root_done;
	const char *text;      /* the pass-0 text, for link definitions */
	size_t tlen;
	bool defs_done;
	struct strmap defs;    /* link label (folded) → index in deflines */
	struct strvec deflines;
};

static const char *S_ctx_str(const struct S_state *st, size_t which)
{
	const struct dialect_context *c = st->ctx;
	if (!c)
		return NULL;
	switch (which) {
	case 0:
		return c->site_root;
	case 1:
		return c->post_relpath;
	case 2:
		return c->site_url;
	default:
		return c->baseurl;
	}
}

static int S_line_of_text(const struct S_state *st, size_t tline)
{
	size_t l = S_map(&st->snip, tline);
	return st->first_line + (int)(l > (size_t)INT32_MAX / 2 ? 0 : l) - 1;
}

static int S_line_of_block(const struct S_state *st, size_t oline)
{
	return S_line_of_text(st, S_map(&st->blk, oline));
}

/* One warning per distinct key and post; repeats are counted. */
SHEAF_PRINTF(4, 5)
static void S_warn(struct S_state *st, int line, const char *key, const char *fmt, ...)
{
	size_t idx;
	if (strmap_get(&st->warn_keys, key, &idx)) {
		st->warns[idx].count++;
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (st->nwarns == st->cwarns)
		st->warns = xrealloc(st->warns, (st->cwarns = st->cwarns ? st->cwarns * 2 : 8) * sizeof *st->warns);
	st->warns[st->nwarns] = (struct S_warning){line, 1, msg};
	strmap_put(&st->warn_keys, key, st->nwarns++);
}

/* A short, printable form of user text for a message. */
static char *S_quote(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = 0;
	for (size_t i = 0; i < n && k < 60; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		if (c < ' ' || c == 0x7F)
			continue;
		if (c == ' ' && sb.len && sb.s[sb.len - 1] == ' ')
			continue;
		sb_addc(&sb, (char)c);
		k++;
	}
	if (k >= 60)
		sb_adds(&sb, "…");
	if (!sb.s)
		sb_adds(&sb, "");
	char *q = sb_detach(&sb);
	char *clean = str_xml_chars(q); /* valid UTF-8 for the terminal */
	free(q);
	return clean;
}

static void S_inline_text(struct S_state *st, const char *s, size_t n, struct strbuf *out, int line);

/* A link label as cmark-gfm matches it: case and runs of white space
 * folded (ASCII only). */
static char *S_label(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	S_trim(&s, &n);
	for (size_t i = 0; i < n; i++) {
		if (S_wsnl(s[i])) {
			if (sb.len && sb.s[sb.len - 1] != ' ')
				sb_addc(&sb, ' ');
		} else {
			sb_addc(&sb, (char)tolower((unsigned char)s[i]));
		}
	}
	sb_add(&sb, "", 0);
	return sb_detach(&sb);
}

/* The post's link reference definitions (`[label]: url`), read once: a
 * title rendered on its own needs those its reference links use. */
static void S_defs_scan(struct S_state *st)
{
	st->defs_done = true;
	const char *t = st->text;
	size_t n = st->tlen;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(t + i, '\n', n - i);
		size_t next = nl ? (size_t)(nl - t) + 1 : n, f;
		const char *l = t + i;
		size_t ln = (nl ? next - 1 : n) - i;
		i = next;
		if (S_indent(l, ln, &f) > 3 || f >= ln || l[f] != '[' || (f + 1 < ln && l[f + 1] == '^'))
			continue;
		const char *rb = memchr(l + f, ']', ln - f);
		if (!rb || (size_t)(rb - l) + 1 >= ln || rb[1] != ':' || memchr(l + f + 1, '[', (size_t)(rb - l) - f - 1))
			continue;
		char *label = S_label(l + f + 1, (size_t)(rb - l) - f - 1);
		if (*label && !strmap_get(&st->defs, label, NULL) && st->deflines.n < 100000) {
			strmap_put(&st->defs, label, st->deflines.n);
			sv_push_owned(&st->deflines, xstrndup(l + f, ln - f));
		}
		free(label);
	}
}

/* Appends the definitions of the labels in brackets in s. */
static void S_title_defs(struct S_state *st, struct strbuf *in, const char *s, size_t n)
{
	if (!memchr(s, '[', n) || !st->text)
		return;
	if (!st->defs_done)
		S_defs_scan(st);
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '[')
			continue;
		const char *rb = memchr(s + i + 1, ']', n - i - 1);
		if (!rb)
			break;
		char *label = S_label(s + i + 1, (size_t)(rb - s) - i - 1);
		size_t k;
		if (*label && strmap_get(&st->defs, label, &k)) {
			sb_adds(in, first ? "\n\n" : "\n");
			sb_adds(in, st->deflines.v[k]);
			first = false;
		}
		free(label);
	}
}

/* The title of a box or a heading (Markdown, one line) as HTML: dialect
 * constructs first, then cmark-gfm's inline rendering. A title that
 * cmark-gfm would not make one paragraph of, or past the limits, is
 * escaped text with its emphasis markers removed. */
static void S_title_html(struct S_state *st, struct strbuf *out, const char *s, size_t n, int line)
{
	S_trim(&s, &n);
	if (!n)
		return;
	struct strbuf md = STRBUF_INIT;
	bool raw = st->raw;
	int tmpl = st->hugo_tmpl, callouts = st->callouts;
	st->raw = false;
	st->hugo_tmpl = 0;
	S_inline_text(st, s, n, &md, line);
	st->raw = raw;
	st->hugo_tmpl = tmpl;
	st->callouts = callouts;
	const char *m = md.s ? md.s : "";
	size_t ml = md.len;
	S_trim(&m, &ml);
	bool done = false;
	if (ml && ml <= S_MAX_TITLE && st->renders < S_MAX_RENDERS) {
		st->renders++;
		struct strbuf in = STRBUF_INIT;
		size_t k = 0;
		while (k < ml && k < 10 && isdigit((unsigned char)m[k]))
			k++;
		char c0 = m[0], c1 = ml > 1 ? m[1] : ' ';
		if (k && k < ml && (m[k] == '.' || m[k] == ')')) {
			sb_add(&in, m, k);
			sb_addc(&in, '\\');
			sb_add(&in, m + k, ml - k);
		} else if (strchr("#>|=", c0) || ((c0 == '-' || c0 == '+' || c0 == '*') && (S_sp(c1) || c1 == c0)) ||
			   ((c0 == '`' || c0 == '~') && c1 == c0)) {
			sb_addc(&in, '\\');
			sb_add(&in, m, ml);
		} else {
			sb_add(&in, m, ml);
		}
		S_title_defs(st, &in, m, ml);
		char *html = cmark_markdown_to_html(in.s, in.len, CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8);
		sb_release(&in);
		size_t hl = html ? strlen(html) : 0;
		if (hl >= 8 && memcmp(html, "<p>", 3) == 0 && memcmp(html + hl - 5, "</p>\n", 5) == 0 &&
		    S_find(html, hl - 5, 3, "<p>", 3) == S_NONE) {
			done = true;
			sb_add(out, html + 3, hl - 8);
		}
		free(html);
	}
	if (!done) {
		struct strbuf plain = STRBUF_INIT;
		for (size_t i = 0; i < n; i++)
			if (s[i] != '*' && s[i] != '`')
				sb_addc(&plain, s[i]);
		if (plain.len)
			S_esc(out, plain.s, plain.len);
		sb_release(&plain);
	}
	sb_release(&md);
}

/* ------------------------------------------------------------------ */
/* Pass 0: MkDocs snippets (`--8<-- "file"`)                            */
/* ------------------------------------------------------------------ */

struct S_snip {
	struct S_state *st;
	struct strbuf out;
	size_t lines;  /* lines written to out */
	size_t budget; /* bytes snippets may still add */
	bool any;      /* a snippet was pasted */
};

static void S_snip_add(struct S_snip *sn, const char *s, size_t n)
{
	sb_add(&sn->out, s, n);
	for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		sn->lines++;
}

static const char *S_root_real(struct S_state *st)
{
	if (!st->root_done) {
		st->root_done = true;
		const char *root = S_ctx_str(st, 0);
		st->root_real = root && *root ? realpath(root, NULL) : NULL;
	}
	return st->root_real;
}

/* `--8<-- [start:name]` / `[end:name]` lines of a snippet file. */
static bool S_section_marker(const char *l, size_t n, bool *start, const char **name, size_t *nlen)
{
	size_t f;
	S_indent(l, n, &f);
	if (!S_at(l, n, f, "--8<--"))
		return false;
	size_t k = f + 6;
	while (k < n && S_sp(l[k]))
		k++;
	if (S_at(l, n, k, "[start:"))
		*start = true, k += 7;
	else if (S_at(l, n, k, "[end:"))
		*start = false, k += 5;
	else
		return false;
	size_t b = k;
	while (k < n && l[k] != ']')
		k++;
	if (k >= n)
		return false;
	*name = l + b;
	*nlen = k - b;
	return S_is_blank(l + k + 1, n - k - 1);
}

/* The part of a snippet file a spec asks for: lines a..b (1-based,
 * inclusive, 0 = open), or the lines between a named section's markers;
 * marker lines themselves never show. Ends with a newline. */
static char *S_snippet_part(const char *text, size_t len, size_t a, size_t b, const char *sect,
			    size_t sectlen, size_t *out_len)
{
	struct strbuf sb = STRBUF_INIT;
	bool in_sect = sect == NULL;
	size_t i = 0, line = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - text) + 1 : len;
		size_t le = nl ? next - 1 : len;
		if (le > i && text[le - 1] == '\r')
			le--;
		line++;
		bool start;
		const char *name;
		size_t nlen;
		if (S_section_marker(text + i, le - i, &start, &name, &nlen)) {
			if (sect && nlen == sectlen && memcmp(name, sect, nlen) == 0)
				in_sect = start;
		} else if (in_sect && (!a || line >= a) && (!b || line <= b)) {
			sb_add(&sb, text + i, le - i);
			sb_addc(&sb, '\n');
		}
		i = next;
	}
	if (!sb.s)
		sb_adds(&sb, "");
	*out_len = sb.len;
	return sb_detach(&sb);
}

/* Reads the snippet a spec names, from inside the site only. NULL (with
 * a warning) when it cannot or may not be read. */
static char *S_snippet_file(struct S_state *st, const char *spec, size_t sl, size_t *out_len, int line)
{
	char *quoted = S_quote(spec, sl);
	char *key = xasprintf("snippet:%s", quoted);
	char *result = NULL;
	if (sl >= 7 && (S_at(spec, sl, 0, "http://") || S_at(spec, sl, 0, "https://"))) {
		S_warn(st, line, key, "snippet '%s' is on the web and is not fetched: the line is kept as written", quoted);
		goto out;
	}
	/* file[:a[:b]] or file:section, the suffix after the last '/'. */
	size_t slash = 0;
	for (size_t i = 0; i < sl; i++)
		if (spec[i] == '/')
			slash = i + 1;
	size_t colon = sl;
	for (size_t i = slash; i < sl; i++)
		if (spec[i] == ':') {
			colon = i;
			break;
		}
	size_t a = 0, b = 0;
	const char *sect = NULL;
	size_t sectlen = 0;
	if (colon < sl) {
		const char *suf = spec + colon + 1;
		size_t sufl = sl - colon - 1;
		bool digits = true, ident = sufl > 0;
		for (size_t i = 0; i < sufl; i++) {
			digits &= isdigit((unsigned char)suf[i]) || suf[i] == ':';
			ident &= S_ident(suf[i]);
		}
		if (digits) {
			size_t i = 0;
			while (i < sufl && isdigit((unsigned char)suf[i]) && a < 100000000)
				a = a * 10 + (size_t)(suf[i++] - '0');
			if (i < sufl && suf[i] == ':')
				for (i++; i < sufl && isdigit((unsigned char)suf[i]) && b < 100000000; i++)
					b = b * 10 + (size_t)(suf[i] - '0');
		} else if (ident) {
			sect = suf;
			sectlen = sufl;
		} else {
			colon = sl;
		}
	}
	char *path = xstrndup(spec, colon);
	char *norm = path_normalize(path);
	const char *root = S_ctx_str(st, 0);
	const char *real_root = S_root_real(st);
	if (!*path || memchr(spec, '\0', colon) || path[0] == '/' || path[0] == '~' ||
	    strcmp(norm, "..") == 0 || str_starts_with(norm, "../")) {
		S_warn(st, line, key, "snippet '%s' is outside the site: refused, the line is kept as written", quoted);
		goto out_path;
	}
	if (!root || !real_root) {
		S_warn(st, line, key, "snippet '%s' cannot be looked up (no site folder): the line is kept as written", quoted);
		goto out_path;
	}
	const char *post = S_ctx_str(st, 1);
	char *dir = post ? path_dirname(post) : xstrdup(".");
	char *cands[2];
	cands[0] = path_join(root, norm);
	char *beside = path_join(dir, norm);
	char *beside_norm = path_normalize(beside);
	cands[1] = str_starts_with(beside_norm, "../") || strcmp(beside_norm, "..") == 0
			   ? NULL
			   : path_join(root, beside_norm);
	free(beside);
	free(beside_norm);
	free(dir);
	bool found = false;
	for (size_t c = 0; c < 2 && !found; c++) {
		if (!cands[c])
			continue;
		char *real = realpath(cands[c], NULL);
		if (!real)
			continue;
		found = true;
		struct stat sb;
		if (!path_under(real, real_root)) {
			S_warn(st, line, key, "snippet '%s' leads outside the site: refused, the line is kept as written", quoted);
		} else if (stat(real, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			S_warn(st, line, key, "snippet '%s' is not a file: the line is kept as written", quoted);
		} else if ((size_t)sb.st_size > S_MAX_SNIPPET_FILE) {
			S_warn(st, line, key, "snippet '%s' is larger than 8 MiB: the line is kept as written", quoted);
		} else {
			char *data;
			size_t len;
			if (read_file(real, &data, &len) != 0) {
				S_warn(st, line, key, "snippet '%s' cannot be read: the line is kept as written", quoted);
			} else {
				char *clean;
				size_t clen;
				text_to_utf8(&clean, &clen, data, len, cands[c], st->dl);
				free(data);
				result = S_snippet_part(clean, clen, a, b, sect, sectlen, out_len);
				free(clean);
			}
		}
		free(real);
	}
	if (!found)
		S_warn(st, line, key,
		       "snippet '%s' was not found in the site folder or beside the post: the line is kept as written",
		       quoted);
	free(cands[0]);
	free(cands[1]);
out_path:
	free(norm);
	free(path);
out:
	free(key);
	free(quoted);
	return result;
}

static void S_snip_text(struct S_snip *sn, const char *md, size_t len, int depth, size_t fixed,
			const char *prefix, size_t plen);

/* Pastes a snippet, each line indented like the line that named it. */
static bool S_snip_include(struct S_snip *sn, const char *spec, size_t sl, int depth, size_t srcline,
			   const char *prefix, size_t plen, const char *ind, size_t il)
{
	struct S_state *st = sn->st;
	S_trim(&spec, &sl);
	if (!sl)
		return false;
	size_t tlen;
	char *text = S_snippet_file(st, spec, sl, &tlen, S_line_of_text(st, srcline));
	if (!text)
		return false;
	if (tlen > sn->budget) {
		char *q = S_quote(spec, sl);
		char *key = xasprintf("snippet:%s", q);
		S_warn(st, S_line_of_text(st, srcline), key,
		       "snippet '%s' left out: the snippets of this post add more than 16 MiB", q);
		free(key);
		free(q);
		free(text);
		return false;
	}
	sn->budget -= tlen;
	sn->any = true;
	if (!depth)
		S_map_add(&st->snip, sn->lines + 1, srcline, true);
	char *np = xmalloc(plen + il + 1);
	memcpy(np, prefix, plen);
	memcpy(np + plen, ind, il);
	S_snip_text(sn, text, tlen, depth + 1, srcline, np, plen + il);
	free(np);
	free(text);
	return true;
}

static void S_snip_text(struct S_snip *sn, const char *md, size_t len, int depth, size_t fixed,
			const char *prefix, size_t plen)
{
	struct S_state *st = sn->st;
	size_t i = 0, line = 0, no_close_from = S_NONE;
	while (i < len) {
		const char *nl = memchr(md + i, '\n', len - i);
		size_t next = nl ? (size_t)(nl - md) + 1 : len;
		size_t le = nl ? next - 1 : len;
		if (le > i && md[le - 1] == '\r')
			le--;
		line++;
		size_t srcline = depth ? fixed : line;
		if (!depth)
			S_map_add(&st->snip, sn->lines + 1, line, false);
		const char *l = md + i;
		size_t ln = le - i, f;
		S_indent(l, ln, &f);
		size_t at = i;
		i = next;
		if (depth < S_MAX_SNIPPET_DEPTH && S_at(l, ln, f, ";--8<--")) {
			sn->any = true;
			S_snip_add(sn, prefix, plen);
			S_snip_add(sn, l, f);
			S_snip_add(sn, l + f + 1, next - at - f - 1);
			continue;
		}
		if (depth < S_MAX_SNIPPET_DEPTH && S_at(l, ln, f, "--8<--")) {
			size_t k = f + 6;
			while (k < ln && S_sp(l[k]))
				k++;
			if (k < ln && (l[k] == '"' || l[k] == '\'')) {
				size_t e = ln;
				while (e > k + 1 && l[e - 1] != l[k])
					e--;
				if (e > k + 1 && S_is_blank(l + e, ln - e) &&
				    S_snip_include(sn, l + k + 1, e - k - 2, depth, srcline, prefix, plen, l, f))
					continue;
			} else if (k == ln && (no_close_from == S_NONE || at < no_close_from)) {
				/* Block form: file names on the lines up to a closing --8<-- line. */
				size_t j = next, close = S_NONE;
				while (j < len) {
					const char *nl2 = memchr(md + j, '\n', len - j);
					size_t nx = nl2 ? (size_t)(nl2 - md) + 1 : len;
					size_t f2;
					S_indent(md + j, nx - j, &f2);
					if (S_at(md, nx, j + f2, "--8<--") && S_is_blank(md + j + f2 + 6, nx - j - f2 - 6)) {
						close = j;
						break;
					}
					j = nx;
				}
				if (close == S_NONE) {
					no_close_from = at;
				} else {
					size_t j2 = next, extra = 0;
					while (j2 < close) {
						const char *nl2 = memchr(md + j2, '\n', close - j2);
						size_t nx = nl2 ? (size_t)(nl2 - md) + 1 : close;
						const char *spec = md + j2;
						size_t sl = nx - j2;
						S_trim(&spec, &sl);
						extra++;
						if (sl && spec[0] != ';')
							S_snip_include(sn, spec, sl, depth, depth ? fixed : line + extra,
								       prefix, plen, l, f);
						j2 = nx;
					}
					/* The closing line. */
					const char *nl3 = memchr(md + close, '\n', len - close);
					i = nl3 ? (size_t)(nl3 - md) + 1 : len;
					line += extra + 1;
					continue;
				}
			}
		}
		S_snip_add(sn, prefix, plen);
		S_snip_add(sn, l, next - at);
		if (next == len && (!ln || md[len - 1] != '\n') && depth)
			S_snip_add(sn, "\n", 1);
	}
}

/* ------------------------------------------------------------------ */
/* Tags shared by both passes                                           */
/* ------------------------------------------------------------------ */

/* The name of the Liquid/Nunjucks tag at s[i] ("{%"): *after is where
 * its arguments start. */
static bool S_ltag_name(const char *s, size_t n, size_t i, const char **name, size_t *nlen, size_t *after)
{
	size_t k = i + 2;
	if (k < n && s[k] == '-')
		k++;
	while (k < n && S_wsnl(s[k]))
		k++;
	size_t b = k;
	while (k < n && (S_alnum(s[k]) || s[k] == '_'))
		k++;
	if (k == b)
		return false;
	*name = s + b;
	*nlen = k - b;
	*after = k;
	return true;
}

/* The end of a tag without arguments, its name ending at k; or S_NONE. */
static size_t S_ltag_bare_end(const char *s, size_t n, size_t k)
{
	while (k < n && S_wsnl(s[k]))
		k++;
	if (k < n && s[k] == '-')
		k++;
	return S_at(s, n, k, "%}") ? k + 2 : S_NONE;
}

/* Next `{% NAME %}` (no arguments) at or after from: a finder. */
static size_t S_find_end_tag(const char *s, size_t n, size_t from, const void *arg)
{
	const char *want = arg;
	for (size_t p = from; (p = S_find(s, n, p, "{%", 2)) != S_NONE; p += 2) {
		const char *nm;
		size_t nl, after;
		if (S_ltag_name(s, n, p, &nm, &nl, &after) && S_eq(nm, nl, want) &&
		    S_ltag_bare_end(s, n, after) != S_NONE)
			return p;
	}
	return S_NONE;
}

static size_t S_end_tag_end(const char *s, size_t n, size_t p)
{
	const char *nm;
	size_t nl, after;
	S_ltag_name(s, n, p, &nm, &nl, &after);
	return S_ltag_bare_end(s, n, after);
}

/* Liquid's raw tags toggle *raw along a line. */
static void S_raw_scan(const char *s, size_t n, bool *raw)
{
	for (size_t p = 0; (p = S_find(s, n, p, "{%", 2)) != S_NONE;) {
		const char *nm;
		size_t nl, after, e;
		if (S_ltag_name(s, n, p, &nm, &nl, &after) && S_eq(nm, nl, *raw ? "endraw" : "raw") &&
		    (e = S_ltag_bare_end(s, n, after)) != S_NONE) {
			*raw = !*raw;
			p = e;
		} else {
			p += 2;
		}
	}
}

/* The end of the Hugo closing shortcode `{{< /NAME >}}` at p, or S_NONE. */
static size_t S_hugo_close_end(const char *s, size_t n, size_t p, const char *name)
{
	if (!S_at(s, n, p, "{{<") && !S_at(s, n, p, "{{%"))
		return S_NONE;
	const char *close = s[p + 2] == '<' ? ">}}" : "%}}";
	size_t k = p + 3;
	while (k < n && S_wsnl(s[k]))
		k++;
	if (k >= n || s[k] != '/')
		return S_NONE;
	k++;
	while (k < n && S_wsnl(s[k]))
		k++;
	if (!S_at(s, n, k, name))
		return S_NONE;
	k += strlen(name);
	while (k < n && S_wsnl(s[k]))
		k++;
	return S_at(s, n, k, close) ? k + 3 : S_NONE;
}

static size_t S_find_hugo_close(const char *s, size_t n, size_t from, const void *arg)
{
	for (size_t p = from; (p = S_find(s, n, p, "{{", 2)) != S_NONE; p += 2)
		if (S_hugo_close_end(s, n, p, arg) != S_NONE)
			return p;
	return S_NONE;
}

/* A Hugo shortcode: {{< name args >}}, {{% name args %}}, closing and
 * self-closing forms. Arguments point into the text. */
struct S_arg {
	const char *key, *val;
	size_t kl, vl;
	char q; /* '"', '`' or 0 */
};

struct S_sc {
	char kind; /* '<' or '%' */
	bool closing, selfclose;
	const char *name;
	size_t nl;
	struct S_arg a[S_MAX_ARGS];
	size_t na;
	size_t end;
};

/* Parses the shortcode at s[i]. Scanning never goes past the next "{{",
 * so trying every opener of a post stays linear. */
static bool S_hugo_parse(const char *s, size_t n, size_t i, struct S_sc *sc)
{
	sc->na = 0;
	sc->closing = sc->selfclose = false;
	if (!S_at(s, n, i, "{{") || i + 2 >= n || (s[i + 2] != '<' && s[i + 2] != '%'))
		return false;
	char kind = s[i + 2];
	const char *close = kind == '<' ? ">}}" : "%}}";
	size_t k = i + 3;
	while (k < n && S_wsnl(s[k]))
		k++;
	if (k < n && s[k] == '/') {
		sc->closing = true;
		k++;
		while (k < n && S_wsnl(s[k]))
			k++;
	}
	size_t nb = k;
	while (k < n && (S_alnum(s[k]) || s[k] == '_' || s[k] == '-' || s[k] == '.' || s[k] == '/'))
		k++;
	if (k == nb || s[nb] == '/')
		return false;
	sc->kind = kind;
	sc->name = s + nb;
	sc->nl = k - nb;
	for (;;) {
		while (k < n && S_wsnl(s[k]))
			k++;
		if (k >= n)
			return false;
		if (S_at(s, n, k, close)) {
			sc->end = k + 3;
			return true;
		}
		if (s[k] == '/' && S_at(s, n, k + 1, close)) {
			sc->selfclose = true;
			sc->end = k + 4;
			return true;
		}
		if (S_at(s, n, k, "{{") || sc->na == S_MAX_ARGS)
			return false;
		struct S_arg *a = &sc->a[sc->na];
		memset(a, 0, sizeof *a);
		size_t kb = k;
		while (k < n && (S_ident(s[k]) || s[k] == '.'))
			k++;
		if (k > kb && k < n && s[k] == '=') {
			a->key = s + kb;
			a->kl = k - kb;
			k++;
		} else {
			k = kb;
		}
		if (k >= n)
			return false;
		if (s[k] == '"' || s[k] == '`') {
			char q = s[k];
			a->q = q;
			size_t vb = ++k;
			while (k < n && s[k] != q) {
				if (S_at(s, n, k, "{{"))
					return false;
				if (q == '"' && s[k] == '\\' && k + 1 < n)
					k++;
				k++;
			}
			if (k >= n)
				return false;
			a->val = s + vb;
			a->vl = k - vb;
			k++;
		} else {
			size_t vb = k;
			while (k < n && !S_wsnl(s[k]) && !S_at(s, n, k, close) &&
			       !(s[k] == '/' && S_at(s, n, k + 1, close)) && !S_at(s, n, k, "{{"))
				k++;
			if (k == vb)
				return false;
			a->val = s + vb;
			a->vl = k - vb;
		}
		sc->na++;
	}
}

static char *S_argdup(const struct S_arg *a)
{
	if (a->q != '"')
		return xstrndup(a->val, a->vl);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < a->vl; i++) {
		if (a->val[i] == '\\' && i + 1 < a->vl && (a->val[i + 1] == '"' || a->val[i + 1] == '\\'))
			i++;
		sb_addc(&sb, a->val[i]);
	}
	if (!sb.s)
		sb_adds(&sb, "");
	return sb_detach(&sb);
}

/* The argument named key, else the pos-th positional one (pos < 0: none). */
static char *S_sc_arg(const struct S_sc *sc, const char *key, int pos)
{
	int k = 0;
	for (size_t i = 0; i < sc->na; i++)
		if (key && sc->a[i].key && S_eq(sc->a[i].key, sc->a[i].kl, key))
			return S_argdup(&sc->a[i]);
	for (size_t i = 0; i < sc->na; i++)
		if (!sc->a[i].key && k++ == pos)
			return S_argdup(&sc->a[i]);
	return NULL;
}

/* An attribute list: `#id .class key=value key="value"`, after `{` or
 * `{:`. Strict: only those forms; lenient: bare words too (attr_list and
 * kramdown accept them). */
struct S_attrs {
	const char *id, *width, *height, *cls;
	size_t idl, wl, hl, cl;
};

static bool S_attrs_parse(const char *s, size_t n, bool lenient, struct S_attrs *a)
{
	memset(a, 0, sizeof *a);
	size_t k = 0, tokens = 0;
	if (k < n && s[k] == ':')
		k++;
	while (k < n) {
		while (k < n && S_wsnl(s[k]))
			k++;
		if (k >= n)
			break;
		if (s[k] == '#' || s[k] == '.') {
			char c = s[k];
			size_t b = ++k;
			while (k < n && (S_ident(s[k]) || (c == '#' && (s[k] == ':' || s[k] == '.'))))
				k++;
			if (k == b)
				return false;
			if (c == '#' && !a->id)
				a->id = s + b, a->idl = k - b;
			if (c == '.' && !a->cls)
				a->cls = s + b, a->cl = k - b;
		} else if (S_ident(s[k]) || s[k] == ':') {
			size_t b = k;
			while (k < n && (S_ident(s[k]) || s[k] == ':' || s[k] == '.'))
				k++;
			size_t ke = k;
			if (k < n && s[k] == '=') {
				k++;
				size_t vb, ve;
				if (k < n && (s[k] == '"' || s[k] == '\'')) {
					char q = s[k++];
					vb = k;
					while (k < n && s[k] != q)
						k++;
					if (k >= n)
						return false;
					ve = k++;
				} else {
					vb = k;
					while (k < n && !S_wsnl(s[k]))
						k++;
					ve = k;
					if (ve == vb)
						return false;
				}
				if (S_eq(s + b, ke - b, "id") && !a->id)
					a->id = s + vb, a->idl = ve - vb;
				else if (S_eq(s + b, ke - b, "width"))
					a->width = s + vb, a->wl = ve - vb;
				else if (S_eq(s + b, ke - b, "height"))
					a->height = s + vb, a->hl = ve - vb;
			} else if (!lenient) {
				return false;
			}
		} else {
			return false;
		}
		tokens++;
		if (k < n && !S_wsnl(s[k]))
			return false;
	}
	return tokens > 0;
}

/* ------------------------------------------------------------------ */
/* Pass 1: blocks                                                       */
/* ------------------------------------------------------------------ */

enum S_kind { S_TEXT, S_CODE, S_GEN };

struct S_range {
	size_t start, end;
	enum S_kind kind;
};

struct S_box {
	int col;      /* content column: a non-blank line indented less closes the box */
	int rel;      /* the column its <div> was written at */
	size_t nlist; /* list levels open when it opened */
	size_t nmd;   /* markdown elements open when it opened */
};

struct S_md {
	char name[16];
	int depth;   /* elements of the same name open inside it */
	size_t nbox; /* boxes open when it opened */
	int rel;
};

struct S_fence {
	bool open;
	char ch;
	size_t len;
	int indent; /* of the opening fence */
	int quotes; /* blockquote markers before it */
	int base;   /* list content column it belongs to */
	size_t nbox;
};

struct S_blk {
	struct S_state *st;
	const char *t;
	size_t n;
	struct strbuf o;
	size_t olines;
	bool line_empty; /* only white space written on the current output line */
	bool last_blank; /* the last finished output line was blank */
	struct S_range *r;
	size_t nr, cr;
	struct S_box box[S_MAX_BOXES];
	size_t nbox;
	int list[S_MAX_LISTS];
	size_t nlist;
	struct S_fence f;
	bool icode;
	int icode_base;
	struct S_md md[S_MAX_MD];
	size_t nmd;
	bool raw;        /* the current line starts inside {% raw %} */
	bool prev_blank; /* the previous line was blank, or a block just started */
	bool ins_blank;  /* the last line written is a blank line added here */
	struct S_cache c_endhl, c_hugo_hl, c_endcomment, c_njk, c_kd;
	struct strbuf line; /* the current line, dedented out of its boxes */
};

static void S_emit(struct S_blk *b, enum S_kind k, const char *s, size_t n)
{
	if (!n)
		return;
	if (b->nr && b->r[b->nr - 1].kind == k && b->r[b->nr - 1].end == b->o.len) {
		b->r[b->nr - 1].end += n;
	} else {
		if (b->nr == b->cr)
			b->r = xrealloc(b->r, (b->cr = b->cr ? b->cr * 2 : 64) * sizeof *b->r);
		b->r[b->nr++] = (struct S_range){b->o.len, b->o.len + n, k};
	}
	sb_add(&b->o, s, n);
	b->ins_blank = false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			b->olines++;
			b->last_blank = b->line_empty;
			b->line_empty = true;
		} else if (!S_wsnl(s[i])) {
			b->line_empty = false;
		}
	}
}

static void S_emit_sb(struct S_blk *b, enum S_kind k, struct strbuf *sb)
{
	if (sb->len)
		S_emit(b, k, sb->s, sb->len);
	sb_release(sb);
}

static void S_end_line(struct S_blk *b)
{
	if (b->o.len && b->o.s[b->o.len - 1] != '\n')
		S_emit(b, S_TEXT, "\n", 1);
}

/* Ends the current output line and adds a blank line unless the last
 * one is blank; a blank source line right after it is then skipped, so
 * that line numbers drift as little as possible. */
static void S_blank_line(struct S_blk *b)
{
	S_end_line(b);
	if (!b->last_blank) {
		S_emit(b, S_TEXT, "\n", 1);
		b->ins_blank = true;
	}
}

/* A fence opening at s[f]. */
static bool S_fence_open(const char *s, size_t n, size_t f, char *ch, size_t *len, size_t *info)
{
	if (f >= n || (s[f] != '`' && s[f] != '~'))
		return false;
	size_t k = f;
	while (k < n && s[k] == s[f])
		k++;
	if (k - f < 3 || (s[f] == '`' && memchr(s + k, '`', n - k)))
		return false;
	*ch = s[f];
	*len = k - f;
	*info = k;
	return true;
}

static bool S_fence_close(const char *s, size_t n, size_t f, char ch, size_t len)
{
	size_t k = f;
	while (k < n && s[k] == ch)
		k++;
	return k - f >= len && S_is_blank(s + k, n - k);
}

/* Blockquote markers at the start of a line; *rest: what follows them. */
static int S_quotes(const char *s, size_t n, size_t *rest)
{
	int q = 0;
	size_t i = 0;
	for (;;) {
		size_t j = i;
		while (j < n && s[j] == ' ' && j - i < 3)
			j++;
		if (j >= n || s[j] != '>' || q >= 100)
			break;
		q++;
		i = j + 1;
		if (i < n && s[i] == ' ')
			i++;
	}
	*rest = i;
	return q;
}

/* The content column of a list item starting at s[f] (column col), or -1. */
static int S_list_item(const char *s, size_t n, size_t f, int col)
{
	size_t k = f;
	if (k < n && (s[k] == '-' || s[k] == '*' || s[k] == '+')) {
		k++;
	} else {
		size_t d = k;
		while (k < n && k - d < 9 && isdigit((unsigned char)s[k]))
			k++;
		if (k == d || k >= n || (s[k] != '.' && s[k] != ')'))
			return -1;
		k++;
	}
	if (k < n && !S_sp(s[k]))
		return -1;
	int w = (int)(k - f), sp = 0;
	size_t j = k;
	while (j < n && s[j] == ' ' && sp < 5)
		j++, sp++;
	if (j >= n || sp >= 5 || sp == 0)
		sp = 1;
	return col + w + sp;
}

/* Writes the current line as it is (or dedented, inside boxes). */
static void S_put(struct S_blk *b, enum S_kind k, bool stripped, const char *l, size_t ln,
		  const char *orig, size_t olen)
{
	if (stripped) {
		S_emit(b, k, l, ln);
		S_emit(b, k, "\n", 1);
	} else {
		S_emit(b, k, orig, olen);
	}
}

static void S_close_box(struct S_blk *b)
{
	struct S_box *x = &b->box[b->nbox - 1];
	if (b->f.open && b->f.nbox >= b->nbox) {
		struct strbuf h = STRBUF_INIT;
		S_end_line(b);
		S_spaces(&h, b->f.indent);
		for (size_t i = 0; i < b->f.len && i < 64; i++)
			sb_addc(&h, b->f.ch);
		sb_addc(&h, '\n');
		S_emit_sb(b, S_CODE, &h);
		b->f.open = false;
	}
	b->icode = false;
	while (b->nmd > x->nmd) {
		struct S_md *m = &b->md[--b->nmd];
		struct strbuf h = STRBUF_INIT;
		S_blank_line(b);
		S_spaces(&h, m->rel);
		sb_addf(&h, "</%s>\n", m->name);
		S_emit_sb(b, S_GEN, &h);
	}
	b->nlist = x->nlist;
	S_blank_line(b);
	struct strbuf h = STRBUF_INIT;
	S_spaces(&h, x->rel);
	sb_adds(&h, "</div>\n");
	S_emit_sb(b, S_GEN, &h);
	S_blank_line(b);
	b->nbox--;
	b->prev_blank = true;
}

/* `!!! type "Title"`, `??? type "Title"`, `???+ …`, `=== "Tab"`. */
static bool S_box_open(struct S_blk *b, const char *l, size_t ln, size_t lf, int rel, int indent,
		       size_t tline)
{
	const char *s = l + lf;
	size_t n = ln - lf, k;
	int kind;
	if (S_at(s, n, 0, "!!!")) {
		kind = 0;
		k = 3;
	} else if (S_at(s, n, 0, "???")) {
		kind = 1;
		k = 3 + (n > 3 && s[3] == '+');
	} else if (S_at(s, n, 0, "===")) {
		kind = 2;
		k = 3 + (n > 3 && (s[3] == '+' || s[3] == '!'));
	} else {
		return false;
	}
	if (k < n && !S_sp(s[k]))
		return false;
	while (k < n && S_sp(s[k]))
		k++;
	size_t tb = k;
	while (k < n && s[k] != '"')
		k++;
	const char *types = s + tb;
	size_t tyl = k - tb;
	S_trim(&types, &tyl);
	for (size_t i = 0; i < tyl; i++)
		if (!S_ident(types[i]) && types[i] != ' ')
			return false;
	const char *title = NULL;
	size_t tl = 0;
	if (k < n) {
		size_t last = n;
		while (last > k && S_wsnl(s[last - 1]))
			last--;
		if (last < k + 2 || s[last - 1] != '"')
			return false;
		title = s + k + 1;
		tl = last - 1 - (k + 1);
	}
	if ((kind == 0 && !tyl) || (kind == 1 && !tyl && !title) || (kind == 2 && (tyl || !title)))
		return false;
	struct S_state *st = b->st;
	int line = S_line_of_text(st, tline);
	struct strbuf h = STRBUF_INIT;
	S_end_line(b);
	S_spaces(&h, rel);
	if (kind == 2) {
		sb_adds(&h, "<div class=\"tab\"><p class=\"tab-title\">");
		S_title_html(st, &h, title, tl, line);
		sb_adds(&h, "</p>\n");
	} else {
		sb_adds(&h, "<div class=\"admonition");
		if (tyl) {
			sb_addc(&h, ' ');
			S_esc(&h, types, tyl);
		}
		sb_adds(&h, "\">");
		const char *t = title;
		size_t l2 = tl;
		if (t)
			S_trim(&t, &l2);
		if (!t || l2) {
			sb_adds(&h, "<p class=\"admonition-title\">");
			if (t) {
				S_title_html(st, &h, t, l2, line);
			} else {
				/* Python-Markdown: the type, capitalized. */
				size_t w = 0;
				while (w < tyl && types[w] != ' ')
					w++;
				char *word = xstrndup(types, w);
				word[0] = (char)toupper((unsigned char)word[0]);
				for (size_t i = 1; i < w; i++)
					word[i] = (char)tolower((unsigned char)word[i]);
				S_esc(&h, word, w);
				free(word);
			}
			sb_adds(&h, "</p>");
		}
		sb_addc(&h, '\n');
	}
	bool full = b->nbox == S_MAX_BOXES;
	if (full) {
		/* Too deep to nest: an empty box; its content stays as code. */
		S_spaces(&h, rel);
		sb_adds(&h, "</div>\n");
	}
	S_emit_sb(b, S_GEN, &h);
	S_blank_line(b);
	if (!full)
		b->box[b->nbox++] = (struct S_box){indent + 4, rel, b->nlist, b->nmd};
	b->prev_blank = true;
	return true;
}

/* An HTML block with a `markdown` attribute (md_in_html): the attribute
 * goes, and blank lines around the tags let cmark-gfm parse the inside. */
static bool S_md_open(struct S_blk *b, const char *l, size_t ln, size_t lf, int rel)
{
	const char *s = l + lf;
	size_t n = ln - lf;
	if (n < 3 || s[0] != '<' || !isalpha((unsigned char)s[1]))
		return false;
	size_t k = 1;
	while (k < n && (S_alnum(s[k]) || s[k] == '-'))
		k++;
	size_t namelen = k - 1;
	if (namelen >= sizeof b->md[0].name)
		return false;
	size_t ab = S_NONE, ae = 0;
	bool span = false;
	for (;;) {
		while (k < n && S_sp(s[k]))
			k++;
		if (k >= n || s[k] == '>' || S_at(s, n, k, "/>"))
			break;
		size_t nb = k;
		while (k < n && !S_sp(s[k]) && s[k] != '=' && s[k] != '>' && !S_at(s, n, k, "/>"))
			k++;
		size_t ne = k, vb = k, ve = k;
		if (ne == nb)
			return false;
		size_t k2 = k;
		while (k2 < n && S_sp(s[k2]))
			k2++;
		if (k2 < n && s[k2] == '=') {
			k = k2 + 1;
			while (k < n && S_sp(s[k]))
				k++;
			if (k < n && (s[k] == '"' || s[k] == '\'')) {
				char q = s[k++];
				vb = k;
				while (k < n && s[k] != q)
					k++;
				if (k >= n)
					return false;
				ve = k++;
			} else {
				vb = k;
				while (k < n && !S_sp(s[k]) && s[k] != '>')
					k++;
				ve = k;
			}
		}
		if (S_ieq(s + nb, ne - nb, "markdown")) {
			ab = nb;
			ae = k;
			span = S_ieq(s + vb, ve - vb, "span") || S_eq(s + vb, ve - vb, "0");
		}
	}
	if (k >= n || s[k] != '>' || ab == S_NONE)
		return false;
	struct strbuf tag = STRBUF_INIT;
	S_spaces(&tag, rel);
	size_t cut = ab;
	while (cut > 0 && S_sp(s[cut - 1]))
		cut--;
	sb_add(&tag, s, cut);
	sb_add(&tag, s + ae, k + 1 - ae);
	const char *rest = s + k + 1;
	size_t rl = n - k - 1;
	S_trim(&rest, &rl);
	S_end_line(b);
	if (span) {
		sb_add(&tag, rest, rl);
		sb_addc(&tag, '\n');
		S_emit_sb(b, S_TEXT, &tag);
		return true;
	}
	sb_addc(&tag, '\n');
	S_emit_sb(b, S_GEN, &tag);
	S_blank_line(b);
	b->prev_blank = true;
	char closing[24];
	snprintf(closing, sizeof closing, "</%.*s>", (int)namelen, s + 1);
	size_t cl = strlen(closing);
	if (rl >= cl && S_ieq(rest + rl - cl, cl, closing)) {
		struct strbuf h = STRBUF_INIT;
		S_emit(b, S_TEXT, rest, rl - cl);
		S_blank_line(b);
		S_spaces(&h, rel);
		sb_add(&h, closing, cl);
		sb_addc(&h, '\n');
		S_emit_sb(b, S_GEN, &h);
		S_blank_line(b);
		return true;
	}
	if (rl) {
		S_emit(b, S_TEXT, rest, rl);
		S_emit(b, S_TEXT, "\n", 1);
	}
	if (b->nmd < S_MAX_MD) {
		struct S_md *m = &b->md[b->nmd++];
		memcpy(m->name, s + 1, namelen);
		m->name[namelen] = '\0';
		for (size_t i = 0; i < namelen; i++)
			m->name[i] = (char)tolower((unsigned char)m->name[i]);
		m->depth = 0;
		m->nbox = b->nbox;
		m->rel = rel;
	}
	return true;
}

/* The closing tag of the innermost `markdown` element, on this line? */
static bool S_md_close(struct S_blk *b, const char *l, size_t ln)
{
	struct S_md *m = &b->md[b->nmd - 1];
	if (m->nbox != b->nbox)
		return false;
	size_t nl = strlen(m->name), p = 0, found = S_NONE, inner_close = S_NONE;
	for (const char *q; p < ln && (q = memchr(l + p, '<', ln - p)); p++) {
		p = (size_t)(q - l);
		bool close = p + 1 < ln && l[p + 1] == '/';
		size_t nb = p + 1 + close;
		if (nb + nl > ln || !S_ieq(l + nb, nl, m->name))
			continue;
		char after = nb + nl < ln ? l[nb + nl] : '>';
		if (!(after == '>' || S_sp(after) || (!close && after == '/')))
			continue;
		if (!close) {
			m->depth++;
		} else if (m->depth > 0) {
			m->depth--;
			inner_close = p;
		} else {
			found = p;
			break;
		}
	}
	if (found == S_NONE) {
		/* An inner element of the same name closing the line: a blank
		 * line after it, so that Markdown starts again after it, as
		 * md_in_html reads it. */
		const char *gt = inner_close == S_NONE ? NULL : memchr(l + inner_close, '>', ln - inner_close);
		if (!gt || !S_is_blank(gt + 1, ln - (size_t)(gt + 1 - l)))
			return false;
		S_emit(b, S_TEXT, l, ln);
		S_emit(b, S_TEXT, "\n", 1);
		S_blank_line(b);
		return true;
	}
	const char *gt = memchr(l + found, '>', ln - found);
	size_t ce = gt ? (size_t)(gt - l) + 1 : ln;
	size_t f;
	int ind = S_indent(l, ln, &f);
	S_end_line(b);
	if (!S_is_blank(l, found)) {
		S_emit(b, S_TEXT, l, found);
		S_emit(b, S_TEXT, "\n", 1);
	}
	S_blank_line(b);
	struct strbuf h = STRBUF_INIT;
	S_spaces(&h, found == f ? ind : m->rel);
	sb_add(&h, l + found, ce - found);
	sb_addc(&h, '\n');
	S_emit_sb(b, S_GEN, &h);
	S_blank_line(b);
	if (!S_is_blank(l + ce, ln - ce)) {
		S_emit(b, S_TEXT, l + ce, ln - ce);
		S_emit(b, S_TEXT, "\n", 1);
	}
	b->nmd--;
	b->prev_blank = true;
	return true;
}

/* An ATX heading ending in an attribute list: `## Title {#id .class}`. */
static bool S_heading(struct S_blk *b, const char *l, size_t ln, size_t lf, int rel, size_t tline)
{
	struct S_state *st = b->st;
	const char *s = l + lf;
	size_t n = ln - lf, h = 0;
	while (h < n && h < 7 && s[h] == '#')
		h++;
	if (h < 1 || h > 6 || (h < n && !S_sp(s[h])))
		return false;
	const char *txt = s + h;
	size_t tl = n - h;
	S_trim(&txt, &tl);
	size_t e = tl;
	while (e && txt[e - 1] == '#')
		e--;
	if (e < tl && (e == 0 || S_sp(txt[e - 1]))) {
		tl = e;
		S_trim(&txt, &tl);
	}
	if (tl < 3 || txt[tl - 1] != '}')
		return false;
	size_t lb = tl - 1;
	while (lb > 0 && txt[lb - 1] != '{' && txt[lb - 1] != '}')
		lb--;
	if (lb == 0 || txt[lb - 1] != '{')
		return false;
	lb--;
	if (lb == 0 || !S_sp(txt[lb - 1]))
		return false;
	const char *in = txt + lb + 1;
	size_t il = tl - lb - 2;
	bool mk = (st->d & DIALECT_MKDOCS) != 0;
	if (il && in[0] == ':' && !(st->d & (DIALECT_MKDOCS | DIALECT_LIQUID)))
		return false;
	struct S_attrs a;
	if (!S_attrs_parse(in, il, mk || (il && in[0] == ':'), &a))
		return false;
	const char *title = txt;
	size_t ttl = lb;
	S_trim(&title, &ttl);
	struct strbuf o = STRBUF_INIT;
	S_end_line(b);
	S_spaces(&o, rel);
	if (a.id && a.idl) {
		sb_addf(&o, "<h%zu id=\"", h);
		S_esc(&o, a.id, a.idl);
		sb_adds(&o, "\">");
		S_title_html(st, &o, title, ttl, S_line_of_text(st, tline));
		sb_addf(&o, "</h%zu>\n", h);
		S_emit_sb(b, S_GEN, &o);
		S_blank_line(b);
	} else {
		for (size_t i = 0; i < h; i++)
			sb_addc(&o, '#');
		sb_addc(&o, ' ');
		sb_add(&o, title, ttl);
		sb_addc(&o, '\n');
		S_emit_sb(b, S_TEXT, &o);
	}
	b->prev_blank = true;
	return true;
}

/* A line that is only an attribute list: `{: .class}`, `{:toc}`, `{ #id }`. */
static bool S_attr_line(struct S_blk *b, const char *l, size_t ln, size_t lf)
{
	const char *s = l + lf;
	size_t n = ln - lf;
	S_trim(&s, &n);
	if (n < 3 || s[0] != '{' || s[n - 1] != '}' || memchr(s + 1, '{', n - 2) || memchr(s + 1, '}', n - 2))
		return false;
	if (s[1] == ':')
		return true;
	struct S_attrs a;
	return (b->st->d & DIALECT_MKDOCS) && S_attrs_parse(s + 1, n - 2, false, &a);
}

static bool S_is_toc_line(const char *s, size_t n)
{
	S_trim(&s, &n);
	if (n < 6 || !S_at(s, n, 0, "{:") || s[n - 1] != '}')
		return false;
	const char *in = s + 2;
	size_t il = n - 3;
	S_trim(&in, &il);
	return S_eq(in, il, "toc");
}

/* Fenced-code attributes: ```py title="a.py" linenums="1" → a caption
 * and ```py. */
static void S_fence_attrs(struct S_blk *b, const char *l, size_t ln, size_t ff, size_t flen, size_t info,
			  int rel, bool stripped, const char *orig, size_t olen)
{
	const char *s = l + info;
	size_t n = ln - info;
	S_trim(&s, &n);
	size_t k = 0;
	const char *lang = NULL, *title = NULL;
	size_t langl = 0, titlel = 0;
	bool braces = n && s[0] == '{';
	if (!braces) {
		while (k < n && !S_sp(s[k]) && s[k] != '{')
			k++;
		if (!memchr(s, '=', k)) {
			lang = s;
			langl = k;
		} else {
			k = 0;
		}
	}
	const char *rest = s + k;
	size_t rl = n - k;
	S_trim(&rest, &rl);
	if (!rl) {
		S_put(b, S_CODE, stripped, l, ln, orig, olen);
		return;
	}
	for (size_t i = 0; i < rl; i++) {
		if (braces && !lang && rest[i] == '.' && (i == 0 || rest[i - 1] == ' ' || rest[i - 1] == '{')) {
			size_t e = i + 1;
			while (e < rl && (S_ident(rest[e]) || rest[e] == '+' || rest[e] == '#'))
				e++;
			lang = rest + i + 1;
			langl = e - i - 1;
		}
		if (!title && S_at(rest, rl, i, "title=") && (i == 0 || !S_ident(rest[i - 1])) && i + 6 < rl &&
		    (rest[i + 6] == '"' || rest[i + 6] == '\'')) {
			const char *q = memchr(rest + i + 7, rest[i + 6], rl - i - 7);
			if (q) {
				title = rest + i + 7;
				titlel = (size_t)(q - title);
			}
		}
	}
	struct strbuf h = STRBUF_INIT;
	S_end_line(b);
	if (title) {
		S_spaces(&h, rel);
		sb_adds(&h, "<p class=\"code-title\">");
		S_esc(&h, title, titlel);
		sb_adds(&h, "</p>\n");
		S_emit_sb(b, S_GEN, &h);
		S_blank_line(b);
	}
	sb_add(&h, l, ff + flen);
	if (lang)
		S_lang(&h, lang, langl);
	sb_addc(&h, '\n');
	S_emit_sb(b, S_CODE, &h);
}

/* Writes text as code lines, each dedented by cols columns. */
static void S_code_lines(struct S_blk *b, const char *s, size_t n, int cols)
{
	struct strbuf h = STRBUF_INIT;
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t next = nl ? (size_t)(nl - s) + 1 : n;
		size_t le = nl ? next - 1 : n;
		int col = 0;
		size_t k = i;
		while (k < le && S_sp(s[k]) && col < cols) {
			col = s[k] == '\t' ? (col / 4 + 1) * 4 : col + 1;
			k++;
		}
		if (col > cols)
			S_spaces(&h, col - cols);
		sb_add(&h, s + k, le - k);
		sb_addc(&h, '\n');
		i = next;
	}
	S_emit_sb(b, S_CODE, &h);
}

static size_t S_count_nl(const char *s, size_t n)
{
	size_t c = 0;
	for (const char *p = s, *e = s + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
		c++;
	return c;
}

/* `{% highlight lang %}…{% endhighlight %}` (Jekyll, Eleventy) and
 * `{{< highlight lang >}}…{{< /highlight >}}` (Hugo) starting a line: a
 * fenced code block. *pi and *ptline move past the closing tag's line. */
static bool S_highlight_block(struct S_blk *b, size_t ls, size_t f, int rel, size_t *pi, size_t *ptline)
{
	struct S_state *st = b->st;
	const char *t = b->t;
	size_t n = b->n, p = ls + f;
	const char *nl = memchr(t + p, '\n', n - p);
	size_t le = nl ? (size_t)(nl - t) : n;
	size_t oe, cp, ce;
	struct strbuf lang = STRBUF_INIT;
	if (S_at(t, le, p, "{%") && (st->d & (DIALECT_LIQUID | DIALECT_NUNJUCKS))) {
		const char *nm;
		size_t nlen, after;
		if (!S_ltag_name(t, le, p, &nm, &nlen, &after) || !S_eq(nm, nlen, "highlight"))
			return false;
		size_t close = S_find(t, le, after, "%}", 2);
		if (close == S_NONE)
			return false;
		oe = close + 2;
		const char *a = t + after;
		size_t al = close - after;
		S_trim(&a, &al);
		size_t w = 0;
		while (w < al && !S_sp(a[w]))
			w++;
		S_lang(&lang, a, w);
		cp = S_cached(&b->c_endhl, t, n, oe, S_find_end_tag, "endhighlight");
		if (cp == S_NONE) {
			sb_release(&lang);
			return false;
		}
		ce = S_end_tag_end(t, n, cp);
	} else if ((S_at(t, le, p, "{{<") || S_at(t, le, p, "{{%")) && (st->d & DIALECT_HUGO)) {
		struct S_sc sc;
		if (!S_hugo_parse(t, le, p, &sc) || sc.closing || sc.selfclose || !S_eq(sc.name, sc.nl, "highlight"))
			return false;
		oe = sc.end;
		char *l0 = S_sc_arg(&sc, NULL, 0);
		if (l0)
			S_lang(&lang, l0, strlen(l0));
		free(l0);
		cp = S_cached(&b->c_hugo_hl, t, n, oe, S_find_hugo_close, "highlight");
		if (cp == S_NONE) {
			sb_release(&lang);
			return false;
		}
		ce = S_hugo_close_end(t, n, cp, "highlight");
	} else {
		return false;
	}
	/* The code: from the end of the opening tag (its line's rest when not
	 * blank) to the closing tag (its line's start when not blank). */
	size_t cb = oe;
	if (S_is_blank(t + oe, le - oe))
		cb = le < n ? le + 1 : n;
	size_t cls = cp;
	while (cls > cb && t[cls - 1] != '\n')
		cls--;
	size_t cend = S_is_blank(t + cls, cp - cls) ? cls : cp;
	if (cend < cb)
		cend = cb;
	size_t run = 0, maxrun = 0;
	for (size_t k = cb; k < cend; k++) {
		run = t[k] == '`' ? run + 1 : 0;
		if (run > maxrun)
			maxrun = run;
	}
	struct strbuf h = STRBUF_INIT;
	S_end_line(b);
	S_spaces(&h, rel);
	for (size_t k = 0; k < (maxrun < 3 ? 3 : maxrun + 1); k++)
		sb_addc(&h, '`');
	size_t fence_at = h.len - (size_t)rel;
	sb_add(&h, lang.s ? lang.s : "", lang.len);
	sb_addc(&h, '\n');
	S_emit(b, S_CODE, h.s, h.len);
	S_code_lines(b, t + cb, cend - cb, 4 * (int)b->nbox);
	h.len = (size_t)rel + fence_at;
	sb_addc(&h, '\n');
	S_emit(b, S_CODE, h.s, h.len);
	sb_release(&h);
	sb_release(&lang);
	const char *nl2 = memchr(t + ce, '\n', n - ce);
	size_t cle = nl2 ? (size_t)(nl2 - t) : n;
	if (!S_is_blank(t + ce, cle - ce)) {
		S_emit(b, S_TEXT, t + ce, cle - ce);
		S_emit(b, S_TEXT, "\n", 1);
	}
	*ptline += S_count_nl(t + ls, cle - ls);
	*pi = nl2 ? cle + 1 : n;
	return true;
}

/* A comment (Liquid `{% comment %}`, Nunjucks `{#`, kramdown
 * `{::comment}`) starting a line and closing on a later one: its lines go,
 * as the generator drops them before Markdown sees them. */
static bool S_comment_block(struct S_blk *b, size_t ls, size_t f, size_t *pi, size_t *ptline)
{
	struct S_state *st = b->st;
	const char *t = b->t;
	size_t n = b->n, p = ls + f, ce;
	const char *nl = memchr(t + p, '\n', n - p);
	size_t le = nl ? (size_t)(nl - t) : n;
	if (S_at(t, le, p, "{%") && (st->d & (DIALECT_LIQUID | DIALECT_NUNJUCKS))) {
		const char *nm;
		size_t nlen, after;
		if (!S_ltag_name(t, le, p, &nm, &nlen, &after) || !S_eq(nm, nlen, "comment") ||
		    S_ltag_bare_end(t, le, after) == S_NONE)
			return false;
		size_t cp = S_cached(&b->c_endcomment, t, n, after, S_find_end_tag, "endcomment");
		if (cp == S_NONE || cp < le)
			return false;
		ce = S_end_tag_end(t, n, cp);
	} else if (S_at(t, le, p, "{#") && (st->d & DIALECT_NUNJUCKS)) {
		size_t cp = S_cached(&b->c_njk, t, n, p + 2, S_find_lit, "#}");
		if (cp == S_NONE || cp < le)
			return false;
		ce = cp + 2;
	} else if (S_at(t, le, p, "{::comment}") && (st->d & DIALECT_LIQUID)) {
		size_t cp = S_cached(&b->c_kd, t, n, p + 11, S_find_lit, "{:/");
		if (cp == S_NONE || cp < le)
			return false;
		const char *cb = memchr(t + cp, '}', n - cp);
		ce = cb ? (size_t)(cb - t) + 1 : n;
	} else {
		return false;
	}
	const char *nl2 = memchr(t + ce, '\n', n - ce);
	size_t cle = nl2 ? (size_t)(nl2 - t) : n;
	if (!S_is_blank(t + ce, cle - ce)) {
		S_end_line(b);
		S_emit(b, S_TEXT, t + ce, cle - ce);
		S_emit(b, S_TEXT, "\n", 1);
	}
	*ptline += S_count_nl(t + ls, cle - ls);
	*pi = nl2 ? cle + 1 : n;
	return true;
}

static void S_blk_run(struct S_blk *b)
{
	struct S_state *st = b->st;
	const char *t = b->t;
	size_t n = b->n, i = 0, tline = 0;
	unsigned d = st->d;
	bool liquid = (d & (DIALECT_LIQUID | DIALECT_NUNJUCKS)) != 0;
	while (i < n) {
		size_t ls = i;
		const char *nlp = memchr(t + i, '\n', n - i);
		size_t next = nlp ? (size_t)(nlp - t) + 1 : n;
		size_t le = nlp ? next - 1 : n;
		if (le > ls && t[le - 1] == '\r')
			le--;
		tline++;
		i = next;
		size_t f;
		int indent = S_indent(t + ls, le - ls, &f);
		bool blank = f == le - ls;
		if (!blank)
			while (b->nbox && indent < b->box[b->nbox - 1].col)
				S_close_box(b);
		bool stripped = b->nbox > 0;
		const char *l;
		size_t ln, lf;
		int rel;
		if (stripped) {
			b->line.len = 0;
			rel = 0;
			if (!blank) {
				rel = indent - 4 * (int)b->nbox;
				if (rel < 0)
					rel = 0;
				S_spaces(&b->line, rel);
				sb_add(&b->line, t + ls + f, le - ls - f);
			}
			sb_add(&b->line, "", 0);
			l = b->line.s ? b->line.s : "";
			ln = b->line.len;
			lf = (size_t)rel;
		} else {
			l = t + ls;
			ln = le - ls;
			lf = f;
			rel = indent;
		}
		const char *orig = t + ls;
		size_t olen = next - ls;
		S_end_line(b);
		S_map_add(&st->blk, b->olines + 1, tline, false);

		if (b->f.open) {
			size_t qr = 0;
			int q = b->f.quotes ? S_quotes(l, ln, &qr) : 0;
			bool inside = blank || (b->f.quotes ? q >= b->f.quotes : rel >= b->f.base);
			if (inside) {
				size_t ff;
				int ind2 = S_indent(l + qr, ln - qr, &ff);
				bool close = !blank && ind2 < b->f.indent + 4 &&
					     S_fence_close(l + qr, ln - qr, ff, b->f.ch, b->f.len);
				S_put(b, S_CODE, stripped, l, ln, orig, olen);
				if (liquid)
					S_raw_scan(l, ln, &b->raw);
				if (close)
					b->f.open = false;
				continue;
			}
			b->f.open = false;
		}
		if (b->icode) {
			if (blank || rel >= b->icode_base + 4) {
				S_put(b, S_CODE, stripped, l, ln, orig, olen);
				continue;
			}
			b->icode = false;
		}
		if (blank) {
			if (!(b->ins_blank && b->last_blank))
				S_put(b, S_TEXT, stripped, l, ln, orig, olen);
			b->ins_blank = false;
			b->prev_blank = true;
			continue;
		}
		size_t floor = b->nbox ? b->box[b->nbox - 1].nlist : 0;
		int item = S_list_item(l, ln, lf, rel);
		if (b->prev_blank || item >= 0)
			while (b->nlist > floor && b->list[b->nlist - 1] > rel)
				b->nlist--;
		int base = b->nlist ? b->list[b->nlist - 1] : 0;
		if (b->prev_blank && rel >= base + 4) {
			b->icode = true;
			b->icode_base = base;
			S_put(b, S_CODE, stripped, l, ln, orig, olen);
			continue;
		}
		if (item >= 0 && b->nlist < S_MAX_LISTS && rel - base < 4)
			b->list[b->nlist++] = item;
		size_t qr = 0;
		int q = rel - base < 4 && l[lf] == '>' ? S_quotes(l, ln, &qr) : 0;
		{
			size_t ff;
			int ind2 = S_indent(l + qr, ln - qr, &ff);
			char ch;
			size_t flen, info;
			if ((q ? ind2 < 4 : rel - base < 4) && S_fence_open(l + qr, ln - qr, ff, &ch, &flen, &info)) {
				b->f = (struct S_fence){true, ch, flen, q ? ind2 : rel, q, q ? 0 : base, b->nbox};
				if ((d & DIALECT_MKDOCS) && !b->raw && !q)
					S_fence_attrs(b, l, ln, ff, flen, info, rel, stripped, orig, olen);
				else
					S_put(b, S_CODE, stripped, l, ln, orig, olen);
				if (liquid)
					S_raw_scan(l, ln, &b->raw);
				b->prev_blank = false;
				continue;
			}
		}
		if (b->raw) {
			S_put(b, S_TEXT, stripped, l, ln, orig, olen);
			S_raw_scan(l, ln, &b->raw);
			b->prev_blank = false;
			continue;
		}
		if (!q && rel - base < 4) {
			if ((d & (DIALECT_LIQUID | DIALECT_NUNJUCKS | DIALECT_HUGO)) &&
			    S_highlight_block(b, ls, f, rel, &i, &tline)) {
				b->prev_blank = false;
				continue;
			}
			if ((d & (DIALECT_LIQUID | DIALECT_NUNJUCKS)) && S_comment_block(b, ls, f, &i, &tline))
				continue;
			if ((d & DIALECT_MKDOCS) && S_box_open(b, l, ln, lf, rel, indent, tline))
				continue;
			if ((d & DIALECT_MKDOCS) && S_md_open(b, l, ln, lf, rel))
				continue;
		}
		if (b->nmd && S_md_close(b, l, ln))
			continue;
		if (!q && rel - base < 4 && (d & (DIALECT_HEADING_IDS | DIALECT_MKDOCS | DIALECT_LIQUID)) &&
		    S_heading(b, l, ln, lf, rel, tline))
			continue;
		if ((d & (DIALECT_MKDOCS | DIALECT_LIQUID)) && S_attr_line(b, l, ln, lf))
			continue;
		if ((d & (DIALECT_MKDOCS | DIALECT_LIQUID)) && item >= 0 && next < n) {
			const char *nl2 = memchr(t + next, '\n', n - next);
			size_t n2 = nl2 ? (size_t)(nl2 - t) + 1 : n;
			if (S_is_toc_line(t + next, n2 - next)) {
				/* `* TOC` + `{:toc}`: kramdown's place for a table of
				 * contents, which the book has already. */
				i = n2;
				tline++;
				continue;
			}
		}
		S_put(b, S_TEXT, stripped, l, ln, orig, olen);
		if (liquid)
			S_raw_scan(l, ln, &b->raw);
		b->prev_blank = false;
	}
	while (b->nbox)
		S_close_box(b);
}

/* ------------------------------------------------------------------ */
/* Pass 2: inline                                                       */
/* ------------------------------------------------------------------ */

/* In code: Liquid's raw tags go (Jekyll removes them everywhere), Hugo's
 * escaped shortcodes lose their escape (Hugo shows an escaped shortcode
 * as the plain one, in code too). Nothing else changes. */
static void S_code_copy(struct S_state *st, struct strbuf *out, const char *s, size_t n)
{
	bool liquid = (st->d & (DIALECT_LIQUID | DIALECT_NUNJUCKS)) != 0;
	bool hugo = (st->d & DIALECT_HUGO) != 0;
	if (!liquid && !hugo) {
		sb_add(out, s, n);
		return;
	}
	size_t i = 0;
	int esc = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '{' && s[j] != '*')
			j++;
		sb_add(out, s + i, j - i);
		if (j >= n)
			break;
		i = j;
		if (liquid && S_at(s, n, i, "{%")) {
			const char *nm;
			size_t nl, after, e;
			if (S_ltag_name(s, n, i, &nm, &nl, &after) && S_eq(nm, nl, st->raw ? "endraw" : "raw") &&
			    (e = S_ltag_bare_end(s, n, after)) != S_NONE) {
				st->raw = !st->raw;
				i = e;
				continue;
			}
		}
		if (hugo && (S_at(s, n, i, "{{</*") || S_at(s, n, i, "{{%/*"))) {
			sb_add(out, s + i, 3);
			esc++;
			i += 5;
			continue;
		}
		if (hugo && esc && (S_at(s, n, i, "*/>}}") || S_at(s, n, i, "*/%}}"))) {
			sb_add(out, s + i + 2, 3);
			esc--;
			i += 5;
			continue;
		}
		sb_addc(out, s[i++]);
	}
}

struct S_run {
	size_t pos, len, match; /* match: index of the closing run, or S_NONE */
};

enum {
	C_LCLOSE, C_LOPEN, C_OCLOSE, C_OOPEN, C_NJK, C_HESC_A, C_HESC_P, C_DD, C_DOLLAR, C_PAREN,
	C_BRACK, C_HCOMMENT, C_SCRIPT, C_STYLE, C_PRE, C_CODE, C_ENDRAW, C_ENDCOMMENT, C_ENDHL,
	C_HUGOHL, C_KD, C_GO, S_NCACHE
};

struct S_inl {
	struct S_state *st;
	const char *s;
	size_t n;
	struct strbuf *out;
	int fixed_line;          /* > 0: every position is on this body line */
	size_t oline0;           /* else: the pass-1 output line of s[0] */
	size_t lc_pos, lc_lines; /* line counting cursor */
	size_t barrier;          /* image look-back for attribute lists stops here (in out) */
	bool in_tag;             /* inside an HTML tag: no math, emoji or attribute lists */
	struct S_run *runs;
	size_t nruns, run_at;
	bool runs_done;
	struct S_cache c[S_NCACHE];
};

static int S_inl_line(struct S_inl *x, size_t pos)
{
	if (x->fixed_line > 0)
		return x->fixed_line;
	if (pos > x->n)
		pos = x->n;
	while (x->lc_pos < pos) {
		const char *q = memchr(x->s + x->lc_pos, '\n', pos - x->lc_pos);
		if (!q) {
			x->lc_pos = pos;
			break;
		}
		x->lc_lines++;
		x->lc_pos = (size_t)(q - x->s) + 1;
	}
	while (x->lc_pos > pos) {
		x->lc_pos--;
		if (x->s[x->lc_pos] == '\n')
			x->lc_lines--;
	}
	return S_line_of_block(x->st, x->oline0 + x->lc_lines);
}

/* s[b..e) stands alone on its line(s)? *ls: where that line starts,
 * *after: where the next one does. */
static bool S_alone(const struct S_inl *x, size_t b, size_t e, size_t *ls, size_t *after)
{
	const char *s = x->s;
	size_t k = b;
	while (k > 0 && S_sp(s[k - 1]))
		k--;
	if (k > 0 && s[k - 1] != '\n')
		return false;
	size_t j = e;
	while (j < x->n && (S_sp(s[j]) || s[j] == '\r'))
		j++;
	if (j < x->n && s[j] != '\n')
		return false;
	*ls = k;
	*after = j < x->n ? j + 1 : x->n;
	return true;
}

/* Writes a block made in place of s[b..e): each of its lines indented
 * like the line it replaces, a blank line after it, and one before it
 * when it is a Markdown paragraph and text precedes it. A construct not
 * alone on its line is moved to lines of its own. Returns what was
 * consumed from b. */
static size_t S_put_block(struct S_inl *x, size_t b, size_t e, const char *blk, size_t bl, bool para)
{
	struct strbuf *o = x->out;
	size_t ls, after;
	const char *ind = "";
	size_t il = 0;
	if (S_alone(x, b, e, &ls, &after)) {
		ind = x->s + ls;
		il = b - ls;
		if (para && ls > 0) {
			sb_addc(o, '\n');
			sb_add(o, ind, il);
		}
	} else {
		after = e;
		sb_adds(o, "\n\n");
	}
	for (size_t i = 0; i < bl; i++) {
		sb_addc(o, blk[i]);
		if (blk[i] == '\n')
			sb_add(o, ind, il);
	}
	sb_adds(o, "\n\n");
	x->barrier = o->len;
	return after - b;
}

static void S_runs(struct S_inl *x)
{
	size_t cap = 0, maxlen = 0;
	x->runs_done = true;
	for (size_t i = 0; i < x->n;) {
		const char *q = memchr(x->s + i, '`', x->n - i);
		if (!q)
			break;
		i = (size_t)(q - x->s);
		size_t b = i;
		while (i < x->n && x->s[i] == '`')
			i++;
		if (x->nruns == cap)
			x->runs = xrealloc(x->runs, (cap = cap ? cap * 2 : 16) * sizeof *x->runs);
		x->runs[x->nruns++] = (struct S_run){b, i - b, S_NONE};
		if (i - b > maxlen)
			maxlen = i - b;
	}
	if (!x->nruns)
		return;
	size_t *last = xmalloc((maxlen + 1) * sizeof *last);
	for (size_t k = 0; k <= maxlen; k++)
		last[k] = S_NONE;
	for (size_t r = x->nruns; r-- > 0;) {
		x->runs[r].match = last[x->runs[r].len];
		last[x->runs[r].len] = r;
	}
	free(last);
}

/* Inline code: copied, with only S_code_copy's changes. */
static size_t S_backtick(struct S_inl *x, size_t i)
{
	if (!x->runs_done)
		S_runs(x);
	while (x->run_at < x->nruns && x->runs[x->run_at].pos + x->runs[x->run_at].len <= i)
		x->run_at++;
	if (x->run_at >= x->nruns)
		return 0;
	const struct S_run *r = &x->runs[x->run_at];
	size_t re = r->pos + r->len;
	if (r->pos != i || r->match == S_NONE) {
		sb_add(x->out, x->s + i, re - i);
		return re - i;
	}
	const struct S_run *m = &x->runs[r->match];
	sb_add(x->out, x->s + i, r->len);
	S_code_copy(x->st, x->out, x->s + re, m->pos - re);
	sb_add(x->out, x->s + m->pos, m->len);
	x->run_at = r->match + 1;
	return m->pos + m->len - i;
}

static void S_code_span(struct strbuf *o, const char *s, size_t n)
{
	size_t run = 0, maxrun = 0;
	for (size_t k = 0; k < n; k++) {
		run = s[k] == '`' ? run + 1 : 0;
		if (run > maxrun)
			maxrun = run;
	}
	for (size_t k = 0; k <= maxrun; k++)
		sb_addc(o, '`');
	sb_addc(o, ' ');
	for (size_t k = 0; k < n; k++)
		sb_addc(o, s[k] == '\n' || s[k] == '\r' ? ' ' : s[k]);
	sb_addc(o, ' ');
	for (size_t k = 0; k <= maxrun; k++)
		sb_addc(o, '`');
}

/* A reference to another page (Hugo ref/relref, Jekyll post_url/link):
 * the resolver's answer, else the path as written (site-absolute when
 * root is true: Jekyll's link names a file from the site's root); the
 * fragment kept. */
static void S_ref(struct S_state *st, struct strbuf *o, const char *ref, size_t rl, bool root)
{
	S_trim(&ref, &rl);
	if (rl >= 2 && (ref[0] == '"' || ref[0] == '\'') && ref[rl - 1] == ref[0]) {
		ref++;
		rl -= 2;
	}
	const char *hash = memchr(ref, '#', rl);
	size_t pl = hash ? (size_t)(hash - ref) : rl;
	char *path = xstrndup(ref, pl);
	char *res = NULL;
	if (st->ctx && st->ctx->resolve_ref && *path && !memchr(ref, '\0', pl))
		res = st->ctx->resolve_ref(st->ctx->resolve_data, path);
	if (res) {
		S_url(o, res, strlen(res));
	} else {
		if (root && pl && ref[0] != '/')
			sb_addc(o, '/');
		S_url(o, ref, pl);
	}
	if (hash)
		S_url(o, hash, rl - pl);
	free(res);
	free(path);
}

static bool S_is_callout(const char *name, size_t n)
{
	static const char *const names[] = {"admonition", "alert", "callout", "caution", "danger", "details",
					    "hint", "important", "info", "note", "notice", "tip", "warning"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (S_eq(name, n, names[i]))
			return true;
	return false;
}

/* Only [A-Za-z0-9_-] of an id that goes into a URL. */
static char *S_idpart(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; s && *s; s++)
		if (S_ident(*s))
			sb_addc(&sb, *s);
	if (!sb.len) {
		sb_release(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

/* youtube, vimeo, tweet, gist, instagram: a link to what the site embeds. */
/* `[What: url](url)`: an embedded player or post, as a link a reader sees. */
static void S_embed_md_link(struct strbuf *o, const char *what, const char *url)
{
	sb_addc(o, '[');
	char *label = xasprintf("%s: %s", what, url);
	S_md_literal(o, label, strlen(label));
	free(label);
	sb_adds(o, "](");
	sb_adds(o, url);
	sb_addc(o, ')');
}

static bool S_embed_link(const struct S_sc *sc, const char *base, size_t bl, struct strbuf *o)
{
	char *id = NULL, *user = NULL, *url = NULL;
	const char *what = NULL;
	if (S_eq(base, bl, "youtube")) {
		char *v = S_sc_arg(sc, "id", 0);
		id = S_idpart(v);
		free(v);
		if (id)
			url = xasprintf("https://www.youtube.com/watch?v=%s", id), what = "Video on YouTube";
	} else if (S_eq(base, bl, "vimeo")) {
		char *v = S_sc_arg(sc, "id", 0);
		id = S_idpart(v);
		free(v);
		if (id)
			url = xasprintf("https://vimeo.com/%s", id), what = "Video on Vimeo";
	} else if (S_eq(base, bl, "tweet") || S_eq(base, bl, "twitter") || S_eq(base, bl, "x")) {
		char *u = S_sc_arg(sc, "user", -1), *v = S_sc_arg(sc, "id", -1);
		if (!v) {
			char *p0 = S_sc_arg(sc, NULL, 0), *p1 = S_sc_arg(sc, NULL, 1);
			if (p1) {
				free(u);
				u = p0;
				v = p1;
			} else {
				v = p0;
			}
		}
		id = S_idpart(v);
		user = S_idpart(u);
		free(u);
		free(v);
		if (id)
			url = user ? xasprintf("https://twitter.com/%s/status/%s", user, id)
				   : xasprintf("https://twitter.com/i/status/%s", id),
			what = "Post on X (Twitter)";
	} else if (S_eq(base, bl, "gist")) {
		char *u = S_sc_arg(sc, "user", 0), *v = S_sc_arg(sc, "id", 1);
		user = S_idpart(u);
		id = S_idpart(v);
		free(u);
		free(v);
		if (user && id)
			url = xasprintf("https://gist.github.com/%s/%s", user, id), what = "Gist on GitHub";
	} else if (S_eq(base, bl, "instagram")) {
		char *v = S_sc_arg(sc, "id", 0);
		id = S_idpart(v);
		free(v);
		if (id)
			url = xasprintf("https://www.instagram.com/p/%s/", id), what = "Post on Instagram";
	}
	if (url)
		S_embed_md_link(o, what, url);
	bool ok = url != NULL;
	free(url);
	free(id);
	free(user);
	return ok;
}

/* Themes' image shortcodes (`img`, `image`, Docsy's `imgproc NAME Fill
 * "400x300"`) show one picture like `figure` does; the name may be a page
 * resource's name without its extension, which the book stage finds. */
static bool S_is_image_shortcode(const struct S_sc *sc)
{
	if (!S_eq(sc->name, sc->nl, "img") && !S_eq(sc->name, sc->nl, "image") &&
	    !S_eq(sc->name, sc->nl, "imgproc"))
		return false;
	char *src = S_sc_arg(sc, "src", 0);
	bool ok = src && *src;
	free(src);
	return ok;
}

static size_t S_hugo_figure(struct S_inl *x, size_t i, const struct S_sc *sc)
{
	char *src = S_sc_arg(sc, "src", 0), *alt = S_sc_arg(sc, "alt", -1);
	char *caption = S_sc_arg(sc, "caption", -1), *title = S_sc_arg(sc, "title", -1);
	char *link = S_sc_arg(sc, "link", -1), *attr = S_sc_arg(sc, "attr", -1);
	char *attrlink = S_sc_arg(sc, "attrlink", -1);
	char *width = S_sc_arg(sc, "width", -1), *height = S_sc_arg(sc, "height", -1);
	struct strbuf img = STRBUF_INIT, blk = STRBUF_INIT;
	if (src) {
		if (link) {
			sb_adds(&img, "<a href=\"");
			S_esc(&img, link, strlen(link));
			sb_adds(&img, "\">");
		}
		sb_adds(&img, "<img src=\"");
		S_esc(&img, src, strlen(src));
		sb_adds(&img, "\" alt=\"");
		const char *a = alt ? alt : caption ? caption : title ? title : "";
		S_esc(&img, a, strlen(a));
		sb_addc(&img, '"');
		if (width && *width && strspn(width, "0123456789") == strlen(width))
			sb_addf(&img, " width=\"%s\"", width);
		if (height && *height && strspn(height, "0123456789") == strlen(height))
			sb_addf(&img, " height=\"%s\"", height);
		sb_adds(&img, " />");
		if (link)
			sb_adds(&img, "</a>");
	}
	size_t ls, after, used;
	if (S_alone(x, i, sc->end, &ls, &after)) {
		sb_adds(&blk, "<figure>\n");
		if (img.len) {
			sb_add(&blk, img.s, img.len);
			sb_addc(&blk, '\n');
		}
		if (title || caption || attr) {
			sb_adds(&blk, "<figcaption>\n");
			if (title) {
				sb_adds(&blk, "<p><strong>");
				S_esc(&blk, title, strlen(title));
				sb_adds(&blk, "</strong></p>\n");
			}
			if (caption || attr) {
				sb_addc(&blk, '\n');
				for (const char *c = caption; c && *c; c++)
					sb_addc(&blk, *c == '\n' || *c == '\r' ? ' ' : *c);
				if (attr) {
					if (caption)
						sb_addc(&blk, ' ');
					if (attrlink)
						sb_addc(&blk, '[');
					S_md_literal(&blk, attr, strlen(attr));
					if (attrlink) {
						sb_adds(&blk, "](");
						S_url(&blk, attrlink, strlen(attrlink));
						sb_addc(&blk, ')');
					}
				}
				sb_adds(&blk, "\n\n");
			}
			sb_adds(&blk, "</figcaption>\n");
		}
		sb_adds(&blk, "</figure>");
		used = S_put_block(x, i, sc->end, blk.s, blk.len, false);
	} else {
		if (img.len)
			sb_add(x->out, img.s, img.len);
		if (caption) {
			sb_addc(x->out, ' ');
			for (const char *c = caption; *c; c++)
				sb_addc(x->out, *c == '\n' || *c == '\r' ? ' ' : *c);
		}
		used = sc->end - i;
	}
	sb_release(&img);
	sb_release(&blk);
	free(src);
	free(alt);
	free(caption);
	free(title);
	free(link);
	free(attr);
	free(attrlink);
	free(width);
	free(height);
	return used;
}

/* Hugo shortcodes. */
static size_t S_hugo(struct S_inl *x, size_t i)
{
	struct S_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n;
	char kind = s[i + 2];
	if (S_at(s, n, i + 3, "/*")) {
		/* An escaped shortcode: shown as the plain one, escaped for
		 * Markdown so that nothing reads it again. */
		size_t e = S_cached(&x->c[kind == '<' ? C_HESC_A : C_HESC_P], s, n, i + 5, S_find_lit,
				    kind == '<' ? "*/>}}" : "*/%}}");
		if (e == S_NONE)
			return 0;
		sb_adds(x->out, kind == '<' ? "{{\\<" : "{{\\%");
		S_md_literal(x->out, s + i + 5, e - i - 5);
		sb_adds(x->out, kind == '<' ? "\\>}}" : "\\%}}");
		return e + 5 - i;
	}
	struct S_sc sc;
	if (!S_hugo_parse(s, n, i, &sc))
		return 0;
	const char *name = sc.name;
	size_t nl = sc.nl;
	int line = S_inl_line(x, i);
	char *qname = S_quote(name, nl);
	size_t used = sc.end - i;
	if (nl > 7 && S_eq(name + nl - 7, 7, ".inline")) {
		/* An inline shortcode is a template: its {{ actions }} go, its
		 * text stays. */
		if (sc.closing) {
			if (st->hugo_tmpl > 0)
				st->hugo_tmpl--;
		} else if (!sc.selfclose) {
			st->hugo_tmpl++;
			char *key = xasprintf("hugo:%s", qname);
			S_warn(st, line, key,
			       "Hugo inline shortcode '%s' is a template sheaf does not run: its template actions are left out, its text kept",
			       qname);
			free(key);
		}
	} else if (S_is_callout(name, nl)) {
		if (sc.closing) {
			if (st->callouts > 0) {
				st->callouts--;
				used = S_put_block(x, i, sc.end, "</div>", 6, true);
			}
		} else if (!sc.selfclose) {
			char *type = S_sc_arg(&sc, "color", -1);
			if (!type)
				type = S_sc_arg(&sc, "type", -1);
			if (!type && (S_eq(name, nl, "notice") || S_eq(name, nl, "admonition") || S_eq(name, nl, "callout")))
				type = S_sc_arg(&sc, NULL, 0);
			char *title = S_sc_arg(&sc, "title", -1);
			if (!title)
				title = S_sc_arg(&sc, "summary", -1);
			if (!title && S_eq(name, nl, "notice"))
				title = S_sc_arg(&sc, NULL, 1);
			struct strbuf h = STRBUF_INIT;
			sb_adds(&h, "<div class=\"admonition ");
			const char *ty = type && *type ? type : name;
			for (const char *c = ty; *c && c - ty < 40; c++)
				if (S_ident(*c) && (type || c - ty < (ptrdiff_t)nl))
					sb_addc(&h, *c);
			sb_adds(&h, "\">");
			if (title && *title) {
				sb_adds(&h, "\n<p class=\"admonition-title\">");
				S_title_html(st, &h, title, strlen(title), line);
				sb_adds(&h, "</p>");
			}
			used = S_put_block(x, i, sc.end, h.s, h.len, false);
			st->callouts++;
			sb_release(&h);
			free(type);
			free(title);
		}
	} else if (sc.closing) {
		/* The end of a pair: its opening tag said what was needed. */
	} else if (S_eq(name, nl, "figure") || S_is_image_shortcode(&sc)) {
		used = S_hugo_figure(x, i, &sc);
	} else if (S_eq(name, nl, "ref") || S_eq(name, nl, "relref")) {
		char *path = S_sc_arg(&sc, "path", 0);
		if (path)
			S_ref(st, x->out, path, strlen(path), false);
		free(path);
	} else if (S_eq(name, nl, "highlight")) {
		size_t cp = sc.selfclose ? S_NONE
					 : S_cached(&x->c[C_HUGOHL], s, n, sc.end, S_find_hugo_close, "highlight");
		if (cp != S_NONE) {
			S_code_span(x->out, s + sc.end, cp - sc.end);
			used = S_hugo_close_end(s, n, cp, "highlight") - i;
		} else {
			S_warn(st, line, "hugo-highlight",
			       "Hugo shortcode 'highlight' without its closing {{< /highlight >}}: the tag is left out");
		}
	} else if (S_eq(name, nl, "param")) {
		char *p = S_sc_arg(&sc, "name", 0);
		char *qp = p ? S_quote(p, strlen(p)) : xstrdup("");
		char *key = xasprintf("hugo-param:%s", qp);
		S_warn(st, line, key,
		       "Hugo shortcode 'param' (%s): page and site parameters are not known to sheaf, the value is left out",
		       qp);
		free(key);
		free(qp);
		free(p);
	} else {
		size_t bl = nl;
		if (nl > 7 && S_eq(name + nl - 7, 7, "_simple"))
			bl = nl - 7;
		struct strbuf link = STRBUF_INIT;
		if (S_embed_link(&sc, name, bl, &link)) {
			size_t ls, after;
			if (S_alone(x, i, sc.end, &ls, &after))
				used = S_put_block(x, i, sc.end, link.s, link.len, true);
			else
				sb_add(x->out, link.s, link.len);
		} else {
			char *key = xasprintf("hugo:%s", qname);
			S_warn(st, line, key,
			       "unknown Hugo shortcode '%s': its tags are left out and what it encloses is kept", qname);
			free(key);
		}
		sb_release(&link);
	}
	free(qname);
	return used;
}

/* A Go template action inside a Hugo inline shortcode: left out. */
static size_t S_go_action(struct S_inl *x, size_t i)
{
	size_t e = S_cached(&x->c[C_GO], x->s, x->n, i + 2, S_find_lit, "}}");
	return e == S_NONE ? 0 : e + 2 - i;
}

/* Jekyll's relative_url: the site's baseurl before a site path. */
static char *S_relative_url(const char *baseurl, const char *path)
{
	if (strstr(path, "://") || str_starts_with(path, "//"))
		return xstrdup(path);
	const char *b = baseurl ? baseurl : "";
	size_t bl = strlen(b);
	while (bl && b[bl - 1] == '/')
		bl--;
	return xasprintf("%.*s%s%s", (int)bl, b, path[0] == '/' ? "" : "/", path);
}

/* The value of a Liquid expression sheaf knows, or NULL. */
static char *S_liquid_value(struct S_state *st, const char *e, size_t el)
{
	char *val = NULL;
	size_t i = 0;
	bool first = true;
	while (i <= el) {
		/* One part between '|' (outside quotes). */
		size_t b = i;
		char q = 0;
		while (i < el && (q || e[i] != '|')) {
			if (q && e[i] == q)
				q = 0;
			else if (!q && (e[i] == '"' || e[i] == '\''))
				q = e[i];
			i++;
		}
		const char *p = e + b;
		size_t pl = i - b;
		S_trim(&p, &pl);
		i++;
		const char *arg = NULL;
		size_t al = 0;
		if (!first) {
			const char *colon = memchr(p, ':', pl);
			if (colon) {
				arg = colon + 1;
				al = pl - (size_t)(arg - p);
				pl = (size_t)(colon - p);
				S_trim(&p, &pl);
				S_trim(&arg, &al);
			}
		}
		const char *v = first ? p : arg;
		size_t vl = first ? pl : al;
		char *lit = NULL;
		if (v && vl >= 2 && (v[0] == '"' || v[0] == '\'') && v[vl - 1] == v[0])
			lit = xstrndup(v + 1, vl - 2);
		else if (v && S_eq(v, vl, "site.baseurl"))
			lit = xstrdup(S_ctx_str(st, 3) ? S_ctx_str(st, 3) : "");
		else if (v && S_eq(v, vl, "site.url"))
			lit = xstrdup(S_ctx_str(st, 2) ? S_ctx_str(st, 2) : "");
		char *nv = NULL;
		if (first) {
			nv = lit;
			lit = NULL;
		} else if (S_eq(p, pl, "relative_url") && !arg) {
			nv = S_relative_url(S_ctx_str(st, 3), val);
		} else if (S_eq(p, pl, "absolute_url") && !arg) {
			char *rel = S_relative_url(S_ctx_str(st, 3), val);
			const char *u = S_ctx_str(st, 2) ? S_ctx_str(st, 2) : "";
			size_t ul = strlen(u);
			while (ul && u[ul - 1] == '/')
				ul--;
			nv = strstr(rel, "://") ? xstrdup(rel) : xasprintf("%.*s%s", (int)ul, u, rel);
			free(rel);
		} else if (S_eq(p, pl, "prepend") && lit) {
			nv = xasprintf("%s%s", lit, val);
		} else if (S_eq(p, pl, "append") && lit) {
			nv = xasprintf("%s%s", val, lit);
		}
		free(lit);
		free(val);
		val = nv;
		if (!val)
			return NULL;
		first = false;
		if (i > el)
			break;
	}
	return val;
}

/* Where the closer of the construct opened at i lies (`}}`, `%}`), or
 * S_NONE when there is none before the next opener: an unclosed construct
 * is text. */
static size_t S_closer(struct S_inl *x, size_t i, int close_cache, const char *closer,
		       int open_cache, const char *opener)
{
	size_t close = S_cached(&x->c[close_cache], x->s, x->n, i + 2, S_find_lit, closer);
	if (close == S_NONE)
		return S_NONE;
	size_t open = S_cached(&x->c[open_cache], x->s, x->n, i + 2, S_find_lit, opener);
	return open != S_NONE && open < close ? S_NONE : close;
}

/* Liquid and Nunjucks outputs: {{ site.baseurl }} and the like. */
static size_t S_lout(struct S_inl *x, size_t i)
{
	struct S_state *st = x->st;
	const char *s = x->s;
	size_t close = S_closer(x, i, C_OCLOSE, "}}", C_OOPEN, "{{");
	if (close == S_NONE)
		return 0;
	const char *e = s + i + 2;
	size_t el = close - i - 2;
	S_trim(&e, &el);
	if (el && e[0] == '-') {
		e++;
		el--;
	}
	if (el && e[el - 1] == '-')
		el--;
	S_trim(&e, &el);
	if (!el)
		return 0;
	char *v = (st->d & DIALECT_LIQUID) ? S_liquid_value(st, e, el) : NULL;
	if (v) {
		sb_adds(x->out, v);
		free(v);
	} else {
		size_t w = 0;
		while (w < el && !S_wsnl(e[w]) && e[w] != '|')
			w++;
		char *qe = S_quote(e, w);
		char *key = xasprintf("out:%s", qe);
		S_warn(st, S_inl_line(x, i), key, "%s value '{{ %s }}' is not known to sheaf: left out",
		       (st->d & DIALECT_LIQUID) ? "Liquid" : "Nunjucks", qe);
		free(key);
		free(qe);
	}
	return close + 2 - i;
}

/* Liquid and Nunjucks tags. */
static size_t S_ltag(struct S_inl *x, size_t i)
{
	struct S_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n;
	size_t close = S_closer(x, i, C_LCLOSE, "%}", C_LOPEN, "{%");
	if (close == S_NONE)
		return 0;
	const char *nm;
	size_t nl, after;
	if (!S_ltag_name(s, n, i, &nm, &nl, &after) || after > close)
		return 0;
	const char *args = s + after;
	size_t al = close - after;
	if (al && args[al - 1] == '-')
		al--;
	S_trim(&args, &al);
	size_t end = close + 2;
	bool liquid = (st->d & DIALECT_LIQUID) != 0;
	const char *lang = liquid ? "Liquid" : "Nunjucks";
	int line = S_inl_line(x, i);
	if (S_eq(nm, nl, "raw")) {
		st->raw = true;
	} else if (S_eq(nm, nl, "comment")) {
		size_t cp = S_cached(&x->c[C_ENDCOMMENT], s, n, end, S_find_end_tag, "endcomment");
		if (cp != S_NONE)
			end = S_end_tag_end(s, n, cp);
	} else if (S_eq(nm, nl, "highlight")) {
		size_t cp = S_cached(&x->c[C_ENDHL], s, n, end, S_find_end_tag, "endhighlight");
		if (cp != S_NONE) {
			S_code_span(x->out, s + end, cp - end);
			end = S_end_tag_end(s, n, cp);
		} else {
			S_warn(st, line, "ltag-highlight",
			       "'{%% highlight %%}' without its '{%% endhighlight %%}': the tag is left out");
		}
	} else if (liquid && (S_eq(nm, nl, "post_url") || S_eq(nm, nl, "link"))) {
		S_ref(st, x->out, args, al, S_eq(nm, nl, "link"));
	} else if (S_eq(nm, nl, "include") || S_eq(nm, nl, "include_relative") ||
		   S_eq(nm, nl, "include_cached") || S_eq(nm, nl, "render") || S_eq(nm, nl, "import") ||
		   S_eq(nm, nl, "extends") || S_eq(nm, nl, "from")) {
		char *qa = S_quote(args, al), *qn = S_quote(nm, nl);
		char *key = xasprintf("include:%s %s", qn, qa);
		S_warn(st, line, key, "'{%% %s %s %%}' is not run by sheaf: left out", qn, qa);
		free(key);
		free(qa);
		free(qn);
	} else if (!(nl > 3 && S_at(nm, nl, 0, "end")) && !S_eq(nm, nl, "else") && !S_eq(nm, nl, "elsif") &&
		   !S_eq(nm, nl, "elif") && !S_eq(nm, nl, "elseif") && !S_eq(nm, nl, "when") &&
		   !S_eq(nm, nl, "assign") && !S_eq(nm, nl, "set") && !S_eq(nm, nl, "break") &&
		   !S_eq(nm, nl, "continue") && !S_eq(nm, nl, "endraw")) {
		char *qn = S_quote(nm, nl);
		char *key = xasprintf("ltag:%s", qn);
		S_warn(st, line, key,
		       "%s tag '{%% %s %%}' is not run by sheaf: the tag is left out, what it encloses is kept",
		       lang, qn);
		free(key);
		free(qn);
	}
	return end - i;
}

/* Inside {% raw %}: copied as it is up to {% endraw %}. */
static size_t S_raw_text(struct S_inl *x, size_t i)
{
	size_t p = S_cached(&x->c[C_ENDRAW], x->s, x->n, i, S_find_end_tag, "endraw");
	if (p == S_NONE) {
		sb_add(x->out, x->s + i, x->n - i);
		return x->n;
	}
	sb_add(x->out, x->s + i, p - i);
	x->st->raw = false;
	x->barrier = x->out->len;
	return S_end_tag_end(x->s, x->n, p);
}

/* `![alt](src)` just written, followed by an attribute list with a size
 * or id: made an <img> element carrying them. */
static void S_img_attrs(struct S_inl *x, const struct S_attrs *a)
{
	struct strbuf *o = x->out;
	size_t e = o->len, lo = x->barrier, k, m;
	if (e < lo + 5 || o->s[e - 1] != ')')
		return;
	int depth = 0;
	for (k = e; k-- > lo;) {
		char c = o->s[k];
		if (c == '\n' || c == '<')
			return;
		if (c == ')')
			depth++;
		else if (c == '(' && --depth == 0)
			break;
		if (k == lo)
			return;
	}
	if (k <= lo || o->s[k - 1] != ']')
		return;
	depth = 0;
	for (m = k - 1;; m--) {
		char c = o->s[m];
		if (c == '\n')
			return;
		if (c == ']')
			depth++;
		else if (c == '[' && --depth == 0)
			break;
		if (m == lo)
			return;
	}
	if (m <= lo || o->s[m - 1] != '!')
		return;
	const char *alt = o->s + m + 1;
	size_t altl = k - 1 - (m + 1);
	const char *d = o->s + k + 1;
	size_t dl = e - 1 - (k + 1);
	S_trim(&d, &dl);
	const char *src = d;
	size_t sl = 0;
	if (dl && d[0] == '<') {
		const char *gt = memchr(d, '>', dl);
		if (!gt)
			return;
		src = d + 1;
		sl = (size_t)(gt - d) - 1;
	} else {
		while (sl < dl && !S_wsnl(d[sl]))
			sl++;
	}
	if (!sl)
		return;
	struct strbuf h = STRBUF_INIT;
	sb_adds(&h, "<img src=\"");
	S_esc(&h, src, sl);
	sb_adds(&h, "\" alt=\"");
	struct strbuf plain = STRBUF_INIT;
	for (size_t i = 0; i < altl; i++) {
		if (alt[i] == '\\' && i + 1 < altl && ispunct((unsigned char)alt[i + 1]))
			i++;
		else if (alt[i] == '*' || alt[i] == '`')
			continue;
		sb_addc(&plain, alt[i]);
	}
	if (plain.len)
		S_esc(&h, plain.s, plain.len);
	sb_release(&plain);
	sb_addc(&h, '"');
	if (a->width && a->wl && strspn(a->width, "0123456789") >= a->wl) {
		sb_adds(&h, " width=\"");
		sb_add(&h, a->width, a->wl);
		sb_addc(&h, '"');
	}
	if (a->height && a->hl && strspn(a->height, "0123456789") >= a->hl) {
		sb_adds(&h, " height=\"");
		sb_add(&h, a->height, a->hl);
		sb_addc(&h, '"');
	}
	if (a->id && a->idl) {
		sb_adds(&h, " id=\"");
		S_esc(&h, a->id, a->idl);
		sb_addc(&h, '"');
	}
	if (a->cls && a->cl) {
		sb_adds(&h, " class=\"");
		S_esc(&h, a->cls, a->cl);
		sb_addc(&h, '"');
	}
	sb_adds(&h, " />");
	o->len = m - 1;
	sb_add(o, h.s, h.len);
	sb_release(&h);
}

/* Attribute lists: kramdown `{: …}` and `{::…}`, attr_list `{ … }` after
 * an inline element or at the end of a line. Never printed. */
static size_t S_attr(struct S_inl *x, size_t i)
{
	struct S_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n, k = i + 1;
	unsigned d = st->d;
	while (k < n && s[k] != '}' && s[k] != '\n' && s[k] != '{')
		k++;
	if (k >= n || s[k] != '}')
		return 0;
	const char *in = s + i + 1;
	size_t il = k - i - 1, end = k + 1;
	bool colon = il && in[0] == ':';
	if (colon && !(d & (DIALECT_LIQUID | DIALECT_MKDOCS)))
		return 0;
	if (colon && il >= 2 && (in[1] == ':' || in[1] == '/')) {
		if (!(d & DIALECT_LIQUID))
			return 0;
		if (S_at(in, il, 0, "::comment")) {
			size_t cp = S_cached(&x->c[C_KD], s, n, end, S_find_lit, "{:/");
			if (cp != S_NONE) {
				const char *cb = memchr(s + cp, '}', n - cp);
				end = cb ? (size_t)(cb - s) + 1 : n;
			}
		}
		x->barrier = x->out->len;
		return end - i;
	}
	struct strbuf *o = x->out;
	char prev = o->len ? o->s[o->len - 1] : '\n';
	bool after_inline = prev == ')' || prev == ']' || prev == '*' || prev == '_' || prev == '`' || prev == '>';
	size_t j = end;
	while (j < n && (S_sp(s[j]) || s[j] == '\r'))
		j++;
	bool at_eol = j >= n || s[j] == '\n';
	bool after_space = i > 0 && S_sp(s[i - 1]);
	struct S_attrs a;
	if (colon) {
		if (!S_attrs_parse(in, il, true, &a))
			return 0;
	} else {
		if (!(after_inline || (after_space && at_eol)))
			return 0;
		if (!S_attrs_parse(in, il, after_inline && (d & DIALECT_MKDOCS), &a))
			return 0;
		if (!(d & DIALECT_MKDOCS)) {
			/* Heading ids alone: only at the end of a heading line. */
			size_t b = i;
			while (b > 0 && s[b - 1] != '\n')
				b--;
			while (b < i && (S_sp(s[b]) || s[b] == '>'))
				b++;
			if (!at_eol || !a.id || s[b] != '#')
				return 0;
		}
	}
	if (prev == ')' && (a.width || a.height || a.id || a.cls))
		S_img_attrs(x, &a);
	else if (after_space && at_eol && !after_inline)
		while (o->len && S_sp(o->s[o->len - 1]))
			o->s[--o->len] = '\0';
	x->barrier = o->len;
	return end - i;
}

/* Zola shortcodes: `{{ name(key=value, ...) }}` and, with a body,
 * `{% name(...) %}` … `{% end %}`. A call written between the comment
 * marks (slash-star after the opener, star-slash before the closer) is
 * printed as written, without them. The scan stops at the end of the line, at the next
 * `{{` or `{%`, or after S_ZOLA_MAX bytes, so trying every opener of a
 * post stays linear. */
#define S_ZOLA_MAX 1024

static size_t S_zola_stop(const char *s, size_t n, size_t from)
{
	size_t lim = from + S_ZOLA_MAX < n ? from + S_ZOLA_MAX : n;
	for (size_t k = from; k < lim; k++)
		if (s[k] == '\n' || (s[k] == '{' && k + 1 < n && (s[k + 1] == '{' || s[k + 1] == '%')))
			return k;
	return lim;
}

/* Parses the call after the opener at s[i] ("{{" or "{%") into sc (name
 * and key=value arguments pointing into s); sc->end is after the closer. */
static bool S_zola_parse(const char *s, size_t n, size_t i, struct S_sc *sc)
{
	char kind = s[i + 1];
	size_t stop = S_zola_stop(s, n, i + 2), k = i + 2;
	sc->na = 0;
	sc->closing = sc->selfclose = false;
	sc->kind = kind;
	while (k < stop && S_sp(s[k]))
		k++;
	size_t nb = k;
	while (k < stop && (S_alnum(s[k]) || s[k] == '_'))
		k++;
	if (k == nb)
		return false;
	sc->name = s + nb;
	sc->nl = k - nb;
	if (kind == '%' && S_eq(sc->name, sc->nl, "end")) {
		sc->closing = true;
	} else {
		if (k >= stop || s[k] != '(')
			return false;
		k++;
		for (;;) {
			while (k < stop && (S_sp(s[k]) || s[k] == ','))
				k++;
			if (k >= stop)
				return false;
			if (s[k] == ')') {
				k++;
				break;
			}
			if (sc->na == S_MAX_ARGS)
				return false;
			struct S_arg *a = &sc->a[sc->na];
			memset(a, 0, sizeof *a);
			size_t kb = k;
			while (k < stop && (S_alnum(s[k]) || s[k] == '_'))
				k++;
			if (k == kb)
				return false;
			a->key = s + kb;
			a->kl = k - kb;
			while (k < stop && S_sp(s[k]))
				k++;
			if (k >= stop || s[k] != '=')
				return false;
			k++;
			while (k < stop && S_sp(s[k]))
				k++;
			if (k >= stop)
				return false;
			if (s[k] == '"' || s[k] == '\'' || s[k] == '`' || s[k] == '[') {
				char q = s[k] == '[' ? ']' : s[k];
				size_t vb = ++k;
				while (k < stop && s[k] != q)
					k++;
				if (k >= stop)
					return false;
				a->val = s + vb;
				a->vl = k - vb;
				k++;
			} else {
				size_t vb = k;
				while (k < stop && !S_sp(s[k]) && s[k] != ',' && s[k] != ')')
					k++;
				a->val = s + vb;
				a->vl = k - vb;
			}
			sc->na++;
		}
	}
	while (k < stop && S_sp(s[k]))
		k++;
	const char *close = kind == '{' ? "}}" : "%}";
	if (k + 2 > n || !S_at(s, n, k, close))
		return false;
	sc->end = k + 2;
	return true;
}

/* A URL that can go into a Markdown link as it is. */
static bool S_zola_url(const char *u)
{
	if (!str_starts_with(u, "https://") && !str_starts_with(u, "http://"))
		return false;
	for (const char *c = u; *c; c++)
		if ((unsigned char)*c <= ' ' || strchr("()<>\"\\", *c))
			return false;
	return true;
}

static size_t S_zola(struct S_inl *x, size_t i)
{
	struct S_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n;
	char kind = s[i + 1];
	if (S_at(s, n, i + 2, "/*")) {
		const char *close = kind == '{' ? "*/}}" : "*/%}";
		size_t stop = S_zola_stop(s, n, i + 4);
		for (size_t k = i + 4; k < stop; k++)
			if (S_at(s, n, k, close)) {
				/* Printed as written, without the comment marks, and
				 * escaped for Markdown so that nothing reads it again. */
				char open[3] = {'{', kind, '\0'}, close_[3] = {kind == '{' ? '}' : '%', '}', '\0'};
				S_md_literal(x->out, open, 2);
				S_md_literal(x->out, s + i + 4, k - (i + 4));
				S_md_literal(x->out, close_, 2);
				return k + 4 - i;
			}
		return 0;
	}
	struct S_sc sc;
	if (!S_zola_parse(s, n, i, &sc))
		return 0;
	int line = S_inl_line(x, i);
	size_t used = sc.end - i;
	if (sc.closing) {
		if (st->zola_blocks == 0)
			return 0; /* not ours: kept as text */
		st->zola_blocks--;
		return used;
	}
	char *qname = S_quote(sc.name, sc.nl);
	char *key = xasprintf("zola:%s", qname);
	if (kind == '%') {
		st->zola_blocks++;
		S_warn(st, line, key,
		       "Zola shortcode '%s' with a body is a template sheaf does not run: its tags are left out and its body kept",
		       qname);
	} else {
		struct strbuf link = STRBUF_INIT;
		char *url = S_sc_arg(&sc, "url", -1), *id = S_sc_arg(&sc, "id", -1);
		bool made = false;
		if (S_eq(sc.name, sc.nl, "gist") && url && S_zola_url(url)) {
			S_embed_md_link(&link, "Gist on GitHub", url);
			made = true;
		} else if (S_eq(sc.name, sc.nl, "streamable") && id && *id &&
			   strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(id)) {
			char *u = xasprintf("https://streamable.com/%s", id);
			S_embed_md_link(&link, "Video on Streamable", u);
			free(u);
			made = true;
		} else {
			made = S_embed_link(&sc, sc.name, sc.nl, &link);
		}
		if (made) {
			size_t ls, after;
			if (S_alone(x, i, sc.end, &ls, &after))
				used = S_put_block(x, i, sc.end, link.s, link.len, true);
			else
				sb_add(x->out, link.s, link.len);
		} else {
			S_warn(st, line, key, "unknown Zola shortcode '%s': left out", qname);
		}
		free(url);
		free(id);
		sb_release(&link);
	}
	free(key);
	free(qname);
	return used;
}

static size_t S_brace(struct S_inl *x, size_t i)
{
	struct S_state *st = x->st;
	const char *s = x->s;
	size_t n = x->n, a;
	unsigned d = st->d;
	char c1 = i + 1 < n ? s[i + 1] : 0, c2 = i + 2 < n ? s[i + 2] : 0;
	if ((d & DIALECT_HUGO) && c1 == '{' && (c2 == '<' || c2 == '%') && (a = S_hugo(x, i)))
		return a;
	if ((d & DIALECT_ZOLA) && (c1 == '{' || c1 == '%') && (a = S_zola(x, i)))
		return a;
	if ((d & DIALECT_HUGO) && st->hugo_tmpl > 0 && c1 == '{' && (a = S_go_action(x, i)))
		return a;
	if ((d & (DIALECT_LIQUID | DIALECT_NUNJUCKS)) && c1 == '%' && (a = S_ltag(x, i)))
		return a;
	if ((d & (DIALECT_LIQUID | DIALECT_NUNJUCKS)) && c1 == '{' && (a = S_lout(x, i)))
		return a;
	if ((d & DIALECT_NUNJUCKS) && c1 == '#') {
		size_t e = S_cached(&x->c[C_NJK], s, n, i + 2, S_find_lit, "#}");
		if (e != S_NONE)
			return e + 2 - i;
	}
	if ((d & (DIALECT_LIQUID | DIALECT_MKDOCS | DIALECT_HEADING_IDS)) && !x->in_tag && (a = S_attr(x, i)))
		return a;
	return 0;
}

/* Math: a span, or a block when alone on its lines. */
static size_t S_math_out(struct S_inl *x, size_t b, size_t e, const char *tex, size_t tl, bool display)
{
	struct strbuf h = STRBUF_INIT;
	size_t ls, after, used;
	if (display && S_alone(x, b, e, &ls, &after)) {
		sb_adds(&h, "<div class=\"math\">");
		S_tex(&h, tex, tl);
		sb_adds(&h, "</div>");
		used = S_put_block(x, b, e, h.s, h.len, false);
	} else {
		sb_adds(x->out, display ? "<span class=\"math display\">" : "<span class=\"math\">");
		S_tex(x->out, tex, tl);
		sb_adds(x->out, "</span>");
		used = e - b;
	}
	sb_release(&h);
	return used;
}

static size_t S_find_dollar(const char *s, size_t n, size_t from, const void *arg)
{
	(void)arg;
	for (size_t k = from; k < n; k++) {
		const char *q = memchr(s + k, '$', n - k);
		if (!q)
			return S_NONE;
		k = (size_t)(q - s);
		if (k == 0 || s[k - 1] != '\\')
			return k;
	}
	return S_NONE;
}

static size_t S_dollar(struct S_inl *x, size_t i)
{
	const char *s = x->s;
	size_t n = x->n;
	if (i + 1 < n && s[i + 1] == '$') {
		size_t e = S_cached(&x->c[C_DD], s, n, i + 2, S_find_lit, "$$");
		if (e == S_NONE || S_is_blank(s + i + 2, e - i - 2)) {
			sb_adds(x->out, "$$");
			return 2;
		}
		return S_math_out(x, i, e + 2, s + i + 2, e - i - 2, true);
	}
	if (i + 1 >= n || S_wsnl(s[i + 1]))
		return 0;
	size_t e = S_cached(&x->c[C_DOLLAR], s, n, i + 1, S_find_dollar, NULL);
	if (e == S_NONE || e == i + 1 || S_wsnl(s[e - 1]) || (e + 1 < n && isdigit((unsigned char)s[e + 1])) ||
	    (e + 1 < n && s[e + 1] == '$'))
		return 0;
	return S_math_out(x, i, e + 1, s + i + 1, e - i - 1, false);
}

/* TeX rather than prose: a command, a script, a brace or an operator, or
 * a symbol or two. */
static bool S_texish(const char *s, size_t n)
{
	const char *t = s;
	size_t tl = n;
	S_trim(&t, &tl);
	if (tl <= 2 && (S_alnum(t[0]) || (tl == 2 && S_alnum(t[1]))))
		return true;
	for (size_t i = 0; i < n; i++)
		if (strchr("\\^_={}+<>|", s[i]) && s[i])
			return true;
	return false;
}

static size_t S_backslash(struct S_inl *x, size_t i)
{
	const char *s = x->s;
	size_t n = x->n;
	if (i + 1 >= n)
		return 0;
	char c = s[i + 1];
	if ((x->st->d & DIALECT_MATH) && !x->in_tag && (c == '(' || c == '[')) {
		bool disp = c == '[';
		size_t e = S_cached(&x->c[disp ? C_BRACK : C_PAREN], s, n, i + 2, S_find_lit, disp ? "\\]" : "\\)");
		size_t ls, after;
		/* `\[…\]` inside a line is also Markdown's escaped brackets
		 * ("\[sic\]"): math only when it reads as TeX. */
		if (e != S_NONE && e > i + 2 && !S_is_blank(s + i + 2, e - i - 2) &&
		    (!disp || S_alone(x, i, e + 2, &ls, &after) || S_texish(s + i + 2, e - i - 2)))
			return S_math_out(x, i, e + 2, s + i + 2, e - i - 2, disp);
	}
	if (c == '\\' || c == '`' || c == '$') {
		sb_add(x->out, s + i, 2);
		return 2;
	}
	return 0;
}

static size_t S_colon(struct S_inl *x, size_t i)
{
	const char *s = x->s;
	size_t n = x->n, k = i + 1;
	while (k < n && k - i <= 64 && (S_alnum(s[k]) || s[k] == '_' || s[k] == '+' || s[k] == '-'))
		k++;
	if (k >= n || s[k] != ':' || k == i + 1)
		return 0;
	const char *e = S_emoji(s + i + 1, k - i - 1);
	if (e) {
		sb_adds(x->out, e);
		return k + 1 - i;
	}
	if ((x->st->d & DIALECT_MKDOCS) && S_icon(s + i + 1, k - i - 1))
		return k + 1 - i;
	return 0;
}

/* HTML: comments, scripts and styles are copied untouched, <pre> and
 * <code> as code; inside a tag no math, emoji or attribute lists. */
static size_t S_angle(struct S_inl *x, size_t i)
{
	const char *s = x->s;
	size_t n = x->n;
	if (S_at(s, n, i, "<!--")) {
		size_t e = S_cached(&x->c[C_HCOMMENT], s, n, i + 4, S_find_lit, "-->");
		if (e == S_NONE)
			return 0;
		sb_add(x->out, s + i, e + 3 - i);
		return e + 3 - i;
	}
	if (i + 1 >= n || !(isalpha((unsigned char)s[i + 1]) || s[i + 1] == '/'))
		return 0;
	static const struct {
		const char *open, *close;
		int cache;
		bool code;
	} raw[] = {{"script", "</script", C_SCRIPT, false},
		   {"style", "</style", C_STYLE, false},
		   {"pre", "</pre", C_PRE, true},
		   {"code", "</code", C_CODE, true}};
	for (size_t r = 0; r < sizeof raw / sizeof *raw; r++) {
		size_t l = strlen(raw[r].open);
		if (i + 1 + l >= n || !S_ieq(s + i + 1, l, raw[r].open) ||
		    !(S_wsnl(s[i + 1 + l]) || s[i + 1 + l] == '>'))
			continue;
		size_t e = S_cached(&x->c[raw[r].cache], s, n, i + 1 + l, S_find_ci, raw[r].close);
		if (e == S_NONE)
			break;
		const char *gt = memchr(s + e, '>', n - e);
		size_t ce = gt ? (size_t)(gt - s) + 1 : n;
		if (raw[r].code) {
			const char *ot = memchr(s + i, '>', e - i);
			size_t oe = ot ? (size_t)(ot - s) + 1 : e;
			sb_add(x->out, s + i, oe - i);
			S_code_copy(x->st, x->out, s + oe, e - oe);
			sb_add(x->out, s + e, ce - e);
		} else {
			sb_add(x->out, s + i, ce - i);
		}
		return ce - i;
	}
	x->in_tag = true;
	return 0;
}

static void S_inline_run(struct S_inl *x)
{
	struct S_state *st = x->st;
	unsigned d = st->d;
	bool special[256] = {false};
	special['`'] = special['\\'] = special['<'] = special['>'] = special['\n'] = true;
	if (d & (DIALECT_HUGO | DIALECT_LIQUID | DIALECT_NUNJUCKS | DIALECT_MKDOCS | DIALECT_HEADING_IDS |
		 DIALECT_ZOLA))
		special['{'] = true;
	if (d & DIALECT_MATH)
		special['$'] = true;
	if (d & (DIALECT_MKDOCS | DIALECT_LIQUID))
		special[':'] = true;
	const char *s = x->s;
	size_t n = x->n, i = 0;
	x->barrier = x->out->len;
	while (i < n) {
		if (st->raw) {
			i = S_raw_text(x, i);
			continue;
		}
		size_t j = i;
		while (j < n && !special[(unsigned char)s[j]])
			j++;
		if (j > i) {
			sb_add(x->out, s + i, j - i);
			i = j;
			continue;
		}
		size_t adv = 0;
		switch (s[i]) {
		case '\\':
			adv = S_backslash(x, i);
			break;
		case '`':
			adv = S_backtick(x, i);
			break;
		case '{':
			adv = S_brace(x, i);
			break;
		case '$':
			adv = x->in_tag ? 0 : S_dollar(x, i);
			break;
		case ':':
			adv = x->in_tag ? 0 : S_colon(x, i);
			break;
		case '<':
			adv = S_angle(x, i);
			break;
		default: /* '>' and '\n' end a tag */
			x->in_tag = false;
			break;
		}
		if (!adv) {
			sb_addc(x->out, s[i]);
			adv = 1;
		}
		i += adv;
	}
	free(x->runs);
	x->runs = NULL;
}

static void S_inline_text(struct S_state *st, const char *s, size_t n, struct strbuf *out, int line)
{
	struct S_inl x;
	memset(&x, 0, sizeof x);
	x.st = st;
	x.s = s;
	x.n = n;
	x.out = out;
	x.fixed_line = line > 0 ? line : 1;
	S_inline_run(&x);
}

/* ------------------------------------------------------------------ */
/* The whole                                                            */
/* ------------------------------------------------------------------ */

char *dialect_rewrite(unsigned dialects, const struct dialect_context *ctx, const char *md,
		      size_t len, size_t *out_len, const char *file, int first_line,
		      struct diag_list *dl)
{
	if (!md)
		md = "", len = 0;
	struct S_state st;
	memset(&st, 0, sizeof st);
	st.d = dialects;
	st.ctx = ctx;
	st.file = file;
	st.first_line = first_line > 0 ? first_line : 1;
	st.dl = dl;

	/* Pass 0 */
	const char *text = md;
	size_t tlen = len;
	struct S_snip sn;
	memset(&sn, 0, sizeof sn);
	sn.st = &st;
	sn.budget = S_MAX_SNIPPET_TOTAL;
	if ((dialects & DIALECT_MKDOCS) && S_find(md, len, 0, "--8<--", 6) != S_NONE) {
		S_snip_text(&sn, md, len, 0, 0, "", 0);
		if (sn.any) {
			text = sn.out.s;
			tlen = sn.out.len;
		} else {
			st.snip.n = 0;
		}
	}

	/* Pass 1 */
	struct S_blk b;
	memset(&b, 0, sizeof b);
	b.st = &st;
	b.t = text;
	b.n = tlen;
	st.text = text;
	st.tlen = tlen;
	b.line_empty = b.last_blank = b.prev_blank = true;
	S_blk_run(&b);

	/* Pass 2 */
	struct strbuf out = STRBUF_INIT;
	sb_add(&out, "", 0);
	sb_grow(&out, b.o.len + 64);
	size_t oline = 1;
	for (size_t r = 0; r < b.nr; r++) {
		const char *seg = b.o.s + b.r[r].start;
		size_t sl = b.r[r].end - b.r[r].start;
		if (b.r[r].kind == S_CODE) {
			S_code_copy(&st, &out, seg, sl);
		} else if (b.r[r].kind == S_GEN) {
			sb_add(&out, seg, sl);
		} else {
			/* Paragraph by paragraph: nothing inline crosses a blank line. */
			size_t k = 0, pb = 0, pline = oline, line = oline;
			while (k <= sl) {
				const char *nl = k < sl ? memchr(seg + k, '\n', sl - k) : NULL;
				size_t next = nl ? (size_t)(nl - seg) + 1 : sl;
				bool end = k >= sl;
				bool blank = !end && S_is_blank(seg + k, next - k);
				if ((blank || end) && k > pb) {
					struct S_inl x;
					memset(&x, 0, sizeof x);
					x.st = &st;
					x.s = seg + pb;
					x.n = k - pb;
					x.out = &out;
					x.oline0 = pline;
					S_inline_run(&x);
				}
				if (end)
					break;
				if (blank) {
					sb_add(&out, seg + k, next - k);
					pb = next;
					pline = line + 1;
				}
				line++;
				k = next;
			}
		}
		oline += S_count_nl(seg, sl);
	}
	while (st.callouts > 0) {
		sb_adds(&out, "\n\n</div>\n");
		st.callouts--;
	}

	for (size_t i = 0; i < st.nwarns; i++) {
		struct S_warning *w = &st.warns[i];
		if (w->count > 1)
			diag_warning(dl, file, w->line, 0, "%s (%zu times in this post, the first here)", w->msg,
				     w->count);
		else
			diag_warning(dl, file, w->line, 0, "%s", w->msg);
		free(w->msg);
	}
	free(st.warns);
	strmap_free(&st.warn_keys);
	strmap_free(&st.defs);
	sv_free(&st.deflines);
	free(st.snip.v);
	free(st.blk.v);
	free(st.root_real);
	sb_release(&sn.out);
	sb_release(&b.o);
	sb_release(&b.line);
	free(b.r);
	if (!out.s)
		sb_add(&out, "", 0);
	*out_len = out.len;
	char *res = sb_detach(&out);
	return res;
}
