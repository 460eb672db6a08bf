#!/usr/bin/python3
"""check_language.py SITE [--pdf] - a site built in English and Welsh (site
`languages: [en, cy]`, revision 2's "Languages"), read back:

- every page under SITE/cy/ says lang="cy", names itself and its English
  counterpart in <link rel="alternate" hreflang>, links it where a reader sees
  it (the header's language switch), and the English page links back;
- no English fixed phrase of the message catalogue (templates/messages/en.po,
  each phrase that its Welsh (cy.po) does not share) is printed on a Welsh
  page outside an element marked lang="en" (a text a translation left out);
- each element marked lang="en" holds English that the English page has too;
- with --pdf, every Welsh PDF says /Lang (cy), a plan's title is its Welsh
  page's, and its text (pdftotext) holds no English fixed phrase either;
  each structure element it marks /Lang (en-GB) holds English an English
  page has, and each text its Welsh page marks lang="en" that the PDF prints
  is inside such an element (the structure read with pikepdf for /Lang and
  with `pdfinfo -struct-text` for the words, element by element).

Ends with "N passed, N failed".
"""
import glob
import html.parser
import importlib.machinery
import os
import re
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
messages = importlib.machinery.SourceFileLoader(
    "messages", os.path.join(ROOT, "tools", "messages")).load_module()

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


PLACEHOLDER = re.compile(r"%(?:\d+\$)?m?s")


def english_phrases():
    """The fixed parts of English messages that Welsh does not print."""
    en = messages.read_po(os.path.join(ROOT, "templates", "messages", "en.po"))
    cy = messages.read_po(os.path.join(ROOT, "templates", "messages", "cy.po"))
    welsh_text = " ".join(s for forms in cy.values() for s in forms)
    phrases = set()
    for key, forms in en.items():
        for form in forms:
            for part in PLACEHOLDER.split(form):
                part = part.strip(" \t\n:;,.()·–-\u00a0\u2060")
                if len(re.findall(r"[A-Za-z]", part)) < 4 or not re.search(r"[A-Za-z]{3}", part):
                    continue
                if part in welsh_text:
                    continue	# Welsh prints it too ("Agenda", "CSV")
                phrases.add(part)
    return sorted(phrases, key=len, reverse=True)


def found_in(text, phrases):
    hits = []
    for p in phrases:
        if re.search(r"(?<![A-Za-z])" + re.escape(p) + r"(?![A-Za-z])", text):
            hits.append(p)
    return hits


class Page(html.parser.HTMLParser):
    """The page's text outside lang="en", the texts inside it, its lang,
    alternates and language switch."""
    VOID = {"meta", "link", "br", "img", "input", "hr", "col", "area", "base", "source",
            "wbr", "track", "embed", "param"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []		# (tag, in_english, in_switch, skip)
        self.lang = None
        self.alternates = {}
        self.switch = {}
        self.own = []
        self.english = []
        self.current_en = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href")
        parent = self.stack[-1] if self.stack else ("", False, False, False)
        english = parent[1] or (a.get("lang") or "").startswith("en")
        switch = parent[2] or "language-switch" in (a.get("class") or "")
        skip = parent[3] or tag in ("style", "script", "title")
        if switch and tag == "a" and a.get("hreflang"):
            self.switch[a["hreflang"]] = a.get("href")
        if english and not parent[1] and not switch:
            self.english.append("")
        if tag not in self.VOID:
            self.stack.append((tag, english, switch, skip))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        top = self.stack[-1] if self.stack else ("", False, False, False)
        if top[3] or top[2]:
            return
        if top[1]:
            self.english[-1] += data
        else:
            self.own.append(data)


def struct_langs(path):
    """Each structure element, in the tree's order: (type, /Lang or None)."""
    import pikepdf
    out = []

    def walk_kids(parent):
        k = parent.get("/K")
        for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
            walk(kid)

    def walk(e):
        if not isinstance(e, pikepdf.Dictionary) or e.get("/S") is None:
            return		# a marked-content id, an MCR or an OBJR
        lang = e.get("/Lang")
        out.append((str(e.get("/S"))[1:], str(lang) if lang is not None else None))
        walk_kids(e)
    with pikepdf.open(path) as pdf:
        walk_kids(pdf.Root.StructTreeRoot)
    return out


def struct_texts(path):
    """Each structure element, in the same order: (type, its words)."""
    out = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True,
                         text=True).stdout
    elems = []		# [indent, type, texts]
    open_ = []		# the elements a line of words is inside
    for line in out.splitlines():
        m = re.match(r'^( *)"(.*)"$', line)
        if m:
            for e in open_:
                e[2].append(m.group(2))
            continue
        m = re.match(r"^( *)(\w+)(:| \((block|inline)\))?$", line)
        if m and m.group(2) != "Object":
            while open_ and open_[-1][0] >= len(m.group(1)):
                open_.pop()
            elems.append([len(m.group(1)), m.group(2), []])
            open_.append(elems[-1])
    return [(e[1], " ".join(e[2])) for e in elems]


def squeeze(text):
    """Words compared without spaces: a PDF's lines break where a page's do not."""
    return re.sub(r"\s+", "", text)


def words(text):
    """An element's words as compared, without the number before them."""
    return squeeze(re.sub(r"^[\d.]+", "", text.strip()))


