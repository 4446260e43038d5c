"""Shared fixtures: where the bundled example and the development benchmark sets live, and a small story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbrief.model import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Many tests read the development sets; without them, say so once instead of failing each test."""
    if not SHARED_DATA.is_dir():
        pytest.exit(
            f"the tests read the development sets in {SHARED_DATA}, which does not exist: put the shared folder "
            "(with its data/) beside this checkout, as README 'Tests' says",
            returncode=4,
        )


# Two outlets' reports of one (fictional) story, for the story tracker and its pages.
FIRE = [
    Article(
        id="f1",
        title="Tanker fire at Kellhaven docks",
        date="2024-10-14",
        source="Courier",
        url="https://courier.example/fire",
        text="A chemical tanker caught fire at Kellhaven docks on Monday. Hundreds of residents near the "
        "harbour were evacuated while firefighters fought the blaze in the engine room.",
    ),
    Article(
        id="f2",
        title="Kellhaven tanker blaze contained",
        date="2024-10-15",
        source="Herald",
        text="Firefighters contained the tanker blaze at Kellhaven docks on Tuesday morning. Evacuated "
        "residents near the harbour were told to wait before returning home.",
    ),
]
# A later article on the same fire, for what is new since a date.
FIRE_FOLLOW_UP = Article(
    id="f3",
    title="Fuel line blamed for Kellhaven tanker fire",
    date="2024-10-17",
    source="Gazette",
    text="A chemical tanker caught fire at Kellhaven docks on Monday. Investigators said on Thursday that a "
    "split fuel line in the engine room of the tanker caused the fire at Kellhaven docks.",
)


def load_clusters(relative: str, limit: int | None = None) -> list[dict]:
    """Clusters of a development set in ../shared/data (tests fail, not skip, if it is missing)."""
    with open(SHARED_DATA / relative, encoding="utf-8") as handle:
        return [json.loads(line) for line, _ in zip(handle, range(limit or 10**9))]


@pytest.fixture(scope="session")
def example_articles():
    from newsbrief.ingest.read import read_paths

    articles, problems = read_paths([str(EXAMPLES)])
    assert articles, problems
    return articles


@pytest.fixture(scope="session")
def duc2003():
    return load_clusters("duc2003-task2/duc2003_task2.jsonl")


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, driven by Playwright (the browser tests of the slow lane)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
