"""The default selector: concept-coverage ILP in the spirit of Gillick & Favre (2009).

Concepts are stemmed word bigrams (not made only of stopwords). A concept's weight is how many documents state
it, each document counting more when it states it early (news puts the gist first). The ILP picks the set of
sentences that covers the most concept weight within the word budget; a concept counts once however many chosen
sentences carry it, so redundancy is never rewarded.

    maximise    sum_i w_i c_i
    subject to  sum_j len_j s_j <= budget
                s_j <= c_i          for every concept i in sentence j
                c_i <= sum_j s_j    over the sentences j carrying concept i
                c_i, s_j in {0, 1}

Before the ILP, each candidate sentence loses a leading dateline ("LONDON (AP) _") or discourse connective
("But", "However,"): the result is still a contiguous, verbatim piece of the source sentence.

How it was measured, and the variants tried and left out: docs/select.md.
"""

from __future__ import annotations

import heapq
import math
import os
import re
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
from scipy import sparse

from newsbrief.model import Sentence
from newsbrief.select.common import fill
from newsbrief.select.seen import PARAPHRASE_OVERLAP, SeenText
from newsbrief.text.tokens import stopword_terms, terms
from newsbrief.text.vectors import binary, term_counts

# Candidates have MIN_WORDS to MAX_WORDS words.
MIN_WORDS = 8
MAX_WORDS = 70
# The program keeps the MAX_CANDIDATES densest candidates and the MAX_CONCEPTS heaviest concepts, which bounds its
# size on 100-document clusters (1,500 concepts scored no better on Multi-News: -0.06 R-1).
MAX_CANDIDATES = 150
MAX_CONCEPTS = 800
# A document's position bonus is exp(-POSITION_DECAY * position); 0.25 scored 0.1 higher on Multi-News but 0.8
# lower on MultiLing 2011.
POSITION_DECAY = 0.4
# Each document stating a concept adds DOCUMENT_WEIGHT plus a bonus of 1 at position 0, decaying with position.
DOCUMENT_WEIGHT = 0.5
# Each further statement of a concept adds REPEAT_WEIGHT / (number of documents): repetition inside a document is
# the evidence that is left when a cluster has only one or two documents.
REPEAT_WEIGHT = 2.0
# Concepts stated by fewer documents than the cluster's threshold still count, at this fraction of their weight,
# so that a small cluster still fills its budget with its most salient content.
BELOW_THRESHOLD = 0.1
# A concept weighs up to (1 + TERM_BOOST) times more by the cluster frequency of its most frequent content word,
# relative to the cluster's most frequent one: SumBasic's evidence, left when few documents share bigrams.
TERM_BOOST = 0.5
TIME_LIMIT = 20.0
# Stop within 1% of the best covering: measured on DUC 2003 and Multi-News, the same ROUGE in two thirds the time
# (solving to 0.01% scored lower on all three sets: Multi-News -0.07, DUC 2003 -0.3, MultiLing 2011 -0.5 R-1).
OPTIMALITY_GAP = 0.01
# In an update brief, a concept the documents already read state keeps this fraction of its weight
# (docs/update.md: tuned on the DUC 2007 update task).
SEEN_WEIGHT = 0.4

# Leading pieces that carry no content of the story and can be cut without breaking the sentence.
_LEADING = re.compile(
    r"""^(?:
        # a wire dateline: LONDON (AP) _
        [A-Z][A-Za-z .,'-]{1,60}?\s*\((?:AP|AFP|Reuters|Xinhua|UPI|CNN|dpa)\)\s*(?:_|--|-|—|–)\s*
        # a capitalised dateline: PARIS, Oct. 3 (AFP) -- or KELLHAVEN (Coastline) -
      | [A-Z][A-Z .,'-]{1,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*(?:\([A-Za-z .]+\))?\s*(?:--|—|–|_|-(?=\s))\s*
        # a discourse connective
      | (?:But|And|However|Meanwhile|Also|Still|Yet|Moreover|In\s+addition),?\s+(?=[A-Z])
    )""",
    re.VERBOSE,
)
# A trailing attribution: ", the fire service said.", ", Reuters reported on Monday."
_TRAILING = re.compile(
    r",\s+(?:(?:[A-Z][\w.'-]*|[a-z]+)\s+){1,5}?(?:said|says|reported|reports|added|told\s+\w+)(?:\s+on)?(?:\s+\w+day)?\.$"
)
MIN_TRIMMED = 6


