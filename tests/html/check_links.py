#!/usr/bin/env python3
"""check_links.py SITE - every link and image in a built site resolves.

For each page under SITE: every relative href/src names a file that exists
inside SITE, and every #fragment names an id on the page it points to.
External (http:, https:, mailto:) links are not followed; an image may be
a data: URI of an image type (a standalone page made by `render`). Prints one line per
page ("ok PAGE" or the broken links) and ends with "N passed, N failed".
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in ("a", "link")) or
                          (name == "src" and tag in ("img", "script"))):
                self.links.append((tag, value))


def parse(path, cache={}):
    if path not in cache:
        p = Page()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        cache[path] = p
    return cache[path]


def main():
    site = os.path.realpath(sys.argv[1])
    passed = failed = 0
    for folder, _, files in sorted(os.walk(site)):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            page = os.path.join(folder, name)
            broken = []
            for tag, link in parse(page).links:
                parts = urlsplit(link)
                if parts.scheme in ("http", "https", "mailto"):
                    continue
                if tag == "img" and link.startswith(("data:image/svg+xml;base64,",
                                                               "data:image/png;base64,")):
                    continue
                if parts.scheme or parts.netloc:
                    broken.append(f"{link[:80]} (not a site or web link)")
                    continue
                target = page
                if parts.path:
                    target = os.path.realpath(os.path.join(folder, unquote(parts.path)))
                    if not target.startswith(site + os.sep):
                        broken.append(f"{link} (leaves the site)")
                        continue
                    if not os.path.isfile(target):
                        broken.append(f"{link} (no such file)")
                        continue
                if parts.fragment and target.endswith(".html") and \
                        unquote(parts.fragment) not in parse(target).ids:
                    broken.append(f"{link} (no element with that id)")
            rel = os.path.relpath(page, site)
            if broken:
                failed += 1
                print(f"FAIL {rel}: " + "; ".join(broken[:10]))
            else:
                passed += 1
                print(f"ok {rel}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
