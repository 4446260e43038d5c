"""Sentence spans of a text, with sentencex.

Paragraph breaks (blank lines, also with Windows line ends, or a newline followed by an indent, as in newswire)
always end a sentence.
Inside a paragraph, line breaks are hard wraps: they are read as spaces, which keeps every offset valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sentencex import segment as split_sentences

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
