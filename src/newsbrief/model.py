"""The plain data that flows through the pipeline.

An `Article` is what a reader produced; a `Cluster` carries the articles through every stage, each stage
returning a new `Cluster` with more filled in; `Cluster.to_brief()` turns the result into a `Brief`, whose
`Analysis` holds the typed extras (entities, quotes, figures, conflicts, timeline, document dates, noise).
A `Sentence` owns no text of its own: it is a view (`doc`, `start`, `end`) into `Article.text`, so every
sentence a brief shows points at the exact source characters.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from newsbrief.config import Config
from newsbrief.errors import InputError
from newsbrief.text import one_line


@dataclass(frozen=True)
class Article:
    """One news document.

    text (str): the document's main text; must be non-empty and printable.
    title, source, url, author (str): metadata, empty when unknown.
    date (str | None): ISO 8601 publication date (``2018-04-23``), None when unknown.
    id (str): the caller's identifier, if any.
    origin (str): where it was read from (a path, ``<stdin>``, ``<input 3>``), used in error messages.
    notes (tuple[str, ...]): one line for each part of the input that was ignored (a date that is not a date);
        the brief lists them with its ``problems``.
    """

    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    date: str | None = None
    id: str = ""
    origin: str = ""
    notes: tuple[str, ...] = ()

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

        given_date = text_of("date").strip()
        day = iso_day(given_date)
        ignored = f"{origin or 'article'}: date {given_date[:40]!r} is not a date (YYYY-MM-DD); ignored"
        return cls(
            text=data["text"],
            title=text_of("title"),
            source=text_of("source"),
            url=text_of("url"),
            author=text_of("author"),
            date=day,
            id=text_of("id") or text_of("doc_id"),
            origin=origin,
            notes=(ignored,) if given_date and day is None else (),
        )


def iso_day(value: str) -> str | None:
    """The ISO date (``YYYY-MM-DD``, or ``YYYY-MM``, ``YYYY``) a date field starts with, or None if it is no date.

    >>> iso_day("2018-04-23T10:00:00Z"), iso_day("2018-04"), iso_day("9999-99-99"), iso_day("not a date")
    ('2018-04-23', '2018-04', None, None)
    """
    head = value[:10]
    padded = head + "-01-01"[len(head) - 4 :] if len(head) in (4, 7) else head
    try:
        date.fromisoformat(padded)
    except ValueError:
        return None
    return head if len(padded) == 10 and padded[:4].isdigit() else None


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


class DropKind(StrEnum):
    """Why a piece of text is not a candidate: page furniture, a copy of a kept sentence, another story."""

    BOILERPLATE = "boilerplate"
    DUPLICATE = "duplicate"
    OFF_TOPIC = "off-topic"


@dataclass(frozen=True)
class Dropped:
    """Text removed before selection, and why: ``article.text[start:end]`` of document ``doc``.

    kind (DropKind): which step removed it.
    detail (str): which rule of that step ("byline", "boilerplate: share prompt", ...), when it says.
    copy_of (int | None): for a duplicate, the document of the copy that was kept.
    text (str): the removed text, whitespace collapsed.
    """

    doc: int
    text: str
    kind: DropKind
    detail: str = ""
    copy_of: int | None = None
    start: int = 0
    end: int = 0

    @property
    def reason(self) -> str:
        """The reason in words, as the JSON brief gives it: "byline", "duplicate of doc 2", "off-topic"."""
        if self.kind is DropKind.DUPLICATE:
            return f"duplicate of doc {self.copy_of}"
        if self.kind is DropKind.OFF_TOPIC:
            return f"off-topic: {self.detail}" if self.detail else "off-topic"
        return self.detail or "boilerplate"


@dataclass(frozen=True)
class BriefSentence:
    """A summary sentence: verbatim ``documents[doc].text[start:end]``, reported by ``sources``.

    single_source (bool): set by attribution: only one outlet reports it, in a cluster of three or more outlets.
    """

    text: str
    doc: int
    start: int
    end: int
    sources: tuple[int, ...]
    single_source: bool = False

    @property
    def support(self) -> int:
        return len(self.sources)


@dataclass(frozen=True)
class DocumentDate:
    """What is known of a document's own date.

    doc (int): the document.
    value (str | None): ISO day, or None when unknown.
    source (str | None): ``metadata`` (the article's date field, from the feed or the page's HTML meta),
        ``text`` (a "Published:" line, a date line or a dateline), ``text+cluster`` (a dateline's month and day,
        with the year of the cluster's other dated documents), or None.
    evidence (str): the text the date was read from, empty for metadata.
    """

    doc: int
    value: str | None
    source: str | None
    evidence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "date": self.value, "source": self.source, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentDate:
        return cls(data["doc"], data["date"], data["source"], data.get("evidence", ""))


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place: its name as most often written, the documents that mention it."""

    text: str
    label: str
    docs: tuple[int, ...]
    mentions: int
    variants: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "docs": list(self.docs),
            "mentions": self.mentions,
            "variants": list(self.variants),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(data["text"], data["label"], tuple(data["docs"]), data["mentions"], tuple(data["variants"]))


@dataclass(frozen=True)
class Quote:
    """A direct quotation, its speaker when the text names one, and every document carrying it."""

    text: str
    speaker: str | None
    doc: int
    sources: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "speaker": self.speaker, "doc": self.doc, "sources": list(self.sources)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(data["text"], data["speaker"], data["doc"], tuple(data["sources"]))


@dataclass(frozen=True)
class Figure:
    """A quantity claim as the brief reports it ("about 1,600 people left").

    value (str): the figure as written, hedge included; number (float): its value.
    counts (str): what it counts, as written; measure (str | None): what is said of it ("left", "killed").
    doc, sources: the document and every document carrying the sentence; sentence: the sentence.
    start, end (int): the figure's offsets in the document's text; date (str | None): when, if known.
    """

    value: str
    number: float
    counts: str
    measure: str | None
    doc: int
    sources: tuple[int, ...]
    sentence: str
    start: int
    end: int
    date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "number": self.number,
            "counts": self.counts,
            "measure": self.measure,
            "doc": self.doc,
            "sources": list(self.sources),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "date": self.date,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        return cls(**{**data, "sources": tuple(data["sources"])})


@dataclass(frozen=True)
class Conflict:
    """Figures for one quantity that documents disagree on; ``about`` says what is measured."""

    about: str
    claims: tuple[Figure, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"about": self.about, "claims": [c.to_dict() for c in self.claims]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Conflict:
        return cls(data["about"], tuple(Figure.from_dict(c) for c in data["claims"]))


@dataclass(frozen=True)
class Event:
    """A sentence placed on the timeline at the date it names (``date`` None: it cannot be placed; see ``note``)."""

    date: str | None
    text: str
    expression: str
    doc: int
    sources: tuple[int, ...]
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        found = {
            "date": self.date,
            "text": self.text,
            "expression": self.expression,
            "doc": self.doc,
            "sources": list(self.sources),
        }
        return found if self.note is None else {**found, "note": self.note}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(**{**data, "sources": tuple(data["sources"])})


@dataclass(frozen=True)
class Noise:
    """How much of one document was removed, in words, by kind (`DropKind`), and that said in a line."""

    doc: int
    words: int
    kept: int
    boilerplate: int
    duplicate: int
    off_topic: int
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "words": self.words,
            "kept": self.kept,
            "boilerplate": self.boilerplate,
            "duplicate": self.duplicate,
            "off-topic": self.off_topic,
            "summary": self.summary,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Noise:
        return cls(**{**{k.replace("-", "_"): v for k, v in data.items()}})


@dataclass(frozen=True)
class Analysis:
    """The brief beyond the summary (see `newsbrief.analyse`)."""

    doc_dates: tuple[DocumentDate, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Figure, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[Event, ...] = ()
    noise: tuple[Noise, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: [item.to_dict() for item in getattr(self, f.name)] for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis | None:
        """The analysis of a brief's JSON (`Brief.to_dict`), or None when the brief has none."""
        if not any(f.name in data for f in dataclasses.fields(cls)):
            return None
        return cls(
            **{name: tuple(kind.from_dict(item) for item in data.get(name, ())) for name, kind in _RECORDS.items()}
        )


_RECORDS = {
    "doc_dates": DocumentDate,
    "entities": Entity,
    "quotes": Quote,
    "claims": Figure,
    "conflicts": Conflict,
    "timeline": Event,
    "noise": Noise,
}


@dataclass(frozen=True)
class Cluster:
    """The container every stage takes and returns (see `newsbrief.pipeline`).

    articles: the input, in the order given; an article's index is its id everywhere.
    kept: per article, the (start, end) spans of text that survived cleaning.
    sentences: candidate sentences, after segmentation and the filters.
    dropped: everything removed, with the reason.
    summary: the chosen sentences, in reading order.
    analysis: entities, quotes, figures, conflicts, timeline, document dates and noise, once analysed.
    problems: one line for each input document that was skipped (empty, binary, ...).
    seen: documents the reader has already read (an update brief): a stage may read them, and the brief covers
        what ``articles`` add to them; their sentences are never candidates.
    """

    articles: tuple[Article, ...]
    kept: tuple[tuple[tuple[int, int], ...], ...] = ()
    sentences: tuple[Sentence, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    summary: tuple[BriefSentence, ...] = ()
    analysis: Analysis | None = None
    problems: tuple[str, ...] = ()
    seen: tuple[Article, ...] = ()

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
            seen=self.seen,
        )


@dataclass(frozen=True)
class Brief:
    """The result of `newsbrief.summarize`.

    sentences: the summary, each with the article it was taken from and every article reporting it.
    documents: the articles, in input order (skipped inputs are not counted).
    kept: per document, the (start, end) spans of its text that survived cleaning.
    dropped: what was removed before selection, with reasons.
    config: the settings that produced it, so any brief can be reproduced.
    analysis: entities, quotes, figures, conflicts, timeline, document dates and noise; None when off.
    problems: one line for each input that was skipped.
    seen: the documents already read, for an update brief (none for a plain brief); no sentence of the summary
        repeats one of theirs.
    """

    sentences: tuple[BriefSentence, ...]
    documents: tuple[Article, ...]
    kept: tuple[tuple[tuple[int, int], ...], ...]
    dropped: tuple[Dropped, ...]
    config: Config
    analysis: Analysis | None = None
    problems: tuple[str, ...] = ()
    seen: tuple[Article, ...] = ()

    @property
    def summary(self) -> str:
        return " ".join(one_line(s.text) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """The brief as JSON-ready data (the `--format json` output); an update brief also lists its ``seen``
        documents (``{index, title, source, date, url, id}``, indexed apart from ``documents``)."""
        brief = {
            "summary": self.summary,
            "sentences": [
                {
                    "text": one_line(s.text),
                    "doc": s.doc,
                    "start": s.start,
                    "end": s.end,
                    "sources": list(s.sources),
                    "support": s.support,
                    "single_source": s.single_source,
                }
                for s in self.sentences
            ],
            "documents": [
                {"index": i, "title": a.title, "source": a.source, "date": a.date, "url": a.url, "id": a.id}
                for i, a in enumerate(self.documents)
            ],
            "dropped": [
                {"doc": d.doc, "text": d.text, "reason": d.reason, "kind": d.kind.value, "start": d.start, "end": d.end}
                for d in self.dropped
            ],
            "problems": list(self.problems),
            **(self.analysis.to_dict() if self.analysis else {}),
            "config": dataclasses.asdict(self.config),
        }
        if self.seen:  # a plain brief's JSON is unchanged
            brief["seen"] = [
                {"index": i, "title": a.title, "source": a.source, "date": a.date, "url": a.url, "id": a.id}
                for i, a in enumerate(self.seen)
            ]
        return brief
