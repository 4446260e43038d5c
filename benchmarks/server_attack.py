"""The server under attack: does `GET /` stay quick while hostile briefs are computed, and do they get 504?

    .venv/bin/python benchmarks/server_attack.py                 # this tree
    .venv/bin/python benchmarks/server_attack.py --src /tmp/old  # another checkout's src/, for a before figure

Starts `newsbrief serve` (default settings: 30 s time limit, 2 workers) on a free port, then:

1. the attack of issue 9: two concurrent `POST /api/briefs` of 100 KB hostile text (the shapes of
   benchmarks/adversarial.py that once took minutes), while one client loads `GET /` every 50 ms; prints the
   attackers' statuses and seconds and the p50 / p99 / max seconds of `GET /` during the attack;
2. four concurrent heavy briefs (about 550 KB of DUC 2003 news each): their statuses and seconds;
3. with `--timeout 1`, two heavy briefs at once, which take longer than that, while `GET /` is loaded as in 1.

Each request is given up on after `--give-up` seconds (a frozen server is reported, not waited for).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from adversarial import SHAPES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
ATTACKS = ("a figure every 10 characters", "share buttons in one word")


def post(url: str, body: bytes, give_up: float) -> tuple[str, float]:
    start = time.perf_counter()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=give_up) as response:
            status = str(response.status)
    except urllib.error.HTTPError as error:
        status = str(error.code)
    except OSError as error:
        status = f"no answer ({type(error).__name__})"
    return status, time.perf_counter() - start


def heavy(documents: int) -> bytes:
    found: list[dict] = []
    with open(DATA / "duc2003-task2" / "duc2003_task2.jsonl", encoding="utf-8") as lines:
        for line in lines:
            found += json.loads(line)["documents"]
    return json.dumps({"documents": found[:documents]}).encode()


@contextmanager
def serving(src: Path, *options: str) -> Iterator[str]:
    """`newsbrief serve` of ``src`` on a free port, until the block ends; yields its address."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    db = f"/tmp/newsbrief-attack-{port}.sqlite"
    command = [sys.executable, "-c", "from newsbrief.cli import main; main()", "serve", "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": str(src)}
    server = subprocess.Popen([*command, "--db", db, "--quiet", *options], env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(url + "/api/clusters", timeout=1)
                break
            time.sleep(0.1)
        warm_up = json.dumps({"documents": ["A storm hit the coast. Power failed."]}).encode()
        status, seconds = post(url + "/api/briefs", warm_up, 60)
        print(f"serving {src} {' '.join(options)}: a first small brief {status} in {seconds:.2f} s")
        yield url
    finally:
        server.kill()
        server.wait()
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)


def while_browsing(url: str, bodies: list[bytes], give_up: float) -> list[tuple[str, float]]:
    """POST every body at once while one client loads ``GET /`` every 50 ms; prints what the client saw."""
    latencies: list[float] = []
    attacking = threading.Event()
    attacking.set()

    def browse() -> None:
        while attacking.is_set():
            start = time.perf_counter()
            with contextlib.suppress(OSError):  # a refused page counts with the time it took
                urllib.request.urlopen(url + "/", timeout=give_up).read()
            latencies.append(time.perf_counter() - start)
            time.sleep(0.05)

    browser = threading.Thread(target=browse)
    browser.start()
    with ThreadPoolExecutor(len(bodies)) as pool:
        answers = list(pool.map(lambda body: post(url + "/api/briefs", body, give_up), bodies))
    attacking.clear()
    browser.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    print(
        f"  GET / meanwhile: {len(latencies)} requests, p50 {statistics.median(latencies):.3f} s, "
        f"p99 {p99:.3f} s, max {latencies[-1]:.3f} s"
    )
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder to serve newsbrief from")
    parser.add_argument("--give-up", type=float, default=90.0, help="seconds after which a request is abandoned")
    args = parser.parse_args()
    with serving(args.src) as url:
        bodies = [json.dumps({"documents": [SHAPES[shape](100_000)]}).encode() for shape in ATTACKS]
        for shape, (status, seconds) in zip(ATTACKS, while_browsing(url, bodies, args.give_up), strict=True):
            print(f"  attack '{shape}', 100 KB: {status} after {seconds:.1f} s")
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda n: post(url + "/api/briefs", heavy(150 + n), args.give_up), range(4)))
        print("  4 concurrent heavy briefs (about 550 KB each): " + ", ".join(f"{s} in {t:.1f} s" for s, t in answers))
    with serving(args.src, "--timeout", "1") as url:
        answers = while_browsing(url, [heavy(150), heavy(151)], args.give_up)
        print("  2 heavy briefs past the 1 s limit: " + ", ".join(f"{s} after {t:.1f} s" for s, t in answers))


if __name__ == "__main__":
    main()
