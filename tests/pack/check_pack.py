#!/usr/bin/env python3
"""check_pack.py - reads an agenda pack back with pdftotext and qpdf.

    check_pack.py PUBLIC.pdf [FULL.pdf SECRET-WORD] [--counterpart OTHER.pdf]

Every agenda "(Pages a - b)" equals the printed page numbers of the first and
last page of that item's papers, the first of which carries "Agenda Item N";
paper pages are numbered 1, 2, 3 ... without a gap (a public pack's notice
printed "Pages a - b" stands for the withheld pages); each item with papers
has a bookmark, and it and the agenda's link to the item lead to the stamped
page; the secret word of the exempt paper is absent from the public pack (its
text, bookmarks, metadata and tags) and present in the full one, and both
packs give every item the same pages. A pack in Welsh is read in its words
("Tudalennau a - b", "Eitem Agenda N", "NID I'W GYHOEDDI"). With --counterpart,
the same meeting's pack in its other language: items whose papers are as long
in both, and all before them, have the same pages in both.
Ends with "N passed, N failed".
"""
import os
import json
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

# The pack's words in English and Welsh (templates/messages): distinct, so a
# pattern of both reads either language's pack.
PAGES = r'(?:Pages?|Tudalen(?:nau)?)'
AGENDA_ITEM = r'(?:Agenda Item|Eitem Agenda)'
ITEM = ('Item', 'Eitem')
NOT_FOR_PUBLICATION = ('NOT FOR PUBLICATION', 'NID I’W GYHOEDDI')



def pages_of(pdf):
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True, errors='replace').stdout
    return text.split('\f')[:-1] if text.endswith('\f') else text.split('\f')


def printed_numbers(pages):
    """Per page: the printed numbers it stands for, or None when unnumbered."""
    printed = []
    for p in pages:
        m = re.findall(r'^\s*%s (\d+)(?: - (\d+))?\s*$' % PAGES, p, re.M)
        if m:
            a, b = m[-1]
            printed.append(list(range(int(a), int(b or a) + 1)))
        else:
            printed.append(None)
    return printed


def agenda_entries(agenda):
    """(item number, first page, last page) of each agenda entry with pages:
    a line starting with the item's number, its "(Pages a - b)" on that line
    or a later one, should the title wrap."""
    entries, current = [], None
    for line in agenda.splitlines():
        start = re.match(r'^\s*(\d+)\s+\S', line)
        if start:
            current = start.group(1)
        found = re.search(r'\(%s\s(\d+)(?:\s-\s(\d+))?\)' % PAGES, line)
        if found and current is not None:
            entries.append((int(current), int(found.group(1)), int(found.group(2) or found.group(1))))
            current = None
    return entries


def qpdf_json(pdf):
    out = subprocess.run(['qpdf', '--json=2', '--json-key=qpdf', '--json-key=pages',
                          '--json-key=outlines', pdf], capture_output=True, text=True, errors='replace')
    return json.loads(out.stdout)


def link_targets(doc, page_index):
    """The page indexes (0-based) that the links on a page lead to, by the
    named destinations cairo writes."""
    objs = doc['qpdf'][1]
    get = lambda ref: objs['obj:' + ref]['value'] if isinstance(ref, str) else ref
    page_of = {p['object']: i for i, p in enumerate(doc['pages'])}
    root = get(objs['trailer']['value']['/Root'])
    names = {}
    def walk(node):
        node = get(node)
        arr = node.get('/Names', [])
        for k in range(0, len(arr) - 1, 2):
            names[arr[k][2:]] = get(arr[k + 1])[0]
        for kid in node.get('/Kids', []):
            walk(kid)
    if '/Names' in root and '/Dests' in get(root['/Names']):
        walk(get(root['/Names'])['/Dests'])
    targets = []
    for annot in get(objs['obj:' + doc['pages'][page_index]['object']]['value']).get('/Annots', []):
        a = get(annot)
        dest = a.get('/Dest')
        if isinstance(dest, str) and dest.startswith('u:'):
            targets.append(page_of.get(names.get(dest[2:])))
        elif isinstance(dest, list):
            targets.append(page_of.get(dest[0]))
    return targets


def outline_entries(doc):
    flat = []
    def walk(entries):
        for e in entries:
            flat.append((e['title'], e.get('destpageposfrom1')))
            walk(e.get('kids', []))
    walk(doc['outlines'])
    return flat


