"""A timeline of the cluster: every kept sentence that names a date, placed at that date.

Each document's sentences are read in order, so "two days later" counts from the last date the document
named; relative expressions ("on Monday", "last week") are resolved against the document's own date (see
`newsbrief.analyse.dates.document_dates`). A relative expression in a document whose date is unknown is kept
at the end with ``date`` None and a note saying why: a date is never invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from newsbrief.analyse.dates import DocumentDate, day_of, find_times
from newsbrief.model import Sentence


def sort_key(value: str | None) -> tuple[int, str]:
    """Undated last; otherwise by the first day the value covers ("2018-W16" < "2018-04-17" < "2018-05")."""
    if value is None:
        return (1, "")
    if "-W" in value:
        first = date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).isoformat()
    elif "-Q" in value:
        first = f"{value[:4]}-{3 * int(value[6]) - 2:02d}-01"
    else:
        first = (value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10]
    return (0, first)


def timeline(sentences: Sequence[Sentence], doc_dates: Sequence[DocumentDate]) -> list[dict[str, Any]]:
    """Dated events ``{"date", "text", "expression", "doc", "sources"}``, sorted by date.

    One event per sentence and date it names. Events whose date needs a document date that is unknown have
    ``date`` None and a ``note``.
    """
    events = []
    references: dict[int, str | None] = {}
    for s in sorted(sentences, key=lambda s: (s.doc, s.start)):
        anchor = day_of(doc_dates[s.doc].value) if s.doc < len(doc_dates) else None
        seen: set[str | None] = set()
        mentions = find_times(s.text, anchor, references.get(s.doc))
        for m in mentions:
            if m.value in seen or (m.value is None and not (m.relative and anchor is None)):
                continue
            seen.add(m.value)
            event = {
                "date": m.value,
                "text": " ".join(s.text.split()),
                "expression": m.text,
                "doc": s.doc,
                "sources": list(s.sources or (s.doc,)),
            }
            if m.value is None:
                event["note"] = f"document {s.doc} has no known date, so {m.text!r} cannot be placed"
            events.append(event)
        references[s.doc] = next((m.value for m in reversed(mentions) if m.value), references.get(s.doc))
    events.sort(key=lambda e: (sort_key(e["date"]), e["doc"]))
    return events
