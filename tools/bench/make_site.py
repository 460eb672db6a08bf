#!/usr/bin/env python3
"""make_site.py N DIR - writes a synthetic council site of about N documents
into DIR (a content root), for `make bench` (issue 20): of every 10, six
plans, two officers' reports, one set of minutes and one meeting, plus
DIR/site.yaml. For N = 1,000: 600 plans, 200 reports, 100 minutes, 100
meetings.

- Plans: 10 to 120 actions (three in four of 20 to 80, as real councils'),
  in 3 to 9 themes, with leads, due dates (dates, months, quarters, years and
  words), RAG ratings (some a progress and an impact rating), statuses, some
  updates; about a third with indicators (3 to 6 periods of figures, some with
  targets and an England comparator); a few with sub-themes, steps, a rating
  history or their own column headings. A plan with `as_at` is never overdue
  (no warnings).
- Reports: 4 to 7 sections of paragraphs (a few pages), an officer; two in
  five append a plan. Each is a paper of one meeting, its committee, date and
  agenda item the meeting's.
- Minutes: one set for each meeting, each a paper of the committee's next
  meeting (minute numbers run on through the municipal year).
- Meetings: six committees, every eight weeks; the agenda (apologies,
  interests, minutes, questions, two reports, every other meeting a plan,
  next meeting) takes papers, so every meeting makes an agenda pack.

Deterministic (random.Random with a fixed seed): the same N, the same files.
EDIT_PLAN (a plan of 60 actions that no report or meeting takes) is the one
the bench edits to time "one plan changed". `check` finds no problems."""
import datetime
import os
import random
import sys

EDIT_PLAN = 'plans/corporate-parenting-strategy-001.yaml'

COMMITTEES = ['People Overview Committee', 'Cabinet', 'Corporate Parenting Panel',
              'Health and Wellbeing Board', 'Place Overview Committee', 'Audit Committee']

FIRST = ['Elaine', 'Tracie', 'Steve', 'Siobhan', 'Donna', 'Pippa', 'Lisa', 'Karen', 'Mark',
         'Claire', 'Tim', 'Peggy', 'Ed', 'Nigel', 'Christian', 'Matt', 'Cecilia', 'Kevin',
         'John', 'Hannah', 'Rob', 'Roger', 'Jane', 'Paul', 'Amrit', 'Bethan', 'Owen', 'Priya',
         'Gareth', 'Fiona', 'Mohammed', 'Sarah', 'David', 'Rachel', 'Imran', 'Helen']
LAST = ['Storey', 'Watson', 'Ladd', 'Hughes', 'Chapman', 'Murphy', 'Kelly', 'Bradshaw',
        'Riddell', 'Porter', 'Ward', 'Mullock', 'Potter', 'Hartin', 'Lea', 'Lee', 'Motley',
        'Pardy', 'Price', 'Turley', 'Fraser', 'Gittins', 'MacKenzie', 'Wynn', 'Sandhu',
        'Evans', 'Pritchard', 'Patel', 'Jones', 'Okafor', 'Ahmed', 'Clarke', 'Davies', 'Shah']
ROLES = ['Head of Service, Looked After Children', 'Service Manager, Leaving Care',
         'Principal Social Worker', 'Virtual School Head', 'Head of Commissioning',
         'Designated Nurse', 'Housing Options Manager', 'Head of Public Health',
         'Performance and Intelligence Manager', 'Workforce Development Lead',
         'Head of Adult Social Care', 'Strategic Housing Manager', 'Climate Change Officer',
         'Transport Planning Manager', 'Head of Finance', 'Participation Officer']

