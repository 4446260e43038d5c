"""Pieces shared by the sentence selectors: which sentences are candidates, PageRank, greedy budget fills.

Every baseline filters its candidates with `candidates`, so the methods differ only in how they rank; term
vectors come from `newsbrief.text.vectors`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

from newsbrief.model import Sentence
from newsbrief.text.vectors import similarity_to

MIN_WORDS = 5
MAX_WORDS = 80
# MEAD's default reranker drops a sentence whose cosine with an already chosen one is above 0.7.
REDUNDANCY = 0.7
MAX_ITERATIONS = 1000  # of power iteration; a damped walk converges in well under 200


def candidates(sentences: Sequence[Sentence], words: int) -> list[Sentence]:
    """The sentences worth choosing from, in input order.

    A candidate has `MIN_WORDS` to `MAX_WORDS` words (shorter ones are mostly headlines, bylines and captions;
    longer ones are run-together lists or markup) and fits in ``words``. A sentence whose tokens repeat an
    earlier one's (a wire story carried verbatim by several papers) is left out, so no method picks it twice.
    If no sentence has a usual length, every sentence that fits is a candidate, so a cluster of short texts
    still gets a summary.
    """

    def first_copies(pool: Iterable[Sentence]) -> list[Sentence]:
        seen: set[tuple[str, ...]] = set()
        out = []
        for s in pool:
            if s.tokens not in seen:
                seen.add(s.tokens)
                out.append(s)
        return out

    usual = first_copies(s for s in sentences if MIN_WORDS <= s.words <= min(MAX_WORDS, words))
    return usual or first_copies(s for s in sentences if 0 < s.words <= words)


def pagerank(graph: sparse.csr_matrix, damping: float = 0.85, tolerance: float = 1e-4) -> np.ndarray:
    """PageRank of an undirected (symmetric) weighted graph by power iteration, in TextRank's form.

    ``score(i) = (1 - damping) + damping * sum_j graph[j, i] / (sum_k graph[j, k]) * score(j)``, iterated until
    no score moves by more than ``tolerance``; scores average at most 1, and a node without edges gets
    ``1 - damping``. This is N times the random-surfer stationary distribution with jump probability
    ``1 - damping`` (LexRank's formulation), so both papers rank alike with it.
    """
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    share = np.divide(1.0, out_weight, out=np.zeros_like(out_weight), where=out_weight > 0)
    score = np.ones(graph.shape[0], dtype=graph.dtype)  # in the graph's dtype: no float32 -> float64 copy per step
    for _ in range(MAX_ITERATIONS):
        following = (1.0 - damping) + damping * (graph @ (share * score))  # graph is symmetric: no transpose
        moved = np.abs(following - score).max()
        score = following
        if moved < tolerance:
            break
    return score


def fill(
    sentences: Sequence[Sentence],
    order: Iterable[int],
    words: int,
    vectors: sparse.csr_matrix | None = None,
    max_similarity: float = REDUNDANCY,
) -> list[Sentence]:
    """Take ``sentences[i]`` for ``i`` in ``order`` while they fit in ``words``; skip one that does not fit.

    With ``vectors`` (unit rows, one per sentence), also skip a sentence whose cosine with an already chosen
    one is above ``max_similarity``.
    """
    shortest = min((s.words for s in sentences), default=0)
    closest = np.zeros(len(sentences))
    chosen: list[Sentence] = []
    left = words
    for i in order:
        if left < shortest:
            break
        s = sentences[i]
        if s.words > left or (vectors is not None and closest[i] > max_similarity):
            continue
        chosen.append(s)
        left -= s.words
        if vectors is not None:
            closest = np.maximum(closest, similarity_to(vectors, i))
    return chosen


def greedy(
    sentences: Sequence[Sentence],
    words: int,
    relevance: np.ndarray,
    similarity: Callable[[int], np.ndarray],
    penalty: float,
) -> list[Sentence]:
    """Repeatedly take the sentence that fits and has the best ``relevance - penalty * closest``.

    ``closest[i]`` is the largest ``similarity(j)[i]`` over the sentences j chosen so far (0 before the first);
    ties go to the earlier sentence. Used by MMR and MEAD's redundancy penalty.
    """
    lengths = np.array([s.words for s in sentences])
    closest = np.zeros(len(sentences))
    open_ = np.ones(len(sentences), dtype=bool)
    chosen: list[Sentence] = []
    left = words
    while True:
        open_ &= lengths <= left
        if not open_.any():
            return chosen
        j = int(np.argmax(np.where(open_, relevance - penalty * closest, -np.inf)))
        chosen.append(sentences[j])
        left -= lengths[j]
        open_[j] = False
        closest = np.maximum(closest, similarity(j))
