"""drawn.py - a KPI chart read back from what is drawn: the paths of its SVG
file, or the content stream of its PDF page (pikepdf), checked against what
the chart shows.

tests/chart/geometry says, for every chart, the box chart.h gave it, its plot
box and value axis, each series' values and the sideways offset of each
marker. From those alone (a period's point is at the middle of its slot of
the plot, a value's height is in proportion on the axis) this module works
out where each thing must be drawn, and compares:

- the legend: a sample per series, in order, each series in a style of its
  own (dash, width, marker shape, filled or not; colour is not enough in
  black and white);
- every line and marker of the plot drawn in some series' style;
- each series point by point: its line, sampled at each period and between
  neighbours, reads its values; a gap (no line) beside a value not known; a
  marker at each known value, none elsewhere; a target as steps across each
  period's slot (or one level line for a single target); bars from zero;
- the value axis: a grid line at each tick, its label beside it (PDF text);
- the latest value's label, bold, in the plot, beside the latest point;
- nothing drawn outside the plot (lines, markers, bars, the label) or the
  chart's box (anything);
- what was read from a chart's PDF and SVG drawings, in periods and values
  rather than points, is the same.

check(geometry, drawing) returns [(rule, message)] and a reading of the
drawing; agree(reading, reading) compares two readings.
"""
import math
import re
import subprocess
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
XLINK = '{http://www.w3.org/1999/xlink}'
TOL = 0.6		# points: where a thing is drawn, as against where it belongs
WHITE = (1.0, 1.0, 1.0)


# ---------- shapes ----------

def shape(subpaths, closed, curved, fill=None, stroke=None, width=0.0, dash=(), ref=None):
    """A painted path: subpaths of points (curves by their end and control
    points), which are closed, filled and stroked in which colour; ref is
    what drew it (an SVG element, a PDF's range of operators), for
    tests/chart/mutate_drawn.py."""
    return {'subpaths': subpaths, 'closed': closed, 'curved': curved, 'fill': fill,
            'stroke': stroke, 'width': round(width, 2), 'dash': tuple(round(d, 2) for d in dash),
            'ref': ref}


def points(s):
    return [p for sub in s['subpaths'] for p in sub]


def bbox(pts):
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys)) if pts else (0, 0, 0, 0)


def colour(values):
    return tuple(round(float(v), 2) for v in values)


def merge_fill_stroke(shapes):
    """cairo may write a filled and stroked marker as a fill, then a stroke
    of the same path: one shape."""
    out = []
    for s in shapes:
        prev = out[-1] if out else None
        if prev and prev['fill'] is not None and prev['stroke'] is None and \
                s['fill'] is None and s['stroke'] is not None and \
                prev['subpaths'] == s['subpaths']:
            prev.update(stroke=s['stroke'], width=s['width'])
            if isinstance(prev['ref'], tuple):	# PDF: both operators' range
                prev['ref'] = (prev['ref'][0], s['ref'][1])
            continue
        out.append(s)
    return out


# ---------- SVG ----------

def parse_style(text):
    out = {}
    for part in (text or '').split(';'):
        if ':' in part:
            k, v = part.split(':', 1)
            out[k.strip()] = v.strip()
    return out


def svg_colour(text):
    m = re.match(r'rgb\(([\d.]+)%,\s*([\d.]+)%,\s*([\d.]+)%\)', text or '')
    return colour(float(v) / 100 for v in m.groups()) if m else None


def matrix_mul(a, b):
    """a then b, as 6-tuples (a b c d e f) of affine maps."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


IDENTITY = (1, 0, 0, 1, 0, 0)


def apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def svg_transform(text):
    m = re.match(r'\s*matrix\(([^)]*)\)', text or '')
    if not m:
        return IDENTITY
    return tuple(float(v) for v in re.split(r'[\s,]+', m.group(1).strip()))


def path_data(d, m=IDENTITY):
    """cairo's path data (absolute M, L, C, Z) as subpaths."""
    subpaths, closed, curved = [], [], False
    tokens = re.findall(r'[MLCZ]|-?[\d.]+(?:e-?\d+)?', d or '')
    i, cmd = 0, None
    while i < len(tokens):
        t = tokens[i]
        if t in 'MLCZ':
            cmd = t
            i += 1
            if cmd == 'Z' and subpaths:
                closed[-1] = True
            continue
        n = 6 if cmd == 'C' else 2
        nums = [float(v) for v in tokens[i:i + n]]
        i += n
        pts = [apply(m, nums[k], nums[k + 1]) for k in range(0, n, 2)]
        if cmd == 'M':
            subpaths.append([pts[0]])
            closed.append(False)
            cmd = 'L'
        else:
            if cmd == 'C':
                curved = True
            subpaths[-1].extend(pts)
    # a closed subpath's repeated start, and a lone move after a close
    out, out_closed = [], []
    for sub, c in zip(subpaths, closed):
        if len(sub) > 1 and c and sub[-1] == sub[0]:
            sub = sub[:-1]
        if len(sub) > 1 or c:
            out.append(sub)
            out_closed.append(c)
    return out, out_closed, curved


