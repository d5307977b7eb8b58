#include "base/text.h"

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
	int line = 1, col = 1, first_line = 0, first_col = 0;
	size_t nul = 0, ctl = 0;
	int ctl_line = 0, ctl_col = 0;
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
		sb_add(&sb, (const char *)p + run, i - run);
		if (n) {
			/* Form feed and vertical tab were white space to their
			 * writer; the others are shown as what they are: lost. */
			sb_adds(&sb, cp == '\f' || cp == '\v' ? " " : S_REPLACEMENT);
			if (!ctl++) {
				ctl_line = line;
				ctl_col = col;
			}
			col++;
			i += n;
			run = i;
			continue;
		}
		if (!c)
			nul++;
		else
			bad++;
		if (!first_line) {
			first_line = line;
			first_col = col;
		}
		sb_adds(&sb, S_REPLACEMENT);
		col++;
		i++;
		/* A broken sequence's continuation bytes are one error, not many. */
		while (i < len && p[i - 1] != 0 && (p[i] & 0xC0) == 0x80)
			i++;
		run = i;
	}
	sb_add(&sb, (const char *)p + run, i - run);
	if (bad)
		diag_warning(dl, file, first_line, first_col,
			     "invalid UTF-8 (%zu sequence%s, the first here) replaced by U+FFFD", bad,
			     bad == 1 ? "" : "s");
	if (nul)
		diag_warning(dl, file, bad ? 0 : first_line, bad ? 0 : first_col,
			     "%zu NUL byte%s replaced by U+FFFD", nul, nul == 1 ? "" : "s");
	if (ctl)
		diag_warning(dl, file, ctl_line, ctl_col,
			     "%zu control character%s or U+FFFE/U+FFFF (the first here) replaced: XML cannot hold them",
			     ctl, ctl == 1 ? "" : "s");
	*out_len = sb.len;
	*out = sb_detach(&sb);
}
