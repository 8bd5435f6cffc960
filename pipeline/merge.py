"""Resolve overlapping proposals into a set of non-overlapping spans.

Policies (``merge.policy`` in the config):
- ``priority``: the component listed earlier in ``merge.order`` wins; then the longer
  span, then the higher score.
- ``score``: the higher score wins; then priority, then length.
- ``longest``: the longer span wins; then priority, then score.
Candidates are ranked by the policy's key and accepted greedily; a candidate that
overlaps an accepted span is dropped. Identical spans are deduplicated first.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.types import Span


def merge_spans(
    spans: Iterable[Span], policy: str = "priority", order: list[str] | None = None
) -> list[Span]:
    order = order or []
    rank = {name: i for i, name in enumerate(order)}

    def priority(s: Span) -> int:
        return rank.get(s.source, len(rank))

    keys = {
        "priority": lambda s: (priority(s), -len(s), -s.score, s.start),
        "score": lambda s: (-s.score, priority(s), -len(s), s.start),
        "longest": lambda s: (-len(s), priority(s), -s.score, s.start),
    }
    if policy not in keys:
        raise ValueError(f"unknown merge policy '{policy}'")
    accepted: list[Span] = []
    for cand in sorted(spans, key=keys[policy]):
        if len(cand) <= 0:
            continue
        if any(cand.overlaps(a) for a in accepted):
            continue
        accepted.append(cand)
    return sorted(accepted, key=lambda s: (s.start, s.end))
