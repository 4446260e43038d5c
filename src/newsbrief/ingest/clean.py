"""Clean: keep the news text of each article and record every line removed, with the reason.

Scraped pages carry page furniture between the paragraphs: share and follow prompts, bylines, date stamps,
navigation, photo captions and credits, newsletter and cookie notices, comment forms, archive banners. This
stage removes those lines and nothing else: it never edits text, it only chooses ``kept`` spans, character
ranges of the unchanged ``Article.text``, so every later offset still points at the source.

The unit of decision is a *line* of a page, or a whole *paragraph* of hard-wrapped newswire (DUC, AP), where
a line is only a piece of a sentence and no line rule may apply. Rules are anchored patterns for page
furniture that is the same on every site (see `boilerplate`), plus a few that look at the document: the title
repeated as a line, short caption-like lines repeated (all copies go), other repeated lines (later copies go),
short fragments without sentence punctuation (headings, list items), and source credits at the end of a line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from newsbrief.config import Config
from newsbrief.ingest.boilerplate import line_reason, trailing_credit
from newsbrief.model import Article, Cluster, DropKind, Dropped
from newsbrief.text import one_line

FRAGMENT = "heading or fragment"
# A fragment has at most this many words and no sentence punctuation at its end.
FRAGMENT_WORDS = 12
# A repeated line without sentence punctuation and at most this many words is a caption: every copy goes.
CAPTION_WORDS = 40
# So is a repeated present-tense sentence of at most this many words ("Firefighters spray water on ...").
CAPTION_SENTENCE_WORDS = 25
# Words that narrate rather than describe a picture: past tenses and perfects.
_NARRATION = re.compile(r"\b(?:said|says|told|was|were|had|has|have|been|\w{2,}ed)\b", re.IGNORECASE)
# A title can only repeat as a line if it reads like a headline (newswire leads are not dropped this way).
HEADLINE_WORDS = 25

_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…:]['\"”’)\]]*$")
_KEY_JUNK = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Unit:
    """A line of a page, or a paragraph of hard-wrapped text: ``text[start:end]``, whitespace trimmed."""

    start: int
    end: int
    indented: bool = False


def lines(text: str, start: int, end: int) -> list[Unit]:
    """The non-blank lines of ``text[start:end]``, trimmed; ``indented`` when the raw line starts with blanks."""
    found = []
    for match in _LINE.finditer(text, start, end):
        raw = match.group()
        body = raw.strip()
        if body:
            s = match.start() + len(raw) - len(raw.lstrip())
            found.append(Unit(s, s + len(body), raw[:1] in " \t"))
    return found


def _adjacent(text: str, a: Unit, b: Unit) -> bool:
    """True when ``b`` is on the line right after ``a`` and goes on with it: not indented, or lowercase."""
    return (not b.indented or text[b.start].islower()) and text.count("\n", a.end, b.start) == 1


def _soft_break(first: str, second: str) -> bool:
    """True when a line break falls inside a sentence: ``first`` ends mid-phrase or ``second`` goes on lowercase."""
    return first[-1:].islower() or first[-1:] in ",;-" or second[:1].islower()


def _continues(first: str, second: str) -> bool:
    """True when a line of a page clearly goes on in the next line (a heading may end in a lowercase word)."""
    return first[-1:] in ",;" or second[:1].islower()


def is_hard_wrapped(text: str, found: list[Unit]) -> bool:
    """True for text wrapped at a fixed width (newswire): most single line breaks fall inside a sentence."""
    breaks = soft = 0
    for a, b in zip(found, found[1:]):
        if _adjacent(text, a, b):
            breaks += 1
            soft += _soft_break(text[a.start : a.end], text[b.start : b.end])
    return breaks >= 3 and soft >= breaks / 2


def units(text: str, found: list[Unit]) -> list[Unit]:
    """Group lines into units: paragraphs if the text is hard-wrapped, else lines (joining clear continuations)."""
    wrapped = is_hard_wrapped(text, found)
    grouped: list[Unit] = []
    for line in found:
        if grouped and _adjacent(text, grouped[-1], line):
            last = grouped[-1]
            if wrapped or _continues(text[last.start : last.end], text[line.start : line.end]):
                grouped[-1] = Unit(last.start, line.end, last.indented)
                continue
        grouped.append(line)
    return grouped


def _key(line: str) -> str:
    """What two lines must share to count as the same line: their words, lower-cased."""
    return _KEY_JUNK.sub(" ", line.lower()).strip()


def is_fragment(line: str) -> bool:
    """A short line that does not end like a sentence: a heading, a caption, a list item, a site name."""
    return len(line.split()) <= FRAGMENT_WORDS and not _SENTENCE_END.search(line)


def _broken_sentence(flat: list[str], i: int) -> bool:
    """True when line ``i`` is part of a sentence that the page broke across paragraphs (text goes on lowercase)."""
    line = flat[i]
    goes_on = i + 1 < len(flat) and flat[i + 1][:1].islower() and (line[-1:].isalnum() or line.endswith(","))
    went_on = i > 0 and line[:1].islower() and not _SENTENCE_END.search(flat[i - 1])
    return goes_on or went_on


def is_caption_like(line: str) -> bool:
    """A line short enough to be a caption or a headline: without sentence punctuation at its end, or a short
    sentence in the present tense that is not a quotation ("Firefighters spray water on the tanker."); a news
    sentence repeated on a page (a teaser, a pull quote) tells of the past or quotes someone, and keeps a copy."""
    words = len(line.split())
    if not _SENTENCE_END.search(line):
        return words <= CAPTION_WORDS
    return words <= CAPTION_SENTENCE_WORDS and line[:1] not in "\"'“‘" and not _NARRATION.search(line)


def reasons(flat: list[str], title: str) -> list[str | None]:
    """Why each unit (whitespace-collapsed text, in order) is removed, or None to keep it."""
    keys = [_key(line) for line in flat]
    counts = Counter(keys)
    title_key = _key(title) if len(title.split()) <= HEADLINE_WORDS else ""
    seen: set[str] = set()
    found: list[str | None] = []
    for i, (line, key) in enumerate(zip(flat, keys)):
        reason = None
        if title_key and key == title_key and not line.endswith("."):
            reason = "title repeated"
        reason = reason or line_reason(line)
        if reason is None and key and counts[key] > 1:
            if is_caption_like(line):
                reason = "caption repeated"
            elif key in seen:
                reason = "repeated line"
        if reason is None and is_fragment(line[: trailing_credit(line)]) and not _broken_sentence(flat, i):
            reason = FRAGMENT
        seen.add(key)
        found.append(reason)
    if all(found):  # never empty an article because of fragments alone
        found = [None if r == FRAGMENT else r for r in found]
    return found


def clean_article(
    text: str, title: str, spans: tuple[tuple[int, int], ...]
) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """Kept spans and removed pieces of one article.

    Returns
    -------
    kept : list of (start, end)
        Ranges of ``text`` to keep, in order; units kept next to each other form one range, so paragraph
        breaks between them stay visible to the sentence splitter.
    removed : list of (start, end, reason)
        Every removed unit (or unit ending), in order.
    """
    grouped = units(text, [line for s, e in spans for line in lines(text, s, e)])
    flat = [one_line(text[u.start : u.end]) for u in grouped]
    kept: list[tuple[int, int]] = []
    removed: list[tuple[int, int, str]] = []
    joinable = False
    for unit, reason in zip(grouped, reasons(flat, title)):
        if reason is not None:
            removed.append((unit.start, unit.end, reason))
            joinable = False
            continue
        cut = trailing_credit(text[unit.start : unit.end])
        end = unit.end if cut is None else unit.start + len(text[unit.start : unit.start + cut].rstrip())
        if joinable:
            kept[-1] = (kept[-1][0], end)
        else:
            kept.append((unit.start, end))
        joinable = cut is None
        if cut is not None:
            removed.append((end, unit.end, "credit"))
    return kept, removed


def clean(cluster: Cluster, config: Config) -> Cluster:
    """Stage: narrow ``cluster.kept`` to the news text of each article; add what was removed to ``dropped``."""
    kept = []
    dropped = list(cluster.dropped)
    for doc, (article, spans) in enumerate(zip(cluster.articles, cluster.kept)):
        spans_kept, removed = clean_article(article.text, article.title, spans)
        kept.append(tuple(spans_kept))
        dropped.extend(
            Dropped(doc, one_line(article.text[s:e]), DropKind.BOILERPLATE, reason, start=s, end=e)
            for s, e, reason in removed
        )
    return cluster.replace(kept=tuple(kept), dropped=tuple(dropped))


def news_text(article: Article) -> str:
    """The news text of one article on its own: its text without the lines `clean_article` removes.

    Story tracking compares articles by this text, so page furniture shared by unrelated pages (archive
    banners, tweet widgets) neither makes them copies of one another nor pulls them into one story.
    """
    kept, _ = clean_article(article.text, article.title, ((0, len(article.text)),))
    return "\n\n".join(article.text[start:end] for start, end in kept)
