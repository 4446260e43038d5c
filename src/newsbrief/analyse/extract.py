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

from typing import Any

from newsbrief.model import Cluster, Config

NOISE_KINDS = ("boilerplate", "duplicate", "off-topic")


def noise_kind(reason: str) -> str:
    """The kind of text a drop reason removed: ``duplicate`` ("duplicate of doc 2"), ``off-topic``, or else
    ``boilerplate`` (everything the clean stage removes: menus, captions, bylines, ...)."""
    if reason.startswith("duplicate"):
        return "duplicate"
    return "off-topic" if reason.startswith("off-topic") else "boilerplate"


def noise(cluster: Cluster) -> list[dict[str, Any]]:
    """Per document: its words, the words kept as candidate sentences, and the words removed by kind."""
    removed = [dict.fromkeys(NOISE_KINDS, 0) for _ in cluster.articles]
    for d in cluster.dropped:
        if 0 <= d.doc < len(removed):
            removed[d.doc][noise_kind(d.reason)] += len(d.text.split())
    kept = [0] * len(cluster.articles)
    for s in cluster.sentences:
        kept[s.doc] += s.words
    report = []
    for doc, article in enumerate(cluster.articles):
        words = len(article.text.split())
        parts = ", ".join(f"{n} {kind}" for kind, n in removed[doc].items() if n)
        summary = f"removed {sum(removed[doc].values())} of {words} words" + (f": {parts}" if parts else "")
        report.append({"doc": doc, "words": words, "kept": kept[doc], **removed[doc], "summary": summary})
    return report


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
    from newsbrief.analyse.timeline import dated_sentences, events, stated_dates

    articles = cluster.articles
    dates = document_dates([a.date for a in articles], [a.text for a in articles])
    dated = dated_sentences(cluster.sentences, dates)
    found = with_dates(claims(cluster.sentences), stated_dates(dated), [d.value for d in dates])
    analysis = {
        **cluster.analysis,
        "doc_dates": [{"doc": i, **d.to_dict()} for i, d in enumerate(dates)],
        "entities": entities(cluster.sentences),
        "quotes": quotes(articles, cluster.sentences),
        "claims": [c.to_dict() for c in found],
        "conflicts": conflicts(found),
        "timeline": events(dated),
        "noise": noise(cluster),
    }
    return cluster.replace(analysis=analysis)
