#!/usr/bin/env python3
"""Differential check of reST inline markup against docutils (0.19, Debian's
python3-docutils): random paragraphs of markup pieces (emphasis, literals,
roles, references, footnotes, substitutions, escapes, standalone URIs and
email addresses, non-ASCII punctuation) go through docutils and through
sheaf's rst pass and cmark-gfm (test_dialect_rst's RST_DUMP mode); prints
each paragraph whose links, emphasis, code, sub/sup and text differ.
Paragraphs on which docutils reports a problem are skipped: sheaf keeps
their text and warns there by design.

Usage: rst-docutils.py TEST_DIALECT_RST SEED COUNT
Exit status: 0 when none differs, 1 otherwise, 77 without docutils."""
import os, random, re, subprocess, sys, tempfile
try:
    from docutils.core import publish_parts
except ImportError:
    print('# SKIP: no docutils (python3-docutils)')
    sys.exit(77)
from html.parser import HTMLParser

TOK = ['http://', 'https:', 'x.org', 'www.', 'foo:', 'git:', 'mailto:', 'tel:', '?', '#', '@', '>', '%20', '=', '+', '~', ';', '!', '(', ')', '[', ']', 'é', '/', '/', ':', '-', '.', 'a_', 'b__', '\\\\', '\\*', '\\ ', '|a|', '*e*', '`t`_', ':sup:`2`', ' ', ' ', 'a', 'b', 'c', 'ab', ' ', ' ', ' ', '*', '**', '`', '``', '_', '__', '|', ':', '\\', '\\\\',
       '[1]', '[#]', '<', '>', "'", '"', '(', ')', '-', '.', ',', ':emphasis:', ':strong:',
       ':literal:', ':sub:', ':sup:', '\u00a0', '\u2019', '/', '{', '}']
TARGETS = """

.. _a: http://a.example/
.. _b: http://b.example/
.. _a b: http://ab.example/
.. |a| replace:: SUBA
.. |b| replace:: SUBB
"""

def gen(rng):
    n = rng.randint(3, 14)
    return ''.join(rng.choice(TOK) for _ in range(n))

class Norm(HTMLParser):
    def __init__(s):
        super().__init__(); s.out = []; s.stack = []
    def handle_starttag(s, t, a):
        a = dict(a)
        if t == 'span' and 'literal' in (a.get('class') or ''):
            t = 'code'
        if t in ('em', 'strong', 'code', 'cite', 'sub', 'sup'):
            s.out.append('<%s>' % t); s.stack.append(t)
        elif t == 'a':
            s.out.append('<a %s>' % a.get('href')); s.stack.append('a')
        else:
            s.stack.append(None)
    def handle_endtag(s, t):
        if t in ('br', 'img', 'wbr'):
            return
        x = s.stack.pop() if s.stack else None
        if x:
            s.out.append('</%s>' % x)
    def handle_startendtag(s, t, a):
        pass
    def handle_data(s, d):
        s.out.append(d)

def norm(h):
    p = Norm(); p.feed(h); p.close()
    from urllib.parse import unquote
    t = re.sub(r'<a ([^>]*)>', lambda m: '<a %s>' % unquote(m.group(1)), ''.join(p.out))
    return re.sub(r'\s+', ' ', t).strip()

def paras(h, tag_re):
    return re.findall(r'<p>(.*?)</p>', h, re.S)

def main():
    seed = int(sys.argv[2]); count = int(sys.argv[3])
    dump = os.path.join(tempfile.mkdtemp(), 'p.rst')
    rng = random.Random(seed)
    cases = []
    for i in range(count):
        cases.append('P%d %s Q%d.' % (i, gen(rng), i))
    src = 'Title\n=====\n\n' + '\n\n'.join(cases) + TARGETS
    # docutils, one paragraph at a time (problems are per case)
    dres = {}
    for i, c in enumerate(cases):
        parts = publish_parts(c + TARGETS, writer_name='html5',
                              settings_overrides={'report_level': 2, 'halt_level': 5, 'warning_stream': False, 'doctitle_xform': False})
        body = parts['body']
        if 'problematic' in body or 'system-message' in body:
            continue
        ps = re.findall(r'<p>(.*?)</p>', body, re.S)
        if len(ps) != 1:
            continue
        dres[i] = norm(ps[0])
    open(dump, 'w').write('---\ntitle: t\n---\n' + src)
    out = subprocess.run([sys.argv[1]], env={'RST_DUMP': dump, 'RST_HTML': '1'},
                         capture_output=True, text=True).stdout
    h = out[out.find('<'):] if '<' in out else ''
    sres = {}
    for p in re.findall(r'<p[^>]*>(.*?)</p>', out, re.S):
        n = norm(p)
        m = re.match(r'P(\d+) ', n)
        if m:
            sres[int(m.group(1))] = n
    diff = 0
    for i, d in dres.items():
        s = sres.get(i)
        if s != d:
            diff += 1
            print('CASE %r\n  docutils: %s\n  sheaf:    %s' % (cases[i], d, s))
    print('# %d compared, %d differ' % (len(dres), diff))
    os.unlink(dump)
    os.rmdir(os.path.dirname(dump))
    return 1 if diff else 0

sys.exit(main())
