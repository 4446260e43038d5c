"""The commands over briefs: `summarize`, `batch` and `eval`, each a few lines over the Python API."""

from __future__ import annotations

import json
from typing import Any

import click

from newsbrief.cli.common import (
    analysis_option,
    fail,
    method_option,
    overflow_option,
    progress_option,
    report_format_option,
    reported,
    show_progress,
    warn,
    words_option,
)
from newsbrief.config import CLUSTER_SECONDS, FORMATS, METHODS, Config


@click.command()
@click.argument("paths", nargs=-1, required=True)
@words_option()
@method_option
@analysis_option
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text and markdown show [source indices] after each sentence; json is for scripts; "
    "html is one self-contained page.",
)
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write the brief here instead of standard output.",
)
@reported
def summarize(paths: tuple[str, ...], words: int, method: str, analysis: bool, fmt: str, output: Any) -> None:
    """Summarize the articles in PATHS (files, folders, or - for standard input) into one brief.

    Accepted: .txt (the first line that is not a date stamp,
    byline or other page furniture is the title), .html/.htm (main text, title, date and author are
    extracted), .json (a cluster {"id", "documents": [...]} or one article {"title", "text", "date",
    "source", "url"}), .jsonl (one article per line). A folder's files are read sorted by name. A document's
    0-based index in that order is its id in the output.

    Inputs that cannot be used (empty, binary, too large, malformed, not English) are reported on stderr and
    skipped; the exit code is 2 only if nothing could be summarized.

    \b
    Examples:
      newsbrief summarize examples/
      newsbrief summarize a.html b.txt --words 150 --format markdown
      cat cluster.json | newsbrief summarize - --format json
    """
    from newsbrief.ingest.read import read_paths
    from newsbrief.pipeline import summarize as summarize_articles
    from newsbrief.render import render

    articles, problems = read_paths(paths)
    for problem in problems:
        warn(problem)
    if not articles:
        fail("nothing to summarize: no usable document in " + ", ".join(paths))
    brief = summarize_articles(articles, words=words, method=method, analysis=analysis)
    output.write(render(brief, fmt))


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@words_option()
@method_option
@analysis_option
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Output JSONL file (default: standard output); local engine only.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine (--jobs child processes). dask: a Dask cluster, one output shard per input shard in "
    "--output-dir.",
)
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:8786); default: a local cluster.")
@click.option("--workers", type=click.IntRange(1), default=None, help="Worker processes of the local Dask cluster.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1),
    default=None,
    help="Clusters summarized at once by the local engine, each in its own process [default: one per core].",
)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder of the output shards (--engine dask); a rerun skips the clusters already written there.",
)
@click.option(
    "--cluster-timeout",
    "cluster_seconds",
    type=click.FloatRange(0),
    default=CLUSTER_SECONDS,
    show_default=True,
    help="Seconds one cluster may take; a cluster past it is stopped and written as an error line "
    "(0: no limit, and clusters are summarized in the batch's own process).",
)
@overflow_option
@progress_option
@reported
def batch(
    inputs: tuple[str, ...],
    words: int,
    method: str,
    analysis: bool,
    output: Any,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    output_dir: str | None,
    cluster_seconds: float,
    jobs: int | None,
    overflow: bool,
    progress: bool | None,
) -> None:
    """Summarize every cluster in the JSONL files INPUTS, one JSON line per cluster.

    Each input line is a cluster {"id", "documents": [{"title", "text", "date", "source", "url"}, ...]}.
    Each output line is the brief as `summarize --format json` prints it, plus "id". A cluster that fails
    (or a line that is not valid JSON, or one that takes longer than --cluster-timeout) gets an "error" field
    instead, and the batch goes on; the exit code is 2 only if no cluster could be summarized.

    The local engine summarizes --jobs clusters at once (one per core by default), each in its own process, and
    writes their lines in input order.

    INPUTS may be glob patterns ('shards/*.jsonl'). With --engine dask, each input shard gives an output shard of
    the same name in --output-dir, holding exactly the lines the local engine writes for it; a rerun skips the
    clusters already written, and a worker lost mid-run loses nothing (README: "Scaling out").

    \b
    Examples:
      newsbrief batch clusters.jsonl --words 100 -o briefs.jsonl
      newsbrief batch 'shards/*.jsonl' --engine dask --workers 2 --output-dir briefs/
      newsbrief batch 'shards/*.jsonl' --engine dask --scheduler tcp://10.0.0.5:8786 --output-dir briefs/
    """
    from newsbrief.batch.dask import expand
    from newsbrief.batch.local import run_batch
    from newsbrief.batch.records import BatchStats
    from newsbrief.config import usable_cores

    show = show_progress(progress)
    paths = expand(inputs)
    config = Config(words=words, method=method, analysis=analysis, overflow=overflow)
    if engine == "dask":
        from newsbrief.batch.dask import run_dask_batch

        if output_dir is None:
            fail("--engine dask writes one output shard per input shard: give --output-dir DIR")
        if scheduler is not None and workers is not None:
            fail("--workers starts a local cluster; it cannot be combined with --scheduler")
        if jobs is not None:
            fail("--jobs is for the local engine; a Dask cluster runs as many clusters at once as it has threads")
        total = run_dask_batch(
            paths,
            output_dir,
            config,
            scheduler=scheduler,
            workers=workers,
            progress=show,
            cluster_seconds=cluster_seconds,
        )
    else:
        if scheduler is not None or workers is not None or output_dir is not None:
            fail("--scheduler, --workers and --output-dir need --engine dask")
        total = BatchStats()
        for path in paths:
            stats = run_batch(
                path, output, config, progress=show, cluster_seconds=cluster_seconds, jobs=jobs or usable_cores()
            )
            total.done += stats.done
            total.failed += stats.failed
    if total.failed:
        warn(f"{total.failed} of {total.done + total.failed} clusters failed; see their 'error' fields")
    if not total.done:
        fail("no cluster could be summarized")


