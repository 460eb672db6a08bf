#!/usr/bin/env python3
"""check_pdf.py - checks a planpress PDF with the tools a reader's software uses.

    check_pdf.py [--pack] [--lang cy] PLAN.pdf [PLAN.csv]

qpdf --check is clean; pdfinfo shows A4 pages, tagged, with a title; pdffonts
shows every font embedded and subset; every figure's structure element has
alternative text, the one of the figure it tags; the page labels a viewer
shows are the printed page numbers; pdftotext has "Page N of M" on every page and, given
the plan's CSV, every action ref in order and every RAG word; pdftotext -bbox
shows no word outside the margins and no two words overlapping and, given the
CSV, action tables set as a clerk would: no page ends with a table's caption or
header row, a row split between pages leaves no paragraph with a single line on
either side, and every page a row continues on repeats its ref with "(cont.)"
and its RAG words. With --pack
(an agenda pack, numbered "Page N" from its first paper) page numbers are left
to check_pack.py. With --lang cy, a PDF in Welsh: "Tudalen N o M", "(parh.)"
and the Welsh RAG words. Prints one line per failure and ends with "N passed, N failed".
"""
import csv
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

# The words the checks read, in the PDF's language (templates/messages).
LANGUAGES = {
    'en': {'page': 'Page', 'pages': 'Pages', 'of': 'of', 'continued': ('(cont.)', '(continued)'),
           'rag': {'red': 'Red', 'amber': 'Amber', 'green': 'Green', 'blue': 'Blue'},
           'not_rated': 'Not rated', 'contents': 'Contents'},
    'cy': {'page': 'Tudalen', 'pages': 'Tudalennau', 'of': 'o', 'continued': ('(parh.)',),
           'rag': {'red': 'Coch', 'amber': 'Ambr', 'green': 'Gwyrdd', 'blue': 'Glas'},
           'not_rated': 'Heb sgôr', 'contents': 'Cynnwys'},
}
W = LANGUAGES['en']

A4 = (595.276, 841.89)
MARGIN = 18 * 72 / 25.4 - 1.0      # the style's smallest margin, less rounding


def run(*args):
    # pdftotext can write an emoji of a title as invalid UTF-8
    return subprocess.run(args, capture_output=True, text=True, errors='replace')


def main():
    if len(sys.argv) < 2 or sys.argv[1] in ('-h', '--help'):
        print(__doc__)
        sys.exit(0 if len(sys.argv) > 1 else 2)
    global W, RAG_LABELS, CONTINUED
    pack = sys.argv[1] == '--pack'
    if pack:
        del sys.argv[1]
    if sys.argv[1] == '--lang':
        W = LANGUAGES[sys.argv[2]]
        RAG_LABELS, CONTINUED = W['rag'], W['continued']
        del sys.argv[1:3]
    pdf = sys.argv[1]
    name = pdf.split('/')[-1]
    q = run('qpdf', '--check', pdf)
    check(q.returncode == 0 and 'No syntax or stream encoding errors' in q.stdout,
          f"{name}: qpdf --check: {q.stdout.strip()[-200:]} {q.stderr.strip()[-200:]}")
    if q.returncode not in (0, 3):	# not a PDF at all: nothing more can be read
        finish()

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
            want = f"{W['page']} {i} {W['of']} {total}"
            check(want in text, f"{name}: page {i} lacks '{want}'")

    check_contents(name, pages)
    doc = json.loads(run('qpdf', '--json=2', '--json-key=qpdf', '--json-key=pages', pdf).stdout)
    check_labels(name, doc, pages)
    check_figures(name, pdf, doc)
    check_uris(name, doc)
    boxes = bbox_pages(pdf)
    if len(sys.argv) > 2:
        check_actions(name, pdf, sys.argv[2])
        check_tables(name, boxes, sys.argv[2])
    check_geometry(name, boxes)
    finish()


