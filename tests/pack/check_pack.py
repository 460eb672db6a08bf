#!/usr/bin/env python3
"""check_pack.py - reads an agenda pack back with pdftotext and qpdf.

    check_pack.py PUBLIC.pdf [FULL.pdf SECRET-WORD]

Every agenda "(Pages a - b)" equals the printed page numbers of the first and
last page of that item's papers, the first of which carries "Agenda Item N";
paper pages are numbered 1, 2, 3 ... without a gap; each item with papers has a
bookmark; the secret word of the exempt paper is absent from the public pack
and present in the full one. Ends with "N passed, N failed".
"""
import json
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


def pages_of(pdf):
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True, errors='replace').stdout
    return text.split('\f')[:-1] if text.endswith('\f') else text.split('\f')


def main():
    public = sys.argv[1]
    pages = pages_of(public)
    # printed numbers: "Page N" at the foot of numbered pages
    printed = []
    for p in pages:
        m = re.findall(r'^\s*Page (\d+)\s*$', p, re.M)
        printed.append(int(m[-1]) if m else None)
    numbered = [n for n in printed if n is not None]
    check(numbered == list(range(1, len(numbered) + 1)),
          f"paper pages are not numbered 1..{len(numbered)} without gaps: {numbered}")
    first_numbered = next((i for i, n in enumerate(printed) if n is not None), len(pages))
    check(all(n is None for n in printed[:first_numbered]) and first_numbered >= 2,
          "the summons and agenda should be unnumbered pages before the papers")

    agenda = '\n'.join(pages[:first_numbered])
    # each entry: a line starting with the item's number, its "(Pages a - b)"
    # on that line or a later one, should the title wrap
    entries, current = [], None
    for line in agenda.splitlines():
        start = re.match(r'^\s*(\d+)\s+\S', line)
        if start:
            current = start.group(1)
        found = re.search(r'\(Pages?\s(\d+)(?:\s-\s(\d+))?\)', line)
        if found and current is not None:
            entries.append((current, '', found.group(1), found.group(2)))
            current = None
    check(len(entries) > 0, "no '(Pages a - b)' in the agenda")
    check(not re.search(r'\(Pages?\s*$|\(Pages\s\d+\s-\s*$', agenda, re.M),
          "an agenda page range is split over two lines")
    stamps = {}
    for i, p in enumerate(pages):
        for n in re.findall(r'Agenda Item (\d+)', p.splitlines()[0] if p.strip() else ''):
            stamps.setdefault(int(n), i)
    # every stamped item is on the agenda with its pages: none skipped
    listed = {int(e[0]) for e in entries}
    for number in sorted(stamps):
        check(number in listed, f"item {number} has papers but no '(Pages a - b)' was read")
    for number, title, a, b in entries:
        number, a = int(number), int(a)
        b = int(b) if b else a
        idx = stamps.get(number)
        check(idx is not None, f"item {number}: no page stamped 'Agenda Item {number}'")
        if idx is None:
            continue
        check(printed[idx] == a, f"item {number}: agenda says page {a}, its first page is printed {printed[idx]}")
        # the last page: the page before the next stamped item, or the last page
        later = sorted(i for n, i in stamps.items() if i > idx)
        last = (later[0] - 1) if later else len(pages) - 1
        check(printed[last] == b, f"item {number}: agenda says last page {b}, it is printed {printed[last]}")

    outlines = json.loads(subprocess.run(['qpdf', '--json', '--json-key=outlines', public],
                                         capture_output=True, text=True, errors='replace').stdout)['outlines']
    titles = [o['title'] for o in outlines]
    for number, title, a, b in entries:
        check(any(t.startswith(f"Item {number}:") for t in titles), f"no bookmark for item {number}")
    if len(sys.argv) > 3:
        full, secret = sys.argv[2], sys.argv[3]
        check(secret not in '\n'.join(pages), f"the exempt paper's text '{secret}' is in the public pack")
        check(secret in '\n'.join(pages_of(full)), f"the exempt paper's text '{secret}' is missing from the full pack")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
