"""Dates: normalisation on the labelled set (tests/data/temporal.jsonl), document dates, the timeline."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsbrief.analyse.doc_dates import document_dates
from newsbrief.analyse.timeline import timeline
from newsbrief.model import DocumentDate, Sentence
from newsbrief.text.dates import _NEEDS, _RULES, TopDate, date_at_top, find_times

from .conftest import SHARED_DATA, load_clusters

LABELLED = Path(__file__).parent / "data" / "temporal.jsonl"
NEWSWIRE = (
    "duc2003-task2/duc2003_task2.jsonl",
    "duc2006/duc2006.jsonl",
    "duc2007/duc2007_update.jsonl",
    "duc2007/duc2007_main_with_refs.jsonl",
    "duc2007/duc2007_main_docs_only.jsonl",
    "multiling2011-en/multiling2011_en.jsonl",
)


def labelled(part: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines()]
    return [r for r in rows if part in (None, r["set"])]


def normalised(row: dict) -> str | None:
    """The value found for the labelled expression (overlapping it), or "missing"."""
    anchor = date.fromisoformat(row["document_date"]) if row["document_date"] else None
    start, end = row["start"], row["start"] + len(row["expression"])
    found = [m for m in find_times(row["sentence"], anchor) if m.start < end and start < m.end]
    return found[0].value if found else "missing"


def accuracy(rows: list[dict]) -> float:
    return sum(normalised(r) == r["value"] for r in rows) / len(rows)


def test_the_labelled_set_is_big_enough_and_consistent():
    rows = labelled()
    assert len(rows) >= 80
    for r in rows:
        assert r["sentence"][r["start"] : r["start"] + len(r["expression"])] == r["expression"]


def test_normalisation_accuracy_meets_the_bar():
    assert accuracy(labelled()) >= 0.9
    assert accuracy(labelled("held-out")) >= 0.9


def test_every_match_of_a_rule_holds_what_its_kind_needs():
    # `_candidates` skips a rule when the text lacks its kind's need: a need that a match can lack loses dates.
    # (A kind without a need is always searched.)
    texts = [r["sentence"] for r in labelled()]
    texts += ["Mon., Jan. 5, 1998", "12/25/2019", "2019-03-12", "the 1st of Sept 2020", "late-May", "mid-2015"]
    matches = 0
    for pattern, kind in _RULES:
        for text in texts:
            for m in pattern.finditer(text):
                matches += 1
                need = _NEEDS[kind]
                assert need is None or need.search(m.group(0)), (kind, m.group(0))
    assert matches >= 150


def test_relative_dates_are_never_invented_without_a_document_date():
    mentions = find_times("The minister resigned on Tuesday, two days after the vote of June 3, 2014.", None)
    assert [(m.text, m.value) for m in mentions] == [("Tuesday", None), ("June 3, 2014", "2014-06-03")]


def test_tense_decides_which_weekday():
    monday = date(2018, 4, 23)
    assert find_times("The envoy met rebels on Friday.", monday)[0].value == "2018-04-20"
    assert find_times("The envoy will meet rebels on Friday.", monday)[0].value == "2018-04-27"


def test_later_counts_from_the_last_date_named():
    mentions = find_times("Talks opened on Oct. 31, 2017 and collapsed three days later.", date(2018, 1, 5))
    assert [m.value for m in mentions] == ["2017-10-31", "2017-11-03"]


def test_weeks_months_and_years_are_as_precise_as_the_text():
    values = [m.value for m in find_times("Last week, next month and last year.", date(2018, 4, 23))]
    assert values == ["2018-W16", "2018-05", "2017"]


def test_document_date_from_a_published_line_a_dateline_or_metadata():
    assert date_at_top("Published: Mon, April 23, 2018\nWorldwide | By A. Writer\n\nText.").value == "2018-04-23"
    assert date_at_top("BEIRUT, Lebanon, April 23, 2018 (AP) - Text.").value == "2018-04-23"
    assert date_at_top("LONDON (AP) _ The lawmaker on Saturday said ...") == TopDate()
    texts = ["MADRID, February 17 (Xinhua) -- Text.", "Text with no date.", "Other text."]
    dates = document_dates([None, None, "1999-02-20"], texts)
    assert [(d.value, d.source) for d in dates] == [
        ("1999-02-17", "text+cluster"),
        (None, None),
        ("1999-02-20", "metadata"),
    ]


def evaluate_document_dates() -> dict[str, dict[str, int]]:
    """Hide every newswire document's date and read it back from its text.

    Per source: documents, those whose text states a full date or a dateline's month and day, and those whose
    stated day equals the hidden date exactly or within a day (wire dates are the release day, often the day
    after the dateline).
    """
    stats: dict[str, dict[str, int]] = {}
    seen = set()
    for name in NEWSWIRE:
        for cluster in load_clusters(name):
            for doc in cluster["documents"]:
                ident = doc.get("doc_id") or doc["text"][:200]
                if not doc.get("date") or ident in seen:
                    continue
                seen.add(ident)
                row = stats.setdefault(doc["source"], dict.fromkeys(("docs", "full", "month_day", "exact", "near"), 0))
                row["docs"] += 1
                top = date_at_top(doc["text"])
                value, month_day = top.value, top.month_day
                truth = date.fromisoformat(doc["date"][:10])
                if value:
                    row["full"] += 1
                    stated = date.fromisoformat(value)
                elif month_day:
                    row["month_day"] += 1
                    stated = date(truth.year, *month_day)
                else:
                    continue
                row["exact"] += stated == truth
                row["near"] += abs((stated - truth).days) <= 1
    return stats


def test_document_dates_recovered_from_newswire_text():
    assert SHARED_DATA.is_dir()
    stats = evaluate_document_dates()
    stated = sum(r["full"] + r["month_day"] for r in stats.values())
    assert sum(r["near"] for r in stats.values()) >= 0.95 * stated
    wiki, xinhua = stats["WikiNews"], stats["XIE"]
    assert wiki["full"] >= 0.9 * wiki["docs"] and wiki["exact"] >= 0.95 * wiki["full"]
    assert xinhua["month_day"] >= 0.9 * xinhua["docs"]


def sentences_of(texts: list[str]) -> list[Sentence]:
    from newsbrief.text.sentences import sentence_spans

    return [
        Sentence(doc, s, e, k, text[s:e], (), (doc,))
        for doc, text in enumerate(texts)
        for k, (s, e) in enumerate(sentence_spans(text, 0, len(text)))
    ]


def test_timeline_of_the_seed_cluster():
    texts = [p.read_text() for p in sorted((SHARED_DATA / "seed-cluster").glob("*.txt"))]
    dates = document_dates([None] * len(texts), texts)
    assert [d.source for d in dates] == [None, None, "text", None, None]
    events = timeline(sentences_of(texts), dates)
    placed = [e for e in events if e.date]
    assert [e.date for e in placed] == sorted(e.date for e in placed)
    saturday = next(e for e in placed if "collected samples from Douma" in e.text)
    assert (saturday.date, saturday.doc) == ("2018-04-21", 2)
    unplaced = [e for e in events if not e.date]
    assert unplaced and all(e.doc != 2 and "no known date" in e.note for e in unplaced)
    assert events[-len(unplaced) :] == unplaced


def test_timeline_keeps_absolute_dates_of_undated_documents():
    text = "The law was passed on June 3, 2014. It came into force on Monday."
    events = timeline(sentences_of([text]), [DocumentDate(0, None, None)])
    assert [(e.date, e.expression) for e in events] == [("2014-06-03", "June 3, 2014"), (None, "Monday")]


def test_a_future_auxiliary_early_in_the_clause_still_sets_the_tense():
    sentence = "The council said it would open a drop-in centre at the town hall from Friday for residents."
    (friday,) = find_times(sentence, date(2024, 10, 16))  # a Wednesday
    assert friday.value == "2024-10-18"


def test_a_year_that_names_a_thing_is_not_an_event():
    sentence = "Washington withdrew from the 2015 Iran nuclear deal, which was signed in 2015."
    assert [(m.text, m.value) for m in find_times(sentence, None)] == [("in 2015", "2015")]
    assert [m.value for m in find_times("The 2018 World Cup opened in Moscow.", None)] == []


def test_a_month_and_day_in_an_undated_document_takes_the_clusters_year_and_says_so():
    texts = ["Talks opened on Monday in Geneva.", "Israel struck targets on May 10, officials said on Monday."]
    dates = [DocumentDate(0, "2018-04-23", "metadata"), DocumentDate(1, None, None)]
    events = timeline(sentences_of(texts), dates)
    may = next(e for e in events if e.expression == "May 10")
    assert may.date == "2018-05-10" and "year is that of the cluster's dated documents" in may.note
    assert [e.expression for e in events if e.doc == 1] == ["May 10"]  # placed once, not again as unplaced
    far_apart = [
        DocumentDate(0, "2018-04-23", "metadata"),
        DocumentDate(1, None, None),
        DocumentDate(2, "2019-01-02", "metadata"),
    ]
    events = timeline(sentences_of([*texts, "Nothing here."]), far_apart)
    assert next(e for e in events if e.expression == "May 10").date is None  # two readings: not placed


def test_hoping_to_do_something_by_a_weekday_is_the_next_one():
    (friday,) = find_times("Power crews hope to restore electricity by Friday.", date(2024, 10, 15))  # a Tuesday
    assert friday.value == "2024-10-18"


def test_an_event_in_text_dropped_as_another_story_is_not_on_the_timeline():
    from newsbrief import summarize

    flood = [
        "The storm flooded the coastal town of Harbor Point on Monday and cut power to ten thousand homes. "
        "Rescue crews in boats pulled residents from flooded streets. The mayor said the surge was the worst in "
        "fifty years.",
        "Floodwater filled the streets of Harbor Point after the storm came ashore on Monday. Residents waited on "
        "roofs for rescue boats. Thousands of homes in the coastal town lost power. The mayor asked for help.",
        "Harbor Point counted the damage on Tuesday, a day after the storm flooded the town. The mayor said "
        "thousands of homes were without power. Rescue crews used boats to reach flooded streets near the coast.",
    ]
    football = (
        "The striker scored twice in the second half on Saturday as the visitors won the cup final. Fans of the "
        "club celebrated in the stadium long after the referee blew the final whistle. The coach praised his "
        "defenders, who kept a clean sheet for a fifth league match in a row. The goalkeeper saved a penalty in the "
        "opening minutes of the match."
    )
    mixed = flood[0] + "\n\n" + football + "\n\nThe mayor thanked the rescue crews on Tuesday."
    brief = summarize([{"text": t, "date": "2024-10-15"} for t in [*flood, mixed]])
    aside = next(d for d in brief.dropped if d.reason == "off-topic" and "Saturday" in d.text)
    assert aside.doc == 3
    events = [e.text for e in brief.analysis.timeline]
    assert not any("Saturday" in text or "striker" in text for text in events)
    assert any("thanked the rescue crews" in text for text in events)
