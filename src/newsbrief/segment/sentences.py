"""Split the kept text of each article into sentences with sentencex.

Paragraph breaks (blank lines, also with Windows line ends, or a newline followed by an indent, as in newswire)
always end a sentence.
Inside a paragraph, line breaks are hard wraps: they are read as spaces, which keeps every offset valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sentencex import segment as split_sentences

from newsbrief.model import Cluster, Config, Sentence
from newsbrief.segment.tokens import terms

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n\s*|\n[ \t]+")


def paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) spans of the paragraphs of ``text[start:end]``."""
    at = start
    for brk in _PARAGRAPH_BREAK.finditer(text, start, end):
        if brk.start() > at:
            yield at, brk.start()
        at = brk.end()
    if end > at:
        yield at, end


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text[start:end]``, whitespace trimmed."""
    for p_start, p_end in paragraphs(text, start, end):
        flat = text[p_start:p_end].replace("\n", " ").replace("\r", " ")
        at = 0
        for piece in split_sentences("en", flat):
            found = flat.find(piece, at)
            if found < 0:  # sentencex altered the text; fall back to the rest of the paragraph
                found = at
                piece = flat[at:]
            s, e = found, found + len(piece)
            at = e
            while s < e and flat[s].isspace():
                s += 1
            while e > s and flat[e - 1].isspace():
                e -= 1
            if e > s:
                yield p_start + s, p_start + e


def segment(cluster: Cluster, config: Config) -> Cluster:
    """Stage: fill ``cluster.sentences`` from the kept spans of every article."""
    sentences = []
    for doc, (article, spans) in enumerate(zip(cluster.articles, cluster.kept)):
        position = 0
        for span_start, span_end in spans:
            for s, e in sentence_spans(article.text, span_start, span_end):
                text = article.text[s:e]
                sentences.append(Sentence(doc, s, e, position, text, terms(text), (doc,)))
                position += 1
    return cluster.replace(sentences=tuple(sentences))
