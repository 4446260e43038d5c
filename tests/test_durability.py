"""Durability: SIGKILL the server in the middle of a stream of writes, restart it on the same file, and find every
acknowledged write there, whole, in a consistent database."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow  # the slow lane: see the Makefile

WRITERS = 4
WRITES_BEFORE_KILL = 40  # acknowledged writes to wait for before the kill


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    """``python -m newsbrief.web`` on a free loopback port, once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsbrief.web", "--host", "127.0.0.1", "--port", str(port), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            if httpx.get(url + "/api/clusters?limit=1", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start in 30 s")


def writer(url: str, number: int, stop: threading.Event, acknowledged: list) -> None:
    """Create clusters of two documents and add a third to each; record the writes the server acknowledged."""
    with httpx.Client(base_url=url, timeout=5) as client:
        i = 0
        while not stop.is_set():
            marker = f"w{number}-{i}"
            i += 1
            body = {"title": marker, "documents": [f"{marker} first text.", f"{marker} second text."]}
            try:
                created = client.post("/api/clusters", json=body)
                if created.status_code != 201:
                    continue
                cluster_id = created.json()["id"]
                acknowledged.append(("cluster", cluster_id, marker))
                added = client.post(f"/api/clusters/{cluster_id}/documents", json={"documents": [f"{marker} third."]})
                if added.status_code == 201:
                    acknowledged.append(("document", cluster_id, marker))
            except httpx.TransportError:
                return  # the server is gone


def test_acknowledged_writes_survive_sigkill(tmp_path):
    db = tmp_path / "nb.sqlite"
    process, url = start_server(db)
    stop = threading.Event()
    acknowledged: list = []
    threads = [threading.Thread(target=writer, args=(url, n, stop, acknowledged)) for n in range(WRITERS)]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < WRITES_BEFORE_KILL:
            assert time.monotonic() < deadline, f"only {len(acknowledged)} writes acknowledged in 60 s"
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        stop.set()
        for thread in threads:
            thread.join(10)
    finally:
        stop.set()
        process.kill()
    assert process.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db)  # as the kill left it, before any recovery by the server
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    sizes = conn.execute(
        "SELECT COUNT(d.id) FROM clusters c LEFT JOIN documents d ON d.cluster_id = c.id GROUP BY c.id"
    )
    assert {n for (n,) in sizes} <= {2, 3}  # no cluster is half made
    conn.close()

    process, url = start_server(db)
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            for kind, cluster_id, marker in acknowledged:
                response = client.get(f"/api/clusters/{cluster_id}")
                assert response.status_code == 200, (kind, cluster_id)
                cluster = response.json()
                texts = [d["text"] for d in cluster["documents"]]
                assert cluster["title"] == marker
                assert texts[:2] == [f"{marker} first text.", f"{marker} second text."]
                if kind == "document":
                    assert texts[2:] == [f"{marker} third."]
    finally:
        process.kill()
        process.wait(10)
