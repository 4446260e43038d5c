"""Quantity claims: a number, what it counts, and what is said of it ("1,600 people left aboard 32 buses").

A regex pass over the kept sentences, no parser: a number (digits, "1.6 million", "nine", "$2 billion",
"72 percent") with the hedge written before it ("about", "more than"), the counted noun after it ("people",
"buses") or, when none follows, the noun it measures before it ("a population of 160,000", "the death toll
stood at 2,400"), and the *measure*: the nearest word of a small lexicon of what news counts (killed, injured,
destroyed, left, arrested, population, cost, turnout, ...), which tells "12 people killed" from "40 people
wounded". Years, dates, times, ages and durations are not claims.

Each claim also keeps the interval its value allows: a plain figure allows its rounding (200,000 is read
as 180,000-220,000 at most: within 10% and half its last non-zero digit); a hedge sets the bounds instead
("about": +-10%, "nearly": up to 10% below, "more than": anything above). `newsbrief.analyse.conflicts`
compares those intervals.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from newsbrief.model import Figure, Sentence
from newsbrief.text import one_line
from newsbrief.text.dates import MONTHS
from newsbrief.text.tokens import is_stopword, stem

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# hedge -> (low factor, high factor) applied to the figure; None = unbounded
HEDGES: dict[str, tuple[float, float | None]] = {
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1), "roughly": (0.9, 1.1),
    "some": (0.9, 1.1), "an estimated": (0.9, 1.1), "estimated": (0.9, 1.1), "almost": (0.9, 1.0),
    "nearly": (0.9, 1.0), "close to": (0.9, 1.0), "more than": (1.0, None), "over": (1.0, None),
    "at least": (1.0, None), "upwards of": (1.0, None), "up to": (0.0, 1.0), "as many as": (0.0, 1.0),
    "fewer than": (0.0, 1.0), "less than": (0.0, 1.0), "under": (0.0, 1.0), "at most": (0.0, 1.0),
}  # fmt: skip

_WORD_NUMBER = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven" \
    r"|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen" \
    r"|sixteen|seventeen|eighteen|nineteen)"  # fmt: skip
_HEDGE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))
NUMBER = re.compile(
    rf"(?<![\w.,$/-])(?:(?P<hedge>{_HEDGE})\s+)?(?P<currency>US\$|\$|€|£)?"
    rf"(?P<figure>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:{_WORD_NUMBER}))"
    rf"(?:\s+(?P<scale>hundred|thousand|million|billion|trillion)\b)?"
    rf"(?P<percent>\s*%|\s+percent\b|\s+per cent\b)?(?![\w:/-]|[.,]\d)",
    re.IGNORECASE,
)
# Every figure `NUMBER` finds holds a digit or a number word, in any case: `may_hold_a_figure` tests that first.
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile("|".join(WORD_NUMBERS))  # searched in `_FOLD`ed text
# Each character that IGNORECASE matches to a letter of the number words, as that letter: A-Z, and the dotted and
# dotless i and the long s of its case folding (no other character matches a letter of them).
_FOLD = str.maketrans({**{chr(c): chr(c).lower() for c in range(ord("A"), ord("Z") + 1)}, "İ": "i", "ı": "i", "ſ": "s"})
# Counted nouns that are not plurals in -s, and units that make a figure a duration or a date, not a claim.
_PLURAL_NOUNS = {
    "people", "men", "women", "children", "police", "personnel", "staff", "cattle", "livestock", "dead",
    "wounded", "injured", "homeless", "missing", "aircraft", "crew", "population", "toll", "turnout", "crowd",
}  # fmt: skip
_TIME_UNITS = {
    "second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "am", "pm", "a.m", "p.m",
    "o'clock", "times", "time", "years-old", "percentage",
}  # fmt: skip
# Nouns that stand for what a figure counts when they come before it ("a population of 160,000").
MEASURE_NOUNS = {"population": "people", "toll": "people", "crowd": "people", "turnout": "percent", "crew": "crew"}
# Nouns that say what is counted only when they follow the figure at once ("30 dead", not "30 people dead").
_NOMINAL_ADJECTIVES = {"dead", "wounded", "injured", "homeless", "missing"}
UNIT_CLASSES = {
    "person": "people", "people": "people", "population": "people", "inhabitant": "people", "resident": "people",
    "toll": "people", "crowd": "people", "individual": "people", "demonstrator": "protester",
    "soldier": "troop", "troop": "troop", "%": "percent", "per cent": "percent",
}  # fmt: skip
# What news counts; a claim's measure is the nearest of these words to its figure. Words marked "?" say it
# only weakly ("left 3,200 people dead" is about deaths, not departures) and give way to any other.
MEASURES = {
    "killed": "kill killed killing dead death deaths died die fatalities slain toll",
    "injured": "injure injured injuring injuries wounded wounding hurt",
    "destroyed": "destroy destroyed raze razed damage damaged flatten flattened level? levelled? burned buried",
    "left": "left? leave? leaving? depart departed fled flee bused bussed evacuate evacuated evacuation exodus",
    "displaced": "displaced displace homeless",
    "remain": "remain remaining stay stayed",
    "returned": "return returned",
    "arrested": "arrest arrested detain detained detention custody",
    "attended": "join? joined? crowd attend attended gather gathered rally rallied march? marched protest?",
    "population": "population inhabit inhabitants live? lived? living? housed? house? home?",
    "cost": "cost costs price worth spend spent paid pay budget bill value? valued?",
    "cut": "cut cuts eliminate eliminated shed axe axed layoffs redundancies",
    "employ": "employ employs employed workforce",
    "cancelled": "cancel cancelled canceled scrapped grounded",
    "turnout": "turnout turned?",
    "support": "back? backed? support supported favour favor approve approved",
    "captured": "capture captured seize seized took? taken? retook recaptured lost?",
    "carried": "carry carrying carried aboard? board? onboard",
    "strike": "strike struck striking walked?",
    "power": "power electricity outage blackout",
    "rescued": "rescue rescued saved",
    "missing": "missing",
}
# Each measure as a reader would name the quantity, for the label of a conflict ("people who left: 1,200 vs 1,500").
MEASURE_PHRASES = {
    "killed": "{unit} killed", "injured": "{unit} injured", "destroyed": "{unit} destroyed",
    "left": "{unit} who left", "displaced": "{unit} displaced", "remain": "{unit} who remain",
    "returned": "{unit} who returned", "arrested": "{unit} arrested", "attended": "{unit} who took part",
    "population": "population", "cost": "cost", "cut": "{unit} cut", "employ": "{unit} employed",
    "cancelled": "{unit} cancelled", "turnout": "turnout", "support": "support", "captured": "{unit} captured",
    "carried": "{unit} carried", "strike": "{unit} on strike", "power": "{unit} without power",
    "rescued": "{unit} rescued", "missing": "{unit} missing",
}  # fmt: skip
# The units a "cost" can be counted in.
MONEY_UNITS = frozenset({"$", "€", "£", "dollar", "euro", "pound", "yen", "yuan", "rupee", "franc", "mark"})
# word -> (measure, weak); matched as written, not stemmed ("department" is not "departed")
_MEASURE_OF = {w.rstrip("?"): (name, w.endswith("?")) for name, words in MEASURES.items() for w in words.split()}
MEASURE_STEMS = frozenset(stem(w) for w in _MEASURE_OF)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*|[^\sA-Za-z\d]")
_CONTEXT = 5  # words either side of a figure that describe it
_NEAR_TOKENS = 40  # the context is read from at most this many tokens either side (linear in the sentence)


@dataclass(frozen=True)
class Tokens:
    """A sentence's `_TOKEN` spans, found once, so each figure reads only the tokens near it."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Tokens:
        spans = [t.span() for t in _TOKEN.finditer(text)]
        return cls(text, tuple(s for s, _ in spans), tuple(e for _, e in spans))

    def before(self, cut: int) -> tuple[list[str], bool]:
        """Up to `_NEAR_TOKENS` tokens of ``text[:cut]``, as `_TOKEN.findall` would give its end, and whether
        they reach back to the sentence's start."""
        k = bisect_right(self.ends, cut)
        low = max(0, k - _NEAR_TOKENS)
        words = [self.text[s:e] for s, e in zip(self.starts[low:k], self.ends[low:k])]
        if k < len(self.starts) and self.starts[k] < cut:  # a token cut by the figure
            words += _TOKEN.findall(self.text[self.starts[k] : cut])
        return words, low == 0

    def after(self, cut: int) -> list[str]:
        """Up to `_NEAR_TOKENS` tokens of ``text[cut:]``, as `_TOKEN.findall` would give its start."""
        k = bisect_left(self.starts, cut)
        words = _TOKEN.findall(self.text[cut : self.ends[k - 1]]) if k and self.ends[k - 1] > cut else []
        return words + [
            self.text[s:e] for s, e in zip(self.starts[k : k + _NEAR_TOKENS], self.ends[k : k + _NEAR_TOKENS])
        ]


