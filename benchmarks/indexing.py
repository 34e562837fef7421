"""Indexing throughput, against the raw embedder on exactly the passages the indexer produced.

Goal: passage indexing alone (`extract=False`) at >= 0.7 of the raw `USEEmbedder.embed` rate.
Indexing with quote extraction is reported in articles/s once `retrieval.quotes` exists.
"""

from __future__ import annotations

from .common import Context, Section, missing
from .stores import StoreNotBuilt, ensure_store

GOAL = 0.7


def reference_every(n: int) -> int:
    """Pair every batch up to 2,000 articles; above that every 10th (the reference doubles the cost)."""
    return 1 if n <= 2000 else 10


def _cached(meta: dict) -> str:
    how = "cached store" if meta.get("cached") else "built in this run"
    return f"{how}, built {meta['built_at']} at commit {meta['commit']}, load {meta['load_before']} → {meta['load_after']}"


def run(ctx: Context, n: int) -> Section:
    sec = Section("index", n)
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

    why = missing("retrieval.quotes:extract_quotes")
    if why:
        sec.lines.append(f"Indexing with quote extraction: skipped — {why}.")
        sec.summary.append("with extraction: skipped")
        return sec
    try:
        _path, qmeta = ensure_store(ctx, n, extract=True)
    except StoreNotBuilt as exc:
        sec.lines.append(f"Indexing with quote extraction: not measured — {exc}.")
        sec.summary.append("with extraction: store not built")
        return sec
    sec.figures["with_quotes"] = qmeta
    if qmeta.get("articles_per_s") is None:
        sec.lines.append(f"Indexing with quote extraction: {qmeta['quotes']:,} quotes; no throughput: "
                         f"{qmeta.get('throughput_note', 'build not timed whole')}.")
        sec.summary.append("with extraction: build resumed, not timed whole")
        return sec
    sec.lines += [
        f"Indexing with quote extraction (`extract=True`): **{qmeta['articles_per_s']:.2f} articles/s**, "
        f"{qmeta['words_per_s']:,.0f} words/s, {qmeta['quotes']:,} quotes, {qmeta['seconds']:.0f} s, "
        f"peak RSS {qmeta['peak_rss_mb']:.0f} MB ({_cached(qmeta)}).",
    ]
    sec.summary.append(f"with extraction {qmeta['articles_per_s']:.2f} art/s")
    return sec