# each topic: plan titles, and the objects and aims its sentences are made of
TOPICS = {
    'corporate-parenting-strategy': (
        ['Corporate Parenting Strategy', 'Care Leavers Action Plan', 'Sufficiency Strategy'],
        ['pathway plans for every care leaver', 'the local offer for care leavers',
         'placement sufficiency for children in care', 'return home interviews',
         'the Children in Care Council', 'personal education plans', 'staying put arrangements',
         'health assessments for children looked after', 'the council tax exemption for care leavers',
         'supported lodgings', 'apprenticeships ring-fenced for care leavers'],
        ['care leavers are in education, employment or training',
         'children in care are placed close to home', 'young people shape the services they use',
         'every child has a permanent home without delay', 'plans are outcome focused and timely']),
    'ofsted-improvement-plan': (
        ['Post Ofsted Action Plan', 'Children\'s Services Improvement Plan',
         'Quality Assurance Framework Action Plan'],
        ['supervision of social workers', 'the quality of assessments', 'management oversight of casework',
         'the multi-agency safeguarding hub', 'child protection conferences', 'the audit programme',
         'caseloads in the assessment teams', 'the early help offer', 'strategy discussions'],
        ['the quality of practice is consistently good', 'decisions are recorded and reviewed',
         'children are seen and heard', 'risk is identified and acted on quickly',
         'managers know the quality of the work of their teams']),
    'adult-social-care-plan': (
        ['Adult Social Care Improvement Plan', 'Carers Strategy Action Plan', 'Better Care Fund Plan'],
        ['reablement after hospital discharge', 'the carers\' assessment', 'direct payments',
         'the shared lives scheme', 'annual reviews of care and support plans',
         'the home care market', 'safeguarding adults enquiries', 'technology enabled care'],
        ['people stay independent at home for longer', 'carers are identified and supported',
         'delayed transfers of care fall', 'people have choice and control over their support']),
    'housing-strategy': (
        ['Housing Strategy Action Plan', 'Homelessness Prevention Strategy', 'Private Sector Housing Plan'],
        ['the housing register', 'temporary accommodation', 'prevention duty casework',
         'licensing of houses in multiple occupation', 'empty homes brought back into use',
         'the allocations policy', 'affordable homes on council land', 'disabled facilities grants'],
        ['fewer households are placed in bed and breakfast', 'homelessness is prevented earlier',
         'more affordable homes are delivered each year', 'private rented homes are safe and warm']),
    'climate-emergency-plan': (
        ['Climate Emergency Action Plan', 'Carbon Reduction Plan', 'Nature Recovery Plan'],
        ['the council\'s fleet', 'energy use in council buildings', 'electric vehicle charge points',
         'tree planting on council land', 'the waste and recycling service', 'active travel routes',
         'retrofit of council homes', 'the procurement of low carbon suppliers'],
        ['the council\'s own emissions fall each year', 'residents can travel without a car',
         'more household waste is recycled', 'homes are cheaper to heat']),
    'health-and-wellbeing-strategy': (
        ['Health and Wellbeing Strategy', 'Healthy Weight Action Plan', 'Mental Health Prevention Plan'],
        ['the stop smoking service', 'NHS health checks', 'the school nursing service',
         'social prescribing', 'the suicide prevention plan', 'drug and alcohol treatment',
         'the healthy child programme', 'physical activity in deprived wards'],
        ['the gap in healthy life expectancy narrows', 'fewer children leave primary school obese',
         'people get help for their mental health early', 'more people live smoke free']),
}
VERBS = ['Develop', 'Review', 'Implement', 'Deliver', 'Establish', 'Embed', 'Commission',
         'Extend', 'Improve', 'Strengthen', 'Publish', 'Roll out', 'Agree', 'Consult on',
         'Monitor', 'Audit', 'Redesign', 'Evaluate']
PARTNERS = ['health partners', 'the police', 'schools', 'the voluntary sector', 'housing providers',
            'the Clinical Commissioning Group', 'district councils', 'young people',
            'the Safeguarding Partnership', 'Jobcentre Plus', 'parish councils', 'families']
PROGRESS = ['A task and finish group has met monthly since {m} and its proposals go to the board in {m2}.',
            'Training was delivered to {n} staff in {m}; feedback was positive and a second round is planned.',
            'The audit of {n} cases in {m} found {p}% good or better, against {q}% last year.',
            'A draft has been shared with {partner} and comments are being taken into the final version.',
            'Funding of £{k},000 has been agreed and recruitment to the post is under way.',
            'The new arrangements went live in {m} and are reviewed each quarter by the service manager.',
            'Progress has been slower than planned because of vacancies in the team; a recovery plan is in place.',
            'Performance is reported monthly to the leadership team and is now part of business as usual.',
            'Consultation with {partner} closed in {m} with {n} responses, which are summarised in the appendix.',
            'Performance against the target is on track at the end of the quarter.']
MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
          'October', 'November', 'December']
