"""The evidence for a question: a wide hybrid passage search, the sentences of those passages (one
segmenter, `retrieval.passages.sentences`), and the stored quotations in them or near the question
(a speaker the question names is searched through the quote store). Every piece is an exact slice
of its article, or it is left out."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from retrieval.exonyms import abbreviation_names, exonyms
from retrieval.passages import Span, sentences
from retrieval.types import Citation, Quote, SearchHit

from .question import Question, fold, names_in

PASSAGES_K = 12  # passages searched (the old answer looked at 6 and missed the evidence)
QUOTES_K = 8
SPEAKER_QUOTES_K = 6


@dataclass
class Evidence:
    citation: Citation
    rank: int  # rank of its passage (or quote) in the search
    before: str = ""  # the previous sentence of the passage (pronoun antecedents live there)
    passage: str = ""  # the whole passage text (names of the paragraph)
    article: str = ""  # the whole article's text (names the question asks about may be elsewhere in it)
    speaker: str | None = None  # the canonical speaker of the quotation it is or holds
    is_quote: bool = False
    asked_speaker: bool = False  # a quote of the speaker the question names
    features: dict = field(default_factory=dict)
    score: float = 0.0


class Articles:
    """Article texts and quotes, fetched once per answer."""

    def __init__(self, index: Any):
        self.index = index
        self.texts: dict[str, str | None] = {}
        self.quotes: dict[str, list[Quote]] = {}

    def text(self, article_id: str | None) -> str | None:
        if not article_id:
            return None
        if article_id not in self.texts:
            try:
                self.texts[article_id] = self.index.article_text(article_id)
            except Exception:  # noqa: BLE001 - an article that cannot be read is not citable
                self.texts[article_id] = None
        return self.texts[article_id]

    def quotes_of(self, article_id: str | None) -> list[Quote]:
        if not article_id:
            return []
        if article_id not in self.quotes:
            try:
                self.quotes[article_id] = self.index.quotes(article_id=article_id)
            except Exception:  # noqa: BLE001 - quotes are a bonus, sentences are enough
                self.quotes[article_id] = []
        return self.quotes[article_id]


def _slice(source: Citation, start: int, end: int, article: str | None) -> Citation | None:
    text = article[start:end] if article is not None else None
    if text is None or text != source.text[start - source.start : end - source.start]:
        return None  # the passage is not a faithful slice of its article: never cite it
    return Citation(source=source.source, title=source.title, start=start, end=end, text=text,
                    article_id=source.article_id, sources=list(source.sources))


def _speaker_in(quotes: list[Quote], start: int, end: int) -> str | None:
    for q in quotes:
        if q.speaker and q.start < end and start < q.end:
            return q.speaker
    return None


def asked_speakers(question: Question, index: Any) -> list[str]:
    """The names of the question that are speakers in the quote store (as the question spells them)."""
    out = []
    for name in question.names:
        for candidate in dict.fromkeys([name, name.split()[-1]]):
            try:
                if len(candidate) > 2 and index.quotes(speaker=candidate):
                    out.append(candidate)
                    break
            except Exception:  # noqa: BLE001
                break
    return out


def gather(question: Question, index: Any, articles: Articles, hits: list[SearchHit] | None = None) -> list[Evidence]:
    """Sentences of the retrieved passages and quotations near the question, deduplicated."""
    if hits is None:
        hits = index.search(question.query, k=PASSAGES_K)
    out: list[Evidence] = []
    seen: set[tuple[str | None, int, int]] = set()
    for rank, hit in enumerate(hits):
        article = articles.text(hit.article_id)
        quotes = articles.quotes_of(hit.article_id)
        before = hit.title if hit.start < len(hit.title) + 3 else ""
        for span in sentences(article, Span(hit.start, hit.end)) if article is not None else []:
            cit = _slice(hit, span.start, span.end, article)
            if cit is None or (cit.article_id, cit.start, cit.end) in seen or len(cit.text) < 3:
                continue
            seen.add((cit.article_id, cit.start, cit.end))
            out.append(Evidence(citation=cit, rank=rank, before=before, passage=hit.text, article=article,
                                speaker=_speaker_in(quotes, cit.start, cit.end)))
            before = cit.text
    pools: list[tuple[list[tuple[Quote, float]], bool]] = []
    for speaker in asked_speakers(question, index):
        pools.append((_search_quotes(index, question.query, SPEAKER_QUOTES_K, speaker), True))
    pools.append((_search_quotes(index, question.query, QUOTES_K, None), False))
    for found, asked in pools:
        for rank, (quote, _score) in enumerate(found):
            ev = _quote_evidence(quote, rank, asked, articles, seen)
            if ev is not None:
                out.append(ev)
    return out


def _search_quotes(index: Any, query: str, k: int, speaker: str | None) -> list[tuple[Quote, float]]:
    try:
        return index.search_quotes(query, k=k, speaker=speaker)
    except Exception:  # noqa: BLE001 - quotes are a bonus, passages are enough
        return []


def _quote_evidence(quote: Quote, rank: int, asked: bool, articles: Articles, seen: set) -> Evidence | None:
    article = articles.text(quote.article_id)
    if article is None or article[quote.start : quote.end] != quote.text or len(quote.text) < 12:
        return None
    if quote.kind in ("term", "headline") and not asked:
        return None
    where = (quote.article_id, quote.start, quote.end)
    if where in seen:
        return None
    seen.add(where)
    cit = Citation(source=quote.source or "", title=quote.title or "", start=quote.start, end=quote.end,
                   text=quote.text, article_id=quote.article_id)
    lo = article.rfind("\n", 0, quote.start) + 1
    hi = article.find("\n", quote.end)
    paragraph = article[lo : hi if hi >= 0 else len(article)]
    return Evidence(citation=cit, rank=rank, passage=paragraph, article=article, speaker=quote.speaker, is_quote=True,
                    asked_speaker=asked, before=paragraph[: max(0, quote.start - lo)][-300:])


def mentions(name: str, text: str) -> bool:
    """Whether a name occurs in the text: any of its words of 3+ letters, folded, at a word start; a
    word of 5+ letters may lose its last letter ("China" in "Chine", "Russia" in "Russie"); a country
    by its name in the other language ("Sweden" in "Suède", `retrieval.exonyms`)."""
    country, words, capitals = _name_patterns(name)
    if capitals is not None and capitals.search(text):
        return True
    folded = fold(text)
    if country is not None and country.search(folded.replace("-", " ")):
        return True
    return words is not None and words.search(folded) is not None


@lru_cache(maxsize=1024)
def _name_patterns(name: str):
    """The patterns `mentions` looks for, built once per name (it is asked of every piece of evidence):
    the name's countries in the other language, and its words' stems."""
    import re

    others = exonyms(name) | {o for word in name.split() for o in exonyms(word) | abbreviation_names(word)}
    country = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(others))) + r")(?!\w)") if others else None
    stems, short = [], []
    for word in name.split():
        letters = word.replace(".", "")
        if 2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper():
            short.append(letters)  # "US", "UN", "U.K.": too short to stem, matched in capitals
        word = fold(word).strip("'’")
        if len(word) >= 3:
            stems.append(word[:-1] if len(word) >= 5 else word)
    words = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, stems)) + ")") if stems else None
    # in capitals, with or without dots ("US", "U.S."), never the word "us"
    capitals = re.compile(r"(?<![\w.])(?:" + "|".join(r"\.?".join(map(re.escape, w)) + r"\.?" for w in short) + r")(?!\w)") \
        if short else None
    return country, words, capitals


__all__ = ["Evidence", "Articles", "gather", "asked_speakers", "mentions", "names_in"]


class _Vectors:
    """Embeddings of words and sentences, reused across questions (bounded), one cache per embedder."""

    LIMIT = 50_000

    def __init__(self, embedder: Any):
        self.embedder = embedder
        self.cache: dict[str, Any] = {}

    def __call__(self, texts: list[str]):
        import numpy as np

        missing = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if missing:
            if len(self.cache) + len(missing) > self.LIMIT:
                self.cache.clear()
                missing = list(dict.fromkeys(texts))
            self.cache.update(zip(missing, np.asarray(self.embedder.embed(missing), dtype=np.float32)))
        return np.vstack([self.cache[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)


_CACHES: "weakref.WeakKeyDictionary[Any, _Vectors]"


def vectors_for(index: Any) -> _Vectors | None:
    """The embedding cache of an index's embedder (None when it has none)."""
    embedder = getattr(index, "embedder", None)
    if embedder is None:
        return None
    try:
        cache = _CACHES.get(embedder)
    except TypeError:  # an embedder that cannot be weakly referenced: no reuse
        return _Vectors(embedder)
    if cache is None:
        cache = _CACHES[embedder] = _Vectors(embedder)
    return cache


import weakref  # noqa: E402

_CACHES = weakref.WeakKeyDictionary()