def svg_drawing(path):
    """The shapes and text runs of an SVG file cairo wrote."""
    return svg_read(ET.parse(path).getroot())


def svg_read(root):
    """The shapes and text runs of cairo's SVG document root."""
    glyphs = {}
    for sym in root.iter(SVG + 'symbol'):
        pts = [p for e in sym.iter(SVG + 'path') for sub in path_data(e.get('d'))[0] for p in sub]
        glyphs[sym.get('id')] = bbox(pts) if pts else None
    shapes, texts = [], []
    width = float(re.sub(r'[a-z]+$', '', root.get('width')))
    height = float(re.sub(r'[a-z]+$', '', root.get('height')))

    def walk(node, m):
        for e in node:
            tag = e.tag.replace(SVG, '')
            em = matrix_mul(svg_transform(e.get('transform')), m)
            style = parse_style(e.get('style'))
            if tag in ('defs', 'symbol'):
                continue
            if tag == 'g':
                uses = [u for u in e if u.tag == SVG + 'use']
                if uses:
                    run = []
                    for u in uses:
                        ref = u.get(XLINK + 'href') or u.get('href') or ''
                        font = re.search(r'glyph(\d+)-\d+$', ref)
                        x, y = float(u.get('x', 0)), float(u.get('y', 0))
                        um = matrix_mul(svg_transform(u.get('transform')), em)
                        gb = glyphs.get(ref[1:])
                        run.append((font.group(1) if font else '?', gb, um, x, y))
                    # a space is a glyph with no outline: not counted, as
                    # pdftotext's words have none
                    boxes = [bbox([apply(um, x + gb[0], y + gb[1]), apply(um, x + gb[2], y + gb[3])])
                             for _, gb, um, x, y in run if gb]
                    texts.append({'text': None, 'glyphs': sum(1 for r in run if r[1]),
                                  'font': run[0][0], 'ref': e,
                                  'fill': svg_colour(style.get('fill')),
                                  'box': (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                          max(b[2] for b in boxes), max(b[3] for b in boxes))
                                  if boxes else (0, 0, 0, 0)})
                else:
                    walk(e, em)
                continue
            if tag == 'rect':
                x, y = float(e.get('x', 0)), float(e.get('y', 0))
                w, h = float(e.get('width', 0)), float(e.get('height', 0))
                sub = [apply(em, x, y), apply(em, x + w, y), apply(em, x + w, y + h),
                       apply(em, x, y + h)]
                shapes.append(shape([sub], [True], False, fill=svg_colour(style.get('fill')),
                                    stroke=None, ref=e))
                continue
            if tag == 'path':
                subs, closed, curved = path_data(e.get('d'), em)
                f = style.get('fill')
                s = style.get('stroke')
                dash = style.get('stroke-dasharray', 'none')
                shapes.append(shape(
                    subs, closed, curved,
                    fill=None if f in (None, 'none') else svg_colour(f),
                    stroke=None if s in (None, 'none') else svg_colour(s),
                    width=float(style.get('stroke-width', 1)) if s not in (None, 'none') else 0,
                    dash=() if dash == 'none' else [float(v) for v in re.split(r'[\s,]+', dash)],
                    ref=e))
    walk(root, IDENTITY)
    # the white page cairo paints first is not part of the chart
    shapes = [s for s in shapes if not (s['fill'] == WHITE and s['stroke'] is None and
              bbox(points(s)) == (0, 0, width, height))]
    return {'shapes': merge_fill_stroke(shapes), 'texts': texts, 'size': (width, height)}


# ---------- PDF ----------

def pdf_figures(pdf_path, page_number):
    """The shapes of each figure (marked content /Figure) on a page of a PDF,
    in the page's coordinates from its top left as cairo's: {mcid: shapes}."""
    import pikepdf
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[page_number - 1]
        height = float(page.MediaBox[3]) - float(page.MediaBox[1])
        ops = pikepdf.parse_content_stream(page)
    return pdf_read(ops, height)[0]


