"""TF-IDF vectors of articles, with document frequencies learned from the stream itself.

A story stream has no fixed corpus to fit an IDF on, so `TermStats` counts document frequencies as articles
arrive (as first-story-detection systems do). An article's vector keeps only its `VECTOR_TERMS` heaviest terms:
that bounds the cost of every comparison and drops the long tail that carries no topic.
"""

from __future__ import annotations

import math
from collections import Counter

from newsbrief.text.tokens import is_stopword, stem, words

VECTOR_TERMS = 60
"""Terms kept per article vector."""
TITLE_WEIGHT = 2
"""A title word counts as this many occurrences in the text."""

Vector = dict[str, float]


def article_terms(title: str, text: str) -> Counter[str]:
    """Stemmed content terms of a title and text (stopwords, numbers and 1-2 letter words left out)."""
    counts: Counter[str] = Counter()
    for piece, weight in ((title, TITLE_WEIGHT), (text, 1)):
        for word, count in Counter(words(piece)).items():
            if len(word) > 2 and not word.isdigit():
                term = stem(word)
                if not is_stopword(term):
                    counts[term] += weight * count
    return counts


class TermStats:
    """Document frequencies of terms over the articles seen so far.

    Attributes
    ----------
    df_ : dict[str, int]
        Articles each term occurred in.
    n_ : int
        Articles counted.
    pending_ : Counter[str]
        Increments not yet saved (see `newsbrief.stories.stream.StoryStream.save_terms`).
    """

    def __init__(self) -> None:
        self.df_: dict[str, int] = {}
        self.n_ = 0
        self.pending_: Counter[str] = Counter()

    def add(self, terms: Counter[str]) -> None:
        """Count one article's terms."""
        self.n_ += 1
        for term in terms:
            self.df_[term] = self.df_.get(term, 0) + 1
        self.pending_.update(terms.keys())

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency: ``log((n + 1) / (df + 1)) + 1``."""
        return math.log((self.n_ + 1) / (self.df_.get(term, 0) + 1)) + 1.0

    def vector(self, terms: Counter[str]) -> Vector:
        """The unit-length sublinear TF-IDF vector of ``terms``, cut to its `VECTOR_TERMS` heaviest terms."""
        weights = {term: (1.0 + math.log(count)) * self.idf(term) for term, count in terms.items()}
        top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {term: w / norm for term, w in top}


def dot(a: Vector, b: Vector) -> float:
    """Dot product of two sparse vectors (iterating the shorter one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(term, 0.0) for term, w in a.items())
