"""Story briefs and the story list: what `newsbrief stories` and the web app's stories page show.

A story's brief is refreshed only when the story changed (it is marked stale by `newsbrief.stories.stream`),
from at most `BRIEF_ARTICLES` of its articles, the ones closest to the story when they joined it: the cost of a
refresh does not grow with the story.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from newsbrief.errors import NewsbriefError
from newsbrief.model import Article
from newsbrief.store import Store
from newsbrief.text import one_line

BRIEF_ARTICLES = 10
HEADLINE_WORDS = 20
"""A headline taken from a sentence (no article has a title) is cut to this many words."""


def story_articles(store: Store, story_id: int, limit: int | None = None) -> list[Article]:
    """The story's articles that carry text (copies do not), closest to the story first."""
    rows = store.stories.with_text(story_id, limit)
    return [Article.from_dict(dict(row), origin=f"story {story_id}: {row['id']}") for row in rows]


def headline(articles: list[Article], brief: dict[str, Any] | None) -> str:
    """The title of the article closest to the story, else the brief's first sentence, shortened."""
    for article in articles:
        if article.title.strip():
            return one_line(article.title)
    if brief and brief.get("sentences"):
        sentence = brief["sentences"][0]["text"].split()
        return " ".join(sentence[:HEADLINE_WORDS]) + (" ..." if len(sentence) > HEADLINE_WORDS else "")
    return ""


def refresh_briefs(store: Store, *, words: int = 100, progress: bool = False) -> int:
    """Summarize every stale story again and store its brief (``Brief.to_dict()`` JSON) and headline.

    Returns the number of stories refreshed. A story that cannot be summarized keeps no brief; its headline is
    still set.
    """
    from tqdm import tqdm

    from newsbrief.pipeline import summarize

    stale = store.stories.stale()
    for story_id in tqdm(stale, desc="briefs", unit="story", disable=not progress):
        articles = story_articles(store, story_id, BRIEF_ARTICLES)
        try:
            brief = summarize(articles, words=words, analysis=False).to_dict()
        except NewsbriefError:
            brief = None
        store.stories.set_brief(story_id, None if brief is None else json.dumps(brief), headline(articles, brief))
    return len(stale)


def list_stories(store: Store, since: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Stories, most recently changed first: ``{id, headline, articles, size, outlets, first_date, last_date,
    first_sentence, copies}``, ``articles`` being the article ids in arrival order.

    since: only stories with an article dated on or after this ISO date (undated stories are left out).
    """
    rows = store.stories.listed(since, limit)
    members = story_members(store, [row["id"] for row in rows])
    found = []
    for row in rows:
        ids, outlets, copies = members[row["id"]]
        brief = json.loads(row["brief"]) if row["brief"] else None
        first = brief["sentences"][0]["text"] if brief and brief.get("sentences") else ""
        found.append(
            {
                "id": row["id"],
                "headline": row["headline"] or headline(story_articles(store, row["id"], 1), None),
                "articles": ids,
                "size": row["size"],
                "outlets": len(outlets),
                "copies": copies,
                "first_date": row["first_date"],
                "last_date": row["last_date"],
                "first_sentence": first,
            }
        )
    return found


def story_members(store: Store, story_ids: list[int]) -> dict[int, tuple[list[str], set[str], int]]:
    """Per story: its article ids in arrival order, its outlets (source, else the URL's host), its copies.

    Each story's rows come through the ``(story_id, seq)`` index, so listing a page of stories reads only
    their articles, however large the store.
    """
    members: dict[int, tuple[list[str], set[str], int]] = {}
    for story_id in story_ids:
        rows = store.stories.members(story_id)
        outlets = {outlet.lower() for row in rows if (outlet := row[1].strip() or urlsplit(row[2]).hostname or "")}
        members[story_id] = ([row[0] for row in rows], outlets, sum(row[3] is not None for row in rows))
    return members


def story_brief(store: Store, story_id: int) -> dict[str, Any] | None:
    """The stored brief of a story (``Brief.to_dict()``), or None when it has none yet."""
    stored = store.stories.brief(story_id)
    return json.loads(stored) if stored else None
