"""The clean stage: page furniture goes with its reason, news text stays, offsets stay valid."""

from __future__ import annotations

import json

import pytest

from newsbrief.config import Config
from newsbrief.ingest.boilerplate import line_reason
from newsbrief.ingest.clean import clean, clean_article
from newsbrief.model import Article, Cluster
from newsbrief.pipeline import to_article
from newsbrief.segment import segment

from .conftest import SHARED_DATA

SEED = sorted((SHARED_DATA / "seed-cluster").glob("*.txt"))

NEWS = "The army said on Monday that it had retaken the camp after two weeks of heavy fighting."


def cleaned(text: str, title: str = "") -> Cluster:
    return clean(Cluster.from_articles((Article(text=text, title=title),)), Config())


def kept_text(cluster: Cluster, doc: int = 0) -> str:
    article = cluster.articles[doc]
    return "\n".join(article.text[s:e] for s, e in cluster.kept[doc])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Advertisement", "advertisement"),
        ("Advertisement Continue reading the main story", "advertisement"),
        ("Story Continued Below", "advertisement"),
        ("share tweet pin email", "share prompt"),
        ("Like this:", "share prompt"),
        ("Home » World News » Europe » Tanker fire contained but residents told to wait", "navigation"),
        ("News > World > Middle East", "navigation"),
        ("Read or Share this story: http://usat.ly/1a6mXog", "share prompt"),
        ("Click to share on Twitter (Opens in new window)", "share prompt"),
        ("Follow us on twitter.com/foxnewslatino", "follow prompt"),
        ("Follow Scott Stump on Twitter and Google+.", "follow prompt"),
        ("Tweet with a location", "social widget"),
        ("You can add location information to your Tweets, such as your city or precise location.", "social widget"),
        ("Sign up for our daily email newsletter and get top stories delivered to your inbox.", "subscribe prompt"),
        ("Get The Times of Israel's Daily Edition by email and never miss our top stories Free Sign Up", "subscribe"),
        ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookie notice"),
        ("Please enable Javascript to watch this video", "video prompt"),
        ("Media playback is unsupported on your device Media caption The moment it happened", "video prompt"),
        ("This article was archived on 12 March 2015 and is no longer updated.", "archive notice"),
        ("This story has been corrected to show the harbour master's name, Ewan Calder.", "correction note"),
        ("This post has been updated.", "correction note"),
        ("The WARC files associated with this crawl are not currently available to the public.", "archive"),
        ("Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.", "archive"),
        ("Photo: Contributed", "caption"),
        ("Image copyright Getty Images Image caption The band broke up in 1980", "caption"),
        ("Picture: Reuters", "caption"),
        ("Smoke rises over the city on Monday. (AP Photo/Hassan Ammar)", "caption"),
        (
            "Photos: The Corvina Star Photos: The Corvina Star The tanker at Berth 4 on Monday. Hide Caption 1 of 2 "
            "Photos: The Corvina Star Firefighters on the quay on Tuesday. Hide Caption 2 of 2",
            "photo gallery",
        ),
        ("By Lisa Hogan", "byline"),
        ("Worldwide | By Lisa Hogan", "byline"),
        ("• Rogelio Becker", "byline"),
        ("(Reporting by David Lawder; Editing by Tom Heneghan)", "byline"),
        ("The Associated Press contributed to this report.", "credit"),
        ("(With AFP)", "credit"),
        ("Published: Mon, April 23, 2018", "date stamp"),
        ("Published: Updated:", "date stamp"),
        ("Tuesday, July 12, 2005", "date stamp"),
        ("Latest News", "navigation"),
        ("Search For Keyword.", "navigation"),
        ("RELATED: Best Places To Live In The World 2016", "navigation"),
        ("Read more about: Mitt Romney, Women, Marco Rubio", "navigation"),
        ("Total Comments (0)", "comment form"),
        ("Comments About This Article", "comment form"),
        ("Please fill the fields below.", "comment form"),
        ("© 2018 Reuters. All rights reserved.", "copyright notice"),
        ("- - - - - - - - - -", "separator"),
        ("Have a tip we should know? tips@mediaite.com", "contact line"),
        ("Forever A post shared by Havoc (@mobbdeephavoc) on Jun 20, 2017 at 11:32am PDT", "social embed"),
    ],
)
def test_each_kind_of_furniture_is_named(line: str, reason: str) -> None:
    assert reason in (line_reason(line) or "")
    cluster = cleaned(f"{NEWS}\n\n{line}\n\n{NEWS.replace('Monday', 'Tuesday')}")
    assert line not in kept_text(cluster)
    assert [d.text for d in cluster.dropped] == [line]
    assert reason in cluster.dropped[0].reason


