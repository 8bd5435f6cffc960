"""Batch-run benchmark: throughput (documents/s, tokens/s) for 1 and N workers, and peak
memory (RSS of the whole process tree) for 1,000 and 100,000 documents.

    .venv/bin/python benchmarks/batch.py                      # the full run (minutes)
    .venv/bin/python benchmarks/batch.py --memory-sizes 1000,10000 --throughput-docs 500

The corpus is synthetic but news-like: Kazakh and English sentences from templates filled
with places and organisations from ``pipeline/resources/gazetteer/*.yaml``, person names,
dates and numbers (a fixed seed, so every run reads the same text). Each measurement runs
``python -m pipeline run`` in a subprocess, as a user would, and samples the RSS of that
process and all its children every 50 ms. Results go to ``benchmarks/results/batch.json``
and ``benchmarks/results/batch.md``.

The pipeline is ``configs/rules-only.yaml`` (no statistical model) unless ``--config``
names another; ``--gazetteer-only`` uses the gazetteer alone (fastest).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
GAZETTEER = ROOT / "pipeline" / "resources" / "gazetteer"
RESULTS = ROOT / "benchmarks" / "results"
TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-/'’]\w+)*|\S")  # as pipeline.lexicon.WORD

GAZETTEER_ONLY = """\
languages: [kk, en]
components:
  - name: rules.gazetteer
"""

EN_MONTHS = (
    "January February March April May June July August September October November December".split()
)
KK_MONTHS = (
    "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split()
)
EN_PEOPLE = [
    "Serikzhan Bilash",
    "Gulnar Omirzakh",
    "Sayragul Sauytbay",
    "Kairat Samarkhan",
    "Nurlan Kokteubai",
    "Aigerim Tleuzhan",
    "Yerlan Kalikhan",
    "Dina Zhaksylykova",
]
KK_PEOPLE = [
    "Серікжан Біләш",
    "Гүлнар Өмірзақ",
    "Сайрагүл Сауытбай",
    "Қайрат Самарқан",
    "Нұрлан Көктеубай",
    "Әйгерім Тілеужан",
    "Ерлан Қалиқан",
    "Дина Жақсылықова",
]
N_WORDS = {
    "en": [12, 35, 120, 1500, "2,000", "hundreds of", "dozens of"],
    "kk": [12, 35, 120, 1500, "2 000", "жүздеген", "ондаған"],
}
EN_TEMPLATES = [
    "On {date}, relatives of detainees gathered in {place} to ask {org} for help.",
    "{person} told {org} that {n} people from {place} had been held since {year}.",
    "According to {org}, at least {n} ethnic Kazakhs were detained in {place}.",
    "The statement was published by {org} in {place} on {date}.",
    "{person}, who lives in {place}, said her brother had not been heard from since {month} {year}.",
    "Officials in {place} declined to comment on the report, {org} said.",
    "More than {n} letters were sent to {org} and to the authorities in {place}.",
    "{person} spoke to reporters outside the offices of {org} in {place}.",
]
KK_TEMPLATES = [
    "{year} жылғы {day} {kmonth} {place} қаласында туыстары жиналды.",
    "{person} {org} өкілдеріне {n} адамның ұсталғанын айтты.",
    "{org} мәліметінше, {place} аймағында кемінде {n} этникалық қазақ ұсталған.",
    "{person} {place} қаласында тұрады және {year} жылдан бері інісінен хабар жоқ дейді.",
    "{org} бұл туралы {year} жылы {day} {kmonth} күні мәлімдеді.",
    "Жиынға {n} адам қатысты, олар {org} ұйымына хат жолдады.",
    "{place} билігі бұл мәселе бойынша пікір білдірмеді.",
]


def _variants(path: Path, lang: str) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [v for e in data.get("entries", []) for v in (e.get(lang) or [])]


def make_corpus(path: Path, n: int, seed: int = 2018) -> dict[str, int]:
    """Write ``n`` news-like documents (half Kazakh, half English) as JSONL; count tokens."""
    rnd = random.Random(seed)
    places = {lang: _variants(GAZETTEER / "places.yaml", lang) for lang in ("kk", "en")}
    orgs = {lang: _variants(GAZETTEER / "orgs.yaml", lang) for lang in ("kk", "en")}
    tokens = chars = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            lang = "kk" if i % 2 == 0 else "en"
            templates = KK_TEMPLATES if lang == "kk" else EN_TEMPLATES
            sentences = []
            for _ in range(rnd.randint(4, 8)):
                year = rnd.randint(2016, 2023)
                day = rnd.randint(1, 28)
                month = rnd.randint(1, 12)
                sentences.append(
                    rnd.choice(templates).format(
                        date=f"{EN_MONTHS[month - 1]} {day}, {year}",
                        day=day,
                        month=EN_MONTHS[month - 1],
                        kmonth=KK_MONTHS[month - 1],
                        year=year,
                        n=rnd.choice(N_WORDS[lang]),
                        place=rnd.choice(places[lang]),
                        org=rnd.choice(orgs[lang]),
                        person=rnd.choice(KK_PEOPLE if lang == "kk" else EN_PEOPLE),
                    )
                )
            text = " ".join(sentences)
            tokens += len(TOKEN.findall(text))
            chars += len(text)
            record = {"id": f"bench-{i:07d}", "text": text, "lang": lang}
            record["meta"] = {
                "date": f"{rnd.randint(2016, 2023)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}"
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"documents": n, "tokens": tokens, "characters": chars, "bytes": path.stat().st_size}


# -- memory of a process tree ------------------------------------------------------------


def _children(pid: int) -> dict[int, list[int]]:
    """parent pid → child pids, from /proc (Linux)."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> tuple[int, int]:
    """(total RSS in bytes, number of processes) of ``root`` and all its descendants."""
    tree = _children(root)
    todo, total, count = [root], 0, 0
    while todo:
        pid = todo.pop()
        total += _rss_bytes(pid)
        count += 1
        todo.extend(tree.get(pid, []))
    return total, count


class PeakSampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.peak_processes = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            rss, n = tree_rss(self.pid)
            if rss > self.peak:
                self.peak, self.peak_processes = rss, n
            self.stop.wait(self.interval)


# -- one measured run --------------------------------------------------------------------


def run_once(config: Path, corpus: Path, out: Path, workers: int, engine: str = "local") -> dict:
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", str(config)]
    cmd += ["--input", str(corpus), "--output", str(out), "--workers", str(workers), "--quiet"]
    cmd += ["--engine", engine]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    sampler = PeakSampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    summary = json.loads(out.with_name(out.name + ".summary.json").read_text(encoding="utf-8"))
    return {
        "workers": workers,
        "engine": engine,
        "wall_s": round(wall, 2),
        "run_s": summary["elapsed_s"],
        "first_result_s": summary["first_result_s"],
        "startup_s": round(wall - summary["elapsed_s"], 2),
        "documents": summary["documents"],
        "entities": summary["entities"],
        "peak_rss_mb": round(sampler.peak / 2**20, 1),
        "peak_processes": sampler.peak_processes,
    }


def _rates(result: dict, stats: dict) -> dict:
    run_s = result["run_s"]
    result["docs_per_s"] = round(stats["documents"] / run_s, 1)
    result["tokens_per_s"] = round(stats["tokens"] / run_s)
    result["docs_per_s_wall"] = round(stats["documents"] / result["wall_s"], 1)
    # After the first result: workers started and pipelines loaded (steady state).
    steady_s = run_s - (result["first_result_s"] or 0)
    if steady_s > 0:
        result["steady_docs_per_s"] = round(stats["documents"] / steady_s, 1)
        result["steady_tokens_per_s"] = round(stats["tokens"] / steady_s)
    return result


def _label(config: Path, gazetteer_only: Path) -> str:
    if config == gazetteer_only:
        return "gazetteer only (rules.gazetteer)"
    if config.is_relative_to(ROOT):
        return str(config.relative_to(ROOT))
    return str(config)


