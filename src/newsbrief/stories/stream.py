"""Add articles to a store, each joining a story as it arrives; the state lives in the store, so runs resume.

For each article, in order (comparing its news text, `newsbrief.ingest.clean.news_text`, not the whole page):

1. an id already stored means the article is already there: skipped (running the same ingest twice adds nothing);
2. an exact or near-duplicate copy of a stored article (see `newsbrief.stories.copies`) is kept as an extra
   source of that article's story, without its text;
3. otherwise its TF-IDF vector joins the most similar active story above the threshold, or starts a new one
   (see `newsbrief.stories.tracker`), and the story is marked stale so its brief is refreshed.

Articles are written in transactions of `BATCH`: a run that is killed loses at most the batch in flight, and the
next run adds it again. One ingest at a time per store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from sqlite3 import Connection, Row

import numpy as np

from newsbrief.ingest.clean import news_text
from newsbrief.model import Article
from newsbrief.store import Store, now
from newsbrief.stories.copies import band_keys, fingerprint, signature, similarity
from newsbrief.stories.tracker import Story, StoryConfig, StoryTracker, day
from newsbrief.stories.vectors import TermStats, article_terms
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
        stats = TermStats()
        stats.df_ = {row[0]: row[1] for row in store.query("SELECT term, df FROM story_terms")}
        stats.n_ = store.query("SELECT COUNT(*) FROM story_articles WHERE copy_of IS NULL")[0][0]
        tracker = StoryTracker(config)
        tracker.clock_ = day(store.query("SELECT MAX(last_date) FROM stories")[0][0])
        rows = store.query(f"{_STORY} ORDER BY last_seq DESC LIMIT ?", (config.max_active,))
        for row in reversed(rows):
            tracker.restore(stored_story(row))
        next_seq = store.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM story_articles")[0][0]
        next_story = store.query("SELECT COALESCE(MAX(id), 0) + 1 FROM stories")[0][0]
        return cls(config, stats, tracker, next_seq, next_story)

    def add(self, conn: Connection, article: Article) -> tuple[str, int | None]:
        """Store one article and put it in a story; return ``(outcome, story)``, outcome one of
        ``"skipped"``, ``"copy"``, ``"joined"``, ``"new"``."""
        news = news_text(article)
        text_words = tokens.words(news)
        text_print = fingerprint(text_words)
        article_id = article.id or article.origin or f"text:{text_print[:16]}"
        if conn.execute("SELECT 1 FROM story_articles WHERE id = ?", (article_id,)).fetchone():
            return "skipped", None
        sig = signature(text_words)
        seq = self.next_seq
        self.next_seq += 1
        article_day = day(article.date)
        iso = None if article_day is None else date.fromordinal(article_day).isoformat()
        original = self.find_copy(conn, text_print, sig) if text_words else None
        if original is not None:
            copy_of, story_id, score = original
            insert_article(conn, seq, article_id, story_id, copy_of, score, article, iso, text_print, sig)
            conn.execute(
                "UPDATE stories SET size = size + 1, first_date = COALESCE(MIN(first_date, ?), first_date, ?), "
                "last_date = COALESCE(MAX(last_date, ?), last_date, ?), last_seq = ?, updated = ? WHERE id = ?",
                (iso, iso, iso, iso, seq, now(), story_id),
            )
            # the copy renews its story, as a later run would find it in the store
            self.tracker.restore(stored_story(conn.execute(f"{_STORY} WHERE id = ?", (story_id,)).fetchone()))
            self.tracker.tick(article_day)
            return "copy", story_id
        terms = article_terms(article.title, news)
        self.stats.add(terms)
        vector = self.stats.vector(terms)
        story_id, score = self.tracker.best(vector, article_day)
        outcome = "joined"
        if story_id is None:
            story_id, score, outcome = self.next_story, 1.0, "new"
            self.next_story += 1
        story = self.tracker.add(story_id, vector, article_day, seq)
        conn.execute(
            "INSERT INTO stories (id, size, first_date, last_date, last_seq, centroid, stale, updated) "
            "VALUES (?, 1, ?, ?, ?, ?, 1, ?) ON CONFLICT(id) DO UPDATE SET size = size + 1, "
            "first_date = COALESCE(MIN(first_date, excluded.first_date), first_date, excluded.first_date), "
            "last_date = COALESCE(MAX(last_date, excluded.last_date), last_date, excluded.last_date), "
            "last_seq = excluded.last_seq, centroid = excluded.centroid, stale = 1, updated = excluded.updated",
            (story_id, iso, iso, seq, json.dumps(story.centroid, separators=(",", ":")), now()),
        )
        insert_article(conn, seq, article_id, story_id, None, score, article, iso, text_print, sig)
        conn.executemany("INSERT INTO story_bands (key, seq) VALUES (?, ?)", [(key, seq) for key in band_keys(sig)])
        return outcome, story_id

    def find_copy(self, conn: Connection, text_print: str, sig: np.ndarray) -> tuple[int, int, float] | None:
        """The stored article this text copies, as ``(seq, story, similarity)``, or None."""
        row = conn.execute(
            "SELECT seq, story_id FROM story_articles WHERE fingerprint = ? AND copy_of IS NULL LIMIT 1", (text_print,)
        ).fetchone()
        if row is not None:
            return row[0], row[1], 1.0
        keys = band_keys(sig)
        rows = conn.execute(
            "SELECT a.seq, a.story_id, a.signature FROM story_articles a WHERE a.seq IN "
            f"(SELECT seq FROM story_bands WHERE key IN ({','.join('?' * len(keys))}))",
            keys,
        ).fetchall()
        best = None
        for seq, story_id, blob in rows:
            score = similarity(sig, np.frombuffer(blob, dtype=np.uint32))
            if score >= self.config.duplicate and (best is None or score > best[2]):
                best = (seq, story_id, score)
        return best

    def save_terms(self, conn: Connection) -> None:
        """Write the document-frequency increments counted since the last save."""
        conn.executemany(
            "INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            self.stats.pending_.items(),
        )
        self.stats.pending_.clear()


_STORY = "SELECT id, size, first_date, last_date, last_seq, centroid FROM stories"


def stored_story(row: Row) -> Story:
    """The tracker's `Story` of a row of `_STORY`."""
    centroid = json.loads(row["centroid"])
    return Story(row["id"], centroid, row["size"], day(row["first_date"]), day(row["last_date"]), row["last_seq"])


