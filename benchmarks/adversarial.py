"""Hostile inputs through every stage: seconds per stage for each shape, at growing sizes.

Each shape is text an attacker (or a broken scraper) can send: the ones that once froze a stage (issue 9) and
others like them. A linear stage takes about ten times longer for ten times the text; a super-linear one shows
up as a jump in the table long before it hangs a server. Bar: no 1 MB input takes more than a few seconds in
any stage.

    .venv/bin/python benchmarks/adversarial.py            # 10 KB, 100 KB and 1 MB
    .venv/bin/python benchmarks/adversarial.py --sizes 100000

Prints one row per shape and size: the seconds of reading (`read_upload`, as the web form and the CLI read
a file) and of each pipeline stage, and the total. A ladder stops early when a size takes over 60 s.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from newsbrief.config import Config
from newsbrief.errors import NewsbriefError
from newsbrief.ingest.read import read_upload
from newsbrief.model import Cluster
from newsbrief.pipeline import STAGES, Stage, brief_of

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def _unpunctuated_english(size: int) -> str:
    """Real newswire words with every mark of punctuation taken out: one sentence as long as the text."""
    words: list[str] = []
    with open(DATA / "duc2003-task2" / "duc2003_task2.jsonl", encoding="utf-8") as lines:
        for line in lines:
            for document in json.loads(line)["documents"]:
                words += re.sub(r"[^\w\s]", " ", document["text"]).split()
            if sum(map(len, words)) > size:
                break
    text = " ".join(words)
    return (text * (size // len(text) + 1))[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "share buttons in one word": lambda n: "share on " + "share" * (n // 5) + "!",
    "capital letters": lambda n: "A" * n,
    "a figure every 10 characters": lambda n: "12 people " * (n // 10),
    "backticks": lambda n: "`" * n,
    "empty HTML comments": lambda n: "<!---->" * (n // 7) + "<html>",
    "English without punctuation": _unpunctuated_english,
    "one word": lambda n: "a" * n,
    "tiny sentences": lambda n: "Go on. " * (n // 7),
    "open brackets": lambda n: "(" * n,
    "quotes never closed": lambda n: "“said " * (n // 6),
    "Chinese without spaces": lambda n: "中文新闻" * (n // 4),
    "dates": lambda n: "On Monday, 3 March 2025, " * (n // 25),
}


def timed_stages(seconds: dict[str, float]) -> tuple[Stage, ...]:
    """The pipeline with each stage's time added to ``seconds``."""

    def timing(stage: Stage) -> Stage:
        def run(cluster: Cluster, config: Config) -> Cluster:
            start = time.perf_counter()
            try:
                return stage.run(cluster, config)
            finally:
                seconds[stage.name] = time.perf_counter() - start

        return replace(stage, run=run)

    return tuple(timing(stage) for stage in STAGES)


def measure(text: str) -> dict[str, float]:
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    articles, _ = read_upload("attack.txt", text.encode())
    seconds["read"] = time.perf_counter() - start
    try:
        brief_of(articles or [text], Config(), timed_stages(seconds))
    except NewsbriefError as error:  # nothing usable is an answer too
        seconds["error"] = 0.0
        print(f"    ({str(error)[:100]})")
    seconds["total"] = time.perf_counter() - start
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--shape", choices=SHAPES, action="append", help="only these shapes")
    args = parser.parse_args()
    columns = ["read", *(stage.name for stage in STAGES), "total"]
    print(f"{'shape':30} {'bytes':>9} " + " ".join(f"{c:>9}" for c in columns))
    for name in args.shape or SHAPES:
        for size in args.sizes:
            seconds = measure(SHAPES[name](size))
            cells = " ".join(f"{seconds[c]:9.2f}" if c in seconds else f"{'-':>9}" for c in columns)
            print(f"{name:30} {size:9} {cells}", flush=True)
            if seconds["total"] > 60:
                break


if __name__ == "__main__":
    main()
