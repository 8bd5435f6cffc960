"""Throughput of a pipeline config on ONE CPU core: documents/s and tokens/s.

Usage: python benchmarks/throughput.py [--config configs/default.yaml] [--repeat 20]
Runs the config over the corpus ``--repeat`` times (after one warm-up pass, so model
loading is not counted), pinned to one core, and writes benchmarks/results/throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--input", default="corpus")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--output", default="benchmarks/results/throughput.json")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        pass
    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.io import read_documents
    from pipeline.langid import detect_language
    from pipeline.tokenize import tokenize

    config = load_config(ROOT / args.config)
    t0 = time.perf_counter()
    pipe = Pipeline(config)
    load_s = time.perf_counter() - t0
    docs = list(read_documents(ROOT / args.input))
    for _doc in pipe.pipe([type(d)(d.id, d.text, d.lang, dict(d.meta)) for d in docs]):
        pass  # warm-up
    n_tokens = sum(len(tokenize(d.text, d.lang or detect_language(d.text))) for d in docs)
    start = time.perf_counter()
    for _ in range(args.repeat):
        fresh = [type(d)(d.id, d.text, d.lang, dict(d.meta)) for d in docs]
        for _doc in pipe.pipe(fresh):
            pass
    elapsed = time.perf_counter() - start
    result = {
        "config": args.config,
        "documents": len(docs) * args.repeat,
        "tokens": n_tokens * args.repeat,
        "seconds": round(elapsed, 3),
        "docs_per_s": round(len(docs) * args.repeat / elapsed, 1),
        "tokens_per_s": round(n_tokens * args.repeat / elapsed, 1),
        "model_load_s": round(load_s, 2),
        "cores": 1,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores visible, "
        f"Python {platform.python_version()}",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out = ROOT / args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