def check_labels(name, doc, pages):
    """The label of each page is its printed number ("Page 3 of 9", "Page 3",
    "Pages 3 - 5"); unnumbered pages (a pack's summons and agenda) are
    labelled in roman numerals."""
    labels = [p.get('label') or {} for p in doc['pages']]
    check(len(labels) == len(pages), f"{name}: {len(labels)} page labels for {len(pages)} pages")
    for i, (label, text) in enumerate(zip(labels, pages), 1):
        printed = re.findall(r'(?:^|\s)(?:%s|%s) (\d+)(?: %s \d+| - \d+)?\s*$'
                             % (W['page'], W['pages'], W['of']), text, re.M)
        if printed:
            want = {'/S': '/D', '/St': int(printed[-1])}
        else:
            want = {'/S': '/r'}
        check(all(label.get(k) == v for k, v in want.items()),
              f"{name}: page {i} is labelled {label}, not {want}")


# What RFC 3986 lets a URI hold; a PDF URI action is 7-bit ASCII besides.
URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def check_uris(name, doc):
    """Every link's /URI action is an ASCII URI a viewer can open."""
    def actions(value):
        if isinstance(value, dict):
            if value.get('/S') == '/URI':
                yield value
            for v in value.values():
                yield from actions(v)
        elif isinstance(value, list):
            for v in value:
                yield from actions(v)
    for key, obj in doc['qpdf'][1].items():
        for action in actions(obj.get('value') if isinstance(obj, dict) else None):
            uri = action.get('/URI', '')
            # qpdf --json=2 writes strings as "u:text" (or "b:hex" for bytes)
            text = uri[2:] if uri.startswith('u:') else bytes.fromhex(uri[2:]).decode('latin-1')
            check(URI_CHARS.match(text) is not None and '%' not in re.sub(r'%[0-9A-Fa-f]{2}', '', text),
                  f"{name}: link {key} has an address that is not an ASCII URI: {text!r}")


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
        lines = list(csv.DictReader(f))
    # an action with steps has a CSV line for each step, its own fields
    # repeated: one row an action here
    rows = [r for i, r in enumerate(lines)
            if i == 0 or (r['ref'], r.get('suffix'), r['theme_ref']) !=
            (lines[i - 1]['ref'], lines[i - 1].get('suffix'), lines[i - 1]['theme_ref'])]
    pos = 0
    for row in rows:
        ref = row['ref']
        try:
            pos = words.index(ref, pos) + 1
            check(True, '')
        except ValueError:
            check(False, f"{name}: action {ref} missing or out of order")
    for rag, label in RAG_LABELS.items():
        want = sum(1 for r in rows for k in ('progress_rag', 'impact_rag') if r[k] == rag)
        if want:
            got = words.count(label)
            check(got >= want, f"{name}: {want} actions rated {rag} but '{label}' appears {got} times")


RAG_LABELS = {'red': 'Red', 'amber': 'Amber', 'green': 'Green', 'blue': 'Blue'}
CONTINUED = ('(cont.)', '(continued)')


def norm(text):
    """Letters and digits only, lower case: text compared across line breaks,
    without the hyphens a break adds or markdown's marks."""
    return ''.join(ch for ch in text.lower() if ch.isalnum())


def source_paragraphs(row):
    """The paragraphs of an action's cells as its CSV gives them (markdown
    paragraphs and list items, each lead, each update), normalised."""
    out = (row.get('leads') or '').split('; ')
    for key in ('title', 'action', 'outcome', 'measure', 'due', 'progress', 'updates'):
        text = re.sub(r'\]\([^)]*\)', ']', row.get(key) or '')
        for block in re.split(r'\n\s*\n', text):
            para = ''
            for line in block.split('\n'):
                if para and (key == 'updates' or re.match(r'\s*([-*+]|\d+[.)])\s', line)):
                    out.append(para)
                    para = ''
                para += ' ' + line
            out.append(para)
    return [n for n in (norm(p) for p in out) if n]


def group_lines(words):
    """Words into lines by their top, each line left to right."""
    lines = []
    for word in sorted(words, key=lambda w: (w[1], w[0])):
        if lines and abs(word[1] - lines[-1][0][1]) < 1.0:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line) for line in lines]


def text_of(line):
    return ' '.join(w[4] for w in line)


def body_lines(page):
    """A page's lines without its running head and its footer."""
    _, h, words = page
    lines = group_lines(words)
    if lines and lines[0][0][1] < 0.15 * h:
        lines = lines[1:]
    if lines and lines[-1][0][1] > 0.85 * h and any(x[4] == W['page'] for x in lines[-1]):
        lines = lines[:-1]
    return lines


