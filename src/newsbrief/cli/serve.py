"""`serve`: the web app and JSON API in one process, with the SQLite store embedded."""

from __future__ import annotations

import click

from newsbrief.cli.common import db_option
from newsbrief.config import MAX_BYTES, MAX_DOCUMENTS, REQUEST_SECONDS

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; loopback by default.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@db_option
@click.option(
    "--token",
    envvar="NEWSBRIEF_TOKEN",
    default=None,
    help="Require 'Authorization: Bearer TOKEN' on every writing request (or set NEWSBRIEF_TOKEN).",
)
@click.option(
    "--max-body-mb",
    default=MAX_BYTES / 2**20,
    show_default=True,
    type=click.FloatRange(0.001, 1024),
    help="Largest request body in MB; 413 beyond.",
)
@click.option(
    "--max-documents",
    default=MAX_DOCUMENTS,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Most documents in one cluster; 413 beyond.",
)
@click.option(
    "--timeout",
    default=REQUEST_SECONDS,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds a brief may take to compute; 504 beyond.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Briefs computed at once, each in its own process (killed past --timeout).",
)
@click.option("--quiet", "-q", is_flag=True, help="No access log (one line per request on stderr).")
def serve(
    host: str,
    port: int,
    db: str,
    token: str | None,
    max_body_mb: float,
    max_documents: int,
    timeout: float,
    workers: int,
    quiet: bool,
) -> None:
    """Serve the web app and the JSON API (OpenAPI at /openapi.json) until interrupted.

    The SQLite store (WAL journal) is the file given by --db. Each brief is computed in a child process that
    is killed past --timeout (the request gets 504); the server goes on answering meanwhile. Every request is
    logged on stderr as one line: time, client, method, path, status and milliseconds.

    \b
    Examples:
      newsbrief serve
      newsbrief serve --db briefs.sqlite --port 8080 --quiet
      NEWSBRIEF_TOKEN=secret newsbrief serve --host 0.0.0.0
    """
    from newsbrief.web.app import create_app
    from newsbrief.web.runtime import MB, Settings
    from newsbrief.web.server import run

    if host not in LOOPBACK and not token:
        click.echo(
            f"newsbrief: warning: listening on {host} without --token: anyone who can reach it can write", err=True
        )
    settings = Settings(
        db=db,
        token=token or None,
        max_body=int(max_body_mb * MB),
        max_documents=max_documents,
        timeout=timeout,
        workers=workers,
        loopback=host in LOOPBACK,
    )
    app = create_app(settings)
    click.echo(f"newsbrief: serving http://{host}:{port}/ (store: {db})", err=True)
    run(app, host, port, quiet=quiet)
