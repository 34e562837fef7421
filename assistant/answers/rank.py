"""Which evidence answers the question: features per sentence or quotation, one score, one decision.

Features (all in [0, 1]):
- `cover`: IDF-weighted share of the question's content words found in the sentence (translations and
  synonyms count, through the multilingual word embeddings), plus part of those in the sentence before;
- `dense`: cosine of the question and the sentence (multilingual USE: carries cross-lingual questions);
- `names`: share of the question's names in the sentence (or its speaker); `names_near`: in its passage
  (`names_article`, in its article, is read by `about` only);
- `typed`: the sentence fills the question's answer slot (`slot.py`: a number, a measure, an amount, a date, a
  person, a place, an organisation, a name) other than with the question's own words;
- `numbers`: the question's numbers found in the sentence.
The score is a linear ranker over these features, squashed to (0, 1) (fitted listwise); its weights and the two thresholds (answer / something is about the question) are fitted
on the tuning half of the real questions only, by `evals/train_answers.py` (`weights.json`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from math import log
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.names import same_speaker

from . import slot
from .question import Question, key, surface_terms
from .retrieve import Evidence, mentions, vectors_for

SOFT_MATCH = 0.7  # word-embedding cosine at which two words count as the same term across languages
WEIGHTS_FILE = Path(__file__).with_name("weights.json")

def _soft_matches(query: dict[str, str], texts: list[dict[str, str]], index: Any) -> list[set[str]]:
    """For each text, the query keys it contains, exactly or as a translation or synonym."""
    found = [set(query) & set(t) for t in texts]
    embed = vectors_for(index)
    q_keys = [k for k, w in query.items() if len(w) >= 4 and not any(ch.isdigit() for ch in w)]
    vocab = sorted({w for t in texts for w in t.values() if len(w) >= 3})
    if embed is None or not q_keys or not vocab:
        return found
    vectors = np.asarray(embed([query[k] for k in q_keys] + vocab), dtype=np.float32)
    sims = vectors[len(q_keys):] @ vectors[: len(q_keys)].T  # (vocab, query words)
    row = {w: i for i, w in enumerate(vocab)}
    for words, got in zip(texts, found):
        rows = [row[w] for w in words.values() if w in row]
        if rows:
            best = sims[rows].max(axis=0)
            got.update(k for k, b in zip(q_keys, best) if b >= SOFT_MATCH)
    return found


def _text(ev: Evidence) -> str:
    return f"{ev.speaker}: {ev.citation.text}" if ev.is_quote and ev.speaker else ev.citation.text


SLOT_FEATURES = ("typed", "typed_kind")
FEATURES = ("cover", "cover_in", "dense", "passage_dense", "names", "names_near", "typed", "numbers", "asked",
            "quote", "rank", "typed_kind", "speaker_named", "short", "focus")


def featurize(question: Question, evidence: list[Evidence], index: Any) -> None:
    """Fill `features` of every piece of evidence (see the module docstring)."""
    if not evidence:
        return
    terms = {k: w for k, w in question.terms.items() if not any(mentions(n, w) for n in question.names)} \
        or dict(question.terms)
    inside = _soft_matches(terms, [surface_terms(_text(e)) for e in evidence], index)
    before = _soft_matches(terms, [surface_terms(e.before) for e in evidence], index)
    n = len(evidence)
    df = {t: sum(1 for got in inside if t in got) for t in terms}
    weight = {t: log(1 + (n + 1) / (df[t] + 0.5)) for t in terms}
    total = sum(weight.values()) or 1.0
    embed = vectors_for(index)
    passages = list(dict.fromkeys(e.passage for e in evidence))
    vectors = embed([question.query] + [_text(e) for e in evidence] + passages)
    q_vec, rest = vectors[0], vectors[1:]
    dense = rest[: len(evidence)] @ q_vec
    passage_dense = dict(zip(passages, (rest[len(evidence):] @ q_vec).tolist()))
    names = list(question.names)
    articles = {e.citation.article_id: e.citation.title + " " + e.article for e in evidence}
    in_article = {a: sum(mentions(nm, text) for nm in names) / len(names) if names else 0.5
                  for a, text in articles.items()}  # each article read once, not once per sentence
    focus = {key(w) for w in question.focus} & set(terms)
    for ev, got_in, got_before, sim in zip(evidence, inside, before, dense):
        text = _text(ev)
        inherit = 0.6 if re.match(r"^\W*(il|elle|ils|elles|he|she|they|it|this|cela|ce)\b", ev.citation.text, re.I) else 0.25
        own = sum(weight[t] for t in got_in) / total
        cover = own + inherit * sum(weight[t] for t in got_before - got_in) / total
        typed = float(slot.holds(question.kind, ev.citation.text, question, ev.passage, ev.speaker))
        ev.features = {
            "cover": min(cover, 1.0),
            "cover_in": min(own, 1.0),
            "dense": max(float(sim), 0.0),
            "passage_dense": max(passage_dense[ev.passage], 0.0),
            "names": (sum(mentions(nm, text) for nm in names) / len(names)) if names else 0.5,
            "names_near": (sum(mentions(nm, ev.passage + " " + ev.citation.title + " " + (ev.speaker or ""))
                               for nm in names) / len(names)) if names else 0.5,
            "typed": typed,
            "numbers": (sum(nb in text for nb in question.numbers) / len(question.numbers)) if question.numbers else 0.0,
            "asked": float(ev.asked_speaker),
            "quote": float(ev.is_quote),
            "rank": min(ev.rank, 12) / 12,
            "typed_kind": typed if question.kind else 0.5,
            "speaker_named": float(bool(ev.speaker) and (question.kind == "person" or question.says)),
            "short": float(len(ev.citation.text) < 60),
            "focus": float(bool(focus & (got_in | got_before))) if focus else 0.5,
            "names_article": in_article[ev.citation.article_id],  # read by `about`, not by the ranker
        }
        ev.score = _model().probability(ev.features)


class _Model:
    """Logistic regression over FEATURES; weights fitted by `evals/train_answers.py` (tuning half only)."""

    def __init__(self, path: Path = WEIGHTS_FILE):
        data = json.loads(path.read_text(encoding="utf-8"))
        self.weights = np.asarray([data["weights"].get(f, 0.0) for f in FEATURES], dtype=np.float64)
        self.bias = float(data["bias"])
        self.mean = np.asarray([data["mean"].get(f, 0.0) for f in FEATURES], dtype=np.float64)
        self.scale = np.asarray([data["scale"].get(f, 1.0) for f in FEATURES], dtype=np.float64)
        self.answer_at = float(data["answer_at"])
        self.about_at = float(data["about_at"])

    def probability(self, features: dict) -> float:
        x = (np.asarray([features[f] for f in FEATURES], dtype=np.float64) - self.mean) / self.scale
        return float(1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias))))

    def content(self, features: dict) -> float:
        """The score without the answer-slot features (set to their mean): how well the evidence
        matches what the question is about, whether or not it holds the kind of answer asked for."""
        return self.probability({**features, **{f: self.mean[FEATURES.index(f)] for f in SLOT_FEATURES}})


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()


OWN_WORDS_DEPTH = 3


def ranked(question: Question, evidence: list[Evidence], index: Any) -> list[Evidence]:
    """The evidence best first; for a question about what a named speaker said ("how did Borrell
    react...", "qu'a dit X..."), that speaker's own quotations come first when they are among the
    OWN_WORDS_DEPTH pieces naming X (as speaker or in the text) that best match what the question is
    about: the stored attribution says they are X's words, which a sentence naming X does not."""
    featurize(question, evidence, index)
    ordered = sorted(evidence, key=lambda e: -e.score)
    if question.says and question.kind is None and question.names:
        subject = question.names[0]  # the speaker asked about opens the question: "how did X react to Y"
        model = _model()
        theirs = [e for e in ordered if (e.speaker and same_speaker(subject, e.speaker))
                  or mentions(subject, e.citation.text)]
        on_topic = sorted(theirs, key=lambda e: -model.content(e.features))[:OWN_WORDS_DEPTH]
        own = [e for e in on_topic if e.asked_speaker and e.is_quote and e.speaker and same_speaker(subject, e.speaker)
               and about(e)]
        ordered = own + [e for e in ordered if not any(e is o for o in own)]
    return ordered


# Abstention. The ranker's score orders the evidence of one question well but does not separate
# on-topic unanswerable questions from answerable ones (tuning half: no threshold beats "never
# abstain"), so the decision reads the best evidence directly:
# - a question that asks for a kind of answer (a number, a date, a place...) is answered only by
#   evidence that fills that slot (`slot.py`) and is also among the SLOT_DEPTH pieces that best match
#   what the question is about (the score without the slot features): an unanswerable "how many
#   votes" question finds a number somewhere among fifty sentences, but not in the ones about the vote
#   (tuning half: the answer is in the best-matching two for all but 2 of 55 answerable questions),
#   unless it counts what the question asks to count ("combien d'armes": « vingt-trois armes »);
# - a question for a number, an amount or a date whose focus ("how many VOTES", "quel montant de
#   DOMMAGES") is in none of the best evidence or the sentence before it is not answered by it;
# - evidence that shares almost no words and little meaning with the question, or mentions none of
#   the names it asks about, is about something else.
FOCUS_KINDS = ("number", "amount", "date")
SLOT_DEPTH = 2
MIN_COVER, MIN_DENSE = 0.10, 0.20


def answers(ordered: list[Evidence], question: Question | None = None) -> bool:
    """Whether the best of `ordered` (ranked by `ranked`) answers the question."""
    best = ordered[0]
    f = best.features
    if question is not None and question.kind is not None:
        if not f.get("typed"):
            return False  # no number, amount, date, person or place where the question asks for one
        model = _model()
        on_topic = sorted(ordered, key=lambda e: -model.content(e.features))[:SLOT_DEPTH]
        if not any(e is best for e in on_topic) and not slot.counts_focus(best.citation.text, question):
            return False  # the slot is filled only by evidence about something else
    if question is not None and question.kind in FOCUS_KINDS and f.get("focus") == 0.0:
        return False
    return about(best) and best.score >= _model().answer_at


def about(best: Evidence) -> bool:
    f = best.features
    if f.get("names_near") == 0.0 and f.get("names_article") == 0.0:
        return False  # the question names people or things the evidence's article never mentions
    return not (f.get("cover", 0) < MIN_COVER and f.get("dense", 0) < MIN_DENSE) and best.score >= _model().about_at