PARA_OPENERS = ['The council', 'The service', 'The partnership', 'The head of service', 'The committee',
                'The board', 'The directorate', 'The team']
PARA_VERBS = ['has reviewed', 'continues to monitor', 'has agreed', 'is asked to note', 'reported on',
              'has strengthened', 'has consulted on', 'will consider', 'has invested in']
PARA_ENDS = ['over the last year', 'since the last report', 'in line with the statutory guidance',
             'within the agreed budget', 'with partners across the county', 'as the inspection recommended',
             'and will report again in six months', 'following consultation with residents']
SECTIONS = ['Summary', 'Recommendations', 'Background', 'Financial Implications',
            'Legal Implications', 'Risk Assessment and Opportunities Appraisal',
            'Equalities Impact', 'Climate Change Appraisal', 'Conclusions']
LABELS = ['Priority', 'Recommendation', 'Pillar', 'Objective', 'Outcome']


class Writer:
    """The site's documents, made from one random.Random."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        r = self.rng
        self.people = sorted({f'{r.choice(FIRST)} {r.choice(LAST)}' for _ in range(120)})

    def person(self):
        return self.rng.choice(self.people)

    def sentence(self, topic):
        r = self.rng
        _, objects, aims = TOPICS[topic]
        return (f"{r.choice(VERBS)} {r.choice(objects)} with {r.choice(PARTNERS)} "
                f"so that {r.choice(aims)}.")

    def progress(self, year):
        r = self.rng
        return r.choice(PROGRESS).format(
            m=f'{r.choice(MONTHS)} {year}', m2=f'{r.choice(MONTHS)} {year + 1}',
            n=r.randint(12, 240), p=r.randint(40, 80), q=r.randint(30, 60),
            partner=r.choice(PARTNERS), k=r.randint(20, 400))

    def paragraph(self, topic, lo=3, hi=6):
        r = self.rng
        _, objects, aims = TOPICS[topic]
        out = []
        for _ in range(r.randint(lo, hi)):
            out.append(r.choice([
                f"{r.choice(PARA_OPENERS)} {r.choice(PARA_VERBS)} {r.choice(objects)} {r.choice(PARA_ENDS)}.",
                f"The aim is that {r.choice(aims)}, and that {r.choice(aims)}.",
                f"Work with {r.choice(PARTNERS)} on {r.choice(objects)} is {r.choice(['on track', 'behind plan', 'ahead of plan', 'complete'])}, "
                f"and {r.choice(objects)} will be reviewed {r.choice(PARA_ENDS)}.",
                f"In {r.choice(MONTHS)} {r.randint(2017, 2020)} {r.randint(12, 95)}% of {r.choice(objects)} met the standard, "
                f"against a target of {r.randint(60, 100)}%."]))
        return ' '.join(out)


def quote(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def block(indent, text):
    """A literal block scalar's lines for markdown text (paragraphs)."""
    pad = ' ' * indent
    return '|\n' + '\n'.join(pad + line if line else '' for line in text.split('\n'))


def uk(d):
    return d.strftime('%d/%m/%Y')


def weekday(d):
    while d.weekday() >= 5:
        d += datetime.timedelta(days=1)
    return d


def fin_year(y):
    return f'{y}/{(y + 1) % 100:02d}'


