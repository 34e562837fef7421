"""The domain types every part of quotecheck speaks.

One module, imported everywhere; nothing else redefines these. Offsets (`start`, `end`) are
always Python `str` indices into `Article.text`, the article text exactly as read.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

QuoteKind = Literal["direct", "partial", "headline", "indirect", "term"]
Verdict = Literal["verbatim", "altered", "paraphrase", "misattributed", "unattributed", "not_found"]
VERDICTS: tuple[str, ...] = ("verbatim", "altered", "paraphrase", "misattributed", "unattributed", "not_found")
# Who said it, judged apart from the wording (CONTRACT.md, `verify`): the source attributes the words
# to the claimed speaker, to someone else, to nobody it names clearly enough, or no speaker was claimed.
SpeakerStatus = Literal["confirmed", "other", "unknown", "not_claimed"]
SPEAKER_STATUSES: tuple[str, ...] = ("confirmed", "other", "unknown", "not_claimed")


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
    # Everyone the extractor found plausible as this quote's speaker, likeliest first (`Scorer.choose`);
    # None when not recorded (a store indexed before they were).
    speaker_candidates: list[str] | None = None
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


class Statement(Citation):
    """A source quotation shown for a person to judge: who said it and how close it is to the claim."""

    speaker: str | None = None
    similarity: float = 0.0


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
    # The paragraph around the source quotation (the writer's sentences, with its attribution line).
    passage: Citation | None = None
    # The speaker finding, separate from the wording one:
    speaker_status: SpeakerStatus = "not_claimed"
    # Every distinct speaker (canonical name) whose quotation carries the claimed words (verbatim or
    # altered), other than the claimed speaker (or, when none was claimed, than `source_speaker`).
    other_speakers: list[str] = Field(default_factory=list)
    # How the claimed speaker matched `source_speaker`: "exact" (same name), "fuzzy" (a typo, the
    # surname or first name alone, a title or role, dropped accents: see `explanation`), None (no match).
    speaker_match: Literal["exact", "fuzzy"] | None = None
    # True when `source_speaker` is only the extractor's guess (attribution confidence too low to confirm).
    speaker_guess: bool = False
    speaker_confidence: float | None = None  # the extractor's attribution confidence for `source_speaker`
    # When nothing supports the claim: the closest statements by the claimed speaker (by anyone when
    # none is claimed), best first, up to 3, so a person can judge.
    closest: list[Statement] = Field(default_factory=list)
    # Something the reader must know about how the verdict was reached (a language model that failed).
    notice: str | None = None

    @model_validator(mode="after")
    def _claimed_speaker_is_judged(self) -> "Verification":
        if self.claimed_speaker and self.speaker_status == "not_claimed":
            self.speaker_status = "unknown"  # a claimed speaker is never "not claimed"
        return self


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
