"""The embedded default answer: the most relevant source sentences and quotations, cited exactly.

No model: candidates are the sentences of the retrieved passages and the quotations near the
question; each is scored by coverage of the question's content terms (soft-matched across
languages with the multilingual embedder) and by whether it holds the kind of answer the
question expects (an amount, a person, a place, a date). When no sentence is relevant enough the
answer is a principled abstention: `answerable: False`, "the indexed sources do not say".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from math import log
from typing import Any

import numpy as np

from retrieval.types import Answer, Citation, Quote, SearchHit

# --- calibrated on the dev questions plus off-topic and on-topic-unanswerable probes (evals/qa.py)
MIN_COVERAGE = 0.5  # weighted share of the question's content terms found around the best sentence
MIN_DENSE = 0.55  # cosine (multilingual USE) that, with some coverage, makes a sentence relevant
MIN_DENSE_COVERAGE = 0.25  # ... the coverage it still needs (cross-lingual questions share few words)
SOFT_MATCH = 0.7  # word-embedding cosine at which two words count as the same term across languages
KEEP_RATIO = 0.8  # further sentences are kept when they score at least this share of the best
MAX_CITED = 3

_STOP = frozenset(
    """
    a à au aux avec ce ces cet cette ceci cela ça d dans de des du elle elles en et est il ils je l la le
    les leur leurs lui m ma mais me même mes moi mon n ne ni nos notre nous on ou où par pas pour qu que
    quel quelle quels quelles qui quoi s sa se ses son sont sur t ta te tes toi ton tu un une vos votre
    vous y été être avait avoir ont ai as avons avez eu fait faire dit dire-t-il t-il t-elle est-ce
    comment combien pourquoi quand lequel laquelle lesquels sont-ils était étaient sera seront
    ensuite alors aussi très plus moins bien selon après avant depuis entre sous chez lors
    an and are as at be been but by for from had has have he her his i if in into is it its me my
    no not of on or our she so than that the their them then there they this to was we were what
    when where which who whom whose why will with would you your did does do how about said say says
    tell told next also after before
    """.split()
)
_PRONOUNS = re.compile(
    r"\b(il|elle|ils|elles|lui|leur|eux|celui-ci|celle-ci|he|she|they|him|her|them|his|its|their|it)\b", re.I
)
_PRONOUN_START = re.compile(r"^(il|elle|ils|elles|he|she|they|it)\b", re.I)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_NAME = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w&-]*(?:\s+(?:de |du |von |van |da |di |al-)?[A-ZÀ-ÖØ-Þ][\w&-]*)*")
_SENT_END = re.compile(r"[.!?…]+[\"'»”’)\]]*\s+(?=[\"'«“‘(\[—–-]?\s*[A-ZÀ-ÖØ-Þ0-9])|\n+")
_OPEN_QUOTES = "\"«“„‹ "
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,\s]\d+)*(?![\w])")  # a number, not a code like "H20"
_CURRENCY = re.compile(
    r"(\d[\d\s.,]*\s*(?:%|€|\$|£|¥|euros?|dollars?|yuans?|usd|eur|francs?|couronnes?|livres?|"
    r"(?:millions?|milliards?|billions?|millions?)\s+(?:de\s+)?(?:dollars?|euros?|yuans?))|(?:€|\$|£|¥)\s*\d)",
    re.I,
)
_MONTHS = (
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre "
    "january february march april may june july august september october november december "
    "lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday "
    "hier aujourd'hui demain yesterday today tomorrow"
).split()
_DATE = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b|\b(?:" + "|".join(_MONTHS) + r")\b", re.I)
_NOT_NAMES = frozenset(
    (
        "le la les l un une des il elle ils elles ce cette ces en au aux mais et selon pour par sous dans lors "
        "the a an he she they it this that in on at but and for by mr mrs ms m mme"
    ).split()
    + _MONTHS
)

# Expected answer types, recognised from the question's opening words.
_EXPECT = [
    ("amount", re.compile(r"\b(quel(le)?s? (est|sont|était|étaient) (le|la|les) (prix|coûts?|montants?|tarifs?)|"
                          r"prix|tarif|coûte|coûtent|combien co[uû]t|how much|price|cost)\b", re.I)),
    ("number", re.compile(r"^\s*(combien|how many|how much|quel (est le )?nombre|what (is the )?number)\b", re.I)),
    ("person", re.compile(r"^\s*((à|a|avec|par|pour|de|chez) )?(qui|who|whom)\b|^\s*(with|by|to) whom\b", re.I)),
    ("place", re.compile(r"^\s*(où|d'où|where|dans quel(le)? (ville|pays|région)|in which (city|country))\b", re.I)),
    ("date", re.compile(r"^\s*(quand|when|depuis quand|en quelle année|à quelle date|what year|which year|"
                        r"what date|on what date)\b", re.I)),
]

NOTICES = {
    "abstain": {
        "fr": "Les sources indexées ne le disent pas : aucun passage ne répond à cette question.",
        "en": "The indexed sources do not say: no passage answers this question.",
    },
    "model_failed": {
        "fr": "Le modèle de langue a échoué ({error}) ; réponse extractive tirée des sources.",
        "en": "The language model failed ({error}); showing the extractive answer from the sources.",
    },
    "unsupported": {
        "fr": "Aucune citation du modèle n'a été retrouvée dans les sources ; réponse extractive à la place.",
        "en": "None of the model's citations was found in the sources; showing the extractive answer instead.",
    },
    "model_abstained": {
        "fr": "Le modèle de langue n'a pas trouvé de réponse ; voici ce que disent les sources elles-mêmes.",
        "en": "The language model found no answer; showing what the sources themselves say.",
    },
}


# --------------------------------------------------------------------------- language and terms


def question_lang(question: str) -> str:
    """"fr" or "en" (the languages the notices exist in), from a question's words."""
    words = {w.lower() for w in _WORD.findall(question)}
    fr = len(words & {"qu", "quel", "quelle", "quels", "quelles", "qui", "où", "comment", "combien", "pourquoi",
                      "quand", "est-ce", "le", "la", "les", "des", "du", "de", "il", "elle", "a-t-il", "a-t-elle",
                      "et", "ensuite", "dit", "qu'a-t-il", "qu'a-t-elle", "que"})
    fr += sum(1 for w in words if w.startswith(("qu'", "d'", "l'")) or "-t-" in w)
    en = len(words & {"what", "who", "where", "when", "how", "which", "why", "did", "does", "do", "the", "is", "are",
                      "was", "about", "of", "and", "said", "say", "then", "he", "she", "they"})
    if fr != en:
        return "fr" if fr > en else "en"
    from retrieval.lang import detect_lang

    return "fr" if detect_lang(question) == "fr" else "en"


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(ch for ch in word if not unicodedata.combining(ch))


