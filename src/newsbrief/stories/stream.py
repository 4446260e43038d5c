"""Add articles to a store, each joining a story as it arrives; the state lives in the store, so runs resume.

For each article, in order (comparing its news text, `newsbrief.ingest.clean.news_text`, not the whole page):

1. an id already stored means the article is already there: skipped (running the same ingest twice adds nothing);
2. an exact or near-duplicate copy of a stored article (see `newsbrief.stories.copies`) is kept as an extra
   source of that article's story, without its text;
3. otherwise its TF-IDF vector (its words, and the names it writes: `newsbrief.stories.vectors`) joins the most
   similar active story above the threshold, or starts a new one (see `newsbrief.stories.tracker`), and the
   story is marked stale so its brief is refreshed.

Articles are written in transactions of `BATCH`: a run that is killed loses at most the batch in flight, and the
next run adds it again. One ingest at a time per store.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from sqlite3 import Row

import numpy as np

from newsbrief.ingest.clean import news_text
from newsbrief.model import Article
from newsbrief.store import Store, now
from newsbrief.store.stories import StoryTables
from newsbrief.stories.copies import band_keys, fingerprint, signature, similarity
from newsbrief.stories.tracker import Story, StoryConfig, StoryTracker, day
from newsbrief.stories.vectors import TermStats, article_names, article_terms
from newsbrief.text import tokens

BATCH = 500
"""Articles written per transaction."""


@dataclass
class IngestStats:
    """What one ingest did: articles added with their text, copies kept as sources, articles already stored,
    stories started, stories changed (their briefs are stale), and briefs refreshed."""

    added: int = 0
    copies: int = 0
    skipped: int = 0
    new_stories: int = 0
    changed: int = 0
    refreshed: int = 0

    def line(self) -> str:
        return (
            f"{self.added} articles added, {self.copies} copies kept as extra sources, {self.skipped} already "
            f"stored; {self.new_stories} new stories, {self.changed} changed, {self.refreshed} briefs refreshed"
        )


class StoryStream:
    """The clustering state of one store: term statistics, active stories, and the next ids.

    Build it with `StoryStream.load`, which reads what earlier runs stored.
    """

    def __init__(self, config: StoryConfig, stats: TermStats, tracker: StoryTracker, next_seq: int, next_story: int):
        self.config = config
        self.stats = stats
        self.tracker = tracker
        self.next_seq = next_seq
        self.next_story = next_story

    @classmethod
    def load(cls, store: Store, config: StoryConfig) -> StoryStream:
        tables = store.stories
        stats = TermStats()
        stats.df_ = tables.term_frequencies()
        stats.n_ = tables.originals()
        tracker = StoryTracker(config)
        tracker.clock_ = day(tables.latest_date())
        for row in reversed(tables.most_recent(config.max_active)):
            tracker.restore(stored_story(row))
        next_seq, next_story = tables.next_ids()
        return cls(config, stats, tracker, next_seq, next_story)

    def add(self, tables: StoryTables, article: Article) -> tuple[str, int | None]:
        """Store one article and put it in a story; return ``(outcome, story)``, outcome one of
        ``"skipped"``, ``"copy"``, ``"joined"``, ``"new"``. Runs inside the caller's transaction."""
        news = news_text(article)
        text_words = tokens.words(news)
        text_print = fingerprint(text_words)
        article_id = article.id or article.origin or f"text:{text_print[:16]}"
        if tables.has_article(article_id):
            return "skipped", None
        sig = signature(text_words)
        seq = self.next_seq
        self.next_seq += 1
        article_day = day(article.date)
        iso = None if article_day is None else date.fromordinal(article_day).isoformat()
        fields = {
            "text": article.text,
            "title": article.title,
            "source": article.source,
            "url": article.url,
            "author": article.author,
            "date": iso,
        }
        original = self.find_copy(tables, text_print, sig) if text_words else None
        if original is not None:
            copy_of, story_id, score = original
            tables.add_article(
                seq, article_id, story_id, copy_of, score, {**fields, "text": None}, text_print, sig.tobytes()
            )
            # the copy renews its story, as a later run would find it in the store
            self.tracker.restore(stored_story(tables.grow_by_copy(story_id, iso, seq, now())))
            self.tracker.tick(article_day)
            return "copy", story_id
        terms = article_terms(article.title, news)
        names = article_names(article.title, news) if self.config.name_weight else Counter()
        self.stats.add(terms + names)
        vector = self.stats.vector(terms, names, self.config.name_weight)
        story_id, score = self.tracker.best(vector, article_day)
        outcome = "joined"
        if story_id is None:
            story_id, score, outcome = self.next_story, 1.0, "new"
            self.next_story += 1
        story = self.tracker.add(story_id, vector, article_day, seq)
        tables.grow(story_id, iso, seq, story.centroid, now())
        tables.add_article(seq, article_id, story_id, None, score, fields, text_print, sig.tobytes())
        tables.add_bands(seq, band_keys(sig))
        return outcome, story_id

    def find_copy(self, tables: StoryTables, text_print: str, sig: np.ndarray) -> tuple[int, int, float] | None:
        """The stored article this text copies, as ``(seq, story, similarity)``, or None."""
        row = tables.exact_copy(text_print)
        if row is not None:
            return row[0], row[1], 1.0
        best = None
        for seq, story_id, blob in tables.sharing_a_band(band_keys(sig)):
            score = similarity(sig, np.frombuffer(blob, dtype=np.uint32))
            if score >= self.config.duplicate and (best is None or score > best[2]):
                best = (seq, story_id, score)
        return best

    def save_terms(self, tables: StoryTables) -> None:
        """Write the document-frequency increments counted since the last save."""
        tables.add_term_counts(self.stats.pending_.items())
        self.stats.pending_.clear()


