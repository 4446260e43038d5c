"""Markdown and HTML for the analysis fields of a brief (conflicts, timeline, entities, quotes, figures,
document dates, noise), as `newsbrief.analyse.extract` fills them in; `documents` name the sources of a
conflict. `render.brief` and the web page call these.

Sections appear only for fields that are not empty; long lists are cut at `MAX_ITEMS` (the JSON
format has everything). Every piece of source text is escaped in the HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from newsbrief.model import Analysis, Article, Conflict, DocumentDate, Figure
from newsbrief.render.brief import markdown_text, sources_label
from newsbrief.text import one_line

MAX_ITEMS = 15


TITLE_WORDS = 6
"""A document's title is cut to this many words where a conflict names it."""


def conflict_figures(conflict: Conflict, documents: Sequence[Article] = ()) -> str:
    """The figures that disagree, each with the document that gives it: "an estimated 200,000 (Syrian Army Tells
    ISIS to Leave… [0]) vs 160,000 (Regime forces begin major offensive to… [4])"."""

    def named(doc: int) -> str:
        words = (documents[doc].title if doc < len(documents) else "").split()
        title = " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
        return f"{title} [{doc}]" if title else f"document {doc}"

    return " vs ".join(f"{c.value} ({named(c.doc)})" for c in conflict.claims)


def _conflict_lines(conflict: Conflict) -> list[str]:
    return [f'"{c.value}" {sources_label(c.sources)}: {one_line(c.sentence)}' for c in conflict.claims]


def _date_line(d: DocumentDate) -> str:
    if not d.value:
        return f"[{d.doc}] unknown"
    evidence = f': "{one_line(d.evidence)}"' if d.evidence else ""
    return f"[{d.doc}] {d.value} ({d.source}{evidence})"


def _sections(analysis: Analysis, documents: Sequence[Article]) -> list[tuple[str, list[tuple[str, list[str]]], int]]:
    """(title, items, items left out) for every non-empty field; an item is its text and its sub-items."""
    fields: list[tuple[str, list[tuple[str, list[str]]]]] = [
        (
            "Conflicting figures",
            [(f"{c.about[:1].upper()}{c.about[1:]}: {conflict_figures(c, documents)}", _conflict_lines(c))
             for c in analysis.conflicts],
        ),
        (
            "Timeline",
            [(f"{e.date}: {one_line(e.text)} {sources_label(e.sources)}", []) for e in analysis.timeline if e.date]
            + _undated(analysis),
        ),
        (
            "People, organisations and places",
            [(f"{e.text} ({e.label}) {sources_label(e.docs)}", []) for e in analysis.entities],
        ),
        (
            "Quotes",
            [(f"“{one_line(q.text)}” — {q.speaker or 'speaker not named'} {sources_label(q.sources)}", [])
             for q in analysis.quotes],
        ),
        ("Figures", [(f"{_figure(c)}: {one_line(c.sentence)} [{c.doc}]", []) for c in analysis.claims]),
        ("Document dates", [(_date_line(d), []) for d in analysis.doc_dates]),
        ("Noise removed", [(f"[{n.doc}] {n.summary}", []) for n in analysis.noise]),
    ]  # fmt: skip
    return [(title, items[:MAX_ITEMS], max(0, len(items) - MAX_ITEMS)) for title, items in fields if items]


def _figure(claim: Figure) -> str:
    """The figure with what it counts, once: "1,200 people", "4.5 percent" (not "4.5 percent percent")."""
    return claim.value if claim.value.lower().endswith(claim.counts.lower()) else f"{claim.value} {claim.counts}"


def _undated(analysis: Analysis) -> list[tuple[str, list[str]]]:
    count = sum(1 for e in analysis.timeline if not e.date)
    note = f"not placed: {count} relative dates in documents whose own date is unknown (see --format json)"
    return [(note, [])] if count else []


def analysis_markdown(analysis: Analysis, documents: Sequence[Article] = ()) -> str:
    """The analysis as markdown sections (``## Conflicting figures``, ``## Timeline``, ...); source text is
    escaped (`newsbrief.render.brief.markdown_text`).

    >>> print(analysis_markdown(Analysis(doc_dates=(DocumentDate(0, None, None),))))
    ## Document dates
    <BLANKLINE>
    - \\[0\\] unknown
    <BLANKLINE>
    """
    lines = []
    for title, items, left_out in _sections(analysis, documents):
        lines += [f"## {title}", ""]
        for text, subs in items:
            lines += [f"- {markdown_text(text)}"] + [f"  - {markdown_text(sub)}" for sub in subs]
        if left_out:
            lines.append(f"- ... and {left_out} more (see --format json)")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n" if lines else ""


def analysis_html(analysis: Analysis, documents: Sequence[Article] = ()) -> str:
    """The analysis as an escaped HTML fragment: one ``<section class="analysis">`` with a list per field."""
    blocks = []
    for title, items, left_out in _sections(analysis, documents):
        rows = "".join(
            f"<li>{escape(text)}"
            + (f"<ul>{''.join(f'<li>{escape(s)}</li>' for s in subs)}</ul>" if subs else "")
            + "</li>"
            for text, subs in items
        )
        if left_out:
            rows += f"<li>… and {left_out} more (see the JSON format)</li>"
        blocks.append(f"<h2>{escape(title)}</h2><ul>{rows}</ul>")
    return f'<section class="analysis">{"".join(blocks)}</section>' if blocks else ""
