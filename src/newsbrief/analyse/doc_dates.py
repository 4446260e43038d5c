"""Each document's own date, and where it came from: its metadata, its text, or its text and the cluster."""

from __future__ import annotations

from newsbrief.model import DocumentDate
from newsbrief.text.dates import date_at_top, day_of, nearest_month_day

SAME_EVENT_DAYS = 120
"""A dateline's month and day take the cluster's year only when its known dates are this close together."""


def document_dates(metadata: list[str | None], texts: list[str]) -> list[DocumentDate]:
    """The date of every document of a cluster: its metadata if any, else what its text states.

    A dateline with a month and day but no year takes the year that puts it nearest to the median of the
    cluster's other known dates, when those fall within `SAME_EVENT_DAYS` of each other (a story, not a topic
    followed over years); otherwise the document stays undated.
    """
    dates, partial = [], []
    for doc, (meta, text) in enumerate(zip(metadata, texts)):
        if day_of(meta):
            dates.append(DocumentDate(doc, meta, "metadata"))
            partial.append((None, ""))
            continue
        top = date_at_top(text)
        dates.append(DocumentDate(doc, top.value, "text", top.evidence) if top.value else DocumentDate(doc, None, None))
        partial.append((top.month_day, top.evidence))
    known = sorted(day for d in dates if (day := day_of(d.value)))
    if not known or (known[-1] - known[0]).days > SAME_EVENT_DAYS:
        return dates
    centre = known[len(known) // 2]
    for i, (month_day, evidence) in enumerate(partial):
        if month_day and (day := nearest_month_day(*month_day, centre)):
            dates[i] = DocumentDate(i, day.isoformat(), "text+cluster", evidence)
    return dates
