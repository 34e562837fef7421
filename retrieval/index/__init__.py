"""The index: what `quotecheck` reads and writes. Ingestion, store, embeddings and search meet here.

`Index.open(settings)` gives an object with `add_paths` (ingest files), `remove_sources`, `search`
(hybrid passage search), `search_quotes`, `quotes`, `article`, `doctor`. It only delegates, each job to
its module:

    writer.py    the commit protocol under the store's write lock (add, replace, remove, repair)
    snapshot.py  the immutable read view of one generation, swapped whole when another writer commits
    search.py    hybrid search (dense from the store, BM25 from the snapshot) over a snapshot
    lexical.py   BM25 and reciprocal rank fusion
    cache.py     derived data (BM25, quote records and vectors) cached on disk by committed set
    records.py   domain types <-> store records
    prepare.py   an article -> its passage and quote records (the CPU half: on a pool or Ray, see ingest/)

The store is any `retrieval.store.Store`: Chroma (local or server) from `Index.open`, or a `MemoryStore`
passed to `Index(...)`. One Index is shared by every thread of the web server: each read takes the current
snapshot once and works on it, so a concurrent write, here or in another process, never shows half.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import numpy as np

from ..embeddings import Embedder, make_embedder
from ..errors import InputError
from ..ingest import iter_files, read_file
from ..settings import Settings
from ..store import Store, open_store, require_store
from ..sources import by_source
from ..types import Article, Passage, Quote, SearchHit
from . import search as _search
from .records import article_from_record, passage_from_record, quote_from_record
from .snapshot import REFRESH_SECONDS, RELIST_SECONDS, Snapshot, View
from .prepare import Preparer
from .writer import BATCH_ARTICLES, Extractor, IndexReport, Writer, orphans

TEXTS_CACHED = 512
VECTORS_CACHED = 4096


def default_extractor(text: str, lang: str) -> list[Quote]:
    from ..quotes import extract_quotes

    return extract_quotes(text, lang)


class Index:
    def __init__(self, settings: Settings, store: Store, embedder: Embedder, extractor: Extractor | None = None):
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.extractor = extractor or default_extractor
        self.writer = Writer(store, embedder, self.extractor)
        self.view = View(store, lambda: self.embedder.dim)
        self._texts: dict[str, str] = {}  # a text never changes under its id (the id is its hash)
        self._vectors: dict[str, np.ndarray] = {}  # embeddings of recent queries and passages

    @classmethod
    def open(cls, settings: Settings, *, embedder: Embedder | None = None, extractor: Extractor | None = None,
             create: bool = True) -> "Index":
        """The index of the store in `settings`; `create=False` refuses a store that does not exist yet
        (before loading the embedder, and creating nothing)."""
        if not create:
            require_store(settings)
        embedder = embedder or make_embedder(settings)
        return cls(settings, open_store(settings, embedder.name, embedder.dim), embedder, extractor)

    # ---------------------------------------------------------------- writing

    def add_paths(self, paths: list[str], *, extract: bool = True, wait: float = 0.0,
                  progress: Callable[[int, int], None] | None = None, workers: int = 1,
                  ray: str | None = None) -> IndexReport:
        """Ingest files and folders. Bad inputs are reported in the result; the rest is indexed.
        `workers` > 1: extraction in that many processes; `ray`: on the Ray cluster at that address
        (retrieval/ingest/). The same records are written either way."""
        report = IndexReport()
        articles: list[Article] = []
        files: dict[str, str] = {}  # source -> the absolute path of the file read (renames are noticed by it)
        for item in iter_files(paths):
            if isinstance(item, InputError):
                report.errors.append(item)
                continue
            got = read_file(item)
            for article in got.articles:
                if article.source == str(item):
                    files[article.source] = str(item.resolve())
            articles.extend(got.articles)
            report.errors.extend(got.errors)
        return self.add_articles(articles, report=report, extract=extract, wait=wait, progress=progress, files=files,
                                 workers=workers, ray=ray)

    def add_articles(self, articles: list[Article], *, report: IndexReport | None = None, extract: bool = True,
                     wait: float = 0.0, progress: Callable[[int, int], None] | None = None,
                     files: dict[str, str] | None = None, workers: int = 1, ray: str | None = None) -> IndexReport:
        """Write new texts; a known text under a new name gets it as another source (see writer.py)."""
        report = report or IndexReport()
        try:
            with self._preparer(workers, ray, report.notices.append) as prepare:
                self.writer.add_articles(articles, report, extract=extract, wait=wait, progress=progress, files=files,
                                         prepare=prepare)
        finally:
            self.view.invalidate()
        return report

    @contextlib.contextmanager
    def _preparer(self, workers: int, ray: str | None, notice: Callable[[str], None]) -> Iterator[Preparer | None]:
        """In process (None), a pool of `workers` processes, or Ray tasks (retrieval/ingest/)."""
        if ray:
            from ..ingest.distributed import ray_preparer

            with ray_preparer(ray, self.extractor, self.embedder) as prepare:
                yield prepare
        elif workers > 1:
            from ..ingest.parallel import pool_preparer

            with pool_preparer(workers, self.extractor, self.embedder, notice) as prepare:
                yield prepare
        else:
            yield None

    def remove_sources(self, sources: list[str], *, wait: float = 0.0) -> tuple[list[str], list[str]]:
        """Remove the articles indexed under these sources (path or url, as indexed), with their passages and
        quotes: (removed, not in the store). A text that has other sources too only loses this one."""
        try:
            return self.writer.remove_sources(sources, wait=wait)
        finally:
            self.view.invalidate()

    def doctor(self, repair: bool = False) -> dict:
        """Consistency of the store: orphaned passages and quotes, duplicate sources; repaired on request."""
        snap = self.view.current(max_age=0)
        found = orphans(self.store)
        dupes = {s: ids for s, ids in by_source(snap.metas).items() if len(ids) > 1}
        result = {"articles": len(snap.committed), "orphan_passages": len(found["passages"]),
                  "orphan_quotes": len(found["quotes"]), "duplicate_sources": len(dupes), "repaired": False}
        if repair and (found["passages"] or found["quotes"] or dupes):
            try:
                self.writer.repair(dupes)
            finally:
                self.view.invalidate()
            result["repaired"] = True
        return result

    # ---------------------------------------------------------------- reading

    def snapshot(self, max_age: float = REFRESH_SECONDS) -> Snapshot:
        """The current read view (at most `max_age` seconds behind other writers; always after ours)."""
        return self.view.current(max_age)

    def refresh(self, max_age: float = REFRESH_SECONDS) -> None:
        self.view.current(max_age)

    @property
    def committed(self) -> frozenset[str]:
        return self.view.current().committed

    @property
    def generation(self) -> str:
        """The store's change token as of the last refresh ("" before any)."""
        snap = self.view.snapshot
        return snap.generation if snap is not None else ""

    def search(self, query: str, k: int = 5) -> list[SearchHit]:
        """Hybrid passage search: dense and BM25 rankings fused by reciprocal rank."""
        snap = self.snapshot()
        if not query.strip() or not snap.committed:
            return []
        return _search.search(snap, self.store, query, self.embed_cached([query])[0], k)

    def search_quotes(self, query: str, k: int = 10, speaker: str | None = None) -> list[tuple[Quote, float]]:
        """Quotes near a query, optionally only one speaker's (alias-aware; see search.py)."""
        snap = self.snapshot()
        if not query.strip():
            return []
        return _search.search_quotes(snap, self.store, query, self.embed_cached([query])[0], k, speaker)

    def quotes(self, speaker: str | None = None, article_id: str | None = None) -> list[Quote]:
        """Stored quotes, in article order; of one speaker (alias-aware) or one article if asked."""
        return _search.list_quotes(self.snapshot(), speaker, article_id)

    def sources_of(self, article_ids: list[str]) -> dict[str, list[str]]:
        """Every current source of these committed articles, first one first (absent ids are left out)."""
        return self.snapshot().sources_of(article_ids)

    def articles(self) -> list[dict]:
        """Committed articles' metadata (no text), with every source (`sources`), sorted by source."""
        return self.snapshot().articles()

    def article_lang(self, article_id: str) -> str:
        return self.snapshot().lang(article_id)

    def article_text(self, article_id: str) -> str:
        """An article's text (cached: a text never changes under its id)."""
        return self.article_texts([article_id])[article_id]

    def article_texts(self, article_ids: list[str]) -> dict[str, str]:
        """Several articles' texts, those not cached yet fetched in one request; KeyError for an unknown id."""
        cache = self._texts
        out = {a: cache[a] for a in article_ids if a in cache}
        missing = [a for a in dict.fromkeys(article_ids) if a not in out]
        if missing:
            fetched = {r.id: r.document for r in self.store.get("articles", missing, metadatas=False)}
            out.update(fetched)
            if len(cache) + len(fetched) > TEXTS_CACHED:
                cache = self._texts = {}  # a new dict: a thread reading the old one is not disturbed
            cache.update(fetched)
        absent = [a for a in article_ids if a not in out]
        if absent:
            raise KeyError(absent[0])
        return {a: out[a] for a in article_ids}

    def embed_cached(self, texts: list[str]) -> np.ndarray:
        """Embeddings of texts, reusing those computed recently (queries repeat across searches)."""
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        cache = self._vectors
        out = {t: cache[t] for t in texts if t in cache}
        missing = [t for t in dict.fromkeys(texts) if t not in out]
        if missing:
            fresh = dict(zip(missing, self.embedder.embed(missing)))
            out.update(fresh)
            if len(cache) + len(fresh) > VECTORS_CACHED:
                cache = self._vectors = {}
            cache.update(fresh)
        return np.vstack([out[t] for t in texts])

    def article(self, article_id: str) -> Article:
        got = self.store.get("articles", [article_id])
        if not got:
            raise KeyError(article_id)
        return article_from_record(got[0])

    def passage(self, passage_id: str) -> Passage:
        got = self.store.get("passages", [passage_id])
        if not got:
            raise KeyError(passage_id)
        return passage_from_record(got[0])


__all__ = ["BATCH_ARTICLES", "REFRESH_SECONDS", "RELIST_SECONDS", "Index", "IndexReport", "default_extractor",
           "quote_from_record"]
