"""Quantity claims and conflicts: the labelled pairs (tests/data/claim_pairs.jsonl) and the seed cluster."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsbrief.analyse.claims import _FOLD, NUMBER, WORD_NUMBERS, claims, may_hold_a_figure
from newsbrief.analyse.conflicts import compatible, conflicts
from newsbrief.model import Sentence

from .conftest import EXAMPLES, SHARED_DATA

LABELLED = Path(__file__).parent / "data" / "claim_pairs.jsonl"


def pairs(part: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines()]
    return [r for r in rows if part in (None, r["set"])]


def sentence(doc: int, text: str) -> Sentence:
    return Sentence(doc, 0, len(text), 0, text, (), (doc,))


def claims_of(*texts: str) -> list:
    return claims([sentence(doc, text) for doc, text in enumerate(texts)])


def precision_recall(rows: list[dict]) -> tuple[float, float]:
    found = [bool(conflicts(claims_of(r["a"], r["b"]))) for r in rows]
    gold = [r["label"] == "conflict" for r in rows]
    hits = sum(f and g for f, g in zip(found, gold))
    return hits / max(1, sum(found)), hits / sum(gold)


def test_the_labelled_set_covers_every_kind_of_pair():
    labels = [r["label"] for r in pairs()]
    assert len(labels) >= 40
    assert all(labels.count(kind) >= 10 for kind in ("conflict", "agree", "rounding", "unrelated"))


def test_conflict_precision_and_recall_meet_the_bar():
    precision, recall = precision_recall(pairs())
    assert precision >= 0.85 and recall >= 0.85, (precision, recall)


def test_agreeing_and_rounded_figures_never_conflict():
    agreeing = [r for r in pairs() if r["label"] in ("agree", "rounding")]
    assert not [r for r in agreeing if conflicts(claims_of(r["a"], r["b"]))]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("About 1,600 people left.", "1,582 people left.", True),
        ("Nearly 2,000 soldiers took part.", "2,050 soldiers took part.", False),
        ("More than 100 missiles were fired.", "120 missiles were fired.", True),
        ("An estimated 200,000 people lived there.", "160,000 people lived there.", False),
        ("1.2 million homes lost power.", "1,187,000 homes lost power.", True),
        ("30 people were killed.", "34 people were killed.", False),
    ],
)
def test_rounding_and_hedges(a, b, same):
    first, second = claims_of(a, b)
    assert compatible(first, second) == same


def test_what_a_figure_counts():
    found = claims_of(
        "The quake left 3,200 people dead; the death toll stood at 2,400 by Tuesday, and turnout was 72 percent."
    )
    assert [(c.value, c.noun, c.unit, c.measure) for c in found] == [
        ("3,200", "people", "people", "killed"),
        ("2,400", "toll", "people", "killed"),
        ("72 percent", "percent", "percent", "turnout"),
    ]


def test_years_dates_times_and_durations_are_not_claims():
    text = "In 2015, on May 10 at 4:17 a.m., a 45-year-old man waited for two days and 3 hours; Route 66 closed."
    assert claims_of(text) == []


def test_claims_dated_apart_do_not_conflict():
    from newsbrief.analyse.claims import with_dates

    found = claims_of("In 1978, 20 people died in a hotel fire.", "The fire killed 60 people.")
    stated = {(0, 0): "1978"}
    assert conflicts(with_dates(found, stated, ["1998-10-30", "1998-10-30"])) == []
    updates = claims_of("The storm killed 82 people.", "The storm has killed 129 people.")
    assert conflicts(with_dates(updates, {}, ["1998-10-23", "1998-10-24"])) == []
    assert conflicts(with_dates(updates, {}, ["1998-10-24", "1998-10-24"]))


def test_the_seed_cluster_population_conflict_is_found():
    import newsbrief

    texts = [p.read_text() for p in sorted((SHARED_DATA / "seed-cluster").glob("*.txt"))]
    brief = newsbrief.summarize(texts, words=100).to_dict()
    population = [
        g for g in brief["conflicts"] if {c["value"] for c in g["claims"]} >= {"an estimated 200,000", "160,000"}
    ]
    assert len(population) == 1
    assert {(c["value"], c["doc"]) for c in population[0]["claims"]} == {("an estimated 200,000", 0), ("160,000", 4)}
    assert all(c["sentence"] for c in population[0]["claims"])
    assert population[0]["about"] == "population"


def test_a_conflict_reads_as_a_reader_would_write_it():
    """What is disputed, in words, then each figure with the document that gives it."""
    import newsbrief
    from newsbrief.render import render

    texts = [p.read_text() for p in sorted((SHARED_DATA / "seed-cluster").glob("*.txt"))]
    text = render(newsbrief.summarize(texts, words=100), "text")
    line = next(line for line in text.splitlines() if line.startswith("Sources disagree"))
    assert line.startswith("Sources disagree on population: ")
    assert "160,000 (Regime forces begin major offensive to… [4])" in line
    assert "an estimated 200,000 (Syrian Army Tells ISIS to Leave… [0])" in line
    from newsbrief.ingest.read import read_paths

    example = render(newsbrief.summarize(read_paths([str(EXAMPLES)])[0]), "text")
    assert "Sources disagree on people who left: About 1,200 (" in example


def test_the_figure_test_folds_every_character_ignorecase_reads_as_a_letter_of_a_number_word():
    # `may_hold_a_figure` looks for number words in `_FOLD`ed text; a character that IGNORECASE matches to one of
    # their letters but `_FOLD` leaves alone would hide a figure from it.
    every_character = "".join(map(chr, range(0x110000)))
    for letter in sorted(set("".join(WORD_NUMBERS))):
        for c in re.findall(letter, every_character, re.IGNORECASE):
            assert c.translate(_FOLD) == letter, (letter, hex(ord(c)))


@pytest.mark.parametrize(
    "text",
    ["About 1,600 people left", "FIVE were hurt", "Twenty-one buses", "ſix died", "fİve died", "٣ arrested"],
)
def test_a_text_with_a_figure_may_hold_one(text):
    assert NUMBER.search(text) and may_hold_a_figure(text)


def test_a_text_without_digits_or_number_words_holds_no_figure():
    text = "The council met again and said little."
    assert not may_hold_a_figure(text) and not NUMBER.search(text)
