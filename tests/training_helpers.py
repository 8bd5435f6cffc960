"""Tiny training data and configs shared by the training tests (seconds to train)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

CONLL = (
    "Алматыда B-GPE\nжиын O\nөтті O\n. O\n\n"
    "Рысбек B-PERSON\nСәрсенбаев I-PERSON\nсөз O\nсөйледі O\n. O\n\n"
    "Астанада B-GPE\nкездесу O\nболды O\n. O\n"
)
TINY = {
    "width": 16,
    "depth": 1,
    "hidden_width": 16,
    "rows": [200, 50, 100, 50],
    "epochs": 1,
    "batch_start": 4,
    "batch_end": 4,
}


@pytest.fixture(autouse=True)
def one_torch_thread() -> Iterator[None]:
    """Import into a test module to run its tiny models on one torch thread: extra threads
    only thrash when the CPUs are shared."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def write_doccano(
    path: Path, sentences: list[tuple[str, list[tuple[str, str]]]], lang: str | None = None
) -> Path:
    """``sentences`` (text, [(entity text, label)]) as doccano JSONL, each entity at its
    first occurrence in the text; with ``lang`` on every record."""
    lines = []
    for text, ents in sentences:
        label = [[text.index(s), text.index(s) + len(s), lab] for s, lab in ents]
        record = {"text": text, **({"lang": lang} if lang else {}), "label": label}
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tiny_spacy_config(tmp_path: Path, output: Path, name: str = "kk-tiny") -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    data = tmp_path / "tiny.conll"
    data.write_text(CONLL, encoding="utf-8")
    cfg = {
        "name": name,
        "lang": "kk",
        "labels": ["PERSON", "PLACE"],
        "split": {"heldout": 0.0, "dev": 0.0},
        "output": str(output),
        "sources": [{"name": "tiny", "path": str(data), "format": "conll", "label_map": "kaznerd"}],
        "spacy": TINY,
    }
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return path


def wordpiece_tokenizer(texts: list[str], vocab_size: int) -> object:
    """A BERT-style fast tokenizer (WordPiece, [CLS]/[SEP] template) trained on ``texts``."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers.trainers import WordPieceTrainer
    from transformers import PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    wp = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    wp.normalizer = normalizers.BertNormalizer(lowercase=False, strip_accents=False)
    wp.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    wp.train_from_iterator(texts, WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials))
    wp.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B [SEP]",
        special_tokens=[("[CLS]", wp.token_to_id("[CLS]")), ("[SEP]", wp.token_to_id("[SEP]"))],
    )
    wp.decoder = decoders.WordPiece()
    return PreTrainedTokenizerFast(
        tokenizer_object=wp,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
    )


def tiny_checkpoint(out: Path, texts: list[str]) -> Path:
    """A randomly initialised 2-layer BERT (hidden 32) and a WordPiece tokenizer trained here."""
    import torch
    from transformers import BertConfig, BertForMaskedLM

    tokenizer = wordpiece_tokenizer(texts, vocab_size=150)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    # A "pre-trained" checkpoint without a token-classification head, like xlm-roberta-base.
    BertForMaskedLM(config).save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
