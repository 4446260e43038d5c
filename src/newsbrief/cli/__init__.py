"""The command line, `newsbrief`: each command is a few lines over the Python API.

Errors in what the user gave are printed as one line ("newsbrief: error: ...") with exit code 2; problems with
some inputs among good ones are printed as warnings and the rest is still done. Commands import their heavy
parts when they run, so that `newsbrief --help` starts at once.

- `briefs`: summarize, batch, eval;  `stories`: ingest, stories, eval-stories;  `serve`: the web app;
- `common`: the messages and the options several commands share.
"""

from __future__ import annotations

import click

from newsbrief.cli.briefs import batch, evaluate, summarize
from newsbrief.cli.serve import serve
from newsbrief.cli.stories import eval_stories, ingest, stories


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsbrief")
def main() -> None:
    """Turn many news articles about one story into a short, sourced, extractive brief.

    Every summary sentence was written by a source; each is shown with the indices of all the documents that
    report it. Start with:

        newsbrief summarize examples/

    Run `newsbrief COMMAND --help` for each command's options.
    """


for command in (summarize, batch, evaluate, serve, ingest, stories, eval_stories):
    main.add_command(command)

__all__ = ["main"]
