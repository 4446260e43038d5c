"""Rendering the analysis fields, and the extract stage's on/off switch."""

from __future__ import annotations

from html.parser import HTMLParser

from markdown_it import MarkdownIt

import newsbrief
from newsbrief.model import Analysis, Conflict, DocumentDate, Entity, Event, Figure, Quote
from newsbrief.render import render
from newsbrief.render.analysis import MAX_ITEMS, analysis_html, analysis_markdown


def figure(value: str, doc: int, sentence: str) -> Figure:
    return Figure(value, 0.0, "people", None, doc, (doc,), sentence, 0, 0, None)


ANALYSIS = Analysis(
    conflicts=(
        Conflict(
            "population: people",
            (
                figure("160,000", 1, "A population of 160,000."),
                figure("an estimated 200,000", 0, "An estimated 200,000 people."),
            ),
        ),
    ),
    timeline=(
        Event("2018-04-21", "Inspectors <b>arrived</b> on Saturday.", "on Saturday", 0, (0, 1)),
        Event(None, "It ended on Monday.", "on Monday", 1, (1,), note="document 1 has no known date"),
    ),
    entities=tuple(Entity(f"Place {i}", "place", (0,), 1) for i in range(20)),
    quotes=(Quote("<script>alert(1)</script> is not a speech", None, 0, (0,)),),
    doc_dates=(DocumentDate(0, "2018-04-23", "text", "Published: Mon, April 23, 2018"),),
)


class Rendered(HTMLParser):
    """The tags and the text lines of markdown rendered to HTML by a CommonMark library."""

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text = ""
        self.feed(MarkdownIt("commonmark").render(markdown))

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        self.text += "\n"

    def handle_data(self, data: str) -> None:
        self.text += data


def test_markdown_sections():
    text = analysis_markdown(ANALYSIS)
    assert text.index("## Conflicting figures") < text.index("## Timeline") < text.index("## People")
    shown = Rendered(text)
    assert shown.tags == {"h2", "ul", "li"}  # the <b> of a source text is shown, not obeyed
    assert '"an estimated 200,000" [0]: An estimated 200,000 people.' in shown.text
    assert "2018-04-21: Inspectors <b>arrived</b> on Saturday. [0, 1]" in shown.text
    assert "not placed: 1 relative dates" in shown.text
    assert shown.text.count("(place)") == MAX_ITEMS and f"and {20 - MAX_ITEMS} more" in shown.text
    assert '[0] 2018-04-23 (text: "Published: Mon, April 23, 2018")' in shown.text
    assert "Figures" not in shown.text and "Noise" not in shown.text


def test_markdown_of_a_hostile_article_renders_no_tag_link_or_image():
    hostile = (
        "<script>alert(1)</script> Officials said the storm hit the coast. <img src=x onerror=alert(1)> "
        "Thousands of homes lost power, [the utility](javascript:alert(1)) said. ![x](http://tracker.example/p.gif) "
        "Crews worked through the night, **the mayor** said on Monday."
    )
    documents = [{"title": "<b>Storm</b> # hits", "text": hostile}, "# Heading\n> 1. Storm hits the coast on Monday."]
    markdown = render(newsbrief.summarize(documents, words=60), "markdown")
    shown = Rendered(markdown)
    assert shown.tags <= {"h1", "h2", "ul", "ol", "li", "em", "p"}, shown.tags
    assert "<script>alert(1)</script>" in shown.text and "<img src=x onerror=alert(1)>" in shown.text
    assert "[the utility](javascript:alert(1))" in shown.text


def test_html_is_escaped():
    html = analysis_html(ANALYSIS)
    assert html.startswith('<section class="analysis">')
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    assert analysis_html(Analysis()) == "" and analysis_markdown(Analysis()) == ""


def test_analysis_fields_only_when_analysis_is_on():
    documents = ["Flood hits Kellby. Some 300 homes were flooded on Monday, officials said.",
                 "Floods in Kellby. About 300 homes flooded on Monday, the mayor said."]  # fmt: skip
    off = newsbrief.summarize(documents, words=20, analysis=False).to_dict()
    assert not {"entities", "quotes", "claims", "conflicts", "timeline", "noise", "doc_dates"} & set(off)
    on = newsbrief.summarize(documents, words=20).to_dict()
    assert {"entities", "quotes", "claims", "conflicts", "timeline", "noise", "doc_dates"} <= set(on)
    assert [d["date"] for d in on["doc_dates"]] == [None, None]
    assert on["conflicts"] == [] and {c["value"] for c in on["claims"]} == {"Some 300", "About 300"}
    assert all(n["words"] >= n["kept"] for n in on["noise"])
