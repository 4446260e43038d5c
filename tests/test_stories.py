"""Stories from a stream: clustering, copies, resume, listing, the commands and the evaluation protocol."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from newsbrief.cli import main
from newsbrief.errors import ConfigError
from newsbrief.model import Article
from newsbrief.store import Store
from newsbrief.stories import StoryConfig, ingest, list_stories, story_brief
from newsbrief.stories.briefs import outlet
from newsbrief.stories.copies import signature, similarity
from newsbrief.stories.evaluate import interleave, item_scores, labelled_stream, score_stories
from newsbrief.stories.vectors import article_names

from .conftest import EXAMPLES, FIRE, SHARED_DATA

VOTE = [
    Article(id="v1", title="Council votes on new library budget", date="2024-10-15", source="Post",
            text="The city council approved the library budget after a long debate about opening hours, "
                 "book purchases and the renovation of the reading rooms in the old town hall."),
]  # fmt: skip


def stored(store: Store) -> dict[str, int]:
    return {row[0]: row[1] for row in store.query("SELECT id, story_id FROM story_articles")}


def test_similar_articles_share_a_story_and_others_start_one():
    with Store(":memory:") as store:
        stats = ingest(store, FIRE + VOTE, briefs=False)
        story = stored(store)
    assert (stats.added, stats.new_stories) == (3, 2)
    assert story["f1"] == story["f2"] != story["v1"]


def test_time_window_keeps_dated_articles_apart_but_not_undated_ones():
    late = Article(id="f3", title=FIRE[1].title, text=FIRE[1].text, date="2026-01-01")
    undated = Article(id="f4", title=FIRE[1].title, text=FIRE[1].text + " More later.")
    with Store(":memory:") as store:
        ingest(store, [FIRE[0], late, undated], config=StoryConfig(window_days=30), briefs=False)
        story = stored(store)
    assert story["f3"] != story["f1"]
    assert story["f4"] in (story["f1"], story["f3"])


def test_copies_are_extra_sources_without_text():
    reprint = Article(id="f1-reprint", title="Fire", source="Wire", text=FIRE[0].text.upper())
    edited = Article(id="f1-edit", source="Gazette", text=FIRE[0].text.replace("Monday", "Monday night"))
    with Store(":memory:") as store:
        stats = ingest(store, [FIRE[0], reprint, edited], briefs=False)
        rows = store.query("SELECT id, copy_of IS NOT NULL, text IS NULL FROM story_articles ORDER BY seq")
        listed = list_stories(store)
    assert stats.copies == 2
    assert [tuple(row) for row in rows] == [("f1", 0, 0), ("f1-reprint", 1, 1), ("f1-edit", 1, 1)]
    assert listed[0]["size"] == 3 and listed[0]["outlets"] == 3 and listed[0]["copies"] == 2


def test_page_furniture_alone_neither_makes_copies_nor_joins_stories():
    banner = (
        "These crawls are part of an effort to archive pages as they are created and archive the pages that they "
        "refer to. That way, as the pages that are referenced are changed or taken from the web, a link to the "
        "version that was live when the page was written will be preserved."
    )
    failed_scrapes = [Article(id=f"scrape{i}", text=banner) for i in range(2)]
    fire_with_banner = Article(id="f2-page", title=FIRE[1].title, text=FIRE[1].text + "\n\n" + banner)
    with Store(":memory:") as store:
        stats = ingest(store, [FIRE[0], *failed_scrapes, fire_with_banner], briefs=False)
        story = stored(store)
    assert stats.copies == 0
    assert story["scrape0"] != story["scrape1"]
    assert story["f2-page"] == story["f1"] not in (story["scrape0"], story["scrape1"])


def test_minhash_estimates_jaccard_similarity():
    words = [f"w{i}" for i in range(400)]
    half = words[:200] + [f"x{i}" for i in range(200)]
    assert similarity(signature(words), signature(words)) == 1.0
    assert 0.2 < similarity(signature(words), signature(half)) < 0.5  # true Jaccard of 5-grams: 196/604


def test_ingest_twice_adds_nothing_and_resumes_with_the_same_stories(tmp_path):
    db = str(tmp_path / "nb.sqlite")
    with Store(db) as store:
        ingest(store, FIRE[:1], briefs=False)
    with Store(db) as store:  # a new process: the state comes from the store
        again = ingest(store, FIRE + VOTE, briefs=False)
        story = stored(store)
        repeat = ingest(store, FIRE + VOTE, briefs=False)
    assert (again.added, again.skipped) == (2, 1)
    assert (repeat.added, repeat.copies, repeat.skipped) == (0, 0, 3)
    assert story["f1"] == story["f2"] != story["v1"]


def test_only_changed_stories_get_their_brief_refreshed():
    with Store(":memory:") as store:
        first = ingest(store, FIRE + VOTE)
        later = "Kellhaven docks reopened on Wednesday after the tanker fire; residents near the harbour returned."
        second = ingest(store, [Article(id="f5", title="Kellhaven docks reopen after tanker fire", text=later)])
        listed = {s["id"]: s for s in list_stories(store)}
    assert (first.refreshed, second.refreshed) == (2, 1)
    assert all(s["first_sentence"] for s in listed.values())


def test_config_is_checked():
    with pytest.raises(ConfigError, match="threshold"):
        StoryConfig(threshold=1.5)
    with pytest.raises(ConfigError, match="window_days"):
        StoryConfig(window_days=0)
    with pytest.raises(ConfigError, match="name_weight"):
        StoryConfig(name_weight=-0.1)


def test_names_are_keyed_across_spellings_and_sentence_starts_are_words():
    first = article_names("", "Police said Abdullah Ocalan left Damascus. The police chief of Yarmouk spoke.")
    second = article_names("", "Öcalan was seen in the Yarmuk camp on Monday, President Mesut Yilmaz said.")
    assert {"@ocln", "@yrmk"} <= set(first) & set(second)
    assert not any(name in first for name in ("@plc", "@the")) and "@mndy" not in second  # "Police" is a word
    assert "@prsdnt" not in second and "@mst" in second  # titles are not names, first names are


def test_shared_names_bring_two_reports_of_one_event_closer():
    texts = ("Rebels led by Amir Kovalenko seized the port of Trelany overnight, officials said.",
             "Officials said the port was seized overnight; Kovalenko's men hold Trelany.",
             "Rebels seized the port of Ostrava overnight, officials said, led by Ivan Marsh.")  # fmt: skip
    from newsbrief.stories.vectors import TermStats, article_terms, dot

    stats = TermStats()
    counts = [(article_terms("", t), article_names("", t)) for t in texts]
    for terms, names in counts:
        stats.add(terms + names)
    plain = [stats.vector(terms) for terms, _ in counts]
    named = [stats.vector(terms, names, 0.5) for terms, names in counts]
    assert dot(named[0], named[1]) - dot(named[0], named[2]) > dot(plain[0], plain[1]) - dot(plain[0], plain[2])


def test_item_scores_average_to_bcubed():
    labels = {"a": ["x"], "b": ["x"], "c": ["y"], "d": ["x", "y"]}
    found = {"a": 1, "b": 2, "c": 2, "d": 2}
    per_item = item_scores(found, labels)
    scores = score_stories(found, labels)
    assert scores.precision == pytest.approx(sum(p for p, _ in per_item.values()) / 4)
    assert scores.recall == pytest.approx(sum(r for _, r in per_item.values()) / 4)


def test_ingest_and_stories_commands(tmp_path):
    db = str(tmp_path / "nb.db")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(a.__dict__ | {"origin": None}) for a in FIRE + VOTE) + "\n")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(feed), str(EXAMPLES), "--db", db, "--no-briefs"])
    assert result.exit_code == 0, result.output
    rerun = runner.invoke(main, ["ingest", str(feed), "--db", db, "--no-briefs"])
    assert "0 articles added" in rerun.output
    with sqlite3.connect(db) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM story_articles")}
    assert {"f1", "f2", "v1"} <= ids
    listed = json.loads(runner.invoke(main, ["stories", "--db", db, "--format", "json"]).output)
    assert sorted(a for s in listed for a in s["articles"]) == sorted(ids)
    fire = next(s for s in listed if "f1" in s["articles"])
    assert fire["articles"][:2] == ["f1", "f2"] and fire["first_date"] == "2024-10-14"
    since = json.loads(runner.invoke(main, ["stories", "--db", db, "--format", "json", "--since", "2024-10-16"]).output)
    assert all(s["last_date"] >= "2024-10-16" for s in since) and len(since) < len(listed)
    assert runner.invoke(main, ["stories", "--db", db, "--since", "soon"]).exit_code == 2
    text = runner.invoke(main, ["stories", "--db", db]).output
    assert "Council votes on new library budget\n    1 article, 1 outlet, 2024-10-15\n" in text


DOCKS = [
    Article(id="a", title="Crane operators meet at Kellhaven docks", date="2024-10-14",
            text="Crane operators at Kellhaven docks held their annual union meeting on Monday and elected a new "
                 "treasurer. The union also discussed pensions, a new canteen and a tanker berth."),
    Article(id="b", title="Tanker fire at Kellhaven docks forces evacuation", date="2024-10-14",
            text="A tanker caught fire at Kellhaven docks on Monday. Firefighters fought the tanker fire while "
                 "residents near the docks were evacuated."),
    Article(id="c", title="Kellhaven residents return after tanker fire", date="2024-10-15",
            text="Residents evacuated after the tanker fire at Kellhaven docks returned home on Tuesday. "
                 "Firefighters said the tanker fire was out."),
]  # fmt: skip


def test_headline_is_the_title_of_the_article_closest_to_the_story_centroid():
    with Store(":memory:") as store:
        ingest(store, DOCKS, briefs=False)
        listed = list_stories(store)
        joined = [tuple(row) for row in store.query("SELECT id, score FROM story_articles ORDER BY score DESC")]
    assert [s["articles"] for s in listed] == [["a", "b", "c"]]
    assert joined[0][0] == "a"  # the first article started the story: the closest when it joined, not central
    assert listed[0]["headline"] == "Tanker fire at Kellhaven docks forces evacuation"


UNTITLED = [
    Article(id="u1", date="2024-10-21",
            text="Floodwater from the river Avon swept through Dunmore on Sunday. Rescue crews from Bristol carried "
                 "residents of Dunmore from their flooded homes to the Dunmore school hall."),
    Article(id="u2", date="2024-10-22",
            text="The river Avon fell on Monday and residents of Dunmore began clearing mud from flooded homes. "
                 "Crews from Bristol pumped floodwater from the Dunmore school hall."),
]  # fmt: skip


def test_a_story_without_titles_is_labelled_by_its_names_or_else_its_heaviest_terms():
    with Store(":memory:") as store:
        ingest(store, UNTITLED)
        (named,) = list_stories(store)
        entities = [e["text"] for e in story_brief(store, named["id"])["entities"]]
    assert entities and named["headline"] == ", ".join(entities[:3])  # the most widely reported names
    with Store(":memory:") as store:
        ingest(store, UNTITLED, briefs=False)  # no brief, so no names: the heaviest terms, as the articles write them
        (termed,) = list_stories(store)
    shown = termed["headline"].split(", ")
    assert len(shown) == 3 and "Dunmore" in shown
    assert all(re.search(rf"\b{re.escape(word)}\b", UNTITLED[0].text + UNTITLED[1].text, re.I) for word in shown)


def test_an_outlet_is_the_source_else_the_url_host():
    same_host = [
        Article(id="h1", url="https://www.gazette.example/fire", text=FIRE[0].text),
        Article(id="h2", url="http://gazette.example/fire-update", text=FIRE[1].text),
        Article(id="h3", source="Herald", url="https://gazette.example/syndicated", text=FIRE[1].text + " Later."),
    ]
    with Store(":memory:") as store:
        ingest(store, same_host, briefs=False)
        (story,) = list_stories(store)
        ingest(store, [Article(id="n1", text=VOTE[0].text)], briefs=False)  # neither source nor URL
        unknown = next(s for s in list_stories(store) if s["articles"] == ["n1"])
    assert story["outlets"] == 2 and unknown["outlets"] == 0
    assert (outlet("", "https://www.gazette.example/x"), outlet(" Herald ", "https://x.example/")) == (
        "gazette.example",
        "Herald",
    )
    assert outlet("", "http://[broken") == outlet("", "not a url") == ""


def test_search_needs_every_word_in_the_headline_or_an_article():
    with Store(":memory:") as store:
        ingest(store, FIRE + VOTE + UNTITLED, briefs=False)
        found = {
            query: [s["articles"][0] for s in list_stories(store, search=query)]
            for query in (
                "kellhaven",
                "Monday harbour evacuated",
                "tanker library",
                "%",
                "_",
                "",
                "Tanker fire at Kellhaven",
            )
        }
    assert found["kellhaven"] == ["f1"] and found["Monday harbour evacuated"] == ["f1"]
    assert found["tanker library"] == found["%"] == found["_"] == []  # % and _ are literal, not wildcards
    assert sorted(found[""]) == ["f1", "u1", "v1"] and found["Tanker fire at Kellhaven"] == ["f1"]


def write_clusters(path, clusters) -> None:
    path.write_text("".join(json.dumps(cluster) + "\n" for cluster in clusters), encoding="utf-8")


def test_ingest_reads_benchmark_cluster_files_each_document_an_article(tmp_path):
    clusters = [
        {"id": "fire", "documents": [
            {"doc_id": "F1", "title": FIRE[0].title, "text": FIRE[0].text, "date": FIRE[0].date},
            {"text": FIRE[1].text, "date": FIRE[1].date},  # no id: CLUSTER/INDEX
        ], "summaries": ["A tanker burned."]},
        {"id": "vote", "documents": [
            {"doc_id": "V1", "text": VOTE[0].text, "date": VOTE[0].date, "source": "Post"},
            {"doc_id": "F1", "text": FIRE[0].text},  # in two clusters: one article
        ]},
    ]  # fmt: skip
    feed = tmp_path / "clusters.jsonl"
    write_clusters(feed, clusters)
    db = str(tmp_path / "nb.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(feed), "--db", db, "--no-briefs"])
    assert result.exit_code == 0, result.output
    assert "3 articles added, 0 copies kept as extra sources, 1 already stored" in result.output
    assert "a cluster, not an article" not in result.output
    with sqlite3.connect(db) as conn:
        rows = {row[0]: row[1:] for row in conn.execute("SELECT id, title, source, date FROM story_articles")}
    assert rows == {"F1": (FIRE[0].title, "", "2024-10-14"), "fire/1": ("", "", "2024-10-15"),
                    "V1": ("", "Post", "2024-10-15")}  # fmt: skip
    assert "0 articles added" in runner.invoke(main, ["ingest", str(feed), "--db", db, "--no-briefs"]).output
    listed = json.loads(runner.invoke(main, ["stories", "--db", db, "--format", "json"]).output)
    assert sorted(s["articles"] for s in listed) == [["F1", "fire/1"], ["V1"]]


def test_ingest_reads_a_real_benchmark_file(tmp_path):
    lines = (SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    clusters = [json.loads(line) for line in lines]
    feed = tmp_path / "duc.jsonl"
    write_clusters(feed, clusters)
    db = str(tmp_path / "nb.db")
    result = CliRunner().invoke(main, ["ingest", str(feed), "--db", db, "--no-briefs"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        ids = {row[0] for row in conn.execute("SELECT id FROM story_articles")}
    assert ids == {document["doc_id"] for cluster in clusters for document in cluster["documents"]}


def test_bcubed_and_ari():
    labels = {"a": ["x"], "b": ["x"], "c": ["y"], "d": ["y"]}
    perfect = score_stories({"a": 1, "b": 1, "c": 2, "d": 2}, labels)
    lumped = score_stories({"a": 1, "b": 1, "c": 1, "d": 1}, labels)
    assert (perfect.f1, perfect.ari, perfect.stories, perfect.clusters) == (1.0, 1.0, 2, 2)
    assert (lumped.precision, lumped.recall) == (0.5, 1.0)
    # a document in two clusters: recall(a) = (1/2) / 2 (itself, sharing 2 labels; b apart), recall(b) = 1 / 2
    shared = score_stories({"a": 1, "b": 2}, {"a": ["x", "y"], "b": ["y"]})
    assert shared.precision == 1.0 and shared.recall == pytest.approx(0.375)


def test_stream_orders_by_date_and_spreads_undated_documents():
    dated = [Article(text="t", id=str(i), date=f"2024-01-{10 - i:02d}") for i in range(4)]
    undated = [Article(text="t", id=f"u{i}") for i in range(2)]
    order = [a.id for a in interleave(dated[:2] + undated + dated[2:])]
    assert order == ["3", "u0", "2", "1", "u1", "0"]


def test_eval_stories_on_a_real_benchmark_stream():
    paths = [
        str(SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl"),
        str(SHARED_DATA / "multiling2011-en" / "multiling2011_en.jsonl"),
    ]
    articles, labels, _ = labelled_stream(paths)
    assert len(articles) == len(labels) < 298 + 100  # documents shared by clusters count once
    result = CliRunner().invoke(main, ["eval-stories", *paths, "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["clusters"] == 40 and scores["articles"] == len(articles)
    assert scores["bcubed_f1"] > score_stories({a: 0 for a in labels}, labels).f1  # better than one big story


KILLED_INGEST = """
import sys, time
from pathlib import Path
from newsbrief.store import Store
from newsbrief.stories import ingest
from newsbrief.stories.evaluate import labelled_stream

