"""The off-topic stage: runs of sentences about another story go; the story and small clusters stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.config import Config
from newsbrief.filter.dedupe import dedupe
from newsbrief.filter.offtopic import MIN_KEEP, THRESHOLD, drop_off_topic, off_topic, relative_run_scores
from newsbrief.ingest.clean import clean
from newsbrief.model import Article, Cluster
from newsbrief.segment import segment

from .conftest import SHARED_DATA

STORM = [
    "The storm flooded the coastal town of Harbor Point on Monday and cut power to ten thousand homes. "
    "Rescue crews in boats pulled residents from flooded streets. The mayor said the surge was the worst in "
    "fifty years. Power crews hope to restore electricity by Friday.",
    "Floodwater filled the streets of Harbor Point after the storm came ashore on Monday. Residents waited on "
    "roofs for rescue boats. Thousands of homes in the coastal town lost power. The mayor asked for help.",
    "Harbor Point counted the damage on Tuesday, a day after the storm flooded the town. The mayor said "
    "thousands of homes were without power. Rescue crews used boats to reach flooded streets near the coast.",
]
FOOTBALL = [
    "The striker scored twice in the second half as the visitors won the cup final.",
    "Fans of the club celebrated in the stadium long after the referee blew the final whistle.",
    "The coach praised his defenders, who kept a clean sheet for a fifth league match in a row.",
    "The goalkeeper saved a penalty in the opening minutes of the match.",
    "The team will play the semi-final against the league champions next month.",
]


def staged(articles: list[Article]) -> Cluster:
    cluster = Cluster.from_articles(tuple(articles))
    for stage in (clean, segment, dedupe):
        cluster = stage(cluster, Config())
    return cluster


def test_a_document_about_another_story_keeps_at_least_min_keep_sentences() -> None:
    docs = [*STORM, " ".join(FOOTBALL)]
    cluster = drop_off_topic(staged([Article(text=t) for t in docs]), Config())
    football = [d for d in cluster.dropped if d.reason == "off-topic"]
    assert football and all(d.doc == 3 for d in football)
    assert len(football) == len(FOOTBALL) - MIN_KEEP
    assert sum(s.doc == 3 for s in cluster.sentences) == MIN_KEEP


def test_relative_run_scores_rank_the_other_story_lowest() -> None:
    sentences = staged([Article(text=t) for t in [*STORM, " ".join(FOOTBALL)]]).sentences
    runs = relative_run_scores(sentences)
    assert runs is not None
    football = [i for i, s in enumerate(sentences) if s.doc == 3]
    assert max(runs[i] for i in football) < min(runs[i] for i, s in enumerate(sentences) if s.doc != 3)
    assert all(runs[i] < THRESHOLD for i in off_topic(sentences))


def test_clusters_of_one_or_two_documents_lose_nothing() -> None:
    docs = [Article(text=STORM[0]), Article(text=" ".join(FOOTBALL))]
    cluster = staged(docs)
    assert off_topic(cluster.sentences) == set()
    assert drop_off_topic(cluster, Config()) is cluster


@pytest.fixture(scope="module")
def seed() -> tuple[list[Path], Cluster, dict[tuple[str, int], str]]:
    """The seed cluster staged up to the off-topic stage, and its labels keyed by (file name, sentence start)."""
    paths = sorted((SHARED_DATA / "seed-cluster").glob("*.txt"))
    # the labels' offsets are into each file's whole text, title line included
    cluster = staged([Article(p.read_text(encoding="utf-8")) for p in paths])
    rows = json.loads((Path(__file__).parent / "data" / "offtopic_seed_labels.json").read_text(encoding="utf-8"))
    return paths, cluster, {(row["file"], row["start"]): row["label"] for row in rows}


def test_seed_labels_point_at_sentences(seed: tuple[list[Path], Cluster, dict[tuple[str, int], str]]) -> None:
    paths, cluster, labels = seed
    starts = {(paths[s.doc].name, s.start): " ".join(s.text.split()) for s in cluster.sentences}
    rows = json.loads((Path(__file__).parent / "data" / "offtopic_seed_labels.json").read_text(encoding="utf-8"))
    assert all(starts.get((row["file"], row["start"]), "").startswith(row["text"]) for row in rows)
    assert sum(label == "off" for label in labels.values()) >= 15


def test_seed_cluster_keeps_its_story(seed: tuple[list[Path], Cluster, dict[tuple[str, int], str]]) -> None:
    paths, cluster, labels = seed
    after = drop_off_topic(cluster, Config())
    kept = {(paths[s.doc].name, s.start) for s in after.sentences}
    story = [key for key, label in labels.items() if label == "on"]
    assert len(story) >= 30
    assert all(key in kept for key in story)
    assert all(sum(s.doc == d for s in after.sentences) >= MIN_KEEP for d in range(len(paths)))


@pytest.fixture(scope="module")
def duc() -> list[list[dict]]:
    with open(SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl", encoding="utf-8") as lines:
        return [json.loads(line)["documents"] for line in lines]


def test_newswire_clusters_lose_little(duc: list[list[dict]]) -> None:
    clusters = [staged([Article.from_dict(d) for d in docs]) for docs in duc]
    removed = sum(len(off_topic(c.sentences)) for c in clusters)
    assert removed / sum(len(c.sentences) for c in clusters) < 0.03


def test_paragraphs_of_another_story_are_found(duc: list[list[dict]]) -> None:
    found = spliced = collateral = total = 0
    for a in range(0, 30, 2):
        docs = [dict(d) for d in duc[a]]
        foreign = "\n\t".join(duc[(a + 7) % 30][0]["text"].split("\n\t")[1:5])
        paragraphs = docs[2]["text"].split("\n\t")
        middle = len(paragraphs) // 2
        docs[2]["text"] = "\n\t".join(paragraphs[:middle] + [foreign] + paragraphs[middle:])
        cluster = staged([Article.from_dict(d) for d in docs])
        inserted = {i for i, s in enumerate(cluster.sentences) if s.doc == 2 and s.text in foreign}
        gone = off_topic(cluster.sentences)
        found += len(gone & inserted)
        spliced += len(inserted)
        collateral += len(gone - inserted)
        total += len(cluster.sentences) - len(inserted)
    assert found / spliced > 0.2  # about 0.4 when measured
    assert collateral / total < 0.03  # about 0.015
