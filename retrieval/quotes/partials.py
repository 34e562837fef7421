"""Someone's words, or a term? The few quoted words inside the writer's sentence, decided by a model.

"Le comité « demeure préoccupé par la persistance… »", "X est « la plateforme qui affiche le plus de
désinformation »", "se disent victimes de « discrimination raciale »" are somebody's words; "une « boîte
noire »", "le dispositif « Devoirs faits »", "les mots « ouvrier » ou « licenciement »", a song's title are
not. A first-match rule (words when a speech verb governs them, or a speaker was found and they are not
capitalised like a title) got 42 of 271 such phrases wrong on our annotated French articles; a logistic
regression over what the phrase looks like and what surrounds it (length, a verb or a first person
inside, capitalised like a title, a determiner or a naming noun just before, "(" before, a speech verb in
the clause, a speaker found and how surely) gets 30 wrong out of fold, and 422 of PolNeAR train's 3,085
against 434 (English articles of ours: 3 of 92, as the rule). `evals/train_partial.py` fits
`partial_weights.json` on our annotated articles and PolNeAR train; numpy only at run time. Titles of
works and names of the article (`SpanInfo.is_term`) stay terms whatever the model says.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from retrieval.quotes.lexicon import is_speech_token

WEIGHTS = Path(__file__).with_name("partial_weights.json")
WORDS_FROM = 0.5  # the probability from which the phrase is someone's words...
# ...when a speaker was found or a speech verb governs it; with neither, it must be plain ("le comité
# « demeure préoccupé par la persistance… »"), not a word or two ("une « simplification »"): out of fold,
# 0.8 kept most of the first kind (span F1 on our French articles 0.90 -> 0.92) without the second
UNTIED_WORDS_FROM = 0.8

_WORD = re.compile(r"[^\W_][\w’'-]*")
_DETERMINERS = frozenset("""un une des le la les l' l’ du de d' d’ ce cette ces son sa ses leur leurs
    a an the this these that those his her their its""".split())
_OF = frozenset({"de", "d'", "d’", "des", "du", "of"})
# nouns and participles that name a word rather than report it: « le mot "X" », "the so-called 'X'"
_NAMING = frozenset("""mot mots terme termes expression expressions slogan slogans hashtag label code mention
    surnom surnommé surnommée dispositif programme opération plan projet titre nom baptisé baptisée appelé
    appelée appelés intitulé intitulée nommé nommée dit dite dits politique campagne stratégie concept notion
    catégorie statut formule marque word words term terms phrase phrases called dubbed named so-called
    nicknamed brand titled entitled motto catchphrase tag operation""".split())
_FIRST_SECOND = frozenset("""je j' j’ me m' m’ moi nous on vous notre nos mon ma mes votre vos
    i we you my our us your i'm we're i’m we’re""".split())
FEATURES = ("logw", "w1", "w2", "w3_4", "w8", "fin", "verb", "person", "title_like", "punct_after", "cued",
            "speaker", "conf", "speech_lead", "det_before", "naming", "paren", "caps_ratio", "upper_start",
            "repeated", "digit", "after_punct_end", "of_before", "comma_in")


def features(text: str, inner: str, open_at: int, close_at: int, start: int, end: int, doc, lang: str, *,
             title_like: bool, punct_after: bool, cued: bool, speaker: bool, confidence: float) -> dict[str, float]:
    """What the model reads about one quoted phrase (`doc`: its paragraph's parse, article offsets
    from `doc.user_data["offset"]`)."""
    ws = _WORD.findall(inner)
    n = len(ws)
    before_text = text[max(0, open_at - 80):open_at]
    before = [w.lower() for w in _WORD.findall(before_text)]
    last = before[-1] if before else ""
    offset = doc.user_data["offset"]
    inside = [t for t in doc if start <= t.idx + offset < end]
    lead = [t for t in doc if t.idx + offset < open_at][-12:]
    long_words = [w for w in ws if len(w) > 3]
    after = text[close_at + 1:close_at + 3].strip()[:1] if close_at >= 0 else ""
    words = inner.strip()
    return {
        "logw": math.log1p(n) / 3, "w1": float(n == 1), "w2": float(n == 2), "w3_4": float(3 <= n <= 4),
        "w8": float(n >= 8),
        "fin": float(any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in inside)),
        "verb": float(any(t.pos_ == "VERB" for t in inside)),
        "person": float(any(w.lower() in _FIRST_SECOND for w in ws)),
        "title_like": float(title_like), "punct_after": float(punct_after), "cued": float(cued),
        "speaker": float(speaker), "conf": confidence if speaker else 0.0,
        "speech_lead": float(any(is_speech_token(t, lang) for t in lead)),
        "det_before": float(last in _DETERMINERS or last.endswith(("'", "’"))),
        "naming": float(any(w in _NAMING for w in before[-3:])),
        "paren": float(before_text.rstrip(" \u00a0\u202f").endswith("(")),
        "caps_ratio": sum(w[0].isupper() for w in long_words) / len(long_words) if long_words else 0.0,
        "upper_start": float(bool(ws) and ws[0][0].isupper()),
        "repeated": float(bool(words) and text.count(words) > 1),
        "digit": float(any(ch.isdigit() for ch in inner)),
        "after_punct_end": float(after in (".", "!", "?", ",")),
        "of_before": float(last in _OF),
        "comma_in": float("," in inner),
    }


def vector(f: dict[str, float], lang: str) -> list[float]:
    """Shared weights, a French copy of each (the French press quotes differently), two biases."""
    base = [f[k] for k in FEATURES]
    return base + [v if lang == "fr" else 0.0 for v in base] + [1.0, float(lang == "fr")]


class Model:
    def __init__(self, weights: list[float]):
        self.w = weights

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> "Model":
        return cls(json.loads(path.read_text(encoding="utf-8"))["weights"])

    def probability(self, f: dict[str, float], lang: str) -> float:
        z = sum(w * x for w, x in zip(self.w, vector(f, lang)))
        return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def default_model() -> Model:
    return Model.load()


def are_words(f: dict[str, float], lang: str, model: Model | None = None) -> bool:
    return decide(f, (model or default_model()).probability(f, lang))


def decide(f: dict[str, float], probability: float) -> bool:
    tied = f["speaker"] or f["cued"]
    return probability >= (WORDS_FROM if tied else UNTIED_WORDS_FROM)
