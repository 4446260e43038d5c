"""Names as news writes them: one key for spellings of a name, aliases of one group or country, acronyms.

Used wherever two texts must agree on who or where ("Yarmouk"/"Yarmuk", "IS"/"ISIS"/"Daesh", "al-Assad"/
"Al Assad"): entity merging, and any comparison that should not be fooled by a spelling.
"""

from __future__ import annotations

import re
import unicodedata

from newsbrief.text import one_line

# Names of one thing; merged only when the cluster uses more than one of them.
ALIASES = (
    ("Islamic State", "IS", "ISIS", "ISIL", "Daesh", "Islamic State of Iraq and Syria",
     "Islamic State of Iraq and the Levant"),
    ("United States", "U.S.", "US", "USA", "United States of America", "America"),
    ("United Kingdom", "U.K.", "UK", "Britain", "Great Britain"),
    ("United Nations", "U.N.", "UN"),
    ("European Union", "EU", "E.U."),
    ("Russia", "Russian Federation"),
)  # fmt: skip
_LETTERS_PER_EDIT = 8

# Words that stand before a person's name ("Gen. Ali Mayhoub"): `key` sets them aside, and the entity cues
# (`newsbrief.analyse.entity_context`) read them as saying that the name after them is a person's.
PERSON_TITLES = (
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Senator", "Gen", "General", "Col", "Colonel", "Lt", "Sgt", "Capt", "Rep",
    "Gov", "Governor", "Rev", "Officer", "Sir", "Lord", "President", "Prime Minister", "Minister", "King", "Queen",
    "Prince", "Princess", "Pope", "Judge", "Sheikh", "Mayor", "Chancellor", "Consul",
)  # fmt: skip
_TITLES = re.compile(r"^(?:(?:the|" + "|".join(t.lower() for t in PERSON_TITLES) + r")\.?\s+)+")


def key(name: str) -> str:
    """A name with case, accents, hyphens, titles ("Gen.", "President") and a trailing "'s" set aside.

    An apostrophe inside a word joins it ("D'Amato" -> "damato", as "D’Amato" becomes once accents and other
    non-ASCII marks are dropped), so that a surname stays one word.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = _TITLES.sub("", re.sub(r"['’]s$", "", text.strip()))
    text = re.sub(r"[-‐–.']", " ", re.sub(r"(?<=\w)'(?=\w)", "", text))
    return one_line(text)


def skeleton(name_key: str) -> str:
    """The first letter and the consonants of a name key: "yarmouk" and "yarmuk" -> "yrmk"."""
    return " ".join(w[0] + re.sub(r"[aeiouy]", "", w[1:]) for w in name_key.split())


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def spellings_of_one_name(a: str, b: str) -> bool:
    """Name keys with the same consonants in the same order and few letters different."""
    longest = max(len(a), len(b))
    if min(len(a), len(b)) < 5 or skeleton(a) != skeleton(b):
        return False
    return edit_distance(a, b) <= max(1, longest // _LETTERS_PER_EDIT)


def is_acronym(short: str, long: str) -> bool:
    letters = "".join(w[0] for w in re.split(r"[\s-]+", long) if w and w[0].isupper())
    return short.replace(".", "").upper() == letters.upper() and len(letters) > 1
