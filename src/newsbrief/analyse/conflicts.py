"""Conflicts: claims from different documents about the same quantity whose values differ beyond rounding.

Two claims are about the same quantity when they count the same kind of thing (`Claim.unit`), within a
factor `MAX_RATIO` of each other, and say the same of it: the same measure ("killed", "population", ...), or,
when neither names one, at least `MIN_SHARED_CONTEXT` of the same content words around the figure. They
conflict when the intervals their figures allow (rounding and hedges, see `newsbrief.analyse.claims`) do not
meet: "an estimated 200,000" and "160,000" conflict; "about 1,600" and "1,582" do not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsbrief.analyse.claims import Claim

MAX_RATIO = 10.0
MIN_SHARED_CONTEXT = 2


def same_quantity(a: Claim, b: Claim) -> bool:
    """True when two claims count the same thing and say the same of it (see the module docstring)."""
    if a.unit != b.unit or min(a.number, b.number) <= 0:
        return False
    if max(a.number, b.number) / min(a.number, b.number) > MAX_RATIO:
        return False
    if a.measure or b.measure:
        return a.measure == b.measure
    return len(a.context & b.context) >= MIN_SHARED_CONTEXT


def compatible(a: Claim, b: Claim) -> bool:
    """True when the two figures can be the same value, given their rounding and hedges."""
    return a.low <= b.high and b.low <= a.high


def conflicting(a: Claim, b: Claim) -> bool:
    return not set(a.sources) & set(b.sources) and same_quantity(a, b) and not compatible(a, b)


def _groups(claims: Sequence[Claim]) -> list[list[int]]:
    """Claims linked by `same_quantity`, as groups of indices (union-find)."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            if claims[i].doc != claims[j].doc and same_quantity(claims[i], claims[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(claims)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def about(group: list[Claim]) -> str:
    """What the group's claims measure, in a few words: "population: people", "cost: $"."""
    if group[0].measure:
        return f"{group[0].measure}: {group[0].unit}"
    shared = sorted(frozenset.intersection(*(c.context for c in group)))
    return f"{group[0].unit}: {' '.join(shared[:4])}"


def conflicts(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Groups of claims about one quantity in which two documents' figures differ beyond rounding.

    Each group is ``{"about", "claims"}``; every claim keeps its value as written, its document and sentence.
    Groups with more documents come first.
    """
    found = []
    for indices in _groups(claims):
        group = [claims[i] for i in indices]
        if any(conflicting(a, b) for k, a in enumerate(group) for b in group[k + 1 :]):
            group.sort(key=lambda c: (c.number, c.doc))
            found.append({"about": about(group), "claims": [c.to_dict() for c in group]})
    found.sort(key=lambda g: -len({c["doc"] for c in g["claims"]}))
    return found
