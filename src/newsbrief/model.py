"""The plain data that flows through the pipeline.

An `Article` is what a reader produced; a `Cluster` carries the articles through every stage, each stage
returning a new `Cluster` with more filled in; `Cluster.to_brief()` turns the result into a `Brief`.
A `Sentence` owns no text of its own: it is a view (`doc`, `start`, `end`) into `Article.text`, so every
sentence a brief shows points at the exact source characters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import ConfigError, InputError

METHODS = ("default", "lead", "centroid", "lexrank", "textrank", "mmr", "sumbasic")


@dataclass(frozen=True)
class Article:
    """One news document.

    text (str): the document's main text; must be non-empty and printable.
    title, source, url, author (str): metadata, empty when unknown.
    date (str | None): ISO 8601 publication date (``2018-04-23``), None when unknown.
    id (str): the caller's identifier, if any.
    origin (str): where it was read from (a path, ``<stdin>``, ``<input 3>``), used in error messages.
    """

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    date: str | None = None
    id: str = ""
    origin: str = ""

    def __post_init__(self) -> None:
        where = self.origin or "article"
        if not isinstance(self.text, str):
            raise InputError(f"{where}: text must be a string; got {type(self.text).__name__}")
        if not self.text.strip():
            raise InputError(f"{where}: the article has no text")
        if "\x00" in self.text:
            raise InputError(f"{where}: looks like a binary file (NUL bytes), not text")

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, origin: str = "") -> Article:
        """Build from a benchmark-style dict (``{"title", "text", "date", "source", "url", ...}``)."""
        if not isinstance(data, dict):
            raise InputError(f"{origin or 'article'}: expected a JSON object; got {type(data).__name__}")
        if "text" not in data:
            raise InputError(f"{origin or 'article'}: the article object has no 'text' field")

        def text_of(key: str) -> str:
            value = data.get(key)
            return "" if value is None else str(value)

        return cls(
            text=data["text"],
            title=text_of("title"),
            source=text_of("source"),
            url=text_of("url"),
            author=text_of("author"),
            date=text_of("date")[:10] or None,
            id=text_of("id") or text_of("doc_id"),
            origin=origin,
        )


@dataclass(frozen=True)
class Sentence:
    """A sentence of one article: a view into ``Article.text``.

    doc (int): index of the article in the cluster.
    start, end (int): character offsets into that article's text.
    position (int): 0-based index of the sentence among the article's kept sentences.
    text (str): ``article.text[start:end]``, kept for convenience.
    tokens (tuple[str, ...]): lower-cased, stemmed word tokens (see `newsbrief.text.tokens`).
    sources (tuple[int, ...]): every article that carries this sentence or a near copy of it.
    """

    doc: int
    start: int
    end: int
    position: int
    text: str
    tokens: tuple[str, ...] = ()
    sources: tuple[int, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())


def by_document(sentences: Sequence[Sentence]) -> dict[int, list[int]]:
    """Indices into ``sentences`` of each document's sentences, in position order; documents in index order."""
    groups: dict[int, list[int]] = {}
    for i in sorted(range(len(sentences)), key=lambda i: (sentences[i].doc, sentences[i].position)):
        groups.setdefault(sentences[i].doc, []).append(i)
    return groups


@dataclass(frozen=True)
class Dropped:
    """Text removed while cleaning, and why (``boilerplate``, ``duplicate``, ``off-topic``, ...)."""

    doc: int
    text: str
    reason: str


@dataclass(frozen=True)
class Config:
    """Settings for one brief. Every field is checked here, once.

    words (int): the summary's word budget, never exceeded; in [10, 2000].
    method (str): the sentence selector; one of `METHODS`.
    analysis (bool): also extract entities, quotes, claims, conflicts and a timeline.
    """

    words: int = 100
    method: str = "default"
    analysis: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.words, bool) or not isinstance(self.words, int) or not 10 <= self.words <= 2000:
            raise ConfigError(f"words must be an int in [10, 2000]; got {self.words!r}")
        if self.method not in METHODS:
            raise ConfigError(f"method must be one of {', '.join(METHODS)}; got {self.method!r}")
        if not isinstance(self.analysis, bool):
            raise ConfigError(f"analysis must be a bool; got {self.analysis!r}")


@dataclass(frozen=True)
class BriefSentence:
    """A summary sentence: verbatim ``documents[doc].text[start:end]``, reported by ``sources``."""

    text: str
    doc: int
    start: int
    end: int
    sources: tuple[int, ...]

    @property
    def support(self) -> int:
        return len(self.sources)

    @property
    def single_source(self) -> bool:
        return len(self.sources) == 1


@dataclass(frozen=True)
class Cluster:
    """The container every stage takes and returns (see `newsbrief.pipeline`).

    articles: the input, in the order given; an article's index is its id everywhere.
    kept: per article, the (start, end) spans of text that survived cleaning.
    sentences: candidate sentences, after segmentation and de-duplication.
    dropped: everything removed, with the reason.
    summary: the chosen sentences, in reading order.
    analysis: named extras (entities, quotes, claims, conflicts, timeline, noise), each JSON-ready.
    problems: one line for each input document that was skipped (empty, binary, ...).
    """

    articles: tuple[Article, ...]
    kept: tuple[tuple[tuple[int, int], ...], ...] = ()
    sentences: tuple[Sentence, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    summary: tuple[BriefSentence, ...] = ()
    analysis: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @classmethod
    def from_articles(cls, articles: tuple[Article, ...]) -> Cluster:
        if not articles:
            raise InputError("no articles to summarize")
        return cls(articles=articles, kept=tuple(((0, len(a.text)),) for a in articles))

    def replace(self, **changes: Any) -> Cluster:
        return dataclasses.replace(self, **changes)

    def to_brief(self, config: Config) -> Brief:
        return Brief(
            sentences=self.summary,
            documents=self.articles,
            kept=self.kept,
            dropped=self.dropped,
            config=config,
            analysis=self.analysis,
            problems=self.problems,
        )


@dataclass(frozen=True)
class Brief:
    """The result of `newsbrief.summarize`.

    sentences: the summary, each with the article it was taken from and every article reporting it.
    documents: the articles, in input order (skipped inputs are not counted).
    kept: per document, the (start, end) spans of its text that survived cleaning.
    dropped: what cleaning removed, with reasons.
    config: the settings that produced it, so any brief can be reproduced.
    analysis: entities, quotes, claims, conflicts, timeline and noise, when analysis was on.
    problems: one line for each input that was skipped.
    """

    sentences: tuple[BriefSentence, ...]
    documents: tuple[Article, ...]
    kept: tuple[tuple[tuple[int, int], ...], ...]
    dropped: tuple[Dropped, ...]
    config: Config
    analysis: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        return " ".join(" ".join(s.text.split()) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """The brief as JSON-ready data (the `--format json` output)."""
        single = [s.single_source for s in self.sentences]
        return {
            "summary": self.summary,
            "sentences": [
                {
                    "text": " ".join(s.text.split()),
                    "doc": s.doc,
                    "start": s.start,
                    "end": s.end,
                    "sources": list(s.sources),
                    "support": s.support,
                    "single_source": one,
                }
                for s, one in zip(self.sentences, single)
            ],
            "documents": [
                {"index": i, "title": a.title, "source": a.source, "date": a.date, "url": a.url, "id": a.id}
                for i, a in enumerate(self.documents)
            ],
            "dropped": [{"doc": d.doc, "text": d.text, "reason": d.reason} for d in self.dropped],
            "problems": list(self.problems),
            **self.analysis,
            "config": dataclasses.asdict(self.config),
        }
