"""English development and held-out figures of a pipeline config, by document.

Usage: python benchmarks/english.py [--config configs/default.yaml] [--final] [--errors N]

Parts scored (micro-F1 over PERSON and PLACE, and ORG on its own; the domain passages also
over PERSON, PLACE, DATE, COUNT):

- the English domain passages (``DOMAIN_DEV``, default ``../shared/domain_dev/gold.jsonl``),
  split by passage: a fixed quarter of the passages (SHA-256 rank with seed 13) is the
  held-out part, the rest the development part;
- the document-level parts of the English train config (``configs/train/en-spacy.yaml``):
  UNER English-EWT and wikigold documents (dev part: the model picked its epoch on it;
  held-out part: never trained on), GUM's official dev files;
- with ``--final`` only: the held-out parts, including GUM's test files (not in the train
  config; they are read from ``EN_EXTRA``). Look at them once, at the end.

Documents are scored whole (wikigold articles, GUM files, UNER posts: the sentences of a
document joined by newlines), so that document-level passes count. Writes
``benchmarks/results/english{,-final}.{json,md}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAMES = ["PERSON", "PLACE"]
MISSION = ["PERSON", "PLACE", "DATE", "COUNT"]
SEED = 13
HELDOUT_SHARE = 0.25


def domain_parts(path: Path) -> dict[str, list[Any]]:
    """The English domain passages, split by passage into ``dev`` and ``heldout``."""
    from pipeline.annotations import read_annotated

    docs = [d for d in read_annotated(path) if d.lang == "en"]
    ranked = sorted(
        docs, key=lambda d: hashlib.sha256(f"{SEED}:domain:{d.id}".encode()).hexdigest()
    )
    n = round(HELDOUT_SHARE * len(ranked))
    held = {d.id for d in ranked[:n]}
    return {
        "dev": [d for d in docs if d.id not in held],
        "heldout": [d for d in docs if d.id in held],
    }


def rows_to_documents(rows: list[dict[str, Any]]) -> list[Any]:
    """Gold documents from token rows: one per ``doc_id``, sentences on their own lines."""
    from pipeline.iob import tags_to_chunks
    from pipeline.types import Document, Span

    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_doc[r["doc_id"]].append(r)
    out = []
    for doc_id, doc_rows in by_doc.items():
        text, spans = "", []
        for k, r in enumerate(doc_rows):
            if k:
                text += "\n"
            offsets = []
            for j, tok in enumerate(r["tokens"]):
                if j:
                    text += " "
                offsets.append((len(text), len(text) + len(tok)))
                text += tok
            for first, end, label in tags_to_chunks(r["tags"]):
                spans.append((offsets[first][0], offsets[end - 1][1], label))
        ents = [Span.from_text(text, s, e, lab) for s, e, lab in spans]
        out.append(Document(doc_id, text, "en", {}, ents))
    return out


def conll_rows(tcfg: Any, part: str) -> dict[str, list[dict[str, Any]]]:
    """Rows of each source of the train config in one split part."""
    from pipeline.training.data import prepare_data
    from pipeline.training.sources import dataset_tags

    split = prepare_data(tcfg).splits[part]
    tags = dataset_tags(split)
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i, (src, doc_id, toks) in enumerate(
        zip(split["source"], split["doc_id"], split["tokens"], strict=True)
    ):
        out[src].append({"doc_id": doc_id, "tokens": toks, "tags": tags[i]})
    return {src: gum_documents(src, r) if src.startswith("gum") else r for src, r in out.items()}


def gum_test_rows(extra: Path) -> dict[str, list[dict[str, Any]]]:
    from pipeline.training.sources import SourceSpec, load_source_rows

    out = {}
    for kind in ("news", "interview"):
        spec = SourceSpec(
            str(extra / f"gum_{kind}.test.iob2"),
            "conll",
            name=f"gum-{kind}-test",
            lang="en",
            label_map={"PER": "PERSON", "LOC": "PLACE", "ORG": "ORG"},
        )
        rows, _ = load_source_rows(spec, ["PERSON", "PLACE", "ORG"])
        out[spec.name] = gum_documents(
            spec.name, [{"tokens": r["tokens"], "tags": r["ner_tags"]} for r in rows]
        )
    return out


_DATELINE = re.compile(r"^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day , \w+ \d+ , \d{4}$")


def gum_documents(name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """GUM's files mark no documents; a Wikinews article opens with its title, then a line
    ``Friday , May 8 , 2009``: a document starts at the row before such a line."""
    starts = {i - 1 for i, r in enumerate(rows) if i and _DATELINE.match(" ".join(r["tokens"]))}
    out, doc = [], 0
    for i, r in enumerate(rows):
        if i in starts and i:
            doc += 1
        out.append(r | {"doc_id": f"{name}:{doc}"})
    return out


def score(pipeline: Any, gold: list[Any], errors: int = 0) -> dict[str, Any]:
    from pipeline.evaluation.scoring import evaluate_documents
    from pipeline.types import Document

    pred = [pipeline(Document(d.id, d.text, "en", dict(d.meta))) for d in gold]
    result = evaluate_documents(gold, pred)
    labels = result["per_label"]
    row = {
        "documents": len(gold),
        "names": _names_micro(gold, pred),
        "PERSON": round(labels["PERSON"]["f1"], 3),
        "PLACE": round(labels["PLACE"]["f1"], 3),
        "ORG": round(result["org"]["f1"], 3),
        "mission": round(result["headline"]["f1"], 3),
        "support": labels["PERSON"]["support"] + labels["PLACE"]["support"],
    }
    if errors:
        row["errors"] = [
            f"{e['doc']} {e['kind']} {e['label']} {e['text']!r} | {e['context']}"
            for e in result["errors"]
            if e["label"] in ("PERSON", "PLACE", "ORG")
        ][:errors]
    return row


def _names_micro(gold: list[Any], pred: list[Any]) -> float:
    """seqeval micro-F1 over PERSON and PLACE only."""
    from pipeline.evaluation.scoring import score_sequences, shared_tokens
    from pipeline.iob import spans_to_tags

    by_id = {d.id: d for d in pred}
    t_all, p_all = [], []
    for g in gold:
        gs = [s for s in g.entities if s.label in NAMES]
        ps = [s for s in by_id[g.id].entities if s.label in NAMES]
        toks = shared_tokens(g.text, [gs, ps])
        t_all.append(spans_to_tags(toks, gs))
        p_all.append(spans_to_tags(toks, ps))
    if not any(t != "O" for seq in t_all + p_all for t in seq):
        return 0.0
    return round(score_sequences(t_all, p_all)["micro"]["f1"], 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="configs/default.yaml")
    parser.add_argument("--train-config", default="configs/train/en-spacy.yaml")
    parser.add_argument("--final", action="store_true", help="score the held-out parts")
    parser.add_argument("--errors", type=int, default=0, help="list N errors per part")
    parser.add_argument("--only", help="score only parts whose name contains this")
    parser.add_argument("--output", default=None)
    args = parser.parse_args()
    from pipeline.config import load_config
    from pipeline.engine import Pipeline
    from pipeline.io import write_text_atomic
    from pipeline.training.config import load_train_config

    part = "heldout" if args.final else "dev"
    parts: dict[str, list[Any]] = {}
    domain = Path(os.environ.get("DOMAIN_DEV", ROOT.parent / "shared/domain_dev/gold.jsonl"))
    if domain.exists():
        parts[f"domain passages, {part}"] = domain_parts(domain)[part]
    tcfg = load_train_config(ROOT / args.train_config)
    if all(Path(s.path).exists() for s in tcfg.sources):
        for src, rows in conll_rows(tcfg, part).items():
            parts[f"{src}, {part}"] = rows_to_documents(rows)
    extra = Path(os.environ.get("EN_EXTRA", ROOT.parent / "shared/en_extra"))
    if args.final and (extra / "gum_news.test.iob2").exists():
        for src, rows in gum_test_rows(extra).items():
            parts[src] = rows_to_documents(rows)
    if args.only:
        parts = {k: v for k, v in parts.items() if args.only in k}
    pipeline = Pipeline(load_config(args.config))
    started = time.perf_counter()
    rows = {}
    for name, gold in parts.items():
        rows[name] = score(pipeline, gold, args.errors)
        r = rows[name]
        print(
            f"{name:<32} docs {r['documents']:>4}  PERSON+PLACE {r['names']:.3f}  "
            f"PERSON {r['PERSON']:.3f}  PLACE {r['PLACE']:.3f}  ORG {r['ORG']:.3f}  "
            f"mission {r['mission']:.3f}",
            flush=True,
        )
        for e in r.get("errors", []):
            print("   ", e)
    suffix = "-final" if args.final else ""
    out = args.output or f"benchmarks/results/english{suffix}"
    result = {
        "config": args.config,
        "part": part,
        "rows": {k: {x: y for x, y in v.items() if x != "errors"} for k, v in rows.items()},
        "seconds": round(time.perf_counter() - started, 1),
    }
    write_text_atomic(f"{out}.json", json.dumps(result, indent=2) + "\n")
    lines = [
        f"# English figures of `{args.config}` ({part} parts)",
        "",
        "seqeval strict IOB2 over whole documents; PERSON+PLACE is micro-F1 over both;",
        "mission is micro over PERSON, PLACE, DATE, COUNT (only the domain passages have all).",
        "",
        "| part | documents | PERSON+PLACE | PERSON | PLACE | ORG | mission |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['documents']} | **{r['names']:.3f}** | {r['PERSON']:.3f} | "
            f"{r['PLACE']:.3f} | {r['ORG']:.3f} | {r['mission']:.3f} |"
        )
    write_text_atomic(f"{out}.md", "\n".join(lines) + "\n")
    print(f"wrote {out}.json and {out}.md")


if __name__ == "__main__":
    main()
