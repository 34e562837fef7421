"""Indexing with the real embedder: the index's logic (bookkeeping, passages, search, speaker lookups) on the
in-memory store; what only Chroma does (the write lock, the embedder check, the on-disk cache) on a real local
store in a temp folder."""

import json
import shutil
from pathlib import Path

import pytest

from assistant.cli import main
from retrieval.embeddings import USEEmbedder
from retrieval.index import Index
from retrieval.settings import Settings
from retrieval.store import MemoryStore

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"


@pytest.fixture(scope="module")
def embedder():
    return USEEmbedder()


def open_index(folder, embedder) -> Index:
    return Index.open(Settings(quotecheck_store=folder), embedder=embedder, extractor=lambda text, lang: [])


def memory_index(embedder, extractor=lambda text, lang: []) -> Index:
    """An index on the in-memory store: nothing written to disk (its cache folder is None)."""
    return Index(Settings(_env_file=None), MemoryStore(), embedder, extractor)


def counts(index: Index) -> tuple[int, int]:
    return index.store.count("articles"), index.store.count("passages")


def test_indexing_the_same_folder_twice_adds_nothing(tmp_path, embedder):
    docs = tmp_path / "docs"
    shutil.copytree(ARTICLES, docs)
    index = memory_index(embedder)
    first = index.add_paths([str(docs)])
    assert len(first.added) == 5 and not first.errors
    before = counts(index)
    second = index.add_paths([str(docs)])
    assert second.added == [] and len(second.unchanged) == 5
    assert counts(index) == before


def test_editing_one_file_replaces_exactly_that_articles_passages(tmp_path, embedder):
    docs = tmp_path / "docs"
    shutil.copytree(ARTICLES, docs)
    index = memory_index(embedder)
    index.add_paths([str(docs)])
    target = docs / "07_fr_teleloisirs-rampling-oscars.txt"
    others_before = {r.id for r in index.store.scan("passages") if r.meta["source"] != str(target)}
    target.write_text(target.read_text(encoding="utf-8") + "\n\nUn paragraphe ajouté sur la cérémonie des Oscars.\n", encoding="utf-8")
    report = index.add_paths([str(docs)])
    assert report.replaced == [str(target)] and len(report.unchanged) == 4
    records = list(index.store.scan("passages", documents=True))
    others_after = {r.id for r in records if r.meta["source"] != str(target)}
    assert others_after == others_before
    mine = [r for r in records if r.meta["source"] == str(target)]
    assert len({r.meta["article_id"] for r in mine}) == 1
    assert any("Un paragraphe ajouté" in r.document for r in mine)
    assert index.store.count("articles") == 5


def test_passages_are_exact_slices_of_the_article(embedder):
    index = memory_index(embedder)
    index.add_paths([str(ARTICLES)])
    for record in index.store.scan("passages", documents=True):
        meta = record.meta
        text = index.article(meta["article_id"]).text
        assert text[meta["start"] : meta["end"]] == record.document


def test_search_finds_evidence_of_each_answerable_dev_question_in_top_5(embedder):
    index = memory_index(embedder)
    index.add_paths([str(ARTICLES)])
    questions = [json.loads(line) for line in (ARTICLES.parent.parent / "evals" / "data" / "fr_nvidia_h20.questions.jsonl").read_text().splitlines()]
    found = 0
    for q in questions:
        if not q["answerable"]:
            continue
        start, end = q["evidence"][0]["span"]
        hits = index.search(q["question"], k=5)
        found += any(h.source.endswith(q["evidence"][0]["article"]) and h.start < end and h.end > start for h in hits)
    assert found == sum(q["answerable"] for q in questions) == 7