def main():
    counterpart = None
    if '--counterpart' in sys.argv:
        i = sys.argv.index('--counterpart')
        counterpart = sys.argv[i + 1]
        del sys.argv[i:i + 2]
    public = sys.argv[1]
    pages = pages_of(public)
    printed = printed_numbers(pages)
    numbered = [n for ns in printed if ns for n in ns]
    check(numbered == list(range(1, len(numbered) + 1)),
          f"paper pages are not numbered 1..{len(numbered)} without gaps: {numbered}")
    first_numbered = next((i for i, n in enumerate(printed) if n is not None), len(pages))
    check(all(n is None for n in printed[:first_numbered]) and first_numbered >= 2,
          "the summons and agenda should be unnumbered pages before the papers")

    agenda = '\n'.join(pages[:first_numbered])
    entries = agenda_entries(agenda)
    check(len(entries) > 0, "no '(Pages a - b)' in the agenda")
    check(not re.search(r'\(%s\s*$|\(%s\s\d+\s-\s*$' % (PAGES, PAGES), agenda, re.M),
          "an agenda page range is split over two lines")
    stamps = {}
    for i, p in enumerate(pages):
        for n in re.findall(AGENDA_ITEM + r' (\d+)', p.splitlines()[0] if p.strip() else ''):
            stamps.setdefault(int(n), i)
    # every stamped item is on the agenda with its pages: none skipped
    listed = {e[0] for e in entries}
    for number in sorted(stamps):
        check(number in listed, f"item {number} has papers but no '(Pages a - b)' was read")
    for number, a, b in entries:
        idx = stamps.get(number)
        check(idx is not None, f"item {number}: no page stamped 'Agenda Item {number}'")
        if idx is None:
            continue
        check(printed[idx] and printed[idx][0] == a,
              f"item {number}: agenda says page {a}, its first page is printed {printed[idx]}")
        # the last page: the page before the next stamped item, or the last page
        later = sorted(i for n, i in stamps.items() if i > idx)
        last = (later[0] - 1) if later else len(pages) - 1
        check(printed[last] and printed[last][-1] == b,
              f"item {number}: agenda says last page {b}, it is printed {printed[last]}")

    doc = qpdf_json(public)
    bookmarks = outline_entries(doc)
    for number, a, b in entries:
        marks = [page for title, page in bookmarks if title.startswith(tuple(f"{w} {number}:" for w in ITEM))]
        check(len(marks) == 1, f"item {number}: {len(marks)} bookmarks, not one")
        if marks and number in stamps:
            check(marks[0] == stamps[number] + 1,
                  f"item {number}: its bookmark leads to page {marks[0]}, not the stamped page {stamps[number] + 1}")
    # the agenda's links, in agenda order, lead to the items' stamped pages
    # (an entry over two lines is a link on each: one target)
    links = []
    for t in (t for i in range(first_numbered) for t in link_targets(doc, i)):
        if not links or links[-1] != t:
            links.append(t)
    wanted = [stamps.get(number) for number, a, b in entries]
    check(links == wanted, f"the agenda's links lead to pages {links}, not the items' first pages {wanted}")

    if len(sys.argv) > 3:
        full, secret = sys.argv[2], sys.argv[3]
        check(secret not in '\n'.join(pages), f"the exempt paper's text '{secret}' is in the public pack")
        # bookmarks, metadata and tags are not in pdftotext's output
        raw = subprocess.run(['qpdf', '--qdf', '--object-streams=disable', public, '-'],
                             capture_output=True).stdout
        check(secret.encode() not in raw, f"'{secret}' is in the public pack's objects (bookmarks, tags, metadata)")
        full_pages = pages_of(full)
        check(secret in '\n'.join(full_pages), f"the exempt paper's text '{secret}' is missing from the full pack")
        full_printed = printed_numbers(full_pages)
        full_first = next((i for i, n in enumerate(full_printed) if n is not None), len(full_pages))
        full_entries = agenda_entries('\n'.join(full_pages[:full_first]))
        check(full_entries == entries,
              f"the members' pack gives items other pages than the public pack: {full_entries} against {entries}")
        check(any(w in p.splitlines()[0] for p in full_pages if p.strip() for w in NOT_FOR_PUBLICATION),
              "no page of the members' pack is marked NOT FOR PUBLICATION")
        check(not any(w in p for p in pages for w in NOT_FOR_PUBLICATION),
              "a page of the public pack is marked NOT FOR PUBLICATION")
    if counterpart:
        check_counterpart(entries, counterpart)
    finish()


def check_counterpart(entries, other_pdf):
    """The same items in both languages; while each item's papers are as
    long in both, each has the same pages."""
    other_pages = pages_of(other_pdf)
    other_printed = printed_numbers(other_pages)
    first = next((i for i, n in enumerate(other_printed) if n is not None), len(other_pages))
    other = agenda_entries('\n'.join(other_pages[:first]))
    check([e[0] for e in entries] == [e[0] for e in other],
          f"items with papers {[e[0] for e in entries]}, in the other language {[e[0] for e in other]}")
    for mine, theirs in zip(entries, other):
        if mine[2] - mine[1] != theirs[2] - theirs[1]:
            break
        check(mine == theirs, f"item {mine[0]}: pages {mine[1:]}, in the other language {theirs[1:]}")


if __name__ == '__main__':
    main()
