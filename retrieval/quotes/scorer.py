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


def feature_names(kind: str, features: dict[str, float], lang: str = "") -> dict[str, float]:
    """Shared (language-neutral) features plus a per-language copy of each: the shared weights
    carry what holds in both languages, the copies learn how French and English differ."""
    out = {f"{kind}:{k}": v for k, v in features.items() if v}
    out[f"{kind}:bias"] = 1.0
    if lang:
        out.update({f"{lang}|{k}": v for k, v in list(out.items())})
    return out


_CUES = ("subj_speech_gov", "obj_after_speech_gov", "framing", "colon_subj", "cue_just_before", "cue_just_after")


def confidence_inputs(prob: float, margin: float, named: dict[str, float]) -> list[float]:
    """What the confidence is calibrated on: the ranker's probability (log-odds), its margin over
    the runner-up, whether a speech verb or a framing ties the chosen speaker to the quote, whether
    it is a name, the subject of the governing speech verb, the previous speaker or a main source,
    and whether the first-match rules chose the same speaker (two different readings agreeing)."""
    p = min(max(prob, 1e-6), 1 - 1e-6)
    shared = {k for k in named if "|" not in k}
    cued = float(any(k.split(":", 1)[-1] in _CUES for k in shared))
    kind = next(iter(shared)).split(":", 1)[0] if shared else "mention"
    return [math.log(p / (1 - p)), min(margin, 8.0), cued, float("mention:pos_name" in shared),
            float("mention:subj_speech_gov" in shared or "mention:obj_after_speech_gov" in shared),
            float(kind == "previous"), float(kind == "main"), float(f"{kind}:rule_agrees" in shared), 1.0]


class Scorer:
    """`calibration`: a logistic regression of "the chosen speaker is right" on `confidence_inputs`,
    fitted out of fold on annotated articles, so a confidence of 0.9 means about nine in ten such
    attributions are right."""

    def __init__(self, weights: dict[str, float], calibration: list[float] | None = None):
        self.w = weights
        self.null = weights.get("null:bias", 0.0)
        self.cal = calibration or [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> "Scorer":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data.get("meta", {}).get("calibration", {}).get("coefficients"))

    def calibrated(self, inputs: list[float]) -> float:
        z = sum(c * x for c, x in zip(self.cal, inputs))
        return 1 / (1 + math.exp(-max(min(z, 30.0), -30.0)))

    def logit(self, kind: str, features: dict[str, float], lang: str = "") -> float:
        return sum(self.w.get(k, 0.0) * v for k, v in feature_names(kind, features, lang).items())

    def choose(self, candidates) -> tuple[int | None, float]:
        """The best candidate's index (None: nobody) and its probability."""
        lang = candidates[0].lang if candidates else ""
        logits = [self.logit(c.kind, c.features, c.lang) for c in candidates]
        logits.append(self.null + self.w.get(f"{lang}|null:bias", 0.0))
        top = max(logits)
        exp = [math.exp(x - top) for x in logits]
        total = sum(exp)
        best = max(range(len(logits)), key=logits.__getitem__)
        prob = exp[best] / total
        if best == len(candidates):
            return None, prob
        margin = logits[best] - max((x for n, x in enumerate(logits) if n != best), default=logits[best] - 8.0)
        c = candidates[best]
        return best, self.calibrated(confidence_inputs(prob, margin, feature_names(c.kind, c.features, c.lang)))


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    return Scorer.load()


@lru_cache(maxsize=1)
def confirm_threshold() -> float:
    """The confidence from which the verification confirms a speaker, chosen by the training
    script on out-of-fold predictions (see `meta.calibration.table` in the weights file)."""
    meta = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("meta", {})
    return float(meta.get("calibration", {}).get("confirm_threshold", 0.9))
