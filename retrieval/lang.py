"""Language detection: a two-letter code for a text ("fr", "en", ...), "und" when it cannot tell."""

from __future__ import annotations

from functools import lru_cache

_SUPPORTED = ("fr", "en", "de", "es", "it", "pt", "nl")


@lru_cache(maxsize=1)
def _identifier():
    from .model_cache import language_identifier

    return language_identifier(list(_SUPPORTED))


def detect_lang(text: str) -> str:
    sample = text[:4000].strip()
    if len(sample) < 3 or not any(ch.isalpha() for ch in sample):
        return "und"
    lang, _prob = _identifier().classify(sample)
    return lang
