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

from bisect import bisect_left
from collections.abc import Iterable, Mapping

from pipeline.types import Span


def merge_spans(
    spans: Iterable[Span],
    policy: str = "priority",
    order: list[str] | None = None,
    rank: Mapping[str, int] | None = None,
) -> list[Span]:
    """``rank`` (source → rank, lower wins; sources may share one) replaces ``order``."""
    if rank is None:
        rank = {name: i for i, name in enumerate(order or [])}

    last = max(rank.values(), default=-1) + 1

    def priority(s: Span) -> int:
        return rank.get(s.source, last)

    keys = {
        "priority": lambda s: (priority(s), -len(s), -s.score, s.start),
        "score": lambda s: (-s.score, priority(s), -len(s), s.start),
        "longest": lambda s: (-len(s), priority(s), -s.score, s.start),
    }
    if policy not in keys:
        raise ValueError(f"unknown merge policy '{policy}'")
    # Accepted spans never overlap, so kept sorted by start their ends are sorted too: a
    # candidate overlaps one of them iff the last accepted span starting before its end
    # ends after its start (a binary search instead of a scan of all of them).
    accepted: list[Span] = []
    starts: list[int] = []
    for cand in sorted(spans, key=keys[policy]):
        if len(cand) <= 0:
            continue
        i = bisect_left(starts, cand.end) - 1
        if i >= 0 and accepted[i].end > cand.start:
            continue
        accepted.insert(i + 1, cand)
        starts.insert(i + 1, cand.start)
    return accepted
