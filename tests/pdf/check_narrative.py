#!/usr/bin/env python3
"""check_narrative.py PDF... - narrative text across pages, read back with
pdftotext -bbox from the PDFs of the narrative fixtures
(tests/pdf/make_narrative.py), whose every word names its paragraph
("p012w0034") and every heading its number ("h007"):

- every paragraph's words are there once and in order;
- a paragraph split between pages leaves at least two of its lines at the
  foot of the page and carries at least two to the next: no orphan and no
  widow, as split table rows are held (check_pdf.py); a paragraph of three
  lines or fewer is never split;
- no heading ends a page (nor a paragraph's number standing alone, on the
  line above the list that opens its paragraph): the next line on its page
  is text of what it heads;
- the fixture still tests what it is for: paragraphs split, headings near
  a page foot (among its last lines or pushed to the next page's top).

With --lone N (a test of the test) the checks run instead on the PDF as if
the first N paragraphs split over pages had left one line alone at the
foot, the rest carried over: they must fail.
Ends with "N passed, N failed".
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

TOKEN = re.compile(r'^p(\d{3})w(\d{4})$')
HEADING = re.compile(r'^h(\d{3})$')
NUMBER = re.compile(r'^\d+(\.\d+)*\.?$')


def pages_of(pdf):
    """Each page's body lines, top to bottom, each a list of words
    (x1, y1, x2, y2, text): the running header and footer left out."""
    out = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True,
                         errors='replace').stdout
    root = ET.fromstring(re.sub(r'<!DOCTYPE[^>]*>', '', out))
    pages = []
    for page in root.iter('{http://www.w3.org/1999/xhtml}page'):
        h = float(page.get('height'))
        words = [tuple(float(w.get(k)) for k in ('xMin', 'yMin', 'xMax', 'yMax')) + (w.text or '',)
                 for w in page.iter('{http://www.w3.org/1999/xhtml}word')]
        # the header ends 62 points down, the body starts at 79; the footer
        # starts 56 points above the foot, the body ends 73 above it
        body = [w for w in words if w[3] > 70 and w[1] < h - 65]
        lines = []
        for w in sorted(body, key=lambda w: (w[1], w[0])):
            if lines and abs(w[1] - lines[-1][0][1]) < 1.0:
                lines[-1].append(w)
            else:
                lines.append([w])
        pages.append([sorted(line) for line in lines])
    return pages


def paragraph_of(line):
    """The paragraph whose words the line holds (None for none), and the
    words' numbers."""
    hits = [TOKEN.match(w[4]) for w in line]
    paras = {int(m.group(1)) for m in hits if m}
    return (paras.pop() if len(paras) == 1 else None if not paras else -1,
            [int(m.group(2)) for m in hits if m])


def is_heading(line):
    """A heading's line; not a contents entry, which ends with its page."""
    return any(HEADING.match(w[4]) for w in line) and not line[-1][4].isdigit()


def is_number_alone(line):
    return len(line) == 1 and NUMBER.match(line[0][4]) is not None


def make_lone(pages, times):
    """The pages as they would be had the layout left a lone line: where a
    paragraph runs from one page to the next, all but one of its lines at
    the first page's foot moved to the next page's head (times times)."""
    pages = [list(p) for p in pages]
    done = 0
    for n in range(len(pages) - 1):
        if done == times or not pages[n] or not pages[n + 1]:
            continue
        para, _ = paragraph_of(pages[n][-1])
        if para is None or para != paragraph_of(pages[n + 1][0])[0]:
            continue
        while len(pages[n]) > 1 and paragraph_of(pages[n][-2])[0] == para:
            pages[n + 1].insert(0, pages[n].pop())
        done += 1
    return pages


def check_pdf(pdf, pages):
    name = os.path.basename(pdf)
    words = {}		# paragraph -> its word numbers, in reading order
    lines_on = {}		# paragraph -> {page: lines}
    for n, lines in enumerate(pages, 1):
        for line in lines:
            para, numbers = paragraph_of(line)
            check(para != -1, f"{name}: page {n}: a line holds two paragraphs' words: "
                  f"{' '.join(w[4] for w in line)[:60]}")
            if para is None or para == -1:
                continue
            words.setdefault(para, []).extend(numbers)
            lines_on.setdefault(para, {}).setdefault(n, 0)
            lines_on[para][n] += 1
    check(len(words) > 10, f"{name}: no numbered paragraphs (not a narrative fixture?)")
    for para, numbers in sorted(words.items()):
        check(numbers == list(range(1, len(numbers) + 1)),
              f"{name}: paragraph p{para:03d}'s words are not all there once and in order")
    split = 0
    for para, counts in sorted(lines_on.items()):
        if len(counts) < 2:
            continue
        split += 1
        first, last = min(counts), max(counts)
        total = sum(counts.values())
        check(total >= 4, f"{name}: paragraph p{para:03d} of {total} lines is split between pages "
              f"{first} and {last}")
        check(counts[first] >= 2 and counts[last] >= 2,
              f"{name}: paragraph p{para:03d} leaves {counts[first]} line(s) at the foot of page "
              f"{first} and {counts[last]} at the head of page {last}")
    check(split >= 5, f"{name}: only {split} paragraphs split between pages: the fixture no "
          "longer tests what it is for")
    # headings (and a number above its list) never end a page
    near_foot = 0
    for n, lines in enumerate(pages, 1):
        for k, line in enumerate(lines):
            if not (is_heading(line) or is_number_alone(line)):
                continue
            what = ' '.join(w[4] for w in line)
            nxt = next((lines[j] for j in range(k + 1, len(lines))
                        if not (is_heading(lines[j]) or is_number_alone(lines[j]))), None)
            check(nxt is not None and paragraph_of(nxt)[0] not in (None, -1),
                  f"{name}: page {n}: '{what}' ends the page, what it heads on the next")
            if is_heading(line) and (k >= len(lines) - 5 or k == 0):
                near_foot += 1
    check(near_foot >= 5, f"{name}: only {near_foot} headings near a page foot or at a page's "
          "top: the fixture no longer tests what it is for")


def main():
    args = sys.argv[1:]
    lone = 0
    if args and args[0] == '--lone':
        lone = int(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    for pdf in args:
        pages = pages_of(pdf)
        check_pdf(pdf, make_lone(pages, lone) if lone else pages)
    finish()


if __name__ == '__main__':
    main()
