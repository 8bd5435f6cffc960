"""Snapshot what the date and number grammar does on a set of texts, to compare two versions.

Writes one JSON line per document: the spans ``rules.dates`` and ``rules.counts`` propose
(merged, dates first, then normalised against the document date) and each span's text read
alone by the normalisers. Run it before and after a change that should not alter behaviour
and compare the files byte for byte (``cmp`` or ``diff``); run it before and after a change
that should, and read the diff.

Texts: the project's ``corpus/``, and where present under ``$PIPELINE_SHARED`` (default
``../shared``): ``domain_dev/texts.jsonl``, the first ``--kaznerd`` sentences of
``kaznerd/IOB2_valid.txt`` and ``tempeval3/tbaq_input.jsonl``.

Run: python scripts/grammar_snapshot.py OUT.jsonl [--kaznerd 3000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.components.counts import CountRules  # noqa: E402
from pipeline.components.dates import DateRules  # noqa: E402
from pipeline.io import read_documents  # noqa: E402
from pipeline.merge import merge_spans  # noqa: E402
from pipeline.normalise import normalise_spans  # noqa: E402
from pipeline.normalise.counts import normalise_count  # noqa: E402
from pipeline.normalise.dates import normalise_date  # noqa: E402
from pipeline.types import Document  # noqa: E402

SHARED = Path(os.environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))


def _jsonl(path: Path) -> Iterator[Document]:
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        yield Document(rec["id"], rec["text"], rec.get("lang"), rec.get("meta") or {})


def _kaznerd(path: Path, limit: int) -> Iterator[Document]:
    words: list[str] = []
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(line.rpartition(" ")[0])
            continue
        if words:
            yield Document(f"kaznerd-{n}", " ".join(words), "kk")
            n += 1
            words = []
            if n >= limit:
                return


def documents(kaznerd_limit: int) -> Iterator[Document]:
    yield from read_documents(ROOT / "corpus")
    sources = [
        (SHARED / "domain_dev" / "texts.jsonl", _jsonl),
        (SHARED / "tempeval3" / "tbaq_input.jsonl", _jsonl),
    ]
    for path, reader in sources:
        if path.is_file():
            yield from reader(path)
    kaznerd = SHARED / "kaznerd" / "IOB2_valid.txt"
    if kaznerd.is_file():
        yield from _kaznerd(kaznerd, kaznerd_limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--kaznerd", type=int, default=3000, help="KazNERD sentences to use")
    args = parser.parse_args()
    dates, counts = DateRules(), CountRules()
    with open(args.output, "w", encoding="utf-8") as out:
        for doc in documents(args.kaznerd):
            lang = doc.lang or ("kk" if any("\u0400" <= c <= "\u04ff" for c in doc.text) else "en")
            doc.lang = lang
            date = doc.meta.get("date")
            spans = merge_spans(
                dates.propose(doc, []) + counts.propose(doc, []),
                "priority",
                ["rules.dates", "rules.counts"],
            )
            spans = normalise_spans(spans, lang, date, ["dates", "counts"])
            rows = []
            for s in spans:
                alone = (
                    normalise_date(s.text, "DATE", lang, date)
                    if s.label == "DATE"
                    else normalise_count(s.text, "COUNT", lang, date)
                )
                rows.append([s.start, s.end, s.label, s.text, s.norm, alone])
            out.write(json.dumps({"id": doc.id, "spans": rows}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
