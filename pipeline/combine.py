"""The evidence combiner: decide per span which proposal wins (``merge.policy: evidence``).

A fixed component order trusts one source everywhere. The statistical model and the rules
fail in different places: the model (trained on KazNERD's television news) glues a
sentence-initial common word, a Latin-script word or a second name onto a name, takes a
month for an organisation and breaks dates into pieces; the rules miss names that no list
knows. The combiner first repairs the model's name proposals with evidence the rules and
word lists give, then chooses among overlapping proposals by source tier.

Repairs of a model PERSON / PLACE / ORG proposal (each can be switched off in ``steps``):

``cut_common_opening``
    Its first word opens a sentence, is capitalised only for that, and is an ordinary
    word (``common_words`` list, as written or as a stem with an ending) that is neither a
    first name nor the start of a rule's name: the word is cut off (``Сотта Ержан
    Тоқтарұлы`` → ``Ержан Тоқтарұлы``); nothing capitalised left → dropped (``Мамырдың``).
``cut_script_change``
    It mixes Cyrillic and Latin words: cut where the script changes, keeping the part with
    its first word (``Серік Досанұлы Instagram`` → ``Серік Досанұлы``).
``split_known_names``
    It holds two or more rule name proposals (gazetteer places and organisations, persons):
    dropped, so the rules' separate names stand (``Қытай Шыңжаңдағы`` → ``Қытай`` +
    ``Шыңжаңдағы``).
``relabel_by_lists``
    One word, PERSON or PLACE: a gazetteer place of the same extent makes it a PLACE unless
    the word is a first name; a first name (of the rules' name lists) with no gazetteer
    place makes it a PERSON (``Күләш`` PLACE → PERSON).
``take_place_heads``
    A PLACE followed by a generic head word takes it in, as the gazetteer does
    (``Зайсан`` → ``Зайсан қаласында``; :mod:`pipeline.place_heads`).
``named_after``
    A PERSON right before a word that makes it the name of a street, road, school or prize
    (``not_before`` of the language's person names: ``Жібек жолы``, ``Абай даңғылы``) is
    dropped, as the person rules do.

Other model proposals: ``counts_need_rules`` drops a model COUNT that no rule DATE or COUNT
overlaps (the rules know what the spec excludes: the article ``бір``, money, article
numbers, percentages); ``rules_cover_fragments`` drops the model's proposals inside a rule
DATE or COUNT that breaks it into pieces: two or more of them, or one of another label
(``2016 жылы`` + ``сәуір`` inside ``2016 жылы сәуір айында``; COUNT ``14`` inside ``2019 ж.
14 тамыз``). One model span of the same label is a boundary dispute, which the tiers settle.

Choice among overlapping proposals (``tiers``): proposals are ranked by the tier of their
source (rule dates and counts first, then rule names, then the model), then by length and
score, and accepted greedily (see :func:`pipeline.merge.merge_spans`). So a rule DATE or
COUNT covers the model's fragments of it (``Мамыр`` + ``2-сі`` → ``Мамыр айының 2-сі``), a
rule name wins a boundary dispute, and the model adds the names no rule found. A source
in no tier ranks after all tiers, in the config's ``merge.order``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.inflection import split_candidates
from pipeline.merge import merge_spans
from pipeline.names import person_names
from pipeline.place_heads import head_end
from pipeline.resources import load_resource, load_word_set, read_word_list, resource_path
from pipeline.sentences import opens_sentence
from pipeline.types import Document, Span

NAME_LABELS = frozenset({"PERSON", "PLACE", "ORG"})
STEPS = (
    "cut_common_opening",
    "cut_script_change",
    "split_known_names",
    "relabel_by_lists",
    "take_place_heads",
    "named_after",
    "counts_need_rules",
    "rules_cover_fragments",
)
DEFAULT_TIERS: tuple[tuple[str, ...], ...] = (
    ("rules.dates", "rules.counts"),
    ("rules.gazetteer", "rules.persons"),
)
DEFAULT_MODELS = ("ner.spacy", "ner.stanza", "ner.transformers")

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# Possessive endings a Kazakh name does not take when it names a person ("Кенжесі").
_POSSESSIVE = frozenset({"ы", "і", "сы", "сі"})


@lru_cache(maxsize=8)
def listed_first_names(lang: str) -> frozenset[str]:
    """The first names of the ``first_name_files`` of ``<lang>/person_names.yaml``."""
    path = f"{lang}/person_names.yaml"
    if not resource_path(path).is_file():
        return frozenset()
    data = load_resource(path) or {}
    files = data.get("first_name_files") or [] if isinstance(data, dict) else []
    return frozenset(w.casefold() for f in files for w in read_word_list(f))


def script_of(word: str) -> str:
    """``"cyrillic"``, ``"latin"`` or ``""`` (digits, punctuation) for a word."""
    for ch in word:
        if "\u0400" <= ch <= "\u04ff":
            return "cyrillic"
        if ch.isascii() and ch.isalpha():
            return "latin"
    return ""


@dataclass(frozen=True)
class Evidence:
    """What the word lists say about words of one language."""

    lang: str
    common: frozenset[str]

    def is_first_name(self, word: str) -> bool:
        names = person_names(self.lang)
        extra = listed_first_names(self.lang)
        return any(
            names.is_first_name(stem) or names.fold(stem) in extra
            for stem, _ in split_candidates(word, self.lang)
        )

    def names_something(self, text: str, end: int) -> bool:
        """Is the word after ``end`` one that makes a name before it name a thing (a
        street, a school, a prize: ``not_before`` of the person-name data)?"""
        m = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if m is None:
            return False
        not_before = person_names(self.lang).not_before
        return any(
            stem.casefold() in not_before for stem, _ in split_candidates(m.group(), self.lang)
        )

    def plural_or_possessive(self, word: str) -> bool:
        """Does ``word`` end in a plural or possessive ending after a first-name stem?"""
        names = person_names(self.lang)
        return any(
            ending and (names.is_plural(ending) or ending.lstrip("-")[:2] in _POSSESSIVE)
            for stem, ending in split_candidates(word, self.lang)
            if names.is_first_name(stem) or names.fold(stem) in listed_first_names(self.lang)
        )

    def is_common(self, word: str) -> bool:
        """An ordinary word: its lower-case form, or a stem of it, is in the common list."""
        if not self.common:
            return False
        return any(stem.casefold() in self.common for stem, _ in split_candidates(word, self.lang))


def _words(span: Span) -> list[tuple[int, int, str]]:
    """The words of a span as (start, end, text) in document offsets."""
    return [
        (span.start + m.start(), span.start + m.end(), m.group()) for m in _WORD.finditer(span.text)
    ]


def _cut(text: str, span: Span, start: int, end: int) -> Span:
    return replace(span, start=start, end=end, text=text[start:end])


def cut_common_opening(
    text: str, span: Span, evidence: Evidence, rule_starts: set[int]
) -> Span | None:
    """Cut a sentence-initial ordinary word off the front of a model name (see module doc)."""
    ws = _words(span)
    if not ws:
        return None
    start, end, word = ws[0]
    if not word[:1].isupper() or not opens_sentence(text, start) or start in rule_starts:
        return span
    first_name = evidence.is_first_name(word)
    inflected_name = first_name and evidence.plural_or_possessive(word)
    if not evidence.is_common(word) and not (inflected_name and len(ws) == 1):
        return span
    if first_name and (len(ws) > 1 or (not inflected_name and named_elsewhere(text, start, word))):
        # a first name that is also an ordinary word (Шара "measure", Азамат "citizen")
        # stands as a name in a full name, or when the document names it elsewhere
        # mid-sentence; alone at a sentence start, in the plural (Азаматтар) or with a
        # possessive (Кенжесі "his youngest"), it is the ordinary word
        return span
    rest = [w for w in ws[1:] if w[2][:1].isupper()]
    if not rest:
        return None
    return _cut(text, span, rest[0][0], span.end)


def named_elsewhere(text: str, start: int, word: str) -> bool:
    """Is ``word`` written capitalised somewhere else in ``text``, not opening a sentence?"""
    for m in re.finditer(re.escape(word[: max(3, len(word) - 3)]), text):
        if m.start() != start and not opens_sentence(text, m.start()):
            before = text[m.start() - 1 : m.start()]
            if not before or not before.isalpha():
                return True
    return False


def cut_script_change(text: str, span: Span) -> Span:
    """Keep the words of a model name up to the first change of script (see module doc)."""
    ws = _words(span)
    scripts = [script_of(w) for _, _, w in ws]
    first = next((s for s in scripts if s), "")
    if not first:
        return span
    keep_end = span.end
    for (_s, _e, _w), sc in zip(ws, scripts, strict=True):
        if sc and sc != first:
            break
        keep_end = _e
    else:
        return span
    return _cut(text, span, span.start, keep_end)


def holds_known_names(span: Span, rule_names: Sequence[Span]) -> bool:
    """Does ``span`` hold two or more rule name proposals (which do not overlap)?"""
    inside = [r for r in rule_names if span.start <= r.start and r.end <= span.end]
    inside.sort(key=lambda r: (r.start, -len(r)))
    count, last_end = 0, -1
    for r in inside:
        if r.start >= last_end:
            count += 1
            last_end = r.end
    return count >= 2


def relabel_by_lists(span: Span, evidence: Evidence, rule_places: set[tuple[int, int]]) -> Span:
    """Settle PERSON vs PLACE for a one-word model proposal (see module doc)."""
    if span.label not in ("PERSON", "PLACE") or len(_words(span)) != 1:
        return span
    first_name = evidence.is_first_name(span.text)
    place = (span.start, span.end) in rule_places
    if span.label == "PERSON" and place and not first_name:
        return replace(span, label="PLACE")
    if span.label == "PLACE" and first_name and not place:
        return replace(span, label="PERSON")
    return span


class EvidenceCombiner:
    """``merge.policy: evidence``; settings come from ``merge.evidence`` in the config.

    ``models``: sources whose name proposals are repaired (the statistical backends);
    ``tiers``: lists of sources, strongest first, for overlaps (model sources rank after
    them); ``steps``: the repairs to run; ``common_words``: language → word list (a resource
    path) for ``cut_common_opening``.
    """

    def __init__(
        self,
        models: list[str] | None = None,
        tiers: list[list[str]] | None = None,
        steps: list[str] | None = None,
        common_words: dict[str, str] | None = None,
    ) -> None:
        self.models = frozenset(models if models is not None else DEFAULT_MODELS)
        self.tiers = [list(t) for t in (tiers if tiers is not None else DEFAULT_TIERS)]
        self.steps = tuple(steps if steps is not None else STEPS)
        unknown = [s for s in self.steps if s not in STEPS]
        if unknown:
            raise ValueError(f"unknown step '{unknown[0]}'; allowed: {', '.join(STEPS)}")
        self.common_words = dict(
            common_words if common_words is not None else {"kk": "kk/common_words.txt"}
        )

    def evidence(self, lang: str) -> Evidence:
        return Evidence(lang, load_word_set(self.common_words.get(lang, "")))

    def repair(self, doc: Document, proposals: list[Span]) -> list[Span]:
        """The proposals with the model's name proposals repaired or dropped."""
        text, lang = doc.text, doc.lang or ""
        evidence = self.evidence(lang)
        rules = [p for p in proposals if p.source not in self.models]
        rule_names = [p for p in rules if p.label in NAME_LABELS]
        rule_starts = {p.start for p in rule_names}
        rule_places = {(p.start, p.end) for p in rule_names if p.label == "PLACE"}
        rule_numbers = [p for p in rules if p.label in ("DATE", "COUNT")]
        out = list(rules)
        for span in proposals:
            if span.source not in self.models:
                continue
            if span.label == "COUNT" and "counts_need_rules" in self.steps:
                if not any(r.overlaps(span) for r in rule_numbers):
                    continue
            if span.label in NAME_LABELS:
                repaired = self._repair_name(
                    text, span, evidence, rule_names, rule_starts, rule_places
                )
                if repaired is None:
                    continue
                span = repaired
            out.append(span)
        if "rules_cover_fragments" in self.steps:
            out = self._drop_fragments(out, rule_numbers)
        return out

    def _drop_fragments(self, spans: list[Span], rule_numbers: list[Span]) -> list[Span]:
        """``spans`` without the model pieces of a rule date or count (see module doc)."""
        drop: set[int] = set()
        for rule in rule_numbers:
            inside = [
                i
                for i, s in enumerate(spans)
                if s.source in self.models and rule.start <= s.start and s.end <= rule.end
            ]
            if len(inside) >= 2 or (len(inside) == 1 and spans[inside[0]].label != rule.label):
                drop.update(inside)
        return [s for i, s in enumerate(spans) if i not in drop]

    def _repair_name(
        self,
        text: str,
        span: Span,
        evidence: Evidence,
        rule_names: list[Span],
        rule_starts: set[int],
        rule_places: set[tuple[int, int]],
    ) -> Span | None:
        if "cut_script_change" in self.steps:
            span = cut_script_change(text, span)
        if "cut_common_opening" in self.steps:
            cut = cut_common_opening(text, span, evidence, rule_starts)
            if cut is None:
                return None
            span = cut
        if "split_known_names" in self.steps and holds_known_names(span, rule_names):
            return None
        if "relabel_by_lists" in self.steps:
            span = relabel_by_lists(span, evidence, rule_places)
        if "named_after" in self.steps and span.label == "PERSON":
            if evidence.names_something(text, span.end):
                return None
        if "take_place_heads" in self.steps and span.label == "PLACE":
            end = head_end(text, span.end, evidence.lang)
            if end != span.end:
                span = _cut(text, span, span.start, end)
        return span

    def rank(self, order: Sequence[str]) -> dict[str, int]:
        """Source → rank, lower wins: one rank per tier, then the config's order for the
        other rule sources, then the models."""
        rank: dict[str, int] = {}
        for i, tier in enumerate(self.tiers):
            for source in tier:
                rank.setdefault(source, i)
        rest = [s for s in order if s not in rank and s not in self.models]
        models = [s for s in order if s not in rank and s in self.models]
        for source in rest + models:
            rank[source] = len(set(rank.values()))
        return rank

    def combine(self, doc: Document, proposals: list[Span], order: Sequence[str]) -> list[Span]:
        """Non-overlapping spans chosen from ``proposals`` (see the module docstring)."""
        return merge_spans(self.repair(doc, proposals), "priority", rank=self.rank(order))
