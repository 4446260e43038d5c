"""The commands over stories: `ingest`, `stories`, `eval-stories`.

Each is a few lines over the Python API in `newsbrief.stories`; heavy imports happen inside the commands.
"""

from __future__ import annotations

import json

import click

from newsbrief.cli.common import (
    db_option,
    fail,
    progress_option,
    report_format_option,
    reported,
    show_progress,
    warn,
    words_option,
)
from newsbrief.text import one_line

threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=None,
    help="Least TF-IDF cosine similarity for an article to join a story [default: 0.15].",
)
window_option = click.option(
    "--window-days",
    type=click.IntRange(1),
    default=None,
    help="A dated article joins only stories with an article dated within this many days [default: 365].",
)


def story_config(threshold: float | None, window_days: int | None):  # noqa: ANN201 - StoryConfig, imported lazily
    from newsbrief.stories.tracker import StoryConfig

    settings = {"threshold": threshold, "window_days": window_days}
    return StoryConfig(**{name: value for name, value in settings.items() if value is not None})


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@threshold_option
@window_option
@click.option(
    "--briefs/--no-briefs",
    default=True,
    show_default=True,
    help="Refresh the brief of each story that changed.",
)
@words_option(help="Word budget of the briefs.")
@progress_option
@reported
def ingest(
    paths: tuple[str, ...],
    db: str,
    threshold: float | None,
    window_days: int | None,
    briefs: bool,
    words: int,
    progress: bool | None,
) -> None:
    """Add the articles in PATHS to the store and group them into stories as they arrive.

    PATHS are read as `newsbrief summarize` reads them: .jsonl (one article {id, title, text, date, source, url}
    per line, all but text optional), .json (a cluster or articles), folders of .txt/.html files; a .jsonl file
    of benchmark clusters (one {id, documents: [...]} per line) gives the documents of every cluster, in order.
    Each article keeps its id (else its path; a cluster's document without one is CLUSTER/INDEX). An exact or
    near-duplicate copy of a stored article is kept as an extra source of its story, not as new text; any other
    article joins the most similar recent story or starts a new one. Only the stories that changed get their
    brief refreshed. Articles already stored (same id) are skipped, so running the same ingest again adds
    nothing, and an interrupted ingest can simply be run again.

    \b
    Examples:
      newsbrief ingest wire/2024-10-15.jsonl --db news.sqlite
      newsbrief stories --db news.sqlite --since 2024-10-01
    """
    from newsbrief.store import Store
    from newsbrief.stories.briefs import refresh_briefs
    from newsbrief.stories.inputs import read_articles
    from newsbrief.stories.stream import IngestStats
    from newsbrief.stories.stream import ingest as ingest_articles

    config = story_config(threshold, window_days)
    show = show_progress(progress)
    total = IngestStats()
    with Store(db) as store:
        for path in paths:
            articles, problems = read_articles(path)
            for problem in problems:
                warn(problem)
            stats = ingest_articles(
                store, articles, config=config, briefs=False, progress=show, total=len(articles), label=path
            )
            for name in ("added", "copies", "skipped", "new_stories", "changed"):
                setattr(total, name, getattr(total, name) + getattr(stats, name))
        if briefs:
            total.refreshed = refresh_briefs(store, words=words, progress=show)
    click.echo(total.line(), err=True)
    if not total.added + total.copies + total.skipped:
        fail("no usable article in " + ", ".join(paths))


@click.command()
@db_option
@click.option(
    "--since",
    default=None,
    help="Only stories with an article dated on or after this date (YYYY-MM-DD); with --story, the brief of what "
    "is new since it.",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="At most this many stories.")
