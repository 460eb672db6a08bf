#!/usr/bin/python3
"""check_ua.py - the Matterhorn Protocol's machine-checkable conditions of
PDF/UA-1 (ISO 14289-1), read with python3-pikepdf (qpdf).

    check_ua.py PDF ...            each PDF must pass every condition
    check_ua.py --canary PDF DIR   copies of a passing PDF, each broken in one
                                   way, each of which must be failed

Each failure is printed "FAIL: NAME: MM-NNN: what" (MM-NNN the Matterhorn
failure condition, or "pp" for planpress's own rule); the last line is
"N passed, N failed". The conditions covered are listed in COVERED; the
README says which are left to a person with a screen reader.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

import pikepdf  # noqa: E402
from pikepdf import Array, Dictionary, Name  # noqa: E402

COVERED = """
01-003 01-004 01-005 01-007 02-001 02-002 02-003 02-004 06-001 06-002 06-003
07-001 07-002 09-004 09-005 09-006 10-001 11-001 13-004 14-002 14-003 14-006
14-007 15-003 18-001 18-002 19-003 20-001 21-001 25-001 26-001 28-002 28-007
28-008 28-009 28-011 28-012 30-001 30-002 31-001
""".split()

# ISO 32000-1's standard structure types (14.8.4)
STANDARD = set("""
Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span
Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
Figure Formula Form
""".split())

PAINT = {b'Tj', b'TJ', b"'", b'"', b'S', b's', b'f', b'F', b'f*', b'B', b'B*',
         b'b', b'b*', b'sh', b'Do', b'BI', b'EI', b'INLINE IMAGE'}
PATHS = {b'S', b's', b'f', b'F', b'f*', b'B', b'B*', b'b', b'b*'}

NS = {
    'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    'dc': 'http://purl.org/dc/elements/1.1/',
    'pdfuaid': 'http://www.aiim.org/pdfua/ns/id/',
}


def s_of(elem):
    s = elem.get('/S')
    return str(s)[1:] if s is not None else None


def kids_of(elem):
    k = elem.get('/K')
    if k is None:
        return []
    if isinstance(k, Array):
        return list(k)
    return [k]


def check_metadata(name, pdf):
    root = pdf.Root
    md = root.get('/Metadata')
    check(isinstance(md, pikepdf.Stream) and md.get('/Subtype') == '/XML' and
          md.get('/Type') == '/Metadata',
          f"{name}: 06-001: no XMP metadata stream in the catalog")
    if not isinstance(md, pikepdf.Stream):
        return
    try:
        xml = ET.fromstring(md.read_bytes())
    except ET.ParseError as e:
        check(False, f"{name}: 06-001: the XMP metadata is not XML: {e}")
        return
    part = [e.text for e in xml.iter('{%s}part' % NS['pdfuaid'])]
    if not part:  # as an attribute of rdf:Description
        part = [d.get('{%s}part' % NS['pdfuaid']) for d in
                xml.iter('{%s}Description' % NS['rdf']) if d.get('{%s}part' % NS['pdfuaid'])]
    check(part == ['1'], f"{name}: 06-002: no PDF/UA identifier (pdfuaid:part 1) in XMP: {part}")
    titles = [li.text for t in xml.iter('{%s}title' % NS['dc'])
              for li in t.iter('{%s}li' % NS['rdf']) if li.text and li.text.strip()]
    check(bool(titles), f"{name}: 06-003: no dc:title in XMP")
    info_title = str(pdf.docinfo.get('/Title', ''))
    check(titles[:1] == [info_title], f"{name}: pp: dc:title {titles[:1]} is not the Info /Title {info_title!r}")
    langs = [li.text for t in xml.iter('{%s}language' % NS['dc'])
             for li in t.iter('{%s}li' % NS['rdf'])]
    check(langs == [str(root.get('/Lang', ''))], f"{name}: pp: dc:language {langs} is not /Lang")


def check_catalog(name, pdf):
    root = pdf.Root
    vp = root.get('/ViewerPreferences', Dictionary())
    check('/DisplayDocTitle' in vp, f"{name}: 07-001: ViewerPreferences has no DisplayDocTitle")
    check(vp.get('/DisplayDocTitle') is True, f"{name}: 07-002: DisplayDocTitle is not true")
    lang = str(root.get('/Lang', ''))
    check(re.fullmatch(r'[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*', lang) is not None,
          f"{name}: 11-001: the document's natural language (/Lang) is missing or malformed: {lang!r}")
    mark = root.get('/MarkInfo', Dictionary())
    check(mark.get('/Marked') is True, f"{name}: pp: MarkInfo /Marked is not true")
    check(mark.get('/Suspects') is not True, f"{name}: 01-007: MarkInfo /Suspects is true")
    check('/Encrypt' not in pdf.trailer, f"{name}: 26-001: the file is encrypted")
    check('/OCProperties' not in root, f"{name}: 20-001: optional content (not written by planpress)")
    names = root.get('/Names', Dictionary())
    check('/EmbeddedFiles' not in names, f"{name}: 21-001: embedded files")
    acro = root.get('/AcroForm', Dictionary())
    check('/XFA' not in acro, f"{name}: 25-001: XFA forms")


class Tree:
    """The structure tree read once: elements in document order with their
    parents, and for each page the MCIDs they own."""

    def __init__(self, pdf):
        self.pdf = pdf
        self.page_index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        self.elems = []          # (elem, parent_elem or None, depth)
        self.mcids = {}          # (page, mcid) -> elem
        self.mcid_order = []     # (page, mcid) in tree order
        self.objrs = {}          # annotation objgen -> elem
        self.errors = []
        root = pdf.Root.get('/StructTreeRoot')
        self.root = root
        if root is None:
            return
        seen = set()
        self.walk(root, None, 0, seen)

    def walk(self, node, parent, depth, seen):
        if node.objgen != (0, 0):
            if node.objgen in seen:
                self.errors.append(f"structure element {node.objgen} reached twice")
                return
            seen.add(node.objgen)
        page = node.get('/Pg')
        for kid in kids_of(node):
            if isinstance(kid, Dictionary):
                t = kid.get('/Type')
                if t == '/MCR':
                    pg = kid.get('/Pg', page)
                    self.own(node, pg, int(kid.MCID))
                elif t == '/OBJR':
                    self.objrs[kid.Obj.objgen] = node
                elif '/S' in kid:
                    self.elems.append((kid, node if node is not self.root else None, depth))
                    self.walk(kid, kid, depth + 1, seen)
            elif isinstance(kid, int):
                self.own(node, page, int(kid))

    def own(self, elem, page, mcid):
        if page is None:
            self.errors.append(f"{s_of(elem)} has MCID {mcid} without a page")
            return
        key = (self.page_index.get(page.objgen, -1), mcid)
        if key in self.mcids:
            self.errors.append(f"MCID {mcid} of page {key[0] + 1} owned twice")
        self.mcids[key] = elem
        self.mcid_order.append(key)


def check_roles(name, tree):
    rolemap = tree.root.get('/RoleMap', Dictionary()) if tree.root is not None else Dictionary()
    for key in rolemap.keys():
        seen, t = set(), key
        while t in rolemap and t not in seen:
            seen.add(t)
            t = str(rolemap[t])
        check(t not in seen, f"{name}: 02-001: circular role mapping of {key}")
        check(key[1:] not in STANDARD, f"{name}: 02-002: standard type {key} remapped")
    bad = sorted({s_of(e) for e, _, _ in tree.elems
                  if s_of(e) not in STANDARD and '/' + s_of(e) not in rolemap})
    check(not bad, f"{name}: 02-004: structure types neither standard nor role-mapped: {bad}")

    def mapped(t, seen=()):
        return t if t[1:] in STANDARD or t not in rolemap or t in seen else \
            mapped(str(rolemap[t]), seen + (t,))
    to_other = sorted(k for k in rolemap.keys() if mapped(k)[1:] not in STANDARD)
    check(not to_other, f"{name}: 02-003: types mapped to no standard type: {to_other}")


def check_content(name, pdf, tree):
    """Every painting operator is inside an Artifact or inside marked content
    with an MCID that the structure tree owns, never both; every MCID the
    tree owns is on its page; the tree reads each page in the order painted;
    what is drawn in a table cell (its box, fill, rules, an arrow beside its
    words) is an artifact, never the cell's content; no mark the painter
    puts before each run of content ("1 1 1 1 re f", gen/pdf/tagtree.h) is
    left in it."""
    unmarked = artifact_in_tagged = tagged_in_artifact = painted_in_cell = 0
    marks_left = 0
    unpaginated = []     # pages whose running header or footer is not one
    untyped = []         # a Pagination artifact neither Header nor Footer
    unowned = []
    found = set()
    order_breaks = []
    for pi, page in enumerate(pdf.pages):
        stack = []   # 'A' artifact, int mcid, None other
        names = []   # the tag of each, '/TD' ...
        painted = []  # mcids in content order
        try:
            ops = pikepdf.parse_content_stream(page)
        except pikepdf.PdfError as e:
            check(False, f"{name}: page {pi + 1}: content stream unreadable: {e}")
            continue
        mark_path = False
        furniture = []
        for inst in ops:
            if isinstance(inst, pikepdf.ContentStreamInlineImage):
                op = b'INLINE IMAGE'
                operands = []
            else:
                operands, op = inst.operands, bytes(inst.operator)
            if op == b'f' and mark_path:
                marks_left += 1
            mark_path = op == b're' and [float(x) for x in operands] == [1, 1, 1, 1]
            if op == b'BMC':
                tag = str(operands[0])
                if tag == '/Artifact' and any(isinstance(x, int) for x in stack):
                    artifact_in_tagged += 1
                stack.append('A' if tag == '/Artifact' else None)
                names.append(tag)
            elif op == b'BDC':
                tag, props = str(operands[0]), operands[1]
                names.append(tag)
                mcid = props.get('/MCID') if isinstance(props, Dictionary) else None
                if tag == '/Artifact':
                    if any(isinstance(x, int) for x in stack):
                        artifact_in_tagged += 1
                    stack.append('A')
                    if isinstance(props, Dictionary) and props.get('/Type') == Name.Pagination:
                        furniture.append(str(props.get('/Subtype', '')))
                elif mcid is not None:
                    if 'A' in stack:
                        tagged_in_artifact += 1
                    mcid = int(mcid)
                    found.add((pi, mcid))
                    painted.append(mcid)
                    if (pi, mcid) not in tree.mcids:
                        unowned.append((pi + 1, mcid))
                    stack.append(mcid)
                else:
                    stack.append(None)
            elif op == b'EMC':
                if stack:
                    stack.pop()
                    names.pop()
            elif op in PAINT:
                if not any(x == 'A' or isinstance(x, int) for x in stack):
                    unmarked += 1
                if op in PATHS and names and names[-1] in ('/TD', '/TH'):
                    painted_in_cell += 1
        # planpress sets a running header and footer on every page
        if furniture.count('/Header') != 1 or furniture.count('/Footer') != 1:
            unpaginated.append(pi + 1)
        untyped += [pi + 1 for f in furniture if f not in ('/Header', '/Footer')]
        order = [m for p, m in tree.mcid_order if p == pi]
        if order != sorted(order) or order != painted:
            order_breaks.append(pi + 1)
    check(unmarked == 0, f"{name}: 01-005: {unmarked} painting operators neither artifact nor tagged")
    check(artifact_in_tagged == 0, f"{name}: 01-003: {artifact_in_tagged} artifacts inside tagged content")
    check(tagged_in_artifact == 0, f"{name}: 01-004: {tagged_in_artifact} tagged content inside artifacts")
    check(painted_in_cell == 0,
          f"{name}: pp: {painted_in_cell} paths painted as a table cell's content, not artifacts")
    check(marks_left == 0, f"{name}: pp: {marks_left} of the painter's marks left in the content")
    check(not unpaginated, f"{name}: 18-001: pages whose running header and footer are not "
          f"one Pagination artifact each: {unpaginated[:5]}")
    check(not untyped, f"{name}: 18-002: Pagination artifacts neither Header nor Footer, "
          f"on pages {untyped[:5]}")
    check(not unowned, f"{name}: pp: marked content no structure element owns: {unowned[:5]}")
    missing = sorted(set(tree.mcids) - found)
    check(not missing, f"{name}: pp: structure elements own marked content not on their page: {missing[:5]}")
    check(not order_breaks,
          f"{name}: pp: the structure tree does not read pages {order_breaks[:8]} in the order painted")
    check(not tree.errors, f"{name}: pp: structure tree: {tree.errors[:3]}")


def check_parent_tree(name, pdf, tree):
    """Each MCID and each annotation's StructParent leads back, through the
    ParentTree, to the element that owns it."""
    root = tree.root
    if root is None:
        return
    nums = {}

    def collect(node):
        if '/Nums' in node:
            arr = node.Nums
            for i in range(0, len(arr) - 1, 2):
                nums[int(arr[i])] = arr[i + 1]
        for kid in node.get('/Kids', []):
            collect(kid)
    collect(root.get('/ParentTree', Dictionary()))
    wrong = []
    for pi, page in enumerate(pdf.pages):
        sp = page.obj.get('/StructParents')
        owned = [(m, e) for (p, m), e in tree.mcids.items() if p == pi]
        if not owned:
            continue
        arr = nums.get(int(sp)) if sp is not None else None
        for mcid, elem in owned:
            if arr is None or mcid >= len(arr) or arr[mcid].objgen != elem.objgen:
                wrong.append((pi + 1, mcid))
    check(not wrong, f"{name}: pp: ParentTree does not lead MCIDs to their elements: {wrong[:5]}")
    for pi, page in enumerate(pdf.pages):
        for annot in page.obj.get('/Annots', []):
            sp = annot.get('/StructParent')
            elem = tree.objrs.get(annot.objgen)
            ok = sp is not None and elem is not None and nums.get(int(sp)) is not None and \
                nums[int(sp)].objgen == elem.objgen
            check(ok, f"{name}: pp: page {pi + 1}: annotation {annot.objgen} not led to its element by the ParentTree")


def check_tables_lists(name, tree):
    table_parts = {'TR', 'THead', 'TBody', 'TFoot', 'Caption'}
    problems = {'09-004': [], '09-005': [], '09-006': []}
    for elem, parent, _ in tree.elems:
        s, ps = s_of(elem), s_of(parent) if parent is not None else None
        kids = [s_of(k) for k in kids_of(elem) if isinstance(k, Dictionary) and '/S' in k]
        if s == 'Table':
            if set(kids) - table_parts:
                problems['09-004'].append(f"Table holds {sorted(set(kids) - table_parts)}")
            caps = [i for i, k in enumerate(kids) if k == 'Caption']
            if any(i not in (0, len(kids) - 1) for i in caps):
                problems['09-004'].append("a Table's Caption is neither first nor last")
            if kids.count('THead') > 1 or kids.count('TFoot') > 1:
                problems['09-004'].append("a Table has two THead or TFoot")
            if 'TR' in kids and ('TBody' in kids or 'THead' in kids):
                problems['09-004'].append("a Table mixes TR with THead/TBody")
        if s in ('THead', 'TBody', 'TFoot') and (ps != 'Table' or set(kids) - {'TR'}):
            problems['09-004'].append(f"{s} in {ps} holding {sorted(set(kids))}")
        if s == 'TR' and (ps not in ('Table', 'THead', 'TBody', 'TFoot') or set(kids) - {'TH', 'TD'}):
            problems['09-004'].append(f"TR in {ps} holding {sorted(set(kids))}")
        if s in ('TH', 'TD') and ps != 'TR':
            problems['09-004'].append(f"{s} in {ps}")
        if s == 'Caption' and ps not in ('Table', 'Figure', 'L', 'Formula', 'TOC'):
            problems['09-004'].append(f"Caption in {ps}")
        if s == 'L' and set(kids) - {'LI', 'L', 'Caption'}:
            problems['09-005'].append(f"L holding {sorted(set(kids) - {'LI', 'L', 'Caption'})}")
        if s == 'LI' and (ps != 'L' or set(kids) - {'Lbl', 'LBody'}):
            problems['09-005'].append(f"LI in {ps} holding {sorted(set(kids))}")
        if s in ('Lbl', 'LBody') and ps != 'LI':
            problems['09-005'].append(f"{s} in {ps}")
        if s == 'TOCI' and ps != 'TOC':
            problems['09-006'].append(f"TOCI in {ps}")
        if s == 'TOC' and set(kids) - {'TOCI', 'TOC', 'Caption'}:
            problems['09-006'].append(f"TOC holding {sorted(set(kids))}")
    for cond, found in problems.items():
        check(not found, f"{name}: {cond}: {sorted(set(found))[:4]}")


def attr(elem, key):
    a = elem.get('/A')
    for d in (a if isinstance(a, Array) else [a] if a is not None else []):
        if isinstance(d, Dictionary) and key in d:
            return d[key]
    return None


def table_grid(name, table):
    """The rows of a table, each counted in columns with spans, the cells
    a row span carries down included: every row as wide as the first."""
    rows = []
    for k in kids_of(table):
        if not isinstance(k, Dictionary):
            continue
        if s_of(k) == 'TR':
            rows.append(k)
        elif s_of(k) in ('THead', 'TBody', 'TFoot'):
            rows += [r for r in kids_of(k) if isinstance(r, Dictionary) and s_of(r) == 'TR']
    carried = []   # rows still spanned down, per column
    widths = []
    for row in rows:
        width = sum(1 for c in carried if c > 0)
        carried = [c - 1 for c in carried if c > 1]
        for cell in kids_of(row):
            if not isinstance(cell, Dictionary):
                continue
            cs = int(attr(cell, '/ColSpan') or 1)
            rs = int(attr(cell, '/RowSpan') or 1)
            width += cs
            carried += [rs - 1] * cs if rs > 1 else []
        widths.append(width)
    return widths


def check_semantics(name, tree):
    missing_alt = [s_of(e) for e, _, _ in tree.elems
                   if s_of(e) in ('Figure', 'Formula') and not str(e.get('/Alt', '')).strip()
                   and not str(e.get('/ActualText', '')).strip()]
    check(not missing_alt, f"{name}: 13-004: {len(missing_alt)} figures without alternative text")
    heads = [(s_of(e), parent) for e, parent, _ in tree.elems if re.fullmatch(r'H[1-6]?', s_of(e))]
    levels = [int(s[1:]) for s, _ in heads if len(s) == 2]
    check(not levels or levels[0] == 1, f"{name}: 14-002: the first heading is H{levels[0] if levels else ''}, not H1")
    skips = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    check(not skips, f"{name}: 14-003: heading levels skipped: {skips[:5]}")
    check(not (levels and any(s == 'H' for s, _ in heads)), f"{name}: 14-007: both H and H1-H6")
    per_parent = {}
    for s, parent in heads:
        if s == 'H':
            per_parent[id(parent)] = per_parent.get(id(parent), 0) + 1
    check(all(n <= 1 for n in per_parent.values()), f"{name}: 14-006: a node holds more than one H")
    no_scope = [e for e, _, _ in tree.elems if s_of(e) == 'TH' and attr(e, '/Scope') is None
                and '/Headers' not in e]
    check(not no_scope, f"{name}: 15-003: {len(no_scope)} TH without /Scope")
    bad_scope = [str(attr(e, '/Scope')) for e, _, _ in tree.elems if s_of(e) == 'TH' and
                 attr(e, '/Scope') not in (None, Name.Row, Name.Column, Name.Both)]
    check(not bad_scope, f"{name}: 15-003: TH scopes not Row, Column or Both: {bad_scope[:3]}")
    ragged = []
    for e, _, _ in tree.elems:
        if s_of(e) == 'Table':
            w = table_grid(name, e)
            if len(set(w)) > 1:
                ragged.append(w)
    check(not ragged, f"{name}: pp: table rows of different widths (spans counted): {ragged[:2]}")
    notes = [e for e, _, _ in tree.elems if s_of(e) == 'Note' and '/ID' not in e]
    check(not notes, f"{name}: 19-003: Note without ID")
    docs = [s_of(k) for k in kids_of(tree.root) if isinstance(k, Dictionary)] if tree.root is not None else []
    check(docs == ['Document'], f"{name}: pp: the structure tree's root holds {docs[:4]}, not one Document")


def table_pages(tree):
    """For each Table element, the pages its marked content is on."""
    out = []
    under = {}
    for key, elem in tree.mcids.items():
        under.setdefault(elem.objgen, set()).add(key[0])

    def pages_of(elem):
        pages = set(under.get(elem.objgen, ()))
        for k in kids_of(elem):
            if isinstance(k, Dictionary) and '/S' in k:
                pages |= pages_of(k)
        return pages
    for e, _, _ in tree.elems:
        if s_of(e) == 'Table':
            out.append((e, pages_of(e)))
    return out


def check_repeated_headers(name, tree):
    """A table printed over several pages repeats its header row on each: the
    header is THead once, and the repeats are artifacts."""
    for table, pages in table_pages(tree):
        kids = [s_of(k) for k in kids_of(table) if isinstance(k, Dictionary)]
        has_th = any(s_of(e) == 'TH' for e in descendants(table))
        if len(pages) > 1 and has_th:
            check('THead' in kids and 'TBody' in kids,
                  f"{name}: pp: a table over pages {sorted(pages)[:3]}... has no THead and TBody")
        for thead in (k for k in kids_of(table) if isinstance(k, Dictionary) and s_of(k) == 'THead'):
            rows = [r for r in kids_of(thead) if isinstance(r, Dictionary)]
            check(len(rows) <= 2, f"{name}: pp: a THead of {len(rows)} rows: its repeats are tagged")


def descendants(elem):
    for k in kids_of(elem):
        if isinstance(k, Dictionary) and '/S' in k:
            yield k
            yield from descendants(k)


def check_annotations(name, pdf, tree):
    faults = {}

    def fault(cond, page, what):
        faults.setdefault(cond, []).append(f"page {page}: {what}")
    for pi, page in enumerate(pdf.pages):
        tabs = page.obj.get('/Tabs')
        if tabs is None:
            fault('28-008', pi + 1, 'no /Tabs')
        elif tabs != Name.S:
            fault('28-009', pi + 1, f'/Tabs {tabs}, not /S')
        for annot in page.obj.get('/Annots', []):
            sub = annot.get('/Subtype')
            elem = tree.objrs.get(annot.objgen)
            if sub == Name.Link:
                if elem is None or s_of(elem) != 'Link':
                    fault('28-011', pi + 1, 'a link annotation not inside a Link element')
                if str(annot.get('/Contents', '')).strip() == '':
                    fault('28-012', pi + 1, 'a link annotation without /Contents')
            elif sub in (Name.Popup, Name.PrinterMark):
                if elem is not None:
                    fault('28-007', pi + 1, f'a {sub} annotation in the structure tree')
            elif elem is None or s_of(elem) not in ('Annot', 'Form'):
                fault('28-002', pi + 1, f'a {sub} annotation not inside an Annot element')
    for cond in ('28-002', '28-007', '28-008', '28-009', '28-011', '28-012'):
        found = faults.get(cond, [])
        check(not found, f"{name}: {cond}: {len(found)} times: {found[:3]}")


def font_dicts(pdf):
    """Every font used by pages and the forms they draw, once."""
    seen = {}

    def resources(res, depth=0):
        if res is None or depth > 8:
            return
        fonts = res.get('/Font', Dictionary())
        for f in (fonts[k] for k in fonts.keys()):
            if f.objgen not in seen or f.objgen == (0, 0):
                seen[f.objgen if f.objgen != (0, 0) else id(f)] = f
                if f.get('/Subtype') == '/Type3':
                    resources(f.get('/Resources'), depth + 1)
        xobjects = res.get('/XObject', Dictionary())
        for x in (xobjects[k] for k in xobjects.keys()):
            if x.get('/Subtype') == '/Form':
                resources(x.get('/Resources'), depth + 1)
    for page in pdf.pages:
        resources(page.obj.get('/Resources'))
    return list(seen.values())


def check_fonts_xobjects(name, pdf):
    not_embedded, no_unicode = [], []
    for f in font_dicts(pdf):
        sub = f.get('/Subtype')
        base = str(f.get('/BaseFont', f.get('/Name', '?')))
        if '/ToUnicode' not in f:
            no_unicode.append(base)
        if sub == '/Type3':
            continue
        desc = f.DescendantFonts[0].get('/FontDescriptor') if sub == '/Type0' else f.get('/FontDescriptor')
        if desc is None or not any(k in desc for k in ('/FontFile', '/FontFile2', '/FontFile3')):
            not_embedded.append(base)
    check(not no_unicode, f"{name}: 10-001: fonts without a ToUnicode map: {no_unicode[:4]}")
    check(not not_embedded, f"{name}: 31-001: fonts not embedded: {not_embedded[:4]}")
    refs, forms_with_mcid = 0, 0
    for page in pdf.pages:
        xobjects = page.obj.get('/Resources', Dictionary()).get('/XObject', Dictionary())
        for x in (xobjects[k] for k in xobjects.keys()):
            if x.get('/Subtype') == '/Form':
                refs += '/Ref' in x
                forms_with_mcid += b'/MCID' in x.read_bytes()
    check(refs == 0, f"{name}: 30-001: reference XObjects")
    check(forms_with_mcid == 0, f"{name}: 30-002: form XObjects holding MCIDs")


def check_pdf(path):
    name = os.path.basename(path)
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as e:
        check(False, f"{name}: cannot be opened: {e}")
        return
    with pdf:
        check_metadata(name, pdf)
        check_catalog(name, pdf)
        tree = Tree(pdf)
        check(tree.root is not None, f"{name}: pp: no structure tree")
        if tree.root is None:
            return
        check_roles(name, tree)
        check_content(name, pdf, tree)
        check_parent_tree(name, pdf, tree)
        check_tables_lists(name, tree)
        check_semantics(name, tree)
        check_repeated_headers(name, tree)
        check_annotations(name, pdf, tree)
        check_fonts_xobjects(name, pdf)


# ---------- the canary: a passing PDF broken in one way at a time ----------

def break_metadata(pdf):
    del pdf.Root['/Metadata']


def break_tabs(pdf):
    del pdf.pages[-1].obj['/Tabs']


def break_scope(pdf):
    for e, _, _ in Tree(pdf).elems:
        if s_of(e) == 'TH':
            del e['/A']
            return


def rewrite_first_page(pdf, change):
    """The first page's content stream, as change(its bytes) makes it."""
    page = pdf.pages[0]
    data = page.Contents.read_bytes() if not isinstance(page.Contents, Array) else b''
    page.Contents.write(change(data))


