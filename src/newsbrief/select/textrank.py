"""TextRank for sentence extraction (Mihalcea & Tarau 2004, "TextRank: bringing order into texts").

An undirected graph of the candidate sentences, with edge weight the paper's similarity
``|shared words| / (log |S_i| + log |S_j|)``: shared words are distinct content terms (stemmed, stopwords out),
|S| is the sentence's length in tokens. Scores come from weighted PageRank,
``WS(i) = (1 - d) + d * sum_j w_ji / (sum_k w_jk) * WS(j)`` with d = 0.85, iterated until no score moves by more
than the paper's 0.0001. Sentences are taken by score; the paper has no redundancy step, so none is added
(verbatim repeats are already out of the candidates).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsbrief.model import Sentence
from newsbrief.select.common import candidates, fill, pagerank
from newsbrief.text.vectors import binary, pairwise, term_counts

DAMPING = 0.85
TOLERANCE = 1e-4


def similarity_graph(pool: Sequence[Sentence]) -> sparse.csr_matrix:
    """Edge weights ``shared / (log len_i + log len_j)``, no self-loops."""
    present = binary(term_counts(pool)).astype(np.float32)  # float32: counts stay exact, the graph half the size
    log_length = np.log(np.maximum([len(s.tokens) for s in pool], 2)).astype(np.float32)

    def weigh(rows: np.ndarray, cols: np.ndarray, shared: np.ndarray) -> np.ndarray:
        weight = shared / (log_length[rows] + log_length[cols])
        weight[rows == cols] = 0.0
        return weight

    return pairwise(present, present, reweight=weigh)


def choose(sentences: Sequence[Sentence], words: int) -> list[Sentence]:
    """The highest-ranked sentences within ``words`` words."""
    pool = candidates(sentences, words)
    if not pool:
        return []
    order = np.argsort(-pagerank(similarity_graph(pool), DAMPING, TOLERANCE), kind="stable")
    return fill(pool, order, words)