def stored_story(row: Row) -> Story:
    """The tracker's `Story` of a row of `newsbrief.store.stories.STORY_COLUMNS`."""
    centroid = json.loads(row["centroid"])
    return Story(row["id"], centroid, row["size"], day(row["first_date"]), day(row["last_date"]), row["last_seq"])


def batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ingest(
    store: Store,
    articles: Iterable[Article],
    *,
    config: StoryConfig | None = None,
    briefs: bool = True,
    words: int = 100,
    progress: bool = False,
    total: int | None = None,
    label: str = "ingest",
) -> IngestStats:
    """Add ``articles`` (any iterable; read lazily) to the stories of ``store``; return what was done.

    Parameters
    ----------
    store : Store
        Where articles, stories and the clustering state are kept.
    articles : iterable of Article
        In arrival order. An article's ``id`` is kept as given (else its origin, else a hash of its text).
    config : StoryConfig, optional
        Similarity threshold, time window, active-set size, duplicate threshold.
    briefs : bool, default True
        Refresh the brief of every story that changed (see `newsbrief.stories.briefs.refresh_briefs`).
    words : int, default 100
        Word budget of the story briefs.
    progress : bool, default False
        Show progress bars on stderr.
    total : int, optional
        Number of articles, for the progress bar.

    Examples
    --------
    >>> with Store(":memory:") as store:
    ...     stats = ingest(store, [Article(text="A storm hit the coast of Kellhaven on Monday.", id="a")],
    ...                    briefs=False)
    ...     stats.added, ingest(store, [Article(text="A storm hit the coast of Kellhaven.", id="a")]).skipped
    (1, 1)
    """
    from tqdm import tqdm

    stream = StoryStream.load(store, config or StoryConfig())
    tables = store.stories
    stats = IngestStats()
    changed: set[int] = set()
    with tqdm(total=total, desc=label, unit="article", disable=not progress) as bar:
        for chunk in batches(articles, BATCH):
            with store.transaction():
                for article in chunk:
                    outcome, story_id = stream.add(tables, article)
                    if outcome == "skipped":
                        stats.skipped += 1
                    elif outcome == "copy":
                        stats.copies += 1
                    else:
                        stats.added += 1
                        stats.new_stories += outcome == "new"
                        changed.add(story_id)
                stream.save_terms(tables)
            bar.update(len(chunk))
    stats.changed = len(changed)
    if briefs:
        from newsbrief.stories.briefs import refresh_briefs

        stats.refreshed = refresh_briefs(store, words=words, progress=progress)
    return stats
