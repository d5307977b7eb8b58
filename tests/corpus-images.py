#!/usr/bin/env python3
"""corpus-images.py SITE BOOK.epub POSTS.tsv

Checks issue 4's promise on a real site: every local image a post of the
book references, and that exists in the site, is inside the book.

The check is deliberately independent of sheaf's own resolution code: it
reads the posts' sources with regular expressions (Markdown images, HTML
img/source/video poster, srcset, Hugo figure shortcodes, Liquid includes
with an image path) and accepts a reference as "existing in the site" when
any generous reading finds a file: relative to the post, to a folder named
after the post, or under the site root or one of the usual static folders
(with leading ../ segments dropped). An image of a type EPUB cannot carry
(AVIF, BMP, TIFF…) is not expected in the book.

The book's images are compared by content (SHA-1). SVG files are cleaned by
sheaf (scripts removed, re-serialized), so an SVG counts as present when
the book holds an SVG named after it.

POSTS.tsv is the output of `sheaf --list` (the path is the third field).
Prints what is missing and exits 1 when anything is; 0 otherwise.
"""
import hashlib
import os
import re
import sys
import urllib.parse
import zipfile

STATIC_DIRS = ["", "static", "content", "docs", "assets", "src", "public", "source", "site"]

MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)")
HTML_ATTR = re.compile(r"<(?:img|source|video)\b[^>]*?\s(src|poster|srcset)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I | re.S)
SHORTCODE = re.compile(r"\{\{[<%]\s*(?:figure|img|image|imgproc)\b[^}]*?\bsrc\s*=\s*(\"[^\"]*\"|'[^']*')", re.I | re.S)
LIQUID = re.compile(r"\{%\s*include\s+[\w./-]*image[\w./-]*\s[^%]*?(?:url|src|file|path)\s*=\s*(\"[^\"]*\"|'[^']*')", re.I | re.S)
FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?^\1\2[`~]*[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)


def sniff(data):
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<svg" in head[:4096]:
        return "svg"
    return None


def references(text):
    text = FENCE.sub("", text)
    text = CODE_SPAN.sub("", text)
    refs = [m.group(1) for m in MD_IMAGE.finditer(text)]
    for m in HTML_ATTR.finditer(text):
        value = m.group(2).strip("\"'")
        if m.group(1).lower() == "srcset":
            refs += [c.strip().split()[0] for c in value.split(",") if c.strip()]
        else:
            refs.append(value)
    refs += [m.group(1).strip("\"'") for m in SHORTCODE.finditer(text)]
    refs += [m.group(1).strip("\"'") for m in LIQUID.finditer(text)]
    return refs


def local(ref):
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", ref) or ref.startswith("//"):
        return None
    if "{{" in ref or "{%" in ref:
        return None
    path = urllib.parse.unquote(ref.split("#")[0].split("?")[0])
    return path or None


def candidates(site, post, path):
    postdir = os.path.dirname(post)
    stem = os.path.splitext(os.path.basename(post))[0]
    out = []
    if not path.startswith("/"):
        out.append(os.path.join(postdir, path))
        out.append(os.path.join(postdir, stem, path))
        out.append(os.path.join(postdir, re.sub(r"^\d{4}-\d{2}-\d{2}-", "", stem), path))
    bare = path.lstrip("/")
    while bare.startswith("../"):
        bare = bare[3:]
    if bare.startswith("./"):
        bare = bare[2:]
    for d in STATIC_DIRS:
        out.append(os.path.join(site, d, bare))
    return out


def main():
    site, book, listing = sys.argv[1:4]
    site = os.path.realpath(site)
    with zipfile.ZipFile(book) as z:
        names = [n for n in z.namelist() if "/images/" in n or n.startswith("images/")]
        in_book = {hashlib.sha1(z.read(n)).hexdigest() for n in names}
        svg_stems = {os.path.splitext(os.path.basename(n))[0].lower() for n in names if n.endswith(".svg")}
        # WebP is transcoded to PNG (book/resources.c): its bytes change, its name stays.
        png_stems = {os.path.splitext(os.path.basename(n))[0].lower() for n in names if n.endswith(".png")}
    posts = []
    with open(listing, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                # --list escapes \\, \t, \n and \r inside a field.
                path = re.sub(r"\\(.)", lambda m: {"t": "\t", "n": "\n", "r": "\r"}.get(m.group(1), m.group(1)),
                              parts[2])
                posts.append(os.path.realpath(path))
    expected, missing = 0, []
    for post in posts:
        try:
            text = open(post, encoding="utf-8", errors="replace").read()
        except OSError:
            continue
        for ref in references(text):
            path = local(ref)
            if not path:
                continue
            found = None
            for c in candidates(site, post, path):
                real = os.path.realpath(c)
                if (real == site or real.startswith(site + os.sep)) and os.path.isfile(real):
                    found = real
                    break
            if not found:
                continue
            data = open(found, "rb").read()
            kind = sniff(data)
            if kind is None:
                continue
            expected += 1
            if kind in ("svg", "webp"):
                stems = svg_stems if kind == "svg" else png_stems
                stem = re.sub(r"[^a-z0-9]+", "-", os.path.splitext(os.path.basename(found))[0].lower()).strip("-")
                if any(s == stem or s.startswith(stem) or stem.startswith(s) for s in stems):
                    continue
            elif hashlib.sha1(data).hexdigest() in in_book:
                continue
            missing.append(f"{os.path.relpath(post, site)}: {ref} ({os.path.relpath(found, site)})")
    for m in missing:
        print("missing from the book:", m)
    print(f"{expected - len(missing)} of {expected} local image references in the book")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
