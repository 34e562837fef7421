"""Indexing on a Ray cluster: chunking, quote extraction and embedding as Ray tasks.

The driver (`quotecheck index --ray ADDRESS`) reads the files, sends the new articles out a few at a
time and writes what comes back through the writer's commit protocol, batch by batch, to the store
of its settings (a Chroma server, `QUOTECHECK_CHROMA_URL`, when the cluster has several machines). The
records come back in the articles' order, so the store is the one a single process would have written;
a killed run is resumed by running it again: committed articles are skipped, a half-written batch is
repaired first (writer.py). Ray is an optional extra: `pip install 'quotecheck[ray]'`.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Iterator

from ..embeddings import Embedder, USEEmbedder
from ..errors import ConfigError
from ..index.prepare import Extractor, Prepared, Preparer, embed_prepared, prepare
from ..types import Article

RAY_EXTRA = "pip install 'quotecheck[ray]'"
TASK_ARTICLES = 4  # articles per task: enough passages for an efficient embedder batch
TASKS_PER_CPU = 8  # tasks in flight per cluster CPU: a slow task at the head does not idle the others; bounded

_embedders: dict[str, Embedder] = {}  # one per worker process, loaded at its first task


def import_ray():
    try:
        import ray
    except ImportError:
        raise ConfigError(f"--ray needs Ray, an optional extra: {RAY_EXTRA}") from None
    return ray


def portable(embedder: Embedder) -> Embedder:
    """What is sent to the tasks: the USE embedder unloaded (each worker loads its own, one thread per
    task), any other as it is."""
    return USEEmbedder(threads=1) if isinstance(embedder, USEEmbedder) else embedder


def prepare_and_embed(articles: list[Article], extract: bool, extractor: Extractor, embedder: Embedder) -> list[Prepared]:
    """One task: the articles' records with their vectors (passages, then quotes)."""
    embedder = _embedders.setdefault(embedder.name, embedder)
    return embed_prepared([prepare(article, extractor, extract) for article in articles], embedder)


def connect(ray, address: str) -> bool:
    """Join the cluster (`auto`: the one started on this machine by `ray start`; `local`: a new one for
    this run only); False when this process had already joined one (then it is left as it is)."""
    if ray.is_initialized():
        return False
    try:
        ray.init(address=None if address == "local" else address, include_dashboard=False,
                 log_to_driver=False, configure_logging=False)
    except (ConnectionError, ValueError, RuntimeError) as exc:
        raise ConfigError(f"cannot join the Ray cluster at {address!r}: {exc}; start one with `ray start --head`, "
                          "or use --ray local") from None
    return True


@contextlib.contextmanager
def ray_preparer(address: str, extractor: Extractor, embedder: Embedder) -> Iterator[Preparer]:
    ray = import_ray()
    started = connect(ray, address)
    task = ray.remote(num_cpus=1, max_retries=3)(prepare_and_embed)
    shipped = portable(embedder)

    def run(articles: list[Article], extract: bool) -> Iterator[Prepared]:
        if not articles:
            return
        chunks = [articles[i : i + TASK_ARTICLES] for i in range(0, len(articles), TASK_ARTICLES)]
        window = max(1, int(ray.cluster_resources().get("CPU", 1)) * TASKS_PER_CPU)
        extractor_ref, embedder_ref = ray.put(extractor), ray.put(shipped)
        pending: deque = deque()
        for n in range(len(chunks)):
            while len(pending) < window and n + len(pending) < len(chunks):
                pending.append(task.remote(chunks[n + len(pending)], extract, extractor_ref, embedder_ref))
            yield from ray.get(pending.popleft())

    try:
        yield run
    finally:
        if started:
            ray.shutdown()
