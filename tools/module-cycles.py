#!/usr/bin/env python3
"""Fails when sheaf's modules depend on each other in a cycle.

A module is one source file of libsheaf (src/base/util.c); it depends on
every module that defines a symbol it uses, as the linker sees them (nm of
the archive's objects), so a call through a header, a table of generators
or an extern variable all count. Data flows one way (README "Where things
are"): the graph must have no cycle. Prints each cycle with its edges and
the symbols behind them, and exits 1.
Usage: module-cycles.py NM LIBSHEAF.a
"""
import re
import subprocess
import sys


def module(member):
    # meson names an archive member after its source: src_base_util.c.o
    m = re.sub(r'\.(c|cpp)\.o$', '', member.rsplit('/', 1)[-1])
    return m[4:].replace('_', '/', 1) if m.startswith('src_') else m


def read(nm, archive):
    defs, uses, cur = {}, {}, None
    out = subprocess.run([nm, archive], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.endswith(':') and line.strip():
            cur = module(line[:-1])
            uses.setdefault(cur, set())
            continue
        parts = line.split()
        if cur is None or not parts:
            continue
        if len(parts) == 2 and parts[0] == 'U':
            uses[cur].add(parts[1])
        elif len(parts) == 3 and parts[1] in 'TDBRVWGSu':
            defs.setdefault(parts[2], cur)
    graph = {m: {} for m in uses}
    for m, syms in uses.items():
        for s in syms:
            d = defs.get(s)
            if d and d != m:
                graph[m].setdefault(d, []).append(s)
    return graph


def cycles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main():
    graph = read(sys.argv[1], sys.argv[2])
    found = cycles(graph)
    for comp in found:
        print(f'cycle of {len(comp)} modules: ' + ', '.join(comp))
        for a in comp:
            for b in sorted(graph[a]):
                if b in comp:
                    print(f'  {a} -> {b} ({", ".join(sorted(graph[a][b])[:3])})')
    if found:
        return 1
    print(f'{len(graph)} modules, no cycle')
    return 0


if __name__ == '__main__':
    sys.exit(main())
