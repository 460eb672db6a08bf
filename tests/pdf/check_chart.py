#!/usr/bin/env python3
"""check_chart.py CHART-EDGES.pdf - the charts of
tests/pdf/content/plans/chart-edges.yaml read back with pdftotext -bbox.

Each KPI is found by its title on its page (two may share one). Whole-number KPIs
(an all-zero count, a single figure in days) have whole ticks only, the
all-zero one 0 to 5; the bar chart's not-known period says "n/k" at its
baseline, and only there (a line chart shows a gap); a chart with an "n/k"
explains it in a key in its legend ("n/k Not known", clear of every other
word), and its sentence says which period is not known, and no chart without
one has a key; every one of the long quarter labels is printed under the
chart, none dropped. Ends with "N passed, N failed".
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402

NS = '{http://www.w3.org/1999/xhtml}'


def pages(pdf):
    """Each page as a list of (x1, y1, x2, y2, word)."""
    xhtml = subprocess.run(['pdftotext', '-bbox', pdf, '-'], capture_output=True,
                           text=True).stdout
    root = ET.fromstring(re.sub(r'<!DOCTYPE[^>]*>', '', xhtml))
    out = []
    for page in root.iter(NS + 'page'):
        out.append([tuple(float(w.get(k)) for k in ('xMin', 'yMin', 'xMax', 'yMax')) + (w.text,)
                    for w in page.iter(NS + 'word')])
    return out


def kpi_page(all_pages, title):
    """The words of the KPI's part of its page: from its title (followed by
    'Latest:') to the end of its figures table, or the next KPI's title."""
    for words in all_pages:
        text = ' '.join(w[4] for w in words)
        if title + ' Latest:' not in text:
            continue
        first = title.split()[0]
        # the title's top: the first word of a run that spells it
        tops = [w[1] for i, w in enumerate(words) if w[4] == first and
                ' '.join(x[4] for x in words[i:i + len(title.split()) + 1]) == title + ' Latest:']
        top = tops[0] if tops else 0
        below = [w for w in words if w[1] >= top - 1]
        # the next KPI starts with its own 'Latest:' after this one's table
        series = sorted(w[1] for w in below if w[4] == 'Series')
        latest = sorted(w[1] for w in below if w[4] == 'Latest:')
        end = next((y for y in latest[1:] if series and y > series[0]), 1e9)
        return [w for w in below if w[1] < end - 30]
    return None


def chart_words(words):
    """The chart's words: below the trend sentence, above the figures table
    (whose first cell is 'Series')."""
    table = min((w[1] for w in words if w[4] == 'Series'), default=1e9)
    # the chart starts under the sentence, which ends with a full stop
    sentence_end = max((w[3] for w in words if w[4].endswith('.') and w[1] < table), default=0)
    return [w for w in words if sentence_end < w[1] < table]


