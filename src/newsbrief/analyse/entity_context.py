"""What a name's own words and the words around it say about its type ("in X", "X province", "daily X").

NER labels each mention from a few words of context and often mislabels a rare name: a district of Damascus
taken for a person, a newspaper for a person, a dateline for an organisation. `entities` reads the words next
to every mention in the kept sentences as more votes for its type. A cue before or after a list of names ("the
areas of A, B and C") counts for every name in the list. Only cues that raised precision on the development
clusters and did not lower it on the held-out ones are here (docs/analyse.md has the figures).
"""

from __future__ import annotations

import re
from collections import Counter

from newsbrief.text.names import PERSON_TITLES

_PLACE_NOUNS = (
    r"(?:refugee\s+)?camps?|neighbou?rhoods?|districts?|areas?|towns?|city|cities|villages?|provinces?|"
    r"governorates?|regions?|suburbs?|county|counties|countryside"
)
_TITLES = "|".join(PERSON_TITLES)
_ROLES = (
    r"spokesman|spokeswoman|spokesperson|activist|commander|envoy|ambassador|officer|suspect|lawyer|attorney|"
    r"chairman|chairwoman|correspondent|journalist|analyst|professor|colleague|president|minister|senator"
)
# (label, pattern matched against the text just before the name, or the list of names)
CUES_BEFORE = (
    ("place", re.compile(r"(?<![\w-])(?:[Ii]n|near|[Oo]utside|[Ii]nside|across|into|around)\s+(?:the\s+)?$")),
    (  # "eastern X", "the nearby X"
        "place",
        re.compile(
            r"(?<![\w-])(?:northern|southern|eastern|western|central|north-?\w+ern|south-?\w+ern|nearby|"
            r"neighbou?ring)\s+$"
        ),
    ),  # fmt: skip
    ("place", re.compile(rf"(?<![\w-])(?:{_PLACE_NOUNS}|capital|state)\s+of\s+$")),  # "the town of X"
    (  # "a visit to X", "the attack on X"
        "place",
        re.compile(
            r"(?<![\w-])(?:(?:visits?|trip|travel(?:l?ed)?|flew|fled|returned)\s+to|"
            r"(?:attacks?|strikes?|raids?|assault|offensive|bombardment)\s+on)\s+$"
        ),
    ),
    (  # a title or role, perhaps then a first name: "Senator Alfonse X", "spokesman X"
        "person",
        re.compile(rf"(?<![\w-])(?:{_TITLES}|{_ROLES})\.?\s+(?:[A-Z][\w'’-]*\s+){{0,2}}$"),
    ),
    ("organisation", re.compile(r"(?<![\w-])according\s+to\s+the\s+$")),  # a source with "the"
    (  # "the daily X", "the state news agency, X"
        "organisation",
        re.compile(r"(?<![\w-])(?:daily|newspaper|weekly|magazine|agency|broadcaster|channel|website)\s*,?\s+$"),
    ),
)
# (label, pattern matched against the text just after the name, or the list of names)
CUES_AFTER = (
    ("place", re.compile(rf"^\s+(?:{_PLACE_NOUNS}|hospital|border|airport)(?![\w-])")),  # "X province"
    ("person", re.compile(r"^,\s+\d{1,3},")),  # an age: "X, 30,"
)
_ORG_HEADS = {
    "University", "College", "Center", "Centre", "Council", "Party", "Ministry", "Agency", "Association",
    "Committee", "Commission", "Company", "Corporation", "Corp", "Inc", "Bank", "Court", "Institute",
    "Foundation", "Organization", "Organisation", "Assembly", "Department", "Front", "League", "Movement",
    "Coalition", "Alliance", "Board", "Society", "Club",
}  # fmt: skip
_PLACE_HEADS = {
    "Street", "Boulevard", "Avenue", "Road", "Square", "Bridge", "Airport", "Province", "River", "Mountains",
    "Island", "Islands", "Valley", "Sea", "Ocean", "Lake", "Bay", "County", "Strait", "Gulf", "Peninsula",
    "District", "Region", "Heights", "Desert", "Coast", "Canal",
}  # fmt: skip
_TITLE_WORD = re.compile(rf"^(?!General)(?:{_TITLES})\.?$")  # not "General Motors", "General Assembly"
_POSSESSIVE = re.compile(r"^['’]s?(?![\w-])")
_DATELINE_AFTER = re.compile(r"^\s*(?:,|_|--|—|\(|-\s)")
_LIST_SEPARATOR = re.compile(r"^(?:,\s*|,?\s+(?:and|or)\s+)$")


def head_label(name: str) -> str | None:
    """The type a name's own words give it: "King X" a person, "... University" an organisation, "... Boulevard"
    a place; None when they say nothing."""
    words = name.split()
    if len(words) > 1 and _TITLE_WORD.match(words[0]):
        return "person"
    if words and words[-1] in _ORG_HEADS:
        return "organisation"
    if words and words[-1] in _PLACE_HEADS:
        return "place"
    return None


def sentence_cues(text: str, mentions: list[tuple[int, int, str]], votes: dict[str, Counter[str]]) -> None:
    """Add to ``votes`` (root -> label -> count) the cues around the mentions (start, end, root) of ``text``,
    which are in text order and do not overlap.

    Names joined by commas and a last "and"/"or" are one list, and a cue next to the list counts for each; names
    joined by commas alone are not ("in Damascus, Assad said").
    """
    runs: list[list[tuple[int, int, str]]] = []
    for mention in mentions:
        if runs and _LIST_SEPARATOR.match(text[runs[-1][-1][1] : mention[0]]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    for run in runs:
        last_separator = text[run[-2][1] : run[-1][0]] if len(run) > 1 else ""
        is_list = len(run) == 1 or re.search(r"\s(?:and|or)\s", last_separator)
        for group in [run] if is_list else [[m] for m in run]:
            start, end = group[0][0], group[-1][1]
            before, after = text[max(0, start - 40) : start], text[end : end + 30]
            found = [label for label, cue in CUES_AFTER if cue.match(after)]
            if not _POSSESSIVE.match(after):  # "in X's case": the preposition is not X's
                found += [label for label, cue in CUES_BEFORE if cue.search(before)]
            dateline = not text[:start].strip(" \"'“‘") and text[start:end].isupper() and _DATELINE_AFTER.match(after)
            if dateline and len(group) == 1:  # "PARIS _", "OPORTO, Portugal (AP) _"
                found.append("place")
            for _, _, root in group:
                for label in found:
                    votes.setdefault(root, Counter())[label] += 1
