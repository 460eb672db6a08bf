#!/usr/bin/env python3
"""check_pdf.py - checks a planpress PDF with the tools a reader's software uses.

    check_pdf.py [--pack] PLAN.pdf [PLAN.csv]

qpdf --check is clean; pdfinfo shows A4 pages, tagged, with a title; pdffonts
shows every font embedded and subset; every figure's structure element has
alternative text, the one of the figure it tags; the page labels a viewer
shows are the printed page numbers; pdftotext has "Page N of M" on every page and, given
the plan's CSV, every action ref in order and every RAG word; pdftotext -bbox
shows no word outside the margins and no two words overlapping. With --pack
(an agenda pack, numbered "Page N" from its first paper) page numbers are left
to check_pack.py. Prints one line per failure and ends with "N passed, N failed".
"""
import csv
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

A4 = (595.276, 841.89)
MARGIN = 18 * 72 / 25.4 - 1.0      # the style's smallest margin, less rounding
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


def run(*args):
    # pdftotext can write an emoji of a title as invalid UTF-8
    return subprocess.run(args, capture_output=True, text=True, errors='replace')


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ('-h', '--help'):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 else 2)
    pack = sys.argv[1] == '--pack'
    if pack:
        del sys.argv[1]
    pdf = sys.argv[1]
    name = pdf.split('/')[-1]
    q = run('qpdf', '--check', pdf)
    check(q.returncode == 0 and 'No syntax or stream encoding errors' in q.stdout,
          f"{name}: qpdf --check: {q.stdout.strip()[-200:]} {q.stderr.strip()[-200:]}")

    info = run('pdfinfo', '-f', '1', '-l', '100000', pdf).stdout
    check(re.search(r'^Tagged:\s+yes', info, re.M) is not None, f"{name}: not tagged")
    title = re.search(r'^Title:\s+(.+)$', info, re.M)
    check(title is not None and title.group(1).strip() != '', f"{name}: no title")
    sizes = re.findall(r'^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)', info, re.M)
    check(len(sizes) > 0, f"{name}: no pages")
    for i, (w, h) in enumerate(sizes, 1):
        dims = sorted((float(w), float(h)))
        check(abs(dims[0] - A4[0]) < 0.5 and abs(dims[1] - A4[1]) < 0.5,
              f"{name}: page {i} is {w} x {h}, not A4")

    fonts = run('pdffonts', pdf).stdout.splitlines()[2:]
    check(len(fonts) > 0, f"{name}: no fonts")
    for line in fonts:
        cols = line.split()
        # name type encoding emb sub uni object ID: the type may be two words, so count from the end
        check(len(cols) >= 7 and cols[-5] == 'yes', f"{name}: font not embedded: {line}")
        check(len(cols) >= 7 and cols[-4] == 'yes', f"{name}: font not subset: {line}")

    pages = run('pdftotext', '-layout', pdf, '-').stdout.split('\f')
    pages = [p for p in pages if p.strip()]
    total = len(pages)
    for i, text in enumerate(pages, 1):
        if not pack:
            check(f"Page {i} of {total}" in text, f"{name}: page {i} lacks 'Page {i} of {total}'")

    check_contents(name, pages)
    doc = json.loads(run('qpdf', '--json=2', '--json-key=qpdf', '--json-key=pages', pdf).stdout)
    check_labels(name, doc, pages)
    check_figures(name, pdf, doc)
    if len(sys.argv) > 2:
        check_actions(name, pdf, sys.argv[2])
    check_geometry(name, pdf)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def check_labels(name, doc, pages):
    """The label of each page is its printed number ("Page 3 of 9", "Page 3",
    "Pages 3 - 5"); unnumbered pages (a pack's summons and agenda) are
    labelled in roman numerals."""
    labels = [p.get('label') or {} for p in doc['pages']]
    check(len(labels) == len(pages), f"{name}: {len(labels)} page labels for {len(pages)} pages")
    for i, (label, text) in enumerate(zip(labels, pages), 1):
        printed = re.findall(r'(?:^|\s)Pages? (\d+)(?: of \d+| - \d+)?\s*$', text, re.M)
        if printed:
            want = {'/S': '/D', '/St': int(printed[-1])}
        else:
            want = {'/S': '/r'}
        check(all(label.get(k) == v for k, v in want.items()),
              f"{name}: page {i} is labelled {label}, not {want}")


