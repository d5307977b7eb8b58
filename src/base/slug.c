#include "base/slug.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

/* Base letters of U+00C0..U+017F, the Latin-1 Supplement and Latin
 * Extended-A; '\0' where the character has no ASCII reading. */
static const char S_latin[] =
	"AAAAAAACEEEEIIII" "DNOOOOO\0OUUUUYTs" /* C0..DF (D7 is ×) */
	"aaaaaaaceeeeiiii" "dnooooo\0ouuuuyty" /* E0..FF (F7 is ÷) */
	"AaAaAaCcCcCcCcDd" "DdEeEeEeEeEeGgGg" /* 100..11F */
	"GgGgHhHhIiIiIiIi" "IiJjJjKkkLlLlLlL" /* 120..13F */
	"lLlNnNnNnnNnOoOo" "OoOoRrRrRrSsSsSs" /* 140..15F */
	"SsTtTtTtUuUuUuUu" "UuUuWwYyYZzZzZzs"; /* 160..17F */

static const char *S_latin_multi(unsigned cp)
{
	switch (cp) {
	case 0xC6: return "AE";
	case 0xE6: return "ae";
	case 0xDF: return "ss";
	case 0x152: return "OE";
	case 0x153: return "oe";
	case 0xDE: return "TH";
	case 0xFE: return "th";
	default: return NULL;
	}
}

size_t slug_latin(unsigned cp, char out[3])
{
	const char *multi = S_latin_multi(cp);
	out[0] = out[1] = out[2] = '\0';
	if (multi)
		memcpy(out, multi, 2);
	else if (cp >= 0xC0 && cp <= 0x17F)
		out[0] = S_latin[cp - 0xC0];
	return strlen(out);
}

/* Decodes one UTF-8 sequence; returns its length (1 for invalid bytes). */
static size_t S_utf8(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) |
		      (s[3] & 0x3Fu);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

size_t slug_read(const char *s, size_t left, unsigned *cp, char ascii[4])
{
	size_t k = utf8_decode((const unsigned char *)s, left, cp);
	if (!k) {
		*cp = 0xFFFD;
		k = 1;
	}
	ascii[3] = '\0';
	if (*cp < 0x80) {
		ascii[0] = (char)*cp;
		ascii[1] = ascii[2] = '\0';
	} else {
		slug_latin(*cp, ascii);
	}
	return k;
}

char *slugify(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	bool sep = false;
	const unsigned char *s = (const unsigned char *)text;
	while (*s) {
		unsigned cp;
		s += S_utf8(s, &cp);
		char ascii[3] = {0, 0, 0};
		if (cp < 0x80)
			ascii[0] = (char)cp;
		else
			slug_latin(cp, ascii);
		const char *piece = ascii;
		if (!*piece) {
			continue; /* a character with no ASCII reading is dropped */
		}
		for (; *piece; piece++) {
			unsigned char c = (unsigned char)*piece;
			if (isalnum(c) || c == '_') {
				if (sep && sb.len)
					sb_addc(&sb, '-');
				sep = false;
				sb_addc(&sb, (char)tolower(c));
			} else if (c == ' ' || c == '-' || c == '\t' || c == '\n') {
				sep = true;
			}
			/* other punctuation is removed, as Python-Markdown does */
		}
	}
	if (!sb.len)
		sb_adds(&sb, "section");
	char *slug = sb_detach(&sb);
	if (isdigit((unsigned char)slug[0]) || slug[0] == '_') {
		/* An id may start with a digit in HTML, but NCX and some readers
		 * want a letter first. */
		char *prefixed = xasprintf("s-%s", slug);
		free(slug);
		slug = prefixed;
	}
	return slug;
}

bool idset_has(const struct idset *set, const char *id)
{
	return strmap_get(&set->map, id, NULL);
}

const char *idset_get(const struct idset *set, const char *id)
{
	size_t i;
	return strmap_get(&set->map, id, &i) ? set->v[i] : NULL;
}

void idset_add(struct idset *set, const char *id)
{
	if (idset_has(set, id))
		return;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 32;
		set->v = xrealloc(set->v, set->cap * sizeof *set->v);
	}
	set->v[set->n] = strmap_put(&set->map, id, set->n);
	set->n++;
}

const char *idset_unique(struct idset *set, const char *base)
{
	if (!idset_has(set, base)) {
		idset_add(set, base);
		return set->v[set->n - 1];
	}
	/* Counting up from 2 each time would be quadratic for a post with
	 * thousands of equal headings: remember where base's count stood. */
	size_t start = 2;
	strmap_get(&set->next, base, &start);
	for (size_t i = start;; i++) {
		char *cand = xasprintf("%s-%zu", base, i);
		if (!idset_has(set, cand)) {
			idset_add(set, cand);
			free(cand);
			strmap_put(&set->next, base, i + 1);
			return set->v[set->n - 1];
		}
		free(cand);
	}
}

void idset_free(struct idset *set)
{
	free(set->v);
	strmap_free(&set->map);
	strmap_free(&set->next);
	set->v = NULL;
	set->n = set->cap = 0;
}

char *slug_hyphens(const char *s, bool pretty, bool cased)
{
	struct strbuf sb = STRBUF_INIT;
	bool hyphen = false;
	sb_adds(&sb, "");
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		bool keep = isalnum(*c) || *c >= 0x80 || (pretty && strchr("._~!$&'()+,;=@", *c));
		if (!keep) {
			hyphen = true;
			continue;
		}
		if (hyphen && sb.len)
			sb_addc(&sb, '-');
		hyphen = false;
		sb_addc(&sb, cased ? (char)*c : (char)tolower(*c));
	}
	return sb_detach(&sb);
}

char *slug_key(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t left = strlen(s);
	while (left) {
		unsigned cp;
		char ascii[4];
		size_t k = slug_read(s, left, &cp, ascii);
		s += k;
		left -= k;
		if (*ascii) {
			for (const char *a = ascii; *a; a++)
				if (isalnum((unsigned char)*a))
					sb_addc(&sb, (char)tolower((unsigned char)*a));
		} else if (cp >= 0x80 && cp != 0xFFFD && !utf8_is_space(cp) && !utf8_is_punct(cp)) {
			/* Other scripts' letters stay: a Japanese tag's slug keeps them. */
			char buf[4];
			sb_add(&sb, buf, utf8_encode(buf, utf8_lower(cp)));
		}
	}
	return sb_detach(&sb);
}
