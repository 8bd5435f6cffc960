"""Tokenizer exceptions for Kazakh: common abbreviations that end in a full stop."""

from __future__ import annotations

from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

_exc: dict[str, list[dict[int, str]]] = {}

# Abbreviations kept whole with their full stop (lower case, as written in news).
_ABBREVIATIONS = {
    "ж.": "жыл",
    "жж.": "жылдар",
    "ғ.": "ғасыр",
    "ғғ.": "ғасырлар",
    "т.б.": "тағы басқа",
    "т.с.с.": "тағы сол сияқты",
    "т.с.": "тағы сол",
    "б.з.б.": "біздің заманымызға дейін",
    "б.з.д.": "біздің заманымызға дейін",
    "б.з.": "біздің заманымыз",
    "қ.": "қаласы",
    "ауд.": "ауданы",
    "обл.": "облысы",
    "көш.": "көшесі",
    "мыс.": "мысалы",
    "проф.": "профессор",
    "акад.": "академик",
    "млн.": "миллион",
    "млрд.": "миллиард",
    "тг.": "теңге",
}

# Without the full stop these are ordinary tokens, but give them a norm.
_NORMS = {
    "млн": "миллион",
    "млрд": "миллиард",
    "трлн": "триллион",
    "тг": "теңге",
}

for orth, norm in _ABBREVIATIONS.items():
    _exc[orth] = [{ORTH: orth, NORM: norm}]

for orth, norm in _NORMS.items():
    for variant in (orth, orth.capitalize()):
        _exc[variant] = [{ORTH: variant, NORM: norm}]

TOKENIZER_EXCEPTIONS = update_exc(BASE_EXCEPTIONS, _exc)
