"""Throughput and memory of a config beside plain spaCy running the same models.

Usage: python benchmarks/throughput.py [--config configs/default.yaml] [--runs 3] [--quick]
       [--only cpu,components,memory,engines]

Text no cache has seen, read at run time from the shared data (``PIPELINE_SHARED``,
``KAZNERD``, ``UNER_EN``): *short* is KazNERD validation sentences and UNER English-EWT
dev sentences (one a document); *news* is news-length documents: the domain_dev passages,
KazNERD sentences 25 at a time and en_extra (GUM news and interviews, wikigold) sentences
25 at a time. Every record carries its language, for both sides.

- ``cpu``: whole-process CPU time (user + system, start-up included) of ``python -m
  pipeline run`` and of ``benchmarks/plain_spacy.py`` (``spacy.load`` of the shipped models,
  ``nlp.pipe``) on each set, each pinned to one core with ``taskset -c 0``; medians of
  ``--runs`` runs, and the ratio.
- ``components``: CPU time per component and stage in one process (``Pipeline.pipe``).
- ``memory``: peak RSS of ``pipeline run`` on 1,000 and 20,000 short documents (the set
  cycled) and on one 1,000,000-character English document (en_extra paragraphs, cycled).
- ``engines``: wall time of 1,000 news documents (the set cycled) with the local engine and
  the Dask engine, 1 and 2 workers, and the speed-up of 2 over 1.

Writes benchmarks/results/throughput.json and throughput.md. The machine is recorded; on a
shared machine the CPU times vary less than wall times, but both vary.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

SHARED = Path(os.environ.get("PIPELINE_SHARED", ROOT.parent / "shared"))
PY = sys.executable
SECTIONS = ("cpu", "components", "memory", "engines")
NEWS_SENTENCES = 25  # sentences per news-length document made of corpus sentences


def iob_sentences(path: Path, column: int) -> list[str]:
    """The sentences of an IOB file, each its ``column``-th tokens joined by spaces."""
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


def load_sets(quick: bool) -> dict[str, list[dict]]:
    """The two sets as JSONL records (id, lang, text)."""
    rng = random.Random(17)
    kaznerd = Path(os.environ.get("KAZNERD", SHARED / "kaznerd")) / "IOB2_valid.txt"
    uner = Path(os.environ.get("UNER_EN", SHARED / "uner_en")) / "en_ewt-ud-dev.iob2"
    extra = SHARED / "en_extra"
    passages = SHARED / "domain_dev" / "texts.jsonl"
    missing = [p for p in (kaznerd, uner, extra, passages) if not p.exists()]
    if missing:
        raise SystemExit(f"missing shared data: {', '.join(map(str, missing))}")
    kk = [s for s in iob_sentences(kaznerd, 0) if any(c.isalpha() for c in s)]
    en = [s for s in iob_sentences(uner, 1) if any(c.isalpha() for c in s)]
    rng.shuffle(kk)
    rng.shuffle(en)
    n = 500 if quick else 5000
    short = [{"id": f"kk{i}", "lang": "kk", "text": t} for i, t in enumerate(kk[:n])]
    short += [{"id": f"en{i}", "lang": "en", "text": t} for i, t in enumerate(en[:n])]
    news = [json.loads(line) for line in passages.read_text(encoding="utf-8").splitlines()]
    news = [{"id": r["id"], "lang": r["lang"], "text": r["text"]} for r in news]
    for k in range(0, len(kk) - NEWS_SENTENCES + 1, NEWS_SENTENCES):
        text = " ".join(kk[k : k + NEWS_SENTENCES])
        news.append({"id": f"kk-news{k}", "lang": "kk", "text": text})
    en_extra = []
    for name in sorted(extra.glob("*.iob2")):
        en_extra += iob_sentences(name, 0)
    for k in range(0, len(en_extra) - NEWS_SENTENCES + 1, NEWS_SENTENCES):
        text = " ".join(en_extra[k : k + NEWS_SENTENCES])
        news.append({"id": f"en-news{k}", "lang": "en", "text": text})
    news.sort(key=lambda r: r["lang"])  # a language at a time, for plain spaCy's batches
    if quick:
        news = news[:60] + news[-60:]
    return {"short": short, "news": news, "_en_extra": en_extra}  # type: ignore[dict-item]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def cycled(records: list[dict], n: int) -> list[dict]:
    return [{**records[i % len(records)], "id": str(i)} for i in range(n)]


def _tree_cpu(root: int, seen: dict[int, float]) -> None:
    """Record the CPU seconds so far of ``root`` and every process under it (``/proc``)."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    tree = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                changed = True
    for pid in tree:
        if pid in times:
            seen[pid] = max(seen.get(pid, 0.0), times[pid])


