"""Do two sentences report the same content? A probability from a small pair model over words and meaning.

Outlets that report one fact word it differently: they spell names differently ("Yarmouk"/"Yarmuk",
"Hajar"/"Hajr"), use other names for one group ("IS", "ISIS", "Daesh") and paraphrase the rest. Counting shared
words misses most of them, while sentences about the same topic share words and still state different facts.
`same_content` reads a pair as an editor deciding whether to credit both outlets:

1. both sentences are normalised: aliases of one group or country become one token, then stemmed content words;
   a word of one sentence that is a spelling of a word of the other (same consonants, few letters different) is
   counted as that word;
2. features (`features`): the shared share of each sentence's content words, the same weighted by rarity (a
   background document frequency from newswire, ``same_content_idf.json``), names in common and names only in
   one, numbers in common and numbers that conflict (a different value for the same thing: "12 killed" / "15
   killed"), the lengths, and the cosine of the two sentences' all-MiniLM-L6-v2 vectors (`newsbrief.compose.embed`:
   an int8 ONNX file run by onnxruntime, no torch);
3. a logistic regression over them (coefficients in ``same_content.json``, trained by
   ``benchmarks/same_content_model.py`` on MSRP train and labelled cross-document news pairs). Its intercept is
   shifted so that 0.5 is where precision on the labelled news pairs reaches the target the script records:
   a wrong credit is worse than a missing one;
4. a pair whose figures conflict is capped at `CONFLICT_CAP`: a differing figure is a conflict, not support.

How it was built and measured: docs/attribution.md.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from newsbrief.text.names import ALIASES, edit_distance, key
from newsbrief.text.tokens import stem, stopword_terms, words

MODEL = Path(__file__).with_name("same_content.json")
IDF = Path(__file__).with_name("same_content_idf.json")
# A pair whose figures conflict is never support.
CONFLICT_CAP = 0.05
# Sentences worded so differently that only a cosine above this could make them one fact are not embedded by
# attribution, to bound its cost: 4 of the 73 labelled news pairs the model credits need more (1 more than 0.85);
# at 0.75 a brief embeds half as many sentences but 14 of the 73 credits are lost (docs/attribution.md).
COSINE_CEILING = 0.8
# Spellings of one word: same consonant skeleton, at most one edit per this many letters (as `names`).
_LETTERS_PER_EDIT = 8
_MIN_SPELLING = 4

_ALIAS_FORMS = sorted(
    ((form, "alias" + re.sub(r"\W", "", group[0].lower())) for group in ALIASES for form in group),
    key=lambda pair: -len(pair[0]),
)
_ALIAS = re.compile(r"\b(?:" + "|".join(re.escape(form) for form, _ in _ALIAS_FORMS) + r")(?![\w.])")
_ALIAS_OF = dict(_ALIAS_FORMS)
# A capitalised word that does not open the sentence; runs of them are one name.
_NAME = re.compile(r"(?<![.!?\"“]\s)(?<!^)\b[A-Z][a-z]+(?:[- ](?:al-)?[A-Z][a-z]+)*")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_WORD_VALUES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NO_VOWELS = str.maketrans("", "", "aeiouy")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MAY_COUNT = re.compile(r"\d|\b(?:" + "|".join((*_WORD_VALUES, *_WEEKDAYS)) + r")\b", re.IGNORECASE)
_SCALE_STEMS = {stem(w) for w in (*_SCALES, "percent", "per", "cent")}
# The words around a figure that say what it is about (`_figures`).
_BEFORE, _AFTER = 4, 3
# A rounded value and another within this relative difference agree ("about 1,600" / "1,582").
ROUNDING = 0.05


@dataclass(frozen=True, eq=False)
class Reading:
    """What the pair model reads in one sentence (`read`): built once per sentence, compared with many.

    The names and figures are read on first use: attribution compares a summary sentence with every sentence
    of the cluster, and only the few that share its words are compared further (`newsbrief.compose.attribute`).
    """

    text: str
    merged: str  # the text with aliases merged (`with_aliases_merged`)
    terms: frozenset[str]
    skeletons: dict[str, list[str]]
    skeleton_of: dict[str, str]

    @cached_property
    def names(self) -> frozenset[str]:
        """The keys (`names.key`) of the capitalised names, aliases merged."""
        stops = stopword_terms()
        return frozenset(key(m.group()) for m in _NAME.finditer(self.merged) if m.group().lower() not in stops)

    @cached_property
    def figures(self) -> tuple[tuple[float, str, frozenset[str]], ...]:
        """(value, what it counts, its context) of each figure (`_figures`)."""
        return _figures(self.text)


def with_aliases_merged(text: str) -> str:
    """``text`` with each name of one group or country (`ALIASES`) replaced by one token ("IS", "Daesh":
    aliasislamicstate), so that the comparisons below see them as one word."""
    return _ALIAS.sub(lambda m: " " + _ALIAS_OF[m.group()] + " ", text)


def _figures(text: str) -> tuple[tuple[float, str, frozenset[str]], ...]:
    """(value, what it counts, its context) for each number, and each weekday (a negative value, counting nothing).

    What it counts is the next content word after it, else the one before it; its context the content words
    up to `_BEFORE` tokens before it and `_AFTER` after it ("the death toll rose to 151": toll, death, rose).
    """
    if not _MAY_COUNT.search(text):
        return ()
    tokens = re.findall(r"\d+(?:[.,]\d+)*|[A-Za-z]+", text)
    lowered = [t.lower() for t in tokens]
    stops = stopword_terms()
    found = []
    for i, token in enumerate(lowered):
        if token[0].isdigit():
            if re.fullmatch(r"\d+,\d{3}(?:,\d{3})*", token):
                value = float(token.replace(",", ""))
            else:
                try:
                    value = float(token.replace(",", "."))
                except ValueError:
                    continue
        elif token in _WORD_VALUES and not (i + 1 < len(lowered) and lowered[i + 1] in ("of", "another")):
            value = float(_WORD_VALUES[token])
        elif token in _WEEKDAYS:  # a day is a figure too: "expected on Saturday" / "expected on Sunday"
            value = -1.0 - _WEEKDAYS.index(token)
        else:
            continue
        j = i + 1
        while j < len(lowered) and lowered[j] in _SCALES:
            value *= _SCALES[lowered[j]]
            j += 1
        unit = ""
        for t in lowered[j : j + 3]:
            s = stem(t)
            if not t[0].isdigit() and s not in stops and s not in _SCALE_STEMS and len(s) > 1:
                unit = s
                break
        if not unit:
            for t in reversed(lowered[max(0, i - 2) : i]):
                s = stem(t)
                if s not in stops and len(s) > 1:
                    unit = s
                    break
        near = lowered[max(0, i - _BEFORE) : i] + lowered[j : j + _AFTER]
        context = frozenset(
            stem(t)
            for t in near
            if t[0].isalpha() and t not in _WORD_VALUES and t not in _SCALES and t not in _WEEKDAYS and len(t) > 1
        ).difference(stops, _SCALE_STEMS)
        if value < 0:  # a day counts nothing
            unit = ""
        found.append((value, unit, context))
    return tuple(found)


@lru_cache(maxsize=4096)
def read(text: str) -> Reading:
    """The content terms (aliases merged) and spelling skeletons of a sentence; its names and figures on demand."""
    stops = stopword_terms()
    merged = with_aliases_merged(text)
    terms = frozenset(t for t in (stem(w) for w in words(merged)) if len(t) > 1 and t not in stops)
    # names.skeleton of a one-word key, written out for speed: the first letter and the consonants after it
    skeleton_of = {t: t[0] + t[1:].translate(_NO_VOWELS) for t in terms if len(t) >= _MIN_SPELLING and t.isalpha()}
    skeletons: dict[str, list[str]] = {}
    for t, sk in skeleton_of.items():
        skeletons.setdefault(sk, []).append(t)
    return Reading(text, merged, terms, skeletons, skeleton_of)


def spelling_matches(a: Reading, b: Reading, only_a: frozenset[str]) -> int:
    """How many words only in ``a`` are a spelling of a word only in ``b`` (Yarmouk/Yarmuk)."""
    found = 0
    for t in only_a:
        sk = a.skeleton_of.get(t)
        if sk is None or sk not in b.skeletons:
            continue
        for other in b.skeletons[sk]:
            if other not in a.terms and edit_distance(t, other) <= max(1, max(len(t), len(other)) // _LETTERS_PER_EDIT):
                found += 1
                break
    return found


def _round(x: float) -> bool:
    """A figure that reads as rounded: a multiple of ten (of a hundred above a thousand)."""
    return x >= 10 and x % (100 if x >= 1000 else 10) == 0


def _agree(x: float, y: float) -> bool:
    """The same value, or a rounded one and another within `ROUNDING` of it ("about 1,600" / "1,582")."""
    if x == y:
        return True
    return (_round(x) or _round(y)) and abs(x - y) <= ROUNDING * max(abs(x), abs(y))


def figure_counts(a: Reading, b: Reading) -> tuple[int, int]:
    """(figures each sentence shares with the other, at most; conflicts).

    A conflict is a thing both count with no value in common ("12 people" / "15 people"), or a figure of each
    sentence that the other does not state, with a content word in common near both ("the toll rose to 151" /
    "the toll rose to 156 on Sunday").
    """
    agree_a = [any(_agree(va, vb) for vb, _, _ in b.figures) for va, _, _ in a.figures]
    agree_b = [any(_agree(vb, va) for va, _, _ in a.figures) for vb, _, _ in b.figures]
    shared = min(sum(agree_a), sum(agree_b))
    conflicts = 0
    for unit in {u for _, u, _ in a.figures if u} & {u for _, u, _ in b.figures if u}:
        values_a = [v for v, u, _ in a.figures if u == unit]
        values_b = [v for v, u, _ in b.figures if u == unit]
        if not any(_agree(x, y) for x in values_a for y in values_b):
            conflicts += 1
    lone_b = [context for (_, _, context), agreed in zip(b.figures, agree_b, strict=True) if not agreed]
    for (_, _, context), agreed in zip(a.figures, agree_a, strict=True):
        if not agreed and any(context & other for other in lone_b):
            conflicts += 1
    return shared, conflicts


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """Inverse document frequency of each stem in a background of newswire, and the value for unseen stems."""
    data = json.loads(IDF.read_text(encoding="utf-8"))
    n = data["documents"]
    table = {t: math.log((n + 1) / (df + 1)) + 1 for t, df in data["df"].items()}
    return table, math.log(n + 1) + 1


FEATURES = (
    "cover_short", "cover_long", "idf_short", "idf_long", "shared_log", "names_shared", "names_unshared",
    "figures_shared", "figures_conflict", "len_short_log", "len_ratio", "cosine",
)  # fmt: skip


def features(a: Reading, b: Reading, cosine: float = 0.0) -> list[float]:
    """The pair model's inputs, symmetric in ``a`` and ``b`` (names in `FEATURES`)."""
    idf, unseen = idf_table()
    shared = a.terms & b.terms
    spelled = min(spelling_matches(a, b, a.terms - b.terms), spelling_matches(b, a, b.terms - a.terms))
    n_shared = len(shared) + spelled
    short, long_ = sorted((len(a.terms), len(b.terms)))
    w_short, w_long = sorted(
        (sum(idf.get(t, unseen) for t in a.terms) or 1.0, sum(idf.get(t, unseen) for t in b.terms) or 1.0)
    )
    ws = sum(idf.get(t, unseen) for t in shared) + spelled * unseen
    names_shared = len(a.names & b.names)
    names_unshared = len(a.names ^ b.names)
    figures_shared, conflicts = figure_counts(a, b)
    return [
        n_shared / short if short else 0.0,
        n_shared / long_ if long_ else 0.0,
        min(1.0, ws / w_short),
        min(1.0, ws / w_long),
        math.log1p(n_shared),
        float(min(names_shared, 4)),
        float(min(names_unshared, 8)),
        float(min(figures_shared, 3)),
        float(min(conflicts, 2)),
        math.log1p(short),
        short / long_ if long_ else 0.0,
        cosine,
    ]


