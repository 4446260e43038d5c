"""Story detection on event-labelled streams, each collection alone and together, with topics apart.

The product is judged on a stream of *events* (newswire events of one autumn plus web clusters). The
event-labelled development collections are DUC 2003 task 2 (TDT events of autumn 1998), the Multi-News
validation sample (undated, untitled web clusters) and MultiLing 2011 (WikiNews events, 2005-2010); DUC
2006/2007 are query-focused *topic* sets spanning years, scored apart and never tuned on.

Each stream is ingested as `newsbrief eval-stories` does it (`newsbrief.stories.evaluate`: one stream by date,
undated documents spread evenly, extended B-cubed). Settings are compared by a paired bootstrap over the true
clusters (the same resampled events scored under both settings), which gives the standard error of the
difference in B-cubed F1.

    .venv/bin/python benchmarks/stories_events.py                 # default settings: every stream
    .venv/bin/python benchmarks/stories_events.py --tune          # leave-one-collection-out over the grid
    .venv/bin/python benchmarks/stories_events.py --set threshold=0.2 --against threshold=0.15
    .venv/bin/python benchmarks/stories_events.py --tune --against name_weight=0   # held-out vs names off

With `--tune`, for each event collection the grid point with the best mean F1 on the *other two* is chosen
and reported on the held-out one, so each held-out figure comes from settings that never saw it; `--against`
names the settings it is compared with (the defaults otherwise).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
EVENTS = {
    "duc2003": [DATA / "duc2003-task2" / "duc2003_task2.jsonl"],
    "multinews": [DATA / "multinews-val-sample" / "multinews_validation_sample250.jsonl"],
    "multiling": [DATA / "multiling2011-en" / "multiling2011_en.jsonl"],
}
TOPICS = {
    "duc2006": [DATA / "duc2006" / "duc2006.jsonl"],
    "duc2007": [DATA / "duc2007" / "duc2007_main_docs_only.jsonl", DATA / "duc2007" / "duc2007_update.jsonl"],
}
GRID: dict[str, list] = {
    "threshold": [0.13, 0.15, 0.17],
    "name_weight": [0.0, 0.25, 0.5, 0.75],
}
"""The settings `--tune` sweeps (StoryConfig fields); every combination is run on each event collection."""
BOOTSTRAP = 1000


def streams() -> dict[str, list[Path]]:
    together = [path for paths in EVENTS.values() for path in paths]
    return {**EVENTS, "events together": together, **TOPICS}


def run(paths: list[Path], settings: dict) -> tuple[dict, dict]:
    """Ingest the stream of ``paths`` with ``settings`` (StoryConfig fields); the per-article B-cubed scores
    ``{id: (precision, recall)}`` and each article's first true label."""
    from newsbrief.store import Store
    from newsbrief.stories.evaluate import item_scores, labelled_stream
    from newsbrief.stories.stream import ingest
    from newsbrief.stories.tracker import StoryConfig

    articles, labels, _ = labelled_stream([str(p) for p in paths])
    with Store(":memory:") as store:
        ingest(store, articles, config=StoryConfig(**settings), briefs=False)
        found = store.stories.assignments()
    scores = item_scores(found, labels)
    stories = len({found.get(a, a) for a in labels})
    return scores, {"labels": {a: labels[a][0] for a in labels}, "stories": stories}


def f1(scores: dict, items: list[str]) -> tuple[float, float, float]:
    p = sum(scores[i][0] for i in items) / len(items)
    r = sum(scores[i][1] for i in items) / len(items)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def paired_se(a: dict, b: dict, labels: dict, rounds: int = BOOTSTRAP) -> float:
    """Bootstrap standard error of F1(b) - F1(a), resampling the true clusters (paired: the same draw for both)."""
    clusters: dict[str, list[str]] = {}
    for item, label in labels.items():
        clusters.setdefault(label, []).append(item)
    groups = list(clusters.values())
    rng = random.Random(13)
    diffs = []
    for _ in range(rounds):
        items = [i for g in rng.choices(groups, k=len(groups)) for i in g]
        diffs.append(f1(b, items)[2] - f1(a, items)[2])
    mean = sum(diffs) / len(diffs)
    return (sum((d - mean) ** 2 for d in diffs) / (len(diffs) - 1)) ** 0.5


