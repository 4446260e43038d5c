"""The labelled "reports the same content" pairs (tests/data/same_content_pairs.jsonl, README there).

The file holds references only; `benchmarks/same_content_pairs.py` rebuilds every sentence from ../shared/data
and checks its hash. The data is always beside the repository, so a missing folder fails here, never skips.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter

import pytest

from .conftest import ROOT, SHARED_DATA

LABELLED = ROOT / "tests" / "data" / "same_content_pairs.jsonl"


@pytest.fixture(scope="module")
def loader():
    spec = importlib.util.spec_from_file_location("same_content_pairs", ROOT / "benchmarks" / "same_content_pairs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pairs(loader):
    assert SHARED_DATA.is_dir(), f"the development data must be at {SHARED_DATA}"
    return loader.load(LABELLED, SHARED_DATA)


def test_every_sentence_is_rebuilt_and_its_hash_matches(loader, pairs):
    records = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    assert len(pairs) == len(records)
    for pair, record in zip(pairs, records):
        assert pair.a.strip() and pair.b.strip()
        assert loader.short_hash(pair.a) == record["a"]["sha1"]
        assert loader.short_hash(pair.b) == record["b"]["sha1"]


def test_drift_is_detected(loader, tmp_path):
    record = json.loads(LABELLED.read_text(encoding="utf-8").splitlines()[0])
    record["a"]["end"] -= 1
    changed = tmp_path / "pairs.jsonl"
    changed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(loader.DriftError):
        loader.load(changed, SHARED_DATA)


def test_missing_data_fails_instead_of_skipping(loader, tmp_path):
    with pytest.raises(FileNotFoundError):
        loader.load(LABELLED, tmp_path / "nowhere")


def test_fields_and_references_only(pairs):
    allowed = {"part", "collection", "cluster", "stratum", "a", "b", "label", "overlap"}
    for p in pairs:
        assert set(p.record) == allowed
        assert set(p.record["a"]) == set(p.record["b"]) == {"doc", "start", "end", "sha1"}
        assert p.label in ("same", "different") and p.part in ("tune", "held-out")
        assert p.collection in ("seed-cluster", "duc2003-task2", "multinews-val-sample", "multiling2011-en")
        assert p.record["a"]["doc"] != p.record["b"]["doc"], "pairs are cross-document"
        assert p.a != p.b


def test_overlap_is_the_current_rules_measure(loader, pairs):
    stale = [p.record for p in pairs if abs(loader.overlap(p.a, p.b) - p.overlap) > 0.001]
    assert not stale, f"{len(stale)} overlaps are stale: run benchmarks/same_content_pairs.py refresh"


def test_counts_and_balance(pairs):
    assert len(pairs) >= 330
    labels = Counter(p.label for p in pairs)
    assert labels["same"] >= 110
    assert sum(p.same and p.overlap < 0.6 for p in pairs) >= 50
    assert sum(not p.same and p.overlap >= 0.3 for p in pairs) >= 60
    held_out = sum(p.part == "held-out" for p in pairs) / len(pairs)
    assert 0.28 <= held_out <= 0.4
    for part in ("tune", "held-out"):
        mine = [p for p in pairs if p.part == part]
        assert sum(p.same for p in mine) >= 30 and sum(not p.same for p in mine) >= 30
        assert {p.collection for p in mine} >= {"duc2003-task2", "multinews-val-sample", "multiling2011-en"}


def test_parts_are_disjoint_by_cluster_and_by_sentence(pairs):
    parts_of_cluster: dict[tuple[str, str], set[str]] = {}
    parts_of_sentence: dict[str, set[str]] = {}
    for p in pairs:
        parts_of_cluster.setdefault((p.collection, p.cluster), set()).add(p.part)
        for side in ("a", "b"):
            parts_of_sentence.setdefault(p.record[side]["sha1"], set()).add(p.part)
    assert all(len(parts) == 1 for parts in parts_of_cluster.values())
    assert all(len(parts) == 1 for parts in parts_of_sentence.values())


def test_no_pair_is_labelled_twice(pairs):
    keys = Counter(frozenset((p.record["a"]["sha1"], p.record["b"]["sha1"])) for p in pairs)
    assert max(keys.values()) == 1
