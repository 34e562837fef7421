"""Kill the indexer at random points; after re-running it nothing is lost, duplicated or orphaned.

`quotecheck --store DIR index FOLDER --no-quotes` runs as a subprocess with the hash embedder and is
SIGKILLed after a random delay, over and over, while files are edited between runs (so kills also
land in replaces). After every kill the committed state must be whole; after a final uninterrupted
run every file is there exactly once, in its current version, and `doctor` finds nothing.
A heavier version: `python -m benchmarks.crash --trials 50 --articles 1000`.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from retrieval.embeddings import HashEmbedder
from retrieval.index import Index
from retrieval.ingest import article_id
from retrieval.passages import chunk
from retrieval.settings import Settings

WORDS = ("export licence chip market tariff vaccine minister river budget council goal season festival "
         "court ruling harbour bridge election museum orchestra drought harvest factory strike").split()


def write_article(folder: Path, n: int, version: int, rng: random.Random) -> None:
    paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + "." for _ in range(rng.randint(2, 6))]
    text = f"Article {n} version {version}\n\n« Nous tiendrons parole {n} », a déclaré Marie Dupont.\n\n" + "\n\n".join(paragraphs) + "\n"
    (folder / f"a{n:04d}.txt").write_text(text, encoding="utf-8")


def make_corpus(folder: Path, count: int, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        write_article(folder, n, 0, rng)


def open_index(store: Path) -> Index:
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # a fresh view of files another process wrote
    return Index.open(Settings(_env_file=None, quotecheck_store=store, quotecheck_embedder="hash"), embedder=HashEmbedder())


def check_committed_state(store: Path) -> dict:
    """What a reader sees after a crash: every committed article whole, search working."""
    index = open_index(store)
    texts = {r.id: r.document for r in index.store.scan("articles", documents=True, metadatas=False)}
    by_article: dict[str, int] = {}
    for record in index.store.scan("passages", documents=True):
        meta = record.meta
        if meta["article_id"] in texts:
            assert texts[meta["article_id"]][meta["start"]:meta["end"]] == record.document
            by_article[meta["article_id"]] = by_article.get(meta["article_id"], 0) + 1
    for aid, text in texts.items():
        assert aid == article_id(text)
        assert by_article.get(aid, 0) == len(chunk(text)), f"committed article {aid} is missing passages"
    for hit in index.search("minister harbour election", k=5):
        assert hit.article_id in texts and texts[hit.article_id][hit.start:hit.end] == hit.text
    doctor = index.doctor()
    del index
    return doctor


def writing_started(store: Path, since: float) -> bool:
    """The writer touches `writing.dirty` once it holds the lock, before it changes anything."""
    try:
        return (store / "writing.dirty").stat().st_mtime >= since
    except FileNotFoundError:
        return False


def run_index(store: Path, corpus: Path, kill_after: float | None) -> tuple[str, float]:
    """Index; with `kill_after`, SIGKILL that many seconds after the writer started writing."""
    env = dict(os.environ, QUOTECHECK_EMBEDDER="hash", ANONYMIZED_TELEMETRY="False")
    env.pop("QUOTECHECK_CHROMA_URL", None)
    cmd = [sys.executable, "-m", "assistant.cli", "--store", str(store), "index", str(corpus), "--no-quotes"]
    since = time.time() - 1.0  # mtime granularity
    if (store / "writing.dirty").exists():  # left by the last kill: age it, to see this run touch it
        os.utime(store / "writing.dirty", (since - 5, since - 5))
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    deadline = None
    while proc.poll() is None:
        if kill_after is not None and deadline is None and writing_started(store, since):
            deadline = time.monotonic() + kill_after
        if deadline is not None and time.monotonic() >= deadline:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            proc.stderr.close()
            return "killed", time.monotonic() - started
        time.sleep(0.01)
    outcome = "finished" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.read().decode()[-300:]}"
    proc.stderr.close()
    return outcome, time.monotonic() - started


def kill_and_resume(tmp: Path, *, trials: int, articles: int, seed: int, max_delay: float) -> dict:
    rng = random.Random(seed)
    corpus, store = tmp / "corpus", tmp / "store"
    make_corpus(corpus, articles, rng)
    versions = [0] * articles
    kills = killed_with_orphans = runs = 0
    outcomes = []
    while (kills < trials or not killed_with_orphans) and runs < 2 * trials:  # at least one kill mid-batch, if we can
        if runs:  # give the next run replaces to do, some of them of articles whose write was killed
            for n in rng.sample(range(articles), k=max(1, articles // 5)):
                versions[n] += 1
                write_article(corpus, n, versions[n], rng)
        runs += 1
        outcome, took = run_index(store, corpus, kill_after=rng.uniform(0.0, max_delay))
        assert outcome in ("killed", "finished"), outcome
        outcomes.append((outcome, round(took, 1)))
        if outcome == "killed":
            kills += 1
            doctor = check_committed_state(store)
            killed_with_orphans += bool(doctor["orphan_passages"])
    outcome, _ = run_index(store, corpus, kill_after=None)
    assert outcome == "finished", outcome
    index = open_index(store)
    records = list(index.store.scan("articles"))
    by_source: dict[str, list[str]] = {}
    for r in records:
        by_source.setdefault(r.meta["source"], []).append(r.id)
    expected = {str(p): article_id(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))}
    duplicates = sum(len(ids) - 1 for ids in by_source.values())
    assert duplicates == 0
    assert {s: ids[0] for s, ids in by_source.items()} == expected  # each file once, in its current version
    doctor = index.doctor()
    assert doctor["orphan_passages"] == doctor["orphan_quotes"] == doctor["duplicate_sources"] == 0
    hits = index.search("minister harbour election", k=5)
    assert hits and all(index.article(h.article_id).text[h.start:h.end] == h.text for h in hits)
    return {"runs": runs, "kills": kills, "kills_leaving_orphans": killed_with_orphans, "articles": len(expected),
            "duplicates": duplicates, "orphans_after_resume": doctor["orphan_passages"] + doctor["orphan_quotes"],
            "outcomes": outcomes}


def test_sigkill_at_random_points_then_resume_loses_and_duplicates_nothing(tmp_path):
    result = kill_and_resume(tmp_path, trials=10, articles=300, seed=20240611, max_delay=1.0)
    print(result)
    assert result["kills"] >= 10  # kills_leaving_orphans (landed between parts and commit) is usually 2-7
    assert result["articles"] == 300


def test_a_killed_writer_leaves_orphans_that_the_next_writer_repairs(tmp_path):
    """Parts written without their commit (as a SIGKILL leaves them) are gone after the next write."""
    store = tmp_path / "store"
    index = open_index(store)
    (tmp_path / "one.txt").write_text("One\n\nThe minister spoke at the harbour.\n", encoding="utf-8")
    index.add_paths([str(tmp_path / "one.txt")], extract=False)
    vec = [[1.0] * index.embedder.dim]
    meta = {"article_id": "superseded", "source": "gone.txt", "title": "", "lang": "en", "start": 0, "end": 3}
    index.store.add("passages", ["superseded:p0"], ["abc"], [meta], vec)
    assert index.doctor()["orphan_passages"] == 1
    (store / "writing.dirty").touch()  # what a killed writer leaves behind
    (tmp_path / "two.txt").write_text("Two\n\nThe council met.\n", encoding="utf-8")
    index.add_paths([str(tmp_path / "two.txt")], extract=False)
    assert index.doctor() == {"articles": 2, "orphan_passages": 0, "orphan_quotes": 0, "duplicate_sources": 0,
                              "repaired": False}
    assert not (store / "writing.dirty").exists()


# ---------------------------------------------------------------------------------- concurrency

HOLD_LOCK = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1]); lock.acquire(); print("held", flush=True); time.sleep(float(sys.argv[2]))
"""


