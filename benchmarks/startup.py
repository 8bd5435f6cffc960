"""Start-up: wall time from launching ``python -m pipeline run`` to its first output.

Usage: python benchmarks/startup.py [--config configs/default.yaml] [--runs 7]

Three inputs of one short document each way: a Kazakh sentence, an English sentence, and
both in one file. Every run is a new process started from a temporary directory (not the
repository), with the default config given by its absolute path. Measured per run: the
time until the output file appears (the run writes it atomically once its documents are
done: its first output), the time until the process has exited, and the CPU time of the
process. The first run of all starts with an empty resource cache (``KAZNEWS_CACHE``: as
after installing or editing a data file) and is reported on its own; the medians are over
the runs after it. Python may write its bytecode cache, as in a normal installation (one
unmeasured run first). Writes benchmarks/results/startup.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

DOCS = {
    "kk": {"id": "kk", "text": "Кеше Астанада 300 адам жиналды."},
    "en": {"id": "en", "text": "Tokayev met Putin in Moscow on Monday."},
}
CASES = {"kk": ["kk"], "en": ["en"], "kk+en": ["kk", "en"]}


def one_run(code: Path, config: Path, inp: Path, out: Path, cwd: Path, env: dict) -> dict:
    out.unlink(missing_ok=True)
    argv = [sys.executable, "-m", "pipeline", "run", "--config", str(config)]
    argv += ["--input", str(inp), "--output", str(out), "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stderr=subprocess.PIPE, text=True)
    first = None
    while proc.poll() is None:
        if first is None and out.exists():
            first = time.perf_counter() - start
        time.sleep(0.005)
    exit_s = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {err}")
    if first is None:
        first = exit_s if out.exists() else float("nan")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = out.read_text(encoding="utf-8").splitlines()
    return {
        "first_output_s": round(first, 3),
        "exit_s": round(exit_s, 3),
        "cpu_s": round(cpu, 3),
        "entities": sum(len(json.loads(x)["entities"]) for x in lines),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--runs", type=int, default=7, help="measured runs per input")
    parser.add_argument(
        "--code", default=str(ROOT), help="the checkout whose `pipeline` runs (to compare)"
    )
    parser.add_argument("--output", default="benchmarks/results/startup.json")
    args = parser.parse_args()
    code = Path(args.code).resolve()
    config = (code / args.config).resolve()
    work = Path(tempfile.mkdtemp(prefix="kaznews-startup-"))
    cache = work / "cache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"PYTHONPATH": str(code), "KAZNEWS_CACHE": str(cache)})
    inputs = {}
    for case, ids in CASES.items():
        inputs[case] = work / f"{case}.jsonl"
        text = "".join(json.dumps(DOCS[i], ensure_ascii=False) + "\n" for i in ids)
        inputs[case].write_text(text, encoding="utf-8")
    load_before = os.getloadavg()
    try:
        # bytecode, as an installation has it; then an empty cache for the cold run
        one_run(code, config, inputs["kk+en"], work / "out.jsonl", work, env)
        shutil.rmtree(cache, ignore_errors=True)
        cold = one_run(code, config, inputs["kk+en"], work / "out.jsonl", work, env)
        results = {}
        for case in CASES:
            runs = [
                one_run(code, config, inputs[case], work / "out.jsonl", work, env)
                for _ in range(args.runs)
            ]
            results[case] = {
                "median_first_output_s": round(
                    statistics.median(r["first_output_s"] for r in runs), 2
                ),
                "median_exit_s": round(statistics.median(r["exit_s"] for r in runs), 2),
                "median_cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 2),
                "min_first_output_s": round(min(r["first_output_s"] for r in runs), 2),
                "max_first_output_s": round(max(r["first_output_s"] for r in runs), 2),
                "entities": runs[0]["entities"],
                "runs": runs,
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "config": args.config,
        "runs_per_input": args.runs,
        "cold_cache_kk+en": cold,
        "results": results,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores visible, "
        f"Python {platform.python_version()}",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    out = ROOT / args.output
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    rows = [
        "| input | median to first output | median process exit | median CPU | range | entities |",
        "|---|---|---|---|---|---|",
    ]
    for case, r in results.items():
        rows.append(
            f"| {case} | {r['median_first_output_s']:.2f} s | {r['median_exit_s']:.2f} s | "
            f"{r['median_cpu_s']:.2f} s | {r['min_first_output_s']:.2f}–{r['max_first_output_s']:.2f} s "
            f"| {r['entities']} |"
        )
    rows.append(
        f"\nCold resource cache (first run, kk+en): {cold['first_output_s']:.2f} s to first "
        f"output, {cold['cpu_s']:.2f} s CPU. Load average before/after: "
        f"{result['load_average_before']} / {result['load_average_after']}. "
        f"{result['machine']}, {result['date']}."
    )
    (out.with_suffix(".md")).write_text("\n".join(rows) + "\n", encoding="utf-8")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