def break_artifacts(pdf):
    rewrite_first_page(pdf, lambda data: re.sub(rb'/Artifact (BMC|<<[^>]*>> BDC)\n|EMC\n', b'',
                                                data, count=2))


def break_pagination(pdf):
    rewrite_first_page(pdf, lambda data: data.replace(
        b'/Artifact << /Type /Pagination /Subtype /Footer >> BDC', b'/Artifact BMC', 1))


def break_subtype(pdf):
    rewrite_first_page(pdf, lambda data: data.replace(b'/Subtype /Header',
                                                      b'/Subtype /Watermark', 1))


def break_link(pdf):
    for page in pdf.pages:
        for annot in page.obj.get('/Annots', []):
            del annot['/Contents']
            return


def break_alt(pdf):
    for e, _, _ in Tree(pdf).elems:
        if s_of(e) == 'Figure':
            del e['/Alt']
            return


def break_mark(pdf):
    rewrite_first_page(pdf, lambda data: b'/Artifact BMC\n1 1 1 1 re f\nEMC\n' + data)


def break_heading(pdf):
    for e, _, _ in Tree(pdf).elems:
        if s_of(e) == 'H2':
            e.S = Name.H4
            return


def break_display_title(pdf):
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def break_list(pdf):
    for e, _, _ in Tree(pdf).elems:
        if s_of(e) == 'LI':
            e.S = Name.P
            return


