#include "base/text.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/util.h"

#define S_REPLACEMENT "\xEF\xBF\xBD"

static void S_put(struct strbuf *sb, unsigned cp)
{
	char b[4];
	sb_add(sb, b, utf8_encode(b, cp));
}

/* Characters XML cannot hold (xml_char_allowed): libxml2's HTML parser
 * gives up on the rest of an element when it meets one (a paragraph's
 * words vanished after one in an attribute), and the sanitizer would judge
 * a URL that still held one differently from the URL written. NUL is one
 * of them. */
static bool S_xml_forbidden(unsigned cp)
{
	return !xml_char_allowed(cp);
}

/* UTF-16 (with its BOM already skipped) → UTF-8; unpaired surrogates and
 * characters XML cannot hold become U+FFFD. */
static void S_from_utf16(struct strbuf *sb, const unsigned char *p, size_t len, bool be,
			 size_t *bad)
{
	for (size_t i = 0; i + 1 < len; i += 2) {
		unsigned u = be ? (unsigned)(p[i] << 8 | p[i + 1]) : (unsigned)(p[i + 1] << 8 | p[i]);
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
			unsigned v = be ? (unsigned)(p[i + 2] << 8 | p[i + 3])
					: (unsigned)(p[i + 3] << 8 | p[i + 2]);
			if (v >= 0xDC00 && v <= 0xDFFF) {
				S_put(sb, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
				i += 2;
				continue;
			}
		}
		if ((u >= 0xD800 && u <= 0xDFFF) || S_xml_forbidden(u)) {
			sb_adds(sb, S_REPLACEMENT);
			(*bad)++;
			continue;
		}
		S_put(sb, u);
	}
	if (len % 2) {
		sb_adds(sb, S_REPLACEMENT);
		(*bad)++;
	}
}

/* What S_clean_utf8 replaced, and where the first of each kind was. */
struct S_found {
	size_t bad, nul, ctl;
	int first_line, first_col; /* of invalid UTF-8 or a NUL */
	int ctl_line, ctl_col;
	unsigned ctl_cp; /* the first character XML cannot hold */
};

/* Appends p[i..len) to sb with invalid UTF-8, NUL and the characters XML
 * cannot hold replaced by U+FFFD (form feed and vertical tab by a space). */
static void S_clean_utf8(struct strbuf *sb, const unsigned char *p, size_t i, size_t len,
			 struct S_found *f)
{
	int line = 1, col = 1;
	/* What is kept is copied in runs: most posts are one run. */
	size_t run = i;
	while (i < len) {
		unsigned char c = p[i];
		if ((c >= 0x20 && c < 0x80) || c == '\t' || c == '\r') {
			col++;
			i++;
			continue;
		}
		if (c == '\n') {
			line++;
			col = 1;
			i++;
			continue;
		}
		unsigned cp = 0;
		size_t n = c ? utf8_decode(p + i, len - i, &cp) : 0;
		if (n && !S_xml_forbidden(cp)) {
			col++;
			i += n;
			continue;
		}
		sb_add(sb, (const char *)p + run, i - run);
		if (n) {
			/* Form feed and vertical tab were white space to their
			 * writer; the others are shown as what they are: lost. */
			sb_adds(sb, cp == '\f' || cp == '\v' ? " " : S_REPLACEMENT);
			if (!f->ctl++) {
				f->ctl_line = line;
				f->ctl_col = col;
				f->ctl_cp = cp;
			}
			col++;
			i += n;
			run = i;
			continue;
		}
		if (!c)
			f->nul++;
		else
			f->bad++;
		if (!f->first_line) {
			f->first_line = line;
			f->first_col = col;
		}
		sb_adds(sb, S_REPLACEMENT);
		col++;
		i++;
		/* A broken sequence's continuation bytes are one error, not many. */
		while (i < len && p[i - 1] != 0 && (p[i] & 0xC0) == 0x80)
			i++;
		run = i;
	}
	sb_add(sb, (const char *)p + run, i - run);
}

void text_to_utf8(char **out, size_t *out_len, const char *in, size_t len, const char *file,
		  struct diag_list *dl)
{
	const unsigned char *p = (const unsigned char *)in;
	struct strbuf sb = STRBUF_INIT;
	size_t bad = 0;
	sb_grow(&sb, len);
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		S_from_utf16(&sb, p + 2, len - 2, p[0] == 0xFE, &bad);
		if (bad)
			diag_warning(dl, file, 0, 0,
				     "%zu invalid UTF-16 unit%s replaced by U+FFFD", bad, bad == 1 ? "" : "s");
		*out_len = sb.len;
		*out = sb_detach(&sb);
		return;
	}
	size_t i = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	struct S_found f = {0};
	S_clean_utf8(&sb, p, i, len, &f);
	if (f.bad)
		diag_warning(dl, file, f.first_line, f.first_col,
			     "invalid UTF-8 (%zu sequence%s, the first here) replaced by U+FFFD", f.bad,
			     f.bad == 1 ? "" : "s");
	if (f.nul)
		diag_warning(dl, file, f.bad ? 0 : f.first_line, f.bad ? 0 : f.first_col,
			     "%zu NUL byte%s replaced by U+FFFD", f.nul, f.nul == 1 ? "" : "s");
	if (f.ctl)
		diag_warning(dl, file, f.ctl_line, f.ctl_col,
			     "%zu control character%s or U+FFFE/U+FFFF (the first here) replaced: XML cannot hold them",
			     f.ctl, f.ctl == 1 ? "" : "s");
	*out_len = sb.len;
	*out = sb_detach(&sb);
}

void text_clean_fields(char **v, size_t n, const char *field, const char *file,
		       struct diag_list *dl)
{
	struct S_found f = {0};
	for (size_t i = 0; i < n; i++) {
		if (!v[i] || str_xml_clean(v[i]))
			continue;
		struct strbuf sb = STRBUF_INIT;
		S_clean_utf8(&sb, (const unsigned char *)v[i], 0, strlen(v[i]), &f);
		free(v[i]);
		v[i] = sb_detach(&sb);
	}
	if (f.ctl)
		diag_warning(dl, file, 0, 0, "%s: %s U+%04X replaced: XML cannot hold it", field,
			     f.ctl_cp < 0x20 ? "control character" : "character", f.ctl_cp);
	else if (f.bad)
		diag_warning(dl, file, 0, 0, "%s: invalid UTF-8 replaced by U+FFFD", field);
}
