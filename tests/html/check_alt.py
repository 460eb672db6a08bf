#!/usr/bin/env python3
"""check_alt.py SITE - every chart image of the built site has alternative
text, and a paragraph beside it that says the same is hidden from screen
readers (aria-hidden), so they hear the trend once, not twice. A paragraph
with no chart beside it is not hidden. Every cell of a figures table reads
as a figure or in words: none is empty or a bare dash (read as "dash", or
not at all, where a figure is not known). Ends with "N passed, N failed"."""
import os
import html.parser
import pathlib
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402



class Page(html.parser.HTMLParser):
    """The chart alts and the kpi-summary paragraphs, in page order."""

    def __init__(self):
        super().__init__()
        self.items, self.in_summary = [], None
        self.in_figures, self.cell, self.cells = False, None, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'table' and 'figures' in (a.get('class') or '').split():
            self.in_figures = True
        elif tag == 'td' and self.in_figures:
            self.cell = ''
        if tag == 'img' and a.get('src', '').startswith(('../assets/charts/', 'assets/charts/',
                                                          'data:image/svg+xml')):
            self.items.append(['img', a.get('alt') or '', False])
        elif tag == 'p' and 'kpi-summary' in (a.get('class') or '').split():
            self.in_summary = ['p', '', a.get('aria-hidden') == 'true']
            self.items.append(self.in_summary)

    def handle_data(self, data):
        if self.in_summary is not None:
            self.in_summary[1] += data
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag == 'p':
            self.in_summary = None
        elif tag == 'td' and self.cell is not None:
            self.cells.append(self.cell.strip())
            self.cell = None
        elif tag == 'table':
            self.in_figures = False


def main():
    for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.html')):
        page = Page()
        page.feed(path.read_text())
        items = page.items
        for i, (kind, text, hidden) in enumerate(items):
            if kind == 'img':
                check(text.strip() != '', f"{path}: a chart without alternative text")
                continue
            after_chart = i > 0 and items[i - 1][0] == 'img' and items[i - 1][1] == text
            check(hidden == after_chart, f"{path}: the summary '{text[:60]}' is "
                  f"{'hidden' if hidden else 'read'} {'after' if after_chart else 'without'} "
                  f"a chart saying the same")
        if page.cells:
            bare = [c for c in page.cells if c in ('', '-', '–', '—')]
            check(not bare, f"{path}: {len(bare)} figures table cell(s) read as "
                  f"{sorted(set(bare))}, not in words")
    finish()


if __name__ == '__main__':
    sys.exit(main())
