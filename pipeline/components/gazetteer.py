"""PLACE and ORG from gazetteers, plus organisation-name patterns keyed on head words."""

from __future__ import annotations

from typing import Any

from pipeline.inflection import split_candidates
from pipeline.lexicon import Lexicon, load_lexicon, words
from pipeline.registry import register
from pipeline.resources import load_resource
from pipeline.types import Document, Span


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


class OrgPatterns:
    """Organisation names built around a head word (``министрлігі``, ``Bureau``, ``Consulate``)."""

    def __init__(self, heads: dict[str, Any], lexicon: Lexicon) -> None:
        self.heads = heads
        self.lexicon = lexicon

    def find(self, text: str, lang: str) -> list[tuple[int, int]]:
        cfg = self.heads.get(lang) or {}
        ws = words(text)
        if lang == "kk":
            return self._kk(text, ws, cfg)
        return self._en(text, ws, cfg)

    def _kk(self, text: str, ws: list, cfg: dict[str, Any]) -> list[tuple[int, int]]:
        finals = set(cfg.get("final", []))
        stops = set(cfg.get("stop_words", []))
        skip = set(cfg.get("leading_skip", []))
        max_words = int(cfg.get("max_words", 7))
        out = []
        for j, (_s, e, w) in enumerate(ws):
            if not any(stem in finals for stem, _ in split_candidates(w, "kk")):
                continue
            start_idx = None
            k = j - 1
            while k >= 0 and j - k < max_words:
                prev = ws[k][2]
                gap = text[ws[k][1] : ws[k + 1][0]]
                if gap != " " or not prev[0].isalpha() or prev.lower() in stops or prev in skip:
                    break
                if _is_cap(prev):
                    start_idx = k
                    if self.lexicon.lemmatise(prev, "kk") is None:
                        break  # a capitalised non-lexicon word opens the name
                k -= 1
            if start_idx is not None:
                out.append((ws[start_idx][0], e))
        return out

    def _en(self, text: str, ws: list, cfg: dict[str, Any]) -> list[tuple[int, int]]:
        out = []
        adjectives = set(cfg.get("adjectives", []))
        after_adj = set(cfg.get("after_adjective", []))
        finals = set(cfg.get("final", []))
        connectors = set(cfg.get("connectors", []))
        drop = set(cfg.get("drop_leading", []))
        for j in range(1, len(ws)):
            if ws[j][2] in after_adj and ws[j - 1][2] in adjectives:
                out.append((ws[j - 1][0], ws[j][1]))
        i = 0
        while i < len(ws):
            if not _is_cap(ws[i][2]) or not ws[i][2][0].isalpha():
                i += 1
                continue
            j = i
            while (
                j + 1 < len(ws)
                and text[ws[j][1] : ws[j + 1][0]] == " "
                and not ws[j][2].endswith(("'s", "’s"))
                and (
                    (_is_cap(ws[j + 1][2]) and ws[j + 1][2][0].isalpha())
                    or ws[j + 1][2] in connectors
                )
            ):
                j += 1
            while j > i and ws[j][2] in connectors:
                j -= 1
            run = [w for _, _, w in ws[i : j + 1]]
            if any(w in finals for w in run) and len(run) > 1:
                first = i + 1 if run[0] in drop else i
                if first <= j:
                    out.append((ws[first][0], ws[j][1]))
            i = j + 1
        return out


@register("rules.gazetteer")
class GazetteerRules:
    """Gazetteer look-up of places and organisations in both languages."""

    def __init__(
        self,
        places: str = "gazetteer/places.yaml",
        orgs: str = "gazetteer/orgs.yaml",
        languages: list[str] | None = None,
        score: float = 0.9,
        pattern_score: float = 0.8,
    ) -> None:
        self.lexicon = load_lexicon(places, orgs)
        org_data = load_resource(orgs) if orgs else {}
        self.patterns = OrgPatterns(org_data.get("heads") or {}, self.lexicon)
        self.languages = languages
        self.score = score
        self.pattern_score = pattern_score

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        lang = doc.lang or "en"
        if self.languages is not None and lang not in self.languages:
            return []
        spans = []
        for m in self.lexicon.match(doc.text, lang):
            norm = {"name": m.variant}
            if m.entry.label == "PLACE":
                norm["latin"] = m.entry.latin
            spans.append(
                Span.from_text(doc.text, m.start, m.end, m.entry.label, "", self.score, norm)
            )
        for start, end in self.patterns.find(doc.text, lang):
            spans.append(Span.from_text(doc.text, start, end, "ORG", "", self.pattern_score))
        return spans
