/* Unit tests of src/convert/dialect/math.c: TeX kept as TeX. Checked as
 * text and, end to end, through cmark-gfm and libxml2's HTML parser
 * (dialect_fixture.h). */
#include "dialect/dialect_fixture.h"

static void test_math(void)
{
	IS(MATH, "Inline $x_1 + y_2 * z$ here.\n", "Inline <span class=\"math\">x&#95;1 + y&#95;2 &#42; z</span> here.\n",
	   "$…$: a math span, Markdown characters escaped");
	IS(MATH, "It costs $5 and $6, or $10.\n", "It costs $5 and $6, or $10.\n", "prices are not math");
	IS(MATH, "From $ to $ no.\n", "From $ to $ no.\n", "a space after the opening $ is not math");
	IS(MATH, "A $x$5 no.\n", "A $x$5 no.\n", "a digit after the closing $ is not math");
	IS(MATH, "Escaped \\$x$ no.\n", "Escaped \\$x$ no.\n", "an escaped $ is not math");
	IS(MATH, "$$\na_1 = b <c>\n$$\n", "<div class=\"math\">&#10;a&#95;1 = b &lt;c&gt;&#10;</div>\n\n",
	   "$$…$$ on lines of its own: a math block");
	IS(MATH, "Say $$a$$ inline.\n", "Say <span class=\"math display\">a</span> inline.\n",
	   "$$…$$ inside a line: a display span");
	IS(MATH, "\\(a_b\\) and\n\\[\nc_d\n\\]\n",
	   "<span class=\"math\">a&#95;b</span> and\n<div class=\"math\">&#10;c&#95;d&#10;</div>\n\n",
	   "\\(…\\) and \\[…\\]");
	IS(MATH, "Quoted \\[a large company\\] and \\[..\\] stay, \\[x^2\\] not.\n",
	   "Quoted \\[a large company\\] and \\[..\\] stay, <span class=\"math display\">x^2</span> not.\n",
	   "\\[…\\] inside a line: math only when it reads as TeX");
	IS(MATH, "`$a$` and\n\n```\n$$b$$\n```\n", "`$a$` and\n\n```\n$$b$$\n```\n", "math is not looked for in code");
	char *html = RH(MATH, "Text $a_b_c * d*e$ and $$\\frac{1}{2}_x$$ end.\n\n$$\nx_1\n$$\n");
	unlike(html, "<em>", "no emphasis inside math");
	like(html, "<span class=\"math\">a_b_c * d*e</span>", "the TeX reaches the HTML as written");
	like(html, "<div class=\"math\">", "a math block reaches the HTML");
	free(html);
	IS(MATH, "<img alt=\"$a$\" src=\"x.png\">\n", "<img alt=\"$a$\" src=\"x.png\">\n", "no math inside HTML tags");
	/* A line of blockquote markers only ends a paragraph as a blank line
	 * does: once "\[" and "\]" two paragraphs apart made one span that
	 * swallowed the markers between them. */
	IS(MATH, "> x \\[a+\n>\n> b\\] y\n", "> x \\[a+\n>\n> b\\] y\n", "\\[…\\] does not cross a blockquote's blank line");
	IS(MATH, "> > a $x\n> >\n> > y$ b\n", "> > a $x\n> >\n> > y$ b\n", "$…$ does not cross a nested one's");
	IS(MATH, "> a $x_1$ b\n>\n> $$y$$\n", "> a <span class=\"math\">x&#95;1</span> b\n>\n> <span class=\"math display\">y</span>\n",
	   "math on either side of it is still math");
}

int main(void)
{
	static void (*const tests[])(void) = {test_math, NULL};
	return dt_run(tests);
}
