/* Unit tests of src/convert/dialect/markdoc.c: Markdoc's tags in .mdoc
 * posts (Astro), left out with their text kept. */
#include "dialect/dialect_fixture.h"

/* The rewrite of in as the post at relpath; warnings counted in *warns. */
static char *S_md(const char *relpath, const char *in, size_t *warns)
{
	struct dialect_context ctx = dt_ctx;
	ctx.post_relpath = relpath;
	struct diag_list dl = DIAG_LIST_INIT;
	char *out = dt_rewrite(DIALECTS(&dialect_markdoc), &ctx, in, &dl);
	if (warns)
		*warns = diag_count(&dl, DIAG_WARNING);
	diag_list_free(&dl);
	return out;
}

static void S_is(const char *in, const char *want, size_t nwarn, const char *name)
{
	size_t warns = 0;
	char *out = S_md("posts/p.mdoc", in, &warns);
	is_str(out, want, name);
	is_int((long long)warns, (long long)nwarn, "  its warnings");
	free(out);
}

int main(void)
{
	markdown_init();
	S_is("{% callout type=\"note\" title=\"Mind the step\" %}\nThe stair is steep.\n{% /callout %}\n",
	     "Mind the step \nThe stair is steep.\n\n", 1, "a paired tag: tags go, its title and body stay");
	S_is("A {% badge \"New\" /%} thing and {% icon name=\"star\" /%} here.\n", "A New  thing and  here.\n", 2,
	     "self-closing tags: the primary string stays, other attributes go; a warning per tag");
	S_is("{% note %}a{% /note %} and {% note %}b{% /note %}\n", "a and b\n", 1, "one warning per tag name");
	S_is("Hi {% $user.name %}!\n", "Hi ` {% $user.name %} `!\n", 1, "a variable: kept as code");
	S_is("# Heading {% .lead #top %}\n\nText {% width=40 %}\n", "# Heading \n\nText \n", 0,
	     "annotations go silently");
	S_is("`{% tag %}` and\n\n```\n{% tag %}\n```\n", "`{% tag %}` and\n\n```\n{% tag %}\n```\n", 0,
	     "code is not rewritten");
	S_is("Unclosed {% tag\n", "Unclosed {% tag\n", 0, "an unclosed tag is text");
	size_t warns = 0;
	char *out = S_md("posts/p.md", "{% note %}x{% /note %}\n", &warns);
	is_str(out, "{% note %}x{% /note %}\n", "only .mdoc files");
	free(out);
	return done_testing();
}
