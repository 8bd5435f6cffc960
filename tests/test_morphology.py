"""One morphology table per language (pipeline/morphology.py), read by the lexicon analyser
(pipeline/inflection.py) and by the date and number grammar."""

from __future__ import annotations

import shutil

import pytest

from pipeline import languages
from pipeline.errors import ConfigError
from pipeline.grammar.data import load_language_data
from pipeline.grammar.lexicon import lexicon
from pipeline.inflection import inflection_rules, split_candidates
from pipeline.morphology import Morphology, morphology, parse_morphology


def test_the_kazakh_table_drives_the_analyser_and_the_grammar():
    kk = morphology("kk")
    assert kk.alternation == {"к": "г", "қ": "ғ", "п": "б"}
    assert kk.unvoicing == {"г": "к", "ғ": "қ", "б": "п"}
    # the analyser reads the alternation backwards: Қазағы is Қазақ + ы
    assert ("Қазақ", "ы") in split_candidates("Қазағы", "kk")
    assert ("Алматы", "да") in split_candidates("Алматыда", "kk")
    assert ("БҰҰ", "-ның") in split_candidates("БҰҰ-ның", "kk")
    # the grammar writes it forwards: тәулік + і → тәулігі, жыл + дық + ы → жылдығы
    lex = lexicon("kk")
    assert lex.alternation == kk.alternation
    assert {"дығы", "ғы", "ғымен", "ында", "ындай"} <= lex.endings
    # the analyser strips no derivation or attributive: Алматылық is another word
    assert "лық" not in inflection_rules("kk").ending_set
    assert "лық" in lex.endings
    # number words: exact endings, and the endings of each case a count may need
    assert {"", "ға", "ыншы", "менен"} <= lex.num_endings
    assert lex.case_endings["ablative"] == {"дан", "ден", "тан", "тен", "нан", "нен"}
    assert inflection_rules("kk").plural == ("лар", "лер", "дар", "дер", "тар", "тер")


def test_english_strips_only_the_possessive():
    en = inflection_rules("en")
    assert set(en.endings) == {"'s", "’s", "'", "’"}
    assert (en.hyphen_allowed, en.ending_in_span, en.plural) == (False, False, ())
    assert split_candidates("Kazakhstan's", "en") == [("Kazakhstan's", ""), ("Kazakhstan", "'s")]
    assert split_candidates("Americas", "en") == [("Americas", "")]
    # ... while the grammar reads plural unit words (years, months)
    assert {"s", "es"} <= lexicon("en").endings


def test_a_language_without_a_table_has_no_endings():
    assert morphology("xx") == Morphology()
    assert split_candidates("Lindor", "xx") == [("Lindor", "")]


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        ({"vowel": "a"}, "vowel", "unknown key; allowed: analyser_slots, consonant_alternation"),
        ({"consonant_alternation": {"к": "гг"}}, "consonant_alternation", "must map a letter"),
        ({"endings": {"cases": ["да"]}}, "endings.cases", "unknown slot; allowed: derivation"),
        ({"endings": {"case": ["да", False]}}, "endings.case", "must be a list of quoted strings"),
        ({"analyser_slots": ["cases"]}, "analyser_slots[0]", "must be one of derivation"),
        ({"ending_in_span": "yes"}, "ending_in_span", "must be true or false"),
        ({"number_cases": ["да"]}, "number_cases", "must map a name to a list of endings"),
    ],
)
def test_a_bad_table_is_an_error_naming_file_and_key(data, key, message):
    with pytest.raises(ConfigError) as err:
        parse_morphology(data, "m.yaml")
    assert str(err.value).startswith(f"m.yaml: key '{key}': {message}")


def test_grammar_files_no_longer_list_endings(tmp_path):
    folder = tmp_path / "kk"
    shutil.copytree(languages.get("kk").folder, folder)
    dates = folder / "dates.yaml"
    dates.write_text(dates.read_text("utf-8") + "inflection: {plural: ['']}\n", "utf-8")
    with pytest.raises(ConfigError) as err:
        load_language_data("kk", str(folder))
    assert str(err.value) == (
        f"{dates}: key 'inflection': moved to the language's morphology table (morphology.yaml)"
    )
    # the copy's own table is read, not the package's (a new copy: files are read once)
    other = tmp_path / "kk2"
    shutil.copytree(languages.get("kk").folder, other)
    table = other / "morphology.yaml"
    table.write_text(table.read_text("utf-8").replace('"к": "г", ', ""), "utf-8")
    data = load_language_data("kk", str(other))
    assert data.dates.inflection.alternation == {"қ": "ғ", "п": "б"}
