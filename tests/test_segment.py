import pytest

from newsbrief import Article
from newsbrief.config import Config
from newsbrief.model import Cluster
from newsbrief.segment import segment
from newsbrief.text.sentences import sentence_spans
from newsbrief.text.tokens import is_stopword, stem, terms


def spans_text(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))]


def test_hard_news_abbreviations_do_not_end_sentences():
    text = 'Gen. Ali Mayhoub said the U.S. convoy left at 3 a.m. on Monday. "It is over," he said. Then it rained.'
    assert spans_text(text) == [
        "Gen. Ali Mayhoub said the U.S. convoy left at 3 a.m. on Monday.",
        '"It is over," he said.',
        "Then it rained.",
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_paragraph_break_ends_a_sentence_and_hard_wraps_do_not(newline):
    text = newline.join(["Fire broke out on the tanker", "early on Monday", "", "Crews fought it all day."])
    assert [" ".join(s.split()) for s in spans_text(text)] == [
        "Fire broke out on the tanker early on Monday",
        "Crews fought it all day.",
    ]


def test_newswire_indented_paragraphs_are_paragraphs():
    text = "LONDON (AP) _ Police said Saturday they had\narrested him.\n\t   He was held overnight."
    assert [" ".join(s.split()) for s in spans_text(text)] == [
        "LONDON (AP) _ Police said Saturday they had arrested him.",
        "He was held overnight.",
    ]


def test_sentences_are_views_into_the_article_text_with_positions_and_tokens():
    article = Article(text="Title line\n\nA storm hit the coast. Power was cut for thousands.")
    cluster = segment(Cluster.from_articles((article,)), Config())
    for position, s in enumerate(cluster.sentences):
        assert article.text[s.start : s.end] == s.text
        assert s.position == position and s.sources == (0,) and s.tokens == terms(s.text)
    assert [s.text for s in cluster.sentences][-1] == "Power was cut for thousands."


def test_tokens_are_stemmed_like_rouge_and_function_words_are_known():
    assert terms("Officials said evacuations continued") == ("offici", "said", "evacu", "continu")
    assert stem("ran") == "ran"  # three letters or fewer are left alone, as rouge-score does
    assert is_stopword(stem("their")) and not is_stopword(stem("tanker"))
