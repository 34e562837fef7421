"""The store interface, the same for every implementation (the in-memory fake, a local Chroma folder, a Chroma
server), and the read snapshot on top of it: a reader keeps the view it started with, readers do not wait for
each other, and threads reading while another writes see whole articles only."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import point_at_mode
from retrieval.embeddings import HashEmbedder
from retrieval.errors import StoreLockedError
from retrieval.index import Index
from retrieval.ingest import make_article
from retrieval.settings import Settings
from retrieval.store import ChromaStore, MemoryStore, Store
from retrieval.types import Quote

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(params=["memory", "local", "server"])
def store(request, tmp_path, monkeypatch) -> Store:
    if request.param == "memory":
        return MemoryStore()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    url = point_at_mode(monkeypatch, request, request.param)
    return ChromaStore.open(Settings(_env_file=None, quotecheck_store=tmp_path / "store", quotecheck_chroma_url=url),
                            "hash-fake", 3)


def meta(article: str, n: int) -> dict:
    return {"article_id": article, "source": f"{article}.txt", "start": n, "end": n + 1}


def test_records_are_added_got_scanned_counted_and_removed_by_id_or_by_article(store):
    store.add("passages", ["a:p0", "a:p1", "b:p0"], ["one", "two", "three"],
              [meta("a", 0), meta("a", 1), meta("b", 0)], np.eye(3, dtype=np.float32))
    assert store.count("passages") == 3
    got = {r.id: r for r in store.get("passages", ["a:p1", "missing", "b:p0"])}
    assert set(got) == {"a:p1", "b:p0"} and got["a:p1"].document == "two" and got["a:p1"].meta == meta("a", 1)
    assert got["a:p1"].embedding is None
    [with_vector] = store.get("passages", ["b:p0"], documents=False, embeddings=True)
    assert with_vector.document is None and np.allclose(with_vector.embedding, [0, 0, 1])
    assert {r.id for r in store.scan("passages")} == {"a:p0", "a:p1", "b:p0"}
    store.remove("passages", article_id="a")
    assert [r.id for r in store.scan("passages", documents=True)] == ["b:p0"]
    store.remove("passages", ["b:p0"])
    assert store.count("passages") == 0 and store.get("passages", ["b:p0"]) == []


def test_adding_an_existing_id_replaces_it_and_update_changes_only_the_metadata(store):
    store.add("articles", ["x"], ["old text"], [{"source": "x.txt"}], [[1, 0, 0]])
    store.add("articles", ["x"], ["new text"], [{"source": "x.txt"}], [[0, 1, 0]])
    store.update("articles", ["x"], [{"source": "y.txt"}])
    [record] = store.get("articles", ["x"])
    assert store.count("articles") == 1 and record.document == "new text" and record.meta == {"source": "y.txt"}


def test_query_gives_the_nearest_records_first_with_their_cosine_distance(store):
    store.add("quotes", ["q0", "q1", "q2"], ["east", "north", "north-east"],
              [meta("a", 0), meta("a", 1), meta("a", 2)], [[1, 0, 0], [0, 1, 0], [1, 1, 0]])
    near = store.query("quotes", np.array([0.1, 1.0, 0.0], dtype=np.float32), 2)
    assert [n.id for n in near] == ["q1", "q2"] and near[0].document == "north"
    assert near[0].metadata == meta("a", 1) and 0 <= near[0].distance < near[1].distance
    assert [n.id for n in store.query("quotes", np.array([1, 0, 0], dtype=np.float32), 10, documents=False)] == \
        ["q0", "q2", "q1"]


def test_every_change_is_a_new_generation_token(store):
    before = store.generation()
    first = store.bump()
    second = store.bump()
    assert len({before, first, second}) == 3 and store.generation() == second


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(store):
    if store.mode == "server":
        pytest.skip("a Chroma server takes concurrent writers")
    with store.writing() as last_writer_died:
        assert last_writer_died is False
        failed = []
        thread = threading.Thread(target=lambda: failed.append(_try_writing(store)))
        thread.start()
        thread.join()
        assert failed == [True]


def _try_writing(store: Store) -> bool:
    try:
        with store.writing():
            return False
    except StoreLockedError:
        return True


def test_the_memory_store_gives_an_index_the_same_results_as_chroma(tmp_path):
    def marks(text: str, lang: str) -> list[Quote]:
        return [Quote(text=m.group(1), start=m.start(1), end=m.end(1), speaker="Jensen Huang", kind="direct")
                for m in re.finditer(r"«\s*([^«»]{12,}?)\s*»", text)]

    memory = Index(Settings(_env_file=None), MemoryStore(), HashEmbedder(), marks)
    chroma = Index.open(Settings(_env_file=None, quotecheck_store=tmp_path / "store", quotecheck_embedder="hash"),
                        embedder=HashEmbedder(), extractor=marks)
    for index in (memory, chroma):
        index.add_paths([str(ARTICLES)])
    for query in ("export licences for the H20", "vaccination Prymula", "Oscars Charlotte Rampling"):
        assert [(h.source, h.start, h.end, h.text) for h in memory.search(query)] == \
               [(h.source, h.start, h.end, h.text) for h in chroma.search(query)]
        assert memory.search_quotes(query, k=3, speaker="Huang") == chroma.search_quotes(query, k=3, speaker="Huang")
    assert memory.quotes() == chroma.quotes()
    listed = [[{k: v for k, v in a.items() if k != "indexed_at"} for a in index.articles()] for index in (memory, chroma)]
    assert listed[0] == listed[1]
    assert memory.doctor() == chroma.doctor()


# ------------------------------------------------------------------------------ the read snapshot

SAID = "Nous tiendrons parole"


def two_quotes(text: str, lang: str) -> list[Quote]:
    """Every article below has exactly two quotes: a reader that sees one without the other saw half a write."""
    out = []
    for n in (1, 2):
        start = text.find(f"{SAID} {n}")
        out.append(Quote(text=f"{SAID} {n}", start=start, end=start + len(SAID) + 2, speaker="Marie Dupont"))
    return out


def article(n: int):
    return make_article(f"Article {n}\n\n« {SAID} 1 », a déclaré Marie Dupont au port {n}. « {SAID} 2 », "
                        f"a-t-elle ajouté devant le conseil {n}.\n", source=f"a{n:03d}.txt")


def test_a_reader_keeps_the_snapshot_it_started_with_while_a_write_swaps_in_a_new_one():
    index = Index(Settings(_env_file=None), MemoryStore(), HashEmbedder(), two_quotes)
    index.add_articles([article(0)])
    held = index.snapshot()
    assert len(held.derived.quotes.records) == 2
    index.add_articles([article(1)])
    index.remove_sources(["a000.txt"])
    assert len(held.committed) == 1 and len(held.derived.quotes.records) == 2  # unchanged
    now = index.snapshot()
    assert now is not held and [a["source"] for a in now.articles()] == ["a001.txt"]
    assert {q.source for q in index.quotes()} == {"a001.txt"}


def test_readers_go_on_with_their_snapshot_while_another_thread_refreshes_it():
    index = Index(Settings(_env_file=None), MemoryStore(), HashEmbedder(), two_quotes)
    index.add_articles([article(0)])
    held = index.snapshot()
    with index.view._building:  # another thread is building the next snapshot
        started = time.monotonic()
        assert index.snapshot(max_age=0.0001) is held
        assert index.search(f"{SAID} port 0", k=1)[0].source == "a000.txt"
        assert time.monotonic() - started < 1.0


def test_threads_reading_while_another_writes_see_whole_articles_only():
    """Four readers and one writer (adding, replacing and removing) on one index: every snapshot a reader takes
    holds each committed article with both its quotes, and every hit is exact text of a committed article."""
    store = MemoryStore()
    index = Index(Settings(_env_file=None), store, HashEmbedder(), two_quotes)
    writer = Index(Settings(_env_file=None), store, HashEmbedder(), two_quotes)  # another process, in effect
    writer.writer.grace = 0.2  # longer than these readers' snapshots lag (1 ms) plus one read
    index.add_articles([article(n) for n in range(5)])
    stop, problems, reads, live = threading.Event(), [], [0], set(range(5))

    def write() -> None:
        for n in range(5, 60, 2):
            writer.add_articles([article(n), article(n + 1)])
            writer.remove_sources([f"a{n - 4:03d}.txt"])
            live.update((n, n + 1))
            live.discard(n - 4)

    def read() -> None:
        while not stop.is_set():
            try:
                snap = index.snapshot(max_age=0.001)
                book = snap.derived.quotes
                if set(book.by_article) != set(snap.committed) or any(len(q) != 2 for q in book.by_article.values()):
                    problems.append(("half an article", sorted(snap.committed)))
                for hit in index.search(f"{SAID} conseil", k=5):
                    if index.article(hit.article_id).text[hit.start:hit.end] != hit.text:
                        problems.append(("inexact hit", hit.source))
                for quote, _ in index.search_quotes(SAID, k=4, speaker="Dupont"):
                    if index.article_text(quote.article_id)[quote.start:quote.end] != quote.text:
                        problems.append(("inexact quote", quote.source))
                reads[0] += 1
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                problems.append((type(exc).__name__, str(exc)))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    write()
    time.sleep(0.2)
    stop.set()
    for thread in readers:
        thread.join(timeout=30)
    assert problems == [], problems[:3]
    assert reads[0] > 20
    assert sorted(a["source"] for a in index.articles()) == [f"a{n:03d}.txt" for n in sorted(live)]
