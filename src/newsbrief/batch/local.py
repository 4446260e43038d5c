"""The batch in this process: a JSONL file of clusters in, one JSON line per cluster out, in input order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from newsbrief.batch.records import BatchStats, count_lines, record_line, timed_record
from newsbrief.config import CLUSTER_SECONDS, Config
from newsbrief.ingest.read import read_clusters


def brief_records(path: str, config: Config, seconds: float = CLUSTER_SECONDS) -> Iterator[dict[str, Any]]:
    """One output record per cluster of ``path``: ``{"id", ...brief}`` or ``{"id", "error"}``.

    seconds: the time limit of one cluster (0: none); see `newsbrief.isolated`.
    """
    for index, item in enumerate(read_clusters(path)):
        yield timed_record(item, index, config, seconds)


def run_batch(
    path: str, out: TextIO, config: Config, *, progress: bool = False, cluster_seconds: float = CLUSTER_SECONDS
) -> BatchStats:
    """Summarize every cluster of the JSONL file ``path`` and write one JSON line each to ``out``.

    config: the brief settings; cluster_seconds: the time limit of one cluster, past which the cluster is an
    ``error`` line (0: no limit).
    """
    from tqdm import tqdm

    stats = BatchStats()
    records = brief_records(path, config, cluster_seconds)
    with tqdm(records, total=count_lines(path), desc=path, unit="cluster", disable=not progress) as bar:
        for record in bar:
            out.write(record_line(record))
            stats.count(record)
    return stats
