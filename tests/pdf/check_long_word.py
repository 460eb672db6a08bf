#!/usr/bin/env python3
"""check_long_word.py - a plan whose text has words with nowhere to break.

    check_long_word.py make DIR     writes a content root: plans/long-word.yaml
    check_long_word.py check PDF    reads that plan's PDF back

The plan's intro is one word of INTRO letters, an action's text one of CELL
(the same every run; consonants no other text of the plan is made of). Pango once took time growing with
the square of such a word's length; planpress cuts it into pieces shaped
apart (gen/present/typeset.h). Read back with pdftotext, the lines of each word joined
are the whole word, letter for letter and in order, nothing added (no hyphen,
no zero-width space) and nothing lost, across many lines and pages. Ends with
"N passed, N failed". (tests/run also reads the PDF with check_pdf.py.)
"""
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

INTRO = 200000
CELL = 100000


def words():
    rng = random.Random(20261201)
    intro = ''.join(rng.choice('jkqvwxyz') for _ in range(INTRO))
    cell = ''.join(rng.choice('bcdfghlmnprst') for _ in range(CELL))
    return intro, cell


def make(root):
    intro, cell = words()
    os.makedirs(os.path.join(root, 'plans'), exist_ok=True)
    with open(os.path.join(root, 'site.yaml'), 'w') as f:
        f.write('kind: site\norganisation: Test Council\n')
    with open(os.path.join(root, 'plans', 'long-word.yaml'), 'w') as f:
        f.write('kind: plan\ntitle: Long Words\n'
                f'intro: {intro}\n'
                'themes:\n'
                '  - ref: "1"\n'
                '    title: The Theme\n'
                '    actions:\n'
                '      - ref: "1.1"\n'
                f'        action: {cell}\n'
                '        rag: green\n')


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('make', 'check'):
        print(__doc__)
        sys.exit(2)
    if sys.argv[1] == 'make':
        make(sys.argv[2])
        return
    pdf = sys.argv[2]
    name = os.path.basename(pdf)
    out = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True,
                         errors='replace')
    check(out.returncode == 0, f"{name}: pdftotext failed: {out.stderr.strip()[-200:]}")
    lines = out.stdout.split('\n')
    # a row's first line on a page shares its baseline with the ref and
    # RAG cells, which pdftotext may set on the same line
    beside = {'1.1', '(cont.)', 'Green'}
    for word, letters in zip(words(), ('jkqvwxyz', 'bcdfghlmnprst')):
        parts, stray = [], []
        for line in lines:
            tokens = line.split()
            found = [t for t in tokens if re.fullmatch(f'[{letters}]+', t)]
            if not found and not re.search(f'[{letters}]{{20}}', line):
                continue
            if len(found) == 1 and set(tokens) - {found[0]} <= beside:
                parts.append(found[0])
            else:
                stray.append(line)
        got = ''.join(parts)
        differ = next((i for i, (a, b) in enumerate(zip(got, word)) if a != b), None)
        check(got == word, f"{name}: the word of {letters} reads back as {len(got)} letters"
              f" in {len(parts)} lines, not its {len(word)}"
              + (f", first differing at {differ}" if differ is not None else ''))
        check(len(parts) > 100, f"{name}: the word of {letters} on {len(parts)} lines only")
        # the word read back with nothing inside it (a hyphen, a space)
        check(not stray, f"{name}: {len(stray)} lines hold the word and more: {stray[:1]!r:.100}")
    pages = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout
    n = re.search(r'^Pages:\s+(\d+)', pages, re.M)
    check(n is not None and int(n.group(1)) > 20, f"{name}: only {n.group(1) if n else '?'} pages")
    finish()


if __name__ == '__main__':
    main()
