"""An in-memory store: the fake behind the store interface, deterministic and in process.

Exact cosine search (ties in insertion order), a threading lock for writers, a counter for a generation
token. Nothing is persisted: a `MemoryStore` lives as long as the object. Tests of index logic use it
instead of Chroma; `Index(settings, MemoryStore(), embedder)` is a complete, throwaway index.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from ..errors import StoreLockedError
from .base import COLLECTIONS, Neighbour, Record, unit


class MemoryStore:
    mode = "memory"
    cache_folder: Path | None = None

    def __init__(self, location: str = "memory"):
        self.location = location
        self._records: dict[str, dict[str, Record]] = {name: {} for name in COLLECTIONS}
        self._lock = threading.Lock()  # one writer, as a local store
        self._data = threading.Lock()  # each call is atomic, as a Chroma request is
        self._generation = ""
        self._changes = 0

    @contextlib.contextmanager
    def writing(self, wait: float = 0.0) -> Iterator[bool]:
        acquired = self._lock.acquire(timeout=wait) if wait > 0 else self._lock.acquire(blocking=False)
        if not acquired:
            raise StoreLockedError(f"another writer holds the store {self.location}; wait for it to finish")
        try:
            yield False
        finally:
            self._lock.release()

    def add(self, collection: str, ids: Sequence[str], documents: Sequence[str], metadatas: Sequence[dict],
            embeddings) -> None:
        vectors = np.asarray(embeddings, dtype=np.float32).reshape(len(ids), -1)
        with self._data:
            table = self._records[collection]
            for rid, doc, meta, vector in zip(ids, documents, metadatas, vectors):
                table.pop(rid, None)  # a replaced record moves to the end, as a fresh insert
                table[rid] = Record(rid, doc, copy.deepcopy(meta), vector.copy())

    def update(self, collection: str, ids: Sequence[str], metadatas: Sequence[dict]) -> None:
        with self._data:
            table = self._records[collection]
            for rid, meta in zip(ids, metadatas):
                if rid in table:
                    table[rid] = table[rid]._replace(metadata=copy.deepcopy(meta))

    def remove(self, collection: str, ids: Sequence[str] = (), *, article_id: str | None = None) -> None:
        with self._data:
            table = self._records[collection]
            doomed = set(ids)
            if article_id is not None:
                doomed |= {rid for rid, r in table.items() if r.meta.get("article_id") == article_id}
            for rid in doomed:
                table.pop(rid, None)

    def get(self, collection: str, ids: Sequence[str], *, documents: bool = True, metadatas: bool = True,
            embeddings: bool = False) -> list[Record]:
        with self._data:
            table = self._records[collection]
            found = [table[i] for i in dict.fromkeys(ids) if i in table]
        return [self._view(r, documents, metadatas, embeddings) for r in found]

    def scan(self, collection: str, *, documents: bool = False, metadatas: bool = True,
             embeddings: bool = False) -> Iterator[Record]:
        with self._data:
            found = list(self._records[collection].values())
        for r in found:
            yield self._view(r, documents, metadatas, embeddings)

    def query(self, collection: str, vector: np.ndarray, n: int, *, documents: bool = True) -> list[Neighbour]:
        with self._data:
            found = list(self._records[collection].values())
        if not found or n <= 0:
            return []
        rows = unit(np.vstack([r.embedding for r in found]))
        query = unit(np.asarray(vector, dtype=np.float32).reshape(1, -1))[0]
        distances = 1.0 - rows @ query
        order = np.argsort(distances, kind="stable")[:n]
        return [Neighbour(found[i].id, float(distances[i]), found[i].document if documents else None,
                          copy.deepcopy(found[i].metadata) if documents else None) for i in order]

    def count(self, collection: str) -> int:
        return len(self._records[collection])

    def generation(self) -> str:
        return self._generation

    def bump(self) -> str:
        with self._data:
            self._changes += 1
            self._generation = f"g{self._changes}"
            return self._generation

    def follow(self, generation: str) -> None:
        pass

    @staticmethod
    def _view(r: Record, documents: bool, metadatas: bool, embeddings: bool) -> Record:
        return Record(r.id, r.document if documents else None, copy.deepcopy(r.metadata) if metadatas else None,
                      r.embedding.copy() if embeddings else None)