def test_a_folder_with_bad_files_indexes_the_rest_and_exits_1(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(ARTICLES / "fr_nvidia_h20.txt", docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(b"\x00\x01\x02")
    (docs / "latin1.txt").write_bytes("Déclaration du ministre".encode("latin-1"))
    (docs / "feed.jsonl").write_text('{"text": "A good line about the harbour."}\n{"text": "cut', encoding="utf-8")
    (docs / "empty.html").write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    code = main(["--store", str(tmp_path / "store"), "index", str(docs), "--no-quotes", "--json"])
    out, err = capsys.readouterr()
    assert code == 1
    result = json.loads(out)
    assert len(result["added"]) == 2  # the article and the good JSONL line
    problems = {Path(e["path"].split(":")[0]).name: e["problem"] for e in result["errors"]}
    assert set(problems) == {"empty.txt", "binary.txt", "latin1.txt", "feed.jsonl", "empty.html"}
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == 5
    assert "Traceback" not in err


def test_opening_a_store_with_another_embedder_says_how_to_reindex(tmp_path, embedder):
    from retrieval.embeddings import HashEmbedder
    from retrieval.errors import EmbedderMismatchError

    open_index(tmp_path / "store", embedder).add_paths([str(ARTICLES / "fr_nvidia_h20.txt")])
    with pytest.raises(EmbedderMismatchError, match="re-index"):
        Index.open(Settings(quotecheck_store=tmp_path / "store"), embedder=HashEmbedder())


def test_second_writer_gets_a_clear_error(tmp_path, embedder):
    from retrieval.errors import StoreLockedError

    index = open_index(tmp_path / "store", embedder)
    other = open_index(tmp_path / "store", embedder)
    with index.store.writing():
        with pytest.raises(StoreLockedError, match="another quotecheck process"):
            other.add_paths([str(ARTICLES / "fr_nvidia_h20.txt")])


def test_a_speakers_quote_is_found_among_many_people_saying_the_same_words(embedder):
    # Wire copy repeats the same sentence under many names: the claimed speaker's copy must be found
    # by the speaker-filtered search however many other copies rank as high, and verified verbatim.
    from assistant.verification import verify_claim
    from retrieval.ingest import make_article

    said = "Nous reprendrons les livraisons de puces dès la semaine prochaine"
    firsts = ["Amélie", "Bastien", "Camille", "Damien", "Élodie", "Fabrice"]
    lasts = ["Arnaud", "Bonnet", "Chevalier", "Dufresne", "Lefebvre", "Fontaine", "Garnier"]
    people = [f"{f} {l}" for f in firsts for l in lasts][:40]
    articles = [make_article(f"{name} a déclaré mardi : « {said}. » Le marché a réagi.", source=f"wire-{n}.txt",
                             title=f"Dépêche {n}")
                for n, name in enumerate(people)]
    index = Index(Settings(_env_file=None), MemoryStore(), embedder)  # the real quote extraction
    assert index.add_articles(articles).quotes == 40
    target = people[31]
    surname = target.split()[-1]
    hits = index.search_quotes(said, k=8, speaker=f"M. {surname}")  # everyone of that surname, nobody else
    assert {q.speaker for q, _ in hits} == {p for p in people if p.endswith(surname)}
    [(quote, _)] = index.search_quotes(said, k=8, speaker=target)
    assert quote.speaker == target and quote.text.startswith(said)
    result = verify_claim(said, target, index)
    assert result.verdict == "verbatim" and result.source.source == f"wire-{people.index(target)}.txt"
    assert result.source_speaker == target


def test_a_new_process_reads_the_quote_records_from_the_cache_until_the_store_changes(tmp_path, embedder, monkeypatch):
    from retrieval.ingest import make_article

    settings = Settings(quotecheck_store=tmp_path / "store")
    first = Index.open(settings, embedder=embedder)
    first.add_articles([make_article("Titre\n\nJean Dupont a déclaré : « Nous reprendrons les livraisons. »",
                                     source="a.txt")])
    assert [q.speaker for q in first.quotes()] == ["Jean Dupont"]

    second = Index.open(settings, embedder=embedder)
    listed = []
    real = second.store.scan
    monkeypatch.setattr(second.store, "scan", lambda name, **kw: listed.append(name) or real(name, **kw))
    assert [q.speaker for q in second.quotes()] == ["Jean Dupont"]
    assert "quotes" not in listed  # from the cache

    first.add_articles([make_article("Titre\n\nMarie Curie a affirmé : « La science avance. »", source="b.txt")])
    third = Index.open(settings, embedder=embedder)
    assert sorted(q.speaker for q in third.quotes()) == ["Jean Dupont", "Marie Curie"]
    # A damaged cache is listed again from the store, never trusted.
    for cached in (tmp_path / "store" / "lexical").glob("*/quotes/records.json"):
        cached.write_text("{not json", encoding="utf-8")
    fourth = Index.open(settings, embedder=embedder)
    assert sorted(q.speaker for q in fourth.quotes()) == ["Jean Dupont", "Marie Curie"]
