"""Turn a saved HTML page into an `Article`: main text, title, date, author and site through trafilatura.

trafilatura is imported inside `html_article`, so importing this module costs nothing.
"""

from __future__ import annotations

import codecs
import re

from newsbrief.errors import InputError
from newsbrief.model import Article
from newsbrief.text import one_line

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page declares in a ``<meta charset>`` near its top, if Python knows it.

    >>> declared_charset(b'<html><head><meta charset="ISO-8859-1">')
    'iso8859-1'
    >>> declared_charset(b"<p>no declaration</p>") is None
    True
    """
    match = _CHARSET.search(raw[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def html_article(markup: str, *, origin: str) -> Article:
    """Extract the article from an HTML page.

    The main text comes from trafilatura (comments left out), with one blank line between paragraphs and
    without a first line that only repeats the title; when trafilatura finds no main text, its `baseline`
    (article body or all paragraph text) is used instead, and for a page fragment, which trafilatura does not
    parse, the text of its block elements. The date is trafilatura's, which asks htmldate for the publication
    date (meta tags, JSON-LD, ``<time>``, URL, then the text) and falls back to an update date; a second
    htmldate pass finds nothing more (checked on meta, JSON-LD, ``<time>``, URL and in-text dates).
    Raises `InputError` when the page holds no text at all.
    """
    import trafilatura

    found = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_images=False)
    text = found.text if found is not None and found.text else trafilatura.baseline(markup)[1] or _block_text(markup)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if not paragraphs:
        raise InputError(f"{origin}: no text found in this HTML page")
    meta = found if found is not None else trafilatura.extract_metadata(markup)
    title = meta.title or ""
    if len(paragraphs) > 1 and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Article(
        text="\n\n".join(paragraphs),
        title=title,
        source=meta.sitename or "",
        url=meta.url or "",
        author=meta.author or "",
        date=meta.date,
        id=origin,
        origin=origin,
    )


def _block_text(markup: str) -> str:
    """The text of each paragraph-like element (or of the whole body), one per line, head and scripts left out."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return ""
    for hidden in root.xpath("//head|//script|//style|//noscript|//template"):
        hidden.drop_tree()
    blocks = root.xpath("//p|//h1|//h2|//h3|//h4|//h5|//h6|//li|//blockquote|//pre") or [root]
    return "\n".join(one_line(block.text_content()) for block in blocks)
