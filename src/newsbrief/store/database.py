"""The embedded SQLite store behind `newsbrief serve` and `newsbrief ingest`: the connection, the schema, and the
web app's clusters, documents and cached briefs (the story stream's tables are `newsbrief.store.stories`).

One file, WAL journal, ``synchronous=FULL``: a write that `Store.transaction` has committed survives the process
being killed. The schema is the ordered, append-only `MIGRATIONS` list; opening a store applies the ones not yet
recorded in the ``migrations`` table, all in one transaction. To change the schema, append a script; never edit
or reorder an entry that has shipped.

>>> with Store(":memory:") as store:
...     cluster = store.create_cluster("Storm", [Article(text="A storm hit the coast.")])
...     [a.text for a in store.cluster(cluster).articles]
['A storm hit the coast.']
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

from newsbrief.model import Article
from newsbrief.store.stories import StoryTables

MIGRATIONS: list[str] = [
    # 1: clusters of documents edited in the web app, and briefs cached by content hash.
    """
    CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        date TEXT,
        doc_id TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX documents_by_cluster ON documents(cluster_id, id);
    CREATE TABLE briefs (
        key TEXT NOT NULL,
        format TEXT NOT NULL,
        body TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (key, format)
    );
    """,
    # 2: stories found in a stream of articles (newsbrief.stories): articles with the story they joined, LSH
    # bands for near-duplicate look-ups, document frequencies for TF-IDF, and each story's state and brief.
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        size INTEGER NOT NULL,
        first_date TEXT,
        last_date TEXT,
        last_seq INTEGER NOT NULL,
        centroid TEXT NOT NULL,
        headline TEXT NOT NULL DEFAULT '',
        brief TEXT,
        stale INTEGER NOT NULL DEFAULT 1,
        updated TEXT NOT NULL
    );
    CREATE INDEX stories_by_last_seq ON stories(last_seq);
    CREATE INDEX stories_stale ON stories(stale) WHERE stale = 1;
    CREATE TABLE story_articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        copy_of INTEGER REFERENCES story_articles(seq),
        score REAL NOT NULL,
        text TEXT,
        title TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        date TEXT,
        fingerprint TEXT NOT NULL,
        signature BLOB NOT NULL
    );
    CREATE INDEX story_articles_by_story ON story_articles(story_id, seq);
    CREATE INDEX story_articles_by_fingerprint ON story_articles(fingerprint);
    CREATE TABLE story_bands (key INTEGER NOT NULL, seq INTEGER NOT NULL);
    CREATE INDEX story_bands_by_key ON story_bands(key);
    CREATE TABLE story_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
    """,
]

CLUSTER_SUMMARY = """
    SELECT c.id, c.title, c.created, c.updated,
           (SELECT COUNT(*) FROM documents d WHERE d.cluster_id = c.id) AS documents
    FROM clusters c"""
ARTICLE_COLUMNS = ("text", "title", "source", "url", "author", "date", "doc_id")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class StoredCluster:
    """A cluster as stored: its id, title, timestamps and documents in order (index = position)."""

    id: int
    title: str
    created: str
    updated: str
    articles: tuple[Article, ...]

    def content_hash(self, **settings: Any) -> str:
        """A hash of the documents and the brief settings: the key briefs are cached under."""
        return content_hash(self.articles, **settings)


