"""Update briefs: a cluster with ``seen`` documents covers what the new ones add and repeats none of theirs."""

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsbrief import summarize
from newsbrief.cli import main
from newsbrief.config import METHODS
from newsbrief.model import Article
from newsbrief.pipeline import summarize_many
from newsbrief.select.seen import SeenText, seen_sentences
from newsbrief.store import Store
from newsbrief.text.tokens import terms

from .conftest import load_clusters


@pytest.fixture(scope="module")
def duc2007_update():
    """topic -> part -> cluster of the DUC 2007 update task."""
    topics = {}
    for cluster in load_clusters("duc2007/duc2007_update.jsonl"):
        topics.setdefault(cluster["topic"], {})[cluster["part"]] = cluster
    return topics


def repeats_of(brief, seen_documents):
    """The summary sentences that are a seen sentence, or a near copy or paraphrase of one (`SeenText`)."""
    from newsbrief.config import Config

    read = SeenText(seen_sentences(tuple(Article.from_dict(d) for d in seen_documents), Config()))
    out = []
    for s in brief.sentences:
        sentence = type("S", (), {"tokens": terms(s.text)})()
        if read.repeats(sentence):
            out.append(s.text)
    return out


def test_an_update_brief_never_repeats_a_sentence_of_the_seen_documents(duc2007_update):
    """On every DUC 2007 update topic (B after A, C after A and B), and for every method."""
    for parts in duc2007_update.values():
        for part, before in (("B", "A"), ("C", "AB")):
            seen = [d for p in before for d in parts[p]["documents"]]
            texts = {" ".join(d["text"].split()) for d in seen}
            for method in METHODS if part == "B" else ("default",):
                brief = summarize(parts[part]["documents"], words=100, method=method, analysis=False, seen=seen)
                assert brief.sentences, (parts[part]["id"], method)
                assert sum(len(s.text.split()) for s in brief.sentences) <= 100
                assert repeats_of(brief, seen) == [], (parts[part]["id"], method)
                for s in brief.sentences:  # whole source sentences of the new documents, never a seen one's
                    assert brief.documents[s.doc].text[s.start : s.end] == s.text
                    assert not any(" ".join(s.text.split()) in t for t in texts if len(s.text.split()) > 6)


def test_a_sentence_copied_into_a_new_document_is_not_chosen_again():
    old = [
        "A chemical tanker caught fire at Kellhaven docks on Monday, and hundreds of residents were evacuated.",
        "Firefighters fought the blaze in the engine room for six hours before it was brought under control.",
    ]
    new = [
        old[0] + " Investigators said on Wednesday that a fuel line in the engine room had split before the fire.",
        "Investigators said a fuel line in the tanker's engine room had split before the fire broke out on Monday."
        " The port reopened on Wednesday after divers checked the hull for damage.",
        # a near copy of a seen sentence, reworded as content farms do
        "Firefighters battled the blaze in the engine room for six hours before it was brought under control.",
    ]
    plain = summarize(new, words=60, analysis=False)
    update = summarize(new, words=60, analysis=False, seen=old)
    assert any("caught fire" in s.text or "six hours" in s.text for s in plain.sentences)
    assert update.sentences and not any("caught fire" in s.text or "six hours" in s.text for s in update.sentences)
    assert any("fuel line" in s.text for s in update.sentences)
    assert [d["index"] for d in update.to_dict()["seen"]] == [0, 1]
    assert "seen" not in plain.to_dict()


def test_update_briefs_are_deterministic_and_seen_documents_are_never_sources(duc2007_update):
    parts = duc2007_update["D0703A"]
    seen = parts["A"]["documents"]
    first = summarize(parts["B"]["documents"], seen=seen).to_dict()
    again = summarize(parts["B"]["documents"], seen=seen).to_dict()
    assert first == again
    assert all(0 <= i < len(parts["B"]["documents"]) for s in first["sentences"] for i in s["sources"])
    assert len(first["seen"]) == len(seen)


def test_a_seen_document_that_cannot_be_read_is_a_problem_not_a_failure():
    brief = summarize(["Storm hits the coast of Kellhaven. Thousands of homes lose power overnight."], seen=[""])
    assert brief.sentences
    assert any(p.startswith("<seen 0>") for p in brief.problems)


