"""Update briefs on the DUC 2007 update task: part B with A as seen, part C with A and B as seen, 100 words.

Each of the 10 topics has three chronological sub-clusters A, B, C (../shared/data/duc2007/duc2007_update.jsonl).
A B (C) brief is summarized from B's (C's) documents with ``seen`` = A's (A's and B's); the plain brief of the
same documents, without ``seen``, is the baseline; A has nothing before it, so its brief is always plain.

Scored as NIST scored the task: ROUGE-1.5.5 with ``-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d``
(the flags of the data's README), jackknifed: each summary is scored against each 3 of its 4 references and the
4 scores averaged (ROUGE-1.5.5 no longer jackknifes by itself). NIST's table (official_scores_update/, all
participants and the 10 assessors, whose ids are letters) is printed beside.

    .venv/bin/python benchmarks/update.py [--seen-weight 0.0] [--json out.json]

Only DUC 2007 update figures are used to choose settings (docs/update.md).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

DATA = Path(os.environ.get("NEWSBRIEF_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")) / "duc2007"
FLAGS = ("-n", "4", "-w", "1.2", "-m", "-2", "4", "-u", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5", "-t", "0")
FLAGS += ("-a", "-d")
SHOWN = ("ROUGE-2", "ROUGE-SU4")
NIST = {"ROUGE-2": "rouge2.jk.m.avg", "ROUGE-SU4": "rougeSU4.jk.m.avg"}


def topics() -> dict[str, dict[str, dict[str, Any]]]:
    """topic -> part ("A", "B", "C") -> cluster."""
    found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for line in (DATA / "duc2007_update.jsonl").read_text(encoding="utf-8").splitlines():
        cluster = json.loads(line)
        found[cluster["topic"]][cluster["part"]] = cluster
    return dict(sorted(found.items()))


def briefs(parts: dict[str, dict[str, Any]], words: int, with_seen: bool) -> dict[str, str]:
    """part -> summary (one sentence a line) of one topic."""
    from newsbrief import summarize
    from newsbrief.text import one_line

    made = {}
    for part, before in (("A", ""), ("B", "A"), ("C", "AB")):
        seen = [d for p in before for d in parts[p]["documents"]] if with_seen else []
        brief = summarize(parts[part]["documents"], words=words, analysis=False, seen=seen)
        made[part] = "\n".join(one_line(s.text) for s in brief.sentences)
    return made


def jackknifed(peers: dict[str, list[str]], references: list[list[str]]) -> dict[str, dict[str, float]]:
    """system -> ROUGE variant -> recall, each summary scored against each all-but-one subset of its references."""
    from newsbrief.evaluate.rouge_perl import rouge_perl

    expanded_peers = {system: [] for system in peers}
    expanded_models = []
    for index, refs in enumerate(references):
        for left_out in range(len(refs)):
            expanded_models.append([r for k, r in enumerate(refs) if k != left_out])
            for system, summaries in peers.items():
                expanded_peers[system].append(summaries[index])
    scores = rouge_perl(expanded_peers, expanded_models, FLAGS)
    return {system: {v: scores[system][v]["R"] for v in SHOWN} for system in peers}


def nist_table() -> dict[str, dict[str, float]]:
    """NIST's jackknifed averages: variant -> system id -> score."""
    table: dict[str, dict[str, float]] = {}
    for variant, name in NIST.items():
        rows = (line.split() for line in (DATA / "official_scores_update" / name).read_text().splitlines())
        table[variant] = {row[0]: float(row[1]) for row in rows if len(row) > 1}
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100)
    parser.add_argument("--seen-weight", type=float, default=None, help="override ilp.SEEN_WEIGHT (tuning)")
    parser.add_argument("--json", default=None, help="also write the figures here")
    args = parser.parse_args()

    from newsbrief.select import ilp

    if args.seen_weight is not None:
        ilp.SEEN_WEIGHT = args.seen_weight
    clusters = topics()
    began = time.perf_counter()
    made = {
        variant: {topic: briefs(parts, args.words, variant == "seen") for topic, parts in clusters.items()}
        for variant in ("plain", "seen")
    }
    took = time.perf_counter() - began
    results: dict[str, dict[str, dict[str, float]]] = {}
    for label, parts in (("A", "A"), ("B", "B"), ("C", "C"), ("B+C", "BC"), ("A+B+C", "ABC")):
        keys = [(topic, part) for topic in clusters for part in parts]
        refs = [clusters[topic][part]["summaries"] for topic, part in keys]
        peers = {variant: [made[variant][topic][part] for topic, part in keys] for variant in made}
        results[label] = jackknifed(peers, refs)
    nist = nist_table()
    print(f"DUC 2007 update, {args.words} words, jackknifed ROUGE-1.5.5 recall ({' '.join(FLAGS)})")
    print(f"{'parts':7} {'brief':6} {'R-2':>8} {'R-SU4':>8}")
    for label, by_variant in results.items():
        for variant, scores in by_variant.items():
            if label == "A" and variant == "seen":
                continue  # A has nothing before it: the same plain brief
            print(f"{label:7} {variant:6} {scores['ROUGE-2']:8.5f} {scores['ROUGE-SU4']:8.5f}")
    systems = {variant: {k: v for k, v in scores.items() if not k.isalpha()} for variant, scores in nist.items()}
    humans = {variant: {k: v for k, v in scores.items() if k.isalpha()} for variant, scores in nist.items()}
    for variant in SHOWN:
        ranked = sorted(systems[variant].items(), key=lambda kv: -kv[1])
        median = ranked[len(ranked) // 2][1]
        print(
            f"NIST {variant}: best system {ranked[0][0]} {ranked[0][1]:.5f}, median system {median:.5f}, "
            f"{len(ranked)} systems; assessors {min(humans[variant].values()):.5f}-{max(humans[variant].values()):.5f}"
        )
    print(f"SEEN_WEIGHT {ilp.SEEN_WEIGHT:g}; summarizing took {took:.1f} s (both variants, 30 + 30 briefs)")
    if args.json:
        Path(args.json).write_text(json.dumps({"seen_weight": ilp.SEEN_WEIGHT, "results": results}, indent=2))


if __name__ == "__main__":
    main()
