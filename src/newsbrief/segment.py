"""Segment: the kept text of each article -> candidate sentences, each a view into its article's text.

Paragraph breaks always end a sentence (see `newsbrief.text.sentences`); every sentence keeps its offsets into
``Article.text`` and its stemmed tokens (`newsbrief.text.tokens.terms`).
"""

from __future__ import annotations

from newsbrief.config import Config
from newsbrief.model import Cluster, Sentence
from newsbrief.text.sentences import sentence_spans
from newsbrief.text.tokens import terms


def segment(cluster: Cluster, config: Config) -> Cluster:
    """Stage: fill ``cluster.sentences`` from the kept spans of every article."""
    sentences = []
    for doc, (article, spans) in enumerate(zip(cluster.articles, cluster.kept)):
        position = 0
        for span_start, span_end in spans:
            for s, e in sentence_spans(article.text, span_start, span_end):
                text = article.text[s:e]
                sentences.append(Sentence(doc, s, e, position, text, terms(text), (doc,)))
                position += 1
    return cluster.replace(sentences=tuple(sentences))
