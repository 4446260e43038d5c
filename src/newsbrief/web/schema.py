"""The brief's JSON (`newsbrief.model.Brief.to_dict`) as OpenAPI sees it: the response schema of the brief routes.

The routes answer with the brief's JSON text as computed (and cached); these models only describe it, so that
/docs and generated clients know every field. tests/test_web_schemathesis.py checks real answers against them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from newsbrief.config import METHODS


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SentenceOut(_Out):
    text: str = Field(description="The sentence, whitespace collapsed.")
    doc: int = Field(description="The document it was taken from: documents[doc].text[start:end] is the sentence.")
    start: int
    end: int
    sources: list[int] = Field(description="Every document that reports the same content.")
    support: int = Field(description="len(sources).")
    single_source: bool


class DocumentRef(_Out):
    index: int
    title: str
    source: str
    date: str | None
    url: str
    id: str


class DroppedOut(_Out):
    doc: int
    text: str
    reason: str = Field(description='In words: "byline", "duplicate of doc 2", "off-topic".')
    kind: Literal["boilerplate", "duplicate", "off-topic"]
    start: int = Field(description="documents[doc].text[start:end] was removed; start == end when it has no place.")
    end: int


class EntityOut(_Out):
    text: str
    label: str = Field(description="person, organisation or place.")
    docs: list[int]
    mentions: int
    variants: list[str]


class QuoteOut(_Out):
    text: str
    speaker: str | None
    doc: int
    sources: list[int]


class FigureOut(_Out):
    value: str = Field(description='The figure as written, hedge included: "about 1,600".')
    number: float
    counts: str
    measure: str | None
    doc: int
    sources: list[int]
    sentence: str
    start: int
    end: int
    date: str | None


class ConflictOut(_Out):
    about: str
    claims: list[FigureOut]


class EventOut(_Out):
    date: str | None = Field(description="None: the sentence names a time that cannot be placed (see note).")
    text: str
    expression: str
    doc: int
    sources: list[int]
    note: str | None = None


class DocumentDateOut(_Out):
    doc: int
    date: str | None
    source: str | None
    evidence: str


class NoiseOut(_Out):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    doc: int
    words: int
    kept: int
    boilerplate: int
    duplicate: int
    off_topic: int = Field(alias="off-topic")
    summary: str


class ConfigOut(_Out):
    words: int
    method: Literal[METHODS]  # type: ignore[valid-type]
    analysis: bool
    overflow: bool


class BriefOut(_Out):
    """A brief; the analysis fields are present when it was made with analysis on."""

    summary: str
    sentences: list[SentenceOut]
    documents: list[DocumentRef]
    dropped: list[DroppedOut]
    problems: list[str]
    doc_dates: list[DocumentDateOut] | None = None
    entities: list[EntityOut] | None = None
    quotes: list[QuoteOut] | None = None
    claims: list[FigureOut] | None = None
    conflicts: list[ConflictOut] | None = None
    timeline: list[EventOut] | None = None
    noise: list[NoiseOut] | None = None
    config: ConfigOut
    seen: list[DocumentRef] | None = Field(
        None, description="An update brief's documents already read (indexed apart from documents)."
    )