def check_pdf_english(path, english_text, kept_english):
    """The PDF's elements in English are English an English page says, and
    every text the Welsh pages keep in English is in one where printed."""
    langs, texts = struct_langs(path), struct_texts(path)
    same = [a[0] for a in langs] == [t[0] for t in texts]
    check(same, "%s: pikepdf and pdfinfo read different structure trees" % path)
    if not same:
        return
    # an element's words without the number before them (a paragraph's, an
    # agenda item's); a contents entry's page number after them too
    marked = [words(t[1]) for (name, lang), t in zip(langs, texts)
              if lang and lang.startswith("en")]
    for text in marked:
        # a line of names is a list on the page
        check(all(part in english_text or re.sub(r"\d+$", "", part) in english_text
                  for part in re.split(r"[,;]", text) if part),
              "%s: /Lang (en-GB) on '%s', which no English page says" % (path, text[:60]))
    # a text the Welsh pages keep in English is English wherever the PDF
    # prints it: a paragraph, a cell, a heading, or in a Welsh sentence
    # ("Ffynhonnell: ..."), over lines (each line's part its own Span)
    everything = squeeze(texts[0][1]) if texts else ""	# the Document's words
    in_english = "".join(squeeze(t[1]) for (name, lang), t in zip(langs, texts)
                         if lang and lang.startswith("en"))
    for kept in kept_english:
        if len(kept) >= 4 and kept in everything:
            check(kept in in_english,
                  "%s: prints '%s', which the Welsh pages mark English, outside /Lang (en-GB)"
                  % (path, kept[:60]))


def read_page(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return p


def resolves(page, href):
    if not href:
        return None
    target = os.path.normpath(os.path.join(os.path.dirname(page), href.split("#")[0]))
    return target if os.path.isfile(target) else None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    pdf = "--pdf" in sys.argv
    site = args[0]
    phrases = english_phrases()
    check(len(phrases) > 100, "the catalogue gives too few English phrases to look for")
    pages = sorted(glob.glob(os.path.join(site, "cy", "**", "*.html"), recursive=True))
    check(pages, "%s has no Welsh pages (cy/)" % site)
    for path in pages:
        rel = os.path.relpath(path, os.path.join(site, "cy"))
        english_path = os.path.join(site, rel)
        page = read_page(path)
        check(page.lang == "cy", "%s: <html lang=%r>, not cy" % (path, page.lang))
        check(resolves(path, page.alternates.get("cy")) == os.path.normpath(path),
              "%s: its hreflang=cy alternate is not itself" % path)
        check(resolves(path, page.alternates.get("en")) == os.path.normpath(english_path),
              "%s: its hreflang=en alternate is not %s" % (path, english_path))
        check(resolves(path, page.switch.get("en")) == os.path.normpath(english_path),
              "%s: no visible link to %s" % (path, english_path))
        if os.path.isfile(english_path):
            back = read_page(english_path)
            check(back.lang == "en-GB", "%s: <html lang=%r>" % (english_path, back.lang))
            check(resolves(english_path, back.switch.get("cy")) == os.path.normpath(path),
                  "%s: no visible link to %s" % (english_path, path))
            english_text = re.sub(r"\s+", " ", " ".join(back.own + back.english))
            for text in page.english:
                text = re.sub(r"\s+", " ", text).strip()
                check(text in english_text,
                      "%s: lang=\"en\" on '%s', which the English page does not say"
                      % (path, text[:60]))
        text = re.sub(r"\s+", " ", " ".join(page.own))
        hits = found_in(text, phrases)
        check(not hits, "%s prints English fixed phrases: %s" % (path, hits[:8]))
    if pdf:
        pdfs = sorted(glob.glob(os.path.join(site, "cy", "**", "*.pdf"), recursive=True))
        check(pdfs, "%s has no Welsh PDFs" % site)
        english_pages = [p for p in glob.glob(os.path.join(site, "**", "*.html"), recursive=True)
                         if not os.path.relpath(p, site).startswith("cy" + os.sep)]
        english_text = squeeze(" ".join(" ".join(p.own + p.english)
                                        for p in map(read_page, english_pages)))
        welsh_pages = list(map(read_page, pages))
        # what every Welsh page keeps in English: a name one document's
        # translation gave and another's left is neither
        unmarked = {squeeze(t) for p in welsh_pages for t in p.own}
        kept_english = {squeeze(t) for p in welsh_pages for t in p.english} - unmarked
        for path in pdfs:
            check_pdf_english(path, english_text, kept_english)
            data = open(path, "rb").read()
            check(b"/Lang (cy)" in data, "%s: no /Lang (cy)" % path)
            text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                                  text=True).stdout
            hits = found_in(re.sub(r"\s+", " ", text), phrases)
            check(not hits, "%s prints English fixed phrases: %s" % (path, hits[:8]))
            if "/plans/" in path:
                info = subprocess.run(["pdfinfo", path], capture_output=True,
                                      text=True).stdout
                title = re.search(r"^Title:\s*(.*)$", info, re.M)
                page = path[:-4] + ".html"
                h1 = re.search(r"<h1>(.*?)</h1>", open(page, encoding="utf-8").read())
                check(title and h1 and title.group(1) == h1.group(1),
                      "%s: its title is not its Welsh page's" % path)
    print("%d passed, %d failed" % (passed, failed))
    return failed == 0


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
