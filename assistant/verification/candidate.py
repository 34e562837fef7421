"""`Candidate`: a source quotation that may be what a claim quotes, with what is known around it."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.types import Quote

__all__ = ["Candidate"]


@dataclass(frozen=True)
class Candidate:
    """A source quotation that may be what the claim quotes.

    `passage`: the text around the quotation (the writer's sentence(s)), which contains it;
    `passage_start`: its offset in the article (to cite it); located through `quote.text` if None.
    `dense`: cosine similarity from a multilingual sentence embedder, computed by the caller: the
    maximum over the quotation, the passage and each sentence of the passage; None if not computed.
    `lang`: the source article's language ("fr", "en"; None or "und" when unknown).
    `article_speakers`: the speakers of the article's quotations (a fuzzy speaker match must fit only
    one of them); `article_text`: the whole article, where a claimed role ("council president") is
    looked up next to the speaker's name. Both optional.
    `units`: (text, cosine with the claim) for the quotation, then the sentences of the quotation and
    of the passage, when computed; the paraphrase gate aligns the claim with the best of them.
    """

    quote: Quote
    passage: str | None = None
    passage_start: int | None = None
    dense: float | None = None
    lang: str | None = None
    article_speakers: tuple[str, ...] = ()
    article_text: str | None = None
    units: tuple[tuple[str, float], ...] = ()
