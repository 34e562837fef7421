"""Writing the store: the commit protocol, under the store's write lock.

Commit protocol (crash safety): an article's passages and quotes are written first, its article record
last, then a new generation token. Only articles with a record are committed; readers ignore passages and
quotes whose article has no record, and `repair` deletes them. A writer that finds the last one died while
writing (`store.writing()` says so) repairs before it writes.

Removing (a source removed, an old version replaced) is two steps. First the record is marked `removing`
and a new token written: readers stop finding the article at their next refresh. Its text and parts stay
for `grace` seconds, longer than a reader's snapshot may lag (REFRESH_SECONDS) plus a request, so a request
that found one of its quotes just before can still read its text. Then the record goes (uncommit), and then
the parts, so a crash in between leaves only orphans. A record left marked by a writer that died is
removed by the next writer.
"""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..embeddings import Embedder
from ..errors import InputError
from ..sources import by_source, files_of, merge, source_fields
from ..sources import sources_of as recorded_sources
from ..store import Store
from ..types import Article
from .prepare import Extractor, Prepared, Preparer, prepare_all
from .records import article_meta
from .snapshot import REFRESH_SECONDS

BATCH_ARTICLES = 32
REMOVE_GRACE_SECONDS = 2.5 * REFRESH_SECONDS
REMOVING = "removing"  # metadata field of an article record on its way out (the time it was marked)


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)  # sources of new articles
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # sources whose old version was replaced
    copies: list[str] = field(default_factory=list)  # another source of a text indexed under another name
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new) source of a file renamed on disk
    errors: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # how the run went, when not as asked (warnings)
    passages: int = 0
    quotes: int = 0


def committed_metas(store: Store) -> dict[str, dict]:
    """Committed article records' metadata by id, read from the store now (not those being removed)."""
    return {r.id: r.meta for r in store.scan("articles") if not r.meta.get(REMOVING)}


def delete_article(store: Store, article_id: str) -> None:
    """Uncommit first, then remove the parts: a crash in between leaves only orphans."""
    store.remove("articles", [article_id])
    store.bump()
    store.remove("passages", article_id=article_id)
    store.remove("quotes", article_id=article_id)


def orphans(store: Store) -> dict[str, set[str]]:
    """Passages and quotes whose article is not committed, by collection."""
    committed = {r.id for r in store.scan("articles", metadatas=False)}
    return {name: {r.id for r in store.scan(name) if r.meta.get("article_id") not in committed}
            for name in ("passages", "quotes")}


def repair(store: Store) -> dict[str, int]:
    """Delete the orphans (the parts of writes that never committed); how many, by collection."""
    found = orphans(store)
    for name, ids in found.items():
        store.remove(name, sorted(ids))
    return {name: len(ids) for name, ids in found.items()}