BREAKS = {
    '06-001': break_metadata, '28-008': break_tabs, '15-003': break_scope,
    '01-005': break_artifacts, '28-012': break_link, '13-004': break_alt,
    '14-003': break_heading, '07-002': break_display_title, '09-005': break_list,
    'pp': break_mark, '18-001': break_pagination, '18-002': break_subtype,
}


def canary(good, folder):
    """Each broken copy must fail its condition: a checker that cannot see
    a fault it was written for fails the suite."""
    import subprocess
    os.makedirs(folder, exist_ok=True)
    for cond, breaker in BREAKS.items():
        out = os.path.join(folder, 'canary-%s.pdf' % cond)
        with pikepdf.open(good) as pdf:
            breaker(pdf)
            pdf.save(out)
        run = subprocess.run([sys.executable, os.path.abspath(__file__), out],
                             capture_output=True, text=True)
        check(run.returncode == 1 and (': %s:' % cond) in run.stdout,
              f"canary {cond}: the checker passed a PDF broken for {cond}:\n{run.stdout[-400:]}")


def main():
    args = sys.argv[1:]
    if not args or args[0] in ('-h', '--help'):
        print(__doc__)
        sys.exit(0 if args else 2)
    if args[0] == '--canary':
        canary(args[1], args[2])
    else:
        for path in args:
            check_pdf(path)
    finish()


if __name__ == '__main__':
    main()
