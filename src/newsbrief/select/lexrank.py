"""LexRank: eigenvector centrality in the sentence similarity graph (Erkan & Radev 2004, "LexRank: graph-based
lexical centrality as salience in text summarization").

Continuous LexRank over an idf-modified-cosine graph: an edge between two sentences weighs their TF-IDF cosine
(within-cluster IDF, see `common.idf`), and edges of cosine 0.1 or less (the paper's threshold) are dropped. Each
sentence keeps its self-similarity of 1, as in the paper's matrix (a sentence without content terms has no edges
at all). Rows are normalised into a Markov matrix M
and the scores p solve ``p = d / N + (1 - d) M^T p`` with the paper's jump probability d = 0.15, by power
iteration (`common.pagerank`, which returns N p). Sentences are then taken by score, skipping any whose cosine
with a chosen one is above `common.REDUNDANCY` (MEAD's reranker, which the paper's DUC runs used).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsbrief.model import Sentence
from newsbrief.select.common import candidates, fill, pagerank
from newsbrief.text.vectors import idf, pairwise, term_counts, tfidf

THRESHOLD = 0.1
JUMP = 0.15
TOLERANCE = 1e-6


def scores(vectors: sparse.csr_matrix, threshold: float = THRESHOLD) -> np.ndarray:
    """LexRank score of every sentence, from unit TF-IDF rows."""
    return pagerank(pairwise(vectors, vectors, keep=threshold), damping=1.0 - JUMP, tolerance=TOLERANCE)


def choose(sentences: Sequence[Sentence], words: int) -> list[Sentence]:
    """The most central sentences, without near repeats, within ``words`` words."""
    pool = candidates(sentences, words)
    if not pool:
        return []
    counts = term_counts(pool)
    vectors = tfidf(counts, idf(counts))
    order = np.argsort(-scores(vectors), kind="stable")
    return fill(pool, order, words, vectors)
