"""Fuzzing (hypothesis, a fixed seed so that a failure reproduces): whatever the bytes, the readers, `summarize`
and the JSON API answer with a brief or a one-line error naming the input; nothing raises anything else.

About 2,600 examples, a minute or two: the slow lane.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief import Brief, summarize
from newsbrief.errors import NewsbriefError
from newsbrief.ingest.read import read_upload
from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings

pytestmark = pytest.mark.slow

FUZZ = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))

# Characters that steer the patterns: sentence ends, quotes of every kind, brackets, markup, digits and units,
# whitespace of every kind, and letters of other scripts.
MARKS = ".!?;:,'\"`“”‘’«»()[]{}<>/-–—_*#&%$€£0123456789 \t\n\r\x0b\x0c\u00a0\u2028"
words = st.sampled_from(
    ["The", "storm", "hit", "Paris", "on", "Monday", "said", "people", "killed", "12", "U.S.", "Mr.", "share",
     "<!--", "-->", "<html>", "<p>", "``", "''", "per cent", "million", "中文", "Россия", "http://x.io/a?b=1"]
)  # fmt: skip
prose = st.lists(st.one_of(words, st.text(alphabet=MARKS, max_size=3)), max_size=120).map(" ".join)
texts = st.one_of(prose, st.text(max_size=400))
KEYS = ["text", "title", "date", "documents", "id", "x"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=12,
)  # fmt: skip
uploads = st.one_of(
    st.binary(max_size=600),
    texts.map(str.encode),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.lists(json_values.map(json.dumps), max_size=4).map(lambda lines: "\n".join(lines).encode()),
)
NAMES = ["a.txt", "a.html", "a.json", "a.jsonl", "pasted text 1", "notes.pdf"]


@settings(FUZZ, max_examples=1500)
@given(st.sampled_from(NAMES), uploads)
def test_a_reader_gives_articles_or_one_line_problems_naming_the_upload(name, data):
    articles, problems = read_upload(name, data)
    for problem in problems:
        assert problem.startswith(name) and "\n" not in problem, problem
    for article in articles:
        assert article.text.strip()


@settings(FUZZ, max_examples=700)
@given(st.lists(texts, min_size=1, max_size=4), st.integers(10, 150))
def test_summarize_gives_a_verbatim_brief_or_a_newsbrief_error(documents, words):
    try:
        brief = summarize(documents, words=words)
    except NewsbriefError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(brief, Brief)
    assert len(brief.summary.split()) <= words
    for s in brief.sentences:
        assert brief.documents[s.doc].text[s.start : s.end] == s.text


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(Settings(db=":memory:", timeout=60, loopback=False))) as client:
        yield client


@settings(FUZZ, max_examples=400)
@given(body=st.one_of(json_values, st.fixed_dictionaries({"documents": st.lists(json_values, max_size=4)})))
def test_the_api_answers_every_body_without_a_server_error(client, body):
    response = client.post("/api/briefs", json=body)
    assert response.status_code in (200, 413, 422), response.text
    if response.status_code == 200:
        assert "summary" in response.json()
    else:
        assert "\n" not in response.json()["error"]
