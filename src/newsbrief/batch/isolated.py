"""Summarize a batch's clusters in a child process, so that one past its time limit can be stopped.

Python cannot stop a thread: a cluster whose text makes some step slow would hold its thread, and the batch,
for as long as it runs. So each thread of a batch (the local engine's one, each Dask worker thread) keeps one
child Python process (``python -m newsbrief.batch.isolated``) and sends it one cluster at a time, as a JSON
line on its stdin; the child answers with the cluster's output record (`newsbrief.batch.records.brief_record`)
as a JSON line on its stdout. A child that has not answered within the time limit is killed, the cluster
becomes an ``error`` record, and the next cluster starts a fresh child. A child that dies (out of memory,
say) costs only its cluster, the same way.

A plain subprocess rather than `multiprocessing`, because Dask's worker processes are daemons, and daemons
may not have `multiprocessing` children. The child loads its models once and serves clusters until its stdin
closes, so the time limit costs a pipe round trip per cluster, not a start-up.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import selectors
import subprocess
import sys
import threading
import weakref
from pathlib import Path
from typing import Any

from newsbrief.batch.records import Item, brief_record
from newsbrief.config import Config
from newsbrief.errors import InputError


class Child:
    """One child process and the pipes to it; started on first use, replaced after a kill or a death."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        """A new child, once it has imported newsbrief (start-up is not counted against a cluster's time)."""
        package_root = str(Path(__file__).resolve().parents[2])  # so the child imports this very newsbrief
        path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
        process = subprocess.Popen(
            [sys.executable, "-m", "newsbrief.batch.isolated"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )
        assert process.stdout is not None
        process.stdout.readline()  # "ready", or b"" if it died, which the first request then reports
        return process

    def record(self, cluster: dict[str, Any], index: int, config: Config, seconds: float) -> dict[str, Any]:
        """The cluster's output record, or an error record if it took over ``seconds`` or the child died."""
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        request = {"cluster": cluster, "index": index, "config": dataclasses.asdict(config)}
        cluster_id = cluster.get("id", index)
        try:
            process.stdin.write(json.dumps(request).encode() + b"\n")
            process.stdin.flush()
            with selectors.DefaultSelector() as selector:
                selector.register(process.stdout, selectors.EVENT_READ)
                answered = selector.select(seconds)
            line = process.stdout.readline() if answered else b""
        except (BrokenPipeError, OSError):
            line, answered = b"", True
        if line:
            return json.loads(line)
        self.stop()
        if not answered:
            error = f"cluster {cluster_id}: took longer than {seconds:g} s (--cluster-timeout); stopped"
        else:
            error = f"cluster {cluster_id}: internal error: the process summarizing it died (exit {process.returncode})"
        return {"id": cluster_id, "error": error}

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


_local = threading.local()
_children: weakref.WeakSet[Child] = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    for child in list(_children):
        child.stop()


def timed_record(item: Item, index: int, config: Config, seconds: float) -> dict[str, Any]:
    """`brief_record`, stopped after ``seconds`` (0: no limit, summarized in this process)."""
    if not seconds or isinstance(item, InputError):
        return brief_record(item, index, config)
    child = getattr(_local, "child", None)
    if child is None:
        child = _local.child = Child()
        _children.add(child)
    return child.record(item, index, config, seconds)


def serve() -> None:
    """The child's loop: a request line in, its record line out, until stdin closes."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a library's print() must not corrupt the answers
    answers.write("ready\n")
    answers.flush()
    for line in sys.stdin.buffer:
        request = json.loads(line)
        record = brief_record(request["cluster"], request["index"], Config(**request["config"]))
        answers.write(json.dumps(record) + "\n")
        answers.flush()


if __name__ == "__main__":
    serve()
