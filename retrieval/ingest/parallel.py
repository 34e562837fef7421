"""Chunking and quote extraction on every core: a pool of worker processes feeding the writer.

The spaCy parse inside quote extraction is most of indexing's CPU; the embedder and the store writes
stay in the main process (`retrieval/index/writer.py`), which takes the records in order, so the
ids, the order of writes and the commit protocol are those of the single-process path.

Memory stays bounded: at most `ahead` articles are out at the workers or waiting for the writer,
whatever the size of the run. On Linux the workers are forked after the spaCy models were loaded in
the parent (copy-on-write: loaded once, not once per worker); elsewhere each worker loads its own.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Iterator

from ..index.prepare import Extractor, Prepared, Preparer, prepare
from ..types import Article

CHUNK_ARTICLES = 2  # articles per task: small enough to balance long and short ones
AHEAD_ARTICLES = 64  # at most this many in flight (two writer batches)
WARM_UP = {"fr": "« Oui », a dit Marie Dupont.", "en": "“Yes,” said Mary Smith."}

_extractor: Extractor | None = None  # the worker's, set by `_init`


def cores() -> int:
    """The cores this process may run on (the default for `--workers`)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _init(extractor: Extractor) -> None:
    global _extractor
    _extractor = extractor


def _prepare_chunk(articles: list[Article], extract: bool) -> list[Prepared]:
    return [prepare(article, _extractor, extract) for article in articles]


def _context() -> mp.context.BaseContext:
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def warm_up(extractor: Extractor, articles: list[Article]) -> None:
    """Load the models of the articles' languages here, before forking: the workers inherit them."""
    for lang in sorted({"fr" if a.lang == "fr" else "en" for a in articles}):
        extractor(WARM_UP[lang], lang)


def ordered(pool, articles: list[Article], extract: bool, chunk: int = CHUNK_ARTICLES,
            ahead: int = AHEAD_ARTICLES) -> Iterator[Prepared]:
    """Records of the articles, in their order, with at most `ahead` articles in flight."""
    chunks = [articles[i : i + chunk] for i in range(0, len(articles), chunk)]
    pending: deque = deque()
    window = max(1, ahead // chunk)
    for n in range(len(chunks)):
        while len(pending) < window and n + len(pending) < len(chunks):
            pending.append(pool.apply_async(_prepare_chunk, (chunks[n + len(pending)], extract)))
        yield from pending.popleft().get()


@contextlib.contextmanager
def pool_preparer(workers: int, extractor: Extractor) -> Iterator[Preparer]:
    """A preparer running on `workers` processes, started at its first call and stopped on exit."""
    pools = []

    def run(articles: list[Article], extract: bool) -> Iterator[Prepared]:
        if len(articles) < 2 or not extract:  # chunking alone is cheaper than sending the texts out
            yield from (prepare(a, extractor, extract) for a in articles)
            return
        ctx = _context()
        if ctx.get_start_method() == "fork":
            warm_up(extractor, articles)
        pool = ctx.Pool(min(workers, len(articles)), initializer=_init, initargs=(extractor,))
        pools.append(pool)
        yield from ordered(pool, articles, extract)

    try:
        yield run
    finally:
        for pool in pools:
            pool.terminate()
            pool.join()
