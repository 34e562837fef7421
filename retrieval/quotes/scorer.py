"""Ranks a quote's candidate speakers with a small learned model (numpy at run time).

A conditional logit: each candidate's score is a weighted sum of its features (names prefixed by the
candidate's kind, so "partial" weighs differently for a mention and for the previous speaker); a
"nobody" option with its own bias competes with them, and a softmax over all of them gives the
probability that the best candidate is the speaker. The weights come from `evals/train_speaker.py`
(PolNeAR train plus the French tuning articles) and live in `speaker_weights.json` beside this file.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("speaker_weights.json")
# The share of the ranker's probability from which a candidate is a plausible speaker (`Scorer.choose`),
# compared once with "any candidate at all" on the fold rankers of `evals/speaker_oof.py` (775 quotes with a
# named speaker, a one-off analysis): both leave out the right speaker alike (52 and 50 quotes); 0.01 leaves
# out 35 more wrong ones (2921 and 2886 of the 3123 other speakers of the articles). Its effect on the product
# is the "plausible speakers" table of that eval.
PLAUSIBLE = 0.01


def feature_names(kind: str, features: dict[str, float], lang: str = "") -> dict[str, float]:
    """Shared (language-neutral) features plus a per-language copy of each: the shared weights
    carry what holds in both languages, the copies learn how French and English differ."""
    out = {f"{kind}:{k}": v for k, v in features.items() if v}
    out[f"{kind}:bias"] = 1.0
    if lang:
        out.update({f"{lang}|{k}": v for k, v in list(out.items())})
    return out


# The features that tie a candidate to the quote through a speech verb, a framing or a colon (the
# attribution's "cued" reads them too), and those plus a cue word just before or after the mention.
STRONG_TIES = ("subj_speech_gov", "obj_after_speech_gov", "framing", "colon_subj", "lead_subj_speech")
_CUES = STRONG_TIES + ("cue_just_before", "cue_just_after")


def strongly_tied(features: dict[str, float]) -> bool:
    """Does a candidate's raw feature dict hold one of the STRONG_TIES?"""
    return any(features.get(k) for k in STRONG_TIES)


def confidence_inputs(prob: float, margin: float, named: list[dict[str, float]], best: int) -> list[float]:
    """What the confidence is calibrated on: the ranker's probability (log-odds), its margin over
    the runner-up, whether a speech verb or a framing ties the chosen speaker to the quote, whether
    it is a name, the subject of the governing speech verb, the previous speaker or a main source,
    whether the first-match rules chose the same speaker (two different readings agreeing), and
    whether another candidate has a tie the chosen one lacks (the subject of the speech verb that
    governs the quote, a framing: two readings disagreeing)."""
    p = min(max(prob, 1e-6), 1 - 1e-6)
    mine = named[best]
    shared = {k for k in mine if "|" not in k}
    cued = float(any(k.split(":", 1)[-1] in _CUES for k in shared))
    kind = next(iter(shared)).split(":", 1)[0] if shared else "mention"
    strong = lambda f: any(k.split(":", 1)[-1] in STRONG_TIES for k in f if "|" not in k)  # noqa: E731
    contested = float(not strong(mine) and any(strong(f) for n, f in enumerate(named) if n != best))
    return [math.log(p / (1 - p)), min(margin, 8.0), cued, float("mention:pos_name" in shared),
            float("mention:subj_speech_gov" in shared or "mention:obj_after_speech_gov" in shared),
            float(kind == "previous"), float(kind == "main"), float(f"{kind}:rule_agrees" in shared), contested, 1.0]


def null_features(lang: str) -> dict[str, float]:
    """The "nobody" option: a shared bias and a per-language one."""
    return {"null:bias": 1.0, f"{lang}|null:bias": 1.0}


class Scorer:
    """`calibration`: a logistic regression of "the chosen speaker is right" on `confidence_inputs`,
    fitted out of fold on annotated articles, so a confidence of 0.9 means about nine in ten such
    attributions are right. `confirm`: the confidence from which the verification confirms a speaker."""

    def __init__(self, weights: dict[str, float], calibration: list[float] | None = None, confirm: float = 0.9):
        self.w = weights
        self.cal = calibration or [1.0] + [0.0] * 9
        self.confirm = confirm

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> "Scorer":
        data = json.loads(path.read_text(encoding="utf-8"))
        cal = data.get("meta", {}).get("calibration", {})
        return cls(data["weights"], cal.get("coefficients"), float(cal.get("confirm_threshold", 0.9)))

    def calibrated(self, inputs: list[float]) -> float:
        z = sum(c * x for c, x in zip(self.cal, inputs))
        return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))

    def _score(self, named: dict[str, float]) -> float:
        return sum(self.w.get(k, 0.0) * v for k, v in named.items())

    def _softmax(self, named: list[dict[str, float]], lang: str) -> tuple[list[float], list[float]]:
        """(logits, probabilities) of the candidates, then of nobody."""
        logits = [self._score(f) for f in named] + [self._score(null_features(lang))]
        top = max(logits)
        exp = [math.exp(x - top) for x in logits]
        total = sum(exp)
        return logits, [e / total for e in exp]

    def rank(self, named: list[dict[str, float]], lang: str) -> tuple[int | None, float, float]:
        """Candidates given by their named features (`feature_names`) -> (the best one's index, None
        for nobody; its probability; its margin over the runner-up). Training uses this too."""
        return _best(*self._softmax(named, lang))

    def choose(self, candidates) -> tuple[int | None, float, list[str]]:
        """The best candidate's index (None: nobody), its confidence (for nobody: its probability), and the
        names of the candidates given at least PLAUSIBLE of the probability, likeliest first: whom the source
        may tie the quote to (a claimed speaker outside them is not one of them)."""
        if not candidates:
            return None, 1.0, []
        named = [feature_names(c.kind, c.features, c.lang) for c in candidates]
        logits, probs = self._softmax(named, candidates[0].lang)
        best, prob, margin = _best(logits, probs)
        mass: dict[str, float] = {}
        for c, p in zip(candidates, probs):
            if c.name:
                mass[c.name] = mass.get(c.name, 0.0) + p
        plausible = [n for n, p in sorted(mass.items(), key=lambda kv: -kv[1]) if p >= PLAUSIBLE]
        if best is None:
            return None, prob, plausible
        return best, self.calibrated(confidence_inputs(prob, margin, named, best)), plausible


def _best(logits: list[float], probs: list[float]) -> tuple[int | None, float, float]:
    """From the candidates' then nobody's logits and probabilities: (the best candidate's index, None for
    nobody; its probability; its margin over the runner-up)."""
    best = max(range(len(logits)), key=logits.__getitem__)
    margin = logits[best] - max((x for n, x in enumerate(logits) if n != best), default=logits[best] - 8.0)
    return (None if best == len(logits) - 1 else best), probs[best], margin


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    return Scorer.load()


def confirm_threshold() -> float:
    """The confidence from which the verification confirms a speaker, chosen by the training
    script on out-of-fold predictions (see `meta.calibration.table` in the weights file)."""
    return default_scorer().confirm
