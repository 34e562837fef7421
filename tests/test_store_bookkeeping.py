"""What the store records about where texts come from, and what `remove` takes away: against a local store and
a Chroma server (`store_mode`), through the CLI as a user runs it, and through the index a reader holds."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from assistant.cli import main
from retrieval.embeddings import HashEmbedder
from retrieval.index import REFRESH_SECONDS, Index
from retrieval.index.writer import orphans
from retrieval.ingest import read_html
from retrieval.settings import Settings
from retrieval.sources import merge
from retrieval.types import Quote

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
WIRE = ("Harbour council approves the bridge\n\n"
        "The harbour council approved the new bridge on Tuesday after a long debate. "
        '"This bridge will change the life of every family in the town," said the mayor, Anna Berg.\n')
CLAIM = "This bridge will change the life of every family in the town"


def first_quote(text: str, lang: str) -> list[Quote]:
    """A deterministic stand-in for extraction: the first double-quoted span, said by Anna Berg."""
    start = text.find('"') + 1
    end = text.find('"', start)
    return [Quote(text=text[start:end], start=start, end=end, speaker="Anna Berg", kind="direct")] if start and end > 0 else []


def open_index(settings: Settings) -> Index:
    return Index.open(settings, embedder=HashEmbedder(), extractor=first_quote)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()  # what earlier commands printed
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_run(capsys, *argv: str) -> tuple[int, list[dict]]:
    code, out, _ = run(capsys, *argv, "--json")
    return code, [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(ARTICLES, folder)
    return folder


# ------------------------------------------------------------------------------ remove


def test_a_removed_source_is_no_longer_searched_cited_or_verified(store_mode, docs, capsys):
    target = docs / "fr_nvidia_h20.txt"
    assert main(["index", str(docs)]) == 0
    code, [before] = json_run(capsys, "verify", "Les entreprises chinoises sont très talentueuses et très déterminées")
    assert before["source"]["source"] == str(target)
    code, out, err = run(capsys, "remove", str(target))
    assert code == 0 and str(target) in out, err
    _, hits = json_run(capsys, "search", "Nvidia H20 export licences Jensen Huang", "-k", "20")
    assert hits and all(h["source"] != str(target) for h in hits)
    _, [after] = json_run(capsys, "verify", "Les entreprises chinoises sont très talentueuses et très déterminées")
    assert (after["source"] or {}).get("source") != str(target)
    _, [answer] = json_run(capsys, "ask", "Qu'a dit Jensen Huang des entreprises chinoises ?")
    assert all(c["source"] != str(target) for c in answer["citations"])
    _, quotes = json_run(capsys, "quotes")
    assert quotes and all(q["source"] != str(target) for q in quotes)
    index = open_index(store_mode)
    assert index.store.count("articles") == 4
    assert orphans(index.store) == {"passages": set(), "quotes": set()}
    assert all(r.meta["source"] != str(target) for r in index.store.scan("passages"))


def test_remove_names_each_source_not_in_the_store_and_exits_1(store_mode, docs, capsys):
    assert main(["index", str(docs), "--no-quotes"]) == 0
    kept = str(docs / "fr_nvidia_h20.txt")
    code, out, err = run(capsys, "remove", kept, "nowhere.txt", "https://example.org/none")
    assert code == 1
    assert "nowhere.txt: not in the store" in err and "https://example.org/none: not in the store" in err
    assert f"removed {kept}" in out  # the sources that were there are removed all the same
    code, [result] = json_run(capsys, "remove", kept)
    assert code == 1 and result == {"removed": [], "missing": [kept]}


def test_a_reader_holding_caches_stops_citing_an_article_another_process_removed(store_mode, docs):
    reader = open_index(store_mode)
    reader.add_paths([str(docs)])
    target = str(docs / "fr_nvidia_h20.txt")
    assert any(h.source == target for h in reader.search("Nvidia H20 Jensen Huang", k=10))  # caches warm
    assert any(q.source == target for q in reader.quotes())
    writer = open_index(store_mode)  # another process: it only shares the store
    removed, missing = writer.remove_sources([target])
    assert removed == [target] and missing == []
    time.sleep(REFRESH_SECONDS + 0.1)
    assert all(h.source != target for h in reader.search("Nvidia H20 Jensen Huang", k=10))
    assert all(q.source != target for q in reader.quotes())
    assert all(q.source != target for q, _ in reader.search_quotes("entreprises chinoises talentueuses", k=10))


def test_remove_invalidates_the_cached_bm25_and_quote_records_of_the_store(store_mode, docs):
    index = open_index(store_mode)
    index.add_paths([str(docs)])
    index.search("Oscars Charlotte Rampling")
    index.quotes()
    target = str(docs / "07_fr_teleloisirs-rampling-oscars.txt")
    index.remove_sources([target])
    fresh = open_index(store_mode)  # a new process: it reads the on-disk caches
    assert all(h.source != target for h in fresh.search("Oscars Charlotte Rampling", k=10))
    assert all(q.source != target for q in fresh.quotes())
    assert len(fresh.committed) == 4


# ------------------------------------------------------------------------------ sources of one text


def test_the_same_text_under_a_second_name_is_recorded_as_a_second_source(store_mode, tmp_path, capsys):
    (tmp_path / "reuters.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "afp.txt").write_text(WIRE, encoding="utf-8")
    code, [first] = json_run(capsys, "index", str(tmp_path / "reuters.txt"))
    assert code == 0 and first["added"] == [str(tmp_path / "reuters.txt")]
    code, [second] = json_run(capsys, "index", str(tmp_path / "afp.txt"))
    assert code == 0 and second["copies"] == [str(tmp_path / "afp.txt")] and second["unchanged"] == []
    both = [str(tmp_path / "reuters.txt"), str(tmp_path / "afp.txt")]
    _, hits = json_run(capsys, "search", "harbour bridge")
    assert hits[0]["source"] == both[0] and hits[0]["sources"] == both
    _, [result] = json_run(capsys, "verify", CLAIM, "--speaker", "Anna Berg")
    assert result["source"]["source"] == both[0] and result["source"]["sources"] == both
    code, [again] = json_run(capsys, "index", *both)  # re-indexing the same content changes nothing
    assert again["unchanged"] == both and again["copies"] == [] and again["added"] == []


def test_two_copies_in_one_run_are_one_article_with_both_sources(store_mode, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WIRE, encoding="utf-8")
    index = open_index(store_mode)
    report = index.add_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert report.added == [str(tmp_path / "a.txt")] and report.copies == [str(tmp_path / "b.txt")]
    assert index.store.count("articles") == 1
    [hit] = index.search("harbour bridge", k=1)
    assert hit.sources == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_removing_one_copy_keeps_the_text_under_the_other(store_mode, tmp_path, capsys):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WIRE, encoding="utf-8")
    assert main(["index", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    assert main(["remove", str(tmp_path / "a.txt")]) == 0
    capsys.readouterr()
    _, [result] = json_run(capsys, "verify", CLAIM, "--speaker", "Anna Berg")
    assert result["source"]["source"] == str(tmp_path / "b.txt") and result["source"]["sources"] == [str(tmp_path / "b.txt")]
    assert main(["remove", str(tmp_path / "b.txt")]) == 0
    assert open_index(store_mode).store.count("articles") == 0


def test_editing_one_of_two_copies_leaves_the_other_its_text(store_mode, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(WIRE, encoding="utf-8")
    index = open_index(store_mode)
    index.add_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    (tmp_path / "a.txt").write_text(WIRE + "\nA correction was added later.\n", encoding="utf-8")
    report = index.add_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert report.replaced == [str(tmp_path / "a.txt")] and report.unchanged == [str(tmp_path / "b.txt")]
    by_source = {a["source"]: a["sources"] for a in index.articles()}
    assert by_source == {str(tmp_path / "a.txt"): [str(tmp_path / "a.txt")], str(tmp_path / "b.txt"): [str(tmp_path / "b.txt")]}


def test_a_renamed_file_updates_its_source_path(store_mode, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "draft-name.txt").write_text(WIRE, encoding="utf-8")
    assert main(["index", str(docs)]) == 0
    (docs / "draft-name.txt").rename(docs / "final-name.txt")
    code, [report] = json_run(capsys, "index", str(docs))
    assert code == 0
    assert report["renamed"] == [{"from": str(docs / "draft-name.txt"), "to": str(docs / "final-name.txt")}]
    _, [result] = json_run(capsys, "verify", CLAIM, "--speaker", "Anna Berg")
    assert result["source"]["source"] == str(docs / "final-name.txt")
    assert result["source"]["sources"] == [str(docs / "final-name.txt")]
    _, hits = json_run(capsys, "search", "harbour bridge")
    assert {h["source"] for h in hits} == {str(docs / "final-name.txt")}
    _, quotes = json_run(capsys, "quotes")
    assert {q["source"] for q in quotes} == {str(docs / "final-name.txt")}


def test_a_copy_is_not_taken_for_a_rename_while_the_first_file_exists():
    merged = merge(["a.txt"], {"a.txt": "/x/a.txt"}, ["b.txt"], {"b.txt": "/x/b.txt"}, exists=lambda p: True)
    assert merged.sources == ["a.txt", "b.txt"] and merged.copies == ["b.txt"] and merged.renamed == []
    merged = merge(["a.txt"], {"a.txt": "/x/a.txt"}, ["b.txt"], {"b.txt": "/x/b.txt"}, exists=lambda p: False)
    assert merged.sources == ["b.txt"] and merged.renamed == [("a.txt", "b.txt")]
    merged = merge(["a.txt"], {}, ["upload.txt"], {}, exists=lambda p: False)  # an upload renames nothing
    assert merged.sources == ["a.txt", "upload.txt"]


# ------------------------------------------------------------------------------ inputs


def test_a_folder_with_only_unsupported_files_says_so_and_exits_1(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    monkeypatch.setenv("COLUMNS", "300")
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    code, out, err = run(capsys, "--store", str(tmp_path / "store"), "index", str(folder))
    assert code == 1
    assert f"error: {folder}: only .docx, .pdf files in this folder, nothing to index" in err
    assert "1 rejected" in out


def test_an_empty_folder_is_rejected_by_name(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "--store", str(tmp_path / "store"), "index", str(tmp_path / "empty"))
    assert code == 1 and "no files in this folder" in err


PAGE = """<html><head><title>Harbour bridge approved</title>{meta}</head><body><article>
<h1>Harbour bridge approved</h1>
<p>The harbour council approved the new bridge on Tuesday after a long debate among its members.</p>
<p>"It is a great day," said the mayor, Anna Berg, who had campaigned for the project for years.</p></article>
<footer><p>&copy; 2019 Harbour News. All rights reserved. Copyright 2019.</p></footer></body></html>"""


def test_an_html_date_is_never_taken_from_a_footer_copyright_line():
    article = read_html(PAGE.format(meta="").encode(), "page.html")
    assert article.date is None


def test_an_html_date_from_the_page_markup_is_kept():
    meta = '<meta property="article:published_time" content="2024-03-12T10:00:00Z">'
    assert read_html(PAGE.format(meta=meta).encode(), "page.html").date == "2024-03-12"