def _key(word: str) -> str:
    """A crude cross-form key: folded, elided article cut, plural cut, first 6 letters."""
    word = _fold(word)
    word = re.sub(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)'", "", word)
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        word = word[:-1]
    return word[:6]


def content_terms(text: str) -> list[str]:
    """The keys of a text's content words (stopwords, question words and elided articles dropped)."""
    out = []
    for raw in _WORD.findall(text):
        for part in re.split(r"[-'’]", raw):
            folded = _fold(part)
            if len(folded) < 2 or part.lower() in _STOP:
                continue
            out.append(_key(part))
    return out


def expected_type(question: str) -> str | None:
    for name, pattern in _EXPECT:
        if pattern.search(question):
            return name
    return None


def _names(text: str, question_keys: set[str]) -> list[str]:
    """Capitalised names in `text` (not sentence-initial function words) that the question does not contain."""
    out = []
    for match in _NAME.finditer(text):
        name = match.group(0)
        words = [w for w in name.split() if _fold(w) not in _NOT_NAMES]
        if not words:
            continue
        if match.start() == 0 or text[: match.start()].rstrip()[-1:] in ".!?\"«“":
            if len(words) == 1 and _fold(words[0]) in _STOP:
                continue
        if all(_key(w) in question_keys for w in words):
            continue
        out.append(" ".join(words))
    return out


def has_expected(kind: str | None, text: str, question_keys: set[str]) -> bool:
    """Whether `text` contains the kind of answer the question expects."""
    if kind is None:
        return True
    if kind == "amount":
        return bool(_CURRENCY.search(text))
    if kind == "number":
        return any(n not in question_keys for n in _NUMBER.findall(text)) or bool(
            re.search(r"\b(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|cent|mille|two|three|four|five|six|seven|"
                      r"eight|nine|ten|hundred|thousand|million|milliard|billion)s?\b", text, re.I)
        )
    if kind == "date":
        return bool(_DATE.search(text))
    return bool(_names(text, question_keys))  # person, place


