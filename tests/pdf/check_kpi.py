#!/usr/bin/env python3
"""check_kpi.py - the KPI figures of tests/pdf/content/plans/kpi-edges.yaml all
reach its PDF whole.

    check_kpi.py KPI-EDGES.pdf

Every one of the 45 monthly values (1,001 ... 1,045) and the 30 quarterly
money values is a word of its own (never cut short, never split between
lines), every comparator is named, the notes are printed, nothing is
truncated with an ellipsis and negative money reads "-£2.50", not "£-2".
Ends with "N passed, N failed".
"""
import re
import subprocess
import sys

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


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
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
