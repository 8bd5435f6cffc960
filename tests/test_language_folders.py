"""Languages are folders (pipeline/languages.py): a new one is a folder plus a config.

The made-up language Zedish (``zz``, tests/data/languages/zz/) is copied into a temporary
folder, registered through a config's ``language_paths`` or the KAZNEWS_LANGUAGES_PATH
environment variable, and run end to end through ``python -m pipeline run``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pipeline import languages
from pipeline.config import load_config, parse_config
from pipeline.errors import ConfigError
from pipeline.langid import detect_language
from pipeline.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
ZEDISH = Path(__file__).parent / "data" / "languages" / "zz"

DOCS = [
    {"id": "z1", "text": "Anna Kovel vis ol Lindor ol 12 tremo 2024 ke ta kanto dun."},
    {"id": "z2", "lang": "zz", "text": "Boro Pell ja na Kessa ke ta moro vi sel."},
    {"id": "k1", "lang": "kk", "text": "Нұрлан Әбдіров 2023 жылғы 5 наурызда Алматыда болды."},
    {"id": "e1", "lang": "en", "text": "John Smith visited Almaty on 5 March 2023."},
]


@pytest.fixture
def clean_registry(monkeypatch):
    """No language folders but the package's, before and after the test."""
    monkeypatch.delenv(languages.ENV_VAR, raising=False)
    monkeypatch.setattr(languages, "_extra_paths", [])
    yield
    languages._discover.cache_clear()


def _language_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "languages"
    shutil.copytree(ZEDISH, folder / "zz")
    return folder


