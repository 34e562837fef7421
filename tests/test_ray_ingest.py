"""Indexing on a local Ray cluster (no network): the same store as one process, and a run killed
mid-way and resumed gives that store again. Ray is the `ray` extra; `make test` installs it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from ingest_helpers import store_contents
from retrieval.index import Index
from retrieval.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "examples" / "articles"

# Run in a child process: index with Ray, and die (SIGKILL, no clean-up) once the first batch is
# committed and the second batch's passages are written, before its article records.
KILLED_RUN = """
import os, signal, sys
from retrieval.index import Index, writer
from retrieval.settings import Settings

writer.BATCH_ARTICLES = 2
index = Index.open(Settings(_env_file=None, quotecheck_store=sys.argv[1], quotecheck_embedder="hash"))
add, commits = index.store.add, []
def add_then_die(collection, *args, **kwargs):
    add(collection, *args, **kwargs)
    if collection == "articles":
        commits.append(1)
    elif collection == "passages" and commits:
        os.kill(os.getpid(), signal.SIGKILL)
index.store.add = add_then_die
index.add_paths([sys.argv[2]], ray=sys.argv[3])
"""


def test_ray_missing_is_a_clear_error_naming_the_extra(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError
    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    code = main(["--store", str(tmp_path / "store"), "index", "--ray", "auto", str(ARTICLES)])
    assert code == 1
    assert "pip install 'quotecheck[ray]'" in capsys.readouterr().err


ray = pytest.importorskip("ray", reason="Ray is an optional extra (pip install 'quotecheck[ray]'); "
                                        "`make test` installs it")


@pytest.fixture(scope="module")
def cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


def open_index(folder: Path) -> Index:
    return Index.open(Settings(_env_file=None, quotecheck_store=folder, quotecheck_embedder="hash"))


@pytest.fixture(scope="module")
def single_process(tmp_path_factory):
    index = open_index(tmp_path_factory.mktemp("single") / "store")
    index.add_paths([str(ARTICLES)], workers=1)
    return store_contents(index.store)


def test_ray_writes_the_same_articles_passages_and_quotes_as_one_process(cluster, single_process, tmp_path,
                                                                           monkeypatch):
    monkeypatch.setattr("retrieval.index.writer.BATCH_ARTICLES", 2)
    index = open_index(tmp_path / "store")
    report = index.add_paths([str(ARTICLES)], ray=cluster)
    assert len(report.added) == 5 and report.quotes > 0
    assert store_contents(index.store) == single_process


def test_a_ray_run_killed_mid_way_and_resumed_gives_the_same_store(cluster, single_process, tmp_path, monkeypatch):
    store = tmp_path / "store"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, str(store), str(ARTICLES), cluster], env=env,
                            capture_output=True, text=True, timeout=120)
    assert killed.returncode == -9, killed.stderr[-2000:]
    partial = store_contents(open_index(store).store)
    assert len(partial["articles"]) == 2  # the first batch committed, the second one's passages orphaned
    assert len(partial["passages"]) > sum(1 for row in single_process["passages"]
                                          if row[2]["article_id"] in {a[0] for a in partial["articles"]})

    monkeypatch.setattr("retrieval.index.writer.BATCH_ARTICLES", 2)
    index = open_index(store)
    report = index.add_paths([str(ARTICLES)], ray=cluster)
    assert len(report.added) == 3 and len(report.unchanged) == 2
    assert store_contents(index.store) == single_process
    assert json.dumps(index.doctor()["orphan_passages"]) == "0"
