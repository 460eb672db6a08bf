#!/usr/bin/env python3
"""tests/rebuild/run.py - incremental builds (issue 20): after every kind of
edit, a build into the last build's folder must leave exactly the tree a
clean build makes (every file, .planpress-files and .planpress-record
included; .planpress-stat, which holds the inputs' stat identities, only
there in both), render only what the edit reaches, and a build killed at any
moment must leave each file as it was or as it will be, repaired by the next.

Edits of each kind (a plan, a meeting's paper, minutes, a translation, the
site file, the logo, a template, a style sheet, a message catalogue, a file
deleted, renamed, added, broken and mended, out/ tampered with; edits that
keep a file's size and modification time, which only its change time and
inode tell), first one by one, then in seeded random sequences. Prints "N passed, N failed".
Usage: tests/rebuild/run.py [PLANPRESS]   (REBUILD_SEEDS=1,2,3 for others)
"""
import filecmp
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLANPRESS = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'gen', 'planpress'))
WRAP = os.environ.get('PLANPRESS_WRAPPER', '').split()
passed = failed = 0


def ok(cond, what, detail=''):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f'FAIL: {what}')
        if detail:
            print(detail[-3000:])


def build(content, templates, out, *extra):
    p = subprocess.run(WRAP + [PLANPRESS, 'build', '--content', content, '--templates', templates,
                               '--out', out, *extra], capture_output=True, text=True)
    return p


STAT = '.planpress-stat'


def tree(folder):
    """Every file under folder by relative path (staging folders aside).
    out/.planpress-stat holds the inputs' stat identities (inodes, times),
    which differ from build to build: only that it is there is compared."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith('.planpress-staging')]
        for f in filenames:
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, folder)
            with open(full, 'rb') as fh:
                files[rel] = fh.read() if rel != STAT else b'(there)'
    return files


def tree_diff(a, b):
    ta, tb = tree(a), tree(b)
    lines = [f'only in incremental: {p}' for p in sorted(set(ta) - set(tb))]
    lines += [f'only in clean: {p}' for p in sorted(set(tb) - set(ta))]
    lines += [f'differs: {p}' for p in sorted(set(ta) & set(tb)) if ta[p] != tb[p]]
    return '\n'.join(lines[:20])


class Site:
    """A working copy of a content folder and the templates, its
    incremental output folder, and a scratch folder for clean builds."""

    def __init__(self, tmp, name, source, jobs=None):
        self.dir = os.path.join(tmp, name)
        self.content = os.path.join(self.dir, 'content')
        self.templates = os.path.join(self.dir, 'templates')
        self.out = os.path.join(self.dir, 'out')
        self.clean = os.path.join(self.dir, 'clean')
        shutil.copytree(source, self.content)
        shutil.copytree(os.path.join(ROOT, 'templates'), self.templates)
        self.step = 0
        self.jobs = ['-j', jobs] if jobs else []

    def path(self, rel):
        return os.path.join(self.content, rel)

    def edit(self, rel, pattern, replacement, root=None):
        full = os.path.join(root or self.content, rel)
        with open(full, encoding='utf-8') as f:
            text = f.read()
        new = re.sub(pattern, replacement, text, count=1, flags=re.M)
        assert new != text, f'{rel}: {pattern} not found'
        with open(full, 'w', encoding='utf-8') as f:
            f.write(new)

    def compare(self, what, incremental):
        """The incremental build against a clean one of the same input."""
        if os.path.exists(self.clean):
            shutil.rmtree(self.clean)
        clean = build(self.content, self.templates, self.clean, *self.jobs)
        ok(incremental.returncode == clean.returncode == 0,
           f'{what}: builds exit {incremental.returncode} (incremental), {clean.returncode} (clean)',
           incremental.stderr + clean.stderr)
        diff = tree_diff(self.out, self.clean)
        ok(not diff, f'{what}: the incremental tree differs from a clean build', diff)
        said = [l for l in incremental.stderr.splitlines()
                if not l.startswith(('wrote ', 'removed ', 'kept ', 'nothing changed'))]
        clean_said = [l for l in clean.stderr.splitlines()
                      if not l.startswith(('wrote ', 'removed ', 'kept ', 'nothing changed'))]
        ok([l.replace(self.clean, self.out) for l in clean_said] == said,
           f'{what}: the incremental build says other things than a clean one',
           '\n'.join(said) + '\n---\n' + '\n'.join(clean_said))

    def rebuild(self, what):
        p = build(self.content, self.templates, self.out, *self.jobs)
        self.compare(what, p)
        return p.stderr


def written(stderr):
    """The files a build's "wrote" lines name, relative to out/."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith('wrote '):
            for part in line[6:].split(', '):
                names.add(part.rsplit('/out/', 1)[-1])
    return names


