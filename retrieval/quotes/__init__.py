"""Quote extraction: quoted spans, the article's people and organisations, and for each quote its
speaker, chosen among candidates by a small learned ranker (see `attribution`)."""

from retrieval.quotes.attribution import extract as extract_quotes

__all__ = ["extract_quotes"]
