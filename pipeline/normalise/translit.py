"""Kazakh Cyrillic → Latin transliteration in the conventional English-language style.

The letter table lives in ``lang/kk/translit.yaml``; this module only applies it:
``Назарбаев`` → ``Nazarbayev``, ``Еркін Рақышев`` → ``Yerkin Rakyshev``. Characters without
an entry (Latin letters, digits, punctuation) are copied unchanged, so the function is safe
on any string and idempotent on Latin text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.resources import load_resource

TABLE = "kk/translit.yaml"


@dataclass(frozen=True)
class _Rule:
    default: str
    initial: str | None = None
    final: str | None = None
    after_chars: str = ""
    after_value: str | None = None


@lru_cache(maxsize=4)
def _rules(table: str = TABLE) -> dict[str, _Rule]:
    try:
        data: dict[str, Any] = load_resource(table) or {}
    except (OSError, ValueError):
        return {}
    letters = {str(k).lower(): str(v or "") for k, v in (data.get("letters") or {}).items()}
    rules = {k: _Rule(v) for k, v in letters.items()}
    for key, ctx in (data.get("context") or {}).items():
        key = str(key).lower()
        ctx = ctx or {}
        after = ctx.get("after") or {}
        rules[key] = _Rule(
            default=letters.get(key, key),
            initial=ctx.get("initial"),
            final=ctx.get("final"),
            after_chars=str(after.get("chars") or "").lower(),
            after_value=after.get("value"),
        )
    return rules


def _value(rule: _Rule, prev: str, nxt: str) -> str:
    if rule.initial is not None and not prev.isalpha():
        return rule.initial
    if rule.final is not None and not nxt.isalpha():
        return rule.final
    if rule.after_value is not None and prev and prev.lower() in rule.after_chars:
        return rule.after_value
    return rule.default


def transliterate(text: str) -> str:
    """Kazakh Cyrillic ``text`` in Latin letters; other characters are kept as they are."""
    if not isinstance(text, str) or not text:
        return "" if not isinstance(text, str) else text
    rules = _rules()
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        rule = rules.get(ch.lower())
        if rule is None:
            out.append(ch)
            continue
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        value = _value(rule, prev, nxt)
        if ch.isupper() and value:
            # Inside an all-capitals word (ЖҰМАЛЫ) the whole value is upper-case.
            upper_word = (nxt.isalpha() and nxt.isupper()) or (
                prev.isalpha() and prev.isupper() and not (nxt.isalpha() and nxt.islower())
            )
            value = value.upper() if upper_word else value[0].upper() + value[1:]
        out.append(value)
    return "".join(out)
