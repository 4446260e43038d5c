"""What every command shares: one-line warnings and errors (exit code 2), and the options several commands take.

Each option is declared once here, its range or choices taken from `newsbrief.config`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

from newsbrief.config import METHODS, REPORT_FORMATS, WORDS


def warn(message: str) -> None:
    click.echo(f"newsbrief: warning: {message}", err=True)


def fail(message: str) -> None:
    """Print one error line and exit 2 (nothing could be done)."""
    click.echo(f"newsbrief: error: {message}", err=True)
    sys.exit(2)


def reported(run: Callable[..., Any]) -> Callable[..., Any]:
    """Turn newsbrief's own errors into one line and exit code 2, never a traceback."""
    import functools

    @functools.wraps(run)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from newsbrief.errors import NewsbriefError

        try:
            return run(*args, **kwargs)
        except NewsbriefError as error:
            fail(str(error))

    return wrapper


progress_option = click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (default: when stderr is a terminal).",
)


def show_progress(progress: bool | None) -> bool:
    """Whether to draw progress bars: as asked, else when stderr is a terminal (not when piped to a log)."""
    return sys.stderr.isatty() if progress is None else progress


def words_option(help: str = "Word budget of the summary; never exceeded.") -> Callable[..., Any]:  # noqa: A002
    return click.option(
        "--words", "-w", type=click.IntRange(WORDS.low, WORDS.high), default=100, show_default=True, help=help
    )


method_option = click.option(
    "--method",
    "-m",
    type=click.Choice(METHODS),
    default="default",
    show_default=True,
    help="Sentence selector: 'default' is the concept-coverage ILP; the others are baselines to compare with.",
)
analysis_option = click.option(
    "--analysis/--no-analysis",
    default=True,
    show_default=True,
    help="Also extract entities, quotes, quantity claims, conflicts and a timeline.",
)
report_format_option = click.option(
    "--format", "-f", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
    help="text for people; json for scripts.",
)  # fmt: skip
db_option = click.option(
    "--db",
    default="newsbrief.sqlite",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The SQLite store (created if missing).",
)


overflow_option = click.option(
    "--overflow",
    is_flag=True,
    default=False,
    help="For benchmark scoring only: a summary may end with one more whole sentence past --words, for ROUGE's "
    "length cut to trim, as the published DUC systems' summaries were. Never the product's output.",
)
