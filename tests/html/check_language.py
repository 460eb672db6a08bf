#!/usr/bin/env python3
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
  page's, and its text (pdftotext) holds no English fixed phrase either.

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
        for path in pdfs:
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
