#!/usr/bin/env python3
"""check_split.py - the row longer than a page (tests/pdf/content) splits with
its text complete and in order, and the table's header row repeated on every
page the table spans. Ends with "N passed, N failed"."""
import subprocess
import sys

pdf = sys.argv[1]
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


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
after = text.find('After the long row')
check(after > text.find('w2400') > 0, "the row after the long row is missing or misplaced")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
