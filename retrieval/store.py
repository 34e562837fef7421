"""The Chroma store: three collections (articles, passages, quotes) with our own embeddings.

Local mode is a `PersistentClient` in the store folder; server mode an `HttpClient` when
`QUOTECHECK_CHROMA_URL` is set. Telemetry is off, the space is cosine, and Chroma's default
embedding function is never used (it downloads a model). The embedder's name and dimension are
recorded on the collections; opening a store with another embedder is an error.

Commit protocol (crash safety): an article's passages and quotes are written first, its article
record last. Only articles with a record are "committed"; readers ignore passages and quotes
whose article has no record, and `repair()` deletes them. A local writer leaves a marker file while
it writes; the next writer to find it (the last one died) repairs before writing.

Generation: after each commit or deletion a writer stores a new random token in a one-record
collection. Readers compare that token (one small request) instead of listing every committed
article id to notice other writers' changes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from .live import Collections
from .errors import EmbedderMismatchError, StoreError, StoreLockedError, StoreMissingError
from .settings import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
logging.getLogger("chromadb").setLevel(logging.ERROR)

COLLECTIONS = ("articles", "passages", "quotes")
STATE = "quotecheck_state"  # the generation token
PAGE = 5000


def _generation(state) -> str:
    got = state.get(ids=["generation"], include=["documents"])
    return (got["documents"] or [""])[0] or ""


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


class Store:
    """Chroma collections plus the write lock of a local store.

    The collections are read through `live.Collections`: a local store's client is reopened when another
    process wrote to its files (see live.py); a server's is used as is."""

    def __init__(self, client, embedder_name: str, dim: int, *, lock_path: Path | None = None, location: str = "",
                 connect=None):
        self.location = location
        self.lock_path = lock_path
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
        self.cols = {name: self.live[name] for name in COLLECTIONS}
        self.state = self.live[STATE]

    @property
    def client(self):
        return self.live.client

    @classmethod
    def open(cls, settings: Settings, embedder_name: str, dim: int, *, create: bool = True) -> "Store":
        if not create:
            require_store(settings)
        client = make_client(settings)
        if settings.quotecheck_chroma_url:
            return cls(client, embedder_name, dim, location=settings.quotecheck_chroma_url)
        folder = Path(settings.quotecheck_store)
        return cls(client, embedder_name, dim, lock_path=folder / "write.lock", location=str(folder),
                   connect=lambda: make_client(settings))

    def follow(self, generation: str) -> None:
        """This process's view made current with a change another process made (a local store reopens)."""
        self.live.follow(generation)

    @property
    def articles(self):
        return self.cols["articles"]

    @property
    def passages(self):
        return self.cols["passages"]

    @property
    def quotes(self):
        return self.cols["quotes"]

    @contextlib.contextmanager
    def writing(self, wait: float = 0.0) -> Iterator[None]:
        """One writer per local store. A Chroma server takes concurrent clients itself."""
        if self.lock_path is None:
            yield
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
            # A writer that died (SIGKILL, power loss) leaves this marker: its uncommitted parts, and
            # those of versions superseded since, are garbage only we can see now that we hold the lock.
            self.follow(self.generation())  # write through a client that has seen every earlier writer
            dirty = self.lock_path.with_name("writing.dirty")
            was_dirty = dirty.exists()
            dirty.touch()
            if was_dirty:
                self.repair()
            yield
            dirty.unlink(missing_ok=True)
        finally:
            lock.release()

    def get_all(self, name: str, include=("metadatas",), where=None) -> Iterator[dict]:
        """Every record of a collection, page by page, as dicts with id, metadata, document (and
        embedding when included)."""
        col = self.cols[name]
        offset = 0
        while True:
            page = col.get(include=list(include), where=where, limit=PAGE, offset=offset)
            ids = page["ids"]
            if not ids:
                return
            docs = page.get("documents") or [None] * len(ids)
            metas = page.get("metadatas") or [None] * len(ids)
            vectors = page.get("embeddings") if "embeddings" in include else None
            for i, record_id in enumerate(ids):
                record = {"id": record_id, "metadata": metas[i] or {}, "document": docs[i]}
                if vectors is not None:
                    record["embedding"] = vectors[i]
                yield record
            if len(ids) < PAGE:
                return
            offset += PAGE

    def bump(self) -> None:
        """Tell readers the committed set changed (this process's client has seen its own change)."""
        token = uuid.uuid4().hex
        self.state.upsert(ids=["generation"], documents=[token], embeddings=[[1.0] * self.dim])
        self.live.seen = token

    def generation(self) -> str:
        """The token of the last change ("" for a store written before tokens existed)."""
        return _generation(self.state)

    def committed_ids(self) -> set[str]:
        return {r["id"] for r in self.get_all("articles", include=())}

    def delete_article(self, article_id: str) -> None:
        """Uncommit first, then remove the parts: a crash in between leaves only orphans."""
        self.articles.delete(ids=[article_id])
        self.bump()
        self.passages.delete(where={"article_id": article_id})
        self.quotes.delete(where={"article_id": article_id})

    def orphans(self) -> dict[str, set[str]]:
        """Passages and quotes whose article is not committed, by collection."""
        committed = self.committed_ids()
        out = {}
        for name in ("passages", "quotes"):
            out[name] = {r["id"] for r in self.get_all(name) if r["metadata"].get("article_id") not in committed}
        return out

    def repair(self) -> dict[str, int]:
        removed = {}
        for name, ids in self.orphans().items():
            id_list = sorted(ids)
            for i in range(0, len(id_list), PAGE):
                self.cols[name].delete(ids=id_list[i : i + PAGE])
            removed[name] = len(id_list)
        return removed
