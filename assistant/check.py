"""Checking a draft: every quotation in it, with its speaker, verified against the sources."""

from __future__ import annotations

from retrieval.lang import detect_lang
from retrieval.types import CheckedQuote

from .verification import verify_claim


def check_draft(text: str, index, model=None) -> list[CheckedQuote]:
    """The draft's quotes in order, each with its verdict and its offsets in the draft."""
    from retrieval.quotes import extract_quotes

    checked = []
    for quote in extract_quotes(text, detect_lang(text)):
        if quote.kind == "term":  # titles and scare quotes are nobody's words
            continue
        result = verify_claim(quote.text, quote.speaker, index, model=model)
        checked.append(CheckedQuote(**result.model_dump(), start=quote.start, end=quote.end, draft_speaker=quote.speaker))
    return checked
