#!/usr/bin/env python3
"""make_plan.py N DIR - writes a synthetic plan of N actions (DIR/plans/bench-N.yaml)
whose texts are like the seeds' (a sentence or two of action, outcome, a paragraph
of progress), and DIR/bench-N.txt with the texts of every cell of its action
tables, one per line and nine a row, for the bare pango/cairo program to lay
out. Deterministic: the same N, the same files."""
import os
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
rng = random.Random(n)
words = ("care leavers pathway plan young people support placement foster carers "
         "social workers audit quality assurance framework outcome focused review "
         "accommodation housing education employment training corporate parenting "
         "panel report council team manager personal advisers service delivery").split()


def sentence(k):
    w = [rng.choice(words) for _ in range(k)]
    return ' '.join(w).capitalize() + '.'


def para(sentences, lo, hi):
    return ' '.join(sentence(rng.randint(lo, hi)) for _ in range(sentences))


os.makedirs(os.path.join(out, 'plans'), exist_ok=True)
texts = []
lines = [f"kind: plan", f"title: Benchmark plan of {n} actions", "organisation: Bench Council",
         "theme_label: Recommendation", "themes:"]
per_theme = 20
for t in range((n + per_theme - 1) // per_theme):
    lines += [f'  - ref: "{t + 1}"', f"    title: {sentence(12)}", "    actions:"]
    for a in range(min(per_theme, n - t * per_theme)):
        action, outcome, progress = para(1, 10, 25), para(1, 10, 20), para(3, 12, 22)
        rag = rng.choice(['green', 'amber', 'red', 'blue'])
        texts += [f"{t + 1}.{a + 1}", action, outcome, "Audit", "Elaine Storey Tracie Watson",
                  "01/05/2018", progress, rag.capitalize(), "Complete"]
        lines += [f'      - ref: "{t + 1}.{a + 1}"',
                  f"        action: {action}",
                  f"        outcome: {outcome}",
                  f"        measure: Audit",
                  f"        leads: [Elaine Storey, Tracie Watson]",
                  f"        due: 01/05/2018",
                  f"        progress: {progress}",
                  f"        status: complete",
                  f"        rag: {rag}"]
with open(os.path.join(out, 'plans', f'bench-{n}.yaml'), 'w') as f:
    f.write('\n'.join(lines) + '\n')
with open(os.path.join(out, f'bench-{n}.txt'), 'w') as f:
    f.write('\n'.join(texts) + '\n')
