"""Indexing throughput, against the raw embedder on exactly the passages the indexer produced.

Goal: passage indexing alone (`extract=False`) at >= 0.7 of the raw `USEEmbedder.embed` rate, measured
up to 2,000 articles. Indexing with quote extraction is the build time of the store with quotes, on
every core as `quotecheck index` runs (at 10,000 articles: the build time issue 15 asks for).
"""

from __future__ import annotations

from .common import Context, Section, missing
from .stores import StoreNotBuilt, ensure_store

GOAL = 0.7
PASSAGES_ONLY_MAX = 2000


def reference_every(n: int) -> int:
    """Pair every batch up to 2,000 articles; above that every 10th (the reference doubles the cost)."""
    return 1 if n <= 2000 else 10


def _cached(meta: dict) -> str:
    how = "cached store" if meta.get("cached") else "built in this run"
    return f"{how}, built {meta['built_at']} at commit {meta['commit']}, load {meta['load_before']} → {meta['load_after']}"


def run(ctx: Context, n: int) -> Section:
    sec = Section("index", n)
    if n <= PASSAGES_ONLY_MAX:
        passages_only(ctx, n, sec)
    else:
        sec.lines += [f"Passage indexing alone against the raw embedder: measured at {PASSAGES_ONLY_MAX:,} articles "
                      f"and below (the paired reference doubles the embedder's work).", ""]
    with_quotes(ctx, n, sec)
    return sec


def passages_only(ctx: Context, n: int, sec: Section) -> None:
    path, meta = ensure_store(ctx, n, extract=False, reference_every=reference_every(n))
    ref = meta.get("reference") or {}
    other = meta["seconds"] - meta["embed_seconds"]
    sec.figures["passages_only"] = meta
    sec.lines += [
        f"Passage indexing (`extract=False`), {meta['articles']} articles, {meta['words']:,} words, "
        f"{meta['passages']:,} passages in {meta['seconds']:.1f} s ({_cached(meta)}):",
        "",
        "| articles/s | words/s | passages/s | peak RSS | in embedder | rest (chunking, Chroma) |",
        "|---|---|---|---|---|---|",
        f"| {meta['articles_per_s']:.2f} | {meta['words_per_s']:,.0f} | {meta['passages_per_s']:.1f} | "
        f"{meta['peak_rss_mb']:.0f} MB | {meta['embed_seconds']:.1f} s ({meta['embed_seconds'] / meta['seconds']:.0%}) "
        f"| {other:.1f} s ({other / meta['seconds']:.0%}) |",
        "",
    ]
    if ref:
        ok = ref["ratio"] >= GOAL
        batches = sorted(ref["ratio_batches"])
        spread = f"{batches[len(batches) // 10]:.2f}–{batches[(len(batches) * 9) // 10]:.2f}" if batches else "?"
        sec.lines += [
            f"Raw `USEEmbedder.embed` on the same passage texts, paired batch by batch "
            f"({ref['batches']} batches, {ref['passages']:,} passages): {ref['raw_passages_per_s']:.1f} passages/s; "
            f"indexing on those batches {ref['index_passages_per_s']:.1f} passages/s.",
            "",
            f"**ratio = {ref['ratio']:.3f}** (goal ≥ {GOAL}: {'met' if ok else 'NOT met'}); "
            f"per-batch ratios p10–p90 {spread}.",
            "",
        ]
        sec.summary.append(f"indexing {meta['articles_per_s']:.2f} art/s, {meta['words_per_s']:,.0f} words/s, "
                           f"ratio {ref['ratio']:.3f} vs raw embedder (goal ≥ {GOAL}: {'ok' if ok else 'NOT met'}), "
                           f"peak RSS {meta['peak_rss_mb']:.0f} MB")
        sec.figures["ratio"] = ref["ratio"]
    else:
        sec.summary.append(f"indexing {meta['articles_per_s']:.2f} art/s (no paired reference in this build)")


def with_quotes(ctx: Context, n: int, sec: Section) -> None:
    """The build time of the store with quotes, indexed as `quotecheck index` does (every core)."""
    why = missing("retrieval.quotes:extract_quotes")
    if why:
        sec.lines.append(f"Indexing with quote extraction: skipped — {why}.")
        sec.summary.append("with extraction: skipped")
        return
    try:
        _path, qmeta = ensure_store(ctx, n, extract=True)
    except StoreNotBuilt as exc:
        sec.lines.append(f"Indexing with quote extraction: not measured — {exc}.")
        sec.summary.append("with extraction: store not built")
        return
    sec.figures["with_quotes"] = qmeta
    if qmeta.get("articles_per_s") is None:
        sec.lines.append(f"Indexing with quote extraction: {qmeta['quotes']:,} quotes; no throughput: "
                         f"{qmeta.get('throughput_note', 'build not timed whole')}.")
        sec.summary.append("with extraction: build resumed, not timed whole")
        return
    workers = qmeta.get("workers", 1)
    sec.lines += [
        f"Indexing with quote extraction (`extract=True`, {workers} worker process{'es' if workers > 1 else ''}): "
        f"**{n:,} articles in {qmeta['seconds'] / 60:.1f} min**, {qmeta['articles_per_s']:.2f} articles/s, "
        f"{qmeta['words_per_s']:,.0f} words/s, {qmeta['quotes']:,} quotes, {qmeta['passages']:,} passages, "
        f"peak RSS {qmeta['peak_rss_mb']:.0f} MB ({qmeta.get('peak_rss_note', 'this process')}; {_cached(qmeta)}).",
        "",
    ]
    sec.summary.append(f"with extraction: {n:,} articles built in {qmeta['seconds'] / 60:.1f} min "
                       f"({qmeta['articles_per_s']:.2f} art/s, workers {workers})")
