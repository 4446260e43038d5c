"""Does the off-topic filter find asides from other stories? Run by hand: ``.venv/bin/python benchmarks/asides.py``.

Three measurements, all built at run time from ../shared/data (none of its text is stored in the project):

1. The seed cluster's labelled sentences (tests/data/offtopic_seed_labels.json: 20 asides, 40 on the story):
   how many asides are dropped, how many story sentences are lost.
2. Same-beat splices: in each cluster of a collection, a run of 2-4 consecutive sentences from a document of
   the most similar other cluster of that collection (cosine of the clusters' TF-IDF term vectors) is inserted
   at a sentence boundary inside one document, joined with a space, with no layout cue. Recall: spliced
   sentences dropped as off-topic / spliced sentences. Precision: of every sentence dropped as off-topic in the
   cluster, the share that was spliced in. Two splices per cluster (two seeds), each in its own copy. Also the
   ranking behind the threshold (`relative_run_scores`, all sentences of all splice copies pooled): its ROC AUC,
   and the best precision any threshold reaches while keeping recall >= 0.5 (the target of the issue is 0.8).
3. Intruders: to a cluster of 10 documents, 4 documents of the 4 most similar other clusters and 2 of random
   ones are added (as in WCEP, where half the articles of a cluster can be off-event): the share of summary
   sentences taken from an intruder, with and without the filter.

Prints a markdown table.
"""

from __future__ import annotations

import json
import math
import random
import sys
import zlib
from collections import Counter
from itertools import groupby
from pathlib import Path

from newsbrief import summarize
from newsbrief.config import Config
from newsbrief.filter.dedupe import dedupe
from newsbrief.filter.offtopic import off_topic, relative_run_scores
from newsbrief.ingest.clean import clean
from newsbrief.ingest.read import read_paths
from newsbrief.model import Article, Cluster
from newsbrief.pipeline import STAGES
from newsbrief.segment import segment
from newsbrief.text.tokens import content_terms, terms

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"
SEED_LABELS = HERE.parent / "tests" / "data" / "offtopic_seed_labels.json"
COLLECTIONS = {
    "DUC 2003": ("duc2003-task2/duc2003_task2.jsonl", None),
    "DUC 2006 (10 docs)": ("duc2006/duc2006.jsonl", 10),
    "MultiLing 2011": ("multiling2011-en/multiling2011_en.jsonl", None),
    "Multi-News (3+ docs)": ("multinews-val-sample/multinews_validation_sample250.jsonl", None),
}
SPLICES_PER_CLUSTER = 2
INTRUDERS_SIMILAR, INTRUDERS_RANDOM = 4, 2


def staged(articles: list[Article] | tuple[Article, ...]) -> Cluster:
    """The cluster as the off-topic stage sees it: cleaned, segmented, copies merged."""
    cluster = Cluster.from_articles(tuple(articles))
    for stage in (clean, segment, dedupe):
        cluster = stage(cluster, Config())
    return cluster


def load(relative: str, documents: int | None) -> list[dict]:
    with open(DATA / relative, encoding="utf-8") as handle:
        clusters = [json.loads(line) for line in handle if line.strip()]
    for c in clusters:
        c["documents"] = [d for d in c["documents"] if (d.get("text") or "").strip()][:documents]
    return [c for c in clusters if len(c["documents"]) >= 3]


def nearest(clusters: list[dict]) -> list[list[int]]:
    """For each cluster, the others from most to least similar (cosine of TF-IDF term vectors)."""
    bags = [Counter(t for d in c["documents"] for t in content_terms(terms(d["text"]))) for c in clusters]
    df = Counter(t for bag in bags for t in bag)
    idf = {t: math.log(len(bags) / n) for t, n in df.items()}
    vectors = [{t: n * idf[t] for t, n in bag.items()} for bag in bags]
    norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in vectors]

    def cosine(i: int, j: int) -> float:
        a, b = vectors[i], vectors[j]
        small, large = (a, b) if len(a) < len(b) else (b, a)
        return sum(v * large.get(t, 0.0) for t, v in small.items()) / (norms[i] * norms[j])

    return [
        sorted((j for j in range(len(clusters)) if j != i), key=lambda j: -cosine(i, j)) for i in range(len(clusters))
    ]


def splice(target: dict, donor: dict, rng: random.Random) -> tuple[list[Article], int, int, int] | None:
    """The target cluster's articles with a donor run spliced into one; (articles, doc, start, end of the run)."""
    articles = [Article.from_dict(d) for d in target["documents"]]
    donor_view = staged([Article.from_dict(d) for d in donor["documents"]])
    target_view = staged(articles)
    long_enough = [d for d in range(len(articles)) if sum(s.doc == d for s in target_view.sentences) >= 6]
    donors = [d for d in range(len(donor["documents"])) if sum(s.doc == d for s in donor_view.sentences) >= 5]
    if not long_enough or not donors:
        return None
    doc, source = rng.choice(long_enough), rng.choice(donors)
    own = [s for s in target_view.sentences if s.doc == doc]
    theirs = [s for s in donor_view.sentences if s.doc == source]
    length = rng.choice((2, 3, 4))
    first = rng.randrange(1, len(theirs) - length + 1)
    run = " ".join(" ".join(s.text.split()) for s in theirs[first : first + length])
    at = own[rng.randrange(2, len(own) - 1)].start
    text = articles[doc].text
    articles[doc] = Article(text[:at] + run + " " + text[at:], title=articles[doc].title, date=articles[doc].date)
    return articles, doc, at, at + len(run)