def plan(w, pid, topic, n_actions, year, used):
    """A plan's YAML; used: whether a report or meeting takes it (its as_at
    and ratings then are those of its year)."""
    r = w.rng
    titles, objects, aims = TOPICS[topic]
    title = r.choice(titles)
    as_at = datetime.date(year, r.choice([3, 6, 9, 12]), 28) if r.random() < 0.5 else None
    label = r.choice(LABELS)
    lines = ['kind: plan', f'title: {title} {year}-{(year + 2) % 100:02d}',
             f'subtitle: {r.choice(["Our journey of continuous improvement", "Delivering better outcomes together", "Progress report to members"])}',
             'service: ' + r.choice(["Children's Services", "Adult Services", "Place", "Public Health", "Resources"]),
             f'version: V{r.randint(1, 9)}',
             f'period: {year} - {year + 2}',
             f'published: {r.choice(MONTHS)} {year}',
             f'owner: {r.choice(COMMITTEES)}',
             f'theme_label: {label}']
    if r.random() < 0.6:
        lines.append(f'status: {r.choice(["draft", "approved", "final", "consultation"])}')
    if as_at:
        lines.append(f'as_at: {uk(as_at)}')
    impact = r.random() < 0.25
    history = as_at is not None and r.random() < 0.15
    if history:
        reviews = [datetime.date(year, m, 28) for m in (3, 6, 9, 12) if datetime.date(year, m, 28) <= as_at]
        lines.append('reviews: [' + ', '.join(f'{MONTHS[d.month - 1]} {d.year}' for d in reviews) + ']')
    if r.random() < 0.2:
        lines += ['columns: [ref, action, outcome, leads, due, progress, progress_rag'
                  + (', impact_rag' if impact else '') + (', history' if history else '') + ']',
                  'labels:', '  action: Actions', '  outcome: Expected Impact/Outcome',
                  '  leads: Lead', '  due: Timescale']
    lines.append('intro: ' + block(2, '\n\n'.join(w.paragraph(topic) for _ in range(r.randint(1, 3)))))
    if r.random() < 0.4:
        lines.append('sections:')
        for s in r.sample(['Our vision', 'Where we are now', 'How we will know we have made a difference',
                           'Governance', 'What young people told us'], r.randint(1, 3)):
            lines += [f'  - title: {s}', '    text: ' + block(6, w.paragraph(topic))]

    kpis = []
    if r.random() < 0.35:
        for k in range(r.randint(2, 6)):
            kpis.append(f'{topic.split("-")[0]}-kpi-{k + 1}')
    n_themes = max(1, min(9, n_actions // r.randint(6, 14)))
    nested = n_actions >= 30 and r.random() < 0.05
    per = [n_actions // n_themes + (1 if t < n_actions % n_themes else 0) for t in range(n_themes)]

    def actions(pad, ref, count):
        out = [f'{pad}actions:']
        for a in range(count):
            aref = f'{ref}.{a + 1}'
            complete = r.random() < 0.3
            out += [f'{pad}  - ref: "{aref}"',
                    f'{pad}    action: {quote(" ".join(w.sentence(topic) for _ in range(r.randint(1, 2))))}']
            if r.random() < 0.8:
                out.append(f'{pad}    outcome: {quote(r.choice(aims).capitalize() + ".")}')
            if r.random() < 0.5:
                out.append(f'{pad}    measure: {r.choice(["Audit", "Performance Information", "Feedback from young people", "Case file audit", "Quarterly report"])}')
            leads = [w.person() if r.random() < 0.7 else r.choice(ROLES) for _ in range(r.randint(1, 3))]
            out.append(f'{pad}    leads: [' + ', '.join(leads) + ']')
            # due: before as_at only when complete, so nothing is overdue
            y = as_at.year + r.randint(0, 1) if as_at and not complete else year + r.randint(0, 2)
            m = r.randint(as_at.month if as_at and not complete and y == as_at.year else 1, 12)
            due = r.choice([uk(datetime.date(y, m, 28)), f'{MONTHS[m - 1]} {y}', f'Q{r.randint(1, 4)} {fin_year(y)}',
                            fin_year(y), 'Ongoing', 'Six monthly', 'Immediate'])
            if due.startswith('Q') and as_at and not complete:
                due = f'Q4 {fin_year(y)}'
            if due == fin_year(y) and as_at and not complete:
                due = fin_year(y + 1)
            out.append(f'{pad}    due: {due}')
            steps = r.random() < 0.05
            if steps:
                out.append(f'{pad}    steps:')
                for _ in range(r.randint(2, 4)):
                    out += [f'{pad}      - text: {quote(w.sentence(topic))}',
                            f'{pad}        leads: {w.person()}',
                            f'{pad}        progress: {quote(w.progress(year))}']
            else:
                text = ' '.join(w.progress(year) for _ in range(r.randint(1, 4)))
                if complete:
                    text += ' ACTION COMPLETE'
                out.append(f'{pad}    progress: {quote(text)}')
            if complete:
                rag = r.choice(['blue', 'blue', 'green'])
            else:
                rag = r.choice(['green', 'green', 'amber', 'red', 'green'])
            if complete:
                out.append(f'{pad}    status: complete')
            elif r.random() < 0.6:
                out.append(f'{pad}    status: {r.choice(["in_progress", "not_started", "in_progress"])}')
                if rag == 'blue':
                    rag = 'green'
            if r.random() < 0.92:
                if impact:
                    out.append(f'{pad}    rag: {{progress: {rag}, impact: {r.choice(["green", "amber", "red"])}}}')
                else:
                    out.append(f'{pad}    rag: {rag}')
            if kpis and r.random() < 0.15:
                out.append(f'{pad}    kpis: [{r.choice(kpis)}]')
            if (history or r.random() < 0.15) and as_at:
                out.append(f'{pad}    updates:')
                d = datetime.date(year, 1, 15)
                for _ in range(r.randint(1, 3)):
                    d = min(d + datetime.timedelta(days=r.randint(30, 100)), as_at)
                    out += [f'{pad}      - date: {uk(d)}',
                            f'{pad}        rag: {r.choice(["green", "amber", "red"])}',
                            f'{pad}        note: {quote(w.progress(year))}']
        return out

    lines.append('themes:')
    for t in range(n_themes):
        lines += [f'  - ref: "{t + 1}"', f'    title: {quote(w.sentence(topic)[:-1])}']
        if r.random() < 0.3:
            lines.append('    summary: ' + block(6, w.paragraph(topic, 2, 4)))
        if kpis and r.random() < 0.3:
            lines.append(f'    kpis: [{", ".join(r.sample(kpis, min(2, len(kpis))))}]')
        if nested and per[t] >= 6:
            half = per[t] // 2
            lines.append('    themes:')
            for s, count in ((1, half), (2, per[t] - half)):
                lines += [f'      - ref: "{t + 1}.{s}"', f'        title: {quote(r.choice(objects).capitalize())}']
                lines += actions('        ', f'{t + 1}.{s}', count)
        else:
            lines += actions('    ', str(t + 1), per[t])
    if kpis:
        lines.append('kpis:')
        quarters = r.random() < 0.3
        for k in kpis:
            n = r.randint(3, 6)
            periods = ([f'Q{(q % 4) + 1} {fin_year(year - 1 + q // 4)}' for q in range(n)] if quarters
                       else [fin_year(year - n + 1 + i) for i in range(n)])
            unit = r.choice(['percent', 'percent', 'number', 'rate', 'days'])
            lo, hi = {'percent': (20, 95), 'number': (10, 900), 'rate': (30, 120), 'days': (5, 60)}[unit]
            values = [r.randint(lo, hi) if r.random() < 0.9 else None for _ in range(n)]
            values[-1] = values[-1] if values[-1] is not None else r.randint(lo, hi)
            fmt = lambda v: '~' if v is None else str(v)
            lines += [f'  - id: {k}', f'    title: {quote(r.choice(objects).capitalize() + ": " + r.choice(["rate", "percentage on time", "number", "average days"]))}',
                      f'    unit: {unit}']
            if unit == 'rate':
                lines.append('    per: 10000')
            lines += [f'    better: {r.choice(["higher", "lower", "neither"])}',
                      '    periods: [' + ', '.join(quote(p) for p in periods) + ']',
                      '    values: [' + ', '.join(fmt(v) for v in values) + ']']
            if r.random() < 0.6:
                lines.append(f'    target: {r.randint(lo, hi)}')
                if r.random() < 0.5:
                    lines.append(f'    tolerance: {r.randint(1, 5)}')
            if r.random() < 0.4:
                lines.append('    comparators:\n      England: [' + ', '.join(fmt(r.randint(lo, hi) if r.random() < 0.85 else None) for _ in range(n)) + ']')
            if r.random() < 0.3:
                lines.append('    chart: bar')
            lines.append(f'    source: {r.choice(["Local authority data", "Department for Education SSDA903 return", "NHS Digital", "Performance and Intelligence Team"])}')
    return '\n'.join(lines) + '\n'


def officer(w, role=None):
    name = w.person()
    first, last = name.split(' ', 1)
    return [f'  name: {name}', f'  title: {role or w.rng.choice(ROLES)}',
            f'  email: {first.lower()}.{last.lower()}@bench.gov.uk',
            f'  phone: 01743 {w.rng.randint(250000, 259999)}']


def report(w, topic, title, committee, date, item, appendix):
    r = w.rng
    lines = ['kind: report', f'title: {quote(title)}', f'committee: {committee}', f'date: {uk(date)}',
             'time: 10.00am', f'item: "{item}"', 'classification: public', 'responsible_officer:']
    lines += officer(w, r.choice(['Director of Children\'s Services', 'Director of Adult Services',
                                   'Director of Place', 'Director of Public Health', 'Head of Finance']))
    lines.append('sections:')
    titles = ['Summary', 'Recommendations'] + r.sample(SECTIONS[2:], r.randint(2, 5))
    for s in titles:
        if s == 'Recommendations':
            text = 'That the committee:\n\n' + '\n'.join(
                f'- {r.choice(["notes", "approves", "comments on", "endorses"])} {r.choice(TOPICS[topic][1])};'
                for _ in range(r.randint(2, 4)))
        else:
            text = '\n\n'.join(w.paragraph(topic) for _ in range(r.randint(1, 4)))
        lines += [f'  - title: {s}', '    text: ' + block(6, text)]
    lines += ['background_papers: ' + block(2, f'{r.choice(TOPICS[topic][0])}, report to {committee}, '
                                                f'{date.day} {MONTHS[date.month - 1]} {date.year - 1}'),
              f'cabinet_member: Cllr {w.person()}', 'local_member: All Members']
    if appendix:
        lines += ['appendices:', f'  - title: {quote(r.choice(["Draft Action Plan", "Action plan: progress", "The plan"]))}',
                  f'    paper: {appendix}']
    return '\n'.join(lines) + '\n'


def minutes(w, topic, committee, date, first, members):
    r = w.rng
    lines = ['kind: minutes', 'signature: Chairman', f'committee: {committee}', f'date: {uk(date)}',
             f'time: 10.00 am - {r.choice(["11.45 am", "12.15 pm", "12.40 pm", "1.05 pm"])}',
             'venue: the Shrewsbury Room, Shirehall, Abbey Foregate, Shrewsbury, SY2 6ND', 'officer:']
    lines += officer(w, 'Committee Officer')
    lines.append('present: [' + ', '.join(members[:r.randint(5, len(members))]) + ']')
    lines.append(f'apologies: [{members[-1]}]')
    lines.append('items:')
    heads = ['Apologies and Substitutions', 'Disclosable Pecuniary Interests', 'Minutes',
             'Public Question Time'] + [r.choice(TOPICS[topic][1]).capitalize() for _ in range(r.randint(3, 6))]
    for i, h in enumerate(heads):
        lines += [f'  - number: {first + i}', f'    title: {quote(h)}', '    paragraphs:']
        for _ in range(1 if i < 4 else r.randint(2, 5)):
            lines.append(f'      - {quote(w.paragraph(topic, 1, 4))}')
        if i == 2 or (i >= 4 and r.random() < 0.7):
            lines.append(f'    resolved: {quote("That the committee " + r.choice(["notes", "approves", "endorses"]) + " " + r.choice(TOPICS[topic][1]) + ".")}')
    return '\n'.join(lines) + '\n'


def main():
    n = int(sys.argv[1])
    root = sys.argv[2]
    w = Writer(20)
    r = w.rng
    n_meetings = max(1, n // 10)
    n_minutes = n_meetings
    n_reports = 2 * n_meetings
    n_plans = n - n_meetings - n_minutes - n_reports
    for d in ('plans', 'reports', 'minutes', 'meetings'):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    with open(os.path.join(root, 'site.yaml'), 'w') as f:
        f.write('kind: site\norganisation: Bench Borough Council\n'
                'title: Plans, reports and committee papers\ncolour: "#1d4f91"\n'
                'address:\n  - Legal and Democratic Services\n  - Shirehall\n  - Abbey Foregate\n'
                '  - Shrewsbury\n  - SY2 6ND\n'
                'footer: |\n  A synthetic site of the planpress benchmark (tools/bench/make_site.py).\n')

    # plans: their names, topics, sizes and years first, so that reports and
    # meetings can take them (never EDIT_PLAN, the first)
    topics = list(TOPICS)
    plans = []
    for i in range(n_plans):
        topic = topics[i % len(topics)]
        if i == 0:
            size = 60
        else:
            u = r.random()
            size = r.randint(10, 19) if u < 0.1 else r.randint(81, 120) if u > 0.85 else r.randint(20, 80)
        plans.append((f'plans/{topic}-{i // len(topics) + 1:03d}.yaml', topic, size, 2017 + i % 4))
    assert plans[0][0] == EDIT_PLAN
    free = list(range(1, n_plans))
    r.shuffle(free)

    # meetings: each committee every eight weeks from January 2018
    meetings = []
    per_committee = (n_meetings + len(COMMITTEES) - 1) // len(COMMITTEES)
    for c, committee in enumerate(COMMITTEES):
        members = sorted({w.person() for _ in range(12)})
        for k in range(per_committee):
            if len(meetings) == n_meetings:
                break
            date = weekday(datetime.date(2018, 1, 8) + datetime.timedelta(days=c * 2 + k * 56))
            meetings.append((committee, date, k, members))
    used = set()
    reports = 0
    for m, (committee, date, k, members) in enumerate(meetings):
        topic = topics[m % len(topics)]
        slug = committee.lower().replace(' ', '-')
        mid = f'{slug}-{date.isoformat()}'
        first = 1 + 12 * (k % 6)   # minute numbers run on through the year
        with open(os.path.join(root, 'minutes', f'{mid}.yaml'), 'w') as f:
            f.write(minutes(w, topic, committee, date, first, members))
        items = [('Apologies and Substitutions', 'To receive apologies for absence from Members of the Committee.', []),
                 ('Disclosable Pecuniary Interests', 'Members are reminded they must not participate in the discussion '
                  'or vote on any matter in which they have a Disclosable Pecuniary Interest.', [])]
        if k > 0:
            prev = meetings[m - 1][1]
            items.append(('Minutes', f'The minutes of the last meeting, held on {prev.day} {MONTHS[prev.month - 1]} '
                          f'{prev.year}, are attached for confirmation.', [f'minutes/{slug}-{prev.isoformat()}.yaml']))
        items.append(('Public Question Time', 'To receive any questions from members of the public.', []))
        for _ in range(2):
            if reports == n_reports:
                break
            number = len(items) + 1
            title = f'{r.choice(TOPICS[topic][0])}: {r.choice(["update", "annual report", "progress report", "proposals"])}'
            appendix = None
            if r.random() < 0.4:
                appendix = plans[free.pop()][0]
                used.add(appendix)
            rid = f'{slug}-{date.isoformat()}-item-{number}'
            with open(os.path.join(root, 'reports', f'{rid}.yaml'), 'w') as f:
                f.write(report(w, topic, title, committee, date, number, appendix))
            items.append((title, f'The report of the {r.choice(ROLES)} is attached.', [f'reports/{rid}.yaml']))
            reports += 1
        if m % 2 == 0:
            p = plans[free.pop()][0]
            used.add(p)
            items.append(('Action plan', 'The plan is attached for members to scrutinise.', [p]))
        nxt = date + datetime.timedelta(days=56)
        items.append(('Date of Next Meeting', f'The next meeting will be held on {nxt.day} {MONTHS[nxt.month - 1]} {nxt.year} at 10.00am.', []))
        lines = ['kind: meeting', f'committee: {committee}', f'date: {uk(date)}', 'time: 10.00 am',
                 'venue: Shrewsbury Room, Shirehall, Abbey Foregate, Shrewsbury, SY2 6ND',
                 f'issued: {uk(date - datetime.timedelta(days=8))}', 'summoned_by:']
        lines += officer(w, 'Head of Legal and Democratic Services (Monitoring Officer)')[:2]
        lines.append('officer:')
        lines += officer(w, 'Committee Officer')
        lines.append('members:')
        lines += [f'  - {{name: {members[0]}, role: Chair}}', f'  - {{name: {members[1]}, role: Vice-Chair}}']
        lines += [f'  - {p}' for p in members[2:]]
        lines.append('items:')
        for i, (title, text, papers) in enumerate(items):
            lines += [f'  - number: {i + 1}', f'    title: {quote(title)}', f'    text: {quote(text)}']
            if papers:
                lines.append('    papers: [' + ', '.join(papers) + ']')
        with open(os.path.join(root, 'meetings', f'{mid}.yaml'), 'w') as f:
            f.write('\n'.join(lines) + '\n')

    for path, topic, size, year in plans:
        with open(os.path.join(root, path), 'w') as f:
            f.write(plan(w, path, topic, size, year, path in used))


if __name__ == '__main__':
    main()