class Writer:
    def __init__(self, store: Store, embedder: Embedder, extractor: Extractor, grace: float = REMOVE_GRACE_SECONDS):
        self.store, self.embedder, self.extractor, self.grace = store, embedder, extractor, grace
        self._retiring: list[str] = []

    @contextlib.contextmanager
    def session(self, wait: float = 0.0) -> Iterator[dict[str, dict]]:
        """The write lock, the store repaired if the last writer died, and the committed records' metadata.
        Articles marked for removal in the session are removed at its end, after the grace period."""
        with self.store.writing(wait=wait) as last_writer_died:
            if last_writer_died:
                repair(self.store)
            for left in [r.id for r in self.store.scan("articles") if r.meta.get(REMOVING)]:
                delete_article(self.store, left)  # marked by a writer that died before removing it
            self._retiring = []
            yield committed_metas(self.store)
            if self._retiring:
                self.store.bump()  # readers drop the marked articles at their next refresh
                time.sleep(self.grace)
                marked = self.store.get("articles", self._retiring, documents=False)
                gone = [r.id for r in marked if r.meta.get(REMOVING)]  # not written again since
                self.store.remove("articles", gone)
                self.store.bump()
                for aid in gone:
                    self.store.remove("passages", article_id=aid)
                    self.store.remove("quotes", article_id=aid)
                self._retiring = []

    def add_articles(self, articles: list[Article], report: IndexReport, *, extract: bool = True, wait: float = 0.0,
                     progress: Callable[[int, int], None] | None = None, files: dict[str, str] | None = None,
                     prepare: Preparer | None = None) -> None:
        """Write new texts (each with every name it was found under); a known text found under a new name
        gets that name as another source, or as its new name when `files` shows the old file is gone.
        `prepare` turns the new texts into records (in process by default; a pool or Ray, see ingest/):
        whichever does, the same records are written in the same order."""
        files = files or {}
        with self.session(wait) as metas:
            owners = by_source(metas)
            groups: dict[str, list[Article]] = {}
            for article in articles:
                groups.setdefault(article.id, []).append(article)
            todo: list[tuple[Article, list[str]]] = []
            for aid, group in groups.items():
                names = list(dict.fromkeys(a.source for a in group))
                if aid not in metas:
                    todo.append((group[0], names))
                    continue
                merged = merge(recorded_sources(metas[aid]), files_of(metas[aid]), names, files)
                report.unchanged += merged.unchanged
                report.copies += merged.copies
                report.renamed += merged.renamed
                if merged.copies or merged.renamed or merged.files != files_of(metas[aid]):
                    self._set_sources(aid, metas, merged.sources, merged.files)
                # A replace interrupted after its commit left the old version holding these names: finish it.
                self._detach_others(aid, names, metas, owners)
            prepared = (prepare or self._prepare)([article for article, _ in todo], extract)
            for i in range(0, len(todo), BATCH_ARTICLES):
                batch = todo[i : i + BATCH_ARTICLES]
                self._write_batch(batch, list(itertools.islice(prepared, len(batch))), report, files)
                for article, names in batch:
                    for n, name in enumerate(names):
                        replaced = any(other != article.id for other in owners.get(name, ()))
                        (report.replaced if replaced else report.added if n == 0 else report.copies).append(name)
                    self._detach_others(article.id, names, metas, owners)
                if progress:
                    progress(min(i + BATCH_ARTICLES, len(todo)), len(todo))

    def remove_sources(self, sources: list[str], *, wait: float = 0.0) -> tuple[list[str], list[str]]:
        """Remove the articles indexed under these sources, with their passages and quotes: (removed, not in
        the store). A text that has other sources too only loses this one."""
        removed, missing = [], []
        with self.session(wait) as metas:
            owners = by_source(metas)
            for source in dict.fromkeys(sources):
                if source not in owners:
                    missing.append(source)
                    continue
                for aid in owners[source]:
                    self._detach(aid, source, metas)
                removed.append(source)
        return removed, missing

    def repair(self, duplicates: dict[str, list[str]]) -> None:
        """Orphans deleted; of each source held by several articles, only the last committed one kept."""
        with self.session() as metas:
            repair(self.store)
            for source, ids in duplicates.items():
                for aid in ids[:-1]:
                    self._detach(aid, source, metas)

    def _set_sources(self, aid: str, metas: dict[str, dict], sources: list[str], files: dict[str, str]) -> None:
        meta = {**metas[aid], **source_fields(sources, files)}
        self.store.update("articles", [aid], [meta])
        self.store.bump()
        metas[aid] = meta

    def _detach(self, aid: str, source: str, metas: dict[str, dict]) -> None:
        """The article no longer has this source; with no source left it is deleted (commit protocol)."""
        if aid not in metas:
            return
        left = [s for s in recorded_sources(metas[aid]) if s != source]
        if left:
            self._set_sources(aid, metas, left, files_of(metas[aid]))
        else:
            self.store.update("articles", [aid], [{**metas[aid], REMOVING: time.time()}])
            self._retiring.append(aid)
            del metas[aid]

    def _detach_others(self, aid: str, names: list[str], metas: dict[str, dict], owners: dict[str, list[str]]) -> None:
        for name in names:
            for other in owners.get(name, ()):
                if other != aid:
                    self._detach(other, name, metas)

    def _prepare(self, articles: list[Article], extract: bool) -> Iterator[Prepared]:
        return prepare_all(articles, self.extractor, extract)

    def _write_batch(self, todo: list[tuple[Article, list[str]]], prepared: list[Prepared], report: IndexReport,
                     files: dict[str, str]) -> None:
        assert [p.article.id for p in prepared] == [a.id for a, _ in todo], "records out of order"
        for article, _ in todo:
            # Leftovers of an interrupted earlier attempt are replaced, never duplicated.
            self.store.remove("passages", article_id=article.id)
            self.store.remove("quotes", article_id=article.id)
        p_ids = [i for p in prepared for i in p.passage_ids]
        p_docs = [d for p in prepared for d in p.passage_docs]
        p_metas = [m for p in prepared for m in p.passage_metas]
        q_ids = [i for p in prepared for i in p.quote_ids]
        q_docs = [d for p in prepared for d in p.quote_docs]
        q_metas = [m for p in prepared for m in p.quote_metas]
        p_vecs, q_vecs = self._vectors(prepared, p_docs, q_docs)
        per_article: list[tuple[int, int]] = []  # passage index range per article
        for p in prepared:
            first = per_article[-1][1] if per_article else 0
            per_article.append((first, first + len(p.passage_ids)))
        if p_ids:
            self.store.add("passages", p_ids, p_docs, p_metas, p_vecs)
        if q_ids:
            self.store.add("quotes", q_ids, q_docs, q_metas, q_vecs)
        # Commit: the article records go last.
        a_vecs = []
        for first, last in per_article:
            mean = p_vecs[first:last].mean(axis=0) if last > first else np.ones(self.embedder.dim, dtype=np.float32)
            a_vecs.append(mean / (np.linalg.norm(mean) or 1.0))
        self.store.add("articles", [a.id for a, _ in todo], [a.text for a, _ in todo],
                       [article_meta(a, names, files) for a, names in todo], np.vstack(a_vecs))
        self.store.bump()
        report.passages += len(p_ids)
        report.quotes += len(q_ids)

    def _vectors(self, prepared: list[Prepared], p_docs: list[str], q_docs: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Passage and quote vectors: those embedded where the records were prepared, else embedded here."""
        if prepared and all(p.vectors is not None for p in prepared):
            p_vecs = [p.vectors[: len(p.passage_ids)] for p in prepared]
            q_vecs = [p.vectors[len(p.passage_ids) :] for p in prepared]
            dim = prepared[0].vectors.shape[1]
            return (np.vstack(p_vecs) if p_docs else np.zeros((0, dim), np.float32),
                    np.vstack(q_vecs) if q_docs else np.zeros((0, dim), np.float32))
        vectors = self.embedder.embed(p_docs + q_docs)
        return vectors[: len(p_docs)], vectors[len(p_docs) :]