def pdf_read(ops, height):
    """A page's content stream read as cairo drew it: ({mcid: shapes} of each
    figure, [text blocks]), each shape's ref the range of operators that
    made and painted its path, each text block's (BT, ET) indices and where
    its text matrix puts it."""
    figures, texts = {}, []
    stack, ctm = [], IDENTITY
    gs = {'stroke': (0.0, 0.0, 0.0), 'fill': (0.0, 0.0, 0.0), 'width': 1.0, 'dash': ()}
    subpaths, closed, curved, start = [], [], False, None
    marked = []		# the marked-content stack: MCID of a figure, or None
    text = None
    for index, (operands, op) in enumerate(ops):
        op = str(op)
        nums = []
        for o in operands:
            try:
                nums.append(float(o))
            except (TypeError, ValueError):
                nums.append(None)
        mcid = next((m for m in reversed(marked) if m is not None), None)
        if op == 'q':
            stack.append((ctm, dict(gs)))
        elif op == 'Q':
            ctm, gs = stack.pop() if stack else (ctm, gs)
        elif op == 'cm':
            ctm = matrix_mul(tuple(nums), ctm)
        elif op == 'RG':
            gs['stroke'] = colour(nums)
        elif op == 'rg':
            gs['fill'] = colour(nums)
        elif op == 'G':
            gs['stroke'] = colour(nums * 3)
        elif op == 'g':
            gs['fill'] = colour(nums * 3)
        elif op == 'w':
            gs['width'] = nums[0]
        elif op == 'd':
            gs['dash'] = tuple(float(v) for v in operands[0])
        elif op in ('BDC', 'BMC'):
            m = None
            if str(operands[0]) == '/Figure' and len(operands) > 1:
                try:
                    m = int(operands[1].get('/MCID'))
                except (AttributeError, TypeError, ValueError):
                    m = None
            marked.append(m)
        elif op == 'EMC':
            if marked:
                marked.pop()
        elif op == 'BT':
            text = {'mcid': mcid, 'range': (index, index), 'at': None}
        elif op == 'Tm' and text is not None and text['at'] is None:
            px, py = apply(ctm, nums[4], nums[5])
            text['at'] = (px, height - py)
        elif op == 'ET' and text is not None:
            text['range'] = (text['range'][0], index)
            texts.append(text)
            text = None
        elif op in ('m', 'l', 'c', 're', 'h'):
            def pt(x, y):
                px, py = apply(ctm, x, y)
                return (round(px, 3), round(height - py, 3))
            if start is None:
                start = index
            if op == 'm':
                subpaths.append([pt(nums[0], nums[1])])
                closed.append(False)
            elif op == 'l':
                subpaths[-1].append(pt(nums[0], nums[1]))
            elif op == 'c':
                curved = True
                subpaths[-1].extend(pt(nums[k], nums[k + 1]) for k in (0, 2, 4))
            elif op == 're':
                x, y, w, h = nums
                subpaths.append([pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)])
                closed.append(True)
            elif op == 'h' and subpaths:
                closed[-1] = True
        elif op in ('S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n'):
            if op in ('s', 'b', 'b*') and subpaths:
                closed[-1] = True
            subs, cl = [], []
            for sub, c in zip(subpaths, closed):
                if len(sub) > 1 and c and sub[-1] == sub[0]:
                    sub = sub[:-1]
                if len(sub) > 1 or c:
                    subs.append(sub)
                    cl.append(c)
            fills = op in ('f', 'F', 'f*', 'B', 'B*', 'b', 'b*')
            strokes = op in ('S', 's', 'B', 'B*', 'b', 'b*')
            if op != 'n' and subs and mcid is not None:
                scale = math.hypot(ctm[0], ctm[1])
                figures.setdefault(mcid, []).append(shape(
                    subs, cl, curved, fill=gs['fill'] if fills else None,
                    stroke=gs['stroke'] if strokes else None,
                    width=gs['width'] * scale if strokes else 0,
                    dash=[d * scale for d in gs['dash']], ref=(start, index)))
            subpaths, closed, curved, start = [], [], False, None
    return {m: merge_fill_stroke(s) for m, s in figures.items()}, texts


_words = {}


def pdf_words(pdf_path, page_number, cache=True):
    """pdftotext -bbox's words of a page: (x1, y1, x2, y2, text)."""
    key = (pdf_path, page_number)
    if key not in _words or not cache:
        out = subprocess.run(['pdftotext', '-bbox', '-f', str(page_number), '-l', str(page_number),
                              pdf_path, '-'], capture_output=True, text=True, errors='replace').stdout
        root = ET.fromstring(re.sub(r'<!DOCTYPE[^>]*>', '', out))
        _words[key] = [tuple(float(w.get(k)) for k in ('xMin', 'yMin', 'xMax', 'yMax')) + (w.text or '',)
                       for w in root.iter('{http://www.w3.org/1999/xhtml}word')]
    return _words[key]


def pdf_drawing(pdf_path, g):
    """The drawing of the chart whose geometry is g, from its PDF page: the
    shapes of the figure whose drawing lies in g's box, and the words there."""
    return pdf_chart(pdf_figures(pdf_path, g['page']), pdf_words(pdf_path, g['page']), g)


def pdf_figure_of(figures, g):
    """The MCID of the figure whose drawing lies in g's box, or None."""
    x, y, w, h = g['box']
    best, best_in = None, 0
    for mcid, shapes in figures.items():
        pts = [p for s in shapes for p in points(s)]
        inside = sum(1 for px, py in pts if x - 1 <= px <= x + w + 1 and y - 1 <= py <= y + h + 1)
        if pts and inside > best_in and inside >= len(pts) / 2:
            best, best_in = mcid, inside
    return best


