"""Local Chroma read by one process while another one writes it: reopen the client, never fail the read.

A local `PersistentClient` keeps its vector indexes in memory. When another process (`quotecheck index` or
`remove` into the store a `serve` reads) changes the files, this process's indexes no longer match the
records: queries fail with "Error finding id" until the client is opened again. So the collections are read
through `Collections`, which holds the client current now and replaces it (a fresh Chroma `System` for the
same folder) when

- the store's generation token changed since the client was opened (`follow`, called by readers when they
  notice a new generation, and by a writer once it holds the lock), or
- a read failed (the other writer is between two commits, so no new generation yet): reopen, then retry,
  up to `RETRIES` times.

The swap is one assignment, so a request that started on the old client finishes on it; the old `System`
is stopped `RETIRE_SECONDS` later, when no open store in this process uses it. A Chroma server needs none
of this (it is one process for every client): there `Collections` only forwards.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable

RETRIES = 3
RETIRE_SECONDS = 60.0
READS = frozenset({"get", "query", "count", "peek"})

_open: "weakref.WeakSet[Collections]" = weakref.WeakSet()


def _system_of(client):
    from chromadb.api.shared_system_client import SharedSystemClient

    return SharedSystemClient._identifier_to_system.get(getattr(client, "_identifier", None))


def _forget_shared_system(client) -> None:
    """Make the next client for this folder start its own `System` (Chroma shares one per folder)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = getattr(client, "_identifier", None)
    with SharedSystemClient._refcount_lock:
        SharedSystemClient._identifier_to_system.pop(identifier, None)
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)


def _retire(system) -> None:
    def stop() -> None:
        if system is not None and not any(c.system is system for c in list(_open)):
            try:
                system.stop()
            except Exception:
                pass

    timer = threading.Timer(RETIRE_SECONDS, stop)
    timer.daemon = True
    timer.start()


class Collections:
    """The store's raw collections, by name, through the client current now."""

    def __init__(self, client, open_collections: Callable[[object], dict], *, generation: Callable[[dict], str],
                 connect: Callable[[], object] | None = None):
        """`connect` makes a new client for the same local folder; None (a server): never reopened."""
        self._connect, self._open_collections, self._generation = connect, open_collections, generation
        self.local = connect is not None
        self._lock = threading.Lock()
        self.epoch = 0
        self.client = client
        self.system = _system_of(self.client)
        self.raw = open_collections(self.client)
        self.seen = generation(self.raw)  # the generation this client is known to be current with
        _open.add(self)

    def __getitem__(self, name: str) -> "LiveCollection":
        return LiveCollection(self, name)

    def follow(self, generation: str) -> None:
        """Reopen when another process made a change this client has not seen (local stores only)."""
        if self.local and generation != self.seen:
            self.reopen(self.epoch, generation)

    def reopen(self, seen_epoch: int, generation: str | None = None) -> None:
        with self._lock:
            if seen_epoch != self.epoch:  # another thread reopened meanwhile
                return
            old = self.system
            _forget_shared_system(self.client)
            client = self._connect()
            raw = self._open_collections(client)
            self.client, self.system, self.raw = client, _system_of(client), raw
            self.seen = generation if generation is not None else self._generation(raw)
            self.epoch += 1
        _retire(old)


class LiveCollection:
    """One collection: reads retried on a reopened client when another process changed the files under it."""

    def __init__(self, live: Collections, name: str):
        self._live, self._name = live, name

    def __getattr__(self, attr: str):
        target = getattr(self._live.raw[self._name], attr)
        if attr not in READS or not self._live.local:
            return target
        return lambda *args, **kwargs: self._read(attr, args, kwargs)

    def _read(self, attr: str, args, kwargs):
        for attempt in range(RETRIES + 1):
            epoch = self._live.epoch
            try:
                return getattr(self._live.raw[self._name], attr)(*args, **kwargs)
            except Exception:
                if attempt == RETRIES:
                    raise
                time.sleep(0.05 * 2**attempt)
                self._live.reopen(epoch)
