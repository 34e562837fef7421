"""Bench stores: `.store/bench-<N>-<key>`, built and timed once, reused until `--rebuild`.

The key hashes what the store's content depends on apart from the code: size, corpus seed, the dev
articles' bytes, the embedder, whether quotes were extracted. The build's timings (and the raw
embedder reference measured alongside it) are kept in `bench.json`; a folder without it is an
unfinished build and is started again.

The raw-embedder reference is paired batch by batch: after each indexing batch (32 articles) the
progress callback embeds exactly the passage texts that batch sent to the embedder, so both see the
same machine load. Callback time is subtracted from the indexing time. That reference needs the
embedder in this process, so a passages-only store is built in one process; a store with quotes is
built as `quotecheck index` builds it, on every core (`--workers` default), and its time is the
build time a newsroom would see.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

from .common import ROOT, Context, git_commit, load_average, log, peak_rss_mb, reset_peak_rss
from .corpus import SEED, sources_digest

STORE_ROOT = ROOT / ".store"


class StoreNotBuilt(Exception):
    """A bench store larger than --build-max is missing and building it was not asked for (--build)."""


def store_key(n: int, seed: int, extract: bool, embedder_name: str) -> str:
    params = {"n": n, "seed": seed, "extract": extract, "embedder": embedder_name,
              "sources": sources_digest()}
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]


def store_path(ctx: Context, n: int, extract: bool) -> Path:
    from retrieval.embeddings import USEEmbedder

    return STORE_ROOT / f"bench-{n}-{store_key(n, ctx.seed, extract, USEEmbedder.name)}"


def read_meta(path: Path) -> dict | None:
    try:
        return json.loads((path / "bench.json").read_text())
    except (OSError, ValueError):
        return None


def open_index(ctx: Context, path: Path):
    """The Index on a bench store, shared by the measurements of this run (its caches stay warm)."""
    key = str(path)
    if key not in ctx._indexes:
        ctx._indexes[key] = fresh_index(ctx, path)
    return ctx._indexes[key]


def fresh_index(ctx: Context, path: Path):
    """A new Index on a bench store: nothing in memory yet, as in a new process."""
    from retrieval.index import Index
    from retrieval.settings import Settings

    settings = Settings(quotecheck_store=path, quotecheck_chroma_url=None, openai_api_key=None,
                        openai_base_url=None, quotecheck_embedder="use")
    return Index.open(settings, embedder=ctx.embedder)


class _Recording:
    """The embedder, recording the texts it is given and the time it spends."""

    def __init__(self, inner):
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.pending: list[str] = []
        self.seconds = 0.0

    def embed(self, texts):
        self.pending.extend(texts)
        t0 = time.perf_counter()
        try:
            return self.inner.embed(texts)
        finally:
            self.seconds += time.perf_counter() - t0


def ensure_store(ctx: Context, n: int, *, extract: bool, reference_every: int = 0) -> tuple[Path, dict]:
    """The bench store for (n, extract), built now if it is missing (or if --rebuild); and its meta."""
    from filelock import FileLock, Timeout

    path = store_path(ctx, n, extract)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Another bench process (a background build) may be building this store: a --build run waits for it,
    # a measuring run reports it (that wait could take hours).
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire(timeout=-1 if ctx.build else 0)
    except Timeout:
        progress = (path / "progress.txt").read_text().strip() if (path / "progress.txt").exists() else "starting"
        raise StoreNotBuilt(f"the {n:,}-article store is being built by another process ({progress})") from None
    try:
        meta = read_meta(path)
        rebuilt = getattr(ctx, "_rebuilt", set())
        if meta is not None and (not ctx.rebuild or path.name in rebuilt):
            meta["cached"] = path.name not in rebuilt
            return path, meta
        if n > ctx.build_max and not ctx.build:
            raise StoreNotBuilt(
                f"the {n:,}-article store ({'with' if extract else 'without'} quotes) is not built; build it once in "
                f"the background: nohup nice -n 10 .venv/bin/python -m benchmarks --sizes {n} "
                f"--only {'verify' if extract else 'index'} --build > bench-{n}.log 2>&1 &")
        if ctx.rebuild:
            shutil.rmtree(path, ignore_errors=True)
        # Otherwise an unfinished build is resumed: indexing skips the articles already committed (and
        # repairs a batch cut off mid-write), so an interrupted hour-long build is not started over.
        meta = build(ctx, n, path, extract=extract, reference_every=reference_every)
    finally:
        lock.release()
    ctx.__dict__.setdefault("_rebuilt", set()).add(path.name)
    meta["cached"] = False
    return path, meta


def build(ctx: Context, n: int, path: Path, *, extract: bool, reference_every: int) -> dict:
    from retrieval.index import Index
    from retrieval.ingest.parallel import cores
    from retrieval.settings import Settings

    articles = ctx.corpus(n)
    workers = 1 if reference_every else cores()
    words = sum(len(a.text.split()) for a in articles)
    inner = ctx.embedder  # loaded and warm before the clock starts
    rec = _Recording(inner)
    settings = Settings(quotecheck_store=path, quotecheck_chroma_url=None, quotecheck_embedder="use")
    # With workers the embedder runs in them: this process cannot time it.
    index = Index.open(settings, embedder=rec if workers == 1 else inner)
    path.mkdir(parents=True, exist_ok=True)
    resumed_from = index.store.count("articles")
    progress_file = path / "progress.txt"

    state = {"batch": 0, "mark": 0.0, "callback": 0.0, "pairs": []}
    log(f"building {path.name}: {n} articles, {words} words, extract={extract}, workers={workers}"
        f"{f', resuming after {resumed_from} committed' if resumed_from else ''} (load {load_average()})")

    def on_progress(done: int, total: int) -> None:
        now = time.perf_counter()
        batch_seconds = now - state["mark"]
        texts, rec.pending = rec.pending, []
        if reference_every and state["batch"] % reference_every == 0 and texts:
            t0 = time.perf_counter()
            inner.embed(texts)
            state["pairs"].append((len(texts), batch_seconds, time.perf_counter() - t0))
        state["batch"] += 1
        if state["batch"] % 10 == 0 or done == total:
            elapsed = now - state["start"] - state["callback"]
            line = f"{done}/{total} articles, {elapsed:.0f}s indexing, load {load_average()}"
            progress_file.write_text(line + "\n")
            log(f"  {path.name}: {line}")
        end = time.perf_counter()
        state["callback"] += end - now
        state["mark"] = end

    reset_ok = reset_peak_rss()
    rss_before = peak_rss_mb()
    load_before = load_average()
    state["start"] = state["mark"] = time.perf_counter()
    report = index.add_articles(articles, extract=extract, progress=on_progress, workers=workers)
    total = time.perf_counter() - state["start"]
    seconds = total - state["callback"]
    pairs = state["pairs"]
    ref = None
    if pairs:
        p = sum(x[0] for x in pairs)
        idx_s = sum(x[1] for x in pairs)
        raw_s = sum(x[2] for x in pairs)
        ref = {"batches": len(pairs), "passages": p, "index_seconds": round(idx_s, 2), "raw_seconds": round(raw_s, 2),
               "index_passages_per_s": round(p / idx_s, 2), "raw_passages_per_s": round(p / raw_s, 2),
               "ratio": round(raw_s / idx_s, 3),
               "ratio_batches": [round(x[2] / x[1], 3) for x in pairs]}
    meta = {
        "n": n, "extract": extract, "articles": len(articles), "words": words,
        # from the store: a resumed build's report counts only what it added
        "passages": index.store.count("passages"), "quotes": index.store.count("quotes"), "added": len(report.added), "errors": len(report.errors),
        "seconds": round(seconds, 2), "embed_seconds": round(rec.seconds, 2) if workers == 1 else None,
        "workers": workers,
        "articles_per_s": round(len(articles) / seconds, 3), "words_per_s": round(words / seconds, 1),
        "passages_per_s": round(report.passages / seconds, 2),
        "peak_rss_mb": peak_rss_mb(), "rss_mb_at_start": rss_before,
        "peak_rss_note": ("VmHWM reset before the build" if reset_ok else "process peak (getrusage)")
        + ("" if workers == 1 else "; the main process only, not its workers"),
        "reference": ref, "resumed_from": resumed_from, "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": git_commit(), "load_before": load_before, "load_after": load_average(),
    }
    if resumed_from:  # the clock saw only part of the build: no throughput from it
        meta.update(articles_per_s=None, words_per_s=None, passages_per_s=None,
                    throughput_note=f"resumed after {resumed_from} articles; seconds cover the rest only")
    (path / "bench.json").write_text(json.dumps(meta, indent=1))
    progress_file.unlink(missing_ok=True)
    log(f"built {path.name} in {seconds:.0f}s")
    return meta
