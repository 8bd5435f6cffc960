"""``ner.transformers``: a Hugging Face token-classification model over the project tokens.

Config::

    - name: ner.transformers
      models: {kk: models/kk-bert-ner, en: models/en-bert-ner}   # local dirs (or cached names)
      label_map: {MISC: null}
      score_threshold: 0.5
      max_length: 512
      stride: 64

Loading is ``local_files_only``: nothing is downloaded. The document text is encoded as is
with a fast tokenizer; its ``offset_mapping`` puts every sub-word on the project tokens it
overlaps. Each project token takes the label of its first sub-word (word-level "first"
aggregation), and the tags are decoded into spans over the project tokens (IOB2, BIOES and
friends, see ``ner_common``). Texts longer than ``max_length`` sub-words are read in
overlapping windows (``stride`` sub-words of overlap); each token is judged in the window
where it has the most context on both sides. A span's score is the mean probability of
its tokens' labels; spans under ``score_threshold`` are dropped.
"""

from __future__ import annotations

import bisect
import logging
from pathlib import Path
from typing import Any

from pipeline.components.ner_common import (
    build_label_map,
    first_line,
    missing_model_message,
    tags_to_spans,
)
from pipeline.errors import ModelNotFoundError, PipelineError
from pipeline.iob import continue_tag
from pipeline.registry import register
from pipeline.types import Document, LanguageCode, Span

log = logging.getLogger(__name__)

_BATCH = 8  # windows per forward pass
# Models whose position ids start after the padding index (usable positions = max - 2).
_OFFSET_POSITIONS = {"roberta", "xlm-roberta", "camembert", "longformer", "mpnet"}


def _how_to(lang: str) -> str:
    return (
        f"Train one with `python -m pipeline train --config configs/train/{lang}-transformers.yaml`, "
        f"or set models.{lang} in the config to a local directory holding a token-classification "
        "model and its fast tokenizer (config.json, model weights, tokenizer.json); to use a hub "
        "model, download it with `huggingface-cli download NAME --local-dir DIR` on a machine "
        "with internet access and set the directory."
    )


class _Model:
    """One language's tokenizer + model, and the window size that fits both."""

    def __init__(self, lang: str, source: str, max_length: int, stride: int) -> None:
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        try:
            self.tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
            self.model = AutoModelForTokenClassification.from_pretrained(
                source, local_files_only=True
            )
        except (OSError, ValueError) as exc:
            if Path(source).expanduser().exists():
                detail = first_line(exc)
            else:
                detail = "no such directory, and no cached hub model of that name"
            raise ModelNotFoundError(
                missing_model_message("transformers", lang, source, _how_to(lang)) + f" ({detail})"
            ) from None
        if not getattr(self.tokenizer, "is_fast", False):
            raise PipelineError(
                f"ner.transformers: the tokenizer at {source} is not a fast tokenizer; "
                "character offsets need one (save it with tokenizer.json)"
            )
        self.model.eval()
        self.id2label = {int(k): str(v) for k, v in self.model.config.id2label.items()}

        limit = int(max_length)
        positions = getattr(self.model.config, "max_position_embeddings", None)
        if positions:
            if getattr(self.model.config, "model_type", "") in _OFFSET_POSITIONS:
                positions -= 2
            limit = min(limit, int(positions))
        tok_limit = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tok_limit, int) and 0 < tok_limit < 1_000_000:
            limit = min(limit, tok_limit)
        specials = self.tokenizer.num_special_tokens_to_add()
        if limit - specials < 2:
            raise PipelineError(f"ner.transformers: max_length {max_length} is too small")
        self.max_length = limit
        self.stride = max(0, min(int(stride), (limit - specials) // 2))

    def label_tokens(self, text: str, tokens: list[Any]) -> tuple[list[str], list[float]]:
        """One (tag, probability) per project token: the first sub-word's, best window."""
        import torch

        enc = self.tokenizer(
            text,
            return_offsets_mapping=True,
            return_special_tokens_mask=True,
            return_overflowing_tokens=True,
            truncation=True,
            max_length=self.max_length,
            stride=self.stride,
            padding=True,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping").tolist()
        special = enc.pop("special_tokens_mask").tolist()
        enc.pop("overflow_to_sample_mapping", None)
        mask = enc["attention_mask"].tolist()

        probs_chunks = []
        with torch.inference_mode():
            for lo in range(0, len(offsets), _BATCH):
                batch = {k: v[lo : lo + _BATCH] for k, v in enc.items()}
                logits = self.model(**batch).logits
                probs_chunks.append(torch.softmax(logits.float(), dim=-1))
        probs = torch.cat(probs_chunks)
        best_p, best_id = probs.max(dim=-1)
        best_p, best_id = best_p.tolist(), best_id.tolist()

        starts = [t.start for t in tokens]
        # token index -> (context, tag, prob, first sub-word starts inside the token)
        chosen: dict[int, tuple[int, str, float, bool]] = {}
        for w, window in enumerate(offsets):
            content = [
                i for i, (s, e) in enumerate(window) if mask[w][i] and not special[w][i] and e > s
            ]
            if not content:
                continue
            first, last = content[0], content[-1]
            seen: set[int] = set()
            for i in content:
                s, e = window[i]
                j = max(0, bisect.bisect_right(starts, s) - 1)
                if tokens[j].end <= s:  # sub-word starts in a gap: first token after it
                    j += 1
                while j < len(tokens) and tokens[j].start < e:
                    if j not in seen:
                        seen.add(j)
                        context = min(i - first, last - i)
                        if j not in chosen or context > chosen[j][0]:
                            tag = self.id2label.get(best_id[w][i], "O")
                            chosen[j] = (context, tag, best_p[w][i], s >= tokens[j].start)
                    j += 1

        tags: list[str] = []
        scores: list[float] = []
        for j in range(len(tokens)):
            if j not in chosen:  # nothing of it reached the model (e.g. dropped characters)
                tags.append("O")
                scores.append(1.0)
                continue
            _, tag, prob, own_start = chosen[j]
            if not own_start and j > 0:
                # the sub-word began in the previous token: same entity as that token
                tags[-1], tag = continue_tag(tags[-1])
            tags.append(tag)
            scores.append(prob)
        return tags, scores


@register("ner.transformers")
class TransformersNER:
    """Entities from a token-classification transformer per language."""

    name = "ner.transformers"
    requires = ("tokens",)
    path_settings = ("models",)  # relative to the config file's directory
    needs_torch = True  # see pipeline.startup

    def __init__(
        self,
        models: dict[LanguageCode, str],
        label_map: dict[str, str | None] | None = None,
        score_threshold: float = 0.0,
        max_length: int = 512,
        stride: int = 64,
    ) -> None:
        self.label_map = build_label_map(label_map, self.name)
        self.score_threshold = float(score_threshold)
        self.models = {
            lang: _Model(lang, str(source), max_length, stride)
            for lang, source in (models or {}).items()
        }

    def propose(self, doc: Document, tokens: list[Any]) -> list[Span]:
        model = self.models.get(doc.lang or "")
        if model is None or not tokens:
            return []
        tags, scores = model.label_tokens(doc.text, tokens)
        spans = tags_to_spans(
            doc.text, tokens, tags, self.label_map, self.name, token_scores=scores
        )
        return [s for s in spans if s.score >= self.score_threshold]