def only_wrote(stderr, expected, what):
    got = {n for n in written(stderr) if not n.startswith('assets/')}
    ok(got == set(expected), f'{what}: rebuilt {sorted(got)}, expected {sorted(expected)}', stderr)


# ---------- the edits ----------

def edits_english(s):
    """(name, function) for the golden content: each applies one edit."""
    paper = 'reports/officer-report.yaml'

    def plan():
        """ratings.yaml (a paper of nothing), or its new name."""
        return next(p for p in ('plans/ratings.yaml', 'plans/ratings-renamed.yaml')
                    if os.path.exists(s.path(p)))

    def plan_text():
        s.edit(plan(), r'^(\s+action: )(.*)$', r'\1\2 (edited)')

    def appendix_text():
        s.edit('plans/every-key.yaml', r'^(\s+action: )(.*)$', r'\1\2 (edited)')

    def paper_text():
        s.edit(paper, r'^(title: )(.*)$', r'\1\2 (edited)')

    def minutes_text():
        s.edit('minutes/previous.yaml', r'^(\s+resolved: )(.*)$', r'\1\2 (edited)')

    def site_file():
        s.edit('site.yaml', r'^(organisation: )(.*)$', r'\1\2 (edited)')

    def logo():
        """The same picture with one more text chunk: other bytes."""
        with open(s.path('logo.png'), 'rb') as f:
            data = f.read()
        end = data.rindex(b'IEND') - 4
        body = b'Comment\x00edited %d' % s.step
        chunk = b'tEXt' + body
        with open(s.path('logo.png'), 'wb') as f:
            f.write(data[:end] + len(body).to_bytes(4, 'big') + chunk +
                    zlib.crc32(chunk).to_bytes(4, 'big') + data[end:])

    def template():
        s.edit('html/plan.html', r'</h2>', '</h2><!-- edited -->', root=s.templates)

    def style_sheet():
        with open(os.path.join(s.templates, 'html', 'assets', 'planpress.css'), 'a') as f:
            f.write('\n/* edited */\n')

    def delete():
        if os.path.exists(s.path('plans/deep.yaml')):
            os.remove(s.path('plans/deep.yaml'))
        else:
            shutil.copy(os.path.join(ROOT, 'tests/golden/content/plans/deep.yaml'), s.path('plans/deep.yaml'))

    def rename():
        a, b = s.path('plans/ratings.yaml'), s.path('plans/ratings-renamed.yaml')
        if os.path.exists(a):
            os.rename(a, b)
        else:
            os.rename(b, a)

    def add():
        shutil.copy(os.path.join(ROOT, 'tests/golden/content/plans/ratings.yaml'),
                    s.path(f'plans/added-{s.step}.yaml'))

    def rating_colour():
        """A plan's own rating colour, which every page's style sheet gives."""
        s.edit(plan(), r'colour: "#(4c2c92|3c2c92)"',
               lambda m: 'colour: "#%s"' % ('3c2c92' if m.group(1) == '4c2c92' else '4c2c92'))

    def touch():
        os.utime(s.path(plan()))

    text_keys = ('title', 'action', 'text', 'resolved', 'intro', 'summary', 'name', 'role',
                 'venue', 'committee', 'organisation', 'lead', 'purpose', 'recommendation')
    rng = random.Random(s.step)

    def any_text():
        """A free text of any document (or the site file) with a word more."""
        found = []
        for dirpath, _, names in os.walk(s.content):
            for name in sorted(names):
                if not name.endswith('.yaml'):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), s.content)
                with open(os.path.join(dirpath, name), encoding='utf-8') as f:
                    for n, line in enumerate(f):
                        m = re.match(r'^(\s*(?:- )?)(\w+): ([A-Za-z].*)$', line)
                        if m and m.group(2) in text_keys and not m.group(3).endswith((':', '|', '>')):
                            found.append((rel, n))
        rel, n = rng.choice(sorted(found))
        full = s.path(rel)
        with open(full, encoding='utf-8') as f:
            lines = f.readlines()
        lines[n] = lines[n].rstrip('\n') + f' extra{s.step}\n'
        with open(full, 'w', encoding='utf-8') as f:
            f.writelines(lines)

    return [('a plan', plan_text), ('a paper of a meeting', paper_text),
            ('a plan, an appendix of a paper', appendix_text),
            ('minutes, a paper', minutes_text), ('the site file', site_file), ('the logo', logo),
            ('a template', template), ('a style sheet', style_sheet), ('a deleted file', delete),
            ('a renamed file', rename), ('an added file', add), ('a touched file', touch),
            ("a plan's own rating colour", rating_colour),
            ('any text', any_text), ('any text', any_text)]


