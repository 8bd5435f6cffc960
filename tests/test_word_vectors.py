"""Word vectors built from the training text (stanza's pretrain when none can be downloaded)."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.errors import ConfigError
from pipeline.training.config import parse_train_config
from pipeline.training.word_vectors import ppmi_svd_vectors, save_stanza_pretrain

# Cities share their contexts ("went to X yesterday"), people theirs ("X said that").
CORPUS = [
    f"{who} went to {city} yesterday and {who2} said that {city2} is far".split()
    for who, city, who2, city2 in [
        ("Rysbek", "Almaty", "Ainur", "Astana"),
        ("Ainur", "Astana", "Yerkin", "Shymkent"),
        ("Yerkin", "Shymkent", "Rysbek", "Almaty"),
        ("Rysbek", "Astana", "Yerkin", "Almaty"),
        ("Ainur", "Shymkent", "Rysbek", "Astana"),
        ("Yerkin", "Almaty", "Ainur", "Shymkent"),
    ]
]


def _cos(words, vecs, a, b):
    return float(vecs[words.index(a)] @ vecs[words.index(b)])


def test_words_in_the_same_contexts_get_close_vectors():
    words, vecs = ppmi_svd_vectors(CORPUS, dim=6, window=2, seed=1)
    # most frequent first (the words of every sentence), ties by spelling; lower-cased
    assert words[:8] == ["and", "far", "is", "said", "that", "to", "went", "yesterday"]
    assert "almaty" in words and "Almaty" not in words
    assert vecs.shape == (len(words), 6) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-5)
    for city in ("astana", "shymkent"):
        assert _cos(words, vecs, "almaty", city) > _cos(words, vecs, "almaty", "rysbek")
    assert _cos(words, vecs, "ainur", "yerkin") > _cos(words, vecs, "ainur", "shymkent")
    again = ppmi_svd_vectors(CORPUS, dim=6, window=2, seed=1)
    assert again[0] == words and np.array_equal(again[1], vecs)  # reproducible


def test_tiny_corpora_give_zero_columns_not_errors():
    words, vecs = ppmi_svd_vectors([["Алматы"], ["Алматы", "Астана"]], dim=4)
    assert words == ["алматы", "астана"] and vecs.shape == (2, 4) and not vecs.any()
    assert ppmi_svd_vectors([], dim=3)[1].shape == (0, 3)


def test_saved_pretrain_loads_in_stanza(tmp_path):
    from stanza.models.common.pretrain import Pretrain

    words, vecs = ppmi_svd_vectors(CORPUS, dim=6, seed=1)
    path = save_stanza_pretrain(words, vecs, tmp_path / "pretrain.pt")
    pretrain = Pretrain(str(path))
    pretrain.load()
    assert pretrain.vocab.unit2id("almaty") == words.index("almaty") + 4  # after 4 specials
    row = pretrain.emb[pretrain.vocab.unit2id("almaty")].numpy()
    assert np.allclose(row, vecs[words.index("almaty")])


@pytest.mark.parametrize(
    ("stanza", "key", "message"),
    [
        ({"vectors": "no/such/vectors.vec"}, "stanza.vectors", "no such file: no/such/vectors.vec"),
        ({"optim": "lbfgs"}, "stanza.optim", "unknown optimizer 'lbfgs'"),
        ({"hidden_dim": 0}, "stanza.hidden_dim", "must be at least 1"),
        ({"hidden": 8}, "stanza.hidden", "unknown setting"),
    ],
)
def test_stanza_settings_errors_name_the_key(stanza, key, message):
    data = {
        "lang": "kk",
        "backend": "stanza",
        "sources": [{"path": "a.conll", "format": "conll", "label_map": "kaznerd"}],
        "stanza": stanza,
    }
    with pytest.raises(ConfigError) as err:
        parse_train_config(data, "configs/train/x.yaml")
    assert f"configs/train/x.yaml: key '{key}': {message}" in str(err.value)


def test_stanza_pretrain_from_each_vectors_setting(tmp_path):
    from pipeline.training.stanza_trainer import build_pretrain

    settings = {"vector_dim": 4, "vector_window": 2, "max_vocab": 1000}
    tokens = [["Алматы", "қаласы"], ["Астана", "қаласы"], ["Алматы", "үлкен"]]
    none, info = build_pretrain({**settings, "vectors": "none"}, tokens, tmp_path / "a.pt", 1)
    assert none is None and info["source"] == "none" and not (tmp_path / "a.pt").exists()

    own, info = build_pretrain({**settings, "vectors": "train_text"}, tokens, tmp_path / "b.pt", 1)
    assert info == {
        "source": "train_text",
        "note": "PPMI + SVD vectors built from the training rows only (no pre-trained vectors)",
        "words": 4,
        "dim": 4,
        "window": 2,
    }
    assert own.vocab.unit2id("алматы") == 4 and own.emb.shape == (8, 4)

    text = tmp_path / "vectors.vec"  # a word2vec/fastText text file someone brought
    text.write_text("2 3\nалматы 0.1 0.2 0.3\nастана 0.3 0.2 0.1\n", encoding="utf-8")
    given, info = build_pretrain({**settings, "vectors": str(text)}, tokens, tmp_path / "c.pt", 1)
    assert info["source"] == str(text) and (tmp_path / "c.pt").is_file()
    assert [round(float(x), 3) for x in given.emb[given.vocab.unit2id("астана")]] == [0.3, 0.2, 0.1]
    # and a stanza .pt is copied as it is
    again, _ = build_pretrain(
        {**settings, "vectors": str(tmp_path / "c.pt")}, tokens, tmp_path / "d.pt", 1
    )
    assert again.vocab.unit2id("астана") == given.vocab.unit2id("астана")
