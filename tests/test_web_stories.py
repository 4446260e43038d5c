"""The stories pages, in process: list, date filter, search, headlines, outlets, a story's brief beside its articles
with its timeline and names, copies badged, 404s, escaping."""

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
GAZETTE = Article(
    id="f3",
    date="2024-10-15",
    url="https://www.gazette.example/blaze",  # no source: the URL's host is the outlet
    text="Residents evacuated from the harbour at Kellhaven docks waited on Tuesday while firefighters cooled the "
    "tanker after the blaze in its engine room.",
)
FLOOD = [  # no title, source or URL
    Article(
        id="d1",
        date="2024-10-21",
        text="Floodwater from the river Avon swept through Dunmore on Sunday. Rescue crews from Bristol carried "
        "residents of Dunmore from their flooded homes to the Dunmore school hall.",
    ),
    Article(
        id="d2",
        date="2024-10-22",
        text="The river Avon fell on Monday and residents of Dunmore began clearing mud from flooded homes. Crews "
        "from Bristol pumped water from the Dunmore school hall.",
    ),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("stories") / "nb.sqlite")
    with Store(db) as store:
        ingest(store, [*FIRE, GAZETTE, VOTE, *FLOOD])
        ingest(store, [COPY], briefs=False)  # a copy: an extra source, and the fire story's brief is not stale
    with TestClient(create_app(Settings(db=db)), base_url="http://127.0.0.1") as c:
        yield c


def story_links(html: str) -> dict[str, int]:
    """Headline -> story id, in the order the page lists them."""
    return {title: int(n) for n, title in re.findall(r'<a href="/stories/(\d+)">([^<]*)</a>', html)}


def story_of(client, article_id: str) -> dict:
    """The story (as the API lists it) that the article joined."""
    return next(s for s in client.get("/api/stories").json() if article_id in s["articles"])


def main_of(html: str) -> str:
    return html[html.index('<main id="main">') :]


def test_navigation_links_to_the_stories_page(client):
    assert '<a href="/stories">Stories</a>' in client.get("/").text


def test_list_shows_newest_change_first_with_size_outlets_dates_and_first_sentence(client):
    page = client.get("/stories")
    assert page.status_code == 200
    links = story_links(page.text)
    fire, flood, vote = story_of(client, "f1"), story_of(client, "d1"), story_of(client, "v1")
    assert list(links.values()) == [fire["id"], flood["id"], vote["id"]]  # the copy came last
    listed = page.text[page.text.index(f'href="/stories/{fire["id"]}"') :]
    assert re.search(r"4 articles · 4 outlets ·\s*2024-10-14 – 2024-10-15", listed)  # Courier, Herald, gazette, Wire
    assert re.search(r"<p>[^<]*Kellhaven[^<]*</p>", listed)  # the brief's first sentence


def test_headline_is_a_title_of_the_story_shown_once_and_untitled_stories_get_their_main_names(client):
    fire, flood = story_of(client, "f1"), story_of(client, "d1")
    assert fire["headline"] in {FIRE[0].title, FIRE[1].title}  # the most central titled article's title
    names = [e["text"] for e in client.get(f"/api/stories/{flood['id']}").json()["entities"]][:3]
    assert names and flood["headline"] == ", ".join(names)  # no title anywhere: the most reported names
    assert not flood["first_sentence"].startswith(flood["headline"])  # not the first sentence, cut
    for story in (fire, flood):
        main = main_of(client.get(f"/stories/{story['id']}").text)
        headings = re.findall(r"<h[1-6][^>]*>([^<]*)</h", main)
        assert headings[0] == story["headline"] and headings.count(story["headline"]) == 1
        listed = main_of(client.get("/stories").text)
        assert listed.count(story["headline"]) == 1


def test_an_outlet_is_the_source_else_the_url_host_else_said_to_be_unknown(client):
    fire, flood = story_of(client, "f1"), story_of(client, "d1")
    assert (fire["outlets"], flood["outlets"]) == (4, 0)
    page = client.get(f"/stories/{fire['id']}").text
    row = re.search(r"<tr>\s*<td>f3</td>.*?</tr>", page, re.S).group()
    assert re.findall(r"<td>([^<]*)</td>", row)[1] == "gazette.example"
    flooded = client.get(f"/stories/{flood['id']}").text
    assert "outlets unknown (no article names its source or has a URL)" in flooded and "0 outlets" not in flooded
    listed = client.get("/stories").text
    assert "0 outlets" not in listed and "outlets unknown" in listed


