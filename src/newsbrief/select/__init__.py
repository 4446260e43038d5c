"""Select: choose the summary sentences within the word budget.

Each method lives in its own module and exposes ``choose(sentences, words) -> list[Sentence]``: the chosen
sentences (possibly trimmed to a contiguous part of the original, with adjusted offsets), whose word counts
add up to at most ``words``. Order does not matter here; compose puts them in reading order.

An update brief (``Cluster.seen``, documents already read) chooses only among the sentences that repeat none
of theirs (`newsbrief.select.seen`); a method whose ``choose`` takes ``seen`` (the default ILP) also gets the
`SeenText` of the seen sentences, to count what they say for less. Every chosen sentence is checked again against them.

With ``Config.overflow`` (benchmark scoring only) one more whole sentence may end the summary past the budget:
the one adding the most concept weight not yet covered (`newsbrief.select.ilp.one_more`), whatever the method.
"""

from __future__ import annotations

import inspect
from importlib import import_module

from newsbrief.config import Config
from newsbrief.errors import StageError
from newsbrief.model import BriefSentence, Cluster

# method name -> module in this package; imported on first use so `import newsbrief` stays instant.
MODULES = {
    "default": "ilp",
    "lead": "lead",
    "centroid": "centroid",
    "lexrank": "lexrank",
    "textrank": "textrank",
    "mmr": "mmr",
    "sumbasic": "sumbasic",
}


def select(cluster: Cluster, config: Config) -> Cluster:
    """Stage: fill ``cluster.summary`` with the sentences chosen by ``config.method``."""
    choose = import_module(f"{__name__}.{MODULES[config.method]}").choose
    if cluster.seen:
        from newsbrief.select.seen import SeenText, seen_sentences

        read = SeenText(seen_sentences(cluster.seen, config))
        if "seen" in inspect.signature(choose).parameters:  # it leaves out the repeats itself, after trimming
            chosen = choose(cluster.sentences, config.words, seen=read)
        else:
            chosen = choose(read.novel(cluster.sentences), config.words)
        if any(read.repeats(s) for s in chosen):  # a selector that trims must not trim into a repeat
            raise StageError(f"selector {config.method!r} chose a sentence the seen documents already have")
    else:
        read = None
        chosen = choose(cluster.sentences, config.words)
    if sum(s.words for s in chosen) > config.words:
        raise StageError(f"selector {config.method!r} exceeded the budget of {config.words} words")
    if config.overflow and sum(s.words for s in chosen) < config.words:
        from newsbrief.select.ilp import one_more

        pool = cluster.sentences if read is None else read.novel(cluster.sentences)
        chosen = [*chosen, *one_more(pool, chosen)]
    summary = tuple(BriefSentence(s.text, s.doc, s.start, s.end, s.sources) for s in chosen)
    return cluster.replace(summary=summary)
