"""The grammar's language data: typed models that refuse unknown keys and wrong types."""

from __future__ import annotations

import shutil

import pytest

from pipeline import languages
from pipeline.errors import ConfigError
from pipeline.grammar.data import load_language_data
from pipeline.grammar.lexicon import Lexicon


@pytest.mark.parametrize("lang", ["kk", "en"])
def test_shipped_data_validates(lang):
    data = load_language_data(lang)
    assert data is not None and data.calendar is not None
    lex = Lexicon(data)
    assert lex.months["қаңтар" if lang == "kk" else "january"] == 1
    assert lex.weekdays["жексенбі" if lang == "kk" else "sunday"] == 7


def test_a_language_without_data_has_none():
    assert load_language_data("xx") is None


def _copy(tmp_path, lang="en"):
    folder = tmp_path / lang
    shutil.copytree(languages.get(lang).folder, folder)
    return folder


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_misspelled_key_is_an_error_naming_file_and_key(tmp_path):
    folder = _copy(tmp_path)
    _replace(folder / "dates.yaml", "year_range:", "year_rnage:")
    with pytest.raises(ConfigError) as err:
        load_language_data("en", str(folder))
    assert str(err.value) == f"{folder / 'dates.yaml'}: key 'year_rnage': unknown key"


def test_a_nested_misspelled_key_names_its_path(tmp_path):
    folder = _copy(tmp_path)
    _replace(folder / "dates.yaml", "year: {unit: Y}", "year: {unitt: Y}")
    with pytest.raises(ConfigError) as err:
        load_language_data("en", str(folder))
    assert "dates.yaml: key 'units.year" in str(err.value)


def test_a_yaml_boolean_where_a_word_belongs_is_an_error(tmp_path):
    folder = _copy(tmp_path)
    # unquoted `no` is a YAML boolean, not the word "no"
    _replace(folder / "counts.yaml", "'no', nr,", "no, nr,")
    with pytest.raises(ConfigError) as err:
        load_language_data("en", str(folder))
    assert str(err.value).startswith(f"{folder / 'counts.yaml'}: key 'not_count_before.")


def test_a_wrong_value_names_the_allowed_ones(tmp_path):
    folder = _copy(tmp_path, "kk")
    _replace(folder / "counts.yaml", "hyphen: range", "hyphen: ranges")
    with pytest.raises(ConfigError) as err:
        load_language_data("kk", str(folder))
    message = str(err.value)
    assert message.startswith(f"{folder / 'counts.yaml'}: key 'hyphen': ")
    assert "'compound'" in message and "'range'" in message
