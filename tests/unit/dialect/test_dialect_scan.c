/* Unit tests of src/convert/dialect/scan.c: the scanner every pass runs
 * over: text without dialect constructs, line numbers of warnings, linear
 * time on pathological input, random mixes of every dialect. Checked as
 * text and, end to end, through cmark-gfm and libxml2's HTML parser
 * (dialect_fixture.h). */
#include "convert/dialect/scan.h"
#include "dialect/dialect_fixture.h"

/* A test input shown on one line. */
static char *S_quote_test(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	for (; *s; s++)
		if (*s == '\n')
			sb_adds(&sb, "\\n");
		else
			sb_addc(&sb, *s);
	return sb_detach(&sb);
}

static void test_plain(void)
{
	IS(0, "Nothing *to* do {{< x >}} $a$ :smile:\n", "Nothing *to* do {{< x >}} $a$ :smile:\n",
	   "no dialect: the text is unchanged");
	IS(MK | HUGO | LIQ | MATH | HIDS, "", "", "empty post");
	IS(MK | HUGO | LIQ | MATH | HIDS, "Plain text,\nno syntax.\r\n\r\nSecond.", "Plain text,\nno syntax.\r\n\r\nSecond.",
	   "plain Markdown (CRLF, no final newline) is left as it is");
	size_t len;
	struct diag_list dl = DIAG_LIST_INIT;
	char *out = dialect_rewrite(dt_list(MK | HUGO | LIQ | MATH | HIDS), NULL, "a\0b {{< x >}}", 13, &len, NULL, "post.md", 1, &dl);
	ok(len == 4 && memcmp(out, "a\0b ", 4) == 0, "a NUL byte and no context are no trouble (%zu bytes)", len);
	free(out);
	diag_list_free(&dl);
}

static void test_lines(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = R(MK | HUGO,
		    "!!! note\n"           /* 10 */
		    "    a\n"              /* 11 */
		    "\n"                   /* 12 */
		    "    {{< inbox >}}\n"  /* 13 */
		    "\n"                   /* 14 */
		    "=== \"T\"\n"          /* 15 */
		    "    b\n"              /* 16 */
		    "<figure markdown>\n"  /* 17 */
		    "x\n"                  /* 18 */
		    "</figure>\n"          /* 19 */
		    "{{< after >}}\n",     /* 20 */
		    &dl);
	ok(dt_has_warning(&dl, 13, "'inbox'"), "a warning inside a box names its line");
	ok(dt_has_warning(&dl, 20, "'after'"), "a warning after boxes and HTML blocks names its line");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = R(LIQ, "{% highlight c %}\nx\n{% endhighlight %}\n{% comment %}\na\n{% endcomment %}\n{% bad %}\n", &dl);
	ok(dt_has_warning(&dl, 16, "bad"), "a warning after consumed blocks names its line");
	dt_dump(&dl);
	free(o);
	diag_list_free(&dl);
}

static void test_pathological(void)
{
	struct {
		const char *unit;
		int count;
	} cases[] = {
		{"{{< ", 100000}, {"{{% x ", 50000}, {"!!! note\n", 100000}, {"$", 100000},
		{"a $b ", 50000}, {"{% ", 100000}, {"{{ ", 100000}, {"{: ", 50000},
		{"`", 100000}, {"![a](b)", 50000}, {"){ width=1 }", 50000}, {"\\(", 100000},
		{"\\[", 100000}, {":smile", 100000}, {"<figure markdown>\n", 20000}, {"{{</* ", 50000},
		{"{{< highlight go >}}\n", 30000}, {"{% highlight x %}\n", 30000}, {"{% comment %}\n", 30000},
		{"{% raw %}", 30000}, {"## a {#x}\n", 20000}, {"=== \"t\"\n    a\n", 30000}, {"--8<--\n", 30000},
		{"--8<-- \"missing.md\"\n", 2000}, {"<!--", 50000}, {"<script>", 50000}, {"[", 100000},
		{"{{ a(", 50000}, {"{% b(x=1) %}", 30000}, {"{{/* ", 50000}, {"{{ c(x=\"", 50000},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		struct strbuf sb = STRBUF_INIT;
		for (int i = 0; i < cases[c].count; i++)
			sb_adds(&sb, cases[c].unit);
		sb_adds(&sb, "\nend of post\n");
		struct diag_list dl = DIAG_LIST_INIT;
		size_t len;
		struct linemap m = LINEMAP_INIT; /* the map too: its records stay linear */
		char *out = dialect_rewrite(dt_list(MK | HUGO | LIQ | MATH | HIDS | ZOLA), &dt_ctx, sb.s, sb.len, &len, &m,
					    "post.md", 1, &dl);
		char *unit = S_quote_test(cases[c].unit);
		ok(out && strstr(out, "end of post"), "%d × '%s': done, the text kept", cases[c].count, unit);
		if (!ok(m.n == ds_count_nl(out, len) + 1 && m.line[m.n - 1] == (int)ds_count_nl(sb.s, sb.len),
			"  and the map has every line, the last at the body's last"))
			diag("  %zu lines for %zu, the last at %d", m.n, ds_count_nl(out, len) + 1, m.n ? m.line[m.n - 1] : 0);
		linemap_free(&m);
		free(unit);
		free(out);
		diag_list_free(&dl);
		sb_release(&sb);
	}
	/* A line that ends nested 500 lists and boxes deep. */
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 500; i++) {
		for (int k = 0; k < i; k++)
			sb_adds(&sb, "  ");
		sb_adds(&sb, "- item\n");
	}
	char *o = R(MK | HUGO | LIQ | MATH | HIDS, sb.s, NULL);
	ok(strstr(o, "- item"), "500 nested lists");
	free(o);
	sb_release(&sb);
}