def splice_scores(clusters: list[dict]) -> dict[str, float]:
    order = nearest(clusters)
    found = spliced = dropped = collateral = others = 0
    ranked: list[tuple[float, bool]] = []  # (run score relative to the median, spliced?) of every sentence
    for i, cluster in enumerate(clusters):
        for seed in range(SPLICES_PER_CLUSTER):
            rng = random.Random(zlib.crc32(f"{cluster['id']}/{seed}".encode()))
            made = splice(cluster, clusters[order[i][0]], rng)
            if made is None:
                continue
            articles, doc, start, end = made
            view = staged(articles)
            inserted = {k for k, s in enumerate(view.sentences) if s.doc == doc and start <= s.start < end}
            gone = off_topic(view.sentences)
            runs = relative_run_scores(view.sentences)
            if runs is not None:
                ranked.extend((float(run), k in inserted) for k, run in enumerate(runs))
            found += len(gone & inserted)
            spliced += len(inserted)
            dropped += len(gone)
            collateral += len(gone - inserted)
            others += len(view.sentences) - len(inserted)
    return {
        "recall": found / max(spliced, 1),
        "precision": found / dropped if dropped else float("nan"),
        "collateral": collateral / max(others, 1),
        "spliced": spliced,
        **ranking(ranked),
    }


def ranking(ranked: list[tuple[float, bool]]) -> dict[str, float]:
    """ROC AUC of a score that is low for spliced sentences, and the best precision at recall >= 0.5.

    >>> ranking([(0.1, True), (0.2, False), (0.3, True), (0.9, False)])
    {'auc': 0.75, 'precision at recall 0.5': 1.0}
    """
    positives = sum(spliced for _, spliced in ranked)
    negatives = len(ranked) - positives
    if not positives or not negatives:
        return {"auc": float("nan"), "precision at recall 0.5": float("nan")}
    found = seen = below = 0
    wins = 0.0
    best = 0.0
    for _, group in groupby(sorted(ranked, key=lambda pair: pair[0]), key=lambda pair: pair[0]):
        labels = [spliced for _, spliced in group]
        hits = sum(labels)
        tied = len(labels) - hits
        wins += hits * (negatives - below - tied) + hits * tied / 2  # negatives scored higher; ties count half
        below += tied
        found, seen = found + hits, seen + len(labels)
        if found >= positives / 2:
            best = max(best, found / seen)
    return {"auc": wins / (positives * negatives), "precision at recall 0.5": best}


def intruder_share(clusters: list[dict]) -> dict[str, float]:
    """Share of summary sentences from intruding documents, with the filter and without it."""
    order = nearest(clusters)
    without_filter = tuple(stage for stage in STAGES if stage.name != "off-topic")
    counts = {"with": [0, 0], "without": [0, 0]}
    for i, cluster in enumerate(clusters):
        own = cluster["documents"][:10]
        if len(own) < 10:
            continue
        rng = random.Random(zlib.crc32(cluster["id"].encode()))
        similar = [clusters[j] for j in order[i][:INTRUDERS_SIMILAR]]
        far = rng.sample([clusters[j] for j in order[i][INTRUDERS_SIMILAR:]], INTRUDERS_RANDOM)
        intruders = [rng.choice(c["documents"]) for c in similar + far]
        documents = own + intruders
        for name, stages in (("with", STAGES), ("without", without_filter)):
            brief = summarize(documents, analysis=False, stages=stages)
            counts[name][0] += sum(s.doc >= len(own) for s in brief.sentences)
            counts[name][1] += len(brief.sentences)
    return {name: n / max(total, 1) for name, (n, total) in counts.items()}


def seed_scores() -> dict[str, int]:
    paths = sorted((DATA / "seed-cluster").glob("*.txt"))
    articles, problems = read_paths([str(p) for p in paths])
    view = staged(articles)
    gone = off_topic(view.sentences)
    rows = json.loads(SEED_LABELS.read_text(encoding="utf-8"))
    # the labels' offsets are into each file's whole text; match the sentence by its file and its opening words
    result = Counter()
    for k, s in enumerate(view.sentences):
        flat = " ".join(s.text.split())
        label = next((r["label"] for r in rows if r["file"] == paths[s.doc].name and flat.startswith(r["text"])), None)
        if label:
            result[f"{label} dropped" if k in gone else f"{label} kept"] += 1
    return dict(result)


def main() -> None:
    seed = seed_scores()
    print(
        f"Seed cluster: {seed.get('off dropped', 0)} of 20 asides dropped, "
        f"{seed.get('on dropped', 0)} of 40 story sentences lost"
    )
    print()
    print(
        "| collection | clusters | spliced sentences | recall | precision | other sentences dropped | "
        "ranking AUC | best precision at recall 0.5 | intruder share, filter on / off |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (relative, documents) in COLLECTIONS.items():
        clusters = load(relative, documents)
        scores = splice_scores(clusters)
        shares = intruder_share(load(relative, None))
        share = f"{shares['with']:.1%} / {shares['without']:.1%}"
        print(
            f"| {name} | {len(clusters)} | {scores['spliced']} | {scores['recall']:.2f} | {scores['precision']:.2f} | "
            f"{scores['collateral']:.1%} | {scores['auc']:.2f} | {scores['precision at recall 0.5']:.2f} | {share} |"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