def struct_figures(doc):
    """Each /Figure structure element's /Alt, in the order of the structure
    tree (the order pdfinfo -struct-text prints)."""
    objs = doc['qpdf'][1]
    get = lambda ref: objs.get('obj:' + ref, {}).get('value') if isinstance(ref, str) else ref
    root = get(get(objs['trailer']['value']['/Root'])['/StructTreeRoot'])
    alts = []
    def walk(node):
        node = get(node)
        if not isinstance(node, dict):
            return
        if node.get('/S') == '/Figure':
            alt = node.get('/Alt', '')
            alts.append(bytes.fromhex(alt[2:]).decode('utf-16') if alt.startswith('b:') else alt[2:])
        kids = node.get('/K', [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, str):
                walk(kid)
    walk(root)
    return alts


def check_figures(name, pdf, doc):
    """Every figure has alternative text, and it is its own: the text a
    figure draws (its legend's names, the whole plan's RAG bar) is named in
    its alternative text, so no alt text is given to the figure beside it."""
    alts = struct_figures(doc)
    tree = run('pdfinfo', '-struct-text', pdf).stdout.splitlines()
    drawn = [tree[i + 1].strip().strip('"') for i, line in enumerate(tree[:-1]) if line == 'Figure']
    check(len(drawn) == len(alts), f"{name}: {len(alts)} figures in the structure tree, pdfinfo shows {len(drawn)}")
    for i, (alt, text) in enumerate(zip(alts, drawn), 1):
        check(alt.strip() != '', f"{name}: figure {i} has no alternative text")
        if text.startswith('Whole plan'):
            check('action' in alt, f"{name}: figure {i} (the RAG summary) has the alt text '{alt[:80]}'")
        for series in ('England', 'Statistical neighbours', 'West Midlands', 'National', 'Region'):
            if series in text:
                check(series in alt, f"{name}: figure {i} draws '{series}', its alt text '{alt[:80]}' does not name it")


def check_actions(name, pdf, csv_path):
    """Every ref in order, and every RAG word, in the PDF's text."""
    raw = run('pdftotext', '-raw', pdf, '-').stdout
    words = raw.split()
    with open(csv_path, newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    pos = 0
    for row in rows:
        ref = row['ref']
        try:
            pos = words.index(ref, pos) + 1
            check(True, '')
        except ValueError:
            check(False, f"{name}: action {ref} missing or out of order")
    labels = {'red': 'Red', 'amber': 'Amber', 'green': 'Green', 'blue': 'Blue'}
    for rag, label in labels.items():
        want = sum(1 for r in rows for k in ('progress_rag', 'impact_rag') if r[k] == rag)
        if want:
            got = words.count(label)
            check(got >= want, f"{name}: {want} actions rated {rag} but '{label}' appears {got} times")


def check_contents(name, pages):
    """Every contents entry's page number is the printed number ("Page N") of
    a page whose text starts with that entry's heading."""
    printed = {}
    for text in pages:
        m = re.search(r'Page (\d+)(?: of \d+)?\s*$', text.rstrip())
        if m:
            printed[int(m.group(1))] = ' '.join(text.split())
    for text in pages:
        lines = text.splitlines()
        start = next((i for i, l in enumerate(lines) if l.strip() == 'Contents'), None)
        if start is None:
            continue
        entry = ''
        for line in lines[start + 1:]:
            m = re.match(r'^(.*?)\s{2,}(\d+)$', line.strip())
            if not m:
                if line.strip() and not re.search(r'Page \d+', line):
                    entry += ' ' + line.strip()
                continue
            entry = ' '.join((entry + ' ' + m.group(1)).split())
            number = int(m.group(2))
            check(number in printed and entry[:40] in printed[number],
                  f"{name}: contents entry '{entry[:50]}' says page {number}, "
                  "which does not carry that heading")
            entry = ''


def check_geometry(name, pdf):
    """No word outside the margins, no two words overlapping."""
    xhtml = run('pdftotext', '-bbox', pdf, '-').stdout
    xhtml = re.sub(r'<!DOCTYPE[^>]*>', '', xhtml)
    root = ET.fromstring(xhtml)
    ns = {'h': 'http://www.w3.org/1999/xhtml'}
    for n, page in enumerate(root.iter('{http://www.w3.org/1999/xhtml}page'), 1):
        w, h = float(page.get('width')), float(page.get('height'))
        boxes = []
        for word in page.iter('{http://www.w3.org/1999/xhtml}word'):
            x1, y1, x2, y2 = (float(word.get(k)) for k in ('xMin', 'yMin', 'xMax', 'yMax'))
            inside = x1 >= MARGIN and y1 >= MARGIN - 4 and x2 <= w - MARGIN and y2 <= h - MARGIN + 4
            if not inside:
                check(False, f"{name}: page {n}: '{word.text}' at ({x1:.1f},{y1:.1f})-({x2:.1f},{y2:.1f}) is outside the margins")
            boxes.append((x1, y1, x2, y2, word.text))
        # overlaps: sort by x and compare neighbours that could touch
        boxes.sort()
        overlaps = 0
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                if b[0] >= a[2] - 0.5:
                    break
                ox = min(a[2], b[2]) - max(a[0], b[0])
                oy = min(a[3], b[3]) - max(a[1], b[1])
                # glyph boxes of adjacent lines touch; real overlap is deeper
                if ox > 1.0 and oy > 0.35 * min(a[3] - a[1], b[3] - b[1]):
                    overlaps += 1
                    if overlaps <= 3:
                        check(False, f"{name}: page {n}: '{a[4]}' overlaps '{b[4]}'")
        check(overlaps == 0 or overlaps <= 3, f"{name}: page {n}: {overlaps} overlapping words")
        if overlaps == 0:
            check(True, '')


if __name__ == '__main__':
    main()
