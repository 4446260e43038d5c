"""SumBasic (Nenkova & Vanderwende 2005, "The impact of frequency on summarization"; Nenkova, Vanderwende &
McKeown 2006).

1. The probability of each content word (stemmed, stopwords out) is its share of the candidates' content tokens.
2. A sentence weighs the average probability of its distinct content words.
3. The highest-probability word that still occurs in a sentence that fits is found, and of the sentences that fit
   and contain it, the one of highest weight is taken.
4. Every word of the chosen sentence has its probability squared, so what is said once is less wanted again.
5. Steps 2-4 repeat until no sentence fits.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsbrief.model import Sentence
from newsbrief.select.common import candidates
from newsbrief.text.vectors import binary, term_counts


def choose(sentences: Sequence[Sentence], words: int) -> list[Sentence]:
    """Sentences of the most frequent words, with squared updates, within ``words`` words."""
    pool = candidates(sentences, words)
    if not pool:
        return []
    counts = term_counts(pool)
    if counts.nnz == 0:
        return []
    probability = np.asarray(counts.sum(axis=0)).ravel() / counts.sum()
    present = binary(counts)
    present_t = present.T.tocsr()
    sizes = np.asarray(present.sum(axis=1)).ravel()
    lengths = np.array([s.words for s in pool])
    open_ = (sizes > 0) & (lengths <= words)
    chosen: list[Sentence] = []
    left = words
    while open_.any():
        weight = (present @ probability) / np.maximum(sizes, 1)
        available = (present_t @ open_.astype(float)) > 0  # words still in some open sentence
        top = int(np.argmax(np.where(available, probability, -1.0)))
        holders = present_t.indices[present_t.indptr[top] : present_t.indptr[top + 1]]
        holders = holders[open_[holders]]
        j = int(holders[np.argmax(weight[holders])])
        chosen.append(pool[j])
        left -= lengths[j]
        words_of_j = present.indices[present.indptr[j] : present.indptr[j + 1]]
        probability[words_of_j] **= 2
        open_[j] = False
        open_ &= lengths <= left
    return chosen
