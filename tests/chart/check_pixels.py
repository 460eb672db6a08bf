#!/usr/bin/python3
"""check_pixels.py GEOMETRY SITE [--update] [--keep DIR] - a few charts of the
PDF fixtures seen as a reader sees them: each chart's box on its PDF page
(the page cut to the box), rendered by pdftoppm at 100 dpi, against a
reviewed picture of it in tests/chart/reference/ (PLAN-KPI.png).

Kept to what the geometry cannot say (tests/chart/check_drawn.py reads where
everything is drawn): that it shows at all, in order. The white inside a
comparator's marker over the lines under it, the dashes, the "n/k" and its
key, upright period labels, text set in real glyphs, nothing painted over
the plot. Three charts: a bar chart with comparators and a period not known,
eight comparators against targets per period, and thirteen quarters against
one target.

A pixel differs when a channel differs by more than 48 of 255; a chart
differs when more than 0.25% of its pixels do (poppler's anti-aliasing may
move a little between versions). The check bites: the chart moved 2 pixels
must differ, and with 40 pixels changed must not; and the chart's text set
invisible in the PDF's content stream (tests/chart/mutate_drawn.py), which
pdftotext still reads and so the geometry checks still pass, must differ.

When a chart changes on purpose: run `make check` (or `sh tests/run pdf`); a
failing chart leaves its picture and a map of the pixels that differ (red)
in build/pixels/. Look at them beside the reference; if the new picture is
right, copy it over the reference (or run this with --update) and commit it,
saying in the commit what changed in the picture and why.
Ends with "N passed, N failed".
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tally import check, finish  # noqa: E402

from PIL import Image, ImageChops  # noqa: E402

CHARTS = [('chart-edges', 'bars'), ('kpi-edges', 'comparators'), ('chart-edges', 'long-labels')]
DPI = 100
CHANNEL = 48		# of 255: a pixel differs beyond this
SHARE = 0.0025		# of the pixels: a chart differs beyond this
REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reference')


def picture(pdf, g, tmp):
    """The chart's box, as pdftoppm renders it: its page cut to the box (a
    copy with the box as its media box), so that where the chart stands on
    the page (text above it changing) moves none of its pixels."""
    import pikepdf
    x, y, w, h = g['box']
    cut = os.path.join(tmp, 'cut.pdf')
    with pikepdf.open(pdf) as doc:
        page = doc.pages[g['page'] - 1]
        top = float(page.MediaBox[3])
        box = [x - 1, top - (y + h + 1), x + w + 1, top - (y - 1)]
        page.MediaBox = pikepdf.Array(box)
        if '/CropBox' in page:
            del page['/CropBox']
        del doc.pages[g['page']:]
        del doc.pages[:g['page'] - 1]
        doc.save(cut)
    prefix = os.path.join(tmp, 'page')
    subprocess.run(['pdftoppm', '-r', str(DPI), '-png', '-singlefile', cut, prefix], check=True)
    with Image.open(prefix + '.png') as image:
        return image.convert('RGB')


def differing(a, b):
    """How many pixels differ, and a map of them; None when the sizes do."""
    if a.size != b.size:
        return None, None
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > CHANNEL else 0)
    mask = diff.convert('L').point(lambda v: 255 if v else 0)
    return sum(1 for v in mask.getdata() if v), mask


def too_many(n, image):
    return n is None or n > SHARE * image.size[0] * image.size[1]


def main():
    args = sys.argv[1:]
    update = '--update' in args
    keep = args[args.index('--keep') + 1] if '--keep' in args else None
    args = [a for i, a in enumerate(args) if a != '--update' and a != '--keep' and
            (i == 0 or args[i - 1] != '--keep')]
    if len(args) != 2:
        sys.exit(__doc__)
    with open(args[0], encoding='utf-8') as f:
        charts = [json.loads(line) for line in f if line.strip()]
    site = args[1]
    tmp = tempfile.mkdtemp()
    import mutate_drawn
    import drawn
    for plan, kpi in CHARTS:
        name = f"{plan}-{kpi}"
        g = next((c for c in charts if c['plan'] == plan and c['kpi'] == kpi and
                  c['output'] == 'pdf'), None)
        check(g is not None, f"{name}: no such chart in {args[0]}")
        if g is None:
            continue
        pdf = os.path.join(site, g['file'])
        got = picture(pdf, g, tmp)
        ref_path = os.path.join(REFERENCE, name + '.png')
        if update:
            os.makedirs(REFERENCE, exist_ok=True)
            got.save(ref_path, optimize=True)
            print(f"wrote {ref_path}")
            continue
        if not os.path.exists(ref_path):
            check(False, f"{name}: no reference picture {ref_path} (--update makes one)")
            continue
        with Image.open(ref_path) as ref:
            ref = ref.convert('RGB')
            n, mask = differing(got, ref)
            bad = too_many(n, ref)
            check(not bad, f"{name}: {'a picture of another size' if n is None else f'{n} pixels'} "
                  f"differ from {ref_path}" + (f" (see {keep}/{name}*.png)" if keep else ''))
            if bad and keep:
                os.makedirs(keep, exist_ok=True)
                got.save(os.path.join(keep, name + '.png'))
                if mask:
                    red = Image.new('RGB', got.size, (255, 0, 0))
                    Image.composite(red, got.convert('L').convert('RGB'), mask).save(
                        os.path.join(keep, name + '-diff.png'))
            # the check bites: moved 2 pixels, it differs; a few pixels
            # changed, it does not
            moved = ImageChops.offset(got, 2, 0)
            check(too_many(differing(moved, ref)[0], ref), f"{name}: moved 2 pixels, still alike")
            speckled = got.copy()
            for k in range(40):
                speckled.putpixel((k * 7 % got.size[0], k * 13 % got.size[1]), (255, 0, 255))
            check(bad or not too_many(differing(speckled, ref)[0], ref),
                  f"{name}: 40 pixels changed, and it differs")
            # and sees what the geometry cannot: the chart's text made
            # invisible in the PDF still reads back, but is not on the page
            ed = mutate_drawn.PdfEditor(pdf, g, tmp)
            ed.hide_text()
            hidden = ed.result()
            fails, _ = drawn.check(g, hidden)
            check(not fails, f"{name}: its text made invisible, the geometry sees it ({fails[:2]}): "
                  "the example no longer shows what only the picture can")
            unseen = picture(os.path.join(tmp, 'mutant.pdf'), g, tmp)
            check(too_many(differing(unseen, ref)[0], ref),
                  f"{name}: its text made invisible, the picture still passes")
    finish()


if __name__ == '__main__':
    main()
