"""The batch in this process: a JSONL file of clusters in, one JSON line per cluster out, in input order.

With ``jobs`` > 1, that many clusters are summarized at once, each in its own child process (a thread of this
process waits on each; see `newsbrief.isolated`); their lines are still written in input order, and at most
`AHEAD` clusters per job are read ahead, so a file of millions of lines is never held whole.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TextIO

from newsbrief.batch.records import BatchStats, count_lines, record_line, timed_record
from newsbrief.config import CLUSTER_SECONDS, Config
from newsbrief.ingest.read import read_clusters

AHEAD = 4
"""Clusters read ahead per job."""


def brief_records(
    path: str, config: Config, seconds: float = CLUSTER_SECONDS, jobs: int = 1
) -> Iterator[dict[str, Any]]:
    """One output record per cluster of ``path``, in input order: ``{"id", ...brief}`` or ``{"id", "error"}``.

    seconds: the time limit of one cluster (0: none, and clusters are summarized one at a time in this process,
    as threads here would only take turns); jobs: clusters summarized at once.
    """
    items = enumerate(read_clusters(path))
    if jobs <= 1 or not seconds:
        for index, item in items:
            yield timed_record(item, index, config, seconds)
        return
    with ThreadPoolExecutor(jobs, thread_name_prefix="newsbrief-batch") as pool:
        pending: deque[Future[dict[str, Any]]] = deque()
        for index, item in items:
            pending.append(pool.submit(timed_record, item, index, config, seconds))
            if len(pending) >= AHEAD * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def run_batch(
    path: str,
    out: TextIO,
    config: Config,
    *,
    progress: bool = False,
    cluster_seconds: float = CLUSTER_SECONDS,
    jobs: int = 1,
) -> BatchStats:
    """Summarize every cluster of the JSONL file ``path`` and write one JSON line each to ``out``.

    config: the brief settings; cluster_seconds: the time limit of one cluster, past which the cluster is an
    ``error`` line (0: no limit); jobs: clusters summarized at once (each in its own process).
    """
    from tqdm import tqdm

    stats = BatchStats()
    records = brief_records(path, config, cluster_seconds, jobs)
    with tqdm(records, total=count_lines(path), desc=path, unit="cluster", disable=not progress) as bar:
        for record in bar:
            out.write(record_line(record))
            stats.count(record)
    return stats
