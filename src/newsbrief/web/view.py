"""What the cluster page shows, built from a brief's JSON and the cluster's documents.

Every source of a summary sentence gets a chip. The chip of the document the sentence was taken from points at
its exact characters; the chip of another document that reports it points at that document's sentence sharing
the most content terms with it, found by the same rule attribution uses (`newsbrief.compose.attribute.reports`).
Each document is cut into pieces at those spans and at the page furniture and asides dropped from it (shown
dimmed, with the reason; a copy of a kept sentence is not dimmed, as its document still reports it), so the
page can highlight a sentence by toggling a class, without any offsets in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from newsbrief.model import Analysis, Article, DropKind
from newsbrief.render.brief import document_label
from newsbrief.text import one_line

Span = tuple[int, int, int]
"""(start, end, sentence number) in one document's text."""
Gone = tuple[int, int, str]
"""(start, end, reason) of a piece of one document's text that was dropped."""
Piece = tuple[str, tuple[int, ...], str]
"""A piece of a document's text, the summary sentences it belongs to, and why it was dropped ("" if it was not)."""


@dataclass(frozen=True)
class Chip:
    doc: int
    label: str
    found: bool = True  # False when the document reports the sentence but no one sentence of it could be shown


@dataclass(frozen=True)
class SentenceView:
    index: int
    text: str
    doc: int
    chips: tuple[Chip, ...]
    single_source: bool
    conflict: bool


@dataclass(frozen=True)
class DocumentView:
    index: int
    title: str
    source: str
    author: str
    date: str
    url: str
    link: str  # the URL when it is http(s), else "" so that no javascript: or data: link is ever made
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class ClusterView:
    sentences: tuple[SentenceView, ...]
    documents: tuple[DocumentView, ...]
    dropped: dict[str, list[dict[str, Any]]]
    problems: tuple[str, ...]
    analysis_html: str
    config: dict[str, Any] = field(default_factory=dict)


def safe_link(url: str) -> str:
    """``url`` if it is an http(s) URL, else "".

    >>> safe_link("https://example.org/a"), safe_link("javascript:alert(1)"), safe_link(" JaVaScRiPt:x")
    ('https://example.org/a', '', '')
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


@lru_cache(maxsize=512)
def _sentences(text: str) -> tuple[tuple[int, int, frozenset[str]], ...]:
    from newsbrief.text.sentences import sentence_spans
    from newsbrief.text.tokens import content_terms, terms

    return tuple((s, e, content_terms(terms(text[s:e]))) for s, e in sentence_spans(text, 0, len(text)))


def locate(sentence: str, text: str, removed: Sequence[str] = ()) -> tuple[int, int] | None:
    """The span of the sentence of ``text`` that reports ``sentence`` with the most shared content terms.

    removed: texts that cleaning took out of this document (captions, bylines, ...); no sentence inside one of
    them is chosen, as attribution never saw them.
    """
    from newsbrief.compose.attribute import reports
    from newsbrief.text.tokens import content_terms, terms

    mine = content_terms(terms(sentence))
    best, most = None, 0
    for start, end, theirs in _sentences(text):
        shared = len(mine & theirs)
        if shared > most and reports(mine, theirs):
            candidate = one_line(text[start:end])
            if not any(candidate in gone for gone in removed):
                best, most = (start, end), shared
    return best


def pieces(text: str, spans: Sequence[Span], gone: Sequence[Gone] = ()) -> tuple[Piece, ...]:
    """``text`` cut at every span boundary; each piece with the sentence numbers whose span covers it, and the
    reason it was dropped when a dropped span covers it.

    >>> pieces("abcdef", [(1, 3, 0), (2, 5, 1)], [(5, 6, "byline")])
    (('a', (), ''), ('b', (0,), ''), ('c', (0, 1), ''), ('de', (1,), ''), ('f', (), 'byline'))
    """
    cuts = sorted({0, len(text)} | {p for s, e, _ in (*spans, *gone) for p in (s, e)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        covering = tuple(sorted(i for s, e, i in spans if s <= start and end <= e))
        reason = next((why for s, e, why in gone if s <= start and end <= e), "")
        out.append((text[start:end], covering, reason))
    return tuple(out)


def conflict_spans(analysis: Analysis | None) -> list[tuple[int, int, int]]:
    """Every (doc, start, end) of a figure that sources disagree on."""
    return [(c.doc, c.start, c.end) for conflict in (analysis.conflicts if analysis else ()) for c in conflict.claims]


def document_views(
    articles: Sequence[Article], spans: Sequence[Sequence[Span]] = (), gone: Sequence[Sequence[Gone]] = ()
) -> tuple[DocumentView, ...]:
    """The documents to show, each cut at the spans given for it and at what was dropped from it."""
    return tuple(
        DocumentView(
            index=k,
            title=one_line(a.title) or f"document {k}",
            source=a.source,
            author=a.author,
            date=a.date or "",
            url=a.url,
            link=safe_link(a.url),
            pieces=pieces(a.text, spans[k] if spans else (), gone[k] if gone else ()),
        )
        for k, a in enumerate(articles)
    )


def cluster_view(data: dict[str, Any], articles: Sequence[Article]) -> ClusterView:
    """The page's content from ``data`` (`Brief.to_dict` of a brief of ``articles``)."""
    analysis = Analysis.from_dict(data)
    conflicts = conflict_spans(analysis)
    spans: list[list[Span]] = [[] for _ in articles]
    removed: list[list[str]] = [[] for _ in articles]  # cleaned away; duplicates still report what they copy
    for item in data.get("dropped", []):
        if item.get("kind") != DropKind.DUPLICATE and 0 <= item["doc"] < len(articles):
            removed[item["doc"]].append(one_line(item["text"]))
    sentences = []
    for i, s in enumerate(data["sentences"]):
        chips = []
        for k in s["sources"]:
            span = (s["start"], s["end"]) if k == s["doc"] else locate(s["text"], articles[k].text, removed[k])
            if span:
                spans[k].append((*span, i))
            chips.append(Chip(k, document_label(articles[k], k), span is not None))
        conflict = any(d == s["doc"] and st < s["end"] and s["start"] < en for d, st, en in conflicts)
        sentences.append(SentenceView(i, s["text"], s["doc"], tuple(chips), s["single_source"], conflict))
    dropped: dict[str, list[dict[str, Any]]] = {}
    gone: list[list[Gone]] = [[] for _ in articles]
    for item in data.get("dropped", []):
        dropped.setdefault(item["reason"], []).append(item)
        start, end = item.get("start", 0), item.get("end", 0)
        shown = item.get("kind") != DropKind.DUPLICATE  # a copy is still the source's own report, not noise
        if shown and 0 <= item["doc"] < len(articles) and start < end <= len(articles[item["doc"]].text):
            gone[item["doc"]].append((start, end, item["reason"]))
    analysis_html = ""
    if analysis:
        from newsbrief.render.analysis import analysis_html as render_analysis

        analysis_html = render_analysis(analysis, articles)
    return ClusterView(
        sentences=tuple(sentences),
        documents=document_views(articles, spans, gone),
        dropped=dropped,
        problems=tuple(data.get("problems", [])),
        analysis_html=analysis_html,
        config=data.get("config", {}),
    )
