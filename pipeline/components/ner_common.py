"""Pieces shared by the statistical NER backends (spaCy, stanza, transformers).

Every backend ends the same way: one tag per *project* token (the tokens handed to
``propose``), decoded here into spans whose offsets come from those tokens, so
``span.text == doc.text[span.start:span.end]`` holds by construction.

Tag schemes understood by :func:`tags_to_spans`: every scheme :mod:`pipeline.iob` decodes
(IOB2, IOB1, BIOES, BILOU, bare IO types).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.errors import PipelineError
from pipeline.iob import tags_to_chunks
from pipeline.spans import clean_spans
from pipeline.types import LABELS, Span

# Model label -> project label. Model labels not listed here (MISC, NORP, ...) are dropped.
DEFAULT_LABEL_MAP: dict[str, str] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "LOCATION": "PLACE",
    "PLACE": "PLACE",
    "DATE": "DATE",
    "CARDINAL": "COUNT",
    "COUNT": "COUNT",
    "ORG": "ORG",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
}

_SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {'"', "»", "”", "’", "'", ")", "]", "}"}


def build_label_map(label_map: Mapping[str, Any] | None, component: str = "ner") -> dict[str, str]:
    """Defaults plus the config's ``label_map`` (which wins); keys are case-insensitive.

    A value of ``null``, ``""`` or ``"O"`` drops that model label. Any other value must be
    one of the project labels.
    """
    merged: dict[str, str | None] = dict(DEFAULT_LABEL_MAP)
    for key, value in (label_map or {}).items():
        target = None if value in (None, "", "O") else str(value)
        if target is not None and target not in LABELS:
            raise PipelineError(
                f"{component}: label_map[{key!r}] = {value!r} is not a project label; "
                f"allowed: {', '.join(LABELS)} (or null to drop it)"
            )
        merged[str(key).upper()] = target
    return {k: v for k, v in merged.items() if v is not None}


def tags_to_spans(
    text: str,
    tokens: Sequence[Any],
    tags: Sequence[str],
    label_map: Mapping[str, str],
    source: str = "",
    score: float = 1.0,
    token_scores: Sequence[float] | None = None,
) -> list[Span]:
    """Decode one tag per project token into spans with the tokens' exact char offsets.

    Decoding is lenient: an ``I-``/``E-`` tag after ``O`` or after another type opens an
    entity (IOB1 style), a ``B-``/``S-`` tag always opens one. Model types are mapped with
    ``label_map`` (case-insensitive); unmapped types are dropped. With ``token_scores`` a
    span's score is the mean over its tokens, otherwise ``score``. Edges are cleaned with
    :func:`pipeline.spans.clean_spans`.
    """
    if len(tags) != len(tokens):
        raise ValueError(f"{len(tags)} tags for {len(tokens)} tokens")
    spans: list[Span] = []
    for first, end, etype in tags_to_chunks(tags):
        label = label_map.get(etype.upper())
        if label is None:
            continue
        if token_scores is not None:
            value = sum(token_scores[first:end]) / (end - first)
        else:
            value = score
        spans.append(
            Span.from_text(
                text, tokens[first].start, tokens[end - 1].end, label, source, float(value)
            )
        )
    # A tagged token may be only a format character (U+FEFF, U+200D) or end before a
    # combining mark: edges on visible character boundaries, empty spans dropped.
    return clean_spans(text, spans)


def spaces_after(text: str, tokens: Sequence[Any]) -> list[bool]:
    """For each token, whether whitespace follows it (for ``spacy.tokens.Doc(spaces=...)``)."""
    out = []
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1].start if i + 1 < len(tokens) else len(text)
        out.append(nxt > tok.end and text[tok.end : nxt].isspace())
    return out


def sentence_groups(text: str, tokens: Sequence[Any], max_tokens: int = 200) -> list[list[int]]:
    """Split project tokens into sentences: lists of token indices, in order, covering all.

    A sentence ends after sentence-final punctuation (plus any closing quotes/brackets
    right after it), before a line break in the text, or after ``max_tokens`` tokens.
    """
    groups: list[list[int]] = []
    current: list[int] = []
    n = len(tokens)
    for i, tok in enumerate(tokens):
        current.append(i)
        if i + 1 == n:
            break
        nxt = tokens[i + 1]
        gap = text[tok.end : nxt.start]
        ends = tok.text in _SENTENCE_END and nxt.text not in _CLOSERS
        ends = ends or (tok.text in _CLOSERS and _ends_sentence(tokens, i))
        if "\n" in gap or ends or len(current) >= max_tokens:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def token_windows(text: str, tokens: Sequence[Any], max_tokens: int) -> list[range]:
    """Consecutive runs of whole sentences of at most ``max_tokens`` tokens (a longer
    sentence is cut), covering all tokens in order: a very long document goes through a
    model a window at a time, so that memory stays bounded. One window when it fits."""
    if len(tokens) <= max_tokens:
        return [range(len(tokens))]
    windows: list[range] = []
    start = end = 0
    for group in sentence_groups(text, tokens, min(200, max_tokens)):
        if group[-1] + 1 - start > max_tokens and end > start:
            windows.append(range(start, end))
            start = end
        end = group[-1] + 1
    windows.append(range(start, end))
    return windows


def _ends_sentence(tokens: Sequence[Any], i: int) -> bool:
    """A closer ends a sentence when it follows sentence-final punctuation (``. »``)."""
    j = i
    while j >= 0 and tokens[j].text in _CLOSERS:
        j -= 1
    return j >= 0 and tokens[j].text in _SENTENCE_END and tokens[i + 1].text not in _CLOSERS


def missing_model_message(backend: str, lang: str, where: str, how: str) -> str:
    """One message format for every backend: what is missing, for which language, and how to fix."""
    return f"{backend} model for language '{lang}' not found at '{where}'. {how}"


def first_line(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line, for appending to a one-line user-facing error."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."
