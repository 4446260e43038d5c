"""The bundled example cluster reads cleanly and carries what examples/README.md promises."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from newsbrief.ingest.read import read_paths

from .conftest import EXAMPLES, SHARED_DATA

SEED = SHARED_DATA / "seed-cluster"


@pytest.fixture(scope="module")
def articles() -> list:
    found, problems = read_paths([str(EXAMPLES)])
    assert problems == []
    return found


def test_example_folder_reads_into_six_to_eight_titled_articles(articles: list) -> None:
    assert 6 <= len(articles) <= 8
    assert all(a.title for a in articles)
    assert all(250 <= len(a.text.split()) <= 600 for a in articles)


def test_at_least_two_html_pages_with_date_and_author(articles: list) -> None:
    pages = [a for a in articles if a.origin.endswith(".html")]
    assert len(pages) >= 2
    assert all(a.date and a.author and a.source for a in pages)
    assert not any("Manage preferences" in a.text or "dataLayer" in a.text for a in pages)


def test_articles_span_two_or_three_days_with_relative_dates(articles: list) -> None:
    days = {a.date for a in articles if a.date}
    assert 2 <= len(days) <= 3
    text = " ".join(a.text for a in articles)
    assert "on Monday" in text and "two days after" in text


def test_outlets_disagree_on_the_number_evacuated(articles: list) -> None:
    def says(number: str) -> set[str]:
        return {a.origin for a in articles if re.search(rf"\b{number} (people|residents)", a.text)}

    assert len(says("1,200")) >= 2
    assert len(says("1,500")) >= 2
    assert not says("1,200") & says("1,500")


def test_examples_carry_scraped_noise(articles: list) -> None:
    text = "\n".join(a.text for a in articles)
    for trailer in ("Like this:", "Total Comments (0)", "Share this", "Published:", "»", "hearth"):
        assert trailer in text
    repeated = [line for a in articles for line, n in Counter(a.text.split("\n\n")).items() if n > 1 and len(line) > 40]
    assert repeated  # a photo caption repeated inside one article


def test_readme_describes_every_example_file() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "fictional" in readme
    for path in EXAMPLES.iterdir():
        if path.suffix in (".txt", ".html"):
            assert path.name in readme


@pytest.mark.skipif(not SEED.is_dir(), reason="needs ../shared/data/seed-cluster")
def test_examples_copy_no_text_from_the_seed_cluster() -> None:
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    seed = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in SEED.glob("*.txt")))
    ours = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in EXAMPLES.glob("*.*") if p.suffix != ".md"))
    assert not seed & ours