static void test_mixes(void)
{
	static const char *const pieces[] = {
		"!!! note \"T\"\n", "    ", "=== \"Tab\"\n", "??? x\n", "```", "~~~", "`", "``", "{{<", ">}}",
		"{{%", "%}}", "{{</*", "*/>}}", "/", "figure src=\"a\" ", "highlight go ", "{%", "%}", "raw",
		"endraw", "comment", "endcomment", "{{", "}}", "{:", "{", "}", "#id", ".cls", " width=\"2\"",
		"$", "$$", "\\(", "\\)", "\\[", "\\]", ":smile:", ":material-x:", "<figure markdown>",
		"</figure>", "<div markdown=\"1\">", "</div>", "## h ", "\n", "\n\n", "  ", "word", "![a](b)",
		"[l](u)", "--8<-- \"x.md\"\n", "* TOC\n{:toc}\n", "<!--", "-->", "<script>", "\r\n", "\t",
		"<pre>", "</pre>", "- item\n", "> ", "\"", "'", "=", "\\", "{#", "#}", "{::comment}", "{:/}",
		"{{% alert %}}", "{{< /alert >}}", "x.inline", "{% highlight c %}\n", "{% endhighlight %}",
	};
	unsigned long long seed = 0x5eedULL;
	size_t npieces = sizeof pieces / sizeof *pieces;
	int fails = 0;
	for (int round = 0; round < 4000; round++) {
		struct strbuf sb = STRBUF_INIT;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		int count = 1 + (int)((seed >> 40) % 60);
		for (int i = 0; i < count; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			sb_adds(&sb, pieces[(seed >> 33) % npieces]);
		}
		sb_adds(&sb, "\n\nzqxword\n");
		unsigned d = (unsigned)((seed >> 20) & 0x3f);
		struct diag_list dl = DIAG_LIST_INIT;
		size_t len;
		char *out = dialect_rewrite(dt_list(d), &dt_ctx, sb.s, sb.len, &len, NULL, "post.md", 1, &dl);
		char *html = NULL;
		if (markdown_to_html(&html, out, len, NULL, NULL) < 0 || !strstr(out, "zqxword")) {
			if (fails++ < 3) {
				diag("round %d, dialects %#x, lost the last paragraph", round, d);
				tap_diag_value("input:", sb.s);
				tap_diag_value("output:", out);
			}
		}
		free(html);
		free(out);
		diag_list_free(&dl);
		sb_release(&sb);
	}
	is_int(fails, 0, "4000 random mixes: no crash, the paragraph after them kept");
}


/* ------------------------------------------------------------------ */
/* The scanner itself, through passes made here                         */
/* ------------------------------------------------------------------ */

/* A pass that writes '@' as "<AT>" (and counts what it saw), takes lines
 * starting with "%%" as "<LINE>", sees code, warns at each '!' and ends
 * the text with "<END>". */
struct S_probe {
	int at, code, lines;
};

static size_t S_probe_at(struct ds_inl *x, size_t i, void *self)
{
	struct S_probe *p = self;
	p->at++;
	sb_adds(x->out, "<AT>");
	(void)i;
	return 1;
}

static size_t S_probe_bang(struct ds_inl *x, size_t i, void *self)
{
	(void)self;
	ds_warn(x->st, ds_inl_line(x, i), "bang", "a bang");
	return 0; /* left to the next pass, then written as it is */
}

static bool S_probe_block(struct ds_blk *b, const struct ds_line *l, void *self)
{
	struct S_probe *p = self;
	if (!ds_at(l->l, l->ln, l->lf, "%%"))
		return false;
	p->lines++;
	ds_emit(b, DS_GEN, "<LINE>\n", 7);
	return true;
}

static void S_probe_code(void *self, struct strbuf *out, const char *s, size_t n)
{
	struct S_probe *p = self;
	p->code++;
	for (size_t i = 0; i < n; i++)
		sb_addc(out, s[i] == '@' ? '#' : s[i]);
}