@pytest.mark.parametrize(
    "sentence",
    [
        NEWS,
        "Photos of the container ship showed heavy damage to its bow.",
        "By this period of history, the Vikings were no longer feared marauders.",
        "The sets always included a sandwich or a cookie, and five non-food items.",
        '"I have my subpoena pen ready," Chaffetz tweeted on Tuesday.',
        "Trump has regularly boasted on Twitter that the stock market rise is the result of his policies.",
        "CNN did not immediately return a call for comment.",
        "The index rose > 5 points as prices fell on Monday.",
        "Also in the collection are a transcript of the appeal and a note by the prosecutor.",
        "Published reports said the minister would resign on Friday.",
        "The report was revised after the audit, the council said on Monday, and now puts the cost at 4 million.",
        "Follow-up talks are planned for next week in Geneva, officials said.",
        '"No one can force Iran to do anything".',
        "Why is this important?",
        "Both pleaded not guilty.",
    ],
)
def test_news_sentences_stay(sentence: str) -> None:
    assert line_reason(sentence) is None
    cluster = cleaned(f"{sentence}\n\nThe talks resumed later, a spokesman said.")
    assert cluster.dropped == ()
    assert sentence in kept_text(cluster)


def test_repeated_caption_goes_entirely_and_repeated_sentence_keeps_its_first_copy() -> None:
    caption = "A Syrian army soldier holds his weapon as he climbs stairs at Harasta highway outside Jobar"
    text = f"{caption}\n\n{caption}\n\n{NEWS}\n\nOther news followed.\n\n{NEWS}"
    cluster = cleaned(text)
    assert [(d.text, d.reason) for d in cluster.dropped] == [
        (caption, "caption repeated"),
        (caption, "caption repeated"),
        (NEWS, "repeated line"),
    ]
    assert kept_text(cluster).count(NEWS) == 1
    assert text.index(NEWS) == cluster.kept[0][0][0]


def test_a_repeated_present_tense_caption_with_a_full_stop_goes_entirely() -> None:
    caption = "Firefighters spray water on the tanker at Berth 4 of the terminal."
    cluster = cleaned(f"{caption}\n\n{NEWS}\n\n{caption}")
    assert [(d.text, d.reason) for d in cluster.dropped] == [(caption, "caption repeated")] * 2
    assert kept_text(cluster) == NEWS


def test_title_repeated_as_first_line_goes_but_a_lead_sentence_used_as_title_stays() -> None:
    title = "Syrian troops begin new offensive in southern Damascus"
    cluster = cleaned(f"{title}\n\n{NEWS}", title=title)
    assert [(d.text, d.reason) for d in cluster.dropped] == [(title, "title repeated")]
    lead_as_title = cleaned(f"{NEWS}\n\nMore text follows here, the agency said.", title=NEWS)
    assert NEWS in kept_text(lead_as_title)


def test_short_fragments_go_unless_they_are_all_there_is() -> None:
    cluster = cleaned(f"Long Story Short\n\n{NEWS}")
    assert [(d.text, d.reason) for d in cluster.dropped] == [("Long Story Short", "heading or fragment")]
    assert cleaned("Storm hits coast").kept == (((0, len("Storm hits coast")),),)


def test_a_sentence_the_page_broke_across_paragraphs_is_not_a_fragment() -> None:
    text = "The guidelines were unveiled at a time when climate change has become\n\na flashpoint for conservatives."
    assert cleaned(text).dropped == ()


