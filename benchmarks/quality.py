"""The development quality table: every development collection, one change against another, with paired errors.

    PYTHONPATH=OLD/src .venv/bin/python benchmarks/quality.py summaries --out /tmp/before.json
    .venv/bin/python benchmarks/quality.py summaries --out /tmp/after.json
    .venv/bin/python benchmarks/quality.py compare /tmp/before.json /tmp/after.json

``summaries`` writes the default method's summary of every cluster of each collection in `COLLECTIONS` (with
whichever newsbrief is imported: PYTHONPATH picks a checkout), ``compare`` scores two such files with python
ROUGE (rouge-score's scorer, stemming; recall for the DUC sets as their papers report, F1 for Multi-News and
MultiLing; the best of the references, as `newsbrief eval`) and prints, per collection, both means, their
difference and its paired standard error (the standard deviation of the per-cluster differences over the square
root of the number of clusters). A change is worth
keeping only if it holds across collections: a difference inside about two standard errors is noise.

The budgets are those of issue 11's table; DUC 2006 and 2007 main are scored as generic summaries (their
queries are not given to the summarizer). Official ROUGE-1.5.5 figures of DUC 2003 come from ``newsbrief eval
--rouge perl``. Never run on DUC 2004, Multi-News test or MSRP test.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

DATA = Path(os.environ.get("NEWSBRIEF_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
# name -> (file under DATA, words, measure, which clusters)
COLLECTIONS = {
    "DUC 2003": ("duc2003-task2/duc2003_task2.jsonl", 100, "recall", None),
    "MultiLing 2011": ("multiling2011-en/multiling2011_en.jsonl", 250, "fmeasure", None),
    "Multi-News sample": ("multinews-val-sample/multinews_validation_sample250.jsonl", 230, "fmeasure", None),
    "DUC 2006": ("duc2006/duc2006.jsonl", 250, "recall", None),
    "DUC 2007 main": ("duc2007/duc2007_main_with_refs.jsonl", 250, "recall", None),
    "DUC 2007 update A": ("duc2007/duc2007_update.jsonl", 100, "recall", "A"),
}


def clusters(name: str) -> list[dict]:
    relative, _, _, part = COLLECTIONS[name]
    with open(DATA / relative, encoding="utf-8") as lines:
        found = [json.loads(line) for line in lines if line.strip()]
    return [c for c in found if part is None or c.get("part") == part]


def write_summaries(out: Path, only: list[str]) -> None:
    import newsbrief
    from newsbrief.config import Config
    from newsbrief.pipeline import Failure, summarize_cluster

    result: dict[str, dict] = {"newsbrief": str(Path(newsbrief.__file__).parent), "collections": {}}
    for name in only:
        words = COLLECTIONS[name][1]
        config = Config(words=words, analysis=False)
        start, summaries = time.perf_counter(), {}
        for index, cluster in enumerate(clusters(name)):
            brief = summarize_cluster({"id": cluster["id"], "documents": cluster["documents"]}, index, config)
            summaries[cluster["id"]] = "" if isinstance(brief, Failure) else "\n".join(s.text for s in brief.sentences)
        result["collections"][name] = summaries
        print(f"{name}: {len(summaries)} summaries in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def scores(name: str, summaries: dict[str, str]) -> dict[str, list[float]]:
    """Per-cluster ROUGE-1 and ROUGE-2 (the collection's measure), in cluster order."""
    from newsbrief.evaluate.rouge_python import per_cluster

    _, words, measure, _ = COLLECTIONS[name]
    found = clusters(name)
    scored = per_cluster([summaries.get(c["id"], "") for c in found], [c["summaries"] for c in found], words)
    return {
        "R-1": [100 * getattr(score["rouge1"], measure) for score in scored],
        "R-2": [100 * getattr(score["rouge2"], measure) for score in scored],
    }


def paired(before: list[float], after: list[float]) -> tuple[float, float]:
    """Mean difference (after - before) and its standard error."""
    differences = [b - a for a, b in zip(before, after, strict=True)]
    spread = statistics.stdev(differences) if len(differences) > 1 else 0.0
    return statistics.fmean(differences), spread / math.sqrt(len(differences))


def compare(before_path: Path, after_path: Path) -> None:
    before = json.loads(before_path.read_text(encoding="utf-8"))["collections"]
    after = json.loads(after_path.read_text(encoding="utf-8"))["collections"]
    columns = ("R-1 before", "R-1 after", "difference (SE)", "R-2 before", "R-2 after", "difference (SE)")
    print("| collection | clusters | measure | " + " | ".join(columns) + " | summaries changed |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in COLLECTIONS:
        if name not in before or name not in after:
            continue
        old, new = scores(name, before[name]), scores(name, after[name])
        changed = sum(before[name][k] != after[name].get(k) for k in before[name])
        cells = []
        for key in ("R-1", "R-2"):
            difference, error = paired(old[key], new[key])
            means = [f"{statistics.fmean(old[key]):.2f}", f"{statistics.fmean(new[key]):.2f}"]
            cells += [*means, f"{difference:+.2f} ({error:.2f})"]
        measure = "recall" if COLLECTIONS[name][2] == "recall" else "F1"
        label = f"{name}, {COLLECTIONS[name][1]} words"
        print(f"| {label} | {len(old['R-1'])} | {measure} | " + " | ".join(cells) + f" | {changed} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("summaries", help="write the default summaries of every collection")
    write.add_argument("--out", type=Path, required=True)
    write.add_argument("--only", action="append", choices=list(COLLECTIONS), help="one collection (repeatable)")
    both = commands.add_parser("compare", help="score two summaries files, with paired standard errors")
    both.add_argument("before", type=Path)
    both.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "summaries":
        write_summaries(args.out, args.only or list(COLLECTIONS))
    else:
        compare(args.before, args.after)


if __name__ == "__main__":
    main()