def test_story_page_shows_its_brief_with_chips_and_every_article(client):
    story_id = story_of(client, "f1")["id"]
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    assert 'id="brief-heading"' in page.text and 'class="chip' in page.text
    chips = set(re.findall(r'class="chip[^"]*" href="#doc-(\d+)"', page.text))
    documents = set(re.findall(r'<article class="document" id="doc-(\d+)"', page.text))
    assert chips and chips <= documents  # every chip points at a source shown on the page
    rows = re.findall(r"<tr>\s*<td>([^<]*)</td>", page.text)
    assert rows == ["f1", "f2", "f3", "f1-copy"]  # arrival order, the copy included
    assert "Wire" in page.text and 'href="https://courier.example/fire"' in page.text
    assert 'method="post"' not in page.text  # nothing on a story page edits a cluster


def test_only_copies_are_badged_as_copies(client):
    page = client.get(f"/stories/{story_of(client, 'f1')['id']}").text
    rows = dict(re.findall(r"<tr>\s*<td>([^<]*)</td>(.*?)</tr>", page, re.S))
    assert [article for article, cells in rows.items() if ">copy</span>" in cells] == ["f1-copy"]


def test_story_page_shows_the_timeline_and_the_people_places_and_organisations(client):
    story_id = story_of(client, "f1")["id"]
    brief = client.get(f"/api/stories/{story_id}").json()
    assert brief["timeline"] and brief["entities"]  # story briefs are written with the analysis
    page = client.get(f"/stories/{story_id}").text
    analysis = page[page.index('<section class="analysis">') :]
    assert "<h2>Timeline</h2>" in analysis and "<h2>People, organisations and places</h2>" in analysis
    assert "2024-10-14: A chemical tanker caught fire at Kellhaven docks on Monday." in analysis
    assert f"{brief['entities'][0]['text']} ({brief['entities'][0]['label']})" in analysis
    for left_out in ("Document dates", "Noise removed"):  # for the cluster page's readers, not an editor's
        assert left_out not in page


def test_search_finds_stories_by_headline_and_text_and_is_reachable_from_the_story_pages(client):
    fire, vote, flood = story_of(client, "f1"), story_of(client, "v1"), story_of(client, "d1")

    def found(query: str) -> list[int]:
        return list(story_links(client.get("/stories", params={"q": query}).text).values())

    assert found("library") == [vote["id"]]
    assert found("evacuated blaze") == [fire["id"]]  # every word, in any of the story's articles
    assert found("BRISTOL") == [flood["id"]]
    assert found(fire["headline"]) == [fire["id"]]
    assert found("library blaze") == found("%") == found("_") == []  # every word must match; % and _ are literal
    empty = client.get("/stories", params={"q": "library blaze"}).text
    assert "No story has every word of “library blaze” in its headline or articles." in empty
    assert list(story_links(client.get("/stories", params={"q": "Kellhaven", "since": "2024-10-15"}).text)) == [
        fire["headline"]
    ]
    listing = client.get("/stories").text
    assert 'id="story-search"' in listing and 'name="q"' in listing
    assert 'href="/stories#story-search"' in client.get(f"/stories/{fire['id']}").text
    assert [s["id"] for s in client.get("/api/stories", params={"q": "library"}).json()] == [vote["id"]]


def test_script_in_a_title_or_url_is_escaped(client):
    story_id = story_of(client, "v1")["id"]
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
    assert [s["articles"] for s in listed] == [["f1", "f2", "f3", "f1-copy"], ["d1", "d2"], ["v1"]]
    assert [s["id"] for s in client.get("/api/stories?since=2024-10-16").json()] == [listed[1]["id"], listed[2]["id"]]
    assert client.get("/api/stories?since=soon").status_code == 422
    brief = client.get(f"/api/stories/{listed[0]['id']}").json()
    assert {d["id"] for d in brief["documents"]} == {"f1", "f2", "f3"} and brief["sentences"]
    missing = client.get("/api/stories/999")
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_the_header_search_searches_stories_on_the_stories_pages_and_clusters_elsewhere(client):
    def header_form(path: str) -> str:
        html = client.get(path).text
        return html[html.index('<form class="search"') :].split(">", 1)[0]

    fire = story_of(client, "f1")
    assert 'action="/stories"' in header_form("/stories")
    assert 'action="/stories"' in header_form(f"/stories/{fire['id']}")
    assert 'action="/clusters"' in header_form("/clusters")
    assert 'action="/clusters"' in header_form("/")
