"""Lead: the leading sentences of the documents, taken round-robin.

The multi-document lead baseline in its round-robin form: the first candidate sentence of every document (in
input order), then every document's second, and so on until the budget is full. A sentence that does not fit
is skipped and the next one tried. Candidates are filtered as for every method (`common.candidates`), so a
document's "first sentence" is its first sentence of ordinary length, not a headline or a byline.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.model import Sentence, by_document
from newsbrief.select.common import candidates, fill


def round_robin(pool: Sequence[Sentence]) -> list[int]:
    """Indices into ``pool``: rank 0 of every document (document order), then rank 1, ...

    A sentence's rank is its place among its document's sentences in ``pool``, by position.
    """
    ranked = sorted((rank, doc, i) for doc, indices in by_document(pool).items() for rank, i in enumerate(indices))
    return [i for _, _, i in ranked]


def choose(sentences: Sequence[Sentence], words: int) -> list[Sentence]:
    """The documents' leading sentences, round-robin, within ``words`` words."""
    pool = candidates(sentences, words)
    return fill(pool, round_robin(pool), words)