def main():
    all_pages = pages(sys.argv[1])
    for title, want in (('Number of adoption disruptions', ['0', '1', '2', '3', '4', '5']),
                        ('Days from authority to place to a match', ['0', '5', '10', '15'])):
        words = kpi_page(all_pages, title)
        check(words is not None, f"a page charts '{title}'")
        if not words:
            continue
        chart = chart_words(words)
        numbers = [w[4] for w in chart if re.fullmatch(r'-?[\d,.]+', w[4])]
        check(not [n for n in numbers if '.' in n],
              f"{title}: no fractional tick (got {numbers})")
        check(all(t in numbers for t in want), f"{title}: ticks {want} (got {numbers})")
    # a chart that marks a period "n/k" explains the mark in its key, "n/k Not
    # known" on a line of the legend, and only such a chart has a key
    for n, words in enumerate(all_pages, 1):
        marks, keys = [], []
        for w in (w for w in words if w[4] == 'n/k'):
            # the next two words on its line, if the first is close by
            rest = sorted(x for x in words if abs(x[3] - w[3]) < 1.5 and x[0] >= w[2])[:2]
            is_key = [x[4] for x in rest] == ['Not', 'known'] and rest[0][0] - w[2] < 20
            (keys if is_key else marks).append(w)
        check(bool(marks) == bool(keys), f"page {n}: {len(marks)} 'n/k' mark(s) on a chart and "
              f"{len(keys)} key(s) saying 'n/k Not known'")
        for key in keys:
            check(marks and all(key[1] > m[3] for m in marks), f"page {n}: the key is under the marks")
    everything = [w for p in all_pages for w in p]
    nk = [w for w in everything if w[4] == 'n/k']
    check(len(nk) == 2, "'n/k' twice, for the bar chart's one period not known and in its key "
          f"(got {len(nk)})")
    bars = kpi_page(all_pages, 'New EHC plans issued within 20 weeks')
    if bars and nk:
        chart = chart_words(bars)
        check(all(w in chart for w in nk), "every 'n/k' is in the bar chart")
        labels = [w for w in chart if re.fullmatch(r'20\d\d', w[4])]
        mark = [w for w in nk if labels and w[3] < min(l[1] for l in labels)]
        check(len(mark) == 1, "one 'n/k' over the period labels")
        # under 2016, the period not known, and just above the axis labels
        label = [w for w in chart if w[4] == '2016']
        check(mark and label and label[0][0] - 5 < (mark[0][0] + mark[0][2]) / 2 < label[0][2] + 5,
              "'n/k' stands over its period's label")
        check(mark and label and 0 < label[0][1] - mark[0][3] < 20, "'n/k' is on the baseline")
        # the key: in the legend (under every period label, as low as the
        # series' names or lower), its words clear of every other word
        key = [w for w in nk if labels and w[1] > max(l[3] for l in labels)]
        check(len(key) == 1, "one 'n/k' under the period labels, the key's")
        if key:
            k = key[0]
            words = [k] + sorted(x for x in chart if abs(x[3] - k[3]) < 1.5 and x[0] >= k[2])[:2]
            check([w[4] for w in words] == ['n/k', 'Not', 'known'],
                  f"the key reads 'n/k Not known' (got {[w[4] for w in words]})")
            legend = [w for w in chart if w[4] in ('Region', 'England')]
            check(legend and k[1] >= min(w[1] for w in legend) - 1, "the key is in the legend")
            for w in words:
                hit = [x[4] for x in bars if x not in words and min(w[2], x[2]) - max(w[0], x[0]) > 0
                       and min(w[3], x[3]) - max(w[1], x[1]) > 0]
                check(not hit, f"the key's '{w[4]}' overlaps {hit}")
        # and the sentence above the chart (its alt text too) says which
        text = ' '.join(w[4] for w in bars)
        check('The figure for 2016 is not known.' in text,
              "the bar chart's sentence says 2016 is not known")
    # no other chart has a key: not one marks a period "n/k"
    for title in ('Number of adoption disruptions', 'Days from authority to place to a match',
                  'Social worker turnover rate',
                  'Young people accommodated due to risk of homelessness',
                  'Care leavers in touch, quarter by quarter'):
        words = kpi_page(all_pages, title)
        chart = ' '.join(w[4] for w in chart_words(words)) if words else ''
        check(words and 'n/k' not in chart and 'Not known' not in chart,
              f"{title}: no 'n/k' and no key")
        text = ' '.join(w[4] for w in words) if words else ''
        check('not known.' not in text, f"{title}: a line chart's sentence as before")
    # thirteen quarters' labels, too long to sit level: all upright, in order
    quarters = kpi_page(all_pages, 'Care leavers in touch, quarter by quarter')
    check(quarters is not None, "a page charts the thirteen quarters")
    if quarters:
        upright = sorted(w for w in chart_words(quarters)
                         if re.fullmatch(r'\d{4}/\d\d', w[4]) and w[3] - w[1] > w[2] - w[0])
        years = [w[4] for w in upright]
        want = [f"20{16 + i // 4}/{17 + i // 4}" for i in range(13)]
        check(years == want, f"every quarter labelled upright, in order (got {years})")
    finish()


if __name__ == '__main__':
    sys.exit(main())
