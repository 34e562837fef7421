"""The index: what `quotecheck` reads and writes. Ingestion, store, embeddings and search meet here.

`Index.open(settings)` gives an object with `add_paths` (ingest files), `search` (hybrid passage
search), `search_quotes`, `quotes`, `article`, `doctor`. Dense search is Chroma; lexical search is
BM25 rebuilt from the store when the committed set of articles changes (see lexical.py). The BM25
indexes and the quote records and vectors (held in memory for speaker lookups) are cached on disk
under a key of that set, so a new process does not list the whole store again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
from platformdirs import user_cache_dir

from .embeddings import Embedder, make_embedder
from .errors import InputError
from .ingest import iter_files, read_file
from .lexical import LexicalIndex, rrf
from .names import name_blocks
from .passages import chunk
from .settings import Settings
from .sources import by_source, files_of, merge, source_fields
from .sources import sources_of as recorded_sources
from .store import PAGE, Store, require_store
from .types import Article, Passage, Quote, SearchHit

BATCH_ARTICLES = 32
REFRESH_SECONDS = 1.0  # how stale a reader's view of other writers' commits may be
RELIST_SECONDS = 60.0  # ... at most, should a writer die between a commit and its generation token
Extractor = Callable[[str, str], list[Quote]]


def default_extractor(text: str, lang: str) -> list[Quote]:
    from .quotes import extract_quotes

    return extract_quotes(text, lang)


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)  # sources of new articles
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # sources whose old version was replaced
    copies: list[str] = field(default_factory=list)  # another source of a text indexed under another name
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new) source of a file renamed on disk
    errors: list[InputError] = field(default_factory=list)
    passages: int = 0
    quotes: int = 0


def _quote_meta(q: Quote, article: Article, passage_id: str) -> dict:
    return {
        "article_id": article.id, "source": article.source, "title": article.title, "lang": article.lang,
        "start": q.start, "end": q.end, "speaker": q.speaker or "", "speaker_mention": q.speaker_mention or "",
        "cue": q.cue or "", "kind": q.kind, "confidence": float(q.confidence), "passage_id": passage_id,
    }


def quote_from_record(doc: str, meta: dict) -> Quote:
    return Quote(
        text=doc, start=meta["start"], end=meta["end"], speaker=meta.get("speaker") or None,
        speaker_mention=meta.get("speaker_mention") or None, cue=meta.get("cue") or None,
        kind=meta.get("kind", "direct"), confidence=meta.get("confidence", 0.5),
        article_id=meta.get("article_id"), source=meta.get("source"), title=meta.get("title"),
    )


def _unit_rows(rows: list, dim: int) -> np.ndarray:
    matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), len(rows[0]) if rows else dim)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float16)


def _load_quote_cache(folder: Path, dim: int) -> tuple[list[dict], np.ndarray] | None:
    """Quote records and vectors cached by `_save_quote_cache`; None when missing or damaged (then
    they are listed from the store again, never trusted). `dim` 0: not known yet."""
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


def _save_quote_cache(folder: Path, records: list[dict], vectors: np.ndarray) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "vectors.npy.tmp", "wb") as fh:
        np.save(fh, vectors)
    (folder / "records.json.tmp").write_text(
        json.dumps([{k: r[k] for k in ("id", "document", "metadata")} for r in records], ensure_ascii=False),
        encoding="utf-8")
    (folder / "vectors.npy.tmp").replace(folder / "vectors.npy")
    (folder / "records.json.tmp").replace(folder / "records.json")


class _SpeakerQuotes(NamedTuple):
    ids: frozenset[str]
    ordered: list[str]  # the same ids, sorted; `positions` and `rows` follow this order
    positions: np.ndarray  # in the quotes' BM25 index
    rows: np.ndarray  # of Index._quote_vectors


class Index:
    def __init__(self, settings: Settings, store: Store, embedder: Embedder, extractor: Extractor | None = None):
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.extractor = extractor or default_extractor
        self._committed: set[str] | None = None
        self._refreshed = 0.0
        self._generation: str | None = None
        self._listed = 0.0
        self._lexical: dict[str, LexicalIndex] = {}
        self._quote_records: dict[str, tuple[str, dict]] = {}
        self._quotes_by_article: dict[str, list[str]] = {}
        self._quotes_by_speaker: dict[str, list[str]] = {}
        self._speakers: dict[str, _SpeakerQuotes] = {}
        self._quote_vectors = np.zeros((0, embedder.dim), dtype=np.float16)  # unit rows, for speaker search
        self._quote_rows: dict[str, int] = {}
        self._names_by_block: dict[str, list[str]] = {}
        self._texts: dict[str, str] = {}
        self._langs: dict[str, str] = {}
        self._vectors: dict[str, np.ndarray] = {}  # embeddings of recent queries and passages
        self._source_names: dict[str, list[str]] = {}  # article id -> its sources now (until the generation changes)

    @classmethod
    def open(cls, settings: Settings, *, embedder: Embedder | None = None, extractor: Extractor | None = None,
             create: bool = True) -> "Index":
        """The index of the store in `settings`; `create=False` refuses a store that does not exist yet
        (before loading the embedder, and creating nothing)."""
        if not create:
            require_store(settings)
        embedder = embedder or make_embedder(settings)
        store = Store.open(settings, embedder.name, embedder.dim)
        return cls(settings, store, embedder, extractor)

    # ---------------------------------------------------------------- writing

    def add_paths(self, paths: list[str], *, extract: bool = True, wait: float = 0.0,
                  progress: Callable[[int, int], None] | None = None) -> IndexReport:
        """Ingest files and folders. Bad inputs are reported in the result; the rest is indexed."""
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
        self.add_articles(articles, report=report, extract=extract, wait=wait, progress=progress, files=files)
        return report

    def add_articles(self, articles: list[Article], *, report: IndexReport | None = None, extract: bool = True,
                     wait: float = 0.0, progress: Callable[[int, int], None] | None = None,
                     files: dict[str, str] | None = None) -> IndexReport:
        """Write new texts (each with every name it was found under); a known text found under a new name
        gets that name as another source, or as its new name when `files` shows the old file is gone."""
        report = report or IndexReport()
        files = files or {}
        with self.store.writing(wait=wait):
            metas = self._article_metas()
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
            for i in range(0, len(todo), BATCH_ARTICLES):
                batch = todo[i : i + BATCH_ARTICLES]
                self._write_batch(batch, report, extract, files)
                for article, names in batch:
                    for n, name in enumerate(names):
                        replaced = any(other != article.id for other in owners.get(name, ()))
                        (report.replaced if replaced else report.added if n == 0 else report.copies).append(name)
                    self._detach_others(article.id, names, metas, owners)
                if progress:
                    progress(min(i + BATCH_ARTICLES, len(todo)), len(todo))
        self._forget()
        return report

    def remove_sources(self, sources: list[str], *, wait: float = 0.0) -> tuple[list[str], list[str]]:
        """Remove the articles indexed under these sources (path or url, as indexed), with their passages and
        quotes: (removed, not in the store). A text that has other sources too only loses this one."""
        removed, missing = [], []
        with self.store.writing(wait=wait):
            metas = self._article_metas()
            owners = by_source(metas)
            for source in dict.fromkeys(sources):
                if source not in owners:
                    missing.append(source)
                    continue
                for aid in owners[source]:
                    self._detach(aid, source, metas)
                removed.append(source)
        self._forget()
        return removed, missing

    def _article_metas(self) -> dict[str, dict]:
        """Committed article records' metadata by id."""
        return {r["id"]: r["metadata"] for r in self.store.get_all("articles")}

    def _set_sources(self, aid: str, metas: dict[str, dict], sources: list[str], files: dict[str, str]) -> None:
        meta = {**metas[aid], **source_fields(sources, files)}
        self.store.articles.update(ids=[aid], metadatas=[meta])
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
            self.store.delete_article(aid)
            del metas[aid]

    def _detach_others(self, aid: str, names: list[str], metas: dict[str, dict], owners: dict[str, list[str]]) -> None:
        for name in names:
            for other in owners.get(name, ()):
                if other != aid:
                    self._detach(other, name, metas)

    def _forget(self) -> None:
        """Drop what this process derived from the store after it wrote (other processes notice the generation)."""
        self._committed = None
        self._lexical.clear()
        self._quote_records = {}
        self._source_names = {}

    def _sources(self) -> dict[str, list[str]]:
        """Committed article ids by source, oldest commit first."""
        return by_source(self._article_metas())

    def _write_batch(self, todo: list[tuple[Article, list[str]]], report: IndexReport, extract: bool,
                     files: dict[str, str]) -> None:
        batch = [article for article, _ in todo]
        p_ids, p_docs, p_metas = [], [], []
        q_ids, q_docs, q_metas = [], [], []
        per_article: list[tuple[int, int]] = []  # passage index range per article
        for article in batch:
            # Leftovers of an interrupted earlier attempt are replaced, never duplicated.
            self.store.passages.delete(where={"article_id": article.id})
            self.store.quotes.delete(where={"article_id": article.id})
            first = len(p_ids)
            spans = chunk(article.text)
            for n, span in enumerate(spans):
                p_ids.append(f"{article.id}:p{n}")
                p_docs.append(article.text[span.start : span.end])
                p_metas.append({"article_id": article.id, "source": article.source, "title": article.title,
                                "lang": article.lang, "start": span.start, "end": span.end})
            per_article.append((first, len(p_ids)))
            if extract:
                for n, q in enumerate(self.extractor(article.text, article.lang)):
                    owner = next((k for k, s in enumerate(spans) if s.start <= q.start < s.end), 0)
                    q_ids.append(f"{article.id}:q{n}")
                    q_docs.append(q.text)
                    q_metas.append(_quote_meta(q, article, f"{article.id}:p{owner}"))
        vectors = self.embedder.embed(p_docs + q_docs)
        p_vecs, q_vecs = vectors[: len(p_docs)], vectors[len(p_docs) :]
        for start in range(0, len(p_ids), PAGE):
            sl = slice(start, start + PAGE)
            self.store.passages.upsert(ids=p_ids[sl], documents=p_docs[sl], metadatas=p_metas[sl], embeddings=p_vecs[sl])
        for start in range(0, len(q_ids), PAGE):
            sl = slice(start, start + PAGE)
            self.store.quotes.upsert(ids=q_ids[sl], documents=q_docs[sl], metadatas=q_metas[sl], embeddings=q_vecs[sl])
        # Commit: the article records go last.
        a_vecs = []
        for first, last in per_article:
            mean = p_vecs[first:last].mean(axis=0) if last > first else np.ones(self.embedder.dim, dtype=np.float32)
            a_vecs.append(mean / (np.linalg.norm(mean) or 1.0))
        self.store.articles.upsert(
            ids=[a.id for a in batch],
            documents=[a.text for a in batch],
            metadatas=[{k: v for k, v in {"title": a.title, "lang": a.lang, "url": a.url, "date": a.date,
                        "author": a.author, "indexed_at": time.time(), **source_fields(names, files)}.items()
                        if v is not None}
                       for a, names in todo],
            embeddings=np.vstack(a_vecs),
        )
        self.store.bump()
        report.passages += len(p_ids)
        report.quotes += len(q_ids)

    def doctor(self, repair: bool = False) -> dict:
        """Consistency of the store: orphaned passages and quotes, duplicate sources; repaired on request."""
        self.refresh(max_age=0)
        orphans = self.store.orphans()
        dupes = {s: ids for s, ids in self._sources().items() if len(ids) > 1}
        result = {"articles": len(self.committed), "orphan_passages": len(orphans["passages"]),
                  "orphan_quotes": len(orphans["quotes"]), "duplicate_sources": len(dupes), "repaired": False}
        if repair and (orphans["passages"] or orphans["quotes"] or dupes):
            with self.store.writing():
                self.store.repair()
                self._committed = None
                metas = self._article_metas()
                for source, ids in dupes.items():  # keep one version per source: the last committed record
                    for aid in ids[:-1]:
                        self._detach(aid, source, metas)
            result["repaired"] = True
            self._forget()
        return result

    # ---------------------------------------------------------------- reading

    @property
    def committed(self) -> set[str]:
        if self._committed is None:
            self._generation, self._listed = self.store.generation(), time.monotonic()
            self._committed = self.store.committed_ids()
        return self._committed

    @property
    def generation(self) -> str:
        """The store's change token as of the last refresh ("" before any)."""
        return self._generation or ""

    def refresh(self, max_age: float = REFRESH_SECONDS) -> None:
        """Re-read the committed set; drop derived caches if another writer (process, machine) changed it.

        At most once per `max_age` seconds, and only when the store's generation token changed (or
        every RELIST_SECONDS, for a writer that died between its commit and its token): listing every
        article id costs tens of milliseconds on a large store, reading the token one small request.
        """
        now = time.monotonic()
        if self._committed is not None and now - self._refreshed < max_age:
            return
        self._refreshed = now
        generation = self.store.generation()
        if generation != self._generation:
            self.store.follow(generation)  # a local client reopened if another process wrote (live.py)
            self._source_names = {}  # a source added, renamed or removed changes no committed id
        if (self._committed is not None and generation == self._generation and max_age
                and now - self._listed < RELIST_SECONDS):
            return
        fresh = self.store.committed_ids()
        self._generation, self._listed = generation, now
        if fresh != self._committed:
            self._committed = fresh
            self._lexical.clear()
            self._quote_records = {}

    def _cache_dir(self) -> Path:
        if self.settings.quotecheck_chroma_url:
            key = hashlib.sha1(self.settings.quotecheck_chroma_url.encode()).hexdigest()[:12]
            return Path(user_cache_dir("quotecheck", appauthor=False)) / f"server-{key}"
        return Path(self.settings.quotecheck_store) / "lexical"

    def _lexical_index(self, name: str) -> LexicalIndex:
        if name in self._lexical:
            return self._lexical[name]
        key = hashlib.sha1("\n".join(sorted(self.committed)).encode()).hexdigest()[:16]
        folder = self._cache_dir() / key / name
        index = None
        if (folder / "ids.json").exists():
            try:
                index = LexicalIndex.load(folder)
            except Exception:  # a damaged cache is rebuilt, never trusted
                index = None
        records = self._load_quotes(folder) if name == "quotes" else None
        if index is None:
            records = records if records is not None else self._list(name)
            index = LexicalIndex.build([r["id"] for r in records], [r["document"] for r in records])
            try:
                for stale in self._cache_dir().glob("*"):
                    if stale.name != key:
                        shutil.rmtree(stale, ignore_errors=True)
                index.save(folder)
            except OSError:
                pass  # a read-only cache only costs a rebuild next time
        self._lexical[name] = index
        return index

    def _list(self, name: str, vectors: bool = False) -> list[dict]:
        """The committed records of a collection (vectors as float16, to halve the memory they take)."""
        out = []
        for r in self.store.get_all(name, include=("documents", "metadatas") + (("embeddings",) if vectors else ())):
            if r["metadata"].get("article_id") in self.committed:
                if vectors:
                    r["embedding"] = np.asarray(r["embedding"], dtype=np.float16)
                out.append(r)
        return out

    def _load_quotes(self, folder: Path) -> list[dict]:
        """The committed quotes' records and unit vectors, held in memory for speaker lookups: from the
        cache in `folder`, else listed from the store (and cached: listing is most of a cold start)."""
        cached = _load_quote_cache(folder, self.embedder.dim)
        if cached is not None:
            records, vectors = cached
        else:
            records = self._list("quotes", vectors=True)
            vectors = _unit_rows([r.pop("embedding") for r in records], self.embedder.dim)
            try:
                _save_quote_cache(folder, records, vectors)
            except OSError:
                pass
        self._quote_records = {r["id"]: (r["document"], r["metadata"]) for r in records}
        self._quote_vectors, self._quote_rows = vectors, {r["id"]: n for n, r in enumerate(records)}
        self._quotes_by_article, self._quotes_by_speaker, self._speakers, self._names_by_block = {}, {}, {}, {}
        for r in records:
            self._quotes_by_article.setdefault(r["metadata"]["article_id"], []).append(r["id"])
            self._quotes_by_speaker.setdefault(r["metadata"].get("speaker") or "", []).append(r["id"])
        for speaker in self._quotes_by_speaker:
            for block in name_blocks(speaker):
                self._names_by_block.setdefault(block, []).append(speaker)
        return records

    def _dense(self, name: str, vector: np.ndarray, n: int) -> list[tuple[str, str, dict, float]]:
        # Chroma returns fewer than n results when the collection is smaller (counting it costs more).
        res = self.store.cols[name].query(query_embeddings=[vector.tolist()], n_results=n,
                                          include=["documents", "metadatas", "distances"])
        out = []
        for rid, doc, meta, dist in zip(res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0]):
            # A record deleted by a concurrent writer can come back from the vector index without
            # its metadata and document: it is not committed any more, so it is skipped.
            if meta is not None and doc is not None and meta.get("article_id") in self.committed:
                out.append((rid, doc, meta, 1.0 - float(dist)))
        return out

    def _dense_ids(self, name: str, vector: np.ndarray, n: int) -> list[str]:
        """Ids nearest to a vector, best first, without their documents (fetching those costs more than the
        search itself): for collections whose records are held in memory."""
        res = self.store.cols[name].query(query_embeddings=[vector.tolist()], n_results=n, include=["distances"])
        return res["ids"][0]

    def search(self, query: str, k: int = 5) -> list[SearchHit]:
        """Hybrid passage search: dense and BM25 rankings fused by reciprocal rank."""
        self.refresh()
        if not query.strip() or not self.committed:
            return []
        depth = max(4 * k, 20)
        dense = self._dense("passages", self.embed_cached([query])[0], depth)
        lexical = self._lexical_index("passages").search(query, depth)
        fused = rrf([[d[0] for d in dense], [lid for lid, _ in lexical]])[:k]
        known = {d[0]: (d[1], d[2]) for d in dense}
        missing = [pid for pid, _ in fused if pid not in known]
        if missing:
            got = self.store.passages.get(ids=missing, include=["documents", "metadatas"])
            known.update({i: (d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])})
        hits = []
        for pid, score in fused:
            if pid not in known:  # deleted by a concurrent replace since the lexical index was built
                continue
            doc, meta = known[pid]
            if meta.get("article_id") not in self.committed:
                continue
            hits.append(SearchHit(source=meta["source"], title=meta.get("title", ""), start=meta["start"],
                                  end=meta["end"], text=doc, article_id=meta["article_id"], score=round(score, 6)))
        names = self.sources_of([h.article_id for h in hits])
        for hit in hits:
            if hit.article_id in names:
                hit.source, hit.sources = names[hit.article_id][0], names[hit.article_id]
        return hits

    def search_quotes(self, query: str, k: int = 10, speaker: str | None = None) -> list[tuple[Quote, float]]:
        """Quotes near a query (dense and BM25 fused), optionally only those of one speaker (alias-aware).

        A speaker's quotes are ranked exactly, by cosine against their vectors held in memory and by
        BM25 scored over them only: Chroma's filtered search costs more (a metadata filter reads the
        whole collection) and misses, and a global top-k filtered afterwards misses the speaker's copy
        of words many people said."""
        self.refresh()
        lexical = self._lexical_index("quotes")
        if not query.strip() or not self._quote_records:
            return []
        mine = self._speaker(speaker) if speaker else None
        if mine is not None and not mine.ids:
            return []
        depth = max(4 * k, 30)
        vector = self.embed_cached([query])[0]
        if mine is None:
            dense = self._dense_ids("quotes", vector, depth)
            lex = lexical.search(query, depth)
        else:  # exact: a filtered approximate search misses (Chroma's HNSW did, on 1 claim in 25)
            sims = self._quote_vectors[mine.rows].astype(np.float32) @ vector
            dense = [mine.ordered[i] for i in np.argsort(-sims, kind="stable")[:depth]]
            lex = lexical.search(query, depth, among=mine.positions)
        fused = rrf([[i for i in dense if i in self._quote_records], [i for i, _ in lex]])[:k]
        found = [(quote_from_record(*self._quote_records[qid]), score) for qid, score in fused
                 if qid in self._quote_records]
        self._named([q for q, _ in found])
        return found

    def _speaker(self, speaker: str) -> "_SpeakerQuotes":
        """The quotes whose speaker is the given one (alias-aware), compared only with the stored names
        that share a word with it; with their positions in the BM25 index and rows of the vectors."""
        from .names import same_speaker

        lexical = self._lexical_index("quotes")
        if speaker not in self._speakers:
            if len(self._speakers) > 1024:
                self._speakers.clear()
            names = {name for block in name_blocks(speaker) for name in self._names_by_block.get(block, ())}
            ids = sorted(qid for name in names if same_speaker(speaker, name) for qid in self._quotes_by_speaker[name])
            rows = np.asarray([self._quote_rows[i] for i in ids], dtype=np.int64)
            self._speakers[speaker] = _SpeakerQuotes(frozenset(ids), ids, lexical.positions(ids), rows)
        return self._speakers[speaker]

    def quotes(self, speaker: str | None = None, article_id: str | None = None) -> list[Quote]:
        """Stored quotes, in article order; of one speaker (alias-aware) or one article if asked."""
        self.refresh()
        self._lexical_index("quotes")
        ids = set(self._quotes_by_article.get(article_id, ())) if article_id else set(self._quote_records)
        if speaker:
            ids &= self._speaker(speaker).ids
        out = self._named([quote_from_record(*self._quote_records[i]) for i in ids])
        return sorted(out, key=lambda q: (q.source or "", q.start))

    def sources_of(self, article_ids: list[str]) -> dict[str, list[str]]:
        """Every current source of these committed articles, first one first (absent ids are left out)."""
        missing = list(dict.fromkeys(a for a in article_ids if a and a not in self._source_names))
        if missing:
            if len(self._source_names) + len(missing) > 4096:
                self._source_names = {}
            got = self.store.articles.get(ids=missing, include=["metadatas"])
            for aid, meta in zip(got["ids"], got["metadatas"]):
                self._source_names[aid] = recorded_sources(meta or {})
        return {a: self._source_names[a] for a in article_ids if a in self._source_names}

    def _named(self, quotes: list[Quote]) -> list[Quote]:
        """Quotes naming their article's first source now (a renamed file), not the one they were written with."""
        names = self.sources_of([q.article_id for q in quotes if q.article_id])
        for q in quotes:
            if q.article_id in names:
                q.source = names[q.article_id][0]
        return quotes

    def article_text(self, article_id: str) -> str:
        """An article's text, cached for the life of this object (a text never changes under its id)."""
        return self.article_texts([article_id])[article_id]

    def article_texts(self, article_ids: list[str]) -> dict[str, str]:
        """Several articles' texts, those not cached yet fetched in one request."""
        missing = list(dict.fromkeys(a for a in article_ids if a not in self._texts))
        if missing:
            if len(self._texts) + len(missing) > 512:
                self._texts.clear()
                missing = list(dict.fromkeys(article_ids))
            got = self.store.articles.get(ids=missing, include=["documents", "metadatas"])
            for aid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"]):
                self._texts[aid] = doc
                self._langs[aid] = (meta or {}).get("lang", "und")
        absent = [a for a in article_ids if a not in self._texts]
        if absent:
            raise KeyError(absent[0])
        return {a: self._texts[a] for a in article_ids}

    def embed_cached(self, texts: list[str]) -> np.ndarray:
        """Embeddings of texts, reusing those computed recently (queries repeat across searches)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            if len(self._vectors) > 4096:
                self._vectors.clear()
            self._vectors.update(zip(missing, self.embedder.embed(missing)))
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.vstack([self._vectors[t] for t in texts])

    def article_lang(self, article_id: str) -> str:
        if article_id not in self._langs:
            self.article_text(article_id)
        return self._langs.get(article_id, "und")

    def article(self, article_id: str) -> Article:
        got = self.store.articles.get(ids=[article_id], include=["documents", "metadatas"])
        if not got["ids"]:
            raise KeyError(article_id)
        meta = got["metadatas"][0]
        return Article(id=article_id, text=got["documents"][0], **{k: meta.get(k) for k in ("source", "url", "date", "author")},
                       title=meta.get("title", ""), lang=meta.get("lang", "und"))

    def articles(self) -> list[dict]:
        """Committed articles' metadata (no text), with every source (`sources`), sorted by source."""
        out = [{"id": r["id"], **{k: v for k, v in r["metadata"].items() if k != "files"},
                "sources": recorded_sources(r["metadata"])} for r in self.store.get_all("articles")]
        return sorted(out, key=lambda a: a.get("source", ""))

    def passage(self, passage_id: str) -> Passage:
        got = self.store.passages.get(ids=[passage_id], include=["documents", "metadatas"])
        meta = got["metadatas"][0]
        return Passage(id=passage_id, article_id=meta["article_id"], source=meta["source"], title=meta.get("title", ""),
                       start=meta["start"], end=meta["end"], text=got["documents"][0])
