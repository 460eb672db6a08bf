#!/usr/bin/python3
"""mutate_drawn.py GEOMETRY SITE - the chart checks (tests/chart/drawn.py)
bite: each breaks one chart's drawing on purpose, in its SVG file and in the
content stream of its PDF page (pikepdf), and the checks must then fail by
the rule broken. The charts are the PDF fixtures' (tests/pdf/content):

- the target line dropped (a target per period, and a single target);
- a point of the council's line moved, and a marker moved;
- a gap bridged: a line drawn across a period not known;
- a comparator's marker dropped; a bar moved to a period not known, a bar
  cut short, the "n/k" of a bar not known dropped;
- a comparator drawn in the target's style, markers gone: no style of its
  own;
- the latest value's label moved away from its point, or dropped;
- a line drawn past the plot; a grid line dropped;
- one output recoloured: each drawing passes alone, the two disagree.

Ends with "N passed, N failed".
"""
import copy
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import check, finish  # noqa: E402
import drawn  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402


class SvgEditor:
    """Edits of a chart's SVG document, read back as the checks read it."""

    def __init__(self, path, g):
        self.root = ET.parse(path).getroot()
        self.parent = {c: p for p in self.root.iter() for c in p}
        self.g = g
        self.drawing = drawn.svg_read(self.root)

    def delete(self, s):
        self.parent[s['ref']].remove(s['ref'])

    def _transform(self, e, dx, dy):
        e.set('transform', f"matrix(1,0,0,1,{dx},{dy})")

    def translate(self, s, dx, dy):
        self._transform(s['ref'], dx, dy)

    def translate_text(self, t, dx, dy):
        self._transform(t['ref'], dx, dy)

    def move_point(self, s, k, dx, dy):
        """The k-th point of the path (in the order drawn) moved."""
        e = s['ref']
        d = e.get('d')
        nums = list(re.finditer(r'-?[\d.]+', d))
        x, y = nums[2 * k], nums[2 * k + 1]
        d = d[:x.start()] + f"{float(x.group()) + dx:.6f}" + d[x.end():y.start()] + \
            f"{float(y.group()) + dy:.6f}" + d[y.end():]
        e.set('d', d)

    def set_dash(self, s, dash):
        style = drawn.parse_style(s['ref'].get('style'))
        style['stroke-dasharray'] = ','.join(f"{v:g}" for v in dash)
        s['ref'].set('style', ';'.join(f"{k}:{v}" for k, v in style.items()) + ';')

    def recolour(self, old, new):
        text = f"rgb({','.join(f'{v * 100:g}%' for v in new)})"
        for e in self.root.iter():
            style = drawn.parse_style(e.get('style'))
            changed = False
            for key in ('stroke', 'fill'):
                if drawn.svg_colour(style.get(key)) == old:
                    style[key] = text
                    changed = True
            if changed:
                e.set('style', ';'.join(f"{k}:{v}" for k, v in style.items()) + ';')

    def add_line(self, like, pts):
        e = copy.deepcopy(like['ref'])
        e.attrib.pop('transform', None)
        e.set('d', 'M ' + ' L '.join(f"{x:.6f} {y:.6f}" for x, y in pts))
        self.parent[like['ref']].append(e)

    def result(self):
        return drawn.svg_read(self.root)


