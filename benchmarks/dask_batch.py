"""Clusters per second for the local batch engine and for Dask with 1 and 2 workers, on this machine.

The input is the first N clusters of DUC 2003 (../shared/data), split into shards of 4 in a temporary folder.
Each engine runs the same settings; the Dask runs start a loopback LocalCluster (start-up time included) and
their concatenated output shards are checked against the local engine's output.

    .venv/bin/python benchmarks/dask_batch.py [--clusters 16] [--no-analysis]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clusters", type=int, default=16)
    parser.add_argument("--analysis", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()

    from newsbrief.batch.dask import run_dask_batch
    from newsbrief.batch.local import run_batch
    from newsbrief.config import Config

    config = Config(words=100, analysis=args.analysis)
    lines = (DATA / "duc2003-task2" / "duc2003_task2.jsonl").read_text().splitlines()[: args.clusters]
    with tempfile.TemporaryDirectory() as folder:
        shards = []
        for first in range(0, len(lines), 4):
            shards.append(str(Path(folder) / f"shard-{first:04d}.jsonl"))
            Path(shards[-1]).write_text("\n".join(lines[first : first + 4]) + "\n")
        began = time.perf_counter()
        local = io.StringIO()
        for shard in shards:
            run_batch(shard, local, config)
        rate = len(lines) / (time.perf_counter() - began)
        print(f"local engine        {rate:6.2f} clusters/s", flush=True)
        for workers in (1, 2):
            out = Path(folder) / f"out-{workers}"
            began = time.perf_counter()
            run_dask_batch(shards, str(out), config, workers=workers)
            rate = len(lines) / (time.perf_counter() - began)
            same = "".join((out / Path(s).name).read_text() for s in shards) == local.getvalue()
            print(f"dask, {workers} worker(s)  {rate:6.2f} clusters/s  output same as local: {same}", flush=True)


if __name__ == "__main__":
    main()
