"""The domain types every part of quotecheck speaks.

One module, imported everywhere; nothing else redefines these. Offsets (`start`, `end`) are
always Python `str` indices into `Article.text`, the article text exactly as read.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

QuoteKind = Literal["direct", "partial", "headline", "indirect", "term"]
Verdict = Literal["verbatim", "altered", "paraphrase", "misattributed", "not_found"]
VERDICTS: tuple[str, ...] = ("verbatim", "altered", "paraphrase", "misattributed", "not_found")


class Article(BaseModel):
    """An indexed article. `id` is derived from the text, so the same content has the same id."""

    id: str
    source: str  # path or url as indexed
    title: str = ""
    text: str
    lang: str = "und"
    url: str | None = None
    date: str | None = None
    author: str | None = None


class Passage(BaseModel):
    """A few sentences of an article, with their offsets in it."""

    id: str
    article_id: str
    source: str
    title: str = ""
    start: int
    end: int
    text: str


class Quote(BaseModel):
    """A quoted statement found in a text. `text == article_text[start:end]`, quote marks excluded."""

    text: str
    start: int
    end: int
    speaker: str | None = None  # canonical name, the fullest form in the article
    speaker_mention: str | None = None  # the words that name the speaker near the quote
    cue: str | None = None  # the reporting verb or phrase ("a déclaré", "said", "selon")
    kind: QuoteKind = "direct"
    confidence: float = 0.5
    # Filled once the quote is stored:
    article_id: str | None = None
    source: str | None = None
    title: str | None = None


class Citation(BaseModel):
    """An exact piece of a source: `text == article.text[start:end]`.

    `sources` names every source of the same text (a wire copy republished under two names), `source`
    first; just `[source]` for a text indexed once."""

    source: str
    title: str = ""
    start: int
    end: int
    text: str
    article_id: str | None = None
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _sources_start_with_source(self):
        if not self.sources:
            self.sources = [self.source]
        return self


class SearchHit(Citation):
    score: float


class WordEdit(BaseModel):
    """One word-level difference between a source quotation and a claim."""

    op: Literal["replace", "delete", "insert"]
    source: str = ""  # the source's words ("" for an insertion)
    claim: str = ""  # the claim's words ("" for a deletion)


class Verification(BaseModel):
    """What `verify` says about one claimed quote."""

    verdict: Verdict
    claim: str
    claimed_speaker: str | None = None
    source: Citation | None = None
    source_speaker: str | None = None
    similarity: float = 0.0
    diff: list[WordEdit] = Field(default_factory=list)
    translated: bool = False
    explanation: str = ""


class CheckedQuote(Verification):
    """A quote found in a draft, with its offsets in the draft and its verification."""

    start: int
    end: int
    draft_speaker: str | None = None


class Answer(BaseModel):
    answer: str
    answerable: bool
    citations: list[Citation] = Field(default_factory=list)
    notice: str | None = None  # e.g. why the LLM answer was replaced by the extractive one
