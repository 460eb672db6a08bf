#!/usr/bin/env python3
"""check_rag_css.py planpress.css - the web page's RAG tags printed in black
and white (the print style sheet prints their fills): each a grey of its
own, red the darkest, amber the lightest, green between, ten points of L*
at least apart, and each word at least 7:1 on its tint. Ends with
"N passed, N failed"."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from tally import check, finish  # noqa: E402


def luminance(hex_colour):
    def lin(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    h = hex_colour.lstrip('#')
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def lightness(hex_colour):
    y = luminance(hex_colour)
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def contrast(a, b):
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def main():
    css = open(sys.argv[1]).read()
    tags = {}
    for word in ('red', 'amber', 'green', 'blue'):
        m = re.search(r'\.tag-%s\s*\{\s*color:\s*(#[0-9a-fA-F]{6});\s*background:\s*(#[0-9a-fA-F]{6});'
                      % word, css)
        check(m is not None, f".tag-{word} has no colour and background")
        if m:
            tags[word] = m.groups()
    if len(tags) == 4:
        light = {w: lightness(bg) for w, (fg, bg) in tags.items()}
        check(light['red'] + 10 <= light['green'] and light['green'] + 10 <= light['amber'],
              f"tag greys not red < green < amber by 10 L*: {light}")
        for w, (fg, bg) in tags.items():
            check(contrast(fg, bg) >= 7, f".tag-{w}: {fg} on {bg} is {contrast(fg, bg):.2f}:1")
    print_rules = css[css.find('@media print'):]
    check(re.search(r'\.tag\s*\{[^}]*print-color-adjust:\s*exact', print_rules) is not None,
          "the print style sheet does not print the tags' fills")
    finish()


if __name__ == '__main__':
    main()
