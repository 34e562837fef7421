"""Every storage feature, against a local store and a Chroma server (`store_mode`), with the same results.

The hash embedder keeps these fast: what is compared here is the store, not the embedder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.cli import main
from retrieval.embeddings import HashEmbedder
from retrieval.index import REFRESH_SECONDS, Index
from retrieval.index.writer import delete_article
from retrieval.settings import Settings
from retrieval.types import Quote

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
QUERIES = ["export licences for the H20", "Jensen Huang entreprises chinoises", "Oscars Charlotte Rampling",
           "Parasite SAG awards cast", "vaccination Prymula", "Wild Parise goal"]
_QUOTED = re.compile(r"[«\"“]\s*([^«»\"“”]{12,}?)\s*[»\"”]")


def marks_extractor(text: str, lang: str) -> list[Quote]:
    """A deterministic stand-in for quote extraction: every quoted span, attributed to one speaker."""
    return [Quote(text=m.group(1), start=m.start(1), end=m.end(1), speaker="Jensen Huang", kind="direct")
            for m in _QUOTED.finditer(text)]


def open_index(settings: Settings) -> Index:
    return Index.open(settings, embedder=HashEmbedder(), extractor=marks_extractor)


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(ARTICLES, folder)
    return folder


def snapshot(index: Index) -> dict[str, set[str]]:
    return {name: {r.id for r in index.store.scan(name)} for name in ("articles", "passages", "quotes")}


def hits(index: Index, query: str) -> list[tuple]:
    return [(h.source, h.start, h.end, h.text, h.score) for h in index.search(query, k=5)]


def test_indexing_a_folder_commits_every_article_with_exact_passages(store_mode, docs):
    index = open_index(store_mode)
    report = index.add_paths([str(docs)])
    assert len(report.added) == 5 and not report.errors and report.passages > 0 and report.quotes > 0
    assert index.store.count("articles") == 5
    for record in index.store.scan("passages", documents=True):
        meta = record.meta
        assert index.article(meta["article_id"]).text[meta["start"]:meta["end"]] == record.document
    assert index.doctor() == {"articles": 5, "orphan_passages": 0, "orphan_quotes": 0, "duplicate_sources": 0,
                              "repaired": False}


def test_reindexing_the_same_folder_changes_nothing(store_mode, docs):
    index = open_index(store_mode)
    index.add_paths([str(docs)])
    before = snapshot(index)
    again = index.add_paths([str(docs)])
    assert again.added == [] and again.replaced == [] and len(again.unchanged) == 5 and again.passages == 0
    assert snapshot(index) == before


def test_editing_a_file_replaces_exactly_its_article(store_mode, docs):
    index = open_index(store_mode)
    index.add_paths([str(docs)])
    target = docs / "07_fr_teleloisirs-rampling-oscars.txt"
    before = snapshot(index)
    target.write_text(target.read_text(encoding="utf-8") + "\n\nUn paragraphe ajouté sur la zibeline dorée.\n",
                      encoding="utf-8")
    report = index.add_paths([str(docs)])
    assert report.replaced == [str(target)] and len(report.unchanged) == 4
    after = snapshot(index)
    assert len(after["articles"]) == 5 and len(after["articles"] - before["articles"]) == 1
    old_parts = {p for p in before["passages"] - after["passages"]}
    assert old_parts and all(p.split(":")[0] not in after["articles"] for p in old_parts)
    top = index.search("zibeline dorée", k=1)[0]
    assert top.source == str(target) and "zibeline dorée" in top.text
    assert index.doctor()["duplicate_sources"] == 0


def test_search_results_are_identical_in_local_and_server_mode(store_mode, docs, tmp_path):
    """The same corpus gives the same hits, offsets and scores on a Chroma server as in local files."""
    if store_mode.quotecheck_chroma_url is None:
        pytest.skip("compares server mode with a local reference; runs in the server parametrisation")
    server = open_index(store_mode)
    local = open_index(Settings(_env_file=None, quotecheck_store=tmp_path / "local-store", quotecheck_embedder="hash"))
    for index in (server, local):
        index.add_paths([str(docs)])
    for query in QUERIES:
        assert hits(server, query) == hits(local, query), query
        assert [(q.source, q.start) for q, _ in server.search_quotes(query, k=5)] == \
               [(q.source, q.start) for q, _ in local.search_quotes(query, k=5)]
    assert server.quotes() == local.quotes()
    assert [a["id"] for a in server.articles()] == [a["id"] for a in local.articles()]


def test_quotes_listing_gives_exact_spans_of_each_article(store_mode, docs):
    index = open_index(store_mode)
    index.add_paths([str(docs)])
    quotes = index.quotes()
    assert quotes and len(quotes) == index.store.count("quotes")
    for q in quotes:
        assert index.article(q.article_id).text[q.start:q.end] == q.text
    assert index.quotes(speaker="Huang") == quotes
    assert index.quotes(speaker="Somebody Else") == []
    nvidia = [q for q in quotes if q.source.endswith("fr_nvidia_h20.txt")]
    assert index.quotes(article_id=nvidia[0].article_id) == nvidia


def test_two_machines_on_one_store_see_the_same_lexical_results(store_mode, docs, tmp_path):
    """Machine B opened the store before machine A indexed; B then sees A's articles, as does a fresh process."""
    a, b = open_index(store_mode), open_index(store_mode)
    query = "licences d'exportation H20"
    assert b.search(query) == []
    a.add_paths([str(docs)])
    lexical_a = a.snapshot().derived.passages.search(query, 10)
    time.sleep(REFRESH_SECONDS)  # a reader re-reads other writers' commits at most this often
    assert b.search(query, k=5) == a.search(query, k=5) != []
    assert b.snapshot().derived.passages.search(query, 10) == lexical_a
    # A third machine: another process with an empty cache of its own.
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "machine-c-cache"))
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "--store", str(store_mode.quotecheck_store),
                          "search", query, "-k", "5", "--json"], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(h["source"], h["start"], h["end"]) for h in seen] == [(h.source, h.start, h.end) for h in a.search(query)]


