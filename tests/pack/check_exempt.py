#!/usr/bin/python3
"""check_exempt.py PUBLIC.pdf MEMBERS.pdf SECRETWORD REASON - exempt papers
marked plainly, read with python3-pikepdf and pdftotext:

- the public pack's agenda says "Exempt: REASON" for the exempt item, and its
  cover says nothing of a members' copy;
- the members' pack's cover says "Members' copy - contains exempt
  information"; every page of an exempt paper (each page with SECRETWORD)
  carries "NOT FOR PUBLICATION: REASON" in its header, and the first page of
  each exempt paper "NOT FOR PUBLICATION" and REASON in its body; every
  "NOT FOR PUBLICATION" is set in black, in a bold font (red prints pale).

Ends with "N passed, N failed".
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

import pikepdf  # noqa: E402


def pages_of(pdf):
    text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True,
                          errors='replace').stdout
    return text.split('\f')[:-1]


def marking_styles(path):
    """For each page, the (colour, font) of every text object that shows
    "NOT FOR PUBLICATION" (cairo writes the words as literal strings)."""
    out = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.obj.Resources.get('/Font', pikepdf.Dictionary())
            colour, font, found = None, None, []
            text = ''
            for operands, op in pikepdf.parse_content_stream(page):
                op = bytes(op)
                if op == b'rg':
                    colour = tuple(float(x) for x in operands)
                elif op == b'Tf':
                    font = str(fonts[str(operands[0])].get('/BaseFont', ''))
                elif op == b'BT':
                    text = ''
                elif op in (b'Tj', b'TJ'):
                    parts = operands[0] if op == b'TJ' else [operands[0]]
                    text += ''.join(bytes(p).decode('latin-1') for p in parts
                                    if isinstance(p, pikepdf.String))
                elif op == b'ET' and 'NOT FOR PUBLICATION' in text:
                    found.append((colour, font))
            out.append(found)
    return out


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        sys.exit(2)
    public, members, secret, reason = sys.argv[1:]
    pub = pages_of(public)
    agenda = '\n'.join(p for p in pub if 'AGENDA' in p)
    flat = re.sub(r'\s+', ' ', agenda)
    check(f'Exempt: {reason}' in flat, f"the public agenda does not say 'Exempt: {reason}'")
    check("Members' copy" not in '\n'.join(pub), "the public pack says it is a members' copy")

    mem = pages_of(members)
    check("Members' copy - contains exempt information" in mem[0],
          "the members' pack's cover does not say \"Members' copy - contains exempt information\"")
    styles = marking_styles(members)
    secret_pages = [i for i, p in enumerate(mem) if secret in p]
    check(secret_pages, f"no page of the members' pack has {secret}")
    header = f'NOT FOR PUBLICATION: {reason}'
    for i in secret_pages:
        top = mem[i].strip().splitlines()[0] if mem[i].strip() else ''
        check(header in re.sub(r'\s+', ' ', top),
              f"members' pack page {i + 1} (an exempt paper's) lacks '{header}' in its header")
    marked = [i for i, p in enumerate(mem) if header in re.sub(r'\s+', ' ', p)]
    firsts = [i for i in marked if i - 1 not in marked or
              'NOT FOR PUBLICATION' in '\n'.join(mem[i].strip().splitlines()[1:4])]
    check(firsts, "no exempt paper begins in the members' pack")
    for i in firsts:
        body = '\n'.join(mem[i].strip().splitlines()[1:])
        check('NOT FOR PUBLICATION' in body and reason in body,
              f"members' pack page {i + 1}: an exempt paper's first page lacks NOT FOR PUBLICATION and '{reason}'")
    for i in marked:
        found = styles[i]
        check(found, f"members' pack page {i + 1}: NOT FOR PUBLICATION not found in its content")
        for colour, font in found:
            check(colour is not None and max(colour) < 0.1,
                  f"members' pack page {i + 1}: NOT FOR PUBLICATION set in {colour}, not black")
            check(font is not None and 'Bold' in font,
                  f"members' pack page {i + 1}: NOT FOR PUBLICATION set in {font}, not bold")
    finish()


if __name__ == '__main__':
    main()
