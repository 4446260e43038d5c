"""The local batch engine: a cluster past its time limit is stopped and the batch goes on; error lines keep ids."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from newsbrief.batch.local import run_batch
from newsbrief.config import Config

from .conftest import SHARED_DATA

CONFIG = Config(words=60, analysis=False)


def seed_documents() -> list[dict[str, str]]:
    return [{"text": p.read_text()} for p in sorted((SHARED_DATA / "seed-cluster").glob("*.txt"))]


def write_lines(path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def records(path: str, **options) -> tuple[list[dict], object, str]:
    out = io.StringIO()
    stats = run_batch(path, out, CONFIG, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()], stats, out.getvalue()


@pytest.mark.slow
def test_a_cluster_past_its_time_limit_is_an_error_line_and_the_batch_goes_on(tmp_path):
    small = {"id": "small", "documents": [{"text": "Storm hits the coast. Thousands lose power."}]}
    # 600 distinct newswire articles take about 8 s here; the small cluster takes a few milliseconds
    lines = (SHARED_DATA / "duc2006" / "duc2006.jsonl").read_text().splitlines()
    huge = {"id": "huge", "documents": [d for line in lines for d in json.loads(line)["documents"]][:600]}
    path = write_lines(
        tmp_path / "in.jsonl", [json.dumps(small), json.dumps(huge), json.dumps(small | {"id": "after"})]
    )
    lines, stats, _ = records(path, cluster_seconds=2)
    assert [line["id"] for line in lines] == ["small", "huge", "after"]
    assert "took longer than 2 s (--cluster-timeout)" in lines[1]["error"]
    assert "error" not in lines[0] and "error" not in lines[2] and lines[2]["summary"] == lines[0]["summary"]
    assert (stats.done, stats.failed) == (2, 1)


def test_a_child_process_writes_exactly_what_this_process_writes(tmp_path):
    lines = (SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl").read_text().splitlines()[:3]
    path = write_lines(tmp_path / "in.jsonl", lines)
    _, _, isolated = records(path, cluster_seconds=60)
    _, _, here = records(path, cluster_seconds=0)
    assert isolated == here and isolated.count("\n") == 3


@pytest.mark.slow
def test_clusters_summarized_at_once_are_written_in_input_order_as_one_at_a_time(tmp_path):
    """Three jobs over 13 lines (more than the read-ahead of a job), an error line and a slow cluster among them."""
    lines = (SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl").read_text().splitlines()[:12]
    lines.insert(5, "{not json")
    path = write_lines(tmp_path / "in.jsonl", lines)
    parallel, stats, at_once = records(path, cluster_seconds=60, jobs=3)
    _, _, one_by_one = records(path, cluster_seconds=60, jobs=1)
    assert at_once == one_by_one
    assert [line["id"] for line in parallel[4:7:2]] == [json.loads(lines[4])["id"], json.loads(lines[6])["id"]]
    assert parallel[5]["id"].endswith("in.jsonl:6") and "error" in parallel[5]
    assert (stats.done, stats.failed) == (12, 1)


def test_lines_that_are_not_clusters_keep_their_id_and_the_batch_goes_on(tmp_path):
    good = json.dumps({"id": "good", "documents": seed_documents()})
    deep = "[" * 100_000 + "]" * 100_000
    path = write_lines(tmp_path / "in.jsonl", ['{"id": "no-docs", "documents": 3}', deep, "{not json", good])
    lines, stats, _ = records(path)
    assert [line["id"] for line in lines] == ["no-docs", f"{path}:2", f"{path}:3", "good"]
    assert lines[1]["error"] == f"{path}:2: JSON nested too deeply to read"
    assert lines[2]["error"].startswith(f"{path}:3: malformed JSON")
    assert "error" not in lines[3] and (stats.done, stats.failed) == (1, 3)


def test_a_child_answers_a_line_it_cannot_use_with_an_error_and_goes_on_serving():
    requests = b'\n{"task": "no such task"}\nnot json\n'
    child = subprocess.run(
        [sys.executable, "-m", "newsbrief.isolated"], input=requests, capture_output=True, timeout=120, check=True
    )
    ready, *answers = child.stdout.decode().splitlines()
    assert ready == "ready" and len(answers) == 2  # the blank line is skipped, each other line answered
    assert all(json.loads(a)["internal_error"].startswith("internal error") for a in answers)
