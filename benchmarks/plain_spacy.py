"""Plain spaCy on a JSONL file: the baseline of benchmarks/throughput.py.

Usage: python benchmarks/plain_spacy.py INPUT.jsonl [--batch-size 1000]
Loads the two shipped models with ``spacy.load`` (their own tokenizers) and runs
``nlp.pipe`` over each record's text in the language its ``lang`` names, in input order;
prints the number of entities found. Nothing of the pipeline runs but the registration of
spaCy's missing Kazakh language (``pipeline.lang.kk``), which ``models/kk-ner`` needs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--batch-size", type=int, default=1000)  # nlp.pipe's default
    args = parser.parse_args()
    import spacy

    import pipeline.lang.kk  # noqa: F401  (spaCy's Kazakh language)

    models = {lang: spacy.load(ROOT / "models" / f"{lang}-ner") for lang in ("kk", "en")}
    for nlp in models.values():
        nlp.max_length = 2_000_000
    records = [json.loads(line) for line in Path(args.input).open(encoding="utf-8")]
    found = 0
    # consecutive records of one language go through together, as a batch runner would
    k = 0
    while k < len(records):
        lang = records[k]["lang"]
        j = k
        while j < len(records) and records[j]["lang"] == lang:
            j += 1
        texts = (r["text"] for r in records[k:j])
        for doc in models[lang].pipe(texts, batch_size=args.batch_size):
            found += len(doc.ents)
        k = j
    print(found)


if __name__ == "__main__":
    main()
