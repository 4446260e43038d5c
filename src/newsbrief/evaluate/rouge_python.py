"""ROUGE as the neural multi-document papers compute it (Multi-News, PRIMERA): Google's rouge-score.

Porter stemming, F1 of ROUGE-1, ROUGE-2 and ROUGE-L (the sentence-level LCS, ``rougeL``, which is what PRIMERA
reports), one score per cluster, then the plain mean over clusters. The candidate is cut to the word limit first.
With several references, rouge-score's own ``score_multi`` keeps, for each measure, the reference that gives the
highest F1 (Multi-News has a single reference, so this only matters for DUC-style sets).

rouge-score-rs gives the same numbers as rouge-score ~100x faster; it is used when installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import version
from statistics import fmean
from typing import Any

VARIANTS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L"}


def implementation() -> tuple[Any, str]:
    """The ``rouge_scorer`` module to use and its name with version, for the protocol line."""
    try:
        from rouge_score_rs import rouge_scorer

        return rouge_scorer, f"rouge-score-rs {version('rouge-score-rs')} (same scores as rouge-score)"
    except ImportError:
        from rouge_score import rouge_scorer

        return rouge_scorer, f"rouge-score {version('rouge-score')}"


def cut(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:words])


def per_cluster(summaries: Sequence[str], references: Sequence[Sequence[str]], words: int) -> list[dict[str, Any]]:
    """Each cluster's rouge-score ``Score`` per measure (``{"rouge1": Score(precision, recall, fmeasure), ...}``).

    summaries : one candidate per cluster ("" scores 0)
    references : per cluster, one or more reference summaries
    words : candidates are cut to this many words
    """
    if len(summaries) != len(references):
        raise ValueError("need exactly one list of references per summary")
    rouge_scorer, _ = implementation()
    scorer = rouge_scorer.RougeScorer(list(VARIANTS), use_stemmer=True)
    return [scorer.score_multi(list(refs), cut(summary, words)) for summary, refs in zip(summaries, references)]


def rouge_python(
    summaries: Sequence[str], references: Sequence[Sequence[str]], words: int
) -> dict[str, dict[str, float]]:
    """Mean over clusters of ROUGE-1/2/L recall, precision and F1 (``{"ROUGE-1": {"R", "P", "F"}, ...}``) of the
    `per_cluster` scores."""
    scores = per_cluster(summaries, references, words)
    return {
        name: {
            "R": fmean(s[key].recall for s in scores),
            "P": fmean(s[key].precision for s in scores),
            "F": fmean(s[key].fmeasure for s in scores),
        }
        for key, name in VARIANTS.items()
    }
