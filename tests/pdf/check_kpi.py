#!/usr/bin/env python3
"""check_kpi.py - the KPI figures of tests/pdf/content/plans/kpi-edges.yaml all
reach its PDF whole.

    check_kpi.py KPI-EDGES.pdf

Every one of the 45 monthly values (1,001 ... 1,045) and the 30 quarterly
money values is a word of its own (never cut short, never split between
lines), every comparator is named, the notes are printed, nothing is
truncated with an ellipsis and negative money reads "-£2.50", not "£-2".
The charts' period labels stand upright where level ones would not fit,
every one of the quarters', the months' at one even step from M01 to M45.
The council's own series is named by the plan's organisation.
Ends with "N passed, N failed".
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402



def upright_words(bbox, pattern):
    """Per page, the words matching pattern set upright (taller than wide):
    the period labels of a chart, turned when level ones would not fit."""
    pages = []
    for page in re.findall(r'<page .*?</page>', bbox, re.S):
        found = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            x1, y1, x2, y2 = (float(v) for v in m.groups()[:4])
            if re.fullmatch(pattern, m.group(5)) and y2 - y1 > x2 - x1:
                found.append((x1, m.group(5)))
        pages.append(sorted(found))
    return pages


def check_period_labels(bbox):
    """The 45 months' chart labels every period upright, or every k-th at an
    even step from M01 to M45 (once M01, M04 ... M40, then M45 alone); the
    thirty quarters' chart labels every one."""
    months = [p for p in upright_words(bbox, r'M\d\d') if p]
    check(len(months) == 1, f"one page with upright month labels (got {len(months)})")
    if months:
        n = [int(w[1:]) for _, w in months[0]]
        steps = {b - a for a, b in zip(n, n[1:])}
        check(n[:1] == [1] and n[-1:] == [45], f"month labels run M01 to M45 (got {n[:1]}..{n[-1:]})")
        check(len(steps) == 1, f"month labels at one even step (got steps {sorted(steps)})")
        check(steps and max(steps) <= 2, f"no more than every other month label left out (steps {sorted(steps)})")
    quarters = [p for p in upright_words(bbox, r'Q[1-4]') if p]
    check(quarters and len(quarters[0]) == 30, f"all 30 quarter labels, upright "
          f"(got {len(quarters[0]) if quarters else 0})")


def main():
    pdf = sys.argv[1]
    text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True, errors='replace').stdout
    bbox = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True,
                          text=True).stdout
    words = [w.replace('&amp;', '&') for w in re.findall(r'<word [^>]*>([^<]*)</word>', bbox)]
    for i in range(1, 46):
        v = f"1,{i:03d}"
        check(v in words, f"monthly value {v} is in the PDF as a word")
    for i in range(30):
        v = -10.0 + (i * 7) % 23 - 0.25 * (i % 3)
        s = f"-£{-v:.2f}" if v < 0 else f"£{v:.2f}"
        check(s in words, f"quarterly value {s} is in the PDF as a word")
    check(words.count('M45') >= 2, "M45 is in the table and labels the chart")
    check_period_labels(bbox)
    check(words.count('COMPARATOREIGHT') >= 2, "the eighth comparator is in legend and table")
    check('NOTESWORD' in words, "the KPI's notes are printed")
    check('…' not in text, "nothing is cut short with an ellipsis")
    check('£-' not in text, "no '£-' (negative money reads '-£')")
    check(not re.search(r'\b1 indicators\b', text), "no '1 indicators'")
    # the council's own series is named alike in legend and table: by the
    # plan's organisation (once the legend said "This council", the table "Value")
    check('Value' not in words, "no figures row named 'Value'")
    lines = [l.strip() for l in text.splitlines()]
    check('This council' not in lines, "no legend entry 'This council' in a plan with an organisation")
    finish()


if __name__ == '__main__':
    sys.exit(main())
