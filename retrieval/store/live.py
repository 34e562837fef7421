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

The swap is one assignment, so a request that started on the old client finishes on it. Reads count
themselves in and out of the `System` they run on; the old `System` is stopped as soon as no read is in
flight on it and no open store in this process uses it (checked every `RETIRE_POLL` seconds, at least
`RETIRE_MIN_SECONDS` after the swap), so a serving process holds one or two Chroma systems, not one per
write it has seen (the soak measured ~10 MB a reopen when old systems were kept for a minute). A Chroma
server needs none of this (it is one process for every client): there `Collections` only forwards.

Memory: a process that reopens its store after every write of another process must not keep what the
old systems held. A stopped system's freed pages are handed back (`_give_back_memory`), and the process
keeps few malloc arenas (`_few_arenas`), so those pages are not scattered over one arena per thread that
each new system started.
"""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable

RETRIES = 3
RETIRE_MIN_SECONDS = 1.0
RETIRE_POLL = 0.5
RETIRE_MAX_SECONDS = 600.0  # a read stuck longer than this no longer keeps its system alive
READS = frozenset({"get", "query", "count", "peek"})

_open: "weakref.WeakSet[Collections]" = weakref.WeakSet()
_inflight: dict[int, int] = {}  # id(System) -> reads running on it
_inflight_lock = threading.Lock()


def _enter(system) -> None:
    with _inflight_lock:
        _inflight[id(system)] = _inflight.get(id(system), 0) + 1


def _leave(system) -> None:
    with _inflight_lock:
        left = _inflight.get(id(system), 1) - 1
        if left > 0:
            _inflight[id(system)] = left
        else:
            _inflight.pop(id(system), None)


def _busy(system) -> bool:
    with _inflight_lock:
        return _inflight.get(id(system), 0) > 0


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
    """Stop `system` once nothing in this process reads through it any more."""
    if system is None:
        return
    started = time.monotonic()

    def check() -> None:
        age = time.monotonic() - started
        in_use = any(c.system is system for c in list(_open)) or (_busy(system) and age < RETIRE_MAX_SECONDS)
        if age < RETIRE_MIN_SECONDS or in_use:
            if any(c.system is system for c in list(_open)):
                return  # back in use (a store reopened onto it): not ours to stop
            _schedule(check, RETIRE_POLL)
            return
        try:
            system.stop()
        except Exception:
            pass
        _give_back_memory()

    _schedule(check, RETIRE_MIN_SECONDS)


def _give_back_memory() -> None:
    """A stopped system's indexes are freed, but glibc keeps the freed pages in its per-thread arenas, so
    a serving process that reopens its store after every write grows without bound; `malloc_trim` hands
    them back to the system (a no-op where the C library is not glibc)."""
    global _trim
    if _trim is None:
        try:
            import ctypes

            _trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _trim = False
    if _trim:
        import gc

        gc.collect()
        _trim(0)


_trim = None  # glibc's malloc_trim once looked up; False where there is none

ARENAS = 2


def _few_arenas() -> None:
    """Every reopened Chroma `System` starts threads of its own, and glibc gives a new thread a malloc arena
    of its own (up to eight per core): a stopped system's freed memory stays scattered over arenas no thread
    trims, and a reader following another process's writes grew by about 5 MB a write round (measured with
    raw Chroma reads; flat at 2 arenas). `mallopt(M_ARENA_MAX)` at run time bounds the arenas made from now
    on (a no-op where the C library is not glibc, or when the operator set MALLOC_ARENA_MAX)."""
    global _arenas_limited
    if _arenas_limited:
        return
    _arenas_limited = True
    if os.environ.get("MALLOC_ARENA_MAX"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, ARENAS)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass


_arenas_limited = False


def _schedule(fn, seconds: float) -> None:
    timer = threading.Timer(seconds, fn)
    timer.daemon = True
    timer.start()


class Collections:
    """The store's raw collections, by name, through the client current now."""

    def __init__(self, client, open_collections: Callable[[object], dict], *, generation: Callable[[dict], str],
                 connect: Callable[[], object] | None = None):
        """`connect` makes a new client for the same local folder; None (a server): never reopened."""
        self._connect, self._open_collections, self._generation = connect, open_collections, generation
        self.local = connect is not None
        if self.local:
            _few_arenas()
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
            live = self._live
            epoch, system, raw = live.epoch, live.system, live.raw
            _enter(system)
            try:
                return getattr(raw[self._name], attr)(*args, **kwargs)
            except Exception:
                if attempt == RETRIES:
                    raise
                time.sleep(0.05 * 2**attempt)
                self._live.reopen(epoch)
            finally:
                _leave(system)
