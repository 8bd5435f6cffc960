"""Throughput on text no cache has seen, with the time of every stage and component.

Usage: python benchmarks/throughput_varied.py [--config configs/default.yaml] [--sentences 1500]

Three sets, each document processed once, read at run time from the shared data (set
``PIPELINE_SHARED``, ``KAZNERD`` or ``UNER_EN`` to point elsewhere; a missing set is
skipped): Kazakh sentences (KazNERD valid split), English sentences (UNER English-EWT
dev, web text) and news-length passages (the 40 domain_dev passages, Kazakh and
English). Languages are detected, as for input without ``lang``. Models and gazetteers
are loaded before timing, on the corpus documents, which are not part of any set. Pinned
to one CPU core. Times are CPU time of this process (``time.process_time``), which other
jobs on a shared machine change far less than wall time; the wall time is recorded too.
Writes benchmarks/results/throughput_varied.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

SHARED = Path(os.environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))
STAGES = ("detect_segments", "tokenize", "merge_spans", "normalise_spans")


def iob_sentences(path: Path, column: int) -> list[str]:
    out, words = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                out.append(" ".join(words))
            words = []
            continue
        words.append(line.split()[column])
    if words:
        out.append(" ".join(words))
    return out


def load_sets(n: int) -> dict[str, list[str]]:
    rng = random.Random(13)
    sets: dict[str, list[str]] = {}
    kaznerd = Path(os.environ.get("KAZNERD", SHARED / "kaznerd")) / "IOB2_valid.txt"
    if kaznerd.is_file():
        sentences = [s for s in iob_sentences(kaznerd, 0) if any(c.isalpha() for c in s)]
        sets["Kazakh sentences (KazNERD)"] = rng.sample(sentences, min(n, len(sentences)))
    uner = Path(os.environ.get("UNER_EN", SHARED / "uner_en")) / "en_ewt-ud-dev.iob2"
    if uner.is_file():
        sentences = [s for s in iob_sentences(uner, 1) if any(c.isalpha() for c in s)]
        sets["English sentences (UNER web text)"] = rng.sample(sentences, min(n, len(sentences)))
    passages = SHARED / "domain_dev" / "texts.jsonl"
    if passages.is_file():
        lines = passages.read_text(encoding="utf-8").splitlines()
        sets["news passages (domain_dev, kk + en)"] = [json.loads(x)["text"] for x in lines]
    return sets


def instrument(pipe: object, timings: dict[str, float]) -> Callable[[], None]:
    """Time each component's propose and each engine stage; returns the undo."""
    import pipeline.engine as engine

    def wrap(fn: Callable, name: str) -> Callable:
        def timed(*args: object, **kwargs: object) -> object:
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                timings[name] += time.process_time() - t

        return timed

    originals = {stage: getattr(engine, stage) for stage in STAGES}
    for comp in pipe.components:  # type: ignore[attr-defined]
        comp.propose = wrap(comp.propose, comp.name)
    for stage, fn in originals.items():
        setattr(engine, stage, wrap(fn, stage))
    combiner = getattr(pipe, "combiner", None)
    if combiner is not None:
        combiner.combine = wrap(combiner.combine, "merge (evidence combiner)")

    def undo() -> None:
        if combiner is not None:
            del combiner.combine
        for comp in pipe.components:  # type: ignore[attr-defined]
            del comp.propose
        for stage, fn in originals.items():
            setattr(engine, stage, fn)

    return undo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--sentences", type=int, default=1500, help="sentences per language")
    parser.add_argument("--output", default="benchmarks/results/throughput_varied.json")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    import logging

    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.io import read_documents
    from pipeline.langid import detect_language
    from pipeline.tokenize import tokenize
    from pipeline.types import Document

    logging.basicConfig(level=logging.ERROR)  # per-document warnings are not the point here
    sets = load_sets(args.sentences)
    if not sets:
        raise SystemExit(f"no shared data under {SHARED}: nothing to measure")
    t0 = time.perf_counter()
    pipe = Pipeline(load_config(ROOT / args.config))
    for doc in read_documents(ROOT / "corpus"):  # warm-up: models and gazetteers load
        pipe(Document(doc.id, doc.text))
    load_s = time.perf_counter() - t0
    results = {}
    for name, texts in sets.items():
        n_tokens = sum(len(tokenize(t, detect_language(t))) for t in texts)
        timings: dict[str, float] = defaultdict(float)
        undo = instrument(pipe, timings)
        start, wall_start = time.process_time(), time.perf_counter()
        for i, text in enumerate(texts):
            pipe(Document(str(i), text))
        elapsed = time.process_time() - start
        wall = time.perf_counter() - wall_start
        undo()
        parts = {k: round(v, 3) for k, v in sorted(timings.items(), key=lambda kv: -kv[1])}
        parts["engine and output"] = round(max(0.0, elapsed - sum(timings.values())), 3)
        results[name] = {
            "documents": len(texts),
            "characters": sum(len(t) for t in texts),
            "tokens": n_tokens,
            "cpu_seconds": round(elapsed, 3),
            "wall_seconds": round(wall, 3),
            "docs_per_cpu_s": round(len(texts) / elapsed, 1),
            "tokens_per_cpu_s": round(n_tokens / elapsed, 1),
            "tokens_per_wall_s": round(n_tokens / wall, 1),
            "seconds_by_part": parts,
            "share_by_part": {k: round(v / elapsed, 3) for k, v in parts.items()},
        }
    result = {
        "config": args.config,
        "sets": results,
        "model_load_and_warm_up_s": round(load_s, 2),
        "cores": 1,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores visible, "
        f"Python {platform.python_version()}",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out = ROOT / args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    rows = [
        "| set | documents | tokens | tokens per CPU second | documents per CPU second | "
        "where the CPU time goes |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        top = ", ".join(
            f"{k} {v:.0%}" for k, v in list(r["share_by_part"].items())[:5] if v >= 0.01
        )
        rows.append(
            f"| {name} | {r['documents']:,} | {r['tokens']:,} | {r['tokens_per_cpu_s']:,.0f} | "
            f"{r['docs_per_cpu_s']:,.1f} | {top} |"
        )
    rows.append(
        f"\nOne core; load average {result['load_average']}; {result['machine']}; {result['date']}."
    )
    out.with_suffix(".md").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
