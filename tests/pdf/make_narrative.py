#!/usr/bin/env python3
"""make_narrative.py DIR - writes the narrative fixtures, a content folder
of a plan and a report, into DIR: DIR/plans/narrative.yaml and
DIR/reports/narrative.yaml (made at each run of tests/run, as
tests/bad/generate makes its inputs: they are 400 KB of numbered words).

Every word of running text names its paragraph and its place in it
("p012w0034"), every heading its number ("h007"), so that
tests/pdf/check_narrative.py can tell from the PDF's words alone which
paragraph each line belongs to. Paragraphs and list items run from one line
to more than two pages; sections of varying length put the headings after
them (a section's, a markdown heading, a report's numbered paragraph that
opens with a list) at many heights near a page foot; and in sweeps, a
section of one long paragraph moved whole to a new page, one line longer
each time, so that the heading after it lands at every height near the
foot, with what it heads: a list, a paragraph taller than a page, another
heading.
"""
import os
import sys

WORDS_PER_LINE = 8	# of these words, in the body text's 10.5 points across a portrait page


class Text:
    def __init__(self):
        self.para = 0
        self.heading = 0

    def paragraph(self, lines, words=None):
        """A paragraph of this many lines (or words)."""
        self.para += 1
        words = words or lines * WORDS_PER_LINE
        return ' '.join(f"p{self.para:03d}w{w:04d}" for w in range(1, words + 1))

    def title(self, what):
        self.heading += 1
        return f"{what} h{self.heading:03d}"


def block(text, indent):
    pad = ' ' * indent
    return '\n'.join(pad + line if line else '' for line in text.split('\n'))


def plan():
    t = Text()
    intro = [t.paragraph(6), t.paragraph(130)]	# one of two pages and more
    items = [f"- {t.paragraph(1 + k % 5)}" for k in range(36)]
    items.append(f"- {t.paragraph(70)}")		# a list item taller than a page
    items += [f"- {t.paragraph(2)}" for _ in range(3)]
    intro.append('\n'.join(items))
    intro += [f"### {t.title('Heading')}", t.paragraph(4)]
    sections = []
    for s in range(24):
        parts = [t.paragraph(1 + (s * 5) % 11)]
        parts += [f"### {t.title('Heading')}", t.paragraph(2 + s % 4)]
        parts.append('\n'.join(f"{k + 1}. {t.paragraph(1 + (k + s) % 3)}" for k in range(2 + s % 3)))
        if s % 7 == 3:
            parts += [f"#### {t.title('Heading')}", f"#### {t.title('Heading')}",
                      t.paragraph(3)]	# two headings, kept together with the text
        if s % 9 == 4:
            parts.append(t.paragraph(75))	# taller than a page
        sections.append((t.title('Section'), '\n\n'.join(parts)))
    # the sweeps: a page's worth less a few lines, then a heading and what
    # it heads, half a line lower each time; and a paragraph taller than a
    # page straight after the long one, its first lines at every height
    # near the foot
    heads = [
        lambda: '\n'.join(f"- {t.paragraph(2)}" for _ in range(3)),
        lambda: '\n\n'.join([f"### {t.title('Heading')}", t.paragraph(62)]),
        lambda: '\n\n'.join([f"### {t.title('Heading')}", t.paragraph(3), t.paragraph(2)]),
        None,
    ]
    for then in heads:
        for k in range(17):
            filler = t.paragraph(0, WORDS_PER_LINE * 47 + 4 * k)
            if then is None:
                sections.append((t.title('Section'), '\n\n'.join([filler, t.paragraph(62)])))
            else:
                sections.append((t.title('Section'), filler))
                sections.append((t.title('Section'), then()))
    closing = [(t.title('Closing'), '\n\n'.join([t.paragraph(3), t.paragraph(60)]))]
    out = ["# Narrative text across pages (made by tests/pdf/make_narrative.py; read back by",
           "# tests/pdf/check_narrative.py): paragraphs and list items from one line to",
           "# more than two pages, and headings after sections of every length, so that",
           "# they land at many heights near a page foot. No paragraph may leave a single",
           "# line at a page's foot or head, and no heading end a page.",
           "kind: plan", "title: Narrative across pages", "organisation: Test Council",
           "as_at: 2019-01-31", "intro: |", block('\n\n'.join(intro), 2), "sections:"]
    for title, text in sections:
        out += [f"  - title: {title}", "    text: |", block(text, 6)]
    out.append("closing:")
    for title, text in closing:
        out += [f"  - title: {title}", "    text: |", block(text, 6)]
    out += ["themes:", '  - ref: "1"', "    title: The only theme", "    actions:",
            '      - ref: "1.1"', "        action: Read the narrative.", "        leads: [Jo Bloggs]",
            "        due: 2019-06-30", "        rag: green"]
    return '\n'.join(out) + '\n'


def report():
    t = Text()
    sections = []
    for s in range(24):
        paras = [t.paragraph(1 + (s * 7) % 13)]
        # a numbered paragraph that opens with a list: its number stands
        # alone on the line above the list
        paras.append('\n'.join(f"- {t.paragraph(1 + (k + s) % 2)}" for k in range(2 + s % 3)))
        paras.append(t.paragraph(2 + s % 3))
        if s % 4 == 1:
            paras.append(f"## {t.title('Heading')}")	# a numbered markdown heading
            paras.append(t.paragraph(3))
        if s % 5 == 2:
            paras.append(t.paragraph(80))	# taller than a page
        sections.append((t.title('Section'), '\n\n'.join(paras)))
    # the sweep: a page's worth less a few lines, then a section whose first
    # paragraph opens with a list (its number, "26.1", on a line of its own
    # above the list), or is a paragraph taller than a page, half a line
    # lower each time
    for tall in (False, True):
        for k in range(17):
            sections.append((t.title('Section'), t.paragraph(0, WORDS_PER_LINE * 47 + 4 * k)))
            first = t.paragraph(62) if tall else \
                '\n'.join(f"- {t.paragraph(2)}" for _ in range(2))
            sections.append((t.title('Section'), '\n\n'.join([first, t.paragraph(2)])))
    out = ["# A report's numbered sections across pages (made by",
           "# tests/pdf/make_narrative.py; read back by tests/pdf/check_narrative.py from",
           "# `render` of it): numbered paragraphs of every length, some opening with a",
           "# list, markdown headings, paragraphs taller than a page.",
           "kind: report", "title: Narrative report across pages", "committee: Test Committee",
           "date: 2019-03-01", "sections:"]
    for title, text in sections:
        out += [f"  - title: {title}", "    text: |", block(text, 6)]
    return '\n'.join(out) + '\n'


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    content = sys.argv[1]
    for folder in ('plans', 'reports'):
        os.makedirs(os.path.join(content, folder), exist_ok=True)
    with open(os.path.join(content, 'site.yaml'), 'w', encoding='utf-8') as f:
        f.write("kind: site\norganisation: Test Borough Council\ntitle: Narrative fixtures\n")
    with open(os.path.join(content, 'plans', 'narrative.yaml'), 'w', encoding='utf-8') as f:
        f.write(plan())
    with open(os.path.join(content, 'reports', 'narrative.yaml'), 'w', encoding='utf-8') as f:
        f.write(report())


if __name__ == '__main__':
    main()