def _run(
    tmp_path: Path, config: dict | Path, docs: list[dict], env: Path | None = None, *extra: str
) -> list:
    """``python -m pipeline run`` with ``config`` (written to the folder when a mapping);
    ``env``: the folder KAZNEWS_LANGUAGES_PATH names; ``extra``: more arguments."""
    tmp_path.mkdir(exist_ok=True)
    if isinstance(config, dict):
        (tmp_path / "c.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
        config = tmp_path / "c.yaml"
    (tmp_path / "in.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8"
    )
    environ = {k: v for k, v in os.environ.items() if k != languages.ENV_VAR}
    if env is not None:
        environ[languages.ENV_VAR] = str(env)
    cmd = [sys.executable, "-m", "pipeline", "run", "--config", str(config)]
    cmd += ["--input", str(tmp_path / "in.jsonl"), "--output", str(tmp_path / "out.jsonl")]
    cmd += extra
    proc = subprocess.run(cmd, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    for record, doc in zip(out, docs, strict=True):
        for e in record["entities"]:
            assert doc["text"][e["start"] : e["end"]] == e["text"]
    return out


def _spans(record: dict) -> list[tuple]:
    return [(e["start"], e["end"], e["label"], e["text"], e["norm"]) for e in record["entities"]]


ZEDISH_CONFIG = {
    "languages": ["zz", "kk", "en"],
    "language_paths": ["languages"],  # relative to the config file
    "components": [
        "rules.dates",
        "rules.persons",
        {"name": "rules.gazetteer", "places": "zz/places.yaml", "orgs": ""},
    ],
    "normalise": ["dates", "names"],
}
Z1_SPANS = [
    (0, 10, "PERSON", "Anna Kovel", {"name": "Anna Kovel", "latin": "Anna Kovel"}),
    (18, 24, "PLACE", "Lindor", {"name": "Lindor", "latin": "Lindor"}),
    (28, 41, "DATE", "12 tremo 2024", {"value": "2024-03-12", "type": "date"}),
]


def test_a_language_from_a_config_folder_runs_end_to_end(tmp_path):
    _language_folder(tmp_path)
    z1, z2, k1, e1 = _run(tmp_path, ZEDISH_CONFIG, DOCS)
    # z1 has no "lang": the language is identified from the folder's profile.
    assert (z1["lang"], z2["lang"]) == ("zz", "zz")
    assert _spans(z1) == Z1_SPANS
    assert _spans(z2) == [
        (0, 9, "PERSON", "Boro Pell", {"name": "Boro Pell", "latin": "Boro Pell"}),
        (16, 21, "PLACE", "Kessa", {"name": "Kessa", "latin": "Kessa"}),
    ]
    # Kazakh and English beside it read their own folders as before; their curated places
    # are in the shared gazetteer, which this config does not use (English still has the
    # world gazetteer's Almaty).
    assert _spans(k1) == [
        (0, 14, "PERSON", "Нұрлан Әбдіров", {"name": "Нұрлан Әбдіров", "latin": "Nurlan Abdirov"}),
        (15, 36, "DATE", "2023 жылғы 5 наурызда", {"value": "2023-03-05", "type": "date"}),
    ]
    assert _spans(e1) == [
        (0, 10, "PERSON", "John Smith", {"name": "John Smith", "latin": "John Smith"}),
        (19, 25, "PLACE", "Almaty", {"name": "Almaty", "latin": "Almaty"}),
        (29, 41, "DATE", "5 March 2023", {"value": "2023-03-05", "type": "date"}),
    ]


def test_worker_processes_register_the_config_language_folders(tmp_path):
    _language_folder(tmp_path)
    docs = [{**DOCS[0], "id": f"z{i}"} for i in range(6)]
    out = _run(tmp_path, ZEDISH_CONFIG, docs, None, "--workers", "2")
    assert [(r["lang"], _spans(r)) for r in out] == [("zz", Z1_SPANS)] * 6


def test_a_bad_manifest_stops_the_command_line_with_one_line(tmp_path):
    folder = _language_folder(tmp_path)
    manifest = folder / "zz" / "language.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace('name: "Zedish"\n', ""), "utf-8")
    env = {**os.environ, languages.ENV_VAR: str(folder)}
    for command in (["run", "--config", "configs/rules-only.yaml"], ["convert", "--help"]):
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 2
        assert proc.stderr == f"error: {manifest}: key 'name': missing\n"


def test_a_language_from_the_environment_changes_nothing_for_kazakh_and_english(tmp_path):
    folder = _language_folder(tmp_path)
    config = ROOT / "configs" / "default.yaml"
    without = _run(tmp_path / "without", config, DOCS)
    with_zz = _run(tmp_path / "with", config, DOCS, env=folder)
    # The default config processes Kazakh and English only: Zedish is now recognised (and
    # reported as unsupported) instead of being "und"; nothing else changes.
    assert [r["lang"] for r in without] == ["und", "zz", "kk", "en"]
    assert [r["lang"] for r in with_zz] == ["zz", "zz", "kk", "en"]
    assert without[2:] == with_zz[2:]
    assert _spans(with_zz[2]) == [
        (0, 14, "PERSON", "Нұрлан Әбдіров", {"name": "Нұрлан Әбдіров", "latin": "Nurlan Abdirov"}),
        (15, 36, "DATE", "2023 жылғы 5 наурызда", {"value": "2023-03-05", "type": "date"}),
        (37, 45, "PLACE", "Алматыда", {"name": "Алматы", "latin": "Almaty"}),
    ]
    assert _spans(with_zz[3]) == [
        (0, 10, "PERSON", "John Smith", {"name": "John Smith", "latin": "John Smith"}),
        (19, 25, "PLACE", "Almaty", {"name": "Almaty", "latin": "Almaty"}),
        (29, 41, "DATE", "5 March 2023", {"value": "2023-03-05", "type": "date"}),
    ]


def test_the_package_languages(clean_registry):
    assert languages.available() == ("kk", "en")
    kk, en = languages.get("kk"), languages.get("en")
    assert (kk.name, kk.scripts, kk.spacy, kk.spacy_module) == (
        "Kazakh",
        ("Cyrl",),
        "kk",
        "pipeline.lang.kk",
    )
    assert (en.name, en.scripts, en.spacy, en.spacy_module) == ("English", ("Latn",), "en", None)
    assert kk.folder == ROOT / "pipeline" / "lang" / "kk"
    # resource paths that start with a language's code resolve into its folder
    assert resource_path("kk/dates.yaml") == kk.folder / "dates.yaml"
    assert resource_path("en/person_names.yaml") == en.folder / "person_names.yaml"
    assert (
        resource_path("gazetteer/places.yaml") == ROOT / "pipeline/resources/gazetteer/places.yaml"
    )
    assert languages.spacy_language("kk") == "kk"
    assert languages.spacy_language("ru") == "xx"
    with pytest.raises(KeyError, match="no language 'zz'; available: kk, en"):
        languages.get("zz")


def test_an_unregistered_language_is_a_config_error(clean_registry):
    with pytest.raises(ConfigError) as err:
        parse_config({"languages": ["kk", "zz"], "components": ["rules.dates"]}, "c.yaml")
    assert str(err.value) == "c.yaml: key 'languages[1]': unknown language 'zz'; allowed: kk, en"


def test_language_paths_register_relative_to_the_config(tmp_path, clean_registry):
    _language_folder(tmp_path)
    path = tmp_path / "c.yaml"
    path.write_text("languages: [zz]\nlanguage_paths: [languages]\ncomponents: [rules.dates]\n")
    assert detect_language("Anna vis ol Lindor ke ta kanto dun.") == "und"
    cfg = load_config(path)
    assert cfg.languages == ["zz"]
    assert cfg.language_paths == [tmp_path / "languages"]
    assert languages.available() == ("kk", "en", "zz")
    assert detect_language("Anna vis ol Lindor ke ta kanto dun.") == "zz"
    with pytest.raises(ConfigError) as err:
        parse_config(
            {"language_paths": ["nowhere"], "components": ["rules.dates"]}, "c.yaml", tmp_path
        )
    assert (
        str(err.value) == f"c.yaml: key 'language_paths[0]': no such folder: {tmp_path / 'nowhere'}"
    )


def _manifest_error(tmp_path: Path, monkeypatch, text: str | None) -> str:
    folder = _language_folder(tmp_path)
    manifest = folder / "zz" / "language.yaml"
    if text is None:
        manifest.unlink()
    else:
        manifest.write_text(text, "utf-8")
    monkeypatch.setenv(languages.ENV_VAR, str(folder / "zz"))
    with pytest.raises(ConfigError) as err:
        languages.available()
    message = str(err.value)
    assert "\n" not in message
    return message.replace(str(manifest), "MANIFEST")


def test_a_bad_manifest_is_an_error_naming_file_and_key(tmp_path, monkeypatch, clean_registry):
    good = (ZEDISH / "language.yaml").read_text("utf-8")
    cases = [
        (good.replace('name: "Zedish"\n', ""), "MANIFEST: key 'name': missing"),
        (
            good.replace('code: "zz"', 'code: "zx"'),
            "MANIFEST: key 'code': must be the folder's name, 'zz'",
        ),
        (
            good.replace('scripts: ["Latn"]', 'scripts: ["Grek"]'),
            "MANIFEST: key 'scripts': must be a list of Cyrl, Latn",
        ),
        (
            good.replace('langid: "langid.yaml"', 'langid: "profile.yaml"'),
            "MANIFEST: key 'langid': no such file in the language folder: profile.yaml",
        ),
        (
            good + "spacy_lang: xx\n",
            "MANIFEST: key 'spacy_lang': unknown key; allowed: code, langid, morphology, name, priority, scripts, spacy, spacy_module",
        ),
        (
            good.replace('name: "Zedish"', "name: no"),
            "MANIFEST: key 'name': must be a quoted, non-empty string",
        ),
        ("code: [zz\n", None),
        ("- zz\n", "MANIFEST: key '<root>': a language manifest must be a mapping"),
    ]
    for i, (text, expected) in enumerate(cases):
        message = _manifest_error(tmp_path / str(i), monkeypatch, text)
        if expected is None:
            assert message.startswith("MANIFEST: key '<file>': not valid YAML (")
        else:
            assert message == expected
        languages._discover.cache_clear()


def test_a_folder_without_a_manifest_is_an_error(tmp_path, monkeypatch, clean_registry):
    folder = _language_folder(tmp_path)
    (folder / "zz" / "language.yaml").unlink()
    monkeypatch.setenv(languages.ENV_VAR, str(folder))
    with pytest.raises(ConfigError) as err:
        languages.available()
    assert str(err.value) == (
        f"{folder / 'language.yaml'}: key '<file>': no language manifest here or in a folder below"
    )


def test_a_language_defined_twice_is_an_error(tmp_path, monkeypatch, clean_registry):
    kk = tmp_path / "kk"
    shutil.copytree(ZEDISH, kk)
    text = (kk / "language.yaml").read_text("utf-8").replace('code: "zz"', 'code: "kk"')
    (kk / "language.yaml").write_text(text, "utf-8")
    monkeypatch.setenv(languages.ENV_VAR, str(kk))
    with pytest.raises(ConfigError) as err:
        languages.available()
    assert str(err.value) == (
        f"{kk / 'language.yaml'}: key 'code': language 'kk' is already defined in "
        f"{languages.PACKAGE_DIR / 'kk' / 'language.yaml'}"
    )
