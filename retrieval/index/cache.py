"""Derived data cached on disk under a key of the committed set of articles: BM25 indexes and the quote
records and vectors, so a new process does not list the whole store again. A missing or damaged cache
is rebuilt from the store, never trusted; a read-only one only costs a rebuild."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from .lexical import LexicalIndex


def cache_key(committed: Iterable[str]) -> str:
    return hashlib.sha1("\n".join(sorted(committed)).encode()).hexdigest()[:16]


def load_lexical(folder: Path | None) -> LexicalIndex | None:
    if folder is None or not (folder / "ids.json").exists():
        return None
    try:
        return LexicalIndex.load(folder)
    except Exception:  # a damaged cache is rebuilt, never trusted
        return None


def save_lexical(root: Path | None, key: str, name: str, index: LexicalIndex) -> None:
    """Save under `root/key/name`, dropping the caches of other committed sets."""
    if root is None:
        return
    try:
        for stale in root.glob("*"):
            if stale.name != key:
                shutil.rmtree(stale, ignore_errors=True)
        index.save(root / key / name)
    except OSError:
        pass


def load_quotes(folder: Path | None, dim: int) -> tuple[list[dict], np.ndarray] | None:
    """Quote records and unit vectors saved by `save_quotes`; None when missing or damaged. `dim` 0: not known."""
    if folder is None:
        return None
    try:
        records = json.loads((folder / "records.json").read_text(encoding="utf-8"))
        vectors = np.load(folder / "vectors.npy", mmap_mode="r")
    except (OSError, ValueError):
        return None
    fields = {"id", "document", "metadata"}
    ok = (isinstance(records, list) and vectors.ndim == 2 and vectors.shape[0] == len(records)
          and (not dim or vectors.shape[1] == dim) and vectors.dtype == np.float16
          and all(isinstance(r, dict) and fields <= r.keys() and isinstance(r["metadata"], dict) for r in records))
    return (records, vectors) if ok else None


def save_quotes(folder: Path | None, records: list[dict], vectors: np.ndarray) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "vectors.npy.tmp", "wb") as fh:
            np.save(fh, vectors)
        (folder / "records.json.tmp").write_text(
            json.dumps([{k: r[k] for k in ("id", "document", "metadata")} for r in records], ensure_ascii=False),
            encoding="utf-8")
        (folder / "vectors.npy.tmp").replace(folder / "vectors.npy")
        (folder / "records.json.tmp").replace(folder / "records.json")
    except OSError:
        pass
