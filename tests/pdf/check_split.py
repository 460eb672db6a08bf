#!/usr/bin/env python3
"""check_split.py - the row longer than a page (tests/pdf/content) splits with
its text complete and in order, and the table's header row repeated on every
page the table spans; no paragraph of the row (a hundred words w0001-w0100,
w0101-w0200 ...) has a single line alone on a page; every page the row runs
on to repeats its ref with "(cont.)" and its RAG word. Ends with "N passed,
N failed"."""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

pdf = sys.argv[1]


text = subprocess.run(['pdftotext', '-raw', pdf, '-'], capture_output=True, text=True, errors='replace').stdout
pages = text.split('\f')
words = [w for w in text.split() if len(w) == 5 and w[0] == 'w' and w[1:].isdigit()]
want = [f"w{i:04d}" for i in range(1, 2401)]
check(words == want, f"the long row's 2400 words are not all there in order ({len(words)} found)")
spanned = [i for i, p in enumerate(pages, 1) if any(w in p.split() for w in ('w0001', 'w1200', 'w2400'))
           or any(t.startswith('w') and t[1:].isdigit() and len(t) == 5 for t in p.split())]
check(len(spanned) >= 3, f"the long row should span at least 3 pages, spans {len(spanned)}")
for n in spanned:
    lines = pages[n - 1].splitlines()
    header = any('Ref' in l and 'Actions' in l and 'Timescale' in l for l in lines)
    check(header, f"page {n}: the table's header row is not repeated")
# lines of each paragraph on each page, from the words' positions
xhtml = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True,
                       errors='replace').stdout
root = ET.fromstring(re.sub(r'<!DOCTYPE[^>]*>', '', xhtml))
lines = {}	# (paragraph, page) -> tops of its lines there
for n, page in enumerate(root.iter('{http://www.w3.org/1999/xhtml}page'), 1):
    for word in page.iter('{http://www.w3.org/1999/xhtml}word'):
        t = word.text or ''
        if len(t) == 5 and t[0] == 'w' and t[1:].isdigit():
            para = (int(t[1:]) - 1) // 100
            lines.setdefault((para, n), set()).add(round(float(word.get('yMin')), 1))
for para in sorted({p for p, _ in lines}):
    counts = {n: len(tops) for (p, n), tops in lines.items() if p == para}
    if len(counts) > 1:
        check(min(counts.values()) >= 2,
              f"paragraph {para + 1} of the long row splits with a single line on a page "
              f"(lines by page: {dict(sorted(counts.items()))})")
# the pages the row runs on to say whose row it is
for n in spanned:
    words = pages[n - 1].split()
    if 'w0001' in words:
        continue
    joined = ' '.join(words)
    check('1.9 (cont.)' in joined or '1.9 (continued)' in joined,
          f"page {n}: the long row's continuation does not repeat '1.9 (cont.)'")
    check('Amber' in words, f"page {n}: the long row's continuation does not repeat its RAG word 'Amber'")
after = text.find('After the long row')
check(after > text.find('w2400') > 0, "the row after the long row is missing or misplaced")
finish()
