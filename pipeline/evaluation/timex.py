"""TempEval-3 Task A scoring of temporal expressions (TIMEX3): extraction and normalisation.

As in the task's official scorer (UzZaman et al. 2013): system and gold expressions are
paired one to one by overlap (a relaxed match; identical offsets are also a strict match);
strict and relaxed precision, recall and F1; type and value accuracy over relaxed matches;
type and value F1 = 2 x (relaxed matches with the right attribute) / (system + gold).

The project's DATE spans map to TimeML types by their ``norm.type``: ``date`` -> DATE,
``duration`` and ``age`` -> DURATION, ``set`` -> SET, ``time`` -> TIME.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

TIMEML_TYPES = {"date": "DATE", "duration": "DURATION", "age": "DURATION", "set": "SET"}
TIMEML_TYPES["time"] = "TIME"


@dataclass(frozen=True)
class Timex:
    """One temporal expression: character span, TimeML type and TIMEX3 value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class TimexCounts:
    """Counts over a set of documents, from which every figure is computed."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    wrong_values: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: TimexCounts) -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false_alarms += other.false_alarms
        self.wrong_values += other.wrong_values

    def figures(self) -> dict[str, float | int]:
        """Precision, recall, F1 (strict and relaxed), type/value accuracy and F1."""

        def f1(hits: int) -> float:
            total = self.system + self.gold
            return 2 * hits / total if total else 0.0

        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "gold": self.gold,
            "system": self.system,
            "strict_precision": ratio(self.strict, self.system),
            "strict_recall": ratio(self.strict, self.gold),
            "strict_f1": f1(self.strict),
            "relaxed_precision": ratio(self.relaxed, self.system),
            "relaxed_recall": ratio(self.relaxed, self.gold),
            "relaxed_f1": f1(self.relaxed),
            "type_accuracy": ratio(self.type_ok, self.relaxed),
            "value_accuracy": ratio(self.value_ok, self.relaxed),
            "type_f1": f1(self.type_ok),
            "value_f1": f1(self.value_ok),
        }


def pair_by_overlap(gold: Sequence[Timex], system: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping expressions.

    Identical spans pair first, then the remaining overlaps in text order, each expression
    at most once (the official scorer's greedy pairing).
    """
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_s: set[int] = set()
    exact = {(t.start, t.end): k for k, t in enumerate(system)}
    for g, t in enumerate(gold):
        s = exact.get((t.start, t.end))
        if s is not None and s not in used_s:
            pairs.append((g, s))
            used_g.add(g)
            used_s.add(s)
    for g, t in enumerate(gold):
        if g in used_g:
            continue
        for s, u in enumerate(system):
            if s not in used_s and u.start < t.end and t.start < u.end:
                pairs.append((g, s))
                used_g.add(g)
                used_s.add(s)
                break
    return pairs


def score_document(doc_id: str, gold: Sequence[Timex], system: Sequence[Timex]) -> TimexCounts:
    """The counts of one document, with its errors listed for reading."""
    counts = TimexCounts(gold=len(gold), system=len(system))
    pairs = pair_by_overlap(gold, system)
    for g, s in pairs:
        t, u = gold[g], system[s]
        counts.relaxed += 1
        counts.strict += (t.start, t.end) == (u.start, u.end)
        counts.type_ok += t.type == u.type
        if t.value == u.value:
            counts.value_ok += 1
        else:
            counts.wrong_values.append(
                {"doc": doc_id, "gold": [t.text, t.type, t.value], "system": [u.text, u.value]}
            )
    matched_g = {g for g, _ in pairs}
    matched_s = {s for _, s in pairs}
    counts.misses = [
        {"doc": doc_id, "text": t.text, "type": t.type, "value": t.value}
        for g, t in enumerate(gold)
        if g not in matched_g
    ]
    counts.false_alarms = [
        {"doc": doc_id, "text": u.text, "value": u.value}
        for s, u in enumerate(system)
        if s not in matched_s
    ]
    return counts


def without_type(
    gold: Sequence[Timex], system: Sequence[Timex], dropped: str = "TIME"
) -> tuple[list[Timex], list[Timex]]:
    """Leave one gold type out, with the system expressions that overlap only such gold ones.

    Used for the figures without clock times (the project's spec leaves them out of DATE):
    neither the gold TIME nor a system expression that would have matched one counts.
    """
    kept = [t for t in gold if t.type != dropped]
    gone = [t for t in gold if t.type == dropped]
    system_kept = [
        u
        for u in system
        if not any(u.start < t.end and t.start < u.end for t in gone)
        or any(u.start < t.end and t.start < u.end for t in kept)
    ]
    return kept, system_kept


def split_ids(ids: Iterable[str], heldout: float, seed: int) -> tuple[list[str], list[str]]:
    """(development ids, held-out ids): a fixed share of documents drawn by ``seed``."""
    ordered = sorted(set(ids))
    k = round(len(ordered) * heldout)
    held = set(random.Random(seed).sample(ordered, k))
    return [i for i in ordered if i not in held], [i for i in ordered if i in held]
