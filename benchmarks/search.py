"""`Index.search` latency over ~200 varied queries (French and English) derived from the corpus.

Query kinds, in equal shares: a phrase (5-8 consecutive words of a sentence), a few keywords (the
longest words of a sentence), and a question about a word of a sentence. The first query (which
builds or loads the BM25 index) is reported apart, then 5 warm-up queries, then the timed ones.
Goal: p95 <= 50 ms at 1,000 articles.
"""

from __future__ import annotations

import random
import re
import time

from .common import Context, Section, latency_table, percentiles
from .corpus import sample_sentences
from .stores import ensure_store, open_index

GOAL_P95_MS = 50.0
GOAL_SIZE = 1000
N_QUERIES = 200
_WORDS = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def make_queries(articles, count: int = N_QUERIES, seed: int = 0) -> list[tuple[str, str, str]]:
    """(lang, kind, query) triples, deterministic."""
    rng = random.Random(f"{seed}:queries")
    out = []
    for i, (lang, sentence) in enumerate(sample_sentences(articles, count, seed)):
        words = _WORDS.findall(sentence)
        if len(words) < 4:
            words = sentence.split()
        kind = ("phrase", "keywords", "question")[i % 3]
        if kind == "phrase":
            size = rng.randint(5, 8)
            start = rng.randint(0, max(0, len(words) - size))
            query = " ".join(words[start : start + size])
        elif kind == "keywords":
            query = " ".join(sorted(set(words), key=lambda w: (-len(w), w))[: rng.randint(2, 4)])
        else:
            word = max(words, key=len)
            query = f"Qu'a-t-on dit sur {word} ?" if lang == "fr" else f"What was said about {word}?"
        out.append((lang, kind, query))
    return out


def run(ctx: Context, n: int) -> Section:
    sec = Section("search", n)
    path, _meta = ensure_store(ctx, n, extract=True)  # the same passages as the passages-only store
    index = open_index(ctx, path)
    queries = make_queries(ctx.corpus(n), seed=ctx.seed)
    t0 = time.perf_counter()
    index.search(queries[0][2], k=5)
    cold = time.perf_counter() - t0
    for _lang, _kind, q in queries[1:6]:
        index.search(q, k=5)
    times: dict[str, list[float]] = {}
    empty = 0
    for lang, kind, q in queries:
        t0 = time.perf_counter()
        hits = index.search(q, k=5)
        dt = time.perf_counter() - t0
        empty += not hits
        for key in ("all", lang, kind):
            times.setdefault(key, []).append(dt)
    # Where a query's time goes: the query embedding alone, on the same queries.
    embed_times = []
    for _lang, _kind, q in queries[:50]:
        t0 = time.perf_counter()
        ctx.embedder.embed([q])
        embed_times.append(time.perf_counter() - t0)
    stats = {k: percentiles(v) for k, v in times.items()}
    emb = percentiles(embed_times)
    allp = stats["all"]
    sec.figures.update(stats=stats, cold_ms=round(cold * 1000, 1), embed=emb, empty=empty)
    sec.lines += [
        f"{allp['n']} queries (k=5) on {n:,} articles; first query (BM25 index build or load) "
        f"{cold * 1000:.0f} ms, not counted; {empty} queries returned nothing.",
        "",
        *latency_table("queries", stats, ("all", "fr", "en", "phrase", "keywords", "question")),
    ]
    sec.lines += ["", f"Embedding the query alone (USE, same process): p50 {emb['p50_ms']} ms, p95 {emb['p95_ms']} ms."]
    verdict = ""
    if n == GOAL_SIZE:
        ok = allp["p95_ms"] <= GOAL_P95_MS
        verdict = f" (goal p95 ≤ {GOAL_P95_MS:.0f} ms: {'met' if ok else 'NOT met'})"
        sec.lines += ["", f"**p95 = {allp['p95_ms']} ms**{verdict}."]
    sec.summary.append(f"search p50 {allp['p50_ms']} ms, p95 {allp['p95_ms']} ms{verdict}")
    return sec
