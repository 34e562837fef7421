"""Indexing on every core: a pool of worker processes chunking, extracting quotes and embedding, feeding
the writer.

The spaCy parse inside quote extraction and the embedder are nearly all of indexing's CPU; both run in
the workers (the embedder on one BLAS thread each), and the main process only writes to the store
(`retrieval/index/writer.py`). It takes the records in the articles' order, so the ids, the order of
writes and the commit protocol are those of the single-process path. An embedder that calls a server
(OpenAI) embeds in the main process instead.

Memory stays bounded: at most `ahead` articles are out at the workers or waiting for the writer,
whatever the size of the run. On Linux the workers are forked after the spaCy models and the embedder
were loaded in the parent (copy-on-write: loaded once, not once per worker); elsewhere each worker
loads its own.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterator

from ..embeddings import Embedder, OpenAIEmbedder, threads_limited
from ..index.prepare import Extractor, Prepared, Preparer, embed_prepared, prepare
from ..types import Article

CHUNK_ARTICLES = 2  # articles per task: small enough to balance long and short ones
# Fewer articles than this per worker are prepared in this process: starting the workers (a fork of a
# process holding the models, which each worker's touches soon copy) costs more than it saves, in time
# and in memory, for a handful of articles.
MIN_ARTICLES_PER_WORKER = 4
AHEAD_ARTICLES = 64  # at most this many in flight (two writer batches)
# Long enough (60+ characters) for extraction to consult its paragraph language identifier too.
WARM_UP = {"fr": "« Nous sommes prêts à discuter avec tout le monde », a déclaré mardi Marie Dupont, la ministre.",
           "en": "“We are ready to talk to everyone,” Mary Smith, the minister, said on Tuesday in a statement."}

_worker: tuple[Extractor, Embedder | None] | None = None  # the worker's, set by `_init`


def cores() -> int:
    """The cores this process may run on (the default for `--workers`)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _init(extractor: Extractor, embedder: Embedder | None) -> None:
    global _worker
    if embedder is not None and hasattr(embedder, "_threads"):
        embedder._threads = 1  # one BLAS thread per worker: the other cores are busy with the other workers
    _worker = (extractor, embedder)


def _prepare_chunk(articles: list[Article], extract: bool) -> list[Prepared]:
    extractor, embedder = _worker
    prepared = [prepare(article, extractor, extract) for article in articles]
    return embed_prepared(prepared, embedder) if embedder is not None else prepared


def _context() -> mp.context.BaseContext:
    return mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")


def warm_up(extractor: Extractor, articles: list[Article], embedder: Embedder | None = None) -> None:
    """Load the models of the articles' languages (and the embedder) here, before forking: the workers
    inherit them."""
    for lang in sorted({"fr" if a.lang == "fr" else "en" for a in articles}):
        extractor(WARM_UP[lang], lang)
    if embedder is not None:
        embedder.embed([WARM_UP["fr"]])


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


def pool_size(workers: int, articles: int) -> int:
    """Workers worth starting for this many articles (1: prepare them in this process)."""
    return max(1, min(workers, articles // MIN_ARTICLES_PER_WORKER))


@contextlib.contextmanager
def pool_preparer(workers: int, extractor: Extractor, embedder: Embedder,
                  notice: Callable[[str], None] = lambda message: None) -> Iterator[Preparer]:
    """A preparer running on `workers` processes, started at its first call and stopped on exit. If the
    system refuses the processes (out of memory or of processes), the articles are prepared here and
    `notice` says so: indexing goes on, more slowly."""
    pools = []
    in_workers = None if isinstance(embedder, OpenAIEmbedder) else embedder

    def run(articles: list[Article], extract: bool) -> Iterator[Prepared]:
        size = pool_size(workers, len(articles))
        pool = None
        if size > 1:
            ctx = _context()
            if ctx.get_start_method() == "fork":
                warm_up(extractor if extract else (lambda text, lang: []), articles, in_workers)
            try:
                pool = ctx.Pool(size, initializer=_init, initargs=(extractor, in_workers))
            except OSError as exc:  # fork refused: ENOMEM, EAGAIN
                notice(f"could not start {size} worker processes ({exc.strerror or exc}); indexing in this "
                       f"process instead (use --workers 1 to skip the attempt)")
        if pool is None:
            yield from (prepare(a, extractor, extract) for a in articles)
            return
        pools.append(pool)
        yield from ordered(pool, articles, extract)

    try:
        with threads_limited(embedder, 1):  # if the main process embeds, the workers have the cores
            yield run
    finally:
        for pool in pools:
            pool.terminate()
            pool.join()
