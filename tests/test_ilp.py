import numpy as np
import pytest

from newsbrief.model import Sentence
from newsbrief.select.ilp import choose, concept_weights, concepts_of, paraphrases, solve, trim
from newsbrief.text.tokens import terms


def sentence(text, doc=0, position=0, sources=None):
    return Sentence(doc, 0, len(text), position, text, terms(text), sources or (doc,))


@pytest.mark.parametrize(
    "text, kept",
    [
        (
            "LONDON (AP) _ British police said Saturday they have arrested a former dictator.",
            "British police said Saturday they have arrested a former dictator.",
        ),
        (
            "BEIJING, Oct. 3 (Xinhua) -- China launched a weather satellite on Tuesday morning.",
            "China launched a weather satellite on Tuesday morning.",
        ),
        (
            "KELLHAVEN (Coastline) - Firefighters contained a fire aboard the tanker on Tuesday.",
            "Firefighters contained a fire aboard the tanker on Tuesday.",
        ),
        (
            "The fire was contained at 6.15am on Tuesday, the fire service said.",
            "The fire was contained at 6.15am on Tuesday",
        ),
        (
            "LONDON (AP) _ British police arrested a former dictator in a clinic, Scotland Yard said Saturday.",
            "British police arrested a former dictator in a clinic",
        ),
        # what is left would leave a quotation open, or be too short to stand: refused
        (
            '"We are making progress on the fire at last," she told reporters.',
            '"We are making progress on the fire at last," she told reporters.',
        ),
        ("The army took the camp, state media reported.", "The army took the camp, state media reported."),
        # the cut would leave a lower-case start: refused
        (
            "However, the council said the evacuation order would stay in place overnight.",
            "However, the council said the evacuation order would stay in place overnight.",
        ),
        (
            "But The Times reported that the talks had failed after two days of argument.",
            "The Times reported that the talks had failed after two days of argument.",
        ),
        (
            "Police said the man was arrested at the scene on Monday night.",
            "Police said the man was arrested at the scene on Monday night.",
        ),
    ],
)
def test_trim_cuts_datelines_and_connectives_only_when_the_rest_stands(text, kept):
    trimmed = trim(sentence(text))
    assert trimmed.text == kept
    assert text[trimmed.start : trimmed.end] == kept


def test_solver_prefers_the_covering_within_budget():
    # sentence 0 covers concepts 0 and 1 (weights 3 + 3) in 10 words; sentences 1 and 2 cover 0 and 1 apart.
    chosen = solve([[0, 1], [0], [1]], np.array([10.0, 6.0, 6.0]), np.array([3.0, 3.0]), budget=11)
    assert chosen == [0]
    chosen = solve([[0, 1], [0], [2]], np.array([10.0, 5.0, 5.0]), np.array([3.0, 3.0, 5.0]), budget=11)
    assert chosen == [1, 2]


def test_concepts_stated_by_more_documents_weigh_more():
    sentences = [
        sentence("The tanker caught fire in the harbour early on Monday morning.", doc=d, sources=(d,))
        for d in range(3)
    ] + [sentence("A local bakery sold bread in the market square.", doc=0, position=5)]
    weights = concept_weights(sentences, [concepts_of(s.tokens) for s in sentences])
    # stated by one document of three: below the support threshold, so it counts for a small fraction
    assert weights[("local", "bakeri")] < 0.1 * weights[("tanker", "caught")]


def test_choose_covers_the_shared_story_not_the_aside():
    shared = "The tanker Corvina Star caught fire at the Eastmoor terminal on Monday."
    sentences = []
    for d in range(4):
        sentences.append(sentence(shared, doc=d, position=0, sources=(d,)))
        sentences.append(
            sentence(f"Unrelated item number {d} mentions a gardening show and its many prizes.", doc=d, position=1)
        )
    chosen = choose(sentences, 20)
    assert [s.text for s in chosen] == [shared]


def test_choose_falls_back_to_leading_sentences_when_nothing_repeats():
    sentences = [sentence("Short one.", position=0), sentence("Another short one here.", position=1)]
    chosen = choose(sentences, 10)
    assert [s.text for s in chosen] == ["Short one.", "Another short one here."]


def test_a_repeat_in_other_words_is_not_chosen_twice():
    first = "Thousands of homes in the valley lost power after the storm on Monday."
    again = "Thousands of valley homes lost power on Monday, the utility company said."
    sentences = [sentence(first, doc=d, position=0) for d in range(3)] + [
        sentence(again, doc=d, position=1) for d in range(3)
    ]
    chosen = choose(sentences, 100)
    assert len({s.text for s in chosen}) == len(chosen) == 1
    assert paraphrases([sentences[0], sentences[3]]) == [(0, 1)]
