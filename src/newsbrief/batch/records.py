"""The output record of one cluster of a batch, as every engine writes it."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from newsbrief import isolated
from newsbrief.config import Config
from newsbrief.errors import InputError
from newsbrief.pipeline import Failure, summarize_cluster

Item = dict[str, Any] | InputError
"""What `newsbrief.ingest.read.read_clusters` gives for one line: a cluster, or why the line is not one."""


@dataclass
class BatchStats:
    """How a batch went: clusters summarized and clusters that failed."""

    done: int = 0
    failed: int = 0

    def count(self, record: dict[str, Any]) -> None:
        if "error" in record:
            self.failed += 1
        else:
            self.done += 1


def brief_record(item: Item, index: int, config: Config) -> dict[str, Any]:
    """``{"id", ...brief}`` for the ``index``-th item of a file, or ``{"id", "error"}``; summarized here."""
    if isinstance(item, InputError):
        return {"id": item.id, "error": str(item)}
    result = summarize_cluster(item, index, config)
    if isinstance(result, Failure):
        return {"id": item.get("id", index), "error": result.error}
    return {"id": item.get("id", index), **result.to_dict()}


def timed_record(item: Item, index: int, config: Config, seconds: float) -> dict[str, Any]:
    """`brief_record`, computed in a child process and stopped after ``seconds`` (0: no limit, computed here).

    A cluster past its time limit, or whose process died, is an ``error`` record (see `newsbrief.isolated`).
    """
    if not seconds or isinstance(item, InputError):
        return brief_record(item, index, config)
    cluster_id = item.get("id", index)
    request = {"cluster": item, "index": index, "config": dataclasses.asdict(config)}
    try:
        return isolated.call("record", request, seconds)
    except TimeoutError:
        return {
            "id": cluster_id,
            "error": f"cluster {cluster_id}: took longer than {seconds:g} s (--cluster-timeout); stopped",
        }
    except isolated.ChildDied as died:
        return {"id": cluster_id, "error": f"cluster {cluster_id}: internal error: {died}"}


def record_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def count_lines(path: str) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())
