"""Fit the answer ranker (`assistant/answers/weights.json`) on the TUNING half of the real questions.

For every tuning question the evidence is gathered and featurized as `answer_question` does; a piece of
evidence is positive when it holds every expected string of an answerable question (on-topic
unanswerable questions give only negatives). A linear ranker is fitted listwise (numpy, L2: a softmax over each question's evidence), then the
two thresholds: `answer_at` maximises tuning accuracy (top evidence right, unanswerable abstained),
`about_at` is the lowest top score of an answerable question whose top evidence holds the answer, x0.6.
The sealed half is never read here.

The committed weights were fitted in session 5. Since session 8 abstention is decided mostly by the
answer slot (`assistant/answers/slot.py`, `rank.answers`); a refit then (with the slot's stricter `typed`)
gave tuning 0.637 against 0.645 for the committed weights, and thresholds of 0.98 / 0.58 that abstained on
16% of the answerable questions, so it was not adopted: compare on the `check` questions before
committing a refit.

Run: `python -m evals.train_answers` (QUOTECHECK_QA_STORE=/tmp/dir reuses an indexed store).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np

from assistant.answers import rank
from assistant.answers.question import parse
from assistant.answers.retrieve import Articles, gather

from .qa import load_halves, open_index, plain

L2 = 1.0
STEPS = 3000


def examples(index, cases: list[dict]) -> list[tuple[dict, np.ndarray, np.ndarray]]:
    out = []
    for case in cases:
        q = parse(case["question"])
        evidence = gather(q, index, Articles(index))
        rank.featurize(q, evidence, index)
        want = [plain(w) for w in case.get("answer_contains", [])]
        x = np.asarray([[ev.features[f] for f in rank.FEATURES] for ev in evidence], dtype=np.float64)
        y = np.asarray([float(case.get("answerable", True) and all(w in plain(ev.citation.text) or
                        w in plain(ev.speaker or "") for w in want)) for ev in evidence])
        out.append((case, x.reshape(-1, len(rank.FEATURES)), y))
    return out


def fit(data) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Listwise: per answerable question, a softmax over its evidence, maximising the positives' share;
    L2-regularised gradient descent on standardised features."""
    x = np.vstack([d[1] for d in data if len(d[2])])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    groups = [((d[1] - mean) / scale, d[2]) for d in data if d[2].any()]
    w = np.zeros(x.shape[1])
    for _ in range(STEPS):
        grad = L2 * w
        for z, y in groups:
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y / (p * y).sum()
            grad += z.T @ (p - q)
        w -= 0.05 * grad / len(groups)
    return w, 0.0, mean, scale


def thresholds(data, model) -> tuple[float, float]:
    tops = []
    for case, x, y in data:
        if len(y) == 0:
            tops.append((case, 0.0, False))
            continue
        probs = [model.probability(dict(zip(rank.FEATURES, row))) for row in x]
        i = int(np.argmax(probs))
        tops.append((case, probs[i], bool(y[i])))
    best_at, best_acc = 0.5, -1.0
    for at in np.linspace(0.02, 0.98, 97):
        acc = sum((top >= at and right) if case.get("answerable", True) else top < at for case, top, right in tops)
        if acc > best_acc:
            best_at, best_acc = float(at), acc
    right = [top for case, top, ok in tops if ok]
    about = min(min(right, default=best_at) * 0.6, best_at)
    print(f"answer_at {best_at:.2f}: tuning accuracy of the top evidence {best_acc}/{len(tops)}", flush=True)
    return best_at, float(about)


def main() -> None:
    halves = load_halves()
    folder = os.environ.get("QUOTECHECK_QA_STORE")
    with tempfile.TemporaryDirectory(prefix="quotecheck-train-") as tmp:
        index = open_index(Path(folder or tmp))
        data = examples(index, halves["tuning"])
    y = np.concatenate([d[2] for d in data if len(d[2])])
    recall = sum(1 for case, _, yy in data if case.get("answerable", True) and yy.any())
    print(f"{len(y)} evidence pieces, {int(y.sum())} positive; answer among the evidence for {recall} of "
          f"{sum(1 for c, _, _ in data if c.get('answerable', True))} answerable", flush=True)
    w, b, mean, scale = fit(data)
    out = {"note": "fitted by evals/train_answers.py on the tuning half of evals/data/real/questions.jsonl",
           "weights": dict(zip(rank.FEATURES, np.round(w, 4).tolist())), "bias": round(float(b), 4),
           "mean": dict(zip(rank.FEATURES, np.round(mean, 4).tolist())),
           "scale": dict(zip(rank.FEATURES, np.round(scale, 4).tolist())), "answer_at": 0.5, "about_at": 0.3}
    rank.WEIGHTS_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    rank._model.cache_clear()
    out["answer_at"], out["about_at"] = (round(t, 3) for t in thresholds(data, rank._model()))
    rank.WEIGHTS_FILE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out["weights"]), flush=True)


if __name__ == "__main__":
    main()
