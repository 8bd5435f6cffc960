"""``ner.stanza``: a stanza NER model run over the project's own tokens (pretokenized).

Config::

    - name: ner.stanza
      models:
        kk:
          dir: models/stanza                    # stanza resources dir (resources.json)
          ner_model_path: models/stanza/kk/ner/kk_ner.pt
          pretrain_path: models/stanza/kk/pretrain/kk.pt   # when the model uses word vectors
      label_map: {MISC: null}
      score: 0.8

Nothing is ever downloaded (``download_method=None``). ``dir`` may be omitted, or lack a
``resources.json``; a minimal one is then used. ``ner_model_path`` may be omitted only
when ``dir`` holds stanza's own downloaded models for that language. Optional
``forward_charlm_path`` / ``backward_charlm_path`` are passed on for charlm models.

Tokens go to stanza as pretokenized sentences (split at sentence-final punctuation and
line breaks); its per-token BIOES tags come back one-to-one onto the project tokens.
"""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import Any

from pipeline.components.ner_common import (
    build_label_map,
    first_line,
    missing_model_message,
    sentence_groups,
    tags_to_spans,
)
from pipeline.errors import ModelNotFoundError, PipelineError
from pipeline.registry import register
from pipeline.types import Document, LanguageCode, Span

log = logging.getLogger(__name__)

_ENTRY_KEYS = {
    "dir",
    "ner_model_path",
    "pretrain_path",
    "forward_charlm_path",
    "backward_charlm_path",
}


def _language_name(lang: str) -> str:
    """The language's name from its manifest (stanza's resources.json wants one)."""
    from pipeline import languages

    return languages.get(lang).name if languages.known(lang) else lang


def _how_to(lang: str) -> str:
    return (
        f"Train one with `python -m pipeline train --config configs/train/{lang}-stanza.yaml` "
        f"(stanza.models.ner_tagger), or set models.{lang}.ner_model_path in the config to an "
        f"existing model; stanza's own models can be fetched with "
        f"stanza.download('{lang}', processors='tokenize,ner', model_dir=DIR) on a machine "
        f"with internet access, then set models.{lang}.dir to DIR."
    )


_WHAT = {
    "ner_model_path": "stanza NER",
    "pretrain_path": "stanza pretrain (word vectors)",
    "forward_charlm_path": "stanza forward charlm",
    "backward_charlm_path": "stanza backward charlm",
}


@register("ner.stanza")
class StanzaNER:
    """Entities from a stanza NER model per language; languages without a model get none."""

    name = "ner.stanza"
    requires = ("tokens",)
    path_settings = ("models",)  # relative to the config file's directory
    needs_torch = True  # see pipeline.startup

    def __init__(
        self,
        models: dict[LanguageCode, dict],
        label_map: dict[str, str | None] | None = None,
        score: float = 0.8,
    ) -> None:
        self.label_map = build_label_map(label_map, self.name)
        self.score = float(score)
        self.pipelines: dict[str, Any] = {}
        for lang, entry in (models or {}).items():
            self.pipelines[lang] = self._load(lang, entry or {})

    def _load(self, lang: str, entry: dict[str, Any]) -> Any:
        if not isinstance(entry, dict):
            raise PipelineError(
                f"{self.name}: models.{lang} must be a mapping with "
                f"{', '.join(sorted(_ENTRY_KEYS))}"
            )
        unknown = sorted(set(entry) - _ENTRY_KEYS)
        if unknown:
            raise PipelineError(
                f"{self.name}: models.{lang}.{unknown[0]} is not a setting; "
                f"allowed: {', '.join(sorted(_ENTRY_KEYS))}"
            )
        model_path = entry.get("ner_model_path")
        model_dir = entry.get("dir")
        for key, what in _WHAT.items():
            value = entry.get(key)
            if value is not None and not Path(value).is_file():
                raise ModelNotFoundError(
                    missing_model_message(what, lang, str(value), _how_to(lang))
                )
        if model_path is None and (model_dir is None or not Path(model_dir).is_dir()):
            raise ModelNotFoundError(
                missing_model_message(
                    "stanza NER", lang, str(model_dir), "No ner_model_path is set. " + _how_to(lang)
                )
            )

        import stanza  # slow import: only when a stanza model is configured

        kwargs: dict[str, Any] = {
            "lang": lang,
            "processors": "tokenize,ner",
            "tokenize_pretokenized": True,
            "download_method": None,
            "allow_unknown_language": True,
            "logging_level": "WARN",
        }
        if model_path is not None:
            kwargs["ner_model_path"] = str(model_path)
        if entry.get("pretrain_path") is not None:
            kwargs["ner_pretrain_path"] = str(entry["pretrain_path"])
        for key in ("forward_charlm_path", "backward_charlm_path"):
            if entry.get(key) is not None:
                kwargs[f"ner_{key}"] = str(entry[key])

        resources = Path(model_dir) / "resources.json" if model_dir else None
        with tempfile.TemporaryDirectory(prefix="stanza-res-") as tmp:
            if resources is not None and resources.is_file():
                kwargs["dir"] = str(model_dir)
            else:
                # stanza insists on a resources.json; a minimal one is enough for explicit paths
                if model_dir:
                    log.debug(
                        "%s: no resources.json in %s; using a minimal one", self.name, model_dir
                    )
                fallback = Path(tmp) / "resources.json"
                fallback.write_text(
                    json.dumps({lang: {"lang_name": _language_name(lang)}}), encoding="utf-8"
                )
                kwargs["dir"] = str(model_dir or tmp)
                kwargs["resources_filepath"] = str(fallback)
            try:
                nlp = stanza.Pipeline(**kwargs)
            except (FileNotFoundError, OSError) as exc:
                where = getattr(exc, "filename", None) or model_path or model_dir
                raise ModelNotFoundError(
                    missing_model_message("stanza NER", lang, str(where), _how_to(lang))
                    + f" ({first_line(exc)})"
                ) from None

        trainer = getattr(nlp.processors.get("ner"), "_trainer", None)
        trained_with = (getattr(trainer, "args", None) or {}) if trainer is not None else {}
        dependencies = getattr(nlp, "config", {}).get("ner_dependencies") or []
        has_pretrain = "ner_pretrain_path" in kwargs or any(
            isinstance(d, dict) and d.get("pretrain_path") for d in dependencies
        )
        if trained_with.get("pretrain") and not has_pretrain:
            raise ModelNotFoundError(
                missing_model_message(
                    "stanza pretrain (word vectors)",
                    lang,
                    str(trained_with.get("wordvec_pretrain_file") or "<unset>"),
                    f"The NER model {model_path or model_dir} was trained with word vectors: set "
                    f"models.{lang}.pretrain_path to the Pretrain .pt file it was trained with "
                    f"(or retrain with `python -m pipeline train --config "
                    f"configs/train/{lang}-stanza.yaml`).",
                )
            )
        return nlp

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        nlp = self.pipelines.get(doc.lang or "")
        if nlp is None or not tokens:
            return []
        groups = sentence_groups(doc.text, tokens)
        result = nlp([[tokens[i].text for i in group] for group in groups])
        tags = [tok.ner or "O" for sent in result.sentences for tok in sent.tokens]
        if len(tags) != len(tokens):
            raise PipelineError(
                f"{self.name}: stanza returned {len(tags)} tags for {len(tokens)} tokens"
            )
        return tags_to_spans(doc.text, tokens, tags, self.label_map, self.name, self.score)
