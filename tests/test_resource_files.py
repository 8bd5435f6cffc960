"""The data files read by hand are typed (pipeline/resource_models.py): a misspelled key or
a wrongly typed value is an error naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.errors import ConfigError
from pipeline.resource_models import MODELS
from pipeline.resources import RESOURCE_DIR, load_resource

# the package's data: shared files and the languages' folders
SHIPPED = sorted(p for p in RESOURCE_DIR.parent.rglob("*.yaml") if p.name in MODELS)


def test_every_kind_has_a_shipped_file():
    assert {p.name for p in SHIPPED} == set(MODELS)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(RESOURCE_DIR.parent)))
def test_shipped_files_are_valid(path: Path):
    assert isinstance(load_resource(str(path)), dict)


def test_the_language_identification_settings_are_typed():
    from pipeline.langid import load_settings
    from pipeline.resource_models import LangidSettings
    from pipeline.settings import check

    assert load_settings().word > 0  # the shipped file passes
    good = yaml.safe_load((RESOURCE_DIR / "langid.yaml").read_text(encoding="utf-8"))
    with pytest.raises(ConfigError, match=r"^l.yaml: key 'unknown_shares': unknown key"):
        check(LangidSettings, {**good, "unknown_shares": 0.5}, "l.yaml")
    bad = {**good, "default_by_script": {"Cyrl": "kk", "Latn": False}}
    with pytest.raises(
        ConfigError, match=r"^l.yaml: key 'default_by_script.Latn': must be a quoted string"
    ):
        check(LangidSettings, bad, "l.yaml")


@pytest.mark.parametrize(
    ("kind", "text", "key", "message"),
    [
        (
            "places.yaml",
            "entries: [{id: x, kind: city, latin: A, kz: [Алматы]}]",
            "entries[0]",
            "unknown key 'kz'; allowed: context_before, id, kind, latin or a language's code (kk, en",
        ),
        (
            "places.yaml",
            "entries: [{id: x, kind: city, latin: A, B: null}]",
            "entries[0].B",
            "must be a list, not None",
        ),
        ("places.yaml", "entries: [{kind: city}]", "entries[0].id", "required key is missing"),
        ("places.yaml", "heads: {kk: {finals: [облысы]}}", "heads.kk.finals", "unknown key"),
        (
            "orgs.yaml",
            "entries: [{id: x, en: Ministry}]",
            "entries[0].en",
            "must be a list, not 'Ministry'",
        ),
        (
            "orgs.yaml",
            "heads: {kk: {max_words: many}}",
            "heads.kk.max_words",
            "must be an integer, not 'many'",
        ),
        (
            "world_places.yaml",
            "table: t.tsv\ncue_before: [in, on]",
            "cue_before[1]",
            "must be a string, not True",
        ),
        ("world_places.yaml", "table: t.tsv\nmin_populaton: 5", "min_populaton", "unknown key"),
        ("person_names.yaml", "titles: [Mr, yes]", "titles[1]", "must be a string, not True"),
        (
            "person_names.yaml",
            "surname_endings: {strong: [ов], weka: [ин]}",
            "surname_endings.weka",
            "unknown key; allowed: strong, weak",
        ),
        (
            "known_persons.yaml",
            "persons: [{latin: X, kk: Х}]",
            "persons[0].kk",
            "must be a list, not 'Х'",
        ),
        (
            "known_persons.yaml",
            "persons: [{kk: [Х]}]",
            "persons[0].latin",
            "required key is missing",
        ),
        (
            "translit.yaml",
            "letters: {а: a}\ncontext: {е: {inital: ye}}",
            "context.е.inital",
            "unknown key",
        ),
        (
            "linking.yaml",
            "max_distance: {short: 3, long: '8'}",
            "max_distance.long",
            "must be an integer, not '8'",
        ),
        ("name_shapes.yaml", "persons: {max_age: 120, cue: [said]}", "persons.cue", "unknown key"),
    ],
)
def test_a_bad_file_names_the_file_and_key(tmp_path, kind, text, key, message):
    path = tmp_path / kind
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_resource(str(path))
    assert err.value.key == key
    assert str(err.value).startswith(f"{path}: key '{key}': {message}")


def test_a_file_of_another_kind_is_not_checked(tmp_path):
    path = tmp_path / "notes.yaml"
    path.write_text("anything: [on, 1]\n", encoding="utf-8")
    assert load_resource(str(path)) == {"anything": [True, 1]}


def test_a_language_profile_is_typed():
    from pipeline.langid import parse_profile

    base = {"code": "xx", "name": "X", "script": "Latn", "alphabet": "abc", "words": "ab"}
    with pytest.raises(ConfigError, match=r"^xx.yaml: key 'endings': must be a quoted string"):
        parse_profile({**base, "endings": ["a"]}, "xx.yaml")
    with pytest.raises(ConfigError, match=r"^xx.yaml: key 'alfabet': unknown key; allowed:"):
        parse_profile({**base, "alfabet": "abc"}, "xx.yaml")
    assert parse_profile(base, "xx.yaml").code == "xx"
