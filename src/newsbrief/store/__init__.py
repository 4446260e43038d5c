"""The embedded SQLite store, and the only package with SQL in it.

- `database`: `Store` (the connection, transactions, the schema's migrations, the web app's clusters,
  documents and cached briefs), `StoredCluster`, `content_hash`;
- `stories`: `StoryTables` (``store.stories``), the statements of the story stream.
"""

from newsbrief.store.database import Store, StoredCluster, content_hash, now

__all__ = ["Store", "StoredCluster", "content_hash", "now"]
