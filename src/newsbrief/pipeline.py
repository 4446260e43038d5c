"""summarize(): ingest -> segment -> analyse -> select -> compose, one `Stage` after another.

Every stage is a plain function ``(Cluster, Config) -> Cluster``. A `Stage` names it and declares which
`Cluster` fields it reads and fills in, so the order can be checked (see `check_order`) and a test can swap
any stage without patching.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.analyse.extract import extract
from newsbrief.analyse.redundancy import dedupe
from newsbrief.analyse.topic import drop_off_topic
from newsbrief.compose.attribute import attribute
from newsbrief.errors import InputError, NewsbriefError, StageError
from newsbrief.ingest.clean import clean
from newsbrief.model import Article, Brief, Cluster, Config
from newsbrief.segment.sentences import segment
from newsbrief.select import select

Document = Article | dict[str, Any] | str


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline.

    name (str): shown in errors.
    run: the function, ``(Cluster, Config) -> Cluster``.
    requires (tuple[str, ...]): `Cluster` fields that an earlier stage must have filled in.
    assigns (tuple[str, ...]): `Cluster` fields this stage fills in.
    """

    name: str
    run: Callable[[Cluster, Config], Cluster]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


STAGES: tuple[Stage, ...] = (
    Stage("clean", clean, requires=("articles",), assigns=("kept", "dropped")),
    Stage("segment", segment, requires=("kept",), assigns=("sentences",)),
    Stage("dedupe", dedupe, requires=("sentences",), assigns=("sentences", "dropped")),
    Stage("off-topic", drop_off_topic, requires=("sentences",), assigns=("sentences", "dropped")),
    Stage("select", select, requires=("sentences",), assigns=("summary",)),
    Stage("attribute", attribute, requires=("sentences", "summary"), assigns=("summary",)),
    Stage("extract", extract, requires=("sentences", "summary"), assigns=("analysis",)),
)


def check_order(stages: Sequence[Stage]) -> None:
    """Raise `StageError` if a stage requires a field that no earlier stage assigns."""
    available = {"articles"}
    for stage in stages:
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise StageError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        available.update(stage.assigns)


def to_article(document: Document, index: int = 0) -> Article:
    """Accept an `Article`, a benchmark-style dict or a plain string (first non-empty line is the title)."""
    if isinstance(document, Article):
        return document
    origin = f"<input {index}>"
    if isinstance(document, dict):
        return Article.from_dict(document, origin=origin)
    if isinstance(document, str):
        lines = document.strip().splitlines()
        title = lines[0].strip() if len(lines) > 1 else ""
        return Article(text=document, title=title, origin=origin)
    raise InputError(f"{origin}: expected an Article, a dict or a str; got {type(document).__name__}")


def summarize(
    documents: Iterable[Document],
    *,
    words: int = 100,
    method: str = "default",
    analysis: bool = True,
    stages: Sequence[Stage] = STAGES,
) -> Brief:
    """Summarize one cluster of articles about the same story into a sourced, extractive brief.

    Parameters
    ----------
    documents : iterable of Article, dict or str
        The cluster, in order; a document's 0-based index is its id in the brief.
    words : int, default 100
        Word budget of the summary; never exceeded.
    method : str, default "default"
        Sentence selector: "default" (concept-coverage ILP), or a baseline: "lead", "centroid",
        "lexrank", "textrank", "mmr", "sumbasic".
    analysis : bool, default True
        Also extract entities, quotes, quantity claims, conflicts and a timeline.
    stages : sequence of Stage
        The pipeline; swap one to change how a step is done.

    Returns
    -------
    Brief

    Examples
    --------
    >>> brief = summarize(["Storm hits coast. Thousands lose power.",
    ...                    "A storm hit the coast on Monday. Thousands lost power."], words=20)
    >>> all(s.doc in (0, 1) for s in brief.sentences)
    True
    """
    config = Config(words=words, method=method, analysis=analysis)
    cluster = Cluster.from_articles(tuple(to_article(d, i) for i, d in enumerate(documents)))
    for stage in stages:
        cluster = stage.run(cluster, config)
        if not isinstance(cluster, Cluster):
            raise StageError(f"stage {stage.name!r} returned {type(cluster).__name__}, not a Cluster")
    return cluster.to_brief(config)


@dataclass(frozen=True)
class Failure:
    """A cluster that could not be summarized, in a batch: its position, id and the one-line error."""

    index: int
    id: str
    error: str


def summarize_many(
    clusters: Iterable[dict[str, Any]],
    *,
    words: int = 100,
    method: str = "default",
    analysis: bool = True,
) -> Iterator[Brief | Failure]:
    """Summarize benchmark-style clusters (``{"id", "documents": [...]}``) in input order.

    A cluster that fails yields a `Failure` instead of a `Brief`, and the stream goes on.
    """
    for index, cluster in enumerate(clusters):
        cluster_id = str(cluster.get("id", index)) if isinstance(cluster, dict) else str(index)
        try:
            if not isinstance(cluster, dict) or not isinstance(cluster.get("documents"), list):
                raise InputError(f"cluster {cluster_id}: expected an object with a 'documents' list")
            yield summarize(cluster["documents"], words=words, method=method, analysis=analysis)
        except NewsbriefError as error:
            yield Failure(index=index, id=cluster_id, error=str(error))
