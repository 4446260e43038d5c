"""Off-topic: drop the runs of sentences in a cluster that belong to another story.

Scraped pages and spun articles splice in paragraphs from other stories (a Syria report that drifts into the
Iran nuclear deal, a "Pentagon warns..." item pasted under an article on Damascus). What marks them is that
the *other* documents of the cluster do not talk about them.

Each sentence is scored by the cosine between its TF-IDF vector and the centre of the other documents: the sum
of their unit-length document vectors, each document counting once, the sentence's own document left out (it
would vouch for itself). A short sentence says too little to judge, so its score is pulled towards the
cluster's median (``PRIOR_TERMS``). Then runs, not sentences, are judged: a sentence goes when a stretch of
``RUN`` consecutive sentences of its document that contains it averages below ``THRESHOLD`` x the median.
Another story comes in paragraphs; a single weak sentence between on-topic ones (a quote, "he added", a new
name) is lifted by its neighbours and stays.

Nothing is dropped from a cluster of fewer than ``MIN_DOCUMENTS`` documents (there is no "other" to ask), a
sentence that several documents carry (``len(sources) > 1``) is on topic by definition, and every document
keeps at least ``MIN_KEEP`` sentences.

What it removes on each development set, what it misses (asides about a neighbouring story of the same
war), and what was tried against that: docs/filter.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsbrief.config import Config
from newsbrief.model import Cluster, DropKind, Dropped, Sentence, by_document

if TYPE_CHECKING:  # numpy is imported where it is used, so `import newsbrief` stays quick
    import numpy as np

MIN_DOCUMENTS = 3
MIN_KEEP = 3
PRIOR_TERMS = 4
RUN = 3
THRESHOLD = 0.5


def topic_scores(sentences: Sequence[Sentence]) -> np.ndarray:
    """Cosine of each sentence's TF-IDF vector with the centre of the other documents (one vote per document)."""
    import numpy as np
    from scipy import sparse

    from newsbrief.text.vectors import idf, normalize_rows, term_counts, tfidf

    counts = term_counts(sentences)
    vectors = tfidf(counts, idf(counts))
    docs = np.array([s.doc for s in sentences])
    labels, inverse = np.unique(docs, return_inverse=True)
    membership = sparse.csr_matrix((np.ones(len(docs)), (inverse, np.arange(len(docs)))), (len(labels), len(docs)))
    per_document = normalize_rows(sparse.csr_matrix(membership @ vectors))
    total = np.asarray(per_document.sum(axis=0)).ravel()
    # others = total - own, kept implicit so the cost stays linear in the sentences (no sentence x term array):
    # v.others = v.total - v.own and |others|^2 = |total|^2 - 2 total.own + |own|^2.
    own_dot_total = per_document @ total
    own_norm2 = np.asarray(per_document.multiply(per_document).sum(axis=1)).ravel()
    others_norm = np.sqrt(np.maximum(total @ total - 2 * own_dot_total + own_norm2, 0.0))
    own_part = np.asarray(vectors.multiply(per_document[inverse]).sum(axis=1)).ravel()
    dot, norm = vectors @ total - own_part, others_norm[inverse]
    return np.divide(dot, norm, out=np.zeros_like(dot), where=norm > 1e-6)  # a lone document has no others: 0


def _shrunk(scores: np.ndarray, sentences: Sequence[Sentence]) -> np.ndarray:
    """Scores pulled towards the median in proportion to how few content words a sentence has."""
    import numpy as np

    from newsbrief.text.tokens import content_terms

    median = float(np.median(scores)) if len(scores) else 0.0
    sizes = np.array([len(content_terms(s.tokens)) for s in sentences], dtype=float)
    return (scores * sizes + median * PRIOR_TERMS) / (sizes + PRIOR_TERMS)


def off_topic(sentences: Sequence[Sentence]) -> set[int]:
    """Indices of the sentences that belong to another story (see the module docstring)."""
    if len({d for s in sentences for d in s.sources or (s.doc,)}) < MIN_DOCUMENTS:
        return set()
    scores, runs = _scored(sentences)
    if runs is None:
        return set()
    dropped: set[int] = set()
    for order in by_document(sentences).values():
        low = [i for i in order if runs[i] < THRESHOLD and len(sentences[i].sources) <= 1]
        dropped.update(sorted(low, key=lambda i: scores[i])[: max(0, len(order) - MIN_KEEP)])
    return dropped


def relative_run_scores(sentences: Sequence[Sentence]) -> np.ndarray | None:
    """Each sentence's run score as a multiple of the cluster's median score: what `off_topic` compares with
    ``THRESHOLD``, lower is further off topic. None when the median is not positive (nothing can be judged).

    For measuring the ranking behind the threshold (benchmarks/asides.py); the guards of `off_topic` (too few
    documents, a sentence several documents carry, ``MIN_KEEP``) are not applied.
    """
    return _scored(sentences)[1]


def _scored(sentences: Sequence[Sentence]) -> tuple[np.ndarray, np.ndarray | None]:
    """Shrunk sentence scores, and run scores relative to their median (None when the median is not positive)."""
    import numpy as np

    scores = _shrunk(topic_scores(sentences), sentences)
    median = float(np.median(scores)) if len(scores) else 0.0
    if median <= 0:
        return scores, None
    runs = np.zeros(len(sentences))
    for order in by_document(sentences).values():
        runs[order] = run_scores(scores[order]) / median
    return scores, runs


def run_scores(scores: np.ndarray) -> np.ndarray:
    """For each position, the lowest mean over the stretches of ``RUN`` neighbours that contain it.

    >>> import numpy as np
    >>> run_scores(np.array([1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0])).round(2).tolist()
    [0.67, 0.67, 0.67, 0.67, 0.33, 0.0, 0.0, 0.0]
    """
    import numpy as np

    width = min(RUN, len(scores))
    means = np.convolve(scores, np.ones(width) / width, mode="valid")
    return np.array([means[max(0, k - width + 1) : k + 1].min() for k in range(len(scores))])


def drop_off_topic(cluster: Cluster, config: Config) -> Cluster:
    """Stage: move the sentences about another story from ``sentences`` to ``dropped`` (reason "off-topic")."""
    gone = off_topic(cluster.sentences)
    if not gone:
        return cluster
    kept = tuple(s for i, s in enumerate(cluster.sentences) if i not in gone)
    dropped = tuple(
        Dropped(s.doc, s.text, DropKind.OFF_TOPIC, start=s.start, end=s.end)
        for i, s in enumerate(cluster.sentences)
        if i in gone
    )
    return cluster.replace(sentences=kept, dropped=cluster.dropped + dropped)
