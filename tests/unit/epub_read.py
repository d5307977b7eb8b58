#!/usr/bin/env python3
"""Reads back a container written by test_epub with Python's zipfile.

  epub_read.py BOOK MANIFEST DATE   every entry of MANIFEST (lines
                                    "name<TAB>file<TAB>stored|deflated"),
                                    in that order, with the bytes of file,
                                    dated DATE (YYYY-MM-DDTHH:MM:SS)
  epub_read.py BOOK --seq N         N entries e/00000.txt… holding "entry i\\n"

Prints what is wrong as TAP comments and exits 1, or exits 0.
"""
import sys
import zipfile


def fail(msg):
    print("# epub_read.py: " + msg)
    sys.exit(1)


def main():
    book = sys.argv[1]
    try:
        z = zipfile.ZipFile(book)
    except zipfile.BadZipFile as e:
        fail("not a zip: %s" % e)
    bad = z.testzip()  # reads every entry, checking its CRC-32
    if bad is not None:
        fail("bad CRC or data in %r" % bad)
    infos = z.infolist()
    if sys.argv[2] == "--seq":
        n = int(sys.argv[3])
        if len(infos) != n:
            fail("%d entries, expected %d" % (len(infos), n))
        for i, info in enumerate(infos):
            if info.filename != "e/%05d.txt" % i:
                fail("entry %d is %r" % (i, info.filename))
            if z.read(info) != b"entry %d\n" % i:
                fail("entry %d has other bytes" % i)
        return
    with open(sys.argv[2], encoding="utf-8") as f:
        want = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    date = tuple(int(x) for x in sys.argv[3].replace("T", "-").replace(":", "-").split("-"))
    if [i.filename for i in infos] != [w[0] for w in want]:
        fail("names %r, expected %r" % ([i.filename for i in infos], [w[0] for w in want]))
    for info, (name, path, how) in zip(infos, want):
        with open(path, "rb") as f:
            data = f.read()
        if z.read(info) != data:
            fail("%r: other bytes" % name)
        method = zipfile.ZIP_STORED if how == "stored" else zipfile.ZIP_DEFLATED
        if info.compress_type != method:
            fail("%r: method %d, expected %s" % (name, info.compress_type, how))
        if info.date_time != date:
            fail("%r: dated %r, expected %r" % (name, info.date_time, date))
        if info.create_system != 3 or info.external_attr >> 16 != 0o100644:
            fail("%r: not a Unix rw-r--r-- file" % name)
        utf8 = any(ord(c) > 127 for c in name)
        if bool(info.flag_bits & 0x800) != utf8 or info.flag_bits & ~0x800:
            fail("%r: flags %#x" % (name, info.flag_bits))
        if info.extra:
            fail("%r: an extra field" % name)


main()
