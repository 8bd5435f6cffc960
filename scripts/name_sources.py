"""Word and name sources shared by the build scripts (build_first_names.py,
build_world_places.py). Install them with ``pip install -e '.[resources]'``."""

from __future__ import annotations


def census_names(kind: str, min_percent: float = 0.0) -> set[str]:
    """US Census 1990 names (via ``names``; public domain) borne by at least ``min_percent``
    of people; ``kind``: ``first:male``, ``first:female`` or ``last``. Capitalised."""
    from names import FILES

    out = set()
    with open(FILES[kind], encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            name, percent = line.split()[:2]
            if float(percent) >= min_percent:
                out.add(name.capitalize())
    return out


def web2_lower_words() -> set[str]:
    """The lower-case entries of Webster's Second International (via ``english-words``):
    the English common words (its capitalised entries are proper names)."""
    from english_words import get_english_words_set

    return {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
