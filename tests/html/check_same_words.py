#!/usr/bin/env python3
"""check_same_words.py SITE - every plan's facts said in the same words on
its web page and in its PDF, read from both outputs (each fact is decided
once, in gen/present/words.c; this proves neither output says it its own
way): the plan's facts ("Status: Draft"), the overdue sentence, the rating
counts of the plan and of each theme's table, and each indicator's sentence
and its "Latest", "Change" and "Direction of travel". Prints "N passed, N
failed"."""
import glob
import html
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402



def squash(text):
    """Text as compared: entities decoded, tags dropped, runs of white space one space."""
    return ' '.join(html.unescape(re.sub(r'<[^>]+>', '', text)).split())


def pdf_text(path):
    raw = subprocess.run(['pdftotext', '-raw', path, '-'], capture_output=True, text=True,
                         check=True).stdout
    return squash(raw)


def check_plan(page_path, pdf_path):
    name = os.path.basename(page_path)
    page = open(page_path, encoding='utf-8').read()
    pdf = pdf_text(pdf_path)
    # the facts, in the page's <dl class="facts"> and on the PDF's cover
    facts = re.search(r'<dl class="facts">(.*?)</dl>', page, re.S)
    for label, value in re.findall(r'<dt>(.*?)</dt><dd>(.*?)</dd>', facts.group(1) if facts else ''):
        label, value = squash(label), squash(value)
        if label in ('Organisation', 'Service'):
            continue	# the PDF's cover heads with them, unlabelled
        check(f"{label}: {value}" in pdf, f"{name}: the page says '{label}: {value}', the PDF does not")
    overdue = re.search(r'<p class="overdue-note">.*?<span>(.*?)</span></p>', page, re.S)
    if overdue:
        want = squash(overdue.group(1))
        check(f"Overdue: {want}" in pdf, f"{name}: the page says '{want}' of what is overdue, the PDF does not")
    summary = re.search(r'<p class="rag-summary-text">(.*?)</p>', page, re.S)
    if summary:
        want = squash(summary.group(1))
        check(f"Progress: {want}" in pdf, f"{name}: the page counts '{want}', the PDF does not")
    for caption, counts in re.findall(r'<p class="theme-rag">(.*?)</p>.*?<caption[^>]*>(.*?)</caption>',
                                      page, re.S):
        want = f"{squash(counts)} ({squash(caption)})"
        check(want in pdf, f"{name}: the PDF has no caption '{want[:80]}'")
    for kpi in re.findall(r'<section class="kpi".*?</section>', page, re.S):
        title = squash(re.search(r'<h\d[^>]*>(.*?)</h\d>', kpi, re.S).group(1))
        sentence = re.search(r'<p[^>]*class="kpi-summary"[^>]*>(.*?)</p>', kpi, re.S)
        if sentence:
            want = squash(sentence.group(1))
            check(want in pdf, f"{name}: the PDF does not say of '{title[:40]}' '{want[:60]}'")
        for label in ('Latest', 'Change', 'Direction of travel'):
            m = re.search(r'<dt>' + label + r'</dt><dd>(.*?)</dd>', kpi, re.S)
            if m:
                want = f"{label}: {squash(m.group(1))}"
                check(want in pdf, f"{name}: the page says of '{title[:40]}' '{want}', the PDF does not")


def main(site):
    pages = sorted(glob.glob(os.path.join(site, 'plans', '*.html')))
    for page in pages:
        pdf = page[:-5] + '.pdf'
        if os.path.exists(pdf):
            check_plan(page, pdf)
    check(bool(pages), f"{site}: no plan pages")
    finish()


if __name__ == '__main__':
    main(sys.argv[1])