def trim(sentence: Sentence) -> Sentence:
    """The sentence without a leading dateline or connective and without a trailing attribution.

    The result is a contiguous, verbatim piece of the source sentence (offsets adjusted); the brief still names
    every document that reports it. A cut is refused when what is left would not stand as a sentence: it would
    start in lower case, leave a quotation open, or be shorter than `MIN_TRIMMED` words.
    """
    text, start = sentence.text, sentence.start
    leading = _LEADING.match(text)
    if leading and text[leading.end() : leading.end() + 1].isupper():
        text, start = text[leading.end() :], start + leading.end()
    trailing = _TRAILING.search(text)
    if trailing and _stands_alone(text[: trailing.start()]):
        text = text[: trailing.start()]
    if text == sentence.text or len(text.split()) < MIN_TRIMMED:
        return sentence
    return replace(sentence, start=start, end=start + len(text), text=text, tokens=terms(text))


def _stands_alone(text: str) -> bool:
    balanced = text.count('"') % 2 == 0 and text.count("\u201c") == text.count("\u201d")
    return balanced and len(text.split()) >= MIN_TRIMMED


def concepts_of(tokens: tuple[str, ...]) -> set[tuple[str, str]]:
    stop = stopword_terms()
    return {(a, b) for a, b in zip(tokens, tokens[1:]) if a not in stop or b not in stop}


def concept_weights(
    sentences: Sequence[Sentence],
    concepts: Sequence[set[tuple[str, str]]],
    old: Collection[tuple[str, str]] = frozenset(),
) -> dict[tuple[str, str], float]:
    """Weight of each bigram, from the documents stating it, how early they do, and how often it recurs.

    ``concepts[i]`` are the concepts of ``sentences[i]``. A cluster of n documents has a support threshold (1 for
    one document, 2 for n <= 5, else 3, as in Gillick & Favre's "at least 3 of 10 documents"); concepts below it
    are kept at `BELOW_THRESHOLD` of their weight. Two documents must agree too: on Multi-News, requiring it
    raised ROUGE-1, as one of the two is often a sidebar or page furniture. A concept in ``old`` (stated by
    the documents already read, for an update brief) keeps `SEEN_WEIGHT` of its weight.
    """
    first_position: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    statements: Counter[tuple[str, str]] = Counter()
    frequency: Counter[str] = Counter()  # of content words: the function words are taken out below
    for s, sentence_concepts in zip(sentences, concepts):
        copies, position = len(s.sources), s.position
        for _ in range(copies):  # a sentence counts once for each document that carries it
            frequency.update(s.tokens)
            statements.update(sentence_concepts)
        for concept in sentence_concepts:
            seen = first_position[concept]
            for doc in s.sources:
                if seen.get(doc, position) >= position:
                    seen[doc] = position
    for term in stopword_terms():
        del frequency[term]
    n_docs = len({d for s in sentences for d in s.sources})
    min_docs = 1 if n_docs == 1 else (2 if n_docs <= 5 else 3)
    top = max(frequency.values(), default=1)
    stated = [
        DOCUMENT_WEIGHT + math.exp(-POSITION_DECAY * p)
        for p in range(max((s.position for s in sentences), default=0) + 1)
    ]
    weights = {}
    for (a, b), positions in first_position.items():
        weight = sum(stated[p] for p in positions.values())
        weight += REPEAT_WEIGHT / n_docs * (statements[a, b] - len(positions))
        weight *= 1 + TERM_BOOST * max(frequency.get(a, 0), frequency.get(b, 0)) / top
        weights[a, b] = weight if len(positions) >= min_docs else BELOW_THRESHOLD * weight
    for concept in old:
        if concept in weights:
            weights[concept] *= SEEN_WEIGHT
    # Ordered (heaviest first, then by the bigram itself) so that the program, and so the brief, never depends on
    # the order Python happens to iterate sets in: the same input gives the same brief in every process.
    return dict(heapq.nsmallest(MAX_CONCEPTS, weights.items(), key=lambda kv: (-kv[1], kv[0])))