def content_hash(articles: Sequence[Article], **settings: Any) -> str:
    """SHA-256 of the articles' fields (not their origin) and the settings, in a canonical JSON form."""
    data = {
        "articles": [[a.text, a.title, a.source, a.url, a.author, a.date, a.id] for a in articles],
        "settings": settings,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class Store:
    """A SQLite database file (or ``":memory:"``) with the newsbrief schema; use it as a context manager.

    path (str): the database file, created if missing; ``":memory:"`` for a throwaway store.

    One connection is shared by the threads of a server, behind a lock: every statement is short, and SQLite
    serialises writers anyway.
    """

    def __init__(self, path: str = "newsbrief.sqlite") -> None:
        self.path = str(path)
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA busy_timeout = 10000")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run the block's statements as one write transaction: all committed, or none if it raises."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """All rows of a read-only statement."""
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def migrate(self) -> list[int]:
        """Apply the `MIGRATIONS` not yet recorded, in order, in one transaction; return their numbers."""
        with self.transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, applied TEXT NOT NULL)")
            done = {row[0] for row in conn.execute("SELECT id FROM migrations")}
            pending = [n for n in range(1, len(MIGRATIONS) + 1) if n not in done]
            for number in pending:
                for statement in statements(MIGRATIONS[number - 1]):
                    conn.execute(statement)
                conn.execute("INSERT INTO migrations (id, applied) VALUES (?, ?)", (number, now()))
        return pending

    @property
    def stories(self) -> StoryTables:
        """The story stream's tables (`newsbrief.store.stories.StoryTables`)."""
        return StoryTables(self)

    # Clusters and their documents -------------------------------------------------------------------------

    def create_cluster(self, title: str, articles: Sequence[Article]) -> int:
        """Store a new cluster with its documents; return its id."""
        with self.transaction() as conn:
            stamp = now()
            cursor = conn.execute(
                "INSERT INTO clusters (title, created, updated) VALUES (?, ?, ?)", (title, stamp, stamp)
            )
            cluster_id = cursor.lastrowid
            insert_articles(conn, cluster_id, articles)
        return cluster_id

    def add_documents(self, cluster_id: int, articles: Sequence[Article]) -> bool:
        """Append documents to a cluster; False if there is no such cluster."""
        with self.transaction() as conn:
            if not touch(conn, cluster_id):
                return False
            insert_articles(conn, cluster_id, articles)
        return True

    def remove_document(self, cluster_id: int, index: int) -> bool:
        """Delete the cluster's document at ``index`` (0-based, in order); False if there is none."""
        if index < 0:
            return False
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM documents WHERE cluster_id = ? ORDER BY id LIMIT 1 OFFSET ?", (cluster_id, index)
            ).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM documents WHERE id = ?", (row[0],))
            touch(conn, cluster_id)
        return True

    def delete_cluster(self, cluster_id: int) -> bool:
        with self.transaction() as conn:
            return conn.execute("DELETE FROM clusters WHERE id = ?", (cluster_id,)).rowcount > 0

    def cluster(self, cluster_id: int) -> StoredCluster | None:
        """The cluster with its documents, or None."""
        with self.lock:
            row = self.conn.execute("SELECT * FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
            if row is None:
                return None
            docs = self.conn.execute(
                f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM documents WHERE cluster_id = ? ORDER BY id", (cluster_id,)
            ).fetchall()
        articles = tuple(
            Article.from_dict(dict(d), origin=f"cluster {cluster_id} document {i}") for i, d in enumerate(docs)
        )
        return StoredCluster(row["id"], row["title"], row["created"], row["updated"], articles)

    def clusters(self, search: str = "", limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Clusters, newest change first, whose title or any document's title or text contains ``search``."""
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where = """? = '' OR c.title LIKE ? ESCAPE '\\' OR EXISTS (
            SELECT 1 FROM documents d WHERE d.cluster_id = c.id
            AND (d.title LIKE ? ESCAPE '\\' OR d.text LIKE ? ESCAPE '\\'))"""
        rows = self.query(
            f"{CLUSTER_SUMMARY} WHERE {where} ORDER BY c.updated DESC, c.id DESC LIMIT ? OFFSET ?",
            (search, pattern, pattern, pattern, limit, offset),
        )
        return [dict(row) for row in rows]

    def summary(self, cluster_id: int) -> dict[str, Any] | None:
        """One cluster as `clusters` lists it (id, title, created, updated, number of documents), or None."""
        rows = self.query(f"{CLUSTER_SUMMARY} WHERE c.id = ?", (cluster_id,))
        return dict(rows[0]) if rows else None

    # Briefs cached by content hash --------------------------------------------------------------------------

    def cached_brief(self, key: str, fmt: str) -> str | None:
        rows = self.query("SELECT body FROM briefs WHERE key = ? AND format = ?", (key, fmt))
        return rows[0][0] if rows else None

    def cache_brief(self, key: str, bodies: dict[str, str]) -> None:
        """Keep the brief rendered in each format under its content hash."""
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO briefs (key, format, body, created) VALUES (?, ?, ?, ?)",
                [(key, fmt, body, now()) for fmt, body in bodies.items()],
            )


def statements(script: str) -> Iterator[str]:
    """The SQL statements of a script, one by one (``executescript`` would commit the open transaction)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                yield pending.strip()
            pending = ""
    if pending.strip(" \n\t;"):
        raise sqlite3.OperationalError(f"incomplete SQL statement in a migration: {pending.strip()[:80]}")


def touch(conn: sqlite3.Connection, cluster_id: int) -> bool:
    """Mark the cluster as changed now; False if it does not exist."""
    return conn.execute("UPDATE clusters SET updated = ? WHERE id = ?", (now(), cluster_id)).rowcount > 0


def insert_articles(conn: sqlite3.Connection, cluster_id: int, articles: Sequence[Article]) -> None:
    conn.executemany(
        "INSERT INTO documents (cluster_id, text, title, source, url, author, date, doc_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(cluster_id, a.text, a.title, a.source, a.url, a.author, a.date, a.id) for a in articles],
    )
