"""Stage `extract`: the brief beyond the summary.

Fills ``cluster.analysis`` (spread into the top level of the brief's JSON) with, when ``config.analysis``:

- ``doc_dates``: each document's date and where it came from (metadata, its text, or the cluster);
- ``entities``: people, organisations and places, with the documents that mention each;
- ``quotes``: direct quotations and their speakers;
- ``claims``: quantity claims, and ``conflicts``: figures for one quantity that documents disagree on;
- ``timeline``: dated events, resolved against each document's date;
- ``noise``: per document, how much text cleaning, de-duplication and the topic filter removed.

Everything reads the kept sentences (``cluster.sentences``, after de-duplication and the topic filter), so
the analysis sees what the summary could use, and pays for no more text than that.
"""

from __future__ import annotations

from newsbrief.config import Config
from newsbrief.model import Analysis, Cluster, DropKind, Noise


def noise(cluster: Cluster) -> tuple[Noise, ...]:
    """Per document: its words, the words kept as candidate sentences, and the words removed by kind."""
    removed = [dict.fromkeys(DropKind, 0) for _ in cluster.articles]
    for d in cluster.dropped:
        if 0 <= d.doc < len(removed):
            removed[d.doc][d.kind] += len(d.text.split())
    kept = [0] * len(cluster.articles)
    for s in cluster.sentences:
        kept[s.doc] += s.words
    report = []
    for doc, article in enumerate(cluster.articles):
        words = len(article.text.split())
        by_kind = removed[doc]
        parts = ", ".join(f"{n} {kind}" for kind, n in by_kind.items() if n)
        summary = f"removed {sum(by_kind.values())} of {words} words" + (f": {parts}" if parts else "")
        report.append(
            Noise(
                doc,
                words,
                kept[doc],
                by_kind[DropKind.BOILERPLATE],
                by_kind[DropKind.DUPLICATE],
                by_kind[DropKind.OFF_TOPIC],
                summary,
            )
        )
    return tuple(report)


def extract(cluster: Cluster, config: Config) -> Cluster:
    """Stage: fill ``cluster.analysis`` (see the module docstring); does nothing when analysis is off."""
    if not config.analysis:
        return cluster
    # imported here so that `import newsbrief` does not compile the rule tables; entities loads spaCy on first use
    from newsbrief.analyse.claims import claims, with_dates
    from newsbrief.analyse.conflicts import conflicts
    from newsbrief.analyse.doc_dates import document_dates
    from newsbrief.analyse.entities import entities
    from newsbrief.analyse.quotes import quotes
    from newsbrief.analyse.timeline import cluster_day, dated_sentences, events, stated_dates

    articles = cluster.articles
    dates = document_dates([a.date for a in articles], [a.text for a in articles])
    dated = dated_sentences(cluster.sentences, dates)
    found = with_dates(claims(cluster.sentences), stated_dates(dated), [d.value for d in dates])
    analysis = Analysis(
        doc_dates=tuple(dates),
        entities=tuple(entities(cluster.sentences)),
        quotes=tuple(quotes(articles, cluster.sentences)),
        claims=tuple(c.figure() for c in found),
        conflicts=tuple(conflicts(found)),
        timeline=tuple(events(dated, cluster_day(dates))),
        noise=noise(cluster),
    )
    return cluster.replace(analysis=analysis)
