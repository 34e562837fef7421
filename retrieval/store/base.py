"""The store interface: three collections of records with our own embeddings, and a generation token.

    articles   one record per indexed text: the text, its metadata (sources, title, lang...), a mean vector
    passages   exact slices of an article, each with `article_id`, `start`, `end` and a vector
    quotes     quotes found in an article, each with `article_id`, offsets, speaker and a vector

A store holds records and nothing else: what "committed" means (an article record is written last), how
an article is replaced or removed, what a reader derives (BM25, quote lookups) lives in `retrieval/index/`,
on top of these methods. Two implementations: `ChromaStore` (chroma.py: a local folder or a Chroma
server) and `MemoryStore` (memory.py: deterministic, in process, for tests and examples).

The generation token changes whenever a writer commits or removes something (`bump`); readers compare
it, one small read, instead of listing every article to notice another writer's change.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol, runtime_checkable

import numpy as np

COLLECTIONS = ("articles", "passages", "quotes")
PAGE = 5000  # records per request when a store pages its reads and writes


class Record(NamedTuple):
    """One stored record; `document`, `metadata` and `embedding` are None when not asked for."""

    id: str
    document: str | None = None
    metadata: dict | None = None
    embedding: np.ndarray | None = None

    @property
    def meta(self) -> dict:
        return self.metadata or {}


class Neighbour(NamedTuple):
    """A record near a query vector: cosine distance (0 is the same direction); document and metadata
    when asked for, None when the record was removed while the search ran."""

    id: str
    distance: float
    document: str | None = None
    metadata: dict | None = None


@runtime_checkable
class Store(Protocol):
    location: str  # a folder or a URL, for messages
    mode: str  # "local", "server" or "memory"
    cache_folder: Path | None  # where readers may cache data derived from this store (None: nowhere)

    def writing(self, wait: float = 0.0) -> contextlib.AbstractContextManager[bool]:
        """Hold the store's write lock (StoreLockedError after `wait` seconds). Yields True when the last
        writer died while writing, so its uncommitted parts are garbage the new writer should repair."""

    def add(self, collection: str, ids: Sequence[str], documents: Sequence[str], metadatas: Sequence[dict],
            embeddings: np.ndarray | Sequence[Sequence[float]]) -> None:
        """Insert or replace records."""

    def update(self, collection: str, ids: Sequence[str], metadatas: Sequence[dict]) -> None:
        """Replace the metadata of existing records."""

    def remove(self, collection: str, ids: Sequence[str] = (), *, article_id: str | None = None) -> None:
        """Delete records by id, or every record of one article (`article_id`)."""

    def get(self, collection: str, ids: Sequence[str], *, documents: bool = True, metadatas: bool = True,
            embeddings: bool = False) -> list[Record]:
        """The records with these ids that exist, in no particular order."""

    def scan(self, collection: str, *, documents: bool = False, metadatas: bool = True,
             embeddings: bool = False) -> Iterator[Record]:
        """Every record of a collection, page by page."""

    def query(self, collection: str, vector: np.ndarray, n: int, *, documents: bool = True) -> list[Neighbour]:
        """Up to n records nearest to a vector, nearest first (fewer when the collection is smaller)."""

    def count(self, collection: str) -> int: ...

    def generation(self) -> str:
        """The token of the last change ("" for a store written before tokens existed)."""

    def bump(self) -> str:
        """Record a change (a new token) and return the token."""

    def follow(self, generation: str) -> None:
        """Make this process's view current with a change another process made (a local Chroma client is
        reopened; other stores need nothing)."""


def unit(vectors) -> np.ndarray:
    """Rows as float32 unit vectors (a zero row stays zero)."""
    matrix = np.asarray(vectors, dtype=np.float32)
    matrix = matrix.reshape(len(matrix), -1) if matrix.size else matrix.reshape(len(matrix), 0)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


__all__ = ["COLLECTIONS", "PAGE", "Neighbour", "Record", "Store", "unit"]