static void S_probe_finish(void *self, struct strbuf *out)
{
	struct S_probe *p = self;
	sb_addf(out, "<END %d %d %d>", p->at, p->code, p->lines);
}

static const struct ds_trigger S_probe_triggers[] = {{'@', S_probe_at}, {'!', S_probe_bang}, {0, NULL}};

static const struct dialect S_probe = {
	.name = "probe",
	.state_size = sizeof(struct S_probe),
	.block = S_probe_block,
	.triggers = S_probe_triggers,
	.code = S_probe_code,
	.finish = S_probe_finish,
};

/* A second pass on '@' that takes only "@@". */
static size_t S_twice_at(struct ds_inl *x, size_t i, void *self)
{
	(void)self;
	if (!ds_at(x->s, x->n, i, "@@"))
		return 0;
	sb_adds(x->out, "<TWICE>");
	return 2;
}

static const struct ds_trigger S_twice_triggers[] = {{'@', S_twice_at}, {0, NULL}};
static const struct dialect S_twice = {.name = "twice", .triggers = S_twice_triggers};

static char *S_run(const struct dialect *const *passes, const char *in, struct diag_list *dl)
{
	size_t len;
	char *out = dialect_rewrite(passes, NULL, in, strlen(in), &len, NULL, "post.md", 10, dl);
	if (strlen(out) != len)
		diag("output holds a NUL byte");
	return out;
}

static void test_scanner(void)
{
	struct diag_list dl = DIAG_LIST_INIT;
	char *o = S_run(DIALECTS(&S_probe), "a @ b `@` c\n\n```\n@\n```\n\n    @ indented\n\n<pre>@</pre> <!-- @ -->\n", &dl);
	is_str(o,
	       "a <AT> b `#` c\n\n```\n#\n```\n\n    # indented\n\n<pre>#</pre> <!-- @ -->\n<END 1 4 0>",
	       "a trigger acts outside code only; code goes through the code hook; comments are left alone");
	free(o);

	o = S_run(DIALECTS(&S_probe), "%% taken\nkept %%\n```\n%% in code\n```\n", &dl);
	is_str(o, "<LINE>\nkept %%\n```\n%% in code\n```\n<END 0 1 1>",
	       "a block hook is asked about lines outside code, and writes what it takes");
	free(o);

	o = S_run(DIALECTS(&S_twice, &S_probe), "@@ @\n", &dl);
	is_str(o, "<TWICE> <AT>\n<END 1 0 0>", "two passes on one character: asked in list order, the first that takes it wins");
	free(o);
	o = S_run(DIALECTS(&S_probe, &S_twice), "@@\n", &dl);
	is_str(o, "<AT><AT>\n<END 2 0 0>", "the order of the list decides");
	free(o);

	o = S_run(DIALECTS(&S_probe), "line one\n\nline three !\n", &dl);
	is_str(o, "line one\n\nline three !\n<END 0 0 0>", "a handler that declines leaves the character as it is");
	free(o);
	ok(dl.n == 1 && dl.v[0].line == 12 && strstr(dl.v[0].message, "a bang"),
	   "a warning names the body's line (the body starts at line 10)");
	diag_list_free(&dl);

	dl = (struct diag_list)DIAG_LIST_INIT;
	o = S_run(DIALECTS(&S_probe), "!!!\n", &dl);
	ok(dl.n == 1 && strstr(dl.v[0].message, "3 times"), "one warning per key and post, repeats counted");
	free(o);
	diag_list_free(&dl);

	o = S_run(DIALECTS(&S_probe), "@\n", NULL);
	free(o);
	dl = (struct diag_list)DIAG_LIST_INIT;
	o = S_run(DIALECTS(&S_probe), "@\n", &dl);
	is_str(o, "<AT>\n<END 1 0 0>", "each rewrite starts with a zeroed state of its own");
	free(o);
	diag_list_free(&dl);

	o = S_run(NULL, "a @ {{< x >}}\n", NULL);
	is_str(o, "a @ {{< x >}}\n", "no passes: the text is unchanged");
	free(o);

	struct strbuf sb = STRBUF_INIT;
	ds_code_span(&sb, "a ``b", 5);
	is_str(sb.s, "``` a ``b ```", "ds_code_span: more backticks than the text holds");
	sb_release(&sb);
	is_int((int)ds_colon_name(":smile: x", 9, 0), 5, "ds_colon_name: the name between colons");
	is_int((int)ds_colon_name(": x:", 4, 0), 0, "ds_colon_name: no name");
	struct ds_cache c = {0};
	const char *t = "a}}b}}";
	is_int((int)ds_cached(&c, t, 6, 0, ds_find_lit, "}}"), 1, "ds_cached: the first match");
	is_int((int)ds_cached(&c, t, 6, 1, ds_find_lit, "}}"), 1, "ds_cached: remembered");
	is_int((int)ds_cached(&c, t, 6, 2, ds_find_lit, "}}"), 4, "ds_cached: searched again past it");
	ok(ds_cached(&c, t, 6, 5, ds_find_lit, "}}") == DS_NONE, "ds_cached: none after the last");
}