class PdfEditor:
    """Edits of the content stream of a chart's PDF page, read back from a
    copy of the PDF written with them."""

    def __init__(self, path, g, tmp):
        import pikepdf
        self.pikepdf = pikepdf
        self.pdf = pikepdf.open(path)
        self.page = self.pdf.pages[g['page'] - 1]
        self.height = float(self.page.MediaBox[3]) - float(self.page.MediaBox[1])
        self.ops = list(pikepdf.parse_content_stream(self.page))
        self.figures, self.texts = drawn.pdf_read(self.ops, self.height)
        self.g = g
        self.tmp = tmp
        self.drawing = drawn.pdf_chart(self.figures, drawn.pdf_words(path, g['page']), g)
        self.deleted, self.before, self.after, self.replaced = set(), {}, {}, {}

    def _op(self, name, *operands):
        return self.pikepdf.ContentStreamInstruction(list(operands), self.pikepdf.Operator(name))

    def _wrap(self, first, last, *ops):
        self.before.setdefault(first, []).extend([self._op('q')] + list(ops))
        self.after.setdefault(last, []).append(self._op('Q'))

    def delete(self, s):
        self.deleted.update(range(s['ref'][0], s['ref'][1] + 1))

    def translate(self, s, dx, dy):
        self._wrap(s['ref'][0], s['ref'][1], self._op('cm', 1, 0, 0, 1, dx, dy))

    def translate_text(self, t, dx, dy):
        # the text block that sets the label: its text matrix at the box
        x0, y0, x1, y1 = t['box']
        block = next(b for b in self.texts if b['at'] and x0 - 2 <= b['at'][0] <= x1 and
                     y0 - 2 <= b['at'][1] <= y1 + 2)
        self._wrap(block['range'][0], block['range'][1], self._op('cm', 1, 0, 0, 1, dx, dy))

    def move_point(self, s, k, dx, dy):
        seen = 0
        for i in range(s['ref'][0], s['ref'][1] + 1):
            operands, op = self.ops[i]
            n = {'m': 1, 'l': 1, 'c': 3}.get(str(op), 0)
            if seen <= k < seen + n:
                vals = [float(v) for v in operands]
                j = 2 * (k - seen)
                vals[j] += dx
                vals[j + 1] += dy
                self.replaced[i] = self._op(str(op), *vals)
                return
            seen += n
        raise ValueError('no such point')

    def set_dash(self, s, dash):
        self._wrap(s['ref'][0], s['ref'][1], self._op('d', self.pikepdf.Array(dash), 0))

    def recolour(self, old, new):
        for i, (operands, op) in enumerate(self.ops):
            if str(op) in ('RG', 'rg') and drawn.colour(float(v) for v in operands) == old:
                self.replaced[i] = self._op(str(op), *new)

    def add_line(self, like, pts):
        ops = [self._op('q'), self._op('RG', *like['stroke']), self._op('w', like['width']),
               self._op('d', self.pikepdf.Array(list(like['dash'])), 0),
               self._op('m', *pts[0])] + [self._op('l', *p) for p in pts[1:]] + \
            [self._op('S'), self._op('Q')]
        self.after.setdefault(like['ref'][1], []).extend(ops)

    def hide_text(self):
        """Every text of the chart set invisible (text rendering mode 3):
        still there for pdftotext, gone from the page."""
        mcid = drawn.pdf_figure_of(self.figures, self.g)
        for block in self.texts:
            if block['mcid'] == mcid:
                self.after.setdefault(block['range'][0], []).append(self._op('Tr', 3))

    def result(self):
        out = []
        for i, inst in enumerate(self.ops):
            out += self.before.get(i, [])
            if i not in self.deleted:
                out.append(self.replaced.get(i, inst))
            out += self.after.get(i, [])
        self.page.Contents = self.pdf.make_stream(self.pikepdf.unparse_content_stream(out))
        path = os.path.join(self.tmp, 'mutant.pdf')
        self.pdf.save(path)
        figures = drawn.pdf_figures(path, self.g['page'])
        return drawn.pdf_chart(figures, drawn.pdf_words(path, self.g['page'], cache=False), self.g)


# ---------- the mutations: (what, kpi, edit, rules that must fail) ----------

def series_index(g, kind, nth=0):
    return [j for j, s in enumerate(g['series']) if s['kind'] == kind][nth]


def drop_target(ed, g, parts):
    for s in parts['lines'][series_index(g, 'target')]:
        ed.delete(s)


def move_line_point(ed, g, parts):
    ed.move_point(parts['lines'][0][0], 1, 0, 6)


def move_marker(ed, g, parts):
    ed.translate(parts['markers'][0][1], 0, 6)


def bridge_gap(ed, g, parts):
    """A line across the council's figure not known (the third of four)."""
    centre, vy, _ = drawn.expected(g)
    vals = g['series'][0]['values']
    i = vals.index(None)
    ed.add_line(parts['lines'][0][0], [(centre(i - 1), vy(vals[i - 1])),
                                       (centre(i + 1), vy(vals[i + 1]))])


def drop_marker(ed, g, parts):
    ed.delete(parts['markers'][series_index(g, 'comparator')][0])


def lose_own_style(ed, g, parts):
    """The first comparator drawn dotted like the target, without markers."""
    j, t = series_index(g, 'comparator'), series_index(g, 'target')
    dash = parts['legend'][t]['line'][2]
    for s in parts['lines'][j] + parts['legend'][j]['shapes'][:1]:
        ed.set_dash(s, dash)
    for s in parts['markers'][j] + parts['legend'][j]['shapes'][1:]:
        ed.delete(s)


def move_label(ed, g, parts):
    ed.translate_text(parts['label'], -g['plot'][2] / 2, 0)


def drop_label(ed, g, parts):
    drop_text(ed, g, parts['label'])


