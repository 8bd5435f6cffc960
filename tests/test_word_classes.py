"""Word classes for the spaCy trainer (pipeline.word_classes)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.cli import main
from pipeline.errors import ConfigError
from pipeline.training.config import load_train_config
from pipeline.training.spacy_trainer import new_nlp, predict_tags
from pipeline.word_classes import install_word_classes, read_words, word_class_table


def test_read_words_skips_comments_and_multiword_names(tmp_path: Path):
    txt = tmp_path / "names.txt"
    txt.write_text("# Names\nRenee\n\nJosh\nMary Ann\n", encoding="utf-8")
    assert read_words(txt) == ["Renee", "Josh"]
    assert read_words(txt, lower=True) == ["Renee", "renee", "Josh", "josh"]


def test_read_words_honours_the_lower_flag_of_the_world_table(tmp_path: Path):
    tsv = tmp_path / "w.tsv"
    tsv.write_text(
        "# name\tid\tkind\tlatin\tpopulation\tflags\n"
        "Kerala\tIN-KL\tsubdivision\tKerala\t1000000\tlower\n"
        "Norman\tgn:1\tcity\tNorman\t128026\tcue\n"
        "Long Beach\tgn:2\tcity\tLong Beach\t474140\t\n",
        encoding="utf-8",
    )
    assert read_words(tsv) == ["Kerala", "kerala", "Norman"]


def test_the_class_listed_first_wins(tmp_path: Path):
    first, places = tmp_path / "first.txt", tmp_path / "places.txt"
    first.write_text("Laura\nJosh\n", encoding="utf-8")
    places.write_text("Laura\nKerala\n", encoding="utf-8")
    table = word_class_table({"__first__": [str(first)], "__place__": [str(places)]})
    assert table == {"Laura": "__first__", "Josh": "__first__", "Kerala": "__place__"}


def test_installed_classes_are_the_norm_and_survive_saving(tmp_path: Path):
    import spacy

    places = tmp_path / "places.txt"
    places.write_text("Kerala\n", encoding="utf-8")
    nlp = new_nlp("en")
    assert install_word_classes(nlp, {"__place__": [{"path": str(places), "lower": True}]}) == 2
    doc = nlp("Kerala and kerala and KERALA")
    assert [t.norm_ for t in doc] == ["__place__", "and", "__place__", "and", "kerala"]
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert [t.norm_ for t in loaded("in Kerala")] == ["in", "__place__"]


def test_a_missing_word_list_names_the_key(tmp_path: Path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "name: x\nlang: en\nsources: [{path: a.txt, format: conll, label_map: {PER: PERSON}}]\n"
        "spacy: {word_classes: {__place__: [nowhere/places.txt]}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"key 'spacy.word_classes.__place__\[0\]': no such file"):
        load_train_config(cfg)


def test_the_model_tags_unseen_names_by_their_class(tmp_path: Path):
    """Same context for persons and places: only the class tells them apart."""
    import spacy

    persons = ["Renee", "Josh", "Peder", "Caoimhe", "Vladi", "Adelia"]
    places = ["Kerala", "Noida", "Baguio", "Calgary", "Omaha", "Ramallah"]
    (tmp_path / "persons.txt").write_text("\n".join(persons + ["Tomiris"]), encoding="utf-8")
    (tmp_path / "places.txt").write_text("\n".join(places + ["Kollam"]), encoding="utf-8")
    rows = []
    for i in range(4):
        for name, tag in [(n, "PERSON") for n in persons] + [(p, "PLACE") for p in places]:
            rows.append(f"{name}\tB-{tag}\nis\tO\n{['great', 'nice', 'fine', 'big'][i]}\tO\n.\tO\n")
    data = tmp_path / "train.txt"
    data.write_text("\n".join(rows), encoding="utf-8")
    cfg = {
        "name": "wc",
        "lang": "en",
        "seed": 3,
        "labels": ["PERSON", "PLACE"],
        "split": {"heldout": 0.0, "dev": 0.0},
        "output": str(tmp_path / "model"),
        "sources": [
            {
                "name": "toy",
                "path": str(data),
                "format": "conll",
                "label_map": {"PERSON": "PERSON", "PLACE": "PLACE"},
            }
        ],
        "spacy": {
            "width": 32,
            "depth": 1,
            "hidden_width": 32,
            "attrs": ["NORM"],
            "rows": [500],
            "epochs": 12,
            "batch_start": 4,
            "batch_end": 8,
            "dropout": 0.1,
            "word_classes": {
                "__person__": [str(tmp_path / "persons.txt")],
                "__place__": [str(tmp_path / "places.txt")],
            },
        },
    }
    path = tmp_path / "wc.yaml"
    path.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    assert main(["train", "--config", str(path)]) == 0
    nlp = spacy.load(tmp_path / "model")
    # neither name was in the training sentences
    assert predict_tags(nlp, [["Tomiris", "is", "nice", "."], ["Kollam", "is", "nice", "."]]) == [
        ["B-PERSON", "O", "O", "O"],
        ["B-PLACE", "O", "O", "O"],
    ]


def test_stem_classes_read_inflected_capitalised_words(tmp_path: Path):
    from pipeline.word_classes import StemClasses

    (tmp_path / "first.txt").write_text("Ержан\nКүләш\n", encoding="utf-8")
    stems = StemClasses.build(
        "kk",
        {
            "__first__": [str(tmp_path / "first.txt")],
            "__place__": [{"gazetteer": "PLACE", "lang": "kk"}],
        },
    )
    assert stems.classify("Ержанға") == "__first__"
    assert stems.classify("Күләштің") == "__first__"
    assert stems.classify("Алматыда") == "__place__"
    assert stems.classify("Шыңжаңнан") == "__place__"
    assert stems.classify("ержанға") is None  # lower case: an ordinary word
    assert stems.classify("Сотта") is None


def test_stem_classes_train_into_a_model_and_come_back_with_it(tmp_path: Path):
    """Unseen inflected Kazakh names are told apart by their stem's class alone."""
    import spacy

    from pipeline.components.ner_spacy import SpacyNER
    from pipeline.tokenize import tokenize
    from pipeline.types import Document

    persons = ["Ержан", "Күләш", "Бақыт", "Сәуле", "Нұржан", "Айбөпе"]
    places = ["Текелі", "Зайсан", "Шәуешек", "Үрімжі", "Құлжа", "Жаркент"]
    (tmp_path / "persons.txt").write_text("\n".join(persons + ["Тоқтар"]), encoding="utf-8")
    (tmp_path / "places.txt").write_text("\n".join(places + ["Ақсу"]), encoding="utf-8")
    rows = []
    for ending in ["ға", "ның", "да", ""]:
        for name, tag in [(n, "PERSON") for n in persons] + [(p, "PLACE") for p in places]:
            rows.append(f"{name}{ending}\tB-{tag}\nкелді\tO\n.\tO\n")
    data = tmp_path / "train.txt"
    data.write_text("\n".join(rows), encoding="utf-8")
    cfg = {
        "name": "wc",
        "lang": "kk",
        "seed": 3,
        "labels": ["PERSON", "PLACE"],
        "split": {"heldout": 0.0, "dev": 0.0},
        "output": str(tmp_path / "model"),
        "sources": [
            {
                "name": "toy",
                "path": str(data),
                "format": "conll",
                "label_map": {"PERSON": "PERSON", "PLACE": "PLACE"},
            }
        ],
        "spacy": {
            "width": 32,
            "depth": 1,
            "hidden_width": 32,
            "attrs": ["NORM"],
            "rows": [500],
            "epochs": 12,
            "batch_start": 4,
            "batch_end": 8,
            "dropout": 0.1,
            "word_classes_by_stem": True,
            "word_classes": {
                "__person__": [str(tmp_path / "persons.txt")],
                "__place__": [str(tmp_path / "places.txt")],
            },
        },
    }
    path = tmp_path / "wc.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    assert main(["train", "--config", str(path)]) == 0
    import pipeline.lang.kk  # noqa: F401

    nlp = spacy.load(tmp_path / "model")
    # neither name was in the training sentences, nor these case forms of them
    assert predict_tags(nlp, [["Тоқтарға", "келді", "."], ["Ақсуда", "келді", "."]]) == [
        ["B-PERSON", "O", "O"],
        ["B-PLACE", "O", "O"],
    ]
    # ner.spacy applies the model's stem classes at run time, on the project's tokens
    ner = SpacyNER(models={"kk": str(tmp_path / "model")})
    text = "Тоқтарға келді. Ақсуда келді."
    doc = Document("d", text, "kk")
    got = [(s.text, s.label) for s in ner.propose(doc, tokenize(text, "kk"))]
    assert got == [("Тоқтарға", "PERSON"), ("Ақсуда", "PLACE")]