@lru_cache(maxsize=1)
def pair_model() -> tuple[tuple[str, ...], tuple[float, ...], float]:
    """(feature names, coefficients, intercept) of the shipped pair model (``same_content.json``)."""
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return tuple(data["features"]), tuple(data["coef"]), data["intercept"]


def uses_cosine() -> bool:
    """True when the shipped model reads the embedding cosine (and its files are present)."""
    from newsbrief.compose import embed

    return "cosine" in pair_model()[0] and embed.available()


def logit(a: Reading, b: Reading, cosine: float = 0.0) -> tuple[float, bool]:
    """The pair model's log-odds and whether the figures conflict."""
    names, coef, intercept = pair_model()
    values = dict(zip(FEATURES, features(a, b, cosine), strict=True))
    return intercept + sum(c * values[n] for n, c in zip(names, coef, strict=True)), bool(values["figures_conflict"])


def could_credit(a: Reading, b: Reading, ceiling: float = 1.0) -> bool:
    """False when the figures conflict, or when no cosine up to ``ceiling`` could lift the pair to 0.5.

    With ``ceiling=1`` this is exact (a cosine is at most 1); attribution passes `COSINE_CEILING`.
    """
    names, coef, _ = pair_model()
    z, conflict = logit(a, b, 0.0)
    lift = max(0.0, coef[names.index("cosine")]) * ceiling if "cosine" in names else 0.0
    return not conflict and z + lift >= 0.0


