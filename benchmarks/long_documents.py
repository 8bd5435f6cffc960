"""How the time per document grows with its length: it should grow linearly.

Usage: python benchmarks/long_documents.py [--config configs/default.yaml] [--max-repeat 32]
Builds one-line documents of 1, 2, 4, ... copies of each corpus language's text (newlines
replaced by spaces: a whole article in one JSONL field, the worst case for rules that scan
lines), times the pipeline on each, and writes benchmarks/results/long_documents.json with
seconds and microseconds per character. A ratio of time per character near 1 between the
longest and the shortest documents means linear growth. Times are the CPU time of this
process, so that other work on a shared machine does not show as growth.

It also times one pathological token (``--token-chars``, default 200,000 characters: a
unit word repeated, ``жылдан`` / ``year``, with a date before it) at 1/8, 1/4, 1/2 and
the full length, through the date and number grammar alone (``rules.dates``,
``rules.counts`` and their normalisers) and through the whole config.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--max-repeat", type=int, default=32)
    parser.add_argument("--token-chars", type=int, default=200_000)
    parser.add_argument("--output", default="benchmarks/results/long_documents.json")
    args = parser.parse_args()
    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.io import read_documents, write_text_atomic
    from pipeline.langid import detect_language
    from pipeline.types import Document

    pipeline = Pipeline(load_config(args.config))
    by_lang: dict[str, str] = {}
    for doc in read_documents(ROOT / "corpus"):
        lang = doc.lang or detect_language(doc.text)
        by_lang[lang] = (by_lang.get(lang, "") + " " + doc.text.replace("\n", " ")).strip()
    rows = []
    for lang, base in sorted(by_lang.items()):
        # first calls build caches; not the same text, or the per-document scan is cached
        pipeline(Document("warm-up", base + " .", lang))
        repeat = 1
        while repeat <= args.max_repeat:
            text = " ".join([base] * repeat)
            doc = Document("long", text, lang)
            started = time.process_time()
            pipeline(doc)
            seconds = time.process_time() - started
            rows.append(
                {
                    "lang": lang,
                    "copies": repeat,
                    "chars": len(text),
                    "seconds": round(seconds, 3),
                    "us_per_char": round(seconds / len(text) * 1e6, 2),
                }
            )
            print(rows[-1], flush=True)
            repeat *= 2
    ratios = {}
    for lang in by_lang:
        mine = [r for r in rows if r["lang"] == lang]
        ratios[lang] = round(mine[-1]["us_per_char"] / mine[0]["us_per_char"], 2)
    token_rows, token_ratios = long_token_rows(pipeline, args.token_chars)
    result = {
        "config": args.config,
        "rows": rows,
        "time_per_char_longest_over_shortest": ratios,
        "long_token_rows": token_rows,
        "long_token_time_per_char_longest_over_shortest": token_ratios,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_text_atomic(args.output, json.dumps(result, indent=2) + "\n")
    print(f"time per character, longest / shortest: {ratios}; wrote {args.output}")
    print(f"one long token, longest / shortest: {token_ratios}")


def long_token_rows(pipeline, chars: int) -> tuple[list[dict], dict[str, float]]:
    """Time one token of chars/8 .. chars characters: the grammar alone and the whole config."""
    from pipeline.components.counts import CountRules
    from pipeline.components.dates import DateRules
    from pipeline.normalise import normalise_spans
    from pipeline.types import Document

    grammar = (DateRules(), CountRules())

    def run_grammar(doc: Document) -> None:
        spans = grammar[0].propose(doc, []) + grammar[1].propose(doc, [])
        normalise_spans(spans, doc.lang, None, ["dates", "counts"])

    rows = []
    for lang, before, unit in (("kk", "Ол 2019 жылы ", "жылдан"), ("en", "In 2019 ", "year")):
        for share in (8, 4, 2, 1):
            text = before + unit * (chars // share // len(unit)) + " end."
            for what, run in (("grammar", run_grammar), ("config", pipeline)):
                started = time.process_time()
                run(Document("token", text, lang))
                seconds = time.process_time() - started
                rows.append(
                    {
                        "lang": lang,
                        "run": what,
                        "chars": len(text),
                        "seconds": round(seconds, 3),
                        "us_per_char": round(seconds / len(text) * 1e6, 3),
                    }
                )
                print(rows[-1], flush=True)
    ratios = {}
    for lang in ("kk", "en"):
        for what in ("grammar", "config"):
            mine = [r for r in rows if r["lang"] == lang and r["run"] == what]
            ratios[f"{lang} {what}"] = round(mine[-1]["us_per_char"] / mine[0]["us_per_char"], 2)
    return rows, ratios


if __name__ == "__main__":
    main()
