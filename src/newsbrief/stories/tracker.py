"""Assign each arriving article to the most similar recent story, or start a new one.

Only *active* stories are compared: the `StoryConfig.max_active` most recently changed (the least recently
changed are retired first), and of those, the ones whose last date is within `StoryConfig.window_days` of the
newest date seen. Both rules depend only on what the store holds, never on when a run started, so an ingest
that is killed and rerun groups the stream exactly as one that ran through. An inverted
index from each active story's heaviest centroid terms to the story finds the candidates, so the cost of one
article does not grow with the number of stories stored, only with the (bounded) active set.

Dates decide only between dated articles and stories: an undated article (or story) is compared by arrival
order alone, so a missing date can neither split a story nor merge two.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from newsbrief.errors import ConfigError
from newsbrief.stories.vectors import Vector, dot

CENTROID_TERMS = 200
"""Terms kept in a story's centroid."""
INDEX_TERMS = 40
"""A story is found through its heaviest centroid terms only."""
QUERY_TERMS = 15
"""An article looks for stories through its heaviest terms only (the rarest, with the shortest postings)."""


@dataclass(frozen=True)
class StoryConfig:
    """How articles are grouped into stories. Every field is checked here, once.

    threshold (float): least cosine similarity (TF-IDF) between an article and a story's centroid for the
        article to join it; in (0, 1).
    window_days (int): a dated article only joins a story with a dated article within this many days; >= 1.
    max_active (int): most stories compared against; older ones are retired (they stay stored); >= 1.
    duplicate (float): estimated Jaccard similarity of word 5-grams above which an article is a copy of an
        earlier one (kept as an extra source, not as new text); in (0, 1].
    name_weight (float): the names an article writes (`newsbrief.stories.vectors.article_names`) join its
        TF-IDF vector with their weights times this; 0 leaves them out; in [0, 4].
    """

    threshold: float = 0.15
    window_days: int = 365
    max_active: int = 5000
    duplicate: float = 0.8
    name_weight: float = 0.5

    def __post_init__(self) -> None:
        if not isinstance(self.threshold, int | float) or not 0 < self.threshold < 1:
            raise ConfigError(f"threshold must be a number in (0, 1); got {self.threshold!r}")
        for name in ("window_days", "max_active"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be an int >= 1; got {value!r}")
        if not isinstance(self.duplicate, int | float) or not 0 < self.duplicate <= 1:
            raise ConfigError(f"duplicate must be a number in (0, 1]; got {self.duplicate!r}")
        if not isinstance(self.name_weight, int | float) or not 0 <= self.name_weight <= 4:
            raise ConfigError(f"name_weight must be a number in [0, 4]; got {self.name_weight!r}")


def heaviest(vector: Vector, count: int) -> list[str]:
    """The ``count`` terms of ``vector`` with the largest weights."""
    return sorted(vector, key=lambda term: (-vector[term], term))[:count]


def day(iso: str | None) -> int | None:
    """Day number of an ISO date (``2018-04-23...``), None when missing or not a date."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


@dataclass
class Story:
    """The state of an active story: its centroid (sum of member vectors, cut to `CENTROID_TERMS`) and span."""

    id: int
    centroid: Vector
    size: int = 1
    first_day: int | None = None
    last_day: int | None = None
    last_seq: int = 0
    norm: float = field(init=False, default=1.0)

    def __post_init__(self) -> None:
        self.norm = math.sqrt(sum(w * w for w in self.centroid.values())) or 1.0

    def add(self, vector: Vector, article_day: int | None, seq: int) -> None:
        merged = dict(self.centroid)
        for term, weight in vector.items():
            merged[term] = merged.get(term, 0.0) + weight
        if len(merged) > CENTROID_TERMS:
            merged = dict(sorted(merged.items(), key=lambda item: (-item[1], item[0]))[:CENTROID_TERMS])
        self.centroid = merged
        self.norm = math.sqrt(sum(w * w for w in merged.values())) or 1.0
        self.size += 1
        self.last_seq = max(self.last_seq, seq)
        if article_day is not None:
            self.first_day = article_day if self.first_day is None else min(self.first_day, article_day)
            self.last_day = article_day if self.last_day is None else max(self.last_day, article_day)

    def index_terms(self) -> list[str]:
        return heaviest(self.centroid, INDEX_TERMS)


class StoryTracker:
    """The active stories and the index that finds them.

    config (StoryConfig): the thresholds and the window.

    Attributes
    ----------
    active_ : OrderedDict[int, Story]
        Active stories, least recently changed first.
    postings_ : dict[str, set[int]]
        Term -> active stories whose heaviest centroid terms include it.
    clock_ : int | None
        The newest article day seen.
    """

    def __init__(self, config: StoryConfig) -> None:
        self.config = config
        self.active_: OrderedDict[int, Story] = OrderedDict()
        self.postings_: dict[str, set[int]] = {}
        self.clock_: int | None = None

    def best(self, vector: Vector, article_day: int | None) -> tuple[int | None, float]:
        """The most similar active story in the window, with its similarity, or ``(None, best similarity)``."""
        candidates: set[int] = set()
        for term in heaviest(vector, QUERY_TERMS):
            candidates |= self.postings_.get(term, set())
        best_id, best_score = None, 0.0
        for story_id in candidates:
            story = self.active_[story_id]
            if not self.in_window(story, article_day):
                continue
            score = dot(vector, story.centroid) / story.norm
            if score > best_score or (score == best_score and best_id is not None and story_id < best_id):
                best_id, best_score = story_id, score
        if best_score < self.config.threshold:
            return None, best_score
        return best_id, best_score

    def in_window(self, story: Story, article_day: int | None) -> bool:
        """Whether the story is recent (its last date within the window of the newest date seen) and, for a
        dated article, within the window of the article's date."""
        if story.last_day is None:
            return True
        window = self.config.window_days
        if self.clock_ is not None and story.last_day < self.clock_ - window:
            return False
        return article_day is None or story.first_day - window <= article_day <= story.last_day + window

    def add(self, story_id: int, vector: Vector, article_day: int | None, seq: int) -> Story:
        """Put the article into story ``story_id`` (a new story if it is not active) and re-index it."""
        story = self.active_.get(story_id)
        if story is None:
            story = Story(story_id, dict(vector), 1, article_day, article_day, seq)
        else:
            self.unindex(story)
            story.add(vector, article_day, seq)
        self.restore(story)
        self.tick(article_day)
        return story

    def restore(self, story: Story) -> None:
        """Make ``story`` active (most recent) and indexed; used for stories loaded from a store too."""
        if story.id in self.active_:
            self.unindex(self.active_[story.id])
        self.active_[story.id] = story
        self.active_.move_to_end(story.id)
        for term in story.index_terms():
            self.postings_.setdefault(term, set()).add(story.id)
        while len(self.active_) > self.config.max_active:
            self.retire(next(iter(self.active_)))

    def tick(self, article_day: int | None) -> None:
        """Advance the clock to the newest article date seen."""
        if article_day is not None and (self.clock_ is None or article_day > self.clock_):
            self.clock_ = article_day

    def retire(self, story_id: int) -> None:
        self.unindex(self.active_.pop(story_id))

    def unindex(self, story: Story) -> None:
        for term in story.index_terms():
            holders = self.postings_.get(term)
            if holders is not None:
                holders.discard(story.id)
                if not holders:
                    del self.postings_[term]
