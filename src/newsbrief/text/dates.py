"""Find date expressions in news text and normalise them to ISO 8601 against the document's own date.

A rule table rather than HeidelTime: the expressions news uses for dates are few ("on Monday", "Oct. 31",
"last week", "two days later", "April 23, 2018"), and a regex pass costs microseconds where HeidelTime starts a
JVM per call. Values are as precise as the text allows: a day (``2018-04-23``), an ISO week (``2018-W16``), a
month (``2018-04``) or a year (``2018``). Durations ("for two weeks") and vague times ("recently") are not dates
and are not reported.

Conventions, as in news: a bare weekday is the most recent one on or before the document date, unless the
sentence speaks of the future ("will", "is due to", "next"); a month and day without a year, or a month alone,
is the nearest one to the document date ("later"/"earlier" offsets count from the last day the text named).
Anything relative is left unresolved (``value`` None) when the document date is unknown: a date is never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Month names are matched case-sensitively (capitalised), so "may" the verb and "march" the noun are not months.
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z]))"
)
_MONTH_FULL = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_ANY = (
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?),?\s+"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_COUNT = r"(?P<count>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Words after a number that show it counts things rather than naming a year ("2000 troops").
_NOT_A_YEAR = re.compile(r"\s+(?:[a-z]+s|people|percent|per)\b")
# "the 2015 Iran nuclear deal", "the 2018 World Cup": a year between "the" and a word names a thing, not a time.
_ATTRIBUTIVE_YEAR = re.compile(r"[Tt]he\s+\d{4}\s+(?!and\b|or\b|to\b)[A-Za-z]")
# Tense of the words just before an expression (same clause): "will meet on Friday", "agreed in December".
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|would|due to|expects? to|is expected to|are expected to|scheduled|set to|plans? to"
    r"|planned for|aims? to|hopes? to|upcoming)\b[^,;.]*$",
    re.IGNORECASE,
)
# A past auxiliary, a common irregular past, or a past participle that is not a present passive ("is expected").
_PAST = re.compile(
    r"(?:\b(?:was|were|had|did|began|took|came|went|saw|made|said|told|left|fell|rose|won|lost|met|held|gave|got"
    r"|became|broke|brought|built|bought|found|fought|led|ran|sent|spent|stood|struck|thought|wrote|flew|grew|spoke)\b"
    r"|(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bbeen )\b[a-z]{3,}ed\b)[^,;.]*$"
)
_TENSE_WINDOW = 70  # characters before an expression that decide its tense (same clause only)


@dataclass(frozen=True)
class TimeMention:
    """A date expression in a text.

    start, end (int): offsets of the expression in the text searched.
    text (str): the expression as written.
    value (str | None): ISO 8601 (day, ``YYYY-Www`` week, month or year); None when it needs a document date
        that is not known.
    relative (bool): True when the value depends on the document date or on an earlier date in the text.
    kind (str): which rule found it: ``full``, ``month_day``, ``weekday``, ... (see `_RULES`).
    """

    start: int
    end: int
    text: str
    value: str | None
    relative: bool
    kind: str = ""


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def nearest_month_day(month: int, day: int, anchor: date, tense: str = "") -> date | None:
    """The date with this month and day closest to ``anchor`` (a year earlier, the same year or a year later);
    the nearest on or after it when the expression is in the future tense, on or before it when in the past."""
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := safe_date(y, month, day))]
    if tense == "future":
        options = [d for d in options if d >= anchor]
    elif tense == "past":
        options = [d for d in options if d <= anchor]
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor)) if options else None


def nearest_month(month: int, anchor: date, tense: str = "", direction: str = "") -> tuple[int, int]:
    """(year, month) of the month named alone: ``last`` is before the anchor's month, ``next`` after it,
    ``this`` in its year; otherwise the nearest, on or after the anchor's month in the future tense, on or
    before it in the past tense."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(y * 12 + month - 1, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if direction == "this":
        return anchor.year, month
    if direction == "last":
        return max((i, y) for i, y in options if i < here)[1], month
    if direction == "next" or tense == "future":
        return min((i, y) for i, y in options if i > here or (i == here and direction != "next"))[1], month
    if tense == "past":
        return max((i, y) for i, y in options if i <= here)[1], month
    return min(options, key=lambda o: (abs(o[0] - here), o[0] > here))[1], month


