/* Unit tests of slug.h: slugify and per-document unique ids. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/slug.h"
#include "tap.h"

static void check_slug(const char *in, const char *expected)
{
	char name[128];
	snprintf(name, sizeof name, "slugify(\"%s\") == \"%s\"", in, expected);
	char *s = slugify(in);
	is_str(s, expected, name);
	free(s);
}

static void test_slugify(void)
{
	check_slug("Hello, World!", "hello-world");
	check_slug("Café crème", "cafe-creme");
	check_slug("Straße", "strasse");
	check_slug("Æsop’s Œuvre", "aesops-oeuvre");
	check_slug("Łódź and Dvořák", "lodz-and-dvorak");
	check_slug("日本語", "section");
	check_slug("日本語 title", "title");
	check_slug("", "section");
	check_slug("!!!", "section");
	check_slug("2024 in review", "s-2024-in-review");
	check_slug("42", "s-42");
	check_slug("a  -- b", "a-b");
	check_slug("  leading and trailing  ", "leading-and-trailing");
	check_slug("- dash first", "dash-first");
	check_slug("snake_case stays", "snake_case-stays");
	check_slug("_private", "s-_private");
	check_slug("C++ & C#", "c-c");
	check_slug("UPPER lower", "upper-lower");
	check_slug("tab\there\nnewline", "tab-here-newline");
	check_slug("emoji 🎉 party", "emoji-party");

	char *s = slugify("x\xff\xfey"); /* invalid UTF-8 must not crash or leak bytes */
	ok(s && strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(s),
	   "slugify of invalid UTF-8 gives an ASCII slug ('%s')", s ? s : "(null)");
	free(s);
}

static void test_idset(void)
{
	struct idset set = IDSET_INIT;
	is_str(idset_unique(&set, "intro"), "intro", "idset_unique: unused base as is");
	is_str(idset_unique(&set, "intro"), "intro-2", "idset_unique: second use gets -2");
	is_str(idset_unique(&set, "intro"), "intro-3", "idset_unique: third use gets -3");
	idset_add(&set, "other-2");
	is_str(idset_unique(&set, "other"), "other", "idset_unique: 'other' still free");
	is_str(idset_unique(&set, "other"), "other-3", "idset_unique: skips a taken -2");
	ok(idset_has(&set, "intro-2") && !idset_has(&set, "intro-4"), "idset_has");
	size_t n = set.n;
	idset_add(&set, "intro");
	is_int(set.n, n, "idset_add of a present id adds nothing");
	/* Enough ids to make the set grow. */
	for (int i = 0; i < 100; i++)
		idset_unique(&set, "many");
	is_str(idset_unique(&set, "many"), "many-101", "idset_unique: counts past 100");
	idset_free(&set);
	ok(set.n == 0 && set.v == NULL, "idset_free resets");
}

static void test_latin(void)
{
	char out[3];
	is_int(slug_latin(0xE9, out), 1, "slug_latin: é is one letter");
	is_str(out, "e", "slug_latin: é reads e");
	is_int(slug_latin(0xC6, out), 2, "slug_latin: Æ is two letters");
	is_str(out, "AE", "slug_latin: Æ reads AE");
	is_int(slug_latin(0xD7, out), 0, "slug_latin: × has no reading");
	is_int(slug_latin(0x4E2D, out), 0, "slug_latin: a CJK character has none");
	is_int(slug_latin('a', out), 0, "slug_latin: ASCII is not its business");

	char ascii[4];
	unsigned cp;
	is_int(slug_read("x!", 2, &cp, ascii), 1, "slug_read: ASCII takes one byte");
	ok(cp == 'x' && strcmp(ascii, "x") == 0, "slug_read: ASCII reads itself");
	is_int(slug_read("\xC3\x86t", 3, &cp, ascii), 2, "slug_read: Æ takes two bytes");
	ok(cp == 0xC6 && strcmp(ascii, "AE") == 0, "slug_read: Æ reads AE");
	is_int(slug_read("\xE4\xB8\xAD", 3, &cp, ascii), 3, "slug_read: a CJK character takes three");
	ok(cp == 0x4E2D && !*ascii, "slug_read: a CJK character has no reading");
	is_int(slug_read("\xFF" "a", 2, &cp, ascii), 1, "slug_read: an invalid byte takes one");
	ok(cp == 0xFFFD && !*ascii, "slug_read: an invalid byte is U+FFFD");
}

/* slug_key: the name every slug rule keeps, for matching across rules. */
static void test_key(void)
{
	char *k = slug_key("Software Development");
	is_str(k, "softwaredevelopment", "key: letters and digits, lower case");
	free(k);
	k = slug_key("  Caf\xc3\xa9_au-lait!! 2 ");
	is_str(k, "cafeaulait2", "key: accents dropped, punctuation and spaces gone");
	free(k);
	k = slug_key("\xe6\x97\xa5\xe6\x9c\xac\xe3\x80\x81\xce\x91\xce\x92");
	is_str(k, "\xe6\x97\xa5\xe6\x9c\xac\xce\xb1\xce\xb2", "key: other scripts kept (lowered), CJK punctuation gone");
	free(k);
	k = slug_key("C++");
	is_str(k, "c", "key: C++ is c (why an exact name wins over a key)");
	free(k);
	k = slug_key("\xce\x95\xce\xb9\xcf\x83\xce\xb1\xce\xb3\xcf\x89\xce\xb3\xce\xae");
	is_str(k, "\xce\xb5\xce\xb9\xcf\x83\xce\xb1\xce\xb3\xcf\x89\xce\xb3\xce\xae",
	       "key: a Greek heading and its lower-case fragment are one");
	free(k);
	k = slug_key("ABI/Layout \xe2\x80\x94 \xf0\x9f\x9a\x80");
	is_str(k, "abilayout", "key: slash, dash and emoji gone (Zola's abi-layout, Python-Markdown's abilayout)");
	free(k);
}

int main(void)
{
	test_latin();
	test_key();
	test_slugify();
	test_idset();
	return done_testing();
}
