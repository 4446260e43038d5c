"""Sentence spans of a text, with sentencex.

Paragraph breaks (blank lines, also with Windows line ends, or a newline followed by an indent, as in newswire)
always end a sentence, and so does `MAX_SENTENCE_CHARS`: a longer run is cut at a space.
Inside a paragraph, line breaks are hard wraps: they are read as spaces, which keeps every offset valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sentencex import segment as split_sentences

from newsbrief.config import MAX_SENTENCE_CHARS

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
        for s, e in _split(flat):
            yield from _at_most(flat, p_start, *_trimmed(flat, s, e))


def _trimmed(flat: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace at either end."""
    while start < end and flat[start].isspace():
        start += 1
    while end > start and flat[end - 1].isspace():
        end -= 1
    return start, end


# sentencex takes time quadratic in the length of some texts (40 KB of backticks: 0.75 s, 100 KB: 4.4 s), so a
# long paragraph is read in windows: all of a window's sentences but the last are kept, and the next window
# starts where that last one did, which gives the same sentences as one call as long as a window holds more
# than one of them.
_WINDOW = 2 * MAX_SENTENCE_CHARS


def _split(flat: str) -> Iterator[tuple[int, int]]:
    """(start, end) spans of sentencex's sentences of ``flat``, read a window at a time."""
    at = 0
    while at < len(flat):
        window_end = len(flat)
        if window_end - at > _WINDOW:
            space = flat.rfind(" ", at, at + _WINDOW)
            window_end = space if space > at else at + _WINDOW
        pieces = list(_located(flat, at, window_end))
        at = pieces.pop()[0] if window_end < len(flat) and len(pieces) > 1 else window_end
        yield from pieces


def _located(flat: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where in ``flat`` each of sentencex's sentences of ``flat[start:end]`` is."""
    at = start
    for piece in split_sentences("en", flat[start:end]):
        found = flat.find(piece, at, end)
        if found < 0:  # sentencex altered the text; fall back to the rest of the window
            yield at, end
            return
        at = found + len(piece)
        yield found, at


def _at_most(flat: str, offset: int, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``flat[start:end]`` (trimmed) in trimmed pieces of at most `MAX_SENTENCE_CHARS`, each cut at the last
    whitespace that fits (or at the limit, in a run without any), shifted by ``offset``."""
    while end > start:
        if end - start <= MAX_SENTENCE_CHARS:
            yield offset + start, offset + end
            return
        limit = start + MAX_SENTENCE_CHARS
        cut = max(flat.rfind(" ", start, limit + 1), flat.rfind("\t", start, limit + 1))
        cut = cut if cut > start else limit
        piece_start, piece_end = _trimmed(flat, start, cut)
        yield offset + piece_start, offset + piece_end
        start, end = _trimmed(flat, cut, end)
