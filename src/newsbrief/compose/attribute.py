"""Attribute each summary sentence to every document that reports it, and put the summary in reading order.

A document reports a sentence when it carries a copy (merged by dedupe into ``Sentence.sources``) or a
sentence that states most of the same content: at least `MIN_SHARED` content terms in common, covering
`MIN_CONTAINMENT` of the shorter sentence's content terms.
"""

from __future__ import annotations

from newsbrief.config import Config
from newsbrief.model import BriefSentence, Cluster, Sentence
from newsbrief.text.tokens import content_terms, terms

MIN_SHARED = 3
MIN_CONTAINMENT = 0.6


def reports(candidate: frozenset[str], other: frozenset[str]) -> bool:
    shared = len(candidate & other)
    return shared >= MIN_SHARED and shared >= MIN_CONTAINMENT * min(len(candidate), len(other))


def sources_of(sentence: BriefSentence, pool: list[tuple[Sentence, frozenset[str]]]) -> tuple[int, ...]:
    """Every document carrying ``sentence`` or a sentence stating most of its content.

    pool: every candidate sentence of the cluster with its content terms.
    """
    mine = content_terms(terms(sentence.text))
    found = set(sentence.sources) | {sentence.doc}
    for other, other_terms in pool:
        if other.doc not in found and reports(mine, other_terms):
            found.update(other.sources)
    return tuple(sorted(found))


def reading_order(cluster: Cluster, summary: tuple[BriefSentence, ...]) -> tuple[BriefSentence, ...]:
    """By the date of the source document (undated last), then position in it, then document index."""

    def key(s: BriefSentence) -> tuple[str, int, int]:
        return (cluster.articles[s.doc].date or "9999", s.start, s.doc)

    return tuple(sorted(summary, key=key))


def attribute(cluster: Cluster, config: Config) -> Cluster:
    """Stage: fill in ``sources`` of every summary sentence and order the summary for reading."""
    pool = [(s, content_terms(s.tokens)) for s in cluster.sentences]
    attributed = tuple(BriefSentence(s.text, s.doc, s.start, s.end, sources_of(s, pool)) for s in cluster.summary)
    return cluster.replace(summary=reading_order(cluster, attributed))
