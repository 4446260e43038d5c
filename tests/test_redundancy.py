"""The dedupe stage: one copy of each repeated sentence, carrying every document that has it."""

from __future__ import annotations

import json

from newsbrief.config import Config
from newsbrief.filter.dedupe import dedupe, is_near_copy
from newsbrief.ingest.clean import clean
from newsbrief.model import Article, Cluster
from newsbrief.segment import segment
from newsbrief.text.tokens import terms

from .conftest import SHARED_DATA

ORIGINAL = (
    "Under the deal, Islamic State group fighters, who control a part of the enclave, will leave for territory "
    "the group controls in eastern Syria, while other factions leave for opposition territory in the north, "
    "state media reported."
)
SPUN = (
    "Below the deal, Islamic State group fighters, who management a part of the enclave, will depart for territory "
    "the group controls in japanese Syria, whereas different factions depart for opposition territory within the "
    "north, state media reported."
)


def deduped(*texts: str) -> Cluster:
    articles = tuple(Article(text=t) for t in texts)
    return dedupe(segment(Cluster.from_articles(articles), Config()), Config())


def test_exact_copies_across_documents_merge_their_sources() -> None:
    shared = "Thousands of homes had been destroyed in Yarmouk in the past four days of fighting, UNRWA said."
    cluster = deduped(
        f"The army shelled the camp on Monday. {shared}",
        f"{shared} Residents fled north.",
        f"Talks went on in Moscow. {shared}",
    )
    copies = [s for s in cluster.sentences if s.text == shared]
    assert len(copies) == 1
    assert copies[0].sources == (0, 1, 2)
    assert copies[0].doc == 0
    assert [(d.doc, d.reason) for d in cluster.dropped] == [(1, "duplicate of doc 0"), (2, "duplicate of doc 0")]
    assert all(s.sources == (s.doc,) for s in cluster.sentences if s.text != shared)


def test_copies_within_one_document_merge_too() -> None:
    line = "The observatory said at least five people were killed in the shelling of the camp."
    cluster = deduped(f"{line} Other news followed on Tuesday afternoon. {line}")
    assert [s.text for s in cluster.sentences].count(line) == 1
    assert [d.reason for d in cluster.dropped] == ["duplicate of doc 0"]


def test_spun_copy_is_caught_and_the_most_complete_copy_kept() -> None:
    assert is_near_copy(terms(ORIGINAL), terms(SPUN))
    complete = ORIGINAL.replace("state media reported", "state media reported on Sunday")
    cluster = deduped(f"Shelling went on. {SPUN}", f"{complete} Buses were waiting.")
    kept = [s for s in cluster.sentences if "enclave" in s.text]
    assert [(s.text, s.doc, s.sources) for s in kept] == [(complete, 1, (0, 1))]
    assert [(d.doc, d.text, d.reason) for d in cluster.dropped] == [(0, SPUN, "duplicate of doc 1")]


def test_equal_copies_keep_the_earliest_document() -> None:
    line = "Hundreds of militants hold parts of the Palestinian refugee camp of Yarmouk in southern Damascus."
    cluster = deduped("A first sentence stands here.", line, f"Other text comes first here. {line}")
    kept = [s for s in cluster.sentences if s.text == line]
    assert [(s.doc, s.sources) for s in kept] == [(1, (1, 2))]


def test_different_numbers_are_a_conflict_not_a_copy() -> None:
    a = "At least 12 people were killed when the army shelled the camp in southern Damascus on Monday."
    b = "At least 15 people were killed when the army shelled the camp in southern Damascus on Monday."
    c = "At least twelve people were killed when the army shelled the camp in southern Damascus on Monday."
    assert not is_near_copy(terms(a), terms(b))
    assert not is_near_copy(terms(a), terms(c))
    assert len(deduped(a, b).sentences) == 2


def test_a_sentence_adding_a_fact_is_not_a_copy() -> None:
    a = "Palestinian security officials blamed members of the militant Islamic Jihad for the attack."
    b = (
        "The radical group Hamas claimed responsibility for the attack, but Palestinian security officials "
        "blamed members of the militant Islamic Jihad."
    )
    assert not is_near_copy(terms(a), terms(b))


def test_short_formulaic_sentences_merge_only_when_identical() -> None:
    a = "Goodlatte's office did not respond to a request for comment."
    b = "Bobby Goodlatte did not immediately respond to a request for comment."
    assert not is_near_copy(terms(a), terms(b))
    assert len(deduped(a, b).sentences) == 2
    assert len(deduped(a, a).sentences) == 1


def test_offsets_and_order_survive() -> None:
    line = "The army said it had retaken the whole of southern Damascus after a month of fighting."
    texts = (f"First. {line} Last one here.", f"Another start. {line}")
    cluster = deduped(*texts)
    for s in cluster.sentences:
        assert texts[s.doc][s.start : s.end] == s.text
    assert [(s.doc, s.position) for s in cluster.sentences] == sorted((s.doc, s.position) for s in cluster.sentences)


def test_newswire_reprints_merge() -> None:
    with open(SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl", encoding="utf-8") as lines:
        first = json.loads(next(lines))
    articles = tuple(Article.from_dict(d) for d in first["documents"])
    before = segment(clean(Cluster.from_articles(articles), Config()), Config())
    after = dedupe(before, Config())
    merged = len(before.sentences) - len(after.sentences)
    assert merged == len(after.dropped) - len(before.dropped) > 0
    assert any(len(s.sources) >= 3 for s in after.sentences)


def test_a_hundred_documents_are_deduplicated() -> None:
    """How long it takes (seconds, where pairing every sentence would take minutes): benchmarks/scale.py."""
    with open(SHARED_DATA / "duc2006" / "duc2006.jsonl", encoding="utf-8") as lines:
        articles = [Article.from_dict(d) for line in list(lines)[:4] for d in json.loads(line)["documents"]]
    cluster = segment(clean(Cluster.from_articles(tuple(articles[:100])), Config()), Config())
    assert len(cluster.sentences) > 2000
    after = dedupe(cluster, Config())
    assert 0 < len(after.sentences) < len(cluster.sentences)
