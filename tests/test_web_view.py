"""What the cluster page shows: chips placed in each source, conflicts and single sources marked, analysis shown."""

import html
import json
import re

from fastapi.testclient import TestClient

import newsbrief
from newsbrief.model import Article, Figure
from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings
from newsbrief.web.view import cluster_view, locate

from .conftest import EXAMPLES

FIRST = "A storm hit the coast on Monday and thousands of homes lost power. Crews worked overnight."
SECOND = "Officials said it was calm. Thousands of homes lost power on Monday after the storm hit the coast."


def test_locate_finds_the_sentence_that_reports_it_or_nothing():
    sentence = "A storm hit the coast on Monday and thousands of homes lost power."
    start, end = locate(sentence, SECOND)
    assert SECOND[start:end] == "Thousands of homes lost power on Monday after the storm hit the coast."
    assert locate("Ballots were counted late in the northern districts.", SECOND) is None


def test_locate_skips_text_that_cleaning_removed():
    text = "Storm hits the coast on Monday. Photo: homes lost power.\n\nCrews said homes lost power on Monday."
    sentence = "Thousands of homes lost power when the storm hit the coast on Monday."
    start, end = locate(sentence, text)
    assert text[start:end] == "Storm hits the coast on Monday."
    start, end = locate(sentence, text, removed=["Storm hits the coast on Monday. Photo: homes lost power."])
    assert text[start:end] == "Crews said homes lost power on Monday."


def test_cluster_view_places_chips_and_marks_single_sources_and_conflicts():
    articles = [Article(text=FIRST, title="One"), Article(text=SECOND, title="Two")]
    end = FIRST.index(".") + 1
    claim = Figure("thousands", 1000.0, "homes", None, 0, (0,), FIRST[:end], 36, 45, None).to_dict()
    data = {
        "sentences": [
            {"text": FIRST[:end], "doc": 0, "start": 0, "end": end, "sources": [0, 1], "single_source": False},
            {"text": "Crews worked overnight.", "doc": 0, "start": end + 1, "end": len(FIRST), "sources": [0]}
            | {"single_source": True},
        ],
        "dropped": [{"doc": 1, "text": "Share this", "reason": "boilerplate: share prompt"}],
        "conflicts": [{"about": "homes", "claims": [claim]}],
    }
    view = cluster_view(data, articles)
    first, second = view.sentences
    assert [(c.doc, c.found) for c in first.chips] == [(0, True), (1, True)]
    assert first.conflict and not second.conflict
    assert second.single_source and not first.single_source
    marked_in_second = "".join(text for text, marks, _ in view.documents[1].pieces if 0 in marks)
    assert marked_in_second.startswith("Thousands of homes lost power")
    assert "".join(text for text, _, _ in view.documents[0].pieces) == FIRST
    assert view.dropped == {"boilerplate: share prompt": data["dropped"]}


def test_example_page_shows_timeline_entities_and_marks(tmp_path):
    from newsbrief.ingest.read import read_paths

    articles, _ = read_paths([str(EXAMPLES)])
    fields = ("text", "title", "source", "url", "author", "date", "id")
    documents = [{f: getattr(a, f) for f in fields} for a in articles]
    app = create_app(Settings(db=str(tmp_path / "nb.sqlite")))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        cluster_id = client.post("/api/clusters", json={"documents": documents}).json()["id"]
        brief = json.loads(client.get(f"/api/clusters/{cluster_id}/brief").text)
        page = html.unescape(client.get(f"/clusters/{cluster_id}").text)
    assert brief["entities"] and brief["timeline"]
    assert 'class="analysis"' in page
    assert brief["entities"][0]["text"] in page
    assert page.count('<li id="s') == len(brief["sentences"])
    single = sum(s["single_source"] for s in brief["sentences"])
    assert page.count('<span class="badge single">single source</span>') == single + 1  # + the legend
    # Beside the brief: the word control, then who the sources are; the analysis comes after both.
    assert page.index('<li id="s') < page.index('class="words"') < page.index('class="source-list"')
    assert page.index('class="source-list"') < page.index('class="analysis"')
    listed = re.findall(r'<li><a href="#doc-(\d+)" class="doc-link" data-doc="\d+">([^<]*)</a>([^<]*)</li>', page)
    assert [int(k) for k, _, _ in listed] == list(range(len(articles)))
    assert listed[0][1] == articles[0].title and articles[0].source in listed[0][2]
    # Page furniture that was dropped stays in the source, dimmed, with its reason.
    gone = re.findall(r'<span class="gone" title="Dropped: ([^"]*)">([^<]*)</span>', page)
    stamps = [d for d in brief["dropped"] if d["reason"] == "date stamp" and d["end"] > d["start"]]
    assert stamps and ("date stamp", documents[stamps[0]["doc"]]["text"][stamps[0]["start"] : stamps[0]["end"]]) in gone


def test_dropped_offsets_point_at_the_removed_text():
    brief = newsbrief.summarize([p.read_text() for p in sorted(EXAMPLES.glob("*.txt"))])
    placed = [d for d in brief.to_dict()["dropped"] if d["end"] > d["start"]]
    assert placed
    for d in placed:
        assert " ".join(brief.documents[d["doc"]].text[d["start"] : d["end"]].split()) == d["text"]
