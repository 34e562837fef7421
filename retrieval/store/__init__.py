"""Where indexed texts are kept: the store interface (base.py), Chroma (chroma.py: a local folder or a
server) and an in-memory fake (memory.py). Nothing outside this package calls Chroma."""

from __future__ import annotations

from ..settings import Settings
from .base import COLLECTIONS, PAGE, Neighbour, Record, Store
from .chroma import STATE, ChromaStore, require_store, store_exists, store_location
from .memory import MemoryStore


def open_store(settings: Settings, embedder_name: str, dim: int) -> Store:
    """The store `settings` names: a Chroma server when QUOTECHECK_CHROMA_URL is set, else the local folder."""
    return ChromaStore.open(settings, embedder_name, dim)


__all__ = ["COLLECTIONS", "PAGE", "STATE", "ChromaStore", "MemoryStore", "Neighbour", "Record", "Store",
           "open_store", "require_store", "store_exists", "store_location"]
