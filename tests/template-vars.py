#!/usr/bin/env python3
"""README's Templates section names every template and every variable.

Reads the variable table of src/base/template.c (the one place each
template's variables are declared) and checks that README.md's
"## Templates" section has, under each template's heading line
(**`chapter.xhtml`** …), each of its variables in backquotes, and no
variable the table does not have; the man page's --templates paragraph
names the same. Prints TAP.
Usage: template-vars.py SOURCE_ROOT
"""
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
src = open(f"{root}/src/base/template.c", encoding="utf-8").read()
readme = open(f"{root}/README.md", encoding="utf-8").read()

arrays = {
    m.group(1): re.findall(r'^\s*\{"([a-z_]+)", TVAR_(VALUE|LIST)\}', m.group(2), re.M)
    for m in re.finditer(r"static const struct template_var (\w+)\[\] = \{(.*?)\n\};", src, re.S)
}
infos = re.search(r"static const struct template_info S_infos\[\] = \{(.*?)\n\};", src, re.S)
templates = {
    name: arrays.get(vars_, []) if vars_ != "NULL" else []
    for name, vars_ in re.findall(r'\{"([^"]+)", (?:true|false), (\w+)\}', infos.group(1) if infos else "")
}

section = re.search(r"^## Templates\n(.*?)(?=^## )", readme, re.S | re.M)
section = section.group(1) if section else ""
# Each template's part: from its heading line to the next one.
parts = {}
heads = list(re.finditer(r"^\*\*`([^`]+)`\*\*", section, re.M))
for i, h in enumerate(heads):
    parts[h.group(1)] = section[h.end():heads[i + 1].start() if i + 1 < len(heads) else len(section)]

n = failed = 0


def check(ok, name, detail=""):
    global n, failed
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    if not ok:
        failed += 1
        if detail:
            print(f"# {detail}")


check(len(templates) >= 4 and all(templates[t] for t in templates if t.endswith(".xhtml")),
      "the table is read from template.c", repr(templates))
for name, variables in templates.items():
    part = parts.get(name)
    check(part is not None, f"README's Templates section has a part for {name}")
    if part is None:
        continue
    for v, kind in variables:
        row = re.search(rf"^\| `{re.escape(v)}` \| (.*)$", part, re.M)
        check(row is not None, f"README documents {name}'s variable '{v}'",
              f"add a row '| `{v}` | what it holds |' under **`{name}`**")
        if row:
            check(row.group(1).startswith("list:") == (kind == "LIST"),
                  f"README says whether {name}'s '{v}' is a list", "a list's row starts 'list:'")
    listed = re.findall(r"^\| `([a-z_]+)` \|", part, re.M)
    extra = [v for v in listed if v not in dict(variables)]
    check(not extra, f"README lists no variable {name} does not get", ", ".join(extra))
# The man page's --templates paragraph names each template's variables
# ("title, language … and url for \fBchapter.xhtml\fR").
man = open(f"{root}/doc/sheaf.1", encoding="utf-8").read()
para = re.search(r"^\\fB\\-\\-templates\\fR.*?(?=^\.TP)", man, re.S | re.M)
para = " ".join(para.group(0).split()) if para else ""
for name, variables in templates.items():
    if not variables:
        continue
    clause = re.search(r"((?:[a-z_]+, )*[a-z_]+ and [a-z_]+) for \\fB" + re.escape(name) + r"\\fR", para)
    named = re.split(r", | and ", clause.group(1)) if clause else []
    check(sorted(named) == sorted(v for v, _ in variables), f"the man page names {name}'s variables",
          f"man page: {', '.join(named)}")
check(not [h for h in parts if h not in templates], "README names no template that does not exist",
      ", ".join(h for h in parts if h not in templates))
print(f"1..{n}")
sys.exit(1 if failed else 0)
