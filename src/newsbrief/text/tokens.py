"""Word tokens as ROUGE sees them: lower-cased alphanumeric runs, Porter-stemmed when longer than 3 letters.

Matching ROUGE's own tokenisation (rouge-score and ROUGE-1.5.5 with -m) means a concept the selector counts
is a unit the evaluation counts too.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import snowballstemmer

_NON_WORD = re.compile(r"[^a-z0-9]+")
# A Snowball stemmer keeps the word it is working on in the object, so threads sharing one corrupt each other's
# stems ("acute" -> "alien"); each thread gets its own.
_LOCAL = threading.local()

STOPWORDS = frozenset(
    line for line in (Path(__file__).parent / "stopwords.txt").read_text().split("\n") if line and line[0] != "#"
)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Porter stem of a lower-cased word; words of 3 letters or fewer are left alone (as rouge-score does)."""
    if len(word) <= 3:
        return word
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("porter")
    return stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """Lower-cased alphanumeric tokens of ``text``."""
    return _NON_WORD.sub(" ", text.lower()).split()


def terms(text: str) -> tuple[str, ...]:
    """Stemmed tokens of ``text``, stopwords included (bigrams need them)."""
    return tuple(stem(w) for w in words(text))


@lru_cache(maxsize=1)
def stopword_terms() -> frozenset[str]:
    """The stems of the function words, the form they take in `terms`."""
    return frozenset(stem(w) for w in STOPWORDS)


def is_stopword(term: str) -> bool:
    """True for the stem of a function word (``is_stopword(stem("this"))``)."""
    return term in stopword_terms()


def content_tokens(tokens: Sequence[str]) -> list[str]:
    """The tokens that are not stopwords, in order, repeats kept (what term vectors count)."""
    return [t for t in tokens if not is_stopword(t)]


def content_terms(tokens: Sequence[str]) -> frozenset[str]:
    """The content words of a sentence: its stemmed tokens of two letters or more, without function words."""
    return frozenset(t for t in set(tokens).difference(stopword_terms()) if len(t) > 1)
