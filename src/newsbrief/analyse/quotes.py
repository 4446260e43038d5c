"""Direct quotations, with the speaker when the text names one.

A quotation is text between double quotes (“…”, "…", or newswire ``…'') of at least `MIN_WORDS` words, so
scare quotes ("evacuations") are left out. Quotes are read over each document's kept text, joining kept
sentences that follow each other, so a quotation of several sentences stays whole. The speaker is the name
next to a verb of saying just after the quotation (`"…," said Gen. Ali Mayhoub`, `"…," Dillon said`) or just
before it (`UNRWA spokesman Chris Gunness said: "…"`, `according to Dillon, "…"`); a pronoun ("he said")
names nobody, so the speaker is then None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsbrief.model import Article, Quote, Sentence
from newsbrief.text import one_line

MIN_WORDS = 3
# A ``...'' quote never spans another `` (an opening mark with no close would otherwise swallow the
# narration up to the next quote's close, and a run of backticks would cost 1,500 steps a character).
_QUOTE = re.compile(
    r"“(?P<a>[^“”]{3,1500}?)”|``(?P<b>(?:[^`]|`(?!`)){3,1500}?)''|\"(?P<c>[^\"\n]{3,1500}?)\"", re.DOTALL
)
_SAY = (
    r"(?:said|says|told(?:\s+[\w'’.-]+){0,6}?|added|adds|stated|declared|asked|warned|explained|wrote|tweeted"
    r"|insisted|noted|argued|announced|claimed|stressed|urged|replied|recalled)"
)
_CAP = r"(?:(?:al|el|ad|as|ar|bin|ibn|abu)-)?[A-Z][\w'’.-]*"
_NAME = rf"(?:{_CAP}(?:\s+(?:(?:of|for|and|the|al|bin|de|van|von|der|da|di|la|le)\s+)*{_CAP}){{0,5}})"
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "He", "She", "They", "It", "We", "I", "You"}
_APPOSITION = r"(?:,(?:(?!'')[^,\"“”]){1,80})"  # ", the airline chairman," (never across a closing '')
_AFTER = re.compile(
    rf"^[\s,]*(?:{_SAY}\s+(?:the\s+)?(?P<who>{_NAME})|(?:the\s+)?(?P<who2>{_NAME})(?:{_APPOSITION},)?\s+{_SAY}\b)",
)
_BEFORE = re.compile(
    rf"(?:(?P<who>{_NAME}){_APPOSITION}?,?\s+{_SAY}(?:\s+that)?|[Aa]ccording to (?P<who2>{_NAME}))"
    r"\s*[:,]?\s*$"
)


def speaker(before: str, after: str) -> str | None:
    """The name that says the quotation, from the text just before and just after it."""
    for pattern, text in ((_AFTER, after[:120]), (_BEFORE, before[-160:])):
        m = pattern.search(text)
        who = m and (m["who"] or m["who2"])
        if who and who not in _PRONOUNS:
            name = re.sub(r"^(?:The|A|An)\s+", "", who.strip(" ,."))
            return name if name and name[0].isupper() else None
    return None


def regions(sentences: Sequence[Sentence], text: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """Runs of kept sentences of one document that follow each other, as (start, end, sources)."""
    runs: list[tuple[int, int, tuple[int, ...]]] = []
    for s in sorted(sentences, key=lambda s: s.start):
        if runs and not text[runs[-1][1] : s.start].strip():
            start, _, sources = runs[-1]
            runs[-1] = (start, s.end, tuple(sorted(set(sources) | set(s.sources))))
        else:
            runs.append((s.start, s.end, s.sources or (s.doc,)))
    return runs


def quotes(articles: Sequence[Article], sentences: Sequence[Sentence]) -> list[Quote]:
    """Direct quotations of the kept sentences and their speakers, in document order.

    A quotation several documents carry is listed once, with all of them in ``sources``.

    >>> from newsbrief.model import Article, Sentence
    >>> text = '"There must be safe passage for the wounded," said Chris Gunness.'
    >>> quotes([Article(text)], [Sentence(0, 0, len(text), 0, text, (), (0,))])[0].speaker
    'Chris Gunness'
    """
    by_doc: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_doc.setdefault(s.doc, []).append(s)
    found: dict[str, Quote] = {}
    for doc in sorted(by_doc):
        text = articles[doc].text
        for start, end, sources in regions(by_doc[doc], text):
            for m in _QUOTE.finditer(text, start, end):
                quoted = one_line(m["a"] or m["b"] or m["c"]).strip(" ,")
                if len(quoted.split()) < MIN_WORDS:
                    continue
                who = speaker(text[max(start, m.start() - 200) : m.start()], text[m.end() : end])
                same = found.get(quoted.lower())
                if same:
                    merged = tuple(sorted(set(same.sources) | set(sources)))
                    found[quoted.lower()] = replace(same, sources=merged, speaker=same.speaker or who)
                else:
                    found[quoted.lower()] = Quote(quoted, who, doc, tuple(sources))
    return list(found.values())
