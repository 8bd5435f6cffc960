"""The languages the pipeline processes, discovered from their folders.

A language is a folder with a manifest, ``language.yaml`` (docs/languages.md): the
package's own languages are ``pipeline/lang/<code>/``; more come from the folders a user
names in the environment variable ``KAZNEWS_LANGUAGES_PATH`` (separated like ``PATH``)
or in a config's ``language_paths``. A named folder is either a language folder itself or
a folder of language folders. The folder holds everything the language is: its spaCy
language class (if it has its own), its language identification profile, its morphology
table and its data files, which :func:`resource_path` finds by the language's code
(``resource_path("kk", "dates.yaml")``, or ``pipeline.resources.resource_path("kk/dates.yaml")``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent / "lang"
MANIFEST = "language.yaml"
ENV_VAR = "KAZNEWS_LANGUAGES_PATH"
# A manifest's keys; the first three are required.
_REQUIRED = ("code", "name", "scripts")
_OPTIONAL = ("spacy", "spacy_module", "langid", "morphology", "priority")
_SCRIPTS = ("Cyrl", "Latn")
# Folders named through a config's ``language_paths`` (in the order they were named).
_extra_paths: list[Path] = []


@dataclass(frozen=True)
class LanguageInfo:
    """A language as its manifest describes it."""

    code: str
    name: str
    scripts: tuple[str, ...]
    folder: Path
    # The spaCy language to tokenize with: its own class, spaCy's, or "xx" (multi-language).
    spacy: str = "xx"
    # The module that registers ``spacy`` with spaCy when imported (a language of its own).
    spacy_module: str | None = None
    # File names inside ``folder``; None when the language has none.
    langid: str | None = None
    morphology: str | None = None
    # Where the language comes in lists (lower first, then by code).
    priority: int = 100
    manifest: Path = field(default=Path(), compare=False)

    def path(self, name: str | Path) -> Path:
        """A file of the language's folder."""
        return self.folder / name


def add_paths(paths: Iterable[str | Path]) -> None:
    """Register more language folders (a config's ``language_paths``, already resolved)."""
    new = [Path(p) for p in paths if Path(p) not in _extra_paths]
    if new:
        _extra_paths.extend(new)
        _discover.cache_clear()


def _env_paths() -> tuple[Path, ...]:
    raw = os.environ.get(ENV_VAR, "")
    return tuple(Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip())


def _registry() -> dict[str, LanguageInfo]:
    return _discover(_env_paths() + tuple(_extra_paths))


def available() -> tuple[str, ...]:
    """The codes of every language the pipeline can process (Kazakh and English first)."""
    return tuple(_registry())


def known(code: str | None) -> bool:
    return code is not None and code in _registry()


def get(code: str) -> LanguageInfo:
    """The language ``code``; a KeyError naming the languages there are when none is."""
    try:
        return _registry()[code]
    except KeyError:
        raise KeyError(
            f"no language {code!r}; available: {', '.join(available())}"
            f" (add one with a folder in {ENV_VAR} or a config's language_paths)"
        ) from None


def resource_path(code: str, name: str | Path) -> Path:
    """A data file of language ``code`` (``resource_path("kk", "dates.yaml")``)."""
    return get(code).path(name)


def spacy_language(code: str | None) -> str:
    """The spaCy language code to tokenize ``code`` with, its module imported (so that a
    language of the project's own is registered with spaCy); ``xx`` for an unknown one."""
    if not known(code):
        return "xx"
    info = get(str(code))
    if info.spacy_module:
        import importlib

        importlib.import_module(info.spacy_module)
    return info.spacy


@lru_cache(maxsize=8)
def _discover(extra: tuple[Path, ...]) -> dict[str, LanguageInfo]:
    found: dict[str, LanguageInfo] = {}
    for manifest in sorted(PACKAGE_DIR.glob(f"*/{MANIFEST}")):
        _add(found, read_manifest(manifest))
    for folder in extra:
        for manifest in _manifests_in(folder):
            _add(found, read_manifest(manifest))
    return dict(sorted(found.items(), key=lambda kv: (kv[1].priority, kv[0])))


def _manifests_in(folder: Path) -> list[Path]:
    if (folder / MANIFEST).is_file():
        return [folder / MANIFEST]
    if not folder.is_dir():
        raise ConfigError(str(folder), ENV_VAR, "no such language folder")
    manifests = sorted(folder.glob(f"*/{MANIFEST}"))
    if not manifests:
        raise ConfigError(
            str(folder / MANIFEST), "<file>", "no language manifest here or in a folder below"
        )
    return manifests


def _add(found: dict[str, LanguageInfo], info: LanguageInfo) -> None:
    if info.code in found and found[info.code].folder != info.folder:
        raise ConfigError(
            str(info.manifest),
            "code",
            f"language {info.code!r} is already defined in {found[info.code].manifest}",
        )
    found[info.code] = info


def read_manifest(path: Path) -> LanguageInfo:
    """A language manifest, validated: a problem is a ConfigError naming the file and key."""
    shown = str(path)
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError:
        raise ConfigError(shown, "<file>", "language manifest not found") from None
    except yaml.YAMLError as exc:
        # one line: PyYAML's message spans several
        raise ConfigError(
            shown, "<file>", f"not valid YAML ({' '.join(str(exc).split())})"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(shown, "<root>", "a language manifest must be a mapping")
    unknown = sorted(str(k) for k in set(data) - {*_REQUIRED, *_OPTIONAL})
    if unknown:
        raise ConfigError(
            shown,
            unknown[0],
            f"unknown key; allowed: {', '.join(sorted((*_REQUIRED, *_OPTIONAL)))}",
        )
    for key in _REQUIRED:
        if key not in data:
            raise ConfigError(shown, key, "missing")
    code = _string(shown, data, "code")
    if code != path.parent.name:
        raise ConfigError(shown, "code", f"must be the folder's name, {path.parent.name!r}")
    scripts = data["scripts"]
    if not isinstance(scripts, list) or not scripts or any(s not in _SCRIPTS for s in scripts):
        raise ConfigError(shown, "scripts", f"must be a list of {', '.join(_SCRIPTS)}")
    priority = data.get("priority", 100)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise ConfigError(shown, "priority", "must be a whole number")
    files: dict[str, str | None] = {}
    for key in ("langid", "morphology"):
        name = _string(shown, data, key) if key in data else None
        if name is not None and not (path.parent / name).is_file():
            raise ConfigError(shown, key, f"no such file in the language folder: {name}")
        files[key] = name
    return LanguageInfo(
        code=code,
        name=_string(shown, data, "name"),
        scripts=tuple(scripts),
        folder=path.parent,
        spacy=_string(shown, data, "spacy") if "spacy" in data else "xx",
        spacy_module=_string(shown, data, "spacy_module") if "spacy_module" in data else None,
        langid=files["langid"],
        morphology=files["morphology"],
        priority=priority,
        manifest=path,
    )


def _string(path: str, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(path, key, "must be a quoted, non-empty string")
    return value