_STDOUT_LOCK = threading.Lock()


@contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """Discard what native code prints to stdout.

    HiGHS occasionally prints an internal diagnostic line ("HighsMipSolverData::transformNewIntegerFeasibleSolution
    tmpSolver.run();") with printf, whatever its options say; on stdout it would corrupt `--format json` output and
    it tells a user nothing. File descriptors are process-wide, so threads take turns (a solve takes milliseconds).
    """
    with _STDOUT_LOCK, open(os.devnull, "w") as devnull:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            os.dup2(devnull.fileno(), 1)
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def paraphrases(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, whose content words overlap by `PARAPHRASE_OVERLAP` of the shorter sentence's.

    Bigram coverage misses a repeat in other words ("Thousands of homes lost power, the utility said." beside
    "Thousands of homes lost power after the storm."); the program may take one of each pair, not both.
    """
    present = binary(term_counts(sentences))
    sizes = np.asarray(present.sum(axis=1)).ravel()
    shared = sparse.triu(present @ present.T, k=1).tocoo()
    close = shared.data >= PARAPHRASE_OVERLAP * np.minimum(sizes[shared.row], sizes[shared.col])
    return sorted(zip(shared.row[close].tolist(), shared.col[close].tolist()))


def solve(
    sentence_concepts: list[list[int]],
    lengths: np.ndarray,
    weights: np.ndarray,
    budget: int,
    exclusive: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Indices of the sentences chosen by the coverage ILP (HiGHS through scipy.optimize.milp).

    exclusive: pairs of sentences of which at most one may be chosen.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix, vstack

    n_c, n_s = len(weights), len(lengths)
    pairs = [(j, i) for j, cs in enumerate(sentence_concepts) for i in cs]
    rows = np.arange(len(pairs))
    sent_idx = np.array([j for j, _ in pairs])
    conc_idx = np.array([i for _, i in pairs])
    # s_j - c_i <= 0 for every occurrence
    occurrence = coo_matrix(
        (np.r_[np.ones(len(pairs)), -np.ones(len(pairs))], (np.r_[rows, rows], np.r_[n_c + sent_idx, conc_idx])),
        shape=(len(pairs), n_c + n_s),
    )
    # c_i - sum_j s_j <= 0 for every concept
    coverage = coo_matrix(
        (
            np.r_[np.ones(n_c), -np.ones(len(pairs))],
            (np.r_[np.arange(n_c), conc_idx], np.r_[np.arange(n_c), n_c + sent_idx]),
        ),
        shape=(n_c, n_c + n_s),
    )
    length = coo_matrix(np.r_[np.zeros(n_c), lengths][None, :])
    # s_i + s_j <= 1 for every exclusive pair
    either = coo_matrix(
        (
            np.ones(2 * len(exclusive)),
            (np.repeat(np.arange(len(exclusive)), 2), [n_c + j for p in exclusive for j in p]),
        ),
        shape=(len(exclusive), n_c + n_s),
    )
    constraints = LinearConstraint(
        vstack([occurrence, coverage, length, either]).tocsr(),
        -np.inf,
        np.r_[np.zeros(len(pairs) + n_c), budget, np.ones(len(exclusive))],
    )
    # A tiny preference for shorter selections breaks ties between equal coverings.
    objective = -np.r_[weights, -1e-4 * lengths]
    with _native_stdout_silenced():
        result = milp(
            objective,
            constraints=constraints,
            integrality=np.ones(n_c + n_s),
            bounds=Bounds(0, 1),
            options={"time_limit": TIME_LIMIT, "mip_rel_gap": OPTIMALITY_GAP},
        )
    if result.x is None:
        return []
    return [j for j in range(n_s) if result.x[n_c + j] > 0.5]


def choose(sentences: Sequence[Sentence], words: int, seen: SeenText | None = None) -> list[Sentence]:
    """Pick sentences covering the most weighted concepts within ``words`` words.

    seen: what the documents already read say (an update brief): a candidate that repeats one of their sentences
    is left out, after trimming, and the concepts they state keep `SEEN_WEIGHT` of their weight.
    """
    trimmed = [trim(s) for s in sentences]
    concepts = [concepts_of(s.tokens) for s in trimmed]
    old = {c for s in seen.sentences for c in concepts_of(s.tokens)} if seen else set()
    weights = concept_weights(trimmed, concepts, old)
    index = {c: i for i, c in enumerate(weights)}
    all_weights = np.fromiter(weights.values(), dtype=float, count=len(weights))
    candidates, candidate_concepts = [], []
    for s, sentence_concepts in zip(trimmed, concepts):
        covered = sorted(index[c] for c in sentence_concepts if c in index)
        if not covered or not MIN_WORDS <= s.words <= min(MAX_WORDS, words):
            continue
        if seen is None or not seen.repeats(s):  # the costlier test, only for a sentence that qualifies
            candidates.append(s)
            candidate_concepts.append(covered)
    if not candidates:  # nothing of usual length states a concept: lead sentences, as far as they fit
        pool = trimmed if seen is None else seen.novel(trimmed)
        by_position = sorted(range(len(pool)), key=lambda i: (pool[i].position, pool[i].doc))
        return fill(pool, by_position, words)
    # Keep the candidates with the most concept weight per word: the ILP stays small on 100-document clusters.
    density = [all_weights[cs].sum() / s.words for cs, s in zip(candidate_concepts, candidates)]
    keep = sorted(np.argsort(density)[::-1][:MAX_CANDIDATES])
    used = sorted({i for k in keep for i in candidate_concepts[k]})
    remap = {c: n for n, c in enumerate(used)}
    chosen = solve(
        [[remap[i] for i in candidate_concepts[k]] for k in keep],
        np.array([candidates[k].words for k in keep], dtype=float),
        all_weights[used],
        words,
        paraphrases([candidates[k] for k in keep]),
    )
    return [candidates[keep[j]] for j in chosen]


def one_more(sentences: Sequence[Sentence], chosen: Sequence[Sentence]) -> list[Sentence]:
    """The candidate that adds the most concept weight not covered by ``chosen``, however long (none if nothing
    adds any): the sentence past the budget of ``Config.overflow``. A paraphrase of a chosen one (`paraphrases`)
    is no candidate."""
    trimmed = [trim(s) for s in sentences]
    concepts = [concepts_of(s.tokens) for s in trimmed]
    weights = concept_weights(trimmed, concepts)
    covered = set().union(*(concepts_of(s.tokens) for s in chosen))
    qualifying = [
        k
        for k, s in enumerate(trimmed)
        if MIN_WORDS <= s.words <= MAX_WORDS
        and not any(s.start < c.end and c.start < s.end and s.doc == c.doc for c in chosen)
    ]
    first = len(chosen)
    repeats = {j - first for i, j in paraphrases([*chosen, *(trimmed[k] for k in qualifying)]) if i < first <= j}
    best, gain = None, 0.0
    for n, k in enumerate(qualifying):
        added = sum(weights.get(c, 0.0) for c in concepts[k] - covered)
        if n not in repeats and added > gain:
            best, gain = trimmed[k], added
    return [best] if best is not None else []