@dataclass(frozen=True)
class Claim:
    """A quantity claim.

    doc (int): the document; sources (tuple[int, ...]): every document carrying the sentence.
    sentence (str): the sentence, as written; sentence_start (int): its offset in the document's text.
    start, end (int): the figure's offsets in the document's text.
    value (str): the figure as written, hedge included ("an estimated 200,000").
    number (float): its value; low, high (float): the interval it allows (high may be ``inf``).
    noun (str): what it counts, as written ("people"); unit (str): that noun's class ("people", "percent", "$").
    measure (str | None): what is said of it (a key of `MEASURES`), when the sentence says it near the figure.
    context (frozenset[str]): stems of the content words near the figure.
    names (frozenset[str]): capitalised words just before the figure (see `names_before`).
    stated (str | None): the date the sentence names (ISO), if any; dated (str | None): its document's date.
        Both are filled in by `with_dates`.
    """

    doc: int
    sources: tuple[int, ...]
    sentence: str
    sentence_start: int
    start: int
    end: int
    value: str
    number: float
    low: float
    high: float
    noun: str
    unit: str
    measure: str | None
    context: frozenset[str]
    names: frozenset[str] = frozenset()
    stated: str | None = None
    dated: str | None = None

    def figure(self) -> Figure:
        """The claim as the brief reports it."""
        return Figure(
            value=one_line(self.value),
            number=self.number,
            counts=self.noun,
            measure=self.measure,
            doc=self.doc,
            sources=self.sources,
            sentence=one_line(self.sentence),
            start=self.start,
            end=self.end,
            date=self.stated or self.dated,
        )


