#!/usr/bin/python3
"""pdf_facts.py PDF - what a golden test compares of a PDF, as text: its
metadata, pages (size, orientation, label), outline, links, the structure
tree in brief (tags, alt text), then its text as `pdftotext -layout` sets
it, page by page. Run by tests/golden/run with Debian's python3-pikepdf."""
import subprocess
import sys

import pikepdf


def text_of(value):
    return str(value) if value is not None else ""


def struct_lines(node, depth, out, budget):
    """The structure tree, one element a line, indented by depth."""
    if budget[0] <= 0:
        return
    kids = node.get("/K")
    if kids is None:
        return
    if not isinstance(kids, pikepdf.Array):
        kids = [kids]
    for kid in kids:
        if not isinstance(kid, pikepdf.Dictionary):
            continue  # a marked-content id
        if kid.get("/Type") in ("/MCR", "/OBJR"):
            continue
        tag = kid.get("/S")
        if tag is None:
            continue
        budget[0] -= 1
        line = "  " * depth + str(tag)[1:]
        if "/Alt" in kid:
            line += " alt=" + repr(text_of(kid.Alt))
        for key in ("/Lang", "/ActualText"):
            if key in kid:
                line += " %s=%r" % (key[1:], text_of(kid[key]))
        attrs = kid.get("/A")
        if isinstance(attrs, pikepdf.Dictionary) and "/Scope" in attrs:
            line += " scope=" + str(attrs.Scope)[1:]
        for key in ("/ColSpan", "/RowSpan"):
            if isinstance(attrs, pikepdf.Dictionary) and key in attrs:
                line += " %s=%s" % (key[1:].lower(), attrs[key])
        out.append(line)
        struct_lines(kid, depth + 1, out, budget)


def outline_lines(pdf, page_index):
    out = []
    with pdf.open_outline() as outline:
        def walk(items, depth):
            for item in items:
                dest = item.destination
                page = "?"
                try:
                    if isinstance(dest, pikepdf.Array) and len(dest):
                        page = page_index.get(dest[0].objgen, "?")
                    elif dest is not None:
                        names = pdf.Root.get("/Names")
                        page = "named " + str(dest)
                except Exception:  # an outline entry we cannot follow
                    page = "?"
                out.append("  " * depth + "%s -> %s" % (item.title, page))
                walk(item.children, depth + 1)
        walk(outline.root, 0)
    return out


def main(path):
    pdf = pikepdf.open(path)
    lines = ["# " + path.split("/")[-1]]
    info = pdf.docinfo
    for key in ("/Title", "/Author", "/Subject", "/CreationDate", "/ModDate"):
        if key in info:
            lines.append("%s: %s" % (key[1:], text_of(info[key])))
    root = pdf.Root
    lines.append("Lang: %s" % text_of(root.get("/Lang")))
    lines.append("Marked: %s" % text_of(root.get("/MarkInfo", {}).get("/Marked")))
    # PDF/UA-1's identification and what a viewer shows as the title
    xmp = root.get("/Metadata")
    if xmp is not None:
        import re
        packet = xmp.read_bytes().decode("utf-8", "replace")
        for tag in ("pdfuaid:part", "dc:title", "dc:language"):
            m = re.search(r"<%s>(.*?)</%s>" % (tag, tag), packet, re.S)
            if m:
                lines.append("XMP %s: %s" % (tag, re.sub(r"<[^>]+>", "", m.group(1)).strip()))
    lines.append("DisplayDocTitle: %s" % text_of(
        root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")))
    page_index = {}
    labels = None
    try:
        from pikepdf import PageLabels  # not in every version
    except ImportError:
        PageLabels = None
    lines.append("Pages: %d" % len(pdf.pages))
    for i, page in enumerate(pdf.pages):
        page_index[page.obj.objgen] = i + 1
        box = [float(v) for v in page.mediabox]
        w, h = box[2] - box[0], box[3] - box[1]
        label = ""
        try:
            label = page.label
        except Exception:
            pass
        links = []
        for annot in page.get("/Annots", []):
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            said = " (%s)" % text_of(annot.Contents) if "/Contents" in annot else ""
            if action is not None and "/URI" in action:
                links.append(text_of(action.URI) + said)
            elif "/Dest" in annot:
                links.append("#" + text_of(annot.Dest) + said)
            elif action is not None and "/D" in action:
                links.append("#" + text_of(action.D) + said)
        tabs = " tabs=" + str(page.obj.Tabs)[1:] if "/Tabs" in page.obj else ""
        lines.append("page %d: %.0fx%.0f %s label=%s%s links=%s" % (
            i + 1, w, h, "landscape" if w > h else "portrait", label, tabs, links))
    lines.append("Outline:")
    lines.extend("  " + l for l in outline_lines(pdf, page_index))
    lines.append("Structure:")
    tree = root.get("/StructTreeRoot")
    out = []
    if tree is not None:
        struct_lines(tree, 1, out, [5000])
    lines.extend(out)
    text = subprocess.run(["pdftotext", "-layout", path, "-"], check=True,
                          capture_output=True).stdout.decode("utf-8")
    for n, page_text in enumerate(text.split("\f")):
        if n == len(pdf.pages):
            break
        lines.append("--- page %d ---" % (n + 1))
        lines.extend(l.rstrip() for l in page_text.rstrip("\n").split("\n"))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