def cells_of(line, starts):
    """A line of a table split at the columns' left edges: {column: words}."""
    cells = {}
    for word in line:
        col = max([i for i, x in enumerate(starts) if word[0] >= x - 3.5] or [0])
        cells.setdefault(col, []).append(word)
    return cells


def check_tables(name, pages, csv_path):
    """Action tables as a clerk would set them: see the module's comment."""
    with open(csv_path, newline='', encoding='utf-8') as f:
        rows = {r['ref']: r for r in csv.DictReader(f)}
    if not rows:
        return
    page_lines = [body_lines(p) for p in pages]
    flat = [(n, line) for n, lines in enumerate(page_lines) for line in lines]
    # the header row: the lines between a caption and the first row's ref
    header, starts = set(), set()
    for k, (_, line) in enumerate(flat):
        if not text_of(line).startswith('Actions for '):
            continue
        for _, row_line in flat[k + 1:]:
            if any(w[4] in rows for w in row_line):
                break
            prev = None
            for word in row_line:
                header.add((round(word[0], 1), word[4]))
                if prev is None or word[0] - prev[2] > 4.0:	# a new cell, not a word space
                    starts.add(round(word[0], 1))
                prev = word
        break
    if not header:
        return
    starts = sorted(starts)

    def is_header(line):
        return all((round(w[0], 1), w[4]) in header for w in line)

    # no page ends with a caption or the header row: they go with the first row
    for n, lines in enumerate(page_lines, 1):
        if not lines:
            continue
        last = text_of(lines[-1])
        check(not is_header(lines[-1]), f"{name}: page {n} ends with a table's header row ('{last}')")
        check(not last.startswith('Actions for '), f"{name}: page {n} ends with a table's caption ('{last}')")

    # a row's first word in the ref column: its ref
    ref_col = None
    for _, line in flat:
        for col, words in cells_of(line, starts).items():
            if words[0][4] in rows and not is_header(line):
                ref_col = col
                break
        if ref_col is not None:
            break
    if ref_col is None:
        return

    def rows_on(lines):
        """(line index, ref) of each row that starts (or is repeated) on a page."""
        out = []
        for i, line in enumerate(lines):
            cell = cells_of(line, starts).get(ref_col)
            if cell and cell[0][4] in rows and not is_header(line):
                out.append((i, cell[0][4]))
        return out

    current = None		# the action whose row the last page ended in
    rag_cols = {}		# its RAG words by column, from its first page
    prev_fragment = None	# its lines on the page before
    for n, lines in enumerate(page_lines, 1):
        top = 0
        while top < len(lines) and is_header(lines[top]):
            top += 1
        starts_here = rows_on(lines)
        continued = top > 0 and current is not None and top < len(lines) and \
            not (starts_here and starts_here[0][0] == top and starts_here[0][1] != current)
        if continued:
            end = next((i for i, ref in starts_here if i > top and ref != current), len(lines))
            fragment = lines[top:end]
            check_continued(name, n, current, rows[current], rag_cols, prev_fragment, fragment,
                            starts, ref_col)
            prev_fragment = fragment
        new = [(i, ref) for i, ref in starts_here if ref != current or not continued]
        if new:
            i, current = new[-1]
            prev_fragment = lines[i:]
            first = cells_of(lines[i], starts)
            # a row of steps has a rating a line: only its own ratings that
            # span the lines (impact) are repeated on a page it runs on to
            spanning = ('impact_rag',) if rows[current].get('step') else ('progress_rag', 'impact_rag')
            rag_cols = {col: text_of(words) for col, words in first.items()
                        if text_of(words) in [RAG_LABELS.get(rows[current][k], W['not_rated'])
                                              for k in spanning if rows[current][k]]}
        elif not continued:
            current = None


