"""Cross-document, cross-lingual entity resolution.

Mentions of PERSON, PLACE and ORG are linked when the evidence allows it:
- the same gazetteer entry (``Шыңжаң`` and ``Xinjiang`` are both ``cn-xinjiang``);
- the same nominative form (``Алматыда`` and ``Алматы`` → ``Алматы``);
- for people, a transliteration match: the Latin forms (a Kazakh name transliterated)
  are folded (kh→h, y→i, …), Russian-style surname endings are dropped
  (``Sarsenbayev`` ~ ``Sarsenbay``), and the surnames must then agree within a small
  edit distance *and* the first names must agree (or one be the other's initial).
  A surname alone links only to a full name in the same document. People who share
  only a first name are never linked.
Clusters are the connected components; each link keeps its evidence.

Each entity record names the entity in both scripts where that is known, never guessed:
``name.kk`` is a Kazakh Cyrillic form written in a document or given by the gazetteer (else
null: Latin → Cyrillic is not reliable), ``name.latin`` a Latin form, with ``kk_from`` /
``latin_from`` saying where each comes from (``text``, ``gazetteer``, ``name list``,
``transliteration``) and ``transliterated`` listing the forms that are letter-by-letter
transliterations (only ever ``latin``, from Kazakh Cyrillic).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pipeline.lexicon import load_lexicon
from pipeline.names import place_nominative, transliterate
from pipeline.resources import load_resource
from pipeline.types import Document

LINKED_LABELS = ("PERSON", "PLACE", "ORG")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass
class Mention:
    doc: str
    start: int
    end: int
    text: str
    label: str
    name: str
    latin: str
    gazetteer_id: str | None = None
    folded: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _res() -> dict[str, Any]:
    return load_resource("kk/linking.yaml")


def fold(name: str) -> list[str]:
    """Lower-case ASCII tokens with spelling variants folded together."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    for a, b in _res()["fold"]:
        text = text.replace(a, b)
    text = re.sub(r"(.)\1", r"\1", text)
    return [t for t in re.split(r"[^a-z]+", text) if t]


def _stem_surname(token: str) -> str:
    for ending in sorted(_res()["surname_endings"], key=len, reverse=True):
        if token.endswith(ending) and len(token) - len(ending) >= 4:
            return token[: -len(ending)]
    return token


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _close(a: str, b: str) -> int | None:
    """Edit distance if within the allowed bound for names this long, else None."""
    res = _res()
    limit = res["max_distance"]["long" if min(len(a), len(b)) >= res["long_name"] else "short"]
    d = edit_distance(a, b)
    return d if d <= limit else None


def person_match(a: Mention, b: Mention) -> tuple[str, int] | None:
    """Evidence that two PERSON mentions name one person, or None."""
    ta, tb = a.folded, b.folded
    if not ta or not tb:
        return None
    d_surname = _close(_stem_surname(ta[-1]), _stem_surname(tb[-1]))
    if d_surname is None:
        return None
    if len(ta) == 1 or len(tb) == 1:
        if a.doc != b.doc:
            return None  # a lone surname is too ambiguous across documents
        return ("surname of a full name in the same document", d_surname)
    fa, fb = ta[0], tb[0]
    if len(fa) == 1 or len(fb) == 1:
        if fa[0] != fb[0]:
            return None
        return ("initial and surname match", d_surname)
    d_first = _close(fa, fb)
    if d_first is None:
        return None
    return ("transliteration match", d_surname + d_first)


def _latin_of(name: str, latin: str | None) -> str:
    if latin:
        return latin
    if _CYRILLIC.search(name):
        return transliterate(name)
    return name


def mentions_from(docs: list[Document]) -> list[Mention]:
    lexicon = load_lexicon()
    out = []
    for doc in docs:
        lang = doc.lang or "en"
        for s in doc.entities:
            if s.label not in LINKED_LABELS:
                continue
            name = (s.norm or {}).get("name") or s.text
            entry = lexicon.lookup(name, lang)
            if entry is None and s.label == "PLACE":
                # "Шыңжаң өңірі" is Шыңжаң: a head word naming the place itself
                entry = place_nominative(name, lang, lexicon)[1]
            gid = entry.id if entry is not None and entry.label == s.label else None
            latin = _latin_of(name, (s.norm or {}).get("latin"))
            out.append(
                Mention(doc.id, s.start, s.end, s.text, s.label, name, latin, gid, fold(latin))
            )
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        self.parent[rj] = ri
        return True


