#!/usr/bin/env python3
"""Issue 11's layout promises, checked on the source (TAP):
- every URL with an authority is read by src/base/url.c: no other file
  looks for "://" in a string;
- a generator's knowledge lives in its own file: outside src/input/gen/
  and src/convert/dialect/ (each dialect named for the syntax it reads),
  no code names a generator, except the registry (src/input/site.[ch],
  src/convert/dialect.h), and comments.
Usage: layout.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
GENERATORS = re.compile(r"hugo|jekyll|zola|eleventy|mkdocs|zensical|hexo|docusaurus|astro|pelican", re.I)
REGISTRY = {"src/input/site.c", "src/input/site.h", "src/convert/dialect.h"}
OWN = ("src/input/gen/", "src/convert/dialect/")
URL_MODULE = "src/base/url.c"


def code_of(text):
    """text with its comments blanked (lines kept), strings kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


sources = []
for d, _, files in os.walk(os.path.join(root, "src")):
    for f in sorted(files):
        if f.endswith((".c", ".h", ".cpp")):
            full = os.path.join(d, f)
            sources.append((os.path.relpath(full, root), code_of(open(full, encoding="utf-8").read())))

n = 0


def check(name, found):
    global n
    n += 1
    if found:
        print("not ok %d - %s" % (n, name))
        for f in found[:20]:
            print("# " + f)
    else:
        print("ok %d - %s" % (n, name))


def where(rel, code, m):
    line = code.count("\n", 0, m.start()) + 1
    return "%s:%d: %s" % (rel, line, code.splitlines()[line - 1].strip())


SEPARATOR = re.compile(r'"://"')


def urls_parsed_outside(files):
    return [where(rel, code, m) for rel, code in files if rel != URL_MODULE for m in SEPARATOR.finditer(code)]


def names_outside(files):
    return [where(rel, code, m) for rel, code in files
            if not rel.startswith(OWN) and rel not in REGISTRY for m in GENERATORS.finditer(code)]


check("no file but %s looks for '://' in a string" % URL_MODULE, urls_parsed_outside(sources))
check("no generator named in code outside its own file and the registry", names_outside(sources))
# The checks themselves find what they look for (and not in comments).
bad = [("src/book/x.c", code_of('/* hugo "://" */ if (strstr(u, "://") && is_hugo(s)) {}\n'))]
good = [("src/book/x.c", code_of('/* hugo, strstr(u, "://") */ xmlns("http://www.w3.org/2000/svg");\n')),
        ("src/input/gen/hugo.c", code_of('if (strstr(u, "://")) hugo();\n'))]
check("self-test: a '://' search and a generator's name in code are found, not in comments",
      [] if len(urls_parsed_outside(bad)) == 1 and len(names_outside(bad)) == 1
      and not urls_parsed_outside([good[0]]) and not names_outside(good)
      else ["found %d and %d in bad, %d and %d in good" % (len(urls_parsed_outside(bad)), len(names_outside(bad)),
                                                          len(urls_parsed_outside([good[0]])), len(names_outside(good)))])
print("1..%d" % n)
