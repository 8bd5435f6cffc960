"""The statistical NER backends, each run on a small real model the test builds itself.

Nothing is mocked and nothing is downloaded: a spaCy ``ner`` pipe, a stanza NER tagger
(with a tiny word-vector file) and a 2-layer BERT with its own WordPiece tokenizer are
trained here for a few steps on the sentences below, saved to disk and loaded through the
components by path, exactly as a config would.
"""

from __future__ import annotations

import importlib
import json
import random
import re
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from pipeline.components.ner_common import (
    build_label_map,
    sentence_groups,
    spaces_after,
    tags_to_spans,
)
from pipeline.components.ner_spacy import SpacyNER
from pipeline.components.ner_stanza import StanzaNER
from pipeline.components.ner_transformers import TransformersNER
from pipeline.errors import ModelNotFoundError, PipelineError
from pipeline.iob import continue_tag
from pipeline.registry import get_factory
from pipeline.tokenize import Token, tokenize
from pipeline.types import LABELS, Document
from tests.training_helpers import wordpiece_tokenizer

ROOT = Path(__file__).resolve().parents[1]

# (lang, text, [(entity text, model label)]) -- labels in the models' own vocabularies.
EN_TRAIN = [
    ("Rysbek Sarsenbay spoke in Almaty .", [("Rysbek Sarsenbay", "PER"), ("Almaty", "LOC")]),
    ("Ainur Bekova visited Astana yesterday .", [("Ainur Bekova", "PER"), ("Astana", "LOC")]),
    (
        "Rysbek Sarsenbay met Ainur Bekova in Astana .",
        [("Rysbek Sarsenbay", "PER"), ("Ainur Bekova", "PER"), ("Astana", "LOC")],
    ),
    ("Ainur Bekova left Almaty on Monday .", [("Ainur Bekova", "PER"), ("Almaty", "LOC")]),
    ("The meeting was long and the weather was cold .", []),
]
KK_TRAIN = [
    (
        "Рысбек Сәрсенбай наурыздың 14-і күні Алматыда сөйледі .",
        [("Рысбек Сәрсенбай", "PER"), ("Алматыда", "LOC")],
    ),
    ("БҰҰ-ның өкілі Астанаға келді .", [("Астанаға", "LOC")]),
    ("Айнұр Бекова Астанада болды .", [("Айнұр Бекова", "PER"), ("Астанада", "LOC")]),
    ("Кездесу ұзаққа созылды .", []),
]
KK_TEXT = "Наурыздың 14-і күні Рысбек Сәрсенбай Алматыда БҰҰ-ның өкілімен кездесті.\nБҰҰ-ның 3 өкілі келді."
EN_TEXT = "On 14 March Rysbek Sarsenbay spoke in Almaty.\n\nAinur Bekova  visited Astana , twice!"
SPACY_LABELS = {"PER": "PERSON", "LOC": "GPE"}


def kk_tokens(text: str) -> list[Token]:
    """The project's Kazakh tokens, or word/punctuation tokens while pipeline.lang.kk is absent."""
    try:
        return tokenize(text, "kk")
    except ImportError:
        return [
            Token(m.start(), m.end(), m.group()) for m in re.finditer(r"\w+(?:-\w+)*|[^\w\s]", text)
        ]


def toks(text: str, lang: str) -> list[Token]:
    return kk_tokens(text) if lang == "kk" else tokenize(text, lang)


