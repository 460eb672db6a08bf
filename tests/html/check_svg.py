#!/usr/bin/env python3
"""check_svg.py SITE [SITE_AGAIN] - the chart SVGs of a built site.

Every SVG under SITE/assets/charts parses (xml.etree), every id in it starts
with the file's stem, no id is in two files (cairo once named every chart's
ids alike: surface1, glyph0-1, clip1), and every reference in a file
(url(#...), href="#...", xlink:href="#...") names an id of that file. Given
SITE_AGAIN, a second build of the same content, each SVG is byte for byte
the same there. Ends with "N passed, N failed".
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402



def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    site = sys.argv[1]
    again = sys.argv[2] if len(sys.argv) > 2 else None
    charts = os.path.join(site, 'assets', 'charts')
    names = sorted(n for n in os.listdir(charts) if n.endswith('.svg')) if os.path.isdir(charts) else []
    check(len(names) >= 2, f"{charts}: fewer than two chart SVGs")
    owner = {}
    for name in names:
        path = os.path.join(charts, name)
        with open(path, 'rb') as f:
            data = f.read()
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            check(False, f"{name}: does not parse: {e}")
            continue
        check(root.tag == '{http://www.w3.org/2000/svg}svg', f"{name}: root is {root.tag}, not svg")
        stem = name[:-4]
        ids = [e.get('id') for e in root.iter() if e.get('id') is not None]
        check(len(ids) > 0, f"{name}: no ids (the test would prove nothing)")
        check(len(ids) == len(set(ids)), f"{name}: an id twice")
        bad = [i for i in ids if not (i.startswith(stem + '-') or i.startswith('chart-' + stem + '-'))]
        check(not bad, f"{name}: ids not starting '{stem}-': {bad[:3]}")
        for i in ids:
            if i in owner:
                check(False, f"{name}: id '{i}' is in {owner[i]} too")
            owner[i] = name
        text = data.decode('utf-8')
        refs = re.findall(r'url\(#([^)]*)\)', text) + re.findall(r'href="#([^"]*)"', text)
        missing = sorted(set(refs) - set(ids))
        check(refs and not missing, f"{name}: references to no id: {missing[:3]}")
        if again:
            other = os.path.join(again, 'assets', 'charts', name)
            same = os.path.exists(other) and open(other, 'rb').read() == data
            check(same, f"{name}: differs on rebuild")
    finish()


if __name__ == '__main__':
    sys.exit(main())