@click.command(name="eval")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@words_option()
@click.option(
    "--method",
    "-m",
    "methods",
    type=click.Choice(METHODS),
    multiple=True,
    help="Method to score; repeat to compare several (default: default, lead, centroid, lexrank).",
)
@click.option(
    "--rouge",
    type=click.Choice(["python", "perl"]),
    default="python",
    show_default=True,
    help="python: rouge-score F1 with stemming, summaries cut to --words. "
    "perl: official ROUGE-1.5.5, DUC 2004 flags, recall.",
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Score only the first N clusters.")
@overflow_option
@report_format_option
@progress_option
@reported
def evaluate(
    inputs: tuple[str, ...],
    words: int,
    methods: tuple[str, ...],
    rouge: str,
    limit: int | None,
    overflow: bool,
    fmt: str,
    progress: bool | None,
) -> None:
    """Score methods with ROUGE against the reference summaries of benchmark clusters.

    INPUTS are JSONL files of clusters with references: {"id", "documents": [...], "summaries": [...]}.
    Prints one row per method (ROUGE-1, -2, -L, and SU4 with --rouge perl) and the protocol used.

    \b
    Examples:
      newsbrief eval ../shared/data/duc2003-task2/duc2003_task2.jsonl --words 100 --rouge perl
      newsbrief eval multinews.jsonl --words 230 -m default -m lexrank --limit 50
      newsbrief eval ../shared/data/duc2003-task2/duc2003_task2.jsonl --rouge perl --overflow   # as DPP, RegSum
    """
    from newsbrief.errors import InputError
    from newsbrief.evaluate import evaluate as evaluate_methods
    from newsbrief.ingest.read import read_clusters

    clusters = []
    for path in inputs:
        for cluster in read_clusters(path):
            if isinstance(cluster, InputError):
                warn(str(cluster))
            elif not cluster.get("summaries"):
                warn(f"{path}: cluster {cluster.get('id')} has no reference summaries; skipped")
            else:
                clusters.append(cluster)
    clusters = clusters[:limit]
    if not clusters:
        fail("no cluster with reference summaries in " + ", ".join(inputs))
    show = show_progress(progress)
    methods = methods or ("default", "lead", "centroid", "lexrank")
    report = evaluate_methods(clusters, methods, words, rouge, show, overflow=overflow)
    click.echo(json.dumps(report.to_dict(), indent=2) if fmt == "json" else report.table())
