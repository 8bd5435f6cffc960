"""What happens to annotations between reading and writing (``convert``, training sources).

Three checks, each a pure function over documents that returns what it changed:

* **Overlaps**: the project's scheme has no nesting, and IOB2, spaCy and ``datasets``
  cannot hold two spans over one token. Of two overlapping spans the longer is kept (the
  earlier one when they are equally long) and the other is dropped and reported, one line
  each naming file, line, id and both spans.
* **Labels**: with a label map, a label is mapped; one the map does not name is kept only
  if it is a project label. Everything else (KazNERD's MONEY, NORP, ...) is dropped and
  counted by label.
* **Language**: a record without ``lang`` gets the one given (``--lang``) or, failing
  that, the one detected from its text (:func:`detect`: :mod:`pipeline.langid`, then the
  script when the detector cannot tell); a record whose language cannot be told, or that
  reads as a language the project does not handle, keeps ``null`` and is reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.langid import detect_language
from pipeline.languages import known as known_language
from pipeline.training.source_documents import problem_of
from pipeline.types import LABELS, Document, Span


@dataclass
class Changes:
    """What the checks changed, for the summary line and the per-problem lines."""

    problems: list[str] = field(default_factory=list)  # one line each
    overlaps_dropped: int = 0
    labels_dropped: Counter = field(default_factory=Counter)  # source label -> count
    lang_given: int = 0
    lang_detected: Counter = field(default_factory=Counter)  # language -> records
    lang_unknown: int = 0

    def summary(self) -> str:
        parts = []
        if self.overlaps_dropped:
            parts.append(f"{self.overlaps_dropped} overlapping spans dropped (the longer kept)")
        if self.labels_dropped:
            n = sum(self.labels_dropped.values())
            labels = ", ".join(f"{k} {v}" for k, v in sorted(self.labels_dropped.items()))
            parts.append(f"{n} entities with non-project labels dropped ({labels})")
        if self.lang_given:
            parts.append(f"lang given to {self.lang_given} records")
        if self.lang_detected:
            langs = ", ".join(f"{k} {v}" for k, v in sorted(self.lang_detected.items()))
            parts.append(f"lang detected for {sum(self.lang_detected.values())} ({langs})")
        if self.lang_unknown:
            parts.append(f"{self.lang_unknown} records without a language")
        return "; ".join(parts)


def _where(doc: Document, message: str) -> str:
    return str(problem_of(doc, message))


def _span(s: Span) -> str:
    return f"[{s.start},{s.end}) {s.text!r} {s.label}"


def drop_overlaps(docs: Sequence[Document], changes: Changes) -> list[Document]:
    """Documents whose spans do not overlap: the longer of two is kept, see the module doc."""
    out = []
    for doc in docs:
        ranked = sorted(doc.entities, key=lambda s: (-(s.end - s.start), s.start, s.end))
        kept: list[Span] = []
        for s in ranked:
            other = next((k for k in kept if k.overlaps(s)), None)
            if other is None:
                kept.append(s)
                continue
            changes.overlaps_dropped += 1
            changes.problems.append(
                _where(doc, f"span {_span(s)} overlaps {_span(other)}: kept the longer, dropped it")
            )
        kept.sort(key=lambda s: (s.start, s.end))
        out.append(replace(doc, entities=kept) if len(kept) != len(doc.entities) else doc)
    return out


def map_label(
    label: str, label_map: dict[str, str | None] | None, labels: Sequence[str] = LABELS
) -> str | None:
    """The project label for a source label, or None (dropped)."""
    if label_map is not None and label in label_map:
        target = label_map[label]
    else:
        target = label if label in LABELS else None
    return target if target in labels else None


def apply_label_map(
    docs: Sequence[Document], label_map: dict[str, str | None] | None, changes: Changes
) -> list[Document]:
    """Labels mapped by ``label_map`` (None: unchanged); unmapped non-project labels dropped."""
    if label_map is None:
        return list(docs)
    out = []
    for doc in docs:
        ents = []
        for s in doc.entities:
            target = map_label(s.label, label_map)
            if target is None:
                changes.labels_dropped[s.label] += 1
                continue
            ents.append(replace(s, label=target))
        out.append(replace(doc, entities=ents))
    return out


# The script each supported language is written in (Kazakh here is Cyrillic Kazakh).
SCRIPTS = {"kk": "cyrillic", "en": "latin"}


def script_of(text: str) -> str | None:
    """``cyrillic`` or ``latin`` when most of the text's letters are, else None."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    latin = sum(1 for c in letters if c.isascii())
    if cyrillic * 2 > len(letters):
        return "cyrillic"
    if latin * 2 > len(letters):
        return "latin"
    return None


def detect(text: str) -> str | None:
    """``kk`` or ``en`` for a text, or None.

    The language detector's answer when it names one of them; when it cannot tell (a
    short sentence of names), the language whose script the text is in. A text it reads
    as another language (``ru``) gets None.
    """
    found = detect_language(text)
    if known_language(found):
        return found
    if found not in (None, "und"):
        return None
    script = script_of(text)
    return next((lang for lang, s in SCRIPTS.items() if s == script), None)


def assign_languages(
    docs: Sequence[Document], given: str | None, changes: Changes
) -> list[Document]:
    """Every record without ``lang`` gets ``given``, or the detected language, or stays null
    (reported). A record whose ``lang`` is set is left alone."""
    out = []
    for doc in docs:
        if doc.lang:
            out.append(doc)
            continue
        if given:
            changes.lang_given += 1
            found = detect(doc.text)
            if found is not None and found != given:
                changes.problems.append(
                    _where(doc, f"lang set to {given} (--lang), but the text reads as {found}")
                )
            out.append(replace(doc, lang=given))
            continue
        found = detect(doc.text)
        if found is None:
            changes.lang_unknown += 1
            raw = detect_language(doc.text)
            why = f"the text reads as {raw}" if raw not in (None, "und") else "none detected"
            changes.problems.append(
                _where(doc, f"no lang ({why}): give --lang or set lang in the data")
            )
            out.append(doc)
            continue
        changes.lang_detected[found] += 1
        out.append(replace(doc, lang=found))
    return out
