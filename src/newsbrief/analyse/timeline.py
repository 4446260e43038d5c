"""A timeline of the cluster: every kept sentence that names a date, placed at that date.

Each document's sentences are read in order, so "two days later" counts from the last date the document
named; relative expressions ("on Monday", "last week") are resolved against the document's own date (see
`newsbrief.analyse.doc_dates.document_dates`). A relative expression in a document whose date is unknown is kept
at the end with ``date`` None and a note saying why: a date is never invented.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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


CLUSTER_SPAN_DAYS = 60
"""A month and day in an undated document is placed only when the cluster's dated documents lie within this
many days of each other: then the nearest such day to them is the one reading."""


def cluster_day(doc_dates: Sequence[DocumentDate]) -> date | None:
    """The middle of the cluster's known document dates, when they lie close enough together to fix the year of a
    month and day (`CLUSTER_SPAN_DAYS`); else None."""
    days = sorted(d for dd in doc_dates if (d := day_of(dd.value)))
    if not days or (days[-1] - days[0]).days > CLUSTER_SPAN_DAYS:
        return None
    return days[len(days) // 2]


def placed(s: Sentence, known: bool, m: TimeMention, near: date | None) -> tuple[str | None, str | None]:
    """A mention's date and the note that says how it was placed (or why it was not)."""
    expression = one_line(m.text)
    if m.value is not None:
        return m.value, None
    if not known and m.kind == "month_day" and near is not None:
        value = find_times(m.text, near)[0].value
        return value, f"document {s.doc} has no known date; the year is that of the cluster's dated documents"
    return None, f"document {s.doc} has no known date, so {expression!r} cannot be placed"


def events(dated: Dated, near: date | None = None) -> list[Event]:
    """The timeline of `dated_sentences`: see `timeline`. ``near``: `cluster_day`."""
    found = []
    for s, known, mentions in dated:
        wanted = [m for m in mentions if m.value is not None or (not known and m.relative)]
        dates = [(m, *placed(s, known, m, near)) for m in wanted]
        if any(value for _, value, _ in dates):  # a sentence that is placed is not listed again as unplaced
            dates = [d for d in dates if d[1]]
        seen: set[str | None] = set()
        for m, value, note in dates:
            if value in seen:
                continue
            seen.add(value)
            found.append(Event(value, one_line(s.text), one_line(m.text), s.doc, s.sources or (s.doc,), note))
    found.sort(key=lambda e: (sort_key(e.date), e.doc))
    return found


def timeline(sentences: Sequence[Sentence], doc_dates: Sequence[DocumentDate]) -> list[Event]:
    """Dated events, sorted by date.

    One event per sentence and date it names. A month and day in a document whose date is unknown takes its
    year from the cluster's dated documents when they leave one reading (its ``note`` says so). Other events
    whose date needs a document date that is unknown have ``date`` None and a ``note``, and come last; a sentence
    placed by one expression is not listed again by another it cannot place.
    """
    return events(dated_sentences(sentences, doc_dates), cluster_day(doc_dates))
