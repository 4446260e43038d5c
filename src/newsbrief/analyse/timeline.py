"""A timeline of the cluster: every kept sentence that names a date, placed at that date.

Each document's sentences are read in order, so "two days later" counts from the last date the document
named; relative expressions ("on Monday", "last week") are resolved against the document's own date (see
`newsbrief.analyse.doc_dates.document_dates`). A relative expression in a document whose date is unknown is kept
at the end with ``date`` None and a note saying why: a date is never invented.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.model import DocumentDate, Event, Sentence
from newsbrief.text import one_line
from newsbrief.text.dates import TimeMention, day_of, find_times, value_span

Dated = list[tuple[Sentence, bool, list[TimeMention]]]


def dated_sentences(sentences: Sequence[Sentence], doc_dates: Sequence[DocumentDate]) -> Dated:
    """Every sentence in document order, whether its document's date is known, and the dates it names."""
    found = []
    references: dict[int, str | None] = {}
    for s in sorted(sentences, key=lambda s: (s.doc, s.start)):
        anchor = day_of(doc_dates[s.doc].value) if s.doc < len(doc_dates) else None
        mentions = find_times(s.text, anchor, references.get(s.doc))
        references[s.doc] = next((m.value for m in reversed(mentions) if m.value), references.get(s.doc))
        found.append((s, anchor is not None, mentions))
    return found


def stated_dates(dated: Dated) -> dict[tuple[int, int], str]:
    """(doc, sentence start) -> the first date the sentence names, for the sentences that name one."""
    return {(s.doc, s.start): value for s, _, ms in dated if (value := next((m.value for m in ms if m.value), None))}


def sort_key(value: str | None) -> tuple[int, str]:
    """Undated last; otherwise by the first day the value covers ("2018-W16" < "2018-04-17" < "2018-05")."""
    return (1, "") if value is None else (0, value_span(value)[0].isoformat())


def events(dated: Dated) -> list[Event]:
    """The timeline of `dated_sentences`: see `timeline`."""
    found = []
    for s, known, mentions in dated:
        seen: set[str | None] = set()
        for m in mentions:
            if m.value in seen or (m.value is None and (known or not m.relative)):
                continue
            seen.add(m.value)
            expression = one_line(m.text)
            note = None if m.value else f"document {s.doc} has no known date, so {expression!r} cannot be placed"
            found.append(Event(m.value, one_line(s.text), expression, s.doc, s.sources or (s.doc,), note))
    found.sort(key=lambda e: (sort_key(e.date), e.doc))
    return found


def timeline(sentences: Sequence[Sentence], doc_dates: Sequence[DocumentDate]) -> list[Event]:
    """Dated events, sorted by date.

    One event per sentence and date it names. Events whose date needs a document date that is unknown have
    ``date`` None and a ``note``, and come last.
    """
    return events(dated_sentences(sentences, doc_dates))
