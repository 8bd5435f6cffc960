"""Documents near ``max_chars``: time and peak memory of a run on one very long document.

Usage: python benchmarks/near_max_chars.py [--config configs/default.yaml] [--chars 1900000]
For each language, builds one document of about ``--chars`` characters from the corpus
text (paragraphs repeated, kept as paragraphs), and one of a tenth of that, runs
``python -m pipeline run`` on each in a fresh process, and writes
benchmarks/results/near_max_chars.json with seconds, peak resident memory (MiB) and
entities found. Documents over spaCy's own limit (1,000,000 characters) used to fail
with its error E088; the pipeline's limit is ``max_chars`` (2,000,000 by default).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def run_one(config: str, text: str, lang: str, work: Path) -> dict:
    inp, out = work / f"{lang}-{len(text)}.jsonl", work / f"{lang}-{len(text)}.out.jsonl"
    inp.write_text(json.dumps({"id": "long", "text": text, "lang": lang}) + "\n")
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", config]
    cmd += ["--input", str(inp), "--output", str(out), "--quiet"]
    # ru_maxrss of the children is the largest child's peak: one child per call, and a
    # fresh interpreter each time, so the figure is this run's (or an earlier larger one's;
    # the runs go from short to long).
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    record = json.loads(out.read_text(encoding="utf-8"))
    return {
        "lang": lang,
        "chars": len(text),
        "seconds": round(seconds, 1),
        "peak_rss_mib": round(peak_mib),
        "entities": len(record["entities"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--chars", type=int, default=1_900_000)
    parser.add_argument("--output", default="benchmarks/results/near_max_chars.json")
    args = parser.parse_args()
    from pipeline.io import read_documents, write_text_atomic
    from pipeline.langid import detect_language

    by_lang: dict[str, str] = {}
    for doc in read_documents(ROOT / "corpus"):
        lang = doc.lang or detect_language(doc.text) or "und"
        by_lang[lang] = (by_lang.get(lang, "") + "\n\n" + doc.text).strip()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (args.chars // 10, args.chars):
            for lang, base in sorted(by_lang.items()):
                text = "\n\n".join([base] * (size // (len(base) + 2) + 1))[:size]
                rows.append(run_one(args.config, text, lang, Path(tmp)))
                print(rows[-1], flush=True)
    result = {
        "config": args.config,
        "rows": rows,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_text_atomic(args.output, json.dumps(result, indent=2) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
