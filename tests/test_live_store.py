"""`quotecheck serve` keeps answering while another process indexes into and removes from its store.

A real `serve` subprocess on a loopback port, two client threads calling `/api/verify` and `/api/check` without
pause, and a second process running `quotecheck index` (20 articles) then `quotecheck remove` (5) into the same
store: no request may fail, and afterwards the served results include the new articles and exclude the removed
ones, without a restart. Against a local store and a Chroma server (`store_mode`).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

QC = [sys.executable, "-m", "assistant.cli"]
ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Anna", "Marc", "Julia", "Peter", "Sofia", "Daniel", "Laura", "Victor", "Nina", "Oscar", "Clara", "Hugo",
         "Elena", "Felix", "Irene", "Jonas", "Karen", "Louis", "Maria", "Tomas", "Ursula", "Walter", "Yvonne", "Adam",
         "Berta", "Carl", "Diana", "Emil", "Greta", "Henrik"]
LAST = ["Berg", "Holm", "Lind", "Stone", "Varga", "Novak", "Keller", "Moreau", "Fischer", "Rossi"]
PLACES = ["harbour", "museum", "library", "stadium", "market", "bridge", "station", "school", "theatre", "park"]


def speaker(n: int) -> str:
    return f"{FIRST[n % len(FIRST)]} {LAST[n % len(LAST)]}"


def claim(n: int) -> str:
    return f"The new {PLACES[n % len(PLACES)]} will open for every family in district {n} next spring"


def write_article(folder: Path, n: int) -> Path:
    path = folder / f"article{n:02d}.txt"
    path.write_text(f"District {n} plans\n\nThe council of district {n} met on Tuesday to discuss the "
                    f"{PLACES[n % len(PLACES)]}. \"{claim(n)},\" said the mayor, {speaker(n)}. "
                    f"The vote is due in {['May', 'June', 'July'][n % 3]}.\n", encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(url: str, body: dict, timeout: float = 60.0) -> tuple[int, dict | str]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")[:300]
    except OSError as exc:
        return -1, str(exc)


def qc(store: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*QC, "--store", str(store), *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.fixture
def served(store_mode, tmp_path):
    """A store of 10 articles and a `serve` subprocess on it; yields (base url, store folder, tmp folder)."""
    store = tmp_path / "store"
    base = tmp_path / "base"
    base.mkdir()
    for n in range(10):
        write_article(base, n)
    done = qc(store, "index", str(base))
    assert done.returncode == 0, done.stderr
    port = free_port()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen([*QC, "--store", str(store), "serve", "--port", str(port)], cwd=ROOT,
                              stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail(f"serve did not start: {(tmp_path / 'serve.log').read_text()[-500:]}")
    try:
        yield url, store, tmp_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_serve_answers_every_request_while_another_process_indexes_and_removes(served):
    url, store, tmp_path = served
    new = tmp_path / "new"
    new.mkdir()
    added = [write_article(new, n) for n in range(10, 30)]
    removed = added[:5]
    failures: list[tuple[str, int, object]] = []
    answered = {"verify": 0, "check": 0}
    stop = threading.Event()

    def hammer(kind: str) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            if kind == "verify":
                status, body = post(f"{url}/api/verify", {"claim": claim(n % 10), "speaker": speaker(n % 10)})
            else:
                status, body = post(f"{url}/api/check", {"text": f'"{claim(n % 10)}," said {speaker(n % 10)}.'})
            if status != 200:
                failures.append((kind, status, body))
            else:
                answered[kind] += 1

    threads = [threading.Thread(target=hammer, args=(kind,)) for kind in ("verify", "check")]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.0)
        indexed = qc(store, "index", str(new))
        gone = qc(store, "remove", *map(str, removed))
        time.sleep(2.5)  # readers notice a new generation within REFRESH_SECONDS
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=120)
    assert indexed.returncode == 0, indexed.stderr
    assert gone.returncode == 0, gone.stderr
    assert failures == [], failures[:3]
    assert answered["verify"] >= 5 and answered["check"] >= 5, answered

    # Without a restart: the new articles are served, the removed ones are not.
    status, fresh = post(f"{url}/api/verify", {"claim": claim(29), "speaker": speaker(29)})
    assert status == 200 and fresh["verdict"] == "verbatim" and fresh["source"]["source"] == str(added[-1])
    for path, n in zip(removed, range(10, 15)):
        status, result = post(f"{url}/api/verify", {"claim": claim(n), "speaker": speaker(n)})
        assert status == 200 and (result["source"] or {}).get("source") != str(path)
    with urllib.request.urlopen(f"{url}/api/health", timeout=10) as response:
        assert json.loads(response.read())["articles"] == 25
