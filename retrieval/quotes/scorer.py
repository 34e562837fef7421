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


class Scorer:
    """`calibration` (a, b): Platt scaling of the chosen candidate's log-odds, fitted out of fold on
    annotated articles, so a confidence of 0.9 means about nine in ten such attributions are right."""

    def __init__(self, weights: dict[str, float], calibration: tuple[float, float] = (1.0, 0.0)):
        self.w = weights
        self.null = weights.get("null:bias", 0.0)
        self.a, self.b = calibration

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> "Scorer":
        data = json.loads(path.read_text(encoding="utf-8"))
        cal = data.get("meta", {}).get("calibration", {})
        return cls(data["weights"], (cal.get("a", 1.0), cal.get("b", 0.0)))

    def calibrated(self, prob: float) -> float:
        p = min(max(prob, 1e-6), 1 - 1e-6)
        return 1 / (1 + math.exp(-(self.a * math.log(p / (1 - p)) + self.b)))

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
        return (None if best == len(candidates) else best), self.calibrated(prob)


@lru_cache(maxsize=1)
def default_scorer() -> Scorer:
    return Scorer.load()


@lru_cache(maxsize=1)
def confirm_threshold() -> float:
    """The confidence from which the verification confirms a speaker, chosen by the training
    script on out-of-fold predictions (see `meta.calibration.table` in the weights file)."""
    meta = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("meta", {})
    return float(meta.get("calibration", {}).get("confirm_threshold", 0.9))