def probability(a: Reading, b: Reading, cosine: float = 0.0) -> float:
    """The pair model's probability for two readings (`read`), capped at `CONFLICT_CAP` when figures conflict."""
    z, conflict = logit(a, b, cosine)
    p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
    return min(p, CONFLICT_CAP) if conflict else p


def same_content(a: str, b: str) -> float:
    """The probability that sentences ``a`` and ``b`` report the same content, as an editor crediting both outlets.

    Spellings and aliases are merged first ("Yarmouk"/"Yarmuk", "IS"/"ISIS"/"Daesh"); a figure that differs for
    the same thing makes the pair a conflict, never support. Attribution credits a document at 0.5 or more, the
    point where the model's precision on labelled news pairs reached about 0.85 (docs/attribution.md).

    Parameters
    ----------
    a, b : str
        Two sentences, in any order (the judgement is symmetric).

    Returns
    -------
    float
        A probability in [0, 1].

    Examples
    --------
    >>> from newsbrief import same_content
    >>> same_content("ISIS fighters left the Yarmouk camp on Monday.",
    ...              "Islamic State militants left the Yarmuk camp on Monday.") >= 0.5
    True
    >>> same_content("The storm killed 12 people.", "The storm killed 40 people.") < 0.5
    True
    >>> same_content("The storm killed 12 people.", "Schools reopened in the capital.") < 0.5
    True
    """
    cosine = 0.0
    if uses_cosine():
        from newsbrief.compose import embed

        cosine = embed.cosine(a, b)
    return probability(read(a), read(b), cosine)