# --------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    citation: Citation
    context: str  # text used for lexical matching: the sentence, plus speaker for a quote
    before: str = ""  # the previous sentence of the same passage (pronoun antecedents live there)
    rank: int = 0  # rank of its passage in the retrieval
    speaker: str | None = None
    is_quote: bool = False
    coverage: float = 0.0
    dense: float = 0.0
    typed: bool = True
    score: float = 0.0
    extra: dict = field(default_factory=dict)


def split_sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentences of `text` as (start, end) offsets (shifted by `start`), opening quote marks excluded."""
    spans, pos = [], 0
    for match in _SENT_END.finditer(text):
        spans.append((pos, match.end()))
        pos = match.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s] in _OPEN_QUOTES + "\n\t":
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s >= 3 and any(ch.isalpha() for ch in text[s:e]):
            out.append((start + s, start + e))
    return out


class _Articles:
    """Article texts, fetched once per answer."""

    def __init__(self, index: Any):
        self.index = index
        self.cache: dict[str, str] = {}

    def text(self, article_id: str | None) -> str | None:
        if not article_id:
            return None
        if article_id not in self.cache:
            try:
                self.cache[article_id] = self.index.article(article_id).text
            except Exception:  # noqa: BLE001 - an article that cannot be read is not citable
                self.cache[article_id] = None  # type: ignore[assignment]
        return self.cache[article_id]


def _citation(hit: Citation, start: int, end: int, article_text: str | None) -> Citation | None:
    text = article_text[start:end] if article_text is not None else None
    if text is None:
        local = hit.text[start - hit.start : end - hit.start]
        text = local
    elif text != hit.text[start - hit.start : end - hit.start]:
        return None  # the hit is not a faithful slice of its article: never cite it
    return Citation(source=hit.source, title=hit.title, start=start, end=end, text=text, article_id=hit.article_id)


def gather(hits: list[SearchHit], quotes: list[tuple[Quote, float]], articles: _Articles) -> list[Candidate]:
    cands: list[Candidate] = []
    for rank, hit in enumerate(hits):
        art = articles.text(hit.article_id)
        prev = hit.title if hit.start < len(hit.title) + 3 else ""
        for s, e in split_sentences(hit.text, hit.start):
            cit = _citation(hit, s, e, art)
            if cit is None:
                continue
            cands.append(Candidate(citation=cit, context=cit.text, before=prev, rank=rank))
            prev = cit.text
    for rank, (quote, _score) in enumerate(quotes):
        art = articles.text(quote.article_id)
        if art is None or art[quote.start : quote.end] != quote.text or len(quote.text) < 12:
            continue
        cit = Citation(source=quote.source or "", title=quote.title or "", start=quote.start, end=quote.end,
                       text=quote.text, article_id=quote.article_id)
        context = f"{quote.speaker or ''} {quote.cue or ''} {quote.text}"
        cands.append(Candidate(citation=cit, context=context, rank=rank, speaker=quote.speaker, is_quote=True))
    return cands


def _surface_terms(text: str) -> dict[str, str]:
    """Content-word key -> one surface form (lowercase), for the words of `text`."""
    out: dict[str, str] = {}
    for raw in _WORD.findall(text):
        for part in re.split(r"[-'’]", raw):
            if len(_fold(part)) >= 2 and part.lower() not in _STOP:
                out.setdefault(_key(part), part.lower())
    return out


def _soft_matches(query_words: dict[str, str], texts: list[dict[str, str]], embedder: Any) -> list[set[str]]:
    """For each text, the query keys it contains, exactly or as a translation/synonym (word embeddings).

    The multilingual embedder maps "meet" near "rencontré" and "growth" near "croissance" (cosine
    >= SOFT_MATCH), which lets an English question cover the words of a French sentence.
    """
    found = [set(query_words) & set(t) for t in texts]
    if embedder is None or not query_words:
        return found
    vocab = sorted({w for t in texts for w in t.values()})
    if not vocab:
        return found
    q_keys = [k for k, w in query_words.items() if len(w) >= 4 and not any(ch.isdigit() for ch in w)]
    if not q_keys:
        return found
    vectors = np.asarray(embedder.embed([query_words[k] for k in q_keys] + vocab), dtype=np.float32)
    sims = vectors[len(q_keys):] @ vectors[: len(q_keys)].T  # (vocab, query words)
    row = {w: i for i, w in enumerate(vocab)}
    for words, got in zip(texts, found):
        rows = [row[w] for w in words.values()]
        if not rows:
            continue
        best = sims[rows].max(axis=0)
        got.update(k for k, b in zip(q_keys, best) if b >= SOFT_MATCH)
    return found


def score(query: str, kind: str | None, cands: list[Candidate], embedder: Any) -> None:
    """Fill coverage (IDF-weighted over the candidate pool, translations allowed), dense similarity,
    answer-type check and the combined score of each candidate."""
    if not cands:
        return
    query_words = _surface_terms(query)
    keys = set(query_words)
    n = len(cands)
    inside = _soft_matches(query_words, [_surface_terms(c.context) for c in cands], embedder)
    before = _soft_matches(query_words, [_surface_terms(c.before) for c in cands], embedder)
    df = {t: sum(1 for b in inside if t in b) for t in keys}
    weight = {t: log(1 + (n + 1) / (df[t] + 0.5)) for t in keys}
    total = sum(weight.values()) or 1.0
    for cand, got_in, got_before in zip(cands, inside, before):
        # A sentence opening on a pronoun continues the previous one's subject: it inherits more of it.
        inherit = 0.8 if _PRONOUN_START.match(cand.citation.text) else 0.3
        got = sum(weight[t] for t in got_in) + inherit * sum(weight[t] for t in got_before - got_in)
        cand.coverage = got / total if keys else 0.0
        cand.typed = has_expected(kind, cand.citation.text, keys)
    if embedder is not None:
        vectors = np.asarray(embedder.embed([query] + [c.citation.text for c in cands]), dtype=np.float32)
        sims = vectors[1:] @ vectors[0]
        for cand, sim in zip(cands, sims):
            cand.dense = float(sim)
    for cand in cands:
        cand.score = 0.6 * cand.coverage + 0.4 * max(cand.dense, 0.0) - 0.01 * cand.rank


def relevant(cand: Candidate) -> bool:
    return cand.typed and (
        cand.coverage >= MIN_COVERAGE or (cand.dense >= MIN_DENSE and cand.coverage >= MIN_DENSE_COVERAGE)
    )


# --------------------------------------------------------------------------- the extractive answer


def rewrite_query(question: str, history: list[tuple[str, str]] | None) -> str:
    """A follow-up ("et qu'a-t-il dit ensuite ?") borrows the previous question's names and terms."""
    if not history:
        return question
    previous = history[-1][0]
    short = len(content_terms(question)) <= 2
    if not (short or _PRONOUNS.search(question)):
        return question
    names = [m.group(0) for m in _NAME.finditer(previous) if _fold(m.group(0).split()[0]) not in _NOT_NAMES]
    names = [n for n in names if not (previous.startswith(n) and _fold(n) in _STOP)]
    extra = " ".join(names) if names else " ".join(w for w in _WORD.findall(previous) if _key(w) in content_terms(previous))
    return f"{question} {extra}".strip()


