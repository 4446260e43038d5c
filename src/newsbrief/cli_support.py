"""What every command module shares: one-line warnings and errors, and the progress option.

Kept apart from `newsbrief.cli`, which registers the commands defined beside the parts they drive
(`newsbrief.web.commands`, `newsbrief.stories.commands`), so that those modules import without a cycle.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click


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