def test_trailing_credit_is_cut_from_the_end_of_a_line() -> None:
    line = "Both sides traded fire, causing at least five deaths.\xa0(With Agencies)"
    cluster = cleaned(f"{NEWS}\n{line}\n{NEWS.replace('Monday', 'Friday')}")
    text = cluster.articles[0].text
    assert [(d.text, d.reason) for d in cluster.dropped] == [("(With Agencies)", "credit")]
    assert [text[s:e][-20:] for s, e in cluster.kept[0]][0].endswith("five deaths.")
    assert len(cluster.kept[0]) == 2


def test_hard_wrapped_newswire_is_judged_by_paragraph() -> None:
    text = (
        "LONDON (AP) _ Police said Saturday they had arrested\n"
        "the former dictator on a warrant from\n"
        "Spain.\n"
        "\t   Advertisement\n"
        "for the trial was placed\n"
        "in three newspapers, a spokeswoman said.\n"
    )
    cluster = cleaned(text)
    assert cluster.dropped == ()
    assert cluster.kept == (((text.index("LONDON"), len(text.rstrip())),),)


@pytest.fixture(scope="module")
def seed() -> Cluster:
    articles = tuple(to_article(path.read_text(encoding="utf-8"), i) for i, path in enumerate(SEED))
    return segment(clean(Cluster.from_articles(articles), Config()), Config())


def test_seed_cluster_furniture_goes(seed: Cluster) -> None:
    dropped = {d.text for d in seed.dropped}
    for line in ("Latest News", "Like this:", "Worldwide | By Lisa Hogan", "Total Comments (0)", "Search For Keyword."):
        assert line in dropped
    texts = " ".join(s.text for s in seed.sentences)
    assert "A Syrian army soldier holds his weapon" not in texts
    assert "Hundreds of IS militants hold parts of the Palestinian refugee camp of Yarmouk" in texts


def test_offsets_stay_valid(seed: Cluster) -> None:
    assert seed.sentences
    for sentence in seed.sentences:
        article = seed.articles[sentence.doc]
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert any(s <= sentence.start and sentence.end <= e for s, e in seed.kept[sentence.doc])
    for spans in seed.kept:
        assert all(s < e for s, e in spans)
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))


def _benchmark(name: str) -> list[list[Article]]:
    with open(SHARED_DATA / name, encoding="utf-8") as lines:
        return [[Article.from_dict(d) for d in json.loads(line)["documents"]] for line in lines]


def _removed_share(clusters: list[list[Article]]) -> float:
    total = kept = 0
    for articles in clusters:
        cluster = clean(Cluster.from_articles(tuple(articles)), Config())
        for article, spans in zip(articles, cluster.kept):
            total += sum(not c.isspace() for c in article.text)
            kept += sum(not c.isspace() for s, e in spans for c in article.text[s:e])
    return 1 - kept / total


def test_newswire_loses_almost_nothing() -> None:
    share = _removed_share(_benchmark("duc2003-task2/duc2003_task2.jsonl"))
    assert share < 0.01  # what goes is newswire markup: <ANNOTATION>, "(vls/sv/me)", "&UR; kl"


def test_scraped_pages_lose_their_furniture() -> None:
    clusters = _benchmark("multinews-val-sample/multinews_validation_sample250.jsonl")
    furniture = {"Advertisement", "Tweet with a location", "Please enable Javascript to watch this video"}
    for articles in clusters[:120]:
        cluster = clean(Cluster.from_articles(tuple(articles)), Config())
        for doc in range(len(articles)):
            assert not furniture & {line.strip() for line in kept_text(cluster, doc).splitlines()}
    assert 0.01 < _removed_share(clusters) < 0.1


def test_clean_article_reports_every_removed_piece_once() -> None:
    text = f"Latest News\n{NEWS}\nLike this:"
    kept, removed = clean_article(text, "", ((0, len(text)),))
    pieces = sorted([(s, e) for s, e in kept] + [(s, e) for s, e, _ in removed])
    assert pieces == [(0, 11), (12, 12 + len(NEWS)), (13 + len(NEWS), len(text))]
