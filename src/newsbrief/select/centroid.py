"""Centroid: MEAD's sentence scoring (Radev, Jing, Styś & Tam 2004, "Centroid-based summarization of multiple
documents").

Each candidate sentence i gets ``score_i = w_c C_i + w_p P_i + w_f F_i`` with MEAD's default weights (all 1):

- C_i, centroid value: the sum, over the sentence's content tokens, of each term's centroid value; the centroid
  gives a term its average count per document times its IDF (within-cluster IDF, see `common.idf`).
- P_i, position: ``(n - i + 1) / n * C_max`` for the i-th (1-based) of the document's n candidates, where C_max is
  the largest C in that document, so a document's first sentence scores as much as its most central one.
- F_i, first-sentence overlap: the inner product of the sentence's term counts with those of its document's first
  candidate sentence.

Sentences are then taken greedily by ``score_i - w_R R_i``, where R_i is the largest redundancy
``2 * shared terms / (terms of one + terms of the other)`` between sentence i and a chosen one, and w_R is the
largest score (the paper's redundancy penalty).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsbrief.model import Sentence, by_document
from newsbrief.select.common import candidates, greedy
from newsbrief.text.vectors import binary, idf, term_counts

WEIGHT_CENTROID = 1.0
WEIGHT_POSITION = 1.0
WEIGHT_FIRST = 1.0


def scores(pool: Sequence[Sentence], counts: sparse.csr_matrix) -> np.ndarray:
    """MEAD score (centroid + position + first-sentence overlap) of every sentence of ``pool``.

    counts: the pool's content-term counts (`common.term_counts`).
    """
    n_docs = len({s.doc for s in pool})
    centroid = np.asarray(counts.sum(axis=0)).ravel() / n_docs * idf(counts)
    central = counts @ centroid

    rank = np.zeros(len(pool))  # 1-based place among the document's candidates
    first = np.zeros(len(pool), dtype=int)  # index of the document's first candidate
    size = np.zeros(len(pool))  # the document's number of candidates
    best = np.zeros(len(pool))  # C_max of the document
    for members in by_document(pool).values():
        rank[members] = np.arange(1, len(members) + 1)
        first[members] = members[0]
        size[members] = len(members)
        best[members] = central[members].max()
    position = (size - rank + 1) / size * best
    overlap = np.asarray(counts.multiply(counts[first]).sum(axis=1)).ravel()
    return WEIGHT_CENTROID * central + WEIGHT_POSITION * position + WEIGHT_FIRST * overlap


def choose(sentences: Sequence[Sentence], words: int) -> list[Sentence]:
    """The best MEAD-scored sentences, penalised for redundancy with those already chosen, within ``words``."""
    pool = candidates(sentences, words)
    if not pool:
        return []
    counts = term_counts(pool)
    present = binary(counts)
    sizes = np.asarray(present.sum(axis=1)).ravel()

    def redundancy(j: int) -> np.ndarray:
        shared = np.asarray((present @ present[j].T).todense()).ravel()
        total = sizes + sizes[j]
        return np.divide(2 * shared, total, out=np.zeros(len(pool)), where=total > 0)

    score = scores(pool, counts)
    return greedy(pool, words, score, redundancy, penalty=score.max())