def test_augmentation_adds_capitals_quotes_and_joined_rows():
    from pipeline.training.augment import augment_rows
    from pipeline.training.data import Rows

    rows = Rows(
        ids=["a", "b"],
        tokens=[["Азаттық", "хабарлады", "."], ["Ол", "Алматыда", "."]],
        tags=[["B-ORG", "O", "O"], ["O", "B-PLACE", "O"]],
        doc_ids=["1", "2"],
    )
    out = augment_rows(rows, {"upper": 1.0, "quotes": 1.0}, seed=1)
    assert out.tokens[:2] == rows.tokens  # the originals stay
    added = list(zip(out.ids[2:], out.tokens[2:], out.tags[2:], strict=True))
    assert added == [
        ("a#upper0", ["АЗАТТЫҚ", "ХАБАРЛАДЫ", "."], ["B-ORG", "O", "O"]),
        ("b#upper1", ["ОЛ", "АЛМАТЫДА", "."], ["O", "B-PLACE", "O"]),
        ("a#quotes0", ["«", "Азаттық", "»", "хабарлады", "."], ["O", "B-ORG", "O", "O", "O"]),
    ]
    joined = augment_rows(rows, {"join": 0.5}, seed=1)
    assert list(zip(joined.ids[2:], joined.tokens[2:], joined.tags[2:], strict=True)) == [
        (
            "b#join0",
            ["Ол", "Алматыда", ".", "Азаттық", "хабарлады", "."],
            ["O", "B-PLACE", "O", "B-ORG", "O", "O"],
        )
    ]


def test_augmentation_settings_are_checked(tmp_path: Path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "name: x\nlang: kk\nsources: [{path: a.txt, format: conll, label_map: kaznerd}]\n"
        "spacy: {augment: {shout: 0.1}}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"key 'spacy.augment.shout': unknown kind"):
        load_train_config(cfg)
