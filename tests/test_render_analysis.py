"""Rendering the analysis fields, and the extract stage's on/off switch."""

from __future__ import annotations

import newsbrief
from newsbrief.model import Analysis, Conflict, DocumentDate, Entity, Event, Figure, Quote
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


def test_markdown_sections():
    text = analysis_markdown(ANALYSIS)
    assert text.index("## Conflicting figures") < text.index("## Timeline") < text.index("## People")
    assert '  - "an estimated 200,000" [0]: An estimated 200,000 people.' in text
    assert "- 2018-04-21: Inspectors <b>arrived</b> on Saturday. [0, 1]" in text
    assert "not placed: 1 relative dates" in text
    assert text.count("(place)") == MAX_ITEMS and f"and {20 - MAX_ITEMS} more" in text
    assert '[0] 2018-04-23 (text: "Published: Mon, April 23, 2018")' in text
    assert "## Figures" not in text and "## Noise" not in text


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