def pdf_chart(figures, page_words, g):
    """The chart's drawing: its figure's shapes, the words in its box."""
    x, y, w, h = g['box']
    mcid = pdf_figure_of(figures, g)
    best = figures.get(mcid)
    words = [wd for wd in page_words
             if x - 1 <= (wd[0] + wd[2]) / 2 <= x + w + 1 and y - 1 <= (wd[1] + wd[3]) / 2 <= y + h + 1]
    # words of one line close together are one text ("66.5 per 10,000")
    texts = []
    for wd in sorted(words, key=lambda v: (round(v[1]), v[0])):
        last = texts[-1] if texts else None
        if last and abs(last['box'][1] - wd[1]) < 0.5 and 0 <= wd[0] - last['box'][2] < 5:
            b = last['box']
            last.update(text=last['text'] + ' ' + wd[4], glyphs=last['glyphs'] + len(wd[4]),
                        box=(b[0], min(b[1], wd[1]), wd[2], max(b[3], wd[3])))
            continue
        texts.append({'text': wd[4], 'glyphs': len(wd[4]), 'font': None, 'fill': None,
                      'box': wd[:4]})
    return {'shapes': best or [], 'texts': texts, 'size': None}


# ---------- what the geometry says must be drawn ----------

def expected(g):
    """Where each period's point of each series goes, from the plot box, the
    axis and the values alone."""
    px, py, pw, ph = g['plot']
    n = len(g['periods'])
    slot = pw / n

    def centre(i):
        return px + slot * (i + 0.5)

    def vy(v):
        return py + ph * (1 - (v - g['min']) / (g['max'] - g['min']))
    return centre, vy, slot


def value_of(g, y):
    px, py, pw, ph = g['plot']
    return g['min'] + (py + ph - y) / ph * (g['max'] - g['min'])


# ---------- reading a drawing ----------

def is_line(s):
    return s['stroke'] is not None and s['fill'] is None and not s['curved'] and \
        not any(s['closed'])


