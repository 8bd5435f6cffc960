"""The num2words oracle at scale: numbers written out by num2words must read back exactly.

Usage: python benchmarks/numbers_oracle.py [--upto 100000] [--random 100000] [--seed 12]

Every number from 0 to ``--upto`` and ``--random`` numbers drawn from 0 to 10**12 (and
10**12 itself) are written by num2words in British English, American English (the British
form without ``and`` and commas) and Kazakh (num2words' code ``kz``) and read back by the
grammar (``pipeline.grammar.read_count``). Writes benchmarks/results/numbers_oracle.json
with, per style, how many numbers read back, and the first misreadings. Needs the dev
extra (``pip install -e '.[dev]'``, which has num2words).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upto", type=int, default=100_000)
    parser.add_argument("--random", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--output", default="benchmarks/results/numbers_oracle.json")
    args = parser.parse_args()
    try:
        from num2words import num2words
    except ImportError:
        sys.exit("numbers_oracle: num2words is not installed (pip install -e '.[dev]')")
    from pipeline.grammar import read_count
    from pipeline.io import write_text_atomic

    rng = random.Random(args.seed)
    numbers = list(range(args.upto + 1))
    numbers += [rng.randrange(0, 10**12 + 1) for _ in range(args.random)] + [10**12]
    styles = {
        "en-british": ("en", lambda n: num2words(n, lang="en")),
        "en-american": (
            "en",
            lambda n: num2words(n, lang="en").replace(",", "").replace(" and ", " "),
        ),
        "kk": ("kk", lambda n: num2words(n, lang="kz")),
    }
    result: dict = {"numbers": len(numbers), "upto": args.upto, "random": args.random}
    result["seed"] = args.seed
    result["styles"] = {}
    for style, (lang, write) in styles.items():
        started = time.perf_counter()
        wrong = []
        for n in numbers:
            text = write(n)
            reading = read_count(text, lang)
            value = None if reading is None else reading.norm().get("value")
            if value != n:
                wrong.append({"number": n, "text": text, "read": value})
        seconds = time.perf_counter() - started
        result["styles"][style] = {
            "read_back": len(numbers) - len(wrong),
            "of": len(numbers),
            "seconds": round(seconds, 1),
            "first_misreadings": wrong[:20],
        }
        print(f"{style}: {len(numbers) - len(wrong)} of {len(numbers)} read back", flush=True)
    result["date"] = datetime.now(UTC).isoformat(timespec="seconds")
    write_text_atomic(args.output, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