def weekday_date(weekday: int, anchor: date, future: bool, direction: str = "") -> date:
    """The date of a weekday named relative to ``anchor`` (see the module docstring)."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "last":
        return anchor - timedelta(days=back or 7)
    if direction == "next":
        return anchor + timedelta(days=ahead or 7)
    if future and back:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def shifted(reference: date, count: int, unit: str) -> str:
    """``reference`` moved by ``count`` units, as precise as the unit: days give a day, weeks a week, ..."""
    if unit == "day":
        return (reference + timedelta(days=count)).isoformat()
    if unit == "week":
        return iso_week(reference + timedelta(weeks=count))
    if unit == "month":
        return month_value(*shift_month(reference.year, reference.month, count))
    return str(reference.year + count)


def value_span(value: str) -> tuple[date, date]:
    """The first and last day an ISO value covers: "2018" -> Jan 1 to Dec 31, "2018-W16" -> its Monday to Sunday."""
    year = int(value[:4])
    if "-W" in value:
        first = date.fromisocalendar(year, int(value[6:8]), 1)
        return first, first + timedelta(days=6)
    if "-Q" in value:
        quarter = int(value[6])
        first = date(year, 3 * quarter - 2, 1)
        return first, date(*shift_month(year, 3 * quarter + 1, 0), 1) - timedelta(days=1)
    if len(value) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if len(value) == 7:
        month = int(value[5:7])
        return date(year, month, 1), date(*shift_month(year, month, 1), 1) - timedelta(days=1)
    day = date.fromisoformat(value)
    return day, day


def overlap(a: str, b: str) -> bool:
    """True when two ISO values share a day ("2018" and "2018-04-23" do; "2018-04-22" and "2018-04-23" do not)."""
    (a_first, a_last), (b_first, b_last) = value_span(a), value_span(b)
    return a_first <= b_last and b_first <= a_last


def day_of(value: str | None) -> date | None:
    """The date of a day-precise ISO value, else None."""
    if value and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


# Each rule: a pattern and the name of the resolver below that turns a match into a value.
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:{_WEEKDAY_ANY})?{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"), "full"),
    (re.compile(rf"\b(?:{_WEEKDAY_ANY})?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"), "full"),
    (re.compile(r"\b(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"), "full"),
    (re.compile(r"\b(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4})\b"), "full"),
    (re.compile(rf"\b(?:{_WEEKDAY_ANY})?{_MONTH}\s+{_DAY}\b(?![,.]?\d)(?!:)"), "month_day"),
    (re.compile(rf"\b(?:{_WEEKDAY_ANY})?{_DAY}\s+(?:of\s+)?{_MONTH}\b"), "month_day"),
    (re.compile(rf"\b(?:(?:early|mid|late|the end of|the beginning of|the start of)[- ])?{_MONTH},?\s+{_YEAR}\b"),
     "month_year"),
    (re.compile(
        rf"\b(?:(?P<direction>last|next|this)\s+|(?:in|since|until|till|by|during|from|before|after|of|through)"
        rf"\s+(?:(?:early|mid|late)[- ]|the (?:end|beginning|start|middle) of\s+)?"
        rf"|(?:early|mid|late)[- ]){_MONTH_FULL}\b(?!\s+\d)"), "month"),
    (re.compile(rf"\b(?:(?:early|mid|late)[- ]|(?:[Ii]n|[Oo]f|[Bb]y|to|[Tt]he|[Ss]ince|[Uu]ntil|[Dd]uring|[Bb]efore"
                rf"|[Aa]fter|[Ff]rom|[Bb]etween|and|through)\s+(?:(?:early|mid|late)[- ])?){_YEAR}\b(?!\s*[-/]\d)"),
     "year"),
    (re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|last night)\b",
                re.IGNORECASE), "day_word"),
    (re.compile(rf"\b(?:(?P<direction>last|next|this|Last|Next|This)\s+)?{_WEEKDAY}(?:'s)?{_PART}\b"), "weekday"),
    (re.compile(r"\b(?:(?P<earlier>earlier|later)\s+)?(?P<direction>last|this|next|Last|This|Next)\s+"
                r"(?P<unit>week|month|year)\b(?!'s?\s+(?:\w+\s+)?(?:of|for))"), "this_unit"),
    (re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+(?:(?P<rel>ago|earlier|later|from now)\b|(?P<rel2>before|after)\b"
                rf"(?!\s+(?:the|a|an|his|her|their|its|this|that|it|he|she|they|we|I|being|[A-Z])))",
                re.IGNORECASE), "offset"),
    (re.compile(r"\b(?P<holiday>Christmas(?: Day| Eve)?|New Year's (?:Day|Eve))"), "holiday"),
    (re.compile(r"\b(?P<nth>first|second|third|fourth)[- ]quarter\b", re.IGNORECASE), "quarter"),
    (re.compile(r"\b(?:the|that)\s+(?P<which>previous|next|following|same|preceding)\s+(?P<unit>day|week|month|year)"
                r"\b|\bthe (?P<unit2>day|week|month|year) (?P<which2>before|after)\b(?!\s+\w)", re.IGNORECASE),
     "reference_unit"),
]  # fmt: skip


HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31)}  # fmt: skip
_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def precision(value: str) -> str:
    """``day``, ``week``, ``month``, ``quarter`` or ``year`` of an ISO value."""
    if "-W" in value:
        return "week"
    if "-Q" in value:
        return "quarter"
    return {10: "day", 7: "month"}.get(len(value), "year")


def reference_point(reference: str | None, unit: str) -> date | None:
    """The date to count "two days later" or "the previous year" from: the last date the text named, when it is
    at least as precise as the unit counted."""
    if not reference or precision(reference) == "quarter" or _RANK[precision(reference)] > _RANK[unit]:
        return None
    if "-W" in reference:
        return date.fromisocalendar(int(reference[:4]), int(reference[6:8]), 1)
    parts = [int(p) for p in reference.split("-")] + [1, 1]
    return safe_date(parts[0], parts[1], parts[2])


def _resolve(kind: str, m: re.Match[str], anchor: date | None, reference: str | None, tense: str) -> str | None:
    """The ISO value of one match, or None when it cannot be resolved.

    tense: ``future``, ``past`` or empty, from the words just before the expression.
    """
    groups = m.groupdict()
    direction = (groups.get("direction") or "").lower()
    future = tense == "future"
    if kind == "full":
        month = int(groups["mon"]) if groups.get("mon") else month_number(groups["month"])
        day = safe_date(int(groups["year"]), month, int(groups["day"]))
        return day.isoformat() if day else None
    if kind == "month_year":
        return month_value(int(groups["year"]), month_number(groups["month"]))
    if kind == "year":
        return groups["year"]
    if anchor is None:
        return None
    if kind in ("month_day", "holiday"):
        if kind == "holiday":
            month, number = HOLIDAYS[groups["holiday"].lower()]
        else:
            month, number = month_number(groups["month"]), int(groups["day"])
        day = nearest_month_day(month, number, anchor, tense)
        return day.isoformat() if day else None
    if kind == "month":
        return month_value(*nearest_month(month_number(groups["month"]), anchor, tense, direction))
    if kind == "quarter":
        nth = ("first", "second", "third", "fourth").index(groups["nth"].lower()) + 1
        current = (anchor.month - 1) // 3 + 1
        year = anchor.year + (1 if future and nth < current else 0) - (1 if not future and nth > current else 0)
        return f"{year}-Q{nth}"
    if kind == "day_word":
        word = groups["word"].lower()
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return (anchor + timedelta(days=offset)).isoformat()
    if kind == "weekday":
        return weekday_date(WEEKDAYS[groups["weekday"].lower()], anchor, future, direction).isoformat()
    if kind == "this_unit":
        step = {"last": -1, "this": 0, "next": 1}[direction]
        return shifted(anchor, step, groups["unit"].lower())
    if kind == "offset":
        count = int(c) if (c := groups["count"].lower()).isdigit() else COUNTS[c]
        rel = (groups["rel"] or groups["rel2"]).lower()
        unit = groups["unit"].lower()
        base = anchor if rel in ("ago", "from now") else (reference_point(reference, unit) or anchor)
        sign = -1 if rel in ("ago", "earlier", "before") else 1
        return shifted(base, sign * count, unit)
    # reference_unit: "the previous day", "the following week", "the day before"
    which = (groups.get("which") or groups.get("which2") or "").lower()
    unit = (groups.get("unit") or groups.get("unit2") or "").lower()
    step = {"previous": -1, "preceding": -1, "before": -1, "next": 1, "following": 1, "after": 1}.get(which, 0)
    return shifted(reference_point(reference, unit) or anchor, step, unit)


def tense_before(text: str, start: int) -> str:
    """``future`` or ``past`` when the words just before ``start`` say so ("will meet on", "agreed in")."""
    before = text[max(0, start - _TENSE_WINDOW) : start]
    if _FUTURE.search(before):
        return "future"
    return "past" if _PAST.search(before) else ""


# What any match of a rule of each kind must contain (each rule's pattern spells it out): a text without it is
# not searched with those rules. Most sentences hold none of them, and a search for a literal is much cheaper
# than one for a rule that may start at any word. A kind without one (None) is searched at once: a search for
# its words ("today", "tonight", ... in any case) cost more than its rule, which starts only at a word boundary.
_YEAR_DIGITS = re.compile(r"\d{4}")
_MONTH_WORD = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# In both rules that count units, the unit follows a space ("two days", "the day before"); the space makes the
# search skip to the spaces of the text instead of trying every character (a third of the time).
_ANY_UNIT = re.compile(r"\s(?:day|week|month|year)", re.IGNORECASE)
_NEEDS: dict[str, re.Pattern[str] | None] = {
    "full": _YEAR_DIGITS,
    "month_day": _MONTH_WORD,
    "month_year": _MONTH_WORD,
    "month": _MONTH_WORD,
    "year": _YEAR_DIGITS,
    "day_word": None,
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
    "this_unit": re.compile(r"week|month|year"),
    "offset": _ANY_UNIT,
    "holiday": re.compile(r"Christmas|New Year's"),
    "quarter": re.compile(r"quarter", re.IGNORECASE),
    "reference_unit": _ANY_UNIT,
}


def _candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    present: dict[re.Pattern[str], bool] = {}
    found = []
    for pattern, kind in _RULES:
        need = _NEEDS[kind]
        if need is not None:
            if need not in present:
                present[need] = need.search(text) is not None
            if not present[need]:
                continue
        for m in pattern.finditer(text):
            if kind == "year" and (_NOT_A_YEAR.match(text, m.end()) or _ATTRIBUTIVE_YEAR.match(text, m.start())):
                continue
            found.append((m.start(), m.end(), kind, m))
    # Longest first (rule order breaks ties); a shorter match inside a longer one is part of it, not another date.
    order = sorted(range(len(found)), key=lambda i: (found[i][0] - found[i][1], i))
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for i in order:
        start, end = found[i][:2]
        if all(end <= c[0] or start >= c[1] for c in chosen):
            chosen.append(found[i])
    return sorted(chosen, key=lambda c: c[0])


def find_times(text: str, anchor: date | None, reference: str | None = None) -> list[TimeMention]:
    """Date expressions in ``text``, resolved against the document date ``anchor``.

    reference: the last date the text named before ``text`` (for "two days later", "the previous year"); each
    date found in ``text`` becomes the reference for the expressions after it.

    >>> [m.value for m in find_times("Talks began on Monday and ended two days later.", date(2018, 4, 25))]
    ['2018-04-23', '2018-04-25']
    """
    mentions = []
    for start, end, kind, m in _candidates(text):
        value = _resolve(kind, m, anchor, reference, tense_before(text, start))
        relative = kind not in ("full", "month_year", "year")
        mentions.append(TimeMention(start, end, m.group(0), value, relative, kind))
        reference = value or reference
    return mentions


_LABEL = r"(?:(?:Published|Posted|Updated|Last updated|First published|Date)\s*(?:on)?:?[ \t]*)?"
# A line that is a date, or a date after a publishing label ("Published: Mon, April 23, 2018 | 10:32").
_DATE_LINES = [
    re.compile(rf"^[ \t]*{_LABEL}(?:{_WEEKDAY_ANY})?{day_month}(?P<rest>[^\n]{{0,40}})$", re.MULTILINE)
    for day_month in (rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}",
                      r"(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b")
]  # fmt: skip
# A dateline: "WASHINGTON, Oct. 17 (Xinhua) --", "BEIRUT, Lebanon, April 23, 2018 (AP) -", "PARIS, 5 May -".
_DATELINES = [
    re.compile(
        rf"^[ \t]*[A-Z][A-Za-z.'\- ]{{1,40}}(?:,[ \t]*[A-Z][A-Za-z.' ]{{1,30}})?,[ \t]+{day_month}(?:,?\s+{_YEAR})?"
        rf"\s*(?:\([^)\n]{{1,40}}\)\s*)?(?:--|-|_|—|–|:)",
        re.MULTILINE,
    )
    for day_month in (rf"{_MONTH}\s+{_DAY}", rf"{_DAY}\s+{_MONTH}")
]
# A date written in a short line, as a stamp under a title is: "Published: 16/10/2024 19:05", "3rd Sept. 2023".
_STAMP_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_STAMP_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_STAMPS = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_STAMP_MONTH}\s+{_STAMP_DAY},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b{_STAMP_DAY}\s+{_STAMP_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b"),
)
HEADER_CHARS = 1200
"""The top of a text where its own date may be stated."""
HEADER_LINES = 8
"""How many non-empty lines at the top of a text may hold a date stamp."""
MAX_STAMP_CHARS = 80
"""A longer line is prose, and a date in it is not the publication date."""


def parse_date(line: str) -> str | None:
    """The first complete, valid calendar date written in ``line``, as ``YYYY-MM-DD``.

    Numeric dates are read only when day and month cannot be confused (16/10/2024, 10/16/2024).

    >>> parse_date("Published: 16/10/2024 19:05"), parse_date("3rd Sept. 2023"), parse_date("05/06/2024")
    ('2024-10-16', '2023-09-03', None)
    """
    for pattern in _STAMPS:
        for m in pattern.finditer(line):
            parts = m.groupdict()
            if parts.get("month"):
                month, day = month_number(parts["month"]), int(parts["day"])
            elif parts.get("mon"):
                month, day = int(parts["mon"]), int(parts["day"])
            else:
                a, b = int(parts["a"]), int(parts["b"])
                if (a <= 12) == (b <= 12):
                    continue
                day, month = (a, b) if a > 12 else (b, a)
            if found := safe_date(int(parts["year"]), month, day):
                return found.isoformat()
    return None


@dataclass(frozen=True)
class TopDate:
    """The date a text states at its top, as far as it states it.

    value (str | None): the ISO day, when a whole date is stated.
    month_day (tuple[int, int] | None): (month, day) of a dateline that gives no year.
    evidence (str): the line or dateline it was read from ("" when none).
    """

    value: str | None = None
    month_day: tuple[int, int] | None = None
    evidence: str = ""


def date_at_top(text: str) -> TopDate:
    """The date a page or a wire story states at its top: a stamp line ("Published: Tue, October 15, 2024",
    "Radio Brannoch News | 15 October 2024"), a date line, or a dateline ("MADRID, February 17 (Xinhua) --").

    >>> date_at_top("By Priya Lorne\\nPublished: Tue, October 15, 2024\\n\\nKELLHAVEN - Firefighters ...").value
    '2024-10-15'
    >>> date_at_top("MADRID, February 17 (Xinhua) -- Spain said on Wednesday ...").month_day
    (2, 17)
    >>> date_at_top("Published: Updated:\\n\\nNo date here.")
    TopDate(value=None, month_day=None, evidence='')
    """
    head = text[:HEADER_CHARS]
    lines = [line.strip() for line in head.splitlines() if line.strip()][:HEADER_LINES]
    for line in lines:
        if len(line) <= MAX_STAMP_CHARS and (found := parse_date(line)):
            return TopDate(found, None, line)
    for pattern in _DATE_LINES:
        for m in pattern.finditer(head):
            if re.search(r"\d{3}", m.groupdict().get("rest") or ""):
                continue  # a line that goes on with other figures is text, not a date line
            month = int(m["mon"]) if m.groupdict().get("mon") else month_number(m["month"])
            if day := safe_date(int(m["year"]), month, int(m["day"])):
                return TopDate(day.isoformat(), None, m.group(0).strip())
    datelines = [m for pattern in _DATELINES if (m := pattern.search(head))]
    m = min(datelines, key=lambda m: m.start(), default=None)
    if m and 1 <= int(m["day"]) <= 31:
        month = month_number(m["month"])
        if m["year"] and (day := safe_date(int(m["year"]), month, int(m["day"]))):
            return TopDate(day.isoformat(), None, m.group(0).strip())
        return TopDate(None, (month, int(m["day"])), m.group(0).strip())
    return TopDate()
