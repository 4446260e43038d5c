"""Dedupe: exact and near-duplicate sentences, within and across documents, become one sentence with every source.

News clusters repeat themselves: wire copy is reprinted with light edits, updates repeat earlier paragraphs, and
content farms "spin" articles by swapping words for synonyms ("management" for "control", "depart" for
"leave"). A repeated sentence should appear once in the candidates, and that one copy should name every
document that carries it (`Sentence.sources`), so a brief can say how widely a fact was reported.

Two sentences are copies when their tokens (lower-cased, stemmed) are identical, or when they are near:

- their content words overlap a lot both ways (``NEAR_OVERLAP`` of the shorter, ``NEAR_BALANCE`` of the longer:
  a short sentence is not a copy of a long one just because its words all occur there), or
- they have about the same length and their whole token sequences align closely (``SEQUENCE_RATIO``), which is
  what survives spinning: function words, names, numbers and word order stay while content words are swapped;

and in both cases they share at least ``MIN_TERMS`` content words and state the same numbers: "12 killed" and
"15 killed" are a conflict to report, not a copy to merge. The thresholds were set on DUC 2003 newswire by
reading the pairs they merge: what is merged is reprinted wire copy with edits; a sentence that adds a new
fact to another (a claim of responsibility, a second name) is not merged.

The copy kept is the most complete one in the cluster's own wording: the one with the most content words that
other documents use too, then the most tokens, the earliest document and the earliest position. A longer copy
carries any clause the others lost; a spun copy loses to its original because its swapped-in synonyms ("hearth"
for "fire") occur in no other document; among equal copies the first document is usually the original.

Cost: candidates come from an inverted index on each kept sentence's rarest content words (prefix filtering,
as in all-pairs similarity search): if two word sets share at least ``MIN_TERMS`` words and a fraction
``NEAR_CANDIDATE`` of the larger set, their rarest words must meet. A sentence is compared only with the few
kept sentences that share two of its rare words: on 100 DUC 2006 documents (7,700 sentences) that is 11,000
comparisons instead of 30 million, half a second in all.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from newsbrief.config import Config
from newsbrief.model import Cluster, DropKind, Dropped, Sentence
from newsbrief.text.tokens import content_terms, stem

NEAR_OVERLAP = 0.8
NEAR_BALANCE = 0.7
SEQUENCE_RATIO = 0.75
# A spun copy has about as many tokens as its original; a paraphrase that adds or drops a clause has not.
SEQUENCE_LENGTH = 0.8
# Both rules need at least this share of the larger word set in common; it bounds the candidate search.
NEAR_CANDIDATE = 0.5
# Candidates for a near copy share this many of their rarest words (see `_prefix`).
PREFIX_HITS = 2
# Near copies share at least this many content words; shorter sentences ("X did not respond to a request for
# comment") are formulaic and merge only when identical.
MIN_TERMS = 6
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands
    million millions billion billions trillion dozen dozens once twice thrice half first second third
"""


@lru_cache(maxsize=1)
def _number_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in _NUMBER_WORDS.split())


def numbers(tokens: Sequence[str]) -> frozenset[str]:
    """The numbers a sentence states, as digits or words ("12", "seven", "twice")."""
    words = _number_stems()
    return frozenset(t for t in tokens if t in words or _DIGIT.search(t))


@dataclass(frozen=True)
class Words:
    """What near-copy tests look at in a sentence: its tokens, content words and numbers."""

    tokens: tuple[str, ...]
    terms: frozenset[str]
    numbers: frozenset[str]

    @classmethod
    def of(cls, tokens: Sequence[str]) -> Words:
        return cls(tuple(tokens), content_terms(tokens), numbers(tokens))


def is_near_copy(a: Sequence[str], b: Sequence[str]) -> bool:
    """True when token sequences ``a`` and ``b`` are near copies of each other (see the module docstring).

    >>> from newsbrief.text.tokens import terms
    >>> original = "Fighters who control part of the camp in Damascus will leave for eastern Syria by bus."
    >>> spun = "Fighters who management part of the camp in Damascus will depart for japanese Syria by bus."
    >>> is_near_copy(terms(original), terms(spun))
    True
    >>> is_near_copy(terms("At least 12 people were killed in the blast."),
    ...              terms("At least 15 people were killed in the blast."))
    False
    """
    return _near(Words.of(a), Words.of(b))


