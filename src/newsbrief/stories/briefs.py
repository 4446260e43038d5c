"""Story briefs and the story list: what `newsbrief stories` and the web app's stories page show.

A story's brief is refreshed only when the story changed (it is marked stale by `newsbrief.stories.stream`),
from at most `BRIEF_ARTICLES` of its articles, the ones closest to the story when they joined it: the cost of a
refresh does not grow with the story.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from newsbrief.errors import NewsbriefError
from newsbrief.ingest.clean import news_text
from newsbrief.model import Article, Brief
from newsbrief.store import Store
from newsbrief.stories.tracker import heaviest
from newsbrief.stories.vectors import TermStats, article_terms, dot
from newsbrief.text import one_line
from newsbrief.text.tokens import stem

BRIEF_ARTICLES = 10
TITLE_CANDIDATES = 50
"""A story's headline is the title, of those of its first articles by closeness when they joined, that is
closest to the story's centroid now (a large story's later articles are near these anyway)."""
LABEL_NAMES = 3
"""A story with no titled article is labelled with this many of its most widely reported names (or terms)."""


WORD = re.compile(r"[A-Za-z0-9]+")
"""A word as `newsbrief.text.tokens.words` finds it, with its case kept."""


def story_articles(store: Store, story_id: int, limit: int | None = None) -> list[Article]:
    """The story's articles that carry text (copies do not), closest to the story first."""
    rows = store.stories.with_text(story_id, limit)
    return [Article.from_dict(dict(row), origin=f"story {story_id}: {row['id']}") for row in rows]


def story_headline(store: Store, story_id: int, brief: dict[str, Any] | None) -> str:
    """The title of the story's most central titled article; without one, a label of its main names (from the
    brief's entities, the most widely reported first), else of its heaviest terms; "" for an empty story."""
    return central_title(store, story_id) or names_label(brief) or terms_label(store, story_id)


def central_title(store: Store, story_id: int) -> str:
    """The title of the titled article whose TF-IDF vector (document frequencies as now stored, the vector the
    stream compares) is closest to the story's centroid; "" when no article has a title.

    The first article of a story joined it with similarity 1 and later ones with their similarity to the story
    as it then was, so the order articles joined in does not say which one is central now.
    """
    rows = store.stories.titled(story_id, TITLE_CANDIDATES)
    if not rows:
        return ""
    centroid = store.stories.centroid(story_id)
    norm = math.sqrt(sum(weight * weight for weight in centroid.values())) or 1.0
    counted = [article_terms(row["title"], compared_text(row["title"], row["text"])) for row in rows]
    stats = TermStats()
    stats.df_ = store.stories.frequencies(term for terms in counted for term in terms)
    stats.n_ = store.stories.originals()
    scores = [dot(stats.vector(terms), centroid) / norm for terms in counted]
    best = max(range(len(rows)), key=lambda i: (scores[i], -i))  # ties: the one closer when it joined
    return one_line(rows[best]["title"])


def compared_text(title: str, text: str) -> str:
    """The text the stream compared an article by (`newsbrief.stories.stream`): its news text."""
    return news_text(Article(text=text, title=title)) if text.strip() else ""


def names_label(brief: dict[str, Any] | None) -> str:
    """The brief's `LABEL_NAMES` most widely reported people, organisations and places: "Augusto Pinochet,
    London, Spain"; "" when it has none."""
    names = dict.fromkeys(name for entity in (brief or {}).get("entities", []) if (name := one_line(entity["text"])))
    return ", ".join(list(names)[:LABEL_NAMES])