def edits_welsh(s):
    def translation():
        name = next(f for f in sorted(os.listdir(s.path('plans'))) if f.endswith('.cy.yaml'))
        s.edit('plans/' + name, r'^(title: )(.*)$', r'\1\2 (golygwyd)')

    def catalogue():
        s.edit('messages/cy.po', r'^msgstr "(.+)"$', r'msgstr "\1 (golygwyd)"', root=s.templates)

    def welsh_site():
        s.edit('site.cy.yaml', r'^(organisation: )(.*)$', r'\1\2 (golygwyd)')

    return [('a translation', translation), ('a message catalogue', catalogue),
            ('the Welsh site file', welsh_site)]


WELSH_SITE = """kind: site
organisation: Cyngor Bwrdeistref Aur
title: Cynlluniau a phapurau aur
ratings:
  - word: Oddi ar y trywydd
  - word: Mewn perygl
  - word: Ar y trywydd iawn
  - word: Wedi’i gwblhau
"""


def bilingual_site(tmp, name, jobs):
    """The golden content in English and Welsh, with the Welsh fixture's
    documents and translations beside it, the scale they rate by, and a
    Welsh site file: most documents untranslated, some translated."""
    b = Site(tmp, name, os.path.join(ROOT, 'tests', 'golden', 'content'), jobs)
    welsh = os.path.join(ROOT, 'tests', 'golden', 'welsh')
    for folder in ('plans', 'reports', 'meetings', 'minutes'):
        for f in sorted(os.listdir(os.path.join(welsh, folder))):
            shutil.copy(os.path.join(welsh, folder, f), b.path(folder))
    with open(os.path.join(welsh, 'site.yaml'), encoding='utf-8') as f:
        scale = f.read().split('\nratings:\n', 1)[1]
    b.edit('site.yaml', r'^(kind: site)$', r'\1\nlanguages: [en, cy]')
    with open(b.path('site.yaml'), 'a', encoding='utf-8') as f:
        f.write('ratings:\n' + scale)
    with open(b.path('site.cy.yaml'), 'w', encoding='utf-8') as f:
        f.write(WELSH_SITE)
    # a document named .yml, its translation so too
    shutil.copy(b.path('plans/bare.yaml'), b.path('plans/short.yml'))
    with open(b.path('plans/short.cy.yml'), 'w', encoding='utf-8') as f:
        f.write('kind: plan\ntitle: Cynllun byr\n')
    return b


def edits_bilingual(s):
    """(name, function) for bilingual_site: edits of translations."""
    def translated_plan():
        s.edit('plans/welsh-language-plan.cy.yaml', r'^(\s+action: )(.*)$', r'\1\2 (golygwyd)')

    def translated_paper():
        s.edit('reports/welsh-language-report.cy.yaml', r'^(title: )(.*)$', r'\1\2 (golygwyd)')

    def original_of_translation():
        s.edit('plans/welsh-language-plan.yaml', r'^(title: )(.*)$', r'\1\2 (edited)')

    def translation_added_or_removed():
        """bare.yaml's title in Welsh, or no translation of it."""
        path = s.path('plans/bare.cy.yaml')
        if os.path.exists(path):
            os.remove(path)
        else:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(f'kind: plan\ntitle: Cynllun moel {s.step}\n')

    def welsh_site():
        s.edit('site.cy.yaml', r'^(title: )(.*)$', r'\1\2 (golygwyd)')

    def yml_translation():
        s.edit('plans/short.cy.yml', r'^(title: )(.*)$', r'\1\2 (golygwyd)')

    return [('the translation of a .yml document', yml_translation), ('a translated plan', translated_plan), ('a translated paper', translated_paper),
            ('the original of a translation', original_of_translation),
            ('a translation added or removed', translation_added_or_removed),
            ('the Welsh site file', welsh_site)]


