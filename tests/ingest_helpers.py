"""Indexing in tests: a folder indexed through the CLI, and what two indexing runs are compared on
(every record of the store, less the time it was written)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from retrieval.store import Store


@contextlib.contextmanager
def hash_indexed(folder: Path, data: Path) -> Iterator[Path]:
    """`data` indexed with quote extraction into `folder`/store (local Chroma, the hash embedder, a
    cache of its own), the environment kept so while the caller's tests run; yields the store."""
    from assistant.cli import main

    with pytest.MonkeyPatch.context() as env:
        env.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        env.setenv("QUOTECHECK_EMBEDDER", "hash")
        env.delenv("QUOTECHECK_CHROMA_URL", raising=False)
        assert main(["--store", str(folder / "store"), "index", str(data)]) == 0
        yield folder / "store"


def store_contents(store: Store) -> dict[str, list[tuple[str, str, dict]]]:
    """Articles, passages and quotes: (id, text, metadata) sorted by id; `indexed_at` left out."""
    out = {}
    for name in ("articles", "passages", "quotes"):
        rows = [(r.id, r.document, {k: v for k, v in r.meta.items() if k != "indexed_at"})
                for r in store.scan(name, documents=True)]
        out[name] = sorted(rows, key=lambda row: row[0])
    return out
