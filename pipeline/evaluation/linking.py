"""Scores for cross-document entity linking: B-cubed and pairwise precision, recall, F1.

Scored over the gold PERSON, PLACE and ORG mentions that carry a ``cluster`` id. A gold
mention that the predicted entities do not contain counts as a predicted singleton;
predicted mentions that are not gold mentions are ignored (span errors are scored
elsewhere).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

Mention = tuple[str, int, int]  # document id, start, end


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def link_scores(gold: dict[Mention, str], pred: dict[Mention, str]) -> dict[str, Any]:
    """``gold`` and ``pred`` map each mention to its cluster id."""
    mentions = list(gold)
    if not mentions:
        return {"mentions": 0}
    pred_full = {m: pred.get(m, f"__singleton__{i}") for i, m in enumerate(mentions)}
    g_members: dict[str, set[Mention]] = defaultdict(set)
    p_members: dict[str, set[Mention]] = defaultdict(set)
    for m in mentions:
        g_members[gold[m]].add(m)
        p_members[pred_full[m]].add(m)
    bp = br = 0.0
    for m in mentions:
        g, p = g_members[gold[m]], p_members[pred_full[m]]
        inter = len(g & p)
        bp += inter / len(p)
        br += inter / len(g)
    bp, br = bp / len(mentions), br / len(mentions)

    def pairs(members: Iterable[set[Mention]]) -> set[frozenset[Mention]]:
        return {frozenset(pair) for group in members for pair in combinations(sorted(group), 2)}

    gp, pp = pairs(g_members.values()), pairs(p_members.values())
    inter = len(gp & pp)
    pw_p = inter / len(pp) if pp else (1.0 if not gp else 0.0)
    pw_r = inter / len(gp) if gp else 1.0
    return {
        "mentions": len(mentions),
        "gold_clusters": len(g_members),
        "pred_clusters": len(p_members),
        "bcubed": {"precision": bp, "recall": br, "f1": _f(bp, br)},
        "pairwise": {
            "precision": pw_p,
            "recall": pw_r,
            "f1": _f(pw_p, pw_r),
            "gold_pairs": len(gp),
            "pred_pairs": len(pp),
        },
    }


def score_linking(gold_docs: list[Any], entity_records: list[dict[str, Any]]) -> dict[str, Any]:
    """Linking scores of ``link`` output against the gold ``cluster`` ids."""
    gold: dict[Mention, str] = {}
    for doc in gold_docs:
        for s in doc.entities:
            cluster = getattr(s, "cluster", None)
            if cluster:
                gold[(doc.id, s.start, s.end)] = cluster
    pred = {
        (m["doc"], m["start"], m["end"]): r["id"] for r in entity_records for m in r["mentions"]
    }
    return link_scores(gold, pred)
