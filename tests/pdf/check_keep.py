#!/usr/bin/env python3
"""check_keep.py - headings inside table cells stay with what they head.

    check_keep.py PLAN.pdf HEADING... [--kept LINE...]

Each HEADING (the text of a heading line inside a cell, such as "Updates")
is found on its own line of a cell in the PDF, and is followed on the same
page by another line of the same cell: no fragment of a row split between
pages ends with a heading whose text is on the next page. Each heading is
also seen at a page turn (the last line of its cell on a page, or the first
of a row's continuation, level with its ref), so that the fixture
(tests/pdf/content/plans/cell-heading.yaml) still tests what it is for.
Each LINE after --kept (an update's date line, which heads its note) is held
to the first rule only: kept with what follows, it may move to the next page
with the heading above it rather than stand at a turn itself.
Ends with "N passed, N failed"."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

XHTML = '{http://www.w3.org/1999/xhtml}'


def bbox_pages(pdf):
    """Each page's height and words (x1, y1, x2, y2, text) in reading order."""
    out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True,
                         errors='replace').stdout
    root = ET.fromstring(re.sub(r'<!DOCTYPE[^>]*>', '', out))
    pages = []
    for page in root.iter(XHTML + 'page'):
        words = [tuple(float(w.get(k)) for k in ('xMin', 'yMin', 'xMax', 'yMax')) + (w.text or '',)
                 for w in page.iter(XHTML + 'word')]
        pages.append((float(page.get('height')), words))
    return pages


def heading_lines(words, heading):
    """(first word, last word) of each line that is heading alone in its cell."""
    want = heading.split()
    found = []
    for i in range(len(words) - len(want) + 1):
        run = words[i:i + len(want)]
        if [w[4] for w in run] != want or any(abs(w[1] - run[0][1]) > 1.0 for w in run):
            continue
        # alone in its cell: no word just before or after it on the line
        line = [w for w in words if abs(w[1] - run[0][1]) <= 1.0 and w not in run]
        if any(0 <= run[0][0] - w[2] < 8 or 0 <= w[0] - run[-1][2] < 8 for w in line):
            continue
        found.append((run[0], run[-1]))
    return found


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    pdf, args = sys.argv[1], sys.argv[2:]
    kept = args[args.index('--kept') + 1:] if '--kept' in args else []
    headings = args[:args.index('--kept')] if '--kept' in args else args
    pages = bbox_pages(pdf)
    for heading in headings + kept:
        seen = turn = 0
        for n, (height, words) in enumerate(pages, 1):
            body = [w for w in words if w[1] < 0.9 * height]	# not the page's footer
            for first, last in heading_lines(body, heading):
                seen += 1
                below = [w for w in body if abs(w[0] - first[0]) < 2.0 and w[1] > last[3] - 0.5]
                check(below, f"{pdf}: page {n}: the heading '{heading}' ends its cell on the "
                      "page, its text on the next")
                # the first line of a continuation: level with the ref over "(cont.)"
                cont = [r for c in words if c[4] in ('(cont.)', '(continued)')
                        for r in words if abs(r[0] - c[0]) < 2.0 and 0 < c[1] - r[1] < 15]
                at_top = any(abs(ref[1] - first[1]) < 3.0 for ref in cont)
                turn += not below or at_top
        check(seen, f"{pdf}: no heading '{heading}' on a line of its own")
        check(turn or heading in kept, f"{pdf}: the heading '{heading}' is nowhere at a page turn: the fixture "
              "no longer splits a row there (adjust its amounts of text)")
    finish()


if __name__ == '__main__':
    main()
