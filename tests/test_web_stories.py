"""The stories pages, in process: list, date filter, a story's brief beside its articles, 404s, escaping."""

import re

import pytest
from fastapi.testclient import TestClient

from newsbrief.model import Article
from newsbrief.store import Store
from newsbrief.stories import ingest
from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings

from .conftest import FIRE

VOTE = Article(
    id="v1",
    title="<script>alert(1)</script> Council votes on library budget",
    date="2024-10-20",
    source="Post",
    url="javascript:alert(2)",
    text="The city council approved the library budget after a long debate about opening hours, "
    "book purchases and the renovation of the reading rooms in the old town hall.",
)
COPY = Article(id="f1-copy", title=FIRE[0].title, date="2024-10-14", source="Wire", text=FIRE[0].text)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("stories") / "nb.sqlite")
    with Store(db) as store:
        ingest(store, [*FIRE, VOTE])
        ingest(store, [COPY], briefs=False)  # a copy: an extra source, and the fire story's brief is not stale
    with TestClient(create_app(Settings(db=db)), base_url="http://127.0.0.1") as c:
        yield c


def story_links(html: str) -> dict[str, int]:
    """Headline -> story id, in the order the page lists them."""
    return {title: int(n) for n, title in re.findall(r'<a href="/stories/(\d+)">([^<]*)</a>', html)}


def test_navigation_links_to_the_stories_page(client):
    assert '<a href="/stories">Stories</a>' in client.get("/").text


def test_list_shows_newest_change_first_with_size_outlets_dates_and_first_sentence(client):
    page = client.get("/stories")
    assert page.status_code == 200
    links = story_links(page.text)
    assert list(links) == [
        "Tanker fire at Kellhaven docks",
        "&lt;script&gt;alert(1)&lt;/script&gt; Council votes on library budget",
    ]
    fire = page.text[page.text.index("Tanker fire at Kellhaven docks") :]
    assert re.search(r"3 articles · 3 outlets ·\s*2024-10-14 – 2024-10-15", fire)
    assert re.search(r"<p>[^<]*Kellhaven[^<]*</p>", fire)  # the brief's first sentence


def test_since_filter_keeps_stories_with_an_article_on_or_after_the_date(client):
    later = client.get("/stories?since=2024-10-16")
    assert list(story_links(later.text)) == ["&lt;script&gt;alert(1)&lt;/script&gt; Council votes on library budget"]
    assert 'value="2024-10-16"' in later.text
    assert "No story has an article dated on or after 2025-01-01" in client.get("/stories?since=2025-01-01").text
    assert len(story_links(client.get("/stories?since=").text)) == 2  # a cleared date field means no filter
    bad = client.get("/stories?since=soon")
    assert bad.status_code == 422 and "since must be a date YYYY-MM-DD" in bad.text


def test_story_page_shows_its_brief_with_chips_and_every_article(client):
    story_id = story_links(client.get("/stories").text)["Tanker fire at Kellhaven docks"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert 'id="brief-heading"' in page.text and 'class="chip' in page.text
    chips = set(re.findall(r'class="chip[^"]*" href="#doc-(\d+)"', page.text))
    documents = set(re.findall(r'<article class="document" id="doc-(\d+)"', page.text))
    assert chips and chips <= documents  # every chip points at a source shown on the page
    rows = re.findall(r"<tr>\s*<td>([^<]*)</td>", page.text)
    assert rows == ["f1", "f2", "f1-copy"]  # arrival order, the copy included
    assert '<span class="badge">copy</span>' in page.text and "Wire" in page.text
    assert 'href="https://courier.example/fire"' in page.text
    assert 'method="post"' not in page.text  # nothing on a story page edits a cluster


def test_script_in_a_title_or_url_is_escaped(client):
    story_id = story_links(client.get("/stories").text)[
        "&lt;script&gt;alert(1)&lt;/script&gt; Council votes on library budget"
    ]
    for path in ("/stories", f"/stories/{story_id}"):
        html = client.get(path).text
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert 'href="javascript:' not in html  # shown as text, never as a link


def test_missing_story_is_a_404_page(client):
    missing = client.get("/stories/999")
    assert missing.status_code == 404 and "There is no story 999." in missing.text
    assert client.get("/stories/0").status_code == 422


def test_stories_api_lists_filters_and_gives_a_brief_or_a_404(client):
    listed = client.get("/api/stories").json()
    assert [s["articles"] for s in listed] == [["f1", "f2", "f1-copy"], ["v1"]]
    assert [s["id"] for s in client.get("/api/stories?since=2024-10-16").json()] == [listed[1]["id"]]
    assert client.get("/api/stories?since=soon").status_code == 422
    brief = client.get(f"/api/stories/{listed[0]['id']}").json()
    assert {d["id"] for d in brief["documents"]} == {"f1", "f2"} and brief["sentences"]
    missing = client.get("/api/stories/999")
    assert missing.status_code == 404 and missing.json()["status"] == 404