/* The map the rewrite of in returns, against want (the body line of each
 * output line, n of them); on a mismatch the lines are shown. */
static void S_map_is(const struct dialect *const *passes, const char *in, const int *want, size_t n,
		     const char *name)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct linemap m = LINEMAP_INIT;
	size_t len;
	char *out = dialect_rewrite(passes, &dt_ctx, in, strlen(in), &len, &m, "post.md", 10, &dl);
	bool same = m.n == n;
	for (size_t i = 0; same && i < n; i++)
		same = m.line[i] == want[i];
	if (!ok(same, "%s", name)) {
		const char *l = out;
		for (size_t i = 0; i < m.n; i++) {
			const char *nl = strchr(l, '\n');
			int ll = nl ? (int)(nl - l) : (int)strlen(l);
			diag("%3zu → %3d (want %3d) | %.*s", i + 1, m.line[i], i < n ? want[i] : -1, ll, l);
			l = nl ? nl + 1 : l + ll;
		}
	}
	linemap_free(&m);
	free(out);
	diag_list_free(&dl);
}

#define MAP_IS(passes, in, name, ...)                                                                    \
	S_map_is(passes, in, (const int[]){__VA_ARGS__}, sizeof((const int[]){__VA_ARGS__}) / sizeof(int), name)

static void test_linemap(void)
{
	MAP_IS(dt_list(MK | HUGO | LIQ | MATH | HIDS), "a\nb\n\nc\n", "plain text maps to itself (the empty line after the last newline: the last line)", 1, 2, 3, 4, 4);
	MAP_IS(dt_list(MK), "Intro\n\n!!! note \"One\"\n    Body line\n    ![i](a.png)\n\nAfter\n",
	       "MkDocs box: made-up lines at the box's line, the dedented body in place, </div> at the last line read",
	       1, 2, 3, 3, 4, 5, 6, 6, 6, 7, 7);
	fx_writes(dt_root, "inc/three.md", "One.\nTwo.\nThree.\n");
	MAP_IS(dt_list(MK), "Before\n\n--8<-- \"inc/three.md\"\n\n![i](a.png)\n",
	       "a snippet: its lines at the line naming it, what follows in place", 1, 2, 3, 3, 3, 4, 5, 5);
	MAP_IS(dt_list(LIQ), "Text\n\n{% highlight c %}\nint x;\nint y;\n{% endhighlight %}\n\n![i](a.png)\n",
	       "a Liquid tag block become a fenced block: fences at the tags, code in place", 1, 2, 3, 4, 5, 6, 7,
	       8, 8);
	MAP_IS(DIALECTS(&dialect_hexo), "Text\n\n{% codeblock lang:c %}\nint x;\n{% endcodeblock %}\n![i](a.png)\n",
	       "a Hexo tag block become a fenced block: fences at the tags, code in place", 1, 2, 3, 4, 5, 6, 6);
	MAP_IS(dt_list(HUGO), "Text {{< figure\n  src=\"x.png\"\n  alt=\"y\" >}} more\n![i](a.png)\n",
	       "a Hugo shortcode over lines become one line: the line after it in place", 1, 4, 4);
	MAP_IS(dt_list(HUGO), "Text\n{{< figure src=\"x.png\" caption=\"C\" >}}\n![i](a.png)\n",
	       "pass 2: a block made on lines of its own: all at the shortcode's line", 1, 2, 2, 2, 2,
	       2, 2, 2, 2, 2, 3, 3);
	MAP_IS(dt_list(MATH), "Text\n$$\nx^2\n$$ and\n![i](a.png)\n", "pass 2: display math over lines become one line", 1, 2, 5, 5);
	MAP_IS(dt_list(HUGO), "{{< note >}}\nIn the note.\n{{< /note >}}\n![i](a.png)\n",
	       "a Hugo paired shortcode: made-up lines at its tags", 1, 1, 2, 3, 3, 3, 4, 4);
	MAP_IS(dt_list(ZOLA), "Text\n\n{% note(kind=\"x\") %}\nIn the body.\n![i](b.png)\n{% end %}\n\n![i](a.png)\n",
	       "a Zola body: in place, the tags' lines blank", 1, 2, 3, 4, 5, 6, 7, 8, 8);
}

int main(void)
{
	static void (*const tests[])(void) = {
		test_plain, test_lines, test_linemap, test_pathological, test_mixes, test_scanner, NULL
	};
	return dt_run(tests);
}
