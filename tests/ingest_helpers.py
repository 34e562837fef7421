"""What two indexing runs are compared on: every record of the store, less the time it was written."""

from __future__ import annotations

from retrieval.store import Store


def store_contents(store: Store) -> dict[str, list[tuple[str, str, dict]]]:
    """Articles, passages and quotes: (id, text, metadata) sorted by id; `indexed_at` left out."""
    out = {}
    for name in ("articles", "passages", "quotes"):
        rows = [(r.id, r.document, {k: v for k, v in r.meta.items() if k != "indexed_at"})
                for r in store.scan(name, documents=True)]
        out[name] = sorted(rows, key=lambda row: row[0])
    return out
