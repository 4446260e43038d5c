"""Load benchmark of `newsbrief serve` with locust, on loopback only, bounded in time.

Starts the server (``python -m newsbrief.web``) on a free 127.0.0.1 port with a throwaway database, stores the
example cluster (examples/), then runs each scenario with N concurrent clients for S seconds:

- ``POST /api/briefs`` with the example cluster in the body (after the first request, the brief comes from the
  in-memory cache of recent briefs, keyed by content hash);
- ``GET /api/clusters/{id}/brief`` of the stored example cluster (its cached brief, read from SQLite);
- ``POST /api/briefs, uncached``: the example cluster with a different word budget on every request, so that
  every request computes a brief (run with fewer clients; see --uncached-users).

Prints requests/s, p50 and p99 latency and the error count of each scenario; exits 1 if any request failed.

    python benchmarks/load.py                    # 50 clients x 30 s per scenario
    python benchmarks/load.py --users 10 --seconds 5
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gevent import monkey

monkey.patch_all()

import gevent  # noqa: E402
import httpx  # noqa: E402
from locust import FastHttpUser, constant, task  # noqa: E402
from locust.env import Environment  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def example_cluster() -> dict:
    """The example articles as a cluster, read the way the CLI reads them."""
    from newsbrief.ingest.read import read_paths

    articles, _ = read_paths([str(EXAMPLES)])
    fields = ("text", "title", "source", "url", "author", "date", "id")
    return {"id": "example", "documents": [{f: getattr(a, f) for f in fields} for a in articles]}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "newsbrief.web",
        "--port",
        str(port),
        "--db",
        db,
        "--workers",
        str(workers),
        "--quiet",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(url + "/api/clusters?limit=1", timeout=1)
            return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the server did not start")


def run(user_class: type[FastHttpUser], url: str, users: int, seconds: float) -> dict:
    """Run ``users`` clients for ``seconds``; the totals of the run."""
    env = Environment(user_classes=[user_class], host=url)
    runner = env.create_local_runner()
    runner.start(users, spawn_rate=users)
    gevent.spawn_later(seconds, runner.quit)
    runner.greenlet.join()
    total = env.stats.total
    return {
        "requests": total.num_requests,
        "errors": total.num_failures,
        "rps": total.num_requests / seconds,
        "p50_ms": total.get_response_time_percentile(0.5),
        "p99_ms": total.get_response_time_percentile(0.99),
        "errors_seen": [f"{e.method} {e.name}: {e.error} x{e.occurrences}" for e in env.stats.errors.values()][:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=30, help="seconds per scenario (default 30)")
    parser.add_argument("--uncached-users", type=int, default=4, help="clients for the uncached scenario")
    parser.add_argument("--workers", type=int, default=2, help="server threads computing briefs")
    args = parser.parse_args()

    cluster = example_cluster()
    budgets = itertools.count(60)

    class PostBrief(FastHttpUser):
        wait_time = constant(0)

        @task
        def post(self) -> None:
            self.client.post("/api/briefs", json=cluster, name="POST /api/briefs")

    class GetBrief(FastHttpUser):
        wait_time = constant(0)

        @task
        def get(self) -> None:
            self.client.get(f"/api/clusters/{cluster_id}/brief", name="GET /api/clusters/{id}/brief")

    class PostUncached(FastHttpUser):
        wait_time = constant(0)

        @task
        def post(self) -> None:
            words = 60 + next(budgets) % 1900
            self.client.post(f"/api/briefs?words={words}", json=cluster, name="POST /api/briefs?words=N")

    with tempfile.TemporaryDirectory(prefix="newsbrief-load-") as folder:
        process, url = start_server(str(Path(folder) / "load.sqlite"), args.workers)
        try:
            created = httpx.post(url + "/api/clusters", json=cluster, timeout=60).json()
            cluster_id = created["id"]
            started = time.perf_counter()
            httpx.get(url + f"/api/clusters/{cluster_id}/brief", timeout=120).raise_for_status()
            first = time.perf_counter() - started
            httpx.post(url + "/api/briefs", json=cluster, timeout=120).raise_for_status()
            print(f"first (uncached) brief of the {len(cluster['documents'])}-document example: {first:.2f} s")
            results = {
                "POST /api/briefs (example cluster)": run(PostBrief, url, args.users, args.seconds),
                "GET /api/clusters/{id}/brief (cached)": run(GetBrief, url, args.users, args.seconds),
                "POST /api/briefs, every request uncached": run(PostUncached, url, args.uncached_users, args.seconds),
            }
        finally:
            process.kill()
            process.wait()
    users = {name: args.uncached_users if "uncached" in name else args.users for name in results}
    print(f"\n{'scenario':44} {'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
    for name, r in results.items():
        print(
            f"{name:44} {users[name]:>7} {r['requests']:>9} {r['rps']:>8.1f} {r['p50_ms']:>7.0f} "
            f"{r['p99_ms']:>7.0f} {r['errors']:>6}"
        )
        for line in r["errors_seen"]:
            print("   ", line)
    print(json.dumps({"seconds": args.seconds, "results": results}))
    sys.exit(1 if any(r["errors"] for r in results.values()) else 0)


if __name__ == "__main__":
    main()
