"""The SQLite store: migrations, transactions, clusters, search and the brief cache, on real SQLite."""

import sqlite3

import pytest

from newsbrief.model import Article
from newsbrief.store import Store, content_hash
from newsbrief.store.database import MIGRATIONS


@pytest.fixture
def store():
    with Store(":memory:") as s:
        yield s


def article(text: str, title: str = "") -> Article:
    return Article(text=text, title=title)


def test_migrations_are_recorded_once_and_wal_is_on(tmp_path):
    path = tmp_path / "nb.sqlite"
    with Store(str(path)) as first:
        assert first.query("PRAGMA journal_mode")[0][0] == "wal"
    with Store(str(path)) as again:
        assert again.migrate() == []
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT id FROM migrations ORDER BY id")] == list(range(1, len(MIGRATIONS) + 1))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_failed_transaction_writes_nothing(store):
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO clusters (title, created, updated) VALUES ('x', '', '')")
        raise RuntimeError("boom")
    assert store.clusters() == []


def test_cluster_documents_keep_their_order_and_fields(store):
    first = Article(text="One.", title="T1", source="S", url="https://a", author="A", date="2020-01-02", id="d1")
    cid = store.create_cluster("Storm", [first, article("Two."), article("Three.")])
    assert store.add_documents(cid, [article("Four.")])
    assert store.remove_document(cid, 1)
    got = store.cluster(cid)
    assert [a.text for a in got.articles] == ["One.", "Three.", "Four."]
    assert (got.articles[0].title, got.articles[0].date, got.articles[0].id) == ("T1", "2020-01-02", "d1")
    assert not store.remove_document(cid, 3)
    assert not store.remove_document(cid, -1)
    assert not store.add_documents(cid + 1, [article("x")])
    assert store.cluster(cid + 1) is None


def test_search_matches_titles_and_text_and_escapes_wildcards(store):
    a = store.create_cluster("Election night", [article("Votes were counted.")])
    b = store.create_cluster("Storm", [article("Power is out for 100% of homes.", title="Blackout")])
    assert [c["id"] for c in store.clusters("election")] == [a]
    assert [c["id"] for c in store.clusters("blackout")] == [b]
    assert [c["id"] for c in store.clusters("100%")] == [b]
    assert store.clusters("_") == []
    assert {c["id"] for c in store.clusters()} == {a, b}
    assert store.clusters("counted")[0]["documents"] == 1


def test_content_hash_changes_with_documents_and_settings():
    docs = [article("One."), article("Two.")]
    assert content_hash(docs, words=100) == content_hash(list(docs), words=100)
    assert content_hash(docs, words=100) != content_hash(docs[:1], words=100)
    assert content_hash(docs, words=100) != content_hash(docs, words=50)


def test_brief_cache_round_trip(store):
    store.cache_brief("k", {"json": "{}", "markdown": "# x"})
    assert store.cached_brief("k", "markdown") == "# x"
    assert store.cached_brief("k", "html") is None
    assert store.cached_brief("other", "json") is None


def test_deleting_a_cluster_deletes_its_documents(store):
    cid = store.create_cluster("x", [article("One.")])
    assert store.delete_cluster(cid)
    assert store.query("SELECT COUNT(*) FROM documents")[0][0] == 0


def test_migration_scripts_split_into_statements_even_with_triggers():
    from newsbrief.store.database import statements

    script = """
    CREATE TABLE t (x TEXT);
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN SELECT 1; SELECT 'a;b'; END;
    """
    assert [s.split()[1] for s in statements(script)] == ["TABLE", "TRIGGER"]
