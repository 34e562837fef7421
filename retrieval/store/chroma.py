"""The Chroma store: a local folder (`PersistentClient`) or a Chroma server (`HttpClient`, when
`QUOTECHECK_CHROMA_URL` is set), behind the store interface of base.py.

Telemetry is off, the space is cosine, and Chroma's default embedding function is never used (it
downloads a model). The embedder's name and dimension are recorded on the collections; opening a store
with another embedder is an error. The generation token is one record of a fourth collection.

One writer per local store: a file lock, and a marker file while it writes, so the next writer knows
when the last one died (`writing()` yields True) and repairs before writing. A Chroma server takes
concurrent clients itself. A local store is read through `live.Collections`: the client is reopened
when another process wrote to the folder (see live.py); a server's client is used as is.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from ..errors import EmbedderMismatchError, StoreError, StoreLockedError, StoreMissingError
from ..settings import Settings
from .base import COLLECTIONS, PAGE, Neighbour, Record
from .live import Collections

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
logging.getLogger("chromadb").setLevel(logging.ERROR)

STATE = "quotecheck_state"  # the generation token


def store_location(settings: Settings) -> str:
    return settings.quotecheck_chroma_url or str(settings.quotecheck_store)


def store_exists(settings: Settings) -> bool:
    """Whether a store was created there (by `quotecheck index`), without creating anything."""
    if not settings.quotecheck_chroma_url:
        return (Path(settings.quotecheck_store) / "chroma" / "chroma.sqlite3").is_file()
    client = make_client(settings)
    try:
        names = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    except Exception as exc:
        raise StoreError(f"cannot reach the Chroma server at {settings.quotecheck_chroma_url}: {exc}") from None
    return "articles" in names


def require_store(settings: Settings) -> None:
    """Refuse a store that does not exist: a mistyped --store must not become an empty store."""
    if not store_exists(settings):
        raise StoreMissingError(f"no store at {store_location(settings)}: run `quotecheck index` first")


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.quotecheck_chroma_url:
        url = urlparse(settings.quotecheck_chroma_url)
        if not url.hostname:
            raise StoreError(f"QUOTECHECK_CHROMA_URL={settings.quotecheck_chroma_url!r} is not a URL like http://host:8000")
        try:
            return chromadb.HttpClient(
                host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https", settings=chroma_settings,
            )
        except Exception as exc:
            raise StoreError(f"cannot reach the Chroma server at {settings.quotecheck_chroma_url}: {exc}") from None
    folder = Path(settings.quotecheck_store)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(folder / "chroma"), settings=chroma_settings)
    except Exception as exc:
        raise StoreError(f"cannot open the store at {folder}: {exc}") from None


def _generation(state) -> str:
    got = state.get(ids=["generation"], include=["documents"])
    return (got["documents"] or [""])[0] or ""


def _include(documents: bool, metadatas: bool, embeddings: bool) -> list[str]:
    return [name for name, wanted in (("documents", documents), ("metadatas", metadatas),
                                      ("embeddings", embeddings)) if wanted]


def _records(got: dict, documents: bool, metadatas: bool, embeddings: bool) -> list[Record]:
    ids = got["ids"]
    docs = got.get("documents") if documents else None
    metas = got.get("metadatas") if metadatas else None
    vectors = got.get("embeddings") if embeddings else None
    return [Record(rid, docs[i] if docs is not None else None, (metas[i] or {}) if metas is not None else None,
                   np.asarray(vectors[i], dtype=np.float32) if vectors is not None else None)
            for i, rid in enumerate(ids)]


class ChromaStore:
    def __init__(self, client, embedder_name: str, dim: int, *, lock_path: Path | None = None, location: str = "",
                 connect=None, cache_folder: Path | None = None):
        """`lock_path` and `connect` (a new client for the same folder) for a local store; None: a server."""
        self.location, self.lock_path, self.cache_folder = location, lock_path, cache_folder
        self.mode = "local" if lock_path is not None else "server"
        self.dim = dim or 1
        meta = {"hnsw:space": "cosine", "embedder": embedder_name, "dim": dim}

        def open_collections(chroma) -> dict:
            cols = {}
            for name in COLLECTIONS:
                col = chroma.get_or_create_collection(name, metadata=meta, embedding_function=None)
                recorded = (col.metadata or {}).get("embedder")
                recorded_dim = (col.metadata or {}).get("dim")
                if recorded and (recorded != embedder_name or (dim and recorded_dim and recorded_dim != dim)):
                    raise EmbedderMismatchError(
                        f"the store at {location} was built with the embedder {recorded!r} ({recorded_dim} dims), "
                        f"not {embedder_name!r}. Use QUOTECHECK_EMBEDDER matching it, or re-index into a new "
                        f"store: quotecheck --store NEW_DIR index PATH..."
                    )
                cols[name] = col
            cols[STATE] = chroma.get_or_create_collection(STATE, metadata={"hnsw:space": "cosine"}, embedding_function=None)
            return cols

        self.live = Collections(client, open_collections, generation=lambda cols: _generation(cols[STATE]),
                                connect=connect if lock_path is not None else None)
        self._cols = {name: self.live[name] for name in (*COLLECTIONS, STATE)}

    @classmethod
    def open(cls, settings: Settings, embedder_name: str, dim: int) -> "ChromaStore":
        client = make_client(settings)
        if settings.quotecheck_chroma_url:
            from platformdirs import user_cache_dir

            key = hashlib.sha1(settings.quotecheck_chroma_url.encode()).hexdigest()[:12]
            cache = Path(user_cache_dir("quotecheck", appauthor=False)) / f"server-{key}"
            return cls(client, embedder_name, dim, location=settings.quotecheck_chroma_url, cache_folder=cache)
        folder = Path(settings.quotecheck_store)
        return cls(client, embedder_name, dim, lock_path=folder / "write.lock", location=str(folder),
                   connect=lambda: make_client(settings), cache_folder=folder / "lexical")

    @property
    def client(self):
        return self.live.client

    # ------------------------------------------------------------------ writing

    @contextlib.contextmanager
    def writing(self, wait: float = 0.0) -> Iterator[bool]:
        if self.lock_path is None:
            yield False
            return
        from filelock import FileLock, Timeout

        lock = FileLock(str(self.lock_path))
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise StoreLockedError(
                f"another quotecheck process is writing to the store at {self.location}; "
                "wait for it to finish, or use a Chroma server (QUOTECHECK_CHROMA_URL) for concurrent writers"
            ) from None
        try:
            self.follow(self.generation())  # write through a client that has seen every earlier writer
            dirty = self.lock_path.with_name("writing.dirty")
            was_dirty = dirty.exists()
            dirty.touch()
            yield was_dirty
            dirty.unlink(missing_ok=True)
        finally:
            lock.release()

    def add(self, collection: str, ids: Sequence[str], documents: Sequence[str], metadatas: Sequence[dict],
            embeddings) -> None:
        vectors = np.asarray(embeddings, dtype=np.float32).reshape(len(ids), -1)
        for start in range(0, len(ids), PAGE):
            sl = slice(start, start + PAGE)
            self._cols[collection].upsert(ids=list(ids[sl]), documents=list(documents[sl]),
                                          metadatas=list(metadatas[sl]), embeddings=vectors[sl])

    def update(self, collection: str, ids: Sequence[str], metadatas: Sequence[dict]) -> None:
        if ids:
            self._cols[collection].update(ids=list(ids), metadatas=list(metadatas))

    def remove(self, collection: str, ids: Sequence[str] = (), *, article_id: str | None = None) -> None:
        ids = list(ids)
        for start in range(0, len(ids), PAGE):
            self._cols[collection].delete(ids=ids[start : start + PAGE])
        if article_id is not None:
            self._cols[collection].delete(where={"article_id": article_id})

    # ------------------------------------------------------------------ reading

    def get(self, collection: str, ids: Sequence[str], *, documents: bool = True, metadatas: bool = True,
            embeddings: bool = False) -> list[Record]:
        if not ids:
            return []
        got = self._cols[collection].get(ids=list(dict.fromkeys(ids)), include=_include(documents, metadatas, embeddings))
        return _records(got, documents, metadatas, embeddings)

    def scan(self, collection: str, *, documents: bool = False, metadatas: bool = True,
             embeddings: bool = False) -> Iterator[Record]:
        include = _include(documents, metadatas, embeddings)
        offset = 0
        while True:
            page = _records(self._cols[collection].get(include=include, limit=PAGE, offset=offset),
                            documents, metadatas, embeddings)
            yield from page
            if len(page) < PAGE:
                return
            offset += PAGE

    def query(self, collection: str, vector: np.ndarray, n: int, *, documents: bool = True) -> list[Neighbour]:
        include = ["distances"] + (["documents", "metadatas"] if documents else [])
        got = self._cols[collection].query(query_embeddings=[np.asarray(vector, dtype=np.float32).tolist()],
                                           n_results=n, include=include)
        ids, distances = got["ids"][0], got["distances"][0]
        docs = got["documents"][0] if documents else [None] * len(ids)
        metas = got["metadatas"][0] if documents else [None] * len(ids)
        return [Neighbour(rid, float(dist), doc, meta) for rid, dist, doc, meta in zip(ids, distances, docs, metas)]

    def count(self, collection: str) -> int:
        return self._cols[collection].count()

    def generation(self) -> str:
        return _generation(self._cols[STATE])

    def bump(self) -> str:
        """A new token; this process's client has seen its own change."""
        token = uuid.uuid4().hex
        self._cols[STATE].upsert(ids=["generation"], documents=[token], embeddings=[[1.0] * self.dim])
        self.live.seen = token
        return token

    def follow(self, generation: str) -> None:
        self.live.follow(generation)