def test_doctor_finds_and_repairs_orphans_and_duplicate_sources(store_mode, docs, capsys):
    index = open_index(store_mode)
    index.add_paths([str(docs)])
    good = snapshot(index)
    vec = np.ones((1, index.embedder.dim), dtype=np.float32).tolist()
    # Orphans: the parts of an article whose commit never happened.
    meta = {"article_id": "never-committed", "source": "x.txt", "title": "x", "lang": "en", "start": 0, "end": 5}
    index.store.add("passages", ["never-committed:p0"], ["hello"], [meta], vec)
    index.store.add("quotes", ["never-committed:q0"], ["hello"],
                    [{**meta, "speaker": "", "kind": "direct", "confidence": 0.5}], vec)
    # A duplicate source: an older committed version left behind by an interrupted replace.
    source = str(docs / "fr_nvidia_h20.txt")
    index.store.add("articles", ["older-version"], ["Ancienne version"],
                    [{"source": source, "title": "old", "lang": "fr", "indexed_at": 1.0}], vec)
    assert main(["doctor", "--json"]) == 3
    found = json.loads(capsys.readouterr().out)
    assert found == {"articles": 6, "orphan_passages": 1, "orphan_quotes": 1, "duplicate_sources": 1, "repaired": False}
    assert main(["doctor", "--repair", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["repaired"] is True
    assert main(["doctor", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"articles": 5, "orphan_passages": 0, "orphan_quotes": 0,
                                                   "duplicate_sources": 0, "repaired": False}
    assert snapshot(index) == good  # the newest version of the source was kept


def test_a_reader_relists_the_committed_articles_only_when_a_writer_changed_them(store_mode, docs, monkeypatch):
    """Listing every article id is what a large store makes slow: a reader does it only when the
    generation token says another writer committed or deleted something."""
    writer, reader = open_index(store_mode), open_index(store_mode)
    writer.add_paths([str(docs / "fr_nvidia_h20.txt")])
    assert len(reader.committed) == 1
    listings = []
    real = reader.store.scan
    monkeypatch.setattr(reader.store, "scan",
                        lambda name, **kw: (listings.append(1) if name == "articles" else None) or real(name, **kw))
    for _ in range(3):  # nothing changed: the token is read, the ids are not listed
        reader.refresh(max_age=0.001)
        time.sleep(0.002)
    assert listings == []
    writer.add_paths([str(docs)])
    reader.refresh(max_age=0.001)
    assert len(listings) == 1 and len(reader.committed) == 5
    delete_article(writer.store, next(iter(writer.committed)))
    time.sleep(0.002)
    reader.refresh(max_age=0.001)
    assert len(listings) == 2 and len(reader.committed) == 4