def check_continued(name, n, ref, row, rag_cols, before, after, starts, ref_col):
    """Page n carries on the row of action ref from the page before: the ref,
    "(cont.)" and the RAG words again, and no paragraph with one line alone."""
    cols_after = {}
    for line in after:
        for col, words in cells_of(line, starts).items():
            cols_after.setdefault(col, []).append(text_of(words))
    cols_before = {}
    for line in before:
        for col, words in cells_of(line, starts).items():
            cols_before.setdefault(col, []).append(text_of(words))
    marker = ' '.join(cols_after.get(ref_col, []))
    check(any(marker.startswith(f"{ref} {c}") for c in CONTINUED),
          f"{name}: page {n} continues row {ref} but its ref cell begins '{marker[:40]}', "
          f"not '{ref} (cont.)' or '{ref} (continued)'")
    for col, word in rag_cols.items():
        got = (cols_after.get(col) or [''])[0]
        check(got == word, f"{name}: page {n} continues row {ref} without its RAG word '{word}' "
              f"(the cell begins '{got}')")
    paragraphs = source_paragraphs(row)
    for col, below in cols_after.items():
        above = cols_before.get(col)
        if not above:
            continue
        skip = 0
        while skip < len(below) and (below[skip] in (ref,) + CONTINUED or
                                     below[skip] in (f"{ref} {c}" for c in CONTINUED) or
                                     below[skip] == rag_cols.get(col)):
            skip += 1
        below = below[skip:]
        if not below:
            continue
        seam = norm(above[-1]) + norm(below[0])
        para = next((p for p in paragraphs if seam in p), None)
        if para is None:
            continue	# the page turns between paragraphs
        foot = 1
        while foot < len(above) and norm(' '.join(above[-foot - 1:])) + norm(below[0]) in para:
            foot += 1
        head = 1
        while head < len(below) and norm(above[-1]) + norm(' '.join(below[:head + 1])) in para:
            head += 1
        check(foot >= 2 and head >= 2,
              f"{name}: pages {n - 1}-{n}: row {ref} splits a paragraph leaving {foot} line(s) "
              f"at the foot and {head} at the top ('{above[-1][:30]}' / '{below[0][:30]}')")


def check_contents(name, pages):
    """Every contents entry's page number is the printed number ("Page N") of
    a page whose text starts with that entry's heading."""
    printed = {}
    for text in pages:
        m = re.search(r'%s (\d+)(?: %s \d+)?\s*$' % (W['page'], W['of']), text.rstrip())
        if m:
            printed[int(m.group(1))] = ' '.join(text.split())
    for text in pages:
        lines = text.splitlines()
        start = next((i for i, l in enumerate(lines) if l.strip() == W['contents']), None)
        if start is None:
            continue
        entry = ''
        for line in lines[start + 1:]:
            m = re.match(r'^(.*?)\s{2,}(\d+)$', line.strip())
            if not m:
                if line.strip() and not re.search(r'%s \d+' % W['page'], line):
                    entry += ' ' + line.strip()
                continue
            entry = ' '.join((entry + ' ' + m.group(1)).split())
            number = int(m.group(2))
            check(number in printed and entry[:40] in printed[number],
                  f"{name}: contents entry '{entry[:50]}' says page {number}, "
                  "which does not carry that heading")
            entry = ''


def bbox_pages(pdf):
    """Each page's width, height and words (x1, y1, x2, y2, text), from pdftotext -bbox."""
    xhtml = run('pdftotext', '-bbox', pdf, '-').stdout
    xhtml = re.sub(r'<!DOCTYPE[^>]*>', '', xhtml)
    root = ET.fromstring(xhtml)
    pages = []
    for page in root.iter('{http://www.w3.org/1999/xhtml}page'):
        words = []
        for word in page.iter('{http://www.w3.org/1999/xhtml}word'):
            x1, y1, x2, y2 = (float(word.get(k)) for k in ('xMin', 'yMin', 'xMax', 'yMax'))
            words.append((x1, y1, x2, y2, word.text or ''))
        pages.append((float(page.get('width')), float(page.get('height')), words))
    return pages


def check_geometry(name, pages):
    """No word outside the margins, no two words overlapping."""
    for n, (w, h, words) in enumerate(pages, 1):
        boxes = []
        for x1, y1, x2, y2, text in words:
            inside = x1 >= MARGIN and y1 >= MARGIN - 4 and x2 <= w - MARGIN and y2 <= h - MARGIN + 4
            if not inside:
                check(False, f"{name}: page {n}: '{text}' at ({x1:.1f},{y1:.1f})-({x2:.1f},{y2:.1f}) is outside the margins")
            boxes.append((x1, y1, x2, y2, text))
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
