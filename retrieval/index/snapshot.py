"""What a reader sees: an immutable view of the committed articles at one generation, swapped whole.

A `Snapshot` holds the committed articles' metadata (their sources, titles, languages) as listed at one
generation of the store, and the data derived from that committed set: the passages' BM25 index and the
quotes' records, unit vectors, BM25 index and speaker lookups. Derived parts are computed on first use
(a CLI `search` never loads the quotes), each from records filtered by the snapshot's committed set, so
the parts of an article still being written, or already being removed, are never seen.

`View` holds the current snapshot. A reader asks it for `current()`: at most once per REFRESH_SECONDS it
reads the generation token, and when that changed it lists the articles again, builds a new snapshot
(reusing the derived parts when the committed set is the same: a rename changes only metadata) and
assigns it: one assignment, so a request keeps the snapshot it started with and no reader sees a
half-built one. Readers do not wait on each other: while one thread builds, the others go on with the
snapshot they had; only a reader with no snapshot, or one this process invalidated by writing, waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np

from ..names import name_blocks, same_speaker
from ..sources import sources_of
from ..store.base import Store, unit
from .cache import cache_key, load_lexical, load_quotes, save_lexical, save_quotes
from .lexical import LexicalIndex

REFRESH_SECONDS = 1.0  # how stale a reader's view of other writers' commits may be
RELIST_SECONDS = 60.0  # ... at most, should a writer die between a commit and its generation token
SPEAKER_CACHE = 1024


class SpeakerQuotes(NamedTuple):
    ids: frozenset[str]
    ordered: list[str]  # the same ids, sorted; `positions` and `rows` follow this order
    positions: np.ndarray  # in the quotes' BM25 index
    rows: np.ndarray  # of QuoteBook.vectors


class QuoteBook:
    """The committed quotes held in memory: records, unit vectors (float16), BM25, lookups by article and speaker."""

    def __init__(self, records: list[dict], vectors: np.ndarray, lexical: LexicalIndex):
        self.records = {r["id"]: (r["document"], r["metadata"]) for r in records}
        self.vectors, self.lexical = vectors, lexical
        self.rows = {r["id"]: n for n, r in enumerate(records)}
        self.by_article: dict[str, list[str]] = {}
        self.by_speaker: dict[str, list[str]] = {}
        for r in records:
            self.by_article.setdefault(r["metadata"]["article_id"], []).append(r["id"])
            self.by_speaker.setdefault(r["metadata"].get("speaker") or "", []).append(r["id"])
        self.names_by_block: dict[str, list[str]] = {}
        for speaker in self.by_speaker:
            for block in name_blocks(speaker):
                self.names_by_block.setdefault(block, []).append(speaker)
        self._speakers: dict[str, SpeakerQuotes] = {}  # a memo: entries are never changed, only added or dropped

    def speaker(self, speaker: str) -> SpeakerQuotes:
        """The quotes whose speaker is this one (alias-aware), compared only with the stored names that share a
        word with it; with their positions in the BM25 index and rows of the vectors."""
        found = self._speakers.get(speaker)
        if found is None:
            names = {name for block in name_blocks(speaker) for name in self.names_by_block.get(block, ())}
            ids = sorted(qid for name in names if same_speaker(speaker, name) for qid in self.by_speaker[name])
            rows = np.asarray([self.rows[i] for i in ids], dtype=np.int64)
            found = SpeakerQuotes(frozenset(ids), ids, self.lexical.positions(ids), rows)
            if len(self._speakers) >= SPEAKER_CACHE:
                self._speakers = {}
            self._speakers[speaker] = found
        return found


class Derived:
    """Data derived from one committed set of articles, each part built once, on first use."""

    def __init__(self, store: Store, committed: frozenset[str], generation: str, dim: int):
        self.store, self.committed, self.dim = store, committed, dim
        self.confirmed = generation  # a generation at which the store's committed set was exactly this one
        self.key = cache_key(committed)
        self.root: Path | None = store.cache_folder

    def _folder(self, name: str) -> Path | None:
        return self.root / self.key / name if self.root is not None else None

    def _unchanged(self) -> bool:
        """Nothing was committed or removed while we listed: what we built may be cached for other processes."""
        return self.store.generation() == self.confirmed

    def _list(self, name: str, vectors: bool = False) -> list:
        return [r for r in self.store.scan(name, documents=True, metadatas=True, embeddings=vectors)
                if r.meta.get("article_id") in self.committed]

    @cached_property
    def passages(self) -> LexicalIndex:
        index = load_lexical(self._folder("passages"))
        if index is None:
            records = self._list("passages")
            index = LexicalIndex.build([r.id for r in records], [r.document for r in records])
            if self._unchanged():
                save_lexical(self.root, self.key, "passages", index)
        return index

    @cached_property
    def quotes(self) -> QuoteBook:
        folder = self._folder("quotes")
        cached = load_quotes(folder, self.dim)
        if cached is not None:
            records, vectors = cached
        else:
            listed = self._list("quotes", vectors=True)
            records = [{"id": r.id, "document": r.document, "metadata": r.meta} for r in listed]
            rows = [r.embedding for r in listed]
            vectors = (unit(np.vstack(rows)) if rows else np.zeros((0, self.dim), np.float32)).astype(np.float16)
            if self._unchanged():
                save_quotes(folder, records, vectors)
        lexical = load_lexical(folder)
        if lexical is None:
            lexical = LexicalIndex.build([r["id"] for r in records], [r["document"] for r in records])
            if self._unchanged():
                save_lexical(self.root, self.key, "quotes", lexical)
        return QuoteBook(records, vectors, lexical)


class Snapshot:
    """The committed articles at one generation, and what is derived from them. Never changed once built."""

    def __init__(self, generation: str, metas: dict[str, dict], derived: Derived, listed: float):
        self.generation, self.metas, self.derived, self.listed = generation, metas, derived, listed
        self.committed = derived.committed
        self.sources = {aid: sources_of(meta) for aid, meta in metas.items()}

    @classmethod
    def build(cls, store: Store, generation: str, previous: "Snapshot | None", dim: int) -> "Snapshot":
        metas = {r.id: r.meta for r in store.scan("articles") if not r.meta.get("removing")}  # writer.REMOVING
        committed = frozenset(metas)
        if previous is not None and previous.committed == committed:
            derived = previous.derived  # the same articles: only their metadata (sources) may have changed
            derived.confirmed = generation
        else:
            derived = Derived(store, committed, generation, dim)
        return cls(generation, metas, derived, time.monotonic())

    def sources_of(self, article_ids) -> dict[str, list[str]]:
        """Every current source of these committed articles, first one first (absent ids are left out)."""
        return {a: self.sources[a] for a in article_ids if a in self.sources}

    def lang(self, article_id: str) -> str:
        return self.metas.get(article_id, {}).get("lang", "und")

    def articles(self) -> list[dict]:
        """Committed articles' metadata (no text), with every source (`sources`), sorted by source."""
        out = [{"id": aid, **{k: v for k, v in meta.items() if k != "files"}, "sources": self.sources[aid]}
               for aid, meta in self.metas.items()]
        return sorted(out, key=lambda a: a.get("source", ""))


