"""Snapshot a config's outputs and compare them with an earlier snapshot, byte for byte.

A restructuring of the code must change no output. This script runs a pipeline config over

- the corpus (``corpus/``, with its ``meta.jsonl`` dates),
- the domain dev passages (``$DOMAIN_DEV``, default ``$PIPELINE_SHARED/domain_dev``),
- 2,000 KazNERD sentences (``$KAZNERD``) and 1,000 UNER English-EWT sentences
  (``$UNER_EN``), each sentence a document of its tokens joined by single spaces, as
  ``python -m pipeline heldout`` builds them (every n-th sentence of the file, so that the
  sample spans the whole file),

and writes, into ``--out``, the output JSONL of each set, the linked entities of the corpus
and the domain passages (``link``), and the evaluation of both against their gold
(``report.json``, ``report.md``). With ``--against DIR`` it then compares every file with
the one in DIR and exits 1 at the first difference, printing the file and line.

    python scripts/compare_outputs.py --out /tmp/before
    # ... change the code ...
    python scripts/compare_outputs.py --out /tmp/after --against /tmp/before

A set whose data is missing is skipped with a note (and then compared only if both
snapshots have it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.annotations import read_annotated  # noqa: E402
from pipeline.config import load_config  # noqa: E402
from pipeline.engine import Pipeline  # noqa: E402
from pipeline.evaluation.report import write_report  # noqa: E402
from pipeline.evaluation.scoring import evaluate_documents  # noqa: E402
from pipeline.io import read_documents  # noqa: E402
from pipeline.linking import link  # noqa: E402
from pipeline.types import LABELS, Document  # noqa: E402

SHARED = Path(os.environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))


def _path(variable: str, default: Path) -> Path:
    return Path(os.environ[variable]) if os.environ.get(variable) else default


def conll_sentences(path: Path, token_column: int) -> Iterator[tuple[str | None, list[str]]]:
    """(id, tokens) per sentence of a CoNLL file: comment lines (``#``) are skipped; a first
    token like ``AID283875`` (KazNERD's news-item id line) is the sentence's id."""
    tokens: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if tokens:
                    yield _with_id(tokens)
                tokens = []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            tokens.append(cols[token_column])
    if tokens:
        yield _with_id(tokens)


def _with_id(tokens: list[str]) -> tuple[str | None, list[str]]:
    first = tokens[0]
    if len(first) > 3 and first[0].isupper() and first[1:3] == "ID" and first[3:].isdigit():
        return first, tokens[1:]
    return None, tokens


def sentence_documents(
    path: Path, token_column: int, lang: str, count: int, prefix: str
) -> list[Document]:
    """``count`` sentences spread evenly over the file, each a document (tokens joined by
    single spaces)."""
    sentences = [s for s in conll_sentences(path, token_column) if s[1]]
    step = max(1, len(sentences) // count)
    docs = []
    for i, (sid, tokens) in enumerate(sentences[::step][:count]):
        docs.append(Document(f"{prefix}-{i:05d}-{sid or ''}", " ".join(tokens), lang))
    return docs


def write_outputs(pipeline: Pipeline, docs: list[Document], path: Path) -> list[Document]:
    out = []
    with path.open("w", encoding="utf-8") as f:
        for doc in docs:
            result = pipeline(doc)
            f.write(json.dumps(result.to_output(), ensure_ascii=False) + "\n")
            out.append(result)
    return out


def write_link_and_scores(name: str, pred: list[Document], gold_path: Path, out: Path) -> None:
    records = link(pred)
    with (out / f"{name}.entities.jsonl").open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if gold_path.is_file():
        gold = read_annotated(gold_path, labels=LABELS)
        texts = {d.id: d.text for d in gold}
        # Predictions as the evaluator reads them: through their output records.
        pred_docs = []
        for d in pred:
            rec = d.to_output()
            rec["text"] = texts.get(d.id, d.text)
            pred_docs.append(rec)
        tmp = out / f"{name}.pred-with-text.jsonl"
        tmp.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in pred_docs), encoding="utf-8"
        )
        result = evaluate_documents(gold, read_annotated(tmp))
        tmp.unlink()
        report_dir = out / f"{name}.report"
        write_report(result, report_dir)


def snapshot(config_path: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline(load_config(config_path))
    sets: list[tuple[str, list[Document] | None, Path | None]] = []
    sets.append(("corpus", list(read_documents(ROOT / "corpus")), ROOT / "annotations/gold.jsonl"))
    domain = _path("DOMAIN_DEV", SHARED / "domain_dev")
    texts = domain / "texts.jsonl"
    sets.append(
        (
            "domain_dev",
            list(read_documents(texts)) if texts.is_file() else None,
            domain / "gold.jsonl",
        )
    )
    kaznerd = _path("KAZNERD", SHARED / "kaznerd/IOB2_valid2.txt")
    sets.append(
        (
            "kaznerd",
            sentence_documents(kaznerd, 0, "kk", 2000, "kaznerd") if kaznerd.is_file() else None,
            None,
        )
    )
    uner = _path("UNER_EN", SHARED / "uner_en/en_ewt-ud-dev.iob2")
    sets.append(
        ("uner", sentence_documents(uner, 1, "en", 1000, "uner") if uner.is_file() else None, None)
    )
    for name, docs, gold in sets:
        if docs is None:
            print(f"{name}: data not found, skipped")
            continue
        started = time.perf_counter()
        pred = write_outputs(pipeline, docs, out / f"{name}.jsonl")
        if gold is not None:
            write_link_and_scores(name, pred, gold, out)
        print(f"{name}: {len(docs)} documents, {time.perf_counter() - started:.1f} s")


def compare(new: Path, old: Path) -> int:
    new_files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    old_files = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    status = 0
    for rel in sorted(new_files ^ old_files):
        print(f"only in {'new' if rel in new_files else 'old'}: {rel}")
        status = 1
    for rel in sorted(new_files & old_files):
        a, b = (new / rel).read_bytes(), (old / rel).read_bytes()
        if a == b:
            print(f"same: {rel}")
            continue
        status = 1
        for lineno, (la, lb) in enumerate(zip(a.splitlines(), b.splitlines(), strict=False), 1):
            if la != lb:
                print(f"DIFFERENT: {rel} line {lineno}")
                print(f"  old: {lb.decode('utf-8', 'replace')[:300]}")
                print(f"  new: {la.decode('utf-8', 'replace')[:300]}")
                break
        else:
            print(f"DIFFERENT: {rel} (line counts {len(b.splitlines())} -> {len(a.splitlines())})")
    return status


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--config", default=str(ROOT / "configs/default.yaml"))
    p.add_argument("--out", required=True, help="directory for this snapshot")
    p.add_argument("--against", help="an earlier snapshot to compare with")
    args = p.parse_args()
    snapshot(args.config, Path(args.out))
    if args.against:
        status = compare(Path(args.out), Path(args.against))
        print("identical" if status == 0 else "outputs differ")
        return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
