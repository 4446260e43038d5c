"""How the parts that must stay fast on big inputs scale: the timings the tests used to assert, measured here.

- every baseline selector on a 5,000-sentence synthetic cluster (100 documents of Zipf-distributed words, far
  denser similarity graphs than real news), 250 words; bar: a few seconds each;
- de-duplication of 100 DUC 2006 documents (over 2,000 sentences); bar: seconds (pairing every sentence would
  take minutes);
- reading a 14 MB .txt file, and refusing a 50 MB one without reading it; bars: 1.5 s and 0.5 s.

    .venv/bin/python benchmarks/scale.py

Prints one line per measurement: wall and CPU seconds, and the bar.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

import numpy as np

from newsbrief.config import Config
from newsbrief.filter.dedupe import dedupe
from newsbrief.ingest.clean import clean
from newsbrief.ingest.read import read_paths
from newsbrief.model import Article, Cluster, Sentence
from newsbrief.segment import segment
from newsbrief.text.tokens import terms

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BASELINES = ("lead", "centroid", "lexrank", "textrank", "mmr", "sumbasic")
ENGLISH = "The council met on Monday and agreed to repair the bridge before the winter floods arrive."


def timed(label: str, bar: float, run: Callable[..., object], *args: object) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    run(*args)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<58} wall {wall:6.2f} s  CPU {cpu:6.2f} s  bar {bar:g} s  {'ok' if cpu <= bar else 'OVER'}")


def synthetic_cluster(n_docs: int = 100, per_doc: int = 50, seed: int = 0) -> list[Sentence]:
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"term{i}x" for i in range(3000)] + ["the", "of", "and", "to", "in", "said"])
    weights = np.r_[1.0 / np.arange(1, 3001), np.full(6, 0.5)]
    weights /= weights.sum()
    sentences = []
    for doc in range(n_docs):
        start = 0
        for position in range(per_doc):
            text = " ".join(rng.choice(vocabulary, size=rng.integers(8, 35), p=weights)) + "."
            sentences.append(Sentence(doc, start, start + len(text), position, text, terms(text), (doc,)))
            start += len(text) + 1
    return sentences


def main() -> None:
    sentences = synthetic_cluster()
    for method in BASELINES:
        timed(f"{method} on 5,000 sentences", 6.0, import_module(f"newsbrief.select.{method}").choose, sentences, 250)
    with open(DATA / "duc2006" / "duc2006.jsonl", encoding="utf-8") as lines:
        articles = [Article.from_dict(d) for line in list(lines)[:4] for d in json.loads(line)["documents"]]
    cluster = segment(clean(Cluster.from_articles(tuple(articles[:100])), Config()), Config())
    label = f"dedupe, 100 DUC 2006 documents ({len(cluster.sentences)} sentences)"
    timed(label, 15.0, dedupe, cluster, Config())
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "long.txt"
        large.write_text("Long report\n" + (ENGLISH + "\n\n") * 150_000)
        timed(f"read a {large.stat().st_size / 2**20:.0f} MB .txt file", 1.5, read_paths, [str(large)])
        huge = Path(folder) / "huge.txt"
        with huge.open("wb") as handle:
            handle.truncate(50 * 2**20)
        timed("refuse a 50 MB file", 0.5, read_paths, [str(huge)])


if __name__ == "__main__":
    main()