def hold_write_lock(store: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the store's write lock, as a running `quotecheck index` does."""
    store.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(store / "write.lock"), str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def one_error_line(stderr: str) -> str:
    """The CLI's one error message. Rich folds long lines at the console width (80 off a terminal:
    render.error prints without soft_wrap), and the transient progress bar leaves a blank line."""
    assert stderr.strip().startswith("error: ") and stderr.count("error:") == 1, stderr
    return " ".join(stderr.split())


def test_a_second_writer_on_a_local_store_fails_with_one_clear_line(tmp_path, capsys, monkeypatch):
    from assistant.cli import main

    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    store = tmp_path / "store"
    (tmp_path / "a.txt").write_text("A\n\nThe minister spoke.\n", encoding="utf-8")
    holder = hold_write_lock(store, 30)
    try:
        assert main(["--store", str(store), "index", str(tmp_path / "a.txt"), "--no-quotes"]) == 1
    finally:
        holder.kill()
        holder.wait()
    message = one_error_line(capsys.readouterr().err)
    assert message.startswith(f"error: another quotecheck process is writing to the store at {store};")
    assert "QUOTECHECK_CHROMA_URL" in message


def test_a_second_writer_with_wait_goes_on_when_the_first_finishes(tmp_path, capsys, monkeypatch):
    from assistant.cli import main

    monkeypatch.setenv("QUOTECHECK_EMBEDDER", "hash")
    store = tmp_path / "store"
    (tmp_path / "a.txt").write_text("A\n\nThe minister spoke.\n", encoding="utf-8")
    holder = hold_write_lock(store, 1.5)
    started = time.monotonic()
    try:
        assert main(["--store", str(store), "index", str(tmp_path / "a.txt"), "--no-quotes", "--wait", "60"]) == 0
    finally:
        holder.wait()
    assert time.monotonic() - started >= 1.0
    assert "1 added" in capsys.readouterr().out


def test_readers_during_a_write_see_the_old_or_the_new_version_never_half(tmp_path):
    """A reader polling while another process indexes and replaces: every hit is a whole committed version."""
    rng = random.Random(5)
    corpus, store = tmp_path / "corpus", tmp_path / "store"
    make_corpus(corpus, 120, rng)
    assert run_index(store, corpus, kill_after=None)[0] == "finished"
    versions = {str(p): {p.read_text(encoding="utf-8")} for p in corpus.glob("*.txt")}
    for n in range(0, 120, 2):  # edit half the files: the next run replaces them
        write_article(corpus, n, 1, rng)
    for p in corpus.glob("*.txt"):
        versions[str(p)].add(p.read_text(encoding="utf-8"))
    for n in range(120, 240):  # and adds as many new ones
        write_article(corpus, n, 0, rng)
        versions[str(corpus / f"a{n:04d}.txt")] = {(corpus / f"a{n:04d}.txt").read_text(encoding="utf-8")}
    env = dict(os.environ, QUOTECHECK_EMBEDDER="hash")
    env.pop("QUOTECHECK_CHROMA_URL", None)
    writer = subprocess.Popen([sys.executable, "-m", "assistant.cli", "--store", str(store), "index", str(corpus),
                               "--no-quotes"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    reader = open_index(store)
    reads = checked = 0
    queries = ["minister harbour election", "Nous tiendrons parole", "drought harvest factory", "court ruling"]
    while writer.poll() is None or reads < 5:
        for hit in reader.search(queries[reads % len(queries)], k=10):
            assert any(text[hit.start:hit.end] == hit.text for text in versions[hit.source]), hit
            checked += 1
        reads += 1
    assert writer.wait() == 0, writer.stderr.read().decode()
    writer.stderr.close()
    assert reads >= 5 and checked > 0
    final = open_index(store)
    assert final.store.count("articles") == 240 and final.doctor()["duplicate_sources"] == 0