def line(name: str, scores: dict, meta: dict) -> str:
    p, r, f = f1(scores, list(scores))
    clusters = len(set(meta["labels"].values()))
    return f"{name:16s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  stories {meta['stories']:4d}  clusters {clusters}"


def _job(job: tuple[str, tuple]) -> tuple[str, tuple, dict, dict]:
    name, settings = job
    scores, meta = run(streams()[name], dict(settings))
    return name, settings, scores, meta


def parse_settings(pairs: list[str]) -> dict:
    from newsbrief.stories.tracker import StoryConfig

    kinds = {f.name: type(getattr(StoryConfig(), f.name)) for f in fields(StoryConfig)}
    settings = {}
    for pair in pairs:
        name, value = pair.split("=", 1)
        settings[name] = kinds[name](value)
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", default=[], help="a StoryConfig field, NAME=VALUE")
    parser.add_argument("--against", action="append", default=[], help="compare with these settings (NAME=VALUE)")
    parser.add_argument("--tune", action="store_true", help="leave-one-collection-out over GRID")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--grid", default="", help="JSON object replacing GRID")
    args = parser.parse_args()
    from newsbrief.stories.tracker import StoryConfig

    default = tuple(sorted((f.name, getattr(StoryConfig(), f.name)) for f in fields(StoryConfig)))
    baseline_settings = parse_settings(args.against)
    baseline = tuple(sorted({**dict(default), **baseline_settings}.items()))
    if not args.tune:
        chosen = tuple(sorted({**dict(default), **parse_settings(args.set)}.items()))
        jobs = [(name, chosen) for name in streams()]
        if args.against:
            jobs += [(name, baseline) for name in streams()]
        with ProcessPoolExecutor(args.jobs) as pool:
            results = {(n, s): (sc, m) for n, s, sc, m in pool.map(_job, jobs)}
        print("settings:", dict(chosen))
        for name in streams():
            scores, meta = results[name, chosen]
            text = line(name, scores, meta)
            if args.against:
                before = results[name, baseline][0]
                delta = f1(scores, list(scores))[2] - f1(before, list(before))[2]
                se = paired_se(before, scores, meta["labels"])
                text += f"  vs {dict(parse_settings(args.against))}: {delta:+.3f} (SE {se:.3f})"
            print(text, flush=True)
        return
    grid = json.loads(args.grid) if args.grid else GRID
    points = [
        tuple(sorted({**dict(default), **dict(zip(grid, values))}.items()))
        for values in itertools.product(*grid.values())
    ]
    jobs = [(name, point) for point in points for name in EVENTS]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = {(n, s): (sc, m) for n, s, sc, m in pool.map(_job, jobs)}
    table = {(n, s): f1(sc, list(sc)) for (n, s), (sc, _) in results.items()}
    for point in points:
        shown = {k: v for k, v in point if k in grid}
        print(shown, "  ".join(f"{n} {table[n, point][2]:.3f}" for n in EVENTS), flush=True)
    print("\nleave one collection out (settings chosen on the other two, scored on the third):")
    for held in EVENTS:
        others = [n for n in EVENTS if n != held]
        best = max(points, key=lambda pt: sum(table[n, pt][2] for n in others) / len(others))
        scores, meta = results[held, best]
        before, _ = results[held, baseline] if (held, baseline) in results else run(EVENTS[held], dict(baseline))
        delta = f1(scores, list(scores))[2] - f1(before, list(before))[2]
        print(
            line(held, scores, meta),
            {k: v for k, v in best if k in grid},
            f"vs {baseline_settings or 'default'} {delta:+.3f} (SE {paired_se(before, scores, meta['labels']):.3f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
