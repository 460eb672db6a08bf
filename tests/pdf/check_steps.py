#!/usr/bin/env python3
"""check_steps.py PDF N - the row of N steps of tests/pdf/content/plans/
forty-steps.yaml read back with `pdftotext -bbox`: each step's text ("the
plan of school 7,"), lead ("Head of School 7") and rating stand level on one
line of the table, every step is printed once and whole on one page, in
order, and a page the row runs on to begins it with "1.1 (cont.)".
Prints "N passed, N failed"."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402



def pages_of(pdf):
    xml = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in re.findall(r'<page [^>]*>(.*?)</page>', xml, re.S):
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                            r'yMax="([\d.]+)">([^<]*)</word>', page)]
        pages.append(words)
    return pages


def main(pdf, n):
    pages = pages_of(pdf)
    seen = []
    for p, words in enumerate(pages, 1):
        texts = [w[4] for w in words]
        for i, w in enumerate(words[:-1]):
            # the step's text: "school 7," (its first line)
            if w[4] == 'school' and re.fullmatch(r'\d+,', words[i + 1][4]):
                step = int(words[i + 1][4][:-1])
                y = w[1]
                # its lead, "Head of School 7", on the same page
                lead = [words[k] for k in range(len(words) - 3)
                        if words[k][4] == 'Head' and words[k + 2][4] == 'School' and
                        words[k + 3][4] == str(step)]
                check(len(lead) == 1, f"page {p}: step {step}'s lead is printed "
                      f"{len(lead)} times on its page")
                if lead:
                    check(abs(lead[0][1] - y) < 0.6, f"page {p}: step {step}'s lead stands at "
                          f"{lead[0][1]:.1f}, its text at {y:.1f}: not level")
                seen.append((p, step))
        if p > 1 and any(x == '(cont.)' for x in texts):
            k = texts.index('(cont.)')
            check(k > 0 and texts[k - 1] == '1.1', f"page {p}: '(cont.)' does not follow the ref 1.1")
    steps = [s for _, s in seen]
    check(steps == list(range(1, n + 1)),
          f"the steps are not each printed once, in order: {steps}")
    turned = sorted(set(p for p, _ in seen))
    check(len(turned) >= 3, f"the row of {n} steps runs over {len(turned)} pages, not 3 or more")
    for p in turned[1:]:
        check('(cont.)' in [w[4] for w in pages[p - 1]], f"page {p} goes on with row 1.1 but "
              f"does not say '(cont.)'")
    finish()


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]))
