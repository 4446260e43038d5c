"""The batch in this process: a JSONL file of clusters in, one JSON line per cluster out, in input order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from newsbrief.batch.isolated import timed_record
from newsbrief.batch.records import BatchStats, count_lines, record_line
from newsbrief.config import CLUSTER_SECONDS
from newsbrief.ingest.read import read_clusters


def brief_records(path: str, settings: dict[str, Any], seconds: float = CLUSTER_SECONDS) -> Iterator[dict[str, Any]]:
    """One output record per cluster of ``path``: ``{"id", ...brief}`` or ``{"id", "error"}``.

    seconds: the time limit of one cluster (0: none); see `newsbrief.batch.isolated`.
    """
    for index, item in enumerate(read_clusters(path)):
        yield timed_record(item, index, settings, seconds)


def run_batch(
    path: str, out: TextIO, *, progress: bool = False, cluster_seconds: float = CLUSTER_SECONDS, **settings: Any
) -> BatchStats:
    """Summarize every cluster of the JSONL file ``path`` and write one JSON line each to ``out``.

    cluster_seconds: the time limit of one cluster; past it the cluster is an ``error`` line (0: no limit).
    settings: passed to `newsbrief.summarize` (words, method, analysis).
    """
    from tqdm import tqdm

    stats = BatchStats()
    records = brief_records(path, settings, cluster_seconds)
    with tqdm(records, total=count_lines(path), desc=path, unit="cluster", disable=not progress) as bar:
        for record in bar:
            out.write(record_line(record))
            stats.count(record)
    return stats
