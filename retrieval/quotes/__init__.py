"""Rule-based quote extraction: quoted spans, their speakers, resolved within the article."""

from retrieval.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