@click.option(
    "--search",
    default="",
    help="Only stories whose headline, or the title or text of one of their articles, has each of these words.",
)
@click.option(
    "--story",
    "story_id",
    type=click.IntRange(1),
    default=None,
    help="Print this story's brief instead of the list; with --since, an update brief: the articles dated on or "
    "after --since are new, the older (and undated) ones were read already.",
)
@words_option(help="Word budget of the update brief (--story with --since).")
@report_format_option
@reported
def stories(
    db: str, since: str | None, limit: int | None, search: str, story_id: int | None, words: int, fmt: str
) -> None:
    """List the stories in the store, most recently changed first, or print one story's brief (--story).

    Each story shows its size (articles, copies included), number of outlets (an article's source, else its
    URL's host), first and last date, headline (the title of its most central article; without titles, its
    most widely reported names) and the first sentence of its brief. --format json prints a list of
    {id, headline, articles, size, outlets, copies, first_date, last_date, first_sentence}, where articles are
    the article ids in arrival order.

    With --story ID, the story's brief (as ingest last wrote it); with --story ID --since DATE, the brief of what
    its articles dated on or after DATE add to the older ones, which repeats no sentence of theirs (its JSON
    lists the older articles under seen).

    \b
    Examples:
      newsbrief stories --db news.sqlite --since 2024-10-01
      newsbrief stories --db news.sqlite --story 12 --since 2024-10-15
    """
    from datetime import date
    from pathlib import Path

    from newsbrief.store import Store
    from newsbrief.stories.briefs import list_stories

    if since is not None:
        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            fail(f"--since must be a date YYYY-MM-DD; got {since!r}")
    if not Path(db).exists():
        fail(f"{db}: no such store; add articles first with `newsbrief ingest PATH --db {db}`")
    with Store(db) as store:
        if story_id is not None:
            show_story(store, story_id, since, words, fmt)
            return
        found = list_stories(store, since=since, limit=limit, search=search.strip())
    if fmt == "json":
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    for story in found:
        span = " .. ".join(dict.fromkeys(d for d in (story["first_date"], story["last_date"]) if d)) or "undated"
        click.echo(f"#{story['id']}  {story['headline'] or '(no headline)'}")
        size, outlets = story["size"], story["outlets"]
        named = f"{outlets} outlet{'s' * (outlets != 1)}" if outlets else "outlets unknown"
        click.echo(f"    {size} article{'s' * (size != 1)}, {named}, {span}")
        if story["first_sentence"]:
            click.echo(f"    {one_line(story['first_sentence'])}")


def show_story(store, story_id: int, since: str | None, words: int, fmt: str) -> None:  # noqa: ANN001 - a Store
    """Print the story's stored brief, or (``since``) its update brief; fail when there is none."""
    from newsbrief.render import render
    from newsbrief.stories.briefs import story_brief, story_update

    if store.stories.story(story_id) is None:
        fail(f"no story {story_id} in {store.path}; `newsbrief stories --db {store.path}` lists them")
    if since is None:
        stored = story_brief(store, story_id)
        if stored is None:
            fail(f"story {story_id} has no brief yet: `newsbrief ingest` writes one unless run with --no-briefs")
        if fmt == "json":
            click.echo(json.dumps(stored, indent=2, ensure_ascii=False))
        else:
            click.echo("\n".join(one_line(s["text"]) + " " + str(s["sources"]) for s in stored["sentences"]))
        return
    brief = story_update(store, story_id, since, words=words)
    if brief is None:
        fail(f"story {story_id} has no article dated on or after {since}: nothing new")
    if fmt == "json":
        click.echo(json.dumps({**brief.to_dict(), "since": since}, indent=2, ensure_ascii=False))
        return
    read = len(brief.seen)
    click.echo(f"New since {since}: {len(brief.documents)} articles ({read} older one{'s' * (read != 1)} read already)")
    click.echo(render(brief, "text"), nl=False)


@click.command(name="eval-stories")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@threshold_option
@window_option
@report_format_option
@progress_option
@reported
def eval_stories(
    inputs: tuple[str, ...], threshold: float | None, window_days: int | None, fmt: str, progress: bool | None
) -> None:
    """Score story detection against the true clusters of benchmark JSONL files INPUTS.

    All documents of all clusters become one stream ordered by date (undated ones keep their file order, spread
    evenly), are ingested into a throwaway store, and the stories found are compared with the clusters:
    B-cubed precision, recall and F1 (extended to documents found in several clusters), ARI, and the number of
    stories against the number of clusters.

    \b
    Example:
      newsbrief eval-stories ../shared/data/*/*.jsonl
    """
    from newsbrief.stories.evaluate import evaluate_stories

    show = show_progress(progress)
    scores = evaluate_stories(inputs, story_config(threshold, window_days), progress=show)
    for problem in scores.problems:
        warn(problem)
    click.echo(json.dumps(scores.to_dict(), indent=2) if fmt == "json" else scores.table())
