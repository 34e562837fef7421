"""An article turned into the records the writer commits: passages and quotes, with their ids.

The CPU-heavy half of indexing (chunking, quote extraction) and nothing else: no store, no embedder, no
I/O, so it runs anywhere: in process (`prepare_all`), in a pool of workers (retrieval/ingest/parallel.py)
or as Ray tasks (retrieval/ingest/distributed.py). Every path yields the same records for the same
article: ids are `<article id>:p<n>` and `<article id>:q<n>` in text order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from ..passages import chunk
from ..types import Article, Quote
from .records import passage_meta, quote_meta

Extractor = Callable[[str, str], list[Quote]]


@dataclass
class Prepared:
    article: Article
    passage_ids: list[str] = field(default_factory=list)
    passage_docs: list[str] = field(default_factory=list)
    passage_metas: list[dict] = field(default_factory=list)
    quote_ids: list[str] = field(default_factory=list)
    quote_docs: list[str] = field(default_factory=list)
    quote_metas: list[dict] = field(default_factory=list)
    vectors: np.ndarray | None = None  # passages then quotes, when embedded where prepared (a worker, Ray)

    @property
    def texts(self) -> list[str]:
        """What the embedder embeds: the passages, then the quotes."""
        return self.passage_docs + self.quote_docs


# Maps the articles to write to their records, in order (lazily, so a pool can run ahead of the writer).
Preparer = Callable[[list[Article], bool], Iterator[Prepared]]


def prepare(article: Article, extractor: Extractor, extract: bool = True) -> Prepared:
    out = Prepared(article)
    spans = chunk(article.text)
    for n, span in enumerate(spans):
        out.passage_ids.append(f"{article.id}:p{n}")
        out.passage_docs.append(article.text[span.start : span.end])
        out.passage_metas.append(passage_meta(article, span.start, span.end))
    if extract:
        for n, q in enumerate(extractor(article.text, article.lang)):
            owner = next((k for k, s in enumerate(spans) if s.start <= q.start < s.end), 0)
            out.quote_ids.append(f"{article.id}:q{n}")
            out.quote_docs.append(q.text)
            out.quote_metas.append(quote_meta(q, article, f"{article.id}:p{owner}"))
    return out


def embed_prepared(prepared: list[Prepared], embedder) -> list[Prepared]:
    """The records with their vectors, embedded in one call (where they were prepared: a worker, a task)."""
    vectors = embedder.embed([text for p in prepared for text in p.texts])
    at = 0
    for p in prepared:
        p.vectors, at = vectors[at : at + len(p.texts)], at + len(p.texts)
    return prepared


def prepare_all(articles: Iterable[Article], extractor: Extractor, extract: bool = True) -> Iterator[Prepared]:
    """The single-process path."""
    for article in articles:
        yield prepare(article, extractor, extract)