def _near(a: Words, b: Words) -> bool:
    shared = len(a.terms & b.terms)
    small, large = sorted((len(a.terms), len(b.terms)))
    if shared < MIN_TERMS or shared < NEAR_CANDIDATE * large or a.numbers != b.numbers:
        return False
    if shared >= NEAR_OVERLAP * small and shared >= NEAR_BALANCE * large:
        return True
    short, long = sorted((len(a.tokens), len(b.tokens)))
    if short < SEQUENCE_LENGTH * long:
        return False
    return SequenceMatcher(None, a.tokens, b.tokens, autojunk=False).ratio() >= SEQUENCE_RATIO


def _prefix(size: int) -> int:
    """How many of a word set's rarest words to index so that any near copy shares `PREFIX_HITS` of them.

    A near copy shares at least ``a = max(MIN_TERMS, NEAR_CANDIDATE * size)`` words with a set of ``size`` words.
    Under one global order, the first ``PREFIX_HITS`` shared words lie in the first ``size - a + PREFIX_HITS``
    words of both sets, since at most ``a - PREFIX_HITS`` shared words come after them.
    """
    return max(0, size - max(MIN_TERMS, math.ceil(NEAR_CANDIDATE * size)) + PREFIX_HITS)


def keepers(sentences: Sequence[Sentence]) -> list[int]:
    """For each sentence, the index of the copy that is kept in its place (itself when it is kept)."""
    words = [Words.of(s.tokens) for s in sentences]
    frequency = Counter(t for w in words for t in w.terms)
    rarest = [sorted(w.terms, key=lambda t: (frequency[t], t))[: _prefix(len(w.terms))] for w in words]
    keeper = list(range(len(sentences)))
    exact: dict[tuple[str, ...], int] = {}
    index: dict[str, list[int]] = defaultdict(list)
    documents_using: dict[str, set[int]] = defaultdict(set)
    for s, w in zip(sentences, words):
        for t in w.terms:
            documents_using[t].update(s.sources)
    shared = [sum(len(documents_using[t]) > 1 for t in w.terms) for w in words]
    most_complete_first = sorted(
        range(len(sentences)), key=lambda i: (-shared[i], -len(words[i].tokens), sentences[i].doc, i)
    )
    for i in most_complete_first:
        if words[i].tokens in exact:
            keeper[i] = exact[words[i].tokens]
            continue
        hits = Counter(k for t in rarest[i] for k in index[t])
        near = [k for k in sorted(hits) if hits[k] >= PREFIX_HITS and _near(words[i], words[k])]
        if near:
            keeper[i] = max(near, key=lambda k: len(words[i].terms & words[k].terms))
            continue
        exact[words[i].tokens] = i
        for t in rarest[i]:
            index[t].append(i)
    return keeper


def _with_sources(sentence: Sentence, sources: tuple[int, ...]) -> Sentence:
    return sentence if sentence.sources == sources else dataclasses.replace(sentence, sources=sources)


def dedupe(cluster: Cluster, config: Config) -> Cluster:
    """Stage: keep one copy of every repeated sentence, with all its documents in ``sources``.

    The other copies go to ``dropped`` with the reason "duplicate of doc N", N being the kept copy's document.
    """
    sentences = cluster.sentences
    keeper = keepers(sentences)
    sources: dict[int, set[int]] = defaultdict(set)
    for i, k in enumerate(keeper):
        sources[k].update(sentences[i].sources or (sentences[i].doc,))
    kept = tuple(_with_sources(s, tuple(sorted(sources[i]))) for i, s in enumerate(sentences) if keeper[i] == i)
    dropped = tuple(
        Dropped(s.doc, s.text, DropKind.DUPLICATE, copy_of=sentences[keeper[i]].doc, start=s.start, end=s.end)
        for i, s in enumerate(sentences)
        if keeper[i] != i
    )
    return cluster.replace(sentences=kept, dropped=cluster.dropped + dropped)