def random_edits(r, seed, edits, label):
    """Site r built, then six times one to three of edits(r), picked by
    seed, each followed by a rebuild compared with a clean build."""
    rng = random.Random(seed)
    build(r.content, r.templates, r.out)
    kinds = edits(r)
    for i in range(6):
        r.step += 1
        picked = rng.sample(kinds, rng.randint(1, 3))
        for _, edit in picked:
            edit()
        r.rebuild(f'{label}seed {seed}, step {i}: ' + ', '.join(n for n, _ in picked))


def main():
    tmp = tempfile.mkdtemp(prefix='planpress-rebuild-')
    try:
        run(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


def run(tmp):
    s = Site(tmp, 'english', os.path.join(ROOT, 'tests', 'golden', 'content'))
    first = build(s.content, s.templates, s.out)
    ok(first.returncode == 0, 'the first build', first.stderr)

    # nothing changed: nothing checked or rendered, the same words said
    again = s.rebuild('nothing changed')
    ok('nothing changed' in again, 'a build with nothing changed says so', again)
    warnings = [l for l in first.stderr.splitlines() if ': warning: ' in l]
    ok(warnings and all(w in again for w in warnings),
       'a build with nothing changed says the warnings again', again)

    # each kind of edit once, and what it rebuilds
    edits = dict(edits_english(s))
    s.step += 1
    edits['a plan']()
    said = s.rebuild('a plan')
    # an action's text is not on the front page: it is kept (issue 20: the
    # index is made again when a fact it lists changes)
    only_wrote(said, ['plans/ratings.html', 'plans/ratings.pdf', 'plans/ratings.csv',
                      'plans/ratings-kpis.csv'], 'a plan')
    s.edit('plans/ratings.yaml', r'^(title: )(.*)$', r'\1\2 (edited)')
    said = s.rebuild("a plan's title")
    only_wrote(said, ['plans/ratings.html', 'plans/ratings.pdf', 'plans/ratings.csv',
                      'plans/ratings-kpis.csv', 'index.html'], "a plan's title")
    ok(re.search(r'^kept \d+ unchanged documents in ', said, re.M), 'the kept documents are counted', said)
    edits['a paper of a meeting']()
    said = s.rebuild('a paper of a meeting')
    ok({'reports/officer-report.html', 'meetings/committee.pdf', 'meetings/committee.html'} <=
       written(said), 'a paper rebuilds its meeting and pack', said)
    ok(not any(n.startswith('plans/') for n in written(said)), 'a paper rebuilds no plan', said)
    for name, edit in edits_english(s):
        if name in ('a plan', 'a paper of a meeting'):
            continue
        s.step += 1
        edit()
        said = s.rebuild(name)
        if name == 'an added file':
            only_wrote(said, [f'plans/added-{s.step}{x}' for x in ('.html', '.pdf', '.csv', '-kpis.csv')]
                       + ['index.html'], 'an added plan')
        if name == 'a deleted file':
            ok(not written(said) - {'index.html'} and 'removed ' in said,
               'a deleted plan rebuilds nothing but the index', said)

    # broken content: exit 1, out/ as it was; mended: as a clean build
    before = tree(s.out)
    with open(s.path('plans/every-key.yaml'), 'a') as f:
        f.write('\n  - this: [is not\n')
    p = build(s.content, s.templates, s.out)
    ok(p.returncode == 1 and re.search(r'every-key\.yaml:\d+:\d+: error', p.stderr),
       'a broken file stops the build at its position', p.stderr)
    ok(tree(s.out) == before, 'a broken build leaves out/ as it was')
    shutil.copy(os.path.join(ROOT, 'tests/golden/content/plans/every-key.yaml'), s.path('plans/every-key.yaml'))
    s.rebuild('a mended file')

    # out/ tampered with: a page edited, a PDF removed, the record damaged
    with open(os.path.join(s.out, 'plans', 'bare.html'), 'a') as f:
        f.write('<!-- tampered -->')
    s.rebuild('a page of out/ edited by hand')
    os.remove(os.path.join(s.out, 'plans', 'bare.pdf'))
    s.rebuild('a PDF of out/ removed')
    with open(os.path.join(s.out, '.planpress-record'), 'r+b') as f:
        f.seek(30)
        f.write(b'\x00garbage\n')
    s.rebuild('a damaged record')
    os.remove(os.path.join(s.out, '.planpress-record'))
    s.rebuild('no record')

    # an input whose stat identity is as out/.planpress-stat recorded it is
    # not read again: every edit here keeps the file's size and modification
    # time, so only its change time (or inode) tells; each must be seen
    def stat_text():
        with open(os.path.join(s.out, STAT), encoding='utf-8') as f:
            return f.read()

    def same_size(full, pattern):
        """One letter (pattern's group) in the other case, the modification
        time put back: the same size and mtime, other bytes."""
        st = os.stat(full)
        with open(full, encoding='utf-8') as f:
            text = f.read()
        m = re.search(pattern, text, re.M)
        assert m, f'{full}: {pattern} not found'
        new = text[:m.start(1)] + m.group(1).swapcase() + text[m.end(1):]
        with open(full, 'w', encoding='utf-8') as f:
            f.write(new)
        os.utime(full, ns=(st.st_atime_ns, st.st_mtime_ns))
        st2 = os.stat(full)
        assert (st2.st_size, st2.st_mtime_ns) == (st.st_size, st.st_mtime_ns)

    name = next(n for n in ('ratings', 'ratings-renamed') if os.path.exists(s.path(f'plans/{n}.yaml')))
    plan_yaml = s.path(f'plans/{name}.yaml')
    page = f'plans/{name}.html'
    title = r'^title: .*(\w)[^\w\n]*$'  # its last letter
    s.rebuild('nothing changed, before the edits of the same size')
    ok(f' c/plans/{name}.yaml\n' in stat_text() and ' t/html/plan.html\n' in stat_text(),
       'the stat file vouches for the plan and the template', stat_text())
    same_size(plan_yaml, title)
    said = s.rebuild('a plan edited, its size and modification time kept')
    ok(page in written(said), 'a plan of the same size and mtime is rendered', said)
    # again at once, within the second (the clock tick) of that build
    same_size(plan_yaml, title)
    said = s.rebuild('a plan edited so within the second of the last build')
    ok(page in written(said), 'a plan edited at once is rendered', said)
    # edited, built at once, and edited again at once: the first edit may
    # share the build's tick, so its identity is not vouched for
    same_size(plan_yaml, title)
    build(s.content, s.templates, s.out)
    same_size(plan_yaml, r'^title: .*(\w)\w[^\w\n]*$')
    s.rebuild('a plan edited twice around a build, each time so')
    # replaced by a rename: another file of the same size and mtime
    st = os.stat(plan_yaml)
    with open(plan_yaml, encoding='utf-8') as f:
        text = f.read()
    m = re.search(title, text, re.M)
    temp = s.path('plans/.replacement')  # hidden: no input
    with open(temp, 'w', encoding='utf-8') as f:
        f.write(text[:m.start(1)] + m.group(1).swapcase() + text[m.end(1):])
    os.utime(temp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.rename(temp, plan_yaml)
    said = s.rebuild('a plan replaced by a rename, its size and modification time kept')
    ok(page in written(said), 'a plan replaced so is rendered', said)
    # a template, likewise
    template = os.path.join(s.templates, 'html', 'plan.html')
    same_size(template, r'Progress at a glanc([eE])')
    said = s.rebuild('a template edited, its size and modification time kept')
    ok(page in written(said), 'a template of the same size and mtime renders its pages', said)
    same_size(template, r'Progress at a glanc([eE])')
    s.rebuild('a template edited so again, at once')
    # the stat file cut, emptied or made of noise: every input read again
    for what, data in (('cut', stat_text()[:-30]), ('empty', ''), ('noise', 'planpress-stat 1\nfile x\nend\n')):
        same_size(plan_yaml, title)
        with open(os.path.join(s.out, STAT), 'w', encoding='utf-8') as f:
            f.write(data)
        s.rebuild(f'a plan edited so, the stat file {what}')
    os.remove(os.path.join(s.out, STAT))
    same_size(plan_yaml, title)
    s.rebuild('a plan edited so, no stat file')

    w = Site(tmp, 'welsh', os.path.join(ROOT, 'tests', 'golden', 'welsh'))
    p = build(w.content, w.templates, w.out)
    ok(p.returncode == 0, 'the first Welsh build', p.stderr)
    for name, edit in edits_welsh(w):
        w.step += 1
        edit()
        w.rebuild(name)

    # a bilingual site: the documents not rendered taken from the last
    # build's facts in each language (issue 20), each edit once, then in
    # seeded random sequences with the English edits
    b = bilingual_site(tmp, 'bilingual', None)
    p = build(b.content, b.templates, b.out)
    ok(p.returncode == 0, 'the first bilingual build', p.stderr)
    b.step += 1
    dict(edits_english(b))['a plan']()
    said = b.rebuild('bilingual: a plan')
    only_wrote(said, [f'{lang}plans/ratings{x}' for lang in ('', 'cy/')
                      for x in ('.html', '.pdf', '.csv', '-kpis.csv')], 'bilingual: a plan')
    for name, edit in edits_bilingual(b):
        b.step += 1
        edit()
        said = b.rebuild('bilingual: ' + name)
        if name == 'the translation of a .yml document':
            # its own files: a document's key holds its translations
            only_wrote(said, [f'{lang}plans/short{x}' for lang in ('', 'cy/')
                              for x in ('.html', '.pdf', '.csv')] + ['cy/index.html'],
                       'bilingual: ' + name)
    seeds = [int(x) for x in os.environ.get('REBUILD_SEEDS', '1,2,3').split(',') if x]
    for seed in seeds:
        random_edits(bilingual_site(tmp, f'bilingual-{seed}', '1' if seed % 2 else '3'),
                     seed, lambda r: edits_english(r) + edits_bilingual(r), 'bilingual, ')

    # seeded random sequences of edits, one by one (-j 1) and by worker
    # processes
    for seed in seeds:
        random_edits(Site(tmp, f'random-{seed}', os.path.join(ROOT, 'tests', 'golden', 'content'),
                          '1' if seed % 2 else '3'), seed, edits_english, '')

    # killed builds: at any moment, each file of out/ is as it was or as it
    # will be, nothing else is there, and the next build repairs the tree
    def edited(k, rng, kinds):
        """Two edits; out/'s tree before, and the tree a clean build makes."""
        old = tree(k.out)
        k.step += 1
        for _, edit in rng.sample(kinds, 2):
            edit()
        shutil.rmtree(k.clean)
        build(k.content, k.templates, k.clean)
        return old, tree(k.clean)

    def strays(old, new, now):
        """Files of out/ neither as they were nor as they will be (the
        manifest may list both trees' files while the commit runs)."""
        both = b''.join(sorted(set(old.get('.planpress-files', b'').splitlines(True)) |
                               set(new['.planpress-files'].splitlines(True))))
        return [p for p, data in now.items() if old.get(p) != data and new.get(p) != data
                and not p.startswith(('.planpress-record', STAT)) and
                not (p == '.planpress-files' and data == both)]

    k = Site(tmp, 'killed', os.path.join(ROOT, 'tests', 'golden', 'content'))
    build(k.content, k.templates, k.out)
    start = time.monotonic()
    build(k.content, k.templates, k.clean)
    full = time.monotonic() - start
    rng = random.Random(7)
    kinds = edits_english(k)
    for i in range(6):
        old, new = edited(k, rng, kinds)
        proc = subprocess.Popen(WRAP + [PLANPRESS, 'build', '-q', '--content', k.content,
                                        '--templates', k.templates, '--out', k.out],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        left = strays(old, new, tree(k.out))
        ok(not left, f'killed build {i}: files neither old nor new', '\n'.join(left[:10]))
        k.rebuild(f'the build after killed build {i}')

    # killed and failed at each step of the commit (the writer's test hook):
    # each file as it was or as it will be; a failed one leaves out/ as it
    # was; either way the next build gives the clean tree
    for i in range(10):
        old, new = edited(k, rng, kinds)
        how = 'kill' if i % 2 == 0 else 'fail'
        at = rng.randint(1, 30)
        env = dict(os.environ, PLANPRESS_TEST_WRITE_STEP=f'{how}:{at}')
        p = subprocess.run(WRAP + [PLANPRESS, 'build', '-q', '--content', k.content,
                                   '--templates', k.templates, '--out', k.out],
                           env=env, capture_output=True, text=True)
        now = tree(k.out)
        if how == 'fail' and p.returncode == 3:
            ok(now == old, f'failed at write step {at}: out/ is not as it was')
        left = strays(old, new, now)
        ok(not left, f'{how} at write step {at}: files neither old nor new', '\n'.join(left[:10]))
        k.rebuild(f'the build after {how} at write step {at}')


if __name__ == '__main__':
    sys.exit(main())