def char_ents(text: str, ents: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        out.append((start, start + len(surface), label))
        pos = start + len(surface)
    return out


def snap(tokens: list[Token], spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Char spans widened to the tokens they overlap (in case a tokenizer splits a word)."""
    out = []
    for start, end, label in spans:
        idx = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
        out.append((tokens[idx[0]].start, tokens[idx[-1]].end, label))
    return out


def token_tags(tokens: list[Token], spans: list[tuple[int, int, str]], scheme: str) -> list[str]:
    """Gold tags over tokens for char spans, IOB2 or BIOES."""
    tags = ["O"] * len(tokens)
    for start, end, label in spans:
        idx = [i for i, t in enumerate(tokens) if t.start < end and start < t.end]
        for k, i in enumerate(idx):
            tags[i] = f"{'B' if k == 0 else 'I'}-{label}"
        if scheme == "bioes":
            if len(idx) == 1:
                tags[idx[0]] = f"S-{label}"
            else:
                tags[idx[-1]] = f"E-{label}"
    return tags


def assert_offsets(doc: Document, spans: list) -> None:
    for s in spans:
        assert 0 <= s.start < s.end <= len(doc.text)
        assert s.text == doc.text[s.start : s.end], s
        assert s.label in LABELS


def simple(spans: list) -> list[tuple[str, str]]:
    return [(s.text, s.label) for s in sorted(spans, key=lambda s: s.start)]


@pytest.fixture(scope="module", autouse=True)
def _one_torch_thread():
    """The models here are tiny: extra torch threads only thrash when the CPUs are shared."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


# --------------------------------------------------------------------------- shared pieces


def test_tags_to_spans_schemes_and_offsets():
    text = "Rysbek Sarsenbay spoke in Almaty ."
    tokens = tokenize(text, "en")
    lm = build_label_map(None)
    expected = [("Rysbek Sarsenbay", "PERSON"), ("Almaty", "PLACE")]
    for tags in (
        ["B-PER", "I-PER", "O", "O", "B-LOC", "O"],  # IOB2
        ["B-PER", "E-PER", "O", "O", "S-LOC", "O"],  # BIOES
        ["I-PER", "I-PER", "O", "O", "I-GPE", "O"],  # IOB1
        ["B_PERSON", "L_PERSON", "O", "O", "U_LOCATION", "O"],  # BILOU, underscores
        ["PER", "PER", "O", "O", "LOC", "O"],  # IO
    ):
        spans = tags_to_spans(text, tokens, tags, lm, "t", 0.5)
        assert simple(spans) == expected, tags
        assert all(s.source == "t" and s.score == 0.5 for s in spans)
    # B- always opens; a type change splits; unmapped types are dropped
    tags = ["B-PER", "B-PER", "I-LOC", "O", "B-MISC", "O"]
    assert simple(tags_to_spans(text, tokens, tags, lm)) == [
        ("Rysbek", "PERSON"),
        ("Sarsenbay", "PERSON"),
        ("spoke", "PLACE"),
    ]
    scored = tags_to_spans(
        text, tokens, tags[:1] + ["I-PER"] + ["O"] * 4, lm, token_scores=[1, 0.5, 0, 0, 0, 0]
    )
    assert scored[0].score == pytest.approx(0.75)
    with pytest.raises(ValueError):
        tags_to_spans(text, tokens, ["O"], lm)


def test_tags_to_spans_never_gives_invisible_or_split_characters():
    # What the Kazakh model did: an entity of a lone U+FEFF, one ending in U+200D, one
    # ending before the combining accent of its last letter, one of a lone U+200B.
    text = "\ufeff Алматы\u200d Астана\u0301 \u200b Рысбек"
    tokens = [
        Token(0, 1, "\ufeff"),
        Token(2, 9, "Алматы\u200d"),
        Token(10, 16, "Астана"),  # a tokenizer that split the mark off
        Token(16, 17, "\u0301"),
        Token(18, 19, "\u200b"),
        Token(20, 26, "Рысбек"),
    ]
    tags = ["B-PER", "B-LOC", "B-LOC", "O", "B-PER", "B-PER"]
    spans = tags_to_spans(text, tokens, tags, build_label_map(None))
    assert [(s.start, s.end, s.text, s.label) for s in spans] == [
        (2, 8, "Алматы", "PLACE"),
        (10, 17, "Астана\u0301", "PLACE"),
        (20, 26, "Рысбек", "PERSON"),
    ]


def test_label_map_overrides_and_drops():
    lm = build_label_map({"MISC": "ORG", "gpe": None, "NORP": "PLACE"})
    assert lm["MISC"] == "ORG" and lm["NORP"] == "PLACE" and lm["PER"] == "PERSON"
    assert "GPE" not in lm
    assert lm["CARDINAL"] == "COUNT" and lm["ORGANIZATION"] == "ORG" and lm["DATE"] == "DATE"
    with pytest.raises(PipelineError, match="not a project label"):
        build_label_map({"PER": "HUMAN"})


def test_continue_tag_and_spaces_and_sentences():
    assert continue_tag("S-PER") == ("B-PER", "E-PER")
    assert continue_tag("E-PER") == ("I-PER", "E-PER")
    assert continue_tag("B-PER") == ("B-PER", "I-PER")
    assert continue_tag("O") == ("O", "O")
    text = "Ол келді. «Жақсы!» деді ол.\nЖаңа жол"
    tokens = kk_tokens(text)
    groups = sentence_groups(text, tokens)
    assert [i for g in groups for i in g] == list(range(len(tokens)))
    assert [" ".join(tokens[i].text for i in g) for g in groups][0].endswith(".")
    assert tokens[groups[-1][0]].text == "Жаңа"
    assert len(sentence_groups(text, tokens, max_tokens=2)[0]) == 2
    assert spaces_after("a  b !", tokenize("a  b !", "en")) == [True, True, False]


# --------------------------------------------------------------------------- spaCy


def _train_spacy(nlp: spacy.language.Language, data: list, out: Path) -> Path:
    ner = nlp.add_pipe("ner")
    examples = []
    for text, ents in data:
        doc = nlp.make_doc(text)
        tokens = [Token(t.idx, t.idx + len(t.text), t.text) for t in doc]
        spans = [(s, e, SPACY_LABELS[lab]) for s, e, lab in snap(tokens, char_ents(text, ents))]
        for _, _, lab in spans:
            ner.add_label(lab)
        examples.append(Example.from_dict(doc, {"entities": spans}))
    random.seed(0)
    spacy.util.fix_random_seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for step in range(60):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
        if step >= 15 and step % 5 == 0:
            if all(
                [(e.start_char, e.end_char, e.label_) for e in nlp(ex.reference.text).ents]
                == [(e.start_char, e.end_char, e.label_) for e in ex.reference.ents]
                for ex in examples
            ):
                break
    nlp.to_disk(out)
    return out


@pytest.fixture(scope="module")
def spacy_en_model(tmp_path_factory) -> Path:
    return _train_spacy(spacy.blank("en"), EN_TRAIN, tmp_path_factory.mktemp("spacy") / "en-ner")


@pytest.fixture(scope="module")
def spacy_kk_model(tmp_path_factory) -> Path:
    try:
        importlib.import_module("pipeline.lang.kk")
        nlp = spacy.blank("kk")
    except ImportError as exc:
        pytest.skip(f"Kazakh spaCy language pipeline.lang.kk not available yet ({exc})")
    return _train_spacy(nlp, KK_TRAIN, tmp_path_factory.mktemp("spacy") / "kk-ner")


def test_spacy_english_exact_spans(spacy_en_model):
    comp = SpacyNER(models={"en": str(spacy_en_model)}, score=0.7)
    text = "Rysbek Sarsenbay spoke in Almaty ."
    doc = Document("d1", text, "en")
    spans = comp.propose(doc, tokenize(text, "en"))
    assert [(s.start, s.end, s.label) for s in spans] == [(0, 16, "PERSON"), (26, 32, "PLACE")]
    assert all(s.source == "ner.spacy" and s.score == 0.7 for s in spans)
    assert_offsets(doc, spans)
    # irregular whitespace and a language without a model
    doc = Document("d2", EN_TEXT, "en")
    assert_offsets(doc, comp.propose(doc, tokenize(EN_TEXT, "en")))
    assert comp.propose(Document("d3", KK_TEXT, "kk"), kk_tokens(KK_TEXT)) == []
    assert comp.propose(Document("d4", "", "en"), []) == []


def test_spacy_long_document_goes_through_in_windows(spacy_en_model, monkeypatch):
    import pipeline.components.ner_spacy as ner_spacy

    comp = SpacyNER(models={"en": str(spacy_en_model)})
    nlp = comp.nlp("en")  # loaded on first use
    calls = []

    class Recorder:
        vocab = nlp.vocab

        def pipe(self, sdocs, batch_size):
            calls.append([len(d) for d in sdocs])
            return nlp.pipe(sdocs, batch_size=batch_size)

    comp.nlps["en"] = Recorder()
    monkeypatch.setattr(ner_spacy, "MAX_DOC_TOKENS", 13)
    sentence = "Rysbek Sarsenbay spoke in Almaty ."
    text = "  ".join([sentence] * 5)
    doc = Document("long", text, "en")
    expected = [
        (i * (len(sentence) + 2) + start, i * (len(sentence) + 2) + end, label)
        for i in range(5)
        for start, end, label in ((0, 16, "PERSON"), (26, 32, "PLACE"))
    ]
    # memory is bounded by one model call: windows of whole sentences, at most 13 tokens,
    # one window a call when a call may take 13 tokens
    monkeypatch.setattr(ner_spacy, "BATCH_TOKENS", 13)
    spans = comp.propose(doc, tokenize(text, "en"))
    assert calls == [[12], [12], [6]]
    assert [(s.start, s.end, s.label) for s in spans] == expected
    assert_offsets(doc, spans)
    # several windows in one call when it may take more: the same spans
    calls.clear()
    monkeypatch.setattr(ner_spacy, "BATCH_TOKENS", 24)
    spans = comp.propose(doc, tokenize(text, "en"))
    assert calls == [[12, 12], [6]]
    assert [(s.start, s.end, s.label) for s in spans] == expected


def test_spacy_label_map_drops(spacy_en_model):
    comp = SpacyNER(models={"en": str(spacy_en_model)}, label_map={"GPE": None})
    text = "Rysbek Sarsenbay spoke in Almaty ."
    spans = comp.propose(Document("d", text, "en"), tokenize(text, "en"))
    assert simple(spans) == [("Rysbek Sarsenbay", "PERSON")]


def test_spacy_kazakh_exact_spans(spacy_kk_model):
    comp = get_factory("ner.spacy")(models={"kk": str(spacy_kk_model)})
    text, ents = KK_TRAIN[0]
    doc = Document("k1", text, "kk")
    tokens = tokenize(text, "kk")
    spans = comp.propose(doc, tokens)
    project = {"PER": "PERSON", "LOC": "PLACE"}
    expected = [(s, e, project[lab]) for s, e, lab in snap(tokens, char_ents(text, ents))]
    assert [(s.start, s.end, s.label) for s in spans] == expected
    doc = Document("k2", KK_TEXT, "kk")
    assert_offsets(doc, comp.propose(doc, tokenize(KK_TEXT, "kk")))


def test_spacy_missing_model(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelNotFoundError) as err:
        SpacyNER(models={"kk": str(missing)})
    msg = str(err.value)
    assert str(missing) in msg and "train" in msg and "'kk'" in msg


# --------------------------------------------------------------------------- stanza


@pytest.fixture(scope="module")
def stanza_model(tmp_path_factory) -> dict[str, str]:
    from stanza.models import ner_tagger
    from stanza.models.common.pretrain import Pretrain

    base = tmp_path_factory.mktemp("stanza")
    sents, words = [], set()
    for lang, data in (("en", EN_TRAIN), ("kk", KK_TRAIN)):
        for text, ents in data:
            tokens = toks(text, lang)
            tags = token_tags(tokens, char_ents(text, ents), "bioes")
            sents.append(
                [{"text": t.text, "ner": tag} for t, tag in zip(tokens, tags, strict=True)]
            )
            words.update(t.text.lower() for t in tokens)
    train = base / "train.json"
    train.write_text(json.dumps(sents), encoding="utf-8")  # ASCII-escaped: locale-proof
    rng = random.Random(0)
    vectors = base / "vectors.txt"
    lines = [f"{len(words)} 8"]
    lines += [
        w + " " + " ".join(f"{rng.uniform(-1, 1):.3f}" for _ in range(8)) for w in sorted(words)
    ]
    vectors.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pretrain = base / "pretrain.pt"
    Pretrain(str(pretrain), str(vectors)).load()  # converts and saves the .pt
    # resources.json as small as it gets; the component also copes without one
    (base / "resources.json").write_text('{"kk": {"lang_name": "Kazakh"}}', encoding="utf-8")
    ner_tagger.main(
        [
            "--mode", "train", "--shorthand", "kk_toy", "--cpu",
            "--train_file", str(train), "--eval_file", str(train),
            "--wordvec_pretrain_file", str(pretrain),
            "--save_dir", str(base), "--save_name", "kk_ner.pt",
            "--max_steps", "40", "--eval_interval", "20", "--batch_size", "8",
            "--hidden_dim", "16", "--char_hidden_dim", "8", "--char_emb_dim", "8",
            "--word_dropout", "0", "--dropout", "0", "--lr", "0.5",
        ]
    )  # fmt: skip
    model = base / "kk_ner.pt"
    assert model.is_file()
    return {"dir": str(base), "ner_model_path": str(model), "pretrain_path": str(pretrain)}


def test_stanza_offsets_and_labels(stanza_model):
    comp = StanzaNER(
        models={"kk": stanza_model, "en": {k: v for k, v in stanza_model.items() if k != "dir"}}
    )
    for lang, text in (
        ("kk", KK_TEXT),
        ("en", EN_TEXT),
        ("kk", KK_TRAIN[0][0]),
        ("en", EN_TRAIN[0][0]),
    ):
        doc = Document("s", text, lang)
        spans = comp.propose(doc, toks(text, lang))
        assert_offsets(doc, spans)
        assert all(s.source == "ner.stanza" and s.score == 0.8 for s in spans)
    # a training sentence comes back with its entities, mapped to project labels
    text = EN_TRAIN[0][0]
    spans = comp.propose(Document("s", text, "en"), tokenize(text, "en"))
    assert ("Rysbek Sarsenbay", "PERSON") in simple(spans)
    assert {s.label for s in spans} <= {"PERSON", "PLACE", "ORG"}
    assert comp.propose(Document("s", text, "xx"), tokenize(text, "en")) == []


def test_stanza_missing_model(tmp_path, stanza_model):
    missing = tmp_path / "kk_ner.pt"
    with pytest.raises(ModelNotFoundError) as err:
        StanzaNER(models={"kk": {"dir": str(tmp_path), "ner_model_path": str(missing)}})
    assert str(missing) in str(err.value) and "train" in str(err.value).lower()
    # a model trained with word vectors but configured without them
    with pytest.raises(ModelNotFoundError, match="pretrain_path"):
        StanzaNER(models={"kk": {"ner_model_path": stanza_model["ner_model_path"]}})
    with pytest.raises(PipelineError, match="not a setting"):
        StanzaNER(models={"kk": {**stanza_model, "model": "x"}})


# --------------------------------------------------------------------------- transformers

HF_LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


@pytest.fixture(scope="module")
def hf_model(tmp_path_factory) -> Path:
    import torch
    from transformers import BertConfig, BertForTokenClassification

    out = tmp_path_factory.mktemp("hf") / "tiny-bert-ner"
    data = [("en", t, e) for t, e in EN_TRAIN] + [("kk", t, e) for t, e in KK_TRAIN]
    tokenizer = wordpiece_tokenizer([t for _, t, _ in data] + [KK_TEXT, EN_TEXT], vocab_size=200)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        id2label=dict(enumerate(HF_LABELS)),
        label2id={lab: i for i, lab in enumerate(HF_LABELS)},
    )
    model = BertForTokenClassification(config)
    # Make it context- and position-free (no position embeddings, attention outputs fixed at
    # zero): each sub-word's label then depends on its id alone, so what the component does
    # with windows and sub-words can be checked exactly, whatever the window boundaries.
    frozen = [model.bert.embeddings.position_embeddings]
    frozen += [layer.attention.output.dense for layer in model.bert.encoder.layer]
    for module in frozen:
        for param in module.parameters():
            param.data.zero_()
            param.requires_grad_(False)

    # a few steps of real training: label each word's first sub-word, ignore the rest
    batch_ids, batch_labels = [], []
    for lang, text, ents in data:
        tokens = toks(text, lang)
        tags = token_tags(tokens, char_ents(text, ents), "iob2")
        enc = tokenizer(text, return_offsets_mapping=True)
        labels, seen = [], set()
        for s, e in enc["offset_mapping"]:
            j = next((k for k, t in enumerate(tokens) if t.start <= s < t.end), None)
            if e <= s or j is None or j in seen:
                labels.append(-100)
            else:
                seen.add(j)
                labels.append(config.label2id[tags[j]])
        batch_ids.append(enc["input_ids"])
        batch_labels.append(labels)
    width = max(map(len, batch_ids))
    ids = torch.tensor([x + [tokenizer.pad_token_id] * (width - len(x)) for x in batch_ids])
    labels = torch.tensor([x + [-100] * (width - len(x)) for x in batch_labels])
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=3e-3)
    model.train()
    for _ in range(150):
        loss = model(
            input_ids=ids, attention_mask=(ids != tokenizer.pad_token_id).long(), labels=labels
        ).loss
        optim.zero_grad()
        loss.backward()
        optim.step()
    model.eval()
    tokenizer.save_pretrained(out)
    model.save_pretrained(out)
    return out


