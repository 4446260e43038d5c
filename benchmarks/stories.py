"""Does ingest cost stay flat as the store grows? Ingest 100,000 generated articles, 10,000 at a time.

Articles are made by resampling the development documents in ../shared/data and perturbing them (sentences
dropped and reordered, a few words swapped, new dates advancing through the stream, a share of verbatim copies
under new ids), written to a temporary folder one file of 10,000 at a time and deleted afterwards; nothing is
committed. Each file is read with `read_paths` and ingested into one SQLite store (briefs off: this measures the
stream; brief refresh cost is per changed story, not per stored article). Prints articles/s per 10,000, the peak
memory of the process, and the ratio of the last rate to the first.

    .venv/bin/python benchmarks/stories.py [--articles 100000] [--chunk 10000]
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = ("Courier", "Herald", "Post", "Wire", "Ledger", "Gazette", "Times", "Tribune")
FILE_ARTICLES = 2000
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def development_documents() -> list[dict]:
    documents = []
    for path in sorted(glob.glob(str(DATA / "*" / "*.jsonl"))):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                cluster = json.loads(line)
                documents.extend(d for d in cluster.get("documents", []) if d.get("text", "").strip())
    return documents


def perturbed(document: dict, number: int, day: date, rng: random.Random) -> dict:
    """A new article from ``document``: 1 in 10 a verbatim copy, else sentences dropped, reordered, words swapped."""
    text = document["text"]
    if rng.random() >= 0.1:
        sentences = SENTENCE.split(text)
        kept = [s for s in sentences if rng.random() > 0.3] or sentences[:1]
        if len(kept) > 3:
            middle = kept[1:]
            rng.shuffle(middle)
            kept = kept[:1] + middle
        words = " ".join(kept).split()
        for _ in range(len(words) // 20):
            i, j = rng.randrange(len(words)), rng.randrange(len(words))
            words[i], words[j] = words[j], words[i]
        text = " ".join(words)
    return {
        "id": f"gen-{number}",
        "title": document.get("title") or "",
        "text": text,
        "date": day.isoformat(),
        "source": rng.choice(SOURCES),
        "url": f"https://example.org/{number}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--per-day", type=int, default=100, help="articles per day of the generated stream")
    args = parser.parse_args()

    from newsbrief.ingest.read import read_paths
    from newsbrief.store import Store
    from newsbrief.stories.stream import ingest

    rng = random.Random(7)
    documents = development_documents()
    start = date(2020, 1, 1)
    rates = []
    with tempfile.TemporaryDirectory() as folder, Store(str(Path(folder) / "stories.sqlite")) as store:
        for first in range(0, args.articles, args.chunk):
            numbers = range(first, min(first + args.chunk, args.articles))
            files = []
            for part in range(0, len(numbers), FILE_ARTICLES):  # read_paths reads files of up to 20 MB
                files.append(Path(folder) / f"articles-{first + part:06d}.jsonl")
                with open(files[-1], "w", encoding="utf-8") as out:
                    for number in numbers[part : part + FILE_ARTICLES]:
                        day = start + timedelta(days=number // args.per_day)
                        out.write(json.dumps(perturbed(rng.choice(documents), number, day, rng)) + "\n")
            began = time.perf_counter()
            added = copies = new = skipped = 0
            for path in files:
                articles, problems = read_paths([str(path)])  # a few resampled pages are not English: skipped
                skipped += len(problems)
                stats = ingest(store, articles, briefs=False)
                added, copies, new = added + stats.added, copies + stats.copies, new + stats.new_stories
                del articles
                path.unlink()
            rates.append(len(numbers) / (time.perf_counter() - began))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"articles {first + 1:>7}-{numbers[-1] + 1:<7} {rates[-1]:6.1f} articles/s  peak RSS {peak:5.0f} MB  "
                f"added {added} copies {copies} new stories {new} unread {skipped}",
                flush=True,
            )
        stories = store.query("SELECT COUNT(*) FROM stories")[0][0]
        size = (Path(folder) / "stories.sqlite").stat().st_size / 2**20
    print(f"stories {stories}, store {size:.0f} MB")
    print(f"last/first rate: {rates[-1] / rates[0]:.2f} (bar: >= 0.5)")
    sys.exit(0 if rates[-1] >= 0.5 * rates[0] else 1)


if __name__ == "__main__":
    main()