def singular(word: str) -> str:
    """A rough singular of an English plural, enough to compare counted nouns ("buses" = "bus")."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ses|xes|zes|ches|shes)$", w):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def is_plural_noun(word: str) -> bool:
    w = word.lower()
    return w in _PLURAL_NOUNS or (w.endswith("s") and not w.endswith("ss") and len(w) > 2 and w.isalpha())


def figure_value(m: re.Match[str]) -> float:
    figure = m["figure"].lower()
    if figure[0].isdigit():
        number = float(figure.replace(",", ""))
    else:
        parts = figure.split("-")
        number = float(sum(WORD_NUMBERS[p] for p in parts))
    return number * SCALES.get((m["scale"] or "").lower(), 1.0)


def rounding(m: re.Match[str], number: float) -> float:
    """Half the last written digit's place: 1,600 -> 50; 1.6 million -> 50,000; 1,582 -> 0.5."""
    figure = m["figure"].replace(",", "")
    scale = SCALES.get((m["scale"] or "").lower(), 1.0)
    if not figure[0].isdigit():
        return 0.5 * scale
    if "." in figure:
        return 0.5 * 10 ** -len(figure.split(".")[1]) * scale
    zeros = len(figure) - len(figure.rstrip("0")) if figure.strip("0") else 0
    return 0.5 * 10**zeros * scale


def interval(m: re.Match[str], number: float) -> tuple[float, float]:
    """The values a figure as written allows: its rounding, or the bounds its hedge sets (see `HEDGES`)."""
    hedge = (m["hedge"] or "").lower()
    if hedge in HEDGES:
        f_low, f_high = HEDGES[hedge]
        return number * f_low, float("inf") if f_high is None else number * f_high
    slack = min(rounding(m, number), 0.1 * number)
    return number - slack, number + slack


def _is_date_or_time(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 12) : m.start()].lower().split()
    after = text[m.end() : m.end() + 12].lower().split()
    figure = m["figure"].replace(",", "")
    if before and before[-1].rstrip(".") in MONTHS or after and after[0].strip(".,") in MONTHS:
        return True
    if figure.isdigit() and len(figure) == 4 and "," not in m["figure"] and 1800 <= int(figure) <= 2100:
        return not m["currency"] and not m["percent"] and not m["scale"]
    return bool(before) and before[-1] in ("no.", "number", "aged", "age", "page", "route", "flight", "article")


def counted_noun(text: str, m: re.Match[str]) -> tuple[str, str] | None:
    """(noun as written, unit class) of what the figure counts, or None."""
    if m["percent"]:
        return "percent", "percent"
    if m["currency"]:
        return m["currency"], "$" if "$" in m["currency"] else m["currency"]
    words = _TOKEN.findall(text[m.end() : m.end() + 80])
    phrase = []
    for word in words[:5]:
        if not word[0].isalpha() or (is_stopword(stem(word.lower())) and word.lower() not in _PLURAL_NOUNS):
            break
        phrase.append(word)
    for i, word in reversed(list(enumerate(phrase))):
        if i and word.lower() in _NOMINAL_ADJECTIVES:
            continue
        if is_plural_noun(word) or (figure_value(m) == 1 and word.isalpha() and word.islower()):
            noun = singular(word)
            return (None if noun in _TIME_UNITS else (word, UNIT_CLASSES.get(noun, noun))) if noun else None
    if phrase and singular(phrase[0]) in _TIME_UNITS:
        return None
    before = _TOKEN.findall(text[max(0, m.start() - 60) : m.start()])[-5:]
    for word in reversed(before):
        if word.lower() in MEASURE_NOUNS:
            return word, MEASURE_NOUNS[word.lower()]
    return None


