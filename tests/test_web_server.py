"""The server as deployed: `newsbrief serve` (uvicorn, the h11 protocol with a header deadline) in its own
process, attacked over real sockets. Slow lane."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import SHARED_DATA

pytestmark = pytest.mark.slow

SERVE = """
import json, sys
from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings
from newsbrief.web.server import run
run(create_app(Settings(**json.loads(sys.argv[1]))), "127.0.0.1", int(sys.argv[2]), quiet=True)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(port: int, process: subprocess.Popen) -> None:
    for _ in range(300):
        assert process.poll() is None, "the server exited"
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/clusters", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server did not come up")


@contextmanager
def serving(command: list[str], port: int):
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(port, process)
        yield process
    finally:
        process.terminate()
        process.wait(20)


@contextmanager
def server(tmp_path: Path, **settings):
    port = free_port()
    settings = {"db": str(tmp_path / "nb.sqlite"), **settings}
    with serving([sys.executable, "-c", SERVE, json.dumps(settings), str(port)], port):
        yield f"http://127.0.0.1:{port}"


def post(url: str, body: bytes, timeout: float = 60) -> tuple[int, dict]:
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def heavy_cluster(documents: int = 160) -> bytes:
    """DUC 2003 articles as one cluster: about 550 KB of real news, a brief of a second or two."""
    found: list[dict] = []
    with open(SHARED_DATA / "duc2003-task2" / "duc2003_task2.jsonl", encoding="utf-8") as lines:
        for line in lines:
            found += json.loads(line)["documents"]
    return json.dumps({"documents": found[:documents]}).encode()


SMALL = json.dumps(
    {"documents": ["A storm hit the coast on Monday. Thousands of homes lost power overnight."]}
).encode()


def test_a_brief_past_its_time_limit_gets_504_and_every_page_still_answers(tmp_path):
    with server(tmp_path, timeout=0.5) as url:
        assert post(url + "/api/briefs", SMALL)[0] == 200  # the child processes have started and loaded models
        latencies: list[float] = []
        attacking = threading.Event()

        def browse() -> None:
            while attacking.is_set():
                start = time.perf_counter()
                urllib.request.urlopen(url + "/", timeout=10).read()
                latencies.append(time.perf_counter() - start)
                time.sleep(0.02)

        attacking.set()
        browser = threading.Thread(target=browse)
        browser.start()
        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(lambda _: post(url + "/api/briefs", heavy_cluster()), range(2)))
        attacking.clear()
        browser.join()
        assert [status for status, _ in answers] == [504, 504], answers
        assert "time limit" in answers[0][1]["error"]
        assert len(latencies) > 5 and max(latencies) < 1.0, latencies
        assert post(url + "/api/briefs", SMALL)[0] == 200  # a fresh child took the killed one's place


def test_four_concurrent_heavy_briefs_all_succeed(tmp_path):
    with server(tmp_path, timeout=60, workers=2) as url:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda n: post(url + "/api/briefs", heavy_cluster(150 + n)), range(4)))
        assert [status for status, _ in answers] == [200] * 4
        assert all(brief["sentences"] for _, brief in answers)


def test_a_body_over_the_limit_is_answered_413_to_a_client_that_sends_it_all(tmp_path):
    with server(tmp_path, max_body=64_000) as url:
        status, body = post(url + "/api/briefs", json.dumps({"documents": ["word " * 40_000]}).encode())
        assert status == 413 and "limit" in body["error"]

        def chunks():  # no Content-Length: the limit is found as the body streams in
            for _ in range(50):
                yield b"word " * 1000

        request = urllib.request.Request(url + "/api/briefs", chunks(), {"Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 413


def exchange(port: int, data: bytes, wait: float) -> bytes:
    """What the server sends on a connection that sends ``data`` and then nothing for ``wait`` seconds."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait + 10) as connection:
        connection.sendall(data)
        time.sleep(wait)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
        return received  # recv gave b"": the server closed the connection


def test_slow_headers_and_slow_bodies_are_cut_off(tmp_path):
    with server(tmp_path, header_timeout=1.0, body_timeout=1.0) as url:
        port = int(url.rsplit(":", 1)[1])
        with ThreadPoolExecutor(50) as pool:  # fifty clients that never finish their headers
            answers = list(pool.map(lambda _: exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n", 2.0), range(50)))
        assert all(answer.startswith(b"HTTP/1.1 408") for answer in answers), answers[:3]
        head = b"POST /api/briefs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        answer = exchange(port, head + b"Content-Length: 1000\r\n\r\n{", 2.0)
        assert answer.startswith(b"HTTP/1.1 408") and b"took longer than 1 s" in answer
        assert urllib.request.urlopen(url + "/", timeout=5).status == 200


def test_every_request_is_logged_on_stderr_unless_quiet(tmp_path):
    for quiet in (False, True):
        port = free_port()
        command = [sys.executable, "-c", "from newsbrief.cli import main; main()", "serve", "--port", str(port)]
        command += ["--db", str(tmp_path / "nb.sqlite")] + (["--quiet"] if quiet else [])
        with serving(command, port) as process:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/?q=x", timeout=5).read()
            with pytest.raises(urllib.error.HTTPError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/clusters/99", timeout=5)
        logged = process.stderr.read()
        lines = re.findall(r"127\.0\.0\.1 (GET \S+ \d{3}) \d+ ms", logged)
        assert lines == ([] if quiet else ["GET /api/clusters 200", "GET / 200", "GET /api/clusters/99 404"]), logged
