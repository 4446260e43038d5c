"""Sparse term vectors of sentences: content-term counts, inverse sentence frequency, TF-IDF, cosines.

Shared by the filters (off-topic) and the selectors. Columns are content terms (`newsbrief.text.tokens.content_tokens`),
in order of first appearance, so a matrix never depends on the order Python iterates a set in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from newsbrief.text.tokens import content_tokens

if TYPE_CHECKING:
    from newsbrief.model import Sentence


def term_counts(sentences: Sequence[Sentence]) -> sparse.csr_matrix:
    """Sentence-by-term matrix of content-term counts (float64, columns in order of first appearance)."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, s in enumerate(sentences):
        for term in content_tokens(s.tokens):
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    data = np.ones(len(rows))
    counts = sparse.csr_matrix((data, (rows, cols)), shape=(len(sentences), len(vocabulary)))
    counts.sum_duplicates()
    return counts


def binary(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """1 where a sentence contains a term (its set of distinct content terms)."""
    present = counts.copy()
    present.data[:] = 1.0
    return present


def idf(counts: sparse.csr_matrix) -> np.ndarray:
    """Smoothed inverse sentence frequency of each term: ``log((1 + n) / (1 + sf)) + 1``.

    Within the cluster, sentences are the documents. Counting articles instead tells little in the many one- to
    three-article clusters (Multi-News has 1-9 articles, mean 2.8): in a one-article cluster every term weighs the
    same. Sentence frequency scored as well or better for centroid, LexRank and MMR on DUC 2003 and Multi-News
    (e.g. MMR R-1 37.97 vs 37.74, centroid 44.70 vs 44.00 on 50 Multi-News clusters).
    """
    n = counts.shape[0]
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    return np.log((1.0 + n) / (1.0 + frequency)) + 1.0


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Rows scaled to unit L2 norm (all-zero rows stay zero), so row products are cosines."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)


def tfidf(counts: sparse.csr_matrix, weights: np.ndarray) -> sparse.csr_matrix:
    """Unit-length TF-IDF rows: raw term counts times ``weights`` (from `idf`)."""
    return normalize_rows(sparse.csr_matrix(counts @ sparse.diags(weights)))


def pairwise(
    left: sparse.csr_matrix,
    right: sparse.csr_matrix,
    keep: float = 0.0,
    reweight: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None,
    block: int = 500,
) -> sparse.csr_matrix:
    """``left @ right.T``, optionally reweighted, keeping only entries above ``keep``; a block of rows at a time.

    reweight: ``(rows, cols, values) -> new values`` for the product's stored entries (global indices), e.g. to
    divide by a function of both sentences or to zero the diagonal.
    Blocks bound the memory of the full product on clusters of thousands of sentences.
    """
    right_t = sparse.csr_matrix(right.T)
    parts = []
    for start in range(0, left.shape[0], block):
        part = sparse.csr_matrix(left[start : start + block] @ right_t)
        if reweight is not None:
            rows = start + np.repeat(np.arange(part.shape[0]), np.diff(part.indptr))
            part.data = reweight(rows, part.indices, part.data).astype(part.dtype, copy=False)
        part.data[part.data <= keep] = 0.0
        part.eliminate_zeros()
        parts.append(part)
    if not parts:
        return sparse.csr_matrix((0, right.shape[0]))
    return sparse.csr_matrix(sparse.vstack(parts))


def similarity_to(vectors: sparse.csr_matrix, i: int) -> np.ndarray:
    """Cosine of every row of ``vectors`` (unit rows) with row ``i``, as a dense array."""
    return np.asarray((vectors @ vectors[i].T).todense()).ravel()