def context_around(tokens: Tokens, m: re.Match[str], noun: str) -> tuple[list[tuple[float, str]], frozenset[str]]:
    """The `_CONTEXT` nearest content words on either side of the figure, as written, with their distance in
    content words, and the stems of all of them.

    The counted noun is left out, unless it is a measure noun written before the figure ("a population of").
    """
    keep_noun = noun.lower() in MEASURE_NOUNS

    def content(words: list[str]) -> list[str]:
        return [
            w
            for w in words
            if w[0].isalpha() and not is_stopword(stem(w.lower())) and (keep_noun or w.lower() != noun.lower())
        ]

    near, from_start = tokens.before(m.start())
    if from_start and near:
        near = [near[0].lower()] + near[1:]  # the sentence's first word is capitalised anyway: "Turnout was 72 %"
    before = content(near)[-_CONTEXT:]
    after = content(tokens.after(m.end()))[:_CONTEXT]
    # a word after the figure counts as a little further than one as far before it: "killed 12 and wounded 40"
    words = [(len(before) - i, w) for i, w in enumerate(before)] + [(i + 1.5, w) for i, w in enumerate(after)]
    return words, frozenset(s for _, w in words if len(s := stem(w.lower())) > 2)


def names_before(tokens: Tokens, m: re.Match[str]) -> frozenset[str]:
    """Capitalised words among the `_CONTEXT` content words before the figure, the sentence's first word aside:
    who or where the figure is about ("In Poland, 32 people died")."""
    near, from_start = tokens.before(m.start())
    content = [w for w in near[from_start:] if w[0].isalpha() and not is_stopword(stem(w.lower()))][-_CONTEXT:]
    return frozenset(w.lower() for w in content if w[0].isupper())


def measure_of(words: list[tuple[float, str]], unit: str) -> str | None:
    """The measure named nearest the figure, strong words before weak ones; only lower-case words count
    ("House Republicans" is no house). Only money can be a cost: "1,500 people spent the day away" is not."""
    found = sorted(
        (_MEASURE_OF[w][1], d, _MEASURE_OF[w][0])
        for d, w in words
        if w in _MEASURE_OF and (_MEASURE_OF[w][0] != "cost" or unit in MONEY_UNITS)
    )
    return found[0][2] if found else None


def may_hold_a_figure(text: str) -> bool:
    """False when ``text`` holds no digit and no number word in any case, so that `NUMBER` cannot match in it.

    Most sentences hold neither (57% of the kept sentences of DUC 2003), and `NUMBER`, which tries its hedges and
    number words in any case at every word, costs six times as much as this test.
    """
    return _DIGIT.search(text) is not None or _NUMBER_WORD.search(text.translate(_FOLD)) is not None


def sentence_claims(sentence: Sentence) -> list[Claim]:
    """The quantity claims of one sentence."""
    text = sentence.text
    if not may_hold_a_figure(text):
        return []
    tokens = None  # found at the first figure: most sentences have none
    claims = []
    for m in NUMBER.finditer(text):
        if _is_date_or_time(text, m):
            continue
        counted = counted_noun(text, m)
        if counted is None:
            continue
        noun, unit = counted
        tokens = tokens or Tokens.of(text)
        number = figure_value(m)
        low, high = interval(m, number)
        words, context = context_around(tokens, m, noun)
        claims.append(
            Claim(
                doc=sentence.doc,
                sources=sentence.sources or (sentence.doc,),
                sentence=text,
                sentence_start=sentence.start,
                start=sentence.start + m.start(),
                end=sentence.start + m.end(),
                value=m.group(0),
                number=number,
                low=low,
                high=high,
                noun=noun,
                unit=unit,
                measure=measure_of(words, unit),
                context=context,
                names=names_before(tokens, m),
            )
        )
    return claims


def claims(sentences: tuple[Sentence, ...] | list[Sentence]) -> list[Claim]:
    """Every quantity claim of the kept sentences, in document order.

    >>> from newsbrief.model import Sentence
    >>> text = "About 1,600 people left the area aboard 32 buses."
    >>> [(c.value, c.noun, c.measure) for c in claims([Sentence(0, 0, len(text), 0, text)])]
    [('About 1,600', 'people', 'left'), ('32', 'buses', 'carried')]
    """
    return [c for s in sentences for c in sentence_claims(s)]


def with_dates(found: list[Claim], stated: dict[tuple[int, int], str], dated: list[str | None]) -> list[Claim]:
    """The claims with the date their sentence names (``stated``, keyed by (doc, sentence start)) and the date
    of their document (``dated``, by document)."""
    return [
        replace(c, stated=stated.get((c.doc, c.sentence_start)), dated=dated[c.doc] if c.doc < len(dated) else None)
        for c in found
    ]
