"""``rules.persons_en``: English PERSON names that no list knows, by their context.

- an age apposition: ``Altanbek Sagandahar, 30, of Karzhao village``, ``Ziyawudun, 41,``;
- a naming cue before: ``a youth named Yerzhanat Abai``, ``Author: Meray Ozat``,
  ``translated by Luisetta Mudie``;
- a reporting verb after: ``Pugh said``, ``Raqyzhan Zeinolla told``.

A name is a run of one to three capitalised words (``shapes_en.capitalised_runs``) that
holds no function word, title, demonym, month or common noun of the lists; a place or
organisation of the gazetteer wins over it in the merge (``rules.gazetteer`` comes first
in the English merge order). Cue and list words live in ``en/name_shapes.yaml``.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.components.shapes_en import (
    capitalised_runs,
    core_end,
    doc_words,
    load_shape_data,
    phrase_after,
    phrase_before,
)
from pipeline.registry import register
from pipeline.types import Document, Span

_AGE = re.compile(r", (\d{1,3}),")


@register("rules.persons_en")
class EnglishPersonCues:
    """PERSON from age appositions, naming cues and reporting verbs (English only).

    Settings: ``shapes`` (the cue data), ``names`` (the person-name lists), ``score``,
    ``max_words`` of a name.
    """

    def __init__(
        self,
        shapes: str = "en/name_shapes.yaml",
        names: str = "en/person_names.yaml",
        score: float = 0.7,
        max_words: int = 3,
    ) -> None:
        self.data = load_shape_data(shapes, names)
        cfg = self.data.persons
        self.max_age = int(cfg.get("max_age", 110))
        self.cue_before = frozenset(str(w).casefold() for w in cfg.get("cue_before") or [])
        self.verbs_after = frozenset(str(w).casefold() for w in cfg.get("verbs_after") or [])
        self.not_after = frozenset(str(w).casefold() for w in cfg.get("not_after") or [])
        self.score = score
        self.max_words = max_words

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        if doc.lang != "en" or not doc.text:
            return []
        text = doc.text
        ws = doc_words(text)
        out = []
        for first, last in capitalised_runs(text, ws, self.data.bad):
            if last - first + 1 > self.max_words:
                continue
            end = core_end(ws[last])
            if self._named(text, ws, first, last, end):
                out.append(Span.from_text(text, ws[first][0], end, "PERSON", "", self.score))
        return out

    def _named(self, text: str, ws: list, first: int, last: int, end: int) -> bool:
        if first and phrase_before(text, ws, first, self.not_after):
            return False  # "the Ministry said", "the Pugh family"
        if phrase_before(text, ws, first, self.cue_before):
            return True
        if end == ws[last][1]:  # no possessive: an apposition or a verb may follow
            m = _AGE.match(text, end)
            if m and 1 <= int(m.group(1)) <= self.max_age:
                return True
            if phrase_after(text, ws, last, self.verbs_after):
                return True
        return False
