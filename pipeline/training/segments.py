"""Documents with character spans as tokens and IOB2 tags (and back to offsets).

The tokens are the project tokenizer's (``pipeline.tokenize``), split further at every
span boundary that falls inside one, so that every span covers whole tokens. Every
format writer and the training sources share these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.iob import Chunk, chunks_to_tags, tokens_within
from pipeline.tokenize import tokenize
from pipeline.training.source_documents import problem_of
from pipeline.types import Document, Span


def token_offsets(text: str, lang: str | None, spans: Iterable[Span] = ()) -> list[tuple[int, int]]:
    """Project-tokenizer offsets of ``text``, split further at every span boundary."""
    cuts: set[int] = set()
    for s in spans:
        cuts.add(s.start)
        cuts.add(s.end)
    out: list[tuple[int, int]] = []
    for tok in tokenize(text, lang):
        start = tok.start
        for c in sorted(c for c in cuts if tok.start < c < tok.end):
            out.append((start, c))
            start = c
        out.append((start, tok.end))
    return out


@dataclass
class Segment:
    text: str
    offset: int  # of ``text`` in the document
    offsets: list[tuple[int, int]]  # token offsets in the document
    tokens: list[str]
    tags: list[str]
    spans: list[Span] = field(default_factory=list)


def doc_segments(
    doc: Document, by_line: bool = True, keep_empty: bool = False, lang: str | None = None
) -> list[Segment]:
    """Tokens and IOB2 tags of a document, one segment per text line (or one in all).

    Lines are cut at ``\\n`` only where no entity crosses the cut. A span that does not
    cover whole tokens after splitting (it cannot happen with the splitting) is an error.
    """
    text = doc.text
    spans = sorted(doc.entities, key=lambda s: (s.start, s.end))
    offsets = token_offsets(text, lang or doc.lang, spans)
    bounds: list[tuple[int, int]] = []
    if by_line:
        start = 0
        for i, ch in enumerate(text):
            if ch == "\n" and not any(s.start < i < s.end for s in spans):
                bounds.append((start, i))
                start = i + 1
        bounds.append((start, len(text)))
    else:
        bounds.append((0, len(text)))
    segments: list[Segment] = []
    ti = 0
    for bs, be in bounds:
        seg_offsets: list[tuple[int, int]] = []
        while ti < len(offsets) and offsets[ti][1] <= be:
            seg_offsets.append(offsets[ti])
            ti += 1
        seg_spans = [s for s in spans if bs <= s.start and s.end <= be]
        taken = [False] * len(seg_offsets)
        chunks: list[Chunk] = []
        for s in seg_spans:
            idx = tokens_within(seg_offsets, s.start, s.end)
            if (
                not idx
                or seg_offsets[idx[0]][0] != s.start
                or seg_offsets[idx[-1]][1] != s.end
                or idx != list(range(idx[0], idx[-1] + 1))
            ):
                raise problem_of(doc, f"span [{s.start}, {s.end}) {s.text!r} is not on tokens")
            if any(taken[k] for k in idx):
                raise problem_of(doc, f"span [{s.start}, {s.end}) {s.text!r} overlaps another")
            for k in idx:
                taken[k] = True
            chunks.append((idx[0], idx[-1] + 1, s.label))
        tags = chunks_to_tags(len(seg_offsets), chunks)
        if seg_offsets or keep_empty:
            segments.append(
                Segment(
                    text=text[bs:be],
                    offset=bs,
                    offsets=seg_offsets,
                    tokens=[text[s:e] for s, e in seg_offsets],
                    tags=tags,
                    spans=seg_spans,
                )
            )
    return segments


def align_tokens(text: str, tokens: Sequence[str]) -> list[tuple[int, int]] | None:
    """Offsets of ``tokens`` found in order in ``text`` (only whitespace between), or None."""
    pos = 0
    out: list[tuple[int, int]] = []
    for tok in tokens:
        idx = text.find(tok, pos)
        if idx < 0 or text[pos:idx].strip():
            return None
        out.append((idx, idx + len(tok)))
        pos = idx + len(tok)
    return out
