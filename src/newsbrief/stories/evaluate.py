"""Score story detection against labelled clusters: one stream of all their documents, B-cubed and ARI.

The protocol (`labelled_stream`): every document of every cluster becomes one article, in one stream ordered by
date; undated documents keep their file order and are spread evenly through the dated ones. A document that
appears in several clusters (same ``doc_id``) is one article with several true labels. A cluster's ``topic``
field, when it has one, is its label (DUC 2007 update slices A/B/C of one topic are one story); else its id.

B-cubed is the extended form of Amigo et al. (2009) that allows an item several true labels; with one label per
item it is the usual B-cubed. ARI takes each article's first label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.stories.tracker import StoryConfig, day


@dataclass(frozen=True)
class StoryScores:
    """How well found stories match true clusters."""

    precision: float
    recall: float
    f1: float
    ari: float
    articles: int
    stories: int
    clusters: int
    problems: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "bcubed_precision": round(self.precision, 4),
            "bcubed_recall": round(self.recall, 4),
            "bcubed_f1": round(self.f1, 4),
            "ari": round(self.ari, 4),
            "articles": self.articles,
            "stories": self.stories,
            "clusters": self.clusters,
            "problems": list(self.problems),
        }

    def table(self) -> str:
        return "\n".join(
            [
                f"articles   {self.articles}",
                f"clusters   {self.clusters} (true)",
                f"stories    {self.stories} (found)",
                f"B-cubed    P {self.precision:.4f}  R {self.recall:.4f}  F1 {self.f1:.4f}",
                f"ARI        {self.ari:.4f}",
                "protocol: all documents as one stream by date (undated ones spread evenly in file order); "
                "extended B-cubed (Amigo et al. 2009)",
            ]
        )


def labelled_stream(paths: Sequence[str]) -> tuple[list[Article], dict[str, list[str]], list[str]]:
    """The articles of the clusters in ``paths`` as one stream, each article's true labels, and problems.

    Each article's id is its ``id`` or ``doc_id``, else ``CLUSTER/INDEX`` (`newsbrief.stories.inputs.document_id`).
    """
    from newsbrief.ingest.read import read_clusters
    from newsbrief.stories.inputs import document_id

    articles: list[Article] = []
    labels: dict[str, list[str]] = {}
    problems: list[str] = []
    for path in paths:
        for cluster in read_clusters(path):
            if isinstance(cluster, InputError):
                problems.append(str(cluster))
                continue
            label = str(cluster.get("topic") or cluster["id"])
            for index, document in enumerate(cluster["documents"]):
                article_id = document_id(cluster, index)
                if article_id in labels:
                    if label not in labels[article_id]:
                        labels[article_id].append(label)
                    continue
                try:
                    article = Article.from_dict({**document, "id": article_id}, origin=f"{path}:{article_id}")
                except InputError as error:
                    problems.append(str(error))
                    continue
                labels[article_id] = [label]
                articles.append(article)
    return interleave(articles), labels, problems


def interleave(articles: Sequence[Article]) -> list[Article]:
    """Dated articles by date (ties in input order), with the undated ones spread evenly in input order."""
    dated = sorted((a for a in articles if day(a.date) is not None), key=lambda a: day(a.date))
    undated = [a for a in articles if day(a.date) is None]
    keyed = [((i + 0.5) / len(dated), 0, a) for i, a in enumerate(dated)]
    keyed += [((j + 0.5) / len(undated), 1, a) for j, a in enumerate(undated)]
    return [a for _, _, a in sorted(keyed, key=lambda item: (item[0], item[1]))]


def item_scores(found: dict[str, int], labels: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
    """Each article's extended B-cubed ``(precision, recall)``: the shares of its story that share a label
    with it, and of the articles sharing a label with it that are in its story (Amigo et al. 2009). The
    B-cubed precision and recall of a clustering are their means; paired comparisons resample them.

    Articles without a story (not ingested) count as stories of their own.
    """
    items = list(labels)
    story_of = {item: found.get(item, f"missing:{item}") for item in items}
    members: dict[Any, list[str]] = defaultdict(list)
    for item in items:
        members[story_of[item]].append(item)
    by_label: dict[str, list[str]] = defaultdict(list)
    for item in items:
        for label in labels[item]:
            by_label[label].append(item)
    label_sets = {item: set(labels[item]) for item in items}
    scores = {}
    for item in items:
        mine = label_sets[item]
        same_story = members[story_of[item]]
        precision = sum(1 for other in same_story if mine & label_sets[other]) / len(same_story)
        related = {other for label in mine for other in by_label[label]}
        recall = sum(1 / len(mine & label_sets[o]) for o in related if story_of[o] == story_of[item]) / len(related)
        scores[item] = (precision, recall)
    return scores


def score_stories(found: dict[str, int], labels: dict[str, list[str]], problems: Iterable[str] = ()) -> StoryScores:
    """Extended B-cubed and ARI of ``found`` (article id -> story) against ``labels`` (article id -> labels).

    Articles without a story (not ingested) count as stories of their own.
    """
    from sklearn.metrics import adjusted_rand_score

    items = list(labels)
    per_item = item_scores(found, labels)
    precision = sum(p for p, _ in per_item.values()) / len(items)
    recall = sum(r for _, r in per_item.values()) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    story_of = [str(found.get(item, f"missing:{item}")) for item in items]
    ari = adjusted_rand_score([labels[i][0] for i in items], story_of)
    clusters = len({label for item in items for label in labels[item]})
    return StoryScores(precision, recall, f1, float(ari), len(items), len(set(story_of)), clusters, tuple(problems))


def evaluate_stories(
    paths: Sequence[str], config: StoryConfig | None = None, *, db: str = ":memory:", progress: bool = False
) -> StoryScores:
    """Ingest the documents of the clusters in ``paths`` as one stream (`labelled_stream`) and score the stories.

    db: the store to ingest into (a throwaway one by default); briefs are not made.
    """
    from newsbrief.store import Store
    from newsbrief.stories.stream import ingest

    articles, labels, problems = labelled_stream(paths)
    if not articles:
        raise InputError("no documents to evaluate in " + ", ".join(paths))
    with Store(db) as store:
        ingest(store, articles, config=config, briefs=False, progress=progress, total=len(articles), label="stream")
        found = store.stories.assignments()
    return score_stories(found, labels, problems)
