"""Conflicts: claims from different documents about the same quantity whose values differ beyond rounding.

Two claims are about the same quantity when they count the same kind of thing (`Claim.unit`) and say the same
of it: the same measure ("killed", "population", ...), or, when neither names one, at least
`MIN_SHARED_CONTEXT` of the same content words around the figure (never for `UNITS_NEEDING_A_MEASURE`:
percentages, sums of money, distances, which news is full of). Claims whose figures follow different names
("In Poland, 32 died" / "In Romania, 21 died") are about different things. Their figures must also be
within a factor `MAX_RATIO` of each other, and within
`CLOSE_RATIO` unless the words around them share something beyond the measure (the camp, the embassies): in
one story, "11 killed" in one bombing and "224 killed" in two are different tolls. They conflict when the
intervals their figures allow (rounding and hedges, see `newsbrief.analyse.claims`) do not meet: "an
estimated 200,000" and "160,000" conflict; "about 1,600" and "1,582" do not. Claims dated apart are not
compared (see `same_time`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsbrief.analyse.claims import MEASURE_PHRASES, MEASURE_STEMS, Claim
from newsbrief.config import MAX_COMPARED_CLAIMS
from newsbrief.model import Conflict
from newsbrief.text.dates import overlap

MAX_RATIO = 10.0
CLOSE_RATIO = 3.0
MIN_SHARED_CONTEXT = 3
# The measures a percentage can be compared on; "7 percent of the budget" is no cost.
PERCENT_MEASURES = frozenset({"turnout", "support"})
# Figures news is full of, compared only when a measure says what they are ("turnout of 39 percent").
UNITS_NEEDING_A_MEASURE = frozenset(
    {"percent", "$", "€", "£", "kilometer", "kilometre", "mile", "meter", "metre", "foot", "feet", "inch",
     "degree", "celsiu", "fahrenheit", "pound", "kilogram", "ton", "tonne", "acre", "hectare", "point"}
)  # fmt: skip
# Measures whose count grows as a story unfolds: reports of them from different days are updates, not conflicts.
EVOLVING = frozenset({"killed", "injured", "missing", "arrested", "displaced", "left", "rescued", "returned"})


def same_time(a: Claim, b: Claim) -> bool:
    """False when the claims are dated apart: their sentences name different dates ("In 1978, 20 people
    died"), or, for an `EVOLVING` measure, they come from different days."""
    if a.stated and b.stated and not overlap(a.stated, b.stated):
        return False
    if a.measure in EVOLVING:
        a_when, b_when = a.stated or a.dated, b.stated or b.dated
        return not (a_when and b_when) or overlap(a_when, b_when)
    return True


def same_quantity(a: Claim, b: Claim) -> bool:
    """True when two claims count the same thing and say the same of it (see the module docstring)."""
    if a.unit != b.unit or min(a.number, b.number) <= 0 or a.sentence == b.sentence:
        return False
    if a.names and b.names and not a.names & b.names:
        return False  # about different people or places: "In Poland, 32 died" / "In Romania, 21 died"
    ratio = max(a.number, b.number) / min(a.number, b.number)
    shared = (a.context & b.context) - MEASURE_STEMS
    if ratio > MAX_RATIO or (ratio > CLOSE_RATIO and not shared) or not same_time(a, b):
        return False
    if a.measure or b.measure:
        return a.measure == b.measure and (a.unit != "percent" or a.measure in PERCENT_MEASURES)
    return a.unit not in UNITS_NEEDING_A_MEASURE and len(shared) >= MIN_SHARED_CONTEXT


def compatible(a: Claim, b: Claim) -> bool:
    """True when the two figures can be the same value, given their rounding and hedges."""
    return a.low <= b.high and b.low <= a.high


def conflicting(a: Claim, b: Claim) -> bool:
    return not set(a.sources) & set(b.sources) and same_quantity(a, b) and not compatible(a, b)


def linked(a: Claim, b: Claim) -> bool:
    """Of one unit, and the same figure in a copy of the same sentence, or `same_quantity`."""
    return a.unit == b.unit and ((a.sentence == b.sentence and a.value == b.value) or same_quantity(a, b))


def groups(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Claims about one quantity: each joins the first group whose every member it is `linked` to (complete
    linkage, so "32 died in Poland" does not chain "39 in Moscow" to "62 across Europe"). Only claims of one unit
    are linked, so each is compared with its unit's groups alone."""
    found: list[list[Claim]] = []
    of_unit: dict[str, list[list[Claim]]] = defaultdict(list)
    for claim in claims:
        home = next((g for g in of_unit[claim.unit] if all(linked(claim, other) for other in g)), None)
        if home is None:
            home = []
            found.append(home)
            of_unit[claim.unit].append(home)
        home.append(claim)
    return found


def about(group: list[Claim]) -> str:
    """What the group's claims measure, as a reader would name it: "population", "people who left", "cost";
    the counted noun alone when no measure is stated."""
    unit = group[0].unit
    if group[0].measure:
        return MEASURE_PHRASES[group[0].measure].format(unit=unit)
    return unit


def conflicts(claims: Sequence[Claim]) -> list[Conflict]:
    """Groups of claims about one quantity in which two documents' figures differ beyond rounding.

    Every figure keeps its value as written, its document and sentence.
    Groups with more documents come first. Only the first `MAX_COMPARED_CLAIMS` claims are compared: grouping
    compares pairs, and a page of nothing but figures would otherwise take minutes.
    """
    found = []
    for group in groups(claims[:MAX_COMPARED_CLAIMS]):
        if any(conflicting(a, b) for k, a in enumerate(group) for b in group[k + 1 :]):
            group.sort(key=lambda c: (c.number, c.doc))
            found.append(Conflict(about(group), tuple(c.figure() for c in group)))
    found.sort(key=lambda g: -len({c.doc for c in g.claims}))
    return found
