"""Hybrid search over a snapshot: dense neighbours from the store and BM25 from the snapshot, fused by
reciprocal rank, keeping only what the snapshot's committed set holds."""

from __future__ import annotations

import numpy as np

from ..store import Store
from ..types import Quote, SearchHit
from .lexical import rrf
from .records import quote_from_record
from .snapshot import Snapshot


def search(snap: Snapshot, store: Store, query: str, vector: np.ndarray, k: int = 5) -> list[SearchHit]:
    """Passages for a query: dense and BM25 rankings fused by reciprocal rank."""
    if not query.strip() or not snap.committed:
        return []
    depth = max(4 * k, 20)
    # A record removed by a concurrent writer can come back from the vector index without its metadata
    # and document: it is not committed any more, so it is skipped.
    dense = [n for n in store.query("passages", vector, depth)
             if n.metadata is not None and n.document is not None and n.metadata.get("article_id") in snap.committed]
    lexical = snap.derived.passages.search(query, depth)
    fused = rrf([[n.id for n in dense], [lid for lid, _ in lexical]])[:k]
    known = {n.id: (n.document, n.metadata) for n in dense}
    missing = [pid for pid, _ in fused if pid not in known]
    known.update({r.id: (r.document, r.meta) for r in store.get("passages", missing)})
    hits = []
    for pid, score in fused:
        if pid not in known:  # removed by a concurrent replace since the lexical index was built
            continue
        doc, meta = known[pid]
        if meta.get("article_id") not in snap.committed:
            continue
        hits.append(SearchHit(source=meta["source"], title=meta.get("title", ""), start=meta["start"],
                              end=meta["end"], text=doc, article_id=meta["article_id"], score=round(score, 6)))
    names = snap.sources_of([h.article_id for h in hits])
    for hit in hits:
        if hit.article_id in names:
            hit.source, hit.sources = names[hit.article_id][0], names[hit.article_id]
    return hits


def search_quotes(snap: Snapshot, store: Store, query: str, vector: np.ndarray, k: int = 10,
                  speaker: str | None = None) -> list[tuple[Quote, float]]:
    """Quotes near a query (dense and BM25 fused), optionally only those of one speaker (alias-aware).

    A speaker's quotes are ranked exactly, by cosine against their vectors held in memory and by BM25 scored
    over them only: the store's filtered search costs more (a metadata filter reads the whole collection) and
    misses, and a global top-k filtered afterwards misses the speaker's copy of words many people said."""
    book = snap.derived.quotes
    if not query.strip() or not book.records:
        return []
    mine = book.speaker(speaker) if speaker else None
    if mine is not None and not mine.ids:
        return []
    depth = max(4 * k, 30)
    if mine is None:
        dense = [n.id for n in store.query("quotes", vector, depth, documents=False)]
        lex = book.lexical.search(query, depth)
    else:  # exact: a filtered approximate search misses (Chroma's HNSW did, on 1 claim in 25)
        sims = book.vectors[mine.rows].astype(np.float32) @ vector
        dense = [mine.ordered[i] for i in np.argsort(-sims, kind="stable")[:depth]]
        lex = book.lexical.search(query, depth, among=mine.positions)
    fused = rrf([[i for i in dense if i in book.records], [i for i, _ in lex]])[:k]
    found = [(quote_from_record(*book.records[qid]), score) for qid, score in fused if qid in book.records]
    named(snap, [q for q, _ in found])
    return found


def list_quotes(snap: Snapshot, speaker: str | None = None, article_id: str | None = None) -> list[Quote]:
    """Stored quotes, in article order; of one speaker (alias-aware) or one article if asked."""
    book = snap.derived.quotes
    ids = set(book.by_article.get(article_id, ())) if article_id else set(book.records)
    if speaker:
        ids &= book.speaker(speaker).ids
    out = named(snap, [quote_from_record(*book.records[i]) for i in ids])
    return sorted(out, key=lambda q: (q.source or "", q.start))


def named(snap: Snapshot, quotes: list[Quote]) -> list[Quote]:
    """Quotes naming their article's first source now (a renamed file), not the one they were written with."""
    names = snap.sources_of([q.article_id for q in quotes if q.article_id])
    for q in quotes:
        if q.article_id in names:
            q.source = names[q.article_id][0]
    return quotes
