"""Find the publication date a scraped plain-text article carries near its top ("Published: 16/10/2024").

Plain-text files have no metadata, but most scraped pages keep their date stamp as one short line under the
title. Reading it gives the timeline a document date to anchor "on Monday" and "two days later" to.
"""

from __future__ import annotations

import datetime as dt
import re

HEADER_LINES = 8
"""How many non-empty lines at the top of a text may hold the stamp."""
MAX_STAMP_CHARS = 80
"""A longer line is prose, and a date in it is not the publication date."""

_MONTHS = {
    name: number
    for number, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july", "aug august",
         "sep sept september", "oct october", "nov november", "dec december"),
        start=1,
    )
    for name in names.split()
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.]{_YEAR}\b"),
)


def stamp_date(text: str) -> str | None:
    """The ISO date of the first date stamp in the first lines of ``text``, or None.

    >>> stamp_date("By Priya Lorne\\nPublished: Tue, October 15, 2024\\n\\nKELLHAVEN - Firefighters ...")
    '2024-10-15'
    >>> stamp_date("Radio Brannoch News | 15 October 2024")
    '2024-10-15'
    >>> stamp_date("Published: Updated:\\n\\nNo date here.") is None
    True
    """
    head = text[: HEADER_LINES * 2 * (MAX_STAMP_CHARS + 1)]
    lines = [line.strip() for line in head.splitlines() if line.strip()][:HEADER_LINES]
    for line in lines:
        if len(line) <= MAX_STAMP_CHARS and (found := parse_date(line)):
            return found
    return None


def parse_date(line: str) -> str | None:
    """The first complete, valid calendar date written in ``line``, as ``YYYY-MM-DD``.

    Numeric dates are read only when day and month cannot be confused (16/10/2024, 10/16/2024).

    >>> parse_date("Published: 16/10/2024 19:05"), parse_date("3rd Sept. 2023"), parse_date("05/06/2024")
    ('2024-10-16', '2023-09-03', None)
    """
    for pattern in _PATTERNS:
        for match in pattern.finditer(line):
            if found := _to_iso(match.groupdict()):
                return found
    return None


def _to_iso(parts: dict[str, str]) -> str | None:
    year = int(parts["year"])
    if "month" in parts:
        month, day = _MONTHS[parts["month"].lower()], int(parts["day"])
    elif "m" in parts:
        month, day = int(parts["m"]), int(parts["d"])
    else:
        a, b = int(parts["a"]), int(parts["b"])
        if (a <= 12) == (b <= 12):
            return None
        day, month = (a, b) if a > 12 else (b, a)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