def link(docs: list[Document]) -> list[dict[str, Any]]:
    """Resolve the PERSON, PLACE and ORG mentions of ``docs`` into entity records."""
    mentions = mentions_from(docs)
    uf = _UnionFind(len(mentions))
    evidence: list[tuple[int, int, str, int | None]] = []

    def join(i: int, j: int, reason: str, distance: int | None = None) -> None:
        if uf.union(i, j):
            evidence.append((i, j, reason, distance))

    # Exact keys: gazetteer id, nominative form.
    first_by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        keys = [(m.label, f"gazetteer:{m.gazetteer_id}")] if m.gazetteer_id else []
        keys.append((m.label, f"name:{m.name.casefold()}"))
        for key in keys:
            if key in first_by_key:
                reason = (
                    "same gazetteer id"
                    if key[1].startswith("gazetteer:")
                    else "same nominative form"
                )
                join(first_by_key[key], i, reason)
            else:
                first_by_key[key] = i
    # People: transliteration matches, blocked by the first letters of the folded surname.
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.label == "PERSON" and m.folded:
            blocks[_stem_surname(m.folded[-1])[:3]].append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if uf.find(i) == uf.find(j):
                    continue
                found = person_match(mentions[i], mentions[j])
                if found is not None:
                    join(i, j, found[0], found[1])
    return _records(mentions, uf, evidence)


def _records(
    mentions: list[Mention], uf: _UnionFind, evidence: list[tuple[int, int, str, int | None]]
) -> list[dict[str, Any]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[uf.find(i)].append(i)
    ev_by_root: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for i, j, reason, distance in evidence:
        item: dict[str, Any] = {
            "a": _ref(mentions[i]),
            "b": _ref(mentions[j]),
            "reason": reason,
        }
        if distance is not None:
            item["distance"] = distance
        ev_by_root[uf.find(i)].append(item)
    lexicon = load_lexicon()
    records = []
    used_ids: Counter[str] = Counter()
    for root, members in sorted(groups.items(), key=lambda kv: min(kv[1])):
        ms = [mentions[i] for i in members]
        label = ms[0].label
        gid = next((m.gazetteer_id for m in ms if m.gazetteer_id), None)
        entry = next((e for e in lexicon.entries if e.id == gid), None) if gid else None
        full = max(len(m.folded) for m in ms)
        latin_forms = Counter(m.latin for m in ms if len(m.folded) == full)
        latin = entry.latin if entry else latin_forms.most_common(1)[0][0]
        latin_from = "gazetteer" if entry else _latin_source(latin, ms)
        kk_forms = Counter(m.name for m in ms if _CYRILLIC.search(m.name))
        # Kazakh Cyrillic only as written or as the gazetteer has it: Latin -> Cyrillic
        # cannot be done reliably (Chinese embassy, Toktamuratkyzy), so none is made up.
        name_kk: str | None = None
        kk_from: str | None = None
        if kk_forms:
            name_kk, kk_from = kk_forms.most_common(1)[0][0], "text"
        elif entry and entry.names.get("kk"):
            name_kk, kk_from = entry.names["kk"][0], "gazetteer"
        base = f"{label.lower()}:{_slug(latin) or _slug(name_kk) or 'x'}"
        used_ids[base] += 1
        rid = base if used_ids[base] == 1 else f"{base}-{used_ids[base]}"
        records.append(
            {
                "id": rid,
                "label": label,
                "name": {
                    "kk": name_kk,
                    "latin": latin,
                    "kk_from": kk_from,
                    "latin_from": latin_from,
                },
                "transliterated": ["latin"] if latin_from == "transliteration" else [],
                "gazetteer_id": gid,
                "mentions": [_ref(m) | {"name": m.name} for m in ms],
                "evidence": ev_by_root.get(root, []),
            }
        )
    return records


def _ref(m: Mention) -> dict[str, Any]:
    return {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text}


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _latin_source(latin: str, mentions: list[Mention]) -> str:
    """Where an entity's Latin form comes from: ``text`` (written so in a document),
    ``transliteration`` (of a Kazakh Cyrillic name, letter by letter) or ``name list``
    (a known person's conventional spelling, or a gazetteer's, given by the normaliser)."""
    sources = [m for m in mentions if m.latin == latin]
    if any(not _CYRILLIC.search(m.name) for m in sources):
        return "text"
    if any(transliterate(m.name) == latin for m in sources):
        return "transliteration"
    return "name list"


def clusters_of(records: list[dict[str, Any]]) -> dict[tuple[str, int, int], str]:
    """Mention → entity id, for scoring."""
    return {(m["doc"], m["start"], m["end"]): r["id"] for r in records for m in r["mentions"]}
