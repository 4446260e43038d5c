"""The story stream's tables (`newsbrief.stories`): every statement they need, as `StoryTables` methods.

Reads take the store's lock for one statement; writes run inside the caller's `Store.transaction` (the lock is
re-entrant), so an ingest batch is one transaction however many methods it calls.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from sqlite3 import Row
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsbrief.store.database import Store

SQL_VARIABLES = 500
"""Parameters bound in one statement at most (SQLite's limit is 999 in older builds)."""
SEARCH_WORDS = 8
"""Words of a story search that count (each is one more scan condition)."""
STORY_COLUMNS = "SELECT id, size, first_date, last_date, last_seq, centroid FROM stories"
"""A story's clustering state, as `newsbrief.stories.stream.stored_story` reads it."""


class StoryTables:
    """Stories, their articles, the LSH bands and the term frequencies of one `Store` (``store.stories``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.store.query(sql, params)
        return rows[0] if rows else None

    # The clustering state a run starts from -----------------------------------------------------------------

    def term_frequencies(self) -> dict[str, int]:
        return {row[0]: row[1] for row in self.store.query("SELECT term, df FROM story_terms")}

    def originals(self) -> int:
        """Articles stored that are not copies (the documents the term frequencies count)."""
        return self.store.query("SELECT COUNT(*) FROM story_articles WHERE copy_of IS NULL")[0][0]

    def latest_date(self) -> str | None:
        return self.store.query("SELECT MAX(last_date) FROM stories")[0][0]

    def most_recent(self, limit: int) -> list[Row]:
        """The ``limit`` stories most recently added to, latest first (rows of `STORY_COLUMNS`)."""
        return self.store.query(f"{STORY_COLUMNS} ORDER BY last_seq DESC LIMIT ?", (limit,))

    def next_ids(self) -> tuple[int, int]:
        """The next article sequence number and the next story id."""
        seq = self.store.query("SELECT COALESCE(MAX(seq), 0) + 1 FROM story_articles")[0][0]
        story = self.store.query("SELECT COALESCE(MAX(id), 0) + 1 FROM stories")[0][0]
        return seq, story

    # Writes of an ingest (inside a transaction) -------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._one("SELECT 1 FROM story_articles WHERE id = ?", (article_id,)) is not None

    def exact_copy(self, fingerprint: str) -> Row | None:
        """``(seq, story_id)`` of the stored original with this text fingerprint, if any."""
        return self._one(
            "SELECT seq, story_id FROM story_articles WHERE fingerprint = ? AND copy_of IS NULL LIMIT 1", (fingerprint,)
        )

    def sharing_a_band(self, keys: Sequence[int]) -> list[Row]:
        """``(seq, story_id, signature)`` of every stored article with one of these LSH band keys."""
        return self.store.query(
            "SELECT a.seq, a.story_id, a.signature FROM story_articles a WHERE a.seq IN "
            f"(SELECT seq FROM story_bands WHERE key IN ({','.join('?' * len(keys))}))",
            keys,
        )

    def add_article(
        self,
        seq: int,
        article_id: str,
        story_id: int,
        copy_of: int | None,
        score: float,
        fields: dict[str, Any],
        fingerprint: str,
        signature: bytes,
    ) -> None:
        """One article of the stream; ``fields`` are its text (None for a copy), title, source, url, author and
        date."""
        self.store.conn.execute(
            "INSERT INTO story_articles (seq, id, story_id, copy_of, score, text, title, source, url, author, date, "
            "fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, article_id, story_id, copy_of, score, fields["text"], fields["title"], fields["source"],
             fields["url"], fields["author"], fields["date"], fingerprint, signature),
        )  # fmt: skip

    def add_bands(self, seq: int, keys: Iterable[int]) -> None:
        self.store.conn.executemany("INSERT INTO story_bands (key, seq) VALUES (?, ?)", [(key, seq) for key in keys])

    def grow_by_copy(self, story_id: int, iso: str | None, seq: int, updated: str) -> Row:
        """Count a copy in its story (size, dates, last article); the story's row after it."""
        self.store.conn.execute(
            "UPDATE stories SET size = size + 1, first_date = COALESCE(MIN(first_date, ?), first_date, ?), "
            "last_date = COALESCE(MAX(last_date, ?), last_date, ?), last_seq = ?, updated = ? WHERE id = ?",
            (iso, iso, iso, iso, seq, updated, story_id),
        )
        return self.store.conn.execute(f"{STORY_COLUMNS} WHERE id = ?", (story_id,)).fetchone()

    def grow(self, story_id: int, iso: str | None, seq: int, centroid: list[Any], updated: str) -> None:
        """Create the story with its first article, or count one more in it; either way its brief is stale."""
        self.store.conn.execute(
            "INSERT INTO stories (id, size, first_date, last_date, last_seq, centroid, stale, updated) "
            "VALUES (?, 1, ?, ?, ?, ?, 1, ?) ON CONFLICT(id) DO UPDATE SET size = size + 1, "
            "first_date = COALESCE(MIN(first_date, excluded.first_date), first_date, excluded.first_date), "
            "last_date = COALESCE(MAX(last_date, excluded.last_date), last_date, excluded.last_date), "
            "last_seq = excluded.last_seq, centroid = excluded.centroid, stale = 1, updated = excluded.updated",
            (story_id, iso, iso, seq, json.dumps(centroid, separators=(",", ":")), updated),
        )

    def add_term_counts(self, counts: Iterable[tuple[str, int]]) -> None:
        self.store.conn.executemany(
            "INSERT INTO story_terms (term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            counts,
        )

    # Briefs and what the list and the pages show --------------------------------------------------------------

    def stale(self) -> list[int]:
        """Ids of the stories whose brief is out of date, in order."""
        return [row[0] for row in self.store.query("SELECT id FROM stories WHERE stale = 1 ORDER BY id")]

    def set_brief(self, story_id: int, brief: str | None, headline: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE stories SET brief = ?, headline = ?, stale = 0 WHERE id = ?", (brief, headline, story_id)
            )

    def brief(self, story_id: int) -> str | None:
        """The story's brief as stored (JSON text), None when it has none (or there is no such story)."""
        row = self._one("SELECT brief FROM stories WHERE id = ?", (story_id,))
        return row[0] if row else None

    def with_text(self, story_id: int, limit: int | None = None) -> list[Row]:
        """The story's articles that carry text (copies do not), closest to the story first."""
        return self.store.query(
            "SELECT id, text, title, source, url, author, date FROM story_articles "
            "WHERE story_id = ? AND copy_of IS NULL ORDER BY score DESC, seq LIMIT ?",
            (story_id, -1 if limit is None else limit),
        )

    def titled(self, story_id: int, limit: int) -> list[Row]:
        """``(id, title, text)`` of the story's articles that have a title, closest to the story when they joined
        first; a copy (which stores no text) comes with its original's text, as it was compared by it."""
        return self.store.query(
            "SELECT a.id, a.title, COALESCE(a.text, o.text, '') AS text FROM story_articles a "
            "LEFT JOIN story_articles o ON o.seq = a.copy_of "
            "WHERE a.story_id = ? AND TRIM(a.title) != '' ORDER BY a.score DESC, a.seq LIMIT ?",
            (story_id, limit),
        )

    def centroid(self, story_id: int) -> dict[str, float]:
        """The story's centroid (term -> weight), empty when there is no such story."""
        row = self._one("SELECT centroid FROM stories WHERE id = ?", (story_id,))
        return json.loads(row[0]) if row else {}

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        """The document frequency of each of ``terms`` that the stream has seen."""
        wanted = sorted(set(terms))
        found: dict[str, int] = {}
        for start in range(0, len(wanted), SQL_VARIABLES):  # SQLite caps the parameters of one statement
            chunk = wanted[start : start + SQL_VARIABLES]
            rows = self.store.query(
                f"SELECT term, df FROM story_terms WHERE term IN ({','.join('?' * len(chunk))})", chunk
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    def listed(self, since: str | None, limit: int | None, search: str = "") -> list[Row]:
        """Stories with an article dated on or after ``since`` (all, if None), most recently changed first.

        search: words that must each occur (case-insensitively for ASCII letters, as any part of a word) in the
        story's headline or in the title or text of one of its articles; all stories when empty. Only the first
        `SEARCH_WORDS` words count. The search is a scan (``LIKE``) in order of last change, which stops once
        ``limit`` stories are found.
        """
        words = search.split()[:SEARCH_WORDS]
        each = (
            "(s.headline LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM story_articles a WHERE a.story_id = s.id "
            "AND (a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')))"
        )
        matched = "".join(f" AND {each}" for _ in words)
        return self.store.query(
            "SELECT s.id, s.size, s.first_date, s.last_date, s.headline, s.brief FROM stories s "
            f"WHERE (? IS NULL OR s.last_date >= ?){matched} ORDER BY s.last_seq DESC LIMIT ?",
            (since, since, *(like_pattern(word) for word in words for _ in range(3)), -1 if limit is None else limit),
        )

    def members(self, story_id: int) -> list[Row]:
        """``(id, source, url, copy_of)`` of the story's articles in arrival order (through its index)."""
        return self.store.query(
            "SELECT id, source, url, copy_of FROM story_articles WHERE story_id = ? ORDER BY seq", (story_id,)
        )

    def story(self, story_id: int) -> Row | None:
        """What the story page shows of the story itself."""
        return self._one(
            "SELECT id, size, first_date, last_date, headline, stale FROM stories WHERE id = ?", (story_id,)
        )

    def listing(self, story_id: int) -> list[Row]:
        """What the story page lists of each of its articles, copies included, in arrival order. The flag is
        ``is_copy``, not ``copy``: a template reads ``row.copy`` of a dict as the dict's ``copy`` method."""
        return self.store.query(
            "SELECT id, title, source, url, date, copy_of IS NOT NULL AS is_copy FROM story_articles "
            "WHERE story_id = ? ORDER BY seq",
            (story_id,),
        )

    def assignments(self) -> dict[str, int]:
        """Every article id with the story it joined."""
        return {row[0]: row[1] for row in self.store.query("SELECT id, story_id FROM story_articles")}


def like_pattern(text: str) -> str:
    """A ``LIKE ... ESCAPE '\\'`` pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` literal."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
