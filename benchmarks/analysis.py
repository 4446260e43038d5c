"""What analysis costs: `newsbrief batch` over 50 ten-document newswire clusters, with and without analysis.

Clusters: the first 10 documents of every cluster with at least 10 in ../shared/data (DUC 2003 task 2,
DUC 2007 update, MultiLing 2011, DUC 2006, in that order), the first 50 of them. Every run goes through
`newsbrief.batch.run_batch`, the code behind `newsbrief batch`, in this one process. The analysis run is timed
twice: cold (loading the spaCy model, once per process, is part of it) and warm. Wall time depends on what
else the machine runs; the process's CPU time does not, so both are printed.

    .venv/bin/python benchmarks/analysis.py
"""

from __future__ import annotations

import io
import json
import tempfile
import time
from pathlib import Path

from newsbrief.batch.local import run_batch
from newsbrief.config import Config

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FILES = (
    "duc2003-task2/duc2003_task2.jsonl",
    "duc2007/duc2007_update.jsonl",
    "multiling2011-en/multiling2011_en.jsonl",
    "duc2006/duc2006.jsonl",
)
CLUSTERS = 50
DOCS = 10


def clusters() -> list[dict]:
    found = []
    for name in FILES:
        for line in (DATA / name).read_text().splitlines():
            cluster = json.loads(line)
            if len(cluster["documents"]) >= DOCS:
                found.append({"id": cluster["id"], "documents": cluster["documents"][:DOCS]})
    return found[:CLUSTERS]


def timed(path: str, analysis: bool) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one batch run."""
    wall, cpu = time.perf_counter(), time.process_time()
    stats = run_batch(path, io.StringIO(), Config(words=100, analysis=analysis), cluster_seconds=0)
    if stats.failed:
        raise SystemExit(f"{stats.failed} clusters failed")
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    chosen = clusters()
    n = len(chosen)
    words = sum(len(d["text"].split()) for c in chosen for d in c["documents"]) / n
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        handle.write("".join(json.dumps(c) + "\n" for c in chosen))
    off = timed(handle.name, analysis=False)
    runs = {"on, cold (model load included)": timed(handle.name, analysis=True)}
    runs["on, warm"] = timed(handle.name, analysis=True)
    Path(handle.name).unlink()
    print(f"{n} clusters of {DOCS} documents, {words:.0f} words per cluster on average")
    print(f"analysis off: {off[0] / n:.3f} s wall, {off[1] / n:.3f} s CPU per cluster")
    for name, (wall, cpu) in runs.items():
        print(
            f"analysis {name}: {wall / n:.3f} s wall ({(wall - off[0]) / n:+.3f} added), "
            f"{cpu / n:.3f} s CPU ({(cpu - off[1]) / n:+.3f} added) per cluster"
        )


if __name__ == "__main__":
    main()
