import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief import Article, Brief, Failure, summarize, summarize_many
from newsbrief.errors import ConfigError, InputError, StageError
from newsbrief.model import Cluster
from newsbrief.pipeline import STAGES, Stage, check_order

from .conftest import SHARED_DATA

STORY = [
    "Flood waters rose in Marlow on Sunday. The river burst its banks after three days of rain. "
    "About 300 homes were evacuated, the council said.",
    "The river burst its banks in Marlow after three days of rain. About 300 homes were evacuated overnight. "
    "Rescue teams used boats to reach elderly residents.",
    {
        "title": "Marlow floods",
        "text": "Rescue teams used boats to reach elderly residents in Marlow. "
        "The council opened two shelters in school halls.",
        "date": "2024-03-04",
        "source": "Wire",
    },
]


def test_default_stage_order_meets_every_requirement():
    check_order(STAGES)


def test_check_order_names_the_stage_that_lacks_an_input():
    with pytest.raises(StageError, match="'select' requires sentences"):
        check_order([s for s in STAGES if s.name not in ("segment", "dedupe", "off-topic")])


def test_summarize_accepts_strings_dicts_and_articles():
    brief = summarize(
        [STORY[0], STORY[1], STORY[2], Article(text="Boats reached residents in Marlow today.")], words=40
    )
    assert isinstance(brief, Brief)
    assert len(brief.documents) == 4
    assert brief.documents[2].title == "Marlow floods"
    assert brief.documents[2].date == "2024-03-04"


def test_every_summary_sentence_is_verbatim_in_its_document():
    brief = summarize(STORY, words=40)
    assert brief.sentences
    for s in brief.sentences:
        assert brief.documents[s.doc].text[s.start : s.end] == s.text
        assert s.doc in s.sources


def test_a_sentence_reported_by_two_outlets_lists_both():
    brief = summarize(STORY, words=40, method="lead")
    sources = {" ".join(s.text.split()): s.sources for s in brief.sentences}
    evacuated = [v for k, v in sources.items() if "300 homes" in k]
    assert evacuated and set(evacuated[0]) >= {0, 1}


@pytest.mark.parametrize("words", [0, 5, 3000, "100", True])
def test_bad_word_budget_is_rejected_with_the_range(words):
    with pytest.raises(ConfigError, match=r"words must be an int in \[10, 2000\]"):
        summarize(STORY, words=words)


def test_unknown_method_lists_the_methods():
    with pytest.raises(ConfigError, match="lexrank"):
        summarize(STORY, method="bert")


def test_empty_documents_are_skipped_and_reported():
    brief = summarize(["", STORY[0]], words=30)
    assert len(brief.documents) == 1
    assert brief.problems and "no text" in brief.problems[0]


def test_nothing_usable_is_an_input_error():
    with pytest.raises(InputError, match="nothing to summarize"):
        summarize(["", "  \n"])


def test_a_stage_that_breaks_the_contract_is_named():
    broken = (*STAGES[:2], Stage("broken", lambda cluster, config: None))
    with pytest.raises(StageError, match="'broken' returned NoneType"):
        summarize(STORY, stages=broken)


def test_stages_out_of_order_are_refused_before_any_stage_runs():
    ran = []

    def clean_first(cluster: Cluster, config) -> Cluster:
        ran.append("clean")
        return cluster

    stages = (Stage("clean", clean_first, assigns=("kept",)), *[s for s in STAGES if s.name != "segment"])
    with pytest.raises(StageError, match="'dedupe' requires sentences"):
        summarize(STORY, stages=stages)
    assert ran == []


def test_an_exception_inside_a_stage_names_the_stage():
    def failing(cluster: Cluster, config) -> Cluster:
        return {}["missing"]

    stages = tuple(Stage(s.name, failing, s.requires, s.assigns) if s.name == "select" else s for s in STAGES)
    with pytest.raises(StageError, match=r"stage 'select' failed: KeyError: 'missing'"):
        summarize(STORY, stages=stages)


def test_stages_can_be_swapped_without_patching():
    def first_sentence(cluster: Cluster, config) -> Cluster:
        from newsbrief.model import BriefSentence

        s = cluster.sentences[0]
        return cluster.replace(summary=(BriefSentence(s.text, s.doc, s.start, s.end, s.sources),))

    stages = tuple(Stage(s.name, first_sentence, s.requires, s.assigns) if s.name == "select" else s for s in STAGES)
    brief = summarize(STORY, stages=stages, analysis=False)
    assert [s.text for s in brief.sentences] == ["Flood waters rose in Marlow on Sunday."]


def test_summarize_many_yields_failures_in_place_and_goes_on():
    results = list(
        summarize_many(
            [{"id": "a", "documents": STORY}, {"id": "b"}, {"id": "c", "documents": [""]}], words=30, analysis=False
        )
    )
    assert isinstance(results[0], Brief)
    assert isinstance(results[1], Failure) and results[1].id == "b" and "documents" in results[1].error
    assert isinstance(results[2], Failure) and "nothing to summarize" in results[2].error


sentence = st.text(alphabet=st.sampled_from("abcdefghij klmnop"), min_size=5, max_size=80).map(
    lambda t: t.strip().capitalize() + "."
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(sentence, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=5),
    st.integers(10, 120),
    st.sampled_from(["default", "lead", "lexrank", "mmr"]),
)
def test_budget_is_never_exceeded_and_text_is_verbatim(docs, words, method):
    docs = [d for d in docs if d.strip(" .")]
    if not docs:
        return
    brief = summarize(docs, words=words, method=method, analysis=False)
    assert len(brief.summary.split()) <= words
    for s in brief.sentences:
        assert brief.documents[s.doc].text[s.start : s.end] == s.text


@pytest.mark.slow
def test_the_same_input_gives_the_same_brief_in_every_process():
    """Set iteration order changes with PYTHONHASHSEED; the brief must not (Dask workers, reruns, caches).

    Seeds 1 and 10 gave different briefs for one of these clusters while concepts were kept in set order.
    """
    import os
    import subprocess
    import sys

    code = (
        "import json, sys; from newsbrief import summarize; "
        "clusters = [json.loads(line) for line in open(sys.argv[1])][:16]; "
        "print(json.dumps([summarize(c['documents'], analysis=False).to_dict() for c in clusters]))"
    )
    path = str(SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl")
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code, path],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "10")
    }
    assert len(outputs) == 1


@pytest.mark.slow
def test_briefs_computed_in_eight_threads_match_a_serial_run():
    from concurrent.futures import ThreadPoolExecutor

    lines = (SHARED_DATA / "duc2006" / "duc2006.jsonl").read_text().splitlines()[:8]
    clusters = [json.loads(line)["documents"][:10] for line in lines]

    def brief(documents: list[dict]) -> str:
        return json.dumps(summarize(documents, words=100).to_dict())

    serial = [brief(c) for c in clusters]
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(brief, clusters)) == serial


@pytest.mark.parametrize("given", ["not a date", "9999-99-99", "2018-13-01"])
def test_a_date_that_is_not_a_date_is_ignored_and_reported(given):
    documents = [{"text": "Floods closed the coast road on Monday.", "date": given}, {"text": "Floods hit the coast."}]
    brief = summarize(documents, words=20)
    assert brief.documents[0].date is None
    assert brief.problems == (f"<input 0>: date {given!r} is not a date (YYYY-MM-DD); ignored",)
