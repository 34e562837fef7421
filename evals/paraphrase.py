"""Paraphrase eval: the verdicts on the written paraphrase pairs (evals/data/real/paraphrases.jsonl).

Each pair is decided as verification decides it (`rules.decide`, the committed paraphrase weights):
the claim, its claimed speaker, and one candidate, the gold quotation confidently attributed to that
speaker inside its paragraph, with the multilingual USE cosines. So this measures the wording rules
plus the paraphrase gate, not retrieval or attribution. Reported on the sealed half (never used to
train or to choose a threshold) and on the tuning half (in-sample: the gate was trained there).

Run: `python -m evals paraphrase` (or `python -m evals.paraphrase`).
"""

from __future__ import annotations

import sys
from collections import Counter

LABELS = ("translated", "reworded", "flip", "fabrication")
SHOWN = ("paraphrase", "verbatim", "altered", "not_found")


def score(half: str) -> dict:
    from evals.train_paraphrase import featurise, load_pairs, verdict
    from retrieval.embeddings import USEEmbedder

    rows = load_pairs(half)
    featurise(rows, USEEmbedder())
    got = Counter((r["label"], verdict(r)) for r in rows)
    n = Counter(r["label"] for r in rows)
    wrong = [r for r in rows if r["label"] in ("flip", "fabrication") and verdict(r) in ("paraphrase", "verbatim")]
    return {"n": n, "got": got, "wrong": wrong, "rows": rows}


def _table(title: str, s: dict) -> list[str]:
    n, got = s["n"], s["got"]
    recall = {lab: got[(lab, "paraphrase")] / n[lab] if n[lab] else 0.0 for lab in ("translated", "reworded")}
    false = sum(got[(lab, v)] for lab in ("flip", "fabrication") for v in ("paraphrase", "verbatim"))
    lines = [f"### {title}", "",
             f"Translated recall **{got[('translated', 'paraphrase')]}/{n['translated']} = {recall['translated']:.3f}**, "
             f"reworded recall **{got[('reworded', 'paraphrase')]}/{n['reworded']} = {recall['reworded']:.3f}**, "
             f"flips or fabrications called paraphrase or verbatim: **{false}** "
             f"(of {n['flip'] + n['fabrication']}).", "",
             "| label | pairs | " + " | ".join(SHOWN) + " | other |", "|---" * (len(SHOWN) + 3) + "|"]
    for lab in LABELS:
        other = n[lab] - sum(got[(lab, v)] for v in SHOWN)
        lines.append(f"| {lab} | {n[lab]} | " + " | ".join(str(got[(lab, v)]) for v in SHOWN) + f" | {other} |")
    for r in s["wrong"]:
        lines.append(f"- false paraphrase ({r['label']}): {r['claim']!r} vs {r['source_text']!r}")
    return lines + [""]


def run() -> str:
    lines = ["## Paraphrase gate (written pairs from real quotes)", "",
             "Each pair decided by the wording rules and the trained gate against its gold quotation "
             "(see `evals/paraphrase.py`); targets (issue 13, sealed half): translated >= 0.9, "
             "reworded >= 0.6, 0 flips or fabrications called paraphrase or verbatim.", ""]
    lines += _table("Sealed half (held out from training and thresholds)", score("sealed"))
    lines += _table("Tuning half (in-sample: the gate was trained on it)", score("tuning"))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(run() + "\n")
