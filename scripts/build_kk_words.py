"""Build the Kazakh word lists that tell names from ordinary words.

- ``pipeline/lang/kk/common_words.txt``: Kazakh word forms written in lower case in
  running text: the lower-case alphabetic Cyrillic tokens of KazNERD's training part
  (the items of ``configs/train/kk-spacy.yaml``'s split that are neither held out nor
  dev, so no held-out sentence shapes the list), seen at least ``MIN_COUNT`` times, minus
  gazetteer names, plus the Kazakh stop words (``алайда`` mostly opens a sentence). Given
  names that are also ordinary words stay in (``арман``). The evidence combiner
  (``pipeline/combine.py``) reads it: a capitalised word whose lower-case form is an
  ordinary word and no name (``Сотта``, ``Мамырдың``) does not open a name by itself.
  KazNERD is CC BY 4.0 (ISSAI, Nazarbayev University).
- ``pipeline/lang/kk/first_names_airlock.txt``: the Kazakh given names of the
  ``airlock-pii`` package (Apache-2.0; ``airlock_pii/data/given_names_kk.txt``, written
  from general knowledge, unverified), one spelling a line, that the hand-kept
  ``first_names`` of ``kk/person_names.yaml`` lack and that are no ordinary word.

Run (needs ../shared/kaznerd or KAZNERD, and ``pip install -e '.[resources]'``):
    python scripts/build_kk_words.py
"""

from __future__ import annotations

import sys
from collections import Counter
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MIN_COUNT = 1
OUT = ROOT / "pipeline" / "lang" / "kk"


def _kazakh_word(token: str) -> bool:
    return token.isalpha() and all("\u0400" <= c <= "\u04ff" for c in token)


def lower_case_counts() -> Counter[str]:
    from pipeline.training.config import load_train_config
    from pipeline.training.data import prepare_data

    data = prepare_data(load_train_config(ROOT / "configs" / "train" / "kk-spacy.yaml"))
    counts: Counter[str] = Counter()
    for tokens in data.splits["train"]["tokens"]:
        for tok in tokens:
            if _kazakh_word(tok) and tok[0].islower():
                counts[tok] += 1
    return counts


def airlock_given_names(known: set[str], common: set[str]) -> list[str]:
    text = (resources.files("airlock_pii") / "data" / "given_names_kk.txt").read_text("utf-8")
    out: list[str] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("["):
            continue
        for spelling in (s.strip() for s in line.split(",")):
            folded = spelling.casefold()
            if spelling and folded not in known and folded not in common and spelling not in out:
                out.append(spelling)
    return out


def main() -> None:
    from pipeline.lexicon import load_lexicon
    from pipeline.names import person_names

    first = set(person_names("kk").first_names)
    lexicon = load_lexicon("gazetteer/places.yaml", "gazetteer/orgs.yaml")
    places = {v.casefold() for e in lexicon.entries for v in e.names.get("kk", [])}
    counts = lower_case_counts()
    common = {w for w, n in counts.items() if n >= MIN_COUNT and w not in places}
    # function words that mostly open sentences, so are seldom seen in lower case (Алайда)
    from pipeline.lang.kk.stop_words import STOP_WORDS

    common |= {w for w in STOP_WORDS if w not in places}
    # a given name that is also an ordinary word (Ақпан "February", Наурыз "March") is
    # left out: alone it would be taken for a person
    extra = airlock_given_names(first, common)
    words = sorted(common, key=lambda w: (-counts[w], w))
    header = (
        "# Kazakh word forms written in lower case in running text (KazNERD training part,\n"
        f"# seen at least {MIN_COUNT} times; CC BY 4.0, ISSAI), minus gazetteer names.\n"
        "# Built by scripts/build_kk_words.py; do not edit by hand.\n"
    )
    (OUT / "common_words.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    header = (
        "# Kazakh given names from airlock-pii (Apache-2.0, data/given_names_kk.txt; written\n"
        "# from general knowledge, unverified) that kk/person_names.yaml lacks.\n"
        "# Built by scripts/build_kk_words.py; do not edit by hand.\n"
    )
    (OUT / "first_names_airlock.txt").write_text(header + "\n".join(extra) + "\n", "utf-8")
    print(f"common_words.txt: {len(words)} forms; first_names_airlock.txt: {len(extra)} names")


if __name__ == "__main__":
    main()
