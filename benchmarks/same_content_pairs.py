"""Cross-document sentence pairs of the development clusters, labelled "same" or "different" content.

The labelled set is ``tests/data/same_content_pairs.jsonl`` (described in ``tests/data/README.md``): one pair
per line, stored as references only (collection, cluster, and for each sentence its document, its character
offsets into that document's ``Article.text`` and a short hash of its text). The text is rebuilt at run time
from ``../shared/data`` by `load`, which fails when a hash does not match (the data or the reader changed).

Four commands:

    .venv/bin/python benchmarks/same_content_pairs.py candidates OUT.jsonl   # pairs to read, with their text
    .venv/bin/python benchmarks/same_content_pairs.py build OUT.jsonl LABELS.tsv  # -> tests/data/...jsonl
    .venv/bin/python benchmarks/same_content_pairs.py refresh               # recompute overlaps and parts
    .venv/bin/python benchmarks/same_content_pairs.py report                # counts and the current rule's P/R

``candidates`` segments each development cluster with newsbrief's own clean and segment stages (so the sentences
are the ones the product compares) and proposes cross-document pairs in four strata per cluster:

- ``low``: little word overlap under the current rule (`overlap` below 0.6) but a high TF-IDF cosine once
  spellings and aliases are merged (Yarmouk/Yarmuk, IS/ISIS/Daesh), or several names or numbers in common:
  where paraphrases that the rule misses are;
- ``high``: overlap of at least `HIGH_OVERLAP` (identical sentences left out: they are dedupe's business):
  where word-sharing pairs stating different facts are;
- ``random``: any two sentences of the cluster from different documents;
- ``very-low``: overlap under `VERY_LOW_OVERLAP`, best merged cosine first: the hardest paraphrases, if any.

A fifth, ``read``, is the seed cluster read whole: its pairs were listed by hand (`read_pair`).

The candidate file (written outside the repository, it holds text) is read by a person, who writes one line
``id<TAB>same|different`` per pair decided (pairs left out are simply not labelled); ``build`` turns the labels
into the references file and assigns each cluster to ``tune`` or ``held-out``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsbrief.compose.attribute import MIN_CONTAINMENT, reports
from newsbrief.compose.same_content import with_aliases_merged
from newsbrief.config import Config
from newsbrief.errors import InputError
from newsbrief.filter.dedupe import numbers
from newsbrief.ingest.clean import clean
from newsbrief.model import Article, Cluster, Sentence
from newsbrief.pipeline import to_article
from newsbrief.segment import segment
from newsbrief.text.names import edit_distance, skeleton
from newsbrief.text.tokens import content_terms, content_tokens, terms

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
LABELLED = ROOT / "tests" / "data" / "same_content_pairs.jsonl"

# The collections pairs are drawn from (never DUC 2004, the Multi-News test split or the MSRP test split).
SEED = "seed-cluster"
FILES = {
    "duc2003-task2": "duc2003-task2/duc2003_task2.jsonl",
    "multinews-val-sample": "multinews-val-sample/multinews_validation_sample250.jsonl",
    "multiling2011-en": "multiling2011-en/multiling2011_en.jsonl",
}
HASH_CHARS = 10
HIGH_OVERLAP = 0.5
# Sentences shorter or longer than this (words) are not proposed: headings, run-on page text.
MIN_WORDS, MAX_WORDS = 6, 70
LOW_COSINE = 0.3
VERY_LOW_OVERLAP, VERY_LOW_COSINE = 0.35, 0.15
HELD_OUT_SHARE = 1 / 3


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def content(text: str) -> frozenset[str]:
    """The content words the current rule compares (`newsbrief.compose.attribute`)."""
    return content_terms(terms(text))


def overlap(a: str, b: str) -> float:
    """The current rule's measure: the share of the shorter sentence's content words that the other has too."""
    ta, tb = content(a), content(b)
    smaller = min(len(ta), len(tb))
    return len(ta & tb) / smaller if smaller else 0.0


def rule_says_same(a: str, b: str) -> bool:
    """The current attribution rule (`newsbrief.compose.attribute.reports`)."""
    return reports(content(a), content(b))


# --- the development clusters, as the product reads them ------------------------------------------------------


def clusters(collection: str, data: Path = DATA) -> Iterator[tuple[str, list[dict | str]]]:
    """(cluster id, documents) of one collection; a document is a benchmark dict, or the text of a .txt page."""
    if collection == SEED:
        yield "seed", [p.read_text(encoding="utf-8") for p in sorted((data / SEED).glob("*.txt"))]
        return
    with open(data / FILES[collection], encoding="utf-8") as lines:
        for line in lines:
            cluster = json.loads(line)
            yield str(cluster["id"]), cluster["documents"]


def articles(documents: list[dict | str]) -> dict[int, Article]:
    """Each usable document as newsbrief reads it (`newsbrief.pipeline.to_article`), by its index in the cluster."""
    found = {}
    for index, document in enumerate(documents):
        try:
            found[index] = to_article(document, index)
        except InputError:  # an unusable document: the pipeline skips it too (`newsbrief.pipeline.to_articles`)
            continue
    return found


def sentences(documents: list[dict | str]) -> list[tuple[int, Sentence]]:
    """(document index, sentence) for every sentence the clean and segment stages give."""
    usable = articles(documents)
    order = list(usable)
    cluster = Cluster.from_articles(tuple(usable[i] for i in order))
    config = Config()
    cluster = segment(clean(cluster, config), config)
    return [(order[s.doc], s) for s in cluster.sentences]


# --- candidates ------------------------------------------------------------------------------------------------

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*")


def merged_tokens(text: str) -> list[str]:
    """Content tokens, each alias of one group or country replaced by one token ("IS", "Daesh": aliasislamicstate)."""
    return content_tokens(terms(with_aliases_merged(text)))


def spelling_map(vocabulary: set[str]) -> dict[str, str]:
    """Each token mapped to one spelling of it: same consonant skeleton, few letters different (Yarmouk/Yarmuk)."""
    by_skeleton: dict[str, list[str]] = {}
    for token in sorted(vocabulary):
        if len(token) >= 4 and token.isalpha():
            by_skeleton.setdefault(skeleton(token), []).append(token)
    mapping = {}
    for group in by_skeleton.values():
        for token in group:
            for head in group:
                if head == token or edit_distance(head, token) <= max(1, max(len(head), len(token)) // 8):
                    mapping[token] = head
                    break
    return mapping


@dataclass
class Candidate:
    doc_a: int
    a: Sentence
    doc_b: int
    b: Sentence
    overlap: float
    cosine: float
    shared_names: int
    shared_numbers: int


def cluster_pairs(documents: list[dict | str]) -> list[Candidate]:
    """Every cross-document pair of usable sentences with its word overlap and merged TF-IDF cosine."""
    found = [
        (doc, s) for doc, s in sentences(documents) if MIN_WORDS <= s.words <= MAX_WORDS and len(content(s.text)) >= 3
    ]
    tokens = [merged_tokens(s.text) for _, s in found]
    mapping = spelling_map({t for ts in tokens for t in ts})
    tokens = [[mapping.get(t, t) for t in ts] for ts in tokens]
    frequency = Counter(t for ts in tokens for t in set(ts))
    n = len(found)
    idf = {t: math.log((1 + n) / (1 + f)) + 1 for t, f in frequency.items()}
    vectors = []
    for ts in tokens:
        counts = Counter(ts)
        vector = {t: c * idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    names = [{mapping.get(t, t) for t in merged_tokens(" ".join(_NAME.findall(s.text)))} for _, s in found]
    nums = [numbers(s.tokens) for _, s in found]
    words = [content(s.text) for _, s in found]
    pairs = []
    for i in range(n):
        for j in range(i + 1, n):
            (doc_a, a), (doc_b, b) = found[i], found[j]
            if doc_a == doc_b or a.tokens == b.tokens:
                continue
            small = min(len(words[i]), len(words[j]))
            share = len(words[i] & words[j]) / small
            cosine = sum(v * vectors[j].get(t, 0.0) for t, v in vectors[i].items())
            pairs.append(Candidate(doc_a, a, doc_b, b, share, cosine, len(names[i] & names[j]), len(nums[i] & nums[j])))
    return pairs


def stratified(
    pairs: list[Candidate], rng: random.Random, low: int, high: int, rand: int, very_low: int = 0
) -> list[tuple[str, Candidate]]:
    """Up to ``low`` low-overlap look-alikes (best first, a sentence used at most twice), ``high`` random
    high-overlap pairs, ``rand`` random pairs, then ``very_low`` look-alikes that share almost no words
    (overlap under `VERY_LOW_OVERLAP`, best first, each sentence once): where the hardest paraphrases are."""
    chosen: list[tuple[str, Candidate]] = []
    seen: set[tuple[int, int, int, int]] = set()

    def key(c: Candidate) -> tuple[int, int, int, int]:
        return (c.doc_a, c.a.start, c.doc_b, c.b.start)

    uses: Counter = Counter()
    looks_alike = [
        c
        for c in pairs
        if c.overlap < MIN_CONTAINMENT and (c.cosine >= LOW_COSINE or c.shared_names >= 2 or c.shared_numbers >= 1)
    ]
    looks_alike.sort(key=lambda c: -(c.cosine + 0.05 * c.shared_names + 0.05 * c.shared_numbers))
    for c in looks_alike:
        if sum(1 for s, _ in chosen if s == "low") >= low:
            break
        ends = ((c.doc_a, c.a.start), (c.doc_b, c.b.start))
        if any(uses[e] >= 2 for e in ends):
            continue
        uses.update(ends)
        chosen.append(("low", c))
        seen.add(key(c))
    similar = [c for c in pairs if c.overlap >= HIGH_OVERLAP and key(c) not in seen]
    for c in rng.sample(similar, min(high, len(similar))):
        chosen.append(("high", c))
        seen.add(key(c))
    rest = [c for c in pairs if key(c) not in seen]
    for c in rng.sample(rest, min(rand, len(rest))):
        chosen.append(("random", c))
        seen.add(key(c))
    unlike = [
        c
        for c in pairs
        if c.overlap < VERY_LOW_OVERLAP
        and key(c) not in seen
        and (c.cosine >= VERY_LOW_COSINE or c.shared_names >= 2 or c.shared_numbers >= 1)
    ]
    unlike.sort(key=lambda c: -(c.cosine + 0.05 * c.shared_names + 0.05 * c.shared_numbers))
    used: set[tuple[int, int]] = set()
    taken = 0
    for c in unlike:
        if taken >= very_low:
            break
        ends = {(c.doc_a, c.a.start), (c.doc_b, c.b.start)}
        if ends & used:
            continue
        used |= ends
        chosen.append(("very-low", c))
        taken += 1
    return chosen


def reference(doc: int, sentence: Sentence) -> dict:
    return {"doc": doc, "start": sentence.start, "end": sentence.end, "sha1": short_hash(sentence.text)}


# Pairs proposed per cluster (low, high, random, very low), and how many clusters of each collection are read.
# The seed cluster was also read whole: its same-fact pairs were listed by hand (see `read_pair`).
PLAN = {
    SEED: ((60, 25, 15, 0), None),
    "duc2003-task2": ((6, 3, 1, 3), None),
    "multinews-val-sample": ((3, 2, 1, 2), 40),
    "multiling2011-en": ((7, 3, 1, 3), None),
}


def write_candidates(out: Path, seed: int = 12) -> int:
    rng = random.Random(seed)
    written = 0
    with open(out, "w", encoding="utf-8") as handle:
        for collection, (counts, limit) in PLAN.items():
            read = 0
            for cluster_id, documents in clusters(collection):
                if limit is not None and read >= limit:
                    break
                if len(documents) < 2:
                    continue
                pairs = cluster_pairs(documents)
                if not pairs:
                    continue
                read += 1
                for stratum, c in stratified(pairs, rng, *counts):
                    record = {
                        "id": f"{collection}/{cluster_id}/{c.doc_a}:{c.a.start}-{c.doc_b}:{c.b.start}",
                        "collection": collection,
                        "cluster": cluster_id,
                        "stratum": stratum,
                        "a": reference(c.doc_a, c.a),
                        "b": reference(c.doc_b, c.b),
                        "overlap": round(c.overlap, 3),
                        "cosine": round(c.cosine, 3),
                        "text_a": " ".join(c.a.text.split()),
                        "text_b": " ".join(c.b.text.split()),
                    }
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
    return written


# --- the labelled set ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    """A labelled pair with its two sentence texts, rebuilt from ../shared/data."""

    part: str
    collection: str
    cluster: str
    a: str
    b: str
    label: str
    overlap: float
    record: dict

    @property
    def same(self) -> bool:
        return self.label == "same"


class DriftError(ValueError):
    """A labelled sentence's text no longer matches its hash: the data or newsbrief's reader changed."""


def load(path: Path = LABELLED, data: Path = DATA) -> list[Pair]:
    """The labelled pairs with their texts, read from the development data (which must be present).

    Raises `DriftError` if a rebuilt sentence's hash differs from the stored one, FileNotFoundError if the data
    folder is missing.
    """
    if not data.is_dir():
        raise FileNotFoundError(f"the development data is not at {data}")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {(r["collection"], r["cluster"]) for r in records}
    texts: dict[tuple[str, str], dict[int, Article]] = {}
    for collection in sorted({c for c, _ in wanted}):
        for cluster_id, documents in clusters(collection, data):
            if (collection, cluster_id) in wanted:
                texts[(collection, cluster_id)] = articles(documents)
    pairs = []
    for r in records:
        where = (r["collection"], r["cluster"])
        if where not in texts:
            raise DriftError(f"cluster {where} is not in the development data")
        sides = []
        for side in ("a", "b"):
            ref = r[side]
            article = texts[where].get(ref["doc"])
            text = article.text[ref["start"] : ref["end"]] if article else ""
            if short_hash(text) != ref["sha1"]:
                raise DriftError(f"{where} doc {ref['doc']} [{ref['start']}:{ref['end']}]: hash {short_hash(text)}")
            sides.append(text)
        pairs.append(Pair(r["part"], r["collection"], r["cluster"], *sides, r["label"], r["overlap"], r))
    return pairs


def cluster_groups(records: list[dict]) -> dict[tuple[str, str], tuple[str, str]]:
    """Each cluster mapped to the first cluster of its group: clusters that share a sentence (DUC 2003 carries
    some documents in two clusters) are one group, so a sentence is never in both parts."""
    head: dict[tuple[str, str], tuple[str, str]] = {}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while head.setdefault(k, k) != k:
            k = head[k]
        return k

    first_with: dict[str, tuple[str, str]] = {}
    for r in records:
        k = find((r["collection"], r["cluster"]))
        for side in ("a", "b"):
            other = first_with.setdefault(r[side]["sha1"], k)
            a, b = sorted((find(other), k))
            head[b] = a
    return {k: find(k) for k in list(head)}


def assign_parts(records: list[dict]) -> dict[tuple[str, str], str]:
    """Each cluster to "tune" or "held-out", so that about a third of all pairs are held out.

    The seed cluster always tunes (the issue's examples come from it). In every other collection, groups of
    clusters (`cluster_groups`) in a fixed shuffled order (by the hash of their first id) go to held-out until
    that collection's held-out pairs reach its share, the same share in each collection, chosen so the held-out
    part is a third of the whole set.
    """
    group = cluster_groups(records)
    per_group = Counter(group[(r["collection"], r["cluster"])] for r in records)
    others = sum(n for (collection, _), n in per_group.items() if collection != SEED)
    share = min(1.0, HELD_OUT_SHARE * len(records) / others) if others else 0.0
    part_of = {}
    for collection in sorted({c for c, _ in per_group}):
        mine = sorted((k for k in per_group if k[0] == collection), key=lambda k: short_hash("/".join(k)))
        total = sum(per_group[k] for k in mine)
        held = 0
        for k in mine:
            if collection != SEED and held + per_group[k] / 2 <= share * total:
                part_of[k] = "held-out"
                held += per_group[k]
            else:
                part_of[k] = "tune"
    return {k: part_of[g] for k, g in group.items()}


_PAIR_ID = re.compile(r"^(?P<collection>[^/]+)/(?P<cluster>[^/]+)/(?P<a>\d+):(?P<sa>\d+)-(?P<b>\d+):(?P<sb>\d+)$")


def read_pair(pair_id: str, cache: dict) -> dict:
    """A pair chosen by reading a whole cluster (not proposed by `write_candidates`), as a candidate record.

    ``pair_id`` is ``collection/cluster/docA:startA-docB:startB``, the form candidate ids take.
    """
    match = _PAIR_ID.match(pair_id)
    if not match:
        raise ValueError(f"{pair_id}: not collection/cluster/docA:startA-docB:startB")
    where = (match["collection"], match["cluster"])
    if where not in cache:
        documents = dict(clusters(where[0]))[where[1]]
        cache[where] = {(doc, s.start): s for doc, s in sentences(documents)}
    found = cache[where]
    ends = [(int(match["a"]), int(match["sa"])), (int(match["b"]), int(match["sb"]))]
    missing = [e for e in ends if e not in found]
    if missing:
        raise ValueError(f"{pair_id}: no sentence starts at {missing}")
    (doc_a, a), (doc_b, b) = [(e[0], found[e]) for e in ends]
    return {
        "id": pair_id,
        "collection": where[0],
        "cluster": where[1],
        "stratum": "read",
        "a": reference(doc_a, a),
        "b": reference(doc_b, b),
        "text_a": a.text,
        "text_b": b.text,
    }


def build(candidates: Path, labels: Path, out: Path = LABELLED) -> int:
    """Write the labelled references file: every labelled pair, in label-file order, exact repeats left out.

    A labelled id that is not among the candidates is a pair chosen by reading the whole cluster (`read_pair`).
    A pair whose two texts were already labelled (a document carried twice in a cluster) is left out.
    """
    decided = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pair_id, label = line.split("\t")[:2]
            if label not in ("same", "different"):
                raise ValueError(f"{pair_id}: label {label!r}")
            decided[pair_id] = label
    proposed = {}
    for line in candidates.read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        proposed[c["id"]] = c
    cache: dict = {}
    records, seen = [], set()
    for pair_id, label in decided.items():
        c = proposed.get(pair_id) or read_pair(pair_id, cache)
        texts = frozenset((c["a"]["sha1"], c["b"]["sha1"]))
        if texts in seen or len(texts) == 1:
            continue
        seen.add(texts)
        records.append(
            {
                "collection": c["collection"],
                "cluster": c["cluster"],
                "stratum": c["stratum"],
                "a": c["a"],
                "b": c["b"],
                "label": label,
                "overlap": round(overlap(c["text_a"], c["text_b"]), 3),
            }
        )
    parts = assign_parts(records)
    with open(out, "w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps({"part": parts[(r["collection"], r["cluster"])], **r}) + "\n")
    return len(records)


def refresh(path: Path = LABELLED) -> int:
    """Recompute every pair's `overlap` (after a change to the tokens or the stopwords) and its part, in place.

    The labels file is the record of the labels: this keeps them and the references, and checks the hashes.
    """
    pairs = load(path)
    records = [{**p.record, "overlap": round(overlap(p.a, p.b), 3)} for p in pairs]
    parts = assign_parts(records)
    with open(path, "w", encoding="utf-8") as handle:
        for r in records:
            handle.write(json.dumps({**r, "part": parts[(r["collection"], r["cluster"])]}) + "\n")
    return len(records)


def band(value: float) -> str:
    return "< 0.3" if value < 0.3 else "0.3-0.6" if value < MIN_CONTAINMENT else ">= 0.6"


def report(pairs: list[Pair]) -> str:
    lines = []
    for part in ("tune", "held-out", "all"):
        mine = [p for p in pairs if part in (p.part, "all")]
        counts = Counter((p.label, band(p.overlap)) for p in mine)
        said = [rule_says_same(p.a, p.b) for p in mine]
        tp = sum(s and p.same for s, p in zip(said, mine))
        predicted, actual = sum(said), sum(p.same for p in mine)
        clusters_in = len({(p.collection, p.cluster) for p in mine})
        lines.append(f"{part}: {len(mine)} pairs from {clusters_in} clusters")
        for label in ("same", "different"):
            row = ", ".join(f"{b}: {counts[(label, b)]}" for b in ("< 0.3", "0.3-0.6", ">= 0.6"))
            lines.append(f"  {label}: {sum(p.label == label for p in mine)} ({row})")
        precision = tp / predicted if predicted else float("nan")
        recall = tp / actual if actual else float("nan")
        lines.append(
            f"  current rule: precision {precision:.3f} ({tp}/{predicted}), recall {recall:.3f} ({tp}/{actual})"
        )
    by_collection = Counter((p.collection, p.part, p.label) for p in pairs)
    for collection in sorted({p.collection for p in pairs}):
        row = ", ".join(
            f"{part} {label} {by_collection[(collection, part, label)]}"
            for part in ("tune", "held-out")
            for label in ("same", "different")
        )
        lines.append(f"{collection}: {row}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    propose = commands.add_parser("candidates", help="write candidate pairs, with their text, to OUT")
    propose.add_argument("out", type=Path)
    propose.add_argument("--seed", type=int, default=12)
    make = commands.add_parser("build", help="write the labelled references file from candidates and labels")
    make.add_argument("candidates", type=Path)
    make.add_argument("labels", type=Path)
    commands.add_parser("refresh", help="recompute the overlaps and parts of the labelled file in place")
    commands.add_parser("report", help="counts and the current rule's precision/recall per part")
    args = parser.parse_args(argv)
    if args.command == "candidates":
        if ROOT in args.out.resolve().parents:
            parser.error("candidates hold the data's text: write them outside the repository")
        print(f"{write_candidates(args.out, args.seed)} candidate pairs written to {args.out}")
    elif args.command == "build":
        print(f"{build(args.candidates, args.labels)} labelled pairs written to {LABELLED}")
    elif args.command == "refresh":
        print(f"{refresh()} labelled pairs refreshed in {LABELLED}")
    else:
        print(report(load()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
