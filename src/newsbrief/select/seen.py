"""Update briefs: the sentences of the documents already read, and which candidates would repeat one of them.

A reader who has read some documents of a story (``Cluster.seen``) wants what the new ones add. Every sentence
of the seen documents is read, page furniture included (so that nothing they show is shown again), and a
candidate is left out when it repeats one by the rules that already decide what a repeat is:

- the same tokens, or a near copy by the dedupe stage's rules (`newsbrief.filter.dedupe.is_near_copy`: reprinted
  wire copy with edits, spun copies), or
- a paraphrase by the ILP's rule (`PARAPHRASE_OVERLAP` of the smaller set of content words shared): the new
  sentence says what a seen one said, in other words, or says only part of it, or repeats all of a short one;
  the smaller set counts as at least dedupe's `MIN_TERMS` words, so that a short formulaic sentence ("He said
  no one was hurt") is a repeat only when its words are all there (without that floor, 4 shared words with
  a 5-word seen sentence were enough, and DUC 2007 update B+C R-2 was 0.0916 instead of 0.0986 at the same
  `SEEN_WEIGHT`, 0.5: docs/update.md).

The seen sentences are never candidates; the ILP also counts what they say for less (`newsbrief.select.ilp`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from newsbrief.config import Config
from newsbrief.filter.dedupe import MIN_TERMS, Words, is_near_copy
from newsbrief.model import Article, Cluster, Sentence
from newsbrief.segment import segment

# Two sentences are paraphrases when this share of the smaller set of content words is shared: the ILP takes at
# most one of such a pair (`newsbrief.select.ilp.paraphrases`), and an update brief none that paraphrases a seen
# one. Stated here, as the ILP imports this module.
PARAPHRASE_OVERLAP = 0.8


def seen_sentences(articles: Sequence[Article], config: Config) -> tuple[Sentence, ...]:
    """Every sentence of the documents already read (their whole text: nothing is cleaned away)."""
    if not articles:
        return ()
    return segment(Cluster.from_articles(tuple(articles)), config).sentences


class SeenText:
    """What was already read, indexed to tell quickly whether a sentence repeats any of it.

    EXAMPLE:
        >>> from newsbrief.text.tokens import terms
        >>> def sentence(text): return Sentence(0, 0, len(text), 0, text, terms(text), (0,))
        >>> read = SeenText([sentence("A storm hit the coast of Kellhaven on Monday and cut power to homes.")])
        >>> read.repeats(sentence("On Monday a storm hit the coast of Kellhaven, cutting power to homes."))
        True
        >>> read.repeats(sentence("Power was back in most homes by Wednesday, the utility said."))
        False
    """

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = tuple(sentences)
        self.words_ = [Words.of(s.tokens) for s in sentences]
        self.exact_ = {w.tokens for w in self.words_}
        self.index_: dict[str, list[int]] = defaultdict(list)
        for i, w in enumerate(self.words_):
            for term in w.terms:
                self.index_[term].append(i)

    def repeats(self, sentence: Sentence) -> bool:
        """True when ``sentence`` is a seen sentence, a near copy of one, or a paraphrase of one."""
        words = Words.of(sentence.tokens)
        if words.tokens in self.exact_:
            return True
        shared = Counter(i for term in words.terms for i in self.index_.get(term, ()))
        for i, count in shared.items():
            seen = self.words_[i]
            smaller = max(MIN_TERMS, min(len(words.terms), len(seen.terms)))
            if count >= PARAPHRASE_OVERLAP * smaller:
                return True
            if count >= MIN_TERMS and is_near_copy(words.tokens, seen.tokens):  # fewer shared: never near
                return True
        return False

    def novel(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """The sentences that repeat nothing already read, in order."""
        return [s for s in sentences if not self.repeats(s)]