def measure(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``cmd``: CPU seconds (user + system) of it and every process under it, wall
    seconds, and peak RSS (MB: the largest of the process and the children it waited for).

    The CPU of processes it waited for comes from the kernel's accounting; that of others
    (a pool's workers are children of a fork server, Dask's of a nanny) from sampling
    ``/proc`` every 0.1 s, which misses at most their last 0.1 s each."""
    before = os.times()
    started = time.perf_counter()
    sampled: dict[int, float] = {}
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                _tree_cpu(proc.pid, sampled)

        sampler = threading.Thread(target=sample, daemon=True)
        if os.path.isdir("/proc"):
            sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        if status != 0:
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr[-2000:]}")
    after = os.times()
    waited = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    # the kernel's figure covers the process and the children it waited for; the sampled
    # figure every process seen, a little short for each: the larger of the two
    cpu = max(waited, sum(sampled.values()))
    return {
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


def pipeline_cmd(config: str, inp: Path, out: Path, *extra: str) -> list[str]:
    return [
        PY,
        "-m",
        "pipeline",
        "run",
        "--config",
        config,
        "--input",
        str(inp),
        "--output",
        str(out),
        "--quiet",
        *extra,
    ]


def pinned(cmd: list[str]) -> list[str]:
    return ["taskset", "-c", "0", *cmd] if shutil.which("taskset") else cmd


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}


def cpu_section(config: str, sets: dict, tmp: Path, runs: int) -> dict:
    out = {}
    for name in ("short", "news"):
        records = sets[name]
        inp = write_jsonl(tmp / f"{name}.jsonl", records)
        ours, plain = [], []
        for _ in range(runs):
            ours.append(measure(pinned(pipeline_cmd(config, inp, tmp / f"{name}-out.jsonl"))))
            plain.append(
                measure(pinned([PY, str(ROOT / "benchmarks" / "plain_spacy.py"), str(inp)]))
            )
        o, p = median_of(ours), median_of(plain)
        out[name] = {
            "documents": len(records),
            "characters": sum(len(r["text"]) for r in records),
            "whitespace_tokens": sum(len(r["text"].split()) for r in records),
            "pipeline": o,
            "plain_spacy": p,
            "pipeline_runs_cpu_s": [r["cpu_s"] for r in ours],
            "plain_spacy_runs_cpu_s": [r["cpu_s"] for r in plain],
            "cpu_ratio": round(o["cpu_s"] / p["cpu_s"], 2),
        }
        print(f"cpu {name}: {out[name]}", flush=True)
    return out


def components_section(config: str, sets: dict) -> dict:
    """CPU per component in this process, pinned to one core (models loaded beforehand)."""
    import logging

    import pipeline.engine as engine
    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.io import read_documents
    from pipeline.types import Document

    logging.getLogger("pipeline").setLevel(logging.ERROR)
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if affinity:
        os.sched_setaffinity(0, {sorted(affinity)[0]})
    pipe = Pipeline(load_config(ROOT / config))
    for doc in read_documents(ROOT / "corpus"):  # models and gazetteers load
        list(pipe.pipe([Document(doc.id, doc.text, doc.lang)]))
    out = {}
    for name in ("short", "news"):
        timings: dict[str, float] = defaultdict(float)

        def wrap(fn, label, timings=timings):  # type: ignore[no-untyped-def]
            def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
                t = time.process_time()
                try:
                    return fn(*args, **kwargs)
                finally:
                    timings[label] += time.process_time() - t

            return timed

        stages = ("merge_spans", "normalise_spans")
        originals = {s: getattr(engine, s) for s in stages}
        for comp in pipe.components:
            comp.propose = wrap(comp.propose, comp.name)
            if hasattr(comp, "propose_batch"):
                comp.propose_batch = wrap(comp.propose_batch, comp.name)
        for s in stages:
            setattr(engine, s, wrap(originals[s], s))
        from pipeline import layers

        # the shared layers are timed where they are computed, not in their first reader
        layer_fns = dict(layers._PROVIDERS)
        for lname, fn in layer_fns.items():
            layers._PROVIDERS[lname] = wrap(fn, f"layer {lname}")
        docs = [Document(r["id"], r["text"], r["lang"]) for r in sets[name]]
        start = time.process_time()
        for _ in pipe.pipe(docs):
            pass
        total = time.process_time() - start
        layers._PROVIDERS.update(layer_fns)
        for s in stages:
            setattr(engine, s, originals[s])
        for comp in pipe.components:
            comp.__dict__.pop("propose", None)
            comp.__dict__.pop("propose_batch", None)
        # a layer's time is also inside the component that asked for it first: take it out
        parts = dict(timings)
        rest = total - sum(v for k, v in parts.items() if not k.startswith("layer "))
        parts["engine, combiner, consistency, output"] = max(0.0, rest)
        out[name] = {
            "cpu_s": round(total, 3),
            "seconds_by_part": {
                k: round(v, 3) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])
            },
        }
        print(f"components {name}: {out[name]}", flush=True)
    if affinity:
        os.sched_setaffinity(0, affinity)
    return out


def memory_section(config: str, sets: dict, tmp: Path, quick: bool) -> dict:
    out = {}
    sizes = (100, 1000) if quick else (1000, 20000)
    for n in sizes:
        inp = write_jsonl(tmp / f"mem{n}.jsonl", cycled(sets["short"], n))
        out[f"{n}_short_documents"] = measure(pipeline_cmd(config, inp, tmp / "mem-out.jsonl"))
        print(f"memory {n}: {out[f'{n}_short_documents']}", flush=True)
    chars = 100_000 if quick else 1_000_000
    paragraphs = [
        " ".join(sets["_en_extra"][k : k + 6]) for k in range(0, len(sets["_en_extra"]), 6)
    ]
    text = ""
    k = 0
    while len(text) < chars:
        text += paragraphs[k % len(paragraphs)] + "\n\n"
        k += 1
    inp = write_jsonl(tmp / "long.jsonl", [{"id": "long", "lang": "en", "text": text[:chars]}])
    out[f"one_{chars}_char_document"] = measure(pipeline_cmd(config, inp, tmp / "long-out.jsonl"))
    print(f"memory long: {out[f'one_{chars}_char_document']}", flush=True)
    return out


def engines_section(config: str, sets: dict, tmp: Path, quick: bool) -> dict:
    n = 200 if quick else 1000
    inp = write_jsonl(tmp / "engines.jsonl", cycled(sets["news"], n))
    out: dict = {"documents": n}
    outputs = []
    for engine in ("local", "dask"):
        rows = {}
        for workers in (1, 2):
            target = tmp / f"engines-{engine}-{workers}.jsonl"
            extra = ["--engine", engine, "--workers", str(workers)]
            rows[workers] = measure(pipeline_cmd(config, inp, target, *extra))
            outputs.append(target.read_bytes())
            print(f"engines {engine} {workers}: {rows[workers]}", flush=True)
        out[engine] = {
            "1_worker": rows[1],
            "2_workers": rows[2],
            "speed_up": round(rows[1]["wall_s"] / rows[2]["wall_s"], 2),
            "cpu_2_over_1": round(rows[2]["cpu_s"] / rows[1]["cpu_s"], 2),
        }
    out["outputs_identical"] = all(o == outputs[0] for o in outputs)
    return out


def markdown(result: dict) -> str:
    lines = ["# Throughput and memory beside plain spaCy", ""]
    lines.append(f"Machine: {result['machine']}; load average {result['load_average']}.")
    lines.append(f"Config: `{result['config']}`; {result['date']}.")
    cpu = result.get("cpu")
    if cpu:
        lines += [
            "",
            f"## Whole-process CPU, one core (`taskset -c 0`), median of {result['runs']}",
            "",
            "| set | documents | tokens | pipeline CPU s | plain spaCy CPU s | ratio | "
            "pipeline peak MB | plain spaCy peak MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, r in cpu.items():
            lines.append(
                f"| {name} | {r['documents']:,} | {r['whitespace_tokens']:,} | "
                f"{r['pipeline']['cpu_s']} | {r['plain_spacy']['cpu_s']} | **{r['cpu_ratio']}x** | "
                f"{r['pipeline']['peak_rss_mb']} | {r['plain_spacy']['peak_rss_mb']} |"
            )
    comps = result.get("components")
    if comps:
        lines += ["", "## CPU by component (one process, models loaded beforehand)", ""]
        names = list(dict.fromkeys(k for r in comps.values() for k in r["seconds_by_part"]))
        lines.append("| part | " + " | ".join(comps) + " |")
        lines.append("|---|" + "---:|" * len(comps))
        for part in names:
            cells = []
            for r in comps.values():
                v = r["seconds_by_part"].get(part, 0.0)
                cells.append(f"{v:.2f} s ({v / r['cpu_s']:.0%})")
            lines.append(f"| {part} | " + " | ".join(cells) + " |")
        lines.append(
            "| total | " + " | ".join(f"{r['cpu_s']:.2f} s" for r in comps.values()) + " |"
        )
        lines.append("")
        lines.append(
            "A layer's time (`layer ...`) is also counted in the component that asked for it "
            "first, or in the engine's share (the `tokens` layer, which the engine makes "
            "for the models)."
        )
    mem = result.get("memory")
    if mem:
        lines += ["", "## Peak memory of `pipeline run` (RSS)", ""]
        lines += ["| input | peak MB | CPU s | wall s |", "|---|---:|---:|---:|"]
        for name, r in mem.items():
            lines.append(
                f"| {name.replace('_', ' ')} | {r['peak_rss_mb']} | {r['cpu_s']} | {r['wall_s']} |"
            )
    eng = result.get("engines")
    if eng:
        lines += ["", f"## Engines on {eng['documents']:,} news documents (wall time)", ""]
        lines += [
            "| engine | 1 worker s | 2 workers s | speed-up | total CPU, 2 over 1 |",
            "|---|---:|---:|---:|---:|",
        ]
        for name in ("local", "dask"):
            r = eng[name]
            lines.append(
                f"| {name} | {r['1_worker']['wall_s']} | {r['2_workers']['wall_s']} | "
                f"**{r['speed_up']}x** | {r['cpu_2_over_1']} |"
            )
        lines.append("")
        lines.append(
            f"Outputs of every engine and worker count identical: {eng['outputs_identical']}."
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="small sets: a smoke test")
    parser.add_argument("--only", default=",".join(SECTIONS))
    parser.add_argument("--output", default="benchmarks/results/throughput.json")
    args = parser.parse_args()
    sections = set(args.only.split(","))
    os.chdir(ROOT)
    sets = load_sets(args.quick)
    out_path = ROOT / args.output
    # sections not rerun keep their last figures
    last = json.loads(out_path.read_text(encoding="utf-8")) if out_path.is_file() else {}
    result = {k: v for k, v in last.items() if k in SECTIONS and k not in sections}
    if result:
        result["kept_from"] = last.get("kept_from") or last.get("date")
    result.update(
        {
            "config": args.config,
            "runs": args.runs,
            "quick": args.quick,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared with other "
            f"work), Python {platform.python_version()}",
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        # the resource cache is built once, before anything is measured
        warm = write_jsonl(tmp / "warm.jsonl", sets["short"][:1] + sets["short"][-1:])
        measure(pipeline_cmd(args.config, warm, tmp / "warm-out.jsonl"))
        if "cpu" in sections:
            result["cpu"] = cpu_section(args.config, sets, tmp, args.runs)
        if "memory" in sections:
            result["memory"] = memory_section(args.config, sets, tmp, args.quick)
        if "engines" in sections:
            result["engines"] = engines_section(args.config, sets, tmp, args.quick)
        if "components" in sections:
            result["components"] = components_section(args.config, sets)
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md = markdown(result)
    out_path.with_suffix(".md").write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
