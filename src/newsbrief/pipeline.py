"""summarize(): clean -> segment -> filter -> select -> compose -> analyse, one `Stage` after another.

Every stage is a plain function ``(Cluster, Config) -> Cluster``. A `Stage` names it and declares which
`Cluster` fields it reads and fills in, so the order is checked before a brief starts (`check_order`), and a
test can swap any stage without patching. An unexpected exception inside a stage is re-raised as a
`StageError` that names the stage. `docs/architecture.md` walks the whole path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.analyse.extract import extract
from newsbrief.compose.attribute import attribute
from newsbrief.config import Config
from newsbrief.errors import InputError, NewsbriefError, StageError
from newsbrief.filter.dedupe import dedupe
from newsbrief.filter.offtopic import drop_off_topic
from newsbrief.ingest.clean import clean
from newsbrief.ingest.read import text_article
from newsbrief.model import Article, Brief, Cluster
from newsbrief.segment import segment
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
    Stage("extract", extract, requires=("sentences",), assigns=("analysis",)),
)


def check_order(stages: Sequence[Stage]) -> None:
    """Raise `StageError` if a stage requires a field that no earlier stage assigns."""
    available = {"articles"}
    for stage in stages:
        missing = [name for name in stage.requires if name not in available]
        if missing:
            raise StageError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns")
        available.update(stage.assigns)


def to_article(document: Document, index: int = 0, kind: str = "input") -> Article:
    """Accept an `Article`, a benchmark-style dict or a plain string (see `newsbrief.ingest.read.text_article`).

    kind: what errors call the document: ``<input 3>``, or ``<seen 3>`` for a document already read.
    """
    if isinstance(document, Article):
        return document
    origin = f"<{kind} {index}>"
    if isinstance(document, dict):
        return Article.from_dict(document, origin=origin)
    if isinstance(document, str):
        return text_article(document, origin)
    raise InputError(f"{origin}: expected an Article, a dict or a str; got {type(document).__name__}")


def to_articles(documents: Iterable[Document], kind: str = "input") -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """The usable documents as Articles, and a one-line problem for each one skipped (empty, binary, ...)."""
    articles, problems = [], []
    for index, document in enumerate(documents):
        try:
            articles.append(to_article(document, index, kind))
        except InputError as error:
            problems.append(str(error))
    return tuple(articles), tuple(problems)


def summarize(
    documents: Iterable[Document],
    *,
    words: int = 100,
    method: str = "default",
    analysis: bool = True,
    seen: Iterable[Document] = (),
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
    seen : iterable of Article, dict or str
        Documents the reader has already read: the brief is an update, covering what ``documents`` add. No
        summary sentence repeats a sentence of theirs (nor a near copy or paraphrase of one), and what they
        already say counts for less in the choice. Their sentences are never chosen.
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
    return brief_of(documents, Config(words=words, method=method, analysis=analysis), stages, seen)


def brief_of(
    documents: Iterable[Document], config: Config, stages: Sequence[Stage] = STAGES, seen: Iterable[Document] = ()
) -> Brief:
    """`summarize` with its settings already checked: run ``stages`` over the usable documents.

    seen: documents already read (see `summarize`); one that cannot be used is a problem line, as for a document.
    """
    check_order(stages)
    articles, problems = to_articles(documents)
    if not articles:
        raise InputError("nothing to summarize: " + ("; ".join(problems) if problems else "no documents given"))
    read, unread = to_articles(seen, "seen") if seen else ((), ())
    notes = tuple(note for article in (*articles, *read) for note in article.notes)
    cluster = Cluster.from_articles(articles).replace(problems=problems + unread + notes, seen=read)
    for stage in stages:
        try:
            cluster = stage.run(cluster, config)
        except NewsbriefError:
            raise
        except Exception as error:
            raise StageError(f"stage {stage.name!r} failed: {type(error).__name__}: {error}") from error
        if not isinstance(cluster, Cluster):
            raise StageError(f"stage {stage.name!r} returned {type(cluster).__name__}, not a Cluster")
    return cluster.to_brief(config)


@dataclass(frozen=True)
class Failure:
    """A cluster that could not be summarized, in a batch: its position, id and the one-line error."""

    index: int
    id: str
    error: str


def summarize_cluster(cluster: Any, index: int, config: Config) -> Brief | Failure:
    """Summarize one benchmark-style cluster (``{"id", "documents": [...]}``); never raises for bad input.

    A cluster may carry ``"seen": [documents already read]``: its brief is then an update (see `summarize`).
    A cluster that cannot be summarized gives a `Failure`; so does an unexpected error, so that one bad cluster
    never stops a batch of millions (the error names its type so it can be reported).
    """
    cluster_id = str(cluster.get("id", index)) if isinstance(cluster, dict) else str(index)
    try:
        if not isinstance(cluster, dict) or not isinstance(cluster.get("documents"), list):
            raise InputError(f"cluster {cluster_id}: expected an object with a 'documents' list")
        seen = cluster.get("seen") or []
        if not isinstance(seen, list):
            raise InputError(f"cluster {cluster_id}: 'seen' must be a list of documents already read")
        return brief_of(cluster["documents"], config, seen=seen)
    except NewsbriefError as error:
        return Failure(index=index, id=cluster_id, error=str(error))
    except Exception as error:
        return Failure(index=index, id=cluster_id, error=f"internal error {type(error).__name__}: {error}")


def summarize_many(
    clusters: Iterable[dict[str, Any]],
    *,
    words: int = 100,
    method: str = "default",
    analysis: bool = True,
) -> Iterator[Brief | Failure]:
    """Summarize benchmark-style clusters (``{"id", "documents": [...], "seen": [...]}``, seen optional) in input
    order.

    A cluster that fails yields a `Failure` instead of a `Brief`, and the stream goes on.
    """
    config = Config(words=words, method=method, analysis=analysis)  # a bad setting fails here, not per cluster
    for index, cluster in enumerate(clusters):
        yield summarize_cluster(cluster, index, config)
