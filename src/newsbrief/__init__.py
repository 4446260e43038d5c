"""newsbrief: faithful, sourced extractive briefs from many news articles about one story.

>>> from newsbrief import summarize
>>> brief = summarize(["Storm hits coast. Thousands lose power."], words=20)
>>> brief.sentences[0].sources
(0,)
"""

from newsbrief.compose.same_content import same_content
from newsbrief.config import Config
from newsbrief.model import Article, Brief
from newsbrief.pipeline import Failure, summarize, summarize_many

__all__ = ["Article", "Brief", "Config", "Failure", "same_content", "summarize", "summarize_many"]
__version__ = "0.1.0"
