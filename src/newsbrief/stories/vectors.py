"""TF-IDF vectors of articles, with document frequencies learned from the stream itself.

A story stream has no fixed corpus to fit an IDF on, so `TermStats` counts document frequencies as articles
arrive (as first-story-detection systems do). An article's vector keeps only its `VECTOR_TERMS` heaviest terms:
that bounds the cost of every comparison and drops the long tail that carries no topic.

Events of the same weeks share their vocabulary more than their people and places, so the words of the names an
article writes (`article_names`, keyed across spellings) are terms too, ``@``-prefixed, counted in the same
document frequencies and joining the vector at `newsbrief.stories.tracker.StoryConfig.name_weight` times their
TF-IDF weight (docs/stories.md has the measurements).
"""

from __future__ import annotations

import math
import re
from collections import Counter

from newsbrief.text.names import key, skeleton
from newsbrief.text.tokens import STOPWORDS, is_stopword, stem, words

VECTOR_TERMS = 60
"""Terms kept per article vector."""
NAME_TERMS = 20
"""Names kept per article vector."""
TITLE_WEIGHT = 2
"""A title word counts as this many occurrences in the text."""
SPELLED = 5
"""Names of this many letters or more are keyed by their consonants (short ones would collide: Syria, Sir)."""
NAME_PREFIX = "@"
"""Names are terms of their own, apart from the words: ``@ocln`` is "Ocalan" (and "Öcalan")."""

_PARTICLE = r"(?:al|el|bin|ibn|de|van|von|der|da|di|la|le|du)[\s-]+"
_CAPITAL = "[A-ZÀ-ÖØ-Þ]"
_NAME = re.compile(rf"(?<![\w'’-]){_CAPITAL}[\w'’-]*(?:\s+(?:{_PARTICLE})?{_CAPITAL}[\w'’-]*)*")
_NOT_NAMES = frozenset(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms",
     "dr", "president", "minister", "prime", "gen", "sen", "rep", "gov")
)  # fmt: skip

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


def article_names(title: str, text: str) -> Counter[str]:
    """The words of the names an article writes, each as one spelling-free key (`newsbrief.text.names`).

    A name is a run of capitalised words ("Abdullah Ocalan", "Prime Minister Mesut Yilmaz"); each of its words
    counts, as its key (of five letters or more: its first letter and consonants), so "Ocalan" joins "Abdullah
    Ocalan" and "Yarmouk" joins "Yarmuk". A capitalised word the text also writes in lower case ("Police" at a
    sentence start) is a word, not a name; months, weekdays, titles and function words are left out.
    """
    lowercase = set(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", text))
    counts: Counter[str] = Counter()
    for piece, weight in ((title, TITLE_WEIGHT), (text, 1)):
        for match in _NAME.finditer(piece):
            parts = [w for w in key(match[0]).split() if len(w) > 2]
            for part in parts:
                if part in STOPWORDS or part in _NOT_NAMES or part.isdigit():
                    continue
                if len(parts) == 1 and part in lowercase:
                    continue
                counts[NAME_PREFIX + (skeleton(part) if len(part) >= SPELLED else part)] += weight
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

    def vector(self, terms: Counter[str], names: Counter[str] | None = None, name_weight: float = 0.0) -> Vector:
        """The unit-length sublinear TF-IDF vector of ``terms``, cut to its `VECTOR_TERMS` heaviest terms; with
        ``names`` (`article_names`), their TF-IDF weights times ``name_weight`` join it (up to `NAME_TERMS` more
        terms) before it is made unit length, so a shared name counts beside the shared words, not instead."""
        if not names or name_weight <= 0:
            return self._unit(terms, VECTOR_TERMS)
        weights = self._weights(terms, VECTOR_TERMS)
        weights += [(t, w * name_weight) for t, w in self._weights(names, NAME_TERMS)]
        norm = math.sqrt(sum(w * w for _, w in weights)) or 1.0
        return {term: w / norm for term, w in weights}

    def _weights(self, terms: Counter[str], keep: int) -> list[tuple[str, float]]:
        weights = {term: (1.0 + math.log(count)) * self.idf(term) for term, count in terms.items()}
        return sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:keep]

    def _unit(self, terms: Counter[str], keep: int) -> Vector:
        top = self._weights(terms, keep)
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {term: w / norm for term, w in top}


def dot(a: Vector, b: Vector) -> float:
    """Dot product of two sparse vectors (iterating the shorter one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(term, 0.0) for term, w in a.items())