def _render(cand: Candidate, n: int, lang: str) -> str:
    text = " ".join(cand.citation.text.split())
    if cand.is_quote:
        said = f"{cand.speaker} : " if (cand.speaker and lang == "fr") else f"{cand.speaker}: " if cand.speaker else ""
        text = f"{said}« {text} »" if lang == "fr" else f'{said}"{text}"'
    return f"{text} [{n}]"


def _overlaps(a: Citation, b: Citation) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def extractive(question: str, index: Any, *, history: list[tuple[str, str]] | None = None, k: int = 6,
               hits: list[SearchHit] | None = None) -> Answer:
    lang = question_lang(question)
    query = rewrite_query(question, history)
    if hits is None:
        hits = index.search(query, k=k)
    try:
        quotes = index.search_quotes(query, k=5)
    except Exception:  # noqa: BLE001 - quotes are a bonus, passages are enough
        quotes = []
    articles = _Articles(index)
    cands = gather(hits, quotes, articles)
    kind = expected_type(question)
    score(query, kind, cands, getattr(index, "embedder", None))
    ranked = sorted((c for c in cands if relevant(c)), key=lambda c: -c.score)
    if not ranked:
        return Answer(answer=NOTICES["abstain"][lang], answerable=False)
    chosen: list[Candidate] = []
    for cand in ranked:
        if len(chosen) >= MAX_CITED or cand.score < KEEP_RATIO * ranked[0].score:
            break
        if any(_overlaps(cand.citation, c.citation) for c in chosen):
            continue
        chosen.append(cand)
    parts = [_render(c, i, lang) for i, c in enumerate(chosen, 1)]
    return Answer(answer=" ".join(parts), answerable=True, citations=[c.citation for c in chosen])
