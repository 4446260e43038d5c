"""Attribute each summary sentence to every document that reports it, and put the summary in reading order.

A document reports a summary sentence when it carries a copy (merged by dedupe into ``Sentence.sources``) or
a sentence that states the same content: `newsbrief.compose.same_content.same_content` of at least `CREDIT`.
The embedding, the costly part, is computed only for a shortlist: sentences sharing at least `SHORTLIST_TERMS`
content words with the summary sentence once aliases and spellings are merged, and whose words leave the pair
model able to reach `CREDIT` with a cosine of at most `same_content.COSINE_CEILING` (`could_credit`). All
shortlisted sentences are embedded in one batch (docs/attribution.md has the cost).

A sentence is marked single-source only where that says something: in a cluster of at least
`SINGLE_SOURCE_OUTLETS` outlets (distinct ``Article.source``, a document without one counting as its own),
for a sentence that no other outlet reports.

`reports` is the rule attribution used before: content words in common (at least `MIN_SHARED`, covering
`MIN_CONTAINMENT` of the shorter sentence); the benchmarks keep it as the baseline.
"""

from __future__ import annotations

from newsbrief.compose import same_content as sc
from newsbrief.config import Config
from newsbrief.model import BriefSentence, Cluster, Sentence

CREDIT = 0.5
SHORTLIST_TERMS = 2
SINGLE_SOURCE_OUTLETS = 3
MIN_SHARED = 3
MIN_CONTAINMENT = 0.6


def reports(candidate: frozenset[str], other: frozenset[str]) -> bool:
    """The previous rule (the baseline): most of the shorter sentence's content words in common."""
    shared = len(candidate & other)
    return shared >= MIN_SHARED and shared >= MIN_CONTAINMENT * min(len(candidate), len(other))


def shared_terms(a: sc.Reading, b: sc.Reading) -> int:
    """Content words in common, a spelling of one word counting as that word."""
    shared = len(a.terms & b.terms)
    return shared if shared >= SHORTLIST_TERMS else shared + sc.spelling_matches(a, b, a.terms - b.terms)


def credited(summary: tuple[BriefSentence, ...], pool: list[Sentence]) -> list[set[int]]:
    """For each summary sentence, the documents of the pool sentences `same_content` credits (at least `CREDIT`).

    pool: every candidate sentence of the cluster; a pool sentence all of whose documents already report the
    summary sentence (its own document, its copies) is not compared.
    """
    found = [set(s.sources) | {s.doc} for s in summary]
    pairs = []
    for i, s in enumerate(summary):
        mine = sc.read(s.text)
        for other in pool:
            if set(other.sources) <= found[i]:
                continue
            theirs = sc.read(other.text)
            if shared_terms(mine, theirs) >= SHORTLIST_TERMS and sc.could_credit(mine, theirs, sc.COSINE_CEILING):
                pairs.append((i, other, mine, theirs))
    cosines = [0.0] * len(pairs)
    if pairs and sc.uses_cosine():
        from newsbrief.compose import embed

        texts = list(dict.fromkeys([summary[i].text for i, *_ in pairs] + [o.text for _, o, _, _ in pairs]))
        rows = dict(zip(texts, embed.vectors(texts), strict=True))
        cosines = [float(rows[summary[i].text] @ rows[o.text]) for i, o, _, _ in pairs]
    for (i, other, mine, theirs), cosine in zip(pairs, cosines, strict=True):
        if sc.probability(mine, theirs, cosine) >= CREDIT:
            found[i].update(other.sources)
    return found


def outlets(cluster: Cluster) -> tuple[str, ...]:
    """Each document's outlet: its source's name (case and spaces aside), or the document's own index if none."""
    return tuple(" ".join(a.source.lower().split()) or f"#{doc}" for doc, a in enumerate(cluster.articles))


def single_source(outlet: tuple[str, ...], sources: tuple[int, ...]) -> bool:
    """True in a cluster of `SINGLE_SOURCE_OUTLETS` or more outlets when ``sources`` are all one outlet.

    outlet: each document's outlet (`outlets`).
    """
    return len(set(outlet)) >= SINGLE_SOURCE_OUTLETS and len({outlet[d] for d in sources}) == 1


def reading_order(cluster: Cluster, summary: tuple[BriefSentence, ...]) -> tuple[BriefSentence, ...]:
    """By the date of the source document (undated last), then position in it, then document index."""

    def key(s: BriefSentence) -> tuple[str, int, int]:
        return (cluster.articles[s.doc].date or "9999", s.start, s.doc)

    return tuple(sorted(summary, key=key))


def attribute(cluster: Cluster, config: Config) -> Cluster:
    """Stage: fill in ``sources`` and ``single_source`` of every summary sentence; order the summary for reading."""
    attributed, outlet = [], outlets(cluster)
    for s, found in zip(cluster.summary, credited(cluster.summary, list(cluster.sentences)), strict=True):
        sources = tuple(sorted(found))
        attributed.append(BriefSentence(s.text, s.doc, s.start, s.end, sources, single_source(outlet, sources)))
    # The sentence past the budget of `Config.overflow` stays last, where a length cut trims it alone.
    past = 1 if config.overflow and sum(len(s.text.split()) for s in attributed) > config.words else 0
    within = reading_order(cluster, tuple(attributed[: len(attributed) - past]))
    return cluster.replace(summary=within + tuple(attributed[len(attributed) - past :]))
