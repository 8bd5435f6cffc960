"""Tags over tokens: one place that splits, decodes and encodes them.

Decoding understands IOB2 (``B-``/``I-``), IOB1, BIOES (``B-``/``I-``/``E-``/``S-``), BILOU
(``B-``/``I-``/``L-``/``U-``) and bare IO types (``PER``); ``_`` is accepted as well as
``-`` after the prefix (``B_PER``), and ``O``, ``-``, ``_`` or an empty tag are outside.
Decoding is lenient: an ``I-``/``E-`` tag after ``O`` or after another type opens an
entity (IOB1 style), a ``B-``/``S-`` tag always opens one. Encoding writes IOB2 (or BIOES
for stanza). An entity is a *chunk* ``(first token, last token + 1, type)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.types import LABELS

Chunk = tuple[int, int, str]

_BEGIN = frozenset("BSU")  # opens an entity
_SINGLE = frozenset("SU")  # opens and closes
_END = frozenset("EL")  # closes after this token


def split_tag(tag: str) -> tuple[str, str | None]:
    """``"B-PER"`` -> ``("B", "PER")``; ``"O"`` -> ``("O", None)``; ``"PER"`` -> ``("I", "PER")``."""
    tag = (tag or "").strip()
    if tag in ("", "O", "-", "_"):
        return "O", None
    if len(tag) > 2 and tag[1] in "-_" and tag[0].upper() in "BIESLU":
        return tag[0].upper(), tag[2:]
    return "I", tag  # IO scheme: a bare type


def tags_to_chunks(tags: Sequence[str]) -> list[Chunk]:
    """The entities of a tag sequence in any of the schemes above, in order."""
    chunks: list[Chunk] = []
    cur: list | None = None  # [first, end, type]
    for i, tag in enumerate(tags):
        prefix, etype = split_tag(tag)
        if etype is None:
            if cur:
                chunks.append((cur[0], cur[1], cur[2]))
            cur = None
            continue
        if prefix in _BEGIN or cur is None or cur[2] != etype:
            if cur:
                chunks.append((cur[0], cur[1], cur[2]))
            cur = [i, i + 1, etype]
        else:
            cur[1] = i + 1
        if prefix in _SINGLE or prefix in _END:
            chunks.append((cur[0], cur[1], cur[2]))
            cur = None
    if cur:
        chunks.append((cur[0], cur[1], cur[2]))
    return chunks


def chunks_to_tags(n: int, chunks: Iterable[Chunk]) -> list[str]:
    """IOB2 tags for ``n`` tokens from ``(first, end, type)`` chunks."""
    tags = ["O"] * n
    for first, end, etype in chunks:
        tags[first] = f"B-{etype}"
        for i in range(first + 1, end):
            tags[i] = f"I-{etype}"
    return tags


def to_iob2(tags: Sequence[str]) -> list[str]:
    """Any scheme as valid IOB2 (an ``I-X`` that opens an entity becomes ``B-X``)."""
    return chunks_to_tags(len(tags), tags_to_chunks(tags))


def to_bioes(tags: Sequence[str]) -> list[str]:
    """Any scheme as BIOES (``S-`` for one-token entities, ``E-`` on the last token)."""
    out = ["O"] * len(tags)
    for first, end, label in tags_to_chunks(tags):
        if end - first == 1:
            out[first] = f"S-{label}"
            continue
        out[first] = f"B-{label}"
        for i in range(first + 1, end - 1):
            out[i] = f"I-{label}"
        out[end - 1] = f"E-{label}"
    return out


def continue_tag(previous: str) -> tuple[str, str]:
    """Tags for a token that shares its first sub-word with the token before it.

    Returns ``(new previous tag, this token's tag)`` so that both land in one entity:
    ``S-X`` -> ``(B-X, E-X)``, ``E-X`` -> ``(I-X, E-X)``, ``B-X``/``I-X`` -> ``(same, I-X)``.
    """
    prefix, etype = split_tag(previous)
    if etype is None:
        return previous, "O"
    if prefix in _SINGLE:
        return f"B-{etype}", f"E-{etype}"
    if prefix in _END:
        return f"I-{etype}", f"E-{etype}"
    return previous, f"I-{etype}"


def iob2_names(labels: Sequence[str] = LABELS) -> list[str]:
    """Every IOB2 tag of ``labels``: ``O`` then ``B-X``, ``I-X`` for each label in order."""
    names = ["O"]
    for lab in labels:
        names += [f"B-{lab}", f"I-{lab}"]
    return names


def tokens_within(offsets: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    """Indices of the tokens (character offsets) that lie inside ``[start, end)``."""
    return [i for i, (ts, te) in enumerate(offsets) if ts >= start and te <= end]


def spans_to_tags(offsets: Sequence[tuple[int, int]], spans: Iterable) -> list[str]:
    """IOB2 tags for tokens given by character offsets: a token inside a span (anything
    with ``start``, ``end``, ``label``) gets ``B-`` (the first) or ``I-`` (the rest)."""
    tags = ["O"] * len(offsets)
    for span in sorted(spans, key=lambda s: s.start):
        for k, i in enumerate(tokens_within(offsets, span.start, span.end)):
            tags[i] = ("B-" if k == 0 else "I-") + span.label
    return tags


def keep_labels(tags: Sequence[Sequence[str]], labels: Iterable[str]) -> list[list[str]]:
    """Tag sequences with every entity of a type not in ``labels`` turned into ``O``."""
    keep = set(labels)
    return [[t if t == "O" or t[2:] in keep else "O" for t in seq] for seq in tags]
