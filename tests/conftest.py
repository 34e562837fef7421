"""Shared fixtures. Add yours below; keep each fixture self-contained.

`store_mode` runs a test against both kinds of store: `local` (Chroma files in a temp folder) and
`server` (one `chroma run` subprocess on a free loopback port for the whole session, its three
collections dropped before each test). When the server cannot start here, server-mode tests skip
with the reason, unless QUOTECHECK_REQUIRE_SERVER=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from retrieval.settings import Settings

CHROMA_START_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chroma_alive(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class ChromaServer:
    """A `chroma run` subprocess on loopback, or the reason it could not start."""

    def __init__(self, url: str | None, process: subprocess.Popen | None, problem: str | None):
        self.url, self.process, self.problem = url, process, problem

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _start_chroma(data_dir: Path) -> ChromaServer:
    chroma = Path(sys.executable).with_name("chroma")
    if not chroma.exists():
        return ChromaServer(None, None, f"no `chroma` executable beside {sys.executable}")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(data_dir / "chroma.log", "wb")
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(data_dir / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
    )
    deadline = time.monotonic() + CHROMA_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = (data_dir / "chroma.log").read_text(errors="replace")[-300:]
            return ChromaServer(None, None, f"`chroma run` exited with {process.returncode}: {tail.strip()}")
        if _chroma_alive(url):
            return ChromaServer(url, process, None)
        time.sleep(0.25)
    server = ChromaServer(None, process, f"`chroma run` did not answer on {url} within {CHROMA_START_TIMEOUT:.0f} s")
    server.stop()
    return server


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """One Chroma server for the session (started on first use, stopped at the end)."""
    server = _start_chroma(tmp_path_factory.mktemp("chroma-server"))
    yield server
    server.stop()


def _need_server(server: ChromaServer) -> str:
    if server.url:
        return server.url
    message = f"Chroma server mode unavailable: {server.problem}"
    if os.environ.get("QUOTECHECK_REQUIRE_SERVER") == "1":
        pytest.fail(message + " (QUOTECHECK_REQUIRE_SERVER=1)", pytrace=False)
    pytest.skip(message)


def _reset_server(url: str) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from retrieval.store import COLLECTIONS, STATE

    port = int(url.rsplit(":", 1)[1])
    client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=ChromaSettings(anonymized_telemetry=False))
    existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    for name in (*COLLECTIONS, STATE):
        if name in existing:
            client.delete_collection(name)


def point_at_mode(env, request, mode: str) -> str | None:
    """Server mode: QUOTECHECK_CHROMA_URL names the session's Chroma server, emptied. Local: unset."""
    if mode == "server":
        url = _need_server(request.getfixturevalue("chroma_server"))
        _reset_server(url)
        env.setenv("QUOTECHECK_CHROMA_URL", url)
        return url
    env.delenv("QUOTECHECK_CHROMA_URL", raising=False)
    return None


@pytest.fixture(params=["local", "server"])
def store_mode(request, tmp_path, monkeypatch) -> Settings:
    """Settings for a fresh, empty store: a local folder, or a Chroma server emptied for this test.

    The environment is set to match (QUOTECHECK_STORE, QUOTECHECK_CHROMA_URL, QUOTECHECK_EMBEDDER=hash,
    a private cache folder), so `main([...])` and subprocesses see the same store. `request.param`
    names the mode; `settings.quotecheck_chroma_url` is set in server mode only.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the server-mode lexical cache
    monkeypatch.setenv("QUOTECHECK_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    url = point_at_mode(monkeypatch, request, request.param)
    return Settings(_env_file=None, quotecheck_store=tmp_path / "store", quotecheck_chroma_url=url,
                    quotecheck_embedder="hash")


def pytest_ignore_collect(collection_path, config):
    """tests/llm_server/ needs a real model server: collected only by `make test-llm`."""
    if collection_path.name == "llm_server" and os.environ.get("QUOTECHECK_LLM_SERVER") != "1":
        return True
    return None


@pytest.fixture(scope="module")
def spacy_models():
    """Both spaCy models, loaded once (they are cached) before a module's first test, so that no single
    test pays for loading them; modules ask for it with `pytestmark = pytest.mark.usefixtures(...)`."""
    from retrieval.quotes.nlp import load

    return load("fr"), load("en")
