"""Plain data classes for documents and spans, JSON-serialisable.

Invariant everywhere: ``span.text == document.text[span.start:span.end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NewType

LABELS: tuple[str, ...] = ("PERSON", "PLACE", "DATE", "COUNT", "ORG")
# The headline score is over the four mission types; ORG is reported on its own line.
MISSION_LABELS: tuple[str, ...] = ("PERSON", "PLACE", "DATE", "COUNT")
# A language code: a component setting of this type is checked against the languages there
# are (pipeline.languages).
LanguageCode = NewType("LanguageCode", str)


@dataclass
class Span:
    start: int
    end: int
    label: str
    text: str
    norm: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    score: float = 1.0
    # Gold only: the real-world entity a PERSON, PLACE or ORG mention refers to.
    cluster: str | None = None
    # What the proposing component read (a typed reading of pipeline.grammar), so that the
    # normaliser need not read the span again. Not part of the output.
    reading: Any = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(
        cls,
        doc_text: str,
        start: int,
        end: int,
        label: str,
        source: str = "",
        score: float = 1.0,
        norm: dict[str, Any] | None = None,
    ) -> Span:
        """Build a span whose ``text`` is sliced from the document, so it can never drift."""
        return cls(start, end, label, doc_text[start:end], dict(norm or {}), source, score)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "text": self.text,
            "norm": self.norm,
            "source": self.source,
            "score": round(float(self.score), 4),
        }
        if self.cluster is not None:
            out["cluster"] = self.cluster
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            label=str(data["label"]),
            text=str(data.get("text", "")),
            norm=dict(data.get("norm") or {}),
            source=str(data.get("source", "")),
            score=float(data.get("score", 1.0)),
            cluster=data.get("cluster"),
        )

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass
class Document:
    id: str
    text: str
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    entities: list[Span] = field(default_factory=list)
    # A document in several languages: its stretches, [{"start", "end", "lang"}], in order.
    langs: list[dict[str, Any]] | None = None
    # Views of the text the components share, computed once (pipeline.layers); not output,
    # not compared, not pickled.
    layers: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["layers"] = {}
        return state

    def to_output(self) -> dict[str, Any]:
        """The output record of the I/O contract: id, lang, entities (in text order), and
        ``langs`` for a document in several languages, ``meta.date_inferred`` when the
        document date was read from the text."""
        ents = sorted(self.entities, key=lambda s: (s.start, s.end))
        out: dict[str, Any] = {"id": self.id, "lang": self.lang}
        if self.langs:
            out["langs"] = self.langs
        out["entities"] = [s.to_dict() for s in ents]
        if self.meta.get("date_inferred"):
            out["meta"] = {"date_inferred": self.meta["date_inferred"]}
        return out
