"""Batch runs: a JSONL file of clusters in, one JSON line per cluster out, in input order.

A cluster that cannot be summarized (or a line that is not valid JSON) becomes a line with an ``error`` field,
and the run goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from newsbrief.errors import InputError
from newsbrief.ingest.read import read_clusters
from newsbrief.pipeline import Failure, summarize_cluster


@dataclass
class BatchStats:
    """How a batch went: clusters summarized and clusters that failed."""

    done: int = 0
    failed: int = 0


def brief_records(path: str, **settings: Any) -> Iterator[dict[str, Any]]:
    """One output record per cluster of ``path``: ``{"id", ...brief}`` or ``{"id", "error"}``."""
    for index, cluster in enumerate(read_clusters(path)):
        yield brief_record(cluster, index, **settings)


def brief_record(cluster: dict[str, Any] | InputError, index: int, **settings: Any) -> dict[str, Any]:
    """The output record of the ``index``-th item `read_clusters` gave (the Dask engine calls it on workers)."""
    if isinstance(cluster, InputError):
        return {"id": None, "error": str(cluster)}
    result = summarize_cluster(cluster, index, **settings)
    if isinstance(result, Failure):
        return {"id": cluster.get("id", index), "error": result.error}
    return {"id": cluster.get("id", index), **result.to_dict()}


def count_lines(path: str) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def run_batch(path: str, out: TextIO, *, progress: bool = False, **settings: Any) -> BatchStats:
    """Summarize every cluster of the JSONL file ``path`` and write one JSON line each to ``out``.

    settings: passed to `newsbrief.summarize` (words, method, analysis).
    """
    from tqdm import tqdm

    stats = BatchStats()
    records = brief_records(path, **settings)
    with tqdm(records, total=count_lines(path), desc=path, unit="cluster", disable=not progress) as bar:
        for record in bar:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            if "error" in record:
                stats.failed += 1
            else:
                stats.done += 1
    return stats
