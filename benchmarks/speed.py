"""How fast is newsbrief? Run by hand (not a test): ``.venv/bin/python benchmarks/speed.py``.

1. In process, after a warm-up: `newsbrief.summarize()` (default method, default settings) against sumy's
   LexRankSummarizer on the same text, for (a) a 10-document DUC 2003 cluster and (b) a 100-document cluster made
   by merging ten DUC 2003 clusters. sumy's own tokenizers need nltk data that cannot be downloaded here, so its
   document is built from sentences split by newsbrief's splitter and words from newsbrief's tokenizer; that
   building is timed as part of sumy's run (text in, summary out, as for newsbrief). Each repeat starts with
   newsbrief's per-sentence caches empty (`forget_sentences`): a brief of text it has never seen, as in batch.
2. ``newsbrief batch`` as a user runs it (a subprocess, start-up included) over 50 ten-document clusters:
   the 30 of DUC 2003, then the first 10 documents of DUC 2006 clusters.

The bars (issue 14), both for the default brief, analysis on: at least 50x faster than sumy LexRank on the
100-document cluster, and at most 0.35 s per ten-document cluster in `batch`, start-up included. They are judged
on wall time, which is what a user waits for (the encoder shares a brief's sentences between two threads, so a
brief's CPU time exceeds its wall time on an idle machine); on a busy machine wall time also counts waiting for
a core, so the CPU figures and the load average are printed beside it. The summary alone (`analysis=False`,
`--no-analysis`: LexRank does no analysis) is shown too. Prints a markdown table and writes it into
benchmarks/README.md (between the markers).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"
DUC2003 = DATA / "duc2003-task2" / "duc2003_task2.jsonl"
DUC2006 = DATA / "duc2006" / "duc2006.jsonl"
README = HERE / "README.md"
BEGIN, END = "<!-- speed results: written by benchmarks/speed.py -->", "<!-- end of speed results -->"
WORDS = 100
ANALYSIS_ON = "analysis on (the default)"
# Issue 14's bars for the default brief, on wall time: how many times faster than sumy LexRank on the
# 100-document cluster, and the seconds per ten-document cluster in batch.
SPEEDUP_BAR = 50
BATCH_SECONDS_BAR = 0.35
LEXRANK_SENTENCES = 5  # sumy picks whole sentences; five newswire sentences are about 100 words


def load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def forget_sentences() -> None:
    """Empty newsbrief's per-sentence caches (vectors, same_content readings), so that a repeat costs what a brief
    of new text costs: batch briefs clusters it has never seen. Caches of words (stems) stay warm, as in a batch."""
    from newsbrief.compose import embed, same_content

    embed.forget()
    same_content.read.cache_clear()


def seconds(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median (wall, CPU) seconds of ``repeat`` calls, each on cold sentence caches (`forget_sentences`); on a shared
    machine, wall time also counts waiting for a core."""
    walls, cpus = [], []
    for _ in range(repeat):
        forget_sentences()
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def sumy_lexrank(documents: list[dict]) -> list[str]:
    """sumy's LexRank over the documents, with sentences from newsbrief's splitter (sumy's needs nltk data)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.utils import get_stop_words

    from newsbrief.text.sentences import sentence_spans
    from newsbrief.text.tokens import words

    class Words:
        """The tokenizer interface a sumy Sentence calls."""

        to_words = staticmethod(words)

    paragraphs = [
        Paragraph([Sentence(d["text"][s:e], Words) for s, e in sentence_spans(d["text"], 0, len(d["text"]))])
        for d in documents
    ]
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(ObjectDocumentModel(paragraphs), LEXRANK_SENTENCES)]


def in_process(duc2003: list[dict]) -> list[dict]:
    """Rows for the in-process comparison on a 10-document and a 100-document cluster."""
    import newsbrief

    ten = duc2003[0]["documents"]
    hundred = [d for cluster in duc2003[:10] for d in cluster["documents"]]
    newsbrief.summarize(duc2003[-1]["documents"], words=WORDS)  # warm-up: imports, spaCy, the solver
    sumy_lexrank(duc2003[-1]["documents"])
    rows = []
    cases = ((f"10 documents (DUC 2003 {duc2003[0]['id']})", ten, 5), ("100 documents", hundred, 3))
    for name, documents, repeat in cases:
        ours = seconds(lambda docs=documents: newsbrief.summarize(docs, words=WORDS), repeat)
        fast = seconds(lambda docs=documents: newsbrief.summarize(docs, words=WORDS, analysis=False), repeat)
        sumy = seconds(lambda docs=documents: sumy_lexrank(docs), 1 if len(documents) > 50 else repeat)
        words = sum(len(d["text"].split()) for d in documents)
        rows.append({"cluster": f"{name}, {words:,} words", "ours": ours, "fast": fast, "sumy": sumy})
    return rows


def batch_file(duc2003: list[dict], path: Path) -> int:
    """Write 50 ten-document clusters (DUC 2003, then DUC 2006 cut to 10 documents); return how many."""
    clusters = [{"id": c["id"], "documents": c["documents"]} for c in duc2003]
    clusters += [{"id": c["id"], "documents": c["documents"][:10]} for c in load(DUC2006)[: 50 - len(clusters)]]
    with open(path, "w", encoding="utf-8") as handle:
        for cluster in clusters:
            handle.write(json.dumps(cluster) + "\n")
    return len(clusters)


def batch_seconds(duc2003: list[dict], *options: str) -> tuple[int, float, float, int]:
    """(clusters, wall and CPU seconds of `newsbrief batch` over them, clusters that came back with an error)."""
    command = shutil.which("newsbrief", path=str(Path(sys.executable).parent)) or shutil.which("newsbrief")
    if command is None:
        sys.exit("speed.py: the newsbrief command is not installed (make install)")
    with tempfile.TemporaryDirectory() as tmp:
        inputs, outputs = Path(tmp) / "clusters.jsonl", Path(tmp) / "briefs.jsonl"
        count = batch_file(duc2003, inputs)
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([command, "batch", str(inputs), "--words", str(WORDS), "-o", str(outputs), *options], check=True)
        took, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        errors = sum("error" in json.loads(line) for line in outputs.read_text().splitlines())
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return count, took, cpu, errors


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        found = re.search(r"model name\s*:\s*(.+)", handle.read())
    if found:
        cpu = found.group(1).strip()
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def git_commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def header(commit: str) -> str:
    return (
        f"Run {datetime.date.today().isoformat()} at commit {commit} on {machine()}; load average "
        f"{os.getloadavg()[0]:.1f} when it ended. The bars are judged on wall time (what a user waits for); on a "
        "busy machine it includes waiting for a core, so CPU time (user + system, all threads) is shown beside it."
    )


def in_process_table(rows: list[dict]) -> str:
    lines = [
        "| cluster | newsbrief, analysis on: wall / CPU (s) | summary only (`analysis=False`): wall / CPU (s) "
        "| sumy LexRank: wall / CPU (s) | sumy / newsbrief (wall): analysis on, summary only | bar (analysis on) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ratios = [row["sumy"][0] / row[k][0] for k in ("ours", "fast")]
        met = "met" if ratios[0] >= SPEEDUP_BAR else "NOT met"
        bar = f"{met} (>= {SPEEDUP_BAR}x)" if row["cluster"].startswith("100") else ""
        times = " | ".join(f"{row[k][0]:.3f} / {row[k][1]:.3f}" for k in ("ours", "fast", "sumy"))
        lines.append(f"| {row['cluster']} | {times} | {ratios[0]:.0f}x, {ratios[1]:.0f}x | {bar} |")
    return "\n".join(lines)


def batch_table(runs: list[tuple[str, tuple[int, float, float, int]]]) -> str:
    """One row per way of running batch: (label, (clusters, wall, CPU, errors))."""
    lines = [
        "| `newsbrief batch` (one subprocess, start-up included), 30 DUC 2003 + 20 DUC 2006 clusters cut to 10 "
        f"documents, {WORDS} words | clusters | errors | wall / CPU (s) | per cluster: wall / CPU (s) | bar |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, (count, took, cpu, errors) in runs:
        met = "met" if took / count <= BATCH_SECONDS_BAR else "NOT met"
        bar = f"{met} (<= {BATCH_SECONDS_BAR} s wall)" if label == ANALYSIS_ON else ""
        lines.append(
            f"| {label} | {count} | {errors} | {took:.1f} / {cpu:.1f} | {took / count:.3f} / {cpu / count:.3f} "
            f"| {bar} |"
        )
    return "\n".join(lines)


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        sys.exit(f"speed.py: {README} lacks the result markers; the table was printed but not saved")
    head, rest = text.split(BEGIN, 1)
    README.write_text(head + BEGIN + "\n" + table + "\n" + END + rest.split(END, 1)[1], encoding="utf-8")


def main() -> None:
    commit = git_commit()  # before the run: the tree may move on meanwhile
    duc2003 = load(DUC2003)
    first = in_process_table(in_process(duc2003))
    print(first, flush=True)  # shown even if the batch run below fails
    second = batch_table(
        [("`--no-analysis`", batch_seconds(duc2003, "--no-analysis")), (ANALYSIS_ON, batch_seconds(duc2003))]
    )
    print(second)
    write_readme("\n\n".join([header(commit), first, second]))


if __name__ == "__main__":
    main()
