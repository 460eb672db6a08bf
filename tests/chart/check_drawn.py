#!/usr/bin/python3
"""check_drawn.py GEOMETRY SITE - every KPI chart of a built site read back
from what is drawn (tests/chart/drawn.py): each chart's SVG file and its
figure in the plan's PDF, against the geometry tests/chart/geometry wrote for
the same content; then the PDF and SVG drawings of each chart against each
other. Every chart SVG of the site must be in the geometry, and every chart
of the geometry drawn. Needs pikepdf (Debian's python3-pikepdf, so run with
/usr/bin/python3). Ends with "N passed, N failed".
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import check, finish  # noqa: E402
import drawn  # noqa: E402


def read(site, g):
    path = os.path.join(site, g['file'])
    if g['output'] == 'svg':
        return drawn.svg_drawing(path)
    return drawn.pdf_drawing(path, g)


def name(g):
    where = f" (page {g['page']})" if g['output'] == 'pdf' else ''
    return f"{g['file']}{where} {g['kpi']}"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        charts = [json.loads(line) for line in f if line.strip()]
    site = sys.argv[2]
    check(len(charts) > 0, f"{sys.argv[1]}: no charts (the test would prove nothing)")
    folder = os.path.join(site, 'assets', 'charts')
    files = sorted(n for n in os.listdir(folder) if n.endswith('.svg')) if os.path.isdir(folder) else []
    known = {os.path.basename(g['file']) for g in charts if g['output'] == 'svg'}
    check(set(files) == known, f"{site}: chart files without geometry {sorted(set(files) - known)[:3]}, "
          f"geometry without files {sorted(known - set(files))[:3]}")
    readings = {}
    for g in charts:
        fails, reading = drawn.check(g, read(site, g))
        check(not fails, f"{name(g)}: " + '; '.join(f"[{r}] {m}" for r, m in fails[:6]) +
              (f" (and {len(fails) - 6} more)" if len(fails) > 6 else ''))
        tol = drawn.TOL * (g['max'] - g['min']) / g['plot'][3]
        readings.setdefault((g['plan'], g['kpi']), []).append((g, reading, tol))
    for (plan, kpi), rs in sorted(readings.items()):
        svg = [r for r in rs if r[0]['output'] == 'svg']
        pdf = [r for r in rs if r[0]['output'] == 'pdf']
        check(len(svg) == 1 and len(pdf) >= 1, f"{plan} {kpi}: charted {len(svg)} times as SVG, "
              f"{len(pdf)} in the PDF")
        for g, reading, tol in pdf:
            for _, other, tol2 in svg:
                fails = drawn.agree(reading, other, max(tol, tol2))
                check(not fails, f"{name(g)} and its SVG differ: " +
                      '; '.join(m for _, m in fails[:6]))
    finish()


if __name__ == '__main__':
    main()
