"""Components and normalisers from other installed packages (entry points), beside the
built-in ones: a config names them, the pipeline runs them, and a misspelt name is refused
with the list that includes them."""

from __future__ import annotations

import sys
from importlib.metadata import EntryPoint

import pytest

from pipeline import normalise, registry
from pipeline.config import parse_config
from pipeline.engine import Pipeline
from pipeline.errors import ConfigError
from pipeline.normalise import normalise_spans
from pipeline.types import Document, Span

PLUGIN_MODULE = '''
from pipeline.registry import register
from pipeline.types import Span


@register("shout.acronyms")
class Acronyms:
    """Every all-capital word of three or more letters is an ORG."""

    name = "shout.acronyms"
    requires = ()

    def __init__(self, score: float = 0.5) -> None:
        self.score = score

    def propose(self, doc, tokens):
        out, start = [], None
        for i, ch in enumerate(doc.text + " "):
            if ch.isalpha() and ch.isupper():
                start = i if start is None else start
                continue
            if start is not None and i - start >= 3 and not ch.isalpha():
                out.append(Span(start, i, "ORG", doc.text[start:i], source=self.name,
                                score=self.score))
            start = None
        return out


def upper(text, label, lang, doc_date, **_):
    return {"upper": text.upper(), "letters": len(text)}


upper.labels = ("ORG",)
'''


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """An installed package 'shout_plugin' with one component and one normaliser."""
    # the built-in components loaded first (without the plug-in): the test gets a copy of
    # that registry, so that the plug-in is gone again after it
    registry.registered_names()
    (tmp_path / "shout_plugin.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    points = {
        registry.ENTRY_POINT_GROUP: [
            EntryPoint("acronyms", "shout_plugin", registry.ENTRY_POINT_GROUP)
        ],
        normalise.ENTRY_POINT_GROUP: [
            EntryPoint("upper", "shout_plugin:upper", normalise.ENTRY_POINT_GROUP)
        ],
    }
    monkeypatch.setattr(registry, "entry_points", lambda group: points.get(group, []))
    monkeypatch.setattr(normalise, "entry_points", lambda group: points.get(group, []))
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    monkeypatch.setattr(registry, "_loaded", False)
    # imported afresh by each test, so that its @register runs into this test's registry
    sys.modules.pop("shout_plugin", None)
    yield
    sys.modules.pop("shout_plugin", None)


def test_an_installed_component_and_normaliser_run_from_a_config(plugin):
    assert normalise.available() == ("dates", "counts", "names", "upper")
    assert "shout.acronyms" in registry.registered_names()
    config = parse_config(
        {
            "languages": ["en"],
            "components": [{"name": "shout.acronyms", "score": 0.75}],
            "normalise": ["upper"],
        },
        "c.yaml",
    )
    doc = Pipeline(config)(Document("d1", "The UN and NATO met in Geneva.", "en"))
    assert [(s.start, s.end, s.text, s.label, s.norm, s.score) for s in doc.entities] == [
        (11, 15, "NATO", "ORG", {"upper": "NATO", "letters": 4}, 0.75),
    ]


def test_a_misspelt_plugin_name_is_refused_with_the_list_that_includes_it(plugin):
    with pytest.raises(ConfigError) as err:
        parse_config({"components": ["rules.gazetteer"], "normalise": ["dates", "uper"]}, "c.yaml")
    assert str(err.value) == (
        "c.yaml: key 'normalise[1]': unknown normaliser 'uper'; "
        "allowed: dates, counts, names, upper"
    )
    with pytest.raises(ConfigError) as err:
        parse_config({"components": [{"name": "shout.acronym"}]}, "c.yaml")
    assert "unknown component 'shout.acronym'; allowed:" in str(err.value)
    assert "shout.acronyms" in str(err.value)


def test_a_normaliser_without_labels_is_an_error_naming_it(plugin, monkeypatch):
    import shout_plugin

    monkeypatch.delattr(shout_plugin.upper, "labels")
    with pytest.raises(ValueError, match=r"normaliser 'upper' \(shout_plugin:upper\) declares"):
        normalise_spans([Span(0, 4, "ORG", "NATO")], "en", None, ["upper"])


def test_without_plugins_only_the_built_in_normalisers_exist(monkeypatch):
    monkeypatch.setattr(normalise, "entry_points", lambda group: [])
    assert normalise.available() == ("dates", "counts", "names")
    spans = normalise_spans([Span(0, 4, "COUNT", "forty")], "en", None, ["counts"])
    assert spans[0].norm == {"value": 40}