def stream(articles, marker):
    for number, article in enumerate(articles):
        if number == 700:  # the first transaction of 500 is committed, the second is in flight
            Path(marker).touch()
            time.sleep(600)
        yield article

articles = labelled_stream(sys.argv[3:])[0]
with Store(sys.argv[1]) as store:
    ingest(store, stream(articles, sys.argv[2]), briefs=False)
"""


@pytest.mark.slow
def test_an_ingest_killed_midway_and_rerun_groups_the_stream_as_one_that_ran_through(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    files = ["multinews-val-sample/multinews_validation_sample250.jsonl", "duc2003-task2/duc2003_task2.jsonl"]
    files.append("multiling2011-en/multiling2011_en.jsonl")
    paths = [str(SHARED_DATA / name) for name in files]  # aggregator copies, undated and dated articles
    articles = labelled_stream(paths)[0]
    db, marker = tmp_path / "killed.sqlite", tmp_path / "at-700"
    child = subprocess.Popen([sys.executable, "-c", KILLED_INGEST, str(db), str(marker), *paths])
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert child.poll() is None and time.monotonic() < deadline, "the ingest did not reach article 700"
        time.sleep(0.1)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    with Store(str(db)) as store:
        assert len(stored(store)) == 500
        rerun = ingest(store, articles, briefs=False)
        resumed = stored(store)
    with Store(str(tmp_path / "clean.sqlite")) as store:
        ingest(store, articles, briefs=False)
        clean = stored(store)
    assert rerun.skipped == 500 and len(clean) == len(articles) > 900
    assert resumed == clean
