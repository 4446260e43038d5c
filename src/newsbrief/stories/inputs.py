"""What `newsbrief ingest` reads: anything `newsbrief summarize` reads, and benchmark cluster files.

A benchmark JSONL file holds one cluster ``{"id", "documents": [...], ...}`` per line, not one article; its
documents are the articles of the stream, in file order. A document's id is its ``id`` or ``doc_id``, else
``CLUSTER/INDEX`` (`document_id`, which `newsbrief.stories.evaluate` uses too), so a document found in several
clusters is stored once and ingesting the file again adds nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsbrief.errors import InputError
from newsbrief.model import Article


def document_id(cluster: dict[str, Any], index: int) -> str:
    """The id of the cluster's document ``index``: its own ``id`` or ``doc_id``, else ``CLUSTER/INDEX``."""
    document = cluster["documents"][index]
    given = document.get("id") or document.get("doc_id")
    return str(given) if given else f"{cluster['id']}/{index}"


def is_cluster_file(path: str) -> bool:
    """Whether ``path`` is a ``.jsonl`` file whose first line is a cluster (``documents`` and no ``text``)."""
    file = Path(path)
    if file.suffix.lower() != ".jsonl" or not file.is_file():
        return False
    try:
        with file.open("rb") as stream:
            first = next((line for line in stream if line.strip()), b"")
        data = json.loads(first)
    except (OSError, ValueError):  # unreadable, not UTF-8 or not JSON: the article reader says what is wrong
        return False
    return isinstance(data, dict) and "documents" in data and "text" not in data


def cluster_articles(path: str) -> tuple[list[Article], list[str]]:
    """The documents of every cluster in the JSONL file ``path`` as articles, in order, and one line per
    problem (a line that is not a cluster, a document that is not an article, a date that is no date, text that
    does not look like English), as `newsbrief.ingest.read.read_paths` reports them."""
    from newsbrief.ingest.language import language_problem
    from newsbrief.ingest.read import read_clusters

    articles: list[Article] = []
    problems: list[str] = []
    for cluster in read_clusters(path):
        if isinstance(cluster, InputError):
            problems.append(str(cluster))
            continue
        for index, document in enumerate(cluster["documents"]):
            article_id = document_id(cluster, index)
            where = f"{path}:{cluster['id']}[{index}]"
            try:
                article = Article.from_dict({**document, "id": article_id}, origin=where)
            except InputError as error:
                problems.append(str(error))
                continue
            problems.extend(article.notes)
            if (problem := language_problem(article.text)) is not None:
                problems.append(f"{where}: does not look like English ({problem})")
                continue
            articles.append(article)
    return articles, problems


def read_articles(path: str) -> tuple[list[Article], list[str]]:
    """The articles of one input of `newsbrief ingest` and its problems: the documents of a cluster file
    (`cluster_articles`), else what `newsbrief.ingest.read.read_paths` reads from it."""
    if is_cluster_file(path):
        return cluster_articles(path)
    from newsbrief.ingest.read import read_paths

    return read_paths([path])
