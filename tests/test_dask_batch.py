"""The Dask batch engine: same output as the local engine, resume, and a worker killed mid-run."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from newsbrief.batch.dask import expand, output_paths, run_dask_batch
from newsbrief.batch.local import run_batch
from newsbrief.config import Config
from newsbrief.errors import InputError

from .conftest import SHARED_DATA

pytestmark = pytest.mark.slow  # the slow lane: see the Makefile

CONFIG = Config(words=60, analysis=False)


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """Three input shards of real clusters (one with a malformed line) and the local engine's output for them.

    Twelve clusters, so that a batch cannot finish in the moment between its first line and a kill."""
    folder = tmp_path_factory.mktemp("shards")
    lines = (SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl").read_text().splitlines()[:12]
    parts = [lines[:4], lines[4:8] + ["{not json"], lines[8:]]
    for number, part in enumerate(parts):
        (folder / f"part-{number}.jsonl").write_text("\n".join(part) + "\n")
    paths = expand([str(folder / "part-*.jsonl")])
    local = io.StringIO()
    for path in paths:
        run_batch(path, local, CONFIG)
    return folder, paths, local.getvalue()


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as c:
        yield c


def written(out: Path, paths: list[str]) -> str:
    return "".join((out / Path(path).name).read_text() for path in paths)


def test_a_killed_worker_loses_nothing_and_duplicates_nothing(shards, cluster, tmp_path):
    from distributed import Client

    folder, paths, local = shards
    out = tmp_path / "out"
    result = {}
    run = threading.Thread(
        target=lambda: result.update(stats=run_dask_batch(paths, str(out), CONFIG, scheduler=cluster.scheduler_address))
    )
    run.start()
    deadline = time.monotonic() + 60
    while not (out / "part-0.jsonl").exists() or not (out / "part-0.jsonl").read_text():
        assert time.monotonic() < deadline, "no output after 60 s"
        time.sleep(0.05)
    with Client(cluster.scheduler_address) as client:
        victim = next(iter(client.run(os.getpid).values()))
    killed_during_run = run.is_alive()
    os.kill(victim, signal.SIGKILL)
    run.join(120)
    assert killed_during_run and not run.is_alive()
    assert written(out, paths) == local
    assert (result["stats"].done, result["stats"].failed) == (12, 1)


def test_rerun_writes_only_what_is_missing(shards, cluster, tmp_path):
    folder, paths, local = shards
    out = tmp_path / "out"
    out.mkdir()
    first = local.splitlines(keepends=True)[0]
    (out / "part-0.jsonl").write_text(first + first[:40])  # one line done, one cut short by a crash
    stats = run_dask_batch(paths, str(out), CONFIG, scheduler=cluster.scheduler_address)
    assert (stats.done, stats.failed) == (11, 1)
    assert written(out, paths) == local
    again = run_dask_batch(paths, str(out), CONFIG, scheduler=cluster.scheduler_address)
    assert (again.done, again.failed) == (0, 0)
    assert written(out, paths) == local


def test_shards_are_checked(tmp_path):
    with pytest.raises(InputError, match="matches no file"):
        expand([str(tmp_path / "none-*.jsonl")])
    with pytest.raises(InputError, match="would both write"):
        output_paths(["a/x.jsonl", "b/x.jsonl"], str(tmp_path))


def test_a_worker_with_two_threads_writes_what_the_local_engine_writes(tmp_path):
    """Briefs computed side by side in one process's threads (cluster_seconds=0) match one by one."""
    from distributed import LocalCluster

    path = tmp_path / "in.jsonl"
    lines = (SHARED_DATA / "duc2006" / "duc2006.jsonl").read_text().splitlines()[:8]
    clusters = [json.loads(line) for line in lines]
    path.write_text("".join(json.dumps({**c, "documents": c["documents"][:8]}) + "\n" for c in clusters))
    config = Config(words=60)
    local = io.StringIO()
    run_batch(str(path), local, config, cluster_seconds=0)
    out = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1", dashboard_address=None) as c:
        stats = run_dask_batch([str(path)], str(out), config, scheduler=c.scheduler_address, cluster_seconds=0)
    assert (out / "in.jsonl").read_text() == local.getvalue() and (stats.done, stats.failed) == (8, 0)


def test_a_cluster_past_its_time_limit_is_an_error_line_on_a_worker_too(shards, cluster, tmp_path):
    folder, paths, local = shards
    address = cluster.scheduler_address
    stats = run_dask_batch(paths[:1], str(tmp_path), CONFIG, scheduler=address, cluster_seconds=0.01)
    lines = [json.loads(line) for line in (tmp_path / Path(paths[0]).name).read_text().splitlines()]
    expected = [json.loads(line)["id"] for line in local.splitlines()[:4]]
    assert [line["id"] for line in lines] == expected and (stats.done, stats.failed) == (0, 4)
    assert all("took longer than 0.01 s" in line["error"] for line in lines)
