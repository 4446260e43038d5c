"""End to end in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright): paste the example
articles, read the brief, hover and focus source chips, open the dropped material, edit the cluster, and check
that script-like titles, texts and links run nothing; on a story page, that only copies are badged. Screenshots go
to test-output/web/."""

import re
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings

pytestmark = pytest.mark.slow  # the slow lane: see the Makefile

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
OUTPUT = ROOT / "test-output" / "web"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app served by uvicorn on a free loopback port, in a thread, for this module's tests."""
    yield from serving(str(tmp_path_factory.mktemp("web") / "nb.sqlite"))


def serving(db: str):
    """Serve the app over the store ``db`` on a free loopback port; yield its base URL, then stop it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(Settings(db=db))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


def flat(text: str) -> str:
    return " ".join(text.split())


def test_paste_examples_read_the_brief_and_edit_the_cluster(server, browser):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/")
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    add = page.get_by_role("button", name="Add another article")
    for _ in range(len(files) - page.locator("#texts textarea").count()):
        add.click()
    for i, path in enumerate(files):
        page.fill(f"#text-{i}", path.read_text(encoding="utf-8"))
    page.fill("#title", "Kellhaven tanker fire")
    page.get_by_role("button", name="Make the brief").click()
    page.wait_for_url(re.compile(r"/clusters/\d+$"), timeout=60_000)
    page.wait_for_selector(".sentence")
    assert page.locator("h1").inner_text() == "Kellhaven tanker fire"
    assert page.locator(".document").count() == len(files)

    # Who the sources are is listed beside the brief, and the word control sits under the sentences, above the
    # analysis, on the first screen.
    assert page.locator(".source-list li").count() == len(files)
    assert "Kellhaven Courier" in page.locator(".source-list").inner_text()
    words_at = page.locator("form.words").bounding_box()["y"]
    assert words_at < page.locator(".analysis").bounding_box()["y"] and words_at < 900

    # Page furniture that was dropped is still in its source, dimmed, with the reason on hover.
    gone = page.locator(".document .gone")
    assert gone.count() > 0
    page.locator(".doc-tabs button[data-doc='0']").click()
    stamp = page.locator("#doc-0 .gone").first
    assert stamp.is_visible() and stamp.get_attribute("title").startswith("Dropped: ")

    # The chip of the document a sentence was taken from highlights exactly that sentence there.
    first = page.locator("#s0")
    origin = first.locator(".chip.origin")
    origin.hover()
    doc = origin.get_attribute("data-doc")
    assert page.locator(f"#doc-{doc}").is_visible()
    assert page.locator(".document:visible").count() == 1
    marked = page.locator(f"#doc-{doc} .s0.hl")
    assert marked.first.is_visible()
    assert flat("".join(marked.all_inner_texts())) == flat(first.locator(".text").inner_text())
    assert "hl" in (first.get_attribute("class") or "")

    # Another document's chip shows that document, with its sentence reporting the same thing highlighted.
    other = page.locator(".chip:not(.origin):not(.unplaced)").first
    sentence = page.locator("#s" + other.get_attribute("data-sentence"))
    other.hover()
    other_doc = other.get_attribute("data-doc")
    assert other_doc != doc or other.get_attribute("data-sentence") != "0"
    highlighted = page.locator(f"#doc-{other_doc} .m.hl")
    assert highlighted.first.is_visible()
    assert len(words(" ".join(highlighted.all_inner_texts())) & words(sentence.locator(".text").inner_text())) >= 3
    page.screenshot(path=OUTPUT / "cluster-wide.png")

    # Keyboard: chips are links; focusing one highlights as hovering does.
    last = page.locator(".chip[data-sentence]").last
    assert last.evaluate("e => e.tagName") == "A"
    page.mouse.move(0, 0)
    last.focus()
    focused_doc, focused_sentence = last.get_attribute("data-doc"), last.get_attribute("data-sentence")
    assert page.locator(f"#doc-{focused_doc} .s{focused_sentence}.hl").first.is_visible()

    # What was dropped is behind a toggle.
    dropped = page.locator("#dropped")
    assert dropped.get_attribute("open") is None and not dropped.locator("li").first.is_visible()
    dropped.locator("summary").click()
    assert dropped.get_attribute("open") is not None and dropped.locator("li").first.is_visible()
    page.screenshot(path=OUTPUT / "cluster-dropped.png", full_page=True)

    # Removing a document, then adding one, rewrites the brief.
    cluster_url = page.url
    page.locator(".doc-tabs button[data-doc='0']").click()
    page.get_by_role("link", name="Remove document 0").click()
    assert "move up by one" in page.locator("main").inner_text()  # it asks first, and says what will change
    page.get_by_role("button", name="Remove document 0").click()
    page.wait_for_url(cluster_url)
    assert page.locator(".document").count() == len(files) - 1
    assert page.locator(".sentence").count() > 0
    page.fill("#add-text-0", (EXAMPLES / files[0].name).read_text(encoding="utf-8"))
    page.get_by_role("button", name="Add and rewrite the brief").click()
    page.wait_for_url(cluster_url)
    assert page.locator(".document").count() == len(files)

    # Reloading the page a post landed on posts nothing again.
    clusters = len(httpx.get(server + "/api/clusters").json()["clusters"])
    page.reload()
    assert len(httpx.get(server + "/api/clusters").json()["clusters"]) == clusters

    # Search over titles and text finds it.
    page.goto(server + "/clusters?q=Corvina")
    assert page.get_by_role("link", name="Kellhaven tanker fire").count() == 1
    page.goto(server + "/clusters?q=no-such-words-anywhere")
    assert page.get_by_role("link", name="Kellhaven tanker fire").count() == 0

    # Readable on a phone: nothing wider than the screen.
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.goto(cluster_url)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    phone.screenshot(path=OUTPUT / "cluster-phone.png")

    # On a phone a chip takes the reader down to the source, and its back link returns to the sentence.
    chip = phone.locator("#s1 .chip").first
    doc = chip.get_attribute("data-doc")
    chip.tap()
    back = phone.locator(f"#doc-{doc} .back a")
    assert back.inner_text() == "Back to sentence 2" and back.is_visible()
    phone.screenshot(path=OUTPUT / "cluster-phone-source.png")
    back.tap()
    in_view = (
        "() => { const r = document.getElementById('s1').getBoundingClientRect(); return r.top >= 0 && r.top < 200; }"
    )
    phone.wait_for_function(in_view)

    # Deleting the cluster asks first; cancelling keeps it, confirming removes it.
    page.goto(cluster_url)
    page.get_by_role("link", name="Delete cluster").click()
    page.get_by_role("link", name="Cancel").click()
    page.wait_for_url(cluster_url)
    page.get_by_role("link", name="Delete cluster").click()
    page.get_by_role("button", name="Delete cluster").click()
    page.wait_for_url(server + "/")
    assert httpx.get(cluster_url).status_code == 404
    assert dialogs == []


HANDLERS = "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length"
"""How many elements carry an event-handler attribute (onerror, onload, onmouseover...)."""

PAYLOADS = [
    {
        "title": '<script>window.__xss = 1; alert("title")</script>Storm <img src=x onerror="window.__xss=2">',
        "source": "<b onmouseover=alert(3)>Wire</b>",
        "url": "javascript:alert(4)",
        "text": 'A storm hit the coast on Monday <img src=x onerror="window.__xss=5;alert(5)"> and thousands of '
        "homes lost power overnight.\n\nOfficials said <script>window.__xss=6;alert(6)</script> crews would "
        'work through the night. Read more <a href="javascript:alert(7)">here</a>.',
    },
    {
        "title": "Coast storm <svg onload=alert(8)>",
        "url": " JAVASCRIPT:alert(9)",
        "text": "Thousands of homes lost power overnight after a storm hit the coast on Monday "
        "<img src=x onerror=alert(10)>. Crews would work through the night, officials said "
        '<iframe src="javascript:alert(11)"></iframe>.',
    },
]


def test_script_in_titles_texts_and_links_runs_nothing(server, browser):
    created = httpx.post(server + "/api/clusters", json={"documents": PAYLOADS}, timeout=60)
    assert created.status_code == 201, created.text
    cluster = created.json()
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = [
        cluster["links"]["page"],
        "/",
        "/clusters?q=storm",
        cluster["links"]["brief"] + "?format=html",
    ]
    for path in pages:
        page.goto(server + path)
        page.wait_for_load_state("load")
        for chip in page.locator(".chip").all():
            chip.hover()
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("img, svg, iframe").count() == 0, path
        assert page.evaluate(HANDLERS) == 0, path
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("a[href^='javascript' i], a[href^=' javascript' i]").count() == 0, path
        assert "<script>" in page.locator("body").inner_text() or "<svg" in page.locator("body").inner_text()
    page.goto(server + cluster["links"]["page"])
    assert "javascript:alert(4)" in page.locator("#doc-0 .meta").inner_text()
    assert "<img src=x onerror=" in page.locator("#doc-0 .text").inner_text()
    assert dialogs == []


def test_the_api_reference_at_docs_lists_every_route_without_leaving_the_server(server, browser):
    page = browser.new_page()
    requests, blocked = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock")
    spec = httpx.get(server + "/openapi.json").json()
    routes = sum(len(methods) for methods in spec["paths"].values())
    assert page.locator(".opblock").count() == routes
    page.locator(".opblock-summary", has_text="/api/briefs").first.click()
    page.get_by_text("Summarize the cluster in the body").first.wait_for(state="visible")  # the operation opens
    assert all(url.startswith(server) for url in requests), [u for u in requests if not u.startswith(server)]
    assert blocked == []
    page.screenshot(path=OUTPUT / "docs.png", full_page=True)
    assert httpx.get(server + "/api/docs").headers["location"] == "/docs"  # where the reference used to be


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    """A store with two stories found by `ingest`, one article of the fire story a copy of another, served."""
    from newsbrief.model import Article
    from newsbrief.store import Store
    from newsbrief.stories import ingest

    from .conftest import FIRE

    reprint = Article(id="f1-reprint", title=FIRE[0].title, source="Wire", date=FIRE[0].date, text=FIRE[0].text)
    later = Article(id="f3", url="https://www.gazette.example/blaze", date="2024-10-15",
                    text="Residents evacuated from the harbour at Kellhaven docks waited on Tuesday while "
                         "firefighters cooled the tanker after the blaze in its engine room.")  # fmt: skip
    db = str(tmp_path_factory.mktemp("stories") / "nb.sqlite")
    with Store(db) as store:
        ingest(store, [FIRE[0], reprint, FIRE[1], later])
    yield from serving(db)


def test_a_story_page_badges_only_the_copies(story_server, browser):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(story_server + "/stories")
    page.get_by_role("link", name=re.compile("Kellhaven")).first.click()
    page.wait_for_selector("table.articles")
    rows = page.locator("table.articles tbody tr")
    badged = {}
    for row in rows.all():
        cells = row.locator("td")
        badged[cells.nth(0).inner_text()] = row.locator(".badge").all_inner_texts()
    assert badged == {"f1": [], "f1-reprint": ["COPY"], "f2": [], "f3": []}  # CSS upper-cases the badge's text
    assert page.locator(".analysis h2").all_inner_texts() == ["Timeline", "People, organisations and places"]
    page.screenshot(path=OUTPUT / "story.png", full_page=True)
    page.goto(story_server + "/stories")
    page.get_by_label("Words in the headline or articles").fill("evacuated blaze")
    page.get_by_role("button", name="Find stories").click()
    page.wait_for_url("**/stories?q=evacuated+blaze*")
    assert len(page.locator(".story-list li a").all()) == 1
    page.screenshot(path=OUTPUT / "stories-search.png", full_page=True)