def terms_label(store: Store, story_id: int) -> str:
    """The story's `LABEL_NAMES` heaviest centroid terms, each as the word its articles most often write for it
    ("Tanker, fire, Kellhaven"); "" when it has none."""
    top = heaviest(store.stories.centroid(story_id), LABEL_NAMES)
    if not top:
        return ""
    written: dict[str, Counter[str]] = {term: Counter() for term in top}
    for article in story_articles(store, story_id, BRIEF_ARTICLES):
        for word in WORD.findall(f"{article.title} {article.text}"):
            forms = written.get(stem(word.lower()))
            if forms is not None:
                forms[word] += 1
    shown = [forms.most_common(1)[0][0] if forms else term for term, forms in written.items()]
    label = ", ".join(shown)
    return label[:1].upper() + label[1:]


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
            # with the analysis: the story page shows the story's timeline and its people, places and organisations
            brief = summarize(articles, words=words).to_dict()
        except NewsbriefError:
            brief = None
        stored = None if brief is None else json.dumps(brief)
        store.stories.set_brief(story_id, stored, story_headline(store, story_id, brief))
    return len(stale)


def list_stories(
    store: Store, since: str | None = None, limit: int | None = None, search: str = ""
) -> list[dict[str, Any]]:
    """Stories, most recently changed first: ``{id, headline, articles, size, outlets, first_date, last_date,
    first_sentence, copies}``, ``articles`` being the article ids in arrival order, ``outlets`` the number of
    distinct outlets (0 when no article names its source or has a URL).

    since: only stories with an article dated on or after this ISO date (undated stories are left out).
    search: only stories whose headline, or an article's title or text, has each of these words
        (`newsbrief.store.stories.StoryTables.listed`).
    """
    rows = store.stories.listed(since, limit, search)
    members = story_members(store, [row["id"] for row in rows])
    found = []
    for row in rows:
        ids, outlets, copies = members[row["id"]]
        brief = json.loads(row["brief"]) if row["brief"] else None
        first = one_line(brief["sentences"][0]["text"]) if brief and brief.get("sentences") else ""
        title = row["headline"] or story_headline(store, row["id"], brief)  # no brief written yet: no headline
        found.append(
            {
                "id": row["id"],
                "headline": title,
                "articles": ids,
                "size": row["size"],
                "outlets": len(outlets),
                "copies": copies,
                "first_date": row["first_date"],
                "last_date": row["last_date"],
                "first_sentence": "" if first == title else first,  # a title that is the lead, shown once
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
        outlets = {name.lower() for row in rows if (name := outlet(row[1], row[2]))}
        members[story_id] = ([row[0] for row in rows], outlets, sum(row[3] is not None for row in rows))
    return members


def outlet(source: str, url: str) -> str:
    """Who published an article: its source, else its URL's host (without ``www.``), else "".

    >>> outlet("", "https://www.courier.example/fire"), outlet("Wire", "https://x.example/"), outlet("", "n/a")
    ('courier.example', 'Wire', '')
    """
    if source.strip():
        return one_line(source)
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:  # a malformed URL (an unclosed [ in the host) names no outlet
        return ""
    return host.removeprefix("www.")


SEEN_ARTICLES = 200
"""An update brief reads at most this many of a story's older articles as already seen (the closest first)."""


def story_update(store: Store, story_id: int, since: str, *, words: int = 100) -> Brief | None:
    """The story's brief since ``since`` (an ISO date): its articles dated on or after it are new, the older ones
    (and the undated, which cannot be told to be new) are seen, so the brief covers what the new ones add.

    Reads at most `BRIEF_ARTICLES` new articles and `SEEN_ARTICLES` seen ones, the closest to the story first.
    None when the story has no article dated on or after ``since`` (or there is no such story).
    """
    from newsbrief.pipeline import summarize

    new, seen = articles_since(store, story_id, since)
    return summarize(new, words=words, seen=seen) if new else None


def articles_since(store: Store, story_id: int, since: str) -> tuple[list[Article], list[Article]]:
    """The story's articles dated on or after ``since`` (at most `BRIEF_ARTICLES`) and the others, already seen
    (at most `SEEN_ARTICLES`), each the closest to the story first."""
    new, seen = [], []
    for article in story_articles(store, story_id):
        (new if article.date and article.date[:10] >= since else seen).append(article)
    return new[:BRIEF_ARTICLES], seen[:SEEN_ARTICLES]


def story_brief(store: Store, story_id: int) -> dict[str, Any] | None:
    """The stored brief of a story (``Brief.to_dict()``), or None when it has none yet."""
    stored = store.stories.brief(story_id)
    return json.loads(stored) if stored else None