def test_batch_clusters_carry_seen(tmp_path, duc2007_update):
    parts = duc2007_update["D0706B"]
    lines = [
        {"id": "plain", "documents": parts["B"]["documents"]},
        {"id": "update", "documents": parts["B"]["documents"], "seen": parts["A"]["documents"]},
        {"id": "bad", "documents": parts["B"]["documents"], "seen": "A"},
    ]
    source = tmp_path / "clusters.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "briefs.jsonl"
    result = CliRunner().invoke(main, ["batch", str(source), "-o", str(out), "--cluster-timeout", "0", "--no-analysis"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert "seen" not in records[0] and len(records[1]["seen"]) == len(parts["A"]["documents"])
    assert records[1]["summary"] != records[0]["summary"]
    assert "'seen' must be a list" in records[2]["error"]
    python = next(summarize_many([lines[1]], analysis=False))
    assert python.summary == records[1]["summary"]


def test_post_api_briefs_with_seen(tmp_path):
    from newsbrief.web.app import create_app
    from newsbrief.web.runtime import Settings

    old = ["A chemical tanker caught fire at Kellhaven docks on Monday, and hundreds of residents were evacuated."]
    new = [
        old[0] + " Investigators said on Wednesday that a fuel line in the engine room had split before the fire.",
        "The port reopened on Wednesday after divers checked the hull of the tanker for damage overnight.",
    ]
    with TestClient(create_app(Settings(db=str(tmp_path / "nb.sqlite"))), base_url="http://127.0.0.1") as client:
        plain = client.post("/api/briefs?analysis=false", json={"documents": new}).json()
        update = client.post("/api/briefs?analysis=false", json={"documents": new, "seen": old}).json()
        assert "seen" not in plain and len(update["seen"]) == 1
        assert any("caught fire" in s["text"] for s in plain["sentences"])
        assert update["sentences"] and not any("caught fire" in s["text"] for s in update["sentences"])
        spec = client.get("/openapi.json").json()
        assert "seen" in spec["components"]["schemas"]["ClusterIn"]["properties"]


def story_store(path):
    from newsbrief.stories import ingest

    from .conftest import FIRE, FIRE_FOLLOW_UP

    with Store(str(path)) as store:
        ingest(store, [*FIRE, FIRE_FOLLOW_UP])
        story_id = store.stories.listed(None, None, "")[0]["id"]
    return story_id


def test_a_story_briefed_since_a_date(tmp_path):
    db = tmp_path / "nb.sqlite"
    story_id = story_store(db)
    runner = CliRunner()
    listed = runner.invoke(main, ["stories", "--db", str(db), "--format", "json"])
    assert json.loads(listed.output)[0]["size"] == 3
    result = runner.invoke(
        main, ["stories", "--db", str(db), "--story", str(story_id), "--since", "2024-10-16", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    brief = json.loads(result.output)
    assert [d["id"] for d in brief["documents"]] == ["f3"] and sorted(d["id"] for d in brief["seen"]) == ["f1", "f2"]
    assert brief["since"] == "2024-10-16"
    assert any("fuel line" in s["text"] for s in brief["sentences"])
    assert not any(s["text"].startswith("A chemical tanker caught fire") for s in brief["sentences"])
    text = runner.invoke(main, ["stories", "--db", str(db), "--story", str(story_id), "--since", "2024-10-16"])
    assert text.output.startswith("New since 2024-10-16: 1 articles (2 older ones read already)")
    nothing = runner.invoke(main, ["stories", "--db", str(db), "--story", str(story_id), "--since", "2025-01-01"])
    assert nothing.exit_code != 0 and "nothing new" in nothing.output
    whole = runner.invoke(main, ["stories", "--db", str(db), "--story", str(story_id)])
    assert whole.exit_code == 0 and whole.output.strip()

    from newsbrief.web.app import create_app
    from newsbrief.web.runtime import Settings

    with TestClient(create_app(Settings(db=str(db))), base_url="http://127.0.0.1") as client:
        api = client.get(f"/api/stories/{story_id}?since=2024-10-16").json()
        assert [d["id"] for d in api["documents"]] == ["f3"] and len(api["seen"]) == 2
        assert client.get(f"/api/stories/{story_id}?since=2025-01-01").status_code == 404
        page = client.get(f"/stories/{story_id}?since=2024-10-16")
        assert page.status_code == 200
        assert "dated on or after 2024-10-16" in page.text and "fuel line" in page.text
        assert 'data-visit="story:' in page.text
        empty = client.get(f"/stories/{story_id}?since=2025-01-01")
        assert "no article of this story is dated on or after 2025-01-01" in empty.text