def drop_not_known(ed, g, parts):
    drop_text(ed, g, parts['marks'][0])


def drop_text(ed, g, t):
    if isinstance(ed, SvgEditor):
        ed.parent[t['ref']].remove(t['ref'])
    else:	# its text block, moved off the chart altogether
        ed.translate_text(t, 0, -g['box'][1] - 50)


def line_past_plot(ed, g, parts):
    centre, vy, _ = drawn.expected(g)
    vals = g['series'][0]['values']
    i = max(k for k, v in enumerate(vals) if v is not None)
    px, py, pw, ph = g['plot']
    ed.add_line(parts['lines'][0][0], [(centre(i), vy(vals[i])), (px + pw + 30, vy(vals[i]))])


def drop_grid_line(ed, g, parts):
    ed.delete(parts['grid'][1])


def bar_to_not_known(ed, g, parts):
    """The bar of the period after the one not known moved onto it."""
    centre, _, slot = drawn.expected(g)
    i = g['series'][0]['values'].index(None)

    def middle(s):
        b = drawn.bbox(drawn.points(s))
        return (b[0] + b[2]) / 2
    bar = next(s for s in parts['bars'] if abs(middle(s) - centre(i + 1)) < 1)
    ed.translate(bar, -slot, 0)


def cut_bar(ed, g, parts):
    bar = max(parts['bars'], key=lambda s: drawn.bbox(drawn.points(s))[3] -
              drawn.bbox(drawn.points(s))[1])
    ed.translate(bar, 0, 8)


MUTATIONS = [
    ("the target line dropped", 'comparators', drop_target, {'line'}),
    ("a single target's line dropped", 'long-labels', drop_target, {'line'}),
    ("a point of the council's line moved", 'comparators', move_line_point, {'line'}),
    ("a marker moved", 'same-as-england', move_marker, {'marker'}),
    ("a gap bridged", 'comparators', bridge_gap, {'gap'}),
    ("a comparator's marker dropped", 'bars', drop_marker, {'marker'}),
    ("a comparator drawn like the target", 'comparators', lose_own_style, {'style'}),
    ("the latest value's label moved away", 'same-as-england', move_label, {'label'}),
    ("the latest value's label dropped", 'long-labels', drop_label, {'label'}),
    ("a line past the plot", 'long-labels', line_past_plot, {'outside'}),
    ("a grid line dropped", 'at-the-top', drop_grid_line, {'grid'}),
    ("a bar moved to a period not known", 'bars', bar_to_not_known, {'bar'}),
    ("a bar cut short", 'bars', cut_bar, {'bar'}),
    ("the 'n/k' of a bar not known dropped", 'negative-bars', drop_not_known, {'bar'}),
]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        charts = [json.loads(line) for line in f if line.strip()]
    site = sys.argv[2]
    tmp = tempfile.mkdtemp()

    def chart(kpi, output):
        return next(g for g in charts if g['kpi'] == kpi and g['output'] == output)

    def editor(g):
        path = os.path.join(site, g['file'])
        return SvgEditor(path, g) if g['output'] == 'svg' else PdfEditor(path, g, tmp)

    for what, kpi, edit, rules in MUTATIONS:
        for output in ('svg', 'pdf'):
            g = chart(kpi, output)
            ed = editor(g)
            before, reading = drawn.check(g, ed.drawing)
            check(not before, f"{output} {kpi}: fails before it is broken: {before[:2]}")
            edit(ed, g, reading['parts'])
            fails, _ = drawn.check(g, ed.result())
            check(any(r in rules for r, _ in fails),
                  f"{output} {kpi}: {what}, and no check of {sorted(rules)} failed "
                  f"(got {fails[:3]})")
    # one output recoloured: alone, each passes; together, they disagree
    g_svg, g_pdf = chart('bars', 'svg'), chart('bars', 'pdf')
    ed = editor(g_svg)
    _, reading = drawn.check(g_svg, ed.drawing)
    england = reading['parts']['legend'][2]['line'][0]
    ed.recolour(england, (0.2, 0.6, 0.2))
    fails, svg_reading = drawn.check(g_svg, ed.result())
    check(not fails, f"svg bars: recoloured, fails alone: {fails[:2]}")
    _, pdf_reading = drawn.check(g_pdf, editor(g_pdf).drawing)
    disagree = drawn.agree(pdf_reading, svg_reading, 0.1)
    check(any(r == 'agree' for r, _ in disagree),
          "bars: the SVG recoloured, and its PDF and SVG do not disagree")
    finish()


if __name__ == '__main__':
    main()
