"""Render a `Brief` as text, markdown, JSON or one self-contained HTML page."""

from __future__ import annotations

import json
import re
from html import escape

from newsbrief.config import FORMATS, check
from newsbrief.model import Article, Brief
from newsbrief.text import one_line

TITLE = "Brief"
"""The heading of a markdown or HTML brief that is given no title (the CLI's, a transient API brief)."""


def render(brief: Brief, fmt: str = "text", title: str = TITLE) -> str:
    """The brief in ``fmt``, one of `FORMATS`; markdown and HTML carry ``title`` as their heading."""
    check("format", fmt, FORMATS)
    if fmt == "markdown":
        return render_markdown(brief, title)
    if fmt == "html":
        return render_html(brief, title)
    return render_json(brief) if fmt == "json" else render_text(brief)


def sources_label(sources: tuple[int, ...]) -> str:
    """The documents that report something, as shown after it: "[0, 2]"."""
    return "[" + ", ".join(map(str, sources)) + "]"


def document_label(article: Article, index: int) -> str:
    """How a document is named wherever a brief lists its sources: "title | source | date"."""
    parts = [article.title or article.origin or f"document {index}", article.source, article.date or ""]
    return " | ".join(one_line(p) for p in parts if p)


_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]<>&|~]")
_BLOCK_MARK = re.compile(r"[#>+=-]")
_NUMBERED = re.compile(r"\d+(?=[.)])")


def markdown_text(text: str) -> str:
    r"""Source text as one line of literal markdown text: no tag, link, image or emphasis, whatever it holds.

    Every character that starts inline markup or raw HTML is backslash-escaped, and so is a line start that
    would open a heading, a quote or a list inside the item it is put in.

    >>> print(markdown_text("<script>alert(1)</script> [a](javascript:x)"))
    \<script\>alert(1)\</script\> \[a\](javascript:x)
    >>> print(markdown_text("# 1. U.S. officials"), markdown_text("1. U.S."))
    \# 1. U.S. officials 1\. U.S.
    """
    escaped = _MARKDOWN_INLINE.sub(lambda m: "\\" + m[0], one_line(text))
    if _BLOCK_MARK.match(escaped):
        return "\\" + escaped
    numbered = _NUMBERED.match(escaped)
    return escaped[: numbered.end()] + "\\" + escaped[numbered.end() :] if numbered else escaped


def render_text(brief: Brief) -> str:
    lines = [f"{one_line(s.text)} {sources_label(s.sources)}" for s in brief.sentences]
    if brief.analysis and brief.analysis.conflicts:
        from newsbrief.render.analysis import conflict_figures

        lines += [""] + [
            f"Sources disagree on {c.about}: {conflict_figures(c, brief.documents)}" for c in brief.analysis.conflicts
        ]
    lines += ["", "Sources:"]
    lines += [f"[{i}] {document_label(brief.documents[i], i)}" for i in range(len(brief.documents))]
    if brief.dropped:
        lines += ["", f"Dropped {len(brief.dropped)} pieces of text (--format json lists them with reasons)."]
    return "\n".join(lines) + "\n"


def render_markdown(brief: Brief, title: str = TITLE) -> str:
    lines = [f"# {markdown_text(title)}", ""]
    lines += [f"- {markdown_text(s.text)} {sources_label(s.sources)}" for s in brief.sentences]
    lines += ["", "## Sources", ""]
    lines += [f"{i}. {markdown_text(document_label(brief.documents[i], i))}" for i in range(len(brief.documents))]
    if brief.analysis:
        from newsbrief.render.analysis import analysis_markdown

        lines += ["", analysis_markdown(brief.analysis, brief.documents)]
    if brief.dropped:
        lines += ["", "## Dropped", ""]
        lines += [f"- [{d.doc}] *{markdown_text(d.reason)}*: {markdown_text(d.text)}" for d in brief.dropped]
    return "\n".join(lines).rstrip() + "\n"


def render_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
.summary p{margin:.4rem 0}
.chip{display:inline-block;font-size:.75rem;padding:0 .4rem;margin-left:.2rem;border-radius:.6rem;
background:#e3ecf7;color:#124;position:relative;cursor:help}
.chip .tip{display:none;position:absolute;left:0;top:1.4rem;z-index:2;width:18rem;background:#fff;color:#222;
border:1px solid #999;padding:.4rem;border-radius:.3rem;box-shadow:0 2px 6px #0003}
.chip:hover .tip,.chip:focus .tip{display:block}
.single{border-left:3px solid #d80;padding-left:.4rem}
article{border-top:1px solid #ccc;margin-top:1.5rem}
mark{background:#fff3a0}
.meta{color:#666;font-size:.9rem}
"""


def _chips(brief: Brief, sources: tuple[int, ...]) -> str:
    tips = {i: escape(document_label(brief.documents[i], i)) for i in sources}
    return "".join(f'<span class="chip" tabindex="0">{i}<span class="tip">{tips[i]}</span></span>' for i in sources)


def _document_html(brief: Brief, index: int) -> str:
    """The cleaned text of one document, paragraph by kept span, with summary sentences marked."""
    article = brief.documents[index]
    marks = sorted((s.start, s.end) for s in brief.sentences if s.doc == index)
    paragraphs = []
    for start, end in brief.kept[index]:
        pieces, at = [], start
        for m_start, m_end in marks:
            if start <= m_start and m_end <= end:
                pieces += [escape(article.text[at:m_start]), f"<mark>{escape(article.text[m_start:m_end])}</mark>"]
                at = m_end
        pieces.append(escape(article.text[at:end]))
        text = "".join(pieces).strip()
        if text:
            paragraphs += [f"<p>{p}</p>" for p in text.split("\n\n") if p.strip()]
    meta = escape(" | ".join(p for p in (article.source, article.author, article.date or "") if p))
    return (
        f'<article id="doc-{index}"><h3>[{index}] {escape(article.title or article.origin or "untitled")}</h3>'
        f'<p class="meta">{meta}</p>{"".join(paragraphs)}</article>'
    )


def render_html(brief: Brief, title: str = TITLE) -> str:
    sentences = "".join(
        f'<p class="{"single" if s.single_source else ""}">{escape(one_line(s.text))}{_chips(brief, s.sources)}</p>'
        for s in brief.sentences
    )
    analysis = ""
    if brief.analysis:
        from newsbrief.render.analysis import analysis_html

        analysis = analysis_html(brief.analysis, brief.documents)
    dropped = "".join(
        f"<li>[{d.doc}] <em>{escape(d.reason)}</em>: {escape(one_line(d.text))}</li>" for d in brief.dropped
    )
    documents = "".join(_document_html(brief, i) for i in range(len(brief.documents)))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>"
        f'<section class="summary">{sentences}</section>{analysis}'
        f"<details><summary>Dropped ({len(brief.dropped)})</summary><ul>{dropped}</ul></details>"
        f"<h2>Documents</h2>{documents}</body></html>\n"
    )
