"""Stories from a stream: articles are added to a store one by one and grouped into stories as they arrive.

The Python API (the CLI's `ingest`, `stories` and `eval-stories` are a few lines over it):

>>> from newsbrief.store import Store
>>> from newsbrief.stories import Article, ingest, list_stories
>>> with Store(":memory:") as store:
...     stats = ingest(store, [
...         Article(id="a1", title="Tanker fire off Kellhaven", text="A tanker caught fire off Kellhaven port."),
...         Article(id="a2", title="Kellhaven tanker fire contained", text="The tanker fire off Kellhaven port "
...                 "was contained by crews."),
...     ], briefs=False)
...     [(s["headline"], s["articles"]) for s in list_stories(store)]
[('Kellhaven tanker fire contained', ['a1', 'a2'])]

Names are imported on first use, so ``import newsbrief.stories`` (which the CLI does) stays instant.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_API = {
    "Article": "newsbrief.model",
    "StoryConfig": "newsbrief.stories.tracker",
    "IngestStats": "newsbrief.stories.stream",
    "ingest": "newsbrief.stories.stream",
    "list_stories": "newsbrief.stories.briefs",
    "refresh_briefs": "newsbrief.stories.briefs",
    "story_brief": "newsbrief.stories.briefs",
    "story_articles": "newsbrief.stories.briefs",
    "StoryScores": "newsbrief.stories.evaluate",
    "evaluate_stories": "newsbrief.stories.evaluate",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'newsbrief.stories' has no attribute {name!r}")
    return getattr(import_module(_API[name]), name)
