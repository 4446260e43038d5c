"""In real headless Chromium: the cluster page marks what is new since the reader's last visit (kept in the
browser's localStorage), and a story page briefs what is new since a date. Screenshots go to test-output/web/."""

import re
from pathlib import Path

import httpx
import pytest

from .test_web_browser import OUTPUT, serving

pytestmark = pytest.mark.slow  # the slow lane: see the Makefile

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serving(str(tmp_path_factory.mktemp("update") / "nb.sqlite"))


def test_the_cluster_page_marks_what_is_new_since_the_last_visit(server, browser):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("0[3-7]_*.txt"))]
    created = httpx.post(server + "/api/clusters", json={"title": "Tanker fire", "documents": texts[:2]}, timeout=60)
    cluster = created.json()["links"]["page"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + cluster)
    page.wait_for_selector(".sentence")
    status = page.locator("#visit-status")
    assert status.inner_text().startswith("Your first visit")
    assert page.locator(".badge.new").count() == 0
    before = page.locator(".sentences .text").all_inner_texts()

    added = httpx.post(server + f"/api/clusters/{created.json()['id']}/documents", json={"documents": texts[2:]})
    assert added.status_code == 201
    page.reload()
    page.wait_for_selector(".sentence")
    assert status.inner_text().startswith("New since your last visit")
    new_sources = page.locator(".source-list li.new")
    assert new_sources.count() == len(texts) - 2  # every document added since, and no other
    assert page.locator(".source-list li:not(.new)").count() == 2
    for sentence in page.locator(".sentences li").all():  # a sentence is new exactly when it was not shown before
        text = sentence.locator(".text").inner_text()
        assert ("new" in (sentence.get_attribute("class") or "").split()) == (text not in before)
        assert (sentence.locator(".badge.new").count() == 1) == (text not in before)
    page.screenshot(path=OUTPUT / "cluster-new-since-last-visit.png", full_page=True)

    page.reload()  # nothing changed since the visit just made
    page.wait_for_selector(".sentence")
    assert status.inner_text().startswith("Nothing new since your last visit")
    assert page.locator(".badge.new").count() == 0
    other = browser.new_context().new_page()  # another browser keeps its own last visit
    other.goto(server + cluster)
    other.wait_for_selector(".sentence")
    assert other.locator("#visit-status").inner_text().startswith("Your first visit")
    context.close()


@pytest.fixture(scope="module")
def story_server(tmp_path_factory):
    from newsbrief.store import Store
    from newsbrief.stories import ingest

    from .conftest import FIRE, FIRE_FOLLOW_UP

    db = str(tmp_path_factory.mktemp("update-stories") / "nb.sqlite")
    with Store(db) as store:
        ingest(store, [*FIRE, FIRE_FOLLOW_UP])
    yield from serving(db)


def test_a_story_page_briefs_what_is_new_since_a_date(story_server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(story_server + "/stories")
    page.get_by_role("link", name=re.compile("Kellhaven")).first.click()
    page.wait_for_selector(".sentence")
    page.get_by_label("What is new since").fill("2024-10-16")
    page.get_by_role("button", name="Brief the new articles").click()
    page.wait_for_url(re.compile(r"since=2024-10-16"))
    page.wait_for_selector(".sentence")
    assert "dated on or after 2024-10-16" in page.locator("main").inner_text()
    sentences = page.locator(".sentences .text").all_inner_texts()
    assert sentences and any("fuel line" in s for s in sentences)
    assert not any(s.startswith("A chemical tanker caught fire") for s in sentences)
    page.screenshot(path=OUTPUT / "story-since.png", full_page=True)
