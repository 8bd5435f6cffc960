"""Config validation names the bad key and the allowed values."""

from __future__ import annotations

import pytest

from pipeline.config import load_config, parse_config
from pipeline.errors import ConfigError


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"components": [{"name": "rules.gazetteer"}], "colour": 1},
            "key 'colour': unknown key; allowed:",
        ),
        ({"components": []}, "key 'components': must be a non-empty list of components"),
        (
            {"components": [{"name": "rules.magic"}]},
            "key 'components[0].name': unknown component 'rules.magic'; allowed:",
        ),
        (
            {"components": [{"name": "rules.gazetteer", "placez": "x"}]},
            "key 'components[0].placez': unknown setting for rules.gazetteer; allowed: common_words, languages, orgs, pattern_score, place_heads, places, score, world",
        ),
        (
            {"components": ["rules.gazetteer"], "languages": ["kk", "ru"]},
            "key 'languages[1]': unknown language 'ru'; allowed: kk, en",
        ),
        (
            {"components": ["rules.gazetteer"], "merge": {"policy": "random"}},
            "key 'merge.policy': unknown policy 'random'; allowed: priority, score, longest",
        ),
        (
            {"components": ["rules.gazetteer"], "merge": {"order": ["ner.spacy"]}},
            "key 'merge.order[0]': 'ner.spacy' is not one of this config's components",
        ),
        (
            {"components": ["rules.gazetteer"], "normalise": ["dates", "moods"]},
            "key 'normalise[1]': unknown normaliser 'moods'",
        ),
        (
            {"components": [{"name": "rules.gazetteer", "labels_by_language": {"ru": ["PLACE"]}}]},
            "key 'components[0].labels_by_language.ru': unknown language 'ru'; allowed: kk, en",
        ),
        (
            {"components": [{"name": "rules.gazetteer", "labels_by_language": {"en": ["CITY"]}}]},
            "key 'components[0].labels_by_language.en[0]': unknown label 'CITY'; allowed: PERSON",
        ),
        (
            {"components": [{"name": "rules.gazetteer", "labels_by_language": {"en": "PLACE"}}]},
            "key 'components[0].labels_by_language.en': must be a list of labels",
        ),
        (
            {"components": ["rules.gazetteer"], "on_error": "ignore"},
            "key 'on_error': unknown value 'ignore'; allowed: fail, skip",
        ),
        (
            {"components": [{"name": "rules.dates", "score": "high"}]},
            "key 'components[0].score': must be a number, not 'high'",
        ),
        (
            {"components": [{"name": "rules.dates", "sets": "no"}]},
            "key 'components[0].sets': must be true or false, not 'no'",
        ),
        (
            {"components": [{"name": "rules.dates", "languages": ["kk", "ky"]}]},
            "key 'components[0].languages[1]': unknown language 'ky'; allowed: kk, en",
        ),
        (
            {"components": [{"name": "rules.gazetteer", "common_words": {"kz": "x.txt"}}]},
            "key 'components[0].common_words.kz': unknown language 'kz'; allowed: kk, en",
        ),
        (
            {"components": [{"name": "rules.gazetteer", "place_heads": 1}]},
            "key 'components[0].place_heads': must be true or false, not 1",
        ),
        (
            {"components": [{"name": "ner.spacy"}]},
            "key 'components[0].models': required setting for ner.spacy is missing",
        ),
        (
            {"components": [{"name": "ner.spacy", "models": {"kk": "m"}, "label_map": ["PER"]}]},
            "key 'components[0].label_map': must be a mapping, not ['PER']",
        ),
        (
            {"components": ["rules.dates"], "merge": {"policy": "evidence", "evidence": {"x": 1}}},
            "key 'merge.evidence.x': unknown setting; allowed:",
        ),
        (
            {"components": ["rules.dates"], "consistency": {"propagate": "yes"}},
            "key 'consistency.propagate': must be true or false, not 'yes'",
        ),
        (
            {"components": ["rules.dates"], "chunk_size": "32"},
            "key 'chunk_size': must be a positive integer, not '32'",
        ),
    ],
)
def test_bad_configs_name_the_key(data, message):
    with pytest.raises(ConfigError) as exc:
        parse_config(data, "c.yaml")
    assert str(exc.value).startswith(f"c.yaml: {message}")


def test_typed_settings_keep_their_values():
    cfg = parse_config({"components": [{"name": "rules.dates", "score": 1, "sets": False}]})
    assert cfg.components[0].settings == {"score": 1, "sets": False}


def test_shipped_configs_load(repo_root):
    for path in sorted((repo_root / "configs").glob("*.yaml")):
        cfg = load_config(path)
        assert cfg.components, path


def test_missing_and_invalid_yaml(tmp_path):
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("components: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="key '<file>': not valid YAML"):
        load_config(bad)


def test_labels_by_language_filters_a_component_in_one_language_only():
    from pipeline.engine import Pipeline
    from pipeline.types import Document

    cfg = parse_config(
        {"components": [{"name": "rules.gazetteer", "labels_by_language": {"en": ["ORG"]}}]}
    )
    assert cfg.components[0].labels_by_language == {"en": ["ORG"]}
    assert "labels_by_language" not in cfg.components[0].settings
    pipe = Pipeline(cfg)
    en = pipe(Document("e", "The Ministry of Justice in Almaty.", "en"))
    assert [(s.text, s.label) for s in en.entities] == [("Ministry of Justice", "ORG")]
    kk = pipe(Document("k", "Алматыда жиналыс өтті.", "kk"))
    assert [(s.text, s.label) for s in kk.entities] == [("Алматыда", "PLACE")]
