"""Every setting of a brief and every limit newsbrief enforces, stated once, as data.

The click options, the API's request models and the web form take their ranges and choices from here, and
`Config` checks a brief's settings against them once, when it is built. An error names the setting, the
allowed values and what was given, always in the same words (as scikit-learn's `_param_validation` does).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsbrief.errors import ConfigError


@dataclass(frozen=True)
class Range:
    """Numbers from ``low`` to ``high``, both included.

    >>> WORDS.describe()
    'an int in [10, 2000]'
    """

    low: int | float
    high: int | float
    integer: bool = True

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int if self.integer else int | float):
            return False
        return self.low <= value <= self.high

    def describe(self) -> str:
        return f"{'an int' if self.integer else 'a number'} in [{self.low:g}, {self.high:g}]"


def check(name: str, value: object, allowed: Range | tuple[str, ...]) -> None:
    """Raise `ConfigError` unless ``value`` is allowed: "words must be an int in [10, 2000]; got 0"."""
    if isinstance(allowed, Range):
        if value not in allowed:
            raise ConfigError(f"{name} must be {allowed.describe()}; got {value!r}")
    elif value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


WORDS = Range(10, 2000)
"""The word budget of a brief."""
METHODS = ("default", "lead", "centroid", "lexrank", "textrank", "mmr", "sumbasic")
"""Sentence selectors: the concept-coverage ILP, then the baselines it is compared with."""
FORMATS = ("text", "markdown", "json", "html")
"""What a brief can be rendered as."""
MEDIA_TYPES = {
    "text": "text/plain; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}
REPORT_FORMATS = ("text", "json")
"""What a report (an evaluation, a list of stories) can be printed as."""

MAX_BYTES = 20 * 2**20
"""Largest input file, upload or request body read."""
MAX_DOCUMENTS = 200
"""Most documents in one cluster the web app stores or summarizes."""
REQUEST_SECONDS = 30.0
"""Seconds a brief requested from the web app may take; 504 beyond."""
HEADER_SECONDS = 10.0
"""Seconds a client of `newsbrief serve` has to send a request's headers; the connection is closed beyond."""
BODY_SECONDS = 30.0
"""Seconds a client of the web app has to send a request's body; 408 beyond."""

# Budgets of the text a stage examines, so that no input makes a stage super-linear (docs/limits.md).
MAX_SENTENCE_CHARS = 2000
"""Longest sentence: a longer run without a sentence end (text with no punctuation) is cut at the last space
before this many characters. The longest sentence in the development sets has 1,829."""
MAX_NAME_CHARS = 50
"""Longest whitespace-free run NER reads; longer ones (a URL, a run of symbols) are blanked for NER, whose
tokenizer takes time quadratic in the length of a word."""
MAX_COMPARED_CLAIMS = 1000
"""Most quantity claims of a cluster compared with each other for conflicts (the comparison is pairwise); the
development clusters have at most 305."""


@dataclass(frozen=True)
class Config:
    """Settings for one brief. Every field is checked here, once.

    words (int): the summary's word budget, never exceeded; in `WORDS`.
    method (str): the sentence selector; one of `METHODS`.
    analysis (bool): also extract entities, quotes, claims, conflicts and a timeline.
    overflow (bool): for benchmark scoring only, never the default: the summary may end with one more whole
        sentence that crosses ``words`` (the one adding the most concept weight not yet covered), to be cut by
        ROUGE's length limit, as the published DUC systems' summaries were.
    """

    words: int = 100
    method: str = "default"
    analysis: bool = True
    overflow: bool = False

    def __post_init__(self) -> None:
        check("words", self.words, WORDS)
        check("method", self.method, METHODS)
        for name in ("analysis", "overflow"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name} must be a bool; got {getattr(self, name)!r}")


def usable_cores() -> int:
    """The cores this process may use: the default of `batch --jobs`, and the most threads the encoder takes."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


CLUSTER_SECONDS = 60.0
"""Seconds one cluster of a batch may take (``--cluster-timeout``); it becomes an ``error`` line beyond."""
