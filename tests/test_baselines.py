"""The baseline selectors (lead, centroid, lexrank, textrank, mmr, sumbasic): the `choose` contract and the
behaviour each paper describes."""

from __future__ import annotations

import json
from importlib import import_module

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.config import Config
from newsbrief.model import Article, Cluster, Sentence
from newsbrief.segment import segment
from newsbrief.select.common import MAX_WORDS, MIN_WORDS, candidates
from newsbrief.text.tokens import terms

from .conftest import SHARED_DATA

BASELINES = ("lead", "centroid", "lexrank", "textrank", "mmr", "sumbasic")


def choose(method: str, sentences: list[Sentence], words: int) -> list[Sentence]:
    return import_module(f"newsbrief.select.{method}").choose(sentences, words)


def sentences_of(documents: list[list[str]]) -> list[Sentence]:
    """Sentences of documents given as lists of sentence texts (offsets as if joined by single spaces)."""
    out = []
    for doc, texts in enumerate(documents):
        start = 0
        for position, text in enumerate(texts):
            out.append(Sentence(doc, start, start + len(text), position, text, terms(text), (doc,)))
            start += len(text) + 1
    return out


@pytest.fixture(scope="module")
def duc_sentences() -> list[Sentence]:
    """The sentences of the first DUC 2003 cluster, segmented by the real segmenter."""
    with open(SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl") as lines:
        cluster = json.loads(next(lines))
    articles = tuple(Article.from_dict(d) for d in cluster["documents"])
    return list(segment(Cluster.from_articles(articles), Config()).sentences)


@pytest.mark.parametrize("method", BASELINES)
@pytest.mark.parametrize("words", [10, 40, 100, 250])
def test_chosen_sentences_come_from_the_input_within_budget(method, words, duc_sentences):
    chosen = choose(method, duc_sentences, words)
    assert sum(s.words for s in chosen) <= words
    assert all(any(s is t for t in duc_sentences) for s in chosen)
    assert len({id(s) for s in chosen}) == len(chosen)
    assert len({s.tokens for s in chosen}) == len(chosen)  # no sentence twice, not even a verbatim copy
    if words >= 40:
        assert chosen, "a real cluster always has sentences that fit"
        assert sum(s.words for s in chosen) > words - MAX_WORDS  # the budget is used, not left mostly empty


@pytest.mark.parametrize("method", BASELINES)
def test_deterministic(method, duc_sentences):
    first = choose(method, duc_sentences, 100)
    assert [(s.doc, s.start) for s in choose(method, list(duc_sentences), 100)] == [(s.doc, s.start) for s in first]


@pytest.mark.parametrize("method", BASELINES)
def test_empty_input_and_tiny_budget(method):
    assert choose(method, [], 100) == []
    long_ones = sentences_of([["This sentence has more than ten words in it, so it never fits a tiny budget."]])
    assert choose(method, long_ones, 10) == []


@pytest.mark.parametrize("method", BASELINES)
def test_poor_sentences_are_not_candidates(method):
    normal = "Rescue teams searched the collapsed school for survivors through the night."
    documents = [
        ["Breaking news", normal, " ".join(["word"] * (MAX_WORDS + 1)) + "."],
        ["By Staff", "Officials said the death toll from the school collapse rose to twelve."],
    ]
    chosen = choose(method, sentences_of(documents), 200)
    assert chosen
    assert all(MIN_WORDS <= s.words <= MAX_WORDS for s in chosen)


@pytest.mark.parametrize("method", BASELINES)
def test_a_cluster_of_only_short_sentences_still_gets_a_summary(method):
    chosen = choose(method, sentences_of([["Storm hits coast.", "Power is out."], ["Storm hits coast hard."]]), 20)
    assert chosen and sum(s.words for s in chosen) <= 20


def test_candidates_keep_the_first_of_verbatim_copies():
    text = "The central bank raised its key interest rate by half a point on Thursday."
    pool = candidates(sentences_of([[text], ["Markets fell sharply after the announcement was made.", text]]), 100)
    assert [(s.doc, s.position) for s in pool] == [(0, 0), (1, 0)]


# Every document has a paraphrase of the story's gist as its first sentence; CENTRAL (doc 2) states all of it,
# each of the others part of it, so CENTRAL is the one most similar to the rest. The other sentences are
# unrelated to each other.
CENTRAL = "The earthquake struck the coastal city of Port Vila on Tuesday, killing dozens of residents and rescuers."
GIST = [
    "An earthquake hit the coastal city on Tuesday, officials in the capital reported.",
    "Dozens of residents were killed when the earthquake struck Port Vila, witnesses said.",
    CENTRAL,
    "Rescuers in Port Vila pulled residents from rubble after Tuesday's earthquake.",
    "The coastal city counted dozens killed, including rescuers, after the earthquake.",
]
OTHERS = [
    ["Local football clubs postponed their weekend fixtures indefinitely.", "A famous painter once lived nearby."],
    ["Tourism brochures praise the beaches and the volcano hikes.", "Coffee exports grew modestly last year."],
    ["Parliament debated a fisheries bill last month.", "The airline added new routes to Brisbane and Nadi."],
    ["Schoolchildren learn three national languages there.", "Cruise ships dock twice a week in summer."],
    ["Mobile phone coverage reaches most islands now.", "The central market sells kava and root crops daily."],
]


@pytest.mark.parametrize("method", ["centroid", "lexrank", "textrank", "mmr"])
def test_the_central_sentence_is_chosen_first(method):
    sentences = sentences_of([[gist, *others] for gist, others in zip(GIST, OTHERS)])
    central = next(s for s in sentences if s.text == CENTRAL)
    assert choose(method, sentences, central.words) == [central]


def test_lead_takes_first_sentences_round_robin():
    documents = [
        ["Headline only", "First of doc zero has enough words here.", "Second of doc zero has enough words."],
        ["First of doc one has enough words here.", "Second of doc one has enough words."],
        ["First of doc two has enough words here.", "Second of doc two has enough words."],
    ]
    sentences = sentences_of(documents)
    chosen = choose("lead", sentences, 8 * 3 + 7)
    assert [s.text for s in chosen] == [
        "First of doc zero has enough words here.",
        "First of doc one has enough words here.",
        "First of doc two has enough words here.",
        "Second of doc zero has enough words.",
    ]


def test_lead_skips_a_sentence_that_does_not_fit_and_tries_the_next():
    documents = [
        ["A long first sentence of document zero with many many words in it today."],
        ["Short first sentence of doc one."],
    ]
    chosen = choose("lead", sentences_of(documents), 8)
    assert [s.text for s in chosen] == ["Short first sentence of doc one."]


@pytest.mark.parametrize("method", ["centroid", "lexrank", "mmr"])
def test_near_copies_are_not_both_chosen(method):
    gist = "The earthquake struck the coastal city of Port Vila on Tuesday, killing dozens of residents."
    near = "The earthquake struck the coastal city of Port Vila on Tuesday, killing dozens of people."
    documents = [[gist, *OTHERS[0]], [near, *OTHERS[1]], [GIST[3], *OTHERS[2]]]
    chosen = {s.text for s in choose(method, sentences_of(documents), 60)}
    assert not {gist, near} <= chosen


def test_sumbasic_first_takes_a_sentence_with_the_most_frequent_word():
    documents = [
        ["Flooding closed the main highway near the river town.", "Flooding also cut power to homes."],
        ["Officials expect more flooding as rain continues overnight.", "A school hosted a bake sale on Friday."],
    ]
    chosen = choose("sumbasic", sentences_of(documents), 10)
    assert chosen and "flooding" in chosen[0].text.lower()


def synthetic_cluster(n_docs: int = 100, per_doc: int = 50, seed: int = 0) -> list[Sentence]:
    """A 5,000-sentence cluster of Zipf-distributed words: far denser similarity graphs than real news."""
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"term{i}x" for i in range(3000)] + ["the", "of", "and", "to", "in", "said"])
    weights = np.r_[1.0 / np.arange(1, 3001), np.full(6, 0.5)]
    weights /= weights.sum()
    documents = [
        [" ".join(rng.choice(vocabulary, size=rng.integers(8, 35), p=weights)) + "." for _ in range(per_doc)]
        for _ in range(n_docs)
    ]
    return sentences_of(documents)


@pytest.mark.slow
def test_every_baseline_fills_its_budget_on_a_100_document_cluster():
    """How long each takes is measured by benchmarks/scale.py."""
    sentences = synthetic_cluster()
    assert len(sentences) == 5000
    for method in BASELINES:
        chosen = choose(method, sentences, 250)
        assert chosen and sum(s.words for s in chosen) <= 250


@settings(max_examples=25, deadline=None)
@given(
    lengths=st.lists(st.lists(st.integers(1, 90), min_size=1, max_size=8), min_size=1, max_size=5),
    words=st.integers(10, 300),
    seed=st.integers(0, 1000),
)
def test_any_cluster_stays_within_budget(lengths, words, seed):
    rng = np.random.default_rng(seed)
    vocabulary = ["storm", "coast", "power", "river", "flood", "school", "road", "the", "a", "of", "mayor", "rain"]
    documents = [[" ".join(rng.choice(vocabulary, size=n)) + "." for n in doc] for doc in lengths]
    sentences = sentences_of(documents)
    for method in BASELINES:
        chosen = choose(method, sentences, words)
        assert sum(s.words for s in chosen) <= words
        assert len({id(s) for s in chosen}) == len(chosen)
        assert all(any(s is t for t in sentences) for s in chosen)