def _ints(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--config", type=Path, default=ROOT / "configs" / "rules-only.yaml", help="throughput"
    )
    ap.add_argument(
        "--memory-config", type=Path, help="for the memory runs (default: gazetteer only)"
    )
    ap.add_argument("--gazetteer-only", action="store_true", help="the gazetteer alone throughout")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="N (default: CPUs)")
    ap.add_argument("--throughput-docs", type=int, default=2000)
    ap.add_argument("--memory-sizes", default="1000,100000", help="comma-separated doc counts")
    ap.add_argument("--dask", action="store_true", help="also time the Dask engine (local cluster)")
    ap.add_argument("--out", type=Path, default=RESULTS / "batch.json")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
        tmpdir = Path(tmp)
        gazetteer_only = tmpdir / "gazetteer-only.yaml"
        gazetteer_only.write_text(GAZETTEER_ONLY, encoding="utf-8")
        config = gazetteer_only if args.gazetteer_only else args.config
        memory_config = gazetteer_only if args.gazetteer_only else args.memory_config
        memory_config = memory_config or gazetteer_only
        results: dict = {
            "config": _label(config, gazetteer_only),
            "memory_config": _label(memory_config, gazetteer_only),
            "machine": {
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            },
            "throughput": [],
            "memory": [],
        }

        n = args.throughput_docs
        corpus = tmpdir / f"corpus-{n}.jsonl"
        stats = make_corpus(corpus, n)
        results["throughput_corpus"] = stats
        outputs = []
        runs = [(1, "local"), (args.workers, "local")]
        if args.dask:
            runs.append((args.workers, "dask"))
        for workers, engine in runs:
            out = tmpdir / f"tp-{engine}-{workers}.jsonl"
            r = _rates(run_once(config, corpus, out, workers, engine), stats)
            print(f"throughput {engine} x{workers}: {json.dumps(r)}", flush=True)
            results["throughput"].append(r)
            outputs.append(out.read_bytes())
        results["outputs_identical"] = all(o == outputs[0] for o in outputs)

        for size in _ints(args.memory_sizes):
            corpus = tmpdir / f"corpus-{size}.jsonl"
            stats = make_corpus(corpus, size)
            out = tmpdir / f"mem-{size}.jsonl"
            r = _rates(run_once(memory_config, corpus, out, args.workers), stats)
            r["corpus"] = stats
            print(f"memory {size} docs x{args.workers}: {json.dumps(r)}", flush=True)
            results["memory"].append(r)
            out.unlink()
        mem = results["memory"]
        if len(mem) >= 2:
            results["memory_ratio_largest_to_smallest"] = round(
                mem[-1]["peak_rss_mb"] / mem[0]["peak_rss_mb"], 3
            )
        results["machine"]["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(render_md(results), encoding="utf-8")
    print(f"wrote {args.out} and {args.out.with_suffix('.md')}")
    return 0


def render_md(r: dict) -> str:
    m = r["machine"]
    lines = [
        "# Batch-run benchmark",
        "",
        f"Pipeline: {r['config']} (throughput), {r['memory_config']} (memory). Machine: {m['cpus']} CPUs (shared; load average "
        f"{m['load_avg_at_start'][0]} at start, {m.get('load_avg_at_end', ['?'])[0]} at end), "
        f"Python {m['python']}. Produced by `benchmarks/batch.py`; raw numbers in `batch.json`.",
        "",
        "`run s` is the batch run itself (from reading the input to the last output line,",
        "including starting the workers and loading the pipeline in each; the CLI's own",
        "start-up, imports and config, comes on top: see `wall_s` in batch.json). `start-up s`",
        "is the time to the first result (engine start, pipeline loads). docs/s and tokens/s",
        "are over `run s`; the steady rates over `run s` minus start-up. Memory is the peak RSS summed",
        "over the CLI process and all its children (workers), sampled every 50 ms; shared pages",
        "count once per process, so the sum over-states the real footprint.",
        "",
        f"## Throughput ({r['throughput_corpus']['documents']:,} documents, "
        f"{r['throughput_corpus']['tokens']:,} tokens)",
        "",
        "| engine | workers | run s | start-up s | docs/s | tokens/s | steady docs/s "
        "| steady tokens/s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in r["throughput"]:
        lines.append(
            f"| {t['engine']} | {t['workers']} | {t['run_s']} | {t['first_result_s']} "
            f"| {t['docs_per_s']} | {t['tokens_per_s']:,} | {t.get('steady_docs_per_s')} "
            f"| {t.get('steady_tokens_per_s', 0):,} | {t['peak_rss_mb']} |"
        )
    lines += [
        "",
        f"Outputs of all engines and worker counts byte-identical: {r['outputs_identical']}.",
        "",
        "## Peak memory against corpus size",
        "",
        "| documents | workers | tokens | run s | docs/s | peak RSS MB | processes |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in r["memory"]:
        lines.append(
            f"| {t['corpus']['documents']:,} | {t['workers']} | {t['corpus']['tokens']:,} "
            f"| {t['run_s']} | {t['docs_per_s']} | {t['peak_rss_mb']} | {t['peak_processes']} |"
        )
    if "memory_ratio_largest_to_smallest" in r:
        ratio = r["memory_ratio_largest_to_smallest"]
        lines += ["", f"Peak memory ratio, largest to smallest corpus: **{ratio}** (target ≤ 1.5)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
