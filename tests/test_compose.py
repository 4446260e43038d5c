import json

from newsbrief import summarize
from newsbrief.compose.attribute import reports
from newsbrief.render import render
from newsbrief.text.tokens import content_terms, terms

DOCS = [
    {
        "title": "Day two",
        "text": "Crews contained the fire on Tuesday morning. Residents waited in shelters.",
        "date": "2024-10-15",
        "source": "Herald",
    },
    {
        "title": "Day one <script>alert(1)</script>",
        "text": "A tanker caught fire at the terminal on Monday. "
        "Hundreds of residents were evacuated from the harbour district.",
        "date": "2024-10-14",
        "source": "Courier",
    },
    {
        "title": "Day one again",
        "text": "Hundreds of residents were evacuated from the harbour district on Monday. "
        "The <b>council</b> opened a shelter.",
        "date": "2024-10-14",
        "source": "Wire",
    },
]


def test_paraphrase_counts_as_reporting_but_a_topic_word_does_not():
    a = content_terms(terms("Hundreds of residents were evacuated from the harbour district."))
    b = content_terms(terms("On Monday, hundreds of residents were evacuated from the harbour district."))
    c = content_terms(terms("The harbour district is quiet."))
    assert reports(a, b)
    assert not reports(a, c)


def test_summary_is_in_date_order_then_position():
    brief = summarize(DOCS, words=60, analysis=False)
    dates = [brief.documents[s.doc].date for s in brief.sentences]
    assert dates == sorted(dates)


def test_text_and_markdown_show_sources_after_each_sentence():
    brief = summarize(DOCS, words=60, analysis=False)
    text = render(brief, "text")
    for s in brief.sentences:
        assert f"{' '.join(s.text.split())} [{', '.join(map(str, s.sources))}]" in text
    assert "[1, 2]" in text
    assert "- " in render(brief, "markdown")


def test_json_has_the_documented_fields():
    data = json.loads(render(summarize(DOCS, words=60, analysis=False), "json"))
    assert {"summary", "sentences", "documents", "dropped", "config"} <= set(data)
    for s in data["sentences"]:
        assert s["support"] == len(s["sources"]) and s["doc"] in s["sources"]
        assert s["single_source"] == (s["support"] == 1)
    assert data["documents"][1] == {
        "index": 1,
        "title": "Day one <script>alert(1)</script>",
        "source": "Courier",
        "date": "2024-10-14",
        "url": "",
        "id": "",
    }


def test_html_is_one_escaped_page_with_sources_on_hover_and_documents_below():
    page = render(summarize(DOCS, words=60, analysis=False), "html")
    assert page.startswith("<!doctype html>") and "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'class="chip" tabindex="0"' in page and 'class="tip"' in page
    assert page.count("<article") == 3 and "<mark>" in page
