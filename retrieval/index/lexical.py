"""BM25 lexical search (bm25s) over folded, accent-free terms, French and English.

The lexical index is derived data: it is rebuilt from the store's records whenever the set of
committed articles changes, and cached on disk under a key of that set. The store stays the only
source of truth, so a crash, another machine writing to the same Chroma server, or a deleted cache
can never leave search out of sync.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import numpy as np


_TERM = re.compile(r"[^\W_]+", re.UNICODE)
STOPWORDS = frozenset(
    """
    a à au aux avec ce ces cet cette d dans de des du elle en et est il ils je l la le les leur lui
    m ma mais me même mes moi mon n ne nos notre nous on ou où par pas pour qu que qui s sa se ses
    son sont sur t ta te tes toi ton tu un une vos votre vous y été être avait avoir ont a-t-il
    an and are as at be been but by for from had has have he her his i if in into is it its me my
    no not of on or our she so than that the their them then there they this to was we were what
    when where which who why will with would you your did does do
    """.split()
)


def fold_term(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in word if not unicodedata.combining(ch))


def terms(text: str) -> list[str]:
    """Index terms: lowercase, accents removed, stopwords dropped, a light plural strip."""
    out = []
    for raw in _TERM.findall(text):
        word = fold_term(raw)
        if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


class LexicalIndex:
    """A BM25 index over documents known by id."""

    def __init__(self, ids: list[str], retriever=None):
        self.ids = ids
        self._retriever = retriever
        self._position: dict[str, int] | None = None
        self._last_scores: tuple[tuple[str, ...] | None, np.ndarray | None] = (None, None)

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> "LexicalIndex":
        import bm25s

        if not ids:
            return cls([], None)
        retriever = bm25s.BM25()
        retriever.index([terms(t) or ["\u2205"] for t in texts], show_progress=False)
        return cls(list(ids), retriever)

    def search(self, query: str, k: int = 10, among: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The k best documents for a query, best first (ties in index order); only those at the
        positions `among` when given (a speaker's quotes: exact, where filtering a global top-k misses)."""
        query_terms = [t for t in terms(query) if self._retriever is not None and t in self._retriever.vocab_dict]
        if not query_terms or not self.ids:
            return []
        key = tuple(query_terms)
        last = self._last_scores  # one read: another thread may replace it
        if last[0] != key:  # verification scores one claim twice: all, then one speaker's
            last = self._last_scores = (key, self._retriever.get_scores(query_terms))
        scores = last[1]
        positions = np.arange(len(scores)) if among is None else among
        scores = scores[positions]
        k = min(k, len(positions))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.lexsort((positions[top], -scores[top]))]
        return [(self.ids[int(positions[i])], float(scores[i])) for i in top if scores[i] > 0]

    def positions(self, ids) -> np.ndarray:
        """Positions of the given ids in this index (unknown ids left out), for `search(among=...)`."""
        if self._position is None:
            self._position = {doc_id: n for n, doc_id in enumerate(self.ids)}
        return np.asarray(sorted(self._position[i] for i in ids if i in self._position), dtype=np.int64)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ids.json").write_text(json.dumps(self.ids))
        if self._retriever is not None:
            self._retriever.save(str(folder / "bm25"), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        import bm25s

        ids = json.loads((folder / "ids.json").read_text())
        if not ids:
            return cls([], None)
        retriever = bm25s.BM25.load(str(folder / "bm25"), show_progress=False, verbosity=0)
        return cls(ids, retriever)


def rrf(rankings: list[list[str]], k: int = 60) -> list[tuple[str, float]]:
    """Reciprocal rank fusion of ranked id lists; higher is better."""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, doc_id in enumerate(ranking):
            scores[doc_id] = scores.get(doc_id, 0.0) + 1.0 / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: -kv[1])


__all__ = ["LexicalIndex", "rrf", "terms", "STOPWORDS"]