class View:
    """The current snapshot of a store, for every thread of this process."""

    def __init__(self, store: Store, dim: Callable[[], int]):
        self.store, self._dim = store, dim
        self.snapshot: Snapshot | None = None
        self._checked = 0.0  # when the generation token was last read
        self._stale = False  # this process wrote: the next reader must list again
        self._building = threading.Lock()

    def invalidate(self) -> None:
        self._stale = True

    def current(self, max_age: float = REFRESH_SECONDS) -> Snapshot:
        snap = self.snapshot
        if snap is not None and not self._stale and time.monotonic() - self._checked < max_age:
            return snap
        must_wait = snap is None or self._stale or max_age == 0
        if not self._building.acquire(blocking=must_wait):
            return snap  # another thread is refreshing; this read goes on with the snapshot it had
        try:
            snap = self.snapshot
            if snap is None or self._stale or max_age == 0 or time.monotonic() - self._checked >= max_age:
                snap = self._refresh(snap, relist=max_age == 0)
            return snap
        finally:
            self._building.release()

    def _refresh(self, snap: Snapshot | None, relist: bool) -> Snapshot:
        forced, self._stale = self._stale, False  # cleared first: a write during the build is not lost
        now = self._checked = time.monotonic()
        generation = self.store.generation()
        if snap is None or generation != snap.generation:
            self.store.follow(generation)  # a local client reopened if another process wrote (live.py)
        if (snap is not None and not forced and not relist and generation == snap.generation
                and now - snap.listed < RELIST_SECONDS):
            return snap
        snap = self.snapshot = Snapshot.build(self.store, generation, snap, self._dim())
        return snap
