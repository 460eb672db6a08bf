#!/usr/bin/python3
"""run.py TMP - the checks that read what is drawn catch real bugs: each
mutant is planpress with one small bug put in its source on purpose (a
string of a file replaced, the file found by name under gen/), built in TMP
from a copy of the built tree (only the changed file is compiled again), and
run on fixtures whose check must then fail:

- charts (tests/chart/check_drawn.py, on the PDF fixtures' charts): the
  target line not drawn, a point of a line drawn out of place, a line drawn
  across a value not known;
- narrative text (tests/pdf/check_narrative.py): a paragraph's single line
  left at a page's foot, or carried alone to the next page's head; a
  report's paragraph number not kept with the list it opens with; headings
  no longer kept with what they head.

The copy built as it is (no bug) passes the same checks first, so a mutant
fails for its bug alone. A mutant whose string is no longer in its file
fails too: the code changed, and the mutant must follow it. Needs pikepdf
(/usr/bin/python3). Ends with "N passed, N failed".
"""
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests'))
from tally import check, finish  # noqa: E402

MUTANTS = [
    ("the target line not drawn", 'chart.c',
     "if ((s->kind == SERIES_VALUE) != (pass == 1) || (g.bars && si == 0))",
     "if ((s->kind == SERIES_VALUE) != (pass == 1) || (g.bars && si == 0) ||\n"
     "\t\t\t    s->kind == SERIES_TARGET)", 'charts'),
    ("a point of a line drawn out of place", 'chart.c',
     "double x = chart_marker_x(g, si, i), y = chart_value_y(g, s->values->at[i].value);",
     "double x = chart_marker_x(g, si, i), y = chart_value_y(g, s->values->at[i].value) +\n"
     "\t\t\t\t\t\t\t\t (i == 1 ? 4 : 0);", 'charts'),
    ("a line drawn across a value not known", 'chart.c',
     "pen_down = false;\t/* a gap where the value is not known */",
     "/* no gap where the value is not known */", 'charts'),
    ("a single line left at a page's foot", 'layout.c',
     "if (fit < 2 && !c->fresh)", "if (fit < 1 && !c->fresh)", 'narrative'),
    ("a single line carried alone to a page's head", 'layout.c',
     "if (left >= 4 && fit >= left - 1)", "if (false)", 'narrative'),
    ("a paragraph's number not kept with the list it opens with", 'pdf.c',
     "num->indent = indent;\n\t\t\tnum->keep_with_next = true;",
     "num->indent = indent;", 'narrative'),
    ("headings not kept with what they head", 'layout.c',
     "(p->keep_with_next && !starts_in(c, f, i + 1, space_left(c) - below) &&",
     "(false && !starts_in(c, f, i + 1, space_left(c) - below) &&", 'narrative'),
]

CHART_PLANS = ('chart-edges.yaml', 'chart-gaps.yaml', 'kpi-edges.yaml')


def run(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, errors='replace', **kw)


def find(tree, name):
    hits = [os.path.join(d, name) for d, _, files in os.walk(os.path.join(tree, 'gen'))
            if name in files]
    return hits[0] if len(hits) == 1 else None


class Fixtures:
    """The fixtures every build is checked on, made once."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.charts = os.path.join(tmp, 'charts')
        os.makedirs(os.path.join(self.charts, 'plans'))
        src = os.path.join(ROOT, 'tests', 'pdf', 'content')
        for f in ('site.yaml', 'logo.png'):
            shutil.copy(os.path.join(src, f), self.charts)
        for f in CHART_PLANS:
            shutil.copy(os.path.join(src, 'plans', f), os.path.join(self.charts, 'plans'))
        self.geometry = os.path.join(tmp, 'charts.json')
        with open(self.geometry, 'w') as out:
            subprocess.run([os.path.join(ROOT, 'tests', 'chart', 'geometry'), self.charts,
                            os.path.join(ROOT, 'templates')], stdout=out, check=True)
        self.narrative = os.path.join(tmp, 'narrative')
        subprocess.run([sys.executable, os.path.join(ROOT, 'tests', 'pdf', 'make_narrative.py'),
                        self.narrative], check=True)

    def failures(self, planpress, suite):
        """How the suite's check reads planpress's output: (passed, detail)."""
        site = os.path.join(self.tmp, 'site-' + suite)
        shutil.rmtree(site, ignore_errors=True)
        templates = os.path.join(ROOT, 'templates')
        if suite == 'charts':
            b = run(planpress, 'build', '-q', '--content', self.charts, '--templates', templates,
                    '--out', site)
            if b.returncode:
                return False, 'build failed: ' + b.stderr[-300:]
            c = run('/usr/bin/python3', os.path.join(ROOT, 'tests', 'chart', 'check_drawn.py'),
                    self.geometry, site)
        else:
            b = run(planpress, 'build', '-q', '--content', self.narrative, '--templates',
                    templates, '--out', site)
            r = run(planpress, 'render', '-q', '--content', self.narrative, '--templates',
                    templates, os.path.join(self.narrative, 'reports', 'narrative.yaml'),
                    '-o', os.path.join(site, 'report.pdf'))
            if b.returncode or r.returncode:
                return False, 'build failed: ' + (b.stderr + r.stderr)[-300:]
            c = run(sys.executable, os.path.join(ROOT, 'tests', 'pdf', 'check_narrative.py'),
                    os.path.join(site, 'plans', 'narrative.pdf'), os.path.join(site, 'report.pdf'))
        lines = c.stdout.strip().splitlines()
        return c.returncode == 0, (lines[0] if lines else c.stderr[-300:])


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    tmp = sys.argv[1]
    tree = os.path.join(tmp, 'tree')
    shutil.rmtree(tree, ignore_errors=True)
    os.makedirs(tree)
    # the built tree: sources, objects and library, their times kept so that
    # make compiles only what a mutant changes
    shutil.copytree(os.path.join(ROOT, 'gen'), os.path.join(tree, 'gen'), symlinks=True)
    shutil.copy2(os.path.join(ROOT, 'Makefile'), tree)
    planpress = os.path.join(tree, 'gen', 'planpress')
    fixtures = Fixtures(tmp)

    def build():
        b = run('make', '-s', '-C', tree, 'gen/planpress')
        return b.returncode == 0, b.stderr[-500:]

    ok, err = build()
    check(ok, f"the copy of the tree does not build: {err}")
    if not ok:
        finish()
    for suite in ('charts', 'narrative'):
        passed, detail = fixtures.failures(planpress, suite)
        check(passed, f"the {suite} checks fail planpress as it is, before any mutant: {detail}")
    for what, name, old, new, suite in MUTANTS:
        path = find(tree, name)
        if not path:
            check(False, f"mutant '{what}': no one file named {name} under gen/")
            continue
        with open(path, encoding='utf-8') as f:
            source = f.read()
        if source.count(old) != 1:
            check(False, f"mutant '{what}': {name} no longer holds '{old[:50]}' once; the code "
                  "changed: make the mutant follow it (tests/mutants/run.py)")
            continue
        with open(path, 'w', encoding='utf-8') as f:
            f.write(source.replace(old, new))
        try:
            ok, err = build()
            check(ok, f"mutant '{what}' does not build: {err}")
            if ok:
                passed, detail = fixtures.failures(planpress, suite)
                check(not passed, f"mutant '{what}': the {suite} checks pass it ({detail})")
                if not passed:
                    print(f"caught: {what}: {detail[:150]}")
        finally:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(source)
    finish()


if __name__ == '__main__':
    main()
