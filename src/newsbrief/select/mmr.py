"""Maximal Marginal Relevance (Carbonell & Goldstein 1998, "The use of MMR, diversity-based reranking for
reordering documents and producing summaries").

A generic summary has no user query, so the query is the cluster itself: the TF-IDF centroid of all candidate
sentences (within-cluster IDF, see `common.idf`). Sentences are taken one at a time, each time the one that fits
and maximises ``lambda * cos(s, centroid) - (1 - lambda) * max over chosen t of cos(s, t)``, with lambda = 0.7.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsbrief.model import Sentence
from newsbrief.select.common import candidates, greedy
from newsbrief.text.vectors import idf, normalize_rows, similarity_to, term_counts, tfidf

LAMBDA = 0.7


def choose(sentences: Sequence[Sentence], words: int) -> list[Sentence]:
    """Relevant and mutually different sentences within ``words`` words."""
    pool = candidates(sentences, words)
    if not pool:
        return []
    counts = term_counts(pool)
    weights = idf(counts)
    vectors = tfidf(counts, weights)
    centroid = normalize_rows(sparse.csr_matrix(counts.sum(axis=0)) @ sparse.diags(weights))
    relevance = np.asarray((vectors @ centroid.T).todense()).ravel()
    return greedy(pool, words, LAMBDA * relevance, lambda j: similarity_to(vectors, j), penalty=1.0 - LAMBDA)
