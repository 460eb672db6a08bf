#!/usr/bin/env python3
"""check_history.py STEM - a plan rated in its council's own words at
several reviews (tests/golden/content/plans/ratings.yaml), read back from
STEM.pdf (pdftotext), STEM.html and STEM.csv, which must say the same:
- every review's rating of every action, in the CSV's "rating PERIOD"
  columns, is the PDF's grid and the web page's grid, row by row in order;
- the "Changes since" section names exactly the actions whose change the
  CSV gives (up, down, completed, new), in the PDF and on the web page, and
  the change column says the same word;
- every word of the scale the plan uses is printed.
Prints "N passed, N failed"."""
import csv
import html
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402



def main(stem):
    with open(stem + '.csv', newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    reviews = [k for k in rows[0] if k.startswith('rating ')]
    check(len(reviews) == 9, f"{len(reviews)} review columns in the CSV, not 9")
    text = subprocess.run(['pdftotext', '-raw', stem + '.pdf', '-'], capture_output=True,
                          text=True, check=True).stdout
    # without the pages' running header and footer
    flat = ' '.join(text.split())
    flat = re.sub(r' ?Golden Borough Council Written statement of action progress review', '', flat)
    flat = re.sub(r' ?Page \d+ of \d+', '', flat)
    page = open(stem + '.html', encoding='utf-8').read()

    # the grid, a row an action: the PDF's run of ratings after the ref in the
    # grid's table, the web page's cells of class col-history
    grid_pdf = flat[flat.find('Rating history for'):]
    grid_pdf = grid_pdf[:grid_pdf.find('Indicators for')]
    # a table's header repeated on a page it runs on to
    grid_pdf = grid_pdf.replace('Ref Rating history ' + ' '.join(r[len('rating '):] for r in reviews), '')
    grid_pdf = ' '.join(grid_pdf.split())
    for row in rows:
        want = [row[r] for r in reviews if row[r]]
        ref = row['ref']
        m = re.search(r'(?:^| )' + re.escape(ref) + r' (.*?)(?= \d\.\d |$)', grid_pdf)
        got = m.group(1) if m else ''
        check(got == ' '.join(want), f"PDF grid row {ref}: '{got}', the CSV says '{' '.join(want)}'")
        tr = re.search(r'<tr id="action-' + ref.replace('.', '-') + r'".*?</tr>', page, re.S)
        cells = re.findall(r'<td[^>]*class="col-history"[^>]*>(.*?)</td>', tr.group(0) if tr else '',
                           re.S)
        words = [html.unescape(re.sub(r'<[^>]+>', '', c)).strip() for c in cells]
        check(words == [row[r] for r in reviews], f"web grid row {ref}: {words}")
        # the change column, in words
        change = row['change']
        if change:
            check(change in (tr.group(0) if tr else ''), f"web row {ref} does not say '{change}'")

    # the changes section: exactly the actions that moved
    moved = {r['ref'] for r in rows if r['change'] in ('Up', 'Down', 'Completed', 'New')}
    section = flat[flat.find('Changes since'):]
    section = section[section.find('Changes since', 20):] if section.count('Changes since') > 1 else section
    end = section.find('Performance indicators')
    section = section[:end if end > 0 else len(section)]
    named = set(re.findall(r'Action (\d+\.\d+)', section))
    overdue = {r['ref'] for r in rows if r['overdue'] == 'yes'}
    check(moved <= named and named <= moved | overdue,
          f"the PDF's changes name {sorted(named)}; the CSV moves {sorted(moved)}")
    web = page[page.find('<section id="changes"'):]
    web = web[:web.find('</section>')]
    web_named = set(re.findall(r'Action (\d+\.\d+)', html.unescape(re.sub(r'<[^>]+>', '', web))))
    check(web_named == named, f"the web page's changes name {sorted(web_named)}, the PDF's {sorted(named)}")
    for word in ('Not started', 'Started but delayed', 'Progressing and on track', 'Completed',
                 'Embedded'):
        check(word in flat, f"the PDF never prints '{word}'")
        check(word in page, f"the web page never prints '{word}'")
    finish()


if __name__ == '__main__':
    main(sys.argv[1])
