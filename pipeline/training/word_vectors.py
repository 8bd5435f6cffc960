"""Word vectors from the training text itself, for models that want a pretrain offline.

No pre-trained vectors can be downloaded here, so the stanza trainer builds its own: the
positive pointwise mutual information (PPMI) of word / context-word pairs within a small
window, reduced by a truncated SVD (Levy, Goldberg and Dagan 2015: on small corpora this
is as good as word2vec). Words are lower-cased, as stanza looks them up. The vectors know
only the words of the training text; the tagger's character model covers the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


def ppmi_svd_vectors(
    sentences: Sequence[Sequence[str]],
    dim: int = 100,
    window: int = 2,
    smoothing: float = 0.75,
    seed: int = 13,
) -> tuple[list[str], np.ndarray]:
    """Words (most frequent first) and a ``len(words) x dim`` float32 matrix of unit rows.

    Context counts are raised to ``smoothing`` (0.75, as in word2vec's negative sampling)
    so rare context words do not dominate. With fewer words than ``dim`` the columns past
    the rank are zero.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    lowered = [[w.lower() for w in sent] for sent in sentences]
    freq = Counter(w for sent in lowered for w in sent)
    words = sorted(freq, key=lambda w: (-freq[w], w))
    if not words:
        return [], np.zeros((0, dim), dtype=np.float32)
    index = {w: i for i, w in enumerate(words)}
    pairs: Counter = Counter()
    for sent in lowered:
        ids = [index[w] for w in sent]
        for i, a in enumerate(ids):
            for b in ids[i + 1 : i + 1 + window]:
                pairs[(a, b)] += 1
                pairs[(b, a)] += 1
    n = len(words)
    out = np.zeros((n, dim), dtype=np.float32)
    if not pairs or n < 3:
        return words, out
    rows, cols = zip(*pairs, strict=True)
    counts = np.fromiter(pairs.values(), dtype=np.float64, count=len(pairs))
    row_sum = np.bincount(rows, weights=counts, minlength=n)
    ctx = np.bincount(cols, weights=counts, minlength=n) ** smoothing
    total = counts.sum()
    pmi = np.log(counts * total / (row_sum[list(rows)] * (ctx[list(cols)] / ctx.sum() * total)))
    keep = pmi > 0
    matrix = coo_matrix(
        (pmi[keep], (np.asarray(rows)[keep], np.asarray(cols)[keep])), shape=(n, n)
    ).tocsr()
    k = min(dim, n - 2)
    if k < 1 or matrix.nnz == 0:
        return words, out
    # a fixed start vector makes ARPACK, and so the vectors, reproducible
    v0 = np.random.default_rng(seed).uniform(-1, 1, n)
    u, s, _ = svds(matrix, k=k, v0=v0)
    order = np.argsort(-s)
    vecs = u[:, order] * np.sqrt(s[order])
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    vecs = vecs / np.where(norms == 0, 1, norms)
    out[:, :k] = vecs.astype(np.float32)
    return words, out


def save_stanza_pretrain(words: Sequence[str], vectors: np.ndarray, path: str | Path) -> Path:
    """Write ``words`` and ``vectors`` as a stanza ``Pretrain`` file (``{"vocab", "emb"}``).

    stanza's vocabulary starts with its special entries (padding, unknown, ...), whose
    rows stay zero.
    """
    import torch
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    vocab = PretrainedWordVocab([w.replace(" ", "\xa0") for w in words])
    emb = torch.zeros((len(words) + len(VOCAB_PREFIX), vectors.shape[1]), dtype=torch.float32)
    if len(words):
        emb[len(VOCAB_PREFIX) :] = torch.from_numpy(np.asarray(vectors, dtype=np.float32))
    out = Path(path)
    data: dict[str, Any] = {"vocab": vocab.state_dict(), "emb": emb}
    torch.save(data, out, _use_new_zipfile_serialization=False)
    return out