def marker_of(s):
    """(shape name, centre x, centre y, filled, colour) of a marker, or None."""
    if s['stroke'] is None or s['fill'] is None or len(s['subpaths']) != 1:
        return None
    pts = s['subpaths'][0]
    b = bbox(pts)
    w, h = b[2] - b[0], b[3] - b[1]
    if w > 20 or h > 20:
        return None
    filled = s['fill'] != WHITE
    if s['curved']:
        return ('circle', (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, filled, s['stroke'])
    if len(pts) == 4:
        level = all(abs(pts[k][0] - pts[(k + 1) % 4][0]) < 0.01 or
                    abs(pts[k][1] - pts[(k + 1) % 4][1]) < 0.01 for k in range(4))
        return ('square' if level else 'diamond', (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, filled,
                s['stroke'])
    if len(pts) == 3:
        # the apex is the corner level with neither other
        for k in range(3):
            a, o1, o2 = pts[k], pts[(k + 1) % 3], pts[(k + 2) % 3]
            if abs(o1[1] - o2[1]) < 0.01:
                r = abs(o1[0] - o2[0]) / 2 / 1.1
                up = a[1] < o1[1]
                return ('triangle' if up else 'inverted', a[0],
                        a[1] + 1.15 * r if up else a[1] - 1.15 * r, filled, s['stroke'])
    return ('polygon', (b[0] + b[2]) / 2, (b[1] + b[3]) / 2, filled, s['stroke'])


def line_style(s):
    return (s['stroke'], s['width'], s['dash'])


def is_axis(s):
    """A grid line or a period's tick: thin, solid."""
    return is_line(s) and s['width'] <= 0.8 and not s['dash']


def segments(s):
    for sub in s['subpaths']:
        for a, b in zip(sub, sub[1:]):
            if a != b:
                yield a, b


def legend_entries(g, shapes):
    """Each legend entry's sample, in order: (line style or None, marker or
    None, bar colour or None, x)."""
    lines = [s for s in shapes if is_line(s)]
    marks = [(m, s) for m, s in ((marker_of(s), s) for s in shapes) if m]
    bars = [s for s in shapes if s['fill'] is not None and s['stroke'] is None]
    entries = []
    for s in lines:
        (x0, y0), (x1, y1) = s['subpaths'][0][0], s['subpaths'][0][-1]
        mid = ((x0 + x1) / 2, (y0 + y1) / 2)
        mark = next(((m, ms) for m, ms in marks if abs(m[1] - mid[0]) < 1 and
                     abs(m[2] - mid[1]) < 1), None)
        entries.append({'y': round(mid[1]), 'x': min(x0, x1), 'line': line_style(s),
                        'marker': mark[0][0:1] + mark[0][3:] if mark else None, 'bar': None,
                        'shapes': [s] + ([mark[1]] if mark else [])})
    for s in bars:
        b = bbox(points(s))
        entries.append({'y': round((b[1] + b[3]) / 2), 'x': b[0], 'line': None, 'marker': None,
                        'bar': s['fill'], 'shapes': [s]})
    entries.sort(key=lambda e: (e['y'], e['x']))
    return entries


def signature(entry):
    """What tells a series from the others in black and white."""
    if entry['bar']:
        return ('bar',)
    return (entry['line'][1], entry['line'][2]) + (entry['marker'][:2] if entry['marker'] else ())


def check(g, drawing):
    """[(rule, message)] for every way the drawing differs from the chart
    the geometry describes, and what was read from it."""
    fails = []
    bx, by, bw, bh = g['box']
    px, py, pw, ph = g['plot']
    centre, vy, slot = expected(g)
    n = len(g['periods'])
    series = g['series']
    fs = g['font_size']
    tol_v = TOL * (g['max'] - g['min']) / ph		# a point's tolerance, in the KPI's unit
    shapes = drawing['shapes']
    reading = {'series': {}, 'label': None}
    if not shapes:
        return [('drawn', 'nothing drawn')], reading

    # everything in the chart's box
    for s in shapes:
        b = bbox(points(s))
        if b[0] < bx - 1 or b[1] < by - 1 or b[2] > bx + bw + 1 or b[3] > by + bh + 1:
            fails.append(('outside', f"a shape at ({b[0]:.1f}, {b[1]:.1f})-({b[2]:.1f}, {b[3]:.1f}) "
                          f"is outside the chart's box"))
    for t in drawing['texts']:
        b = t['box']
        if drawing['size'] and (b[0] < bx - 1 or b[1] < by - 1 or b[2] > bx + bw + 1 or
                                b[3] > by + bh + 1):
            fails.append(('outside', f"text at ({b[0]:.1f}, {b[1]:.1f}) is outside the chart's box"))

    # the legend, under the period labels: a sample per series, in order
    legend = [s for s in shapes if bbox(points(s))[1] >= g['legend_y'] - 1]
    rest = [s for s in shapes if s not in legend]
    entries = legend_entries(g, legend)
    if len(entries) != len(series):
        fails.append(('legend', f"{len(entries)} samples in the legend for {len(series)} series"))
    for j, (se, e) in enumerate(zip(series, entries)):
        want_bar = g['bars'] and j == 0
        if want_bar != bool(e['bar']):
            fails.append(('legend', f"{se['name']}: legend sample is "
                          f"{'a bar' if e['bar'] else 'a line'}"))
        if not e['bar'] and (se['kind'] == 'target') != (e['marker'] is None):
            fails.append(('legend', f"{se['name']}: legend sample "
                          f"{'has a marker' if e['marker'] else 'has no marker'}"))
    sigs = [signature(e) for e in entries]
    for j in range(len(sigs)):
        for k in range(j):
            if sigs[j] == sigs[k] and j < len(series):
                fails.append(('style', f"{series[j]['name']} is drawn as {series[k]['name']} is "
                              f"({sigs[j]}): not a style of its own"))

    # the value axis: a grid line at each tick across the plot
    axis = [s for s in rest if is_axis(s)]
    grid = [s for s in axis if all(abs(a[1] - b[1]) < 0.01 for a, b in segments(s))]
    ticks = [s for s in axis if s not in grid]
    for t, label in enumerate(g['ticks']):
        ty = vy(g['min'] + g['step'] * t)
        hit = [s for s in grid for a, b in segments(s)
               if abs(a[1] - ty) < TOL and abs(min(a[0], b[0]) - px) < TOL and
               abs(max(a[0], b[0]) - px - pw) < TOL]
        if not hit:
            fails.append(('grid', f"no grid line at {label} (y {ty:.1f})"))
        words = [w for w in drawing['texts'] if w['box'][2] <= px + 0.5 and
                 w['box'][1] - 2 <= ty + fs * 0.6 and w['box'][3] + 2 >= ty - fs * 0.6]
        if drawing['size'] is None:	# the PDF's words read as text
            if not any(w['text'] == label for w in words):
                fails.append(('grid', f"no tick label '{label}' beside its grid line "
                              f"(got {[w['text'] for w in words]})"))
        elif not any(w['glyphs'] == len(label) for w in words):
            fails.append(('grid', f"no tick label of {len(label)} glyphs beside '{label}'"))
    for s in grid:
        for a, b in segments(s):
            if not any(abs(a[1] - vy(g['min'] + g['step'] * t)) < TOL for t in range(len(g['ticks']))):
                fails.append(('grid', f"a grid line at y {a[1]:.1f} is at no tick"))
    for s in ticks:
        for a, b in segments(s):
            if not (abs(a[0] - b[0]) < 0.01 and any(abs(a[0] - centre(i)) < TOL for i in range(n))
                    and min(a[1], b[1]) >= py + ph - TOL):
                fails.append(('outside', f"a thin line from ({a[0]:.1f}, {a[1]:.1f}) to "
                              f"({b[0]:.1f}, {b[1]:.1f}) is neither grid nor a period's tick"))

    # the plot: every other shape is a series' line, marker or bar
    data = [s for s in rest if s not in axis]
    by_line, by_marker, bars = {}, {}, []
    marker_shapes, bar_shapes = {}, []
    reading['parts'] = {'legend': entries, 'grid': grid, 'lines': by_line,
                        'markers': marker_shapes, 'bars': bar_shapes, 'label': None}
    line_sig = {j: e['line'] for j, e in enumerate(entries[:len(series)]) if e['line']}
    mark_sig = {j: (e['marker'][0], e['marker'][1], e['marker'][2])
                for j, e in enumerate(entries[:len(series)]) if e['marker']}
    bar_fill = entries[0]['bar'] if entries and entries[0]['bar'] else None
    def vertices_of(j):
        se = series[j]
        xs = [centre(i) + se['dx'][i] for i in range(n)]
        if se['kind'] != 'target':
            return [(xs[i], vy(v)) for i, v in enumerate(se['values']) if v is not None]
        if g['single_target']:
            tv = next((v for v in se['values'] if v is not None), None)
            return [] if tv is None else [(px, vy(tv)), (px + pw, vy(tv))]
        return [(xs[i] + d * slot / 2, vy(v)) for i, v in enumerate(se['values']) if v is not None
                for d in (-1, 1)]

    def ends_at(s, verts):
        return all(any(abs(p[0] - q[0]) < TOL and abs(p[1] - q[1]) < TOL for q in verts)
                   for seg in segments(s) for p in seg)

    for s in data:
        m = marker_of(s)
        if is_line(s):
            owners = [j for j, ls in line_sig.items() if ls == line_style(s)]
            # series may share a line's look and differ by their markers
            # (comparators 1 and 7): the line is the one whose points it joins
            if len(owners) > 1:
                owners = [j for j in owners if ends_at(s, vertices_of(j))] or owners
            if not owners:
                b = bbox(points(s))
                fails.append(('style', f"a line from ({b[0]:.1f}, {b[1]:.1f}) to ({b[2]:.1f}, "
                              f"{b[3]:.1f}) is in no series' style {line_style(s)}"))
            for j in owners:
                by_line.setdefault(j, []).append(s)
        elif m:
            owners = [j for j, ms in mark_sig.items() if ms == (m[0], m[3], m[4])]
            if not owners:
                fails.append(('marker', f"a {m[0]} marker at ({m[1]:.1f}, {m[2]:.1f}) is in no "
                              "series' style"))
            for j in owners:
                by_marker.setdefault(j, []).append(m)
                marker_shapes.setdefault(j, []).append(s)
        elif s['fill'] is not None and s['stroke'] is None and bar_fill and s['fill'] == bar_fill:
            bars.append(bbox(points(s)))
            bar_shapes.append(s)
        else:
            b = bbox(points(s))
            fails.append(('outside', f"a shape at ({b[0]:.1f}, {b[1]:.1f})-({b[2]:.1f}, {b[3]:.1f}) "
                          "is none of the chart's"))

    # each series, point by point
    for j, se in enumerate(series):
        name = se['name']
        vals = se['values']
        xs = [centre(i) + se['dx'][i] for i in range(n)]
        read = {'line': {}, 'markers': {}, 'bars': {}}
        reading['series'][name] = read
        if g['bars'] and j == 0:
            zero = vy(min(max(0, g['min']), g['max']))
            for i, v in enumerate(vals):
                got = [b for b in bars if abs((b[0] + b[2]) / 2 - centre(i)) < TOL]
                read['bars'][i] = [round(value_of(g, b[1] if b[1] < zero - 0.1 else b[3]), 6)
                                   for b in got]
                if v is None:
                    if got:
                        fails.append(('bar', f"{name}: a bar for {g['periods'][i]}, not known"))
                    continue
                want_top, want_bottom = sorted((vy(v), zero))
                if want_bottom - want_top < 1.5:
                    want_top, want_bottom = (zero - 1.5, zero) if vy(v) <= zero else (zero, zero + 1.5)
                ok = [b for b in got if abs(b[1] - want_top) < TOL and abs(b[3] - want_bottom) < TOL
                      and abs(b[2] - b[0] - slot * 0.5) < TOL]
                if len(ok) != 1 or len(got) != 1:
                    fails.append(('bar', f"{name}: {g['periods'][i]} ({v}) wants a bar from "
                                  f"{want_top:.1f} to {want_bottom:.1f}, got "
                                  f"{[(round(b[1], 1), round(b[3], 1)) for b in got]}"))
            for b in bars:
                if not any(abs((b[0] + b[2]) / 2 - centre(i)) < TOL for i in range(n)):
                    fails.append(('bar', f"{name}: a bar at x {b[0]:.1f} is at no period"))
            continue
        lines = by_line.get(j, [])
        segs = [seg for s in lines for seg in segments(s)]
        # where each drawn segment ends: at a point of the series
        verts = vertices_of(j)
        for a, b in segs:
            for p in (a, b):
                if not any(abs(p[0] - q[0]) < TOL and abs(p[1] - q[1]) < TOL for q in verts):
                    fails.append(('line', f"{name}: a line ends at ({p[0]:.1f}, {p[1]:.1f}), "
                                  "where the series has no point"))

        def sample(x):
            """The line's value at x: None where no line is drawn."""
            ys = []
            for a, b in segs:
                lo, hi = sorted((a[0], b[0]))
                if lo - 0.01 <= x <= hi + 0.01:
                    if hi - lo < 0.01:
                        continue	# a target's riser at a slot's edge
                    ys.append(a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))
            out = []	# where two segments meet, their shared point once
            for v in sorted(round(value_of(g, y_), 6) for y_ in ys):
                if not out or v - out[-1] > tol_v / 2:
                    out.append(v)
            return out

        def want_line(t):
            """The value the line reads at sample t (period t, or halfway
            between two), or None where it must show a gap."""
            if se['kind'] == 'target':
                i = int(t)
                if g['single_target']:
                    return next((v for v in vals if v is not None), None)
                return vals[i] if t == i else None
            i = int(t)
            if t == i:
                near = (i > 0 and vals[i - 1] is not None) or (i + 1 < n and vals[i + 1] is not None)
                return vals[i] if vals[i] is not None and near else None
            if vals[i] is None or vals[i + 1] is None:
                return None
            return (vals[i] + vals[i + 1]) / 2

        samples = []
        for i in range(n):
            samples.append((i, xs[i]))
            if se['kind'] == 'target' and not g['single_target']:
                samples += [(i + 0.25, xs[i] - slot / 4), (i + 0.75, xs[i] + slot / 4)]
            elif i + 1 < n:
                samples.append((i + 0.5, (xs[i] + xs[i + 1]) / 2))
        for t, x in samples:
            got = sample(x)
            read['line'][t] = got
            if se['kind'] == 'target' and not g['single_target'] and t != int(t):
                want = vals[int(t)]
            else:
                want = want_line(t)
            period = g['periods'][int(t)]
            where = f"at {period}" if t == int(t) else \
                f"between {period} and {g['periods'][int(t) + 1]}" \
                if t - int(t) == 0.5 else f"across {period}'s slot"
            if want is None:
                if got:
                    fails.append(('gap', f"{name}: a line {where}, where a value is not known "
                                  f"(reads {got[0]:.4g})"))
            elif not got:
                fails.append(('line', f"{name}: no line {where} (wants {want:.4g})"))
            elif not any(abs(v - want) <= tol_v for v in got):
                fails.append(('line', f"{name}: the line {where} reads {got[0]:.4g}, not {want:.4g}"))
        # markers: one at each known value, in the series' style, none elsewhere
        if se['kind'] == 'target':
            continue
        marks = by_marker.get(j, [])
        for i, v in enumerate(vals):
            near = [m for m in marks if abs(m[1] - xs[i]) < TOL]
            read['markers'][i] = [round(value_of(g, m[2]), 6) for m in near]
            if v is None:
                if near:
                    fails.append(('marker', f"{name}: a marker at {g['periods'][i]}, not known"))
                continue
            if not any(abs(m[2] - vy(v)) < TOL for m in near):
                fails.append(('marker', f"{name}: no marker at {g['periods'][i]} ({v}); "
                              f"markers there read {read['markers'][i]}"))
        for m in marks:
            if not any(abs(m[1] - x) < TOL for x in xs):
                fails.append(('marker', f"{name}: a marker at x {m[1]:.1f} is at no period"))
        read['style'] = signature(entries[j]) if j < len(entries) else None
        read['colour'] = entries[j]['line'][0] if j < len(entries) and entries[j]['line'] else None

    # nothing of the series outside the plot: lines to their points' edge,
    # markers by their reach, bars within
    for s in data:
        m = marker_of(s)
        reach = TOL + (1.2 * 3.2 + 0.6 if m else 0)
        b = bbox(points(s))
        if b[0] < px - reach or b[2] > px + pw + reach or b[1] < py - reach or b[3] > py + ph + reach:
            fails.append(('outside', f"a {'marker' if m else 'line or bar'} at ({b[0]:.1f}, "
                          f"{b[1]:.1f})-({b[2]:.1f}, {b[3]:.1f}) is outside the plot "
                          f"({px:.1f}, {py:.1f})-({px + pw:.1f}, {py + ph:.1f})"))

    # a bar not known is marked "n/k" where its bar would stand
    def over(t, box):
        b = t['box']
        return b[0] < box[0] + box[2] and box[0] < b[2] and b[1] < box[1] + box[3] and box[1] < b[3]
    marks = [t for t in drawing['texts'] if any(over(t, box) for box in g['not_known'])]
    reading['parts']['marks'] = marks
    for box in g['not_known']:
        at = [t for t in marks if over(t, box)]
        if len(at) != 1 or at[0]['glyphs'] != 3 or at[0]['text'] not in (None, 'n/k'):
            fails.append(('bar', f"no 'n/k' where a bar not known would stand ({box[0]:.1f}, "
                          f"{box[1]:.1f}): {[(t['text'], t['glyphs']) for t in at]}"))

    # the latest value's label: in the plot, bold, beside the latest point
    inside = [t for t in drawing['texts'] if t['box'][0] >= px - 1 and t['box'][2] <= bx + bw + 1
              and t['box'][1] >= py - fs and t['box'][3] <= py + ph + fs * 0.5 and t not in marks]
    if drawing['size'] is not None:	# SVG: glyph runs; the label's is the bold face
        regular = {t['font'] for t in drawing['texts'] if t['box'][2] <= px + 0.5}
        inside = [t for t in inside if t['font'] not in regular]
    want = g['value_label']
    if want is None:
        if inside:
            fails.append(('label', f"a label in a chart with no latest value: {inside[0]['box']}"))
    elif len(inside) != 1:
        fails.append(('label', f"{len(inside)} labels of the latest value in the plot, not one"))
    else:
        t = inside[0]
        b = t['box']
        reading['label'] = {'glyphs': t['glyphs']}
        reading['parts']['label'] = t
        if t['text'] is not None and t['text'] != want:
            fails.append(('label', f"the latest value reads '{t['text']}', not '{want}'"))
        if t['glyphs'] != len(want.replace(' ', '')):
            fails.append(('label', f"the latest value's label has {t['glyphs']} glyphs, "
                          f"'{want}' {len(want.replace(' ', ''))}"))
        if b[0] < px - TOL or b[2] > bx + bw + TOL or b[1] < py - TOL or b[3] > py + ph + TOL:
            fails.append(('outside', f"the latest value's label ({b[0]:.1f}, {b[1]:.1f})-({b[2]:.1f}, "
                          f"{b[3]:.1f}) is outside the plot"))
        li = g['latest']
        lx, ly = centre(li), vy(series[0]['values'][li])
        side = slot * 0.25 if g['bars'] else series[0]['r'] * 1.2
        cluster = [ly - (0 if g['bars'] else side), ly + (0 if g['bars'] else side)]
        for se in series:
            v = se['values'][li]
            if v is not None and se['kind'] != 'target' and not (g['bars'] and se is series[0]):
                r = se['r'] * 1.2 + 0.6
                cluster = [min(cluster[0], vy(v) - r), max(cluster[1], vy(v) + r)]
        across = 0 if b[0] <= lx <= b[2] else min(abs(b[0] - lx), abs(b[2] - lx))
        up_down = 0 if b[3] >= cluster[0] and b[1] <= cluster[1] else \
            min(abs(b[3] - cluster[0]), abs(b[1] - cluster[1]))
        reading['label']['offset'] = (round(across / fs, 1), round(up_down / fs, 1))
        if across > side + 2 + TOL * 2 or up_down > fs * 0.6:
            fails.append(('label', f"the latest value's label is not beside the latest point "
                          f"({g['periods'][li]}): {across:.1f} across and {up_down:.1f} up or down "
                          "from it"))
    return fails, reading


def agree(a, b, tol):
    """Where two readings of one chart (its PDF and its SVG) differ, in the
    chart's own terms: values, gaps, styles."""
    fails = []
    for name in sorted(set(a['series']) | set(b['series'])):
        ra, rb = a['series'].get(name), b['series'].get(name)
        if not ra or not rb:
            fails.append(('agree', f"{name}: charted in one drawing only"))
            continue
        for key in ('style', 'colour'):
            if ra.get(key) != rb.get(key):
                fails.append(('agree', f"{name}: {key} {ra.get(key)} in one, {rb.get(key)} in the other"))
        for part in ('line', 'markers', 'bars'):
            for t in sorted(set(ra[part]) | set(rb[part])):
                va, vb = ra[part].get(t, []), rb[part].get(t, [])
                if len(va) != len(vb) or any(abs(x - y) > tol for x, y in zip(sorted(va), sorted(vb))):
                    fails.append(('agree', f"{name}: {part} at {t} reads {va} in one, {vb} in the other"))
    la, lb = a['label'], b['label']
    if (la is None) != (lb is None) or (la and la['glyphs'] != lb['glyphs']):
        fails.append(('agree', f"the latest value's label: {la} in one, {lb} in the other"))
    return fails