def insert_article(
    conn: Connection,
    seq: int,
    article_id: str,
    story_id: int,
    copy_of: int | None,
    score: float,
    article: Article,
    iso: str | None,
    text_print: str,
    sig: np.ndarray,
) -> None:
    conn.execute(
        "INSERT INTO story_articles (seq, id, story_id, copy_of, score, text, title, source, url, author, date, "
        "fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            seq,
            article_id,
            story_id,
            copy_of,
            score,
            None if copy_of is not None else article.text,
            article.title,
            article.source,
            article.url,
            article.author,
            iso,
            text_print,
            sig.tobytes(),
        ),
    )


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
    stats = IngestStats()
    changed: set[int] = set()
    with tqdm(total=total, desc=label, unit="article", disable=not progress) as bar:
        for chunk in batches(articles, BATCH):
            with store.transaction() as conn:
                for article in chunk:
                    outcome, story_id = stream.add(conn, article)
                    if outcome == "skipped":
                        stats.skipped += 1
                    elif outcome == "copy":
                        stats.copies += 1
                    else:
                        stats.added += 1
                        stats.new_stories += outcome == "new"
                        changed.add(story_id)
                stream.save_terms(conn)
            bar.update(len(chunk))
    stats.changed = len(changed)
    if briefs:
        from newsbrief.stories.briefs import refresh_briefs

        stats.refreshed = refresh_briefs(store, words=words, progress=progress)
    return stats
