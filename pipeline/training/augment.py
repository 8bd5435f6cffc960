"""Training-row augmentation: what written news has and KazNERD's television sentences lack.

KazNERD is transcribed TV news: short sentences, no headlines in capitals, few quoted
names. Written news has all-caps headlines and bylines, guillemets around organisation
names, and paragraphs that run several sentences on one line. Each kind adds a fraction
of the training rows, transformed, to the training data (never to dev or held-out):

- ``upper``: a row in capitals (tags unchanged): ``ҚАЗАҚ – ҚЫТАЙ ҚАРЫМ-ҚАТЫНАСЫ``;
- ``quotes``: each ORG of a row put between ``«`` and ``»`` (two O tokens added);
- ``join``: two or three rows made one (a long line of text).

Deterministic for a seed; the original rows are kept as they are.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

from pipeline.training.config import AUGMENT_KINDS as KINDS
from pipeline.training.data import Rows


def _upper(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    return [t.upper() for t in tokens], list(tags)


def _quotes(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]] | None:
    out_t: list[str] = []
    out_g: list[str] = []
    changed = False
    i = 0
    while i < len(tokens):
        if tags[i] == "B-ORG":
            j = i + 1
            while j < len(tokens) and tags[j] == "I-ORG":
                j += 1
            out_t += ["«", *tokens[i:j], "»"]
            out_g += ["O", *tags[i:j], "O"]
            changed = True
            i = j
            continue
        out_t.append(tokens[i])
        out_g.append(tags[i])
        i += 1
    return (out_t, out_g) if changed else None


def augment_rows(rows: Rows, fractions: Mapping[str, float], seed: int) -> Rows:
    """``rows`` plus the augmented rows that ``fractions`` ask for (kind -> fraction)."""
    rng = random.Random(f"augment:{seed}")
    extra = Rows()
    n = len(rows)
    for kind in KINDS:
        share = float(fractions.get(kind, 0.0))
        if share <= 0 or n == 0:
            continue
        picks = sorted(rng.sample(range(n), min(n, round(share * n))))
        for k, i in enumerate(picks):
            tokens, tags = list(rows.tokens[i]), list(rows.tags[i])
            if kind == "upper":
                made: tuple[list[str], list[str]] | None = _upper(tokens, tags)
            elif kind == "quotes":
                made = _quotes(tokens, tags)
            else:
                others = [rng.randrange(n) for _ in range(rng.choice((1, 2)))]
                made = (
                    tokens + [t for o in others for t in rows.tokens[o]],
                    tags + [g for o in others for g in rows.tags[o]],
                )
            if made is None:
                continue
            extra.ids.append(f"{rows.ids[i]}#{kind}{k}")
            extra.tokens.append(made[0])
            extra.tags.append(made[1])
            extra.doc_ids.append(rows.doc_ids[i])
    return rows + extra
