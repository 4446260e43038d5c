"""The batch on a Dask cluster: input shards in, one output shard per input shard, resumable, order kept.

Input shards are JSONL files of clusters (globs are expanded, sorted). The client reads them and sends each
cluster to the cluster's workers as one task (`newsbrief.batch.records.timed_record`, the local engine's own
code, so a cluster past its time limit is stopped on the worker too);
results come back to the client, which appends them to ``OUT_DIR/<shard file name>`` strictly in input order.
So an output shard is always a prefix of the finished one, and the concatenated shards equal the local
engine's output line for line.

- Resume: a rerun counts the complete lines already in each output shard and sends only the clusters after them.
- A worker that dies: the scheduler runs its unfinished tasks again on another worker, and results are written
  by the client only, once per cluster, so nothing is lost and nothing is written twice.
- Memory: at most `IN_FLIGHT` tasks per worker thread are submitted at a time; no shard is held whole.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from newsbrief.batch.records import BatchStats, count_lines, record_line, timed_record
from newsbrief.config import CLUSTER_SECONDS, Config
from newsbrief.errors import InputError
from newsbrief.ingest.read import read_clusters

IN_FLIGHT = 4
"""Tasks submitted ahead per worker thread."""


def expand(patterns: Sequence[str]) -> list[str]:
    """The input shards: each pattern's matches sorted by name (a plain path stands for itself), each once."""
    shards: list[str] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            raise InputError(f"{pattern}: matches no file")
        for match in matches:
            if not Path(match).is_file():
                raise InputError(f"{match}: no such file")
            if match not in shards:
                shards.append(match)
    return shards


def output_paths(shards: Sequence[str], out_dir: str) -> list[Path]:
    """``OUT_DIR/<shard file name>`` for each shard; two shards with one file name are an error."""
    paths = [Path(out_dir) / Path(shard).name for shard in shards]
    seen: dict[Path, str] = {}
    for shard, path in zip(shards, paths):
        if path in seen:
            raise InputError(f"{shard} and {seen[path]} would both write {path}; give shards distinct file names")
        seen[path] = shard
    return paths


def resume_point(path: Path) -> int:
    """Complete lines already written to ``path``; a partial last line (an interrupted write) is cut off."""
    if not path.exists():
        return 0
    data = path.read_bytes()
    complete = data.rfind(b"\n") + 1
    if complete < len(data):
        with open(path, "r+b") as handle:
            handle.truncate(complete)
    return data.count(b"\n", 0, complete)


@dataclass
class Shard:
    """An output shard being written: the next item index it needs, and results that arrived early."""

    out: TextIO
    next: int
    early: dict[int, dict[str, Any]]

    def put(self, index: int, record: dict[str, Any], stats: BatchStats) -> int:
        """Keep a result; write every result that is now next in order. Returns how many were written."""
        self.early[index] = record
        written = 0
        while self.next in self.early:
            record = self.early.pop(self.next)
            self.out.write(record_line(record))
            self.next += 1
            written += 1
            stats.count(record)
        if written:
            self.out.flush()
        return written


def pending_items(shards: Sequence[str], starts: Sequence[int]) -> Iterator[tuple[int, int, Any]]:
    """``(shard number, item index, cluster or InputError)`` for every item not yet written."""
    for number, (shard, start) in enumerate(zip(shards, starts)):
        for index, cluster in enumerate(read_clusters(shard)):
            if index >= start:
                yield number, index, cluster


def run_dask_batch(
    inputs: Sequence[str],
    out_dir: str,
    config: Config,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool = False,
    cluster_seconds: float = CLUSTER_SECONDS,
) -> BatchStats:
    """Summarize every cluster of the input shards on Dask; write ``OUT_DIR/<shard name>`` for each shard.

    Parameters
    ----------
    inputs : sequence of str
        JSONL shard files or glob patterns (``"shards/*.jsonl"``).
    out_dir : str
        Folder of the output shards (created if missing).
    config : Config
        The settings of every brief.
    scheduler : str, optional
        Address of a running scheduler (``tcp://HOST:8786``); otherwise a local cluster is started.
    workers : int, optional
        Worker processes of the local cluster (default: one per core).
    cluster_seconds : float
        The time limit of one cluster; past it the cluster is an ``error`` line (0: no limit).

    Returns
    -------
    BatchStats
        The clusters written by this run (not those a previous run wrote).
    """
    from distributed import Client, LocalCluster, as_completed
    from tqdm import tqdm

    shards = expand(inputs)
    paths = output_paths(shards, out_dir)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    starts = [resume_point(path) for path in paths]
    remaining = sum(max(0, count_lines(shard) - start) for shard, start in zip(shards, starts))
    stats = BatchStats()
    with ExitStack() as stack:
        outputs = [
            Shard(stack.enter_context(open(path, "a", encoding="utf-8")), begin, {})
            for path, begin in zip(paths, starts)
        ]
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            client = stack.enter_context(Client(stack.enter_context(cluster)))
        else:
            client = stack.enter_context(Client(scheduler))
        bar = stack.enter_context(tqdm(total=remaining, unit="cluster", disable=not progress))
        window = IN_FLIGHT * max(1, sum(client.nthreads().values()))
        running = as_completed()
        where: dict[str, tuple[int, int]] = {}

        def submit(item: tuple[int, int, Any]) -> None:
            number, index, cluster = item
            future = client.submit(timed_record, cluster, index, config, cluster_seconds, pure=False)
            where[future.key] = (number, index)
            running.add(future)

        items = pending_items(shards, starts)
        for item in islice(items, window):
            submit(item)
        for future in running:
            number, index = where.pop(future.key)
            bar.update(outputs[number].put(index, future.result(), stats))
            following = next(items, None)
            if following is not None:
                submit(following)
        for output in outputs:
            os.fsync(output.out.fileno())
    return stats