def test_transformers_exact_spans(hf_model):
    comp = TransformersNER(models={"en": str(hf_model), "kk": str(hf_model)})
    text = EN_TRAIN[2][0]
    doc = Document("t", text, "en")
    spans = comp.propose(doc, tokenize(text, "en"))
    assert [(s.start, s.end, s.label) for s in spans] == [
        (0, 16, "PERSON"),
        (21, 33, "PERSON"),
        (37, 43, "PLACE"),
    ]
    assert all(s.source == "ner.transformers" and 0 < s.score <= 1 for s in spans)
    text, ents = KK_TRAIN[0]
    tokens = kk_tokens(text)
    spans = comp.propose(Document("t", text, "kk"), tokens)
    expected = [
        (s, e, {"PER": "PERSON", "LOC": "PLACE"}[lab])
        for s, e, lab in snap(tokens, char_ents(text, ents))
    ]
    assert [(s.start, s.end, s.label) for s in spans] == expected


def test_transformers_offsets_kazakh_and_english(hf_model):
    comp = TransformersNER(models={"en": str(hf_model), "kk": str(hf_model)})
    for lang, text in (("kk", KK_TEXT), ("en", EN_TEXT)):
        doc = Document("t", text, lang)
        tokens = toks(text, lang)
        spans = comp.propose(doc, tokens)
        assert_offsets(doc, spans)
        # every span is a run of whole project tokens
        starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
        assert all(s.start in starts and s.end in ends for s in spans)
    assert comp.propose(Document("t", EN_TEXT, "xx"), tokenize(EN_TEXT, "en")) == []
    strict = TransformersNER(models={"en": str(hf_model)}, score_threshold=1.01)
    assert strict.propose(Document("t", EN_TRAIN[0][0], "en"), tokenize(EN_TRAIN[0][0], "en")) == []


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_transformers_long_text_windows(hf_model, lang):
    # Kazakh words are several sub-words each with this vocabulary, so windows cut words
    sentence = EN_TRAIN[0][0] if lang == "en" else KK_TRAIN[0][0]
    text = "\n".join([sentence] * 40)  # hundreds of sub-words: > max_position_embeddings (128)
    doc = Document("long", text, lang)
    tokens = toks(text, lang)
    alone = TransformersNER(models={lang: str(hf_model)}).propose(
        Document("one", sentence, lang), toks(sentence, lang)
    )
    assert [s.label for s in alone] == ["PERSON", "PLACE"]
    step = len(sentence) + 1
    expected = [(s.start + k * step, s.end + k * step, s.label) for k in range(40) for s in alone]
    for max_length, stride in ((512, 64), (32, 8), (24, 0), (17, 3), (9, 100)):
        comp = TransformersNER(models={lang: str(hf_model)}, max_length=max_length, stride=stride)
        spans = comp.propose(doc, tokens)
        assert_offsets(doc, spans)
        assert [(s.start, s.end, s.label) for s in spans] == expected, (max_length, stride)


def test_transformers_missing_model(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelNotFoundError) as err:
        TransformersNER(models={"en": str(missing)})
    assert str(missing) in str(err.value) and "train" in str(err.value).lower()
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelNotFoundError, match="empty"):
        TransformersNER(models={"en": str(tmp_path / "empty")})


# --------------------------------------------------------------------------- configs


@pytest.mark.parametrize("name", ["stanza.yaml", "transformers.yaml"])
def test_example_configs_parse(name):
    from pipeline.config import load_config

    path = ROOT / "configs" / "examples" / name
    cfg = load_config(path)
    assert cfg.languages == ["kk", "en"]
    assert any(c.name.startswith("ner.") for c in cfg.components)
