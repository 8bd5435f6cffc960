"""Retraining on new annotations: a Label Studio export teaches the model a new entity."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from pipeline.cli import main
from pipeline.errors import ConfigError
from pipeline.tokenize import tokenize
from pipeline.training.config import load_train_config
from pipeline.training.spacy_trainer import new_nlp, predict_tags
from pipeline.types import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REPO = Path(__file__).resolve().parents[1]

# "Old" annotations (KazNERD layout): people and places, but never the town Шәуешек.
OLD = [
    [("Алматыда", "B-GPE"), ("жиын", "O"), ("өтті", "O"), (".", "O")],
    [
        ("Рысбек", "B-PERSON"),
        ("Сәрсенбаев", "I-PERSON"),
        ("сөз", "O"),
        ("сөйледі", "O"),
        (".", "O"),
    ],
    [("Астанада", "B-GPE"), ("кездесу", "O"), ("болды", "O"), (".", "O")],
    [
        ("Еркін", "B-PERSON"),
        ("Рақышев", "I-PERSON"),
        ("Алматыға", "B-GPE"),
        ("келді", "O"),
        (".", "O"),
    ],
    [("Қытайдың", "B-GPE"), ("елшісі", "O"), ("Астанаға", "B-GPE"), ("барды", "O"), (".", "O")],
    [("Тұрсын", "B-PERSON"), ("ақсақал", "O"), ("жиынға", "O"), ("қатысты", "O"), (".", "O")],
    [("Бүгін", "O"), ("ауа", "O"), ("райы", "O"), ("жылы", "O"), (".", "O")],
    [("Шымкентте", "B-GPE"), ("наурыз", "O"), ("тойланды", "O"), (".", "O")],
]

# New sentences labelled in Label Studio: dates, a type the old annotations never marked.
NEW = [
    ("Қыркүйектің 14-і Алматыда жиын өтті.", "Қыркүйектің 14-і"),
    ("Қыркүйектің 20-сы Астанада кездесу болды.", "Қыркүйектің 20-сы"),
    ("Рысбек Сәрсенбаев тамыздың 5-і сөз сөйледі.", "тамыздың 5-і"),
    ("Тамыздың 1-і Шымкентте той болды.", "Тамыздың 1-і"),
    ("Еркін Рақышев қыркүйектің 2-сі келді.", "қыркүйектің 2-сі"),
    ("Қыркүйектің 9-ы ауа райы жылы болды.", "Қыркүйектің 9-ы"),
    ("Тамыздың 30-ы Алматыға қонақтар келді.", "Тамыздың 30-ы"),
    ("Тұрсын ақсақал қыркүйектің 11-і жиынға қатысты.", "қыркүйектің 11-і"),
    ("Тамыздың 17-сі Астанаға елші барды.", "Тамыздың 17-сі"),
    ("Қыркүйектің 25-і мектепте той өтті.", "Қыркүйектің 25-і"),
]
PROBE = "Қыркүйектің 3-і Шымкентте жиын өтті."
# The rest of each new sentence is annotated too (Label Studio labels PER and LOC).
KNOWN = [
    ("Рысбек Сәрсенбаев", "PER"),
    ("Еркін Рақышев", "PER"),
    ("Тұрсын", "PER"),
    ("Алматыда", "LOC"),
    ("Алматыға", "LOC"),
    ("Астанада", "LOC"),
    ("Астанаға", "LOC"),
    ("Шымкентте", "LOC"),
]

SETTINGS = {
    "width": 48,
    "depth": 2,
    "hidden_width": 32,
    "rows": [2000, 500, 1000, 500],
    "epochs": 25,
    "dropout": 0.1,
    "batch_start": 4,
    "batch_end": 4,
    "learn_rate": 0.003,
    "average_params": False,
}


def _write_old(path: Path) -> None:
    path.write_text(
        "\n\n".join("\n".join(f"{t} {g}" for t, g in sent) for sent in OLD) + "\n", encoding="utf-8"
    )


def _write_label_studio(path: Path) -> None:
    tasks = []
    for i, (text, date) in enumerate(NEW):
        start = text.index(date)
        value = {"start": start, "end": start + len(date), "text": date, "labels": ["DATE"]}
        result = [{"value": value, "type": "labels", "from_name": "label", "to_name": "text"}]
        for name, label in KNOWN:
            if name in text:
                at = text.index(name)
                value = {"start": at, "end": at + len(name), "text": name, "labels": [label]}
                result.append(
                    {"value": value, "type": "labels", "from_name": "label", "to_name": "text"}
                )
        tasks.append(
            {"id": i + 1, "data": {"text": text}, "annotations": [{"id": i + 1, "result": result}]}
        )
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")


def _config(path: Path, sources: list[dict], output: Path) -> Path:
    cfg = {
        "name": "kk-test",
        "lang": "kk",
        "seed": 7,
        "labels": ["PERSON", "PLACE", "DATE"],
        "split": {"heldout": 0.0, "dev": 0.0},
        "output": str(output),
        "sources": sources,
        "spacy": SETTINGS,
    }
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


def _entities(model_dir: Path, text: str) -> list[tuple[str, str]]:
    import spacy

    import pipeline.lang.kk  # noqa: F401

    nlp = spacy.load(model_dir)
    words = [t.text for t in tokenize(text, "kk")]
    tags = predict_tags(nlp, [words])[0]
    out: list[list] = []
    for w, t in zip(words, tags, strict=True):
        if t.startswith("B-"):
            out.append([w, t[2:]])
        elif t.startswith("I-"):
            out[-1][0] += " " + w
    return [(w, lab) for w, lab in out]


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("retrain")
    old, export = tmp / "old.txt", tmp / "export.json"
    _write_old(old)
    _write_label_studio(export)
    old_src = {"name": "old", "path": str(old), "format": "conll", "label_map": "kaznerd"}
    new_src = {
        "name": "label-studio",
        "path": str(export),
        "format": "labelstudio",
        "label_map": {"LOC": "PLACE", "PER": "PERSON"},
    }
    cfg_a = _config(tmp / "a.yaml", [old_src], tmp / "model-a")
    cfg_b = _config(tmp / "b.yaml", [old_src, new_src], tmp / "model-b")
    assert main(["train", "--config", str(cfg_a)]) == 0
    assert main(["train", "--config", str(cfg_b)]) == 0
    return tmp, export


def test_new_annotations_teach_the_new_entity(trained):
    tmp, _ = trained
    before = _entities(tmp / "model-a", PROBE)
    after = _entities(tmp / "model-b", PROBE)
    assert not any(lab == "DATE" for _, lab in before)
    assert ("Қыркүйектің 3-і", "DATE") in after
    # the new model still knows the old places
    assert ("Шымкентте", "PLACE") in after


def test_model_card_has_sources_with_hashes(trained):
    tmp, export = trained
    card = json.loads((tmp / "model-b" / "model-card.json").read_text(encoding="utf-8"))
    by_name = {s["name"]: s for s in card["sources"]}
    assert by_name["label-studio"]["sha256"] == hashlib.sha256(export.read_bytes()).hexdigest()
    assert by_name["label-studio"]["format"] == "labelstudio"
    assert by_name["label-studio"]["entities"] == {"DATE": 10, "PERSON": 3, "PLACE": 5}
    assert by_name["label-studio"]["label_map"] == {"LOC": "PLACE", "PER": "PERSON"}
    assert card["seed"] == 7 and card["labels"] == ["PERSON", "PLACE", "DATE"]
    assert card["libraries"]["spacy"].startswith("3.")
    assert len(card["history"]) == SETTINGS["epochs"]
    assert card["date"] and card["config"]["spacy"]["width"] == 48
    md = (tmp / "model-b" / "model-card.md").read_text(encoding="utf-8")
    assert "label-studio" in md and by_name["label-studio"]["sha256"][:16] in md
    size = sum(f.stat().st_size for f in (tmp / "model-b").rglob("*") if f.is_file())
    assert size < 20_000_000


def test_trained_model_works_in_the_ner_spacy_component(trained):
    ner_spacy = pytest.importorskip("pipeline.components.ner_spacy")
    tmp, _ = trained
    comp = ner_spacy.SpacyNER(models={"kk": str(tmp / "model-b")})
    text = "Біз  білеміз.\n" + PROBE
    spans = comp.propose(Document("p", text, "kk"), tokenize(text, "kk"))
    date = next(s for s in spans if s.label == "DATE")
    assert date.text == text[date.start : date.end] == "Қыркүйектің 3-і"


def test_progress_is_logged_per_epoch(tmp_path, caplog):
    old = tmp_path / "old.txt"
    _write_old(old)
    cfg = _config(
        tmp_path / "c.yaml",
        [{"name": "old", "path": str(old), "format": "conll", "label_map": "kaznerd", "dev": 0.25}],
        tmp_path / "m",
    )
    caplog.set_level("INFO")
    assert main(["train", "--config", str(cfg), "--epochs", "2"]) == 0
    epochs = [r.getMessage() for r in caplog.records if r.getMessage().startswith("epoch ")]
    assert len(epochs) == 2 and "dev P" in epochs[0] and "F1" in epochs[0]
    card = json.loads((tmp_path / "m" / "model-card.json").read_text(encoding="utf-8"))
    assert card["dev_rows"] == 2 and card["dev_scores"]["micro"]["support"] >= 1


def test_bad_train_config_names_the_key(tmp_path, capsys):
    cfg = tmp_path / "bad.yaml"
    cfg.write_text(
        "name: x\nlang: kk\nsources: [{path: a.txt, format: conll, label_map: kaznerd}]\nspacy: {depht: 2}\n"
    )
    assert main(["train", "--config", str(cfg)]) == 2
    assert "key 'spacy.depht'" in capsys.readouterr().err
    with pytest.raises(ConfigError):
        load_train_config(tmp_path / "missing.yaml")


def test_blank_kk_pipeline_is_the_project_language():
    assert new_nlp("kk").lang == "kk"


@pytest.mark.parametrize("name", ["kk-spacy", "en-spacy", "kk-spacy-gold"])
def test_shipped_train_configs_are_valid(name):
    cfg = load_train_config(REPO / "configs" / "train" / f"{name}.yaml")
    assert cfg.backend == "spacy" and cfg.sources


@pytest.mark.parametrize(
    ("lang", "probe", "expected"),
    [
        ("kk", "Қыркүйектің 14-і Алматыда жиын өтті .", "Алматыда"),
        ("en", "He moved to Chicago last year .", "Chicago"),
    ],
)
def test_shipped_models_load_and_tag(lang, probe, expected):
    model = REPO / "models" / f"{lang}-ner"
    if not (model / "meta.json").is_file():
        pytest.skip(
            f"{model} not trained yet (python -m pipeline train --config configs/train/{lang}-spacy.yaml)"
        )
    import spacy

    import pipeline.lang.kk  # noqa: F401

    nlp = spacy.load(model)
    words = [t.text for t in tokenize(probe, lang)]
    tags = predict_tags(nlp, [words])[0]
    assert tags[words.index(expected)] == "B-PLACE"
    card = json.loads((model / "model-card.json").read_text(encoding="utf-8"))
    assert card["heldout_scores"]["micro"]["support"] > 0
    assert sum(f.stat().st_size for f in model.rglob("*") if f.is_file()) < 50_000_000


def test_heldout_scores_per_source_and_in_the_card():
    from pipeline.training.card import render_card_md, scores_by_source

    gold = [["B-PERSON", "O"], ["B-PLACE", "O"], ["B-PERSON", "I-PERSON"]]
    pred = [["B-PERSON", "O"], ["O", "O"], ["B-PERSON", "O"]]
    by_source = scores_by_source(["a", "b", "a"], gold, pred, ["PERSON", "PLACE"], ["PERSON"])
    assert list(by_source) == ["a", "b"]
    assert by_source["a"]["rows"] == 2
    # source a: 1 of 2 persons right, 2 predicted -> P 0.5, R 0.5
    assert by_source["a"]["scores"]["micro"]["f1"] == pytest.approx(0.5)
    assert by_source["b"]["scores"]["micro"]["recall"] == 0.0
    assert by_source["b"]["scores_all"]["micro"]["support"] == 0  # no PERSON in b
    card = {
        "name": "m",
        "backend": "spacy",
        "lang": "en",
        "labels": ["PERSON"],
        "score_labels": ["PERSON", "PLACE"],
        "seed": 1,
        "date": "d",
        "sources": [],
        "heldout_rows": 3,
        "heldout_scores": scores_by_source(["x"] * 3, gold, pred, ["PERSON", "PLACE"], ["PERSON"])[
            "x"
        ]["scores"],
        "heldout_by_source": by_source,
    }
    md = render_card_md(card)
    assert "| a | 2 | 0.5000 | 0.5000 | 0.5000 | 2 | 0.5000 |" in md
    assert "| b | 1 | 0.0000 | 0.0000 | 0.0000 | 1 | 0.0000 |" in md
