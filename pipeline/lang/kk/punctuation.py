"""Prefix, suffix and infix rules for Kazakh news text.

Differences from spaCy's defaults:

* The character classes include the Kazakh letters spaCy lacks (ғ қ ұ and capitals),
  so ``қазақ.`` splits its full stop and ``АҚШ-тың`` is one word.
* A plain hyphen never splits between letters or between digits and letters:
  ``бір-бірімен``, ``БҰҰ-ның``, ``14-і``, ``2018-жылы`` stay whole. En and em dashes
  between words still split (``сөз—сөз``), and ``10-15`` splits as in spaCy.
* A hyphen glued to the front of a word (dialogue ``-Сөз``) is split off.
* Quotes glued between two words (``кейін"Қытай``) are split; apostrophes are not.
"""

from __future__ import annotations

from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
)

# Kazakh Cyrillic letters missing from spaCy's classes (ә ө ү ң һ і are already there).
_KK_LOWER_EXTRA = "ғқұ"
_KK_UPPER_EXTRA = "ҒҚҰ"

KK_ALPHA_LOWER = ALPHA_LOWER + _KK_LOWER_EXTRA
KK_ALPHA_UPPER = ALPHA_UPPER + _KK_UPPER_EXTRA
KK_ALPHA = ALPHA + _KK_LOWER_EXTRA + _KK_UPPER_EXTRA

# Quotes that split when glued between two words; apostrophes (' ’ ‘ `) are left alone.
_SPLIT_QUOTES = r'"”“„‚»«‹›'
# Dashes that split between letters (a plain hyphen does not).
_DASHES = r"---|--|——|—|–|~"

TOKENIZER_PREFIXES = (
    ["§", "%", "=", "—", "–", r"\+(?![0-9])", rf"-(?=[{KK_ALPHA}])"]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + ["‹", "›"]
    + LIST_CURRENCY
    + LIST_ICONS
)

TOKENIZER_SUFFIXES = (
    LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + ["‹", "›"]
    + LIST_ICONS
    + ["—", "–"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        rf"(?<=[0-9])(?:{CURRENCY})",
        rf"(?<=[0-9])(?:{UNITS})",
        r"(?<=[0-9{al}{e}{p}(?:{q})])\.".format(
            al=KK_ALPHA_LOWER, e=r"%²\-\+", q=CONCAT_QUOTES, p=PUNCT
        ),
        rf"(?<=[{KK_ALPHA_UPPER}][{KK_ALPHA_UPPER}])\.",
    ]
)

TOKENIZER_INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[0-9])[+\-\*^](?=[0-9-])",
        rf"(?<=[{KK_ALPHA_LOWER}{CONCAT_QUOTES}])\.(?=[{KK_ALPHA_UPPER}{CONCAT_QUOTES}])",
        rf"(?<=[{KK_ALPHA}]),(?=[{KK_ALPHA}])",
        rf"(?<=[{KK_ALPHA}])[!?;()\[\]]+(?=[{KK_ALPHA}])",
        rf"(?<=[{KK_ALPHA}0-9])(?:{_DASHES})(?=[{KK_ALPHA}0-9])",
        rf"(?<=[{KK_ALPHA}])[{_SPLIT_QUOTES}](?=[{KK_ALPHA}])",
        rf"(?<=[{KK_ALPHA}0-9])[:<>=/](?=[{KK_ALPHA}])",
    ]
)
