#!/usr/bin/env bash
# ace-check.sh BOOK.epub - run the DAISY Ace accessibility checker on an EPUB.
#
# Prints one line per violation:  impact  rule-id  file  message
# Exit status:
#    0  no violations
#    1  violations found
#    2  usage error (no such book file)
#   77  skipped: Ace, a browser for it, or python3 is not installed
#   99  Ace ran but failed (e.g. the book is not well-formed XML); its output is printed
#
# Environment:
#   ACE_CLI                   path to ace-cli (default /opt/ace/node_modules/.bin/ace-cli)
#   PUPPETEER_EXECUTABLE_PATH browser for Ace (default: chromium found on PATH)
#   ACE_REPORT_DIR            if set, keep report.json/report.html there instead of a temp dir
#
# Install (Debian 12): apt-get install -y chromium
#   mkdir -p /opt/ace && cd /opt/ace && PUPPETEER_SKIP_DOWNLOAD=1 npm install @daisy/ace-cli
set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 BOOK.epub" >&2
    exit 2
fi
book=$1
if [ ! -f "$book" ]; then
    echo "ace-check: no such file: $book" >&2
    exit 2
fi

ace=${ACE_CLI:-/opt/ace/node_modules/.bin/ace-cli}
if [ ! -x "$ace" ]; then
    echo "ace-check: SKIP: ace-cli not found at $ace (install @daisy/ace-cli or set ACE_CLI)" >&2
    exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "ace-check: SKIP: python3 not found (needed to read Ace's report)" >&2
    exit 77
fi

# Ace drives a headless browser through puppeteer; puppeteer's own download
# is not installed, so point it at the system chromium.
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then
    for b in chromium chromium-browser google-chrome-stable google-chrome; do
        if p=$(command -v "$b" 2>/dev/null); then
            export PUPPETEER_EXECUTABLE_PATH=$p
            break
        fi
    done
    if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ ! -d "${PUPPETEER_CACHE_DIR:-$HOME/.cache/puppeteer}" ]; then
        echo "ace-check: SKIP: no chromium for Ace (apt-get install chromium or set PUPPETEER_EXECUTABLE_PATH)" >&2
        exit 77
    fi
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ace-check.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tmp" "$work/state"
outdir=${ACE_REPORT_DIR:-$work/report}

# TMPDIR: Ace's unpacked book and puppeteer's browser profile; XDG_STATE_HOME:
# Ace's per-run log file. Both are kept inside $work so nothing is left behind.
# Ace (1.4.x) itself launches chromium headless with --no-sandbox, so this
# works as root without a wrapper. Ace exits 0 even when it finds violations;
# non-zero means it could not check the book. Its console output (not -s,
# which hides the reason) is shown only then, without colour codes.
rm -f "$outdir/report.json"
if ! TMPDIR="$work/tmp" XDG_STATE_HOME="$work/state" \
        "$ace" -f -o "$outdir" "$book" >"$work/ace.out" 2>&1 \
        || [ ! -s "$outdir/report.json" ]; then
    echo "ace-check: Ace failed on $book" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$work/ace.out" >&2
    exit 99
fi

python3 - "$outdir/report.json" "$book" <<'PY'
import json, posixpath, sys, zipfile
import xml.etree.ElementTree as ET
from urllib.parse import unquote

def main(report, book):
    with open(report, encoding="utf-8") as f:
        r = json.load(f)

    # Ace names content documents relative to the package document's folder
    # and the package document relative to the zip root: map all to zip paths.
    names, opfdir = set(), ""
    try:
        with zipfile.ZipFile(book) as z:
            names = set(z.namelist())
            c = ET.fromstring(z.read("META-INF/container.xml"))
            rf = c.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
            opfdir = posixpath.dirname(rf.get("full-path"))
    except Exception:
        pass

    def zip_path(url):
        u = unquote(url or "")
        if u.startswith("/"):
            return u.lstrip("/")
        if u in names:
            return u
        p = posixpath.normpath(posixpath.join(opfdir, u))
        return p if p in names else (url or "?")

    n = 0
    for doc in r.get("assertions", []):
        f = zip_path(doc.get("earl:testSubject", {}).get("url"))
        for a in doc.get("assertions", []):
            res, test = a.get("earl:result", {}), a.get("earl:test", {})
            if res.get("earl:outcome") != "fail":
                continue
            msg = res.get("dct:description") or test.get("dct:description") or ""
            css = (res.get("earl:pointer") or {}).get("css") or []
            if css:
                msg += " [" + ", ".join(css) + "]"
            print("  ".join([test.get("earl:impact") or "?",
                             test.get("dct:title") or "?", f,
                             " ".join(msg.split())]))
            n += 1
    return 1 if n else 0

try:
    rc = main(sys.argv[1], sys.argv[2])
except Exception as e:
    print("ace-check: cannot read Ace report %s: %r" % (sys.argv[1], e), file=sys.stderr)
    rc = 99
sys.exit(rc)
PY
