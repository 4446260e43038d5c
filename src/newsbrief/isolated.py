"""Run a brief in a child process, so that one past its time limit can be stopped.

Python cannot stop a thread, and a regular expression holds the interpreter lock for as long as it matches: a
cluster whose text makes some step slow would hold its thread (a batch, or the web server's event loop) for as
long as it runs. So the work is sent to a child Python process (``python -m newsbrief.isolated``) as a JSON
line on its stdin, and the child answers with a JSON line on its stdout. A child that has not answered within
the time limit is killed (`call` raises `TimeoutError`) and the next call starts a fresh one; a child that dies
(out of memory, say) costs only its request (`ChildDied`).

Children are shared by every thread of the process: a call borrows an idle one, or starts one. They load their
models once and serve requests until the process exits, so the time limit costs a pipe round trip per
request, not a start-up. A plain subprocess rather than `multiprocessing`, because Dask's worker processes are
daemons, and daemons may not have `multiprocessing` children.

The tasks a child runs (`TASKS`): ``record``, a batch's output record of one cluster
(`newsbrief.batch.records.brief_record`), and ``bodies``, a brief rendered in several formats (the web app's).
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import selectors
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsbrief.errors import InputError


class ChildDied(RuntimeError):
    """The child process computing a request died before it answered."""


class Child:
    """One child process and the pipes to it; started on first use, replaced after a kill or a death."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the process, and wait until it has loaded its models (start-up is not counted against a
        request's time)."""
        package_root = str(Path(__file__).resolve().parents[1])  # so the child imports this very newsbrief
        path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
        process = subprocess.Popen(
            [sys.executable, "-m", "newsbrief.isolated"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": path},
        )
        assert process.stdout is not None
        process.stdout.readline()  # "ready", or b"" if it died, which the first request then reports
        self.process = process

    def call(self, task: str, request: dict[str, Any], seconds: float) -> Any:
        """The child's answer to ``task`` with ``request``; `TimeoutError` past ``seconds``, `ChildDied`."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps({"task": task, **request}).encode() + b"\n")
            process.stdin.flush()
            with selectors.DefaultSelector() as selector:
                selector.register(process.stdout, selectors.EVENT_READ)
                answered = selector.select(seconds)
            line = process.stdout.readline() if answered else b""
        except (BrokenPipeError, OSError):
            line, answered = b"", True
        if not line:
            self.stop()
            if not answered:
                raise TimeoutError(f"took longer than {seconds:g} s; stopped")
            raise ChildDied(f"the process computing it died (exit {process.returncode})")
        answer = json.loads(line)
        if "input_error" in answer:
            raise InputError(answer["input_error"])
        if "internal_error" in answer:
            raise RuntimeError(answer["internal_error"])
        return answer["result"]

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


_idle: list[Child] = []
_every: list[Child] = []
_lock = threading.Lock()


def _new_child() -> Child:
    child = Child()
    with _lock:
        _every.append(child)
    return child


def _return(child: Child) -> None:
    with _lock:
        _idle.append(child)


def _restarted(child: Child) -> None:
    child.start()
    _return(child)


@contextmanager
def _borrowed() -> Iterator[Child]:
    with _lock:
        child = _idle.pop() if _idle else None
    child = child or _new_child()
    try:
        yield child
    finally:
        if child.process is None:  # killed or dead: its successor starts off this thread, which has to answer
            threading.Thread(target=_restarted, args=(child,), daemon=True).start()
        else:
            _return(child)


def start(count: int) -> None:
    """Have at least ``count`` children started and idle (a server starts its own before it answers)."""
    with _lock:
        missing = count - len(_idle)
    fresh = [_new_child() for _ in range(missing)]
    threads = [threading.Thread(target=_restarted, args=(child,)) for child in fresh]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def call(task: str, request: dict[str, Any], seconds: float) -> Any:
    """``TASKS[task](request)`` in an idle child process, stopped after ``seconds``.

    Raises what the task raised as an `InputError` (or a `RuntimeError` for anything else), `TimeoutError`
    when it took too long, `ChildDied` when its process died.
    """
    with _borrowed() as child:
        return child.call(task, request, seconds)


@atexit.register
def _stop_all() -> None:
    for child in _every:
        child.stop()


def _record(request: dict[str, Any]) -> dict[str, Any]:
    from newsbrief.batch.records import brief_record
    from newsbrief.config import Config

    return brief_record(request["cluster"], request["index"], Config(**request["config"]))


def _bodies(request: dict[str, Any]) -> dict[str, str]:
    from newsbrief.model import Article
    from newsbrief.pipeline import summarize
    from newsbrief.render import render

    articles = [Article(**{**a, "notes": tuple(a["notes"])}) for a in request["articles"]]
    brief = summarize(articles, **request["settings"])
    return {fmt: render(brief, fmt, request["title"]) for fmt in request["formats"]}


TASKS: dict[str, Callable[[dict[str, Any]], Any]] = {"record": _record, "bodies": _bodies}


def articles_request(articles: list[Any]) -> list[dict[str, Any]]:
    """Articles as the ``bodies`` task reads them."""
    return [dataclasses.asdict(article) for article in articles]


def serve() -> None:
    """The child's loop: a request line in, its answer line out, until stdin closes."""
    from newsbrief.compose import embed
    from newsbrief.errors import NewsbriefError
    from newsbrief.pipeline import summarize

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the parent, whose exit closes our stdin
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a library's print() must not corrupt the answers
    summarize(["Models load now. The first request must not wait for them."])  # NER, the solver, the stemmer
    if embed.available():  # and the sentence encoder, which a one-sentence brief never needs
        embed.vectors(["The encoder loads now."])
    answers.write("ready\n")
    answers.flush()
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            answer = {"result": TASKS[request["task"]](request)}
        except NewsbriefError as error:
            answer = {"input_error": str(error)}
        except Exception as error:
            answer = {"internal_error": f"internal error {type(error).__name__}: {error}"}
        try:
            answers.write(json.dumps(answer) + "\n")
            answers.flush()
        except BrokenPipeError:  # the parent is gone (it exited, or gave up on this request)
            return


if __name__ == "__main__":
    serve()
