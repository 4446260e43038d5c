"""Shared fixtures: where the bundled example and the development benchmark sets live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"


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
